//! `baocao build` end to end: the laid-out document of the real report, and the behaviour on
//! bad input (file:line in the message, non-zero exit, the previous PDF untouched).

mod common;

use baocao::build::typeset;
use baocao::typeset::text::{Line, page_lines, page_runs};
use common::{baocao, load, mini_project, repo};

/// Footnote numbers as printed (superscript digit runs), page by page, body and notes apart.
fn superscript_numbers(doc: &typst_layout::PagedDocument) -> (Vec<u32>, Vec<u32>) {
    let (mut body, mut notes) = (Vec::new(), Vec::new());
    for runs in page_runs(doc) {
        let mut page_body = Vec::new();
        let mut page_notes = Vec::new();
        for r in
            runs.iter().filter(|r| r.size < 9.5 && r.text.chars().all(|c| c.is_ascii_digit()) && !r.text.is_empty())
        {
            let n: u32 = r.text.parse().unwrap();
            // note entries are set at 10 pt: their numbers are smaller than the body's
            if r.size < 7.5 { page_notes.push((r.y, n)) } else { page_body.push((r.y, r.x, n)) }
        }
        page_body.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        page_notes.sort_by(|a, b| a.0.total_cmp(&b.0));
        body.extend(page_body.into_iter().map(|(_, _, n)| n));
        notes.extend(page_notes.into_iter().map(|(_, n)| n));
    }
    (body, notes)
}

fn texts(lines: &[Line]) -> Vec<&str> {
    lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn the_real_report_lays_out_with_header_page_numbers_notes_and_signature() {
    let project = load(&repo());
    let result =
        typeset(&project, std::path::Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render()));
    let pages = page_lines(&result.document);
    assert!(pages.len() > 1, "only {} page(s)", pages.len());

    let first = texts(&pages[0]);
    assert!(
        first[0].contains("ỦY BAN NHÂN DÂN") && first[0].contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{first:?}"
    );
    assert!(first.iter().any(|l| l.contains("Độc lập - Tự do - Hạnh phúc")), "{first:?}");
    assert!(first.iter().any(|l| l.starts_with("Số:") && l.contains("/BC-UBND")), "{first:?}");
    assert!(first.iter().any(|l| l == &"BÁO CÁO"), "{first:?}");
    assert!(first.iter().all(|l| l.parse::<u32>().is_err()), "page 1 must carry no page number: {first:?}");
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert_eq!(page[0].text, (i + 1).to_string(), "page {} starts with its number at the top", i + 1);
        assert!(page[0].y < 60.0, "the page number sits in the top margin (y = {})", page[0].y);
    }

    let (body, notes) = superscript_numbers(&result.document);
    let mut first_refs = Vec::new();
    for n in &body {
        if !first_refs.contains(n) {
            first_refs.push(*n);
        }
    }
    assert!(!notes.is_empty(), "no footnote entries found");
    assert_eq!(notes, (1..=notes.len() as u32).collect::<Vec<_>>(), "note entries run 1, 2, 3… in page order");
    assert_eq!(first_refs, notes, "notes are numbered by first reference in the text");
    assert_eq!(body.iter().filter(|n| **n == 1).count(), 2, "note 1 is referenced twice and printed as 1 both times");

    let last = texts(pages.last().unwrap());
    assert!(last.iter().any(|l| l.starts_with("Nơi nhận:")), "{last:?}");
    assert!(last.iter().any(|l| l.contains("TM. ỦY BAN NHÂN DÂN")), "{last:?}");
    assert!(last.iter().any(|l| l.contains("Triệu Thế Hùng")), "{last:?}");
    assert!(last.iter().any(|l| l.contains("Lưu: VT, TH. VĐC.")), "{last:?}");
}

#[test]
fn build_writes_the_pdf_and_the_generated_typst_source() {
    let dir = mini_project();
    let out = baocao(&["build", "--project", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = std::fs::read(dir.path().join("build-output/report.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let typ = std::fs::read_to_string(dir.path().join("build-output/report.typ")).unwrap();
    assert!(typ.contains("#footnote[") && typ.contains("8\\,58\\%"), "{typ}");
}

/// Builds the mini project, breaks one file, builds again: the failure must name the file and
/// line, exit with 1, and leave the first PDF byte for byte.
fn assert_bad_input(file: &str, edit: impl FnOnce(String) -> String, expect_location: &str, expect_message: &str) {
    let dir = mini_project();
    let project = dir.path().to_str().unwrap();
    assert!(baocao(&["build", "--project", project]).status.success());
    let pdf_path = dir.path().join("build-output/report.pdf");
    let good = std::fs::read(&pdf_path).unwrap();

    let path = dir.path().join(file);
    std::fs::write(&path, edit(std::fs::read_to_string(&path).unwrap())).unwrap();
    let out = baocao(&["build", "--project", project]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(expect_location), "expected `{expect_location}` in:\n{stderr}");
    assert!(stderr.contains(expect_message), "expected `{expect_message}` in:\n{stderr}");
    assert!(stderr.contains(" | "), "a source snippet is shown:\n{stderr}");
    assert_eq!(std::fs::read(&pdf_path).unwrap(), good, "the previous PDF must survive a failed build");
}

#[test]
fn bad_yaml_in_facts_is_reported_at_its_line_and_the_old_pdf_survives() {
    assert_bad_input(
        "content/facts/economy.yaml",
        |t| t.replace("  unit: \"tỷ đồng\"", "  unit: \"tỷ đồng\n  oops: [unclosed"),
        "content/facts/economy.yaml:",
        "error",
    );
}

#[test]
fn an_undefined_fact_is_reported_at_section_line_and_column_with_the_closest_name() {
    assert_bad_input(
        "content/sections/02-ket-thuc.md",
        |t| t.replace("economy.domestic_revenue_2023", "economy.domestic_revenu_2023"),
        "content/sections/02-ket-thuc.md:1:",
        "did you mean `economy.domestic_revenue_2023`?",
    );
}

#[test]
fn an_unknown_report_key_is_reported_with_the_closest_key() {
    assert_bad_input(
        "content/report.yaml",
        |t| t.replace("place: Hải Dương", "place: Hải Dương\nplase: x"),
        "content/report.yaml:",
        "unknown key `plase` in content/report.yaml",
    );
}

#[test]
fn a_missing_project_is_a_usage_error() {
    let out = baocao(&["build", "--project", "/nonexistent/baocao-project"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["build", "--help"][..],
        &["check", "--help"][..],
        &["diff", "--help"][..],
        &["verify", "--help"][..],
        &["facts", "--help"][..],
    ] {
        let out = baocao(args);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"));
    }
}

#[test]
fn every_fact_printing_is_located_by_section_line_and_page() {
    let project = load(&repo());
    let result =
        typeset(&project, std::path::Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render()));
    let uses = &result.narrative.document.facts;
    assert!(uses.len() > 300, "only {} fact uses", uses.len());
    for u in uses {
        assert!(result.fact_pages.contains_key(&u.id), "no page for use {u:?}");
    }
    let poverty = uses.iter().find(|u| u.keys == ["labour.poverty_rate_2021"]).unwrap();
    assert_eq!(project.sections[poverty.section].path, std::path::Path::new("content/sections/01-khai-quat.md"));
    assert_eq!(poverty.line, 10);
    assert_eq!(result.fact_pages[&poverty.id], 1, "the 2021 poverty rate is printed on page 1");
    // the pages of body uses never go backwards
    let body_pages: Vec<usize> =
        uses.iter().filter(|u| u.keys[0].starts_with("labour.poverty")).map(|u| result.fact_pages[&u.id]).collect();
    assert!(body_pages.windows(2).all(|w| w[0] <= w[1]), "{body_pages:?}");
}

#[test]
fn a_failed_build_prints_its_errors_after_the_warnings() {
    let dir = mini_project();
    // an error early in the document, a warning (a double space) later
    let first = dir.path().join("content/sections/01-mo-dau.md");
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, format!("{{{{ economy.nothing }}}}\n\n{text}")).unwrap();
    let second = dir.path().join("content/sections/02-ket-thuc.md");
    let text = std::fs::read_to_string(&second).unwrap();
    std::fs::write(&second, format!("Hai  dấu cách.\n\n{text}")).unwrap();
    let out = baocao(&["build", "--project", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warning = stderr.find("warning[typo-double-space]").unwrap_or_else(|| panic!("{stderr}"));
    let error = stderr.find("error[fact-undefined]").unwrap_or_else(|| panic!("{stderr}"));
    assert!(warning < error, "the error comes last, beside the summary:\n{stderr}");
}

/// Characters that print nothing and that a reader copying from the PDF would not expect.
const FORMAT_CHARACTERS: [char; 7] = ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{ad}', '\u{feff}', '\u{a0}'];

#[test]
fn the_laid_out_text_is_the_reports_text_with_no_invisible_characters() {
    let project = load(&repo());
    let result =
        typeset(&project, std::path::Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render()));
    // what the sections hold, their HTML entities read as the characters they stand for
    let sources: String = project.sections.iter().map(|s| s.text.replace("&nbsp;", "\u{a0}")).collect();
    for c in FORMAT_CHARACTERS.iter().filter(|c| !sources.contains(**c)) {
        for (page, runs) in page_runs(&result.document).iter().enumerate() {
            for run in runs {
                assert!(!run.text.contains(*c), "U+{:04X} on page {}: {:?}", *c as u32, page + 1, run.text);
            }
        }
    }
    // document numbers and ranges are printed whole, on one line, where the original has them so
    let lines: Vec<String> = page_lines(&result.document).into_iter().flatten().map(|l| l.text).collect();
    for wanted in ["24/2014/NĐ-CP", "2021-2026", "8,05%/năm", "30/11/2023"] {
        assert!(lines.iter().any(|l| l.contains(wanted)), "`{wanted}` is not printed whole on any line");
    }
}

#[test]
fn every_word_has_a_page_and_line_and_a_fact_is_where_its_marker_says() {
    let project = load(&repo());
    let result =
        typeset(&project, std::path::Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render()));
    let pages = page_lines(&result.document);
    for u in &result.narrative.document.facts {
        let section = &result.narrative.document.sections[u.section];
        // the printed value's place in the rendered text: where the expression was rendered
        let tag = section.source.pieces.iter().find(|p| !p.literal && p.source == u.source.start).unwrap().rendered;
        let value = tag + section.source.rendered[tag..].find('\u{e001}').unwrap() + '\u{e001}'.len_utf8();
        let (page, line) = result.positions().of(u.section, value).unwrap_or_else(|| panic!("no place for {u:?}"));
        assert_eq!(page, result.fact_pages[&u.id], "{u:?}");
        // the line, counted from the top without the page number, holds the printed value
        let lines: Vec<&str> = pages[page - 1].iter().filter(|l| l.y > 56.69).map(|l| l.text.as_str()).collect();
        let printed = u.printed.as_deref().unwrap();
        let first = printed.split_whitespace().next().unwrap();
        assert!(
            lines[line - 1].contains(first) || lines.get(line).is_some_and(|l| l.contains(first)),
            "{} `{printed}` said to be on page {page} line {line}: {:?}",
            u.expression,
            lines[line - 1]
        );
    }
}
