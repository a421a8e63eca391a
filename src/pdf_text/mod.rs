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
//! Measured (see `examples/pdf_text_time.rs` and `tests/pdf_text.rs`):
//! MEASUREMENTS

mod glyphs;
mod lines;

use std::fmt;
use std::path::Path;

pub use lines::{Line, Run, SPACE_GAP};

use crate::diagnostics::Diagnostic;
use crate::limits::MAX_PDF_BYTES;

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
            PdfTextError::NotAPdf => f.write_str("not a PDF file"),
            PdfTextError::Encrypted => f.write_str("the PDF is protected by a password"),
            PdfTextError::TooLarge(bytes) => write!(
                f,
                "the PDF is too large to read ({} MB; at most {} MB)",
                bytes / 1_000_000,
                MAX_PDF_BYTES / 1_000_000
            ),
            PdfTextError::Damaged(what) => write!(f, "the PDF is damaged: {what}"),
            PdfTextError::NoText => f.write_str("the PDF has no text to read (only images, or blank pages)"),
        }
    }
}

impl std::error::Error for PdfTextError {}

impl PdfTextError {
    /// The error for people: what is wrong with the file at `path`, and what to do.
    pub fn to_diagnostic(&self, path: &Path) -> Diagnostic {
        let help = match self {
            PdfTextError::NotAPdf => {
                "choose the PDF itself; a Word file (.docx) must first be saved as PDF (File → Save As → PDF)"
            }
            PdfTextError::Encrypted => {
                "open it with its password and save an unprotected copy (Print → Save as PDF), then use that copy"
            }
            PdfTextError::TooLarge(_) => {
                "a report is a few megabytes; export it again without scanned annexes, or compress its images"
            }
            PdfTextError::Damaged(_) => {
                "the file may have been cut short while copying or downloading: get a fresh copy from its sender or export it again"
            }
            PdfTextError::NoText => {
                "this looks like a scan: compare against the PDF exported from the document itself, or run OCR on it first"
            }
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
        assert!(big.contains("300 MB") && big.contains("268 MB"), "{big}");
    }

    #[test]
    fn no_input_panics_the_reader() {
        for bytes in [&b""[..], b"%PDF-", b"%PDF-1.4\n%%EOF", b"%PDF-1.4\ntrailer<</Root 1 0 R>>\n%%EOF", &[0xff; 64]] {
            assert!(lines(bytes).is_err());
        }
    }
}
