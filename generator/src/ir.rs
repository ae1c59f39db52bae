//! The intermediate representation: what the emitter turns into Rust.
//!
//! Every Rust name is decided before a value of these types reaches the emitter; the
//! emitter adds no names, reads no spec and makes no typing decision. Types refer to
//! each other through [`TypeId`]s into [`Module::types`].

use serde_json::{Number, Value};

/// Index of a type in [`Module::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A built-in or library type a schema maps to directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i64` (`integer`, whatever its `format`).
    I64,
    /// `runtime::Number`: a JSON number as written (`number`).
    Number,
    /// `runtime::DateTime`: RFC 3339 text as written, parsed on request (`format: date-time`).
    DateTime,
    /// `runtime::Date`: `YYYY-MM-DD` text as written, parsed on request (`format: date`).
    Date,
    /// `runtime::NaiveDateTime`: `YYYY-MM-DD HH:mm:ss` text as written, parsed on
    /// request (`format: naive-date-time`).
    NaiveDateTime,
    /// `runtime::Uri`: the text as written, parsed on request (`format: uri`).
    Url,
    /// `runtime::Timestamp`: an instant as RFC 3339 text or as seconds since the
    /// Unix epoch, as sent (`anyOf: [{type: string, format: date-time}, {type: integer}]`).
    Timestamp,
    /// `runtime::Json`: any JSON, kept as the text it was read from.
    Json,
}

/// How a value of some type is written where it is used.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// A type defined in the module.
    Named(TypeId),
    /// A built-in or library type.
    Scalar(Scalar),
    /// `Vec<T>`.
    Vec(Box<TypeRef>),
    /// `BTreeMap<K, V>`.
    Map(Box<TypeRef>, Box<TypeRef>),
    /// `Option<T>`: the value may be `null`.
    Option(Box<TypeRef>),
    /// `Box<T>`: breaks a recursive type.
    Boxed(Box<TypeRef>),
    /// `()`: only `null`.
    Unit,
}

impl TypeRef {
    /// Wraps in `Option` when `nullable`.
    pub fn nullable(self, nullable: bool) -> TypeRef {
        if nullable && !matches!(self, TypeRef::Option(_) | TypeRef::Unit) {
            TypeRef::Option(Box::new(self))
        } else {
            self
        }
    }

    /// Calls `f` on every type this one mentions, itself included.
    pub fn visit(&self, f: &mut impl FnMut(&TypeRef)) {
        f(self);
        match self {
            TypeRef::Vec(t) | TypeRef::Option(t) | TypeRef::Boxed(t) => t.visit(f),
            TypeRef::Map(k, v) => {
                k.visit(f);
                v.visit(f);
            }
            TypeRef::Named(_) | TypeRef::Scalar(_) | TypeRef::Unit => {}
        }
    }
}

/// Which direction values of a type travel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Sent by the client (parameters, request bodies).
    pub request: bool,
    /// Received by the client (responses, webhook deliveries), or not used by any
    /// operation (treated as received, the tolerant choice).
    pub response: bool,
}

impl Usage {
    /// Whether values may come from the server and so must tolerate additions.
    pub fn tolerant(self) -> bool {
        self.response || !self.request
    }
}

/// The name of the catch-all variant that keeps values a received enum or union
/// does not know.
pub const UNKNOWN: &str = "Unknown";

/// Where something was written in the spec: a document and a JSON pointer in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The document, relative to the spec's folder (`quo.yaml`, `shared/common.yaml`):
    /// the same whatever path the spec was named by.
    pub file: String,
    /// The JSON pointer within it (`""` for the whole document).
    pub pointer: String,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}

/// A type defined in a generated module.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The Rust name, decided by the naming pass.
    pub name: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
    /// What it is.
    pub kind: TypeKind,
    /// Which directions its values travel.
    pub usage: Usage,
    /// Which cargo features compile it.
    pub reach: Reach,
}

/// A cargo feature of the generated crate: one per tag of the spec's operations
/// and webhooks, [`UNTAGGED`] for operations without a tag, and for webhooks
/// without one, the event their event header names or [`WEBHOOKS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// Its name in `Cargo.toml`: the tag in kebab-case. In a crate of several
    /// modules the driver prefixes it with the module's name.
    pub name: String,
    /// What it enables, one line for the comment beside it.
    pub doc: String,
}

/// How a module's code is gated on cargo features. Within a module, its tag
/// features gate its operations, webhooks and types when there are at least two of
/// them; one tag divides nothing, and then the module's code is gated as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gating {
    /// No `#[cfg]` at all: the code compiles whole in a crate that declares none of
    /// its features (a crate that embeds generated code, the generator's tests).
    Ungated,
    /// The crate's only module: [`FULL`] compiles all of it, and `lib.rs` does not
    /// gate it.
    Crate,
    /// One module of several: `lib.rs` gates it on `whole` (its vendor's feature,
    /// which turns its tag features on) or any of its tag features.
    Module {
        /// The feature that compiles all of the module.
        whole: String,
    },
}

/// The feature of the operations without a tag.
pub const UNTAGGED: &str = "untagged";

/// The feature of the webhooks without a tag, when no event header groups them.
pub const WEBHOOKS: &str = "webhooks";

/// The feature that turns every other one on; it alone compiles the types no
/// operation or webhook uses.
pub const FULL: &str = "full";

/// The feature that derives `Serialize` for the types the client never sends
/// (responses, webhook deliveries, unused types): received data needs only
/// `Deserialize`, and the derive is the largest part of checking a large API.
pub const SERIALIZE: &str = "serialize";

/// An index into [`Module::features`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FeatureId(pub usize);

impl FeatureId {
    /// Every feature of `lists`, each once, sorted.
    pub fn union<'f>(lists: impl IntoIterator<Item = &'f [FeatureId]>) -> Vec<FeatureId> {
        let mut all: Vec<FeatureId> = lists.into_iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// Which features compile a type: those of the operations and webhooks that reach
/// it through the type graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Any of these (sorted, never empty).
    Features(Vec<FeatureId>),
    /// No operation or webhook reaches it: only [`FULL`] compiles it.
    Unused,
}

/// The shape of a defined type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// `type Name = T;` for a named schema that maps to an existing type.
    Alias(TypeRef),
    /// A struct of named fields.
    Struct(Struct),
    /// A string enum.
    Enum(Enum),
    /// A type with exactly one value (`const`).
    Const(Value),
    /// A checked wrapper around another type (constrained values).
    Newtype(Newtype),
    /// One of several types (`anyOf`/`oneOf`, webhook deliveries).
    Union(Union),
}

/// A struct.
#[derive(Debug, Clone)]
pub struct Struct {
    /// The fields, in document order.
    pub fields: Vec<Field>,
    /// What happens to properties the schema does not list.
    pub additional: Additional,
    /// The Rust name of the field that keeps them, when they are kept.
    pub additional_field: String,
}

/// What happens to properties an object schema does not list.
#[derive(Debug, Clone, PartialEq)]
pub enum Additional {
    /// Kept as JSON in a flattened map (`additionalProperties` absent or `true`, or
    /// `false` on a received type: see docs/reference.md, "Unknown properties").
    Kept,
    /// Rejected when deserialising (`additionalProperties: false` on a sent type).
    Rejected,
    /// Kept in a flattened map whose values must have this type.
    Typed(TypeRef),
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Rust identifier (may be raw, `r#type`).
    pub name: String,
    /// The property name on the wire.
    pub json_name: String,
    /// The value type; `Option` when the schema allows `null`.
    pub ty: TypeRef,
    /// Whether the property must be present.
    pub required: bool,
    /// Doc comment lines.
    pub doc: Vec<String>,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct Enum {
    /// The known values.
    pub variants: Vec<EnumVariant>,
    /// The name of the catch-all variant for unknown values, on tolerant enums.
    pub unknown: Option<String>,
}

/// One value of a string enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// The Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub value: String,
}

/// A checked wrapper around another type.
#[derive(Debug, Clone)]
pub struct Newtype {
    /// The wrapped type.
    pub inner: TypeRef,
    /// What a value must satisfy.
    pub checks: Checks,
}

/// The rules a checked value must satisfy: on the value itself, and on the
/// elements of an array or map whose element schemas were folded into it (so that
/// `Vec<String>` with a pattern on its items needs one checked type, not two).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checks {
    /// Rules on the value itself.
    pub rules: Vec<Check>,
    /// Checks on each item of an array.
    pub items: Option<Box<Checks>>,
    /// Checks on each key of a map.
    pub keys: Option<Box<Checks>>,
    /// Checks on each value of a map.
    pub values: Option<Box<Checks>>,
}

impl Checks {
    /// Checks of the value itself only.
    pub fn of(rules: Vec<Check>) -> Self {
        Checks { rules, ..Checks::default() }
    }

    /// Whether nothing is checked.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.items.is_none() && self.keys.is_none() && self.values.is_none()
    }

    /// The types the checks read values as (`patternProperties`' schemas), at
    /// every level.
    pub fn types(&self) -> Vec<&TypeRef> {
        let mut out: Vec<&TypeRef> = Vec::new();
        for rule in &self.rules {
            if let Check::PatternProperties { patterns, others } = rule {
                out.extend(patterns.iter().map(|(_, t)| t));
                if let Others::Typed(t) = others {
                    out.push(t);
                }
            }
        }
        for nested in [&self.items, &self.keys, &self.values].into_iter().flatten() {
            out.extend(nested.types());
        }
        out
    }

    /// `Some(self)` when something is checked.
    pub fn non_empty(self) -> Option<Box<Checks>> {
        (!self.is_empty()).then(|| Box::new(self))
    }
}

/// One validation rule, named after its JSON Schema keyword.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// `pattern` (ECMA-262, unanchored), with its translation for the checks.
    Pattern(crate::pattern::Translated),
    /// `minLength`, in code points.
    MinLength(u64),
    /// `maxLength`, in code points.
    MaxLength(u64),
    /// `minItems`.
    MinItems(u64),
    /// `maxItems`.
    MaxItems(u64),
    /// `uniqueItems: true`.
    UniqueItems,
    /// `minProperties`.
    MinProperties(u64),
    /// `maxProperties`.
    MaxProperties(u64),
    /// `dependentRequired`: when the first property is present, each of the others
    /// must be too.
    DependentRequired(Vec<(String, Vec<String>)>),
    /// `patternProperties` on a map of JSON values: a value whose key matches a
    /// pattern must read as that pattern's type (as each of them, when several
    /// match), and a value whose key matches none is held to `others`
    /// (`additionalProperties`).
    PatternProperties {
        /// Each pattern with the type of the values it governs.
        patterns: Vec<(crate::pattern::Translated, TypeRef)>,
        /// What the values whose keys match no pattern must be.
        others: Others,
    },
    /// `minimum`.
    Minimum(Number),
    /// `maximum`.
    Maximum(Number),
    /// `exclusiveMinimum` (3.1 form).
    ExclusiveMinimum(Number),
    /// `exclusiveMaximum` (3.1 form).
    ExclusiveMaximum(Number),
    /// `multipleOf`.
    MultipleOf(Number),
    /// `enum` of values that are not all strings.
    Enum(Vec<Value>),
    /// The schema `false`: no value is allowed.
    Never,
    /// Bounds that no value satisfies together: every value is refused, with why.
    Unsatisfiable(String),
}

impl Check {
    /// The keyword and bound of a rule, as the runtime's messages quote them
    /// (`maxLength 512`, `pattern ^WH(.*)$`).
    pub fn describe(&self) -> String {
        // Written as the runtime prints the bound: an integer, or an `f64` (never in
        // exponent form).
        let n = |keyword: &str, bound: &Number| match bound.as_i64() {
            Some(i) => format!("{keyword} {i}"),
            None => format!("{keyword} {}", bound.as_f64().unwrap_or_default()),
        };
        match self {
            Check::Pattern(p) => format!("pattern {}", p.source),
            Check::MinLength(b) => format!("minLength {b}"),
            Check::MaxLength(b) => format!("maxLength {b}"),
            Check::MinItems(b) => format!("minItems {b}"),
            Check::MaxItems(b) => format!("maxItems {b}"),
            Check::UniqueItems => "uniqueItems".to_owned(),
            Check::MinProperties(b) => format!("minProperties {b}"),
            Check::MaxProperties(b) => format!("maxProperties {b}"),
            Check::DependentRequired(dependencies) => {
                let each: Vec<String> = dependencies
                    .iter()
                    .map(|(property, requires)| format!("{property} → {}", requires.join(", ")))
                    .collect();
                format!("dependentRequired {}", each.join("; "))
            }
            Check::PatternProperties { patterns, .. } => {
                let sources: Vec<&str> = patterns.iter().map(|(p, _)| p.source.as_str()).collect();
                format!("patternProperties {}", sources.join(", "))
            }
            Check::Minimum(b) => n("minimum", b),
            Check::Maximum(b) => n("maximum", b),
            Check::ExclusiveMinimum(b) => n("exclusiveMinimum", b),
            Check::ExclusiveMaximum(b) => n("exclusiveMaximum", b),
            Check::MultipleOf(b) => n("multipleOf", b),
            Check::Enum(values) => format!("enum {}", Value::Array(values.clone())),
            Check::Never => "the schema `false`".to_owned(),
            Check::Unsatisfiable(reason) => format!("bounds no value satisfies ({reason})"),
        }
    }
}

/// What `additionalProperties` asks of the values beside `patternProperties`.
#[derive(Debug, Clone, PartialEq)]
pub enum Others {
    /// Anything.
    Any,
    /// Nothing: such a property is refused.
    Never,
    /// Values that read as this type.
    Typed(TypeRef),
}

/// A union of types.
#[derive(Debug, Clone)]
pub struct Union {
    /// The alternatives, in document order.
    pub variants: Vec<UnionVariant>,
    /// How a value on the wire picks its variant.
    pub dispatch: Dispatch,
    /// `oneOf` on a sent type: a value that more than one variant accepts is rejected.
    /// Received types take the first match (see docs/reference.md, "Validation").
    pub exclusive: bool,
    /// The name of the catch-all variant that keeps an unrecognised value, on
    /// tolerant unions that dispatch by value.
    pub unknown: Option<String>,
    /// The order alternatives are tried in, when [`Dispatch::TryEach`]: indices of
    /// `variants`. Document order, except that on a union that takes the first
    /// match, alternatives that accept anything go last, so that they cannot hide
    /// the others (see `lower::union::try_order`).
    pub try_order: Vec<usize>,
}

/// One alternative of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether the type was defined for this union (its name follows the variant's).
    pub inline: bool,
}

/// How a union picks its variant when deserialising.
#[derive(Debug, Clone, PartialEq)]
pub enum Dispatch {
    /// Try each variant in order; the first that deserialises wins.
    TryEach,
    /// Choose by what the value (and, for webhooks, the request) states; see
    /// [`Selector`].
    Select(Selector),
}

/// How a value selects a union variant without trying any: each variant's facts
/// (values a key must take) and required properties. The runtime's
/// `runtime::select` documents the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Selector {
    /// What the facts read: headers first, then body paths, shortest first.
    pub keys: Vec<SelectKey>,
    /// One route per variant, in variant order.
    pub routes: Vec<Route>,
}

/// What a fact reads. Keys order headers first, then body paths, shortest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectKey {
    /// A request header, by lower-case name (webhooks only).
    Header(String),
    /// The string (or strings of an array) at this property path of the body.
    Body(Vec<String>),
}

impl PartialOrd for SelectKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SelectKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (self, other) {
            (SelectKey::Header(a), SelectKey::Header(b)) => a.cmp(b),
            (SelectKey::Header(_), SelectKey::Body(_)) => Ordering::Less,
            (SelectKey::Body(_), SelectKey::Header(_)) => Ordering::Greater,
            (SelectKey::Body(a), SelectKey::Body(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        }
    }
}

/// How one variant is recognised.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Route {
    /// Key index → the values that key must take.
    pub facts: Vec<(usize, Vec<String>)>,
    /// The top-level properties its bodies must have.
    pub required: Vec<String>,
}

impl Selector {
    /// The values of each route on a key, `None` for routes without a fact on it.
    pub fn values_on(&self, key: usize) -> impl Iterator<Item = Option<&Vec<String>>> {
        self.routes.iter().map(move |r| r.facts.iter().find(|(k, _)| *k == key).map(|(_, v)| v))
    }
}

/// What receiving a spec's webhooks needs besides their payload types: the
/// vendor facts of its `x-webhooks` extension.
#[derive(Debug, Clone)]
pub struct Webhooks {
    /// The `WebhookEvent` union of the payloads, dispatched by a [`Selector`].
    pub event: TypeId,
    /// The signature schemes a delivery may carry; empty when the vendor signs nothing.
    pub signatures: Vec<SignatureScheme>,
    /// The addresses deliveries come from, when the vendor documents them.
    pub sources: Vec<String>,
    /// The header that names the event, lower case.
    pub event_header: Option<String>,
    /// The header that identifies a delivery across retries, lower case.
    pub delivery_header: Option<String>,
    /// The largest body a receiver reads by default, in bytes, when the vendor
    /// documents one (else the runtime's default).
    pub body_limit: Option<u64>,
    /// Per variant of `event`: the features of its webhook's tags.
    pub features: Vec<Vec<FeatureId>>,
}

/// How a vendor signs its deliveries (the runtime's `webhooks::Scheme`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureScheme {
    /// HMAC-SHA256 of the body in one header, after `prefix`.
    HmacSha256 {
        /// The header, lower case.
        header: String,
        /// What precedes the digest.
        prefix: String,
        /// How the digest is written.
        encoding: SignatureEncoding,
    },
    /// Standard Webhooks v1.
    StandardWebhooks {
        /// Seconds of tolerance either way.
        tolerance: u64,
    },
    /// Quo's (OpenPhone's) `openphone-signature`.
    OpenPhone {
        /// Seconds of tolerance either way.
        tolerance: u64,
    },
    /// Ed25519 of the body in one header.
    Ed25519 {
        /// The header, lower case.
        header: String,
        /// How the signature is written.
        encoding: SignatureEncoding,
    },
}

impl SignatureScheme {
    /// Whether the scheme is checked with a shared secret (else a public key).
    pub fn uses_secret(&self) -> bool {
        // No wildcard: a new scheme says which key it takes.
        match self {
            SignatureScheme::HmacSha256 { .. }
            | SignatureScheme::StandardWebhooks { .. }
            | SignatureScheme::OpenPhone { .. } => true,
            SignatureScheme::Ed25519 { .. } => false,
        }
    }
}

/// How a signature is written in its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureEncoding {
    /// Hexadecimal.
    Hex,
    /// Standard base64.
    Base64,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie.
    Cookie,
}

/// How a parameter value is written (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `form`: `name=a&name=b` exploded, `name=a,b` not (the query and cookie default).
    Form,
    /// `simple`: `a,b` (the path and header default; `label` and `matrix` fall back to it).
    Simple,
    /// `spaceDelimited`: `name=a%20b`.
    SpaceDelimited,
    /// `pipeDelimited`: `name=a|b`.
    PipeDelimited,
    /// `deepObject`: `name[key]=value`.
    DeepObject,
}

/// Whether an array or object parameter is written one pair per element (OpenAPI
/// `explode: true`) or joined into one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explode {
    /// One pair per element: `ids=1&ids=2`.
    Exploded,
    /// One value: `ids=1,2`.
    Joined,
}

/// An operation parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// The name on the wire.
    pub name: String,
    /// The Rust identifier.
    pub ident: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Whether it must be given.
    pub required: bool,
    /// Its type.
    pub ty: TypeRef,
    /// How its value is written.
    pub style: ParamStyle,
    /// How arrays and objects are written.
    pub explode: Explode,
    /// The documented default as JSON text, sent when the caller gives no value. The
    /// lower stage checked it against the schema's rules.
    pub default: Option<String>,
    /// Doc comment lines.
    pub doc: Vec<String>,
}

/// A request or response body.
#[derive(Debug, Clone)]
pub struct Body {
    /// The media type as the spec writes it.
    pub media_type: String,
    /// How the body is encoded.
    pub kind: BodyKind,
}

impl Body {
    /// The type of a JSON or form body.
    pub fn ty(&self) -> Option<&TypeRef> {
        match &self.kind {
            BodyKind::Json(t) | BodyKind::Form(t) => Some(t),
            BodyKind::Multipart { .. } | BodyKind::Text | BodyKind::Binary => None,
        }
    }
}

/// How a body is encoded.
#[derive(Debug, Clone)]
pub enum BodyKind {
    /// JSON (`application/json`, `*/*`, `+json`) of this type.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded` of this type.
    Form(TypeRef),
    /// `multipart/form-data`, built by the caller as parts.
    Multipart {
        /// The parts the spec documents: `name` and what it holds, for the docs.
        parts: Vec<String>,
    },
    /// Text (`text/*`, XML): a `String`.
    Text,
    /// Anything else: raw bytes.
    Binary,
}

/// The status codes a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// One code.
    Code(u16),
    /// `4XX`: every code with this first digit.
    Range(u16),
    /// `default`: every error status the operation does not list.
    Default,
}

impl Status {
    /// Whether the status is a success (`2xx`).
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(digit) => digit == 2,
            Status::Default => false,
        }
    }
}

/// One documented response of an operation.
#[derive(Debug, Clone)]
pub struct Response {
    /// The codes it covers.
    pub status: Status,
    /// Its variant in the operation's error (or success) enum.
    pub variant: String,
    /// Its body, if it has one.
    pub body: Option<Body>,
    /// How its body is held in its variant of the operation's error or success enum.
    pub held: Held,
    /// The headers it documents (but `Content-Type`), in document order.
    pub headers: Vec<ResponseHeader>,
    /// Doc comment lines (the response description).
    pub doc: Vec<String>,
}

/// How a response body is held in its variant of an enum of responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// In a `Box`: a typed body, so that the result of every call stays small
    /// whatever the body.
    Boxed,
    /// As is: text, bytes, or no body.
    Inline,
}

/// A header a response documents.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    /// The name on the wire.
    pub name: String,
    /// The Rust field name.
    pub field: String,
    /// Its type: the schema's when only `type` and `format` shape it, else `String`.
    pub ty: TypeRef,
    /// Doc comment lines.
    pub doc: Vec<String>,
}

/// An operation (path + method).
#[derive(Debug, Clone)]
pub struct Operation {
    /// The Rust method name on the client.
    pub name: String,
    /// The name of its request builder type.
    pub builder: String,
    /// The name of its enum of documented error responses.
    pub error: String,
    /// The name of its enum of success responses, when several differ.
    pub success: Option<String>,
    /// The name of the struct of the headers its success responses document, when
    /// they document any.
    pub headers: Option<String>,
    /// The HTTP method.
    pub method: Method,
    /// The path template.
    pub path: String,
    /// Its parameters, path item parameters included.
    pub params: Vec<Param>,
    /// Its request body.
    pub body: Option<Body>,
    /// Whether the request body must be given.
    pub body_required: bool,
    /// Its responses, in document order.
    pub responses: Vec<Response>,
    /// The credentials it accepts; `None` when it needs none.
    pub security: Option<Security>,
    /// The features of its tags: any of them compiles it.
    pub features: Vec<FeatureId>,
    /// How it pages, when it returns one page of a list.
    pub pagination: Option<Pagination>,
    /// The header parameter that makes a call safe to repeat (`Idempotency-Key`).
    pub idempotency_key: Option<String>,
    /// Doc comment lines.
    pub doc: Vec<String>,
}

/// How an operation pages: where a page's items are, their type, and how the next
/// page is asked for. From the operation's `x-pagination`, or inferred where the
/// pattern is unambiguous (see `lower/paging.rs`).
#[derive(Debug, Clone)]
pub struct Pagination {
    /// The JSON pointer of the items' array in the success body (`""`: the body).
    pub items: String,
    /// The type of one item.
    pub item: TypeRef,
    /// How the next page is asked for.
    pub next: NextPage,
}

/// How the request for the next page is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPage {
    /// Query parameter `param` numbers the pages; `last` points at the last page's
    /// number in the body, when it has one.
    Page {
        /// The query parameter's name.
        param: String,
        /// The JSON pointer of the last page's number.
        last: Option<String>,
    },
    /// Query parameter `param` takes the id (pointer `id` in an item) of the last
    /// item, while the body's `has_more` pointer is `true`.
    Cursor {
        /// The query parameter's name.
        param: String,
        /// The JSON pointer of the flag in the body.
        has_more: String,
        /// The JSON pointer of the id in an item.
        id: String,
    },
    /// The reply's `Link` header names the next page (`rel="next"`).
    Link,
}

/// An HTTP method an OpenAPI path item may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

impl Method {
    /// Every method, in the order of a path item's fields.
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// Its key in a path item, lower case (`get`).
    pub fn key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }

    /// The method as HTTP writes it, upper case (also the name of its `http::Method`
    /// constant).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The credentials an operation accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Security {
    /// Indexes into [`Api::auth`] of the accepted ways to authenticate.
    pub accepted: Vec<usize>,
    /// Whether the operation may also be called without credentials.
    pub optional: bool,
}

/// What a client of the API needs besides its operations: where it is served and how
/// callers authenticate.
#[derive(Debug, Clone, Default)]
pub struct Api {
    /// The documented servers; the first is the default.
    pub servers: Vec<Server>,
    /// The ways to authenticate: one per alternative of the security requirements.
    pub auth: Vec<AuthVariant>,
}

/// A documented server.
#[derive(Debug, Clone)]
pub struct Server {
    /// The name of its client constructor (`new` for the first).
    pub constructor: String,
    /// Its URL, with server variables replaced by their defaults.
    pub url: String,
    /// Whether the URL is relative (`/v3`): the constructor then takes the origin.
    pub relative: bool,
    /// Doc comment lines.
    pub doc: Vec<String>,
}

/// One way to authenticate: the schemes of one security requirement, all applied.
#[derive(Debug, Clone)]
pub struct AuthVariant {
    /// The Rust variant name.
    pub name: String,
    /// The schemes, in requirement order.
    pub schemes: Vec<AuthScheme>,
}

/// One security scheme within an [`AuthVariant`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthScheme {
    /// The name in `components.securitySchemes`.
    pub name: String,
    /// The Rust field name when the variant has several schemes.
    pub field: String,
    /// How the credential is sent.
    pub kind: AuthKind,
    /// Doc comment lines.
    pub doc: Vec<String>,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthKind {
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth2, OpenID Connect).
    Bearer,
    /// `Authorization: Basic ...` (HTTP basic).
    Basic,
    /// `Authorization: <scheme> <credentials>` for any other HTTP scheme.
    Scheme(String),
    /// An API key in this header, as is.
    Header(String),
    /// An API key in this query parameter.
    Query(String),
    /// An API key in this cookie.
    Cookie(String),
}

/// An example value from the spec and the type it must round-trip through.
#[derive(Debug, Clone)]
pub struct Example {
    /// The type.
    pub ty: TypeRef,
    /// The value.
    pub value: Value,
    /// Where it was written.
    pub origin: Origin,
    /// The name of its generated test.
    pub test: String,
    /// What the generated test expects of it.
    pub expect: Expect,
    /// For the body of a webhook: the delivery it is, which the test parses
    /// through `webhooks::parse` instead of its type.
    pub delivery: Option<Delivery>,
}

/// A webhook example as a delivery: the variant it must select, and the headers
/// the vendor sends with it (each header fact's first value).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Delivery {
    /// The `WebhookEvent` variant.
    pub variant: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
}

/// What a generated example test checks.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Expect {
    /// Deserialise, serialise, compare: the JSON value is unchanged.
    RoundTrip,
    /// The example breaks its own schema (the reason says how), so deserialising
    /// it must fail.
    Rejected(String),
}

/// One generated module: everything generated from one spec.
#[derive(Debug, Clone)]
pub struct Module {
    /// The Rust module name.
    pub name: String,
    /// The spec file it comes from, as given.
    pub source: String,
    /// The API's title (`info.title`), as doc text.
    pub title: String,
    /// Doc comment lines for the module.
    pub doc: Vec<String>,
    /// Its types, in discovery order (component schemas first).
    pub types: Vec<TypeDef>,
    /// The files its types are written to, each a module of the output (see
    /// `lower::files`), sorted by name.
    pub files: Vec<TypeFile>,
    /// Its operations, in document order.
    pub operations: Vec<Operation>,
    /// The files of the client its operations are written to, grouped by tag (see
    /// `lower::files`), sorted by name.
    pub operation_files: Vec<OperationFile>,
    /// Its servers and ways to authenticate.
    pub api: Api,
    /// Its webhooks, when it has any: the union of their payloads and the vendor facts.
    pub webhooks: Option<Webhooks>,
    /// The union of the callback payloads of its operations, when they have `callbacks`.
    pub callbacks: Option<TypeId>,
    /// The features of the operations that declare callbacks.
    pub callback_features: Vec<FeatureId>,
    /// Its cargo features, one per tag, in order of first use. They gate its code
    /// only where they divide it: when there are at least two (see [`Gating`]).
    pub features: Vec<Feature>,
    /// How its code is gated on cargo features.
    pub gating: Gating,
    /// Its examples, deduplicated, in document order.
    pub examples: Vec<Example>,
    /// Whether reading JSON enforces the constraints, or only building values does.
    pub reading: Reading,
}

impl Module {
    /// The tag features that gate parts of the module: none unless there are two or
    /// more (one tag divides nothing) and the module is gated at all.
    pub fn dividing_features(&self) -> &[Feature] {
        match (&self.gating, self.features.as_slice()) {
            (Gating::Ungated, _) | (_, [] | [_]) => &[],
            (_, all) => all,
        }
    }
}

/// One file of a module's types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeFile {
    /// Its module name (and file stem), unique in the module.
    pub name: String,
    /// Its types, in module order.
    pub types: Vec<TypeId>,
}

/// One file of a module's client: the operations of one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationFile {
    /// Its module name (and file stem), unique in the client.
    pub name: String,
    /// Indices into [`Module::operations`], in document order.
    pub operations: Vec<usize>,
}

/// Whether deserialising a checked value enforces its constraints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Reading checks the constraints, as constructors do.
    Checked,
    /// Reading takes the value as typed; only constructors check (received data is
    /// trusted, values the caller builds and sends are not).
    Trusted,
}
