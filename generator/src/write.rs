//! Stage 6, write or check: the generated files reach the output directory, or are
//! compared with it.
//!
//! Writing happens only after every stage succeeded, so a failed generation writes
//! nothing. Each file is written only when its content changed, through a temporary
//! file and a rename, so a reader never sees a half-written file and an unchanged
//! file keeps its modification time (and cargo does not rebuild). Files that carry
//! the `@generated` header but are no longer produced are removed.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::format::HEADER;

/// What a write changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or rewritten.
    pub written: Vec<PathBuf>,
    /// Stale generated files removed.
    pub removed: Vec<PathBuf>,
}

/// How a file on disk differs from a fresh generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// The file is missing.
    Missing(PathBuf),
    /// The file's content differs.
    Differs(PathBuf),
    /// A generated file that generation no longer produces.
    Extra(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "missing: {}", p.display()),
            Stale::Differs(p) => write!(f, "differs: {}", p.display()),
            Stale::Extra(p) => write!(f, "no longer generated: {}", p.display()),
        }
    }
}

/// Writes `files` (relative path → content) under `dir`.
pub fn write(files: &BTreeMap<String, String>, dir: &Path) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for stale in check(files, dir)? {
        match stale {
            Stale::Missing(path) | Stale::Differs(path) => {
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                let content = &files[&relative];
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                let mut tmp = path.clone().into_os_string();
                tmp.push(".tmp");
                std::fs::write(&tmp, content)?;
                std::fs::rename(&tmp, &path)?;
                report.written.push(path);
            }
            Stale::Extra(path) => {
                std::fs::remove_file(&path)?;
                report.removed.push(path);
            }
        }
    }
    Ok(report)
}

/// Compares `files` with the content of `dir`.
pub fn check(files: &BTreeMap<String, String>, dir: &Path) -> io::Result<Vec<Stale>> {
    let mut out = Vec::new();
    for (relative, content) in files {
        let path = dir.join(relative);
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == *content => {}
            Ok(_) => out.push(Stale::Differs(path)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => out.push(Stale::Missing(path)),
            Err(e) => return Err(e),
        }
    }
    let mut existing = Vec::new();
    if dir.exists() {
        collect_rs(dir, &mut existing)?;
    }
    existing.sort();
    for path in existing {
        let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if files.contains_key(&relative) {
            continue;
        }
        let generated = std::fs::read_to_string(&path).map(|t| t.starts_with(HEADER)).unwrap_or(false);
        if generated {
            out.push(Stale::Extra(path));
        }
    }
    Ok(out)
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_rs(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}
