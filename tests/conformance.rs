//! The JSON Schema Test Suite (draft 2020-12) against the generated types: every
//! `valid: true` instance must deserialise and serialise back unchanged, every
//! `valid: false` instance must be rejected. Skips are listed, with their reasons,
//! in `tests/conformance/skip.json`, and held to account: a skipped case that passes,
//! or a skip that names nothing, fails the test, and a whole group may only be
//! skipped for a keyword we do not claim. The table of results is kept in
//! `tests/conformance/RESULTS.md` (`UPDATE_GOLDEN=1` rewrites it).
#![allow(missing_docs, reason = "test scaffolding")]

use std::collections::BTreeMap;
use std::fmt::Write as _;

#[path = "conformance/harness.rs"]
#[allow(dead_code, reason = "shared with tests/fresh.rs, which uses the rest")]
mod harness;

// The modules run on the crate's runtime, compiled once for every test. Each group
// is the request body of an operation, so its module has a client too.
pub use webhook_bindings::{client, runtime};

#[path = "conformance/generated/cases.rs"]
#[rustfmt::skip]
pub mod cases;

use harness::{Skip, SkipKind};

/// Reads `json` into `T` and writes it back.
pub fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> Result<serde_json::Value, String> {
    let typed: T = serde_json::from_str(json).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| format!("does not serialise: {e}"))
}

#[derive(Default)]
struct Tally {
    cases: usize,
    passed: usize,
    skipped: BTreeMap<&'static str, usize>,
}

fn kind_name(kind: SkipKind) -> &'static str {
    match kind {
        SkipKind::Unsupported => "unsupported",
        SkipKind::TypeInference => "type inference",
        SkipKind::Deviation => "deviation",
    }
}

fn find_skip<'s>(skips: &'s [Skip], file: &str, group: &str, case: &str) -> Option<&'s Skip> {
    skips
        .iter()
        .find(|s| s.file == file && s.group == group && (s.tests.is_empty() || s.tests.iter().any(|t| t == case)))
}

/// Whether `key` occurs as a keyword anywhere in `schema`.
fn mentions(schema: &serde_json::Value, key: &str) -> bool {
    match schema {
        serde_json::Value::Object(map) => map.iter().any(|(k, v)| k == key || mentions(v, key)),
        serde_json::Value::Array(items) => items.iter().any(|v| mentions(v, key)),
        _ => false,
    }
}

#[test]
fn json_schema_test_suite() {
    let skips = harness::skips();
    let files = harness::keyword_files();
    let mut problems = Vec::new();
    let mut used = vec![0usize; skips.len()];
    let mut table: BTreeMap<&str, Tally> = BTreeMap::new();
    for (file, groups) in &files {
        let tally = table.entry(file).or_default();
        for (index, group) in groups.iter().enumerate() {
            for case in &group.tests {
                tally.cases += 1;
                let skip = find_skip(&skips, file, &group.description, &case.description);
                if let Some(skip) = skip {
                    used[skips.iter().position(|s| std::ptr::eq(s, skip)).unwrap_or_default()] += 1;
                    *tally.skipped.entry(kind_name(skip.kind)).or_default() += 1;
                }
                let json = case.data.to_string();
                let place = format!("{file} / {} / {}", group.description, case.description);
                let outcome = match cases::run(file, index, &json) {
                    None if skip.is_some() => continue,
                    None => {
                        problems.push(format!("{place}: group not generated but not skipped"));
                        continue;
                    }
                    Some(outcome) => outcome,
                };
                let failure = match (case.valid, outcome) {
                    (true, Ok(back)) if runtime::json_equal(&case.data, &back) => None,
                    (true, Ok(back)) => Some(format!("round trip changed {json} into {back}")),
                    (true, Err(e)) => Some(format!("valid {json} rejected: {e}")),
                    (false, Err(_)) => None,
                    (false, Ok(_)) => Some(format!("invalid {json} accepted")),
                };
                match (failure, skip) {
                    (None, None) => tally.passed += 1,
                    (None, Some(_)) => problems.push(format!("{place}: passes, remove it from {}", harness::SKIPS)),
                    (Some(f), None) => problems.push(format!("{place}: {f}")),
                    (Some(_), Some(skip)) => {
                        if skip.kind == SkipKind::TypeInference && (group.schema.get("type").is_some() || !case.valid) {
                            problems.push(format!(
                                "{place}: a type-inference skip covers only valid instances of a schema without `type`"
                            ));
                        }
                    }
                }
            }
        }
    }
    for (skip, count) in skips.iter().zip(&used) {
        let group = files.get(&skip.file).and_then(|g| g.iter().find(|g| g.description == skip.group));
        if *count == 0 || group.is_none() || (!skip.tests.is_empty() && *count != skip.tests.len()) {
            problems.push(format!("skip {} / {} names cases that do not exist", skip.file, skip.group));
        }
        if skip.tests.is_empty() {
            let claimed = skip.kind == SkipKind::Unsupported
                && skip.keyword.as_deref().is_some_and(|k| harness::UNCLAIMED.contains(&k))
                && group.is_some_and(|g| mentions(&g.schema, skip.keyword.as_deref().unwrap_or_default()));
            if !claimed {
                problems.push(format!(
                    "skip {} / {}: a whole group may only be skipped as `unsupported`, naming an unclaimed keyword it uses",
                    skip.file, skip.group
                ));
            }
        }
    }
    let results = results_table(&table, &skips);
    println!("{results}");
    let path = "tests/conformance/RESULTS.md";
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(path, &results).expect("write RESULTS.md");
    }
    if std::fs::read_to_string(path).ok().as_deref() != Some(results.as_str()) {
        problems.push(format!("{path} is stale (rerun with UPDATE_GOLDEN=1)"));
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

fn results_table(table: &BTreeMap<&str, Tally>, skips: &[Skip]) -> String {
    let mut out = String::from(
        "# JSON Schema Test Suite results\n\n\
         Draft 2020-12, from `jsonschema==4.26.0`; written by `tests/conformance.rs` \
         (`UPDATE_GOLDEN=1 cargo test --test conformance`). Every case not skipped passes.\n\n\
         | keyword | cases | passed | skipped: unsupported | type inference | deviation |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut total = Tally::default();
    for (file, t) in table {
        let get = |k: &str| t.skipped.get(k).copied().unwrap_or_default();
        let (u, i, d) = (get("unsupported"), get("type inference"), get("deviation"));
        let _ = writeln!(out, "| {file} | {} | {} | {u} | {i} | {d} |", t.cases, t.passed);
        total.cases += t.cases;
        total.passed += t.passed;
        for (k, n) in &t.skipped {
            *total.skipped.entry(k).or_default() += n;
        }
    }
    let get = |k: &str| total.skipped.get(k).copied().unwrap_or_default();
    let _ = writeln!(
        out,
        "| **total** | {} | {} | {} | {} | {} |\n",
        total.cases,
        total.passed,
        get("unsupported"),
        get("type inference"),
        get("deviation")
    );
    out.push_str("## Skips\n\n| keyword | group | cases | kind | reason |\n| --- | --- | --- | --- | --- |\n");
    for s in skips {
        let cases = if s.tests.is_empty() { "all".to_owned() } else { s.tests.join("; ") };
        let _ = writeln!(out, "| {} | {} | {cases} | {} | {} |", s.file, s.group, kind_name(s.kind), s.reason);
    }
    out
}
