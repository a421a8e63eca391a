//! A PDF read as printed (no sources: made by Word, LibreOffice, another tool — or a baocao PDF
//! whose sources do not match it), in the blocks and tokens the comparing stages read.
//!
//! Takes [`pdf_text::document`]'s headings, paragraphs, items and notes; hands on a
//! [`Document`] whose tokens are numbered in reading order — a token's range is its number —
//! and, by that number, the page and line where each is printed, so that every change is
//! placed as a reader finds it.
//!
//! When one side of a comparison is printed, the other is read the same way from its own PDF
//! (so that both texts are cut into blocks by the same reader), and where it has sources,
//! [`attribute`] joins its printed words to its model: a word printed on the same page and
//! line with the same text is that word of the model, with its section place and the facts it
//! prints.

use std::collections::HashMap;

use super::blocks::{Block, BlockKind, Document, Note, Token, TokenKind};
use crate::pdf_text::{self, PrintedDocument, PrintedWord, WordKind};
use crate::typeset::positions::Positions;

/// A printed PDF as tokens, and the page and line of each token.
pub struct Printed {
    /// Blocks and notes.
    pub doc: Document,
    /// (page, line) of each token, by the token's number (its range's start).
    pub places: Vec<(usize, usize)>,
    /// For a side with sources: the section and rendered offset of each token's word in the
    /// model, when [`attribute`] found it.
    pub sources: Vec<Option<(usize, usize)>>,
}

/// Reads the blocks and notes of a printed document.
pub fn read(printed: &PrintedDocument) -> Printed {
    let mut out = Printed { doc: Document::default(), places: Vec::new(), sources: Vec::new() };
    let numbers: HashMap<u32, usize> = printed.notes.iter().enumerate().map(|(i, n)| (n.number, i)).collect();
    let mut note_tokens = Vec::new();
    for note in &printed.notes {
        let mut tokens = tokens(&note.words, &numbers, &mut out.places);
        if let Some(first) = tokens.first_mut() {
            first.space_before = false;
        }
        note_tokens.push(tokens);
    }
    for block in &printed.blocks {
        let kind = match block.kind {
            pdf_text::BlockKind::Heading { .. } => BlockKind::Heading,
            pdf_text::BlockKind::Paragraph => BlockKind::Paragraph,
            pdf_text::BlockKind::ListItem => BlockKind::Item,
        };
        let tokens = tokens(&block.words, &numbers, &mut out.places);
        let start = tokens.first().map_or(out.places.len(), |t| t.range.start);
        if !tokens.is_empty() {
            out.doc.blocks.push(Block { section: 0, kind, start, tokens });
        }
    }
    for (note, tokens) in printed.notes.iter().zip(note_tokens) {
        let offset = tokens.first().map_or(0, |t| t.range.start);
        out.doc.notes.push(Note {
            label: note.number.to_string(),
            section: 0,
            offset,
            tokens,
            number: Some(note.number as usize),
        });
    }
    out.sources = vec![None; out.places.len()];
    out
}

/// Joins the printed words of a side with sources to its model: each printed word that the
/// model prints on the same page and line, with the same text, takes the model word's place
/// in its section and the facts it prints.
pub fn attribute(printed: &mut Printed, model: &Document, positions: &Positions) {
    let mut at: HashMap<(usize, usize, &str), Vec<(usize, usize, &[usize])>> = HashMap::new();
    let tokens =
        model.blocks.iter().map(|b| (b.section, &b.tokens)).chain(model.notes.iter().map(|n| (n.section, &n.tokens)));
    for (section, tokens) in tokens {
        for t in tokens {
            let (TokenKind::Word(word), Some((page, line))) = (&t.kind, positions.of(section, t.range.start)) else {
                continue;
            };
            at.entry((page, line, word.as_str())).or_default().push((section, t.range.start, &t.uses));
        }
    }
    let places = &printed.places;
    let sources = &mut printed.sources;
    let blocks =
        printed.doc.blocks.iter_mut().map(|b| &mut b.tokens).chain(printed.doc.notes.iter_mut().map(|n| &mut n.tokens));
    for tokens in blocks {
        for t in tokens.iter_mut() {
            let TokenKind::Word(word) = &t.kind else { continue };
            let (page, line) = places[t.range.start];
            let Some(found) = at.get_mut(&(page, line, word.as_str())).filter(|f| !f.is_empty()) else { continue };
            let (section, offset, uses) = found.remove(0);
            sources[t.range.start] = Some((section, offset));
            t.uses = uses.to_vec();
        }
    }
}

/// The tokens of printed words, numbered on from `places` (which gains each one's page and line).
fn tokens(words: &[PrintedWord], notes: &HashMap<u32, usize>, places: &mut Vec<(usize, usize)>) -> Vec<Token> {
    words
        .iter()
        .map(|w| {
            let at = places.len();
            places.push((w.page, w.line));
            let kind = match w.kind {
                WordKind::NoteRef(n) => match notes.get(&n) {
                    Some(&i) => TokenKind::Note(i),
                    // a raised number with no note at the foot of any page: a word like another
                    None => TokenKind::Word(n.to_string()),
                },
                WordKind::Text => TokenKind::Word(w.text.clone()),
            };
            Token { kind, range: at..at + 1, space_before: w.space_before, uses: Vec::new() }
        })
        .collect()
}
