//! Between load and resolve: an OpenAPI Overlay 1.0 document applied to a spec's
//! root document, so that vendor facts and fixes live beside the vendor's file
//! (`NAME.overlay.yaml` beside `NAME.yaml`) instead of in it.
//!
//! Each action's `target` is an RFC 9535 JSONPath (`serde_json_path`). `update`
//! merges into every object it selects (objects recursively, anything else
//! replaced) and is appended to every array it selects; `remove: true` removes
//! every node it selects. Actions apply in order. An action that selects nothing
//! is a warning: after a vendor update, it may no longer do what it was written for.

use std::path::{Path, PathBuf};

use serde_json::Value;
use serde_json_path::JsonPath;

use crate::diagnostic::{Diagnostic, WarningKind};
use crate::pointer;

/// Where a spec's overlay may be: `NAME.overlay.yaml`, `.yml` or `.json` beside it.
pub fn candidates(spec: &Path) -> Vec<PathBuf> {
    let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let dir = spec.parent().unwrap_or(Path::new(""));
    ["yaml", "yml", "json"].iter().map(|ext| dir.join(format!("{stem}.overlay.{ext}"))).collect()
}

/// The overlay beside a spec on disk, if there is one.
pub fn beside(spec: &Path) -> Option<PathBuf> {
    candidates(spec).into_iter().find(|p| p.is_file())
}

/// Whether a path names an overlay (`*.overlay.yaml`, `.yml` or `.json`), not a spec.
pub fn is_overlay(path: &Path) -> bool {
    path.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.ends_with(".overlay"))
}

/// The spec name an overlay is for: `quo.overlay.yaml` → `quo`.
pub fn spec_stem(overlay: &Path) -> Option<&str> {
    overlay.file_stem()?.to_str()?.strip_suffix(".overlay")
}

/// Applies the overlay `overlay` (its parsed value, read from `path`) to `document`.
/// Returns its warnings; on any error `document` may be half-changed, and the
/// caller drops it.
pub fn apply(document: &mut Value, path: &Path, overlay: &Value) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let error = |pointer: &str, message: String| Diagnostic::error(message).at(path, pointer);
    match overlay.get("overlay").and_then(Value::as_str) {
        Some(version) if version.starts_with("1.0.") || version == "1.0" => {}
        Some(version) => {
            return Err(vec![error("/overlay", format!("Overlay version {version} is not supported"))
                .help("this generator applies Overlay 1.0 documents")])
        }
        None => {
            return Err(vec![error("", "not an Overlay document: no `overlay` version".to_owned())
                .help("an overlay starts with `overlay: 1.0.0`, `info` and `actions`")])
        }
    }
    let Some(actions) = overlay.get("actions").and_then(Value::as_array) else {
        return Err(vec![error("/actions", "an overlay needs a list of `actions`".to_owned())]);
    };
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        let at = pointer::push_index("/actions", i);
        match apply_action(document, action) {
            Ok(0) => warnings.push(
                Diagnostic::warning(WarningKind::OverlayNoMatch, "this overlay action's target selects nothing")
                    .at(path, at),
            ),
            Ok(_) => {}
            Err((field, message)) => errors.push(error(&pointer::push(&at, field), message)),
        }
    }
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(errors)
    }
}

/// Applies one action; returns how many nodes it changed, or the field at fault
/// and why.
fn apply_action(document: &mut Value, action: &Value) -> Result<usize, (&'static str, String)> {
    let target = action.get("target").and_then(Value::as_str).ok_or(("target", "an action needs a `target`".into()))?;
    let path = JsonPath::parse(target).map_err(|e| ("target", format!("not an RFC 9535 JSONPath: {e}")))?;
    let remove = match action.get("remove") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(("remove", "`remove` must be true or false".into())),
    };
    let update = action.get("update");
    if !remove && update.is_none() {
        return Err(("target", "an action needs `update` or `remove: true`".into()));
    }
    let mut pointers: Vec<String> =
        path.query_located(document).locations().map(|location| location.to_json_pointer()).collect();
    if remove {
        // Last first, so that removing an array item does not move the next one.
        pointers.sort_by(|a, b| b.cmp(a));
        for target in &pointers {
            let (parent, _) = target.rsplit_once('/').ok_or(("target", "the root cannot be removed".to_owned()))?;
            let key = pointer::tokens(target).pop().unwrap_or_default();
            match document.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.shift_remove(&key);
                }
                Some(Value::Array(items)) => {
                    if let Some(i) = key.parse::<usize>().ok().filter(|i| *i < items.len()) {
                        items.remove(i);
                    }
                }
                _ => {}
            }
        }
        return Ok(pointers.len());
    }
    let update = update.unwrap_or(&Value::Null);
    for target in &pointers {
        match document.pointer_mut(target) {
            Some(Value::Object(object)) => {
                let Value::Object(fields) = update else {
                    return Err(("update", format!("`{target}` is an object, so `update` must be an object")));
                };
                merge(object, fields);
            }
            Some(Value::Array(items)) => items.push(update.clone()),
            _ => return Err(("target", format!("`{target}` is neither an object nor an array"))),
        }
    }
    Ok(pointers.len())
}

/// Merges `fields` into `object`: objects recursively, any other value replaced.
fn merge(object: &mut serde_json::Map<String, Value>, fields: &serde_json::Map<String, Value>) {
    for (key, value) in fields {
        match (object.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(more)) => merge(inner, more),
            _ => {
                object.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(mut document: Value, actions: Value) -> Result<(Value, usize), Vec<Diagnostic>> {
        let overlay = json!({"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": actions});
        let warnings = apply(&mut document, Path::new("x.overlay.yaml"), &overlay)?;
        Ok((document, warnings.len()))
    }

    #[test]
    fn updates_merge_append_and_remove() {
        let doc =
            json!({"info": {"title": "A", "x": {"a": 1}}, "tags": [{"name": "a"}], "paths": {"/a": {}, "/b": {}}});
        let (out, warnings) = run(
            doc,
            json!([
                {"target": "$.info", "update": {"title": "B", "x": {"b": 2}}},
                {"target": "$.tags", "update": {"name": "b"}},
                {"target": "$.paths['/a']", "remove": true},
                {"target": "$.tags[?@.name == 'a']", "remove": true},
            ]),
        )
        .expect("applies");
        assert_eq!(
            out,
            json!({"info": {"title": "B", "x": {"a": 1, "b": 2}}, "tags": [{"name": "b"}], "paths": {"/b": {}}})
        );
        assert_eq!(warnings, 0);
    }

    #[test]
    fn filters_select_by_function() {
        let doc = json!({"webhooks": {"a": {"post": {"operationId": "check-run/created"}}, "b": {"post": {"operationId": "push"}}}});
        let (out, _) = run(
            doc,
            json!([{"target": "$.webhooks[?search(@.post.operationId, '^check-run/')].post", "update": {"x": 1}}]),
        )
        .expect("applies");
        assert_eq!(out["webhooks"]["a"]["post"]["x"], 1);
        assert!(out["webhooks"]["b"]["post"].get("x").is_none());
    }

    #[test]
    fn a_target_that_selects_nothing_is_a_warning() {
        let (_, warnings) = run(json!({}), json!([{"target": "$.nothing", "update": {}}])).expect("applies");
        assert_eq!(warnings, 1);
    }

    #[test]
    fn errors_name_the_field() {
        let errors =
            run(json!({"a": 1}), json!([{"target": "$.a", "update": {"b": 1}}, {"target": "$[", "remove": true}]))
                .expect_err("fails");
        let pointers: Vec<_> = errors.iter().map(|e| e.location.as_ref().map(|l| l.pointer.clone())).collect();
        assert_eq!(pointers, [Some("/actions/0/target".to_owned()), Some("/actions/1/target".to_owned())]);
    }
}
