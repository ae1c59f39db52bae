//! `allOf` merging: the members of an `allOf` (and a `$ref` with siblings) become
//! one schema, keyword by keyword. Where two members constrain one property, its
//! items or its additional properties, the schemas there are intersected; where
//! they contradict, the first is kept with a warning.
//!
//! [`merge_constraints`] destructures [`Constraints`] whole: a new keyword does not
//! compile until it says how two members' values of it combine.

use super::schema::effective_types;
use super::Lowerer;
use crate::diagnostic::WarningKind;
use crate::resolve::documents::Loc;
use crate::resolve::schema::{Additional, Constraints, Schema};

impl<'a> Lowerer<'a, '_> {
    /// Merges `allOf` members (and a `$ref` with siblings) into one schema.
    pub(super) fn merge_all_of(&mut self, schema: &Schema<'a>) -> Schema<'a> {
        let mut merged = schema.clone();
        merged.merged = true;
        merged.all_of.clear();
        merged.reference = None;
        let mut members: Vec<Schema<'a>> = Vec::new();
        if let Some(target) = &schema.reference {
            members.extend(self.spec.schemas.get(target).cloned());
        }
        members.extend(schema.all_of.iter().cloned());
        self.flatten_budget = FLATTEN_BUDGET;
        for member in members {
            let member = self.flatten(member, 0);
            self.merge_into(&mut merged, member);
        }
        merged
    }

    /// The schema of values that satisfy both `a` and `b` (two `allOf` members'
    /// schemas of one property, of the items, or of the additional properties).
    /// When one of them only states a type the other implies, the other is kept
    /// as written, so that a `$ref` stays its named type: a generic wrapper's
    /// `data: array of object` narrowed to `array of Station` is `Vec<Station>`.
    /// Otherwise the two merge into one inline schema. `Err` gives `a` back, with
    /// where `b` contradicts it (disjoint types, different `const`s).
    fn intersect(&mut self, a: Schema<'a>, b: Schema<'a>) -> Result<Schema<'a>, Box<(Schema<'a>, Loc)>> {
        if a.raw == b.raw {
            return Ok(a);
        }
        let (flat_a, flat_b) = (self.flatten(a.clone(), 0), self.flatten(b.clone(), 0));
        let disjoint = !flat_a.types.is_empty()
            && !flat_b.types.is_empty()
            && !flat_a.types.iter().any(|t| flat_b.types.contains(t));
        let consts_differ = matches!((flat_a.const_value, flat_b.const_value), (Some(x), Some(y)) if x != y);
        if disjoint || consts_differ {
            return Err(Box::new((a, b.loc)));
        }
        for (weak, strong, kept) in [(&flat_a, &flat_b, &b), (&flat_b, &flat_a, &a)] {
            if only_types(weak) && implies_types(strong, weak) {
                let mut kept = kept.clone();
                // Null passes both only if it passes the side that only has a type.
                kept.nullable &= weak.nullable || weak.types.is_empty();
                return Ok(kept);
            }
        }
        let mut both = flat_a;
        self.merge_into(&mut both, flat_b);
        both.merged = true;
        Ok(both)
    }

    /// [`Lowerer::intersect`], keeping `a` (with a warning) when the two contradict.
    fn intersect_or_first(&mut self, a: Schema<'a>, b: Schema<'a>) -> Schema<'a> {
        self.intersect(a, b).unwrap_or_else(|conflict| {
            let (a, at) = *conflict;
            let message = "`allOf` members give incompatible schemas here; the first is used".to_owned();
            self.warn(&at, WarningKind::AllOfConflict, message);
            a
        })
    }

    /// Resolves `$ref`s and nested `allOf`s of a member, down to plain keywords.
    fn flatten(&mut self, member: Schema<'a>, depth: usize) -> Schema<'a> {
        if member.reference.is_none() && member.all_of.is_empty() {
            return member;
        }
        let mut out = member.clone();
        out.reference = None;
        out.all_of.clear();
        let cycle = member.reference.as_ref().is_some_and(|t| self.flattening.contains(t));
        if depth > 64 || cycle || self.flatten_budget == 0 {
            if self.flatten_budget == 0 {
                return out;
            }
            // One error per merge: what stops this one stops the rest.
            self.flatten_budget = 0;
            let message = match (cycle, depth > 64) {
                (true, _) => "this `allOf` contains itself through `$ref`s",
                (false, true) => "`allOf` nests through `$ref`s more than 64 levels",
                (false, false) => "`allOf` expands to too many members through `$ref`s",
            };
            self.error(&member.loc, message.into(), "look for a cycle");
            return out;
        }
        self.flatten_budget -= 1;
        let mut parts = Vec::new();
        if let Some(target) = &member.reference {
            parts.extend(self.spec.schemas.get(target).cloned());
            self.flattening.push(target.clone());
        }
        parts.extend(member.all_of.iter().cloned());
        for part in parts {
            let part = self.flatten(part, depth + 1);
            self.merge_into(&mut out, part);
        }
        if member.reference.is_some() {
            self.flattening.pop();
        }
        out
    }

    fn merge_into(&mut self, into: &mut Schema<'a>, from: Schema<'a>) {
        if into.types.is_empty() {
            into.types = from.types.clone();
        } else if !from.types.is_empty() {
            into.types.retain(|t| from.types.contains(t));
        }
        into.nullable = into.nullable || (from.nullable && into.types.is_empty());
        into.never |= from.never;
        into.description = into.description.or(from.description);
        into.title = into.title.or(from.title);
        into.format = into.format.or(from.format);
        into.enum_values = into.enum_values.take().or(from.enum_values);
        into.const_value = into.const_value.or(from.const_value);
        for (name, property) in from.properties {
            let Some(index) = into.properties.iter().position(|(n, _)| *n == name) else {
                into.properties.push((name, property));
                continue;
            };
            if into.properties[index].1.raw == property.raw {
                continue;
            }
            // Both members constrain the property: it must satisfy both.
            let existing = into.properties[index].1.clone();
            match self.intersect(existing, property) {
                Ok(both) => into.properties[index].1 = both,
                Err(conflict) => self.warn(
                    &conflict.1,
                    WarningKind::AllOfConflict,
                    format!("`allOf` members give property `{name}` incompatible schemas; the first is used"),
                ),
            }
        }
        for r in from.required {
            if !into.required.contains(&r) {
                into.required.push(r);
            }
        }
        into.additional = match (into.additional.take(), from.additional) {
            (Some(Additional::Schema(a)), Some(Additional::Schema(b))) => {
                Some(Additional::Schema(Box::new(self.intersect_or_first(*a, *b))))
            }
            (mine, theirs) => mine.or(theirs),
        };
        into.property_names = into.property_names.take().or(from.property_names);
        // Both members' patterns govern; one pattern in both must satisfy both.
        for (pattern, schema) in from.pattern_properties {
            match into.pattern_properties.iter().position(|(p, _)| p.source == pattern.source) {
                Some(i) => {
                    let existing = into.pattern_properties[i].1.clone();
                    into.pattern_properties[i].1 = self.intersect_or_first(existing, schema);
                }
                None => into.pattern_properties.push((pattern, schema)),
            }
        }
        into.items = match (into.items.take(), from.items) {
            (Some(a), Some(b)) => Some(Box::new(self.intersect_or_first(*a, *b))),
            (mine, theirs) => mine.or(theirs),
        };
        if into.any_of.is_empty() {
            into.any_of = from.any_of;
        }
        if into.one_of.is_empty() {
            into.one_of = from.one_of;
        }
        into.discriminator = into.discriminator.take().or(from.discriminator);
        merge_constraints(&mut into.constraints, from.constraints);
    }
}

/// The members one `allOf` merge may flatten (see `Lowerer::flatten_budget`).
const FLATTEN_BUDGET: usize = 10_000;

fn min_opt(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The constraints of values that satisfy both `into` and `from`, in `into`: the
/// larger lower bound of lengths and counts, the smaller upper bound, `uniqueItems`
/// if either says so, the dependencies of both; for the rest (a pattern, numeric bounds, `multipleOf`),
/// the first member's where it has one.
fn merge_constraints(into: &mut Constraints, from: Constraints) {
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
    } = from;
    into.pattern = into.pattern.take().or(pattern);
    into.min_length = into.min_length.max(min_length);
    into.max_length = min_opt(into.max_length, max_length);
    into.min_items = into.min_items.max(min_items);
    into.max_items = min_opt(into.max_items, max_items);
    into.unique_items |= unique_items;
    into.min_properties = into.min_properties.max(min_properties);
    into.max_properties = min_opt(into.max_properties, max_properties);
    // Both members' dependencies hold.
    for dependency in dependent_required {
        if !into.dependent_required.contains(&dependency) {
            into.dependent_required.push(dependency);
        }
    }
    into.minimum = into.minimum.take().or(minimum);
    into.maximum = into.maximum.take().or(maximum);
    into.exclusive_minimum = into.exclusive_minimum.take().or(exclusive_minimum);
    into.exclusive_maximum = into.exclusive_maximum.take().or(exclusive_maximum);
    into.multiple_of = into.multiple_of.take().or(multiple_of);
}

/// Whether a schema states nothing but its types (and annotations): no reference,
/// no composition, no properties, items or values, no values or rules of its own.
fn only_types(schema: &Schema<'_>) -> bool {
    schema.reference.is_none()
        && schema.all_of.is_empty()
        && schema.any_of.is_empty()
        && schema.one_of.is_empty()
        && schema.properties.is_empty()
        && schema.required.is_empty()
        && matches!(schema.additional, None | Some(Additional::Allowed(true)))
        && schema.property_names.is_none()
        && schema.pattern_properties.is_empty()
        && schema.items.is_none()
        && schema.enum_values.is_none()
        && schema.const_value.is_none()
        && schema.format.is_none()
        && schema.discriminator.is_none()
        && schema.constraints == Default::default()
        && !schema.never
}

/// Whether every value `strong` describes has one of `weak`'s types.
fn implies_types(strong: &Schema<'_>, weak: &Schema<'_>) -> bool {
    let types = effective_types(strong);
    weak.types.is_empty() || (!types.is_empty() && types.iter().all(|t| weak.types.contains(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constraints(min_length: Option<u64>, max_length: Option<u64>, unique_items: bool) -> Constraints {
        Constraints { min_length, max_length, unique_items, ..Constraints::default() }
    }

    #[test]
    fn lengths_and_counts_narrow_to_both() {
        let mut into = constraints(Some(2), Some(10), false);
        merge_constraints(&mut into, constraints(Some(3), Some(8), true));
        assert_eq!(into, constraints(Some(3), Some(8), true));
        let mut into = constraints(None, Some(4), false);
        merge_constraints(&mut into, constraints(Some(1), None, false));
        assert_eq!(into, constraints(Some(1), Some(4), false));
    }

    #[test]
    fn counts_of_items_and_properties_narrow_too() {
        let mut into = Constraints { min_items: Some(1), max_properties: Some(9), ..Constraints::default() };
        let from =
            Constraints { min_items: Some(4), max_items: Some(6), max_properties: Some(3), ..Default::default() };
        merge_constraints(&mut into, from);
        assert_eq!((into.min_items, into.max_items, into.max_properties), (Some(4), Some(6), Some(3)));
    }

    #[test]
    fn the_first_member_keeps_its_pattern_and_bounds() {
        let text = |p: &str| crate::pattern::translate(p).expect("a pattern");
        let mut into = Constraints { pattern: Some(text("^a")), ..Constraints::default() };
        merge_constraints(&mut into, Constraints { pattern: Some(text("^b")), ..Constraints::default() });
        assert_eq!(into.pattern, Some(text("^a")));
        let mut empty = Constraints::default();
        merge_constraints(&mut empty, Constraints { pattern: Some(text("^b")), ..Constraints::default() });
        assert_eq!(empty.pattern, Some(text("^b")));
    }

    #[test]
    fn dependencies_of_both_members_hold() {
        let dep = |a: &str, b: &[&str]| (a.to_owned(), b.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let mut into = Constraints { dependent_required: vec![dep("bar", &["foo"])], ..Constraints::default() };
        let from = vec![dep("bar", &["foo"]), dep("quux", &["foo", "bar"])];
        merge_constraints(&mut into, Constraints { dependent_required: from, ..Constraints::default() });
        assert_eq!(into.dependent_required, [dep("bar", &["foo"]), dep("quux", &["foo", "bar"])]);
    }

    #[test]
    fn min_opt_keeps_the_smaller_bound() {
        assert_eq!(min_opt(Some(3), Some(5)), Some(3));
        assert_eq!(min_opt(None, Some(5)), Some(5));
        assert_eq!(min_opt(Some(3), None), Some(3));
        assert_eq!(min_opt(None, None), None);
    }
}
