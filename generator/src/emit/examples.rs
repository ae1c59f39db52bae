//! Emits the round-trip tests: one `#[test]` per example value in the spec.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, ty};
use crate::ir::{Expect, Module};
use crate::lower::naming::{self, Scope};

/// The test module for `module`'s examples, or `None` when it has none.
pub fn examples(module: &Module) -> Option<TokenStream> {
    if module.examples.is_empty() {
        return None;
    }
    let parent = quote!(super);
    let mut scope = Scope::default();
    let tests = module.examples.iter().map(|example| {
        let pointer = example.origin.split_once('#').map_or("", |(_, p)| p);
        let words: Vec<String> =
            crate::pointer::tokens(pointer).into_iter().filter(|t| !NOISE.contains(&t.as_str())).collect();
        let name = ident(&scope.claim(naming::snake(&words.join(" "))));
        let t = ty(module, &example.ty, &parent);
        let json = example.value.to_string();
        let origin = &example.origin;
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
        quote! {
            #[test]
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

/// Pointer tokens that only repeat the structure of every OpenAPI document.
const NOISE: &[&str] = &["components", "schemas", "properties", "content", "application/json", "schema", "paths"];
