//! The fixture `production.yaml` on the wire (`wiremock`): GitHub's `Link`
//! paging and Stripe's cursor (both inferred), a POST retried only with its
//! idempotency key, a PDF read as a stream past the body limit, and an upload sent
//! from a stream.

use std::time::Duration;

use futures_util::StreamExt as _;
use webhook_bindings::client::{Binary, Error, RetryPolicy, Secret};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::golden::production::client::{Auth, Client, DownloadReportError};
use crate::golden::production::Customer;

fn client(server: &MockServer) -> Client {
    let fast = RetryPolicy::new().with_backoff(Duration::from_millis(1), Duration::from_millis(5));
    Client::with_base_url(server.uri(), Auth::Token(Secret::new("token-123"))).with_retry_policy(fast)
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

#[tokio::test]
async fn link_headers_page_on_the_same_origin() {
    let server = MockServer::start().await;
    let next = format!(
        "<{}/repos/r/issues?page=2&per_page=30>; rel=\"next\", <{0}/repos/r/issues?page=2>; rel=\"last\"",
        server.uri()
    );
    let first = ResponseTemplate::new(200)
        .set_body_json(serde_json::json!([{"id": 1, "title": "a"}, {"id": 2, "title": "b"}]))
        .insert_header("link", next.as_str());
    Mock::given(path("/repos/r/issues")).and(query_param("page", "1")).respond_with(first).mount(&server).await;
    let last = ResponseTemplate::new(200).set_body_json(serde_json::json!([{"id": 3, "title": "c"}]));
    Mock::given(path("/repos/r/issues")).and(query_param("page", "2")).respond_with(last).mount(&server).await;

    let titles: Vec<String> =
        client(&server).list_issues("r".to_owned()).items().map(|i| i.expect("an issue").title).collect().await;
    assert_eq!(titles, ["a", "b", "c"]);
    let sent = received(&server).await;
    assert_eq!(sent[1].url.query(), Some("page=2&per_page=30"), "the link's query, as given");
    assert!(sent.iter().all(|r| r.headers.get("authorization").is_some_and(|v| v == "Bearer token-123")));
}

#[tokio::test]
async fn a_link_to_another_origin_is_not_followed_with_the_credentials() {
    let (server, elsewhere) = (MockServer::start().await, MockServer::start().await);
    let next = format!("<{}/repos/r/issues?page=2>; rel=\"next\"", elsewhere.uri());
    let first = ResponseTemplate::new(200)
        .set_body_json(serde_json::json!([{"id": 1, "title": "a"}]))
        .insert_header("link", next.as_str());
    Mock::given(method("GET")).respond_with(first).mount(&server).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&elsewhere)
        .await;

    let items: Vec<_> = client(&server).list_issues("r".to_owned()).items().collect().await;
    assert!(items[0].is_ok());
    assert!(matches!(&items[1], Err(Error::Request(e)) if e.to_string().contains("another origin")), "{:?}", items[1]);
    assert!(received(&elsewhere).await.is_empty(), "the token never reached the other origin");
}

#[tokio::test]
async fn a_cursor_pages_while_has_more() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], more: bool| {
        let data: Vec<_> = ids.iter().map(|id| serde_json::json!({"id": id})).collect();
        ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"object": "list", "data": data, "has_more": more, "url": "/v1/customers"}),
        )
    };
    Mock::given(query_param_is_missing("starting_after"))
        .respond_with(page(&["cus_1", "cus_2"], true))
        .mount(&server)
        .await;
    Mock::given(query_param("starting_after", "cus_2")).respond_with(page(&["cus_3"], false)).mount(&server).await;

    let ids: Vec<String> =
        client(&server).list_customers().limit(2).items().map(|c| c.expect("a customer").id).collect().await;
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3"]);
    let pages: Vec<_> = client(&server).list_customers().pages().collect().await;
    assert_eq!(pages.iter().map(|p| p.as_ref().expect("a page").data.len()).collect::<Vec<_>>(), [2, 1]);
}

#[tokio::test]
async fn a_post_is_retried_only_with_its_idempotency_key() {
    let customer = || Customer { id: "cus_1".to_owned(), email: None, additional_properties: Default::default() };
    let keyed = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&keyed)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "cus_1"})))
        .with_priority(2)
        .mount(&keyed)
        .await;
    let created = client(&keyed).create_customer(customer()).idempotency_key("k-1".to_owned()).await.expect("retried");
    assert_eq!(created.id, "cus_1");
    let sent = received(&keyed).await;
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter().all(|r| r.headers.get("idempotency-key").is_some_and(|v| v == "k-1")),
        "the same key each time"
    );

    let unkeyed = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&unkeyed).await;
    let result = client(&unkeyed).create_customer(customer()).await;
    assert!(matches!(result, Err(Error::Unexpected { status, .. }) if status == 503), "{result:?}");
    assert_eq!(received(&unkeyed).await.len(), 1);
}

#[tokio::test]
async fn a_binary_body_streams_past_the_body_limit() {
    let server = MockServer::start().await;
    let pdf: Vec<u8> = b"%PDF-1.7\n".iter().copied().cycle().take(64 * 1024).collect();
    let reply = ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf");
    Mock::given(path("/reports/q3.pdf")).respond_with(reply).mount(&server).await;
    let missing = ResponseTemplate::new(404).set_body_json(serde_json::json!({"detail": "no such report"}));
    Mock::given(path("/reports/q4.pdf")).respond_with(missing).mount(&server).await;
    let client = client(&server).with_body_limit(1024);

    let buffered = client.download_report("q3".to_owned()).await;
    assert!(matches!(buffered, Err(Error::BodyTooLarge { limit: 1024, .. })), "{buffered:?}");
    let response = client.download_report("q3".to_owned()).send_streaming().await.expect("200");
    assert_eq!(response.header("content-type"), Some("application/pdf"));
    let mut read = Vec::new();
    let mut stream = response.into_inner();
    while let Some(chunk) = stream.next().await {
        read.extend_from_slice(&chunk.expect("a chunk"));
    }
    assert_eq!(read, pdf);

    let error = client.download_report("q4".to_owned()).send_streaming().await.expect_err("404");
    assert!(
        matches!(error, Error::Api { body: DownloadReportError::NotFound(p), .. } if p.detail.as_deref() == Some("no such report"))
    );
}

#[tokio::test]
async fn an_upload_is_sent_from_a_stream_once() {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let chunks = futures_util::stream::iter(
        [b"part one, ".to_vec(), b"part two".to_vec()].map(|c| Ok::<_, std::io::Error>(bytes::Bytes::from(c))),
    );
    let result = client(&server).upload_report("q3".to_owned(), Binary::stream(chunks)).await;
    assert!(matches!(result, Err(Error::Unexpected { status, .. }) if status == 503), "{result:?}");
    let sent = received(&server).await;
    assert_eq!(sent.len(), 1, "a stream cannot be sent again");
    assert_eq!(sent[0].body, b"part one, part two");
    assert_eq!(sent[0].headers.get("content-type").map(|v| v.as_bytes()), Some(&b"application/octet-stream"[..]));

    let bytes = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&bytes)
        .await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(204)).with_priority(2).mount(&bytes).await;
    client(&bytes).upload_report("q3".to_owned(), b"in memory".to_vec()).await.expect("a PUT of bytes is retried");
    assert_eq!(received(&bytes).await.len(), 2);
}

#[tokio::test]
async fn documented_response_headers_are_typed() {
    use crate::golden::production::client::ListIssuesHeaders;
    let server = MockServer::start().await;
    let reply = ResponseTemplate::new(200)
        .set_body_json(serde_json::json!([]))
        .insert_header("x-ratelimit-remaining", "59")
        .insert_header("etag", "\"abc\"");
    Mock::given(method("GET")).respond_with(reply).mount(&server).await;
    let response = client(&server).list_issues("r".to_owned()).send_with_response().await.expect("200");
    let headers = ListIssuesHeaders::read(response.headers());
    assert_eq!(headers.x_rate_limit_remaining, Some(59));
    assert_eq!(headers.e_tag.as_deref(), Some("\"abc\""));
    assert_eq!(headers.link, None, "absent");

    let mut odd = webhook_bindings::http::HeaderMap::new();
    odd.insert("x-ratelimit-remaining", "many".parse().expect("a value"));
    assert_eq!(ListIssuesHeaders::read(&odd).x_rate_limit_remaining, None, "not an integer: its text stays in the map");
}

#[tokio::test]
async fn a_cursor_that_does_not_move_ends_the_walk_with_an_error() {
    let server = MockServer::start().await;
    let stuck = ResponseTemplate::new(200).set_body_json(
        serde_json::json!({"object": "list", "data": [{"id": "cus_1"}], "has_more": true, "url": "/v1/customers"}),
    );
    Mock::given(method("GET")).respond_with(stuck).mount(&server).await;
    // The first page, then its cursor's page (the same again), then the stop.
    let items: Vec<_> = client(&server).list_customers().items().take(10).collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(matches!(&items[2], Err(Error::Request(e)) if e.to_string().contains("paging stops")), "{:?}", items[2]);
    assert_eq!(received(&server).await.len(), 2);
}
