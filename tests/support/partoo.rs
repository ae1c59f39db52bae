//! Partoo's webhook list on the wire: items, pages, and a client of the mock server.

use webhook_bindings::client::Secret;
use webhook_bindings::partoo;
use wiremock::{MockServer, ResponseTemplate};

pub fn item(id: u32) -> serde_json::Value {
    serde_json::json!({
        "id": id, "url": format!("https://example.com/hook/{id}"), "event_type": "business_created",
        "created_at": "2024-11-27T16:10:44.929678Z", "updated_at": "2024-11-27T16:10:44.929678Z", "org_id": 7
    })
}

pub fn page(number: u32, max_page: u32, ids: &[u32]) -> ResponseTemplate {
    let body = serde_json::json!({
        "page": number, "max_page": max_page, "count": 5, "items": ids.iter().map(|&id| item(id)).collect::<Vec<_>>()
    });
    ResponseTemplate::new(200).set_body_json(body)
}

pub fn partoo_client(server: &MockServer) -> partoo::client::Client {
    partoo::client::Client::with_base_url(
        format!("{}/v2", server.uri()),
        partoo::client::Auth::ApiKeyAuth(Secret::new("partoo-key")),
    )
}
