//! `baocao build`: the pipeline end to end.
//!
//! load project → narrative (tera, Markdown → the document model) → template → typst compile →
//! PDF → write, with `check` running beside them: its errors stop the build before anything is
//! written; its warnings are the build's first warnings. With `--format docx` the same model is
//! also (or only) written as a Word file ([`crate::writer::docx`]); a Word-only build never runs
//! typst. The
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

/// The formats a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// The PDF (and the generated typst source beside it).
    pub pdf: bool,
    /// The Word file.
    pub docx: bool,
}

impl Default for Formats {
    /// The PDF only.
    fn default() -> Formats {
        Formats { pdf: true, docx: false }
    }
}

/// What `build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Where to write the output; default `<project>/build-output/report.pdf`. The generated typst
    /// source is written beside the PDF with the extension `.typ`, the Word file with `.docx`
    /// (a path ending in `.docx` names the Word file, and the PDF goes beside it).
    pub output: Option<PathBuf>,
    /// The formats to write.
    pub formats: Formats,
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
                Diagnostic::error(crate::t!("build-standard-no-attachments", standard = standard.label()))
                    .help(crate::t!("build-standard-no-attachments-help")),
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
    /// The PDF, when asked for.
    pub pdf: Option<PdfBuilt>,
    /// The Word file, when asked for.
    pub docx: Option<DocxBuilt>,
    /// Warnings from every stage.
    pub warnings: Vec<Diagnostic>,
    /// How many warnings the project's baseline records (known, not reported again).
    pub baselined: usize,
    /// The manifest of the build (attached or not).
    pub manifest: Manifest,
}

/// The PDF a build wrote.
#[derive(Debug)]
pub struct PdfBuilt {
    /// The PDF written.
    pub path: PathBuf,
    /// The generated typst source written (for inspection).
    pub typ_path: PathBuf,
    /// Number of pages.
    pub pages: usize,
    /// The PDF's size in bytes.
    pub bytes: usize,
    /// What the sources attached add up to (bytes before compression), 0 without sources.
    pub attached_bytes: usize,
}

/// The Word file a build wrote.
#[derive(Debug)]
pub struct DocxBuilt {
    /// The .docx written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: usize,
    /// How many footnotes it holds.
    pub footnotes: usize,
    /// How many printed facts are tagged with their key.
    pub facts: usize,
}

/// A typeset report: the narrative, and what typesetting it gave (read through `Deref`:
/// `typeset.document`, `typeset.positions()`).
pub struct Typeset {
    /// The narrative: the document model with its source maps.
    pub narrative: Narrative,
    /// The laid-out report.
    pub laid: Laid,
}

impl std::ops::Deref for Typeset {
    type Target = Laid;
    fn deref(&self) -> &Laid {
        &self.laid
    }
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
    /// The generated typst source as typst parsed it (its spans are the glyphs' spans).
    pub main: typst::syntax::Source,
    /// [`Laid::positions`], read on first use: only `diff` needs them, not a build or `watch`.
    positions: std::sync::OnceLock<typeset::positions::Positions>,
}

impl Laid {
    /// The page and line of every printed stretch of the narrative.
    pub fn positions(&self) -> &typeset::positions::Positions {
        self.positions
            .get_or_init(|| typeset::positions::positions(&self.document, &self.main, &self.assembled, &self.sections))
    }
}

/// The default PDF path of a project (`build-output/report.pdf`, shown without a leading `./`
/// when the project is the current folder).
pub fn default_output(root: &Path) -> PathBuf {
    let relative = Path::new("build-output").join("report.pdf");
    if root == Path::new(".") { relative } else { root.join(relative) }
}

/// The PDF and Word paths of a build: `output` (or the default) names one, the other goes beside
/// it with its own extension.
pub fn output_paths(root: &Path, output: Option<&Path>) -> (PathBuf, PathBuf) {
    let base = output.map_or_else(|| default_output(root), Path::to_path_buf);
    if base.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        (base.with_extension("pdf"), base)
    } else {
        let docx = base.with_extension("docx");
        (base, docx)
    }
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

    /// The world of the last build, if any: its sources resolve the spans of the document it
    /// laid out (`serve` reads where each glyph came from).
    pub fn kept_world(&self) -> Option<&BaocaoWorld> {
        self.kept.as_ref().map(|k| &k.world)
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
    let laid = typeset_rendered(project, &narrative, typ_path, before_compile)?;
    Ok(Typeset { narrative, laid })
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
    let (compiled, main) = timings.time(Stage::Compile, || {
        let world = compiler.world(project, assembled.source.clone(), served);
        let compiled = typeset::compile(world, &names)?;
        let main = typst::World::source(world, world.main_id()).map_err(|e| {
            Failure::from(crate::diagnostics::Diagnostic::error(format!("the generated typst source is gone: {e:?}")))
        })?;
        Ok::<_, Failure>((compiled, main))
    })?;
    let mut warnings: Vec<Diagnostic> =
        narrative.diagnostics.iter().filter(|d| d.severity == Severity::Warning).cloned().collect();
    warnings.extend(compiled.warnings);
    let fact_pages = typeset::fact_pages(&compiled.document);
    Ok(Laid {
        sections,
        assembled,
        document: compiled.document,
        warnings,
        fact_pages,
        main,
        positions: Default::default(),
    })
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
    let (pdf_path, docx_path) = output_paths(&project.root, options.output.as_deref());
    crate::portable::check_output_name(if options.formats.pdf { &pdf_path } else { &docx_path }, "-o")?;
    if !options.formats.pdf {
        let settings = options.resolve(project)?;
        let date = typeset::build_date(&project.report, options.source_date_epoch)?;
        return build_docx_only(project, date, docx_path, Manifest::new(project, settings), timings);
    }
    let typ_path = pdf_path.with_extension("typ");
    let produced =
        produce(project, options, compiler, timings, |source| output::write_atomic(&typ_path, source.as_bytes()))?;
    // the Word file is made before anything is written: a build writes all it was asked for or nothing
    let date = typeset::build_date(&project.report, options.source_date_epoch)?;
    let word = options
        .formats
        .docx
        .then(|| timings.time(Stage::Export, || write_docx(project, &produced.narrative, date)))
        .transpose()?;
    timings.time(Stage::Write, || output::write_atomic(&pdf_path, &produced.bytes))?;
    let docx = match word {
        Some(word) => Some(timings.time(Stage::Write, || save_docx(&docx_path, word))?),
        None => None,
    };
    let pdf = PdfBuilt {
        path: pdf_path,
        typ_path,
        pages: produced.laid.document.pages().len(),
        bytes: produced.bytes.len(),
        attached_bytes: produced.attached_bytes,
    };
    Ok(BuildReport {
        pdf: Some(pdf),
        docx,
        warnings: produced.warnings,
        baselined: produced.baselined,
        manifest: produced.manifest,
    })
}

/// A build in memory: the PDF's bytes, and what it was made from.
pub struct Produced {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// The narrative (the document model).
    pub narrative: Narrative,
    /// The laid-out document, with the pages of facts and words.
    pub laid: Laid,
    /// Warnings: check's new findings, then the other stages'.
    pub warnings: Vec<Diagnostic>,
    /// How many warnings the project's baseline records.
    pub baselined: usize,
    /// Check's findings in full: new, silenced and known (`serve` lists them).
    pub check: check::CheckReport,
    /// The manifest (attached or not).
    pub manifest: Manifest,
    /// What the attached sources add up to (bytes before compression).
    pub attached_bytes: usize,
}

/// Every stage up to the PDF's bytes, with `check` beside typesetting (its errors stop the
/// build), writing nothing: `before_compile` receives the generated typst source (the build
/// writes it beside the PDF; `verify` and `diff` need not).
pub fn produce(
    project: &Project,
    options: &BuildOptions,
    compiler: &mut Compiler,
    timings: &mut Timings,
    before_compile: impl FnOnce(&str) -> Result<(), Failure>,
) -> Result<Produced, Failure> {
    let settings = options.resolve(project)?;
    let date = typeset::build_date(&project.report, options.source_date_epoch)?;
    let typ_path = output_paths(&project.root, options.output.as_deref()).0.with_extension("typ");
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
    // made only once it has passed, and its errors are the ones reported
    let (checked, typeset) = std::thread::scope(|scope| {
        let checking = scope.spawn(|| check::run(project, &narrative));
        let typeset = (|| {
            let served = Served { today: typeset::date_only(date), attachments: &attachments };
            let laid = typeset_with(project, &narrative, &typ_path, &served, compiler, timings, before_compile)?;
            let bytes = timings.time(Stage::Export, || {
                output::pdf(&laid.document, &PdfSettings { timestamp: date, ident: manifest.ident(), standard })
            })?;
            Ok::<_, Failure>((laid, bytes))
        })();
        // only the wait counts: the rest of check's time is hidden behind typesetting
        let checked = timings.time(Stage::Check, || checking.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (checked, typeset)
    });
    if checked.has_errors() {
        return Err(Failure::content(checked.findings));
    }
    let (laid, bytes) = typeset.map_err(|f| locate_quoted_text(f, project))?;
    // Findings with a code are check's: reported above (or silenced there), not twice.
    let baselined = checked.baselined.len();
    let mut warnings = checked.findings.clone();
    // check does not lay the report out: the pages of the printings it names come from here
    check::relations::add_pages(&mut warnings, project, &narrative.document, &laid.fact_pages);
    warnings.extend(laid.warnings.iter().filter(|w| w.code.is_none()).cloned());
    let attached_bytes = attachments.iter().map(|a| a.bytes.len()).sum();
    Ok(Produced { bytes, narrative, laid, warnings, baselined, check: checked, manifest, attached_bytes })
}

/// typst's PDF export reports no place for its errors (PDF/A: "the text `"…"` could not be
/// displayed"), nor does a panic caught in typst ("… when slicing `…`"); when such an error
/// quotes text that a section holds, it is placed at the first section that holds it.
fn locate_quoted_text(mut failure: Failure, project: &Project) -> Failure {
    for d in failure.diagnostics.iter_mut().filter(|d| d.location.is_none()) {
        let parts: Vec<&str> = d.message.split('`').collect();
        if parts.len() < 3 {
            continue;
        }
        let quoted = parts[parts.len() - 2].trim_matches('"');
        if quoted.trim().is_empty() {
            continue;
        }
        if let Some((file, at)) = project.sections.iter().find_map(|f| f.text.find(quoted).map(|at| (f, at))) {
            d.location = Some(crate::diagnostics::Location::from_offset(&file.path, &file.text, at, quoted.len()));
        }
    }
    failure
}

/// A Word-only build: the model and `check`, then the .docx; typst does not run.
fn build_docx_only(
    project: &Project,
    date: Datetime,
    docx_path: PathBuf,
    manifest: Manifest,
    timings: &mut Timings,
) -> Result<BuildReport, Failure> {
    let narrative = narrative::render_timed(project, timings)?;
    let checked = timings.time(Stage::Check, || check::run(project, &narrative));
    if !narrative.errors().is_empty() || checked.has_errors() {
        return Err(Failure::content(checked.findings));
    }
    let word = timings.time(Stage::Export, || write_docx(project, &narrative, date))?;
    let docx = timings.time(Stage::Write, || save_docx(&docx_path, word))?;
    let mut warnings = checked.findings;
    warnings
        .extend(narrative.diagnostics.iter().filter(|d| d.severity == Severity::Warning && d.code.is_none()).cloned());
    Ok(BuildReport { pdf: None, docx: Some(docx), warnings, baselined: checked.baselined.len(), manifest })
}

/// The report as a Word file, dated as the PDF is.
fn write_docx(project: &Project, narrative: &Narrative, date: Datetime) -> Result<writer::docx::Written, Failure> {
    let input = writer::docx::DocxInput {
        document: &narrative.document,
        report: &project.report,
        fonts: &project.fonts,
        date: w3cdtf(date),
    };
    writer::docx::write(&input)
}

fn save_docx(path: &Path, word: writer::docx::Written) -> Result<DocxBuilt, Failure> {
    output::write_atomic(path, &word.bytes)?;
    Ok(DocxBuilt { path: path.to_path_buf(), bytes: word.bytes.len(), footnotes: word.footnotes, facts: word.facts })
}

/// `2023-01-01T00:00:00Z`: a date as Word's document properties write it.
fn w3cdtf(d: Datetime) -> String {
    let stamp = iso_8601(d);
    if stamp.len() == 10 { format!("{stamp}T00:00:00Z") } else { stamp }
}
