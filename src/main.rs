//! The `baocao` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use baocao::build::{self, BuildOptions};
use baocao::diagnostics::{Diagnostic, Failure};
use baocao::output::Standard;
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
    ///
    /// The PDF is byte-reproducible (its date is the report's date, or SOURCE_DATE_EPOCH when
    /// set), PDF/A, and carries its sources and a manifest.json as attachments.
    Build {
        /// The report project (holds content/, templates/, fonts/).
        #[arg(long, value_name = "DIR", default_value = ".")]
        project: PathBuf,
        /// Where to write the PDF [default: DIR/build-output/report.pdf].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The PDF standard to meet [default: a-3b, or a-2b with --no-sources].
        #[arg(long, value_name = "STANDARD")]
        pdf_standard: Option<Standard>,
        /// Leave the sources (report.yaml, facts, sections, template) and manifest.json out of the PDF.
        #[arg(long)]
        no_sources: bool,
    },
    /// Check that a PDF is exactly what its attached sources produce (rebuild and compare bytes).
    ///
    /// Exit status 0: verified; 1: not verified (the reasons are printed).
    Verify {
        /// The PDF to check (built by `baocao build`).
        #[arg(value_name = "REPORT.pdf")]
        pdf: PathBuf,
        /// A project to compare with: lists its inputs that differ from the PDF's. Its fonts/
        /// are used for the rebuild [default: fonts are looked up in ./fonts].
        #[arg(long, value_name = "DIR")]
        project: Option<PathBuf>,
    },
    /// List every fact: value, unit, period, estimate/target flags, and every place it is
    /// printed (section file:line and page number).
    Facts {
        /// The report project (holds content/, templates/, fonts/).
        #[arg(long, value_name = "DIR", default_value = ".")]
        project: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

/// How `baocao facts` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A block per fact, for reading.
    Human,
    /// One JSON document, for tools.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { project, output, pdf_standard, no_sources } => {
            let started = std::time::Instant::now();
            let source_date_epoch = match source_date_epoch() {
                Ok(e) => e,
                Err(failure) => return fail(failure, &project),
            };
            let options = BuildOptions { output, pdf_standard, no_sources, source_date_epoch };
            match build::build(&project, &options) {
                Ok(report) => {
                    print_all(&report.warnings, &project);
                    let sources = if report.manifest.options.sources_attached {
                        format!(
                            "{} sources attached, {} KB before compression",
                            report.manifest.inputs.len(),
                            report.attached_bytes.div_ceil(1024)
                        )
                    } else {
                        "no sources attached".to_string()
                    };
                    eprintln!(
                        "built {} ({} pages, {} KB, {}, {sources}) in {:.2} s",
                        report.pdf_path.display(),
                        report.pages,
                        report.pdf_bytes.div_ceil(1024),
                        report.manifest.options.pdf_standard.label(),
                        started.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(failure, &project),
            }
        }
        Command::Verify { pdf, project } => {
            if !pdf.is_file() {
                eprintln!("error: `{}` does not exist or is not a file\n   = help: give the path of a PDF built by `baocao build`", pdf.display());
                return ExitCode::from(2);
            }
            if let Some(dir) = &project
                && !dir.join("content").is_dir()
            {
                eprintln!("error: `{}` is not a baocao project: it has no content/ folder", dir.display());
                return ExitCode::from(2);
            }
            match baocao::verify::verify(&pdf, project.as_deref()) {
                Ok(verdict) => {
                    let written = write_stdout(&verdict.render(&pdf, project.as_deref()));
                    if verdict.verified() { written } else { ExitCode::from(1) }
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Facts { project, format } => {
            let index = Project::load(&project).and_then(|p| baocao::fact_index::index(&p));
            match index {
                Ok(index) => {
                    let text = match format {
                        Format::Human => index.render_human(),
                        Format::Json => index.to_json(),
                    };
                    write_stdout(&text)
                }
                Err(failure) => report_failure(failure, &project, "cannot list the facts", ""),
            }
        }
    }
}

/// Writes to standard output; a closed pipe (`baocao facts | head`) is not an error.
fn write_stdout(text: &str) -> ExitCode {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

/// `SOURCE_DATE_EPOCH` from the environment (the reproducible-builds convention).
fn source_date_epoch() -> Result<Option<i64>, Failure> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => v.trim().parse::<i64>().map(Some).map_err(|_| {
            Failure::usage(
                Diagnostic::error(format!("SOURCE_DATE_EPOCH=`{v}` is not a number of seconds"))
                    .help("set it to seconds since 1970-01-01 UTC, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`, or unset it"),
            )
        }),
        Err(_) => Ok(None),
    }
}

/// Prints the findings, with paths shown relative to where the user runs the command.
fn print_all(diagnostics: &[Diagnostic], project: &Path) {
    for d in diagnostics {
        eprintln!("{}", with_project_paths(d.clone(), project).render());
    }
}

fn fail(failure: Failure, project: &Path) -> ExitCode {
    report_failure(failure, project, "build failed", "; the previous PDF, if any, is unchanged")
}

fn report_failure(failure: Failure, project: &Path, what: &str, after: &str) -> ExitCode {
    print_all(&failure.diagnostics, project);
    let errors = failure.diagnostics.iter().filter(|d| d.severity == baocao::diagnostics::Severity::Error).count();
    eprintln!("error: {what} ({errors} error{}){after}", if errors == 1 { "" } else { "s" });
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
