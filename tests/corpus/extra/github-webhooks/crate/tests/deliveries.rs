//! One delivery for every one of the 261 webhooks of GitHub's spec (`deliveries.json`,
//! generated from each webhook's own schema by json-schema-faker, and marked `valid`
//! by Python jsonschema: see `../make_deliveries.*`), sent as GitHub sends it, with
//! its `X-GitHub-Event`. Each must select its own variant; each valid one must parse
//! and serialise back to an equal value, and an invalid one must be refused as a body
//! error of that same variant. The corpus run copies this file into the generated
//! crate and runs it.

use github_webhooks::github_webhooks::webhooks::{self, Error};
use github_webhooks::http::{HeaderMap, HeaderValue};

/// `check-run-completed` → `CheckRunCompleted`, the variant named after the key.
fn variant(key: &str) -> String {
    key.split(['-', '.']).map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

/// The first place where two values differ, as a JSON path with both values.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.keys().chain(y.keys()).find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, &format!("{path}.{k}")),
                (p, q) => Some(format!("{path}.{k}: {p:?} vs {q:?}")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (p, q))| first_difference(p, q, &format!("{path}[{i}]")))
        }
        _ if github_webhooks::runtime::json_equal(a, b) => None,
        _ => Some(format!("{path}: {a} vs {b}")),
    }
}

#[test]
fn every_webhook_selects_its_own_variant() {
    let file: serde_json::Value =
        serde_json::from_str(include_str!("../deliveries.json")).expect("deliveries.json");
    let deliveries = file["deliveries"].as_array().expect("deliveries");
    assert_eq!(deliveries.len(), 261);
    let (mut parsed, mut refused, mut failures) = (0, 0, Vec::new());
    for d in deliveries {
        let key = d["key"].as_str().expect("key");
        let expected = variant(key);
        let mut headers = HeaderMap::new();
        headers.insert("x-github-event", HeaderValue::from_str(d["event"].as_str().expect("event")).expect("value"));
        headers.insert("x-github-delivery", HeaderValue::from_static("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        let body = serde_json::to_vec(&d["body"]).expect("body");
        match (webhooks::parse(&headers, &body), d["valid"].as_bool()) {
            (Ok(event), _) => {
                let debug = format!("{event:?}");
                let selected = debug.split('(').next().unwrap_or_default();
                if selected != expected {
                    failures.push(format!("{key}: selected {selected}"));
                }
                let back = serde_json::to_value(&event).expect("serialises");
                if let Some(difference) = first_difference(&d["body"], &back, "") {
                    failures.push(format!("{key}: the round trip changed {difference}"));
                }
                parsed += 1;
            }
            (Err(Error::Body(e)), Some(false)) if e.variant() == Some(expected.as_str()) => refused += 1,
            (Err(e), valid) => failures.push(format!("{key} (valid: {valid:?}): {e}")),
        }
    }
    eprintln!("{parsed} parsed into their own variant, {refused} invalid ones refused as their own variant");
    assert!(failures.is_empty(), "{} of 261 failed:\n{}", failures.len(), failures.join("\n"));
}
