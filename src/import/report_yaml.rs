//! `content/report.yaml` from the first page's block (the header table: authority | national
//! title and motto; `Số: …` | place and date; then the document type and the summary) and the
//! closing table (`Nơi nhận:` | the signer's titles and name), and what could not be found.

use super::walk::{Item, Para};

/// What the first and last pages gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// Cơ quan chủ quản lines.
    pub parent_authority: Vec<String>,
    /// Cơ quan ban hành lines.
    pub authority: Vec<String>,
    /// Quốc hiệu.
    pub national_title: Option<String>,
    /// Tiêu ngữ.
    pub motto: Option<String>,
    /// `Some(None)`: the line was found with the number left blank.
    pub number: Option<Option<String>>,
    /// The symbol after the number (`BC-UBND`).
    pub symbol: Option<String>,
    /// Địa danh.
    pub place: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `BÁO CÁO`.
    pub document_type: Option<String>,
    /// Trích yếu lines.
    pub summary: Vec<String>,
    /// The signer's titles.
    pub signer_titles: Vec<String>,
    /// The signer's name.
    pub signer_name: Option<String>,
    /// `Nơi nhận` entries.
    pub recipients: Vec<String>,
    /// Marked `DỰ THẢO`.
    pub draft: bool,
    /// The replaced document: number and date (`YYYY-MM-DD`).
    pub replaces: Option<(String, String)>,
}

fn lines(paras: &[Para]) -> Vec<(String, bool)> {
    paras
        .iter()
        .map(|p| (p.text().trim().to_string(), p.all_bold()))
        .filter(|(t, _)| !t.is_empty() && !is_rule(t))
        .collect()
}

/// A line drawn with characters (`______`, `-----`).
pub fn is_rule(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 3 && t.chars().all(|c| matches!(c, '_' | '-' | '—' | '–' | '=' | '.' | '…'))
}

fn table_text(rows: &[Vec<Vec<Para>>]) -> String {
    rows.iter().flatten().flatten().map(|p| p.text()).collect::<Vec<_>>().join("\n")
}

/// Reads the first page's block at the start of `items`; returns what it found and how many
/// items it took.
pub fn front(items: &[Item], fields: &mut Fields) -> usize {
    let mut i = 0;
    let empty = |item: &Item| matches!(item, Item::Para(p) if p.text().trim().is_empty() && p.pieces.is_empty() || matches!(item, Item::Para(p) if is_rule(&p.text())));
    while i < items.len() && empty(&items[i]) {
        i += 1;
    }
    if let Some(Item::Para(p)) = items.get(i)
        && p.text().trim() == "DỰ THẢO"
    {
        fields.draft = true;
        i += 1;
    }
    let Some(Item::Table(rows)) = items.get(i) else { return 0 };
    let text = table_text(rows);
    if !(text.contains("CỘNG HÒA") || text.contains("CỘNG HOÀ") || text.contains("Độc lập") || text.contains("Số:"))
    {
        return 0;
    }
    header(rows, fields);
    i += 1;
    while i < items.len() && empty(&items[i]) {
        i += 1;
    }
    if let Some(Item::Para(p)) = items.get(i) {
        let t = p.text().trim().to_string();
        if !t.is_empty()
            && t == t.to_uppercase()
            && t.split_whitespace().count() <= 6
            && t.chars().any(char::is_alphabetic)
        {
            fields.document_type = Some(t);
            i += 1;
            while let Some(Item::Para(p)) = items.get(i) {
                let t = p.text().trim().to_string();
                if is_rule(&t) || (t.is_empty() && p.pieces.is_empty()) {
                    i += 1;
                    if !fields.summary.is_empty() {
                        break;
                    }
                    continue;
                }
                let heading_like = super::markdown::ladder_level(&t).is_some() || p.outline.is_some();
                if heading_like || !(p.all_bold() || p.centered) || fields.summary.len() >= 4 {
                    break;
                }
                fields.summary.push(t);
                i += 1;
            }
        }
    }
    i
}

fn header(rows: &[Vec<Vec<Para>>], fields: &mut Fields) {
    for row in rows {
        for (column, cell) in row.iter().enumerate() {
            for (text, bold) in lines(cell) {
                if let Some(rest) = text.strip_prefix("Số:").or_else(|| text.strip_prefix("Số ")) {
                    let (number, symbol) = rest.split_once('/').unwrap_or(("", rest));
                    let number = number.trim().trim_matches(['.', '…']).trim();
                    fields.number = Some((!number.is_empty()).then(|| number.to_string()));
                    fields.symbol = Some(symbol.trim().to_string());
                } else if text.to_uppercase().starts_with("CỘNG HÒA") || text.to_uppercase().starts_with("CỘNG HOÀ")
                {
                    fields.national_title = Some(text);
                } else if text.starts_with("Độc lập") {
                    fields.motto = Some(text);
                } else if let Some((place, date)) = place_date(&text) {
                    fields.place = Some(place);
                    fields.date = Some(date);
                } else if text == "DỰ THẢO" {
                    fields.draft = true;
                } else if column == 0 {
                    if bold || !fields.authority.is_empty() {
                        fields.authority.push(text);
                    } else {
                        fields.parent_authority.push(text);
                    }
                }
            }
        }
    }
    if fields.authority.is_empty() {
        fields.authority = std::mem::take(&mut fields.parent_authority);
    }
}

/// `Hải Dương, ngày 05 tháng 12 năm 2023` (day and month may be blank) → place, date.
pub fn place_date(text: &str) -> Option<(String, String)> {
    let (place, rest) = text.split_once(',')?;
    let rest = rest.trim();
    let rest = rest.strip_prefix("ngày")?;
    let (day, rest) = rest.split_once("tháng")?;
    let (month, year) = rest.split_once("năm")?;
    let year: String = year.trim().chars().take_while(char::is_ascii_digit).collect();
    if year.len() != 4 {
        return None;
    }
    let number = |s: &str| s.trim().parse::<u32>().ok();
    let date = match (number(month), number(day)) {
        (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year}-{m:02}"),
        _ => year,
    };
    Some((place.trim().to_string(), date))
}

/// Finds the closing block among `items` — a table (`Nơi nhận:` | signature), or else
/// paragraphs from `Nơi nhận:` on (the signer's lines beside it after a tab, or after the
/// recipients) — and reads it; returns where it starts and where what follows it starts.
pub fn closing(items: &[Item], fields: &mut Fields) -> Option<(usize, usize)> {
    match closing_table(items, fields) {
        Some(at) => Some((at, at + 1)),
        None => closing_paragraphs(items, fields).map(|at| (at, items.len())),
    }
}

fn closing_paragraphs(items: &[Item], fields: &mut Fields) -> Option<usize> {
    let first = items.len().saturating_sub(60);
    let text = |i: usize| match &items[i] {
        Item::Para(p) => p.text(),
        Item::Table(_) => String::new(),
    };
    let at = (first..items.len()).rev().find(|i| text(*i).trim_start().starts_with("Nơi nhận"))?;
    // the signer's titles may stand just before `Nơi nhận:` (capitals, short)
    let mut start = at;
    while start > first && start + 3 > at {
        let t = text(start - 1);
        let t = t.trim();
        if t.is_empty()
            || t != t.to_uppercase()
            || t.split_whitespace().count() > 8
            || !t.chars().any(char::is_alphabetic)
        {
            break;
        }
        start -= 1;
    }
    let mut signer: Vec<String> = (start..at).map(|i| text(i).trim().to_string()).collect();
    for (i, item) in items.iter().enumerate().skip(at) {
        let Item::Para(p) = item else { continue };
        let line = p.text();
        let parts: Vec<&str> = line.split('\t').map(str::trim).filter(|s| !s.is_empty()).collect();
        let (left, right) = match parts.as_slice() {
            [] => continue,
            [one] if i == at || one.starts_with(['-', '–', '+', '•']) || p.list.is_some() => (Some(*one), None),
            [one] => (None, Some(*one)),
            [l, .., r] => (Some(*l), Some(*r)),
        };
        if let Some(l) = left.filter(|l| !l.starts_with("Nơi nhận")) {
            fields.recipients.push(l.trim_start_matches(['-', '–', '+', '•']).trim().to_string());
        }
        if let Some(r) = right.filter(|r| !r.starts_with('(')) {
            signer.push(r.to_string());
        }
    }
    if let Some((name, titles)) = signer.split_last() {
        fields.signer_name = Some(name.clone());
        fields.signer_titles = titles.to_vec();
    }
    Some(start)
}

fn closing_table(items: &[Item], fields: &mut Fields) -> Option<usize> {
    let at =
        items.iter().rposition(|item| matches!(item, Item::Table(rows) if table_text(rows).contains("Nơi nhận")))?;
    let Item::Table(rows) = &items[at] else { return None };
    // each column's lines, all rows together (one row of two cells, or a row a line)
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let column_lines: Vec<Vec<String>> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).flat_map(|cell| lines(cell)).map(|(t, _)| t).collect())
        .collect();
    for (c, lines) in column_lines.iter().enumerate() {
        if lines.iter().any(|t| t.starts_with("Nơi nhận")) {
            for t in lines.iter().skip_while(|t| !t.starts_with("Nơi nhận")).skip(1) {
                let t = t.strip_prefix('-').or_else(|| t.strip_prefix('–')).unwrap_or(t).trim();
                fields.recipients.push(t.to_string());
            }
        } else if c > 0 || columns == 1 {
            let signer: Vec<String> =
                lines.iter().filter(|t| !t.starts_with('(') && !t.starts_with("Đã ký")).cloned().collect();
            if let Some((name, titles)) = signer.split_last() {
                fields.signer_name = Some(name.clone());
                fields.signer_titles = titles.to_vec();
            }
        }
    }
    Some(at)
}

/// Reads the keywords baocao writes (`Dự thảo`, `Thay thế Báo cáo số 197/BC-UBND ngày 24/11/2023`).
pub fn keywords(keywords: &str, fields: &mut Fields) {
    for k in keywords.split([',', ';']).map(str::trim) {
        if k == "Dự thảo" {
            fields.draft = true;
        } else if let Some(rest) = k.strip_prefix("Thay thế ")
            && let Some((_, rest)) = rest.split_once(" số ")
            && let Some((number, date)) = rest.rsplit_once(" ngày ")
        {
            let parts: Vec<&str> = date.trim().split('/').collect();
            let date = match parts.as_slice() {
                [d, m, y] => format!("{y}-{m}-{d}"),
                [m, y] => format!("{y}-{m}"),
                [y] => y.to_string(),
                _ => continue,
            };
            fields.replaces = Some((number.trim().to_string(), date));
        }
    }
}

/// A YAML scalar: plain when YAML reads it back as the same text, else double-quoted.
pub fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c) || c.is_ascii_digit())
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !matches!(text.to_lowercase().as_str(), "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "y" | "n")
        && !text.chars().any(char::is_control);
    if plain { text.to_string() } else { serde_json::to_string(text).unwrap_or_default() }
}

fn list(out: &mut String, indent: &str, items: &[String]) {
    if items.is_empty() {
        out.push_str(" []\n");
        return;
    }
    out.push('\n');
    for item in items {
        out.push_str(&format!("{indent}- {}\n", scalar(item)));
    }
}

/// report.yaml, commented as `init` writes it; every field not found is marked and given a
/// placeholder the office replaces. Returns the text and the fields not found.
pub fn write(f: &Fields, fallback_year: i32) -> (String, Vec<&'static str>) {
    let mut missing = Vec::new();
    let mut need = |found: bool, name: &'static str| {
        if !found {
            missing.push(name);
        }
        if found { "" } else { "  # KHÔNG TÌM THẤY trong tệp Word: điền lại" }
    };
    let mut out = String::from(
        "# Thông tin văn bản, nhập từ tệp Word bằng `baocao import` (xem IMPORT.md).\n\
         # Thể thức theo Nghị định 30/2020/NĐ-CP, Phụ lục I. Dòng bắt đầu bằng # là ghi chú.\n\n",
    );
    out.push_str(
        "# Cơ quan chủ quản (in thường) và cơ quan ban hành (in đậm), mỗi dòng một phần tử.\nparent_authority:",
    );
    list(&mut out, "  ", &f.parent_authority);
    let mark = need(!f.authority.is_empty(), "authority");
    out.push_str(&format!("authority:{mark}"));
    list(&mut out, "  ", if f.authority.is_empty() { &[] } else { &f.authority });
    if f.authority.is_empty() {
        out.truncate(out.len() - " []\n".len());
        out.push_str("\n  - CƠ QUAN BAN HÀNH\n");
    }
    out.push_str("\n# Quốc hiệu và Tiêu ngữ.\n");
    let mark = need(f.national_title.is_some(), "national_title");
    out.push_str(&format!(
        "national_title: {}{mark}\n",
        scalar(f.national_title.as_deref().unwrap_or("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    ));
    let mark = need(f.motto.is_some(), "motto");
    out.push_str(&format!("motto: {}{mark}\n", scalar(f.motto.as_deref().unwrap_or("Độc lập - Tự do - Hạnh phúc"))));
    out.push_str("\n# Số văn bản (~ khi chưa có số) và ký hiệu.\n");
    let mark = need(f.number.is_some(), "number");
    let number = match &f.number {
        Some(Some(n)) => serde_json::to_string(n).unwrap_or_default(),
        _ => "~".to_string(),
    };
    out.push_str(&format!("number: {number}{mark}\n"));
    let mark = need(f.symbol.is_some(), "symbol");
    out.push_str(&format!("symbol: {}{mark}\n", scalar(f.symbol.as_deref().unwrap_or("BC"))));
    out.push_str("\n# Địa danh và ngày ban hành: YYYY-MM-DD, YYYY-MM (để trống ngày) hoặc YYYY.\n");
    let mark = need(f.place.is_some(), "place");
    out.push_str(&format!("place: {}{mark}\n", scalar(f.place.as_deref().unwrap_or("Địa danh"))));
    let mark = need(f.date.is_some(), "date");
    let year = fallback_year.to_string();
    out.push_str(&format!("date: {}{mark}\n", scalar(f.date.as_deref().unwrap_or(&year)).trim_matches('"')));
    out.push_str("\n# Tên loại và trích yếu.\n");
    let mark = need(f.document_type.is_some(), "document_type");
    out.push_str(&format!("document_type: {}{mark}\n", scalar(f.document_type.as_deref().unwrap_or("BÁO CÁO"))));
    let mark = need(!f.summary.is_empty(), "summary");
    out.push_str(&format!("summary:{mark}"));
    let summary = if f.summary.is_empty() { vec!["Trích yếu nội dung".to_string()] } else { f.summary.clone() };
    list(&mut out, "  ", &summary);
    out.push_str("\n# Thẩm quyền ký: các dòng chức vụ rồi họ tên người ký.\nsigner:\n");
    let mark = need(!f.signer_titles.is_empty(), "signer.titles");
    out.push_str(&format!("  titles:{mark}"));
    let titles = if f.signer_titles.is_empty() { vec!["CHỨC VỤ".to_string()] } else { f.signer_titles.clone() };
    list(&mut out, "    ", &titles);
    let mark = need(f.signer_name.is_some(), "signer.name");
    out.push_str(&format!("  name: {}{mark}\n", scalar(f.signer_name.as_deref().unwrap_or("Họ và tên"))));
    out.push_str("\n# Trạng thái: final (ban hành) hoặc draft (dự thảo).\n");
    out.push_str(&format!("status: {}\n", if f.draft { "draft" } else { "final" }));
    if let Some((number, date)) = &f.replaces {
        out.push_str(&format!(
            "# Văn bản mà báo cáo này thay thế.\nreplaces:\n  number: {}\n  date: {date}\n",
            scalar(number)
        ));
    }
    out.push_str("\n# Nơi nhận, mỗi dòng một phần tử (dấu \"- \" đầu dòng do mẫu tự thêm).\n");
    let mark = need(!f.recipients.is_empty(), "recipients");
    out.push_str(&format!("recipients:{mark}"));
    let recipients = if f.recipients.is_empty() { vec!["Lưu: VT.".to_string()] } else { f.recipients.clone() };
    list(&mut out, "  ", &recipients);
    (out, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_and_date_with_blank_day_and_month() {
        assert_eq!(place_date("Hải Dương, ngày 05 tháng 12 năm 2023"), Some(("Hải Dương".into(), "2023-12-05".into())));
        assert_eq!(place_date("Hải Dương, ngày       tháng       năm 2023"), Some(("Hải Dương".into(), "2023".into())));
        assert_eq!(place_date("Kết quả, năm 2023"), None);
    }

    fn para(text: &str) -> Item {
        let piece = super::super::walk::Piece::Text { text: text.into(), fmt: Default::default() };
        Item::Para(Para { pieces: vec![piece], ..Para::default() })
    }

    #[test]
    fn a_closing_block_typed_as_paragraphs_with_tabs_is_read() {
        let items = [
            para("Trên đây là báo cáo."),
            para("Nơi nhận:\t\tTM. ỦY BAN NHÂN DÂN"),
            para("- Thường trực Tỉnh ủy;\t\tCHỦ TỊCH"),
            para("- Lưu: VT."),
            para(""),
            para("\t\tNguyễn Văn A"),
        ];
        let mut f = Fields::default();
        assert_eq!(closing(&items, &mut f), Some((1, 6)));
        assert_eq!(f.recipients, ["Thường trực Tỉnh ủy;", "Lưu: VT."]);
        assert_eq!(f.signer_titles, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
        assert_eq!(f.signer_name.as_deref(), Some("Nguyễn Văn A"));
    }

    #[test]
    fn what_is_missing_is_marked_and_the_yaml_is_a_report() {
        let f = Fields { authority: vec!["ỦY BAN NHÂN DÂN".into()], ..Fields::default() };
        let (yaml, missing) = write(&f, 2023);
        assert!(missing.contains(&"signer.name") && !missing.contains(&"authority"), "{missing:?}");
        let file = crate::diagnostics::SourceFile { path: "content/report.yaml".into(), text: yaml.clone() };
        let report = crate::project::Report::parse(&file).unwrap_or_else(|d| panic!("{}\n{yaml}", d.render()));
        assert_eq!(report.recipients, ["Lưu: VT."]);
        assert_eq!(scalar("Lưu: VT, TH."), "\"Lưu: VT, TH.\"");
        assert_eq!(scalar("Hải Dương"), "Hải Dương");
    }
}
