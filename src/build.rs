//! `baocao build`: the pipeline end to end.
//!
//! load project → check → narrative (tera, Markdown → typst) → template → typst compile → PDF →
//! write. The check's errors stop the build; its warnings are the build's first warnings.
//! [`typeset`] stops before writing, for commands and tests that need the laid-out document.

use std::path::{Path, PathBuf};

use typst_layout::PagedDocument;

use crate::check;
use crate::diagnostics::{Diagnostic, Failure};
use crate::narrative::{self, Narrative};
use crate::output;
use crate::project::Project;
use crate::typeset::{self, Assembled, BaocaoWorld, SourceNames};

/// What `build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Where to write the PDF; default `<project>/build-output/report.pdf`. The generated typst
    /// source is written beside it with the extension `.typ`.
    pub output: Option<PathBuf>,
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

/// Runs every stage up to the laid-out document. `typ_path` is the name shown for the
/// generated source in typst errors; `before_compile` receives the generated source first
/// (the build writes it to disk so that errors can be looked up in it).
pub fn typeset(
    project: &Project,
    typ_path: &Path,
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Typeset, Failure> {
    typeset_rendered(project, narrative::render(project)?, typ_path, before_compile)
}

/// [`typeset`] for a narrative already rendered from `project` (`diff` renders both versions
/// first, so that errors are reported per version).
pub fn typeset_rendered(
    project: &Project,
    narrative: Narrative,
    typ_path: &Path,
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Typeset, Failure> {
    let assembled = typeset::assemble(project, &narrative)?;
    before_compile(&assembled.source)?;
    let world = BaocaoWorld::new(
        &project.root,
        assembled.source.clone(),
        &project.fonts,
        typeset::report_today(&project.report),
    );
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
    let pdf_path = options.output.clone().unwrap_or_else(|| default_output(&project.root));
    let typ_path = pdf_path.with_extension("typ");
    let result = typeset(project, &typ_path, |source| output::write_atomic(&typ_path, source.as_bytes()))?;
    let ident = format!("baocao-{:016x}", output::fnv1a(result.assembled.source.as_bytes()));
    let bytes = output::pdf(&result.document, typeset::report_today(&project.report), &ident)?;
    output::write_atomic(&pdf_path, &bytes)?;
    // Findings with a code are check's: reported above (or silenced there), not twice.
    let mut warnings = checked.findings;
    warnings.extend(result.warnings.into_iter().filter(|w| w.code.is_none()));
    Ok(BuildReport { pdf_path, typ_path, pages: result.document.pages().len(), warnings })
}
