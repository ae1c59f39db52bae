//! Lowering schemas to IR types: the [`Lowerer`]'s methods that read schemas
//! (its state is in `lower/mod.rs`).
//!
//! | schema | Rust |
//! | --- | --- |
//! | `$ref` to a component | the component's type (a struct, enum... or an alias) |
//! | `type: [T, 'null']`, `nullable: true`, `anyOf: [T, {type: 'null'}]` | `Option<T>` |
//! | `const` | a unit type that accepts exactly that value |
//! | string `enum` | an enum (tolerant of unknown values where the server sends it) |
//! | object with `properties` | a struct |
//! | object with only `additionalProperties` | `BTreeMap<String, V>` |
//! | `allOf` | the members merged into one schema |
//! | `anyOf`/`oneOf` | a union enum (see [`super::union`]) |
//! | `pattern`, lengths, item/property counts, bounds | a checked newtype |
//! | `format: date-time`, `date`, `uri`, `naive-date-time` | chrono / url types |

use std::collections::HashSet;

use serde_json::Value;

use super::example_check;
use super::formats;
use super::naming::{self, Scope};
use super::prose::prose;
use super::rules::{self, Strings};
use super::{hint_of, hint_with, Discriminator, Hint, Lowerer, NamePart, MAX_DEPTH};
use crate::diagnostic::WarningKind;
use crate::ir::{
    Additional as IrAdditional, Check, Checks, Enum, EnumVariant, Example, Expect, Field, Newtype, Others, Scalar,
    Struct, TypeId, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::resolve::documents::Loc;
use crate::resolve::schema::{Additional, Schema, Type};

impl<'a> Lowerer<'a, '_> {
    /// Lowers a schema position of the skeleton (a parameter, body or response schema).
    pub fn lower_position(&mut self, loc: &Loc, hint: &Hint) -> TypeRef {
        if let Some(t) = self.by_loc.get(loc) {
            return t.clone();
        }
        let Some(schema) = self.spec.schemas.get(loc) else { return TypeRef::Scalar(Scalar::Json) };
        let t = self.lower(schema, hint, None);
        self.by_loc.insert(loc.clone(), t.clone());
        t
    }

    /// Lowers the schema of an operation parameter. A parameter whose inline schema
    /// is identical to one met before shares its type, under an alias named after
    /// this operation (`GetCustomersStartingAfter`): the caller builds the value for
    /// this operation's setter, and finds it by this operation's name.
    pub fn lower_parameter(&mut self, loc: &Loc, hint: &Hint) -> TypeRef {
        let t = self.lower_position(loc, hint);
        let Some(schema) = self.spec.schemas.get(loc) else { return t };
        let named = match &t {
            TypeRef::Named(id) => Some(*id),
            TypeRef::Option(inner) => match **inner {
                TypeRef::Named(id) => Some(id),
                _ => None,
            },
            _ => None,
        };
        let shared = named.is_some_and(|id| {
            let origin = &self.types[id.0].origin;
            let own = origin.pointer == loc.pointer && origin.file == self.spec.docs.name(loc.doc);
            !own && !super::naming::is_component(&origin.pointer)
        });
        match shared && schema.reference.is_none() {
            true => {
                let alias = self.alias_in_context(t, hint, schema);
                self.by_loc.insert(loc.clone(), alias.clone());
                alias
            }
            false => t,
        }
    }

    /// `shared` (a type lowered from an identical schema elsewhere) under an alias
    /// named from `hint`.
    fn alias_in_context(&mut self, shared: TypeRef, hint: &Hint, schema: &Schema<'a>) -> TypeRef {
        match shared {
            TypeRef::Named(id) => self.fill(None, hint, schema, TypeKind::Alias(TypeRef::Named(id))),
            TypeRef::Option(inner) => self.alias_in_context(*inner, hint, schema).nullable(true),
            other => other,
        }
    }

    /// The type a location was lowered to, if it was.
    pub fn lower_cached(&self, loc: &Loc) -> Option<TypeRef> {
        self.by_loc.get(loc).cloned()
    }

    /// Lowers the target of a `$ref`: a named type when the target has a home name.
    pub fn lower_target(&mut self, loc: &Loc) -> TypeRef {
        if let Some(t) = self.by_loc.get(loc) {
            return t.clone();
        }
        let Some(schema) = self.spec.schemas.get(loc) else { return TypeRef::Scalar(Scalar::Json) };
        let hint = hint_of(self.home_name(loc));
        let slot = self.reserve(hint.clone(), schema);
        self.by_loc.insert(loc.clone(), TypeRef::Named(slot));
        let t = self.lower(schema, &hint, Some(slot));
        let result = match (self.kind(slot), &t) {
            (None, TypeRef::Named(other)) if *other == slot => {
                self.warn(
                    loc,
                    WarningKind::MalformedSchema,
                    "this schema is defined only by a `$ref` cycle back to itself; it becomes `runtime::Json` (any JSON)"
                        .into(),
                );
                self.types[slot.0].kind = Some(TypeKind::Alias(TypeRef::Scalar(Scalar::Json)));
                TypeRef::Named(slot)
            }
            (None, _) => {
                self.types[slot.0].kind = Some(TypeKind::Alias(t));
                TypeRef::Named(slot)
            }
            _ => t,
        };
        self.by_loc.insert(loc.clone(), result.clone());
        result
    }

    /// The name a `$ref` target is known by: its component name, its file name, or
    /// the meaningful words of its pointer.
    fn home_name(&self, loc: &Loc) -> String {
        let tokens = crate::pointer::tokens(&loc.pointer);
        let structural = [
            "components",
            "schemas",
            "properties",
            "items",
            "allOf",
            "anyOf",
            "oneOf",
            "$defs",
            "definitions",
            "additionalProperties",
            "content",
            "schema",
            "application/json",
        ];
        let words: Vec<&str> = tokens
            .iter()
            .map(String::as_str)
            .filter(|t| !structural.contains(t) && !t.chars().all(|c| c.is_ascii_digit()))
            .collect();
        if !words.is_empty() {
            return words.iter().map(|w| naming::pascal(w).trim_start_matches('_').to_owned()).collect();
        }
        let path = self.spec.docs.path(loc.doc);
        path.file_stem().map(|s| naming::pascal(&s.to_string_lossy())).unwrap_or_else(|| "Schema".into())
    }

    /// Records an example of type `t` written at `at`, checked against `schema`'s
    /// own constraints when there is one.
    pub(super) fn example(&mut self, t: &TypeRef, schema: Option<&Schema<'a>>, at: &Loc, value: &Value) {
        let origin = self.origin(at);
        let expect = match schema.and_then(|s| example_check::violation(s, value)) {
            None => Expect::RoundTrip,
            Some(reason) => {
                self.warn(
                    at,
                    WarningKind::InvalidExample,
                    format!("this example breaks `{reason}` of its own schema; it becomes a rejection test"),
                );
                Expect::Rejected(reason)
            }
        };
        let test = String::new();
        self.examples.push(Example { ty: t.clone(), value: value.clone(), origin, test, expect, delivery: None });
    }

    /// Lowers one schema node. `slot` is the type id reserved for a named target.
    pub fn lower(&mut self, schema: &Schema<'a>, hint: &Hint, slot: Option<TypeId>) -> TypeRef {
        if self.depth == MAX_DEPTH {
            self.error(
                &schema.loc,
                format!("schemas nest more than {MAX_DEPTH} levels deep here (through `$ref`s, properties or items)"),
                "shorten the chain of schemas",
            );
            return TypeRef::Scalar(Scalar::Json);
        }
        self.depth += 1;
        let t = self.lower_inner(schema, hint, slot);
        self.depth -= 1;
        for (pointer, value) in &schema.examples {
            let at = Loc::new(schema.loc.doc, pointer.clone());
            self.example(&t, Some(schema), &at, value);
        }
        t
    }

    fn lower_inner(&mut self, schema: &Schema<'a>, hint: &Hint, slot: Option<TypeId>) -> TypeRef {
        if schema.is_plain_ref() {
            let target = schema.reference.clone().unwrap_or_else(|| schema.loc.clone());
            return self.lower_target(&target).nullable(schema.nullable);
        }
        if let Some(target) = schema.sole_all_of_ref() {
            // `allOf: [$ref]` beside annotations only: a documented reference.
            return self.lower_target(&target.clone()).nullable(schema.nullable || schema.all_of[0].nullable);
        }
        if schema.reference.is_some() || !schema.all_of.is_empty() {
            if self.merging.contains(&schema.loc) {
                let message =
                    "this `allOf` contains itself through its members; it is typed as `runtime::Json` (any JSON)";
                self.warn(&schema.loc, WarningKind::Untyped, message.into());
                return TypeRef::Scalar(Scalar::Json);
            }
            self.merging.push(schema.loc.clone());
            let merged = self.merge_all_of(schema);
            let t = self.lower(&merged, hint, slot);
            self.merging.pop();
            return t;
        }
        if schema.is_null_only() {
            return TypeRef::Unit;
        }
        // Inline schemas that would define a type: an identical one met before is
        // the same type, with one name (the first context's), and no alias.
        let fingerprint = (slot.is_none() && !schema.merged && defines_type(schema))
            .then(|| format!("{}|{}", schema.loc.doc.0, schema.raw));
        if let Some(t) = fingerprint.as_ref().and_then(|f| self.by_fingerprint.get(f)).cloned() {
            return t;
        }
        let t = self.lower_shape(schema, hint, slot);
        if let Some(f) = fingerprint {
            self.by_fingerprint.insert(f, t.clone());
        }
        t
    }

    fn lower_shape(&mut self, schema: &Schema<'a>, hint: &Hint, slot: Option<TypeId>) -> TypeRef {
        if schema.never {
            let checks = Checks::of(vec![Check::Never]);
            let kind = TypeKind::Newtype(Newtype { inner: TypeRef::Scalar(Scalar::Json), checks });
            return self.fill(slot, hint, schema, kind);
        }
        if !schema.any_of.is_empty() || !schema.one_of.is_empty() {
            return self.lower_union(schema, hint, slot);
        }
        if let Some(value) = schema.const_value {
            let t = self.fill(slot, hint, schema, TypeKind::Const(value.clone()));
            return t.nullable(schema.nullable);
        }
        if let Some(values) = &schema.enum_values {
            if values.is_empty() {
                // `enum: [null]` (its null made the schema nullable) allows null alone;
                // `enum: []` allows nothing.
                let kind = if schema.nullable {
                    TypeKind::Const(Value::Null)
                } else {
                    TypeKind::Newtype(Newtype {
                        inner: TypeRef::Scalar(Scalar::Json),
                        checks: Checks::of(vec![Check::Never]),
                    })
                };
                return self.fill(slot, hint, schema, kind);
            }
            let mut seen = HashSet::new();
            // Real specs repeat values (`[preview, …, preview]`): one variant each.
            let strings = values.iter().map(|v| v.as_str()).filter(|v| seen.insert(*v)).collect::<Option<Vec<_>>>();
            let string_typed = schema.types.iter().all(|t| *t == Type::String);
            if let (Some(strings), true) = (strings, string_typed) {
                let mut scope = Scope::with_reserved(&[crate::ir::UNKNOWN]);
                let variants = strings
                    .iter()
                    .map(|v| EnumVariant { name: scope.claim(naming::pascal(v)), value: (*v).to_owned() })
                    .collect();
                let kind = TypeKind::Enum(Enum { variants, unknown: None });
                return self.fill(slot, hint, schema, kind).nullable(schema.nullable);
            }
            let inner = rules::enum_base(&schema.types, values);
            let checks = Checks::of(vec![Check::Enum(values.iter().map(|v| (*v).clone()).collect())]);
            return self
                .fill(slot, hint, schema, TypeKind::Newtype(Newtype { inner, checks }))
                .nullable(schema.nullable);
        }
        let types = effective_types(schema);
        let t = match types.as_slice() {
            [] => TypeRef::Scalar(Scalar::Json),
            [single] => self.lower_typed(*single, schema, hint, slot),
            several => return self.lower_type_union(several, schema, hint, slot),
        };
        t.nullable(schema.nullable)
    }

    fn lower_typed(&mut self, ty: Type, schema: &Schema<'a>, hint: &Hint, slot: Option<TypeId>) -> TypeRef {
        if ty == Type::Object && is_struct(schema) {
            return self.lower_struct(schema, hint, slot);
        }
        let (inner, checks) = self.shape(ty, schema, hint);
        if checks.is_empty() {
            return inner;
        }
        self.fill(slot, hint, schema, TypeKind::Newtype(Newtype { inner, checks }))
    }

    /// The base Rust type of a single-type schema (not a struct) and what its values
    /// must be checked for, without defining a type.
    fn shape(&mut self, ty: Type, schema: &Schema<'a>, hint: &Hint) -> (TypeRef, Checks) {
        let base = match ty {
            Type::Boolean => TypeRef::Scalar(Scalar::Bool),
            Type::String => self.string_scalar(schema),
            // `int32` and `int64` annotate: an `i64` holds both without refusing
            // a wider value.
            Type::Integer => TypeRef::Scalar(Scalar::I64),
            Type::Number => TypeRef::Scalar(Scalar::Number),
            Type::Array => {
                let (item, items) = match &schema.items {
                    Some(items) => self.element(items, &hint_with(hint, "Item")),
                    None => (TypeRef::Scalar(Scalar::Json), Checks::default()),
                };
                let rules = rules::rules(ty, &schema.constraints, Strings::Plain);
                return (TypeRef::Vec(Box::new(item)), Checks { rules, items: items.non_empty(), ..Checks::default() });
            }
            Type::Object => {
                let (mut key, keys) = match &schema.property_names {
                    Some(names) => self.element(names, &hint_with(hint, "Key")),
                    None => (TypeRef::Scalar(Scalar::String), Checks::default()),
                };
                if !self.is_key_type(&key) {
                    key = TypeRef::Scalar(Scalar::String);
                }
                let mut rules = rules::rules(ty, &schema.constraints, Strings::Plain);
                let (value, values) = match &schema.additional {
                    // Beside `patternProperties`, values stay JSON, read per key.
                    _ if !schema.pattern_properties.is_empty() => {
                        rules.push(self.pattern_properties(schema, hint));
                        (TypeRef::Scalar(Scalar::Json), Checks::default())
                    }
                    Some(Additional::Schema(s)) => self.element(s, &hint_with(hint, "Value")),
                    Some(Additional::Allowed(false)) => (TypeRef::Scalar(Scalar::Json), Checks::of(vec![Check::Never])),
                    _ => (TypeRef::Scalar(Scalar::Json), Checks::default()),
                };
                let map = TypeRef::Map(Box::new(key), Box::new(value));
                let checks = Checks { rules, keys: keys.non_empty(), values: values.non_empty(), ..Checks::default() };
                return (map, checks);
            }
        };
        let strings = match ty == Type::String && base != TypeRef::Scalar(Scalar::String) {
            true => Strings::Parsed,
            false => Strings::Plain,
        };
        (base, Checks::of(rules::rules(ty, &schema.constraints, strings)))
    }

    /// The `patternProperties` check of a map: each pattern's schema lowered to a
    /// type, and what `additionalProperties` asks of the other values.
    fn pattern_properties(&mut self, schema: &Schema<'a>, hint: &Hint) -> Check {
        let patterns = schema
            .pattern_properties
            .iter()
            .enumerate()
            .map(|(i, (pattern, s))| {
                let t = self.lower(s, &hint_with(hint, &format!("Pattern{}", i + 1)), None);
                (pattern.clone(), t)
            })
            .collect();
        let others = match &schema.additional {
            None | Some(Additional::Allowed(true)) => Others::Any,
            Some(Additional::Allowed(false)) => Others::Never,
            Some(Additional::Schema(s)) => Others::Typed(self.lower(s, &hint_with(hint, "Value"), None)),
        };
        Check::PatternProperties { patterns, others }
    }

    /// The type of an array item, map key or map value. An inline element schema
    /// that needs no type of its own (a constrained string, number, array or map)
    /// is folded into its container: its checks run from the container's, with the
    /// item or key in the error message.
    fn element(&mut self, schema: &Schema<'a>, hint: &Hint) -> (TypeRef, Checks) {
        if schema.never {
            return (TypeRef::Scalar(Scalar::Json), Checks::of(vec![Check::Never]));
        }
        let foldable = schema.reference.is_none()
            && schema.all_of.is_empty()
            && schema.any_of.is_empty()
            && schema.one_of.is_empty()
            && schema.const_value.is_none()
            && schema.enum_values.is_none()
            && !schema.nullable
            && !is_struct(schema);
        match effective_types(schema).as_slice() {
            [single] if foldable => {
                let (t, checks) = self.shape(*single, schema, hint);
                for (pointer, value) in &schema.examples {
                    let at = Loc::new(schema.loc.doc, pointer.clone());
                    match example_check::violation(schema, value) {
                        None => self.example(&t, None, &at, value),
                        // A folded element has no type of its own to reject it with.
                        Some(reason) => self.warn(
                            &at,
                            WarningKind::InvalidExample,
                            format!("this example breaks `{reason}` of its own schema; it is not tested"),
                        ),
                    }
                }
                (t, checks)
            }
            _ => (self.lower(schema, hint, None), Checks::default()),
        }
    }

    /// Whether `t` can key a map: a string, or a type defined as one.
    fn is_key_type(&self, t: &TypeRef) -> bool {
        match t {
            TypeRef::Scalar(Scalar::String) => true,
            TypeRef::Named(id) => match self.kind(*id) {
                Some(TypeKind::Enum(_) | TypeKind::Const(Value::String(_))) => true,
                Some(TypeKind::Newtype(n)) => n.inner == TypeRef::Scalar(Scalar::String),
                Some(TypeKind::Alias(t)) => self.is_key_type(t),
                _ => false,
            },
            _ => false,
        }
    }

    fn string_scalar(&mut self, schema: &Schema<'a>) -> TypeRef {
        let scalar = match schema.format.map(|f| (f, formats::parsed(f))) {
            None => Scalar::String,
            Some((_, Some(parsed))) => parsed,
            Some((known, None)) if formats::KEPT_AS_STRING.contains(&known) => Scalar::String,
            Some((other, None)) => {
                self.warn(
                    &schema.loc.child("format"),
                    WarningKind::UnknownFormat,
                    format!("unknown format `{other}`; the value stays a string"),
                );
                Scalar::String
            }
        };
        TypeRef::Scalar(scalar)
    }

    fn lower_struct(&mut self, schema: &Schema<'a>, hint: &Hint, slot: Option<TypeId>) -> TypeRef {
        let id = match slot {
            Some(id) => id,
            None => self.reserve(hint.clone(), schema),
        };
        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for (name, property) in &schema.properties {
            let ty = self.lower(property, &hint_with(hint, name), None);
            let ident = scope.claim(naming::snake(name));
            fields.push(Field {
                name: ident,
                json_name: (*name).to_owned(),
                ty,
                required: schema.required.contains(name),
                doc: doc_lines(property),
            });
        }
        // A required property the schema does not describe may hold any value.
        for missing in schema.required.iter().filter(|r| !schema.properties.iter().any(|(n, _)| n == *r)) {
            fields.push(Field {
                name: scope.claim(naming::snake(missing)),
                json_name: (*missing).to_owned(),
                ty: TypeRef::Scalar(Scalar::Json),
                required: true,
                doc: vec!["Required by the schema, which does not describe it: any value.".to_owned()],
            });
        }
        let c = &schema.constraints;
        if c.min_properties.is_some() || c.max_properties.is_some() {
            self.warn(
                &schema.loc,
                WarningKind::UnsupportedKeyword,
                "`minProperties`/`maxProperties` beside `properties` are not checked".into(),
            );
        }
        if !c.dependent_required.is_empty() {
            self.warn(
                &schema.loc,
                WarningKind::UnsupportedKeyword,
                "`dependentRequired` beside `properties` is not checked (it is on a map)".into(),
            );
        }
        if !schema.pattern_properties.is_empty() {
            self.warn(
                &schema.loc,
                WarningKind::UnsupportedKeyword,
                "`patternProperties` beside `properties` is not checked (it is on a map)".into(),
            );
        }
        let additional = match &schema.additional {
            None | Some(Additional::Allowed(true)) => IrAdditional::Kept,
            Some(Additional::Allowed(false)) => IrAdditional::Rejected,
            Some(Additional::Schema(s)) => {
                let t = self.lower(s, &hint_with(hint, "Additional"), None);
                if t == TypeRef::Scalar(Scalar::Json) {
                    IrAdditional::Kept
                } else {
                    IrAdditional::Typed(t)
                }
            }
        };
        let additional_field = scope.claim("additional_properties".to_owned());
        self.types[id.0].kind = Some(TypeKind::Struct(Struct { fields, additional, additional_field }));
        TypeRef::Named(id)
    }

    fn lower_union(&mut self, schema: &Schema<'a>, hint: &Hint, slot: Option<TypeId>) -> TypeRef {
        let members = if schema.any_of.is_empty() { &schema.one_of } else { &schema.any_of };
        if !schema.any_of.is_empty() && !schema.one_of.is_empty() {
            self.warn(
                &schema.loc.child("oneOf"),
                WarningKind::UnsupportedKeyword,
                "`oneOf` beside `anyOf` is ignored; the `anyOf` alternatives are used".into(),
            );
        }
        let nullable = schema.nullable || members.iter().any(Schema::is_null_only);
        let alternatives: Vec<&Schema<'a>> = members.iter().filter(|m| !m.is_null_only()).collect();
        if let [only] = alternatives.as_slice() {
            return self.lower(only, hint, slot).nullable(nullable);
        }
        if alternatives.is_empty() {
            return TypeRef::Unit;
        }
        if is_timestamp(&alternatives) {
            return TypeRef::Scalar(Scalar::Timestamp).nullable(nullable);
        }
        let id = match slot {
            Some(id) => id,
            None => self.reserve(hint.clone(), schema),
        };
        let mut variants = Vec::new();
        for (i, member) in alternatives.iter().enumerate() {
            let inline = !member.is_plain_ref();
            let mut member_hint = hint.clone();
            member_hint.push(NamePart::Variant { union: id, index: i });
            let ty = self.lower(member, &member_hint, None);
            // Named by the dispatch pass.
            variants.push(UnionVariant { name: String::new(), ty, inline });
        }
        if let Some(d) = &schema.discriminator {
            let mut mapping = Vec::new();
            for (value, reference) in &d.mapping {
                // A mapping value is a reference or, without `#` or `/`, a schema name.
                let reference = match reference.contains(['#', '/']) {
                    true => (*reference).to_owned(),
                    false => format!("#/components/schemas/{reference}"),
                };
                match self.spec.docs.resolve(schema.loc.doc, &reference) {
                    Ok(target) => mapping.push(((*value).to_owned(), target)),
                    Err(message) => self.warn(
                        &schema.loc.child("discriminator").child("mapping").child(value),
                        WarningKind::UnsupportedKeyword,
                        format!("{message}; the value `{value}` is left to trying each variant"),
                    ),
                }
            }
            self.discriminators.insert(id, Discriminator { property: d.property.to_owned(), mapping });
        }
        let exclusive = schema.any_of.is_empty();
        self.types[id.0].kind = Some(TypeKind::Union(Union {
            variants,
            dispatch: crate::ir::Dispatch::TryEach,
            exclusive,
            unknown: None,
            try_order: Vec::new(),
        }));
        self.unions.push(id);
        TypeRef::Named(id).nullable(nullable)
    }

    /// `type: [string, integer]`: a union of the listed types.
    fn lower_type_union(&mut self, types: &[Type], schema: &Schema<'a>, hint: &Hint, slot: Option<TypeId>) -> TypeRef {
        let id = match slot {
            Some(id) => id,
            None => self.reserve(hint.clone(), schema),
        };
        let mut variants = Vec::new();
        for t in types {
            let word = match t {
                Type::Boolean => "Boolean",
                Type::Object => "Object",
                Type::Array => "Array",
                Type::Number => "Number",
                Type::String => "String",
                Type::Integer => "Integer",
            };
            let mut single = schema.clone();
            single.types = vec![*t];
            single.nullable = false;
            let ty = self.lower_typed(*t, &single, &hint_with(hint, word), None);
            variants.push(UnionVariant { name: word.to_owned(), ty, inline: true });
        }
        // Integer before number, so that whole numbers keep their integer form.
        variants.sort_by_key(|v| v.name != "Integer");
        self.types[id.0].kind = Some(TypeKind::Union(Union {
            variants,
            dispatch: crate::ir::Dispatch::TryEach,
            exclusive: false,
            unknown: None,
            try_order: Vec::new(),
        }));
        TypeRef::Named(id).nullable(schema.nullable)
    }
}

/// The declared types, or those implied by the keywords when `type` is absent: a
/// schema whose keywords all concern one JSON type is taken to be of that type
/// (see docs/reference.md, "Typing rules").
pub(super) fn effective_types(schema: &Schema<'_>) -> Vec<Type> {
    if !schema.types.is_empty() {
        return schema.types.clone();
    }
    let c = &schema.constraints;
    if !schema.properties.is_empty()
        || !schema.required.is_empty()
        || schema.additional.is_some()
        || schema.property_names.is_some()
        || c.min_properties.is_some()
        || c.max_properties.is_some()
        || !c.dependent_required.is_empty()
        || !schema.pattern_properties.is_empty()
    {
        vec![Type::Object]
    } else if schema.items.is_some() || c.min_items.is_some() || c.max_items.is_some() || c.unique_items {
        vec![Type::Array]
    } else if c.pattern.is_some()
        || c.min_length.is_some()
        || c.max_length.is_some()
        || schema.format.is_some_and(|f| f == "date-time" || f == "uri" || f == "date")
    {
        vec![Type::String]
    } else if c.minimum.is_some()
        || c.maximum.is_some()
        || c.exclusive_minimum.is_some()
        || c.exclusive_maximum.is_some()
        || c.multiple_of.is_some()
    {
        vec![Type::Number]
    } else {
        Vec::new()
    }
}

/// Whether an object schema becomes a struct (it names properties) rather than a map.
fn is_struct(schema: &Schema<'_>) -> bool {
    !schema.properties.is_empty() || !schema.required.is_empty()
}

/// Whether lowering this inline schema would define a named type.
fn defines_type(schema: &Schema<'_>) -> bool {
    !schema.properties.is_empty()
        || schema.enum_values.is_some()
        || schema.const_value.is_some()
        || !schema.any_of.is_empty()
        || !schema.one_of.is_empty()
        || !schema.constraints.is_empty()
        || schema.types.len() > 1
        || schema.never
}

/// Doc comment lines from a schema's title, description and annotations.
pub fn doc_lines(schema: &Schema<'_>) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(title) = schema.title {
        lines.extend(prose(title));
    }
    if let Some(description) = schema.description {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(prose(description));
    }
    let mut notes = Vec::new();
    if schema.deprecated {
        notes.push("Deprecated.".to_owned());
    }
    if schema.read_only {
        notes.push("Read-only: sent by the server only.".to_owned());
    }
    if schema.write_only {
        notes.push("Write-only: sent by the client only.".to_owned());
    }
    if let Some(default) = schema.default {
        notes.push(format!("Default: `{}`.", compact(default)));
    }
    if !notes.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(notes.join(" "));
    }
    lines
}

fn compact(value: &Value) -> String {
    value.to_string().replace('`', "'")
}

/// Whether the alternatives are one instant in two encodings: RFC 3339 text and
/// seconds since the Unix epoch (GitHub sends both for one property).
fn is_timestamp(alternatives: &[&Schema<'_>]) -> bool {
    let text = |s: &Schema<'_>| s.types == [Type::String] && s.format == Some("date-time") && s.has_only_type();
    let seconds = |s: &Schema<'_>| s.types == [Type::Integer] && s.format.is_none() && s.has_only_type();
    matches!(alternatives, [a, b] if (text(a) && seconds(b)) || (seconds(a) && text(b)))
}
