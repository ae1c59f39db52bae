//! Application code on the bindings of two vendors, Quo and Partoo, built without
//! the third (`faxplus`) and without the generator: CI checks this crate alone
//! (`cargo check -p consumer --lib`, `cargo test -p consumer`), so that only the features named in
//! its `Cargo.toml` apply.

use futures_util::TryStreamExt as _;
use webhook_bindings::client::Error;
use webhook_bindings::http::HeaderMap;
use webhook_bindings::partoo::client::{Client, GetWebhookListError};
use webhook_bindings::quo::{webhooks, WebhookEvent};

/// What the application answers to a Quo delivery: the message id it handled, or
/// why the delivery was refused.
pub fn on_quo(receiver: &webhooks::Receiver, headers: &HeaderMap, body: &[u8]) -> Result<String, String> {
    match receiver.receive(headers, body) {
        Ok(WebhookEvent::MessageReceived(m)) => Ok(m.id.to_string()),
        Ok(other) => Ok(format!("ignored {other:?}")),
        Err(e) => Err(e.to_string()),
    }
}

/// The URLs of every Partoo webhook, page after page.
pub async fn webhook_urls(partoo: &Client) -> Result<Vec<String>, Error<GetWebhookListError>> {
    partoo.get_webhook_list().items().map_ok(|webhook| webhook.url.to_string()).try_collect().await
}

/// The extractor of verified Quo deliveries (feature `axum`) is there too.
pub type QuoDelivery = webhooks::Verified;
