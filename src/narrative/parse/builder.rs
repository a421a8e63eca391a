//! The one event loop: a section body's (or a note's) pulldown-cmark events → blocks and
//! inlines of the model, with the limits counted on the way.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::super::notes::Events;
use super::super::render::{self, Mark};
use super::super::tags::{ends_block, is_block, is_length, list_marker, nests};
use super::{LimitExceeded, LimitKind, Reference};
use crate::document::{Block, BlockKind, Cell, Comment, Inline, Run};
use crate::limits::{MAX_ELEMENTS, MAX_NESTING, MAX_PARAGRAPH_BYTES};

/// What the builder counts across the whole narrative.
#[derive(Default)]
pub(super) struct Counter {
    elements: usize,
}

/// One body or note, built.
pub(super) struct Built {
    pub blocks: Vec<Block>,
    pub comments: Vec<Comment>,
    pub references: Vec<Reference>,
}

/// Builds the blocks of `events` (of section `section`, whose rendered text is `source`).
pub(super) fn build(
    section: usize,
    source: &str,
    events: &Events,
    labels: &HashMap<String, usize>,
    counter: &mut Counter,
) -> Result<Built, LimitExceeded> {
    let mut b = Builder {
        section,
        source,
        events,
        pos: 0,
        labels,
        counter,
        depth: 0,
        list_depth: 0,
        paragraph: (0, 0),
        in_code: false,
        right_indent: None,
        in_comment: false,
        comments: Vec::new(),
        references: Vec::new(),
        fact: None,
    };
    let blocks = b.blocks(None)?;
    Ok(Built { blocks, comments: b.comments, references: b.references })
}

struct Builder<'a> {
    section: usize,
    source: &'a str,
    events: &'a Events,
    pos: usize,
    labels: &'a HashMap<String, usize>,
    counter: &'a mut Counter,
    /// Elements open around the current one (see [`nests`]).
    depth: usize,
    /// Lists open around the current one.
    list_depth: usize,
    /// The paragraph being measured: bytes so far and where it starts.
    paragraph: (usize, usize),
    in_code: bool,
    /// From a `<!-- baocao: right-indent=… -->` directive, for the next paragraph.
    right_indent: Option<String>,
    /// Inside an HTML comment that spans several HTML events.
    in_comment: bool,
    comments: Vec<Comment>,
    references: Vec<Reference>,
    /// The fact being printed: its id and its text so far.
    fact: Option<(usize, Run)>,
}

type Item<'a> = (&'a Event<'static>, Range<usize>);

impl<'a> Builder<'a> {
    /// The next event, counted against the limits.
    fn next(&mut self) -> Result<Option<Item<'a>>, LimitExceeded> {
        let events = self.events;
        let Some((event, range)) = events.get(self.pos) else { return Ok(None) };
        self.pos += 1;
        if matches!(
            event,
            Event::Start(_) | Event::FootnoteReference(_) | Event::Code(_) | Event::HardBreak | Event::Rule
        ) {
            self.counter.elements += 1;
            if self.counter.elements > MAX_ELEMENTS {
                return Err(self.exceeded(LimitKind::Elements, range.start));
            }
        }
        self.measure(event, range.start)?;
        Ok(Some((event, range.clone())))
    }

    fn peek(&self) -> Option<&'a Event<'static>> {
        let events = self.events;
        events.get(self.pos).map(|(e, _)| e)
    }

    /// Where the last event read ends.
    fn last_end(&self, or: usize) -> usize {
        self.events.get(self.pos.wrapping_sub(1)).map_or(or, |(_, r)| r.end.max(or))
    }

    fn exceeded(&self, kind: LimitKind, offset: usize) -> LimitExceeded {
        LimitExceeded { kind, section: self.section, offset }
    }

    /// Counts the text of the paragraph being read (a heading, item, cell or line of code
    /// counts as one) against [`MAX_PARAGRAPH_BYTES`]; a block's start or end begins a new one.
    fn measure(&mut self, event: &Event, offset: usize) -> Result<(), LimitExceeded> {
        match event {
            Event::Start(tag) if is_block(tag) || matches!(tag, Tag::Item | Tag::TableCell) => {
                self.paragraph = (0, offset)
            }
            Event::End(tag) if ends_block(*tag) => self.paragraph = (0, offset),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let longest = if self.in_code { t.split('\n').map(str::len).max().unwrap_or(0) } else { t.len() };
                self.paragraph.0 += longest;
                if self.paragraph.0 > MAX_PARAGRAPH_BYTES {
                    return Err(self.exceeded(LimitKind::Paragraph, self.paragraph.1));
                }
                if self.in_code || t.ends_with('\n') {
                    self.paragraph.0 = 0;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Opens one level of nesting.
    fn enter(&mut self, offset: usize) -> Result<(), LimitExceeded> {
        self.depth += 1;
        if self.depth > MAX_NESTING { Err(self.exceeded(LimitKind::Nesting, offset)) } else { Ok(()) }
    }

    /// Blocks until the end tag `until` (or the end of the events).
    fn blocks(&mut self, until: Option<TagEnd>) -> Result<Vec<Block>, LimitExceeded> {
        let mut blocks = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(Event::End(end)) if Some(*end) == until => {
                    self.next()?;
                    break;
                }
                Some(Event::Start(tag)) if is_block(tag) => {
                    let (_, range) = self.next()?.expect("peeked");
                    self.block(tag, range, &mut blocks)?;
                }
                Some(Event::Rule) => {
                    let (_, range) = self.next()?.expect("peeked");
                    blocks.push(Block { kind: BlockKind::Rule, range });
                }
                Some(Event::End(_)) => {
                    // an end tag that does not close `until` (unbalanced input): skipped
                    self.next()?;
                }
                // inline content where a block is expected (after a nested block in a tight
                // list item): a paragraph of its own
                Some(_) => {
                    let start = self.events[self.pos].1.start;
                    let content = self.inlines(None, true)?;
                    let range = start..self.last_end(start);
                    blocks.push(Block { kind: BlockKind::Paragraph { content, right_indent: None }, range });
                }
            }
        }
        Ok(blocks)
    }

    /// The block starting with `tag` at `range` (a list gives one block per item).
    fn block(&mut self, tag: &Tag<'static>, range: Range<usize>, out: &mut Vec<Block>) -> Result<(), LimitExceeded> {
        let nested = nests(tag);
        if nested {
            self.enter(range.start)?;
        }
        let kind = match tag {
            Tag::Paragraph => {
                let right_indent = self.right_indent.take();
                BlockKind::Paragraph { content: self.inlines(Some(TagEnd::Paragraph), false)?, right_indent }
            }
            Tag::Heading { level, .. } => {
                BlockKind::Heading { level: *level as u8, content: self.inlines(Some(TagEnd::Heading(*level)), false)? }
            }
            Tag::BlockQuote(kind) => BlockKind::Quote(self.blocks(Some(TagEnd::BlockQuote(*kind)))?),
            Tag::CodeBlock(_) => BlockKind::Code(self.code()?),
            Tag::List(first) => {
                self.list_depth += 1;
                self.items(TagEnd::List(first.is_some()), out)?;
                self.list_depth -= 1;
                return Ok(());
            }
            Tag::Table(aligns) => self.table(aligns.len().max(1))?,
            Tag::HtmlBlock => BlockKind::Html(self.html_block()?),
            // not enabled in the parser options; read as the blocks they hold
            other => BlockKind::Quote(self.blocks(Some(other.to_end()))?),
        };
        if nested {
            self.depth -= 1;
        }
        out.push(Block { kind, range: range.start..self.last_end(range.end) });
        Ok(())
    }

    /// A list's items, until `end`.
    fn items(&mut self, end: TagEnd, out: &mut Vec<Block>) -> Result<(), LimitExceeded> {
        while let Some((event, range)) = self.next()? {
            match event {
                Event::End(e) if *e == end => break,
                Event::Start(Tag::Item) => {
                    self.enter(range.start)?;
                    let marker = list_marker(self.source, range.start);
                    let content = self.inlines(Some(TagEnd::Item), true)?;
                    let blocks =
                        if matches!(self.events.get(self.pos.wrapping_sub(1)), Some((Event::End(TagEnd::Item), _))) {
                            Vec::new()
                        } else {
                            self.blocks(Some(TagEnd::Item))?
                        };
                    self.depth -= 1;
                    let kind = BlockKind::Item { marker, depth: self.list_depth, content, blocks };
                    out.push(Block { kind, range: range.start..self.last_end(range.end) });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A code block's text (fact marks removed).
    fn code(&mut self) -> Result<String, LimitExceeded> {
        self.in_code = true;
        let mut text = String::new();
        while let Some((event, _)) = self.next()? {
            match event {
                Event::Text(t) => text.push_str(&render::strip(t)),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        self.in_code = false;
        Ok(text)
    }

    fn table(&mut self, columns: usize) -> Result<BlockKind, LimitExceeded> {
        let (mut head, mut rows) = (Vec::new(), Vec::new());
        let mut in_head = false;
        while let Some((event, range)) = self.next()? {
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    self.enter(range.start)?;
                    let content = self.inlines(Some(TagEnd::TableCell), false)?;
                    self.depth -= 1;
                    let cell = Cell { content, range: range.start..self.last_end(range.end) };
                    match rows.last_mut() {
                        Some(row) if !in_head => row.push(cell),
                        _ => head.push(cell),
                    }
                }
                _ => {}
            }
        }
        Ok(BlockKind::Table { columns, head, rows })
    }

    /// The visible text of an HTML block (comments set aside).
    fn html_block(&mut self) -> Result<String, LimitExceeded> {
        let mut text = String::new();
        while let Some((event, range)) = self.next()? {
            match event {
                Event::Html(t) => {
                    let visible = self.html(t, range.start);
                    if !visible.trim().is_empty() {
                        text.push_str(&visible);
                    }
                }
                Event::End(TagEnd::HtmlBlock) => break,
                _ => {}
            }
        }
        Ok(text)
    }

    /// Inlines until the end tag `until`; with `stop_at_block`, also before a block starts
    /// (a tight list item's text).
    fn inlines(&mut self, until: Option<TagEnd>, stop_at_block: bool) -> Result<Vec<Inline>, LimitExceeded> {
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(Event::End(end)) if Some(*end) == until => {
                    self.next()?;
                    break;
                }
                Some(Event::Start(tag)) if stop_at_block && is_block(tag) => break,
                Some(Event::Rule) if stop_at_block => break,
                Some(Event::End(_)) if stop_at_block => break,
                _ => {}
            }
            let Some((event, range)) = self.next()? else { break };
            self.inline(event, range, &mut out)?;
        }
        self.end_fact(&mut out);
        Ok(out)
    }

    fn inline(
        &mut self,
        event: &'a Event<'static>,
        range: Range<usize>,
        out: &mut Vec<Inline>,
    ) -> Result<(), LimitExceeded> {
        if !matches!(event, Event::Text(_)) {
            self.end_fact(out);
        }
        match event {
            Event::Text(t) => self.text(t, range, out),
            Event::Code(t) => out.push(Inline::Code(Run::new(&render::strip(t), range.start, false))),
            Event::Html(t) | Event::InlineHtml(t) => {
                let visible = self.html(t, range.start);
                if !visible.trim().is_empty() {
                    out.push(Inline::Html(Run::new(&render::strip(&visible), range.start, false)));
                }
            }
            Event::SoftBreak => out.push(Inline::SoftBreak(range.start)),
            Event::HardBreak => out.push(Inline::HardBreak(range.start)),
            Event::FootnoteReference(label) => match self.labels.get(&label.to_lowercase()) {
                Some(&note) => {
                    self.references.push(Reference {
                        note,
                        depth: self.depth,
                        section: self.section,
                        offset: range.start,
                    });
                    out.push(Inline::NoteRef { note, range });
                }
                // unreachable for parsed references (stubs exist only for defined labels)
                None => out.push(Inline::Text(Run::new(&format!("[^{label}]"), range.start, false))),
            },
            Event::InlineMath(t) | Event::DisplayMath(t) => out.push(Inline::Text(Run::new(t, range.start, false))),
            Event::TaskListMarker(done) => {
                out.push(Inline::Text(Run::new(if *done { "☒ " } else { "☐ " }, range.start, false)))
            }
            Event::Rule => {}
            Event::Start(tag) => self.inline_tag(tag, range, out)?,
            Event::End(_) => {}
        }
        Ok(())
    }

    fn inline_tag(
        &mut self,
        tag: &'a Tag<'static>,
        range: Range<usize>,
        out: &mut Vec<Inline>,
    ) -> Result<(), LimitExceeded> {
        let nested = nests(tag);
        if nested {
            self.enter(range.start)?;
        }
        let end = Some(tag.to_end());
        let inline = match tag {
            Tag::Emphasis => Some(Inline::Emphasis(self.inlines(end, false)?)),
            Tag::Strong => Some(Inline::Strong(self.inlines(end, false)?)),
            Tag::Strikethrough => Some(Inline::Strike(self.inlines(end, false)?)),
            Tag::Link { dest_url, .. } => {
                Some(Inline::Link { url: render::strip(dest_url), content: self.inlines(end, false)? })
            }
            // an image's alt text is printed; no file is ever read from content
            _ => {
                let content = self.inlines(end, false)?;
                out.extend(content);
                None
            }
        };
        if nested {
            self.depth -= 1;
        }
        out.extend(inline);
        Ok(())
    }

    /// Text, split at fact marks into plain text and printed values.
    fn text(&mut self, text: &CowStr<'static>, range: Range<usize>, out: &mut Vec<Inline>) {
        // offsets inside the event are exact when the event's text is its source (no escapes)
        let verbatim = self.source.get(range.clone()) == Some(text.as_ref());
        let base = text.as_ptr() as usize;
        for mark in render::marks(text) {
            match mark {
                Mark::Text(part) => {
                    let at = if verbatim { range.start + (part.as_ptr() as usize - base) } else { range.start };
                    match self.fact.as_mut() {
                        Some((_, run)) => run.push(part, at, verbatim),
                        None => out.push(Inline::Text(Run::new(part, at, verbatim))),
                    }
                }
                Mark::Use(id) => {
                    self.end_fact(out);
                    self.fact = Some((id, Run::default()));
                }
                Mark::End => self.end_fact(out),
            }
        }
    }

    fn end_fact(&mut self, out: &mut Vec<Inline>) {
        if let Some((id, run)) = self.fact.take() {
            out.push(Inline::Fact { id, run });
        }
    }

    /// HTML with its comments (`<!-- … -->`) set aside — recorded, and layout directives
    /// applied — and the rest returned as text.
    fn html(&mut self, text: &str, offset: usize) -> String {
        let mut visible = String::new();
        let mut rest = text;
        loop {
            if self.in_comment {
                let Some(end) = rest.find("-->") else {
                    self.comment_text(rest, offset, text, false);
                    break;
                };
                self.comment_text(&rest[..end], offset, text, true);
                rest = &rest[end + 3..];
                self.in_comment = false;
            } else {
                let Some(start) = rest.find("<!--") else {
                    visible.push_str(rest);
                    break;
                };
                visible.push_str(&rest[..start]);
                let at = offset + (rest.as_ptr() as usize - text.as_ptr() as usize) + start;
                self.comments.push(Comment { text: String::new(), range: at..at });
                rest = &rest[start + 4..];
                self.in_comment = true;
                // CommonMark closes `<!-->` and `<!--->` at once
                for empty in [">", "->"] {
                    if rest.starts_with(empty) {
                        rest = &rest[empty.len()..];
                        self.in_comment = false;
                        self.close_comment(offset + (rest.as_ptr() as usize - text.as_ptr() as usize));
                        break;
                    }
                }
            }
        }
        visible
    }

    /// Adds text to the open comment; with `closed`, the comment ends after it (`-->`).
    fn comment_text(&mut self, part: &str, offset: usize, text: &str, closed: bool) {
        if let Some(c) = self.comments.last_mut() {
            c.text.push_str(part);
        }
        if closed {
            let end = offset + (part.as_ptr() as usize - text.as_ptr() as usize) + part.len() + 3;
            self.close_comment(end);
        }
    }

    fn close_comment(&mut self, end: usize) {
        let Some(c) = self.comments.last_mut() else { return };
        c.range.end = end.max(c.range.start);
        // `<!-- baocao: right-indent=-2.8mm -->` sets the right indent of the next paragraph
        // (a length in mm, cm or pt; negative widens it); anything else is a note for editors
        if let Some(rest) = c.text.trim().strip_prefix("baocao:") {
            for item in rest.split_whitespace() {
                if let Some(value) = item.strip_prefix("right-indent=")
                    && is_length(value)
                {
                    self.right_indent = Some(value.to_string());
                }
            }
        }
    }
}
