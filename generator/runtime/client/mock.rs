//! A typed mock server for tests of code that calls a client (feature `mock`): a
//! call, built with the client's own request builder, answers a typed value or a
//! typed error, and the server records what it received. It runs on `wiremock`.
//!
//! ```ignore
//! let server = MockServer::start().await;
//! let client = Client::with_base_url(server.uri(), auth);
//! server.on(client.get_webhook_list().page(2)).answers(&page_two).await;
//! server.on(client.get_webhook_list().page(3)).fails(&GetWebhookListError::Forbidden(body)).await;
//! // ... run the code under test with `client` ...
//! server.verify().await;
//! ```

use std::fmt;
use std::marker::PhantomData;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;

use super::{Body, Request, RequestError};

/// A request builder the mock server can match and answer for: every generated
/// builder implements it with the `mock` feature.
pub trait Call {
    /// The typed value of a success.
    type Output;
    /// The operation's documented errors.
    type Error;

    /// The request the builder would send.
    fn into_request(self) -> Result<Request, RequestError>;

    /// The reply that reads back as `outcome`: the documented status and media
    /// type of the value or error, and its body.
    fn answer(outcome: Result<&Self::Output, &Self::Error>) -> Answer;
}

/// A reply of the mock server: a status, a media type and a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    status: u16,
    media_type: Option<&'static str>,
    body: Vec<u8>,
}

impl Answer {
    /// `value` as JSON. A value that cannot be written as JSON is a bug of the test
    /// (a map with non-string keys): it panics, saying so.
    #[track_caller]
    pub fn json(status: u16, media_type: &'static str, value: &impl serde::Serialize) -> Self {
        let body = serde_json::to_vec(value).unwrap_or_else(|e| panic!("the mock's answer is not JSON: {e}"));
        Answer { status, media_type: Some(media_type), body }
    }

    /// `text` as is.
    pub fn text(status: u16, media_type: &'static str, text: &str) -> Self {
        Answer { status, media_type: Some(media_type), body: text.as_bytes().to_vec() }
    }

    /// Raw bytes.
    pub fn bytes(status: u16, media_type: &'static str, bytes: &[u8]) -> Self {
        Answer { status, media_type: Some(media_type), body: bytes.to_vec() }
    }

    /// No body.
    pub fn empty(status: u16) -> Self {
        Answer { status, media_type: None, body: Vec::new() }
    }

    fn into_template(self, headers: &[(HeaderName, HeaderValue)]) -> wiremock::ResponseTemplate {
        let mut template = wiremock::ResponseTemplate::new(self.status);
        template = match self.media_type {
            Some(media_type) => template.set_body_raw(self.body, media_type),
            None => template.set_body_bytes(self.body),
        };
        for (name, value) in headers {
            template = template.append_header(name.clone(), value.clone());
        }
        template
    }
}

/// A local HTTP server answering the calls it is told about, and recording every
/// request it receives.
#[derive(Debug)]
pub struct MockServer(wiremock::MockServer);

impl MockServer {
    /// A server on a free port of the loopback interface.
    pub async fn start() -> Self {
        MockServer(wiremock::MockServer::start().await)
    }

    /// The server's base URL: give it to `Client::with_base_url`.
    pub fn uri(&self) -> String {
        self.0.uri()
    }

    /// The `wiremock` server underneath, for what the typed calls do not say.
    pub fn wiremock(&self) -> &wiremock::MockServer {
        &self.0
    }

    /// The call `call` would make, to be answered: a request with the same method
    /// and path, exactly the same query parameters (in any order: the defaults the
    /// builder sends count), the same non-credential headers, and an equal body
    /// (JSON compared as JSON), matches.
    pub fn on<C: Call>(&self, call: C) -> When<'_, C> {
        When {
            server: self,
            expected: call.into_request().map(Expected::of),
            times: None,
            up_to: None,
            headers: Vec::new(),
            call: PhantomData,
        }
    }

    /// Every request the server received, in order.
    pub async fn received_requests(&self) -> Vec<wiremock::Request> {
        self.0.received_requests().await.unwrap_or_default()
    }

    /// How many received requests match `call`.
    pub async fn count<C: Call>(&self, call: C) -> usize {
        let Ok(expected) = call.into_request().map(Expected::of) else { return 0 };
        self.received_requests().await.iter().filter(|r| wiremock::Match::matches(&expected, r)).count()
    }

    /// Panics unless every call told `times` was received that many times.
    pub async fn verify(&self) {
        self.0.verify().await;
    }
}

/// A call the server is being told how to answer.
#[must_use = "a call is answered only once `answers`, `fails` or `replies` is awaited"]
pub struct When<'s, C: Call> {
    server: &'s MockServer,
    expected: Result<Expected, RequestError>,
    times: Option<u64>,
    up_to: Option<u64>,
    headers: Vec<(HeaderName, HeaderValue)>,
    call: PhantomData<fn() -> C>,
}

impl<C: Call> fmt::Debug for When<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("When")
            .field("expected", &self.expected)
            .field("times", &self.times)
            .field("up_to", &self.up_to)
            .finish()
    }
}

impl<'s, C: Call> When<'s, C> {
    /// Expects the call exactly `n` times: [`MockServer::verify`] (and dropping the
    /// server) checks it.
    pub fn times(self, n: u64) -> Self {
        When { times: Some(n), ..self }
    }

    /// Answers the first `n` matching calls only; later ones go to the answers
    /// told after this one (a 503, then the value: a retry).
    pub fn up_to(self, n: u64) -> Self {
        When { up_to: Some(n), ..self }
    }

    /// Adds a header to the reply (`Link`, `Retry-After`, a request id...).
    #[track_caller]
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes()).unwrap_or_else(|e| panic!("header name `{name}`: {e}"));
        let value = HeaderValue::from_str(value).unwrap_or_else(|e| panic!("value of header `{name}`: {e}"));
        self.headers.push((name, value));
        self
    }

    /// Answers with `value`, as the documented success.
    pub async fn answers(self, value: &C::Output) {
        let answer = C::answer(Ok(value));
        self.mount(answer).await;
    }

    /// Answers with `error`, at its documented status.
    pub async fn fails(self, error: &C::Error) {
        let answer = C::answer(Err(error));
        self.mount(answer).await;
    }

    /// Answers with any status and raw body, documented or not.
    pub async fn replies(self, status: u16, body: impl Into<Vec<u8>>) {
        self.mount(Answer { status, media_type: None, body: body.into() }).await;
    }

    #[track_caller]
    fn mount(self, answer: Answer) -> impl std::future::Future<Output = ()> + 's {
        let expected = self.expected.unwrap_or_else(|e| panic!("the mocked call cannot be built: {e}"));
        let mut mock = wiremock::Mock::given(expected).respond_with(answer.into_template(&self.headers));
        if let Some(n) = self.times {
            mock = mock.expect(n);
        }
        if let Some(n) = self.up_to {
            mock = mock.up_to_n_times(n);
        }
        mock.mount(&self.server.0)
    }
}

/// What a received request must be to match a call.
#[derive(Debug)]
struct Expected {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Vec<u8>>,
}

impl Expected {
    fn of(request: Request) -> Self {
        let url = request.url();
        let headers = request.headers.iter().filter(|(_, v)| !v.is_sensitive()).map(|(k, v)| (k.clone(), v.clone()));
        let body = match &request.body {
            Some(Body::Bytes(bytes)) => Some(bytes.to_vec()),
            _ => None,
        };
        Expected {
            method: request.method.clone(),
            path: url.path().to_owned(),
            query: {
                let mut pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
                pairs.sort();
                pairs
            },
            headers: headers.collect(),
            body,
        }
    }
}

impl wiremock::Match for Expected {
    fn matches(&self, request: &wiremock::Request) -> bool {
        let mut pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        pairs.sort();
        request.method == self.method
            && request.url.path() == self.path
            && pairs == self.query
            && self.headers.iter().all(|(name, value)| same_header(&request.headers, name, value))
            && self.body.as_ref().is_none_or(|body| same_body(body, &request.body))
    }
}

fn same_header(headers: &HeaderMap, name: &HeaderName, value: &HeaderValue) -> bool {
    headers.get_all(name).iter().any(|v| v == value)
}

/// Equal bytes, or equal JSON values.
fn same_body(expected: &[u8], received: &[u8]) -> bool {
    expected == received
        || matches!(
            (serde_json::from_slice::<serde_json::Value>(expected), serde_json::from_slice::<serde_json::Value>(received)),
            (Ok(a), Ok(b)) if a == b
        )
}
