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

    // Cargo reruns this script when anything under specs/ is touched, even when no
    // byte changed. A stamp of the inputs and outputs, kept in OUT_DIR, skips
    // regeneration then; it also keeps the warning summary, printed again. The
    // generator is an input too: this script is relinked when it changes, so the
    // stamp includes this executable's size and time.
    let stamp = std::env::var_os("OUT_DIR").map(|dir| Path::new(&dir).join("openapi-bindgen.stamp"));
    if let (Some(stamp), Some(fingerprint)) = (&stamp, fingerprint(&[specs, out])) {
        if let Ok(text) = std::fs::read_to_string(stamp) {
            let mut lines = text.lines();
            if lines.next() == Some(fingerprint.as_str()) {
                lines.for_each(|line| println!("cargo:warning={line}"));
                return;
            }
        }
    }

    let specs = match openapi_bindgen::spec_files(specs) {
        Ok(files) => files,
        Err(failure) => fail(&failure),
    };
    let generated = match openapi_bindgen::Config::new().generate(&specs) {
        Ok(generated) => generated,
        Err(failure) => fail(&failure),
    };
    let report = match generated.write(out) {
        Ok(report) => report,
        Err(failure) => fail(&failure),
    };
    update_features(&generated);
    let summary: Vec<String> = openapi_bindgen::diagnostic::summarize(&generated.warnings)
        .into_iter()
        .map(|line| format!("openapi-bindgen: {line} (`cargo run -p openapi-bindgen -- check --verbose` lists them)"))
        .collect();
    summary.iter().for_each(|line| println!("cargo:warning={line}"));
    let (written, removed) = (report.written.len(), report.removed.len());
    if written + removed > 0 {
        println!(
            "cargo:warning=openapi-bindgen: regenerated {}: {written} file(s) written, {removed} removed",
            out.display()
        );
        // What changed in the Rust API since the committed specs: only on this
        // path, so a build where nothing changed pays nothing for it.
        for line in openapi_bindgen::diff::change_summary(&openapi_bindgen::Config::new(), &specs, "HEAD") {
            println!(
                "cargo:warning=openapi-bindgen: {line} (run `cargo run -p openapi-bindgen -- diff --rev HEAD specs` for details)"
            );
        }
    }
    if let (Some(stamp), Some(fingerprint)) = (stamp, fingerprint(&[Path::new("specs"), out])) {
        let _ = std::fs::write(stamp, [fingerprint].into_iter().chain(summary).collect::<Vec<_>>().join("\n"));
    }
}

/// Rewrites the tag features in `Cargo.toml` when the specs' tags changed, and
/// then stops the build: Cargo reads the new features on the next one.
#[cfg(feature = "regenerate")]
fn update_features(generated: &openapi_bindgen::Generated) {
    let path = std::path::Path::new("Cargo.toml");
    let manifest = std::fs::read_to_string(path).unwrap_or_else(|e| stop(&format!("cannot read Cargo.toml: {e}")));
    let updated = openapi_bindgen::package::with_features(&manifest, &generated.features)
        .unwrap_or_else(|e| stop(&format!("Cargo.toml: {e}")));
    if updated != manifest {
        if let Err(e) = std::fs::write(path, updated) {
            stop(&format!("cannot write Cargo.toml: {e}"));
        }
        stop("the specs' tags changed the crate's features: Cargo.toml is updated, run `cargo build` again");
    }
}

/// Fails the build with one message.
#[cfg(feature = "regenerate")]
fn stop(message: &str) -> ! {
    eprintln!("openapi-bindgen: {message}");
    std::process::exit(1);
}

/// A hash of every file under `dirs` (paths and bytes) and of this build script's
/// executable (size and modification time), or `None` if one cannot be read.
#[cfg(feature = "regenerate")]
fn fingerprint(dirs: &[&std::path::Path]) -> Option<String> {
    use std::hash::{Hash, Hasher};
    fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, files)?;
            } else {
                files.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    for dir in dirs {
        walk(dir, &mut files).ok()?;
    }
    files.sort();
    let mut hasher = std::hash::DefaultHasher::new();
    let generator = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    (generator.len(), generator.modified().ok()?).hash(&mut hasher);
    for file in files {
        file.hash(&mut hasher);
        std::fs::read(&file).ok()?.hash(&mut hasher);
    }
    Some(format!("{:016x}", hasher.finish()))
}

/// Fails the build with the diagnostics; `generated/` is untouched.
#[cfg(feature = "regenerate")]
fn fail(failure: &openapi_bindgen::diagnostic::Failure) -> ! {
    eprintln!("{failure}");
    std::process::exit(1);
}
