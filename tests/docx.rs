//! `build --format docx`: the .docx read back as a zip of XML parts — the parts and
//! relationships Word requires, the separator footnotes, real footnotes with a NOTEREF for the
//! second reference to note 1, heading styles with outline levels, the page setup, every printed
//! fact tagged with its key and use id, the document properties — and two builds giving the same
//! bytes. The command line chooses the format from `--format` or from `-o`.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::build::{BuildOptions, Formats, build};
use common::{mini_project, repo};

/// Builds the Word file only (typst does not run) into `dir`, and returns its path.
fn build_docx(root: &Path, dir: &Path) -> PathBuf {
    let output = dir.join("report.docx");
    let options = BuildOptions {
        output: Some(output.clone()),
        formats: Formats { pdf: false, docx: true },
        ..BuildOptions::default()
    };
    let report = build(root, &options).unwrap_or_else(|f| panic!("{}", f.render()));
    assert!(report.pdf.is_none(), "a Word-only build writes no PDF");
    assert_eq!(report.docx.as_ref().map(|d| d.path.clone()), Some(output.clone()));
    output
}

/// Every entry of the zip, by name, as text.
fn parts(docx: &Path) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap_or_else(|e| panic!("{}: {e}", entry.name()));
        out.insert(entry.name().to_string(), text);
    }
    out
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn w<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn elements<'a, 'i>(doc: &'a roxmltree::Document<'i>, name: &'a str) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    doc.descendants().filter(move |n| n.is_element() && n.tag_name().name() == name)
}

/// The real report as a .docx (built once per test binary run, in a temporary folder).
fn real_report() -> (tempfile::TempDir, BTreeMap<String, String>) {
    let dir = tempfile::tempdir().unwrap();
    let docx = build_docx(&repo(), dir.path());
    let parts = parts(&docx);
    (dir, parts)
}

#[test]
fn the_package_has_the_parts_and_relationships_word_requires_all_well_formed() {
    let (_dir, parts) = real_report();
    for (name, text) in &parts {
        roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
    }
    let types = roxmltree::Document::parse(&parts["[Content_Types].xml"]).unwrap();
    let overrides: BTreeMap<&str, &str> = types
        .descendants()
        .filter(|n| n.has_tag_name("Override"))
        .map(|n| (n.attribute("PartName").unwrap(), n.attribute("ContentType").unwrap()))
        .collect();
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", format!("{wml}.document.main+xml")),
        ("/word/styles.xml", format!("{wml}.styles+xml")),
        ("/word/settings.xml", format!("{wml}.settings+xml")),
        ("/word/footnotes.xml", format!("{wml}.footnotes+xml")),
        ("/word/header1.xml", format!("{wml}.header+xml")),
        ("/word/header2.xml", format!("{wml}.header+xml")),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml".to_string()),
    ] {
        assert_eq!(overrides.get(part), Some(&kind.as_str()), "content type of {part}");
    }
    for part in overrides.keys() {
        assert!(parts.contains_key(part.trim_start_matches('/')), "{part} is declared but not in the zip");
    }
    // the package's relationships: the main document and the properties
    let rels = roxmltree::Document::parse(&parts["_rels/.rels"]).unwrap();
    let targets: Vec<(&str, &str)> = rels
        .descendants()
        .filter(|n| n.has_tag_name("Relationship"))
        .map(|n| (n.attribute("Type").unwrap().rsplit('/').next().unwrap(), n.attribute("Target").unwrap()))
        .collect();
    assert!(targets.contains(&("officeDocument", "word/document.xml")), "{targets:?}");
    assert!(targets.contains(&("core-properties", "docProps/core.xml")), "{targets:?}");
    // the document's: every target is in the zip, and styles, settings, footnotes, headers are there
    let rels = roxmltree::Document::parse(&parts["word/_rels/document.xml.rels"]).unwrap();
    let mut kinds = Vec::new();
    for r in rels.descendants().filter(|n| n.has_tag_name("Relationship")) {
        let target = format!("word/{}", r.attribute("Target").unwrap());
        assert!(parts.contains_key(&target), "{target} is related but not in the zip");
        kinds.push(r.attribute("Type").unwrap().rsplit('/').next().unwrap().to_string());
    }
    for kind in ["styles", "settings", "footnotes", "header"] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} relationship: {kinds:?}");
    }
}

#[test]
fn footnotes_are_real_word_footnotes_with_separators_and_a_noteref_for_the_second_reference() {
    let (_dir, parts) = real_report();
    let notes = roxmltree::Document::parse(&parts["word/footnotes.xml"]).unwrap();
    let all: Vec<_> = elements(&notes, "footnote").collect();
    assert_eq!(w(all[0], "type"), Some("separator"));
    assert_eq!(w(all[0], "id"), Some("-1"));
    assert!(all[0].descendants().any(|n| n.has_tag_name((W, "separator"))));
    assert_eq!(w(all[1], "type"), Some("continuationSeparator"));
    assert_eq!(w(all[1], "id"), Some("0"));
    assert!(all[1].descendants().any(|n| n.has_tag_name((W, "continuationSeparator"))));
    let real: Vec<_> = all[2..].to_vec();
    assert_eq!(real.len(), 67, "67 footnotes");
    for (i, note) in real.iter().enumerate() {
        assert_eq!(w(*note, "id"), Some((i + 1).to_string().as_str()));
        assert_eq!(note.descendants().filter(|n| n.has_tag_name((W, "footnoteRef"))).count(), 1, "note {}", i + 1);
        let style = note.descendants().find(|n| n.has_tag_name((W, "pStyle"))).and_then(|s| w(s, "val"));
        assert_eq!(style, Some("FootnoteText"));
    }
    let settings = roxmltree::Document::parse(&parts["word/settings.xml"]).unwrap();
    let separators: Vec<_> =
        elements(&settings, "footnotePr").flat_map(|p| p.children().filter_map(|c| w(c, "id"))).collect();
    assert_eq!(separators, ["-1", "0"]);

    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let references: Vec<&str> = elements(&doc, "footnoteReference").filter_map(|n| w(n, "id")).collect();
    assert_eq!(references, (1..=67).map(|n| n.to_string()).collect::<Vec<_>>(), "each note referenced once, in order");
    // note 1's reference is bookmarked, and the second reference is a NOTEREF to that bookmark
    let bookmark = elements(&doc, "bookmarkStart").find(|b| w(*b, "name") == Some("_RefNote1")).expect("bookmark");
    let next_run = bookmark.next_sibling_element().unwrap();
    assert!(next_run.descendants().any(|n| n.has_tag_name((W, "footnoteReference")) && w(n, "id") == Some("1")));
    let fields: Vec<&str> = elements(&doc, "instrText").filter_map(|n| n.text()).collect();
    assert_eq!(fields, [" NOTEREF _RefNote1 \\f \\h "]);
    let field = elements(&doc, "instrText").next().unwrap().parent().unwrap();
    let result = field.next_sibling_element().unwrap().next_sibling_element().unwrap();
    assert_eq!(result.descendants().find_map(|n| if n.has_tag_name((W, "t")) { n.text() } else { None }), Some("1"));
    let style = result.descendants().find(|n| n.has_tag_name((W, "rStyle"))).and_then(|s| w(s, "val"));
    assert_eq!(style, Some("FootnoteReference"), "the field's result looks like a footnote reference");
}

#[test]
fn headings_are_word_heading_styles_with_outline_levels_and_the_page_is_set_up_as_the_pdf() {
    let (_dir, parts) = real_report();
    let styles = roxmltree::Document::parse(&parts["word/styles.xml"]).unwrap();
    for level in 1..=6 {
        let id = format!("Heading{level}");
        let style = elements(&styles, "style").find(|s| w(*s, "styleId") == Some(id.as_str())).expect(&id);
        let child = |name: &str| style.descendants().find(|n| n.has_tag_name((W, name)));
        assert_eq!(child("name").and_then(|n| w(n, "val")), Some(format!("heading {level}").as_str()));
        assert_eq!(child("outlineLvl").and_then(|n| w(n, "val")), Some((level - 1).to_string().as_str()));
        assert_eq!(child("b").is_some(), level < 6, "Heading {level} bold");
    }
    let body = elements(&styles, "style").find(|s| w(*s, "styleId") == Some("BodyText")).unwrap();
    let jc = body.descendants().find(|n| n.has_tag_name((W, "jc"))).and_then(|n| w(n, "val"));
    let ind = body.descendants().find(|n| n.has_tag_name((W, "ind"))).and_then(|n| w(n, "firstLine"));
    let after = body.descendants().find(|n| n.has_tag_name((W, "spacing"))).and_then(|n| w(n, "after"));
    assert_eq!((jc, ind, after), (Some("both"), Some("720"), Some("120")), "justified, 1.27 cm, 6 pt after");
    let fonts = elements(&styles, "rFonts").next().unwrap();
    assert_eq!((w(fonts, "ascii"), w(fonts, "hAnsi")), (Some("Times New Roman"), Some("Times New Roman")));
    assert_eq!(elements(&styles, "sz").next().and_then(|n| w(n, "val")), Some("28"), "14 pt");

    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let used: Vec<&str> = elements(&doc, "pStyle").filter_map(|n| w(n, "val")).collect();
    let count = |s: &str| used.iter().filter(|u| **u == s).count();
    assert_eq!((count("Heading1"), count("Heading2")), (4, 4), "Phần I/II and their titles; I.–IV.");
    assert!(count("Heading3") >= 10 && count("Heading4") >= 10 && count("Heading6") >= 1, "{used:?}");
    let size = elements(&doc, "pgSz").next().unwrap();
    assert_eq!((w(size, "w"), w(size, "h")), (Some("11906"), Some("16838")), "A4");
    let margins = elements(&doc, "pgMar").next().unwrap();
    let m: Vec<_> = ["top", "bottom", "left", "right"].iter().map(|s| w(margins, s).unwrap()).collect();
    assert_eq!(m, ["1134", "1134", "1701", "1134"], "20/20/30/20 mm");
    assert!(elements(&doc, "titlePg").next().is_some(), "a different first page");
    let first = elements(&doc, "headerReference").find(|h| w(*h, "type") == Some("first")).unwrap();
    let default = elements(&doc, "headerReference").find(|h| w(*h, "type") == Some("default")).unwrap();
    let header_part = |h: roxmltree::Node| {
        let id = h.attribute(("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id")).unwrap();
        let rels = &parts["word/_rels/document.xml.rels"];
        let rels = roxmltree::Document::parse(rels).unwrap();
        let target = rels.descendants().find(|r| r.attribute("Id") == Some(id)).unwrap().attribute("Target").unwrap();
        parts[&format!("word/{target}")].clone()
    };
    assert!(header_part(default).contains("<w:instrText>PAGE</w:instrText>"), "page number from page 2");
    assert!(!header_part(first).contains("PAGE"), "no page number on page 1");
    assert!(!header_part(first).contains("DỰ THẢO"), "an issued report is no draft");
}

#[test]
fn every_printed_fact_is_a_content_control_tagged_with_its_key_and_use_id() {
    let (_dir, parts) = real_report();
    let narrative = baocao::narrative::render(&common::load(&repo())).unwrap();
    let uses = &narrative.document.facts;
    let mut tagged = Vec::new();
    for part in ["word/document.xml", "word/footnotes.xml"] {
        let doc = roxmltree::Document::parse(&parts[part]).unwrap();
        for sdt in elements(&doc, "sdt") {
            let prop = |name: &str| sdt.descendants().find(|n| n.has_tag_name((W, name))).and_then(|n| w(n, "val"));
            let (alias, tag) = (prop("alias").unwrap().to_string(), prop("tag").unwrap().to_string());
            let text: String =
                sdt.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|n| n.text()).collect();
            tagged.push((tag, alias, text));
        }
    }
    let printed: Vec<_> = uses.iter().filter(|u| u.printed.is_some()).collect();
    assert!(printed.len() > 300, "the real report prints hundreds of figures");
    assert_eq!(tagged.len(), printed.len(), "one content control per printed fact");
    tagged.sort_by_key(|(tag, ..)| tag.split(':').nth(2).and_then(|id| id.parse::<usize>().ok()));
    for ((tag, alias, text), fact) in tagged.iter().zip(&printed) {
        assert_eq!(tag, &format!("baocao:fact:{}:{}", fact.id, fact.keys.join(",")));
        assert_eq!(alias, &fact.keys.join(", "));
        assert_eq!(Some(text), fact.printed.as_ref(), "fact use {} prints its value in the control", fact.id);
    }
}

#[test]
fn the_properties_are_the_pdfs_and_two_builds_give_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = std::fs::read(build_docx(&repo(), a.path())).unwrap();
    let second = std::fs::read(build_docx(&repo(), b.path())).unwrap();
    assert!(first == second, "two builds of the same sources differ");
    let parts = parts(&a.path().join("report.docx"));
    let core = roxmltree::Document::parse(&parts["docProps/core.xml"]).unwrap();
    let get = |name: &str| core.descendants().find(|n| n.tag_name().name() == name).and_then(|n| n.text());
    let report = common::load(&repo()).report;
    assert_eq!(get("title"), Some(report.title().as_str()));
    assert_eq!(get("creator"), Some("ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"));
    assert_eq!(get("subject"), Some(report.summary.join(" ").as_str()));
    assert_eq!(get("keywords"), Some("Thay thế Báo cáo số 197/BC-UBND ngày 24/11/2023"));
    assert_eq!(get("created"), Some("2023-01-01T00:00:00Z"), "the report's date, not the clock");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(first)).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let t = entry.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (1980, 1, 1, 0), "{} is dated", entry.name());
    }
}

fn baocao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).env("NO_COLOR", "1").output().unwrap()
}

#[test]
fn the_format_comes_from_format_or_from_the_output_name() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    let out = dir.path().join("out");
    // -o x.docx: the Word file only
    let word = out.join("bao-cao.docx");
    let run = baocao(&["build", "--project", root, "-o", word.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(word.exists() && !out.join("bao-cao.pdf").exists(), "{stderr}");
    assert!(stderr.contains("bao-cao.docx (Word, 3 footnotes"), "{stderr}");
    // both, in one run: the PDF where -o says, the Word file beside it
    let pdf = out.join("both.pdf");
    let run = baocao(&["build", "--project", root, "-o", pdf.to_str().unwrap(), "--format", "pdf,docx"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(pdf.exists() && out.join("both.docx").exists() && out.join("both.typ").exists());
    // a single format whose -o names the other one is a usage error
    let run = baocao(&["build", "--project", root, "-o", word.to_str().unwrap(), "--format", "pdf"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("names a Word file"));
    let run = baocao(&["build", "--project", root, "--format", "odt"]);
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn content_is_text_in_the_xml_and_a_draft_says_so_on_page_1() {
    let dir = mini_project();
    let section = dir.path().join("content/sections/02-ket-thuc.md");
    let mut text = std::fs::read_to_string(&section).unwrap();
    text.push_str("\nKý hiệu <w:p> & \"x\" ]]> a\u{1}b, *nghiêng* và **đậm**.\n");
    std::fs::write(&section, text).unwrap();
    let yaml = dir.path().join("content/report.yaml");
    let report = std::fs::read_to_string(&yaml).unwrap() + "status: draft\n";
    std::fs::write(&yaml, report).unwrap();
    let out = tempfile::tempdir().unwrap();
    let parts = parts(&build_docx(dir.path(), out.path()));
    for (name, xml) in &parts {
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let all: String = elements(&doc, "t").filter_map(|n| n.text()).collect();
    assert!(all.contains("Ký hiệu <w:p> & \"x\" ]]> a b, "), "{all}");
    assert!(elements(&doc, "p").all(|p| p.children().all(|c| c.tag_name().name() != "p")));
    let header_with = |s: &str| parts.iter().any(|(n, x)| n.starts_with("word/header") && x.contains(s));
    assert!(header_with("DỰ THẢO"), "a draft is marked on page 1");
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("<cp:keywords>Dự thảo</cp:keywords>"), "{core}");
}

#[test]
fn a_note_inside_a_note_follows_it_as_a_footnote_of_its_own() {
    // the mini report: note 1 holds a reference to note 3 ([^3] inside [^1]); note 1 is
    // referenced again in the second section
    let dir = mini_project();
    let out = tempfile::tempdir().unwrap();
    let parts = parts(&build_docx(dir.path(), out.path()));
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let references: Vec<&str> = elements(&doc, "footnoteReference").filter_map(|n| w(n, "id")).collect();
    assert_eq!(references, ["1", "2", "3"], "the nested note right after its referrer, as the model numbers it");
    let notes = roxmltree::Document::parse(&parts["word/footnotes.xml"]).unwrap();
    let first = elements(&notes, "footnote").find(|n| w(*n, "id") == Some("1")).unwrap();
    let field: Vec<&str> =
        first.descendants().filter(|n| n.has_tag_name((W, "instrText"))).filter_map(|n| n.text()).collect();
    assert_eq!(field, [" NOTEREF _RefNote2 \\f \\h "]);
    let body_fields: Vec<&str> = elements(&doc, "instrText").filter_map(|n| n.text()).collect();
    assert_eq!(body_fields, [" NOTEREF _RefNote1 \\f \\h "], "the second reference to note 1");
}

#[test]
fn quotes_code_tables_and_a_table_inside_a_note_are_written_as_word_blocks() {
    let dir = mini_project();
    let section = "> Một đoạn trích dẫn.\n\n```\ndòng 1\ndòng 2\n```\n\n\
        | Chỉ tiêu | Giá trị |\n|---|---|\n| GRDP | {{ economy.grdp_growth_2021 | pct }} |\n\n\
        Đoạn có [liên kết](https://example.org/?a=1&b=2) và ghi chú bảng[^t].\n\n\
        [^t]: Ghi chú có bảng:\n\n    | A | B |\n    |---|---|\n    | 1 | 2 |\n";
    std::fs::write(dir.path().join("content/sections/03-them.md"), section).unwrap();
    let out = tempfile::tempdir().unwrap();
    let parts = parts(&build_docx(dir.path(), out.path()));
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let text_of = |n: roxmltree::Node| -> String {
        n.descendants().filter(|t| t.has_tag_name((W, "t"))).filter_map(|t| t.text()).collect()
    };
    // the header table, the table of the section, the closing table
    let tables: Vec<_> = elements(&doc, "tbl").collect();
    assert_eq!(tables.len(), 3);
    let rows: Vec<String> = tables[1].children().filter(|n| n.has_tag_name((W, "tr"))).map(text_of).collect();
    assert_eq!(rows, ["Chỉ tiêuGiá trị", "GRDP8,58%"]);
    assert!(tables[1].descendants().any(|n| n.has_tag_name((W, "sdt"))), "the fact in a cell is tagged");
    let paragraphs: Vec<_> = elements(&doc, "p").collect();
    let quote = paragraphs.iter().find(|p| text_of(**p) == "Một đoạn trích dẫn.").unwrap();
    let left = quote.descendants().find(|n| n.has_tag_name((W, "ind"))).and_then(|n| w(n, "left"));
    assert_eq!(left, Some("720"), "a quote is indented 1.27 cm");
    let code = paragraphs.iter().find(|p| text_of(**p) == "dòng 1dòng 2").expect("the code block");
    assert_eq!(code.descendants().filter(|n| n.has_tag_name((W, "br"))).count(), 1, "its lines kept");
    assert!(paragraphs.iter().any(|p| text_of(*p).starts_with("Đoạn có liên kết và ghi chú bảng")));
    let notes = roxmltree::Document::parse(&parts["word/footnotes.xml"]).unwrap();
    let note = elements(&notes, "footnote").last().unwrap();
    let lines: Vec<String> = note.children().filter(|n| n.has_tag_name((W, "p"))).map(text_of).collect();
    assert_eq!(lines, [" Ghi chú có bảng:", "AB", "12"], "a table in a note: a row a paragraph");
    assert_eq!(note.descendants().filter(|n| n.has_tag_name((W, "tab"))).count(), 2, "cells apart by tabs");
}
