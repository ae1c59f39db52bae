//! The consumer's tests, with the test doubles its `[dev-dependencies]` enable.

use std::time::SystemTime;

use consumer::{on_quo, webhook_urls};
use webhook_bindings::client::mock::MockServer;
use webhook_bindings::client::Secret;
use webhook_bindings::partoo::client::{Auth, Client};
use webhook_bindings::{partoo, quo};

#[test]
fn a_signed_delivery_is_handled_and_a_forged_one_refused() {
    let secret = Secret::new("dGVzdCBzaWduaW5nIHNlY3JldA==");
    let receiver = quo::webhooks::Receiver::new(secret.clone());
    let body = r#"{"id":"EV1","object":"event","apiVersion":"v4","createdAt":"2024-05-01T10:00:00Z","type":"message.received","data":{"object":{"body":"Hello"}}}"#;
    let headers = quo::webhooks::testing::sign(&secret, body.as_bytes(), SystemTime::now());
    assert_eq!(on_quo(&receiver, &headers, body.as_bytes()), Ok("EV1".to_owned()));
    assert!(on_quo(&receiver, &headers, body.replace("Hello", "Bye").as_bytes()).is_err());
}

#[tokio::test]
async fn the_urls_of_one_page() {
    let server = MockServer::start().await;
    let partoo = Client::with_base_url(server.uri(), Auth::ApiKeyAuth(Secret::new("test key")));
    let page: partoo::GetWebhookListResponse = webhook_bindings::from_value(serde_json::json!({
        "page": 1, "max_page": 1, "count": 1,
        "items": [{"id": 1, "url": "https://example.com/hook", "event_type": "business_created",
            "created_at": "2024-11-27T16:10:44Z", "updated_at": "2024-11-27T16:10:44Z", "org_id": 1}]
    }))
    .expect("a page");
    server.on(partoo.get_webhook_list()).answers(&page).await;
    assert_eq!(webhook_urls(&partoo).await.expect("200"), ["https://example.com/hook"]);
}
