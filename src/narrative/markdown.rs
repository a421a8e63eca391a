//! Markdown → typst markup, our own converter.
//!
//! Every text run is escaped ([`super::escape`]), so no content can become typst code; structure
//! is emitted as calls to typst functions (`#heading`, `#footnote`, and the template's `#bc-item`).
//!
//! Footnotes are document-wide: a note defined in one section may be referenced from another
//! (note 1 of the report is). The converter therefore works on all sections at once:
//!
//! 1. each section is parsed (pulldown-cmark, footnotes and tables, *no* smart punctuation);
//!    a section that references a label defined in another section is parsed again with a stub
//!    definition appended, so the reference is recognised; definitions are set aside
//!    ([`notes`]);
//! 2. the writer walks the events; at a note's first reference it emits `#footnote[body]<fn-N>`,
//!    at later ones `#footnote(<fn-N>)` (same number, no new note), so notes are numbered by
//!    first reference, and a note may reference another.
//!
//! Input beyond the limits of [`crate::limits`] (nesting depth, number of elements, paragraph
//! length, footnote count) is refused with the place where the limit was passed: before typst,
//! which would take minutes on it or report its own limits in the generated source, not the
//! Markdown, and before the writer recurses into notes inside notes.

mod notes;
mod tags;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Options, Tag, TagEnd};

use super::escape::{push_typst_markup, typst_string};
use super::fact_uses::{self, Piece};
use super::marks::{Mark, OpenMarks};
use crate::limits::{MAX_ELEMENTS, MAX_NESTING, MAX_PARAGRAPH_BYTES};
use notes::Definition;
pub(crate) use notes::{Events, append_stubs, parse_sections, scan};
use tags::{ends_block, is_block, is_inline, is_inline_end, is_length, list_marker, nests, nests_end};

/// The parser options, set in this one place: footnotes (GFM style) and tables; no smart
/// punctuation, so every character prints as written.
pub fn parser_options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES
}

/// One entry of a source map: typst output from `typst_offset` on came from byte `md_offset`
/// of section `section`'s (tera-rendered) Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapEntry {
    /// Byte offset in the section's typst output.
    pub typst_offset: usize,
    /// Index of the section the Markdown came from (notes may come from another section).
    pub section: usize,
    /// Byte offset in that section's Markdown.
    pub md_offset: usize,
}

/// The typst markup of one section, and where each part came from.
#[derive(Debug, Clone, Default)]
pub struct TypstSection {
    /// Typst markup (to be placed in the document body).
    pub typst: String,
    /// Source map, sorted by `typst_offset`.
    pub map: Vec<MapEntry>,
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

/// A footnote problem found while converting, located in a section's Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteProblem {
    /// What is wrong.
    pub kind: FootnoteProblemKind,
    /// The label as written (lower-cased).
    pub label: String,
    /// Index of the section.
    pub section: usize,
    /// Byte offset of the reference or definition in the section's rendered Markdown.
    pub offset: usize,
    /// For a duplicate: section and offset of the first definition.
    pub first: Option<(usize, usize)>,
}

/// Everything the converter produced.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    /// One typst section per input section, same order.
    pub sections: Vec<TypstSection>,
    /// Footnote problems (undefined and duplicate are errors, unreferenced a warning).
    pub problems: Vec<FootnoteProblem>,
    /// Set when the input is beyond a limit; `sections` is then empty.
    pub exceeded: Option<LimitExceeded>,
}

/// Why the converter stopped: the input is beyond one of the [`crate::limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitExceeded {
    /// Which limit.
    pub kind: LimitKind,
    /// Index of the section where the limit was passed.
    pub section: usize,
    /// Byte offset there, in the section's (tera-rendered) Markdown.
    pub offset: usize,
}

/// The limits the converter enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// Elements nested deeper than [`MAX_NESTING`].
    Nesting,
    /// More than [`MAX_ELEMENTS`] elements in the narrative.
    Elements,
    /// A paragraph (heading, item, cell, line of code) longer than [`MAX_PARAGRAPH_BYTES`].
    Paragraph,
    /// More than [`crate::limits::MAX_FOOTNOTES`] footnote definitions.
    FootnoteDefinitions,
    /// More than [`crate::limits::MAX_FOOTNOTES`] footnote references.
    FootnoteReferences,
}

/// Converts the sections' Markdown (already rendered by tera) into typst markup.
///
/// Input beyond a limit of [`crate::limits`] (nesting depth, number of elements, paragraph
/// length, footnote count) gives no markup: `exceeded` says which limit and where.
pub fn convert(sections: &[&str]) -> Converted {
    convert_with(sections, None)
}

/// What the redline asks of the converter: interpret change marks ([`super::marks`]) and
/// highlight the printings of these fact uses (by use id).
#[derive(Debug, Clone, Default)]
pub struct Marking {
    /// Fact uses whose printed value is highlighted as a changed fact.
    pub highlight: HashSet<usize>,
}

/// Like [`convert`], turning change marks into the redline's mark functions.
pub fn convert_marked(sections: &[&str], marking: &Marking) -> Converted {
    convert_with(sections, Some(marking))
}

fn convert_with(sections: &[&str], marking: Option<&Marking>) -> Converted {
    let notes::Collected { bodies, definitions, mut problems, exceeded } = notes::collect(sections);
    if exceeded.is_some() {
        return Converted { sections: Vec::new(), problems, exceeded };
    }
    let mut writer = Writer {
        out: String::new(),
        map: Vec::new(),
        definitions: &definitions,
        sources: sections,
        emitted: HashSet::new(),
        list_depth: 0,
        items: Vec::new(),
        links: Vec::new(),
        depth: 0,
        elements: 0,
        paragraph: (0, 0, 0),
        exceeded: None,
        in_html_comment: false,
        code: None,
        pending_right_indent: None,
        paragraphs: Vec::new(),
        marking,
        marks: OpenMarks::default(),
        fact_use: None,
        segment: None,
    };
    let mut out = Vec::with_capacity(sections.len());
    for (index, body) in bodies.iter().enumerate() {
        writer.out.clear();
        writer.map.clear();
        writer.depth = 0;
        writer.in_html_comment = false;
        writer.events(index, body);
        if writer.exceeded.is_some() {
            return Converted { sections: Vec::new(), problems, exceeded: writer.exceeded };
        }
        out.push(TypstSection { typst: std::mem::take(&mut writer.out), map: std::mem::take(&mut writer.map) });
    }
    let mut unreferenced: Vec<(&String, &Definition)> =
        definitions.iter().filter(|(_, d)| !writer.emitted.contains(&d.typst_label)).collect();
    unreferenced.sort_by_key(|(_, d)| (d.section, d.offset));
    for (label, d) in unreferenced {
        problems.push(FootnoteProblem {
            kind: FootnoteProblemKind::Unreferenced,
            label: label.clone(),
            section: d.section,
            offset: d.offset,
            first: None,
        });
    }
    Converted { sections: out, problems, exceeded: None }
}

/// Walks events and writes typst markup.
struct Writer<'a> {
    /// Output of the section being written.
    out: String,
    /// Its source map.
    map: Vec<MapEntry>,
    /// All footnote definitions, by lower-case label.
    definitions: &'a HashMap<String, Definition>,
    /// The Markdown of every section (to read list markers as written).
    sources: &'a [&'a str],
    /// Typst labels of the notes already emitted (later references reuse the number).
    emitted: HashSet<String>,
    /// How many lists are open (an item's indentation level).
    list_depth: usize,
    /// How many elements are open (see [`nests`]), notes inside notes included.
    depth: usize,
    /// How many elements have been written (see [`MAX_ELEMENTS`]).
    elements: usize,
    /// The paragraph being written: bytes of text so far, and where it starts (section, offset).
    paragraph: (usize, usize, usize),
    /// Where the input first went beyond a limit; nothing more is written then.
    exceeded: Option<LimitExceeded>,
    /// The list items open, innermost last.
    items: Vec<ItemState>,
    /// For each open link, whether it was written as `#link` (it has a URL).
    links: Vec<bool>,
    /// Inside an HTML comment that spans several HTML events.
    in_html_comment: bool,
    /// Text of a code block being collected.
    code: Option<String>,
    /// Right indent for the next paragraph, from a `<!-- baocao: right-indent=… -->` directive.
    pending_right_indent: Option<String>,
    /// For each open paragraph (notes nest inside paragraphs): was it wrapped for a right indent?
    paragraphs: Vec<bool>,
    /// Change marks are interpreted (redline), with these facts highlighted.
    marking: Option<&'a Marking>,
    /// Change marks open at this point of the output.
    marks: OpenMarks,
    /// The fact use being printed (between its tag and its end marker).
    fact_use: Option<usize>,
    /// The segment of text being written, for [`Writer::end_segment`].
    segment: Option<Segment>,
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
    /// Nothing but text and fact markers was written in it (no change mark opened or closed,
    /// which would straddle the box's brackets).
    plain: bool,
}

impl Writer<'_> {
    fn events(&mut self, section: usize, events: &[(Event<'static>, Range<usize>)]) {
        for (event, range) in events {
            if self.exceeded.is_some() {
                return;
            }
            // text events continue a segment (escapes split text into several); anything else ends it
            if !matches!(event, Event::Text(_)) {
                self.end_segment();
            }
            self.map.push(MapEntry { typst_offset: self.out.len(), section, md_offset: range.start });
            match event {
                Event::Start(tag) if nests(tag) => self.enter(section, range.start),
                Event::End(tag) if nests_end(*tag) => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            self.measure_paragraph(section, event, range.start);
            if matches!(
                event,
                Event::Start(_) | Event::FootnoteReference(_) | Event::Code(_) | Event::HardBreak | Event::Rule
            ) {
                self.elements += 1;
                if self.elements > MAX_ELEMENTS && self.exceeded.is_none() {
                    self.exceeded = Some(LimitExceeded { kind: LimitKind::Elements, section, offset: range.start });
                    return;
                }
            }
            // Marks never straddle structure: closed before a tag, reopened inside an inline
            // one, dropped at the end of a block (so brackets always balance).
            let tag = match event {
                Event::Start(tag) => Some(is_inline(tag)),
                Event::End(tag) => Some(is_inline_end(*tag)),
                _ => None,
            };
            let open = if tag.is_some() { self.marks.close_all(&mut self.out) } else { Vec::new() };
            self.event(section, event, range);
            if tag == Some(true) {
                self.marks.reopen(&mut self.out, open);
            }
        }
    }

    /// Counts the text of the paragraph being written (a heading, item, cell or line of code
    /// counts as one), against [`MAX_PARAGRAPH_BYTES`]; a block's start or end begins a new one.
    fn measure_paragraph(&mut self, section: usize, event: &Event<'static>, offset: usize) {
        match event {
            Event::Start(tag) if is_block(tag) || matches!(tag, Tag::Item | Tag::TableCell) => {
                self.paragraph = (0, section, offset);
            }
            Event::End(tag) if ends_block(*tag) => self.paragraph = (0, section, offset),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let longest = if self.code.is_some() { t.split('\n').map(str::len).max().unwrap_or(0) } else { t.len() };
                self.paragraph.0 += longest;
                if self.paragraph.0 > MAX_PARAGRAPH_BYTES && self.exceeded.is_none() {
                    let (_, section, offset) = self.paragraph;
                    self.exceeded = Some(LimitExceeded { kind: LimitKind::Paragraph, section, offset });
                }
                if self.code.is_some() || t.ends_with('\n') {
                    self.paragraph.0 = 0;
                }
            }
            _ => {}
        }
    }

    /// Opens one level of nesting; past [`MAX_NESTING`] records where and stops the writer.
    fn enter(&mut self, section: usize, offset: usize) {
        self.depth += 1;
        if self.depth > MAX_NESTING && self.exceeded.is_none() {
            self.exceeded = Some(LimitExceeded { kind: LimitKind::Nesting, section, offset });
        }
    }

    fn event(&mut self, section: usize, event: &Event<'static>, range: &Range<usize>) {
        if let Some(code) = self.code.as_mut() {
            match event {
                Event::Text(t) => code.push_str(&fact_uses::strip(t)),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code.take().unwrap_or_default();
                    self.out.push_str("#raw(block: true, ");
                    self.out.push_str(&typst_string(code.strip_suffix('\n').unwrap_or(&code)));
                    self.out.push_str(")\n\n");
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(section, tag, range),
            Event::End(tag) => self.end(*tag),
            Event::Text(t) => self.text(t),
            Event::Code(t) => {
                self.out.push_str("#raw(");
                self.out.push_str(&typst_string(&fact_uses::strip(t)));
                self.out.push(')');
            }
            Event::Html(t) | Event::InlineHtml(t) => self.html(t),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("#linebreak()\n"),
            Event::Rule => {
                self.before_block(false);
                self.out.push_str("#line(length: 100%, stroke: 0.5pt)\n\n");
            }
            Event::FootnoteReference(label) => self.footnote_reference(section, label, range.start),
            Event::InlineMath(t) | Event::DisplayMath(t) => push_typst_markup(&mut self.out, t),
            Event::TaskListMarker(done) => self.out.push_str(if *done { "☒ " } else { "☐ " }),
        }
    }

    fn start(&mut self, section: usize, tag: &Tag<'static>, range: &Range<usize>) {
        if is_block(tag) {
            self.before_block(matches!(tag, Tag::Paragraph));
        }
        match tag {
            Tag::Paragraph => {
                let indent = self.pending_right_indent.take();
                if let Some(indent) = &indent {
                    // a negative right indent widens the paragraph, as Word's paragraph indents do
                    self.out.push_str(&format!("#pad(right: {indent}, par["));
                }
                self.paragraphs.push(indent.is_some());
            }
            Tag::Heading { level, .. } => {
                self.out.push_str(&format!("#heading(level: {})[", *level as usize));
            }
            Tag::BlockQuote(_) => self.out.push_str("#quote(block: true)["),
            Tag::CodeBlock(_) => self.code = Some(String::new()),
            Tag::List(_) => self.list_depth += 1,
            Tag::Item => {
                let marker = list_marker(self.sources.get(section).copied().unwrap_or(""), range.start);
                self.out.push_str("#bc-item(");
                self.out.push_str(&typst_string(&marker));
                self.out.push_str(&format!(", depth: {})[", self.list_depth));
                self.items.push(ItemState { open: true, blocks: 0 });
            }
            Tag::Table(aligns) => self.out.push_str(&format!("#table(columns: {}, ", aligns.len().max(1))),
            Tag::TableHead => self.out.push_str("table.header("),
            Tag::TableRow => {}
            Tag::TableCell => self.out.push('['),
            Tag::Emphasis => self.out.push_str("#emph["),
            Tag::Strong => self.out.push_str("#strong["),
            Tag::Strikethrough => self.out.push_str("#strike["),
            // typst refuses an empty URL (`[text]()`): the text alone is printed then
            Tag::Link { dest_url, .. } => {
                let url = fact_uses::strip(dest_url);
                let linked = !url.is_empty();
                if linked {
                    self.out.push_str("#link(");
                    self.out.push_str(&typst_string(&url));
                    self.out.push_str(")[");
                }
                self.links.push(linked);
            }
            // An image's alt text is printed; no file is ever read from content.
            Tag::Image { .. } => {}
            Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_)
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.trim_end();
                if self.paragraphs.pop().unwrap_or(false) {
                    self.out.push_str("])");
                }
                self.out.push_str("\n\n");
            }
            TagEnd::Heading(_) | TagEnd::BlockQuote(_) => {
                self.trim_end();
                self.out.push_str("]\n\n");
            }
            TagEnd::Item => {
                if self.items.pop().is_some_and(|item| item.open) {
                    self.trim_end();
                    self.out.push_str("]\n\n");
                }
            }
            TagEnd::List(_) => self.list_depth = self.list_depth.saturating_sub(1),
            TagEnd::Table => {
                self.trim_end();
                self.out.push_str(")\n\n");
            }
            TagEnd::TableHead => self.out.push_str("), "),
            TagEnd::TableCell => {
                self.trim_end();
                self.out.push_str("], ");
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.out.push(']'),
            TagEnd::Link => {
                if self.links.pop().unwrap_or(false) {
                    self.out.push(']');
                }
            }
            _ => {}
        }
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

    /// HTML is printed as text, except comments (`<!-- … -->`), which are dropped: they carry
    /// notes for editors and `check` directives.
    fn html(&mut self, text: &str) {
        let mut rest = text;
        let mut visible = String::new();
        loop {
            if self.in_html_comment {
                match rest.find("-->") {
                    Some(end) => {
                        self.directive(&rest[..end]);
                        rest = &rest[end + 3..];
                        self.in_html_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        visible.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        self.in_html_comment = true;
                    }
                    None => {
                        visible.push_str(rest);
                        break;
                    }
                }
            }
        }
        if !visible.trim().is_empty() {
            push_typst_markup(&mut self.out, &fact_uses::strip(&visible));
        }
    }

    /// A layout directive in a comment: `<!-- baocao: right-indent=-2.8mm -->` sets the right
    /// indent of the next paragraph (a length in mm, cm or pt; negative widens it). Anything
    /// else in a comment is ignored.
    fn directive(&mut self, comment: &str) {
        let Some(rest) = comment.trim().strip_prefix("baocao:") else { return };
        for item in rest.split_whitespace() {
            if let Some(value) = item.strip_prefix("right-indent=")
                && is_length(value)
            {
                self.pending_right_indent = Some(value.to_string());
            }
        }
    }

    /// Text, with each fact's printing followed by an invisible `#metadata(N)<bc-fact>` marker
    /// (and, when marking, change marks turned into mark functions). The marker goes *after*
    /// the value: one before it would follow a space, where typst may break the line, and could
    /// end up on the previous line, even the previous page.
    fn text(&mut self, text: &str) {
        for piece in fact_uses::pieces(text) {
            match piece {
                Piece::Text(part) => self.plain(part),
                Piece::Use(id) => {
                    self.fact_use = Some(id);
                    if self.marking.is_some_and(|m| m.highlight.contains(&id)) {
                        self.unbox_segment();
                        self.marks.open(&mut self.out, Mark::Fact);
                    }
                }
                Piece::End => {
                    if self.marking.is_some() {
                        self.unbox_segment();
                    }
                    self.marks.close(&mut self.out, Mark::Fact);
                    if let Some(id) = self.fact_use.take() {
                        self.out.push_str(&format!("#metadata({id})<{}>", fact_uses::LABEL));
                    }
                }
            }
        }
    }

    fn plain(&mut self, text: &str) {
        let mut rest = text;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| c.is_whitespace() || *c == '-' || *c == '/' || Mark::of(*c).is_some()) {
            self.segment_text(&rest[..at]);
            let after = &rest[at + c.len_utf8()..];
            match Mark::of(c) {
                Some(_) if self.marking.is_none() => {}
                Some((mark, open)) => {
                    self.unbox_segment();
                    if open { self.marks.open(&mut self.out, mark) } else { self.marks.close(&mut self.out, mark) }
                }
                None if c.is_whitespace() => {
                    self.end_segment();
                    // a run of spaces at once: the escape keeps runs as written
                    let run = rest[at..].find(|c: char| !c.is_whitespace()).map_or(rest.len(), |n| at + n);
                    push_typst_markup(&mut self.out, &rest[at..run]);
                    rest = &rest[run..];
                    continue;
                }
                None => {
                    self.segment_text(&rest[at..at + c.len_utf8()]);
                    if let Some(segment) = self.segment.as_mut() {
                        segment.slash |= c == '/';
                    }
                    if c == '-' {
                        self.end_segment();
                    }
                }
            }
            rest = after;
        }
        self.segment_text(rest);
    }

    /// A change mark opens or closes in the current segment: it is not boxed (the mark's
    /// brackets would straddle the box's).
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

    /// Ends the current segment: one holding a slash is wrapped in `#box[…]` (see [`Segment`]).
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

    fn footnote_reference(&mut self, section: usize, label: &str, offset: usize) {
        let Some(def) = self.definitions.get(&label.to_lowercase()) else {
            // unreachable for parsed references (stubs exist only for defined labels); print as written
            push_typst_markup(&mut self.out, &format!("[^{label}]"));
            return;
        };
        let open = self.marks.close_all(&mut self.out);
        if !self.emitted.insert(def.typst_label.clone()) {
            self.out.push_str(&format!("#footnote(<{}>)", def.typst_label));
        } else {
            // the note's body is written here, inside the text that references it: one level deeper
            self.enter(section, offset);
            if self.exceeded.is_some() {
                return;
            }
            self.out.push_str("#footnote[");
            // the note is a paragraph of its own; the text around the reference goes on after it
            // (and not a block of the list item around the reference)
            let around = self.paragraph;
            let items = std::mem::take(&mut self.items);
            self.events(def.section, &def.events);
            self.items = items;
            self.paragraph = around;
            self.marks.close_all(&mut self.out);
            self.trim_end();
            self.out.push_str(&format!("]<{}>", def.typst_label));
            self.depth -= 1;
        }
        self.marks.reopen(&mut self.out, open);
    }

    fn trim_end(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\n']).len();
        // never cut an escaped space (`\ `)
        let keep = if trimmed > 0 && self.out[..trimmed].ends_with('\\') { trimmed + 1 } else { trimmed };
        self.out.truncate(keep.min(self.out.len()));
    }
}

/// A list item being written.
struct ItemState {
    /// Its `bc-item[…]` paragraph is still open.
    open: bool,
    /// How many blocks it has started.
    blocks: usize,
}

#[cfg(test)]
mod tests;
