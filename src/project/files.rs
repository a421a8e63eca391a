//! Listing and reading a project's files: which files of a folder are read (and which are left
//! out, so that `check` can say so), and reading a text file as UTF-8 with errors a clerk can act
//! on (a file saved as UTF-16 or in an old code page).

use std::path::{Path, PathBuf};

use super::{InputFile, MAX_FILE_BYTES, Source, SourceFile, normalise_text};
use crate::diagnostics::{Diagnostic, Location};
use crate::t;

/// [`list_files`] for a folder a project may or may not have.
pub(super) fn list_optional(
    source: &dyn Source,
    dir: &str,
    extensions: &[&str],
    errors: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    if source.is_dir(Path::new(dir)) { list_files(source, dir, extensions, errors) } else { Vec::new() }
}

/// File extensions read as fonts from `fonts/`.
pub const FONT_EXTENSIONS: &[&str] = &["ttf", "otf", "ttc", "otc"];

/// Files with one of `extensions` directly or deeper under `dir`, sorted by path (file-name
/// order within each folder); hidden files and editor backups are left out ([`is_backup`]). A
/// name that Windows reserves for a device, or two names that differ only in case, are errors.
pub(super) fn list_files(
    source: &dyn Source,
    dir: &str,
    extensions: &[&str],
    errors: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    list_files_noting(source, dir, extensions, errors, &mut Vec::new())
}

/// [`list_files`], adding to `left_out` every other file of the folder that is not hidden or an
/// editor's backup: a section saved as `.md.txt` or `.docx` that would otherwise vanish silently.
pub(super) fn list_files_noting(
    source: &dyn Source,
    dir: &str,
    extensions: &[&str],
    errors: &mut Vec<Diagnostic>,
    left_out: &mut Vec<PathBuf>,
) -> Vec<PathBuf> {
    if !source.is_dir(Path::new(dir)) {
        errors.push(Diagnostic::error(t!("project-folder-missing", dir = dir)).help(t!(
            "project-folder-missing-help",
            dir = dir,
            project = source.describe()
        )));
        return Vec::new();
    }
    let mut found = Vec::new();
    for rel in source.files_under(Path::new(dir), errors).iter().map(|p| native(p)) {
        let Some(name) = rel.file_name() else { continue };
        let Some(name) = name.to_str() else {
            errors.push(
                Diagnostic::error(t!("project-name-not-utf8", file = rel.display().to_string()))
                    .help(t!("project-name-not-utf8-help")),
            );
            continue;
        };
        if is_backup(name) {
            continue;
        }
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        if extensions.iter().any(|x| x.eq_ignore_ascii_case(ext)) {
            found.push(rel);
        } else {
            left_out.push(rel);
        }
    }
    // `Path` orders by components: the order of a walk sorted by file name in every folder
    found.sort();
    left_out.sort();
    // names Windows cannot hold, or holds as one file: refused everywhere (see `portable`)
    errors.extend(found.iter().filter_map(|rel| crate::portable::reserved_file(rel)));
    errors.extend(crate::portable::case_clashes(&found));
    found
}

/// Files nobody means as content, left out without a word: hidden files (`.gitkeep`,
/// `.DS_Store`), editors' backups and swap files (`x.md~`, `x.md.bak`, `.x.md.swp`, `x.tmp`) and
/// Word's lock files (`~$bao-cao.docx`).
pub fn is_backup(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || [".bak", ".swp", ".swo", ".tmp", ".orig"].iter().any(|x| lower.ends_with(x))
}

/// Reads a UTF-8 text file (relative path), normalising BOM and line ends; records a
/// diagnostic and returns `None` on failure.
pub(super) fn read_source(
    source: &dyn Source,
    rel: &Path,
    errors: &mut Vec<Diagnostic>,
    inputs: &mut Vec<InputFile>,
) -> Option<SourceFile> {
    let file = rel.display().to_string();
    let bytes = match source.read(rel, MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(e) => {
            let reason = e.to_string();
            errors.push(Diagnostic::error(t!("project-cannot-read", file = &file, reason = reason)).help(
                match e.kind() {
                    std::io::ErrorKind::NotFound => t!("project-cannot-read-missing-help", file = &file),
                    std::io::ErrorKind::FileTooLarge => t!("project-cannot-read-large-help"),
                    _ => t!("project-cannot-read-help"),
                },
            ));
            return None;
        }
    };
    let rel = &native(rel);
    inputs.push(InputFile { path: rel.clone(), bytes: bytes.clone() });
    if is_utf16(&bytes) {
        // its text would be every other byte a NUL: no snippet, only what to do
        errors.push(Diagnostic::error(t!("project-utf16", file = &file)).help(t!("project-encoding-help")));
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile { path: rel.clone(), text: normalise_text(text) }),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).replace(|c: char| c.is_control() && c != '\n', " ");
            let loc = Location::from_offset(rel, &lossy, valid, 1);
            errors.push(
                Diagnostic::error(t!("project-not-utf8", file = &file)).at(loc).help(t!("project-encoding-help")),
            );
            None
        }
    }
}

/// Whether `bytes` look like UTF-16 text: a UTF-16 byte-order mark, or (without one) NUL bytes
/// in every other position of its first kilobytes, as Latin letters and digits give in UTF-16,
/// and few in the others. A UTF-8 text with a stray NUL is not UTF-16.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let nuls = |parity: usize| head.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let half = head.len() / 2;
    let (even, odd) = (nuls(0), nuls(1));
    half >= 2 && (even.max(odd) * 10 >= half * 4) && (even.min(odd) * 10 <= half)
}

/// `rel` written with the system's separator throughout: `content\sections\01-mo-dau.md` on
/// Windows, where `Path::new("content/sections").join(name)` would show `content/sections\01-…`.
/// Only how it is shown changes: paths compare by components, and JSON writes them with `/`.
pub(super) fn native(rel: &Path) -> PathBuf {
    rel.components().collect()
}

/// Reads a text file that a project may or may not have (not an input of the PDF).
pub(super) fn read_optional(source: &dyn Source, rel: &Path, errors: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    match source.read(rel, MAX_FILE_BYTES) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        _ => read_source(source, rel, errors, &mut Vec::new()),
    }
}

/// A facts file whose name cannot be a namespace (`chuyen-doi-so.yaml`): the error, with the
/// name it could have (`chuyen_doi_so.yaml`).
pub(super) fn bad_namespace(file: &SourceFile) -> Option<Diagnostic> {
    let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if crate::facts::is_valid_name(stem) {
        return None;
    }
    let ext = file.path.extension().and_then(|e| e.to_str()).unwrap_or("yaml").to_ascii_lowercase();
    let mut suggested = crate::portable::slug(stem, usize::MAX, "_");
    suggested = suggested.trim_start_matches(|c: char| c.is_ascii_digit() || c == '_').to_string();
    if suggested.is_empty() {
        suggested = "facts".to_string();
    }
    let name = file.path.file_name().and_then(|s| s.to_str()).unwrap_or("").to_string();
    Some(
        Diagnostic::error(t!("project-facts-name", file = file.path.display().to_string(), name = stem))
            .at(Location::from_line_col(&file.path, &file.text, 1, 1, 1))
            .help(t!("project-facts-name-help", name = name, suggested = format!("{suggested}.{ext}"))),
    )
}
