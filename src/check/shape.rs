//! Shape: Markdown that silently prints otherwise than the clerk meant.
//!
//! - `list-marker-joined`: a line starting with a list marker (`- `, `+ `, `* `, `2. `, `1) `)
//!   inside a paragraph or item, after its first line: Markdown took it as the same paragraph
//!   (indented 4 spaces or more, or a numbered line that cannot start a list there), so two items
//!   print as one line.
//! - `code-block`: a code block (a paragraph indented by a Tab or 4 spaces, a Word habit, or text
//!   between ```` ``` ```` lines): it prints as small unindented text, and a report holds no code.
//!
//! - `tab-absorbed`: a Tab-indented paragraph after a footnote's definition (a Word habit at the
//!   end of a section, where the notes are) or after a list item: Markdown made it the note's or
//!   the item's next paragraph, so it prints at the page's foot, or indented as part of the item.
//!   Four spaces are Markdown's way to write a note or item of several paragraphs on purpose (the
//!   real report does, in its list of targets), so only a Tab is taken as a mistake.
//!
//! They read the model's blocks and their place in the section's rendered text.

use super::Input;
use crate::diagnostics::{Code, Diagnostic};
use crate::document::{Block, BlockKind, Inline, SourceMap};
use crate::t;

/// Adds the shape findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let sections = &input.document.sections;
    for section in sections {
        blocks(&section.blocks, &section.source, out);
    }
    for note in &input.document.notes {
        if let Some(section) = sections.get(note.section) {
            blocks(&note.blocks, &section.source, out);
            absorbed(note.blocks.get(1..).unwrap_or_default(), &section.source, Some(&note.label), out);
        }
    }
}

fn blocks(list: &[Block], map: &SourceMap, out: &mut Vec<Diagnostic>) {
    for block in list {
        match &block.kind {
            BlockKind::Paragraph { content, .. } => inlines(content, map, out),
            BlockKind::Item { content, blocks: inner, .. } => {
                inlines(content, map, out);
                blocks(inner, map, out);
                absorbed(inner, map, None, out);
            }
            BlockKind::Quote(inner) => blocks(inner, map, out),
            BlockKind::Code(_) => code(block, map, out),
            _ => {}
        }
    }
}

/// A soft or hard line break followed by a list marker.
fn inlines(list: &[Inline], map: &SourceMap, out: &mut Vec<Diagnostic>) {
    for inline in list {
        match inline {
            Inline::SoftBreak(at) | Inline::HardBreak(at) => joined_marker(*at, map, out),
            other => inlines(other.children(), map, out),
        }
    }
}

fn joined_marker(at: usize, map: &SourceMap, out: &mut Vec<Diagnostic>) {
    let text = &map.rendered;
    let Some(newline) = text.get(at..).and_then(|rest| rest.find('\n')).map(|i| at + i + 1) else { return };
    let line = &text[newline..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let Some(width) = marker(&line[indent..]) else { return };
    let start = newline + indent;
    let shown = line[indent..indent + width].trim_end().to_string();
    let location = map.location(start..start + shown.len());
    out.push(
        Diagnostic::warning(t!("check-list-marker-joined", marker = &shown))
            .code(Code::ListMarkerJoined)
            .at(location)
            .help(t!("check-list-marker-joined-help", marker = &shown)),
    );
}

/// The length of a list marker and the space after it at the start of `s`: `- `, `+ `, `* `,
/// `12. `, `3) `.
fn marker(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes.len() >= 3 && matches!(bytes[0], b'-' | b'+' | b'*') && bytes[1] == b' ' && !bytes[2].is_ascii_whitespace()
    {
        return Some(2);
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    // a list number has one or two digits; `2023. ` is a year ending a sentence
    if (1..=2).contains(&digits)
        && bytes.len() > digits + 2
        && matches!(bytes[digits], b'.' | b')')
        && bytes[digits + 1] == b' '
        && !bytes[digits + 2].is_ascii_whitespace()
    {
        return Some(digits + 2);
    }
    None
}

/// Paragraphs among `list` whose line starts with a Tab: the later paragraphs of the note labelled
/// `note`, or the paragraphs inside a list item after its first line (`note` is `None`).
fn absorbed(list: &[Block], map: &SourceMap, note: Option<&str>, out: &mut Vec<Diagnostic>) {
    for block in list {
        if !matches!(block.kind, BlockKind::Paragraph { .. }) {
            continue;
        }
        let (at, indent, trimmed) = first_line(&map.rendered, block);
        if !indent.contains('\t') {
            continue;
        }
        let (message, help) = match note {
            Some(label) => (t!("check-tab-absorbed-note", label = label), t!("check-tab-absorbed-note-help")),
            None => (t!("check-tab-absorbed-item"), t!("check-tab-absorbed-item-help")),
        };
        out.push(
            Diagnostic::warning(message)
                .code(Code::TabAbsorbed)
                .at(map.location(at..at + trimmed.len().max(1)))
                .help(help),
        );
    }
}

/// The first line of `block` in `text`: where its text starts (after the indentation), the
/// indentation, and the rest of the line.
fn first_line<'t>(text: &'t str, block: &Block) -> (usize, &'t str, &'t str) {
    let start = block.range.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let trimmed = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - trimmed.len()];
    (line_start + indent.len(), indent, trimmed)
}

fn code(block: &Block, map: &SourceMap, out: &mut Vec<Diagnostic>) {
    let (at, indent, trimmed) = first_line(&map.rendered, block);
    let fenced = trimmed.starts_with("```") || trimmed.starts_with("~~~");
    let location = map.location(at..at + trimmed.len().max(1));
    let (message, help) = if fenced {
        (t!("check-code-fenced"), t!("check-code-fenced-help"))
    } else if indent.contains('\t') {
        (t!("check-code-tab"), t!("check-code-indent-help"))
    } else {
        (t!("check-code-spaces", spaces = indent.len()), t!("check-code-indent-help"))
    };
    out.push(Diagnostic::warning(message).code(Code::CodeBlock).at(location).help(help));
}

#[cfg(test)]
mod tests {
    use super::marker;

    #[test]
    fn list_markers_are_bullets_and_short_numbers_followed_by_text() {
        assert_eq!(marker("- Đại biểu"), Some(2));
        assert_eq!(marker("* a"), Some(2));
        assert_eq!(marker("2. Tiếp tục"), Some(3));
        assert_eq!(marker("12) x"), Some(4));
        assert_eq!(marker("2023. Năm"), None);
        assert_eq!(marker("-5%"), None);
        assert_eq!(marker("- "), None);
        assert_eq!(marker("3,5 triệu"), None);
    }
}
