//! Parses webhook deliveries and a webhook list into the generated types and prints
//! what they hold, then shows the constraint checks refusing bad values.
//! `cargo run --example webhooks` regenerates the bindings first (through
//! `build.rs`) when a spec changed.

use std::collections::BTreeMap;

use webhook_bindings::faxplus_webhooks::WebhookEvent;
use webhook_bindings::quo::{ListWebhooksV1Response, ListWebhooksV1ResponseDataItem as QuoWebhook};

const FAXPLUS: [(&str, &str); 3] = [
    ("fax_sent", include_str!("payloads/faxplus_fax_sent.json")),
    ("fax_received", include_str!("payloads/faxplus_fax_received.json")),
    ("fax_page_received", include_str!("payloads/faxplus_fax_page_received.json")),
];
const QUO: &str = include_str!("payloads/quo_webhooks.json");

fn main() -> Result<(), serde_json::Error> {
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
    Ok(())
}
