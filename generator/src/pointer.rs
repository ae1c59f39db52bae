//! JSON pointers (RFC 6901): building, escaping and splitting them.

/// Appends one reference token to `pointer`, escaping `~` and `/`.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Appends an array index to `pointer`.
pub fn push_index(pointer: &str, index: usize) -> String {
    format!("{pointer}/{index}")
}

/// Splits a pointer into its unescaped reference tokens.
pub fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer.trim_start_matches('/').split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect()
}

/// Decodes `%XX` escapes, as found in the fragment of a `$ref` URI.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_escapes_slash_and_tilde() {
        assert_eq!(push("#/paths", "/hooks/{id}"), "#/paths/~1hooks~1{id}");
        assert_eq!(push("", "a~b"), "/a~0b");
    }

    #[test]
    fn tokens_round_trip_push() {
        let p = push(&push("", "a/b"), "c~d");
        assert_eq!(tokens(&p), vec!["a/b".to_owned(), "c~d".to_owned()]);
        assert!(tokens("").is_empty());
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/paths/~1pets~1%7BpetId%7D"), "/paths/~1pets~1{petId}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
