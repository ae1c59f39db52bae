//! Our schema model: JSON Schema 2020-12 as OpenAPI 3.1 uses it, with the OpenAPI 3.0
//! forms normalised on the way in (see [`super::normalize`]).
//!
//! `openapiv3`'s `Schema` loses 3.1 keywords (`const`, `examples`, `propertyNames`,
//! type arrays), so every schema is read here instead. Every keyword is either read
//! into a field, or reported: unknown keywords and known-but-unsupported ones each get
//! a warning naming their pointer. Nothing is dropped in silence.

use serde_json::{Number, Value};

use super::bounds;
use super::documents::{Documents, Loc};
use super::normalize::{self, Dialect};
use crate::diagnostic::{Diagnostic, Sink, WarningKind};
use crate::pattern::{self, Translated, Unchecked};

/// A JSON Schema primitive type other than `null` (which is [`Schema::nullable`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    /// `boolean`
    Boolean,
    /// `object`
    Object,
    /// `array`
    Array,
    /// `number`
    Number,
    /// `string`
    String,
    /// `integer`
    Integer,
}

/// What `additionalProperties` says.
#[derive(Debug, Clone)]
pub enum Additional<'a> {
    /// `true`/`false`.
    Allowed(bool),
    /// A schema for the values of other properties.
    Schema(Box<Schema<'a>>),
}

/// The `discriminator` object of OpenAPI.
#[derive(Debug, Clone)]
pub struct Discriminator<'a> {
    /// The property whose value names the variant.
    pub property: &'a str,
    /// Values mapped to `$ref`s of variants.
    pub mapping: Vec<(&'a str, &'a str)>,
}

/// The validation keywords that constrain a value without changing its shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `pattern` (ECMA-262), translated for the generated checks.
    pub pattern: Option<Translated>,
    /// `minLength`, in code points.
    pub min_length: Option<u64>,
    /// `maxLength`, in code points.
    pub max_length: Option<u64>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
    /// `dependentRequired`: when the first property is present, each of the others
    /// must be too. In document order.
    pub dependent_required: Vec<(String, Vec<String>)>,
    /// `minimum` (inclusive).
    pub minimum: Option<Number>,
    /// `maximum` (inclusive).
    pub maximum: Option<Number>,
    /// `exclusiveMinimum`, normalised to its 3.1 numeric form.
    pub exclusive_minimum: Option<Number>,
    /// `exclusiveMaximum`, normalised to its 3.1 numeric form.
    pub exclusive_maximum: Option<Number>,
    /// `multipleOf`.
    pub multiple_of: Option<Number>,
}

impl Constraints {
    /// Whether no constraint is set.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// One schema node, with its subschemas inline and `$ref`s resolved to locations.
#[derive(Debug, Clone)]
pub struct Schema<'a> {
    /// Where this node is.
    pub loc: Loc,
    /// The node as written, for fingerprinting and diagnostics.
    pub raw: &'a Value,
    /// The target of `$ref`, if the node has one.
    pub reference: Option<Loc>,
    /// The allowed types, `null` excluded; empty means any.
    pub types: Vec<Type>,
    /// Whether `null` is allowed (3.1 `type: [.., 'null']`, 3.0 `nullable: true`).
    pub nullable: bool,
    /// `title`.
    pub title: Option<&'a str>,
    /// `description`.
    pub description: Option<&'a str>,
    /// `default`.
    pub default: Option<&'a Value>,
    /// `deprecated`.
    pub deprecated: bool,
    /// `readOnly`.
    pub read_only: bool,
    /// `writeOnly`.
    pub write_only: bool,
    /// `examples` and 3.0 `example`, each with its pointer.
    pub examples: Vec<(String, &'a Value)>,
    /// `format`.
    pub format: Option<&'a str>,
    /// `enum`, with `null` removed (it sets [`Schema::nullable`]).
    pub enum_values: Option<Vec<&'a Value>>,
    /// `const`.
    pub const_value: Option<&'a Value>,
    /// `properties`, in document order.
    pub properties: Vec<(&'a str, Schema<'a>)>,
    /// `required`.
    pub required: Vec<&'a str>,
    /// `additionalProperties`.
    pub additional: Option<Additional<'a>>,
    /// `propertyNames`.
    pub property_names: Option<Box<Schema<'a>>>,
    /// `patternProperties`: the schema of the properties whose names match each
    /// pattern (ECMA-262, translated); patterns that cannot be checked are left out
    /// with a warning.
    pub pattern_properties: Vec<(pattern::Translated, Schema<'a>)>,
    /// `items`.
    pub items: Option<Box<Schema<'a>>>,
    /// `allOf`.
    pub all_of: Vec<Schema<'a>>,
    /// `anyOf`.
    pub any_of: Vec<Schema<'a>>,
    /// `oneOf`.
    pub one_of: Vec<Schema<'a>>,
    /// `discriminator`.
    pub discriminator: Option<Discriminator<'a>>,
    /// Validation keywords.
    pub constraints: Constraints,
    /// Whether lowering built this node by merging `allOf` members into it, so that
    /// [`Schema::raw`] shows only part of what it means.
    pub merged: bool,
    /// The boolean schema `false`: no value is valid.
    pub never: bool,
}

impl<'a> Schema<'a> {
    /// A node with no keywords (the schema `true`).
    pub(crate) fn empty(loc: Loc, raw: &'a Value) -> Self {
        Schema {
            loc,
            raw,
            reference: None,
            types: Vec::new(),
            nullable: false,
            title: None,
            description: None,
            default: None,
            deprecated: false,
            read_only: false,
            write_only: false,
            examples: Vec::new(),
            format: None,
            enum_values: None,
            const_value: None,
            properties: Vec::new(),
            required: Vec::new(),
            additional: None,
            property_names: None,
            pattern_properties: Vec::new(),
            items: None,
            all_of: Vec::new(),
            any_of: Vec::new(),
            one_of: Vec::new(),
            discriminator: None,
            constraints: Constraints::default(),
            merged: false,
            never: false,
        }
    }

    /// Whether the node is only a `$ref`, perhaps with annotations beside it.
    pub fn is_plain_ref(&self) -> bool {
        self.reference.is_some() && self.all_of.is_empty() && self.has_no_shape()
    }

    /// Whether only `type` (and `format` and annotations) shapes the node.
    pub fn has_only_type(&self) -> bool {
        let typed = Schema { types: Vec::new(), ..self.clone() };
        self.reference.is_none() && self.all_of.is_empty() && typed.has_no_shape()
    }

    /// Whether nothing but `$ref`, `allOf` and annotations shapes the node.
    fn has_no_shape(&self) -> bool {
        self.types.is_empty()
            && self.enum_values.is_none()
            && self.const_value.is_none()
            && self.properties.is_empty()
            && self.additional.is_none()
            && self.pattern_properties.is_empty()
            && self.items.is_none()
            && self.any_of.is_empty()
            && self.one_of.is_empty()
            && self.constraints.is_empty()
            && !self.never
    }

    /// The target of a node that is `allOf: [{$ref}]` with only annotations beside it,
    /// the idiom for a documented reference.
    pub fn sole_all_of_ref(&self) -> Option<&Loc> {
        let [member] = &self.all_of[..] else { return None };
        let plain = self.reference.is_none() && self.has_no_shape();
        (plain && member.is_plain_ref()).then_some(member.reference.as_ref()).flatten()
    }

    /// Whether the node accepts only `null`.
    pub fn is_null_only(&self) -> bool {
        self.nullable
            && self.types.is_empty()
            && self.reference.is_none()
            && self.enum_values.is_none()
            && self.properties.is_empty()
            && self.all_of.is_empty()
            && self.any_of.is_empty()
            && self.one_of.is_empty()
    }
}

/// Keywords that are annotations only: read for docs or deliberately without effect.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$defs",
    "definitions",
    "xml",
    "externalDocs",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
];

/// Keywords we know but do not act on yet: reported once per occurrence.
const UNSUPPORTED: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependencies",
    "prefixItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "additionalItems",
];

/// Reads schemas from the documents of one spec.
pub struct SchemaReader<'a, 's> {
    docs: &'a Documents,
    dialect: Dialect,
    sink: &'s mut Sink,
    /// Every `$ref` target met, for the caller to read in turn.
    pub targets: Vec<(Loc, Loc)>,
}

impl<'a, 's> SchemaReader<'a, 's> {
    /// A reader for documents of `dialect` that reports into `sink`.
    pub fn new(docs: &'a Documents, dialect: Dialect, sink: &'s mut Sink) -> Self {
        SchemaReader { docs, dialect, sink, targets: Vec::new() }
    }

    /// Reads the schema at `loc`. Returns `None` (with an error recorded) when there is
    /// nothing there or it is not a schema.
    pub fn read(&mut self, loc: &Loc) -> Option<Schema<'a>> {
        let docs = self.docs;
        match docs.get(loc) {
            Some(value) => self.node(loc.clone(), value),
            None => {
                self.error(loc, "no schema at this location".to_owned(), None);
                None
            }
        }
    }

    fn error(&mut self, loc: &Loc, message: String, help: Option<&str>) {
        let mut d = Diagnostic::error(message);
        if let Some(h) = help {
            d = d.help(h);
        }
        let d = self.docs.diagnostic_at(d, loc);
        self.sink.push(d);
    }

    fn warn(&mut self, loc: &Loc, kind: WarningKind, message: String) {
        let d = self.docs.diagnostic_at(Diagnostic::warning(kind, message), loc);
        self.sink.push(d);
    }

    fn node(&mut self, loc: Loc, value: &'a Value) -> Option<Schema<'a>> {
        let map = match value {
            Value::Object(map) => map,
            // Boolean schemas: `true` accepts anything, `false` nothing.
            Value::Bool(true) => return Some(Schema::empty(loc, value)),
            Value::Bool(false) => {
                let mut never = Schema::empty(loc, value);
                never.never = true;
                return Some(never);
            }
            _ => {
                let message =
                    format!("expected a schema, found {}; it becomes `runtime::Json` (any JSON)", kind_of(value));
                self.warn(&loc, WarningKind::MalformedSchema, message);
                return Some(Schema::empty(loc, value));
            }
        };
        let mut s = Schema::empty(loc.clone(), value);
        let mut minimum = None;
        let mut maximum = None;
        let mut exclusive_minimum = None;
        let mut exclusive_maximum = None;
        for (key, v) in map {
            let at = loc.child(key);
            if normalize::is_other_version(self.dialect, key, v) {
                let version = if self.dialect == Dialect::V30 { "3.1" } else { "3.0" };
                self.warn(
                    &at,
                    WarningKind::OtherVersionKeyword,
                    format!("`{key}` is OpenAPI {version} syntax; read with its {version} meaning"),
                );
            }
            match key.as_str() {
                "$ref" => s.reference = self.read_ref(&at, v),
                "type" => {
                    if self.read_type(&at, v, &mut s).is_none() {
                        return Some(Schema::empty(loc, value));
                    }
                }
                "nullable" => s.nullable |= v.as_bool().unwrap_or(false),
                "title" => s.title = v.as_str(),
                "description" => s.description = v.as_str(),
                "default" => s.default = Some(v),
                "deprecated" => s.deprecated = v.as_bool().unwrap_or(false),
                "readOnly" => s.read_only = v.as_bool().unwrap_or(false),
                "writeOnly" => s.write_only = v.as_bool().unwrap_or(false),
                "example" => s.examples.push((at.pointer.clone(), v)),
                "examples" => match v {
                    Value::Array(items) => {
                        for (i, item) in items.iter().enumerate() {
                            s.examples.push((at.index(i).pointer, item));
                        }
                    }
                    _ => self.malformed(&at, key, "an array"),
                },
                "format" => s.format = v.as_str(),
                "enum" => match v {
                    Value::Array(items) => {
                        if items.iter().any(Value::is_null) {
                            s.nullable = true;
                        }
                        s.enum_values = Some(items.iter().filter(|v| !v.is_null()).collect());
                    }
                    _ => self.malformed(&at, key, "an array"),
                },
                "const" => s.const_value = Some(v),
                "properties" => match v {
                    Value::Object(props) => {
                        for (name, p) in props {
                            if let Some(p) = self.node(at.child(name), p) {
                                s.properties.push((name.as_str(), p));
                            }
                        }
                    }
                    _ => self.malformed(&at, key, "an object"),
                },
                "required" => match v {
                    Value::Array(names) => s.required = names.iter().filter_map(Value::as_str).collect(),
                    _ => self.malformed(&at, key, "an array of property names"),
                },
                "additionalProperties" => {
                    s.additional = match v {
                        Value::Bool(b) => Some(Additional::Allowed(*b)),
                        _ => self.node(at, v).map(|p| Additional::Schema(Box::new(p))),
                    }
                }
                "propertyNames" => s.property_names = self.node(at, v).map(Box::new),
                "patternProperties" => match v {
                    Value::Object(patterns) => {
                        for (source, schema) in patterns {
                            let at = at.child(source);
                            let text = Value::String(source.clone());
                            let translated = self.read_pattern(&at, key, &text);
                            if let (Some(translated), Some(schema)) = (translated, self.node(at, schema)) {
                                s.pattern_properties.push((translated, schema));
                            }
                        }
                    }
                    _ => self.malformed(&at, key, "an object of schemas by pattern"),
                },
                "items" => match v {
                    Value::Array(_) => self.warn(
                        &at,
                        WarningKind::UnsupportedKeyword,
                        "tuple-form `items` (an array) is not supported; items are untyped".into(),
                    ),
                    _ => s.items = self.node(at, v).map(Box::new),
                },
                "allOf" => s.all_of = self.read_members(&at, key, v),
                "anyOf" => s.any_of = self.read_members(&at, key, v),
                "oneOf" => s.one_of = self.read_members(&at, key, v),
                "discriminator" => s.discriminator = read_discriminator(v),
                "pattern" => s.constraints.pattern = self.read_pattern(&at, key, v),
                "minLength" => s.constraints.min_length = self.count(&at, key, v),
                "maxLength" => s.constraints.max_length = self.count(&at, key, v),
                "minItems" => s.constraints.min_items = self.count(&at, key, v),
                "maxItems" => s.constraints.max_items = self.count(&at, key, v),
                "minProperties" => s.constraints.min_properties = self.count(&at, key, v),
                "maxProperties" => s.constraints.max_properties = self.count(&at, key, v),
                "dependentRequired" => s.constraints.dependent_required = self.dependent_required(&at, key, v),
                "uniqueItems" => s.constraints.unique_items = v.as_bool().unwrap_or(false),
                "minimum" => minimum = self.number(&at, key, v),
                "maximum" => maximum = self.number(&at, key, v),
                "exclusiveMinimum" => exclusive_minimum = normalize::exclusive(v),
                "exclusiveMaximum" => exclusive_maximum = normalize::exclusive(v),
                "multipleOf" => s.constraints.multiple_of = self.number(&at, key, v),
                k if k.starts_with("x-") => {}
                k if ANNOTATIONS.contains(&k) => {}
                k if UNSUPPORTED.contains(&k) => self.warn(
                    &at,
                    WarningKind::UnsupportedKeyword,
                    format!("keyword `{k}` is not supported; the generated type does not check it"),
                ),
                k => self.warn(&at, WarningKind::UnknownKeyword, format!("unknown keyword `{k}` ignored")),
            }
        }
        (s.constraints.minimum, s.constraints.exclusive_minimum) = normalize::split_bound(minimum, exclusive_minimum);
        (s.constraints.maximum, s.constraints.exclusive_maximum) = normalize::split_bound(maximum, exclusive_maximum);
        self.warn_bounds(&loc, &s);
        Some(s)
    }

    /// The target of a `$ref`, recorded for the reachability pass; `None`, with an
    /// error, when it points nowhere.
    fn read_ref(&mut self, at: &Loc, v: &Value) -> Option<Loc> {
        match v.as_str().map(|r| self.docs.resolve(at.doc, r)) {
            Some(Ok(target)) if self.docs.get(&target).is_none() => {
                let r = v.as_str().unwrap_or_default();
                self.error(
                    at,
                    format!("unresolved $ref `{r}`: nothing at that location"),
                    Some("check the spelling of the name and the path of the file"),
                );
                None
            }
            Some(Ok(target)) => {
                self.targets.push((at.clone(), target.clone()));
                Some(target)
            }
            Some(Err(message)) => {
                self.error(at, message, None);
                None
            }
            None => {
                self.error(at, "`$ref` must be a string".into(), None);
                None
            }
        }
    }

    /// The member schemas of `allOf`, `anyOf` or `oneOf`.
    fn read_members(&mut self, at: &Loc, key: &str, v: &'a Value) -> Vec<Schema<'a>> {
        let Value::Array(members) = v else {
            self.malformed(at, key, "an array of schemas");
            return Vec::new();
        };
        members.iter().enumerate().filter_map(|(i, m)| self.node(at.index(i), m)).collect()
    }

    /// A `pattern`, translated for the checks; `None`, with an error or a warning,
    /// when it cannot be checked.
    fn read_pattern(&mut self, at: &Loc, key: &str, v: &Value) -> Option<pattern::Translated> {
        let Some(p) = v.as_str() else {
            self.malformed(at, key, "a string");
            return None;
        };
        match pattern::translate(p) {
            Ok(translated) => return Some(translated),
            Err(Unchecked::Invalid(e)) => self.warn(
                at,
                WarningKind::UncheckedPattern,
                format!("`pattern` {p:?} is not a valid ECMA-262 regular expression ({e}); it is not checked"),
            ),
            Err(Unchecked::OtherDialect(construct)) => self.warn(
                at,
                WarningKind::UncheckedPattern,
                format!("`pattern` {p:?} is written for another regex dialect ({construct}); in ECMA-262 it would reject real values, so it is not checked"),
            ),
            Err(Unchecked::Untranslatable(e)) => self.warn(
                at,
                WarningKind::UncheckedPattern,
                format!("`pattern` {p:?} cannot be checked in bounded time ({e}); it is not checked"),
            ),
        }
        None
    }

    /// Reads `type` (a name or a list of names) into `s`; `None`, with a warning,
    /// when it names no type.
    fn read_type(&mut self, at: &Loc, v: &Value, s: &mut Schema<'a>) -> Option<()> {
        let names: Vec<&Value> = match v {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for name in names {
            let t = match name.as_str() {
                Some("null") => {
                    s.nullable = true;
                    continue;
                }
                Some("boolean") => Type::Boolean,
                Some("object") => Type::Object,
                Some("array") => Type::Array,
                Some("number") => Type::Number,
                Some("string") => Type::String,
                Some("integer") => Type::Integer,
                _ => {
                    let shown = match name {
                        Value::String(text) => format!("`{text}`"),
                        other => kind_of(other).to_owned(),
                    };
                    let message = format!(
                        "`type` holds {shown}, not one of null, boolean, object, array, number, string, integer; the schema becomes `runtime::Json` (any JSON)"
                    );
                    self.warn(at, WarningKind::MalformedSchema, message);
                    return None;
                }
            };
            if !s.types.contains(&t) {
                s.types.push(t);
            }
        }
        Some(())
    }

    /// Warns about bounds that cannot hold, each at its keyword.
    fn warn_bounds(&mut self, loc: &Loc, s: &Schema<'a>) {
        // A schema without `type` is read as the type its keywords concern: a number,
        // not an integer (docs/reference.md, "Type inference").
        let concerns = |c: &bounds::Contradiction| match s.types.as_slice() {
            [] => c.applies != bounds::Applies::Integers,
            types => types.iter().any(|t| c.applies.covers(*t)),
        };
        for c in bounds::contradictions(&s.constraints).into_iter().filter(concerns) {
            let message = format!("{}: the type refuses every value", c.reason);
            self.warn(&loc.child(c.keyword), WarningKind::ImpossibleBound, message);
        }
        for (keyword, message) in bounds::meaningless(&s.constraints, s.format) {
            self.warn(&loc.child(keyword), WarningKind::ImpossibleBound, message);
        }
    }

    fn malformed(&mut self, at: &Loc, key: &str, expected: &str) {
        self.warn(at, WarningKind::UnsupportedKeyword, format!("`{key}` should be {expected}; ignored"));
    }

    /// `dependentRequired`: an object of arrays of property names.
    fn dependent_required(&mut self, at: &Loc, key: &str, v: &Value) -> Vec<(String, Vec<String>)> {
        let read = v.as_object().and_then(|deps| {
            deps.iter()
                .map(|(name, required)| {
                    let names: Option<Vec<String>> =
                        required.as_array()?.iter().map(|n| n.as_str().map(str::to_owned)).collect();
                    Some((name.clone(), names?))
                })
                .collect::<Option<Vec<(String, Vec<String>)>>>()
        });
        read.unwrap_or_else(|| {
            self.malformed(at, key, "an object of arrays of property names");
            Vec::new()
        })
    }

    fn count(&mut self, at: &Loc, key: &str, v: &Value) -> Option<u64> {
        let n = v.as_u64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64));
        if n.is_none() {
            self.malformed(at, key, "a non-negative integer");
        }
        n
    }

    fn number(&mut self, at: &Loc, key: &str, v: &Value) -> Option<Number> {
        match v {
            Value::Number(n) => Some(n.clone()),
            _ => {
                self.malformed(at, key, "a number");
                None
            }
        }
    }
}

fn read_discriminator(v: &Value) -> Option<Discriminator<'_>> {
    let property = v.get("propertyName")?.as_str()?;
    let mapping = v
        .get("mapping")
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, r)| Some((k.as_str(), r.as_str()?))).collect())
        .unwrap_or_default();
    Some(Discriminator { property, mapping })
}

/// A short name for the JSON type of a value, for messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
