//! When a call is sent again: the retry policy, which failures it retries, and how
//! long it waits (exponential backoff with jitter, or the server's `Retry-After`).

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

/// How a client retries a call that failed in a way worth trying again.
///
/// A call is retried only when sending it again cannot do something twice:
///
/// - its method is idempotent (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`, `TRACE`),
///   or the operation declares an idempotency key header (`Idempotency-Key`) and the
///   call sets it;
/// - its body can be sent again (a body from a stream cannot);
/// - it failed to connect or timed out, or the reply is `429`, `502`, `503` or `504`.
///
/// Before each new attempt the client waits the reply's `Retry-After` (seconds or
/// an HTTP date), else an exponential backoff with jitter: a random time between
/// half and all of `initial × 2^(retry − 1)`, at most `max_backoff`. A `Retry-After`
/// longer than [`RetryPolicy::max_retry_after`], or a wait that would end after
/// [`RetryPolicy::max_elapsed`] since the first attempt, is not waited: the call
/// returns the last reply. Every attempt goes to the same URL as the first, so a
/// retry never sends the credentials anywhere else.
///
/// The default ([`RetryPolicy::new`]) makes at most 3 attempts within 30 s, backs
/// off from 500 ms up to 8 s, and honours a `Retry-After` of up to 60 s.
/// [`RetryPolicy::disabled`] sends every call once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl RetryPolicy {
    /// The default policy: 3 attempts, backoff 500 ms to 8 s, 30 s in all,
    /// `Retry-After` honoured up to 60 s.
    pub const fn new() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_elapsed: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
        }
    }

    /// No retries: every call is sent once.
    pub const fn disabled() -> Self {
        RetryPolicy { max_attempts: 1, ..Self::new() }
    }

    /// The same policy, making at most `attempts` attempts in all (the first
    /// included; 0 counts as 1).
    pub const fn with_max_attempts(self, attempts: u32) -> Self {
        RetryPolicy { max_attempts: if attempts == 0 { 1 } else { attempts }, ..self }
    }

    /// The same policy, backing off from `initial`, doubling, up to `max`.
    pub const fn with_backoff(self, initial: Duration, max: Duration) -> Self {
        RetryPolicy { initial_backoff: initial, max_backoff: max, ..self }
    }

    /// The same policy, starting no attempt whose wait would end more than `total`
    /// after the first attempt began.
    pub const fn with_max_elapsed(self, total: Duration) -> Self {
        RetryPolicy { max_elapsed: total, ..self }
    }

    /// The same policy, honouring a `Retry-After` of up to `cap`; a longer one
    /// ends the call with the reply that asked for it.
    pub const fn with_max_retry_after(self, cap: Duration) -> Self {
        RetryPolicy { max_retry_after: cap, ..self }
    }

    /// The most attempts a call makes, the first included.
    pub const fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The longest time from the first attempt to the start of the last.
    pub const fn max_elapsed(&self) -> Duration {
        self.max_elapsed
    }

    /// The longest `Retry-After` honoured.
    pub const fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// The backoff before retry number `retry` (1 for the second attempt), jittered.
    fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        let full = self.initial_backoff.saturating_mul(factor).min(self.max_backoff);
        let half = full / 2;
        half + full.saturating_sub(half).mul_f64(fastrand::f64())
    }

    /// How long to wait before attempt `attempt + 1`, after `failure` ended
    /// attempt `attempt`, which began `elapsed` after the first; `None` when the
    /// call ends here.
    pub(super) fn wait(&self, attempt: u32, elapsed: Duration, failure: Failure<'_>) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let wait = match failure {
            Failure::Connection => self.backoff(attempt),
            Failure::Status(status, headers) if RETRIED_STATUSES.contains(&status.as_u16()) => {
                match retry_after(headers, SystemTime::now()) {
                    Some(asked) if asked > self.max_retry_after => return None,
                    Some(asked) => asked,
                    None => self.backoff(attempt),
                }
            }
            Failure::Status(..) => return None,
        };
        (elapsed.saturating_add(wait) <= self.max_elapsed).then_some(wait)
    }
}

/// The statuses a retry may cure: too many requests, and a gateway or service
/// that is down or overloaded.
pub const RETRIED_STATUSES: [u16; 4] = [429, 502, 503, 504];

/// What ended an attempt, as far as retrying cares.
#[derive(Debug, Clone, Copy)]
pub(super) enum Failure<'r> {
    /// The request could not connect, or timed out.
    Connection,
    /// The server replied with this status and these headers.
    Status(StatusCode, &'r HeaderMap),
}

/// Whether a call may be sent again: its method is idempotent, or it carries the
/// idempotency key its operation declares.
pub(super) fn may_repeat(method: &Method, idempotency_key: Option<&str>, headers: &HeaderMap) -> bool {
    let idempotent = [Method::GET, Method::HEAD, Method::OPTIONS, Method::PUT, Method::DELETE, Method::TRACE];
    idempotent.contains(method) || idempotency_key.is_some_and(|name| headers.contains_key(name))
}

/// The wait a `Retry-After` header asks for (RFC 9110 §10.2.3): a number of
/// seconds, or an HTTP date (a date in the past asks for none). `None` when the
/// header is absent or unreadable.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(reqwest::header::RETRY_AFTER, retry_after.parse().expect("a header value"));
        h
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").expect("a date");
        assert_eq!(retry_after(&headers("120"), now), Some(Duration::from_secs(120)));
        assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:28:30 GMT"), now), Some(Duration::from_secs(30)));
        assert_eq!(retry_after(&headers("Wednesday, 21-Oct-15 07:28:30 GMT"), now), Some(Duration::from_secs(30)));
        assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:27:00 GMT"), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&headers("-1"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        let policy = RetryPolicy::new().with_backoff(Duration::from_millis(100), Duration::from_millis(300));
        for _ in 0..100 {
            let first = policy.backoff(1);
            assert!((Duration::from_millis(50)..=Duration::from_millis(100)).contains(&first), "{first:?}");
            let second = policy.backoff(2);
            assert!((Duration::from_millis(100)..=Duration::from_millis(200)).contains(&second), "{second:?}");
            let capped = policy.backoff(30);
            assert!((Duration::from_millis(150)..=Duration::from_millis(300)).contains(&capped), "{capped:?}");
        }
    }

    #[test]
    fn waits_end_at_the_limits() {
        let policy = RetryPolicy::new();
        let asked = headers("1");
        let status = |code| Failure::Status(StatusCode::from_u16(code).expect("a status"), &asked);
        assert_eq!(policy.wait(1, Duration::ZERO, status(503)), Some(Duration::from_secs(1)));
        assert_eq!(policy.wait(1, Duration::ZERO, status(500)), None, "500 may have done the work");
        assert_eq!(policy.wait(3, Duration::ZERO, status(503)), None, "the third attempt is the last");
        assert_eq!(policy.wait(1, Duration::from_secs(30), status(503)), None, "past the total time");
        let long = headers("61");
        assert_eq!(policy.wait(1, Duration::ZERO, Failure::Status(StatusCode::TOO_MANY_REQUESTS, &long)), None);
        assert_eq!(RetryPolicy::disabled().wait(1, Duration::ZERO, Failure::Connection), None);
        assert!(policy.wait(1, Duration::ZERO, Failure::Connection).is_some());
    }

    #[test]
    fn only_calls_that_cannot_act_twice_repeat() {
        let mut keyed = HeaderMap::new();
        assert!(may_repeat(&Method::GET, None, &keyed));
        assert!(may_repeat(&Method::DELETE, None, &keyed));
        assert!(!may_repeat(&Method::POST, None, &keyed));
        assert!(!may_repeat(&Method::POST, Some("idempotency-key"), &keyed), "declared but not set");
        keyed.insert("idempotency-key", "k1".parse().expect("a value"));
        assert!(may_repeat(&Method::POST, Some("idempotency-key"), &keyed));
        assert!(!may_repeat(&Method::PATCH, None, &keyed));
    }
}
