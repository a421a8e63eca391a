//! `baocao diff` on PDFs: a PDF with sources is compared by its sources once it is rebuilt
//! byte for byte; a PDF made by another tool (LibreOffice here: tests/fixtures/pdf, made by
//! make.sh) is compared by its printed text, with every change placed by page and line; mixed
//! pairs attribute changed words to the facts of the side that has sources; broken PDFs are a
//! message, never a crash.

mod common;

use std::path::{Path, PathBuf};

use common::{baocao, copy_dir, repo};
use serde_json::Value;

fn fixture(name: &str) -> String {
    repo().join("tests/fixtures/pdf").join(name).to_string_lossy().into_owned()
}

/// `diff --format json OLD NEW` (in `cwd`): exit code and the report.
fn diff_json(old: &str, new: &str, cwd: &Path) -> (i32, Value, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .current_dir(cwd)
        .args(["diff", old, new, "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), json, stderr)
}

fn changes<'a>(report: &'a Value, category: &str) -> Vec<&'a Value> {
    report["changes"].as_array().unwrap().iter().filter(|c| c["category"] == category).collect()
}

/// The real report built into `dir` (`with.pdf` with its sources, `without.pdf` without).
fn built_report(dir: &Path) -> (PathBuf, PathBuf) {
    let (with, without) = (dir.join("with.pdf"), dir.join("without.pdf"));
    let root = repo();
    for (path, extra) in [(&with, None), (&without, Some("--no-sources"))] {
        let mut args = vec!["build", "-q", "--project", root.to_str().unwrap(), "-o", path.to_str().unwrap()];
        args.extend(extra);
        let out = baocao(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    (with, without)
}

#[test]
fn two_libreoffice_pdfs_differ_by_exactly_their_three_known_edits_placed_by_page_and_line() {
    let (code, report, stderr) = diff_json(&fixture("word.pdf"), &fixture("word-edited.pdf"), &repo());
    assert_eq!(code, 1, "{stderr}");
    for side in ["old", "new"] {
        assert_eq!(report[side]["kind"], "pdf");
        assert_eq!(report[side]["sources"]["state"], "none", "{}", report[side]);
    }
    assert!(stderr.contains("no sources attached; compared as printed"), "{stderr}");
    let text = changes(&report, "text");
    assert_eq!(text.len(), 2, "{text:#?}");
    assert_eq!((text[0]["old"].as_str(), text[0]["new"].as_str()), (Some("11,56%/năm"), Some("11,65%/năm")));
    assert_eq!(
        (text[0]["location"]["new"]["page"].as_u64(), text[0]["location"]["new"]["page_line"].as_u64()),
        (Some(1), Some(26))
    );
    assert_eq!(text[0]["location"]["old"]["page"].as_u64(), Some(1), "the old side is placed too");
    assert_eq!(text[1]["kind"], "deleted");
    assert!(text[1]["old"].as_str().unwrap().contains("mức bán lẻ hàng hóa"), "{}", text[1]);
    assert_eq!(text[1]["location"]["old"]["page"].as_u64(), Some(2));
    let notes = changes(&report, "footnote");
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!((notes[0]["kind"].as_str(), notes[0]["new"]["number"].as_u64()), (Some("changed"), Some(4)));
    assert!(changes(&report, "fact").is_empty() && changes(&report, "metadata").is_empty());
}

#[test]
fn the_real_report_against_itself_through_every_route_reports_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let (with, without) = built_report(dir.path());
    let root = repo();
    let (with, without, folder) = (with.to_str().unwrap(), without.to_str().unwrap(), root.to_str().unwrap());
    for (old, new) in
        [(with, with), (without, without), (with, folder), (without, folder), (folder, without), (without, with)]
    {
        let (code, report, stderr) = diff_json(old, new, &root);
        let found: Vec<&Value> = report["changes"].as_array().map(|c| c.iter().collect()).unwrap_or_default();
        assert_eq!(code, 0, "{old} → {new}: {found:#?}\n{stderr}");
    }
    let (_, report, _) = diff_json(with, without, &root);
    assert_eq!(report["old"]["sources"]["state"], "verified");
    assert_eq!(report["new"]["sources"]["state"], "none");
}

#[test]
fn a_printed_pdf_against_a_project_attributes_a_changed_figure_to_its_fact() {
    let dir = tempfile::tempdir().unwrap();
    // the real report as issued without its sources, and a project where one figure changed
    let (_, issued) = built_report(dir.path());
    let project = dir.path().join("project");
    for part in ["content", "templates", "fonts"] {
        copy_dir(&repo().join(part), &project.join(part));
    }
    let facts = project.join("content/facts/economy.yaml");
    let text = std::fs::read_to_string(&facts).unwrap();
    assert!(text.contains("value: 8.61"));
    std::fs::write(&facts, text.replacen("value: 8.61", "value: 8.71", 1)).unwrap();
    let (code, report, stderr) = diff_json(issued.to_str().unwrap(), project.to_str().unwrap(), dir.path());
    assert_eq!(code, 1, "{stderr}");
    let all: Vec<&Value> = report["changes"].as_array().unwrap().iter().collect();
    assert_eq!(all.len(), 1, "one change only: {all:#?}");
    let note = all[0];
    assert_eq!(note["category"], "footnote");
    let change = &note["changes"][0];
    assert_eq!((change["old"].as_str(), change["new"].as_str()), (Some("8,61%"), Some("8,71%")));
    assert_eq!(change["facts"][0], "economy.grdp_growth_2021", "attributed on the side with sources: {change}");
    // placed in NEW's section file and on its page
    assert_eq!(change["location"]["new"]["path"], "content/sections/04-phat-trien-kinh-te.md");
    assert!(change["location"]["new"]["page"].as_u64().is_some());
}

#[test]
fn a_pdf_whose_sources_do_not_make_it_is_compared_as_printed_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (with, _) = built_report(dir.path());
    // the same PDF rewritten by another program: its sources no longer give its bytes
    let mut doc = lopdf::Document::load(&with).unwrap();
    let rewritten = dir.path().join("rewritten.pdf");
    doc.save(&rewritten).unwrap();
    let (code, report, stderr) = diff_json(rewritten.to_str().unwrap(), with.to_str().unwrap(), dir.path());
    assert_eq!(report["old"]["sources"]["state"], "do-not-match", "{}", report["old"]);
    assert!(stderr.contains("does not match its attached sources"), "{stderr}");
    assert_eq!(code, 0, "the printed text is the same: {:#?}", report["changes"]);
}

#[test]
fn broken_pdfs_are_a_message_naming_the_file_never_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.pdf");
    std::fs::write(&garbage, b"%PDF-1.7\nthis is not really a pdf").unwrap();
    let truncated = dir.path().join("truncated.pdf");
    let word = std::fs::read(fixture("word.pdf")).unwrap();
    std::fs::write(&truncated, &word[..word.len() / 3]).unwrap();
    for (bad, words) in [
        (fixture("encrypted.pdf"), "password"),
        (fixture("image-only.pdf"), "no text"),
        (garbage.to_string_lossy().into_owned(), "garbage.pdf"),
        (truncated.to_string_lossy().into_owned(), "truncated.pdf"),
    ] {
        let out = baocao(&["diff", &bad, &fixture("word.pdf")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.to_lowercase().contains(words), "{bad}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let out = baocao(&["diff", "missing.pdf", &fixture("word.pdf")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`missing.pdf` does not exist"));
    // a redline needs NEW's sources
    let out = baocao(&["diff", &fixture("word.pdf"), &fixture("word-edited.pdf"), "--redline", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no sources to mark the changes on"));
}
