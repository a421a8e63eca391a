//! Page 1 and the page headers, as the template lays them out.
//!
//! The header is a borderless two-column table 8 mm wider than the text and reaching 6 mm into
//! the left margin (40 % | 60 %): the authority (parent authority not bold, then the authority
//! in bold, 13 pt) over a rule 0.4 times its width | the national title (13 pt bold) and the
//! motto (14 pt bold) over a rule as long as the motto; then `Số: …` (13 pt) | place and date
//! (14 pt italic). Each rule is an empty paragraph with a bottom border, its length set by its
//! indents from the width of the text above it, measured with the project's Liberation Serif
//! (Times New Roman's metric twin). `BÁO CÁO` and the summary follow, bold and centred, over a
//! rule 30 % of the text width. Page 1 has its own (empty) header — or `DỰ THẢO`, bold in a
//! box, for a draft — and the other pages the page number, top centre.

use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, LineSpacingType, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, SpecialIndentType, Table, TableCell, TableCellMargins,
    TableLayoutType, TableRow, TextBorder, WidthType,
};

use super::body::{Format, text_run};
use super::measures::{
    BODY_SIZE, DRAFT_SIZE, HEADER_GAP, HEADER_SHIFT, HEADER_SIZE, HEADER_WIDEN, MOTTO_SIZE, RULE, TEXT_WIDTH,
    TITLE_AFTER, TITLE_GAP,
};
use crate::project::FontFile;
use crate::project::{Report, Status};

/// The page headers: none on page 1 (or `DỰ THẢO` on a draft), the page number from page 2.
pub fn page_headers(docx: Docx, report: &Report) -> Docx {
    let number = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(0))
        .size(BODY_SIZE)
        .add_page_num(PageNum::new());
    let mut first = Paragraph::new().line_spacing(LineSpacing::new().after(0));
    if report.status == Status::Draft {
        // a box around the words: a run border, as Word's Borders button draws it on a selection
        first = first.indent(Some(-HEADER_SHIFT), None, None, None).add_run(
            Run::new()
                .bold()
                .size(DRAFT_SIZE)
                .text_border(TextBorder::new().border_type(BorderType::Single).size(RULE).space(2))
                .add_text("DỰ THẢO"),
        );
    }
    docx.header(Header::new().add_paragraph(number)).first_header(Header::new().add_paragraph(first))
}

/// A header line: centred, no indent, no gap after, `size` half-points.
fn line(text: &str, size: usize, f: Format) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(0))
        .add_run(text_run(text, f).size(size))
}

/// A short centred rule `width` twips long in a column `column` twips wide: an empty paragraph
/// 2 pt high with a bottom border, narrowed by its indents.
fn rule(width: i32, column: i32) -> Paragraph {
    let side = ((column - width) / 2).max(0);
    let mut p = Paragraph::new()
        .indent(Some(side), Some(SpecialIndentType::FirstLine(0)), Some(side), None)
        .line_spacing(LineSpacing::new().before(0).after(0).line(40).line_rule(LineSpacingType::Exact))
        .size(4);
    p.property = p.property.set_borders(bottom_border(RULE));
    p
}

/// A single bottom border `size` eighths of a point thick, and no other.
pub fn bottom_border(size: usize) -> ParagraphBorders {
    ParagraphBorders::with_empty()
        .set(ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(size).space(0))
}

fn cell(width: i32, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut cell = TableCell::new().width(width as usize, WidthType::Dxa);
    for p in paragraphs {
        cell = cell.add_paragraph(p);
    }
    cell
}

/// A paragraph 1 pt high before the header table: LibreOffice sets a table that starts the
/// document one empty line (22 pt) lower than Word does; after a paragraph it sets it where
/// Word does, at the top margin.
pub fn lead() -> Paragraph {
    spacer(20)
}

/// The header table.
pub fn header_table(report: &Report, fonts: &[FontFile]) -> Table {
    let total = TEXT_WIDTH + HEADER_WIDEN;
    let left = total * 2 / 5;
    let right = total - left;
    let bold = Format { bold: true, ..Format::default() };
    let mut authority: Vec<Paragraph> =
        report.parent_authority.iter().map(|l| line(l, HEADER_SIZE, Format::default())).collect();
    authority.extend(report.authority.iter().map(|l| line(l, HEADER_SIZE, bold)));
    let authority_width = report
        .parent_authority
        .iter()
        .map(|l| text_width(fonts, false, l, HEADER_SIZE))
        .chain(report.authority.iter().map(|l| text_width(fonts, true, l, HEADER_SIZE)))
        .max()
        .unwrap_or(0);
    authority.push(spacer(80));
    authority.push(rule(authority_width * 2 / 5, left));
    let motto_width = text_width(fonts, true, &report.motto, MOTTO_SIZE);
    let title = vec![
        line(&report.national_title, HEADER_SIZE, bold),
        line(&report.motto, MOTTO_SIZE, bold),
        spacer(60),
        rule(motto_width, right),
    ];
    let gap = |p: Paragraph| p.line_spacing(LineSpacing::new().before(HEADER_GAP).after(0));
    let number = gap(line(&report.number_line(), HEADER_SIZE, Format::default()));
    let date = gap(line(&report.place_date_line(), MOTTO_SIZE, Format { italic: true, ..Format::default() }));
    Table::new(vec![
        TableRow::new(vec![cell(left, authority), cell(right, title)]).cant_split(),
        TableRow::new(vec![cell(left, vec![number]), cell(right, vec![date])]).cant_split(),
    ])
    .set_grid(vec![left as usize, right as usize])
    .width(total as usize, WidthType::Dxa)
    .indent(-HEADER_SHIFT)
    .layout(TableLayoutType::Fixed)
    .margins(TableCellMargins::new().margin(0, 0, 0, 0))
    .clear_all_border()
}

/// An empty paragraph `height` twips high: the small gaps between a line and its rule.
fn spacer(height: i32) -> Paragraph {
    Paragraph::new()
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(0).line(height).line_rule(LineSpacingType::Exact))
        .size(2)
}

/// `BÁO CÁO`, the summary, its rule.
pub fn title(report: &Report) -> Vec<Paragraph> {
    let bold = Format { bold: true, ..Format::default() };
    let mut out = vec![
        line(&report.document_type, BODY_SIZE, bold).line_spacing(LineSpacing::new().before(TITLE_GAP).after(100)),
    ];
    for l in &report.summary {
        out.push(line(l, BODY_SIZE, bold).line_spacing(LineSpacing::new().before(0).after(100)));
    }
    out.push(
        rule(TEXT_WIDTH * 3 / 10, TEXT_WIDTH)
            .line_spacing(LineSpacing::new().before(0).after(TITLE_AFTER).line(40).line_rule(LineSpacingType::Exact)),
    );
    out
}

/// The width of `text` at `size` half-points in twips, measured with the project's Liberation
/// Serif (regular or bold); half an em a character when that font is not there.
pub fn text_width(fonts: &[FontFile], bold: bool, text: &str, size: usize) -> i32 {
    let face = fonts.iter().find_map(|f| {
        let face = ttf_parser::Face::parse(&f.data, 0).ok()?;
        let family = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::FAMILY)
            .find_map(|n| n.to_string())?;
        (matches!(family.as_str(), "Liberation Serif" | "Times New Roman")
            && face.is_bold() == bold
            && !face.is_italic())
        .then_some(face)
    });
    // twips per font unit: size/2 pt × 20 twips / units per em
    let Some(face) = face else { return (text.chars().count() * size * 10 / 2) as i32 };
    let units: u32 =
        text.chars().map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(0, u32::from)).sum();
    (f64::from(units) * size as f64 * 10.0 / f64::from(face.units_per_em())).round() as i32
}
