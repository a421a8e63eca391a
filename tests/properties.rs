//! Property tests of the Markdown → typst converter: for arbitrary Markdown heavy in ASCII
//! punctuation, typst syntax, hostile Unicode and Markdown structure,
//!
//! - the converter writes no typst syntax but its own (no code from content, checked on the
//!   syntax tree: `common::syntax`),
//! - typst compiles the output,
//! - and the laid-out text is exactly the text pulldown-cmark reads (`common::expected_visible`).
//!
//! Each property runs [`CASES`] cases from a fixed seed, so CI is reproducible (about 10 s in
//! the dev profile); explore further with `PROPTEST_CASES=5000 PROPTEST_RNG_SEED=<n> cargo test
//! --test properties`. A failure prints the smallest Markdown that shows it.

mod common;

use common::syntax::syntax_violations;
use common::{PREAMBLE, compile_typst, expected_visible, visible_text};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngSeed;

/// Cases per property.
const CASES: u32 = 500;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        rng_seed: RngSeed::Fixed(0x00BA_0CA0),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Typst syntax and code that content must never become.
const TYPST: &[&str] = &[
    "#",
    "$",
    "@",
    "<x>",
    "<fn-1>",
    "@fn-1",
    "//",
    "/*",
    "*/",
    "\n= ",
    "= ",
    "\\",
    "`",
    "```",
    "http://",
    "https://a.vn/x?y=1#z",
    "#read(\"/etc/passwd\")",
    "#import \"a.typ\": *",
    "#eval(\"1+1\")",
    "#pdf.attach(\"x\")",
    "#let x = 1",
    "#{1}",
    "#[x]",
    "$x^2$",
    "~",
    "--",
    "---",
    "...",
    "-?",
    "-1",
    "'",
    "\"",
    "\\u{41}",
    "\\ ",
    "];",
    ")",
    "(",
    ".len()",
    "/ term: x",
    "+ ",
    "1. ",
    "#footnote[x]",
    "#set text(red)",
    "#show: none",
];

/// Unicode that breaks naive escaping or layout: combining marks, right-to-left text and
/// controls, emoji sequences, NUL and other control characters, separators, BOM.
const UNICODE: &[&str] = &[
    "\u{301}",
    "\u{323}",
    "ệ",
    "Ạ\u{309}",
    "שלום",
    "مرحبا",
    "\u{200f}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{200d}",
    "👍",
    "👨\u{200d}👩\u{200d}👧",
    "🇻🇳",
    "\u{fe0f}",
    "\0",
    "\u{1}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\t",
    "\u{a0}",
    "\u{3000}",
    "\u{ad}",
    "\u{fffd}",
    "𝔸",
    "\r",
    "\r\n",
];

/// Markdown structure.
const MARKDOWN: &[&str] = &[
    "\n",
    "\n\n",
    "- ",
    "+ ",
    "* ",
    "1. ",
    "2) ",
    "> ",
    "# ",
    "### ",
    "    ",
    "[^1]",
    "[^a]",
    "[^A]",
    "\n[^1]: ",
    "\n\n[^a]: note ",
    "\n\n[^b]: nested[^a] ",
    "*",
    "_",
    "**",
    "__",
    "~~",
    "[x](http://y)",
    "[x]()",
    "[](<>)",
    "[x][r]",
    "\n[r]: /u\n",
    "![alt](img.png)",
    "<http://a.b>",
    "<!-- c -->",
    "<!--",
    "-->",
    "<b>",
    "</b>",
    "<div>\n",
    "|a|b|\n|-|-|\n|c|d|\n",
    "\n---\n",
    "\n***\n",
    "&amp;",
    "&#35;",
    "&nbsp;",
    "\\\n",
    "  \n",
    "```\ncode\n```\n",
    "~~~",
    "\n    code",
    "[",
    "]",
    "[^",
    "{{",
    "}}",
];

/// Every ASCII punctuation character, alone.
fn punctuation() -> Vec<String> {
    (0x21u8..0x7f).map(char::from).filter(char::is_ascii_punctuation).map(String::from).collect()
}

/// One piece of Markdown: a word, a punctuation character, or a fragment from the lists above.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9àáạảãăắằẳẵặâấầẩẫậđèéẹẻẽêềếểễệìíịỉĩòóọỏõôốồổỗộơớờởỡợùúụủũưứừửữự]{1,8}",
        3 => select(punctuation()),
        3 => select(TYPST).prop_map(str::to_string),
        2 => select(UNICODE).prop_map(str::to_string),
        3 => select(MARKDOWN).prop_map(str::to_string),
        2 => Just(" ".to_string()),
    ]
}

/// A section: up to 40 pieces.
fn section() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// Right-to-left letters and bidi controls: with them, the laid-out order of runs is visual.
fn changes_direction(c: char) -> bool {
    matches!(c, '\u{590}'..='\u{8ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{fefe}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn sorted(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars.into_iter().collect()
}

/// Converts, checks the syntax and compiles; `None` when the input is beyond a limit.
fn convert_and_compile(sections: &[&str]) -> Result<Option<typst_layout::PagedDocument>, TestCaseError> {
    let converted = common::convert(sections);
    if converted.exceeded.is_some() {
        return Ok(None);
    }
    let body: String = converted.sections.iter().map(|s| s.typst.as_str()).collect::<Vec<_>>().join("\n");
    let violations = syntax_violations(&body);
    prop_assert!(violations.is_empty(), "content became typst syntax: {violations:?}\nin: {body}");
    let doc = compile_typst(&format!("{PREAMBLE}{body}")).map_err(|e| TestCaseError::fail(format!("typst: {e}")))?;
    Ok(Some(doc))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_markdown_prints_exactly_the_text_pulldown_cmark_reads(md in section()) {
        if let Some(doc) = convert_and_compile(&[&md])? {
            let (mut visible, mut expected) = (visible_text(&doc), expected_visible(&md));
            if md.chars().any(changes_direction) {
                // typst places runs in visual order: compare the characters, not their order
                visible = sorted(&visible);
                expected = sorted(&expected);
            }
            prop_assert_eq!(visible, expected, "Markdown: {:?}", md);
        }
    }

    #[test]
    fn any_sections_with_notes_across_them_compile_to_converter_syntax_only(
        sections in prop::collection::vec(section(), 1..4)
    ) {
        let refs: Vec<&str> = sections.iter().map(String::as_str).collect();
        convert_and_compile(&refs)?;
    }
}
