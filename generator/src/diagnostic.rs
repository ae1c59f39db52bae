//! Diagnostics: what went wrong or looks suspicious, and where.
//!
//! Every stage collects its diagnostics and stops at its boundary when one of them is
//! an error, so a run reports all the errors of the first failing stage at once.

use std::fmt;
use std::path::PathBuf;

/// Where in which document a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The document, as the path it was loaded from.
    pub file: PathBuf,
    /// JSON pointer into the document (`""` is the root).
    pub pointer: String,
    /// 1-based line and column, where they could be found.
    pub line_col: Option<(usize, usize)>,
}

/// The family a warning belongs to, used to group and count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// A keyword the schema model does not know.
    UnknownKeyword,
    /// A known keyword the generator does not act on.
    UnsupportedKeyword,
    /// A keyword of the other OpenAPI version (`nullable` in 3.1, `type: null` in 3.0).
    OtherVersionKeyword,
    /// A `format` value the generator does not know; the value stays a plain type.
    UnknownFormat,
    /// An `allOf` whose members disagree; the first member wins.
    AllOfConflict,
    /// A schema that could not be typed and became `runtime::Json`.
    Untyped,
    /// An example that does not satisfy its own schema.
    InvalidExample,
    /// A media type that is not `type/subtype`, read by a guess its message names.
    MediaType,
    /// Webhooks whose deliveries cannot be told apart; the first is chosen.
    AmbiguousWebhook,
    /// An overlay action whose target selects nothing.
    OverlayNoMatch,
    /// A `pattern` that is not checked: written for another regex dialect, or beyond
    /// the translation to a linear-time engine.
    UncheckedPattern,
    /// A schema that is not well formed (not an object, a `type` that names no
    /// type); it becomes `runtime::Json` and the rest of the spec generates.
    MalformedSchema,
    /// Bounds that no value satisfies together (the type refuses every value), a
    /// `multipleOf` that is not positive, or an integer bound outside its `format`.
    ImpossibleBound,
}

impl WarningKind {
    /// A short, stable label for reports.
    pub fn label(self) -> &'static str {
        match self {
            WarningKind::UnknownKeyword => "unknown keyword",
            WarningKind::UnsupportedKeyword => "unsupported keyword",
            WarningKind::OtherVersionKeyword => "keyword of the other OpenAPI version",
            WarningKind::UnknownFormat => "unknown format",
            WarningKind::AllOfConflict => "allOf conflict",
            WarningKind::Untyped => "untyped schema",
            WarningKind::InvalidExample => "invalid example",
            WarningKind::MediaType => "invalid media type",
            WarningKind::AmbiguousWebhook => "ambiguous webhook",
            WarningKind::OverlayNoMatch => "overlay action without effect",
            WarningKind::UncheckedPattern => "unchecked pattern",
            WarningKind::MalformedSchema => "malformed schema",
            WarningKind::ImpossibleBound => "impossible bound",
        }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation cannot produce correct code.
    Error,
    /// Generation goes on, with the degradation the message names.
    Warning(WarningKind),
}

/// One finding about an input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, when known.
    pub location: Option<Box<Location>>,
    /// How to fix it, when there is advice to give.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with a message and no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, message: message.into(), location: None, help: None }
    }

    /// A warning of `kind`.
    pub fn warning(kind: WarningKind, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning(kind), message: message.into(), location: None, help: None }
    }

    /// Attaches a location.
    pub fn at(mut self, file: impl Into<PathBuf>, pointer: impl Into<String>) -> Self {
        self.location = Some(Box::new(Location { file: file.into(), pointer: pointer.into(), line_col: None }));
        self
    }

    /// Attaches a location with a known line and column.
    pub fn at_line(mut self, file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        self.location =
            Some(Box::new(Location { file: file.into(), pointer: String::new(), line_col: Some((line, column)) }));
        self
    }

    /// Attaches advice.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "error: {}", self.message)?,
            Severity::Warning(_) => write!(f, "warning: {}", self.message)?,
        }
        if let Some(loc) = &self.location {
            write!(f, "\n  --> {}", loc.file.display())?;
            if let Some((line, col)) = loc.line_col {
                write!(f, ":{line}:{col}")?;
            }
            if !loc.pointer.is_empty() {
                write!(f, "\n   at #{}", loc.pointer)?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n   = help: {help}")?;
        }
        Ok(())
    }
}

/// The diagnostics of a failed run: at least one error, plus the warnings seen so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Every diagnostic, errors first, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        for d in self.diagnostics.iter().filter(|d| d.is_error()) {
            writeln!(f, "{d}")?;
        }
        write!(f, "generation failed with {errors} error{}; nothing was written", plural(errors))
    }
}

impl std::error::Error for Failure {}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Collects diagnostics during one stage.
#[derive(Debug, Default)]
pub struct Sink {
    diagnostics: Vec<Diagnostic>,
}

impl Sink {
    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Whether an error has been recorded.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Ends a stage: an error if any was recorded, else the warnings. A diagnostic
    /// found twice (a schema read through two `$ref`s) is reported once.
    pub fn finish(mut self) -> Result<Vec<Diagnostic>, Failure> {
        let mut seen = std::collections::HashSet::new();
        self.diagnostics.retain(|d| seen.insert(d.to_string()));
        if self.has_errors() {
            let (mut errors, warnings): (Vec<_>, Vec<_>) = self.diagnostics.into_iter().partition(Diagnostic::is_error);
            errors.extend(warnings);
            Err(Failure { diagnostics: errors })
        } else {
            Ok(self.diagnostics)
        }
    }

    /// Every diagnostic recorded, for filling in locations.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        self.diagnostics.iter_mut()
    }
}

/// Counts warnings per kind, most frequent first (ties in kind order).
pub fn count_by_kind(warnings: &[Diagnostic]) -> Vec<(WarningKind, usize)> {
    let mut counts: std::collections::BTreeMap<WarningKind, usize> = Default::default();
    for w in warnings {
        if let Severity::Warning(kind) = w.severity {
            *counts.entry(kind).or_default() += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows
}

/// Summarises warnings as one line per kind with counts, most frequent first.
pub fn summarize(warnings: &[Diagnostic]) -> Vec<String> {
    count_by_kind(warnings).into_iter().map(|(kind, n)| format!("{n} × {}", kind.label())).collect()
}
