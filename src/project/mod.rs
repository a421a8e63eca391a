//! Project loading: reads a report project from disk once into a [`Project`], the model every
//! command (`build`, and later `check`, `diff`, `watch`) works on.
//!
//! Layout of a project (see `docs/content-format.md`):
//!
//! ```text
//! content/report.yaml        document metadata
//! content/facts/*.yaml       facts, one namespace per file
//! content/sections/*.md      the narrative, in file-name order
//! templates/report.typ.tera  the layout
//! fonts/                     the only fonts the PDF may use
//! ```

mod report;

pub(crate) use report::yaml_error;

pub use report::{IssueDate, Report, Signer};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Failure, Location};
use crate::facts::Facts;
use crate::timings::{Stage, Timings};

/// A text file of the project, as read: path relative to the project root and its text
/// (UTF-8, byte-order mark removed, line ends normalised to `\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the project root, e.g. `content/sections/01-mo-dau.md`.
    pub path: PathBuf,
    /// The text.
    pub text: String,
}

/// A font file from `fonts/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFile {
    /// Path relative to the project root.
    pub path: PathBuf,
    /// The file's bytes.
    pub data: Vec<u8>,
}

/// A loaded report project: everything a build needs, read once.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project directory.
    pub root: PathBuf,
    /// `content/report.yaml`, parsed.
    pub report: Report,
    /// `content/report.yaml` as text (for locations).
    pub report_file: SourceFile,
    /// All facts of `content/facts/`.
    pub facts: Facts,
    /// `content/sections/*.md` in file-name order.
    pub sections: Vec<SourceFile>,
    /// `templates/report.typ.tera`.
    pub template: SourceFile,
    /// `fonts/*` font files, in file-name order.
    pub fonts: Vec<FontFile>,
}

/// The largest input file accepted (bytes); larger files are refused with a message.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

impl Project {
    /// Reads and validates the project at `root`. All problems found are returned together.
    pub fn load(root: &Path) -> Result<Project, Failure> {
        Project::load_timed(root, &mut Timings::new())
    }

    /// [`Project::load`], recording the time spent reading ([`Stage::Load`]) and parsing the
    /// facts ([`Stage::Facts`]).
    pub fn load_timed(root: &Path, timings: &mut Timings) -> Result<Project, Failure> {
        timings.started(Stage::Load);
        let started = Instant::now();
        let mut facts_time = Duration::ZERO;
        let result = Project::read(root, &mut facts_time);
        timings.add(Stage::Load, started.elapsed().saturating_sub(facts_time));
        timings.add(Stage::Facts, facts_time);
        result
    }

    fn read(root: &Path, facts_time: &mut Duration) -> Result<Project, Failure> {
        if !root.is_dir() {
            return Err(Failure::usage(
                Diagnostic::error(format!("project directory `{}` does not exist", root.display()))
                    .help("run baocao inside a report project, or pass `--project DIR`"),
            ));
        }
        let content = root.join("content");
        if !content.is_dir() {
            return Err(Failure::usage(
                Diagnostic::error(format!("`{}` is not a baocao project: it has no content/ folder", root.display()))
                    .help("a project holds content/report.yaml, content/facts/, content/sections/, templates/ and fonts/"),
            ));
        }
        let mut errors = Vec::new();
        let report_file = read_source(root, Path::new("content/report.yaml"), &mut errors);
        let report = report_file.as_ref().and_then(|f| match Report::parse(f) {
            Ok(r) => Some(r),
            Err(d) => {
                errors.push(d);
                None
            }
        });
        let fact_files = list_files(root, "content/facts", &["yaml", "yml"], &mut errors);
        let fact_sources: Vec<SourceFile> =
            fact_files.iter().filter_map(|p| read_source(root, p, &mut errors)).collect();
        let facts_started = Instant::now();
        let parsed = Facts::parse(&fact_sources);
        *facts_time = facts_started.elapsed();
        let facts = match parsed {
            Ok(f) => Some(f),
            Err(mut ds) => {
                errors.append(&mut ds);
                None
            }
        };
        let section_paths = list_files(root, "content/sections", &["md"], &mut errors);
        if section_paths.is_empty() && errors.is_empty() {
            errors.push(
                Diagnostic::error("content/sections/ has no sections (*.md files)")
                    .help("add the narrative as Markdown files, e.g. content/sections/01-mo-dau.md"),
            );
        }
        let sections: Vec<SourceFile> =
            section_paths.iter().filter_map(|p| read_source(root, p, &mut errors)).collect();
        let template = read_source(root, Path::new("templates/report.typ.tera"), &mut errors);
        let fonts = load_fonts(root, &mut errors);
        match (report, report_file, facts, template) {
            (Some(report), Some(report_file), Some(facts), Some(template)) if errors.is_empty() => Ok(Project {
                root: root.to_path_buf(),
                report,
                report_file,
                facts,
                sections,
                template,
                fonts,
            }),
            _ => Err(Failure::content(errors)),
        }
    }
}

/// Files with one of `extensions` directly or deeper under `dir`, sorted by path.
fn list_files(root: &Path, dir: &str, extensions: &[&str], errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let full = root.join(dir);
    if !full.is_dir() {
        errors.push(
            Diagnostic::error(format!("the folder `{dir}/` is missing"))
                .help(format!("create `{dir}/` in the project ({})", root.display())),
        );
        return Vec::new();
    }
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&full).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::error(format!("cannot read `{dir}/`: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        if entry.file_name().to_str().is_none() {
            errors.push(
                Diagnostic::error(format!("the file name `{}` is not valid UTF-8", rel.display()))
                    .help("rename the file using only letters, digits, `-` and `_`"),
            );
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if extensions.iter().any(|x| x.eq_ignore_ascii_case(ext)) {
            found.push(rel);
        }
    }
    found
}

/// Reads a UTF-8 text file (relative path), normalising BOM and line ends; records a
/// diagnostic and returns `None` on failure.
fn read_source(root: &Path, rel: &Path, errors: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let full = root.join(rel);
    let bytes = match read_limited(&full) {
        Ok(b) => b,
        Err(e) => {
            errors.push(Diagnostic::error(format!("cannot read `{}`: {e}", rel.display())).help(
                if e.kind() == std::io::ErrorKind::NotFound {
                    format!("create `{}`", rel.display())
                } else {
                    "check that the file exists and is readable".to_string()
                },
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile { path: rel.to_path_buf(), text: normalise_text(text) }),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let loc = Location::from_offset(rel, &lossy, valid, 1);
            errors.push(
                Diagnostic::error(format!("`{}` is not valid UTF-8 text", rel.display()))
                    .at(loc)
                    .help("save the file as UTF-8 (in Word: Save As → Plain Text → Unicode (UTF-8))"),
            );
            None
        }
    }
}

/// Reads a file, refusing files over [`MAX_FILE_BYTES`].
pub(crate) fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "the file is {} MB; the limit is {} MB",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    std::fs::read(path)
}

/// Removes a byte-order mark and turns CRLF and lone CR line ends into LF.
pub fn normalise_text(text: String) -> String {
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text }
}

fn load_fonts(root: &Path, errors: &mut Vec<Diagnostic>) -> Vec<FontFile> {
    let mut fonts = Vec::new();
    for rel in list_files(root, "fonts", &["ttf", "otf", "ttc", "otc"], errors) {
        match read_limited(&root.join(&rel)) {
            Ok(data) => fonts.push(FontFile { path: rel, data }),
            Err(e) => errors.push(Diagnostic::error(format!("cannot read font `{}`: {e}", rel.display()))),
        }
    }
    if fonts.is_empty() && root.join("fonts").is_dir() {
        errors.push(
            Diagnostic::error("fonts/ holds no font files (.ttf, .otf, .ttc)")
                .help("put the report's fonts (Liberation Serif: Regular, Bold, Italic, Bold Italic) in fonts/"),
        );
    }
    fonts
}
