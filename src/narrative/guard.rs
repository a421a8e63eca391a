//! What tera may do in a section: print facts, and nothing else.
//!
//! Takes a section's source; hands on the first thing in it that is not a fact being printed,
//! as an error at its file:line:col. Checked before tera sees the section, because tera's
//! statements and builtins reach further than printing: `{% include %}`/`{% extends %}`/
//! `{% import %}` name other templates, and a few lines can exhaust memory or time —
//! `{% set a = a ~ a %}` thirty times is 10 GB, nested `{% for %}` over `range(end=100000)`
//! runs for hours, `replace`, `indent`, `split` and `join` multiply text. A section may use:
//!
//! - `{{ expression }}`: fact names (`economy.grdp_2021`), numbers and text in quotes,
//!   arithmetic and comparisons, and the filters in [`FILTERS`]; no function calls;
//! - `{# comments #}`.

use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location, closest};

/// The filters a section may use: baocao's own, and tera's that give at most as much text as
/// they get.
pub const FILTERS: &[&str] = &[
    "num",
    "pct",
    "vn_date",
    "vn_date_long",
    "upper",
    "lower",
    "trim",
    "trim_start",
    "trim_end",
    "capitalize",
    "title",
    "length",
    "abs",
    "round",
    "int",
    "float",
    "str",
    "default",
];

/// The first statement, function call or filter outside [`FILTERS`] in the section, if any.
pub(crate) fn check(section: &SourceFile) -> Option<Diagnostic> {
    let text = &section.text;
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let open = from + i;
        match text.as_bytes().get(open + 1) {
            Some(b'#') => from = text[open..].find("#}").map_or(text.len(), |e| open + e + 2),
            Some(b'%') => return Some(statement(section, open + 2)),
            Some(b'{') => {
                let close = text[open..].find("}}").map_or(text.len(), |e| open + e);
                if let Some(d) = expression(section, open + 2, close) {
                    return Some(d);
                }
                from = close;
            }
            _ => from = open + 1,
        }
    }
    None
}

fn statement(section: &SourceFile, start: usize) -> Diagnostic {
    let text = &section.text;
    let rest = &text[start..];
    let inner = rest.trim_start_matches(['-', '+']).trim_start();
    let word: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let at = start + (rest.len() - inner.len());
    Diagnostic::error(crate::t!("narrative-statement", word = word.as_str()))
        .at(Location::from_offset(&section.path, text, at, word.len().max(1)))
        .help(crate::t!("narrative-statement-help"))
}

/// Checks one `{{ … }}` (bytes `start..end`): every filter allowed, no function call.
fn expression(section: &SourceFile, start: usize, end: usize) -> Option<Diagnostic> {
    let text = &section.text;
    let bytes = text.as_bytes();
    let mut i = start;
    let mut after_pipe = false;
    while i < end {
        let c = bytes[i];
        if matches!(c, b'"' | b'\'' | b'`') {
            i = text[i + 1..end].find(char::from(c)).map_or(end, |e| i + 1 + e + 1);
            after_pipe = false;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let word_start = i;
            while i < end && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let word = &text[word_start..i];
            let at = Location::from_offset(&section.path, text, word_start, word.len());
            if after_pipe && !FILTERS.contains(&word) {
                let suggestion = closest(word, FILTERS.iter().copied(), 1);
                let help = match suggestion.first() {
                    Some(s) => crate::t!("narrative-filter-did-you-mean", filter = *s, filters = FILTERS.join(", ")),
                    None => crate::t!("narrative-filters-available", filters = FILTERS.join(", ")),
                };
                return Some(Diagnostic::error(crate::t!("narrative-filter-unknown", filter = word)).at(at).help(help));
            }
            if !after_pipe && text[i..end].trim_start().starts_with('(') {
                return Some(
                    Diagnostic::error(crate::t!("narrative-function", word = word))
                        .at(at)
                        .help(crate::t!("narrative-function-help")),
                );
            }
            after_pipe = false;
            continue;
        }
        if c == b'|' {
            after_pipe = true;
        } else if !c.is_ascii_whitespace() {
            after_pipe = false;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_text(text: &str) -> Option<String> {
        check(&SourceFile { path: "s.md".into(), text: text.into() }).map(|d| {
            let loc = d.location.unwrap();
            format!("{}:{} {}", loc.line, loc.column, d.message)
        })
    }

    #[test]
    fn printing_facts_with_the_filters_is_allowed() {
        for ok in [
            "GRDP {{ economy.grdp | pct }}, {{ (a.b / a.c * 100) | pct(decimals=2) }} {{ x|num(pad=2) }}",
            "{# a comment with {% tags %} and range(end=9) #} {{ '2023-08-30' | vn_date(pad=false) }}",
            "{{ a.b | num }} and { braces } and {{ \"a | replace(b)\" }}",
        ] {
            assert_eq!(check_text(ok), None, "{ok}");
        }
    }

    #[test]
    fn statements_functions_and_other_filters_are_refused_at_their_place() {
        assert_eq!(check_text("x\n{%- set a = 1 %}").unwrap(), "2:5 `{% set %}` is not available in sections");
        assert_eq!(check_text("{% for i in range(end=9) %}").unwrap(), "1:4 `{% for %}` is not available in sections");
        assert_eq!(
            check_text("{{ range(end=9) | length }}").unwrap(),
            "1:4 `range(…)`: functions are not available in sections"
        );
        assert_eq!(
            check_text("{{ a | replace(from=\"a\", to=\"b\") }}").unwrap(),
            "1:8 the filter `replace` is not available in sections"
        );
        assert_eq!(check_text("{{ a |safe }}").unwrap(), "1:7 the filter `safe` is not available in sections");
        assert_eq!(
            check_text("{{ a | num | join(sep=\",\") }}").unwrap(),
            "1:14 the filter `join` is not available in sections"
        );
    }
}
