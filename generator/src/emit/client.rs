//! Emits `<module>/client/`: the `Client` of one API and its `Auth` in `mod.rs`,
//! and in one file per group of operations (`repos.rs`), for every operation a
//! method, a request builder and an enum of documented error responses.
//!
//! Required parameters (and a required body) are arguments of the method, so they
//! cannot be left out; optional ones are setters of the builder, which is sent by
//! `.await` (it is `IntoFuture`) or `.send()`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{docs, gated, ident, reexported_file, ty, Gate};
use crate::ir::{
    AuthKind, AuthScheme, AuthVariant, Body, BodyKind, Explode, FeatureId, Held, Module, NextPage, Operation,
    OperationFile, Pagination, Param, ParamLocation, ParamStyle, Response, ResponseHeader, Status,
};

/// `client/mod.rs`: the `Auth` and `Client` of the API, and its operation files,
/// each re-exported here; `None` when `module` has no operations.
pub fn client(module: &Module) -> Option<TokenStream> {
    if module.operations.is_empty() {
        return None;
    }
    let auth = auth(module);
    let client = client_struct(module, &module.title);
    let files = module
        .operation_files
        .iter()
        .map(|file| reexported_file(&file_gate(module, file).within(&gate(module)), &file.name));
    Some(quote! {
        #auth
        #client
        #(#files)*
    })
}

/// `client/<group>.rs`: the methods, builders and error enums of the operations
/// of `file` at the indices `items` (of the file's operations). An operation
/// carries its own `#[cfg]` only when fewer features compile it than the file.
pub fn operations(module: &Module, file: &OperationFile, items: std::ops::Range<usize>) -> TokenStream {
    let outer = file_gate(module, file);
    let ops: Vec<&Operation> =
        file.operations.get(items).unwrap_or_default().iter().map(|&i| &module.operations[i]).collect();
    let gate =
        |op: &Operation, tokens: TokenStream| gated(&Gate::features(module, &op.features).within(&outer), tokens);
    // Each operation is its method on the client, then its builder and enums: a
    // file reads operation by operation, and its slices join into the whole.
    ops.iter()
        .map(|op| {
            let method = method(module, op);
            let operation = operation(module, op);
            gate(op, quote!(impl super::Client { #method } #operation))
        })
        .collect()
}

/// What compiles the client: the features of its operations.
pub fn gate(module: &Module) -> Gate {
    Gate::features(module, &FeatureId::union(module.operations.iter().map(|op| op.features.as_slice())))
}

/// What compiles a file of the client: the features of its operations.
fn file_gate(module: &Module, file: &OperationFile) -> Gate {
    Gate::features(module, &FeatureId::union(file.operations.iter().map(|&i| module.operations[i].features.as_slice())))
}

/// The path from a file of the client to the module's types.
fn types_path() -> TokenStream {
    quote!(super::super)
}

fn has_auth(module: &Module) -> bool {
    !module.api.auth.is_empty()
}

fn scheme_line(scheme: &AuthScheme) -> String {
    let how = match &scheme.kind {
        AuthKind::Bearer => "`Authorization: Bearer <token>`".to_owned(),
        AuthKind::Basic => "HTTP basic authentication".to_owned(),
        AuthKind::Scheme(s) => format!("`Authorization: {s} <credentials>`"),
        AuthKind::Header(h) => format!("the `{h}` header"),
        AuthKind::Query(q) => format!("the `{q}` query parameter"),
        AuthKind::Cookie(c) => format!("the `{c}` cookie"),
    };
    format!("Sent as {how} (security scheme `{}`).", scheme.name)
}

/// The doc of a credential: the scheme's description, if it has one, then how it
/// is sent.
fn scheme_doc(scheme: &AuthScheme) -> TokenStream {
    let mut lines: Vec<String> = match scheme.doc.iter().any(|line| !line.trim().is_empty()) {
        true => scheme.doc.clone(),
        false => Vec::new(),
    };
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(scheme_line(scheme));
    docs(&lines)
}

fn credential_type(scheme: &AuthScheme) -> TokenStream {
    match scheme.kind {
        AuthKind::Basic => quote!(crate::client::Basic),
        _ => quote!(crate::client::Secret),
    }
}

fn apply_scheme(scheme: &AuthScheme, value: &TokenStream) -> TokenStream {
    match &scheme.kind {
        AuthKind::Bearer => quote!(request.bearer(#value)?;),
        AuthKind::Basic => quote!(request.basic(#value)?;),
        AuthKind::Scheme(s) => quote!(request.authorization(#s, #value)?;),
        AuthKind::Header(h) => quote!(request.api_key_header(#h, #value)?;),
        AuthKind::Query(q) => quote!(request.api_key_query(#q, #value)?;),
        AuthKind::Cookie(c) => quote!(request.api_key_cookie(#c, #value)?;),
    }
}

fn auth(module: &Module) -> TokenStream {
    if !has_auth(module) {
        return TokenStream::new();
    }
    let variants = module.api.auth.iter().map(|v| {
        let name = ident(&v.name);
        match v.schemes.as_slice() {
            [scheme] => {
                let doc = scheme_doc(scheme);
                let t = credential_type(scheme);
                quote!(#doc #name(#t))
            }
            schemes => {
                let names: Vec<String> = schemes.iter().map(|s| format!("`{}`", s.name)).collect();
                let doc = docs(&[format!("The schemes {}, together.", names.join(" and "))]);
                let fields = schemes.iter().map(|s| {
                    let doc = scheme_doc(s);
                    let field = ident(&s.field);
                    let t = credential_type(s);
                    quote!(#doc #field: #t)
                });
                quote!(#doc #name { #(#fields),* })
            }
        }
    });
    let arms = module.api.auth.iter().map(|v| {
        let name = ident(&v.name);
        match v.schemes.as_slice() {
            [scheme] => {
                let apply = apply_scheme(scheme, &quote!(credential));
                quote!(Auth::#name(credential) => { #apply })
            }
            schemes => {
                let fields: Vec<_> = schemes.iter().map(|s| ident(&s.field)).collect();
                let applies = schemes.iter().zip(&fields).map(|(s, f)| apply_scheme(s, &quote!(#f)));
                quote!(Auth::#name { #(#fields),* } => { #(#applies)* })
            }
        }
    });
    // Compiled with the operations that send credentials.
    let secured = module.operations.iter().filter(|op| op.security.is_some());
    let cfg = Gate::features(module, &FeatureId::union(secured.map(|op| op.features.as_slice()))).within(&gate(module));
    quote! {
        /// How a caller authenticates: one variant per way the API accepts. Credentials
        /// are [`crate::client::Secret`]s, which `Debug` never prints.
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum Auth {
            #(#variants,)*
        }

        #cfg
        impl Auth {
            fn apply(&self, request: &mut crate::client::Request) -> ::std::result::Result<(), crate::client::RequestError> {
                match self {
                    #(#arms)*
                }
                ::std::result::Result::Ok(())
            }
        }
    }
}

fn client_struct(module: &Module, title: &str) -> TokenStream {
    let auth = has_auth(module);
    let auth_field = auth.then(|| quote!(auth: Auth,));
    let auth_param = auth.then(|| quote!(auth: Auth));
    let auth_arg = auth.then(|| quote!(, auth));
    let auth_init = auth.then(|| quote!(auth,));
    let constructors: Vec<TokenStream> = module
        .api
        .servers
        .iter()
        .map(|server| {
            let name = ident(&server.constructor);
            let url = &server.url;
            let mut lines = server.doc.clone();
            if server.relative {
                lines.push(format!(
                    "The server at `{url}` under `origin` (`https://example.com` gives `https://example.com{url}`)."
                ));
                let doc = docs(&lines);
                let params = std::iter::once(quote!(origin: &str)).chain(auth_param.clone());
                quote! {
                    #doc
                    pub fn #name(#(#params),*) -> Self {
                        Self::with_base_url(::std::format!("{}{}", origin.trim_end_matches('/'), #url) #auth_arg)
                    }
                }
            } else {
                lines.push(format!("The server at `{url}`."));
                let doc = docs(&lines);
                quote! {
                    #doc
                    pub fn #name(#auth_param) -> Self {
                        Self::with_base_url(#url #auth_arg)
                    }
                }
            }
        })
        .collect();
    let base_params =
        std::iter::once(quote!(base_url: impl ::std::convert::Into<::std::string::String>)).chain(auth_param.clone());
    let auth_getter = has_auth(module).then(|| {
        quote! {
            /// The credentials requests are sent with.
            pub fn auth(&self) -> &Auth {
                &self.auth
            }
        }
    });
    let default = module.api.servers.first().filter(|s| !auth && !s.relative).map(|_| {
        quote! {
            impl ::std::default::Default for Client {
                /// A client of the first documented server.
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let doc = docs(&[
        format!("A client of the {title}."),
        String::new(),
        "Cloning is cheap: clones share one connection pool. Every method returns a request".to_owned(),
        "builder: set its optional parameters, then `.await` it.".to_owned(),
    ]);
    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            connection: crate::client::Connection,
            #auth_field
        }

        impl Client {
            #(#constructors)*

            /// A client of the API at `base_url` (operation paths are appended to it).
            pub fn with_base_url(#(#base_params),*) -> Self {
                Client { connection: crate::client::Connection::new(base_url), #auth_init }
            }

            /// The same client, sending with `http`: its proxies, TLS settings and
            /// middleware apply to every request, and so does its redirect policy. Build
            /// it from [`crate::client::http_client_builder`] to keep redirects on the
            /// origin the credentials are for.
            pub fn with_http_client(mut self, http: ::reqwest::Client) -> Self {
                self.connection = self.connection.with_http_client(http);
                self
            }

            /// The same client, with `timeout` for every request that sets none
            /// (default [`crate::client::DEFAULT_TIMEOUT`]): from sending until the
            /// whole reply is read.
            pub fn with_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.connection = self.connection.with_timeout(timeout);
                self
            }

            /// The same client, reading reply bodies up to `limit` bytes (default
            /// [`crate::client::DEFAULT_BODY_LIMIT`]); a longer one is
            /// [`crate::client::Error::BodyTooLarge`].
            pub fn with_body_limit(mut self, limit: usize) -> Self {
                self.connection = self.connection.with_body_limit(limit);
                self
            }

            /// The same client, sending `user_agent` as `User-Agent` (default
            /// [`crate::client::DEFAULT_USER_AGENT`]).
            pub fn with_user_agent(mut self, user_agent: ::http::HeaderValue) -> Self {
                self.connection = self.connection.with_user_agent(user_agent);
                self
            }

            /// The same client, retrying as `policy` says (default
            /// [`crate::client::RetryPolicy::new`]: idempotent calls, at most 3
            /// attempts); `with_retry_policy(RetryPolicy::disabled())` sends every call once.
            pub fn with_retry_policy(mut self, policy: crate::client::RetryPolicy) -> Self {
                self.connection = self.connection.with_retry_policy(policy);
                self
            }

            /// The base URL operation paths are appended to.
            pub fn base_url(&self) -> &str {
                self.connection.base_url()
            }

            /// The HTTP client requests are sent with.
            pub fn http_client(&self) -> &::reqwest::Client {
                self.connection.http_client()
            }

            #auth_getter
        }

        #default
    }
}

fn required_params(op: &Operation) -> impl Iterator<Item = &Param> {
    op.params.iter().filter(|p| p.required)
}

fn optional_params(op: &Operation) -> impl Iterator<Item = &Param> {
    op.params.iter().filter(|p| !p.required)
}

fn body_type(module: &Module, body: &Body) -> TokenStream {
    match &body.kind {
        BodyKind::Json(t) | BodyKind::Form(t) => ty(module, t, &types_path()),
        BodyKind::Multipart { .. } => quote!(crate::client::Multipart),
        BodyKind::Text => quote!(::std::string::String),
        BodyKind::Binary => quote!(crate::client::Binary),
    }
}

/// The type a method or setter takes for `body`: a binary body takes anything
/// that becomes one (bytes, or [`Binary::stream`]).
fn body_argument(module: &Module, body: &Body) -> TokenStream {
    match &body.kind {
        BodyKind::Binary => quote!(impl ::std::convert::Into<crate::client::Binary>),
        _ => body_type(module, body),
    }
}

fn method(module: &Module, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let builder = ident(&op.builder);
    let mut lines = op.doc.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("`{} {}`", op.method, op.path));
    if let Some(BodyKind::Multipart { parts }) = op.body.as_ref().map(|b| &b.kind) {
        lines.push(String::new());
        lines.push(format!(
            "The body is `{}`, built as a [`crate::client::Multipart`].",
            op.body.as_ref().map_or("", |b| b.media_type.as_str())
        ));
        if !parts.is_empty() {
            lines.push(format!("Its documented parts: {}.", parts.join(", ")));
        }
    }
    let required: Vec<&Param> = required_params(op).collect();
    if !required.is_empty() || op.body_required {
        lines.push(String::new());
        for p in &required {
            let first = p
                .doc
                .first()
                .cloned()
                .unwrap_or_else(|| format!("the `{}` {} parameter.", p.name, location_word(p.location)));
            lines.push(format!("- `{}`: {first}", p.ident));
        }
        if op.body_required {
            lines.push("- `body`: the request body".to_owned());
        }
    }
    let doc = docs(&lines);
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &required {
        let field = ident(&p.ident);
        let t = ty(module, &p.ty, &types_path());
        args.push(quote!(#field: #t));
        inits.push(quote!(#field,));
    }
    for p in optional_params(op) {
        let field = ident(&p.ident);
        inits.push(quote!(#field: ::std::option::Option::None,));
    }
    if let Some(body) = &op.body {
        if op.body_required {
            let t = body_argument(module, body);
            args.push(quote!(body: #t));
            inits.push(match &body.kind {
                BodyKind::Binary => quote!(body: body.into(),),
                _ => quote!(body,),
            });
        } else {
            inits.push(quote!(body: ::std::option::Option::None,));
        }
    }
    quote! {
        #doc
        pub fn #name(&self, #(#args),*) -> #builder<'_> {
            #builder { client: self, #(#inits)* timeout: ::std::option::Option::None }
        }
    }
}

fn success_type(module: &Module, op: &Operation) -> TokenStream {
    if let Some(name) = &op.success {
        let name = ident(name);
        return quote!(#name);
    }
    match success_responses(op).first().and_then(|r| r.body.as_ref()) {
        Some(body) => response_type(module, body),
        None => quote!(()),
    }
}

/// The responses read as success: the documented `2xx` ones, else `default`.
fn success_responses(op: &Operation) -> Vec<&Response> {
    op.responses.iter().filter(|r| is_success(op, r)).collect()
}

/// Whether `r` is a success of `op`: a 2XX response, or `default` when none is.
fn is_success(op: &Operation, r: &Response) -> bool {
    let no_2xx = !op.responses.iter().any(|r| r.status.is_success());
    r.status.is_success() || (no_2xx && r.status == Status::Default)
}

fn response_type(module: &Module, body: &Body) -> TokenStream {
    match &body.kind {
        BodyKind::Json(t) | BodyKind::Form(t) => ty(module, t, &types_path()),
        BodyKind::Text => quote!(::std::string::String),
        BodyKind::Multipart { .. } | BodyKind::Binary => quote!(::bytes::Bytes),
    }
}

fn status_pattern(status: Status) -> TokenStream {
    match status {
        Status::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        Status::Range(digit) => {
            let low = proc_macro2::Literal::u16_unsuffixed(digit * 100);
            let high = proc_macro2::Literal::u16_unsuffixed(digit * 100 + 99);
            quote!(#low..=#high)
        }
        Status::Default => quote!(_),
    }
}

fn response_doc(r: &Response) -> TokenStream {
    let status = match r.status {
        Status::Code(code) => code.to_string(),
        Status::Range(digit) => format!("{digit}XX"),
        Status::Default => "Any other status (`default`)".to_owned(),
    };
    let mut lines = vec![format!("{status}: {}", r.doc.first().map(String::as_str).unwrap_or_default())];
    lines.extend(r.doc.iter().skip(1).cloned());
    docs(&lines)
}

fn operation(module: &Module, op: &Operation) -> TokenStream {
    let builder = ident(&op.builder);
    let error = ident(&op.error);
    let method_name = &op.name;
    let success = success_type(module, op);
    let output = quote!(::std::result::Result<#success, crate::client::Error<#error>>);

    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let field = ident(&p.ident);
        let t = ty(module, &p.ty, &types_path());
        if p.required {
            fields.push(quote!(#field: #t));
            continue;
        }
        fields.push(quote!(#field: ::std::option::Option<#t>));
        let mut lines = p.doc.clone();
        if lines.is_empty() {
            lines.push(format!("The `{}` {} parameter.", p.name, location_word(p.location)));
        }
        if let Some(default) = &p.default {
            lines.push(String::new());
            lines.push(format!("When not set, the documented default `{default}` is sent."));
        }
        let doc = docs(&lines);
        setters.push(quote! {
            #doc
            pub fn #field(mut self, value: #t) -> Self {
                self.#field = ::std::option::Option::Some(value);
                self
            }
        });
    }
    if let Some(body) = &op.body {
        let t = body_type(module, body);
        if op.body_required {
            fields.push(quote!(body: #t));
        } else {
            fields.push(quote!(body: ::std::option::Option<#t>));
            let argument = body_argument(module, body);
            let init = match &body.kind {
                BodyKind::Binary => quote!(value.into()),
                _ => quote!(value),
            };
            setters.push(quote! {
                /// The request body (the spec makes it optional).
                pub fn body(mut self, value: #argument) -> Self {
                    self.body = ::std::option::Option::Some(#init);
                    self
                }
            });
        }
    }

    let errors: Vec<&Response> = op.responses.iter().filter(|r| !r.status.is_success()).collect();
    let error_variants = errors.iter().map(|r| response_variant(module, r));
    let success_enum = op.success.as_ref().map(|name| {
        let name = ident(name);
        let variants = success_responses(op).into_iter().map(|r| response_variant(module, r));
        let doc = docs(&[format!("The success responses of {}.", method_link(method_name))]);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants,)*
            }
        }
    });

    let (build, arms) = (build_request(module, op), decode_arms(op));
    let path = &op.path;
    let idempotency_key = match &op.idempotency_key {
        Some(name) => {
            let name = name.to_ascii_lowercase();
            quote!(::std::option::Option::Some(#name))
        }
        None => quote!(::std::option::Option::None),
    };
    let streaming = streams_success(op).then(|| {
        quote! {
            /// Sends the request and returns a success's body as a stream of bytes, read
            /// as it arrives and not limited by the body limit (an error reply is read
            /// and typed as usual).
            pub fn send_streaming(self) -> crate::client::PendingResponse<'a, crate::client::ByteStream, #error> {
                self.exchange().send_streaming(self.request())
            }
        }
    });
    let paging = op.pagination.as_ref().map(|p| paging_methods(module, p, &success, &error));
    let clone = (!sends_binary(op)).then(|| quote!(Clone,));
    let mock = mock_call(op, &builder, &success, &error);
    let headers = typed_headers(module, op);
    let builder_doc = docs(&[
        format!("A `{} {}` request, made by {}.", op.method, op.path, method_link(method_name)),
        String::new(),
        "Set optional parameters with its methods, then `.await` it (or call [`Self::send`]).".to_owned(),
    ]);
    let error_doc = docs(&[format!("The documented error responses of {}, one per status.", method_link(method_name))]);
    quote! {
        #builder_doc
        #[derive(#clone Debug)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #builder<'a> {
            client: &'a super::Client,
            #(#fields,)*
            timeout: ::std::option::Option<::std::time::Duration>,
        }

        impl<'a> #builder<'a> {
            #(#setters)*

            /// A timeout for this request alone, from sending until the whole reply is read.
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.timeout = ::std::option::Option::Some(timeout);
                self
            }

            /// Sends the request and reads the reply: what `.await` does.
            pub fn send(self) -> crate::client::Pending<'a, #success, #error> {
                self.exchange().send(self.request())
            }

            /// Sends the request and reads the reply, keeping its status and headers
            /// with the value.
            pub fn send_with_response(self) -> crate::client::PendingResponse<'a, #success, #error> {
                self.exchange().send_with_response(self.request())
            }

            #streaming
            #paging

            const OPERATION: crate::client::Operation = crate::client::Operation {
                id: #method_name,
                path: #path,
                idempotency_key: #idempotency_key,
            };

            fn exchange(&self) -> crate::client::Exchange<'a, #success, #error> {
                crate::client::Exchange {
                    connection: &self.client.connection,
                    operation: &Self::OPERATION,
                    timeout: self.timeout,
                    decode: Self::decode,
                }
            }

            fn decode(reply: crate::client::Reply) -> #output {
                match reply.status() {
                    #(#arms)*
                }
            }

            fn request(self) -> ::std::result::Result<crate::client::Request, crate::client::RequestError> {
                #build
            }
        }

        #mock

        impl<'a> ::std::future::IntoFuture for #builder<'a> {
            type Output = #output;
            type IntoFuture = crate::client::Pending<'a, #success, #error>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }

        #headers

        #error_doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #error {
            #(#error_variants,)*
        }

        #success_enum
    }
}

/// `<Op>Headers`: the headers `op`'s success responses document, typed, read from
/// a reply's `HeaderMap`.
fn typed_headers(module: &Module, op: &Operation) -> Option<TokenStream> {
    let name = ident(op.headers.as_ref()?);
    let mut seen = Vec::new();
    let headers: Vec<&ResponseHeader> = success_responses(op)
        .into_iter()
        .flat_map(|r| &r.headers)
        .filter(|h| {
            let new = !seen.contains(&h.name.to_ascii_lowercase());
            seen.push(h.name.to_ascii_lowercase());
            new
        })
        .collect();
    let fields = headers.iter().map(|h| {
        let field = ident(&h.field);
        let t = ty(module, &h.ty, &types_path());
        let mut lines = h.doc.clone();
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("The `{}` header.", h.name));
        let doc = docs(&lines);
        quote!(#doc pub #field: ::std::option::Option<#t>)
    });
    let reads = headers.iter().map(|h| {
        let field = ident(&h.field);
        let wire = h.name.to_ascii_lowercase();
        quote!(#field: crate::client::header_value(headers, #wire))
    });
    let doc = docs(&[
        format!("The headers a success reply of {} documents, typed.", method_link(&op.name)),
        String::new(),
        "Read them from `send_with_response()`'s `headers()` with [`Self::read`].".to_owned(),
    ]);
    Some(quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields,)*
        }

        impl #name {
            /// The documented headers of `headers`: a header that is absent, or whose
            /// value is not of its documented type, is `None` (its text stays in
            /// `headers`).
            pub fn read(headers: &::http::HeaderMap) -> Self {
                #name { #(#reads,)* }
            }
        }
    })
}

/// The status a mock answers a response with: its code, the first of its range,
/// or 200 for a success (500 for an error) under `default`.
fn answer_status(r: &Response, success: bool) -> u16 {
    match r.status {
        Status::Code(code) => code,
        Status::Range(digit) => digit * 100,
        Status::Default if success => 200,
        Status::Default => 500,
    }
}

/// The mock's answer for response `r` whose body (if any) is `value`.
fn answer(r: &Response, status: u16, value: &TokenStream) -> TokenStream {
    let Some(body) = &r.body else { return quote!(crate::client::mock::Answer::empty(#status)) };
    let media = &body.media_type;
    match &body.kind {
        BodyKind::Json(_) | BodyKind::Form(_) => quote!(crate::client::mock::Answer::json(#status, #media, #value)),
        BodyKind::Text => quote!(crate::client::mock::Answer::text(#status, #media, #value)),
        BodyKind::Multipart { .. } | BodyKind::Binary => {
            quote!(crate::client::mock::Answer::bytes(#status, #media, #value))
        }
    }
}

/// `impl mock::Call` for the builder (feature `mock`): its request, and the reply
/// each typed outcome is read back from.
fn mock_call(
    op: &Operation,
    builder: &proc_macro2::Ident,
    success: &TokenStream,
    error: &proc_macro2::Ident,
) -> TokenStream {
    let successes = success_responses(op);
    let ok_arms: Vec<TokenStream> = match &op.success {
        Some(name) => {
            let name = ident(name);
            successes
                .iter()
                .map(|r| {
                    let variant = ident(&r.variant);
                    let status = answer_status(r, true);
                    let answer = answer(r, status, &quote!(body));
                    if r.body.is_some() {
                        quote!(::std::result::Result::Ok(#name::#variant(body)) => #answer,)
                    } else {
                        quote!(::std::result::Result::Ok(#name::#variant) => #answer,)
                    }
                })
                .collect()
        }
        None => {
            let answer = match successes.first() {
                Some(r) => answer(r, answer_status(r, true), &quote!(value)),
                None => quote!(crate::client::mock::Answer::empty(200)),
            };
            let binding = if successes.first().is_some_and(|r| r.body.is_some()) { quote!(value) } else { quote!(_) };
            vec![quote!(::std::result::Result::Ok(#binding) => #answer,)]
        }
    };
    let err_arms = op.responses.iter().filter(|r| !r.status.is_success()).map(|r| {
        let variant = ident(&r.variant);
        let answer = answer(r, answer_status(r, false), &quote!(body));
        if r.body.is_some() {
            quote!(::std::result::Result::Err(#error::#variant(body)) => #answer,)
        } else {
            quote!(::std::result::Result::Err(#error::#variant) => #answer,)
        }
    });
    let no_errors = op
        .responses
        .iter()
        .all(|r| r.status.is_success())
        .then(|| quote!(::std::result::Result::Err(never) => match *never {},));
    quote! {
        #[cfg(feature = "mock")]
        impl<'a> crate::client::mock::Call for #builder<'a> {
            type Output = #success;
            type Error = #error;

            fn into_request(self) -> ::std::result::Result<crate::client::Request, crate::client::RequestError> {
                self.request()
            }

            fn answer(outcome: ::std::result::Result<&#success, &#error>) -> crate::client::mock::Answer {
                match outcome {
                    #(#ok_arms)*
                    #(#err_arms)*
                    #no_errors
                }
            }
        }
    }
}

/// Whether `op`'s one success body is binary, which `send_streaming` can stream.
fn streams_success(op: &Operation) -> bool {
    op.success.is_none()
        && matches!(
            success_responses(op).first().and_then(|r| r.body.as_ref()).map(|b| &b.kind),
            Some(BodyKind::Binary)
        )
}

/// Whether `op` sends a binary body, which may be a stream (and cannot be cloned).
fn sends_binary(op: &Operation) -> bool {
    matches!(op.body.as_ref().map(|b| &b.kind), Some(BodyKind::Binary))
}

/// `.pages()` and `.items()` of an operation that pages.
fn paging_methods(
    module: &Module,
    paging: &Pagination,
    success: &TokenStream,
    error: &proc_macro2::Ident,
) -> TokenStream {
    let item = ty(module, &paging.item, &types_path());
    let items = &paging.items;
    let (next, how) = match &paging.next {
        NextPage::Page { param, last } => {
            let last = match last {
                Some(p) => quote!(::std::option::Option::Some(#p)),
                None => quote!(::std::option::Option::None),
            };
            (quote!(crate::client::Next::Page { param: #param, last: #last }), format!("page number (`{param}`)"))
        }
        NextPage::Cursor { param, has_more, id } => (
            quote!(crate::client::Next::Cursor { param: #param, has_more: #has_more, id: #id }),
            format!("cursor (`{param}`, while `{has_more}` is true)"),
        ),
        NextPage::Link => (quote!(crate::client::Next::Link), "the `Link: rel=\"next\"` header".to_owned()),
    };
    let pages_doc = docs(&[
        "Every page, from the one this request asks for to the last, each a whole body;".to_owned(),
        format!("the next page is asked for by {how}. An error ends the stream."),
    ]);
    let items_doc = docs(&[
        format!("Every item of every page (`{items}` of each body), from this request's page to the last;"),
        format!("the next page is asked for by {how}. An error ends the stream."),
    ]);
    quote! {
        const PAGING: crate::client::Paging = crate::client::Paging { items: #items, next: #next };

        #pages_doc
        pub fn pages(self) -> crate::client::Paged<'a, #success, #error> {
            self.exchange().pages(&Self::PAGING, self.request())
        }

        #items_doc
        pub fn items(self) -> crate::client::Paged<'a, #item, #error> {
            self.exchange().items(&Self::PAGING, self.request())
        }
    }
}

/// The variant of a response in its operation's error or success enum, its body
/// held as lower decided ([`Held`]).
fn response_variant(module: &Module, r: &Response) -> TokenStream {
    let doc = response_doc(r);
    let name = ident(&r.variant);
    match (&r.body, r.held) {
        (Some(body), Held::Boxed) => {
            let t = response_type(module, body);
            quote!(#doc #name(::std::boxed::Box<#t>))
        }
        (Some(body), Held::Inline) => {
            let t = response_type(module, body);
            quote!(#doc #name(#t))
        }
        (None, _) => quote!(#doc #name),
    }
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

fn style(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::Form => quote!(crate::client::Style::Form),
        ParamStyle::Simple => quote!(crate::client::Style::Simple),
        ParamStyle::SpaceDelimited => quote!(crate::client::Style::SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(crate::client::Style::PipeDelimited),
        ParamStyle::DeepObject => quote!(crate::client::Style::DeepObject),
    }
}

/// The statement that adds parameter `p`, whose value is `value` (a reference).
fn add_param(p: &Param, value: &TokenStream) -> TokenStream {
    let name = &p.name;
    let explode = explode(p.explode);
    match p.location {
        ParamLocation::Query => {
            let style = style(p.style);
            quote!(request.query(#name, #value, #style, #explode)?;)
        }
        ParamLocation::Header => quote!(request.header(#name, #value, #explode)?;),
        ParamLocation::Cookie => quote!(request.cookie(#name, #value, #explode)?;),
        ParamLocation::Path => TokenStream::new(),
    }
}

/// The path template's segments, each an expression of type `&str`; a segment that
/// mixes text and parameters (`{name}.json`) is concatenated.
fn path_segments(op: &Operation) -> Vec<TokenStream> {
    op.path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            let mut parts = Vec::new();
            let mut rest = segment;
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
                let name = &rest[open + 1..close];
                match op.params.iter().find(|p| p.location == ParamLocation::Path && p.name == name) {
                    Some(p) => {
                        let before = &rest[..open];
                        if !before.is_empty() {
                            parts.push(quote!(#before));
                        }
                        let field = ident(&p.ident);
                        let explode = explode(p.explode);
                        parts.push(quote!(crate::client::path_value(#name, &self.#field, #explode)?.as_str()));
                    }
                    // A template name with no parameter stays as written.
                    None => {
                        let text = &rest[..=close];
                        parts.push(quote!(#text));
                    }
                }
                rest = &rest[close + 1..];
            }
            if !rest.is_empty() {
                parts.push(quote!(#rest));
            }
            match parts.as_slice() {
                [one] => one.clone(),
                _ => quote!([#(#parts),*].concat().as_str()),
            }
        })
        .collect()
}

fn auth_statement(module: &Module, op: &Operation) -> TokenStream {
    let Some(security) = &op.security else { return TokenStream::new() };
    if security.accepted.len() == module.api.auth.len() {
        return quote!(self.client.auth.apply(&mut request)?;);
    }
    let accepted: Vec<&AuthVariant> = security.accepted.iter().map(|&i| &module.api.auth[i]).collect();
    let patterns = accepted.iter().map(|v| {
        let name = ident(&v.name);
        quote!(super::Auth::#name { .. })
    });
    if security.optional {
        // Credentials the operation does not accept are left out.
        return quote! {
            if let #(#patterns)|* = &self.client.auth {
                self.client.auth.apply(&mut request)?;
            }
        };
    }
    let names: Vec<String> = accepted.iter().map(|v| format!("Auth::{}", v.name)).collect();
    let message = format!("`{}` accepts only {}", op.name, names.join(" or "));
    quote! {
        match &self.client.auth {
            #(#patterns)|* => self.client.auth.apply(&mut request)?,
            _ => return ::std::result::Result::Err(crate::client::RequestError::new(#message)),
        }
    }
}

fn read_success(r: &Response, wrap: Option<&str>) -> TokenStream {
    let read = match r.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Json(_) | BodyKind::Form(_)) => quote!(reply.json()),
        Some(BodyKind::Text) => quote!(reply.text()),
        Some(BodyKind::Multipart { .. } | BodyKind::Binary) => quote!(reply.bytes()),
        None => quote!(reply.empty()),
    };
    match wrap {
        Some(success) => {
            let success = ident(success);
            let variant = ident(&r.variant);
            if r.body.is_some() && r.held == Held::Boxed {
                quote!(#read.map(|body| #success::#variant(::std::boxed::Box::new(body))))
            } else if r.body.is_some() {
                quote!(#read.map(#success::#variant))
            } else {
                quote!(#read.map(|()| #success::#variant))
            }
        }
        None => read,
    }
}

/// The runtime's `Explode` value for `explode`.
fn explode(explode: Explode) -> TokenStream {
    match explode {
        Explode::Exploded => quote!(crate::client::Explode::Exploded),
        Explode::Joined => quote!(crate::client::Explode::Joined),
    }
}

fn read_error(r: &Response, error: &proc_macro2::Ident) -> TokenStream {
    let variant = ident(&r.variant);
    match r.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Json(_) | BodyKind::Form(_)) => quote!(reply.api_json(#error::#variant)),
        Some(BodyKind::Text) => quote!(reply.api_text(#error::#variant)),
        Some(BodyKind::Multipart { .. } | BodyKind::Binary) => quote!(reply.api_bytes(#error::#variant)),
        None => quote!(reply.api_empty(#error::#variant)),
    }
}

/// The statements that build an operation's request from its builder's fields.
fn build_request(module: &Module, op: &Operation) -> TokenStream {
    let method = format_ident!("{}", op.method.as_str());
    let segments = path_segments(op);
    let params = op.params.iter().map(|p| {
        let field = ident(&p.ident);
        if p.required {
            return add_param(p, &quote!(&self.#field));
        }
        let given = add_param(p, &quote!(value));
        match &p.default {
            Some(json) => {
                let name = &p.name;
                let default = add_param(p, &quote!(&crate::client::default_value(#name, #json)?));
                quote! {
                    match &self.#field {
                        ::std::option::Option::Some(value) => { #given }
                        ::std::option::Option::None => { #default }
                    }
                }
            }
            None => quote! {
                if let ::std::option::Option::Some(value) = &self.#field {
                    #given
                }
            },
        }
    });
    let body = op.body.as_ref().map(|body| {
        let media = &body.media_type;
        let value = if op.body_required { quote!(self.body) } else { quote!(body) };
        let add = match &body.kind {
            BodyKind::Json(_) => quote!(request.json(&#value, #media)?;),
            BodyKind::Form(_) => quote!(request.form(&#value, #media)?;),
            BodyKind::Text => quote!(request.body_bytes(#value.into_bytes(), #media)?;),
            BodyKind::Binary => quote!(request.binary(#value, #media)?;),
            BodyKind::Multipart { .. } => quote!(request.multipart(#value);),
        };
        if op.body_required {
            add
        } else {
            quote! {
                if let ::std::option::Option::Some(body) = self.body {
                    #add
                }
            }
        }
    });
    let auth = auth_statement(module, op);
    let mut media_types: Vec<&str> = Vec::new();
    for body in op.responses.iter().filter_map(|r| r.body.as_ref()) {
        if !media_types.contains(&body.media_type.as_str()) {
            media_types.push(&body.media_type);
        }
    }
    let accept = (!media_types.is_empty()).then(|| {
        let list = media_types.join(", ");
        quote!(request.accept(#list)?;)
    });
    let changed = op.params.iter().any(|p| p.location != ParamLocation::Path)
        || !auth.is_empty()
        || body.is_some()
        || accept.is_some();
    let request = if changed { quote!(mut request) } else { quote!(request) };
    quote! {
        let connection = &self.client.connection;
        let #request = crate::client::Request::new(connection, ::reqwest::Method::#method, &[#(#segments),*])?;
        #(#params)*
        #accept
        #auth
        #body
        ::std::result::Result::Ok(request)
    }
}

/// The arms of the `match` on the reply's status: exact codes first, then ranges,
/// then `default`, so that the most specific match wins.
fn decode_arms(op: &Operation) -> Vec<TokenStream> {
    let error = ident(&op.error);
    let success_wrap = op.success.as_deref();
    let no_2xx = !op.responses.iter().any(|r| r.status.is_success());
    let mut arms = Vec::new();
    for rank in 0..3 {
        for r in &op.responses {
            let r_rank = match r.status {
                Status::Code(_) => 0,
                Status::Range(_) => 1,
                Status::Default => 2,
            };
            if r_rank != rank {
                continue;
            }
            let is_success = is_success(op, r);
            if r.status == Status::Default {
                if no_2xx && is_success {
                    let read = read_success(r, success_wrap);
                    arms.push(quote!(200..=299 => #read,));
                }
                let read = read_error(r, &error);
                arms.push(quote!(_ => #read,));
                continue;
            }
            let pattern = status_pattern(r.status);
            let read = if r.status.is_success() { read_success(r, success_wrap) } else { read_error(r, &error) };
            arms.push(quote!(#pattern => #read,));
        }
    }
    if success_responses(op).is_empty() {
        // No documented success: any 2xx is one, its body ignored.
        arms.push(quote!(200..=299 => reply.empty(),));
    }
    if !op.responses.iter().any(|r| r.status == Status::Default) {
        arms.push(quote!(_ => reply.unexpected(),));
    }
    arms
}

/// A doc link to a client method; rustdoc cannot link a raw identifier (`r#type`),
/// which is named in code instead.
fn method_link(name: &str) -> String {
    if name.starts_with("r#") {
        format!("`Client::{name}`")
    } else {
        format!("[`Client::{name}`](super::Client::{name})")
    }
}
