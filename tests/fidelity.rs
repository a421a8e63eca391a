//! The built report against the original (tests/fixtures/original, split into body and notes by
//! split.py): the original's words appear in order, body and footnotes each, and the 67
//! footnotes are all there, numbered in order, note 1 printed twice in the text.

mod common;

use baocao::build::typeset;
use baocao::typeset::text::page_lines;
use common::{fixture_words, load, recall, repo};

/// Words of the laid-out report: (body, notes). Page numbers are left out; a note's number is
/// separated from its first word, as in the fixture.
fn our_words(doc: &typst_layout::PagedDocument) -> (Vec<String>, Vec<String>) {
    let (mut body, mut notes) = (Vec::new(), Vec::new());
    for (i, lines) in page_lines(doc).into_iter().enumerate() {
        for (j, line) in lines.iter().enumerate() {
            if i > 0 && j == 0 && line.text.parse::<u32>().is_ok() {
                continue; // page number
            }
            if line.size <= 10.5 {
                let text = line.text.trim_start();
                let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
                let first = text[split..].chars().next();
                if split > 0 && first.is_some_and(char::is_alphabetic) {
                    notes.push(text[..split].to_string());
                    notes.extend(text[split..].split_whitespace().map(String::from));
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

#[test]
fn the_report_holds_the_originals_words_in_order() {
    let project = load(&repo());
    let result =
        typeset(&project, std::path::Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render()));
    let (body, notes) = our_words(&result.document);
    let (want_body, want_notes) = (fixture_words("body.txt"), fixture_words("notes.txt"));
    let body_recall = recall(&want_body, &body);
    let notes_recall = recall(&want_notes, &notes);
    let total = (body_recall * want_body.len() as f64 + notes_recall * want_notes.len() as f64)
        / (want_body.len() + want_notes.len()) as f64;
    eprintln!("word recall: body {:.4}, notes {:.4}, all {:.4}", body_recall, notes_recall, total);
    assert!(body_recall >= 0.995, "body word recall {body_recall:.4} < 99.5 %");
    assert!(notes_recall >= 0.995, "footnote word recall {notes_recall:.4} < 99.5 %");
}

#[test]
fn all_67_footnotes_are_printed_in_order_and_note_1_twice() {
    let project = load(&repo());
    let result =
        typeset(&project, std::path::Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render()));
    let runs = baocao::typeset::text::page_runs(&result.document);
    let numbers = |max: f64, min: f64| -> Vec<u32> {
        runs.iter()
            .flat_map(|page| {
                let mut page: Vec<_> = page
                    .iter()
                    .filter(|r| {
                        r.size < max
                            && r.size >= min
                            && !r.text.is_empty()
                            && r.text.chars().all(|c| c.is_ascii_digit())
                    })
                    .collect();
                page.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
                page.into_iter().map(|r| r.text.parse::<u32>().unwrap()).collect::<Vec<_>>()
            })
            .collect()
    };
    let entries = numbers(7.5, 0.0);
    let references = numbers(9.5, 7.5);
    assert_eq!(entries, (1..=67).collect::<Vec<u32>>(), "67 note entries, numbered 1–67 in page order");
    let mut distinct = references.clone();
    distinct.dedup();
    assert_eq!(references.iter().filter(|n| **n == 1).count(), 2, "note 1 is referenced twice, printed 1 both times");
    let mut seen = Vec::new();
    for n in &references {
        if !seen.contains(n) {
            seen.push(*n);
        }
    }
    assert_eq!(seen, (1..=67).collect::<Vec<u32>>(), "first references run 1–67 in reading order");
}
