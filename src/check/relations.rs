//! Relations: every `check:` of a fact holds (`relation-mismatch` when it does not,
//! `relation-error` when it cannot be computed).
//!
//! A stated value agrees with its check when both print the same once rounded to the decimals
//! the report gives the figure: the fact's `decimals:`, else the most decimals of the value as
//! written in YAML and of its printings in the document (8,58% printed → the computed value must
//! round to 8,58); with a `tolerance:`, when they are at most that far apart. A finding names the
//! check's line in the facts file, every fact it involves (its YAML line) and every place those
//! facts are printed; `check` has no pages (it does not lay the report out), `build` adds them
//! ([`add_pages`]) from the laid-out document.

use std::collections::HashMap;

use super::Input;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::document::Document;
use crate::facts::expr::decimals_of;
use crate::facts::{Fact, RelationKind};
use crate::project::Project;

/// Adds the relation findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let facts = &input.project.facts;
    for fact in facts.by_key.values() {
        for relation in fact.relations.iter().filter(|r| r.kind == RelationKind::Check) {
            let Some(stated) = fact.value.as_f64() else {
                out.push(
                    Diagnostic::error(crate::t!("check-relation-text", key = &fact.key))
                        .code(Code::RelationError)
                        .at(relation.location.clone())
                        .help(crate::t!("check-relation-text-help")),
                );
                continue;
            };
            let decimals = fact.decimals.unwrap_or_else(|| decimals_of(stated).max(printed_decimals(input, &fact.key)));
            match relation.compare(facts, stated, decimals) {
                Ok(c) if c.agrees => {}
                Ok(c) => {
                    let mut d = Diagnostic::warning(crate::t!(
                        "check-relation-mismatch",
                        key = &fact.key,
                        arithmetic = &c.arithmetic
                    ))
                    .code(Code::RelationMismatch)
                    .at(relation.location.clone());
                    let mut keys = vec![fact.key.as_str()];
                    keys.extend(relation.parsed.keys().into_iter().map(|(k, _)| k));
                    keys.dedup();
                    for key in unique(keys) {
                        d = places(input, key, d);
                    }
                    out.push(d.help(if relation.tolerance.is_none() {
                        crate::t!("check-relation-mismatch-tolerance-help")
                    } else {
                        crate::t!("check-relation-mismatch-help")
                    }));
                }
                Err(e) => out.push(
                    Diagnostic::error(crate::t!(
                        "check-relation-error",
                        key = &fact.key,
                        expression = &relation.expression,
                        reason = &e.message
                    ))
                    .code(Code::RelationError)
                    .at(crate::facts::relations::at_span(&relation.location, &relation.expression, e.span))
                    .help(e.help.unwrap_or_else(|| crate::t!("check-relation-error-help"))),
                ),
            }
        }
    }
}

fn unique(keys: Vec<&str>) -> Vec<&str> {
    let mut seen = Vec::new();
    for k in keys {
        if !seen.contains(&k) {
            seen.push(k);
        }
    }
    seen
}

/// Adds to `d` where fact `key` is defined and every place it is printed.
pub(crate) fn places(input: &Input, key: &str, mut d: Diagnostic) -> Diagnostic {
    if let Some(f) = input.project.facts.by_key.get(key) {
        d = d.note(crate::t!("check-note-defined", key = key, value = shown(f)), f.location.clone());
    }
    for u in input.document.facts.iter().filter(|u| u.keys.iter().any(|k| k == key)) {
        let printed = u.printed.as_deref().unwrap_or("?");
        d = d.note(crate::t!("check-note-printed", key = key, printed = printed), printing(input.project, u));
    }
    d
}

fn shown(f: &Fact) -> String {
    match f.value.as_f64() {
        Some(x) => crate::facts::expr::show_number(x),
        None => f.value.to_string(),
    }
}

/// Where a fact use is written in its section.
pub(crate) fn printing(project: &Project, u: &crate::document::FactUse) -> Location {
    let file = &project.sections[u.section];
    let width = file.text.get(u.source.clone()).map_or(1, |t| t.chars().count());
    Location::from_line_col(&file.path, &file.text, u.line, u.column, width)
}

/// The most decimals among the printings of `key` alone (`{{ a.x | pct }}` printing `8,58%`: 2).
fn printed_decimals(input: &Input, key: &str) -> usize {
    input
        .document
        .facts
        .iter()
        .filter(|u| u.keys.len() == 1 && u.keys[0] == key)
        .filter_map(|u| u.printed.as_deref())
        .map(|p| {
            let digits: String = p.chars().filter(|c| c.is_ascii_digit() || *c == ',').collect();
            digits.split_once(',').map_or(0, |(_, f)| f.len())
        })
        .max()
        .unwrap_or(0)
}

/// The codes whose findings point at printings of facts: [`add_pages`] adds their pages.
const PRINTED: [Code; 4] = [Code::RelationMismatch, Code::FigureFraction, Code::FigureShare, Code::FigureGrowth];

/// Adds the page to every place of a relation or figure finding that is a printing of a fact
/// (`… is printed here as "33" (page 12)`), from the laid-out document's `fact_pages` (use id →
/// page): what `build` knows and `check` does not.
pub fn add_pages(
    findings: &mut [Diagnostic],
    project: &Project,
    document: &Document,
    fact_pages: &HashMap<usize, usize>,
) {
    let mut pages: HashMap<(std::path::PathBuf, usize, usize), usize> = HashMap::new();
    for u in &document.facts {
        if let (Some(page), Some(file)) = (fact_pages.get(&u.id), project.sections.get(u.section)) {
            pages.entry((file.path.clone(), u.line, u.column)).or_insert(*page);
        }
    }
    let page_of = |l: &Location| pages.get(&(l.path.clone(), l.line, l.column)).copied();
    for d in findings.iter_mut().filter(|d| d.code.is_some_and(|c| PRINTED.contains(&c))) {
        if let Some(page) = d.location.as_ref().and_then(page_of) {
            d.message.push_str(&crate::t!("check-page", page = page));
        }
        for (label, at) in &mut d.notes {
            if let Some(page) = page_of(at) {
                label.push_str(&crate::t!("check-page", page = page));
            }
        }
    }
}
