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
pub mod naming;
mod operations;
mod paging;
mod prose;
mod rules;
mod schema;
mod size;
mod union;
mod webhooks;

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Sink};
use crate::ir::{Additional, Checks, Dispatch, Expect, Module, Reading, TypeKind, UNKNOWN};
use crate::resolve::documents::Loc;
use crate::resolve::Spec;
use schema::Lowerer;
pub use schema::MAX_DEPTH;

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
