#!/usr/bin/env python3
"""Reads GitHub's recorded REST responses (npm @octokit/fixtures, scenarios of
api.github.com) into the response types of the github-rest crate this generator
makes, with each received-data policy, and prints typed / refused counts.

usage: scripts/rest_fixtures.py FIXTURES_PACKAGE_DIR [POLICY...]
  FIXTURES_PACKAGE_DIR  the unpacked `npm pack @octokit/fixtures@23.1.2` (`package/`)
  POLICY                as-specified and/or tolerant (default: both)

Each recorded exchange with a JSON body and a 2xx status is matched to its
operation by method and path template (literal segments first); the operation's
success type is read from the generated client (`type Output = Result<T, ..>`).
Needs `cargo build --release -p openapi-bindgen` and `scripts/fetch_corpus.py`.
CI runs none of this.
"""
import glob, json, pathlib, re, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPEC = ROOT / "target/corpus/specs/github-rest.json"
CLI = ROOT / "target/release/openapi-bindgen"


def exchanges(package):
    spec = json.loads(SPEC.read_text())
    ops = []
    for path, item in spec["paths"].items():
        rx = "^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                ops.append((method, rx, op["operationId"], path.count("{")))
    out = []
    for file in sorted(glob.glob(f"{package}/scenarios/api.github.com/*/normalized-fixture.json")):
        for x in json.loads(pathlib.Path(file).read_text()):
            body = x.get("response")
            if not (200 <= x.get("status", 0) < 300 and isinstance(body, (dict, list))):
                continue
            path = x["path"].split("?")[0]
            path = path[:-1] if path.endswith("/") and path != "/" else path
            hits = sorted((o for o in ops if o[0] == x["method"].lower() and re.match(o[1], path)), key=lambda o: o[3])
            scenario = pathlib.Path(file).parent.name
            out.append((scenario, x["method"].upper(), x["path"], hits[0][2] if hits else None, body))
    return out


def output_type(crate, operation):
    builder = "".join(w[:1].upper() + w[1:] for w in re.split(r"[/\-_]", operation) if w)
    for file in (crate / "src/github_rest/client").glob("*.rs"):
        text = file.read_text()
        m = re.search(r"IntoFuture for " + builder + r"<'a> \{\s*type Output = ::std::result::Result<\s*(.+?),\s*crate::client::Error", text, re.S)
        if m:
            t = re.sub(r"\s+", "", m.group(1))
            return t.replace("super::super::", "github_rest::github_rest::")
    return None


def run(policy, records):
    work = pathlib.Path(tempfile.mkdtemp(prefix=f"rest-{policy}-"))
    crate = work / "github-rest"
    subprocess.run([CLI, "crate", "--name", "github-rest", "--specs", SPEC, "--received", policy, "--out", crate],
                   check=True, capture_output=True)
    (crate / "Cargo.lock").write_text((ROOT / "Cargo.lock").read_text())
    rows, skipped = [], []
    for i, (scenario, method, path, operation, body) in enumerate(records):
        t = operation and output_type(crate, operation)
        if not t or "Success" in t or t == "()":
            skipped.append(f"{scenario} {method} {path}: {operation or 'no operation'} ({t})")
            continue
        rows.append(f'    ({json.dumps(scenario + " " + method + " " + path)}, {json.dumps(json.dumps(body))}, read::<{t}>),')
    (crate / "tests").mkdir(exist_ok=True)
    (crate / "tests/rest.rs").write_text(
        "fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<(), String> {\n"
        "    github_rest::runtime::from_json::<T>(json.as_bytes()).map(|_| ()).map_err(|e| e.to_string())\n}\n"
        "const CASES: &[(&str, &str, fn(&str) -> Result<(), String>)] = &[\n" + "\n".join(rows) + "\n];\n"
        "#[test]\nfn recorded() {\n    let mut typed = 0;\n    for (name, json, read) in CASES {\n"
        "        match read(json) {\n            Ok(()) => typed += 1,\n"
        "            Err(e) => println!(\"refused: {name}: {}\", &e[..e.len().min(300)]),\n        }\n    }\n"
        "    println!(\"typed {typed} of {}\", CASES.len());\n}\n")
    features = ["--features", "full"]
    result = subprocess.run(["cargo", "test", "--quiet", "--test", "rest", *features, "--", "--nocapture"],
                            cwd=crate, capture_output=True, text=True)
    print(f"== {policy}")
    print(result.stdout[-6000:] or result.stderr[-3000:])
    for s in skipped:
        print("  not read (no single success type):", s)


def main():
    package = sys.argv[1]
    policies = sys.argv[2:] or ["as-specified", "tolerant"]
    records = exchanges(package)
    print(f"{len(records)} recorded 2xx exchanges with a JSON body")
    for policy in policies:
        run(policy, records)


main()
