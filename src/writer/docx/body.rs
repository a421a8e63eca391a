//! The narrative: sections → Word paragraphs and tables, as the template prints them.
//!
//! Paragraphs are Body Text; headings are Heading 1–6; a list item is a Body Text paragraph
//! starting with its marker and a space, its first line indented 1.27 cm per level (the
//! template's `bc-item`), and the blocks after an item's first paragraph follow it as blocks of
//! their own (a nested list, a second paragraph); quotes are indented 1.27 cm; code keeps its
//! lines; tables have single rules (in a footnote, which holds paragraphs only, a row is a paragraph, its cells apart by tabs). A `right-indent` directive becomes the paragraph's right
//! indent. Every printed fact is a content control (`w:sdt`) whose title (`w:alias`) is the
//! fact's key and whose tag (`w:tag`) is `baocao:fact:ID:KEY` ([`fact_tag`]), so that the Word
//! file still says which fact each number is.

use std::collections::HashMap;

use docx_rs::{
    AlignmentType, BreakType, LineSpacing, Paragraph, Run, SpecialIndentType, StructuredDataTag, Table, TableCell,
    TableRow, WidthType,
};

use super::measures::{INDENT, TEXT_WIDTH};
use super::styles::{self, BODY};
use super::{attribute, xml_text};
use crate::document::{Block, BlockKind, Cell, Document, Inline};

/// A piece of the body.
pub enum Child {
    /// A paragraph.
    Paragraph(Box<Paragraph>),
    /// A table.
    Table(Box<Table>),
}

/// A content control to tag: docx-rs writes its `w:alias`; [`super::package`] adds the `w:tag`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The `w:alias` value as written (escaped): the fact keys.
    pub alias: String,
    /// The `w:tag` value (escaped): `baocao:fact:ID:KEY[,KEY…]`.
    pub tag: String,
    /// In a footnote (footnotes.xml), not in the body (document.xml).
    pub in_note: bool,
}

/// The written body.
pub struct Written {
    /// Paragraphs and tables, in order.
    pub children: Vec<Child>,
    /// The content controls of printed facts, in the order docx-rs writes them in each part.
    pub tags: Vec<Tag>,
    /// How many footnotes.
    pub footnotes: usize,
}

/// The tag of fact use `id` printing `keys`: `baocao:fact:12:economy.grdp_growth`.
pub fn fact_tag(id: usize, keys: &[String]) -> String {
    format!("baocao:fact:{id}:{}", keys.join(","))
}

/// Writes every section.
pub fn write(document: &Document) -> Written {
    let mut body = Body {
        doc: document,
        out: Vec::new(),
        tags: Vec::new(),
        notes: HashMap::new(),
        pending: Vec::new(),
        in_note: false,
        footnotes: 0,
    };
    for (i, section) in document.sections.iter().enumerate() {
        let start = body.out.len();
        body.blocks(&section.blocks, &Place::default());
        // where the section file starts, for `baocao import`: a hidden bookmark (as Word's own
        // `_Ref…`) around the paragraph's first run (LibreOffice drops an empty one)
        if let Some(Child::Paragraph(p)) = body.out.get_mut(start) {
            let id = SECTION_BOOKMARK_IDS + i;
            let end = p.children.len().min(1);
            p.children.insert(end, docx_rs::ParagraphChild::BookmarkEnd(docx_rs::BookmarkEnd::new(id)));
            p.children.insert(
                0,
                docx_rs::ParagraphChild::BookmarkStart(docx_rs::BookmarkStart::new(id, section_bookmark(i))),
            );
        }
    }
    Written { children: body.out, tags: body.tags, footnotes: body.footnotes }
}

/// Bookmark ids of the section marks: far above the notes' (1, 2, …).
const SECTION_BOOKMARK_IDS: usize = 1_000_000;

/// The bookmark on the first paragraph of section `index` (its file named in the custom
/// property [`SECTIONS_PROPERTY`]).
pub fn section_bookmark(index: usize) -> String {
    format!("{SECTION_MARK}{index}")
}

/// The start of a section mark's name.
pub const SECTION_MARK: &str = "_BaocaoSection";

/// The custom document property that lists the section files, one a line, in order.
pub const SECTIONS_PROPERTY: &str = "baocao.sections";

/// Character formatting from the inlines around a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Format {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
}

/// Where blocks are written: the paragraph style and indent of their paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Place {
    /// The paragraph style (Body Text when `None`).
    pub style: Option<&'static str>,
    /// Left indent (quotes), twips.
    pub left: i32,
}

pub(super) struct Body<'a> {
    pub(super) doc: &'a Document,
    pub(super) out: Vec<Child>,
    pub(super) tags: Vec<Tag>,
    /// Notes already written: note → its bookmark (id, number).
    pub(super) notes: HashMap<usize, (usize, usize)>,
    /// Notes referenced inside a note being written: their footnotes follow the outer one's.
    pub(super) pending: Vec<usize>,
    pub(super) in_note: bool,
    pub(super) footnotes: usize,
}

impl Body<'_> {
    pub(super) fn blocks(&mut self, blocks: &[Block], place: &Place) {
        for block in blocks {
            self.block(block, place);
        }
    }

    fn paragraph(&self, place: &Place) -> Paragraph {
        let mut p = Paragraph::new().style(place.style.unwrap_or(BODY));
        if place.left != 0 {
            p = p.indent(Some(place.left), None, None, None);
        }
        p
    }

    fn push(&mut self, p: Paragraph) {
        self.out.push(Child::Paragraph(Box::new(p)));
    }

    fn block(&mut self, block: &Block, place: &Place) {
        match &block.kind {
            BlockKind::Paragraph { content, right_indent } => {
                let mut p = self.paragraph(place);
                if let Some(end) = right_indent.as_deref().and_then(twips) {
                    p = p.indent(Some(place.left), None, Some(end), None);
                }
                let p = self.inlines(p, content, Format::default());
                self.push(p);
            }
            BlockKind::Heading { level, content } => {
                let p = Paragraph::new().style(&styles::heading(*level));
                let p = self.inlines(p, content, Format::default());
                self.push(p);
            }
            BlockKind::Item { marker, depth, content, blocks } => {
                let depth = i32::try_from(*depth).unwrap_or(1).clamp(1, 12);
                let mut p = self.paragraph(place).indent(
                    Some(place.left),
                    Some(SpecialIndentType::FirstLine(INDENT * depth)),
                    None,
                    None,
                );
                p = p.add_run(text_run(&format!("{marker} "), Format::default()));
                p = self.inlines(p, content, Format::default());
                // the item's first paragraph is the item's (as in the PDF); what follows is a
                // block of its own
                let rest = match blocks.first().map(|b| &b.kind) {
                    Some(BlockKind::Paragraph { content, .. }) => {
                        p = self.inlines(p, content, Format::default());
                        &blocks[1..]
                    }
                    _ => &blocks[..],
                };
                self.push(p);
                self.blocks(rest, place);
            }
            BlockKind::Quote(inner) => {
                let quoted = Place { left: place.left + INDENT, ..place.clone() };
                self.blocks(inner, &quoted);
            }
            BlockKind::Code(code) => {
                let mut p = self.paragraph(place).align(AlignmentType::Left).indent(
                    Some(place.left),
                    Some(SpecialIndentType::FirstLine(0)),
                    None,
                    None,
                );
                for (i, line) in code.strip_suffix('\n').unwrap_or(code).split('\n').enumerate() {
                    if i > 0 {
                        p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
                    }
                    p = p.add_run(text_run(line, Format::default()));
                }
                self.push(p);
            }
            BlockKind::Table { head, rows, .. } if self.in_note => {
                // a footnote holds paragraphs only (in docx-rs): a row a paragraph, cells apart by tabs
                for row in std::iter::once(head).chain(rows) {
                    let mut p = self.paragraph(place);
                    for (i, cell) in row.iter().enumerate() {
                        if i > 0 {
                            p = p.add_run(Run::new().add_tab());
                        }
                        p = self.inlines(
                            p,
                            &cell.content,
                            Format { bold: std::ptr::eq(row, head), ..Format::default() },
                        );
                    }
                    self.push(p);
                }
            }
            BlockKind::Table { columns, head, rows } => {
                let table = self.table(*columns, head, rows);
                self.out.push(Child::Table(Box::new(table)));
            }
            BlockKind::Rule => {
                let mut p = self.paragraph(place);
                p.property = p.property.set_borders(super::first_page::bottom_border(4));
                self.push(p);
            }
            BlockKind::Html(text) => {
                if !text.trim().is_empty() {
                    let p = self.paragraph(place).add_run(text_run(text.trim_end(), Format::default()));
                    self.push(p);
                }
            }
        }
    }

    fn table(&mut self, columns: usize, head: &[Cell], rows: &[Vec<Cell>]) -> Table {
        let columns = columns.max(1);
        let width = TEXT_WIDTH as usize / columns;
        let mut table_rows = Vec::new();
        for (i, row) in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)).enumerate() {
            let format = Format { bold: i == 0, ..Format::default() };
            let cells = (0..columns)
                .map(|c| {
                    let p = Paragraph::new()
                        .style(BODY)
                        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
                        .line_spacing(LineSpacing::new().after(0));
                    let p = match row.get(c) {
                        Some(cell) => self.inlines(p, &cell.content, format),
                        None => p,
                    };
                    TableCell::new().width(width, WidthType::Dxa).add_paragraph(p)
                })
                .collect();
            table_rows.push(TableRow::new(cells));
        }
        Table::new(table_rows).set_grid(vec![width; columns]).width(width * columns, WidthType::Dxa)
    }

    pub(super) fn inlines(&mut self, mut p: Paragraph, inlines: &[Inline], f: Format) -> Paragraph {
        for inline in inlines {
            p = self.inline(p, inline, f);
        }
        p
    }

    fn inline(&mut self, p: Paragraph, inline: &Inline, f: Format) -> Paragraph {
        match inline {
            Inline::Text(run) | Inline::Code(run) | Inline::Html(run) => p.add_run(text_run(&run.text, f)),
            Inline::Fact { id, run } => {
                let keys = self.doc.facts.get(*id).map(|u| u.keys.clone()).unwrap_or_default();
                let alias = attribute(&keys.join(", "));
                let tag = attribute(&fact_tag(*id, &keys));
                self.tags.push(Tag { alias: alias.clone(), tag, in_note: self.in_note });
                p.add_structured_data_tag(StructuredDataTag::new().alias(alias).add_run(text_run(&run.text, f)))
            }
            Inline::NoteRef { note, .. } => self.note_ref(p, *note),
            Inline::SoftBreak(_) => p.add_run(text_run(" ", f)),
            Inline::HardBreak(_) => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
            Inline::Emphasis(c) => self.inlines(p, c, Format { italic: true, ..f }),
            Inline::Strong(c) => self.inlines(p, c, Format { bold: true, ..f }),
            Inline::Strike(c) => self.inlines(p, c, Format { strike: true, ..f }),
            Inline::Link { content, .. } => self.inlines(p, content, f),
        }
    }
}

/// A run of text with `f`'s formatting.
pub fn text_run(text: &str, f: Format) -> Run {
    let mut run = Run::new().add_text(xml_text(text));
    if f.bold {
        run = run.bold();
    }
    if f.italic {
        run = run.italic();
    }
    if f.strike {
        run = run.strike();
    }
    run
}

/// A typst length of a `right-indent` directive (`-3mm`, `0.5cm`, `2pt`, `0.1in`) in twips.
fn twips(length: &str) -> Option<i32> {
    let length = length.trim();
    let split = length.find(|c: char| c.is_ascii_alphabetic())?;
    let value: f64 = length[..split].trim().parse().ok()?;
    let per_unit = match &length[split..] {
        "mm" => 1440.0 / 25.4,
        "cm" => 1440.0 / 2.54,
        "pt" => 20.0,
        "in" => 1440.0,
        _ => return None,
    };
    let twips = (value * per_unit).round();
    (twips.abs() < 20_000.0).then_some(twips as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_indent_directives_become_twips() {
        assert_eq!(twips("-3mm"), Some(-170));
        assert_eq!(twips("0.5cm"), Some(283));
        assert_eq!(twips("2pt"), Some(40));
        assert_eq!(twips("1em"), None);
        assert_eq!(twips("9999mm"), None);
    }
}
