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
pub mod git;
mod report;
mod source;

pub use git::GitSource;
pub use report::{IssueDate, Replaces, Report, Signer, Status};
pub use source::{DirSource, MemorySource, Source};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Failure, Location};
use crate::facts::Facts;
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
                Diagnostic::error(format!("project directory `{}` does not exist", root.display()))
                    .help("run baocao inside a report project, or pass `--project DIR`"),
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
            return Err(Failure::usage(
                Diagnostic::error(format!("{} is not a baocao project: it has no content/ folder", source.describe()))
                    .help(
                        "a project holds content/report.yaml, content/facts/, content/sections/, templates/ and fonts/",
                    ),
            ));
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
        let fact_files = list_files(source, "content/facts", &["yaml", "yml"], &mut errors);
        let fact_sources: Vec<SourceFile> =
            fact_files.iter().filter_map(|p| read_source(source, p, &mut errors, &mut inputs)).collect();
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
                    Diagnostic::error(format!("cannot read `{}`: {e}", rel.display()))
                        .code(crate::diagnostics::Code::SourceCell)
                        .help("save the table again, or keep only the sheets the report reads from"),
                ),
            }
        }
        let parsed = Facts::load(&fact_sources, &mut |path| {
            sheets.iter().find(|s| s.path == path).map(|s| s.bytes.clone()).ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::NotFound, "there is no such file in content/data/")
            })
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
        let section_paths = list_files(source, "content/sections", &["md"], &mut errors);
        if section_paths.is_empty() && errors.is_empty() {
            errors.push(
                Diagnostic::error("content/sections/ has no sections (*.md files)")
                    .help("add the narrative as Markdown files, e.g. content/sections/01-mo-dau.md"),
            );
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

/// [`list_files`] for a folder a project may or may not have.
fn list_optional(source: &dyn Source, dir: &str, extensions: &[&str], errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if source.is_dir(Path::new(dir)) { list_files(source, dir, extensions, errors) } else { Vec::new() }
}

/// File extensions read as fonts from `fonts/`.
pub const FONT_EXTENSIONS: &[&str] = &["ttf", "otf", "ttc", "otc"];

/// Files with one of `extensions` directly or deeper under `dir`, sorted by path (file-name
/// order within each folder); hidden files and editor backups (`~`) are left out. A name that
/// Windows reserves for a device, or two names that differ only in case, are errors.
fn list_files(source: &dyn Source, dir: &str, extensions: &[&str], errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if !source.is_dir(Path::new(dir)) {
        errors.push(
            Diagnostic::error(format!("the folder `{dir}/` is missing"))
                .help(format!("create `{dir}/` in the project ({})", source.describe())),
        );
        return Vec::new();
    }
    let mut found = Vec::new();
    for rel in source.files_under(Path::new(dir), errors).iter().map(|p| native(p)) {
        let Some(name) = rel.file_name() else { continue };
        let Some(name) = name.to_str() else {
            errors.push(
                Diagnostic::error(format!("the file name `{}` is not valid UTF-8", rel.display()))
                    .help("rename the file using only letters, digits, `-` and `_`"),
            );
            continue;
        };
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        if extensions.iter().any(|x| x.eq_ignore_ascii_case(ext)) {
            found.push(rel);
        }
    }
    // `Path` orders by components: the order of a walk sorted by file name in every folder
    found.sort();
    // names Windows cannot hold, or holds as one file: refused everywhere (see `portable`)
    errors.extend(found.iter().filter_map(|rel| crate::portable::reserved_file(rel)));
    errors.extend(crate::portable::case_clashes(&found));
    found
}

/// Reads a UTF-8 text file (relative path), normalising BOM and line ends; records a
/// diagnostic and returns `None` on failure.
fn read_source(
    source: &dyn Source,
    rel: &Path,
    errors: &mut Vec<Diagnostic>,
    inputs: &mut Vec<InputFile>,
) -> Option<SourceFile> {
    let bytes = match source.read(rel, MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(e) => {
            errors.push(Diagnostic::error(format!("cannot read `{}`: {e}", rel.display())).help(match e.kind() {
                std::io::ErrorKind::NotFound => format!("create `{}`", rel.display()),
                std::io::ErrorKind::FileTooLarge => "split it into several smaller files".to_string(),
                _ => "check that the file exists and is readable".to_string(),
            }));
            return None;
        }
    };
    let rel = &native(rel);
    inputs.push(InputFile { path: rel.clone(), bytes: bytes.clone() });
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile { path: rel.clone(), text: normalise_text(text) }),
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

/// `rel` written with the system's separator throughout: `content\sections\01-mo-dau.md` on
/// Windows, where `Path::new("content/sections").join(name)` would show `content/sections\01-…`.
/// Only how it is shown changes: paths compare by components, and JSON writes them with `/`.
fn native(rel: &Path) -> PathBuf {
    rel.components().collect()
}

/// Reads a text file that a project may or may not have (not an input of the PDF).
fn read_optional(source: &dyn Source, rel: &Path, errors: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    match source.read(rel, MAX_FILE_BYTES) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        _ => read_source(source, rel, errors, &mut Vec::new()),
    }
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
        format!("the file is {}; the limit is {} (see the README, \"Limits\")", megabytes(size), megabytes(limit)),
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
            Diagnostic::error(format!(
                "the project's text files hold {} together; the limit is {}",
                megabytes(total),
                megabytes(MAX_PROJECT_TEXT_BYTES)
            ))
            .help(format!("the largest are {}; a report this long would take minutes to lay out", largest.join(", "))),
        );
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
                    Diagnostic::error(format!("`{}` is not a font file (no font face could be read)", rel.display()))
                        .help("replace it with the font file itself (.ttf, .otf, .ttc), or remove it from fonts/"),
                );
            }
            Ok(data) => {
                total += data.len() as u64;
                if total > MAX_FONTS_BYTES {
                    errors.push(
                        Diagnostic::error(format!("fonts/ holds more than {} of fonts", megabytes(MAX_FONTS_BYTES)))
                            .help("keep only the fonts the template uses"),
                    );
                    return fonts;
                }
                fonts.push(FontFile { path: rel, data });
            }
            Err(e) => errors.push(Diagnostic::error(format!("cannot read font `{}`: {e}", rel.display()))),
        }
    }
    if fonts.is_empty() && source.is_dir(Path::new("fonts")) {
        errors.push(
            Diagnostic::error("fonts/ holds no font files (.ttf, .otf, .ttc)")
                .help("put the report's fonts (Liberation Serif: Regular, Bold, Italic, Bold Italic) in fonts/"),
        );
    }
    fonts
}
