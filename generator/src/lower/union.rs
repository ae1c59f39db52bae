//! The dispatch pass: how each union picks its variant, and what its variants are
//! called.
//!
//! A union of objects is dispatched on *facts*: keys whose values its variants
//! state, so that a value selects its variant without any being tried. A key is a
//! header a webhook requires with fixed values, or a required body property (one
//! level down at most) whose `const`/`enum` values (or its array items' values)
//! are known. Keys are taken greedily, headers first and then the shortest paths,
//! each only if it separates two variants that no earlier key separates: GitHub's
//! `X-GitHub-Event` splits its 261 webhooks into events, and `action` splits each
//! event. Quo's six webhook kinds differ only by their `events` enums, so `events`
//! decides, never the order of the variants. What facts leave tied, each variant's
//! required properties decide (see the runtime's `select`). The variants are named
//! after their values on the first key every variant has: the common prefix of a
//! variant's values, in words (`call.summary.completed` → `CallSummary`, the family
//! `message.received` + `message.delivered` → `Message`).
//!
//! Without such a key, an OpenAPI `discriminator` decides if present; otherwise
//! each variant is tried in order, named after its type (webhook unions are never
//! tried: their required properties decide).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::naming::{self, Scope};
use super::webhooks::HeaderFacts;
use super::{Discriminator, Lowerer, NamePart};
use crate::diagnostic::WarningKind;
use crate::ir::{
    Dispatch, Module, Route, Scalar, SelectKey, Selector, TypeId, TypeKind, TypeRef, UnionVariant, UNKNOWN,
};

/// The string values a property may take, by property path.
type Signature = BTreeMap<Vec<String>, BTreeSet<String>>;

/// A variant's facts on every candidate key.
type Facts = BTreeMap<SelectKey, BTreeSet<String>>;

impl Lowerer<'_, '_> {
    /// Decides dispatch and variant names for every union. `fixed` unions keep their
    /// variant names and are never dispatched by trying (webhook and callback
    /// unions, named after their keys); `headers` holds the header facts of each
    /// variant of a webhook union.
    pub fn dispatch_unions(&mut self, fixed: &[TypeId], headers: &HashMap<TypeId, Vec<HeaderFacts>>) {
        for id in self.unions.clone() {
            let Some(TypeKind::Union(union)) = self.kind(id) else { continue };
            let variants = union.variants.clone();
            let facts: Vec<Facts> = variants
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let mut facts: Facts = self
                        .signature(&v.ty, 0)
                        .into_iter()
                        .map(|(path, values)| (SelectKey::Body(path), values))
                        .collect();
                    for (name, values) in headers.get(&id).and_then(|h| h.get(i)).into_iter().flatten() {
                        facts.insert(SelectKey::Header(name.clone()), values.iter().cloned().collect());
                    }
                    facts
                })
                .collect();
            let is_fixed = fixed.contains(&id);
            let keys = separating_keys(&facts);
            let dispatch = if !keys.is_empty() || is_fixed {
                let required: Vec<Vec<String>> = variants.iter().map(|v| self.required_of(&v.ty)).collect();
                let routes = facts
                    .iter()
                    .zip(required)
                    .map(|(f, required)| Route {
                        facts: keys
                            .iter()
                            .enumerate()
                            .filter_map(|(k, key)| f.get(key).map(|values| (k, values.iter().cloned().collect())))
                            .collect(),
                        required,
                    })
                    .collect();
                Dispatch::Select(Selector { keys, routes })
            } else {
                self.discriminator_dispatch(id, &variants).unwrap_or(Dispatch::TryEach)
            };
            if let (true, Dispatch::Select(selector)) = (headers.contains_key(&id), &dispatch) {
                self.warn_ties(id, &variants, selector);
            }
            let mut names: Vec<String> = match (&dispatch, is_fixed) {
                (_, true) => variants.iter().map(|v| v.name.clone()).collect(),
                (Dispatch::Select(selector), false) => match naming_key(selector) {
                    Some(key) => selector.values_on(key).map(|v| family_name(v.map_or(&[], Vec::as_slice))).collect(),
                    None => variants.iter().map(|v| self.type_word(&v.ty)).collect(),
                },
                (Dispatch::TryEach, false) => variants.iter().map(|v| self.type_word(&v.ty)).collect(),
            };
            let mut scope = Scope::with_reserved(&[UNKNOWN]);
            for name in &mut names {
                *name = scope.claim(std::mem::take(name));
            }
            if let Some(TypeKind::Union(union)) = &mut self.types[id.0].kind {
                for (variant, name) in union.variants.iter_mut().zip(names) {
                    variant.name = name;
                }
                union.dispatch = dispatch;
            }
        }
    }

    /// Warns about webhooks whose deliveries cannot be told apart: the same facts
    /// and the same required properties. The first of them is chosen.
    fn warn_ties(&mut self, id: TypeId, variants: &[UnionVariant], selector: &Selector) {
        let mut seen: HashMap<&Route, &str> = HashMap::new();
        let mut ties = Vec::new();
        for (variant, route) in variants.iter().zip(&selector.routes) {
            match seen.get(route) {
                Some(first) => ties.push(format!("`{}` reads as `{first}`", variant.name)),
                None => {
                    seen.insert(route, &variant.name);
                }
            }
        }
        if ties.is_empty() {
            return;
        }
        let loc = crate::resolve::documents::Loc::new(self.spec.docs.root(), self.types[id.0].origin.pointer.clone());
        let message = format!(
            "{} webhook(s) cannot be told apart by their headers, values or required properties: {}",
            ties.len(),
            ties.join(", ")
        );
        self.warn(&loc, WarningKind::AmbiguousWebhook, message);
    }

    /// The JSON names of the required properties of a struct type; of a union, the
    /// ones all its alternatives require.
    fn required_of(&self, ty: &TypeRef) -> Vec<String> {
        match self.resolve_kind(strip_option(ty)) {
            Some(TypeKind::Union(u)) => {
                let mut all = u.variants.iter().map(|v| self.struct_required(&v.ty));
                let first = all.next().unwrap_or_default();
                all.fold(first, |common, next| common.into_iter().filter(|name| next.contains(name)).collect())
            }
            _ => self.struct_required(ty),
        }
    }

    fn struct_required(&self, ty: &TypeRef) -> Vec<String> {
        match self.resolve_kind(strip_option(ty)) {
            Some(TypeKind::Struct(s)) => s.fields.iter().filter(|f| f.required).map(|f| f.json_name.clone()).collect(),
            _ => Vec::new(),
        }
    }

    fn discriminator_dispatch(&self, id: TypeId, variants: &[UnionVariant]) -> Option<Dispatch> {
        let Discriminator { property, mapping } = self.discriminators.get(&id)?;
        let mut values = Vec::new();
        for variant in variants {
            let TypeRef::Named(target) = strip_option(&variant.ty) else { return None };
            let mut own: Vec<String> = mapping
                .iter()
                .filter(|(_, loc)| self.lower_cached(loc) == Some(TypeRef::Named(*target)))
                .map(|(value, _)| value.clone())
                .collect();
            if own.is_empty() {
                // Implicit mapping: the schema's component name.
                match self.types[target.0].hint.first() {
                    Some(NamePart::Word(name)) => own.push(name.clone()),
                    _ => return None,
                }
            }
            values.push(own);
        }
        let routes = values.into_iter().map(|v| Route { facts: vec![(0, v)], required: Vec::new() }).collect();
        Some(Dispatch::Select(Selector { keys: vec![SelectKey::Body(vec![property.clone()])], routes }))
    }

    /// The string values each required property path may take, looking one level
    /// into required object properties. A union (a payload that is itself a
    /// `oneOf`) states what all its alternatives state: the paths they all have,
    /// with the values of any of them.
    fn signature(&self, ty: &TypeRef, depth: usize) -> Signature {
        match self.resolve_kind(strip_option(ty)) {
            Some(TypeKind::Union(u)) => {
                let mut all = u.variants.iter().map(|v| self.struct_signature(&v.ty, depth));
                let first = all.next().unwrap_or_default();
                all.fold(first, |common, next| {
                    common
                        .into_iter()
                        .filter_map(|(path, mut values)| {
                            let more = next.get(&path)?;
                            values.extend(more.iter().cloned());
                            Some((path, values))
                        })
                        .collect()
                })
            }
            _ => self.struct_signature(ty, depth),
        }
    }

    fn struct_signature(&self, ty: &TypeRef, depth: usize) -> Signature {
        let mut out = Signature::new();
        let Some(TypeKind::Struct(s)) = self.resolve_kind(strip_option(ty)) else { return out };
        for field in s.fields.iter().filter(|f| f.required) {
            if let Some(values) = self.values_of(&field.ty) {
                out.insert(vec![field.json_name.clone()], values);
            } else if depth == 0 {
                for (path, values) in self.struct_signature(&field.ty, depth + 1) {
                    let mut full = vec![field.json_name.clone()];
                    full.extend(path);
                    out.insert(full, values);
                }
            }
        }
        out
    }

    fn values_of(&self, ty: &TypeRef) -> Option<BTreeSet<String>> {
        if let TypeRef::Vec(item) = ty {
            return self.values_of(item);
        }
        match self.resolve_kind(ty)? {
            TypeKind::Const(v) => v.as_str().map(|s| BTreeSet::from([s.to_owned()])),
            TypeKind::Enum(e) => Some(e.variants.iter().map(|v| v.value.clone()).collect()),
            // A constrained list (`minItems` on Quo's `events`) keeps its items' values.
            TypeKind::Newtype(n) => self.values_of(&n.inner),
            _ => None,
        }
    }

    /// The kind behind a reference, following aliases.
    fn resolve_kind(&self, ty: &TypeRef) -> Option<&TypeKind> {
        let mut current = ty;
        for _ in 0..16 {
            let TypeRef::Named(id) = current else { return None };
            match self.kind(*id)? {
                TypeKind::Alias(next) => current = next,
                other => return Some(other),
            }
        }
        None
    }

    /// A variant name for a type, when nothing better is known.
    fn type_word(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Named(id) => {
                let def = &self.types[id.0];
                match (&def.kind, def.hint.last()) {
                    (Some(TypeKind::Const(v)), _) => naming::pascal(v.as_str().unwrap_or(&v.to_string())),
                    (_, Some(NamePart::Word(word))) => naming::pascal(word),
                    (Some(TypeKind::Struct(_)), _) => "Object".into(),
                    (Some(TypeKind::Enum(_)), _) => "Enum".into(),
                    (Some(TypeKind::Newtype(n)), _) => self.type_word(&n.inner),
                    (Some(TypeKind::Union(_)), _) => "Union".into(),
                    (Some(TypeKind::Alias(t)), _) => self.type_word(t),
                    (None, _) => "Value".into(),
                }
            }
            TypeRef::Scalar(s) => match s {
                Scalar::String => "String",
                Scalar::Bool => "Boolean",
                Scalar::I64 => "Integer",
                Scalar::Number => "Number",
                Scalar::DateTime | Scalar::NaiveDateTime => "DateTime",
                Scalar::Timestamp => "Timestamp",
                Scalar::Date => "Date",
                Scalar::Url => "Url",
                Scalar::Json => "Json",
            }
            .into(),
            TypeRef::Vec(item) => format!("{}List", self.type_word(item)),
            TypeRef::Map(_, v) => format!("{}Map", self.type_word(v)),
            TypeRef::Option(t) | TypeRef::Boxed(t) => self.type_word(t),
            TypeRef::Unit => "Null".into(),
        }
    }
}

fn strip_option(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Option(inner) | TypeRef::Boxed(inner) => strip_option(inner),
        other => other,
    }
}

/// The keys that tell variants apart, in key order: each key is taken when it
/// separates (both have facts on it, with disjoint values) a pair of variants that
/// no key taken before separates.
fn separating_keys(facts: &[Facts]) -> Vec<SelectKey> {
    let mut candidates: Vec<&SelectKey> = facts.iter().flat_map(|f| f.keys()).collect();
    candidates.sort();
    candidates.dedup();
    let n = facts.len();
    let mut open: Vec<(usize, usize)> = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect();
    let mut keys = Vec::new();
    for key in candidates {
        let before = open.len();
        open.retain(|&(i, j)| match (facts[i].get(key), facts[j].get(key)) {
            (Some(a), Some(b)) => !a.is_disjoint(b),
            _ => true,
        });
        if open.len() < before {
            keys.push(key.clone());
        }
        if open.is_empty() {
            break;
        }
    }
    keys
}

/// The first key every route has a fact on: variants are named after its values.
fn naming_key(selector: &Selector) -> Option<usize> {
    (0..selector.keys.len()).find(|&k| selector.values_on(k).all(|v| v.is_some()))
}

/// Names a variant after its values: the words they share from the start, or, for a
/// single dotted value, all but its last word (`call.summary.completed` → `CallSummary`).
fn family_name(values: &[String]) -> String {
    let split = |v: &str| -> Vec<String> { v.split(['.', '/', ':']).map(str::to_owned).collect() };
    let mut prefix = values.first().map(|v| split(v)).unwrap_or_default();
    for v in values.iter().skip(1) {
        let words = split(v);
        let common = prefix.iter().zip(&words).take_while(|(a, b)| a == b).count();
        prefix.truncate(common);
    }
    if values.len() == 1 && prefix.len() > 1 {
        prefix.pop();
    }
    if prefix.is_empty() {
        return naming::pascal(&values.join(" "));
    }
    naming::pascal(&prefix.join(" "))
}

/// Sets the order every union tried variant by variant tries its alternatives in:
/// document order, except that on a union that takes the first match (not a sent
/// `oneOf`), alternatives that accept any JSON value (untyped JSON, a tolerant
/// union) go last, so that they cannot hide the others. Run after every pass that
/// changes a union's exclusivity or tolerance.
pub(super) fn order_alternatives(module: &mut Module) {
    let orders: Vec<(usize, Vec<usize>)> = module
        .types
        .iter()
        .enumerate()
        .filter_map(|(i, def)| match &def.kind {
            TypeKind::Union(u) => {
                let mut order: Vec<usize> = (0..u.variants.len()).collect();
                if !u.exclusive {
                    order.sort_by_key(|&v| accepts_anything(module, &u.variants[v].ty));
                }
                Some((i, order))
            }
            _ => None,
        })
        .collect();
    for (i, order) in orders {
        if let TypeKind::Union(u) = &mut module.types[i].kind {
            u.try_order = order;
        }
    }
}

/// Whether every JSON value deserialises as `t`.
fn accepts_anything(module: &Module, t: &TypeRef) -> bool {
    match t {
        TypeRef::Scalar(Scalar::Json) => true,
        TypeRef::Named(id) => matches!(&module.types[id.0].kind, TypeKind::Union(u) if u.unknown.is_some()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn family_names() {
        assert_eq!(family_name(&strings(&["message.received", "message.delivered"])), "Message");
        assert_eq!(family_name(&strings(&["call.completed", "call.ringing", "call.recording.completed"])), "Call");
        assert_eq!(family_name(&strings(&["call.summary.completed"])), "CallSummary");
        assert_eq!(family_name(&strings(&["task.assigned"])), "Task");
        assert_eq!(family_name(&strings(&["fax_sent"])), "FaxSent");
    }

    #[test]
    fn takes_keys_that_separate() {
        let facts = |pairs: &[(SelectKey, &[&str])]| -> Facts {
            pairs.iter().map(|(k, vs)| (k.clone(), vs.iter().map(|s| s.to_string()).collect())).collect()
        };
        let body = |p: &str| SelectKey::Body(p.split('.').map(str::to_owned).collect());
        let header = SelectKey::Header("x-event".into());
        // Same status everywhere: never a key. Events tell the kinds apart.
        let a = facts(&[(body("status"), &["on", "off"]), (body("events"), &["a.x", "a.y"])]);
        let b = facts(&[(body("status"), &["on", "off"]), (body("events"), &["b.x"])]);
        assert_eq!(separating_keys(&[a.clone(), b.clone()]), vec![body("events")]);
        // Overlapping events separate nothing.
        let c = facts(&[(body("status"), &["on"]), (body("events"), &["a.x"])]);
        assert_eq!(separating_keys(&[a, c]), Vec::<SelectKey>::new());
        // A header splits events; an action splits each event, and a nested key
        // that separates nothing more is not taken.
        let route = |event: &str, action: &str| {
            facts(&[(header.clone(), &[event]), (body("action"), &[action]), (body("run.status"), &["queued"])])
        };
        let all = [route("check_run", "created"), route("check_run", "completed"), route("check_suite", "created")];
        assert_eq!(separating_keys(&all), vec![header, body("action")]);
    }
}
