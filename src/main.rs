//! The `baocao` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{Parser, Subcommand};

use baocao::build::{self, BuildOptions, Compiler};
use baocao::console::{ColorChoice, Console};
use baocao::diagnostics::{Diagnostic, Failure};
use baocao::timings::Timings;

/// Build official Vietnamese government reports from YAML facts and Markdown narrative.
#[derive(Parser)]
#[command(name = "baocao", version, about, long_about = None)]
struct Cli {
    /// Print only errors and warnings: no status lines, no progress.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_name = "WHEN", global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
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
        /// Print how long each stage took (load, facts, tera, Markdown → typst, template,
        /// typst compile, PDF export, write) on stderr.
        #[arg(long)]
        timings: bool,
    },
    /// Build, then rebuild on every change under content/, templates/ and fonts/ (Ctrl-C stops).
    Watch {
        /// The report project (holds content/, templates/, fonts/).
        #[arg(long, value_name = "DIR", default_value = ".")]
        project: PathBuf,
        /// Where to write the PDF [default: DIR/build-output/report.pdf].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Print the stage timings after each rebuild.
        #[arg(long)]
        timings: bool,
    },
    /// Create a new report project in DIR (a new or empty folder): report.yaml, a facts file,
    /// two sections, the layout template and the fonts, ready to build.
    Init {
        /// The folder to create the project in.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// The output settings, set once from the global flags.
static CONSOLE: OnceLock<Console> = OnceLock::new();

fn console() -> &'static Console {
    CONSOLE.get_or_init(Console::plain)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = CONSOLE.set(Console::new(cli.quiet, cli.color));
    match cli.command {
        Command::Build { project, output, timings } => {
            let progress = console().progress("building");
            let mut stages = Timings::with_listener(progress.stage_listener());
            let result = build::build_with(&project, &BuildOptions { output }, &mut Compiler::new(), &mut stages);
            drop(progress);
            let code = match result {
                Ok(report) => {
                    print_all(&report.warnings, &project);
                    console().status(
                        "built",
                        &format!(
                            "{} ({} pages) in {:.2} s",
                            report.pdf_path.display(),
                            report.pages,
                            stages.elapsed().as_secs_f64()
                        ),
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(failure, &project),
            };
            if timings {
                eprint!("{}", stages.render());
            }
            code
        }
        Command::Watch { project, output, timings } => {
            let options = baocao::watch::WatchOptions { build: BuildOptions { output }, timings, ..Default::default() };
            match baocao::watch::watch(&project, &options, console()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(failure) => refuse(failure, &project),
            }
        }
        Command::Init { dir } => match baocao::init::init(&dir) {
            Ok(files) => {
                console().status("created", &format!("a new report project in {} ({} files)", dir.display(), files.len()));
                if !console().is_quiet() {
                    eprintln!("next: cd {} && baocao build   (or: baocao build --project {0})", dir.display());
                }
                ExitCode::SUCCESS
            }
            Err(failure) => refuse(failure, Path::new(".")),
        },
    }
}

/// Prints the findings, with paths shown relative to where the user runs the command.
fn print_all(diagnostics: &[Diagnostic], project: &Path) {
    console().diagnostics(diagnostics, project);
}

fn fail(failure: Failure, project: &Path) -> ExitCode {
    print_all(&failure.diagnostics, project);
    let errors = failure.diagnostics.iter().filter(|d| d.severity == baocao::diagnostics::Severity::Error).count();
    console().error(&format!(
        "build failed ({errors} error{}); the previous PDF, if any, is unchanged",
        if errors == 1 { "" } else { "s" }
    ));
    ExitCode::from(failure.exit_code() as u8)
}

/// A command that could not start (not a project, a folder that is not empty): the findings
/// only, no build summary.
fn refuse(failure: Failure, project: &Path) -> ExitCode {
    print_all(&failure.diagnostics, project);
    ExitCode::from(failure.exit_code() as u8)
}
