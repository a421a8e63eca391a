//! The diff for people and for programs.
//!
//! - [`human`]: counts first, then the details grouped (metadata, facts, text by section,
//!   footnotes), words changed shown as `[-old-]{+new+}` (or in colour on a terminal).
//! - [`json`]: the stable schema documented in `docs/diff-json.md` (`baocao-diff/1`): every
//!   change has `category`, `kind`, `location` (`old`/`new`), `old` and `new`.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::facts::{FactChange, FactChangeKind};
use super::notes::{NoteChange, NoteChangeKind};
use super::text::{Scope, TextChange, TextChangeKind};
use super::{Diff, Place};
use crate::facts::number::vietnamese_number;
use crate::facts::{Fact, FactValue};
use crate::t;

/// The JSON schema's name and version.
pub const SCHEMA: &str = "baocao-diff/1";

/// How many changes of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Metadata fields changed.
    pub metadata: usize,
    /// Facts changed.
    pub facts_changed: usize,
    /// Facts added.
    pub facts_added: usize,
    /// Facts removed.
    pub facts_removed: usize,
    /// Facts renamed.
    pub facts_renamed: usize,
    /// Text inserted.
    pub text_inserted: usize,
    /// Text deleted.
    pub text_deleted: usize,
    /// Text replaced.
    pub text_replaced: usize,
    /// Inserted, deleted and replaced together.
    pub text_edits: usize,
    /// Of those, changes wholly inside the printing of changed facts.
    pub text_from_facts: usize,
    /// Text moved.
    pub text_moved: usize,
    /// Footnotes added.
    pub notes_added: usize,
    /// Footnotes removed.
    pub notes_removed: usize,
    /// Footnotes whose text changed.
    pub notes_changed: usize,
    /// Footnotes only renumbered.
    pub notes_renumbered: usize,
    /// Layout files changed.
    pub layout: usize,
}

/// Counts the changes of a diff.
pub fn counts(diff: &Diff) -> Counts {
    let fact = |k: FactChangeKind| diff.facts.iter().filter(|f| f.kind == k).count();
    let text = |k: TextChangeKind| diff.text.iter().filter(|t| t.kind == k).count();
    let note = |k: NoteChangeKind| diff.notes.iter().filter(|n| n.kind == k).count();
    let edits = diff.text.iter().filter(|t| t.kind != TextChangeKind::Moved);
    Counts {
        metadata: diff.metadata.len(),
        facts_changed: fact(FactChangeKind::Changed),
        facts_added: fact(FactChangeKind::Added),
        facts_removed: fact(FactChangeKind::Removed),
        facts_renamed: fact(FactChangeKind::Renamed),
        text_inserted: text(TextChangeKind::Inserted),
        text_deleted: text(TextChangeKind::Deleted),
        text_replaced: text(TextChangeKind::Replaced),
        text_edits: edits.clone().count(),
        text_from_facts: edits.filter(|t| t.facts_only).count(),
        text_moved: text(TextChangeKind::Moved),
        notes_added: note(NoteChangeKind::Added),
        notes_removed: note(NoteChangeKind::Removed),
        notes_changed: note(NoteChangeKind::Changed),
        notes_renumbered: note(NoteChangeKind::Renumbered),
        layout: diff.layout.len(),
    }
}

/// A fact's value as the report prints it: Vietnamese digits, then the unit (`8,58%`,
/// `51.997 tỷ đồng`).
pub fn show_value(value: &FactValue, unit: &str) -> String {
    let number = match value {
        FactValue::Integer(_) | FactValue::Float(_) => vietnamese_number(&value.to_string(), None, 0),
        FactValue::Text(t) => t.clone(),
    };
    match unit {
        "" => number,
        u if u.starts_with('%') => format!("{number}{u}"),
        u => format!("{number} {u}"),
    }
}

/// A fact's value with its unit.
pub fn show_fact(fact: &Fact) -> String {
    show_value(&fact.value, &fact.unit)
}

// ---- JSON ----

/// The diff as JSON (schema [`SCHEMA`], see `docs/diff-json.md`).
pub fn json(diff: &Diff) -> Value {
    let c = counts(diff);
    let mut changes = Vec::new();
    for m in &diff.metadata {
        changes.push(json!({
            "category": "metadata", "kind": "changed", "field": m.field,
            "location": { "old": null, "new": m.location },
            "old": m.old, "new": m.new,
        }));
    }
    for f in &diff.facts {
        let (old_at, new_at) = match f.kind {
            FactChangeKind::Removed => (Some(&f.defined), None),
            _ => (None, Some(&f.defined)),
        };
        changes.push(json!({
            "category": "fact", "kind": f.kind, "key": f.key, "old_key": f.old_key, "fields": f.fields,
            "location": { "old": old_at, "new": new_at },
            "old": f.old, "new": f.new, "printed": f.printed,
        }));
    }
    for t in &diff.text {
        changes.push(text_json(t, "text"));
    }
    for n in &diff.notes {
        changes.push(json!({
            "category": "footnote", "kind": n.kind,
            "location": { "old": n.old.as_ref().map(|s| &s.place), "new": n.new.as_ref().map(|s| &s.place) },
            "old": n.old.as_ref().map(note_json), "new": n.new.as_ref().map(note_json),
            "changes": n.changes.iter().map(|t| text_json(t, "footnote-text")).collect::<Vec<_>>(),
        }));
    }
    for l in &diff.layout {
        changes.push(json!({
            "category": "layout", "kind": "changed",
            "location": { "old": null, "new": { "path": l.path, "line": null, "column": null, "page": null, "page_line": null } },
            "old": null, "new": null,
        }));
    }
    json!({
        "schema": SCHEMA,
        "old": diff.old, "new": diff.new,
        "identical": diff.is_empty(),
        "summary": {
            "metadata": c.metadata,
            "facts": { "added": c.facts_added, "removed": c.facts_removed, "changed": c.facts_changed, "renamed": c.facts_renamed },
            "text": { "inserted": c.text_inserted, "deleted": c.text_deleted, "replaced": c.text_replaced, "moved": c.text_moved, "facts_only": c.text_from_facts },
            "footnotes": { "added": c.notes_added, "removed": c.notes_removed, "changed": c.notes_changed, "renumbered": c.notes_renumbered },
            "layout": c.layout,
        },
        "changes": changes,
    })
}

fn text_json(t: &TextChange, category: &str) -> Value {
    json!({
        "category": category, "kind": t.kind, "scope": t.scope,
        "location": { "old": t.old_place, "new": t.new_place },
        "old": t.old, "new": t.new, "before": t.before, "after": t.after,
        "facts": t.facts, "facts_only": t.facts_only,
    })
}

fn note_json(n: &super::notes::NoteState) -> Value {
    json!({ "label": n.label, "number": n.number, "text": n.text })
}

// ---- Human ----

/// Terminal styles, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    colour: bool,
}

impl Style {
    /// Colour (ANSI) or plain text.
    pub fn new(colour: bool) -> Style {
        Style { colour }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour && !text.is_empty() { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    fn deleted(&self, text: &str) -> String {
        if self.colour { self.paint("31;9", text) } else { format!("[-{text}-]") }
    }

    fn inserted(&self, text: &str) -> String {
        if self.colour { self.paint("32;4", text) } else { format!("{{+{text}+}}") }
    }
}

/// The diff for people: counts, then details. Empty when the versions are identical.
pub fn human(diff: &Diff, style: Style) -> String {
    if diff.is_empty() {
        return String::new();
    }
    let s = style;
    let c = counts(diff);
    let mut out = String::new();
    let _ = writeln!(out, "{} {} → {}\n", s.paint("1", "baocao diff:"), diff.old.label(), diff.new.label());
    let _ = writeln!(out, "{}", s.paint("1", &t!("diff-heading-summary")));
    // each part: how many, and its words (`3 changed`) in the run's language
    let line = |out: &mut String, name: String, parts: Vec<(usize, String)>| {
        let parts: Vec<String> = parts.into_iter().filter(|(n, _)| *n > 0).map(|(_, words)| words).collect();
        let name = format!("{name} ");
        let _ = writeln!(
            out,
            "  {name:<11}{}",
            if parts.is_empty() { t!("diff-summary-no-changes") } else { parts.join(", ") }
        );
    };
    let changed = |n: usize| (n, t!("diff-count-changed", n = n));
    let added = |n: usize| (n, t!("diff-count-added", n = n));
    let removed = |n: usize| (n, t!("diff-count-removed", n = n));
    line(&mut out, t!("diff-summary-metadata"), vec![changed(c.metadata)]);
    line(
        &mut out,
        t!("diff-summary-facts"),
        vec![
            changed(c.facts_changed),
            added(c.facts_added),
            removed(c.facts_removed),
            (c.facts_renamed, t!("diff-count-renamed", n = c.facts_renamed)),
        ],
    );
    let edits = if c.text_from_facts > 0 {
        t!("diff-count-edits-in-facts", n = c.text_edits, facts = c.text_from_facts)
    } else {
        t!("diff-count-edits", n = c.text_edits)
    };
    line(
        &mut out,
        t!("diff-summary-text"),
        vec![(c.text_edits, edits), (c.text_moved, t!("diff-count-moved", n = c.text_moved))],
    );
    line(
        &mut out,
        t!("diff-summary-footnotes"),
        vec![
            added(c.notes_added),
            removed(c.notes_removed),
            changed(c.notes_changed),
            (c.notes_renumbered, t!("diff-count-renumbered", n = c.notes_renumbered)),
        ],
    );
    if c.layout > 0 {
        line(&mut out, t!("diff-summary-layout"), vec![changed(c.layout)]);
    }

    if !diff.metadata.is_empty() {
        let _ = writeln!(out, "\n{}", s.paint("1", &t!("diff-heading-metadata")));
        for m in &diff.metadata {
            let at = m.location.as_ref().map(|p| format!("  {}", s.paint("2", &place(p)))).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<18} {} → {}{at}",
                m.field,
                s.deleted(&value_text(&m.old)),
                s.inserted(&value_text(&m.new))
            );
        }
    }
    if !diff.facts.is_empty() {
        let _ = writeln!(out, "\n{}", s.paint("1", &t!("diff-heading-facts")));
        for f in &diff.facts {
            fact_lines(&mut out, f, s);
        }
    }
    if !diff.text.is_empty() {
        let _ = writeln!(out, "\n{}", s.paint("1", &t!("diff-heading-text")));
        let mut section = None;
        for t in &diff.text {
            let at = t.new_place.as_ref().or(t.old_place.as_ref());
            let path = at.map(|p| p.path.display().to_string()).unwrap_or_default();
            if section.as_ref() != Some(&path) {
                let _ = writeln!(out, "  {}", s.paint("1", &path));
                section = Some(path);
            }
            let line = at.map_or(String::new(), |p| if is_pdf(p) { String::new() } else { format!(":{}", p.line) });
            let _ =
                writeln!(out, "    {} {}{}", s.paint("2", &format!("{line:<6}")), text_line(t, s), pages_note(t, s));
        }
    }
    if !diff.notes.is_empty() {
        let _ = writeln!(out, "\n{}", s.paint("1", &t!("diff-heading-footnotes")));
        note_lines(&mut out, &diff.notes, s);
    }
    for l in &diff.layout {
        let path = l.path.display().to_string();
        let _ =
            writeln!(out, "\n{} {}", s.paint("1", &t!("diff-heading-layout")), t!("diff-layout-differs", path = path));
    }
    out
}

fn fact_lines(out: &mut String, f: &FactChange, s: Style) {
    let meaning = f
        .new
        .as_ref()
        .or(f.old.as_ref())
        .and_then(|x| x.meaning.clone())
        .map(|m| format!("  ({m})"))
        .unwrap_or_default();
    let show = |x: &Option<Fact>| x.as_ref().map(show_fact).unwrap_or_default();
    // the kind of change, in a column 8 wide
    let word = |w: String| format!("{w:<8}");
    let head = match f.kind {
        FactChangeKind::Changed => {
            let mut what = vec![format!("{} → {}", s.deleted(&show(&f.old)), s.inserted(&show(&f.new)))];
            for field in f.fields.iter().filter(|x| !["value", "unit"].contains(x)) {
                what.push(t!("diff-fact-field-changed", field = *field));
            }
            format!("{} {}: {}", word(t!("diff-fact-changed")), s.paint("33", &f.key), what.join("; "))
        }
        FactChangeKind::Added => {
            format!("{} {} = {}", word(t!("diff-fact-added")), s.paint("33", &f.key), s.inserted(&show(&f.new)))
        }
        FactChangeKind::Removed => {
            format!("{} {} = {}", word(t!("diff-fact-removed")), s.paint("33", &f.key), s.deleted(&show(&f.old)))
        }
        FactChangeKind::Renamed => format!(
            "{} {} → {} ({})",
            word(t!("diff-fact-renamed")),
            s.paint("33", f.old_key.as_deref().unwrap_or("")),
            s.paint("33", &f.key),
            show(&f.new)
        ),
    };
    let _ = writeln!(out, "  {head}{meaning}");
    // a value read from a spreadsheet: the cell it came from (both, when the cell moved)
    let from = t!("diff-fact-from");
    let from = s.paint("2", &from);
    let cells: Vec<String> = [&f.old, &f.new]
        .iter()
        .filter_map(|x| x.as_ref().and_then(|x| x.source.as_ref()).map(|c| c.to_string()))
        .collect();
    match cells.as_slice() {
        [one] => {
            let _ = writeln!(out, "           {} {one}", from);
        }
        [a, b] if a == b => {
            let _ = writeln!(out, "           {} {b}", from);
        }
        [a, b] => {
            let _ = writeln!(out, "           {} {a} → {b}", from);
        }
        _ => {}
    }
    if let Some(n) = &f.new
        && let Some(r) = n.relations.iter().find(|r| r.kind == crate::facts::RelationKind::Derived)
    {
        let _ = writeln!(out, "           {} {}", s.paint("2", &t!("diff-fact-derived")), r.expression);
    }
    if f.printed.is_empty() {
        let _ = writeln!(out, "           {}", s.paint("2", &t!("diff-fact-not-printed")));
    } else {
        let word =
            if f.kind == FactChangeKind::Removed { t!("diff-fact-was-printed-at") } else { t!("diff-fact-printed-at") };
        let places: Vec<String> = f.printed.iter().map(place).collect();
        let _ = writeln!(out, "           {} {}", s.paint("2", &word), places.join(", "));
    }
}

/// `  (p.7:12)`, or `  (p.7:12; OLD p.7:14)` when the old text was elsewhere.
fn pages_note(t: &TextChange, s: Style) -> String {
    let show = |p: &Place| match (p.page, p.page_line) {
        (Some(page), Some(line)) => Some(format!("{}:{line}", t!("diff-page", page = page))),
        (Some(page), None) => Some(t!("diff-page", page = page)),
        _ => None,
    };
    let new = t.new_place.as_ref().and_then(show);
    let old = t.old_place.as_ref().and_then(show);
    let text = match (new, old) {
        (Some(n), Some(o)) if n != o => format!("{n}; {}", t!("diff-in-old", place = o)),
        (Some(n), _) => n,
        (None, Some(o)) => t!("diff-in-old", place = o),
        (None, None) => return String::new(),
    };
    format!("  {}", s.paint("2", &format!("({text})")))
}

fn text_line(t: &TextChange, s: Style) -> String {
    let cut = |x: &str| shorten(x, 160);
    let facts = if t.facts.is_empty() {
        String::new()
    } else {
        format!("  {}", s.paint("33", &format!("← {}", t.facts.join(", "))))
    };
    match (t.kind, t.scope) {
        (TextChangeKind::Moved, _) => {
            let from = match (&t.old_place, &t.new_place) {
                (Some(o), Some(n)) if o.path == n.path => format!(":{}", o.line),
                (Some(o), _) => place(o),
                _ => String::new(),
            };
            format!("{} {from}: {}", s.paint("36", &t!("diff-text-moved-from")), s.paint("36", &cut(&t.new)))
        }
        (TextChangeKind::Inserted, Scope::Block) => {
            format!("{} {}", s.paint("32", &t!("diff-text-paragraph-added")), s.inserted(&cut(&t.new)))
        }
        (TextChangeKind::Deleted, Scope::Block) => {
            format!("{} {}", s.paint("31", &t!("diff-text-paragraph-removed")), s.deleted(&cut(&t.old)))
        }
        _ => {
            // no space where the change is glued to its neighbours (a note number, punctuation)
            let changed = if t.new.is_empty() { &t.old } else { &t.new };
            let glued_before = changed.starts_with("[^") || changed.starts_with([',', '.', ';', ':', ')']);
            let glued_after = t.after.starts_with("[^") || t.after.starts_with([',', '.', ';', ':', ')']);
            let mut line = String::new();
            if !t.before.is_empty() {
                // the cut mark, unless the text itself begins there with one (a note's own "…")
                let before = tail(&t.before, 60);
                let mark = if before.starts_with('…') { "" } else { "…" };
                line.push_str(&format!("{mark}{before}{}", if glued_before { "" } else { " " }));
            }
            if !t.old.is_empty() {
                line.push_str(&s.deleted(&cut(&t.old)));
            }
            if !t.new.is_empty() {
                line.push_str(&s.inserted(&cut(&t.new)));
            }
            if !t.after.is_empty() {
                let after = head(&t.after, 60);
                let mark = if after.ends_with('…') { "" } else { "…" };
                line.push_str(&format!("{}{after}{mark}", if glued_after { "" } else { " " }));
            }
            line + &facts
        }
    }
}

fn note_lines(out: &mut String, notes: &[NoteChange], s: Style) {
    // the kind of change, in a column 11 wide
    let note_word = |w: String| format!("{w:<11}");
    let mut i = 0;
    while i < notes.len() {
        let n = &notes[i];
        match n.kind {
            NoteChangeKind::Renumbered => {
                // a run of notes shifted by the same amount is one line
                let shift = |n: &NoteChange| {
                    n.new.as_ref().map_or(0, |x| x.number as isize) - n.old.as_ref().map_or(0, |x| x.number as isize)
                };
                let mut j = i;
                while j + 1 < notes.len()
                    && notes[j + 1].kind == NoteChangeKind::Renumbered
                    && shift(&notes[j + 1]) == shift(n)
                    && notes[j + 1].new.as_ref().map(|x| x.number) == notes[j].new.as_ref().map(|x| x.number + 1)
                {
                    j += 1;
                }
                let num = |k: usize, old: bool| {
                    let st = if old { &notes[k].old } else { &notes[k].new };
                    st.as_ref().map_or(0, |x| x.number)
                };
                let range = |a: usize, b: usize| if a == b { format!("[^{a}]") } else { format!("[^{a}]–[^{b}]") };
                let count = j - i + 1;
                let _ = writeln!(
                    out,
                    "  {} {} → {} ({})",
                    note_word(t!("diff-note-renumbered")),
                    range(num(i, true), num(j, true)),
                    range(num(i, false), num(j, false)),
                    t!("diff-notes-renumbered-count", n = count)
                );
                i = j + 1;
                continue;
            }
            NoteChangeKind::Added => {
                let x = n.new.as_ref().expect("an added note is in NEW");
                let _ = writeln!(
                    out,
                    "  {} [^{}] {}: {}",
                    note_word(t!("diff-note-added")),
                    x.number,
                    s.paint("2", &place(&x.place)),
                    s.inserted(&shorten(&x.text, 160))
                );
            }
            NoteChangeKind::Removed => {
                let x = n.old.as_ref().expect("a removed note is in OLD");
                let _ = writeln!(
                    out,
                    "  {} [^{}] ({}): {}",
                    note_word(t!("diff-note-removed")),
                    x.number,
                    t!("diff-in-old", place = place(&x.place)),
                    s.deleted(&shorten(&x.text, 160))
                );
            }
            NoteChangeKind::Changed => {
                let (o, x) = (n.old.as_ref().expect("in OLD"), n.new.as_ref().expect("in NEW"));
                let was = if o.number != x.number {
                    format!(" ({})", t!("diff-note-was", number = o.number))
                } else {
                    String::new()
                };
                let word = note_word(t!("diff-note-changed"));
                let _ = writeln!(out, "  {word} [^{}]{was} {}", x.number, s.paint("2", &place(&x.place)));
                for t in &n.changes {
                    let _ = writeln!(out, "                {}", text_line(t, s));
                }
            }
        }
        i += 1;
    }
}

/// Whether a place is in a PDF read as printed (its line is the page's).
fn is_pdf(p: &Place) -> bool {
    p.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// `path:line[:column][ p.N[:L]]`, or `path p.N:L` in a PDF read as printed.
fn place(p: &Place) -> String {
    if is_pdf(p) {
        let page = t!("diff-page", page = p.page.unwrap_or(0));
        return format!("{} {page}:{}", p.path.display(), p.page_line.unwrap_or(p.line));
    }
    let mut out = format!("{}:{}", p.path.display(), p.line);
    if let Some(c) = p.column {
        let _ = write!(out, ":{c}");
    }
    match (p.page, p.page_line) {
        (Some(page), Some(line)) => {
            let _ = write!(out, " {}:{line}", t!("diff-page", page = page));
        }
        (Some(page), None) => {
            let _ = write!(out, " {}", t!("diff-page", page = page));
        }
        _ => {}
    }
    out
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => t!("diff-blank"),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!("[{}]", items.iter().map(value_text).collect::<Vec<_>>().join("; ")),
        other => other.to_string(),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

fn head(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

fn tail(text: &str, max: usize) -> String {
    let n = text.chars().count();
    text.chars().skip(n.saturating_sub(max)).collect()
}
