//! The quirks of real-world specs, through the golden output of
//! `tests/fixtures/good/realworld.yaml`: callbacks, a recursive documented
//! reference, a discriminator mapping by schema name, a `$ref` into a property.
#![allow(missing_docs, reason = "test scaffolding; the generated items carry docs")]

// The module runs on this crate's runtime, compiled once for every test.
pub use webhook_bindings::{client, runtime};
#[path = "../generator/tests/golden/realworld/mod.rs"]
#[rustfmt::skip]
pub mod realworld;

use realworld::{CallbackEvent, Circle, Shape, Tree};
use serde_json::json;

#[test]
fn callbacks_parse_into_the_callback_union() {
    let event: CallbackEvent = serde_json::from_value(json!({"kind": "round", "radius": 2.0})).expect("a shape");
    let CallbackEvent::PostSubscriptionsOnEvent(Shape::Round(Circle { radius, .. })) = event else {
        panic!("not the onEvent callback: {event:?}")
    };
    assert_eq!(radius.as_f64(), 2.0);
    // The shape union tolerates unknown kinds, but that must not swallow the other callback.
    let closed: CallbackEvent = serde_json::from_value(json!({"reason": "expired"})).expect("a close");
    assert!(matches!(&closed, CallbackEvent::PostSubscriptionsOnClose(p) if p.reason == "expired"), "{closed:?}");
    // What matches neither is kept, as sent, by the variant that tolerates unknown kinds.
    let other: CallbackEvent = serde_json::from_value(json!({"kind": "hexagon"})).expect("kept");
    assert!(
        matches!(&other, CallbackEvent::PostSubscriptionsOnEvent(Shape::Unknown(v)) if v.to_value().is_ok_and(|v| v["kind"] == "hexagon"))
    );
}

#[test]
fn a_mapping_by_schema_name_selects_the_variant() {
    let round: Shape = serde_json::from_value(json!({"kind": "round", "radius": 1})).expect("round");
    assert!(matches!(round, Shape::Round(_)));
    let square: Shape = serde_json::from_value(json!({"kind": "square", "radius": 1})).expect("square");
    assert!(matches!(square, Shape::Square(_)));
}

#[test]
fn a_recursive_documented_reference_is_the_type_itself() {
    let value = json!({"name": "root", "parent": {"name": "up"}, "children": [{"name": "a", "children": []}]});
    let tree: Tree = serde_json::from_value(value.clone()).expect("a tree");
    let parent: &Tree = tree.parent.as_deref().expect("boxed parent");
    assert_eq!(parent.name, "up");
    assert_eq!(tree.children.as_ref().map(|c| c[0].name.as_str()), Some("a"));
    assert_eq!(serde_json::to_value(&tree).expect("serialises"), value);
}

#[test]
fn a_ref_into_a_property_reuses_its_type() {
    // `owner` of the response is `#/components/schemas/Tree/properties/owner`:
    // a nullable string, `nullable` read with its 3.0 meaning in this 3.1 document.
    let response: realworld::PostSubscriptionsResponse =
        serde_json::from_value(json!({"owner": null})).expect("null owner");
    assert_eq!(response.owner, Some(None));
}

#[test]
fn operations_without_operation_id_or_responses_get_names_from_method_and_path() {
    let client = realworld::client::Client::with_base_url("http://127.0.0.1:9");
    let tree = Tree {
        name: "root".to_owned(),
        owner: None,
        parent: None,
        children: None,
        additional_properties: Default::default(),
    };
    let post = client.post_subscriptions("http://cb.example/".parse().expect("url"), tree);
    let ping = client.put_subscriptions_id_ping("a".to_owned());
    assert!(
        format!("{post:?}").contains("PostSubscriptions") && format!("{ping:?}").contains("PutSubscriptionsIdPing")
    );
}

#[path = "support/wire.rs"]
mod wire;

#[tokio::test]
async fn an_operation_without_responses_takes_any_2xx_as_success() {
    let server = wire::serve(202, "text/plain", "queued").await;
    let client = realworld::client::Client::with_base_url(server.uri());
    client.put_subscriptions_id_ping("a b".to_owned()).await.expect("any 2xx is a success");
    let request = &wire::requests(&server).await[0];
    assert_eq!(request.url.path(), "/subscriptions/a%20b/ping");
    assert_eq!(wire::header(request, "content-type"), None, "no body is sent");
    let server = wire::serve(404, "text/plain", "gone").await;
    let client = realworld::client::Client::with_base_url(server.uri());
    let err = client.put_subscriptions_id_ping("a".to_owned()).await.expect_err("404");
    assert!(matches!(err, client::Error::Unexpected { status, .. } if status == 404), "{err:?}");
}
