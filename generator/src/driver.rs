//! Runs the pipeline: for each spec, load → resolve → lower (on a thread with a
//! deep stack), then emit and format every file on a pool of threads, in slices
//! joined in order so that the output does not depend on thread timing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::{Config, Features, Received, Validation};
use crate::diagnostic::{Diagnostic, Failure, Sink};
use crate::emit::{self, EmittedFile};
use crate::ir::{Gating, FULL};
use crate::resolve::documents::{Documents, RefScope};
use crate::write::{Stale, WriteReport};
use crate::{ir, load, lower, overlay, resolve, revision};

/// The result of a successful generation: the files to write and the warnings met.
#[derive(Debug)]
pub struct Generated {
    /// Path relative to the output directory → formatted content.
    pub files: BTreeMap<String, String>,
    /// Every warning, in the order found.
    pub warnings: Vec<Diagnostic>,
    /// What each module holds, sorted by module name.
    pub modules: Vec<ModuleSummary>,
    /// The cargo features the generated code is gated on: `full`, then one per
    /// module of a crate of several (or per vendor, with `x-feature`), then one per
    /// tag where a module's tags divide it; each once.
    pub features: Vec<CargoFeature>,
}

/// A cargo feature of the generated code: `full`, a module's (all of it), or a
/// tag's (its operations and webhooks, and the types they reach).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CargoFeature {
    /// Its name: `full`, the module's feature, or the tag in kebab-case (after the
    /// module's name when the crate has several modules: `quo-calls`).
    pub name: String,
    /// What it enables, on one line.
    pub doc: String,
    /// The features it turns on.
    pub enables: Vec<String>,
}

impl CargoFeature {
    /// `full`, enabling nothing yet.
    pub fn full() -> CargoFeature {
        CargoFeature {
            name: FULL.to_owned(),
            doc: "Every operation and webhook, and the types no operation or webhook uses.".to_owned(),
            enables: Vec::new(),
        }
    }
}

impl Generated {
    /// Writes the files under `out`, touching only those whose content changed and
    /// removing generated files no longer produced. Each file is written whole
    /// (a temporary file renamed into place); a file without the `@generated` mark
    /// is never overwritten, no symbolic link is followed and no nested crate is
    /// entered.
    pub fn write(&self, out: &Path) -> Result<WriteReport, Failure> {
        crate::write::write(&self.files, out)
            .map_err(|e| fail(Diagnostic::error(format!("cannot write {}: {e}", out.display()))))
    }

    /// How `out` differs from these files; empty when it is fresh.
    pub fn check(&self, out: &Path) -> Result<Vec<Stale>, Failure> {
        crate::write::check(&self.files, out)
            .map_err(|e| fail(Diagnostic::error(format!("cannot read {}: {e}", out.display()))))
    }
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
    /// Its webhooks.
    pub webhooks: usize,
}

impl ModuleSummary {
    fn of(module: &ir::Module) -> Self {
        ModuleSummary {
            name: module.name.clone(),
            source: module.source.clone(),
            operations: module.operations.len(),
            types: module.types.len(),
            webhooks: module.webhooks.as_ref().map_or(0, |w| w.features.len()),
        }
    }
}

/// See [`Config::generate`].
pub(crate) fn generate(config: &Config, specs: &[PathBuf]) -> Result<Generated, Failure> {
    let mut all = Sink::default();
    config.unmatched_overlays(specs).into_iter().for_each(|d| all.push(d));
    let mut modules = Vec::new();
    let mut names: BTreeMap<String, &Path> = BTreeMap::new();
    for path in specs {
        let name = crate::module_name(path);
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
        let overlay = config.overlay_for(path, specs);
        let loaded = spec_documents(path, None, overlay.as_deref(), &config.ref_scope).and_then(|(docs, overlaid)| {
            lower_one(&docs, path, &name, &source).map(|(module, warnings)| (module, [overlaid, warnings].concat()))
        });
        match loaded {
            Ok((module, warnings)) => {
                modules.push(validated(module, config));
                warnings.into_iter().for_each(|w| all.push(w));
            }
            Err(failure) => failure.diagnostics.into_iter().for_each(|d| all.push(d)),
        }
    }
    let module_names: Vec<&str> = names.keys().map(String::as_str).collect();
    config.unmatched_modules(&module_names).into_iter().for_each(|d| all.push(d));
    let warnings = all.finish()?;
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    gate(&mut modules, config.features);
    emit_and_format(&modules, warnings)
}

/// See [`Config::generate_source`].
pub(crate) fn generate_source(config: &Config, path: &Path, source: &str) -> Result<Generated, Failure> {
    let value = load::parse(path, source).map_err(fail)?;
    let document = load::Document { path: path.to_path_buf(), source: source.to_owned(), value };
    let docs = Documents::with_root(path, document, &config.ref_scope);
    let name = crate::module_name(path);
    let (module, warnings) = lower_one(&docs, path, &name, &name)?;
    let mut modules = [validated(module, config)];
    gate(&mut modules, config.features);
    emit_and_format(&modules, warnings)
}

/// Decides how each module is gated: not at all, as the crate's only module, or
/// as one of several, whose tag features then carry its name (tags repeat across
/// specs: `quo-calls`).
fn gate(modules: &mut [ir::Module], features: Features) {
    let several = modules.len() > 1;
    for module in modules.iter_mut() {
        match (features, several) {
            (Features::Ungated, _) => module.gating = Gating::Ungated,
            (Features::Gated, false) => module.gating = Gating::Crate,
            (Features::Gated, true) => {
                let prefix = module.name.replace('_', "-");
                let prefix = prefix.trim_matches('-');
                module.features.iter_mut().for_each(|f| f.name = format!("{prefix}-{}", f.name));
            }
        }
    }
}

/// The cargo features of `modules`: [`FULL`] first, enabling each module's feature
/// (or, for a crate's only module, its tag features); then each module feature
/// once, enabling its tag features; then the tag features. A module's tag features
/// exist only where they divide it (two or more).
fn cargo_features(modules: &[ir::Module]) -> Vec<CargoFeature> {
    let mut full = CargoFeature::full();
    let mut wholes: Vec<CargoFeature> = Vec::new();
    let mut tags: Vec<CargoFeature> = Vec::new();
    for module in modules {
        let names = module.dividing_features().iter().map(|f| f.name.clone());
        match &module.gating {
            Gating::Ungated => continue,
            Gating::Crate => full.enables.extend(names),
            Gating::Module { whole } => match wholes.iter_mut().find(|w| w.name == *whole) {
                Some(known) => {
                    known.doc = format!("{}; {}", known.doc, module.title);
                    known.enables.extend(names);
                }
                None => {
                    full.enables.push(whole.clone());
                    wholes.push(CargoFeature {
                        name: whole.clone(),
                        doc: module.title.clone(),
                        enables: names.collect(),
                    });
                }
            },
        }
        for f in module.dividing_features() {
            if !tags.iter().any(|known| known.name == f.name) {
                tags.push(CargoFeature { name: f.name.clone(), doc: f.doc.clone(), enables: Vec::new() });
            }
        }
    }
    std::iter::once(full).chain(wholes).chain(tags).collect()
}

/// `module` with the checks its validation mode keeps and the absences its
/// received-data policy tolerates.
pub(crate) fn validated(mut module: ir::Module, config: &Config) -> ir::Module {
    match config.validation_of(&module.name) {
        Validation::All => {}
        Validation::Sent => lower::trust_reading(&mut module),
        Validation::None => lower::without_validation(&mut module),
    }
    match config.received_of(&module.name) {
        Received::AsSpecified => {}
        Received::Tolerant => lower::tolerate_absence(&mut module),
    }
    module
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

/// Loads, resolves and lowers one spec as `config` generates it (its overlay,
/// `$ref` scope, validation mode and received-data policy): the IR that
/// [`crate::diff`] compares. With `rev`, the spec and its overlay as they were at
/// that git revision.
pub(crate) fn lower_spec(config: &Config, path: &Path, rev: Option<&str>) -> Result<ir::Module, Failure> {
    // At a revision the overlay is looked up there; on disk, as generation does.
    let overlay = match rev {
        Some(_) => None,
        None => config.overlay_for(path, &[path.to_path_buf()]),
    };
    let (docs, _) = spec_documents(path, rev, overlay.as_deref(), &config.ref_scope)?;
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (module, _) = lower_one(&docs, path, &crate::module_name(path), &file)?;
    Ok(validated(module, config))
}

/// A formatted file (or slice of one), or why it could not be formatted.
type FileText = (String, Result<String, Diagnostic>);

/// One unit of emitting and formatting: the crate root's files, or one slice of a
/// module file ([`emit::slices`]).
enum Job<'a> {
    Root,
    Slice(&'a ir::Module, emit::Slice),
}

impl Job<'_> {
    /// The job's files, formatted. Only the first slice of a file gets the file's
    /// header; the others are appended to it.
    fn run(&self, modules: &[ir::Module]) -> Vec<FileText> {
        match self {
            Job::Root => emit::crate_root(modules)
                .into_iter()
                .map(|file| match file {
                    EmittedFile::Tokens(path, tokens) => {
                        let text = crate::format::format(&path, tokens);
                        (path, text)
                    }
                    EmittedFile::Text(path, text) => (path, Ok(crate::format::with_header(&text))),
                })
                .collect(),
            Job::Slice(module, slice) => emit::slice(module, slice)
                .map(|(path, tokens)| {
                    let text = match slice.is_first() {
                        true => crate::format::format(&path, tokens),
                        false => crate::format::unparse(&path, tokens),
                    };
                    (path, text)
                })
                .into_iter()
                .collect(),
        }
    }
}

/// Emits and formats the files of lowered modules, on as many threads as the
/// machine has (token streams cannot cross threads, so a thread does both). The
/// jobs' texts are joined in job order.
fn emit_and_format(modules: &[ir::Module], warnings: Vec<Diagnostic>) -> Result<Generated, Failure> {
    let jobs: Vec<Job> = std::iter::once(Job::Root)
        .chain(modules.iter().flat_map(|m| emit::slices(m).into_iter().map(move |slice| Job::Slice(m, slice))))
        .collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(jobs.len()).max(1);
    let mut results: Vec<(usize, Vec<FileText>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        done.push((i, job.run(modules)));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut sink = Sink::default();
    for (path, text) in results.into_iter().flat_map(|(_, texts)| texts) {
        match text {
            Ok(text) => files.entry(path).or_default().push_str(&text),
            Err(d) => sink.push(d),
        }
    }
    sink.finish()?;
    let features = cargo_features(modules);
    Ok(Generated { files, warnings, modules: modules.iter().map(ModuleSummary::of).collect(), features })
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

/// A failure of one diagnostic.
pub(crate) fn fail(diagnostic: Diagnostic) -> Failure {
    Failure { diagnostics: vec![diagnostic] }
}
