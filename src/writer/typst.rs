//! The typst writer: the document model → typst markup for the layout template.
//!
//! Every text is escaped ([`super::escape`]), so no content can become code;
//! structure is written as calls of typst functions (`#heading`, `#footnote`, and the
//! template's `#bc-item`). A note is written where it is first referenced —
//! `#footnote[body]<fn-N>`, N its place among the definitions — and later references reuse it
//! (`#footnote(<fn-N>)`): typst numbers them as the model does. Each printed value is followed
//! by an invisible `#metadata(id)<bc-fact>`, from which [`crate::typeset::fact_pages`] reads
//! the page of every fact printing.
//!
//! A stretch of text holding a slash is set in a box (see [`Segment`]); with the redline's
//! [`Marking`], change marks are written around the text they cover.

use std::collections::HashSet;

use super::escape::{push_typst_markup, typst_markup, typst_string};
use super::marks::{BlockEdit, Edit, EditKind, Mark, Marking, OpenMarks};
use crate::document::{Block, BlockKind, Document, Inline, Run};

/// The typst label of fact markers.
pub const FACT_LABEL: &str = "bc-fact";

/// One entry of a section's typst map: output from `typst_offset` on came from byte `offset`
/// of section `section`'s rendered text (a note may come from another section).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapEntry {
    /// Byte offset in the section's typst output.
    pub typst_offset: usize,
    /// Index of the section the text came from.
    pub section: usize,
    /// Byte offset in that section's rendered text.
    pub offset: usize,
}

/// The typst markup of one section, and where each part came from.
#[derive(Debug, Clone, Default)]
pub struct TypstSection {
    /// Typst markup (to be placed in the document body).
    pub typst: String,
    /// Sorted by `typst_offset`.
    pub map: Vec<MapEntry>,
}

/// Writes every section of `document` (with change marks when `marking` is given).
pub fn write(document: &Document, marking: Option<&Marking>) -> Vec<TypstSection> {
    let mut w = Writer {
        doc: document,
        out: String::new(),
        map: Vec::new(),
        emitted: HashSet::new(),
        items: Vec::new(),
        marking,
        marks: OpenMarks::default(),
        edits: Vec::new(),
        next_edit: 0,
        segment: None,
    };
    let mut sections = Vec::with_capacity(document.sections.len());
    for (index, section) in document.sections.iter().enumerate() {
        w.out.clear();
        w.map.clear();
        // the body's edits: those in the section's notes are applied where each note is written
        let notes: Vec<std::ops::Range<usize>> =
            document.notes.iter().filter(|n| n.section == index).map(note_range).collect();
        w.edits = marking
            .map(|m| m.edits.sorted(index))
            .unwrap_or_default()
            .into_iter()
            .filter(|e| !notes.iter().any(|r| r.contains(&e.offset)))
            .collect();
        w.next_edit = 0;
        let mut block_edits = marking.and_then(|m| m.edits.blocks.get(index)).cloned().unwrap_or_default();
        block_edits.sort_by_key(|b| b.offset);
        w.section_blocks(index, &section.blocks, &mut block_edits);
        w.apply_edits(usize::MAX);
        w.marks.close_all(&mut w.out);
        for b in block_edits {
            w.old_block(&b);
        }
        sections.push(TypstSection { typst: std::mem::take(&mut w.out), map: std::mem::take(&mut w.map) });
    }
    sections
}

struct Writer<'a> {
    doc: &'a Document,
    out: String,
    map: Vec<MapEntry>,
    /// Notes already written (later references reuse their number).
    emitted: HashSet<usize>,
    /// The list items open, innermost last.
    items: Vec<ItemState>,
    marking: Option<&'a Marking>,
    marks: OpenMarks,
    /// The current section's text edits, in order, and the next one to apply.
    edits: Vec<Edit>,
    next_edit: usize,
    segment: Option<Segment>,
}

/// Where a note is in its section's rendered text: from its `[^label]:` to the end of its text.
fn note_range(note: &crate::document::Note) -> std::ops::Range<usize> {
    let end = note.blocks.iter().map(|b| b.range.end).max().unwrap_or(note.offset);
    note.offset..end.max(note.offset) + 1
}

/// A list item being written.
struct ItemState {
    /// Its `bc-item[…]` paragraph is still open.
    open: bool,
    /// How many blocks it has started.
    blocks: usize,
}

/// A stretch of text between breaking points: it runs to the next space, or to just after a
/// hyphen (where a line may break). One holding a slash is set in a box, which never breaks:
/// a line never breaks after a slash (`24/2014/NĐ-CP`, `8,05%/năm`), as in Word, while a box
/// ending after `NĐ-` still lets `NĐ-` / `CP` break. The box adds no character to the text
/// (U+2060 after each slash did: copied out of the PDF, `30/⁠NQ-TW` held a hidden character).
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Where it starts in the output.
    start: usize,
    /// It holds a slash.
    slash: bool,
    /// Nothing but text and fact markers was written in it (a change mark opened or closed
    /// would straddle the box's brackets).
    plain: bool,
}

impl Writer<'_> {
    fn at(&mut self, section: usize, offset: usize) {
        self.map.push(MapEntry { typst_offset: self.out.len(), section, offset });
    }

    fn section_blocks(&mut self, section: usize, blocks: &[Block], block_edits: &mut Vec<BlockEdit>) {
        for block in blocks {
            while let Some(b) = block_edits.first().filter(|b| b.offset <= block.range.start).cloned() {
                block_edits.remove(0);
                self.old_block(&b);
            }
            self.block(section, block, None);
        }
    }

    /// An old block shown in the redline: a paragraph of its own, marked.
    fn old_block(&mut self, b: &BlockEdit) {
        self.marks.open(&mut self.out, b.mark);
        self.out.push_str(&typst_markup(&b.text));
        self.marks.close(&mut self.out, b.mark);
        self.out.push_str("\n\n");
    }

    fn blocks(&mut self, section: usize, blocks: &[Block]) {
        let mut previous_item = false;
        for block in blocks {
            let item = matches!(block.kind, BlockKind::Item { .. });
            self.block(section, block, Some(previous_item));
            previous_item = item;
        }
    }

    /// Writes a block; `after_item` says, for an item, whether the block before it was an
    /// item of the same list (a new list starts a block of its own in the item around it).
    fn block(&mut self, section: usize, block: &Block, after_item: Option<bool>) {
        self.end_segment();
        self.at(section, block.range.start);
        self.marks.close_all(&mut self.out);
        match &block.kind {
            BlockKind::Paragraph { content, right_indent } => {
                self.before_block(true);
                if let Some(indent) = right_indent {
                    // a negative right indent widens the paragraph, as Word's paragraph indents do
                    self.out.push_str(&format!("#pad(right: {indent}, par["));
                }
                self.inlines(section, content);
                self.close_block(section, block.range.end);
                self.trim_end();
                if right_indent.is_some() {
                    self.out.push_str("])");
                }
                self.out.push_str("\n\n");
            }
            BlockKind::Heading { level, content } => {
                self.before_block(false);
                self.out.push_str(&format!("#heading(level: {level})["));
                self.inlines(section, content);
                self.close_block(section, block.range.end);
                self.trim_end();
                self.out.push_str("]\n\n");
            }
            BlockKind::Quote(inner) => {
                self.before_block(false);
                self.out.push_str("#quote(block: true)[");
                self.blocks(section, inner);
                self.close_block(section, block.range.end);
                self.trim_end();
                self.out.push_str("]\n\n");
            }
            BlockKind::Code(code) => {
                self.before_block(false);
                self.out.push_str("#raw(block: true, ");
                self.out.push_str(&typst_string(code.strip_suffix('\n').unwrap_or(code)));
                self.out.push_str(")\n\n");
            }
            BlockKind::Item { marker, depth, content, blocks } => {
                if after_item != Some(true) {
                    // the list's start: a block in the item around it
                    self.before_block(false);
                }
                self.out.push_str("#bc-item(");
                self.out.push_str(&typst_string(marker));
                self.out.push_str(&format!(", depth: {depth})["));
                self.items.push(ItemState { open: true, blocks: 0 });
                self.inlines(section, content);
                self.blocks(section, blocks);
                self.close_block(section, block.range.end);
                if self.items.pop().is_some_and(|item| item.open) {
                    self.trim_end();
                    self.out.push_str("]\n\n");
                }
            }
            BlockKind::Table { columns, head, rows } => {
                self.before_block(false);
                self.out.push_str(&format!("#table(columns: {columns}, "));
                self.out.push_str("table.header(");
                for cell in head {
                    self.cell(section, cell);
                }
                self.out.push_str("), ");
                for cell in rows.iter().flatten() {
                    self.cell(section, cell);
                }
                self.close_block(section, block.range.end);
                self.trim_end();
                self.out.push_str(")\n\n");
            }
            BlockKind::Rule => {
                self.before_block(false);
                self.out.push_str("#line(length: 100%, stroke: 0.5pt)\n\n");
            }
            BlockKind::Html(text) => {
                self.before_block(false);
                if !text.trim().is_empty() {
                    push_typst_markup(&mut self.out, text);
                }
            }
        }
    }

    fn cell(&mut self, section: usize, cell: &crate::document::Cell) {
        self.end_segment();
        self.at(section, cell.range.start);
        self.marks.close_all(&mut self.out);
        self.out.push('[');
        self.inlines(section, &cell.content);
        self.close_block(section, cell.range.end);
        self.trim_end();
        self.out.push_str("], ");
    }

    /// The end of a block's text: edits up to its end applied, the segment ended, marks dropped.
    fn close_block(&mut self, _section: usize, end: usize) {
        self.apply_edits(end);
        self.end_segment();
        self.marks.close_all(&mut self.out);
    }

    /// A list item is one paragraph (the template's `bc-item`), and typst drops a paragraph
    /// inside a paragraph, with its text. So the item's paragraph ends before any block inside
    /// the item other than its first paragraph (a nested list, a second paragraph, a quote…),
    /// and that block follows it.
    fn before_block(&mut self, paragraph: bool) {
        if let Some(item) = self.items.last_mut()
            && item.open
        {
            item.blocks += 1;
            if !(paragraph && item.blocks == 1) {
                item.open = false;
                self.trim_end();
                self.out.push_str("]\n\n");
            }
        }
    }

    fn inlines(&mut self, section: usize, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(section, inline);
        }
    }

    fn inline(&mut self, section: usize, inline: &Inline) {
        if !matches!(inline, Inline::Text(_) | Inline::Fact { .. }) {
            self.end_segment();
        }
        match inline {
            Inline::Text(run) => self.run(section, run),
            Inline::Fact { id, run } => {
                let highlight = self.marking.is_some_and(|m| m.highlight.contains(id));
                if highlight {
                    self.unbox_segment();
                    self.marks.open(&mut self.out, Mark::Fact);
                }
                self.run(section, run);
                if highlight {
                    self.unbox_segment();
                    self.marks.close(&mut self.out, Mark::Fact);
                }
                self.out.push_str(&format!("#metadata({id})<{FACT_LABEL}>"));
            }
            Inline::Html(run) => {
                self.at(section, run.start());
                push_typst_markup(&mut self.out, &run.text);
            }
            Inline::Code(run) => {
                self.at(section, run.start());
                self.out.push_str("#raw(");
                self.out.push_str(&typst_string(&run.text));
                self.out.push(')');
            }
            Inline::SoftBreak(at) => {
                self.at(section, *at);
                self.out.push(' ');
            }
            Inline::HardBreak(at) => {
                self.at(section, *at);
                self.out.push_str("#linebreak()\n");
            }
            Inline::NoteRef { note, range } => {
                self.at(section, range.start);
                self.apply_edits(range.start);
                self.footnote(*note);
            }
            Inline::Emphasis(content) => self.wrapped(section, "#emph[", content, "]"),
            Inline::Strong(content) => self.wrapped(section, "#strong[", content, "]"),
            Inline::Strike(content) => self.wrapped(section, "#strike[", content, "]"),
            // typst refuses an empty URL (`[text]()`): the text alone is printed then
            Inline::Link { url, content } if url.is_empty() => self.wrapped(section, "", content, ""),
            Inline::Link { url, content } => {
                let open = format!("#link({})[", typst_string(url));
                self.wrapped(section, &open, content, "]");
            }
        }
    }

    /// `open`, the inlines, `close`; marks are closed around the brackets and reopened inside.
    fn wrapped(&mut self, section: usize, open: &str, content: &[Inline], close: &str) {
        let marks = self.marks.close_all(&mut self.out);
        self.out.push_str(open);
        self.marks.reopen(&mut self.out, marks);
        self.inlines(section, content);
        self.end_segment();
        let marks = self.marks.close_all(&mut self.out);
        self.out.push_str(close);
        self.marks.reopen(&mut self.out, marks);
    }

    /// A note's first reference writes it, later ones reuse its number.
    fn footnote(&mut self, note: usize) {
        let label = format!("fn-{}", note + 1);
        let open = self.marks.close_all(&mut self.out);
        if !self.emitted.insert(note) {
            self.out.push_str(&format!("#footnote(<{label}>)"));
        } else {
            self.out.push_str("#footnote[");
            // the note is a paragraph of its own; the text around the reference goes on after
            // it (and not a block of the list item around the reference)
            let items = std::mem::take(&mut self.items);
            let doc = self.doc;
            let n = &doc.notes[note];
            // the note's own edits, in its own section's text
            let range = note_range(n);
            let edits = self
                .marking
                .map(|m| m.edits.sorted(n.section))
                .unwrap_or_default()
                .into_iter()
                .filter(|e| range.contains(&e.offset))
                .collect();
            let outer = (std::mem::replace(&mut self.edits, edits), std::mem::replace(&mut self.next_edit, 0));
            self.blocks(n.section, &n.blocks);
            self.apply_edits(range.end);
            (self.edits, self.next_edit) = outer;
            self.items = items;
            self.end_segment();
            self.marks.close_all(&mut self.out);
            self.trim_end();
            self.out.push_str(&format!("]<{label}>"));
        }
        self.marks.reopen(&mut self.out, open);
    }

    /// Writes a run of text, applying the edits that fall inside it; each word is an entry of
    /// the map (so that a place on a page can be traced to its word).
    fn run(&mut self, section: usize, run: &Run) {
        self.at(section, run.start());
        let mut from = 0;
        let mut after_space = false;
        for (i, c) in run.text.char_indices() {
            let word = after_space && !c.is_whitespace();
            after_space = c.is_whitespace();
            let r = run.rendered(i);
            let edit = self.edits.get(self.next_edit).is_some_and(|e| e.offset <= r);
            if word || edit {
                self.plain(&run.text[from..i]);
                from = i;
                if edit {
                    self.apply_edits(r);
                }
                if word {
                    self.at(section, r);
                }
            }
        }
        self.plain(&run.text[from..]);
        if self.next_edit < self.edits.len() {
            self.apply_edits(run.rendered_range(0..run.text.len()).end);
        }
    }

    /// Applies the edits at offsets up to `offset`.
    fn apply_edits(&mut self, offset: usize) {
        while let Some(edit) = self.edits.get(self.next_edit).filter(|e| e.offset <= offset).cloned() {
            self.next_edit += 1;
            self.unbox_segment();
            match edit.kind {
                EditKind::Open(mark) => self.marks.open(&mut self.out, mark),
                EditKind::Close(mark) => self.marks.close(&mut self.out, mark),
                EditKind::Words { mark, text, before } => {
                    if !before {
                        self.out.push(' ');
                    }
                    self.marks.open(&mut self.out, mark);
                    self.out.push_str(&typst_markup(&text));
                    self.marks.close(&mut self.out, mark);
                    if before {
                        self.out.push(' ');
                    }
                }
            }
        }
    }

    /// Text, in segments (see [`Segment`]).
    fn plain(&mut self, text: &str) {
        let mut rest = text;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| c.is_whitespace() || *c == '-' || *c == '/') {
            self.segment_text(&rest[..at]);
            if c.is_whitespace() {
                self.end_segment();
                // a run of spaces at once: the escape keeps runs as written
                let run = rest[at..].find(|c: char| !c.is_whitespace()).map_or(rest.len(), |n| at + n);
                push_typst_markup(&mut self.out, &rest[at..run]);
                rest = &rest[run..];
                continue;
            }
            self.segment_text(&rest[at..at + c.len_utf8()]);
            if let Some(segment) = self.segment.as_mut() {
                segment.slash |= c == '/';
            }
            if c == '-' {
                self.end_segment();
            }
            rest = &rest[at + c.len_utf8()..];
        }
        self.segment_text(rest);
    }

    /// A change mark opens or closes in the current segment: it is not boxed.
    fn unbox_segment(&mut self) {
        if let Some(segment) = self.segment.as_mut() {
            segment.plain = false;
        }
    }

    /// Writes text that belongs to the current segment (starting one if none is open).
    fn segment_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.segment.is_none() {
            self.segment = Some(Segment { start: self.out.len(), slash: false, plain: true });
        }
        push_typst_markup(&mut self.out, text);
    }

    /// Ends the current segment: one holding a slash is wrapped in `#box[…]`.
    fn end_segment(&mut self) {
        let Some(segment) = self.segment.take() else { return };
        if !(segment.slash && segment.plain) || segment.start >= self.out.len() {
            return;
        }
        const OPEN: &str = "#box[";
        self.out.insert_str(segment.start, OPEN);
        self.out.push(']');
        for entry in self.map.iter_mut().rev().take_while(|e| e.typst_offset > segment.start) {
            entry.typst_offset += OPEN.len();
        }
    }

    fn trim_end(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\n']).len();
        // never cut an escaped space (`\ `)
        let keep = if trimmed > 0 && self.out[..trimmed].ends_with('\\') { trimmed + 1 } else { trimmed };
        self.out.truncate(keep.min(self.out.len()));
    }
}
