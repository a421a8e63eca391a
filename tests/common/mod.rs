//! Shared helpers for the integration tests: fixture projects in temporary folders, and
//! compiling converter output with typst to read what is really on the page.
#![allow(dead_code)]

pub mod serve;
pub mod syntax;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use baocao::narrative::parse::{FootnoteProblem, LimitExceeded, parser_options};
use baocao::project::{FontFile, Project};
use baocao::typeset::BaocaoWorld;
use baocao::writer::typst::TypstSection;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use typst_layout::PagedDocument;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary project: `content` from `content_dir`, the repository's templates and fonts.
pub fn temp_project(content_dir: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(content_dir, &dir.path().join("content"));
    copy_dir(&repo().join("templates"), &dir.path().join("templates"));
    copy_dir(&repo().join("fonts"), &dir.path().join("fonts"));
    dir
}

/// The small fixture project (`tests/fixtures/mini`) in a temporary folder.
pub fn mini_project() -> tempfile::TempDir {
    temp_project(&repo().join("tests/fixtures/mini/content"))
}

/// The mini project with a `check` fixture (`tests/fixtures/check/NAME`) laid over it.
pub fn check_fixture(name: &str) -> tempfile::TempDir {
    let dir = mini_project();
    copy_dir(&repo().join("tests/fixtures/check").join(name), dir.path());
    dir
}

/// The repository's fonts.
pub fn fonts() -> Vec<FontFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join("fonts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttf"))
        .collect();
    paths.sort();
    paths.into_iter().map(|p| FontFile { data: std::fs::read(&p).unwrap(), path: p }).collect()
}

/// The minimal preamble the converter's output needs (what the real template defines). Pages
/// grow with their content, so a test document is one page: body text, then the notes.
pub const PREAMBLE: &str = "#set page(height: auto)\n\
#set text(font: \"Liberation Serif\", size: 14pt, lang: \"vi\")\n\
#show raw: set text(font: \"Liberation Serif\")\n\
#let bc-item(marker, depth: 1, body) = par[#marker #body]\n";

/// What the narrative makes of Markdown sections (no tera): each section's typst markup,
/// the footnote problems, or the limit passed (then no markup).
pub struct Converted {
    /// One per section.
    pub sections: Vec<TypstSection>,
    /// Undefined, duplicate, unreferenced notes.
    pub problems: Vec<FootnoteProblem>,
    /// Set when the input is beyond a limit.
    pub exceeded: Option<LimitExceeded>,
}

/// Markdown sections → the model → typst markup, as a build does it (no tera).
pub fn convert(sections: &[&str]) -> Converted {
    match baocao::narrative::parse_markdown(sections) {
        Ok((document, problems)) => {
            Converted { sections: baocao::writer::typst::write(&document, None), problems, exceeded: None }
        }
        Err(e) => Converted { sections: Vec::new(), problems: Vec::new(), exceeded: Some(e) },
    }
}

/// Converts Markdown sections and compiles them with typst.
pub fn compile_markdown(sections: &[&str]) -> Result<PagedDocument, String> {
    let converted = convert(sections);
    let body: String = converted.sections.iter().map(|s| s.typst.as_str()).collect::<Vec<_>>().join("\n");
    compile_typst(&format!("{PREAMBLE}{body}"))
}

/// Compiles a typst source with the project's fonts, in an empty root.
pub fn compile_typst(source: &str) -> Result<PagedDocument, String> {
    let root = tempfile::tempdir().unwrap();
    let world = BaocaoWorld::new(
        root.path(),
        source.to_string(),
        &fonts(),
        typst::foundations::Datetime::from_ymd(2023, 1, 1).unwrap(),
    );
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ") + "\n" + source)
}

/// All text of a laid-out document, compared as [`printed_characters`].
pub fn visible_text(doc: &PagedDocument) -> String {
    printed_characters(&baocao::typeset::text::page_runs(doc).into_iter().flatten().map(|r| r.text).collect::<String>())
}

/// The characters of `text` that print as glyphs: whitespace (spacing and line breaks depend
/// on layout) and invisible format characters (control characters, bidi marks and embeddings,
/// zero-width spaces and joiners, soft hyphen, variation selectors, BOM; typst lays out no
/// glyph for them, or keeps them inside a cluster) are removed.
pub fn printed_characters(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && !is_invisible(*c)).collect()
}

fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
}

/// Loads a project or panics with the rendered diagnostics.
pub fn load(root: &Path) -> Project {
    Project::load(root).unwrap_or_else(|f| panic!("{}", f.render()))
}

/// Runs the baocao binary.
pub fn baocao(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).output().unwrap()
}

/// A diff fixture pair in a temporary folder: `old/` is the base project
/// (`tests/fixtures/diff/base`), `new/` the base with the case's files laid over it
/// (`tests/fixtures/diff/<case>/new`); both with the repository's templates and fonts.
pub fn diff_pair(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = repo().join("tests/fixtures/diff");
    for side in ["old", "new"] {
        let root = dir.path().join(side);
        copy_dir(&fixtures.join("base/content"), &root.join("content"));
        let overlay = fixtures.join(case).join(side).join("content");
        if overlay.is_dir() {
            copy_dir(&overlay, &root.join("content"));
        }
        copy_dir(&repo().join("templates"), &root.join("templates"));
        copy_dir(&repo().join("fonts"), &root.join("fonts"));
    }
    dir
}

/// Runs the baocao binary and fails the test if it has not finished within `limit` (a hang
/// must fail, not stall CI); the child is killed then.
pub fn baocao_within(args: &[&str], limit: Duration) -> std::process::Output {
    baocao_timed(args, limit)
        .unwrap_or_else(|| panic!("`baocao {}` did not finish within {limit:?}: it hangs", args.join(" ")))
}

/// Runs the baocao binary; `None` if it has not finished within `limit` (it is killed then).
pub fn baocao_timed(args: &[&str], limit: Duration) -> Option<std::process::Output> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // drain the pipes while waiting, so a chatty child cannot block on a full pipe
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).ok();
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Some(std::process::Output { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() })
}

/// What a reader sees for `md`, as pulldown-cmark reads it: the text events (code and HTML
/// as written, HTML comments dropped), list markers as written, and footnotes numbered by first
/// reference in reading order (a note's own references are read where the note is), each
/// note's text after the body. Compared as [`printed_characters`].
pub fn expected_visible(md: &str) -> String {
    let mut body = Vec::new();
    type Events<'a> = Vec<(Event<'a>, std::ops::Range<usize>)>;
    let mut definitions: HashMap<String, Events> = HashMap::new();
    let mut current: Option<(String, Events)> = None;
    for (event, range) in Parser::new_ext(md, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => current = Some((label.to_lowercase(), Vec::new())),
            Event::End(TagEnd::FootnoteDefinition) => {
                let (label, events) = current.take().unwrap();
                definitions.entry(label).or_insert(events);
            }
            event => match current.as_mut() {
                Some((_, events)) => events.push((event, range)),
                None => body.push((event, range)),
            },
        }
    }
    let mut reader =
        Reader { md, definitions: &definitions, numbers: HashMap::new(), notes: Vec::new(), in_comment: false };
    let mut text = String::new();
    reader.read(&body, &mut text);
    for (i, note) in reader.notes.iter().enumerate() {
        text.push_str(&format!("{}{note}", i + 1));
    }
    printed_characters(&text)
}

struct Reader<'a> {
    md: &'a str,
    definitions: &'a HashMap<String, Vec<(Event<'a>, std::ops::Range<usize>)>>,
    numbers: HashMap<String, usize>,
    notes: Vec<String>,
    in_comment: bool,
}

impl Reader<'_> {
    fn read(&mut self, events: &[(Event, std::ops::Range<usize>)], out: &mut String) {
        for (event, range) in events {
            match event {
                Event::Text(t) | Event::Code(t) => out.push_str(t),
                Event::Html(t) | Event::InlineHtml(t) => self.html(t, out),
                Event::Start(Tag::Item) => {
                    let rest = self.md[range.start..].trim_start();
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    out.push_str(&digits);
                    out.extend(rest[digits.len()..].chars().next());
                }
                Event::FootnoteReference(label) => {
                    let key = label.to_lowercase();
                    if let Some(n) = self.numbers.get(&key) {
                        out.push_str(&n.to_string());
                    } else if let Some(events) = self.definitions.get(&key) {
                        self.notes.push(String::new());
                        let n = self.notes.len();
                        self.numbers.insert(key, n);
                        out.push_str(&n.to_string());
                        let mut note = String::new();
                        self.read(events, &mut note);
                        self.notes[n - 1] = note;
                    }
                }
                _ => {}
            }
        }
    }

    /// HTML prints as written, except comments `<!-- … -->`, which may span several events.
    fn html(&mut self, mut text: &str, out: &mut String) {
        loop {
            let marker = if self.in_comment { "-->" } else { "<!--" };
            match text.find(marker) {
                Some(i) => {
                    if !self.in_comment {
                        out.push_str(&text[..i]);
                    }
                    text = &text[i + marker.len()..];
                    self.in_comment = !self.in_comment;
                }
                None => {
                    if !self.in_comment {
                        out.push_str(text);
                    }
                    return;
                }
            }
        }
    }
}

/// Typst markup without the converter's invisible fact markers (`#metadata(N)<bc-fact>`).
pub fn without_fact_markers(typ: &str) -> String {
    let mut out = String::with_capacity(typ.len());
    let mut rest = typ;
    while let Some(at) = rest.find("#metadata(") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        match after.find(")<bc-fact>") {
            Some(end) if after["#metadata(".len()..end].bytes().all(|b| b.is_ascii_digit()) => {
                rest = &after[end + ")<bc-fact>".len()..];
            }
            _ => {
                out.push_str("#metadata(");
                rest = &after["#metadata(".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The words of `tests/fixtures/original/NAME` (the original report, split into body and notes).
pub fn fixture_words(name: &str) -> Vec<String> {
    std::fs::read_to_string(repo().join("tests/fixtures/original").join(name))
        .unwrap()
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// Share of `original`'s words found, in order, in `ours`; prints the differences.
pub fn recall(original: &[String], ours: &[String]) -> f64 {
    let diff = similar::capture_diff_slices(similar::Algorithm::Myers, original, ours);
    for op in diff.iter().filter(|op| !matches!(op, similar::DiffOp::Equal { .. })) {
        let (o, n) = (op.old_range(), op.new_range());
        eprintln!("  original «{}» ≠ ours «{}»", original[o].join(" "), ours[n].join(" "));
    }
    let matched: usize = diff
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { len, .. } => Some(*len),
            _ => None,
        })
        .sum();
    matched as f64 / original.len() as f64
}
