//! Alignment for returned drafts: texts as tokens (words, spaces, punctuation; a number with
//! its `%` one token, a printed figure one token), and two sequences paired by equal items first,
//! then, within each gap, by how alike they are.

use std::collections::HashMap;
use std::ops::Range;

use crate::lcs;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    /// A printed fact (use id), on the project's side.
    Fact(usize),
    /// A footnote reference: the model's note index, or the returned file's footnote id.
    Note(String),
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) text: String,
    pub(super) kind: Kind,
    /// Byte range in the returned paragraph's text (returned side only).
    pub(super) at: Range<usize>,
}

pub(super) fn tokens(text: &str, base: usize, out: &mut Vec<Tok>) {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if c.is_whitespace() {
            while let Some(&(j, d)) = chars.peek().filter(|(_, d)| d.is_whitespace()) {
                end = j + d.len_utf8();
                chars.next();
            }
        } else if c.is_ascii_digit() {
            while let Some(&(j, d)) = chars.peek() {
                let next_digit = text[j + d.len_utf8()..].starts_with(|x: char| x.is_ascii_digit());
                if d.is_ascii_digit() || (matches!(d, '.' | ',') && next_digit) || d == '%' {
                    end = j + d.len_utf8();
                    chars.next();
                    if d == '%' {
                        break;
                    }
                } else {
                    break;
                }
            }
        } else if c.is_alphanumeric() {
            while let Some(&(j, d)) = chars.peek().filter(|(_, d)| d.is_alphanumeric()) {
                end = j + d.len_utf8();
                chars.next();
            }
        }
        out.push(Tok { text: text[i..end].to_string(), kind: Kind::Text, at: base + i..base + end });
    }
}

/// Interns the tokens' comparison keys (a note is equal to any note).
pub(super) fn keys(toks: &[Tok], table: &mut HashMap<String, u32>) -> Vec<u32> {
    toks.iter()
        .map(|t| {
            let key = if matches!(t.kind, Kind::Note(_)) { "\u{FFFC}".to_string() } else { t.text.clone() };
            let n = table.len() as u32;
            *table.entry(key).or_insert(n)
        })
        .collect()
}

pub(super) fn joined(toks: &[Tok]) -> String {
    toks.iter().map(|t| t.text.as_str()).collect()
}

/// Pairs two sequences by equal keys, then within each gap the pairs (in order) that are most
/// alike by `sim` (0–1; below 0.3 not a pair): (old, new) indices, `None` where one side has no
/// partner.
pub(super) fn pair(a: &[u32], b: &[u32], sim: impl Fn(usize, usize) -> f64) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (x, y) in lcs::common(a, b).into_iter().chain(std::iter::once((a.len(), b.len()))) {
        gap(i..x, j..y, &sim, &mut out);
        if x < a.len() {
            out.push((Some(x), Some(y)));
        }
        (i, j) = (x + 1, y + 1);
    }
    out
}

/// The best pairing, in order, of the items of two gaps (a small dynamic programme; in order
/// when the gaps are large).
pub(super) fn gap(
    a: Range<usize>,
    b: Range<usize>,
    sim: &impl Fn(usize, usize) -> f64,
    out: &mut Vec<(Option<usize>, Option<usize>)>,
) {
    let (m, n) = (a.len(), b.len());
    if m == 0 || n == 0 || m * n > 250_000 {
        for k in 0..m.max(n) {
            out.push(((k < m).then(|| a.start + k), (k < n).then(|| b.start + k)));
        }
        return;
    }
    let score = |i: usize, j: usize| {
        let s = sim(a.start + i, b.start + j);
        if s >= 0.3 { s } else { f64::NEG_INFINITY }
    };
    let mut best = vec![vec![0.0f64; n + 1]; m + 1];
    for i in 1..=m {
        for j in 1..=n {
            best[i][j] = best[i - 1][j].max(best[i][j - 1]).max(best[i - 1][j - 1] + score(i - 1, j - 1));
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (m, n);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && best[i][j] == best[i - 1][j - 1] + score(i - 1, j - 1) && score(i - 1, j - 1).is_finite() {
            pairs.push((Some(a.start + i - 1), Some(b.start + j - 1)));
            (i, j) = (i - 1, j - 1);
        } else if i > 0 && (j == 0 || best[i][j] == best[i - 1][j]) {
            pairs.push((Some(a.start + i - 1), None));
            i -= 1;
        } else {
            pairs.push((None, Some(b.start + j - 1)));
            j -= 1;
        }
    }
    out.extend(pairs.into_iter().rev());
}

/// How alike two texts are: the share of their words in common (0–1).
pub(super) fn alike(a: &str, b: &str) -> f64 {
    let words = |t: &str| {
        let mut w: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
        w.sort();
        w
    };
    let (x, y) = (words(a), words(b));
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}
