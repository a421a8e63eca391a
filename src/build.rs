//! `baocao build`: the pipeline end to end.
//!
//! load project → narrative (tera, Markdown → typst) → template → typst compile → PDF → write,
//! with `check` running beside them: its errors stop the build before the PDF is written; its
//! warnings are the build's first warnings. The
//! sources and a manifest of every input ride along as PDF attachments ([`provenance`]).
//! [`typeset()`] stops before writing, for commands and tests that need the laid-out document.
//! The `_with` variants take a [`Compiler`] (the typst world kept across rebuilds, for
//! `watch`) and [`Timings`] (for `build --timings`); the plain ones use fresh ones.

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::check;
use crate::diagnostics::{Diagnostic, Failure, Severity};
use crate::narrative::{self, Narrative};
use crate::output::{self, PdfSettings, Standard};
use crate::project::{FontFile, Project};
use crate::provenance::{self, Attachment, Manifest, ManifestOptions};
use crate::timings::{Stage, Timings};
use crate::typeset::{self, Assembled, BaocaoWorld, SourceNames};
use crate::writer::{self, typst::TypstSection};

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
    /// How many warnings the project's baseline records (known, not reported again).
    pub baselined: usize,
    /// The PDF's size in bytes.
    pub pdf_bytes: usize,
    /// What the sources attached add up to (bytes before compression), 0 without sources.
    pub attached_bytes: usize,
    /// The manifest of the build (attached or not).
    pub manifest: Manifest,
}

/// A typeset report: everything up to the laid-out document.
pub struct Typeset {
    /// The narrative: the document model with its source maps.
    pub narrative: Narrative,
    /// The sections' typst markup (the model written by [`crate::writer::typst`]).
    pub sections: Vec<TypstSection>,
    /// The generated typst source.
    pub assembled: Assembled,
    /// The laid-out pages.
    pub document: PagedDocument,
    /// Warnings from every stage.
    pub warnings: Vec<Diagnostic>,
    /// The page (1-based) of each fact use, by use id (see [`typeset::fact_pages`]).
    pub fact_pages: std::collections::HashMap<usize, usize>,
}

/// What typesetting a narrative gives.
pub struct Laid {
    /// The sections' typst markup (the model written by [`crate::writer::typst`]).
    pub sections: Vec<TypstSection>,
    /// The generated typst source.
    pub assembled: Assembled,
    /// The laid-out pages.
    pub document: PagedDocument,
    /// Warnings from every stage.
    pub warnings: Vec<Diagnostic>,
    /// The page (1-based) of each fact use, by use id (see [`typeset::fact_pages`]).
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
    fn world(&mut self, project: &Project, source: String, served: &Served) -> &BaocaoWorld {
        let today = served.today;
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
        let world = &mut self.kept.as_mut().expect("a world was just set").world;
        provenance::serve(world, served.attachments);
        world
    }
}

/// What the typst world serves besides the project's files: the date typst calls "today"
/// (fixed, for reproducible builds) and the files the PDF attaches.
pub struct Served<'a> {
    /// `datetime.today()` in typst.
    pub today: Datetime,
    /// Files to attach (see [`provenance`]); none for a plain typeset.
    pub attachments: &'a [Attachment],
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
    let narrative = narrative::render(project)?.or_fail()?;
    let Laid { sections, assembled, document, warnings, fact_pages } =
        typeset_rendered(project, &narrative, typ_path, before_compile)?;
    Ok(Typeset { narrative, sections, assembled, document, warnings, fact_pages })
}

/// [`typeset()`] for a narrative already rendered from `project` (`diff` renders both versions
/// first, so that errors are reported per version).
pub fn typeset_rendered(
    project: &Project,
    narrative: &Narrative,
    typ_path: &Path,
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Laid, Failure> {
    let served = Served { today: typeset::report_today(&project.report), attachments: &[] };
    typeset_with(project, narrative, typ_path, &served, &mut Compiler::new(), &mut Timings::new(), before_compile)
}

/// [`typeset_rendered`] with what the world serves, a kept world and stage timings
/// (`before_compile` counts as writing).
pub fn typeset_with(
    project: &Project,
    narrative: &Narrative,
    typ_path: &Path,
    served: &Served,
    compiler: &mut Compiler,
    timings: &mut Timings,
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Laid, Failure> {
    let sections = timings.time(Stage::Markdown, || writer::typst::write(&narrative.document, None));
    let mut assembled = timings.time(Stage::Template, || typeset::assemble(project, &sections))?;
    if !served.attachments.is_empty() {
        assembled.source.push_str(provenance::ATTACH_CODE);
    }
    timings.time(Stage::Write, || before_compile(&assembled.source))?;
    let names = SourceNames {
        main_path: typ_path.to_path_buf(),
        project,
        document: &narrative.document,
        sections: &sections,
        assembled: &assembled,
    };
    // typst's own setup (standard library, fonts) counts as compiling, as it does in typst-cli
    let compiled = timings.time(Stage::Compile, || {
        let world = compiler.world(project, assembled.source.clone(), served);
        typeset::compile(world, &names)
    })?;
    let mut warnings: Vec<Diagnostic> =
        narrative.diagnostics.iter().filter(|d| d.severity == Severity::Warning).cloned().collect();
    warnings.extend(compiled.warnings);
    let fact_pages = typeset::fact_pages(&compiled.document);
    Ok(Laid { sections, assembled, document: compiled.document, warnings, fact_pages })
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

/// Builds an already loaded project: every stage, with `check` beside them (its errors stop the
/// build; no PDF is written then).
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
    let settings = options.resolve(project)?;
    let date = typeset::build_date(&project.report, options.source_date_epoch)?;
    let pdf_path = options.output.clone().unwrap_or_else(|| default_output(&project.root));
    crate::portable::check_output_name(&pdf_path, "-o")?;
    let typ_path = pdf_path.with_extension("typ");
    let standard = settings.pdf_standard;
    let manifest = Manifest::new(project, settings);
    let attachments = if manifest.options.sources_attached {
        provenance::attachments(project, &manifest.to_json())
    } else {
        Vec::new()
    };
    let narrative = narrative::render_timed(project, timings)?;
    if !narrative.errors().is_empty() {
        // nothing to typeset: check says everything that is wrong, with the narrative's errors
        return Err(Failure::content(timings.time(Stage::Check, || check::run(project, &narrative)).findings));
    }
    // check reads the model beside typesetting (these machines have two cores); the PDF is
    // written only once it has passed, and its errors are the ones reported
    let (checked, typeset) = std::thread::scope(|scope| {
        let checking = scope.spawn(|| check::run(project, &narrative));
        let typeset = (|| {
            let served = Served { today: typeset::date_only(date), attachments: &attachments };
            let result = typeset_with(project, &narrative, &typ_path, &served, compiler, timings, |source| {
                output::write_atomic(&typ_path, source.as_bytes())
            })?;
            let bytes = timings.time(Stage::Export, || {
                output::pdf(&result.document, &PdfSettings { timestamp: date, ident: manifest.ident(), standard })
            })?;
            Ok::<_, Failure>((result, bytes))
        })();
        // only the wait counts: the rest of check's time is hidden behind typesetting
        let checked = timings.time(Stage::Check, || checking.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (checked, typeset)
    });
    if checked.has_errors() {
        return Err(Failure::content(checked.findings));
    }
    let (result, bytes) = typeset?;
    timings.time(Stage::Write, || output::write_atomic(&pdf_path, &bytes))?;
    // Findings with a code are check's: reported above (or silenced there), not twice.
    let baselined = checked.baselined.len();
    let mut warnings = checked.findings;
    warnings.extend(result.warnings.into_iter().filter(|w| w.code.is_none()));
    Ok(BuildReport {
        pdf_path,
        typ_path,
        pages: result.document.pages().len(),
        warnings,
        baselined,
        pdf_bytes: bytes.len(),
        attached_bytes: attachments.iter().map(|a| a.bytes.len()).sum(),
        manifest,
    })
}
