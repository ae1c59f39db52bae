//! The `openapi-bindgen` command line: `generate` writes the bindings of a specs
//! directory, `check` reports whether the committed output is fresh. Both call the
//! same library function as `build.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use openapi_bindgen::{diagnostic, generate, spec_files, write, Generated};

/// Generates typed Rust bindings from OpenAPI 3.0 and 3.1 documents.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generates the bindings and writes the files that changed.
    Generate(Args),
    /// Exits with an error if the output directory differs from a fresh generation.
    Check(Args),
}

#[derive(clap::Args)]
struct Args {
    /// A directory of specs (every top-level *.yaml, *.yml, *.json) or spec files.
    #[arg(long, default_value = "specs", num_args = 1..)]
    specs: Vec<PathBuf>,
    /// The directory that holds the generated code.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Lists every warning instead of a count per kind.
    #[arg(long)]
    verbose: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (args, check) = match &cli.command {
        Command::Generate(args) => (args, false),
        Command::Check(args) => (args, true),
    };
    match run(args, check) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args, check: bool) -> Result<ExitCode, String> {
    let mut files = Vec::new();
    for path in &args.specs {
        if path.is_dir() {
            files.extend(spec_files(path).map_err(|f| f.to_string())?);
        } else {
            files.push(path.clone());
        }
    }
    let Generated { files, warnings } = generate(&files).map_err(|f| f.to_string())?;
    if args.verbose {
        warnings.iter().for_each(|w| eprintln!("{w}"));
    } else {
        for line in diagnostic::summarize(&warnings) {
            eprintln!("warning: {line} (`--verbose` lists them)");
        }
    }
    if check {
        let stale = write::check(&files, &args.out).map_err(|e| format!("cannot read {}: {e}", args.out.display()))?;
        if stale.is_empty() {
            println!("{} is up to date", args.out.display());
            return Ok(ExitCode::SUCCESS);
        }
        for s in &stale {
            println!("{s}");
        }
        println!("{} is stale: run `openapi-bindgen generate` or `cargo build`", args.out.display());
        return Ok(ExitCode::FAILURE);
    }
    let report = write::write(&files, &args.out).map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    println!(
        "{}: {} file(s) written, {} removed, {} unchanged",
        args.out.display(),
        report.written.len(),
        report.removed.len(),
        files.len() - report.written.len()
    );
    Ok(ExitCode::SUCCESS)
}
