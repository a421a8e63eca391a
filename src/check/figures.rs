//! Figures that contradict themselves without any declaration, read from the document model
//! (the printed text and its fact inlines):
//!
//! - `figure-fraction`: two figures printed as "a/b" (one of them a fact) where a is above b
//!   ("35/33 xã": a part cannot exceed its whole);
//! - `figure-share`: a fact in `%` printed above 100 % where its meaning is a share ("tỷ lệ",
//!   "tỷ trọng", "chiếm", "cơ cấu", or "chiếm"/"tỷ lệ" just before it in the text), unless the
//!   words say it is a change or an achievement ("tăng", "giảm", "đạt", "so với", "vượt");
//! - `figure-growth`: a rate printed right after a value ("đạt 307.411 tỷ đồng, tăng 11,87%"),
//!   where the block also prints the same fact for the period before (`…_2021`, `…_2022`), and
//!   the growth between the two values (in the same unit) does not round to the rate as printed. A rate whose fact
//!   declares a relation is left to [`super::relations`].

use super::Input;
use super::relations::{places, printing};
use crate::diagnostics::{Code, Diagnostic};
use crate::document::{Block, BlockKind, Inline};
use crate::facts::expr::{decimals_of, show_number, show_rounded};

/// A block as a reader sees it: text, with the fact printings in it.
struct Flat {
    text: String,
    /// (byte range in `text`, fact use id).
    facts: Vec<(std::ops::Range<usize>, usize)>,
}

/// Adds the figure findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let mut flats = Vec::new();
    for section in &input.document.sections {
        flatten(&section.blocks, &mut flats);
    }
    for note in &input.document.notes {
        flatten(&note.blocks, &mut flats);
    }
    for flat in &flats {
        fractions(input, flat, out);
        shares(input, flat, out);
        growth(input, flat, out);
    }
}

fn flatten(blocks: &[Block], out: &mut Vec<Flat>) {
    for block in blocks {
        match &block.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph { content, .. } => out.push(flat(content)),
            BlockKind::Item { content, blocks, .. } => {
                out.push(flat(content));
                flatten(blocks, out);
            }
            BlockKind::Quote(blocks) => flatten(blocks, out),
            BlockKind::Table { head, rows, .. } => {
                out.extend(head.iter().chain(rows.iter().flatten()).map(|c| flat(&c.content)))
            }
            BlockKind::Code(_) | BlockKind::Rule | BlockKind::Html(_) => {}
        }
    }
}

fn flat(inlines: &[Inline]) -> Flat {
    fn walk(inlines: &[Inline], f: &mut Flat) {
        for inline in inlines {
            match inline {
                Inline::Text(run) | Inline::Html(run) => f.text.push_str(&run.text),
                Inline::Fact { id, run } => {
                    let start = f.text.len();
                    f.text.push_str(&run.text);
                    f.facts.push((start..f.text.len(), *id));
                }
                Inline::SoftBreak(_) | Inline::HardBreak(_) => f.text.push(' '),
                Inline::NoteRef { .. } | Inline::Code(_) => f.text.push('\u{FFFC}'),
                other => walk(other.children(), f),
            }
        }
    }
    let mut f = Flat { text: String::new(), facts: Vec::new() };
    walk(inlines, &mut f);
    f
}

/// A figure printed the Vietnamese way (`1.234,5`, `8,58%`, `58`).
fn figure(printed: &str) -> Option<f64> {
    let t = printed.trim().trim_end_matches('%').trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-') {
        return None;
    }
    t.replace('.', "").replace(',', ".").parse().ok()
}

/// The figure written at the start (`at_end == false`) or the end of `text`, with its length.
fn number_at(text: &str, at_end: bool) -> Option<(f64, usize)> {
    let is_part = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    let len = if at_end {
        text.len() - text.trim_end_matches(is_part).len()
    } else {
        text.len() - text.trim_start_matches(is_part).len()
    };
    let s = if at_end { &text[text.len() - len..] } else { &text[..len] };
    let s = s.trim_matches(|c| c == '.' || c == ',');
    figure(s).map(|x| (x, len))
}

fn fractions(input: &Input, flat: &Flat, out: &mut Vec<Diagnostic>) {
    for (i, (range, id)) in flat.facts.iter().enumerate() {
        let before = &flat.text[..range.start];
        let after = &flat.text[range.end..];
        let printed = &flat.text[range.clone()];
        let Some(x) = figure(printed) else { continue };
        // this fact is the numerator: "/" then a figure (a fact or written)
        if let Some(rest) = after.strip_prefix('/') {
            let next = flat.facts.get(i + 1).filter(|(r, _)| r.start == range.end + 1);
            let denominator = match next {
                Some((r, _)) => figure(&flat.text[r.clone()]).map(|y| (y, r.end)),
                None => number_at(rest, false).map(|(y, len)| (y, range.end + 1 + len)),
            };
            let Some((y, end)) = denominator else { continue };
            // a date or a document number ("12/2023/NQ-HĐND") goes on with another "/"
            if before.ends_with('/') || flat.text[end..].starts_with('/') || x <= y {
                continue;
            }
            let written = &flat.text[range.start..end];
            let u = &input.document.facts[*id];
            let mut d = Diagnostic::warning(crate::t!(
                "check-figure-fraction",
                written = written,
                part = show_number(x),
                whole = show_number(y)
            ))
            .code(Code::FigureFraction)
            .at(printing(input.project, u));
            for key in u.keys.iter().chain(next.iter().flat_map(|(_, n)| input.document.facts[*n].keys.iter())) {
                d = places(input, key, d);
            }
            out.push(d.help(crate::t!("check-figure-fraction-ratio-help")));
        } else if before.ends_with('/') && !flat.facts.iter().any(|(r, _)| r.end + 1 == range.start) {
            // a written numerator before this fact: "35/{{ a.total }}"
            let Some((a, len)) = number_at(&before[..before.len() - 1], true) else { continue };
            let head = &before[..before.len() - 1 - len];
            if head.ends_with('/') || after.starts_with('/') || a <= x {
                continue;
            }
            let u = &input.document.facts[*id];
            let written = &flat.text[range.start - 1 - len..range.end];
            let mut d = Diagnostic::warning(crate::t!(
                "check-figure-fraction",
                written = written,
                part = show_number(a),
                whole = show_number(x)
            ))
            .code(Code::FigureFraction)
            .at(printing(input.project, u));
            for key in &u.keys {
                d = places(input, key, d);
            }
            out.push(d.help(crate::t!("check-figure-fraction-help")));
        }
    }
}

const SHARE_WORDS: [&str; 4] = ["tỷ lệ", "tỷ trọng", "chiếm", "cơ cấu"];
const CHANGE_WORDS: [&str; 6] = ["tăng", "giảm", "đạt", "so với", "vượt", "bằng"];

fn shares(input: &Input, flat: &Flat, out: &mut Vec<Diagnostic>) {
    for (range, id) in &flat.facts {
        let u = &input.document.facts[*id];
        let [key] = u.keys.as_slice() else { continue };
        let Some(fact) = input.project.facts.by_key.get(key) else { continue };
        if fact.unit.trim() != "%" {
            continue;
        }
        let Some(x) = figure(&flat.text[range.clone()]) else { continue };
        if x <= 100.0 {
            continue;
        }
        let meaning = fact.meaning.as_deref().unwrap_or("").to_lowercase();
        let words_before: String =
            flat.text[..range.start].chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
        let near = words_before.to_lowercase();
        let share = SHARE_WORDS.iter().any(|w| meaning.contains(w) || near.contains(w));
        let change = CHANGE_WORDS.iter().any(|w| meaning.contains(w) || near.contains(w));
        if share && !change {
            let d = Diagnostic::warning(crate::t!(
                "check-figure-share",
                key = key.as_str(),
                meaning = fact.meaning.as_deref().unwrap_or(words_before.trim()),
                printed = &flat.text[range.clone()]
            ))
            .code(Code::FigureShare)
            .at(printing(input.project, u));
            out.push(places(input, key, d).help(crate::t!("check-figure-share-help")));
        }
    }
}

/// `industry.output_2022` → (`industry.output`, 2022).
fn stem_year(key: &str) -> Option<(&str, i32)> {
    let (stem, year) = key.rsplit_once('_')?;
    (year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()))
        .then(|| (stem, year.parse().ok()))
        .and_then(|(s, y)| y.map(|y| (s, y)))
}

fn growth(input: &Input, flat: &Flat, out: &mut Vec<Diagnostic>) {
    let facts = &input.project.facts;
    let single = |id: usize| -> Option<&str> {
        match input.document.facts[id].keys.as_slice() {
            [k] => Some(k.as_str()),
            _ => None,
        }
    };
    for (i, (range, id)) in flat.facts.iter().enumerate() {
        let Some(key) = single(*id) else { continue };
        let Some((stem, year)) = stem_year(key) else { continue };
        let Some(value) = facts.by_key.get(key) else { continue };
        if value.unit.contains('%') {
            continue;
        }
        // the rate: the next printing, a fact in %, after a few words saying "tăng" or "giảm"
        let Some((rate_range, rate_id)) = flat.facts.get(i + 1) else { continue };
        let between = &flat.text[range.end..rate_range.start];
        let falls = between.contains("giảm");
        if between.chars().count() > 40 || !(between.contains("tăng") || falls) {
            continue;
        }
        let Some(rate_key) = single(*rate_id) else { continue };
        let Some(rate) = facts.by_key.get(rate_key) else { continue };
        if !rate.unit.trim_start().starts_with('%') || !rate.relations.is_empty() {
            continue;
        }
        // the value of the year before, printed in the same block
        let previous = format!("{stem}_{}", year - 1);
        if !flat.facts.iter().any(|(_, other)| single(*other) == Some(previous.as_str())) {
            continue;
        }
        let Some(before) = facts.by_key.get(&previous).filter(|f| f.unit == value.unit) else { continue };
        let (Some(new), Some(old)) = (value.value.as_f64(), before.value.as_f64()) else { continue };
        let Some(printed) = figure(&flat.text[rate_range.clone()]) else { continue };
        if old == 0.0 {
            continue;
        }
        let computed = (new / old - 1.0) * 100.0;
        let stated = if falls { -printed } else { printed };
        let decimals = decimals_of(printed)
            .max(flat.text[rate_range.clone()].split_once(',').map_or(0, |(_, f)| f.trim_end_matches('%').len()));
        if show_rounded(computed, decimals) == show_rounded(stated, decimals) {
            continue;
        }
        let u = &input.document.facts[*rate_id];
        let mut d = Diagnostic::warning(crate::t!(
            "check-figure-growth",
            key = key,
            new = show_number(new),
            old = show_number(old),
            computed = show_rounded(computed, decimals),
            stated = show_rounded(stated, decimals)
        ))
        .code(Code::FigureGrowth)
        .at(printing(input.project, u));
        for k in [rate_key, key, previous.as_str()] {
            d = places(input, k, d);
        }
        out.push(d.help(crate::t!(
            "check-figure-growth-help",
            rate = rate_key,
            key = key,
            previous = previous.as_str()
        )));
    }
}
