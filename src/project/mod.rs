//! Project loading: reads a report project once into a [`Project`] — its files as read, the
//! metadata and the facts parsed — which every command (`build`, `check`, `diff`, `facts`,
//! `watch`, `verify`'s rebuild) starts from; the narrative stage turns it into the document model.
//!
//! Layout of a project (see `docs/content-format.md`):
//!
//! ```text
//! content/report.yaml        document metadata
//! content/facts/*.yaml       facts, one namespace per file
//! content/sections/*.md      the narrative, in file-name order
//! content/data/*.xlsx|ods|csv  spreadsheets facts read cells from (optional)
//! content/check-baseline.yaml  findings acknowledged once (optional; not an input of the PDF)
//! templates/report.typ.tera  the layout
//! fonts/                     the only fonts the PDF may use
//! ```
//!
//! Files are read through a [`Source`]: a folder on disk ([`DirSource`]) or a git revision
//! ([`GitSource`], for `diff HEAD~1 .`); the checks and messages are the same for both.

pub mod baseline;
mod files;
pub mod git;
mod report;
mod source;

pub use files::{FONT_EXTENSIONS, is_backup};
use files::{bad_namespace, list_files, list_files_noting, list_optional, read_optional, read_source};
pub use git::GitSource;
pub use report::{IssueDate, Replaces, Report, Signer, Status};
pub use source::{DirSource, MemorySource, Source};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Failure};
use crate::facts::Facts;
use crate::t;
use crate::timings::{Stage, Timings};

pub use crate::diagnostics::SourceFile;

/// An input file exactly as read (before any normalisation): what a PDF carries as its
/// sources and what its manifest hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Path relative to the project root, e.g. `content/facts/economy.yaml`.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
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
    /// The facts files as read (for locations and `baocao-allow` comments), in file-name order.
    pub fact_files: Vec<SourceFile>,
    /// `content/sections/*.md` in file-name order.
    pub sections: Vec<SourceFile>,
    /// `templates/report.typ.tera`.
    pub template: SourceFile,
    /// `fonts/*` font files, in file-name order.
    pub fonts: Vec<FontFile>,
    /// Every input exactly as read (report.yaml, facts, the spreadsheets of content/data/,
    /// sections, template), in that order.
    pub inputs: Vec<InputFile>,
    /// `content/check-baseline.yaml`: the findings acknowledged once (empty when there is none).
    /// Not an input of the PDF: it decides what `check` reports, not what is printed.
    pub baseline: baseline::Baseline,
    /// Files in `content/sections/` and `content/facts/` that are not read (not `.md`, not
    /// `.yaml`): `04a-chuyen-doi-so.md.txt`, a `.docx`. `check` reports each; hidden files and
    /// editors' backups are not listed ([`is_backup`]).
    pub left_out: Vec<PathBuf>,
}

pub use crate::limits::MAX_FILE_BYTES;
use crate::limits::{MAX_FONT_BYTES, MAX_FONTS_BYTES, MAX_PROJECT_TEXT_BYTES};

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
                Diagnostic::error(t!("project-dir-missing", dir = root.display().to_string()))
                    .help(t!("project-dir-missing-help")),
            ));
        }
        Project::load_source(&DirSource::new(root), facts_time)
    }

    /// Reads and validates the project folder `dir` as it is in git `revision` of the
    /// repository holding `dir` (see [`git`]); the work tree is not read. `Ok(None)` when
    /// `revision` names no commit there.
    pub fn load_revision(dir: &Path, revision: &str) -> Result<Option<(Project, String)>, Failure> {
        let Some(source) = GitSource::open(dir, revision).map_err(Failure::usage)? else { return Ok(None) };
        let commit = source.commit().to_string();
        Ok(Some((Project::load_from(&source)?, commit)))
    }

    /// Reads and validates a project from any [`Source`]: the one loader behind [`Project::load`]
    /// and [`Project::load_revision`].
    pub fn load_from(source: &dyn Source) -> Result<Project, Failure> {
        Project::load_source(source, &mut Duration::default())
    }

    /// [`Project::load_from`], setting `facts_time` to the time spent parsing the facts.
    fn load_source(source: &dyn Source, facts_time: &mut Duration) -> Result<Project, Failure> {
        let root = source.root();
        if !source.is_dir(Path::new("content")) {
            return Err(Failure::usage(not_a_project(source)));
        }
        let mut errors = Vec::new();
        let mut inputs = Vec::new();
        let report_file = read_source(source, Path::new("content/report.yaml"), &mut errors, &mut inputs);
        let report = report_file.as_ref().and_then(|f| match Report::parse(f) {
            Ok(r) => Some(r),
            Err(d) => {
                errors.push(d);
                None
            }
        });
        let mut left_out = Vec::new();
        let fact_files = list_files_noting(source, "content/facts", &["yaml", "yml"], &mut errors, &mut left_out);
        let mut fact_sources: Vec<SourceFile> =
            fact_files.iter().filter_map(|p| read_source(source, p, &mut errors, &mut inputs)).collect();
        // a name that cannot be a namespace is refused here, with the name it could have
        fact_sources.retain(|f| bad_namespace(f).map(|d| errors.push(d)).is_none());
        let facts_started = Instant::now();
        // spreadsheets are inputs like the facts files: read (with their size limit) as bytes,
        // hashed in the manifest and attached; every one in content/data/ is an input
        let sheet_paths =
            list_optional(source, crate::facts::cells::DATA_DIR, crate::facts::cells::EXTENSIONS, &mut errors);
        let mut sheets: Vec<InputFile> = Vec::new();
        for rel in &sheet_paths {
            match source.read(rel, crate::limits::MAX_SPREADSHEET_BYTES) {
                Ok(bytes) => sheets.push(InputFile { path: rel.clone(), bytes }),
                Err(e) => errors.push(
                    Diagnostic::error(t!(
                        "project-cannot-read",
                        file = rel.display().to_string(),
                        reason = e.to_string()
                    ))
                    .code(crate::diagnostics::Code::SourceCell)
                    .help(t!("project-sheet-unreadable-help")),
                ),
            }
        }
        let parsed = Facts::load(&fact_sources, &mut |path| {
            sheets
                .iter()
                .find(|s| s.path == path)
                .map(|s| s.bytes.clone())
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, t!("project-no-such-data-file")))
        });
        inputs.extend(sheets);
        *facts_time = facts_started.elapsed();
        let facts = match parsed {
            Ok(f) => Some(f),
            Err(mut ds) => {
                errors.append(&mut ds);
                None
            }
        };
        let section_paths = list_files_noting(source, "content/sections", &["md"], &mut errors, &mut left_out);
        if section_paths.is_empty() && errors.is_empty() {
            errors.push(Diagnostic::error(t!("project-no-sections")).help(t!("project-no-sections-help")));
        }
        let sections: Vec<SourceFile> =
            section_paths.iter().filter_map(|p| read_source(source, p, &mut errors, &mut inputs)).collect();
        let template = read_source(source, Path::new(TEMPLATE_PATH), &mut errors, &mut inputs);
        let fonts = load_fonts(source, &mut errors);
        let baseline_file = read_optional(source, Path::new(baseline::PATH), &mut errors);
        let baseline = baseline::Baseline::parse(baseline_file.as_ref()).unwrap_or_else(|d| {
            errors.push(d);
            baseline::Baseline::default()
        });
        let text_files = report_file.iter().chain(&fact_sources).chain(&sections).chain(template.iter());
        check_total_text(text_files, &mut errors);
        match (report, report_file, facts, template) {
            (Some(report), Some(report_file), Some(facts), Some(template)) if errors.is_empty() => Ok(Project {
                root: root.to_path_buf(),
                report,
                report_file,
                facts,
                fact_files: fact_sources,
                sections,
                template,
                fonts,
                inputs,
                baseline,
                left_out,
            }),
            _ => Err(Failure::content(errors)),
        }
    }
}

/// The layout template's path in a project.
pub const TEMPLATE_PATH: &str = "templates/report.typ.tera";

/// The paths of every input file now in the project at `root` (text inputs in build order,
/// then fonts), without reading or checking them: for comparing a project with a build's manifest.
pub fn input_paths(root: &Path) -> Vec<PathBuf> {
    let source = DirSource::new(root);
    let mut ignored = Vec::new();
    let mut paths = Vec::new();
    for fixed in ["content/report.yaml", TEMPLATE_PATH] {
        if root.join(fixed).is_file() {
            paths.push(PathBuf::from(fixed));
        }
    }
    paths.extend(list_files(&source, "content/facts", &["yaml", "yml"], &mut ignored));
    paths.extend(list_files(&source, "content/sections", &["md"], &mut ignored));
    paths.extend(list_optional(&source, crate::facts::cells::DATA_DIR, crate::facts::cells::EXTENSIONS, &mut ignored));
    paths.extend(list_files(&source, "fonts", FONT_EXTENSIONS, &mut ignored));
    paths
}

/// Reads a file, refusing (before reading) a file over `limit` bytes.
pub(crate) fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    std::fs::read(path)
}

/// The error for a file of `size` bytes over `limit`.
pub(crate) fn too_large(size: u64, limit: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        t!("project-too-large", size = megabytes(size), limit = megabytes(limit)),
    )
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Refuses a project whose text files together exceed [`MAX_PROJECT_TEXT_BYTES`].
fn check_total_text<'a>(files: impl Iterator<Item = &'a SourceFile>, errors: &mut Vec<Diagnostic>) {
    let mut sizes: Vec<(u64, &Path)> = files.map(|f| (f.text.len() as u64, f.path.as_path())).collect();
    let total: u64 = sizes.iter().map(|(n, _)| n).sum();
    if total > MAX_PROJECT_TEXT_BYTES {
        sizes.sort_by_key(|s| std::cmp::Reverse(s.0));
        let largest: Vec<String> =
            sizes.iter().take(3).map(|(n, p)| format!("`{}` ({})", p.display(), megabytes(*n))).collect();
        errors.push(
            Diagnostic::error(t!(
                "project-text-too-large",
                size = megabytes(total),
                limit = megabytes(MAX_PROJECT_TEXT_BYTES)
            ))
            .help(t!("project-text-too-large-help", largest = largest.join(", "))),
        );
    }
}

/// The error for a folder without `content/`. Run inside `content/` (or one of its folders), it
/// says to go up: that is where a clerk who has just edited a section often is.
fn not_a_project(source: &dyn Source) -> Diagnostic {
    let looks_like_content = source.is_dir(Path::new("sections")) && source.is_dir(Path::new("facts"));
    let root = std::fs::canonicalize(source.root()).unwrap_or_else(|_| source.root().to_path_buf());
    let parent_is_content = root.parent().is_some_and(|p| {
        p.file_name().is_some_and(|n| n == "content") && p.join("report.yaml").is_file() && p.join("sections").is_dir()
    });
    if looks_like_content {
        Diagnostic::error(t!("project-inside-content", project = source.describe())).help(t!("project-go-up-help"))
    } else if parent_is_content {
        let folder = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Diagnostic::error(t!("project-inside-content-folder", project = source.describe(), folder = folder))
            .help(t!("project-go-up-two-help"))
    } else {
        Diagnostic::error(t!("project-no-content", project = source.describe())).help(t!("project-no-content-help"))
    }
}

/// Removes a byte-order mark and turns CRLF and lone CR line ends into LF.
pub fn normalise_text(text: String) -> String {
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text }
}

fn load_fonts(source: &dyn Source, errors: &mut Vec<Diagnostic>) -> Vec<FontFile> {
    let mut fonts = Vec::new();
    let mut total = 0;
    for rel in list_files(source, "fonts", FONT_EXTENSIONS, errors) {
        match source.read(&rel, MAX_FONT_BYTES) {
            Ok(data) if typst::text::Font::iter(typst::foundations::Bytes::new(data.clone())).next().is_none() => {
                errors.push(
                    Diagnostic::error(t!("project-not-a-font", file = rel.display().to_string()))
                        .help(t!("project-not-a-font-help")),
                );
            }
            Ok(data) => {
                total += data.len() as u64;
                if total > MAX_FONTS_BYTES {
                    errors.push(
                        Diagnostic::error(t!("project-fonts-too-large", limit = megabytes(MAX_FONTS_BYTES)))
                            .help(t!("project-fonts-too-large-help")),
                    );
                    return fonts;
                }
                fonts.push(FontFile { path: rel, data });
            }
            Err(e) => errors.push(Diagnostic::error(t!(
                "project-cannot-read-font",
                file = rel.display().to_string(),
                reason = e.to_string()
            ))),
        }
    }
    if fonts.is_empty() && source.is_dir(Path::new("fonts")) {
        errors.push(Diagnostic::error(t!("project-no-fonts")).help(t!("project-no-fonts-help")));
    }
    fonts
}
