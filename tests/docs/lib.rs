//! The Rust snippets of the user documentation are doctests: rustdoc compiles each
//! (and runs those not marked `no_run`) against the bindings the other tests built,
//! so a snippet that no longer compiles fails `cargo test`. A snippet that cannot
//! compile on its own is marked `ignore`, with the reason beside it.

#[doc = include_str!("../../README.md")]
#[allow(clippy::needless_doctest_main, reason = "the README shows a build script, whose `main` is the point")]
mod readme {}

#[doc = include_str!("../../docs/reference.md")]
mod reference {}
