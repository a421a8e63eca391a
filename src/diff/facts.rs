//! Facts compared by key: added, removed, changed (value, unit, meaning…), and renamed — a
//! key gone and a new key with the same value and unit whose printings are where the old
//! key's were (or whose meaning is the same) is one fact renamed, not a removal plus an
//! addition. Each change lists every place the fact is printed: section file:line:column and
//! the page in the NEW build.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::{Model, Place};
use crate::facts::Fact;
use crate::narrative::Narrative;

/// What happened to a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactChangeKind {
    /// Only in NEW.
    Added,
    /// Only in OLD.
    Removed,
    /// In both, with a different value, unit, meaning, period or flag.
    Changed,
    /// Same value and unit under a new key.
    Renamed,
}

/// One fact that differs.
#[derive(Debug, Clone)]
pub struct FactChange {
    /// What happened.
    pub kind: FactChangeKind,
    /// The key (NEW's; OLD's for a removed fact).
    pub key: String,
    /// For a rename: the key in OLD.
    pub old_key: Option<String>,
    /// The fact in OLD.
    pub old: Option<Fact>,
    /// The fact in NEW.
    pub new: Option<Fact>,
    /// For a change: the fields that differ (`value`, `unit`, `meaning`, `period`, `estimate`,
    /// `target`, `source` (the spreadsheet cell), `relations` (`derived:`, `check:`, `decimals:`)).
    pub fields: Vec<&'static str>,
    /// Every printing: in NEW with its page; for a removed fact, in OLD (no page).
    pub printed: Vec<Place>,
    /// Where the fact is defined (NEW's facts file; OLD's for a removed fact).
    pub defined: Place,
}

impl FactChange {
    /// True when what is printed changes (value or unit), not only the description.
    pub fn changes_print(&self) -> bool {
        self.kind == FactChangeKind::Added || self.fields.iter().any(|f| *f == "value" || *f == "unit")
    }
}

/// Compares the facts of two versions.
pub fn compare(old: &Model, new: &Model, pages: &HashMap<usize, usize>) -> Vec<FactChange> {
    let old_facts = &old.project.facts.by_key;
    let new_facts = &new.project.facts.by_key;
    let mut removed: Vec<&String> = old_facts.keys().filter(|k| !new_facts.contains_key(*k)).collect();
    let mut added: Vec<&String> = new_facts.keys().filter(|k| !old_facts.contains_key(*k)).collect();
    let mut changes = Vec::new();

    for key in new_facts.keys().filter(|k| old_facts.contains_key(*k)) {
        let (o, n) = (&old_facts[key], &new_facts[key]);
        let fields = differing_fields(o, n);
        if !fields.is_empty() {
            changes.push(FactChange {
                kind: FactChangeKind::Changed,
                key: key.clone(),
                old_key: None,
                old: Some(o.clone()),
                new: Some(n.clone()),
                fields,
                printed: printings(new, key, Some(pages)),
                defined: definition(n),
            });
        }
    }

    // Renames: same value and unit, printed in the same sections (or meaning the same).
    let old_sections = |key: &str| printing_sections(old, key);
    let new_sections = |key: &str| printing_sections(new, key);
    let mut renamed = Vec::new();
    for &old_key in &removed {
        let o = &old_facts[old_key];
        let candidates: Vec<&String> =
            added.iter().copied().filter(|k| new_facts[*k].value == o.value && new_facts[*k].unit == o.unit).collect();
        let same_places = |k: &&String| {
            let s = old_sections(old_key);
            !s.is_empty() && s == new_sections(k)
        };
        let same_meaning = |k: &&String| o.meaning.is_some() && new_facts[*k].meaning == o.meaning;
        let chosen = candidates
            .iter()
            .find(|k| same_places(k) && same_meaning(k))
            .or_else(|| candidates.iter().find(|k| same_places(k)))
            .or_else(|| candidates.iter().find(|k| same_meaning(k)))
            .copied();
        if let Some(new_key) = chosen {
            added.retain(|k| *k != new_key);
            renamed.push(old_key);
            let n = &new_facts[new_key];
            changes.push(FactChange {
                kind: FactChangeKind::Renamed,
                key: new_key.clone(),
                old_key: Some(old_key.clone()),
                old: Some(o.clone()),
                new: Some(n.clone()),
                fields: differing_fields(o, n),
                printed: printings(new, new_key, Some(pages)),
                defined: definition(n),
            });
        }
    }
    removed.retain(|k| !renamed.contains(k));

    for key in added {
        let n = &new_facts[key];
        changes.push(FactChange {
            kind: FactChangeKind::Added,
            key: key.clone(),
            old_key: None,
            old: None,
            new: Some(n.clone()),
            fields: Vec::new(),
            printed: printings(new, key, Some(pages)),
            defined: definition(n),
        });
    }
    for key in removed {
        let o = &old_facts[key];
        changes.push(FactChange {
            kind: FactChangeKind::Removed,
            key: key.clone(),
            old_key: None,
            old: Some(o.clone()),
            new: None,
            fields: Vec::new(),
            printed: printings(old, key, None),
            defined: definition(o),
        });
    }
    changes.sort_by(|a, b| a.key.cmp(&b.key));
    changes
}

/// The printings of changed and added facts in NEW (use ids), to highlight.
pub fn highlighted_uses(changes: &[FactChange], new: &Narrative) -> HashSet<usize> {
    let keys: HashSet<&str> = changes.iter().filter(|c| c.changes_print()).map(|c| c.key.as_str()).collect();
    new.document.facts.iter().filter(|u| u.keys.iter().any(|k| keys.contains(k.as_str()))).map(|u| u.id).collect()
}

fn differing_fields(o: &Fact, n: &Fact) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if o.value != n.value {
        fields.push("value");
    }
    if o.unit != n.unit {
        fields.push("unit");
    }
    if o.meaning != n.meaning {
        fields.push("meaning");
    }
    if o.period != n.period {
        fields.push("period");
    }
    if o.estimate != n.estimate {
        fields.push("estimate");
    }
    if o.target != n.target {
        fields.push("target");
    }
    if o.source != n.source {
        fields.push("source");
    }
    let relations = |f: &Fact| -> Vec<(crate::facts::RelationKind, String, Option<String>)> {
        f.relations.iter().map(|r| (r.kind, r.expression.clone(), r.tolerance.map(|t| t.to_string()))).collect()
    };
    if relations(o) != relations(n) || o.decimals != n.decimals {
        fields.push("relations");
    }
    fields
}

/// Every printing of `key` in a version, in document order; with pages when given.
fn printings(side: &Model, key: &str, pages: Option<&HashMap<usize, usize>>) -> Vec<Place> {
    let mut places: Vec<Place> = side
        .narrative
        .document
        .facts
        .iter()
        .filter(|u| u.keys.iter().any(|k| k == key))
        .map(|u| Place {
            path: side.project.sections[u.section].path.clone(),
            line: u.line,
            column: Some(u.column),
            page: pages.and_then(|p| p.get(&u.id).copied()),
            page_line: None,
        })
        .collect();
    places.dedup();
    places
}

/// How many times `key` is printed in each section file (by path: sections may come and go).
fn printing_sections(side: &Model, key: &str) -> BTreeMap<std::path::PathBuf, usize> {
    let mut count = BTreeMap::new();
    for u in side.narrative.document.facts.iter().filter(|u| u.keys.iter().any(|k| k == key)) {
        *count.entry(side.project.sections[u.section].path.clone()).or_insert(0) += 1;
    }
    count
}

fn definition(fact: &Fact) -> Place {
    Place { path: fact.location.path.clone(), line: fact.location.line, column: None, page: None, page_line: None }
}
