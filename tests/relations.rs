//! Figures that check themselves: relations between facts (`derived:`, `check:`), the figures
//! check finds without declarations, and facts read from spreadsheet cells.

mod common;

use std::path::Path;

use baocao::check;
use baocao::facts::{FactValue, RelationKind};
use baocao::project::Project;
use common::{baocao, copy_dir, load, mini_project, repo, temp_project};

/// The mini project with the spreadsheet fixture (`tests/fixtures/relations/cells`) over it.
fn cells_project() -> tempfile::TempDir {
    let dir = mini_project();
    copy_dir(&repo().join("tests/fixtures/relations/cells"), dir.path());
    dir
}

/// The mini project with `facts` as `content/facts/rel.yaml` and `section` as a section.
fn project_with(facts: &str, section: &str) -> tempfile::TempDir {
    let dir = mini_project();
    std::fs::write(dir.path().join("content/facts/rel.yaml"), facts).unwrap();
    std::fs::write(dir.path().join("content/sections/03-rel.md"), section).unwrap();
    dir
}

fn write(dir: &Path, rel: &str, text: &str) {
    std::fs::write(dir.join(rel), text).unwrap();
}

fn stderr_of(args: &[&str]) -> (i32, String) {
    let out = baocao(args);
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn findings(dir: &Path, code: &str) -> Vec<baocao::diagnostics::Diagnostic> {
    let report = check::run_project(&load(dir));
    report.findings.into_iter().filter(|d| d.code.map(|c| c.as_str()) == Some(code)).collect()
}

const SUM: &str = "\
with_investor:
  value: 33
  unit: cụm
without_investor:
  value: 25
  unit: cụm
total:
  value: 57
  unit: cụm
  check: rel.with_investor + rel.without_investor
";

#[test]
fn a_broken_check_is_a_finding_with_the_arithmetic_and_every_place() {
    let dir = project_with(
        SUM,
        "# Cụm\n\n{{ rel.with_investor | num }}/{{ rel.total | num }} cụm có chủ đầu tư, còn \
         {{ rel.without_investor | num }}/{{ rel.total | num }} cụm chưa có.\n",
    );
    let found = findings(dir.path(), "relation-mismatch");
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert!(d.message.contains("33 + 25 = 58 ≠ 57"), "{}", d.message);
    let at = d.location.as_ref().unwrap();
    // the check's own line and column in the YAML: `check: rel.with_investor …` on line 10
    assert!(at.path.ends_with("content/facts/rel.yaml") && at.line == 10 && at.column == 10, "{at:?}");
    let labels: Vec<String> =
        d.notes.iter().map(|(l, at)| format!("{l} @ {}:{}", at.path.display(), at.line)).collect();
    let all = labels.join("\n");
    assert!(all.contains("`rel.total` = 57 is defined here @ content/facts/rel.yaml:7"), "{all}");
    assert!(all.contains("`rel.with_investor` = 33 is defined here @ content/facts/rel.yaml:1"), "{all}");
    assert!(all.contains("`rel.total` is printed here as \"57\" @ content/sections/03-rel.md:3"), "{all}");
    assert!(all.contains("`rel.without_investor` is printed here as \"25\""), "{all}");
    // human output: the arithmetic and both places, exit 0 (a warning), 1 with --deny-warnings
    let (code, stderr) = stderr_of(&["check", "--project", dir.path().to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("warning[relation-mismatch]") && stderr.contains("content/facts/rel.yaml:10:10"),
        "{stderr}"
    );
}

#[test]
fn a_broken_check_and_a_missing_sheet_are_explained_in_vietnamese() {
    let facts = format!(
        "{SUM}rate:\n  value: 11.8\n  unit: \"%\"\n  check:\n    - expr: growth(rel.with_investor, rel.without_investor)\n      \
         tolerance: 0.05\n"
    );
    let dir = project_with(&facts, "# Cụm\n\n{{ rel.total | num }} cụm.\n");
    let (_, stderr) = stderr_of(&["--lang", "vi", "check", "--project", dir.path().to_str().unwrap()]);
    assert!(stderr.contains("`rel.total` không khớp với phép kiểm tra: 33 + 25 = 58 ≠ 57"), "{stderr}");
    assert!(
        stderr.contains("growth(33; 25) = 32,00 ≠ 11,8 (sai số cho phép ±0,05)") && !stderr.contains("tolerance ±"),
        "{stderr}"
    );
    // the library's messages too, with the language chosen by the caller
    let found = baocao::i18n::with_lang(baocao::i18n::Lang::Vi, || findings(dir.path(), "relation-mismatch"));
    assert!(found.iter().any(|d| d.message.contains("(sai số cho phép ±0,05)")), "{found:#?}");
    let dir = cells_project();
    write(
        dir.path(),
        "content/facts/bad.yaml",
        "x:\n  source: { file: thong-ke.xlsx, sheet: \"Bảng 9\", cell: B4 }\n  unit: ha\n",
    );
    let (code, stderr) = stderr_of(&["--lang", "vi", "check", "--project", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("số liệu `bad.x`: `content/data/thong-ke.xlsx` không có trang tính \"Bảng 9\"")
            && stderr.contains("Các trang tính của tệp: \"Bảng 2.1\""),
        "{stderr}"
    );
}

#[test]
fn a_check_agrees_when_the_computed_value_rounds_to_the_printed_figure_or_within_its_tolerance() {
    let facts = "\
a:
  value: 307411
  unit: tỷ đồng
b:
  value: 274784
  unit: tỷ đồng
g:
  value: 11.87
  unit: \"%\"
  check: growth(rel.a, rel.b)
h:
  value: 11.9
  unit: \"%\"
  check: growth(rel.a, rel.b)
k:
  value: 11.88
  unit: \"%\"
  check: growth(rel.a, rel.b)
t:
  value: 11.88
  unit: \"%\"
  check:
    - expr: growth(rel.a, rel.b)
      tolerance: 0.01
";
    let section = "# G\n\n{{ rel.a | num }} {{ rel.b | num }} {{ rel.g | pct }} {{ rel.h | pct(decimals=2) }} \
                   {{ rel.k | pct }} {{ rel.t | pct }}\n";
    let dir = project_with(facts, section);
    let found = findings(dir.path(), "relation-mismatch");
    let keys: Vec<&str> = found.iter().map(|d| d.message.split('`').nth(1).unwrap()).collect();
    // g: 11,8737… → 11,87 ✓; h is printed "11,90%" so 2 decimals count: 11,87 ≠ 11,90; k: 11,87 ≠ 11,88;
    // t: 11,88 within ±0,01 of 11,8737 ✓
    assert_eq!(keys, ["rel.h", "rel.k"], "{found:#?}");
    assert!(found[0].message.contains("growth(307.411; 274.784) = 11,87 ≠ 11,90"), "{}", found[0].message);
}

#[test]
fn a_derived_fact_is_computed_when_loaded_and_printed_as_computed() {
    let facts = "\
a:
  value: 307411
  unit: tỷ đồng
b:
  value: 274784
  unit: tỷ đồng
g:
  derived: growth(rel.a, rel.b)
  decimals: 2
  unit: \"%\"
s:
  derived: sum(rel.a, rel.b) - 5
  unit: tỷ đồng
twice:
  derived: rel.g * 2
  decimals: 1
  unit: \"%\"
";
    let dir = project_with(facts, "# G\n\nTăng {{ rel.g | pct }}; cộng {{ rel.s | num }}; {{ rel.twice | pct }}.\n");
    let project = load(dir.path());
    assert_eq!(project.facts.by_key["rel.g"].value, FactValue::Float(11.87));
    assert_eq!(project.facts.by_key["rel.s"].value, FactValue::Integer(582190));
    // derived from a derived fact: computed after it (23,74 → 23,7)
    assert_eq!(project.facts.by_key["rel.twice"].value, FactValue::Float(23.7));
    let narrative = baocao::narrative::render(&project).unwrap();
    let printed: Vec<&str> =
        narrative.document.facts.iter().filter_map(|u| u.printed.as_deref()).filter(|p| p.contains('%')).collect();
    assert!(printed.contains(&"11,87%") && printed.contains(&"23,7%"), "{printed:?}");
    assert!(narrative.document.facts.iter().any(|u| u.printed.as_deref() == Some("582.190")));
}

#[test]
fn relation_errors_point_at_the_yaml_line_and_column_and_stop_the_build() {
    let cases = [
        // (facts, the message, line, column)
        ("x:\n  value: 1\n  unit: ha\ny:\n  value: 2\n  unit: ha\n  check: rel.x + + 1\n", "unexpected `+`", 7, 18),
        (
            "x:\n  value: 1\n  unit: ha\ny:\n  value: 2\n  unit: ha\n  check: \"rel.x + rel.xx\"\n",
            "names `rel.xx`, which is not a fact",
            7,
            19,
        ),
        ("x:\n  value: 1\n  unit: ha\ny:\n  derived: grow(rel.x)\n  unit: ha\n", "there is no function `grow`", 5, 12),
        ("x:\n  derived: rel.y + 1\n  unit: ha\ny:\n  derived: rel.x * 2\n  unit: ha\n", "derived from itself", 2, 12),
        ("x:\n  value: 0\n  unit: ha\ny:\n  derived: 5 / rel.x\n  unit: ha\n", "division by zero", 5, 16),
        ("x:\n  value: 1\n  derived: \"2\"\n  unit: ha\n", "more than one of `value`, `source` and `derived`", 1, 1),
    ];
    for (facts, message, line, column) in cases {
        let dir = project_with(facts, "# R\n\nKhông in.\n");
        let (code, stderr) = stderr_of(&["build", "--project", dir.path().to_str().unwrap()]);
        assert_eq!(code, 1, "{facts}\n{stderr}");
        assert!(stderr.contains(message), "{facts}\n{stderr}");
        let place = format!("content/facts/rel.yaml:{line}:{column}");
        assert!(stderr.contains(&place), "{facts}: expected {place}\n{stderr}");
        assert!(!dir.path().join("build-output/report.pdf").exists());
    }
    // a limit, not a crash: a 100 000-deep expression
    let deep = format!("x:\n  value: 1\n  unit: ha\n  check: {}1{}\n", "(".repeat(100_000), ")".repeat(100_000));
    let dir = project_with(&deep, "# R\n\nKhông in.\n");
    let (code, stderr) = stderr_of(&["check", "--project", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("the limit is 1000") && stderr.contains("error[relation-error]"), "{stderr}");
}

#[test]
fn fractions_shares_and_growth_rates_that_contradict_themselves_are_found_without_declarations() {
    let facts = "\
part:
  value: 35
  unit: xã
whole:
  value: 33
  unit: xã
rate:
  value: 104.5
  unit: \"%\"
  meaning: \"Tỷ lệ hộ dân được cấp nước sạch\"
achieved:
  value: 104.5
  unit: \"%\"
  meaning: \"Thu ngân sách đạt so với dự toán\"
output_2021:
  value: 274784
  unit: tỷ đồng
output_2022:
  value: 307411
  unit: tỷ đồng
output_growth_2022:
  value: 12.87
  unit: \"%\"
";
    let section = "# F\n\n{{ rel.part | num }}/{{ rel.whole | num }} xã đạt chuẩn; 20/{{ rel.whole | num }} xã; \
                   ngày 30/11/2023; {{ rel.rate | pct }} hộ; thu đạt {{ rel.achieved | pct }} dự toán.\n\n\
                   Năm 2021 đạt {{ rel.output_2021 | num }} tỷ đồng; năm 2022 đạt {{ rel.output_2022 | num }} tỷ \
                   đồng, tăng {{ rel.output_growth_2022 | pct }}.\n";
    let dir = project_with(facts, section);
    let fraction = findings(dir.path(), "figure-fraction");
    assert_eq!(fraction.len(), 1, "{fraction:#?}");
    assert!(fraction[0].message.contains("\"35/33\": the part 35 is above the whole 33"), "{}", fraction[0].message);
    assert_eq!(fraction[0].location.as_ref().unwrap().line, 3);
    let share = findings(dir.path(), "figure-share");
    assert_eq!(share.len(), 1, "only the share, not the achievement: {share:#?}");
    assert!(share[0].message.contains("`rel.rate`") && share[0].message.contains("104,5%"), "{}", share[0].message);
    let growth = findings(dir.path(), "figure-growth");
    assert_eq!(growth.len(), 1, "{growth:#?}");
    assert!(growth[0].message.contains("(307.411 ÷ 274.784 − 1) × 100 = 11,87 ≠ 12,87"), "{}", growth[0].message);
    assert_eq!(growth[0].location.as_ref().unwrap().line, 5);
    // declaring the relation hands the rate over to relation-mismatch, once
    let declared =
        facts.replace("  value: 12.87\n", "  value: 12.87\n  check: growth(rel.output_2022, rel.output_2021)\n");
    write(dir.path(), "content/facts/rel.yaml", &declared);
    assert!(findings(dir.path(), "figure-growth").is_empty());
    assert_eq!(findings(dir.path(), "relation-mismatch").len(), 1);
}

#[test]
fn a_fact_reads_its_cell_from_xlsx_ods_and_csv_by_address_and_by_labels() {
    let dir = cells_project();
    let project = load(dir.path());
    let fact = |k: &str| &project.facts.by_key[k];
    assert_eq!(fact("cells.industry_2022").value, FactValue::Integer(307411));
    let source = fact("cells.industry_2022").source.as_ref().unwrap();
    assert_eq!(
        (source.file.as_str(), source.sheet.as_deref(), source.cell.as_str()),
        ("content/data/thong-ke.xlsx", Some("Bảng 2.1"), "C4")
    );
    // by labels, in the .ods (the column label has spaces around it in the table)
    assert_eq!(fact("cells.industry_2023").value, FactValue::Integer(341364));
    assert_eq!(fact("cells.industry_2023").source.as_ref().unwrap().cell, "D4");
    // a formula's saved value (SUM), by labels, in the .xlsx
    assert_eq!(fact("cells.total_2023").value, FactValue::Float(391337.5));
    assert_eq!(fact("cells.total_2023").source.as_ref().unwrap().cell, "D6");
    // derived from two cells
    assert_eq!(fact("cells.industry_growth_2023").value, FactValue::Float(11.04));
    // csv: a Vietnamese number
    assert_eq!(fact("cells.population_2022").value, FactValue::Float(1936.8));
    assert_eq!(fact("cells.population_2022").source.as_ref().unwrap().cell, "B2");
    // rows that move: insert a row above the table in the csv; the labels still find the cell
    let csv = std::fs::read_to_string(dir.path().join("content/data/dan-so.csv")).unwrap();
    write(dir.path(), "content/data/dan-so.csv", &format!("Bảng dân số\n\n{csv}"));
    let moved = load(dir.path());
    assert_eq!(moved.facts.by_key["cells.population_2022"].value, FactValue::Float(1936.8));
    assert_eq!(moved.facts.by_key["cells.population_2022"].source.as_ref().unwrap().cell, "B4");
}

#[test]
fn a_cell_that_cannot_give_a_number_is_an_error_naming_file_sheet_and_cell() {
    let cases = [
        ("{ file: thong-ke.xlsx, sheet: \"Bảng 9\", cell: B4 }", "has no sheet \"Bảng 9\""),
        (
            "{ file: thong-ke.xlsx, sheet: \"Bảng 2.1\", cell: B7 }",
            "`content/data/thong-ke.xlsx`, sheet \"Bảng 2.1\", cell B7: the cell holds the text \"2130.8\", not a number",
        ),
        (
            "{ file: thong-ke.ods, sheet: \"Bảng 2.1\", cell: F40 }",
            "`content/data/thong-ke.ods`, sheet \"Bảng 2.1\", cell F40: the cell is empty",
        ),
        (
            "{ file: thong-ke.xlsx, sheet: \"Bảng 2.1\", row: \"Nông nghiệp\", column: \"Năm 2023\" }",
            "holds the row label \"Nông nghiệp\"",
        ),
        (
            "{ file: thong-ke.xlsx, sheet: \"Bảng 2.1\", row: \"Tổng\", column: \"Năm 2021\" }",
            "the row label \"Tổng\" is in A8, A9",
        ),
        ("{ file: thong-ke.xlsx, sheet: \"Bảng 2.1\", cell: 7B }", "`7B` is not a cell address"),
        ("{ file: khong-co.xlsx, sheet: \"Bảng 2.1\", cell: B4 }", "cannot read `content/data/khong-co.xlsx`"),
        ("{ file: ../report.yaml, cell: B4 }", "is not a spreadsheet in content/data/"),
        (
            "{ file: dan-so.csv, row: \"Ghi chú\", column: \"Năm 2022\" }",
            "`content/data/dan-so.csv`, cell B3: \"-\" is a text, not a number",
        ),
    ];
    for (source, message) in cases {
        let dir = cells_project();
        write(dir.path(), "content/facts/bad.yaml", &format!("x:\n  source: {source}\n  unit: ha\n"));
        let (code, stderr) = stderr_of(&["check", "--project", dir.path().to_str().unwrap()]);
        assert_eq!(code, 1, "{source}\n{stderr}");
        assert!(stderr.contains(message), "{source}: expected {message}\n{stderr}");
        assert!(stderr.contains("error[source-cell]") && stderr.contains("content/facts/bad.yaml:1:1"), "{stderr}");
    }
}

#[test]
fn a_formula_without_a_saved_value_is_an_error_not_a_zero() {
    use rust_xlsxwriter::{Formula, Workbook};
    let dir = cells_project();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Bảng 1").unwrap();
    // no cached result for formulas (rust_xlsxwriter's default would be a silent 0)
    sheet.set_formula_result_default("");
    sheet.write_number(0, 0, 40).unwrap();
    sheet.write_number(1, 0, 2).unwrap();
    sheet.write_formula(2, 0, Formula::new("=A1+A2")).unwrap();
    sheet.write_formula(3, 0, Formula::new("=A1*A2").set_result("80")).unwrap();
    book.save(dir.path().join("content/data/tinh.xlsx")).unwrap();
    write(
        dir.path(),
        "content/facts/bad.yaml",
        "x:\n  source: { file: tinh.xlsx, sheet: \"Bảng 1\", cell: A4 }\n  unit: ha\n",
    );
    assert_eq!(load(dir.path()).facts.by_key["bad.x"].value, FactValue::Integer(80));
    write(
        dir.path(),
        "content/facts/bad.yaml",
        "x:\n  source: { file: tinh.xlsx, sheet: \"Bảng 1\", cell: A3 }\n  unit: ha\n",
    );
    let (code, stderr) = stderr_of(&["check", "--project", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("sheet \"Bảng 1\", cell A3: the formula `A1+A2` has no saved value"), "{stderr}");
}

#[test]
fn a_spreadsheet_is_an_input_hashed_in_the_manifest_attached_and_verified() {
    let dir = cells_project();
    let pdf = dir.path().join("build-output/report.pdf");
    let (code, stderr) = stderr_of(&["build", "--project", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let attached = baocao::pdf_read::read(&std::fs::read(&pdf).unwrap()).unwrap().attachments;
    let xlsx = std::fs::read(dir.path().join("content/data/thong-ke.xlsx")).unwrap();
    let found = attached.iter().find(|a| a.name == "content/data/thong-ke.xlsx").expect("the .xlsx is attached");
    assert_eq!(found.bytes, xlsx);
    let manifest = attached.iter().find(|a| a.name == "manifest.json").unwrap();
    let manifest = baocao::provenance::Manifest::from_json(&manifest.bytes).unwrap();
    let entry = manifest.inputs.iter().find(|i| i.path == Path::new("content/data/thong-ke.xlsx")).unwrap();
    assert_eq!(entry.sha256, baocao::provenance::sha256_hex(&xlsx));
    for name in ["content/data/thong-ke.ods", "content/data/dan-so.csv"] {
        assert!(manifest.inputs.iter().any(|i| i.path == Path::new(name)), "{name}");
    }
    // verify rebuilds from the attached spreadsheets; a changed cell is a changed input
    let out = baocao(&["verify", pdf.to_str().unwrap(), "--project", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let csv = std::fs::read_to_string(dir.path().join("content/data/dan-so.csv")).unwrap();
    write(dir.path(), "content/data/dan-so.csv", &csv.replace("\"1.936,8\"", "\"1.937,0\""));
    let out = baocao(&["verify", pdf.to_str().unwrap(), "--project", dir.path().to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("changed  content/data/dan-so.csv"), "{stdout}");
}

#[test]
fn facts_lists_the_cell_and_the_relations_of_each_fact_and_json_carries_them() {
    let dir = cells_project();
    let project = dir.path().to_str().unwrap();
    let human = String::from_utf8(baocao(&["facts", "--project", project]).stdout).unwrap();
    assert!(human.contains("from     content/data/thong-ke.ods, sheet \"Bảng 2.1\", cell D4 (row \"Công nghiệp\" × column \"Năm 2023\")"), "{human}");
    assert!(human.contains("derived  growth(cells.industry_2023, cells.industry_2022)"), "{human}");
    let json: serde_json::Value =
        serde_json::from_slice(&baocao(&["facts", "--project", project, "--format", "json"]).stdout).unwrap();
    let fact = |key: &str| json["facts"].as_array().unwrap().iter().find(|f| f["key"] == key).unwrap().clone();
    let total = fact("cells.total_2023");
    assert_eq!(total["source"]["cell"], "D6");
    assert_eq!(total["source"]["file"], "content/data/thong-ke.xlsx");
    assert_eq!(total["source"]["row"], "Cộng");
    let growth = fact("cells.industry_growth_2023");
    assert_eq!(growth["value"], 11.04);
    assert_eq!(growth["decimals"], 2);
    assert_eq!(growth["relations"][0]["kind"], "derived");
    assert_eq!(growth["relations"][0]["expression"], "growth(cells.industry_2023, cells.industry_2022)");
    assert_eq!(growth["relations"][0]["location"]["line"], 13);
    assert_eq!(growth["source"], serde_json::Value::Null);
}

#[test]
fn diff_shows_a_changed_cell_as_a_fact_change_with_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    for side in [&old, &new] {
        copy_dir(cells_project().path(), side);
    }
    let csv = std::fs::read_to_string(new.join("content/data/dan-so.csv")).unwrap();
    write(&new, "content/data/dan-so.csv", &csv.replace("\"1.936,8\"", "\"1.937,0\""));
    let out = baocao(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("changed  cells.population_2022: [-1.936,8 nghìn người-] → {+1.937 nghìn người+}"),
        "{stdout}"
    );
    assert!(
        stdout.contains("from content/data/dan-so.csv, cell B2 (row \"Dân số (nghìn người)\" × column \"Năm 2022\")"),
        "{stdout}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &baocao(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "json"]).stdout,
    )
    .unwrap();
    let change = json["changes"].as_array().unwrap().iter().find(|c| c["key"] == "cells.population_2022").unwrap();
    assert_eq!(change["new"]["source"]["cell"], "B2");
    assert_eq!(change["new"]["value"], 1937);
}

#[test]
fn the_real_report_declares_its_relations_and_a_changed_figure_is_named_with_both_places_and_its_page() {
    let project = load(&repo());
    let relations: Vec<(&str, RelationKind)> =
        project.facts.by_key.values().flat_map(|f| f.relations.iter().map(move |r| (f.key.as_str(), r.kind))).collect();
    assert!(relations.len() >= 40, "{} relations", relations.len());
    assert!(relations.iter().filter(|r| r.1 == RelationKind::Derived).count() >= 5);
    // every relation the original breaks is in the baseline with its reason
    let baseline = &project.baseline;
    let kept: Vec<_> = baseline.entries.iter().filter(|e| e.code == "relation-mismatch").collect();
    assert_eq!(kept.len(), 7);
    assert!(kept.iter().all(|e| e.reason.as_deref().is_some_and(|r| r.len() > 20)), "{kept:#?}");
    // change one figure: the relation it breaks is named, with the fact's line and its printings
    let dir = temp_project(&repo().join("content"));
    let path = dir.path().join("content/facts/industry.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text
        .replace("industrial_clusters_not_operating:\n  value: 26", "industrial_clusters_not_operating:\n  value: 25");
    assert_ne!(changed, text);
    std::fs::write(&path, changed).unwrap();
    let (code, stderr) = stderr_of(&["build", "--project", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning[relation-mismatch]: `industry.industrial_clusters_operating` disagrees with its check: 58 − 25 = 33 ≠ 32"), "{stderr}");
    assert!(stderr.contains("`industry.industrial_clusters_not_operating` = 25 is defined here"), "{stderr}");
    // build knows the pages: each printing carries its page
    let printed =
        stderr.lines().find(|l| l.contains("`industry.industrial_clusters_not_operating` is printed here")).unwrap();
    assert!(printed.contains("(page "), "{printed}");
    // a derived figure follows its parts: 33 → 34 clusters with an investor makes the total 59
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "industrial_clusters_with_investor:\n  value: 33",
            "industrial_clusters_with_investor:\n  value: 34",
        ),
    )
    .unwrap();
    let project = Project::load(dir.path()).unwrap();
    assert_eq!(project.facts.by_key["industry.industrial_clusters_total"].value, FactValue::Integer(59));
}
