//! `baocao diff OLD NEW`: exit 0 when identical, 1 when different, 2 on any error (as `diff`
//! does).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Format, write_stdout};
use crate::console::{Console, with_project_paths};
use crate::diagnostics::Failure;
use crate::diff::{self, Version, redline, render};
use crate::t;

/// `baocao diff`.
#[derive(clap::Args)]
pub struct DiffArgs {
    /// The old version: a PDF (an issued report, or one built by baocao), a Word file (.docx),
    /// a project folder, or a git revision (`HEAD~1`, a tag, a commit); a folder wins over a revision of the same name.
    old: String,
    /// The new version: a PDF, a Word file (.docx), a project folder, or a git revision.
    new: String,
    /// How to print the differences on stdout: `human` (summary, then details) or `json`
    /// (schema in docs/diff-json.md).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write a redline PDF: the new report with insertions, deletions and changed facts
    /// marked (NEW must have sources: a folder, a revision or a PDF built by baocao).
    #[arg(long, value_name = "FILE.pdf")]
    redline: Option<PathBuf>,
    /// The folder whose git repository revisions are read from (the project is the same folder
    /// in each revision); its fonts/ also serve to rebuild a PDF from its attached sources.
    #[arg(long, value_name = "DIR", default_value = ".")]
    project: PathBuf,
}

/// Compares the two versions and prints the differences.
pub fn run(args: &DiffArgs, console: &Console) -> ExitCode {
    let (old, new, project) = (args.old.as_str(), args.new.as_str(), args.project.as_path());
    // where the user finds a version's files: `../v2/content/…`, or `HEAD~1:content/…`
    let base = |arg: &str| {
        let path = Path::new(arg);
        if path.is_dir() {
            PathBuf::from(arg)
        } else if path.is_file() {
            PathBuf::from(".")
        } else {
            PathBuf::from(format!("{arg}:"))
        }
    };
    // a PDF's sources are rebuilt with the fonts built into baocao, or the project's
    let font_dirs = [project.join("fonts"), PathBuf::from("fonts")];
    let progress = console.progress(&t!("cli-diff-progress"));
    let result = (|| {
        if let Some(path) = &args.redline {
            crate::portable::check_output_name(path, "--redline").map_err(|f| (f, PathBuf::from(".")))?;
        }
        let mut old_version = Version::open(old, project, &font_dirs).map_err(|f| (f, base(old)))?;
        let mut new_version = Version::open(new, project, &font_dirs).map_err(|f| (f, base(new)))?;
        // a Word file beside a project is that project with the file applied as a draft
        let docx = |v: &Version| v.info.kind == diff::SourceKind::Docx;
        if docx(&old_version)
            && !docx(&new_version)
            && let Some(p) = new_version.project()
        {
            old_version = Version::open_docx_against(old, p).map_err(|f| (f, base(old)))?;
        } else if docx(&new_version)
            && !docx(&old_version)
            && let Some(p) = old_version.project()
        {
            new_version = Version::open_docx_against(new, p).map_err(|f| (f, base(new)))?;
        }
        if let Some(p) = new_version.project().cloned() {
            old_version.describe_facts_from(&p);
        }
        if let Some(p) = old_version.project().cloned() {
            new_version.describe_facts_from(&p);
        }
        let comparison = diff::compare(&old_version, &new_version).map_err(|f| (f, base(new)))?;
        if let Some(path) = &args.redline {
            let Some(new_project) = new_version.project() else {
                return Err((
                    Failure::usage(
                        crate::diagnostics::Diagnostic::error(t!("cli-diff-redline-no-sources", new = new))
                            .help(t!("cli-diff-redline-no-sources-help")),
                    ),
                    PathBuf::from("."),
                ));
            };
            let pages = redline::write(&comparison, new_project, path).map_err(|f| (f, base(new)))?;
            console.status(
                &t!("cli-word-wrote"),
                &t!("cli-diff-redline-wrote", path = path.display().to_string(), pages = pages),
            );
        }
        Ok::<_, (Failure, PathBuf)>(comparison.diff)
    })();
    drop(progress);
    match result {
        Ok(d) => {
            for line in [&d.old, &d.new].into_iter().filter_map(|v| v.sources_line()) {
                console.status(&t!("cli-word-diff"), &line);
            }
            let out = match args.format {
                Format::Json => serde_json::to_string_pretty(&render::json(&d)).unwrap_or_default() + "\n",
                Format::Human => render::human(&d, render::Style::new(console.stdout_color())),
            };
            let written = write_stdout(&out, console);
            if written != ExitCode::SUCCESS {
                return ExitCode::from(2);
            }
            ExitCode::from(if d.is_empty() { 0 } else { 1 })
        }
        Err((failure, base)) => {
            let shown: Vec<_> = failure.diagnostics.iter().map(|d| with_project_paths(d.clone(), &base)).collect();
            console.diagnostics(&shown, Path::new("."));
            console.error(&t!("cli-diff-failed"));
            ExitCode::from(2)
        }
    }
}
