//! Real GitHub webhook deliveries, recorded by GitHub for its documentation and
//! published by the npm package `@octokit/webhooks-examples@7.6.1` (MIT; see
//! `../real/README.md`): 329 deliveries of github.com (`api.github.com.json`) and
//! 49 of GitHub Enterprise Server 3.1 (`ghes-3.1.json`), an older schema version.
//! Each is parsed with its `X-GitHub-Event` as GitHub sends it. None may select
//! another event's variant; a typed one must write back as it was sent; a refused
//! one must be a body error that names its event and keeps its bytes. The counts
//! depend on the received-data policy the crate was generated with: the test
//! prints them, and with the tolerant policy (the corpus run says which in
//! `CORPUS_RECEIVED`) none may be refused.

use github_webhooks::github_webhooks::webhooks::{self, Error};
use github_webhooks::github_webhooks::WebhookEvent;
use github_webhooks::http::{HeaderMap, HeaderValue};

#[derive(serde::Deserialize)]
struct Delivery<'a> {
    event: &'a str,
    #[serde(borrow)]
    body: &'a serde_json::value::RawValue,
}

#[derive(serde::Deserialize)]
struct File<'a> {
    #[serde(borrow)]
    deliveries: Vec<Delivery<'a>>,
}

/// `check_run` with action `completed` → `CheckRunCompleted`. A
/// `repository_dispatch` delivery's action is the sender's own `event_type`, so
/// the event's one webhook (`repository-dispatch-sample.collected`) takes any.
fn expected_variant(event: &str, action: Option<&str>) -> String {
    if event == "repository_dispatch" {
        return "RepositoryDispatchSampleCollected".to_owned();
    }
    let words = event.split(['_', '-']).chain(action.into_iter().flat_map(|a| a.split(['_', '-'])));
    words.map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

/// Typed, unknown and refused counts of one file, and what went wrong.
fn parse_all(name: &str, text: &str) -> (usize, usize, Vec<String>, Vec<String>) {
    let file: File<'_> = serde_json::from_str(text).expect(name);
    let (mut typed, mut unknown, mut refused, mut failures) = (0, 0, Vec::new(), Vec::new());
    for d in &file.deliveries {
        let mut headers = HeaderMap::new();
        headers.insert("x-github-event", HeaderValue::from_str(d.event).expect("value"));
        let body = d.body.get();
        let action: Option<String> =
            serde_json::from_str::<serde_json::Value>(body).ok().and_then(|v| v["action"].as_str().map(str::to_owned));
        let expected = expected_variant(d.event, action.as_deref());
        match webhooks::parse(&headers, body.as_bytes()) {
            Ok(WebhookEvent::Unknown(u)) => {
                assert_eq!(u.body(), body, "an unknown delivery keeps its body");
                unknown += 1;
            }
            Ok(event) => {
                let debug = format!("{event:?}");
                let selected = debug.split('(').next().unwrap_or_default();
                if selected != expected {
                    failures.push(format!("{name} {} {action:?}: selected {selected}", d.event));
                }
                let back = serde_json::to_string(&event).expect("serialises");
                let canonical = github_webhooks::runtime::testing::canonical;
                let (before, after) = (canonical(body), canonical(&back));
                if before != after {
                    let at = before.bytes().zip(after.bytes()).position(|(a, b)| a != b).unwrap_or(0);
                    let near = |text: &str| text.get(at.saturating_sub(80)..).unwrap_or(text).chars().take(120).collect::<String>();
                    failures.push(format!("{name} {expected}: written back …{}… as …{}…", near(&before), near(&after)));
                }
                typed += 1;
            }
            Err(Error::Body(e)) => {
                assert_eq!((e.event(), e.body()), (Some(d.event), body.as_bytes()));
                if e.variant().is_some_and(|v| v != expected) {
                    failures.push(format!("{name} {expected}: refused as {:?}", e.variant()));
                }
                refused.push(format!("{expected} at {}: {}", e.error().path(), e.error()));
            }
            Err(e) => failures.push(format!("{name} {expected}: {e}")),
        }
    }
    (typed, unknown, refused, failures)
}

#[test]
fn every_real_delivery_selects_its_event_and_loses_nothing() {
    let tolerant = std::env::var("CORPUS_RECEIVED").is_ok_and(|policy| policy == "tolerant");
    let mut failures = Vec::new();
    for (name, text) in [
        ("api.github.com", include_str!("../real/api.github.com.json")),
        ("ghes-3.1", include_str!("../real/ghes-3.1.json")),
    ] {
        let (typed, unknown, refused, mut wrong) = parse_all(name, text);
        eprintln!("real deliveries, {name}: {typed} typed, {unknown} unknown, {} refused", refused.len());
        refused.iter().take(3).for_each(|r| eprintln!("  e.g. refused: {r}"));
        // With the tolerant policy and the overlay's fixes, every delivery is typed
        // or, for an event or an action the spec does not have (GHES 3.1 sends
        // `content_reference` and `user`), `Unknown` with its body.
        if tolerant && !refused.is_empty() {
            failures.push(format!("{name}: {} refused with the tolerant policy:\n{}", refused.len(), refused.join("\n")));
        }
        failures.append(&mut wrong);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
