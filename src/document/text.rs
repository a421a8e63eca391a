//! Text with its origin ([`Run`]), and the model's blocks as plain text for the readers that
//! look at words and characters ([`TextBlock`]: the typography, heading and glyph checks).

use std::ops::Range;

use super::{Block, BlockKind, Document, Inline};
use crate::diagnostics::Location;

/// Text and where each part of it is in the section's rendered text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    /// The text as printed.
    pub text: String,
    /// (text offset, rendered offset, exact): text from `text offset` on came from the
    /// rendered text at `rendered offset`, byte for byte when `exact` (no escapes).
    pub segments: Vec<(usize, usize, bool)>,
}

impl Run {
    /// A run of one piece of text.
    pub fn new(text: &str, rendered: usize, exact: bool) -> Run {
        let mut run = Run::default();
        run.push(text, rendered, exact);
        run
    }

    /// Appends text that came from `rendered`.
    pub fn push(&mut self, text: &str, rendered: usize, exact: bool) {
        self.segments.push((self.text.len(), rendered, exact));
        self.text.push_str(text);
    }

    /// The rendered offset of text byte `offset`.
    pub fn rendered(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.0 <= offset).saturating_sub(1);
        match self.segments.get(i) {
            Some(&(text, rendered, true)) => rendered + (offset - text),
            Some(&(_, rendered, false)) => rendered,
            None => 0,
        }
    }

    /// The rendered range of the text bytes `range` (to just after its last character).
    pub fn rendered_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.rendered(range.start);
        let end = match self.text.get(range.clone()).and_then(|t| t.chars().next_back()) {
            Some(last) => {
                let last_start = range.end - last.len_utf8();
                let i = self.segments.partition_point(|s| s.0 <= last_start).saturating_sub(1);
                let exact = self.segments.get(i).is_some_and(|s| s.2);
                self.rendered(last_start) + if exact { last.len_utf8() } else { 1 }
            }
            None => start,
        };
        start..end.max(start)
    }

    /// The rendered offset where the run starts.
    pub fn start(&self) -> usize {
        self.segments.first().map_or(0, |s| s.1)
    }
}

/// Stands in a [`TextBlock`]'s text for a footnote reference or a code span: neither a letter,
/// a space nor punctuation, so the text checks step over it.
pub const PLACEHOLDER: char = '\u{FFFC}';

/// The kind of block a [`TextBlock`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A heading of level 1–6.
    Heading(u8),
    /// A paragraph (also a list item's or a footnote's paragraphs, and visible block HTML).
    Paragraph,
    /// A tight list item's text (not in a paragraph of its own).
    Item,
    /// A table cell.
    TableCell,
}

/// The visible text of one block, for readers of words and characters.
#[derive(Debug, Clone)]
pub struct TextBlock {
    /// Index of the section.
    pub section: usize,
    /// Heading, paragraph, item or cell.
    pub kind: TextKind,
    /// Inside a footnote.
    pub in_footnote: bool,
    /// Inside a list item.
    pub in_item: bool,
    /// The text as a reader sees it; footnote references and code spans are [`PLACEHOLDER`]s.
    pub text: String,
    /// Byte offsets in `text` of the placeholders.
    pub placeholders: Vec<usize>,
    /// The bold run the block starts with (`**2.2.2. Công tác y tế:** …`), as a range of `text`.
    pub lead_strong: Option<Range<usize>>,
    /// Where each part of `text` is in the rendered text.
    run: Run,
}

impl TextBlock {
    fn new(section: usize, kind: TextKind, in_footnote: bool, in_item: bool) -> TextBlock {
        TextBlock {
            section,
            kind,
            in_footnote,
            in_item,
            text: String::new(),
            placeholders: Vec::new(),
            lead_strong: None,
            run: Run::default(),
        }
    }

    fn push_run(&mut self, run: &Run) {
        for (i, &(at, rendered, exact)) in run.segments.iter().enumerate() {
            let end = run.segments.get(i + 1).map_or(run.text.len(), |s| s.0);
            self.push(&run.text[at..end], rendered, exact);
        }
    }

    fn push(&mut self, text: &str, rendered: usize, exact: bool) {
        self.run.push(text, rendered, exact);
        self.text.push_str(text);
    }

    fn push_placeholder(&mut self, rendered: usize) {
        self.placeholders.push(self.text.len());
        self.push(PLACEHOLDER.encode_utf8(&mut [0; 4]), rendered, false);
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(run) | Inline::Fact { run, .. } | Inline::Html(run) => self.push_run(run),
                Inline::NoteRef { range, .. } => self.push_placeholder(range.start),
                Inline::Code(run) => self.push_placeholder(run.start()),
                Inline::SoftBreak(at) | Inline::HardBreak(at) => self.push(" ", *at, false),
                Inline::Strong(content) => {
                    let lead = self.lead_strong.is_none() && self.text.trim().is_empty();
                    let start = self.text.len();
                    self.inlines(content);
                    if lead {
                        self.lead_strong = Some(start..self.text.len());
                    }
                }
                Inline::Emphasis(content) | Inline::Strike(content) | Inline::Link { content, .. } => {
                    self.inlines(content)
                }
            }
        }
    }

    /// The place in the section file of the text byte range `range` of this block.
    pub fn location(&self, document: &Document, range: Range<usize>) -> Location {
        let rendered = self.run.rendered_range(range);
        document.sections[self.section].source.location(rendered)
    }

    /// The rendered range of the text byte range `range`.
    pub fn rendered_range(&self, range: Range<usize>) -> Range<usize> {
        self.run.rendered_range(range)
    }
}

/// Appends the text blocks of `blocks` (of section `section`) to `out`.
pub(super) fn blocks(blocks: &[Block], section: usize, in_footnote: bool, in_item: bool, out: &mut Vec<TextBlock>) {
    let one = |kind: TextKind, content: &[Inline], in_item: bool, out: &mut Vec<TextBlock>| {
        let mut b = TextBlock::new(section, kind, in_footnote, in_item);
        b.inlines(content);
        if !b.text.trim().is_empty() {
            out.push(b);
        }
    };
    for block in blocks {
        match &block.kind {
            BlockKind::Heading { level, content } => one(TextKind::Heading(*level), content, in_item, out),
            BlockKind::Paragraph { content, .. } => one(TextKind::Paragraph, content, in_item, out),
            BlockKind::Item { content, blocks: inner, .. } => {
                one(TextKind::Item, content, true, out);
                self::blocks(inner, section, in_footnote, true, out);
            }
            BlockKind::Quote(inner) => self::blocks(inner, section, in_footnote, in_item, out),
            BlockKind::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    one(TextKind::TableCell, &cell.content, in_item, out);
                }
            }
            BlockKind::Html(text) => {
                let mut b = TextBlock::new(section, TextKind::Paragraph, in_footnote, in_item);
                b.push(text, block.range.start, false);
                if !b.text.trim().is_empty() {
                    out.push(b);
                }
            }
            BlockKind::Code(_) | BlockKind::Rule => {}
        }
    }
}
