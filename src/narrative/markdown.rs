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

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Options, Tag, TagEnd};

use super::escape::{push_typst_markup, typst_string};
use crate::limits::{MAX_ELEMENTS, MAX_NESTING, MAX_PARAGRAPH_BYTES};
use notes::Definition;

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
}

impl Writer<'_> {
    fn events(&mut self, section: usize, events: &[(Event<'static>, Range<usize>)]) {
        for (event, range) in events {
            if self.exceeded.is_some() {
                return;
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
            self.event(section, event, range);
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
                Event::Text(t) => code.push_str(t),
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
            Event::Text(t) => push_typst_markup(&mut self.out, t),
            Event::Code(t) => {
                self.out.push_str("#raw(");
                self.out.push_str(&typst_string(t));
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
            Tag::Paragraph => {}
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
                let linked = !dest_url.is_empty();
                if linked {
                    self.out.push_str("#link(");
                    self.out.push_str(&typst_string(dest_url));
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
            push_typst_markup(&mut self.out, &visible);
        }
    }

    fn footnote_reference(&mut self, section: usize, label: &str, offset: usize) {
        let Some(def) = self.definitions.get(&label.to_lowercase()) else {
            // unreachable for parsed references (stubs exist only for defined labels); print as written
            push_typst_markup(&mut self.out, &format!("[^{label}]"));
            return;
        };
        if !self.emitted.insert(def.typst_label.clone()) {
            self.out.push_str(&format!("#footnote(<{}>)", def.typst_label));
            return;
        }
        // the note's body is written here, inside the text that references it: one level deeper
        self.enter(section, offset);
        if self.exceeded.is_some() {
            return;
        }
        self.out.push_str("#footnote[");
        // the note is a paragraph of its own; the text around the reference goes on after it
        let around = self.paragraph;
        self.events(def.section, &def.events);
        self.paragraph = around;
        self.trim_end();
        self.out.push_str(&format!("]<{}>", def.typst_label));
        self.depth -= 1;
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

/// Whether a tag starts a block (which cannot sit inside a list item's paragraph).
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
    )
}

/// Whether an end tag ends a block, a list item or a table cell (a paragraph of its own).
fn ends_block(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
    )
}

/// Whether a tag opens an element that nests in the typst output (a content block or an
/// argument list), counted against [`MAX_NESTING`]. Paragraphs, lists (their items count),
/// table rows and images write no nesting of their own.
fn nests(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::Item
            | Tag::Heading { .. }
            | Tag::Table(_)
            | Tag::TableCell
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
    )
}

/// The end tag of an element that [`nests`].
fn nests_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::Item
            | TagEnd::Heading(_)
            | TagEnd::Table
            | TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
    )
}

/// The list marker as written in the source at a list item's start (`-`, `+`, `*`, `1.`, `2)`).
fn list_marker(source: &str, offset: usize) -> String {
    let rest = source.get(offset..).unwrap_or("").trim_start_matches([' ', '\t']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        rest.chars().next().filter(|c| matches!(c, '-' | '+' | '*')).unwrap_or('-').to_string()
    } else {
        let delimiter = rest[digits.len()..].chars().next().unwrap_or('.');
        format!("{digits}{delimiter}")
    }
}

#[cfg(test)]
mod tests;
