//! Compiles the golden output of `tests/generator.rs` (and runs its example tests): the
//! generated modules sit at this crate's root beside the runtime, as in a generated
//! crate, so that their `crate::runtime` paths resolve. The real-world specs of
//! `tests/corpus/` are here too: their output passes `cargo check` and clippy with
//! the rest of the tests. `#[rustfmt::skip]`: prettyplease formatted them.
#![allow(missing_docs, reason = "the module declarations are test scaffolding; the generated items inside carry docs")]

#[path = "golden/runtime.rs"]
#[rustfmt::skip]
pub mod runtime;
#[path = "golden/client.rs"]
#[rustfmt::skip]
pub mod client;

#[path = "golden/client_/mod.rs"]
#[rustfmt::skip]
pub mod client_;
#[path = "golden/constraints/mod.rs"]
#[rustfmt::skip]
pub mod constraints;
#[path = "golden/names/mod.rs"]
#[rustfmt::skip]
pub mod names;
#[path = "golden/objects/mod.rs"]
#[rustfmt::skip]
pub mod objects;
#[path = "golden/unions/mod.rs"]
#[rustfmt::skip]
pub mod unions;
#[path = "golden/hooks/mod.rs"]
#[rustfmt::skip]
pub mod hooks;
#[path = "golden/webhooks.rs"]
#[rustfmt::skip]
pub mod webhooks;
#[path = "golden/realworld/mod.rs"]
#[rustfmt::skip]
pub mod realworld;

#[path = "golden/oai_petstore/mod.rs"]
#[rustfmt::skip]
pub mod oai_petstore;
#[path = "golden/petstore_expanded/mod.rs"]
#[rustfmt::skip]
pub mod petstore_expanded;
#[path = "golden/rclone/mod.rs"]
#[rustfmt::skip]
pub mod rclone;

/// The GitHub-shaped fixture `hooks.yaml`: its HMAC-SHA256 scheme against the
/// signature npm `@octokit/webhooks-methods` made (`tests/vectors/`), and dispatch
/// by the event header and `action`, where two events share an action.
mod hooks_receiver {
    use crate::hooks::{webhooks, WebhookEvent};
    use http::{HeaderMap, HeaderValue};

    fn vector() -> serde_json::Value {
        let text = std::fs::read_to_string("tests/vectors/signatures-npm.json").expect("vectors");
        serde_json::from_str::<serde_json::Value>(&text).expect("JSON")["github"].clone()
    }

    fn headers(event: &'static str, signature: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-event", HeaderValue::from_static(event));
        h.insert("x-delivery", HeaderValue::from_static("72d3162e"));
        h.insert("x-hub-signature-256", HeaderValue::from_str(signature).expect("value"));
        h
    }

    #[test]
    fn accepts_the_octokit_signature_and_refuses_others() {
        let v = vector();
        let (secret, body, signature) = (
            v["secret"].as_str().expect("secret"),
            v["body"].as_str().expect("body"),
            v["signature"].as_str().expect("sig"),
        );
        let receiver = webhooks::Receiver::new(String::from(secret).into());
        let event = receiver.receive(&headers("user", signature), body.as_bytes()).expect("accepted");
        assert!(matches!(event, WebhookEvent::UserCreated(_)), "{event:?}");
        assert_eq!(webhooks::delivery_id(&headers("user", signature)), Some("72d3162e"));
        let tampered = body.replace("ada", "eve");
        let refused = receiver.receive(&headers("user", signature), tampered.as_bytes()).expect_err("tampered");
        assert!(matches!(refused, webhooks::Error::InvalidSignature));
        for bad in ["sha1=572004dd", "sha256=zz", "sha256="] {
            assert!(matches!(
                receiver.receive(&headers("user", bad), body.as_bytes()),
                Err(webhooks::Error::InvalidSignature)
            ));
        }
        let other = webhooks::Receiver::new("another secret".into());
        assert!(other.receive(&headers("user", signature), body.as_bytes()).is_err());
    }

    #[test]
    fn the_event_header_and_the_action_choose_the_variant() {
        let parse = |event: &'static str, body: &str| webhooks::parse(&headers(event, "sha256=00"), body.as_bytes());
        let variant = |e: &WebhookEvent| format!("{e:?}").split('(').next().unwrap_or_default().to_owned();
        // The same body, two events: the header decides.
        assert_eq!(
            variant(&parse("user", r#"{"action":"created","user":"a","team":"t"}"#).expect("user")),
            "UserCreated"
        );
        assert_eq!(
            variant(&parse("team", r#"{"action":"created","user":"a","team":"t"}"#).expect("team")),
            "TeamCreated"
        );
        assert_eq!(variant(&parse("user", r#"{"action":"deleted","user":"a"}"#).expect("deleted")), "UserDeleted");
        assert_eq!(variant(&parse("ping", r#"{"zen":"z"}"#).expect("ping")), "Ping");
        // A new action of a known event, and a new event: Unknown, named by the header.
        for (event, body) in [("user", r#"{"action":"renamed","user":"a"}"#), ("repo", r#"{"action":"created"}"#)] {
            let Ok(WebhookEvent::Unknown(unknown)) = parse(event, body) else { panic!("{event}: not Unknown") };
            assert_eq!((unknown.event(), unknown.body()), (Some(event), body));
        }
        // A known delivery that breaks its schema: refused with its identity.
        let Err(webhooks::Error::Body(e)) = parse("team", r#"{"action":"created","team":""}"#) else { panic!() };
        assert_eq!((e.event(), e.variant(), e.error().path()), (Some("team"), Some("TeamCreated"), "team"));
    }
}
