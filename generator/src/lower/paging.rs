//! How operations page: an operation's `x-pagination` extension, or the pattern it
//! follows where that is unambiguous.
//!
//! ```yaml
//! x-pagination:
//!   style: page          # page | cursor | link
//!   items: /items        # JSON pointer of the items' array in the success body ("" : the body)
//!   param: page          # page, cursor: the query parameter that asks for a page
//!   last-page: /max_page # page, optional: pointer of the last page's number
//!   has-more: /has_more  # cursor: pointer of the flag saying more pages follow
//!   id: /id              # cursor: pointer of an item's id (default /id)
//! ```
//!
//! Inferred, without the extension, for `GET` operations only:
//! - cursor, Stripe's convention: a `starting_after` query parameter, and a body
//!   whose `has_more` is a boolean and `data` an array;
//! - link, GitHub's: a documented `Link` response header and a `page` query
//!   parameter, and a body that is an array (or an object with exactly one array).
//!
//! `x-pagination: false` turns inference off for an operation.

use openapiv3::ReferenceOr;
use serde_json::Value;

use super::operations::operations;
use crate::diagnostic::{Diagnostic, Sink};
use crate::ir::{Module, NextPage, Operation, Pagination, ParamLocation, Scalar, Status, TypeKind, TypeRef};
use crate::resolve::documents::Loc;
use crate::resolve::Spec;

const EXTENSION: &str = "x-pagination";

/// Sets the pagination of every operation of `module` that pages.
pub(super) fn paginate(module: &mut Module, spec: &Spec<'_>, sink: &mut Sink) {
    let root = spec.docs.root();
    let mut found = Vec::new();
    for (path, item) in spec.api.paths.paths.iter() {
        let ReferenceOr::Item(item) = item else { continue };
        for (method, api_op) in operations(item) {
            let Some(index) = module.operations.iter().position(|op| op.method == method && op.path == *path) else {
                continue;
            };
            let op = &module.operations[index];
            let at = Loc::new(root, "/paths").child(path).child(method.key()).child(EXTENSION);
            let paging = match api_op.extensions.get(EXTENSION) {
                Some(Value::Bool(false)) => None,
                Some(declared) => match declared_paging(module, op, declared) {
                    Ok(paging) => Some(paging),
                    Err(message) => {
                        let d = Diagnostic::error(format!("{EXTENSION}: {message}"))
                            .help("see docs/reference.md, \"Pagination\", for the extension's fields");
                        sink.push(spec.docs.diagnostic_at(d, &at));
                        None
                    }
                },
                None if method == crate::ir::Method::Get => inferred_paging(module, op, api_op),
                None => None,
            };
            found.push((index, paging));
        }
    }
    for (index, paging) in found {
        module.operations[index].pagination = paging;
    }
}

/// The pagination an `x-pagination` value declares, or what is wrong with it.
fn declared_paging(module: &Module, op: &Operation, declared: &Value) -> Result<Pagination, String> {
    let text = |key: &str| declared.get(key).and_then(Value::as_str).map(str::to_owned);
    let required = |key: &str| text(key).ok_or_else(|| format!("`{key}` (a string) is missing"));
    let pointer = |key: &str| match text(key) {
        Some(p) if p.is_empty() || p.starts_with('/') => Ok(Some(p)),
        Some(p) => Err(format!("`{key}` must be a JSON pointer (`/name`), not `{p}`")),
        None => Ok(None),
    };
    let items = pointer("items")?.unwrap_or_default();
    let next = match required("style")?.as_str() {
        "page" => NextPage::Page { param: query_param(op, &required("param")?)?, last: pointer("last-page")? },
        "cursor" => NextPage::Cursor {
            param: query_param(op, &required("param")?)?,
            has_more: pointer("has-more")?.ok_or("`has-more` (a JSON pointer) is missing")?,
            id: pointer("id")?.unwrap_or_else(|| "/id".to_owned()),
        },
        "link" => NextPage::Link,
        other => return Err(format!("unknown style `{other}` (page, cursor or link)")),
    };
    let body = success_type(op).ok_or("the operation has no JSON success body to page through")?;
    let item =
        item_type(module, body, &items).ok_or_else(|| format!("`{items}` is not an array of the success body"))?;
    Ok(Pagination { items, item, next })
}

/// The name of query parameter `name` of `op`, or an error naming it.
fn query_param(op: &Operation, name: &str) -> Result<String, String> {
    op.params
        .iter()
        .find(|p| p.location == ParamLocation::Query && p.name == name)
        .map(|p| p.name.clone())
        .ok_or_else(|| format!("the operation has no query parameter `{name}`"))
}

/// The pagination of a `GET` that follows Stripe's or GitHub's convention.
fn inferred_paging(module: &Module, op: &Operation, api_op: &openapiv3::Operation) -> Option<Pagination> {
    let body = success_type(op)?;
    let has_query = |name: &str| op.params.iter().any(|p| p.location == ParamLocation::Query && p.name == name);
    if has_query("starting_after") && field_type(module, body, "has_more") == Some(&TypeRef::Scalar(Scalar::Bool)) {
        let item = item_type(module, body, "/data")?;
        let next = NextPage::Cursor {
            param: "starting_after".to_owned(),
            has_more: "/has_more".to_owned(),
            id: "/id".to_owned(),
        };
        return Some(Pagination { items: "/data".to_owned(), item, next });
    }
    if has_query("page") && documents_link(api_op) {
        let items = match item_type(module, body, "") {
            Some(_) => String::new(),
            None => only_array(module, body)?,
        };
        let item = item_type(module, body, &items)?;
        return Some(Pagination { items, item, next: NextPage::Link });
    }
    None
}

/// Whether a success response of `op` documents a `Link` header.
fn documents_link(op: &openapiv3::Operation) -> bool {
    op.responses.responses.iter().any(|(code, response)| {
        let success = matches!(code, openapiv3::StatusCode::Code(200..=299) | openapiv3::StatusCode::Range(2));
        let ReferenceOr::Item(response) = response else { return false };
        success && response.headers.keys().any(|name| name.eq_ignore_ascii_case("link"))
    })
}

/// The type of the JSON body of `op`'s first success response.
fn success_type(op: &Operation) -> Option<&TypeRef> {
    let success = op.responses.iter().find(|r| r.status.is_success() || r.status == Status::Default)?;
    match &success.body.as_ref()?.kind {
        crate::ir::BodyKind::Json(ty) => Some(ty),
        _ => None,
    }
}

/// `ty` without the wrappers that do not change its JSON: `Option`, `Box`, aliases.
fn unwrapped<'m>(module: &'m Module, mut ty: &'m TypeRef) -> &'m TypeRef {
    loop {
        ty = match ty {
            TypeRef::Option(inner) | TypeRef::Boxed(inner) => inner,
            TypeRef::Named(id) => match &module.types[id.0].kind {
                TypeKind::Alias(inner) => inner,
                _ => return ty,
            },
            _ => return ty,
        };
    }
}

/// The type of property `name` of the struct `ty`, unwrapped.
fn field_type<'m>(module: &'m Module, ty: &'m TypeRef, name: &str) -> Option<&'m TypeRef> {
    let TypeRef::Named(id) = unwrapped(module, ty) else { return None };
    let TypeKind::Struct(s) = &module.types[id.0].kind else { return None };
    s.fields.iter().find(|f| f.json_name == name).map(|f| unwrapped(module, &f.ty))
}

/// The item type of the array at `pointer` in a value of type `ty`.
fn item_type(module: &Module, ty: &TypeRef, pointer: &str) -> Option<TypeRef> {
    let mut at = unwrapped(module, ty);
    for token in crate::pointer::tokens(pointer) {
        at = field_type(module, at, &token)?;
    }
    match at {
        TypeRef::Vec(item) => Some((**item).clone()),
        _ => None,
    }
}

/// The pointer of the one array property of struct `ty`, if it has exactly one.
fn only_array(module: &Module, ty: &TypeRef) -> Option<String> {
    let TypeRef::Named(id) = unwrapped(module, ty) else { return None };
    let TypeKind::Struct(s) = &module.types[id.0].kind else { return None };
    let mut arrays = s.fields.iter().filter(|f| matches!(unwrapped(module, &f.ty), TypeRef::Vec(_)));
    match (arrays.next(), arrays.next()) {
        (Some(only), None) => Some(crate::pointer::push("", &only.json_name)),
        _ => None,
    }
}
