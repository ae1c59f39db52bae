//! Real GitHub deliveries (`../real/api.github.com.json`, from npm
//! `@octokit/webhooks-examples@7.6.1`) signed by the crate's `webhooks::testing`
//! (feature `testing`) as GitHub signs them, `X-Hub-Signature-256`, and received
//! by a `Receiver` with the same secret; a body changed after signing, or another
//! secret, is refused. The corpus run copies this file into the generated crate.

use std::time::SystemTime;

use github_webhooks::github_webhooks::webhooks::{self, Error};
use github_webhooks::http::HeaderValue;
use github_webhooks::runtime::Secret;

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

#[test]
fn real_deliveries_signed_for_tests_are_received() {
    let text = std::fs::read_to_string("real/api.github.com.json").expect("the recorded deliveries");
    let file: File<'_> = serde_json::from_str(&text).expect("JSON");
    let secret = Secret::new("It's a Secret to Everybody");
    let receiver = webhooks::Receiver::new(secret.clone());
    let other = webhooks::Receiver::new(Secret::new("another secret"));
    for d in file.deliveries.iter().take(40) {
        let body = d.body.get().as_bytes();
        let mut headers = webhooks::testing::sign(&secret, body, SystemTime::now());
        headers.insert("x-github-event", HeaderValue::from_str(d.event).expect("an event name"));
        match receiver.receive(&headers, body) {
            Ok(_) | Err(Error::Body(_)) => {} // authenticated; the body's typing is real_deliveries.rs's test
            Err(e) => panic!("{}: a signed delivery was refused: {e}", d.event),
        }
        assert!(matches!(other.receive(&headers, body), Err(Error::InvalidSignature)), "{}", d.event);
        let mut changed = body.to_vec();
        changed.push(b' ');
        assert!(matches!(receiver.receive(&headers, &changed), Err(Error::InvalidSignature)), "{}", d.event);
    }
}
