//! Prepares a document for `openapiv3`: every schema position is swapped for a `$ref`
//! to its own location, so that `openapiv3` never parses a schema (we read schemas
//! with our own model), and every non-schema `$ref` (parameters, responses, request
//! bodies, headers, path items, examples) is replaced by its target, so that later
//! stages never meet a reference outside schemas.

use serde_json::{Map, Value};

use super::documents::{DocId, Documents, Loc};
use crate::diagnostic::{Diagnostic, Sink};

/// Prefix of the `$ref`s that stand for swapped-out schema positions.
const SCHEMA_REF_PREFIX: &str = "schema:";

/// Encodes a schema location as the `$ref` left in its place.
fn encode(loc: &Loc) -> String {
    format!("{SCHEMA_REF_PREFIX}{}:{}", loc.doc.0, loc.pointer)
}

/// Decodes a `$ref` left by [`Swapper`] back to the schema location.
pub fn decode(reference: &str) -> Option<Loc> {
    let rest = reference.strip_prefix(SCHEMA_REF_PREFIX)?;
    let (doc, pointer) = rest.split_once(':')?;
    Some(Loc::new(DocId(doc.parse().ok()?), pointer))
}

/// The kinds of non-schema object that a `$ref` may stand for.
#[derive(Debug, Clone, Copy)]
enum Kind {
    PathItem,
    Parameter,
    RequestBody,
    Response,
    Header,
    Example,
    Callback,
}

/// Walks documents, swapping schemas out and references in.
pub struct Swapper<'a, 's> {
    docs: &'a Documents,
    sink: &'s mut Sink,
    /// Every schema position met, in walk order.
    pub positions: Vec<Loc>,
    following: Vec<Loc>,
}

impl<'a, 's> Swapper<'a, 's> {
    /// A swapper over `docs` that reports into `sink`.
    pub fn new(docs: &'a Documents, sink: &'s mut Sink) -> Self {
        Swapper { docs, sink, positions: Vec::new(), following: Vec::new() }
    }

    /// Swaps the whole root document. Component schemas are visited first so that
    /// named types are discovered in document order before inline ones.
    pub fn document(&mut self, root: &'a Value) -> Value {
        let loc = Loc::new(self.docs.root(), "");
        let Value::Object(map) = root else { return root.clone() };
        let mut out = map.clone();
        if let Some(Value::Object(components)) = map.get("components") {
            let at = loc.child("components");
            let mut c = components.clone();
            if let Some(Value::Object(schemas)) = components.get("schemas") {
                let at = at.child("schemas");
                let swapped = schemas.iter().map(|(k, v)| (k.clone(), self.schema(v, at.child(k)))).collect();
                c.insert("schemas".into(), Value::Object(swapped));
            }
            out.insert("components".into(), Value::Object(c));
        }
        for key in ["paths", "webhooks"] {
            if let Some(Value::Object(items)) = map.get(key) {
                let at = loc.child(key);
                let swapped =
                    items.iter().map(|(k, v)| (k.clone(), self.follow(Kind::PathItem, v, at.child(k)))).collect();
                out.insert(key.into(), Value::Object(swapped));
            }
        }
        if let Some(Value::Object(components)) = out.get("components").cloned() {
            let at = loc.child("components");
            let mut c = components.clone();
            for (key, kind) in [
                ("responses", Kind::Response),
                ("parameters", Kind::Parameter),
                ("requestBodies", Kind::RequestBody),
                ("headers", Kind::Header),
                ("examples", Kind::Example),
                ("callbacks", Kind::Callback),
                ("pathItems", Kind::PathItem),
            ] {
                if let Some(Value::Object(items)) = map["components"].get(key) {
                    let at = at.child(key);
                    let swapped = items.iter().map(|(k, v)| (k.clone(), self.follow(kind, v, at.child(k)))).collect();
                    c.insert(key.into(), Value::Object(swapped));
                }
            }
            out.insert("components".into(), Value::Object(c));
        }
        Value::Object(out)
    }

    fn error(&mut self, loc: &Loc, message: String) {
        let d = self.docs.diagnostic_at(Diagnostic::error(message), loc);
        self.sink.push(d);
    }

    /// Follows a chain of `$ref`s to the object itself, then walks it as `kind`.
    fn follow(&mut self, kind: Kind, value: &'a Value, loc: Loc) -> Value {
        let Some(Value::String(reference)) = value.get("$ref") else {
            return self.walk(kind, value, loc);
        };
        let target = match self.docs.resolve(loc.doc, reference) {
            Ok(target) => target,
            Err(message) => {
                self.error(&loc.child("$ref"), message);
                return Value::Null;
            }
        };
        let Some(target_value) = self.docs.get(&target) else {
            self.error(&loc.child("$ref"), format!("unresolved $ref `{reference}`: nothing at that location"));
            return Value::Null;
        };
        if self.following.contains(&target) {
            self.error(&loc.child("$ref"), format!("$ref `{reference}` refers back to itself through a cycle"));
            return Value::Null;
        }
        self.following.push(target.clone());
        let out = self.follow(kind, target_value, target);
        self.following.pop();
        out
    }

    fn walk(&mut self, kind: Kind, value: &'a Value, loc: Loc) -> Value {
        let Value::Object(map) = value else { return value.clone() };
        let mut out = map.clone();
        match kind {
            Kind::PathItem => {
                for (key, v) in map {
                    let at = loc.child(key);
                    let swapped = match key.as_str() {
                        "parameters" => self.list(Kind::Parameter, v, at),
                        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                            self.operation(v, at)
                        }
                        _ => continue,
                    };
                    out.insert(key.clone(), swapped);
                }
            }
            Kind::Parameter | Kind::Header => {
                self.child_schema(map, &mut out, &loc, "schema");
                self.content(map, &mut out, &loc);
                self.map_of(Kind::Example, map, &mut out, &loc, "examples");
            }
            Kind::RequestBody => self.content(map, &mut out, &loc),
            Kind::Response => {
                self.map_of(Kind::Header, map, &mut out, &loc, "headers");
                self.content(map, &mut out, &loc);
            }
            Kind::Example => {}
            Kind::Callback => {
                for (key, v) in map {
                    out.insert(key.clone(), self.follow(Kind::PathItem, v, loc.child(key)));
                }
            }
        }
        Value::Object(out)
    }

    fn operation(&mut self, value: &'a Value, loc: Loc) -> Value {
        let Value::Object(map) = value else { return value.clone() };
        let mut out = map.clone();
        if let Some(v) = map.get("parameters") {
            out.insert("parameters".into(), self.list(Kind::Parameter, v, loc.child("parameters")));
        }
        if let Some(v) = map.get("requestBody") {
            out.insert("requestBody".into(), self.follow(Kind::RequestBody, v, loc.child("requestBody")));
        }
        self.map_of(Kind::Response, map, &mut out, &loc, "responses");
        // `responses` is optional in 3.1 (and sometimes missing from 3.0 documents).
        out.entry("responses").or_insert_with(|| Value::Object(Map::new()));
        self.map_of(Kind::Callback, map, &mut out, &loc, "callbacks");
        Value::Object(out)
    }

    fn list(&mut self, kind: Kind, value: &'a Value, loc: Loc) -> Value {
        match value {
            Value::Array(items) => {
                Value::Array(items.iter().enumerate().map(|(i, v)| self.follow(kind, v, loc.index(i))).collect())
            }
            other => other.clone(),
        }
    }

    fn map_of(&mut self, kind: Kind, map: &'a Map<String, Value>, out: &mut Map<String, Value>, loc: &Loc, key: &str) {
        if let Some(Value::Object(items)) = map.get(key) {
            let at = loc.child(key);
            let swapped = items.iter().map(|(k, v)| (k.clone(), self.follow(kind, v, at.child(k)))).collect();
            out.insert(key.into(), Value::Object(swapped));
        }
    }

    fn content(&mut self, map: &'a Map<String, Value>, out: &mut Map<String, Value>, loc: &Loc) {
        let Some(Value::Object(content)) = map.get("content") else { return };
        let at = loc.child("content");
        let mut swapped = Map::new();
        for (media, m) in content {
            let media_loc = at.child(media);
            let mut mt = m.as_object().cloned().unwrap_or_default();
            if let Value::Object(m) = m {
                self.child_schema(m, &mut mt, &media_loc, "schema");
                self.map_of(Kind::Example, m, &mut mt, &media_loc, "examples");
            }
            swapped.insert(media.clone(), Value::Object(mt));
        }
        out.insert("content".into(), Value::Object(swapped));
    }

    fn child_schema(&mut self, map: &'a Map<String, Value>, out: &mut Map<String, Value>, loc: &Loc, key: &str) {
        if let Some(v) = map.get(key) {
            out.insert(key.into(), self.schema(v, loc.child(key)));
        }
    }

    fn schema(&mut self, _value: &'a Value, loc: Loc) -> Value {
        let mut reference = Map::new();
        reference.insert("$ref".into(), Value::String(encode(&loc)));
        self.positions.push(loc);
        Value::Object(reference)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let loc = Loc::new(DocId(3), "/components/schemas/A:B");
        assert_eq!(decode(&encode(&loc)), Some(loc));
        assert_eq!(decode("#/components/schemas/A"), None);
    }
}
