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
    /// Which features are also checked on their own.
    pub alone: Alone,
    /// Whether its crate gets a test that every type is small (`sizes`).
    pub sizes: bool,
    /// The received-data policy it is generated with (`received=tolerant`).
    pub received: Option<String>,
}

/// The features of a crate checked on their own (each with the defaults off),
/// besides the check with `full`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Alone {
    /// None.
    #[default]
    Nothing,
    /// Every feature, and none at all (`each-feature`).
    Each,
    /// This one (`feature=NAME`), for its check time.
    One(String),
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
                return Err(format!(
                    "{}:{}: expected `name spec [overlay] [ref-root=DIR] [each-feature | feature=NAME] [sizes] [received=POLICY]`",
                    list.display(),
                    number + 1
                ))
            }
        };
        let mut overlay = None;
        let mut ref_root = None;
        let mut alone = Alone::Nothing;
        let mut sizes = false;
        let mut received = None;
        for option in options {
            if *option == "sizes" {
                sizes = true;
            } else if let Some(policy) = option.strip_prefix("received=") {
                received = Some(policy.to_owned());
            } else if let Some(dir) = option.strip_prefix("ref-root=") {
                ref_root = Some(root.join(dir));
            } else if let Some(feature) = option.strip_prefix("feature=") {
                alone = Alone::One(feature.to_owned());
            } else if *option == "each-feature" {
                alone = Alone::Each;
            } else {
                overlay = Some(root.join(option));
            }
        }
        let (spec, vendored) = match spec.strip_prefix("$FETCHED/") {
            Some(file) => (fetched.join(file), false),
            None => (root.join(spec), true),
        };
        entries.push(Entry { name: name.to_owned(), spec, overlay, ref_root, vendored, alone, sizes, received });
    }
    Ok(entries)
}
