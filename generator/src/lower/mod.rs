//! Stage 3, lower: a resolved [`Spec`] becomes an IR [`Module`].
//!
//! Order of work: component schemas (so that they claim their names first), then
//! operations, then webhooks; then the passes over the whole graph: union dispatch,
//! usage direction, recursion (error on types with no finite value, `Box` where a
//! cycle needs one) and finally the naming of every type and example test, in
//! one pass once every union's variants are named.

mod client;
mod example_check;
mod features;
mod files;
mod formats;
mod graph;
mod merge;
pub mod naming;
mod operations;
mod paging;
mod prose;
mod rules;
mod schema;
mod size;
mod union;
mod webhooks;

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Sink, WarningKind};
use crate::ir::{
    Additional, Checks, Dispatch, Example, Expect, Module, Origin, Reach, Reading, Scalar, TypeDef, TypeId, TypeKind,
    TypeRef, Usage, UNKNOWN,
};
use crate::resolve::documents::Loc;
use crate::resolve::schema::Schema;
use crate::resolve::Spec;
use schema::doc_lines;

/// Lowers one spec into the module `name`.
pub fn lower(spec: &Spec<'_>, name: &str, source: &str, sink: &mut Sink) -> Module {
    let mut lowerer = Lowerer::new(spec, sink);
    let root = spec.docs.root();
    let components: Vec<_> = spec
        .schemas
        .keys()
        .filter(|loc| loc.doc == root && crate::pointer::tokens(&loc.pointer).len() == 3)
        .filter(|loc| loc.pointer.starts_with("/components/schemas/"))
        .cloned()
        .collect();
    for loc in &components {
        lowerer.lower_target(loc);
    }
    let (operations, api) = lowerer.lower_operations();
    let hooks = lowerer.lower_webhooks();
    let (callbacks, callback_features) = lowerer.lower_callbacks().unzip();
    let headers = hooks.iter().map(|h| (h.id, h.headers.clone())).collect();
    lowerer.dispatch_unions(&hooks.iter().map(|h| h.id).chain(callbacks).collect::<Vec<_>>(), &headers);
    if let Some(hooks) = &hooks {
        lowerer.mark_deliveries(hooks);
    }
    let webhooks = hooks.map(|h| lowerer.webhook_facts(h));
    let features = std::mem::take(&mut lowerer.features).finish();

    let mut seen = HashSet::new();
    let examples = std::mem::take(&mut lowerer.examples)
        .into_iter()
        .filter(|e| seen.insert((e.ty.clone(), e.value.to_string(), e.expect.clone(), e.delivery.clone())))
        .collect();
    let (types, hints) = lowerer.finish();
    let mut module = Module {
        name: name.to_owned(),
        source: source.to_owned(),
        title: prose::prose(&spec.api.info.title).join(" "),
        doc: module_doc(spec),
        types,
        files: Vec::new(),
        operations,
        operation_files: Vec::new(),
        api,
        webhooks,
        callbacks,
        callback_features: callback_features.unwrap_or_default(),
        features,
        gating: features::gating(spec, name, sink),
        examples,
        reading: Reading::Checked,
    };

    graph::mark_usage(&mut module);
    graph::mark_reach(&mut module);
    for def in &mut module.types {
        let tolerant = def.usage.tolerant();
        if !tolerant {
            continue;
        }
        // Received types tolerate what a vendor may add: unknown enum values and
        // union kinds, unlisted properties, a value several `oneOf` variants accept.
        match &mut def.kind {
            TypeKind::Enum(e) => e.unknown = Some(UNKNOWN.to_owned()),
            TypeKind::Union(u) => {
                u.exclusive = false;
                if matches!(&u.dispatch, Dispatch::Select(s) if !s.keys.is_empty()) {
                    u.unknown = Some(UNKNOWN.to_owned());
                }
            }
            TypeKind::Struct(s) if s.additional == Additional::Rejected => {
                s.additional = Additional::Kept;
                def.doc.push(String::new());
                def.doc.push(
                    "The schema forbids unlisted properties; as a received type this struct keeps any it meets."
                        .to_owned(),
                );
            }
            _ => {}
        }
    }
    graph::name_recursive_aliases(&mut module);
    for id in graph::infinite_types(&module) {
        let origin = &module.types[id.0].origin;
        let d = Diagnostic::error(
            "this schema requires itself through required, non-nullable properties, so no finite value exists",
        )
        .help("make one property in the cycle optional or nullable");
        let doc = spec.docs.named(&origin.file).unwrap_or(spec.docs.root());
        sink.push(spec.docs.diagnostic_at(d, &Loc::new(doc, origin.pointer.clone())));
    }
    graph::box_recursion(&mut module);
    size::box_large(&mut module);

    union::order_alternatives(&mut module);
    naming::name_types(&mut module, &hints);
    naming::name_examples(&mut module);
    files::place_types(&mut module);
    files::place_operations(&mut module);
    paging::paginate(&mut module, spec, sink);
    module
}

/// Makes reading trust received values: constructors still check every rule, and
/// deserialising checks none (see [`crate::Validation::Sent`]). Examples that break
/// their schema's rules are then read, so their rejection tests go.
pub fn trust_reading(module: &mut Module) {
    module.reading = Reading::Trusted;
    module.examples.retain(|e| e.expect == Expect::RoundTrip);
}

/// Makes every property the spec requires optional in the structs the client
/// only receives (see [`crate::Received::Tolerant`]); what it sends is unchanged.
pub fn tolerate_absence(module: &mut Module) {
    for def in module.types.iter_mut().filter(|def| !def.usage.request) {
        let TypeKind::Struct(s) = &mut def.kind else { continue };
        for field in s.fields.iter_mut().filter(|f| f.required) {
            field.required = false;
            if !field.doc.is_empty() {
                field.doc.push(String::new());
            }
            field.doc.push(
                "The spec requires this property; `None` when received data omits it (tolerant policy).".to_owned(),
            );
        }
    }
}

/// Drops every validation rule and `oneOf` exclusivity from `module`, keeping its
/// types and their API (see [`crate::Validation::None`]).
pub fn without_validation(module: &mut Module) {
    for def in &mut module.types {
        match &mut def.kind {
            TypeKind::Newtype(n) => n.checks = Checks::default(),
            TypeKind::Union(u) => u.exclusive = false,
            _ => {}
        }
    }
    union::order_alternatives(module);
}

fn module_doc(spec: &Spec<'_>) -> Vec<String> {
    let info = &spec.api.info;
    let mut doc = prose::prose(&format!("{} (version {}).", info.title, info.version));
    if let Some(description) = &info.description {
        doc.push(String::new());
        doc.extend(prose::prose(description));
    }
    doc
}

/// One level of the context a type's name is built from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NamePart {
    /// A word: a component, property or operation name, `Request`, `Item`...
    Word(String),
    /// The name of an alternative of a union, known once the union's dispatch is.
    Variant {
        /// The union.
        union: TypeId,
        /// The alternative's position.
        index: usize,
    },
}

/// The context a type's name is built from, one part per level; the naming pass
/// turns it into a name once every union's variants are named.
pub type Hint = Vec<NamePart>;

/// A hint of one word.
pub fn hint_of(word: impl Into<String>) -> Hint {
    vec![NamePart::Word(word.into())]
}

/// Extends a hint by one word.
pub fn hint_with(hint: &Hint, word: &str) -> Hint {
    let mut h = hint.clone();
    h.push(NamePart::Word(word.to_owned()));
    h
}

/// A type being lowered: its kind is `None` until lowering its schema ends, so that
/// a recursive reference to it can be taken meanwhile.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The context its name is built from.
    pub hint: Hint,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
    /// What it is, once known.
    pub kind: Option<TypeKind>,
}

/// An OpenAPI `discriminator`: the property that names a union's alternative, and
/// the values its `mapping` gives to schemas.
#[derive(Debug, Clone)]
pub struct Discriminator {
    /// The property.
    pub property: String,
    /// Value → the schema it selects.
    pub mapping: Vec<(String, Loc)>,
}

/// Lowers the schemas of one spec, accumulating types and examples.
pub struct Lowerer<'a, 's> {
    pub(super) spec: &'a Spec<'a>,
    pub(super) sink: &'s mut Sink,
    /// The types defined so far.
    pub types: Vec<Draft>,
    /// The examples met so far.
    pub examples: Vec<Example>,
    /// Union types, for the dispatch pass.
    pub unions: Vec<TypeId>,
    /// Each union's `discriminator` property and mapping, where the spec gives one.
    pub discriminators: HashMap<TypeId, Discriminator>,
    by_loc: HashMap<Loc, TypeRef>,
    by_fingerprint: HashMap<String, TypeRef>,
    /// The `allOf`s being merged into inline types, outermost first: meeting one
    /// again means the merge would recurse forever.
    merging: Vec<Loc>,
    /// The `$ref` targets being flattened into an `allOf` merge, outermost first.
    flattening: Vec<Loc>,
    /// How many more members the current `allOf` merge may flatten: sharing
    /// members (`allOf: [A, A]`, A likewise, ...) could otherwise grow exponentially.
    flatten_budget: usize,
    /// How many schemas are being lowered, each inside the last.
    depth: usize,
    /// The cargo features of the tags met so far.
    pub features: features::FeatureTable,
}

/// The deepest nesting of schemas lowered one inside another (through `$ref`s,
/// properties, items...): deeper, the generator stops with an error where it
/// is, instead of exhausting its stack.
pub const MAX_DEPTH: usize = 1_000;

impl<'a, 's> Lowerer<'a, 's> {
    /// A lowerer for `spec`.
    pub fn new(spec: &'a Spec<'a>, sink: &'s mut Sink) -> Self {
        Lowerer {
            spec,
            sink,
            types: Vec::new(),
            examples: Vec::new(),
            unions: Vec::new(),
            discriminators: HashMap::new(),
            by_loc: HashMap::new(),
            by_fingerprint: HashMap::new(),
            merging: Vec::new(),
            flattening: Vec::new(),
            flatten_budget: 0,
            depth: 0,
            features: features::FeatureTable::new(&spec.api.tags),
        }
    }

    /// Where `loc` is, as the IR records it.
    pub(super) fn origin(&self, loc: &Loc) -> Origin {
        Origin { file: self.spec.docs.name(loc.doc).to_owned(), pointer: loc.pointer.clone() }
    }

    pub(super) fn warn(&mut self, loc: &Loc, kind: WarningKind, message: String) {
        // Warnings carry the pointer only: finding a line re-reads the document,
        // which only errors can afford.
        let d = Diagnostic::warning(kind, message).at(self.spec.docs.path(loc.doc), loc.pointer.clone());
        self.sink.push(d);
    }

    pub(super) fn error(&mut self, loc: &Loc, message: String, help: &str) {
        let d = self.spec.docs.diagnostic_at(Diagnostic::error(message).help(help), loc);
        self.sink.push(d);
    }

    /// Defines a type whose kind is not known yet.
    fn reserve(&mut self, hint: Hint, schema: &Schema<'a>) -> TypeId {
        let draft = Draft { hint, doc: doc_lines(schema), origin: self.origin(&schema.loc), kind: None };
        self.push_draft(draft)
    }

    /// Adds a type.
    pub(super) fn push_draft(&mut self, draft: Draft) -> TypeId {
        self.types.push(draft);
        TypeId(self.types.len() - 1)
    }

    /// The kind of a type, `None` while it is being lowered.
    pub(super) fn kind(&self, id: TypeId) -> Option<&TypeKind> {
        self.types[id.0].kind.as_ref()
    }

    /// The reserved `slot`, or a new type, is `kind`.
    fn fill(&mut self, slot: Option<TypeId>, hint: &Hint, schema: &Schema<'a>, kind: TypeKind) -> TypeRef {
        let id = slot.unwrap_or_else(|| self.reserve(hint.clone(), schema));
        self.types[id.0].kind = Some(kind);
        TypeRef::Named(id)
    }

    /// The finished types and the hints their names are built from. A type still
    /// unknown is one that an error reported (a `$ref` cycle with no schema): it
    /// becomes any JSON, and the module is not emitted.
    pub fn finish(self) -> (Vec<TypeDef>, Vec<Hint>) {
        self.types
            .into_iter()
            .map(|d| {
                let kind = d.kind.unwrap_or(TypeKind::Alias(TypeRef::Scalar(Scalar::Json)));
                let def = TypeDef {
                    name: String::new(),
                    doc: d.doc,
                    origin: d.origin,
                    kind,
                    usage: Usage::default(),
                    reach: Reach::Unused,
                };
                (def, d.hint)
            })
            .unzip()
    }
}
