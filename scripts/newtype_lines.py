#!/usr/bin/env python3
"""Counts the lines of each checked newtype in generated module files: from the
derive above `pub struct X(..)` (under `#[serde(transparent)]` in older output,
before a `checked_newtype!` now) to the end of the type's last impl, doc comments
and `#[cfg]` lines left out. Prints the median,
mean, smallest and largest per file.

usage: scripts/newtype_lines.py MOD_RS...
  for example target/corpus/crates/stripe/src/stripe/mod.rs after a corpus run
"""
import re
import sys


def measure(text):
    """(name, lines) of each checked newtype of one file."""
    lines = text.split("\n")
    counts = []
    i = 0
    while i < len(lines):
        m = re.match(r"pub struct (\w+)\(", lines[i])
        around = lines[max(0, i - 1):i + 6]
        checked = m and (lines[i - 1].startswith("#[serde(transparent)]")
                         or any("checked_newtype!(" in l for l in around[2:]))
        if not checked:
            i += 1
            continue
        start = i
        while start > 0 and not lines[start].startswith("#[derive"):
            start -= 1
        j, end = i + 1, i
        while j < len(lines):
            line = lines[j]
            if line.startswith("///") or line.startswith("#[derive") or re.match(r"pub (struct|enum|type) ", line):
                break
            if line.startswith("#[cfg") and j + 1 < len(lines) and lines[j + 1].startswith("///"):
                break
            end, j = j, j + 1
        body = [l for l in lines[start:end + 1] if not l.lstrip().startswith("///") and not l.startswith("#[cfg")]
        counts.append((m.group(1), len(body)))
        i = end + 1
    return counts


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        counts = measure(open(path).read())
        if counts:
            values = sorted(v for _, v in counts)
            print(f"{path}: {len(values)} checked newtypes, lines each: median {values[len(values) // 2]}, "
                  f"mean {sum(values) / len(values):.1f}, min {values[0]}, max {values[-1]}")


if __name__ == "__main__":
    main()
