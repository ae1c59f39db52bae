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

    let specs = match openapi_bindgen::spec_files(specs) {
        Ok(files) => files,
        Err(failure) => fail(&failure),
    };
    let done = match openapi_bindgen::regenerate(&specs, out) {
        Ok(done) => done,
        Err(failure) => fail(&failure),
    };
    for line in openapi_bindgen::diagnostic::summarize(&done.warnings) {
        println!(
            "cargo:warning=openapi-bindgen: {line} (`cargo run -p openapi-bindgen -- check --verbose` lists them)"
        );
    }
    let (written, removed) = (done.report.written.len(), done.report.removed.len());
    if written + removed > 0 {
        println!(
            "cargo:warning=openapi-bindgen: regenerated {}: {written} file(s) written, {removed} removed",
            out.display()
        );
    }
}

/// Fails the build with the diagnostics; `generated/` is untouched.
#[cfg(feature = "regenerate")]
fn fail(failure: &openapi_bindgen::diagnostic::Failure) -> ! {
    eprintln!("{failure}");
    std::process::exit(1);
}
