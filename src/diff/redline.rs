//! The redline: the NEW report typeset with the official template, changes marked — inserted
//! text underlined in blue, deleted text struck through in red, moved text in green, printed
//! values of changed facts highlighted, footnotes included — after a first page that
//! summarises the changes, with the pages where each changed fact is printed.
//!
//! The NEW document model is written by the one typst writer with the change marks `diff`
//! recorded ([`crate::writer::marks`]); deleted words are shown as escaped text. The summary
//! page is typst markup in which every text is escaped ([`crate::writer::escape`]); only
//! numbers are written as code.

use std::path::Path;

use serde::Serialize;
use typst_layout::PagedDocument;

use super::Comparison;
use super::facts::FactChangeKind;
use super::notes::NoteChangeKind;
use super::render::{counts, show_fact};
use super::text::TextChangeKind;
use crate::diagnostics::Failure;
use crate::output;
use crate::project::Project;
use crate::typeset::{self, Assembled, BaocaoWorld, SourceNames};
use crate::writer::{self, marks::Marking};

/// Lays out the redline of a comparison.
pub fn typeset(comparison: &Comparison, new: &Project) -> Result<PagedDocument, Failure> {
    let Some(narrative) = comparison.new_narrative() else {
        return Err(Failure::usage(
            crate::diagnostics::Diagnostic::error(crate::t!("diff-redline-no-sources"))
                .help(crate::t!("diff-redline-no-sources-help")),
        ));
    };
    let marking = Marking { highlight: comparison.highlight.clone(), edits: comparison.edits.clone() };
    let sections = writer::typst::write(&narrative.document, Some(&marking));
    let changed: Vec<String> = comparison.diff.metadata.iter().map(|m| m.field.clone()).collect();
    let assembled = typeset::assemble_marked(new, &sections, &changed)?;
    let prefix = summary_page(comparison, new)?;
    let shifted = Assembled {
        source: format!("{prefix}{}", assembled.source),
        section_ranges: assembled.section_ranges.iter().map(|r| r.start + prefix.len()..r.end + prefix.len()).collect(),
    };
    let world = BaocaoWorld::new(&new.root, shifted.source.clone(), &new.fonts, typeset::report_today(&new.report));
    let names = SourceNames {
        main_path: Path::new("redline.typ").to_path_buf(),
        project: new,
        document: &narrative.document,
        sections: &sections,
        assembled: &shifted,
    };
    Ok(typeset::compile(&world, &names)?.document)
}

/// Lays out the redline and writes it as a PDF (atomically).
pub fn write(comparison: &Comparison, new: &Project, path: &Path) -> Result<usize, Failure> {
    let (bytes, pages) = pdf(comparison, new)?;
    output::write_atomic(path, &bytes)?;
    Ok(pages)
}

/// The redline as a PDF's bytes, and its number of pages (what [`write`] writes; `serve` hands
/// it to the browser).
pub fn pdf(comparison: &Comparison, new: &Project) -> Result<(Vec<u8>, usize), Failure> {
    let document = typeset(comparison, new)?;
    let today = typeset::report_today(&new.report);
    let ident = format!("baocao-redline-{:016x}", output::fnv1a(format!("{:?}", comparison.diff.new).as_bytes()));
    // a working copy for auditors, not an archival document: a plain PDF
    let settings = output::PdfSettings { timestamp: today, ident, standard: output::Standard::None };
    let bytes = output::pdf(&document, &settings)?;
    Ok((bytes, document.pages().len()))
}

/// The redline's first page (`templates/redline.typ.tera`, built into baocao): what changed,
/// and where each changed fact is printed; it also defines the mark functions.
pub const TEMPLATE: &str = include_str!("../../templates/redline.typ.tera");

#[derive(Serialize)]
struct SummaryFact {
    kind: &'static str,
    meaning: String,
    /// The key cut after each `.` and `_`, so that a long key breaks there in its column.
    key_parts: Vec<String>,
    old: String,
    new: String,
    pages: String,
    uses: Vec<usize>,
}

#[derive(Serialize)]
struct SummaryField {
    field: String,
    old: String,
    new: String,
}

/// The first page, rendered from [`TEMPLATE`].
fn summary_page(comparison: &Comparison, new: &Project) -> Result<String, Failure> {
    let diff = &comparison.diff;
    let families: Vec<String> = new
        .fonts
        .iter()
        .flat_map(|f| typst::text::Font::iter(typst::foundations::Bytes::new(f.data.clone())))
        .map(|font| font.info().family.clone())
        .collect();
    let facts: Vec<SummaryFact> = diff
        .facts
        .iter()
        .map(|f| {
            let key = match &f.old_key {
                Some(old) => format!("{old} → {}", f.key),
                None => f.key.clone(),
            };
            let mut pages: Vec<usize> = f.printed.iter().filter_map(|p| p.page).collect();
            pages.dedup();
            let uses = if f.kind == FactChangeKind::Removed {
                Vec::new()
            } else {
                comparison
                    .new_narrative()
                    .map(|n| n.document.facts.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .filter(|u| u.keys.contains(&f.key))
                    .map(|u| u.id)
                    .collect()
            };
            SummaryFact {
                kind: match f.kind {
                    FactChangeKind::Added => "thêm",
                    FactChangeKind::Removed => "bỏ",
                    FactChangeKind::Changed => "thay đổi",
                    FactChangeKind::Renamed => "đổi tên",
                },
                meaning: f.new.as_ref().or(f.old.as_ref()).and_then(|x| x.meaning.clone()).unwrap_or_default(),
                key_parts: key.split_inclusive(['.', '_']).map(str::to_string).collect(),
                old: f.old.as_ref().map(show_fact).unwrap_or_default(),
                new: f.new.as_ref().map(show_fact).unwrap_or_default(),
                pages: pages.iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
                uses,
            }
        })
        .collect();
    let metadata: Vec<SummaryField> = diff
        .metadata
        .iter()
        .map(|m| SummaryField { field: field_name(&m.field), old: json_text(&m.old), new: json_text(&m.new) })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("families", &families);
    ctx.insert("old", &diff.old.label());
    ctx.insert("new", &diff.new.label());
    ctx.insert("c", &counts(diff));
    ctx.insert("metadata", &metadata);
    ctx.insert("facts", &facts);
    ctx.insert("moved", &diff.text.iter().filter(|t| t.kind == TextChangeKind::Moved).count());
    ctx.insert("renumbered", &diff.notes.iter().filter(|n| n.kind == NoteChangeKind::Renumbered).count());
    let layout: Vec<String> = diff.layout.iter().map(|l| l.path.display().to_string()).collect();
    ctx.insert("layout", &layout.join(", "));
    typeset::render_typst_template("templates/redline.typ.tera", TEMPLATE, &ctx)
}

/// The name of a `report.yaml` field as the office calls it.
fn field_name(field: &str) -> String {
    let name = match field {
        "number" => "Số văn bản",
        "symbol" => "Ký hiệu",
        "date" => "Ngày ban hành",
        "place" => "Địa danh",
        "document_type" => "Tên loại",
        "summary" => "Trích yếu",
        "authority" => "Cơ quan ban hành",
        "parent_authority" => "Cơ quan chủ quản",
        "national_title" => "Quốc hiệu",
        "motto" => "Tiêu ngữ",
        "signer.titles" => "Thẩm quyền ký",
        "signer.name" => "Người ký",
        "recipients" => "Nơi nhận",
        other => other,
    };
    format!("{name} ({field})")
}

/// A metadata value as text: lists joined by "; ", blanks as "(trống)".
fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "(trống)".into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items.iter().map(json_text).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}
