//! The corpus run: every spec of `tests/corpus/corpus.list` becomes a standalone
//! crate through the generator's `crate` command, and `cargo check` compiles each
//! with warnings denied; `cargo rustdoc` documents each with warnings denied, and
//! the doc tests of the vendored specs' crates run. A crate with files in `tests/corpus/extra/NAME/crate/`
//! (tests, examples, data) gets them copied in, and `cargo test` runs it: its
//! generated example tests and those files' tests. Prints a table of operations,
//! types, warnings by kind and times; exits non-zero on any panic, generation
//! error, compile error or failed test.
//!
//! ```text
//! cargo build --release -p openapi-bindgen && cargo run -p corpus [-- NAME...]
//! ```
//!
//! The large specs are fetched first by `scripts/fetch_corpus.py` (pinned by
//! sha256, cached). The crates live in one scratch workspace under
//! `target/corpus/crates`, built into this repository's target directory and with
//! its `Cargo.lock`, so their dependencies are compiled once and shared.

mod list;
mod report;
mod sizes;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};
use std::time::Instant;

use openapi_bindgen::package::{self, Package, FULL};
use report::Row;

/// The features of the documentation and test runs: everything, and `Serialize`
/// of every type (the round trips write back what they read); a crate with a
/// client or webhooks adds its test doubles and spans ([`everything`]). The timed check uses
/// `full` alone, the default a large API's user starts from.
const EVERYTHING: &str = "full,serialize";

/// The features of the documentation and test runs of the crate in `dir`:
/// [`EVERYTHING`], `mock` and `tracing` when it has a client, and `testing` when
/// it has webhooks (its tests use them).
fn everything(dir: &Path) -> String {
    let mut features = EVERYTHING.to_owned();
    if dir.join("src/client.rs").is_file() {
        features.push_str(",mock,tracing");
    }
    if dir.join("src/webhooks.rs").is_file() {
        features.push_str(",testing");
    }
    features
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (this crate is `tools/corpus`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap_or_else(|_| PathBuf::from("."))
}

fn run() -> Result<bool, String> {
    let root = root();
    let only: Vec<String> = std::env::args().skip(1).collect();
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let cli = target.join("release/openapi-bindgen");
    if !cli.exists() {
        return Err(format!("{} is missing: run `cargo build --release -p openapi-bindgen` first", cli.display()));
    }
    let fetched = fetch(&root)?;
    let mut entries = list::read(&root.join("tests/corpus/corpus.list"), &root, &fetched)?;
    if !only.is_empty() {
        entries.retain(|e| only.contains(&e.name));
    }
    let work = target.join("corpus/crates");
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;

    let mut rows: Vec<Row> = entries.iter().map(|e| generate(&cli, e, &work)).collect();
    let alone: Vec<list::Alone> = entries.iter().map(|e| e.alone.clone()).collect();
    for (row, entry) in rows.iter_mut().zip(&entries).filter(|(r, _)| r.failure.is_none()) {
        let extra = root.join("tests/corpus/extra").join(&row.name).join("crate");
        if extra.is_dir() {
            if let Err(e) = copy_dir(&extra, &work.join(&row.name)) {
                row.failure = Some(e);
            }
            row.tested = Some(String::new());
        }
        if entry.sizes {
            if let Err(e) = sizes::write_test(&work.join(&row.name), &row.name) {
                row.failure = Some(e);
            }
            row.tested = Some(String::new());
        }
    }
    let mut members: Vec<String> =
        rows.iter().filter(|r| r.failure.is_none()).map(|r| format!("{:?}", r.name)).collect();
    members.push(format!("{DEPENDENCIES:?}"));
    let manifest = format!("[workspace]\nmembers = [{}]\nresolver = \"2\"\n", members.join(", "));
    write(&work.join("Cargo.toml"), &manifest)?;
    std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    let dependencies = check_dependencies(&work, &target)?;
    eprintln!("dependencies: {dependencies:.1} s");
    for (row, alone) in rows.iter_mut().zip(&alone).filter(|(r, _)| r.failure.is_none()) {
        check(row, &work, &target);
        if row.failure.is_none() {
            check_alone(row, alone, &work, &target);
        }
        if row.failure.is_none() {
            doc(row, &work, &target);
        }
        if row.failure.is_none() && row.tested.is_some() {
            test(row, &work, &target);
        }
        eprintln!("{}: {}", row.name, row.failure.as_deref().unwrap_or("ok"));
    }
    println!("{}", report::table(&rows));
    println!("Check times are each crate's own with feature `full`, compiled as a dependency is (not incrementally); the dependencies every crate shares took {dependencies:.1} s before them.");
    print!("{}", report::alone(&rows));
    for row in rows.iter().filter(|r| r.failure.is_none()) {
        if let Some(tested) = &row.tested {
            println!("{} tested: {tested}", row.name);
        }
    }
    for row in &rows {
        if let Some(failure) = &row.failure {
            println!("\n## {} failed\n\n{failure}", row.name);
        }
    }
    Ok(rows.iter().all(|r| r.failure.is_none()))
}

/// Runs the fetch script and returns the directory of the fetched specs.
fn fetch(root: &Path) -> Result<PathBuf, String> {
    let output = Command::new("python3")
        .arg(root.join("scripts/fetch_corpus.py"))
        .output()
        .map_err(|e| format!("cannot run scripts/fetch_corpus.py: {e}"))?;
    if !output.status.success() {
        return Err(format!("scripts/fetch_corpus.py failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
}

/// Generates the crate of one spec with the CLI's `crate` command.
fn generate(cli: &Path, entry: &list::Entry, work: &Path) -> Row {
    let mut row =
        Row { name: entry.name.clone(), doctests: entry.vendored, received: entry.received.clone(), ..Row::default() };
    let start = Instant::now();
    let output = Command::new(cli)
        .args(["crate", "--json", "--name"])
        .arg(&entry.name)
        .arg("--specs")
        .arg(&entry.spec)
        .arg("--out")
        .arg(work.join(&entry.name))
        .args(entry.overlay.iter().flat_map(|o| [std::ffi::OsStr::new("--overlay"), o.as_os_str()]))
        .args(entry.ref_root.iter().flat_map(|r| [std::ffi::OsStr::new("--ref-root"), r.as_os_str()]))
        .args(entry.received.iter().flat_map(|p| ["--received", p.as_str()]))
        .output();
    row.generate_secs = start.elapsed().as_secs_f64();
    let output = match output {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            row.failure = Some(format!("generation failed ({}):\n{}", output.status, tail(&output)));
            return row;
        }
        Err(e) => {
            row.failure = Some(format!("cannot run {}: {e}", cli.display()));
            return row;
        }
    };
    match serde_json::from_slice::<serde_json::Value>(&output.stdout) {
        Ok(report) => {
            let modules = report["modules"].as_array().cloned().unwrap_or_default();
            row.operations = modules.iter().filter_map(|m| m["operations"].as_u64()).sum();
            row.types = modules.iter().filter_map(|m| m["types"].as_u64()).sum();
            row.lines = report["lines"].as_u64().unwrap_or_default();
            if let Some(warnings) = report["warnings"].as_object() {
                row.warnings = warnings.iter().map(|(k, n)| (k.clone(), n.as_u64().unwrap_or_default())).collect();
            }
        }
        Err(e) => row.failure = Some(format!("the generator's --json report is unreadable: {e}")),
    }
    row
}

/// The member of the scratch workspace that has the generated crates' dependencies
/// and no code of its own: checked first, so that each crate's time is its own.
const DEPENDENCIES: &str = "corpus-dependencies";

/// Writes and checks the dependencies member; returns the seconds it took.
fn check_dependencies(work: &Path, target: &Path) -> Result<f64, String> {
    let package = Package { name: DEPENDENCIES.to_owned(), version: "0.0.0".to_owned() };
    let dir = work.join(DEPENDENCIES);
    std::fs::create_dir_all(dir.join("src")).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    write(
        &dir.join("Cargo.toml"),
        &package::manifest(
            &package,
            &[package::Support::Client, package::Support::Webhooks],
            &[],
            package::Defaults::All,
        ),
    )?;
    write(&dir.join("src/lib.rs"), "//! The dependencies of the generated crates, checked once for all.\n")?;
    let start = Instant::now();
    let output = cargo(work, target).args(["check", "--quiet", "--lib", "--package", DEPENDENCIES]).output();
    match output {
        Ok(output) if output.status.success() => Ok(start.elapsed().as_secs_f64()),
        Ok(output) => Err(format!("checking the dependencies failed ({}):\n{}", output.status, tail(&output))),
        Err(e) => Err(format!("cannot run cargo: {e}")),
    }
}

/// A `cargo` command in the scratch workspace. Crates are compiled the way cargo
/// compiles a dependency, without incremental compilation: that is how users
/// compile the generated code, and incremental bookkeeping would add to it.
fn cargo(work: &Path, target: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(work).env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0");
    command
}

/// `cargo check`s one crate of the workspace with every operation and webhook
/// (feature `full`), its own warnings denied.
fn check(row: &mut Row, work: &Path, target: &Path) {
    match check_with(&row.name, &["--features", FULL], &[], work, target) {
        Ok(secs) => row.check_secs = Some(secs),
        Err(failure) => row.failure = Some(failure),
    }
}

/// Checks the crate with the defaults off and each feature `alone` asks for on its
/// own, warnings denied. Every feature is checked with the crate's example tests;
/// one named feature without them, to time what a user compiles.
fn check_alone(row: &mut Row, alone: &list::Alone, work: &Path, target: &Path) {
    let (features, tests): (Vec<String>, &[&str]) = match alone {
        list::Alone::Nothing => return,
        list::Alone::One(feature) => (vec![feature.clone()], &[]),
        list::Alone::Each => match crate_features(&work.join(&row.name)) {
            Ok(features) => (std::iter::once(String::new()).chain(features).collect(), &["--test"]),
            Err(failure) => {
                row.failure = Some(failure);
                return;
            }
        },
    };
    for feature in features {
        let args = ["--no-default-features", "--features", feature.as_str()];
        match check_with(&row.name, &args, tests, work, target) {
            Ok(secs) => row.alone.push((feature, secs)),
            Err(failure) => {
                row.failure = Some(format!("with only feature `{feature}`: {failure}"));
                return;
            }
        }
    }
}

/// The generated features of a crate: those its `full` feature turns on, and the
/// tag features those turn on.
fn crate_features(dir: &Path) -> Result<Vec<String>, String> {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    // A TOML array of basic strings without escapes reads as JSON.
    let enables = |name: &str| -> Option<Vec<String>> {
        let list = text.lines().find_map(|l| l.strip_prefix(&format!("{name} = ")))?;
        serde_json::from_str(list).ok()
    };
    let mut features =
        enables(FULL).ok_or_else(|| format!("{} has no readable `{FULL}` feature", manifest.display()))?;
    // `full` enables each module's feature, which enables the module's tag features.
    let mut i = 0;
    while let Some(name) = features.get(i).cloned() {
        for tag in enables(&name).unwrap_or_default() {
            if !features.contains(&tag) {
                features.push(tag);
            }
        }
        i += 1;
    }
    Ok(features)
}

/// `cargo check`s one crate with `features` and further `rustc` arguments, its
/// warnings denied; returns the seconds it took, or what failed.
fn check_with(name: &str, features: &[&str], rustc: &[&str], work: &Path, target: &Path) -> Result<f64, String> {
    let start = Instant::now();
    let output = cargo(work, target)
        .args(["rustc", "--quiet", "--profile", "check", "--lib", "--package", name])
        .args(features)
        .args(["--", "-D", "warnings"])
        .args(rustc)
        .output();
    match output {
        Ok(output) if output.status.success() => Ok(start.elapsed().as_secs_f64()),
        Ok(output) => Err(format!("cargo check failed ({}):\n{}", output.status, tail(&output))),
        Err(e) => Err(format!("cannot run cargo: {e}")),
    }
}

/// Documents one crate with rustdoc's warnings denied (bare URLs, HTML, broken
/// links), then, for a vendored spec, runs its doc tests: no prose of the spec may
/// become a failing doctest. Fetched specs skip the doc tests, which compile the
/// whole crate once more; their docs go through the same rewriting.
fn doc(row: &mut Row, work: &Path, target: &Path) {
    let start = Instant::now();
    let output = cargo(work, target)
        .args([
            "rustdoc",
            "--quiet",
            "--lib",
            "--package",
            &row.name,
            "--features",
            &everything(&work.join(&row.name)),
            "--",
            "-D",
            "warnings",
        ])
        .output();
    row.doc_secs = Some(start.elapsed().as_secs_f64());
    match output {
        Ok(output) if output.status.success() => {}
        Ok(output) => {
            row.failure = Some(format!("cargo rustdoc failed ({}):\n{}", output.status, tail(&output)));
            return;
        }
        Err(e) => {
            row.failure = Some(format!("cannot run cargo: {e}"));
            return;
        }
    }
    if !row.doctests {
        return;
    }
    let output = cargo(work, target)
        .args(["test", "--quiet", "--doc", "--package", &row.name, "--features", &everything(&work.join(&row.name))])
        .output();
    match output {
        Ok(output) if output.status.success() => {}
        Ok(output) => row.failure = Some(format!("cargo test --doc failed ({}):\n{}", output.status, tail(&output))),
        Err(e) => row.failure = Some(format!("cannot run cargo: {e}")),
    }
}

/// `cargo test`s one crate: the generated example tests of its webhook deliveries
/// (`*_post_request_body_*`), then every test copied into its `tests/`. Its other
/// example tests are not run here: real specs' property examples still fail (a
/// `date-time` with an offset comes back in UTC; an array property whose
/// `examples` list items).
fn test(row: &mut Row, work: &Path, target: &Path) {
    let dir = work.join(&row.name);
    let features = everything(&dir);
    let mut runs: Vec<Vec<&str>> = vec![vec!["--lib", "--", "_post_request_body_", "--nocapture"]];
    if dir.join("tests").is_dir() {
        runs.push(vec!["--test", "*", "--", "--nocapture"]);
    }
    let mut tested = Vec::new();
    for run in runs {
        let output = cargo(work, target)
            .args(["test", "--quiet", "--package", &row.name, "--features", &features])
            .args(&run)
            // The crate's own tests may hold figures that depend on the policy.
            .env("CORPUS_RECEIVED", row.received.as_deref().unwrap_or("as-specified"))
            .output();
        match output {
            Ok(output) if output.status.success() => {
                let stdout = String::from_utf8_lossy(&output.stdout);
                tested.extend(stdout.lines().filter(|l| l.starts_with("test result:")).map(str::to_owned));
                let stderr = String::from_utf8_lossy(&output.stderr);
                tested.extend(
                    stderr.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("warning")).map(str::to_owned),
                );
            }
            Ok(output) => {
                let stdout = String::from_utf8_lossy(&output.stdout);
                let last: Vec<&str> = stdout.lines().rev().take(80).collect::<Vec<_>>().into_iter().rev().collect();
                row.failure =
                    Some(format!("cargo test failed ({}):\n{}\n{}", output.status, last.join("\n"), tail(&output)));
                return;
            }
            Err(e) => {
                row.failure = Some(format!("cannot run cargo: {e}"));
                return;
            }
        }
    }
    row.tested = Some(tested.join("; "));
}

/// Copies the files under `from` into `to`, keeping their relative paths.
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", from.display()))?.path();
        let dest = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            std::fs::create_dir_all(&dest).map_err(|e| format!("cannot create {}: {e}", dest.display()))?;
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The last lines of a command's stderr, enough to show its first errors.
fn tail(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(60)..].join("\n")
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
