//! Small token-building helpers shared by the emitters.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::quote;

use crate::ir::{FeatureId, Gating, Module, Reach, Scalar, TypeRef, FULL};

/// The features any of which compiles a piece of code, sorted; empty when nothing
/// gates it. Code carries a `#[cfg]` only when its gate is narrower than the gate
/// of what encloses it ([`Gate::within`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Gate(Vec<String>);

impl Gate {
    /// What compiles all of `module`: its feature as one module of several (with
    /// its tag features, when they divide it), else nothing.
    pub fn module(module: &Module) -> Gate {
        match &module.gating {
            Gating::Ungated | Gating::Crate => Gate::default(),
            Gating::Module { whole } => {
                let tags = module.dividing_features().iter().map(|f| f.name.clone());
                Gate::of_names(std::iter::once(whole.clone()).chain(tags))
            }
        }
    }

    /// What compiles the code of an operation or webhook with these tag features.
    pub fn features(module: &Module, features: &[FeatureId]) -> Gate {
        let tags = module.dividing_features();
        if tags.is_empty() || features.len() == tags.len() {
            return Gate::module(module);
        }
        Gate::of_names(features.iter().map(|f| tags[f.0].name.clone()))
    }

    /// What compiles a type that `reach` compiles: its features, or for a type no
    /// operation or webhook uses, the module's own feature (`full` in a crate of
    /// one module).
    pub fn reach(module: &Module, reach: &Reach) -> Gate {
        match (reach, &module.gating) {
            (Reach::Features(features), _) => Gate::features(module, features),
            (Reach::Unused, _) if module.dividing_features().is_empty() => Gate::module(module),
            (Reach::Unused, Gating::Module { whole }) => Gate::of_names([whole.clone()]),
            (Reach::Unused, _) => Gate::of_names([FULL.to_owned()]),
        }
    }

    /// What compiles a group of code under each of `gates`: any of their features,
    /// or the module's gate when that is all of its tags.
    pub fn any(module: &Module, gates: impl IntoIterator<Item = Gate>) -> Gate {
        let all = Gate::module(module);
        let mut names: Vec<String> = Vec::new();
        for gate in gates {
            if gate.0.is_empty() || gate == all {
                return all;
            }
            names.extend(gate.0);
        }
        let every_tag = module.dividing_features().iter().all(|t| names.contains(&t.name));
        match names.is_empty() || every_tag {
            true => all,
            false => Gate::of_names(names),
        }
    }

    fn of_names(names: impl IntoIterator<Item = String>) -> Gate {
        let mut names: Vec<String> = names.into_iter().collect();
        names.sort_unstable();
        names.dedup();
        Gate(names)
    }

    /// The `#[cfg]` of code under this gate inside code under `outer`: none when it
    /// is not narrower.
    pub fn within(&self, outer: &Gate) -> TokenStream {
        match self.0.as_slice() {
            _ if self == outer => TokenStream::new(),
            [] => TokenStream::new(),
            [one] => quote!(#[cfg(feature = #one)]),
            names => quote!(#[cfg(any(#(feature = #names),*))]),
        }
    }
}

/// `items` with `cfg` before each item. An item ends at a `;` or at a `{}` group
/// that no `;` follows (which ends a `static X = Y { .. };` only at its `;`).
pub fn gated(cfg: &TokenStream, items: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let mut item: Vec<TokenTree> = Vec::new();
    let mut tokens = items.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let ends = match &token {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => {
                g.delimiter() == Delimiter::Brace
                    && !matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        item.push(token);
        if ends {
            out.extend(cfg.clone());
            out.extend(item.drain(..));
        }
    }
    if !item.is_empty() {
        out.extend(cfg.clone());
        out.extend(item);
    }
    out
}

/// `mod name; pub use name::*;`, both under `cfg`: a file of the output whose
/// items read as the parent module's own.
pub fn reexported_file(cfg: &TokenStream, name: &str) -> TokenStream {
    let name = ident(name);
    quote! {
        #cfg
        mod #name;
        #cfg
        pub use #name::*;
    }
}

/// An identifier from a name decided in the lower stage (`r#type` becomes raw).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The tokens for a type reference. `prefix` is the path to the module's types from
/// where the tokens are used (`self` in the module, `super` in its children).
pub fn ty(module: &Module, t: &TypeRef, prefix: &TokenStream) -> TokenStream {
    match t {
        TypeRef::Named(id) => {
            let name = ident(&module.types[id.0].name);
            quote!(#prefix::#name)
        }
        TypeRef::Scalar(s) => scalar(*s),
        TypeRef::Vec(inner) => {
            let inner = ty(module, inner, prefix);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(k, v) => {
            let k = ty(module, k, prefix);
            let v = ty(module, v, prefix);
            quote!(::std::collections::BTreeMap<#k, #v>)
        }
        TypeRef::Option(inner) => {
            let inner = ty(module, inner, prefix);
            quote!(::std::option::Option<#inner>)
        }
        TypeRef::Boxed(inner) => {
            let inner = ty(module, inner, prefix);
            quote!(::std::boxed::Box<#inner>)
        }
        TypeRef::Unit => quote!(()),
    }
}

fn scalar(s: Scalar) -> TokenStream {
    match s {
        Scalar::String => quote!(::std::string::String),
        Scalar::Bool => quote!(bool),
        Scalar::I64 => quote!(i64),
        Scalar::Number => quote!(crate::runtime::Number),
        Scalar::DateTime => quote!(crate::runtime::DateTime),
        Scalar::Date => quote!(crate::runtime::Date),
        Scalar::NaiveDateTime => quote!(crate::runtime::NaiveDateTime),
        Scalar::Timestamp => quote!(crate::runtime::Timestamp),
        Scalar::Url => quote!(crate::runtime::Uri),
        Scalar::Json => quote!(crate::runtime::Json),
    }
}

/// A doc comment: lines of text, rendered as outer docs (`///`, on the item that
/// follows) or inner docs (`//!`, of the enclosing module). The spec's prose
/// arrives made safe for rustdoc (`lower::prose`); here control characters, which
/// rustdoc rejects or which garble the page, and the bidirectional controls of the
/// `text_direction_codepoint_in_comment` lint (deny by default) are written as
/// escapes.
#[derive(Debug, Clone, Default)]
pub struct Doc(Vec<String>);

impl Doc {
    /// A doc of these lines.
    pub fn new(lines: &[String]) -> Doc {
        Doc(lines.to_vec())
    }

    /// A doc of the vendor's words `lines` (possibly none), then where the item
    /// comes from as the last line.
    pub fn with_origin(lines: &[String], origin: &impl std::fmt::Display) -> Doc {
        let mut all = lines.to_vec();
        if !all.is_empty() {
            all.push(String::new());
        }
        all.push(format!("Source: `{origin}`."));
        Doc(all)
    }

    /// `#[doc]` attributes, for the item that follows.
    pub fn outer(&self) -> TokenStream {
        docs(&self.0)
    }

    /// `#![doc]` attributes, for the enclosing module.
    pub fn inner(&self) -> TokenStream {
        doc_texts(&self.0).map(|text| quote!(#![doc = #text])).collect()
    }
}

/// Each line as a doc attribute's text: escaped, and after one space.
fn doc_texts(lines: &[String]) -> impl Iterator<Item = String> + '_ {
    lines.iter().map(|line| {
        let text: String = line
            .trim_end()
            .chars()
            .map(|c| if c.is_control() || is_bidi_control(c) { c.escape_unicode().to_string() } else { c.to_string() })
            .collect();
        if text.is_empty() {
            String::new()
        } else {
            format!(" {text}")
        }
    })
}

/// Outer doc attributes for `lines`: what `Doc::new(lines).outer()` gives, without
/// copying the lines.
pub fn docs(lines: &[String]) -> TokenStream {
    doc_texts(lines).map(|text| quote!(#[doc = #text])).collect()
}

/// The characters that reorder how text is shown (Unicode's bidirectional
/// formatting characters), which can make code read unlike what it does.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_gets_the_gate() {
        let items = quote! {
            /// A struct.
            pub struct A { x: u8 }
            impl A { fn f() {} }
            static T: Table = Table { keys: &[] };
            pub struct B(u8);
            use a::{b, c};
        };
        let gated = gated(&quote!(#[cfg(feature = "x")]), items).to_string();
        let gate = "# [cfg (feature = \"x\")]";
        assert_eq!(gated.matches(gate).count(), 5, "{gated}");
        for item in ["# [doc = r\" A struct.\"] pub struct A", "impl A", "static T", "pub struct B", "use a"] {
            assert!(gated.contains(&format!("{gate} {item}")), "{item} is not gated: {gated}");
        }
    }
}
