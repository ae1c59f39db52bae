//! Benchmark: `Receiver::receive` (HMAC check, dispatch, typed parse) of a GitHub
//! `push` delivery against parsing the same bytes into `serde_json::Value`. The
//! corpus run copies this file into the generated crate; run it there with
//! `cargo run --release --example receive` (see the README, "Performance").

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use github_webhooks::github_webhooks::webhooks::Receiver;
use github_webhooks::http::{HeaderMap, HeaderValue};
use hmac::Mac as _;

/// The median time of one call of `f`, over 31 rounds of `n` calls.
fn median(n: u32, mut f: impl FnMut()) -> Duration {
    let mut rounds: Vec<Duration> = (0..31)
        .map(|_| {
            let start = Instant::now();
            (0..n).for_each(|_| f());
            start.elapsed() / n
        })
        .collect();
    rounds.sort();
    rounds[15]
}

fn main() {
    let file: serde_json::Value =
        serde_json::from_str(include_str!("../deliveries.json")).expect("deliveries.json");
    let push = file["deliveries"].as_array().and_then(|d| d.iter().find(|d| d["key"] == "push")).expect("push");
    let body = serde_json::to_vec(&push["body"]).expect("body");
    let secret = "It's a Secret to Everybody";
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("key");
    mac.update(&body);
    let signature = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    let mut headers = HeaderMap::new();
    headers.insert("x-github-event", HeaderValue::from_static("push"));
    headers.insert("x-hub-signature-256", HeaderValue::from_str(&signature).expect("value"));
    let receiver = Receiver::new(secret.into());
    receiver.receive_at(SystemTime::now(), None, &headers, &body).expect("the push delivery is received");

    let n = 2000;
    let value = median(n, || {
        black_box(serde_json::from_slice::<serde_json::Value>(black_box(&body)).expect("JSON"));
    });
    let receive = median(n, || {
        black_box(receiver.receive_at(SystemTime::now(), None, &headers, black_box(&body)).expect("received"));
    });
    println!("GitHub push delivery, {} bytes, median of 31 rounds of {n}:", body.len());
    println!("  serde_json::Value           {:>8.2} µs", value.as_secs_f64() * 1e6);
    println!("  Receiver::receive           {:>8.2} µs  ({:.2}× Value)", receive.as_secs_f64() * 1e6, receive.as_secs_f64() / value.as_secs_f64());
}
