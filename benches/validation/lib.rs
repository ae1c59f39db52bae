//! The Quo bindings generated without validation (`build.rs`), beside the checked
//! ones of `webhook_bindings::quo`: `benches/validation.rs` compares them.
#![allow(missing_docs, dead_code, unused_imports, reason = "generated code, of which the benchmark reads one type")]
#![allow(unexpected_cfgs, reason = "the module is gated on its spec's tag features, which `full` covers")]

// The module runs on webhook-bindings' runtime: the same code the checked module
// runs on, compiled once.
pub use webhook_bindings::{client, runtime, webhooks};

include!(concat!(env!("OUT_DIR"), "/unchecked/modules.rs"));
