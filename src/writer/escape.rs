//! Escaping for typst, so that no content can become code: text for typst markup, and text for
//! typst string literals. Used by the typst writer, the layout template and the redline.

use std::fmt::Write as _;

/// Escapes text for typst *markup*: a backslash before every ASCII punctuation character
/// (`\X` is a valid escape for any non-space X in typst) and line ends (also U+2028, U+2029 and
/// U+0085, which typst reads as line ends in source) turned into spaces. Other control
/// characters (NUL, ESC… pasted from elsewhere) print nothing and no font has a glyph for them
/// (PDF/A refuses such text): they are dropped. The result always reads as literal text.
pub fn typst_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_typst_markup(&mut out, text);
    out
}

/// Like [`typst_markup`], appending to `out`. A run of several spaces is kept as written (typst
/// markup would collapse it to one): the extra spaces go into a string literal.
pub fn push_typst_markup(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' && chars.peek() == Some(&' ') {
            let mut run = String::from(" ");
            while chars.peek() == Some(&' ') {
                chars.next();
                run.push(' ');
            }
            let _ = write!(out, "#\"{run}\"");
            continue;
        }
        match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Characters typst would otherwise take as source structure (line and paragraph separators).
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// A typst string literal (with quotes) holding `text` exactly, except control characters other
/// than tab and line ends, which are dropped (see [`push_typst_markup`]).
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c if is_invisible_format(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ascii_punctuation_is_escaped_in_markup() {
        for c in (0x21u8..0x7f).map(char::from).filter(char::is_ascii_punctuation) {
            assert_eq!(typst_markup(&c.to_string()), format!("\\{c}"));
        }
        assert_eq!(typst_markup("a\nb"), "a b");
        assert_eq!(typst_markup("a\u{1}b\u{1b}c\u{0}"), "abc", "control characters print nothing: dropped");
        assert_eq!(typst_markup("a\u{2028}b\u{2029}c\u{85}d"), "a b c d");
        assert_eq!(typst_markup("Hải Dương"), "Hải Dương");
        assert_eq!(typst_markup("Kế  hoạch"), "Kế#\"  \"hoạch");
    }

    #[test]
    fn string_literals_keep_quotes_and_backslashes() {
        assert_eq!(typst_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(typst_string("x\ny"), r#""x\ny""#);
    }
}
