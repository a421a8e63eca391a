//! Word-level typography: doubled words, words glued to numbers or to each other, and spellings
//! that differ from the report's usual one only in their tone marks.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Found, found};
use crate::diagnostics::Code;
use crate::document::{TextBlock as Block, TextKind as BlockKind};
use crate::t;

/// Syllables that Vietnamese repeats on purpose (`dần dần`, `nhà nhà`, `người người`).
const REDUPLICATED: &[&str] =
    &["dần", "từ", "ngày", "người", "nhà", "mãi", "đời", "xa", "đâu", "ai", "thường", "lần", "cùng", "mỗi", "hằng"];

/// Words that never begin or end a compound word, so a doubled one is always a slip.
const FUNCTION_WORDS: &[&str] = &[
    "của", "và", "các", "là", "có", "được", "trong", "cho", "với", "đã", "sẽ", "này", "những", "một", "để", "tại",
    "theo", "về", "ở", "đến", "thì", "mà", "nhưng", "hoặc", "cũng", "đang", "bị", "do", "vào", "trên", "khi", "nếu",
    "như", "đều", "còn", "chưa",
];

/// The words of a text: runs of letters and digits, with their byte ranges.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

fn only_spaces_between(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let gap = &text[a.end..b.start];
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// How often each run of two or three words (lower case, spaces only between) occurs in the
/// report: the doubled-word check reads the report as its own dictionary.
#[derive(Default)]
pub(super) struct Ngrams(HashMap<String, usize>);

impl Ngrams {
    pub(super) fn new(blocks: &[&Block]) -> Ngrams {
        let mut counts = Ngrams::default();
        for block in blocks {
            let text = &block.text;
            let w = words(text);
            let lower: Vec<String> = w.iter().map(|r| text[r.clone()].to_lowercase()).collect();
            for i in 0..w.len() {
                let mut key = lower[i].clone();
                for n in 1..3 {
                    if i + n >= w.len() || !only_spaces_between(text, &w[i + n - 1], &w[i + n]) {
                        break;
                    }
                    key.push(' ');
                    key.push_str(&lower[i + n]);
                    *counts.0.entry(key.clone()).or_default() += 1;
                }
            }
        }
        counts
    }

    fn count(&self, words: &[&str]) -> usize {
        self.0.get(&words.join(" ")).copied().unwrap_or(0)
    }
}

/// One to three words written twice in a row (`đẩy mạnh đẩy mạnh`, `xây dựng dựng`). Not when
/// two words overlap (`trở thành thành phố`: `thành phố` is a word of the report and `trở thành
/// phố` is not, and `trở` is no function word), nor when the doubled phrase cuts through a word the report
/// uses more (`doanh nghiệp công nghiệp công nghệ`), nor Vietnamese reduplication (`dần dần`).
pub(super) fn doubled(text: &str, ngrams: &Ngrams, out: &mut Vec<Found>) {
    let w = words(text);
    let lower: Vec<String> = w.iter().map(|r| text[r.clone()].to_lowercase()).collect();
    let joined = |a: usize, b: usize| (a..b).all(|k| only_spaces_between(text, &w[k], &w[k + 1]));
    let mut i = 0;
    'scan: while i < w.len() {
        for n in (1..=3).rev() {
            if i + 2 * n > w.len() {
                continue;
            }
            let same = (0..n).all(|k| lower[i + k] == lower[i + n + k]);
            let has_letter = lower[i..i + n].iter().any(|s| s.chars().any(char::is_alphabetic));
            if !same || !has_letter || !joined(i, i + 2 * n - 1) {
                continue;
            }
            let before = (i > 0 && joined(i - 1, i)).then(|| lower[i - 1].as_str());
            let after = (i + 2 * n < w.len() && joined(i + 2 * n - 1, i + 2 * n)).then(|| lower[i + 2 * n].as_str());
            let (first, last) = (lower[i].as_str(), lower[i + n - 1].as_str());
            let intended = if n == 1 {
                // `phân công công tác`: `công tác` is a word of the report, `phân công tác` is not, and
                // `phân` may start a word (a function word such as `và`, `của` cannot)
                let overlap = match (before, after) {
                    (Some(p), Some(q)) => {
                        ngrams.count(&[first, q]) >= 2
                            && ngrams.count(&[p, first, q]) == 0
                            && !FUNCTION_WORDS.contains(&p)
                            && !FUNCTION_WORDS.contains(&first)
                    }
                    _ => false,
                };
                overlap || REDUPLICATED.contains(&first)
            } else {
                let inner_first = ngrams.count(&[first, lower[i + 1].as_str()]);
                let inner_last = ngrams.count(&[lower[i + n - 2].as_str(), last]);
                before.is_some_and(|p| ngrams.count(&[p, first]) > inner_first)
                    || after.is_some_and(|q| ngrams.count(&[last, q]) > inner_last)
            };
            if intended {
                continue;
            }
            let repeat = w[i + n].start..w[i + 2 * n - 1].end;
            let phrase = &text[w[i].start..w[i + n - 1].end];
            out.push(found(
                Code::TypoDoubledWord,
                repeat,
                t!("check-typo-doubled-word", phrase = phrase),
                t!("check-typo-doubled-word-help", phrase = phrase),
            ));
            i += 2 * n;
            continue 'scan;
        }
        i += 1;
    }
}

/// The vowels of Vietnamese, each with its five toned forms after it; a vowel's group is its
/// base letter (so `â`, `ầ`, `ấ`, … all strip to `â`).
const VOWELS: [&str; 12] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];

/// The vowel a lower-case letter is, without its tone mark, and the tone (0: none, 1–5: huyền,
/// sắc, hỏi, ngã, nặng). A table built once: this runs for every letter of the report.
fn vowel(c: char) -> Option<(char, usize)> {
    static TABLE: std::sync::OnceLock<HashMap<char, (char, usize)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        VOWELS
            .iter()
            .flat_map(|v| {
                let base = v.chars().next().expect("a vowel row");
                v.chars().enumerate().map(move |(tone, c)| (c, (base, tone)))
            })
            .collect()
    });
    if c.is_ascii() && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
        return None;
    }
    table.get(&c).copied()
}

/// The vowel a lower-case letter is, without its tone mark.
fn toneless(c: char) -> Option<char> {
    vowel(c).map(|(base, _)| base)
}

/// Lower case, tone marks removed (`Nhận` → `nhân`, `hoá` → `hoa`).
fn strip_tones(word: &str) -> String {
    word.to_lowercase().chars().map(|c| toneless(c).unwrap_or(c)).collect()
}

/// Vietnamese consonant clusters that may end a syllable or begin one.
const CODAS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu",
    "r", "s", "t", "th", "tr", "v", "x",
];

/// Two Vietnamese syllables written as one word (`làcác`, `thuêbao`): a syllable has one group
/// of vowels, so a word with Vietnamese letters and two groups is two syllables.
pub(super) fn glued_words(text: &str, out: &mut Vec<Found>) {
    for range in words(text) {
        let word = &text[range.clone()];
        if !word.chars().all(char::is_alphabetic) || word.is_ascii() {
            continue;
        }
        let lower = word.to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        let is_vowel = |c: char| toneless(c).is_some();
        let groups =
            chars.iter().enumerate().filter(|(i, c)| is_vowel(**c) && (*i == 0 || !is_vowel(chars[i - 1]))).count();
        if groups < 2 {
            continue;
        }
        let help = match split(&chars) {
            Some(at) => {
                let cut = word.char_indices().nth(at).map_or(word.len(), |(b, _)| b);
                t!("check-typo-glued-words-split-help", first = &word[..cut], second = &word[cut..])
            }
            None => t!("check-typo-glued-words-help"),
        };
        out.push(found(Code::TypoGluedWords, range, t!("check-typo-glued-words", word = word), help));
    }
}

/// Where to split two glued syllables: after the first vowel group, the consonants between are
/// a coda and an onset; prefer the longest onset.
fn split(chars: &[char]) -> Option<usize> {
    let is_vowel = |c: char| toneless(c).is_some();
    let first_vowel = chars.iter().position(|c| is_vowel(*c))?;
    let after_group = first_vowel + chars[first_vowel..].iter().position(|c| !is_vowel(*c))?;
    let next_vowel = after_group + chars[after_group..].iter().position(|c| is_vowel(*c))?;
    let cluster: String = chars[after_group..next_vowel].iter().collect();
    (0..=cluster.len()).filter(|&k| cluster.is_char_boundary(k)).find_map(|k| {
        let (coda, onset) = cluster.split_at(k);
        (CODAS.contains(&coda) && ONSETS.contains(&onset)).then(|| after_group + coda.chars().count())
    })
}

/// The number (digits with `.` and `,`) that ends at byte `end`, if it is not part of a code
/// such as `H5N1` or `F0`.
fn number_before(text: &str, end: usize) -> Option<Range<usize>> {
    let start = text[..end]
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let start = start + text[start..end].find(|c: char| c.is_ascii_digit())?;
    let code_like = text[..start].chars().next_back().is_some_and(char::is_alphanumeric);
    (!code_like).then_some(start..end)
}

/// Numbers glued to the word after them (`12ha`, `51.997tỷ`). A lower-case word is always
/// flagged; an upper-case one (`USD`) only when the report writes it with a space after a number
/// elsewhere. One capital letter (`4G`, `5G`) and times (`10h30`) are conventions, not slips.
pub(super) fn glued_numbers(blocks: &[&Block]) -> Vec<(usize, Found)> {
    let mut spaced: HashSet<String> = HashSet::new();
    for block in blocks {
        let text = &block.text;
        for w in words(text) {
            let before = &text[..w.start];
            if before.ends_with(' ') && before.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
                spaced.insert(text[w.clone()].to_lowercase());
            }
        }
    }
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let text = &block.text;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for pair in chars.windows(2) {
            let ((d_at, d), (l_at, l)) = (pair[0], pair[1]);
            if !d.is_ascii_digit() || !l.is_alphabetic() {
                continue;
            }
            let Some(number) = number_before(text, d_at + 1) else { continue };
            let word_end = text[l_at..].find(|c: char| !c.is_alphabetic()).map_or(text.len(), |k| l_at + k);
            let word = &text[l_at..word_end];
            let after = text[word_end..].chars().next();
            let one_capital = word.chars().count() == 1 && l.is_uppercase();
            let time = word == "h" && after.is_some_and(|c| c.is_ascii_digit());
            let flagged = word.chars().any(char::is_lowercase) || spaced.contains(&word.to_lowercase());
            if one_capital || time || !flagged {
                continue;
            }
            let n = &text[number.clone()];
            out.push((
                i,
                found(
                    Code::TypoGluedNumber,
                    number.start..word_end,
                    t!("check-typo-glued-number", number = n, word = word),
                    t!("check-typo-glued-number-help", number = n, word = word),
                ),
            ));
        }
    }
    out
}

/// The tone of a lower-case letter (0 for none and for consonants).
fn tone(c: char) -> usize {
    vowel(c).map_or(0, |(_, t)| t)
}

/// The same word with its tone mark on another vowel (`hoá` and `hóa`, `uỷ` and `ủy`): the
/// spelling the report uses less is flagged at each place.
pub(super) fn tone_placements(blocks: &[&Block]) -> Vec<(usize, Found)> {
    /// A word's spelling without tones, and its tone: the same word, whatever the placement.
    type Word = (String, usize);
    let mut places: Vec<(usize, Range<usize>, String, Word)> = Vec::new();
    let mut forms: HashMap<Word, HashMap<String, usize>> = HashMap::new();
    for (i, block) in blocks.iter().enumerate() {
        for r in words(&block.text) {
            let word = &block.text[r.clone()];
            if word.is_ascii() {
                continue;
            }
            let lower = word.to_lowercase();
            let t = lower.chars().map(tone).max().unwrap_or(0);
            if t == 0 {
                continue;
            }
            let key = (strip_tones(&lower), t);
            *forms.entry(key.clone()).or_default().entry(lower.clone()).or_default() += 1;
            places.push((i, r, lower, key));
        }
    }
    let mut out = Vec::new();
    for (i, range, lower, key) in places {
        let counts = &forms[&key];
        if counts.len() < 2 {
            continue;
        }
        let Some((usual, &n)) = counts.iter().max_by_key(|(f, n)| (**n, std::cmp::Reverse(f.as_str()))) else {
            continue;
        };
        if *usual == lower {
            continue;
        }
        let written = &blocks[i].text[range.clone()];
        out.push((
            i,
            found(
                Code::TypoTonePlacement,
                range,
                t!("check-typo-tone-placement", written = written, usual = usual.as_str(), n = n),
                t!("check-typo-tone-placement-help", usual = usual.as_str()),
            ),
        ));
    }
    out
}

/// A heading word pair spelt with other tone marks than everywhere else (`Nguyên nhận` in a
/// heading, `nguyên nhân` in the text). Headings only: in running text, two words that differ
/// only in their tones are too often both right (`báo cáo của`, `cao của`).
pub(super) fn tone_variants(blocks: &[&Block], ngrams: &Ngrams) -> Vec<(usize, Found)> {
    let mut by_key: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    for (pair, &n) in &ngrams.0 {
        if pair.matches(' ').count() == 1 && !pair.is_ascii() && pair.chars().all(|c| c.is_alphabetic() || c == ' ') {
            by_key.entry(strip_tones(pair)).or_default().push((pair.clone(), n));
        }
    }
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let heading = match (&block.kind, &block.lead_strong) {
            (BlockKind::Heading(_), _) => 0..block.text.len(),
            (_, Some(lead)) => lead.clone(),
            _ => continue,
        };
        let text = &block.text[..heading.end];
        let w: Vec<Range<usize>> = words(text).into_iter().filter(|r| r.start >= heading.start).collect();
        for pair in w.windows(2) {
            if !only_spaces_between(text, &pair[0], &pair[1]) {
                continue;
            }
            let exact = format!("{} {}", text[pair[0].clone()].to_lowercase(), text[pair[1].clone()].to_lowercase());
            if exact.is_ascii() || ngrams.count(&[&exact]) != 1 {
                continue;
            }
            let usual = by_key.get(&strip_tones(&exact)).and_then(|forms| {
                forms
                    .iter()
                    .filter(|(f, n)| *f != exact && *n >= 2)
                    .max_by_key(|(f, n)| (*n, std::cmp::Reverse(f.clone())))
            });
            if let Some((usual, n)) = usual {
                let range = pair[0].start..pair[1].end;
                out.push((
                    i,
                    found(
                        Code::TypoToneVariant,
                        range.clone(),
                        t!("check-typo-tone-variant", written = &text[range], usual = usual.as_str(), n = *n),
                        t!("check-typo-tone-variant-help", usual = usual.as_str()),
                    ),
                ));
            }
        }
    }
    out
}
