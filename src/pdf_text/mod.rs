//! The printed text of any PDF, read back in pure Rust: what a person sees on each page, line by
//! line ([`lines`]), and the report it prints rebuilt as a document of headings, paragraphs and
//! footnotes, every word with its page and line ([`document`]), so that two PDFs (an issued
//! report and a rebuilt one, or a Word export and baocao's) can be compared word by word.
//!
//! Takes the bytes of a PDF, from anyone (a LibreOffice or Word export, typst's output, a scan with
//! an OCR layer); hands on [`Page`]s of [`Line`]s, then a [`PrintedDocument`]. Nothing is taken
//! from the PDF's structure (tags, ActualText, outlines): only what is drawn, so any producer reads
//! alike. hayro-interpret (the version typst already uses) runs each page's content stream;
//! `glyphs` collects each glyph's text, origin, size and style, `lines` forms lines and
//! superscripts, `document` and `paragraphs` rebuild the document.
//!
//! Input may be anything: a file over [`crate::limits::MAX_PDF_BYTES`], one that is not a PDF,
//! encrypted, cut short or damaged, or that prints no text (a scan) is a [`PdfTextError`] with a
//! message and a help line for people; a panic inside the PDF reader is caught and becomes
//! [`PdfTextError::Damaged`].
//!
//! Measured by `tests/pdf_text.rs` on the report as baocao builds it (32 pages; the original has
//! 33): all 67 notes found, numbered 1–67, every one referenced from the body in order (note 1
//! twice), notes 9 and 45 joined over their page breaks; no U+FFFD, no format characters. Word
//! recall against the original's text layer (tests/fixtures/original): body 99.79 % of 17 258
//! words, notes 100 % of 5 560, with a line-end "2021-" joined to its next word on both sides
//! (99.75 % for the body without that joining). What is missed is not lost: the continuation of
//! note 9, which `split.py` leaves in the body of the fixture and this module puts in the note;
//! words the original breaks over two lines and this print does not ("Covid-" / "19", "NĐ-" /
//! "CP"); and the signature block, whose two columns share baselines and so interleave. The
//! LibreOffice print of `tests/fixtures/pdf/extract.md` reads back as the Markdown's headings,
//! paragraphs and notes word for word.
//!
//! Time (release build, `cargo run --release --example pdf_text -- time FILE`, median of 5 reads,
//! on a 2-core machine shared with other work): the 32-page report in 47.7, 48.3, 48.7 and 53.6 ms
//! in four runs, of which [`lines`] 41–47 ms and [`document`] about 6 ms; the 2-page LibreOffice
//! fixture in 2.2–2.3 ms.

mod document;
mod glyphs;
mod lines;
mod paragraphs;

use std::fmt;
use std::path::Path;

pub use document::{
    BlockKind, PrintedBlock, PrintedDocument, PrintedNote, PrintedWord, WordKind, document, words_text,
};
pub use lines::{Line, Run, SPACE_GAP};

use crate::diagnostics::Diagnostic;
use crate::limits::MAX_PDF_BYTES;
use crate::t;

/// Every page's text exactly as the PDF maps its glyphs to Unicode, in drawing order, with no
/// cleaning: invisible characters a reader would copy out of the PDF (zero-width spaces, word
/// joiners) are kept, so a test can show there are none. Pages are separated by form feeds.
pub fn raw_text(bytes: &[u8]) -> Result<String, PdfTextError> {
    Ok(glyphs::read_pages(bytes)?.into_iter().map(|p| p.raw).collect::<Vec<_>>().join("\u{c}"))
}

/// One page's printed lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number (the page's place in the file, not the number printed on it).
    pub number: usize,
    /// Width in points (crop box, after /Rotate).
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The lines, top to bottom; lines on one baseline (columns) left to right.
    pub lines: Vec<Line>,
}

/// Why a PDF's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfTextError {
    /// The file is not a PDF (no `%PDF-` header at its start): another kind of file, or empty.
    NotAPdf,
    /// The PDF is encrypted with a password to open it.
    Encrypted,
    /// The file is larger than [`MAX_PDF_BYTES`] (its size in bytes).
    TooLarge(u64),
    /// The PDF is damaged or cut short, or the reader failed on it: what was found.
    Damaged(String),
    /// The PDF prints no text: every page is an image (a scan without a text layer) or blank.
    NoText,
}

impl fmt::Display for PdfTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfTextError::NotAPdf => f.write_str(&t!("pdf-text-not-a-pdf")),
            PdfTextError::Encrypted => f.write_str(&t!("pdf-text-encrypted")),
            PdfTextError::TooLarge(bytes) => {
                f.write_str(&t!("pdf-text-too-large", size = bytes / 1_000_000, max = MAX_PDF_BYTES / 1_000_000))
            }
            PdfTextError::Damaged(what) => f.write_str(&t!("pdf-text-damaged", what = what)),
            PdfTextError::NoText => f.write_str(&t!("pdf-text-no-text")),
        }
    }
}

impl std::error::Error for PdfTextError {}

impl PdfTextError {
    /// The error for people: what is wrong with the file at `path`, and what to do.
    pub fn to_diagnostic(&self, path: &Path) -> Diagnostic {
        let help = match self {
            PdfTextError::NotAPdf => t!("pdf-text-not-a-pdf-help"),
            PdfTextError::Encrypted => t!("pdf-text-encrypted-help"),
            PdfTextError::TooLarge(_) => t!("pdf-text-too-large-help"),
            PdfTextError::Damaged(_) => t!("pdf-text-damaged-help"),
            PdfTextError::NoText => t!("pdf-text-no-text-help"),
        };
        Diagnostic::error(format!("`{}`: {self}", path.display())).help(help)
    }
}

/// Reads the printed lines of every page of the PDF in `bytes`, in reading order.
///
/// Fails when the file is not a PDF, is encrypted, too large or damaged, or when no page prints
/// any text ([`PdfTextError::NoText`]). Never panics.
pub fn lines(bytes: &[u8]) -> Result<Vec<Page>, PdfTextError> {
    let pages: Vec<Page> = glyphs::read_pages(bytes)?
        .into_iter()
        .enumerate()
        .map(|(i, page)| Page {
            number: i + 1,
            width: page.width,
            height: page.height,
            lines: lines::page_lines(&page.glyphs, page.width, page.height),
        })
        .collect();
    if pages.iter().all(|p| p.lines.is_empty()) {
        return Err(PdfTextError::NoText);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_what_to_do() {
        let d = PdfTextError::Encrypted.to_diagnostic(Path::new("bao-cao.pdf"));
        let out = d.render();
        assert!(out.contains("`bao-cao.pdf`: the PDF is protected by a password"), "{out}");
        assert!(out.contains("= help: open it with its password"), "{out}");
        let big = PdfTextError::TooLarge(300_000_000).to_string();
        assert!(big.contains("300 MB") && big.contains("67 MB"), "{big}");
    }

    /// A PDF written by lopdf: Helvetica not embedded (one of the standard 14), a superscript by
    /// text rise (`Ts`), text in a form XObject drawn under a `cm` that moves it down 100 pt.
    fn standard_14_pdf() -> Vec<u8> {
        use lopdf::{Document, Object, Stream, dictionary};
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
        let resources = dictionary! { "Font" => dictionary! { "F1" => font_id } };
        let form = b"BT /F1 12 Tf 72 650 Td (In a form) Tj ET".to_vec();
        let form_id = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => resources.clone() },
            form,
        ));
        let content = b"BT /F1 12 Tf 72 720 Td (Hello world) Tj 7 Ts /F1 8 Tf (12) Tj 0 Ts /F1 12 Tf ( again) Tj ET \
            q 1 0 0 1 0 -100 cm /X1 Do Q"
            .to_vec();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id }, "XObject" => dictionary! { "X1" => form_id } },
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).expect("lopdf writes to memory");
        bytes
    }

    #[test]
    fn standard_14_fonts_text_rise_and_forms_are_read() {
        let pages = lines(&standard_14_pdf()).unwrap();
        let texts: Vec<&str> = pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Hello world12 again", "In a form"]);
        let first = &pages[0].lines[0];
        assert!((first.y - 122.0).abs() < 0.01 && (first.x - 72.0).abs() < 0.01, "{first:?}");
        let sup = &first.runs[1];
        assert!(sup.superscript && sup.text == "12" && (sup.y - 115.0).abs() < 0.01 && (sup.size - 8.0).abs() < 0.01);
        assert!((pages[0].lines[1].y - 292.0).abs() < 0.01, "the form is drawn 100 pt lower: {:?}", pages[0].lines[1]);
    }

    #[test]
    fn no_input_panics_the_reader() {
        for bytes in [&b""[..], b"%PDF-", b"%PDF-1.4\n%%EOF", b"%PDF-1.4\ntrailer<</Root 1 0 R>>\n%%EOF", &[0xff; 64]] {
            assert!(lines(bytes).is_err());
        }
    }
}
