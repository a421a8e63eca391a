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
mod lcs;
pub mod notes;
pub mod redline;
pub mod render;
pub mod text;
mod words;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build;
use crate::diagnostics::{Diagnostic, Failure};
use crate::narrative::{self, Narrative};
use crate::project::Project;
use crate::writer::marks::Edits;
use blocks::Document;

/// Where a version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A project folder.
    Directory,
    /// A git revision, read from the object store.
    Git,
}

/// How a version was named and what it resolved to.
#[derive(Debug, Clone, Serialize)]
pub struct VersionInfo {
    /// The argument as given (`HEAD~1`, `../v2`).
    pub source: String,
    /// Folder or revision.
    pub kind: SourceKind,
    /// For a revision: the full commit id.
    pub commit: Option<String>,
}

impl VersionInfo {
    /// A short name for headings: `HEAD~1 (1a2b3c4)` or `../v2`.
    pub fn label(&self) -> String {
        match &self.commit {
            Some(c) => format!("{} ({})", self.source, &c[..c.len().min(7)]),
            None => self.source.clone(),
        }
    }
}

/// A loaded version, its narrative rendered (so that errors in either version are reported
/// when it is opened, against its own files).
pub struct Version {
    /// Its name and origin.
    pub info: VersionInfo,
    /// The project as loaded.
    pub project: Project,
    /// Its narrative: the document model.
    pub narrative: Narrative,
}

impl Version {
    /// Opens `arg`: a project folder if one exists at that path, otherwise a revision of the
    /// git repository holding `repository` (the project being the same folder of it).
    pub fn open(arg: &str, repository: &Path) -> Result<Version, Failure> {
        let path = Path::new(arg);
        if path.is_dir() {
            let project = Project::load(path)?;
            let narrative = narrative::render(&project)?.or_fail()?;
            let info = VersionInfo { source: arg.into(), kind: SourceKind::Directory, commit: None };
            return Ok(Version { info, project, narrative });
        }
        match Project::load_revision(repository, arg)? {
            Some((project, commit)) => {
                let narrative = narrative::render(&project)?.or_fail()?;
                let info = VersionInfo { source: arg.into(), kind: SourceKind::Git, commit: Some(commit) };
                Ok(Version { info, project, narrative })
            }
            None => Err(Failure::usage(
                Diagnostic::error(format!(
                    "`{arg}` is neither a project folder nor a revision of the git repository at `{}`",
                    repository.display()
                ))
                .help("give a folder holding content/, or a commit, tag or branch such as `HEAD~1` (see `git log --oneline`)"),
            )),
        }
    }
}

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
    /// The page in the NEW build, when known.
    pub page: Option<usize>,
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

/// One side of the comparison, as the comparing stages read it.
pub struct Side<'a> {
    /// The project.
    pub project: &'a Project,
    /// Its narrative: the document model.
    pub narrative: &'a Narrative,
    /// Its printed text in blocks.
    pub doc: &'a Document,
}

impl Side<'_> {
    /// The place of byte `offset` of section `section`'s rendered text, in the section file.
    pub fn place(&self, section: usize, offset: usize) -> Place {
        let loc = self.narrative.document.sections[section].source.location(offset..offset);
        Place { path: loc.path, line: loc.line, column: None, page: None }
    }
}

/// A finished comparison: the report, and what the redline needs.
pub struct Comparison {
    /// The differences.
    pub diff: Diff,
    /// NEW's narrative, to write again with the change marks for the redline.
    new_narrative: Narrative,
    /// Change marks to place in NEW's sections.
    edits: Edits,
    /// Printings of changed facts in NEW (use ids), highlighted in the redline.
    highlight: std::collections::HashSet<usize>,
}

/// Compares two loaded versions. NEW is laid out once (for the pages of fact printings); an
/// error here is NEW's.
pub fn compare(old: &Version, new: &Version) -> Result<Comparison, Failure> {
    let old_narrative = &old.narrative;
    let laid = build::typeset_rendered(&new.project, &new.narrative, Path::new("report.typ"), |_| Ok(()))?;
    let old_doc = Document::read(old_narrative);
    let new_doc = Document::read(&new.narrative);
    let old_side = Side { project: &old.project, narrative: old_narrative, doc: &old_doc };
    let new_side = Side { project: &new.project, narrative: &new.narrative, doc: &new_doc };

    let fact_changes = facts::compare(&old_side, &new_side, &laid.fact_pages);
    let highlight = facts::highlighted_uses(&fact_changes, &new.narrative);
    let mut edits = Edits::new(new.project.sections.len());
    let note_matches = notes::match_notes(&old_doc, &new_doc);
    let text_changes = text::compare(&old_side, &new_side, &note_matches, &mut edits);
    let note_changes = notes::compare(&old_side, &new_side, &note_matches, &mut edits);
    let diff = Diff {
        old: old.info.clone(),
        new: new.info.clone(),
        metadata: metadata_changes(&old.project, &new.project),
        facts: fact_changes,
        text: text_changes,
        notes: note_changes,
        layout: layout_changes(&old.project, &new.project),
    };
    Ok(Comparison { diff, new_narrative: new.narrative.clone(), edits, highlight })
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
                location: yaml_key_line(&new.report_file.text, field.split('.').next().unwrap_or(field))
                    .map(|line| Place { path: new.report_file.path.clone(), line, column: None, page: None }),
            });
        }
    }
    // Order as the document prints them: number and date first, then the rest as in YAML.
    const FIRST: [&str; 3] = ["number", "date", "summary"];
    changes.sort_by_key(|c| FIRST.iter().position(|f| *f == c.field).unwrap_or(FIRST.len()));
    changes
}

/// The line of a top-level `key:` in a YAML text.
fn yaml_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| l.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with(':'))).map(|i| i + 1)
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
