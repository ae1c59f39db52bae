#!/usr/bin/env python3
"""Builds, for release and from an empty target directory, a small program that
parses GitHub webhook deliveries: once with the crate this generator makes of
GitHub's webhooks spec (features `full`, and the features of one event, `push`),
and once with octocrab, whose hand-written models cover the same events. The
builds alternate, round after round, so that the machine's load weighs on each
alike; the script prints each build's median wall time, peak memory (the largest
process, rustc), the generated crate's own compile time, and the ratios.

usage: scripts/build_side_by_side.py [ROUNDS] [--keep DIR]
  ROUNDS  default 1
  --keep  builds in DIR and keeps it (default: a temporary directory)

Needs `cargo build --release -p openapi-bindgen`, `python3 scripts/fetch_corpus.py`
(for target/corpus/specs/github-webhooks.json), GNU time (`/usr/bin/time`) and
crates.io. CI runs none of this: it takes most of an hour on two cores.
"""
import json
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OCTOCRAB = "=0.54.9"

PROGRAM = {
    "ours": """\
use github_webhooks::github_webhooks::{webhooks, WebhookEvent};
use github_webhooks::http::{HeaderMap, HeaderValue};

/// Parses each delivery of a file of `{event, body}` records; prints the counts.
fn main() {
    let file = std::env::args().nth(1).expect("a deliveries file");
    let text = std::fs::read_to_string(file).expect("the file");
    let records: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let (mut typed, mut unknown, mut refused) = (0, 0, 0);
    for record in records["deliveries"].as_array().into_iter().flatten() {
        let mut headers = HeaderMap::new();
        let event = record["event"].as_str().unwrap_or_default();
        headers.insert("x-github-event", HeaderValue::from_str(event).expect("a header"));
        let body = serde_json::to_vec(&record["body"]).expect("a body");
        match webhooks::parse(&headers, &body) {
            Ok(WebhookEvent::Unknown(_)) => unknown += 1,
            Ok(_) => typed += 1,
            Err(_) => refused += 1,
        }
    }
    println!("typed {typed}, unknown {unknown}, refused {refused}");
}
""",
    "octocrab": """\
use octocrab::models::webhook_events::WebhookEvent;

/// Parses each delivery of a file of `{event, body}` records; prints the counts.
fn main() {
    let file = std::env::args().nth(1).expect("a deliveries file");
    let text = std::fs::read_to_string(file).expect("the file");
    let records: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let (mut typed, mut refused) = (0, 0);
    for record in records["deliveries"].as_array().into_iter().flatten() {
        let event = record["event"].as_str().unwrap_or_default();
        let body = serde_json::to_vec(&record["body"]).expect("a body");
        match WebhookEvent::try_from_header_and_body(event, &body) {
            Ok(_) => typed += 1,
            Err(_) => refused += 1,
        }
    }
    println!("typed {typed}, refused {refused}");
}
""",
}


def manifest(name, dependency):
    return (
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
        f'[dependencies]\n{dependency}\nserde_json = "1"\n\n[workspace]\n'
    )


def program(work, name, dependency, source):
    folder = work / name
    (folder / "src").mkdir(parents=True, exist_ok=True)
    (folder / "Cargo.toml").write_text(manifest(name, dependency))
    (folder / "src/main.rs").write_text(source)
    subprocess.run(["cargo", "generate-lockfile", "--quiet"], cwd=folder, check=True)
    return folder


def build(folder, target):
    """Wall seconds, peak resident megabytes and the seconds of each unit of a
    release build of `folder` into the empty directory `target`."""
    shutil.rmtree(target, ignore_errors=True)
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(
            ["/usr/bin/time", "-o", report.name, "-f", "%e %M", "cargo", "build", "--release", "--timings", "--quiet"],
            cwd=folder,
            env={**__import__("os").environ, "CARGO_TARGET_DIR": str(target), "CARGO_INCREMENTAL": "0"},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        seconds, kilobytes = report.read().split()[-2:]
    timings = sorted((target / "cargo-timings").glob("cargo-timing-*.html"))[-1].read_text()
    units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", timings, re.S).group(1))
    # A package can be several units (its build script, its library): the longest
    # is its compilation.
    durations = {}
    for unit in units:
        durations[unit["name"]] = max(durations.get(unit["name"], 0.0), unit["duration"])
    return float(seconds), int(kilobytes) / 1024, durations


def main():
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        at = args.index("--keep")
        keep = pathlib.Path(args[at + 1])
        del args[at : at + 2]
    rounds = int(args[0]) if args else 1
    cli = ROOT / "target/release/openapi-bindgen"
    spec = ROOT / "target/corpus/specs/github-webhooks.json"
    for needed, how in [(cli, "cargo build --release -p openapi-bindgen"), (spec, "python3 scripts/fetch_corpus.py")]:
        if not needed.exists():
            sys.exit(f"{needed} is missing: run `{how}` first")
    work = keep or pathlib.Path(tempfile.mkdtemp(prefix="build-side-by-side-"))
    work.mkdir(parents=True, exist_ok=True)
    crate = work / "github-webhooks"
    subprocess.run(
        [cli, "crate", "--specs", spec, "--overlay", ROOT / "tests/corpus/github-webhooks.overlay.yaml"]
        + ["--out", crate, "--name", "github-webhooks"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    path = '{ path = "../github-webhooks"'
    builds = {
        "octocrab": program(work, "octocrab", f'octocrab = "{OCTOCRAB}"', PROGRAM["octocrab"]),
        "ours, full": program(work, "ours-full", f'github-webhooks = {path}, features = ["full"] }}', PROGRAM["ours"]),
        "ours, push": program(work, "ours-push", f'github-webhooks = {path}, features = ["push"] }}', PROGRAM["ours"]),
    }
    results = {name: [] for name in builds}
    try:
        for round_ in range(rounds):
            for name, folder in builds.items():
                seconds, megabytes, units = build(folder, work / "target" / folder.name)
                crate_seconds = units.get("github-webhooks") or units.get("octocrab") or 0.0
                results[name].append((seconds, megabytes, crate_seconds))
                print(f"round {round_ + 1}: {name}: {seconds:.0f} s, {megabytes:.0f} MB, the crate itself {crate_seconds:.0f} s", flush=True)
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    medians = {
        name: tuple(statistics.median(run[i] for run in runs) for i in range(3)) for name, runs in results.items()
    }
    base = medians["octocrab"][0]
    print(f"\ncargo build --release from an empty target directory, median of {rounds} round(s):")
    print("| program | wall | peak memory | the crate itself | against octocrab |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (seconds, megabytes, crate_seconds) in medians.items():
        print(f"| {name} | {seconds:.0f} s | {megabytes / 1024:.2f} GB | {crate_seconds:.0f} s | {seconds / base:.2f}× |")


if __name__ == "__main__":
    main()
