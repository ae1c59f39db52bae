//! `openapi-bindgen` turns OpenAPI 3.0 and 3.1 documents into typed Rust bindings.
//!
//! ```no_run
//! # fn main() -> Result<(), openapi_bindgen::diagnostic::Failure> {
//! let specs = openapi_bindgen::spec_files("specs".as_ref())?;
//! let generated = openapi_bindgen::Config::new().generate(&specs)?;
//! for warning in &generated.warnings {
//!     eprintln!("{warning}");
//! }
//! generated.write("generated".as_ref())?;
//! # Ok(())
//! # }
//! ```
//!
//! [`Config::generate`] is pure: it returns the files as data, or every error of
//! every spec as a [`diagnostic::Failure`], and writes nothing.
//! [`Generated::write`] then writes them atomically, only those that changed.
//! [`diff`] compares two versions of a spec, and [`package`] makes a standalone
//! crate of generated files.
//!
//! The pipeline, one private module per stage (see ARCHITECTURE.md):
//! load → resolve → lower → emit → format → write, run by `driver`.
#![deny(missing_docs)]

mod config;
pub mod diagnostic;
pub mod diff;
mod driver;
mod emit;
mod format;
mod ir;
mod load;
mod locate;
mod lower;
mod overlay;
pub mod package;
mod pattern;
mod pointer;
mod resolve;
mod revision;
mod write;

use std::path::{Path, PathBuf};

pub use config::{Config, Features, Received, Validation};
use diagnostic::{Diagnostic, Failure};
use driver::fail;
pub use driver::{CargoFeature, Generated, ModuleSummary};
pub use resolve::documents::RefScope;
pub use write::{Stale, WriteReport};

/// The spec files of a directory: its `*.yaml`, `*.yml` and `*.json` files (not
/// subdirectories, which may hold documents that specs `$ref`), sorted by name.
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| fail(Diagnostic::error(format!("cannot read the specs directory {}: {e}", dir.display()))))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| fail(Diagnostic::error(format!("cannot list {}: {e}", dir.display()))))?.path();
        if path.is_file() && is_spec_file(&path) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Whether a path names a spec file: `*.yaml`, `*.yml` or `*.json`, but not an
/// overlay (`*.overlay.yaml`).
fn is_spec_file(path: &Path) -> bool {
    !overlay::is_overlay(path)
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
}

/// The module a spec file becomes: its file stem in snake case.
pub fn module_name(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // A module is also a directory, so a keyword gets a trailing `_`, not `r#`; so
    // do the names of the crate's own support modules and re-exports, and `lib` and
    // `main` (`lib/mod.rs` beside `lib.rs` is ambiguous; `mod main` is linted).
    let name = lower::naming::snake(&stem);
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None if ["runtime", "client", "webhooks", "reqwest", "http", "from_json", "from_value", "lib", "main"]
            .contains(&name.as_str()) =>
        {
            format!("{name}_")
        }
        None => name,
    }
}

/// The stages and limits behind the API, for this repository's benchmarks, fuzz
/// targets and tests. Not a stable interface: it changes with the pipeline.
#[doc(hidden)]
pub mod internals {
    pub use crate::diagnostic::Sink;
    pub use crate::emit::{crate_root, module as emit_module, EmittedFile};
    pub use crate::format::{format, with_header};
    pub use crate::load::MAX_FILE_BYTES;
    pub use crate::lower::{lower, MAX_DEPTH};
    pub use crate::pattern::{translate, Engine};
    pub use crate::resolve::documents::Documents;
    pub use crate::resolve::resolve;
    pub use crate::write::write;

    /// The names of the types of a spec's module, in the order they were defined.
    pub fn type_names(spec: &std::path::Path) -> Result<Vec<String>, crate::diagnostic::Failure> {
        let module = crate::driver::lower_spec(&crate::Config::new(), spec, None)?;
        Ok(module.types.into_iter().map(|t| t.name).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_avoid_the_crate_roots_own_names() {
        let name = |file: &str| module_name(Path::new(file));
        assert_eq!(name("specs/lib.yaml"), "lib_");
        assert_eq!(name("main.json"), "main_");
        assert_eq!(name("webhooks.yaml"), "webhooks_");
        assert_eq!(name("type.yaml"), "type_");
        assert_eq!(name("faxplus-webhooks.yaml"), "faxplus_webhooks");
    }
}
