//! Headings: the numbers of headings and numbered items run in order, level by level.
//!
//! Takes the body blocks (not footnotes) in document order. Numbered items are Markdown
//! headings that start with a number (`Phần II`, `IV.`, `2.1.`, `a)`), bold run-in labels
//! (`**2.2.2. Công tác y tế:** …`) and plain paragraphs that start with a number of two or more
//! levels (`1.1. Đẩy nhanh …`, as Phần II writes its tasks). A decimal number's level is its
//! count of parts, whatever the Markdown heading level. Hands on `heading-skip` (a number
//! jumped: `1.3.` → `1.5.`, `a)` → `c)`) and `heading-number` (any other break: `2.1.` followed
//! by `1.2.`, a repeat, a step back), each naming the expected number.
//!
//! After a break the count resumes from what is written, so one slip gives one warning; a
//! return to the right sequence (`2.1.`, `1.2.`…`1.8.`, then `2.2.`) is accepted.

use std::ops::Range;

use super::Input;
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::document::{TextBlock as Block, TextKind as BlockKind};

/// A heading or item number.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Number {
    /// `Phần II`.
    Part(u32),
    /// `IV.`
    Roman(u32),
    /// `2.2.3.` (parts).
    Decimal(Vec<u32>),
    /// `a)`.
    Letter(char),
}

/// Letters of items in Vietnamese alphabetical order (Decree 30 numbers items a), b), …, đ), e)).
const VIETNAMESE_LETTERS: &str = "abcdđeghiklmnopqrstuvxy";
const LATIN_LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";

impl Number {
    fn show(&self) -> String {
        match self {
            Number::Part(n) => format!("Phần {}", roman(*n)),
            Number::Roman(n) => format!("{}.", roman(*n)),
            Number::Decimal(parts) => parts.iter().map(|p| format!("{p}.")).collect(),
            Number::Letter(c) => format!("{c})"),
        }
    }
}

/// Adds the heading findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let mut state = State::default();
    for block in input.blocks.iter().filter(|b| !b.in_footnote) {
        let Some((number, range)) = numbered(block) else { continue };
        if let Some((code, message, help)) = state.next(&number) {
            out.push(Diagnostic::warning(message).code(code).at(block.location(input.document, range)).help(help));
        }
    }
}

/// The number a block starts with, and where it is written in the block's text.
fn numbered(block: &Block) -> Option<(Number, Range<usize>)> {
    if block.in_item {
        return None;
    }
    let text = &block.text;
    let start = text.len() - text.trim_start().len();
    match (block.kind, &block.lead_strong) {
        (BlockKind::Heading(_), _) => parse(text, start, false),
        (BlockKind::Paragraph, Some(lead)) if lead.start == start => {
            parse(&text[..lead.end], start, false).filter(|(n, _)| !matches!(n, Number::Part(_)))
        }
        (BlockKind::Paragraph, None) => parse(text, start, true),
        _ => None,
    }
}

/// Parses a number at byte `start` of `text`. `plain` (a paragraph without bold): only decimal
/// numbers of two or more parts count.
fn parse(text: &str, start: usize, plain: bool) -> Option<(Number, Range<usize>)> {
    let rest = &text[start..];
    let followed_ok = |after: &str| after.is_empty() || after.starts_with(char::is_whitespace);
    if !plain {
        for part in ["Phần ", "PHẦN "] {
            if let Some(r) = rest.strip_prefix(part) {
                let len = r.chars().take_while(|c| "IVXLC".contains(*c)).count();
                if let Some(n) = roman_value(&r[..len]) {
                    return Some((Number::Part(n), start..start + part.len() + len));
                }
            }
        }
        let len = rest.chars().take_while(|c| "IVXLC".contains(*c)).count();
        if len > 0
            && rest[len..].starts_with('.')
            && followed_ok(&rest[len + 1..])
            && let Some(n) = roman_value(&rest[..len])
        {
            return Some((Number::Roman(n), start..start + len + 1));
        }
        let mut chars = rest.chars();
        if let (Some(c), Some(')')) = (chars.next(), chars.next())
            && VIETNAMESE_LETTERS.contains(c)
            && followed_ok(chars.as_str())
        {
            return Some((Number::Letter(c), start..start + c.len_utf8() + 1));
        }
    }
    // decimal: 1-3 digits, dot, repeated; the number ends with a dot
    let bytes = rest.as_bytes();
    let (mut parts, mut i) = (Vec::new(), 0);
    loop {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 || bytes.get(i + digits) != Some(&b'.') {
            break;
        }
        parts.push(rest[i..i + digits].parse().ok()?);
        i += digits + 1;
    }
    let after = rest[i..].chars().next();
    let ends_well = after.is_none_or(|c| c.is_whitespace() || c.is_alphabetic());
    if parts.is_empty() || !ends_well || (plain && parts.len() < 2) {
        return None;
    }
    Some((Number::Decimal(parts), start..start + i))
}

/// Where the numbering stands.
#[derive(Default)]
struct State {
    part: Option<u32>,
    roman: Option<u32>,
    /// The last decimal number written at each level (index 0 is level 1).
    last: Vec<Vec<u32>>,
    /// The last one at each level that agreed with its parent (to accept a return to it).
    good: Vec<Option<Vec<u32>>>,
    letter: Option<char>,
}

type Finding = (Code, String, String);

impl State {
    /// Takes the next number; a finding when it is not the expected one.
    fn next(&mut self, number: &Number) -> Option<Finding> {
        match number {
            Number::Part(n) => {
                let expected = self.part.map_or(1, |p| p + 1);
                *self = State { part: Some(*n), ..State::default() };
                check_count(number, &Number::Part(expected), *n, expected)
            }
            Number::Roman(n) => {
                let expected = self.roman.map_or(1, |p| p + 1);
                self.roman = Some(*n);
                self.last.clear();
                self.good.clear();
                self.letter = None;
                check_count(number, &Number::Roman(expected), *n, expected)
            }
            Number::Letter(c) => {
                let candidates = match self.letter {
                    None => vec!['a'],
                    Some(p) => [VIETNAMESE_LETTERS, LATIN_LETTERS].iter().filter_map(|abc| successor(abc, p)).collect(),
                };
                let previous = self.letter.replace(*c);
                if candidates.contains(c) {
                    return None;
                }
                let expected = candidates.first().copied().unwrap_or('a');
                let position = |l: char| VIETNAMESE_LETTERS.chars().position(|x| x == l);
                let skip = matches!((position(*c), position(expected)), (Some(a), Some(b)) if a > b);
                Some(finding(number, &Number::Letter(expected), previous.map(Number::Letter), skip))
            }
            Number::Decimal(parts) => self.decimal(number, parts),
        }
    }

    fn decimal(&mut self, number: &Number, parts: &[u32]) -> Option<Finding> {
        let depth = parts.len();
        self.letter = None;
        let parent = if depth > 1 { self.last.get(depth - 2).cloned() } else { Some(Vec::new()) };
        let sibling = self.last.get(depth - 1).cloned();
        let good = self.good.get(depth - 1).cloned().flatten();
        let mut candidates = Vec::new();
        match &sibling {
            Some(s) => {
                candidates.push(increment(s));
                if let Some(g) = good.as_ref().filter(|g| *g != s) {
                    candidates.push(increment(g));
                }
            }
            None => {
                let mut first = parent.clone().unwrap_or_else(|| parts[..depth - 1].to_vec());
                first.push(1);
                candidates.push(first);
            }
        }
        // remember what is written, and whether it agrees with its parent
        self.last.truncate(depth - 1);
        self.good.truncate(depth - 1);
        while self.last.len() < depth - 1 {
            self.last.push(parts[..self.last.len() + 1].to_vec());
            self.good.push(None);
        }
        self.last.push(parts.to_vec());
        let agrees = parent.as_ref().is_none_or(|p| p[..] == parts[..depth - 1]);
        self.good.push(if agrees { Some(parts.to_vec()) } else { good.clone() });
        if candidates.iter().any(|c| c == parts) {
            return None;
        }
        let expected = &candidates[0];
        let skip = expected[..depth - 1] == parts[..depth - 1] && parts[depth - 1] > expected[depth - 1];
        Some(finding(number, &Number::Decimal(expected.clone()), sibling.map(Number::Decimal), skip))
    }
}

fn check_count(number: &Number, expected: &Number, n: u32, e: u32) -> Option<Finding> {
    if n == e {
        return None;
    }
    let previous = match expected {
        Number::Part(_) if e > 1 => Some(Number::Part(e - 1)),
        Number::Roman(_) if e > 1 => Some(Number::Roman(e - 1)),
        _ => None,
    };
    Some(finding(number, expected, previous, n > e))
}

fn finding(number: &Number, expected: &Number, previous: Option<Number>, skip: bool) -> Finding {
    let (written, expected) = (number.show(), expected.show());
    let help = if skip {
        crate::t!("check-heading-skip-help", expected = &expected)
    } else {
        crate::t!("check-heading-number-help", expected = &expected)
    };
    if skip {
        return (Code::HeadingSkip, crate::t!("check-heading-skip", written = &written, expected = &expected), help);
    }
    let message = match previous {
        Some(p) => {
            crate::t!("check-heading-not-following", written = &written, previous = p.show(), expected = &expected)
        }
        None => crate::t!("check-heading-first", written = &written, expected = &expected),
    };
    (Code::HeadingNumber, message, help)
}

fn increment(parts: &[u32]) -> Vec<u32> {
    let mut next = parts.to_vec();
    if let Some(last) = next.last_mut() {
        *last += 1;
    }
    next
}

fn successor(alphabet: &str, c: char) -> Option<char> {
    let mut letters = alphabet.chars().skip_while(|&x| x != c);
    letters.next()?;
    letters.next()
}

/// The value of a Roman numeral written the standard way (`IV`, not `IIII`), 1–399.
fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let digit = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        _ => 0,
    };
    let values: Vec<u32> = s.chars().map(digit).collect();
    let mut total = 0i64;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) { total -= *v as i64 } else { total += *v as i64 }
    }
    let n = u32::try_from(total).ok().filter(|n| (1..400).contains(n))?;
    (roman(n) == s).then_some(n)
}

fn roman(mut n: u32) -> String {
    let table = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (value, s) in table {
        while n >= value {
            out.push_str(s);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(numbers: &[&str]) -> Vec<String> {
        let mut state = State::default();
        numbers
            .iter()
            .filter_map(|n| {
                let (number, _) = parse(n, 0, false).unwrap_or_else(|| panic!("{n} is a number"));
                state.next(&number).map(|(code, message, _)| format!("{code}: {message}"))
            })
            .collect()
    }

    #[test]
    fn a_skipped_number_names_the_missing_one_and_counting_resumes() {
        assert_eq!(
            run(&["1. A", "1.1. a", "1.2. b", "1.3. c", "1.5. e", "1.6. f"]),
            ["heading-skip: `1.5.` skips `1.4.`"]
        );
        assert_eq!(run(&["a) x", "c) y"]), ["heading-skip: `c)` skips `b)`"]);
        assert_eq!(run(&["I. A", "II. B", "IV. D"]), ["heading-skip: `IV.` skips `III.`"]);
    }

    #[test]
    fn a_wrong_parent_is_reported_once_and_a_return_to_the_sequence_is_accepted() {
        let found = run(&[
            "1. J", "2. K", "2.1. a", "a) x", "1.2. b", "1.3. c", "1.4. d", "2.2. e", "2.2.1. f", "2.2.2. g", "3. L",
        ]);
        assert_eq!(found, ["heading-number: `1.2.` does not follow `2.1.`: expected `2.2.`"]);
    }

    #[test]
    fn roman_numerals_reset_decimals_and_parts_reset_everything() {
        assert!(run(&["Phần I", "I. A", "1. x", "2. y", "II. B", "1. z", "Phần II", "1. w", "1.1. v"]).is_empty());
        assert_eq!(run(&["Phần I", "Phần III"]), ["heading-skip: `Phần III` skips `Phần II`"]);
        assert_eq!(run(&["I. A", "I. B"]), ["heading-number: `I.` does not follow `I.`: expected `II.`"]);
    }

    #[test]
    fn numbers_are_read_as_written() {
        assert_eq!(parse("2.2.3.Văn hoá", 0, false).map(|n| n.0), Some(Number::Decimal(vec![2, 2, 3])));
        assert_eq!(parse("đ) Mục", 0, false).map(|n| n.0), Some(Number::Letter('đ')));
        assert_eq!(parse("1. Một", 0, true), None, "plain paragraphs need two levels");
        assert_eq!(parse("2.931 tỷ đồng", 0, true), None);
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("XIV"), Some(14));
    }
}
