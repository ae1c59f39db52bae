//! Testing your own code against the bindings, without the vendor: a webhook
//! handler fed deliveries that `webhooks::testing` signs as the vendor does, and
//! code that calls a client tested against the typed `client::mock::MockServer`.
//!
//! The application code is at the top; its tests below are what to copy. Run them
//! with `cargo test --all-features --example testing` (the features they need:
//! `testing` and `mock`, in your `[dev-dependencies]`; `axum` for the handler).

use futures_util::TryStreamExt as _;
use webhook_bindings::client::Error;
use webhook_bindings::partoo::client::{Client, GetWebhookListError};
use webhook_bindings::quo::{webhooks, WebhookEvent};

/// The application's webhook endpoint: axum, with the receiver in its state.
pub fn app(receiver: webhooks::Receiver) -> axum::Router {
    axum::Router::new().route("/hooks/quo", axum::routing::post(on_quo)).with_state(receiver)
}

async fn on_quo(webhooks::Verified(event): webhooks::Verified) -> String {
    match event {
        WebhookEvent::MessageReceived(m) => format!("message {}", m.id),
        other => format!("ignored {other:?}"),
    }
}

/// The application's use of a client: the URLs of every Partoo webhook, page after
/// page; a 403 means the key may not list them.
pub async fn webhook_urls(partoo: &Client) -> Result<Vec<String>, Error<GetWebhookListError>> {
    partoo.get_webhook_list().items().map_ok(|webhook| webhook.url.to_string()).try_collect().await
}

fn main() {
    println!("this example is its tests: cargo test --all-features --example testing");
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use webhook_bindings::client::mock::MockServer;
    use webhook_bindings::client::Secret;
    use webhook_bindings::partoo::client::Auth;
    use webhook_bindings::{partoo, quo};

    use super::*;

    /// The handler, on a local server, receives a delivery signed for the test.
    #[tokio::test]
    async fn the_handler_accepts_a_signed_delivery_and_refuses_a_forged_one() {
        let secret = Secret::new("dGVzdCBzaWduaW5nIHNlY3JldA==");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let url = format!("http://{}/hooks/quo", listener.local_addr().expect("an address"));
        let app = app(webhooks::Receiver::new(secret.clone()));
        let server = tokio::spawn(async move { axum::serve(listener, app).await });

        let body = r#"{"id":"EV1","object":"event","apiVersion":"v4","createdAt":"2024-05-01T10:00:00Z","type":"message.received","data":{"object":{"body":"Hello"}}}"#;
        let headers = quo::webhooks::testing::sign(&secret, body.as_bytes(), SystemTime::now());
        let http = reqwest_client();
        let reply = http.post(&url).headers(headers.clone()).body(body).send().await.expect("sent");
        assert_eq!(reply.status(), 200);
        assert_eq!(reply.text().await.expect("text"), "message EV1");

        let forged = body.replace("Hello", "Goodbye");
        let reply = http.post(&url).headers(headers).body(forged).send().await.expect("sent");
        assert_eq!(reply.status(), 401);
        server.abort();
    }

    /// The client code, against a mock that answers two typed pages and a typed error.
    #[tokio::test]
    async fn webhook_urls_follows_the_pages_and_reports_a_forbidden_key() {
        let server = MockServer::start().await;
        let partoo = Client::with_base_url(server.uri(), Auth::ApiKeyAuth(Secret::new("test key")));
        let page = |number: u32, urls: &[&str]| -> partoo::GetWebhookListResponse {
            let items: Vec<_> = urls
                .iter()
                .enumerate()
                .map(|(i, url)| {
                    serde_json::json!({"id": i, "url": url, "event_type": "business_created",
                        "created_at": "2024-11-27T16:10:44Z", "updated_at": "2024-11-27T16:10:44Z", "org_id": 1})
                })
                .collect();
            serde_json::from_value(serde_json::json!({"page": number, "max_page": 2, "items": items})).expect("a page")
        };
        server.on(partoo.get_webhook_list().page(1)).answers(&page(1, &["https://a.example/hook"])).await;
        server.on(partoo.get_webhook_list().page(2)).answers(&page(2, &["https://b.example/hook"])).await;
        let urls = webhook_urls(&partoo).await.expect("two pages");
        assert_eq!(urls, ["https://a.example/hook", "https://b.example/hook"]);

        let denied = MockServer::start().await;
        let partoo = Client::with_base_url(denied.uri(), Auth::ApiKeyAuth(Secret::new("test key")));
        let body = serde_json::from_value(serde_json::json!({"errors": {"authorization": "no"}})).expect("a body");
        denied.on(partoo.get_webhook_list()).times(1).fails(&GetWebhookListError::Forbidden(Box::new(body))).await;
        let error = webhook_urls(&partoo).await.expect_err("forbidden");
        assert!(matches!(error, Error::Api { body: GetWebhookListError::Forbidden(_), .. }), "{error:?}");
        denied.verify().await;
    }

    fn reqwest_client() -> webhook_bindings::reqwest::Client {
        webhook_bindings::reqwest::Client::new()
    }
}
