//! Regenerates `generated/` from `specs/` when either the specs or the generator
//! changed, so that the crate compiled in this same build reflects the specs.
//!
//! Without the default `regenerate` feature this does nothing and the committed
//! `generated/` is compiled as is.

fn main() {
    #[cfg(feature = "regenerate")]
    regenerate();
}

#[cfg(feature = "regenerate")]
fn regenerate() {
    use std::path::Path;

    // Cargo runs build scripts in the package root, so these relative paths are
    // also what diagnostics show.
    let specs = Path::new("specs");
    let out = Path::new("generated");
    println!("cargo:rerun-if-changed=specs");
    println!("cargo:rerun-if-changed=build.rs");

    let generated = match openapi_bindgen::generate_dir(specs) {
        Ok(generated) => generated,
        Err(failure) => {
            eprintln!("{failure}");
            std::process::exit(1);
        }
    };
    for line in openapi_bindgen::diagnostic::summarize(&generated.warnings) {
        println!(
            "cargo:warning=openapi-bindgen: {line} (`cargo run -p openapi-bindgen -- check --verbose` lists them)"
        );
    }
    match openapi_bindgen::write::write(&generated.files, out) {
        Ok(report) => {
            for path in report.written.iter().chain(&report.removed) {
                println!("cargo:warning=openapi-bindgen: regenerated {}", path.display());
            }
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
