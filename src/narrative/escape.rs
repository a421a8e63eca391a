//! Escaping of the values tera prints into a section's Markdown, so that a fact is always text.

/// Escapes a value printed by tera into Markdown: a backslash before ASCII punctuation (every
/// one is escapable in CommonMark) and line ends as spaces, so a fact's text stays one run of text.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escape_keeps_values_as_text() {
        assert_eq!(markdown("8,58%"), "8\\,58\\%");
        assert_eq!(markdown("*a* [^1]"), "\\*a\\* \\[\\^1\\]");
    }
}
