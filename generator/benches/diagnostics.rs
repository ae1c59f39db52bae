//! What diagnostics cost: a spec with 2,000 errors, each of which needs its line.
//! Every diagnostic used to re-parse its document to find its line (17.6 s for
//! 2,000 errors in a 567 KB spec); the line index is now built once per document.
//!
//! ```text
//! cargo bench -p openapi-bindgen --bench diagnostics
//! ```
//!
//! Prints the median of 5 runs of `generate` on the spec, which fails with every
//! error located.
#![allow(missing_docs, reason = "benchmark scaffolding")]

use std::time::{Duration, Instant};

use openapi_bindgen::Config;

const ERRORS: usize = 2_000;
const RUNS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = dir.path().join("errors.yaml");
    let mut text =
        String::from("openapi: 3.0.3\ninfo: {title: Errors, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n");
    for i in 0..ERRORS {
        // Each schema carries a long description, so the document is large, and an
        // invalid pattern, which is an error located by line.
        text.push_str(&format!(
            "    S{i}:\n      type: string\n      description: {}\n      pattern: '(unclosed{i}'\n",
            "words ".repeat(40)
        ));
    }
    std::fs::write(&spec, &text).expect("write spec");
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let failure = Config::new().generate(std::slice::from_ref(&spec)).expect_err("the spec has errors");
            assert_eq!(failure.diagnostics.iter().filter(|d| d.is_error()).count(), ERRORS);
            assert!(failure.diagnostics.iter().all(|d| d.location.as_ref().is_some_and(|l| l.line_col.is_some())));
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{ERRORS} located errors in a {} KB spec: median {:.3} s over {RUNS} runs",
        text.len() / 1024,
        times[RUNS / 2].as_secs_f64()
    );
}
