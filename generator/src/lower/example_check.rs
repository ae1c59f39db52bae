//! Checks an example against the constraints of the schema it is written on, so
//! that an example the spec itself gets wrong becomes a rejection test and a
//! warning instead of a failing round-trip test.
//!
//! Only the schema's own constraints are checked (not those of nested schemas):
//! this is where vendors' examples contradict their schemas in practice (Quo's
//! `userId` example `U55wgP5I5` against `^US(.*)$`). A nested violation still
//! surfaces, as a failing round-trip test.

use serde_json::Value;

use crate::resolve::schema::{Constraints, Schema};

/// The first rule `value` breaks, in words, or `None`.
pub fn violation(schema: &Schema<'_>, value: &Value) -> Option<String> {
    let c = &schema.constraints;
    match value {
        Value::String(s) => string_violation(c, s),
        Value::Array(items) => count_violation("items", items.len(), c.min_items, c.max_items),
        Value::Object(map) => count_violation("properties", map.len(), c.min_properties, c.max_properties),
        Value::Number(n) => n.as_f64().and_then(|n| number_violation(c, n)),
        Value::Bool(_) | Value::Null => None,
    }
}

fn string_violation(c: &Constraints, s: &str) -> Option<String> {
    if let Some(pattern) = &c.pattern {
        // The reader compiled every pattern already; one that fails here was
        // reported there.
        let regex = regress::Regex::new(pattern).ok()?;
        if regex.find(s).is_none() {
            return Some(format!("{s:?} does not match pattern {pattern}"));
        }
    }
    count_violation("characters", s.chars().count(), c.min_length, c.max_length)
}

fn count_violation(what: &str, n: usize, min: Option<u64>, max: Option<u64>) -> Option<String> {
    let n = n as u64;
    match (min, max) {
        (Some(min), _) if n < min => Some(format!("{n} {what}, fewer than the minimum {min}")),
        (_, Some(max)) if n > max => Some(format!("{n} {what}, more than the maximum {max}")),
        _ => None,
    }
}

fn number_violation(c: &Constraints, n: f64) -> Option<String> {
    let f = |v: &Option<serde_json::Number>| v.as_ref().and_then(serde_json::Number::as_f64);
    match (f(&c.minimum), f(&c.maximum), f(&c.exclusive_minimum), f(&c.exclusive_maximum)) {
        (Some(min), ..) if n < min => Some(format!("{n} is below the minimum {min}")),
        (_, Some(max), ..) if n > max => Some(format!("{n} is above the maximum {max}")),
        (_, _, Some(min), _) if n <= min => Some(format!("{n} is not above the exclusive minimum {min}")),
        (.., Some(max)) if n >= max => Some(format!("{n} is not below the exclusive maximum {max}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraints(pattern: &str, min_length: u64) -> Constraints {
        Constraints { pattern: Some(pattern.into()), min_length: Some(min_length), ..Constraints::default() }
    }

    #[test]
    fn strings() {
        let c = constraints("^US(.*)$", 3);
        assert_eq!(string_violation(&c, "US1"), None);
        assert_eq!(string_violation(&c, "U55wgP5I5").as_deref(), Some("\"U55wgP5I5\" does not match pattern ^US(.*)$"));
        assert_eq!(string_violation(&c, "US").as_deref(), Some("2 characters, fewer than the minimum 3"));
    }

    #[test]
    fn numbers() {
        let c = Constraints { minimum: Some(1.into()), exclusive_maximum: Some(100.into()), ..Constraints::default() };
        assert_eq!(number_violation(&c, 1.0), None);
        assert!(number_violation(&c, 0.5).is_some());
        assert!(number_violation(&c, 100.0).is_some());
    }
}
