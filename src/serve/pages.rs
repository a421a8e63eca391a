//! The pages as the workspace shows them: each page as SVG (typst-svg, as sharp as the PDF), a
//! digest of what it draws (a page whose drawing did not change is not sent again), and where
//! each printed word came from — a box per stretch of glyphs, with the fact use it prints or the
//! section and line it was written at. A click on a page is looked up in these boxes.
//!
//! The boxes are read from the laid-out frames as [`crate::typeset::positions`] reads lines:
//! each glyph carries the span of the typst source it came from; the writer's map
//! ([`TypstSection::map`]) turns that into the section and the offset in its rendered text, and
//! the section's source map into a line of the file a person edits.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use serde::Serialize;
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::syntax::Span;
use typst_layout::{Page, PagedDocument};

use crate::document::{Document, Inline};
use crate::narrative::parse::walk_inlines;
use crate::typeset::{Assembled, BaocaoWorld};
use crate::writer::typst::TypstSection;

/// What a stretch of printed glyphs is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    /// The printed value of fact use `id` (see [`Document::facts`]).
    Fact {
        /// The use's id.
        id: usize,
    },
    /// Text of section `section`, from byte `offset` of its rendered text, written at `line`
    /// (1-based) of the section file.
    Text {
        /// Index of the section.
        section: usize,
        /// Rendered offset of the stretch's first glyph.
        offset: usize,
        /// Line in the section file.
        line: usize,
    },
}

/// A box on a page (points from the top left corner) and what is printed in it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HitBox {
    /// Left, top, right, bottom, in points.
    pub rect: [f64; 4],
    /// What it prints.
    pub target: Target,
}

/// One page: its size, its drawing's digest, and its boxes.
#[derive(Debug, Clone)]
pub struct PageMap {
    /// Width and height in points.
    pub size: (f64, f64),
    /// A digest of what the page draws (glyphs, shapes, images, where), not of where they came
    /// from: an edit on page 3 leaves the other pages' digests as they were.
    pub digest: u128,
    /// The boxes, in the order the page draws them.
    pub boxes: Vec<HitBox>,
}

/// Reads every page of `document` (laid out from `assembled` in `world`).
pub fn read(
    document: &PagedDocument,
    world: &BaocaoWorld,
    assembled: &Assembled,
    sections: &[TypstSection],
    model: &Document,
) -> Vec<PageMap> {
    let facts = fact_ranges(model);
    let lines: Vec<Vec<usize>> =
        model.sections.iter().map(|s| s.source.source.match_indices('\n').map(|(i, _)| i).collect()).collect();
    let mut reader = Reader {
        world,
        assembled,
        sections,
        model,
        facts: &facts,
        lines: &lines,
        ranges: crate::typeset::positions::span_ranges(world),
        last_span: (Span::detached(), None),
        last_entry: None,
        boxes: Vec::new(),
    };
    document
        .pages()
        .iter()
        .map(|page| {
            reader.boxes = Vec::new();
            reader.frame(&page.frame, Transform::identity());
            let size = page.frame.size();
            PageMap {
                size: (size.x.to_pt(), size.y.to_pt()),
                digest: digest(&page.frame),
                boxes: std::mem::take(&mut reader.boxes),
            }
        })
        .collect()
}

/// Adds a box for each printed fact use that has none: typst gives no source span to some
/// glyphs (a stretch such as `3-5` shaped again where a line ends), so they cannot be read
/// back. The writer's marker after the value (`#metadata(id)<bc-fact>`) still has a place: the
/// box ends there, on its baseline, as wide as the printed text is estimated (half an em per
/// character); figures whose markers share one place (`3-5`) share the width before it, in order.
pub fn place_unread_facts(pages: &mut [PageMap], document: &PagedDocument, model: &Document) {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    let mut boxed = std::collections::HashSet::new();
    for page in pages.iter() {
        for b in &page.boxes {
            if let Target::Fact { id } = b.target {
                boxed.insert(id);
            }
        }
    }
    let introspector = document.introspector();
    let Some(label) = Label::new(typst::utils::PicoStr::intern(crate::writer::typst::FACT_LABEL)) else { return };
    // (page, x, y in hundredths of a point) → the uses whose marker is there
    let mut unread: std::collections::BTreeMap<MarkerPlace, Vec<Marker>> = Default::default();
    for content in introspector.query(&Selector::Label(label)).iter() {
        let Some(meta) = content.to_packed::<MetadataElem>() else { continue };
        let Value::Int(id) = meta.value else { continue };
        let Ok(id) = usize::try_from(id) else { continue };
        if boxed.contains(&id) {
            continue;
        }
        let Some(place) = content.location().and_then(|l| introspector.position(l)) else { continue };
        let (x, y) = (place.point.x.to_pt(), place.point.y.to_pt());
        let key = (place.page.get(), (x * 100.0) as i64, (y * 100.0) as i64);
        unread.entry(key).or_default().push((id, x, y));
    }
    for ((page, _, _), mut uses) in unread {
        let Some(map) = pages.get_mut(page - 1) else { continue };
        uses.sort_by_key(|u| u.0);
        let (x, y) = (uses[0].1, uses[0].2);
        // the text size: of a box on the same baseline, else the body's 14 pt
        let size =
            map.boxes.iter().find(|b| b.rect[1] < y && y < b.rect[3]).map_or(14.0, |b| (b.rect[3] - b.rect[1]) / 1.05);
        let widths: Vec<f64> = uses
            .iter()
            .map(|u| {
                model.facts.get(u.0).and_then(|f| f.printed.as_ref()).map_or(1, |p| p.chars().count()) as f64
                    * size
                    * 0.5
            })
            .collect();
        let gap = size * 0.35;
        let mut left = x - widths.iter().sum::<f64>() - gap * (widths.len() - 1) as f64;
        for ((id, _, _), w) in uses.iter().zip(widths) {
            let rect = [left, y - size * 0.8, left + w, y + size * 0.25];
            map.boxes.push(HitBox { rect, target: Target::Fact { id: *id } });
            left += w + gap;
        }
    }
}

/// Where a marker is: page, and x and y in hundredths of a point.
type MarkerPlace = (usize, i64, i64);
/// A fact use's marker: the use's id, and x and y in points.
type Marker = (usize, f64, f64);

/// The page as an SVG document.
pub fn svg(page: &Page) -> String {
    typst_svg::svg(page, &typst_svg::SvgOptions::default())
}

/// The box at (`x`, `y`) (points) of a page, or the nearest one on the same line (within 6 pt
/// above or below): a click between two words still finds a line.
pub fn hit(boxes: &[HitBox], x: f64, y: f64) -> Option<&HitBox> {
    let inside = |b: &&HitBox| b.rect[0] <= x && x <= b.rect[2] && b.rect[1] <= y && y <= b.rect[3];
    if let Some(b) = boxes.iter().find(|b| inside(b) && matches!(b.target, Target::Fact { .. })) {
        return Some(b);
    }
    if let Some(b) = boxes.iter().find(inside) {
        return Some(b);
    }
    let distance = |b: &HitBox| {
        let dx = (b.rect[0] - x).max(x - b.rect[2]).max(0.0);
        let dy = (b.rect[1] - y).max(y - b.rect[3]).max(0.0);
        (dy, dx)
    };
    boxes
        .iter()
        .filter(|b| distance(b).0 <= 6.0)
        .min_by(|a, b| distance(a).partial_cmp(&distance(b)).unwrap_or(std::cmp::Ordering::Equal))
}

/// The page (1-based) and box where byte `offset` of section `section`'s rendered text is
/// printed: the box of that section starting at or nearest before it.
pub fn locate(pages: &[PageMap], section: usize, offset: usize) -> Option<(usize, HitBox)> {
    let mut best: Option<(usize, usize, HitBox)> = None;
    for (i, page) in pages.iter().enumerate() {
        for b in &page.boxes {
            if let Target::Text { section: s, offset: o, .. } = b.target
                && s == section
                && o <= offset
                && best.as_ref().is_none_or(|(start, _, _)| o > *start)
            {
                best = Some((o, i + 1, *b));
            }
        }
    }
    best.map(|(_, page, b)| (page, b))
}

/// Per section, the rendered range of each fact use printed in it, sorted.
fn fact_ranges(model: &Document) -> Vec<Vec<(Range<usize>, usize)>> {
    let mut out = vec![Vec::new(); model.sections.len()];
    let mut collect = |section: usize, blocks: &[crate::document::Block]| {
        walk_inlines(blocks, &mut |inline| {
            if let Inline::Fact { id, run } = inline
                && let Some(list) = out.get_mut(section)
            {
                list.push((run.rendered_range(0..run.text.len()), *id));
            }
        });
    };
    for (i, section) in model.sections.iter().enumerate() {
        collect(i, &section.blocks);
    }
    for note in &model.notes {
        collect(note.section, &note.blocks);
    }
    for list in &mut out {
        list.sort_by_key(|(r, _)| r.start);
    }
    out
}

struct Reader<'a> {
    world: &'a BaocaoWorld,
    assembled: &'a Assembled,
    sections: &'a [TypstSection],
    model: &'a Document,
    facts: &'a [Vec<(Range<usize>, usize)>],
    /// Per section, where each line of its file ends.
    lines: &'a [Vec<usize>],
    /// The main file's range of each of its spans.
    ranges: HashMap<Span, Range<usize>>,
    /// The last span met, and where it starts in the main file.
    last_span: (Span, Option<usize>),
    /// The main file's range of the last map entry met, and its target.
    last_entry: Option<(Range<usize>, Option<Target>)>,
    boxes: Vec<HitBox>,
}

impl Reader<'_> {
    fn frame(&mut self, frame: &Frame, ts: Transform) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(group) => {
                    let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                    self.frame(&group.frame, inner);
                }
                FrameItem::Text(text) => {
                    let size = text.size;
                    let mut x = Abs::zero();
                    for glyph in &text.glyphs {
                        let start = x + glyph.x_offset.at(size);
                        x += glyph.x_advance.at(size);
                        let Some(target) = self.target(glyph.span) else { continue };
                        let top_left = Point::new(pos.x + start, pos.y - size * 0.8).transform(ts);
                        let bottom_right = Point::new(pos.x + x, pos.y + size * 0.25).transform(ts);
                        let rect =
                            [top_left.x.to_pt(), top_left.y.to_pt(), bottom_right.x.to_pt(), bottom_right.y.to_pt()];
                        self.push(rect, target);
                    }
                }
                _ => {}
            }
        }
    }

    /// Extends the last box when the glyph continues it (same target, same line), else starts one.
    fn push(&mut self, rect: [f64; 4], target: Target) {
        if let Some(last) = self.boxes.last_mut() {
            let same = match (last.target, target) {
                (Target::Fact { id: a }, Target::Fact { id: b }) => a == b,
                (Target::Text { section: a, line: la, .. }, Target::Text { section: b, line: lb, .. }) => {
                    a == b && la == lb
                }
                _ => false,
            };
            if same && (last.rect[1] - rect[1]).abs() < 1.0 && rect[0] >= last.rect[0] - 0.5 {
                last.rect[2] = last.rect[2].max(rect[2]);
                return;
            }
        }
        self.boxes.push(HitBox { rect, target });
    }

    /// What a glyph from `span` (and the byte `delta` inside it) prints.
    fn target(&mut self, (span, delta): (Span, u16)) -> Option<Target> {
        // the glyphs of a word share a span and a map entry: the last ones found are tried first
        if self.last_span.0 != span {
            let start =
                if span.id() == Some(self.world.main_id()) { self.ranges.get(&span).map(|r| r.start) } else { None };
            self.last_span = (span, start);
        }
        let at = self.last_span.1? + usize::from(delta);
        if let Some((range, target)) = &self.last_entry
            && range.contains(&at)
        {
            return *target;
        }
        let s = self.assembled.section_ranges.iter().position(|r| r.contains(&at))?;
        let base = self.assembled.section_ranges[s].start;
        let map = &self.sections.get(s)?.map;
        let i = map.partition_point(|e| e.typst_offset <= at - base).checked_sub(1)?;
        let target = self.entry_target(map[i]);
        let end = map.get(i + 1).map_or(self.assembled.section_ranges[s].end, |e| base + e.typst_offset);
        self.last_entry = Some((base + map[i].typst_offset..end, target));
        target
    }

    /// What the text from a writer's map entry is: a fact's printed value, or a section's line.
    fn entry_target(&self, entry: crate::writer::typst::MapEntry) -> Option<Target> {
        let facts = self.facts.get(entry.section)?;
        let i = facts.partition_point(|(r, _)| r.start <= entry.offset);
        if let Some((r, id)) = i.checked_sub(1).and_then(|i| facts.get(i))
            && r.contains(&entry.offset)
        {
            return Some(Target::Fact { id: *id });
        }
        let section = self.model.sections.get(entry.section)?;
        let at = section.source.source_offset(entry.offset);
        let line = self.lines.get(entry.section)?.partition_point(|&nl| nl < at) + 1;
        Some(Target::Text { section: entry.section, offset: entry.offset, line })
    }
}

/// A digest of what a frame draws: positions, glyphs, fonts, sizes, paints, shapes and images;
/// not the spans, tags and links (where things came from moves with every edit above them).
fn digest(frame: &Frame) -> u128 {
    typst::utils::hash128(&Drawing(frame))
}

/// A frame hashed by what it draws.
struct Drawing<'a>(&'a Frame);

impl Hash for Drawing<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let frame = self.0;
        frame.size().hash(h);
        for (pos, item) in frame.items() {
            pos.hash(h);
            match item {
                FrameItem::Group(g) => {
                    0u8.hash(h);
                    g.transform.hash(h);
                    g.clip.hash(h);
                    Drawing(&g.frame).hash(h);
                }
                FrameItem::Text(t) => {
                    1u8.hash(h);
                    t.font.hash(h);
                    t.size.hash(h);
                    t.fill.hash(h);
                    t.stroke.hash(h);
                    for g in &t.glyphs {
                        (g.id, g.x_advance, g.x_offset, g.y_advance, g.y_offset).hash(h);
                    }
                }
                FrameItem::Shape(shape, _) => {
                    2u8.hash(h);
                    shape.hash(h);
                }
                FrameItem::Image(image, size, _) => {
                    3u8.hash(h);
                    image.hash(h);
                    size.hash(h);
                }
                FrameItem::Link(..) | FrameItem::Tag(_) => {}
            }
        }
    }
}
