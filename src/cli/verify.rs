//! `baocao verify REPORT.pdf [--project DIR]`: exit 0 verified, 1 not verified (altered, or not
//! what its sources produce), 2 usage error, 3 cannot tell (no sources, a font that is nowhere,
//! sources that do not build here).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{usage_error, write_stdout};
use crate::console::Console;
use crate::diagnostics::Diagnostic;
use crate::t;
use crate::verify::Outcome;

/// `baocao verify`.
#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The PDF to check (built by `baocao build`).
    #[arg(value_name = "REPORT.pdf")]
    pdf: PathBuf,
    /// A project to compare with: lists its inputs that differ from the PDF's. Its fonts/
    /// are used for the rebuild [default: fonts are looked up in ./fonts].
    #[arg(long, value_name = "DIR")]
    project: Option<PathBuf>,
}

/// Rebuilds the PDF from its attached sources and compares.
pub fn run(args: &VerifyArgs, console: &Console) -> ExitCode {
    let (pdf, project) = (&args.pdf, args.project.as_deref());
    if !pdf.is_file() {
        return usage_error(
            console,
            Diagnostic::error(t!("cli-verify-no-file", path = pdf.display().to_string()))
                .help(t!("cli-verify-no-file-help")),
        );
    }
    if let Some(dir) = project
        && !dir.join("content").is_dir()
    {
        return usage_error(
            console,
            Diagnostic::error(t!("cli-verify-not-a-project", path = dir.display().to_string()))
                .help(t!("cli-verify-not-a-project-help")),
        );
    }
    match crate::verify::verify(pdf, project) {
        Ok(verdict) => {
            let written = write_stdout(&verdict.render(pdf, project), console);
            match verdict.outcome() {
                Outcome::Verified => written,
                Outcome::NotVerified => ExitCode::from(1),
                Outcome::CannotTell => ExitCode::from(3),
            }
        }
        Err(d) => {
            console.diagnostics(&[d], Path::new("."));
            ExitCode::from(1)
        }
    }
}
