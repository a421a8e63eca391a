//! A returned draft (`import FILE.docx --into DIR`): the .docx compared with the project it
//! was written from, block by block and word by word, and turned into edits of the sources.
//!
//! The project's model is walked as the Word writer wrote it (a paragraph per heading,
//! paragraph and item), the returned file's body likewise; the two are aligned (equal blocks
//! first, then the changed ones in order). Within a changed block the words are aligned with
//! each printed figure as one word: a figure replaced by another number is a change of its
//! fact's value (made in the YAML, at the fact's `value:` line); any other change rewrites the
//! block's Markdown from the returned text, every figure still there printed by its original
//! `{{ … }}`. Footnotes are matched by their text, then in order. Tracked changes are read as
//! rejected unless accepted ([`super::walk`]); nothing is matched by content control tags, which
//! LibreOffice drops when it saves.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;

use super::align::{Kind, Tok, alike, joined, keys, pair, tokens};
use super::markdown::{self, Seg};
use super::walk::{Item, Para, Piece, WordDoc};
use crate::document::{Block, BlockKind, Document, Inline};
use crate::lcs;
use crate::project::Project;

/// A block of the project as the writer wrote it.
struct Unit<'a> {
    section: usize,
    /// The rendered range its Markdown is replaced in; `None`: not editable here.
    range: Option<Range<usize>>,
    /// `#` level, or the item marker.
    prefix: String,
    toks: Vec<Tok>,
    _block: &'a Block,
}

/// A change of a fact's value.
#[derive(Debug, Clone, PartialEq)]
pub struct FactEdit {
    /// The key.
    pub key: String,
    /// As printed before and now.
    pub old: String,
    /// As printed in the returned file.
    pub new: String,
    /// The value to write.
    pub value: String,
}

/// What applying the draft changes.
#[derive(Debug, Default)]
pub struct Plan {
    /// New text of each changed file (relative path).
    pub files: BTreeMap<PathBuf, String>,
    /// Facts whose value changes.
    pub facts: Vec<FactEdit>,
    /// Blocks rewritten, inserted, removed.
    pub blocks: (usize, usize, usize),
    /// Notes whose text changed, and notes added.
    pub notes: (usize, usize),
    /// What could not be applied, for people.
    pub not_applied: Vec<String>,
}

fn model_tokens(inlines: &[Inline], out: &mut Vec<Tok>) {
    for inline in inlines {
        match inline {
            Inline::Text(run) | Inline::Code(run) | Inline::Html(run) => tokens(&run.text, 0, out),
            Inline::Fact { id, run } => out.push(Tok { text: run.text.clone(), kind: Kind::Fact(*id), at: 0..0 }),
            Inline::NoteRef { note, .. } => {
                out.push(Tok { text: String::new(), kind: Kind::Note(note.to_string()), at: 0..0 })
            }
            Inline::SoftBreak(_) | Inline::HardBreak(_) => tokens(" ", 0, out),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strike(c) | Inline::Link { content: c, .. } => {
                model_tokens(c, out)
            }
        }
    }
}

fn units<'a>(blocks: &'a [Block], section: usize, quoted: bool, out: &mut Vec<Unit<'a>>) {
    for block in blocks {
        let mut toks = Vec::new();
        let (prefix, range) = match &block.kind {
            BlockKind::Heading { level, content } => {
                model_tokens(content, &mut toks);
                ("#".repeat(usize::from(*level)), Some(block.range.clone()))
            }
            BlockKind::Paragraph { content, .. } => {
                model_tokens(content, &mut toks);
                (String::new(), Some(block.range.clone()))
            }
            BlockKind::Item { marker, content, blocks: inner, .. } => {
                tokens(&format!("{marker} "), 0, &mut toks);
                model_tokens(content, &mut toks);
                let rest = match inner.first().map(|b| &b.kind) {
                    Some(BlockKind::Paragraph { content, .. }) => {
                        model_tokens(content, &mut toks);
                        &inner[1..]
                    }
                    _ => &inner[..],
                };
                let simple = rest.is_empty() && !quoted;
                out.push(Unit {
                    section,
                    range: simple.then(|| block.range.clone()),
                    prefix: marker.clone(),
                    toks,
                    _block: block,
                });
                units(rest, section, quoted, out);
                continue;
            }
            BlockKind::Quote(inner) => {
                units(inner, section, true, out);
                continue;
            }
            BlockKind::Code(text) | BlockKind::Html(text) => {
                if text.trim().is_empty() {
                    continue;
                }
                tokens(text.trim_end(), 0, &mut toks);
                (String::new(), None)
            }
            BlockKind::Table { .. } | BlockKind::Rule => continue,
        };
        out.push(Unit { section, range: if quoted { None } else { range }, prefix, toks, _block: block });
    }
}

fn para_tokens(p: &Para, doc: &WordDoc) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in &p.pieces {
        match piece {
            Piece::Text { text, .. } | Piece::Control { text, .. } => {
                tokens(text, at, &mut out);
                at += text.len();
            }
            Piece::Break => {
                tokens(" ", at, &mut out);
                at += 1;
            }
            Piece::Note { id } => out.push(Tok { text: String::new(), kind: Kind::Note(id.clone()), at: at..at }),
            Piece::NoteRef { bookmark } => {
                if let Some(id) = doc.note_bookmarks.get(bookmark) {
                    out.push(Tok { text: String::new(), kind: Kind::Note(id.clone()), at: at..at });
                }
            }
        }
    }
    // the writer's space after a note's number mark
    while out.first().is_some_and(|t| t.text.trim().is_empty() && t.kind == Kind::Text) {
        out.remove(0);
    }
    out
}

/// The returned body: paragraphs between the first page's block and the closing table.
fn body(doc: &WordDoc) -> (Vec<&Para>, super::report_yaml::Fields) {
    let mut fields = super::report_yaml::Fields::default();
    let start = super::report_yaml::front(&doc.body, &mut fields);
    let end = super::report_yaml::closing(&doc.body[start..], &mut fields).map_or(doc.body.len(), |(i, _)| i + start);
    let paras = doc.body[start..end]
        .iter()
        .filter_map(|i| match i {
            Item::Para(p)
                if !p.text().trim().is_empty() || p.pieces.iter().any(|x| matches!(x, Piece::Note { .. })) =>
            {
                Some(p)
            }
            _ => None,
        })
        .collect();
    (paras, fields)
}

/// Compares the returned `doc` with `project` (and its model `model`) and plans the edits.
pub fn plan(project: &Project, model: &Document, doc: &WordDoc) -> Plan {
    let mut plan = Plan::default();
    let mut table = HashMap::new();
    // blocks
    let mut model_units = Vec::new();
    for (i, s) in model.sections.iter().enumerate() {
        units(&s.blocks, i, false, &mut model_units);
    }
    let (returned, fields) = body(doc);
    first_and_last_page(&project.report, &fields, &mut plan);
    let returned_toks: Vec<Vec<Tok>> = returned.iter().map(|p| para_tokens(p, doc)).collect();
    let unit_keys: Vec<u32> = model_units
        .iter()
        .map(|u| {
            let k = joined(&u.toks);
            let n = table.len() as u32;
            *table.entry(format!("¶{}", k.trim())).or_insert(n)
        })
        .collect();
    let para_keys: Vec<u32> = returned_toks
        .iter()
        .map(|t| {
            let k = joined(t);
            let n = table.len() as u32;
            *table.entry(format!("¶{}", k.trim())).or_insert(n)
        })
        .collect();
    // notes: the returned footnotes in reference order, matched to the model's by text
    let mut order: Vec<String> = Vec::new();
    for t in returned_toks.iter().flatten() {
        if let Kind::Note(id) = &t.kind
            && !order.contains(id)
        {
            order.push(id.clone());
        }
    }
    let mut model_notes: Vec<usize> = (0..model.notes.len()).filter(|i| model.notes[*i].number.is_some()).collect();
    model_notes.sort_by_key(|i| model.notes[*i].number);
    let note_text = |blocks: &[Block]| {
        let mut toks = Vec::new();
        for b in blocks {
            model_tokens(b.content(), &mut toks);
            toks.push(Tok { text: " ".into(), kind: Kind::Text, at: 0..0 });
        }
        joined(&toks).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let returned_note_text = |id: &str| {
        let paras = doc.notes.get(id).map(Vec::as_slice).unwrap_or(&[]);
        paras.iter().map(Para::text).collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let model_texts: Vec<String> = model_notes.iter().map(|i| note_text(&model.notes[*i].blocks)).collect();
    let returned_texts: Vec<String> = order.iter().map(|id| returned_note_text(id)).collect();
    let mk: Vec<u32> = model_texts.iter().map(|t| intern(&mut table, t)).collect();
    let rk: Vec<u32> = returned_texts.iter().map(|t| intern(&mut table, t)).collect();
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut next_label = model.notes.iter().filter_map(|n| n.label.parse::<usize>().ok()).max().unwrap_or(0) + 1;
    let mut edits: BTreeMap<usize, Vec<(Range<usize>, String)>> = BTreeMap::new();
    let mut new_notes: Vec<(usize, String, String)> = Vec::new(); // (section, label, id)
    let mut pending_new: Vec<(String, String)> = Vec::new();
    for (m, r) in pair(&mk, &rk, |m, r| alike(&model_texts[m], &returned_texts[r])) {
        match (m, r) {
            (Some(m), Some(r)) => {
                let note = &model.notes[model_notes[m]];
                labels.insert(order[r].clone(), note.label.clone());
                if mk[m] != rk[r] {
                    plan.notes.0 += 1;
                    note_edit(project, model, note, &doc.notes[&order[r]], &mut edits, &mut plan);
                }
            }
            (None, Some(r)) => {
                let label = next_label.to_string();
                next_label += 1;
                labels.insert(order[r].clone(), label.clone());
                pending_new.push((order[r].clone(), label));
                plan.notes.1 += 1;
            }
            _ => {}
        }
    }
    let mut last_end: HashMap<usize, usize> = HashMap::new();
    let mut current_section = 0;
    let unit_texts: Vec<String> = model_units.iter().map(|u| joined(&u.toks)).collect();
    let para_texts: Vec<String> = returned_toks.iter().map(|t| joined(t)).collect();
    for (m, r) in pair(&unit_keys, &para_keys, |m, r| alike(&unit_texts[m], &para_texts[r])) {
        match (m, r) {
            (Some(m), Some(r)) => {
                let unit = &model_units[m];
                current_section = unit.section;
                if let Some(range) = &unit.range {
                    last_end.insert(unit.section, range.end);
                }
                if unit_keys[m] == para_keys[r] && notes_same(&unit.toks, &returned_toks[r], &labels, model) {
                    continue;
                }
                block_edit(model, unit, returned[r], &returned_toks[r], doc, &labels, &mut edits, &mut plan);
            }
            (Some(m), None) => {
                let unit = &model_units[m];
                current_section = unit.section;
                match &unit.range {
                    Some(range) => {
                        plan.blocks.2 += 1;
                        edits.entry(unit.section).or_default().push((range.clone(), String::new()));
                    }
                    None => {
                        plan.not_applied.push(crate::t!("import-draft-block-kept", text = short(&joined(&unit.toks))))
                    }
                }
            }
            (None, Some(r)) => {
                let text = block_markdown(returned[r], &[], doc, &labels, &inserted_prefix(returned[r]));
                let at = last_end.get(&current_section).copied().unwrap_or(0);
                plan.blocks.1 += 1;
                edits.entry(current_section).or_default().push((at..at, format!("\n\n{text}")));
                for t in &returned_toks[r] {
                    if let Kind::Note(id) = &t.kind
                        && let Some((_, label)) = pending_new.iter().find(|(i, _)| i == id)
                    {
                        new_notes.push((current_section, label.clone(), id.clone()));
                    }
                }
            }
            (None, None) => {}
        }
        if let Some(r) = r {
            for t in &returned_toks[r] {
                if let Kind::Note(id) = &t.kind
                    && let Some((_, label)) = pending_new.iter().find(|(i, _)| i == id)
                    && !new_notes.iter().any(|(_, l, _)| l == label)
                {
                    new_notes.push((current_section, label.clone(), id.clone()));
                }
            }
        }
    }
    // new notes: defined at the end of the section that references them
    for (section, label, id) in new_notes {
        let paras = doc.notes.get(&id).cloned().unwrap_or_default();
        let parts: Vec<String> =
            paras.iter().map(|p| block_markdown(p, &[], doc, &labels, "")).filter(|t| !t.trim().is_empty()).collect();
        let end = model.sections[section].source.rendered.len();
        edits.entry(section).or_default().push((end..end, format!("\n[^{label}]: {}\n", parts.join("\n\n    "))));
    }
    for (section, mut list) in edits {
        let map = &model.sections[section].source;
        let mut text = map.source.clone();
        let mut spans: Vec<(Range<usize>, String)> = list.drain(..).map(|(r, t)| (map.source_range(r), t)).collect();
        spans.sort_by_key(|(r, _)| std::cmp::Reverse((r.start, r.end)));
        let mut floor = usize::MAX;
        for (range, replacement) in spans {
            if range.end > floor {
                continue;
            }
            // a block added after a block whose range ends with its line end: a blank line each side
            let replacement = match replacement.strip_prefix("\n\n") {
                Some(added) if range.is_empty() && text[..range.start].ends_with('\n') => format!("\n{added}\n"),
                _ => replacement,
            };
            // a block's range ends with its line ends (an item's, with the blank line): keep them
            let trail = text[range.clone()].len() - text[range.clone()].trim_end_matches('\n').len();
            let replacement = if replacement.is_empty() || range.is_empty() {
                replacement
            } else {
                format!("{}{}", replacement.trim_end_matches('\n'), "\n".repeat(trail))
            };
            text.replace_range(range.clone(), &replacement);
            floor = range.start;
        }
        while text.contains("\n\n\n") {
            text = text.replace("\n\n\n", "\n\n");
        }
        if text != map.source {
            plan.files.insert(map.path.clone(), text);
        }
    }
    super::draft_facts::apply(project, &mut plan);
    plan
}

/// The Markdown prefix of a paragraph added in Word: a heading's `#`s, an item's marker.
fn inserted_prefix(p: &Para) -> String {
    let text = p.text();
    let t = text.trim_start();
    if let Some(level) = p.outline.filter(|l| *l < 6) {
        return "#".repeat(usize::from(markdown::ladder_level(t).unwrap_or(level + 1)));
    }
    if t.starts_with("- ") || t.starts_with("+ ") { t[..1].to_string() } else { String::new() }
}

fn intern(table: &mut HashMap<String, u32>, key: &str) -> u32 {
    let n = table.len() as u32;
    *table.entry(format!("note:{key}")).or_insert(n)
}

fn short(text: &str) -> String {
    super::summary::shorten(text, 80)
}

/// Edits of the first page or the signature block: listed, not applied (report.yaml is
/// written by hand).
fn first_and_last_page(report: &crate::project::Report, f: &super::report_yaml::Fields, plan: &mut Plan) {
    let mut differ = |field: &str, word: String, project: String| {
        if word != project {
            plan.not_applied.push(crate::t!(
                "import-draft-field-differs",
                field = field,
                word = word,
                project = project
            ));
        }
    };
    let join = |v: &[String]| v.join(" / ");
    if !f.authority.is_empty() {
        differ("authority", join(&f.authority), join(&report.authority));
    }
    if let Some(place) = &f.place {
        differ("place", place.clone(), report.place.clone());
    }
    if let Some(Some(number)) = &f.number {
        differ("number", number.clone(), report.number.clone().unwrap_or_default());
    }
    if !f.summary.is_empty() {
        differ("summary", join(&f.summary), join(&report.summary));
    }
    if !f.signer_titles.is_empty() {
        differ("signer.titles", join(&f.signer_titles), join(&report.signer.titles));
    }
    if let Some(name) = &f.signer_name {
        differ("signer.name", name.clone(), report.signer.name.clone());
    }
    if !f.recipients.is_empty() {
        differ("recipients", join(&f.recipients), join(&report.recipients));
    }
}

/// Whether the notes referenced in a block are the same ones (by label).
fn notes_same(model: &[Tok], returned: &[Tok], labels: &HashMap<String, String>, doc: &Document) -> bool {
    let a: Vec<String> = model
        .iter()
        .filter_map(|t| match &t.kind {
            Kind::Note(i) => i.parse::<usize>().ok().and_then(|i| doc.notes.get(i)).map(|n| n.label.clone()),
            _ => None,
        })
        .collect();
    let b: Vec<String> = returned
        .iter()
        .filter_map(|t| match &t.kind {
            Kind::Note(id) => labels.get(id).cloned(),
            _ => None,
        })
        .collect();
    a == b
}

/// A changed block: fact changes, and its Markdown rewritten when its words changed.
#[allow(clippy::too_many_arguments)]
fn block_edit(
    model: &Document,
    unit: &Unit,
    para: &Para,
    toks: &[Tok],
    doc: &WordDoc,
    labels: &HashMap<String, String>,
    edits: &mut BTreeMap<usize, Vec<(Range<usize>, String)>>,
    plan: &mut Plan,
) {
    let mut table = HashMap::new();
    let (a, b) = (keys(&unit.toks, &mut table), keys(toks, &mut table));
    let mut spans: Vec<(Range<usize>, String)> = Vec::new();
    let mut words_changed = false;
    let pairs = lcs::common(&a, &b);
    for &(i, j) in &pairs {
        if let Kind::Fact(id) = unit.toks[i].kind {
            spans.push((toks[j].at.clone(), model.facts[id].expression.clone()));
        }
    }
    for h in lcs::hunks(&a, &b) {
        let (old, new) = (&unit.toks[h.old.clone()], &toks[h.new.clone()]);
        if joined(old) == joined(new) && old.iter().all(|t| !matches!(t.kind, Kind::Note(_))) {
            // a text fact, tokenised otherwise: the same words
            if let [Tok { kind: Kind::Fact(id), .. }] = old {
                let at = new.first().map_or(0, |t| t.at.start)..new.last().map_or(0, |t| t.at.end);
                spans.push((at, model.facts[*id].expression.clone()));
            }
            continue;
        }
        if let ([Tok { kind: Kind::Fact(id), text: was, .. }], [now]) = (old, new)
            && now.kind == Kind::Text
            && now.text.starts_with(|c: char| c.is_ascii_digit())
        {
            let used = &model.facts[*id];
            if used.keys.len() == 1 {
                plan.facts.push(FactEdit {
                    key: used.keys[0].clone(),
                    old: was.clone(),
                    new: now.text.clone(),
                    value: String::new(),
                });
                spans.push((now.at.clone(), used.expression.clone()));
                continue;
            }
            plan.not_applied.push(crate::t!(
                "import-draft-computed",
                old = was.to_string(),
                new = &now.text,
                expression = &used.expression
            ));
            spans.push((now.at.clone(), used.expression.clone()));
            continue;
        }
        words_changed = true;
    }
    if !words_changed && notes_same(&unit.toks, toks, labels, model) {
        return;
    }
    let Some(range) = &unit.range else {
        plan.not_applied.push(crate::t!("import-draft-nested", text = short(&joined(toks))));
        return;
    };
    plan.blocks.0 += 1;
    spans.sort_by_key(|(r, _)| r.start);
    let text = block_markdown(para, &spans, doc, labels, &unit.prefix);
    edits.entry(unit.section).or_default().push((range.clone(), text));
}

/// The returned paragraph as Markdown: the figures at `spans` printed by their expressions, the
/// notes by their labels.
fn block_markdown(
    para: &Para,
    spans: &[(Range<usize>, String)],
    doc: &WordDoc,
    labels: &HashMap<String, String>,
    prefix: &str,
) -> String {
    let heading = prefix.starts_with('#');
    // an item's marker is written by the prefix, not escaped as text
    let stripped = if heading || prefix.is_empty() { None } else { para.without_marker(prefix) };
    // the spans are offsets in the text with its marker: shifted by what was taken off the start
    let shift = stripped.as_ref().map_or(0, |s| para.text().len() - s.text().len());
    let spans: Vec<(Range<usize>, String)> = spans
        .iter()
        .filter(|(r, _)| r.start >= shift)
        .map(|(r, e)| (r.start - shift..r.end - shift, e.clone()))
        .collect();
    let para = stripped.as_ref().unwrap_or(para);
    let mut out = Vec::new();
    let mut at = 0;
    for piece in &para.pieces {
        match piece {
            Piece::Text { text, fmt } | Piece::Control { text, fmt, .. } => {
                let base = at;
                at += text.len();
                let mut last = 0;
                for (range, expr) in spans.iter().filter(|(r, _)| r.start >= base && r.end <= base + text.len()) {
                    let (s, e) = (range.start - base, range.end - base);
                    if s < last {
                        continue;
                    }
                    if s > last {
                        out.push(Seg::Text(text[last..s].to_string(), *fmt));
                    }
                    out.push(Seg::Fact { expr: expr.clone(), fmt: *fmt });
                    last = e;
                }
                if last < text.len() {
                    out.push(Seg::Text(text[last..].to_string(), *fmt));
                }
            }
            Piece::Break => {
                at += 1;
                out.push(Seg::Break);
            }
            Piece::Note { id } => out.push(Seg::Note(labels.get(id).cloned().unwrap_or_else(|| id.clone()))),
            Piece::NoteRef { bookmark } => {
                if let Some(label) = doc.note_bookmarks.get(bookmark).and_then(|id| labels.get(id)) {
                    out.push(Seg::Note(label.clone()));
                }
            }
        }
    }
    let text = markdown::inline(&out, heading, if heading || prefix.is_empty() { "" } else { "  " });
    if prefix.is_empty() { text } else { format!("{prefix} {text}") }
}

/// A note whose text changed: each changed paragraph rewritten in its definition.
fn note_edit(
    _project: &Project,
    model: &Document,
    note: &crate::document::Note,
    paras: &[Para],
    edits: &mut BTreeMap<usize, Vec<(Range<usize>, String)>>,
    plan: &mut Plan,
) {
    let paras: Vec<&Para> = paras.iter().filter(|p| !p.text().trim().is_empty()).collect();
    let mut note_units = Vec::new();
    units(&note.blocks, note.section, false, &mut note_units);
    if note_units.len() != paras.len() {
        plan.not_applied.push(crate::t!("import-draft-note-paragraphs", label = note.label.to_string()));
        return;
    }
    let empty = WordDoc::default();
    for (unit, para) in note_units.iter().zip(paras) {
        let toks = para_tokens(para, &empty);
        if joined(&unit.toks).trim() != joined(&toks).trim() {
            block_edit(model, unit, para, &toks, &empty, &HashMap::new(), edits, plan);
        }
    }
}
