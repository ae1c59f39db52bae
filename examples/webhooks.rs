//! Parses webhook deliveries and a webhook list into the generated types and prints
//! what they hold, shows the constraint checks refusing bad values, then calls the
//! generated clients against a local HTTP server (so that no account is needed).
//! `cargo run --example webhooks` regenerates the bindings first (through
//! `build.rs`) when a spec changed.

use std::collections::BTreeMap;

use webhook_bindings::client::{Error, Secret};
use webhook_bindings::{faxplus, partoo, quo};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use webhook_bindings::faxplus_webhooks::WebhookEvent;
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
        let event: WebhookEvent = serde_json::from_str(body)?;
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
            WebhookEvent::Unknown(value) => format!("an event this version does not know: {value}"),
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

    clients().await
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
