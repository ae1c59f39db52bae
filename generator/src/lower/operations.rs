//! Lowering operations and webhooks: their parameters, bodies, responses and the
//! credentials each accepts.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{
    MediaType, Operation as ApiOperation, Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle,
    ReferenceOr, StatusCode,
};

use super::client;
use super::example_check;
use super::naming::{self, Scope};
use super::prose::prose;
use super::{hint_of, hint_with, Draft, Hint, Lowerer};
use crate::diagnostic::WarningKind;
use crate::ir::{
    Api, Body, BodyKind, Example, Expect, Explode, FeatureId, Held, Method, Operation, Param, ParamLocation,
    ParamStyle, Response, ResponseHeader, Scalar, Status, TypeId, TypeKind, TypeRef, Union, UnionVariant, UNKNOWN,
};
use crate::resolve::documents::Loc;
use crate::resolve::Spec;

/// The operations of a path item, in the order of its fields.
pub(super) fn operations(item: &PathItem) -> impl Iterator<Item = (Method, &ApiOperation)> {
    Method::ALL
        .into_iter()
        .zip([&item.get, &item.put, &item.post, &item.delete, &item.options, &item.head, &item.patch, &item.trace])
        .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
}

/// The reason phrase of a status code, as a Rust name.
fn reason(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Gone",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        _ => return None,
    })
}

/// The name of the response type for a status: `Response` for success, else the
/// reason phrase (`Unauthorized`), else `Status{code}`.
fn status_word(status: &str) -> String {
    match status.parse::<u16>() {
        _ if status.starts_with('2') => "Response".to_owned(),
        Ok(code) => reason(code).map_or_else(|| format!("Status{status}"), str::to_owned),
        Err(_) if status == "default" => "DefaultResponse".to_owned(),
        Err(_) => format!("Status{status}"),
    }
}

/// The variant name of a response in its operation's error or success enum.
fn status_variant(status: Status) -> String {
    match status {
        Status::Default => "Default".to_owned(),
        Status::Range(digit) => match digit {
            1 => "Informational".to_owned(),
            2 => "Success".to_owned(),
            3 => "Redirection".to_owned(),
            4 => "ClientError".to_owned(),
            5 => "ServerError".to_owned(),
            _ => format!("Status{digit}xx"),
        },
        Status::Code(code) => reason(code).map_or_else(|| format!("Status{code}"), str::to_owned),
    }
}

/// How a media type's body is read, most preferred first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

/// An operation's name before case conversion: its `operationId`, else its method
/// and path (`get /pets/{id}` → `get /pets/ id `), stable while both stay.
fn operation_name(method: Method, path: &str, op: &openapiv3::Operation) -> String {
    match &op.operation_id {
        Some(id) => id.clone(),
        None => format!("{} {}", method.key(), path.replace(['{', '}'], " ")),
    }
}

fn media_kind(media_type: &str) -> MediaKind {
    let m = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if m == "application/json" || m.ends_with("+json") || m == "*/*" || m == "application/*" {
        MediaKind::Json
    } else if m == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if m.starts_with("multipart/") {
        MediaKind::Multipart
    } else if m.starts_with("text/") || m.ends_with("xml") {
        MediaKind::Text
    } else if is_media_type(&m) {
        MediaKind::Binary
    } else if m.contains("json") {
        MediaKind::Json
    } else if m.contains("text") || m.contains("plain") || m.contains("html") {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// Whether `m` (lower case, without parameters) is `type/subtype` of a registered
/// top-level type; anything else is a misspelling such as `plain/text`.
fn is_media_type(m: &str) -> bool {
    const TOP_LEVEL: &[&str] = &[
        "application",
        "audio",
        "example",
        "font",
        "haptics",
        "image",
        "message",
        "model",
        "multipart",
        "text",
        "video",
        "*",
    ];
    m.split_once('/').is_some_and(|(top, sub)| TOP_LEVEL.contains(&top) && !sub.is_empty() && !sub.contains('/'))
}

impl<'a> Lowerer<'a, '_> {
    fn media_body(&mut self, content: &IndexMap<String, MediaType>, hint: &Hint, origin: &Loc) -> Option<Body> {
        let (media_type, media) = content.iter().min_by_key(|(m, _)| media_kind(m))?;
        let kind = media_kind(media_type);
        let lower = media_type.to_ascii_lowercase();
        if !is_media_type(lower.split(';').next().unwrap_or("").trim()) {
            let read = match kind {
                MediaKind::Json => "JSON",
                MediaKind::Text => "text",
                _ => "bytes",
            };
            let message = format!("`{media_type}` is not a valid media type; the body is read as {read}");
            self.warn(&origin.child("content").child(media_type), WarningKind::MediaType, message);
        }
        match kind {
            MediaKind::Multipart => {
                let parts = media.schema.as_ref().and_then(Spec::schema_loc).map(|loc| self.part_names(&loc));
                let kind = BodyKind::Multipart { parts: parts.unwrap_or_default() };
                return Some(Body { media_type: media_type.clone(), kind });
            }
            MediaKind::Text => return Some(Body { media_type: media_type.clone(), kind: BodyKind::Text }),
            MediaKind::Binary => return Some(Body { media_type: media_type.clone(), kind: BodyKind::Binary }),
            MediaKind::Json | MediaKind::Form => {}
        }
        let ty = match media.schema.as_ref().and_then(Spec::schema_loc) {
            Some(loc) => self.lower_position(&loc, hint),
            None => TypeRef::Scalar(Scalar::Json),
        };
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
            let origin = self.origin(&Loc::new(at.doc, pointer));
            let test = String::new();
            self.examples.push(Example {
                ty: ty.clone(),
                value,
                origin,
                test,
                expect: Expect::RoundTrip,
                delivery: None,
            });
        }
        let kind = if kind == MediaKind::Form { BodyKind::Form(ty) } else { BodyKind::Json(ty) };
        Some(Body { media_type: media_type.clone(), kind })
    }

    /// The documented parts of a multipart body: its schema's properties, each as
    /// `name` with its type and whether it is required, for the docs.
    fn part_names(&self, loc: &Loc) -> Vec<String> {
        let Some(schema) = self.spec.schemas.get(loc) else { return Vec::new() };
        let schema = match &schema.reference {
            Some(target) => self.spec.schemas.get(target).unwrap_or(schema),
            None => schema,
        };
        schema
            .properties
            .iter()
            .map(|(name, property)| {
                let format = property.format.map(|f| format!(" ({f})")).unwrap_or_default();
                let required = if schema.required.iter().any(|r| r == name) { ", required" } else { "" };
                format!("`{name}`{format}{required}")
            })
            .collect()
    }

    /// Lowers every operation of the spec, in document order, and what their client
    /// needs: servers and ways to authenticate.
    pub fn lower_operations(&mut self) -> (Vec<Operation>, Api) {
        let spec = self.spec;
        let root = spec.docs.root();
        let mut out = Vec::new();
        let mut seen: HashMap<String, Loc> = HashMap::new();
        let mut fn_scope = Scope::with_reserved(client::RESERVED_METHODS);
        let mut type_scope = Scope::with_reserved(client::RESERVED_TYPES);
        let servers = client::servers(&spec.api, &mut fn_scope);
        let mut auth = client::AuthTable::default();
        for (path, item) in spec.api.paths.paths.iter() {
            let ReferenceOr::Item(item) = item else { continue };
            let item_loc = Loc::new(root, "/paths").child(path);
            for (method, op) in operations(item) {
                let op_loc = item_loc.child(method.key());
                let raw_name = operation_name(method, path, op);
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
                let pascal = naming::pascal(&raw_name).trim_start_matches('_').to_owned();
                let base = hint_of(pascal.clone());
                let params = self.lower_params(item, op, &base, &op_loc);
                let (body, body_required) = match &op.request_body {
                    Some(ReferenceOr::Item(b)) => (
                        self.media_body(&b.content, &hint_with(&base, "Request"), &op_loc.child("requestBody")),
                        b.required,
                    ),
                    _ => (None, false),
                };
                let responses = self.lower_responses(op, &base, &op_loc);
                let security_at =
                    if op.security.is_some() { op_loc.child("security") } else { Loc::new(root, "/security") };
                let requirements = op.security.as_ref().or(spec.api.security.as_ref());
                let security = self.security(requirements, &security_at, &mut auth);
                let features = self.features.of(&op.tags);
                let mut doc = Vec::new();
                if let Some(summary) = &op.summary {
                    doc.extend(prose(summary));
                }
                if let Some(description) = &op.description {
                    if !doc.is_empty() {
                        doc.push(String::new());
                    }
                    doc.extend(prose(description));
                }
                let successes: Vec<_> = responses.iter().filter(|r| r.status.is_success()).collect();
                let several = successes
                    .windows(2)
                    .any(|w| w[0].body.as_ref().map(|b| b.ty()) != w[1].body.as_ref().map(|b| b.ty()));
                let idempotency_key = params
                    .iter()
                    .find(|p| p.location == ParamLocation::Header && p.name.eq_ignore_ascii_case("idempotency-key"))
                    .map(|p| p.name.clone());
                out.push(Operation {
                    name: fn_scope.claim(naming::snake(&raw_name)),
                    builder: type_scope.claim(naming::pascal(&raw_name)),
                    error: type_scope.claim(naming::pascal(&format!("{raw_name} error"))),
                    success: several.then(|| type_scope.claim(naming::pascal(&format!("{raw_name} success")))),
                    headers: responses
                        .iter()
                        .any(|r| r.status.is_success() && !r.headers.is_empty())
                        .then(|| type_scope.claim(naming::pascal(&format!("{raw_name} headers")))),
                    method,
                    path: path.clone(),
                    params,
                    body,
                    body_required,
                    responses,
                    security,
                    features,
                    pagination: None,
                    idempotency_key,
                    doc,
                });
            }
        }
        (out, Api { servers, auth: auth.variants })
    }

    fn lower_responses(&mut self, op: &ApiOperation, base: &Hint, op_loc: &Loc) -> Vec<Response> {
        let listed = op.responses.responses.iter().map(|(code, r)| {
            let status = match code {
                StatusCode::Code(c) => Status::Code(*c),
                StatusCode::Range(d) => Status::Range(*d),
            };
            (code.to_string(), status, r)
        });
        let default = op.responses.default.iter().map(|r| ("default".to_owned(), Status::Default, r));
        let mut variants = Scope::default();
        let mut out = Vec::new();
        for (key, status, response) in listed.chain(default) {
            let ReferenceOr::Item(response) = response else { continue };
            let at = op_loc.child("responses").child(&key);
            let hint = hint_with(base, &status_word(&key));
            let body = self.media_body(&response.content, &hint, &at);
            let doc = prose(&response.description);
            let headers = self.response_headers(response, &hint);
            let held = match body.as_ref().and_then(|b| b.ty()) {
                Some(_) => Held::Boxed,
                None => Held::Inline,
            };
            let variant = variants.claim(status_variant(status));
            out.push(Response { status, variant, body, held, headers, doc });
        }
        out
    }

    /// The headers `response` documents, but `Content-Type` (which OpenAPI says to
    /// ignore). A header whose schema only `type` and `format` shape has that
    /// type; any other is its text.
    fn response_headers(&mut self, response: &openapiv3::Response, hint: &Hint) -> Vec<ResponseHeader> {
        let spec = self.spec;
        let components = spec.api.components.as_ref();
        let mut fields = Scope::default();
        let mut out = Vec::new();
        for (name, header) in &response.headers {
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let header = match header {
                ReferenceOr::Item(header) => Some(header),
                ReferenceOr::Reference { reference } => reference
                    .strip_prefix("#/components/headers/")
                    .and_then(|key| components?.headers.get(key))
                    .and_then(|h| match h {
                        ReferenceOr::Item(h) => Some(h),
                        ReferenceOr::Reference { .. } => None,
                    }),
            };
            let Some(header) = header else { continue };
            let scalar = match &header.format {
                ParameterSchemaOrContent::Schema(s) => {
                    Spec::schema_loc(s).filter(|loc| spec.schemas.get(loc).is_some_and(|s| s.has_only_type()))
                }
                ParameterSchemaOrContent::Content(_) => None,
            };
            let hint = hint_with(hint, &format!("{name} header"));
            let ty = match scalar {
                Some(loc) => self.lower_position(&loc, &hint),
                None => TypeRef::Scalar(Scalar::String),
            };
            out.push(ResponseHeader {
                name: name.clone(),
                field: fields.claim(naming::snake(name)),
                ty,
                doc: header.description.as_deref().map(prose).unwrap_or_default(),
            });
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
        // The request builder's own fields and methods, and those of its traits.
        let mut scope = Scope::with_reserved(&[
            "client",
            "timeout",
            "send",
            "body",
            "into_future",
            "connection",
            "request",
            "clone",
            "clone_from",
            "clone_into",
            "to_owned",
            "fmt",
            "into",
            "try_into",
            "borrow",
            "borrow_mut",
            "type_id",
        ]);
        let mut out = Vec::new();
        for (param_loc, p) in merged {
            let data = p.parameter_data_ref();
            let (location, style) = match p {
                Parameter::Path { style, .. } => {
                    if !matches!(style, PathStyle::Simple) {
                        let message =
                            format!("path style `{style:?}` is not supported; the value is written as `simple`");
                        self.warn(&param_loc.child("style"), WarningKind::UnsupportedKeyword, message);
                    }
                    (ParamLocation::Path, ParamStyle::Simple)
                }
                Parameter::Query { style, .. } => (
                    ParamLocation::Query,
                    match style {
                        QueryStyle::Form => ParamStyle::Form,
                        QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                        QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                        QueryStyle::DeepObject => ParamStyle::DeepObject,
                    },
                ),
                Parameter::Header { .. } => (ParamLocation::Header, ParamStyle::Simple),
                Parameter::Cookie { .. } => (ParamLocation::Cookie, ParamStyle::Form),
            };
            let hint = hint_with(base, &data.name);
            let schema_loc = match &data.format {
                ParameterSchemaOrContent::Schema(s) => Spec::schema_loc(s),
                ParameterSchemaOrContent::Content(_) => None,
            };
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(_) => schema_loc.as_ref().map(|loc| self.lower_parameter(loc, &hint)),
                ParameterSchemaOrContent::Content(content) => {
                    self.media_body(content, &hint, &param_loc).and_then(|b| b.ty().cloned())
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
            let default = schema.and_then(|s| self.param_default(s));
            let description = data.description.as_deref().or(schema.and_then(|s| s.description));
            let doc = description.iter().flat_map(|d| prose(d)).collect();
            out.push(Param {
                name: data.name.clone(),
                ident: scope.claim(naming::snake(&data.name)),
                location,
                // Path parameters are always required, whatever the spec says.
                required: data.required || location == ParamLocation::Path,
                ty,
                style,
                explode: match data.explode.unwrap_or(style == ParamStyle::Form) {
                    true => Explode::Exploded,
                    false => Explode::Joined,
                },
                default,
                doc,
            });
        }
        out
    }

    /// The `default` of a parameter schema (following `$ref`s) as JSON text, if it
    /// satisfies the schema's rules; a default that breaks them is reported and not sent.
    fn param_default(&mut self, schema: &crate::resolve::schema::Schema<'a>) -> Option<String> {
        let spec = self.spec;
        let mut schema = schema;
        for _ in 0..32 {
            if schema.default.is_some() {
                break;
            }
            match schema.reference.as_ref().and_then(|target| spec.schemas.get(target)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        let value = schema.default?;
        if let Some(rule) = example_check::violation(schema, value) {
            let at = Loc::new(schema.loc.doc, format!("{}/default", schema.loc.pointer));
            self.warn(
                &at,
                WarningKind::InvalidExample,
                format!("this default breaks `{rule}` of its own schema; it is not sent"),
            );
            return None;
        }
        Some(value.to_string())
    }

    /// Lowers the `callbacks` of every operation into one union of their payloads,
    /// each variant named after its operation, callback key and, where a callback
    /// has several, its method, and the features of those operations. Returns
    /// `None` when no operation has callbacks.
    pub fn lower_callbacks(&mut self) -> Option<(TypeId, Vec<FeatureId>)> {
        let spec = self.spec;
        let root = spec.docs.root();
        let mut payloads = Vec::new();
        let mut features: Vec<Vec<FeatureId>> = Vec::new();
        for (path, item) in spec.api.paths.paths.iter() {
            let ReferenceOr::Item(item) = item else { continue };
            for (method, op) in operations(item) {
                let op_name = naming::pascal(&operation_name(method, path, op));
                if !op.callbacks.is_empty() {
                    features.push(self.features.of(&op.tags));
                }
                for (key, callback) in &op.callbacks {
                    let at = Loc::new(root, "/paths").child(path).child(method.key()).child("callbacks").child(key);
                    for (expression, cb_item) in callback {
                        let several = operations(cb_item).count() > 1;
                        for (cb_method, cb_op) in operations(cb_item) {
                            let suffix = if several { naming::pascal(cb_method.key()) } else { String::new() };
                            let name = format!("{op_name}{}{suffix}", naming::pascal(key));
                            payloads.push((name, at.child(expression).child(cb_method.key()), cb_op));
                        }
                    }
                }
            }
        }
        let doc = "A callback request of this API: parse the body of an incoming callback into it.";
        let features = FeatureId::union(features.iter().map(Vec::as_slice));
        self.payload_union(payloads, "CallbackEvent", doc, "/paths").map(|(id, _)| (id, features))
    }

    /// One union of the request bodies of `payloads` (variant name, operation
    /// location, operation), and the indices of the payloads that have a body and
    /// so a variant; `None` when none has.
    pub(super) fn payload_union(
        &mut self,
        payloads: Vec<(String, Loc, &'a openapiv3::Operation)>,
        name: &str,
        doc: &str,
        pointer: &str,
    ) -> Option<(TypeId, Vec<usize>)> {
        let mut variants = Vec::new();
        let mut kept = Vec::new();
        let mut scope = Scope::with_reserved(&[UNKNOWN]);
        for (i, (key, at, op)) in payloads.into_iter().enumerate() {
            let hint = hint_with(&hint_of(key.trim_start_matches('_')), "Payload");
            let Some(ReferenceOr::Item(body)) = &op.request_body else { continue };
            let at = at.child("requestBody");
            let Some(ty) = self.media_body(&body.content, &hint, &at).and_then(|b| b.ty().cloned()) else { continue };
            variants.push(UnionVariant { name: scope.claim(key), ty, inline: false });
            kept.push(i);
        }
        if variants.is_empty() {
            return None;
        }
        let root = self.spec.docs.root();
        let id = self.push_draft(Draft {
            hint: hint_of(name),
            doc: vec![doc.to_owned()],
            origin: self.origin(&Loc::new(root, pointer)),
            kind: Some(TypeKind::Union(Union {
                variants,
                dispatch: crate::ir::Dispatch::TryEach,
                exclusive: false,
                unknown: None,
                try_order: Vec::new(),
            })),
        });
        self.unions.push(id);
        Some((id, kept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_variants() {
        assert_eq!(status_variant(Status::Code(200)), "Ok");
        assert_eq!(status_variant(Status::Code(204)), "NoContent");
        assert_eq!(status_variant(Status::Code(404)), "NotFound");
        assert_eq!(status_variant(Status::Code(418)), "Status418");
        assert_eq!(status_variant(Status::Code(299)), "Status299");
        assert_eq!(status_variant(Status::Range(4)), "ClientError");
        assert_eq!(status_variant(Status::Default), "Default");
    }

    #[test]
    fn media_kinds_by_preference() {
        assert_eq!(media_kind("application/json; charset=utf-8"), MediaKind::Json);
        assert_eq!(media_kind("application/problem+json"), MediaKind::Json);
        assert_eq!(media_kind("*/*"), MediaKind::Json);
        assert_eq!(media_kind("application/x-www-form-urlencoded"), MediaKind::Form);
        assert_eq!(media_kind("text/plain"), MediaKind::Text);
        assert_eq!(media_kind("application/xml"), MediaKind::Text);
        assert_eq!(media_kind("application/octet-stream"), MediaKind::Binary);
        assert!(MediaKind::Json < MediaKind::Form && MediaKind::Text < MediaKind::Binary);
    }
}
