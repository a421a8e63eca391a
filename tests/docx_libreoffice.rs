//! The .docx as a real word processor shows it: LibreOffice (headless) converts the real
//! report's Word file to PDF, and that PDF's printed text (read by `baocao::pdf_text`) holds the
//! original report's words in order (body and notes compared as in tests/fidelity.rs), 67
//! distinct footnotes numbered 1–67 with note 1 referenced twice, the page-1 header, the page
//! numbers from page 2, and the recipients and signature block.
//!
//! Needs `soffice` (Debian: libreoffice-writer-nogui). Without it the test says why it skips —
//! except under `CI=true`, where CI installs it and a missing soffice fails the test.
//! `BAOCAO_KEEP_WORD_PDF=FILE` keeps LibreOffice's PDF (docs/img/ shows its page 1).

mod common;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use baocao::build::{BuildOptions, Formats, build};
use baocao::pdf_text::{self, Page, WordKind};
use common::{fixture_words, load, recall, repo};

/// `soffice`, when installed.
fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join("soffice")).find(|p| p.is_file())
}

/// The real report built as a .docx and converted to PDF by LibreOffice; `None` (and why, on
/// stderr) when LibreOffice is not installed outside CI.
fn word_pdf() -> Option<(Vec<u8>, tempfile::TempDir)> {
    let Some(soffice) = soffice() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("soffice is not installed: CI must install libreoffice-writer-nogui (see .ci/run)");
        }
        // straight to stderr, past the test harness's capture, so that a passing run shows it
        let _ = writeln!(
            std::io::stderr(),
            "docx_libreoffice: skipped, LibreOffice (soffice) is not installed; `apt-get install libreoffice-writer-nogui` runs this test"
        );
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("report.docx");
    let options = BuildOptions {
        output: Some(docx.clone()),
        formats: Formats { pdf: false, docx: true },
        ..BuildOptions::default()
    };
    build(&repo(), &options).unwrap_or_else(|f| panic!("{}", f.render()));
    // a profile of its own: no clash with a LibreOffice already running, nothing left in $HOME
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let pdf = dir.path().join("report.pdf");
    // LibreOffice's first start with a new profile sometimes restarts itself and ends without
    // converting (seen on a loaded machine): a second start, with the profile now made, does it
    for _ in 0..2 {
        let mut child = Command::new(&soffice)
            .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&docx)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // a conversion takes seconds; one that hangs is ended, and the test fails
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(300) {
                let _ = child.kill();
                panic!("LibreOffice did not finish converting the .docx in 5 minutes");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        if pdf.exists() {
            break;
        }
    }
    assert!(pdf.exists(), "LibreOffice made no PDF from the .docx");
    if let Some(keep) = std::env::var_os("BAOCAO_KEEP_WORD_PDF") {
        std::fs::copy(&pdf, keep).unwrap();
    }
    Some((std::fs::read(pdf).unwrap(), dir))
}

/// Words of the printed pages: (body, notes), as tests/fidelity.rs splits the typst layout —
/// notes are the lines of 10.5 pt or less, the page number (the first line from page 2) is left
/// out, a note's number is separated from its first word.
fn words(pages: &[Page]) -> (Vec<String>, Vec<String>) {
    let (mut body, mut notes) = (Vec::new(), Vec::new());
    for (i, page) in pages.iter().enumerate() {
        for (j, line) in page.lines.iter().enumerate() {
            if i > 0 && j == 0 && line.text.parse::<u32>().is_ok() {
                continue;
            }
            if line.size <= 10.5 {
                let text = line.text.trim_start();
                let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
                let rest = text[split..].trim_start();
                if split > 0 && rest.chars().next().is_some_and(char::is_alphabetic) {
                    notes.push(text[..split].to_string());
                    notes.extend(rest.split_whitespace().map(String::from));
                } else {
                    notes.extend(text.split_whitespace().map(String::from));
                }
            } else {
                body.extend(line.text.split_whitespace().map(String::from));
            }
        }
    }
    (body, notes)
}

fn page_text(page: &Page) -> String {
    page.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn libreoffice_prints_the_word_file_with_the_reports_words_notes_header_and_signature() {
    let Some((pdf, _dir)) = word_pdf() else { return };
    let pages = pdf_text::lines(&pdf).unwrap_or_else(|e| panic!("{e:?}"));

    let (body, notes) = words(&pages);
    let (want_body, want_notes) = (fixture_words("body.txt"), fixture_words("notes.txt"));
    let body_recall = recall(&want_body, &body);
    let notes_recall = recall(&want_notes, &notes);
    eprintln!(
        "LibreOffice's print of the .docx: {} pages; word recall body {:.4} ({} words), notes {:.4} ({} words)",
        pages.len(),
        body_recall,
        want_body.len(),
        notes_recall,
        want_notes.len()
    );
    assert!(body_recall >= 0.995, "body word recall {body_recall:.4} < 99.5 %");
    assert!(notes_recall >= 0.995, "footnote word recall {notes_recall:.4} < 99.5 %");

    let printed = pdf_text::document(&pages);
    let numbers: Vec<u32> = printed.notes.iter().map(|n| n.number).collect();
    eprintln!("footnotes printed: {} (numbers {:?}…{:?})", numbers.len(), numbers.first(), numbers.last());
    assert_eq!(numbers, (1..=67).collect::<Vec<u32>>(), "67 distinct footnotes, numbered 1–67 in order");
    let references: Vec<u32> = printed
        .blocks
        .iter()
        .flat_map(|b| &b.words)
        .filter_map(|w| match w.kind {
            WordKind::NoteRef(n) => Some(n),
            WordKind::Text => None,
        })
        .collect();
    assert_eq!(references.iter().filter(|n| **n == 1).count(), 2, "note 1 referenced twice: {references:?}");
    assert_eq!(references.len(), 68, "67 notes, note 1 twice: {references:?}");

    let report = load(&repo()).report;
    let first = page_text(&pages[0]);
    for text in report.authority.iter().chain([
        &report.national_title,
        &report.motto,
        &report.number_line().split_whitespace().collect::<Vec<_>>().join(" "),
        &report.place_date_line().split_whitespace().collect::<Vec<_>>().join(" "),
        &report.document_type,
    ]) {
        assert!(first.contains(text.as_str()), "page 1 lacks «{text}»:\n{first}");
    }
    assert!(!first.lines().next().unwrap_or("").trim().chars().all(|c| c.is_ascii_digit()), "no number on page 1");
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert_eq!(page.lines.first().map(|l| l.text.as_str()), Some((i + 1).to_string().as_str()), "page number");
    }
    let last = page_text(pages.last().unwrap());
    for text in ["Nơi nhận:", &report.signer.name].into_iter().chain(report.signer.titles.iter().map(String::as_str))
    {
        assert!(last.contains(text), "the last page lacks «{text}»:\n{last}");
    }
    for recipient in &report.recipients {
        assert!(last.contains(&format!("- {recipient}")), "the last page lacks «- {recipient}»:\n{last}");
    }
    eprintln!("header and signature block found on pages 1 and {}", pages.len());
}
