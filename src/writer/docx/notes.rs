//! Footnotes as a Word user makes them: a real footnote (`w:footnoteReference`, numbered by
//! Word, its text in footnotes.xml in the Footnote Text style, 10 pt) at a note's first
//! reference, with a bookmark around the reference; a later reference to the same note is a
//! NOTEREF field to that bookmark with the `\f` switch (formatted as a footnote reference), as
//! Word's Insert › Cross-reference › Footnote number (formatted) writes it. The field's shown
//! result is the note's number, which Word keeps until fields are updated and then computes
//! the same (LibreOffice never recomputes it, so it must be right).
//!
//! A note referenced from inside another note (which Word cannot hold: a footnote has no
//! footnotes) is written as a footnote right after the one that refers to it — the model numbers
//! such a note just after its referrer, so Word's numbers agree — and the reference inside the
//! note is a NOTEREF field to it.

use docx_rs::{FieldCharType, Footnote, InstrText, Paragraph, Run};

use super::body::{Body, Place};
use super::styles::{NOTE_REFERENCE, NOTE_TEXT};

/// The bookmark of the note numbered `number`: hidden from Word's bookmark list (leading `_`),
/// as Word's own `_Ref…` cross-reference bookmarks are.
pub fn bookmark_name(number: usize) -> String {
    format!("_RefNote{number}")
}

impl Body<'_> {
    /// A reference to note `note` (an index into the model's notes).
    pub(super) fn note_ref(&mut self, mut p: Paragraph, note: usize) -> Paragraph {
        let Some(number) = self.doc.notes.get(note).and_then(|n| n.number) else { return p };
        if let Some(&(_, number)) = self.notes.get(&note) {
            return note_field(p, number);
        }
        let bookmark = self.notes.len() + 1;
        self.notes.insert(note, (bookmark, number));
        if self.in_note {
            self.pending.push(note);
            return note_field(p, number);
        }
        p = self.footnote(p, note, bookmark, number);
        while !self.pending.is_empty() {
            let inner = self.pending.remove(0);
            let (bookmark, number) = self.notes[&inner];
            p = self.footnote(p, inner, bookmark, number);
        }
        p
    }

    /// The footnote's reference, bookmarked, with the note's text.
    fn footnote(&mut self, p: Paragraph, note: usize, bookmark: usize, number: usize) -> Paragraph {
        let content = self.note_content(note);
        self.footnotes += 1;
        let footnote = Footnote { id: number, content };
        p.add_bookmark_start(bookmark, bookmark_name(number))
            .add_run(Run::new().add_footnote_reference(footnote))
            .add_bookmark_end(bookmark)
    }

    /// The note's blocks as Footnote Text paragraphs. The first starts with a space, after the
    /// number mark that [`super::package`] puts before it.
    fn note_content(&mut self, note: usize) -> Vec<Paragraph> {
        let outer = std::mem::take(&mut self.out);
        let was_in_note = std::mem::replace(&mut self.in_note, true);
        let doc = self.doc;
        self.blocks(&doc.notes[note].blocks, &Place { style: Some(NOTE_TEXT), left: 0 });
        self.in_note = was_in_note;
        let written = std::mem::replace(&mut self.out, outer);
        let mut paragraphs: Vec<Paragraph> = written
            .into_iter()
            .filter_map(|child| match child {
                super::body::Child::Paragraph(p) => Some(*p),
                // never made in a note: a table there is written as paragraphs (see body)
                super::body::Child::Table(_) => None,
            })
            .collect();
        if paragraphs.is_empty() {
            paragraphs.push(Paragraph::new().style(NOTE_TEXT));
        }
        let first = paragraphs.remove(0);
        let mut spaced = Paragraph::new();
        spaced.property = first.property.clone();
        spaced = spaced.add_run(Run::new().add_text(" "));
        spaced.children.extend(first.children);
        paragraphs.insert(0, spaced);
        paragraphs
    }
}

/// A later reference to the note numbered `number`: `NOTEREF _RefNoteN \f \h`, its shown
/// result the number in the Footnote Reference style.
fn note_field(p: Paragraph, number: usize) -> Paragraph {
    p.add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(
            Run::new().add_instr_text(InstrText::Unsupported(format!(" NOTEREF {} \\f \\h ", bookmark_name(number)))),
        )
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().style(NOTE_REFERENCE).add_text(number.to_string()))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
}
