//! Bounds that cannot hold: pairs of keywords that no value satisfies together
//! (`minimum` above `maximum`, `minLength` above `maxLength`...), a `multipleOf`
//! that is not positive, and an integer bound outside the range its `format`
//! names. Resolve warns about each at its keyword; lower turns a contradiction
//! into the rule that refuses every value, with the reason, so that the type's
//! error says why nothing can be built.

use serde_json::Number;

use super::schema::{Constraints, Type};

/// Which values a contradiction concerns: a keyword binds only its own type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// Integers and numbers.
    Numbers,
    /// Integers only: the bounds leave room for fractions but for no integer.
    Integers,
    /// Strings.
    Strings,
    /// Arrays.
    Arrays,
    /// Objects.
    Objects,
}

impl Applies {
    /// Whether values of type `ty` are concerned.
    pub fn covers(self, ty: Type) -> bool {
        match self {
            Applies::Numbers => matches!(ty, Type::Integer | Type::Number),
            Applies::Integers => ty == Type::Integer,
            Applies::Strings => ty == Type::String,
            Applies::Arrays => ty == Type::Array,
            Applies::Objects => ty == Type::Object,
        }
    }
}

/// Two keywords no value satisfies together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// The values it concerns.
    pub applies: Applies,
    /// The keyword the warning points at (the upper bound of the pair).
    pub keyword: &'static str,
    /// What contradicts what: `minimum 10 is greater than maximum 5`.
    pub reason: String,
}

/// The contradictions among `c`'s bounds.
pub fn contradictions(c: &Constraints) -> Vec<Contradiction> {
    let mut out = Vec::new();
    let counts = [
        ("minLength", c.min_length, "maxLength", c.max_length, Applies::Strings),
        ("minItems", c.min_items, "maxItems", c.max_items, Applies::Arrays),
        ("minProperties", c.min_properties, "maxProperties", c.max_properties, Applies::Objects),
    ];
    for (low_name, low, high_name, high, applies) in counts {
        if let (Some(low), Some(high)) = (low, high) {
            if low > high {
                let reason = format!("{low_name} {low} is greater than {high_name} {high}");
                out.push(Contradiction { applies, keyword: high_name, reason });
            }
        }
    }
    out.extend(numbers(c));
    out
}

/// A bound of a number range: its value, its keyword, whether it is exclusive.
struct Bound<'a> {
    value: f64,
    keyword: &'static str,
    number: &'a Number,
    exclusive: bool,
}

impl<'a> Bound<'a> {
    /// The bound `keyword` states, if any (`exclusiveMinimum` and
    /// `exclusiveMaximum` are exclusive).
    fn of(keyword: &'static str, number: &'a Option<Number>) -> Option<Self> {
        let number = number.as_ref()?;
        Some(Bound { value: number.as_f64()?, keyword, number, exclusive: keyword.starts_with("exclusive") })
    }

    fn describe(&self) -> String {
        format!("{} {}", self.keyword, self.number)
    }
}

/// Which side of a range a bound closes.
#[derive(Clone, Copy)]
enum Side {
    Lower,
    Upper,
}

/// Of two bounds on one side, the one that leaves fewer values (a lower bound is
/// tighter when greater; at the same value, an exclusive one is).
fn tighter<'a>(a: Option<Bound<'a>>, b: Option<Bound<'a>>, side: Side) -> Option<Bound<'a>> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let beyond = match side {
                Side::Lower => b.value > a.value,
                Side::Upper => b.value < a.value,
            };
            Some(if beyond || (b.value == a.value && b.exclusive) { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

/// The tightest lower and upper bounds, and whether they leave any number, and
/// any integer.
fn numbers(c: &Constraints) -> Option<Contradiction> {
    let low =
        tighter(Bound::of("minimum", &c.minimum), Bound::of("exclusiveMinimum", &c.exclusive_minimum), Side::Lower)?;
    let high =
        tighter(Bound::of("maximum", &c.maximum), Bound::of("exclusiveMaximum", &c.exclusive_maximum), Side::Upper)?;
    let pair = format!("{} and {}", low.describe(), high.describe());
    let empty = low.value > high.value || (low.value == high.value && (low.exclusive || high.exclusive));
    if empty {
        let reason = format!("{pair} leave no number between them");
        return Some(Contradiction { applies: Applies::Numbers, keyword: high.keyword, reason });
    }
    // The integers the bounds leave: from the least above the lower bound to the
    // greatest below the upper one.
    let least = if low.exclusive { low.value.floor() + 1.0 } else { low.value.ceil() };
    let greatest = if high.exclusive { high.value.ceil() - 1.0 } else { high.value.floor() };
    (least > greatest).then(|| Contradiction {
        applies: Applies::Integers,
        keyword: high.keyword,
        reason: format!("{pair} leave no integer between them"),
    })
}

/// A bound that is not a contradiction but cannot mean what it says: a
/// `multipleOf` that is not positive, or an integer bound outside its `format`.
pub fn meaningless(c: &Constraints, format: Option<&str>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(m) = c.multiple_of.as_ref().filter(|m| m.as_f64().is_none_or(|m| m <= 0.0)) {
        out.push(("multipleOf", format!("`multipleOf` {m} is not greater than 0; it is not checked")));
    }
    let range = match format {
        Some("int32") => Some((f64::from(i32::MIN), f64::from(i32::MAX))),
        _ => None,
    };
    if let Some((min, max)) = range {
        let bounds = [
            ("minimum", &c.minimum),
            ("maximum", &c.maximum),
            ("exclusiveMinimum", &c.exclusive_minimum),
            ("exclusiveMaximum", &c.exclusive_maximum),
        ];
        for (keyword, bound) in bounds {
            let Some(n) = bound else { continue };
            if n.as_f64().is_some_and(|v| v < min || v > max) {
                out.push((keyword, format!("`{keyword}` {n} lies outside the range of `format: int32`")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<Number> {
        Some(serde_json::from_str(text).expect("a number"))
    }

    #[test]
    fn a_lower_bound_above_the_upper_one_leaves_nothing() {
        let c = Constraints { minimum: number("10"), maximum: number("5"), ..Constraints::default() };
        let found = contradictions(&c);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].applies, Applies::Numbers);
        assert_eq!(found[0].keyword, "maximum");
        assert_eq!(found[0].reason, "minimum 10 and maximum 5 leave no number between them");
    }

    #[test]
    fn equal_bounds_hold_unless_one_is_exclusive() {
        let c = Constraints { minimum: number("3"), maximum: number("3"), ..Constraints::default() };
        assert!(contradictions(&c).is_empty());
        let c = Constraints { minimum: number("3"), exclusive_maximum: number("3"), ..Constraints::default() };
        assert_eq!(contradictions(&c)[0].reason, "minimum 3 and exclusiveMaximum 3 leave no number between them");
    }

    #[test]
    fn bounds_may_leave_fractions_but_no_integer() {
        let c =
            Constraints { exclusive_minimum: number("1"), exclusive_maximum: number("2"), ..Constraints::default() };
        let found = contradictions(&c);
        assert_eq!(found[0].applies, Applies::Integers);
        assert!(found[0].applies.covers(Type::Integer) && !found[0].applies.covers(Type::Number));
        let c = Constraints { minimum: number("1.2"), maximum: number("1.8"), ..Constraints::default() };
        assert_eq!(contradictions(&c)[0].reason, "minimum 1.2 and maximum 1.8 leave no integer between them");
        let c = Constraints { minimum: number("1.5"), maximum: number("2"), ..Constraints::default() };
        assert!(contradictions(&c).is_empty());
    }

    #[test]
    fn the_tightest_bound_decides() {
        let c = Constraints {
            minimum: number("0"),
            exclusive_minimum: number("5"),
            maximum: number("5"),
            ..Constraints::default()
        };
        assert_eq!(contradictions(&c)[0].reason, "exclusiveMinimum 5 and maximum 5 leave no number between them");
    }

    #[test]
    fn counts_contradict_per_type() {
        let c = Constraints {
            min_length: Some(5),
            max_length: Some(2),
            min_items: Some(1),
            max_items: Some(1),
            min_properties: Some(3),
            max_properties: Some(0),
            ..Constraints::default()
        };
        let found: Vec<_> = contradictions(&c).into_iter().map(|c| (c.applies, c.keyword)).collect();
        assert_eq!(found, [(Applies::Strings, "maxLength"), (Applies::Objects, "maxProperties")]);
    }

    #[test]
    fn multiple_of_must_be_positive_and_int32_bounds_fit() {
        let c = Constraints { multiple_of: number("0"), maximum: number("3000000000"), ..Constraints::default() };
        let found = meaningless(&c, Some("int32"));
        assert_eq!(found[0], ("multipleOf", "`multipleOf` 0 is not greater than 0; it is not checked".to_owned()));
        assert_eq!(found[1].0, "maximum");
        assert_eq!(meaningless(&c, Some("int64")).len(), 1);
        let c = Constraints { multiple_of: number("-2"), ..Constraints::default() };
        assert_eq!(meaningless(&c, None).len(), 1);
    }
}
