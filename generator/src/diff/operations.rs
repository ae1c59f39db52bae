//! Changes of the client: operations added, removed or changed, and the ways to
//! authenticate and the servers.

use std::collections::BTreeMap;

use super::{requiredness, Change, Kind, Names, Reason, Subject};
use crate::ir::{Body, BodyKind, Module, Operation, Param, ParamLocation, Response, Security, Status, TypeRef};

/// Reports the operations added, removed or changed, then the client's changes.
pub(super) fn compare(names: &Names, changes: &mut Vec<Change>) {
    let old: BTreeMap<String, &Operation> = names.old.operations.iter().map(|op| (key(op), op)).collect();
    let new: BTreeMap<String, &Operation> = names.new.operations.iter().map(|op| (key(op), op)).collect();
    for (k, o) in &old {
        match new.get(k) {
            None => changes.push(change(o, Kind::OperationRemoved, format!("`{}` removed", o.name), Reason::Removed)),
            Some(n) => operation(names, o, n, changes),
        }
    }
    for (_, n) in new.iter().filter(|(k, _)| !old.contains_key(*k)) {
        changes.push(change(n, Kind::OperationAdded, format!("`{}` added", n.name), Reason::Added));
    }
    client(names.old, names.new, changes);
}

/// What matches an operation across versions: its method and path, with the
/// names of path parameters left out (`GET /repos/{}/{}`).
fn key(op: &Operation) -> String {
    let mut path = String::new();
    let mut in_name = false;
    for c in op.path.chars() {
        match c {
            '{' => {
                in_name = true;
                path.push_str("{}");
            }
            '}' => in_name = false,
            _ if in_name => {}
            _ => path.push(c),
        }
    }
    format!("{} {path}", op.method)
}

fn change(op: &Operation, kind: Kind, detail: String, rule: Reason) -> Change {
    Change {
        subject: Subject::Operation { name: op.name.clone(), endpoint: format!("{} {}", op.method, op.path) },
        kind,
        detail,
        rule,
    }
}

fn operation(names: &Names, o: &Operation, n: &Operation, changes: &mut Vec<Change>) {
    let mut push = |kind, detail, rule| changes.push(change(n, kind, detail, rule));
    if o.name != n.name {
        push(Kind::OperationRenamed, format!("method `{}` renamed to `{}`", o.name, n.name), Reason::Renamed);
    }
    let features = |m: &Module, op: &Operation| -> Vec<String> {
        op.features.iter().map(|f| m.features[f.0].name.clone()).collect()
    };
    let (before, after) = (features(names.old, o), features(names.new, n));
    if before != after {
        let narrowed = before.iter().any(|f| !after.contains(f));
        let detail = format!("features: `{}` → `{}`", before.join("`, `"), after.join("`, `"));
        push(Kind::OperationFeatures, detail, if narrowed { Reason::FeatureNarrowed } else { Reason::FeatureWidened });
    }
    params(names, o, n, &mut push);
    body(names, o, n, &mut push);
    let same_success = match (&o.success, &n.success) {
        (Some(x), Some(y)) => x == y,
        (None, None) => same_body(names, success_body(o), success_body(n)),
        _ => false,
    };
    if !same_success {
        let (x, y) = (success(o, |t| names.old_type(t)), success(n, |t| names.new_type(t)));
        push(Kind::SuccessType, format!("success: `{x}` → `{y}`"), Reason::TypeChanged);
    }
    errors(names, o, n, &mut push);
    security(names, o.security.as_ref(), n.security.as_ref(), &mut push);
}

fn location(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

fn params(names: &Names, o: &Operation, n: &Operation, push: &mut impl FnMut(Kind, String, Reason)) {
    // Path parameters are matched by position: their names may change with the path.
    let same = |p: &Param, q: &Param| {
        p.location == q.location
            && match p.location {
                ParamLocation::Path => position(o, p) == position(n, q),
                _ => p.name == q.name,
            }
    };
    for p in &o.params {
        let what = format!("parameter `{}` ({})", p.name, location(p.location));
        let Some(q) = n.params.iter().find(|q| same(p, q)) else {
            push(Kind::ParameterRemoved, format!("{what} removed"), Reason::Removed);
            continue;
        };
        if p.required != q.required {
            let kind = if q.required { Kind::ParameterMadeRequired } else { Kind::ParameterMadeOptional };
            push(kind, format!("{what} is now {}", requiredness(q.required)), Reason::Moved);
        }
        if !names.same(&p.ty, &q.ty) {
            let (x, y) = (names.old_type(&p.ty), names.new_type(&q.ty));
            push(Kind::ParameterType, format!("{what}: `{x}` → `{y}`"), Reason::TypeChanged);
        }
    }
    for q in n.params.iter().filter(|q| !o.params.iter().any(|p| same(p, q))) {
        let (name, at, ty) = (&q.name, location(q.location), names.new_type(&q.ty));
        let detail = format!("parameter `{name}` ({at}) added, {}: `{ty}`", requiredness(q.required));
        push(Kind::ParameterAdded, detail, if q.required { Reason::NewArgument } else { Reason::NewSetter });
    }
}

/// The index of a path parameter among the path's parameters.
fn position(op: &Operation, p: &Param) -> Option<usize> {
    op.path.split('{').skip(1).position(|s| s.split('}').next() == Some(p.name.as_str()))
}

/// A body's Rust type (`Webhook`, `Multipart`, `String`).
fn body_type(body: &Body, ty: impl Fn(&TypeRef) -> String) -> String {
    match &body.kind {
        BodyKind::Json(t) => ty(t),
        BodyKind::Form(t) => format!("{} (form)", ty(t)),
        BodyKind::Multipart { .. } => "Multipart".to_owned(),
        BodyKind::Text => "String".to_owned(),
        BodyKind::Binary => "bytes".to_owned(),
    }
}

fn body(names: &Names, o: &Operation, n: &Operation, push: &mut impl FnMut(Kind, String, Reason)) {
    match (&o.body, &n.body) {
        (None, None) => {}
        (Some(a), None) => push(Kind::BodyRemoved, format!("request body `{}` removed", a.media_type), Reason::Removed),
        (None, Some(b)) => {
            let ty = body_type(b, |t| names.new_type(t));
            let detail = format!("request body added, {}: `{ty}`", requiredness(n.body_required));
            push(Kind::BodyAdded, detail, if n.body_required { Reason::NewArgument } else { Reason::NewSetter });
        }
        (Some(a), Some(b)) => {
            if o.body_required != n.body_required {
                let kind = if n.body_required { Kind::BodyMadeRequired } else { Kind::BodyMadeOptional };
                push(kind, format!("request body is now {}", requiredness(n.body_required)), Reason::Moved);
            }
            if !same_body(names, Some(a), Some(b)) {
                let (x, y) = (body_type(a, |t| names.old_type(t)), body_type(b, |t| names.new_type(t)));
                push(Kind::BodyType, format!("request body: `{x}` → `{y}`"), Reason::TypeChanged);
            }
        }
    }
}

/// Whether two bodies (or their absence) have the same encoding and Rust type.
fn same_body(names: &Names, a: Option<&Body>, b: Option<&Body>) -> bool {
    match (a.map(|a| &a.kind), b.map(|b| &b.kind)) {
        (None, None) => true,
        (Some(BodyKind::Json(x)), Some(BodyKind::Json(y))) | (Some(BodyKind::Form(x)), Some(BodyKind::Form(y))) => {
            names.same(x, y)
        }
        (Some(x), Some(y)) => body_type_word(x) == body_type_word(y),
        _ => false,
    }
}

/// The encoding of a body whose type is not a schema's.
fn body_type_word(kind: &BodyKind) -> &'static str {
    match kind {
        BodyKind::Json(_) => "json",
        BodyKind::Form(_) => "form",
        BodyKind::Multipart { .. } => "multipart",
        BodyKind::Text => "text",
        BodyKind::Binary => "binary",
    }
}

/// The body of the response read as success: the first documented `2xx`, else
/// `default`.
fn success_body(op: &Operation) -> Option<&Body> {
    let first = op.responses.iter().find(|r| r.status.is_success());
    first.or_else(|| op.responses.iter().find(|r| r.status == Status::Default)).and_then(|r| r.body.as_ref())
}

/// The success type of an operation's method, as the client returns it.
fn success(op: &Operation, ty: impl Fn(&TypeRef) -> String) -> String {
    if let Some(name) = &op.success {
        return name.clone();
    }
    match success_body(op) {
        Some(body) => match &body.kind {
            BodyKind::Json(t) | BodyKind::Form(t) => ty(t),
            BodyKind::Text => "String".to_owned(),
            BodyKind::Multipart { .. } | BodyKind::Binary => "Bytes".to_owned(),
        },
        None => "()".to_owned(),
    }
}

fn status(s: Status) -> String {
    match s {
        Status::Code(code) => code.to_string(),
        Status::Range(digit) => format!("{digit}XX"),
        Status::Default => "default".to_owned(),
    }
}

fn errors(names: &Names, o: &Operation, n: &Operation, push: &mut impl FnMut(Kind, String, Reason)) {
    let errors =
        |op: &Operation| -> Vec<Response> { op.responses.iter().filter(|r| !r.status.is_success()).cloned().collect() };
    let (a, b) = (errors(o), errors(n));
    let body = |r: &Response, old: bool| {
        r.body.as_ref().map_or("no body".to_owned(), |body| {
            body_type(body, |t| if old { names.old_type(t) } else { names.new_type(t) })
        })
    };
    for r in &a {
        match b.iter().find(|s| s.status == r.status) {
            None => push(
                Kind::ErrorRemoved,
                format!("error {} (`{}`) removed", status(r.status), r.variant),
                Reason::Removed,
            ),
            Some(s) => {
                if r.variant != s.variant {
                    let detail =
                        format!("error {}: variant `{}` renamed to `{}`", status(r.status), r.variant, s.variant);
                    push(Kind::ErrorType, detail, Reason::Renamed);
                }
                if !same_body(names, r.body.as_ref(), s.body.as_ref()) {
                    let (x, y) = (body(r, true), body(s, false));
                    push(Kind::ErrorType, format!("error {}: `{x}` → `{y}`", status(r.status)), Reason::TypeChanged);
                }
            }
        }
    }
    for s in b.iter().filter(|s| !a.iter().any(|r| r.status == s.status)) {
        let detail = format!("error {} added: `{}({})`", status(s.status), s.variant, body(s, false));
        push(Kind::ErrorAdded, detail, Reason::NonExhaustive);
    }
}

/// The auth variants an operation accepts, by name, and whether it may be called
/// without credentials (an operation that needs none accepts no variant: it
/// sends none).
fn accepted(module: &Module, security: Option<&Security>) -> (Vec<String>, bool) {
    match security {
        None => (Vec::new(), true),
        Some(s) => {
            (s.accepted.iter().filter_map(|&i| module.api.auth.get(i)).map(|v| v.name.clone()).collect(), s.optional)
        }
    }
}

fn security(names: &Names, o: Option<&Security>, n: Option<&Security>, push: &mut impl FnMut(Kind, String, Reason)) {
    let (a, a_optional) = accepted(names.old, o);
    let (b, b_optional) = accepted(names.new, n);
    if a == b && a_optional == b_optional {
        return;
    }
    let describe = |list: &[String], optional: bool| {
        let mut text = if list.is_empty() { "no credentials".to_owned() } else { list.join(" or ") };
        if optional && !list.is_empty() {
            text.push_str(", or none");
        }
        text
    };
    // Sending no credentials where some were sent is not narrower: the server
    // stopped asking for them.
    let narrowed = (!b.is_empty() && a.iter().any(|v| !b.contains(v))) || (a_optional && !b_optional);
    let detail = format!("accepts {} → {}", describe(&a, a_optional), describe(&b, b_optional));
    push(Kind::Security, detail, if narrowed { Reason::AuthNarrowed } else { Reason::AuthWidened });
}

/// The client's ways to authenticate (the `Auth` enum) and server constructors.
fn client(old: &Module, new: &Module, changes: &mut Vec<Change>) {
    let mut push = |kind, detail, rule| changes.push(Change { subject: Subject::Client, kind, detail, rule });
    for v in old.api.auth.iter().filter(|v| !new.api.auth.iter().any(|w| w.name == v.name)) {
        push(Kind::AuthRemoved, format!("`Auth::{}` removed", v.name), Reason::Removed);
    }
    for w in new.api.auth.iter().filter(|w| !old.api.auth.iter().any(|v| v.name == w.name)) {
        push(Kind::AuthAdded, format!("`Auth::{}` added", w.name), Reason::NonExhaustive);
    }
    for s in old.api.servers.iter().filter(|s| !new.api.servers.iter().any(|t| t.constructor == s.constructor)) {
        push(
            Kind::ServerRemoved,
            format!("constructor `Client::{}` ({}) removed", s.constructor, s.url),
            Reason::Removed,
        );
    }
    for t in new.api.servers.iter().filter(|t| !old.api.servers.iter().any(|s| s.constructor == t.constructor)) {
        push(Kind::ServerAdded, format!("constructor `Client::{}` ({}) added", t.constructor, t.url), Reason::Added);
    }
}
