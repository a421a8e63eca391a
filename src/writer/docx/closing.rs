//! The end of the report: `Nơi nhận:` and its list on the left, the signature block on the
//! right, side by side in a borderless two-column table (half the text width each, as the
//! template's grid), on one page.
//!
//! Left: `Nơi nhận:` 12 pt bold italic, then `- ` and each recipient, 11 pt, one a line. Right,
//! centred: the signer's titles in bold (`TM. ỦY BAN NHÂN DÂN`, `CHỦ TỊCH`), 3.2 cm for the
//! signature and seal, the name in bold.

use docx_rs::{
    AlignmentType, LineSpacing, Paragraph, SpecialIndentType, Table, TableCell, TableCellMargins, TableLayoutType,
    TableRow, WidthType,
};

use super::body::{Format, text_run};
use super::measures::{BODY_SIZE, PARA_GAP, RECIPIENTS_LABEL_SIZE, RECIPIENTS_SIZE, SIGNATURE_SPACE, TEXT_WIDTH};
use crate::project::Report;

fn line(text: &str, size: usize, f: Format, align: AlignmentType, before: u32) -> Paragraph {
    Paragraph::new()
        .align(align)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .line_spacing(LineSpacing::new().before(before).after(0))
        .keep_next(true)
        .add_run(text_run(text, f).size(size))
}

/// The recipients | signature table.
pub fn table(report: &Report) -> Table {
    let half = TEXT_WIDTH / 2;
    let bold = Format { bold: true, ..Format::default() };
    // the block stands 6 pt further from the text than a paragraph does
    let before = PARA_GAP;
    let mut left = vec![line(
        "Nơi nhận:",
        RECIPIENTS_LABEL_SIZE,
        Format { bold: true, italic: true, ..Format::default() },
        AlignmentType::Left,
        before,
    )];
    left.extend(
        report
            .recipients
            .iter()
            .map(|r| line(&format!("- {r}"), RECIPIENTS_SIZE, Format::default(), AlignmentType::Left, 0)),
    );
    let mut right: Vec<Paragraph> = report
        .signer
        .titles
        .iter()
        .enumerate()
        .map(|(i, t)| line(t, BODY_SIZE, bold, AlignmentType::Center, if i == 0 { before } else { 0 }))
        .collect();
    right.push(line(&report.signer.name, BODY_SIZE, bold, AlignmentType::Center, SIGNATURE_SPACE));
    let cell = |paragraphs: Vec<Paragraph>| {
        paragraphs.into_iter().fold(TableCell::new().width(half as usize, WidthType::Dxa), |c, p| c.add_paragraph(p))
    };
    Table::new(vec![TableRow::new(vec![cell(left), cell(right)]).cant_split()])
        .set_grid(vec![half as usize, half as usize])
        .width((half * 2) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .clear_all_border()
}
