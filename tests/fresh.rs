//! What the repository commits is what the generator makes of it: `generated/`
//! from `specs/`, and the conformance suite's wrapped specs and their code.
//!
//! `UPDATE_GOLDEN=1 cargo test --test fresh` rewrites the conformance files
//! (`cargo build` rewrites `generated/`); review the diff before committing it.

use std::path::{Path, PathBuf};

use openapi_bindgen::{spec_files, Config, Features, Generated};

#[path = "conformance/harness.rs"]
#[allow(dead_code, reason = "shared with tests/conformance.rs, which uses the rest")]
mod harness;

fn update() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

fn assert_fresh(generated: &Generated, dir: &Path, how: &str) {
    let stale = generated.check(dir).unwrap_or_else(|f| panic!("{f}"));
    assert!(
        stale.is_empty(),
        "{} is stale ({how}):\n{}",
        dir.display(),
        stale.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn generated_is_fresh() {
    let specs = spec_files(Path::new("specs")).unwrap_or_else(|f| panic!("{f}"));
    let generated = Config::new().generate(&specs).unwrap_or_else(|f| panic!("{f}"));
    assert_fresh(&generated, Path::new("generated"), "run `cargo build` and commit the result");
    let manifest = std::fs::read_to_string("Cargo.toml").expect("Cargo.toml");
    let expected = openapi_bindgen::package::with_features(&manifest, &generated.features).expect("feature marks");
    assert!(manifest == expected, "Cargo.toml's tag features are stale: run `cargo build` and commit the result");
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
    // Ungated: tests/conformance.rs declares none of the modules' features.
    let mut generated = Config::new().features(Features::Ungated).generate(&paths).unwrap_or_else(|f| panic!("{f}"));
    // The modules only: the runtime (`runtime.rs`, `client.rs` and `client/`) is
    // the crate's own, which tests/conformance.rs uses. No module is named `client`.
    generated.files.retain(|path, _| path.contains('/') && !path.starts_with("client/"));
    generated.files.insert("cases.rs".to_owned(), harness::cases_module(&harness::skips()));
    let dir = Path::new(harness::GENERATED);
    if update() {
        generated.write(dir).unwrap_or_else(|f| panic!("{f}"));
    }
    assert_fresh(&generated, dir, "rerun with UPDATE_GOLDEN=1 and review the diff");
}
