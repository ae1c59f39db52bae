//! Stage 4, emit: IR modules become token streams, one per output file. Pure: no I/O,
//! and every order comes from the IR's vectors.

mod checks;
mod client;
mod examples;
mod select;
mod tokens;
mod types;
mod webhooks;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Module;
use tokens::{docs, ident, Doc, Gate};

/// The source of the runtime support module, copied into every generated crate.
pub const RUNTIME: &str = include_str!("../../runtime/runtime.rs");

/// The source of the client support module, copied into every generated crate with
/// operations.
pub const CLIENT_RUNTIME: &str = include_str!("../../runtime/client.rs");

/// The submodules of the client support module, by file name under `client/`.
pub const CLIENT_RUNTIME_PARTS: &[(&str, &str)] = &[
    ("mock.rs", include_str!("../../runtime/client/mock.rs")),
    ("paging.rs", include_str!("../../runtime/client/paging.rs")),
    ("response.rs", include_str!("../../runtime/client/response.rs")),
    ("retry.rs", include_str!("../../runtime/client/retry.rs")),
];

/// The source of the webhook support module, copied into every generated crate
/// with webhooks.
pub const WEBHOOKS_RUNTIME: &str = include_str!("../../runtime/webhooks.rs");

/// One output file: its path relative to the output directory, and its content.
#[derive(Debug)]
pub enum EmittedFile {
    /// Tokens still to be formatted.
    Tokens(String, TokenStream),
    /// Text to write as is (already formatted).
    Text(String, String),
}

/// One file of a module, emitted on its own so that files can be emitted and
/// formatted in parallel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `<name>/mod.rs`: the module's docs and its submodules.
    Module,
    /// `<name>/types/mod.rs`: the type files, each re-exported at the module.
    Types,
    /// `<name>/types/<file>.rs`: the types of one [`crate::ir::TypeFile`].
    TypeFile(usize),
    /// `<name>/client/mod.rs`, when the spec has operations.
    Client,
    /// `<name>/client/<file>.rs`: the operations of one [`crate::ir::OperationFile`].
    OperationFile(usize),
    /// `<name>/examples.rs`, when the spec has examples.
    Examples,
    /// `<name>/webhooks.rs`, when the spec has webhooks.
    Webhooks,
}

/// The files a module has.
pub fn parts(module: &Module) -> Vec<Part> {
    let mut parts = vec![Part::Module, Part::Types];
    parts.extend((0..module.files.len()).map(Part::TypeFile));
    if !module.operations.is_empty() {
        parts.push(Part::Client);
        parts.extend((0..module.operation_files.len()).map(Part::OperationFile));
    }
    if !module.examples.is_empty() {
        parts.push(Part::Examples);
    }
    if module.webhooks.is_some() {
        parts.push(Part::Webhooks);
    }
    parts
}

/// How many types or operations one slice holds. A large file is emitted and
/// formatted in slices, in parallel and with less memory held at once; its text is
/// the slices' texts joined in order, the same bytes as formatting it whole.
const SLICE: usize = 256;

/// A slice of one file of a module: the types or operations in `items`. The first
/// slice of a file also holds its head (module docs, `Auth`, `Client`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// The file.
    pub part: Part,
    /// The indices of the file's types (in a type file) or operations (in an
    /// operation file), or `0..0` for a file emitted whole.
    pub items: std::ops::Range<usize>,
}

impl Slice {
    /// Whether this is the first slice of its file.
    pub fn is_first(&self) -> bool {
        self.items.start == 0
    }
}

/// The slices a module's files are emitted in, in output order.
pub fn slices(module: &Module) -> Vec<Slice> {
    slices_of(module, SLICE)
}

/// The slices of a module's files, `size` types or operations each.
fn slices_of(module: &Module, size: usize) -> Vec<Slice> {
    let split = |part: Part, len: usize| -> Vec<Slice> {
        let starts = (0..len.max(1)).step_by(size);
        starts.map(|start| Slice { part, items: start..start.saturating_add(size).min(len) }).collect()
    };
    parts(module)
        .into_iter()
        .flat_map(|part| match part {
            Part::TypeFile(file) => split(part, module.files[file].types.len()),
            Part::OperationFile(file) => split(part, module.operation_files[file].operations.len()),
            Part::Module | Part::Types | Part::Client | Part::Examples | Part::Webhooks => {
                vec![Slice { part, items: 0..0 }]
            }
        })
        .collect()
}

/// Emits one slice of a module file: the file's path and the slice's tokens, or
/// `None` when the module has no such file.
pub fn slice(module: &Module, slice: &Slice) -> Option<(String, TokenStream)> {
    let name = &module.name;
    match slice.part {
        Part::Module => Some((format!("{name}/mod.rs"), module_file(module))),
        Part::Types => types::index(module).map(|t| (format!("{name}/types/mod.rs"), t)),
        Part::TypeFile(file) => {
            let tokens = types::file(module, &module.files[file], slice.items.clone());
            Some((format!("{name}/types/{}.rs", module.files[file].name), tokens))
        }
        Part::Client => client::client(module).map(|t| (format!("{name}/client/mod.rs"), t)),
        Part::OperationFile(file) => {
            let tokens = client::operations(module, &module.operation_files[file], slice.items.clone());
            Some((format!("{name}/client/{}.rs", module.operation_files[file].name), tokens))
        }
        Part::Examples => examples::examples(module).map(|t| (format!("{name}/examples.rs"), t)),
        Part::Webhooks => webhooks::webhooks(module).map(|t| (format!("{name}/webhooks.rs"), t)),
    }
}

/// `<name>/mod.rs`: the module's docs, its client, webhooks and example tests,
/// and its types, which live in `types/` and are re-exported here.
fn module_file(module: &Module) -> TokenStream {
    let parts = parts(module);
    let inner_doc = Doc::new(&module.doc).inner();
    let types_mod = types::reexport(module);
    let examples_mod = parts.contains(&Part::Examples).then(|| {
        quote!(
            #[cfg(test)]
            mod examples;
        )
    });
    let client_mod = parts.contains(&Part::Client).then(|| {
        let cfg = client::gate(module).within(&Gate::module(module));
        quote!(
            /// The client: one method per operation of the API.
            #cfg
            pub mod client;
        )
    });
    let webhooks_mod = module.webhooks.as_ref().map(|hooks| {
        let cfg = webhooks::gate(module, hooks).within(&Gate::module(module));
        // Its docs are the inner docs of its file: an outer doc here would make
        // rustdoc resolve their links from this module.
        quote!(
            #cfg
            pub mod webhooks;
        )
    });
    quote! {
        #inner_doc
        #client_mod
        #webhooks_mod
        #examples_mod
        #types_mod
    }
}

/// Emits every file of one module whole (see `slice`).
pub fn module(module: &Module) -> Vec<EmittedFile> {
    slices_of(module, usize::MAX)
        .iter()
        .filter_map(|s| slice(module, s))
        .map(|(path, tokens)| EmittedFile::Tokens(path, tokens))
        .collect()
}

/// Emits `lib.rs`, declaring every module, and the runtime support module. The
/// modules are marked `#[rustfmt::skip]`: they are formatted by `prettyplease`, and
/// `cargo fmt` on the crate must not fight it.
pub fn crate_root(modules: &[Module]) -> Vec<EmittedFile> {
    let mut lines = vec![
        "Typed bindings generated from OpenAPI documents by `openapi-bindgen`.".to_owned(),
        String::new(),
        "| module | source |".to_owned(),
        "| --- | --- |".to_owned(),
    ];
    for m in modules {
        lines.push(format!("| [`{}`] | `{}` |", m.name, m.source));
    }
    lines.push(String::new());
    lines.push("[`runtime`] holds the support code the modules share. Read JSON with [`from_json`]:".to_owned());
    lines.push("its errors give the JSON path of the failing value and the rule it broke.".to_owned());
    lines.push(String::new());
    lines.push("What is received goes back byte for byte and is never refused for its `format`:".to_owned());
    lines.push("a number is a [`runtime::Number`], untyped JSON a [`runtime::Json`], and a date,".to_owned());
    lines.push("date-time or URI keeps its text ([`runtime::Date`], [`runtime::DateTime`],".to_owned());
    lines.push("[`runtime::Uri`]) and parses on request.".to_owned());
    let has_client = modules.iter().any(|m| !m.operations.is_empty());
    if has_client {
        lines.push(String::new());
        lines.push("Each module with operations has a `client` module: a `Client` with one method per".to_owned());
        lines.push("operation. [`client`] holds what they share: the [`client::Error`] every method".to_owned());
        lines.push("returns and the [`client::Secret`] credentials are kept in.".to_owned());
    }
    let has_webhooks = modules.iter().any(|m| m.webhooks.is_some());
    if has_webhooks {
        lines.push(String::new());
        lines.push("Each module with webhooks has a `webhooks` module: `parse` reads a delivery, and a".to_owned());
        lines.push("`Receiver` authenticates it first. [`webhooks`] holds what they share: the".to_owned());
        lines.push("[`webhooks::Error`] that names the status to answer with, and the signature schemes.".to_owned());
    }
    let doc = Doc::new(&lines).inner();
    let mods = modules.iter().map(|m| {
        let name = ident(&m.name);
        let first = m.doc.first().cloned().unwrap_or_default();
        let d = docs(&[first]);
        let cfg = Gate::module(m).within(&Gate::default());
        quote!(#d #cfg #[rustfmt::skip] pub mod #name;)
    });
    let client = has_client.then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod client;
            /// The HTTP client the generated clients use, re-exported so that a
            /// `reqwest::Client` given to them has the same version.
            pub use reqwest;
        }
    });
    let webhooks = has_webhooks.then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod webhooks;
        }
    });
    // reqwest, hyper and axum share `http`'s types; a caller's `HeaderMap` is this one.
    let http = (has_client || has_webhooks).then(|| {
        quote! {
            /// The HTTP types (`HeaderMap`, `StatusCode`) of the clients and receivers,
            /// re-exported so that a caller's are the same version.
            pub use http;
        }
    });
    let mut files = vec![
        EmittedFile::Tokens(
            "lib.rs".to_owned(),
            quote! {
                #doc
                #(#mods)*
                #client
                #webhooks
                #http
                #[rustfmt::skip]
                pub mod runtime;
                pub use runtime::{from_json, from_value, ConstraintError, DecodeError};
            },
        ),
        EmittedFile::Text("runtime.rs".to_owned(), RUNTIME.to_owned()),
    ];
    if has_client {
        files.push(EmittedFile::Text("client.rs".to_owned(), CLIENT_RUNTIME.to_owned()));
        for (name, source) in CLIENT_RUNTIME_PARTS {
            files.push(EmittedFile::Text(format!("client/{name}"), (*source).to_owned()));
        }
    }
    if has_webhooks {
        files.push(EmittedFile::Text("webhooks.rs".to_owned(), WEBHOOKS_RUNTIME.to_owned()));
    }
    files
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;
    use crate::diagnostic::Sink;
    use crate::resolve::documents::Documents;

    /// A file formatted in slices of one item each, joined, is the file formatted whole.
    #[test]
    fn slices_join_into_the_whole_file() {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/good/realworld.yaml");
        let docs = Documents::load(&spec).expect("loads");
        let mut sink = Sink::default();
        let resolved = crate::resolve::resolve(&docs, &mut sink).expect("resolves");
        let module = crate::lower::lower(&resolved, "realworld", "realworld.yaml", &mut sink);
        assert!(module.types.len() > 1 && module.operations.len() > 1, "the fixture has several of each");
        let mut sliced: BTreeMap<String, String> = BTreeMap::new();
        for slice in slices_of(&module, 1) {
            let (path, tokens) = super::slice(&module, &slice).expect("a file");
            let text = if slice.is_first() {
                crate::format::format(&path, tokens)
            } else {
                crate::format::unparse(&path, tokens)
            };
            sliced.entry(path).or_default().push_str(&text.expect("formats"));
        }
        let whole: BTreeMap<String, String> = super::module(&module)
            .into_iter()
            .map(|file| match file {
                EmittedFile::Tokens(path, tokens) => {
                    let text = crate::format::format(&path, tokens).expect("formats");
                    (path, text)
                }
                EmittedFile::Text(path, text) => (path, text),
            })
            .collect();
        assert_eq!(sliced.keys().collect::<Vec<_>>(), whole.keys().collect::<Vec<_>>());
        for (path, text) in &whole {
            assert!(sliced[path] == *text, "{path} differs when formatted in slices");
        }
    }
}
