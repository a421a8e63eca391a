//! Where facts are printed: every `{{ … }}` expression of a section is tagged before tera runs,
//! so that the place survives tera and Markdown and reaches the laid-out document.
//!
//! A tag is a run of private-use characters placed just before the expression: U+E000, the
//! use's number in digits U+E010–U+E019, U+E001; and U+E002 just after it, so the printed
//! value is delimited. The converter drops the tag and turns the end marker into
//! `#metadata(N)<bc-fact>` (invisible, right after the value, so on the value's line), and
//! [`pages`] reads back the page of each marker from the laid-out document. [`strip`] removes tags from text meant for people.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

const OPEN: char = '\u{e000}';
const CLOSE: char = '\u{e001}';
/// Placed after a `{{ … }}` expression: the end of the fact's printing.
pub const END: char = '\u{e002}';
const DIGIT0: u32 = 0xe010;

/// The typst label of fact tags.
pub const LABEL: &str = "bc-fact";

/// One printing of one or more facts: a `{{ … }}` expression in a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactUse {
    /// Number of this use in the document (its tag).
    pub id: usize,
    /// Index of the section.
    pub section: usize,
    /// 1-based line of the expression in the section source.
    pub line: usize,
    /// 1-based column (characters) of the expression.
    pub column: usize,
    /// The expression as written, without the braces: `economy.grdp_2021 | pct`.
    pub expression: String,
    /// Fact keys (`namespace.name`) the expression names.
    pub keys: Vec<String>,
}

/// Tags every `{{ … }}` of `text` (section `section`), numbering uses from `next_id`. Returns
/// the tagged text and the uses found.
pub fn tag(text: &str, section: usize, next_id: &mut usize) -> (String, Vec<FactUse>) {
    let mut out = String::with_capacity(text.len() + 64);
    let mut uses = Vec::new();
    let mut rest = text;
    let mut consumed = 0;
    // line number and line start of `consumed`, advanced as we go (sections are long)
    let (mut line, mut line_start, mut counted) = (1, 0, 0);
    while let Some(open) = rest.find("{{") {
        let Some(len) = rest[open..].find("}}") else { break };
        let expression = rest[open + 2..open + len].trim().to_string();
        let at = consumed + open;
        for (i, _) in text[counted..at].match_indices('\n') {
            line += 1;
            line_start = counted + i + 1;
        }
        counted = at;
        let column = text[line_start..at].chars().count() + 1;
        out.push_str(&rest[..open]);
        let id = *next_id;
        *next_id += 1;
        push_tag(&mut out, id);
        out.push_str(&rest[open..open + len + 2]);
        out.push(END);
        uses.push(FactUse { id, section, line, column, keys: keys_in(&expression), expression });
        consumed += open + len + 2;
        rest = &rest[open + len + 2..];
    }
    out.push_str(rest);
    (out, uses)
}

fn push_tag(out: &mut String, id: usize) {
    out.push(OPEN);
    for d in id.to_string().bytes() {
        out.push(char::from_u32(DIGIT0 + u32::from(d - b'0')).expect("private-use digit"));
    }
    out.push(CLOSE);
}

/// Dotted names `ns.name` in a tera expression (identifiers, not inside quotes).
pub fn keys_in(expression: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut quote: Option<char> = None;
    let mut word = String::new();
    for c in expression.chars().chain(std::iter::once(' ')) {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        if c == '"' || c == '\'' || c == '`' {
            quote = Some(c);
            continue;
        }
        if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            word.push(c);
            continue;
        }
        let w = std::mem::take(&mut word);
        let parts: Vec<&str> = w.split('.').collect();
        if parts.len() == 2 && parts.iter().all(|p| crate::facts::is_valid_name(p)) && !keys.contains(&w) {
            keys.push(w);
        }
    }
    keys
}

/// A piece of tagged text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text as printed.
    Text(&'a str),
    /// The start of fact use `id`'s printing.
    Use(usize),
    /// The end of the printing begun by the last [`Piece::Use`].
    End,
}

/// Splits tagged text into text, tags and end markers, in order.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find([OPEN, END]) {
        if at > 0 {
            parts.push(Piece::Text(&rest[..at]));
        }
        if rest[at..].starts_with(END) {
            parts.push(Piece::End);
            rest = &rest[at + END.len_utf8()..];
            continue;
        }
        let after = &rest[at + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        let id: String = after[..close].chars().filter_map(|c| char::from_digit((c as u32).checked_sub(DIGIT0)?, 10)).collect();
        if let Ok(id) = id.parse() {
            parts.push(Piece::Use(id));
        }
        rest = &after[close + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        parts.push(Piece::Text(rest));
    }
    parts
}

/// Text without tags and end markers (for people, diffs and checks).
pub fn strip(text: &str) -> String {
    if !text.contains([OPEN, END]) {
        return text.to_string();
    }
    pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The page (1-based) of each tagged use in the laid-out document, by use id.
pub fn pages(document: &PagedDocument) -> std::collections::HashMap<usize, usize> {
    let introspector = document.introspector();
    let Some(label) = Label::new(PicoStr::intern(LABEL)) else { return Default::default() };
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<MetadataElem>()?;
            let id = match &meta.value {
                Value::Int(i) => usize::try_from(*i).ok()?,
                _ => return None,
            };
            let page = introspector.page(content.location()?)?;
            Some((id, page.get()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_are_tagged_and_tags_split_back() {
        let mut next = 7;
        let (tagged, uses) = tag("A {{ economy.x | pct }}\nB {{ (a.b / c.d) | num }}", 2, &mut next);
        assert_eq!(uses.len(), 2);
        assert_eq!((uses[0].id, uses[0].line, uses[0].column), (7, 1, 3));
        assert_eq!(uses[1].keys, vec!["a.b", "c.d"]);
        assert_eq!(uses[1].line, 2);
        assert_eq!(strip(&tagged), "A {{ economy.x | pct }}\nB {{ (a.b / c.d) | num }}");
        let parts = pieces(&tagged);
        assert_eq!(parts[..4], [Piece::Text("A "), Piece::Use(7), Piece::Text("{{ economy.x | pct }}"), Piece::End]);
        assert_eq!(parts[5], Piece::Use(8));
        assert_eq!(parts.last(), Some(&Piece::End));
    }

    #[test]
    fn lines_and_columns_count_across_many_uses_and_lines() {
        let text = "x\n\nđã {{ a.b }} và {{ a.c }}\ny\nz {{ a.d }}";
        let (_, uses) = tag(text, 0, &mut 0);
        let places: Vec<(usize, usize)> = uses.iter().map(|u| (u.line, u.column)).collect();
        assert_eq!(places, [(3, 4), (3, 17), (5, 3)]);
    }

    #[test]
    fn quoted_text_is_not_a_key() {
        assert_eq!(keys_in("'a.b' | x.y"), vec!["x.y"]);
    }
}
