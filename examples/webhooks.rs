//! Parses webhook deliveries and a webhook list into the generated types and prints
//! what they hold, shows the constraint checks refusing bad values, receives signed
//! deliveries of each vendor on a local axum server (signed, tampered, stale, from
//! the wrong source), then calls the generated clients against a local HTTP server
//! (so that no account is needed). `cargo run --all-features --example webhooks`
//! regenerates the bindings first (through `build.rs`) when a spec changed.

use std::collections::BTreeMap;

use webhook_bindings::client::{Error, Secret};
use webhook_bindings::{faxplus, partoo, quo};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use webhook_bindings::faxplus_webhooks::{webhooks as faxplus_hooks, WebhookEvent};
use webhook_bindings::quo::{ListWebhooksV1Response, ListWebhooksV1ResponseDataItem as QuoWebhook};

const FAXPLUS: [(&str, &str); 3] = [
    ("fax_sent", include_str!("payloads/faxplus_fax_sent.json")),
    ("fax_received", include_str!("payloads/faxplus_fax_received.json")),
    ("fax_page_received", include_str!("payloads/faxplus_fax_page_received.json")),
];
const QUO: &str = include_str!("payloads/quo_webhooks.json");

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("Fax.Plus deliveries:");
    for (name, body) in FAXPLUS {
        let event = faxplus_hooks::parse(&webhook_bindings::http::HeaderMap::new(), body.as_bytes())?;
        let line = match &event {
            WebhookEvent::FaxSent(e) => format!(
                "fax {} sent to {} at {} UTC: {} page(s), status {}{}",
                e.data.id,
                e.data.to,
                e.hook.event_time,
                e.data.pages,
                e.data.status,
                if e.hook.id == e.data.id { "" } else { " (retry)" }
            ),
            WebhookEvent::FaxReceived(e) => {
                format!("fax {} received from {}, file {} ({})", e.data.id, e.data.from, e.data.file_name, e.data.file)
            }
            WebhookEvent::FaxPageReceived(e) => {
                format!("page {} of fax {} from {}", e.data.page, e.data.id, e.data.from)
            }
            WebhookEvent::Unknown(e) => format!("an event this version does not know: {:?}", e.event()),
            // Generated enums are `#[non_exhaustive]`: a spec update that adds an
            // event adds a variant without breaking this match.
            _ => "an event added after this example was written".to_owned(),
        };
        println!("  {name:<18} → {line}");
    }

    println!("Quo webhooks:");
    let list: ListWebhooksV1Response = serde_json::from_str(QUO)?;
    for webhook in &list.data {
        let line = match webhook {
            QuoWebhook::Message(w) => format!("message webhook {} → {} ({:?})", w.id.as_str(), w.url, w.status),
            QuoWebhook::Call(w) => format!("call webhook {} → {}", w.id.as_str(), w.url),
            QuoWebhook::CallSummary(w) => {
                format!("call-summary webhook {} → {}, label {:?}", w.id.as_str(), w.url, w.label)
            }
            QuoWebhook::CallTranscript(w) => format!("call-transcript webhook {} → {}", w.id.as_str(), w.url),
            QuoWebhook::Contact(w) => format!("contact webhook {} → {}", w.id.as_str(), w.url),
            QuoWebhook::Task(w) => format!("task webhook {} → {}", w.id.as_str(), w.url),
            QuoWebhook::Unknown(value) => format!("a kind this version does not know: {value}"),
            _ => "a kind added after this example was written".to_owned(),
        };
        println!("  {line}");
    }

    println!("Constraint checks:");
    let bad_id = QUO.replacen("WHabcd1234", "AB1234", 1);
    if let Err(e) = webhook_bindings::from_json::<ListWebhooksV1Response>(bad_id.as_bytes()) {
        println!("  Quo list with a bad id → {e}");
    }
    let headers = BTreeMap::from([("X-Partoo-Trace".to_owned(), "1".to_owned())]);
    if let Err(e) = webhook_bindings::partoo::CustomHeaders::new(headers) {
        println!("  Partoo header → {e}");
    }
    if let Err(e) = webhook_bindings::partoo::GetWebhookListPerPage::new(500) {
        println!("  Partoo per_page 500 → {e}");
    }

    receive::run().await?;
    clients().await
}

/// Receiving deliveries: an axum server whose handlers take `Verified` events, and
/// deliveries sent to it as each vendor sends them, or as an attacker would.
mod receive {
    use std::net::SocketAddr;
    use std::time::{SystemTime, UNIX_EPOCH};

    use axum::extract::FromRef;
    use axum::routing::post;
    use base64::Engine as _;
    use ed25519_dalek::Signer as _;
    use hmac::Mac as _;
    use webhook_bindings::webhooks::{PublicKey, SourceCheck};
    use webhook_bindings::{faxplus_webhooks, partoo, quo};

    /// Quo's signing secret (Standard Webhooks form) and Partoo's key pair, as a
    /// vendor dashboard would give them; the private key plays the vendor.
    const QUO_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const PARTOO_SEED: [u8; 32] = [7; 32];

    #[derive(Clone)]
    struct Receivers {
        quo: quo::webhooks::Receiver,
        partoo: partoo::webhooks::Receiver,
        faxplus: faxplus_webhooks::webhooks::Receiver,
    }

    impl FromRef<Receivers> for quo::webhooks::Receiver {
        fn from_ref(r: &Receivers) -> Self {
            r.quo.clone()
        }
    }

    impl FromRef<Receivers> for partoo::webhooks::Receiver {
        fn from_ref(r: &Receivers) -> Self {
            r.partoo.clone()
        }
    }

    impl FromRef<Receivers> for faxplus_webhooks::webhooks::Receiver {
        fn from_ref(r: &Receivers) -> Self {
            r.faxplus.clone()
        }
    }

    async fn on_quo(quo::webhooks::Verified(event): quo::webhooks::Verified) -> String {
        match event {
            quo::WebhookEvent::MessageReceived(m) => {
                // `data.object` is JSON the spec leaves untyped: read what you need of it.
                match m.data.object.to_value() {
                    Ok(object) => format!("message {} received: {}", m.id, object["body"]),
                    Err(e) => format!("message {} received, its object unreadable: {e}", m.id),
                }
            }
            quo::WebhookEvent::Unknown(e) => format!("an event added since: {:?}", e.event()),
            other => format!("{other:?}"),
        }
    }

    async fn on_partoo(partoo::webhooks::Verified(event): partoo::webhooks::Verified) -> String {
        match event {
            partoo::WebhookEvent::BusinessCreated(b) => match b.payload.to_value() {
                Ok(payload) => format!("business created: {}", payload["name"]),
                Err(e) => format!("business created, its payload unreadable: {e}"),
            },
            other => format!("{other:?}"),
        }
    }

    async fn on_faxplus(faxplus_webhooks::webhooks::Verified(event): faxplus_webhooks::webhooks::Verified) -> String {
        format!("{event:?}")
    }

    /// What is sent, to which route, with which body and headers.
    type Delivery = (&'static str, &'static str, String, Vec<(&'static str, String)>);

    fn hmac(key: &[u8], message: &[u8]) -> Vec<u8> {
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("any key length");
        mac.update(message);
        mac.finalize().into_bytes().to_vec()
    }

    /// Standard Webhooks headers for `body`, signed at `timestamp`.
    fn standard_webhooks(body: &str, timestamp: u64) -> Vec<(&'static str, String)> {
        let b64 = base64::engine::general_purpose::STANDARD;
        let key = b64.decode(&QUO_SECRET["whsec_".len()..]).expect("base64");
        let id = "msg_example";
        let signature = b64.encode(hmac(&key, format!("{id}.{timestamp}.{body}").as_bytes()));
        vec![
            ("webhook-id", id.to_owned()),
            ("webhook-timestamp", timestamp.to_string()),
            ("webhook-signature", format!("v1,{signature}")),
        ]
    }

    pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
        let vendor = ed25519_dalek::SigningKey::from_bytes(&PARTOO_SEED);
        let public = base64::engine::general_purpose::STANDARD.encode(vendor.verifying_key().as_bytes());
        let receivers = Receivers {
            quo: quo::webhooks::Receiver::new(QUO_SECRET.into()),
            partoo: partoo::webhooks::Receiver::new(public.parse::<PublicKey>()?),
            faxplus: faxplus_webhooks::webhooks::Receiver::new().with_source_check(SourceCheck::Documented),
        };
        let app = axum::Router::new()
            .route("/quo", post(on_quo))
            .route("/partoo", post(on_partoo))
            .route("/faxplus", post(on_faxplus))
            .with_state(receivers);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?);
        let server = tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await
        });

        let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
        let quo = r#"{"id":"EV1","object":"event","apiVersion":"v4","createdAt":"2024-05-01T10:00:00Z","type":"message.received","data":{"object":{"body":"Hello"}}}"#;
        let quo_new = quo.replace("message.received", "message.reacted");
        let partoo = r#"{"type":"business_created","payload":{"name":"Boulangerie Martin"}}"#;
        let partoo_signature =
            base64::engine::general_purpose::STANDARD.encode(vendor.sign(partoo.as_bytes()).to_bytes());
        let faxplus = super::FAXPLUS[0].1;
        let deliveries: Vec<Delivery> = vec![
            ("Quo, signed", "quo", quo.to_owned(), standard_webhooks(quo, now)),
            ("Quo, tampered", "quo", quo.replace("Hello", "Hallo"), standard_webhooks(quo, now)),
            ("Quo, replayed an hour later", "quo", quo.to_owned(), standard_webhooks(quo, now - 3600)),
            ("Quo, unsigned", "quo", quo.to_owned(), vec![]),
            ("Quo, a new event", "quo", quo_new.clone(), standard_webhooks(&quo_new, now)),
            ("Partoo, signed", "partoo", partoo.to_owned(), vec![("x-partoo-signature-v1", partoo_signature.clone())]),
            (
                "Partoo, tampered",
                "partoo",
                partoo.replace("Martin", "Dupont"),
                vec![("x-partoo-signature-v1", partoo_signature)],
            ),
            ("Fax.Plus, from 127.0.0.1", "faxplus", faxplus.to_owned(), vec![]),
        ];
        println!("Receiving deliveries at {url}:");
        let client = reqwest::Client::new();
        for (what, route, body, headers) in deliveries {
            let mut request = client.post(format!("{url}/{route}")).body(body);
            for (name, value) in headers {
                request = request.header(name, value);
            }
            let reply = request.send().await?;
            let status = reply.status();
            println!("  {what:<28} → {} {}", status.as_u16(), reply.text().await?);
        }
        server.abort();
        Ok(())
    }
}

/// Calls one operation of each API against a local server standing in for the vendor.
async fn clients() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    let reply =
        |status: u16, body: &str| ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json");
    Mock::given(method("GET")).and(path("/v1/webhooks")).respond_with(reply(200, QUO)).mount(&server).await;
    let denied = r#"{"errors":{"authentication":"User not authenticated"}}"#;
    Mock::given(method("GET")).and(path("/v2/webhooks")).respond_with(reply(401, denied)).mount(&server).await;
    Mock::given(method("POST"))
        .and(path("/v3/hooks"))
        .respond_with(reply(200, r#"{"id":"6048b4"}"#))
        .mount(&server)
        .await;
    println!("Clients, against a local server at {}:", server.uri());

    let quo = quo::client::Client::with_base_url(server.uri(), quo::client::Auth::ApiKey(Secret::new("demo-key")));
    let user = quo::ListWebhooksV1UserId::new("US123abc".to_owned())?;
    let list = quo.list_webhooks_v1().user_id(user).await?;
    println!("  quo.list_webhooks_v1().user_id(..) → {} webhooks", list.data.len());

    let faxplus = faxplus::client::Client::with_origin(
        &server.uri(),
        faxplus::client::Auth::PersonalAccessToken(Secret::new("demo-token")),
    );
    let webhook = faxplus::Webhook {
        id: None,
        target: "https://example.com/fax".to_owned(),
        event: faxplus::WebhookEventType::FaxReceived,
        numbers: None,
        additional_properties: BTreeMap::new(),
    };
    let created = faxplus.create_webhook().body(webhook).await?;
    println!("  faxplus.create_webhook().body(..) → webhook {}", created.id);

    let partoo = partoo::client::Client::with_base_url(
        format!("{}/v2", server.uri()),
        partoo::client::Auth::ApiKeyAuth(Secret::new("expired-key")),
    );
    match partoo.get_webhook_list().per_page(partoo::GetWebhookListPerPage::new(50)?).await {
        Err(Error::Api { status, body: partoo::client::GetWebhookListError::Unauthorized(e), .. }) => {
            let reason = e.errors.as_ref().and_then(|e| e.authentication.as_deref()).unwrap_or("?");
            println!("  partoo.get_webhook_list().per_page(50) → {status}, typed: {reason:?}");
        }
        other => println!("  partoo.get_webhook_list().per_page(50) → {other:?}"),
    }

    println!("  requests the server received:");
    for request in server.received_requests().await.unwrap_or_default() {
        let query = request.url.query().map(|q| format!("?{q}")).unwrap_or_default();
        let auth: Vec<String> = ["authorization", "x-apikey"]
            .iter()
            .filter_map(|h| request.headers.get(*h).map(|v| format!("{h}: {}", v.to_str().unwrap_or("?"))))
            .collect();
        println!("    {} {}{query}  [{}]", request.method, request.url.path(), auth.join(", "));
    }
    Ok(())
}
