//! What the wire tests share: Stripe's own customer fixture, a list page of
//! customers, and a client whose retries wait milliseconds.

use stripe::client::mock::MockServer;
use stripe::client::{RetryPolicy, Secret};
use stripe::stripe::client::{Auth, Client};

pub fn customer(id: &str) -> stripe::stripe::Customer {
    let text = std::fs::read_to_string("fixtures3.json").expect("Stripe's fixtures");
    let fixtures: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let mut customer = fixtures["resources"]["customer"].clone();
    customer["id"] = serde_json::Value::from(id);
    stripe::from_value(customer).expect("Stripe's customer fixture reads")
}

pub fn page(ids: &[&str], has_more: bool) -> stripe::stripe::GetCustomersResponse {
    let data: Vec<serde_json::Value> =
        ids.iter().map(|id| serde_json::to_value(customer(id)).expect("serialises")).collect();
    let page = serde_json::json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/customers"});
    stripe::from_value(page).expect("a list page")
}

pub fn client(server: &MockServer) -> Client {
    let fast = RetryPolicy::new().with_backoff(std::time::Duration::from_millis(1), std::time::Duration::from_millis(5));
    Client::with_base_url(server.uri(), Auth::BearerAuth(Secret::new("sk_test_123"))).with_retry_policy(fast)
}
