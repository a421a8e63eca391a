//! Glyphs → printed lines: glyphs on one baseline form a line, a small raised (or lowered) glyph
//! joins the line it belongs to as a superscript (subscript), and each line is read left to
//! right in runs of one size, baseline and style, with a space wherever the gap between two
//! glyphs is wider than [`SPACE_GAP`] em.

use std::collections::HashMap;

use super::glyphs::Glyph;

/// A gap between two glyphs wider than this share of the font size is a space between words
/// (LibreOffice draws no space glyph in justified gaps; a letter's own spacing and kerning stay
/// well under 0.1 em).
pub const SPACE_GAP: f64 = 0.15;

/// The most baselines on a page for which superscripts are joined to their lines (a dense page
/// has about 60).
const MAX_LINES_TO_ATTACH: usize = 5_000;

/// Glyphs whose baselines are within this share of the larger size are on one line.
const SAME_BASELINE: f64 = 0.2;

/// A run of a line: consecutive glyphs with one size, baseline and font style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Left edge (the first glyph's origin), in points from the page's left.
    pub x: f64,
    /// Width in points, from `x` to the end of the last glyph's advance.
    pub width: f64,
    /// Baseline, in points down from the page's top; a superscript's is above its line's.
    pub y: f64,
    /// Font size in points.
    pub size: f64,
    /// The text, spaces between words (one each), no leading or trailing space.
    pub text: String,
    /// A space (a space glyph or a gap) separates this run from the one before it on the line.
    pub space_before: bool,
    /// Set in a bold font.
    pub bold: bool,
    /// Set in an italic font.
    pub italic: bool,
    /// A superscript: at most 0.75 × the line's size, its baseline raised at least a quarter of
    /// its own size above the line's (a footnote number, "m²").
    pub superscript: bool,
}

impl Run {
    /// The right edge, in points from the page's left.
    pub fn end(&self) -> f64 {
        self.x + self.width
    }
}

/// One printed line: everything drawn on one baseline, superscripts included.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Baseline of the line's main text, in points down from the page's top.
    pub y: f64,
    /// Left edge of its first glyph, in points from the page's left.
    pub x: f64,
    /// Width in points, from `x` to the end of the last glyph.
    pub width: f64,
    /// The main font size (the size most of its characters have), in points.
    pub size: f64,
    /// The text: runs joined, one space wherever words are apart, superscripts glued to what
    /// they follow as printed ("mới3."), no leading or trailing space.
    pub text: String,
    /// The runs, left to right.
    pub runs: Vec<Run>,
}

impl Line {
    /// The right edge, in points from the page's left.
    pub fn end(&self) -> f64 {
        self.x + self.width
    }

    /// True when every run that is not a superscript is bold.
    pub fn is_bold(&self) -> bool {
        self.runs.iter().filter(|r| !r.superscript).all(|r| r.bold)
    }

    /// True when every run that is not a superscript is italic.
    pub fn is_italic(&self) -> bool {
        self.runs.iter().filter(|r| !r.superscript).all(|r| r.italic)
    }
}

/// Glyphs of one line while it is being gathered.
struct Cluster {
    members: Vec<usize>,
    /// Baseline of the first glyph (the reference while gathering), then of the main text.
    y: f64,
    /// Main size.
    size: f64,
    x0: f64,
    x1: f64,
    /// Only combining marks (a mark placed apart from its letter).
    marks_only: bool,
}

/// The lines of one page, top to bottom (left to right on one baseline). Glyphs outside the page
/// (`width` × `height`) are left out.
pub(crate) fn page_lines(glyphs: &[Glyph], width: f64, height: f64) -> Vec<Line> {
    let on_page = |g: &Glyph| g.x < width + g.size && g.end() > -g.size && g.y > -g.size && g.y < height + g.size;
    let mut order: Vec<usize> = (0..glyphs.len()).filter(|&i| on_page(&glyphs[i])).collect();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y));
    let mut clusters: Vec<Cluster> = Vec::new();
    for i in order {
        let g = &glyphs[i];
        match clusters.last_mut() {
            Some(c) if (g.y - c.y).abs() <= SAME_BASELINE * c.size.max(g.size) => {
                c.members.push(i);
                c.size = c.size.max(g.size);
            }
            _ => clusters.push(Cluster { members: vec![i], y: g.y, size: g.size, x0: 0.0, x1: 0.0, marks_only: false }),
        }
    }
    for c in &mut clusters {
        measure(c, glyphs);
    }
    // largest text first: a small cluster joins the nearest larger line it sits on as a
    // superscript (baseline up to 0.7 em above) or subscript (up to 0.35 em below)
    clusters.sort_by(|a, b| b.size.total_cmp(&a.size));
    // (each small cluster looks at every line: a page of tens of thousands of baselines, which
    // no real page has, keeps its superscripts as lines of their own rather than take minutes)
    let attach = clusters.len() <= MAX_LINES_TO_ATTACH;
    let mut lines: Vec<Cluster> = Vec::new();
    for c in clusters {
        if !attach {
            lines.push(c);
            continue;
        }
        let host = lines
            .iter_mut()
            .filter(|h| {
                let dy = h.y - c.y;
                let smaller = c.size <= h.size * 0.8 || c.marks_only;
                smaller
                    && dy <= 0.7 * h.size
                    && dy >= -0.35 * h.size
                    && c.x0 >= h.x0 - 2.0 * h.size
                    && c.x1 <= h.x1 + 2.0 * h.size
            })
            .min_by(|a, b| (a.y - c.y).abs().total_cmp(&(b.y - c.y).abs()));
        match host {
            Some(h) => {
                h.members.extend(c.members);
                h.x0 = h.x0.min(c.x0);
                h.x1 = h.x1.max(c.x1);
            }
            None => lines.push(c),
        }
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    lines.into_iter().filter_map(|c| build_line(c, glyphs)).collect()
}

/// Sets a cluster's main size and baseline (of the size most characters have), extent and kind.
fn measure(c: &mut Cluster, glyphs: &[Glyph]) {
    let printed: Vec<&Glyph> = c.members.iter().map(|&i| &glyphs[i]).filter(|g| !g.is_space()).collect();
    let all: Vec<&Glyph> = c.members.iter().map(|&i| &glyphs[i]).collect();
    let counted = if printed.is_empty() { &all } else { &printed };
    // sizes in tenths of a point, by number of characters
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for g in counted {
        *sizes.entry((g.size * 10.0).round() as i64).or_default() += g.text.chars().count();
    }
    let main = sizes.iter().max_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0))).map_or(0, |s| *s.0);
    let mut baselines: Vec<f64> =
        counted.iter().filter(|g| (g.size * 10.0).round() as i64 == main).map(|g| g.y).collect();
    baselines.sort_by(f64::total_cmp);
    c.size = main as f64 / 10.0;
    c.y = baselines.get(baselines.len() / 2).copied().unwrap_or(c.y);
    c.x0 = counted.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
    c.x1 = counted.iter().map(|g| g.end()).fold(f64::NEG_INFINITY, f64::max);
    c.marks_only = !printed.is_empty()
        && printed
            .iter()
            .all(|g| g.text.chars().all(|ch| matches!(ch, '\u{300}'..='\u{36f}' | '\u{1dc0}'..='\u{1dff}')));
}

fn build_line(c: Cluster, glyphs: &[Glyph]) -> Option<Line> {
    let mut members = c.members;
    members.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x).then(a.cmp(&b)));
    // the same glyph drawn twice at one place (fill then stroke, or overprinted "bold") counts once
    let mut kept: Vec<&Glyph> = Vec::with_capacity(members.len());
    for &i in &members {
        let g = &glyphs[i];
        let twice = kept
            .iter()
            .rev()
            .take(4)
            .any(|k| k.text == g.text && (k.x - g.x).abs() < 0.15 * g.size && (k.y - g.y).abs() < 0.1 * g.size);
        if !twice {
            kept.push(g);
        }
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut pending_space = false;
    let mut last_end: Option<(f64, f64)> = None; // end and size of the last printed glyph
    for g in kept {
        if g.is_space() {
            pending_space = true;
            continue;
        }
        pending_space |= g.text.starts_with(' ');
        if let Some((end, size)) = last_end
            && g.x - end > SPACE_GAP * size.max(g.size)
        {
            pending_space = true;
        }
        let superscript = g.size <= 0.75 * c.size && c.y - g.y >= 0.25 * g.size;
        let same_run = runs.last().is_some_and(|r| {
            (r.size - g.size).abs() <= 0.02 * g.size
                && (r.y - g.y).abs() <= 0.05 * g.size
                && r.bold == g.bold
                && r.italic == g.italic
                && r.superscript == superscript
        });
        match runs.last_mut() {
            Some(r) if same_run => {
                if pending_space {
                    r.text.push(' ');
                }
                r.text.push_str(g.text.trim());
                r.width = r.width.max(g.end() - r.x);
            }
            _ => runs.push(Run {
                x: g.x,
                width: g.end() - g.x,
                y: g.y,
                size: g.size,
                text: g.text.trim().to_string(),
                space_before: pending_space && last_end.is_some(),
                bold: g.bold,
                italic: g.italic,
                superscript,
            }),
        }
        pending_space = g.text.ends_with(' ');
        last_end = Some((g.end(), g.size));
    }
    // a glyph's text may itself hold spaces ("1 " from a note number and its no-break space)
    for r in &mut runs {
        r.text = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    runs.retain(|r| !r.text.is_empty());
    let first = runs.first()?;
    let x = first.x;
    let end = runs.iter().map(Run::end).fold(f64::NEG_INFINITY, f64::max);
    let mut text = String::new();
    for r in &runs {
        if r.space_before && !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&r.text);
    }
    Some(Line { y: c.y, x, width: end - x, size: c.size, text, runs })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let mut x = x;
        text.chars()
            .map(|c| {
                let g =
                    Glyph { text: c.to_string(), x, y, size, advance: Some(size * 0.5), bold: false, italic: false };
                x += size * 0.5;
                g
            })
            .collect()
    }

    #[test]
    fn a_raised_small_number_is_a_superscript_glued_to_its_word() {
        let mut g = glyphs("mới", 100.0, 200.0, 14.0);
        g.extend(glyphs("3", 121.0, 194.5, 8.1));
        g.extend(glyphs("tiếp", 130.0, 200.0, 14.0));
        let lines = page_lines(&g, 595.0, 842.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "mới3 tiếp");
        assert_eq!(lines[0].runs.len(), 3);
        assert!(lines[0].runs[1].superscript && !lines[0].runs[1].space_before);
        assert!(lines[0].runs[2].space_before);
        assert_eq!(lines[0].y, 200.0);
    }

    #[test]
    fn gaps_are_spaces_and_wide_justification_is_one_space() {
        let mut g = glyphs("ab", 100.0, 100.0, 10.0);
        g.extend(glyphs("cd", 111.0, 100.0, 10.0)); // 1 pt gap: 0.1 em, no space
        g.extend(glyphs("ef", 150.0, 100.0, 10.0)); // wide gap
        g.extend(glyphs("  ", 160.0, 100.0, 10.0));
        g.extend(glyphs("gh", 175.0, 100.0, 10.0));
        let lines = page_lines(&g, 595.0, 842.0);
        assert_eq!(lines[0].text, "abcd ef gh");
    }

    #[test]
    fn fill_then_stroke_counts_once_and_lines_go_top_down() {
        let mut g = glyphs("second", 100.0, 300.0, 12.0);
        g.extend(glyphs("first", 100.0, 100.0, 12.0));
        g.extend(glyphs("first", 100.0, 100.0, 12.0));
        let lines = page_lines(&g, 595.0, 842.0);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["first", "second"]);
    }

    #[test]
    fn a_page_of_glyphs_each_on_its_own_baseline_and_size_is_read_quickly() {
        // 60 000 baselines, sizes all different: nothing here may take quadratic time
        let g: Vec<Glyph> = (0..60_000)
            .map(|i| Glyph {
                text: "x".into(),
                x: 100.0 + (i % 7) as f64,
                y: 10.0 + i as f64 * 15.0,
                size: 1.0 + (i % 1000) as f64 * 0.01,
                advance: Some(0.5),
                bold: false,
                italic: false,
            })
            .collect();
        let started = std::time::Instant::now();
        let lines = page_lines(&g, 595.0, 1.0e7);
        assert_eq!(lines.len(), 60_000);
        let page = super::super::Page { number: 1, width: 595.0, height: 1.0e7, lines };
        let doc = super::super::document(&[page]);
        assert!(!doc.blocks.is_empty());
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn glyphs_off_the_page_are_left_out() {
        let mut g = glyphs("seen", 100.0, 100.0, 12.0);
        g.extend(glyphs("hidden", 100.0, 2000.0, 12.0));
        assert_eq!(page_lines(&g, 595.0, 842.0).len(), 1);
    }
}
