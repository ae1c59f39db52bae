//! The `openapi-bindgen` command line: `generate` writes the bindings of a specs
//! directory, `check` reports whether the committed output is fresh. Both call the
//! same library function as `build.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use openapi_bindgen::{diagnostic, generate_with, regenerate_with, spec_files, write, Generated, Options};

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
    /// Generates the same types without their constraint checks.
    #[arg(long)]
    no_validation: bool,
}

impl Args {
    fn options(&self) -> Options {
        Options { validation: !self.no_validation }
    }
}

fn main() -> ExitCode {
    let result = match &Cli::parse().command {
        Command::Generate(args) => generate_command(args),
        Command::Check(args) => check_command(args),
    };
    result.unwrap_or_else(|message| {
        eprintln!("{message}");
        ExitCode::FAILURE
    })
}

/// The spec files named by `--specs`: directories expand to their spec files.
fn spec_paths(args: &Args) -> Result<Vec<PathBuf>, String> {
    let mut specs = Vec::new();
    for path in &args.specs {
        if path.is_dir() {
            specs.extend(spec_files(path).map_err(|f| f.to_string())?);
        } else {
            specs.push(path.clone());
        }
    }
    Ok(specs)
}

fn generate_command(args: &Args) -> Result<ExitCode, String> {
    let done = regenerate_with(&spec_paths(args)?, &args.out, &args.options()).map_err(|f| f.to_string())?;
    report_warnings(&done.warnings, args.verbose);
    let (written, removed) = (done.report.written.len(), done.report.removed.len());
    println!("{}: {written} file(s) written, {removed} removed", args.out.display());
    Ok(ExitCode::SUCCESS)
}

fn check_command(args: &Args) -> Result<ExitCode, String> {
    let Generated { files, warnings } =
        generate_with(&spec_paths(args)?, &args.options()).map_err(|f| f.to_string())?;
    report_warnings(&warnings, args.verbose);
    let stale = write::check(&files, &args.out).map_err(|e| format!("cannot read {}: {e}", args.out.display()))?;
    if stale.is_empty() {
        println!("{} is up to date", args.out.display());
        return Ok(ExitCode::SUCCESS);
    }
    for s in &stale {
        println!("{s}");
    }
    println!("{} is stale: run `openapi-bindgen generate` or `cargo build`", args.out.display());
    Ok(ExitCode::FAILURE)
}

fn report_warnings(warnings: &[diagnostic::Diagnostic], verbose: bool) {
    if verbose {
        warnings.iter().for_each(|w| eprintln!("{w}"));
    } else {
        for line in diagnostic::summarize(warnings) {
            eprintln!("warning: {line} (`--verbose` lists them)");
        }
    }
}
