//! Compiles the golden output of `tests/generator.rs` (and runs its example tests): the
//! generated modules sit at this crate's root beside the runtime, as in a generated
//! crate, so that their `crate::runtime` paths resolve. The real-world specs of
//! `tests/corpus/` are here too: their output passes `cargo check` and clippy with
//! the rest of the tests. `#[rustfmt::skip]`: prettyplease formatted them.
#![allow(missing_docs, reason = "the module declarations are test scaffolding; the generated items inside carry docs")]

#[path = "golden/runtime.rs"]
#[rustfmt::skip]
pub mod runtime;
#[path = "golden/client.rs"]
#[rustfmt::skip]
pub mod client;

#[path = "golden/client_/mod.rs"]
#[rustfmt::skip]
pub mod client_;
#[path = "golden/constraints/mod.rs"]
#[rustfmt::skip]
pub mod constraints;
#[path = "golden/names/mod.rs"]
#[rustfmt::skip]
pub mod names;
#[path = "golden/objects/mod.rs"]
#[rustfmt::skip]
pub mod objects;
#[path = "golden/unions/mod.rs"]
#[rustfmt::skip]
pub mod unions;
#[path = "golden/hooks/mod.rs"]
#[rustfmt::skip]
pub mod hooks;
#[path = "golden/webhooks.rs"]
#[rustfmt::skip]
pub mod webhooks;
#[path = "golden/realworld/mod.rs"]
#[rustfmt::skip]
pub mod realworld;

#[path = "golden/oai_petstore/mod.rs"]
#[rustfmt::skip]
pub mod oai_petstore;
#[path = "golden/petstore_expanded/mod.rs"]
#[rustfmt::skip]
pub mod petstore_expanded;
#[path = "golden/rclone/mod.rs"]
#[rustfmt::skip]
pub mod rclone;
