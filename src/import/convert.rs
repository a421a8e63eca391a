//! The document read from Word → a project's content: sections split at the top-level parts,
//! headings on the report's ladder, `-`/`+` items, footnotes as `[^n]`, figures as facts,
//! report.yaml from the first and last pages.
//!
//! A .docx written by baocao is read back as it was written: its section files (named in the
//! custom property `baocao.sections`, each starting at a hidden bookmark), its heading levels
//! (the heading styles), its `right-indent` directives, and its figures by the fact keys tagged
//! on them.

use std::collections::HashMap;

use super::figures::{self, NewFact, Registry};
use super::markdown::{self, Seg};
use super::report_yaml::{self, Fields};
use super::walk::{Item, Para, Piece, WordDoc};
use crate::writer::docx::body::{SECTION_MARK, SECTIONS_PROPERTY, section_bookmark};

/// What a block of the body is.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Heading(u8),
    Para {
        right_indent: Option<i32>,
    },
    /// `typed`: the marker is typed at the start of the text (not Word's numbering).
    Item {
        marker: String,
        typed: bool,
    },
    Table,
}

struct Block<'a> {
    kind: Kind,
    item: &'a Item,
}

/// A section to write.
#[derive(Debug, Clone)]
pub struct SectionOut {
    /// The file name: `04-phat-trien-kinh-te.md`.
    pub file: String,
    /// Its Markdown.
    pub text: String,
    /// How many headings.
    pub headings: usize,
}

/// The project's content made from the document.
#[derive(Debug, Default)]
pub struct Converted {
    /// report.yaml's text.
    pub report_yaml: String,
    /// report.yaml's fields not found.
    pub missing: Vec<&'static str>,
    /// The sections.
    pub sections: Vec<SectionOut>,
    /// The facts.
    pub facts: Registry,
    /// The document was written by baocao (sections and facts read from its marks).
    pub baocao: bool,
    /// Paragraphs written.
    pub paragraphs: usize,
    /// List items written.
    pub items: usize,
    /// Tables written.
    pub tables: usize,
    /// Footnotes written.
    pub notes: usize,
    /// Second references to a note (NOTEREF).
    pub second_references: usize,
    /// Figures read by their tags.
    pub facts_tagged: usize,
    /// Figures found in the text.
    pub facts_found: usize,
    /// Paragraphs after the signature, not imported.
    pub after_closing: Vec<String>,
    /// Footnotes never referenced (not imported).
    pub unreferenced_notes: usize,
}

/// Converts the document.
pub fn convert(doc: &WordDoc) -> Converted {
    let mut fields = Fields::default();
    if let Some(k) = &doc.keywords {
        report_yaml::keywords(k, &mut fields);
    }
    let start = report_yaml::front(&doc.body, &mut fields);
    let closing = report_yaml::closing(&doc.body[start..], &mut fields).map(|(a, b)| (a + start, b + start));
    let end = closing.map(|c| c.0);
    let mut out = Converted::default();
    if let Some((_, after)) = closing {
        out.after_closing = doc.body[after..]
            .iter()
            .filter_map(|i| match i {
                Item::Para(p) => Some(p.text()).filter(|t| !t.trim().is_empty()),
                Item::Table(_) => Some("(a table)".into()),
            })
            .collect();
    }
    let body = &doc.body[start..end.unwrap_or(doc.body.len())];
    let files: Vec<String> = doc
        .properties
        .get(SECTIONS_PROPERTY)
        .map(|v| v.lines().map(|l| l.rsplit('/').next().unwrap_or(l).to_string()).collect())
        .unwrap_or_default();
    let tagged = body.iter().any(has_tag) || doc.notes.values().flatten().any(|p| has_tag(&Item::Para(p.clone())));
    out.baocao = !files.is_empty() || tagged;
    let blocks = classify(body, out.baocao);
    let sections = split(&blocks, &files);
    let year = fallback_year(body);
    let (yaml, missing) = report_yaml::write(&fields, year);
    out.report_yaml = yaml;
    out.missing = missing;
    let mut writer = Writer { doc, out: &mut out, labels: HashMap::new(), texts: HashMap::new(), detect: !tagged };
    let mut texts = Vec::new();
    for (file, range) in &sections {
        let ns = namespace(file);
        let mut md = String::new();
        let mut headings = 0;
        let mut first_refs = Vec::new();
        for block in &blocks[range.clone()] {
            let text = writer.block(block, &ns, &mut first_refs);
            if text.trim().is_empty() {
                continue;
            }
            headings += usize::from(matches!(block.kind, Kind::Heading(_)));
            if !md.is_empty() {
                md.push('\n');
            }
            md.push_str(&text);
            md.push('\n');
        }
        texts.push((file.clone(), md, headings, first_refs, ns));
    }
    // definitions at the end of the section of the first reference (a note's own notes too)
    for (file, mut md, headings, first_refs, ns) in texts {
        let mut queue = first_refs;
        let mut i = 0;
        while i < queue.len() {
            let (id, label) = queue[i].clone();
            let mut inner = Vec::new();
            let definition = writer.note(&id, &label, &ns, &mut inner);
            queue.extend(inner);
            md.push('\n');
            md.push_str(&definition);
            md.push('\n');
            i += 1;
        }
        if md.is_empty() {
            continue;
        }
        writer.out.sections.push(SectionOut { file, text: md, headings });
    }
    writer.out.unreferenced_notes = doc.notes.len().saturating_sub(writer.out.notes);
    out
}

fn has_tag(item: &Item) -> bool {
    matches!(item, Item::Para(p) if p.pieces.iter().any(|x| matches!(x, Piece::Control { tag: Some(_), .. })))
}

/// The latest year the text mentions, for a date not found.
fn fallback_year(body: &[Item]) -> i32 {
    let mut best = 2000;
    for item in body.iter().take(40) {
        if let Item::Para(p) = item {
            for w in p.text().split(|c: char| !c.is_ascii_digit()) {
                if let Ok(y) = w.parse::<i32>()
                    && w.len() == 4
                    && (1990..=2100).contains(&y)
                {
                    best = best.max(y);
                }
            }
        }
    }
    best
}

/// The blocks of the body, each with its kind.
fn classify(body: &[Item], baocao: bool) -> Vec<Block<'_>> {
    let mut out: Vec<Block> = Vec::new();
    for item in body {
        let p = match item {
            Item::Table(rows) if rows.iter().flatten().flatten().any(|p| !p.text().trim().is_empty()) => {
                out.push(Block { kind: Kind::Table, item });
                continue;
            }
            Item::Table(_) => continue,
            Item::Para(p) => p,
        };
        let text = p.text();
        let t = text.trim();
        if t.is_empty() && !p.pieces.iter().any(|x| matches!(x, Piece::Note { .. })) || report_yaml::is_rule(t) {
            continue;
        }
        let after_part = matches!(out.last(), Some(Block { kind: Kind::Heading(1), item: Item::Para(prev) }) if markdown::ladder_level(&prev.text()) == Some(1));
        let kind = if let Some(outline) = p.outline.filter(|l| *l < 6) {
            let level = if baocao { outline + 1 } else { markdown::ladder_level(t).unwrap_or(outline + 1) };
            Kind::Heading(if after_part && markdown::ladder_level(t).is_none() { 1 } else { level })
        } else if let Some(level) = bold_heading(p, t) {
            Kind::Heading(level)
        } else if after_part
            && t == t.to_uppercase()
            && (p.all_bold() || p.centered)
            && t.chars().any(char::is_alphabetic)
        {
            Kind::Heading(1)
        } else if let Some(marker) = p.list.as_deref().filter(|m| matches!(*m, "-" | "+")) {
            Kind::Item { marker: marker.to_string(), typed: false }
        } else if let Some(marker) = ["- ", "+ "].iter().find(|m| t.starts_with(**m)) {
            Kind::Item { marker: marker.trim().to_string(), typed: true }
        } else {
            Kind::Para { right_indent: if baocao { p.right_indent.filter(|r| *r < 0) } else { None } }
        };
        out.push(Block { kind, item });
    }
    out
}

/// A heading written as a bold (or, for `a)`, italic) paragraph with a ladder number.
fn bold_heading(p: &Para, text: &str) -> Option<u8> {
    let level = markdown::ladder_level(text)?;
    let all_italic = p.pieces.iter().all(|x| match x {
        Piece::Text { text, fmt } => fmt.italic || !text.chars().any(char::is_alphanumeric),
        _ => true,
    });
    let fits = text.chars().count() <= 250;
    (fits && (p.all_bold() || (level == 6 && all_italic) || (level == 1 && p.centered))).then_some(level)
}

/// The sections: (file name, range of blocks). A baocao .docx names its own; otherwise a new
/// section starts at each `Phần` and Roman heading that follows some text.
fn split(blocks: &[Block], files: &[String]) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    // baocao's marks: a bookmark where each section file starts (the names in a custom property,
    // which LibreOffice drops: then named from their first heading)
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if let Item::Para(p) = block.item {
            let marked = p.bookmarks.iter().find_map(|m| m.strip_prefix(SECTION_MARK)?.parse::<usize>().ok());
            if let Some(i) = marked.filter(|i| section_bookmark(*i).len() < 40) {
                starts.push((b, i));
            }
        }
    }
    if !starts.is_empty() {
        starts[0].0 = 0;
        let width = if starts.len() > 100 { 3 } else { 2 };
        for (k, &(b, i)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(blocks.len(), |s| s.0);
            let name = files.get(i).cloned().unwrap_or_else(|| {
                let title = blocks[b..end].iter().find_map(|x| match (&x.kind, x.item) {
                    (Kind::Heading(_), Item::Para(p)) => Some(crate::portable::slug(&strip_label(&p.text()), 4, "-")),
                    _ => None,
                });
                let title = title
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| if k == 0 { "mo-dau".into() } else { "phan".into() });
                format!("{k:0width$}-{title}.md")
            });
            out.push((name, b..end));
        }
        return out;
    }
    let mut start = 0;
    let mut has_text = false;
    let mut name = String::new();
    let mut names: Vec<String> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        match &block.kind {
            Kind::Heading(level) if *level <= 2 => {
                if has_text {
                    names.push(std::mem::take(&mut name));
                    out.push((String::new(), start..b));
                    start = b;
                    has_text = false;
                }
                if let Item::Para(p) = block.item {
                    let words = strip_label(&p.text());
                    if name.split('-').count() < 4 {
                        let add =
                            crate::portable::slug(&words, 4 - name.split('-').filter(|s| !s.is_empty()).count(), "-");
                        name = [name.as_str(), add.as_str()]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join("-");
                    }
                }
            }
            Kind::Heading(_) => has_text = true,
            _ => has_text = true,
        }
    }
    names.push(name);
    out.push((String::new(), start..blocks.len()));
    let width = if out.len() > 100 { 3 } else { 2 };
    for (i, ((file, _), name)) in out.iter_mut().zip(names).enumerate() {
        let name = if name.is_empty() { if i == 0 { "mo-dau".to_string() } else { "phan".to_string() } } else { name };
        *file = format!("{i:0width$}-{name}.md");
    }
    out
}

/// A heading's words without its number (`II. NHIỆM VỤ` → `NHIỆM VỤ`; `Phần I` stays).
fn strip_label(text: &str) -> String {
    let t = text.trim();
    match markdown::ladder_level(t) {
        Some(1) => t.to_string(),
        Some(_) => t.split_once(char::is_whitespace).map_or(String::new(), |(_, rest)| rest.to_string()),
        None => t.to_string(),
    }
}

/// The facts namespace of a section file: `04-phat-trien-kinh-te.md` → `phat_trien_kinh_te`.
fn namespace(file: &str) -> String {
    let stem = file.trim_end_matches(".md");
    let words: Vec<&str> = stem.split('-').filter(|w| !w.chars().all(|c| c.is_ascii_digit())).take(3).collect();
    let ns = words.join("_");
    if crate::facts::is_valid_name(&ns) && !figures::RESERVED.contains(&ns.as_str()) {
        ns
    } else {
        format!("muc_{}", ns.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
    }
}

struct Writer<'a> {
    doc: &'a WordDoc,
    out: &'a mut Converted,
    /// Footnote id → label.
    labels: HashMap<String, String>,
    /// A footnote's text → its label.
    texts: HashMap<String, String>,
    /// Find figures in the text (a document baocao did not write).
    detect: bool,
}

impl Writer<'_> {
    fn block(&mut self, block: &Block, ns: &str, refs: &mut Vec<(String, String)>) -> String {
        match (&block.kind, block.item) {
            (Kind::Table, Item::Table(rows)) => {
                self.out.tables += 1;
                self.table(rows, ns, refs)
            }
            (Kind::Heading(level), Item::Para(p)) => {
                let segs = self.segs(p, ns, refs);
                format!("{} {}", "#".repeat(usize::from(*level)), markdown::inline(&segs, true, ""))
            }
            (Kind::Item { marker, typed }, Item::Para(p)) => {
                self.out.items += 1;
                let stripped = if *typed { p.without_marker(marker) } else { None };
                let segs = self.segs(stripped.as_ref().unwrap_or(p), ns, refs);
                format!("{marker} {}", markdown::inline(&segs, false, "  "))
            }
            (Kind::Para { right_indent }, Item::Para(p)) => {
                self.out.paragraphs += 1;
                let segs = self.segs(p, ns, refs);
                let text = markdown::inline(&segs, false, "");
                match right_indent {
                    Some(twips) => format!("<!-- baocao: right-indent={} -->\n{text}", millimetres(*twips)),
                    None => text,
                }
            }
            _ => String::new(),
        }
    }

    fn table(&mut self, rows: &[Vec<Vec<Para>>], ns: &str, refs: &mut Vec<(String, String)>) -> String {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut lines = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            for c in 0..columns {
                let mut segs = Vec::new();
                for p in row.get(c).map(Vec::as_slice).unwrap_or(&[]) {
                    if !segs.is_empty() {
                        segs.push(Seg::Text(" ".into(), Default::default()));
                    }
                    segs.extend(self.segs(p, ns, refs));
                }
                cells.push(markdown::inline(&segs, true, "").replace("\\#", "#").replace('|', "\\|"));
            }
            lines.push(format!("| {} |", cells.join(" | ")));
            if r == 0 {
                lines.push(format!("|{}", " --- |".repeat(columns)));
            }
        }
        lines.join("\n")
    }

    /// A footnote's definition: `[^label]: …`, further paragraphs indented.
    fn note(&mut self, id: &str, label: &str, ns: &str, refs: &mut Vec<(String, String)>) -> String {
        let paras = self.doc.notes.get(id).cloned().unwrap_or_default();
        let mut parts = Vec::new();
        for p in paras.iter() {
            let segs = self.segs(p, ns, refs);
            let text = markdown::inline(&segs, false, "    ");
            if !text.trim().is_empty() {
                parts.push(text);
            }
        }
        let mut out = format!("[^{label}]: {}", parts.first().map_or("", String::as_str));
        for part in parts.iter().skip(1) {
            out.push_str("\n\n    ");
            out.push_str(part);
        }
        out
    }

    fn label(&mut self, id: &str, refs: &mut Vec<(String, String)>) -> String {
        if let Some(l) = self.labels.get(id) {
            self.out.second_references += 1;
            return l.clone();
        }
        // a footnote with the same text as one already referenced is a second reference to it
        // (pandoc writes a repeated `[^1]` as a copy of the note)
        let text = self.note_text(id);
        if !text.is_empty()
            && let Some(first) = self.texts.get(&text).cloned()
        {
            self.out.second_references += 1;
            self.labels.insert(id.to_string(), first.clone());
            return first;
        }
        self.out.notes += 1;
        let label = self.out.notes.to_string();
        self.labels.insert(id.to_string(), label.clone());
        self.texts.insert(text, label.clone());
        refs.push((id.to_string(), label.clone()));
        label
    }

    /// A footnote's text, spaces normalised.
    fn note_text(&self, id: &str) -> String {
        let paras = self.doc.notes.get(id).map(Vec::as_slice).unwrap_or(&[]);
        paras.iter().map(Para::text).collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The paragraph's pieces as segments: figures as facts, notes as labels.
    fn segs(&mut self, p: &Para, ns: &str, refs: &mut Vec<(String, String)>) -> Vec<Seg> {
        let sentence = p.text();
        let mut at = 0;
        let mut out = Vec::new();
        for (i, piece) in p.pieces.iter().enumerate() {
            match piece {
                Piece::Text { text, fmt } => {
                    let base = at;
                    at += text.len();
                    if !self.detect {
                        out.push(Seg::Text(text.to_string(), *fmt));
                        continue;
                    }
                    let mut last = 0;
                    for found in figures::detect(text) {
                        if found.range.start > last {
                            out.push(Seg::Text(text[last..found.range.start].to_string(), *fmt));
                        }
                        let key =
                            self.found_fact(&sentence, base + found.range.start..base + found.range.end, &found, ns);
                        out.push(Seg::Fact { expr: format!("{key} | {}", found.printed.filter), fmt: *fmt });
                        last = found.range.end;
                    }
                    if last < text.len() {
                        out.push(Seg::Text(text[last..].to_string(), *fmt));
                    }
                }
                Piece::Control { tag, text, fmt, .. } => {
                    let range = at..at + text.len();
                    at += text.len();
                    let keys =
                        tag.as_deref().and_then(|t| t.strip_prefix("baocao:fact:")).and_then(|t| t.split_once(':'));
                    match keys {
                        Some((_, keys)) => {
                            let next = p.pieces.get(i + 1).map(|x| match x {
                                Piece::Text { text, .. } => text.as_str(),
                                _ => "",
                            });
                            let expr = self.tagged_fact(keys, text, &sentence, range, next.unwrap_or(""));
                            out.push(Seg::Fact { expr, fmt: *fmt });
                        }
                        None => out.push(Seg::Text(text.clone(), *fmt)),
                    }
                }
                Piece::Note { id } => {
                    let label = self.label(id, refs);
                    out.push(Seg::Note(label));
                }
                Piece::NoteRef { bookmark } => {
                    if let Some(id) = self.doc.note_bookmarks.get(bookmark).cloned() {
                        let label = self.label(&id, refs);
                        out.push(Seg::Note(label));
                    }
                }
                Piece::Break => {
                    at += 1;
                    out.push(Seg::Break);
                }
            }
        }
        out
    }

    /// A figure found in the text: a new fact in namespace `ns`.
    fn found_fact(
        &mut self,
        sentence: &str,
        range: std::ops::Range<usize>,
        found: &figures::Found,
        ns: &str,
    ) -> String {
        let (start, end) = figures::clause(sentence, range.clone());
        let clause = sentence[start..end].trim().trim_start_matches(['-', '+']).trim_start();
        let before = &sentence[start..range.start];
        let period = figures::period(sentence, range.start);
        let lower = clause.to_lowercase();
        let fact = NewFact {
            name: figures::name_for(before, &found.unit, period.as_deref()),
            value: found.printed.value.clone(),
            unit: found.unit.clone(),
            meaning: clause.to_string(),
            period,
            estimate: lower.contains("ước") || lower.contains("dự kiến"),
            target: lower.contains("mục tiêu") || lower.contains("kế hoạch") || lower.contains("chỉ tiêu"),
        };
        self.out.facts_found += 1;
        self.out.facts.add(ns, fact)
    }

    /// A figure baocao tagged with its keys: the fact under its own key.
    fn tagged_fact(
        &mut self,
        keys: &str,
        printed: &str,
        sentence: &str,
        range: std::ops::Range<usize>,
        next: &str,
    ) -> String {
        self.out.facts_tagged += 1;
        let keys: Vec<&str> = keys.split(',').map(str::trim).collect();
        let single = keys.len() == 1;
        let (ns, name) = keys[0].split_once('.').unwrap_or(("facts", keys[0]));
        let name = if single { name.to_string() } else { format!("{name}_computed") };
        let (start, end) = figures::clause(sentence, range.clone());
        let period = figures::period(sentence, range.start);
        let parsed = figures::read_printed(printed);
        let unit = match &parsed {
            Some(p) if p.percent => "%".to_string(),
            _ => figures::unit_after(next).map(|(u, _)| u.to_string()).unwrap_or_else(|| {
                next.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).to_string()
            }),
        };
        let lower = sentence[start..end].to_lowercase();
        let fact = NewFact {
            name,
            value: parsed
                .as_ref()
                .map_or_else(|| serde_json::to_string(printed).unwrap_or_default(), |p| p.value.clone()),
            unit,
            meaning: sentence[start..end].trim().to_string(),
            period,
            estimate: lower.contains("ước") || lower.contains("dự kiến"),
            target: lower.contains("mục tiêu") || lower.contains("kế hoạch"),
        };
        let key = self.out.facts.add(ns, fact);
        match parsed {
            Some(p) => format!("{key} | {}", p.filter),
            None => key,
        }
    }
}

/// Twips as a `right-indent` length: `-170` → `-3mm`.
fn millimetres(twips: i32) -> String {
    let mm = (f64::from(twips) * 25.4 / 1440.0 * 10.0).round() / 10.0;
    format!("{mm}mm")
}

/// A facts file: every fact of the namespace with its value, unit, meaning, period.
pub fn facts_yaml(ns: &str, facts: &[NewFact], source: &str) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = format!("# Số liệu nhập từ `{source}` bằng `baocao import` (nhóm {ns}); xem IMPORT.md.\n");
    for f in facts {
        out.push_str(&format!("{}:\n  value: {}\n  unit: {}\n", f.name, f.value, q(&f.unit)));
        if !f.meaning.is_empty() {
            out.push_str(&format!("  meaning: {}\n", q(&f.meaning)));
        }
        if let Some(p) = &f.period {
            out.push_str(&format!("  period: {}\n", q(p)));
        }
        if f.estimate {
            out.push_str("  estimate: true\n");
        }
        if f.target {
            out.push_str("  target: true\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_indent_and_namespaces() {
        assert_eq!(millimetres(-170), "-3mm");
        assert_eq!(namespace("04-phat-trien-kinh-te.md"), "phat_trien_kinh");
        assert_eq!(namespace("00-mo-dau.md"), "mo_dau");
    }
}
