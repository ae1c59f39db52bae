#!/usr/bin/env python3
"""Counts what a generator binary makes of the public corpus: per spec, the types
(from the CLI's JSON report), the struct fields typed as any JSON
(`serde_json::Value` in older output, `runtime::Json` now; `additional_properties`
maps not counted) among all fields, and the warnings.

usage: scripts/corpus_counts.py BIN OUT
  BIN  an `openapi-bindgen` binary (build another commit's into its own target
       directory to compare: `git worktree add /tmp/old REV && cd /tmp/old &&
       CARGO_TARGET_DIR=/tmp/old-target cargo build --release -p openapi-bindgen`)
  OUT  a scratch directory for the crates

Run from the repository root after `python3 scripts/fetch_corpus.py` (or a corpus
run), which fills target/corpus/specs/.
"""
import json
import pathlib
import re
import subprocess
import sys

UNTYPED = re.compile(r"serde_json::Value|runtime::Json")
FIELD = re.compile(r"\bpub (?:r#)?(\w+): ")


def fields(text):
    """(name, type) of every `pub name: Type` field, wrapped types joined."""
    flat = re.sub(r"\s+", " ", text)
    for m in FIELD.finditer(flat):
        depth, i = 0, m.end()
        while i < len(flat):
            c = flat[i]
            if c in "<([":
                depth += 1
            elif c in ">)]":
                depth -= 1
            if depth < 0 or (depth == 0 and c in ",;{="):
                break
            i += 1
        yield m.group(1), flat[m.end():i]


def count_fields(src):
    total = untyped = 0
    for path in sorted(src.rglob("*.rs")):
        # The runtime copies are the same in every crate.
        if path.parent == src and path.name in ("runtime.rs", "client.rs", "webhooks.rs"):
            continue
        for name, ty in fields(path.read_text()):
            if name != "additional_properties":
                total += 1
                untyped += bool(UNTYPED.search(ty))
    return untyped, total


def main():
    binary, out = sys.argv[1], pathlib.Path(sys.argv[2])
    rows = []
    for line in pathlib.Path("tests/corpus/corpus.list").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, spec, *rest = line.split()
        args = [binary, "crate", "--specs", spec.replace("$FETCHED", "target/corpus/specs"),
                "--out", str(out / name), "--name", name, "--json"]
        for option in rest:
            args += ["--ref-root", option[len("ref-root="):]] if option.startswith("ref-root=") else ["--overlay", option]
        run = subprocess.run(args, capture_output=True, text=True)
        if run.returncode:
            print(f"{name}: failed\n{run.stderr[-500:]}")
            continue
        report = json.loads(run.stdout)
        types = sum(m["types"] for m in report["modules"])
        rows.append((name, types, *count_fields(out / name / "src"), sum(report["warnings"].values())))
    rows.append(("total", *(sum(r[i] for r in rows) for i in range(1, 5))))
    for row in rows:
        print("%-24s %7d types %6d untyped of %7d fields %5d warnings" % row)


if __name__ == "__main__":
    main()
