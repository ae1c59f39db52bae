//! Emits a [`Selector`] as the runtime's `select::Table`, and says in words what
//! selects each variant.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{SelectKey, Selector};

/// A `crate::runtime::select::Table` expression (constant, for a `static`).
pub fn table(selector: &Selector) -> TokenStream {
    let keys = selector.keys.iter().map(|key| match key {
        SelectKey::Header(name) => quote!(crate::runtime::select::Key::Header(#name)),
        SelectKey::Body(path) => quote!(crate::runtime::select::Key::Body(&[#(#path),*])),
    });
    let routes = selector.routes.iter().map(|route| {
        let facts = route.facts.iter().map(|(key, values)| {
            let key = Literal::usize_unsuffixed(*key);
            quote!((#key, &[#(#values),*]))
        });
        let required = &route.required;
        quote!(crate::runtime::select::Route { facts: &[#(#facts),*], required: &[#(#required),*] })
    });
    // A binary search on the first key needs every route to have a fact on it.
    let mut index: Vec<(&str, usize)> = Vec::new();
    if selector.values_on(0).all(|v| v.is_some()) && !selector.keys.is_empty() {
        for (route, values) in selector.values_on(0).enumerate() {
            index.extend(values.into_iter().flatten().map(|v| (v.as_str(), route)));
        }
        index.sort();
    }
    let index = index.iter().map(|(value, route)| {
        let route = Literal::usize_unsuffixed(*route);
        quote!((#value, #route))
    });
    quote! {
        crate::runtime::select::Table { keys: &[#(#keys),*], routes: &[#(#routes),*], index: &[#(#index),*] }
    }
}

/// For each route, the sentence that says what selects it.
pub fn descriptions(selector: &Selector) -> Vec<String> {
    selector
        .routes
        .iter()
        .map(|route| {
            let facts: Vec<String> = route
                .facts
                .iter()
                .map(|(key, values)| {
                    let list = values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
                    match &selector.keys[*key] {
                        SelectKey::Header(name) => format!("header `{name}` is {list}"),
                        SelectKey::Body(path) => format!("`{}` is {list}", path.join(".")),
                    }
                })
                .collect();
            match (facts.is_empty(), route.required.is_empty()) {
                (false, _) => format!("Selected when {}.", facts.join(" and ")),
                (true, false) => {
                    let list = route.required.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ");
                    format!("Selected by its required properties: {list}.")
                }
                (true, true) => "Selected when nothing more specific is.".to_owned(),
            }
        })
        .collect()
}
