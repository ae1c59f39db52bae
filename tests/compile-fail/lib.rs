//! What the generated API must refuse at compile time, as `compile_fail` doctests:
//! rustdoc compiles each against the `webhook-bindings` library that the rest of
//! the tests built, so a case costs one small compilation, not a rebuild of every
//! dependency. Each case names the error code it must fail with, and a twin that
//! must compile shows that the case fails for that reason only.
//!
//! A required parameter cannot be left out: `event` is a required query parameter
//! of Fax.Plus's `GET /hooks`.
//!
//! ```compile_fail,E0061
//! use webhook_bindings::client::Secret;
//! use webhook_bindings::faxplus::client::{Auth, Client};
//!
//! let client = Client::new(Auth::PersonalAccessToken(Secret::new("token")));
//! let _request = client.get_webhooks();
//! ```
//!
//! ```
//! use webhook_bindings::client::Secret;
//! use webhook_bindings::faxplus::client::{Auth, Client};
//! use webhook_bindings::faxplus::WebhookEventType;
//!
//! let client = Client::new(Auth::PersonalAccessToken(Secret::new("token")));
//! let _request = client.get_webhooks(WebhookEventType::FaxSent);
//! ```
//!
//! A checked value cannot be built without its checks: the field of a constrained
//! newtype is private.
//!
//! ```compile_fail,E0423
//! let _id = webhook_bindings::quo::ListWebhooksV1UserId(String::from("not checked"));
//! ```
//!
//! ```
//! let _id = webhook_bindings::quo::ListWebhooksV1UserId::new(String::from("US123")).expect("matches ^US");
//! ```
//!
//! The runtime's public enums may grow, as the generated ones do, so they are
//! `#[non_exhaustive]`: a caller's `match` needs a wildcard arm, and a new variant
//! breaks nobody. Each case lists every variant there is today and still fails.
//!
//! ```compile_fail,E0004
//! use webhook_bindings::client::Error;
//!
//! fn describe(e: &Error<()>) -> &'static str {
//!     match e {
//!         Error::Api { .. } => "api",
//!         Error::Unexpected { .. } => "unexpected",
//!         Error::Decode { .. } => "decode",
//!         Error::BodyTooLarge { .. } => "too large",
//!         Error::Transport(_) => "transport",
//!         Error::Request(_) => "request",
//!     }
//! }
//! ```
//!
//! ```
//! use webhook_bindings::client::Error;
//!
//! fn describe(e: &Error<()>) -> &'static str {
//!     match e {
//!         Error::Api { .. } => "api",
//!         Error::Transport(_) => "transport",
//!         _ => "another",
//!     }
//! }
//! ```
//!
//! ```compile_fail,E0004
//! use webhook_bindings::webhooks::{Encoding, Key, SourceCheck};
//!
//! fn names(e: Encoding, k: &Key, s: SourceCheck) -> [&'static str; 3] {
//!     let e = match e {
//!         Encoding::Hex => "hex",
//!         Encoding::Base64 => "base64",
//!     };
//!     let k = match k {
//!         Key::None => "none",
//!         Key::Secret(_) => "secret",
//!         Key::PublicKey(_) => "public key",
//!     };
//!     let s = match s {
//!         SourceCheck::Off => "off",
//!         SourceCheck::Documented => "documented",
//!     };
//!     [e, k, s]
//! }
//! ```
//!
//! ```compile_fail,E0004
//! use webhook_bindings::webhooks::Error;
//!
//! fn status(e: &Error) -> u16 {
//!     match e {
//!         Error::MissingSignature | Error::InvalidSignature | Error::StaleTimestamp { .. } => 401,
//!         Error::Source { .. } => 403,
//!         Error::TooLarge { .. } => 413,
//!         Error::Body(_) => 400,
//!         Error::Key(_) => 500,
//!     }
//! }
//! ```
//!
//! ```compile_fail,E0004
//! use webhook_bindings::runtime::{PatternError, Place, Rule};
//!
//! fn names(p: PatternError, place: &Place, rule: &Rule) -> [&'static str; 3] {
//!     let p = match p {
//!         PatternError::TooManySteps => "steps",
//!         PatternError::Broken => "broken",
//!     };
//!     let place = match place {
//!         Place::Item(_) => "item",
//!         Place::Key => "key",
//!         Place::ValueOf(_) => "value",
//!     };
//!     let rule = match rule {
//!         Rule::Pattern(_) | Rule::MinLength(_) | Rule::MaxLength(_) | Rule::MinItems(_) => "a",
//!         Rule::MaxItems(_) | Rule::UniqueItems | Rule::MinProperties(_) | Rule::MaxProperties(_) => "b",
//!         Rule::Minimum(_) | Rule::Maximum(_) | Rule::ExclusiveMinimum(_) | Rule::ExclusiveMaximum(_) => "c",
//!         Rule::MultipleOf(_) | Rule::Enum | Rule::Never | Rule::Unsatisfiable(_) => "d",
//!     };
//!     [p, place, rule]
//! }
//! ```
