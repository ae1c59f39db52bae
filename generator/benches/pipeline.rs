//! The generator's speed and memory, per pipeline stage, on the largest corpus specs.
//!
//! ```text
//! scripts/fetch_corpus.py && cargo bench -p openapi-bindgen --bench pipeline [-- SPEC...]
//! ```
//!
//! For each spec (default: github-rest, github-rest doubled, stripe and
//! github-webhooks from the fetched corpus; or files of it or paths named, where
//! `NAME-x2.json` is the corpus spec `NAME.json` doubled) it runs load → resolve →
//! lower → emit → format → write, best of three runs, and prints each stage's wall
//! time, the heap peak reached during that stage (`peak_alloc`'s counting global
//! allocator), and the output size, stage by stage on one thread. Then end to end:
//! the CLI's wall time as a process (parallel, with its own allocator, median of
//! five), and the heap peak of the same work in this process; and how the doubled
//! spec compares with the spec (linear is 2×). Targets: github-rest end to end at
//! most 1 s and 300 MB.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use openapi_bindgen::internals::{self as stages, Documents, EmittedFile, Sink};
use openapi_bindgen::{module_name, Config};
use peak_alloc::PeakAlloc;

/// The system allocator, counting live bytes and their peak.
#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// One stage's figures.
struct Stage {
    name: &'static str,
    time: Duration,
    peak: usize,
}

/// Runs `f` as a stage: its time and the heap peak reached while it ran.
fn stage<T>(stages: &mut Vec<Stage>, name: &'static str, f: impl FnOnce() -> T) -> T {
    ALLOCATOR.reset_peak_usage();
    let start = Instant::now();
    let out = f();
    stages.push(Stage { name, time: start.elapsed(), peak: ALLOCATOR.peak_usage() });
    out
}

/// One full run; returns the stages and the output size (files, bytes, lines).
fn run(spec: &Path, out: &Path) -> (Vec<Stage>, (usize, usize, usize)) {
    let mut stages = Vec::new();
    let name = module_name(spec);
    let docs = stage(&mut stages, "load", || Documents::load(spec)).unwrap_or_else(|d| panic!("{d}"));
    let mut sink = Sink::default();
    let resolved = stage(&mut stages, "resolve", || stages::resolve(&docs, &mut sink)).expect("resolves");
    let module = stage(&mut stages, "lower", || stages::lower(&resolved, &name, &name, &mut sink));
    assert!(!sink.has_errors(), "{spec:?} has errors");
    let modules = [module];
    let emitted = stage(&mut stages, "emit", || {
        let mut files = stages::crate_root(&modules);
        files.extend(stages::emit_module(&modules[0]));
        files
    });
    let files = stage(&mut stages, "format", || {
        emitted
            .into_iter()
            .map(|file| match file {
                EmittedFile::Tokens(path, tokens) => {
                    let text = stages::format(&path, tokens).unwrap_or_else(|d| panic!("{d}"));
                    (path, text)
                }
                EmittedFile::Text(path, text) => (path, stages::with_header(&text)),
            })
            .collect()
    });
    stage(&mut stages, "write", || stages::write(&files, out)).expect("writes");
    let bytes = files.values().map(String::len).sum();
    let lines = files.values().map(|t| t.lines().count()).sum();
    (stages, (files.len(), bytes, lines))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let fetched = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/corpus/specs");
    let names: Vec<String> = if args.is_empty() {
        ["github-rest.json", "github-rest-x2.json", "stripe.yaml", "github-webhooks.json"].map(String::from).to_vec()
    } else {
        args
    };
    println!("| spec | stage | time (ms) | heap peak (MB) |\n| --- | --- | ---: | ---: |");
    let mut ends: Vec<(String, Duration, usize)> = Vec::new();
    for name in &names {
        let spec = spec_path(&fetched, name);
        let out = std::env::temp_dir().join(format!("openapi-bindgen-bench-{}", std::process::id()));
        let mut best: Option<(Vec<Stage>, (usize, usize, usize))> = None;
        for _ in 0..3 {
            let _ = std::fs::remove_dir_all(&out);
            let (stages, size) = run(&spec, &out);
            let total: Duration = stages.iter().map(|s| s.time).sum();
            if best.as_ref().is_none_or(|(b, _)| total < b.iter().map(|s| s.time).sum()) {
                best = Some((stages, size));
            }
        }
        let (stages, (files, bytes, lines)) = best.expect("three runs");
        let mb = |b: usize| b as f64 / 1e6;
        for s in &stages {
            println!("| {name} | {} | {:.0} | {:.0} |", s.name, s.time.as_secs_f64() * 1e3, mb(s.peak));
        }
        let total: Duration = stages.iter().map(|s| s.time).sum();
        let peak = stages.iter().map(|s| s.peak).max().unwrap_or(0);
        println!(
            "| {name} | sum of the stages ({files} files, {:.1} MB, {lines} lines) | {:.0} | {:.0} |",
            mb(bytes),
            total.as_secs_f64() * 1e3,
            mb(peak)
        );
        // What users run: the CLI, emit and format in parallel, with its own
        // allocator (this binary's counting allocator slows threads down), timed
        // as a process, median of five.
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let _ = std::fs::remove_dir_all(&out);
                let start = Instant::now();
                let status = std::process::Command::new(env!("CARGO_BIN_EXE_openapi-bindgen"))
                    .args(["generate", "--specs"])
                    .arg(&spec)
                    .arg("--out")
                    .arg(&out)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status()
                    .expect("runs the CLI");
                assert!(status.success(), "the CLI failed on {}", spec.display());
                start.elapsed()
            })
            .collect();
        times.sort();
        let time = times[times.len() / 2];
        // The same work in this process (`Config::generate` and `Generated::write`), for its heap peak.
        let _ = std::fs::remove_dir_all(&out);
        ALLOCATOR.reset_peak_usage();
        let generated = Config::new().generate(std::slice::from_ref(&spec)).unwrap_or_else(|f| panic!("{f}"));
        generated.write(&out).unwrap_or_else(|f| panic!("{f}"));
        let peak = ALLOCATOR.peak_usage();
        let _ = std::fs::remove_dir_all(&out);
        println!(
            "| {name} | **end to end** (`openapi-bindgen generate`, median of 5; heap of `generate` + `write`) | **{:.0}** | **{:.0}** |",
            time.as_secs_f64() * 1e3,
            mb(peak)
        );
        ends.push((name.clone(), time, peak));
    }
    // Linearity: the doubled spec against the spec.
    for (name, time, peak) in &ends {
        let Some(single) = name.strip_suffix(DOUBLED).map(|stem| format!("{stem}.json")) else { continue };
        if let Some((_, t1, p1)) = ends.iter().find(|(n, _, _)| *n == single) {
            println!(
                "\n{name} against {single}: {:.2}× the time, {:.2}× the heap peak (2.00× is linear)",
                time.as_secs_f64() / t1.as_secs_f64(),
                *peak as f64 / *p1 as f64
            );
        }
    }
}

/// The suffix of a spec name that asks for the spec doubled.
const DOUBLED: &str = "-x2.json";

/// The spec a name stands for: a path, a file of the fetched corpus, or
/// `NAME-x2.json`, the corpus spec `NAME.json` doubled (written to a temporary file).
fn spec_path(fetched: &Path, name: &str) -> PathBuf {
    let path = PathBuf::from(name);
    if path.is_file() {
        return path;
    }
    if let Some(stem) = name.strip_suffix(DOUBLED) {
        let doubled = std::env::temp_dir().join(format!("openapi-bindgen-bench-{}{DOUBLED}", stem));
        let text = std::fs::read_to_string(spec_path(fetched, &format!("{stem}.json"))).expect("reads the spec");
        let spec: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        std::fs::write(&doubled, serde_json::to_string(&doubled_spec(spec)).expect("JSON")).expect("writes");
        return doubled;
    }
    let fetched = fetched.join(name);
    if !fetched.is_file() {
        eprintln!("{} is missing: run scripts/fetch_corpus.py first", fetched.display());
        std::process::exit(1);
    }
    fetched
}

/// A spec twice the size of `spec`: every path, operation and component again
/// under another name (`/copy/...`, `...Copy`), referring to the copies.
fn doubled_spec(mut spec: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    fn rename(value: &mut Value) {
        match value {
            Value::String(s) if s.starts_with("#/components/") => {
                // `#/components/<section>/<name>[/...]`: the copy of the component.
                let mut parts: Vec<String> = s.splitn(5, '/').map(str::to_owned).collect();
                if let Some(name) = parts.get_mut(3) {
                    name.push_str("Copy");
                }
                *s = parts.join("/");
            }
            Value::Array(items) => items.iter_mut().for_each(rename),
            Value::Object(members) => members.values_mut().for_each(rename),
            _ => {}
        }
    }
    let mut copy = spec.clone();
    rename(&mut copy);
    if let Some(paths) = copy.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                if let Some(Value::String(id)) = op.get_mut("operationId") {
                    id.push_str("Copy");
                }
            }
        }
        let moved: Vec<(String, Value)> =
            std::mem::take(paths).into_iter().map(|(k, v)| (format!("/copy{k}"), v)).collect();
        if let Some(target) = spec.get_mut("paths").and_then(Value::as_object_mut) {
            target.extend(moved);
        }
    }
    if let Some(sections) = copy.get_mut("components").and_then(Value::as_object_mut) {
        for (section, members) in std::mem::take(sections) {
            let Value::Object(members) = members else { continue };
            let target = spec["components"][&section].as_object_mut();
            if let Some(target) = target {
                target.extend(members.into_iter().map(|(k, v)| (format!("{k}Copy"), v)));
            }
        }
    }
    spec
}
