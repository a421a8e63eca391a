//! Change marks, for the redline of `baocao diff`: which text of the NEW report is inserted,
//! deleted, moved or a changed fact's value. `diff` records them as [`Edits`] at places of the
//! model (byte offsets of a section's rendered text); the typst writer turns them into calls
//! of the redline's mark functions (`#bc-ins[…]`, `#bc-del[…]`…) as it writes that text. A
//! normal build has none. Text from the old version that is shown (deleted words) is escaped
//! like any other text.

use std::collections::HashSet;
use std::ops::Range;

/// A kind of change mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// Text that is new in this version (underlined).
    Inserted,
    /// Text of the old version that is gone (struck through).
    Deleted,
    /// Text moved here from elsewhere.
    MovedHere,
    /// Where moved text used to be (struck through, in the move colour).
    MovedAway,
    /// The printed value of a changed fact (highlighted).
    Fact,
}

impl Mark {
    /// The typst function the redline defines for this mark.
    pub fn function(self) -> &'static str {
        match self {
            Mark::Inserted => "bc-ins",
            Mark::Deleted => "bc-del",
            Mark::MovedHere => "bc-moved",
            Mark::MovedAway => "bc-moved-away",
            Mark::Fact => "bc-fact-changed",
        }
    }
}

/// The marks open at a point of the writer's output, innermost last. Every method writes the
/// brackets it opens or closes, so they always balance.
#[derive(Debug, Clone, Default)]
pub struct OpenMarks {
    open: Vec<Mark>,
}

impl OpenMarks {
    /// Opens `mark`: `#bc-ins[`.
    pub fn open(&mut self, out: &mut String, mark: Mark) {
        out.push('#');
        out.push_str(mark.function());
        out.push('[');
        self.open.push(mark);
    }

    /// Closes `mark` if it is open, closing and reopening the marks inside it.
    pub fn close(&mut self, out: &mut String, mark: Mark) {
        let Some(at) = self.open.iter().rposition(|m| *m == mark) else { return };
        let inner = self.open.split_off(at + 1);
        for _ in 0..=inner.len() {
            out.push(']');
        }
        self.open.pop();
        self.reopen(out, inner);
    }

    /// Closes every open mark, returning them (outermost first) to reopen later.
    pub fn close_all(&mut self, out: &mut String) -> Vec<Mark> {
        for _ in &self.open {
            out.push(']');
        }
        std::mem::take(&mut self.open)
    }

    /// Opens marks again (after [`OpenMarks::close_all`]).
    pub fn reopen(&mut self, out: &mut String, marks: Vec<Mark>) {
        for mark in marks {
            self.open(out, mark);
        }
    }

    /// Whether any mark is open.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }
}

/// What an edit does at its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditKind {
    /// Closes a mark.
    Close(Mark),
    /// Shows old words, marked: before the word at the place (`before`), or after the last one.
    Words {
        /// The mark.
        mark: Mark,
        /// The words.
        text: String,
        /// Before the word at the place.
        before: bool,
    },
    /// Opens a mark.
    Open(Mark),
}

/// One edit at a byte offset of a section's rendered text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The offset.
    pub offset: usize,
    /// What it does (at equal offsets: closings, then words, then openings).
    pub kind: EditKind,
}

impl Edit {
    fn rank(&self) -> u8 {
        match self.kind {
            EditKind::Close(_) => 0,
            EditKind::Words { .. } => 1,
            EditKind::Open(_) => 2,
        }
    }
}

/// An old block shown where it was, marked, as a paragraph of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockEdit {
    /// Before the block that starts at or after this offset; at the section's end when none does.
    pub offset: usize,
    /// The mark.
    pub mark: Mark,
    /// The block's words.
    pub text: String,
}

/// The change marks to place in each section of the NEW report.
#[derive(Debug, Clone, Default)]
pub struct Edits {
    /// Per section: edits in the text, sorted by [`Edits::sorted`].
    pub text: Vec<Vec<Edit>>,
    /// Per section: old blocks to show.
    pub blocks: Vec<Vec<BlockEdit>>,
}

impl Edits {
    /// No marks yet, for `sections` sections.
    pub fn new(sections: usize) -> Edits {
        Edits { text: vec![Vec::new(); sections], blocks: vec![Vec::new(); sections] }
    }

    fn push(&mut self, section: usize, edit: Edit) {
        if let Some(edits) = self.text.get_mut(section) {
            edits.push(edit);
        }
    }

    /// Marks the text in `range` of section `section`.
    pub fn wrap(&mut self, section: usize, range: Range<usize>, mark: Mark) {
        if range.start < range.end {
            self.push(section, Edit { offset: range.start, kind: EditKind::Open(mark) });
            self.push(section, Edit { offset: range.end, kind: EditKind::Close(mark) });
        }
    }

    /// Shows old words, marked, at `offset` (before the word there, or after the last word).
    pub fn inline_text(&mut self, section: usize, offset: usize, before: bool, mark: Mark, text: &str) {
        self.push(section, Edit { offset, kind: EditKind::Words { mark, text: text.to_string(), before } });
    }

    /// Shows an old block, marked, as a paragraph of its own before the block at `offset`.
    pub fn block_text(&mut self, section: usize, offset: usize, mark: Mark, text: &str) {
        if let Some(blocks) = self.blocks.get_mut(section) {
            blocks.push(BlockEdit { offset, mark, text: text.to_string() });
        }
    }

    /// Section `section`'s text edits in the order they apply.
    pub fn sorted(&self, section: usize) -> Vec<Edit> {
        let mut edits = self.text.get(section).cloned().unwrap_or_default();
        edits.sort_by_key(|e| (e.offset, e.rank()));
        edits
    }
}

/// What the redline asks of the typst writer.
#[derive(Debug, Clone, Default)]
pub struct Marking {
    /// Fact uses whose printed value is highlighted as a changed fact.
    pub highlight: HashSet<usize>,
    /// The change marks.
    pub edits: Edits,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_an_outer_mark_reopens_the_inner_one_so_brackets_balance() {
        let mut out = String::new();
        let mut marks = OpenMarks::default();
        marks.open(&mut out, Mark::Fact);
        marks.open(&mut out, Mark::Inserted);
        out.push('x');
        marks.close(&mut out, Mark::Fact);
        out.push('y');
        marks.close(&mut out, Mark::Inserted);
        marks.close(&mut out, Mark::Deleted);
        assert_eq!(out, "#bc-fact-changed[#bc-ins[x]]#bc-ins[y]");
    }
}
