//! Arbitrary bytes as a spec file: the first byte picks JSON or YAML.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let name = if first % 2 == 0 { "fuzz.json" } else { "fuzz.yaml" };
    openapi_bindgen_fuzz::run(name, text);
});
