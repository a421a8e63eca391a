//! Vietnamese typography (warnings), on the visible text of every block, footnotes included.
//!
//! Takes the blocks' text (facts printed, Markdown read) and hands on:
//! `typo-no-space-after` (`.`, `,`, `;`, `:` glued to a letter, except in numbers, abbreviations
//! such as `TP.HCM`, `v.v.` and web addresses), `typo-space-before` (before `.`, `,`, `;`, `)`),
//! `typo-double-space`, `typo-unbalanced` (`( )`, `“ ”`, `" "` within a block; `a)`-style labels
//! are not brackets), `typo-doubled-word` (one to three words written twice: `đẩy mạnh đẩy
//! mạnh`), `typo-glued-number` (`12ha`, or `1.234USD` where the report writes `USD` with a space
//! elsewhere), `typo-glued-words` (`làcác`: a Vietnamese syllable has one vowel group), `typo-tone-
//! variant` (`Nguyên nhận` in a heading where the text writes `nguyên nhân`), `typo-tone-placement`
//! (`hoá` where the report mostly writes `hóa`), `typo-date`, `typo-year` and `typo-range-dash`
//! (the minority of `–` and `-` between numbers).

mod words;

use std::ops::Range;

use regex::Regex;

use super::Input;
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::document::{PLACEHOLDER, TextBlock as Block};
use crate::t;

/// A finding in a block: code, text range, message, help.
struct Found {
    code: Code,
    range: Range<usize>,
    message: String,
    help: String,
}

fn found(code: Code, range: Range<usize>, message: impl Into<String>, help: impl Into<String>) -> Found {
    Found { code, range, message: message.into(), help: help.into() }
}

/// Adds the typography findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let patterns = Patterns::new();
    let blocks: Vec<&Block> = input.blocks.iter().collect();
    let ngrams = words::Ngrams::new(&blocks);
    let mut per_block: Vec<Vec<Found>> = Vec::with_capacity(input.blocks.len());
    for block in &input.blocks {
        let chars: Vec<(usize, char)> = block.text.char_indices().collect();
        let mut found = Vec::new();
        punctuation(&block.text, &chars, &mut found);
        brackets(&block.text, &chars, &mut found);
        words::doubled(&block.text, &ngrams, &mut found);
        words::glued_words(&block.text, &mut found);
        dates(&block.text, &patterns, &mut found);
        // a date's year may be found by two patterns (`ngày … năm 202`, `năm 202`)
        let mut seen = std::collections::HashSet::new();
        found.retain(|f| seen.insert((f.code, f.range.clone())));
        per_block.push(found);
    }
    let document_wide = [
        words::glued_numbers(&blocks),
        words::tone_placements(&blocks),
        words::tone_variants(&blocks, &ngrams),
        ranges(&blocks, &patterns),
    ];
    for (i, found) in document_wide.into_iter().flatten() {
        per_block[i].push(found);
    }
    for (block, found) in input.blocks.iter().zip(per_block) {
        for f in found {
            out.push(
                Diagnostic::warning(f.message).code(f.code).at(block.location(input.document, f.range)).help(f.help),
            );
        }
    }
}

/// The regular expressions, compiled once per run.
struct Patterns {
    date: Regex,
    long_date: Regex,
    month_year: Regex,
    year: Regex,
    range: Regex,
}

impl Patterns {
    fn new() -> Patterns {
        let re = |s: &str| Regex::new(s).expect("valid pattern");
        Patterns {
            date: re(r"(?:^|[^\d/.,])(\d{1,2})/(\d{1,2})/(\d+)(?:$|[^\d/])"),
            long_date: re(r"(?i)ngày (\d{1,2}) tháng (\d{1,2}) năm (\d+)"),
            month_year: re(r"(?i)tháng (\d{1,2})/(\d+)(?:$|[^\d/])"),
            year: re(r"(?i)năm (\d+)(?:$|[^\d.,/])"),
            range: re(r"(?:^|[^\p{L}\d/.,\-–])(\d(?:[\d.,]*\d)?)(\s*)([-–])(\s*)(\d(?:[\d.,]*\d)?)"),
        }
    }
}

/// The word (letters and digits) that ends at byte `end` and the one that starts at `start`.
fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    &text[start..end]
}

fn word_after(text: &str, start: usize) -> &str {
    let end = text[start..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |i| start + i);
    &text[start..end]
}

/// The run of non-space characters around byte `at`.
fn token_at(text: &str, at: usize) -> &str {
    let start =
        text[..at].rfind(char::is_whitespace).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// A web or e-mail address or a file name: `http://…`, `www.…`, `a@b`, `haiduong.gov.vn`,
/// `content/facts/economy.yaml`.
fn is_address(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    let domain = t.contains('.')
        && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '_'))
        && [".vn", ".com", ".org", ".net", ".gov", ".edu", ".int", ".info"].iter().any(|d| t.contains(d));
    // a file name: `economy.yaml`, `content/facts/economy.yaml`, `bao-cao.pdf`
    let file = t.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '_'))
            && ["yaml", "yml", "md", "pdf", "typ", "tera", "json", "docx", "xlsx", "ttf"].contains(&ext)
    });
    t.contains("://") || t.starts_with("www.") || t.contains('@') || domain || file
}

/// `.`, `,`, `;`, `:` with no space before a letter; a space before `.`, `,`, `;`, `)`; double spaces.
fn punctuation(text: &str, chars: &[(usize, char)], out: &mut Vec<Found>) {
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        if matches!(c, '.' | ',' | ';' | ':')
            && let Some(n) = next.filter(|n| n.is_alphabetic())
        {
            let abbreviation = prev.is_some_and(char::is_uppercase) && n.is_uppercase();
            // v.v. — single letters each followed by a dot
            let letters = c == '.'
                && word_before(text, at).chars().count() == 1
                && word_after(text, at + 1).chars().count() == 1
                && text[at + 1 + n.len_utf8()..].starts_with('.');
            if !abbreviation && !letters && !is_address(token_at(text, at)) {
                let (before, after) = (word_before(text, at), word_after(text, at + 1));
                out.push(found(
                    Code::TypoNoSpaceAfter,
                    at..at + 1,
                    t!("check-typo-no-space-after", mark = c.to_string()),
                    t!("check-typo-no-space-after-help", before = before, mark = c.to_string(), after = after),
                ));
            }
        }
        if c == ' ' || c == '\t' || c == '\u{a0}' {
            let run_end =
                chars[k..].iter().position(|x| !matches!(x.1, ' ' | '\t' | '\u{a0}')).map_or(chars.len(), |p| k + p);
            let end_byte = chars.get(run_end).map_or(text.len(), |x| x.0);
            let after = chars.get(run_end).map(|x| x.1);
            if run_end - k >= 2 && k > 0 && after.is_some() {
                out.push(found(
                    Code::TypoDoubleSpace,
                    at..end_byte,
                    t!("check-typo-double-space", n = run_end - k),
                    t!("check-typo-double-space-help"),
                ));
            }
            let ellipsis = after == Some('.') && chars.get(run_end + 1).is_some_and(|x| x.1 == '.');
            let decimal =
                matches!(after, Some('.' | ',')) && chars.get(run_end + 1).is_some_and(|x| x.1.is_ascii_digit());
            if k > 0 && matches!(after, Some('.' | ',' | ';' | ')')) && !ellipsis && !decimal {
                let p = after.unwrap_or('.');
                out.push(found(
                    Code::TypoSpaceBefore,
                    at..end_byte + 1,
                    t!("check-typo-space-before", mark = p.to_string()),
                    t!("check-typo-space-before-help", word = word_before(text, at), mark = p.to_string()),
                ));
            }
            k = run_end;
            continue;
        }
        k += 1;
    }
}

/// `( )`, `“ ”` and `" "` balanced within a block.
fn brackets(text: &str, chars: &[(usize, char)], out: &mut Vec<Found>) {
    let mut parens: Vec<usize> = Vec::new();
    let mut quotes: Vec<(usize, char)> = Vec::new();
    for &(at, c) in chars {
        match c {
            '(' => parens.push(at),
            ')' if parens.pop().is_none() && !is_item_label(text, at) => out.push(found(
                Code::TypoUnbalanced,
                at..at + 1,
                t!("check-typo-paren-unopened"),
                t!("check-typo-paren-unopened-help"),
            )),
            '“' => quotes.push((at, c)),
            '”' | '"' => match quotes.last().copied() {
                Some((_, open)) if open == '“' && c == '”' || open == '"' && c == '"' => {
                    quotes.pop();
                }
                Some((_, open)) => {
                    quotes.pop();
                    out.push(found(
                        Code::TypoUnbalanced,
                        at..at + c.len_utf8(),
                        t!("check-typo-quote-mismatch", open = open.to_string(), close = c.to_string()),
                        t!("check-typo-quote-mismatch-help"),
                    ));
                }
                None if c == '"' => quotes.push((at, c)),
                None => out.push(found(
                    Code::TypoUnbalanced,
                    at..at + c.len_utf8(),
                    t!("check-typo-quote-unopened"),
                    t!("check-typo-quote-unopened-help"),
                )),
            },
            _ => {}
        }
    }
    for at in parens {
        out.push(found(
            Code::TypoUnbalanced,
            at..at + 1,
            t!("check-typo-unclosed", open = "("),
            t!("check-typo-unclosed-help", close = ")"),
        ));
    }
    for (at, open) in quotes {
        let close = if open == '“' { '”' } else { '"' };
        out.push(found(
            Code::TypoUnbalanced,
            at..at + open.len_utf8(),
            t!("check-typo-unclosed", open = open.to_string()),
            t!("check-typo-unclosed-help", close = close.to_string()),
        ));
    }
}

/// `a)`, `1)`, `iv)`: an item label, not a bracket (at a block start or after a space or `;`).
fn is_item_label(text: &str, at: usize) -> bool {
    let label = word_before(text, at);
    let start = at - label.len();
    let before = text[..start].chars().next_back();
    (1..=4).contains(&label.chars().count())
        && (label.chars().count() == 1 || label.chars().all(|c| c.is_ascii_digit() || "ivx".contains(c)))
        && before.is_none_or(|c| c.is_whitespace() || matches!(c, ';' | ':' | ',' | '.' | PLACEHOLDER))
}

/// Dates that do not exist and years with the wrong number of digits.
fn dates(text: &str, p: &Patterns, out: &mut Vec<Found>) {
    let bad_year = |y: &str| y.len() != 4;
    for m in p.date.captures_iter(text) {
        let (d, mo, y) = (&m[1], &m[2], m.get(3).expect("group"));
        let whole = m.get(1).expect("group").start()..y.end();
        if bad_year(y.as_str()) {
            out.push(year_finding(text, y.range()));
        } else if !valid_date(d, mo, y.as_str()) {
            out.push(found(
                Code::TypoDate,
                whole.clone(),
                t!("check-typo-not-a-date", date = &text[whole]),
                t!("check-typo-not-a-date-help"),
            ));
        }
    }
    for m in p.long_date.captures_iter(text) {
        let y = m.get(3).expect("group");
        let whole = m.get(0).expect("match").range();
        if bad_year(y.as_str()) {
            out.push(year_finding(text, y.range()));
        } else if !valid_date(&m[1], &m[2], y.as_str()) {
            out.push(found(
                Code::TypoDate,
                whole.clone(),
                t!("check-typo-not-a-date", date = &text[whole]),
                t!("check-typo-not-a-date-help"),
            ));
        }
    }
    for m in p.month_year.captures_iter(text) {
        let (mo, y) = (m.get(1).expect("group"), m.get(2).expect("group"));
        if bad_year(y.as_str()) {
            out.push(year_finding(text, y.range()));
        } else if !(1..=12).contains(&mo.as_str().parse::<u32>().unwrap_or(0)) {
            out.push(found(
                Code::TypoDate,
                mo.range(),
                t!("check-typo-no-such-month", month = mo.as_str()),
                t!("check-typo-no-such-month-help"),
            ));
        }
    }
    for m in p.year.captures_iter(text) {
        let y = m.get(1).expect("group");
        if y.as_str().len() == 3 || y.as_str().len() > 4 {
            out.push(year_finding(text, y.range()));
        }
    }
}

fn valid_date(d: &str, m: &str, y: &str) -> bool {
    match (d.parse(), m.parse(), y.parse()) {
        (Ok(d), Ok(m), Ok(y)) => chrono::NaiveDate::from_ymd_opt(y, m, d).is_some(),
        _ => false,
    }
}

fn year_finding(text: &str, range: Range<usize>) -> Found {
    let y = &text[range.clone()];
    found(Code::TypoYear, range, t!("check-typo-year", year = y, n = y.len()), t!("check-typo-year-help"))
}

/// Ranges between numbers (`2021-2026`, `2021 – 2026`): the separator the report uses less is
/// flagged wherever it appears.
fn ranges(blocks: &[&Block], p: &Patterns) -> Vec<(usize, Found)> {
    let mut all = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        for m in p.range.captures_iter(&block.text) {
            let dash = m.get(3).expect("group");
            let shown = m.get(1).expect("group").start()..m.get(5).expect("group").end();
            all.push((i, dash.as_str() == "–", dash.range(), block.text[shown].to_string()));
        }
    }
    let en = all.iter().filter(|r| r.1).count();
    let hyphen = all.len() - en;
    if en == 0 || hyphen == 0 {
        return Vec::new();
    }
    let flag_en = en <= hyphen;
    let (minority, usual, usual_count) = if flag_en { ("–", "-", hyphen) } else { ("-", "–", en) };
    all.into_iter()
        .filter(|r| r.1 == flag_en)
        .map(|(i, _, range, shown)| {
            (
                i,
                found(
                    Code::TypoRangeDash,
                    range,
                    t!("check-typo-range-dash", range = &shown, dash = minority),
                    t!("check-typo-range-dash-help", dash = usual, n = usual_count, total = en + hyphen),
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
