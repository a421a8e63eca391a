//! Facts: every `{{ … }}` names facts that exist; every fact is printed.
//!
//! Reads the model's fact uses. An expression that could not be printed was reported by the
//! narrative (with the closest names for an undefined fact); one that printed although it
//! names a fact that does not exist (through `default`, say) is reported here, as
//! `fact-undefined`. Hands on `fact-unused` for every fact no expression names.
//! (`fact-duplicate-key` is found when the facts files are loaded.)

use std::collections::HashSet;

use super::Input;
use crate::diagnostics::Code;
use crate::diagnostics::Diagnostic;
use crate::narrative::{self, render::key_offset};

/// Adds the facts findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let facts = &input.project.facts;
    out.extend(facts.warnings.iter().cloned());
    let mut printed: HashSet<&str> = HashSet::new();
    for u in &input.document.facts {
        let file = &input.project.sections[u.section];
        for key in &u.keys {
            match facts.by_key.get_key_value(key) {
                Some((k, _)) => {
                    printed.insert(k.as_str());
                }
                None if u.printed.is_some() => {
                    let at = key_offset(&file.text, u.source.clone(), key).unwrap_or(u.source.start);
                    out.push(narrative::undefined_fact(file, at, key, facts));
                }
                None => {}
            }
        }
    }
    for (key, fact) in &facts.by_key {
        if !printed.contains(key.as_str()) {
            out.push(
                Diagnostic::warning(crate::t!("check-fact-unused", key = key.as_str()))
                    .code(Code::FactUnused)
                    .at(fact.location.clone())
                    .help(crate::t!("check-fact-unused-help", key = key.as_str())),
            );
        }
    }
}
