//! `baocao check` (and `check --write-baseline`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Format, ProjectArg, report_failure, write_stdout};
use crate::check::{self, CheckReport};
use crate::console::Console;
use crate::diagnostics::{Code, Diagnostic};
use crate::project::Project;
use crate::t;

/// `baocao check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    project: ProjectArg,
    /// `human`: findings on stderr with snippets; `json`: the report on stdout, in the
    /// versioned format of docs/check-json.md.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Record the current warnings as known in content/check-baseline.yaml (reasons already
    /// written there are kept): later check, build and watch report only new ones.
    #[arg(long)]
    write_baseline: bool,
}

/// Checks the project and prints the report.
pub fn run(args: &CheckArgs, console: &Console) -> ExitCode {
    let project = &args.project.project;
    if args.write_baseline {
        return write_baseline(project, console);
    }
    let report = match Project::load(project) {
        Ok(loaded) => check::run_project(&loaded),
        Err(failure) if failure.usage => {
            console.diagnostics(&failure.diagnostics, project);
            return ExitCode::from(2);
        }
        Err(failure) => CheckReport::from_load_failure(&failure),
    };
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&report.to_json()) {
            Ok(json) => {
                let written = write_stdout(&(json + "\n"), console);
                if written != ExitCode::SUCCESS {
                    return written;
                }
            }
            Err(e) => {
                console.error(&t!("cli-check-cannot-json", error = e.to_string()));
                return ExitCode::from(1);
            }
        },
        Format::Human => {
            console.diagnostics(&report.findings, project);
            console.status(&t!("cli-word-check"), &report.summary());
        }
    }
    ExitCode::from(report.exit_code(args.deny_warnings) as u8)
}

/// `check --write-baseline`: every current warning recorded as known.
fn write_baseline(project: &Path, console: &Console) -> ExitCode {
    let loaded = match Project::load(project) {
        Ok(loaded) => loaded,
        Err(failure) => return report_failure(console, failure, project, &t!("cli-baseline-cannot-write"), ""),
    };
    let report = check::run_project(&loaded);
    if report.has_errors() {
        console.diagnostics(&report.findings, project);
        console.error(&t!("cli-baseline-has-errors"));
        return ExitCode::from(1);
    }
    let known: Vec<Diagnostic> = report.findings.iter().chain(&report.baselined).cloned().collect();
    let text = check::baseline::write(&loaded.baseline, &known);
    let path = if project == Path::new(".") {
        PathBuf::from(check::baseline::PATH)
    } else {
        project.join(check::baseline::PATH)
    };
    if let Err(failure) = crate::output::write_atomic(&path, text.as_bytes()) {
        return report_failure(console, failure, project, &t!("cli-baseline-cannot-write"), "");
    }
    let n = known.iter().filter(|d| d.code != Some(Code::BaselineStale)).count();
    console.status(&t!("cli-word-wrote"), &t!("cli-baseline-wrote", path = path.display().to_string(), n = n));
    ExitCode::SUCCESS
}
