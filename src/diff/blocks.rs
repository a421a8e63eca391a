//! The text of a version as printed, in comparable pieces: every section's rendered Markdown
//! (facts filled in, see [`crate::narrative`]) is parsed once with the converter's parser and
//! cut into blocks (headings, paragraphs, list items, table cells) of word tokens; footnotes
//! are set apart and numbered as typst numbers them (by first reference, a note's own notes
//! right after it).
//!
//! Every token keeps its byte range in the section's tagged Markdown (for the redline) and the
//! fact uses whose printed value it overlaps (to attribute a change to a fact).

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::narrative::Narrative;
use crate::narrative::fact_uses::{self, Piece};
use crate::narrative::markdown::{Events, parse_sections};

/// What a token is, for comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A printed word (a run of non-space characters).
    Word(String),
    /// A footnote reference: the index of the note in [`Document::notes`].
    Note(usize),
}

/// One word or footnote reference as printed.
#[derive(Debug, Clone)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Byte range in the section's tagged Markdown.
    pub range: Range<usize>,
    /// Printed after a space (false for a note number glued to its word).
    pub space_before: bool,
    /// Fact uses (ids) whose printed value this token overlaps.
    pub uses: Vec<usize>,
}

/// What kind of block a run of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading.
    Heading,
    /// A paragraph.
    Paragraph,
    /// A list item.
    Item,
    /// A table cell.
    Cell,
    /// A code block.
    Code,
}

/// A block of text of one section.
#[derive(Debug, Clone)]
pub struct Block {
    /// Index of the section.
    pub section: usize,
    /// Heading, paragraph…
    pub kind: BlockKind,
    /// Byte offset of the block's start in the section's tagged Markdown.
    pub start: usize,
    /// Its words and note references.
    pub tokens: Vec<Token>,
}

/// A footnote, with the number typst prints for it.
#[derive(Debug, Clone)]
pub struct Note {
    /// The label as written (`12` for `[^12]`).
    pub label: String,
    /// Index of the section defining it.
    pub section: usize,
    /// Byte offset of the definition in that section's tagged Markdown.
    pub offset: usize,
    /// The note's words (its paragraphs run together).
    pub tokens: Vec<Token>,
    /// The printed number; `None` for a note never referenced (not printed).
    pub number: Option<usize>,
}

/// A version's printed text, in blocks.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Every block, section by section, in document order.
    pub blocks: Vec<Block>,
    /// Every footnote (the first definition of each label), in definition order.
    pub notes: Vec<Note>,
}

impl Document {
    /// Reads the blocks and notes of a rendered narrative.
    pub fn read(narrative: &Narrative) -> Document {
        let sources: Vec<&str> = narrative.sections.iter().map(|s| s.tagged.as_str()).collect();
        let parsed = parse_sections(&sources);
        let mut labels: HashMap<String, usize> = HashMap::new();
        let mut doc = Document::default();
        for def in &parsed.definitions {
            let key = def.label.to_lowercase();
            if labels.contains_key(&key) {
                continue;
            }
            labels.insert(key, doc.notes.len());
            doc.notes.push(Note {
                label: def.label.clone(),
                section: def.section,
                offset: def.offset,
                tokens: Vec::new(),
                number: None,
            });
        }
        for def in &parsed.definitions {
            let Some(&note) = labels.get(&def.label.to_lowercase()) else { continue };
            if doc.notes[note].offset != def.offset || doc.notes[note].section != def.section {
                continue; // a duplicate definition (a build error); the first one counts
            }
            let mut reader = Reader::new(def.section, sources[def.section], &labels);
            reader.walk(&def.events);
            doc.notes[note].tokens = reader.finish_note();
        }
        for (section, body) in parsed.bodies.iter().enumerate() {
            let mut reader = Reader::new(section, sources[section], &labels);
            reader.walk(body);
            doc.blocks.extend(reader.finish_blocks());
        }
        doc.number_notes();
        doc
    }

    /// Numbers notes by first reference, a note's own references right after it.
    fn number_notes(&mut self) {
        let mut next = 1;
        let order: Vec<usize> = self
            .blocks
            .iter()
            .flat_map(|b| b.tokens.iter())
            .filter_map(|t| match t.kind {
                TokenKind::Note(n) => Some(n),
                TokenKind::Word(_) => None,
            })
            .collect();
        for note in order {
            self.number(note, &mut next);
        }
    }

    fn number(&mut self, note: usize, next: &mut usize) {
        if self.notes[note].number.is_some() {
            return;
        }
        self.notes[note].number = Some(*next);
        *next += 1;
        let inner: Vec<usize> = self.notes[note]
            .tokens
            .iter()
            .filter_map(|t| match t.kind {
                TokenKind::Note(n) => Some(n),
                TokenKind::Word(_) => None,
            })
            .collect();
        for n in inner {
            self.number(n, next);
        }
    }
}

/// Walks a section's events, cutting text into tokens and blocks.
struct Reader<'a> {
    section: usize,
    source: &'a str,
    labels: &'a HashMap<String, usize>,
    blocks: Vec<Block>,
    current: Option<Block>,
    /// The fact use whose printing the text is in.
    active_use: Option<usize>,
    /// A space (or a block boundary) came since the last token.
    space: bool,
}

impl<'a> Reader<'a> {
    fn new(section: usize, source: &'a str, labels: &'a HashMap<String, usize>) -> Reader<'a> {
        Reader { section, source, labels, blocks: Vec::new(), current: None, active_use: None, space: true }
    }

    fn walk(&mut self, events: &Events) {
        for (event, range) in events {
            match event {
                Event::Start(tag) => self.start(tag, range.start),
                Event::End(tag) => self.end(*tag),
                Event::Text(t) | Event::Code(t) => self.text(t, range),
                Event::SoftBreak | Event::HardBreak => self.space = true,
                Event::FootnoteReference(label) => {
                    if let Some(&note) = self.labels.get(&label.to_lowercase()) {
                        let space_before = self.space;
                        self.block(range.start).tokens.push(Token {
                            kind: TokenKind::Note(note),
                            range: range.clone(),
                            space_before,
                            uses: Vec::new(),
                        });
                        self.space = false;
                    }
                }
                // HTML comments carry notes for editors and are not printed.
                Event::Html(_) | Event::InlineHtml(_) | Event::Rule | Event::TaskListMarker(_) => {}
                Event::InlineMath(t) | Event::DisplayMath(t) => self.text(t, range),
            }
        }
    }

    fn start(&mut self, tag: &Tag, offset: usize) {
        let kind = match tag {
            Tag::Heading { .. } => BlockKind::Heading,
            Tag::Paragraph => BlockKind::Paragraph,
            Tag::Item => BlockKind::Item,
            Tag::TableCell => BlockKind::Cell,
            Tag::CodeBlock(_) => BlockKind::Code,
            _ => return,
        };
        // The first paragraph of a list item belongs to the item.
        if kind == BlockKind::Paragraph && self.current.as_ref().is_some_and(|b| b.tokens.is_empty()) {
            return;
        }
        self.finish_block();
        self.current = Some(Block { section: self.section, kind, start: offset, tokens: Vec::new() });
    }

    fn end(&mut self, tag: TagEnd) {
        if matches!(
            tag,
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock
        ) {
            self.finish_block();
        }
    }

    fn finish_block(&mut self) {
        if let Some(block) = self.current.take().filter(|b| !b.tokens.is_empty()) {
            self.blocks.push(block);
        }
        self.space = true;
    }

    fn block(&mut self, offset: usize) -> &mut Block {
        let section = self.section;
        self.current.get_or_insert_with(|| Block { section, kind: BlockKind::Paragraph, start: offset, tokens: Vec::new() })
    }

    /// Adds a text event: words split at spaces; a word with no space before it continues the
    /// previous word (text split by escapes or emphasis is one word).
    fn text(&mut self, text: &str, range: &Range<usize>) {
        // Offsets inside the event are exact when the event's text is its source (no escapes).
        let verbatim = self.source.get(range.clone()) == Some(text);
        let base = text.as_ptr() as usize;
        for piece in fact_uses::pieces(text) {
            let part = match piece {
                Piece::Use(id) => {
                    self.active_use = Some(id);
                    continue;
                }
                Piece::End => {
                    self.active_use = None;
                    continue;
                }
                Piece::Text(part) => part,
            };
            let part_at = part.as_ptr() as usize - base;
            let mut at = 0;
            for (i, word) in words(part) {
                if i > at {
                    self.space = true;
                }
                at = i + word.len();
                let (start, end) = if verbatim {
                    (range.start + part_at + i, range.start + part_at + at)
                } else {
                    (range.start, range.end)
                };
                self.push_word(word, start..end);
            }
            if at < part.len() {
                self.space = true;
            }
        }
    }

    fn push_word(&mut self, word: &str, range: Range<usize>) {
        let space = self.space;
        let active = self.active_use;
        let block = self.block(range.start);
        match block.tokens.last_mut() {
            Some(Token { kind: TokenKind::Word(w), range: r, uses, .. }) if !space => {
                w.push_str(word);
                r.end = r.end.max(range.end);
                if let Some(id) = active.filter(|id| !uses.contains(id)) {
                    uses.push(id);
                }
            }
            _ => block.tokens.push(Token {
                kind: TokenKind::Word(word.to_string()),
                range,
                space_before: space,
                uses: active.into_iter().collect(),
            }),
        }
        self.space = false;
    }

    fn finish_blocks(mut self) -> Vec<Block> {
        self.finish_block();
        self.blocks
    }

    fn finish_note(mut self) -> Vec<Token> {
        self.finish_block();
        let mut tokens: Vec<Token> = self.blocks.into_iter().flat_map(|b| b.tokens).collect();
        if let Some(first) = tokens.first_mut() {
            first.space_before = false;
        }
        tokens
    }
}

/// The words of `text` with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(sections: &[&str]) -> Document {
        let mut next = 0;
        let narrative = Narrative {
            sections: sections
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let (tagged, _) = fact_uses::tag(s, i, &mut next);
                    crate::narrative::RenderedSection {
                        path: format!("s{i}.md").into(),
                        markdown: fact_uses::strip(&tagged),
                        tagged,
                        typst: Default::default(),
                    }
                })
                .collect(),
            warnings: Vec::new(),
            fact_uses: Vec::new(),
        };
        Document::read(&narrative)
    }

    fn words_of(block: &Block) -> Vec<String> {
        block
            .tokens
            .iter()
            .map(|t| match &t.kind {
                TokenKind::Word(w) => w.clone(),
                TokenKind::Note(n) => format!("[{n}]"),
            })
            .collect()
    }

    #[test]
    fn escaped_and_emphasised_words_stay_whole_and_notes_are_tokens() {
        let d = doc(&["# Tiêu đề\n\nTăng 8\\,58\\%[^a] và *rất* tốt.\n\n- mục *một*\n\n[^a]: Ghi chú [^b].\n\n[^b]: Lồng.\n"]);
        assert_eq!(d.blocks.len(), 3);
        assert_eq!(words_of(&d.blocks[1]), ["Tăng", "8,58%", "[0]", "và", "rất", "tốt."]);
        assert!(!d.blocks[1].tokens[2].space_before, "a note glued to its word");
        assert_eq!(d.blocks[2].kind, BlockKind::Item);
        assert_eq!(words_of(&d.blocks[2]), ["mục", "một"]);
        assert_eq!((d.notes[0].number, d.notes[1].number), (Some(1), Some(2)));
    }

    #[test]
    fn a_note_defined_in_another_section_is_the_same_note() {
        let d = doc(&["A[^x].\n\n[^x]: X.\n", "B[^x]."]);
        assert_eq!(d.notes.len(), 1);
        assert!(matches!(d.blocks[1].tokens[1].kind, TokenKind::Note(0)));
    }

    #[test]
    fn words_carry_their_source_range_and_the_fact_use_they_print() {
        let d = doc(&["Thu {{ a.b }} tỷ"]);
        let tokens = &d.blocks[0].tokens;
        let uses: Vec<&[usize]> = tokens.iter().map(|t| t.uses.as_slice()).collect();
        assert_eq!(uses, [&[][..], &[0], &[0], &[0], &[]], "the printing ends at the end of the expression");
        let mut next = 0;
        let (tagged, _) = fact_uses::tag("Thu {{ a.b }} tỷ", 0, &mut next);
        let words: Vec<&str> = tokens.iter().map(|t| &tagged[t.range.clone()]).collect();
        assert_eq!(words, ["Thu", "{{", "a.b", "}}", "tỷ"]);
    }
}
