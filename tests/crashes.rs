//! Inputs that once crashed a command (exit 101), each run through the binary: the command now
//! finishes with its documented exit code and no internal error.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{baocao_within, mini_project};

const LIMIT: Duration = Duration::from_secs(120);

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = baocao_within(args, LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("internal error") && !stderr.contains("panicked"),
        "`baocao {}` crashed:\n{stderr}",
        args.join(" ")
    );
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

fn section(root: &Path, name: &str, text: &str) {
    std::fs::write(root.join("content/sections").join(name), text).unwrap();
}

/// CommonMark 0.31.2 example 626: `<!-->` and `<!--->` are whole comments. `check` looked for
/// the comment's `-->` from its `<!--`, found the `<!-->` itself, and sliced backwards
/// (`begin > end`, src/check/allow.rs).
#[test]
fn an_empty_html_comment_neither_crashes_check_nor_hides_a_directive() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    section(dir.path(), "03-comment.md", "foo <!--> foo -->\n\nfoo <!---> foo -->\n");
    let (code, _, stderr) = run(&["check", "--project", root]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = run(&["build", "--project", root]);
    assert_eq!(code, Some(0), "{stderr}");

    // After `<!-->` the text is printed, not a comment: `baocao-allow:` there is no directive
    // (a directive naming an unknown code would be an `allow-invalid` warning).
    section(
        dir.path(),
        "03-comment.md",
        "foo <!--> baocao-allow: no-such-code -->\n\nfoo <!---> baocao-allow: no-such-code -->\n",
    );
    let (code, _, stderr) = run(&["check", "--project", root]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("allow-invalid"), "{stderr}");
    // the same directive in a real comment is read (and refused)
    section(dir.path(), "03-comment.md", "foo <!-- baocao-allow: no-such-code -->\n");
    let (_, _, stderr) = run(&["check", "--project", root]);
    assert!(stderr.contains("allow-invalid") && stderr.contains("03-comment.md:1:"), "{stderr}");
}

/// A fact whose value is text in exponent form (`"1e-5"`) parses as a float, so `num` took it
/// for digits and subtracted `b'0'` from `-` (overflow, exit 101, src/narrative/filters.rs);
/// `"inf"` and `"NaN"` printed as letters. Such text is now a `fact-format` error at the
/// printing, as any other text; a plain decimal in quotes still prints.
#[test]
fn a_text_value_in_exponent_form_is_a_format_error_not_a_crash() {
    for (value, filter) in
        [("1e-5", "num"), ("1E+5", "num"), ("inf", "pct"), ("NaN", "num"), ("1.2.3", "num"), ("-", "num")]
    {
        let dir = mini_project();
        let root = dir.path().to_str().unwrap();
        let facts = dir.path().join("content/facts/economy.yaml");
        let text = std::fs::read_to_string(&facts).unwrap().replace("value: 51997", &format!("value: \"{value}\""));
        std::fs::write(&facts, text).unwrap();
        section(
            dir.path(),
            "02-ket-thuc.md",
            &format!("Thu nội địa đạt {{{{ economy.domestic_revenue_2023 | {filter} }}}} tỷ đồng.\n"),
        );
        for command in ["build", "check"] {
            let (code, _, stderr) = run(&[command, "--project", root]);
            assert_eq!(code, Some(1), "{value}: {stderr}");
            assert!(
                stderr.contains("fact-format")
                    && stderr.contains(&format!("cannot format the text `{value}` as a number")),
                "{stderr}"
            );
            assert!(stderr.contains("content/sections/02-ket-thuc.md:1:"), "{stderr}");
        }
    }
    let dir = mini_project();
    let facts = dir.path().join("content/facts/economy.yaml");
    let text = std::fs::read_to_string(&facts).unwrap().replace("value: 51997", "value: \" -.5 \"");
    std::fs::write(&facts, text).unwrap();
    let (code, _, stderr) = run(&["build", "--project", dir.path().to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let typ = std::fs::read_to_string(dir.path().join("build-output/report.typ")).unwrap();
    assert!(typ.contains("Thu nội địa đạt \\-0\\,5"), "{typ}");
}

/// `"` closed by `”` (a three-byte character): the `typo-unbalanced` finding covered one byte of
/// it, and placing it in the file sliced inside the character (exit 101, src/check/typography.rs).
#[test]
fn a_straight_quote_closed_by_a_curly_one_is_a_warning_not_a_crash() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    section(dir.path(), "00-dau.md", "\".y”\n");
    for command in ["check", "build"] {
        let (code, _, stderr) = run(&[command, "--project", root]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(
            stderr.contains("`\"` is closed by `”`") && stderr.contains("content/sections/00-dau.md:1:4"),
            "{stderr}"
        );
    }
}

/// An unclosed `{%` whose text ends in a multi-byte character: the tag's inside was taken to end
/// two bytes before the end of the text, inside `è` (exit 101, src/check/document.rs).
#[test]
fn an_unclosed_tag_before_a_multibyte_character_is_an_error_not_a_crash() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    section(dir.path(), "00-dau.md", "{%è0");
    for command in ["check", "build"] {
        let (code, _, stderr) = run(&[command, "--project", root]);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains("is not available in sections") && stderr.contains("content/sections/00-dau.md:1:"),
            "{stderr}"
        );
    }
}

/// An unclosed `{#` comment is a syntax error at the comment, in `build` and in `check` alike.
/// tera says "Closing comment tag `#}` not found": the build read "not found" as an undefined
/// fact named `` (src/narrative), and `check` skipped comments, so it passed what the build
/// refused (src/check/document.rs).
#[test]
fn an_unclosed_comment_is_a_syntax_error_at_the_comment() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    for (text, at) in [("a {# b\n", "00-dau.md:1:3"), ("{#}", "00-dau.md:1:1")] {
        section(dir.path(), "00-dau.md", text);
        for command in ["build", "check"] {
            let (code, _, stderr) = run(&[command, "--project", root]);
            assert_eq!(code, Some(1), "{command} {text:?}: {stderr}");
            assert!(stderr.contains("fact-syntax") && stderr.contains("Closing comment tag"), "{stderr}");
            assert!(
                stderr.contains(&format!("content/sections/{at}")) && !stderr.contains("undefined fact"),
                "{stderr}"
            );
        }
    }
    // a closed comment is no error
    section(dir.path(), "00-dau.md", "a {##} b {# c #}\n");
    let (code, _, stderr) = run(&["check", "--project", root]);
    assert_eq!(code, Some(0), "{stderr}");
}

/// A token after a whitespace character of more than one byte (U+0085 NEXT LINE, U+3000): the
/// token was taken to start one byte after the space, inside it (exit 101, src/check/typography.rs).
#[test]
fn a_multibyte_space_before_a_glued_full_stop_is_a_warning_not_a_crash() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    for text in ["\u{85}.ẹ\n", "a\u{3000}b.ẹ\n"] {
        section(dir.path(), "00-dau.md", text);
        let (code, _, stderr) = run(&["check", "--project", root]);
        assert_eq!(code, Some(0), "{text:?}: {stderr}");
        assert!(stderr.contains("typo-no-space-after") && stderr.contains("content/sections/00-dau.md:1:"), "{stderr}");
    }
}

/// A character the fonts lack inside code (a fenced block, a code span) passed `check`, then
/// stopped the build at PDF export with a message naming no file (src/check/glyphs.rs read the
/// blocks' text only, which leaves code out).
#[test]
fn a_missing_glyph_in_code_is_found_by_check_at_its_place() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    for (text, at) in
        [("```\n漢\n```\n", "00-dau.md:2:1"), ("Mã `a漢` đây.\n", "00-dau.md:1:6"), ("```\nx\n漢", "00-dau.md:3:1")]
    {
        section(dir.path(), "00-dau.md", text);
        for command in ["check", "build"] {
            let (code, _, stderr) = run(&[command, "--project", root]);
            assert_eq!(code, Some(1), "{command} {text:?}: {stderr}");
            assert!(
                stderr.contains("glyph-missing") && stderr.contains(&format!("content/sections/{at}")),
                "{text:?}: {stderr}"
            );
        }
    }
}

/// Hebrew text stops typst's PDF export with a panic (krilla 0.8.2, text/group.rs: a glyph's
/// text range runs backwards, with the template's `kerning: false`). The panic is caught (exit
/// 1); the error now names the section that holds the text it quotes (src/build.rs).
#[test]
fn a_panic_in_pdf_export_names_the_section_holding_the_text() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    std::fs::write(dir.path().join("content/sections/00-dau.md"), "Chào שלום.\n").unwrap();
    let out = common::baocao_within(&["build", "--project", root], LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("typst stopped with an internal error while writing the PDF"), "{stderr}");
    assert!(stderr.contains("content/sections/00-dau.md:1:6"), "{stderr}");
}

/// A panic caught inside typst (Hebrew text, krilla) while `check` finds an error: the build
/// reports check's error, and no longer prints the caught panic as an `internal error` line
/// (src/main.rs prints panics only when one ends the program).
#[test]
fn a_panic_caught_in_typst_prints_no_internal_error_line() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    std::fs::write(dir.path().join("content/sections/00-dau.md"), "שלום漢\n").unwrap();
    let out = common::baocao_within(&["build", "--project", root], LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("glyph-missing") && stderr.contains("content/sections/00-dau.md:1:5"), "{stderr}");
    assert!(!stderr.contains("internal error") && !stderr.contains("begin > end"), "{stderr}");
}
