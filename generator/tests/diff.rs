//! `diff`: golden reports for the fixture pairs of `tests/fixtures/diff/` (every
//! kind of change), no change between a spec and itself, determinism, and the
//! CLI's exit codes, JSON and `--rev`.
//!
//! `UPDATE_GOLDEN=1 cargo test -p openapi-bindgen --test diff` rewrites the reports.

use std::path::{Path, PathBuf};
use std::process::Command;

use openapi_bindgen::diff::{self, Kind, ModuleDiff};
use openapi_bindgen::internals::type_names;
use openapi_bindgen::Config;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cli() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_openapi-bindgen"));
    command.current_dir(root());
    command
}

fn compare(old: &Path, new: &Path) -> ModuleDiff {
    diff::specs(&Config::new(), old, new).unwrap_or_else(|f| panic!("{f}"))
}

fn pairs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/diff"))
        .expect("fixture pairs")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Checks `actual` against the golden file, or rewrites it under `UPDATE_GOLDEN`.
fn golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(expected == actual, "{} differs; UPDATE_GOLDEN=1 rewrites it:\n{actual}", path.display());
}

#[test]
fn fixture_pairs_match_their_golden_reports() {
    for dir in pairs() {
        let d = compare(&dir.join("old.yaml"), &dir.join("new.yaml"));
        assert!(!d.changes.is_empty(), "{}: no change found", dir.display());
        let diffs = [d];
        golden(&dir.join("report.txt"), &diff::text(&diffs));
        golden(&dir.join("report.json"), &format!("{:#}\n", diff::json(&diffs)));
    }
}

#[test]
fn fixture_pairs_cover_every_kind_of_change() {
    let mut seen: Vec<Kind> = pairs()
        .iter()
        .flat_map(|dir| compare(&dir.join("old.yaml"), &dir.join("new.yaml")).changes)
        .map(|c| c.kind)
        .collect();
    seen.sort();
    seen.dedup();
    let missing: Vec<&Kind> = Kind::ALL.iter().filter(|k| !seen.contains(k)).collect();
    assert!(missing.is_empty(), "no fixture pair shows {missing:?}");
}

#[test]
fn a_spec_against_itself_reports_nothing() {
    let mut specs: Vec<PathBuf> = openapi_bindgen::spec_files(&root().join("specs")).expect("specs");
    specs.extend(openapi_bindgen::spec_files(&root().join("tests/fixtures/good")).expect("fixtures"));
    specs.extend(openapi_bindgen::spec_files(&root().join("tests/corpus/public")).expect("corpus"));
    for dir in pairs() {
        specs.extend([dir.join("old.yaml"), dir.join("new.yaml")]);
    }
    assert!(specs.len() > 20, "{specs:?}");
    for spec in specs {
        let d = compare(&spec, &spec);
        assert!(d.changes.is_empty(), "{}: {:?}", spec.display(), d.changes);
    }
}

#[test]
fn reports_are_deterministic() {
    for dir in pairs() {
        let runs: Vec<String> =
            (0..3).map(|_| diff::text(&[compare(&dir.join("old.yaml"), &dir.join("new.yaml"))])).collect();
        assert!(runs.iter().all(|r| *r == runs[0]), "{}", dir.display());
    }
}

#[test]
fn breaking_changes_fail_the_cli_only_when_asked() {
    let pair = ["tests/fixtures/diff/types/old.yaml", "tests/fixtures/diff/types/new.yaml"];
    let plain = cli().arg("diff").args(pair).output().expect("run");
    assert!(plain.status.success(), "{}", String::from_utf8_lossy(&plain.stderr));
    let strict = cli().args(["diff", "--fail-on-breaking"]).args(pair).output().expect("run");
    assert_eq!(strict.status.code(), Some(1));
    let same = cli().args(["diff", "--fail-on-breaking", pair[0], pair[0]]).output().expect("run");
    assert!(same.status.success());
    assert_eq!(String::from_utf8_lossy(&same.stdout).trim(), "old: no change in the Rust API");
}

#[test]
fn json_report_counts_breaking_changes() {
    let output = cli()
        .args(["diff", "--format", "json", "tests/fixtures/diff/types/old.yaml", "tests/fixtures/diff/types/new.yaml"])
        .output()
        .expect("run");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let changes = report["modules"][0]["changes"].as_array().expect("changes");
    let breaking = changes.iter().filter(|c| c["breaking"] == true).count();
    assert!(breaking > 0 && breaking < changes.len(), "{report}");
    assert_eq!(report["breaking"], breaking);
    assert!(changes.iter().all(|c| report["rules"][c["rule"].as_str().unwrap_or("?")].is_object()));
}

/// `--rev` compares a spec with its committed version, and finds a spec gone from
/// a directory since then.
/// Runs git in a scratch repository, as a committer named `t`.
fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(repo)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .expect("git");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn rev_compares_with_a_git_revision() {
    let repo = tempfile::tempdir().expect("tempdir");
    let git = |args: &[&str]| git(repo.path(), args);
    let specs = repo.path().join("specs");
    std::fs::create_dir(&specs).expect("mkdir");
    let fixtures = root().join("tests/fixtures/diff/types");
    std::fs::copy(fixtures.join("old.yaml"), specs.join("shop.yaml")).expect("copy");
    std::fs::copy(fixtures.join("old.yaml"), specs.join("gone.yaml")).expect("copy");
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "old"]);
    std::fs::copy(fixtures.join("new.yaml"), specs.join("shop.yaml")).expect("copy");
    std::fs::remove_file(specs.join("gone.yaml")).expect("rm");

    let output = Command::new(env!("CARGO_BIN_EXE_openapi-bindgen"))
        .current_dir(repo.path())
        .args(["diff", "--rev", "HEAD", "specs"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let expected = diff::text(&[compare(&fixtures.join("old.yaml"), &fixtures.join("new.yaml"))]);
    let shop = expected.lines().next().expect("summary").replacen("new:", "shop:", 1);
    assert!(stdout.contains(&shop), "{stdout}");
    assert!(stdout.contains("gone: 1 operation changed"), "{stdout}");
    assert!(stdout.contains("`create_order` removed"), "{stdout}");

    // `generate` sums up the change once it has written files, and only then.
    let generate = || {
        let output = Command::new(env!("CARGO_BIN_EXE_openapi-bindgen"))
            .current_dir(repo.path())
            .args(["generate", "--specs", "specs", "--out", "generated"])
            .output()
            .expect("run");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let first = generate();
    assert!(first.contains(&format!("{shop} (run `openapi-bindgen diff --rev HEAD` for details)")), "{first}");
    let again = generate();
    assert!(!again.contains("diff --rev"), "{again}");
}

#[test]
fn a_broken_spec_is_an_error_naming_its_place() {
    let output = cli().args(["diff", "tests/fixtures/bad/dangling-ref.yaml", "specs/quo.yaml"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("tests/fixtures/bad/dangling-ref.yaml") && stderr.contains("#/"), "{stderr}");
}

/// A reader that stops early (`diff ... | head`) ends the run quietly, not with a
/// panic: the report (76 KB here) is larger than a pipe holds.
#[test]
fn a_closed_stdout_is_not_a_panic() {
    let mut child = cli()
        .args(["diff", "tests/corpus/public/propolis-server.json", "tests/corpus/public/oxide-nexus.json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && !stderr.contains("panicked"), "{:?}: {stderr}", output.status);
}

/// Identical inline schemas share one type, with one name: the first context's.
/// When that context goes, the type takes the next one's name, and the diff
/// reports the changed type of the operation that remains (breaking for code that
/// named it). A parameter's
/// shared type keeps an alias named after its operation, and that stays.
#[test]
fn a_shared_inline_type_has_one_name() {
    let spec = |first: bool| {
        let status = "{type: object, properties: {state: {type: string, enum: [open, closed]}}}";
        let op = |path: &str| {
            format!("  /{path}:\n    get:\n      parameters:\n        - {{name: status, in: query, schema: {{type: string, enum: [open, closed]}}}}\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {status}\n")
        };
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: \"1\"}}\npaths:\n{}{}",
            if first { op("a") } else { String::new() },
            op("b")
        )
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, spec(true)).expect("write");
    std::fs::write(&new, spec(false)).expect("write");
    let (o, n) = (type_names(&old).expect("old"), type_names(&new).expect("new"));
    let has = |names: &[String], n: &str| names.iter().any(|t| t == n);
    // The response bodies: one type, one name.
    assert!(has(&o, "GetAResponse") && !has(&o, "GetBResponse") && has(&n, "GetBResponse"), "{o:?} {n:?}");
    // The parameters: one type, and an alias named after each other operation.
    assert!(has(&o, "GetAStatus") && has(&o, "GetBStatus") && has(&n, "GetBStatus"), "{o:?} {n:?}");
    let d = diff::specs(&Config::new(), &old, &new).expect("diff");
    let about: Vec<String> = d.changes.iter().map(|c| format!("{:?} {}", c.kind, c.detail)).collect();
    assert!(about.iter().any(|c| c.contains("`GetAResponse` → `GetBResponse`")), "{about:?}");
    assert!(!about.iter().any(|c| c.contains("GetBStatus")), "{about:?}");
    assert!(d.breaking() > 0, "{about:?}");
}

#[test]
fn rev_reads_the_overlay_as_it_was() {
    let repo = tempfile::tempdir().expect("tempdir");
    let git = |args: &[&str]| git(repo.path(), args);
    let specs = repo.path().join("specs");
    std::fs::create_dir(&specs).expect("mkdir");
    std::fs::copy(root().join("tests/fixtures/good/hooks.yaml"), specs.join("hooks.yaml")).expect("copy");
    let overlay =
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - {target: '$.webhooks.ping', remove: true}\n";
    std::fs::write(specs.join("hooks.overlay.yaml"), overlay).expect("write");
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "old"]);
    // The vendor's file is untouched; only the overlay changes.
    std::fs::remove_file(specs.join("hooks.overlay.yaml")).expect("rm");

    let output = Command::new(env!("CARGO_BIN_EXE_openapi-bindgen"))
        .current_dir(repo.path())
        .args(["diff", "--rev", "HEAD", "specs"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("variant `Ping` added"), "{stdout}");
    assert!(!stdout.contains("removed"), "{stdout}");
}

/// A change of received-data policy is classified like any type change: the
/// required fields of received types become optional (breaking: callers read
/// them as plain values), and the sent types do not change.
#[test]
fn a_change_of_received_policy_is_classified() {
    use openapi_bindgen::Received;
    let spec = root().join("tests/fixtures/good/drift.yaml");
    let diff = diff::configs(&spec, &Config::new(), Config::new().received(Received::Tolerant)).expect("diff");
    let optional: Vec<String> = diff
        .changes
        .iter()
        .filter(|c| c.kind == Kind::FieldMadeOptional)
        .map(|c| format!("{:?} {}", c.subject, c.detail))
        .collect();
    assert!(optional.iter().any(|c| c.contains("Repository") && c.contains("has_discussions")), "{optional:#?}");
    assert!(optional.iter().any(|c| c.contains("Owner") && c.contains("`id`")), "{optional:#?}");
    let sent = ["Type { name: \"Label\" }", "Type { name: \"RepositoryUpdate\" }"];
    assert!(!optional.iter().any(|c| sent.iter().any(|s| c.starts_with(s))), "{optional:#?}");
    assert!(diff.changes.iter().filter(|c| c.kind == Kind::FieldMadeOptional).all(|c| c.breaking()));
    assert_eq!(diff.changes.len(), optional.len(), "only fields made optional: {:#?}", diff.changes);
    let back = diff::configs(&spec, Config::new().received(Received::Tolerant), &Config::new()).expect("diff");
    assert!(back.changes.iter().all(|c| c.kind == Kind::FieldMadeRequired && c.breaking()), "{back:#?}");
}

/// `diff` lowers both sides as the `Config` generates them: a stricter
/// `maxLength` is a change of the checked rules, and none where nothing is checked.
#[test]
fn the_config_decides_what_is_compared() {
    use openapi_bindgen::Validation;
    let spec = |max: u32| {
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: \"1\"}}\npaths: {{}}\ncomponents:\n  schemas:\n    Name: {{type: string, maxLength: {max}}}\n"
        )
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, spec(5)).expect("write");
    std::fs::write(&new, spec(3)).expect("write");
    let checked = diff::specs(&Config::new(), &old, &new).expect("diff");
    assert!(checked.changes.iter().any(|c| c.detail.contains("maxLength")), "{:?}", checked.changes);
    let unchecked = diff::specs(Config::new().validation(Validation::None), &old, &new).expect("diff");
    assert!(unchecked.changes.is_empty(), "{:?}", unchecked.changes);
}

/// `dependentRequired` went through every stage: a new dependency on a sent map is
/// a stricter rule, which breaks a caller whose value had only the first property.
#[test]
fn a_new_dependency_is_a_stricter_rule() {
    let spec = |requires: &str| {
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: \"1\"}}\npaths:\n  /pay:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Billing'}}\n      responses:\n        \"204\": {{description: ok}}\ncomponents:\n  schemas:\n    Billing:\n      type: object\n      additionalProperties: {{type: string}}\n      dependentRequired: {{card: [{requires}]}}\n"
        )
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, spec("cvc")).expect("write");
    std::fs::write(&new, spec("cvc, expiry")).expect("write");
    let d = compare(&old, &new);
    let about: Vec<String> = d.changes.iter().map(|c| format!("{:?} {} {}", c.kind, c.detail, c.breaking())).collect();
    assert!(about.iter().any(|c| c.contains("dependentRequired") && c.ends_with("true")), "{about:?}");
    let back = compare(&new, &old);
    assert_eq!(back.breaking(), 0, "{:?}", back.changes);
}

/// `patternProperties` went through every stage: a new pattern on a sent map is a
/// new rule, which breaks a caller whose value it refuses.
#[test]
fn a_new_pattern_is_a_new_rule() {
    let spec = |patterns: &str| {
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: \"1\"}}\npaths:\n  /tag:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Labels'}}\n      responses:\n        \"204\": {{description: ok}}\ncomponents:\n  schemas:\n    Labels:\n      type: object\n      maxProperties: 9\n{patterns}"
        )
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, spec("")).expect("write");
    std::fs::write(&new, spec("      patternProperties:\n        '^x-': {type: string}\n")).expect("write");
    let d = compare(&old, &new);
    let about: Vec<String> = d.changes.iter().map(|c| format!("{:?} {} {}", c.kind, c.detail, c.breaking())).collect();
    assert!(about.iter().any(|c| c.contains("patternProperties") && c.ends_with("true")), "{about:?}");
}
