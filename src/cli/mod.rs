//! The command line: arguments ([`Cli`], clap derive: each field's `///` is its `--help`) and one
//! module per command, each a `run` that takes its arguments and the [`Console`] and returns the
//! exit code. `main` is the dispatch. Exit codes: 0 success, 1 content errors (or, for `diff`,
//! "different"), 2 usage errors.

pub mod build;
pub mod check;
pub mod diff;
pub mod facts;
pub mod help;
pub mod import;
pub mod import_draft;
pub mod serve;
pub mod verify;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::console::{ColorChoice, Console};
use crate::diagnostics::{Diagnostic, Failure};

/// Build official Vietnamese government reports from YAML facts and Markdown narrative.
#[derive(Parser)]
#[command(name = "baocao", version = version_text(), about, long_about = None)]
pub struct Cli {
    /// Print only errors and warnings: no status lines, no progress.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_name = "WHEN", global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The language of messages: vi (tiếng Việt) or en. Without it: vi when the locale is
    /// Vietnamese (LANG=vi_VN.UTF-8), else the project's `language:` in report.yaml, else en.
    #[arg(long, value_name = "LANG", global = true, value_parser = ["vi", "en"])]
    pub lang: Option<String>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
    /// Build the report PDF (build-output/report.pdf) and the generated typst source beside it.
    ///
    /// The PDF is byte-reproducible (its date is the report's date, or SOURCE_DATE_EPOCH when
    /// set), PDF/A, and carries its sources and a manifest.json as attachments.
    Build(build::BuildArgs),
    /// Build, then rebuild on every change under content/, templates/ and fonts/ (Ctrl-C stops).
    Watch(build::WatchArgs),
    /// Create a new report project in DIR (a new or empty folder): report.yaml, a facts file,
    /// two sections, the layout template and the fonts, ready to build.
    Init(build::InitArgs),
    /// Check the report for mistakes: undefined or unused facts, footnotes, heading numbers,
    /// Vietnamese typography, characters the fonts cannot show. Exit 0 when there is no error,
    /// 1 when there is one (or a warning, with --deny-warnings), 2 on a usage error.
    Check(check::CheckArgs),
    /// Compare two versions of the report: metadata, facts (with every place they are printed),
    /// the text as printed, footnotes. Exit status: 0 identical, 1 different, 2 error.
    Diff(diff::DiffArgs),
    /// Check that a PDF is exactly what its attached sources produce (rebuild and compare bytes).
    ///
    /// Exit status 0: verified; 1: not verified (altered, or not what its sources produce);
    /// 3: cannot tell (no sources attached, a font that is nowhere, sources that do not build).
    Verify(verify::VerifyArgs),
    /// Make a project of a Word file (`import FILE.docx DIR`), or apply a draft returned as
    /// .docx to the project it came from (`import FILE.docx --into DIR`).
    ///
    /// Writes IMPORT.md in the project: what was converted and what was not (tables, images,
    /// text boxes, fields, comments, tracked changes).
    Import(import::ImportArgs),
    /// List every fact: value, unit, period, estimate/target flags, and every place it is
    /// printed (section file:line and page number).
    Facts(facts::FactsArgs),
    /// Open the workspace in the browser: the pages as they are built, facts, sections, findings
    /// and comparisons, with editing. Prints the address (with its secret token) to open.
    Serve(serve::ServeArgs),
}

/// What `baocao --version` prints after the name: `0.1.0 (commit 1a2b3c4d5e, typst 0.15.1)`.
/// The commit is the one `build.rs` read from git ("unknown" when built without git).
pub fn version_text() -> &'static str {
    static TEXT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{} (commit {}, typst {})",
            env!("CARGO_PKG_VERSION"),
            env!("BAOCAO_COMMIT"),
            typst::utils::version().raw()
        )
    });
    &TEXT
}

/// How `check`, `diff` and `facts` print their results.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: each finding with file:line:col, a snippet and what to do.
    Human,
    /// For programs: one JSON document (stdout).
    Json,
}

/// `--project DIR`, shared by the commands that read one project.
#[derive(clap::Args)]
pub struct ProjectArg {
    /// The report project (holds content/, templates/, fonts/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub project: PathBuf,
}

/// Writes to standard output; a closed pipe (`baocao facts | head`) is not an error.
pub fn write_stdout(text: &str, console: &Console) -> ExitCode {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            console.error(&crate::t!("cli-cannot-write-output", error = e.to_string()));
            ExitCode::from(1)
        }
    }
}

/// A failed command: its findings (errors last), then one line saying what failed.
pub fn report_failure(console: &Console, failure: Failure, project: &Path, what: &str, after: &str) -> ExitCode {
    let errors = console.failure(&failure.diagnostics, project);
    console.error(&crate::t!("cli-failed", what = what, errors = errors, after = after));
    ExitCode::from(failure.exit_code() as u8)
}

/// A command that could not start (not a project, a folder that is not empty): the findings
/// only, no summary.
pub fn refuse(console: &Console, failure: Failure, project: &Path) -> ExitCode {
    console.diagnostics(&failure.diagnostics, project);
    ExitCode::from(failure.exit_code() as u8)
}

/// A usage error before any work: the message and what to do, exit 2.
pub fn usage_error(console: &Console, d: Diagnostic) -> ExitCode {
    refuse(console, Failure::usage(d), Path::new("."))
}
