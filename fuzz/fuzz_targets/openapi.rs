//! Arbitrary JSON shaped like an OpenAPI document (see `shape`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use openapi_bindgen_fuzz::shape::Document;

fuzz_target!(|doc: Document| {
    openapi_bindgen_fuzz::run("fuzz.json", &doc.to_json().to_string());
});
