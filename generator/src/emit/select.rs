//! Emits a [`Selector`] as the runtime's `select::Table`, and says in words what
//! selects each variant.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{SelectKey, Selector};

/// A `crate::runtime::select::Table` expression (constant, for a `static`): a
/// block that first names the `required` lists several routes share.
pub fn table(selector: &Selector) -> TokenStream {
    let keys = selector.keys.iter().map(|key| match key {
        SelectKey::Header(name) => quote!(crate::runtime::select::Key::Header(#name)),
        SelectKey::Body(path) => quote!(crate::runtime::select::Key::Body(&[#(#path),*])),
    });
    // A `required` list that several routes share is written once, as a constant.
    let mut shared: Vec<&Vec<String>> = Vec::new();
    for route in &selector.routes {
        let repeated = selector.routes.iter().filter(|other| other.required == route.required).count() > 1;
        if repeated && !route.required.is_empty() && !shared.contains(&&route.required) {
            shared.push(&route.required);
        }
    }
    let names: Vec<Ident> = (0..shared.len()).map(|i| format_ident!("REQUIRED_{}", i)).collect();
    let constants = shared.iter().zip(&names).map(|(list, name)| quote!(const #name: &[&str] = &[#(#list),*];));
    let routes = selector.routes.iter().map(|route| {
        let facts = route.facts.iter().map(|(key, values)| {
            let key = Literal::usize_unsuffixed(*key);
            quote!((#key, &[#(#values),*]))
        });
        let required = match shared.iter().position(|list| **list == route.required) {
            Some(i) => {
                let name = &names[i];
                quote!(#name)
            }
            None => {
                let list = &route.required;
                quote!(&[#(#list),*])
            }
        };
        quote!(crate::runtime::select::Route { facts: &[#(#facts),*], required: #required })
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
    let table = quote! {
        crate::runtime::select::Table { keys: &[#(#keys),*], routes: &[#(#routes),*], index: &[#(#index),*] }
    };
    match shared.is_empty() {
        true => table,
        false => quote!({ #(#constants)* #table }),
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
