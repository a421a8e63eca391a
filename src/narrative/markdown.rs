//! Markdown → typst markup, our own converter.
//!
//! Every text run is escaped ([`super::escape`]), so no content can become typst code; structure
//! is emitted as calls to typst functions (`#heading`, `#footnote`, and the template's `#bc-item`).
//!
//! Footnotes are document-wide: a note defined in one section may be referenced from another
//! (note 1 of the report is). The converter therefore works on all sections at once:
//!
//! 1. a text scan finds which labels each section defines and references;
//! 2. each section is parsed once (pulldown-cmark, footnotes and tables, *no* smart punctuation),
//!    with stub definitions appended for labels defined in other sections, so references to them
//!    are recognised; definitions are set aside;
//! 3. the writer walks the events; at a note's first reference it emits `#footnote[body]<fn-N>`,
//!    at later ones `#footnote(<fn-N>)` (same number, no new note), so notes are numbered by
//!    first reference, and a note may reference another.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::escape::{push_typst_markup, typst_string};
use super::fact_uses::{self, Piece};
use super::marks::{Mark, OpenMarks};

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
}

/// Parser events with their byte ranges in the section's Markdown.
pub(crate) type Events = Vec<(Event<'static>, Range<usize>)>;

struct Definition {
    section: usize,
    offset: usize,
    events: Events,
    typst_label: String,
}

/// Converts the sections' Markdown (already rendered by tera) into typst markup.
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

/// A footnote definition as parsed: where it is and its events.
pub(crate) struct ParsedDefinition {
    /// Index of the section holding it.
    pub section: usize,
    /// The label as written.
    pub label: String,
    /// Byte offset of `[^label]:` in the section's Markdown.
    pub offset: usize,
    /// The note's events (offsets in the section's Markdown).
    pub events: Events,
}

/// Every section parsed once (see the module documentation, steps 1 and 2).
pub(crate) struct Parsed {
    scans: Vec<Scan>,
    /// Each section's events without its footnote definitions.
    pub bodies: Vec<Events>,
    /// The footnote definitions of all sections, in order (duplicates included).
    pub definitions: Vec<ParsedDefinition>,
}

/// Parses every section, recognising references to notes defined in other sections.
pub(crate) fn parse_sections(sections: &[&str]) -> Parsed {
    let scans: Vec<Scan> = sections.iter().map(|md| scan(md)).collect();
    let defined_anywhere: HashSet<&str> = scans.iter().flat_map(|s| s.defined.iter().map(|(l, _)| l.as_str())).collect();
    let mut bodies = Vec::with_capacity(sections.len());
    let mut definitions = Vec::new();
    for (index, md) in sections.iter().enumerate() {
        let local: HashSet<&str> = scans[index].defined.iter().map(|(l, _)| l.as_str()).collect();
        let mut source = md.to_string();
        let stubs: Vec<&str> = scans[index]
            .referenced
            .iter()
            .map(|(l, _)| l.as_str())
            .filter(|l| !local.contains(l) && defined_anywhere.contains(l))
            .collect();
        append_stubs(&mut source, stubs);
        let (body, defs) = parse(&source, md.len());
        definitions.extend(
            defs.into_iter().map(|(label, offset, events)| ParsedDefinition { section: index, label, offset, events }),
        );
        bodies.push(body);
    }
    Parsed { scans, bodies, definitions }
}

fn convert_with(sections: &[&str], marking: Option<&Marking>) -> Converted {
    let Parsed { scans, bodies, definitions: parsed } = parse_sections(sections);
    let defined_anywhere: HashSet<&str> = scans.iter().flat_map(|s| s.defined.iter().map(|(l, _)| l.as_str())).collect();

    let mut problems = Vec::new();
    let mut definitions: HashMap<String, Definition> = HashMap::new();
    for ParsedDefinition { section, label, offset, events } in parsed {
        let key = label.to_lowercase();
        if let Some(first) = definitions.get(&key) {
            problems.push(FootnoteProblem {
                kind: FootnoteProblemKind::Duplicate,
                label,
                section,
                offset,
                first: Some((first.section, first.offset)),
            });
            continue;
        }
        let typst_label = format!("fn-{}", definitions.len() + 1);
        definitions.insert(key, Definition { section, offset, events, typst_label });
    }
    for (index, scan) in scans.iter().enumerate() {
        for (label, offset) in &scan.referenced {
            if !defined_anywhere.contains(label.as_str()) {
                problems.push(FootnoteProblem {
                    kind: FootnoteProblemKind::Undefined,
                    label: label.clone(),
                    section: index,
                    offset: *offset,
                    first: None,
                });
            }
        }
    }

    let mut writer = Writer {
        out: String::new(),
        map: Vec::new(),
        definitions: &definitions,
        sources: sections,
        emitted: HashSet::new(),
        list_depth: 0,
        in_html_comment: false,
        code: None,
        pending_right_indent: None,
        paragraphs: Vec::new(),
        marking,
        marks: OpenMarks::default(),
    };
    let mut out = Vec::with_capacity(sections.len());
    for (index, body) in bodies.iter().enumerate() {
        writer.out.clear();
        writer.map.clear();
        writer.events(index, body);
        out.push(TypstSection { typst: std::mem::take(&mut writer.out), map: std::mem::take(&mut writer.map) });
    }
    let mut unreferenced: Vec<&Definition> =
        definitions.values().filter(|d| !writer.emitted.contains(&d.typst_label)).collect();
    unreferenced.sort_by_key(|d| (d.section, d.offset));
    for d in unreferenced {
        let label = definitions.iter().find(|(_, v)| std::ptr::eq(*v, d)).map(|(k, _)| k.clone()).unwrap_or_default();
        problems.push(FootnoteProblem {
            kind: FootnoteProblemKind::Unreferenced,
            label,
            section: d.section,
            offset: d.offset,
            first: None,
        });
    }
    Converted { sections: out, problems }
}

/// Appends a stub definition for each label (sorted, once each), so pulldown-cmark reads
/// references to notes defined in other sections as references; stubs are never printed.
pub(crate) fn append_stubs(source: &mut String, mut labels: Vec<&str>) {
    labels.sort_unstable();
    labels.dedup();
    for label in labels {
        source.push_str("\n\n[^");
        source.push_str(label);
        source.push_str("]: stub\n");
    }
}

/// Footnote labels a section defines and references, found by scanning its text.
#[derive(Default)]
pub(crate) struct Scan {
    /// Labels defined (`[^x]:` at a line start), lower-cased, with their byte offsets.
    pub(crate) defined: Vec<(String, usize)>,
    /// Labels referenced (`[^x]` elsewhere), lower-cased, with their byte offsets.
    pub(crate) referenced: Vec<(String, usize)>,
}

/// Finds the footnote labels a section's Markdown defines and references.
pub(crate) fn scan(md: &str) -> Scan {
    let mut result = Scan::default();
    let bytes = md.as_bytes();
    let mut i = 0;
    while let Some(pos) = md[i..].find("[^") {
        let start = i + pos;
        i = start + 2;
        let escaped = start > 0 && bytes[start - 1] == b'\\';
        let Some(len) = md[i..].find(|c: char| c == ']' || c == '[' || c.is_whitespace()) else { break };
        if len == 0 || bytes[i + len] != b']' || escaped {
            continue;
        }
        let label = md[i..i + len].to_lowercase();
        let line_start = md[..start].rfind('\n').map_or(0, |p| p + 1);
        let at_line_start = md[line_start..start].chars().all(|c| c == ' ') && start - line_start <= 3;
        if at_line_start && md[i + len + 1..].starts_with(':') {
            result.defined.push((label, start));
        } else {
            result.referenced.push((label, start));
        }
        i += len + 1;
    }
    result
}

/// Parses one section: the body events, and the footnote definitions found before `limit`
/// (those at or after it are the stubs we appended).
fn parse(source: &str, limit: usize) -> (Events, Vec<(String, usize, Events)>) {
    let mut body = Vec::new();
    let mut defs = Vec::new();
    let mut current: Option<(String, usize, Events, usize)> = None; // label, offset, events, depth
    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        let event = event.into_static();
        if let Some((_, _, events, depth)) = current.as_mut() {
            match &event {
                Event::Start(Tag::FootnoteDefinition(_)) => *depth += 1,
                Event::End(TagEnd::FootnoteDefinition) if *depth == 0 => {
                    let (label, offset, events, _) = current.take().expect("inside a definition");
                    if offset < limit {
                        defs.push((label, offset, events));
                    }
                    continue;
                }
                Event::End(TagEnd::FootnoteDefinition) => *depth -= 1,
                _ => {}
            }
            events.push((event, range));
            continue;
        }
        if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
            current = Some((label.to_string(), range.start, Vec::new(), 0));
            continue;
        }
        body.push((event, range));
    }
    (body, defs)
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
}

impl Writer<'_> {
    fn events(&mut self, section: usize, events: &[(Event<'static>, Range<usize>)]) {
        for (event, range) in events {
            // Marks never straddle structure: closed before a tag, reopened inside an inline
            // one, dropped at the end of a block (so brackets always balance).
            let tag = match event {
                Event::Start(tag) => Some(is_inline(tag)),
                Event::End(tag) => Some(is_inline_end(*tag)),
                _ => None,
            };
            let open = if tag.is_some() { self.marks.close_all(&mut self.out) } else { Vec::new() };
            self.map.push(MapEntry { typst_offset: self.out.len(), section, md_offset: range.start });
            self.event(section, event, range);
            if tag == Some(true) {
                self.marks.reopen(&mut self.out, open);
            }
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
            Event::Rule => self.out.push_str("#line(length: 100%, stroke: 0.5pt)\n\n"),
            Event::FootnoteReference(label) => self.footnote_reference(label),
            Event::InlineMath(t) | Event::DisplayMath(t) => push_typst_markup(&mut self.out, t),
            Event::TaskListMarker(done) => self.out.push_str(if *done { "☒ " } else { "☐ " }),
        }
    }

    fn start(&mut self, section: usize, tag: &Tag<'static>, range: &Range<usize>) {
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
            }
            Tag::Table(aligns) => self.out.push_str(&format!("#table(columns: {}, ", aligns.len().max(1))),
            Tag::TableHead => self.out.push_str("table.header("),
            Tag::TableRow => {}
            Tag::TableCell => self.out.push('['),
            Tag::Emphasis => self.out.push_str("#emph["),
            Tag::Strong => self.out.push_str("#strong["),
            Tag::Strikethrough => self.out.push_str("#strike["),
            Tag::Link { dest_url, .. } => {
                self.out.push_str("#link(");
                self.out.push_str(&typst_string(&fact_uses::strip(dest_url)));
                self.out.push_str(")[");
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
            TagEnd::Heading(_) | TagEnd::BlockQuote(_) | TagEnd::Item => {
                self.trim_end();
                self.out.push_str("]\n\n");
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
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => self.out.push(']'),
            _ => {}
        }
    }

    /// Text, with fact tags turned into invisible `#metadata(N)<bc-fact>` markers (and, when
    /// marking, change marks into mark functions).
    fn text(&mut self, text: &str) {
        for piece in fact_uses::pieces(text) {
            match piece {
                Piece::Text(part) => self.plain(part),
                Piece::Use(id) => {
                    self.out.push_str(&format!("#metadata({id})<{}>", fact_uses::LABEL));
                    if self.marking.is_some_and(|m| m.highlight.contains(&id)) {
                        self.marks.open(&mut self.out, Mark::Fact);
                    }
                }
                Piece::End => self.marks.close(&mut self.out, Mark::Fact),
            }
        }
    }

    fn plain(&mut self, text: &str) {
        if self.marking.is_none() {
            push_typst_markup(&mut self.out, text);
            return;
        }
        let mut rest = text;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| Mark::of(*c).is_some()) {
            push_typst_markup(&mut self.out, &rest[..at]);
            match Mark::of(c) {
                Some((mark, true)) => self.marks.open(&mut self.out, mark),
                Some((mark, false)) => self.marks.close(&mut self.out, mark),
                None => {}
            }
            rest = &rest[at + c.len_utf8()..];
        }
        push_typst_markup(&mut self.out, rest);
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

    fn footnote_reference(&mut self, label: &str) {
        let Some(def) = self.definitions.get(&label.to_lowercase()) else {
            // unreachable for parsed references (stubs exist only for defined labels); print as written
            push_typst_markup(&mut self.out, &format!("[^{label}]"));
            return;
        };
        let open = self.marks.close_all(&mut self.out);
        if !self.emitted.insert(def.typst_label.clone()) {
            self.out.push_str(&format!("#footnote(<{}>)", def.typst_label));
        } else {
            self.out.push_str("#footnote[");
            let (section, events) = (def.section, &def.events);
            self.events(section, events);
            self.marks.close_all(&mut self.out);
            self.trim_end();
            self.out.push_str(&format!("]<{}>", def.typst_label));
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

/// A typst length we accept from content: an optional minus, digits, an optional fraction, a unit.
fn is_length(value: &str) -> bool {
    let number = ["mm", "cm", "pt"].iter().find_map(|unit| value.strip_suffix(unit));
    let Some(number) = number else { return false };
    let digits = number.strip_prefix('-').unwrap_or(number);
    let mut parts = digits.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty() && int.len() <= 3 && int.bytes().all(|b| b.is_ascii_digit()) && frac.is_none_or(|f| !f.is_empty() && f.len() <= 3 && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a tag is inline (marks reopen inside it) rather than a block (marks end with it).
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. } | Tag::Superscript | Tag::Subscript
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image | TagEnd::Superscript | TagEnd::Subscript
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
