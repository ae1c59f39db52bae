//! Hand-written round trips through the generated models, for the cases the
//! examples in the specs do not cover: null versus absent, each Quo webhook kind,
//! lists that mix kinds, the Fax.Plus deliveries of the seed page, and Partoo's
//! `allOf` list result and header map.

use serde_json::{json, Value};
use webhook_bindings::{faxplus, faxplus_webhooks, partoo, quo};

/// Deserialises `value` as `T`, checks that it serialises back unchanged, and
/// returns the typed value.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).expect("deserialises");
    let back = serde_json::to_value(&typed).expect("serialises");
    assert!(webhook_bindings::runtime::json_equal(&value, &back), "round trip changed\n  {value}\n  {back}");
    typed
}

mod faxplus_numbers {
    use super::*;

    fn webhook(numbers: Option<Value>) -> Value {
        let mut v = json!({"target": "http://myapp.com/fax_received", "event": "fax_received"});
        if let Some(numbers) = numbers {
            v["numbers"] = numbers;
        }
        v
    }

    #[test]
    fn absent_null_and_list_stay_distinct() {
        let absent: faxplus::Webhook = round_trip(webhook(None));
        let null: faxplus::Webhook = round_trip(webhook(Some(Value::Null)));
        let list: faxplus::Webhook = round_trip(webhook(Some(json!(["+12135550123"]))));
        assert_eq!(absent.numbers, None);
        assert_eq!(null.numbers, Some(None));
        let numbers = list.numbers.flatten().expect("a list");
        assert_eq!(numbers.get().iter().map(|n| n.as_str()).collect::<Vec<_>>(), ["+12135550123"]);
        // Serialised forms differ too: no key, `null`, a list.
        assert!(serde_json::to_value(&absent).unwrap().get("numbers").is_none());
        assert_eq!(serde_json::to_value(&null).unwrap()["numbers"], Value::Null);
    }

    #[test]
    fn required_fields_are_required() {
        let missing_event = json!({"target": "http://myapp.com/fax_received"});
        let err = serde_json::from_value::<faxplus::Webhook>(missing_event).unwrap_err();
        assert!(err.to_string().contains("missing field `event`"), "{err}");
    }

    #[test]
    fn objects_are_read_member_by_member() {
        // Structs read objects through `runtime::object`, not a serde derive: these
        // are the rules that derive gave, held by that code.
        let duplicate = r#"{"target": "http://a.example", "event": "fax_received", "event": "fax_sent"}"#;
        let err = serde_json::from_str::<faxplus::Webhook>(duplicate).unwrap_err();
        assert!(err.to_string().contains("duplicate field `event`"), "{err}");

        let not_an_object = json!(["http://a.example", "fax_received"]);
        let err = serde_json::from_value::<faxplus::Webhook>(not_an_object).unwrap_err();
        assert!(err.to_string().contains("expected struct Webhook"), "{err}");

        // `id` is optional and not nullable: `null` reads as absent, and is not written back.
        let null_id: faxplus::Webhook =
            serde_json::from_value(json!({"id": null, "target": "http://a.example", "event": "fax_received"}))
                .expect("null id");
        assert_eq!(null_id.id, None);
        assert!(serde_json::to_value(&null_id).unwrap().get("id").is_none());

        // A member the schema does not list is kept, and an error inside a listed
        // member names its path.
        let extra: faxplus::Webhook =
            round_trip(json!({"target": "http://a.example", "event": "fax_received", "note": [1, 2]}));
        assert_eq!(extra.additional_properties["note"].to_value().expect("a value"), json!([1, 2]));
        let err =
            webhook_bindings::from_json::<faxplus::Webhook>(br#"{"target": 7, "event": "fax_received"}"#).unwrap_err();
        assert_eq!(err.path(), "target");
    }

    #[test]
    fn response_enums_keep_unknown_values() {
        // The list response carries the event type: a value added by the vendor later
        // is kept, not rejected, and written back as it came.
        let list: faxplus::WebhookList = round_trip(json!({"data": [
            {"id": "1", "target": "https://a.example", "event": "fax_sent"},
            {"id": "2", "target": "https://b.example", "event": "fax_failed"}
        ]}));
        let data = list.data.expect("data");
        assert_eq!(data[0].event.as_str(), "fax_sent");
        assert_eq!(data[1].event.as_str(), "fax_failed");
    }
}

mod faxplus_deliveries {
    use super::*;
    use faxplus_webhooks::WebhookEvent;

    // The three example bodies of the Fax.Plus "Webhook" page, verbatim.
    const FAX_SENT: &str = include_str!("../examples/payloads/faxplus_fax_sent.json");
    const FAX_RECEIVED: &str = include_str!("../examples/payloads/faxplus_fax_received.json");
    const FAX_PAGE_RECEIVED: &str = include_str!("../examples/payloads/faxplus_fax_page_received.json");

    fn parse(text: &str) -> WebhookEvent {
        let event = faxplus_webhooks::webhooks::parse(&Default::default(), text.as_bytes()).expect("parsed");
        // Byte for byte, up to whitespace and key order: `pages` is a `number` and
        // its `1` stays `1`.
        let back = serde_json::to_string(&event).expect("serialises");
        let canonical = webhook_bindings::runtime::testing::canonical;
        assert_eq!(canonical(&back), canonical(text), "round trip");
        event
    }

    #[test]
    fn fax_sent() {
        let WebhookEvent::FaxSent(event) = parse(FAX_SENT) else { panic!("not FaxSent") };
        assert_eq!(event.hook.event_time.to_string(), "2024-09-09 10:44:39");
        assert_eq!(
            event.data.start_time.to_datetime().expect("a date-time").and_utc().to_rfc3339(),
            "2024-09-09T10:44:39+00:00"
        );
        assert_eq!(event.data.pages.as_f64(), 1.0);
        assert_eq!(event.data.file_name, "fax-to-1334304xxxx");
        // hook.id == data.id: a first attempt, not a retry.
        assert_eq!(event.hook.id, event.data.id);
    }

    #[test]
    fn fax_received() {
        let WebhookEvent::FaxReceived(event) = parse(FAX_RECEIVED) else { panic!("not FaxReceived") };
        assert_eq!(event.data.file, "27ade44579274f01b55e552cd361990e.tiff");
        assert_eq!(event.data.status, "success");
    }

    #[test]
    fn fax_page_received() {
        let WebhookEvent::FaxPageReceived(event) = parse(FAX_PAGE_RECEIVED) else { panic!("not FaxPageReceived") };
        assert_eq!(event.data.page.as_f64(), 1.0);
    }

    #[test]
    fn sent_and_received_differ_only_by_event_yet_dispatch_apart() {
        let swapped = FAX_SENT.replace("\"fax_sent\"", "\"fax_received\"");
        assert!(matches!(parse(&swapped), WebhookEvent::FaxReceived(_)));
    }

    #[test]
    fn unknown_events_are_kept_whole() {
        let future = FAX_SENT.replace("\"fax_sent\"", "\"fax_failed\"");
        let WebhookEvent::Unknown(unknown) = parse(&future) else { panic!("not Unknown") };
        assert_eq!(unknown.event(), Some("fax_failed"));
        // Byte for byte, up to the trailing newline of the file (not part of the JSON value).
        assert_eq!(unknown.body(), future.trim_end());
    }

    #[test]
    fn a_timestamp_in_another_format_is_kept_as_sent() {
        let other = FAX_SENT.replacen("2024-09-09 10:44:39", "2024-09-09T10:44:39Z", 1);
        assert_ne!(other, FAX_SENT);
        let WebhookEvent::FaxSent(event) = parse(&other) else { panic!("not FaxSent") };
        assert_eq!(event.hook.event_time.as_str(), "2024-09-09T10:44:39Z");
        assert!(event.hook.event_time.to_datetime().is_err());
    }
}

mod quo_kinds {
    use super::*;
    use quo::ListWebhooksV1ResponseDataItem as Item;

    fn item(events: &[&str], resource_ids: Value) -> Value {
        json!({
            "id": "WHabcd1234", "userId": "US123abc", "orgId": "OR1223abc", "label": null,
            "status": "enabled", "url": "https://example.com/", "key": "example-key",
            "createdAt": "2022-01-01T00:00:00Z", "updatedAt": "2022-01-01T00:00:00Z", "deletedAt": null,
            "events": events, "resourceIds": resource_ids
        })
    }

    fn kind(events: &[&str]) -> Item {
        round_trip(item(events, json!(["PN1234"])))
    }

    #[test]
    fn each_kind_gets_its_variant() {
        assert!(matches!(kind(&["message.received", "message.delivered"]), Item::Message(_)));
        assert!(matches!(kind(&["call.completed", "call.ringing", "call.recording.completed"]), Item::Call(_)));
        assert!(matches!(kind(&["call.summary.completed"]), Item::CallSummary(_)));
        assert!(matches!(kind(&["call.transcript.completed"]), Item::CallTranscript(_)));
        // Contact and task webhooks take exactly `["*"]` as resource ids.
        let wildcard = |events: &[&str]| round_trip::<Item>(item(events, json!(["*"])));
        assert!(matches!(wildcard(&["contact.updated", "contact.deleted"]), Item::Contact(_)));
        assert!(matches!(wildcard(&["task.assigned"]), Item::Task(_)));
    }

    #[test]
    fn dispatch_follows_events_not_order() {
        // A call-summary webhook also satisfies the shape of every other kind but
        // the event enums: first-match would call it a Message.
        let Item::CallSummary(summary) = kind(&["call.summary.completed"]) else { panic!("not CallSummary") };
        assert_eq!(summary.id.as_str(), "WHabcd1234");
        assert_eq!(summary.label, None);
    }

    #[test]
    fn a_response_mixing_kinds() {
        let list: quo::ListWebhooksV1Response = round_trip(json!({"data": [
            item(&["message.received"], json!(["PN1"])),
            item(&["call.ringing"], json!(["*"])),
            item(&["contact.deleted"], json!(["*"])),
            item(&["task.assigned"], json!(["*"])),
            item(&["call.transcript.completed"], json!(["PN3"])),
        ]}));
        let kinds: Vec<&str> = list
            .data
            .iter()
            .map(|i| match i {
                Item::Message(_) => "message",
                Item::Call(_) => "call",
                Item::CallSummary(_) => "summary",
                Item::CallTranscript(_) => "transcript",
                Item::Contact(_) => "contact",
                Item::Task(_) => "task",
                Item::Unknown(_) => "unknown",
                _ => "a kind added later",
            })
            .collect();
        assert_eq!(kinds, ["message", "call", "contact", "task", "transcript"]);
    }

    #[test]
    fn events_from_two_families_or_none_are_unknown() {
        assert!(matches!(kind(&["message.received", "call.ringing"]), Item::Unknown(_)));
        assert!(matches!(kind(&["message.failed"]), Item::Unknown(_)));
        assert!(matches!(kind(&[]), Item::Unknown(_)));
    }

    #[test]
    fn resource_ids_are_ids_or_the_wildcard() {
        use quo::ListWebhooksV1ResponseDataItemMessageResourceIds as Ids;
        let Item::Message(m) = kind(&["message.received"]) else { panic!("not Message") };
        assert!(matches!(m.resource_ids, Ids::StringList(ref ids) if ids[0] == "PN1234"));
        let Item::Message(m) = round_trip::<Item>(item(&["message.received"], json!(["*"]))) else { panic!() };
        assert!(matches!(m.resource_ids, Ids::StarList(_)));
        let err = serde_json::from_value::<Item>(item(&["message.received"], json!(["XX1"]))).unwrap_err();
        assert!(err.to_string().contains("matches none of the alternatives"), "{err}");
    }

    #[test]
    fn kinds_keep_their_own_resource_id_rules() {
        // A contact webhook dispatched by its events must still satisfy its own schema.
        let err = serde_json::from_value::<Item>(item(&["contact.updated"], json!(["PN1"]))).unwrap_err();
        assert!(err.to_string().contains("expected \"*\", found \"PN1\""), "{err}");
    }

    #[test]
    fn error_bodies_have_const_codes() {
        let body = json!({"message": "Not found", "code": "0300404", "status": 404, "docs": "https://quo.com/docs", "title": "Not Found"});
        let typed: quo::ListWebhooksV1NotFound = round_trip(body.clone());
        assert_eq!(quo::ListWebhooksV1NotFoundCode::VALUE, "0300404");
        assert_eq!(typed.message, "Not found");
        let mut wrong = body;
        wrong["code"] = json!("0300400");
        let err = serde_json::from_value::<quo::ListWebhooksV1NotFound>(wrong).unwrap_err();
        assert!(err.to_string().contains("expected \"0300404\", found \"0300400\""), "{err}");
    }
}

mod partoo_models {
    use super::*;

    #[test]
    fn list_result_all_of_merges_paging_and_items() {
        let list: partoo::GetWebhookListResponse = round_trip(json!({
            "page": 1, "max_page": 3, "count": 21,
            "items": [{
                "id": 7, "url": "https://example.com/hook", "event_type": "review_created",
                "created_at": "2024-01-01T00:00:00", "updated_at": "2024-01-02T00:00:00", "org_id": 42,
                "custom_headers": {"X-My-Header": "my-value"}
            }]
        }));
        let items = list.items.expect("items");
        assert_eq!(items[0].org_id, 42);
        let headers = items[0].custom_headers.as_ref().expect("headers");
        let (key, value) = headers.get().iter().next().expect("one header");
        assert_eq!((key.as_str(), value.as_str()), ("X-My-Header", "my-value"));
    }
}
