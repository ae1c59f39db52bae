//! `openapi-bindgen` turns OpenAPI 3.0 and 3.1 documents into typed Rust bindings.
//!
//! The pipeline, one module per stage:
//!
//! | stage | module | in → out |
//! | --- | --- | --- |
//! | load | [`load`] | file → raw JSON value |
//! | resolve | [`resolve`] | raw documents → [`resolve::Spec`] (skeleton + schema model) |
//! | lower | [`lower`] | spec → [`ir::Module`] |
//! | emit | [`emit`] | IR → token streams |
//! | format | [`format`](mod@format) | tokens → text under the `@generated` header |
//! | write | [`write`](mod@write) | text → output directory, atomically, only when changed |
//!
//! [`generate`] runs every stage but the last and returns the files as data;
//! `build.rs`, the CLI and the tests all call it, then [`write::write`] or
//! [`write::check`].
#![deny(missing_docs)]

pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod format;
pub mod ir;
pub mod load;
pub mod locate;
pub mod lower;
pub mod overlay;
pub mod package;
pub mod pattern;
pub mod pointer;
pub mod resolve;
pub mod revision;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use diagnostic::{Diagnostic, Failure, Sink};
use emit::EmittedFile;
use resolve::documents::Documents;
pub use resolve::documents::RefScope;

/// The result of a successful generation: the files to write and the warnings met.
#[derive(Debug)]
pub struct Generated {
    /// Path relative to the output directory → formatted content.
    pub files: BTreeMap<String, String>,
    /// Every warning, in the order found.
    pub warnings: Vec<Diagnostic>,
    /// What each module holds, sorted by module name.
    pub modules: Vec<ModuleSummary>,
}

/// The size of one generated module, for reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleSummary {
    /// The module name.
    pub name: String,
    /// The spec file it comes from.
    pub source: String,
    /// Its client operations.
    pub operations: usize,
    /// Its named types.
    pub types: usize,
}

impl ModuleSummary {
    fn of(module: &ir::Module) -> Self {
        ModuleSummary {
            name: module.name.clone(),
            source: module.source.clone(),
            operations: module.operations.len(),
            types: module.types.len(),
        }
    }
}

/// Choices that change the generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Emit the checks of every constraint (the default). Without them the types and
    /// their API stay the same, but constructors and deserialisers check nothing and
    /// `oneOf` takes the first match: for measuring what validation costs, or for
    /// callers who trust their server.
    pub validation: bool,
    /// Overlays to apply instead of the ones beside the specs (`NAME.overlay.yaml`):
    /// each applies to the spec it is named after, or to the only spec.
    pub overlays: Vec<PathBuf>,
    /// The files `$ref`s may read: by default, regular files below each spec's folder.
    pub ref_scope: RefScope,
}

impl Default for Options {
    fn default() -> Self {
        Options { validation: true, overlays: Vec::new(), ref_scope: RefScope::SpecFolder }
    }
}

impl Options {
    /// The overlay of `spec` among `specs`: an explicit one named after it (or the
    /// only explicit one, for a single spec), else the one beside it.
    fn overlay_for(&self, spec: &Path, specs: &[PathBuf]) -> Option<PathBuf> {
        let stem = spec.file_stem().and_then(|s| s.to_str());
        let named = self.overlays.iter().find(|o| overlay::spec_stem(o).is_some_and(|s| Some(s) == stem));
        match (named, specs, self.overlays.as_slice()) {
            (Some(o), _, _) => Some(o.clone()),
            (None, [_], [only]) => Some(only.clone()),
            _ => overlay::beside(spec),
        }
    }

    /// Explicit overlays that apply to none of `specs`.
    fn unmatched_overlays(&self, specs: &[PathBuf]) -> Vec<&PathBuf> {
        if specs.len() == 1 && self.overlays.len() == 1 {
            return Vec::new();
        }
        self.overlays
            .iter()
            .filter(|o| !specs.iter().any(|s| s.file_stem().and_then(|s| s.to_str()) == overlay::spec_stem(o)))
            .collect()
    }
}

/// What [`regenerate`] did: the warnings met and the files it changed.
#[derive(Debug)]
pub struct Regenerated {
    /// Every warning, in the order found.
    pub warnings: Vec<Diagnostic>,
    /// The files written and removed.
    pub report: write::WriteReport,
}

/// Generates the bindings of `specs` and writes them under `out`, touching only
/// files whose content changed. On any error nothing is written. `build.rs` and the
/// CLI's `generate` both call this.
pub fn regenerate(specs: &[PathBuf], out: &Path) -> Result<Regenerated, Failure> {
    regenerate_with(specs, out, &Options::default())
}

/// [`regenerate`] with chosen [`Options`].
pub fn regenerate_with(specs: &[PathBuf], out: &Path, options: &Options) -> Result<Regenerated, Failure> {
    let Generated { files, warnings, .. } = generate_with(specs, options)?;
    let report = write::write(&files, out)
        .map_err(|e| fail(Diagnostic::error(format!("cannot write {}: {e}", out.display()))))?;
    Ok(Regenerated { warnings, report })
}

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

/// Generates the bindings of every spec in `dir` (see [`spec_files`]).
pub fn generate_dir(dir: &Path) -> Result<Generated, Failure> {
    generate(&spec_files(dir)?)
}

/// Generates the bindings of `specs`, one module per spec named after its file stem,
/// plus `lib.rs` and the runtime module. Nothing is written: see [`write`](mod@write).
///
/// Every spec is processed even when an earlier one fails, so that one run reports
/// the errors of all of them.
pub fn generate(specs: &[PathBuf]) -> Result<Generated, Failure> {
    generate_with(specs, &Options::default())
}

/// [`generate`] with chosen [`Options`].
pub fn generate_with(specs: &[PathBuf], options: &Options) -> Result<Generated, Failure> {
    let mut all = Sink::default();
    for overlay in options.unmatched_overlays(specs) {
        all.push(
            Diagnostic::error(format!("the overlay {} is named after none of the specs", overlay.display()))
                .help("name an overlay `NAME.overlay.yaml` after its spec `NAME.yaml`"),
        );
    }
    let mut modules = Vec::new();
    let mut names: BTreeMap<String, &Path> = BTreeMap::new();
    for path in specs {
        let name = module_name(path);
        if let Some(other) = names.insert(name.clone(), path) {
            all.push(
                Diagnostic::error(format!(
                    "{} and {} would both become module `{name}`",
                    other.display(),
                    path.display()
                ))
                .at(path, "")
                .help("rename one of the files"),
            );
            continue;
        }
        let source = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let overlay = options.overlay_for(path, specs);
        let loaded = spec_documents(path, None, overlay.as_deref(), &options.ref_scope).and_then(|(docs, overlaid)| {
            lower_one(&docs, path, &name, &source).map(|(module, warnings)| (module, [overlaid, warnings].concat()))
        });
        match loaded {
            Ok((mut module, warnings)) => {
                if !options.validation {
                    lower::without_validation(&mut module);
                }
                modules.push(module);
                warnings.into_iter().for_each(|w| all.push(w));
            }
            Err(failure) => failure.diagnostics.into_iter().for_each(|d| all.push(d)),
        }
    }
    let warnings = all.finish()?;
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    emit_and_format(&modules, warnings)
}

/// Generates the bindings of one spec whose root document is given as text, named
/// `path` (for its module name, its syntax, diagnostics and relative `$ref`s). The
/// fuzz targets drive the whole pipeline through this.
pub fn generate_source(path: &Path, source: &str, options: &Options) -> Result<Generated, Failure> {
    let docs = documents_from(path, source, &options.ref_scope)?;
    let name = module_name(path);
    let (mut module, warnings) = lower_one(&docs, path, &name, &name)?;
    if !options.validation {
        lower::without_validation(&mut module);
    }
    emit_and_format(&[module], warnings)
}

/// The documents of a spec whose root document is given as text.
fn documents_from(path: &Path, source: &str, scope: &RefScope) -> Result<Documents, Failure> {
    let value = load::parse(path, source).map_err(fail)?;
    let document = load::Document { path: path.to_path_buf(), source: source.to_owned(), value };
    Ok(Documents::with_root(path, document, scope))
}

/// The documents of a spec with its overlay applied (explicit, or the one beside
/// it), and the overlay's warnings. With `rev`, the spec and its overlay are read
/// as they were at that git revision (files they `$ref` are read from disk).
fn spec_documents(
    path: &Path,
    rev: Option<&str>,
    overlay: Option<&Path>,
    scope: &RefScope,
) -> Result<(Documents, Vec<Diagnostic>), Failure> {
    let read_at = |file: &Path, rev: &str| revision::read(file, rev).map_err(|e| fail(Diagnostic::error(e)));
    let mut root = match rev {
        Some(rev) => {
            let text = read_at(path, rev)?
                .ok_or_else(|| fail(Diagnostic::error(format!("{} does not exist at {rev}", path.display()))))?;
            let value = load::parse(path, &text).map_err(fail)?;
            load::Document { path: path.to_path_buf(), source: text, value }
        }
        None => load::load(path).map_err(fail)?,
    };
    let overlay = match (overlay, rev) {
        (Some(file), _) => Some((
            file.to_path_buf(),
            load::read_text(file)
                .map_err(|e| fail(Diagnostic::error(format!("cannot read the overlay {}: {e}", file.display()))))?,
        )),
        (None, None) => None,
        (None, Some(rev)) => {
            let mut found = None;
            for file in overlay::candidates(path) {
                if let Some(text) = read_at(&file, rev)? {
                    found = Some((file, text));
                    break;
                }
            }
            found
        }
    };
    let warnings = match overlay {
        Some((file, text)) => {
            let value = load::parse(&file, &text).map_err(fail)?;
            let located = |diagnostics: Vec<Diagnostic>| {
                let document = load::Document { path: file.clone(), source: text.clone(), value: value.clone() };
                let docs = Documents::with_root(&file, document, scope);
                diagnostics.into_iter().map(|d| docs.locate_diagnostic(d)).collect::<Vec<_>>()
            };
            match overlay::apply(&mut root.value, &file, &value) {
                Ok(warnings) => warnings,
                Err(errors) => return Err(Failure { diagnostics: located(errors) }),
            }
        }
        None => Vec::new(),
    };
    Ok((Documents::with_root(path, root, scope), warnings))
}

/// Loads, resolves and lowers one spec, with its overlay: the IR that [`diff`]
/// compares. With `rev`, the spec and its overlay as they were at that git revision.
pub fn lower_spec(path: &Path, rev: Option<&str>) -> Result<ir::Module, Failure> {
    // At a revision the overlay is looked up there; on disk, beside the spec.
    let beside = match rev {
        Some(_) => None,
        None => overlay::beside(path),
    };
    let (docs, _) = spec_documents(path, rev, beside.as_deref(), &RefScope::SpecFolder)?;
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    lower_one(&docs, path, &module_name(path), &file).map(|(module, _)| module)
}

/// Compares each spec with its version at the git revision `rev`. A spec that has
/// no version there is compared with an empty one: everything in it is added.
pub fn diff_against(specs: &[PathBuf], rev: &str) -> Result<Vec<diff::ModuleDiff>, Failure> {
    let mut diffs = Vec::new();
    for path in specs {
        let old = match revision::read(path, rev).map_err(|e| fail(Diagnostic::error(e)))? {
            Some(_) => lower_spec(path, Some(rev))?,
            None => diff::empty(&module_name(path)),
        };
        diffs.push(diff::compare(&old, &lower_spec(path, None)?));
    }
    Ok(diffs)
}

/// One line per spec whose Rust API differs from its version at `rev`
/// (`quo: 2 operations changed, 1 breaking`), for `build.rs` and `generate` to
/// print after a regeneration. A spec with no version at `rev` (new, or outside
/// the repository) is left out, unread: the summary is about changes. Nothing when
/// git or the revision cannot be read: the summary is a courtesy, never an error.
pub fn change_summary(specs: &[PathBuf], rev: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for path in specs {
        let Ok(Some(_)) = revision::read(path, rev) else { continue };
        let (Ok(old), Ok(new)) = (lower_spec(path, Some(rev)), lower_spec(path, None)) else { continue };
        let d = diff::compare(&old, &new);
        if !d.changes.is_empty() {
            lines.push(diff::summary_line(&d));
        }
    }
    lines
}

/// Emits and formats the files of lowered modules. Each slice of a module file
/// ([`emit::slices`]) is emitted and formatted on its own, on as many threads as the
/// machine has (token streams cannot cross threads, so a thread does both); the
/// slices are joined in order, so the output does not depend on the order they
/// finish in.
fn emit_and_format(modules: &[ir::Module], warnings: Vec<Diagnostic>) -> Result<Generated, Failure> {
    let mut files = BTreeMap::new();
    let mut sink = Sink::default();
    for file in emit::crate_root(modules) {
        match file {
            EmittedFile::Tokens(path, tokens) => match format::format(&path, tokens) {
                Ok(text) => {
                    files.insert(path, text);
                }
                Err(d) => sink.push(d),
            },
            EmittedFile::Text(path, text) => {
                files.insert(path, format::with_header(&text));
            }
        }
    }
    let jobs: Vec<(&ir::Module, emit::Slice)> =
        modules.iter().flat_map(|m| emit::slices(m).into_iter().map(move |slice| (m, slice))).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(jobs.len()).max(1);
    let mut results: Vec<(usize, String, Result<String, Diagnostic>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((module, slice)) = jobs.get(i) else { break };
                        if let Some((path, tokens)) = emit::slice(module, slice) {
                            let text = if slice.is_first() {
                                format::format(&path, tokens)
                            } else {
                                format::unparse(&path, tokens)
                            };
                            done.push((i, path, text));
                        }
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    // Slices in job order: each file's first slice, with the header, then the rest.
    results.sort_by_key(|(i, _, _)| *i);
    for (_, path, text) in results {
        match text {
            Ok(text) => files.entry(path).or_default().push_str(&text),
            Err(d) => sink.push(d),
        }
    }
    sink.finish()?;
    Ok(Generated { files, warnings, modules: modules.iter().map(ModuleSummary::of).collect() })
}

/// Resolves and lowers one spec.
fn lower_one(
    docs: &Documents,
    path: &Path,
    name: &str,
    source: &str,
) -> Result<(ir::Module, Vec<Diagnostic>), Failure> {
    let mut sink = Sink::default();
    let module = on_deep_stack(|| {
        let spec = resolve::resolve(docs, &mut sink);
        match spec {
            Some(spec) if !sink.has_errors() => Some(lower::lower(&spec, name, source, &mut sink)),
            _ => None,
        }
    })?;
    for d in sink.iter_mut().filter(|d| d.is_error()) {
        let unlocated = d.location.as_ref().is_some_and(|l| l.line_col.is_none() && !l.pointer.is_empty());
        if unlocated {
            *d = docs.locate_diagnostic(d.clone());
        }
    }
    let warnings = sink.finish()?;
    Ok((module.ok_or_else(|| fail(Diagnostic::error(format!("{} could not be resolved", path.display()))))?, warnings))
}

/// The stack of the thread that resolves and lowers a spec: room for
/// [`lower::MAX_DEPTH`] schemas nested through `$ref`s in a debug build. Only the
/// pages used are committed.
const DEEP_STACK: usize = 1024 * 1024 * 1024;

/// Runs `f` on a thread with [`DEEP_STACK`].
fn on_deep_stack<T: Send>(f: impl FnOnce() -> T + Send) -> Result<T, Failure> {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .stack_size(DEEP_STACK)
            .spawn_scoped(scope, f)
            .map_err(|e| fail(Diagnostic::error(format!("cannot start a thread to lower the spec on: {e}"))))?;
        thread.join().map_err(|panic| std::panic::resume_unwind(panic))
    })
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

fn fail(diagnostic: Diagnostic) -> Failure {
    Failure { diagnostics: vec![diagnostic] }
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
