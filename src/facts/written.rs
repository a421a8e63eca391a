//! How a figure is written in a facts file, and the two mistakes an office makes with it.
//!
//! - An unquoted YAML number with exactly three digits after the dot (`value: 51.997`) is a
//!   decimal for YAML but fifty-one thousand for a Vietnamese reader: for a money or count unit
//!   it is a warning (`fact-ambiguous-number`) at the value, with both readings in words.
//! - A text value (`"1,47 %"`, `"khoảng 50"`) printed through a number filter is an error at
//!   the fact's `value:` line ([`Fact::value_location`], found here), with every place that
//!   prints it as a note: that error is the narrative's (`narrative::problems::not_a_number`).
//!
//! (A figure written the Vietnamese way in quotes, `"51.997"`, `"1,47"`, is read as a number:
//! [`super::number::parse_vietnamese`].)

use super::number::vietnamese_number;
use super::{Fact, FactValue};
use crate::diagnostics::{Code, Diagnostic, Location, SourceFile};
use crate::i18n::Lang;
use crate::t;

/// Words of a unit that is a measure, not a count: a figure in them may well have decimals.
const MEASURES: &[&str] = &[
    "ha", "km", "m", "m2", "m²", "m3", "m³", "km²", "km2", "cm", "mm", "kg", "g", "tấn", "tạ", "lít", "kwh", "mwh",
    "kw", "mw", "gwh", "năm", "tháng", "ngày", "giờ", "phút", "lần", "điểm", "tuổi", "độ", "°c",
];

/// Whether a figure in `unit` is money (`tỷ đồng`, `USD`) or a count (`người`, `doanh nghiệp`),
/// where three digits after a dot are thousands to a Vietnamese reader. Not for `%`, `‰`, a
/// rate (`/`), a measure (`ha`, `tấn`, `km`…) or no unit.
pub fn is_money_or_count(unit: &str) -> bool {
    let lower = unit.trim().to_lowercase();
    if lower.contains("đồng") || lower.contains("usd") {
        return true;
    }
    if lower.is_empty() || lower.contains(['%', '‰', '/']) {
        return false;
    }
    !lower.split(|c: char| c.is_whitespace() || c == ',').any(|w| MEASURES.contains(&w))
}

/// `raw` is an unquoted number a Vietnamese reads as thousands: `51.997`, `-1.500` (one to three
/// digits, no leading zero, a dot, exactly three digits).
fn reads_as_thousands(raw: &str) -> bool {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let Some((int, frac)) = digits.split_once('.') else { return false };
    (1..=3).contains(&int.len())
        && !int.starts_with('0')
        && frac.len() == 3
        && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
}

/// The warning for a fact whose value is written at `at` (as in the file), when a Vietnamese
/// reader would read it otherwise than YAML does.
pub(super) fn ambiguous(fact: &Fact, at: Location) -> Option<Diagnostic> {
    let FactValue::Float(x) = fact.value else { return None };
    let raw: String = at.line_text.chars().skip(at.column - 1).take(at.width).collect();
    let raw = raw.as_str();
    if !reads_as_thousands(raw) || !is_money_or_count(&fact.unit) {
        return None;
    }
    let lang = crate::i18n::current();
    let decimal = vietnamese_number(&format!("{x}"), None, 0);
    let plain = raw.replace('.', "");
    let whole: i64 = plain.parse().ok()?;
    let thousands = vietnamese_number(&plain, None, 0).replace('.', " ");
    Some(
        Diagnostic::warning(t!(
            "facts-ambiguous-number",
            key = fact.key.as_str(),
            written = raw,
            decimal = decimal.as_str(),
            decimal_words = decimal_words(x, lang),
            unit = fact.unit.as_str(),
            thousands = thousands.as_str(),
            thousands_words = words(whole, lang),
        ))
        .code(Code::FactAmbiguousNumber)
        .at(at)
        .help(t!(
            "facts-ambiguous-number-help",
            written = raw,
            plain = plain.as_str(),
            decimal = decimal.as_str(),
            thousands_words = words(whole, lang),
        )),
    )
}

const EN_ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const VI_DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/// A whole number below a million in words: `fifty-one thousand nine hundred ninety-seven`,
/// `năm mươi mốt nghìn chín trăm chín mươi bảy`.
pub fn words(n: i64, lang: Lang) -> String {
    let sign = match (n < 0, lang) {
        (true, Lang::En) => "minus ",
        (true, Lang::Vi) => "âm ",
        _ => "",
    };
    let n = n.unsigned_abs();
    if n == 0 || n >= 1_000_000 {
        return format!("{sign}{}", if n == 0 { words_below_1000(0, false, lang) } else { n.to_string() });
    }
    let (thousands, rest) = (n / 1000, n % 1000);
    let mut parts = Vec::new();
    if thousands > 0 {
        let word = if lang == Lang::Vi { "nghìn" } else { "thousand" };
        parts.push(format!("{} {word}", words_below_1000(thousands, false, lang)));
    }
    if rest > 0 {
        parts.push(words_below_1000(rest, thousands > 0, lang));
    }
    format!("{sign}{}", parts.join(" "))
}

/// 0–999 in words; `after_thousands`: Vietnamese says `không trăm linh năm` after `nghìn`.
fn words_below_1000(n: u64, after_thousands: bool, lang: Lang) -> String {
    let (h, t, u) = ((n / 100) as usize, (n / 10 % 10) as usize, (n % 10) as usize);
    match lang {
        Lang::En => {
            let mut w = Vec::new();
            if h > 0 {
                w.push(format!("{} hundred", EN_ONES[h]));
            }
            let below = t * 10 + u;
            if below >= 20 {
                w.push(if u > 0 { format!("{}-{}", EN_TENS[t], EN_ONES[u]) } else { EN_TENS[t].to_string() });
            } else if below > 0 || w.is_empty() {
                w.push(EN_ONES[below].to_string());
            }
            w.join(" ")
        }
        Lang::Vi => {
            if n == 0 {
                return VI_DIGITS[0].to_string();
            }
            let mut w: Vec<&str> = Vec::new();
            let hundreds = h > 0 || after_thousands;
            if hundreds {
                w.extend([VI_DIGITS[h], "trăm"]);
            }
            match t {
                0 if u > 0 && hundreds => w.push("linh"),
                0 => {}
                1 => w.push("mười"),
                _ => w.extend([VI_DIGITS[t], "mươi"]),
            }
            if u > 0 {
                w.push(match u {
                    1 if t >= 2 => "mốt",
                    4 if t >= 2 => "tư",
                    5 if t >= 1 => "lăm",
                    _ => VI_DIGITS[u],
                });
            }
            w.join(" ")
        }
    }
}

/// A decimal in words, its decimals digit by digit: `fifty-one point nine nine seven`,
/// `năm mươi mốt phẩy chín chín bảy`.
fn decimal_words(x: f64, lang: Lang) -> String {
    let shown = format!("{x}");
    let (int, frac) = shown.split_once('.').unwrap_or((&shown, ""));
    let mut out = words(int.parse().unwrap_or(0), lang);
    if x < 0.0 && !out.starts_with(['m', 'â']) {
        out.insert_str(0, if lang == Lang::Vi { "âm " } else { "minus " });
    }
    if !frac.is_empty() {
        out.push_str(if lang == Lang::Vi { " phẩy" } else { " point" });
        for d in frac.bytes() {
            let d = (d - b'0') as usize;
            out.push(' ');
            out.push_str(if lang == Lang::Vi { VI_DIGITS[d] } else { EN_ONES[d] });
        }
    }
    out
}

/// Where `value:` is written in a fact's lines `block` (starting at byte `start` of `file`),
/// and the value as written (up to a comment; in a flow mapping, up to `,` or `}`).
pub(super) fn value_written(file: &SourceFile, start: usize, end: usize) -> Option<(Location, String)> {
    let mut at = start;
    for line in file.text[start..end].split_inclusive('\n') {
        let found = line
            .match_indices("value:")
            .find(|(i, _)| *i == 0 || matches!(line.as_bytes()[*i - 1], b' ' | b'\t' | b'{' | b','));
        if let Some((i, _)) = found {
            let after = &line[i + "value:".len()..];
            let lead = after.len() - after.trim_start().len();
            let mut raw = after.trim_start();
            if let Some(comment) = raw.find(" #") {
                raw = &raw[..comment];
            }
            if line[..i].contains('{') {
                raw = raw.split([',', '}']).next().unwrap_or(raw);
            }
            let raw = raw.trim_end();
            let offset = at + i + "value:".len() + lead;
            let width = raw.chars().count().max(1);
            return Some((Location::from_offset(&file.path, &file.text, offset, width), raw.to_string()));
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words_in_both_languages() {
        assert_eq!(words(51_997, Lang::En), "fifty-one thousand nine hundred ninety-seven");
        assert_eq!(words(51_997, Lang::Vi), "năm mươi mốt nghìn chín trăm chín mươi bảy");
        assert_eq!(words(1_005, Lang::Vi), "một nghìn không trăm linh năm");
        assert_eq!(words(1_500, Lang::Vi), "một nghìn năm trăm");
        assert_eq!(words(115, Lang::Vi), "một trăm mười lăm");
        assert_eq!(words(24, Lang::Vi), "hai mươi tư");
        assert_eq!(words(1_500, Lang::En), "one thousand five hundred");
        assert_eq!(decimal_words(51.997, Lang::En), "fifty-one point nine nine seven");
        assert_eq!(decimal_words(51.997, Lang::Vi), "năm mươi mốt phẩy chín chín bảy");
        assert_eq!(decimal_words(1.5, Lang::Vi), "một phẩy năm");
    }

    #[test]
    fn money_and_counts_warn_measures_and_rates_do_not() {
        for unit in ["tỷ đồng", "triệu USD", "người", "doanh nghiệp", "dự án", "hộ", "lao động", "xã"]
        {
            assert!(is_money_or_count(unit), "{unit}");
        }
        for unit in ["%", "‰", "%/năm", "giường/vạn dân", "ha", "nghìn ha", "km", "m²", "tấn", "lần", "năm", ""]
        {
            assert!(!is_money_or_count(unit), "{unit}");
        }
        assert!(reads_as_thousands("51.997") && reads_as_thousands("1.500") && reads_as_thousands("-2.000"));
        assert!(!reads_as_thousands("8.58") && !reads_as_thousands("0.125") && !reads_as_thousands("1234.567"));
    }
}
