//! Where facts are printed: every `{{ … }}` expression of a section is tagged before tera runs,
//! so that the place survives tera and Markdown and reaches the laid-out document.
//!
//! A tag is a run of private-use characters placed just before the expression: U+E000, the
//! use's number in digits U+E010–U+E019, U+E001. The converter turns a tag into
//! `#metadata(N)<bc-fact>` (invisible), and [`pages`] reads back the page of each tag from the
//! laid-out document. [`strip`] removes tags from text meant for people.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

const OPEN: char = '\u{e000}';
const CLOSE: char = '\u{e001}';
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

/// Splits text at tags: `(text before, Some(id))` pairs, the last with `None`.
pub fn split(text: &str) -> Vec<(&str, Option<usize>)> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        let after = &rest[open + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else { break };
        let id: String = after[..close].chars().filter_map(|c| char::from_digit((c as u32).checked_sub(DIGIT0)?, 10)).collect();
        parts.push((&rest[..open], id.parse().ok()));
        rest = &after[close + CLOSE.len_utf8()..];
    }
    parts.push((rest, None));
    parts
}

/// Text without tags (for people, diffs and checks).
pub fn strip(text: &str) -> String {
    if !text.contains(OPEN) {
        return text.to_string();
    }
    split(text).into_iter().map(|(t, _)| t).collect()
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
        let parts = split(&tagged);
        assert_eq!(parts[0], ("A ", Some(7)));
        assert_eq!(parts[1].1, Some(8));
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
