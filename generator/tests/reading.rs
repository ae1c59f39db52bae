//! What the generator reads: only regular files below the spec's folder (or
//! `--ref-root`), of bounded size. Each test is a spec whose `$ref` reaches for
//! something else, and the error it must give instead of reading it.

use std::path::{Path, PathBuf};

use openapi_bindgen::{Config, RefScope};

/// A spec in `dir` whose one schema is `$ref: reference`.
fn spec_with_ref(dir: &Path, reference: &str) -> PathBuf {
    let spec = dir.join("api.yaml");
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Thing:\n      $ref: '{reference}'\n"
    );
    std::fs::write(&spec, text).expect("write spec");
    spec
}

/// The error generating `spec` gives.
fn error_of(spec: &Path, config: &Config) -> String {
    match config.generate(&[spec.to_path_buf()]) {
        Ok(_) => panic!("{} generated", spec.display()),
        Err(failure) => failure.to_string(),
    }
}

#[test]
fn files_outside_the_spec_folder_are_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    for reference in ["/etc/passwd#/x", "/proc/self/environ#/x", "/dev/zero#/x", "../outside.yaml#/X"] {
        let spec = spec_with_ref(dir.path(), reference);
        let error = error_of(&spec, &Config::new());
        assert!(error.contains("is outside") || error.contains("could not be loaded"), "{reference}: {error}");
        assert!(!error.contains("root:"), "{reference}: the file's text must not appear: {error}");
    }
}

#[test]
fn a_symbolic_link_does_not_lead_out_of_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("link.yaml")).expect("symlink");
    let error = error_of(&spec_with_ref(dir.path(), "link.yaml#/x"), &Config::new());
    assert!(error.contains("is outside"), "{error}");
}

#[test]
fn a_fifo_is_refused_instead_of_waited_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(made.success());
    let error = error_of(&spec_with_ref(dir.path(), "pipe.yaml#/X"), &Config::new());
    assert!(error.contains("not a regular file"), "{error}");
}

#[test]
fn a_file_over_the_size_cap_is_refused_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = std::fs::File::create(dir.path().join("big.yaml")).expect("create");
    // Sparse: no disk is used, and nothing is read.
    big.set_len(openapi_bindgen::internals::MAX_FILE_BYTES + 1).expect("set_len");
    let error = error_of(&spec_with_ref(dir.path(), "big.yaml#/X"), &Config::new());
    assert!(error.contains("larger than"), "{error}");
}

#[test]
fn ref_root_widens_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nested = dir.path().join("api");
    std::fs::create_dir(&nested).expect("mkdir");
    std::fs::write(dir.path().join("common.yaml"), "X: {type: string}\n").expect("write common");
    let spec = spec_with_ref(&nested, "../common.yaml#/X");
    let error = error_of(&spec, &Config::new());
    assert!(error.contains("is outside"), "{error}");
    let widened = Config::new().ref_scope(RefScope::Below(dir.path().to_path_buf())).clone();
    widened.generate(&[spec]).unwrap_or_else(|f| panic!("{f}"));
}
