//! The JSON Schema Test Suite as this project runs it: the vendored keyword files,
//! the skip list, and the OpenAPI documents that wrap each test group's schema.
//!
//! Shared by `tests/generator.rs` (which keeps the wrapped specs and their generated
//! code in `tests/conformance/` fresh) and `tests/conformance.rs` (which runs the
//! cases against that code).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::{json, Value};

/// Where the vendored suite files are.
pub const SUITE: &str = "tests/conformance/suite";
/// Where the wrapped specs are written.
pub const SPECS: &str = "tests/conformance/specs";
/// Where their generated code is written.
pub const GENERATED: &str = "tests/conformance/generated";
/// The skip list.
pub const SKIPS: &str = "tests/conformance/skip.json";

/// Keywords the generator does not claim to enforce; only these may skip whole groups.
pub const UNCLAIMED: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "prefixItems",
    "contains",
    "patternProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$dynamicRef",
    "$ref",
];

/// One test group of a keyword file.
#[derive(Debug, Deserialize)]
pub struct Group {
    /// What the group tests.
    pub description: String,
    /// The schema under test.
    pub schema: Value,
    /// The instances.
    pub tests: Vec<Case>,
}

/// One instance of a test group.
#[derive(Debug, Deserialize)]
pub struct Case {
    /// What it tests.
    pub description: String,
    /// The instance.
    pub data: Value,
    /// Whether it is valid against the group's schema.
    pub valid: bool,
}

/// Why a group or case is not held against us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipKind {
    /// The group needs a keyword we do not claim (named in `keyword`): not generated.
    Unsupported,
    /// A schema without `type` is read as the one type its keywords concern, so an
    /// instance of another type is rejected (see ARCHITECTURE.md).
    TypeInference,
    /// A documented, deliberate difference from JSON Schema on a claimed keyword.
    Deviation,
}

/// One entry of the skip list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skip {
    /// The keyword file, without `.json`.
    pub file: String,
    /// The group's description.
    pub group: String,
    /// The cases' descriptions; empty for the whole group.
    #[serde(default)]
    pub tests: Vec<String>,
    /// Which kind of skip.
    pub kind: SkipKind,
    /// For `unsupported`: the keyword the group needs.
    #[serde(default)]
    pub keyword: Option<String>,
    /// Why.
    pub reason: String,
}

/// The keyword files, by name (`minLength`), in name order.
pub fn keyword_files() -> BTreeMap<String, Vec<Group>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(SUITE).expect("suite directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("read suite file");
            let groups: Vec<Group> = serde_json::from_str(&text).expect("suite file");
            let name = path.file_stem().expect("stem").to_string_lossy().into_owned();
            out.insert(name, groups);
        }
    }
    out
}

/// The skip list.
pub fn skips() -> Vec<Skip> {
    let text = std::fs::read_to_string(SKIPS).expect("read skip file");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{SKIPS}: {e}"))
}

/// Whether the whole group is skipped (and so not generated).
pub fn group_skipped(skips: &[Skip], file: &str, group: &str) -> bool {
    skips.iter().any(|s| s.file == file && s.group == group && s.tests.is_empty())
}

/// The component name of group `index`.
pub fn component(index: usize) -> String {
    format!("G{index}")
}

/// The OpenAPI 3.1 document wrapping the generated groups of one keyword file: each
/// group's schema is component `G<index>`, the request body of `POST /g<index>`,
/// so that its type is a sent one and checked strictly.
pub fn wrap(file: &str, groups: &[Group], skips: &[Skip]) -> String {
    let mut schemas = serde_json::Map::new();
    let mut paths = serde_json::Map::new();
    for (i, group) in groups.iter().enumerate() {
        if group_skipped(skips, file, &group.description) {
            continue;
        }
        let name = component(i);
        schemas.insert(name.clone(), group.schema.clone());
        let body = json!({ "$ref": format!("#/components/schemas/{name}") });
        paths.insert(
            format!("/g{i}"),
            json!({ "post": {
                "operationId": format!("g{i}"),
                "summary": group.description,
                "requestBody": { "required": true, "content": { "application/json": { "schema": body } } },
                "responses": { "204": { "description": "Accepted." } }
            }}),
        );
    }
    let doc = json!({
        "openapi": "3.1.0",
        "info": { "title": format!("JSON Schema Test Suite, draft 2020-12: {file}"), "version": "jsonschema 4.26.0" },
        "paths": paths,
        "components": { "schemas": schemas },
    });
    format!("{}\n", serde_json::to_string_pretty(&doc).expect("serialise"))
}

/// The wrapped spec of every keyword file: path → text.
pub fn wrapped_specs() -> BTreeMap<String, String> {
    let skips = skips();
    keyword_files().iter().map(|(file, groups)| (format!("{SPECS}/{file}.json"), wrap(file, groups, &skips))).collect()
}

/// `cases.rs`: the generated modules, and the function that runs an instance
/// through the type of a group.
pub fn cases_module(skips: &[Skip]) -> String {
    let mut mods = String::new();
    let mut arms = String::new();
    for (file, groups) in keyword_files() {
        let module = openapi_bindgen::module_name(Path::new(&format!("{file}.json")));
        mods.push_str(&format!("#[path = \"{module}/mod.rs\"]\n#[rustfmt::skip]\npub mod {module};\n"));
        for (i, group) in groups.iter().enumerate() {
            if !group_skipped(skips, &file, &group.description) {
                let ty = component(i);
                // A nullable schema's type is the non-null part; `null` is `None` where it is used.
                let ty = if allows_null(&group.schema) {
                    format!("Option<{module}::{ty}>")
                } else {
                    format!("{module}::{ty}")
                };
                arms.push_str(&format!("        ({file:?}, {i}) => crate::round_trip::<{ty}>(json),\n"));
            }
        }
    }
    format!(
        "// @generated by tests/conformance/harness.rs. Do not edit: run `UPDATE_GOLDEN=1 cargo test --test generator`.\n\
         //! The generated type of every test group, by keyword file and group index.\n\
         #![allow(missing_docs, dead_code, reason = \"generated test scaffolding\")]\n\n\
         {mods}\n\
         /// Reads `json` into the type of group `group` of `file` and writes it back;\n\
         /// `None` when the group was not generated.\n\
         pub fn run(file: &str, group: usize, json: &str) -> Option<Result<serde_json::Value, String>> {{\n    \
         Some(match (file, group) {{\n{arms}        _ => return None,\n    }})\n}}\n"
    )
}

/// Whether the top level of `schema` admits `null` by `type`, `enum` or an
/// `anyOf`/`oneOf` member, which the generator turns into `Option` at use sites.
fn allows_null(schema: &Value) -> bool {
    let null_type = |t: &Value| t == "null" || t.as_array().is_some_and(|ts| ts.iter().any(|t| t == "null"));
    schema.get("type").is_some_and(null_type)
        || schema.get("enum").and_then(Value::as_array).is_some_and(|vs| vs.iter().any(Value::is_null))
        || ["anyOf", "oneOf"].iter().any(|k| {
            schema
                .get(k)
                .and_then(Value::as_array)
                .is_some_and(|ms| ms.iter().any(|m| m.get("type").is_some_and(null_type)))
        })
}
