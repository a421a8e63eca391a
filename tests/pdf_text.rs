//! `pdf_text` on PDFs made by others: LibreOffice's print of a .docx with Word footnotes
//! (tests/fixtures/pdf, made by make.sh), the report as baocao builds it, and broken input.

mod common;

use baocao::build::{BuildOptions, build};
use baocao::pdf_text::{self, BlockKind, PdfTextError, PrintedDocument, PrintedWord, WordKind, words_text};
use common::repo;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures/pdf").join(name)).unwrap()
}

fn read(name: &str) -> PrintedDocument {
    pdf_text::document(&pdf_text::lines(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}")))
}

/// The paragraphs and notes of a fixture's Markdown, as printed: headings without their `#`,
/// note references as their numbers, straight quotes curled (pandoc's smart quotes).
fn markdown_texts(name: &str) -> (Vec<String>, Vec<String>) {
    let md = std::fs::read_to_string(repo().join("tests/fixtures/pdf").join(name)).unwrap();
    let (mut blocks, mut notes) = (Vec::new(), Vec::new());
    for para in md.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let mut text = para.trim_start_matches('#').trim().replace("\\)", ")");
        let mut open = true;
        while let Some(i) = text.find('"') {
            text.replace_range(i..i + 1, if open { "“" } else { "”" });
            open = !open;
        }
        for n in 1..=9 {
            text = text.replace(&format!("[^{n}]"), &n.to_string());
        }
        match text.strip_prefix(|c: char| c.is_ascii_digit()).and_then(|t| t.strip_prefix(": ")) {
            Some(note) => notes.push(note.to_string()),
            None => blocks.push(text),
        }
    }
    (blocks, notes)
}

#[test]
fn a_libreoffice_pdf_of_a_word_document_reads_back_as_its_markdown() {
    let doc = read("word.pdf");
    let (blocks, notes) = markdown_texts("extract.md");
    let printed: Vec<String> = doc.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(printed, blocks, "every heading and paragraph, word for word, page number and notes left out");
    let printed: Vec<String> = doc.notes.iter().map(|n| n.text()).collect();
    assert_eq!(printed, notes);
    assert_eq!(doc.notes.iter().map(|n| n.number).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    use BlockKind::*;
    assert_eq!(
        kinds,
        [
            Heading { level: 1 },
            Heading { level: 2 },
            Heading { level: 3 },
            Paragraph,
            Heading { level: 6 },
            Paragraph,
            Heading { level: 4 },
            Paragraph,
            Paragraph,
            Heading { level: 4 },
            Paragraph
        ]
    );
}

#[test]
fn note_references_line_end_hyphens_and_page_breaks() {
    let doc = read("word.pdf");
    let refs: Vec<u32> = doc
        .blocks
        .iter()
        .flat_map(|b| &b.words)
        .filter_map(|w| match w.kind {
            WordKind::NoteRef(n) => Some(n),
            WordKind::Text => None,
        })
        .collect();
    assert_eq!(refs, [1, 2, 3, 4, 5], "each superscript number is a reference to its note");
    let words: Vec<&PrintedWord> = doc.blocks.iter().flat_map(|b| &b.words).collect();
    let find = |text: &str| *words.iter().find(|w| w.text == text).unwrap_or_else(|| panic!("no word `{text}`"));
    // "2021-" ends a line and "2025;" starts the next: one word, hyphen kept
    let range = find("2021-2025;");
    assert_eq!((range.page, range.line), (1, 10), "a word broken over two lines is where it starts");
    assert!(words.iter().all(|w| !w.text.ends_with('-') || w.text == "-"), "no word ends in a line-end hyphen");
    // the paragraph of 1.2. runs from page 1 on to page 2 (past the notes and the page number)
    let paragraph = &doc.blocks[7];
    assert_eq!((paragraph.words[0].page, paragraph.words[0].line), (1, 24));
    let last = paragraph.words.last().unwrap();
    assert_eq!((last.page, last.line, last.kind), (2, 4, WordKind::Text), "{last:?}");
    let note = paragraph.words.iter().find(|w| w.kind == WordKind::NoteRef(5)).unwrap();
    assert!(!note.space_before, "the reference is glued to its word");
    assert!(paragraph.text().ends_with("hạ tầng kỹ thuật5."), "{}", paragraph.text());
    // the page number "2" (top of page 2) is not text; page 2's first line of text is line 1
    assert!(doc.blocks.iter().all(|b| b.text() != "2"));
    assert_eq!((find("4.508").page, find("4.508").line), (2, 1));
    // notes count lines as the page does: note 5 is on page 2 below 20 lines of body text
    assert_eq!((doc.notes[4].words[0].page, doc.notes[4].words[0].line), (2, 20));
}

/// The words of every block, and of every note, with where they are.
fn all_words(doc: &PrintedDocument) -> Vec<&PrintedWord> {
    doc.blocks.iter().flat_map(|b| &b.words).chain(doc.notes.iter().flat_map(|n| &n.words)).collect()
}

#[test]
fn the_known_edits_of_the_second_version_are_all_that_differs() {
    let (old, new) = (read("word.pdf"), read("word-edited.pdf"));
    let key = |w: &&PrintedWord| (w.text.clone(), w.kind);
    let (old_words, new_words) = (all_words(&old), all_words(&new));
    let (a, b): (Vec<_>, Vec<_>) = (old_words.iter().map(key).collect(), new_words.iter().map(key).collect());
    let changes: Vec<(String, String, usize, usize)> = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b)
        .into_iter()
        .filter(|op| !matches!(op, similar::DiffOp::Equal { .. }))
        .map(|op| {
            let (o, n) = (op.old_range(), op.new_range());
            let at = old_words[o.start];
            let old_text: Vec<PrintedWord> = old_words[o].iter().map(|w| (*w).clone()).collect();
            let new_text: Vec<PrintedWord> = new_words[n].iter().map(|w| (*w).clone()).collect();
            (words_text(&old_text), words_text(&new_text), at.page, at.line)
        })
        .collect();
    assert_eq!(changes.len(), 3, "{changes:#?}");
    assert_eq!(changes[0], ("11,56%/năm".to_string(), "11,65%/năm".to_string(), 1, 26), "the figure changed");
    // the sentence removed (Myers may align it one word on, "Tổng" starting the next sentence too)
    let mut removed: Vec<&str> = changes[1].0.split(' ').collect();
    let mut sentence: Vec<&str> =
        "Tổng mức bán lẻ hàng hóa và dịch vụ tiêu dùng xã hội ước tăng 11,4%/năm (mục tiêu tăng 10%/năm)."
            .split(' ')
            .collect();
    removed.sort();
    sentence.sort();
    assert_eq!((removed, changes[1].1.as_str(), changes[1].2), (sentence, "", 2), "{:?}", changes[1]);
    assert_eq!(changes[2], ("dầu.".to_string(), "dầu và khí đốt.".to_string(), 1, 44), "note 4's text changed");
}

/// Words as a reader compares them: a number range broken over two lines in the original's
/// text layer ("2021-" / "2026,") is one word, as printed.
fn words_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        match out.last_mut() {
            Some(last)
                if last.ends_with('-')
                    && last.len() > 1
                    && last[..last.len() - 1].ends_with(|c: char| c.is_ascii_digit()) =>
            {
                last.push_str(w)
            }
            _ => out.push(w.to_string()),
        }
    }
    out
}

/// Share of `original`'s words found, in order, in `ours`; prints the differences.
fn recall(original: &[String], ours: &[String]) -> f64 {
    let diff = similar::capture_diff_slices(similar::Algorithm::Myers, original, ours);
    for op in diff.iter().filter(|op| !matches!(op, similar::DiffOp::Equal { .. })) {
        let (o, n) = (op.old_range(), op.new_range());
        eprintln!("  original «{}» ≠ ours «{}»", original[o].join(" "), ours[n].join(" "));
    }
    let matched: usize = diff
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { len, .. } => Some(*len),
            _ => None,
        })
        .sum();
    matched as f64 / original.len() as f64
}

fn is_format_character(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{a0}')
        || (c.is_control())
}

#[test]
fn the_report_built_by_baocao_reads_back_with_all_its_notes_and_words() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("report.pdf");
    build(&repo(), &BuildOptions { output: Some(output.clone()), ..BuildOptions::default() })
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let bytes = std::fs::read(&output).unwrap();
    let started = std::time::Instant::now();
    let pages = pdf_text::lines(&bytes).unwrap();
    let doc = pdf_text::document(&pages);
    eprintln!("{} pages read in {:?} (test profile)", pages.len(), started.elapsed());

    let numbers: Vec<u32> = doc.notes.iter().map(|n| n.number).collect();
    assert_eq!(numbers, (1..=67).collect::<Vec<u32>>(), "67 notes, numbered 1–67 in order");
    let refs: Vec<u32> = doc
        .blocks
        .iter()
        .flat_map(|b| &b.words)
        .filter_map(|w| if let WordKind::NoteRef(n) = w.kind { Some(n) } else { None })
        .collect();
    assert_eq!(refs.iter().filter(|n| **n == 1).count(), 2, "note 1 is referenced twice");
    let mut first_seen: Vec<u32> = Vec::new();
    for n in refs {
        if !first_seen.contains(&n) {
            first_seen.push(n);
        }
    }
    assert_eq!(first_seen, (1..=67).collect::<Vec<u32>>(), "every note is referenced, first in order");

    for line in pages.iter().flat_map(|p| &p.lines) {
        assert!(!line.text.contains('\u{fffd}'), "unmapped glyph in {:?}", line.text);
        assert!(!line.text.chars().any(is_format_character), "format character in {:?}", line.text);
    }
    for w in all_words(&doc) {
        assert!(!w.text.is_empty() && !w.text.contains(char::is_whitespace), "{w:?}");
        assert!(!w.text.chars().any(|c| c == '\u{fffd}' || is_format_character(c)), "{w:?}");
    }

    let body: Vec<String> = doc.blocks.iter().flat_map(|b| words_of(&b.text())).collect();
    let notes: Vec<String> = doc.notes.iter().flat_map(|n| words_of(&format!("{} {}", n.number, n.text()))).collect();
    let fixture =
        |name: &str| words_of(&std::fs::read_to_string(repo().join("tests/fixtures/original").join(name)).unwrap());
    let (want_body, want_notes) = (fixture("body.txt"), fixture("notes.txt"));
    // as a check on the normalisation: the same without joining line-end "2021-" on either side
    let raw = |text: &str| text.split_whitespace().map(String::from).collect::<Vec<_>>();
    let raw_body: Vec<String> = doc.blocks.iter().flat_map(|b| raw(&b.text())).collect();
    let raw_want = raw(&std::fs::read_to_string(repo().join("tests/fixtures/original/body.txt")).unwrap());
    eprintln!("(raw body word recall, no joining: {:.4})", recall(&raw_want, &raw_body));
    let body_recall = recall(&want_body, &body);
    let notes_recall = recall(&want_notes, &notes);
    eprintln!(
        "word recall against the original: body {body_recall:.4} ({} words), notes {notes_recall:.4} ({} words)",
        want_body.len(),
        want_notes.len()
    );
    assert!(body_recall >= 0.99, "body word recall {body_recall:.4} < 99 %");
    assert!(notes_recall >= 0.99, "footnote word recall {notes_recall:.4} < 99 %");
}

#[test]
fn a_pdf_encrypted_with_restrictions_only_opens_without_a_password() {
    assert_eq!(read("restricted.pdf"), read("word.pdf"));
}

#[test]
fn broken_input_is_an_error_never_a_panic() {
    assert_eq!(pdf_text::lines(b""), Err(PdfTextError::NotAPdf));
    // random bytes (a fixed xorshift sequence), with and without a PDF header
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let random: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    assert_eq!(pdf_text::lines(&random), Err(PdfTextError::NotAPdf));
    let mut headed = b"%PDF-1.7\n".to_vec();
    headed.extend(&random);
    headed.extend(b"\n%%EOF\n");
    assert!(matches!(pdf_text::lines(&headed), Err(PdfTextError::Damaged(_))), "{:?}", pdf_text::lines(&headed).err());
    // cut short, as a stopped download is
    let word = fixture("word.pdf");
    for cut in [word.len() / 3, word.len() / 2, word.len() - 10] {
        assert!(matches!(pdf_text::lines(&word[..cut]), Err(PdfTextError::Damaged(_))), "cut at {cut}");
    }
    assert_eq!(pdf_text::lines(&fixture("encrypted.pdf")), Err(PdfTextError::Encrypted));
    assert_eq!(pdf_text::lines(&fixture("image-only.pdf")), Err(PdfTextError::NoText));
    assert_eq!(pdf_text::lines(&fixture("extract.md")), Err(PdfTextError::NotAPdf));
}

#[test]
fn damaged_bytes_anywhere_in_a_pdf_never_panic() {
    let word = fixture("word.pdf");
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut read, mut refused) = (0, 0);
    for _ in 0..150 {
        let mut bytes = word.clone();
        for _ in 0..1 + next() % 8 {
            let at = (next() % bytes.len() as u64) as usize;
            bytes[at] = next() as u8;
        }
        match pdf_text::lines(&bytes) {
            Ok(pages) => {
                read += 1;
                pdf_text::document(&pages);
            }
            Err(_) => refused += 1,
        }
    }
    eprintln!("150 damaged copies: {read} read, {refused} refused, none panicked");
}

/// The invisible characters a copy out of a PDF must never hold (unless the report itself does).
const INVISIBLE: [char; 7] = ['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{ad}', '\u{feff}', '\u{a0}'];

#[test]
fn the_pdf_text_layer_is_the_reports_text_with_no_hidden_character() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("report.pdf");
    build(&repo(), &BuildOptions { output: Some(output.clone()), ..BuildOptions::default() })
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let bytes = std::fs::read(&output).unwrap();
    // the text each glyph maps to, uncleaned: what copying out of the PDF gives
    let raw = pdf_text::raw_text(&bytes).unwrap();
    // (the real report writes one no-break space itself, as `&nbsp;` in note 2)
    let sources: String = std::fs::read_dir(repo().join("content/sections"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap().replace("&nbsp;", "\u{a0}"))
        .collect();
    for c in INVISIBLE.iter().filter(|c| !sources.contains(**c)) {
        let at = raw.find(*c).map(|i| raw[i.saturating_sub(30)..].chars().take(40).collect::<String>());
        assert!(at.is_none(), "U+{:04X} in the PDF's text: {at:?}", *c as u32);
    }
    for wanted in ["24/2014/NĐ-CP", "2021-2026", "8,05%/năm", "30/NQ-TW"] {
        assert!(raw.contains(wanted), "`{wanted}` is not in the PDF's text as written");
    }
    // the same through poppler's pdftotext, the tool auditors use, where installed
    match std::process::Command::new("pdftotext").arg(&output).arg("-").output() {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                !text.contains(['\u{200b}', '\u{2060}', '\u{feff}', '\u{ad}']),
                "pdftotext finds a hidden character"
            );
            for wanted in ["24/2014/NĐ-CP", "8,05%/năm", "30/NQ-TW"] {
                assert!(text.contains(wanted), "pdftotext does not find `{wanted}`");
            }
        }
        Err(_) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("pdftotext is not installed (poppler-utils)")
        }
        Err(_) => eprintln!("pdftotext not installed: the poppler half of this test is skipped"),
    }
}
