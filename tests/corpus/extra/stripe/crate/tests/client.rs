//! Stripe's generated client on the wire, against the crate's typed mock server
//! (feature `mock`): `GET /v1/customers` pages by Stripe's cursor (`starting_after`
//! the last id, while `has_more`), inferred from the spec; the reply's headers come
//! with the value; a `GET` answered 503 is retried. The customers are Stripe's own
//! fixture (`fixtures3.json`, stripe/openapi). The corpus run copies this file
//! into the generated crate and runs it; `spans.rs` checks the `tracing` spans.

use futures_util::StreamExt as _;
use stripe::client::mock::MockServer;
use stripe::client::Error;
use stripe::stripe::client::GetCustomersError;

mod common;

use common::{client, page};

#[tokio::test]
async fn customers_page_by_cursor_until_has_more_is_false() {
    let server = MockServer::start().await;
    let stripe = client(&server);
    server.on(stripe.get_customers().limit(2)).answers(&page(&["cus_1", "cus_2"], true)).await;
    server
        .on(stripe.get_customers().limit(2).starting_after(
            stripe::stripe::GetCustomersStartingAfter::new("cus_2".to_owned()).expect("an id"),
        ))
        .answers(&page(&["cus_3"], false))
        .await;
    let ids: Vec<String> =
        stripe.get_customers().limit(2).items().map(|c| c.expect("a customer").id.to_string()).collect().await;
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3"]);
    assert_eq!(server.received_requests().await.len(), 2);
}

#[tokio::test]
async fn the_reply_headers_come_with_the_value_and_errors_are_typed() {
    let server = MockServer::start().await;
    let stripe = client(&server);
    server.on(stripe.get_customers().limit(1)).with_header("request-id", "req_123").answers(&page(&["cus_1"], false)).await;
    let response = stripe.get_customers().limit(1).send_with_response().await.expect("200");
    assert_eq!(response.header("request-id"), Some("req_123"));
    assert_eq!(response.data.len(), 1);

    let error: stripe::stripe::Error = stripe::from_value(serde_json::json!({
        "error": {"type": "invalid_request_error", "message": "No such customer"}
    }))
    .expect("Stripe's error body");
    server.on(stripe.get_customers().limit(3)).fails(&GetCustomersError::Default(Box::new(error))).await;
    match stripe.get_customers().limit(3).await {
        Err(Error::Api { status, body: GetCustomersError::Default(e), .. }) => {
            assert_eq!(status, 500);
            assert_eq!(e.error.message.as_ref().map(|m| m.to_string()).as_deref(), Some("No such customer"));
        }
        other => panic!("expected the typed error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_get_answered_503_is_retried() {
    let server = MockServer::start().await;
    let stripe = client(&server);
    server.on(stripe.get_customers()).up_to(1).with_header("retry-after", "0").replies(503, "overloaded").await;
    server.on(stripe.get_customers()).answers(&page(&["cus_1"], false)).await;
    let list = stripe.get_customers().await.expect("the second attempt succeeds");
    assert_eq!(list.data.len(), 1);
    assert_eq!(server.count(stripe.get_customers()).await, 2);
}

#[tokio::test]
async fn a_quote_pdf_streams_past_the_body_limit() {
    let server = MockServer::start().await;
    let stripe = client(&server).with_body_limit(1024);
    let quote = stripe::stripe::GetQuotesQuotePdfQuote::new("qt_1".to_owned()).expect("a quote id");
    let pdf = bytes::Bytes::from(b"%PDF-1.7\n".repeat(4096));
    server.on(stripe.get_quotes_quote_pdf(quote.clone())).answers(&pdf).await;
    let buffered = stripe.get_quotes_quote_pdf(quote.clone()).await;
    assert!(matches!(buffered, Err(Error::BodyTooLarge { .. })), "{buffered:?}");
    let response = stripe.get_quotes_quote_pdf(quote).send_streaming().await.expect("200");
    assert_eq!(response.header("content-type"), Some("application/pdf"));
    let mut read = Vec::new();
    let mut chunks = response.into_inner();
    while let Some(chunk) = chunks.next().await {
        read.extend_from_slice(&chunk.expect("a chunk"));
    }
    assert_eq!(read, pdf);
}
