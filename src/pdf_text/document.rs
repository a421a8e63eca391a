//! Printed lines → the report as a document: running headers and page numbers dropped, the
//! footnote area of each page set apart and cut into notes (a note that runs on to the next
//! page's foot joined), the body joined into headings, paragraphs and list items
//! ([`super::paragraphs`]), every word with its page and line.
//!
//! The layout is measured from the document itself, not assumed: the body size is the size most
//! characters have; the left margin, right edge and line pitch are the commonest among body lines.

use std::collections::{HashMap, HashSet};

use super::paragraphs::{self, Layout, LineAt, Vocabulary};
use super::{Line, Page};

/// What a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WordKind {
    /// Printed text.
    Text,
    /// A footnote reference: a superscript number in the text that matches a note's number.
    NoteRef(u32),
}

/// One printed word (text between spaces), or one note reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedWord {
    /// The word as printed (for a note reference, its number). A word broken at a line end is
    /// whole: "phát triển" stays two words, "2021-" + "2026" is "2021-2026".
    pub text: String,
    /// Text or note reference.
    pub kind: WordKind,
    /// Printed after a space; false when glued to the word before (a note number after its
    /// word, "." after a note number, the rest of a word broken at a line end).
    pub space_before: bool,
    /// 1-based page.
    pub page: usize,
    /// 1-based line on that page where the word starts, counted as a reader counts: every line
    /// of text from the top, running headers and page numbers left out, footnote lines included.
    pub line: usize,
}

/// What kind of block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A heading. `level` follows the report's numbering ladder: 1 "Phần I" (and a centred bold
    /// heading without a number), 2 "I.", 3 "1.", 4 "2.1.", 5 "2.2.1.", 6 "a)" (and a bold one
    /// without a number, not centred).
    Heading {
        /// 1 to 6, as the Markdown heading levels of the report's sections.
        level: u8,
    },
    /// A paragraph of body text.
    Paragraph,
    /// A paragraph that starts with a list marker ("-", "+", "•", or "1.", "a)" in body style
    /// over more than one line).
    ListItem,
}

/// A heading, paragraph or list item, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedBlock {
    /// Heading, paragraph or list item.
    pub kind: BlockKind,
    /// The words, note references in place; a list or heading marker ("1.", "a)", "-") is the
    /// first word.
    pub words: Vec<PrintedWord>,
}

/// A footnote, as printed at the page foot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedNote {
    /// The number printed before it.
    pub number: u32,
    /// The words after the number, over every line and page the note runs on.
    pub words: Vec<PrintedWord>,
}

/// The printed text of a report rebuilt as a document, for comparing two PDFs word by word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintedDocument {
    /// The body: headings, paragraphs and list items in reading order (a paragraph that runs over
    /// a page break is one block).
    pub blocks: Vec<PrintedBlock>,
    /// The footnotes, in the order printed.
    pub notes: Vec<PrintedNote>,
}

impl PrintedWord {
    /// The word as printed, with the space before it if it has one.
    fn push_to(&self, out: &mut String) {
        if self.space_before && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&self.text);
    }
}

/// Words as printed: one space where there is one, note references as their numbers
/// ("mới3.").
pub fn words_text(words: &[PrintedWord]) -> String {
    let mut out = String::new();
    for w in words {
        w.push_to(&mut out);
    }
    out
}

impl PrintedBlock {
    /// The block's text as printed ("mới3.": note references as their numbers).
    pub fn text(&self) -> String {
        words_text(&self.words)
    }
}

impl PrintedNote {
    /// The note's text as printed, without its number.
    pub fn text(&self) -> String {
        words_text(&self.words)
    }
}

impl PrintedDocument {
    /// The note printed with `number` (the first one, if numbers repeat).
    pub fn note(&self, number: u32) -> Option<&PrintedNote> {
        self.notes.iter().find(|n| n.number == number)
    }
}

/// A line is in a page's top or bottom band (where running headers and page numbers go) when
/// it is within this share of the page height from the edge.
const BAND: f64 = 0.12;

/// Rebuilds the document printed on `pages` (from [`super::lines`]).
pub fn document(pages: &[Page]) -> PrintedDocument {
    let furniture = furniture(pages);
    let layout = Layout::measure(pages, &furniture);
    // every page's lines of text, numbered as a reader counts them, body and foot apart
    let mut body: Vec<LineAt> = Vec::new();
    let mut notes = NoteLines::new(&layout);
    for (p, page) in pages.iter().enumerate() {
        let kept: Vec<LineAt> = page
            .lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !furniture[p][*i])
            .enumerate()
            .map(|(n, (_, line))| LineAt { page: page.number, number: n + 1, line })
            .collect();
        // a note printed before may go on at this page's foot
        let split = foot_start(&kept, &layout, &notes);
        let untaken = notes.take(&kept[split..]);
        body.extend(kept[..split + untaken].iter().copied());
    }
    let vocabulary = paragraphs::vocabulary(pages);
    let numbers: HashSet<u32> = notes.lines.iter().map(|(n, _)| *n).collect();
    let notes: Vec<PrintedNote> = notes
        .lines
        .iter()
        .map(|(number, lines)| PrintedNote {
            number: *number,
            words: note_words(*number, lines, &numbers, &vocabulary),
        })
        .collect();
    let blocks = paragraphs::blocks(&body, &layout, &numbers, &vocabulary);
    PrintedDocument { blocks, notes }
}

/// Which lines of each page are running headers, footers and page numbers.
fn furniture(pages: &[Page]) -> Vec<Vec<bool>> {
    // the same text (digits aside: "Trang 7") at the same height (±2 pt) on most pages: pages
    // counted by text and whole point of height, a page once per place
    let key = |l: &Line| l.text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect::<String>();
    let mut pages_at: HashMap<(String, i64), (usize, usize)> = HashMap::new(); // (pages, last page)
    for page in pages {
        for line in &page.lines {
            let entry = pages_at.entry((key(line), line.y.round() as i64)).or_insert((0, 0));
            if entry.1 != page.number {
                *entry = (entry.0 + 1, page.number);
            }
        }
    }
    let most = (pages.len() / 2).max(3);
    let repeated = |l: &Line| {
        let (text, y) = (key(l), l.y.round() as i64);
        let count: usize = (y - 2..=y + 2).filter_map(|y| pages_at.get(&(text.clone(), y))).map(|(n, _)| n).sum();
        count >= most
    };
    pages.iter().map(|page| page.lines.iter().map(|l| is_page_number(l, page) || repeated(l)).collect()).collect()
}

/// A line that is only a number ("7", "- 7 -", "Trang 7"), centred, in the top or bottom band.
fn is_page_number(line: &Line, page: &Page) -> bool {
    let text = line.text.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let text = text.strip_prefix("Trang ").or_else(|| text.strip_prefix("Page ")).unwrap_or(text);
    let number = !text.is_empty() && text.len() <= 4 && text.chars().all(|c| c.is_ascii_digit());
    let band = line.y < page.height * BAND || line.y > page.height * (1.0 - BAND);
    let centre = line.x + line.width / 2.0;
    number && band && (centre - page.width / 2.0).abs() < page.width * 0.15
}

/// Where a page's footnote area starts (an index into `lines`; `lines.len()` when it has none):
/// the lines at the page foot set in the notes' size, from the first that starts a note; or
/// from the first of them when they sit apart from the body, as notes do, and a note printed
/// before may go on here (notes 9 and 45 of the report).
fn foot_start(lines: &[LineAt], layout: &Layout, notes: &NoteLines) -> usize {
    let mut start = lines.len();
    while start > 0 && layout.is_note_size(lines[start - 1].line) {
        start -= 1;
    }
    let Some(top) = lines.get(start) else { return lines.len() };
    let first_note = lines[start..].iter().position(|l| notes.starts_note(l.line));
    if first_note == Some(0) || (!notes.lines.is_empty() && layout.is_foot_gap(&lines[..start], top)) {
        return start;
    }
    // small body text (a table, the recipients' list) above the notes, or no notes at all
    first_note.map_or(lines.len(), |first| start + first)
}

/// The lines of each note, gathered page by page.
struct NoteLines<'a> {
    /// Note numbers are raised (superscripts) in this document; else they are plain, and a
    /// number counts only as the next one in sequence.
    raised: bool,
    /// Each note's number and lines, in the order printed.
    lines: Vec<(u32, Vec<LineAt<'a>>)>,
}

impl<'a> NoteLines<'a> {
    fn new(layout: &Layout) -> NoteLines<'a> {
        NoteLines { raised: layout.note_size.is_some(), lines: Vec::new() }
    }

    /// Whether `line` may start a note: with a raised number, or, where numbers are plain,
    /// with any number glued to the text or followed by a space or a dash.
    fn starts_note(&self, line: &Line) -> bool {
        if self.raised { note_number(line, None).is_some() } else { starts_like_note(line) }
    }

    /// Takes a page's footnote lines: each starts a note or goes on with the last one. Returns
    /// how many lines at its top were not taken (no note before them to go on with).
    fn take(&mut self, foot: &[LineAt<'a>]) -> usize {
        let mut untaken = 0;
        for at in foot {
            let expected = if self.raised { None } else { Some(self.lines.last().map_or(1, |(n, _)| n + 1)) };
            match (note_number(at.line, expected), self.lines.last_mut()) {
                (Some(number), _) => self.lines.push((number, vec![*at])),
                (None, Some((_, lines))) => lines.push(*at),
                (None, None) => untaken += 1,
            }
        }
        untaken
    }
}

/// A line that starts as a footnote does: with a superscript number, or with a number glued to
/// the text or followed by a space or a dash.
fn starts_like_note(line: &Line) -> bool {
    if note_number(line, None).is_some() {
        return true;
    }
    let digits = line.text.chars().take_while(char::is_ascii_digit).count();
    let rest = line.text[digits..].chars().next();
    (1..=3).contains(&digits) && rest.is_some_and(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '–')
}

/// The number a footnote line starts with: a superscript number, or (when `expected` is given)
/// that number printed plain and glued to the text or followed by a space or a dash ("3Đến
/// nay", "7 GTSX", "22- Bao gồm").
pub(crate) fn note_number(line: &Line, expected: Option<u32>) -> Option<u32> {
    let first = line.runs.first()?;
    if first.superscript {
        return first.text.parse().ok();
    }
    let expected = expected?;
    let digits: String = line.text.chars().take_while(char::is_ascii_digit).collect();
    let rest = line.text[digits.len()..].chars().next();
    let fits = rest.is_some_and(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '–');
    (fits && digits.parse() == Ok(expected)).then_some(expected)
}

/// The words of note `number` printed on `lines`, without the number itself.
fn note_words(number: u32, lines: &[LineAt], numbers: &HashSet<u32>, vocabulary: &Vocabulary) -> Vec<PrintedWord> {
    let mut words = paragraphs::join_words(lines, numbers, vocabulary);
    if let Some(first) = words.first() {
        let plain = first.text.chars().take_while(char::is_ascii_digit).count();
        if plain > 0 && first.text[..plain].parse() == Ok(number) {
            if plain == first.text.len() {
                words.remove(0);
            } else {
                words[0].text = first.text[plain..].to_string();
            }
        }
    }
    if let Some(first) = words.first_mut() {
        first.space_before = true;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::super::Run;
    use super::*;

    /// A line of `size` pt text at `y`, from the left margin (72) or indented by `indent`;
    /// `sup` is a raised note number before the text (a foot line) or after it (a reference).
    fn line(y: f64, indent: f64, size: f64, text: &str, sup: Option<(&str, bool)>) -> Line {
        let run = |x: f64, y: f64, size: f64, text: &str, superscript: bool, space_before: bool| Run {
            x,
            width: text.chars().count() as f64 * size * 0.5,
            y,
            size,
            text: text.to_string(),
            space_before,
            bold: false,
            italic: false,
            superscript,
        };
        let x = 72.0 + indent;
        let mut runs = vec![run(x, y, size, text, false, false)];
        match sup {
            Some((n, true)) => runs.insert(0, run(x - 4.0, y - 0.4 * size, 0.6 * size, n, true, false)),
            Some((n, false)) => runs.push(run(runs[0].end(), y - 0.4 * size, 0.6 * size, n, true, false)),
            None => {}
        }
        let start = runs[0].x;
        let end = runs.iter().map(Run::end).fold(0.0, f64::max);
        let text = runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(if sup.is_some_and(|s| s.1) {
            " "
        } else {
            ""
        });
        Line { y, x: start, width: end - start, size, text, runs }
    }

    fn page(number: usize, lines: Vec<Line>) -> Page {
        Page { number, width: 595.0, height: 842.0, lines }
    }

    /// Body lines of a justified paragraph (the first indented, the last short) from `y`.
    fn paragraph(y: f64, words: &[&str]) -> Vec<Line> {
        let mut lines: Vec<Line> =
            words.iter().enumerate().map(|(i, w)| line(y + 16.0 * i as f64, 0.0, 14.0, w, None)).collect();
        for l in &mut lines {
            l.width = 450.0;
        }
        lines[0].x += 36.0;
        lines[0].width -= 36.0;
        if let Some(last) = lines.last_mut() {
            last.width = 200.0;
        }
        lines
    }

    #[test]
    fn running_headers_and_page_numbers_are_not_text_and_not_counted() {
        let pages: Vec<Page> = (1..=4)
            .map(|n| {
                let mut lines = vec![line(30.0, 0.0, 11.0, &format!("Báo cáo số {n}/BC-UBND"), None)];
                if n > 1 {
                    let mut number = line(45.0, 0.0, 14.0, &n.to_string(), None);
                    number.x = 290.0;
                    lines.push(number);
                }
                let word = ["", "một", "hai", "ba", "bốn"][n];
                let [first, second, last] =
                    [format!("trang {word}: mở đầu"), format!("tiếp {word}"), format!("hết {word}.")];
                lines.extend(paragraph(80.0, &[&first, &second, &last]));
                page(n, lines)
            })
            .collect();
        let doc = document(&pages);
        assert_eq!(doc.blocks.len(), 4);
        assert_eq!(doc.blocks[3].text(), "trang bốn: mở đầu tiếp bốn hết bốn.");
        let first = &doc.blocks[2].words[0];
        assert_eq!((first.page, first.line), (3, 1), "the header and the page number are not lines a reader counts");
    }

    #[test]
    fn a_note_running_on_to_the_next_page_is_joined_and_refs_match_notes() {
        let long = "Thực hiện Kế hoạch số 191/KH-HĐND ngày 30/8/2023 của Thường trực HĐND tỉnh";
        let mut one = paragraph(80.0, &[long, "xây dựng"]);
        one[1] = line(96.0, 0.0, 14.0, "xây dựng", Some(("1", false)));
        one[1].width = 450.0; // justified: not the paragraph's last line
        one.push(line(700.0, 0.0, 10.0, "Hiện có 12 KCN đã đầu tư", Some(("1", true))));
        one.push(line(711.5, 0.0, 10.0, "và kinh doanh", None));
        let mut two = vec![line(60.0, 0.0, 14.0, "tiếp theo m", Some(("2", false)))];
        two[0].width = 450.0;
        two.push(line(76.0, 0.0, 14.0, "hết.", None));
        two.push(line(700.0, 0.0, 10.0, "gồm: Gia Lộc.", None));
        two.push(line(711.5, 0.0, 10.0, "Thực hiện 33 đề án.", Some(("3", true))));
        let doc = document(&[page(1, one), page(2, two)]);
        let notes: Vec<(u32, String)> = doc.notes.iter().map(|n| (n.number, n.text())).collect();
        assert_eq!(
            notes,
            [
                (1, "Hiện có 12 KCN đã đầu tư và kinh doanh gồm: Gia Lộc.".to_string()),
                (3, "Thực hiện 33 đề án.".to_string())
            ]
        );
        let texts: Vec<String> = doc.blocks.iter().map(PrintedBlock::text).collect();
        assert_eq!(texts, [format!("{long} xây dựng1 tiếp theo m2 hết.")], "one paragraph, two pages");
        let words = &doc.blocks[0].words;
        let at = |text: &str| words.iter().find(|w| w.text == text).unwrap();
        assert_eq!(at("1").kind, WordKind::NoteRef(1));
        assert_eq!(at("m2").kind, WordKind::Text, "no note 2: the superscript stays text, glued (m²)");
        assert_eq!(doc.notes[0].words.last().map(|w| (w.page, w.line)), Some((2, 3)));
    }

    #[test]
    fn plain_note_numbers_count_when_they_come_in_sequence() {
        let mut lines = paragraph(
            80.0,
            &[
                "Thực hiện Kế hoạch số 191/KH-HĐND ngày 30/8/2023 của Thường trực",
                "HĐND tỉnh về lấy phiếu tín nhiệm, bỏ phiếu tín nhiệm đối với người giữ chức vụ",
                "hết.",
            ],
        );
        // small text at the foot that starts with a number, before any note: not a note, not lost
        lines.push(line(680.0, 0.0, 10.0, "26 CCN chưa có dự án.", None));
        lines.push(line(700.0, 0.0, 10.0, "1 Gồm 02 sản phẩm", None));
        lines.push(line(711.5, 0.0, 10.0, "2Hiện có 02 doanh nghiệp", None));
        lines.push(line(723.0, 0.0, 10.0, "2023 đạt 341.364 tỷ đồng.", None));
        let doc = document(&[page(1, lines)]);
        let notes: Vec<(u32, String)> = doc.notes.iter().map(|n| (n.number, n.text())).collect();
        assert_eq!(
            notes,
            [(1, "Gồm 02 sản phẩm".into()), (2, "Hiện có 02 doanh nghiệp 2023 đạt 341.364 tỷ đồng.".into())]
        );
        assert_eq!(doc.blocks.last().map(PrintedBlock::text).as_deref(), Some("26 CCN chưa có dự án."));
    }
}
