//! `baocao build`: the pipeline end to end.
//!
//! load project → check → narrative (tera, Markdown → typst) → template → typst compile → PDF →
//! write. The check's errors stop the build; its warnings are the build's first warnings. The
//! sources and a manifest of every input ride along as PDF attachments ([`provenance`]).
//! [`typeset`] stops before writing, for commands and tests that need the laid-out document.

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::check;
use crate::diagnostics::{Diagnostic, Failure};
use crate::narrative::{self, Narrative};
use crate::output::{self, PdfSettings, Standard};
use crate::project::Project;
use crate::provenance::{self, Attachment, Manifest, ManifestOptions};
use crate::typeset::{self, Assembled, BaocaoWorld, SourceNames};

/// What `build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Where to write the PDF; default `<project>/build-output/report.pdf`. The generated typst
    /// source is written beside it with the extension `.typ`.
    pub output: Option<PathBuf>,
    /// The PDF standard; `None` for the default (PDF/A-3b with sources, PDF/A-2b without).
    pub pdf_standard: Option<Standard>,
    /// Leave the sources and the manifest out of the PDF.
    pub no_sources: bool,
    /// `SOURCE_DATE_EPOCH`: the build date, instead of the report's date.
    pub source_date_epoch: Option<i64>,
}

impl BuildOptions {
    /// The options a manifest records, resolved (default standard chosen, dates checked).
    pub fn resolve(&self, project: &Project) -> Result<ManifestOptions, Failure> {
        let attach = !self.no_sources;
        let standard = self.pdf_standard.unwrap_or(Standard::default_for(attach));
        if attach && !standard.allows_attachments() {
            return Err(Failure::usage(
                Diagnostic::error(format!(
                    "{} does not allow attached files, and the sources are attached by default",
                    standard.label()
                ))
                .help("add `--no-sources` to leave the sources out, or choose `--pdf-standard a-3b` (the default)"),
            ));
        }
        let date = typeset::build_date(&project.report, self.source_date_epoch)?;
        Ok(ManifestOptions {
            pdf_standard: standard,
            sources_attached: attach,
            source_date_epoch: self.source_date_epoch,
            timestamp: iso_8601(date),
        })
    }
}

/// `2023-01-01` for a date, `2023-12-05T08:30:00Z` for a moment (UTC).
fn iso_8601(d: Datetime) -> String {
    let date = format!("{:04}-{:02}-{:02}", d.year().unwrap_or(0), d.month().unwrap_or(1), d.day().unwrap_or(1));
    match (d.hour(), d.minute(), d.second()) {
        (Some(h), Some(m), Some(s)) => format!("{date}T{h:02}:{m:02}:{s:02}Z"),
        _ => date,
    }
}

/// A finished build.
#[derive(Debug)]
pub struct BuildReport {
    /// The PDF written.
    pub pdf_path: PathBuf,
    /// The generated typst source written (for inspection).
    pub typ_path: PathBuf,
    /// Number of pages.
    pub pages: usize,
    /// Warnings from every stage.
    pub warnings: Vec<Diagnostic>,
    /// The PDF's size in bytes.
    pub pdf_bytes: usize,
    /// What the sources attached add up to (bytes before compression), 0 without sources.
    pub attached_bytes: usize,
    /// The manifest of the build (attached or not).
    pub manifest: Manifest,
}

/// A typeset report: everything up to the laid-out document.
pub struct Typeset {
    /// The narrative with source maps.
    pub narrative: Narrative,
    /// The generated typst source.
    pub assembled: Assembled,
    /// The laid-out pages.
    pub document: PagedDocument,
    /// Warnings from every stage.
    pub warnings: Vec<Diagnostic>,
    /// The page (1-based) of each fact use, by use id (see [`crate::narrative::fact_uses`]).
    pub fact_pages: std::collections::HashMap<usize, usize>,
}

/// The default PDF path of a project.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("build-output").join("report.pdf")
}

/// Runs every stage up to the laid-out document, with the report's date as "today" and no
/// attachments. `typ_path` is the name shown for the generated source in typst errors;
/// `before_compile` receives the generated source first (the build writes it to disk so that
/// errors can be looked up in it).
pub fn typeset(
    project: &Project,
    typ_path: &Path,
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Typeset, Failure> {
    typeset_with(project, narrative::render(project)?, typ_path, typeset::report_today(&project.report), &[], before_compile)
}

/// [`typeset`] for a narrative already rendered from `project` (`diff` renders both versions
/// first, so that errors are reported per version).
pub fn typeset_rendered(
    project: &Project,
    narrative: Narrative,
    typ_path: &Path,
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Typeset, Failure> {
    typeset_with(project, narrative, typ_path, typeset::report_today(&project.report), &[], before_compile)
}

/// [`typeset_rendered`] with a given "today" and files to attach to the PDF (see [`provenance`]).
pub fn typeset_with(
    project: &Project,
    narrative: Narrative,
    typ_path: &Path,
    today: Datetime,
    attachments: &[Attachment],
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Typeset, Failure> {
    let mut assembled = typeset::assemble(project, &narrative)?;
    if !attachments.is_empty() {
        assembled.source.push_str(provenance::ATTACH_CODE);
    }
    before_compile(&assembled.source)?;
    let mut world = BaocaoWorld::new(&project.root, assembled.source.clone(), &project.fonts, today);
    provenance::serve(&mut world, attachments);
    let names = SourceNames { main_path: typ_path.to_path_buf(), project, narrative: &narrative, assembled: &assembled };
    let compiled = typeset::compile(&world, &names)?;
    let mut warnings = narrative.warnings.clone();
    warnings.extend(compiled.warnings);
    let fact_pages = crate::narrative::fact_uses::pages(&compiled.document);
    Ok(Typeset { narrative, assembled, document: compiled.document, warnings, fact_pages })
}

/// Builds the project at `root`: writes the PDF and the generated typst source.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, Failure> {
    let project = Project::load(root)?;
    build_project(&project, options)
}

/// Builds an already loaded project: `check` first (its errors stop the build, nothing is
/// written), then every stage.
pub fn build_project(project: &Project, options: &BuildOptions) -> Result<BuildReport, Failure> {
    let checked = check::run(project);
    if checked.has_errors() {
        return Err(Failure::content(checked.findings));
    }
    let settings = options.resolve(project)?;
    let date = typeset::build_date(&project.report, options.source_date_epoch)?;
    let pdf_path = options.output.clone().unwrap_or_else(|| default_output(&project.root));
    let typ_path = pdf_path.with_extension("typ");
    let standard = settings.pdf_standard;
    let manifest = Manifest::new(project, settings);
    let attachments =
        if manifest.options.sources_attached { provenance::attachments(project, &manifest.to_json()) } else { Vec::new() };
    let result = typeset_with(project, narrative::render(project)?, &typ_path, typeset::date_only(date), &attachments, |source| {
        output::write_atomic(&typ_path, source.as_bytes())
    })?;
    let bytes = output::pdf(&result.document, &PdfSettings { timestamp: date, ident: manifest.ident(), standard })?;
    output::write_atomic(&pdf_path, &bytes)?;
    // Findings with a code are check's: reported above (or silenced there), not twice.
    let mut warnings = checked.findings;
    warnings.extend(result.warnings.into_iter().filter(|w| w.code.is_none()));
    Ok(BuildReport {
        pdf_path,
        typ_path,
        pages: result.document.pages().len(),
        warnings,
        pdf_bytes: bytes.len(),
        attached_bytes: attachments.iter().map(|a| a.bytes.len()).sum(),
        manifest,
    })
}
