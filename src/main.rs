//! The `baocao` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use baocao::build::{self, BuildOptions};
use baocao::diagnostics::{Diagnostic, Failure};

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
}

fn main() -> ExitCode {
    // A panic inside typst is caught and reported as an error with advice; print the panic
    // itself as one line, not as a crash with a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("internal error: {message}{location}");
    }));
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
    }
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
