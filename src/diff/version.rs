//! The versions `diff` compares: a project folder, a git revision, a PDF, or a Word file
//! (imported into a project in memory, as `baocao import` makes one).
//!
//! A PDF built by baocao carries its sources: they are read back ([`crate::sources`]) and
//! rebuilt, and when the rebuild gives the PDF's very bytes the version is its sources (the
//! same comparison as for folders: facts, notes, the redline…). A PDF without sources, or whose
//! sources do not make it, is compared by its printed text ([`crate::pdf_text`]).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build::Laid;
use crate::diagnostics::{Diagnostic, Failure};
use crate::narrative::{self, Narrative};
use crate::pdf_read;
use crate::pdf_text::{self, PrintedDocument};
use crate::project::Project;
use crate::provenance::Manifest;
use crate::sources;
use crate::t;
use crate::verify::{self, Rebuild};

/// What a PDF carries.
enum Sources {
    /// No sources: not built by baocao, or built with `--no-sources`.
    None,
    /// Sources that cannot be used, and why (one line each).
    Unusable(Vec<String>),
    /// The project the sources make, and the manifest that lists them.
    Project(Box<Project>, Box<Manifest>),
}

/// Reads the sources attached to the PDF `bytes` — checked as `verify` checks them (every
/// input attached with its hash, paths inside a project, limits) — with fonts looked up by
/// SHA-256 in `font_dirs`, then among the fonts built into baocao.
fn read(bytes: &[u8], font_dirs: &[PathBuf]) -> Sources {
    let verdict = match verify::verify_bytes(bytes, None, Rebuild::No) {
        Ok(v) => v,
        Err(e) => return Sources::Unusable(vec![e.message]),
    };
    let Some(manifest) = verdict.manifest else {
        return if verdict.cannot_tell { Sources::None } else { Sources::Unusable(verdict.problems) };
    };
    if !verdict.problems.is_empty() {
        return Sources::Unusable(verdict.problems);
    }
    let contents = match pdf_read::read(bytes) {
        Ok(c) => c,
        Err(e) => return Sources::Unusable(vec![e.message]),
    };
    match sources::project_of(&manifest, &contents.attachments, font_dirs) {
        Ok(project) => Sources::Project(Box::new(project), Box::new(manifest)),
        Err(why) => Sources::Unusable(why.lines()),
    }
}

/// Where a version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A project folder.
    Directory,
    /// A git revision, read from the object store.
    Git,
    /// A PDF file.
    Pdf,
    /// A Word file, imported into a project in memory.
    Docx,
}

/// What a PDF version's attached sources turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "state", content = "reason")]
pub enum PdfSources {
    /// Rebuilt from its sources, byte for byte: compared by its sources.
    Verified,
    /// Sources attached, but they do not make this PDF (or cannot be used): compared as printed.
    DoNotMatch(String),
    /// No sources attached (made by another tool, or with `--no-sources`): compared as printed.
    None,
}

/// How a version was named and what it resolved to.
#[derive(Debug, Clone, Serialize)]
pub struct VersionInfo {
    /// The argument as given (`HEAD~1`, `../v2`, `bao-cao.pdf`).
    pub source: String,
    /// Folder, revision or PDF.
    pub kind: SourceKind,
    /// For a revision: the full commit id.
    pub commit: Option<String>,
    /// For a PDF: what its sources turned out to be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<PdfSources>,
}

impl VersionInfo {
    /// A short name for headings: `HEAD~1 (1a2b3c4)` or `../v2`.
    pub fn label(&self) -> String {
        match &self.commit {
            Some(c) => format!("{} ({})", self.source, &c[..c.len().min(7)]),
            None => self.source.clone(),
        }
    }

    /// One line saying how a PDF version is compared, for people.
    pub fn sources_line(&self) -> Option<String> {
        Some(match self.sources.as_ref()? {
            PdfSources::Verified => t!("diff-pdf-verified", source = &self.source),
            PdfSources::DoNotMatch(why) => t!("diff-pdf-does-not-match", source = &self.source, why = why),
            PdfSources::None => t!("diff-pdf-no-sources", source = &self.source),
        })
    }
}

/// What a version is made of.
pub enum Content {
    /// Sources: the project and its model, laid out when it came from a PDF's rebuild.
    Model {
        /// The project.
        project: Box<Project>,
        /// Its narrative.
        narrative: Box<Narrative>,
        /// Its layout, when already made.
        laid: Option<Box<Laid>>,
        /// Its PDF, when it came from one.
        pdf: Option<Vec<u8>>,
    },
    /// A PDF read as printed.
    Printed {
        /// The PDF's path.
        path: PathBuf,
        /// Its text as a document.
        document: PrintedDocument,
    },
}

/// A loaded version: errors in it are reported when it is opened, against its own files.
pub struct Version {
    /// Its name and origin.
    pub info: VersionInfo,
    /// What it is made of.
    pub content: Content,
}

impl Version {
    /// Opens `arg`: a PDF file, a project folder, or else a revision of the git repository
    /// holding `repository` (the project being the same folder of it). `font_dirs`: where the
    /// fonts of a PDF's sources may be, besides the ones built into baocao.
    pub fn open(arg: &str, repository: &Path, font_dirs: &[PathBuf]) -> Result<Version, Failure> {
        let path = Path::new(arg);
        let is_pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if is_pdf && path.is_file() {
            return Version::open_pdf(arg, font_dirs);
        }
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
            return Version::open_docx(arg);
        }
        if path.is_dir() {
            let project = Project::load(path)?;
            let narrative = narrative::render(&project)?.or_fail()?;
            let info = VersionInfo { source: arg.into(), kind: SourceKind::Directory, commit: None, sources: None };
            return Ok(Version::model(info, project, narrative, None));
        }
        if is_pdf {
            return Err(Failure::usage(Diagnostic::error(t!("diff-no-file", arg = arg)).help(t!("diff-no-pdf-help"))));
        }
        match Project::load_revision(repository, arg)? {
            Some((project, commit)) => {
                let narrative = narrative::render(&project)?.or_fail()?;
                let info =
                    VersionInfo { source: arg.into(), kind: SourceKind::Git, commit: Some(commit), sources: None };
                Ok(Version::model(info, project, narrative, None))
            }
            None => Err(Failure::usage(
                Diagnostic::error(t!("diff-not-a-version", arg = arg, repository = repository.display().to_string()))
                    .help(t!("diff-not-a-version-help")),
            )),
        }
    }

    /// A version made of a project already loaded and rendered (a folder's, say `name`).
    pub fn of_project(name: &str, project: Project, narrative: Narrative) -> Version {
        let info = VersionInfo { source: name.into(), kind: SourceKind::Directory, commit: None, sources: None };
        Version::model(info, project, narrative, None)
    }

    /// A version made of a project already loaded (an imported .docx, a project as it would be
    /// after applying a returned draft), named `source`.
    pub fn from_project(source: &str, kind: SourceKind, project: Project) -> Result<Version, Failure> {
        let narrative = narrative::render(&project)?.or_fail()?;
        let info = VersionInfo { source: source.into(), kind, commit: None, sources: None };
        Ok(Version::model(info, project, narrative, None))
    }

    /// A Word file: imported into a project in memory (its sections, facts and report.yaml as
    /// `baocao import` makes them, with the layout template and fonts built into baocao).
    fn open_docx(arg: &str) -> Result<Version, Failure> {
        let path = Path::new(arg);
        if !path.is_file() {
            return Err(Failure::usage(Diagnostic::error(t!("diff-no-file", arg = arg)).help(t!("diff-no-docx-help"))));
        }
        let imported = crate::import::import(path, false)?;
        let mut files: Vec<(PathBuf, Vec<u8>)> = imported
            .files
            .into_iter()
            .map(|(p, t)| (p, t.into_bytes()))
            .filter(|(p, _)| p.starts_with("content"))
            .collect();
        files.extend(crate::init::skeleton().map(|(p, b)| (PathBuf::from(p), b.to_vec())));
        let source = crate::project::MemorySource::new(path, None, files);
        let project = Project::load_from(&source)?;
        Version::from_project(arg, SourceKind::Docx, project)
    }

    fn model(info: VersionInfo, project: Project, narrative: Narrative, built: Option<(Laid, Vec<u8>)>) -> Version {
        let (laid, pdf) = built.map(|(l, b)| (Box::new(l), b)).unzip();
        let content = Content::Model { project: Box::new(project), narrative: Box::new(narrative), laid, pdf };
        Version { info, content }
    }

    /// A PDF: its sources when they rebuild it, else its printed text.
    fn open_pdf(arg: &str, font_dirs: &[PathBuf]) -> Result<Version, Failure> {
        let path = Path::new(arg);
        let bytes = crate::project::read_limited(path, crate::limits::MAX_PDF_BYTES).map_err(|e| {
            Failure::usage(
                Diagnostic::error(t!("diff-cannot-read", arg = arg, error = e.to_string()))
                    .help(t!("diff-cannot-read-help")),
            )
        })?;
        let info =
            |sources| VersionInfo { source: arg.into(), kind: SourceKind::Pdf, commit: None, sources: Some(sources) };
        let state = match read(&bytes, font_dirs) {
            Sources::None => PdfSources::None,
            Sources::Unusable(problems) => PdfSources::DoNotMatch(problems.join("; ")),
            Sources::Project(project, manifest) => match sources::rebuild(&project, &manifest, &bytes) {
                Ok((produced, true)) => {
                    let built = Some((produced.laid, produced.bytes));
                    return Ok(Version::model(info(PdfSources::Verified), *project, produced.narrative, built));
                }
                Ok((_, false)) => PdfSources::DoNotMatch(t!("diff-pdf-not-the-same")),
                Err(failure) => PdfSources::DoNotMatch(t!(
                    "diff-pdf-do-not-build",
                    error = failure.diagnostics.first().map_or(String::new(), |d| d.message.clone())
                )),
            },
        };
        let pages = pdf_text::lines(&bytes).map_err(|e| {
            let d = e.to_diagnostic(path);
            Failure::content(vec![Diagnostic {
                help: Some(t!("diff-pdf-cannot-compare", help = d.help.unwrap_or_default())),
                ..d
            }])
        })?;
        let document = pdf_text::document(&pages);
        Ok(Version { info: info(state), content: Content::Printed { path: path.to_path_buf(), document } })
    }

    /// A Word file compared with a project (`base`): the project as it would be after applying
    /// the file as a returned draft (as `import --into` would, in memory), so that its figures
    /// keep their facts' keys even when the word processor dropped the tags.
    pub fn open_docx_against(arg: &str, base: &Project) -> Result<Version, Failure> {
        let package = crate::import::package::read_file(Path::new(arg))?;
        let doc = crate::import::walk::walk(&package, false).map_err(|d| Failure::content(vec![d]))?;
        let narrative = narrative::render(base)?.or_fail()?;
        let plan = crate::import::draft::plan(base, &narrative.document, &doc);
        let mut files: Vec<(PathBuf, Vec<u8>)> =
            base.inputs.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect();
        files.extend(base.fonts.iter().map(|f| (f.path.clone(), f.data.clone())));
        files.extend(plan.files.into_iter().map(|(p, t)| (p, t.into_bytes())));
        let project = Project::load_from(&crate::project::MemorySource::new(&base.root, None, files))?;
        Version::from_project(arg, SourceKind::Docx, project)
    }

    /// A Word file's facts carry only a value (their unit and meaning were guessed from the
    /// text): each one that `other` also has takes its unit, meaning, period and flags, so that
    /// only values are compared.
    pub fn describe_facts_from(&mut self, other: &Project) {
        if self.info.kind != SourceKind::Docx {
            return;
        }
        if let Content::Model { project, .. } = &mut self.content {
            for (key, fact) in project.facts.by_key.iter_mut() {
                if let Some(known) = other.facts.by_key.get(key) {
                    fact.unit = known.unit.clone();
                    fact.meaning = known.meaning.clone();
                    fact.period = known.period.clone();
                    fact.estimate = known.estimate;
                    fact.target = known.target;
                }
            }
        }
    }

    /// The project, when the version has sources.
    pub fn project(&self) -> Option<&Project> {
        match &self.content {
            Content::Model { project, .. } => Some(project),
            Content::Printed { .. } => None,
        }
    }
}
