//! The import's report: what was converted and what was not (tables, images, text boxes,
//! fields, comments, tracked changes), printed and written as `IMPORT.md` in the project.

use std::collections::BTreeMap;

use super::convert::Converted;
use super::walk::WordDoc;

/// IMPORT.md's text.
pub fn render(source: &str, doc: &WordDoc, c: &Converted, accepted: bool) -> String {
    let mut out = format!("# Imported from `{source}`\n\n");
    if c.baocao {
        out.push_str("Written by baocao: sections, heading levels and figures read back from the marks it puts in its Word files.\n\n");
    }
    out.push_str("## Converted\n\n");
    out.push_str(&format!(
        "- {} sections: {}\n",
        c.sections.len(),
        c.sections.iter().map(|s| format!("`{}`", s.file)).collect::<Vec<_>>().join(", ")
    ));
    let headings: usize = c.sections.iter().map(|s| s.headings).sum();
    out.push_str(&format!("- {headings} headings, {} paragraphs, {} list items (`-`, `+`)\n", c.paragraphs, c.items));
    out.push_str(&format!(
        "- {} footnotes as `[^n]` with their definitions; {} second references (NOTEREF) to a note already referenced\n",
        c.notes, c.second_references
    ));
    if c.facts_tagged > 0 {
        out.push_str(&format!(
            "- {} printed figures tagged with their fact key, {} facts in `content/facts/`\n",
            c.facts_tagged,
            c.facts.len()
        ));
    }
    if c.facts_found > 0 {
        out.push_str(&format!(
            "- {} figures with a unit or `%` became facts ({} distinct) in `content/facts/*.yaml`: each key is made from the words before the figure; check the keys, units and meanings\n",
            c.facts_found,
            c.facts.len()
        ));
    }
    if c.tables > 0 {
        out.push_str(&format!("- {} tables as Markdown tables (merged cells and widths are not kept)\n", c.tables));
    }
    out.push_str("\n## content/report.yaml\n\n");
    if c.missing.is_empty() {
        out.push_str("Every field was found on the first page (header table, type, summary) and the last (recipients, signer).\n");
    } else {
        out.push_str(&format!(
            "Not found, filled with a placeholder marked `KHÔNG TÌM THẤY` in report.yaml: {}.\n",
            c.missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    out.push_str("\n## Not converted\n\n");
    let s = &doc.skipped;
    let mut none = true;
    let mut line = |text: String| {
        none = false;
        out.push_str(&format!("- {text}\n"));
    };
    if s.images > 0 {
        line(format!("{} images (pictures are not part of a baocao project)", s.images));
    }
    for t in &s.text_boxes {
        line(format!("a text box: \"{}\"", shorten(t, 120)));
    }
    if s.equations > 0 {
        line(format!("{} equations", s.equations));
    }
    if s.objects > 0 {
        line(format!("{} embedded objects", s.objects));
    }
    if s.endnotes {
        line("endnotes (only footnotes are imported)".into());
    }
    let mut fields: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &s.fields {
        *fields.entry(f.as_str()).or_default() += 1;
    }
    for (name, n) in fields {
        line(format!("{n} `{name}` field{} kept as the text shown", if n == 1 { "" } else { "s" }));
    }
    if c.unreferenced_notes > 0 {
        line(format!("{} footnotes that nothing references", c.unreferenced_notes));
    }
    for t in &c.after_closing {
        line(format!("after the signature: \"{}\"", shorten(t, 120)));
    }
    if none {
        out.push_str("Nothing: no image, text box, equation, field or endnote.\n");
    }
    out.push_str("\n## Tracked changes\n\n");
    if doc.changes.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str(if accepted {
            "Applied as accepted (`--accept-changes`): insertions kept, deletions left out.\n\n"
        } else {
            "Not applied: the text is as it was before them. Import again with `--accept-changes` to accept them all.\n\n"
        });
        for ch in &doc.changes {
            out.push_str(&format!(
                "- {} by {} on {}: \"{}\"\n",
                ch.kind,
                or_unknown(&ch.author),
                or_unknown(&ch.date),
                shorten(&ch.text, 160)
            ));
        }
    }
    out.push_str("\n## Comments\n\n");
    if doc.comments.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str("Comments are not part of the project; they are listed here to act on.\n\n");
        for cm in &doc.comments {
            out.push_str(&format!(
                "- {} on {}, on \"{}\": {}\n",
                or_unknown(&cm.author),
                or_unknown(&cm.date),
                shorten(&cm.anchor, 80),
                shorten(&cm.text, 300)
            ));
        }
    }
    out
}

fn or_unknown(s: &str) -> &str {
    if s.is_empty() { "(unknown)" } else { s }
}

/// `text` cut to `n` characters with `…`.
pub fn shorten(text: &str, n: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= n { text } else { format!("{}…", text.chars().take(n).collect::<String>()) }
}
