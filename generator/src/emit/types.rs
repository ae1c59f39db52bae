//! Emits the type definitions of a module.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::checks;
use super::select;
use super::tokens::{docs, gated, ident, reexported_file, ty, Doc, Gate};
use crate::ir::{
    Additional, Check, Checks, Dispatch, Enum, Module, Newtype, Reading, Scalar, Struct, TypeDef, TypeFile, TypeId,
    TypeKind, TypeRef, Union, SERIALIZE,
};

/// `types/mod.rs`: each type file, compiled with the features that reach one of
/// its types, and re-exported at the module; `None` when the module has no types.
pub fn index(module: &Module) -> Option<TokenStream> {
    (!module.files.is_empty()).then(|| {
        module
            .files
            .iter()
            .map(|file| reexported_file(&gate_of(module, &file.types).within(&all_types(module)), &file.name))
            .collect()
    })
}

/// `mod types; pub use types::*;` for the module file, compiled with the features
/// that reach any type, so that a build with none of them has no empty glob.
pub fn reexport(module: &Module) -> Option<TokenStream> {
    (!module.files.is_empty()).then(|| reexported_file(&all_types(module).within(&Gate::module(module)), "types"))
}

/// The types of `file` at the indices `items` (of the file's types), in order.
/// A type carries its own `#[cfg]` only when fewer features reach it than reach
/// the file.
pub fn file(module: &Module, file: &TypeFile, items: std::ops::Range<usize>) -> TokenStream {
    let outer = gate_of(module, &file.types);
    let ids = file.types.get(items).unwrap_or_default();
    ids.iter()
        .map(|id| {
            let def = &module.types[id.0];
            gated(&Gate::reach(module, &def.reach).within(&outer), type_def(module, *id))
        })
        .collect()
}

/// What compiles a group of types: any feature that compiles one of them.
fn gate_of(module: &Module, types: &[TypeId]) -> Gate {
    Gate::any(module, types.iter().map(|id| Gate::reach(module, &module.types[id.0].reach)))
}

/// What compiles the module's types: any feature that compiles one of them.
fn all_types(module: &Module) -> Gate {
    let all: Vec<TypeId> = module.files.iter().flat_map(|f| f.types.iter().copied()).collect();
    gate_of(module, &all)
}

/// Whether a struct or union derives `Serialize` only with the [`SERIALIZE`]
/// feature: when the client never sends it.
fn serialize_gated(def: &TypeDef) -> bool {
    !def.usage.request
}

/// The derives of a struct or union.
fn derives(def: &TypeDef) -> TokenStream {
    match serialize_gated(def) {
        true => quote! {
            #[derive(Debug, Clone, PartialEq)]
            #[cfg_attr(feature = #SERIALIZE, derive(::serde::Serialize))]
        },
        false => quote!(#[derive(Debug, Clone, PartialEq, ::serde::Serialize)]),
    }
}

/// `#[serde(args)]`, for the `Serialize` derive of `def`: under the feature
/// when the derive is.
fn serde_attr(def: &TypeDef, args: TokenStream) -> TokenStream {
    match serialize_gated(def) {
        true => quote!(#[cfg_attr(feature = #SERIALIZE, serde(#args))]),
        false => quote!(#[serde(#args)]),
    }
}

/// The path from a type file to the module, where every type is re-exported.
fn types_path() -> TokenStream {
    quote!(super::super)
}

/// `#[allow(missing_docs)]` for a type some of whose fields or variants the spec
/// does not describe: they get no doc rather than a placeholder.
fn undocumented_parts() -> TokenStream {
    quote!(#[allow(missing_docs, reason = "the spec describes some of its parts, not all")])
}

fn type_def(module: &Module, id: TypeId) -> TokenStream {
    let def = &module.types[id.0];
    let name = ident(&def.name);
    let mut lines = def.doc.clone();
    if let TypeKind::Newtype(n) = &def.kind {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(rules_doc(module, n));
    }
    let doc = Doc::with_origin(&lines, &def.origin).outer();
    let this = types_path();
    match &def.kind {
        TypeKind::Alias(t) => {
            let t = ty(module, t, &this);
            quote! { #doc pub type #name = #t; }
        }
        TypeKind::Struct(s) => struct_def(module, def, s, doc),
        TypeKind::Enum(e) => enum_def(def, e, doc),
        TypeKind::Const(v) => const_def(def, v, doc),
        TypeKind::Newtype(n) => newtype_def(module, def, n, doc),
        TypeKind::Union(u) => union_def(module, id, u, doc),
    }
}

fn struct_def(module: &Module, def: &TypeDef, s: &Struct, doc: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let this = types_path();
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let bare = f.name.strip_prefix("r#").unwrap_or(&f.name);
        let rename = (bare != f.json_name).then(|| {
            let json = &f.json_name;
            serde_attr(def, quote!(rename = #json))
        });
        let doc = docs(&f.doc);
        let inner = ty(module, &f.ty, &this);
        let (field_ty, skip) = if f.required {
            (inner, quote!())
        } else {
            (
                quote!(::std::option::Option<#inner>),
                serde_attr(def, quote!(skip_serializing_if = "::std::option::Option::is_none")),
            )
        };
        quote! { #doc #rename #skip pub #field: #field_ty, }
    });
    let additional_field = ident(&s.additional_field);
    let flatten = serde_attr(def, quote!(flatten));
    let map = |value: TokenStream, doc: &str| {
        quote! {
            #[doc = #doc]
            #flatten
            pub #additional_field: ::std::collections::BTreeMap<::std::string::String, #value>,
        }
    };
    let additional = match &s.additional {
        Additional::Typed(t) => {
            map(ty(module, t, &this), " Properties beyond those listed, typed by `additionalProperties`.")
        }
        Additional::Kept => map(quote!(crate::runtime::Json), " Properties beyond those listed, kept as sent."),
        Additional::Rejected => quote!(),
    };
    let read = read_object(module, def, s);
    let derives = derives(def);
    let allow = s.fields.iter().any(|f| f.doc.is_empty()).then(undocumented_parts);
    quote! {
        #doc
        #allow
        #derives
        pub struct #name {
            #(#fields)*
            #additional
        }
        #read
    }
}

/// The `Deserialize` impl of a struct: one `runtime::object!` call that lists its
/// properties, each with how its slot becomes the field.
fn read_object(module: &Module, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let fields = s.fields.iter().enumerate().map(|(index, f)| {
        let index = Literal::usize_unsuffixed(index);
        let field = ident(&f.name);
        let json = &f.json_name;
        // A slot holds the value as read: `null` is `Some(None)` for a nullable type,
        // `Some(null)` for any JSON.
        let kind = match (f.required, holds_null(module, &f.ty)) {
            (true, _) => quote!(required),
            (false, true) => quote!(nullable),
            // An optional, non-nullable property: `null` reads as absent.
            (false, false) => quote!(optional),
        };
        quote!(#field(#index, #json, #kind))
    });
    let unlisted = match &s.additional {
        Additional::Rejected => quote!(rejected),
        Additional::Kept | Additional::Typed(_) => {
            let field = ident(&s.additional_field);
            quote!(kept #field)
        }
    };
    quote! {
        crate::runtime::object!(#name { #(#fields),* } #unlisted);
    }
}

fn enum_def(def: &TypeDef, e: &Enum, doc: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let type_name = &def.name;
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = values.iter().map(|v| docs(&[format!("`{v}`")]));
    let allow = enum_variant_names_allow(&def.name, e.variants.iter().map(|v| v.name.as_str()));
    let as_str_impls = as_str_impls(&name);
    match &e.unknown {
        Some(unknown) => {
            let unknown = ident(unknown);
            quote! {
                #doc
                #allow
                #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variant_docs #variants,)*
                    /// A value not known when these bindings were generated, kept as sent.
                    #unknown(::std::string::String),
                }
                impl #name {
                    /// The value on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(Self::#variants => #values,)*
                            Self::#unknown(value) => value.as_str(),
                        }
                    }
                }
                impl ::std::convert::From<::std::string::String> for #name {
                    fn from(value: ::std::string::String) -> Self {
                        match value.as_str() {
                            #(#values => Self::#variants,)*
                            _ => Self::#unknown(value),
                        }
                    }
                }
                impl ::std::str::FromStr for #name {
                    type Err = ::std::convert::Infallible;
                    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                        ::std::result::Result::Ok(Self::from(value.to_owned()))
                    }
                }
                #as_str_impls
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
                    }
                }
            }
        }
        None => {
            let expected = values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", ");
            quote! {
                #doc
                #allow
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variant_docs #variants,)*
                }
                impl #name {
                    /// The value on the wire.
                    pub fn as_str(&self) -> &'static str {
                        match self {
                            #(Self::#variants => #values,)*
                        }
                    }
                }
                impl ::std::str::FromStr for #name {
                    type Err = crate::runtime::ConstraintError;
                    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                        match value {
                            #(#values => ::std::result::Result::Ok(Self::#variants),)*
                            _ => ::std::result::Result::Err(crate::runtime::ConstraintError::new(
                                #type_name,
                                ::std::vec::Vec::new(),
                                crate::runtime::Rule::Enum,
                                ::std::format!("{value:?} is not one of enum [{}]", #expected),
                            )),
                        }
                    }
                }
                #as_str_impls
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                        value.parse().map_err(::serde::de::Error::custom)
                    }
                }
            }
        }
    }
}

/// `Display` and `Serialize` of a string enum, through its `as_str`.
fn as_str_impls(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    }
}

/// Clippy's `enum_variant_names` fires when every variant shares a leading or
/// trailing word, or one contains the enum's name. The names come from the spec, so
/// where that holds the lint is allowed on that enum alone, with the reason.
fn enum_variant_names_allow<'n>(enum_name: &str, variants: impl Iterator<Item = &'n str>) -> TokenStream {
    let names: Vec<&str> = variants.collect();
    let words = |s: &str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in s.chars() {
            if c.is_uppercase() || out.is_empty() {
                out.push(String::new());
            }
            if let Some(last) = out.last_mut() {
                last.push(c);
            }
        }
        out
    };
    let split: Vec<Vec<String>> = names.iter().map(|n| words(n)).collect();
    let shared = |pick: fn(&Vec<String>) -> Option<&String>| {
        names.len() >= 3
            && split.first().and_then(pick).is_some_and(|w| split.iter().all(|s| s.len() > 1 && pick(s) == Some(w)))
    };
    let contains_name = names.iter().any(|n| {
        let lower = n.to_lowercase();
        let enum_lower = enum_name.to_lowercase();
        lower.starts_with(&enum_lower) || lower.ends_with(&enum_lower)
    });
    if shared(|s| s.first()) || shared(|s| s.last()) || contains_name {
        quote!(#[allow(clippy::enum_variant_names, reason = "variant names come from the spec's values")])
    } else {
        quote!()
    }
}

fn const_def(def: &TypeDef, value: &Value, doc: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let type_name = &def.name;
    let text = value.to_string();
    let always = format!(" Always `{}`.", text.replace('`', "'"));
    let serialize = match value {
        Value::String(s) => quote!(serializer.serialize_str(#s)),
        Value::Bool(b) => quote!(serializer.serialize_bool(#b)),
        Value::Null => quote!(serializer.serialize_unit()),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => quote!(serializer.serialize_u64(#u)),
            (None, Some(i), _) => quote!(serializer.serialize_i64(#i)),
            (_, _, f) => {
                let f = Literal::f64_suffixed(f.unwrap_or_default());
                quote!(serializer.serialize_f64(#f))
            }
        },
        Value::Array(_) | Value::Object(_) => {
            quote! {
                static VALUE: crate::runtime::JsonLiteral = crate::runtime::JsonLiteral::new(#text);
                ::serde::Serialize::serialize(VALUE.get(), serializer)
            }
        }
    };
    let value_const = match value {
        Value::String(s) => Some(quote! {
            /// The only value of this type.
            pub const VALUE: &'static str = #s;
        }),
        _ => None,
    };
    let inherent = value_const.map(|c| quote!(impl #name { #c }));
    quote! {
        #doc
        #[doc = ""]
        #[doc = #always]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #name;
        #inherent
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                static VALUE: crate::runtime::JsonLiteral = crate::runtime::JsonLiteral::new(#text);
                crate::runtime::expect_const(deserializer, #type_name, VALUE.get()).map(|()| Self)
            }
        }
    }
}

/// What a checked newtype's doc says of its rules.
fn rules_doc(module: &Module, n: &Newtype) -> String {
    let rules: Vec<String> = rule_list(&n.checks).iter().map(|r| code_span(r)).collect();
    match (rules.is_empty(), module.reading) {
        (true, _) => "No constraints are checked.".to_owned(),
        (false, Reading::Checked) => format!("Constraints: {}.", rules.join("; ")),
        (false, Reading::Trusted) => {
            format!("Constraints: {}; checked when a value is built, not when one is read.", rules.join("; "))
        }
    }
}

fn newtype_def(module: &Module, def: &TypeDef, n: &Newtype, doc: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let type_name = &def.name;
    let this = types_path();
    let inner = ty(module, &n.inner, &this);
    let checks = checks::checks(module, type_name, &n.checks, &n.inner);
    let read = match module.reading {
        Reading::Checked => quote!(checked),
        Reading::Trusted => quote!(trusted),
    };
    let orderable = matches!(n.inner, TypeRef::Scalar(Scalar::String | Scalar::I64));
    let derives = if orderable {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let display = matches!(n.inner, TypeRef::Scalar(Scalar::String)).then(|| quote!(, display));
    let value = (!n.checks.is_empty()).then(|| quote!(let value = &self.0;));
    let received = serialize_gated(def).then(|| quote!(received));
    quote! {
        #doc
        #derives
        pub struct #name(#inner);
        crate::runtime::checked_newtype!(#received #name, #inner, #read #display);
        impl #name {
            fn check(&self) -> ::std::result::Result<(), crate::runtime::ConstraintError> {
                #value
                #checks
            }
        }
    }
}

/// Whether `null` is a value of `t`, so that a property sent as `null` is kept as
/// one: an `Option` or any JSON, itself or through aliases.
fn holds_null(module: &Module, t: &TypeRef) -> bool {
    let mut t = t;
    for _ in 0..module.types.len() + 1 {
        match t {
            // `()` (`type: "null"`) reads `null` as its one value, not as absent.
            TypeRef::Option(_) | TypeRef::Scalar(Scalar::Json) | TypeRef::Unit => return true,
            TypeRef::Named(id) => match &module.types[id.0].kind {
                TypeKind::Alias(inner) => t = inner,
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

/// The JSON kinds (`runtime::kinds` bits) a value of `t` may have: a union tries
/// an alternative only on a value of one of its kinds. `open` holds the types being
/// looked at, so that a recursive union is read as any kind.
fn json_kinds(module: &Module, t: &TypeRef, open: &mut Vec<TypeId>) -> u8 {
    const NULL: u8 = 1;
    const BOOL: u8 = 2;
    const NUMBER: u8 = 4;
    const STRING: u8 = 8;
    const ARRAY: u8 = 16;
    const OBJECT: u8 = 32;
    const ANY: u8 = 63;
    match t {
        TypeRef::Scalar(Scalar::Bool) => BOOL,
        TypeRef::Scalar(Scalar::I64 | Scalar::Number) => NUMBER,
        TypeRef::Scalar(Scalar::Timestamp) => NUMBER | STRING,
        TypeRef::Scalar(Scalar::String | Scalar::DateTime | Scalar::Date | Scalar::NaiveDateTime | Scalar::Url) => {
            STRING
        }
        TypeRef::Scalar(Scalar::Json) => ANY,
        TypeRef::Vec(_) => ARRAY,
        TypeRef::Map(..) => OBJECT,
        TypeRef::Option(inner) => NULL | json_kinds(module, inner, open),
        TypeRef::Boxed(inner) => json_kinds(module, inner, open),
        TypeRef::Unit => NULL,
        TypeRef::Named(id) if open.contains(id) => ANY,
        TypeRef::Named(id) => {
            open.push(*id);
            let kinds = match &module.types[id.0].kind {
                TypeKind::Alias(t) => json_kinds(module, t, open),
                TypeKind::Newtype(n) => json_kinds(module, &n.inner, open),
                TypeKind::Struct(_) => OBJECT,
                TypeKind::Enum(_) => STRING,
                TypeKind::Const(value) => match value {
                    Value::Null => NULL,
                    Value::Bool(_) => BOOL,
                    Value::Number(_) => NUMBER,
                    Value::String(_) => STRING,
                    Value::Array(_) => ARRAY,
                    Value::Object(_) => OBJECT,
                },
                TypeKind::Union(u) if u.unknown.is_some() => ANY,
                TypeKind::Union(u) => u.variants.iter().fold(0, |k, v| k | json_kinds(module, &v.ty, open)),
            };
            open.pop();
            kinds
        }
    }
}

/// The `runtime::kinds` expression of a set of kinds: `kinds::ANY`, or the kinds
/// joined by `|`.
fn kinds_tokens(kinds: u8) -> TokenStream {
    const NAMES: [&str; 6] = ["NULL", "BOOL", "NUMBER", "STRING", "ARRAY", "OBJECT"];
    if kinds == 63 {
        return quote!(crate::runtime::kinds::ANY);
    }
    let names = NAMES
        .iter()
        .enumerate()
        .filter(|(bit, _)| kinds & (1 << bit) != 0)
        .map(|(_, name)| quote::format_ident!("{}", name));
    quote!(#(crate::runtime::kinds::#names)|*)
}

fn union_def(module: &Module, id: TypeId, u: &Union, doc: TokenStream) -> TokenStream {
    let def = &module.types[id.0];
    let name = ident(&def.name);
    let type_name = &def.name;
    let this = types_path();
    let is_webhook = module.webhooks.as_ref().is_some_and(|w| w.event == id);
    let names: Vec<_> = u.variants.iter().map(|v| ident(&v.name)).collect();
    let types: Vec<_> = u.variants.iter().map(|v| ty(module, &v.ty, &this)).collect();

    // A webhook compiles with the features of its tags.
    let variant_cfgs: Vec<_> = match &module.webhooks {
        Some(hooks) if is_webhook => {
            let outer = Gate::reach(module, &def.reach);
            hooks.features.iter().map(|f| Gate::features(module, f).within(&outer)).collect()
        }
        _ => vec![TokenStream::new(); names.len()],
    };
    let variant_docs: Vec<_> = match &u.dispatch {
        Dispatch::Select(selector) => {
            select::descriptions(selector).iter().map(|d| docs(std::slice::from_ref(d))).collect()
        }
        Dispatch::TryEach => vec![TokenStream::new(); names.len()],
    };
    let unknown_variant = match (&u.unknown, is_webhook) {
        (_, true) => Some(quote! {
            /// A delivery of an event these bindings do not know, kept as sent with the
            /// event it names.
            Unknown(crate::webhooks::UnknownEvent),
        }),
        (Some(n), false) => {
            let n = ident(n);
            Some(quote! {
                /// A value that selects no variant known when these bindings were generated, kept as sent.
                #n(crate::runtime::Json),
            })
        }
        (None, false) => None,
    };
    let body = match &u.dispatch {
        Dispatch::Select(selector) => {
            let table = select::table(selector);
            let arms = names.iter().enumerate().map(|(i, variant)| {
                let i = Literal::usize_unsuffixed(i);
                quote! {
                    ::std::option::Option::Some(#i) => value.parse().map(Self::#variant).map_err(crate::runtime::nested),
                }
            });
            let fallback = match &u.unknown {
                Some(n) => {
                    let n = ident(n);
                    quote!(::std::result::Result::Ok(Self::#n(value)))
                }
                None => quote! {
                    ::std::result::Result::Err(::serde::de::Error::custom(::std::format!(
                        "{}: no variant is selected by {}", #type_name, value
                    )))
                },
            };
            quote! {
                static ROUTES: crate::runtime::select::Table = #table;
                let value = <crate::runtime::Json as ::serde::Deserialize>::deserialize(deserializer)?;
                let view = crate::runtime::select::Members::read(value.as_str().as_bytes()).unwrap_or_default();
                let chosen = ROUTES.choose(&crate::runtime::select::Found::read(&ROUTES, |_| None, &view), &view);
                match chosen {
                    #(#arms)*
                    _ => #fallback,
                }
            }
        }
        Dispatch::TryEach => {
            // First match wins (unless `oneOf` is sent, which allows exactly one), in
            // the order lower chose.
            let alternatives = u.try_order.iter().map(|&i| {
                let (variant, name) = (&names[i], names[i].to_string());
                let kinds = kinds_tokens(json_kinds(module, &u.variants[i].ty, &mut Vec::new()));
                quote!((#name, #kinds, |text| crate::runtime::from_json(text.as_bytes()).map(Self::#variant)))
            });
            let read = match u.exclusive {
                true => quote!(crate::runtime::exactly_one),
                false => quote!(crate::runtime::first_match),
            };
            quote! {
                let value = <crate::runtime::Json as ::serde::Deserialize>::deserialize(deserializer)?;
                #read(#type_name, &value, &[#(#alternatives),*])
            }
        }
    };
    let allow = enum_variant_names_allow(&def.name, u.variants.iter().map(|v| v.name.as_str()));
    // A webhook delivery is read by `webhooks::parse`, from its headers and body.
    let deserialize = (!is_webhook).then(|| {
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    // A union reads its chosen variant from the text it buffered, with a
                    // deserializer of its own: the level counts across them.
                    let _level = crate::runtime::nested_level::<D::Error>()?;
                    #body
                }
            }
        }
    });
    let derives = derives(def);
    let untagged = serde_attr(def, quote!(untagged));
    let undocumented = matches!(u.dispatch, Dispatch::TryEach).then(undocumented_parts);
    quote! {
        #doc
        #undocumented
        #allow
        #derives
        #untagged
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variant_cfgs #names(#types),)*
            #unknown_variant
        }
        #deserialize
    }
}

/// The rules of a checked type in words, for its doc comment.
fn rule_list(checks: &Checks) -> Vec<String> {
    let mut out: Vec<String> = checks.rules.iter().map(Check::describe).collect();
    for (word, nested) in [("items", &checks.items), ("keys", &checks.keys), ("values", &checks.values)] {
        if let Some(nested) = nested {
            out.push(format!("{word}: {}", rule_list(nested).join(", ")));
        }
    }
    out
}

/// `text` as Markdown inline code, whatever backticks it holds.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}
