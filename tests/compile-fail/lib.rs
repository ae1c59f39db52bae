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
