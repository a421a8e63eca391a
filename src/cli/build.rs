//! `baocao build`, `watch` and `init`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{ProjectArg, refuse, report_failure};
use crate::build::{self, BuildOptions, BuildReport, Compiler, Formats};
use crate::console::Console;
use crate::diagnostics::{Diagnostic, Failure};
use crate::output::Standard;
use crate::t;
use crate::timings::Timings;

/// `baocao build`.
#[derive(clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    project: ProjectArg,
    /// Where to write the PDF, or the Word file when FILE ends in .docx (the other format, if
    /// asked for, goes beside it) [default: DIR/build-output/report.pdf].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// What to write: pdf, docx (a Word file in the same layout, with real footnotes), or both
    /// (`pdf,docx`) [default: pdf, or docx when -o ends in .docx].
    #[arg(long, value_name = "FORMATS", value_delimiter = ',', value_enum)]
    format: Vec<OutputFormat>,
    /// The PDF standard to meet [default: a-3b, or a-2b with --no-sources].
    #[arg(long, value_name = "STANDARD")]
    pdf_standard: Option<Standard>,
    /// Leave the sources (report.yaml, facts, sections, template) and manifest.json out of the PDF.
    #[arg(long)]
    no_sources: bool,
    /// Print how long each stage took (load, facts, check, tera, Markdown → typst,
    /// template, typst compile, PDF export, write) on stderr.
    #[arg(long)]
    timings: bool,
}

/// An output format of `build`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// The PDF (PDF/A, with its sources attached).
    Pdf,
    /// A Word file (.docx) in the same layout.
    Docx,
}

/// `baocao watch`.
#[derive(clap::Args)]
pub struct WatchArgs {
    #[command(flatten)]
    project: ProjectArg,
    /// Where to write the PDF [default: DIR/build-output/report.pdf].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print the stage timings after each rebuild.
    #[arg(long)]
    timings: bool,
}

/// `baocao init`.
#[derive(clap::Args)]
pub struct InitArgs {
    /// The folder to create the project in.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

/// Builds the PDF; prints the warnings, the known-findings line and one status line.
pub fn run(args: &BuildArgs, console: &Console) -> ExitCode {
    let project = &args.project.project;
    let fail = |failure| report_failure(console, failure, project, &t!("build-failed"), &t!("build-failed-after"));
    let source_date_epoch = match source_date_epoch() {
        Ok(e) => e,
        Err(failure) => return fail(failure),
    };
    let formats = match formats(&args.format, args.output.as_deref()) {
        Ok(f) => f,
        Err(failure) => return fail(failure),
    };
    let options = BuildOptions {
        output: args.output.clone(),
        formats,
        pdf_standard: args.pdf_standard,
        no_sources: args.no_sources,
        source_date_epoch,
    };
    let progress = console.progress(&t!("build-progress"));
    let mut stages = Timings::with_listener(progress.stage_listener());
    let result = build::build_with(project, &options, &mut Compiler::new(), &mut stages);
    drop(progress);
    let code = match result {
        Ok(report) => {
            console.diagnostics(&report.warnings, project);
            // as `check` sums up: the new warnings printed above, and the known ones
            let new = report.warnings.len();
            let line = if new > 0 {
                Some(crate::check::summary_line(0, new, 0, report.baselined))
            } else {
                crate::check::baseline::known_line(report.baselined)
            };
            if let Some(line) = line {
                console.status(&t!("cli-word-check"), &line);
            }
            for line in built_lines(&report) {
                let mut seconds = format!("{:.2}", stages.elapsed().as_secs_f64());
                if crate::i18n::current() == crate::i18n::Lang::Vi {
                    seconds = seconds.replace('.', ","); // 0,08 giây
                }
                console.status(&t!("build-word-built"), &t!("build-built-in", what = line, seconds = seconds));
            }
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure),
    };
    if args.timings {
        eprint!("{}", stages.render());
    }
    code
}

/// One line for each file written: the PDF (pages, size, standard, sources), the Word file
/// (footnotes, facts tagged, size).
fn built_lines(report: &BuildReport) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(pdf) = &report.pdf {
        let sources = if report.manifest.options.sources_attached {
            t!("build-sources-attached", n = report.manifest.inputs.len(), kb = pdf.attached_bytes.div_ceil(1024))
        } else {
            t!("build-no-sources")
        };
        lines.push(t!(
            "build-pdf-line",
            path = pdf.path.display().to_string(),
            pages = pdf.pages,
            kb = pdf.bytes.div_ceil(1024),
            standard = report.manifest.options.pdf_standard.label(),
            sources = sources,
        ));
    }
    if let Some(docx) = &report.docx {
        lines.push(t!(
            "build-docx-line",
            path = docx.path.display().to_string(),
            footnotes = docx.footnotes,
            facts = docx.facts,
            kb = docx.bytes.div_ceil(1024),
        ));
    }
    lines
}

/// The formats asked for: `--format`, or else the extension of `-o` (`.docx`: Word only). A
/// single format whose `-o` names the other one is a usage error.
fn formats(asked: &[OutputFormat], output: Option<&Path>) -> Result<Formats, Failure> {
    let extension = output.and_then(|o| o.extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let names_docx = extension.as_deref() == Some("docx");
    if asked.is_empty() {
        return Ok(Formats { pdf: !names_docx, docx: names_docx });
    }
    let formats = Formats { pdf: asked.contains(&OutputFormat::Pdf), docx: asked.contains(&OutputFormat::Docx) };
    let clash = match (formats.pdf, formats.docx, extension.as_deref()) {
        (true, false, Some("docx")) => Some((t!("build-names-word"), "pdf", "docx")),
        (false, true, Some("pdf")) => Some((t!("build-names-pdf"), "docx", "pdf")),
        _ => None,
    };
    if let Some((named, asked, other)) = clash {
        let output = output.map(|o| o.display().to_string()).unwrap_or_default();
        return Err(Failure::usage(
            Diagnostic::error(t!("build-format-clash", output = output, named = named, asked = asked)).help(t!(
                "build-format-clash-help",
                asked = asked,
                other = other
            )),
        ));
    }
    Ok(formats)
}

/// Builds, then rebuilds on every change until stopped.
pub fn watch(args: &WatchArgs, console: &Console) -> ExitCode {
    let project = &args.project.project;
    let options = crate::watch::WatchOptions {
        build: BuildOptions { output: args.output.clone(), ..Default::default() },
        timings: args.timings,
        ..Default::default()
    };
    match crate::watch::watch(project, &options, console) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => refuse(console, failure, project),
    }
}

/// Creates a new project from the embedded skeleton.
pub fn init(args: &InitArgs, console: &Console) -> ExitCode {
    let dir = &args.dir;
    match crate::init::init(dir) {
        Ok(files) => {
            console.status(
                &t!("cli-word-created"),
                &t!("cli-init-created", dir = dir.display().to_string(), n = files.len()),
            );
            let dir = quoted(dir);
            console.status(&t!("cli-word-next"), &t!("cli-init-next", dir = dir));
            ExitCode::SUCCESS
        }
        Err(failure) => refuse(console, failure, Path::new(".")),
    }
}

/// A path to paste into a command line: in double quotes when it holds a space
/// (`"C:\Báo cáo 2025\bao-cao"`), which cmd.exe, PowerShell and sh all read as one argument.
fn quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if text.contains(char::is_whitespace) { format!("\"{text}\"") } else { text }
}

/// `SOURCE_DATE_EPOCH` from the environment (the reproducible-builds convention).
fn source_date_epoch() -> Result<Option<i64>, Failure> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => v.trim().parse::<i64>().map(Some).map_err(|_| {
            Failure::usage(
                Diagnostic::error(t!("build-source-date-epoch", value = v.as_str()))
                    .help(t!("build-source-date-epoch-help")),
            )
        }),
        Err(_) => Ok(None),
    }
}
