//! Receiving the vendors' webhook deliveries: each signature scheme against
//! signatures made by independent implementations (`tests/vectors/`, with their
//! provenance), replays, tampering, unknown events, bodies that break their
//! schema, source addresses, and keys kept out of every message.

use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use webhook_bindings::http::{HeaderMap, HeaderValue, StatusCode};
use webhook_bindings::webhooks::{Error, SourceCheck};
use webhook_bindings::{faxplus_webhooks, partoo, quo};

fn vectors(file: &str) -> Value {
    let text = std::fs::read_to_string(format!("tests/vectors/{file}")).expect("vectors");
    serde_json::from_str(&text).expect("JSON")
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).expect("header value"));
    }
    map
}

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

fn text<'v>(v: &'v Value, key: &str) -> &'v str {
    v[key].as_str().unwrap_or_else(|| panic!("{key}"))
}

/// The Standard Webhooks vector, its headers, and the receiver for its secret.
fn standard() -> (Value, HeaderMap, quo::webhooks::Receiver) {
    let v = vectors("signatures-npm.json")["standard_webhooks"].clone();
    let h = headers(&[
        ("webhook-id", text(&v, "id")),
        ("webhook-timestamp", &v["timestamp"].to_string()),
        ("webhook-signature", text(&v, "signature")),
    ]);
    let receiver = quo::webhooks::Receiver::new(String::from(text(&v, "secret")).into());
    (v, h, receiver)
}

#[test]
fn standard_webhooks_accepts_the_reference_signature() {
    let (v, h, receiver) = standard();
    let event = receiver.receive_at(at(1_700_000_010), None, &h, text(&v, "body").as_bytes()).expect("accepted");
    let quo::WebhookEvent::MessageReceived(message) = event else { panic!("{event:?}") };
    assert_eq!(message.id, "EVc67ec998b35c41d388af50799aeeba3e");
    assert_eq!(message.data.object.to_value().expect("a value")["body"], "Hello");
    assert_eq!(quo::webhooks::delivery_id(&h), Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"));
}

#[test]
fn standard_webhooks_any_listed_signature_may_match() {
    let (v, mut h, receiver) = standard();
    let list = format!("v1,{} v2,abc {}", &text(&v, "other_secret_signature")[3..], text(&v, "signature"));
    h.insert("webhook-signature", HeaderValue::from_str(&list).expect("value"));
    assert!(receiver.receive_at(at(1_700_000_000), None, &h, text(&v, "body").as_bytes()).is_ok());
}

#[test]
fn standard_webhooks_refuses_tampering_replays_and_other_keys() {
    let (v, h, receiver) = standard();
    let body = text(&v, "body");
    let status = |r: Result<quo::WebhookEvent, Error>| r.expect_err("refused").status();

    let tampered = body.replace("Hello", "Hellp");
    let e = receiver.receive_at(at(1_700_000_000), None, &h, tampered.as_bytes()).expect_err("tampered");
    assert!(matches!(e, Error::InvalidSignature), "{e:?}");
    // Five minutes either way, not one second more.
    assert!(receiver.receive_at(at(1_700_000_300), None, &h, body.as_bytes()).is_ok());
    assert!(receiver.receive_at(at(1_699_999_700), None, &h, body.as_bytes()).is_ok());
    let stale = receiver.receive_at(at(1_700_000_301), None, &h, body.as_bytes()).expect_err("stale");
    assert!(matches!(stale, Error::StaleTimestamp { timestamp: 1_700_000_000, now: 1_700_000_301 }), "{stale:?}");
    assert_eq!(stale.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(status(receiver.receive_at(at(1_699_999_699), None, &h, body.as_bytes())), StatusCode::UNAUTHORIZED);

    let mut other = h.clone();
    other.insert("webhook-signature", HeaderValue::from_str(text(&v, "other_secret_signature")).expect("value"));
    assert!(matches!(
        receiver.receive_at(at(1_700_000_000), None, &other, body.as_bytes()),
        Err(Error::InvalidSignature)
    ));
    // The signature covers the id and the timestamp too.
    let mut moved = h.clone();
    moved.insert("webhook-id", HeaderValue::from_static("msg_other"));
    assert!(matches!(
        receiver.receive_at(at(1_700_000_000), None, &moved, body.as_bytes()),
        Err(Error::InvalidSignature)
    ));

    let unsigned = receiver.receive_at(at(1_700_000_000), None, &HeaderMap::new(), body.as_bytes());
    assert!(matches!(unsigned, Err(Error::MissingSignature)));
}

#[test]
fn quo_legacy_signature_is_checked_with_the_decoded_key() {
    let v = vectors("signatures-python.json")["openphone"].clone();
    let receiver = quo::webhooks::Receiver::new(String::from(text(&v, "key")).into());
    let h = headers(&[("openphone-signature", text(&v, "header"))]);
    let body = text(&v, "body");
    // The timestamp is in milliseconds.
    let event = receiver.receive_at(at(1_700_000_005), None, &h, body.as_bytes()).expect("accepted");
    assert!(matches!(event, quo::WebhookEvent::MessageReceived(_)));
    let e =
        receiver.receive_at(at(1_700_000_005), None, &h, body.replace("v4", "v5").as_bytes()).expect_err("tampered");
    assert!(matches!(e, Error::InvalidSignature));
    let e = receiver.receive_at(at(1_700_003_600), None, &h, body.as_bytes()).expect_err("an hour later");
    assert!(matches!(e, Error::StaleTimestamp { .. }));
    let malformed = headers(&[("openphone-signature", "hmac;2;1;AAAA")]);
    assert!(matches!(receiver.receive_at(at(1), None, &malformed, body.as_bytes()), Err(Error::InvalidSignature)));
}

#[test]
fn partoo_ed25519_with_the_public_key_in_base64_or_pem() {
    let v = vectors("signatures-python.json")["partoo"].clone();
    let body = text(&v, "body");
    let h = headers(&[("x-partoo-signature-v1", text(&v, "signature"))]);
    for key in [text(&v, "public_key_base64"), text(&v, "public_key_pem")] {
        let receiver = partoo::webhooks::Receiver::new(key.parse().expect("public key"));
        let event = receiver.receive(&h, body.as_bytes()).expect("accepted");
        let partoo::WebhookEvent::BusinessCreated(created) = event else { panic!("{event:?}") };
        assert_eq!(created.payload.to_value().expect("a value")["name"], "Boulangerie Martin");
        let e = receiver.receive(&h, body.replace("1234", "1235").as_bytes()).expect_err("tampered");
        assert!(matches!(e, Error::InvalidSignature));
        let other = headers(&[("x-partoo-signature-v1", text(&v, "other_key_signature"))]);
        assert!(matches!(receiver.receive(&other, body.as_bytes()), Err(Error::InvalidSignature)));
        assert!(matches!(receiver.receive(&HeaderMap::new(), body.as_bytes()), Err(Error::MissingSignature)));
    }
    assert!("not a key".parse::<webhook_bindings::webhooks::PublicKey>().is_err());
}

#[test]
fn an_unknown_event_keeps_its_name_and_its_body() {
    let body = r#"{"type":"call.transferred","id":"EV1","data":{"object":{"n":18446744073709551616}}}"#;
    let event = quo::webhooks::parse(&HeaderMap::new(), body.as_bytes()).expect("parsed");
    let quo::WebhookEvent::Unknown(unknown) = &event else { panic!("{event:?}") };
    assert_eq!(unknown.event(), Some("call.transferred"));
    // Kept byte for byte, large numbers included.
    assert_eq!(unknown.body(), body);
    assert_eq!(serde_json::to_string(&event).expect("serialises"), body);
    assert!(format!("{event:?}").starts_with("Unknown("));
}

#[test]
fn a_known_event_that_breaks_its_schema_is_an_error_with_its_identity() {
    // `createdAt` is required and missing.
    let body = r#"{"id":"EV1","object":"event","apiVersion":"v4","type":"call.completed","data":{"object":{}}}"#;
    let e = quo::webhooks::parse(&HeaderMap::new(), body.as_bytes()).expect_err("breaks its schema");
    assert_eq!(e.status(), StatusCode::BAD_REQUEST);
    let Error::Body(body_error) = &e else { panic!("{e:?}") };
    assert_eq!(body_error.event(), Some("call.completed"));
    assert_eq!(body_error.variant(), Some("CallCompleted"));
    assert_eq!(body_error.body(), body.as_bytes());
    assert!(e.to_string().contains("createdAt"), "{e}");
    // A wrong value is located by its JSON path.
    let bad = body.replace(r#""object":"event""#, r#""object":"thing","createdAt":"2024-01-01T00:00:00Z""#);
    let Err(Error::Body(bad)) = quo::webhooks::parse(&HeaderMap::new(), bad.as_bytes()) else { panic!() };
    assert_eq!(bad.error().path(), "object");
    // Not JSON at all.
    let Err(Error::Body(not_json)) = quo::webhooks::parse(&HeaderMap::new(), b"{not json") else { panic!() };
    assert_eq!((not_json.event(), not_json.variant()), (None, None));
}

#[test]
fn fax_plus_deliveries_through_the_receiver_and_the_source_check() {
    let receiver = faxplus_webhooks::webhooks::Receiver::new();
    for (file, variant) in
        [("fax_sent", "FaxSent"), ("fax_received", "FaxReceived"), ("fax_page_received", "FaxPageReceived")]
    {
        let body = std::fs::read(format!("examples/payloads/faxplus_{file}.json")).expect("payload");
        let event = receiver.receive(&HeaderMap::new(), &body).expect("parsed");
        assert!(format!("{event:?}").starts_with(&format!("{variant}(")), "{event:?}");
        // Received data round-trips byte for byte, up to whitespace and key order.
        let back = serde_json::to_string(&event).expect("serialises");
        let canonical = webhook_bindings::runtime::testing::canonical;
        assert_eq!(canonical(&back), canonical(std::str::from_utf8(&body).expect("UTF-8")));
    }
    let body = std::fs::read("examples/payloads/faxplus_fax_sent.json").expect("payload");
    let checked = receiver.with_source_check(SourceCheck::Documented);
    for ok in ["34.65.253.117", "34.65.146.131", "::ffff:34.65.146.131"] {
        let peer: IpAddr = ok.parse().expect("address");
        assert!(checked.receive_from(peer, &HeaderMap::new(), &body).is_ok(), "{ok}");
    }
    let e = checked.receive_from("34.65.253.118".parse().expect("address"), &HeaderMap::new(), &body);
    assert_eq!(e.expect_err("wrong source").status(), StatusCode::FORBIDDEN);
    let e = checked.receive(&HeaderMap::new(), &body).expect_err("no peer to check");
    assert!(matches!(e, Error::Source { peer: None }), "{e:?}");
}

#[test]
fn keys_never_show_and_a_bad_key_refuses_everything() {
    let (v, h, receiver) = standard();
    let secret = text(&v, "secret");
    assert!(!format!("{receiver:?}").contains(&secret[6..]), "{receiver:?}");
    let body = text(&v, "body").replace("Hello", "x");
    let e = receiver.receive_at(at(1_700_000_000), None, &h, body.as_bytes()).expect_err("tampered");
    assert!(!format!("{e:?} {e}").contains(&secret[6..]));

    for bad in ["", "whsec_not*base64"] {
        let receiver = quo::webhooks::Receiver::new(bad.into());
        let e = receiver.receive_at(at(1_700_000_000), None, &h, text(&v, "body").as_bytes()).expect_err("bad key");
        assert!(matches!(e, Error::Key(_)), "{e:?}");
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}

#[test]
fn partoo_unknown_events_and_bad_bodies_keep_their_identity() {
    let unknown = br#"{"type":"review_created","payload":{"rating":5}}"#;
    let event = partoo::webhooks::parse(&HeaderMap::new(), unknown).expect("parsed");
    let partoo::WebhookEvent::Unknown(e) = &event else { panic!("{event:?}") };
    assert_eq!((e.event(), e.body().as_bytes()), (Some("review_created"), &unknown[..]));
    // `payload` is required.
    let broken = br#"{"type":"lead_received"}"#;
    let Err(Error::Body(e)) = partoo::webhooks::parse(&HeaderMap::new(), broken) else { panic!("accepted") };
    assert_eq!((e.event(), e.variant(), e.body()), (Some("lead_received"), Some("LeadReceived"), &broken[..]));
    assert!(e.to_string().contains("missing field `payload`"), "{e}");
}

/// A delivery that selects a webhook whose feature is off (its route decodes to
/// nothing) is `Unknown`, with its event and body, like an event the bindings do
/// not know; one whose webhook is compiled is decoded.
#[test]
fn a_delivery_of_a_webhook_not_compiled_is_unknown() {
    use webhook_bindings::runtime::select::{Key, Route, Table};
    use webhook_bindings::webhooks::{self, Decoded, Events, UnknownEvent};

    static TABLE: Table = Table {
        keys: &[Key::Body(&["type"])],
        routes: &[Route { facts: &[(0, &["on"])], required: &[] }, Route { facts: &[(0, &["off"])], required: &[] }],
        index: &[("off", 1), ("on", 0)],
    };
    #[derive(Debug)]
    enum Event {
        On(Box<Value>),
        Unknown(UnknownEvent),
    }
    fn decode(route: usize, body: &[u8]) -> Decoded<Event> {
        match route {
            0 => webhooks::decode(body, Event::On),
            _ => None,
        }
    }
    let events = Events { table: &TABLE, names: &["On", "Off"], event_header: None, decode, unknown: Event::Unknown };
    let headers = HeaderMap::new();
    match webhooks::parse(&events, &headers, br#"{"type": "off", "n": 1}"#) {
        Ok(Event::Unknown(unknown)) => {
            assert_eq!(unknown.event(), Some("off"));
            assert_eq!(unknown.body(), r#"{"type": "off", "n": 1}"#);
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert!(matches!(webhooks::parse(&events, &headers, br#"{"type": "on"}"#), Ok(Event::On(v)) if v["type"] == "on"));
}

/// `webhooks::testing` signs as the independent implementations do: the same
/// inputs give the very headers npm standardwebhooks and Python's hmac and PyNaCl
/// made (`tests/vectors/`). GitHub's scheme is checked on the `hooks` fixture
/// (`tests/golden_compiles.rs`).
mod test_signatures_match_independent_signers {
    use super::*;
    use webhook_bindings::client::Secret;

    #[test]
    fn standard_webhooks_as_npm_standardwebhooks_signs() {
        let v = &vectors("signatures-npm.json")["standard_webhooks_testing"];
        let secret = Secret::new(v["secret"].as_str().expect("secret"));
        let body = v["body"].as_str().expect("body");
        let scheme = quo::webhooks::Scheme::StandardWebhooks { tolerance: 300 };
        let at = at(v["timestamp"].as_u64().expect("timestamp"));
        let headers = quo::webhooks::testing::sign_with(scheme, &secret, body.as_bytes(), at).expect("a whsec_ secret");
        assert_eq!(headers["webhook-id"], v["id"].as_str().expect("id"));
        assert_eq!(headers["webhook-timestamp"], v["timestamp"].to_string().as_str());
        assert_eq!(headers["webhook-signature"], v["signature"].as_str().expect("signature"));
    }

    #[test]
    fn quo_legacy_as_python_hmac_signs() {
        let v = &vectors("signatures-python.json")["openphone"];
        let secret = Secret::new(v["key"].as_str().expect("key"));
        let body = v["body"].as_str().expect("body");
        let millis: u64 = v["timestamp"].as_str().expect("timestamp").parse().expect("milliseconds");
        let at = UNIX_EPOCH + Duration::from_millis(millis);
        let scheme = quo::webhooks::Scheme::OpenPhone { tolerance: 300 };
        let headers = quo::webhooks::testing::sign_with(scheme, &secret, body.as_bytes(), at).expect("a base64 key");
        assert_eq!(headers["openphone-signature"], v["header"].as_str().expect("header"));
        let no_legacy = quo::webhooks::testing::sign_with(scheme, &Secret::new("whsec_not base64!"), b"{}", at);
        assert!(no_legacy.is_err(), "a secret that serves no scheme is an error");
    }

    #[test]
    fn partoo_ed25519_as_pynacl_signs() {
        use sha2::Digest as _;
        let v = &vectors("signatures-python.json")["partoo"];
        let seed: [u8; 32] = sha2::Sha256::digest(b"partoo test seed").into();
        let pair = partoo::webhooks::testing::KeyPair::from_seed(seed);
        let public: partoo::webhooks::PublicKey = v["public_key_base64"].as_str().expect("key").parse().expect("a key");
        assert_eq!(format!("{:?}", pair.public_key()), format!("{public:?}"));
        let body = v["body"].as_str().expect("body");
        let headers = partoo::webhooks::testing::sign(&pair, body.as_bytes(), SystemTime::now());
        assert_eq!(headers["x-partoo-signature-v1"], v["signature"].as_str().expect("signature"));
    }
}
