//! Compiles the golden output of `tests/golden.rs` (and runs its example tests): the
//! generated modules sit at this crate's root beside the runtime, as in a generated
//! crate, so that their `crate::runtime` paths resolve. The real-world specs of
//! `tests/corpus/` are here too: their output passes `cargo check` and clippy with
//! the rest of the tests.
#![allow(missing_docs, reason = "the golden modules' docs are checked in generated/; fixtures need none")]

#[path = "golden/runtime.rs"]
pub mod runtime;

#[path = "golden/constraints/mod.rs"]
pub mod constraints;
#[path = "golden/names/mod.rs"]
pub mod names;
#[path = "golden/objects/mod.rs"]
pub mod objects;
#[path = "golden/unions/mod.rs"]
pub mod unions;
#[path = "golden/webhooks/mod.rs"]
pub mod webhooks;

#[path = "golden/oai_petstore/mod.rs"]
pub mod oai_petstore;
#[path = "golden/petstore_expanded/mod.rs"]
pub mod petstore_expanded;
#[path = "golden/rclone/mod.rs"]
pub mod rclone;
