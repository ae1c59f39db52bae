//! What the fuzz targets share: an arbitrary OpenAPI document ([`shape`]) and the
//! property every input must keep ([`run`]).

pub mod shape;

use std::path::Path;

use openapi_bindgen::{generate_source, Options};

/// Runs one document through the whole pipeline. Any result is fine, except a
/// panic and generated code that does not parse, which is a generator bug.
pub fn run(file_name: &str, source: &str) {
    for validation in [true, false] {
        if let Err(failure) =
            generate_source(Path::new(file_name), source, &Options { validation, ..Options::default() })
        {
            for d in &failure.diagnostics {
                assert!(!d.message.starts_with("internal error"), "{d}\n--- input ---\n{source}");
            }
        }
    }
}
