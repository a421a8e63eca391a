//! Step 1 of the narrative: tera prints the facts into each section, one `{{ … }}` at a time.
//!
//! Each expression is rendered once, on its own (a template added per expression would make
//! tera re-check every earlier one: quadratic), with the section's printed values escaped for
//! Markdown so that a fact is always text. The rendered text marks each printed value with
//! private-use characters — U+E000, the use's id in digits U+E010–U+E019, U+E001 before it and
//! U+E002 after it — so that the Markdown stage knows which text is which fact. Every byte of
//! the rendered text maps back to the section file ([`SourceMap`]): literal text exactly, a
//! printed value to its whole `{{ … }}`.
//!
//! A section that uses anything but printing ([`super::guard`]) is not rendered (an error at
//! the statement); an expression that cannot be printed gives an error at the expression and
//! prints `…`, so the text around still reads as it will once fixed, and every such error is
//! found in one run.

use std::ops::Range;

use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location};
use crate::document::{FactUse, Piece, SourceMap};
use crate::facts::Facts;

const OPEN: char = '\u{e000}';
const CLOSE: char = '\u{e001}';
/// Placed after a printed value: the end of the fact's printing.
pub const END: char = '\u{e002}';
const DIGIT0: u32 = 0xe010;

/// What a tera tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagKind {
    /// `{{ … }}`: prints a value.
    Expression,
    /// `{% … %}`: a statement (refused in sections by the guard).
    Statement,
    /// `{# … #}`: a comment, removed.
    Comment,
}

/// A tera tag in a section's source.
#[derive(Debug, Clone)]
pub(crate) struct TeraTag {
    /// Which kind.
    pub kind: TagKind,
    /// The whole tag, delimiters included, as a byte range of the section.
    pub range: Range<usize>,
    /// Between the delimiters (and whitespace-control dashes).
    pub inner: Range<usize>,
    trim_before: bool,
    trim_after: bool,
}

/// The tera tags of a text, in order. An unclosed tag runs to the end of the text.
pub(crate) fn tera_tags(text: &str) -> Vec<TeraTag> {
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let start = from + i;
        let (kind, close) = match text.as_bytes().get(start + 1) {
            Some(b'{') => (TagKind::Expression, "}}"),
            Some(b'%') => (TagKind::Statement, "%}"),
            Some(b'#') => (TagKind::Comment, "#}"),
            _ => {
                from = start + 1;
                continue;
            }
        };
        let body = start + 2;
        // an unclosed tag has no closing delimiter to leave out of its inside
        let (end, inner_end) = text[body..].find(close).map_or((text.len(), text.len()), |j| (body + j + 2, body + j));
        let trim_before = text[body..].starts_with('-');
        let inner_start = if trim_before { body + 1 } else { body };
        let inner_end = inner_end.max(inner_start);
        let trim_after = inner_end > inner_start && text[..inner_end].ends_with('-');
        let inner_end = if trim_after { inner_end - 1 } else { inner_end };
        tags.push(TeraTag { kind, range: start..end, inner: inner_start..inner_end, trim_before, trim_after });
        from = end;
    }
    tags
}

/// A section after tera.
pub(crate) struct Rendered {
    /// The rendered text and its map back to the file.
    pub map: SourceMap,
    /// Its `{{ … }}` expressions, numbered from the `next_id` given.
    pub uses: Vec<FactUse>,
    /// What could not be printed (and a refused section).
    pub problems: Vec<Diagnostic>,
}

/// Renders section `index`, numbering its fact uses from `next_id`.
pub(crate) fn section(
    file: &SourceFile,
    index: usize,
    facts: &Facts,
    tera: &tera::Tera,
    context: &tera::Context,
    next_id: &mut usize,
) -> Rendered {
    let mut out = Rendered {
        map: SourceMap::identity(file.path.clone(), file.text.clone()),
        uses: Vec::new(),
        problems: Vec::new(),
    };
    // fast path, as Zola has it: no tera syntax, nothing to render
    if !file.text.contains("{{") && !file.text.contains("{%") && !file.text.contains("{#") {
        return out;
    }
    if let Some(d) = super::guard::check(file) {
        out.map.rendered.clear();
        out.map.pieces.clear();
        out.problems.push(d);
        return out;
    }
    let text = &file.text;
    let mut rendered = String::with_capacity(text.len() + text.len() / 8);
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut skip_space = false;
    // line and line start of `counted`, advanced as we go (sections are long)
    let (mut line, mut line_start, mut counted) = (1, 0, 0);
    for tag in tera_tags(text) {
        let mut literal = &text[from..tag.range.start];
        let mut source = from;
        if skip_space {
            let trimmed = literal.trim_start();
            source += literal.len() - trimmed.len();
            literal = trimmed;
        }
        if tag.trim_before {
            literal = literal.trim_end();
        }
        push_piece(&mut rendered, &mut pieces, literal, source, literal.len(), true);
        skip_space = tag.trim_after;
        from = tag.range.end;
        // an unclosed `{#` is a syntax error for tera, not a comment: it is rendered, and reported
        let unclosed_comment =
            tag.kind == TagKind::Comment && (tag.range.len() < 4 || !text[tag.range.clone()].ends_with("#}"));
        if tag.kind != TagKind::Expression && !unclosed_comment {
            continue;
        }
        for (i, _) in text[counted..tag.range.start].match_indices('\n') {
            line += 1;
            line_start = counted + i + 1;
        }
        counted = tag.range.start;
        let id = *next_id;
        *next_id += 1;
        let expression = text[tag.inner.clone()].trim().to_string();
        let keys = keys_in(&expression);
        let value = match tera.render_str(&text[tag.range.clone()], context, true) {
            Ok(v) => Some(v),
            Err(e) => {
                out.problems.push(expression_problem(&e, file, &tag, &keys, facts));
                None
            }
        };
        let mut printed = String::new();
        push_tag(&mut printed, id);
        printed.push_str(value.as_deref().unwrap_or("…"));
        printed.push(END);
        push_piece(&mut rendered, &mut pieces, &printed, tag.range.start, tag.range.len(), false);
        out.uses.push(FactUse {
            id,
            section: index,
            line,
            column: text[line_start..tag.range.start].chars().count() + 1,
            source: tag.range.clone(),
            expression,
            keys,
            printed: value.map(|v| unescape_markdown(&v)),
        });
    }
    let mut literal = &text[from..];
    let mut source = from;
    if skip_space {
        let trimmed = literal.trim_start();
        source += literal.len() - trimmed.len();
        literal = trimmed;
    }
    push_piece(&mut rendered, &mut pieces, literal, source, literal.len(), true);
    out.map.rendered = rendered;
    out.map.pieces = pieces;
    out
}

/// The diagnostic for an expression tera could not print: an undefined fact with the closest
/// names, else tera's own message at its place.
fn expression_problem(e: &tera::Error, file: &SourceFile, tag: &TeraTag, keys: &[String], facts: &Facts) -> Diagnostic {
    if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
        return super::tera_diagnostic(e, file, tag.range.start, facts);
    }
    let undefined = keys.iter().find(|k| !facts.by_key.contains_key(*k));
    match undefined.and_then(|k| key_offset(&file.text, tag.inner.clone(), k).map(|at| (k, at))) {
        Some((key, at)) => super::undefined_fact(file, at, key, facts),
        None => super::tera_diagnostic(e, file, tag.range.start, facts),
    }
}

fn push_piece(out: &mut String, pieces: &mut Vec<Piece>, text: &str, source: usize, source_len: usize, literal: bool) {
    if text.is_empty() && literal {
        return;
    }
    pieces.push(Piece { rendered: out.len(), source, source_len, literal });
    out.push_str(text);
}

fn push_tag(out: &mut String, id: usize) {
    out.push(OPEN);
    for d in id.to_string().bytes() {
        out.push(char::from_u32(DIGIT0 + u32::from(d - b'0')).expect("private-use digit"));
    }
    out.push(CLOSE);
}

/// A value printed by tera (escaped for Markdown, see [`super::escape::markdown`]) as a reader
/// sees it.
fn unescape_markdown(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
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

/// Where `key` is written in `range` of `text` (a tag's inside), as a whole name.
pub(crate) fn key_offset(text: &str, range: Range<usize>, key: &str) -> Option<usize> {
    let inner = &text[range.clone()];
    let bytes = inner.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
    inner
        .match_indices(key)
        .map(|(i, _)| i)
        .find(|&i| {
            let before = i.checked_sub(1).map(|b| bytes[b]);
            let after = bytes.get(i + key.len()).copied();
            !before.is_some_and(word) && !after.is_some_and(word)
        })
        .map(|at| range.start + at)
}

/// A piece of rendered text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark<'a> {
    /// Text as printed.
    Text(&'a str),
    /// The start of fact use `id`'s printing.
    Use(usize),
    /// The end of the printing begun by the last [`Mark::Use`].
    End,
}

/// Splits rendered text into text, fact starts and fact ends, in order.
pub(crate) fn marks(text: &str) -> Vec<Mark<'_>> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find([OPEN, END]) {
        if at > 0 {
            parts.push(Mark::Text(&rest[..at]));
        }
        if rest[at..].starts_with(END) {
            parts.push(Mark::End);
            rest = &rest[at + END.len_utf8()..];
            continue;
        }
        let after = &rest[at + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        let id: String =
            after[..close].chars().filter_map(|c| char::from_digit((c as u32).checked_sub(DIGIT0)?, 10)).collect();
        if let Ok(id) = id.parse() {
            parts.push(Mark::Use(id));
        }
        rest = &after[close + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        parts.push(Mark::Text(rest));
    }
    parts
}

/// Rendered text without its fact marks (for people).
pub(crate) fn strip(text: &str) -> String {
    if !text.contains([OPEN, END]) {
        return text.to_string();
    }
    marks(text)
        .into_iter()
        .filter_map(|p| match p {
            Mark::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The place of a fact use's `{{ … }}` in its section file.
pub fn use_location(file: &SourceFile, u: &FactUse) -> Location {
    Location::from_offset(&file.path, &file.text, u.source.start, u.source.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts::parse(&[SourceFile {
            path: "content/facts/economy.yaml".into(),
            text: "grdp:\n  value: 8.58\n  unit: \"%\"\n".into(),
        }])
        .unwrap()
    }

    fn render(text: &str) -> Rendered {
        let facts = facts();
        let tera = super::super::section_tera();
        let file = SourceFile { path: "s.md".into(), text: text.into() };
        section(&file, 0, &facts, &tera, &facts.context(), &mut 0)
    }

    #[test]
    fn printed_values_are_marked_and_map_back_to_their_expression() {
        let r = render("Dòng một\nGRDP tăng {{ economy.grdp | pct }}, tốt.Ba\n");
        assert!(r.problems.is_empty());
        assert_eq!(strip(&r.map.rendered), "Dòng một\nGRDP tăng 8\\,58\\%, tốt.Ba\n");
        let u = &r.uses[0];
        assert_eq!((u.line, u.column, u.printed.as_deref()), (2, 11, Some("8,58%")));
        assert_eq!(u.keys, ["economy.grdp"]);
        let dot = r.map.rendered.find(".Ba").unwrap();
        let loc = r.map.location(dot..dot + 1);
        assert_eq!((loc.line, loc.column, loc.width), (2, 40, 1));
        let value = r.map.rendered.find("8\\,58").unwrap();
        let loc = r.map.location(value..value + 3);
        assert_eq!((loc.line, loc.column, loc.width), (2, 11, "{{ economy.grdp | pct }}".len()));
    }

    #[test]
    fn every_failing_expression_is_reported_and_prints_an_ellipsis() {
        let r = render("{{ economy.grpd }} và {{ economy.grdp | vn_date }} và {{ economy.grdp | num }}");
        assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
        assert!(r.problems[0].message.contains("undefined fact `economy.grpd`"), "{}", r.problems[0].message);
        assert_eq!(r.uses.iter().map(|u| u.printed.is_some()).collect::<Vec<_>>(), [false, false, true]);
        assert!(strip(&r.map.rendered).starts_with("… và … và 8\\,58"), "{}", strip(&r.map.rendered));
    }

    #[test]
    fn sections_with_statements_are_refused_before_tera_runs() {
        let r = render("Một\n{% if true %}Hai.Ba{% endif %}\n{{ missing.fact }}\n");
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].message.contains("not available in sections"), "{}", r.problems[0].message);
        assert_eq!(r.problems[0].location.as_ref().map(|l| (l.line, l.column)), Some((2, 4)));
        assert!(r.map.rendered.is_empty());
    }

    #[test]
    fn tags_are_found_with_whitespace_control_and_keys_outside_quotes() {
        let tags = tera_tags("a {{- x -}} b {# c #} {% if y %}");
        let kinds: Vec<TagKind> = tags.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TagKind::Expression, TagKind::Comment, TagKind::Statement]);
        assert!(tags[0].trim_before && tags[0].trim_after);
        assert_eq!(&"a {{- x -}} b"[tags[0].inner.clone()], " x ");
        assert_eq!(keys_in("'a.b' | x.y"), vec!["x.y"]);
        assert_eq!(key_offset("x {{ (a.b / aa.b * 100) }}", 4..24, "aa.b"), Some(12));
    }
}
