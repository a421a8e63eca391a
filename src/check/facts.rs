//! Facts: every `{{ … }}` names facts that exist and prints them; every fact is printed.
//!
//! Takes the sections' tera tags and rendering problems; hands on `fact-undefined` (with the
//! closest names, as the narrative stage words it), `fact-format`, `fact-syntax` and
//! `fact-unused`. A fact counts as printed when a `{{ … }}` or `{% … %}` of any section names
//! it as `namespace.name`. (`fact-duplicate-key` is found when the facts files are loaded.)

use std::collections::HashSet;

use super::document::{RenderProblem, TagKind};
use super::{Input, code};
use crate::diagnostics::Diagnostic;
use crate::narrative::{self, fact_uses};

/// Adds the facts findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let facts = &input.project.facts;
    let mut printed: HashSet<&str> = HashSet::new();
    let mut reported: HashSet<(usize, usize)> = HashSet::new(); // (section, tag) with an undefined fact
    for (s, section) in input.sections.iter().enumerate() {
        let whole = section.tags.iter().any(|t| t.kind == TagKind::Statement);
        for (t, tag) in section.tags.iter().enumerate() {
            if tag.kind == TagKind::Comment {
                continue;
            }
            for (key, offset) in fact_keys(&section.file.text, tag.inner.clone()) {
                match facts.by_key.get_key_value(&key) {
                    Some((k, _)) => {
                        printed.insert(k.as_str());
                    }
                    // a section with statements is refused as a whole (narrative::guard): its names are not reported one by one
                    None if !whole && tag.kind == TagKind::Expression => {
                        out.push(narrative::undefined_fact(section.file, offset, &key, facts));
                        reported.insert((s, t));
                    }
                    None => {}
                }
            }
        }
    }
    for (s, problem) in &input.render_problems {
        match problem {
            RenderProblem::Expression(t, e) => {
                if !reported.contains(&(*s, *t)) {
                    let section = &input.sections[*s];
                    out.push(narrative::tera_diagnostic(e, section.file, section.tags[*t].range.start, facts));
                }
            }
            RenderProblem::Section(d) => out.push(d.clone()),
        }
    }
    for (key, fact) in &facts.by_key {
        if !printed.contains(key.as_str()) {
            out.push(
                Diagnostic::warning(format!("fact `{key}` is never printed"))
                    .code(code::FACT_UNUSED)
                    .at(fact.location.clone())
                    .help(format!(
                        "print it in a section with `{{{{ {key} | num }}}}`, delete it, or keep it with \
                         `# baocao-allow: fact-unused` on the line above"
                    )),
            );
        }
    }
}

/// The `namespace.name` keys named in `range` of `text` (a tag's inside), as
/// [`fact_uses::keys_in`] reads them, each with the byte offset where it is written.
pub(crate) fn fact_keys(text: &str, range: std::ops::Range<usize>) -> Vec<(String, usize)> {
    let inner = &text[range.clone()];
    fact_uses::keys_in(inner)
        .into_iter()
        .filter_map(|key| {
            let bytes = inner.as_bytes();
            let at = inner.match_indices(key.as_str()).map(|(i, _)| i).find(|&i| {
                let before = i.checked_sub(1).map(|b| bytes[b]);
                let after = bytes.get(i + key.len()).copied();
                let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
                !before.is_some_and(word) && !after.is_some_and(word)
            })?;
            Some((key, range.start + at))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_located_where_they_are_written() {
        let text = "x {{ (a.b / aa.b * 100) | pct(decimals=2) }} {{ 'x.y' }}";
        let keys = fact_keys(text, 0..text.len());
        assert_eq!(keys, [("a.b".to_string(), 6), ("aa.b".to_string(), 12)]);
    }
}
