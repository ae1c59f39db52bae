//! Differential: the translated pattern (on `regex`, or `fancy-regex` with its step
//! bound) must agree with `regress`, an ECMA-262 engine, on whether a text matches.
//! The first byte splits the input into a pattern and a text; both are kept short
//! so that `regress`, which backtracks without a bound, stays fast.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openapi_bindgen::internals::{translate, Engine};

fuzz_target!(|data: &[u8]| {
    let Some((split, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let Some((cut, _)) = text.char_indices().nth(usize::from(*split) % 32) else { return };
    let (pattern, haystack) = text.split_at(cut);
    if pattern.chars().count() > 24 || haystack.chars().count() > 16 {
        return;
    }
    let Ok(translated) = translate(pattern) else { return };
    let Ok(reference) = regress::Regex::new(pattern) else {
        panic!("translated a pattern regress refuses: {pattern:?}");
    };
    let expected = reference.find(haystack).is_some();
    let actual = match translated.engine {
        Engine::Linear => regex::Regex::new(&translated.regex).expect("translate compiled it").is_match(haystack),
        Engine::Bounded => {
            let re = fancy_regex::RegexBuilder::new(&translated.regex)
                .backtrack_limit(100_000)
                .build()
                .expect("translate compiled it");
            match re.is_match(haystack) {
                Ok(found) => found,
                Err(_) => return,
            }
        }
    };
    assert_eq!(
        actual, expected,
        "pattern {pattern:?} (as {:?}) on {haystack:?}: regress says {expected}",
        translated.regex
    );
});
