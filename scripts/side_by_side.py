#!/usr/bin/env python3
"""Generates one spec with this generator and with OpenAPI Generator, each run in
an empty directory, and prints per tool the median wall time, the median peak
resident memory, and the ratio of the medians.

usage: scripts/side_by_side.py [SPEC] [RUNS]
  SPEC  default target/corpus/specs/github-rest.json (`python3 scripts/fetch_corpus.py`)
  RUNS  default 5

Needs `cargo build --release -p openapi-bindgen`, GNU time (`/usr/bin/time`),
`pip install openapi-generator-cli==7.26.0` and a Java 17 runtime. CI runs none of
this: it needs Java.
"""
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def measure(command):
    """Wall seconds and peak resident megabytes of one run of `command`."""
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(
            ["/usr/bin/time", "-o", report.name, "-f", "%e %M"] + command,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        seconds, kilobytes = report.read().split()[-2:]
    return float(seconds), int(kilobytes) / 1024


def runs(name, make_command, count):
    times, memories = [], []
    for _ in range(count):
        out = pathlib.Path(tempfile.mkdtemp(prefix="side-by-side-"))
        try:
            seconds, megabytes = measure(make_command(out))
        finally:
            shutil.rmtree(out, ignore_errors=True)
        times.append(seconds)
        memories.append(megabytes)
    time, memory = statistics.median(times), statistics.median(memories)
    print(f"{name}: median {time:.2f} s, {memory:.0f} MB peak RSS (runs: {', '.join(f'{t:.2f}' for t in times)} s)")
    return time, memory


def main():
    spec = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target/corpus/specs/github-rest.json")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    ours = ROOT / "target/release/openapi-bindgen"
    if not ours.exists():
        sys.exit(f"{ours} is missing: run `cargo build --release -p openapi-bindgen` first")
    print(f"{spec.name}, {count} runs each, every run into an empty directory")
    mine = runs(
        "openapi-bindgen crate",
        lambda out: [str(ours), "crate", "--name", "bench", "--specs", str(spec), "--out", str(out)],
        count,
    )
    theirs = runs(
        "OpenAPI Generator 7.26 (rust)",
        lambda out: ["openapi-generator-cli", "generate", "-g", "rust", "--skip-validate-spec",
                     "-i", str(spec), "-o", str(out)],
        count,
    )
    print(f"ratio: {theirs[0] / mine[0]:.1f}× faster, {theirs[1] / mine[1]:.1f}× less memory")


if __name__ == "__main__":
    main()
