//! The mistakes a clerk makes in the facts files and report.yaml, each as a broken copy of the
//! mini project, run through the binary in English and in Vietnamese: the exit code, the
//! file:line of the mistake and the message in both languages.

mod common;

use std::path::Path;

use common::*;

/// Runs `baocao <command> --lang <lang>` on `dir`: (exit code, stdout + stderr).
fn run(dir: &Path, command: &str, lang: &str) -> (Option<i32>, String) {
    let out = baocao(&[command, "--lang", lang, "--project", dir.to_str().unwrap()]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("panicked"), "{text}");
    (out.status.code(), text)
}

/// The mini project with `from` replaced by `to` in `file`.
fn broken(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = mini_project();
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    dir
}

/// `check` in both languages: the exit code, the place, and a text of each language.
fn check_says(dir: &Path, code: i32, place: &str, en: &[&str], vi: &[&str]) {
    for (lang, texts) in [("en", en), ("vi", vi)] {
        let (status, out) = run(dir, "check", lang);
        assert_eq!(status, Some(code), "{lang}: {out}");
        assert!(out.contains(place), "{lang}: no {place} in\n{out}");
        for text in texts {
            assert!(out.contains(text), "{lang}: no `{text}` in\n{out}");
        }
    }
}

const FACTS: &str = "content/facts/economy.yaml";
const REPORT: &str = "content/report.yaml";

#[test]
fn an_unquoted_51_997_in_money_is_a_warning_with_both_readings_in_check_and_build() {
    let dir = broken(FACTS, "value: 51997", "value: 51.997");
    check_says(
        dir.path(),
        0,
        "content/facts/economy.yaml:7:10",
        &[
            "warning[fact-ambiguous-number]",
            "read as 51,997 (fifty-one point nine nine seven) tỷ đồng",
            "fifty-one thousand nine hundred ninety-seven",
            "`value: \"51.997\"`",
        ],
        &[
            "cảnh báo[fact-ambiguous-number]",
            "được đọc là 51,997 (năm mươi mốt phẩy chín chín bảy)",
            "năm mươi mốt nghìn chín trăm chín mươi bảy",
            "có dấu ngoặc kép",
        ],
    );
    let (status, out) = run(dir.path(), "build", "vi");
    assert_eq!(status, Some(0), "{out}");
    assert!(out.contains("content/facts/economy.yaml:7:10") && out.contains("fact-ambiguous-number"), "{out}");
}

#[test]
fn a_measure_with_three_decimals_is_not_ambiguous() {
    let dir = broken(FACTS, "value: 51997\n  unit: \"tỷ đồng\"", "value: 149.897\n  unit: \"ha\"");
    let (status, out) = run(dir.path(), "check", "en");
    assert_eq!(status, Some(0), "{out}");
    assert!(!out.contains("fact-ambiguous-number"), "{out}");
}

#[test]
fn a_figure_written_the_vietnamese_way_in_quotes_is_the_number_a_vietnamese_reads() {
    let dir = broken(FACTS, "value: 51997", "value: \"51.997\"");
    let (status, out) = run(dir.path(), "facts", "en");
    assert_eq!(status, Some(0), "{out}");
    assert!(out.contains("economy.domestic_revenue_2023 = 51997 tỷ đồng"), "{out}");
    assert!(out.contains("\"51.997\""), "printed as 51.997: {out}");
    assert!(!out.contains("warning"), "{out}");

    let dir = broken(FACTS, "value: 8.58", "value: \"1,47\"");
    let (status, out) = run(dir.path(), "facts", "vi");
    assert_eq!(status, Some(0), "{out}");
    assert!(out.contains("\"1,47%\""), "printed through pct as 1,47: {out}");
}

#[test]
fn a_text_through_a_number_filter_is_an_error_at_the_facts_line_with_the_printing_places() {
    let dir = broken(FACTS, "value: 51997", "value: \"khoảng 50\"");
    std::fs::write(
        dir.path().join("content/sections/03-them.md"),
        "Nhắc lại: {{ economy.domestic_revenue_2023 | num }} tỷ đồng.\n",
    )
    .unwrap();
    check_says(
        dir.path(),
        1,
        "content/facts/economy.yaml:7:10",
        &[
            "error[fact-format]",
            "cannot format the text `khoảng 50` as a number",
            "printed with a number filter here",
            "`value: \"50\"`",
        ],
        &["lỗi[fact-format]", "không phải là con số", "in bằng bộ lọc số ở đây", "`value: \"50\"`"],
    );
    let (_, out) = run(dir.path(), "check", "en");
    assert!(
        out.contains("content/sections/02-ket-thuc.md:1:") && out.contains("content/sections/03-them.md:1:"),
        "{out}"
    );
    assert_eq!(out.matches("error[fact-format]").count(), 1, "one error with both places: {out}");
}

#[test]
fn a_badly_indented_fact_line_is_reported_at_that_line() {
    let dir = broken(FACTS, "  value: 8.58", "   value: 8.58");
    check_says(
        dir.path(),
        1,
        "content/facts/economy.yaml:2:4",
        &["line 2 has 3 spaces before it, the lines like it have 2"],
        &["dòng 2 có 3 dấu cách ở đầu dòng, các dòng cùng cấp có 2"],
    );
    let dir = broken(FACTS, "  unit: \"%\"", "    unit: \"%\"");
    check_says(
        dir.path(),
        1,
        "content/facts/economy.yaml:3:5",
        &["indented further than the line above"],
        &["thụt vào sâu hơn dòng trên"],
    );
}

#[test]
fn status_draft_with_a_capital_suggests_the_lowercase_value() {
    let dir = mini_project();
    let path = dir.path().join(REPORT);
    let text = std::fs::read_to_string(&path).unwrap() + "status: Draft\n";
    let line = text.lines().count();
    std::fs::write(&path, text).unwrap();
    check_says(
        dir.path(),
        1,
        &format!("content/report.yaml:{line}:"),
        &["`status: Draft` is not an allowed value", "write `status: draft`"],
        &["không phải là giá trị được phép", "Sửa thành `status: draft`"],
    );
}

#[test]
fn watermark_co_suggests_true() {
    let dir = mini_project();
    let path = dir.path().join(REPORT);
    let text = std::fs::read_to_string(&path).unwrap() + "status: draft\nwatermark: có\n";
    let line = text.lines().count();
    std::fs::write(&path, text).unwrap();
    check_says(
        dir.path(),
        1,
        &format!("content/report.yaml:{line}:"),
        &["`watermark` is `true` or `false`", "write `watermark: true`"],
        &["chỉ nhận `true` hoặc `false`", "Sửa thành `watermark: true`"],
    );
    for text in ["invalid type", "expected a boolean"] {
        assert!(!run(dir.path(), "check", "en").1.contains(text));
    }
}

#[test]
fn an_unquoted_recipient_with_a_colon_is_shown_with_its_quotes() {
    let dir = broken(REPORT, "  - \"Lưu: VT, TH. VĐC.\"", "  - Lưu: VT, TH. VĐC.");
    check_says(
        dir.path(),
        1,
        "content/report.yaml:35:",
        &["item 7 of `recipients` holds `: `", "`  - \"Lưu: VT, TH. VĐC.\"`"],
        &["mục thứ 7 của `recipients`", "Thêm dấu ngoặc kép", "`  - \"Lưu: VT, TH. VĐC.\"`"],
    );
    assert!(!run(dir.path(), "check", "en").1.contains("expected a string"));
}

#[test]
fn an_unknown_report_key_names_the_closest_one() {
    let dir = broken(REPORT, "place: Hải Dương", "plase: Hải Dương");
    check_says(
        dir.path(),
        1,
        "content/report.yaml:15:1",
        &["unknown key `plase`", "did you mean `place`?"],
        &["khóa `plase`", "`place`"],
    );
    assert!(!run(dir.path(), "check", "en").1.contains("expected one of"));
}

#[test]
fn a_missing_report_key_names_it_with_an_example() {
    let dir = broken(REPORT, "motto: Độc lập - Tự do - Hạnh phúc\n", "");
    check_says(
        dir.path(),
        1,
        "content/report.yaml:",
        &["`motto` is missing", "`motto: Độc lập - Tự do - Hạnh phúc`"],
        &["thiếu `motto`", "`motto: Độc lập - Tự do - Hạnh phúc`"],
    );
}

#[test]
fn an_unknown_fact_field_suggests_the_field_meant() {
    let dir = broken(FACTS, "  period: \"2021\"", "  don_vi: \"2021\"");
    check_says(
        dir.path(),
        1,
        "content/facts/economy.yaml:5:3",
        &["`don_vi` is not a field of a fact", "did you mean `unit:`?"],
        &["`don_vi` không phải là một trường của số liệu", "Có phải là `unit:`?"],
    );
}
