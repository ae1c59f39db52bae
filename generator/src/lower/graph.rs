//! Passes over the finished type graph: which direction each type travels, where
//! recursion needs a `Box`, and which recursive types can have no finite value.

use crate::ir::{Checks, FeatureId, Module, Newtype, Reach, TypeId, TypeKind, TypeRef};

/// How a type holds a type it mentions.
#[derive(Debug, Clone, Copy)]
struct Edge {
    to: TypeId,
    storage: Storage,
    presence: Presence,
}

/// Where the value of an edge's target is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Storage {
    /// In the value itself: a cycle of inline edges has infinite size.
    Inline,
    /// Behind a pointer (`Vec`, `Box`, a map).
    Indirect,
}

/// Whether every value holds one of the edge's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    /// Every value holds one: a cycle of mandatory inline edges has no finite value.
    Mandatory,
    /// A value may hold none (optional, nullable, one of several alternatives).
    Optional,
}

impl Edge {
    fn inline(self) -> bool {
        self.storage == Storage::Inline
    }

    /// Inline and mandatory.
    fn unavoidable(self) -> bool {
        self.inline() && self.presence == Presence::Mandatory
    }
}

/// The types a type mentions, each with how it is held.
fn edges(kind: &TypeKind) -> Vec<Edge> {
    fn walk(t: &TypeRef, storage: Storage, presence: Presence, out: &mut Vec<Edge>) {
        match t {
            TypeRef::Named(id) => out.push(Edge { to: *id, storage, presence }),
            TypeRef::Option(inner) => walk(inner, storage, Presence::Optional, out),
            TypeRef::Vec(inner) | TypeRef::Boxed(inner) => walk(inner, Storage::Indirect, Presence::Optional, out),
            TypeRef::Map(k, v) => {
                walk(k, Storage::Indirect, Presence::Optional, out);
                walk(v, Storage::Indirect, Presence::Optional, out);
            }
            TypeRef::Scalar(_) | TypeRef::Unit => {}
        }
    }
    let mut out = Vec::new();
    let (inline, mandatory) = (Storage::Inline, Presence::Mandatory);
    match kind {
        TypeKind::Alias(t) => walk(t, inline, mandatory, &mut out),
        TypeKind::Newtype(n) => {
            walk(&n.inner, inline, mandatory, &mut out);
            for t in n.checks.types() {
                walk(t, Storage::Indirect, Presence::Optional, &mut out);
            }
        }
        TypeKind::Struct(s) => {
            for f in &s.fields {
                let presence = if f.required { mandatory } else { Presence::Optional };
                walk(&f.ty, inline, presence, &mut out);
            }
            if let crate::ir::Additional::Typed(t) = &s.additional {
                walk(t, Storage::Indirect, Presence::Optional, &mut out);
            }
        }
        TypeKind::Union(u) => {
            let presence = if u.variants.len() == 1 { mandatory } else { Presence::Optional };
            for v in &u.variants {
                walk(&v.ty, inline, presence, &mut out);
            }
        }
        TypeKind::Enum(_) | TypeKind::Const(_) => {}
    }
    out
}

/// Whether `to` can reach `from` through edges accepted by `keep`.
fn reaches(module: &Module, from: TypeId, to: TypeId, keep: impl Fn(Edge) -> bool + Copy) -> bool {
    let mut seen = vec![false; module.types.len()];
    let mut stack = vec![to];
    while let Some(id) = stack.pop() {
        if id == from {
            return true;
        }
        if std::mem::replace(&mut seen[id.0], true) {
            continue;
        }
        for edge in edges(&module.types[id.0].kind) {
            if keep(edge) {
                stack.push(edge.to);
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
                .any(|edge| edge.unavoidable() && reaches(module, *id, edge.to, Edge::unavoidable))
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
            .filter(|edge| edge.inline() && reaches(module, id, edge.to, Edge::inline))
            .map(|edge| edge.to)
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

/// The types an operation sends: its parameters' and its body's.
fn sent_roots(op: &crate::ir::Operation) -> impl Iterator<Item = TypeRef> + '_ {
    op.params.iter().map(|p| p.ty.clone()).chain(op.body.as_ref().and_then(|b| b.ty().cloned()))
}

/// The types an operation receives: its responses' bodies'.
fn received_roots(op: &crate::ir::Operation) -> impl Iterator<Item = TypeRef> + '_ {
    op.responses.iter().filter_map(|r| r.body.as_ref().and_then(|b| b.ty().cloned()))
}

/// Marks each type with the features that compile it: those of every operation,
/// webhook and callback that reaches it through the type graph.
pub fn mark_reach(module: &mut Module) {
    let mut roots: Vec<(TypeRef, &[FeatureId])> = Vec::new();
    // Types that a feature compiles without what they refer to: the webhook union,
    // whose variants each compile with their own webhook's features.
    let mut shells: Vec<(TypeId, &[FeatureId])> = Vec::new();
    for op in &module.operations {
        roots.extend(sent_roots(op).chain(received_roots(op)).map(|t| (t, op.features.as_slice())));
    }
    if let Some(hooks) = &module.webhooks {
        if let Some(TypeKind::Union(union)) = module.types.get(hooks.event.0).map(|d| &d.kind) {
            for (variant, features) in union.variants.iter().zip(&hooks.features) {
                roots.push((variant.ty.clone(), features));
                shells.push((hooks.event, features));
            }
        }
    }
    if let Some(id) = module.callbacks {
        roots.push((TypeRef::Named(id), module.callback_features.as_slice()));
    }
    // One walk per feature: a type is marked once per feature that reaches it.
    let mut reach: Vec<Vec<FeatureId>> = vec![Vec::new(); module.types.len()];
    for feature in (0..module.features.len()).map(FeatureId) {
        for (id, _) in shells.iter().filter(|(_, f)| f.contains(&feature)) {
            if reach[id.0].last() != Some(&feature) {
                reach[id.0].push(feature);
            }
        }
        let mut stack: Vec<TypeId> =
            roots.iter().filter(|(_, f)| f.contains(&feature)).flat_map(|(t, _)| named(t)).collect();
        while let Some(id) = stack.pop() {
            if reach[id.0].last() == Some(&feature) {
                continue;
            }
            reach[id.0].push(feature);
            stack.extend(edges(&module.types[id.0].kind).into_iter().map(|edge| edge.to));
        }
    }
    for (def, features) in module.types.iter_mut().zip(reach) {
        def.reach = if features.is_empty() { Reach::Unused } else { Reach::Features(features) };
    }
}

/// Marks each type with the directions its values travel, from the operations and
/// webhooks that use them.
pub fn mark_usage(module: &mut Module) {
    /// Which way a root's values travel.
    enum Direction {
        Sent,
        Received,
    }
    let mut roots: Vec<(TypeRef, Direction)> = Vec::new();
    for op in &module.operations {
        roots.extend(sent_roots(op).map(|t| (t, Direction::Sent)));
        roots.extend(received_roots(op).map(|t| (t, Direction::Received)));
    }
    for id in module.webhooks.iter().map(|w| &w.event).chain(&module.callbacks) {
        roots.push((TypeRef::Named(*id), Direction::Received));
    }
    for (root, direction) in roots {
        let mut stack = Vec::new();
        root.visit(&mut |t| {
            if let TypeRef::Named(id) = t {
                stack.push(*id);
            }
        });
        while let Some(id) = stack.pop() {
            let usage = &mut module.types[id.0].usage;
            let flag = match direction {
                Direction::Sent => &mut usage.request,
                Direction::Received => &mut usage.response,
            };
            if std::mem::replace(flag, true) {
                continue;
            }
            stack.extend(edges(&module.types[id.0].kind).into_iter().map(|edge| edge.to));
        }
    }
}
