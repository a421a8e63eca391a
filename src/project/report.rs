//! `content/report.yaml`: the document's metadata (Decree 30/2020 header, title, signer,
//! recipients). Unknown keys are errors that name the allowed ones.

use serde::{Deserialize, Serialize};

use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location};
use crate::t;
use crate::yaml::typed::{self, TypedKind};
use crate::yaml::{quoted_line, yaml_error};

/// The report's metadata, as the office writes it in `content/report.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The parent authority (cơ quan chủ quản), printed above the authority, not bold. Usually empty
    /// for a provincial People's Committee.
    #[serde(default)]
    pub parent_authority: Vec<String>,
    /// Issuing authority (cơ quan ban hành), one entry per printed line: `ỦY BAN NHÂN DÂN`, `TỈNH HẢI DƯƠNG`.
    pub authority: Vec<String>,
    /// Quốc hiệu: `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`.
    pub national_title: String,
    /// Tiêu ngữ: `Độc lập - Tự do - Hạnh phúc`.
    pub motto: String,
    /// Document number (`197`); blank (`~`) in a draft, printed as spaces: `Số:      /BC-UBND`.
    #[serde(default)]
    pub number: Option<String>,
    /// Document symbol after the number: `BC-UBND`.
    pub symbol: String,
    /// Place name of the date line: `Hải Dương`.
    pub place: String,
    /// Issue date: `2023-12-05`, or `2023-12` (day left blank), or `2023` (day and month blank).
    pub date: IssueDate,
    /// Document type (tên loại): `BÁO CÁO`.
    pub document_type: String,
    /// Summary (trích yếu) under the type, bold; one entry per intended line or one long entry.
    pub summary: Vec<String>,
    /// Signature block.
    pub signer: Signer,
    /// `Nơi nhận:` list, each entry printed after "- ".
    pub recipients: Vec<String>,
    /// `final` (the default) or `draft`: a draft prints "DỰ THẢO" on page 1.
    #[serde(default)]
    pub status: Status,
    /// With `status: draft`, also a light "DỰ THẢO" watermark across every page.
    #[serde(default)]
    pub watermark: bool,
    /// The report this one replaces (number and date), recorded in the PDF's metadata and manifest.
    #[serde(default)]
    pub replaces: Option<Replaces>,
    /// The language of baocao's messages for this project: `vi` or `en` (`--lang` and a
    /// Vietnamese locale come first; see [`crate::i18n::choose`]). Not printed in the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// Whether the document is issued or still a draft.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The issued document (no marker).
    #[default]
    Final,
    /// A draft: "DỰ THẢO" on page 1, and a watermark with `watermark: true`.
    Draft,
}

/// The earlier document that this one replaces: `number: 197/BC-UBND`, `date: 2023-11-24`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replaces {
    /// Number and symbol as printed on the replaced document: `197/BC-UBND`.
    pub number: String,
    /// Its issue date.
    pub date: IssueDate,
}

/// The signature block: authority line(s), the signer's title and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Lines above the name, bold capitals: `TM. ỦY BAN NHÂN DÂN`, `CHỦ TỊCH`
    /// (or `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`).
    pub titles: Vec<String>,
    /// The signer's full name, printed bold under the space for signature and seal.
    pub name: String,
}

/// An issue date in which the day, or the day and month, may be left blank (drafts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueDate {
    /// Year.
    pub year: i32,
    /// Month 1–12, if known.
    pub month: Option<u32>,
    /// Day of month, if known.
    pub day: Option<u32>,
}

impl IssueDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (validated with chrono).
    pub fn parse(s: &str) -> Result<IssueDate, String> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| p.parse::<u32>().map_err(|_| t!("report-date-not-a-date", date = s));
        match parts.as_slice() {
            [y] if y.len() == 4 => Ok(IssueDate { year: num(y)? as i32, month: None, day: None }),
            [y, m] if y.len() == 4 => {
                let month = num(m)?;
                if !(1..=12).contains(&month) {
                    return Err(t!("report-date-no-month", date = s, month = month));
                }
                Ok(IssueDate { year: num(y)? as i32, month: Some(month), day: None })
            }
            [y, _, _] if y.len() == 4 => {
                let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| t!("report-date-invalid", date = s))?;
                use chrono::Datelike;
                Ok(IssueDate { year: d.year(), month: Some(d.month()), day: Some(d.day()) })
            }
            _ => Err(t!("report-date-not-a-date", date = s)),
        }
    }

    /// The date as Decree 30 writes it in running text: `24/11/2023`, `11/2023` or `2023`.
    pub fn short_form(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d:02}/{m:02}/{}", self.year),
            (Some(m), None) => format!("{m:02}/{}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// The full date, when day and month are known.
    pub fn full(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// The Decree 30 date line after the place: `ngày 05 tháng 02 năm 2023` (days below 10 and
    /// months 1–2 take a leading zero); blanks for what is not known.
    pub fn long_form(&self) -> String {
        let blank = " ".repeat(6);
        let day = self.day.map_or(blank.clone(), |d| format!("{d:02}"));
        let month = self.month.map_or(blank, |m| if m <= 2 { format!("{m:02}") } else { m.to_string() });
        format!("ngày {day} tháng {month} năm {}", self.year)
    }
}

impl Serialize for IssueDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        };
        s.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for IssueDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<IssueDate, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Year(i64),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Year(y) => y.to_string(),
            Raw::Text(t) => t,
        };
        IssueDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Report {
    /// Parses `report.yaml`; a YAML or shape error becomes a diagnostic at its line and column.
    pub fn parse(file: &SourceFile) -> Result<Report, Diagnostic> {
        if file.text.trim().is_empty() {
            return Err(Diagnostic::error(t!("report-empty", file = file.path.display().to_string()))
                .at(Location::from_line_col(&file.path, &file.text, 1, 1, 1))
                .help(t!("report-keys-help")));
        }
        // the safe reader first (alias bomb, tags, duplicate keys), then the typed read, whose
        // errors name the key and its line
        let value = crate::yaml::parse(file, crate::limits::MAX_REPORT_VALUES)?;
        check_lengths(file, &value)?;
        let report = serde_yaml::from_str::<Report>(&file.text).map_err(|e| typed_error(file, &e))?;
        if report.watermark && report.status != Status::Draft {
            let line = file.text.lines().position(|l| l.starts_with("watermark:")).map_or(1, |i| i + 1);
            return Err(Diagnostic::error(t!("report-watermark-not-draft"))
                .at(Location::from_line_col(&file.path, &file.text, line, 1, "watermark".len()))
                .help(t!("report-watermark-not-draft-help")));
        }
        if let Some(language) = &report.language
            && crate::i18n::Lang::from_tag(language).is_none()
        {
            let line = file.text.lines().position(|l| l.starts_with("language:")).map_or(1, |i| i + 1);
            return Err(Diagnostic::error(t!("report-unknown-language", language = language.as_str()))
                .at(Location::from_line_col(&file.path, &file.text, line, 1, "language".len()))
                .help(t!("report-unknown-language-help")));
        }
        Ok(report)
    }

    /// The document's title in its metadata: the type and the summary, `BÁO CÁO Kết quả …`.
    pub fn title(&self) -> String {
        format!("{} {}", self.document_type, self.summary.join(" "))
    }

    /// The PDF keywords: the document's status and what it replaces, in Vietnamese.
    pub fn keywords(&self) -> Vec<String> {
        let mut keywords = Vec::new();
        if self.status == Status::Draft {
            keywords.push("Dự thảo".to_string());
        }
        if let Some(r) = &self.replaces {
            keywords.push(self.replaces_line(r));
        }
        keywords
    }

    /// `Thay thế Báo cáo số 197/BC-UBND ngày 24/11/2023`.
    fn replaces_line(&self, r: &Replaces) -> String {
        let kind = self.document_type.to_lowercase();
        let mut chars = kind.chars();
        let kind: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        format!("Thay thế {kind} số {} ngày {}", r.number.trim(), r.date.short_form())
    }

    /// `Số: 197/BC-UBND`, or `Số:      /BC-UBND` when the number is blank.
    pub fn number_line(&self) -> String {
        let number = self.number.as_deref().map(str::trim).filter(|n| !n.is_empty());
        match number {
            Some(n) => format!("Số: {n}/{}", self.symbol),
            None => format!("Số:{}/{}", " ".repeat(8), self.symbol),
        }
    }

    /// `Hải Dương, ngày 05 tháng 02 năm 2023`.
    pub fn place_date_line(&self) -> String {
        format!("{}, {}", self.place, self.date.long_form())
    }
}

/// A line of report.yaml for each key, to show how a missing one is written.
const EXAMPLES: &[(&str, &str)] = &[
    ("authority", "authority: [ỦY BAN NHÂN DÂN, TỈNH HẢI DƯƠNG]"),
    ("national_title", "national_title: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("motto", "motto: Độc lập - Tự do - Hạnh phúc"),
    ("symbol", "symbol: BC-UBND"),
    ("place", "place: Hải Dương"),
    ("date", "date: 2023-12-05"),
    ("document_type", "document_type: BÁO CÁO"),
    ("summary", "summary: [Kết quả thực hiện nhiệm vụ năm 2023]"),
    ("signer", "signer: { titles: [TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH], name: Nguyễn Văn A }"),
    ("titles", "  titles: [TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH]"),
    ("name", "  name: Nguyễn Văn A"),
    ("recipients", "recipients: [Như trên;, Lưu VT.]"),
    ("number", "  number: 197/BC-UBND"),
];

/// A typed-read error of report.yaml in people's words, with help for the field it is about.
fn typed_error(file: &SourceFile, e: &serde_yaml::Error) -> Diagnostic {
    let message = e.to_string();
    let error = typed::parse(&message);
    let (path, text) = (&file.path, &file.text);
    let here = e.location().map_or_else(
        || Location::from_line_col(path, text, 1, 1, 1),
        |l| Location::from_line_col(path, text, l.line(), l.column(), 1),
    );
    let field = error.field().to_string();
    let shown = path.display().to_string();
    let d = match &error.kind {
        TypedKind::UnknownField { field: key, expected } => {
            let close = crate::diagnostics::closest(key, expected.iter().map(String::as_str), 1);
            let help = match close.first() {
                Some(c) => t!("report-did-you-mean", key = *c),
                None => t!("report-allowed-keys", keys = ticked(expected)),
            };
            let width = key.chars().count();
            Diagnostic::error(t!("report-unknown-key", key = key.as_str(), file = shown))
                .at(Location { width, ..here })
                .help(help)
        }
        TypedKind::UnknownVariant { value, expected } => {
            let lower = value.trim().to_lowercase();
            let suggestion = expected.iter().find(|x| **x == lower).cloned().or_else(|| match lower.as_str() {
                "dự thảo" | "du thao" | "du_thao" | "nháp" => Some("draft".to_string()),
                "chính thức" | "chinh thuc" | "ban hành" => Some("final".to_string()),
                _ => None,
            });
            let d = Diagnostic::error(t!("report-value-not-allowed", key = field.as_str(), value = value.as_str()))
                .at(here);
            match (field.as_str(), suggestion) {
                (_, Some(s)) => d.help(t!("report-write-instead", line = format!("{field}: {s}"))),
                ("status", None) => d.help(t!("report-status-help")),
                _ => d.help(t!("report-allowed-values", key = field.as_str(), values = ticked(expected))),
            }
        }
        TypedKind::InvalidType { found, expected } if expected.contains("bool") => {
            let written = found.strip_prefix("string ").unwrap_or(found).trim_matches(['"', '`']).to_string();
            let d = Diagnostic::error(t!("report-yes-no", key = field.as_str(), value = written.as_str())).at(here);
            match typed::yes_no(&written) {
                Some(b) => d.help(t!("report-write-instead", line = format!("{field}: {b}"))),
                None => d.help(t!("report-yes-no-help", key = field.as_str())),
            }
        }
        TypedKind::InvalidType { found, .. } if found == "map" && error.item().is_some() => {
            let line = here.line_text.clone();
            Diagnostic::error(t!("report-item-colon", key = field.as_str(), n = error.item().unwrap_or(1)))
                .at(here)
                .help(t!("report-item-colon-help", fixed = quoted_line(&line)))
        }
        TypedKind::InvalidType { expected, .. } if error.path.is_empty() && expected.contains("struct") => {
            Diagnostic::error(t!("report-not-a-mapping", file = shown)).at(here).help(t!("report-keys-help"))
        }
        TypedKind::InvalidType { expected, .. } if expected.contains("sequence") => {
            Diagnostic::error(t!("report-needs-list", key = field.as_str()))
                .at(here)
                .help(t!("report-needs-list-help", key = field.as_str()))
        }
        TypedKind::InvalidType { found, expected } => Diagnostic::error(t!(
            "report-wrong-kind",
            key = field.as_str(),
            found = typed::found_words(found),
            expected = typed::expected_words(expected)
        ))
        .at(here),
        TypedKind::Missing { field: key } => {
            let example =
                EXAMPLES.iter().find(|(k, _)| *k == key.as_str()).map_or(format!("{key}: …"), |e| e.1.into());
            let within = if error.path.is_empty() { shown } else { format!("`{}`", error.path) };
            Diagnostic::error(t!("report-missing-key", key = key.as_str(), within = within))
                .at(here)
                .help(t!("report-missing-key-help", example = example))
        }
        TypedKind::Other(_) => yaml_error(path, text, e),
    };
    // serde places an error of the date's own parser at the start of the mapping
    if let Some(line) = text.split('\n').position(|l| l.starts_with("date:")) {
        let written = text.split('\n').nth(line).unwrap_or("")["date:".len()..].split(" #").next().unwrap_or("");
        if let Err(detail) = IssueDate::parse(written.trim().trim_matches(['"', '\''])) {
            return Diagnostic::error(t!("report-bad-date", detail = detail))
                .at(Location::from_line_col(path, text, line + 1, 7, 1))
                .help(t!("report-date-help"));
        }
    }
    d
}

/// `` `a`, `b`, `c` ``.
fn ticked(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// Refuses a value longer than [`crate::limits::MAX_PARAGRAPH_BYTES`]: each is set as one
/// paragraph (a header line, the title, a recipient), and typst's time for a paragraph grows
/// with the square of its length.
fn check_lengths(file: &SourceFile, value: &serde_yaml::Value) -> Result<(), Diagnostic> {
    let limit = crate::limits::MAX_PARAGRAPH_BYTES;
    let Some(mapping) = value.as_mapping() else { return Ok(()) };
    for (key, value) in mapping {
        let mut texts: Vec<&str> = Vec::new();
        collect_texts(value, &mut texts);
        if texts.iter().any(|t| t.len() > limit) {
            let key = key.as_str().unwrap_or("");
            let line = file.text.split('\n').position(|l| l.starts_with(&format!("{key}:"))).map_or(1, |i| i + 1);
            return Err(Diagnostic::error(t!(
                "report-too-long",
                key = key,
                file = file.path.display().to_string(),
                kb = limit / 1024
            ))
            .at(Location::from_line_col(&file.path, &file.text, line, 1, key.chars().count()))
            .help(t!("report-too-long-help")));
        }
    }
    Ok(())
}

fn collect_texts<'a>(value: &'a serde_yaml::Value, texts: &mut Vec<&'a str>) {
    match value {
        serde_yaml::Value::String(s) => texts.push(s),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| collect_texts(v, texts)),
        serde_yaml::Value::Mapping(m) => m.values().for_each(|v| collect_texts(v, texts)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_date_accepts_blank_day_and_month() {
        let d = IssueDate::parse("2023").unwrap();
        assert_eq!(d.long_form(), "ngày        tháng        năm 2023");
        assert_eq!(IssueDate::parse("2023-02-05").unwrap().long_form(), "ngày 05 tháng 02 năm 2023");
        assert_eq!(IssueDate::parse("2023-11-24").unwrap().long_form(), "ngày 24 tháng 11 năm 2023");
        assert!(IssueDate::parse("2023-02-30").is_err());
        assert!(IssueDate::parse("2023-13").is_err());
        assert!(IssueDate::parse("23-1-1").is_err());
    }

    const MINIMAL: &str = "authority: [A]\nnational_title: N\nmotto: M\nsymbol: BC-UBND\nplace: P\ndate: 2023\n\
        document_type: BÁO CÁO\nsummary: [S]\nsigner: {titles: [T], name: X}\nrecipients: [R]\n";

    fn parse(extra: &str) -> Result<Report, Diagnostic> {
        Report::parse(&SourceFile { path: "content/report.yaml".into(), text: format!("{MINIMAL}{extra}") })
    }

    #[test]
    fn status_defaults_to_final_and_replaces_becomes_a_keyword() {
        let r = parse("").unwrap();
        assert_eq!((r.status, r.watermark, r.replaces.clone()), (Status::Final, false, None));
        assert!(r.keywords().is_empty());
        let r = parse("status: draft\nreplaces:\n  number: 197/BC-UBND\n  date: 2023-11-24\n").unwrap();
        assert_eq!(r.keywords(), vec!["Dự thảo", "Thay thế Báo cáo số 197/BC-UBND ngày 24/11/2023"]);
    }

    #[test]
    fn a_watermark_on_a_final_report_is_an_error_at_its_line() {
        let d = parse("watermark: true\n").unwrap_err();
        assert!(d.message.contains("not a draft"), "{}", d.message);
        assert_eq!(d.location.unwrap().line, MINIMAL.lines().count() + 1);
        assert!(parse("status: draft\nwatermark: true\n").is_ok());
        let d = parse("status: drafted\n").unwrap_err();
        assert!(d.message.contains("`status: drafted` is not an allowed value"), "{}", d.message);
        assert!(d.help.unwrap().contains("`status: draft`"));
    }

    #[test]
    fn unknown_key_names_it_and_the_allowed_ones() {
        let file =
            SourceFile { path: "content/report.yaml".into(), text: "authority: [A]\nnational_titel: X\n".into() };
        let d = Report::parse(&file).unwrap_err();
        assert!(d.message.contains("unknown key `national_titel`"), "{}", d.message);
        assert_eq!(d.help.as_deref(), Some("did you mean `national_title`?"));
        assert_eq!(d.location.as_ref().unwrap().line, 2);
    }
}
