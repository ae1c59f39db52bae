//! The validation rules of a schema, for the one JSON type a Rust type stands for.
//!
//! A JSON Schema keyword applies only to values of its own type (`maxLength` says
//! nothing about numbers), so each Rust type gets the rules of its type alone.

use serde_json::Value;

use crate::ir::{Check, Scalar, TypeRef};
use crate::resolve::bounds::contradictions;
use crate::resolve::schema::{Constraints, Type};

/// How a string value is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strings {
    /// As text: the string rules apply.
    Plain,
    /// Parsed by its `format` (date-time, uri...), which checks it: the string rules
    /// are left out.
    Parsed,
}

/// The rules `c` states for values of type `ty`. Bounds that contradict each
/// other for `ty` are one rule that refuses every value, saying why.
pub fn rules(ty: Type, c: &Constraints, strings: Strings) -> Vec<Check> {
    let parsed = ty == Type::String && strings == Strings::Parsed;
    if let Some(contradiction) = contradictions(c).into_iter().find(|x| x.applies.covers(ty) && !parsed) {
        return vec![Check::Unsatisfiable(contradiction.reason)];
    }
    // Destructured whole: a new keyword does not compile until it has its rule.
    let Constraints {
        pattern,
        min_length,
        max_length,
        min_items,
        max_items,
        unique_items,
        min_properties,
        max_properties,
        dependent_required,
        minimum,
        maximum,
        exclusive_minimum,
        exclusive_maximum,
        multiple_of,
    } = c;
    let mut out = Vec::new();
    match ty {
        Type::String if strings == Strings::Plain => {
            // Lengths first: cheaper than the pattern, and their message is plainer.
            out.extend(min_length.map(Check::MinLength));
            out.extend(max_length.map(Check::MaxLength));
            out.extend(pattern.clone().map(Check::Pattern));
        }
        Type::Array => {
            out.extend(min_items.map(Check::MinItems));
            out.extend(max_items.map(Check::MaxItems));
            if *unique_items {
                out.push(Check::UniqueItems);
            }
        }
        Type::Object => {
            out.extend(min_properties.map(Check::MinProperties));
            out.extend(max_properties.map(Check::MaxProperties));
            if !dependent_required.is_empty() {
                out.push(Check::DependentRequired(dependent_required.clone()));
            }
        }
        Type::Integer | Type::Number => {
            out.extend(minimum.clone().map(Check::Minimum));
            out.extend(maximum.clone().map(Check::Maximum));
            out.extend(exclusive_minimum.clone().map(Check::ExclusiveMinimum));
            out.extend(exclusive_maximum.clone().map(Check::ExclusiveMaximum));
            out.extend(multiple_of.clone().filter(|m| m.as_f64().is_some_and(|m| m > 0.0)).map(Check::MultipleOf));
        }
        Type::String | Type::Boolean => {}
    }
    out
}

/// The Rust type for the values of a non-string `enum`: the declared type when
/// every value has it, else any JSON value.
pub fn enum_base(types: &[Type], values: &[&Value]) -> TypeRef {
    let all = |f: fn(&Value) -> bool| values.iter().all(|v| f(v));
    let scalar = match types {
        [Type::Integer] if all(|v| v.as_i64().is_some()) => Scalar::I64,
        [Type::Number] if all(Value::is_number) => Scalar::Number,
        [Type::Boolean] if all(Value::is_boolean) => Scalar::Bool,
        _ => Scalar::Json,
    };
    TypeRef::Scalar(scalar)
}
