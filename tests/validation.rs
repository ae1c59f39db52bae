//! The constraints the three vendor specs state, each with a valid and an invalid
//! value, both when a value is built (checked constructors) and when it arrives
//! from the wire (`from_json`, whose error gives the JSON path and the rule).

use std::collections::BTreeMap;

use serde_json::{json, Value};
use webhook_bindings::runtime::{Place, Rule};
use webhook_bindings::{faxplus, from_json, partoo, quo, ConstraintError};

// One spec in the three validation modes (`generator/tests/golden/`), on this
// crate's runtime.
pub use webhook_bindings::{client, runtime};
#[path = "../generator/tests/golden/modes/mod.rs"]
#[rustfmt::skip]
pub mod modes;
#[path = "../generator/tests/golden/modes_sent/mod.rs"]
#[rustfmt::skip]
pub mod modes_sent;
#[path = "../generator/tests/golden/modes_none/mod.rs"]
#[rustfmt::skip]
pub mod modes_none;

/// Reads `value` as `T` through `from_json`, expecting a failure, and returns its message.
fn rejected<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: &Value) -> String {
    match from_json::<T>(value.to_string().as_bytes()) {
        Ok(typed) => panic!("accepted {value} as {typed:?}"),
        Err(e) => e.to_string(),
    }
}

/// Reads `value` as `T` through `from_json`, expecting success.
fn accepted<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    from_json(value.to_string().as_bytes()).unwrap_or_else(|e| panic!("rejected {value}: {e}"))
}

mod faxplus_numbers {
    use super::*;

    fn webhook(numbers: Value) -> Value {
        json!({"target": "http://myapp.com/fax_received", "event": "fax_received", "numbers": numbers})
    }

    #[test]
    fn construction_checks_items_pattern_lengths_and_min_items() {
        let ok = faxplus::WebhookNumbers::new(vec!["+12135550123".into()]).expect("valid");
        assert_eq!(ok.len(), 1);
        let err = faxplus::WebhookNumbers::new(vec![]).unwrap_err();
        assert_eq!(err.to_string(), "WebhookNumbers: has 0 items, fewer than minItems 1");
        let err = faxplus::WebhookNumbers::new(vec!["+12135550123".into(), "12135550123".into()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"WebhookNumbers: item 1 "12135550123" does not match pattern ^[+][1-9][0-9]{1,14}$"#
        );
        assert_eq!((err.type_name(), err.location()), ("WebhookNumbers", &[Place::Item(1)][..]));
        assert_eq!(err.rule(), &Rule::Pattern("^[+][1-9][0-9]{1,14}$"));
    }

    #[test]
    fn lengths_are_checked_before_the_pattern() {
        let err = faxplus::WebhookNumbers::new(vec!["+1234567890123456".into()]).unwrap_err();
        assert_eq!(err.message(), r#""+1234567890123456" is 17 characters long, longer than maxLength 16"#);
        assert_eq!(err.rule(), &Rule::MaxLength(16));
        let err = faxplus::WebhookNumbers::new(vec!["+".into()]).unwrap_err();
        assert_eq!(err.message(), r#""+" is 1 characters long, shorter than minLength 2"#);
        assert_eq!(err.rule(), &Rule::MinLength(2));
    }

    #[test]
    fn deserialisation_names_the_path() {
        let typed: faxplus::Webhook = accepted(&webhook(json!(["+12135550123"])));
        assert!(matches!(typed.numbers, Some(Some(ref n)) if n[0] == "+12135550123"));
        let message = rejected::<faxplus::Webhook>(&webhook(json!([])));
        assert!(message.starts_with("at numbers: WebhookNumbers: has 0 items, fewer than minItems 1"), "{message}");
        let message = rejected::<faxplus::Webhook>(&webhook(json!(["+0"])));
        assert!(message.starts_with(r#"at numbers: WebhookNumbers: item 0 "+0" does not match pattern"#), "{message}");
    }
}

mod quo_rules {
    use super::*;

    fn list(item: Value) -> Value {
        json!({"data": [item]})
    }

    fn message(id: &str, resource_ids: Value) -> Value {
        json!({
            "id": id, "userId": "US123abc", "orgId": "OR1223abc", "label": "inbox",
            "status": "enabled", "url": "https://example.com/messages", "key": "example-key",
            "createdAt": "2022-01-01T00:00:00Z", "updatedAt": "2022-01-01T00:00:00Z", "deletedAt": null,
            "events": ["message.received"], "resourceIds": resource_ids
        })
    }

    fn contact(resource_ids: Value) -> Value {
        let mut v = message("WHijkl9012", resource_ids);
        v["events"] = json!(["contact.updated"]);
        v
    }

    #[test]
    fn webhook_id_pattern() {
        assert!(quo::ListWebhooksV1ResponseDataItemMessageId::new("WHabcd1234".into()).is_ok());
        let err = quo::ListWebhooksV1ResponseDataItemMessageId::new("AB1234".into()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"ListWebhooksV1ResponseDataItemMessageId: "AB1234" does not match pattern ^WH(.*)$"#
        );
        accepted::<quo::ListWebhooksV1Response>(&list(message("WHabcd1234", json!(["PN1"]))));
        let message = rejected::<quo::ListWebhooksV1Response>(&list(message("AB1234", json!(["PN1"]))));
        // The union's path and its selected variant's join.
        assert!(message.contains("at data[0].id: "), "{message}");
        assert!(message.contains(r#""AB1234" does not match pattern ^WH(.*)$"#), "{message}");
    }

    #[test]
    fn resource_ids_items_pattern() {
        let ids = quo::ListWebhooksV1ResponseDataItemMessageResourceIdsStringList::new(vec!["PN1".into()]);
        assert!(ids.is_ok());
        let message = rejected::<quo::ListWebhooksV1Response>(&list(message("WHabcd1234", json!(["XX1"]))));
        // No alternative of `resourceIds` accepts it: the error names the closest
        // (the one that got deepest) with its own error, at its path.
        assert!(message.contains("at data[0].resourceIds[0]: "), "{message}");
        assert!(
            message.contains("the value matches none of the alternatives; the closest, `StarList`, fails: "),
            "{message}"
        );
        assert!(message.contains(r#"expected "*", found "XX1""#), "{message}");
    }

    #[test]
    fn contact_resource_ids_min_and_max_items() {
        type Ids = quo::ListWebhooksV1ResponseDataItemContactResourceIds;
        let star = quo::ListWebhooksV1ResponseDataItemMessageResourceIdsStarListItem;
        assert!(Ids::new(vec![star]).is_ok());
        assert_eq!(
            Ids::new(vec![]).unwrap_err().to_string(),
            format!("{}: has 0 items, fewer than minItems 1", "ListWebhooksV1ResponseDataItemContactResourceIds")
        );
        assert_eq!(Ids::new(vec![star, star]).unwrap_err().message(), "has 2 items, more than maxItems 1");
        accepted::<quo::ListWebhooksV1Response>(&list(contact(json!(["*"]))));
        for bad in [json!([]), json!(["*", "*"])] {
            let message = rejected::<quo::ListWebhooksV1Response>(&list(contact(bad)));
            assert!(
                message.contains("at data[0].resourceIds: ListWebhooksV1ResponseDataItemContactResourceIds: has"),
                "{message}"
            );
        }
    }

    #[test]
    fn error_codes_are_consts() {
        let body = |code: &str| json!({"message": "Not found", "code": code, "status": 404, "docs": "https://quo.com/docs", "title": "Not Found"});
        let typed: quo::ListWebhooksV1NotFound = accepted(&body("0300404"));
        assert_eq!(quo::ListWebhooksV1NotFoundCode::VALUE, "0300404");
        assert_eq!(typed.code, quo::ListWebhooksV1NotFoundCode);
        let message = rejected::<quo::ListWebhooksV1NotFound>(&body("0300400"));
        assert!(
            message.starts_with(r#"at code: ListWebhooksV1NotFoundCode: expected "0300404", found "0300400""#),
            "{message}"
        );
    }
}

mod partoo_rules {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn item(custom_headers: Value) -> Value {
        json!({
            "id": 1, "url": "https://example.com/hook", "event_type": "review", "created_at": "2024-01-01",
            "updated_at": "2024-01-01", "org_id": 7, "custom_headers": custom_headers
        })
    }

    #[test]
    fn custom_headers_max_properties() {
        let five: Vec<(String, String)> = (0..5).map(|i| (format!("X-H{i}"), "v".to_owned())).collect();
        let five: BTreeMap<String, String> = five.into_iter().collect();
        assert!(partoo::CustomHeaders::new(five.clone()).is_ok());
        let mut six = five;
        six.insert("X-H5".into(), "v".into());
        let err = partoo::CustomHeaders::new(six).unwrap_err();
        assert_eq!(err.to_string(), "CustomHeaders: has 6 properties, more than maxProperties 5");
    }

    #[test]
    fn custom_header_names_use_a_lookahead_pattern() {
        assert!(partoo::CustomHeaders::new(headers(&[("X-Trace", "1"), ("x-partner", "2")])).is_ok());
        let err = partoo::CustomHeaders::new(headers(&[("X-Partoo-Trace", "1")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"CustomHeaders: key "X-Partoo-Trace" does not match pattern ^[Xx]-(?![Pp][Aa][Rr][Tt][Oo][Oo])[^ ()<>@,;:\\\"\/\[\]?={}]*$"#
        );
        let err = partoo::CustomHeaders::new(headers(&[("Trace", "1")])).unwrap_err();
        assert_eq!(err.location(), [Place::Key]);
    }

    #[test]
    fn custom_header_values_max_length() {
        let long = "é".repeat(512);
        assert!(partoo::CustomHeaders::new(headers(&[("X-Long", &long)])).is_ok(), "512 code points, 1024 bytes");
        let longer = "é".repeat(513);
        let err = partoo::CustomHeaders::new(headers(&[("X-Long", &longer)])).unwrap_err();
        assert_eq!(err.location(), [Place::ValueOf(r#""X-Long""#.to_owned())]);
        assert_eq!(err.rule(), &Rule::MaxLength(512));
        assert!(err.message().ends_with("is 513 characters long, longer than maxLength 512"), "{err}");
    }

    #[test]
    fn custom_headers_on_the_wire() {
        accepted::<partoo::WebhookItem>(&item(json!({"X-Trace": "1"})));
        let message = rejected::<partoo::WebhookItem>(&item(json!({"X-Partoo-Trace": "1"})));
        assert!(
            message.starts_with(r#"at custom_headers: CustomHeaders: key "X-Partoo-Trace" does not match"#),
            "{message}"
        );
    }

    #[test]
    fn per_page_is_1_to_100() {
        for ok in [1, 50, 100] {
            assert_eq!(*partoo::GetWebhookListPerPage::new(ok).expect("in range"), ok);
        }
        let low: ConstraintError = partoo::GetWebhookListPerPage::new(0).unwrap_err();
        assert_eq!(low.to_string(), "GetWebhookListPerPage: 0 is less than minimum 1");
        assert_eq!((low.rule(), low.location()), (&Rule::Minimum(1.into()), &[][..]));
        let high = partoo::GetWebhookListPerPage::try_from(101).unwrap_err();
        assert_eq!(high.to_string(), "GetWebhookListPerPage: 101 is greater than maximum 100");
        assert_eq!(high.rule(), &Rule::Maximum(100.into()));
        assert!(serde_json::from_str::<partoo::GetWebhookListPerPage>("101").is_err());
    }
}

/// `Validation::{All, Sent, None}` on `tests/fixtures/good/modes.yaml`: who
/// checks an item id (`pattern ^IT[0-9]+$`) and a tag list (`minItems 1`).
mod validation_modes {
    use serde_json::json;

    /// A received item whose id and tags break their rules.
    fn broken_item() -> serde_json::Value {
        json!({"id": "XX", "tags": []})
    }

    #[test]
    fn all_checks_what_is_built_and_what_is_read() {
        use crate::modes::{Item, ItemId};
        assert!(ItemId::new("XX".into()).is_err());
        assert!(ItemId::new("IT1".into()).is_ok());
        let err = serde_json::from_value::<Item>(broken_item()).unwrap_err();
        assert!(err.to_string().contains("does not match pattern ^IT[0-9]+$"), "{err}");
    }

    #[test]
    fn sent_checks_what_is_built_and_reads_received_data_as_typed() {
        use crate::modes_sent::{Item, ItemId, ItemTags};
        assert!(ItemId::new("XX".into()).is_err());
        assert!(ItemTags::new(vec![]).is_err());
        let item: Item = serde_json::from_value(broken_item()).expect("read as typed");
        assert_eq!((item.id.as_str(), item.tags.len()), ("XX", 0));
        assert_eq!(serde_json::to_value(&item).expect("writes"), broken_item());
        // A value of the wrong type is still refused: types are kept.
        assert!(serde_json::from_value::<Item>(json!({"id": 7, "tags": []})).is_err());
    }

    #[test]
    fn none_checks_nothing() {
        use crate::modes_none::{Item, ItemId, ItemTags};
        assert!(ItemId::new("XX".into()).is_ok());
        assert!(ItemTags::new(vec![]).is_ok());
        assert!(serde_json::from_value::<Item>(broken_item()).is_ok());
    }
}
