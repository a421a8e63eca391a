//! The glyphs a PDF draws, page by page: hayro-interpret runs each page's content stream (forms,
//! annotation appearances and text rise included) into a [`Device`] that keeps, for every glyph,
//! its Unicode text, baseline origin, size, advance and font style.
//!
//! Everything hayro does runs under [`std::panic::catch_unwind`]: a panic inside it on a
//! malformed file becomes [`PdfTextError::Damaged`], never a crash.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use hayro_interpret::font::{FontData, Glyph as HayroGlyph};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache, InterpreterSettings, Paint,
    PathDrawMode, SoftMask, TransformExt, interpret_page,
};
use kurbo::{Affine, BezPath, Point, Rect};

use super::PdfTextError;
use crate::limits::{MAX_PDF_BYTES, MAX_PDF_PAGE_GLYPHS};

/// The font given to hayro for fonts a PDF names but does not embed (the standard 14: Times,
/// Helvetica, Courier…). Glyph widths of the standard 14 come from hayro's own metrics; the font
/// is needed only so that hayro draws the glyphs at all (without one it silently draws none).
static FALLBACK_FONT: &[u8] = include_bytes!("../../fonts/LiberationSerif-Regular.ttf");

/// One glyph as drawn: text already cleaned of invisible format characters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// The Unicode text (one or more characters; `" "` for a space glyph).
    pub text: String,
    /// Baseline origin, in points from the page's left edge.
    pub x: f64,
    /// Baseline origin, in points down from the page's top edge (text rise included).
    pub y: f64,
    /// Effective font size in points (font size × text matrix × CTM).
    pub size: f64,
    /// Advance width in points, when the font says.
    pub advance: Option<f64>,
    /// The font is bold (weight ≥ 600, or "Bold"/"Black"/"Heavy" in its name).
    pub bold: bool,
    /// The font is italic or oblique.
    pub italic: bool,
}

impl Glyph {
    /// True for a glyph that draws only white space.
    pub fn is_space(&self) -> bool {
        self.text.chars().all(|c| c == ' ')
    }

    /// Where the glyph ends: its origin plus its advance (half an em when unknown).
    pub fn end(&self) -> f64 {
        self.x + self.advance.unwrap_or(self.size * 0.5)
    }
}

/// The glyphs of one page, with the page's size.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageGlyphs {
    /// Width of the page (crop box, after /Rotate), in points.
    pub width: f64,
    /// Height of the page, in points.
    pub height: f64,
    /// The glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// The text of every glyph as the PDF maps it to Unicode, invisible characters included,
    /// in content-stream order: what a reader copying from the page may get.
    pub raw: String,
}

/// Reads every page's glyphs. Errors: not a PDF, encrypted, too large, damaged (hayro cannot
/// open it, it is cut short, it panics, or a page draws more than [`MAX_PDF_PAGE_GLYPHS`]).
pub(crate) fn read_pages(bytes: &[u8]) -> Result<Vec<PageGlyphs>, PdfTextError> {
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(PdfTextError::TooLarge(bytes.len() as u64));
    }
    // "%PDF-" must be in the first 1024 bytes (readers allow junk before it)
    if !contains(&bytes[..bytes.len().min(1024)], b"%PDF-") {
        return Err(PdfTextError::NotAPdf);
    }
    // and "%%EOF" in the last 1024: without it the file was cut short (a copy or a download that
    // stopped), and hayro might still recover some pages, silently missing the rest
    if !contains(&bytes[bytes.len().saturating_sub(1024)..], b"%%EOF") {
        return Err(PdfTextError::Damaged(crate::t!("pdf-text-cut-short")));
    }
    let data = bytes.to_vec();
    guarded(|| read_pages_unguarded(data))
}

/// Runs `read`, a panic in it (in hayro, on a malformed file) turned into [`PdfTextError::Damaged`].
fn guarded<T>(read: impl FnOnce() -> Result<T, PdfTextError>) -> Result<T, PdfTextError> {
    catch_unwind(AssertUnwindSafe(read)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| crate::t!("pdf-text-unknown-error"));
        Err(PdfTextError::Damaged(crate::t!("pdf-text-reader-stopped", message = message)))
    })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn read_pages_unguarded(data: Vec<u8>) -> Result<Vec<PageGlyphs>, PdfTextError> {
    let pdf = Pdf::new(data).map_err(|e| match e {
        LoadPdfError::Decryption(_) => PdfTextError::Encrypted,
        LoadPdfError::Invalid => PdfTextError::Damaged(crate::t!("pdf-text-no-xref")),
    })?;
    let fallback: FontData = Arc::new(FALLBACK_FONT);
    let settings = InterpreterSettings {
        font_resolver: Arc::new(move |_query| Some((fallback.clone(), 0))),
        ..InterpreterSettings::default()
    };
    let cache = InterpreterCache::new();
    let mut pages = Vec::new();
    for page in pdf.pages().iter() {
        let (width, height) = page.render_dimensions();
        let (width, height) = (f64::from(width), f64::from(height));
        let mut context = Context::new(
            page.initial_transform(true).to_kurbo(), // y down from the top, crop box and /Rotate applied
            Rect::new(0.0, 0.0, width, height),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        let mut device = Collector::default();
        interpret_page(page, &mut context, &mut device);
        if device.overflow {
            return Err(PdfTextError::Damaged(crate::t!(
                "pdf-text-too-many-glyphs",
                page = pages.len() + 1,
                max = MAX_PDF_PAGE_GLYPHS
            )));
        }
        pages.push(PageGlyphs { width, height, glyphs: device.glyphs, raw: device.raw });
    }
    Ok(pages)
}

/// The [`Device`]: keeps glyphs, ignores paths, images and clipping.
#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    raw: String,
    /// (bold, italic) by font cache key.
    styles: HashMap<u128, (bool, bool)>,
    overflow: bool,
}

impl Collector {
    fn style(&mut self, glyph: &HayroGlyph) -> (bool, bool) {
        let HayroGlyph::Outline(outline) = glyph else { return (false, false) };
        *self.styles.entry(outline.font_cache_key()).or_insert_with(|| {
            let Some(data) = outline.font_data() else { return (false, false) };
            let name = data.postscript_name.unwrap_or_default().to_ascii_lowercase();
            let bold = data.weight.is_some_and(|w| w >= 600)
                || ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| name.contains(w));
            let italic = data.is_italic || name.contains("italic") || name.contains("oblique");
            (bold, italic)
        })
    }
}

/// The text of a glyph: invisible format characters removed (zero-width space, word joiner, soft
/// hyphen, byte-order mark, bidi marks), other spaces (no-break, thin, ideographic…) made plain
/// spaces, control characters dropped. Empty when nothing printable is left.
pub(crate) fn clean_text(raw: &str) -> String {
    raw.chars().filter(|c| !is_invisible(*c)).map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
}

/// Characters that print nothing and carry no spacing.
pub(crate) fn is_invisible(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

impl<'a> Device<'a> for Collector {
    fn draw_glyph(&mut self, glyph: &HayroGlyph<'a>, ctm: Affine, glyph_tf: Affine, _: &Paint<'a>, _: &GlyphDrawMode) {
        // fill, stroke and invisible (OCR layer) text are all kept: fill+stroke text comes twice
        // and the copy is dropped when lines are built
        if self.overflow {
            return;
        }
        if self.glyphs.len() >= MAX_PDF_PAGE_GLYPHS {
            self.overflow = true;
            return;
        }
        let t = ctm * glyph_tf; // glyph space (1000 units per em) → page space (points, y down)
        let [a, b, c, d, _, _] = t.as_coeffs();
        // upright text only: a rotated or mirrored glyph (a vertical margin note, a stamp) is not
        // on a line of the page's text
        let size = 1000.0 * c.hypot(d);
        let upright = a > 0.0 && d < 0.0 && b.abs() <= 0.05 * a && c.abs() <= 0.05 * -d;
        if !upright || !size.is_finite() || size < 0.5 {
            return;
        }
        let origin = t * Point::ORIGIN;
        if !origin.x.is_finite() || !origin.y.is_finite() {
            return;
        }
        let (unicode, advance) = match glyph {
            HayroGlyph::Outline(g) => (g.as_unicode(), g.advance_width().map(|w| f64::from(w) * a.hypot(b))),
            HayroGlyph::Type3(g) => (g.as_unicode(), None),
        };
        let raw = match unicode {
            Some(BfString::Char(c)) => c.to_string(),
            Some(BfString::String(s)) => s,
            None => "\u{FFFD}".to_string(),
        };
        self.raw.push_str(&raw);
        let text = clean_text(&raw);
        if text.is_empty() {
            return;
        }
        let (bold, italic) = self.style(glyph);
        let advance = advance.filter(|w| w.is_finite() && *w >= 0.0 && *w < size * 4.0);
        self.glyphs.push(Glyph { text, x: origin.x, y: origin.y, size, advance, bold, italic });
    }

    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_go_and_odd_spaces_become_spaces() {
        assert_eq!(clean_text("2021-\u{200b}2026"), "2021-2026");
        assert_eq!(clean_text("30/\u{2060}11"), "30/11");
        assert_eq!(clean_text("kinh\u{ad}tế\u{feff}"), "kinhtế");
        assert_eq!(clean_text("1\u{a0}Gồm\u{2009}x"), "1 Gồm x");
        assert_eq!(clean_text("\u{200b}"), "");
    }

    #[test]
    fn a_panic_in_the_reader_is_a_damaged_file() {
        let result: Result<(), _> = guarded(|| panic!("index out of bounds"));
        assert_eq!(result, Err(PdfTextError::Damaged("the PDF reader stopped on it (index out of bounds)".into())));
    }

    #[test]
    fn not_a_pdf_empty_or_cut_short() {
        assert_eq!(read_pages(b"").unwrap_err(), PdfTextError::NotAPdf);
        assert_eq!(read_pages(b"hello world").unwrap_err(), PdfTextError::NotAPdf);
        assert!(matches!(read_pages(b"%PDF-1.7\n1 0 obj").unwrap_err(), PdfTextError::Damaged(_)));
        assert!(matches!(read_pages(b"%PDF-1.7\n%%EOF\n").unwrap_err(), PdfTextError::Damaged(_)));
    }
}
