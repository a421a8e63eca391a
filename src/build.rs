//! `baocao build`: the pipeline end to end.
//!
//! load project → narrative (tera, Markdown → typst) → template → typst compile → PDF → write.
//! [`typeset()`] stops before writing, for commands and tests that need the laid-out document.
//! The `_with` variants take a [`Compiler`] (the typst world kept across rebuilds, for
//! `watch`) and [`Timings`] (for `build --timings`); the plain ones use fresh ones.

use std::path::{Path, PathBuf};

use typst_layout::PagedDocument;

use crate::diagnostics::{Diagnostic, Failure};
use crate::narrative::{self, Narrative};
use crate::output;
use crate::project::{FontFile, Project};
use crate::timings::{Stage, Timings};
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

/// The default PDF path of a project (`build-output/report.pdf`, shown without a leading `./`
/// when the project is the current folder).
pub fn default_output(root: &Path) -> PathBuf {
    let relative = Path::new("build-output").join("report.pdf");
    if root == Path::new(".") { relative } else { root.join(relative) }
}

/// The typst world kept from one build to the next, so that typst's incremental caches work
/// across rebuilds (`baocao watch`): an edit re-parses and re-lays-out only what it touches.
/// A one-shot build uses a fresh one. The world is replaced when the project root or the
/// fonts change.
#[derive(Default)]
pub struct Compiler {
    kept: Option<KeptWorld>,
}

struct KeptWorld {
    world: BaocaoWorld,
    root: PathBuf,
    fonts: Vec<FontFile>,
}

impl Compiler {
    /// A compiler with no world yet: the first build makes one.
    pub fn new() -> Compiler {
        Compiler::default()
    }

    /// The world for `project` with `source` as its main file: the kept one when the root and
    /// the fonts are unchanged, otherwise a new one.
    fn world(&mut self, project: &Project, source: String) -> &BaocaoWorld {
        let today = typeset::report_today(&project.report);
        match &mut self.kept {
            Some(kept) if kept.root == project.root && kept.fonts == project.fonts => {
                kept.world.set_main(source);
                kept.world.set_today(today);
            }
            kept => {
                *kept = Some(KeptWorld {
                    world: BaocaoWorld::new(&project.root, source, &project.fonts, today),
                    root: project.root.clone(),
                    fonts: project.fonts.clone(),
                })
            }
        }
        &self.kept.as_ref().expect("a world was just set").world
    }
}

/// Runs every stage up to the laid-out document. `typ_path` is the name shown for the
/// generated source in typst errors; `before_compile` receives the generated source first
/// (the build writes it to disk so that errors can be looked up in it).
pub fn typeset(
    project: &Project,
    typ_path: &Path,
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Typeset, Failure> {
    typeset_with(project, typ_path, &mut Compiler::new(), &mut Timings::new(), before_compile)
}

/// [`typeset()`] with a kept world and stage timings (`before_compile` counts as writing).
pub fn typeset_with(
    project: &Project,
    typ_path: &Path,
    compiler: &mut Compiler,
    timings: &mut Timings,
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Typeset, Failure> {
    let narrative = narrative::render_timed(project, timings)?;
    let assembled = timings.time(Stage::Template, || typeset::assemble(project, &narrative))?;
    timings.time(Stage::Write, || before_compile(&assembled.source))?;
    let names = SourceNames { main_path: typ_path.to_path_buf(), project, narrative: &narrative, assembled: &assembled };
    // typst's own setup (standard library, fonts) counts as compiling, as it does in typst-cli
    let compiled = timings.time(Stage::Compile, || {
        let world = compiler.world(project, assembled.source.clone());
        typeset::compile(world, &names)
    })?;
    let mut warnings = narrative.warnings.clone();
    warnings.extend(compiled.warnings);
    let fact_pages = crate::narrative::fact_uses::pages(&compiled.document);
    Ok(Typeset { narrative, assembled, document: compiled.document, warnings, fact_pages })
}

/// Builds the project at `root`: writes the PDF and the generated typst source.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, Failure> {
    build_with(root, options, &mut Compiler::new(), &mut Timings::new())
}

/// [`build`] with a kept world and stage timings: what `watch` runs on every change.
pub fn build_with(
    root: &Path,
    options: &BuildOptions,
    compiler: &mut Compiler,
    timings: &mut Timings,
) -> Result<BuildReport, Failure> {
    let project = Project::load_timed(root, timings)?;
    build_project_with(&project, options, compiler, timings)
}

/// Builds an already loaded project.
pub fn build_project(project: &Project, options: &BuildOptions) -> Result<BuildReport, Failure> {
    build_project_with(project, options, &mut Compiler::new(), &mut Timings::new())
}

/// [`build_project`] with a kept world and stage timings.
pub fn build_project_with(
    project: &Project,
    options: &BuildOptions,
    compiler: &mut Compiler,
    timings: &mut Timings,
) -> Result<BuildReport, Failure> {
    let pdf_path = options.output.clone().unwrap_or_else(|| default_output(&project.root));
    let typ_path = pdf_path.with_extension("typ");
    let result =
        typeset_with(project, &typ_path, compiler, timings, |source| output::write_atomic(&typ_path, source.as_bytes()))?;
    let bytes = timings.time(Stage::Export, || {
        let ident = format!("baocao-{:016x}", output::fnv1a(result.assembled.source.as_bytes()));
        output::pdf(&result.document, typeset::report_today(&project.report), &ident)
    })?;
    timings.time(Stage::Write, || output::write_atomic(&pdf_path, &bytes))?;
    Ok(BuildReport { pdf_path, typ_path, pages: result.document.pages().len(), warnings: result.warnings })
}
