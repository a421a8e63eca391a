//! The text of the laid-out document, page by page and line by line, read from typst's frames.
//! Tests and checks assert on this (what is really on the page), not on the source.

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// A run of text placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Left edge, in points from the page's left.
    pub x: f64,
    /// Baseline, in points from the page's top.
    pub y: f64,
    /// Width in points.
    pub width: f64,
    /// Font size in points.
    pub size: f64,
    /// The text.
    pub text: String,
}

/// One printed line: its baseline and text (runs joined, a space where there is a gap).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Baseline in points from the page's top.
    pub y: f64,
    /// Largest font size on the line.
    pub size: f64,
    /// The line's text.
    pub text: String,
}

/// Every text run of every page, in reading order per page.
pub fn page_runs(document: &PagedDocument) -> Vec<Vec<Run>> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut runs = Vec::new();
            collect(&page.frame, Transform::identity(), &mut runs);
            runs
        })
        .collect()
}

fn collect(frame: &Frame, ts: Transform, runs: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                collect(&group.frame, inner, runs);
            }
            FrameItem::Text(text) => {
                let p = Point::new(pos.x, pos.y).transform(ts);
                // typst may set a cluster's combining mark as a zero-width item of its own that
                // carries that cluster's text again (`F` + U+0301), before or after the base
                // (right-to-left): count the text once
                let (y, width, item_text) = (p.y.to_pt(), text.width().to_pt(), text.text.as_str());
                if let Some(last) = runs.last()
                    && (last.y - y).abs() < last.size
                {
                    if width == 0.0 && (last.text.ends_with(item_text) || last.text.starts_with(item_text)) {
                        continue;
                    }
                    if last.width == 0.0 && (item_text.starts_with(&last.text) || item_text.ends_with(&last.text)) {
                        runs.pop();
                    }
                }
                runs.push(Run {
                    x: p.x.to_pt(),
                    y: p.y.to_pt(),
                    width: text.width().to_pt(),
                    size: text.size.to_pt(),
                    // as typst set it: the template steers line breaks without adding characters,
                    // so what is read here is what a PDF reader copies
                    text: text.text.to_string(),
                });
            }
            _ => {}
        }
    }
}

/// The lines of each page. Runs of ordinary text whose baselines are within a third of the
/// font size form one line; a small run (a superscript note number) joins the nearest line
/// whose baseline is at most 0.7 em of that line below or level with it.
pub fn page_lines(document: &PagedDocument) -> Vec<Vec<Line>> {
    page_runs(document).into_iter().map(lines_of).collect()
}

fn lines_of(runs: Vec<Run>) -> Vec<Line> {
    let largest = runs.iter().map(|r| r.size).fold(0.0, f64::max);
    // a run is "small" (a superscript) when it is clearly smaller than the text beside it
    let is_small = |r: &Run, runs: &[Run]| {
        runs.iter().any(|o| {
            o.size > r.size * 1.3
                && (o.y - r.y) >= 0.0
                && (o.y - r.y) <= o.size * 0.7
                && o.x <= r.x + r.width + o.size
                && r.x <= o.x + o.width + o.size
        })
    };
    let (small, mut normal): (Vec<Run>, Vec<Run>) = {
        let flags: Vec<bool> = runs.iter().map(|r| r.size < largest && is_small(r, &runs)).collect();
        let mut small = Vec::new();
        let mut normal = Vec::new();
        for (r, f) in runs.into_iter().zip(flags) {
            if f { small.push(r) } else { normal.push(r) }
        }
        (small, normal)
    };
    normal.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<Run>> = Vec::new();
    for run in normal {
        match groups.last_mut() {
            Some(g) if (run.y - g[0].y).abs() <= g[0].size.max(run.size) / 3.0 => g.push(run),
            _ => groups.push(vec![run]),
        }
    }
    for run in small {
        let target = groups
            .iter_mut()
            .filter(|g| {
                let base = g[0].y;
                let size = g.iter().map(|r| r.size).fold(0.0, f64::max);
                base - run.y >= -0.5 && base - run.y <= size * 0.7
            })
            .min_by(|a, b| (a[0].y - run.y).total_cmp(&(b[0].y - run.y)));
        match target {
            Some(g) => g.push(run),
            None => groups.push(vec![run]),
        }
    }
    groups.sort_by(|a, b| a[0].y.total_cmp(&b[0].y));
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.x.total_cmp(&b.x));
            let y = g.iter().map(|r| r.y).fold(f64::MIN, f64::max);
            let size = g.iter().map(|r| r.size).fold(0.0, f64::max);
            let mut text = String::new();
            let mut end = f64::MIN;
            for r in &g {
                if !text.is_empty() && r.x - end > r.size * 0.1 && !text.ends_with(' ') && !r.text.starts_with(' ') {
                    text.push(' ');
                }
                text.push_str(&r.text);
                end = r.x + r.width;
            }
            Line { y, size, text: text.trim().to_string() }
        })
        .collect()
}

/// All the document's text, pages separated by form feeds, lines by newlines.
pub fn document_text(document: &PagedDocument) -> String {
    page_lines(document)
        .iter()
        .map(|lines| lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n"))
        .collect::<Vec<_>>()
        .join("\n\u{c}")
}
