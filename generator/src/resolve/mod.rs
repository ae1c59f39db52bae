//! Stage 2, resolve: raw documents become a [`Spec`]: the `openapiv3` skeleton of
//! operations (with non-schema `$ref`s inlined) and every schema read through our own
//! model, each `$ref` checked to resolve.

pub mod bounds;
pub mod documents;
pub mod normalize;
pub mod schema;
pub mod skeleton;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Sink};
use documents::{Documents, Loc};
use normalize::Dialect;
use schema::{Schema, SchemaReader};

/// A resolved spec: everything later stages need, with no unresolved reference left.
#[derive(Debug)]
pub struct Spec<'a> {
    /// The documents it spans.
    pub docs: &'a Documents,
    /// The OpenAPI version family of the root document.
    pub dialect: Dialect,
    /// The skeleton: info, servers, paths, components, with schemas swapped out.
    pub api: OpenAPI,
    /// The 3.1 `webhooks`, which `openapiv3` does not read.
    pub webhooks: IndexMap<String, PathItem>,
    /// Every schema: each position in the skeleton and each `$ref` target, in the
    /// order met (component schemas first).
    pub schemas: IndexMap<Loc, Schema<'a>>,
}

impl<'a> Spec<'a> {
    /// The location a swapped-out schema position stands for.
    pub fn schema_loc(reference: &ReferenceOr<openapiv3::Schema>) -> Option<Loc> {
        match reference {
            ReferenceOr::Reference { reference } => skeleton::decode(reference),
            ReferenceOr::Item(_) => None,
        }
    }

    /// The schema at a location that was read in this stage.
    pub fn schema(&self, loc: &Loc) -> &Schema<'a> {
        &self.schemas[loc]
    }
}

/// Resolves the documents of one spec.
pub fn resolve<'a>(docs: &'a Documents, sink: &mut Sink) -> Option<Spec<'a>> {
    let root = docs.root();
    let root_value = &docs.doc(root).value;
    let root_loc = Loc::new(root, "");
    let version = root_value.get("openapi").and_then(Value::as_str);
    let Some(dialect) = version.and_then(Dialect::from_version) else {
        let found = match (version, root_value.get("swagger")) {
            (Some(v), _) => format!("`openapi: {v}`"),
            (None, Some(_)) => "a Swagger 2.0 document".to_owned(),
            (None, None) => "no `openapi` field".to_owned(),
        };
        sink.push(docs.diagnostic_at(
            Diagnostic::error(format!("unsupported document: found {found}, expected OpenAPI 3.0.x or 3.1.x")),
            &root_loc,
        ));
        return None;
    };

    let mut swapper = skeleton::Swapper::new(docs, sink);
    let mut swapped = swapper.document(root_value);
    let positions = std::mem::take(&mut swapper.positions);
    let webhooks_value = swapped.as_object_mut().and_then(|m| m.remove("webhooks"));
    if let Value::Object(map) = &mut swapped {
        map.entry("paths").or_insert_with(|| Value::Object(Default::default()));
    }
    let api: Option<OpenAPI> = parse_part(docs, sink, swapped, &root_loc);
    let webhooks = match webhooks_value {
        Some(value) => parse_part(docs, sink, value, &root_loc.child("webhooks")),
        None => Some(IndexMap::new()),
    };

    let mut schemas = IndexMap::new();
    let mut reader = SchemaReader::new(docs, dialect, sink);
    let mut queue: std::collections::VecDeque<Loc> = positions.into();
    // Every location is read once, also one that fails to read (its `$ref`s may
    // lead back to it).
    let mut seen = std::collections::HashSet::new();
    while let Some(loc) = queue.pop_front() {
        if !seen.insert(loc.clone()) {
            continue;
        }
        if let Some(schema) = reader.read(&loc) {
            schemas.insert(loc, schema);
        }
        queue.extend(reader.targets.drain(..).map(|(_, target)| target));
    }
    Some(Spec { docs, dialect, api: api?, webhooks: webhooks?, schemas })
}

/// Deserialises part of the skeleton with `openapiv3`, mapping errors to pointers.
fn parse_part<T: serde::de::DeserializeOwned>(docs: &Documents, sink: &mut Sink, value: Value, at: &Loc) -> Option<T> {
    match serde_path_to_error::deserialize(value) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut loc = at.clone();
            for segment in e.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => loc = loc.index(*index),
                    serde_path_to_error::Segment::Map { key } => loc = loc.child(key),
                    serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
                }
            }
            let message = format!("invalid OpenAPI document: {}", e.into_inner());
            sink.push(docs.diagnostic_at(Diagnostic::error(message), &loc));
            None
        }
    }
}
