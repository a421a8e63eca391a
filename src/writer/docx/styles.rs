//! The styles: the report's look as Word styles, so that a person editing the file in Word
//! gets the same look from the style menu and sees the headings in the navigation pane.
//!
//! Body Text: justified, 1.27 cm first-line indent, 6 pt after, single spacing (the document
//! defaults give Times New Roman 14 pt). Headings 1–6 carry Word's built-in names (`heading 1`…)
//! and outline levels 0–5, which is what the navigation pane lists, with the template's look:
//! Heading 1 (Phần) centred bold; 2–5 (I., 1., 2.1., 2.2.1.) bold with the body indent;
//! 6 (a)) in body style. Footnote text 10 pt; the footnote reference superscript.

use docx_rs::{AlignmentType, Docx, LineSpacing, SpecialIndentType, Style, StyleType, VertAlignType};

use super::measures::{INDENT, NOTE_SIZE, PARA_GAP};

/// The body's paragraph style.
pub const BODY: &str = "BodyText";
/// The footnotes' paragraph style.
pub const NOTE_TEXT: &str = "FootnoteText";
/// The footnote reference's character style (docx-rs names it on every reference it writes).
pub const NOTE_REFERENCE: &str = "FootnoteReference";

/// The style id of a heading of level 1–6.
pub fn heading(level: u8) -> String {
    format!("Heading{}", level.clamp(1, 6))
}

/// Adds every style the writer uses.
pub fn add(mut docx: Docx) -> Docx {
    let body = Style::new(BODY, StyleType::Paragraph)
        .name("Body Text")
        .next(BODY)
        .q_format(true)
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(PARA_GAP));
    docx = docx.add_style(body);
    for level in 1..=6u8 {
        let mut style = Style::new(heading(level), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on(BODY)
            .next(BODY)
            .q_format(true)
            .outline_lvl(usize::from(level - 1));
        if level < 6 {
            style = style.bold();
        }
        if level == 1 {
            style =
                style.align(AlignmentType::Center).indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None);
        }
        style.paragraph_property = style.paragraph_property.keep_next(true);
        docx = docx.add_style(style);
    }
    let note = Style::new(NOTE_TEXT, StyleType::Paragraph)
        .name("footnote text")
        .size(NOTE_SIZE)
        .align(AlignmentType::Both)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(0));
    let mut reference = Style::new(NOTE_REFERENCE, StyleType::Character).name("footnote reference");
    reference.run_property = reference.run_property.clone().vert_align(VertAlignType::SuperScript);
    docx.add_style(note).add_style(reference)
}
