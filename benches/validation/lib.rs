//! The Quo bindings generated without validation (`build.rs`), beside the checked
//! ones of `webhook_bindings::quo`: `benches/validation.rs` compares them.
#![allow(missing_docs, dead_code, unused_imports, reason = "generated code, of which the benchmark reads one type")]

include!(concat!(env!("OUT_DIR"), "/unchecked/modules.rs"));
