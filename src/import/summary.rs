//! The import's report: what was converted and what was not (tables, images, text boxes,
//! fields, comments, tracked changes), printed and written as `IMPORT.md` in the project.

use std::collections::BTreeMap;

use super::convert::Converted;
use super::walk::WordDoc;
use crate::t;

/// IMPORT.md's text.
pub fn render(source: &str, doc: &WordDoc, c: &Converted, accepted: bool) -> String {
    let mut out = format!("{}\n\n", t!("import-md-title", source = source));
    if c.baocao {
        out.push_str(&format!("{}\n\n", t!("import-md-by-baocao")));
    }
    out.push_str(&format!("{}\n\n", t!("import-md-converted")));
    let files = c.sections.iter().map(|s| format!("`{}`", s.file)).collect::<Vec<_>>().join(", ");
    out.push_str(&format!("- {}\n", t!("import-md-sections", n = c.sections.len(), files = files)));
    let headings: usize = c.sections.iter().map(|s| s.headings).sum();
    out.push_str(&format!(
        "- {}\n",
        t!("import-md-blocks", headings = headings, paragraphs = c.paragraphs, items = c.items)
    ));
    out.push_str(&format!("- {}\n", t!("import-md-notes", notes = c.notes, second = c.second_references)));
    if c.facts_tagged > 0 {
        out.push_str(&format!("- {}\n", t!("import-md-facts-tagged", figures = c.facts_tagged, facts = c.facts.len())));
    }
    if c.facts_found > 0 {
        out.push_str(&format!("- {}\n", t!("import-md-facts-found", figures = c.facts_found, facts = c.facts.len())));
    }
    if c.tables > 0 {
        out.push_str(&format!("- {}\n", t!("import-md-tables", n = c.tables)));
    }
    out.push_str("\n## content/report.yaml\n\n");
    if c.missing.is_empty() {
        out.push_str(&format!("{}\n", t!("import-md-all-fields")));
    } else {
        let fields = c.missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
        out.push_str(&format!("{}\n", t!("import-md-missing-fields", fields = fields)));
    }
    out.push_str(&format!("\n{}\n\n", t!("import-md-not-converted")));
    let s = &doc.skipped;
    let mut none = true;
    let mut line = |text: String| {
        none = false;
        out.push_str(&format!("- {text}\n"));
    };
    if s.images > 0 {
        line(t!("import-md-images", n = s.images));
    }
    for t in &s.text_boxes {
        line(t!("import-md-text-box", text = shorten(t, 120)));
    }
    if s.equations > 0 {
        line(t!("import-md-equations", n = s.equations));
    }
    if s.objects > 0 {
        line(t!("import-md-objects", n = s.objects));
    }
    if s.endnotes {
        line(t!("import-md-endnotes"));
    }
    let mut fields: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &s.fields {
        *fields.entry(f.as_str()).or_default() += 1;
    }
    for (name, n) in fields {
        line(t!("import-md-fields", n = n, name = name));
    }
    if c.unreferenced_notes > 0 {
        line(t!("import-md-unreferenced-notes", n = c.unreferenced_notes));
    }
    for t in &c.after_closing {
        line(t!("import-md-after-signature", text = shorten(t, 120)));
    }
    if none {
        out.push_str(&format!("{}\n", t!("import-md-nothing-skipped")));
    }
    out.push_str(&format!("\n{}\n\n", t!("import-md-tracked-changes")));
    if doc.changes.is_empty() {
        out.push_str(&format!("{}\n", t!("import-md-none")));
    } else {
        out.push_str(&format!(
            "{}\n\n",
            if accepted { t!("import-md-changes-accepted") } else { t!("import-md-changes-not-applied") }
        ));
        for ch in &doc.changes {
            let text = t!(
                "import-md-change",
                kind = change_kind(ch.kind),
                author = or_unknown(&ch.author),
                date = or_unknown(&ch.date),
                text = shorten(&ch.text, 160)
            );
            out.push_str(&format!("- {text}\n"));
        }
    }
    out.push_str(&format!("\n{}\n\n", t!("import-md-comments")));
    if doc.comments.is_empty() {
        out.push_str(&format!("{}\n", t!("import-md-none")));
    } else {
        out.push_str(&format!("{}\n\n", t!("import-md-comments-listed")));
        for cm in &doc.comments {
            let text = t!(
                "import-md-comment",
                author = or_unknown(&cm.author),
                date = or_unknown(&cm.date),
                anchor = shorten(&cm.anchor, 80),
                text = shorten(&cm.text, 300)
            );
            out.push_str(&format!("- {text}\n"));
        }
    }
    out
}

fn or_unknown(s: &str) -> String {
    if s.is_empty() { t!("import-unknown") } else { s.to_string() }
}

/// `text` cut to `n` characters with `…`.
pub fn shorten(text: &str, n: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= n { text } else { format!("{}…", text.chars().take(n).collect::<String>()) }
}

/// A tracked change's kind (`inserted`, `deleted`, as the walk names it) in the run's language.
pub fn change_kind(kind: &str) -> String {
    match kind {
        "inserted" => t!("import-change-inserted"),
        "deleted" => t!("import-change-deleted"),
        other => other.to_string(),
    }
}
