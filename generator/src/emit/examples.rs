//! Emits the round-trip tests: one `#[test]` per example value in the spec.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, ty, Gate};
use crate::ir::{Example, Expect, Module, TypeKind, TypeRef, SERIALIZE};

/// The test module for `module`'s examples, or `None` when it has none.
pub fn examples(module: &Module) -> Option<TokenStream> {
    if module.examples.is_empty() {
        return None;
    }
    let parent = quote!(super);
    let tests = module.examples.iter().map(|example| {
        let name = ident(&example.test);
        let t = ty(module, &example.ty, &parent);
        let json = example.value.to_string();
        let origin = example.origin.to_string();
        let check = match (&example.expect, &example.delivery) {
            (_, Some(delivery)) => {
                let variant = &delivery.variant;
                let headers = delivery.headers.iter().map(|(name, value)| quote!((#name, #value)));
                quote! {
                    crate::webhooks::testing::assert_delivery(super::webhooks::parse, &[#(#headers),*], #json, #variant, #origin)
                }
            }
            (Expect::RoundTrip, None) => quote!(crate::runtime::testing::assert_round_trip::<#t>(#json, #origin)),
            (Expect::Rejected(reason), None) => {
                quote!(crate::runtime::testing::assert_rejected::<#t>(#json, #origin, #reason))
            }
        };
        let cfgs = gates(module, example);
        quote! {
            #[test]
            #(#cfgs)*
            fn #name() {
                #check;
            }
        }
    });
    Some(quote! {
        //! Example tests: every example in the spec deserialises into its generated
        //! type and serialises back to an equal JSON value, except those that break
        //! their own schema, which must be rejected.
        #(#tests)*
    })
}

/// The `#[cfg]`s of an example's test: those of the types it reads, for a
/// delivery those of the webhook it must select, and [`SERIALIZE`] when it writes
/// back a value the client never sends.
fn gates(module: &Module, example: &Example) -> Vec<TokenStream> {
    let outer = Gate::module(module);
    let mut gates = Vec::new();
    let mut received = false;
    example.ty.visit(&mut |t| {
        if let TypeRef::Named(id) = t {
            let def = &module.types[id.0];
            gates.push(Gate::reach(module, &def.reach).within(&outer));
            received |= !def.usage.request;
        }
    });
    let writes_back = example.delivery.is_some() || matches!(example.expect, Expect::RoundTrip);
    if received && writes_back {
        gates.push(quote!(#[cfg(feature = #SERIALIZE)]));
    }
    let hooks = module.webhooks.as_ref();
    let variant = example.delivery.as_ref().zip(hooks).and_then(|(delivery, hooks)| {
        let TypeKind::Union(union) = &module.types[hooks.event.0].kind else { return None };
        let i = union.variants.iter().position(|v| v.name == delivery.variant)?;
        hooks.features.get(i)
    });
    gates.extend(variant.map(|features| Gate::features(module, features).within(&outer)));
    let mut unique: Vec<TokenStream> = Vec::new();
    for gate in gates {
        if !gate.is_empty() && !unique.iter().any(|known| known.to_string() == gate.to_string()) {
            unique.push(gate);
        }
    }
    unique
}
