//! Generates the Quo bindings without validation into `OUT_DIR`, for the benchmark
//! to compare with the checked ones of `webhook-bindings`.

use std::path::Path;

use openapi_bindgen::{Config, Validation};

fn main() {
    let spec = Path::new("../../specs/quo.yaml");
    println!("cargo:rerun-if-changed={}", spec.display());
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("unchecked");
    let generated = Config::new()
        .validation(Validation::None)
        .generate(&[spec.to_path_buf()])
        .unwrap_or_else(|failure| panic!("{failure}"));
    generated.write(&out).unwrap_or_else(|failure| panic!("{failure}"));
    // `#[path]` takes a literal, so the module's declaration is written here too. Only
    // the module: it runs on webhook-bindings' runtime (see lib.rs).
    let path = out.join("quo/mod.rs").display().to_string();
    let declaration = format!("#[path = {path:?}]\n#[rustfmt::skip]\npub mod quo;\n");
    std::fs::write(out.join("modules.rs"), declaration).expect("write modules.rs");
}
