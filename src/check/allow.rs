//! `baocao-allow` comments: the office may keep a slip of the original on purpose.
//!
//! In a section, `<!-- baocao-allow: CODE, CODE -->` silences warnings with those codes from the
//! end of the comment to the end of the next block: blank lines right after the comment are
//! skipped, then the block runs to the next blank line. In a facts file, a comment line
//! `# baocao-allow: fact-unused` silences the next line that is neither blank nor a comment
//! (a fact's name). Errors cannot be silenced. A comment that names an unknown code or an error,
//! or that silences nothing, is itself a warning, so silencing stays deliberate.

use std::path::PathBuf;

use super::{CheckReport, Silenced};
use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::document::{Document, Section};
use crate::project::{Project, SourceFile};

/// The word that starts a directive.
const KEYWORD: &str = "baocao-allow:";

/// One `baocao-allow` comment.
struct Directive {
    path: PathBuf,
    /// The comment, for messages and the JSON `allowed_by`.
    at: Location,
    /// The codes named, each with where it is written and whether it silenced something.
    codes: Vec<(String, Location, bool)>,
    /// First silenced place (line, column) and last silenced line.
    from: (usize, usize),
    to_line: usize,
}

impl Directive {
    fn covers(&self, loc: &Location) -> bool {
        loc.path == self.path && (loc.line, loc.column) >= self.from && loc.line <= self.to_line
    }
}

/// Splits findings into kept and silenced, and adds findings about the comments themselves.
pub(super) fn apply(project: &Project, document: &Document, findings: Vec<Diagnostic>) -> CheckReport {
    let mut directives: Vec<Directive> = document.sections.iter().flat_map(markdown_directives).collect();
    directives.extend(project.fact_files.iter().flat_map(yaml_directives));
    let mut report = CheckReport::default();
    for finding in findings {
        let silencer = finding.location.as_ref().filter(|_| finding.severity == Severity::Warning).and_then(|loc| {
            directives
                .iter_mut()
                .find(|d| d.covers(loc) && d.codes.iter().any(|(c, ..)| Code::parse(c) == finding.code))
        });
        match silencer {
            Some(d) => {
                for (c, _, used) in &mut d.codes {
                    if Code::parse(c) == finding.code {
                        *used = true;
                    }
                }
                report.silenced.push(Silenced { finding, by: d.at.clone() });
            }
            None => report.findings.push(finding),
        }
    }
    for d in &directives {
        for (c, at, used) in &d.codes {
            match Code::parse(c) {
                None => report.findings.push(
                    Diagnostic::warning(crate::t!("check-allow-unknown", code = c.as_str()))
                        .code(Code::AllowInvalid)
                        .at(at.clone())
                        .help(crate::t!("check-allow-unknown-help")),
                ),
                Some(info) if info.severity() == Severity::Error => report.findings.push(
                    Diagnostic::warning(crate::t!("check-allow-error", code = c.as_str()))
                        .code(Code::AllowInvalid)
                        .at(at.clone())
                        .help(crate::t!("check-allow-error-help")),
                ),
                Some(_) if !used => report.findings.push(
                    Diagnostic::warning(crate::t!("check-allow-unused", code = c.as_str()))
                        .code(Code::AllowUnused)
                        .at(at.clone())
                        .help(crate::t!("check-allow-unused-help")),
                ),
                Some(_) => {}
            }
        }
    }
    report
}

/// The codes of a directive: `list` starts at byte `start` of `file`'s text; `a, b c` →
/// `[a, b, c]`, each with its place.
fn codes(file: &SourceFile, start: usize, list: &str) -> Vec<(String, Location, bool)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for part in list.split_inclusive(|c: char| c == ',' || c.is_whitespace()) {
        let code = part.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
        if !code.is_empty() {
            let at = Location::from_offset(&file.path, &file.text, start + offset, code.len());
            out.push((code.to_string(), at, false));
        }
        offset += part.len();
    }
    out
}

/// The `baocao-allow` comments of a section, read from the model: HTML comments as the
/// Markdown parser found them (not in code, not `<!--` inside a word), each mapped to its place
/// in the file.
fn markdown_directives(section: &Section) -> Vec<Directive> {
    let text = &section.source.source;
    let path = &section.source.path;
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    for comment in &section.comments {
        let Some(list) = comment.text.trim_start().strip_prefix(KEYWORD) else { continue };
        let range = section.source.source_range(comment.range.clone());
        let Some(written) = text.get(range.clone()) else { continue };
        // the list as written in the file (a comment is literal text: its bytes are the file's)
        let Some(list_start) = written.find(KEYWORD).map(|k| range.start + k + KEYWORD.len()) else { continue };
        let list = &text[list_start..list_start + list.len().min(range.end.saturating_sub(list_start))];
        let end = range.end;
        let at = Location::from_offset(path, text, range.start, range.len());
        let after = Location::from_offset(path, text, end, 0);
        // skip the rest of the comment's line when empty, then blank lines; the block runs to the
        // next blank line
        let mut line = after.line; // 1-based line of the comment's end
        let line_start = text[..end].rfind('\n').map_or(0, |n| n + 1);
        let rest_of_line = &text[end..line_start + lines.get(line - 1).map_or(0, |l| l.len())];
        let mut from_pos = (after.line, after.column);
        if rest_of_line.trim().is_empty() {
            line += 1;
            while line <= lines.len() && lines[line - 1].trim().is_empty() {
                line += 1;
            }
            from_pos = (line, 1);
        }
        let mut to_line = line;
        while to_line < lines.len() && !lines[to_line].trim().is_empty() {
            to_line += 1;
        }
        let file = SourceFile { path: path.clone(), text: text.clone() };
        out.push(Directive { path: path.clone(), at, codes: codes(&file, list_start, list), from: from_pos, to_line });
    }
    out
}

fn yaml_directives(file: &SourceFile) -> Vec<Directive> {
    let mut out = Vec::new();
    let lines: Vec<&str> = file.text.split('\n').collect();
    let mut line_start = 0;
    for (n, line) in lines.iter().enumerate() {
        let start_of_this = line_start;
        line_start += line.len() + 1;
        let Some(list) = line.trim_start().strip_prefix('#').map(str::trim_start).and_then(|c| c.strip_prefix(KEYWORD))
        else {
            continue;
        };
        let list_start = start_of_this + line.len() - list.len();
        let column = line.len() - line.trim_start().len() + 1;
        let at = Location::from_line_col(&file.path, &file.text, n + 1, column, line.trim().chars().count());
        let target = (n + 1..lines.len()).find(|&k| {
            let t = lines[k].trim();
            !t.is_empty() && !t.starts_with('#')
        });
        if let Some(k) = target {
            out.push(Directive {
                path: file.path.clone(),
                at,
                codes: codes(file, list_start, list),
                from: (k + 1, 1),
                to_line: k + 1,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_on_its_own_line_covers_the_next_block_only() {
        let text = "Một.\n\n<!-- baocao-allow: typo-double-space, heading-skip -->\n\nHai  ba\nbốn.\n\nNăm.\n";
        let (document, _) = crate::narrative::parse_markdown(&[text]).unwrap();
        let d = markdown_directives(&document.sections[0]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].codes.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), ["typo-double-space", "heading-skip"]);
        let columns: Vec<(usize, usize)> = d[0].codes.iter().map(|c| (c.1.column, c.1.width)).collect();
        assert_eq!(columns, [(20, 17), (39, 12)]);
        assert_eq!((d[0].from, d[0].to_line), ((5, 1), 6));
        assert_eq!(d[0].at.line, 3);
    }

    #[test]
    fn comments_commonmark_closes_at_once_and_comments_in_code_are_not_directives() {
        let text = "foo <!--> foo -->\n\n```\n<!-- baocao-allow: heading-skip -->\n```\n\n<!---> x\n";
        let (document, _) = crate::narrative::parse_markdown(&[text]).unwrap();
        assert!(markdown_directives(&document.sections[0]).is_empty());
        let comments: Vec<&str> = document.sections[0].comments.iter().map(|c| &text[c.range.clone()]).collect();
        assert_eq!(comments, ["<!-->", "<!--->"]);
    }
}
