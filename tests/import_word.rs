//! `baocao import` on Word files made by other tools (tests/fixtures/docx/make.py): the real
//! report written by LibreOffice Writer and by pandoc — header and closing tables, headings
//! both in Heading styles and as bold paragraphs, real footnotes, a cross-reference to a note —
//! imported and built: the printed words in order against the original report's PDF, the 67
//! footnotes, and the figures found as facts against the facts the report really prints (also
//! with the Roman headings numbered by Writer, not typed, and the closing block typed as
//! paragraphs with tabs); a small LibreOffice file with a picture, a table and a footnote referenced twice.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::build::{BuildOptions, Formats, build};
use common::{recall, repo};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/docx").join(name)
}

/// Imports `docx` into a new project in a temporary folder.
fn import(docx: &Path) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).arg("import").arg(docx).arg(&project).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, project, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Builds `root` and reads its PDF's words: (body, footnotes), as tests/docx_libreoffice.rs
/// splits them (a footnote line is 10.5 pt or less; page numbers left out), so that where the
/// pages break does not matter.
fn pdf(root: &Path, out: &Path) -> (Vec<String>, Vec<String>) {
    let options = BuildOptions {
        output: Some(out.to_path_buf()),
        formats: Formats { pdf: true, docx: false },
        ..BuildOptions::default()
    };
    build(root, &options).unwrap_or_else(|f| panic!("{}", f.render()));
    let pages = baocao::pdf_text::lines(&std::fs::read(out).unwrap()).unwrap();
    let (mut body, mut notes) = (Vec::new(), Vec::new());
    for (i, page) in pages.iter().enumerate() {
        for (j, line) in page.lines.iter().enumerate() {
            if i > 0 && j == 0 && line.text.parse::<u32>().is_ok() {
                continue;
            }
            let words = line.text.split_whitespace().map(String::from);
            if line.size <= 10.5 { notes.extend(words) } else { body.extend(words) }
        }
    }
    (body, notes)
}

/// The printed values of every fact the real report prints, counted.
fn printed_facts(root: &Path) -> HashMap<String, usize> {
    let project = baocao::project::Project::load(root).unwrap();
    let doc = baocao::narrative::render(&project).unwrap().document;
    let mut out = HashMap::new();
    for u in &doc.facts {
        *out.entry(u.printed.clone().unwrap_or_default()).or_default() += 1;
    }
    out
}

/// Imports a Word version of the real report, builds it, and measures it.
fn real_report(name: &str) -> (f64, usize, usize, usize) {
    let (dir, project, _) = import(&fixture(name));
    let original = pdf(&repo(), &dir.path().join("original.pdf"));
    let ours = pdf(&project, &dir.path().join("ours.pdf"));
    let r = (recall(&original.0, &ours.0) * original.0.len() as f64
        + recall(&original.1, &ours.1) * original.1.len() as f64)
        / (original.0.len() + original.1.len()) as f64;
    let imported = baocao::project::Project::load(&project).unwrap();
    let doc = baocao::narrative::render(&imported).unwrap().document;
    let notes = doc.notes.iter().filter(|n| n.number.is_some()).count();
    // figures found: how many print a value the real report prints through a fact
    let mut real = printed_facts(&repo());
    let (mut right, mut found) = (0, 0);
    for u in &doc.facts {
        found += 1;
        let printed = u.printed.clone().unwrap_or_default();
        if let Some(n) = real.get_mut(&printed).filter(|n| **n > 0) {
            *n -= 1;
            right += 1;
        } else {
            eprintln!("  figure not printed by a fact of the real report: {printed} ({})", u.expression);
        }
    }
    eprintln!(
        "{name}: word recall {:.2}% of {} printed words, {notes} footnotes, {found} figures found as facts, {right} of them printed by a fact in the real report ({} uses there)",
        r * 100.0,
        original.0.len() + original.1.len(),
        printed_facts(&repo()).values().sum::<usize>()
    );
    (r, notes, found, right)
}

#[test]
fn the_report_written_by_libreoffice_imports_and_builds_with_its_words_notes_and_figures() {
    let (recall, notes, found, right) = real_report("report-libreoffice.docx");
    assert!(recall > 0.99, "word recall {recall}");
    assert_eq!(notes, 67);
    assert!(found > 400 && right * 100 >= found * 95, "{right} of {found}");
}

#[test]
fn the_report_with_roman_headings_numbered_by_word_and_a_closing_block_of_paragraphs_imports_as_well() {
    let (recall, notes, found, right) = real_report("report-numbered.docx");
    assert!(recall > 0.99, "word recall {recall}");
    assert_eq!(notes, 67);
    assert!(found > 400 && right * 100 >= found * 95, "{right} of {found}");
}

#[test]
fn the_report_written_by_pandoc_imports_and_builds_with_its_words_notes_and_figures() {
    let (recall, notes, found, right) = real_report("report-pandoc.docx");
    assert!(recall > 0.98, "word recall {recall}");
    assert!(notes >= 67, "{notes}");
    assert!(found > 400 && right * 100 >= found * 95, "{right} of {found}");
}

#[test]
fn a_small_libreoffice_file_gives_headings_a_note_referenced_twice_facts_a_table_and_reports_the_picture() {
    let (_dir, project, printed) = import(&fixture("tiny-libreoffice.docx"));
    let section = std::fs::read_to_string(project.join("content/sections/00-ket-qua.md")).unwrap();
    assert!(section.starts_with("## I. KẾT QUẢ\n\n### 1. Thu ngân sách\n"), "{section}");
    assert!(section.contains("so với năm 2023[^1]; có {{ ket_qua."), "{section}");
    assert!(section.contains("thành lập mới[^1]."), "a cross-reference is a second reference: {section}");
    assert!(section.contains("| Thu | 51.997 |"), "{section}");
    let facts = std::fs::read_to_string(project.join("content/facts/ket_qua.yaml")).unwrap();
    assert!(facts.contains("thu_noi_dia_2024:\n  value: 51997\n  unit: \"tỷ đồng\""), "{facts}");
    assert!(facts.contains("value: 8.58\n  unit: \"%\""), "{facts}");
    let report = std::fs::read_to_string(project.join("content/report.yaml")).unwrap();
    for line in ["  - SỞ TÀI CHÍNH", "number: \"12\"", "symbol: BC-STC", "place: Hải Dương", "name: Nguyễn Văn A"]
    {
        assert!(report.contains(line), "{line} in {report}");
    }
    assert!(printed.contains("1 image (") && printed.contains("1 table as a Markdown table"), "{printed}");
    let dir = tempfile::tempdir().unwrap();
    let words = pdf(&project, &dir.path().join("tiny.pdf")).0.join(" ");
    assert!(words.contains("thu nội địa đạt 51.997 tỷ đồng, tăng 8,58% so với năm 20231;"), "{words}");
}

#[test]
fn baocao_s_own_docx_saved_again_by_libreoffice_keeps_its_section_files_and_printed_words() {
    let Ok(version) = Command::new("soffice").arg("--version").output() else {
        assert!(
            std::env::var("CI").is_ok_and(|v| v != "true") || std::env::var("CI").is_err(),
            "soffice is needed under CI"
        );
        eprintln!("skipped: soffice is not installed");
        return;
    };
    assert!(version.status.success());
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("report.docx");
    let options = BuildOptions {
        output: Some(docx.clone()),
        formats: Formats { pdf: false, docx: true },
        ..BuildOptions::default()
    };
    build(&repo(), &options).unwrap_or_else(|f| panic!("{}", f.render()));
    // LibreOffice opens the file and saves it as .docx again (it drops the content controls' tags)
    let out_dir = dir.path().join("lo");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let status = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(&out_dir)
        .arg(&docx)
        .output()
        .unwrap();
    assert!(status.status.success());
    let (dir2, project, printed) = import(&out_dir.join("report.docx"));
    let names = |root: &Path| {
        baocao::project::Project::load(root).unwrap().sections.iter().map(|s| s.path.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(&project), names(&repo()), "{printed}");
    let original = pdf(&repo(), &dir2.path().join("original.pdf"));
    let ours = pdf(&project, &dir2.path().join("ours.pdf"));
    let (body, notes) = (recall(&original.0, &ours.0), recall(&original.1, &ours.1));
    eprintln!("after LibreOffice: body words {:.2}%, footnote words {:.2}%", body * 100.0, notes * 100.0);
    assert!(body > 0.999 && notes > 0.999, "{body} {notes}");
}
