//! The Markdown → typst converter, checked on what typst really lays out: every ASCII
//! punctuation character prints as itself (alone, at a line start, doubled, right after a
//! footnote), and footnotes are numbered by first reference, repeated and nested.

mod common;

use common::{compile_markdown, visible_text};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The characters pulldown-cmark reports as text for `md`, in the order a reader sees them:
/// body text with note numbers, then the notes (number + text). Whitespace removed.
fn expected_visible(md: &str) -> String {
    let mut body = String::new();
    let mut notes: Vec<(String, String)> = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let mut in_def: Option<String> = None;
    for (event, range) in Parser::new_ext(md, baocao::narrative::markdown::parser_options()).into_offset_iter() {
        let target = match &in_def {
            Some(label) => &mut notes.iter_mut().find(|(l, _)| l == label).unwrap().1,
            None => &mut body,
        };
        match event {
            Event::Text(t) | Event::Code(t) => target.push_str(&t),
            // HTML is printed as text by baocao (comments are dropped)
            Event::Html(t) | Event::InlineHtml(t) if !t.starts_with("<!--") => target.push_str(&t),
            Event::Start(Tag::Item) => {
                let rest = md[range.start..].trim_start();
                target.push(rest.chars().next().unwrap());
            }
            Event::FootnoteReference(l) => {
                if !order.contains(&l.to_string()) {
                    order.push(l.to_string());
                }
                let n = order.iter().position(|x| *x == *l).unwrap() + 1;
                target.push_str(&n.to_string());
            }
            Event::Start(Tag::FootnoteDefinition(l)) => {
                notes.push((l.to_string(), String::new()));
                in_def = Some(l.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => in_def = None,
            _ => {}
        }
    }
    for (n, label) in order.iter().enumerate() {
        let text = &notes.iter().find(|(l, _)| l == label).unwrap().1;
        body.push_str(&format!("{}{}", n + 1, text));
    }
    body.split_whitespace().collect()
}

fn assert_prints_as_pulldown_reads(md: &str) {
    let doc = compile_markdown(&[md]).unwrap_or_else(|e| panic!("typst rejected the output for {md:?}: {e}"));
    assert_eq!(visible_text(&doc), expected_visible(md), "Markdown: {md:?}");
}

fn punctuation() -> impl Iterator<Item = char> {
    (0x21u8..0x7f).map(char::from).filter(char::is_ascii_punctuation)
}

#[test]
fn every_ascii_punctuation_alone_prints_as_itself() {
    for c in punctuation() {
        assert_prints_as_pulldown_reads(&format!("a {c} b"));
        assert_prints_as_pulldown_reads(&format!("{c}"));
    }
}

#[test]
fn every_ascii_punctuation_at_line_start_prints_as_itself() {
    for c in punctuation() {
        assert_prints_as_pulldown_reads(&format!("{c}text after"));
        assert_prints_as_pulldown_reads(&format!("{c} text after"));
        assert_prints_as_pulldown_reads(&format!("first line\n{c} second line"));
    }
}

#[test]
fn every_ascii_punctuation_doubled_prints_as_itself() {
    for c in punctuation() {
        assert_prints_as_pulldown_reads(&format!("a {c}{c} b {c}{c}c"));
    }
}

#[test]
fn every_ascii_punctuation_right_after_a_footnote_prints_as_itself() {
    // `…trọng[^21].Đặc` breaks pandoc 3.9's typst output
    assert_prints_as_pulldown_reads("quan trọng[^21].Đặc biệt\n\n[^21]: Ghi chú.\n");
    for c in punctuation() {
        assert_prints_as_pulldown_reads(&format!("x[^1]{c}y z[^1]{c}{c}\n\n[^1]: note {c}\n"));
    }
}

#[test]
fn typst_syntax_in_text_prints_literally() {
    for md in ["#read(\"/etc/passwd\")", "$x^2$", "@ref <label>", "// not a comment", "/* no */", "= no heading", "http://example.org", "\\u{41}", "a~b -- c --- d ... e -? f"] {
        assert_prints_as_pulldown_reads(md);
    }
}

#[test]
fn a_repeated_note_prints_the_same_number_and_adds_no_entry() {
    let md = "A[^a] B[^b] C[^a].\n\n[^a]: Một.\n\n[^b]: Hai.\n";
    let doc = compile_markdown(&[md]).unwrap();
    assert_eq!(visible_text(&doc), "A1B2C1.1Một.2Hai.");
}

#[test]
fn a_note_inside_a_note_is_numbered_after_its_parent() {
    let md = "A[^p] B[^q].\n\n[^p]: Cha[^n].\n\n[^n]: Con.\n\n[^q]: Sau.\n";
    let doc = compile_markdown(&[md]).unwrap();
    assert_eq!(visible_text(&doc), "A1B3.1Cha2.2Con.3Sau.");
}

#[test]
fn a_note_defined_in_one_section_is_reused_from_another() {
    let doc = compile_markdown(&["A[^1].\n\n[^1]: Một.\n", "B[^1]."]).unwrap();
    assert_eq!(visible_text(&doc), "A1.B1.1Một.");
}
