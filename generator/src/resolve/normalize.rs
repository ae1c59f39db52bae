//! Normalises OpenAPI 3.0 schema keywords to their 3.1 (JSON Schema 2020-12) meaning.
//!
//! | 3.0 form | 3.1 meaning |
//! | --- | --- |
//! | `nullable: true` | `null` joins the allowed types |
//! | `example: x` | `examples: [x]` |
//! | `exclusiveMinimum: true` beside `minimum: n` | `exclusiveMinimum: n` |
//! | `exclusiveMaximum: true` beside `maximum: n` | `exclusiveMaximum: n` |
//!
//! The 3.0 forms are accepted in 3.1 documents too (real specs mix them), with a
//! warning, and `type: 'null'` in a 3.0 document is accepted with a warning.

use serde_json::{Number, Value};

/// The OpenAPI version family a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// OpenAPI 3.0.x: schemas are an extended subset of JSON Schema draft 4/5.
    V30,
    /// OpenAPI 3.1.x: schemas are JSON Schema 2020-12.
    V31,
}

impl Dialect {
    /// Reads the `openapi` field of a document.
    pub fn from_version(version: &str) -> Option<Self> {
        if version.starts_with("3.0") {
            Some(Dialect::V30)
        } else if version.starts_with("3.1") {
            Some(Dialect::V31)
        } else {
            None
        }
    }
}

/// The effect of a 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum`.
#[derive(Debug, Clone, PartialEq)]
pub enum Exclusive {
    /// 3.1 numeric form: the bound itself.
    Bound(Number),
    /// 3.0 boolean form: whether the sibling `minimum`/`maximum` is exclusive.
    Flag(bool),
}

/// Reads `exclusiveMinimum`/`exclusiveMaximum` in either form.
pub fn exclusive(value: &Value) -> Option<Exclusive> {
    match value {
        Value::Number(n) => Some(Exclusive::Bound(n.clone())),
        Value::Bool(b) => Some(Exclusive::Flag(*b)),
        _ => None,
    }
}

/// Applies a boolean exclusive flag to its sibling bound: `(inclusive, exclusive)`.
pub fn split_bound(inclusive: Option<Number>, exclusive: Option<Exclusive>) -> (Option<Number>, Option<Number>) {
    match exclusive {
        None | Some(Exclusive::Flag(false)) => (inclusive, None),
        Some(Exclusive::Flag(true)) => (None, inclusive),
        Some(Exclusive::Bound(bound)) => (inclusive, Some(bound)),
    }
}

/// Whether a keyword belongs only to the other dialect (worth a warning).
pub fn is_other_version(dialect: Dialect, keyword: &str, value: &Value) -> bool {
    match dialect {
        Dialect::V31 => keyword == "nullable" || (keyword.starts_with("exclusiveM") && value.is_boolean()),
        Dialect::V30 => match keyword {
            "type" => value.is_array() || value == "null",
            "const" | "examples" | "prefixItems" | "$defs" => true,
            "exclusiveMinimum" | "exclusiveMaximum" => value.is_number(),
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn boolean_exclusive_moves_the_bound() {
        let n = |v: u64| Number::from(v);
        assert_eq!(split_bound(Some(n(1)), exclusive(&json!(true))), (None, Some(n(1))));
        assert_eq!(split_bound(Some(n(1)), exclusive(&json!(false))), (Some(n(1)), None));
        assert_eq!(split_bound(None, exclusive(&json!(5))), (None, Some(n(5))));
    }

    #[test]
    fn other_version_keywords() {
        assert!(is_other_version(Dialect::V31, "nullable", &json!(true)));
        assert!(is_other_version(Dialect::V30, "type", &json!(["string", "null"])));
        assert!(!is_other_version(Dialect::V30, "nullable", &json!(true)));
    }
}
