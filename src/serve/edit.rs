//! Editing from the workspace: which files may be read and written, a fact's field changed on its
//! own line, and saves that never overwrite a change made meanwhile.
//!
//! - Only the project's content files are served: `content/report.yaml`, `content/facts/*.yaml`,
//!   `content/sections/*.md`, named by a relative path without `..`, resolved inside the project
//!   (a symlink pointing out of it is refused as missing).
//! - Each file is handed out with its version (the SHA-256 of its bytes); a save names the version
//!   it was made from, and is refused (409) when the file on disk is no longer that version.
//! - A fact's value, unit or meaning is changed where it is written: the one line `value: …` is
//!   rewritten, its indentation and any comment after it kept, every other byte of the file as it
//!   was. The edited project is loaded and checked in memory first; an edit that makes an error
//!   (a value that is no number where one is printed as a number, a broken line) is refused.
//! - Every write is atomic ([`crate::output::write_atomic`]).

use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Severity};
use crate::project::{DirSource, Project, Source};

/// Why a file cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a content file of the project (404).
    NotFound,
    /// Changed on disk since it was loaded (409).
    Stale,
    /// The edit is wrong; the messages say why (422).
    Invalid(Vec<String>),
}

/// The version of a file's bytes.
pub fn version(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The file `rel` of the project at `root`, if it is a content file the workspace may edit.
pub fn content_file(root: &Path, rel: &str) -> Result<PathBuf, Refusal> {
    let path = Path::new(rel);
    if rel.is_empty() || rel.contains('\\') || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Refusal::NotFound);
    }
    let parts: Vec<&str> = rel.split('/').collect();
    let allowed = match parts.as_slice() {
        ["content", "report.yaml"] => true,
        ["content", "facts", name] => name.ends_with(".yaml") && !name.starts_with('.'),
        ["content", "sections", name] => name.ends_with(".md") && !name.starts_with('.'),
        _ => false,
    };
    if !allowed {
        return Err(Refusal::NotFound);
    }
    let full = root.join(path);
    let real_root = root.canonicalize().map_err(|_| Refusal::NotFound)?;
    let real = full.canonicalize().map_err(|_| Refusal::NotFound)?;
    if !real.starts_with(&real_root) || !real.is_file() {
        return Err(Refusal::NotFound);
    }
    Ok(full)
}

/// Writes `text` to `path` if the file is still at `expected` version; returns the new version.
pub fn save(path: &Path, expected: &str, text: &str) -> Result<String, Refusal> {
    let current = std::fs::read(path).map_err(|_| Refusal::NotFound)?;
    if version(&current) != expected {
        return Err(Refusal::Stale);
    }
    if text.len() as u64 > crate::limits::MAX_FILE_BYTES {
        return Err(Refusal::Invalid(vec![crate::t!(
            "serve-file-too-large",
            size = text.len(),
            max = crate::limits::MAX_FILE_BYTES
        )]));
    }
    crate::output::write_atomic(path, text.as_bytes())
        .map_err(|f| Refusal::Invalid(f.diagnostics.iter().map(|d| d.message.clone()).collect()))?;
    Ok(version(text.as_bytes()))
}

/// A field of a fact the workspace edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `value:`
    Value,
    /// `unit:`
    Unit,
    /// `meaning:`
    Meaning,
}

impl Field {
    /// From its YAML name.
    pub fn parse(name: &str) -> Option<Field> {
        match name {
            "value" => Some(Field::Value),
            "unit" => Some(Field::Unit),
            "meaning" => Some(Field::Meaning),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Field::Value => "value",
            Field::Unit => "unit",
            Field::Meaning => "meaning",
        }
    }
}

/// `text` (a facts file) with field `field` of fact `name` set to `input`, written on its own
/// line. A value is written as a YAML number when it is one (`1.69`, `-3`, `51997`), and a
/// text value (rare) stays text; a unit or meaning is written as a quoted string.
pub fn set_field(text: &str, name: &str, field: Field, input: &str) -> Result<String, Refusal> {
    let invalid = |m: &str| Refusal::Invalid(vec![m.to_string()]);
    if input.contains(['\n', '\r']) || input.chars().any(|c| c.is_control() && c != '\t') {
        return Err(invalid(&crate::t!("serve-value-one-line")));
    }
    let input = input.trim();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let key_line = lines
        .iter()
        .position(|l| key_of(l).is_some_and(|k| k == name))
        .ok_or_else(|| invalid(&crate::t!("serve-fact-not-in-file")))?;
    // the fact's block: the indented lines after its key
    let mut end = key_line + 1;
    while end < lines.len()
        && (lines[end].starts_with([' ', '\t'])
            || lines[end].trim().is_empty()
            || lines[end].trim_start().starts_with('#'))
    {
        end += 1;
    }
    while end > key_line + 1 && (lines[end - 1].trim().is_empty() || !lines[end - 1].starts_with([' ', '\t'])) {
        end -= 1;
    }
    let block = key_line + 1..end;
    let field_line = block.clone().find(|&i| {
        let t = lines[i].trim_start();
        t.strip_prefix(field.name()).is_some_and(|r| r.trim_start().starts_with(':'))
    });
    let scalar = match field {
        Field::Value => {
            let old_is_text = field_line.is_some_and(|i| {
                let (start, end) = value_span(lines[i]);
                let old = lines[i][start..end].trim();
                old.starts_with(['"', '\'']) || (!old.is_empty() && !is_yaml_number(old))
            });
            if is_yaml_number(input) {
                input.to_string()
            } else if crate::facts::number::parse_vietnamese(input).is_some() || old_is_text {
                // `1,69`, `51.997`: a figure written the Vietnamese way is kept as written, in
                // quotes, and read as the clerk means it (see facts::number::parse_vietnamese)
                quoted(input)
            } else {
                return Err(invalid(&crate::t!("serve-not-a-number", input = input)));
            }
        }
        Field::Unit | Field::Meaning => quoted(input),
    };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match field_line {
        Some(i) => {
            let line = lines[i];
            let (start, end) = value_span(line);
            if line[start..end].trim_start().starts_with(['|', '>'])
                || i + 1 < block.end && is_continuation(lines[i + 1], line)
            {
                return Err(invalid(&crate::t!("serve-value-multiline")));
            }
            out[i] = format!("{}{scalar}{}", &line[..start], &line[end..]);
        }
        None if field == Field::Meaning => {
            let indent = lines.get(block.start).map_or("  ", |l| &l[..l.len() - l.trim_start().len()]);
            let indent = if indent.is_empty() { "  " } else { indent };
            let at = block.end;
            let newline = if at > 0 && !out[at - 1].ends_with('\n') {
                out[at - 1].push('\n');
                ""
            } else {
                "\n"
            };
            out.insert(at, format!("{indent}meaning: {scalar}{newline}"));
        }
        None => return Err(invalid(&crate::t!("serve-field-not-in-file"))),
    }
    Ok(out.concat())
}

/// The top-level key a line starts (`name:` at column 0, maybe quoted).
fn key_of(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#']) {
        return None;
    }
    let (key, rest) = line.split_once(':')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r'])) {
        return None;
    }
    Some(key.trim().trim_matches('"').trim_matches('\''))
}

/// Whether `next` continues the plain scalar of `line` (indented deeper, not a key).
fn is_continuation(next: &str, line: &str) -> bool {
    let indent = |l: &str| l.len() - l.trim_start().len();
    !next.trim().is_empty() && indent(next) > indent(line) && !next.trim_start().starts_with('#')
}

/// The byte span of a `field: value  # comment` line's value (after `: `, before the comment
/// and the line end).
fn value_span(line: &str) -> (usize, usize) {
    let colon = line.find(':').map_or(line.len(), |i| i + 1);
    let body_end = line.trim_end_matches(['\n', '\r']).len();
    let mut start = colon;
    while start < body_end && matches!(line.as_bytes()[start], b' ' | b'\t') {
        start += 1;
    }
    let rest = &line[start..body_end];
    let end = match rest.chars().next() {
        Some('"') => {
            let mut escaped = false;
            let close = rest.char_indices().skip(1).find(|&(_, c)| {
                let hit = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                hit
            });
            close.map_or(body_end, |(i, _)| start + i + 1)
        }
        Some('\'') => {
            let bytes = rest.as_bytes();
            let mut i = 1;
            loop {
                match bytes.get(i) {
                    Some(b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 2,
                    Some(b'\'') => break start + i + 1,
                    Some(_) => i += 1,
                    None => break body_end,
                }
            }
        }
        _ => rest.find(" #").or_else(|| rest.find("\t#")).map_or(body_end, |i| start + i),
    };
    // keep the spaces before a comment
    let trimmed = line[start..end].trim_end().len();
    (start, start + trimmed)
}

/// A number as YAML reads one, in the plain form a facts file writes: `-12`, `1.69`, `51997`.
fn is_yaml_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty() && !fraction.is_empty() && whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())
}

/// A double-quoted YAML string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The project at `root` with the file `rel` replaced by `text`, loaded and checked as `check`
/// would: the errors the edit brings (messages; errors the project already had elsewhere do not
/// stop an edit), or else the edited project's warnings.
pub fn check_with(root: &Path, rel: &str, text: &str) -> Result<Vec<Diagnostic>, Vec<String>> {
    let errors_of = |source: &dyn Source| -> Result<(Vec<Diagnostic>, Vec<Diagnostic>), Vec<Diagnostic>> {
        let project = Project::load_from(source).map_err(|f| f.diagnostics)?;
        let report = crate::check::run_project(&project);
        let (errors, _): (Vec<Diagnostic>, Vec<Diagnostic>) =
            report.findings.iter().cloned().partition(|d| d.severity == Severity::Error);
        Ok((errors, report.findings))
    };
    let source = Overlay { dir: DirSource::new(root), rel: PathBuf::from(rel), text: text.as_bytes().to_vec() };
    let (after, findings) = errors_of(&source).map_err(|e| messages(&e))?;
    if after.is_empty() {
        return Ok(findings);
    }
    // the same error (code, file, message) before the edit is not the edit's
    let before = match errors_of(&DirSource::new(root)) {
        Ok((errors, _)) | Err(errors) => errors,
    };
    let key = |d: &Diagnostic| (d.code, d.location.as_ref().map(|l| l.path.clone()), d.message.clone());
    let new: Vec<Diagnostic> = after.into_iter().filter(|d| !before.iter().any(|b| key(b) == key(d))).collect();
    if new.is_empty() { Ok(findings) } else { Err(messages(&new)) }
}

fn messages(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| match &d.location {
            Some(l) => format!("{}:{}: {}", crate::diagnostics::slash_path(&l.path), l.line, d.message),
            None => d.message.clone(),
        })
        .collect()
}

/// A project folder with one file's bytes replaced (the edit, before it is written).
struct Overlay {
    dir: DirSource,
    rel: PathBuf,
    text: Vec<u8>,
}

impl Source for Overlay {
    fn root(&self) -> &Path {
        self.dir.root()
    }
    fn describe(&self) -> String {
        self.dir.describe()
    }
    fn is_dir(&self, rel: &Path) -> bool {
        self.dir.is_dir(rel)
    }
    fn files_under(&self, rel: &Path, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
        self.dir.files_under(rel, errors)
    }
    fn read(&self, rel: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
        if rel == self.rel { Ok(self.text.clone()) } else { self.dir.read(rel, limit) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Số liệu lao động\npoverty_rate_2022:\n  value: 1.69   # theo Cục Thống kê\n  unit: \"%\"\n\nother:\n  value: 3\n  unit: 'hộ'\n  meaning: \"Số hộ\" # ghi chú\n";

    #[test]
    fn a_value_is_rewritten_on_its_line_keeping_the_comment_and_every_other_byte() {
        let out = set_field(FILE, "poverty_rate_2022", Field::Value, "1.7").unwrap();
        assert_eq!(out, FILE.replace("value: 1.69   #", "value: 1.7   #"));
        let out = set_field(FILE, "other", Field::Meaning, "Số \"hộ\" nghèo").unwrap();
        assert_eq!(out, FILE.replace("\"Số hộ\" # ghi", "\"Số \\\"hộ\\\" nghèo\" # ghi"));
        let out = set_field(FILE, "other", Field::Unit, "người").unwrap();
        assert_eq!(out, FILE.replace("'hộ'", "\"người\""));
    }

    #[test]
    fn a_missing_meaning_is_added_at_the_end_of_its_fact() {
        let out = set_field(FILE, "poverty_rate_2022", Field::Meaning, "Tỷ lệ hộ nghèo").unwrap();
        assert_eq!(out, FILE.replace("unit: \"%\"\n", "unit: \"%\"\n  meaning: \"Tỷ lệ hộ nghèo\"\n"));
    }

    #[test]
    fn a_figure_written_the_vietnamese_way_is_kept_as_written_in_quotes() {
        for (typed, written) in [("1,69", "\"1,69\""), ("51.997.000", "\"51.997.000\""), ("1.234,5", "\"1.234,5\"")] {
            let out = set_field(FILE, "poverty_rate_2022", Field::Value, typed).unwrap();
            assert!(out.contains(&format!("value: {written}")), "{typed}: {out}");
        }
    }

    #[test]
    fn a_value_that_is_no_plain_number_is_refused_with_what_to_write() {
        for bad in ["một", "1e3", "", "1,2,3", "12 tỷ"] {
            let e = crate::i18n::with_lang(crate::i18n::Lang::Vi, || {
                set_field(FILE, "poverty_rate_2022", Field::Value, bad)
            })
            .unwrap_err();
            assert!(matches!(&e, Refusal::Invalid(m) if m[0].contains("không phải một số")), "{bad}: {e:?}");
            let e = set_field(FILE, "poverty_rate_2022", Field::Value, bad).unwrap_err();
            assert!(matches!(&e, Refusal::Invalid(m) if m[0].contains("is not a number")), "{bad}: {e:?}");
        }
        assert!(matches!(set_field(FILE, "x", Field::Value, "1"), Err(Refusal::Invalid(_))));
        assert!(matches!(set_field(FILE, "other", Field::Unit, "a\nb"), Err(Refusal::Invalid(_))));
    }

    #[test]
    fn only_content_files_inside_the_project_are_served() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/sections")).unwrap();
        std::fs::write(dir.path().join("content/sections/01.md"), "x").unwrap();
        std::fs::write(dir.path().join("secret.md"), "x").unwrap();
        assert!(content_file(dir.path(), "content/sections/01.md").is_ok());
        for bad in [
            "content/sections/../../secret.md",
            "/etc/passwd",
            "secret.md",
            "content/sections/02.md",
            "content\\sections\\01.md",
        ] {
            assert_eq!(content_file(dir.path(), bad), Err(Refusal::NotFound), "{bad}");
        }
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join("secret.md"), "x").unwrap();
            std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.path().join("content/sections/link.md"))
                .unwrap();
            assert_eq!(content_file(dir.path(), "content/sections/link.md"), Err(Refusal::NotFound));
        }
    }

    #[test]
    fn a_save_over_a_file_changed_meanwhile_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "một").unwrap();
        let v = version(b"m\xe1\xbb\x99t");
        let v2 = save(&path, &v, "hai").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "hai");
        assert_eq!(save(&path, &v, "ba"), Err(Refusal::Stale));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "hai");
        assert!(save(&path, &v2, "ba").is_ok());
    }
}
