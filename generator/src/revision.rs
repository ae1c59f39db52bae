//! Reads specs as they were at a git revision, for `diff --rev` and for the summary
//! of what a regeneration changed. Git is run as a command: its object store is
//! not ours to read.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The text of `path` at `rev` (`HEAD`, a tag, a commit), or `None` when the file
/// did not exist there. An error when git cannot run or `rev` is unknown.
pub fn read(path: &Path, rev: &str) -> Result<Option<String>, String> {
    let (dir, file) = split(path);
    let output = git(&dir).args(["show", &format!("{rev}:./{file}")]).output().map_err(|e| cannot_run(&e))?;
    if output.status.success() {
        return String::from_utf8(output.stdout)
            .map(Some)
            .map_err(|_| format!("{} at {rev} is not UTF-8", path.display()));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("does not exist in") || stderr.contains("exists on disk, but not in") {
        return Ok(None);
    }
    Err(format!("cannot read {} at {rev}: {}", path.display(), stderr.trim()))
}

/// The spec files (`*.yaml`, `*.yml`, `*.json`) directly in `dir` at `rev`.
pub fn spec_files(dir: &Path, rev: &str) -> Result<Vec<PathBuf>, String> {
    let output = git(dir).args(["ls-tree", rev, "./"]).output().map_err(|e| cannot_run(&e))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("cannot list {} at {rev}: {}", dir.display(), stderr.trim()));
    }
    let listing = String::from_utf8_lossy(&output.stdout);
    let mut files: Vec<PathBuf> = listing
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .filter(|(meta, _)| meta.split_whitespace().nth(1) == Some("blob"))
        .map(|(_, name)| dir.join(name))
        .filter(|path| crate::is_spec_file(path))
        .collect();
    files.sort();
    Ok(files)
}

/// The directory git runs in, and the file name within it.
fn split(path: &Path) -> (PathBuf, String) {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (dir, file)
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir);
    command
}

fn cannot_run(e: &std::io::Error) -> String {
    format!("cannot run git: {e}")
}
