//! Emits `<module>/webhooks.rs`: `parse`, the `Receiver` that authenticates
//! deliveries first, `delivery_id`, and the axum extractor behind the `axum` feature.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::select;
use super::tokens::{docs, ident, Doc, Gate};
use crate::ir::{Dispatch, FeatureId, Module, SignatureEncoding, SignatureScheme, TypeKind, Webhooks};

/// What compiles the webhooks module: the features of its webhooks.
pub fn gate(module: &Module, hooks: &Webhooks) -> Gate {
    Gate::features(module, &FeatureId::union(hooks.features.iter().map(Vec::as_slice)))
}

/// The tokens of the module's `webhooks.rs`, or `None` without webhooks.
pub fn webhooks(module: &Module) -> Option<TokenStream> {
    let hooks = module.webhooks.as_ref()?;
    let TypeKind::Union(union) = &module.types[hooks.event.0].kind else { return None };
    let Dispatch::Select(selector) = &union.dispatch else { return None };
    let event = ident(&module.types[hooks.event.0].name);
    let table = select::table(selector);
    let names: Vec<&str> = union.variants.iter().map(|v| v.name.as_str()).collect();
    let outer = gate(module, hooks);
    let arms = union.variants.iter().zip(&hooks.features).enumerate().map(|(route, (variant, features))| {
        let cfg = Gate::features(module, features).within(&outer);
        let (route, variant) = (Literal::usize_unsuffixed(route), ident(&variant.name));
        quote!(#cfg #route => crate::webhooks::decode(body, #event::#variant),)
    });
    let event_header = match &hooks.event_header {
        Some(h) => quote!(::std::option::Option::Some(#h)),
        None => quote!(::std::option::Option::None),
    };
    let delivery_id = hooks.delivery_header.as_ref().map(|h| {
        let doc = docs(&[
            format!("The id of a delivery (its `{h}` header), the same for every retry of it: remember the"),
            "ids you have handled to drop duplicates.".to_owned(),
        ]);
        quote! {
            #doc
            pub fn delivery_id(headers: &::http::HeaderMap) -> ::std::option::Option<&str> {
                headers.get(#h).and_then(|v| v.to_str().ok())
            }
        }
    });
    let module_doc = Doc::new(&module_lines(hooks)).inner();
    let receiver = receiver(hooks);
    let key_exports = match hooks.signatures.first() {
        None => quote!(),
        Some(scheme) if scheme.uses_secret() => {
            quote!(
                pub use crate::runtime::Secret;
                pub use crate::webhooks::{KeyError, Scheme};
            )
        }
        Some(_) => quote!(
            pub use crate::webhooks::{KeyError, PublicKey, Scheme};
        ),
    };
    let source_exports = (!hooks.sources.is_empty()).then(|| {
        quote!(
            pub use crate::webhooks::SourceCheck;
        )
    });
    Some(quote! {
        #module_doc
        pub use super::#event;
        pub use crate::webhooks::{BodyError, Error, UnknownEvent};
        #key_exports
        #source_exports

        static EVENTS: crate::webhooks::Events<#event> = crate::webhooks::Events {
            table: &#table,
            names: &[#(#names),*],
            event_header: #event_header,
            decode,
            unknown: #event::Unknown,
        };

        fn decode(route: usize, body: &[u8]) -> crate::webhooks::Decoded<#event> {
            match route {
                #(#arms)*
                _ => ::std::option::Option::None,
            }
        }

        /// Parses a delivery without authenticating it: the variant is the one its
        /// headers and body select (never found by trying variants). An event these
        /// bindings do not know, or whose webhook's feature is off, is `Unknown`; a
        /// body that is not JSON or breaks the schema of the event it names is
        /// [`Error::Body`], which keeps the event, the body and the JSON path of the
        /// failure.
        pub fn parse(headers: &::http::HeaderMap, body: &[u8]) -> ::std::result::Result<#event, Error> {
            crate::webhooks::parse(&EVENTS, headers, body)
        }

        #delivery_id
        #receiver
    })
}

/// The module's doc: what authenticates a delivery of this vendor.
fn module_lines(hooks: &Webhooks) -> Vec<String> {
    let mut lines = vec![
        "Receiving this API's webhook deliveries: [`parse`] reads one, and [`Receiver`] authenticates".to_owned(),
        "it first. Each [`Error`] names the HTTP status to answer the vendor with.".to_owned(),
        String::new(),
    ];
    if hooks.signatures.is_empty() {
        lines.push("The vendor signs nothing.".to_owned());
    }
    for scheme in &hooks.signatures {
        lines.push(format!("- Signature: {}.", describe(scheme)));
    }
    if !hooks.sources.is_empty() {
        let list = hooks.sources.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
        lines.push(format!("- Sources: {list} (checked with [`Receiver::with_source_check`])."));
    }
    lines
}

fn describe(scheme: &SignatureScheme) -> String {
    let encoding = |e: &SignatureEncoding| match e {
        SignatureEncoding::Hex => "hex",
        SignatureEncoding::Base64 => "base64",
    };
    match scheme {
        SignatureScheme::HmacSha256 { header, prefix, encoding: e } => {
            format!("`{header}: {prefix}<{}>`, the HMAC-SHA256 of the body", encoding(e))
        }
        SignatureScheme::StandardWebhooks { tolerance } => {
            format!("Standard Webhooks v1 (`webhook-id`, `webhook-timestamp`, `webhook-signature`), {tolerance} s tolerance")
        }
        SignatureScheme::OpenPhone { tolerance } => {
            format!("`openphone-signature: hmac;1;<timestamp>;<base64>`, {tolerance} s tolerance")
        }
        SignatureScheme::Ed25519 { header, encoding: e } => {
            format!("`{header}`, the Ed25519 signature of the body in {}", encoding(e))
        }
    }
}

/// `testing`, behind the `testing` feature: signing a delivery as the vendor does.
fn testing(hooks: &Webhooks) -> TokenStream {
    let body = match hooks.signatures.first() {
        None => quote! {
            /// The headers of a delivery of `body` sent at `at`: the vendor signs
            /// nothing, so only `Content-Type`.
            pub fn sign(body: &[u8], at: ::std::time::SystemTime) -> ::http::HeaderMap {
                crate::webhooks::signing::sign(&[], &crate::runtime::Secret::new(""), body, at)
            }
        },
        Some(scheme) if scheme.uses_secret() => quote! {
            /// The headers of a delivery of `body` sent at `at`, signed with `secret`
            /// by every scheme of the vendor it serves, as the vendor signs: a
            /// [`super::Receiver`] built from the same secret accepts them.
            pub fn sign(secret: &crate::runtime::Secret, body: &[u8], at: ::std::time::SystemTime) -> ::http::HeaderMap {
                crate::webhooks::signing::sign(super::SCHEMES, secret, body, at)
            }

            /// The headers of a delivery signed with `scheme` alone (one of
            /// [`super::Receiver::schemes`]); an error when `secret` cannot serve it.
            pub fn sign_with(
                scheme: super::Scheme,
                secret: &crate::runtime::Secret,
                body: &[u8],
                at: ::std::time::SystemTime,
            ) -> ::std::result::Result<::http::HeaderMap, super::KeyError> {
                crate::webhooks::signing::sign_with(scheme, secret, body, at)
            }
        },
        Some(_) => quote! {
            pub use crate::webhooks::signing::KeyPair;

            /// The headers of a delivery of `body`, signed by `key` as the vendor signs
            /// (the signature covers the body alone, so `at` changes nothing): a
            /// [`super::Receiver`] built from `key.public_key()` accepts them (one
            /// built from the vendor's own key never would).
            pub fn sign(key: &KeyPair, body: &[u8], at: ::std::time::SystemTime) -> ::http::HeaderMap {
                let _ = at;
                crate::webhooks::signing::sign_ed25519(super::SCHEMES, key, body)
            }
        },
    };
    quote! {
        /// Deliveries signed as the vendor signs them, for tests of webhook handlers
        /// (feature `testing`; enable it in `[dev-dependencies]`). It only makes
        /// signatures: what a [`Receiver`] accepts does not change.
        #[cfg(feature = "testing")]
        pub mod testing {
            #body
        }
    }
}

/// `Receiver`, its constructor for the vendor's kind of key, and the axum extractor.
fn receiver(hooks: &Webhooks) -> TokenStream {
    let schemes = hooks.signatures.iter().map(|scheme| {
        let encoding = |e: &SignatureEncoding| match e {
            SignatureEncoding::Hex => quote!(crate::webhooks::Encoding::Hex),
            SignatureEncoding::Base64 => quote!(crate::webhooks::Encoding::Base64),
        };
        match scheme {
            SignatureScheme::HmacSha256 { header, prefix, encoding: e } => {
                let e = encoding(e);
                quote!(crate::webhooks::Scheme::HmacSha256 { header: #header, prefix: #prefix, encoding: #e })
            }
            SignatureScheme::StandardWebhooks { tolerance } => {
                quote!(crate::webhooks::Scheme::StandardWebhooks { tolerance: #tolerance })
            }
            SignatureScheme::OpenPhone { tolerance } => {
                quote!(crate::webhooks::Scheme::OpenPhone { tolerance: #tolerance })
            }
            SignatureScheme::Ed25519 { header, encoding: e } => {
                let e = encoding(e);
                quote!(crate::webhooks::Scheme::Ed25519 { header: #header, encoding: #e })
            }
        }
    });
    let sources = &hooks.sources;
    let unsigned_doc = if sources.is_empty() {
        " A receiver of unsigned deliveries: it only parses."
    } else {
        " A receiver of unsigned deliveries: it only parses, and checks the source once [`Receiver::with_source_check`] switches it on."
    };
    let (new, default) = match hooks.signatures.first() {
        None => (
            quote! {
                #[doc = #unsigned_doc]
                pub fn new() -> Self {
                    Receiver::with(crate::webhooks::Authenticator::new(SCHEMES, crate::webhooks::Key::None, SOURCES))
                }
            },
            Some(quote! {
                impl ::std::default::Default for Receiver {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            }),
        ),
        Some(scheme) if scheme.uses_secret() => (
            quote! {
                /// A receiver that checks signatures with the signing secret the vendor
                /// gave you. The secret is made ready for each of the vendor's schemes
                /// now: a delivery signed only with a scheme it does not serve is
                /// refused as unsigned (401), and a secret that serves none (empty, or
                /// in no scheme's format) refuses every delivery with [`Error::Key`]
                /// (500). [`Receiver::try_new`] says so when it is built instead.
                pub fn new(key: crate::runtime::Secret) -> Self {
                    Receiver::with(crate::webhooks::Authenticator::new(SCHEMES, crate::webhooks::Key::Secret(key), SOURCES))
                }

                /// A receiver for the signing secret, or [`KeyError`] when the secret
                /// serves none of the vendor's schemes. [`Receiver::schemes`] lists
                /// those it serves.
                pub fn try_new(key: crate::runtime::Secret) -> ::std::result::Result<Self, KeyError> {
                    crate::webhooks::Authenticator::try_new(SCHEMES, crate::webhooks::Key::Secret(key), SOURCES).map(Receiver::with)
                }
            },
            None,
        ),
        Some(_) => (
            quote! {
                /// A receiver that checks signatures with the vendor's public key
                /// (`"...".parse()` takes PEM, base64 or hex, and refuses weak keys).
                pub fn new(key: PublicKey) -> Self {
                    Receiver::with(crate::webhooks::Authenticator::new(SCHEMES, crate::webhooks::Key::PublicKey(key), SOURCES))
                }
            },
            None,
        ),
    };
    let schemes_method = (!hooks.signatures.is_empty()).then(|| {
        quote! {
            /// The vendor's signature schemes that this receiver's key serves, in the
            /// order they are tried: a delivery is checked by the first whose header
            /// it carries.
            pub fn schemes(&self) -> ::std::vec::Vec<Scheme> {
                self.0.schemes()
            }
        }
    });
    let body_limit = match hooks.body_limit {
        Some(limit) => {
            let limit = Literal::u64_unsuffixed(limit);
            quote!(authenticator.with_body_limit(#limit))
        }
        None => quote!(authenticator),
    };
    let limit_doc = match hooks.body_limit {
        Some(limit) => {
            format!(" The largest body this receiver reads: {limit} bytes by default, the vendor's own limit.")
        }
        None => " The largest body this receiver reads: 2 MiB by default.".to_owned(),
    };
    let source_check = (!sources.is_empty()).then(|| {
        quote! {
            /// Checks the peer address of each delivery against the addresses the
            /// vendor documents (off by default: behind a proxy, pass the client
            /// address it reports to [`Receiver::receive_from`]). With the check on,
            /// [`Receiver::receive`], which knows no peer, refuses every delivery.
            #[must_use]
            pub fn with_source_check(self, check: crate::webhooks::SourceCheck) -> Self {
                Receiver(self.0.with_source_check(check))
            }
        }
    });
    let testing = testing(hooks);
    quote! {
        static SCHEMES: &[crate::webhooks::Scheme] = &[#(#schemes),*];
        static SOURCES: &[&str] = &[#(#sources),*];

        #testing

        /// Authenticates deliveries (signature and, when switched on, source), then
        /// [`parse`]s them. `Debug` never shows the key.
        #[derive(Debug, Clone)]
        pub struct Receiver(crate::webhooks::Authenticator);

        #default

        impl Receiver {
            #new

            fn with(authenticator: crate::webhooks::Authenticator) -> Self {
                Receiver(#body_limit)
            }

            #schemes_method
            #source_check

            /// The same receiver, reading bodies of at most `limit` bytes: a longer
            /// one is refused with [`Error::TooLarge`] (413), by the axum extractor
            /// before it is read.
            #[must_use]
            pub fn with_body_limit(self, limit: usize) -> Self {
                Receiver(self.0.with_body_limit(limit))
            }

            #[doc = #limit_doc]
            pub fn body_limit(&self) -> usize {
                self.0.body_limit()
            }

            /// Authenticates and parses a delivery received now.
            pub fn receive(&self, headers: &::http::HeaderMap, body: &[u8]) -> ::std::result::Result<super::WebhookEvent, Error> {
                self.receive_at(::std::time::SystemTime::now(), ::std::option::Option::None, headers, body)
            }

            /// Authenticates and parses a delivery received now from `peer`.
            pub fn receive_from(
                &self,
                peer: ::std::net::IpAddr,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<super::WebhookEvent, Error> {
                self.receive_at(::std::time::SystemTime::now(), ::std::option::Option::Some(peer), headers, body)
            }

            /// Authenticates and parses a delivery as if received at `now` (signed
            /// timestamps are checked against it) from `peer`.
            pub fn receive_at(
                &self,
                now: ::std::time::SystemTime,
                peer: ::std::option::Option<::std::net::IpAddr>,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<super::WebhookEvent, Error> {
                self.0.authenticate(now, peer, headers, body)?;
                parse(headers, body)
            }
        }

        /// An axum extractor of authenticated deliveries: the state's [`Receiver`]
        /// reads the body within its limit and checks the request (its peer address
        /// comes from `ConnectInfo`, when the server provides it); a refused one is
        /// answered with [`Error::status`] and [`Error::reply`].
        #[cfg(feature = "axum")]
        #[derive(Debug)]
        pub struct Verified(pub super::WebhookEvent);

        #[cfg(feature = "axum")]
        impl<S: ::std::marker::Send + ::std::marker::Sync> ::axum::extract::FromRequest<S> for Verified
        where
            Receiver: ::axum::extract::FromRef<S>,
        {
            type Rejection = ::axum::response::Response;

            async fn from_request(request: ::axum::extract::Request, state: &S) -> ::std::result::Result<Self, Self::Rejection> {
                let receiver = <Receiver as ::axum::extract::FromRef<S>>::from_ref(state);
                let (peer, headers, body) = crate::webhooks::axum::read(request, receiver.body_limit()).await?;
                receiver
                    .receive_at(::std::time::SystemTime::now(), peer, &headers, &body)
                    .map(Verified)
                    .map_err(::axum::response::IntoResponse::into_response)
            }
        }
    }
}
