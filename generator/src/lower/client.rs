//! Lowering what a client needs besides its operations: the servers it can talk to
//! and the ways its callers authenticate (`securitySchemes` and `security`).

use openapiv3::{APIKeyLocation, OpenAPI, SecurityRequirement, SecurityScheme};

use super::naming::{self, Scope};
use super::prose::prose;
use super::Lowerer;
use crate::ir::{AuthKind, AuthScheme, AuthVariant, Security, Server};
use crate::resolve::documents::Loc;

/// Method names of the generated client that operations and constructors must not
/// take: its own, and those of the traits it implements or gets by blanket impls, which
/// an inherent method of the same name would shadow (`client.clone()`).
pub const RESERVED_METHODS: &[&str] = &[
    "new",
    "with_base_url",
    "with_http_client",
    "with_timeout",
    "with_body_limit",
    "with_user_agent",
    "base_url",
    "http_client",
    "auth",
    // Clone, Debug, Default and the blanket traits.
    "clone",
    "clone_from",
    "clone_into",
    "to_owned",
    "fmt",
    "default",
    "borrow",
    "borrow_mut",
    "into",
    "try_into",
    "from",
    "try_from",
    "type_id",
];

/// Type names of the generated client module that operations must not take.
pub const RESERVED_TYPES: &[&str] = &["Client", "Auth"];

/// The documented servers, each with its constructor name: `new` for the first, a
/// word of the description for the others (`sandbox`), else `with_origin` for a
/// relative URL and `server_<n>` for an absolute one. Server variables take their
/// defaults.
pub fn servers(api: &OpenAPI, scope: &mut Scope) -> Vec<Server> {
    api.servers
        .iter()
        .enumerate()
        .map(|(i, server)| {
            let mut url = server.url.clone();
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            let relative = !url.contains("://");
            let word = server.description.as_deref().and_then(description_word);
            let name = match (i, word, relative) {
                // Reserved, so that no operation takes it; the first server has it.
                (0, _, _) => return Server { constructor: "new".to_owned(), url, relative, doc: server_doc(server) },
                (_, Some(word), _) => word,
                (_, None, true) => "with_origin".to_owned(),
                (_, None, false) => format!("server_{i}"),
            };
            Server { constructor: scope.claim(name), url, relative, doc: server_doc(server) }
        })
        .collect()
}

fn server_doc(server: &openapiv3::Server) -> Vec<String> {
    let mut doc = Vec::new();
    if let Some(description) = &server.description {
        doc.extend(prose(description));
        doc.push(String::new());
    }
    doc
}

/// The first word of a server description that names it: `Sandbox server (dev...)` → `sandbox`.
fn description_word(description: &str) -> Option<String> {
    let word = description.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty())?;
    let word = naming::snake(word);
    (word.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && word != "server").then_some(word)
}

/// The ways to authenticate met so far, one per distinct security requirement.
#[derive(Default)]
pub struct AuthTable {
    /// The variants, in the order met.
    pub variants: Vec<AuthVariant>,
    keys: Vec<Vec<String>>,
    names: Scope,
}

impl AuthTable {
    fn index(&mut self, mut schemes: Vec<AuthScheme>) -> usize {
        let key: Vec<String> = schemes.iter().map(|s| s.name.clone()).collect();
        if let Some(i) = self.keys.iter().position(|k| *k == key) {
            return i;
        }
        // `api-key` and `api_key` in one requirement would be the same field.
        let mut fields = Scope::default();
        for scheme in &mut schemes {
            scheme.field = fields.claim(std::mem::take(&mut scheme.field));
        }
        let name = self.names.claim(naming::pascal(&key.join(" ")));
        self.keys.push(key);
        self.variants.push(AuthVariant { name, schemes });
        self.variants.len() - 1
    }
}

impl Lowerer<'_, '_> {
    /// The credentials an operation accepts, from its `security` (or the document's),
    /// at `at`. `None` when it needs none.
    pub(super) fn security(
        &mut self,
        requirements: Option<&Vec<SecurityRequirement>>,
        at: &Loc,
        table: &mut AuthTable,
    ) -> Option<Security> {
        let requirements = requirements?;
        let mut security = Security { accepted: Vec::new(), optional: false };
        'requirements: for (i, requirement) in requirements.iter().enumerate() {
            if requirement.is_empty() {
                security.optional = true;
                continue;
            }
            let mut schemes = Vec::new();
            for name in requirement.keys() {
                let Some(scheme) = self.scheme(name) else {
                    self.error(
                        &at.index(i).child(name),
                        format!("security scheme `{name}` is not defined in `components.securitySchemes`"),
                        "define the scheme, or fix the name of the requirement",
                    );
                    continue 'requirements;
                };
                schemes.push(scheme);
            }
            let index = table.index(schemes);
            if !security.accepted.contains(&index) {
                security.accepted.push(index);
            }
        }
        (!security.accepted.is_empty()).then_some(security)
    }

    fn scheme(&self, name: &str) -> Option<AuthScheme> {
        let components = self.spec.api.components.as_ref()?;
        let openapiv3::ReferenceOr::Item(scheme) = components.security_schemes.get(name)? else { return None };
        let (kind, description) = match scheme {
            SecurityScheme::APIKey { location, name, description, .. } => {
                let kind = match location {
                    APIKeyLocation::Header => AuthKind::Header(name.clone()),
                    APIKeyLocation::Query => AuthKind::Query(name.clone()),
                    APIKeyLocation::Cookie => AuthKind::Cookie(name.clone()),
                };
                (kind, description)
            }
            SecurityScheme::HTTP { scheme, description, .. } => {
                let kind = match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => AuthKind::Bearer,
                    "basic" => AuthKind::Basic,
                    _ => AuthKind::Scheme(scheme.clone()),
                };
                (kind, description)
            }
            SecurityScheme::OAuth2 { description, .. } | SecurityScheme::OpenIDConnect { description, .. } => {
                (AuthKind::Bearer, description)
            }
        };
        let doc = description.iter().flat_map(|d| prose(d)).collect();
        Some(AuthScheme { name: name.to_owned(), field: naming::snake(name), kind, doc })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_names() {
        assert_eq!(
            description_word("Sandbox server (dev environment for clients & partners)").as_deref(),
            Some("sandbox")
        );
        assert_eq!(description_word("Production server").as_deref(), Some("production"));
        assert_eq!(description_word("Server for staging"), None);
        assert_eq!(description_word("2nd region"), None);
        assert_eq!(description_word(""), None);
    }

    #[test]
    fn constructors() {
        let api: OpenAPI = serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "servers": [
                {"url": "https://{region}.example.com/v1", "variables": {"region": {"default": "eu"}}},
                {"url": "/v1"},
                {"url": "https://staging.example.com", "description": "Staging"},
                {"url": "https://other.example.com"}
            ]
        }))
        .expect("valid document");
        let mut scope = Scope::with_reserved(RESERVED_METHODS);
        let servers: Vec<(String, String, bool)> =
            servers(&api, &mut scope).into_iter().map(|s| (s.constructor, s.url, s.relative)).collect();
        assert_eq!(
            servers,
            [
                ("new".to_owned(), "https://eu.example.com/v1".to_owned(), false),
                ("with_origin".to_owned(), "/v1".to_owned(), true),
                ("staging".to_owned(), "https://staging.example.com".to_owned(), false),
                ("server_3".to_owned(), "https://other.example.com".to_owned(), false),
            ]
        );
    }
}
