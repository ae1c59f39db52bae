//! What the generated API must refuse at compile time: a call that leaves out a
//! required parameter. Each case in `tests/ui/` has the exact compiler error in its
//! `.stderr` file (`TRYBUILD=overwrite cargo test --test compile_fail` rewrites them).
#![allow(missing_docs, reason = "test scaffolding")]

#[test]
fn required_parameters_cannot_be_left_out() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
