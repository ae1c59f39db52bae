//! What validation costs: deserialising a 1,000-item Quo webhook list into the
//! generated types, with their checks (`webhook_bindings::quo`) and without them
//! (the same types generated with `Validation::None` by this crate's `build.rs`).
//! `serde_json::Value` is the untyped baseline.
//!
//! Run with `cargo bench -p validation-bench`; it prints the median time per list
//! over a number of rounds, and the overhead.
#![allow(missing_docs, reason = "benchmark scaffolding")]

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde_json::Value;

use validation_bench::quo as quo_unchecked;

const ITEMS: usize = 1_000;
const ROUNDS: usize = 200;

/// A list of `ITEMS` webhooks, cycling through the kinds of the example payload,
/// each with its own id.
fn payload() -> String {
    let example: Value =
        serde_json::from_str(include_str!("../../../examples/payloads/quo_webhooks.json")).expect("example payload");
    let kinds = example["data"].as_array().expect("data").clone();
    let data: Vec<Value> = (0..ITEMS)
        .map(|i| {
            let mut item = kinds[i % kinds.len()].clone();
            item["id"] = Value::String(format!("WH{i:06}"));
            item
        })
        .collect();
    serde_json::json!({ "data": data }).to_string()
}

/// The median time of `ROUNDS` runs of `f`.
fn median(mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[ROUNDS / 2]
}

fn main() {
    let json = payload();
    let checked: webhook_bindings::quo::ListWebhooksV1Response = serde_json::from_str(&json).expect("checked");
    let unchecked: quo_unchecked::ListWebhooksV1Response = serde_json::from_str(&json).expect("unchecked");
    assert_eq!(checked.data.len(), ITEMS);
    assert_eq!(unchecked.data.len(), ITEMS);

    let value = median(|| {
        black_box(serde_json::from_str::<Value>(black_box(&json)).expect("value"));
    });
    let with = median(|| {
        black_box(serde_json::from_str::<webhook_bindings::quo::ListWebhooksV1Response>(black_box(&json)).expect("ok"));
    });
    let without = median(|| {
        black_box(serde_json::from_str::<quo_unchecked::ListWebhooksV1Response>(black_box(&json)).expect("ok"));
    });
    let mb = json.len() as f64 / 1e6;
    let row = |name: &str, d: Duration| {
        println!("{name:<32} {:>9.3} ms  {:>7.1} MB/s", d.as_secs_f64() * 1e3, mb / d.as_secs_f64());
    };
    println!("Quo webhook list: {ITEMS} items, {:.1} KB, median of {ROUNDS} rounds", json.len() as f64 / 1e3);
    row("serde_json::Value (untyped)", value);
    row("typed, validation off", without);
    row("typed, validation on", with);
    let overhead = (with.as_secs_f64() / without.as_secs_f64() - 1.0) * 100.0;
    println!(
        "validation overhead: {overhead:+.1}% ({:.1} µs per item)",
        (with - without.min(with)).as_secs_f64() * 1e6 / ITEMS as f64
    );
}
