//! `diff` on real version pairs: the time it takes and what it finds.
//!
//! ```text
//! scripts/fetch_corpus.py && scripts/fetch_corpus.py --lock tests/corpus/versions.lock
//! cargo bench -p openapi-bindgen --bench diff
//! ```
//!
//! For each pair of `tests/corpus/versions.lock` (an older version → the corpus
//! spec) it prints the time of loading, lowering and comparing both (best of
//! three), the summary line, and the changes counted by kind, breaking or not.
//! Target: GitHub's two versions in at most 5 s.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use openapi_bindgen::{diff, Config};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let specs = root.join("target/corpus/specs");
    let lock = std::fs::read_to_string(root.join("tests/corpus/versions.lock")).expect("versions.lock");
    for line in lock.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (Some(old), Some(new)) = (fields.first(), fields.get(6)) else { panic!("versions.lock: {line}") };
        let (old, new) = (specs.join(old), specs.join(new));
        if !old.exists() || !new.exists() {
            eprintln!("{} or {} is missing: run the fetch script (see above)", old.display(), new.display());
            std::process::exit(1);
        }
        let mut best = Duration::MAX;
        let mut result = None;
        for _ in 0..3 {
            let start = Instant::now();
            let d = diff::specs(&Config::new(), &old, &new).unwrap_or_else(|f| panic!("{f}"));
            best = best.min(start.elapsed());
            result = Some(d);
        }
        let d = result.expect("three runs");
        let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        println!("## {} → {}: {:.2} s\n\n{}\n", name(&old), name(&new), best.as_secs_f64(), diff::summary_line(&d));
        let mut counts: BTreeMap<(String, bool), usize> = BTreeMap::new();
        for c in &d.changes {
            *counts.entry((c.kind.label(), c.breaking())).or_default() += 1;
        }
        println!("| kind | breaking | compatible |\n| --- | ---: | ---: |");
        let kinds: Vec<&String> =
            counts.keys().map(|(k, _)| k).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        for kind in kinds {
            let n = |b| counts.get(&(kind.clone(), b)).copied().unwrap_or(0);
            println!("| {kind} | {} | {} |", n(true), n(false));
        }
        println!();
    }
}
