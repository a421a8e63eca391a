//! `baocao import FILE.docx --into DIR`: a returned draft applied to its project.

use std::path::Path;
use std::process::ExitCode;

use crate::console::Console;

/// Applies the draft (see [`crate::import::draft`]).
pub fn run(_file: &Path, _project: &Path, _accept: bool, _dry_run: bool, console: &Console) -> ExitCode {
    console.error("--into is not written yet");
    ExitCode::from(2)
}
