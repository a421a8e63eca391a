//! `baocao diff OLD NEW`: what changed between two versions of a report, for auditors.
//!
//! Takes two versions — each a project folder or a git revision of the repository, loaded by
//! the one project loader ([`Project::load`], [`Project::load_revision`]) — and hands on a
//! [`Diff`]: metadata, facts (with every place the fact is printed in the NEW build),
//! the narrative word by word *as printed* (facts filled in), and footnotes matched by label
//! and content. [`render`] prints it for people or as JSON; [`redline`] typesets the NEW report
//! with the changes marked.
//!
//! Cost: OLD is rendered (tera + Markdown) but not laid out; NEW is laid out once, for the page
//! of each fact printing. The redline is one more layout.

pub mod blocks;
pub mod facts;

pub mod notes;
mod printed;
pub mod redline;
pub mod render;
pub mod text;
mod version;
mod words;

pub use version::{Content, PdfSources, SourceKind, Version, VersionInfo};

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build::{self, Laid};
use crate::diagnostics::Failure;
use crate::narrative::Narrative;
use crate::project::Project;
use crate::typeset::positions::Positions;
use crate::writer::marks::Edits;
use blocks::{Block, Document};

/// A place in a version: a file, line and column, and for NEW text the page it is printed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file, relative to the project (`content/sections/04-phat-trien-kinh-te.md`; `/` in JSON).
    #[serde(serialize_with = "crate::diagnostics::serialize_slash_path")]
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    /// The page it is printed on (in its own version's build), when known.
    pub page: Option<usize>,
    /// The line of that page (1-based, from the top, the page number left out), when known.
    pub page_line: Option<usize>,
}

/// A field of `report.yaml` that differs.
#[derive(Debug, Clone, Serialize)]
pub struct MetadataChange {
    /// The field: `number`, `date`, `signer.name`, `recipients`…
    pub field: String,
    /// Old value (as in YAML; `null` when blank).
    pub old: serde_json::Value,
    /// New value.
    pub new: serde_json::Value,
    /// Where the field is written in NEW's `content/report.yaml`.
    pub location: Option<Place>,
}

/// A file of the layout (template, fonts) that differs: the PDF looks different though no
/// content changed.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutChange {
    /// `templates/report.typ.tera` or `fonts/` (`/` in JSON).
    #[serde(serialize_with = "crate::diagnostics::serialize_slash_path")]
    pub path: PathBuf,
}

/// Everything that differs between OLD and NEW.
#[derive(Debug, Clone)]
pub struct Diff {
    /// OLD.
    pub old: VersionInfo,
    /// NEW.
    pub new: VersionInfo,
    /// Metadata fields.
    pub metadata: Vec<MetadataChange>,
    /// Facts added, removed, changed, renamed.
    pub facts: Vec<facts::FactChange>,
    /// Narrative changes, in NEW's order.
    pub text: Vec<text::TextChange>,
    /// Footnote changes.
    pub notes: Vec<notes::NoteChange>,
    /// Layout files that differ.
    pub layout: Vec<LayoutChange>,
}

impl Diff {
    /// True when nothing differs (exit code 0).
    pub fn is_empty(&self) -> bool {
        self.metadata.is_empty()
            && self.facts.is_empty()
            && self.text.is_empty()
            && self.notes.is_empty()
            && self.layout.is_empty()
    }
}

/// A version that has sources: its project and its model.
#[derive(Clone, Copy)]
pub struct Model<'a> {
    /// The project.
    pub project: &'a Project,
    /// Its narrative: the document model.
    pub narrative: &'a Narrative,
}

/// A side read as printed: the file named in places, the (page, line) of each token by its
/// offset, and the model word each token was found to be (section, rendered offset).
pub type PrintedPlaces<'a> = (&'a Path, &'a [(usize, usize)], &'a [Option<(usize, usize)>]);

/// The page and line of each printed token, and the model word each is (see [`PrintedPlaces`]).
type Printed = (Vec<(usize, usize)>, Vec<Option<(usize, usize)>>);

/// One side of the comparison, as the comparing stages read it: the printed words in blocks,
/// and how to say where a word is.
pub struct Side<'a> {
    /// The sources, when the side has them.
    pub model: Option<Model<'a>>,
    /// Its printed text in blocks.
    pub doc: &'a Document,
    /// Where its text is printed (page and line), from its laid-out document.
    pub positions: Option<&'a Positions>,
    /// Its text read as printed: the file named in places, the page and line of each token by
    /// the token's offset (its place in the printed text), and for a side with sources the
    /// model word each token was found to be (section, rendered offset).
    pub printed: Option<PrintedPlaces<'a>>,
    /// The sections compared, by file; one unnamed section when the text is compared as a whole
    /// (a printed PDF on either side).
    pub sections: Vec<PathBuf>,
}

impl Side<'_> {
    /// The section a block is compared in (its file's, or the one section of a whole text).
    pub fn group(&self, block: &Block) -> usize {
        if self.sections.len() == 1 { 0 } else { block.section }
    }

    /// Section `section`'s rendered text ("" for a printed PDF).
    pub fn rendered(&self, section: usize) -> &str {
        self.model.and_then(|m| m.narrative.document.sections.get(section)).map_or("", |s| s.source.rendered.as_str())
    }

    /// The place of byte `offset` of section `section`'s rendered text: in the section file,
    /// and on the page (for a printed PDF: the page and line of the token at `offset`).
    pub fn place(&self, section: usize, offset: usize) -> Place {
        if let Some((path, places, sources)) = self.printed {
            let (page, line) = places.get(offset).copied().unwrap_or((0, 0));
            if let (Some(model), Some(Some((s, o)))) = (self.model, sources.get(offset)) {
                let loc = model.narrative.document.sections[*s].source.location(*o..*o);
                return Place { path: loc.path, line: loc.line, column: None, page: Some(page), page_line: Some(line) };
            }
            return Place { path: path.to_path_buf(), line, column: None, page: Some(page), page_line: Some(line) };
        }
        let Some(model) = self.model else {
            return Place { path: PathBuf::new(), line: 0, column: None, page: None, page_line: None };
        };
        let loc = model.narrative.document.sections[section].source.location(offset..offset);
        let (page, page_line) = self.positions.and_then(|p| p.of(section, offset)).unzip();
        Place { path: loc.path, line: loc.line, column: None, page, page_line }
    }
}

/// A finished comparison: the report, and what the redline needs.
pub struct Comparison {
    /// The differences.
    pub diff: Diff,
    /// NEW's narrative, to write again with the change marks for the redline (when NEW has
    /// sources).
    new_narrative: Option<Narrative>,
    /// Change marks to place in NEW's sections.
    edits: Edits,
    /// Printings of changed facts in NEW (use ids), highlighted in the redline.
    highlight: std::collections::HashSet<usize>,
}

impl Comparison {
    /// NEW's narrative, when NEW has sources (the redline is made of it).
    pub fn new_narrative(&self) -> Option<&Narrative> {
        self.new_narrative.as_ref()
    }
}

/// One side made ready to compare: its words, and where they are.
struct Prepared {
    doc: Document,
    laid: Option<Laid>,
    /// Read as printed: the page and line of each token, and the model word it is.
    printed: Option<Printed>,
    /// The file named in printed places.
    path: PathBuf,
}

/// Compares two loaded versions. Both are laid out (for the page of every change) unless they
/// already are; an error in laying out is the version's own.
///
/// Two versions with sources are compared by file: metadata, facts, text, notes, layout. When
/// either is a PDF read as printed, the printed texts are compared as a whole (words, moves,
/// notes), and a changed word on a side with sources is attributed to the fact printed there.
pub fn compare(old: &Version, new: &Version) -> Result<Comparison, Failure> {
    let by_file = matches!((&old.content, &new.content), (Content::Model { .. }, Content::Model { .. }));
    let old_prepared = prepare(old, by_file)?;
    let new_prepared = prepare(new, by_file)?;
    let old_side = side(old, &old_prepared, by_file);
    let new_side = side(new, &new_prepared, by_file);
    let new_laid = laid_of(new, &new_prepared);

    let (mut metadata, mut fact_changes, mut layout) = (Vec::new(), Vec::new(), Vec::new());
    let mut highlight = std::collections::HashSet::new();
    if let (Some(o), Some(n), Some(laid)) = (old_side.model, new_side.model, new_laid)
        && by_file
    {
        fact_changes = facts::compare(&o, &n, &laid.fact_pages);
        highlight = facts::highlighted_uses(&fact_changes, n.narrative);
        metadata = metadata_changes(o.project, n.project);
        layout = layout_changes(o.project, n.project);
    }
    let mut edits = Edits::new(new.project().map_or(0, |p| p.sections.len()));
    let note_matches = notes::match_notes(old_side.doc, new_side.doc);
    let text_changes = text::compare(&old_side, &new_side, &note_matches, &mut edits);
    let note_changes = notes::compare(&old_side, &new_side, &note_matches, &mut edits);
    let diff = Diff {
        old: old.info.clone(),
        new: new.info.clone(),
        metadata,
        facts: fact_changes,
        text: text_changes,
        notes: note_changes,
        layout,
    };
    let new_narrative = match &new.content {
        Content::Model { narrative, .. } => Some((**narrative).clone()),
        Content::Printed { .. } => None,
    };
    Ok(Comparison { diff, new_narrative, edits, highlight })
}

/// The layout of a version with sources.
fn laid_of<'a>(v: &'a Version, p: &'a Prepared) -> Option<&'a Laid> {
    match &v.content {
        Content::Model { laid: Some(l), .. } => Some(l),
        _ => p.laid.as_ref(),
    }
}

/// A version as the comparing stages read it; `by_file`: sections compared file by file (both
/// versions have sources), else the text as a whole.
fn side<'a>(v: &'a Version, p: &'a Prepared, by_file: bool) -> Side<'a> {
    let model = match &v.content {
        Content::Model { project, narrative, .. } => Some(Model { project, narrative }),
        Content::Printed { .. } => None,
    };
    let sections = match (model, by_file) {
        (Some(m), true) => m.project.sections.iter().map(|s| s.path.clone()).collect(),
        _ => vec![PathBuf::new()],
    };
    let printed = p.printed.as_ref().map(|(places, sources)| (p.path.as_path(), places.as_slice(), sources.as_slice()));
    Side { model, doc: &p.doc, positions: laid_of(v, p).map(|l| l.positions()), printed, sections }
}

/// A version's words: its model's (both versions have sources, `by_file`), or else its text
/// as printed — read from its PDF, or from the PDF its sources make — joined to its model.
fn prepare(v: &Version, by_file: bool) -> Result<Prepared, Failure> {
    let path = PathBuf::from(&v.info.source);
    match &v.content {
        Content::Model { project, narrative, laid, pdf } => {
            let made = match laid {
                Some(_) => None,
                None => Some(build::typeset_rendered(project, narrative, Path::new("report.typ"), |_| Ok(()))?),
            };
            let model_doc = Document::read(narrative);
            if by_file {
                return Ok(Prepared { doc: model_doc, laid: made, printed: None, path });
            }
            let laid_ref = laid.as_deref().or(made.as_ref()).expect("laid out above");
            let bytes = match pdf {
                Some(b) => b.clone(),
                None => crate::output::pdf(
                    &laid_ref.document,
                    &crate::output::PdfSettings {
                        timestamp: crate::typeset::report_today(&project.report),
                        ident: "baocao-diff".into(),
                        standard: crate::output::Standard::None,
                    },
                )?,
            };
            let pages = crate::pdf_text::lines(&bytes).map_err(|e| Failure::content(vec![e.to_diagnostic(&path)]))?;
            let mut read = printed::read(&crate::pdf_text::document(&pages));
            printed::attribute(&mut read, &model_doc, laid_ref.positions());
            Ok(Prepared { doc: read.doc, laid: made, printed: Some((read.places, read.sources)), path })
        }
        Content::Printed { document, path } => {
            let read = printed::read(document);
            Ok(Prepared { doc: read.doc, laid: None, printed: Some((read.places, read.sources)), path: path.clone() })
        }
    }
}

/// `report.yaml` field by field (`signer` by its parts).
fn metadata_changes(old: &Project, new: &Project) -> Vec<MetadataChange> {
    let fields = |p: &Project| -> Vec<(String, serde_json::Value)> {
        let value = serde_json::to_value(&p.report).unwrap_or_default();
        let mut out = Vec::new();
        if let serde_json::Value::Object(map) = value {
            for (key, v) in map {
                match v {
                    serde_json::Value::Object(inner) => {
                        out.extend(inner.into_iter().map(|(k, v)| (format!("{key}.{k}"), v)))
                    }
                    v => out.push((key, v)),
                }
            }
        }
        out
    };
    let old_fields = fields(old);
    let new_fields = fields(new);
    let mut changes = Vec::new();
    for (field, new_value) in &new_fields {
        let old_value = old_fields.iter().find(|(f, _)| f == field).map(|(_, v)| v.clone()).unwrap_or_default();
        if &old_value != new_value {
            changes.push(MetadataChange {
                field: field.clone(),
                old: old_value,
                new: new_value.clone(),
                location: yaml_key_line(&new.report_file.text, field).map(|line| Place {
                    path: new.report_file.path.clone(),
                    line,
                    column: None,
                    page: None,
                    page_line: None,
                }),
            });
        }
    }
    // Order as the document prints them: number and date first, then the rest as in YAML.
    const FIRST: [&str; 3] = ["number", "date", "summary"];
    changes.sort_by_key(|c| FIRST.iter().position(|f| *f == c.field).unwrap_or(FIRST.len()));
    changes
}

/// The line of `key:` in a YAML text: a top-level key, or `parent.child` — the child's own
/// line inside the parent's mapping (`signer.name` is the `name:` line under `signer:`).
fn yaml_key_line(text: &str, key: &str) -> Option<usize> {
    let is_key =
        |line: &str, name: &str| line.trim_start().strip_prefix(name).is_some_and(|r| r.trim_start().starts_with(':'));
    let lines: Vec<&str> = text.lines().collect();
    let (parent, child) = match key.split_once('.') {
        Some((p, c)) => (p, Some(c)),
        None => (key, None),
    };
    let top = lines.iter().position(|l| !l.starts_with([' ', '\t']) && is_key(l, parent))?;
    let Some(child) = child else { return Some(top + 1) };
    // the parent's mapping runs over the indented lines after it
    let inside =
        lines[top + 1..].iter().take_while(|l| l.trim().is_empty() || l.starts_with([' ', '\t']) || l.starts_with('#'));
    inside.clone().position(|l| is_key(l, child)).map(|i| top + 2 + i).or(Some(top + 1))
}

fn layout_changes(old: &Project, new: &Project) -> Vec<LayoutChange> {
    let mut out = Vec::new();
    if old.template.text != new.template.text {
        out.push(LayoutChange { path: new.template.path.clone() });
    }
    let fonts =
        |p: &Project| p.fonts.iter().map(|f| (f.path.clone(), crate::output::fnv1a(&f.data))).collect::<Vec<_>>();
    if fonts(old) != fonts(new) {
        out.push(LayoutChange { path: PathBuf::from("fonts/") });
    }
    out
}
