//! `baocao import`: Word in. A .docx becomes a project (`import FILE.docx DIR`), and a draft
//! sent out as .docx and returned with edits is applied to the project it came from
//! (`import FILE.docx --into DIR`).
//!
//! One file a job: [`package`] reads the zip within the limits; [`walk`] reads the XML into
//! [`document`]: paragraphs of pieces (text with bold and italic, footnote references, NOTEREF fields, tagged
//! figures), footnotes, tables, tracked changes and comments; [`convert`] makes the project's
//! content ([`markdown`] writes the Markdown, [`figures`] makes facts of figures,
//! [`report_yaml`] reads the first and last pages); [`summary`] is IMPORT.md; [`draft`]
//! applies a returned draft.

mod align;
pub mod convert;
pub mod document;
pub mod draft;
pub mod draft_facts;

pub mod figures;
mod lists;
pub mod markdown;
pub mod package;
pub mod report_yaml;
pub mod summary;
pub mod walk;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Failure};
use crate::limits::{MAX_ELEMENTS, MAX_FILE_BYTES, MAX_PROJECT_TEXT_BYTES};

/// A .docx read and converted into a project's files.
pub struct Imported {
    /// The document as read.
    pub doc: walk::WordDoc,
    /// What it became.
    pub converted: convert::Converted,
    /// The content files (relative paths) and IMPORT.md, as text.
    pub files: Vec<(PathBuf, String)>,
    /// IMPORT.md.
    pub summary: String,
}

/// Reads `docx` and converts it; `accept`: tracked changes applied as accepted.
pub fn import(docx: &Path, accept: bool) -> Result<Imported, Failure> {
    let package = package::read_file(docx)?;
    from_package(
        &package,
        &docx.file_name().map_or_else(|| docx.display().to_string(), |n| n.to_string_lossy().into_owned()),
        accept,
    )
    .map_err(|d| Failure::content(vec![Diagnostic { message: format!("`{}`: {}", docx.display(), d.message), ..d }]))
}

/// Reads a .docx's bytes and converts it (`name`: the file's name, for IMPORT.md).
pub fn import_bytes(bytes: &[u8], name: &str, accept: bool) -> Result<Imported, Diagnostic> {
    from_package(&package::read(bytes)?, name, accept)
}

fn from_package(package: &package::Package, name: &str, accept: bool) -> Result<Imported, Diagnostic> {
    let doc = walk::walk(package, accept)?;
    let converted = convert::convert(&doc);
    let mut files = vec![(PathBuf::from("content/report.yaml"), converted.report_yaml.clone())];
    for (ns, facts) in &converted.facts.namespaces {
        files.push((PathBuf::from(format!("content/facts/{ns}.yaml")), convert::facts_yaml(ns, facts, name)));
    }
    for s in &converted.sections {
        files.push((PathBuf::from(format!("content/sections/{}", s.file)), s.text.clone()));
    }
    if converted.sections.is_empty() {
        return Err(Diagnostic::error(crate::t!("import-no-text")).help(crate::t!("import-no-text-help")));
    }
    let summary = summary::render(name, &doc, &converted, accept);
    check_size(&files, &converted)?;
    files.push((PathBuf::from("IMPORT.md"), summary.clone()));
    Ok(Imported { doc, converted, files, summary })
}

/// Refuses a document larger than a project may be (a 10 000-page file), before anything is
/// written.
fn check_size(files: &[(PathBuf, String)], c: &convert::Converted) -> Result<(), Diagnostic> {
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    let largest = files.iter().max_by_key(|(_, t)| t.len());
    let elements =
        c.paragraphs + c.items + c.notes + c.second_references + c.sections.iter().map(|s| s.headings).sum::<usize>();
    let help = crate::t!("import-too-large-help");
    if total as u64 > MAX_PROJECT_TEXT_BYTES {
        return Err(Diagnostic::error(crate::t!(
            "import-text-too-large",
            size = format!("{:.1}", total as f64 / 1048576.0),
            max = MAX_PROJECT_TEXT_BYTES >> 20
        ))
        .help(help));
    }
    if let Some((path, text)) = largest.filter(|(_, t)| t.len() as u64 > MAX_FILE_BYTES) {
        return Err(Diagnostic::error(crate::t!(
            "import-file-too-large",
            path = path.display().to_string(),
            size = format!("{:.1}", text.len() as f64 / 1048576.0),
            max = MAX_FILE_BYTES >> 20
        ))
        .help(help));
    }
    if elements > MAX_ELEMENTS {
        return Err(
            Diagnostic::error(crate::t!("import-too-many-elements", n = elements, max = MAX_ELEMENTS)).help(help)
        );
    }
    Ok(())
}

/// `baocao import FILE.docx DIR`: a new project in `dir` (new or empty), with the layout
/// template and fonts `init` writes. Returns what was imported and the files written.
pub fn into_new_project(docx: &Path, dir: &Path, accept: bool) -> Result<(Imported, Vec<PathBuf>), Failure> {
    let imported = import(docx, accept)?;
    crate::init::prepare(dir, "import")?;
    let mut written = Vec::new();
    for (path, bytes) in crate::init::skeleton() {
        crate::output::write_atomic(&dir.join(path), bytes)?;
        written.push(PathBuf::from(path));
    }
    for (path, text) in &imported.files {
        crate::output::write_atomic(&dir.join(path), text.as_bytes())?;
        written.push(path.clone());
    }
    Ok((imported, written))
}
