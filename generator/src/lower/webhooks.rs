//! Lowering 3.1 `webhooks`: the union of their payloads, the headers each one
//! declares with a fixed value (facts for dispatch), and the vendor facts of the
//! `x-webhooks` extension (signature schemes, source addresses, the event and
//! delivery headers).
//!
//! The extension, at the document root (an overlay adds it beside a vendor's
//! document; docs/reference.md, "Webhooks", documents every field):
//!
//! ```yaml
//! x-webhooks:
//!   signatures:                    # a delivery must carry one; the first whose header it has decides
//!     - scheme: hmac-sha256        # or standard-webhooks, openphone, ed25519
//!       header: X-Hub-Signature-256
//!       prefix: "sha256="
//!       encoding: hex              # or base64
//!   sources: [192.0.2.1]           # IP addresses deliveries come from
//!   event-header: X-GitHub-Event
//!   delivery-header: X-GitHub-Delivery
//!   body-limit: 26214400           # bytes: the largest delivery the vendor sends
//! ```

use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr};
use serde_json::Value;

use super::naming;
use super::operations::operations;
use super::Lowerer;
use crate::ir::{Delivery, Expect, FeatureId, SignatureEncoding, SignatureScheme, TypeId, TypeKind, Webhooks};
use crate::resolve::documents::Loc;
use crate::resolve::Spec;

/// Each header a webhook requires with a fixed set of values: lower-case name and values.
pub type HeaderFacts = Vec<(String, Vec<String>)>;

/// The webhooks of a spec as lowered: their union, and per variant its header
/// facts and the pointer of its request body (where its examples are).
#[derive(Debug)]
pub struct WebhookUnion {
    /// The `WebhookEvent` union.
    pub id: TypeId,
    /// Per variant: header facts.
    pub headers: Vec<HeaderFacts>,
    /// Per variant: the JSON pointer of the webhook's `requestBody`.
    pub bodies: Vec<String>,
    /// Per variant: the features of the webhook's tags.
    pub features: Vec<Vec<FeatureId>>,
}

/// Standard Webhooks' tolerance, which Quo's legacy scheme also gets by default.
const DEFAULT_TOLERANCE: u64 = 300;

impl<'a> Lowerer<'a, '_> {
    /// Lowers 3.1 `webhooks` into one union of their payloads, named after the
    /// webhook keys. `None` when the spec has no webhook with a body.
    pub fn lower_webhooks(&mut self) -> Option<WebhookUnion> {
        let spec = self.spec;
        let root = spec.docs.root();
        let payloads: Vec<_> = spec
            .webhooks
            .iter()
            .filter_map(|(key, item)| {
                let (method, op) = operations(item).next()?;
                Some((naming::pascal(key), Loc::new(root, "/webhooks").child(key).child(method.key()), op))
            })
            .collect();
        let headers: Vec<HeaderFacts> = payloads.iter().map(|(_, _, op)| header_facts(spec, op)).collect();
        // Untagged webhooks are grouped by the event their event header names.
        let event_header = spec.docs.get(&Loc::new(root, "/x-webhooks/event-header")).and_then(Value::as_str);
        let event_header = event_header.map(str::to_ascii_lowercase);
        let features: Vec<Vec<FeatureId>> = payloads
            .iter()
            .zip(&headers)
            .map(|((_, _, op), facts)| {
                if !op.tags.is_empty() {
                    return self.features.of(&op.tags);
                }
                let group = facts.iter().find(|(name, _)| Some(name) == event_header.as_ref());
                vec![self.features.webhook_group(group.and_then(|(_, values)| values.first()).map(String::as_str))]
            })
            .collect();
        let bodies: Vec<String> = payloads.iter().map(|(_, at, _)| at.child("requestBody").pointer).collect();
        let doc = "A webhook delivery of this API: `webhooks::parse` or `webhooks::Receiver` reads one.";
        let (id, kept) = self.payload_union(payloads, "WebhookEvent", doc, "/webhooks")?;
        Some(WebhookUnion {
            id,
            headers: kept.iter().map(|&i| headers[i].clone()).collect(),
            bodies: kept.iter().map(|&i| bodies[i].clone()).collect(),
            features: kept.iter().map(|&i| features[i].clone()).collect(),
        })
    }

    /// Marks the examples of webhook bodies as deliveries: their tests parse them
    /// with the headers the vendor sends and check the variant they select.
    pub fn mark_deliveries(&mut self, webhooks: &WebhookUnion) {
        let Some(TypeKind::Union(union)) = self.kind(webhooks.id) else { return };
        let names: Vec<String> = union.variants.iter().map(|v| v.name.clone()).collect();
        for example in &mut self.examples {
            let pointer = &example.origin.pointer;
            let Some(i) = webhooks.bodies.iter().position(|b| pointer.starts_with(&format!("{b}/content/"))) else {
                continue;
            };
            if example.expect == Expect::RoundTrip {
                let headers = webhooks.headers[i].iter().map(|(name, values)| (name.clone(), values[0].clone()));
                example.delivery = Some(Delivery { variant: names[i].clone(), headers: headers.collect() });
            }
        }
    }

    /// The vendor facts of the root's `x-webhooks`, for the union of `webhooks`. A
    /// malformed extension is an error at its pointer: a receiver must never check
    /// less than the spec says.
    pub fn webhook_facts(&mut self, webhooks: WebhookUnion) -> Webhooks {
        let mut facts = Webhooks {
            event: webhooks.id,
            signatures: Vec::new(),
            sources: Vec::new(),
            event_header: None,
            delivery_header: None,
            body_limit: None,
            features: webhooks.features,
        };
        let root = self.spec.docs.root();
        let at = Loc::new(root, "/x-webhooks");
        let Some(extension) = self.spec.docs.get(&at) else { return facts };
        let Some(extension) = extension.as_object() else {
            self.error(&at, "`x-webhooks` must be an object".to_owned(), "see docs/reference.md, \"Webhooks\"");
            return facts;
        };
        for (key, value) in extension {
            let here = at.child(key);
            match key.as_str() {
                "signatures" => match value.as_array() {
                    Some(list) => {
                        for (i, scheme) in list.iter().enumerate() {
                            match signature_scheme(scheme) {
                                Ok(s) => facts.signatures.push(s),
                                Err(message) => self.error(&here.index(i), message, SCHEMES_HELP),
                            }
                        }
                    }
                    None => self.error(&here, "`signatures` must be a list".to_owned(), SCHEMES_HELP),
                },
                "sources" => {
                    let addresses: Option<Vec<&str>> = value.as_array().and_then(|list| {
                        list.iter().map(|a| a.as_str().filter(|a| a.parse::<std::net::IpAddr>().is_ok())).collect()
                    });
                    match addresses {
                        Some(addresses) => facts.sources = addresses.into_iter().map(str::to_owned).collect(),
                        None => self.error(
                            &here,
                            "`sources` must be a list of IP addresses".to_owned(),
                            "write each address as `192.0.2.1` or `2001:db8::1`",
                        ),
                    }
                }
                "event-header" | "delivery-header" => match value.as_str().filter(|h| is_header_name(h)) {
                    Some(name) if key == "event-header" => facts.event_header = Some(name.to_ascii_lowercase()),
                    Some(name) => facts.delivery_header = Some(name.to_ascii_lowercase()),
                    None => self.error(&here, format!("`{key}` must be a header name"), "for example `X-Event`"),
                },
                "body-limit" => match value.as_u64().filter(|n| (1..=u64::from(u32::MAX)).contains(n)) {
                    Some(limit) => facts.body_limit = Some(limit),
                    None => self.error(
                        &here,
                        "`body-limit` must be a number of bytes from 1 to 4294967295".to_owned(),
                        "for example `26214400` for 25 MiB",
                    ),
                },
                _ => self.error(
                    &here,
                    format!("unknown field `{key}` of `x-webhooks`"),
                    "the fields are signatures, sources, event-header, delivery-header and body-limit",
                ),
            }
        }
        if facts.signatures.iter().any(SignatureScheme::uses_secret)
            && facts.signatures.iter().any(|s| !s.uses_secret())
        {
            self.error(
                &at.child("signatures"),
                "these schemes need both a secret and a public key, but a receiver has one key".to_owned(),
                SCHEMES_HELP,
            );
        }
        facts
    }
}

const SCHEMES_HELP: &str = "a scheme is `hmac-sha256` (header, prefix, encoding), `standard-webhooks`, `openphone` \
     (each with an optional tolerance in seconds) or `ed25519` (header, encoding)";

/// One entry of `signatures`.
fn signature_scheme(value: &Value) -> Result<SignatureScheme, String> {
    let field = |name: &str| value.get(name).and_then(Value::as_str);
    let header = || {
        field("header")
            .filter(|h| is_header_name(h))
            .map(str::to_ascii_lowercase)
            .ok_or_else(|| "this scheme needs a `header`".to_owned())
    };
    let encoding = || match field("encoding") {
        Some("hex") => Ok(SignatureEncoding::Hex),
        Some("base64") => Ok(SignatureEncoding::Base64),
        _ => Err("`encoding` must be `hex` or `base64`".to_owned()),
    };
    let tolerance = || match value.get("tolerance") {
        None => Ok(DEFAULT_TOLERANCE),
        Some(t) => t.as_u64().ok_or_else(|| "`tolerance` must be a number of seconds".to_owned()),
    };
    match field("scheme") {
        Some("hmac-sha256") => Ok(SignatureScheme::HmacSha256 {
            header: header()?,
            prefix: field("prefix").unwrap_or_default().to_owned(),
            encoding: encoding()?,
        }),
        Some("standard-webhooks") => Ok(SignatureScheme::StandardWebhooks { tolerance: tolerance()? }),
        Some("openphone") => Ok(SignatureScheme::OpenPhone { tolerance: tolerance()? }),
        Some("ed25519") => Ok(SignatureScheme::Ed25519 { header: header()?, encoding: encoding()? }),
        Some(other) => Err(format!("unknown signature scheme `{other}`")),
        None => Err("a signature needs a `scheme`".to_owned()),
    }
}

/// Whether `name` is an HTTP header name (an RFC 9110 token).
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The headers `op` requires whose schema allows a fixed set of strings (`const`
/// or `enum`): what a delivery of this webhook states in its headers.
fn header_facts(spec: &Spec<'_>, op: &openapiv3::Operation) -> HeaderFacts {
    let mut facts = HeaderFacts::new();
    for p in &op.parameters {
        let ReferenceOr::Item(Parameter::Header { parameter_data: data, .. }) = p else { continue };
        let ParameterSchemaOrContent::Schema(schema) = &data.format else { continue };
        let Some(schema) = Spec::schema_loc(schema).and_then(|loc| spec.schemas.get(&loc)) else { continue };
        let values: Option<Vec<String>> = match (schema.const_value, &schema.enum_values) {
            (Some(v), _) => v.as_str().map(|s| vec![s.to_owned()]),
            (None, Some(values)) => values.iter().map(|v| v.as_str().map(str::to_owned)).collect(),
            (None, None) => None,
        };
        if let Some(values) = values.filter(|v| !v.is_empty() && data.required) {
            facts.push((data.name.to_ascii_lowercase(), values));
        }
    }
    facts
}
