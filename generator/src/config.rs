//! What a user chooses: the [`Config`] builder, whose [`generate`](Config::generate)
//! runs the pipeline and returns the files as data; [`Generated::write`] writes them.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Failure};
use crate::driver::{self, Generated};
use crate::overlay;
use crate::resolve::documents::RefScope;

/// Which rules of a spec the generated code checks. Real specs carry wrong
/// constraints (patterns in another regex dialect, stale `required` lists);
/// enforcing them on received data breaks integrations that work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Validation {
    /// Every constraint, on what is built and on what is read: constructors and
    /// deserialisers check them, and a sent `oneOf` value that several variants
    /// accept is refused. For specs you trust.
    #[default]
    All,
    /// What the caller sends: constructors (and so the bodies built with them) check
    /// every constraint; received data is read with its types, and its constraints
    /// are not enforced. For vendor specs whose constraints may be stale.
    Sent,
    /// None: the types and their API stay the same, but nothing is checked and
    /// `oneOf` takes the first match. For measuring what validation costs, or for
    /// callers who check elsewhere.
    None,
}

impl std::str::FromStr for Validation {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "all" => Ok(Validation::All),
            "sent" => Ok(Validation::Sent),
            "none" => Ok(Validation::None),
            other => Err(format!("unknown validation mode `{other}` (all, sent or none)")),
        }
    }
}

/// How received data may differ from the spec. Vendors make a property required
/// in the spec when their newest server sends it, while older servers, older
/// events and replays still omit it; read by the letter, such data is refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Received {
    /// As the spec says: a required property is a plain field, and received data
    /// without it is refused. For specs that describe every server you talk to.
    #[default]
    AsSpecified,
    /// A property the spec requires may be absent from received data: in a type
    /// the client only receives (responses, webhook deliveries), it is an
    /// `Option` field whose doc says the spec requires it. What the client sends
    /// keeps every required property. For vendor specs that run ahead of their
    /// data.
    Tolerant,
}

impl std::str::FromStr for Received {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "as-specified" => Ok(Received::AsSpecified),
            "tolerant" => Ok(Received::Tolerant),
            other => Err(format!("unknown received-data policy `{other}` (as-specified or tolerant)")),
        }
    }
}

/// Whether the generated code is gated on cargo features.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Features {
    /// Each module, and within it each tag that divides it, compiles only under its
    /// feature; `full` turns every one on. The crate's `Cargo.toml` must declare
    /// them: see [`crate::package::with_features`] and [`Generated::features`].
    #[default]
    Gated,
    /// No `#[cfg]` on any feature: everything compiles, in a crate that embeds the
    /// generated code without declaring its features.
    Ungated,
}

impl std::str::FromStr for Features {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "gated" => Ok(Features::Gated),
            "ungated" => Ok(Features::Ungated),
            other => Err(format!("unknown feature gating `{other}` (gated or ungated)")),
        }
    }
}

/// A choice for every module, and the modules that chose otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PerModule<T> {
    all: T,
    modules: Vec<(String, T)>,
}

impl<T: Copy> PerModule<T> {
    fn set(&mut self, module: String, choice: T) {
        self.modules.retain(|(m, _)| *m != module);
        self.modules.push((module, choice));
    }

    fn of(&self, module: &str) -> T {
        self.modules.iter().find(|(m, _)| m == module).map_or(self.all, |(_, v)| *v)
    }

    /// Errors for the choices that name none of `modules`, `what` being the choice.
    fn unmatched(&self, modules: &[&str], what: &str) -> Vec<Diagnostic> {
        self.modules
            .iter()
            .filter(|(m, _)| !modules.contains(&m.as_str()))
            .map(|(m, _)| {
                Diagnostic::error(format!("{what} is chosen for module `{m}`, which no spec becomes"))
                    .help(format!("the modules are: {}", modules.join(", ")))
            })
            .collect()
    }
}

/// How to generate bindings, built in steps like `prost_build::Config`:
///
/// ```no_run
/// # fn main() -> Result<(), openapi_bindgen::diagnostic::Failure> {
/// let specs = openapi_bindgen::spec_files("specs".as_ref())?;
/// let generated = openapi_bindgen::Config::new().generate(&specs)?;
/// generated.write("generated".as_ref())?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    validation: PerModule<Validation>,
    received: PerModule<Received>,
    overlays: Vec<PathBuf>,
    pub(crate) ref_scope: RefScope,
    pub(crate) features: Features,
}

impl Config {
    /// The defaults: every rule checked, the overlays beside the specs
    /// (`NAME.overlay.yaml`), `$ref`s read below each spec's folder.
    pub fn new() -> Self {
        Config::default()
    }

    /// Chooses which rules the generated code checks, for every spec without a
    /// choice of its own.
    pub fn validation(&mut self, validation: Validation) -> &mut Self {
        self.validation.all = validation;
        self
    }

    /// Chooses which rules the module `module` checks (a spec's module is its file
    /// stem in snake case: `quo.yaml` → `quo`, see [`crate::module_name`]).
    pub fn module_validation(&mut self, module: impl Into<String>, validation: Validation) -> &mut Self {
        self.validation.set(module.into(), validation);
        self
    }

    /// The rules the module `module` checks.
    pub(crate) fn validation_of(&self, module: &str) -> Validation {
        self.validation.of(module)
    }

    /// Chooses how received data may differ from the spec, for every spec without
    /// a choice of its own.
    pub fn received(&mut self, received: Received) -> &mut Self {
        self.received.all = received;
        self
    }

    /// Chooses how received data may differ from the spec of the module `module`.
    pub fn module_received(&mut self, module: impl Into<String>, received: Received) -> &mut Self {
        self.received.set(module.into(), received);
        self
    }

    /// The received-data policy of the module `module`.
    pub(crate) fn received_of(&self, module: &str) -> Received {
        self.received.of(module)
    }

    /// Applies `overlay` instead of the one beside its spec: to the spec it is named
    /// after (`NAME.overlay.yaml` → `NAME.yaml`), or to the only spec.
    pub fn overlay(&mut self, overlay: impl Into<PathBuf>) -> &mut Self {
        self.overlays.push(overlay.into());
        self
    }

    /// Chooses whether the code is gated on cargo features (by default it is).
    pub fn features(&mut self, features: Features) -> &mut Self {
        self.features = features;
        self
    }

    /// Chooses the files `$ref`s may read.
    pub fn ref_scope(&mut self, scope: RefScope) -> &mut Self {
        self.ref_scope = scope;
        self
    }

    /// Generates the bindings of `specs`, one module per spec named after its file
    /// stem, plus `lib.rs` and the runtime modules. Nothing is written: see
    /// [`Generated::write`].
    ///
    /// Every spec is processed even when an earlier one fails, so that one run
    /// reports the errors of all of them.
    pub fn generate(&self, specs: &[PathBuf]) -> Result<Generated, Failure> {
        driver::generate(self, specs)
    }

    /// Generates the bindings of one spec whose root document is given as text,
    /// named `path` (for its module name, its syntax, diagnostics and relative
    /// `$ref`s). No overlay applies.
    pub fn generate_source(&self, path: &Path, source: &str) -> Result<Generated, Failure> {
        driver::generate_source(self, path, source)
    }

    /// Errors for the per-module choices that name none of `modules`.
    pub(crate) fn unmatched_modules(&self, modules: &[&str]) -> Vec<Diagnostic> {
        let mut errors = self.validation.unmatched(modules, "a validation mode");
        errors.extend(self.received.unmatched(modules, "a received-data policy"));
        errors
    }

    /// The overlay of `spec` among `specs`: an explicit one named after it (or the
    /// only explicit one, for a single spec), else the one beside it.
    pub(crate) fn overlay_for(&self, spec: &Path, specs: &[PathBuf]) -> Option<PathBuf> {
        let stem = spec.file_stem().and_then(|s| s.to_str());
        let named = self.overlays.iter().find(|o| overlay::spec_stem(o).is_some_and(|s| Some(s) == stem));
        match (named, specs, self.overlays.as_slice()) {
            (Some(o), _, _) => Some(o.clone()),
            (None, [_], [only]) => Some(only.clone()),
            _ => overlay::beside(spec),
        }
    }

    /// Errors for the explicit overlays that apply to none of `specs`.
    pub(crate) fn unmatched_overlays(&self, specs: &[PathBuf]) -> Vec<Diagnostic> {
        if specs.len() == 1 && self.overlays.len() == 1 {
            return Vec::new();
        }
        self.overlays
            .iter()
            .filter(|o| !specs.iter().any(|s| s.file_stem().and_then(|s| s.to_str()) == overlay::spec_stem(o)))
            .map(|overlay| {
                Diagnostic::error(format!("the overlay {} is named after none of the specs", overlay.display()))
                    .help("name an overlay `NAME.overlay.yaml` after its spec `NAME.yaml`")
            })
            .collect()
    }
}
