//! Where the narrative is on the pages: for a byte of a section's rendered text, the page and
//! the line of that page it is printed on — so that `diff` can say "page 17, line 12" of any
//! word, on both sides, not only of the figures.
//!
//! Read from the laid-out document: every text item's first glyph carries the span of the
//! typst source it came from; the writer's map ([`TypstSection::map`], an entry per word)
//! turns that into the section and the rendered offset. Lines are counted as a reader counts
//! them, and as `pdf_text` numbers the lines of any PDF: from the top of the page, the page
//! number left out, footnote lines included.

use std::collections::HashMap;
use std::ops::Range;

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::syntax::{Source, Span, SyntaxNode};
use typst_layout::PagedDocument;

use super::{Assembled, BaocaoWorld};
use crate::writer::typst::TypstSection;

/// Page and line of each printed stretch of every section.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    /// Per section: (rendered offset, page, line), sorted by offset.
    sections: Vec<Vec<(usize, usize, usize)>>,
}

impl Positions {
    /// The page (1-based) and line on that page (1-based) where byte `offset` of section
    /// `section`'s rendered text is printed, if it is printed.
    pub fn of(&self, section: usize, offset: usize) -> Option<(usize, usize)> {
        let entries = self.sections.get(section)?;
        let i = entries.partition_point(|e| e.0 <= offset).checked_sub(1)?;
        entries.get(i).map(|&(_, page, line)| (page, line))
    }
}

/// Reads the positions of the narrative in `document`, laid out from `assembled`, whose typst
/// source is `main`.
pub fn positions(
    document: &PagedDocument,
    main: &Source,
    assembled: &Assembled,
    sections: &[TypstSection],
) -> Positions {
    let mut out = Positions { sections: vec![Vec::new(); sections.len()] };
    let ranges = source_ranges(main);
    for (index, page) in document.pages().iter().enumerate() {
        let mut items = Vec::new();
        collect(&page.frame, Transform::identity(), &mut items);
        let lines = line_numbers(&items);
        for ((_, span_at), line) in items.iter().zip(lines) {
            let Some(line) = line else { continue };
            let Some((span, delta)) = span_at else { continue };
            if span.id() != Some(main.id()) {
                continue;
            }
            let Some(range) = ranges.get(span) else { continue };
            let at = range.start + usize::from(*delta);
            let Some(s) = assembled.section_ranges.iter().position(|r| r.contains(&at)) else { continue };
            let local = at - assembled.section_ranges[s].start;
            let map = &sections[s].map;
            let Some(i) = map.partition_point(|e| e.typst_offset <= local).checked_sub(1) else { continue };
            let entry = map[i];
            if let Some(list) = out.sections.get_mut(entry.section) {
                list.push((entry.offset, index + 1, line));
            }
        }
    }
    for list in &mut out.sections {
        list.sort_unstable();
        list.dedup_by_key(|e| e.0);
    }
    out
}

type Item = (f64, Option<(typst::syntax::Span, u16)>);

/// Each text item of a frame: its baseline and its first glyph's span.
fn collect(frame: &Frame, ts: Transform, out: &mut Vec<Item>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                collect(&group.frame, inner, out);
            }
            FrameItem::Text(text) => {
                let p = Point::new(pos.x, pos.y).transform(ts);
                out.push((p.y.to_pt(), text.glyphs.first().map(|g| g.span)));
            }
            _ => {}
        }
    }
}

/// The line number of each item on its page (`None` in the top margin: the page number, a
/// draft's mark): baselines within a third of a line form one line, counted from the top.
fn line_numbers(items: &[Item]) -> Vec<Option<usize>> {
    let in_text = |y: f64| y > TOP_MARGIN_PT;
    let mut ys: Vec<f64> = items.iter().map(|i| i.0).filter(|y| in_text(*y)).collect();
    ys.sort_by(f64::total_cmp);
    let mut lines: Vec<f64> = Vec::new();
    for y in ys {
        // a superscript sits up to ~5 pt above its line's baseline: it joins that line
        if lines.last().is_none_or(|first| y - first > 4.7) {
            lines.push(y);
        }
    }
    items.iter().map(|(y, _)| in_text(*y).then(|| lines.partition_point(|l| *l <= *y + 0.01).max(1))).collect()
}

/// The report's top margin (20 mm): what is printed above it is not a line of the text.
const TOP_MARGIN_PT: f64 = 56.69;

/// The range of every node of the main file, by span: one walk of its syntax tree (typst's own
/// look-up walks the tree from its root for every span, too slow for every glyph of 32 pages).
pub fn span_ranges(world: &BaocaoWorld) -> HashMap<Span, Range<usize>> {
    typst::World::source(world, world.main_id()).map(|source| source_ranges(&source)).unwrap_or_default()
}

/// [`span_ranges`] of a source.
fn source_ranges(source: &Source) -> HashMap<Span, Range<usize>> {
    fn walk(node: &SyntaxNode, offset: usize, out: &mut HashMap<Span, Range<usize>>) {
        out.insert(node.span(), offset..offset + node.len());
        let mut at = offset;
        for child in node.children() {
            walk(child, at, out);
            at += child.len();
        }
    }
    let mut out = HashMap::new();
    walk(source.root(), 0, &mut out);
    out
}
