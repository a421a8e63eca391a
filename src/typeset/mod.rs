//! The typesetting stage: the layout template (tera, typst-escaped) wraps the narrative's typst
//! markup (from [`crate::writer::typst`]) into one typst source, `report.typ`, which typst
//! compiles in-process into a laid-out document.
//!
//! Errors from typst are located in `report.typ` *and*, when they come from a section, in the
//! section file and line a person edits.

pub mod positions;
pub mod text;
pub mod world;

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::diagnostics::{Diagnostic, Failure, Location, internal_error};
use crate::document::Document;
use crate::narrative::filters;
use crate::project::{Project, Report};
use crate::writer::escape;
use crate::writer::typst::{FACT_LABEL, TypstSection};
pub use world::BaocaoWorld;

/// The generated typst source and where each section sits in it.
#[derive(Debug, Clone)]
pub struct Assembled {
    /// The full `report.typ`.
    pub source: String,
    /// Byte range of each section's markup in `source` (same order as the sections).
    pub section_ranges: Vec<Range<usize>>,
}

#[derive(Serialize)]
struct TemplateSection<'a> {
    path: String,
    typst: &'a str,
}

#[derive(Serialize)]
struct TemplateReport<'a> {
    #[serde(flatten)]
    report: &'a Report,
    number_line: String,
    place_date_line: String,
    title: String,
    keywords: Vec<String>,
    /// In a redline: the fields that changed.
    changed: &'a [String],
}

/// Renders `templates/report.typ.tera` with the metadata and the sections' markup. Every
/// `{{ value }}` is escaped for typst markup; `{{ x | typst_str }}` gives a typst string
/// literal; the sections' markup is inserted with `| safe` (the writer escaped every text).
pub fn assemble(project: &Project, sections: &[TypstSection]) -> Result<Assembled, Failure> {
    assemble_marked(project, sections, &[])
}

/// [`assemble`] for a redline: the report.yaml fields in `changed` (`number`, `signer.name`…)
/// are highlighted where the template prints them (`report.changed`).
pub fn assemble_marked(project: &Project, sections: &[TypstSection], changed: &[String]) -> Result<Assembled, Failure> {
    let template = &project.template;
    let report = &project.report;
    let title = report.title();
    let sections: Vec<TemplateSection> = project
        .sections
        .iter()
        .zip(sections)
        .map(|(file, s)| TemplateSection { path: file.path.display().to_string(), typst: &s.typst })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert(
        "report",
        &TemplateReport {
            report,
            number_line: report.number_line(),
            place_date_line: report.place_date_line(),
            title,
            keywords: report.keywords(),
            changed,
        },
    );
    ctx.insert("sections", &sections);
    let source = render_typst_template(&template.path.to_string_lossy(), &template.text, &ctx).map_err(|mut f| {
        for d in &mut f.diagnostics {
            d.help = Some(crate::t!("typeset-template-variables-help"));
        }
        f
    })?;
    // Find each section's markup in the output, in order, for error locations.
    let mut section_ranges = Vec::with_capacity(sections.len());
    let mut from = 0;
    for s in &sections {
        match source[from..].find(s.typst) {
            Some(i) if !s.typst.is_empty() => {
                section_ranges.push(from + i..from + i + s.typst.len());
                from += i + s.typst.len();
            }
            _ => section_ranges.push(0..0),
        }
    }
    Ok(Assembled { source, section_ranges })
}

/// Renders a typst template with tera: every `{{ value }}` escaped for typst markup, `{{ x |
/// typst_str }}` a typst string literal, the Vietnamese number filters; markup made by baocao
/// goes in with `| safe`. An error is located in the template (`path`, `text`).
pub fn render_typst_template(path: &str, text: &str, ctx: &tera::Context) -> Result<String, Failure> {
    let mut tera = tera::Tera::new();
    filters::register(&mut tera);
    tera.register_filter("typst_str", |v: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&escape::typst_string(v))
    });
    tera.set_escape_fn(|input: &str, out: &mut dyn std::io::Write| {
        out.write_all(escape::typst_markup(input).as_bytes())
    });
    tera.autoescape_on([".typ"]);
    let located = |e: tera::Error| -> Failure {
        let (message, loc) = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let span = r.span();
                let start = span.range.start.min(text.len());
                let len = span.range.end.saturating_sub(start);
                (r.message().to_string(), Some(Location::from_offset(Path::new(path), text, start, len)))
            }
            _ => (e.to_string(), None),
        };
        let mut d =
            Diagnostic::error(crate::t!("typeset-template-error", message = message.lines().next().unwrap_or("")))
                .help(crate::t!("typeset-template-error-help", path = path));
        if let Some(loc) = loc {
            d = d.at(loc);
        }
        Failure::content(vec![d])
    };
    let name = "template.typ";
    tera.add_raw_template(name, text).map_err(located)?;
    tera.render(name, ctx).map_err(located)
}

/// The fixed "today" of a build: the report's date (blank parts as 1).
pub fn report_today(report: &Report) -> Datetime {
    let d = &report.date;
    Datetime::from_ymd(d.year, d.month.unwrap_or(1) as u8, d.day.unwrap_or(1) as u8)
        .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).expect("valid date"))
}

/// The date of a build, written into the PDF and returned as typst's "today": the moment
/// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) gives when set, else the report's date.
pub fn build_date(report: &Report, source_date_epoch: Option<i64>) -> Result<Datetime, Failure> {
    let Some(epoch) = source_date_epoch else { return Ok(report_today(report)) };
    use chrono::{Datelike, Timelike};
    chrono::DateTime::from_timestamp(epoch, 0)
        .and_then(|t| {
            Datetime::from_ymd_hms(
                t.year(),
                t.month() as u8,
                t.day() as u8,
                t.hour() as u8,
                t.minute() as u8,
                t.second() as u8,
            )
        })
        .ok_or_else(|| {
            Failure::usage(
                Diagnostic::error(crate::t!("typeset-bad-epoch", epoch = epoch.to_string()))
                    .help(crate::t!("typeset-bad-epoch-help")),
            )
        })
}

/// The date part of a build date (typst's `datetime.today()`).
pub fn date_only(datetime: Datetime) -> Datetime {
    match (datetime.year(), datetime.month(), datetime.day()) {
        (Some(y), Some(m), Some(d)) => Datetime::from_ymd(y, m, d).unwrap_or(datetime),
        _ => datetime,
    }
}

/// A compiled document and the warnings typst gave.
pub struct Compiled {
    /// The laid-out pages.
    pub document: PagedDocument,
    /// typst's warnings, located.
    pub warnings: Vec<Diagnostic>,
}

/// Where diagnostics should say `report.typ` lives (the file written for inspection).
pub struct SourceNames<'a> {
    /// Path shown for the generated main file, e.g. `build-output/report.typ`.
    pub main_path: PathBuf,
    /// The project, to map back to section files.
    pub project: &'a Project,
    /// The document model, with its source maps.
    pub document: &'a Document,
    /// The sections' markup, with their maps back to the model.
    pub sections: &'a [TypstSection],
    /// The assembled source.
    pub assembled: &'a Assembled,
}

/// Compiles the world's main source into pages. A panic inside typst (its debug assertions
/// fire on some sequences of bidi controls and combining marks, for one) becomes an error, not
/// a crash.
pub fn compile(world: &BaocaoWorld, names: &SourceNames) -> Result<Compiled, Failure> {
    let warned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| typst::compile::<PagedDocument>(world)))
        .map_err(|panic| Failure::content(vec![internal_error(&crate::t!("stage-laying-out"), &*panic)]))?;
    let warnings = warned.warnings.iter().map(|d| typst_diagnostic(world, d, names)).collect();
    match warned.output {
        Ok(document) => Ok(Compiled { document, warnings }),
        Err(errors) => {
            let mut ds: Vec<Diagnostic> = errors.iter().map(|d| typst_diagnostic(world, d, names)).collect();
            ds.dedup();
            Err(Failure::content(ds))
        }
    }
}

/// A typst diagnostic as ours: location in `report.typ`, plus the section file and line when
/// the span lies in a section's markup.
pub fn typst_diagnostic(world: &BaocaoWorld, d: &SourceDiagnostic, names: &SourceNames) -> Diagnostic {
    let mut out = match d.severity {
        TypstSeverity::Error => Diagnostic::error(format!("typst: {}", d.message)),
        TypstSeverity::Warning => Diagnostic::warning(format!("typst: {}", d.message)),
    };
    let range = world.range(d.span);
    let id = d.span.id();
    if let (Some(range), Some(id)) = (range, id) {
        if id == world.main_id() {
            let text = &names.assembled.source;
            out = out.at(Location::from_offset(&names.main_path, text, range.start, range.len()));
            if let Some(loc) = section_location(names, range.start) {
                out = out.note(crate::t!("typeset-from-section"), loc);
            }
        } else if let Ok(source) = typst::World::source(world, id) {
            let path = Path::new(id.vpath().get_with_slash().trim_start_matches('/')).to_path_buf();
            out = out.at(Location::from_offset(&path, source.text(), range.start, range.len()));
        }
    }
    let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
    let help = if hints.is_empty() { crate::t!("typeset-error-help") } else { hints.join("; ") };
    out.help(help)
}

fn section_location(names: &SourceNames, offset: usize) -> Option<Location> {
    let index = names.assembled.section_ranges.iter().position(|r| r.contains(&offset))?;
    let local = offset - names.assembled.section_ranges[index].start;
    let map = &names.sections.get(index)?.map;
    let entry = map[map.partition_point(|e| e.typst_offset <= local).checked_sub(1)?];
    Some(names.document.sections.get(entry.section)?.source.location(entry.offset..entry.offset))
}

/// The page (1-based) of each fact printing in the laid-out document, by use id: read from the
/// writer's `#metadata(id)<bc-fact>` markers.
pub fn fact_pages(document: &PagedDocument) -> std::collections::HashMap<usize, usize> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    let introspector = document.introspector();
    let Some(label) = Label::new(typst::utils::PicoStr::intern(FACT_LABEL)) else { return Default::default() };
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<MetadataElem>()?;
            let id = match &meta.value {
                Value::Int(i) => usize::try_from(*i).ok()?,
                _ => return None,
            };
            let page = introspector.page(content.location()?)?;
            Some((id, page.get()))
        })
        .collect()
}
