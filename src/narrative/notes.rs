//! Step 1 of the converter: parse every section once and set the footnote definitions
//! aside, so that the writer can emit a note where it is first referenced, in any section.
//!
//! Takes the sections' Markdown; hands on each section's body events, the definitions by label,
//! the footnote problems (undefined, duplicate) and, when the input is beyond
//! [`MAX_FOOTNOTES`], where the limit was passed.
//!

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::parse::{FootnoteProblem, FootnoteProblemKind, LimitExceeded, LimitKind, parser_options};
use crate::limits::MAX_FOOTNOTES;

/// Parsed events with their byte ranges in the section's Markdown.
pub(crate) type Events = Vec<(Event<'static>, Range<usize>)>;

/// A footnote definition, set aside until its first reference.
pub(crate) struct Definition {
    /// The label as written.
    pub label: String,
    /// The section that defines it.
    pub section: usize,
    /// Byte offset of the definition in that section.
    pub offset: usize,
    /// The note's content.
    pub events: Events,
    /// Its place among the definitions (document order of sections, then of the text).
    pub index: usize,
}

/// What [`collect`] found.
pub(crate) struct Collected {
    /// Each section's events without its footnote definitions.
    pub bodies: Vec<Events>,
    /// Definitions by lower-case label (the first one of a label).
    pub definitions: HashMap<String, Definition>,
    /// Undefined and duplicate notes.
    pub problems: Vec<FootnoteProblem>,
    /// Set when there are more than [`MAX_FOOTNOTES`] definitions or references.
    pub exceeded: Option<LimitExceeded>,
}

/// One section parsed: body, definitions (label, offset, events) and the ranges of its text.
struct Parsed {
    body: Events,
    definitions: Vec<(String, usize, Events)>,
    text: Vec<Range<usize>>,
}

/// Parses all sections and gathers the footnote definitions.
///
/// A note defined in one section may be referenced from another. pulldown-cmark recognises
/// `[^x]` as a reference only when `x` is defined in the same text, so a section that references
/// a label defined elsewhere is parsed again with a stub definition appended for that label.
pub(crate) fn collect(sections: &[&str]) -> Collected {
    let mut parsed: Vec<Parsed> = sections.iter().map(|md| parse(md, md.len())).collect();
    let mut defined_in: HashMap<String, usize> = HashMap::new();
    for (index, p) in parsed.iter().enumerate() {
        for (label, _, _) in &p.definitions {
            defined_in.entry(label.to_lowercase()).or_insert(index);
        }
    }
    let candidates: Vec<Vec<(String, usize)>> = sections.iter().map(|md| scan(md).referenced).collect();
    for (index, md) in sections.iter().enumerate() {
        let local: HashSet<String> = parsed[index].definitions.iter().map(|(l, _, _)| l.to_lowercase()).collect();
        let stubs: Vec<&str> = candidates[index]
            .iter()
            .map(|(l, _)| l.as_str())
            .filter(|l| !local.contains(*l) && defined_in.contains_key(*l))
            .collect();
        if stubs.is_empty() {
            continue;
        }
        let mut source = md.to_string();
        append_stubs(&mut source, stubs);
        parsed[index] = parse(&source, md.len());
    }

    let mut problems = Vec::new();
    let mut exceeded = None;
    // references that pulldown-cmark read as text (no definition anywhere)
    for (index, p) in parsed.iter().enumerate() {
        for (label, offset) in &candidates[index] {
            if !defined_in.contains_key(label) && in_ranges(&p.text, *offset) {
                problems.push(FootnoteProblem {
                    kind: FootnoteProblemKind::Undefined,
                    label: label.clone(),
                    section: index,
                    offset: *offset,
                    first: None,
                });
            }
        }
    }
    let mut definitions: HashMap<String, Definition> = HashMap::new();
    let mut bodies = Vec::with_capacity(parsed.len());
    let (mut definition_count, mut reference_count) = (0, 0);
    for (index, p) in parsed.into_iter().enumerate() {
        let references = p
            .body
            .iter()
            .chain(p.definitions.iter().flat_map(|(_, _, events)| events.iter()))
            .filter(|(e, _)| matches!(e, Event::FootnoteReference(_)));
        for (_, range) in references {
            reference_count += 1;
            if reference_count > MAX_FOOTNOTES && exceeded.is_none() {
                exceeded =
                    Some(LimitExceeded { kind: LimitKind::FootnoteReferences, section: index, offset: range.start });
            }
        }
        for (label, offset, events) in p.definitions {
            definition_count += 1;
            if definition_count > MAX_FOOTNOTES && exceeded.is_none() {
                exceeded = Some(LimitExceeded { kind: LimitKind::FootnoteDefinitions, section: index, offset });
            }
            let key = label.to_lowercase();
            if let Some(first) = definitions.get(&key) {
                problems.push(FootnoteProblem {
                    kind: FootnoteProblemKind::Duplicate,
                    label,
                    section: index,
                    offset,
                    first: Some((first.section, first.offset)),
                });
                continue;
            }
            let index_of = definitions.len();
            definitions.insert(key, Definition { label, section: index, offset, events, index: index_of });
        }
        bodies.push(p.body);
    }
    Collected { bodies, definitions, problems, exceeded }
}

/// Whether `offset` lies inside one of the sorted, non-overlapping `ranges`.
fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= offset);
    i > 0 && ranges[i - 1].contains(&offset)
}

/// Footnote labels a section defines and references, found by scanning its text.
#[derive(Default)]
pub(crate) struct Scan {
    /// Labels defined (`[^x]:` at a line start), lower-cased, with their byte offsets.
    pub(crate) defined: Vec<(String, usize)>,
    /// Labels referenced (`[^x]` elsewhere), lower-cased, with their byte offsets.
    pub(crate) referenced: Vec<(String, usize)>,
}

/// Finds the footnote labels a section's Markdown defines and references (`[^label]` not
/// followed by `:` at a line start is a reference), by scanning: pulldown-cmark reports a
/// reference to a label it has no definition for as plain text.
pub(crate) fn scan(md: &str) -> Scan {
    let mut found = Scan::default();
    let bytes = md.as_bytes();
    let mut i = 0;
    while let Some(pos) = md[i..].find("[^") {
        let start = i + pos;
        i = start + 2;
        let escaped = start > 0 && bytes[start - 1] == b'\\';
        let Some(len) = md[i..].find(|c: char| c == ']' || c == '[' || c.is_whitespace()) else { break };
        if len == 0 || bytes[i + len] != b']' || escaped {
            continue;
        }
        let label = md[i..i + len].to_lowercase();
        // a definition starts its line, after at most 3 spaces (looked at without scanning the
        // whole line: a line may hold thousands of references)
        let indent = bytes[..start].iter().rev().take(4).take_while(|b| **b == b' ').count();
        let at_line_start = indent <= 3 && (start == indent || bytes[start - indent - 1] == b'\n');
        if at_line_start && md[i + len + 1..].starts_with(':') {
            found.defined.push((label, start));
        } else {
            found.referenced.push((label, start));
        }
        i += len + 1;
    }
    found
}

/// Parses one section: the body events, the footnote definitions found before `limit` (those
/// at or after it are the stubs appended by [`collect`]) and the ranges of all text events.
fn parse(source: &str, limit: usize) -> Parsed {
    let mut parsed = Parsed { body: Vec::new(), definitions: Vec::new(), text: Vec::new() };
    let mut current: Option<(String, usize, Events, usize)> = None; // label, offset, events, depth
    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        if matches!(event, Event::Text(_)) && range.start < limit {
            parsed.text.push(range.clone());
        }
        let event = event.into_static();
        if let Some((_, _, events, depth)) = current.as_mut() {
            match &event {
                Event::Start(Tag::FootnoteDefinition(_)) => *depth += 1,
                Event::End(TagEnd::FootnoteDefinition) if *depth == 0 => {
                    let (label, offset, events, _) = current.take().expect("inside a definition");
                    if offset < limit {
                        parsed.definitions.push((label, offset, events));
                    }
                    continue;
                }
                Event::End(TagEnd::FootnoteDefinition) => *depth -= 1,
                _ => {}
            }
            events.push((event, range));
            continue;
        }
        if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
            current = Some((label.to_string(), range.start, Vec::new(), 0));
            continue;
        }
        if range.start < limit {
            parsed.body.push((event, range));
        }
    }
    parsed.text.sort_by_key(|r| r.start);
    parsed
}

/// Appends a stub definition for each label (sorted, once each), so pulldown-cmark reads
/// references to notes defined in other sections as references; stubs are never printed.
fn append_stubs(source: &mut String, mut labels: Vec<&str>) {
    labels.sort_unstable();
    labels.dedup();
    for label in labels {
        source.push_str("\n\n[^");
        source.push_str(label);
        source.push_str("]: stub\n");
    }
}
