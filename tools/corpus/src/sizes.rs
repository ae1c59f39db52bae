//! The test that every type of a generated crate is small: `tests/sizes.rs`,
//! written into the crate, names each `pub struct` and `pub enum` of its type
//! files and checks `size_of` against [`LIMIT`], printing the largest.

use std::path::Path;

/// The largest value a generated type may hold inline, in bytes.
pub const LIMIT: usize = 8192;

/// Writes `tests/sizes.rs` into the crate at `dir` (package `name`).
pub fn write_test(dir: &Path, name: &str) -> Result<(), String> {
    let krate = name.replace('-', "_");
    let mut rows = Vec::new();
    let src = dir.join("src");
    let modules = std::fs::read_dir(&src).map_err(|e| format!("cannot read {}: {e}", src.display()))?;
    let mut modules: Vec<_> = modules.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    modules.sort();
    for module in modules {
        let module_name = module.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let types = module.join("types");
        let Ok(files) = std::fs::read_dir(&types) else { continue };
        let mut files: Vec<_> = files.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            for line in text.lines() {
                let declared = line.strip_prefix("pub struct ").or_else(|| line.strip_prefix("pub enum "));
                let Some(ty) = declared.and_then(|rest| rest.split([' ', '(', '{', '<']).next()) else { continue };
                rows.push(format!("        (\"{ty}\", ::std::mem::size_of::<{krate}::{module_name}::{ty}>()),"));
            }
        }
    }
    let test = format!(
        "//! Written by the corpus run (tools/corpus/src/sizes.rs): every generated type\n\
         //! holds at most {LIMIT} bytes inline, so that reading one takes little stack.\n\n\
         #[test]\n\
         fn every_type_is_small() {{\n    \
             let mut sizes = [\n{}\n    ];\n    \
             sizes.sort_by_key(|(_, size)| ::std::cmp::Reverse(*size));\n    \
             println!(\"{{}} types; the largest: {{:?}}\", sizes.len(), &sizes[..sizes.len().min(5)]);\n    \
             let large: Vec<_> = sizes.iter().filter(|(_, size)| *size > {LIMIT}).collect();\n    \
             assert!(large.is_empty(), \"over {LIMIT} bytes: {{large:?}}\");\n\
         }}\n",
        rows.join("\n")
    );
    let tests = dir.join("tests");
    std::fs::create_dir_all(&tests).map_err(|e| format!("cannot create {}: {e}", tests.display()))?;
    std::fs::write(tests.join("sizes.rs"), test).map_err(|e| format!("cannot write the sizes test: {e}"))
}
