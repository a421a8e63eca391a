//! The baseline: findings acknowledged once, as linters have it (PHPStan's baseline, detekt's,
//! ruff's `--add-noqa`).
//!
//! The real report keeps the slips of the original on purpose (it is the document of record),
//! so without a baseline every build would print the same warnings and bury the one that
//! matters. `baocao check --write-baseline` records the current warnings in
//! `content/check-baseline.yaml`; later `check`, `build` and `watch` report only warnings not
//! recorded there, and count the others in one line.
//!
//! An entry names the finding's code, its file and the text it points at, widened to whole
//! words (`tốt.Ba`, `Kế  hoạch`), not its line: editing elsewhere in the file keeps the baseline
//! valid. Identical entries count: two recorded doubled spaces in one word pair cover two
//! findings. An entry that no longer matches a finding is reported as stale (`baseline-stale`),
//! so a slip that was corrected is also dropped from the baseline. Errors are never baselined.
//! An entry may carry a `reason:` (why the finding is kept); `--write-baseline` keeps reasons.

use super::CheckReport;
use crate::diagnostics::Code;
use crate::diagnostics::slash_path;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::project::baseline::{Baseline, Entry};

pub use crate::project::baseline::PATH;

/// The text a location points at, widened on both sides to the next whitespace (a finding on
/// the dot of `tốt.Ba` is recorded as `tốt.Ba`; one on the spaces of `Kế  hoạch` as `Kế  hoạch`).
pub fn pointed_words(loc: &Location) -> String {
    let chars: Vec<char> = loc.line_text.chars().collect();
    let start = loc.column.saturating_sub(1).min(chars.len());
    let end = (start + loc.width.max(1)).min(chars.len());
    let mut from = start;
    while from > 0 && !chars[from - 1].is_whitespace() {
        from -= 1;
    }
    let mut to = end;
    while to < chars.len() && !chars[to].is_whitespace() {
        to += 1;
    }
    // a run of spaces between spaces (`a   b`): the words on either side too
    if from == start && chars.get(start).is_some_and(|c| c.is_whitespace()) {
        from = word_before(&chars, from);
    }
    // a lone mark (` – `) is too common to name a place: the words on either side too
    if chars[from..to].iter().filter(|c| !c.is_whitespace()).count() < 3 {
        from = word_before(&chars, from);
        to = word_after(&chars, to);
    }
    chars[from..to].iter().collect::<String>().trim().to_string()
}

/// The start of the word before `at` (over the spaces before it).
fn word_before(chars: &[char], mut at: usize) -> usize {
    while at > 0 && chars[at - 1].is_whitespace() {
        at -= 1;
    }
    while at > 0 && !chars[at - 1].is_whitespace() {
        at -= 1;
    }
    at
}

/// The end of the word after `at` (over the spaces after it).
fn word_after(chars: &[char], mut at: usize) -> usize {
    while at < chars.len() && chars[at].is_whitespace() {
        at += 1;
    }
    while at < chars.len() && !chars[at].is_whitespace() {
        at += 1;
    }
    at
}

/// `69 known findings in baseline (content/check-baseline.yaml)`, when `n` is not 0.
pub fn known_line(n: usize) -> Option<String> {
    (n > 0).then(|| crate::t!("check-baseline-known", n = n, path = PATH))
}

/// The entry that records `finding`.
pub fn entry_of(finding: &Diagnostic) -> Entry {
    let (file, text) = match &finding.location {
        Some(loc) => (slash_path(&loc.path), pointed_words(loc)),
        None => (String::new(), finding.message.clone()),
    };
    Entry { code: finding.code.map_or("", Code::as_str).to_string(), file, text, reason: None }
}

/// The first entry of `baseline` not yet `used` that records the same finding as `entry`.
fn find(baseline: &Baseline, used: &[bool], entry: &Entry) -> Option<usize> {
    (0..baseline.entries.len()).find(|&i| !used[i] && baseline.entries[i].matches(entry))
}

/// Moves the warnings `baseline` records from `report.findings` to `report.baselined`, and
/// adds a `baseline-stale` warning for each entry that matched nothing.
pub fn apply(baseline: &Baseline, report: &mut CheckReport) {
    let mut used = vec![false; baseline.entries.len()];
    for finding in std::mem::take(&mut report.findings) {
        let slot =
            if finding.severity == Severity::Warning { find(baseline, &used, &entry_of(&finding)) } else { None };
        match slot {
            Some(i) => {
                used[i] = true;
                report.baselined.push(finding);
            }
            None => report.findings.push(finding),
        }
    }
    let Some(file) = &baseline.file else { return };
    for (i, entry) in baseline.entries.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let line = baseline.lines.get(i).copied().unwrap_or(1);
        report.findings.push(
            Diagnostic::warning(crate::t!(
                "check-baseline-stale",
                code = &entry.code,
                file = &entry.file,
                text = &entry.text
            ))
            .code(Code::BaselineStale)
            .at(Location::from_line_col(&file.path, &file.text, line, 1, 1))
            .help(crate::t!("check-baseline-stale-help")),
        );
    }
}

/// The text of a baseline file recording the warnings among `findings`, keeping the reasons
/// of `baseline`'s entries that still match.
pub fn write(baseline: &Baseline, findings: &[Diagnostic]) -> String {
    let mut used = vec![false; baseline.entries.len()];
    let entries: Vec<Entry> = findings
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.code != Some(Code::BaselineStale))
        .map(|d| {
            let mut entry = entry_of(d);
            if let Some(i) = find(baseline, &used, &entry) {
                used[i] = true;
                entry.reason = baseline.entries[i].reason.clone();
            }
            entry
        })
        .collect();
    let mut text = String::from(HEADER);
    if !entries.is_empty() {
        text.push_str(&serde_yaml::to_string(&entries).unwrap_or_default());
    }
    text
}

const HEADER: &str = "\
# Known findings of `baocao check`, kept on purpose: check, build and watch do not report them
# again, and count them in one line. Written by `baocao check --write-baseline`; an entry names
# the finding's code, its file and the text it points at (not a line, so edits elsewhere keep it
# valid). Add `reason:` to an entry to say why it is kept. An entry that matches no finding any
# more is reported as stale (`baseline-stale`).
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::SourceFile;
    use crate::project::baseline::PATH;
    use std::path::Path;

    fn finding(line_text: &str, column: usize, width: usize) -> Diagnostic {
        let loc = Location::from_line_col(Path::new("content/sections/a.md"), line_text, 1, column, width);
        Diagnostic::warning("x").code(Code::TypoNoSpaceAfter).at(loc)
    }

    #[test]
    fn an_entry_records_the_pointed_words_not_the_line() {
        assert_eq!(pointed_words(&finding("rất tốt.Ba năm", 8, 1).location.unwrap()), "tốt.Ba");
        assert_eq!(pointed_words(&finding("Kế  hoạch số", 3, 2).location.unwrap()), "Kế  hoạch");
        assert_eq!(pointed_words(&finding("thực hiện Kế  hoạch số", 13, 2).location.unwrap()), "Kế  hoạch");
        assert_eq!(pointed_words(&finding("kỳ 2021 – 2026 đến", 9, 1).location.unwrap()), "2021 – 2026");
        assert_eq!(pointed_words(&finding("Kế   hoạch số", 4, 2).location.unwrap()), "Kế   hoạch");
        let moved = finding("Thêm một dòng. rất tốt.Ba năm", 23, 1);
        assert_eq!(entry_of(&moved), entry_of(&finding("rất tốt.Ba năm", 8, 1)));
    }

    #[test]
    fn recorded_findings_are_moved_aside_and_unmatched_entries_are_stale() {
        let file = SourceFile {
            path: PATH.into(),
            text: "- code: typo-no-space-after\n  file: content/sections/a.md\n  text: tốt.Ba\n  reason: bản gốc\n\
                   - code: typo-no-space-after\n  file: content/sections/a.md\n  text: đã.Sửa\n"
                .into(),
        };
        let baseline = Baseline::parse(Some(&file)).unwrap();
        let mut report = CheckReport {
            findings: vec![finding("rất tốt.Ba năm", 8, 1), finding("mới.Lỗi", 4, 1)],
            ..Default::default()
        };
        apply(&baseline, &mut report);
        assert_eq!(report.baselined.len(), 1);
        let codes: Vec<_> = report.findings.iter().map(|d| (d.code, d.location.as_ref().map(|l| l.line))).collect();
        assert_eq!(codes, [(Some(Code::TypoNoSpaceAfter), Some(1)), (Some(Code::BaselineStale), Some(5))]);
        let written = write(&baseline, &[finding("rất tốt.Ba năm", 8, 1)]);
        assert!(written.contains("text: tốt.Ba\n  reason: bản gốc\n"), "{written}");
        assert!(!written.contains("đã.Sửa"));
    }
}
