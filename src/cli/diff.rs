//! `baocao diff OLD NEW`: exit 0 when identical, 1 when different, 2 on any error (as `diff`
//! does).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Format, write_stdout};
use crate::console::{Console, with_project_paths};
use crate::diagnostics::Failure;
use crate::diff::{self, Version, redline, render};

/// `baocao diff`.
#[derive(clap::Args)]
pub struct DiffArgs {
    /// The old version: a project folder, or a git revision (`HEAD~1`, a tag, a commit); a folder
    /// wins over a revision of the same name.
    old: String,
    /// The new version: a project folder, or a git revision.
    new: String,
    /// How to print the differences on stdout: `human` (summary, then details) or `json`
    /// (schema in docs/diff-json.md).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write a redline PDF: the new report with insertions, deletions and changed facts marked.
    #[arg(long, value_name = "FILE.pdf")]
    redline: Option<PathBuf>,
    /// The folder whose git repository revisions are read from; the project is the same folder
    /// in each revision.
    #[arg(long, value_name = "DIR", default_value = ".")]
    project: PathBuf,
}

/// Compares the two versions and prints the differences.
pub fn run(args: &DiffArgs, console: &Console) -> ExitCode {
    let (old, new, project) = (args.old.as_str(), args.new.as_str(), args.project.as_path());
    // where the user finds a version's files: `../v2/content/…`, or `HEAD~1:content/…`
    let base = |arg: &str| if Path::new(arg).is_dir() { PathBuf::from(arg) } else { PathBuf::from(format!("{arg}:")) };
    let result = (|| {
        if let Some(path) = &args.redline {
            crate::portable::check_output_name(path, "--redline").map_err(|f| (f, PathBuf::from(".")))?;
        }
        let old_version = Version::open(old, project).map_err(|f| (f, base(old)))?;
        let new_version = Version::open(new, project).map_err(|f| (f, base(new)))?;
        let comparison = diff::compare(&old_version, &new_version).map_err(|f| (f, base(new)))?;
        if let Some(path) = &args.redline {
            let pages = redline::write(&comparison, &new_version.project, path).map_err(|f| (f, base(new)))?;
            console.status("wrote", &format!("the redline {} ({pages} pages)", path.display()));
        }
        Ok::<_, (Failure, PathBuf)>(comparison.diff)
    })();
    match result {
        Ok(d) => {
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
            console.error("diff failed");
            ExitCode::from(2)
        }
    }
}
