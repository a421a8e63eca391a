//! The `baocao` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{Parser, Subcommand, ValueEnum};

use baocao::build::{self, BuildOptions, Compiler};
use baocao::check::{self, CheckReport};
use baocao::console::{ColorChoice, Console, with_project_paths};
use baocao::diagnostics::{Diagnostic, Failure};
use baocao::diff::{self, Version, redline, render};
use baocao::output::Standard;
use baocao::project::Project;
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
        /// Print how long each stage took (load, facts, check, tera, Markdown → typst,
        /// template, typst compile, PDF export, write) on stderr.
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
    /// Compare two versions of the report: metadata, facts (with every place they are printed),
    /// the text as printed, footnotes. Exit status: 0 identical, 1 different, 2 error.
    Diff {
        /// The old version: a project folder, or a git revision (`HEAD~1`, a tag, a commit); a folder wins over a revision of the same name.
        old: String,
        /// The new version: a project folder, or a git revision.
        new: String,
        /// How to print the differences: `human` (summary, then details) or `json` (schema in docs/diff-json.md).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also write a redline PDF: the new report with insertions, deletions and changed facts marked.
        #[arg(long, value_name = "FILE.pdf")]
        redline: Option<PathBuf>,
        /// The folder whose git repository revisions are read from; the project is the same folder in each revision.
        #[arg(long, value_name = "DIR", default_value = ".")]
        project: PathBuf,
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

/// The output settings, set once from the global flags.
static CONSOLE: OnceLock<Console> = OnceLock::new();

fn console() -> &'static Console {
    CONSOLE.get_or_init(Console::plain)
}

/// How `check`, `diff` and `facts` print their results.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: each finding with file:line:col, a snippet and what to do (stderr).
    Human,
    /// For programs: one JSON document (stdout).
    Json,
}

/// Every panic so far (message and place). A panic inside typst is caught and reported as an
/// error with advice (or dropped, when check's errors stop the build anyway); these are printed
/// only when a panic ends the program.
static PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut panics) = PANICS.lock() {
            panics.push(format!("{message}{location}"));
        }
    }));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(_) => {
            // one line each, not a crash report with a backtrace
            for panic in PANICS.lock().map(|p| p.clone()).unwrap_or_default() {
                eprintln!("internal error: {panic}");
            }
            ExitCode::from(101)
        }
    }
}

fn run() -> ExitCode {
    let cli = Cli::parse();
    let _ = CONSOLE.set(Console::new(cli.quiet, cli.color));
    match cli.command {
        Command::Build { project, output, pdf_standard, no_sources, timings } => {
            let source_date_epoch = match source_date_epoch() {
                Ok(e) => e,
                Err(failure) => return fail(failure, &project),
            };
            let options = BuildOptions { output, pdf_standard, no_sources, source_date_epoch };
            let progress = console().progress("building");
            let mut stages = Timings::with_listener(progress.stage_listener());
            let result = build::build_with(&project, &options, &mut Compiler::new(), &mut stages);
            drop(progress);
            let code = match result {
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
                    console().status(
                        "built",
                        &format!(
                            "{} ({} pages, {} KB, {}, {sources}) in {:.2} s",
                            report.pdf_path.display(),
                            report.pages,
                            report.pdf_bytes.div_ceil(1024),
                            report.manifest.options.pdf_standard.label(),
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
            let options = baocao::watch::WatchOptions { build: BuildOptions { output, ..Default::default() }, timings, ..Default::default() };
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
        Command::Check { project, format, deny_warnings } => run_check(&project, format, deny_warnings),
        Command::Diff { old, new, format, redline, project } => {
            run_diff(&old, &new, format, redline.as_deref(), &project)
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
            console().status("check:", &report.summary());
        }
    }
    ExitCode::from(report.exit_code(deny_warnings) as u8)
}

/// `baocao diff`: exit 0 when identical, 1 when different, 2 on any error (as `diff` does).
fn run_diff(old: &str, new: &str, format: Format, redline_path: Option<&Path>, project: &Path) -> ExitCode {
    // where the user finds a version's files: `../v2/content/…`, or `HEAD~1:content/…`
    let base = |arg: &str| if Path::new(arg).is_dir() { PathBuf::from(arg) } else { PathBuf::from(format!("{arg}:")) };
    let result = (|| {
        let old_version = Version::open(old, project).map_err(|f| (f, base(old)))?;
        let new_version = Version::open(new, project).map_err(|f| (f, base(new)))?;
        let comparison = diff::compare(&old_version, &new_version).map_err(|f| (f, base(new)))?;
        if let Some(path) = redline_path {
            let pages = redline::write(&comparison, &new_version.project, path).map_err(|f| (f, base(new)))?;
            console().status("wrote", &format!("the redline {} ({pages} pages)", path.display()));
        }
        Ok::<_, (Failure, PathBuf)>(comparison.diff)
    })();
    match result {
        Ok(d) => {
            let out = match format {
                Format::Json => serde_json::to_string_pretty(&render::json(&d)).unwrap_or_default() + "\n",
                Format::Human => render::human(&d, render::Style::new(console().stdout_color())),
            };
            print!("{out}");
            ExitCode::from(if d.is_empty() { 0 } else { 1 })
        }
        Err((failure, base)) => {
            for d in &failure.diagnostics {
                eprintln!("{}", with_project_paths(d.clone(), &base).render_styled(console().is_color()));
            }
            eprintln!("error: diff failed");
            ExitCode::from(2)
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
    console().diagnostics(diagnostics, project);
}

fn fail(failure: Failure, project: &Path) -> ExitCode {
    report_failure(failure, project, "build failed", "; the previous PDF, if any, is unchanged")
}

fn report_failure(failure: Failure, project: &Path, what: &str, after: &str) -> ExitCode {
    let errors = console().failure(&failure.diagnostics, project);
    console().error(&format!("{what} ({errors} error{}){after}", if errors == 1 { "" } else { "s" }));
    ExitCode::from(failure.exit_code() as u8)
}

/// A command that could not start (not a project, a folder that is not empty): the findings
/// only, no build summary.
fn refuse(failure: Failure, project: &Path) -> ExitCode {
    print_all(&failure.diagnostics, project);
    ExitCode::from(failure.exit_code() as u8)
}
