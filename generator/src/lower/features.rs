//! The cargo features of a module: one per tag of its operations and webhooks,
//! named in kebab-case; [`UNTAGGED`] for operations without a tag; and for webhooks
//! without a tag, one per event their event header names, else [`WEBHOOKS`].

use std::collections::HashMap;

use heck::ToKebabCase;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Sink};
use crate::ir::{Feature, FeatureId, Gating, FULL, SERIALIZE, UNTAGGED, WEBHOOKS};
use crate::resolve::documents::Loc;
use crate::resolve::Spec;

/// The root extension that names a module's feature in a crate of several specs,
/// so that one vendor's specs share one (`x-feature: faxplus`).
const EXTENSION: &str = "x-feature";

/// The gating of the module `name` in a crate of several: its `x-feature`, else
/// its name in kebab-case. The driver makes it [`Gating::Crate`] when it is the
/// crate's only module.
pub fn gating(spec: &Spec<'_>, name: &str, sink: &mut Sink) -> Gating {
    let whole = match spec.api.extensions.get(EXTENSION) {
        None => feature_name(name),
        Some(Value::String(text)) if feature_name(text) == *text => text.clone(),
        Some(other) => {
            let d = Diagnostic::error(format!("{EXTENSION}: `{other}` is not a cargo feature name"))
                .help("use lower-case ASCII letters, digits and `-`, not a reserved name (`full`, `default`, ...)");
            sink.push(spec.docs.diagnostic_at(d, &Loc::new(spec.docs.root(), format!("/{EXTENSION}"))));
            feature_name(name)
        }
    };
    Gating::Module { whole }
}

/// Feature names a tag cannot take: Cargo's own, and those every crate has.
const RESERVED: &[&str] = &["default", FULL, SERIALIZE, "axum", "mock", "testing", "tracing"];

/// The features met so far, each once, and the spec's tag descriptions.
#[derive(Debug, Default)]
pub struct FeatureTable {
    features: Vec<Feature>,
    by_name: HashMap<String, FeatureId>,
    descriptions: HashMap<String, String>,
}

impl FeatureTable {
    /// An empty table for a spec whose root declares `tags`.
    pub fn new(tags: &[openapiv3::Tag]) -> Self {
        let descriptions = tags.iter().filter_map(|t| Some((t.name.clone(), t.description.clone()?))).collect();
        FeatureTable { descriptions, ..FeatureTable::default() }
    }

    /// The features of an operation or webhook with these tags, claiming new ones.
    /// Tags whose names differ only in case or punctuation share a feature.
    pub fn of(&mut self, tags: &[String]) -> Vec<FeatureId> {
        if tags.is_empty() {
            return vec![self.claim(UNTAGGED.to_owned(), "the operations without a tag")];
        }
        let ids: Vec<FeatureId> = tags
            .iter()
            .map(|tag| {
                let doc = match self.descriptions.get(tag) {
                    Some(description) => format!("{tag}: {description}"),
                    None => format!("the tag {tag}"),
                };
                self.claim(feature_name(tag), &doc)
            })
            .collect();
        FeatureId::union([ids.as_slice()])
    }

    /// The feature of untagged webhooks of one group: `group` (the event their
    /// event header names), or [`WEBHOOKS`].
    pub fn webhook_group(&mut self, group: Option<&str>) -> FeatureId {
        match group {
            Some(event) => self.claim(feature_name(event), &format!("the webhook event {event}")),
            None => self.claim(WEBHOOKS.to_owned(), "the webhooks without a tag"),
        }
    }

    fn claim(&mut self, name: String, doc: &str) -> FeatureId {
        if let Some(id) = self.by_name.get(&name) {
            return *id;
        }
        let id = FeatureId(self.features.len());
        let doc = one_line(doc);
        self.by_name.insert(name.clone(), id);
        self.features.push(Feature { name, doc });
        id
    }

    /// The features, in order of first use.
    pub fn finish(self) -> Vec<Feature> {
        self.features
    }
}

/// `text` on one line of at most 100 characters, for a `Cargo.toml` comment.
fn one_line(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match words.char_indices().nth(100) {
        Some((end, _)) => format!("{}…", &words[..end]),
        None => words,
    }
}

/// The feature named after `tag`: its kebab-case of ASCII letters and digits
/// (`Code Scanning` → `code-scanning`), never a reserved name.
pub fn feature_name(tag: &str) -> String {
    let ascii: String = tag.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut name = ascii.to_kebab_case();
    if name.is_empty() {
        name = "tag".to_owned();
    }
    if RESERVED.contains(&name.as_str()) {
        name.push_str("-tag");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_cargo_feature_names() {
        assert_eq!(feature_name("repos"), "repos");
        assert_eq!(feature_name("Code Scanning"), "code-scanning");
        assert_eq!(feature_name("CI/CD"), "ci-cd");
        assert_eq!(feature_name("Webhooks"), "webhooks");
        assert_eq!(feature_name("Ñandú"), "and");
        assert_eq!(feature_name("日本"), "tag");
        assert_eq!(feature_name("full"), "full-tag");
        assert_eq!(feature_name("Default"), "default-tag");
    }

    #[test]
    fn tags_share_a_feature_by_name() {
        let mut table = FeatureTable::default();
        let a = table.of(&["Calls".to_owned(), "calls".to_owned()]);
        let b = table.of(&[]);
        let c = table.of(&["calls".to_owned()]);
        assert_eq!(a, c);
        assert_eq!(a.len(), 1);
        let names: Vec<String> = table.finish().into_iter().map(|f| f.name).collect();
        assert_eq!(names, ["calls", UNTAGGED]);
        assert_ne!(a, b);
    }
}
