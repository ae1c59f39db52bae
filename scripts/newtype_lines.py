#!/usr/bin/env python3
"""Counts the lines of each checked newtype in generated module files: from the
derive above `pub struct X(..)` (under `#[serde(transparent)]`) to the end of the
type's last impl, doc comments and `#[cfg]` lines left out. Prints the median,
mean, smallest and largest per file.

usage: scripts/newtype_lines.py MOD_RS...
  for example target/corpus/crates/stripe/src/stripe/mod.rs after a corpus run
"""
import re
import sys


def measure(text):
    lines=text.split('\n')
    # item starts: lines beginning at column 0 that start a type (#[cfg / /// / #[derive / pub ...) after a previous item's end
    counts=[]
    i=0
    n=len(lines)
    while i<n:
        m=re.match(r'pub struct (\w+)\((.*)\);$', lines[i])
        if m and i>0 and lines[i-1].startswith('#[serde(transparent)]'):
            name=m.group(1)
            # start: the #[derive line above
            start=i-2
            # end: the last line of the last impl block for this name
            j=i+1; end=i
            while j<n:
                l=lines[j]
                if l.startswith('///') or (l.startswith('#[cfg') and j+1<n and lines[j+1].startswith('///')):
                    break
                if l.startswith('pub struct') or l.startswith('pub enum') or l.startswith('pub type'):
                    break
                if l.startswith('#[derive'): break
                end=j; j+=1
            body=[l for l in lines[start:end+1] if not l.lstrip().startswith('///') and not l.startswith('#[cfg')]
            counts.append((name,len(body)))
            i=end+1
        else:
            i+=1
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
