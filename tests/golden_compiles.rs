//! Compiles the golden output of the generator's golden tests
//! (`generator/tests/golden/`, declared by its `modules.rs`) and runs its example
//! tests. The modules use this crate's runtime, as a generated crate's modules use
//! its own: the runtime is compiled once, here and in every test, from
//! `generated/`.
#![allow(missing_docs, reason = "the module declarations are test scaffolding; the generated items inside carry docs")]

pub use webhook_bindings::{client, runtime, webhooks};

#[path = "../generator/tests/golden/modules.rs"]
#[rustfmt::skip]
pub mod golden;

#[path = "golden_compiles/production.rs"]
mod production;

/// The GitHub-shaped fixture `hooks.yaml`: its HMAC-SHA256 scheme against the
/// signature npm `@octokit/webhooks-methods` made (`tests/vectors/`), and dispatch
/// by the event header and `action`, where two events share an action.
mod hooks_receiver {
    use crate::golden::hooks::{webhooks, WebhookEvent};
    use http::{HeaderMap, HeaderValue};

    fn vector() -> serde_json::Value {
        let text = std::fs::read_to_string("tests/vectors/signatures-npm.json").expect("vectors");
        serde_json::from_str::<serde_json::Value>(&text).expect("JSON")["github"].clone()
    }

    fn headers(event: &'static str, signature: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-event", HeaderValue::from_static(event));
        h.insert("x-delivery", HeaderValue::from_static("72d3162e"));
        h.insert("x-hub-signature-256", HeaderValue::from_str(signature).expect("value"));
        h
    }

    #[test]
    fn accepts_the_octokit_signature_and_refuses_others() {
        let v = vector();
        let (secret, body, signature) = (
            v["secret"].as_str().expect("secret"),
            v["body"].as_str().expect("body"),
            v["signature"].as_str().expect("sig"),
        );
        let receiver = webhooks::Receiver::new(String::from(secret).into());
        let event = receiver.receive(&headers("user", signature), body.as_bytes()).expect("accepted");
        assert!(matches!(event, WebhookEvent::UserCreated(_)), "{event:?}");
        assert_eq!(webhooks::delivery_id(&headers("user", signature)), Some("72d3162e"));
        let tampered = body.replace("ada", "eve");
        let refused = receiver.receive(&headers("user", signature), tampered.as_bytes()).expect_err("tampered");
        assert!(matches!(refused, webhooks::Error::InvalidSignature));
        for bad in ["sha1=572004dd", "sha256=zz", "sha256="] {
            assert!(matches!(
                receiver.receive(&headers("user", bad), body.as_bytes()),
                Err(webhooks::Error::InvalidSignature)
            ));
        }
        let other = webhooks::Receiver::new("another secret".into());
        assert!(other.receive(&headers("user", signature), body.as_bytes()).is_err());
        // The testing helper signs as octokit does.
        let signed =
            webhooks::testing::sign(&String::from(secret).into(), body.as_bytes(), std::time::SystemTime::now());
        assert_eq!(signed["x-hub-signature-256"], signature);
    }

    #[test]
    fn the_event_header_and_the_action_choose_the_variant() {
        let parse = |event: &'static str, body: &str| webhooks::parse(&headers(event, "sha256=00"), body.as_bytes());
        let variant = |e: &WebhookEvent| format!("{e:?}").split('(').next().unwrap_or_default().to_owned();
        // The same body, two events: the header decides.
        assert_eq!(
            variant(&parse("user", r#"{"action":"created","user":"a","team":"t"}"#).expect("user")),
            "UserCreated"
        );
        assert_eq!(
            variant(&parse("team", r#"{"action":"created","user":"a","team":"t"}"#).expect("team")),
            "TeamCreated"
        );
        assert_eq!(variant(&parse("user", r#"{"action":"deleted","user":"a"}"#).expect("deleted")), "UserDeleted");
        assert_eq!(variant(&parse("ping", r#"{"zen":"z"}"#).expect("ping")), "Ping");
        // A new action of a known event, and a new event: Unknown, named by the header.
        for (event, body) in [("user", r#"{"action":"renamed","user":"a"}"#), ("repo", r#"{"action":"created"}"#)] {
            let Ok(WebhookEvent::Unknown(unknown)) = parse(event, body) else { panic!("{event}: not Unknown") };
            assert_eq!((unknown.event(), unknown.body()), (Some(event), body));
        }
        // A known delivery that breaks its schema: refused with its identity.
        let Err(webhooks::Error::Body(e)) = parse("team", r#"{"action":"created","team":""}"#) else { panic!() };
        assert_eq!((e.event(), e.variant(), e.error().path()), (Some("team"), Some("TeamCreated"), "team"));
    }
}

/// Patterns that make a backtracking engine take exponential time
/// (`tests/fixtures/good/constraints.yaml`). With `regress` each of these checks
/// ran for minutes or hours; here they finish, and a look-around pattern that runs
/// out of steps says so.
mod patterns {
    use crate::golden::constraints::{EcmaClasses, LookingAhead, NestedPlus, OverlappingPlus};

    #[test]
    fn nested_quantifiers_run_in_linear_time() {
        // 28 `a`s took regress 9–15 s, doubling with each one; this is 100,000.
        let hostile = format!("{}!", "a".repeat(100_000));
        let error = NestedPlus::new(hostile).expect_err("the `!` does not match");
        assert!(error.to_string().contains("does not match pattern ^(a+)+$"), "{error}");
        NestedPlus::new("a".repeat(100_000)).expect("all `a`s match");
        let error = OverlappingPlus::new("x".repeat(50_000)).expect_err("no `y`");
        assert!(error.to_string().contains("does not match"), "{error}");
        OverlappingPlus::new(format!("{}y", "x".repeat(50_000))).expect("ends in `y`");
    }

    #[test]
    fn look_around_stops_at_its_step_bound() {
        LookingAhead::new("aaa".to_owned()).expect("matches");
        LookingAhead::new("baa".to_owned()).expect_err("the look-ahead refuses a leading `b`");
        let error = LookingAhead::new(format!("{}!", "a".repeat(40))).expect_err("out of steps");
        assert!(error.to_string().contains("within 100000 backtracking steps"), "{error}");
    }

    #[test]
    fn ecma_classes_keep_their_meaning() {
        // `\d` and `\w` are ASCII, `\s` includes U+FEFF, `.` stops at line terminators.
        EcmaClasses::new("1a- ".to_owned()).expect_err("no word boundary between `-` and a space");
        EcmaClasses::new("1a-x".to_owned()).expect("ASCII digit, word character, non-space, boundary, any");
        EcmaClasses::new("١a-x".to_owned()).expect_err("an Arabic-Indic digit is not `\\d`");
        EcmaClasses::new("1é-x".to_owned()).expect_err("`é` is not `\\w`");
        EcmaClasses::new("1a\u{FEFF}x".to_owned()).expect_err("U+FEFF is `\\s`");
        EcmaClasses::new("1a-\n".to_owned()).expect_err("`.` stops at a line feed");
        EcmaClasses::new("1a-\u{2028}".to_owned()).expect_err("`.` stops at U+2028");
    }
}

/// `tests/fixtures/good/hostile.yaml`: schemas that once gave code that did not
/// compile, now read real values.
mod hostile_values {
    use crate::golden::hostile::{ArraySelf, MapSelf, OnlyNull, Repeated, Thing};

    #[test]
    fn recursive_aliases_are_named_types() {
        let list: ArraySelf = serde_json::from_str("[[], [[]]]").expect("nested arrays");
        assert_eq!(list.len(), 2);
        assert_eq!(serde_json::to_string(&list).expect("serialises"), "[[],[[]]]");
        let map: MapSelf = serde_json::from_str(r#"{"a": {"b": {}}}"#).expect("nested maps");
        assert_eq!(map["a"]["b"].len(), 0);
    }

    #[test]
    fn null_only_and_repeated_enums_read_their_values() {
        let thing: Thing = serde_json::from_str(r#"{"nothing": null, "status": "preview"}"#).expect("reads");
        assert_eq!(thing.status, Some(Repeated::Preview));
        assert_eq!(serde_json::to_string(&OnlyNull).expect("serialises"), "null");
        serde_json::from_str::<OnlyNull>("1").expect_err("only null");
    }
}

/// `tests/fixtures/warn/malformed-schemas.yaml`: each malformed schema reads as
/// JSON, its neighbours keep their types, and the operation that returns them is
/// there.
mod malformed {
    use crate::golden::malformed_schemas::{client::Client, Station};

    #[test]
    fn malformed_schemas_read_as_json_and_round_trip() {
        let json = serde_json::json!({"id": "s1", "kind": "bus", "age": 3, "capacity": 12, "status": "open"});
        let station: Station = serde_json::from_value(json.clone()).expect("reads");
        assert_eq!(station.id, "s1");
        assert_eq!(station.kind.to_value().expect("a value"), serde_json::json!("bus"));
        assert_eq!(station.capacity.as_ref().map(|c| c.to_value().expect("a value")), Some(serde_json::json!(12)));
        assert_eq!(serde_json::to_value(&station).expect("writes"), json);
        let _list = Client::with_base_url("http://localhost").list_stations();
    }
}

/// `tests/fixtures/good/narrowing.yaml`: an `allOf` that narrows a generic wrapper
/// reaches the precise type, for a property, its items and a map's values.
mod narrowing {
    use crate::golden::narrowing::{GetStationResponse, ListStationsResponse, Station};

    #[test]
    fn narrowed_wrappers_read_the_precise_type() {
        let json = serde_json::json!({"data": [{"id": "s1", "name": "Central"}], "total": 1});
        let page: ListStationsResponse = serde_json::from_value(json.clone()).expect("reads");
        let first: &Station = &page.data[0];
        assert_eq!((first.id.as_str(), first.name.as_deref()), ("s1", Some("Central")));
        assert_eq!(serde_json::to_value(&page).expect("writes"), json);
        let one: GetStationResponse = serde_json::from_value(serde_json::json!({"data": {"id": "s2"}})).expect("reads");
        assert_eq!(one.data.id, "s2");
        // A station without its required `id` is refused, as `Station` refuses it.
        assert!(serde_json::from_value::<ListStationsResponse>(serde_json::json!({"data": [{}]})).is_err());
    }
}

/// `tests/fixtures/good/unions.yaml`: a union's error names the variant it chose,
/// or the closest when none accepts the value, at one joined JSON path.
mod union_errors {
    use crate::golden::unions::{IdOrName, Shape};
    use crate::runtime::from_json;

    #[test]
    fn the_selected_variants_path_joins_the_unions() {
        let err = from_json::<Vec<Shape>>(br#"[{"shape": "round", "radius": "big"}]"#).unwrap_err();
        assert_eq!(err.path(), "[0].radius", "{err}");
        assert!(err.to_string().starts_with("at [0].radius: invalid type: string \"big\""), "{err}");
        // The error it wraps reads as the message alone, and keeps the position.
        let source = std::error::Error::source(&err).expect("a source").to_string();
        assert!(source.starts_with("invalid type: string \"big\"") && !source.contains('\u{E000}'), "{source}");
        assert_eq!((err.line(), err.column()), (1, 35), "{err}"); // the end of `"big"`
    }

    #[test]
    fn no_alternative_names_the_closest_at_its_path() {
        let err = from_json::<Vec<IdOrName>>(b"[1, true]").unwrap_err();
        assert_eq!(err.path(), "[1]", "{err}");
        assert!(
            err.to_string().contains("IdOrName: the value matches none of the alternatives; the closest, `Integer`, fails: invalid type: boolean `true`, expected i64"),
            "{err}"
        );
    }
}

/// `tests/fixtures/good/received.yaml`: what is received goes back byte for byte
/// (up to whitespace and key order), and nothing is refused for its `format`.
mod received {
    use crate::golden::received::{Measure, Reading};
    use crate::runtime::{from_json, testing::canonical, Number};

    /// Reads `json` as `T` and checks that it serialises back to the same text.
    fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> T {
        let typed: T = from_json(json.as_bytes()).unwrap_or_else(|e| panic!("{json}: {e}"));
        let back = serde_json::to_string(&typed).expect("serialises");
        assert_eq!(canonical(&back), canonical(json), "round trip");
        typed
    }

    #[test]
    fn numbers_keep_their_spelling_and_precision_everywhere() {
        let json = r#"[
            {"value": 1, "raw": {"big": 18446744073709551616, "tiny": 1e-400}, "measure": 1.50},
            {"value": 1.0, "extra": [18446744073709551617, -0.0, 1E+2], "measure": {"label": "x", "n": 1e400}},
            {"value": 1e-400, "count": 3000000000, "raw": null}
        ]"#;
        let readings: Vec<Reading> = round_trip(json);
        assert_eq!(readings[0].value.as_str(), "1");
        assert_eq!(readings[1].value, Number::from(1), "equal by value");
        assert_eq!(readings[1].additional_properties["extra"].as_str(), "[18446744073709551617, -0.0, 1E+2]");
        assert!(matches!(&readings[0].measure, Some(Measure::Number(n)) if n.as_str() == "1.50"));
        assert_eq!(readings[2].value.as_f64(), 0.0, "the nearest f64");
        // `int32` annotates: a wider value is read, not refused.
        assert_eq!(readings[2].count, Some(3_000_000_000));
        // `null` is a JSON value: an untyped property sent as `null` is kept, not dropped.
        assert_eq!(readings[2].raw.as_ref().map(|raw| raw.as_str()), Some("null"));
        assert_eq!(readings[1].raw, None);
    }

    #[test]
    fn formatted_strings_keep_their_text_and_parse_on_request() {
        let json = r#"[
            {"value": 0, "link": "https://EXAMPLE.com/a/../b", "at": "2024-09-09T12:44:39.0+02:00", "day": "2024-02-29"},
            {"value": 0, "link": "", "at": "yesterday", "day": "2024-02-30"},
            {"value": 0, "link": "http://1.2.3.400/"}
        ]"#;
        let readings: Vec<Reading> = round_trip(json);
        let [typed, odd, host] = &readings[..] else { panic!("three readings") };
        let link = typed.link.as_ref().expect("a link");
        assert_eq!(link.as_url().expect("a URL").as_str(), "https://example.com/b");
        let at = typed.at.as_ref().expect("a date-time").to_datetime().expect("RFC 3339");
        assert_eq!(at.offset().local_minus_utc(), 2 * 3600);
        assert_eq!(typed.day.as_ref().expect("a day").to_date().expect("a date").to_string(), "2024-02-29");
        // Kept although they do not parse: the format annotates.
        assert!(odd.link.as_ref().expect("kept").as_url().is_err());
        assert!(odd.at.as_ref().expect("kept").to_datetime().is_err());
        assert!(odd.day.as_ref().expect("kept").to_date().is_err());
        assert_eq!(host.link.as_ref().expect("kept").as_str(), "http://1.2.3.400/");
    }

    #[test]
    fn a_number_field_refuses_what_is_not_a_number() {
        let err = from_json::<Reading>(br#"{"value": "1"}"#).unwrap_err();
        assert_eq!(err.path(), "value", "{err}");
        assert!(err.to_string().contains(r#"invalid type: string "1", expected a number"#), "{err}");
    }

    #[test]
    fn values_built_in_code_are_checked() {
        assert!(crate::runtime::Uri::parse("not a uri").is_err());
        assert!(crate::runtime::Date::parse("2024-02-30").is_err());
        assert!(Number::parse("1.5e3").is_ok() && Number::parse("NaN").is_err() && Number::parse("\"1\"").is_err());
        assert!(Number::from_f64(f64::INFINITY).is_none());
        assert_eq!(Number::from_f64(2.5).expect("finite").as_str(), "2.5");
    }
}

/// `tests/fixtures/warn/impossible-bounds.yaml`: a type whose bounds contradict
/// refuses every value, built or read, saying why; bounds that leave values, and a
/// `multipleOf` that is not positive (unchecked, never a division by zero), do not.
mod impossible_bounds {
    use crate::golden::impossible_bounds::{Fraction, Inverted, NoIntegerBetween, ShortAndLong, WideInt32, ZeroFactor};
    use webhook_bindings::runtime::{Number, Rule};

    #[test]
    fn contradictory_bounds_refuse_every_value_saying_why() {
        for value in [i64::MIN, 0, 5, 7, 10, i64::MAX] {
            let e = Inverted::new(value).expect_err("nothing satisfies minimum 10 and maximum 5");
            assert_eq!(e.rule(), &Rule::Unsatisfiable("minimum 10 and maximum 5 leave no number between them"));
            assert_eq!(
                e.to_string(),
                "Inverted: is not allowed: no value satisfies the schema, whose bounds contradict (minimum 10 and maximum 5 leave no number between them)"
            );
        }
        let e = webhook_bindings::from_json::<Inverted>(b"7").expect_err("read values are checked too");
        assert!(e.to_string().contains("bounds contradict"), "{e}");
        assert!(NoIntegerBetween::new(1).is_err() && NoIntegerBetween::new(2).is_err());
        assert!(ShortAndLong::new("abc".to_owned()).is_err());
        assert!(Fraction::new(Number::from_f64(1.5).expect("finite")).is_ok());
        let factor: ZeroFactor = 7;
        assert_eq!(factor, 7);
        assert!(WideInt32::new(2_999_999_999).is_ok() && WideInt32::new(3_000_000_001).is_err());
    }
}

/// `tests/fixtures/good/nesting.yaml`: values nested through a struct, a list and an
/// "id or object" union are read on a 2 MiB stack (every spawned thread's, a
/// tokio worker's) up to `runtime::MAX_DEPTH` levels, and refused past it with an
/// error, never a stack overflow, however deep the text goes.
mod nesting {
    use crate::golden::nesting::{Node, NodeParent, Tree};
    use webhook_bindings::runtime::MAX_DEPTH;

    /// A node nested `depth` levels deep through `field`: `child`, `children` or
    /// `parent`.
    fn nested(field: &str, depth: usize) -> String {
        let (open, close) = match field {
            "children" => (r#"{"id":"n","children":["#, "]}"),
            other => (&*format!(r#"{{"id":"n","{other}":"#).leak(), "}"),
        };
        format!("{}{}{}", open.repeat(depth - 1), r#"{"id":"leaf"}"#, close.repeat(depth - 1))
    }

    fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new().stack_size(2 << 20).spawn(f).expect("a thread").join().expect("no overflow")
    }

    #[test]
    fn values_up_to_the_depth_limit_read_on_a_2_mib_stack() {
        for field in ["child", "children", "parent"] {
            // A union level counts as one more: a `parent` level is the union and its node.
            let depth = if field == "parent" { MAX_DEPTH / 2 } else { MAX_DEPTH };
            let text = nested(field, depth);
            let back = on_small_stack(move || {
                let node: Node = webhook_bindings::from_json(text.as_bytes()).expect("within the limit");
                serde_json::to_string(&node).expect("writes")
            });
            assert_eq!(back, nested(field, depth), "{field}");
        }
    }

    #[test]
    fn deeper_values_are_refused_with_an_error() {
        for field in ["child", "children", "parent"] {
            for depth in [MAX_DEPTH + 1, 1_000, 100_000] {
                let text = nested(field, depth);
                let error = on_small_stack(move || webhook_bindings::from_json::<Node>(text.as_bytes()).map(|_| ()));
                let error = error.expect_err("too deep");
                assert!(
                    error.to_string().contains(&format!("nests deeper than {MAX_DEPTH} levels"))
                        || error.to_string().contains("recursion limit exceeded"),
                    "{field} at {depth}: {error}"
                );
            }
        }
        // Unions nested in unions, each read by trying: the work stays linear in the
        // value's size (each level's first alternative reads the whole rest, and
        // fails at its end), and past the budget the value is refused.
        // Each level is a union and a struct, two of `MAX_DEPTH`.
        for depth in [10, 28, 60] {
            let text = format!("{}\"leaf\"{}", r#"{"next":"#.repeat(depth), r#","b":"x"}"#.repeat(depth));
            let (done, wait) = std::sync::mpsc::channel();
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || done.send(webhook_bindings::from_json::<Tree>(text.as_bytes()).map(|_| ())))
                .expect("a thread");
            let read = wait.recv_timeout(std::time::Duration::from_secs(30)).expect("within 30 s, not 2^depth");
            let message = read.err().map(|e| e.to_string()).unwrap_or_default();
            match depth {
                10 => assert!(message.is_empty(), "{message}"),
                28 => assert!(message.contains("reading the value takes too long"), "{message}"),
                // Whichever bound it meets first.
                _ => assert!(
                    message.contains("reading the value takes too long")
                        || message.contains(&format!("nests deeper than {MAX_DEPTH} levels")),
                    "{message}"
                ),
            }
        }
        // An id where an object could be is a plain string.
        let node: Node = webhook_bindings::from_json(br#"{"id":"a","parent":"b"}"#).expect("reads");
        assert!(matches!(node.parent.as_deref(), Some(NodeParent::String(id)) if id == "b"));
    }
}

/// Received data that drifts from its spec (`tests/fixtures/good/drift.yaml`): an
/// older delivery, from before the spec required `has_discussions`, `owner.id`
/// and `labels`, with its timestamp in Unix seconds. As specified, it is refused
/// with its event, its path and its bytes; with the tolerant policy it reads, the
/// absences are `None`, and it writes back as sent. Sent data keeps its rules.
mod drift {
    use crate::golden::{drift, drift_tolerant};
    use crate::runtime::{from_json, testing::canonical, Timestamp};
    use http::{HeaderMap, HeaderValue};

    const OLDER: &str =
        r#"{"action":"created","repository":{"id":7,"name":"r","owner":{"login":"ada"},"created_at":1557933591}}"#;

    fn headers() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-event", HeaderValue::from_static("repository"));
        headers
    }

    #[test]
    fn as_specified_refuses_an_older_delivery_and_keeps_it() {
        let Err(drift::webhooks::Error::Body(e)) = drift::webhooks::parse(&headers(), OLDER.as_bytes()) else {
            panic!("an older delivery was not refused as specified")
        };
        assert_eq!(
            (e.event(), e.variant(), e.body()),
            (Some("repository"), Some("RepositoryCreated"), OLDER.as_bytes())
        );
        // The first absence met: `owner` is read before the repository's own fields are checked.
        assert_eq!(e.error().path(), "repository.owner");
        assert!(e.error().to_string().contains("missing field `id`"), "{}", e.error());
    }

    #[test]
    fn tolerant_reads_an_older_delivery_and_writes_it_back_as_sent() {
        let event = drift_tolerant::webhooks::parse(&headers(), OLDER.as_bytes()).expect("tolerant");
        let drift_tolerant::WebhookEvent::RepositoryCreated(event) = &event else { panic!("{event:?}") };
        let repository = event.repository.as_ref().expect("repository");
        assert_eq!(repository.has_discussions, None);
        assert_eq!(repository.owner.as_ref().map(|o| (o.login.as_deref(), o.id)), Some((Some("ada"), None)));
        assert_eq!(repository.created_at, Some(Timestamp::UnixSeconds(1557933591)));
        let at = repository.created_at.as_ref().and_then(Timestamp::to_datetime).expect("an instant");
        assert_eq!(at.to_rfc3339(), "2019-05-15T15:19:51+00:00");
        let back = serde_json::to_string(&**event).expect("serialises");
        assert_eq!(canonical(&back), canonical(OLDER));
    }

    #[test]
    fn a_timestamp_keeps_the_encoding_it_was_sent_in() {
        for (json, seconds) in [(r#""2019-05-15T15:19:51Z""#, 1557933591), ("1557933591", 1557933591)] {
            let at: Timestamp = from_json(json.as_bytes()).expect(json);
            assert_eq!(at.to_datetime().map(|at| at.timestamp()), Some(seconds));
            assert_eq!(serde_json::to_string(&at).expect("serialises"), json);
        }
        for refused in ["1.5", "true", "-1e400", "18446744073709551615"] {
            assert!(from_json::<Timestamp>(refused.as_bytes()).is_err(), "{refused}");
        }
        let garbled: Timestamp = from_json(br#""yesterday""#).expect("text is kept");
        assert_eq!(garbled.to_datetime(), None);
    }

    #[test]
    fn what_is_sent_keeps_every_required_property_under_either_policy() {
        // `Label` is sent in `RepositoryUpdate` and received in `Repository`.
        let additional_properties = Default::default();
        let label = drift_tolerant::Label { name: "bug".into(), color: "f00".into(), additional_properties };
        let additional_properties = Default::default();
        let update =
            drift_tolerant::RepositoryUpdate { name: "r".into(), labels: Some(vec![label]), additional_properties };
        assert_eq!(
            serde_json::to_string(&update).expect("serialises"),
            r#"{"name":"r","labels":[{"name":"bug","color":"f00"}]}"#
        );
        let missing = r#"{"name":"bug"}"#;
        for refused in [
            from_json::<drift::Label>(missing.as_bytes()).err(),
            from_json::<drift_tolerant::Label>(missing.as_bytes()).err(),
        ] {
            assert!(refused.expect("refused").to_string().contains("missing field `color`"));
        }
    }
}
