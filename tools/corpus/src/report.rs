//! The table the corpus run prints.

use std::fmt::Write as _;

/// What happened to one spec.
#[derive(Debug, Default)]
pub struct Row {
    /// The spec's short name.
    pub name: String,
    /// The received-data policy it was generated with, when not the default.
    pub received: Option<String>,
    /// Client operations generated.
    pub operations: u64,
    /// Named types generated.
    pub types: u64,
    /// Generator warnings, `count × kind`, most frequent first.
    pub warnings: Vec<(String, u64)>,
    /// Lines of generated code.
    pub lines: u64,
    /// Seconds the generator took.
    pub generate_secs: f64,
    /// Seconds `cargo check` took, when it ran.
    pub check_secs: Option<f64>,
    /// Seconds `cargo rustdoc` took, when it ran.
    pub doc_secs: Option<f64>,
    /// Whether `cargo test --doc` runs on the crate.
    pub doctests: bool,
    /// Why it failed, if it did.
    pub failure: Option<String>,
    /// For a crate with tests of its own: what `cargo test` reported.
    pub tested: Option<String>,
    /// The features checked on their own, with the seconds each took (`""` is
    /// none at all).
    pub alone: Vec<(String, f64)>,
}

/// Renders the checks of features on their own: per crate, how many, the median
/// and the slowest.
pub fn alone(rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows.iter().filter(|r| !r.alone.is_empty()) {
        let mut times: Vec<&(String, f64)> = row.alone.iter().collect();
        times.sort_by(|a, b| a.1.total_cmp(&b.1));
        let median = times[times.len() / 2].1;
        let (slowest, secs) = times[times.len() - 1];
        let name = |f: &str| if f.is_empty() { "none".to_owned() } else { format!("`{f}`") };
        let _ = writeln!(
            out,
            "{}: {} feature set(s) checked alone ({}), median {median:.1} s, slowest {} {secs:.1} s",
            row.name,
            times.len(),
            row.alone.iter().map(|(f, _)| name(f)).collect::<Vec<_>>().join(", "),
            name(slowest),
        );
    }
    out
}

/// Renders the rows as a Markdown table, with totals.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| spec | operations | types | lines | generate (s) | check (s) | doc (s) | result | warnings by kind |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n",
    );
    for row in rows {
        let warnings = if row.warnings.is_empty() {
            "none".to_owned()
        } else {
            row.warnings.iter().map(|(kind, n)| format!("{n} {kind}")).collect::<Vec<_>>().join(", ")
        };
        let check = row.check_secs.map_or("-".to_owned(), |s| format!("{s:.1}"));
        let doc = row.doc_secs.map_or("-".to_owned(), |s| format!("{s:.1}"));
        let result = if row.failure.is_some() { "FAILED" } else { "ok" };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.2} | {check} | {doc} | {result} | {warnings} |",
            row.name, row.operations, row.types, row.lines, row.generate_secs
        );
    }
    let count = |f: fn(&Row) -> u64| rows.iter().map(f).sum::<u64>();
    let secs = |f: fn(&Row) -> f64| rows.iter().map(f).fold(0.0, |a, b| a + b);
    let _ = writeln!(
        out,
        "| total ({}) | {} | {} | {} | {:.2} | {:.1} | {:.1} | {} failed | {} warnings |",
        rows.len(),
        count(|r| r.operations),
        count(|r| r.types),
        count(|r| r.lines),
        secs(|r| r.generate_secs),
        secs(|r| r.check_secs.unwrap_or(0.0)),
        secs(|r| r.doc_secs.unwrap_or(0.0)),
        rows.iter().filter(|r| r.failure.is_some()).count(),
        count(|r| r.warnings.iter().map(|(_, n)| n).sum()),
    );
    out
}
