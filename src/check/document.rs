//! The text `check` reads, with a way back to the place a person edits.
//!
//! Each section is rendered by tera one `{{ … }}` expression at a time, so that every byte of the
//! rendered Markdown maps back to a byte of the section file (text outside expressions maps
//! exactly; a printed value maps to its whole expression). The rendered Markdown is then parsed
//! with the converter's options into blocks (headings, paragraphs, list items, table cells,
//! footnote paragraphs) holding their visible text, for the heading, typography and glyph checks.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Location};
use crate::narrative::{self, markdown};
use crate::project::{Project, SourceFile};

/// Stands in the visible text for a footnote reference or a code span: neither a letter, a space
/// nor punctuation, so the text checks step over it.
pub(crate) const PLACEHOLDER: char = '\u{FFFC}';

/// What kind of tera tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagKind {
    /// `{{ … }}`: prints a value.
    Expression,
    /// `{% … %}`: a statement (if, for, set).
    Statement,
    /// `{# … #}`: a comment, removed.
    Comment,
}

/// A tera tag in a section's source.
#[derive(Debug, Clone)]
pub(crate) struct TeraTag {
    /// Which kind.
    pub kind: TagKind,
    /// The whole tag, delimiters included, as a byte range of the section.
    pub range: Range<usize>,
    /// Between the delimiters (and whitespace-control dashes).
    pub inner: Range<usize>,
    trim_before: bool,
    trim_after: bool,
}

/// The tera tags of a text, in order. An unclosed tag runs to the end of the text.
pub(crate) fn tera_tags(text: &str) -> Vec<TeraTag> {
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let start = from + i;
        let (kind, close) = match text.as_bytes().get(start + 1) {
            Some(b'{') => (TagKind::Expression, "}}"),
            Some(b'%') => (TagKind::Statement, "%}"),
            Some(b'#') => (TagKind::Comment, "#}"),
            _ => {
                from = start + 1;
                continue;
            }
        };
        let body = start + 2;
        // an unclosed tag has no closing delimiter to leave out of its inside
        let (end, inner_end) = text[body..].find(close).map_or((text.len(), text.len()), |j| (body + j + 2, body + j));
        let trim_before = text[body..].starts_with('-');
        let inner_start = if trim_before { body + 1 } else { body };
        let inner_end = inner_end.max(inner_start);
        let trim_after = inner_end > inner_start && text[..inner_end].ends_with('-');
        let inner_end = if trim_after { inner_end - 1 } else { inner_end };
        tags.push(TeraTag { kind, range: start..end, inner: inner_start..inner_end, trim_before, trim_after });
        from = end;
    }
    tags
}

/// A stretch of rendered Markdown and the source it came from.
#[derive(Debug, Clone, Copy)]
struct Piece {
    rendered: usize,
    source: usize,
    source_len: usize,
    /// Literal text: byte `k` of the piece is byte `k` of the source. Otherwise (a printed value)
    /// every byte maps to the whole source range.
    literal: bool,
}

/// One section after tera, with the map back to its file.
pub(crate) struct RenderedSection<'p> {
    /// The section file.
    pub file: &'p SourceFile,
    /// Its Markdown with the facts printed.
    pub markdown: String,
    /// The tera tags of the source.
    pub tags: Vec<TeraTag>,
    pieces: Vec<Piece>,
}

/// What went wrong while printing a section's facts.
pub(crate) enum RenderProblem {
    /// One expression failed (tag index into [`RenderedSection::tags`]).
    Expression(usize, tera::Error),
    /// The whole section failed (sections with `{% %}` statements are rendered whole).
    Section(Diagnostic),
}

impl<'p> RenderedSection<'p> {
    /// Renders a section. Without `{% %}` statements each expression is rendered on its own, so
    /// every failing expression is found; with statements the section is rendered whole and the
    /// map back to the source is by line only.
    pub(crate) fn render(file: &'p SourceFile, context: &tera::Context) -> (Self, Vec<RenderProblem>) {
        let tags = tera_tags(&file.text);
        // statements, functions and other filters are refused before tera runs, as in a build
        if let Some(d) = narrative::guard::check(file) {
            return (RenderedSection { file, markdown: String::new(), tags, pieces: Vec::new() }, vec![RenderProblem::Section(d)]);
        }
        let tera = narrative::section_tera();
        let mut problems = Vec::new();
        let mut out = String::with_capacity(file.text.len());
        let mut pieces = Vec::new();
        let mut from = 0;
        let mut skip_space = false;
        for (index, tag) in tags.iter().enumerate() {
            let mut literal = &file.text[from..tag.range.start];
            let mut source = from;
            if skip_space {
                let trimmed = literal.trim_start();
                source += literal.len() - trimmed.len();
                literal = trimmed;
            }
            if tag.trim_before {
                literal = literal.trim_end();
            }
            push_piece(&mut out, &mut pieces, literal, source, literal.len(), true);
            skip_space = tag.trim_after;
            from = tag.range.end;
            // an unclosed `{#` is a syntax error for tera (and so for the build), not a comment
            let unclosed_comment =
                tag.kind == TagKind::Comment && (tag.range.len() < 4 || !file.text[tag.range.clone()].ends_with("#}"));
            if tag.kind != TagKind::Expression && !unclosed_comment {
                continue;
            }
            // one-off: a template added per expression made tera re-check all the earlier ones
            // each time (quadratic in a section's expressions); autoescape as for `*.md`
            let template = &file.text[tag.range.clone()];
            let value = match tera.render_str(template, context, true) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(RenderProblem::Expression(index, e));
                    // something printed, so the text around reads as it will once fixed
                    "…".to_string()
                }
            };
            push_piece(&mut out, &mut pieces, &value, tag.range.start, tag.range.len(), false);
        }
        let mut literal = &file.text[from..];
        let mut source = from;
        if skip_space {
            let trimmed = literal.trim_start();
            source += literal.len() - trimmed.len();
            literal = trimmed;
        }
        push_piece(&mut out, &mut pieces, literal, source, literal.len(), true);
        (RenderedSection { file, markdown: out, tags, pieces }, problems)
    }

    fn piece(&self, rendered: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.rendered <= rendered).checked_sub(1)?;
        self.pieces.get(i)
    }

    /// The source byte that produced rendered byte `offset`.
    pub(crate) fn source_offset(&self, offset: usize) -> usize {
        match self.piece(offset) {
            Some(p) if p.literal => p.source + (offset - p.rendered),
            Some(p) => p.source,
            None => 0,
        }
    }

    /// The source byte just after the one that produced the rendered byte before `end`.
    fn source_end(&self, end: usize) -> usize {
        match self.piece(end.saturating_sub(1)) {
            Some(p) if p.literal => p.source + (end - p.rendered),
            Some(p) => p.source + p.source_len,
            None => 0,
        }
    }

    /// The place in the section file of the rendered byte range `range`.
    pub(crate) fn location(&self, range: Range<usize>) -> Location {
        let text = &self.file.text;
        let start = self.source_offset(range.start).min(text.len());
        let end = if range.end > range.start { self.source_end(range.end).min(text.len()) } else { start };
        Location::from_offset(&self.file.path, text, start, end.saturating_sub(start))
    }
}

fn push_piece(out: &mut String, pieces: &mut Vec<Piece>, text: &str, source: usize, source_len: usize, literal: bool) {
    if text.is_empty() && literal {
        return;
    }
    pieces.push(Piece { rendered: out.len(), source, source_len, literal });
    out.push_str(text);
}

/// Renders every section of the project for checking.
pub(crate) fn render_sections<'p>(project: &'p Project) -> (Vec<RenderedSection<'p>>, Vec<(usize, RenderProblem)>) {
    let context = project.facts.context();
    let mut sections = Vec::with_capacity(project.sections.len());
    let mut problems = Vec::new();
    for (index, file) in project.sections.iter().enumerate() {
        let (section, found) = RenderedSection::render(file, &context);
        problems.extend(found.into_iter().map(|p| (index, p)));
        sections.push(section);
    }
    (sections, problems)
}

/// The kind of Markdown block a piece of visible text sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// `#` … `######`, with its level 1–6.
    Heading(u8),
    /// A paragraph (also the paragraphs of list items and footnotes).
    Paragraph,
    /// A list item's text when it is not wrapped in a paragraph (a tight list).
    Item,
    /// A table cell.
    TableCell,
}

/// The visible text of one block, and where each part of it came from.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Index of the section.
    pub section: usize,
    /// Heading, paragraph, item or cell.
    pub kind: BlockKind,
    /// Inside a footnote definition.
    pub in_footnote: bool,
    /// Inside a list item.
    pub in_item: bool,
    /// The text as a reader sees it; footnote references and code spans are [`PLACEHOLDER`]s.
    pub text: String,
    /// Byte offsets in `text` of the placeholders.
    pub placeholders: Vec<usize>,
    /// The bold run the block starts with (`**2.2.2. Công tác y tế:** …`), as a range of `text`.
    pub lead_strong: Option<Range<usize>>,
    /// (text offset, rendered offset, exact): text from `text offset` on came from the rendered
    /// Markdown at `rendered offset`, byte for byte when `exact`.
    segments: Vec<(usize, usize, bool)>,
}

impl Block {
    fn new(section: usize, kind: BlockKind, in_footnote: bool, in_item: bool) -> Block {
        Block {
            section,
            kind,
            in_footnote,
            in_item,
            text: String::new(),
            placeholders: Vec::new(),
            lead_strong: None,
            segments: Vec::new(),
        }
    }

    fn push(&mut self, text: &str, rendered: usize, exact: bool) {
        self.segments.push((self.text.len(), rendered, exact));
        self.text.push_str(text);
    }

    fn push_placeholder(&mut self, rendered: usize) {
        self.placeholders.push(self.text.len());
        self.push(PLACEHOLDER.encode_utf8(&mut [0; 4]), rendered, false);
    }

    /// The rendered-Markdown byte of text byte `offset`.
    fn rendered(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.0 <= offset).saturating_sub(1);
        match self.segments.get(i) {
            Some(&(text, rendered, true)) => rendered + (offset - text),
            Some(&(_, rendered, false)) => rendered,
            None => 0,
        }
    }

    /// The place in the section file of the text byte range `range` of this block.
    pub(crate) fn location(&self, sections: &[RenderedSection], range: Range<usize>) -> Location {
        let section = &sections[self.section];
        let start = self.rendered(range.start);
        let end = match self.text[range.clone()].chars().next_back() {
            Some(last) => {
                let last_start = range.end - last.len_utf8();
                let r = self.rendered(last_start);
                let exact = self.segments.get(self.segments.partition_point(|s| s.0 <= last_start).saturating_sub(1));
                if exact.is_some_and(|s| s.2) { r + last.len_utf8() } else { r + 1 }
            }
            None => start,
        };
        section.location(start..end.max(start))
    }
}

/// The blocks of visible text of a rendered section.
pub(crate) fn blocks(index: usize, section: &RenderedSection) -> Vec<Block> {
    let md = &section.markdown;
    // Notes defined in other sections: stub definitions make their references parse as
    // references, as the converter does.
    let scan = markdown::scan(md);
    let mut source = md.clone();
    let stubs: Vec<&str> = scan
        .referenced
        .iter()
        .map(|(l, _)| l.as_str())
        .filter(|l| !scan.defined.iter().any(|(d, _)| d == l))
        .collect();
    crate::narrative::markdown::append_stubs(&mut source, stubs);
    let mut walker = Walker { index, blocks: Vec::new(), current: None, footnote_depth: 0, item_depth: 0, code: false };
    for (event, range) in Parser::new_ext(&source, markdown::parser_options()).into_offset_iter() {
        if range.start >= md.len() {
            break;
        }
        walker.event(event, range, md);
    }
    walker.flush();
    walker.blocks
}

struct Walker {
    index: usize,
    blocks: Vec<Block>,
    current: Option<Block>,
    footnote_depth: usize,
    item_depth: usize,
    code: bool,
}

impl Walker {
    fn start_block(&mut self, kind: BlockKind) {
        self.flush();
        self.current = Some(Block::new(self.index, kind, self.footnote_depth > 0, self.item_depth > 0));
    }

    fn flush(&mut self) {
        if let Some(block) = self.current.take()
            && !block.text.trim().is_empty()
        {
            self.blocks.push(block);
        }
    }

    fn block(&mut self) -> &mut Block {
        let (index, footnote, item) = (self.index, self.footnote_depth > 0, self.item_depth > 0);
        self.current.get_or_insert_with(|| Block::new(index, BlockKind::Paragraph, footnote, item))
    }

    fn event(&mut self, event: Event, range: Range<usize>, md: &str) {
        if self.code {
            if matches!(event, Event::End(TagEnd::CodeBlock)) {
                self.code = false;
            }
            return;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => self.start_block(BlockKind::Heading(heading_level(level))),
                Tag::Paragraph => self.start_block(BlockKind::Paragraph),
                Tag::TableCell => self.start_block(BlockKind::TableCell),
                Tag::Item => {
                    self.item_depth += 1;
                    self.start_block(BlockKind::Item);
                }
                Tag::FootnoteDefinition(_) => {
                    self.flush();
                    self.footnote_depth += 1;
                }
                Tag::CodeBlock(_) => {
                    self.flush();
                    self.code = true;
                }
                Tag::Strong => {
                    let block = self.block();
                    if block.lead_strong.is_none() && block.text.trim().is_empty() {
                        let at = block.text.len();
                        block.lead_strong = Some(at..at);
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::TableCell => self.flush(),
                TagEnd::Item => {
                    self.flush();
                    self.item_depth = self.item_depth.saturating_sub(1);
                }
                TagEnd::FootnoteDefinition => {
                    self.flush();
                    self.footnote_depth = self.footnote_depth.saturating_sub(1);
                }
                TagEnd::Strong => {
                    if let Some(block) = self.current.as_mut()
                        && let Some(lead) = block.lead_strong.as_mut()
                        && lead.start == lead.end
                    {
                        lead.end = block.text.len();
                    }
                }
                _ => {}
            },
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let exact = md.get(range.clone()) == Some(&*t);
                self.block().push(&t, range.start, exact);
            }
            Event::Code(_) | Event::FootnoteReference(_) => self.block().push_placeholder(range.start),
            Event::Html(t) | Event::InlineHtml(t) => {
                let visible = without_comments(&t);
                if !visible.trim().is_empty() {
                    self.block().push(&visible, range.start, visible.len() == t.len());
                }
            }
            Event::SoftBreak | Event::HardBreak => self.block().push(" ", range.start, false),
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// HTML text without its `<!-- … -->` comments (the converter drops them).
fn without_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Facts;

    fn section(text: &str) -> SourceFile {
        SourceFile { path: "s.md".into(), text: text.into() }
    }

    #[test]
    fn printed_values_and_literal_text_map_back_to_the_source() {
        let facts = Facts::parse(&[SourceFile {
            path: "content/facts/economy.yaml".into(),
            text: "grdp:\n  value: 8.58\n  unit: \"%\"\n".into(),
        }])
        .unwrap();
        let file = section("Dòng một\nGRDP tăng {{ economy.grdp | pct }}, tốt.Ba\n");
        let (rendered, problems) = RenderedSection::render(&file, &facts.context());
        assert!(problems.is_empty());
        assert!(rendered.markdown.contains("GRDP tăng 8\\,58\\%, tốt.Ba"), "{}", rendered.markdown);
        let blocks = blocks(0, &rendered);
        assert_eq!(blocks.len(), 1);
        let text = &blocks[0].text;
        assert!(text.ends_with("GRDP tăng 8,58%, tốt.Ba"), "{text}");
        let dot = text.find(".Ba").unwrap();
        let loc = blocks[0].location(std::slice::from_ref(&rendered), dot..dot + 1);
        assert_eq!((loc.line, loc.column, loc.width), (2, 40, 1));
        let value = text.find("8,58").unwrap();
        let loc = blocks[0].location(std::slice::from_ref(&rendered), value..value + 5);
        assert_eq!((loc.line, loc.column), (2, 11));
        assert_eq!(loc.width, "{{ economy.grdp | pct }}".len());
    }

    #[test]
    fn sections_with_statements_are_refused_before_tera_runs() {
        let facts = Facts::default();
        let file = section("Một\n{% if true %}Hai.Ba{% endif %}\n{{ missing.fact }}\n");
        let (rendered, problems) = RenderedSection::render(&file, &facts.context());
        match problems.as_slice() {
            [RenderProblem::Section(d)] => {
                assert!(d.message.contains("not available in sections"), "{}", d.message);
                assert_eq!(d.location.as_ref().map(|l| (l.line, l.column)), Some((2, 4)), "at the statement");
            }
            _ => panic!("one problem for the whole section"),
        }
        assert!(rendered.markdown.is_empty());
    }

    #[test]
    fn tags_are_found_with_whitespace_control() {
        let tags = tera_tags("a {{- x -}} b {# c #} {% if y %}");
        let kinds: Vec<TagKind> = tags.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TagKind::Expression, TagKind::Comment, TagKind::Statement]);
        assert!(tags[0].trim_before && tags[0].trim_after);
        assert_eq!(&"a {{- x -}} b"[tags[0].inner.clone()], " x ");
    }
}
