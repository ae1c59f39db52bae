//! A diff as text for people, as JSON for CI, and as one summary line.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::{Change, ModuleDiff, Reason, Subject};

/// The changes of each module, grouped by what they are about, then the rules
/// they were classified by.
pub fn text(diffs: &[ModuleDiff]) -> String {
    let mut out = String::new();
    let mut rules: BTreeSet<Reason> = BTreeSet::new();
    for diff in diffs {
        out.push_str(&summary_line(diff));
        out.push('\n');
        let mut section = "";
        let mut subject: Option<&Subject> = None;
        for c in &diff.changes {
            let this = match c.subject {
                Subject::Client => "client",
                Subject::Operation { .. } => "operations",
                Subject::Type { .. } => "types",
            };
            if this != section {
                section = this;
                out.push_str(&format!("  {section}\n"));
            }
            if subject != Some(&c.subject) {
                subject = Some(&c.subject);
                match &c.subject {
                    Subject::Client => out.push_str("    Client\n"),
                    Subject::Operation { name, endpoint } => out.push_str(&format!("    {name} ({endpoint})\n")),
                    Subject::Type { name } => out.push_str(&format!("    {name}\n")),
                }
            }
            let class = if c.breaking() { "breaking  " } else { "compatible" };
            out.push_str(&format!("      {class}  {}  [{}]\n", c.detail, c.rule.id()));
            rules.insert(c.rule);
        }
    }
    if !rules.is_empty() {
        out.push_str("\nrules\n");
        for rule in rules {
            let class = if rule.class() == super::Class::Breaking { "breaking" } else { "compatible" };
            out.push_str(&format!("  {} ({class}): {}\n", rule.id(), rule.reason()));
        }
    }
    out
}

/// The changes of each module as JSON: `{"breaking": n, "modules": [...], "rules": {...}}`.
pub fn json(diffs: &[ModuleDiff]) -> Value {
    let change = |c: &Change| {
        let subject = match &c.subject {
            Subject::Client => json!({"kind": "client"}),
            Subject::Operation { name, endpoint } => json!({"kind": "operation", "name": name, "endpoint": endpoint}),
            Subject::Type { name } => json!({"kind": "type", "name": name}),
        };
        json!({
            "subject": subject,
            "kind": c.kind.label(),
            "detail": c.detail,
            "breaking": c.breaking(),
            "rule": c.rule.id(),
        })
    };
    let modules: Vec<Value> = diffs
        .iter()
        .map(|d| {
            json!({
                "module": d.module,
                "summary": summary_line(d),
                "breaking": d.breaking(),
                "changes": d.changes.iter().map(change).collect::<Vec<_>>(),
            })
        })
        .collect();
    let rules: serde_json::Map<String, Value> = Reason::ALL
        .iter()
        .map(|r| (r.id().to_owned(), json!({"breaking": r.class() == super::Class::Breaking, "reason": r.reason()})))
        .collect();
    json!({
        "breaking": diffs.iter().map(ModuleDiff::breaking).sum::<usize>(),
        "modules": modules,
        "rules": rules,
    })
}

/// One line: `quo: 2 operations changed, 1 type changed, 1 breaking`.
pub fn summary_line(diff: &ModuleDiff) -> String {
    if diff.changes.is_empty() {
        return format!("{}: no change in the Rust API", diff.module);
    }
    let count = |pick: fn(&Subject) -> bool| {
        diff.changes.iter().map(|c| &c.subject).filter(|s| pick(s)).collect::<BTreeSet<_>>().len()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    let operations = count(|s| matches!(s, Subject::Operation { .. }));
    if operations > 0 {
        parts.push(format!("{} changed", plural(operations, "operation")));
    }
    let types = count(|s| matches!(s, Subject::Type { .. }));
    if types > 0 {
        parts.push(format!("{} changed", plural(types, "type")));
    }
    if count(|s| matches!(s, Subject::Client)) > 0 {
        parts.push("the client changed".to_owned());
    }
    let breaking = diff.breaking();
    format!("{}: {}, {}", diff.module, parts.join(", "), plural(breaking, "breaking change"))
}
