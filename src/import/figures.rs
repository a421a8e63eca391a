//! Figures as facts: a number printed the Vietnamese way (`51.997`, `8,58`) with a unit or a
//! percent sign becomes a fact — a key made from the words before it, the value, the unit, the
//! period when the sentence gives a year, the meaning from the words around it — and the text
//! prints it through `num` or `pct` with the options that give back the same characters.
//! A figure baocao tagged in its own .docx keeps its key.

use crate::portable::ascii;
use std::collections::{BTreeMap, HashMap};

use crate::facts::number::vietnamese_number;

/// A printed figure read back: its plain value and the filter that prints it the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// The value as YAML writes it: `51997`, `8.58`, `-3.5`.
    pub value: String,
    /// The filter call: `num`, `pct`, `num(decimals=2)`, `num(pad=2)`.
    pub filter: String,
    /// A percentage.
    pub percent: bool,
}

/// Reads `8,58%`, `51.997`, `09`, `2.931,87` as `num`/`pct` prints them; `None` when the
/// filters could not print exactly this text.
pub fn read_printed(text: &str) -> Option<Printed> {
    let (body, percent) = match text.strip_suffix('%') {
        Some(b) => (b, true),
        None => (text, false),
    };
    let (negative, body) = match body.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let (int, frac) = body.split_once(',').unwrap_or((body, ""));
    if int.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) || (body.contains(',') && frac.is_empty()) {
        return None;
    }
    let digits: String = int.chars().filter(|c| *c != '.').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let trimmed_frac = frac.trim_end_matches('0');
    let int_value = digits.trim_start_matches('0');
    let int_value = if int_value.is_empty() { "0" } else { int_value };
    let mut value = if trimmed_frac.is_empty() { int_value.to_string() } else { format!("{int_value}.{trimmed_frac}") };
    if negative {
        value.insert(0, '-');
    }
    let decimals = (trimmed_frac.len() != frac.len()).then_some(frac.len());
    let pad = (digits.len() > 1 && digits.starts_with('0')).then_some(digits.len());
    let name = if percent { "pct" } else { "num" };
    let filter = match (decimals, pad) {
        (Some(d), Some(p)) => format!("{name}(decimals={d}, pad={p})"),
        (Some(d), None) => format!("{name}(decimals={d})"),
        (None, Some(p)) => format!("{name}(pad={p})"),
        (None, None) => name.to_string(),
    };
    // only what the filter prints back exactly (grouping of thousands included)
    let back = vietnamese_number(&value, decimals, pad.unwrap_or(0));
    (back == body).then_some(Printed {
        value: if negative && value == "-0" { "0".into() } else { value },
        filter,
        percent,
    })
}

/// Units after which a number is a figure, longest first within each start.
const UNITS: &[&str] = &[
    "nghìn tỷ đồng",
    "ngàn tỷ đồng",
    "tỷ đồng",
    "triệu đồng",
    "nghìn đồng",
    "đồng",
    "tỷ USD",
    "triệu USD",
    "nghìn USD",
    "USD",
    "nghìn ha",
    "ha",
    "km2",
    "km²",
    "km",
    "m2",
    "m²",
    "m3",
    "nghìn tấn",
    "triệu tấn",
    "tấn",
    "nghìn người",
    "lượt người",
    "lượt khách",
    "lượt",
    "người",
    "doanh nghiệp",
    "dự án",
    "hợp tác xã",
    "nghìn hộ",
    "hộ",
    "lao động",
    "xã",
    "huyện",
    "trường",
    "học sinh",
    "giường bệnh",
    "giường",
    "bác sĩ",
    "sản phẩm",
    "văn bản",
    "cơ sở",
    "công trình",
    "cụm công nghiệp",
    "khu công nghiệp",
    "thủ tục",
    "TTHC",
    "hồ sơ",
    "vụ",
    "đối tượng",
    "căn hộ",
    "nhà",
    "thôn",
    "di tích",
    "lần",
    "MW",
    "kWh",
    "lít",
    "con",
    "cây",
    "đơn vị",
    "tổ chức",
    "cán bộ",
    "công chức",
    "viên chức",
    "biên chế",
    "điểm",
    "tiêu chí",
    "chỉ tiêu",
    "nhiệm vụ",
    "đề án",
    "chương trình",
    "tuyến",
    "cuộc",
    "phòng",
    "bệnh viện",
    "trạm y tế",
    "thẻ",
    "tỉnh",
    "sở",
    "ngành",
    "đơn",
    "đô thị",
    "đại biểu",
    "nhà máy",
    "thuê bao",
    "sáng kiến",
    "chợ",
    "CCN",
    "KCN",
    "Huy chương",
    "HCV",
    "HCB",
    "giải",
    "bài",
    "quyết định",
    "cơ quan",
    "dịch vụ",
    "thành viên",
    "triệu",
    "nghìn",
    "tấn/ngày",
];

/// The unit written right after a number (`%` or a word of [`UNITS`]), and its length.
pub fn unit_after(rest: &str) -> Option<(&'static str, usize)> {
    if rest.starts_with('%') {
        return Some(("%", 1));
    }
    let spaced = rest.strip_prefix(' ').unwrap_or(rest);
    let skip = rest.len() - spaced.len();
    UNITS.iter().filter(|u| spaced.starts_with(**u)).max_by_key(|u| u.len()).and_then(|u| {
        // the unit ends a word
        let after = spaced[u.len()..].chars().next();
        after.is_none_or(|c| !c.is_alphanumeric()).then_some((*u, skip + u.len()))
    })
}

/// A figure found in a text: its byte range and what it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where it is in the text (the `%` included).
    pub range: std::ops::Range<usize>,
    /// How it reads.
    pub printed: Printed,
    /// The unit after it.
    pub unit: String,
}

/// The figures in `text`: numbers with a unit or `%` that the filters print back exactly; not
/// years, dates, document numbers (`191/KH-HĐND`), ranges (`2021-2025`) or parts of words.
pub fn detect(text: &str) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let prev = text[..start].chars().next_back();
        let mut end = start;
        while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.' || bytes[end] == b',') {
            end += 1;
        }
        // a trailing `.` or `,` is punctuation, not part of the number
        while end > start && matches!(bytes[end - 1], b'.' | b',') {
            end -= 1;
        }
        i = end.max(start + 1);
        if prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | ',' | '–' | '_' | '\\')) {
            continue;
        }
        let rest = &text[end..];
        if rest.starts_with(['/', '-', '–']) && !rest.starts_with("-%") {
            continue;
        }
        let Some((unit, len)) = unit_after(rest) else { continue };
        let shown = if unit == "%" { &text[start..end + 1] } else { &text[start..end] };
        let Some(printed) = read_printed(shown) else { continue };
        let range = start..start + shown.len();
        let _ = len;
        out.push(Found { range, printed, unit: unit.to_string() });
    }
    out
}

/// Words that say little in a key.
const STOP: &[&str] = &[
    "la", "dat", "voi", "duoc", "cua", "va", "cac", "nhung", "trong", "co", "nay", "uoc", "khoang", "hon", "len", "o",
    "tai", "theo", "nam", "giai", "doan", "thang", "ngay", "mot",
];

/// The facts of an imported project, by namespace.
#[derive(Debug, Default)]
pub struct Registry {
    /// namespace → key → fact, in the order found.
    pub namespaces: BTreeMap<String, Vec<NewFact>>,
    index: HashMap<String, (String, usize)>,
}

/// A fact to write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFact {
    /// `name` (without the namespace).
    pub name: String,
    /// YAML value: `51997`, `8.58`, or a quoted text.
    pub value: String,
    /// The unit.
    pub unit: String,
    /// The words around it.
    pub meaning: String,
    /// The year or period the sentence gives.
    pub period: Option<String>,
    /// The text calls it an estimate.
    pub estimate: bool,
    /// A target or plan figure.
    pub target: bool,
}

impl Registry {
    /// Adds a fact `ns.name` (the name made unique unless the same value is there already
    /// under it) and returns its full key.
    pub fn add(&mut self, ns: &str, mut fact: NewFact) -> String {
        let base = fact.name.clone();
        let mut n = 1;
        loop {
            let key = format!("{ns}.{}", fact.name);
            match self.index.get(&key) {
                Some((ns0, i)) if self.namespaces[ns0][*i].value == fact.value => return key,
                Some(_) => {
                    n += 1;
                    fact.name = format!("{base}_{n}");
                }
                None => {
                    let list = self.namespaces.entry(ns.to_string()).or_default();
                    self.index.insert(key.clone(), (ns.to_string(), list.len()));
                    list.push(fact);
                    return key;
                }
            }
        }
    }

    /// How many facts.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// The name of a figure found at `range` of `sentence`: the last meaningful words before it,
/// then the period.
pub fn name_for(before: &str, unit: &str, period: Option<&str>) -> String {
    let words: Vec<String> = ascii(before)
        .split_whitespace()
        .filter(|w| !STOP.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    let mut parts: Vec<String> = words.iter().rev().take(5).rev().cloned().collect();
    if parts.is_empty() {
        parts = ascii(unit).split_whitespace().map(str::to_string).collect();
        if unit == "%" {
            parts = vec!["ty_le".into()];
        }
    }
    let mut name = parts.join("_");
    while name.len() > 40 {
        match name.find('_') {
            Some(i) => name = name[i + 1..].to_string(),
            None => name.truncate(40),
        }
    }
    if let Some(p) = period {
        let p = p.replace(['-', '–', ' '], "_").replace("__", "_");
        if !name.ends_with(&p) {
            name = format!("{name}_{p}");
        }
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "so_");
    }
    let name = name.trim_end_matches('_').replace("__", "_");
    // words tera reads as operators or literals are not names
    if RESERVED.contains(&name.as_str()) { format!("{name}_so") } else { name }
}

/// Words that tera reads in an expression as something else than a name.
pub const RESERVED: &[&str] = &["and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "null", "loop"];

/// The clause around byte range `at` of `text` (between `;`, `(`, `)`, `.` or `, `).
pub fn clause(text: &str, at: std::ops::Range<usize>) -> (usize, usize) {
    let is_stop = |i: usize, c: char| {
        matches!(c, ';' | '(' | ')' | ':')
            || (matches!(c, ',' | '.') && text[i + 1..].chars().next().is_none_or(char::is_whitespace))
    };
    let start =
        text[..at.start].char_indices().rev().find(|(i, c)| is_stop(*i, *c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end =
        text[at.end..].char_indices().find(|(i, c)| is_stop(at.end + i, *c)).map_or(text.len(), |(i, _)| at.end + i);
    (start, end)
}

/// The year or period a sentence gives nearest before `at` (else after): `2023`, `2021-2023`.
pub fn period(text: &str, at: usize) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let year = |j: usize| {
            j + 4 <= b.len()
                && (b[j..j + 2] == *b"19" || b[j..j + 2] == *b"20")
                && b[j..j + 4].iter().all(u8::is_ascii_digit)
                && (j + 4 == b.len() || !b[j + 4].is_ascii_digit())
                && (j == 0 || !b[j - 1].is_ascii_digit() && b[j - 1] != b'/' && b[j - 1] != b'.')
        };
        if year(i) {
            let mut p = text[i..i + 4].to_string();
            let mut end = i + 4;
            let rest = &text[end..];
            let dash = rest.trim_start().strip_prefix(['-', '–']).map(str::trim_start);
            if let Some(d) = dash {
                let j = text.len() - d.len();
                if year(j) {
                    p = format!("{p}-{}", &text[j..j + 4]);
                    end = j + 4;
                }
            }
            found.push((i, p));
            i = end;
        } else {
            i += 1;
        }
    }
    found.iter().rev().find(|(i, _)| *i < at).or_else(|| found.first()).map(|(_, p)| p.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_figures_are_read_back_with_the_filter_that_prints_them() {
        assert_eq!(
            read_printed("51.997").unwrap(),
            Printed { value: "51997".into(), filter: "num".into(), percent: false }
        );
        assert_eq!(read_printed("8,58%").unwrap().filter, "pct");
        assert_eq!(read_printed("8,58%").unwrap().value, "8.58");
        assert_eq!(read_printed("8,50%").unwrap().filter, "pct(decimals=2)");
        assert_eq!(read_printed("09").unwrap().filter, "num(pad=2)");
        assert_eq!(read_printed("2.931,87").unwrap().value, "2931.87");
        assert_eq!(read_printed("2021"), None, "num would print 2.021");
        assert_eq!(read_printed("12.5"), None);
    }

    #[test]
    fn figures_need_a_unit_and_leave_years_dates_and_numbers_of_documents() {
        let t = "thu nội địa đạt 51.997 tỷ đồng, tăng 8,58%/năm; năm 2023 có 16 xã, Kế hoạch số 191/KH-HĐND ngày 30/8/2023, giai đoạn 2021-2025";
        let found: Vec<&str> = detect(t).iter().map(|f| &t[f.range.clone()]).collect();
        assert_eq!(found, ["51.997", "8,58%", "16"]);
        assert_eq!(detect(t)[0].unit, "tỷ đồng");
    }

    #[test]
    fn keys_are_ascii_words_before_the_figure_and_the_period() {
        assert_eq!(name_for("thu nội địa đạt", "tỷ đồng", Some("2023")), "thu_noi_dia_2023");
        assert_eq!(name_for("", "%", None), "ty_le");
        assert_eq!(name_for("in", "ha", None), "in_so", "not a word tera reads otherwise");
        assert_eq!(crate::portable::slug("Phát triển kinh tế - xã hội", 4, "-"), "phat-trien-kinh-te");
        assert_eq!(period("giai đoạn 2021-2023 ước tăng 5%", 25), Some("2021-2023".into()));
    }
}
