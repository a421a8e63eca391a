//! Change marks, for the redline of `baocao diff`: private-use characters placed in a section's
//! rendered Markdown around inserted, deleted and moved text. When asked to
//! ([`super::markdown::convert_marked`]), the converter turns them into calls of the redline's
//! mark functions (`#bc-ins[…]`, `#bc-del[…]`…), which the redline defines; a normal build never
//! interprets them. Marked text stays text: it is escaped like any other run.

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
    /// The printed value of a changed fact (highlighted); opened by the fact's tag, closed at
    /// the end of its printing (see [`super::fact_uses`]).
    Fact,
}

impl Mark {
    const ALL: [Mark; 5] = [Mark::Inserted, Mark::Deleted, Mark::MovedHere, Mark::MovedAway, Mark::Fact];

    /// The character opening this mark in Markdown.
    pub fn open(self) -> char {
        char::from_u32(0xe020 + 2 * self.index()).expect("private-use character")
    }

    /// The character closing this mark in Markdown.
    pub fn close(self) -> char {
        char::from_u32(0xe021 + 2 * self.index()).expect("private-use character")
    }

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

    fn index(self) -> u32 {
        Mark::ALL.iter().position(|m| *m == self).expect("listed") as u32
    }

    /// The mark a character opens (`Some((mark, true))`) or closes (`Some((mark, false))`).
    pub fn of(c: char) -> Option<(Mark, bool)> {
        let i = (c as u32).checked_sub(0xe020)?;
        let mark = *Mark::ALL.get(i as usize / 2)?;
        Some((mark, i % 2 == 0))
    }
}

/// The marks open at a point of the converter's typst output, innermost last. Every method
/// writes the brackets it opens or closes, so they always balance.
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
}

/// `text` with every mark character replaced by U+FFFD, so that content can never open or
/// close a mark by itself.
pub fn neutralise(text: &str) -> String {
    if !text.chars().any(|c| Mark::of(c).is_some()) {
        return text.to_string();
    }
    text.chars().map(|c| if Mark::of(c).is_some() { '\u{fffd}' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip_through_their_characters() {
        for mark in Mark::ALL {
            assert_eq!(Mark::of(mark.open()), Some((mark, true)));
            assert_eq!(Mark::of(mark.close()), Some((mark, false)));
        }
        assert_eq!(Mark::of('a'), None);
        assert_eq!(Mark::of('\u{e02a}'), None);
        assert_eq!(neutralise("a\u{e020}b"), "a\u{fffd}b");
    }

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
