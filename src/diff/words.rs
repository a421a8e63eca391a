//! A changed region of words (a [`Hunk`] inside a paired block or note): its entry in the
//! report (words, context, the facts it belongs to) and its marks in the redline; and tokens
//! printed back as text.

use std::collections::BTreeSet;
use std::ops::Range;

use super::Side;
use super::blocks::{Block, Token, TokenKind};
use super::notes::NoteMatches;
use super::text::{Context, Scope, TextChange, TextChangeKind};
use crate::lcs::Hunk;
use crate::writer::marks::Edits;
use crate::writer::marks::Mark;

/// Words of context shown around a change.
const CONTEXT_WORDS: usize = 8;

/// A hunk with the blocks it is in.
pub(crate) struct WordsAt<'a> {
    /// The OLD block (or note) tokens' owner.
    pub old_block: &'a Block,
    /// The NEW block.
    pub new_block: &'a Block,
    /// The changed region.
    pub hunk: &'a Hunk,
}

/// A change of words inside a paired block (or note).
pub(crate) fn word_change(ctx: &Context, at: &WordsAt) -> TextChange {
    let (old, new) = (ctx.old, ctx.new);
    let (ot, nt, h) = (&at.old_block.tokens, &at.new_block.tokens, at.hunk);
    let kind = match (h.old.is_empty(), h.new.is_empty()) {
        (true, _) => TextChangeKind::Inserted,
        (_, true) => TextChangeKind::Deleted,
        _ => TextChangeKind::Replaced,
    };
    let old_offset = ot.get(h.old.start).map_or(at.old_block.start, |t| t.range.start);
    let new_offset = position(nt, h.new.start, at.new_block.start).0;
    let old_keys = fact_keys(old, &ot[h.old.clone()]);
    let new_keys = fact_keys(new, &nt[h.new.clone()]);
    let inside = |tokens: &[Token]| !tokens.is_empty() && tokens.iter().all(|t| !t.uses.is_empty());
    let facts_only = inside(&ot[h.old.clone()]) && inside(&nt[h.new.clone()]) && !old_keys.is_disjoint(&new_keys);
    TextChange {
        kind,
        scope: Scope::Words,
        old_place: Some(old.place(at.old_block.section, old_offset)),
        new_place: Some(new.place(at.new_block.section, new_offset)),
        old: render(old, &ot[h.old.clone()], None),
        new: render(new, &nt[h.new.clone()], None),
        before: render(new, &nt[h.new.start.saturating_sub(CONTEXT_WORDS)..h.new.start], None),
        after: render(new, &nt[h.new.end..(h.new.end + CONTEXT_WORDS).min(nt.len())], None),
        facts: old_keys.union(&new_keys).cloned().collect(),
        facts_only,
    }
}

/// Marks a hunk for the redline: its new words wrapped in `ins`, its old words shown in `del`.
pub(crate) fn mark_hunk(ctx: &Context, edits: &mut Edits, at: &WordsAt, ins: Mark, del: Mark) {
    let (nt, h) = (&at.new_block.tokens, at.hunk);
    if !h.new.is_empty() {
        edits.wrap(at.new_block.section, nt[h.new.start].range.start..nt[h.new.end - 1].range.end, ins);
    }
    if !h.old.is_empty() {
        let text = render(ctx.old, &at.old_block.tokens[h.old.clone()], Some(ctx.notes));
        let (offset, before) = position(nt, h.new.start, at.new_block.start);
        edits.inline_text(at.new_block.section, offset, before, del, &text);
    }
}

/// Where text goes in front of token `at` (or after the last token; at `fallback` when none).
fn position(tokens: &[Token], at: usize, fallback: usize) -> (usize, bool) {
    match (tokens.get(at), tokens.last()) {
        (Some(t), _) => (t.range.start, true),
        (None, Some(t)) => (t.range.end, false),
        (None, None) => (fallback, true),
    }
}

pub(crate) fn span(tokens: &[Token]) -> Range<usize> {
    match (tokens.first(), tokens.last()) {
        (Some(a), Some(b)) => a.range.start..b.range.end,
        _ => 0..0,
    }
}

/// The keys of the facts whose printing these tokens belong to.
fn fact_keys(side: &Side, tokens: &[Token]) -> BTreeSet<String> {
    tokens
        .iter()
        .flat_map(|t| &t.uses)
        .filter_map(|id| side.model.as_ref()?.narrative.document.facts.get(*id).filter(|u| u.id == *id))
        .flat_map(|u| u.keys.iter().cloned())
        .collect()
}

/// Tokens as printed: words with their spaces, footnote references as `[^N]`. With `notes`
/// (OLD side, for the redline), a reference to a note that is gone in NEW shows the note's
/// text too: `[^N: …]`.
pub(crate) fn render(side: &Side, tokens: &[Token], notes: Option<&NoteMatches>) -> String {
    let mut out = String::new();
    render_into(&mut out, side, tokens, notes, 0);
    out
}

fn render_into(out: &mut String, side: &Side, tokens: &[Token], notes: Option<&NoteMatches>, depth: usize) {
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && t.space_before {
            out.push(' ');
        }
        match &t.kind {
            TokenKind::Word(w) => out.push_str(w),
            TokenKind::Note(n) => {
                let note = &side.doc.notes[*n];
                let number = note.number.map_or("?".to_string(), |k| k.to_string());
                match notes {
                    Some(m) if m.old_to_new[*n].is_none() && depth < 3 => {
                        out.push_str(&format!("[^{number}: "));
                        render_into(out, side, &note.tokens, notes, depth + 1);
                        out.push(']');
                    }
                    _ => out.push_str(&format!("[^{number}]")),
                }
            }
        }
    }
}
