//! The narrative compared as printed, word by word.
//!
//! 1. Sections are matched by file; within a pair, blocks are aligned (Myers over whole
//!    blocks), and in each changed region old and new blocks are paired by word overlap.
//! 2. A paired block is compared word by word ([`super::lcs`]); a footnote reference is a
//!    word that stands for its note (matched across versions, see [`super::notes`]), so a
//!    renumbered note changes nothing in the text.
//! 3. Moves: a block (or a run of at least [`MIN_MOVED_WORDS`] words) deleted in one place and
//!    inserted unchanged elsewhere — in the same section or another — is one move; a block
//!    deleted and inserted elsewhere nearly unchanged is a move plus its word changes.
//! 4. A change whose words lie in the printing of a fact is attributed to the fact.
//!
//! Every change is also turned into change marks for the redline ([`super::redline::Edits`]).

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use serde::Serialize;

use super::blocks::{Block, Token, TokenKind};
use super::notes::NoteMatches;
use super::words::{WordsAt, mark_hunk, render, span, word_change};
use super::{Place, Side};
use crate::lcs::{Hunk, hunks};
use crate::writer::marks::Edits;
use crate::writer::marks::Mark;

/// The shortest run of words reported as moved (shorter runs are ordinary edits).
pub const MIN_MOVED_WORDS: usize = 4;
/// Blocks at least this similar (shared words) are paired as one block changed.
const PAIR_SIMILARITY: f64 = 0.5;
/// A block deleted in one place and one at least this similar inserted elsewhere is a move.
const MOVE_SIMILARITY: f64 = 0.8;

/// What happened to a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextChangeKind {
    /// New text.
    Inserted,
    /// Text gone.
    Deleted,
    /// Old words replaced by new ones.
    Replaced,
    /// The same text in another place.
    Moved,
}

/// How much text a change covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Words inside a block.
    Words,
    /// A whole block (paragraph, heading, list item).
    Block,
}

/// One change in the narrative (or in a footnote's text).
#[derive(Debug, Clone, Serialize)]
pub struct TextChange {
    /// What happened.
    pub kind: TextChangeKind,
    /// Words or a whole block.
    pub scope: Scope,
    /// Where the old text was (section file and line), if any.
    pub old_place: Option<Place>,
    /// Where the new text is, if any (for a deletion: where it was removed from).
    pub new_place: Option<Place>,
    /// The old words as printed (footnote references as `[^N]`, N the printed number).
    pub old: String,
    /// The new words as printed.
    pub new: String,
    /// Printed words just before the change (NEW).
    pub before: String,
    /// Printed words just after the change (NEW).
    pub after: String,
    /// Facts whose printed value the changed words belong to.
    pub facts: Vec<String>,
    /// True when the change lies wholly in the printing of those facts (their value changed).
    pub facts_only: bool,
}

/// A token as a number for comparison: words by text, footnote references by note identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Canon {
    Word(String),
    /// A note of NEW (or the OLD note matched to it).
    Note(usize),
    /// An OLD note with no counterpart.
    OldNote(usize),
}

/// Numbers tokens (and sequences of them) so that equal text compares equal.
#[derive(Default)]
pub(crate) struct Ids {
    tokens: HashMap<Canon, u32>,
    sequences: HashMap<Vec<u32>, u32>,
}

impl Ids {
    /// The numbers of `tokens` of the OLD (`old == true`) or NEW version.
    pub(crate) fn of(&mut self, tokens: &[Token], old: bool, notes: &NoteMatches) -> Vec<u32> {
        tokens
            .iter()
            .map(|t| {
                let canon = match &t.kind {
                    TokenKind::Word(w) => Canon::Word(w.clone()),
                    TokenKind::Note(n) if !old => Canon::Note(*n),
                    TokenKind::Note(n) => match notes.old_to_new[*n] {
                        Some(m) => Canon::Note(m),
                        None => Canon::OldNote(*n),
                    },
                };
                let next = self.tokens.len() as u32;
                *self.tokens.entry(canon).or_insert(next)
            })
            .collect()
    }

    fn sequence(&mut self, ids: &[u32]) -> u32 {
        let next = self.sequences.len() as u32;
        *self.sequences.entry(ids.to_vec()).or_insert(next)
    }
}

/// How alike two token sequences are: shared tokens over their mean length (Dice), 0 to 1.
pub(crate) fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut counts: HashMap<u32, isize> = HashMap::new();
    for x in a {
        *counts.entry(*x).or_insert(0) += 1;
    }
    let mut shared = 0;
    for y in b {
        if let Some(c) = counts.get_mut(y).filter(|c| **c > 0) {
            *c -= 1;
            shared += 1;
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Where a deleted block is shown in NEW: before a block, or after a section's last one.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    section: usize,
    offset: usize,
}

/// An aligned piece of the two documents.
enum Item {
    /// An OLD block and its NEW counterpart (equal when `hunks` is empty).
    Pair { old: usize, new: usize, hunks: Vec<Hunk>, moved_from: Option<Anchor> },
    /// An OLD block with no counterpart.
    Deleted { old: usize, anchor: Anchor },
    /// A NEW block with no counterpart.
    Inserted { new: usize },
    /// A deleted block found moved (reported at its NEW place).
    Gone,
}

/// A run of tokens that may be one side of a move: a whole block, or one hunk's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Run {
    item: usize,
    hunk: Option<usize>,
}

/// Compares the narratives of two versions; records change marks for the redline.
pub fn compare(old: &Side, new: &Side, notes: &NoteMatches, edits: &mut Edits) -> Vec<TextChange> {
    let mut ids = Ids::default();
    let old_ids: Vec<Vec<u32>> = old.doc.blocks.iter().map(|b| ids.of(&b.tokens, true, notes)).collect();
    let new_ids: Vec<Vec<u32>> = new.doc.blocks.iter().map(|b| ids.of(&b.tokens, false, notes)).collect();
    let old_keys: Vec<u32> = old_ids.iter().map(|s| ids.sequence(s)).collect();
    let new_keys: Vec<u32> = new_ids.iter().map(|s| ids.sequence(s)).collect();
    let ctx = Context { old, new, notes, old_ids: &old_ids, new_ids: &new_ids };

    let mut items = align(&ctx, &old_keys, &new_keys);
    let moves = find_moves(&ctx, &mut items);
    emit(&ctx, &items, &moves, edits)
}

/// Both sides with their token numbers.
pub(crate) struct Context<'a> {
    /// OLD.
    pub old: &'a Side<'a>,
    /// NEW.
    pub new: &'a Side<'a>,
    /// The notes matched across versions.
    pub notes: &'a NoteMatches,
    /// Token numbers of OLD's blocks.
    pub old_ids: &'a [Vec<u32>],
    /// Token numbers of NEW's blocks.
    pub new_ids: &'a [Vec<u32>],
}

/// The blocks of each section compared: index ranges into the side's blocks (blocks are in
/// section order).
fn section_blocks(side: &Side) -> Vec<Range<usize>> {
    let blocks = &side.doc.blocks;
    let mut ranges = vec![0..0; side.sections.len()];
    let mut at = 0;
    for (s, range) in ranges.iter_mut().enumerate() {
        let start = at;
        while at < blocks.len() && side.group(&blocks[at]) == s {
            at += 1;
        }
        *range = start..at;
    }
    ranges
}

/// Step 1: sections by file, blocks by Myers, changed regions paired by similarity.
fn align(ctx: &Context, old_keys: &[u32], new_keys: &[u32]) -> Vec<Item> {
    let old_sections = section_blocks(ctx.old);
    let new_sections = section_blocks(ctx.new);
    let new_by_path: HashMap<&std::path::Path, usize> =
        ctx.new.sections.iter().enumerate().map(|(i, s)| (s.as_path(), i)).collect();
    let old_for_new: HashMap<usize, usize> = ctx
        .old
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| new_by_path.get(s.as_path()).map(|&j| (j, i)))
        .collect();

    let mut items = Vec::new();
    let mut last_new_section = None;
    let flush_unmatched = |items: &mut Vec<Item>, upto: usize, done: &mut usize, anchor: Anchor| {
        while *done < upto {
            if !new_by_path.contains_key(ctx.old.sections[*done].as_path()) {
                items.extend(old_sections[*done].clone().map(|old| Item::Deleted { old, anchor }));
            }
            *done += 1;
        }
    };
    let mut old_done = 0;
    for (j, new_range) in new_sections.iter().enumerate() {
        let first = new_range.clone().next().map_or(j, |b| ctx.new.doc.blocks[b].section);
        let section_start = Anchor { section: first, offset: 0 };
        let Some(&i) = old_for_new.get(&j) else {
            items.extend(new_range.clone().map(|new| Item::Inserted { new }));
            last_new_section = Some(j);
            continue;
        };
        // old sections without a NEW file, up to this one, are shown where they stood
        let anchor = last_new_section.map_or(section_start, |s| section_end(ctx, &new_sections, s));
        flush_unmatched(&mut items, i, &mut old_done, anchor);
        old_done = old_done.max(i + 1);
        let old_range = old_sections[i].clone();
        let (o0, n0) = (old_range.start, new_range.start);
        let anchor_before = |n: usize| -> Anchor {
            if n < new_range.end {
                let block = &ctx.new.doc.blocks[n];
                Anchor { section: block.section, offset: line_start(ctx.new.rendered(block.section), block.start) }
            } else {
                section_end(ctx, &new_sections, j)
            }
        };
        let mut o = o0;
        let mut n = n0;
        for h in hunks(&old_keys[old_range.clone()], &new_keys[new_range.clone()]) {
            let (ho, hn) = (o0 + h.old.start..o0 + h.old.end, n0 + h.new.start..n0 + h.new.end);
            while o < ho.start {
                items.push(Item::Pair { old: o, new: n, hunks: Vec::new(), moved_from: None });
                (o, n) = (o + 1, n + 1);
            }
            // pair by similarity, in order
            let mut next_new = hn.start;
            for ob in ho.clone() {
                let best = (next_new..hn.end)
                    .map(|nb| (nb, similarity(&ctx.old_ids[ob], &ctx.new_ids[nb])))
                    .filter(|(_, s)| *s >= PAIR_SIMILARITY)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                match best {
                    Some((nb, _)) => {
                        items.extend((next_new..nb).map(|new| Item::Inserted { new }));
                        let hunks = hunks(&ctx.old_ids[ob], &ctx.new_ids[nb]);
                        items.push(Item::Pair { old: ob, new: nb, hunks, moved_from: None });
                        next_new = nb + 1;
                    }
                    None => items.push(Item::Deleted { old: ob, anchor: anchor_before(next_new) }),
                }
            }
            items.extend((next_new..hn.end).map(|new| Item::Inserted { new }));
            (o, n) = (ho.end, hn.end);
        }
        while o < old_range.end {
            items.push(Item::Pair { old: o, new: n, hunks: Vec::new(), moved_from: None });
            (o, n) = (o + 1, n + 1);
        }
        last_new_section = Some(j);
    }
    let end = match last_new_section {
        Some(s) => section_end(ctx, &new_sections, s),
        None => Anchor { section: 0, offset: 0 },
    };
    flush_unmatched(&mut items, ctx.old.sections.len(), &mut old_done, end);
    items
}

/// After the last block of NEW section `s` (its end when it has none).
fn section_end(ctx: &Context, new_sections: &[Range<usize>], s: usize) -> Anchor {
    let last = new_sections[s].clone().last().map(|b| &ctx.new.doc.blocks[b]);
    let section = last.map_or(s, |b| b.section);
    let text = ctx.new.rendered(section);
    let offset = match last.and_then(|b| b.tokens.last()) {
        Some(t) => text.get(t.range.end..).and_then(|rest| rest.find('\n')).map_or(text.len(), |i| t.range.end + i),
        None => text.len(),
    };
    Anchor { section, offset }
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

/// Step 3: moves of whole blocks (exact, then nearly equal) and of runs of words.
fn find_moves(ctx: &Context, items: &mut [Item]) -> Vec<(Run, Run)> {
    // whole blocks: exactly equal first, then nearly equal
    let mut inserted: HashMap<&[u32], Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate().rev() {
        if let Item::Inserted { new } = item {
            inserted.entry(ctx.new_ids[*new].as_slice()).or_default().push(i);
        }
    }
    let mut turned = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if let Item::Deleted { old, anchor } = item
            && let Some(j) = inserted.get_mut(ctx.old_ids[*old].as_slice()).and_then(Vec::pop)
        {
            turned.push((i, j, *old, *anchor));
        }
    }
    let taken: BTreeSet<usize> = turned.iter().flat_map(|t| [t.0, t.1]).collect();
    let mut free: Vec<usize> =
        (0..items.len()).filter(|i| matches!(items[*i], Item::Inserted { .. }) && !taken.contains(i)).collect();
    for (i, item) in items.iter().enumerate() {
        let Item::Deleted { old, anchor } = *item else { continue };
        if taken.contains(&i) {
            continue;
        }
        let best = free
            .iter()
            .enumerate()
            .filter_map(|(k, &j)| match items[j] {
                Item::Inserted { new } => Some((k, j, similarity(&ctx.old_ids[old], &ctx.new_ids[new]))),
                _ => None,
            })
            .filter(|(_, _, s)| *s >= MOVE_SIMILARITY)
            .max_by(|a, b| a.2.total_cmp(&b.2));
        if let Some((k, j, _)) = best {
            free.remove(k);
            turned.push((i, j, old, anchor));
        }
    }
    for (i, j, old, anchor) in turned {
        let Item::Inserted { new } = items[j] else { continue };
        items[j] =
            Item::Pair { old, new, hunks: hunks(&ctx.old_ids[old], &ctx.new_ids[new]), moved_from: Some(anchor) };
        items[i] = Item::Gone;
    }

    // runs of words (or whole blocks) deleted in one place and inserted unchanged in another
    let runs: Vec<Run> = items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| match item {
            Item::Pair { hunks, .. } => (0..hunks.len()).map(|h| Run { item: i, hunk: Some(h) }).collect::<Vec<_>>(),
            _ => vec![Run { item: i, hunk: None }],
        })
        .collect();
    let mut by_text: HashMap<&[u32], Vec<Run>> = HashMap::new();
    for run in runs.iter().rev() {
        if let Some(key) = run_ids(ctx, items, *run, false) {
            by_text.entry(key).or_default().push(*run);
        }
    }
    let mut moves = Vec::new();
    for run in &runs {
        if let Some(key) = run_ids(ctx, items, *run, true)
            && let Some(to) = by_text.get_mut(key).and_then(Vec::pop)
        {
            moves.push((*run, to));
        }
    }
    moves
}

/// The tokens of a run that could be one side of a move: only deleted (`old_side`) or only
/// inserted words, at least [`MIN_MOVED_WORDS`] of them, or a whole deleted or inserted block.
fn run_ids<'a>(ctx: &'a Context, items: &[Item], run: Run, old_side: bool) -> Option<&'a [u32]> {
    match (&items[run.item], run.hunk) {
        (Item::Pair { old, new, hunks, .. }, Some(h)) => {
            let h = &hunks[h];
            if old_side && h.new.is_empty() && h.old.len() >= MIN_MOVED_WORDS {
                Some(&ctx.old_ids[*old][h.old.clone()])
            } else if !old_side && h.old.is_empty() && h.new.len() >= MIN_MOVED_WORDS {
                Some(&ctx.new_ids[*new][h.new.clone()])
            } else {
                None
            }
        }
        (Item::Deleted { old, .. }, None) if old_side => Some(&ctx.old_ids[*old]),
        (Item::Inserted { new }, None) if !old_side => Some(&ctx.new_ids[*new]),
        _ => None,
    }
}

/// Step 4: the changes, in NEW's order, and their marks.
fn emit(ctx: &Context, items: &[Item], moves: &[(Run, Run)], edits: &mut Edits) -> Vec<TextChange> {
    let source_of: HashMap<Run, Run> = moves.iter().map(|(from, to)| (*to, *from)).collect();
    let moved_away: BTreeSet<(usize, Option<usize>)> = moves.iter().map(|(from, _)| (from.item, from.hunk)).collect();
    let (old, new) = (ctx.old, ctx.new);
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Gone => {}
            Item::Pair { old: ob, new: nb, hunks, moved_from } => {
                let (ob, nb) = (&old.doc.blocks[*ob], &new.doc.blocks[*nb]);
                if let Some(anchor) = moved_from {
                    let mut change = block_change(ctx, TextChangeKind::Moved, Some(ob), Some(nb), *anchor);
                    change.old = render(old, &ob.tokens, None);
                    out.push(change);
                    edits.wrap(nb.section, span(&nb.tokens), Mark::MovedHere);
                    let text = render(old, &ob.tokens, Some(ctx.notes));
                    edits.block_text(anchor.section, anchor.offset, Mark::MovedAway, &text);
                }
                for (h, hunk) in hunks.iter().enumerate() {
                    let run = Run { item: i, hunk: Some(h) };
                    let tokens = WordsAt { old_block: ob, new_block: nb, hunk };
                    if moved_away.contains(&(i, Some(h))) {
                        mark_hunk(ctx, edits, &tokens, Mark::Inserted, Mark::MovedAway);
                    } else if let Some(from) = source_of.get(&run) {
                        let mut change = word_change(ctx, &tokens);
                        change.kind = TextChangeKind::Moved;
                        (change.old_place, change.old) = run_source(ctx, items, *from);
                        out.push(change);
                        mark_hunk(ctx, edits, &tokens, Mark::MovedHere, Mark::Deleted);
                    } else {
                        out.push(word_change(ctx, &tokens));
                        mark_hunk(ctx, edits, &tokens, Mark::Inserted, Mark::Deleted);
                    }
                }
            }
            Item::Deleted { old: ob, anchor } => {
                let ob = &old.doc.blocks[*ob];
                let text = render(old, &ob.tokens, Some(ctx.notes));
                if moved_away.contains(&(i, None)) {
                    edits.block_text(anchor.section, anchor.offset, Mark::MovedAway, &text);
                } else {
                    out.push(block_change(ctx, TextChangeKind::Deleted, Some(ob), None, *anchor));
                    edits.block_text(anchor.section, anchor.offset, Mark::Deleted, &text);
                }
            }
            Item::Inserted { new: nb } => {
                let nb = &new.doc.blocks[*nb];
                let at = Anchor { section: nb.section, offset: nb.start };
                if let Some(from) = source_of.get(&Run { item: i, hunk: None }) {
                    let mut change = block_change(ctx, TextChangeKind::Moved, None, Some(nb), at);
                    (change.old_place, change.old) = run_source(ctx, items, *from);
                    out.push(change);
                    edits.wrap(nb.section, span(&nb.tokens), Mark::MovedHere);
                } else {
                    out.push(block_change(ctx, TextChangeKind::Inserted, None, Some(nb), at));
                    edits.wrap(nb.section, span(&nb.tokens), Mark::Inserted);
                }
            }
        }
    }
    out
}

/// Where the source of a move was, and its text as printed in OLD.
fn run_source(ctx: &Context, items: &[Item], run: Run) -> (Option<Place>, String) {
    let old = ctx.old;
    let (block, range) = match (&items[run.item], run.hunk) {
        (Item::Pair { old: ob, hunks, .. }, Some(h)) => (&old.doc.blocks[*ob], hunks[h].old.clone()),
        (Item::Deleted { old: ob, .. }, _) => (&old.doc.blocks[*ob], 0..old.doc.blocks[*ob].tokens.len()),
        _ => return (None, String::new()),
    };
    let tokens = &block.tokens[range];
    let offset = tokens.first().map_or(block.start, |t| t.range.start);
    (Some(old.place(block.section, offset)), render(old, tokens, None))
}

/// A whole block inserted, deleted or moved.
fn block_change(
    ctx: &Context,
    kind: TextChangeKind,
    old: Option<&Block>,
    new: Option<&Block>,
    at: Anchor,
) -> TextChange {
    TextChange {
        kind,
        scope: Scope::Block,
        old_place: old.map(|b| ctx.old.place(b.section, b.start)),
        new_place: Some(match new {
            Some(b) => ctx.new.place(b.section, b.start),
            None => ctx.new.place(at.section, at.offset),
        }),
        old: old.map(|b| render(ctx.old, &b.tokens, None)).unwrap_or_default(),
        new: new.map(|b| render(ctx.new, &b.tokens, None)).unwrap_or_default(),
        before: String::new(),
        after: String::new(),
        facts: Vec::new(),
        facts_only: false,
    }
}
