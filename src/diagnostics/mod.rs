//! Findings for people: every error and warning carries the file a person edits, the line and
//! column, a snippet with a caret, and what to do.
//!
//! Every stage (YAML, tera, Markdown, typst, output) reports through [`Diagnostic`]; one
//! printer ([`Diagnostic::render`]) turns them into text, so all messages look alike.

mod codes;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use codes::Code;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The report is built anyway.
    Warning,
    /// The report cannot be built.
    Error,
}

impl Severity {
    /// The lower-case word printed before the message.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The word printed before a message, in the language of the run (`error`, `lỗi`). JSON
    /// output keeps [`Severity::as_str`].
    pub fn label(self) -> String {
        match self {
            Severity::Warning => crate::t!("severity-warning"),
            Severity::Error => crate::t!("severity-error"),
        }
    }
}

/// A place in a source file: path relative to the project, 1-based line and column
/// (column counted in characters), the text of that line and how many characters to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, relative to the project root where possible.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The full text of the line (without its line ending), for the snippet.
    pub line_text: String,
    /// How many characters to underline (at least 1).
    pub width: usize,
}

impl Location {
    /// The location of byte offset `start` (and `len` bytes after it) in `text`.
    pub fn from_offset(path: &Path, text: &str, start: usize, len: usize) -> Location {
        let start = floor_char_boundary(text, start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(text, (start + len).min(line_end));
        let width = text[start..end.max(start)].chars().count().max(1);
        Location {
            path: path.to_path_buf(),
            line,
            column,
            line_text: text[line_start..line_end].trim_end_matches('\r').to_string(),
            width,
        }
    }

    /// The location of 1-based `line` and `column` (characters) in `text`.
    pub fn from_line_col(path: &Path, text: &str, line: usize, column: usize, width: usize) -> Location {
        let line_text = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
        Location {
            path: path.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
            line_text: line_text.trim_end_matches('\r').to_string(),
            width: width.max(1),
        }
    }
}

/// A text file of the project, as read: path relative to the project root and its text
/// (UTF-8, byte-order mark removed, line ends normalised to `\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the project root, e.g. `content/sections/01-mo-dau.md`.
    pub path: PathBuf,
    /// The text.
    pub text: String,
}

/// A relative path written with `/`, whatever the platform.
pub fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// A path written into JSON (a manifest, `diff --format json`) as [`slash_path`]: with `/` on
/// every system, so Windows writes what Linux writes (serde would write `content\sections\…`).
/// For `#[serde(serialize_with = "…")]`; read back, `/` is a separator on Windows too.
/// A folder written with a final separator (`fonts/`) keeps it.
pub fn serialize_slash_path<S: serde::Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    let mut text = slash_path(path);
    if path.as_os_str().to_string_lossy().ends_with(['/', std::path::MAIN_SEPARATOR]) {
        text.push('/');
    }
    serializer.serialize_str(&text)
}

/// A panic caught in typst, as an error that says what to try.
pub fn internal_error(stage: &str, panic: &(dyn std::any::Any + Send)) -> Diagnostic {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".to_string());
    Diagnostic::error(crate::t!("internal-error", stage = stage, message = message))
        .help(crate::t!("internal-error-help"))
}

/// The largest char boundary at or below `i`.
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One finding: what is wrong, where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One line saying what is wrong.
    pub message: String,
    /// Where, when the finding belongs to a place in a file.
    pub location: Option<Location>,
    /// Further places (e.g. where a typst error came from in a section file).
    pub notes: Vec<(String, Location)>,
    /// What to do, when we know.
    pub help: Option<String>,
    /// The kind of finding (`fact-undefined`, `typo-no-space-after`…), shown as
    /// `warning[code]`; `None` for findings of other stages (typst, files, options).
    pub code: Option<Code>,
}

impl Diagnostic {
    /// An error without a location yet.
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            notes: Vec::new(),
            help: None,
            code: None,
        }
    }

    /// A warning without a location yet.
    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    /// Attach the place the finding is about.
    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    /// Attach advice on what to do.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Attach the stable code of the kind of finding (see `baocao check`).
    pub fn code(mut self, code: Code) -> Diagnostic {
        self.code = Some(code);
        self
    }

    /// Attach a further place with a label.
    pub fn note(mut self, label: impl Into<String>, location: Location) -> Diagnostic {
        self.notes.push((label.into(), location));
        self
    }

    /// The text shown to a person, in the style of rustc and typst:
    ///
    /// ```text
    /// error: undefined fact `economy.grdp`
    ///   --> content/sections/01-intro.md:3:12
    ///    |
    ///  3 | GRDP tăng {{ economy.grdp | pct }}
    ///    |              ^^^^^^^^^^^^
    ///    = help: did you mean `economy.grdp_growth_2021`?
    /// ```
    pub fn render(&self) -> String {
        self.render_styled(false)
    }

    /// [`Diagnostic::render`], with the severity word and the carets coloured (ANSI escapes,
    /// bold red for errors, bold yellow for warnings) when `color` is on, as rustc and cargo do
    /// on a terminal.
    pub fn render_styled(&self, color: bool) -> String {
        let paint = Paint { on: color, severity: self.severity };
        let severity = paint.apply(&self.severity.label());
        let mut out = match self.code {
            Some(code) => format!("{severity}[{code}]: {}\n", self.message),
            None => format!("{severity}: {}\n", self.message),
        };
        if let Some(loc) = &self.location {
            render_location(&mut out, loc, None, paint);
        }
        for (label, loc) in &self.notes {
            render_location(&mut out, loc, Some(label), paint);
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "   = {}: {help}", crate::t!("label-help"));
        }
        out
    }
}

/// The one place diagnostics choose colours.
#[derive(Clone, Copy)]
struct Paint {
    on: bool,
    severity: Severity,
}

impl Paint {
    fn apply(self, text: &str) -> String {
        if !self.on {
            return text.to_string();
        }
        let code = match self.severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

fn render_location(out: &mut String, loc: &Location, label: Option<&str>, paint: Paint) {
    let gutter = loc.line.to_string().len().max(2);
    let pad = " ".repeat(gutter);
    match label {
        Some(label) => {
            let _ = writeln!(out, "{pad} = {}: {label}", crate::t!("label-note"));
            let _ = writeln!(out, "{pad}--> {}:{}:{}", loc.path.display(), loc.line, loc.column);
        }
        None => {
            let _ = writeln!(out, "{pad}--> {}:{}:{}", loc.path.display(), loc.line, loc.column);
        }
    }
    // Long paragraphs are one line in the sources: show a window around the column.
    let chars: Vec<char> = loc.line_text.chars().collect();
    let col = loc.column - 1;
    let (from, prefix) = if col > 60 { (col - 40, "…") } else { (0, "") };
    // a long span (a whole generated line) is underlined for at most 60 characters
    let width = loc.width.clamp(1, 60);
    let to = (col + width + 40).min(chars.len()).max(from);
    let suffix = if to < chars.len() { "…" } else { "" };
    let shown: String = chars[from.min(chars.len())..to].iter().collect();
    let caret_pad = prefix.chars().count() + col - from;
    let width = width.min(to.saturating_sub(col)).max(1);
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{:>gutter$} | {prefix}{shown}{suffix}", loc.line);
    let _ = writeln!(out, "{pad} | {}{}", " ".repeat(caret_pad), paint.apply(&"^".repeat(width)));
}

/// The outcome of a failed command: the findings, and whether the user asked for something
/// impossible (usage, exit code 2) or the content is wrong (exit code 1).
#[derive(Debug, Clone)]
pub struct Failure {
    /// What went wrong (at least one error).
    pub diagnostics: Vec<Diagnostic>,
    /// A usage error (bad arguments, missing project) rather than a content error.
    pub usage: bool,
}

impl Failure {
    /// A content failure with these findings.
    pub fn content(diagnostics: Vec<Diagnostic>) -> Failure {
        Failure { diagnostics, usage: false }
    }

    /// A usage failure (exit code 2).
    pub fn usage(diagnostic: Diagnostic) -> Failure {
        Failure { diagnostics: vec![diagnostic], usage: true }
    }

    /// The process exit code for this failure: 2 for usage, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        if self.usage { 2 } else { 1 }
    }

    /// Every finding rendered, one after another.
    pub fn render(&self) -> String {
        self.diagnostics.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n")
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Failure {
        Failure::content(vec![d])
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Failure {}

/// Levenshtein distance, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Up to `n` candidates closest to `wanted`, closest first; only reasonably close ones.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| {
            let d = edit_distance(wanted, c);
            // a shared prefix/suffix (same subject, other year) counts as close too
            let bonus = usize::from(c.starts_with(wanted) || wanted.starts_with(c)) * 2;
            (d.saturating_sub(bonus), c)
        })
        .filter(|(d, c)| *d <= (wanted.chars().count().max(c.chars().count()) / 2).max(2))
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path built from components (as walkdir gives them: `\` between them on Windows) is
    /// written with `/`, and a folder keeps its final `/`.
    #[test]
    fn paths_in_json_are_written_with_slashes() {
        #[derive(serde::Serialize)]
        struct Entry {
            #[serde(serialize_with = "serialize_slash_path")]
            path: PathBuf,
        }
        let json = |path: PathBuf| serde_json::to_string(&Entry { path }).unwrap();
        assert_eq!(
            json(["content", "sections", "01-mo-dau.md"].iter().collect()),
            r#"{"path":"content/sections/01-mo-dau.md"}"#
        );
        assert_eq!(json(PathBuf::from("fonts/")), r#"{"path":"fonts/"}"#);
    }

    #[test]
    fn location_counts_characters_not_bytes() {
        let text = "dòng một\nhai ô {{ x }}\n";
        let start = text.find("{{").unwrap();
        let loc = Location::from_offset(Path::new("a.md"), text, start, 5);
        assert_eq!((loc.line, loc.column, loc.width), (2, 7, 5));
        assert_eq!(loc.line_text, "hai ô {{ x }}");
    }

    #[test]
    fn rendered_diagnostic_has_path_line_snippet_and_caret() {
        let text = "a\nGRDP {{ economy.grdp }}\n";
        let loc = Location::from_offset(Path::new("s.md"), text, 7, 15);
        let out = Diagnostic::error("undefined fact").at(loc).help("did you mean x?").render();
        assert!(out.contains("--> s.md:2:6"), "{out}");
        assert!(out.contains(" 2 | GRDP {{ economy.grdp }}"), "{out}");
        assert!(out.contains("   |      ^^^^^^^^^^^^^^^"), "{out}");
        assert!(out.contains("= help: did you mean x?"), "{out}");
    }

    #[test]
    fn a_long_span_on_a_long_line_shows_a_window() {
        let text = "x".repeat(100_000);
        let loc = Location::from_offset(Path::new("r.typ"), &text, 50_000, 40_000);
        let out = Diagnostic::error("too deep").at(loc).render();
        assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
        assert!(out.contains(&"^".repeat(60)), "{out}");
    }

    #[test]
    fn colour_marks_only_the_severity_word_and_the_caret() {
        let text = "GRDP {{ economy.grdp }}\n";
        let loc = Location::from_offset(Path::new("s.md"), text, 5, 3);
        let d = Diagnostic::warning("odd").at(loc);
        let coloured = d.render_styled(true);
        assert!(coloured.starts_with("\x1b[1;33mwarning\x1b[0m: odd\n"), "{coloured:?}");
        assert!(coloured.contains("\x1b[1;33m^^^\x1b[0m"), "{coloured:?}");
        assert_eq!(coloured.matches("\x1b[").count(), 4, "{coloured:?}");
        let plain = d.render();
        assert!(!plain.contains('\x1b'), "{plain:?}");
        assert_eq!(coloured.replace("\x1b[1;33m", "").replace("\x1b[0m", ""), plain);
    }

    #[test]
    fn closest_names_prefers_small_edits() {
        let names = ["grdp_growth_2021", "grdp_growth_2022", "budget_total"];
        assert_eq!(closest("grdp_growht_2021", names, 2)[0], "grdp_growth_2021");
        assert!(closest("zzz", names, 2).is_empty());
    }
}
