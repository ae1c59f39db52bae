//! Support code for receiving webhook deliveries: the vendors' signature schemes,
//! the source-address check, the errors a handler answers with, and the event
//! that no variant knows.
//!
//! This file is copied verbatim into every generated crate whose specs have
//! webhooks. Each such module has a `webhooks` submodule with `parse` and a
//! `Receiver` built on [`Authenticator`] and [`parse`].

use std::fmt;
use std::net::IpAddr;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use http::{HeaderMap, StatusCode};
use serde_json::value::RawValue;

use crate::runtime::select::{Found, Members, Table};
use crate::runtime::{DecodeError, Secret};

/// How a signature value is written in its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Hexadecimal, either case.
    Hex,
    /// Standard base64, padded.
    Base64,
}

/// A vendor's signature scheme, as its spec's `x-webhooks.signatures` declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// HMAC-SHA256 of the raw body, keyed with the secret's bytes, in one header:
    /// `prefix` then the digest (GitHub: `X-Hub-Signature-256: sha256=<hex>`).
    HmacSha256 {
        /// The header, lower case.
        header: &'static str,
        /// What precedes the digest.
        prefix: &'static str,
        /// How the digest is written.
        encoding: Encoding,
    },
    /// Standard Webhooks v1: `webhook-id`, `webhook-timestamp` (seconds) and
    /// `webhook-signature` (space-separated `v1,<base64>`, any may match), an
    /// HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed with the base64 after `whsec_`.
    StandardWebhooks {
        /// How far the timestamp may be from now, either way, in seconds.
        tolerance: u64,
    },
    /// Quo's (OpenPhone's) first scheme: `openphone-signature: hmac;1;<timestamp>;<base64>`,
    /// an HMAC-SHA256 of `{timestamp}.{body}` keyed with the base64-decoded key. The
    /// timestamp is read as milliseconds when it exceeds 10^11, else as seconds.
    OpenPhone {
        /// How far the timestamp may be from now, either way, in seconds.
        tolerance: u64,
    },
    /// An Ed25519 signature of the raw body in one header (Partoo:
    /// `X-Partoo-Signature-v1`, base64), checked with the vendor's public key.
    Ed25519 {
        /// The header, lower case.
        header: &'static str,
        /// How the signature is written.
        encoding: Encoding,
    },
}

impl Scheme {
    /// The header whose presence says a delivery is signed with this scheme.
    fn header(&self) -> &'static str {
        match self {
            Scheme::HmacSha256 { header, .. } | Scheme::Ed25519 { header, .. } => header,
            Scheme::StandardWebhooks { .. } => "webhook-signature",
            Scheme::OpenPhone { .. } => "openphone-signature",
        }
    }
}

/// An Ed25519 public key, to check a vendor's signatures.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(ed25519_dalek::VerifyingKey);

impl PublicKey {
    /// The key from its 32 bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, KeyError> {
        ed25519_dalek::VerifyingKey::from_bytes(bytes).map(PublicKey).map_err(|_| KeyError("not an Ed25519 point"))
    }

    /// The key from a PEM `PUBLIC KEY` block (SubjectPublicKeyInfo), as vendors
    /// usually publish it.
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        use ed25519_dalek::pkcs8::DecodePublicKey as _;
        ed25519_dalek::VerifyingKey::from_public_key_pem(pem.trim())
            .map(PublicKey)
            .map_err(|_| KeyError("not a PEM Ed25519 public key"))
    }
}

impl std::str::FromStr for PublicKey {
    type Err = KeyError;

    /// A PEM block, or the 32 bytes in base64 or hex.
    fn from_str(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        if text.starts_with("-----BEGIN") {
            return Self::from_pem(text);
        }
        let bytes = match text.len() {
            64 => hex::decode(text).map_err(|_| KeyError("not hexadecimal"))?,
            _ => base64::engine::general_purpose::STANDARD.decode(text).map_err(|_| KeyError("not base64"))?,
        };
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| KeyError("an Ed25519 public key has 32 bytes"))?;
        Self::from_bytes(&bytes)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", hex::encode(self.0.as_bytes()))
    }
}

/// A key that cannot be used: the reason, never the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyError(&'static str);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unusable webhook key: {}", self.0)
    }
}

impl std::error::Error for KeyError {}

/// Whether a receiver checks the peer address against the addresses the vendor
/// documents for its deliveries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SourceCheck {
    /// No check (the default): the peer is often a proxy or load balancer.
    #[default]
    Off,
    /// A delivery must come from a documented address. Give the receiver the
    /// client's address as your server sees it (behind a proxy you trust, the one
    /// it reports); without one, every delivery is refused.
    Documented,
}

/// The key a receiver verifies with.
#[derive(Debug, Clone)]
pub enum Key {
    /// The vendor signs nothing.
    None,
    /// A shared secret, for HMAC schemes.
    Secret(Secret),
    /// The vendor's public key, for Ed25519.
    PublicKey(PublicKey),
}

/// What authenticates a delivery before it is parsed: its signature (by the
/// vendor's schemes, with `key`) and, when switched on, its source address.
#[derive(Debug, Clone)]
pub struct Authenticator {
    schemes: &'static [Scheme],
    key: Key,
    sources: &'static [&'static str],
    source_check: SourceCheck,
}

impl Authenticator {
    /// Checks deliveries signed by one of `schemes` (the first whose header a
    /// delivery has decides) and sent from `sources` (IP addresses).
    pub fn new(schemes: &'static [Scheme], key: Key, sources: &'static [&'static str]) -> Self {
        Authenticator { schemes, key, sources, source_check: SourceCheck::Off }
    }

    /// The same, with the source check set.
    pub fn with_source_check(mut self, check: SourceCheck) -> Self {
        self.source_check = check;
        self
    }

    /// Checks the source (when switched on), then the signature, of a delivery
    /// received at `now` from `peer`.
    pub fn authenticate(
        &self,
        now: SystemTime,
        peer: Option<IpAddr>,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), Error> {
        if self.source_check == SourceCheck::Documented {
            let allowed = peer.is_some_and(|peer| {
                let peer = peer.to_canonical();
                self.sources.iter().any(|s| s.parse::<IpAddr>().is_ok_and(|s| s.to_canonical() == peer))
            });
            if !allowed {
                return Err(Error::Source { peer });
            }
        }
        if self.schemes.is_empty() {
            return Ok(());
        }
        let Some(scheme) = self.schemes.iter().find(|s| headers.contains_key(s.header())) else {
            return Err(Error::MissingSignature);
        };
        verify(scheme, &self.key, now, headers, body)
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Result<&'h str, Error> {
    headers.get(name).and_then(|v| v.to_str().ok()).ok_or(Error::InvalidSignature)
}

fn decode_signature(encoding: Encoding, text: &str) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Hex => hex::decode(text).ok(),
        Encoding::Base64 => base64::engine::general_purpose::STANDARD.decode(text).ok(),
    }
}

type HmacSha256 = Hmac<sha2::Sha256>;

/// An HMAC keyed with `key`, over the `parts` in order.
fn mac(key: &[u8], parts: &[&[u8]]) -> Result<HmacSha256, Error> {
    if key.is_empty() {
        return Err(Error::Key(KeyError("the secret is empty")));
    }
    let mut mac = HmacSha256::new_from_slice(key).map_err(|_| Error::Key(KeyError("not an HMAC key")))?;
    parts.iter().for_each(|part| mac.update(part));
    Ok(mac)
}

fn base64_key(text: &str) -> Result<Vec<u8>, Error> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| Error::Key(KeyError("the secret is not base64 (after any `whsec_`)")))
}

/// Fails unless `timestamp` (seconds) is within `tolerance` of `now`.
fn fresh(timestamp: i64, now: SystemTime, tolerance: u64) -> Result<(), Error> {
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    if now.abs_diff(timestamp) > tolerance {
        return Err(Error::StaleTimestamp { timestamp, now });
    }
    Ok(())
}

fn verify(scheme: &Scheme, key: &Key, now: SystemTime, headers: &HeaderMap, body: &[u8]) -> Result<(), Error> {
    match (scheme, key) {
        (Scheme::HmacSha256 { header: name, prefix, encoding }, Key::Secret(secret)) => {
            let value = header(headers, name)?;
            let digest = value
                .strip_prefix(prefix)
                .and_then(|d| decode_signature(*encoding, d))
                .ok_or(Error::InvalidSignature)?;
            mac(secret.expose().as_bytes(), &[body])?.verify_slice(&digest).map_err(|_| Error::InvalidSignature)
        }
        (Scheme::StandardWebhooks { tolerance }, Key::Secret(secret)) => {
            let key = base64_key(secret.expose().strip_prefix("whsec_").unwrap_or(secret.expose()))?;
            let id = header(headers, "webhook-id")?;
            let timestamp = header(headers, "webhook-timestamp")?;
            let seconds: i64 = timestamp.parse().map_err(|_| Error::InvalidSignature)?;
            fresh(seconds, now, *tolerance)?;
            let mac = mac(&key, &[id.as_bytes(), b".", timestamp.as_bytes(), b".", body])?;
            let matches = header(headers, "webhook-signature")?
                .split(' ')
                .filter_map(|entry| entry.strip_prefix("v1,"))
                .filter_map(|b64| decode_signature(Encoding::Base64, b64))
                .any(|signature| mac.clone().verify_slice(&signature).is_ok());
            matches.then_some(()).ok_or(Error::InvalidSignature)
        }
        (Scheme::OpenPhone { tolerance }, Key::Secret(secret)) => {
            let key = base64_key(secret.expose())?;
            let value = header(headers, "openphone-signature")?;
            let mut fields = value.split(';');
            let (Some("hmac"), Some("1"), Some(timestamp), Some(digest), None) =
                (fields.next(), fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(Error::InvalidSignature);
            };
            let stamp: i64 = timestamp.parse().map_err(|_| Error::InvalidSignature)?;
            fresh(if stamp > 100_000_000_000 { stamp / 1000 } else { stamp }, now, *tolerance)?;
            let digest = decode_signature(Encoding::Base64, digest).ok_or(Error::InvalidSignature)?;
            mac(&key, &[timestamp.as_bytes(), b".", body])?.verify_slice(&digest).map_err(|_| Error::InvalidSignature)
        }
        (Scheme::Ed25519 { header: name, encoding }, Key::PublicKey(key)) => {
            let signature = decode_signature(*encoding, header(headers, name)?).ok_or(Error::InvalidSignature)?;
            let signature = ed25519_dalek::Signature::from_slice(&signature).map_err(|_| Error::InvalidSignature)?;
            key.0.verify_strict(body, &signature).map_err(|_| Error::InvalidSignature)
        }
        _ => Err(Error::Key(KeyError("this kind of key cannot check the vendor's signatures"))),
    }
}

/// Why a delivery was refused. [`Error::status`] is what to answer the vendor
/// with. No variant holds or prints a key.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The delivery carries none of the vendor's signature headers (401).
    MissingSignature,
    /// The signature is malformed or does not match the body (401).
    InvalidSignature,
    /// The signed timestamp is too far from now: a replay, or a wrong clock (401).
    StaleTimestamp {
        /// The delivery's timestamp, in seconds since the epoch.
        timestamp: i64,
        /// The receiver's time, in seconds since the epoch.
        now: i64,
    },
    /// The delivery comes from an address the vendor does not send from, or the
    /// receiver was given no address to check (403).
    Source {
        /// The peer address, when known.
        peer: Option<IpAddr>,
    },
    /// The body is not JSON, or breaks the schema of the event it names (400).
    Body(Box<BodyError>),
    /// The receiver's key cannot verify anything: empty, or not in the vendor's
    /// format (500: the receiver is misconfigured).
    Key(KeyError),
}

impl Error {
    /// The HTTP status to answer with: 401 for a missing, invalid or stale
    /// signature, 403 for a wrong source, 400 for a bad body, 500 for a bad key.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::MissingSignature | Error::InvalidSignature | Error::StaleTimestamp { .. } => {
                StatusCode::UNAUTHORIZED
            }
            Error::Source { .. } => StatusCode::FORBIDDEN,
            Error::Body(_) => StatusCode::BAD_REQUEST,
            Error::Key(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingSignature => f.write_str("the delivery is not signed"),
            Error::InvalidSignature => f.write_str("the delivery's signature does not match"),
            Error::StaleTimestamp { timestamp, now } => {
                write!(f, "the delivery's timestamp {timestamp} is {}s from now", now.abs_diff(*timestamp))
            }
            Error::Source { peer: Some(peer) } => write!(f, "{peer} is not an address the vendor sends from"),
            Error::Source { peer: None } => f.write_str("the source check has no peer address"),
            Error::Body(e) => e.fmt(f),
            Error::Key(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Body(e) => Some(&e.error),
            _ => None,
        }
    }
}

/// A body that is not JSON, or that breaks the schema of the event it names. It
/// keeps what the application needs to route, store or retry it.
#[derive(Debug)]
pub struct BodyError {
    event: Option<String>,
    variant: Option<&'static str>,
    body: Vec<u8>,
    error: DecodeError,
}

impl BodyError {
    /// The event the delivery names (its event header, else its first
    /// discriminating property), if any.
    pub fn event(&self) -> Option<&str> {
        self.event.as_deref()
    }

    /// The `WebhookEvent` variant its identity selected, if the body was JSON.
    pub fn variant(&self) -> Option<&'static str> {
        self.variant
    }

    /// The body, byte for byte.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Why it could not be read, with the JSON path of the failing value.
    pub fn error(&self) -> &DecodeError {
        &self.error
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.variant, &self.event) {
            (Some(variant), Some(event)) => write!(f, "a `{event}` delivery is not a valid {variant}: {}", self.error),
            (Some(variant), None) => write!(f, "the delivery is not a valid {variant}: {}", self.error),
            (None, _) => write!(f, "the delivery is not JSON: {}", self.error),
        }
    }
}

/// A delivery of an event these bindings do not know (a vendor added it after they
/// were generated), kept as sent.
#[derive(Debug, Clone)]
pub struct UnknownEvent {
    event: Option<String>,
    body: Box<RawValue>,
}

impl UnknownEvent {
    /// The event the delivery names (its event header, else its first
    /// discriminating property), if any.
    pub fn event(&self) -> Option<&str> {
        self.event.as_deref()
    }

    /// The body as JSON text, exactly as received.
    pub fn body(&self) -> &str {
        self.body.get()
    }

    /// The body as a JSON value.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.body.get()).unwrap_or(serde_json::Value::Null)
    }
}

impl PartialEq for UnknownEvent {
    fn eq(&self, other: &Self) -> bool {
        self.event == other.event && self.body.get() == other.body.get()
    }
}

impl serde::Serialize for UnknownEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body.serialize(serializer)
    }
}

/// What a module's `webhooks::parse` needs to know of its `WebhookEvent`.
#[derive(Debug)]
pub struct Events<E: 'static> {
    /// How a delivery selects its variant.
    pub table: &'static Table,
    /// The variant names, in route order, for errors.
    pub names: &'static [&'static str],
    /// The header that names the event, lower case, if the vendor has one.
    pub event_header: Option<&'static str>,
    /// Reads a body as the variant of a route; `None` when that variant is not
    /// compiled (its webhook's feature is off).
    pub decode: fn(usize, &[u8]) -> Decoded<E>,
    /// Wraps an event that selects no route.
    pub unknown: fn(UnknownEvent) -> E,
}

/// What a module's `decode` makes of a body: the event, an error, or `None` for a
/// route whose variant is not compiled.
#[doc(hidden)]
pub type Decoded<E> = Option<Result<E, DecodeError>>;

/// Reads `body` as the payload of the variant `wrap` makes: what a module's
/// `decode` answers for a route whose variant is compiled.
#[doc(hidden)]
pub fn decode<T: serde::de::DeserializeOwned, E>(body: &[u8], wrap: fn(T) -> E) -> Decoded<E> {
    Some(crate::runtime::from_json(body).map(wrap))
}

/// Parses a delivery into the variant its headers and body select (see
/// [`crate::runtime::select`]). An event no compiled variant knows is `unknown`; a body that
/// breaks the schema of the event it names is [`Error::Body`], with that identity.
pub fn parse<E>(events: &Events<E>, headers: &HeaderMap, body: &[u8]) -> Result<E, Error> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let event =
        |found: &Found<'_>| events.event_header.and_then(header).map(str::to_owned).or_else(|| found.identity());
    let not_json = |error| Error::Body(Box::new(BodyError { event: None, variant: None, body: body.to_vec(), error }));
    let fields = match Members::read(body) {
        Some(members) => members,
        // Not an object: an error unless it is JSON, which has no members.
        None => {
            crate::runtime::from_json::<serde::de::IgnoredAny>(body).map(|_| Members::default()).map_err(not_json)?
        }
    };
    let found = Found::read(events.table, header, &fields);
    let decoded = events.table.choose(&found, &fields).and_then(|route| Some((route, (events.decode)(route, body)?)));
    match decoded {
        Some((route, decoded)) => decoded.map_err(|error| {
            let variant = events.names.get(route).copied();
            Error::Body(Box::new(BodyError { event: event(&found), variant, body: body.to_vec(), error }))
        }),
        None => {
            let raw = crate::runtime::from_json(body).map_err(not_json)?;
            Ok((events.unknown)(UnknownEvent { event: event(&found), body: raw }))
        }
    }
}

/// The axum side of a receiver: reading a request, and answering a refusal.
#[cfg(feature = "axum")]
pub mod axum {
    use std::net::{IpAddr, SocketAddr};

    use axum::extract::{ConnectInfo, FromRequest, Request};
    use axum::response::{IntoResponse, Response};
    use bytes::Bytes;
    use http::HeaderMap;

    /// The peer address (from `ConnectInfo<SocketAddr>`, when the server was
    /// started with `into_make_service_with_connect_info`), the headers and the
    /// body of a request. The body is read within axum's `DefaultBodyLimit`.
    pub async fn read<S: Send + Sync>(
        request: Request,
        state: &S,
    ) -> Result<(Option<IpAddr>, HeaderMap, Bytes), Response> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state).await.map_err(IntoResponse::into_response)?;
        Ok((peer, headers, body))
    }

    impl IntoResponse for super::Error {
        /// The error's status, with its message as plain text (it holds no key).
        fn into_response(self) -> Response {
            (self.status(), self.to_string()).into_response()
        }
    }
}

/// What the generated example tests of webhooks call.
#[doc(hidden)]
pub mod testing {
    use crate::runtime::testing::canonical;

    /// Parses `json`, sent with `headers`, through a module's `parse`; checks that it
    /// selects `variant` and serialises back to the same JSON text (up to
    /// whitespace, key order and string escapes).
    #[track_caller]
    pub fn assert_delivery<E: std::fmt::Debug + serde::Serialize>(
        parse: fn(&http::HeaderMap, &[u8]) -> Result<E, super::Error>,
        headers: &[(&'static str, &'static str)],
        json: &str,
        variant: &str,
        origin: &str,
    ) {
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, http::HeaderValue::from_static(value));
        }
        let event = parse(&map, json.as_bytes()).unwrap_or_else(|e| panic!("{origin}: not parsed: {e}"));
        let debug = format!("{event:?}");
        assert!(
            debug.strip_prefix(variant).is_some_and(|rest| rest.starts_with('(')),
            "{origin}: selected {}, not {variant}",
            debug.split('(').next().unwrap_or_default()
        );
        let back = serde_json::to_string(&event).unwrap_or_else(|e| panic!("{origin}: does not serialise: {e}"));
        let (before, after) = (canonical(json), canonical(&back));
        assert!(before == after, "{origin}: round trip changed the value\n  before: {before}\n  after:  {after}");
    }
}
