//! The string `format`s the generator knows: those parsed into a type of their
//! own, and those kept as a `String` without a warning.

use crate::ir::Scalar;

/// The type a string `format` is parsed into, when it is not kept as a `String`.
pub(super) fn parsed(format: &str) -> Option<Scalar> {
    match format {
        "date-time" => Some(Scalar::DateTime),
        "date" => Some(Scalar::Date),
        "naive-date-time" => Some(Scalar::NaiveDateTime),
        "uri" | "url" => Some(Scalar::Url),
        _ => None,
    }
}

/// String formats that stay `String` without a warning.
pub(super) const KEPT_AS_STRING: &[&str] = &[
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uuid",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
    "time",
    "duration",
    "password",
    "byte",
    "binary",
    "base64",
];
