//! What the fuzz targets share: an arbitrary OpenAPI document ([`shape`]) and the
//! property every input must keep ([`run`]).

pub mod shape;

use std::path::Path;

use openapi_bindgen::{Config, Validation};

/// Runs one document through the whole pipeline. Any result is fine, except a
/// panic and generated code that does not parse, which is a generator bug.
pub fn run(file_name: &str, source: &str) {
    for validation in [Validation::All, Validation::Sent, Validation::None] {
        if let Err(failure) = Config::new().validation(validation).generate_source(Path::new(file_name), source) {
            for d in &failure.diagnostics {
                assert!(!d.message.starts_with("internal error"), "{d}\n--- input ---\n{source}");
            }
        }
    }
}
