//! The set of documents one spec spans: its root file and every file its `$ref`s name.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::load::{self, Document};
use crate::locate::Index;
use crate::pointer;

/// Index of a document in [`Documents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub usize);

/// A node in one of the documents: the target of a resolved `$ref`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// The document.
    pub doc: DocId,
    /// JSON pointer inside it (`""` is the root).
    pub pointer: String,
}

impl Loc {
    /// A location in `doc`.
    pub fn new(doc: DocId, pointer: impl Into<String>) -> Self {
        Loc { doc, pointer: pointer.into() }
    }

    /// The location of a child token.
    pub fn child(&self, token: &str) -> Self {
        Loc { doc: self.doc, pointer: pointer::push(&self.pointer, token) }
    }

    /// The location of a child index.
    pub fn index(&self, index: usize) -> Self {
        Loc { doc: self.doc, pointer: pointer::push_index(&self.pointer, index) }
    }
}

/// The files a spec's `$ref`s may read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RefScope {
    /// Regular files below the folder of the spec's root file (the default).
    #[default]
    SpecFolder,
    /// Regular files below this folder.
    Below(PathBuf),
}

impl RefScope {
    /// The folder for the spec at `root`, as written.
    fn folder(&self, root: &Path) -> PathBuf {
        let folder = match self {
            RefScope::SpecFolder => root.parent().map(Path::to_path_buf).unwrap_or_default(),
            RefScope::Below(folder) => folder.clone(),
        };
        if folder.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            folder
        }
    }
}

/// Every document of one spec, loaded up front so that later stages can borrow them.
#[derive(Debug, Default)]
pub struct Documents {
    docs: Vec<Document>,
    /// Each document's positions, indexed when a diagnostic first needs one.
    indexes: Vec<OnceLock<Index>>,
    /// Each document's name in generated code (see [`Documents::name`]).
    names: Vec<String>,
    by_path: HashMap<PathBuf, DocId>,
    failed: HashMap<PathBuf, String>,
}

impl Documents {
    /// Loads `root` and, transitively, every file named by a `$ref` in it.
    pub fn load(root: &Path) -> Result<Self, Diagnostic> {
        Ok(Self::with_root(root, load::load(root)?, &RefScope::SpecFolder))
    }

    /// The documents of a spec whose root is already loaded from `path`: the files
    /// its `$ref`s name are loaded relative to `path`, when they lie in `scope`.
    /// Symbolic links are followed before that test, so none leads out of it.
    pub fn with_root(path: &Path, document: Document, scope: &RefScope) -> Self {
        let mut docs = Documents::default();
        let folder = scope.folder(path);
        let allowed = folder.canonicalize().ok();
        docs.add(normalize_path(path), document);
        let mut next = 0;
        while next < docs.docs.len() {
            let dir = docs.docs[next].path.parent().map(Path::to_path_buf).unwrap_or_default();
            let mut found = Vec::new();
            collect_ref_files(&docs.docs[next].value, &mut found);
            let files: Vec<String> = found.into_iter().map(str::to_owned).collect();
            for file in files {
                let path = normalize_path(&dir.join(pointer::percent_decode(&file)));
                if docs.by_path.contains_key(&path) || docs.failed.contains_key(&path) {
                    continue;
                }
                let inside = match (path.canonicalize(), &allowed) {
                    (Ok(real), Some(folder)) => real.starts_with(folder),
                    _ => false,
                };
                if !inside && path.exists() {
                    let why = format!(
                        "it is outside {}, and `$ref`s read only files below it (widen that with `--ref-root`)",
                        folder.display()
                    );
                    docs.failed.insert(path, why);
                    continue;
                }
                match load::load(&path) {
                    Ok(document) => docs.add(path, document),
                    Err(e) => {
                        docs.failed.insert(path, e.to_string());
                    }
                }
            }
            next += 1;
        }
        docs
    }

    /// Adds a document; the first is the root.
    fn add(&mut self, path: PathBuf, mut document: Document) {
        let root = self.docs.first().map_or(path.as_path(), |root| root.path.as_path());
        self.names.push(relative_name(&path, root.parent().unwrap_or(Path::new(""))));
        document.path = path.clone();
        self.by_path.insert(path, DocId(self.docs.len()));
        self.docs.push(document);
        self.indexes.push(OnceLock::new());
    }

    /// The root document.
    pub fn root(&self) -> DocId {
        DocId(0)
    }

    /// One document.
    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id.0]
    }

    /// The value at a location, if there is one.
    pub fn get(&self, loc: &Loc) -> Option<&Value> {
        self.docs[loc.doc.0].value.pointer(&loc.pointer)
    }

    /// The path of a document, for diagnostics.
    pub fn path(&self, id: DocId) -> &Path {
        &self.docs[id.0].path
    }

    /// The name a document goes by in generated code: its path relative to the root
    /// document's folder, with `/` separators (`quo.yaml`, `shared/common.yaml`,
    /// `../common/pet.yaml`). It does not depend on how the spec was named or where
    /// it lies, so that output is the same on any machine.
    pub fn name(&self, id: DocId) -> &str {
        &self.names[id.0]
    }

    /// The document that goes by `name` (see [`Documents::name`]).
    pub fn named(&self, name: &str) -> Option<DocId> {
        self.names.iter().position(|n| n == name).map(DocId)
    }

    /// Resolves a `$ref` string written in document `from` to a location. The target
    /// is not checked to exist; [`Documents::get`] does that.
    pub fn resolve(&self, from: DocId, reference: &str) -> Result<Loc, String> {
        let (file, fragment) = match reference.split_once('#') {
            Some((file, fragment)) => (file, fragment),
            None => (reference, ""),
        };
        if file.contains("://") {
            return Err(format!("remote reference `{reference}` is not supported"));
        }
        let fragment = pointer::percent_decode(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(format!("`{reference}` uses a plain-name fragment; only JSON pointer fragments are supported"));
        }
        let doc = if file.is_empty() {
            from
        } else {
            let dir = self.path(from).parent().map(Path::to_path_buf).unwrap_or_default();
            let path = normalize_path(&dir.join(pointer::percent_decode(file)));
            match self.by_path.get(&path) {
                Some(id) => *id,
                None => {
                    let why = self.failed.get(&path).cloned().unwrap_or_else(|| "not loaded".into());
                    return Err(format!("`{reference}` names a file that could not be loaded: {why}"));
                }
            }
        };
        Ok(Loc::new(doc, fragment))
    }

    /// Finds the line and column of a location, for diagnostics.
    pub fn line_col(&self, loc: &Loc) -> Option<(usize, usize)> {
        let index = self.indexes[loc.doc.0].get_or_init(|| Index::build(&self.doc(loc.doc).source));
        index.get(&loc.pointer)
    }

    /// Fills in the line and column of a diagnostic located by file and pointer.
    pub fn locate_diagnostic(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if let Some(l) = diagnostic.location.as_mut() {
            if let Some(id) = self.by_path.get(&l.file) {
                l.line_col = self.line_col(&Loc::new(*id, l.pointer.clone()));
            }
        }
        diagnostic
    }

    /// Builds a diagnostic location for `loc`, with its line where it can be found.
    pub fn diagnostic_at(&self, diagnostic: Diagnostic, loc: &Loc) -> Diagnostic {
        let mut d = diagnostic.at(self.path(loc.doc), loc.pointer.clone());
        if let Some(l) = d.location.as_mut() {
            l.line_col = self.line_col(loc);
        }
        d
    }
}

/// Collects the file part of every `$ref` string in `value`.
fn collect_ref_files<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                let file = r.split('#').next().unwrap_or("");
                if !file.is_empty() && !file.contains("://") {
                    out.push(file);
                }
            }
            map.values().for_each(|v| collect_ref_files(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ref_files(v, out)),
        _ => {}
    }
}

/// Removes `.` and resolvable `..` components without touching the file system, so
/// that paths in diagnostics stay as the user wrote them.
/// `path` relative to `base`, both normalized, with `/` separators.
fn relative_name(path: &Path, base: &Path) -> String {
    let (base, path): (Vec<Component>, Vec<Component>) = (base.components().collect(), path.components().collect());
    let common = base.iter().zip(&path).take_while(|(a, b)| a == b).count();
    let up = std::iter::repeat_n("..".to_owned(), base.len() - common);
    let down = path[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned());
    up.chain(down).collect::<Vec<_>>().join("/")
}

fn normalize_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_normal = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if last_is_normal {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_is_built_once_and_only_when_asked() {
        let source = "a:\n  b: 1\n  c: 2\n";
        let value = load::parse(Path::new("x.yaml"), source).expect("parses");
        let document = Document { path: "x.yaml".into(), source: source.into(), value };
        let docs = Documents::with_root(Path::new("x.yaml"), document, &RefScope::SpecFolder);
        assert!(docs.indexes[0].get().is_none(), "loading builds no index");
        assert_eq!(docs.line_col(&Loc::new(DocId(0), "/a/b")), Some((2, 3)));
        let built: *const Index = docs.indexes[0].get().expect("built");
        assert_eq!(docs.line_col(&Loc::new(DocId(0), "/a/c")), Some((3, 3)));
        assert!(std::ptr::eq(built, docs.indexes[0].get().expect("kept")), "the index is reused");
    }

    #[test]
    fn normalizes_lexically() {
        assert_eq!(normalize_path(Path::new("a/./b/../c.yaml")), Path::new("a/c.yaml"));
        assert_eq!(normalize_path(Path::new("../x/../../y")), Path::new("../../y"));
    }
}
