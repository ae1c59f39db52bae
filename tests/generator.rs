//! Tests of the generator as `build.rs` and the CLI use it: golden output for the
//! fixture specs and the vendored real-world specs, exact diagnostics for broken
//! specs (with nothing written), freshness of `generated/`, and determinism.
//!
//! `UPDATE_GOLDEN=1 cargo test --test generator` rewrites the golden files and the
//! expected diagnostics; review the diff before committing it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use openapi_bindgen::{generate, generate_dir, generate_with, regenerate, spec_files, write, Options};

#[path = "conformance/harness.rs"]
#[allow(dead_code, reason = "shared with tests/conformance.rs, which uses the rest")]
mod harness;

fn update() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

/// The specs behind `tests/golden/`: the fixtures, then the real-world corpus.
fn golden_specs() -> Vec<PathBuf> {
    let mut specs = spec_files(Path::new("tests/fixtures/good")).expect("fixtures");
    specs.extend(spec_files(Path::new("tests/corpus")).expect("corpus"));
    specs
}

#[test]
fn golden_output_matches() {
    let generated = generate(&golden_specs()).unwrap_or_else(|f| panic!("{f}"));
    let dir = Path::new("tests/golden");
    if update() {
        write::write(&generated.files, dir).expect("write golden");
    }
    let stale = write::check(&generated.files, dir).expect("read golden");
    assert!(
        stale.is_empty(),
        "golden output differs (rerun with UPDATE_GOLDEN=1 and review the diff):\n{}",
        stale.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_golden_module_is_compiled() {
    let compiles = std::fs::read_to_string("tests/golden_compiles.rs").expect("golden_compiles.rs");
    for spec in golden_specs() {
        let module = openapi_bindgen::module_name(&spec);
        let declaration = format!("#[path = \"golden/{module}/mod.rs\"]\n#[rustfmt::skip]\npub mod {module};");
        assert!(compiles.contains(&declaration), "tests/golden_compiles.rs must declare:\n{declaration}");
    }
}

#[test]
fn generated_is_fresh() {
    let generated = generate_dir(Path::new("specs")).unwrap_or_else(|f| panic!("{f}"));
    let stale = write::check(&generated.files, Path::new("generated")).expect("read generated/");
    assert!(
        stale.is_empty(),
        "generated/ is stale (run `cargo build` and commit the result):\n{}",
        stale.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    );
}

/// The JSON Schema Test Suite's groups wrapped as OpenAPI documents, and the code
/// generated from them, as `tests/conformance.rs` compiles and runs it.
#[test]
fn conformance_suite_code_is_fresh() {
    let specs = harness::wrapped_specs();
    let mut stale = Vec::new();
    for (path, text) in &specs {
        if update() {
            std::fs::create_dir_all(harness::SPECS).expect("create specs dir");
            std::fs::write(path, text).expect("write wrapped spec");
        }
        if std::fs::read_to_string(path).ok().as_ref() != Some(text) {
            stale.push(format!("differs: {path}"));
        }
    }
    assert!(stale.is_empty(), "wrapped specs are stale (rerun with UPDATE_GOLDEN=1):\n{}", stale.join("\n"));
    let paths: Vec<PathBuf> = specs.keys().map(PathBuf::from).collect();
    let mut files = generate(&paths).unwrap_or_else(|f| panic!("{f}")).files;
    // The modules only: tests/conformance.rs uses the crate's own generated/runtime.rs.
    files.retain(|path, _| path.contains('/'));
    files.insert("cases.rs".to_owned(), harness::cases_module(&harness::skips()));
    let dir = Path::new(harness::GENERATED);
    if update() {
        write::write(&files, dir).expect("write conformance code");
    }
    let stale = write::check(&files, dir).expect("read conformance code");
    assert!(
        stale.is_empty(),
        "conformance code differs (rerun with UPDATE_GOLDEN=1 and review the diff):\n{}",
        stale.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    );
}

/// The Quo module generated without validation, which `benches/validation.rs`
/// compares with the checked one.
#[test]
fn unchecked_bench_module_is_fresh() {
    let options = Options { validation: false, ..Options::default() };
    let mut files = generate_with(&[PathBuf::from("specs/quo.yaml")], &options).unwrap_or_else(|f| panic!("{f}")).files;
    files.retain(|path, _| path.starts_with("quo/"));
    let dir = Path::new("benches/unchecked");
    if update() {
        write::write(&files, dir).expect("write unchecked module");
    }
    let stale = write::check(&files, dir).expect("read unchecked module");
    assert!(
        stale.is_empty(),
        "benches/unchecked differs (rerun with UPDATE_GOLDEN=1):\n{}",
        stale.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let specs = golden_specs();
    let first = generate(&specs).unwrap_or_else(|f| panic!("{f}")).files;
    let second = generate(&specs).unwrap_or_else(|f| panic!("{f}")).files;
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    assert!(first == second, "two runs over the same specs differ");
}

/// Every file under `dir`, with its content and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let modified = std::fs::metadata(&path).and_then(|m| m.modified()).expect("mtime");
                out.insert(path.clone(), (std::fs::read(&path).expect("read"), modified));
            }
        }
    }
    out
}

#[test]
fn broken_specs_give_exact_errors_and_write_nothing() {
    let good = PathBuf::from("tests/fixtures/good/objects.yaml");
    let out = tempfile::tempdir().expect("tempdir");
    regenerate(std::slice::from_ref(&good), out.path()).unwrap_or_else(|f| panic!("{f}"));
    let before = snapshot(out.path());
    assert!(!before.is_empty());

    let bad = spec_files(Path::new("tests/fixtures/bad")).expect("bad fixtures");
    assert!(bad.len() >= 5, "expected the bad-input fixtures, found {bad:?}");
    for spec in bad {
        // The broken spec comes with a good one, which must not be written either.
        let failure = match regenerate(&[good.clone(), spec.clone()], out.path()) {
            Ok(_) => panic!("{} generated without error", spec.display()),
            Err(failure) => failure.to_string(),
        };
        let expected_path = spec.with_extension("err");
        if update() {
            std::fs::write(&expected_path, format!("{failure}\n")).expect("write .err");
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", expected_path.display()));
        assert_eq!(failure, expected.trim_end_matches('\n'), "diagnostic for {}", spec.display());
        assert_eq!(snapshot(out.path()), before, "{} changed the output directory", spec.display());
    }
}

#[test]
fn warned_specs_give_exact_warnings() {
    let specs = spec_files(Path::new("tests/fixtures/warn")).expect("warn fixtures");
    assert!(!specs.is_empty(), "expected the warning fixtures");
    for spec in specs {
        let generated = generate(std::slice::from_ref(&spec)).unwrap_or_else(|f| panic!("{}: {f}", spec.display()));
        let warnings: String = generated.warnings.iter().map(|w| format!("{w}\n")).collect();
        let expected_path = spec.with_extension("warn");
        if update() {
            std::fs::write(&expected_path, &warnings).expect("write .warn");
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", expected_path.display()));
        assert_eq!(warnings, expected, "warnings of {}", spec.display());
    }
}
