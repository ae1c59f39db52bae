//! What production code needs from the vendor clients, on the wire (`wiremock`):
//! the reply's status and headers with the value, Partoo's webhook list paged to
//! the end, retries (and when there are none), and
//! deliveries signed by each module's `webhooks::testing` that its `Receiver`
//! accepts. The fixture `production.yaml` covers the other paging conventions,
//! streams and idempotency keys (`tests/golden_compiles.rs`, `production`).

use std::time::{Duration, Instant, SystemTime};

use futures_util::StreamExt as _;
use webhook_bindings::client::{Error, RetryPolicy, Secret};
use webhook_bindings::{faxplus, partoo, quo};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[path = "support/wire.rs"]
#[allow(dead_code, reason = "shared with the other wire tests; these mount their own mocks")]
mod wire;

#[path = "support/partoo.rs"]
mod partoo_wire;

use partoo_wire::{item, page, partoo_client};

mod response_metadata {
    use super::*;

    #[tokio::test]
    async fn send_with_response_keeps_status_and_headers() {
        let server = MockServer::start().await;
        let reply = page(1, 1, &[1]).insert_header("x-request-id", "req-42").insert_header("etag", "\"v1\"");
        Mock::given(method("GET")).respond_with(reply).mount(&server).await;
        let response = partoo_client(&server).get_webhook_list().send_with_response().await.expect("200");
        assert_eq!(response.status(), 200);
        assert_eq!(response.header("x-request-id"), Some("req-42"));
        assert_eq!(response.headers().get("etag").map(|v| v.as_bytes()), Some(&b"\"v1\""[..]));
        // Deref reaches the typed value; into_inner gives it up.
        assert_eq!(response.max_page.as_ref().map(|m| m.to_string()), Some("1".to_owned()));
        let list = response.into_inner();
        assert_eq!(list.items.map(|items| items.len()), Some(1));
    }
}

mod pagination {
    use super::*;

    async fn three_pages() -> MockServer {
        let server = MockServer::start().await;
        for (number, ids) in [(1, &[1, 2][..]), (2, &[3, 4][..]), (3, &[5][..])] {
            Mock::given(method("GET"))
                .and(path("/v2/webhooks"))
                .and(query_param("page", number.to_string()))
                .respond_with(page(number, 3, ids))
                .mount(&server)
                .await;
        }
        server
    }

    #[tokio::test]
    async fn items_follow_the_pages_to_max_page() {
        let server = three_pages().await;
        let client = partoo_client(&server);
        let items: Vec<_> = client
            .get_webhook_list()
            .per_page(partoo::GetWebhookListPerPage::new(2).expect("1..=100"))
            .items()
            .collect()
            .await;
        let ids: Vec<i64> = items.into_iter().map(|item| item.expect("an item").id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5]);
        let asked: Vec<String> =
            wire::requests(&server).await.iter().map(|r| r.url.query().unwrap_or_default().to_owned()).collect();
        assert_eq!(
            asked,
            ["page=1&per_page=2", "per_page=2&page=2", "per_page=2&page=3"],
            "the API key stays in headers"
        );
        for request in wire::requests(&server).await {
            assert_eq!(wire::header(&request, "x-apikey"), Some("partoo-key"));
        }
    }

    #[tokio::test]
    async fn pages_start_at_the_requested_page_and_yield_whole_bodies() {
        let server = three_pages().await;
        let pages: Vec<_> = partoo_client(&server).get_webhook_list().page(2).pages().collect().await;
        let numbers: Vec<String> = pages
            .iter()
            .map(|p| p.as_ref().expect("a page").page.as_ref().map(|n| n.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(numbers, ["2", "3"]);
    }

    #[tokio::test]
    async fn an_error_ends_the_stream_with_its_typed_value() {
        let server = MockServer::start().await;
        Mock::given(query_param("page", "1")).respond_with(page(1, 3, &[1])).mount(&server).await;
        let forbidden =
            ResponseTemplate::new(403).set_body_json(serde_json::json!({"errors": {"authorization": "no"}}));
        Mock::given(query_param("page", "2")).respond_with(forbidden).mount(&server).await;
        let items: Vec<_> = partoo_client(&server).get_webhook_list().items().collect().await;
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(items[0].is_ok());
        assert!(matches!(&items[1], Err(Error::Api { body: partoo::client::GetWebhookListError::Forbidden(_), .. })));
    }

    #[tokio::test]
    async fn an_item_that_breaks_its_schema_is_a_decode_error_with_its_path() {
        let server = MockServer::start().await;
        let body = serde_json::json!({"page": 1, "max_page": 1, "items": [item(1), {"id": "two"}]});
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
        let items: Vec<_> = partoo_client(&server).get_webhook_list().items().collect().await;
        // The page body itself does not fit (items[1]), so the page is refused whole.
        assert!(matches!(&items[..], [Err(Error::Decode { .. })]), "{items:?}");
    }
}

mod retries {
    use super::*;

    /// Partoo's `GET /webhooks` answers 503 with `Retry-After: 1` once, then 200.
    async fn unavailable_once() -> MockServer {
        let server = MockServer::start().await;
        let busy = ResponseTemplate::new(503).insert_header("retry-after", "1");
        Mock::given(method("GET")).respond_with(busy).up_to_n_times(1).with_priority(1).mount(&server).await;
        Mock::given(method("GET")).respond_with(page(1, 1, &[1])).with_priority(2).mount(&server).await;
        server
    }

    #[tokio::test]
    async fn a_get_answered_503_with_retry_after_is_retried_after_it() {
        let server = unavailable_once().await;
        let started = Instant::now();
        let list = partoo_client(&server).get_webhook_list().await.expect("the second attempt succeeds");
        assert!(started.elapsed() >= Duration::from_secs(1), "waited Retry-After: {:?}", started.elapsed());
        assert_eq!(list.items.map(|i| i.len()), Some(1));
        let sent = wire::requests(&server).await;
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[0].url, sent[1].url, "a retry goes to the same URL");
        assert_eq!(wire::header(&sent[1], "x-apikey"), Some("partoo-key"));
    }

    #[tokio::test]
    async fn one_call_turns_retries_off() {
        let server = unavailable_once().await;
        let client = partoo_client(&server).with_retry_policy(RetryPolicy::disabled());
        let result = client.get_webhook_list().await;
        assert!(matches!(result, Err(Error::Unexpected { status, .. }) if status == 503), "{result:?}");
        assert_eq!(wire::requests(&server).await.len(), 1);
    }

    #[tokio::test]
    async fn an_http_date_retry_after_is_honoured_and_a_long_one_is_not_waited() {
        let server = MockServer::start().await;
        let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(1));
        let busy = ResponseTemplate::new(429).insert_header("retry-after", soon.as_str());
        Mock::given(method("GET")).respond_with(busy).up_to_n_times(1).with_priority(1).mount(&server).await;
        Mock::given(method("GET")).respond_with(page(1, 1, &[1])).with_priority(2).mount(&server).await;
        partoo_client(&server).get_webhook_list().await.expect("retried after the date");
        assert_eq!(wire::requests(&server).await.len(), 2);

        let server = MockServer::start().await;
        let later = ResponseTemplate::new(503).insert_header("retry-after", "3600");
        Mock::given(method("GET")).respond_with(later).mount(&server).await;
        let started = Instant::now();
        let result = partoo_client(&server).get_webhook_list().await;
        assert!(matches!(result, Err(Error::Unexpected { status, .. }) if status == 503), "{result:?}");
        assert!(started.elapsed() < Duration::from_secs(5), "an hour is past the cap: not waited");
        assert_eq!(wire::requests(&server).await.len(), 1);
    }

    #[tokio::test]
    async fn a_post_without_an_idempotency_key_is_not_retried() {
        let server = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
        let auth = faxplus::client::Auth::PersonalAccessToken(Secret::new("pat"));
        let client = faxplus::client::Client::with_base_url(server.uri(), auth);
        let body: faxplus::Webhook = serde_json::from_value(serde_json::json!({
            "target": "https://example.com/fax", "event": "fax_received"
        }))
        .expect("a request body");
        let result = client.create_webhook().body(body).await;
        assert!(matches!(result, Err(Error::Unexpected { status, .. }) if status == 503), "{result:?}");
        assert_eq!(wire::requests(&server).await.len(), 1, "a POST may have done its work");
    }

    #[tokio::test]
    async fn attempts_stop_at_the_policy_limit() {
        let server = MockServer::start().await;
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(502)).mount(&server).await;
        let policy =
            RetryPolicy::new().with_max_attempts(4).with_backoff(Duration::from_millis(1), Duration::from_millis(5));
        let result = partoo_client(&server).with_retry_policy(policy).get_webhook_list().await;
        assert!(matches!(result, Err(Error::Unexpected { status, .. }) if status == 502), "{result:?}");
        assert_eq!(wire::requests(&server).await.len(), 4);
    }
}

mod signed_test_deliveries {
    use super::*;
    use webhook_bindings::faxplus_webhooks;
    use webhook_bindings::http::HeaderMap;

    const QUO: &str = r#"{"id":"EV1","object":"event","apiVersion":"v4","createdAt":"2024-05-01T10:00:00Z","type":"message.received","data":{"object":{"body":"Hello"}}}"#;

    #[test]
    fn quo_deliveries_signed_for_tests_are_accepted_by_both_schemes() {
        let secret = Secret::new("c2VjcmV0LWtleS1mb3ItdGVzdHM=");
        let receiver = quo::webhooks::Receiver::new(secret.clone());
        let headers = quo::webhooks::testing::sign(&secret, QUO.as_bytes(), SystemTime::now());
        assert!(headers.contains_key("webhook-signature") && headers.contains_key("openphone-signature"));
        assert!(matches!(receiver.receive(&headers, QUO.as_bytes()), Ok(quo::WebhookEvent::MessageReceived(_))));
        for scheme in receiver.schemes() {
            let alone =
                quo::webhooks::testing::sign_with(scheme, &secret, QUO.as_bytes(), SystemTime::now()).expect("served");
            receiver.receive(&alone, QUO.as_bytes()).unwrap_or_else(|e| panic!("{scheme:?}: {e}"));
        }
        let stale =
            quo::webhooks::testing::sign(&secret, QUO.as_bytes(), SystemTime::now() - Duration::from_secs(3600));
        assert!(matches!(receiver.receive(&stale, QUO.as_bytes()), Err(quo::webhooks::Error::StaleTimestamp { .. })));
        let other = quo::webhooks::Receiver::new(Secret::new("b3RoZXIta2V5"));
        assert!(other.receive(&headers, QUO.as_bytes()).is_err(), "another secret refuses it");
    }

    #[test]
    fn partoo_deliveries_signed_by_the_test_key_pair_are_accepted_only_with_its_key() {
        let body = br#"{"type":"business_created","payload":{"business_id":"b1"}}"#;
        let pair = partoo::webhooks::testing::KeyPair::test();
        let headers = partoo::webhooks::testing::sign(&pair, body, SystemTime::now());
        let receiver = partoo::webhooks::Receiver::new(pair.public_key());
        receiver.receive(&headers, body).expect("accepted with the test key");
        let vendor: partoo::webhooks::PublicKey =
            "dxFxSertg/Gypr0flCCj16FZticUzJQDSjFOFa4ex/s=".parse().expect("an Ed25519 key");
        assert!(
            partoo::webhooks::Receiver::new(vendor).receive(&headers, body).is_err(),
            "never with the vendor's key"
        );
    }

    #[test]
    fn faxplus_deliveries_need_no_signature() {
        let body = include_str!("../examples/payloads/faxplus_fax_received.json");
        let headers: HeaderMap = faxplus_webhooks::webhooks::testing::sign(body.as_bytes(), SystemTime::now());
        assert_eq!(headers.len(), 1, "only Content-Type: {headers:?}");
        let event = faxplus_webhooks::webhooks::Receiver::new().receive(&headers, body.as_bytes()).expect("parsed");
        assert!(matches!(event, faxplus_webhooks::WebhookEvent::FaxReceived(_)), "{event:?}");
    }
}

mod typed_mock {
    use super::*;
    use partoo::client::GetWebhookListError;
    use webhook_bindings::client::mock::MockServer;

    fn list(page: u32, ids: &[u32]) -> partoo::GetWebhookListResponse {
        let body = serde_json::json!({
            "page": page, "max_page": 3, "count": 5, "items": ids.iter().map(|&id| item(id)).collect::<Vec<_>>()
        });
        serde_json::from_value(body).expect("a page")
    }

    #[tokio::test]
    async fn calls_answer_typed_values_and_errors_and_are_counted() {
        let server = MockServer::start().await;
        let client = partoo::client::Client::with_base_url(
            server.uri(),
            partoo::client::Auth::ApiKeyAuth(Secret::new("any key")),
        );
        let forbidden: partoo::GetWebhookListForbidden =
            serde_json::from_value(serde_json::json!({"errors": {"authorization": "not yours"}})).expect("a body");
        server.on(client.get_webhook_list().page(2)).times(1).answers(&list(2, &[3, 4])).await;
        server
            .on(client.get_webhook_list().page(3))
            .fails(&GetWebhookListError::Forbidden(Box::new(forbidden.clone())))
            .await;

        // The code under test.
        assert_eq!(client.get_webhook_list().page(2).await.expect("page 2"), list(2, &[3, 4]));
        match client.get_webhook_list().page(3).await {
            Err(Error::Api { status, body: GetWebhookListError::Forbidden(body), .. }) => {
                assert_eq!(status, 403);
                assert_eq!(*body, forbidden);
            }
            other => panic!("expected the typed 403, got {other:?}"),
        }
        let unmatched = client.get_webhook_list().page(4).await;
        assert!(matches!(unmatched, Err(Error::Unexpected { status, .. }) if status == 404), "{unmatched:?}");

        assert_eq!(server.count(client.get_webhook_list().page(2)).await, 1);
        assert_eq!(server.count(client.get_webhook_list().page(9)).await, 0);
        assert_eq!(server.received_requests().await.len(), 3);
        server.verify().await;
    }

    #[tokio::test]
    async fn a_mocked_list_pages_through_typed_answers() {
        let server = MockServer::start().await;
        let client = partoo::client::Client::with_base_url(
            server.uri(),
            partoo::client::Auth::ApiKeyAuth(Secret::new("any key")),
        );
        for (page, ids) in [(1, &[1, 2][..]), (2, &[3, 4][..]), (3, &[5][..])] {
            server.on(client.get_webhook_list().page(page)).answers(&list(page as u32, ids)).await;
        }
        let ids: Vec<i64> = client.get_webhook_list().items().map(|i| i.expect("an item").id).collect().await;
        assert_eq!(ids, [1, 2, 3, 4, 5]);
    }
}
