//! Step 2 of the narrative: the rendered sections' Markdown, parsed once, becomes the
//! [`Document`] model.
//!
//! 1. Every section is parsed by pulldown-cmark (footnotes and tables, *no* smart punctuation);
//!    footnote definitions are set aside, since a note defined in one section may be referenced
//!    from another (note 1 of the report is) — see [`super::notes`].
//! 2. One event loop per section body and per note ([`builder`]) builds blocks and inlines;
//!    the fact marks of the rendered text become [`Inline::Fact`]s.
//! 3. Notes are numbered once, by first reference, a note's own notes right after it, as typst
//!    prints them; a note nothing reaches is unreferenced.
//!
//! Input beyond the limits of [`crate::limits`] (nesting, elements, paragraph length, footnote
//! count) stops here with the place where the limit was passed: before typst, which would take
//! minutes on it, and before any reader recurses into notes inside notes.
//!
//! [`Inline::Fact`]: crate::document::Inline::Fact

mod builder;

use std::collections::HashMap;

use pulldown_cmark::Options;

use super::notes;
use crate::document::{Block, Comment, Document, Inline, Note, Section, SourceMap};
use crate::limits::MAX_NESTING;

/// The parser options, set in this one place: footnotes (GFM style) and tables; no smart
/// punctuation, so every character prints as written.
pub fn parser_options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES
}

/// What is wrong with a footnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FootnoteProblemKind {
    /// `[^label]` with no definition anywhere.
    Undefined,
    /// A second definition of a label (`first` says where the first one is).
    Duplicate,
    /// A definition that nothing references.
    Unreferenced,
}

/// A footnote problem, located in a section's rendered text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteProblem {
    /// What is wrong.
    pub kind: FootnoteProblemKind,
    /// The label as written (lower-cased).
    pub label: String,
    /// Index of the section.
    pub section: usize,
    /// Byte offset of the reference or definition in the section's rendered text.
    pub offset: usize,
    /// For a duplicate: section and offset of the first definition.
    pub first: Option<(usize, usize)>,
}

/// Why parsing stopped: the input is beyond one of the [`crate::limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitExceeded {
    /// Which limit.
    pub kind: LimitKind,
    /// Index of the section where the limit was passed.
    pub section: usize,
    /// Byte offset there, in the section's rendered text.
    pub offset: usize,
}

/// The limits parsing enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// Elements nested deeper than [`MAX_NESTING`].
    Nesting,
    /// More than [`crate::limits::MAX_ELEMENTS`] elements in the narrative.
    Elements,
    /// A paragraph (heading, item, cell, line of code) longer than [`crate::limits::MAX_PARAGRAPH_BYTES`].
    Paragraph,
    /// More than [`crate::limits::MAX_FOOTNOTES`] footnote definitions.
    FootnoteDefinitions,
    /// More than [`crate::limits::MAX_FOOTNOTES`] footnote references.
    FootnoteReferences,
}

/// The model of the sections, and their footnote problems.
pub(crate) struct Parsed {
    /// Each section's blocks and comments.
    sections: Vec<(Vec<Block>, Vec<Comment>)>,
    /// The notes, in definition order, numbered.
    notes: Vec<Note>,
    /// Undefined, duplicate and unreferenced notes.
    pub problems: Vec<FootnoteProblem>,
}

impl Parsed {
    /// The document of these sections (`maps` in the order parsed), with its fact uses.
    pub fn into_document(self, maps: Vec<SourceMap>, facts: Vec<crate::document::FactUse>) -> Document {
        let sections = maps
            .into_iter()
            .zip(self.sections)
            .map(|(source, (blocks, comments))| Section { path: source.path.clone(), source, blocks, comments })
            .collect();
        Document { sections, notes: self.notes, facts }
    }
}

/// A footnote reference found while building, with how deep it is nested in its block.
pub(super) struct Reference {
    note: usize,
    depth: usize,
    section: usize,
    offset: usize,
}

/// Parses the rendered sections into the model.
pub(crate) fn parse(sections: &[SourceMap]) -> Result<Parsed, LimitExceeded> {
    let texts: Vec<&str> = sections.iter().map(|s| s.rendered.as_str()).collect();
    let notes::Collected { bodies, definitions, mut problems, exceeded } = notes::collect(&texts);
    if let Some(e) = exceeded {
        return Err(e);
    }
    // notes in definition order: `fn-N` in typst is the N-th definition
    let mut defined: Vec<(String, notes::Definition)> = definitions.into_iter().collect();
    defined.sort_by_key(|(_, d)| d.index);
    let labels: HashMap<String, usize> = defined.iter().enumerate().map(|(i, (key, _))| (key.clone(), i)).collect();
    let mut counter = builder::Counter::default();
    let mut section_refs = Vec::new();
    let mut built_sections = Vec::with_capacity(sections.len());
    for (index, body) in bodies.iter().enumerate() {
        let built = builder::build(index, texts[index], body, &labels, &mut counter)?;
        section_refs.push(built.references);
        built_sections.push((built.blocks, built.comments));
    }
    let mut notes_built = Vec::with_capacity(defined.len());
    let mut note_refs = Vec::with_capacity(defined.len());
    for (_, d) in &defined {
        let built = builder::build(d.section, texts[d.section], &d.events, &labels, &mut counter)?;
        note_refs.push(built.references);
        notes_built.push(Note {
            label: d.label.clone(),
            section: d.section,
            offset: d.offset,
            blocks: built.blocks,
            number: None,
        });
        built_sections[d.section].1.extend(built.comments);
    }
    for (_, comments) in &mut built_sections {
        comments.sort_by_key(|c| c.range.start);
    }
    let mut numbering = Numbering { notes: &mut notes_built, refs: &note_refs, next: 1 };
    for refs in &section_refs {
        for r in refs {
            numbering.number(r, 0)?;
        }
    }
    for (note, (key, d)) in notes_built.iter().zip(&defined) {
        if note.number.is_none() {
            problems.push(FootnoteProblem {
                kind: FootnoteProblemKind::Unreferenced,
                label: key.clone(),
                section: d.section,
                offset: d.offset,
                first: None,
            });
        }
    }
    Ok(Parsed { sections: built_sections, notes: notes_built, problems })
}

/// Numbers notes by first reference, a note's own references right after it, and checks that
/// notes inside notes stay within [`MAX_NESTING`].
struct Numbering<'a> {
    notes: &'a mut Vec<Note>,
    refs: &'a [Vec<Reference>],
    next: usize,
}

impl Numbering<'_> {
    /// `r` is met at nesting `base` (the depth of the note that holds it; 0 in a section).
    fn number(&mut self, r: &Reference, base: usize) -> Result<(), LimitExceeded> {
        if self.notes[r.note].number.is_some() {
            return Ok(());
        }
        // a note's text is written where it is first referenced, one level deeper
        let depth = base + r.depth + 1;
        if depth > MAX_NESTING {
            return Err(LimitExceeded { kind: LimitKind::Nesting, section: r.section, offset: r.offset });
        }
        self.notes[r.note].number = Some(self.next);
        self.next += 1;
        let refs = self.refs;
        for inner in &refs[r.note] {
            self.number(inner, depth)?;
        }
        Ok(())
    }
}

/// Every inline of `blocks`, depth first (inside notes only by reference: not followed).
pub fn walk_inlines<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Inline)) {
    fn inlines<'a>(list: &'a [Inline], f: &mut dyn FnMut(&'a Inline)) {
        for i in list {
            f(i);
            inlines(i.children(), f);
        }
    }
    for b in blocks {
        use crate::document::BlockKind;
        match &b.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph { content, .. } => inlines(content, f),
            BlockKind::Item { content, blocks, .. } => {
                inlines(content, f);
                walk_inlines(blocks, f);
            }
            BlockKind::Quote(blocks) => walk_inlines(blocks, f),
            BlockKind::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    inlines(&cell.content, f);
                }
            }
            BlockKind::Code(_) | BlockKind::Rule | BlockKind::Html(_) => {}
        }
    }
}
