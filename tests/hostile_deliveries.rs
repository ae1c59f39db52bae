//! Receivers under attack: what an unauthenticated sender can make a receiver do.
//! Each test here is one attack that worked once (issue "Receivers under attack"):
//! replies that echoed the sender's values, unauthenticated requests answered 500,
//! JSON silently turned into `null`, a timestamp window a second too wide, weak
//! Ed25519 keys, and bodies read without a limit.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::Mac as _;
use webhook_bindings::http::{HeaderMap, HeaderValue, StatusCode};
use webhook_bindings::runtime::Json;
use webhook_bindings::webhooks::{Error, KeyError, PublicKey, Scheme};
use webhook_bindings::{faxplus_webhooks, quo};

const QUO_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
/// Quo's legacy key: plain base64, which also serves Standard Webhooks.
const LEGACY_KEY: &str = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const QUO_BODY: &str = r#"{"id":"EV1","object":"event","apiVersion":"v4","createdAt":"2024-05-01T10:00:00Z","type":"message.received","data":{"object":{"body":"Hello"}}}"#;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).expect("header value"));
    }
    map
}

fn hmac_base64(key: &[u8], message: &[u8]) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("any key length");
    mac.update(message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A Fax.Plus delivery whose `pages`, an integer, is a string of `length` `x`s.
fn faxplus_with_pages(pages: &str) -> String {
    let sent = std::fs::read_to_string("examples/payloads/faxplus_fax_sent.json").expect("payload");
    sent.replace(r#""pages": 1"#, &format!(r#""pages": {}"#, serde_json::to_string(pages).expect("a string")))
}

mod reflected_input {
    use super::*;

    /// A 1 MB string where an integer belongs: the error the handler gets keeps
    /// everything, and what goes back to the sender (and into logs through
    /// `Display`) is a fixed sentence with a short excerpt.
    #[test]
    fn a_large_value_is_not_echoed() {
        let huge = "x".repeat(1 << 20);
        let body = faxplus_with_pages(&huge);
        let receiver = faxplus_webhooks::webhooks::Receiver::new();
        let e = receiver.receive(&HeaderMap::new(), body.as_bytes()).expect_err("a string is no integer");
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        let reply = e.reply();
        assert!(reply.len() < 400, "{} bytes: {}", reply.len(), &reply[..400]);
        assert!(reply.starts_with("the delivery's body is not valid: at data.pages: invalid type: string"), "{reply}");
        assert!(reply.contains("more characters)"), "{reply}");
        let display = e.to_string();
        assert!(display.len() < 500, "Display is {} bytes", display.len());
        // The whole error and the body stay with the value.
        let Error::Body(body_error) = &e else { panic!("{e:?}") };
        assert!(body_error.error().to_string().contains(&huge));
        assert_eq!(body_error.body(), body.as_bytes());
        assert_eq!(body_error.error().path(), "data.pages");
    }

    /// Control and bidirectional characters are escaped: a reply or a log line
    /// cannot be split, recoloured or reordered by the sender.
    #[test]
    fn control_characters_are_escaped() {
        let body = faxplus_with_pages("\u{1b}[31mred\r\nSet-Cookie: a=b\u{202e}");
        let e = faxplus_webhooks::webhooks::parse(&HeaderMap::new(), body.as_bytes()).expect_err("not an integer");
        for text in [e.reply(), e.to_string()] {
            assert!(!text.chars().any(|c| c.is_control() || c == '\u{202e}'), "{text:?}");
            assert!(text.contains("[31mred") && !text.contains("\r\n"), "{text}");
        }
    }

    /// An event name the sender chose is bounded too: a `type` that repeats a known
    /// event 100,000 times in an array selects that event, fails its schema, and
    /// names itself by all of them.
    #[test]
    fn a_long_event_name_is_bounded() {
        let names = vec!["message.received"; 100_000];
        let body = QUO_BODY.replace(r#""message.received""#, &serde_json::to_string(&names).expect("JSON"));
        let e = quo::webhooks::parse(&HeaderMap::new(), body.as_bytes()).expect_err("`type` is one string");
        let Error::Body(body_error) = &e else { panic!("{e:?}") };
        assert!(body_error.event().is_some_and(|event| event.len() > 1_000_000));
        assert!(e.to_string().len() < 500, "Display is {} bytes", e.to_string().len());
        assert!(e.reply().len() < 400);
    }
}

#[cfg(feature = "axum")]
mod over_http {
    use std::net::SocketAddr;

    use axum::extract::DefaultBodyLimit;
    use axum::routing::post;
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    use super::*;

    async fn on_faxplus(_event: faxplus_webhooks::webhooks::Verified) -> &'static str {
        "ok"
    }

    /// A Fax.Plus receiver on loopback, with axum's own body limit switched off:
    /// the receiver's limit is what holds.
    async fn server(receiver: faxplus_webhooks::webhooks::Receiver) -> SocketAddr {
        let app = axum::Router::new()
            .route("/faxplus", post(on_faxplus))
            .layer(DefaultBodyLimit::disable())
            .with_state(receiver);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move { axum::serve(listener, app).await });
        address
    }

    #[tokio::test]
    async fn the_reply_to_a_1_mb_value_is_short() {
        let address = server(faxplus_webhooks::webhooks::Receiver::new()).await;
        let body = faxplus_with_pages(&"x".repeat(1 << 20));
        let reply =
            reqwest::Client::new().post(format!("http://{address}/faxplus")).body(body).send().await.expect("a reply");
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
        let text = reply.text().await.expect("text");
        assert!(text.len() < 400, "{} bytes", text.len());
        assert!(text.starts_with("the delivery's body is not valid: at data.pages"), "{text}");
    }

    /// A body declared at 200 MB is refused from its headers, unread.
    #[tokio::test]
    async fn a_declared_200_mb_body_is_refused_unread() {
        let address = server(faxplus_webhooks::webhooks::Receiver::new()).await;
        let mut stream = tokio::net::TcpStream::connect(address).await.expect("connect");
        let head =
            "POST /faxplus HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 209715200\r\n\r\n";
        stream.write_all(head.as_bytes()).await.expect("headers sent");
        let mut reply = vec![0; 1024];
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut reply))
            .await
            .expect("answered without the body")
            .expect("read");
        let reply = String::from_utf8_lossy(&reply[..n]);
        assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
        assert!(reply.contains("longer than 2097152 bytes"), "{reply}");
    }

    /// A streamed 200 MB body, without a length, stops at the limit: the server
    /// answers 413 and stops reading long before the sender is done.
    #[tokio::test]
    async fn a_streamed_200_mb_body_stops_at_the_limit() {
        let receiver = faxplus_webhooks::webhooks::Receiver::new().with_body_limit(64 * 1024);
        assert_eq!(receiver.body_limit(), 64 * 1024);
        let address = server(receiver).await;
        let stream = tokio::net::TcpStream::connect(address).await.expect("connect");
        let (mut reader, mut writer) = stream.into_split();
        let sender = tokio::spawn(async move {
            let head = "POST /faxplus HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
            writer.write_all(head.as_bytes()).await.expect("headers sent");
            let chunk = format!("{:x}\r\n{}\r\n", 1 << 16, "x".repeat(1 << 16));
            let mut sent = 0usize;
            while sent < 200 << 20 {
                if writer.write_all(chunk.as_bytes()).await.is_err() {
                    break;
                }
                sent += 1 << 16;
            }
            sent
        });
        let mut reply = vec![0; 1024];
        let n = tokio::time::timeout(Duration::from_secs(30), reader.read(&mut reply))
            .await
            .expect("answered")
            .expect("read");
        let reply = String::from_utf8_lossy(&reply[..n]).into_owned();
        assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
        drop(reader);
        let sent = tokio::time::timeout(Duration::from_secs(30), sender).await.expect("sender stops").expect("sent");
        assert!(sent < 200 << 20, "the whole body was taken: {sent} bytes");
    }
}

mod unauthenticated_500 {
    use super::*;

    /// A `whsec_` secret cannot serve Quo's legacy scheme, whose key is plain
    /// base64: a request carrying only a legacy header is unsigned for this
    /// receiver (401), not a misconfiguration (500).
    #[test]
    fn a_header_of_a_scheme_the_key_does_not_serve_is_401() {
        let receiver = quo::webhooks::Receiver::new(QUO_SECRET.into());
        assert_eq!(receiver.schemes(), [Scheme::StandardWebhooks { tolerance: 300 }]);
        for garbage in ["hmac;1;1700000000000;AAAA", "x", "hmac;1;;"] {
            let h = headers(&[("openphone-signature", garbage)]);
            let e = receiver.receive(&h, QUO_BODY.as_bytes()).expect_err("unsigned for this key");
            assert!(matches!(e, Error::MissingSignature), "{e:?}");
            assert_eq!(e.status(), StatusCode::UNAUTHORIZED);
        }
    }

    /// A legacy key serves both schemes.
    #[test]
    fn a_base64_key_serves_both_schemes() {
        let receiver = quo::webhooks::Receiver::try_new(LEGACY_KEY.into()).expect("a usable key");
        assert_eq!(
            receiver.schemes(),
            [Scheme::StandardWebhooks { tolerance: 300 }, Scheme::OpenPhone { tolerance: 300 }]
        );
        let key = base64::engine::general_purpose::STANDARD.decode(LEGACY_KEY).expect("base64");
        let timestamp = SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_secs();
        let signature = hmac_base64(&key, format!("msg_1.{timestamp}.{QUO_BODY}").as_bytes());
        let h = headers(&[
            ("webhook-id", "msg_1"),
            ("webhook-timestamp", &timestamp.to_string()),
            ("webhook-signature", &format!("v1,{signature}")),
        ]);
        assert!(receiver.receive(&h, QUO_BODY.as_bytes()).is_ok());
    }

    /// `try_new` refuses a key that serves no scheme; `new` keeps its signature and
    /// answers every delivery 500, the misconfigured receiver's status.
    #[test]
    fn a_key_that_serves_nothing_is_refused_when_built() {
        for bad in ["", "whsec_", "whsec_not*base64", "not base64!"] {
            let e = quo::webhooks::Receiver::try_new(bad.into()).expect_err("no scheme served");
            assert!(e.to_string().starts_with("unusable webhook key"), "{e}");
            let receiver = quo::webhooks::Receiver::new(bad.into());
            assert!(receiver.schemes().is_empty());
            let e = receiver.receive(&HeaderMap::new(), QUO_BODY.as_bytes()).expect_err("misconfigured");
            assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        }
        assert!(quo::webhooks::Receiver::try_new(QUO_SECRET.into()).is_ok());
    }
}

mod json_to_value {
    use super::*;

    fn json(text: &str) -> Json {
        Json::from_text(text).expect("JSON")
    }

    #[test]
    fn a_number_beyond_f64_is_an_error_with_its_path_not_null() {
        for (text, path) in [
            (r#"{"a":{"b":1e400}}"#, "a.b"),
            (r#"[0,{"n":-1e400}]"#, "[1].n"),
            (&format!(r#"{{"big":{}}}"#, "9".repeat(1_000_000)), "big"),
        ] {
            let e = json(text).to_value().expect_err("not representable");
            assert_eq!(e.path(), path);
            assert!(e.to_string().contains("number out of range"), "{e}");
        }
        // Within range, large numbers round as documented, and the text keeps them.
        let value = json("18446744073709551617").to_value().expect("rounds");
        assert_eq!(value.as_f64(), Some(18446744073709551617.0));
        // serde_json's own conversion refuses too, rather than writing `null`.
        assert!(serde_json::to_value(json(r#"{"a":1e400}"#)).is_err());
    }

    #[test]
    fn nesting_beyond_128_levels_is_an_error_not_null() {
        let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
        let e = json(&format!(r#"{{"a":{deep}}}"#)).to_value().expect_err("too deep");
        assert!(e.to_string().contains("recursion limit exceeded"), "{e}");
        let shallow = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(json(&shallow).to_value().is_ok());
    }

    #[test]
    fn an_unknown_event_with_such_a_number_says_so() {
        let body = r#"{"type":"call.transferred","data":{"n":1e400}}"#;
        let quo::WebhookEvent::Unknown(event) =
            quo::webhooks::parse(&HeaderMap::new(), body.as_bytes()).expect("parsed")
        else {
            panic!("not unknown")
        };
        assert_eq!(event.body(), body);
        assert_eq!(event.json().expect_err("out of range").path(), "data.n");
    }

    #[test]
    fn unrepresentable_values_compare_by_their_text() {
        assert!(json("1e400") == json("1e400"));
        assert!(json("1e400") != json("2e400"));
        assert!(json(" 1") == json("1"));
    }
}

/// Quo's legacy timestamps are in milliseconds: the window is compared to the
/// millisecond, not after dropping them.
#[test]
fn the_legacy_window_ends_at_300_000_ms() {
    let key = base64::engine::general_purpose::STANDARD.decode(LEGACY_KEY).expect("base64");
    let receiver = quo::webhooks::Receiver::new(LEGACY_KEY.into());
    let signed_at: u64 = 1_700_000_000_123;
    let signature = hmac_base64(&key, format!("{signed_at}.{QUO_BODY}").as_bytes());
    let h = headers(&[("openphone-signature", &format!("hmac;1;{signed_at};{signature}"))]);
    let at = |ms: u64| UNIX_EPOCH + Duration::from_millis(ms);
    for accepted in [signed_at, signed_at + 300_000, signed_at - 300_000] {
        assert!(receiver.receive_at(at(accepted), None, &h, QUO_BODY.as_bytes()).is_ok(), "{accepted}");
    }
    for late in [300_001, 300_500, 300_999, 301_000] {
        let e = receiver.receive_at(at(signed_at + late), None, &h, QUO_BODY.as_bytes()).expect_err("stale");
        assert!(matches!(e, Error::StaleTimestamp { .. }), "{late} ms late: {e:?}");
        let e = receiver.receive_at(at(signed_at - late), None, &h, QUO_BODY.as_bytes()).expect_err("early");
        assert!(matches!(e, Error::StaleTimestamp { .. }), "{late} ms early: {e:?}");
    }
}

/// The eight encodings of the Ed25519 points of small order (libsodium's
/// `has_small_order` blocklist), the all-zero key among them: keys any
/// signature can be made to match.
const SMALL_ORDER: [&str; 8] = [
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
];

#[test]
fn weak_ed25519_keys_are_refused_in_every_form() {
    let b64 = base64::engine::general_purpose::STANDARD;
    for hex_key in SMALL_ORDER {
        let bytes: [u8; 32] = hex::decode(hex_key).expect("hex").try_into().expect("32 bytes");
        let weak = |r: Result<PublicKey, KeyError>| r.expect_err("a weak key").to_string();
        assert!(weak(PublicKey::from_bytes(&bytes)).contains("weak"), "{hex_key}");
        assert!(weak(hex_key.parse()).contains("weak"));
        assert!(weak(b64.encode(bytes).parse()).contains("weak"));
        // The same key as SubjectPublicKeyInfo PEM: the Ed25519 prefix, then the key.
        let mut der = hex::decode("302a300506032b6570032100").expect("hex");
        der.extend_from_slice(&bytes);
        let pem = format!("-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n", b64.encode(&der));
        assert!(weak(PublicKey::from_pem(&pem)).contains("weak"));
    }
    let strong = ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key();
    assert!(PublicKey::from_bytes(strong.as_bytes()).is_ok());
}

/// What docs/reference.md, "Webhooks", says of duplicate keys and repeated
/// headers, held by tests.
mod documented_edges {
    use super::*;

    /// A top-level key given twice selects nothing by its second value: the
    /// variant's reader refuses the duplicate, naming it (400).
    #[test]
    fn a_duplicate_key_is_refused() {
        let body =
            QUO_BODY.replacen(r#""type":"message.received""#, r#""type":"message.received","type":"call.ringing""#, 1);
        let e = quo::webhooks::parse(&HeaderMap::new(), body.as_bytes()).expect_err("a duplicate key");
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        assert!(e.to_string().contains("duplicate field `type`"), "{e}");
    }

    /// A repeated signature header is read by its first value: a second one can
    /// neither make a valid delivery fail nor an invalid one pass.
    #[test]
    fn a_repeated_signature_header_is_read_by_its_first_value() {
        let key = base64::engine::general_purpose::STANDARD.decode(LEGACY_KEY).expect("base64");
        let receiver = quo::webhooks::Receiver::new(LEGACY_KEY.into());
        let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_secs().to_string();
        let good = format!("v1,{}", hmac_base64(&key, format!("msg_1.{now}.{QUO_BODY}").as_bytes()));
        let mut h = headers(&[("webhook-id", "msg_1"), ("webhook-timestamp", &now)]);
        h.append("webhook-signature", HeaderValue::from_str(&good).expect("value"));
        h.append("webhook-signature", HeaderValue::from_static("v1,AAAA"));
        assert!(receiver.receive(&h, QUO_BODY.as_bytes()).is_ok());
        let mut swapped = headers(&[("webhook-id", "msg_1"), ("webhook-timestamp", &now)]);
        swapped.append("webhook-signature", HeaderValue::from_static("v1,AAAA"));
        swapped.append("webhook-signature", HeaderValue::from_str(&good).expect("value"));
        assert!(matches!(receiver.receive(&swapped, QUO_BODY.as_bytes()), Err(Error::InvalidSignature)));
    }

    /// The content type is not read: a JSON body is parsed whatever it says, and
    /// anything else is a body that is not JSON (400).
    #[test]
    fn the_content_type_is_not_read() {
        let mut h = headers(&[("content-type", "application/x-www-form-urlencoded")]);
        let sent = std::fs::read("examples/payloads/faxplus_fax_sent.json").expect("payload");
        assert!(faxplus_webhooks::webhooks::parse(&h, &sent).is_ok());
        h.insert("content-type", HeaderValue::from_static("application/json"));
        let e = faxplus_webhooks::webhooks::parse(&h, b"payload=%7B%7D").expect_err("not JSON");
        assert!(e.to_string().starts_with("the delivery is not JSON"), "{e}");
    }

    /// Untyped JSON of any depth is kept as text, without recursion: reading,
    /// printing and writing it back run on a 2 MiB stack even 100,000 levels deep,
    /// and only `to_value`, which would recurse, refuses it past 128 levels.
    #[test]
    fn deep_untyped_json_is_kept_as_text() {
        let check = || {
            for depth in [129, 100_000] {
                let object = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
                let body = QUO_BODY.replace(r#"{"body":"Hello"}"#, &object);
                let event = quo::webhooks::parse(&HeaderMap::new(), body.as_bytes()).expect("kept");
                let quo::WebhookEvent::MessageReceived(message) = &event else { panic!("not a message") };
                assert_eq!(message.data.object.as_str(), object);
                assert_eq!(serde_json::to_string(&event).expect("written"), body);
                assert!(format!("{event:?}").len() > 2 * depth);
                let e = message.data.object.to_value().expect_err("too deep for a Value");
                assert!(e.to_string().contains("recursion limit exceeded"), "{e}");
            }
        };
        std::thread::Builder::new().stack_size(2 << 20).spawn(check).expect("thread").join().expect("no overflow");
    }
}
