//! Compares two versions of a spec by their IR: what changed in the Rust API of
//! the bindings, and whether each change breaks a caller.
//!
//! Operations are matched by method and path (parameter names aside), types by
//! name, and a type that is gone is paired with a new one of the same schema
//! location or the same shape: a rename, not a removal and an addition. Every
//! change carries the [`Reason`] it was classified by; docs/reference.md, "Change
//! classification", gives them all.

mod operations;
mod reasons;
mod render;
mod types;

use std::collections::BTreeMap;

pub use reasons::{Class, Reason};
pub use render::{json, summary_line, text};

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Failure};
use crate::driver::{fail, lower_spec};
use crate::ir::{Module, Scalar, TypeKind, TypeRef};

/// Compares two spec files, each lowered as `config` generates it (its overlay,
/// `$ref` scope, validation mode and received-data policy).
pub fn specs(config: &Config, old: &Path, new: &Path) -> Result<ModuleDiff, Failure> {
    Ok(compare(&lower_spec(config, old, None)?, &lower_spec(config, new, None)?))
}

/// Compares the bindings of one spec file generated with two configurations: what
/// changing the validation mode or the received-data policy does to its Rust API
/// (`Received::Tolerant` makes the required fields of received types optional,
/// which breaks callers that read them).
pub fn configs(spec: &Path, old: &Config, new: &Config) -> Result<ModuleDiff, Failure> {
    Ok(compare(&lower_spec(old, spec, None)?, &lower_spec(new, spec, None)?))
}

/// Compares each spec with its version at the git revision `rev`. A spec that has
/// no version there is compared with an empty one: everything in it is added. A
/// spec that is gone from disk but exists at `rev` is compared the other way:
/// everything in it is removed. Both sides are lowered as `config` generates them.
pub fn since(config: &Config, specs: &[PathBuf], rev: &str) -> Result<Vec<ModuleDiff>, Failure> {
    let mut diffs = Vec::new();
    for path in specs {
        let at_rev = crate::revision::read(path, rev).map_err(|e| fail(Diagnostic::error(e)))?;
        let diff = match (at_rev, path.exists()) {
            (Some(_), true) => compare(&lower_spec(config, path, Some(rev))?, &lower_spec(config, path, None)?),
            (Some(_), false) => {
                let old = lower_spec(config, path, Some(rev))?;
                compare(&old, &empty(&old.name))
            }
            (None, _) => compare(&empty(&crate::module_name(path)), &lower_spec(config, path, None)?),
        };
        diffs.push(diff);
    }
    Ok(diffs)
}

/// One line per spec whose Rust API differs from its version at `rev`
/// (`quo: 2 operations changed, 1 breaking`), for `build.rs` and `generate` to
/// print after a regeneration. A spec with no version at `rev` (new, or outside
/// the repository) is left out, unread: the summary is about changes. Nothing when
/// git or the revision cannot be read: the summary is a courtesy, never an error.
pub fn change_summary(config: &Config, specs: &[PathBuf], rev: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for path in specs {
        let Ok(Some(_)) = crate::revision::read(path, rev) else { continue };
        let (Ok(old), Ok(new)) = (lower_spec(config, path, Some(rev)), lower_spec(config, path, None)) else {
            continue;
        };
        let d = compare(&old, &new);
        if !d.changes.is_empty() {
            lines.push(summary_line(&d));
        }
    }
    lines
}

/// The spec files of `dir` at the git revision `rev`.
pub fn spec_files_at(dir: &Path, rev: &str) -> Result<Vec<PathBuf>, Failure> {
    crate::revision::spec_files(dir, rev).map_err(|e| fail(Diagnostic::error(e)))
}

/// What a change is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// The client as a whole: its ways to authenticate and its servers.
    Client,
    /// An operation, by its client method name and `METHOD /path`.
    Operation {
        /// The client method.
        name: String,
        /// `GET /v1/webhooks`.
        endpoint: String,
    },
    /// A generated type, by its (new) Rust name.
    Type {
        /// The Rust name.
        name: String,
    },
}

/// The kind of a change, for grouping and for `--format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An operation is new.
    OperationAdded,
    /// An operation is gone.
    OperationRemoved,
    /// An operation's method has a new name.
    OperationRenamed,
    /// An operation compiles with other cargo features (its tags changed).
    OperationFeatures,
    /// A parameter is new.
    ParameterAdded,
    /// A parameter is gone.
    ParameterRemoved,
    /// An optional parameter is now required.
    ParameterMadeRequired,
    /// A required parameter is now optional.
    ParameterMadeOptional,
    /// A parameter's type changed.
    ParameterType,
    /// A request body is new.
    BodyAdded,
    /// A request body is gone.
    BodyRemoved,
    /// An optional request body is now required.
    BodyMadeRequired,
    /// A required request body is now optional.
    BodyMadeOptional,
    /// A request body's type changed.
    BodyType,
    /// The success type changed.
    SuccessType,
    /// An error status is newly documented.
    ErrorAdded,
    /// An error status is no longer documented.
    ErrorRemoved,
    /// An error response's variant or body changed.
    ErrorType,
    /// The credentials an operation accepts changed.
    Security,
    /// A type is new.
    TypeAdded,
    /// A type is gone.
    TypeRemoved,
    /// A type has a new name.
    TypeRenamed,
    /// A type is of another kind, or wraps another type.
    TypeShape,
    /// A struct field is new.
    FieldAdded,
    /// A struct field is gone.
    FieldRemoved,
    /// A field's type changed.
    FieldType,
    /// An optional field is now required.
    FieldMadeRequired,
    /// A required field is now optional.
    FieldMadeOptional,
    /// A string enum value is new.
    EnumValueAdded,
    /// A string enum value is gone.
    EnumValueRemoved,
    /// A union variant (or the catch-all) is new.
    VariantAdded,
    /// A union variant (or the catch-all) is gone.
    VariantRemoved,
    /// A union variant's type changed.
    VariantType,
    /// An enum value's variant has a new name.
    VariantRenamed,
    /// A rule got stricter.
    ConstraintTightened,
    /// A rule got looser or was dropped.
    ConstraintLoosened,
    /// A way to authenticate is new.
    AuthAdded,
    /// A way to authenticate is gone.
    AuthRemoved,
    /// A server constructor is new.
    ServerAdded,
    /// A server constructor is gone.
    ServerRemoved,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 40] = [
        Kind::OperationAdded,
        Kind::OperationRemoved,
        Kind::OperationRenamed,
        Kind::OperationFeatures,
        Kind::ParameterAdded,
        Kind::ParameterRemoved,
        Kind::ParameterMadeRequired,
        Kind::ParameterMadeOptional,
        Kind::ParameterType,
        Kind::BodyAdded,
        Kind::BodyRemoved,
        Kind::BodyMadeRequired,
        Kind::BodyMadeOptional,
        Kind::BodyType,
        Kind::SuccessType,
        Kind::ErrorAdded,
        Kind::ErrorRemoved,
        Kind::ErrorType,
        Kind::Security,
        Kind::TypeAdded,
        Kind::TypeRemoved,
        Kind::TypeRenamed,
        Kind::TypeShape,
        Kind::FieldAdded,
        Kind::FieldRemoved,
        Kind::FieldType,
        Kind::FieldMadeRequired,
        Kind::FieldMadeOptional,
        Kind::EnumValueAdded,
        Kind::EnumValueRemoved,
        Kind::VariantAdded,
        Kind::VariantRemoved,
        Kind::VariantType,
        Kind::VariantRenamed,
        Kind::ConstraintTightened,
        Kind::ConstraintLoosened,
        Kind::AuthAdded,
        Kind::AuthRemoved,
        Kind::ServerAdded,
        Kind::ServerRemoved,
    ];

    /// The snake-case name used in JSON reports (`field_added`): the variant's.
    pub fn label(self) -> String {
        heck::ToSnakeCase::to_snake_case(format!("{self:?}").as_str())
    }
}

/// One change in the Rust API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What it is about.
    pub subject: Subject,
    /// What kind of change.
    pub kind: Kind,
    /// What changed, in words (`field \`label\` added, optional`).
    pub detail: String,
    /// The rule that classifies it.
    pub rule: Reason,
}

impl Change {
    /// Whether it breaks a caller.
    pub fn breaking(&self) -> bool {
        self.rule.class() == Class::Breaking
    }
}

/// The changes between two versions of one module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleDiff {
    /// The module name.
    pub module: String,
    /// Every change, grouped by subject and sorted.
    pub changes: Vec<Change>,
}

impl ModuleDiff {
    /// How many changes break a caller.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking()).count()
    }
}

/// A module with nothing in it: the other side of a spec added or removed.
pub(crate) fn empty(name: &str) -> Module {
    Module {
        name: name.to_owned(),
        source: String::new(),
        title: String::new(),
        doc: Vec::new(),
        types: Vec::new(),
        files: Vec::new(),
        operations: Vec::new(),
        operation_files: Vec::new(),
        api: crate::ir::Api::default(),
        webhooks: None,
        callbacks: None,
        callback_features: Vec::new(),
        features: Vec::new(),
        gating: crate::ir::Gating::Ungated,
        examples: Vec::new(),
        reading: crate::ir::Reading::Checked,
    }
}

/// Compares `old` with `new`.
pub(crate) fn compare(old: &Module, new: &Module) -> ModuleDiff {
    let renames = types::renames(old, new);
    let names = Names {
        old,
        new,
        renames: &renames,
        old_classes: classes(old, &renames),
        new_classes: classes(new, &BTreeMap::new()),
    };
    let mut changes = Vec::new();
    types::compare(&names, &mut changes);
    operations::compare(&names, &mut changes);
    changes.sort_by(|a, b| (&a.subject, a.kind, &a.detail).cmp(&(&b.subject, b.kind, &b.detail)));
    changes.dedup();
    ModuleDiff { module: new.name.clone(), changes }
}

/// The two versions, and the renames found between them: what type names are
/// compared through.
struct Names<'a> {
    old: &'a Module,
    new: &'a Module,
    /// Old type name → new type name, for the types that were renamed.
    renames: &'a BTreeMap<String, String>,
    /// For each type of the old version, every name of its class (see [`classes`]).
    old_classes: Vec<Vec<String>>,
    /// The same for the new version.
    new_classes: Vec<Vec<String>>,
}

/// For each type, the names that stand for the same type: the type an alias chain
/// ends at, and every alias of it (old names written as renamed). Identical inline
/// schemas share a type under per-context aliases, and which context names the
/// type itself can change between versions.
fn classes(module: &Module, renames: &BTreeMap<String, String>) -> Vec<Vec<String>> {
    let end = |mut id: usize| {
        for _ in 0..module.types.len() {
            match module.types.get(id).map(|d| &d.kind) {
                Some(TypeKind::Alias(TypeRef::Named(next))) => id = next.0,
                _ => break,
            }
        }
        id
    };
    let ends: Vec<usize> = (0..module.types.len()).map(end).collect();
    let mut by_end: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (id, def) in module.types.iter().enumerate() {
        by_end.entry(ends[id]).or_default().push(renames.get(&def.name).unwrap_or(&def.name).clone());
    }
    ends.iter().map(|e| by_end.get(e).cloned().unwrap_or_default()).collect()
}

impl Names<'_> {
    /// Whether the old type `a` and the new type `b` are the same Rust type: equal
    /// structure, and named types of one class (through renames and aliases).
    fn same(&self, a: &TypeRef, b: &TypeRef) -> bool {
        match (a, b) {
            (TypeRef::Named(x), TypeRef::Named(y)) => {
                let (xs, ys) = (self.old_classes.get(x.0), self.new_classes.get(y.0));
                xs.zip(ys).is_some_and(|(xs, ys)| xs.iter().any(|n| ys.contains(n)))
            }
            (TypeRef::Scalar(s), TypeRef::Scalar(t)) => s == t,
            (TypeRef::Vec(a), TypeRef::Vec(b))
            | (TypeRef::Option(a), TypeRef::Option(b))
            | (TypeRef::Boxed(a), TypeRef::Boxed(b)) => self.same(a, b),
            (TypeRef::Map(k, v), TypeRef::Map(l, w)) => self.same(k, l) && self.same(v, w),
            (TypeRef::Unit, TypeRef::Unit) => true,
            _ => false,
        }
    }

    /// The Rust type of `t` in the old version, written with the new names.
    fn old_type(&self, t: &TypeRef) -> String {
        rust_type(self.old, t, self.renames)
    }

    /// The Rust type of `t` in the new version.
    fn new_type(&self, t: &TypeRef) -> String {
        rust_type(self.new, t, &BTreeMap::new())
    }
}

/// A type reference as Rust (`Option<Vec<Webhook>>`), named types through `renames`.
fn rust_type(module: &Module, t: &TypeRef, renames: &BTreeMap<String, String>) -> String {
    let inner = |t: &TypeRef| rust_type(module, t, renames);
    match t {
        TypeRef::Named(id) => {
            let name = module.types.get(id.0).map_or("?", |d| d.name.as_str());
            renames.get(name).map_or(name, String::as_str).to_owned()
        }
        TypeRef::Scalar(s) => scalar(*s).to_owned(),
        TypeRef::Vec(t) => format!("Vec<{}>", inner(t)),
        TypeRef::Map(k, v) => format!("BTreeMap<{}, {}>", inner(k), inner(v)),
        TypeRef::Option(t) => format!("Option<{}>", inner(t)),
        TypeRef::Boxed(t) => format!("Box<{}>", inner(t)),
        TypeRef::Unit => "()".to_owned(),
    }
}

/// `required` or `optional`, for the details of changes.
fn requiredness(required: bool) -> &'static str {
    if required {
        "required"
    } else {
        "optional"
    }
}

/// A scalar as the generated code writes it, without its path.
fn scalar(s: Scalar) -> &'static str {
    match s {
        Scalar::String => "String",
        Scalar::Bool => "bool",
        Scalar::I64 => "i64",
        Scalar::Number => "Number",
        Scalar::DateTime => "DateTime",
        Scalar::Date => "Date",
        Scalar::NaiveDateTime => "NaiveDateTime",
        Scalar::Timestamp => "Timestamp",
        Scalar::Url => "Uri",
        Scalar::Json => "Json",
    }
}
