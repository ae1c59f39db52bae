//! The corpus list (`tests/corpus/corpus.list`): which specs the run covers.

use std::path::{Path, PathBuf};

/// One spec of the corpus.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its short name, which names its crate.
    pub name: String,
    /// Where the spec is.
    pub spec: PathBuf,
    /// The overlay applied to it, if any.
    pub overlay: Option<PathBuf>,
    /// The folder its `$ref`s may read below, when wider than the spec's own.
    pub ref_root: Option<PathBuf>,
    /// Whether the spec is in this repository (not fetched): small enough that its
    /// crate's doc tests run too.
    pub vendored: bool,
}

/// Reads the list. Paths are relative to `root`; `$FETCHED/` is `fetched`.
pub fn read(list: &Path, root: &Path, fetched: &Path) -> Result<Vec<Entry>, String> {
    let text = std::fs::read_to_string(list).map_err(|e| format!("cannot read {}: {e}", list.display()))?;
    let mut entries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (name, spec, options) = match fields[..] {
            [name, spec, ref options @ ..] => (name, spec, options),
            _ => {
                return Err(format!("{}:{}: expected `name spec [overlay] [ref-root=DIR]`", list.display(), number + 1))
            }
        };
        let mut overlay = None;
        let mut ref_root = None;
        for option in options {
            match option.strip_prefix("ref-root=") {
                Some(dir) => ref_root = Some(root.join(dir)),
                None => overlay = Some(root.join(option)),
            }
        }
        let (spec, vendored) = match spec.strip_prefix("$FETCHED/") {
            Some(file) => (fetched.join(file), false),
            None => (root.join(spec), true),
        };
        entries.push(Entry { name: name.to_owned(), spec, overlay, ref_root, vendored });
    }
    Ok(entries)
}
