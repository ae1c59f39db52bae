//! Small token-building helpers shared by the emitters.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Module, Scalar, TypeRef};

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
