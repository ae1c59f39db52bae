//! Changes of the generated types: added, removed, renamed, and what changed
//! inside those in both versions.

use std::collections::BTreeMap;

use super::{requiredness, rust_type, Change, Kind, Names, Reason, Subject};
use crate::ir::{Additional, Check, Checks, Enum, Field, Module, Newtype, Struct, TypeDef, TypeKind, TypeRef, Union};

/// Old name → new name of the types that were renamed: a type gone from the new
/// version paired with a new type defined at the same schema location, or else
/// with the one new type of the same shape.
pub(super) fn renames(old: &Module, new: &Module) -> BTreeMap<String, String> {
    let old_names: BTreeMap<&str, &TypeDef> = old.types.iter().map(|d| (d.name.as_str(), d)).collect();
    let new_names: BTreeMap<&str, &TypeDef> = new.types.iter().map(|d| (d.name.as_str(), d)).collect();
    let gone: Vec<&TypeDef> =
        old_names.values().filter(|d| !new_names.contains_key(d.name.as_str())).copied().collect();
    let fresh: Vec<&TypeDef> =
        new_names.values().filter(|d| !old_names.contains_key(d.name.as_str())).copied().collect();
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    // Same location first: the schema kept its place, its Rust name changed.
    for o in &gone {
        let at = &o.origin.pointer;
        if let [n] = fresh.iter().filter(|n| &n.origin.pointer == at).collect::<Vec<_>>().as_slice() {
            renames.insert(o.name.clone(), n.name.clone());
        }
    }
    // Then the same shape, when exactly one old and one new type have it. Shapes
    // name other types, so a second pass sees the renames the first one found.
    for _ in 0..2 {
        let taken: Vec<&String> = renames.values().collect();
        let mut by_shape: BTreeMap<String, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
        for o in gone.iter().filter(|o| !renames.contains_key(&o.name)) {
            by_shape.entry(shape(old, o, &renames)).or_default().0.push(&o.name);
        }
        for n in fresh.iter().filter(|n| !taken.contains(&&n.name)) {
            by_shape.entry(shape(new, n, &BTreeMap::new())).or_default().1.push(&n.name);
        }
        let found: Vec<(String, String)> = by_shape
            .values()
            .filter_map(|(olds, news)| match (olds.as_slice(), news.as_slice()) {
                ([o], [n]) => Some((o.to_string(), n.to_string())),
                _ => None,
            })
            .collect();
        renames.extend(found);
    }
    renames
}

/// Reports the types added, removed or renamed, and the changes inside the types
/// both versions have.
pub(super) fn compare(names: &Names, changes: &mut Vec<Change>) {
    let (old, new) = (names.old, names.new);
    let new_by_name: BTreeMap<&str, &TypeDef> = new.types.iter().map(|d| (d.name.as_str(), d)).collect();
    let renamed_to: Vec<&str> = names.renames.values().map(String::as_str).collect();
    for o in old.types.iter() {
        let (target, renamed) = match names.renames.get(&o.name) {
            Some(n) => (n.as_str(), true),
            None => (o.name.as_str(), false),
        };
        let subject = Subject::Type { name: target.to_owned() };
        let Some(n) = new_by_name.get(target) else {
            changes.push(Change {
                subject: Subject::Type { name: o.name.clone() },
                kind: Kind::TypeRemoved,
                detail: format!("type `{}` removed ({})", o.name, o.origin.pointer),
                rule: Reason::Removed,
            });
            continue;
        };
        if renamed {
            changes.push(Change {
                subject: subject.clone(),
                kind: Kind::TypeRenamed,
                detail: format!("type `{}` renamed to `{target}`", o.name),
                rule: Reason::Renamed,
            });
        }
        let mut out = Vec::new();
        let travel = if n.usage.request || o.usage.request { Travel::Sent } else { Travel::ReceivedOnly };
        // An alias of the same type in both versions: its changes are that type's.
        if let (TypeKind::Alias(a), TypeKind::Alias(b)) = (&o.kind, &n.kind) {
            if names.same(a, b) {
                continue;
            }
        }
        // An inline type that became an alias of an identical type, or stopped
        // being one, or aliases another identical type, still names the same
        // shape: compare what the names stand for.
        let (ro, rn) = (resolved(old, o), resolved(new, n));
        let aliased = !std::ptr::eq(ro, o) || !std::ptr::eq(rn, *n);
        if aliased && shape(old, ro, names.renames) == shape(new, rn, &BTreeMap::new()) {
            continue;
        }
        kind(names, &ro.kind, &rn.kind, travel, &mut out);
        changes.extend(out.into_iter().map(|(kind, detail, rule)| Change {
            subject: subject.clone(),
            kind,
            detail,
            rule,
        }));
    }
    let old_names: Vec<&str> = old.types.iter().map(|d| d.name.as_str()).collect();
    for n in new.types.iter() {
        if !old_names.contains(&n.name.as_str()) && !renamed_to.contains(&n.name.as_str()) {
            changes.push(Change {
                subject: Subject::Type { name: n.name.clone() },
                kind: Kind::TypeAdded,
                detail: format!("type `{}` added ({})", n.name, n.origin.pointer),
                rule: Reason::Added,
            });
        }
    }
}

/// The type an alias of a named type stands for, through any chain of aliases;
/// any other type itself.
fn resolved<'m>(module: &'m Module, def: &'m TypeDef) -> &'m TypeDef {
    let mut current = def;
    for _ in 0..module.types.len() {
        match &current.kind {
            TypeKind::Alias(TypeRef::Named(id)) => match module.types.get(id.0) {
                Some(next) => current = next,
                None => break,
            },
            _ => break,
        }
    }
    current
}

/// A type's shape as text: equal shapes are the same type under another name.
fn shape(module: &Module, def: &TypeDef, renames: &BTreeMap<String, String>) -> String {
    let t = |t| rust_type(module, t, renames);
    match &def.kind {
        TypeKind::Alias(a) => format!("alias {}", t(a)),
        TypeKind::Struct(s) => {
            let fields: Vec<String> =
                s.fields.iter().map(|f| format!("{}:{}:{}", f.json_name, f.required, t(&f.ty))).collect();
            format!("struct {{{}}} {:?}", fields.join(","), additional(module, &s.additional, renames))
        }
        TypeKind::Enum(e) => format!("enum {:?}", e.variants.iter().map(|v| &v.value).collect::<Vec<_>>()),
        TypeKind::Const(v) => format!("const {v}"),
        TypeKind::Newtype(n) => format!("newtype {} {:?}", t(&n.inner), n.checks),
        TypeKind::Union(u) => {
            let variants: Vec<String> = u.variants.iter().map(|v| format!("{}:{}", v.name, t(&v.ty))).collect();
            format!("union {}", variants.join(","))
        }
    }
}

/// What happens to unlisted properties, as text.
fn additional(module: &Module, a: &Additional, renames: &BTreeMap<String, String>) -> String {
    match a {
        Additional::Kept => "kept".to_owned(),
        Additional::Rejected => "refused".to_owned(),
        Additional::Typed(t) => format!("kept as {}", rust_type(module, t, renames)),
    }
}

type Found = Vec<(Kind, String, Reason)>;

/// Whether callers build values of a type (so its struct literals and checks are
/// theirs), or only read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Travel {
    /// Some operation sends it, in either version.
    Sent,
    /// Only received.
    ReceivedOnly,
}

impl Travel {
    /// `sent` for a sent type, else `received`.
    fn pick(self, sent: Reason, received: Reason) -> Reason {
        match self {
            Travel::Sent => sent,
            Travel::ReceivedOnly => received,
        }
    }
}

/// The changes between two definitions of one type.
fn kind(names: &Names, old: &TypeKind, new: &TypeKind, travel: Travel, out: &mut Found) {
    match (old, new) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => structs(names, a, b, travel, out),
        (TypeKind::Enum(a), TypeKind::Enum(b)) => enums(a, b, out),
        (TypeKind::Union(a), TypeKind::Union(b)) => unions(names, a, b, out),
        (TypeKind::Newtype(a), TypeKind::Newtype(b)) => newtypes(names, a, b, travel, out),
        (TypeKind::Alias(a), TypeKind::Alias(b)) => {
            if !names.same(a, b) {
                let (a, b) = (names.old_type(a), names.new_type(b));
                out.push((Kind::TypeShape, format!("alias of `{a}` → `{b}`"), Reason::TypeChanged));
            }
        }
        (TypeKind::Const(a), TypeKind::Const(b)) => {
            if a != b {
                out.push((Kind::TypeShape, format!("constant {a} → {b}"), Reason::WireOnly));
            }
        }
        _ => out.push((Kind::TypeShape, format!("{} → {}", kind_word(old), kind_word(new)), Reason::TypeChanged)),
    }
}

fn kind_word(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Alias(_) => "type alias",
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "string enum",
        TypeKind::Const(_) => "constant",
        TypeKind::Newtype(_) => "checked newtype",
        TypeKind::Union(_) => "union enum",
    }
}

/// The type of a field as declared: `Option` when the property is optional.
fn field_ref(f: &Field) -> TypeRef {
    if f.required {
        f.ty.clone()
    } else {
        TypeRef::Option(Box::new(f.ty.clone()))
    }
}

/// The Rust type of a field: `Option` when the property is optional.
fn field_type(ty: String, required: bool) -> String {
    if required {
        ty
    } else {
        format!("Option<{ty}>")
    }
}

fn structs(names: &Names, a: &Struct, b: &Struct, travel: Travel, out: &mut Found) {
    for f in &a.fields {
        let Some(g) = b.fields.iter().find(|g| g.json_name == f.json_name) else {
            out.push((Kind::FieldRemoved, format!("field `{}` removed", f.json_name), Reason::Removed));
            continue;
        };
        let (old_field, new_field) =
            (field_type(names.old_type(&f.ty), f.required), field_type(names.new_type(&g.ty), g.required));
        if f.required != g.required {
            let kind = if g.required { Kind::FieldMadeRequired } else { Kind::FieldMadeOptional };
            let word = requiredness(g.required);
            let rule = if !names.same(&field_ref(f), &field_ref(g)) {
                Reason::TypeChanged
            } else if g.required {
                travel.pick(Reason::WireOnly, Reason::StricterDecoding)
            } else {
                Reason::WireOnly
            };
            out.push((kind, format!("field `{}` is now {word}: `{old_field}` → `{new_field}`", f.json_name), rule));
        } else if !names.same(&f.ty, &g.ty) {
            out.push((
                Kind::FieldType,
                format!("field `{}`: `{old_field}` → `{new_field}`", f.json_name),
                Reason::TypeChanged,
            ));
        }
    }
    for g in b.fields.iter().filter(|g| !a.fields.iter().any(|f| f.json_name == g.json_name)) {
        let ty = field_type(names.new_type(&g.ty), g.required);
        let rule = travel.pick(Reason::StructLiteral, Reason::ReceivedField);
        let detail = format!("field `{}` added, {}: `{ty}`", g.json_name, requiredness(g.required));
        out.push((Kind::FieldAdded, detail, rule));
    }
    let old_extra = additional(names.old, &a.additional, names.renames);
    let new_extra = additional(names.new, &b.additional, &BTreeMap::new());
    if old_extra != new_extra {
        let detail = format!("unlisted properties: {old_extra} → {new_extra}");
        let rule = match (&a.additional, &b.additional) {
            // The map field appears: a new field of the struct.
            (Additional::Rejected, _) => travel.pick(Reason::StructLiteral, Reason::ReceivedField),
            (_, Additional::Rejected) => Reason::Removed,
            _ => Reason::TypeChanged,
        };
        let kind = match rule {
            Reason::Removed => Kind::FieldRemoved,
            Reason::TypeChanged => Kind::FieldType,
            _ => Kind::FieldAdded,
        };
        out.push((kind, detail, rule));
    }
}

fn enums(a: &Enum, b: &Enum, out: &mut Found) {
    for v in a.variants.iter().filter(|v| !b.variants.iter().any(|w| w.value == v.value)) {
        out.push((
            Kind::EnumValueRemoved,
            format!("value `{}` removed (variant `{}`)", v.value, v.name),
            Reason::Removed,
        ));
    }
    for w in b.variants.iter().filter(|w| !a.variants.iter().any(|v| v.value == w.value)) {
        out.push((
            Kind::EnumValueAdded,
            format!("value `{}` added (variant `{}`)", w.value, w.name),
            Reason::NonExhaustive,
        ));
    }
    for v in &a.variants {
        if let Some(w) = b.variants.iter().find(|w| w.value == v.value && w.name != v.name) {
            let detail = format!("value `{}`: variant `{}` renamed to `{}`", v.value, v.name, w.name);
            out.push((Kind::VariantRenamed, detail, Reason::Renamed));
        }
    }
    catch_all(&a.unknown, &b.unknown, "unknown values", out);
}

/// A catch-all variant (`Unknown`) that appeared or went.
/// A catch-all variant (`unknown`) that appeared or went.
fn catch_all(old: &Option<String>, new: &Option<String>, what: &str, out: &mut Found) {
    match (old, new) {
        (None, Some(_)) => out.push((Kind::VariantAdded, format!("now keeps {what}"), Reason::NonExhaustive)),
        (Some(_), None) => out.push((Kind::VariantRemoved, format!("no longer keeps {what}"), Reason::Removed)),
        _ => {}
    }
}

fn unions(names: &Names, a: &Union, b: &Union, out: &mut Found) {
    for v in &a.variants {
        match b.variants.iter().find(|w| w.name == v.name) {
            None => out.push((Kind::VariantRemoved, format!("variant `{}` removed", v.name), Reason::Removed)),
            Some(w) => {
                if !names.same(&v.ty, &w.ty) {
                    let (x, y) = (names.old_type(&v.ty), names.new_type(&w.ty));
                    out.push((Kind::VariantType, format!("variant `{}`: `{x}` → `{y}`", v.name), Reason::TypeChanged));
                }
            }
        }
    }
    for w in b.variants.iter().filter(|w| !a.variants.iter().any(|v| v.name == w.name)) {
        let detail = format!("variant `{}` added: `{}`", w.name, names.new_type(&w.ty));
        out.push((Kind::VariantAdded, detail, Reason::NonExhaustive));
    }
    catch_all(&a.unknown, &b.unknown, "values that select no variant", out);
}

fn newtypes(names: &Names, a: &Newtype, b: &Newtype, travel: Travel, out: &mut Found) {
    if !names.same(&a.inner, &b.inner) {
        let (x, y) = (names.old_type(&a.inner), names.new_type(&b.inner));
        out.push((Kind::TypeShape, format!("checked value: `{x}` → `{y}`"), Reason::TypeChanged));
    }
    checks("", &a.checks, &b.checks, travel, out);
}

/// Compares the rules of a checked type, nested ones (`items`, `keys`, `values`) too.
fn checks(prefix: &str, a: &Checks, b: &Checks, travel: Travel, out: &mut Found) {
    let tightened = |out: &mut Found, what: String| {
        let rule = travel.pick(Reason::Tightened, Reason::ReceivedRule);
        out.push((Kind::ConstraintTightened, what, rule));
    };
    let loosened = |out: &mut Found, what: String| out.push((Kind::ConstraintLoosened, what, Reason::Loosened));
    for r in &a.rules {
        match b.rules.iter().find(|s| std::mem::discriminant(*s) == std::mem::discriminant(r)) {
            None => loosened(out, format!("{prefix}{} dropped", r.describe())),
            Some(s) if s == r => {}
            Some(s) => {
                let what = format!("{prefix}{} → {}", r.describe(), s.describe());
                match stricter(r, s) {
                    Some(true) => tightened(out, what),
                    Some(false) => loosened(out, what),
                    // Patterns and other rules that cannot be ordered: may refuse more.
                    None => tightened(out, what),
                }
            }
        }
    }
    for s in b.rules.iter().filter(|s| !a.rules.iter().any(|r| std::mem::discriminant(r) == std::mem::discriminant(*s)))
    {
        tightened(out, format!("{prefix}{} added", s.describe()));
    }
    let empty = Checks::default();
    for (word, x, y) in [("items", &a.items, &b.items), ("keys", &a.keys, &b.keys), ("values", &a.values, &b.values)] {
        if x.is_some() || y.is_some() {
            let prefix = format!("{prefix}{word}: ");
            checks(&prefix, x.as_deref().unwrap_or(&empty), y.as_deref().unwrap_or(&empty), travel, out);
        }
    }
}

/// Whether rule `new` refuses more values than `old` (`Some(true)`), fewer
/// (`Some(false)`), or cannot be ordered against it (`None`).
fn stricter(old: &Check, new: &Check) -> Option<bool> {
    let f = |n: &serde_json::Number| n.as_f64().unwrap_or_default();
    // Matched on `old` without a wildcard: a new kind of check does not compile
    // until it says whether a change of it is stricter. A change of kind is
    // neither (it is a rule removed and one added).
    match old {
        Check::MinLength(a) => match new {
            Check::MinLength(b) => Some(b > a),
            _ => None,
        },
        Check::MinItems(a) => match new {
            Check::MinItems(b) => Some(b > a),
            _ => None,
        },
        Check::MinProperties(a) => match new {
            Check::MinProperties(b) => Some(b > a),
            _ => None,
        },
        Check::MaxLength(a) => match new {
            Check::MaxLength(b) => Some(b < a),
            _ => None,
        },
        Check::MaxItems(a) => match new {
            Check::MaxItems(b) => Some(b < a),
            _ => None,
        },
        Check::MaxProperties(a) => match new {
            Check::MaxProperties(b) => Some(b < a),
            _ => None,
        },
        Check::Minimum(a) => match new {
            Check::Minimum(b) => Some(f(b) > f(a)),
            _ => None,
        },
        Check::ExclusiveMinimum(a) => match new {
            Check::ExclusiveMinimum(b) => Some(f(b) > f(a)),
            _ => None,
        },
        Check::Maximum(a) => match new {
            Check::Maximum(b) => Some(f(b) < f(a)),
            _ => None,
        },
        Check::ExclusiveMaximum(a) => match new {
            Check::ExclusiveMaximum(b) => Some(f(b) < f(a)),
            _ => None,
        },
        Check::Enum(a) => match new {
            Check::Enum(b) => {
                let refuses_more = a.iter().any(|v| !b.contains(v));
                let accepts_more = b.iter().any(|v| !a.contains(v));
                match (refuses_more, accepts_more) {
                    (true, _) => Some(true),
                    (false, true) => Some(false),
                    (false, false) => None,
                }
            }
            _ => None,
        },
        Check::DependentRequired(a) => match new {
            Check::DependentRequired(b) => {
                let requires = |deps: &[(String, Vec<String>)], property: &str, name: &str| {
                    deps.iter().any(|(p, names)| p == property && names.iter().any(|n| n == name))
                };
                let pairs = |deps: &[(String, Vec<String>)]| -> Vec<(String, String)> {
                    deps.iter().flat_map(|(p, names)| names.iter().map(|n| (p.clone(), n.clone()))).collect()
                };
                let refuses_more = pairs(b).iter().any(|(p, n)| !requires(a, p, n));
                let accepts_more = pairs(a).iter().any(|(p, n)| !requires(b, p, n));
                match (refuses_more, accepts_more) {
                    (true, _) => Some(true),
                    (false, true) => Some(false),
                    (false, false) => None,
                }
            }
            _ => None,
        },
        // Neither stricter nor looser by comparison: a changed pattern or
        // `multipleOf` may accept more and refuse more at once.
        Check::Pattern(_)
        | Check::MultipleOf(_)
        | Check::UniqueItems
        | Check::Never
        | Check::Unsatisfiable(_)
        | Check::PatternProperties { .. } => None,
    }
}
