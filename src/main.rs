//! The `baocao` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use baocao::build::{self, BuildOptions};
use baocao::check::{self, CheckReport};
use baocao::diagnostics::{Diagnostic, Failure};
use baocao::project::Project;

/// Build official Vietnamese government reports from YAML facts and Markdown narrative.
#[derive(Parser)]
#[command(name = "baocao", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the report PDF (build-output/report.pdf) and the generated typst source beside it.
    Build {
        /// The report project (holds content/, templates/, fonts/).
        #[arg(long, value_name = "DIR", default_value = ".")]
        project: PathBuf,
        /// Where to write the PDF [default: DIR/build-output/report.pdf].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check the report for mistakes: undefined or unused facts, footnotes, heading numbers,
    /// Vietnamese typography, characters the fonts cannot show. Exit 0 when there is no error,
    /// 1 when there is one (or a warning, with --deny-warnings), 2 on a usage error.
    Check {
        /// The report project (holds content/, templates/, fonts/).
        #[arg(long, value_name = "DIR", default_value = ".")]
        project: PathBuf,
        /// `human`: findings on stderr with snippets; `json`: the report on stdout, in the
        /// versioned format of docs/check-json.md.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too, not only on errors.
        #[arg(long)]
        deny_warnings: bool,
    },
}

/// How `check` prints its findings.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: each finding with file:line:col, a snippet and what to do (stderr).
    Human,
    /// For programs: one JSON document (stdout).
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { project, output } => {
            let started = std::time::Instant::now();
            match build::build(&project, &BuildOptions { output }) {
                Ok(report) => {
                    print_all(&report.warnings, &project);
                    eprintln!(
                        "built {} ({} pages) in {:.2} s",
                        report.pdf_path.display(),
                        report.pages,
                        started.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(failure, &project),
            }
        }
        Command::Check { project, format, deny_warnings } => run_check(&project, format, deny_warnings),
    }
}

fn run_check(project: &Path, format: Format, deny_warnings: bool) -> ExitCode {
    let report = match Project::load(project) {
        Ok(loaded) => check::run(&loaded),
        Err(failure) if failure.usage => {
            print_all(&failure.diagnostics, project);
            return ExitCode::from(2);
        }
        Err(failure) => CheckReport::from_load_failure(&failure),
    };
    match format {
        Format::Json => match serde_json::to_string_pretty(&report.to_json()) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: cannot write the report as JSON: {e}");
                return ExitCode::from(1);
            }
        },
        Format::Human => {
            print_all(&report.findings, project);
            eprintln!("check: {}", report.summary());
        }
    }
    ExitCode::from(report.exit_code(deny_warnings) as u8)
}

/// Prints the findings, with paths shown relative to where the user runs the command.
fn print_all(diagnostics: &[Diagnostic], project: &Path) {
    for d in diagnostics {
        eprintln!("{}", with_project_paths(d.clone(), project).render());
    }
}

fn fail(failure: Failure, project: &Path) -> ExitCode {
    print_all(&failure.diagnostics, project);
    let errors = failure.diagnostics.iter().filter(|d| d.severity == baocao::diagnostics::Severity::Error).count();
    eprintln!("error: build failed ({errors} error{}); the previous PDF, if any, is unchanged", if errors == 1 { "" } else { "s" });
    ExitCode::from(failure.exit_code() as u8)
}

fn with_project_paths(mut d: Diagnostic, project: &Path) -> Diagnostic {
    let fix = |path: &mut PathBuf| {
        if path.is_relative() && project != Path::new(".") && !path.starts_with(project) {
            *path = project.join(&*path);
        }
    };
    if let Some(loc) = d.location.as_mut() {
        fix(&mut loc.path);
    }
    for (_, loc) in d.notes.iter_mut() {
        fix(&mut loc.path);
    }
    d
}
