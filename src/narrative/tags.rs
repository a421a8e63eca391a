//! What kind of element a pulldown-cmark tag is, for the model builder: blocks and nesting, plus the two small parsers of what is written in the source (list
//! markers, lengths in layout directives).

use pulldown_cmark::{Tag, TagEnd};

/// Whether a tag starts a block (which cannot sit inside a list item's paragraph).
pub(super) fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
    )
}

/// Whether an end tag ends a block, a list item or a table cell (a paragraph of its own).
pub(super) fn ends_block(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
    )
}

/// Whether a tag opens an element that nests in the typst output (a content block or an
/// argument list), counted against [`crate::limits::MAX_NESTING`]. Paragraphs, lists (their items count),
/// table rows and images write no nesting of their own.
pub(super) fn nests(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::Item
            | Tag::Heading { .. }
            | Tag::Table(_)
            | Tag::TableCell
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
    )
}

/// The list marker as written in the source at a list item's start (`-`, `+`, `*`, `1.`, `2)`).
pub(super) fn list_marker(source: &str, offset: usize) -> String {
    let rest = source.get(offset..).unwrap_or("").trim_start_matches([' ', '\t']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        rest.chars().next().filter(|c| matches!(c, '-' | '+' | '*')).unwrap_or('-').to_string()
    } else {
        let delimiter = rest[digits.len()..].chars().next().unwrap_or('.');
        format!("{digits}{delimiter}")
    }
}

/// A typst length we accept from content: an optional minus, digits, an optional fraction, a unit.
pub(super) fn is_length(value: &str) -> bool {
    let number = ["mm", "cm", "pt"].iter().find_map(|unit| value.strip_suffix(unit));
    let Some(number) = number else { return false };
    let digits = number.strip_prefix('-').unwrap_or(number);
    let mut parts = digits.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.len() <= 3
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.len() <= 3 && f.bytes().all(|b| b.is_ascii_digit()))
}
