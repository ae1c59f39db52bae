//! Checks an example against the rules of the schema it is written on, so that an
//! example the spec itself gets wrong becomes a rejection test and a warning instead
//! of a failing round-trip test.
//!
//! Only the schema's own rules are checked (not those of nested schemas): this is
//! where vendors' examples contradict their schemas in practice (Quo's `userId`
//! example `U55wgP5I5` against `^US(.*)$`). A nested violation still surfaces, as a
//! failing round-trip test.

use serde_json::Value;

use super::rules::{self, Strings};
use crate::ir::Check;
use crate::pattern::Engine;
use crate::resolve::schema::{Additional, Schema, Type};

/// The first rule `value` breaks, as its keyword and bound (`pattern ^US(.*)$`),
/// which the runtime's error message contains; or `None`.
pub fn violation(schema: &Schema<'_>, value: &Value) -> Option<String> {
    let ty = match value {
        Value::String(_) => Type::String,
        Value::Array(_) => Type::Array,
        Value::Object(_) => Type::Object,
        Value::Number(_) => Type::Number,
        Value::Bool(_) | Value::Null => return None,
    };
    let strings = match ty == Type::String && schema.format.and_then(super::formats::parsed).is_some() {
        true => Strings::Parsed,
        false => Strings::Plain,
    };
    let broken = rules::rules(ty, &schema.constraints, strings).into_iter().find(|r| breaks(r, value));
    broken.map(|r| r.describe()).or_else(|| unlisted_key(schema, value))
}

/// `patternProperties` beside `additionalProperties: false`, on a map: a key that
/// matches no pattern, named as the runtime's message names the rule. (A value
/// against its pattern's schema surfaces as a failing round trip.)
fn unlisted_key(schema: &Schema<'_>, value: &Value) -> Option<String> {
    let closed = matches!(schema.additional, Some(Additional::Allowed(false)));
    let map = value.as_object().filter(|_| closed && schema.properties.is_empty())?;
    let patterns = &schema.pattern_properties;
    let matches = |p: &crate::pattern::Translated, key: &str| match p.engine {
        Engine::Linear => regex::Regex::new(&p.regex).is_ok_and(|re| re.is_match(key)),
        Engine::Bounded => fancy_regex::Regex::new(&p.regex).is_ok_and(|re| re.is_match(key).unwrap_or(true)),
    };
    let refused = !patterns.is_empty() && map.keys().any(|k| !patterns.iter().any(|(p, _)| matches(p, k)));
    let sources: Vec<&str> = patterns.iter().map(|(p, _)| p.source.as_str()).collect();
    refused.then(|| format!("patternProperties {}", sources.join(", ")))
}

fn breaks(rule: &Check, value: &Value) -> bool {
    let chars = || value.as_str().map_or(0, |s| s.chars().count() as u64);
    let count = || match value {
        Value::Array(items) => items.len() as u64,
        Value::Object(map) => map.len() as u64,
        _ => 0,
    };
    let number = value.as_f64().unwrap_or_default();
    let bound = |b: &serde_json::Number| b.as_f64().unwrap_or_default();
    match rule {
        // The reader compiled every pattern already; a bounded one that runs out of
        // steps on an example is not held against it.
        Check::Pattern(p) => {
            let text = value.as_str().unwrap_or_default();
            match p.engine {
                Engine::Linear => regex::Regex::new(&p.regex).is_ok_and(|re| !re.is_match(text)),
                Engine::Bounded => {
                    fancy_regex::Regex::new(&p.regex).is_ok_and(|re| re.is_match(text).is_ok_and(|m| !m))
                }
            }
        }
        Check::MinLength(b) => chars() < *b,
        Check::MaxLength(b) => chars() > *b,
        Check::MinItems(b) | Check::MinProperties(b) => count() < *b,
        Check::MaxItems(b) | Check::MaxProperties(b) => count() > *b,
        Check::DependentRequired(dependencies) => value.as_object().is_some_and(|map| {
            dependencies.iter().any(|(property, requires)| {
                map.contains_key(property) && requires.iter().any(|name| !map.contains_key(name))
            })
        }),
        Check::Minimum(b) => number < bound(b),
        Check::Maximum(b) => number > bound(b),
        Check::ExclusiveMinimum(b) => number <= bound(b),
        Check::ExclusiveMaximum(b) => number >= bound(b),
        // Rarely wrong in examples; a violation surfaces as a failing round trip.
        // Built from the schema's `patternProperties`, not its constraints: see
        // `unlisted_key`.
        Check::UniqueItems | Check::MultipleOf(_) | Check::Enum(_) | Check::Never | Check::PatternProperties { .. } => {
            false
        }
        Check::Unsatisfiable(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::resolve::schema::Constraints;

    fn violation_of(constraints: Constraints, value: Value) -> Option<String> {
        let raw = json!({});
        let loc = crate::resolve::documents::Loc::new(crate::resolve::documents::DocId(0), String::new());
        let mut schema = Schema::empty(loc, &raw);
        schema.constraints = constraints;
        violation(&schema, &value)
    }

    #[test]
    fn strings() {
        let pattern = crate::pattern::translate("^US(.*)$").ok();
        let c = Constraints { pattern, min_length: Some(3), ..Constraints::default() };
        assert_eq!(violation_of(c.clone(), json!("US1")), None);
        assert_eq!(violation_of(c.clone(), json!("U55wgP5I5")).as_deref(), Some("pattern ^US(.*)$"));
        assert_eq!(violation_of(c, json!("US")).as_deref(), Some("minLength 3"));
    }

    #[test]
    fn dependencies() {
        let dependent_required = vec![("bar".to_owned(), vec!["foo".to_owned()])];
        let c = Constraints { dependent_required, ..Constraints::default() };
        assert_eq!(violation_of(c.clone(), json!({"foo": 1, "bar": 2})), None);
        assert_eq!(violation_of(c.clone(), json!({"foo": 1})), None);
        assert_eq!(violation_of(c, json!({"bar": 2})).as_deref(), Some("dependentRequired bar → foo"));
    }

    #[test]
    fn keys_no_pattern_allows() {
        let raw = json!({});
        let loc = crate::resolve::documents::Loc::new(crate::resolve::documents::DocId(0), String::new());
        let mut schema = Schema::empty(loc.clone(), &raw);
        let pattern = crate::pattern::translate("^x-").expect("a pattern");
        schema.pattern_properties = vec![(pattern, Schema::empty(loc, &raw))];
        assert_eq!(violation(&schema, &json!({"other": 1})), None, "other properties are allowed");
        schema.additional = Some(Additional::Allowed(false));
        assert_eq!(violation(&schema, &json!({"x-a": 1})), None);
        assert_eq!(violation(&schema, &json!({"x-a": 1, "other": 1})).as_deref(), Some("patternProperties ^x-"));
    }

    #[test]
    fn numbers() {
        let c = Constraints { minimum: Some(1.into()), exclusive_maximum: Some(100.into()), ..Constraints::default() };
        assert_eq!(violation_of(c.clone(), json!(1)), None);
        assert_eq!(violation_of(c.clone(), json!(0.5)).as_deref(), Some("minimum 1"));
        assert_eq!(violation_of(c, json!(100)).as_deref(), Some("exclusiveMaximum 100"));
    }
}
