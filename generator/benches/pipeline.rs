//! The generator's speed and memory, per pipeline stage, on the largest corpus specs.
//!
//! ```text
//! scripts/fetch_corpus.py && cargo bench -p openapi-bindgen --bench pipeline [-- SPEC...]
//! ```
//!
//! For each spec (default: github-rest, stripe and github-webhooks from the fetched
//! corpus) it runs load → resolve → lower → emit → format → write, best of three
//! runs, and prints each stage's wall time, the heap peak reached during that stage
//! (`peak_alloc`'s counting global allocator), and the output size, stage by stage
//! on one thread. Then end to end: the CLI's wall time as a process (parallel, with
//! its own allocator), and the heap peak of the same work in this process.
//! Targets: github-rest end to end at most 2 s and 500 MB.

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
    let args: Vec<PathBuf> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).map(PathBuf::from).collect();
    let fetched = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/corpus/specs");
    let specs = if args.is_empty() {
        ["github-rest.json", "stripe.yaml", "github-webhooks.json"].map(|f| fetched.join(f)).to_vec()
    } else {
        args
    };
    println!("| spec | stage | time (ms) | heap peak (MB) |\n| --- | --- | ---: | ---: |");
    for spec in &specs {
        if !spec.exists() {
            eprintln!("{} is missing: run scripts/fetch_corpus.py first", spec.display());
            std::process::exit(1);
        }
        let out = std::env::temp_dir().join(format!("openapi-bindgen-bench-{}", std::process::id()));
        let mut best: Option<(Vec<Stage>, (usize, usize, usize))> = None;
        for _ in 0..3 {
            let _ = std::fs::remove_dir_all(&out);
            let (stages, size) = run(spec, &out);
            let total: Duration = stages.iter().map(|s| s.time).sum();
            if best.as_ref().is_none_or(|(b, _)| total < b.iter().map(|s| s.time).sum()) {
                best = Some((stages, size));
            }
        }
        let (stages, (files, bytes, lines)) = best.expect("three runs");
        let name = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
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
        // as a process, best of three.
        let time = (0..3)
            .map(|_| {
                let _ = std::fs::remove_dir_all(&out);
                let start = Instant::now();
                let status = std::process::Command::new(env!("CARGO_BIN_EXE_openapi-bindgen"))
                    .args(["generate", "--specs"])
                    .arg(spec)
                    .arg("--out")
                    .arg(&out)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status()
                    .expect("runs the CLI");
                assert!(status.success(), "the CLI failed on {}", spec.display());
                start.elapsed()
            })
            .min()
            .expect("three runs");
        // The same work in this process (`Config::generate` and `Generated::write`), for its heap peak.
        let _ = std::fs::remove_dir_all(&out);
        ALLOCATOR.reset_peak_usage();
        let generated = Config::new().generate(std::slice::from_ref(spec)).unwrap_or_else(|f| panic!("{f}"));
        generated.write(&out).unwrap_or_else(|f| panic!("{f}"));
        let peak = ALLOCATOR.peak_usage();
        let _ = std::fs::remove_dir_all(&out);
        println!(
            "| {name} | **end to end** (`openapi-bindgen generate`; heap of `generate` + `write`) | **{:.0}** | **{:.0}** |",
            time.as_secs_f64() * 1e3,
            mb(peak)
        );
    }
}
