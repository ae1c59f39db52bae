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

#[test]
fn crate_makes_a_standalone_crate_with_a_json_report() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("petstore");
    let output = cli()
        .args(["crate", "--json", "--specs", "tests/corpus/oai-petstore.yaml", "--out"])
        .arg(&dir)
        .output()
        .expect("run the CLI");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
    assert!(manifest.contains("name = \"petstore\"") && manifest.contains("reqwest = "), "{manifest}");
    for file in
        ["src/lib.rs", "src/runtime.rs", "src/client.rs", "src/oai_petstore/mod.rs", "src/oai_petstore/client/pets.rs"]
    {
        assert!(dir.join(file).is_file(), "{file} is missing");
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    assert_eq!(report["modules"][0]["name"], "oai_petstore");
    assert_eq!(report["modules"][0]["operations"], 3);
    assert_eq!(report["features"], serde_json::json!(["full"]), "one tag divides nothing");
    assert!(manifest.contains("default = [\"full\", \"serialize\"]") && manifest.contains("full = []"), "{manifest}");
    // lib.rs, runtime.rs, client.rs and its parts (client/mock.rs, paging.rs,
    // response.rs, retry.rs), and the module: mod.rs, client/mod.rs,
    // client/pets.rs, examples.rs, types/mod.rs and a file per component (error,
    // pet, pets).
    assert_eq!(report["written"], 15);
    assert_eq!(report["warnings"], serde_json::json!({}));
}

#[test]
fn deny_warnings_fails_and_writes_nothing() {
    let out = tempfile::tempdir().expect("tempdir");
    let spec = "tests/fixtures/good/realworld.yaml";
    let output =
        cli().args(["generate", "--deny-warnings", "--specs", spec, "--out"]).arg(out.path()).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    // Every warning, then one line per kind with its count, then the verdict.
    assert!(stderr.contains("warning: unknown format `the login of the account that owns it`"), "{stderr}");
    assert!(stderr.contains("warning: 1 × keyword of the other OpenAPI version\n"), "{stderr}");
    assert!(stderr.contains("warning: 1 × unknown format\n"), "{stderr}");
    assert!(stderr.contains("2 warning(s) denied by `--deny-warnings`; nothing was written"), "{stderr}");
    assert_eq!(std::fs::read_dir(out.path()).expect("read out").count(), 0);
    // Without the flag, the same spec generates.
    let output = cli().args(["generate", "--specs", spec, "--out"]).arg(out.path()).output().expect("run");
    assert!(output.status.success());
}

#[test]
fn the_root_crate_declares_the_dependencies_of_generated_crates() {
    let root = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml")).expect("read");
    let section = root.split("[dependencies]\n").nth(1).and_then(|s| s.split("\n[").next()).expect("[dependencies]");
    let mut declared: Vec<&str> = section.lines().filter(|l| !l.trim().is_empty()).collect();
    use openapi_bindgen::package::{CLIENT_DEPENDENCIES, MODEL_DEPENDENCIES, WEBHOOK_DEPENDENCIES};
    let mut expected: Vec<&str> = [MODEL_DEPENDENCIES, CLIENT_DEPENDENCIES, WEBHOOK_DEPENDENCIES].concat();
    declared.sort_unstable();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(declared, expected);
}

#[test]
fn overlays_apply_and_bad_ones_name_their_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = dir.path().join("hooks.yaml");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/good/hooks.yaml"), &spec)
        .expect("copy");
    let out = dir.path().join("out");
    let run = |overlay: &Path| {
        cli().args(["generate", "--specs"]).arg(&spec).arg("--overlay").arg(overlay).arg("--out").arg(&out).output()
    };

    // An explicit overlay applies to the only spec, whatever its name.
    let sources = dir.path().join("sources.yaml");
    let text = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: \"$['x-webhooks']\"\n    update: {sources: [192.0.2.1]}\n";
    std::fs::write(&sources, text).expect("write");
    let output = run(&sources).expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let webhooks = std::fs::read_to_string(out.join("hooks/webhooks.rs")).expect("webhooks.rs");
    assert!(webhooks.contains("\"192.0.2.1\"") && webhooks.contains("with_source_check"), "{webhooks}");

    // A bad target and a bad extension: each error names its file, pointer and line.
    std::fs::remove_dir_all(&out).expect("clean");
    let bad = dir.path().join("bad.yaml");
    let text = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: \"$['x-webhooks']\"\n    update: {sources: [nowhere]}\n  - target: $[\n    remove: true\n";
    std::fs::write(&bad, text).expect("write");
    let output = run(&bad).expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("not an RFC 9535 JSONPath") && stderr.contains("bad.yaml:6:"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
    std::fs::write(&bad, "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: \"$['x-webhooks']\"\n    update: {sources: [nowhere]}\n").expect("write");
    let stderr = String::from_utf8_lossy(&run(&bad).expect("run").stderr).into_owned();
    assert!(
        stderr.contains("`sources` must be a list of IP addresses") && stderr.contains("#/x-webhooks/sources"),
        "{stderr}"
    );

    // With several specs, an overlay must be named after one of them.
    let output = cli().args(["check", "--specs", "specs", "--overlay"]).arg(&sources).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success() && stderr.contains("is named after none of the specs"), "{stderr}");
}

#[test]
fn a_crate_version_must_be_a_semantic_version() {
    let out = tempfile::tempdir().expect("tempdir");
    for bad in ["1.0", "1.0.0\"\nbuild = \"evil.rs", "latest"] {
        let output = cli()
            .args(["crate", "--specs", "specs/quo.yaml", "--version", bad, "--out"])
            .arg(out.path())
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && stderr.contains("invalid value"), "{bad}: {stderr}");
        assert_eq!(std::fs::read_dir(out.path()).expect("read out").count(), 0, "{bad}: nothing is written");
    }
    let output = cli()
        .args(["crate", "--specs", "specs/quo.yaml", "--version", "1.2.3-beta.1", "--out"])
        .arg(out.path())
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let manifest = std::fs::read_to_string(out.path().join("Cargo.toml")).expect("Cargo.toml");
    assert!(manifest.contains("version = \"1.2.3-beta.1\""), "{manifest}");
}

#[test]
fn crate_refuses_to_overwrite_a_hand_written_manifest() {
    let out = tempfile::tempdir().expect("tempdir");
    let manifest = "[package]\nname = \"mine\"\n";
    std::fs::write(out.path().join("Cargo.toml"), manifest).expect("write");
    let output = cli()
        .args(["crate", "--specs", "tests/fixtures/good/objects.yaml", "--out"])
        .arg(out.path())
        .output()
        .expect("run the CLI");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("was not written by openapi-bindgen"), "{stderr}");
    assert_eq!(std::fs::read_to_string(out.path().join("Cargo.toml")).expect("read"), manifest);
    assert!(!out.path().join("src").exists(), "nothing was written");
}

/// `--validation` chooses the mode for every spec, or for one module; a module no
/// spec becomes and a mode that does not exist are errors, and nothing is written.
#[test]
fn validation_modes_per_module() {
    let out = tempfile::tempdir().expect("tempdir");
    let generate = |args: &[&str]| {
        let mut command = cli();
        command.args(["generate", "--specs", "specs/quo.yaml", "specs/partoo.yaml", "--out"]).arg(out.path());
        command.args(args).output().expect("run the CLI")
    };
    let output = generate(&["--validation", "none", "--validation", "quo=sent"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // A module's types are in its `types/` folder.
    let read = |module: &str| {
        let dir = out.path().join(module).join("types");
        let mut files: Vec<_> = std::fs::read_dir(&dir).expect("types/").map(|e| e.expect("entry").path()).collect();
        files.sort();
        files.iter().map(|f| std::fs::read_to_string(f).expect("a type file")).collect::<String>()
    };
    assert!(read("quo").contains("checked when a value is built, not when one is read"));
    assert!(read("partoo").contains("No constraints are checked."));
    assert!(!read("partoo").contains("checked when a value is built"));
    for (args, expected) in [
        (["--validation", "nosuch=sent"], "a validation mode is chosen for module `nosuch`, which no spec becomes"),
        (["--validation", "strict"], "unknown validation mode `strict` (all, sent or none)"),
    ] {
        let empty = tempfile::tempdir().expect("tempdir");
        let output = cli()
            .args(["generate", "--specs", "specs/quo.yaml", "--out"])
            .arg(empty.path())
            .args(args)
            .output()
            .expect("run the CLI");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && stderr.contains(expected), "{stderr}");
        assert_eq!(std::fs::read_dir(empty.path()).expect("read out").count(), 0);
    }
}

/// `--received` chooses the received-data policy for every spec, or for one
/// module, on every command that generates; a policy that does not exist and a
/// module no spec becomes are errors, and nothing is written.
#[test]
fn received_policies_per_module() {
    let out = tempfile::tempdir().expect("tempdir");
    let output = cli()
        .args(["crate", "--specs", "specs/quo.yaml", "specs/partoo.yaml", "--received", "quo=tolerant", "--out"])
        .arg(out.path())
        .output()
        .expect("run the CLI");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tolerated = |module: &str| {
        let dir = out.path().join("src").join(module).join("types");
        let files = std::fs::read_dir(&dir).expect("types/").map(|e| e.expect("entry").path());
        files
            .map(|f| std::fs::read_to_string(f).expect("a type file"))
            .filter(|t| t.contains("(tolerant policy)"))
            .count()
    };
    assert!(tolerated("quo") > 0, "quo is tolerant");
    assert_eq!(tolerated("partoo"), 0, "partoo is as specified");
    for (args, expected) in [
        (
            ["--received", "nosuch=tolerant"],
            "a received-data policy is chosen for module `nosuch`, which no spec becomes",
        ),
        (["--received", "lenient"], "unknown received-data policy `lenient` (as-specified or tolerant)"),
    ] {
        let empty = tempfile::tempdir().expect("tempdir");
        let output =
            cli().args(["generate", "--specs", "specs/quo.yaml", "--out"]).arg(empty.path()).args(args).output();
        let output = output.expect("run the CLI");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && stderr.contains(expected), "{stderr}");
        assert_eq!(std::fs::read_dir(empty.path()).expect("read out").count(), 0);
    }
}
