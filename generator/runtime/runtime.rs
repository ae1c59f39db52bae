//! Support code shared by the generated modules: constraint checks, union dispatch,
//! how structs read JSON objects, and the date-time format these APIs use.
//!
//! This file is copied verbatim into every generated crate by `openapi-bindgen`.

use std::fmt;
use std::sync::OnceLock;

/// A credential (token, API key, password, webhook signing secret). `Debug` prints
/// `Secret("***")`, and it has no `Display`: it cannot end up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"***\")")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// The trait impls of a type that keeps the text it was read from: `as_str`,
/// `Display`, `Debug`, `FromStr` (through the type's own `parse`), and serde as a
/// JSON string, read without any check.
macro_rules! kept_text {
    ($name:ident, $error:ty) => {
        impl $name {
            /// The text, as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = $error;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::parse(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map($name)
            }
        }
    };
}

/// A URI (`format: uri`) as it was written. Received text is kept byte for byte
/// and never refused for its format (in JSON Schema, `format` annotates), so
/// `https://EXAMPLE.com` and `""` come back as they were sent; [`Uri::as_url`]
/// parses it when you need a `url::Url`. [`Uri::parse`] checks a URI you build.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uri(String);

impl Uri {
    /// A URI from text that parses as one (`url::Url`'s rules).
    pub fn parse(text: impl Into<String>) -> Result<Self, url::ParseError> {
        let text = text.into();
        url::Url::parse(&text)?;
        Ok(Uri(text))
    }

    /// The text parsed as a URL (normalised: `url::Url` lowercases the host and
    /// resolves dot segments).
    pub fn as_url(&self) -> Result<url::Url, url::ParseError> {
        url::Url::parse(&self.0)
    }
}

kept_text!(Uri, url::ParseError);

impl From<url::Url> for Uri {
    fn from(url: url::Url) -> Self {
        Uri(url.into())
    }
}

/// An RFC 3339 date-time (`format: date-time`) as it was written. Received text
/// is kept byte for byte (`+02:00` stays `+02:00`, `.0Z` stays `.0Z`) and never
/// refused for its format; [`DateTime::to_datetime`] gives the instant.
/// [`DateTime::parse`] checks one you build; a `chrono::DateTime` converts.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(String);

impl DateTime {
    /// A date-time from RFC 3339 text.
    pub fn parse(text: impl Into<String>) -> Result<Self, chrono::ParseError> {
        let text = text.into();
        chrono::DateTime::parse_from_rfc3339(&text)?;
        Ok(DateTime(text))
    }

    /// The instant, with the offset it was written in.
    pub fn to_datetime(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, chrono::ParseError> {
        chrono::DateTime::parse_from_rfc3339(&self.0)
    }
}

kept_text!(DateTime, chrono::ParseError);

impl<Tz: chrono::TimeZone> From<chrono::DateTime<Tz>> for DateTime
where
    Tz::Offset: fmt::Display,
{
    fn from(instant: chrono::DateTime<Tz>) -> Self {
        DateTime(instant.to_rfc3339())
    }
}

/// An instant that a vendor sends in either of two encodings: RFC 3339 text or
/// seconds since the Unix epoch (`anyOf: [{type: string, format: date-time},
/// {type: integer}]`; GitHub's `created_at` is either, depending on the event).
/// It keeps what was sent and writes it back the same way;
/// [`Timestamp::to_datetime`] gives the instant whichever it was.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Timestamp {
    /// RFC 3339 text, as written.
    Text(DateTime),
    /// Whole seconds since 1970-01-01T00:00:00Z.
    UnixSeconds(i64),
}

impl Timestamp {
    /// The instant, with the offset the text gave (UTC for seconds); `None` when
    /// the text is not RFC 3339 or the seconds are beyond `chrono`'s range.
    pub fn to_datetime(&self) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        match self {
            Timestamp::Text(text) => text.to_datetime().ok(),
            Timestamp::UnixSeconds(seconds) => {
                chrono::DateTime::from_timestamp(*seconds, 0).map(|instant| instant.fixed_offset())
            }
        }
    }
}

impl<Tz: chrono::TimeZone> From<chrono::DateTime<Tz>> for Timestamp
where
    Tz::Offset: fmt::Display,
{
    fn from(instant: chrono::DateTime<Tz>) -> Self {
        Timestamp::Text(instant.into())
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Timestamp::Text(text) => text.serialize(serializer),
            Timestamp::UnixSeconds(seconds) => serializer.serialize_i64(*seconds),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl serde::de::Visitor<'_> for Either {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time or whole seconds since the Unix epoch")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
                Ok(Timestamp::Text(DateTime(text.to_owned())))
            }
            fn visit_i64<E: serde::de::Error>(self, seconds: i64) -> Result<Timestamp, E> {
                Ok(Timestamp::UnixSeconds(seconds))
            }
            fn visit_u64<E: serde::de::Error>(self, seconds: u64) -> Result<Timestamp, E> {
                i64::try_from(seconds)
                    .map(Timestamp::UnixSeconds)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(seconds), &self))
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// A full date, `YYYY-MM-DD` (`format: date`), as it was written. Received text
/// is kept byte for byte and never refused for its format;
/// [`Date::to_date`] gives the `chrono::NaiveDate`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(String);

impl Date {
    /// The wire format, in `chrono` syntax.
    pub const FORMAT: &'static str = "%Y-%m-%d";

    /// A date from `YYYY-MM-DD` text.
    pub fn parse(text: impl Into<String>) -> Result<Self, chrono::ParseError> {
        let text = text.into();
        chrono::NaiveDate::parse_from_str(&text, Self::FORMAT)?;
        Ok(Date(text))
    }

    /// The date.
    pub fn to_date(&self) -> Result<chrono::NaiveDate, chrono::ParseError> {
        chrono::NaiveDate::parse_from_str(&self.0, Self::FORMAT)
    }
}

kept_text!(Date, chrono::ParseError);

impl From<chrono::NaiveDate> for Date {
    fn from(date: chrono::NaiveDate) -> Self {
        Date(date.format(Self::FORMAT).to_string())
    }
}

/// A date and time written `YYYY-MM-DD HH:mm:ss`, without a zone (`format:
/// naive-date-time`), as it was written: received text is kept byte for byte and
/// never refused for its format. The APIs using it document the time as UTC:
/// `.to_datetime()?.and_utc()` gives a `chrono::DateTime<Utc>`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NaiveDateTime(String);

impl NaiveDateTime {
    /// The wire format, in `chrono` syntax.
    pub const FORMAT: &'static str = "%Y-%m-%d %H:%M:%S";

    /// A date and time from `YYYY-MM-DD HH:mm:ss` text.
    pub fn parse(text: impl Into<String>) -> Result<Self, chrono::ParseError> {
        let text = text.into();
        chrono::NaiveDateTime::parse_from_str(&text, Self::FORMAT)?;
        Ok(NaiveDateTime(text))
    }

    /// The date and time.
    pub fn to_datetime(&self) -> Result<chrono::NaiveDateTime, chrono::ParseError> {
        chrono::NaiveDateTime::parse_from_str(&self.0, Self::FORMAT)
    }
}

kept_text!(NaiveDateTime, chrono::ParseError);

impl From<chrono::NaiveDateTime> for NaiveDateTime {
    fn from(instant: chrono::NaiveDateTime) -> Self {
        NaiveDateTime(instant.format(Self::FORMAT).to_string())
    }
}

/// A JSON number (`type: number`) as it was written: `1` stays `1`, `1.50` stays
/// `1.50`, and `1e-400` is not rounded to `0`. [`Number::as_f64`] gives its value.
/// Equality and order compare values (`1` equals `1.0`).
#[derive(Clone)]
pub struct Number(Box<serde_json::value::RawValue>);

/// Text that is not a JSON number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotANumber(String);

impl fmt::Display for NotANumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is not a JSON number", quoted(&self.0))
    }
}

impl std::error::Error for NotANumber {}

impl Number {
    /// A number from its JSON text (`-12.5e3`).
    pub fn parse(text: impl Into<String>) -> Result<Self, NotANumber> {
        let text = text.into();
        match serde_json::value::RawValue::from_string(text.clone()) {
            Ok(raw) if Self::is_number(raw.get()) => Ok(Number(raw)),
            _ => Err(NotANumber(text)),
        }
    }

    /// A finite `f64`; `None` for NaN and the infinities, which JSON cannot write.
    pub fn from_f64(value: f64) -> Option<Self> {
        serde_json::Number::from_f64(value).map(|n| Self::from_json(&n))
    }

    /// The text, as written.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The nearest `f64` (`±inf` beyond its range).
    pub fn as_f64(&self) -> f64 {
        // A JSON number is always valid `f64` syntax.
        self.as_str().parse().unwrap_or(f64::NAN)
    }

    fn from_json(number: &serde_json::Number) -> Self {
        // A `serde_json::Number` always serialises.
        Number(serde_json::value::to_raw_value(number).unwrap_or_default())
    }

    fn is_number(text: &str) -> bool {
        text.starts_with(|c: char| c == '-' || c.is_ascii_digit())
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Self {
        Self::from_json(&value.into())
    }
}

impl From<i32> for Number {
    fn from(value: i32) -> Self {
        Self::from_json(&value.into())
    }
}

impl std::str::FromStr for Number {
    type Err = NotANumber;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Number::parse(text)
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str() || self.as_f64() == other.as_f64()
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.as_f64().partial_cmp(&other.as_f64())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({})", self.as_str())
    }
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        if Self::is_number(raw.get()) {
            return Ok(Number(raw));
        }
        use serde::de::Unexpected;
        let value: serde_json::Value = serde_json::from_str(raw.get()).map_err(serde::de::Error::custom)?;
        let unexpected = match &value {
            serde_json::Value::String(s) => Unexpected::Str(s),
            serde_json::Value::Bool(b) => Unexpected::Bool(*b),
            serde_json::Value::Array(_) => Unexpected::Seq,
            serde_json::Value::Object(_) => Unexpected::Map,
            serde_json::Value::Null | serde_json::Value::Number(_) => Unexpected::Unit,
        };
        Err(serde::de::Error::invalid_type(unexpected, &"a number"))
    }
}

/// Any JSON value, kept as the text it was read from, so that it is sent back
/// byte for byte: numbers keep their spelling and precision (`18446744073709551616`,
/// `1e-400`, `1.50`), which `serde_json::Value` would round. [`Json::to_value`] gives a
/// `serde_json::Value` to inspect, [`Json::parse`] reads it as a type. Equal when the
/// texts are equal or the values are.
#[derive(Clone)]
pub struct Json(Box<serde_json::value::RawValue>);

impl Json {
    /// The JSON text, as received.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The value, to inspect. Numbers beyond `u64` and `i64` become the nearest
    /// `f64`. What a `serde_json::Value` cannot hold is an error that names the
    /// value's path and why, never a `null` in its place: a number beyond `f64`'s
    /// range (`1e400`), or nesting deeper than 128 levels. The text itself
    /// ([`Json::as_str`]) always has the whole value.
    pub fn to_value(&self) -> Result<serde_json::Value, DecodeError> {
        from_json(self.as_str().as_bytes())
    }

    /// Reads the value as `T`, exactly.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, DecodeError> {
        from_json(self.as_str().as_bytes())
    }

    /// JSON text, checked.
    pub fn from_text(text: impl Into<String>) -> Result<Self, serde_json::Error> {
        serde_json::value::RawValue::from_string(text.into()).map(Json)
    }

    /// JSON Schema's equality (`1` equals `1.0`, key order ignored) when both
    /// values fit a `serde_json::Value`; else the texts must be the same.
    fn same(&self, other: &Self) -> bool {
        match (serde_json::from_str(self.as_str()), serde_json::from_str(other.as_str())) {
            (Ok(a), Ok(b)) => json_equal(&a, &b),
            _ => self.as_str() == other.as_str(),
        }
    }
}

impl From<serde_json::Value> for Json {
    fn from(value: serde_json::Value) -> Self {
        Json::from(&value)
    }
}

impl From<&serde_json::Value> for Json {
    fn from(value: &serde_json::Value) -> Self {
        // A `Value` always serialises.
        Json(serde_json::value::to_raw_value(value).unwrap_or_default())
    }
}

impl PartialEq for Json {
    fn eq(&self, other: &Self) -> bool {
        let value = |json: &Json| serde_json::from_str::<serde_json::Value>(json.as_str());
        // Two values no `serde_json::Value` holds are equal only as text.
        self.as_str() == other.as_str() || matches!((value(self), value(other)), (Ok(a), Ok(b)) if a == b)
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Json({})", self.as_str())
    }
}

impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<serde_json::value::RawValue>::deserialize(deserializer).map(Json)
    }
}

/// The impls every checked newtype has beside its own `check`: `new`, `get`,
/// `into_inner`, `Deref`, `TryFrom` and `From` of the inner type, `Display` for a
/// string, `Serialize` as the inner value (for a type the client only receives,
/// marked `received`, with the `serialize` feature), and `Deserialize`, which checks the
/// value (`checked`) or trusts it (`trusted`, the `sent` and `none` validation
/// modes). The generator writes the struct, its derives and docs, and
/// `fn check(&self) -> Result<(), ConstraintError>`.
#[doc(hidden)]
#[macro_export]
macro_rules! __checked_newtype {
    // A type the client only receives: `Serialize` with the `serialize` feature.
    (received $name:ident, $inner:ty, $read:ident $(, $display:ident)?) => {
        $crate::runtime::checked_newtype!(@impl { #[cfg(feature = "serialize")] } $name, $inner, $read $(, $display)?);
    };
    ($name:ident, $inner:ty, $read:ident $(, $display:ident)?) => {
        $crate::runtime::checked_newtype!(@impl {} $name, $inner, $read $(, $display)?);
    };
    (@impl { $(#[$serialize:meta])* } $name:ident, $inner:ty, $read:ident $(, $display:ident)?) => {
        impl $name {
            /// Checks `value` against the constraints of this type.
            pub fn new(value: $inner) -> ::std::result::Result<Self, $crate::runtime::ConstraintError> {
                let checked = Self(value);
                checked.check()?;
                ::std::result::Result::Ok(checked)
            }
            /// The checked value.
            pub fn get(&self) -> &$inner {
                &self.0
            }
            /// Unwraps the checked value.
            pub fn into_inner(self) -> $inner {
                self.0
            }
        }
        impl ::std::ops::Deref for $name {
            type Target = $inner;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }
        impl ::std::convert::TryFrom<$inner> for $name {
            type Error = $crate::runtime::ConstraintError;
            fn try_from(value: $inner) -> ::std::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }
        impl ::std::convert::From<$name> for $inner {
            fn from(value: $name) -> Self {
                value.0
            }
        }
        $(#[$serialize])*
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.0, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <$inner as ::serde::Deserialize>::deserialize(deserializer)?;
                $crate::runtime::checked_newtype!(@read $read, value)
            }
        }
        $($crate::runtime::checked_newtype!(@$display $name);)?
    };
    (@read checked, $value:ident) => {
        Self::new($value).map_err(::serde::de::Error::custom)
    };
    (@read trusted, $value:ident) => {
        ::std::result::Result::Ok(Self($value))
    };
    (@display $name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

#[doc(hidden)]
pub use __checked_newtype as checked_newtype;

/// A value broke a rule that its schema states.
///
/// Its message names the generated type, where in the value the rule was broken
/// (nothing for the value itself, `item 3`, `key`, `value of "k"`...) and the rule:
/// `CustomHeaders: key "X-Partoo-Trace" does not match pattern ^[Xx]-(?!...)`.
/// [`rule`](Self::rule) gives the rule and its bound to match on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintError {
    type_name: &'static str,
    location: Vec<Place>,
    rule: Rule,
    message: String,
}

impl ConstraintError {
    /// An error for a value of `type_name` that broke `rule` at `location` within it.
    pub fn new(type_name: &'static str, location: Vec<Place>, rule: Rule, message: impl Into<String>) -> Self {
        ConstraintError { type_name, location, rule, message: message.into() }
    }

    /// The generated type whose rule was broken.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// Where in the value the rule was broken, outermost first; empty for the
    /// value itself.
    pub fn location(&self) -> &[Place] {
        &self.location
    }

    /// The rule that was broken, with the bound the schema states.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// How the value broke the rule, in words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConstraintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.type_name)?;
        for (i, place) in self.location.iter().enumerate() {
            let separator = if i + 1 == self.location.len() { " " } else { ", " };
            write!(f, "{place}{separator}")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConstraintError {}

/// One step into a checked value, where a rule on its elements was broken.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Place {
    /// The item at this index of an array.
    Item(usize),
    /// A key of a map.
    Key,
    /// The value of a map at this key, as the key's `Debug` writes it (`"X-Id"`).
    ValueOf(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Item(i) => write!(f, "item {i}"),
            Place::Key => f.write_str("key"),
            Place::ValueOf(key) => write!(f, "value of {key}"),
        }
    }
}

/// A rule of a schema, named after its JSON Schema keyword, with the bound the
/// schema states.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// `pattern`, as the spec writes it (ECMA-262). Also broken when a value could
    /// not be checked within [`PATTERN_STEPS`].
    Pattern(&'static str),
    /// `minLength`, in code points.
    MinLength(u64),
    /// `maxLength`, in code points.
    MaxLength(u64),
    /// `minItems`.
    MinItems(u64),
    /// `maxItems`.
    MaxItems(u64),
    /// `uniqueItems`.
    UniqueItems,
    /// `minProperties`.
    MinProperties(u64),
    /// `maxProperties`.
    MaxProperties(u64),
    /// `patternProperties`: the value of a property whose name matches `pattern`
    /// does not read as that pattern's schema.
    PatternProperties {
        /// The pattern, as the spec writes it.
        pattern: &'static str,
    },
    /// `additionalProperties` beside `patternProperties`: a property whose name
    /// matches no pattern is refused, or its value does not read as the schema.
    AdditionalProperties,
    /// `dependentRequired`: `property` was present without `requires`.
    DependentRequired {
        /// The property whose presence requires the other.
        property: &'static str,
        /// The property that was missing.
        requires: &'static str,
    },
    /// `minimum`.
    Minimum(serde_json::Number),
    /// `maximum`.
    Maximum(serde_json::Number),
    /// `exclusiveMinimum`.
    ExclusiveMinimum(serde_json::Number),
    /// `exclusiveMaximum`.
    ExclusiveMaximum(serde_json::Number),
    /// `multipleOf`.
    MultipleOf(serde_json::Number),
    /// `enum` (the message lists the values).
    Enum,
    /// The schema `false`.
    Never,
    /// Bounds that no value satisfies together (`minimum 10 and maximum 5`): the
    /// spec's own contradiction, which generation warned about.
    Unsatisfiable(&'static str),
}

/// A broken rule and how it was broken: what a rule check returns.
#[doc(hidden)]
#[derive(Debug)]
pub struct Violation {
    rule: Rule,
    message: String,
}

impl Violation {
    fn new(rule: Rule, message: String) -> Self {
        Violation { rule, message }
    }
}

/// A number a bound is written in: an integer or an `f64`.
#[doc(hidden)]
pub trait BoundNumber: Copy + PartialOrd + fmt::Display {
    /// The bound as JSON writes it.
    fn number(self) -> serde_json::Number;
}

impl BoundNumber for i64 {
    fn number(self) -> serde_json::Number {
        self.into()
    }
}

impl BoundNumber for f64 {
    fn number(self) -> serde_json::Number {
        // Bounds come from JSON, so they are finite.
        serde_json::Number::from_f64(self).unwrap_or_else(|| 0.into())
    }
}

/// Turns the outcome of a rule check into a [`ConstraintError`] of `type_name`;
/// `location` is only built when the rule was broken.
#[doc(hidden)]
pub fn at(
    type_name: &'static str,
    location: impl FnOnce() -> Vec<Place>,
    outcome: Result<(), Violation>,
) -> Result<(), ConstraintError> {
    outcome.map_err(|v| ConstraintError::new(type_name, location(), v.rule, v.message))
}

/// A spec's `pattern` (ECMA-262), translated by the generator into the syntax of the
/// `regex` crate, compiled on first use and then reused.
///
/// Checking takes time linear in the value's length (`regex`'s finite automata),
/// except for patterns with look-around: those run on
/// `fancy-regex`, bounded to [`PATTERN_STEPS`] backtracking steps, past which the
/// check fails. The generator compiled every pattern once, so compiling succeeds.
#[doc(hidden)]
pub struct Pattern {
    source: &'static str,
    translated: &'static str,
    compiled: OnceLock<Compiled>,
    bounded: bool,
}

/// The most backtracking steps one check of a look-around pattern
/// may take.
pub const PATTERN_STEPS: usize = 100_000;

enum Compiled {
    Linear(regex::Regex),
    Bounded(fancy_regex::Regex),
    Broken,
}

impl Pattern {
    /// A pattern run by finite automata: `translated` is `source` in `regex` syntax.
    pub const fn linear(source: &'static str, translated: &'static str) -> Self {
        Pattern { source, translated, compiled: OnceLock::new(), bounded: false }
    }

    /// A pattern with look-around, run by a bounded backtracker.
    pub const fn bounded(source: &'static str, translated: &'static str) -> Self {
        Pattern { source, translated, compiled: OnceLock::new(), bounded: true }
    }

    /// The source text, as the spec wrote it.
    pub fn as_str(&self) -> &'static str {
        self.source
    }

    /// Whether `text` contains a match (JSON Schema patterns are not anchored), or
    /// `Err` when a bounded pattern ran out of steps.
    pub fn is_match(&self, text: &str) -> Result<bool, PatternError> {
        let compiled = self.compiled.get_or_init(|| {
            let compiled = if self.bounded {
                fancy_regex::RegexBuilder::new(self.translated)
                    .backtrack_limit(PATTERN_STEPS)
                    .build()
                    .map(Compiled::Bounded)
                    .ok()
            } else {
                regex::Regex::new(self.translated).map(Compiled::Linear).ok()
            };
            compiled.unwrap_or(Compiled::Broken)
        });
        match compiled {
            Compiled::Linear(re) => Ok(re.is_match(text)),
            Compiled::Bounded(re) => re.is_match(text).map_err(|_| PatternError::TooManySteps),
            Compiled::Broken => Err(PatternError::Broken),
        }
    }
}

/// Why a pattern could not tell whether a value matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PatternError {
    /// The value needs more than [`PATTERN_STEPS`] backtracking steps.
    TooManySteps,
    /// The translated pattern does not compile (the generator checked that it does).
    Broken,
}

/// A JSON value written by the generator as text, parsed on first use and then reused.
#[doc(hidden)]
pub struct JsonLiteral {
    text: &'static str,
    value: OnceLock<serde_json::Value>,
}

impl JsonLiteral {
    /// A value from its JSON text.
    pub const fn new(text: &'static str) -> Self {
        JsonLiteral { text, value: OnceLock::new() }
    }

    /// The value. The generator wrote valid JSON, so parsing succeeds.
    pub fn get(&self) -> &serde_json::Value {
        self.value.get_or_init(|| serde_json::from_str(self.text).unwrap_or_default())
    }
}

/// `value` quoted for a message, cut after 40 characters.
fn quoted(value: &str) -> String {
    match value.char_indices().nth(40) {
        Some((cut, _)) => format!("{:?}…", &value[..cut]),
        None => format!("{value:?}"),
    }
}

/// Checks `pattern`.
#[doc(hidden)]
pub fn pattern(value: &str, pattern: &Pattern) -> Result<(), Violation> {
    let outcome = match pattern.is_match(value) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("{} does not match pattern {}", quoted(value), pattern.as_str())),
        Err(PatternError::TooManySteps) => Err(format!(
            "{} could not be checked against pattern {} within {PATTERN_STEPS} backtracking steps",
            quoted(value),
            pattern.as_str()
        )),
        Err(PatternError::Broken) => Err(format!("pattern {} does not compile", pattern.as_str())),
    };
    outcome.map_err(|message| Violation::new(Rule::Pattern(pattern.as_str()), message))
}

/// Checks `minLength`, counted in Unicode code points.
#[doc(hidden)]
pub fn min_length(value: &str, min: u64) -> Result<(), Violation> {
    let length = value.chars().count() as u64;
    if length >= min {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::MinLength(min),
            format!("{} is {length} characters long, shorter than minLength {min}", quoted(value)),
        ))
    }
}

/// Checks `maxLength`, counted in Unicode code points.
#[doc(hidden)]
pub fn max_length(value: &str, max: u64) -> Result<(), Violation> {
    let length = value.chars().count() as u64;
    if length <= max {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::MaxLength(max),
            format!("{} is {length} characters long, longer than maxLength {max}", quoted(value)),
        ))
    }
}

/// Checks `minItems`.
#[doc(hidden)]
pub fn min_items(count: usize, min: u64) -> Result<(), Violation> {
    if count as u64 >= min {
        Ok(())
    } else {
        Err(Violation::new(Rule::MinItems(min), format!("has {count} items, fewer than minItems {min}")))
    }
}

/// Checks `maxItems`.
#[doc(hidden)]
pub fn max_items(count: usize, max: u64) -> Result<(), Violation> {
    if count as u64 <= max {
        Ok(())
    } else {
        Err(Violation::new(Rule::MaxItems(max), format!("has {count} items, more than maxItems {max}")))
    }
}

/// Checks `minProperties`.
#[doc(hidden)]
pub fn min_properties(count: usize, min: u64) -> Result<(), Violation> {
    if count as u64 >= min {
        Ok(())
    } else {
        Err(Violation::new(Rule::MinProperties(min), format!("has {count} properties, fewer than minProperties {min}")))
    }
}

/// Checks `maxProperties`.
#[doc(hidden)]
pub fn max_properties(count: usize, max: u64) -> Result<(), Violation> {
    if count as u64 <= max {
        Ok(())
    } else {
        Err(Violation::new(Rule::MaxProperties(max), format!("has {count} properties, more than maxProperties {max}")))
    }
}

/// What `additionalProperties` asks of the properties whose names match no
/// pattern of [`pattern_properties`].
#[doc(hidden)]
pub enum Others {
    /// Anything.
    Any,
    /// Nothing: such a property is refused.
    Never,
    /// Values that read as a type.
    Read(ReadAs),
}

/// Whether a JSON value reads as a type, or why not.
#[doc(hidden)]
pub type ReadAs = fn(&Json) -> Result<(), String>;

/// Checks `patternProperties`: each value of `map` reads as the type of every
/// pattern its key matches, and a value whose key matches none is held to `others`.
#[doc(hidden)]
pub fn pattern_properties(
    map: &std::collections::BTreeMap<String, Json>,
    patterns: &[(&Pattern, ReadAs)],
    others: Others,
) -> Result<(), Violation> {
    // The message names the rule as the type's docs do: every pattern.
    let rule = || patterns.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>().join(", ");
    for (key, value) in map {
        let mut matched = false;
        for (pattern, read) in patterns {
            let broken = |reason: String| {
                let message = format!("{}: {reason}, against patternProperties {}", quoted(key), rule());
                Violation::new(Rule::PatternProperties { pattern: pattern.as_str() }, message)
            };
            let matches =
                pattern.is_match(key).map_err(|_| broken(format!("not matched against {}", pattern.as_str())))?;
            if matches {
                matched = true;
                read(value).map_err(broken)?;
            }
        }
        let refused = match (&others, matched) {
            (_, true) | (Others::Any, false) => None,
            (Others::Never, false) => Some("no property beyond the patterns is allowed".to_owned()),
            (Others::Read(read), false) => read(value).err(),
        };
        if let Some(reason) = refused {
            let message =
                format!("{}: {reason}, against additionalProperties beside patternProperties {}", quoted(key), rule());
            return Err(Violation::new(Rule::AdditionalProperties, message));
        }
    }
    Ok(())
}

/// Checks `dependentRequired`: for each `(property, requires)`, when `property` is a
/// key of `map`, every name in `requires` is too.
#[doc(hidden)]
pub fn dependent_required<V>(
    map: &std::collections::BTreeMap<String, V>,
    dependencies: &[(&'static str, &[&'static str])],
) -> Result<(), Violation> {
    for (property, requires) in dependencies {
        if !map.contains_key(*property) {
            continue;
        }
        if let Some(missing) = requires.iter().find(|name| !map.contains_key(**name)) {
            let rule: Vec<String> = dependencies
                .iter()
                .map(|(property, requires)| format!("{property} → {}", requires.join(", ")))
                .collect();
            return Err(Violation::new(
                Rule::DependentRequired { property, requires: missing },
                format!("has `{property}` without `{missing}`, against dependentRequired {}", rule.join("; ")),
            ));
        }
    }
    Ok(())
}

/// Checks `uniqueItems` for typed items.
#[doc(hidden)]
pub fn unique_items<T: PartialEq>(items: &[T]) -> Result<(), Violation> {
    unique_by(items, |a, b| a == b)
}

/// Checks `uniqueItems` for JSON items, compared as JSON Schema says (`1` equals `1.0`).
#[doc(hidden)]
pub fn unique_json_items(items: &[Json]) -> Result<(), Violation> {
    unique_by(items, Json::same)
}

fn unique_by<T>(items: &[T], equal: impl Fn(&T, &T) -> bool) -> Result<(), Violation> {
    for (i, item) in items.iter().enumerate() {
        if let Some(j) = items[..i].iter().position(|earlier| equal(earlier, item)) {
            return Err(Violation::new(
                Rule::UniqueItems,
                format!("has equal items {j} and {i}, but uniqueItems is set"),
            ));
        }
    }
    Ok(())
}

/// Checks `minimum`.
#[doc(hidden)]
pub fn minimum<T: BoundNumber>(value: T, min: T) -> Result<(), Violation> {
    if value >= min {
        Ok(())
    } else {
        Err(Violation::new(Rule::Minimum(min.number()), format!("{value} is less than minimum {min}")))
    }
}

/// Checks `maximum`.
#[doc(hidden)]
pub fn maximum<T: BoundNumber>(value: T, max: T) -> Result<(), Violation> {
    if value <= max {
        Ok(())
    } else {
        Err(Violation::new(Rule::Maximum(max.number()), format!("{value} is greater than maximum {max}")))
    }
}

/// Checks `exclusiveMinimum`.
#[doc(hidden)]
pub fn exclusive_minimum<T: BoundNumber>(value: T, min: T) -> Result<(), Violation> {
    if value > min {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::ExclusiveMinimum(min.number()),
            format!("{value} is not greater than exclusiveMinimum {min}"),
        ))
    }
}

/// Checks `exclusiveMaximum`.
#[doc(hidden)]
pub fn exclusive_maximum<T: BoundNumber>(value: T, max: T) -> Result<(), Violation> {
    if value < max {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::ExclusiveMaximum(max.number()),
            format!("{value} is not less than exclusiveMaximum {max}"),
        ))
    }
}

/// Checks `multipleOf` for integers.
#[doc(hidden)]
pub fn multiple_of_integer(value: i64, factor: i64) -> Result<(), Violation> {
    if value % factor == 0 {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::MultipleOf(factor.into()),
            format!("{value} is not a multiple of multipleOf {factor}"),
        ))
    }
}

/// Checks `multipleOf` for numbers, with a tolerance for binary fractions
/// (`0.0075` is a multiple of `0.0001`).
#[doc(hidden)]
pub fn multiple_of(value: f64, factor: f64) -> Result<(), Violation> {
    let quotient = value / factor;
    if quotient.is_finite() && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0) {
        Ok(())
    } else {
        Err(Violation::new(
            Rule::MultipleOf(factor.number()),
            format!("{value} is not a multiple of multipleOf {factor}"),
        ))
    }
}

/// Checks `enum` for typed values.
#[doc(hidden)]
pub fn one_of_values<T: PartialEq + fmt::Debug>(value: &T, allowed: &[T]) -> Result<(), Violation> {
    if allowed.contains(value) {
        Ok(())
    } else {
        Err(Violation::new(Rule::Enum, format!("{value:?} is not one of enum {allowed:?}")))
    }
}

/// Checks `enum` for JSON values, compared as JSON Schema says.
#[doc(hidden)]
pub fn one_of_json(value: &Json, allowed: &JsonLiteral) -> Result<(), Violation> {
    let list = allowed.get();
    // A value no `serde_json::Value` holds (`1e400`) equals no listed value.
    let found = serde_json::from_str::<serde_json::Value>(value.as_str())
        .is_ok_and(|value| list.as_array().is_some_and(|items| items.iter().any(|a| json_equal(a, &value))));
    if found {
        Ok(())
    } else {
        Err(Violation::new(Rule::Enum, format!("{value} is not one of enum {list}")))
    }
}

/// The schema `false`: fails for every value.
#[doc(hidden)]
pub fn never<T: ?Sized>(_value: &T) -> Result<(), Violation> {
    Err(Violation::new(Rule::Never, "is not allowed: the schema is `false`".to_owned()))
}

/// Bounds that no value satisfies together: fails for every value, with why.
#[doc(hidden)]
pub fn unsatisfiable<T: ?Sized>(_value: &T, reason: &'static str) -> Result<(), Violation> {
    Err(Violation::new(
        Rule::Unsatisfiable(reason),
        format!("is not allowed: no value satisfies the schema, whose bounds contradict ({reason})"),
    ))
}

/// Checks a `const` or reads the value back: JSON equality, with numbers compared by
/// value (`1` equals `1.0`, as JSON Schema says).
#[doc(hidden)]
pub fn json_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
            (Some(x), Some(y), _, _) => x == y,
            (_, _, Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Deserialises a `const` type: succeeds only for a value equal to `expected`.
#[doc(hidden)]
pub fn expect_const<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    type_name: &'static str,
    expected: &serde_json::Value,
) -> Result<(), D::Error> {
    let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
    if json_equal(&value, expected) {
        Ok(())
    } else {
        Err(serde::de::Error::custom(format!("{type_name}: expected {expected}, found {value}")))
    }
}

/// How a union or a webhook delivery picks its variant from what the value (and
/// the request) states, never by trying variants in order.
///
/// Each variant is a [`Route`](select::Route): *facts*, a key whose string values must all lie in
/// a set (a header a webhook declares with one value, a body property's `const` or
/// `enum`), and the body properties it requires. A value selects the routes whose
/// facts it meets; among those, the ones whose required properties are all present,
/// the most specific first (most facts, then most required properties). If none has
/// them all, the route with the most of them is chosen, so that reading it reports
/// what is missing. What selects no route is unknown. The cost is a binary search
/// when every route has a fact on the first key, else one pass over the routes: it
/// never decodes a variant to find out.
#[doc(hidden)]
pub mod select {
    use std::borrow::Cow;
    use std::collections::HashMap;

    use serde_json::value::RawValue;

    /// What a fact reads.
    #[derive(Debug, Clone, Copy)]
    #[non_exhaustive]
    pub enum Key {
        /// A request header, by lower-case name.
        Header(&'static str),
        /// The string (or array of strings) at a property path in the body.
        Body(&'static [&'static str]),
    }

    /// One variant: its facts (key index, allowed values) and required properties.
    #[derive(Debug, Clone, Copy)]
    pub struct Route {
        /// For some keys of the table, the values the key may take.
        pub facts: &'static [(usize, &'static [&'static str])],
        /// The top-level properties a body of this variant must have.
        pub required: &'static [&'static str],
    }

    /// The routes of one union, in variant order.
    #[derive(Debug, Clone, Copy)]
    pub struct Table {
        /// The keys the facts read; headers first.
        pub keys: &'static [Key],
        /// One route per variant.
        pub routes: &'static [Route],
        /// When every route has a fact on key 0: its values with their route,
        /// sorted by value, for a binary search. Empty otherwise.
        pub index: &'static [(&'static str, usize)],
    }

    /// What a body offers to the selection: strings at a path, and its members.
    pub trait Fields {
        /// The string at `path`, or the strings of the array there.
        fn strings(&self, path: &[&str]) -> Vec<Cow<'_, str>>;
        /// Whether the body is an object with a member `name`.
        fn has(&self, name: &str) -> bool;
    }

    impl Fields for serde_json::Value {
        fn strings(&self, path: &[&str]) -> Vec<Cow<'_, str>> {
            let mut current = self;
            for key in path {
                match current.get(key) {
                    Some(next) => current = next,
                    None => return Vec::new(),
                }
            }
            strings_of(current).into_iter().map(Cow::Borrowed).collect()
        }

        fn has(&self, name: &str) -> bool {
            self.get(name).is_some()
        }
    }

    /// The top-level members of a JSON object, read without building their values.
    /// A member given twice counts by its first value, the one a generated type's
    /// reader meets first (and then refuses the second of, naming it): selection
    /// and decoding never read different values.
    #[derive(Debug, Default)]
    pub struct Members<'a>(HashMap<String, &'a RawValue>);

    impl<'a> Members<'a> {
        /// The members of `json`; `None` when it is not a JSON object.
        pub fn read(json: &'a [u8]) -> Option<Self> {
            serde_json::from_slice(json).ok()
        }
    }

    impl<'de: 'a, 'a> serde::Deserialize<'de> for Members<'a> {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visitor<'a>(std::marker::PhantomData<&'a ()>);
            impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visitor<'a> {
                type Value = Members<'a>;

                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a JSON object")
                }

                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut members = HashMap::new();
                    while let Some((key, value)) = map.next_entry::<String, &'de RawValue>()? {
                        members.entry(key).or_insert(value);
                    }
                    Ok(Members(members))
                }
            }
            deserializer.deserialize_map(Visitor(std::marker::PhantomData))
        }
    }

    impl Fields for Members<'_> {
        fn strings(&self, path: &[&str]) -> Vec<Cow<'_, str>> {
            let Some((first, rest)) = path.split_first() else { return Vec::new() };
            let Some(raw) = self.0.get(*first) else { return Vec::new() };
            if rest.is_empty() {
                if let Ok(text) = serde_json::from_str::<&str>(raw.get()) {
                    return vec![Cow::Borrowed(text)];
                }
            }
            let Ok(value) = serde_json::from_str::<serde_json::Value>(raw.get()) else { return Vec::new() };
            value.strings(rest).into_iter().map(|s| Cow::Owned(s.into_owned())).collect()
        }

        fn has(&self, name: &str) -> bool {
            self.0.contains_key(name)
        }
    }

    /// The string of a value, or the strings of an array.
    pub fn strings_of(value: &serde_json::Value) -> Vec<&str> {
        match value {
            serde_json::Value::String(s) => vec![s.as_str()],
            serde_json::Value::Array(items) => items.iter().filter_map(serde_json::Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The values a request offers for each key of a table.
    #[derive(Debug)]
    pub struct Found<'a>(Vec<Vec<Cow<'a, str>>>);

    impl<'a> Found<'a> {
        /// The values of every key: `header` gives a header's value by lower-case name.
        pub fn read(table: &Table, header: impl Fn(&str) -> Option<&'a str>, body: &'a impl Fields) -> Self {
            Found(
                table
                    .keys
                    .iter()
                    .map(|key| match key {
                        Key::Header(name) => header(name).map(Cow::Borrowed).into_iter().collect(),
                        Key::Body(path) => body.strings(path),
                    })
                    .collect(),
            )
        }

        /// The values of the first key, joined by `,`: what names the delivery or
        /// value when no route knows it (the event header, where there is one).
        pub fn identity(&self) -> Option<String> {
            self.0.first().filter(|v| !v.is_empty()).map(|v| v.join(","))
        }

        fn meets(&self, route: &Route) -> bool {
            route.facts.iter().all(|(key, allowed)| {
                let found = &self.0[*key];
                !found.is_empty() && found.iter().all(|v| allowed.contains(&v.as_ref()))
            })
        }
    }

    impl Table {
        /// The index of the chosen route, or `None` when no route's facts are met.
        pub fn choose(&self, found: &Found<'_>, body: &impl Fields) -> Option<usize> {
            let mut best: Option<(usize, (bool, usize, usize))> = None;
            let mut consider = |i: usize| {
                let route = &self.routes[i];
                if !found.meets(route) {
                    return;
                }
                let present = route.required.iter().filter(|name| body.has(name)).count();
                // Complete routes first, then the most specific; an incomplete one
                // only by how much of it is there. Ties keep the earlier route.
                let score = (present == route.required.len(), route.facts.len(), present);
                if best.as_ref().is_none_or(|(_, b)| score > *b) {
                    best = Some((i, score));
                }
            };
            match found.0.first() {
                Some(first) if !self.index.is_empty() && first.len() == 1 => {
                    let value = first[0].as_ref();
                    let start = self.index.partition_point(|(v, _)| *v < value);
                    let end = self.index.partition_point(|(v, _)| *v <= value);
                    self.index[start..end].iter().for_each(|(_, route)| consider(*route));
                }
                _ => (0..self.routes.len()).for_each(consider),
            }
            best.map(|(i, _)| i)
        }
    }
}

/// How deep generated types may nest in one value read: each struct and union
/// level counts. A value nested deeper is refused with an error, before it can
/// exhaust the stack: reading takes a few kilobytes of stack per level in a debug
/// build, and 2 MiB is the stack of every spawned thread, test thread and tokio
/// worker. Real data nests far less (Stripe's deepest expansions, a dozen levels).
pub const MAX_DEPTH: usize = 64;

thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One level of a value being read; dropping it leaves the level.
#[doc(hidden)]
#[derive(Debug)]
pub struct Level(());

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// Enters one more level of nesting, or refuses past [`MAX_DEPTH`].
#[doc(hidden)]
pub fn nested_level<E: serde::de::Error>() -> Result<Level, E> {
    DEPTH.with(|depth| match depth.get() {
        n if n >= MAX_DEPTH => Err(E::custom(format_args!("the value nests deeper than {MAX_DEPTH} levels"))),
        n => {
            depth.set(n + 1);
            Ok(Level(()))
        }
    })
}

/// A body that could not be read into a generated type: JSON that does not fit the
/// type (or breaks one of its rules), or text that is not UTF-8.
#[derive(Debug)]
pub struct DecodeError {
    path: String,
    source: DecodeSource,
    /// Where in the document reading failed: 1-based line and column, or 0 and 0.
    line: usize,
    column: usize,
}

#[derive(Debug)]
enum DecodeSource {
    Json(serde_json::Error),
    Utf8(std::str::Utf8Error),
}

impl DecodeError {
    /// The JSON path of the value that failed (`data[3].id`), `.` for the root.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The line of the document where reading failed (1-based; 0 when decoding from
    /// a `serde_json::Value` or reading text).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of that line (1-based; 0 when decoding from a `serde_json::Value`
    /// or reading text).
    pub fn column(&self) -> usize {
        self.column
    }
}

impl DecodeError {
    fn json(path: String, error: serde_json::Error) -> Self {
        let (line, column) = (error.line(), error.column());
        // A value decoded inside this one (a union's variant) carries its own path:
        // it joins this one, and the error keeps the message alone.
        let text = error.to_string();
        let (path, error) = match text.strip_prefix(NESTED).and_then(|rest| rest.split_once(NESTED)) {
            Some((inner, message)) => {
                (join_paths(&path, inner), <serde_json::Error as serde::de::Error>::custom(message))
            }
            None => (path, error),
        };
        DecodeError { path, source: DecodeSource::Json(error), line, column }
    }

    /// What went wrong, without the path.
    fn detail(&self) -> &dyn fmt::Display {
        match &self.source {
            DecodeSource::Json(e) => e,
            DecodeSource::Utf8(e) => e,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            DecodeSource::Json(e) => write!(f, "at {}: {e}", self.path),
            DecodeSource::Utf8(e) => write!(f, "text body: {e}"),
        }
    }
}

/// Marks the message of an error raised for a value decoded inside another, so that
/// its path survives serde's text-only custom errors and joins the outer one.
const NESTED: char = '\u{E000}';

/// `data[0]` then `id` is `data[0].id`; `.` is the root.
fn join_paths(outer: &str, inner: &str) -> String {
    match (outer, inner) {
        (_, ".") => outer.to_owned(),
        (".", _) => inner.to_owned(),
        (_, _) if inner.starts_with('[') => format!("{outer}{inner}"),
        _ => format!("{outer}.{inner}"),
    }
}

/// The error of a value decoded inside another (the variant a union selected), as
/// the outer deserializer's error: its path joins the outer path.
#[doc(hidden)]
pub fn nested<E: serde::de::Error>(error: DecodeError) -> E {
    E::custom(format_args!("{NESTED}{}{NESTED}{}", error.path, error.detail()))
}

/// The JSON kinds a union's alternative may accept, as bits: a value of another
/// kind is not tried as it.
#[doc(hidden)]
pub mod kinds {
    /// `null`.
    pub const NULL: u8 = 1;
    /// `true`, `false`.
    pub const BOOL: u8 = 2;
    /// A number.
    pub const NUMBER: u8 = 4;
    /// A string.
    pub const STRING: u8 = 8;
    /// An array.
    pub const ARRAY: u8 = 16;
    /// An object.
    pub const OBJECT: u8 = 32;
    /// Any JSON value.
    pub const ANY: u8 = 63;

    /// The kind of a JSON text, from its first character.
    pub fn of(text: &str) -> u8 {
        match text.trim_start().as_bytes().first() {
            Some(b'n') => NULL,
            Some(b't' | b'f') => BOOL,
            Some(b'"') => STRING,
            Some(b'[') => ARRAY,
            Some(b'{') => OBJECT,
            _ => NUMBER,
        }
    }
}

/// One alternative of a union read by trying: its name, the JSON kinds it may
/// accept, and the reading of a text as it.
#[doc(hidden)]
pub type Alternative<U> = (&'static str, u8, fn(&str) -> Result<U, DecodeError>);

/// How much reading the unions of one value may do: trying alternatives reads a
/// text again for each, and unions nested in unions would multiply that (two
/// alternatives told apart only at their end, nested 30 levels, is 2^30 readings).
/// Every attempt is charged its text's length against [`WORK_PER_BYTE`] times the
/// outermost union's (and at least 1 MiB), so that reading stays linear in the
/// value's size; past it the value is refused.
pub const WORK_PER_BYTE: usize = 64;

thread_local! {
    static WORK: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// The budget of the outermost union being read, released when it is done.
struct Work {
    outermost: bool,
}

impl Work {
    fn enter(len: usize) -> Self {
        WORK.with(|work| match work.get() {
            Some(_) => Work { outermost: false },
            None => {
                work.set(Some(len.saturating_mul(WORK_PER_BYTE).max(1 << 20)));
                Work { outermost: true }
            }
        })
    }

    /// Charges reading `len` bytes once more; `false` when the budget is spent.
    fn charge(&self, len: usize) -> bool {
        WORK.with(|work| match work.get() {
            Some(left) if left >= len => {
                work.set(Some(left - len));
                true
            }
            _ => false,
        })
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        if self.outermost {
            WORK.with(|work| work.set(None));
        }
    }
}

/// Reads `value` as the first of `alternatives` that accepts it (a received
/// union: the first match wins), or fails with the closest alternative's error.
#[doc(hidden)]
pub fn first_match<U, E: serde::de::Error>(
    type_name: &str,
    value: &Json,
    alternatives: &[Alternative<U>],
) -> Result<U, E> {
    let mut tried = Tried::new(type_name, value);
    for alternative in alternatives {
        if let Some(read) = tried.attempt(alternative)? {
            return Ok(read);
        }
    }
    Err(tried.none(alternatives))
}

/// Reads `value` as the one of `alternatives` that accepts it (a sent `oneOf`):
/// more than one is an error, as is none.
#[doc(hidden)]
pub fn exactly_one<U, E: serde::de::Error>(
    type_name: &str,
    value: &Json,
    alternatives: &[Alternative<U>],
) -> Result<U, E> {
    let mut tried = Tried::new(type_name, value);
    let mut found = None;
    let mut matched = Vec::new();
    for alternative in alternatives {
        if let Some(read) = tried.attempt(alternative)? {
            matched.push(alternative.0);
            found.get_or_insert(read);
        }
    }
    match found {
        Some(read) if matched.len() == 1 => Ok(read),
        Some(_) => Err(E::custom(format_args!(
            "{type_name}: the value matches {} alternatives ({}), but oneOf allows exactly one: {value}",
            matched.len(),
            matched.join(", ")
        ))),
        None => Err(tried.none(alternatives)),
    }
}

/// The alternatives of one union tried on one value, and the closest failure.
struct Tried<'a> {
    type_name: &'a str,
    value: &'a Json,
    kind: u8,
    work: Work,
    /// The alternative that got deepest into the value before failing, and its
    /// error (the first on a tie).
    closest: Option<(&'static str, DecodeError)>,
}

impl<'a> Tried<'a> {
    fn new(type_name: &'a str, value: &'a Json) -> Self {
        let work = Work::enter(value.as_str().len());
        Tried { type_name, value, kind: kinds::of(value.as_str()), work, closest: None }
    }

    /// The value read as `alternative`, `None` when it does not fit (or is of a
    /// kind it never accepts), or an error when the budget is spent.
    fn attempt<U, E: serde::de::Error>(&mut self, alternative: &Alternative<U>) -> Result<Option<U>, E> {
        let (name, kinds, read) = *alternative;
        if kinds & self.kind == 0 {
            return Ok(None);
        }
        if !self.work.charge(self.value.as_str().len()) {
            return Err(E::custom(format_args!(
                "{}: reading the value takes too long: unions nested in unions try too many alternatives",
                self.type_name
            )));
        }
        match read(self.value.as_str()) {
            Ok(read) => Ok(Some(read)),
            Err(error) => {
                let depth = |path: &str| path.split(['.', '[']).filter(|s| !s.is_empty()).count();
                if self.closest.as_ref().is_none_or(|(_, best)| depth(&error.path) > depth(&best.path)) {
                    self.closest = Some((name, error));
                }
                Ok(None)
            }
        }
    }

    /// The error of a value no alternative accepts: the closest one's error, at
    /// its path. When the value's kind ruled every alternative out, the first one's
    /// error says why (reading a value of another kind fails at its first token).
    fn none<U, E: serde::de::Error>(mut self, alternatives: &[Alternative<U>]) -> E {
        if let (None, Some((name, _, read))) = (&self.closest, alternatives.first()) {
            if let Err(error) = read(self.value.as_str()) {
                self.closest = Some((name, error));
            }
        }
        let type_name = self.type_name;
        match self.closest {
            Some((name, error)) => E::custom(format_args!(
                "{NESTED}{}{NESTED}{type_name}: the value matches none of the alternatives; the closest, `{name}`, fails: {}",
                error.path,
                error.detail()
            )),
            None => E::custom(format_args!("{type_name}: the value matches none of the alternatives")),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.source {
            DecodeSource::Json(e) => Some(e),
            DecodeSource::Utf8(e) => Some(e),
        }
    }
}

impl From<serde_path_to_error::Error<serde_json::Error>> for DecodeError {
    fn from(e: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = e.path().to_string();
        DecodeError::json(path, e.into_inner())
    }
}

/// Reads a text body: it must be UTF-8.
pub fn from_text(body: &[u8]) -> Result<String, DecodeError> {
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(DecodeError { path: ".".to_owned(), source: DecodeSource::Utf8(e), line: 0, column: 0 }),
    }
}

/// Reads JSON text into `T`, running every check of the generated types. The error
/// gives the JSON path of the failing value and the rule it broke:
/// `at data[3].id: ListWebhooksV1ResponseDataItemMessageId: "X1" does not match pattern ^WH(.*)$`.
pub fn from_json<T: serde::de::DeserializeOwned>(json: &[u8]) -> Result<T, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let value = serde_path_to_error::deserialize(&mut deserializer)?;
    deserializer.end().map_err(|e| DecodeError::json(".".to_owned(), e))?;
    Ok(value)
}

/// Reads a `serde_json::Value` into `T`, like [`from_json`].
pub fn from_value<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, DecodeError> {
    Ok(serde_path_to_error::deserialize(value)?)
}

/// Reads a `serde_json::Value` found at JSON path `path` of a document into `T`:
/// an error's path starts there.
#[doc(hidden)]
pub fn from_value_at<T: serde::de::DeserializeOwned>(value: serde_json::Value, path: &str) -> Result<T, DecodeError> {
    from_value(value).map_err(|e| DecodeError { path: join_paths(path, &e.path), ..e })
}

/// How generated structs read a JSON object, member by member.
///
/// A struct's `Deserialize` impl is written by the generator rather than derived:
/// it is a fraction of the code `#[derive(Deserialize)]` expands to (no sequence
/// form, no per-struct field visitor, no buffering for the extra-properties map),
/// which is most of the time `cargo check` spends on a large API. The rules are
/// serde's: a missing required member, a duplicate member or (where the schema
/// forbids them) an unknown member is an error that names it.
#[doc(hidden)]
pub mod object {
    use std::collections::BTreeMap;
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, Visitor};

    /// A generated struct that reads itself from the members of a JSON object.
    pub trait Object: Sized {
        /// The type's name, for error messages.
        const NAME: &'static str;

        /// Reads the members of one object.
        fn read<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
    }

    /// Deserialises `T` from a JSON object, one level deeper (see
    /// [`super::MAX_DEPTH`]).
    pub fn deserialize<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        let _level = super::nested_level::<D::Error>()?;
        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }

    struct ObjectVisitor<T>(PhantomData<T>);

    impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "struct {}", T::NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::read(map)
        }
    }

    /// The name of one member: the index of a listed property, or another name.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum Key {
        /// The property at this index of the struct's list.
        Field(usize),
        /// A property the struct does not list.
        Other(String),
    }

    impl Key {
        /// The member's name.
        pub fn into_name(self, fields: &[&str]) -> String {
            match self {
                Key::Field(index) => fields.get(index).copied().unwrap_or_default().to_owned(),
                Key::Other(name) => name,
            }
        }
    }

    /// Reads a member name as a [`Key`] of the listed properties.
    #[derive(Debug, Clone, Copy)]
    pub struct Keys(pub &'static [&'static str]);

    impl Keys {
        /// The key for `name`, owned (only for an unlisted name) by `own`.
        fn key<N: AsRef<str>>(self, name: N, own: impl FnOnce(N) -> String) -> Key {
            match self.0.iter().position(|field| *field == name.as_ref()) {
                Some(index) => Key::Field(index),
                None => Key::Other(own(name)),
            }
        }
    }

    impl<'de> DeserializeSeed<'de> for Keys {
        type Value = Key;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
            deserializer.deserialize_str(self)
        }
    }

    impl Visitor<'_> for Keys {
        type Value = Key;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a property name")
        }

        fn visit_str<E: Error>(self, name: &str) -> Result<Key, E> {
            Ok(self.key(name, str::to_owned))
        }

        fn visit_string<E: Error>(self, name: String) -> Result<Key, E> {
            Ok(self.key(name, |name| name))
        }
    }

    /// Reads the value of a listed property into its slot; a second one is an error.
    pub fn value<'de, A: MapAccess<'de>, T: serde::Deserialize<'de>>(
        map: &mut A,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(A::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }

    /// The error for the first required property whose slot is empty, of
    /// `(missing, name)` pairs in the struct's order.
    pub fn missing<E: Error>(slots: &[(bool, &'static str)]) -> E {
        match slots.iter().find(|(missing, _)| *missing) {
            Some((_, name)) => E::missing_field(name),
            None => E::custom("a required property is missing"),
        }
    }

    /// The value of an optional property whose schema does not allow `null`: a
    /// `null` reads as absent.
    pub fn optional<T>(slot: Option<Option<T>>) -> Option<T> {
        slot.flatten()
    }

    /// Keeps the value of a property the struct does not list.
    pub fn extra<'de, A: MapAccess<'de>, V: serde::Deserialize<'de>>(
        map: &mut A,
        extra: &mut BTreeMap<String, V>,
        key: Key,
        fields: &'static [&'static str],
    ) -> Result<(), A::Error> {
        let value = map.next_value()?;
        extra.insert(key.into_name(fields), value);
        Ok(())
    }

    /// The error for a property the schema forbids.
    pub fn unknown<E: Error>(key: Key, fields: &'static [&'static str]) -> E {
        E::unknown_field(&key.into_name(fields), fields)
    }
}

/// A generated struct's `Deserialize`, through [`object`]: its properties in order,
/// each `field(index, "json name", kind)` where the kind is `required`, `optional`
/// (a `null` reads as absent) or `nullable` (absent, `null` and a value stay apart),
/// then what becomes of unlisted properties: `kept` in the named map field, or
/// `rejected`.
///
/// Each property's value goes to its slot as it is read; the slots are one value,
/// so that an error drops them at once, and the struct is built from them in one
/// match once every member is read. Code size and compile time are linear in the
/// number of properties (a slot per local, and a `?` per property, is quadratic:
/// each early return drops every other slot on its own).
#[doc(hidden)]
#[macro_export]
macro_rules! __object {
    ($name:ident { $($field:ident($index:literal, $json:literal, $kind:ident)),* $(,)? } kept $extra:ident) => {
        $crate::runtime::object!(@impl $name { $($field($index, $json, $kind)),* } extra = (
            let mut extra = ::std::collections::BTreeMap::new(),
            |map, key| $crate::runtime::object::extra(&mut map, &mut extra, key, FIELDS)?,
            $extra: extra,
        ));
    };
    ($name:ident { $($field:ident($index:literal, $json:literal, $kind:ident)),* $(,)? } rejected) => {
        $crate::runtime::object!(@impl $name { $($field($index, $json, $kind)),* } extra = (
            (),
            |map, key| return ::std::result::Result::Err($crate::runtime::object::unknown(key, FIELDS)),
        ));
    };
    (@impl $name:ident { $($field:ident($index:literal, $json:literal, $kind:ident)),* } extra = (
        $extra_slot:stmt, |$map:ident, $key:ident| $keep:expr, $($extra_field:ident: $extra_value:ident,)?
    )) => {
        impl $crate::runtime::object::Object for $name {
            const NAME: &'static str = ::std::stringify!($name);
            fn read<'de, A: ::serde::de::MapAccess<'de>>(mut $map: A) -> ::std::result::Result<Self, A::Error> {
                const FIELDS: &[&str] = &[$($json),*];
                #[allow(non_camel_case_types, reason = "one type parameter per property, named after it")]
                struct Slots<$($field),*> {
                    $($field: ::std::option::Option<$field>,)*
                }
                let mut slots = Slots { $($field: ::std::option::Option::None,)* };
                $extra_slot
                while let ::std::option::Option::Some($key) =
                    $map.next_key_seed($crate::runtime::object::Keys(FIELDS))?
                {
                    match $key {
                        $($crate::runtime::object::Key::Field($index) => {
                            $crate::runtime::object::value(&mut $map, &mut slots.$field, $json)?
                        })*
                        $key => $keep,
                    }
                }
                #[allow(unreachable_patterns, reason = "a struct without required properties misses none")]
                #[allow(
                    clippy::disallowed_names,
                    clippy::just_underscores_and_digits,
                    reason = "the bindings are named after the spec's properties (`foo`, `_1`)"
                )]
                match slots {
                    Slots { $($field: $crate::runtime::object!(@pattern $kind $field),)* } => {
                        ::std::result::Result::Ok($name {
                            $($field: $crate::runtime::object!(@value $kind $field),)*
                            $($extra_field: $extra_value,)?
                        })
                    }
                    _ => ::std::result::Result::Err($crate::runtime::object::missing(&[
                        $(($crate::runtime::object!(@missing $kind slots.$field), $json),)*
                    ])),
                }
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::runtime::object::deserialize(deserializer)
            }
        }
        // A generated struct holds owned data only, so it is unwind-safe; saying so
        // here spares rustc's trait solver a walk through every type below it. On
        // a large API (Stripe's expansions, each a `Box`) that walk is longer than
        // the recursion limit of the crate that asks, and asking is a compile error.
        impl ::std::panic::UnwindSafe for $name {}
        impl ::std::panic::RefUnwindSafe for $name {}
    };
    (@pattern required $field:ident) => { ::std::option::Option::Some($field) };
    (@pattern $kind:ident $field:ident) => { $field };
    (@value optional $field:ident) => { $crate::runtime::object::optional($field) };
    (@value $kind:ident $field:ident) => { $field };
    (@missing required $slot:expr) => { $slot.is_none() };
    (@missing $kind:ident $slot:expr) => { false };
}

#[doc(hidden)]
pub use __object as object;

/// Test support for the generated round-trip tests. Compiled always (it is small),
/// so that another crate's tests can run generated modules on this runtime.
#[doc(hidden)]
pub mod testing {
    /// Deserialises `json` into `T`, serialises it back, and checks that the text
    /// is unchanged up to whitespace, key order and string escapes: numbers keep
    /// their spelling.
    #[track_caller]
    pub fn assert_round_trip<T>(json: &str, origin: &str)
    where
        T: serde::de::DeserializeOwned + serde::Serialize,
    {
        let typed: T = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("{origin}: does not deserialise into {}: {e}", std::any::type_name::<T>()));
        let back = serde_json::to_string(&typed).unwrap_or_else(|e| panic!("{origin}: does not serialise: {e}"));
        let (before, after) = (canonical(json), canonical(&back));
        assert!(before == after, "{origin}: round trip changed the value\n  before: {before}\n  after:  {after}");
    }

    /// JSON text without whitespace, with sorted keys and strings in one escaping;
    /// numbers as written.
    pub fn canonical(json: &str) -> String {
        use serde_json::value::RawValue;
        use std::collections::BTreeMap;
        fn text(raw: &RawValue) -> String {
            let json = raw.get().trim();
            let parsed = match json.as_bytes().first() {
                Some(b'{') => serde_json::from_str::<BTreeMap<String, &RawValue>>(json).map(|members| {
                    let members: Vec<String> =
                        members.into_iter().map(|(k, v)| format!("{}:{}", serde_json::json!(k), text(v))).collect();
                    format!("{{{}}}", members.join(","))
                }),
                Some(b'[') => serde_json::from_str::<Vec<&RawValue>>(json)
                    .map(|items| format!("[{}]", items.into_iter().map(text).collect::<Vec<_>>().join(","))),
                Some(b'"') => serde_json::from_str::<String>(json).map(|s| serde_json::json!(s).to_string()),
                _ => Ok(json.to_owned()),
            };
            parsed.unwrap_or_else(|e| panic!("bad JSON {json}: {e}"))
        }
        let raw: Box<RawValue> = serde_json::from_str(json).unwrap_or_else(|e| panic!("bad JSON: {e}"));
        text(&raw)
    }

    /// Checks that `json`, an example that breaks its own schema, does not
    /// deserialise into `T`, and that the error names the broken rule.
    #[track_caller]
    pub fn assert_rejected<T>(json: &str, origin: &str, reason: &str)
    where
        T: serde::de::DeserializeOwned + std::fmt::Debug,
    {
        match serde_json::from_str::<T>(json) {
            Ok(typed) => panic!("{origin}: breaks its schema ({reason}) but was accepted as {typed:?}"),
            Err(e) => assert!(e.to_string().contains(reason), "{origin}: rejected, but not for {reason}: {e}"),
        }
    }
}
