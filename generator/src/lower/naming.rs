//! Turning names from the spec into Rust identifiers.
//!
//! Rules, applied in order:
//! 1. non-ASCII text is transliterated (`deunicode`), so identifiers stay ASCII and
//!    free of confusable-character lints;
//! 2. the case convention is applied (`heck`): `PascalCase` for types and variants,
//!    `snake_case` for fields, functions and modules;
//! 3. symbols before the first letter or digit are spelled (`*` → `Star`, `+1` →
//!    `Plus1`, `@id` → `at_id`); a name with nothing left falls back to a generic word;
//! 4. a leading digit gets a leading underscore (`2fa` → `_2fa`);
//! 5. keywords become raw identifiers (`type` → `r#type`); those that cannot be raw
//!    (`self`, `Self`, `super`, `crate`) get a trailing underscore;
//! 6. within one scope, a name already taken gets a numeric suffix (`foo_bar_2`), in
//!    document order, so the first keeps the plain name.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::{Hint, NamePart};
use crate::ir::{Module, TypeKind};

/// Rust keywords of every edition, strict and reserved.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
    "union",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '*' => "Star",
        '+' => "Plus",
        '-' => "Minus",
        '<' => "Lt",
        '>' => "Gt",
        '=' => "Eq",
        '!' => "Not",
        '.' => "Dot",
        '/' => "Slash",
        '@' => "At",
        '#' => "Hash",
        '$' => "Dollar",
        '%' => "Percent",
        '&' => "And",
        '|' => "Or",
        '^' => "Caret",
        '~' => "Tilde",
        '?' => "Question",
        ':' => "Colon",
        _ => return None,
    })
}

/// Prepares raw text: transliterated, with separators where words break. Symbols
/// before the first letter or digit are spelled (`+1` → `Plus 1`, `@id` → `At id`),
/// so that they still tell names apart.
fn words(raw: &str) -> String {
    let ascii = deunicode::deunicode(raw);
    let lead = ascii.find(|c: char| c.is_ascii_alphanumeric()).unwrap_or(ascii.len());
    let spelled_lead = ascii[..lead].chars().filter_map(symbol_word).fold(String::new(), |acc, w| acc + w + " ");
    let rest: String = ascii[lead..].chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    spelled_lead + &rest
}

fn finish(mut name: String, fallback: &str) -> String {
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// A `PascalCase` identifier for a type or variant.
pub fn pascal(raw: &str) -> String {
    finish(words(raw).to_upper_camel_case(), "Value")
}

/// A `snake_case` identifier for a field, function or module.
pub fn snake(raw: &str) -> String {
    finish(words(raw).to_snake_case(), "value")
}

/// The names taken in one scope (a module's types, a struct's fields...).
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope { taken: reserved.iter().map(|s| s.to_string()).collect() }
    }

    /// Takes `name`, or the first free `name2`, `name3`... (`name_2` for snake case).
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let base = name.strip_prefix("r#").unwrap_or(&name);
        // `PascalCase` takes the number directly, without the underscore of `Self_`
        // (`Self_2` trips `non_camel_case_types`); snake case takes `_n`.
        let (base, separator) = if base.contains(|c: char| c.is_ascii_uppercase()) {
            (base.trim_end_matches('_'), "")
        } else if base.ends_with('_') {
            (base, "")
        } else {
            (base, "_")
        };
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(name)
    }
}

/// Names every type after its hint: component schemas first, then the others in
/// type order, so that an inline type never takes a component's plain name. A
/// hint's union-variant parts read as the names the dispatch pass gave those
/// variants.
pub(super) fn name_types(module: &mut Module, hints: &[Hint]) {
    let words: Vec<String> = hints
        .iter()
        .map(|hint| {
            let parts = hint.iter().map(|part| match part {
                NamePart::Word(word) => word.clone(),
                NamePart::Variant { union, index } => match &module.types[union.0].kind {
                    TypeKind::Union(u) => u.variants.get(*index).map(|v| v.name.clone()).unwrap_or_default(),
                    _ => String::new(),
                },
            });
            parts.collect::<Vec<_>>().join(" ")
        })
        .collect();
    // Component schemas claim their names first: a named component is what users
    // search for, so an inline type met before it takes the suffix.
    let mut order: Vec<usize> = (0..module.types.len()).collect();
    order.sort_by_key(|&i| !is_component(&module.types[i].origin.pointer));
    let mut scope = Scope::default();
    for i in order {
        module.types[i].name = scope.claim(pascal(&words[i]));
    }
}

/// Whether `pointer` names a component schema (`/components/schemas/<name>`).
pub(super) fn is_component(pointer: &str) -> bool {
    pointer.strip_prefix("/components/schemas/").is_some_and(|name| !name.contains('/'))
}

/// Names every example's test after the meaningful tokens of its pointer.
pub(super) fn name_examples(module: &mut Module) {
    /// Pointer tokens that only repeat the structure of every OpenAPI document.
    const NOISE: &[&str] = &["components", "schemas", "properties", "content", "application/json", "schema", "paths"];
    let mut scope = Scope::default();
    for example in &mut module.examples {
        let words: Vec<String> = crate::pointer::tokens(&example.origin.pointer)
            .into_iter()
            .filter(|t| !NOISE.contains(&t.as_str()))
            .collect();
        example.test = scope.claim(snake(&words.join(" ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(pascal("webhook_event-type"), "WebhookEventType");
        assert_eq!(snake("createdAt"), "created_at");
        assert_eq!(snake("X-Auth-Token"), "x_auth_token");
        assert_eq!(pascal("listWebhooks_v1"), "ListWebhooksV1");
    }

    #[test]
    fn suffixes_keep_the_case_convention() {
        let mut scope = Scope::default();
        let names: Vec<String> = ["Self", "Self", "self", "self", "Foo", "Foo"]
            .iter()
            .map(|n| {
                let name = if n.starts_with(char::is_uppercase) { pascal(n) } else { snake(n) };
                scope.claim(name)
            })
            .collect();
        assert_eq!(names, ["Self_", "Self2", "self_", "self_2", "Foo", "Foo2"]);
    }

    #[test]
    fn leading_symbols_are_spelled() {
        assert_eq!(pascal("+1"), "Plus1");
        assert_eq!(pascal("-1"), "Minus1");
        assert_eq!(snake("@id"), "at_id");
        assert_eq!(snake("$ref"), "dollar_ref");
        assert_eq!(pascal("*"), "Star");
        assert_eq!(snake("_"), "value");
        assert_eq!(snake("x-y"), "x_y");
    }

    #[test]
    fn collisions() {
        let mut scope = Scope::default();
        let claimed: Vec<String> =
            ["fooBar", "foo_bar", "FooBar", "self", "Self"].iter().map(|n| scope.claim(snake(n))).collect();
        assert_eq!(claimed, ["foo_bar", "foo_bar_2", "foo_bar_3", "self_", "self_2"]);
        let mut types = Scope::with_reserved(&[crate::ir::UNKNOWN]);
        assert_eq!(types.claim(pascal("unknown")), "Unknown2");
        assert_eq!(types.claim(pascal("MATCH")), "Match");
        assert_eq!(types.claim(pascal("match")), "Match2");
    }

    #[test]
    fn keywords() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(snake("async"), "r#async");
        assert_eq!(pascal("type"), "Type");
    }

    #[test]
    fn leading_digits_and_symbols() {
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(pascal("200"), "_200");
        assert_eq!(pascal(""), "Value");
        assert_eq!(snake("$$"), "dollar_dollar");
    }

    #[test]
    fn non_ascii_is_transliterated() {
        assert_eq!(pascal("café"), "Cafe");
        assert_eq!(snake("naïve Größe"), "naive_grosse");
        assert!(pascal("名前").is_ascii());
    }

    #[test]
    fn collisions_get_suffixes_in_order() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim(snake("fooBar")), "foo_bar");
        assert_eq!(scope.claim(snake("foo_bar")), "foo_bar_2");
        assert_eq!(scope.claim(snake("foo-bar")), "foo_bar_3");
        let mut types = Scope::with_reserved(&[crate::ir::UNKNOWN]);
        assert_eq!(types.claim(pascal("unknown")), "Unknown2");
        let mut fields = Scope::default();
        assert_eq!(fields.claim(snake("type")), "r#type");
        assert_eq!(fields.claim(snake("Type")), "type_2");
    }
}
