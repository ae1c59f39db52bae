//! The dispatch pass: how each union picks its variant, and what its variants are
//! called.
//!
//! A union of objects is dispatched on a *distinguishing property*: a required
//! property present in every variant whose allowed string values (`const`, `enum`,
//! or the `enum` of its array items) are disjoint between variants. Quo's six webhook
//! kinds differ only by their `events` enums, so `events` decides, never the order of
//! the variants. The variants are then named after their values: the common prefix of
//! a variant's values, in words (`call.summary.completed` → `CallSummary`, the family
//! `message.received` + `message.delivered` → `Message`).
//!
//! Without such a property, an OpenAPI `discriminator` decides if present; otherwise
//! each variant is tried in order, named after its type.

use std::collections::{BTreeMap, BTreeSet};

use super::naming::{self, Scope};
use super::schema::{hint_with, Lowerer};
use crate::ir::{Dispatch, Scalar, TypeId, TypeKind, TypeRef};

/// The string values a property may take, by property path.
type Signature = BTreeMap<Vec<String>, BTreeSet<String>>;

impl Lowerer<'_, '_> {
    /// Decides dispatch and variant names for every union. `fixed` unions keep their
    /// variant names (webhook unions are named after their webhook keys).
    pub fn dispatch_unions(&mut self, fixed: &[TypeId]) {
        for id in self.unions.clone() {
            let TypeKind::Union(union) = &self.types[id.0].kind else { continue };
            let variants = union.variants.clone();
            let signatures: Vec<Signature> = variants.iter().map(|v| self.signature(&v.ty, 0)).collect();
            let dispatch = match distinguishing_path(&signatures) {
                Some(path) => Dispatch::ByValue {
                    values: signatures.iter().map(|s| s[&path].iter().cloned().collect()).collect(),
                    path,
                },
                None => self.discriminator_dispatch(id, &variants).unwrap_or(Dispatch::TryEach),
            };
            let mut names: Vec<String> = match (&dispatch, fixed.contains(&id)) {
                (_, true) => variants.iter().map(|v| v.name.clone()).collect(),
                (Dispatch::ByValue { values, .. }, false) => values.iter().map(|v| family_name(v)).collect(),
                (Dispatch::TryEach, false) => variants.iter().map(|v| self.type_word(&v.ty)).collect(),
            };
            let mut scope = Scope::with_reserved(&["Unknown"]);
            for name in &mut names {
                *name = scope.claim(std::mem::take(name));
            }
            // Inline variants were hinted `Variant{i}` until their names were known;
            // rename them and every type hinted inside them.
            let parent_hint = self.types[id.0].hint.clone();
            for (i, name) in names.iter().enumerate() {
                let old = hint_with(&parent_hint, &format!("Variant{i}"));
                let new = hint_with(&parent_hint, name);
                for def in &mut self.types {
                    if def.hint.starts_with(&old) {
                        def.hint.splice(..old.len(), new.iter().cloned());
                    }
                }
            }
            if let TypeKind::Union(union) = &mut self.types[id.0].kind {
                for (variant, name) in union.variants.iter_mut().zip(names) {
                    variant.name = name;
                }
                union.dispatch = dispatch;
            }
        }
    }

    fn discriminator_dispatch(&self, id: TypeId, variants: &[crate::ir::UnionVariant]) -> Option<Dispatch> {
        let (property, mapping) = self.discriminators.get(&id)?;
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
                own.push(self.types[target.0].hint.first().cloned().unwrap_or_default());
            }
            values.push(own);
        }
        Some(Dispatch::ByValue { path: vec![property.clone()], values })
    }

    /// The string values each required property path may take, looking one level
    /// into required object properties.
    fn signature(&self, ty: &TypeRef, depth: usize) -> Signature {
        let mut out = Signature::new();
        let Some(TypeKind::Struct(s)) = self.resolve_kind(ty) else { return out };
        for field in s.fields.iter().filter(|f| f.required) {
            if let Some(values) = self.values_of(&field.ty) {
                out.insert(vec![field.json_name.clone()], values);
            } else if depth == 0 {
                for (path, values) in self.signature(&field.ty, depth + 1) {
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
            match &self.types[id.0].kind {
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
                match &def.kind {
                    TypeKind::Const(v) => naming::pascal(v.as_str().unwrap_or(&v.to_string())),
                    _ if !def.hint.last().is_some_and(|w| w.starts_with("Variant")) => {
                        def.hint.last().map(|w| naming::pascal(w)).unwrap_or_else(|| "Value".into())
                    }
                    TypeKind::Struct(_) => "Object".into(),
                    TypeKind::Enum(_) => "Enum".into(),
                    TypeKind::Newtype(n) => self.type_word(&n.inner),
                    TypeKind::Union(_) => "Union".into(),
                    TypeKind::Alias(t) => self.type_word(t),
                    TypeKind::Pending => "Value".into(),
                }
            }
            TypeRef::Scalar(s) => match s {
                Scalar::String => "String",
                Scalar::Bool => "Boolean",
                Scalar::I32 | Scalar::I64 => "Integer",
                Scalar::F64 => "Number",
                Scalar::DateTime | Scalar::NaiveDateTime => "DateTime",
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

/// The first property path, shortest first, present in every signature with value
/// sets that are pairwise disjoint.
fn distinguishing_path(signatures: &[Signature]) -> Option<Vec<String>> {
    let first = signatures.first()?;
    let mut candidates: Vec<&Vec<String>> = first.keys().collect();
    candidates.sort_by_key(|p| p.len());
    candidates
        .into_iter()
        .find(|path| {
            let sets: Option<Vec<&BTreeSet<String>>> = signatures.iter().map(|s| s.get(*path)).collect();
            let Some(sets) = sets else { return false };
            sets.iter().enumerate().all(|(i, a)| sets[i + 1..].iter().all(|b| a.is_disjoint(b)))
        })
        .cloned()
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
    fn picks_the_disjoint_path() {
        let sig = |pairs: &[(&str, &[&str])]| -> Signature {
            pairs.iter().map(|(k, vs)| (vec![k.to_string()], vs.iter().map(|s| s.to_string()).collect())).collect()
        };
        let a = sig(&[("status", &["on", "off"]), ("events", &["a.x", "a.y"])]);
        let b = sig(&[("status", &["on", "off"]), ("events", &["b.x"])]);
        assert_eq!(distinguishing_path(&[a.clone(), b]), Some(vec!["events".to_string()]));
        let c = sig(&[("status", &["on"]), ("events", &["a.x"])]);
        assert_eq!(distinguishing_path(&[a, c]), None);
    }
}
