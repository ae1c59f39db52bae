//! A local HTTP server for the client tests (`wiremock`), and reading what it received.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server that answers every request with `status` and `body` of `content_type`.
pub async fn serve(status: u16, content_type: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    let reply = ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type);
    Mock::given(any()).respond_with(reply).mount(&server).await;
    server
}

/// The requests `server` received, in order.
pub async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("request recording is on by default")
}

/// The value of header `name` of `request`.
pub fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).map(|v| v.to_str().expect("ASCII header"))
}
