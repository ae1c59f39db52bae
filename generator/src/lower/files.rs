//! Where each type is written: the file of its home in the spec, so that a large
//! API is many modules (rustc gives each module's code to its own codegen unit,
//! so a single module is compiled on one thread) that a reader finds by the
//! spec's own names.
//!
//! A type's home comes from where its schema is defined, and from nothing else,
//! so a type moves only when its schema does:
//! - under a component (`#/components/schemas/repository/...`, parameters,
//!   responses...): the component, `repository.rs`;
//! - under an operation (`#/paths/~1repos~1{owner}/get/...`): the operation's
//!   first tag, `repos.rs`; an operation without a tag, the first segment of its
//!   path that is neither a version nor a parameter (`/v1/charges/{id}` →
//!   `charges.rs`);
//! - under a webhook: the group its feature names (`push.rs` for GitHub's
//!   `push` deliveries); the union of all deliveries is `events.rs`, that of
//!   callbacks `callbacks.rs`.
//!
//! Homes whose names come out the same in snake case share a file.
//!
//! The client is split the same way: an operation's builder, error enum and
//! method live in the file of its group, `client/repos.rs`.

use std::collections::BTreeMap;

use super::naming;
use crate::ir::{Module, OperationFile, TypeFile, TypeId, TypeKind, UNTAGGED};
use crate::pointer;

/// The file that holds the union of webhook deliveries.
const EVENTS: &str = "events";

/// The file that holds the union of callback payloads.
const CALLBACKS: &str = "callbacks";

/// Groups the module's types into files, sorted by name (a new file lands in its
/// place, and the order of the spec does not move lines of `types/mod.rs`).
pub fn place_types(module: &mut Module) {
    let webhooks = webhook_groups(module);
    let operations: BTreeMap<(String, String), String> = module
        .operations
        .iter()
        .map(|op| ((op.path.clone(), op.method.key().to_owned()), operation_group(module, op)))
        .collect();
    // A file is a module beside the types it re-exports: it cannot share a name
    // with one (`_123abc`, a type named from a leading digit).
    let type_names: std::collections::HashSet<&str> = module.types.iter().map(|t| t.name.as_str()).collect();
    let mut files: Vec<TypeFile> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, def) in module.types.iter().enumerate() {
        let home = if module.webhooks.as_ref().is_some_and(|w| w.event.0 == i) {
            EVENTS.to_owned()
        } else if module.callbacks.is_some_and(|c| c.0 == i) {
            CALLBACKS.to_owned()
        } else {
            home(&pointer::tokens(&def.origin.pointer), &operations, &webhooks)
        };
        let mut name = file_name(&home);
        while type_names.contains(name.as_str()) {
            name.push('_');
        }
        let at = *index.entry(name.clone()).or_insert_with(|| {
            files.push(TypeFile { name, types: Vec::new() });
            files.len() - 1
        });
        files[at].types.push(TypeId(i));
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    module.files = files;
}

/// Groups the module's operations into the files of its client: an operation
/// lives in the file of its group (its first tag, else its path's first segment),
/// sorted by name.
pub fn place_operations(module: &mut Module) {
    // A file is a module beside the builders and error enums it re-exports.
    let taken: std::collections::HashSet<&str> = module
        .operations
        .iter()
        .flat_map(|op| [Some(op.builder.as_str()), Some(op.error.as_str()), op.success.as_deref()])
        .flatten()
        .collect();
    let mut files: Vec<OperationFile> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, op) in module.operations.iter().enumerate() {
        let mut name = file_name(&operation_group(module, op));
        while taken.contains(name.as_str()) {
            name.push('_');
        }
        let at = *index.entry(name.clone()).or_insert_with(|| {
            files.push(OperationFile { name, operations: Vec::new() });
            files.len() - 1
        });
        files[at].operations.push(i);
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    module.operation_files = files;
}

/// The home of a type defined at `tokens`.
fn home(
    tokens: &[String],
    operations: &BTreeMap<(String, String), String>,
    webhooks: &BTreeMap<String, String>,
) -> String {
    match tokens {
        [components, _kind, name, ..] if components == "components" => name.clone(),
        [paths, path, method, ..] if paths == "paths" => {
            operations.get(&(path.clone(), method.clone())).cloned().unwrap_or_else(|| path_group(path))
        }
        [hooks, key, ..] if hooks == "webhooks" => webhooks.get(key).cloned().unwrap_or_else(|| key.clone()),
        [first, ..] => first.clone(),
        [] => EVENTS.to_owned(),
    }
}

/// The group of an operation: its first tag's feature, else its path's first
/// segment.
fn operation_group(module: &Module, op: &crate::ir::Operation) -> String {
    match op.features.first().map(|f| module.features[f.0].name.as_str()) {
        Some(feature) if feature != UNTAGGED => feature.to_owned(),
        _ => path_group(&op.path),
    }
}

/// The first segment of `path` that is neither a version (`v1`, `v2beta`) nor a
/// parameter; `root` when there is none.
fn path_group(path: &str) -> String {
    let is_version =
        |s: &str| s.strip_prefix(['v', 'V']).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    path.split('/').find(|s| !s.is_empty() && !s.starts_with('{') && !is_version(s)).unwrap_or("root").to_owned()
}

/// Each webhook key whose payload the union holds, with its feature's name.
fn webhook_groups(module: &Module) -> BTreeMap<String, String> {
    let mut groups = BTreeMap::new();
    let Some(hooks) = &module.webhooks else { return groups };
    let Some(TypeKind::Union(union)) = module.types.get(hooks.event.0).map(|d| &d.kind) else { return groups };
    for (variant, features) in union.variants.iter().zip(&hooks.features) {
        let (crate::ir::TypeRef::Named(id), Some(feature)) = (&variant.ty, features.first()) else { continue };
        if let [hooks_token, key, ..] = pointer::tokens(&module.types[id.0].origin.pointer).as_slice() {
            if hooks_token == "webhooks" {
                groups.insert(key.clone(), module.features[feature.0].name.clone());
            }
        }
    }
    groups
}

/// A file stem for `home`: snake case, a keyword with a trailing `_` (a module is
/// a file, which `r#` cannot name), and never `mod`, the directory's own file.
fn file_name(home: &str) -> String {
    let name = naming::snake(home);
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_grouped_by_its_first_plain_segment() {
        assert_eq!(path_group("/v1/charges/{charge}/refunds"), "charges");
        assert_eq!(path_group("/repos/{owner}/{repo}"), "repos");
        assert_eq!(path_group("/{tenant}/v2beta/users"), "users");
        assert_eq!(path_group("/"), "root");
        assert_eq!(path_group("/v1"), "root");
        assert_eq!(path_group("/vendors"), "vendors");
    }

    #[test]
    fn homes_come_from_where_a_schema_is_defined() {
        let tokens = |p: &str| pointer::tokens(p);
        let ops = BTreeMap::from([(("/pets/{id}".to_owned(), "get".to_owned()), "pets".to_owned())]);
        let hooks = BTreeMap::from([("push".to_owned(), "push".to_owned())]);
        let home = |p: &str| home(&tokens(p), &ops, &hooks);
        assert_eq!(home("/components/schemas/simple-user/properties/login"), "simple-user");
        assert_eq!(home("/components/responses/NotFound/content/application~1json/schema"), "NotFound");
        assert_eq!(home("/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema"), "pets");
        assert_eq!(home("/paths/~1v1~1charges/post/requestBody"), "charges");
        assert_eq!(home("/webhooks/push/post/requestBody/content/application~1json/schema"), "push");
        assert_eq!(home("/webhooks/ping/post/requestBody"), "ping");
        assert_eq!(home("/Pet"), "Pet");
    }

    #[test]
    fn file_names_are_modules() {
        assert_eq!(file_name("simple-user"), "simple_user");
        assert_eq!(file_name("type"), "type_");
        assert_eq!(file_name("mod"), "mod_");
        assert_eq!(file_name("self"), "self_");
        assert_eq!(file_name("issuing.card"), "issuing_card");
        assert_eq!(file_name("3ds"), "_3ds");
    }
}
