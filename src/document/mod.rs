//! The document model: the report as it reads, built once per build by the narrative stage
//! ([`crate::narrative::render`]) and read by everyone else — the typst writer
//! ([`crate::writer::typst`]), `check`, `diff`, the facts index, the redline, `watch`.
//!
//! A [`Document`] holds sections of [`Block`]s (headings, paragraphs, list items, quotes, code,
//! tables) made of [`Inline`]s (text, a fact's printed value, a footnote reference, emphasis,
//! links…), the footnotes numbered once ([`Note`]) and every printing of facts ([`FactUse`]).
//! Nothing in it is typst or Word: writers turn it into their format.
//!
//! Every piece keeps where it came from. Positions are byte offsets in a section's *rendered*
//! text (the Markdown after tera, with each printed value delimited by private-use marks, see
//! [`crate::narrative::render`]); each section's [`SourceMap`] turns them into exact places in
//! the file a person edits (literal text byte for byte; a printed value as its `{{ … }}`).

mod source_map;
mod text;

use std::ops::Range;
use std::path::PathBuf;

pub use source_map::{Piece, SourceMap};
pub use text::{PLACEHOLDER, Run, TextBlock, TextKind};

/// The whole narrative, parsed once.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The sections, in file-name order.
    pub sections: Vec<Section>,
    /// Every footnote defined (the first definition of each label), in definition order.
    pub notes: Vec<Note>,
    /// Every `{{ … }}` printing of facts, in document order; a use's id is its index.
    pub facts: Vec<FactUse>,
}

/// One section file.
#[derive(Debug, Clone)]
pub struct Section {
    /// The file, relative to the project.
    pub path: PathBuf,
    /// The rendered text and its map back to the file.
    pub source: SourceMap,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// HTML comments (`<!-- … -->`) outside code, with their rendered ranges: notes for editors,
    /// `baocao-allow` and layout directives. They are never printed.
    pub comments: Vec<Comment>,
}

/// An HTML comment in a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Between `<!--` and `-->`.
    pub text: String,
    /// The whole comment, in the section's rendered text.
    pub range: Range<usize>,
}

/// A block of the narrative.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// What it is, with its content.
    pub kind: BlockKind,
    /// Where it is in the section's rendered text.
    pub range: Range<usize>,
}

/// The kinds of blocks.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// `#` … `######`: a heading of level 1–6.
    Heading {
        /// 1–6.
        level: u8,
        /// Its text.
        content: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph {
        /// Its text.
        content: Vec<Inline>,
        /// A right indent from a `<!-- baocao: right-indent=… -->` directive before it (a typst
        /// length: `-2.8mm`; negative widens the paragraph).
        right_indent: Option<String>,
    },
    /// A list item: the report prints it as a paragraph starting with its marker.
    Item {
        /// The marker as written: `-`, `+`, `*`, `1.`, `a)`…
        marker: String,
        /// How many lists are open around it (1 for a top-level item).
        depth: usize,
        /// The text of a tight item (no paragraph of its own), printed after the marker.
        content: Vec<Inline>,
        /// The item's blocks: its first paragraph (printed after the marker) and what follows.
        blocks: Vec<Block>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A code block: its text as written.
    Code(String),
    /// A table: header cells, then rows of cells.
    Table {
        /// How many columns.
        columns: usize,
        /// The header row's cells.
        head: Vec<Cell>,
        /// The body rows.
        rows: Vec<Vec<Cell>>,
    },
    /// A thematic break (`---`).
    Rule,
    /// Block HTML that is not a comment: printed as the text it is.
    Html(String),
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Its text.
    pub content: Vec<Inline>,
    /// Where it is in the rendered text.
    pub range: Range<usize>,
}

/// Text-level content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text as printed, with where each part came from.
    Text(Run),
    /// The printed value of a `{{ … }}` expression (fact use `id`).
    Fact {
        /// The use's id (index into [`Document::facts`]).
        id: usize,
        /// The value as printed.
        run: Run,
    },
    /// A footnote reference: the note's index in [`Document::notes`].
    NoteRef {
        /// Index into [`Document::notes`].
        note: usize,
        /// Where `[^label]` is written.
        range: Range<usize>,
    },
    /// Inline code: its text.
    Code(Run),
    /// Inline HTML that is not a comment, printed as the text it is (`<br/>`).
    Html(Run),
    /// `*…*`.
    Emphasis(Vec<Inline>),
    /// `**…**`.
    Strong(Vec<Inline>),
    /// `~~…~~`.
    Strike(Vec<Inline>),
    /// A link; an empty URL prints the text alone.
    Link {
        /// The destination, as written.
        url: String,
        /// The link text.
        content: Vec<Inline>,
    },
    /// A soft line break (printed as a space).
    SoftBreak(usize),
    /// A hard line break.
    HardBreak(usize),
}

/// A footnote.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The label as written (`12` for `[^12]`).
    pub label: String,
    /// The section that defines it.
    pub section: usize,
    /// Where `[^label]:` is written in that section's rendered text.
    pub offset: usize,
    /// The note's blocks.
    pub blocks: Vec<Block>,
    /// The number printed, by first reference (a note's own notes right after it); `None` for
    /// a note nothing references (not printed).
    pub number: Option<usize>,
}

/// One `{{ … }}` expression of a section: the facts it prints and what it printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactUse {
    /// Its number in the document (its index in [`Document::facts`]).
    pub id: usize,
    /// Index of the section.
    pub section: usize,
    /// 1-based line of the expression in the section file.
    pub line: usize,
    /// 1-based column (characters) of the expression.
    pub column: usize,
    /// The `{{ … }}` as a byte range of the section file.
    pub source: Range<usize>,
    /// The expression as written, without the braces: `economy.grdp_2021 | pct`.
    pub expression: String,
    /// Fact keys (`namespace.name`) the expression names.
    pub keys: Vec<String>,
    /// What it printed (as a reader sees it); `None` when it could not be printed.
    pub printed: Option<String>,
}

impl Document {
    /// The note numbered `number`, if any.
    pub fn note_by_number(&self, number: usize) -> Option<&Note> {
        self.notes.iter().find(|n| n.number == Some(number))
    }

    /// The blocks of every section, then of every note, each with the section it is in and
    /// whether it is in a note, as readers of the text see them ([`TextBlock`]).
    pub fn text_blocks(&self) -> Vec<TextBlock> {
        let mut out = Vec::new();
        for (i, section) in self.sections.iter().enumerate() {
            text::blocks(&section.blocks, i, false, false, &mut out);
        }
        for note in &self.notes {
            text::blocks(&note.blocks, note.section, true, false, &mut out);
        }
        out
    }
}

impl Inline {
    /// The inlines nested inside this one, if any.
    pub fn children(&self) -> &[Inline] {
        match self {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strike(c) | Inline::Link { content: c, .. } => c,
            _ => &[],
        }
    }
}

impl Block {
    /// The inlines of a heading, paragraph or tight item.
    pub fn content(&self) -> &[Inline] {
        match &self.kind {
            BlockKind::Heading { content, .. }
            | BlockKind::Paragraph { content, .. }
            | BlockKind::Item { content, .. } => content,
            _ => &[],
        }
    }
}
