//! Emits the type definitions of a module.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::tokens::{docs, ident, ty};
use crate::ir::{Additional, Dispatch, Enum, Module, Newtype, Scalar, Struct, TypeDef, TypeKind, TypeRef, Union};

/// Emits every type of `module`, in order.
pub fn types(module: &Module) -> TokenStream {
    module.types.iter().map(|def| type_def(module, def)).collect()
}

fn with_default_doc(def: &TypeDef) -> Vec<String> {
    let mut lines = def.doc.clone();
    if lines.is_empty() {
        lines.push(format!("Generated from `{}`.", def.origin));
    }
    lines
}

fn type_def(module: &Module, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs(&with_default_doc(def));
    let this = quote!(self);
    match &def.kind {
        TypeKind::Pending => TokenStream::new(),
        TypeKind::Alias(t) => {
            let t = ty(module, t, &this);
            quote! { #doc pub type #name = #t; }
        }
        TypeKind::Struct(s) => struct_def(module, def, s, doc),
        TypeKind::Enum(e) => enum_def(def, e, doc),
        TypeKind::Const(v) => const_def(def, v, doc),
        TypeKind::Newtype(n) => newtype_def(module, def, n, doc),
        TypeKind::Union(u) => union_def(module, def, u, doc),
    }
}

fn struct_def(module: &Module, def: &TypeDef, s: &Struct, doc: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let this = quote!(self);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let bare = f.name.strip_prefix("r#").unwrap_or(&f.name);
        let rename = (bare != f.json_name).then(|| {
            let json = &f.json_name;
            quote!(#[serde(rename = #json)])
        });
        let mut lines = f.doc.clone();
        if lines.is_empty() {
            lines.push(format!("The `{}` property.", f.json_name));
        }
        let doc = docs(&lines);
        let inner = ty(module, &f.ty, &this);
        let (field_ty, attrs) = match (f.required, &f.ty) {
            (true, _) => (inner, quote!()),
            (false, TypeRef::Option(_)) => (
                quote!(::std::option::Option<#inner>),
                quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none", with = "crate::runtime::double_option")]),
            ),
            (false, _) => (
                quote!(::std::option::Option<#inner>),
                quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")]),
            ),
        };
        quote! { #doc #rename #attrs pub #field: #field_ty, }
    });
    let additional = match &s.additional {
        Additional::Typed(t) => {
            let t = ty(module, t, &this);
            quote! {
                /// Properties beyond those listed, typed by `additionalProperties`.
                #[serde(flatten)]
                pub additional_properties: ::std::collections::BTreeMap<::std::string::String, #t>,
            }
        }
        Additional::Allowed | Additional::Forbidden => quote!(),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #additional
        }
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
            let expected = values.join(", ");
            quote! {
                #doc
                #allow
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
                                ::std::format!("unknown value {value:?}; expected one of: {}", #expected),
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
            quote!(::serde::Serialize::serialize(&crate::runtime::json_literal(#text), serializer))
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
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct #name;
        #inherent
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::runtime::expect_const(deserializer, #type_name, &crate::runtime::json_literal(#text)).map(|()| Self)
            }
        }
    }
}

fn newtype_def(module: &Module, def: &TypeDef, n: &Newtype, doc: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let type_name = &def.name;
    let this = quote!(self);
    let inner = ty(module, &n.inner, &this);
    let c = &n.constraints;
    let mut checks = Vec::new();
    let mut rules = Vec::new();
    if let Some(p) = &c.pattern {
        rules.push(format!("matches `{}`", p.replace('`', "'")));
        checks.push(quote! {
            static PATTERN: crate::runtime::Pattern = crate::runtime::Pattern::new(#p);
            crate::runtime::check_pattern(#type_name, &value, &PATTERN)?;
        });
    }
    for (rule, bound, check) in
        [("minLength", c.min_length, quote!(check_min_length)), ("maxLength", c.max_length, quote!(check_max_length))]
    {
        if let Some(b) = bound {
            rules.push(format!("{rule} {b}"));
            checks.push(quote!(crate::runtime::#check(#type_name, &value, #b)?;));
        }
    }
    for (rule, bound, check) in [
        ("minItems", c.min_items, quote!(check_min_items)),
        ("maxItems", c.max_items, quote!(check_max_items)),
        ("minProperties", c.min_properties, quote!(check_min_properties)),
        ("maxProperties", c.max_properties, quote!(check_max_properties)),
    ] {
        if let Some(b) = bound {
            rules.push(format!("{rule} {b}"));
            checks.push(quote!(crate::runtime::#check(#type_name, value.len(), #b)?;));
        }
    }
    if c.unique_items {
        rules.push("uniqueItems".into());
        checks.push(quote!(crate::runtime::check_unique_items(#type_name, &value)?;));
    }
    let bound = |n: &Option<serde_json::Number>, rule: &str, rules: &mut Vec<String>| match n {
        Some(n) => {
            rules.push(format!("{rule} {n}"));
            let f = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
            quote!(::std::option::Option::Some(#f))
        }
        None => quote!(::std::option::Option::None),
    };
    let numeric = [&c.minimum, &c.maximum, &c.exclusive_minimum, &c.exclusive_maximum, &c.multiple_of];
    if numeric.iter().any(|b| b.is_some()) {
        let minimum = bound(&c.minimum, "minimum", &mut rules);
        let maximum = bound(&c.maximum, "maximum", &mut rules);
        let exclusive_minimum = bound(&c.exclusive_minimum, "exclusiveMinimum", &mut rules);
        let exclusive_maximum = bound(&c.exclusive_maximum, "exclusiveMaximum", &mut rules);
        let multiple_of = bound(&c.multiple_of, "multipleOf", &mut rules);
        let as_f64 = match n.inner {
            TypeRef::Scalar(Scalar::F64) => quote!(value),
            TypeRef::Scalar(Scalar::I32) => quote!(f64::from(value)),
            _ => quote!(value as f64),
        };
        checks.push(quote! {
            crate::runtime::check_bounds(#type_name, #as_f64, &crate::runtime::Bounds {
                minimum: #minimum,
                maximum: #maximum,
                exclusive_minimum: #exclusive_minimum,
                exclusive_maximum: #exclusive_maximum,
                multiple_of: #multiple_of,
            })?;
        });
    }
    let rules_doc = format!(" Constraints: {}.", rules.join(", "));
    let orderable = matches!(n.inner, TypeRef::Scalar(Scalar::String | Scalar::I32 | Scalar::I64));
    let derives = if orderable {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq, ::serde::Serialize)])
    };
    let display = matches!(n.inner, TypeRef::Scalar(Scalar::String)).then(|| {
        quote! {
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(&self.0)
                }
            }
        }
    });
    quote! {
        #doc
        #[doc = ""]
        #[doc = #rules_doc]
        #derives
        #[serde(transparent)]
        pub struct #name(#inner);
        impl #name {
            /// Checks `value` against the constraints of this type.
            pub fn new(value: #inner) -> ::std::result::Result<Self, crate::runtime::ConstraintError> {
                #(#checks)*
                ::std::result::Result::Ok(Self(value))
            }
            /// The checked value.
            pub fn get(&self) -> &#inner {
                &self.0
            }
            /// Unwraps the checked value.
            pub fn into_inner(self) -> #inner {
                self.0
            }
        }
        impl ::std::ops::Deref for #name {
            type Target = #inner;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }
        impl ::std::convert::TryFrom<#inner> for #name {
            type Error = crate::runtime::ConstraintError;
            fn try_from(value: #inner) -> ::std::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }
        impl ::std::convert::From<#name> for #inner {
            fn from(value: #name) -> Self {
                value.0
            }
        }
        #display
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <#inner as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::new(value).map_err(::serde::de::Error::custom)
            }
        }
    }
}

fn union_def(module: &Module, def: &TypeDef, u: &Union, doc: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let type_name = &def.name;
    let this = quote!(self);
    let names: Vec<_> = u.variants.iter().map(|v| ident(&v.name)).collect();
    let types: Vec<_> = u.variants.iter().map(|v| ty(module, &v.ty, &this)).collect();
    let variant_docs: Vec<_> = match &u.dispatch {
        Dispatch::ByValue { path, values } => values
            .iter()
            .map(|vs| {
                let list = vs.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
                docs(&[format!("Selected when `{}` is {list}.", path.join("."))])
            })
            .collect(),
        Dispatch::TryEach => u.variants.iter().map(|v| docs(&[format!("The `{}` alternative.", v.name)])).collect(),
    };
    let unknown_variant = u.unknown.as_ref().map(|n| {
        let n = ident(n);
        quote! {
            /// A value that selects no variant known when these bindings were generated, kept as sent.
            #n(::serde_json::Value),
        }
    });
    let body = match &u.dispatch {
        Dispatch::ByValue { path, values } => {
            let arms = names.iter().zip(values).map(|(variant, vs)| {
                quote! {
                    if crate::runtime::all_in(&found, &[#(#vs),*]) {
                        return ::serde_json::from_value(value).map(Self::#variant).map_err(::serde::de::Error::custom);
                    }
                }
            });
            let path_text = path.join(".");
            let fallback = match &u.unknown {
                Some(n) => {
                    let n = ident(n);
                    quote!(::std::result::Result::Ok(Self::#n(value)))
                }
                None => quote! {
                    ::std::result::Result::Err(::serde::de::Error::custom(::std::format!(
                        "{}: no variant has the values {:?} at `{}`", #type_name, found, #path_text
                    )))
                },
            };
            quote! {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let found = crate::runtime::values_at(&value, &[#(#path),*]);
                #(#arms)*
                #fallback
            }
        }
        Dispatch::TryEach => {
            let arms = names.iter().zip(&types).map(|(variant, t)| {
                quote! {
                    if let ::std::result::Result::Ok(v) = <#t as ::serde::Deserialize>::deserialize(&value) {
                        return ::std::result::Result::Ok(Self::#variant(v));
                    }
                }
            });
            quote! {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #(#arms)*
                ::std::result::Result::Err(::serde::de::Error::custom(::std::format!(
                    "{}: the value matches none of the alternatives: {}", #type_name, value
                )))
            }
        }
    };
    let allow = enum_variant_names_allow(&def.name, u.variants.iter().map(|v| v.name.as_str()));
    quote! {
        #doc
        #allow
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variant_docs #names(#types),)*
            #unknown_variant
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #body
            }
        }
    }
}
