//! `baocao-allow` comments: the office may keep a slip of the original on purpose.
//!
//! In a section, `<!-- baocao-allow: CODE, CODE -->` silences warnings with those codes from the
//! end of the comment to the end of the next block: blank lines right after the comment are
//! skipped, then the block runs to the next blank line. In a facts file, a comment line
//! `# baocao-allow: fact-unused` silences the next line that is neither blank nor a comment
//! (a fact's name). Errors cannot be silenced. A comment that names an unknown code or an error,
//! or that silences nothing, is itself a warning, so silencing stays deliberate.

use std::path::PathBuf;

use super::{CheckReport, Silenced, code, code_info};
use crate::diagnostics::{Diagnostic, Location, Severity};
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
pub(super) fn apply(project: &Project, findings: Vec<Diagnostic>) -> CheckReport {
    let mut directives: Vec<Directive> = project.sections.iter().flat_map(markdown_directives).collect();
    directives.extend(project.fact_files.iter().flat_map(yaml_directives));
    let mut report = CheckReport::default();
    for finding in findings {
        let silencer = finding.location.as_ref().filter(|_| finding.severity == Severity::Warning).and_then(|loc| {
            directives.iter_mut().find(|d| d.covers(loc) && d.codes.iter().any(|(c, ..)| Some(c.as_str()) == finding.code))
        });
        match silencer {
            Some(d) => {
                for (c, _, used) in &mut d.codes {
                    if Some(c.as_str()) == finding.code {
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
            match code_info(c) {
                None => report.findings.push(
                    Diagnostic::warning(format!("`{c}` is not a check code"))
                        .code(code::ALLOW_INVALID)
                        .at(at.clone())
                        .help("the codes are listed in docs/content-format.md (`baocao-allow`), e.g. `typo-no-space-after`"),
                ),
                Some(info) if info.severity == Severity::Error => report.findings.push(
                    Diagnostic::warning(format!("`{c}` is an error and cannot be silenced"))
                        .code(code::ALLOW_INVALID)
                        .at(at.clone())
                        .help("correct the mistake; only warnings can be kept with `baocao-allow`"),
                ),
                Some(_) if !used => report.findings.push(
                    Diagnostic::warning(format!("`baocao-allow: {c}` silences nothing"))
                        .code(code::ALLOW_UNUSED)
                        .at(at.clone())
                        .help("the comment applies to the next block only; move it there, or delete it"),
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

fn markdown_directives(file: &SourceFile) -> Vec<Directive> {
    let text = &file.text;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        // CommonMark 0.31.2: `<!-->` and `<!--->` are whole (empty) comments; any other comment
        // ends at the first `-->` after its `<!--`
        if let Some(empty) = ["<!-->", "<!--->"].iter().find(|c| text[start..].starts_with(**c)) {
            from = start + empty.len();
            continue;
        }
        let Some(len) = text[start + 4..].find("-->") else { break };
        let end = start + 4 + len + 3;
        from = end;
        let body = &text[start + 4..end - 3];
        let Some(list) = body.trim_start().strip_prefix(KEYWORD) else { continue };
        let list_start = end - 3 - list.len();
        let at = Location::from_offset(&file.path, text, start, end - start);
        let after = Location::from_offset(&file.path, text, end, 0);
        // skip the rest of the comment's line when empty, then blank lines; the block runs to the
        // next blank line
        let lines: Vec<&str> = text.split('\n').collect();
        let mut line = after.line; // 1-based line of the comment's end
        let rest_of_line = &lines[line - 1][text[..end].rfind('\n').map_or(end, |n| end - n - 1)..];
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
        out.push(Directive { path: file.path.clone(), at, codes: codes(file, list_start, list), from: from_pos, to_line });
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
        let file = SourceFile {
            path: "s.md".into(),
            text: "Một.\n\n<!-- baocao-allow: typo-double-space, heading-skip -->\n\nHai  ba\nbốn.\n\nNăm.\n".into(),
        };
        let d = markdown_directives(&file);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].codes.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), ["typo-double-space", "heading-skip"]);
        let columns: Vec<(usize, usize)> = d[0].codes.iter().map(|c| (c.1.column, c.1.width)).collect();
        assert_eq!(columns, [(20, 17), (39, 12)]);
        assert_eq!((d[0].from, d[0].to_line), ((5, 1), 6));
        assert_eq!(d[0].at.line, 3);
    }
}
