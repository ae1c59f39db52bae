// `event` is a required query parameter of `GET /hooks`: the method cannot be
// called without it.
use webhook_bindings::client::Secret;
use webhook_bindings::faxplus::client::{Auth, Client};

fn main() {
    let client = Client::new(Auth::PersonalAccessToken(Secret::new("token")));
    let _request = client.get_webhooks();
}
