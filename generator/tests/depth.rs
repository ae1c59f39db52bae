//! Specs that nest deeper than any real one: a 10,000-link `$ref` chain, and 3,000
//! levels of properties and items through named `$ref`s. Each used to overflow the
//! stack and abort the process; each must be an error with a pointer, or work.

use openapi_bindgen::internals::MAX_DEPTH;
use openapi_bindgen::Config;

/// A spec of `count` schemas, schema `i` holding schema `i + 1` as `shape` does.
fn chain(count: usize, shape: impl Fn(usize) -> String) -> String {
    let mut text =
        String::from("openapi: 3.0.3\ninfo: {title: Deep, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n");
    for i in 0..count {
        text.push_str(&format!("    S{i}: {}\n", shape(i + 1)));
    }
    text.push_str(&format!("    S{count}: {{type: string}}\n"));
    text
}

fn error_of(text: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = dir.path().join("deep.yaml");
    std::fs::write(&spec, text).expect("write");
    match Config::new().generate(&[spec]) {
        Ok(_) => panic!("generated"),
        Err(failure) => failure.to_string(),
    }
}

#[test]
fn a_ten_thousand_link_ref_chain_is_an_error_with_a_pointer() {
    let error = error_of(&chain(10_000, |next| format!("{{$ref: '#/components/schemas/S{next}'}}")));
    let expected = format!("schemas nest more than {MAX_DEPTH} levels deep here");
    assert!(error.contains(&expected), "{error}");
    assert!(error.contains(&format!("at #/components/schemas/S{MAX_DEPTH}\n")), "{error}");
}

#[test]
fn deep_nesting_through_properties_and_items_is_an_error() {
    for shape in [
        |next| format!("{{type: object, properties: {{next: {{$ref: '#/components/schemas/S{next}'}}}}}}"),
        |next| format!("{{type: array, items: {{$ref: '#/components/schemas/S{next}'}}}}"),
    ] {
        let error = error_of(&chain(3_000, shape));
        assert!(error.contains("levels deep here"), "{error}");
    }
}

#[test]
fn a_chain_within_the_limit_works() {
    let text = chain(MAX_DEPTH / 2, |next| format!("{{$ref: '#/components/schemas/S{next}'}}"));
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = dir.path().join("deep.yaml");
    std::fs::write(&spec, text).expect("write");
    Config::new().generate(&[spec]).unwrap_or_else(|f| panic!("{f}"));
}
