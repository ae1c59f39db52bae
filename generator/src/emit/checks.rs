//! Emits the checks of a checked newtype: its own rules, then those of the array
//! items, map keys and map values folded into it, each failure naming where in the
//! value it happened.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Number, Value};

use crate::ir::{Check, Checks, Module, Others, Scalar, TypeRef};
use crate::pattern::Engine;

/// The body of a `check` that checks `value` (a reference to a value of type `ty`)
/// and returns a `ConstraintError` of `type_name` for the first broken rule.
pub fn checks(module: &Module, type_name: &str, checks: &Checks, ty: &TypeRef) -> TokenStream {
    let root = Location::default();
    let (own, nested) = level(module, type_name, checks, ty, &quote!(value), &root, 0);
    match (own, nested.is_empty()) {
        (Some(own), true) => own,
        (Some(own), false) => quote!(#own?; #nested ::std::result::Result::Ok(())),
        (None, _) => quote!(#nested ::std::result::Result::Ok(())),
    }
}

/// Where a checked element sits in the value: the `runtime::Place`s that lead to
/// it, as expressions.
#[derive(Clone, Default)]
struct Location {
    places: Vec<TokenStream>,
}

impl Location {
    fn child(&self, place: TokenStream) -> Location {
        let mut places = self.places.clone();
        places.push(place);
        Location { places }
    }

    /// A closure that builds the location, run only when a rule is broken.
    fn closure(&self) -> TokenStream {
        let places = &self.places;
        match places.is_empty() {
            true => quote!(::std::vec::Vec::new),
            false => quote!(|| ::std::vec![#(#places),*]),
        }
    }
}

/// The check of one level's own rules (a `Result` expression), and the
/// statements that check its items, keys and values.
fn level(
    module: &Module,
    type_name: &str,
    checks: &Checks,
    ty: &TypeRef,
    value: &TokenStream,
    at: &Location,
    depth: usize,
) -> (Option<TokenStream>, TokenStream) {
    // The rules of one level run in order, stopping at the first broken one.
    let mut calls = checks.rules.iter().map(|rule| rule_call(module, rule, ty, value));
    let own = calls.next().map(|first| {
        let location = at.closure();
        let chained = calls.fold(first, |chain, next| quote!(#chain.and_then(|()| #next)));
        quote!(crate::runtime::at(#type_name, #location, #chained))
    });
    let mut out = TokenStream::new();
    if let (Some(items), TypeRef::Vec(item_ty)) = (&checks.items, ty) {
        let i = format_ident!("i{depth}");
        let item = format_ident!("item{depth}");
        let place = at.child(quote!(crate::runtime::Place::Item(#i)));
        let inner = statements(level(module, type_name, items, item_ty, &quote!(#item), &place, depth + 1));
        out.extend(quote! {
            for (#i, #item) in #value.iter().enumerate() {
                #inner
            }
        });
    }
    if let TypeRef::Map(key_ty, value_ty) = ty {
        let key = format_ident!("key{depth}");
        let entry = format_ident!("entry{depth}");
        let keys = checks.keys.as_ref().map(|k| {
            let place = at.child(quote!(crate::runtime::Place::Key));
            statements(level(module, type_name, k, key_ty, &quote!(#key), &place, depth + 1))
        });
        let values = checks.values.as_ref().map(|v| {
            let place = at.child(quote!(crate::runtime::Place::ValueOf(::std::format!("{:?}", #key))));
            statements(level(module, type_name, v, value_ty, &quote!(#entry), &place, depth + 1))
        });
        out.extend(match (keys, values) {
            (Some(keys), Some(values)) => quote!(for (#key, #entry) in #value.iter() { #keys #values }),
            (Some(keys), None) => quote!(for #key in #value.keys() { #keys }),
            (None, Some(values)) => quote!(for (#key, #entry) in #value.iter() { #values }),
            (None, None) => quote!(),
        });
    }
    (own, out)
}

/// A level's checks as statements that return early on the first broken rule.
fn statements((own, nested): (Option<TokenStream>, TokenStream)) -> TokenStream {
    let own = own.map(|own| quote!(#own?;));
    quote!(#own #nested)
}

/// The call that checks one rule, an expression of type `Result<(), String>`.
fn rule_call(module: &Module, rule: &Check, ty: &TypeRef, value: &TokenStream) -> TokenStream {
    match rule {
        Check::Pattern(p) => {
            let (source, regex) = (&p.source, &p.regex);
            let engine = match p.engine {
                Engine::Linear => quote!(linear),
                Engine::Bounded => quote!(bounded),
            };
            quote!({
                static PATTERN: crate::runtime::Pattern = crate::runtime::Pattern::#engine(#source, #regex);
                crate::runtime::pattern(#value, &PATTERN)
            })
        }
        Check::MinLength(n) => quote!(crate::runtime::min_length(#value, #n)),
        Check::MaxLength(n) => quote!(crate::runtime::max_length(#value, #n)),
        Check::MinItems(n) => quote!(crate::runtime::min_items(#value.len(), #n)),
        Check::MaxItems(n) => quote!(crate::runtime::max_items(#value.len(), #n)),
        Check::MinProperties(n) => quote!(crate::runtime::min_properties(#value.len(), #n)),
        Check::MaxProperties(n) => quote!(crate::runtime::max_properties(#value.len(), #n)),
        Check::PatternProperties { patterns, others } => {
            // A value must read as the type of every pattern its key matches; the
            // types live in the module, two levels up from a type file.
            let types = quote!(super::super);
            let reads = |t: &TypeRef| {
                let t = super::tokens::ty(module, t, &types);
                quote!(|json: &crate::runtime::Json| json.parse::<#t>().map(drop).map_err(|e| e.to_string()))
            };
            let entries = patterns.iter().enumerate().map(|(i, (p, t))| {
                let (source, regex) = (&p.source, &p.regex);
                let engine = match p.engine {
                    Engine::Linear => quote!(linear),
                    Engine::Bounded => quote!(bounded),
                };
                let name = format_ident!("PATTERN_{}", i);
                let read = reads(t);
                quote!({
                    static #name: crate::runtime::Pattern = crate::runtime::Pattern::#engine(#source, #regex);
                    (&#name, #read)
                })
            });
            let others = match others {
                Others::Any => quote!(crate::runtime::Others::Any),
                Others::Never => quote!(crate::runtime::Others::Never),
                Others::Typed(t) => {
                    let read = reads(t);
                    quote!(crate::runtime::Others::Read(#read))
                }
            };
            quote!(crate::runtime::pattern_properties(#value, &[#(#entries),*], #others))
        }
        Check::DependentRequired(dependencies) => {
            let pairs = dependencies.iter().map(|(property, requires)| quote!((#property, &[#(#requires),*])));
            quote!(crate::runtime::dependent_required(#value, &[#(#pairs),*]))
        }
        Check::UniqueItems => match ty {
            TypeRef::Vec(item) if **item == TypeRef::Scalar(Scalar::Json) => {
                quote!(crate::runtime::unique_json_items(#value))
            }
            _ => quote!(crate::runtime::unique_items(#value)),
        },
        Check::Minimum(b) => bound(quote!(minimum), ty, value, b),
        Check::Maximum(b) => bound(quote!(maximum), ty, value, b),
        Check::ExclusiveMinimum(b) => bound(quote!(exclusive_minimum), ty, value, b),
        Check::ExclusiveMaximum(b) => bound(quote!(exclusive_maximum), ty, value, b),
        Check::MultipleOf(b) => match (ty, b.as_i64()) {
            (TypeRef::Scalar(Scalar::I64), Some(f)) => quote!(crate::runtime::multiple_of_integer(*#value, #f)),
            _ => {
                let (v, f) = (as_f64(ty, value), f64_literal(b));
                quote!(crate::runtime::multiple_of(#v, #f))
            }
        },
        Check::Enum(values) => enum_call(ty, value, values),
        Check::Never => quote!(crate::runtime::never(#value)),
        Check::Unsatisfiable(reason) => quote!(crate::runtime::unsatisfiable(#value, #reason)),
    }
}

/// A bound compared in the value's own type when it fits, else in `f64`.
fn bound(check: TokenStream, ty: &TypeRef, value: &TokenStream, b: &Number) -> TokenStream {
    let int = b.as_i64();
    match (ty, int) {
        (TypeRef::Scalar(Scalar::I64), Some(i)) => quote!(crate::runtime::#check(*#value, #i)),
        _ => {
            let (v, f) = (as_f64(ty, value), f64_literal(b));
            quote!(crate::runtime::#check(#v, #f))
        }
    }
}

fn as_f64(ty: &TypeRef, value: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Scalar(Scalar::I64) => quote!(*#value as f64),
        _ => quote!(#value.as_f64()),
    }
}

fn f64_literal(n: &Number) -> Literal {
    Literal::f64_suffixed(n.as_f64().unwrap_or_default())
}

fn enum_call(ty: &TypeRef, value: &TokenStream, values: &[Value]) -> TokenStream {
    match ty {
        TypeRef::Scalar(Scalar::I64) => {
            let list = values.iter().filter_map(Value::as_i64);
            quote!(crate::runtime::one_of_values(#value, &[#(#list),*]))
        }
        TypeRef::Scalar(Scalar::Number) => {
            let list = values.iter().filter_map(Value::as_f64).map(Literal::f64_suffixed);
            quote!(crate::runtime::one_of_values(&#value.as_f64(), &[#(#list),*]))
        }
        TypeRef::Scalar(Scalar::Bool) => {
            let list = values.iter().filter_map(Value::as_bool);
            quote!(crate::runtime::one_of_values(#value, &[#(#list),*]))
        }
        _ => {
            let text = Value::Array(values.to_vec()).to_string();
            quote!({
                static ALLOWED: crate::runtime::JsonLiteral = crate::runtime::JsonLiteral::new(#text);
                crate::runtime::one_of_json(#value, &ALLOWED)
            })
        }
    }
}
