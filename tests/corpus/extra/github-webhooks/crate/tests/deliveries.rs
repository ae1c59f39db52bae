//! One delivery for every one of the 261 webhooks of GitHub's spec (`deliveries.json`,
//! generated from each webhook's own schema by json-schema-faker, and marked `valid`
//! by Python jsonschema: see `../make_deliveries.*`), sent as GitHub sends it, with
//! its `X-GitHub-Event`. Each must select its own variant; each valid one must parse
//! and serialise back to the same text (up to whitespace and key order: numbers as
//! json-schema-faker wrote them), and an invalid one must be refused as a body error
//! of that same variant. The corpus run copies this file into the generated
//! crate and runs it.

use github_webhooks::github_webhooks::webhooks::{self, Error};
use github_webhooks::http::{HeaderMap, HeaderValue};

/// `check-run-completed` → `CheckRunCompleted`, the variant named after the key.
fn variant(key: &str) -> String {
    key.split(['-', '.']).map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

/// One entry of `deliveries.json`, its body kept as the text json-schema-faker wrote.
#[derive(serde::Deserialize)]
struct Delivery<'a> {
    key: &'a str,
    event: &'a str,
    #[serde(borrow)]
    body: &'a serde_json::value::RawValue,
    valid: Option<bool>,
}

#[derive(serde::Deserialize)]
struct File<'a> {
    #[serde(borrow)]
    deliveries: Vec<Delivery<'a>>,
}

#[test]
fn every_webhook_selects_its_own_variant() {
    let file: File<'_> = serde_json::from_str(include_str!("../deliveries.json")).expect("deliveries.json");
    assert_eq!(file.deliveries.len(), 261);
    let canonical = github_webhooks::runtime::testing::canonical;
    let (mut parsed, mut refused, mut failures) = (0, 0, Vec::new());
    for d in &file.deliveries {
        let expected = variant(d.key);
        let mut headers = HeaderMap::new();
        headers.insert("x-github-event", HeaderValue::from_str(d.event).expect("value"));
        headers.insert("x-github-delivery", HeaderValue::from_static("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        let body = d.body.get();
        match (webhooks::parse(&headers, body.as_bytes()), d.valid) {
            (Ok(event), _) => {
                let debug = format!("{event:?}");
                let selected = debug.split('(').next().unwrap_or_default();
                if selected != expected {
                    failures.push(format!("{}: selected {selected}", d.key));
                }
                // Byte for byte, up to whitespace and key order: numbers as the faker wrote them.
                let back = serde_json::to_string(&event).expect("serialises");
                let (before, after) = (canonical(body), canonical(&back));
                if before != after {
                    let at = before.bytes().zip(after.bytes()).position(|(a, b)| a != b).unwrap_or(0);
                    let near = |text: &str| {
                        text.get(at.saturating_sub(60)..).unwrap_or(text).chars().take(100).collect::<String>()
                    };
                    failures.push(format!(
                        "{}: the round trip changed …{}… into …{}…",
                        d.key,
                        near(&before),
                        near(&after)
                    ));
                }
                parsed += 1;
            }
            (Err(Error::Body(e)), Some(false)) if e.variant() == Some(expected.as_str()) => refused += 1,
            (Err(e), valid) => failures.push(format!("{} (valid: {valid:?}): {e}", d.key)),
        }
    }
    eprintln!("{parsed} parsed into their own variant, {refused} invalid ones refused as their own variant");
    assert!(failures.is_empty(), "{} of 261 failed:\n{}", failures.len(), failures.join("\n"));
}
