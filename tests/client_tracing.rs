//! One `tracing` span per client call, without the credential or the body. Alone
//! in its test binary: `tracing` caches whether a callsite is wanted, and a test
//! on another thread that reaches the callsite while this one installs its
//! subscriber can leave the cache saying no (seen as a flaky count of spans).

use std::io::Write;
use std::sync::{Arc, Mutex};

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[path = "support/partoo.rs"]
mod partoo_wire;

use partoo_wire::{page, partoo_client};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn one_span_per_call_without_credentials_or_body() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    let busy = ResponseTemplate::new(503).insert_header("retry-after", "0");
    Mock::given(method("GET")).respond_with(busy).up_to_n_times(1).with_priority(1).mount(&server).await;
    Mock::given(method("GET")).respond_with(page(1, 1, &[1])).with_priority(2).mount(&server).await;
    partoo_client(&server).get_webhook_list().await.expect("200 on the second attempt");

    let text = String::from_utf8(captured.0.lock().expect("not poisoned").clone()).expect("UTF-8");
    let closes: Vec<&str> = text.lines().filter(|l| l.contains("close")).collect();
    assert_eq!(closes.len(), 1, "one span per call:\n{text}");
    let close = closes[0];
    for field in [
        "operation=\"get_webhook_list\"",
        "method=GET",
        "path=\"/webhooks\"",
        "status=200",
        "attempt=2",
        "duration_ms=",
    ] {
        assert!(close.contains(field), "{field} in {close}");
    }
    assert!(text.contains("retrying"), "the retry is an event in the span:\n{text}");
    for secret in ["partoo-key", "example.com/hook", "business_created", "x-apikey"] {
        assert!(!text.to_ascii_lowercase().contains(secret), "{secret} leaked into:\n{text}");
    }
}
