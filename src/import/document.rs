//! The document as `import` reads it from Word, whatever wrote it: paragraphs of pieces (text
//! with bold and italic, tagged figures, footnote references, cross-references, breaks),
//! tables, footnotes, tracked changes, comments, and what was not converted. [`super::walk`]
//! makes it; [`super::convert`] and [`super::draft`] read it.

use std::collections::HashMap;

/// Character formatting of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fmt {
    /// Bold (`w:b`, or a character style that is bold).
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Text as shown.
    Text {
        /// The text.
        text: String,
        /// Its formatting.
        fmt: Fmt,
    },
    /// A content control baocao tagged with a fact (`baocao:fact:ID:KEY`).
    Control {
        /// `w:tag`.
        tag: Option<String>,
        /// `w:alias` (the keys).
        alias: Option<String>,
        /// The figure as shown.
        text: String,
        /// Its formatting.
        fmt: Fmt,
    },
    /// A footnote reference.
    Note {
        /// The footnote's `w:id`.
        id: String,
    },
    /// A NOTEREF field: a second reference to a footnote.
    NoteRef {
        /// The bookmark around the footnote's first reference.
        bookmark: String,
    },
    /// A line break.
    Break,
}

/// A paragraph.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// Its style id, when it has one.
    pub style: Option<String>,
    /// The outline level (0 = Heading 1), from the paragraph or its style.
    pub outline: Option<u8>,
    /// Centred.
    pub centered: bool,
    /// The right indent (twips), when set on the paragraph.
    pub right_indent: Option<i32>,
    /// A list's marker from Word's numbering (`-`, `+`, `1.`, `a)`), when numbered by Word.
    pub list: Option<String>,
    /// The pieces.
    pub pieces: Vec<Piece>,
    /// Bookmarks that start in it.
    pub bookmarks: Vec<String>,
}

impl Para {
    /// The text as shown (a note reference as nothing).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text { text, .. } | Piece::Control { text, .. } => out.push_str(text),
                Piece::Break => out.push(' '),
                Piece::Note { .. } | Piece::NoteRef { .. } => {}
            }
        }
        out
    }

    /// The paragraph without a typed list marker (`- `, `+ `) at its start (white space before
    /// it too); `None` when it does not start so.
    pub fn without_marker(&self, marker: &str) -> Option<Para> {
        let typed = format!("{marker} ");
        let mut out = self.clone();
        let mut pieces = out.pieces.iter_mut();
        loop {
            match pieces.next()? {
                Piece::Text { text, .. } if text.trim_start().is_empty() => text.clear(),
                Piece::Text { text, .. } => {
                    let rest = text.trim_start().strip_prefix(&typed)?;
                    *text = rest.to_string();
                    return Some(out);
                }
                _ => return None,
            }
        }
    }

    /// Whether every letter is in bold runs (and there is at least one).
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for p in &self.pieces {
            if let Piece::Text { text, fmt } | Piece::Control { text, fmt, .. } = p
                && text.chars().any(char::is_alphanumeric)
            {
                if !fmt.bold {
                    return false;
                }
                any = true;
            }
        }
        any
    }
}

/// A body item.
#[derive(Debug, Clone)]
pub enum Item {
    /// A paragraph.
    Para(Para),
    /// A table: rows of cells of paragraphs.
    Table(Vec<Vec<Vec<Para>>>),
}

/// A tracked change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `inserted` or `deleted`.
    pub kind: &'static str,
    /// Who made it.
    pub author: String,
    /// When (as Word writes it: `2024-01-02T09:00:00Z`).
    pub date: String,
    /// The text inserted or deleted.
    pub text: String,
}

/// A reviewer's comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Who wrote it.
    pub author: String,
    /// When.
    pub date: String,
    /// What it says.
    pub text: String,
    /// The text it is anchored to.
    pub anchor: String,
}

/// What was met and not converted, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Pictures.
    pub images: usize,
    /// Text boxes, by their text.
    pub text_boxes: Vec<String>,
    /// Equations.
    pub equations: usize,
    /// Embedded objects.
    pub objects: usize,
    /// Fields other than NOTEREF, by instruction name, kept as the text they show.
    pub fields: Vec<String>,
    /// The document has endnotes.
    pub endnotes: bool,
}

/// The document as read.
#[derive(Debug, Clone, Default)]
pub struct WordDoc {
    /// The body, in order.
    pub body: Vec<Item>,
    /// Footnotes by `w:id` (separators left out).
    pub notes: HashMap<String, Vec<Para>>,
    /// Bookmark name → the footnote id referenced inside it.
    pub note_bookmarks: HashMap<String, String>,
    /// Tracked changes, in order.
    pub changes: Vec<Change>,
    /// Comments.
    pub comments: Vec<Comment>,
    /// What was not converted.
    pub skipped: Skipped,
    /// docProps/core.xml's keywords.
    pub keywords: Option<String>,
    /// Custom properties (name → value).
    pub properties: HashMap<String, String>,
}
