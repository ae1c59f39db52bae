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
#[non_exhaustive]
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
    pub fn header(&self) -> &'static str {
        match self {
            Scheme::HmacSha256 { header, .. } | Scheme::Ed25519 { header, .. } => header,
            Scheme::StandardWebhooks { .. } => "webhook-signature",
            Scheme::OpenPhone { .. } => "openphone-signature",
        }
    }
}

/// An Ed25519 public key, to check a vendor's signatures. Weak keys (the
/// small-order points, the all-zero key among them) are refused: any signature
/// made for them proves nothing.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(ed25519_dalek::VerifyingKey);

impl PublicKey {
    /// The key from its 32 bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, KeyError> {
        let key = ed25519_dalek::VerifyingKey::from_bytes(bytes).map_err(|_| KeyError("not an Ed25519 point"))?;
        Self::strong(key)
    }

    /// The key from a PEM `PUBLIC KEY` block (SubjectPublicKeyInfo), as vendors
    /// usually publish it.
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        use ed25519_dalek::pkcs8::DecodePublicKey as _;
        let key = ed25519_dalek::VerifyingKey::from_public_key_pem(pem.trim())
            .map_err(|_| KeyError("not a PEM Ed25519 public key"))?;
        Self::strong(key)
    }

    fn strong(key: ed25519_dalek::VerifyingKey) -> Result<Self, KeyError> {
        match key.is_weak() {
            true => Err(KeyError("a weak Ed25519 key (a point of small order), which any signature can match")),
            false => Ok(PublicKey(key)),
        }
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
#[non_exhaustive]
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
#[non_exhaustive]
pub enum Key {
    /// The vendor signs nothing.
    None,
    /// A shared secret, for HMAC schemes.
    Secret(Secret),
    /// The vendor's public key, for Ed25519.
    PublicKey(PublicKey),
}

/// The largest body a receiver reads unless told otherwise (`x-webhooks.body-limit`
/// of the spec, else this): 2 MiB, axum's default.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// An HMAC-SHA256 keyed with the secret once, when the receiver is built. Its
/// `Debug` shows nothing of the key.
#[derive(Clone)]
struct HmacKey(HmacSha256);

impl HmacKey {
    /// The keyed MAC, refused when the key is empty: an empty key is a receiver
    /// nobody configured.
    fn new(bytes: &[u8]) -> Result<Self, KeyError> {
        if bytes.is_empty() {
            return Err(KeyError("the secret is empty"));
        }
        HmacSha256::new_from_slice(bytes).map(HmacKey).map_err(|_| KeyError("not an HMAC key"))
    }

    /// The base64 key of a secret (after `prefix`, when it has one).
    fn base64(secret: &Secret, prefix: &str) -> Result<Self, KeyError> {
        let text = secret.expose();
        let text = text.strip_prefix(prefix).unwrap_or(text);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| KeyError("the secret is not base64 (after any `whsec_`)"))?;
        Self::new(&bytes)
    }

    /// The HMAC-SHA256 of `parts`, in order.
    fn mac(&self, parts: &[&[u8]]) -> HmacSha256 {
        let mut mac = self.0.clone();
        parts.iter().for_each(|part| mac.update(part));
        mac
    }
}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HmacKey(***)")
    }
}

/// One scheme with the receiver's key made ready for it: the only states a check
/// can be in, so that a scheme is never paired with a key of the wrong kind.
#[derive(Debug, Clone)]
enum Check {
    HmacSha256 { header: &'static str, prefix: &'static str, encoding: Encoding, key: HmacKey },
    StandardWebhooks { tolerance: u64, key: HmacKey },
    OpenPhone { tolerance: u64, key: HmacKey },
    Ed25519 { header: &'static str, encoding: Encoding, key: ed25519_dalek::VerifyingKey },
}

impl Check {
    /// `scheme` with `key`, or why the key cannot serve it.
    fn new(scheme: Scheme, key: &Key) -> Result<Self, KeyError> {
        let secret = || match key {
            Key::Secret(secret) => Ok(secret),
            Key::None | Key::PublicKey(_) => Err(KeyError("this scheme needs the signing secret")),
        };
        match scheme {
            Scheme::HmacSha256 { header, prefix, encoding } => {
                let key = HmacKey::new(secret()?.expose().as_bytes())?;
                Ok(Check::HmacSha256 { header, prefix, encoding, key })
            }
            Scheme::StandardWebhooks { tolerance } => {
                Ok(Check::StandardWebhooks { tolerance, key: HmacKey::base64(secret()?, "whsec_")? })
            }
            Scheme::OpenPhone { tolerance } => Ok(Check::OpenPhone { tolerance, key: HmacKey::base64(secret()?, "")? }),
            Scheme::Ed25519 { header, encoding } => match key {
                Key::PublicKey(public) => Ok(Check::Ed25519 { header, encoding, key: public.0 }),
                Key::None | Key::Secret(_) => Err(KeyError("this scheme needs the vendor's public key")),
            },
        }
    }

    /// The scheme this check serves.
    fn scheme(&self) -> Scheme {
        match *self {
            Check::HmacSha256 { header, prefix, encoding, .. } => Scheme::HmacSha256 { header, prefix, encoding },
            Check::StandardWebhooks { tolerance, .. } => Scheme::StandardWebhooks { tolerance },
            Check::OpenPhone { tolerance, .. } => Scheme::OpenPhone { tolerance },
            Check::Ed25519 { header, encoding, .. } => Scheme::Ed25519 { header, encoding },
        }
    }

    /// Verifies the delivery's signature (and signed timestamp) with this scheme.
    fn verify(&self, now: SystemTime, headers: &HeaderMap, body: &[u8]) -> Result<(), Error> {
        match self {
            Check::HmacSha256 { header: name, prefix, encoding, key } => {
                let digest = header(headers, name)?
                    .strip_prefix(prefix)
                    .and_then(|d| decode_signature(*encoding, d))
                    .ok_or(Error::InvalidSignature)?;
                key.mac(&[body]).verify_slice(&digest).map_err(|_| Error::InvalidSignature)
            }
            Check::StandardWebhooks { tolerance, key } => {
                let id = header(headers, "webhook-id")?;
                let timestamp = header(headers, "webhook-timestamp")?;
                let seconds: i64 = timestamp.parse().map_err(|_| Error::InvalidSignature)?;
                fresh(i128::from(seconds) * 1000, now, *tolerance)?;
                let mac = key.mac(&[id.as_bytes(), b".", timestamp.as_bytes(), b".", body]);
                let matches = header(headers, "webhook-signature")?
                    .split(' ')
                    .filter_map(|entry| entry.strip_prefix("v1,"))
                    .filter_map(|b64| decode_signature(Encoding::Base64, b64))
                    .any(|signature| mac.clone().verify_slice(&signature).is_ok());
                matches.then_some(()).ok_or(Error::InvalidSignature)
            }
            Check::OpenPhone { tolerance, key } => {
                let value = header(headers, "openphone-signature")?;
                let mut fields = value.split(';');
                let (Some("hmac"), Some("1"), Some(timestamp), Some(digest), None) =
                    (fields.next(), fields.next(), fields.next(), fields.next(), fields.next())
                else {
                    return Err(Error::InvalidSignature);
                };
                let stamp: i64 = timestamp.parse().map_err(|_| Error::InvalidSignature)?;
                // Milliseconds are compared as milliseconds: 300,001 ms is past 300 s.
                let millis = if stamp > 100_000_000_000 { i128::from(stamp) } else { i128::from(stamp) * 1000 };
                fresh(millis, now, *tolerance)?;
                let digest = decode_signature(Encoding::Base64, digest).ok_or(Error::InvalidSignature)?;
                key.mac(&[timestamp.as_bytes(), b".", body]).verify_slice(&digest).map_err(|_| Error::InvalidSignature)
            }
            Check::Ed25519 { header: name, encoding, key } => {
                let signature = decode_signature(*encoding, header(headers, name)?).ok_or(Error::InvalidSignature)?;
                let signature =
                    ed25519_dalek::Signature::from_slice(&signature).map_err(|_| Error::InvalidSignature)?;
                key.verify_strict(body, &signature).map_err(|_| Error::InvalidSignature)
            }
        }
    }
}

/// What a receiver can check: nothing to check (the vendor signs nothing), the
/// schemes its key serves (at least one), or nothing at all, because its key
/// serves none of the vendor's schemes.
#[derive(Debug, Clone)]
enum Checks {
    Unsigned,
    Some(Vec<Check>),
    Unusable(KeyError),
}

/// What authenticates a delivery before it is parsed: its signature (by the
/// vendor's schemes, with the key made ready for each when the receiver is
/// built), its size and, when switched on, its source address.
#[derive(Debug, Clone)]
pub struct Authenticator {
    checks: Checks,
    sources: &'static [&'static str],
    source_check: SourceCheck,
    body_limit: usize,
}

impl Authenticator {
    /// Checks deliveries signed by one of `schemes` and sent from `sources` (IP
    /// addresses). The key is made ready for each scheme now: a scheme it cannot
    /// serve (a `whsec_` secret for Quo's legacy scheme) is left out, and a
    /// delivery signed only with such a scheme is refused as unsigned (401). A key
    /// that serves none refuses every delivery with [`Error::Key`] (500).
    pub fn new(schemes: &'static [Scheme], key: Key, sources: &'static [&'static str]) -> Self {
        let checks = match schemes {
            [] => Checks::Unsigned,
            _ => {
                let (ready, refused): (Vec<_>, Vec<_>) =
                    schemes.iter().map(|scheme| Check::new(*scheme, &key)).partition(Result::is_ok);
                match refused.into_iter().find_map(Result::err) {
                    Some(error) if ready.is_empty() => Checks::Unusable(error),
                    _ => Checks::Some(ready.into_iter().filter_map(Result::ok).collect()),
                }
            }
        };
        Authenticator { checks, sources, source_check: SourceCheck::Off, body_limit: DEFAULT_BODY_LIMIT }
    }

    /// The same, or the reason its key serves none of the vendor's schemes.
    pub fn try_new(schemes: &'static [Scheme], key: Key, sources: &'static [&'static str]) -> Result<Self, KeyError> {
        let authenticator = Self::new(schemes, key, sources);
        match authenticator.checks {
            Checks::Unusable(error) => Err(error),
            Checks::Unsigned | Checks::Some(_) => Ok(authenticator),
        }
    }

    /// The same, with the source check set.
    pub fn with_source_check(mut self, check: SourceCheck) -> Self {
        self.source_check = check;
        self
    }

    /// The same, reading bodies of at most `limit` bytes.
    pub fn with_body_limit(mut self, limit: usize) -> Self {
        self.body_limit = limit;
        self
    }

    /// The largest body, in bytes, that this receiver reads.
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }

    /// The vendor's signature schemes that the key serves, in the order they are
    /// tried: a delivery is checked by the first whose header it carries.
    pub fn schemes(&self) -> Vec<Scheme> {
        match &self.checks {
            Checks::Some(checks) => checks.iter().map(Check::scheme).collect(),
            Checks::Unsigned | Checks::Unusable(_) => Vec::new(),
        }
    }

    /// Checks the size, the source (when switched on), then the signature, of a
    /// delivery received at `now` from `peer`.
    pub fn authenticate(
        &self,
        now: SystemTime,
        peer: Option<IpAddr>,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), Error> {
        if body.len() > self.body_limit {
            return Err(Error::TooLarge { limit: self.body_limit });
        }
        if self.source_check == SourceCheck::Documented {
            let allowed = peer.is_some_and(|peer| {
                let peer = peer.to_canonical();
                self.sources.iter().any(|s| s.parse::<IpAddr>().is_ok_and(|s| s.to_canonical() == peer))
            });
            if !allowed {
                return Err(Error::Source { peer });
            }
        }
        match &self.checks {
            Checks::Unsigned => Ok(()),
            Checks::Unusable(error) => Err(Error::Key(*error)),
            Checks::Some(checks) => match checks.iter().find(|c| headers.contains_key(c.scheme().header())) {
                Some(check) => check.verify(now, headers, body),
                None => Err(Error::MissingSignature),
            },
        }
    }
}

/// The first value of a header: a repeated header is read by its first value,
/// for the check and for the signed content alike.
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

/// Fails unless `millis` (milliseconds since the epoch) is within `tolerance`
/// seconds of `now`, compared to the millisecond.
fn fresh(millis: i128, now: SystemTime, tolerance: u64) -> Result<(), Error> {
    let now_millis = now.duration_since(UNIX_EPOCH).map_or(0, |d| i128::try_from(d.as_millis()).unwrap_or(i128::MAX));
    if now_millis.abs_diff(millis) > u128::from(tolerance) * 1000 {
        let seconds = |ms: i128| i64::try_from(ms.div_euclid(1000)).unwrap_or(if ms < 0 { i64::MIN } else { i64::MAX });
        return Err(Error::StaleTimestamp { timestamp: seconds(millis), now: seconds(now_millis) });
    }
    Ok(())
}

/// Why a delivery was refused. [`Error::status`] is what to answer the vendor
/// with, and [`Error::reply`] the text: a fixed sentence per kind, with at most a
/// short, escaped excerpt of what the sender wrote, so that nobody can make a
/// receiver echo a large or hostile value. `Display` is bounded the same way; the
/// whole error, the body included, stays in the value ([`BodyError::error`]). No
/// variant holds or prints a key.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The delivery carries no signature header of a scheme that the receiver's
    /// key serves (401).
    MissingSignature,
    /// The signature is malformed or does not match the body (401).
    InvalidSignature,
    /// The signed timestamp is too far from now: a replay, or a wrong clock (401).
    StaleTimestamp {
        /// The delivery's timestamp, in seconds since the epoch (rounded down).
        timestamp: i64,
        /// The receiver's time, in seconds since the epoch (rounded down).
        now: i64,
    },
    /// The delivery comes from an address the vendor does not send from, or the
    /// receiver was given no address to check (403).
    Source {
        /// The peer address, when known.
        peer: Option<IpAddr>,
    },
    /// The body is longer than the receiver reads ([`Authenticator::body_limit`]),
    /// refused before it is parsed, and by the axum extractor before it is read (413).
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body is not JSON, or breaks the schema of the event it names (400).
    Body(Box<BodyError>),
    /// The receiver's key serves none of the vendor's signature schemes: empty, or
    /// not in any of their formats (500: the receiver is misconfigured, and the
    /// vendor should retry once it is fixed). A key that serves some of them never
    /// gives this: a delivery signed only with the others is `MissingSignature`.
    Key(KeyError),
}

/// How many characters of a sender's text an error shows.
const EXCERPT: usize = 160;

impl Error {
    /// The HTTP status to answer with: 401 for a missing, invalid or stale
    /// signature, 403 for a wrong source, 413 for a body over the limit, 400 for a
    /// bad body, 500 for a key that serves none of the vendor's schemes.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::MissingSignature | Error::InvalidSignature | Error::StaleTimestamp { .. } => {
                StatusCode::UNAUTHORIZED
            }
            Error::Source { .. } => StatusCode::FORBIDDEN,
            Error::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Body(_) => StatusCode::BAD_REQUEST,
            Error::Key(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The text to answer the sender with, beside [`Error::status`]: what kind of
    /// refusal it is, and for a bad body where and why, in at most a few hundred
    /// characters with control characters escaped. It names no key, no address
    /// and no clock.
    pub fn reply(&self) -> String {
        match self {
            Error::MissingSignature => "the delivery is not signed".to_owned(),
            Error::InvalidSignature => "the delivery's signature does not match".to_owned(),
            Error::StaleTimestamp { .. } => "the delivery's timestamp is outside the accepted window".to_owned(),
            Error::Source { .. } => "the delivery does not come from an address the vendor sends from".to_owned(),
            Error::TooLarge { limit } => format!("the delivery's body is longer than {limit} bytes"),
            Error::Body(e) => format!("the delivery's body is not valid: {}", excerpt(&e.error.to_string())),
            Error::Key(_) => "the receiver cannot check signatures".to_owned(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingSignature => f.write_str("the delivery carries no signature this receiver's key can check"),
            Error::InvalidSignature => f.write_str("the delivery's signature does not match"),
            Error::StaleTimestamp { timestamp, now } => {
                write!(f, "the delivery's timestamp {timestamp} is outside the accepted window around {now}")
            }
            Error::Source { peer: Some(peer) } => write!(f, "{peer} is not an address the vendor sends from"),
            Error::Source { peer: None } => f.write_str("the source check has no peer address"),
            Error::TooLarge { limit } => write!(f, "the delivery's body is longer than the limit of {limit} bytes"),
            Error::Body(e) => e.fmt(f),
            Error::Key(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Body(e) => Some(&e.error),
            Error::Key(e) => Some(e),
            Error::MissingSignature
            | Error::InvalidSignature
            | Error::StaleTimestamp { .. }
            | Error::Source { .. }
            | Error::TooLarge { .. } => None,
        }
    }
}

/// At most [`EXCERPT`] characters of `text`, control and formatting characters
/// escaped (no line breaks, terminal escapes or bidirectional overrides reach a
/// reply or a log line), and `…` with the count of what was left out.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    for c in chars.by_ref().take(EXCERPT) {
        match c {
            c if c.is_control() || ('\u{200b}'..='\u{206f}').contains(&c) || c == '\u{feff}' => {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    let rest = chars.count();
    if rest > 0 {
        out.push_str(&format!("… ({rest} more characters)"));
    }
    out
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

    /// Why it could not be read, with the JSON path of the failing value: the
    /// whole error, which `Display` shortens.
    pub fn error(&self) -> &DecodeError {
        &self.error
    }
}

impl fmt::Display for BodyError {
    /// Bounded: the event name and the error are excerpts (see [`Error`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = excerpt(&self.error.to_string());
        match (self.variant, &self.event) {
            (Some(variant), Some(event)) => {
                write!(f, "a `{}` delivery is not a valid {variant}: {error}", excerpt(event))
            }
            (Some(variant), None) => write!(f, "the delivery is not a valid {variant}: {error}"),
            (None, _) => write!(f, "the delivery is not JSON: {error}"),
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

    /// The body as a JSON value, or why it cannot be one (see
    /// [`crate::runtime::Json::to_value`]): never a `null` in its place.
    pub fn json(&self) -> Result<serde_json::Value, DecodeError> {
        crate::runtime::from_json(self.body.get().as_bytes())
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

/// The axum side of a receiver: reading a request within the receiver's body
/// limit, and answering a refusal.
#[cfg(feature = "axum")]
pub mod axum {
    use std::net::{IpAddr, SocketAddr};

    use axum::extract::{ConnectInfo, Request};
    use axum::response::{IntoResponse, Response};
    use bytes::Bytes;
    use http::HeaderMap;
    use http_body_util::{BodyExt as _, LengthLimitError, Limited};

    use super::Error;

    /// The peer address (from `ConnectInfo<SocketAddr>`, when the server was
    /// started with `into_make_service_with_connect_info`), the headers and the
    /// body of a request, read up to `limit` bytes: a declared `Content-Length`
    /// over it is refused unread, and a streamed body stops there. The receiver's
    /// limit applies whatever `DefaultBodyLimit` says.
    pub async fn read(request: Request, limit: usize) -> Result<(Option<IpAddr>, HeaderMap, Bytes), Response> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let (parts, body) = request.into_parts();
        let declared = parts.headers.get(http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse().ok());
        if declared.is_some_and(|length: u64| length > limit as u64) {
            return Err(Error::TooLarge { limit }.into_response());
        }
        match Limited::new(body, limit).collect().await {
            Ok(collected) => Ok((peer, parts.headers, collected.to_bytes())),
            Err(e) if e.is::<LengthLimitError>() => Err(Error::TooLarge { limit }.into_response()),
            Err(_) => Err((http::StatusCode::BAD_REQUEST, "the delivery's body could not be read").into_response()),
        }
    }

    impl IntoResponse for Error {
        /// The error's status, with [`Error::reply`] as plain text: bounded, and
        /// holding no key.
        fn into_response(self) -> Response {
            (self.status(), self.reply()).into_response()
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

/// Signing deliveries the way the vendors do, so that a webhook handler can be
/// tested with deliveries its [`Authenticator`] accepts. Behind the `testing`
/// feature (enable it in `[dev-dependencies]`): it only makes signatures, with a
/// key the test holds, and changes nothing in how a receiver checks them.
#[cfg(feature = "testing")]
pub mod signing {
    use std::time::{SystemTime, UNIX_EPOCH};

    use base64::Engine as _;
    use ed25519_dalek::Signer as _;
    use hmac::Mac as _;
    use http::{HeaderMap, HeaderName, HeaderValue};

    use super::{Check, Encoding, Key, KeyError, PublicKey, Scheme};
    use crate::runtime::Secret;

    /// The headers of a delivery of `body` sent at `at`, signed with every one of
    /// `schemes` that `secret` serves (HMAC schemes; Ed25519 needs [`sign_ed25519`]).
    pub fn sign(schemes: &[Scheme], secret: &Secret, body: &[u8], at: SystemTime) -> HeaderMap {
        let key = Key::Secret(secret.clone());
        let mut headers = json_headers();
        for check in schemes.iter().filter_map(|scheme| Check::new(*scheme, &key).ok()) {
            insert(&mut headers, hmac_headers(&check, body, at));
        }
        headers
    }

    /// The headers of a delivery of `body` sent at `at`, signed with `scheme` alone;
    /// an error when `secret` cannot serve it.
    pub fn sign_with(scheme: Scheme, secret: &Secret, body: &[u8], at: SystemTime) -> Result<HeaderMap, KeyError> {
        let check = Check::new(scheme, &Key::Secret(secret.clone()))?;
        let mut headers = json_headers();
        insert(&mut headers, hmac_headers(&check, body, at));
        Ok(headers)
    }

    /// An Ed25519 key pair for tests: its [`PublicKey`] builds the receiver, and
    /// [`sign_ed25519`] signs with its private half. `Debug` shows only the public key.
    #[derive(Clone)]
    pub struct KeyPair(ed25519_dalek::SigningKey);

    impl KeyPair {
        /// The key pair of a 32-byte seed.
        pub fn from_seed(seed: [u8; 32]) -> Self {
            KeyPair(ed25519_dalek::SigningKey::from_bytes(&seed))
        }

        /// A fixed key pair, public for anyone to read: only for tests.
        pub fn test() -> Self {
            Self::from_seed(*b"openapi-bindgen test key pair 01")
        }

        /// The public half, for the receiver under test.
        pub fn public_key(&self) -> PublicKey {
            PublicKey(self.0.verifying_key())
        }
    }

    impl std::fmt::Debug for KeyPair {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "KeyPair({:?})", self.public_key())
        }
    }

    /// The headers of a delivery of `body`, signed by `key` with every Ed25519
    /// scheme of `schemes`.
    pub fn sign_ed25519(schemes: &[Scheme], key: &KeyPair, body: &[u8]) -> HeaderMap {
        let mut headers = json_headers();
        for scheme in schemes {
            if let Scheme::Ed25519 { header, encoding } = *scheme {
                let signature = key.0.sign(body).to_bytes();
                insert(&mut headers, vec![(header, encode(encoding, &signature))]);
            }
        }
        headers
    }

    /// The headers an HMAC scheme signs a delivery with; none for Ed25519.
    fn hmac_headers(check: &Check, body: &[u8], at: SystemTime) -> Vec<(&'static str, String)> {
        let seconds = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()).to_string();
        let base64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        match check {
            Check::HmacSha256 { header, prefix, encoding, key } => {
                let digest = key.mac(&[body]).finalize().into_bytes();
                vec![(*header, format!("{prefix}{}", encode(*encoding, &digest)))]
            }
            Check::StandardWebhooks { key, .. } => {
                let digest = sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(body));
                let id = format!("msg_{}_{seconds}", hex::encode(&digest[..8]));
                let mac = key.mac(&[id.as_bytes(), b".", seconds.as_bytes(), b".", body]).finalize().into_bytes();
                let signature = format!("v1,{}", base64(&mac));
                vec![("webhook-id", id), ("webhook-timestamp", seconds), ("webhook-signature", signature)]
            }
            Check::OpenPhone { key, .. } => {
                // Milliseconds, as Quo's own deliveries carry them.
                let millis = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis()).to_string();
                let mac = key.mac(&[millis.as_bytes(), b".", body]).finalize().into_bytes();
                vec![("openphone-signature", format!("hmac;1;{millis};{}", base64(&mac)))]
            }
            Check::Ed25519 { .. } => Vec::new(),
        }
    }

    fn encode(encoding: Encoding, bytes: &[u8]) -> String {
        match encoding {
            Encoding::Hex => hex::encode(bytes),
            Encoding::Base64 => base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }

    fn json_headers() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers
    }

    /// Adds `pairs`; names and values made here are always valid header text.
    fn insert(headers: &mut HeaderMap, pairs: Vec<(&'static str, String)>) {
        for (name, value) in pairs {
            if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
                headers.insert(name, value);
            }
        }
    }
}
