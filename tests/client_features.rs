//! The client features the vendor specs do not use, on the wire: the golden output of
//! `tests/fixtures/good/client.yaml` against a local HTTP server (`wiremock`).
//! Parameter places and styles, percent-encoded path segments, a form body, a text
//! response, two success types, a `4XX` range and `default`, and security that
//! differs per operation.
#![allow(missing_docs, reason = "test scaffolding; the generated items carry docs")]

// The module runs on this crate's runtime, compiled once for every test.
pub use webhook_bindings::{client, runtime};
#[path = "../generator/tests/golden/client_/mod.rs"]
#[rustfmt::skip]
pub mod features;

use client::{Basic, Error, Secret};
use features::client::{Auth, Client, GetFileError, GetFileSuccess};
use wire::{header, requests, serve};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[path = "support/wire.rs"]
mod wire;

fn token(server: &MockServer) -> Client {
    Client::with_base_url(format!("{}/api", server.uri()), Auth::Token(Secret::new("tok")))
}

fn basic(server: &MockServer) -> Client {
    let credentials = Basic { username: "ann".to_owned(), password: Secret::new("pw") };
    Client::with_base_url(format!("{}/api", server.uri()), Auth::Basic(credentials))
}

const FILE: &str = r#"{"id":7,"name":"a b/c"}"#;

#[tokio::test]
async fn every_parameter_place_and_style() {
    let server = serve(200, "application/json", FILE).await;
    let filter = features::GetFileFilter {
        kind: Some("pdf".to_owned()),
        size: Some(3),
        additional_properties: Default::default(),
    };
    token(&server)
        .get_file(7, "a b/c".to_owned(), "req-1".to_owned())
        .tags(vec!["x".to_owned(), "y z".to_owned()])
        .ids(vec![1, 2])
        .filter(filter)
        .session("s1".to_owned())
        .await
        .expect("200");
    let request = &requests(&server).await[0];
    // `/` and the space of a path parameter are encoded; the `.json` suffix stays.
    assert_eq!(request.url.path(), "/api/items/7/files/a%20b%2Fc.json");
    assert_eq!(
        request.url.query(),
        // RFC 6570 form style: a space is `%20`, the separator of `explode: false` a comma.
        Some("tags=x&tags=y%20z&ids=1,2&filter%5Bkind%5D=pdf&filter%5Bsize%5D=3&sort=desc")
    );
    assert_eq!(header(request, "accept"), Some("application/json, text/plain, application/problem+json"));
    assert_eq!(header(request, "x-request-id"), Some("req-1"));
    assert_eq!(header(request, "cookie"), Some("session=s1"));
    assert_eq!(header(request, "authorization"), Some("Bearer tok"));
}

#[tokio::test]
async fn an_enum_default_is_sent_and_can_be_overridden() {
    let server = serve(200, "application/json", FILE).await;
    token(&server).get_file(1, "f".to_owned(), "r".to_owned()).sort(features::GetFileSort::Asc).await.expect("200");
    assert_eq!(requests(&server).await[0].url.query(), Some("sort=asc"));
}

#[tokio::test]
async fn success_types_ranges_and_default() {
    async fn call(server: &MockServer) -> Result<GetFileSuccess, Error<GetFileError>> {
        token(server).get_file(1, "f".to_owned(), "r".to_owned()).await
    }

    let server = serve(200, "application/json", FILE).await;
    match call(&server).await {
        Ok(GetFileSuccess::Ok(file)) => assert_eq!((file.id, file.name.as_deref()), (7, Some("a b/c"))),
        other => panic!("expected Ok, got {other:?}"),
    }
    let server = serve(202, "text/plain", "preparing").await;
    assert_eq!(call(&server).await.expect("202"), GetFileSuccess::Accepted("preparing".to_owned()));

    let server = serve(404, "text/plain", "").await;
    assert!(matches!(call(&server).await, Err(Error::Api { body: GetFileError::NotFound, .. })));

    // 418 is not listed: the `4XX` range takes it.
    let server = serve(418, "application/problem+json", r#"{"title":"teapot"}"#).await;
    match call(&server).await {
        Err(Error::Api { status, body: GetFileError::ClientError(p), .. }) => {
            assert_eq!((status.as_u16(), p.title.as_deref()), (418, Some("teapot")));
        }
        other => panic!("expected ClientError, got {other:?}"),
    }
    // 503 matches no code and no range: `default` takes it.
    let server = serve(503, "application/json", r#"{"title":"down"}"#).await;
    match call(&server).await {
        Err(Error::Api { status, body: GetFileError::Default(p), .. }) => {
            assert_eq!((status.as_u16(), p.title.as_deref()), (503, Some("down")));
        }
        other => panic!("expected Default, got {other:?}"),
    }
    // A text body that is not UTF-8 does not decode.
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(202).set_body_bytes(vec![0xff, 0xfe])).mount(&server).await;
    assert!(matches!(call(&server).await, Err(Error::Decode { .. })));
}

#[tokio::test]
async fn a_form_body_with_basic_auth() {
    let server = serve(201, "application/json", FILE).await;
    let body = features::CreateItemRequest {
        name: "a b&c".to_owned(),
        count: Some(2),
        tags: None,
        metadata: None,
        lines: None,
        additional_properties: Default::default(),
    };
    let file = basic(&server).create_item(body).await.expect("201");
    assert_eq!(file.id, 7);
    let request = &requests(&server).await[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/api/items");
    assert_eq!(header(request, "content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(std::str::from_utf8(&request.body).unwrap(), "name=a+b%26c&count=2");
    // "ann:pw" in base64.
    assert_eq!(header(request, "authorization"), Some("Basic YW5uOnB3"));
}

#[tokio::test]
async fn a_form_body_with_arrays_and_nested_fields() {
    let server = serve(201, "application/json", FILE).await;
    let line = |price: &str, quantity| features::CreateItemRequestLinesItem {
        price: Some(price.to_owned()),
        quantity: Some(quantity),
        additional_properties: Default::default(),
    };
    let body = features::CreateItemRequest {
        name: "n".to_owned(),
        count: None,
        tags: Some(vec!["a".to_owned(), "b c".to_owned()]),
        metadata: Some([("order".to_owned(), "6735".to_owned())].into()),
        lines: Some(vec![line("p_1", 2), line("p_2", 1)]),
        additional_properties: Default::default(),
    };
    basic(&server).create_item(body).await.expect("201");
    let request = &requests(&server).await[0];
    // Arrays of scalars repeat the name; nested values take brackets, as Stripe reads them.
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        "name=n&tags=a&tags=b+c&metadata%5Border%5D=6735\
         &lines%5B0%5D%5Bprice%5D=p_1&lines%5B0%5D%5Bquantity%5D=2\
         &lines%5B1%5D%5Bprice%5D=p_2&lines%5B1%5D%5Bquantity%5D=1"
    );
}

#[tokio::test]
async fn a_multipart_body_and_a_text_reply_under_a_misspelled_media_type() {
    let server = serve(201, "plain/text", "stored as 12").await;
    let form = client::Multipart::new().text("title", "Q3").file("file", "q3.pdf", "application/pdf", &b"%PDF"[..]);
    let reply = token(&server).upload(form).await.expect("201");
    assert_eq!(reply, "stored as 12");
    let request = &requests(&server).await[0];
    let content_type = header(request, "content-type").expect("content type");
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a multipart boundary");
    let body = String::from_utf8_lossy(&request.body);
    let parts: Vec<&str> = body.split(&format!("--{boundary}")).collect();
    assert_eq!(parts.len(), 4, "two parts between three boundaries: {body}");
    assert!(parts[1].contains("Content-Disposition: form-data; name=\"title\"\r\n\r\nQ3\r\n"), "{}", parts[1]);
    assert!(
        parts[2].contains("name=\"file\"; filename=\"q3.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF"),
        "{}",
        parts[2]
    );
    assert_eq!(parts[3], "--\r\n");
}

#[tokio::test]
async fn credentials_an_operation_does_not_accept_are_not_sent() {
    let server = serve(201, "application/json", FILE).await;
    let body = features::CreateItemRequest {
        name: "n".to_owned(),
        count: None,
        tags: None,
        metadata: None,
        lines: None,
        additional_properties: Default::default(),
    };
    let error = token(&server).create_item(body).await.expect_err("create_item accepts basic only");
    assert!(matches!(&error, Error::Request(_)), "{error:?}");
    assert!(error.to_string().contains("`create_item` accepts only Auth::Basic"), "{error}");
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn security_none_and_optional() {
    // `security: []`: no credentials, and 204 has no body to read.
    let server = serve(204, "text/plain", "").await;
    token(&server).health().await.expect("204");
    assert_eq!(header(&requests(&server).await[0], "authorization"), None);

    // `[{}, key]`: a key is sent in the query; a token, which is not accepted, is left out.
    let server = serve(200, "application/json", r#"["a","b"]"#).await;
    let keyed = Client::with_base_url(format!("{}/api", server.uri()), Auth::Key(Secret::new("k1")));
    // No 2xx is documented: `default` is read as the success.
    assert_eq!(keyed.search("q".to_owned()).await.expect("200"), vec!["a".to_owned(), "b".to_owned()]);
    token(&server).search("q".to_owned()).await.expect("200");
    let sent = requests(&server).await;
    assert_eq!(sent[0].url.query(), Some("q=q&api_key=k1"));
    assert_eq!(sent[1].url.query(), Some("q=q"));
    assert_eq!(header(&sent[1], "authorization"), None);
}

#[test]
fn servers_and_variables() {
    let auth = Auth::Token(Secret::new("t"));
    assert_eq!(Client::new(auth.clone()).base_url(), "https://eu.example.com/api");
    assert_eq!(Client::staging(auth).base_url(), "https://staging.example.com/api");
}

/// Hostile servers and values: each test here is one item of the hardening issue.
mod hardening {
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use wiremock::matchers::path;

    use super::*;

    fn partner(server: &MockServer) -> Client {
        Client::with_base_url(format!("{}/api", server.uri()), Auth::Partner(Secret::new("p-key")))
    }

    fn session(server: &MockServer) -> Client {
        Client::with_base_url(format!("{}/api", server.uri()), Auth::Session(Secret::new("s-key")))
    }

    /// A server that redirects every request to `location` with `status`.
    async fn redirect(status: u16, location: &str) -> MockServer {
        let server = MockServer::start().await;
        let reply = ResponseTemplate::new(status).insert_header("location", location);
        Mock::given(any()).respond_with(reply).mount(&server).await;
        server
    }

    #[tokio::test]
    async fn credentials_never_follow_a_redirect_to_another_origin() {
        let elsewhere = serve(204, "text/plain", "").await;
        for status in [301, 302, 303, 307, 308] {
            let origin = redirect(status, &format!("{}/api/items/1", elsewhere.uri())).await;
            let result = partner(&origin).delete_item("1".to_owned()).await;
            match result {
                Err(Error::Unexpected { status: s, headers, .. }) => {
                    assert_eq!(s.as_u16(), status);
                    assert!(headers.get("location").is_some(), "the caller sees where it was sent");
                }
                other => panic!("{status}: expected the redirect itself, got {other:?}"),
            }
            let tokens = Client::with_base_url(format!("{}/api", origin.uri()), Auth::Key(Secret::new("q-key")));
            let _ = tokens.search("q".to_owned()).await;
            let _ = session(&origin).clone_2("1".to_owned()).await;
        }
        assert!(requests(&elsewhere).await.is_empty(), "nothing reached the other origin");
    }

    #[tokio::test]
    async fn a_redirect_on_the_same_origin_is_followed_with_credentials() {
        let server = MockServer::start().await;
        let moved = ResponseTemplate::new(307).insert_header("location", "/api/v2/items/1");
        Mock::given(path("/api/items/1")).respond_with(moved).mount(&server).await;
        Mock::given(path("/api/v2/items/1")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
        partner(&server).delete_item("1".to_owned()).await.expect("204 after the redirect");
        let sent = requests(&server).await;
        assert_eq!(sent.len(), 2);
        assert_eq!(header(&sent[1], "x-partner-key"), Some("p-key"));
    }

    #[tokio::test]
    async fn a_path_parameter_cannot_change_the_endpoint() {
        let server = serve(204, "text/plain", "").await;
        for value in ["..", ".", ""] {
            let error = partner(&server).delete_item(value.to_owned()).await.expect_err(value);
            assert!(matches!(&error, Error::Request(_)), "{value:?}: {error:?}");
        }
        assert!(requests(&server).await.is_empty(), "nothing was sent");
        partner(&server).delete_item("a/../b?c#d%2F".to_owned()).await.expect("204");
        partner(&server).delete_item("...".to_owned()).await.expect("204");
        let sent = requests(&server).await;
        assert_eq!(sent[0].url.path(), "/api/items/a%2F..%2Fb%3Fc%23d%252F");
        assert_eq!(sent[1].url.path(), "/api/items/...");
    }

    #[tokio::test]
    async fn a_cookie_value_cannot_add_a_cookie() {
        let server = serve(200, "application/json", FILE).await;
        token(&server)
            .get_file(1, "f".to_owned(), "r".to_owned())
            .session("dark; admin=true, x".to_owned())
            .await
            .expect("200");
        assert_eq!(header(&requests(&server).await[0], "cookie"), Some("session=dark%3B%20admin=true%2C%20x"));
        let server = serve(201, "application/json", FILE).await;
        let hostile = Client::with_base_url(format!("{}/api", server.uri()), Auth::Session(Secret::new("k; admin=1")));
        hostile.clone_2("1".to_owned()).await.expect("201");
        assert_eq!(header(&requests(&server).await[0], "cookie"), Some("sid=k%3B%20admin=1"));
    }

    #[tokio::test]
    async fn a_server_that_never_answers_times_out() {
        let server = MockServer::start().await;
        let never = ResponseTemplate::new(204).set_delay(Duration::from_secs(600));
        Mock::given(any()).respond_with(never).mount(&server).await;
        let client = partner(&server).with_timeout(Duration::from_millis(200));
        let error = client.delete_item("1".to_owned()).await.expect_err("timed out");
        assert!(matches!(&error, Error::Transport(e) if e.is_timeout()), "{error:?}");
        // A request's own timeout wins over the client's.
        let slow = MockServer::start().await;
        let late = ResponseTemplate::new(204).set_delay(Duration::from_millis(300));
        Mock::given(any()).respond_with(late).mount(&slow).await;
        let client = partner(&slow).with_timeout(Duration::from_millis(50));
        client.delete_item("1".to_owned()).timeout(Duration::from_secs(5)).await.expect("204 within 5 s");
        assert_eq!(client::Connection::new("http://x").timeout(), client::DEFAULT_TIMEOUT);
    }

    /// A raw HTTP server whose one reply is `head` and then `chunk`, repeated
    /// `repeat` times (chunked encoding when `head` says so); returns its address
    /// and how many bytes it wrote when the client hung up.
    async fn streaming(head: &'static str, chunk: Vec<u8>, repeat: usize) -> (String, tokio::task::JoinHandle<usize>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("address"));
        let task = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.expect("accept");
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let mut written = 0;
            if socket.write_all(head.as_bytes()).await.is_err() {
                return written;
            }
            for _ in 0..repeat {
                if socket.write_all(&chunk).await.is_err() {
                    break;
                }
                written += chunk.len();
            }
            written
        });
        (address, task)
    }

    #[tokio::test]
    async fn an_endless_body_stops_at_the_limit() {
        let mut chunk = format!("{:x}\r\n", 64 * 1024).into_bytes();
        chunk.extend(std::iter::repeat_n(b'a', 64 * 1024));
        chunk.extend(b"\r\n");
        // 64 KiB chunks for ever (1 GiB at most, which the client must not read).
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        let (address, server) = streaming(head, chunk, 16 * 1024).await;
        let client =
            Client::with_base_url(format!("{address}/api"), Auth::Key(Secret::new("k"))).with_body_limit(1024 * 1024);
        match client.search("q".to_owned()).await {
            Err(Error::BodyTooLarge { status, limit, .. }) => assert_eq!((status.as_u16(), limit), (200, 1024 * 1024)),
            other => panic!("expected BodyTooLarge, got {other:?}"),
        }
        let written = server.await.expect("server");
        assert!(written < 64 * 1024 * 1024, "the client stopped reading ({written} bytes written)");
    }

    #[tokio::test]
    async fn a_declared_length_over_the_limit_is_refused_before_reading() {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2147483648\r\n\r\n";
        let (address, _server) = streaming(head, b"[".to_vec(), 1).await;
        let client = Client::with_base_url(format!("{address}/api"), Auth::Key(Secret::new("k")));
        let error = client.search("q".to_owned()).await.expect_err("too large");
        assert!(matches!(error, Error::BodyTooLarge { limit: client::DEFAULT_BODY_LIMIT, .. }), "{error:?}");
        assert!(error.to_string().contains("longer than the limit"), "{error}");
    }

    #[tokio::test]
    async fn empty_credentials_are_refused_before_sending() {
        fn refused<T: std::fmt::Debug, E: std::fmt::Debug>(result: Result<T, Error<E>>) {
            match result {
                Err(Error::Request(e)) => assert!(e.to_string().contains("empty"), "{e}"),
                other => panic!("expected an empty credential to be refused, got {other:?}"),
            }
        }
        let server = serve(204, "text/plain", "").await;
        let with = |auth| Client::with_base_url(format!("{}/api", server.uri()), auth);
        refused(with(Auth::Token(Secret::new(""))).get_file(1, "f".to_owned(), "r".to_owned()).await);
        refused(with(Auth::Token(Secret::new(" \t"))).get_file(1, "f".to_owned(), "r".to_owned()).await);
        let nobody = Basic { username: String::new(), password: Secret::new("pw") };
        refused(with(Auth::Basic(nobody)).get_file(1, "f".to_owned(), "r".to_owned()).await);
        refused(with(Auth::Partner(Secret::new(""))).delete_item("1".to_owned()).await);
        refused(with(Auth::Key(Secret::new(""))).search("q".to_owned()).await);
        refused(with(Auth::Session(Secret::new(""))).clone_2("1".to_owned()).await);
        assert!(requests(&server).await.is_empty(), "nothing was sent");
    }

    #[tokio::test]
    async fn a_user_agent_is_sent_and_can_be_replaced() {
        let server = serve(204, "text/plain", "").await;
        partner(&server).delete_item("1".to_owned()).await.expect("204");
        let named = partner(&server).with_user_agent(http::HeaderValue::from_static("my-app/2.0"));
        named.delete_item("1".to_owned()).await.expect("204");
        let sent = requests(&server).await;
        assert_eq!(
            header(&sent[0], "user-agent"),
            Some(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
        );
        assert_eq!(header(&sent[1], "user-agent"), Some("my-app/2.0"));
    }

    #[test]
    fn an_operation_named_clone_does_not_shadow_clone() {
        let client = Client::new(Auth::Token(Secret::new("t")));
        let copy: Client = client.clone();
        assert_eq!(copy.base_url(), client.base_url());
    }
}
