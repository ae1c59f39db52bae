//! Support code shared by the generated API clients: credentials, request building,
//! reading the reply, and the error every client method returns.
//!
//! This file is copied verbatim into every generated crate that has operations.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};

use crate::runtime::DecodeError;

#[cfg(feature = "mock")]
pub mod mock;
mod paging;
mod response;
mod retry;

pub use crate::runtime::Secret;
pub use paging::Paged;
#[doc(hidden)]
pub use paging::{Next, Paging};
pub use response::{Binary, ByteStream, Response};
pub use retry::{retry_after, RetryPolicy, RETRIED_STATUSES};

/// A user name and password for HTTP basic authentication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Basic {
    /// The user name.
    pub username: String,
    /// The password.
    pub password: Secret,
}

/// The error of a client call. `E` is the operation's enum of documented error
/// responses, one variant per status.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server replied with a status the spec documents as an error, and its body
    /// was read into the variant of that status.
    Api {
        /// The status of the reply.
        status: StatusCode,
        /// The headers of the reply.
        headers: Box<HeaderMap>,
        /// The documented response, typed.
        body: E,
    },
    /// The server replied with a status the spec does not document for the operation.
    Unexpected {
        /// The status of the reply.
        status: StatusCode,
        /// The headers of the reply.
        headers: Box<HeaderMap>,
        /// The raw body.
        body: bytes::Bytes,
    },
    /// The server replied with a documented status, but the body does not fit its type.
    Decode {
        /// The status of the reply.
        status: StatusCode,
        /// The headers of the reply.
        headers: Box<HeaderMap>,
        /// The raw body.
        body: bytes::Bytes,
        /// Why it does not fit, with the JSON path of the failing value.
        error: DecodeError,
    },
    /// The reply's body is longer than the connection's limit
    /// ([`Connection::with_body_limit`]); reading stopped there.
    BodyTooLarge {
        /// The status of the reply.
        status: StatusCode,
        /// The headers of the reply.
        headers: Box<HeaderMap>,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The request could not be sent, or the reply could not be read (connection,
    /// TLS, timeout...).
    Transport(reqwest::Error),
    /// The request could not be built: an invalid base URL, a value that cannot go in
    /// a header, a body that does not encode, or credentials the operation does not
    /// accept. Nothing was sent.
    Request(RequestError),
}

impl<E> Error<E> {
    /// The status of the reply, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::Unexpected { status, .. }
            | Error::Decode { status, .. }
            | Error::BodyTooLarge { status, .. } => Some(*status),
            Error::Transport(e) => e.status(),
            Error::Request(_) => None,
        }
    }

    /// The raw body of a reply that was not read into a type.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::Unexpected { body, .. } | Error::Decode { body, .. } => Some(body),
            _ => None,
        }
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api { status, body, .. } => write!(f, "the server replied {status}: {body:?}"),
            Error::Unexpected { status, body, .. } => {
                write!(f, "the server replied {status}, which the API does not document here ({} bytes)", body.len())
            }
            Error::Decode { status, error, .. } => {
                write!(f, "the server replied {status} with an unreadable body: {error}")
            }
            Error::BodyTooLarge { status, limit, .. } => {
                write!(f, "the server replied {status} with a body longer than the limit of {limit} bytes")
            }
            Error::Transport(e) => write!(f, "the request failed: {e}"),
            Error::Request(e) => write!(f, "the request could not be built: {e}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { error, .. } => Some(error),
            Error::Transport(e) => Some(e),
            Error::Request(e) => Some(e),
            Error::Api { .. } | Error::Unexpected { .. } | Error::BodyTooLarge { .. } => None,
        }
    }
}

impl<E> From<RequestError> for Error<E> {
    fn from(e: RequestError) -> Self {
        Error::Request(e)
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(e: reqwest::Error) -> Self {
        Error::Transport(e)
    }
}

/// Why a request could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError(String);

impl RequestError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        RequestError(message.into())
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RequestError {}

/// How long a request may take, from sending until its whole reply is read, unless
/// the connection or the request sets another limit.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How long connecting may take, in clients built by [`http_client_builder`].
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest reply body read, in bytes, unless the connection sets another limit.
pub const DEFAULT_BODY_LIMIT: usize = 32 * 1024 * 1024;

/// The most redirects one request follows.
pub const MAX_REDIRECTS: usize = 10;

/// The `User-Agent` sent unless the connection sets another: `<crate>/<version>`.
pub const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// The redirect policy of this runtime: a redirect is followed only to the origin
/// (scheme, host and port) the request was sent to, at most [`MAX_REDIRECTS`] times.
/// A redirect elsewhere is not followed: the call returns the 3xx reply, with its
/// `Location` header. Credentials (headers, query parameters, cookies) thus never
/// reach a host they were not meant for.
pub fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt.previous().first().is_some_and(|first| first.origin() == attempt.url().origin());
        if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        } else if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// A `reqwest` client builder with this runtime's defaults: [`same_origin_redirects`]
/// and [`DEFAULT_CONNECT_TIMEOUT`]. Start from it to add proxies, TLS settings or
/// middleware, and pass the client to [`Connection::with_http_client`].
pub fn http_client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder().redirect(same_origin_redirects()).connect_timeout(DEFAULT_CONNECT_TIMEOUT)
}

/// Where a client sends its requests, the HTTP client it sends them with, and the
/// limits every request has.
#[derive(Clone, Debug)]
pub struct Connection {
    http: reqwest::Client,
    base_url: String,
    timeout: Duration,
    body_limit: usize,
    user_agent: HeaderValue,
    retry: RetryPolicy,
}

impl Connection {
    /// A connection to `base_url` with a client from [`http_client_builder`], and the
    /// default limits: [`DEFAULT_TIMEOUT`], [`DEFAULT_BODY_LIMIT`] and
    /// [`DEFAULT_USER_AGENT`].
    ///
    /// # Panics
    ///
    /// As `reqwest::Client::new` does: when no TLS backend can be initialised.
    pub fn new(base_url: impl Into<String>) -> Self {
        #[allow(clippy::expect_used, reason = "reqwest::Client::new panics alike, and is documented to")]
        let http = http_client_builder().build().expect("a TLS backend initialises");
        Connection {
            http,
            base_url: base_url.into(),
            timeout: DEFAULT_TIMEOUT,
            body_limit: DEFAULT_BODY_LIMIT,
            user_agent: HeaderValue::from_static(DEFAULT_USER_AGENT),
            retry: RetryPolicy::new(),
        }
    }

    /// The same connection, sending with `http`. Its own redirect policy applies:
    /// build it from [`http_client_builder`] to keep [`same_origin_redirects`], since
    /// reqwest's default policy forwards API-key headers to other hosts.
    pub fn with_http_client(self, http: reqwest::Client) -> Self {
        Connection { http, ..self }
    }

    /// The same connection, with `timeout` for every request that sets none.
    pub fn with_timeout(self, timeout: Duration) -> Self {
        Connection { timeout, ..self }
    }

    /// The same connection, reading reply bodies up to `limit` bytes.
    pub fn with_body_limit(self, limit: usize) -> Self {
        Connection { body_limit: limit, ..self }
    }

    /// The same connection, sending `user_agent` as `User-Agent`.
    pub fn with_user_agent(self, user_agent: HeaderValue) -> Self {
        Connection { user_agent, ..self }
    }

    /// The same connection, retrying as `policy` says ([`RetryPolicy::disabled`]:
    /// never).
    pub fn with_retry_policy(self, policy: RetryPolicy) -> Self {
        Connection { retry: policy, ..self }
    }

    /// How calls are retried.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// The base URL that operation paths are appended to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The HTTP client requests are sent with.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }

    /// The time a request may take when it sets none itself.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The longest reply body read, in bytes.
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }
}

/// The future of one call, as `.send()` and `.await` on a request builder give it.
///
/// It is boxed so that a builder can name it as its `IntoFuture` type, and `Send`
/// so that a call can run on a spawned task.
pub type Pending<'a, T, E> = Pin<Box<dyn Future<Output = Result<T, Error<E>>> + Send + 'a>>;

/// The future of one call that keeps the reply's status and headers, as
/// `.send_with_response()` gives it.
pub type PendingResponse<'a, T, E> = Pending<'a, Response<T>, E>;

/// What the runtime knows of an operation besides its request: its name and path
/// template (for tracing) and the header that makes a repeated call safe.
#[doc(hidden)]
#[derive(Debug)]
pub struct Operation {
    /// The client method's name.
    pub id: &'static str,
    /// The path template, as the spec writes it.
    pub path: &'static str,
    /// The header that makes a call safe to repeat (`Idempotency-Key`), when the
    /// operation declares one: a `POST` or `PATCH` that sets it is retried.
    pub idempotency_key: Option<&'static str>,
}

/// How one operation is sent and its reply read: every call of a generated
/// builder goes through here with the request the builder built. What differs
/// between operations, how the request is built and how each status is read, is
/// plain code that `cargo check` reads quickly; only this runtime is `async`.
#[doc(hidden)]
pub struct Exchange<'a, T, E> {
    /// Where and with what limits requests go.
    pub connection: &'a Connection,
    /// The operation.
    pub operation: &'static Operation,
    /// The timeout of this call, when the builder set one.
    pub timeout: Option<Duration>,
    /// How a reply is read: by status, into the value or a documented error.
    pub decode: fn(Reply) -> Result<T, Error<E>>,
}

impl<T, E> Clone for Exchange<'_, T, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, E> Copy for Exchange<'_, T, E> {}

impl<'a, T: Send + 'a, E: Send + 'a> Exchange<'a, T, E> {
    /// Sends `request` and reads the reply into the value.
    pub fn send(self, request: Result<Request, RequestError>) -> Pending<'a, T, E> {
        Box::pin(async move { self.respond(request).await.map(Response::into_inner) })
    }

    /// As [`Exchange::send`], keeping the reply's status and headers with the value.
    pub fn send_with_response(self, request: Result<Request, RequestError>) -> PendingResponse<'a, T, E> {
        Box::pin(self.respond(request))
    }

    async fn respond(self, request: Result<Request, RequestError>) -> Result<Response<T>, Error<E>> {
        traced(self.operation, request, async move |mut request: Request| {
            let reply = request.send_retrying(self.connection, self.operation, self.timeout).await?;
            let (status, headers) = (reply.status, reply.headers.clone());
            (self.decode)(reply).map(|value| Response::new(status, headers, value))
        })
        .await
    }
}

impl<'a, E: Send + 'a> Exchange<'a, bytes::Bytes, E> {
    /// As [`Exchange::send_with_response`], but a success's body is not read: it is
    /// a [`ByteStream`], which no body limit applies to. An error reply is read
    /// and decoded as usual.
    pub fn send_streaming(self, request: Result<Request, RequestError>) -> PendingResponse<'a, ByteStream, E> {
        Box::pin(traced(self.operation, request, async move |mut request: Request| {
            let response = request.send_until_done(self.connection, self.operation, self.timeout).await?;
            let status = response.status();
            if status.is_success() {
                let headers = response.headers().clone();
                return Ok(Response::new(status, headers, ByteStream::new(response)));
            }
            let reply = Reply::read(response, self.connection.body_limit).await?;
            let headers = reply.headers.clone();
            // Only a 2xx decodes to a success, so this is an error; were it not, its
            // body is still the caller's.
            (self.decode)(reply).map(|body| Response::new(status, headers, ByteStream::from(body)))
        }))
    }
}

/// Runs `call` on the built `request`, inside a `tracing` span when the feature
/// is on: one span per call, with the operation, method, path template, the
/// status and attempt number of its last attempt, and its duration. Neither the
/// URL (its query may hold an API key), the headers nor the bodies go in it.
async fn traced<T, E, F>(
    operation: &'static Operation,
    request: Result<Request, RequestError>,
    call: impl FnOnce(Request) -> F,
) -> Result<Response<T>, Error<E>>
where
    F: Future<Output = Result<Response<T>, Error<E>>>,
{
    #[cfg_attr(not(feature = "tracing"), expect(unused_mut, reason = "the span goes in the request"))]
    let mut request = request?;
    #[cfg(feature = "tracing")]
    {
        use tracing::Instrument as _;
        let span = tracing::info_span!(
            "call",
            operation = operation.id,
            method = %request.method,
            path = operation.path,
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        request.span = span.clone();
        let result = call(request).instrument(span.clone()).await;
        if let Some(status) = result.as_ref().map_or_else(Error::status, |r| Some(r.status())) {
            span.record("status", status.as_u16());
        }
        span.record("duration_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
        result
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = operation;
        call(request).await
    }
}

/// How a parameter value is written, after OpenAPI's `style`.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Style {
    /// `name=a&name=b` exploded, `name=a,b` not.
    Form,
    /// `a,b`.
    Simple,
    /// `name=a%20b`.
    SpaceDelimited,
    /// `name=a|b`.
    PipeDelimited,
    /// `name[key]=value`.
    DeepObject,
}

/// Whether an array or object parameter is written one pair per element (OpenAPI
/// `explode: true`) or joined into one value.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Explode {
    /// `ids=1&ids=2`; an object's members as pairs of their own (`k=v`).
    Exploded,
    /// `ids=1,2`; an object as `k,v,k2,v2`.
    Joined,
}

/// Whether a header value may appear in logs and `Debug` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sensitivity {
    Public,
    Secret,
}

/// A request being built by a generated operation.
#[doc(hidden)]
#[derive(Debug)]
pub struct Request {
    method: Method,
    url: reqwest::Url,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    cookies: Vec<String>,
    body: Option<Body>,
    /// The span of the call, which each attempt records its number on.
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

/// A request body, ready to send.
#[derive(Debug)]
enum Body {
    Bytes(bytes::Bytes),
    Multipart(Multipart),
    /// A stream, sent once: taken by the first attempt.
    Stream(Option<reqwest::Body>),
}

impl Body {
    /// The body again, for another attempt; `None` for a stream.
    fn replay(&self) -> Option<Body> {
        match self {
            Body::Bytes(bytes) => Some(Body::Bytes(bytes.clone())),
            Body::Multipart(form) => Some(Body::Multipart(form.clone())),
            Body::Stream(_) => None,
        }
    }
}

/// A `multipart/form-data` body: named parts, text or bytes, each with an optional
/// file name and media type. The boundary is chosen when the request is sent.
///
/// ```ignore
/// let form = Multipart::new().text("title", "Q3 report").file("file", "q3.pdf", "application/pdf", bytes);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Multipart {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Part {
    name: String,
    data: bytes::Bytes,
    file_name: Option<String>,
    media_type: Option<String>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text part.
    pub fn text(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.part(name.into(), bytes::Bytes::from(value.into()), None, None)
    }

    /// Adds a part of raw bytes.
    pub fn bytes(self, name: impl Into<String>, data: impl Into<bytes::Bytes>) -> Self {
        self.part(name.into(), data.into(), None, None)
    }

    /// Adds a file: bytes with a file name and a media type.
    pub fn file(
        self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        media_type: impl Into<String>,
        data: impl Into<bytes::Bytes>,
    ) -> Self {
        self.part(name.into(), data.into(), Some(file_name.into()), Some(media_type.into()))
    }

    /// Adds a part holding `value` as JSON text, with media type `application/json`.
    pub fn json(self, name: impl Into<String>, value: &impl serde::Serialize) -> Result<Self, RequestError> {
        let name = name.into();
        let data = serde_json::to_vec(value).map_err(|e| RequestError::new(format!("part `{name}`: {e}")))?;
        Ok(self.part(name, data.into(), None, Some("application/json".into())))
    }

    fn part(mut self, name: String, data: bytes::Bytes, file_name: Option<String>, media_type: Option<String>) -> Self {
        self.parts.push(Part { name, data, file_name, media_type });
        self
    }

    fn into_form(self) -> Result<reqwest::multipart::Form, reqwest::Error> {
        let mut form = reqwest::multipart::Form::new();
        for part in self.parts {
            let mut p = reqwest::multipart::Part::stream(part.data);
            if let Some(file_name) = part.file_name {
                p = p.file_name(file_name);
            }
            if let Some(media_type) = part.media_type {
                p = p.mime_str(&media_type)?;
            }
            form = form.part(part.name, p);
        }
        Ok(form)
    }
}

impl Request {
    /// A request to `path` (its segments, each percent-encoded here, `/`, `?`, `#`
    /// and `%` included) under the base URL of `connection`. A segment `.` or `..`
    /// is refused: URLs drop such segments (`%2E%2E` too), which would send the
    /// request to another endpoint.
    pub fn new(connection: &Connection, method: Method, path: &[&str]) -> Result<Self, RequestError> {
        if let Some(dots) = path.iter().find(|s| matches!(**s, "." | "..")) {
            return Err(RequestError::new(format!("a path segment cannot be `{dots}`: it would change the endpoint")));
        }
        let base = &connection.base_url;
        let mut url =
            reqwest::Url::parse(base).map_err(|e| RequestError::new(format!("invalid base URL `{base}`: {e}")))?;
        {
            let mut segments =
                url.path_segments_mut().map_err(|()| RequestError::new(format!("`{base}` cannot be a base URL")))?;
            segments.pop_if_empty();
            segments.extend(path);
        }
        Ok(Request {
            method,
            url,
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            body: None,
            #[cfg(feature = "tracing")]
            span: tracing::Span::none(),
        })
    }

    /// Adds a query parameter; `null` (an absent optional value) adds nothing.
    pub fn query(
        &mut self,
        name: &str,
        value: &impl serde::Serialize,
        style: Style,
        explode: Explode,
    ) -> Result<(), RequestError> {
        let value = to_json(name, value)?;
        self.query.extend(pairs(name, &value, style, explode, Encoding::Query));
        Ok(())
    }

    /// Adds a header; `null` adds nothing.
    pub fn header(&mut self, name: &str, value: &impl serde::Serialize, explode: Explode) -> Result<(), RequestError> {
        let value = to_json(name, value)?;
        if !value.is_null() {
            self.insert_header(name, &simple(&value, explode, Encoding::None), Sensitivity::Public)?;
        }
        Ok(())
    }

    /// Adds a cookie; `null` adds nothing. Names and values are percent-encoded
    /// where a cookie cannot hold a character (`;`, `,`, white space...), so a value
    /// never adds a cookie of its own.
    pub fn cookie(&mut self, name: &str, value: &impl serde::Serialize, explode: Explode) -> Result<(), RequestError> {
        let value = to_json(name, value)?;
        self.cookies
            .extend(pairs(name, &value, Style::Form, explode, Encoding::Cookie).map(|(k, v)| format!("{k}={v}")));
        Ok(())
    }

    /// Sends `Accept: <media types>`: the media types of the documented responses.
    pub fn accept(&mut self, media_types: &str) -> Result<(), RequestError> {
        self.insert_header("accept", media_types, Sensitivity::Public)
    }

    /// Sends `token` as `Authorization: Bearer <token>`. Credentials are refused
    /// when empty (or white space), here and below.
    pub fn bearer(&mut self, token: &Secret) -> Result<(), RequestError> {
        let token = credential(token, "bearer token")?;
        self.insert_header("authorization", &format!("Bearer {token}"), Sensitivity::Secret)
    }

    /// Sends HTTP basic credentials. The password may be empty, the user name not.
    pub fn basic(&mut self, credentials: &Basic) -> Result<(), RequestError> {
        use base64::Engine as _;
        if credentials.username.trim().is_empty() {
            return Err(RequestError::new("the user name of basic credentials is empty"));
        }
        let pair = format!("{}:{}", credentials.username, credentials.password.expose());
        let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
        self.insert_header("authorization", &format!("Basic {encoded}"), Sensitivity::Secret)
    }

    /// Sends `Authorization: <scheme> <credentials>`.
    pub fn authorization(&mut self, scheme: &str, credentials: &Secret) -> Result<(), RequestError> {
        let credentials = credential(credentials, "credential")?;
        self.insert_header("authorization", &format!("{scheme} {credentials}"), Sensitivity::Secret)
    }

    /// Sends an API key in a header, as is.
    pub fn api_key_header(&mut self, name: &str, key: &Secret) -> Result<(), RequestError> {
        let key = credential(key, name)?;
        self.insert_header(name, key, Sensitivity::Secret)
    }

    /// Sends an API key in a query parameter.
    pub fn api_key_query(&mut self, name: &str, key: &Secret) -> Result<(), RequestError> {
        let key = credential(key, name)?;
        self.query.push((Encoding::Query.apply(name), Encoding::Query.apply(key)));
        Ok(())
    }

    /// Sends an API key in a cookie.
    pub fn api_key_cookie(&mut self, name: &str, key: &Secret) -> Result<(), RequestError> {
        let key = credential(key, name)?;
        self.cookies.push(format!("{}={}", Encoding::CookieName.apply(name), Encoding::Cookie.apply(key)));
        Ok(())
    }

    /// Sends `value` as a JSON body of media type `media_type`.
    pub fn json(&mut self, value: &impl serde::Serialize, media_type: &str) -> Result<(), RequestError> {
        let body = serde_json::to_vec(value).map_err(|e| RequestError::new(format!("body: {e}")))?;
        self.body_bytes(body, media_type)
    }

    /// Sends `value`, an object, as an `application/x-www-form-urlencoded` body. Each
    /// field is `name=value`, an array of scalars repeats its name (`form` style,
    /// exploded), and nested objects and arrays take brackets (`metadata[key]=v`,
    /// `items[0][price]=p`), the convention of form APIs such as Stripe's.
    pub fn form(&mut self, value: &impl serde::Serialize, media_type: &str) -> Result<(), RequestError> {
        let value = serde_json::to_value(value).map_err(|e| RequestError::new(format!("form body: {e}")))?;
        let serde_json::Value::Object(fields) = value else {
            return Err(RequestError::new("a form body must be an object"));
        };
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &fields {
            match value {
                serde_json::Value::Array(items) if items.iter().all(|i| !i.is_array() && !i.is_object()) => {
                    items.iter().for_each(|item| form_field(&mut out, name.clone(), item));
                }
                other => form_field(&mut out, name.clone(), other),
            }
        }
        self.body_bytes(out.finish().into_bytes(), media_type)
    }

    /// Sends a `multipart/form-data` body.
    pub fn multipart(&mut self, form: Multipart) {
        self.body = Some(Body::Multipart(form));
    }

    /// Sends raw bytes of media type `media_type`.
    pub fn body_bytes(&mut self, body: impl Into<bytes::Bytes>, media_type: &str) -> Result<(), RequestError> {
        self.insert_header("content-type", media_type, Sensitivity::Public)?;
        self.body = Some(Body::Bytes(body.into()));
        Ok(())
    }

    /// Sends a binary body of media type `media_type`: bytes, or a stream.
    pub fn binary(&mut self, body: Binary, media_type: &str) -> Result<(), RequestError> {
        self.insert_header("content-type", media_type, Sensitivity::Public)?;
        self.body = Some(match body.into_parts() {
            Ok(bytes) => Body::Bytes(bytes),
            Err(stream) => Body::Stream(Some(stream)),
        });
        Ok(())
    }

    fn insert_header(&mut self, name: &str, value: &str, sensitivity: Sensitivity) -> Result<(), RequestError> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| RequestError::new(format!("header name `{name}`: {e}")))?;
        let mut value =
            HeaderValue::from_str(value).map_err(|e| RequestError::new(format!("value of header `{name}`: {e}")))?;
        value.set_sensitive(sensitivity == Sensitivity::Secret);
        self.headers.insert(header, value);
        Ok(())
    }

    /// The same request again, for another attempt or the next page; `None` when
    /// its body is a stream.
    fn replay(&self) -> Option<Request> {
        let body = match &self.body {
            Some(body) => Some(body.replay()?),
            None => None,
        };
        Some(Request {
            method: self.method.clone(),
            url: self.url.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            cookies: self.cookies.clone(),
            body,
            #[cfg(feature = "tracing")]
            span: self.span.clone(),
        })
    }

    /// The value of query parameter `name`, as sent (percent-encoded).
    fn query_value(&self, name: &str) -> Option<&str> {
        let name = Encoding::Query.apply(name);
        self.query.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// Sets query parameter `name` to `value`, in place of any value it had.
    fn set_query(&mut self, name: &str, value: &str) {
        let name = Encoding::Query.apply(name);
        self.query.retain(|(k, _)| *k != name);
        self.query.push((name, Encoding::Query.apply(value)));
    }

    /// Sends the request to `link` (a `Link` target, resolved against the URL it
    /// came from) instead, with the link's query in place of the request's. A link
    /// to another origin is refused: the request's credentials are not sent there.
    fn follow_link(&mut self, link: &str) -> Result<(), RequestError> {
        let url = self.url().join(link).map_err(|e| RequestError::new(format!("the link `{link}`: {e}")))?;
        if url.origin() != self.url.origin() {
            return Err(RequestError::new(format!(
                "the next page's link leads to another origin ({}); it is not followed with this API's credentials",
                url.origin().ascii_serialization()
            )));
        }
        self.url = url;
        self.query.clear();
        Ok(())
    }

    /// The URL with the query parameters.
    fn url(&self) -> reqwest::Url {
        let mut url = self.url.clone();
        if !self.query.is_empty() {
            let own = self.query.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
            let query = match url.query() {
                Some(base) if !base.is_empty() => format!("{base}&{own}"),
                _ => own,
            };
            url.set_query(Some(&query));
        }
        url
    }

    /// Sends the request, retrying as the connection's policy says, and reads the
    /// whole reply, up to the connection's body limit. `timeout` overrides the
    /// connection's, for each attempt.
    async fn send_retrying<E>(
        &mut self,
        connection: &Connection,
        operation: &Operation,
        timeout: Option<Duration>,
    ) -> Result<Reply, Error<E>> {
        let response = self.send_until_done(connection, operation, timeout).await?;
        Reply::read(response, connection.body_limit).await
    }

    /// Sends the request until an attempt's outcome is final (see [`RetryPolicy`]),
    /// and returns the reply of the last, its body not read.
    async fn send_until_done<E>(
        &mut self,
        connection: &Connection,
        operation: &Operation,
        timeout: Option<Duration>,
    ) -> Result<reqwest::Response, Error<E>> {
        let repeatable = !matches!(self.body, Some(Body::Stream(_)))
            && retry::may_repeat(&self.method, operation.idempotency_key, &self.headers);
        let policy = if repeatable { connection.retry } else { RetryPolicy::disabled() };
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            #[cfg(feature = "tracing")]
            self.span.record("attempt", attempt);
            let outcome = self.send_once(connection, timeout).await;
            let failure = match &outcome {
                Ok(response) => retry::Failure::Status(response.status(), response.headers()),
                Err(e) if e.is_connect() || e.is_timeout() => retry::Failure::Connection,
                Err(_) => return outcome.map_err(Error::Transport),
            };
            let Some(wait) = policy.wait(attempt, started.elapsed(), failure) else {
                return outcome.map_err(Error::Transport);
            };
            #[cfg(feature = "tracing")]
            tracing::debug!(
                parent: &self.span,
                attempt,
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                "retrying"
            );
            drop(outcome);
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// One attempt: the request sent with the client of `connection`.
    async fn send_once(
        &mut self,
        connection: &Connection,
        timeout: Option<Duration>,
    ) -> reqwest::Result<reqwest::Response> {
        let mut headers = self.headers.clone();
        if !headers.contains_key(reqwest::header::USER_AGENT) {
            headers.insert(reqwest::header::USER_AGENT, connection.user_agent.clone());
        }
        let mut request = connection.http.request(self.method.clone(), self.url()).headers(headers);
        if !self.cookies.is_empty() {
            request = request.header(reqwest::header::COOKIE, self.cookies.join("; "));
        }
        match &mut self.body {
            Some(Body::Bytes(body)) => request = request.body(body.clone()),
            Some(Body::Multipart(form)) => request = request.multipart(form.clone().into_form()?),
            Some(Body::Stream(stream)) => {
                if let Some(stream) = stream.take() {
                    request = request.body(stream);
                }
            }
            None => {}
        }
        request.timeout(timeout.unwrap_or(connection.timeout)).send().await
    }
}

/// A credential's text, refused when empty or white space.
fn credential<'s>(secret: &'s Secret, what: &str) -> Result<&'s str, RequestError> {
    let text = secret.expose();
    if text.trim().is_empty() {
        Err(RequestError::new(format!("the {what} credential is empty")))
    } else {
        Ok(text)
    }
}

/// How the text of a parameter is escaped where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// As is: header values (checked by `HeaderValue`) and path segments (which
    /// `url` encodes).
    None,
    /// RFC 3986: all but the unreserved characters, so a space is `%20`, as RFC
    /// 6570's form style (OpenAPI's) writes it.
    Query,
    /// A cookie value: whatever RFC 6265's `cookie-octet` excludes, and `%`.
    Cookie,
    /// A cookie name: as a value, and `=`.
    CookieName,
}

const QUERY: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
const COOKIE: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b',').add(b';').add(b'\\').add(b'%');
const COOKIE_NAME: &percent_encoding::AsciiSet = &COOKIE.add(b'=');

impl Encoding {
    fn apply(self, text: &str) -> String {
        let set = match self {
            Encoding::None => return text.to_owned(),
            Encoding::Query => QUERY,
            Encoding::Cookie => COOKIE,
            Encoding::CookieName => COOKIE_NAME,
        };
        percent_encoding::utf8_percent_encode(text, set).to_string()
    }

    /// The encoding of names beside values of this encoding.
    fn for_names(self) -> Self {
        match self {
            Encoding::Cookie => Encoding::CookieName,
            other => other,
        }
    }
}

/// A path parameter as one segment (`simple` style), before percent-encoding. An
/// empty value, `.` or `..` is refused: it would send the request to another
/// endpoint.
#[doc(hidden)]
pub fn path_value(name: &str, value: &impl serde::Serialize, explode: Explode) -> Result<String, RequestError> {
    let text = simple(&to_json(name, value)?, explode, Encoding::None);
    match text.as_str() {
        "" | "." | ".." => {
            Err(RequestError::new(format!("path parameter `{name}` cannot be `{text}`: it would change the endpoint")))
        }
        _ => Ok(text),
    }
}

/// The value of header `name` as a `T`, read as text (strings, string enums,
/// dates), else as JSON text (numbers, booleans); `None` when absent or neither.
#[doc(hidden)]
pub fn header_value<T: serde::de::DeserializeOwned>(headers: &HeaderMap, name: &str) -> Option<T> {
    let text = headers.get(name)?.to_str().ok()?.trim();
    crate::runtime::from_value(serde_json::Value::String(text.to_owned()))
        .ok()
        .or_else(|| crate::runtime::from_json(text.as_bytes()).ok())
}

/// The documented default of parameter `name`, from its JSON text.
#[doc(hidden)]
pub fn default_value(name: &str, json: &str) -> Result<serde_json::Value, RequestError> {
    serde_json::from_str(json).map_err(|e| RequestError::new(format!("default of `{name}`: {e}")))
}

fn to_json(name: &str, value: &impl serde::Serialize) -> Result<serde_json::Value, RequestError> {
    serde_json::to_value(value).map_err(|e| RequestError::new(format!("parameter `{name}`: {e}")))
}

/// One field of a form body: nested values under bracketed names; nulls are left out.
fn form_field(out: &mut url::form_urlencoded::Serializer<'_, String>, name: String, value: &serde_json::Value) {
    match value {
        serde_json::Value::Null => {}
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                form_field(out, format!("{name}[{i}]"), item);
            }
        }
        serde_json::Value::Object(fields) => {
            for (key, item) in fields {
                form_field(out, format!("{name}[{key}]"), item);
            }
        }
        other => {
            out.append_pair(&name, &scalar(other));
        }
    }
}

/// A scalar as it goes on the wire: strings as is, other values as JSON.
fn scalar(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `simple` style: `a,b` for arrays, `k,v,k2,v2` (`k=v,k2=v2` exploded) for objects;
/// each name and value encoded, the separators not.
fn simple(value: &serde_json::Value, explode: Explode, encoding: Encoding) -> String {
    let text = |v: &serde_json::Value| encoding.apply(&scalar(v));
    match value {
        serde_json::Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
        serde_json::Value::Object(map) => {
            let key = |k: &String| encoding.for_names().apply(k);
            let parts = map.iter().map(|(k, v)| {
                let separator = match explode {
                    Explode::Exploded => "=",
                    Explode::Joined => ",",
                };
                format!("{}{separator}{}", key(k), text(v))
            });
            parts.collect::<Vec<_>>().join(",")
        }
        other => text(other),
    }
}

/// The pairs of one parameter, names and values encoded, separators not.
fn pairs(
    name: &str,
    value: &serde_json::Value,
    style: Style,
    explode: Explode,
    encoding: Encoding,
) -> impl Iterator<Item = (String, String)> {
    use serde_json::Value;
    let separator = match (style, encoding) {
        (Style::SpaceDelimited, Encoding::Query) => "%20",
        (Style::SpaceDelimited, _) => " ",
        (Style::PipeDelimited, _) => "|",
        _ => ",",
    };
    let names = encoding.for_names();
    let text = |v: &Value| encoding.apply(&scalar(v));
    let name_text = names.apply(name);
    let pairs: Vec<(String, String)> = match value {
        Value::Null => Vec::new(),
        Value::Array(items) if explode == Explode::Exploded => {
            items.iter().map(|v| (name_text.clone(), text(v))).collect()
        }
        Value::Array(items) => vec![(name_text, items.iter().map(text).collect::<Vec<_>>().join(separator))],
        Value::Object(map) if style == Style::DeepObject => {
            map.iter().map(|(k, v)| (names.apply(&format!("{name}[{k}]")), text(v))).collect()
        }
        Value::Object(map) if explode == Explode::Exploded => {
            map.iter().map(|(k, v)| (names.apply(k), text(v))).collect()
        }
        Value::Object(_) => vec![(name_text, simple(value, Explode::Joined, encoding))],
        other => vec![(name_text, text(other))],
    };
    pairs.into_iter()
}

/// A reply, read in full.
#[doc(hidden)]
#[derive(Debug)]
pub struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
}

impl Reply {
    /// Reads the whole body of `response`, up to `limit` bytes.
    async fn read<E>(mut response: reqwest::Response, limit: usize) -> Result<Reply, Error<E>> {
        let status = response.status();
        let too_large = |response: reqwest::Response| Error::BodyTooLarge {
            status,
            headers: Box::new(response.headers().clone()),
            limit,
        };
        if response.content_length().is_some_and(|length| length > limit as u64) {
            return Err(too_large(response));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if chunk.len() > limit - body.len() {
                return Err(too_large(response));
            }
            body.extend_from_slice(&chunk);
        }
        let headers = response.headers().clone();
        Ok(Reply { status, headers, body: body.into() })
    }

    /// The status code.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// A success: the JSON body read into `T`.
    pub fn json<T: serde::de::DeserializeOwned, E>(self) -> Result<T, Error<E>> {
        match crate::runtime::from_json(&self.body) {
            Ok(value) => Ok(value),
            Err(error) => Err(self.decode_error(error)),
        }
    }

    /// A success: the body as text.
    pub fn text<E>(self) -> Result<String, Error<E>> {
        match crate::runtime::from_text(&self.body) {
            Ok(value) => Ok(value),
            Err(error) => Err(self.decode_error(error)),
        }
    }

    /// A success: the raw body.
    pub fn bytes<E>(self) -> Result<bytes::Bytes, Error<E>> {
        Ok(self.body)
    }

    /// A success with no body to read.
    pub fn empty<E>(self) -> Result<(), Error<E>> {
        Ok(())
    }

    /// A documented error: its JSON body read into `T` (boxed, so that errors stay
    /// small), wrapped in `variant`.
    pub fn api_json<T: serde::de::DeserializeOwned, S, E>(
        self,
        variant: impl FnOnce(Box<T>) -> E,
    ) -> Result<S, Error<E>> {
        match crate::runtime::from_json(&self.body) {
            Ok(value) => self.api_empty(variant(Box::new(value))),
            Err(error) => Err(self.decode_error(error)),
        }
    }

    /// A documented error whose body is text.
    pub fn api_text<S, E>(self, variant: impl FnOnce(String) -> E) -> Result<S, Error<E>> {
        match crate::runtime::from_text(&self.body) {
            Ok(value) => self.api_empty(variant(value)),
            Err(error) => Err(self.decode_error(error)),
        }
    }

    /// A documented error whose body is kept raw.
    pub fn api_bytes<S, E>(self, variant: impl FnOnce(bytes::Bytes) -> E) -> Result<S, Error<E>> {
        let body = variant(self.body.clone());
        self.api_empty(body)
    }

    /// A documented error with no body to read, or whose body is already read into
    /// `body`.
    pub fn api_empty<S, E>(self, body: E) -> Result<S, Error<E>> {
        Err(Error::Api { status: self.status, headers: Box::new(self.headers), body })
    }

    /// A status the operation does not document.
    pub fn unexpected<S, E>(self) -> Result<S, Error<E>> {
        Err(Error::Unexpected { status: self.status, headers: Box::new(self.headers), body: self.body })
    }

    fn decode_error<E>(self, error: DecodeError) -> Error<E> {
        Error::Decode { status: self.status, headers: Box::new(self.headers), body: self.body, error }
    }
}
