//! The versions `diff` compares: a project folder, a git revision, or a PDF.
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
use crate::pdf_text::{self, PrintedDocument};
use crate::project::Project;
use crate::sources::{self, Sources};

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
            PdfSources::Verified => {
                format!("{}: verified against its attached sources; compared by its sources", self.source)
            }
            PdfSources::DoNotMatch(why) => {
                format!("{}: does not match its attached sources ({why}); compared as printed", self.source)
            }
            PdfSources::None => format!("{}: no sources attached; compared as printed", self.source),
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
        if path.is_dir() {
            let project = Project::load(path)?;
            let narrative = narrative::render(&project)?.or_fail()?;
            let info = VersionInfo { source: arg.into(), kind: SourceKind::Directory, commit: None, sources: None };
            return Ok(Version::model(info, project, narrative, None));
        }
        if is_pdf {
            return Err(Failure::usage(
                Diagnostic::error(format!("`{arg}` does not exist or is not a file"))
                    .help("give the path of the PDF (an issued report, or one built by `baocao build`)"),
            ));
        }
        match Project::load_revision(repository, arg)? {
            Some((project, commit)) => {
                let narrative = narrative::render(&project)?.or_fail()?;
                let info = VersionInfo { source: arg.into(), kind: SourceKind::Git, commit: Some(commit), sources: None };
                Ok(Version::model(info, project, narrative, None))
            }
            None => Err(Failure::usage(
                Diagnostic::error(format!(
                    "`{arg}` is neither a PDF, a project folder nor a revision of the git repository at `{}`",
                    repository.display()
                ))
                .help("give a PDF, a folder holding content/, or a commit, tag or branch such as `HEAD~1` (see `git log --oneline`)"),
            )),
        }
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
                Diagnostic::error(format!("cannot read `{arg}`: {e}"))
                    .help("check the path, and that the file is a PDF of reasonable size"),
            )
        })?;
        let info =
            |sources| VersionInfo { source: arg.into(), kind: SourceKind::Pdf, commit: None, sources: Some(sources) };
        let state = match sources::read(&bytes, font_dirs) {
            Sources::None => PdfSources::None,
            Sources::Unusable(problems) => PdfSources::DoNotMatch(problems.join("; ")),
            Sources::Project(project, manifest) => match sources::rebuild(&project, &manifest, &bytes) {
                Ok((produced, true)) => {
                    let built = Some((produced.laid, produced.bytes));
                    return Ok(Version::model(info(PdfSources::Verified), *project, produced.narrative, built));
                }
                Ok((_, false)) => PdfSources::DoNotMatch("rebuilt from them, it is not the same PDF".into()),
                Err(failure) => PdfSources::DoNotMatch(format!(
                    "they do not build: {}",
                    failure.diagnostics.first().map_or(String::new(), |d| d.message.clone())
                )),
            },
        };
        let pages = pdf_text::lines(&bytes).map_err(|e| {
            let d = e.to_diagnostic(path);
            Failure::content(vec![Diagnostic {
                help: Some(format!("{} — it cannot be compared", d.help.unwrap_or_default())),
                ..d
            }])
        })?;
        let document = pdf_text::document(&pages);
        Ok(Version { info: info(state), content: Content::Printed { path: path.to_path_buf(), document } })
    }

    /// The project, when the version has sources.
    pub fn project(&self) -> Option<&Project> {
        match &self.content {
            Content::Model { project, .. } => Some(project),
            Content::Printed { .. } => None,
        }
    }
}
