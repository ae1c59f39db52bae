//! Following the pages of a list: `.pages()` and `.items()` of the operations that
//! page, by page number, by cursor, or by the `Link: rel="next"` header.

use std::pin::Pin;

use futures_util::stream::{self, Stream, StreamExt};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::{Error, Exchange, Request, RequestError};

/// A stream of pages or items: each `Ok` is one, an `Err` ends the stream.
pub type Paged<'a, T, E> = Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send + 'a>>;

/// How an operation pages, from its spec's `x-pagination` (or the pattern it
/// follows): where the items of a page are, and how the next page is asked for.
#[doc(hidden)]
#[derive(Debug)]
pub struct Paging {
    /// The JSON pointer of the items' array in a page (`""`: the page is the array).
    pub items: &'static str,
    /// How the next page is found.
    pub next: Next,
}

/// How the request for the next page is made.
#[doc(hidden)]
#[derive(Debug)]
#[non_exhaustive]
pub enum Next {
    /// Query parameter `param` is the page number, from the request's (or 1), one
    /// more each page. The walk ends on an empty page, or after the page whose
    /// number is the body's `last` (a JSON pointer), when it has one.
    Page {
        /// The query parameter.
        param: &'static str,
        /// The pointer of the last page's number in a page.
        last: Option<&'static str>,
    },
    /// Query parameter `param` is the id (pointer `id` in an item) of the last item
    /// seen. The walk ends when the body's `has_more` (a pointer) is not `true`, or
    /// on an empty page; a cursor that does not move ends it with
    /// [`Error::Request`].
    Cursor {
        /// The query parameter.
        param: &'static str,
        /// The pointer of the flag in a page.
        has_more: &'static str,
        /// The pointer of the id in an item.
        id: &'static str,
    },
    /// The reply's `Link` header (RFC 8288) names the next page `rel="next"`. The
    /// walk ends when it names none. A link to another origin, or to the page just
    /// read, ends the walk with [`Error::Request`]: the request's credentials are
    /// not sent there, and the walk does not loop.
    Link,
}

/// One page: its typed body, and its items as JSON with the reply they came in.
struct Page<T> {
    value: T,
    items: Vec<serde_json::Value>,
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
}

/// Where a walk is: how it sends, how it pages, and the request of the next
/// page, if any.
struct Walk<'a, T, E> {
    exchange: Exchange<'a, T, E>,
    paging: &'static Paging,
    next: Option<Result<Request, RequestError>>,
}

impl<'a, T: Send + 'a, E: Send + 'a> Exchange<'a, T, E> {
    /// The whole bodies of every page, from `request`'s to the last.
    pub fn pages(self, paging: &'static Paging, request: Result<Request, RequestError>) -> Paged<'a, T, E> {
        let walk = Walk { exchange: self, paging, next: Some(request) };
        Box::pin(stream::unfold(walk, step).map(|page| page.map(|page| page.value)))
    }

    /// Every item of every page, each read into `I`.
    pub fn items<I>(self, paging: &'static Paging, request: Result<Request, RequestError>) -> Paged<'a, I, E>
    where
        I: serde::de::DeserializeOwned + Send + 'a,
    {
        let walk = Walk { exchange: self, paging, next: Some(request) };
        let items = stream::unfold(walk, step).flat_map(move |page| {
            let items: Vec<Result<I, Error<E>>> = match page {
                Ok(page) => read_items(page, paging.items),
                Err(e) => vec![Err(e)],
            };
            stream::iter(items)
        });
        Box::pin(items)
    }
}

/// The items of `page`, each read into `I`; one that does not fit is an error
/// with the page's reply and the item's JSON path, and ends the list.
fn read_items<I: serde::de::DeserializeOwned, T, E>(page: Page<T>, at: &str) -> Vec<Result<I, Error<E>>> {
    let mut out = Vec::with_capacity(page.items.len());
    for (i, item) in page.items.into_iter().enumerate() {
        match crate::runtime::from_value_at(item, &format!("{}[{i}]", json_path(at))) {
            Ok(item) => out.push(Ok(item)),
            Err(error) => {
                out.push(Err(Error::Decode {
                    status: page.status,
                    headers: Box::new(page.headers),
                    body: page.body,
                    error,
                }));
                break;
            }
        }
    }
    out
}

/// A JSON pointer as a JSON path: `/data` is `data`, `` the root `.`.
fn json_path(pointer: &str) -> String {
    match pointer.trim_start_matches('/') {
        "" => ".".to_owned(),
        rest => rest.replace('/', "."),
    }
}

/// Sends the walk's next request, reads its page, and makes the request after it.
async fn step<'a, T, E>(mut walk: Walk<'a, T, E>) -> Option<(Result<Page<T>, Error<E>>, Walk<'a, T, E>)> {
    let mut request = match walk.next.take()? {
        Ok(request) => request,
        Err(e) => return Some((Err(Error::Request(e)), walk)),
    };
    let Some(after) = request.replay() else {
        return Some((Err(Error::Request(RequestError::new("a request whose body is a stream cannot page"))), walk));
    };
    let exchange = walk.exchange;
    let reply = match request.send_retrying(exchange.connection, exchange.operation, exchange.timeout).await {
        Ok(reply) => reply,
        Err(e) => return Some((Err(e), walk)),
    };
    let (status, headers, body) = (reply.status, reply.headers.clone(), reply.body.clone());
    let value = match (exchange.decode)(reply) {
        Ok(value) => value,
        Err(e) => return Some((Err(e), walk)),
    };
    let mut json: serde_json::Value = match crate::runtime::from_json(&body) {
        Ok(json) => json,
        Err(error) => return Some((Err(Error::Decode { status, headers: Box::new(headers), body, error }), walk)),
    };
    let items = match json.pointer_mut(walk.paging.items).map(serde_json::Value::take) {
        Some(serde_json::Value::Array(items)) => items,
        _ => Vec::new(),
    };
    let asked = after.url();
    walk.next = next_request(after, &walk.paging.next, &json, &items, &headers).map(|next| {
        // A server that answers the next page's request with the same request
        // again (a cursor or link that does not move) would page forever.
        next.and_then(|next| match next.url() == asked {
            true => Err(RequestError::new(format!("the next page is the page just read ({asked}): paging stops"))),
            false => Ok(next),
        })
    });
    Some((Ok(Page { value, items, status, headers, body }), walk))
}

/// The request of the page after the one `request` asked for, which answered
/// `page` (its items taken out as `items`) with `headers`; `None` at the end.
fn next_request(
    mut request: Request,
    next: &Next,
    page: &serde_json::Value,
    items: &[serde_json::Value],
    headers: &HeaderMap,
) -> Option<Result<Request, RequestError>> {
    match *next {
        Next::Page { param, last } => {
            let current = request.query_value(param).and_then(|v| v.parse::<i64>().ok()).unwrap_or(1);
            let last = last.and_then(|at| page.pointer(at)).and_then(serde_json::Value::as_i64);
            if items.is_empty() || last.is_some_and(|last| current >= last) {
                return None;
            }
            request.set_query(param, &current.checked_add(1)?.to_string());
            Some(Ok(request))
        }
        Next::Cursor { param, has_more, id } => {
            let more = page.pointer(has_more).and_then(serde_json::Value::as_bool) == Some(true);
            let cursor = items.last().and_then(|item| item.pointer(id)).and_then(|id| match id {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
            let cursor = cursor.filter(|_| more)?;
            request.set_query(param, &cursor);
            Some(Ok(request))
        }
        Next::Link => {
            let link = next_link(headers)?;
            Some(request.follow_link(&link).map(|()| request))
        }
    }
}

/// The target of the `rel="next"` link of a `Link` header, as written.
fn next_link(headers: &HeaderMap) -> Option<String> {
    headers.get_all(reqwest::header::LINK).iter().filter_map(|v| v.to_str().ok()).find_map(|value| {
        let links = parse_link_header::parse_with_rel(value).ok()?;
        links.get("next").map(|link| link.raw_uri.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_link_reads_rfc_8288_headers() {
        let mut h = HeaderMap::new();
        h.insert(
            reqwest::header::LINK,
            r#"<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last""#
                .parse()
                .expect("a header"),
        );
        assert_eq!(next_link(&h).as_deref(), Some("https://api.github.com/repositories/1/issues?page=2"));
        h.insert(reqwest::header::LINK, r#"<https://x.test/?page=1>; rel="prev""#.parse().expect("a header"));
        assert_eq!(next_link(&h), None);
        assert_eq!(next_link(&HeaderMap::new()), None);
    }

    #[test]
    fn json_paths_of_pointers() {
        assert_eq!(json_path(""), ".");
        assert_eq!(json_path("/data"), "data");
        assert_eq!(json_path("/result/items"), "result.items");
    }
}
