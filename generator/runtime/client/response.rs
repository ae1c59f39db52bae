//! What a call returns besides its typed value: the reply's status and headers
//! ([`Response`]), and a body read as a stream ([`ByteStream`]).

use std::fmt;
use std::ops::Deref;
use std::pin::Pin;
use std::task::{Context, Poll};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A typed value with the status and headers of the reply it was read from, as
/// `.send_with_response()` returns it: rate-limit headers, `ETag`, `Link` and
/// request ids stay at hand. It dereferences to the value.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    value: T,
}

impl<T> Response<T> {
    pub(super) fn new(status: StatusCode, headers: HeaderMap, value: T) -> Self {
        Response { status, headers, value }
    }

    /// The status of the reply.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers of the reply.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The text of header `name`, when the reply has it and it is visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The typed value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The status, the headers and the typed value.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.value)
    }

    /// The same reply with its value mapped by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response { status: self.status, headers: self.headers, value: f(self.value) }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// A reply body read chunk by chunk as it arrives, for bodies that need not fit in
/// memory (files, images, PDF): no body limit applies, only the call's timeout,
/// which runs until the last chunk is read.
pub struct ByteStream(Pin<Box<dyn futures_core::Stream<Item = Result<bytes::Bytes, reqwest::Error>> + Send>>);

impl ByteStream {
    pub(super) fn new(response: reqwest::Response) -> Self {
        ByteStream(Box::pin(response.bytes_stream()))
    }
}

impl From<bytes::Bytes> for ByteStream {
    /// A stream of one chunk.
    fn from(bytes: bytes::Bytes) -> Self {
        ByteStream(Box::pin(futures_util::stream::once(std::future::ready(Ok(bytes)))))
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ByteStream")
    }
}

impl futures_core::Stream for ByteStream {
    type Item = Result<bytes::Bytes, reqwest::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

/// A binary request body: bytes in memory, which a retry can send again, or a
/// stream, sent as it is read and never retried.
pub struct Binary(BinaryKind);

enum BinaryKind {
    Bytes(bytes::Bytes),
    Stream(reqwest::Body),
}

impl Binary {
    /// A body read from `stream` while it is sent (a file, an upload being
    /// relayed). A call with such a body is sent once: a stream cannot be replayed.
    pub fn stream<S, E>(stream: S) -> Self
    where
        S: futures_core::TryStream<Ok = bytes::Bytes, Error = E> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
        bytes::Bytes: From<S::Ok>,
    {
        Binary(BinaryKind::Stream(reqwest::Body::wrap_stream(stream)))
    }

    /// The body as bytes, or as a one-time stream.
    pub(super) fn into_parts(self) -> Result<bytes::Bytes, reqwest::Body> {
        match self.0 {
            BinaryKind::Bytes(bytes) => Ok(bytes),
            BinaryKind::Stream(body) => Err(body),
        }
    }
}

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            BinaryKind::Bytes(bytes) => write!(f, "Binary({} bytes)", bytes.len()),
            BinaryKind::Stream(_) => f.write_str("Binary(stream)"),
        }
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(BinaryKind::Bytes(bytes.into()))
    }
}

impl From<bytes::Bytes> for Binary {
    fn from(bytes: bytes::Bytes) -> Self {
        Binary(BinaryKind::Bytes(bytes))
    }
}

impl From<&'static [u8]> for Binary {
    fn from(bytes: &'static [u8]) -> Self {
        Binary(BinaryKind::Bytes(bytes::Bytes::from_static(bytes)))
    }
}
