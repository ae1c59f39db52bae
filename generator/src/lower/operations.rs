//! Lowering operations and webhooks: their parameters, bodies and responses.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{MediaType, Operation as ApiOperation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr};

use super::naming::{self, Scope};
use super::schema::{hint_with, Hint, Lowerer};
use crate::ir::{
    Body, Example, Expect, Operation, Param, ParamLocation, Response, TypeId, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::resolve::documents::Loc;
use crate::resolve::Spec;

/// Methods in the order they are listed in a path item.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

fn operations(item: &PathItem) -> impl Iterator<Item = (&'static str, &ApiOperation)> {
    METHODS
        .iter()
        .zip([&item.get, &item.put, &item.post, &item.delete, &item.options, &item.head, &item.patch, &item.trace])
        .filter_map(|(m, op)| op.as_ref().map(|op| (*m, op)))
}

/// The name of the response type for a status: `Response` for success, else the
/// reason phrase (`Unauthorized`), else `Status{code}`.
fn status_word(status: &str) -> String {
    let reason = match status {
        "default" => "DefaultResponse",
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "402" => "PaymentRequired",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "409" => "Conflict",
        "410" => "Gone",
        "415" => "UnsupportedMediaType",
        "422" => "UnprocessableEntity",
        "429" => "TooManyRequests",
        "500" => "InternalServerError",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        s if s.starts_with('2') => "Response",
        s => return format!("Status{s}"),
    };
    reason.to_owned()
}

/// Picks the JSON media type of a content map, if any.
fn json_media(content: &IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content.iter().find(|(m, _)| {
        let m = m.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        m == "application/json" || m.ends_with("+json") || m == "*/*"
    })
}

impl<'a> Lowerer<'a, '_> {
    fn media_body(&mut self, content: &IndexMap<String, MediaType>, hint: &Hint, origin: &Loc) -> Option<Body> {
        let (media_type, media) = match json_media(content) {
            Some(found) => found,
            None => {
                let (media_type, _) = content.first()?;
                return Some(Body { media_type: media_type.clone(), ty: None });
            }
        };
        let ty = media.schema.as_ref().and_then(Spec::schema_loc).map(|loc| self.lower_position(&loc, hint));
        if let Some(ty) = &ty {
            let at = origin.child("content").child(media_type);
            let mut values: Vec<(String, serde_json::Value)> = Vec::new();
            if let Some(example) = &media.example {
                values.push((at.child("example").pointer, example.clone()));
            }
            for (name, example) in &media.examples {
                if let ReferenceOr::Item(e) = example {
                    if let Some(v) = &e.value {
                        values.push((at.child("examples").child(name).child("value").pointer, v.clone()));
                    }
                }
            }
            for (pointer, value) in values {
                let origin = format!("{}#{pointer}", self.spec.docs.path(at.doc).display());
                self.examples.push(Example { ty: ty.clone(), value, origin, expect: Expect::RoundTrip });
            }
        }
        Some(Body { media_type: media_type.clone(), ty })
    }

    /// Lowers every operation of the spec, in document order.
    pub fn lower_operations(&mut self) -> Vec<Operation> {
        let spec = self.spec;
        let root = spec.docs.root();
        let mut out = Vec::new();
        let mut seen: HashMap<String, Loc> = HashMap::new();
        let mut fn_scope = Scope::default();
        for (path, item) in spec.api.paths.paths.iter() {
            let ReferenceOr::Item(item) = item else { continue };
            let item_loc = Loc::new(root, "/paths").child(path);
            for (method, op) in operations(item) {
                let op_loc = item_loc.child(method);
                let raw_name = match &op.operation_id {
                    Some(id) => id.clone(),
                    None => format!("{method} {}", path.replace(['{', '}'], " ")),
                };
                if let Some(first) = seen.get(&raw_name) {
                    let first = format!("#{}", first.pointer);
                    self.error(
                        &op_loc.child("operationId"),
                        format!("duplicate operationId `{raw_name}`, first used at {first}"),
                        "operationIds must be unique within a document; rename one of them",
                    );
                    continue;
                }
                seen.insert(raw_name.clone(), op_loc.clone());
                let base = vec![naming::pascal(&raw_name).trim_start_matches('_').to_owned()];
                let params = self.lower_params(item, op, &base, &op_loc);
                let body = match &op.request_body {
                    Some(ReferenceOr::Item(b)) => {
                        self.media_body(&b.content, &hint_with(&base, "Request"), &op_loc.child("requestBody"))
                    }
                    _ => None,
                };
                let mut responses = Vec::new();
                let all = op.responses.responses.iter().map(|(s, r)| (s.to_string(), r));
                for (status, response) in all.chain(op.responses.default.iter().map(|r| ("default".to_owned(), r))) {
                    let ReferenceOr::Item(response) = response else { continue };
                    let at = op_loc.child("responses").child(&status);
                    let hint = hint_with(&base, &status_word(&status));
                    let body = self.media_body(&response.content, &hint, &at);
                    responses.push(Response { status, body });
                }
                let mut doc = Vec::new();
                if let Some(summary) = &op.summary {
                    doc.push(summary.clone());
                }
                if let Some(description) = &op.description {
                    if !doc.is_empty() {
                        doc.push(String::new());
                    }
                    doc.extend(description.lines().map(str::to_owned));
                }
                out.push(Operation {
                    name: fn_scope.claim(naming::snake(&raw_name)),
                    method: method.to_ascii_uppercase(),
                    path: path.clone(),
                    params,
                    body,
                    responses,
                    doc,
                });
            }
        }
        out
    }

    fn lower_params(&mut self, item: &PathItem, op: &ApiOperation, base: &Hint, op_loc: &Loc) -> Vec<Param> {
        // Operation parameters override path-item ones with the same name and place.
        let item_loc = Loc::new(op_loc.doc, op_loc.pointer.rsplit_once('/').map_or("", |(parent, _)| parent));
        let declared = (item.parameters.iter().enumerate().map(|(i, p)| (item_loc.child("parameters").index(i), p)))
            .chain(op.parameters.iter().enumerate().map(|(i, p)| (op_loc.child("parameters").index(i), p)));
        let mut merged: Vec<(Loc, &Parameter)> = Vec::new();
        for (loc, p) in declared {
            let ReferenceOr::Item(p) = p else { continue };
            let key = |q: &Parameter| (q.parameter_data_ref().name.clone(), std::mem::discriminant(q));
            merged.retain(|(_, q)| key(q) != key(p));
            merged.push((loc, p));
        }
        let mut scope = Scope::default();
        let mut out = Vec::new();
        for (param_loc, p) in merged {
            let data = p.parameter_data_ref();
            let location = match p {
                Parameter::Path { .. } => ParamLocation::Path,
                Parameter::Query { .. } => ParamLocation::Query,
                Parameter::Header { .. } => ParamLocation::Header,
                Parameter::Cookie { .. } => ParamLocation::Cookie,
            };
            let hint = hint_with(base, &data.name);
            let schema_loc = match &data.format {
                ParameterSchemaOrContent::Schema(s) => Spec::schema_loc(s),
                ParameterSchemaOrContent::Content(_) => None,
            };
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(_) => schema_loc.as_ref().map(|loc| self.lower_position(loc, &hint)),
                ParameterSchemaOrContent::Content(content) => {
                    self.media_body(content, &hint, &param_loc).and_then(|b| b.ty)
                }
            }
            .unwrap_or(TypeRef::Scalar(crate::ir::Scalar::String));
            let spec = self.spec;
            let schema = schema_loc.as_ref().and_then(|loc| spec.schemas.get(loc));
            let single = data.example.iter().map(|v| (param_loc.child("example"), v));
            let named = data.examples.iter().filter_map(|(name, e)| match e {
                ReferenceOr::Item(e) => {
                    e.value.as_ref().map(|v| (param_loc.child("examples").child(name).child("value"), v))
                }
                ReferenceOr::Reference { .. } => None,
            });
            for (at, value) in single.chain(named) {
                self.example(&ty, schema, &at, value);
            }
            out.push(Param {
                name: data.name.clone(),
                ident: scope.claim(naming::snake(&data.name)),
                location,
                required: data.required,
                ty,
            });
        }
        out
    }

    /// Lowers 3.1 `webhooks` into one union of their payloads, named after the
    /// webhook keys. Returns the union, or `None` when the spec has no webhooks.
    pub fn lower_webhooks(&mut self) -> Option<TypeId> {
        let spec = self.spec;
        if spec.webhooks.is_empty() {
            return None;
        }
        let root = spec.docs.root();
        let mut variants = Vec::new();
        let mut scope = Scope::with_reserved(&["Unknown"]);
        for (key, item) in &spec.webhooks {
            let Some((method, op)) = operations(item).next() else { continue };
            let at = Loc::new(root, "/webhooks").child(key).child(method).child("requestBody");
            let hint = vec![naming::pascal(key).trim_start_matches('_').to_owned(), "Payload".to_owned()];
            let Some(ReferenceOr::Item(body)) = &op.request_body else { continue };
            let Some(ty) = self.media_body(&body.content, &hint, &at).and_then(|b| b.ty) else { continue };
            variants.push(UnionVariant { name: scope.claim(naming::pascal(key)), ty, inline: false });
        }
        let id = TypeId(self.types.len());
        self.types.push(crate::ir::TypeDef {
            name: String::new(),
            hint: vec!["WebhookEvent".to_owned()],
            doc: vec!["A webhook delivery of this API: parse the body of an incoming request into it.".to_owned()],
            origin: format!("{}#/webhooks", spec.docs.path(root).display()),
            kind: TypeKind::Union(Union {
                variants,
                dispatch: crate::ir::Dispatch::TryEach,
                exclusive: false,
                unknown: None,
            }),
            usage: Default::default(),
        });
        self.unions.push(id);
        Some(id)
    }
}
