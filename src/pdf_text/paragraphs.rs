//! Body lines → headings, paragraphs and list items; lines → words.
//!
//! A new block starts where a reader sees one: a larger gap than the line pitch, a first-line
//! indent, a change of size or of bold, a short line before (in justified text), or a numbered
//! heading after another heading line. A list or heading marker alone does not start a block: a
//! line of running text may begin with "- 2025," or "5." where the line before broke; in ragged
//! text a marker after a short line does. Lines of a block are joined with a space, except after a
//! line-end hyphen: one that only broke a word is removed ("inter-" + "national"), a real one is
//! kept and glued ("2021-" + "2026" → "2021-2026", "kinh tế-" + "xã hội" → "tế-xã").

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::document::{BlockKind, PrintedBlock, PrintedWord, WordKind};
use super::{Line, Page};

/// A line with the place a reader gives it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineAt<'a> {
    /// 1-based page.
    pub page: usize,
    /// 1-based line on the page, running headers and page numbers left out.
    pub number: usize,
    /// The line.
    pub line: &'a Line,
}

/// The document's layout, measured from its lines.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The size most characters have (the body text's), in points.
    pub body_size: f64,
    /// The size of footnote text, when some line starts with a raised note number.
    pub note_size: Option<f64>,
    /// The commonest left edge of body lines.
    pub left: f64,
    /// The commonest right edge of body lines.
    pub right: f64,
    /// The commonest distance between consecutive body lines.
    pub pitch: f64,
    /// Most body lines end at the right edge (justified text).
    pub justified: bool,
}

/// The commonest value, in half points.
fn mode(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for v in values {
        *counts.entry((v * 2.0).round() as i64).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(k, _)| k as f64 / 2.0)
}

impl Layout {
    /// Measures the layout of `pages`, leaving out the lines marked in `furniture`.
    pub fn measure(pages: &[Page], furniture: &[Vec<bool>]) -> Layout {
        let kept = || {
            pages.iter().zip(furniture).flat_map(|(p, f)| p.lines.iter().zip(f).filter(|(_, f)| !**f).map(|(l, _)| l))
        };
        let mut chars: HashMap<i64, usize> = HashMap::new();
        for line in kept() {
            *chars.entry((line.size * 10.0).round() as i64).or_default() += line.text.chars().count();
        }
        let body_size = chars.into_iter().max_by(|a, b| a.1.cmp(&b.1)).map_or(12.0, |(k, _)| k as f64 / 10.0);
        let is_body = |l: &&Line| (l.size - body_size).abs() <= 0.5;
        let left = mode(kept().filter(is_body).map(|l| l.x)).unwrap_or(0.0);
        let right = mode(kept().filter(is_body).map(Line::end)).unwrap_or(0.0);
        let steps = pages
            .iter()
            .flat_map(|p| p.lines.windows(2).filter(|w| is_body(&&w[0]) && is_body(&&w[1])).map(|w| w[1].y - w[0].y));
        let pitch = mode(steps.filter(|d| *d > 0.5 * body_size && *d < 2.5 * body_size)).unwrap_or(1.2 * body_size);
        let (at_right, all) =
            kept().filter(is_body).fold((0, 0), |(r, a), l| (r + usize::from((l.end() - right).abs() <= 1.5), a + 1));
        let note_size = mode(
            kept()
                .filter(|l| l.size <= 0.85 * body_size)
                .filter(|l| l.runs.first().is_some_and(|r| r.superscript && r.text.parse::<u32>().is_ok()))
                .map(|l| l.size),
        );
        Layout { body_size, note_size, left, right, pitch, justified: all > 0 && at_right * 5 >= all * 2 }
    }

    /// Set in the footnotes' size: clearly smaller than the body, and the notes' size when known.
    pub fn is_note_size(&self, line: &Line) -> bool {
        line.size <= 0.85 * self.body_size && self.note_size.is_none_or(|s| (line.size - s).abs() <= 0.6)
    }

    /// `first` sits apart from the body lines `above` it on its page (or has none above), as the
    /// footnote area does: further below the last of them than the line pitch.
    pub fn is_foot_gap(&self, above: &[LineAt], first: &LineAt) -> bool {
        above.last().filter(|l| l.page == first.page).is_none_or(|l| first.line.y - l.line.y > self.pitch * 1.05)
    }

    /// Centred between the margins, inside both by half an em at least.
    pub fn is_centred(&self, line: &Line) -> bool {
        let em = line.size;
        let centre = (self.left + self.right) / 2.0;
        line.x > self.left + 0.5 * em
            && line.end() < self.right - 0.5 * em
            && (line.x + line.width / 2.0 - centre).abs() < em
    }
}

/// Words of the document as printed, lower case, trimmed of punctuation, for telling a hyphen
/// that broke a word from a real one; and whether the document is in Vietnamese.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    words: HashSet<String>,
    vietnamese: bool,
}

fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// The words inside lines (not first or last on a line, which may be parts of a broken word).
pub(crate) fn vocabulary(pages: &[Page]) -> Vocabulary {
    let mut words = HashSet::new();
    let (mut accented, mut all) = (0usize, 0usize);
    for line in pages.iter().flat_map(|p| &p.lines) {
        let split: Vec<&str> = line.text.split(' ').collect();
        for w in split.iter().skip(1).take(split.len().saturating_sub(2)) {
            all += 1;
            accented += usize::from(w.chars().any(|c| c.is_alphabetic() && !c.is_ascii()));
            words.insert(key(w));
        }
    }
    Vocabulary { words, vietnamese: all > 0 && accented * 5 >= all }
}

/// A heading number of the report's ladder at the start of a line, with its level.
fn ladder_level(text: &str) -> Option<u8> {
    static PART: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?i:phần|chương|mục)\s+([IVXLCDM]+|\d+)\b").expect("a valid pattern"));
    static ROMAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[IVXLCDM]+\.(\s|$)").expect("a valid pattern"));
    static DECIMAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,2}((?:\.\d{1,2}){0,2})\.(\s|\p{L}|$)").expect("a valid pattern"));
    static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-zđ]\)\s").expect("a valid pattern"));
    if PART.is_match(text) {
        Some(1)
    } else if ROMAN.is_match(text) {
        Some(2)
    } else if let Some(c) = DECIMAL.captures(text) {
        Some(3 + c.get(1).map_or(0, |m| m.as_str().matches('.').count()) as u8)
    } else if LETTER.is_match(text) {
        Some(6)
    } else {
        None
    }
}

/// A list marker at the start of a line ("-", "+", "•", "1)").
fn bullet(text: &str) -> bool {
    static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([-–+•*·]|\d{1,2}\))\s").expect("a valid pattern"));
    BULLET.is_match(text)
}

/// The body cut into blocks.
pub(crate) fn blocks(
    body: &[LineAt],
    layout: &Layout,
    notes: &HashSet<u32>,
    vocabulary: &Vocabulary,
) -> Vec<PrintedBlock> {
    let mut groups: Vec<Vec<LineAt>> = Vec::new();
    let mut right = layout.right; // where the block's lines end, at the furthest (past the usual edge)
    for at in body {
        match groups.last_mut() {
            Some(group) if !starts_block(group, right, at, layout) => group.push(*at),
            _ => {
                groups.push(vec![*at]);
                right = layout.right;
            }
        }
        right = right.max(at.line.end());
    }
    groups
        .iter()
        .map(|group| PrintedBlock { kind: kind(group, layout), words: join_words(group, notes, vocabulary) })
        .collect()
}

/// Whether `at` starts a new block after the lines of `group`, which end at `right` at the
/// furthest.
fn starts_block(group: &[LineAt], right: f64, at: &LineAt, layout: &Layout) -> bool {
    let Some(prev) = group.last() else { return true };
    let (p, c) = (prev.line, at.line);
    let em = c.size;
    if (p.size - c.size).abs() > 0.5 || p.is_bold() != c.is_bold() {
        return true;
    }
    let same_page = prev.page == at.page;
    if same_page && c.y - p.y > 1.25 * layout.pitch * (c.size / layout.body_size).max(0.5) {
        return true;
    }
    // a heading over several lines (bold, or centred): only a numbered heading starts anew
    if (p.is_bold() && c.is_bold()) || (layout.is_centred(p) && layout.is_centred(c)) {
        return ladder_level(&c.text).is_some();
    }
    let indent_from = if same_page { p.x } else { layout.left };
    if c.x > indent_from + 0.3 * em {
        return true;
    }
    // the line before ended short: the end of a paragraph (of a list item, unless justified)
    // (a block of one line so far: measured against the usual right edge)
    let right = if group.len() > 1 { right } else { layout.right };
    let short = p.end() < right - 2.0 * em;
    short && (layout.justified || ladder_level(&c.text).is_some() || bullet(&c.text))
}

/// What kind of block `group` is.
fn kind(group: &[LineAt], layout: &Layout) -> BlockKind {
    let Some(first) = group.first() else { return BlockKind::Paragraph };
    let bold = group.iter().all(|l| l.line.is_bold());
    let centred = group.iter().any(|l| layout.is_centred(l.line));
    let last = group.last().map_or("", |l| l.line.text.as_str());
    let single = group.len() == 1 && !last.ends_with(['.', ';', ',']);
    match ladder_level(&first.line.text) {
        Some(level) if bold || centred || single => BlockKind::Heading { level },
        Some(_) => BlockKind::ListItem,
        None if bullet(&first.line.text) => BlockKind::ListItem,
        None if bold && group.len() <= 3 => BlockKind::Heading { level: if centred { 1 } else { 6 } },
        None => BlockKind::Paragraph,
    }
}

/// The words of one line: superscript numbers that match a note are note references; text glued
/// to the word before (a style change inside a word) stays in that word.
fn line_words(at: &LineAt, notes: &HashSet<u32>) -> Vec<PrintedWord> {
    let mut words: Vec<PrintedWord> = Vec::new();
    let word = |text: &str, kind, space_before| PrintedWord {
        text: text.to_string(),
        kind,
        space_before,
        page: at.page,
        line: at.number,
    };
    for (i, run) in at.line.runs.iter().enumerate() {
        let space = run.space_before || i == 0;
        let refs: Option<Vec<u32>> =
            if run.superscript { run.text.split(',').map(|n| n.trim().parse().ok()).collect() } else { None };
        if let Some(refs) = refs.filter(|r| r.iter().all(|n| notes.contains(n))) {
            for (k, n) in refs.into_iter().enumerate() {
                if k > 0 {
                    words.push(word(",", WordKind::Text, false));
                }
                words.push(word(&n.to_string(), WordKind::NoteRef(n), space && k == 0));
            }
            continue;
        }
        for (k, piece) in run.text.split(' ').filter(|p| !p.is_empty()).enumerate() {
            let space = if k == 0 { space } else { true };
            match words.last_mut() {
                Some(last) if !space && last.kind == WordKind::Text => last.text.push_str(piece),
                _ => words.push(word(piece, WordKind::Text, space)),
            }
        }
    }
    words
}

/// The words of consecutive lines (a block, a note): a line break is a space, except after a
/// line-end hyphen (see [`join_hyphen`]).
pub(crate) fn join_words(lines: &[LineAt], notes: &HashSet<u32>, vocabulary: &Vocabulary) -> Vec<PrintedWord> {
    let mut out: Vec<PrintedWord> = Vec::new();
    for at in lines {
        let mut words = line_words(at, notes).into_iter();
        if let Some(mut first) = words.next() {
            match out.last_mut() {
                Some(last)
                    if last.kind == WordKind::Text
                        && first.kind == WordKind::Text
                        && last.text.chars().count() > 1
                        && last.text.ends_with(['-', '\u{2010}']) =>
                {
                    last.text = join_hyphen(&last.text, &first.text, vocabulary);
                }
                _ => {
                    first.space_before = true;
                    out.push(first);
                }
            }
            out.extend(words);
        }
    }
    out
}

/// `left` (ending in a hyphen, at a line end) joined with `right` (the next line's first word).
/// The hyphen stays after a digit ("2021-2026"), before a capital or digit ("Covid-19"), when
/// the document prints the hyphenated word elsewhere, and in Vietnamese ("tế-xã", syllables
/// are words and are not broken); it goes when the document prints the word unbroken elsewhere,
/// and otherwise in other languages ("inter-" + "national").
fn join_hyphen(left: &str, right: &str, vocabulary: &Vocabulary) -> String {
    let stem = left.trim_end_matches(['-', '\u{2010}']);
    let kept = format!("{left}{right}");
    let joined = format!("{stem}{right}");
    let before = stem.chars().next_back();
    let after = right.chars().next();
    if before.is_none_or(|c| !c.is_alphabetic()) || after.is_none_or(|c| !c.is_lowercase()) {
        return kept;
    }
    if vocabulary.words.contains(&key(&joined)) {
        joined
    } else if vocabulary.words.contains(&key(&kept)) || vocabulary.vietnamese {
        kept
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbering_ladder_gives_heading_levels() {
        assert_eq!(ladder_level("Phần I"), Some(1));
        assert_eq!(ladder_level("PHẦN II"), Some(1));
        assert_eq!(ladder_level("I. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH"), Some(2));
        assert_eq!(ladder_level("IV. ĐÁNH GIÁ CHUNG"), Some(2));
        assert_eq!(ladder_level("1. Thuận lợi"), Some(3));
        assert_eq!(ladder_level("2.1. Phát triển kinh tế:"), Some(4));
        assert_eq!(ladder_level("2.2.1. Sự nghiệp giáo dục"), Some(5));
        assert_eq!(ladder_level("2.2.3.Văn hoá, thể thao"), Some(5));
        assert_eq!(ladder_level("a) Sản xuất nông, lâm nghiệp"), Some(6));
        assert_eq!(ladder_level("1.000 ha thủy sản"), None);
        assert_eq!(ladder_level("2030, định hướng"), None);
        assert_eq!(ladder_level("Phần lớn các xã"), None);
        assert!(bullet("- Ban Thường vụ Tỉnh ủy") && !bullet("-2025"));
    }

    #[test]
    fn line_end_hyphens() {
        let vi = Vocabulary { words: HashSet::new(), vietnamese: true };
        assert_eq!(join_hyphen("2021-", "2026,", &vi), "2021-2026,");
        assert_eq!(join_hyphen("tế-", "xã", &vi), "tế-xã");
        assert_eq!(join_hyphen("Covid-", "19", &vi), "Covid-19");
        let en = Vocabulary { words: ["well-known".to_string()].into(), vietnamese: false };
        assert_eq!(join_hyphen("inter-", "national", &en), "international");
        assert_eq!(join_hyphen("well-", "known", &en), "well-known");
        let seen = Vocabulary { words: ["international".to_string()].into(), vietnamese: true };
        assert_eq!(join_hyphen("inter-", "national", &seen), "international");
    }
}
