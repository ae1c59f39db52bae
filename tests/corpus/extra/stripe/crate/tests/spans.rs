//! One `tracing` span per call, without the credential or the body. Alone in its
//! test binary: `tracing` caches whether a callsite is wanted, and a test on
//! another thread that reaches the callsite while this one installs its
//! subscriber can leave the cache saying no.

mod common;

use common::{client, page};
use stripe::client::mock::MockServer;

/// A `tracing` subscriber that keeps the fields of every span, as text.
mod spans {
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Clone, Default)]
    pub struct Recorder(Arc<Mutex<Vec<String>>>);

    impl Recorder {
        pub fn texts(&self) -> Vec<String> {
            self.0.lock().expect("not poisoned").clone()
        }
    }

    struct Text<'s>(&'s mut String);

    impl Visit for Text<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }

    impl Subscriber for Recorder {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut spans = self.0.lock().expect("not poisoned");
            let mut text = span.metadata().name().to_owned();
            span.record(&mut Text(&mut text));
            spans.push(text);
            Id::from_u64(spans.len() as u64)
        }
        fn record(&self, span: &Id, values: &Record<'_>) {
            let mut spans = self.0.lock().expect("not poisoned");
            if let Some(text) = spans.get_mut(span.into_u64() as usize - 1) {
                values.record(&mut Text(text));
            }
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut text = String::from("event");
            event.record(&mut Text(&mut text));
            self.0.lock().expect("not poisoned").push(text);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[tokio::test]
async fn each_call_is_one_span_without_credentials() {
    let recorder = spans::Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let server = MockServer::start().await;
    let stripe = client(&server);
    server.on(stripe.get_customers()).answers(&page(&["cus_1"], false)).await;
    stripe.get_customers().await.expect("200");
    let spans = recorder.texts();
    let calls: Vec<&String> = spans.iter().filter(|s| s.starts_with("call ")).collect();
    assert_eq!(calls.len(), 1, "{spans:?}");
    for field in ["operation=\"get_customers\"", "method=GET", "path=\"/v1/customers\"", "attempt=1", "status=200", "duration_ms="] {
        assert!(calls[0].contains(field), "{field} in {}", calls[0]);
    }
    assert!(!spans.iter().any(|s| s.contains("sk_test_123") || s.contains("cus_1")), "{spans:?}");
}
