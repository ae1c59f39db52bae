//! Support code shared by the generated modules: constraint checks, union dispatch,
//! the three-state optional field, and the date-time format these APIs use.
//!
//! This file is copied verbatim into every generated crate by `openapi-bindgen`.

use std::fmt;
use std::sync::OnceLock;

/// A value broke a constraint that its schema states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintError {
    type_name: &'static str,
    message: String,
}

impl ConstraintError {
    /// An error for a value of `type_name`.
    pub fn new(type_name: &'static str, message: impl Into<String>) -> Self {
        ConstraintError { type_name, message: message.into() }
    }

    /// The generated type whose constraint was broken.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The rule that was broken, and how.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConstraintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.type_name, self.message)
    }
}

impl std::error::Error for ConstraintError {}

/// An ECMA-262 regular expression, compiled on first use and then reused.
///
/// Every pattern was compiled once by the generator, so compiling it here succeeds.
pub struct Pattern {
    source: &'static str,
    regex: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// A pattern from its source text.
    pub const fn new(source: &'static str) -> Self {
        Pattern { source, regex: OnceLock::new() }
    }

    /// The source text.
    pub fn as_str(&self) -> &'static str {
        self.source
    }

    /// Whether `text` contains a match (JSON Schema patterns are not anchored).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex
            .get_or_init(|| regress::Regex::new(self.source).ok())
            .as_ref()
            .is_some_and(|re| re.find(text).is_some())
    }
}

/// Checks `pattern`.
pub fn check_pattern(type_name: &'static str, value: &str, pattern: &Pattern) -> Result<(), ConstraintError> {
    if pattern.is_match(value) {
        Ok(())
    } else {
        Err(ConstraintError::new(type_name, format!("{value:?} does not match pattern {}", pattern.as_str())))
    }
}

/// Checks `minLength`, counted in Unicode code points.
pub fn check_min_length(type_name: &'static str, value: &str, min: u64) -> Result<(), ConstraintError> {
    let length = value.chars().count() as u64;
    if length >= min {
        Ok(())
    } else {
        Err(ConstraintError::new(
            type_name,
            format!("{value:?} is {length} characters long, shorter than minLength {min}"),
        ))
    }
}

/// Checks `maxLength`, counted in Unicode code points.
pub fn check_max_length(type_name: &'static str, value: &str, max: u64) -> Result<(), ConstraintError> {
    let length = value.chars().count() as u64;
    if length <= max {
        Ok(())
    } else {
        Err(ConstraintError::new(
            type_name,
            format!("{value:?} is {length} characters long, longer than maxLength {max}"),
        ))
    }
}

/// Checks `minItems`.
pub fn check_min_items(type_name: &'static str, count: usize, min: u64) -> Result<(), ConstraintError> {
    if count as u64 >= min {
        Ok(())
    } else {
        Err(ConstraintError::new(type_name, format!("{count} items, fewer than minItems {min}")))
    }
}

/// Checks `maxItems`.
pub fn check_max_items(type_name: &'static str, count: usize, max: u64) -> Result<(), ConstraintError> {
    if count as u64 <= max {
        Ok(())
    } else {
        Err(ConstraintError::new(type_name, format!("{count} items, more than maxItems {max}")))
    }
}

/// Checks `uniqueItems`.
pub fn check_unique_items<T: PartialEq>(type_name: &'static str, items: &[T]) -> Result<(), ConstraintError> {
    for (i, item) in items.iter().enumerate() {
        if let Some(j) = items[..i].iter().position(|earlier| earlier == item) {
            return Err(ConstraintError::new(
                type_name,
                format!("items {j} and {i} are equal, but uniqueItems is set"),
            ));
        }
    }
    Ok(())
}

/// Checks `minProperties`.
pub fn check_min_properties(type_name: &'static str, count: usize, min: u64) -> Result<(), ConstraintError> {
    if count as u64 >= min {
        Ok(())
    } else {
        Err(ConstraintError::new(type_name, format!("{count} properties, fewer than minProperties {min}")))
    }
}

/// Checks `maxProperties`.
pub fn check_max_properties(type_name: &'static str, count: usize, max: u64) -> Result<(), ConstraintError> {
    if count as u64 <= max {
        Ok(())
    } else {
        Err(ConstraintError::new(type_name, format!("{count} properties, more than maxProperties {max}")))
    }
}

/// The numeric bounds a schema states.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bounds {
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<f64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<f64>,
    /// `multipleOf`.
    pub multiple_of: Option<f64>,
}

/// Checks numeric bounds and `multipleOf`.
pub fn check_bounds(type_name: &'static str, value: f64, bounds: &Bounds) -> Result<(), ConstraintError> {
    let fail = |rule: &str, bound: f64| Err(ConstraintError::new(type_name, format!("{value} breaks {rule} {bound}")));
    match *bounds {
        Bounds { minimum: Some(min), .. } if value < min => fail("minimum", min),
        Bounds { maximum: Some(max), .. } if value > max => fail("maximum", max),
        Bounds { exclusive_minimum: Some(min), .. } if value <= min => fail("exclusiveMinimum", min),
        Bounds { exclusive_maximum: Some(max), .. } if value >= max => fail("exclusiveMaximum", max),
        Bounds { multiple_of: Some(m), .. } if m > 0.0 && ((value / m) - (value / m).round()).abs() > 1e-9 => {
            fail("multipleOf", m)
        }
        _ => Ok(()),
    }
}

/// Checks a `const` or reads the value back: JSON equality, with numbers compared by
/// value (`1` equals `1.0`, as JSON Schema says).
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

/// Parses JSON text the generator wrote from a valid value.
pub fn json_literal(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_default()
}

/// Deserialises a `const` type: succeeds only for a value equal to `expected`.
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

/// The string values at `path` in `value`: the string itself, or the strings of an
/// array. Union dispatch compares them with each variant's set.
pub fn values_at<'v>(value: &'v serde_json::Value, path: &[&str]) -> Vec<&'v str> {
    let mut current = value;
    for key in path {
        match current.get(key) {
            Some(next) => current = next,
            None => return Vec::new(),
        }
    }
    match current {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(items) => items.iter().filter_map(serde_json::Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Whether at least one value was found and every value found is in `set`.
pub fn all_in(found: &[&str], set: &[&str]) -> bool {
    !found.is_empty() && found.iter().all(|v| set.contains(v))
}

/// Serde helpers for optional, nullable fields: absent (`None`), `null`
/// (`Some(None)`) and a value (`Some(Some(v))`) stay distinct.
pub mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Serialises `Some(None)` as `null` and `Some(Some(v))` as `v`. `None` is
    /// skipped by the field's `skip_serializing_if`.
    pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Deserialises a present field: `null` becomes `Some(None)`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

/// A date and time written `YYYY-MM-DD HH:mm:ss`, without a zone (`format:
/// naive-date-time`). The APIs using it document the time as UTC: call
/// `.0.and_utc()` for a `chrono::DateTime<Utc>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NaiveDateTime(pub chrono::NaiveDateTime);

impl NaiveDateTime {
    /// The wire format, in `chrono` syntax.
    pub const FORMAT: &'static str = "%Y-%m-%d %H:%M:%S";
}

impl fmt::Display for NaiveDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format(Self::FORMAT))
    }
}

impl std::str::FromStr for NaiveDateTime {
    type Err = chrono::ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        chrono::NaiveDateTime::parse_from_str(s, Self::FORMAT).map(NaiveDateTime)
    }
}

impl serde::Serialize for NaiveDateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for NaiveDateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        text.parse().map_err(|e| serde::de::Error::custom(format!("{text:?} is not YYYY-MM-DD HH:mm:ss: {e}")))
    }
}

/// Test support for the generated round-trip tests.
#[cfg(test)]
pub mod testing {
    /// Deserialises `json` into `T`, serialises it back, and checks that the value
    /// is unchanged.
    #[track_caller]
    pub fn assert_round_trip<T>(json: &str, origin: &str)
    where
        T: serde::de::DeserializeOwned + serde::Serialize,
    {
        let value: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{origin}: bad JSON: {e}"));
        let typed: T = serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("{origin}: does not deserialise into {}: {e}", std::any::type_name::<T>()));
        let back = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{origin}: does not serialise: {e}"));
        assert!(
            super::json_equal(&value, &back),
            "{origin}: round trip changed the value\n  before: {value}\n  after:  {back}"
        );
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
