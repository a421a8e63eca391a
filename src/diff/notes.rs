//! Footnotes matched across versions by label and content, so that a note inserted in the
//! middle (every later note numbered one higher) shows as one note added and the others
//! renumbered, not as every note changed.
//!
//! Matching, for printed notes: (1) same label and same text; (2) same text under another
//! label; (3) same label, other text (a note changed); (4) mostly the same words under
//! another label (changed and relabelled). What remains is added or removed. A matched note
//! whose text differs is diffed word by word; one that only prints under another number is
//! "renumbered".

use std::collections::HashMap;

use serde::Serialize;

use super::blocks::{Block, BlockKind, Document, Note, TokenKind};
use super::text::{Context, Ids, TextChange, similarity};
use super::words::{WordsAt, mark_hunk, render, word_change};
use super::{Place, Side};
use crate::lcs::hunks;
use crate::writer::marks::Edits;
use crate::writer::marks::Mark;

/// Notes of a text this similar (shared words) under different labels are one note changed.
const NOTE_SIMILARITY: f64 = 0.5;

/// Which OLD note is which NEW note.
#[derive(Debug, Clone, Default)]
pub struct NoteMatches {
    /// For each OLD note, its NEW counterpart.
    pub old_to_new: Vec<Option<usize>>,
    /// For each NEW note, its OLD counterpart.
    pub new_to_old: Vec<Option<usize>>,
}

/// What happened to a footnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteChangeKind {
    /// A new note.
    Added,
    /// A note gone.
    Removed,
    /// The note's text changed (its number may have too).
    Changed,
    /// Same text, printed under another number.
    Renumbered,
}

/// A footnote in one version.
#[derive(Debug, Clone, Serialize)]
pub struct NoteState {
    /// The label in the source (`[^12]` → `12`).
    pub label: String,
    /// The number printed.
    pub number: usize,
    /// The note's text as printed.
    pub text: String,
    /// Where it is defined.
    pub place: Place,
}

/// A footnote that differs.
#[derive(Debug, Clone, Serialize)]
pub struct NoteChange {
    /// What happened.
    pub kind: NoteChangeKind,
    /// The note in OLD.
    pub old: Option<NoteState>,
    /// The note in NEW.
    pub new: Option<NoteState>,
    /// For a changed note: its word changes.
    pub changes: Vec<TextChange>,
}

/// Matches the printed notes of two versions.
pub fn match_notes(old: &Document, new: &Document) -> NoteMatches {
    let mut words: HashMap<String, u32> = HashMap::new();
    let mut key = |note: &Note| -> Vec<u32> {
        note.tokens
            .iter()
            .map(|t| {
                let w = match &t.kind {
                    TokenKind::Word(w) => w.as_str(),
                    TokenKind::Note(_) => "\u{1}",
                };
                let next = words.len() as u32;
                *words.entry(w.to_string()).or_insert(next)
            })
            .collect()
    };
    let old_keys: Vec<Vec<u32>> = old.notes.iter().map(&mut key).collect();
    let new_keys: Vec<Vec<u32>> = new.notes.iter().map(&mut key).collect();
    let mut m = NoteMatches { old_to_new: vec![None; old.notes.len()], new_to_old: vec![None; new.notes.len()] };
    let printed_old: Vec<usize> = (0..old.notes.len()).filter(|&i| old.notes[i].number.is_some()).collect();
    let printed_new: Vec<usize> = (0..new.notes.len()).filter(|&j| new.notes[j].number.is_some()).collect();
    let same_label = |i: usize, j: usize| old.notes[i].label.eq_ignore_ascii_case(&new.notes[j].label);
    let distance = |i: usize, j: usize| old.notes[i].number.unwrap_or(0).abs_diff(new.notes[j].number.unwrap_or(0));

    let pass = |m: &mut NoteMatches, accept: &dyn Fn(usize, usize) -> Option<f64>| {
        for &i in &printed_old {
            if m.old_to_new[i].is_some() {
                continue;
            }
            // the best acceptable candidate; ties go to the nearest number
            let best = printed_new
                .iter()
                .filter(|&&j| m.new_to_old[j].is_none())
                .filter_map(|&j| accept(i, j).map(|score| (j, score)))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(distance(i, b.0).cmp(&distance(i, a.0))));
            if let Some((j, _)) = best {
                m.old_to_new[i] = Some(j);
                m.new_to_old[j] = Some(i);
            }
        }
    };
    let same_text = |i: usize, j: usize| old_keys[i] == new_keys[j];
    pass(&mut m, &|i, j| (same_label(i, j) && same_text(i, j)).then_some(1.0));
    pass(&mut m, &|i, j| same_text(i, j).then_some(1.0));
    pass(&mut m, &|i, j| same_label(i, j).then_some(1.0));
    pass(&mut m, &|i, j| Some(similarity(&old_keys[i], &new_keys[j])).filter(|s| *s >= NOTE_SIMILARITY));
    m
}

/// Compares matched notes word by word; records change marks for the redline.
pub fn compare(old: &Side, new: &Side, matches: &NoteMatches, edits: &mut Edits) -> Vec<NoteChange> {
    let ctx = Context { old, new, notes: matches, old_ids: &[], new_ids: &[] };
    let mut ids = Ids::default();
    let mut out = Vec::new();
    let mut order: Vec<usize> = (0..new.doc.notes.len()).filter(|&j| new.doc.notes[j].number.is_some()).collect();
    order.sort_by_key(|&j| new.doc.notes[j].number);
    for j in order {
        let note = &new.doc.notes[j];
        let Some(i) = matches.new_to_old[j] else {
            out.push(NoteChange {
                kind: NoteChangeKind::Added,
                old: None,
                new: Some(state(new, note)),
                changes: Vec::new(),
            });
            if let (Some(a), Some(b)) = (note.tokens.first(), note.tokens.last()) {
                edits.wrap(note.section, a.range.start..b.range.end, Mark::Inserted);
            }
            continue;
        };
        let before = &old.doc.notes[i];
        let (a, b) = (ids.of(&before.tokens, true, matches), ids.of(&note.tokens, false, matches));
        let found = hunks(&a, &b);
        if found.is_empty() {
            if before.number != note.number {
                out.push(NoteChange {
                    kind: NoteChangeKind::Renumbered,
                    old: Some(state(old, before)),
                    new: Some(state(new, note)),
                    changes: Vec::new(),
                });
            }
            continue;
        }
        let (old_block, new_block) = (as_block(before), as_block(note));
        let mut changes = Vec::new();
        for hunk in &found {
            let at = WordsAt { old_block: &old_block, new_block: &new_block, hunk };
            changes.push(word_change(&ctx, &at));
            mark_hunk(&ctx, edits, &at, Mark::Inserted, Mark::Deleted);
        }
        out.push(NoteChange {
            kind: NoteChangeKind::Changed,
            old: Some(state(old, before)),
            new: Some(state(new, note)),
            changes,
        });
    }
    let mut removed: Vec<&Note> =
        (0..old.doc.notes.len()).filter(|&i| matches.old_to_new[i].is_none()).map(|i| &old.doc.notes[i]).collect();
    removed.retain(|n| n.number.is_some());
    removed.sort_by_key(|n| n.number);
    out.extend(removed.into_iter().map(|n| NoteChange {
        kind: NoteChangeKind::Removed,
        old: Some(state(old, n)),
        new: None,
        changes: Vec::new(),
    }));
    out
}

fn state(side: &Side, note: &Note) -> NoteState {
    NoteState {
        label: note.label.clone(),
        number: note.number.unwrap_or(0),
        text: render(side, &note.tokens, None),
        // where its text is printed (the `[^label]:` itself is not)
        place: side.place(note.section, note.tokens.first().map_or(note.offset, |t| t.range.start)),
    }
}

/// A note's words as a block, to compare them like a paragraph.
fn as_block(note: &Note) -> Block {
    Block { section: note.section, kind: BlockKind::Paragraph, start: note.offset, tokens: note.tokens.clone() }
}
