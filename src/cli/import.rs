//! `baocao import FILE.docx DIR` (a new project) and `baocao import FILE.docx --into DIR` (a
//! returned draft applied to its project).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{refuse, usage_error};
use crate::console::Console;
use crate::diagnostics::Diagnostic;
use crate::t;

/// `baocao import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The Word file (.docx).
    #[arg(value_name = "FILE.docx")]
    file: PathBuf,
    /// The folder of the new project (new or empty).
    #[arg(value_name = "DIR", required_unless_present = "into", conflicts_with = "into")]
    dir: Option<PathBuf>,
    /// Apply FILE (a draft sent out as .docx and returned with edits) to the project it came
    /// from: changed figures become fact changes, changed text section edits.
    #[arg(long, value_name = "DIR")]
    into: Option<PathBuf>,
    /// Apply the tracked changes (insertions and deletions) as accepted; without it they are
    /// listed and the text is read as it was before them.
    #[arg(long)]
    accept_changes: bool,
    /// Show what would be written (the import's report; with --into, the changes as `diff`
    /// shows them), write nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Runs the import.
pub fn run(args: &ImportArgs, console: &Console) -> ExitCode {
    if let Some(project) = &args.into {
        return super::import_draft::run(&args.file, project, args.accept_changes, args.dry_run, console);
    }
    let Some(dir) = &args.dir else {
        return usage_error(console, Diagnostic::error(t!("cli-import-no-dir")));
    };
    if args.dry_run {
        return match crate::import::import(&args.file, args.accept_changes) {
            Ok(imported) => {
                if super::write_stdout(&imported.summary, console) != ExitCode::SUCCESS {
                    return ExitCode::from(2);
                }
                console.status(
                    &t!("cli-word-dry-run"),
                    &t!("cli-import-dry-run", n = imported.files.len(), dir = dir.display().to_string()),
                );
                ExitCode::SUCCESS
            }
            Err(failure) => refuse(console, failure, Path::new(".")),
        };
    }
    match crate::import::into_new_project(&args.file, dir, args.accept_changes) {
        Ok((imported, written)) => {
            if !console.is_quiet() && super::write_stdout(&imported.summary, console) != ExitCode::SUCCESS {
                return ExitCode::from(2);
            }
            let c = &imported.converted;
            console.status(
                &t!("cli-word-imported"),
                &t!(
                    "cli-import-done",
                    file = args.file.display().to_string(),
                    dir = dir.display().to_string(),
                    files = written.len(),
                    sections = c.sections.len(),
                    namespaces = c.facts.namespaces.len(),
                    footnotes = c.notes,
                    facts = c.facts.len(),
                ),
            );
            console.status(
                &t!("cli-word-next"),
                &t!(
                    "cli-import-next",
                    dir = dir.display().to_string(),
                    summary = dir.join("IMPORT.md").display().to_string()
                ),
            );
            ExitCode::SUCCESS
        }
        Err(failure) => refuse(console, failure, Path::new(".")),
    }
}
