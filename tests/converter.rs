//! The Markdown → typst converter, checked on what typst really lays out: every ASCII
//! punctuation character prints as itself (alone, at a line start, doubled, right after a
//! footnote), and footnotes are numbered by first reference, repeated and nested.

mod common;

use common::{compile_markdown, expected_visible, visible_text};

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
    for md in [
        "#read(\"/etc/passwd\")",
        "$x^2$",
        "@ref <label>",
        "// not a comment",
        "/* no */",
        "= no heading",
        "http://example.org",
        "\\u{41}",
        "a~b -- c --- d ... e -? f",
    ] {
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

#[test]
fn nested_lists_and_second_paragraphs_of_an_item_keep_their_text() {
    // each item is a typst paragraph; typst drops a paragraph inside a paragraph with its text,
    // so `* - x` lost `-` and every nested item lost its text
    assert_prints_as_pulldown_reads("* - ");
    assert_prints_as_pulldown_reads("- a\n  - b\n    - c\n- d\n");
    assert_prints_as_pulldown_reads("1. một\n\n   đoạn hai\n\n   > trích\n\n2. hai\n");
    let doc = compile_markdown(&["- a\n  - b\n"]).unwrap();
    assert_eq!(visible_text(&doc), "-a-b");
}

#[test]
fn a_combining_mark_typst_sets_apart_is_read_once() {
    for md in ["F\u{301}", "ớF\u{301}", "\u{202e}F\u{301}a"] {
        let doc = compile_markdown(&[md]).unwrap();
        let mut chars: Vec<char> = visible_text(&doc).chars().collect();
        chars.sort_unstable();
        let mut expected: Vec<char> = md.chars().filter(|c| *c != '\u{202e}').collect();
        expected.sort_unstable();
        assert_eq!(chars, expected, "{md:?}");
    }
}

#[test]
fn line_and_paragraph_separators_print_as_spaces() {
    // `\u{2028}` as an escape, after a right-to-left override and mark, before a combining mark,
    // set off a debug assertion in typst's shaping (a panic in dev builds)
    assert_prints_as_pulldown_reads("\u{202e}\u{200f}\u{2028}\u{301}A");
    assert_prints_as_pulldown_reads("a\u{2028}b\u{2029}c\u{85}d");
}

#[test]
fn a_link_without_url_prints_its_text() {
    // `#link("")` is a typst error ("URL must not be empty"): CommonMark spec examples 200, 485–487, 567
    assert_prints_as_pulldown_reads("[foo]() and [link](<>) and [](<>)");
}
