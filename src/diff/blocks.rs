//! The text of a version as printed, in comparable pieces, read from the document model (the
//! one the build typesets): blocks (headings, paragraphs, list items, table cells, code) of
//! word tokens, and footnotes with the numbers the model gave them.
//!
//! Every token keeps its byte range in the section's rendered text (for places and the
//! redline) and the fact uses whose printed value it overlaps (to attribute a change to a fact).

use std::ops::Range;

use crate::document::{self as model, BlockKind as ModelKind, Inline, Run};
use crate::narrative::Narrative;

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
        let model = &narrative.document;
        let mut doc = Document::default();
        for (section, s) in model.sections.iter().enumerate() {
            let mut reader = Reader::new(section);
            reader.blocks(&s.blocks);
            doc.blocks.extend(reader.finish_blocks());
        }
        for n in &model.notes {
            let mut reader = Reader::new(n.section);
            reader.blocks(&n.blocks);
            doc.notes.push(Note {
                label: n.label.clone(),
                section: n.section,
                offset: n.offset,
                tokens: reader.finish_note(),
                number: n.number,
            });
        }
        doc
    }
}

/// Walks a section's (or a note's) blocks, cutting text into tokens and blocks.
struct Reader {
    section: usize,
    blocks: Vec<Block>,
    current: Option<Block>,
    /// A space (or a block boundary) came since the last token.
    space: bool,
}

impl Reader {
    fn new(section: usize) -> Reader {
        Reader { section, blocks: Vec::new(), current: None, space: true }
    }

    fn blocks(&mut self, blocks: &[model::Block]) {
        for b in blocks {
            let start = b.range.start;
            match &b.kind {
                ModelKind::Heading { content, .. } => self.block(BlockKind::Heading, start, content),
                ModelKind::Paragraph { content, .. } => self.block(BlockKind::Paragraph, start, content),
                ModelKind::Item { content, blocks, .. } => {
                    self.finish_block();
                    self.current =
                        Some(Block { section: self.section, kind: BlockKind::Item, start, tokens: Vec::new() });
                    self.inlines(content);
                    // the first paragraph of a list item belongs to the item
                    let mut rest = &blocks[..];
                    if content.is_empty()
                        && let Some((first, tail)) = blocks.split_first()
                        && let ModelKind::Paragraph { content, .. } = &first.kind
                    {
                        self.inlines(content);
                        rest = tail;
                    }
                    self.finish_block();
                    self.blocks(rest);
                }
                ModelKind::Quote(inner) => self.blocks(inner),
                ModelKind::Code(text) => {
                    self.finish_block();
                    self.current =
                        Some(Block { section: self.section, kind: BlockKind::Code, start, tokens: Vec::new() });
                    self.run(&Run::new(text, start, false), None);
                    self.finish_block();
                }
                ModelKind::Table { head, rows, .. } => {
                    for cell in head.iter().chain(rows.iter().flatten()) {
                        self.block(BlockKind::Cell, cell.range.start, &cell.content);
                    }
                }
                ModelKind::Rule | ModelKind::Html(_) => {}
            }
        }
    }

    fn block(&mut self, kind: BlockKind, start: usize, content: &[Inline]) {
        self.finish_block();
        self.current = Some(Block { section: self.section, kind, start, tokens: Vec::new() });
        self.inlines(content);
        self.finish_block();
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(run) | Inline::Code(run) => self.run(run, None),
                Inline::Fact { id, run } => self.run(run, Some(*id)),
                Inline::SoftBreak(_) | Inline::HardBreak(_) => self.space = true,
                Inline::NoteRef { note, range } => {
                    let space_before = self.space;
                    self.block_at(range.start).tokens.push(Token {
                        kind: TokenKind::Note(*note),
                        range: range.clone(),
                        space_before,
                        uses: Vec::new(),
                    });
                    self.space = false;
                }
                // HTML is not compared (comments carry notes for editors)
                Inline::Html(_) => {}
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strike(c) | Inline::Link { content: c, .. } => {
                    self.inlines(c)
                }
            }
        }
    }

    fn finish_block(&mut self) {
        if let Some(block) = self.current.take().filter(|b| !b.tokens.is_empty()) {
            self.blocks.push(block);
        }
        self.space = true;
    }

    fn block_at(&mut self, offset: usize) -> &mut Block {
        let section = self.section;
        self.current.get_or_insert_with(|| Block {
            section,
            kind: BlockKind::Paragraph,
            start: offset,
            tokens: Vec::new(),
        })
    }

    /// Adds text: words split at spaces; a word with no space before it continues the previous
    /// word (text split by escapes or emphasis is one word).
    fn run(&mut self, run: &Run, fact: Option<usize>) {
        let text = &run.text;
        let mut at = 0;
        for (i, word) in words(text) {
            if i > at {
                self.space = true;
            }
            at = i + word.len();
            self.push_word(word, run.rendered_range(i..at), fact);
        }
        if at < text.len() {
            self.space = true;
        }
    }

    fn push_word(&mut self, word: &str, range: Range<usize>, fact: Option<usize>) {
        let space = self.space;
        let block = self.block_at(range.start);
        match block.tokens.last_mut() {
            Some(Token { kind: TokenKind::Word(w), range: r, uses, .. }) if !space => {
                w.push_str(word);
                r.end = r.end.max(range.end);
                if let Some(id) = fact.filter(|id| !uses.contains(id)) {
                    uses.push(id);
                }
            }
            _ => block.tokens.push(Token {
                kind: TokenKind::Word(word.to_string()),
                range,
                space_before: space,
                uses: fact.into_iter().collect(),
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
        let (document, _) = crate::narrative::parse_markdown(sections).unwrap();
        Document::read(&Narrative { document, diagnostics: Vec::new() })
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
        let d = doc(&[
            "# Tiêu đề\n\nTăng 8\\,58\\%[^a] và *rất* tốt.\n\n- mục *một*\n\n[^a]: Ghi chú [^b].\n\n[^b]: Lồng.\n",
        ]);
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
}
