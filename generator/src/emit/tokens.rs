//! Small token-building helpers shared by the emitters.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::quote;

use crate::ir::{FeatureId, Module, Reach, Scalar, TypeRef, FULL};

/// The `#[cfg]` of code that any of `features`, or [`FULL`], compiles. `full`
/// turns every feature on in a generated crate's `Cargo.toml`; naming it here too
/// lets a crate that embeds the code without declaring its features (the
/// generator's own tests) compile all of it with `full` alone.
pub fn cfg(module: &Module, features: &[FeatureId]) -> TokenStream {
    let names = features.iter().map(|f| module.features[f.0].name.as_str());
    quote!(#[cfg(any(feature = #FULL, #(feature = #names),*))])
}

/// The `#[cfg]` of a type that `reach` compiles.
pub fn reach_cfg(module: &Module, reach: &Reach) -> TokenStream {
    match reach {
        Reach::Features(features) => cfg(module, features),
        Reach::Unused => quote!(#[cfg(feature = #FULL)]),
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

/// `#[doc]` attributes for doc comment lines. The spec's prose arrives made safe for
/// rustdoc (`lower::prose`); here control characters, which rustdoc rejects or
/// which garble the page, and the bidirectional controls of the
/// `text_direction_codepoint_in_comment` lint (deny by default) are written as
/// escapes.
pub fn docs(lines: &[String]) -> TokenStream {
    lines
        .iter()
        .map(|line| {
            let text: String =
                line.trim_end()
                    .chars()
                    .map(|c| {
                        if c.is_control() || is_bidi_control(c) {
                            c.escape_unicode().to_string()
                        } else {
                            c.to_string()
                        }
                    })
                    .collect();
            let text = if text.is_empty() { String::new() } else { format!(" {text}") };
            quote!(#[doc = #text])
        })
        .collect()
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
