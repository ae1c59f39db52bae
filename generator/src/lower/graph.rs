//! Passes over the finished type graph: which direction each type travels, where
//! recursion needs a `Box`, and which recursive types can have no finite value.

use crate::ir::{Checks, Module, Newtype, TypeId, TypeKind, TypeRef};

/// The types a type mentions, with whether each edge is *direct* (the value is
/// stored inline, so a cycle of such edges has infinite size) and whether it is
/// *mandatory* (every value must contain one, so a cycle of such edges has no
/// finite value).
fn edges(kind: &TypeKind) -> Vec<(TypeId, bool, bool)> {
    fn walk(t: &TypeRef, direct: bool, mandatory: bool, out: &mut Vec<(TypeId, bool, bool)>) {
        match t {
            TypeRef::Named(id) => out.push((*id, direct, mandatory)),
            TypeRef::Option(inner) => walk(inner, direct, false, out),
            TypeRef::Vec(inner) | TypeRef::Boxed(inner) => walk(inner, false, false, out),
            TypeRef::Map(k, v) => {
                walk(k, false, false, out);
                walk(v, false, false, out);
            }
            TypeRef::Scalar(_) | TypeRef::Unit => {}
        }
    }
    let mut out = Vec::new();
    match kind {
        TypeKind::Alias(t) => walk(t, true, true, &mut out),
        TypeKind::Newtype(n) => walk(&n.inner, true, true, &mut out),
        TypeKind::Struct(s) => {
            for f in &s.fields {
                walk(&f.ty, true, f.required, &mut out);
            }
            if let crate::ir::Additional::Typed(t) = &s.additional {
                walk(t, false, false, &mut out);
            }
        }
        TypeKind::Union(u) => {
            let single = u.variants.len() == 1;
            for v in &u.variants {
                walk(&v.ty, true, single, &mut out);
            }
        }
        TypeKind::Enum(_) | TypeKind::Const(_) | TypeKind::Pending => {}
    }
    out
}

/// Whether `to` can reach `from` through edges accepted by `keep`.
fn reaches(module: &Module, from: TypeId, to: TypeId, keep: impl Fn(bool, bool) -> bool + Copy) -> bool {
    let mut seen = vec![false; module.types.len()];
    let mut stack = vec![to];
    while let Some(id) = stack.pop() {
        if id == from {
            return true;
        }
        if std::mem::replace(&mut seen[id.0], true) {
            continue;
        }
        for (next, direct, mandatory) in edges(&module.types[id.0].kind) {
            if keep(direct, mandatory) {
                stack.push(next);
            }
        }
    }
    false
}

/// Types that can have no finite value: a cycle of mandatory inline edges.
pub fn infinite_types(module: &Module) -> Vec<TypeId> {
    (0..module.types.len())
        .map(TypeId)
        .filter(|id| {
            edges(&module.types[id.0].kind)
                .into_iter()
                .any(|(next, direct, mandatory)| direct && mandatory && reaches(module, *id, next, |d, m| d && m))
        })
        .collect()
}

/// Makes each alias that refers to itself through aliases alone (`type A =
/// Vec<A>`, E0391) a newtype without checks: a named type may contain itself.
pub fn name_recursive_aliases(module: &mut Module) {
    let recursive: Vec<usize> = (0..module.types.len())
        .filter(|i| {
            let TypeKind::Alias(target) = &module.types[*i].kind else { return false };
            let mut seen = vec![false; module.types.len()];
            let mut stack = named(target);
            while let Some(id) = stack.pop() {
                if id.0 == *i {
                    return true;
                }
                if std::mem::replace(&mut seen[id.0], true) {
                    continue;
                }
                if let TypeKind::Alias(next) = &module.types[id.0].kind {
                    stack.extend(named(next));
                }
            }
            false
        })
        .collect();
    for i in recursive {
        if let TypeKind::Alias(inner) = &module.types[i].kind {
            let inner = inner.clone();
            module.types[i].kind = TypeKind::Newtype(Newtype { inner, checks: Checks::default() });
        }
    }
}

/// The named types a type reference mentions.
fn named(t: &TypeRef) -> Vec<TypeId> {
    let mut out = Vec::new();
    t.visit(&mut |t| {
        if let TypeRef::Named(id) = t {
            out.push(*id);
        }
    });
    out
}

/// Boxes every direct edge that closes a cycle of direct edges, so each type has a
/// finite size. Only edges inside a cycle are boxed.
pub fn box_recursion(module: &mut Module) {
    for i in 0..module.types.len() {
        let id = TypeId(i);
        let targets: Vec<TypeId> = edges(&module.types[i].kind)
            .into_iter()
            .filter(|(next, direct, _)| *direct && reaches(module, id, *next, |d, _| d))
            .map(|(next, _, _)| next)
            .collect();
        if targets.is_empty() {
            continue;
        }
        let boxed = |t: &mut TypeRef| box_named(t, &targets);
        match &mut module.types[i].kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| boxed(&mut f.ty)),
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| boxed(&mut v.ty)),
            TypeKind::Newtype(n) => boxed(&mut n.inner),
            _ => {}
        }
    }
}

fn box_named(t: &mut TypeRef, targets: &[TypeId]) {
    match t {
        TypeRef::Named(id) if targets.contains(id) => *t = TypeRef::Boxed(Box::new(t.clone())),
        TypeRef::Option(inner) => box_named(inner, targets),
        _ => {}
    }
}

/// Marks each type with the directions its values travel, from the operations and
/// webhooks that use them.
pub fn mark_usage(module: &mut Module) {
    let mut roots: Vec<(TypeRef, bool)> = Vec::new();
    for op in &module.operations {
        for p in &op.params {
            roots.push((p.ty.clone(), true));
        }
        if let Some(t) = op.body.as_ref().and_then(|b| b.ty().cloned()) {
            roots.push((t, true));
        }
        for r in &op.responses {
            if let Some(t) = r.body.as_ref().and_then(|b| b.ty().cloned()) {
                roots.push((t, false));
            }
        }
    }
    for id in module.webhooks.iter().map(|w| &w.event).chain(&module.callbacks) {
        roots.push((TypeRef::Named(*id), false));
    }
    for (root, request) in roots {
        let mut stack = Vec::new();
        root.visit(&mut |t| {
            if let TypeRef::Named(id) = t {
                stack.push(*id);
            }
        });
        while let Some(id) = stack.pop() {
            let usage = &mut module.types[id.0].usage;
            let flag = if request { &mut usage.request } else { &mut usage.response };
            if std::mem::replace(flag, true) {
                continue;
            }
            for (next, _, _) in edges(&module.types[id.0].kind) {
                stack.push(next);
            }
        }
    }
}
