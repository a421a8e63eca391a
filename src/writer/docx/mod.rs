//! The Word writer: the document model → a .docx in the Decree 30 layout of
//! `templates/report.typ.tera`, for offices that circulate a draft for comments in Word.
//!
//! It walks the same [`Document`] as the typst writer (never a second Markdown converter):
//!
//! - [`styles`]: the paragraph and character styles (Body Text; Heading 1–6 with outline levels,
//!   so that Word's navigation pane lists Phần / I. / 1. / 2.1.; footnote text and reference);
//! - [`first_page`]: the page-1 header table (authority | national title and motto; number |
//!   place and date), `BÁO CÁO` and the summary with their short rules, `DỰ THẢO` on a draft,
//!   the page number top centre from page 2;
//! - [`body`]: sections → paragraphs, headings, list items as the PDF prints them (a paragraph
//!   starting with its marker), quotes, code, tables; every printed fact in a content control
//!   tagged with its key and use id;
//! - [`notes`]: real Word footnotes, numbered by Word; a note referenced again becomes a NOTEREF
//!   field to a bookmark on its first reference, formatted as a footnote reference;
//! - [`closing`]: `Nơi nhận:` and the signature block side by side in a borderless table;
//! - [`properties`]: title, author, subject, keywords and dates (docProps/core.xml);
//! - [`package`]: what docx-rs cannot express, added to its parts, and the zip, packed with
//!   fixed timestamps and order so that the same sources give the same bytes.
//!
//! docx-rs (0.4.22, pinned) writes the parts, escaping every text. It cannot express, and so
//! [`package`] adds to the XML it built (each patch checks that it applied where expected):
//! a content control's `w:tag`; the `w:footnoteRef` mark at the start of each footnote; the
//! separator and continuation-separator footnotes (ids -1 and 0) and their `w:footnotePr` in
//! settings.xml; docProps/core.xml's creator, title, subject and keywords ([`properties`], written
//! with quick-xml's writer). docx-rs also writes attribute values unescaped: every value this
//! writer passes into an attribute goes through [`attribute`] first.
//!
//! Not reproduced from the PDF: the `watermark: true` mark across every page (a Word
//! watermark is a VML shape in the header, which docx-rs cannot write); links print their text
//! only, as the PDF shows them, without being clickable.

pub(crate) mod body;
mod closing;
mod first_page;
mod notes;
mod package;
mod properties;
mod styles;

use docx_rs::{Docx, PageMargin, RunFonts};

use crate::diagnostics::{Diagnostic, Failure};
use crate::document::Document;
use crate::project::{FontFile, Report};

/// Every size of the Word layout, in the units Word stores (twips: 1/20 pt; type sizes in
/// half-points; rules in eighths of a point), each the template's measure of the same name.
pub mod measures {
    /// A4.
    pub const PAGE_WIDTH: u32 = 11906;
    /// A4.
    pub const PAGE_HEIGHT: u32 = 16838;
    /// 20 mm.
    pub const MARGIN_TOP: i32 = 1134;
    /// 20 mm.
    pub const MARGIN_BOTTOM: i32 = 1134;
    /// 30 mm.
    pub const MARGIN_LEFT: i32 = 1701;
    /// 20 mm.
    pub const MARGIN_RIGHT: i32 = 1134;
    /// From the page's top edge to the page number (10 mm).
    pub const HEADER_DISTANCE: i32 = 567;
    /// 160 mm: the page width less the margins.
    pub const TEXT_WIDTH: i32 = 9071;
    /// Body text, 14 pt.
    pub const BODY_SIZE: usize = 28;
    /// Footnotes, 10 pt.
    pub const NOTE_SIZE: usize = 20;
    /// Authority, national title, number line: 13 pt.
    pub const HEADER_SIZE: usize = 26;
    /// Motto and place/date line: 14 pt.
    pub const MOTTO_SIZE: usize = 28;
    /// `Nơi nhận:`, 12 pt bold italic.
    pub const RECIPIENTS_LABEL_SIZE: usize = 24;
    /// The recipients, 11 pt.
    pub const RECIPIENTS_SIZE: usize = 22;
    /// `DỰ THẢO`, 13 pt bold, boxed.
    pub const DRAFT_SIZE: usize = 26;
    /// First-line indent, 1.27 cm.
    pub const INDENT: i32 = 720;
    /// Between paragraphs, 6 pt.
    pub const PARA_GAP: u32 = 120;
    /// The header table reaches 6 mm into the left margin…
    pub const HEADER_SHIFT: i32 = 340;
    /// …and 2 mm into the right one (8 mm wider than the text).
    pub const HEADER_WIDEN: i32 = 454;
    /// Between the header's two rows, 10 pt.
    pub const HEADER_GAP: u32 = 200;
    /// From the header to `BÁO CÁO`, 18 pt.
    pub const TITLE_GAP: u32 = 360;
    /// From the summary's rule to the text, 3 pt.
    pub const TITLE_AFTER: u32 = 60;
    /// The short rules, 0.6 pt.
    pub const RULE: usize = 5;
    /// Room for the signature and seal, 3.2 cm.
    pub const SIGNATURE_SPACE: u32 = 1814;
}

/// The font Word users have; Liberation Serif (in `fonts/`) is its metric twin.
pub const FONT: &str = "Times New Roman";

/// What the writer needs besides the model.
pub struct DocxInput<'a> {
    /// The narrative.
    pub document: &'a Document,
    /// report.yaml.
    pub report: &'a Report,
    /// The project's fonts, to measure the header's rules as the template does.
    pub fonts: &'a [FontFile],
    /// The document's date for its properties (W3CDTF: `2023-01-01T00:00:00Z`).
    pub date: String,
}

/// A written .docx.
#[derive(Debug, Clone)]
pub struct Written {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// How many footnotes it holds.
    pub footnotes: usize,
    /// How many printed facts are tagged.
    pub facts: usize,
}

/// Writes the report as a .docx.
pub fn write(input: &DocxInput) -> Result<Written, Failure> {
    let report = input.report;
    let mut docx = Docx::new()
        .page_size(measures::PAGE_WIDTH, measures::PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(measures::MARGIN_TOP)
                .bottom(measures::MARGIN_BOTTOM)
                .left(measures::MARGIN_LEFT)
                .right(measures::MARGIN_RIGHT)
                .header(measures::HEADER_DISTANCE)
                .footer(measures::HEADER_DISTANCE),
        )
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
        .default_size(measures::BODY_SIZE)
        .default_line_spacing(docx_rs::LineSpacing::new().after(measures::PARA_GAP));
    docx = styles::add(docx);
    docx = first_page::page_headers(docx, report);
    docx = docx.add_paragraph(first_page::lead()).add_table(first_page::header_table(report, input.fonts));
    for p in first_page::title(report) {
        docx = docx.add_paragraph(p);
    }
    let body = body::write(input.document);
    let (footnotes, facts) = (body.footnotes, body.tags.len());
    for child in body.children {
        docx = match child {
            body::Child::Paragraph(p) => docx.add_paragraph(*p),
            body::Child::Table(t) => docx.add_table(*t),
        };
    }
    docx = docx.add_table(closing::table(report));
    let files: Vec<String> = input.document.sections.iter().map(|s| crate::diagnostics::slash_path(&s.path)).collect();
    docx = docx.custom_property(body::SECTIONS_PROPERTY, files.join("\n"));
    // docx-rs numbers paragraphs with a counter it resets when it builds: build right away
    let mut xml = docx.build();
    package::patch(&mut xml, &body.tags, footnotes).map_err(|e| internal(&e))?;
    xml.doc_props.core = properties::core(report, &input.date).map_err(|e| internal(&e))?;
    let bytes = package::zip(&xml).map_err(|e| internal(&e.to_string()))?;
    Ok(Written { bytes, footnotes, facts })
}

/// A failure of the writer itself (not of the content): a bug to report.
fn internal(what: &str) -> Failure {
    Failure::content(vec![
        Diagnostic::error(crate::t!("writer-docx-failed", what = what)).help(crate::t!("writer-docx-failed-help")),
    ])
}

/// An attribute value as XML needs it: docx-rs writes attribute values as given.
pub(crate) fn attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Text as XML 1.0 can hold it: control characters (which no XML file may contain) become
/// spaces, as the PDF prints them (tabs and line ends too: a run holds one line).
pub(crate) fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c < ' ') || c == '\u{FFFE}' || c == '\u{FFFF}';
    if text.contains(bad) { text.replace(bad, " ").into() } else { text.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_and_text_are_made_safe_for_xml() {
        assert_eq!(attribute("a&b\"c<d>'"), "a&amp;b&quot;c&lt;d&gt;&apos;");
        assert_eq!(xml_text("a\u{1}b\tc\u{FFFF}"), "a b c ");
        assert!(matches!(xml_text("bình thường"), std::borrow::Cow::Borrowed(_)));
    }
}
