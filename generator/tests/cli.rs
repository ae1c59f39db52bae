//! The CLI over the repository's own specs: `check` agrees with `generated/`, and a
//! broken spec makes `generate` fail with its diagnostic and write nothing.

use std::path::Path;
use std::process::Command;

fn cli() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_openapi-bindgen"));
    // The repository root, so that paths in messages read as in a build.
    command.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
    command
}

#[test]
fn check_reports_generated_fresh() {
    let output = cli().arg("check").output().expect("run the CLI");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "check failed:\n{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout.trim(), "generated is up to date");
}

#[test]
fn check_reports_a_stale_directory() {
    let out = tempfile::tempdir().expect("tempdir");
    let output = cli().args(["check", "--out"]).arg(out.path()).output().expect("run the CLI");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success());
    assert!(stdout.contains("missing: ") && stdout.contains("is stale"), "{stdout}");
}

#[test]
fn generate_fails_on_a_broken_spec_and_writes_nothing() {
    let out = tempfile::tempdir().expect("tempdir");
    let output = cli()
        .args(["generate", "--specs", "specs", "tests/fixtures/bad/dangling-ref.yaml", "--out"])
        .arg(out.path())
        .output()
        .expect("run the CLI");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("--> tests/fixtures/bad/dangling-ref.yaml:9:17"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(std::fs::read_dir(out.path()).expect("read out").count(), 0);
}
