//! The generated clients against a real HTTP server on loopback (`wiremock`).
//!
//! For every operation of every spec: the exact wire request (method, path, query
//! string, headers with auth, JSON body), and the reading of every documented status
//! (success and each error body), an undocumented status and a malformed body.

use std::time::Duration;

use serde_json::{json, Value};
use webhook_bindings::client::{Error, Secret};
use webhook_bindings::{faxplus, partoo, quo};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[path = "support/wire.rs"]
mod wire;

use wire::{header, requests};

/// A server that answers every request with `status` and the JSON `body`.
async fn serve(status: u16, body: &str) -> MockServer {
    wire::serve(status, "application/json", body).await
}

/// The only request `server` received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = requests(server).await;
    assert_eq!(requests.len(), 1, "exactly one request was sent");
    requests.remove(0)
}

/// The headers of a request but `host` and `content-length`, which hyper adds.
fn own_headers(request: &Request) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "host" | "content-length"))
        .map(|(name, value)| (name.to_string(), value.to_str().expect("ASCII header").to_owned()))
        .collect();
    headers.sort();
    headers
}

/// The headers a request must carry: `list`, and the default `User-Agent`.
fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let user_agent = ("user-agent", concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")));
    let mut headers: Vec<(String, String)> =
        list.iter().chain([&user_agent]).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    headers.sort();
    headers
}

/// The body a documented status decoded into, as JSON again: equal to what was sent.
fn as_json(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("generated types serialise")
}

/// Checks an undocumented status and a malformed body for one operation: the first
/// is `Unexpected`, the second `Decode`, both with the status and the raw body.
fn check_unexpected<T: std::fmt::Debug, E: std::fmt::Debug>(result: Result<T, Error<E>>, status: u16, body: &str) {
    match result {
        Err(Error::Unexpected { status: s, body: b, .. }) => {
            assert_eq!(s.as_u16(), status);
            assert_eq!(&b[..], body.as_bytes());
        }
        other => panic!("expected Unexpected, got {other:?}"),
    }
}

fn check_malformed<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<T, Error<E>>,
    status: u16,
    body: &str,
    path: &str,
) {
    match result {
        Err(Error::Decode { status: s, body: b, error, .. }) => {
            assert_eq!(s.as_u16(), status);
            assert_eq!(&b[..], body.as_bytes());
            assert_eq!(error.path(), path, "{error}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

mod faxplus_client {
    use super::*;
    use faxplus::client::{Auth, Client, CreateWebhookError, GetWebhooksError};

    const ERROR: &str = r#"{"error":"invalid_user_id","description":"Invalid user id given"}"#;
    const SERVER_ERROR: &str = r#"{"error":"internal_server_error","description":"An unexpected error happened"}"#;
    const LIST: &str = r#"{"data":[{"id":"6048b4","target":"https://example.com/fax","event":"fax_received","numbers":["+12135550123"]}]}"#;

    fn pat(server: &MockServer) -> Client {
        // The spec's second server is relative (`/v3`): the mock server is its origin.
        Client::with_origin(&server.uri(), Auth::PersonalAccessToken(Secret::new("pat-123")))
    }

    #[tokio::test]
    async fn get_webhooks_wire_request_with_a_personal_access_token() {
        let server = serve(200, LIST).await;
        pat(&server).get_webhooks(faxplus::WebhookEventType::FaxReceived).await.expect("200");
        let request = only_request(&server).await;
        assert_eq!(request.method.as_str(), "GET");
        assert_eq!(request.url.path(), "/v3/hooks");
        assert_eq!(request.url.query(), Some("event=fax_received"));
        assert_eq!(
            own_headers(&request),
            pairs(&[("accept", "application/json"), ("authorization", "Bearer pat-123")])
        );
        assert!(request.body.is_empty());
    }

    #[tokio::test]
    async fn get_webhooks_wire_request_with_oauth2_and_client_id() {
        let server = serve(200, LIST).await;
        let auth = Auth::Oauth2ClientId { oauth2: Secret::new("access-1"), client_id: Secret::new("client-9") };
        let client = Client::with_origin(&server.uri(), auth);
        client.get_webhooks(faxplus::WebhookEventType::FaxSent).await.expect("200");
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), Some("event=fax_sent"));
        assert_eq!(
            own_headers(&request),
            pairs(&[
                ("accept", "application/json"),
                ("authorization", "Bearer access-1"),
                ("x-fax-clientid", "client-9")
            ])
        );
    }

    #[tokio::test]
    async fn get_webhooks_statuses() {
        let server = serve(200, LIST).await;
        let list = pat(&server).get_webhooks(faxplus::WebhookEventType::FaxReceived).await.expect("200");
        assert_eq!(list.data.as_ref().map(Vec::len), Some(1));
        assert_eq!(as_json(&list), serde_json::from_str::<Value>(LIST).unwrap());

        let server = serve(400, ERROR).await;
        match pat(&server).get_webhooks(faxplus::WebhookEventType::FaxReceived).await {
            Err(Error::Api { status, body: GetWebhooksError::BadRequest(e), .. }) => {
                assert_eq!(status, 400);
                assert_eq!(e.error.as_deref(), Some("invalid_user_id"));
                assert_eq!(as_json(&e), serde_json::from_str::<Value>(ERROR).unwrap());
            }
            other => panic!("expected BadRequest, got {other:?}"),
        }

        let server = serve(500, SERVER_ERROR).await;
        match pat(&server).get_webhooks(faxplus::WebhookEventType::FaxReceived).await {
            Err(Error::Api { status, body: GetWebhooksError::InternalServerError(e), .. }) => {
                assert_eq!(status, 500);
                assert_eq!(e.error.as_deref(), Some("internal_server_error"));
            }
            other => panic!("expected InternalServerError, got {other:?}"),
        }

        let server = serve(503, "upstream down").await;
        check_unexpected(pat(&server).get_webhooks(faxplus::WebhookEventType::FaxReceived).await, 503, "upstream down");

        let malformed = r#"{"data":[{"numbers":["12135550123"]}]}"#;
        let server = serve(200, malformed).await;
        let result = pat(&server).get_webhooks(faxplus::WebhookEventType::FaxReceived).await;
        check_malformed(result, 200, malformed, "data[0].numbers");

        let server = serve(400, "not json").await;
        check_malformed(pat(&server).get_webhooks(faxplus::WebhookEventType::FaxReceived).await, 400, "not json", ".");
    }

    fn webhook() -> faxplus::Webhook {
        faxplus::Webhook {
            id: None,
            target: "https://example.com/fax".to_owned(),
            event: faxplus::WebhookEventType::FaxReceived,
            numbers: Some(Some(faxplus::WebhookNumbers::new(vec!["+12135550123".to_owned()]).expect("valid"))),
            additional_properties: Default::default(),
        }
    }

    #[tokio::test]
    async fn create_webhook_wire_request() {
        let server = serve(200, r#"{"id":"6048b47181dbe1a7d67fcc98"}"#).await;
        let id = pat(&server).create_webhook().body(webhook()).await.expect("200");
        assert_eq!(id.id, "6048b47181dbe1a7d67fcc98");
        let request = only_request(&server).await;
        assert_eq!(request.method.as_str(), "POST");
        assert_eq!(request.url.path(), "/v3/hooks");
        assert_eq!(request.url.query(), None);
        assert_eq!(
            own_headers(&request),
            pairs(&[
                ("accept", "application/json"),
                ("authorization", "Bearer pat-123"),
                ("content-type", "application/json")
            ])
        );
        let body: Value = serde_json::from_slice(&request.body).expect("JSON body");
        assert_eq!(
            body,
            json!({"target": "https://example.com/fax", "event": "fax_received", "numbers": ["+12135550123"]})
        );
    }

    #[tokio::test]
    async fn create_webhook_sends_null_numbers_to_disable_filtering() {
        let server = serve(200, r#"{"id":"x"}"#).await;
        let body = faxplus::Webhook { numbers: Some(None), ..webhook() };
        pat(&server).create_webhook().body(body).await.expect("200");
        let sent: Value = serde_json::from_slice(&only_request(&server).await.body).expect("JSON body");
        assert_eq!(sent["numbers"], Value::Null);
        assert!(sent.as_object().unwrap().contains_key("numbers"));
    }

    #[tokio::test]
    async fn create_webhook_statuses() {
        let server = serve(400, ERROR).await;
        match pat(&server).create_webhook().body(webhook()).await {
            Err(Error::Api { status, body: CreateWebhookError::BadRequest(e), .. }) => {
                assert_eq!(status, 400);
                assert_eq!(e.description.as_deref(), Some("Invalid user id given"));
            }
            other => panic!("expected BadRequest, got {other:?}"),
        }
        let server = serve(500, SERVER_ERROR).await;
        match pat(&server).create_webhook().body(webhook()).await {
            Err(Error::Api { status, body: CreateWebhookError::InternalServerError(e), .. }) => {
                assert_eq!(status, 500);
                assert_eq!(as_json(&e), serde_json::from_str::<Value>(SERVER_ERROR).unwrap());
            }
            other => panic!("expected InternalServerError, got {other:?}"),
        }
        let server = serve(201, r#"{"id":"x"}"#).await;
        check_unexpected(pat(&server).create_webhook().body(webhook()).await, 201, r#"{"id":"x"}"#);
        let server = serve(200, r#"{"id":7}"#).await;
        check_malformed(pat(&server).create_webhook().body(webhook()).await, 200, r#"{"id":7}"#, "id");
    }

    #[test]
    fn servers() {
        let auth = Auth::PersonalAccessToken(Secret::new("t"));
        assert_eq!(Client::new(auth.clone()).base_url(), "https://restapi.fax.plus/v3");
        assert_eq!(Client::with_origin("http://localhost:8080/", auth).base_url(), "http://localhost:8080/v3");
    }
}

mod quo_client {
    use super::*;
    use quo::client::{Auth, Client, ListWebhooksV1Error};

    fn client(server: &MockServer) -> Client {
        Client::with_base_url(server.uri(), Auth::ApiKey(Secret::new("quo-key")))
    }

    fn error_body(status: u16, code: &str, title: &str, description: Option<&str>) -> String {
        let mut body = json!({
            "message": format!("{title} message"),
            "code": code,
            "status": status,
            "docs": "https://quo.com/docs",
            "title": title,
            "trace": "trace-1",
        });
        if let Some(d) = description {
            body["description"] = json!(d);
        }
        body.to_string()
    }

    #[tokio::test]
    async fn wire_request() {
        let list = std::fs::read_to_string("examples/payloads/quo_webhooks.json").expect("payload");
        let server = serve(200, &list).await;
        let user = quo::ListWebhooksV1UserId::new("US123abc".to_owned()).expect("valid");
        client(&server).list_webhooks_v1().user_id(user).await.expect("200");
        let request = only_request(&server).await;
        assert_eq!(request.method.as_str(), "GET");
        assert_eq!(request.url.path(), "/v1/webhooks");
        assert_eq!(request.url.query(), Some("userId=US123abc"));
        // The API key goes raw in `Authorization`, with no scheme.
        assert_eq!(own_headers(&request), pairs(&[("accept", "application/json"), ("authorization", "quo-key")]));

        let server = serve(200, &list).await;
        client(&server).list_webhooks_v1().await.expect("200");
        assert_eq!(only_request(&server).await.url.query(), None);
    }

    #[tokio::test]
    async fn statuses() {
        let list = std::fs::read_to_string("examples/payloads/quo_webhooks.json").expect("payload");
        let server = serve(200, &list).await;
        let webhooks = client(&server).list_webhooks_v1().await.expect("200");
        assert_eq!(webhooks.data.len(), 3);
        assert_eq!(as_json(&webhooks), serde_json::from_str::<Value>(&list).unwrap());

        let cases: [(u16, &str, &str, Option<&str>); 5] = [
            (400, "0305400", "Invalid Version", Some("Invalid Version")),
            (401, "0300401", "Unauthorized", None),
            (403, "0300403", "Forbidden", None),
            (404, "0300404", "Not Found", None),
            (500, "0301500", "Unknown", None),
        ];
        for (status, code, title, description) in cases {
            let body = error_body(status, code, title, description);
            let server = serve(status, &body).await;
            let Err(Error::Api { status: got, body: error, .. }) = client(&server).list_webhooks_v1().await else {
                panic!("{status}: expected a documented error");
            };
            assert_eq!(got, status);
            let sent: Value = serde_json::from_str(&body).unwrap();
            let (variant, decoded) = match &error {
                ListWebhooksV1Error::BadRequest(e) => (400, as_json(e)),
                ListWebhooksV1Error::Unauthorized(e) => (401, as_json(e)),
                ListWebhooksV1Error::Forbidden(e) => (403, as_json(e)),
                ListWebhooksV1Error::NotFound(e) => (404, as_json(e)),
                ListWebhooksV1Error::InternalServerError(e) => (500, as_json(e)),
                other => panic!("{status}: a variant the spec does not document: {other:?}"),
            };
            assert_eq!(variant, status, "the variant follows the status");
            assert_eq!(decoded, sent);
        }

        // A body whose `const` code belongs to another status does not decode.
        let wrong = error_body(404, "0300401", "Not Found", None);
        let server = serve(404, &wrong).await;
        check_malformed(client(&server).list_webhooks_v1().await, 404, &wrong, "code");

        let server = serve(429, "slow down").await;
        check_unexpected(client(&server).list_webhooks_v1().await, 429, "slow down");

        // A webhook of an unknown kind is kept (`Unknown`), as a received union must;
        // a list that is not a list is not.
        let malformed = r#"{"data":{"id":"WH1"}}"#;
        let server = serve(200, malformed).await;
        check_malformed(client(&server).list_webhooks_v1().await, 200, malformed, "data");
    }

    /// No reply panics: a sweep of statuses with a body no type accepts gives
    /// `Decode` for a documented status and `Unexpected` for any other.
    #[tokio::test]
    async fn any_status_with_garbage_is_an_error_value() {
        let garbage = "\u{0}<html>not json";
        for status in [200, 201, 204, 301, 304, 399, 400, 401, 402, 403, 404, 409, 422, 499, 500, 502, 503, 599] {
            let server = serve(status, garbage).await;
            let result = client(&server).list_webhooks_v1().await;
            let documented = [200, 400, 401, 403, 404, 500].contains(&status);
            match result {
                Err(Error::Decode { status: s, .. }) if documented => assert_eq!(s, status),
                Err(Error::Unexpected { status: s, .. }) if !documented => assert_eq!(s, status),
                other => panic!("{status}: {other:?}"),
            }
        }
    }

    #[test]
    fn server() {
        assert_eq!(Client::new(Auth::ApiKey(Secret::new("k"))).base_url(), "https://api.quo.com");
    }
}

mod partoo_client {
    use super::*;
    use partoo::client::{Auth, Client, GetWebhookListError};

    const LIST: &str = r#"{"page":1,"max_page":1,"count":1,"items":[{"id":1,"url":"https://example.com/webhook","event_type":"business_created","created_at":"2024-11-27T16:10:44.929678Z","updated_at":"2024-11-27T16:10:44.929678Z","org_id":7,"custom_headers":{"X-My-Header":"v"}}]}"#;

    fn client(server: &MockServer) -> Client {
        Client::with_base_url(format!("{}/v2", server.uri()), Auth::ApiKeyAuth(Secret::new("partoo-key")))
    }

    #[tokio::test]
    async fn wire_request_sends_documented_defaults() {
        let server = serve(200, LIST).await;
        client(&server).get_webhook_list().await.expect("200");
        let request = only_request(&server).await;
        assert_eq!(request.method.as_str(), "GET");
        assert_eq!(request.url.path(), "/v2/webhooks");
        assert_eq!(request.url.query(), Some("page=1&per_page=30"));
        assert_eq!(own_headers(&request), pairs(&[("accept", "application/json"), ("x-apikey", "partoo-key")]));
    }

    #[tokio::test]
    async fn wire_request_with_every_parameter() {
        let server = serve(200, LIST).await;
        let per_page = partoo::GetWebhookListPerPage::new(100).expect("within 1..=100");
        client(&server).get_webhook_list().org_id(7).page(3).per_page(per_page).await.expect("200");
        let request = only_request(&server).await;
        assert_eq!(request.url.query(), Some("org_id=7&page=3&per_page=100"));
    }

    #[tokio::test]
    async fn the_api_key_does_not_follow_a_redirect_to_another_host() {
        let elsewhere = serve(200, LIST).await;
        for status in [302, 307] {
            let origin = MockServer::start().await;
            let moved =
                ResponseTemplate::new(status).insert_header("location", format!("{}/v2/webhooks", elsewhere.uri()));
            Mock::given(any()).respond_with(moved).mount(&origin).await;
            let result = client(&origin).get_webhook_list().await;
            assert!(matches!(result, Err(Error::Unexpected { status: s, .. }) if s.as_u16() == status), "{result:?}");
        }
        assert!(requests(&elsewhere).await.is_empty(), "x-APIKey never reached the other host");
    }

    #[test]
    fn per_page_is_checked_before_sending() {
        for bad in [0, 101] {
            let error = partoo::GetWebhookListPerPage::new(bad).expect_err("out of 1..=100");
            assert!(error.to_string().starts_with("GetWebhookListPerPage: "), "{error}");
        }
    }

    #[tokio::test]
    async fn statuses() {
        let server = serve(200, LIST).await;
        let list = client(&server).get_webhook_list().await.expect("200");
        let items = list.items.as_ref().expect("items");
        assert_eq!(items[0].event_type, partoo::EventType::BusinessCreated);
        assert_eq!(as_json(&list), serde_json::from_str::<Value>(LIST).unwrap());

        let body = r#"{"errors":{"authentication":"User not authenticated"}}"#;
        let server = serve(401, body).await;
        match client(&server).get_webhook_list().await {
            Err(Error::Api { status, body: GetWebhookListError::Unauthorized(e), .. }) => {
                assert_eq!(status, 401);
                let errors = e.errors.as_ref().expect("errors");
                assert_eq!(errors.authentication.as_deref(), Some("User not authenticated"));
            }
            other => panic!("expected Unauthorized, got {other:?}"),
        }

        let body = r#"{"errors":{"authorization":"Operation not allowed"}}"#;
        let server = serve(403, body).await;
        match client(&server).get_webhook_list().await {
            Err(Error::Api { status, body: GetWebhookListError::Forbidden(e), .. }) => {
                assert_eq!(status, 403);
                assert_eq!(as_json(&e), serde_json::from_str::<Value>(body).unwrap());
            }
            other => panic!("expected Forbidden, got {other:?}"),
        }

        let server = serve(404, "").await;
        check_unexpected(client(&server).get_webhook_list().await, 404, "");

        let malformed = r#"{"items":[{"id":1}]}"#;
        let server = serve(200, malformed).await;
        let result = client(&server).get_webhook_list().await;
        assert!(matches!(result, Err(Error::Decode { .. })), "{result:?}");

        let malformed = r#"{"errors":"nope"}"#;
        let server = serve(403, malformed).await;
        check_malformed(client(&server).get_webhook_list().await, 403, malformed, "errors");
    }

    #[test]
    fn servers() {
        let auth = Auth::ApiKeyAuth(Secret::new("k"));
        assert_eq!(Client::new(auth.clone()).base_url(), "https://api.partoo.co/v2");
        assert_eq!(Client::sandbox(auth).base_url(), "https://api.sandbox.partoo.co/v2");
    }
}

mod using_the_client {
    use super::*;
    use partoo::client::{Auth, Client};

    #[test]
    fn client_is_clone_send_sync() {
        fn check<T: Clone + Send + Sync + 'static>() {}
        check::<Client>();
        check::<quo::client::Client>();
        check::<faxplus::client::Client>();
    }

    #[test]
    fn secrets_never_appear_in_debug_output() {
        let client = Client::new(Auth::ApiKeyAuth(Secret::new("partoo-secret-key")));
        let fax = faxplus::client::Client::new(faxplus::client::Auth::Oauth2ClientId {
            oauth2: Secret::new("oauth-secret"),
            client_id: Secret::new("client-secret"),
        });
        let printed = format!("{client:?} {client:#?} {fax:?} {:?}", client.get_webhook_list());
        for secret in ["partoo-secret-key", "oauth-secret", "client-secret"] {
            assert!(!printed.contains(secret), "{secret} leaked: {printed}");
        }
        assert!(printed.contains("***"));
    }

    #[tokio::test]
    async fn a_call_can_run_on_another_task() {
        let server = serve(200, r#"{"items":[]}"#).await;
        let client = Client::with_base_url(server.uri(), Auth::ApiKeyAuth(Secret::new("k")));
        // `tokio::spawn` requires the future to be `Send + 'static`.
        let task = tokio::spawn(async move { client.get_webhook_list().await });
        let list = task.await.expect("task").expect("200");
        assert_eq!(list.items, Some(vec![]));
    }

    #[tokio::test]
    async fn a_caller_supplied_reqwest_client_is_used() {
        let server = serve(200, r#"{"items":[]}"#).await;
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-trace", reqwest::header::HeaderValue::from_static("abc"));
        let http = webhook_bindings::reqwest::Client::builder().default_headers(headers).build().expect("client");
        let client = Client::with_base_url(server.uri(), Auth::ApiKeyAuth(Secret::new("k"))).with_http_client(http);
        client.get_webhook_list().await.expect("200");
        assert_eq!(header(&only_request(&server).await, "x-trace"), Some("abc"));
    }

    #[tokio::test]
    async fn a_request_timeout_is_a_transport_error() {
        let server = MockServer::start().await;
        let slow = ResponseTemplate::new(200).set_body_string(r#"{"items":[]}"#).set_delay(Duration::from_secs(5));
        Mock::given(any()).respond_with(slow).mount(&server).await;
        let client = Client::with_base_url(server.uri(), Auth::ApiKeyAuth(Secret::new("k")));
        match client.get_webhook_list().timeout(Duration::from_millis(100)).await {
            Err(Error::Transport(e)) => assert!(e.is_timeout(), "{e}"),
            other => panic!("expected a timeout, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_refused_connection_is_a_transport_error() {
        // Bind a port, then free it: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let client = Client::with_base_url(format!("http://127.0.0.1:{port}"), Auth::ApiKeyAuth(Secret::new("k")));
        let error = client.get_webhook_list().await.expect_err("nothing listens");
        assert!(matches!(&error, Error::Transport(e) if e.is_connect()), "{error:?}");
        assert_eq!(error.status(), None);
    }

    #[tokio::test]
    async fn a_request_that_cannot_be_built_is_not_sent() {
        let server = serve(200, r#"{"items":[]}"#).await;
        let client = Client::with_base_url(server.uri(), Auth::ApiKeyAuth(Secret::new("bad\nkey")));
        let error = client.get_webhook_list().await.expect_err("a line break cannot go in a header");
        assert!(matches!(error, Error::Request(_)), "{error:?}");
        assert!(!error.to_string().contains("bad\nkey"), "{error}");
        assert!(requests(&server).await.is_empty());

        let error = Client::with_base_url("not a url", Auth::ApiKeyAuth(Secret::new("k")))
            .get_webhook_list()
            .await
            .expect_err("invalid base URL");
        assert!(error.to_string().contains("invalid base URL `not a url`"), "{error}");
    }

    #[tokio::test]
    async fn errors_display_status_and_cause() {
        let server = serve(418, "teapot").await;
        let client = Client::with_base_url(server.uri(), Auth::ApiKeyAuth(Secret::new("k")));
        let error = client.get_webhook_list().await.expect_err("418");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(418));
        assert_eq!(error.raw_body(), Some(&b"teapot"[..]));
        assert_eq!(
            error.to_string(),
            "the server replied 418 I'm a teapot, which the API does not document here (6 bytes)"
        );
    }
}
