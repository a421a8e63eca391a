//! Files: what the project holds that is silently not printed as the clerk meant.
//!
//! - `file-left-out`: a file in content/sections/ or content/facts/ that baocao does not read
//!   (`04a-chuyen-doi-so.md.txt`, Notepad's default; a `.docx`; a `.txt`), listed when the project
//!   was loaded ([`crate::project::Project::left_out`]); hidden files and editors' backups are not.
//! - `report-item-joined`: an entry of a list in report.yaml that holds the next line's entry,
//!   because its `- ` was indented one space more than the entries above and YAML read it as the
//!   rest of the entry before ("…UBND tỉnh; - Đại biểu HĐND tỉnh;").

use std::path::Path;

use super::Input;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::t;

/// Adds the file findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    for rel in &input.project.left_out {
        out.push(left_out(rel));
    }
    report_items(input, out);
}

/// The finding for a file that is not read, with what to do for its kind.
fn left_out(rel: &Path) -> Diagnostic {
    let file = rel.display().to_string();
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let in_facts = rel.components().any(|c| c.as_os_str() == "facts");
    let wanted = if in_facts { ".yaml" } else { ".md" };
    // `x.md.txt`, `x.yaml.txt`: the right name is inside
    let inner = [".md", ".yaml", ".yml"]
        .iter()
        .find_map(|x| lower.rfind(x).filter(|i| i + x.len() < lower.len()).map(|i| name[..i + x.len()].to_string()));
    let stem = match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name.as_str(),
    };
    let help = if let Some(inner) = inner {
        t!("check-file-left-out-rename-help", name = &name, renamed = inner)
    } else if [".docx", ".doc", ".odt", ".rtf"].iter().any(|x| lower.ends_with(x)) && !in_facts {
        t!("check-file-left-out-word-help", name = &name)
    } else if [".xlsx", ".xls", ".ods", ".csv"].iter().any(|x| lower.ends_with(x)) {
        t!("check-file-left-out-sheet-help", name = &name)
    } else if [".txt", ".markdown", ".yml.txt"].iter().any(|x| lower.ends_with(x)) || !name.contains('.') {
        t!("check-file-left-out-rename-help", name = &name, renamed = format!("{stem}{wanted}"))
    } else {
        t!("check-file-left-out-help", name = &name, wanted = wanted)
    };
    let message = if in_facts {
        t!("check-file-left-out-facts", file = &file)
    } else {
        t!("check-file-left-out-sections", file = &file)
    };
    // no place in the file (it is not read): the message names it
    Diagnostic::warning(message).code(Code::FileLeftOut).help(help)
}

fn report_items(input: &Input, out: &mut Vec<Diagnostic>) {
    let report = &input.project.report;
    let lists: [(&str, &[String]); 5] = [
        ("recipients", &report.recipients),
        ("summary", &report.summary),
        ("authority", &report.authority),
        ("parent_authority", &report.parent_authority),
        ("titles", &report.signer.titles),
    ];
    let file = &input.project.report_file;
    let mut offset = 0;
    // the column of the last `- ` that began an entry of its own
    let mut entry_column = None;
    for line in file.text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches(' ');
        let Some(rest) = trimmed.strip_prefix("- ") else { continue };
        let rest = rest.split(" #").next().unwrap_or("").trim();
        if rest.is_empty() {
            continue;
        }
        let joined = format!(" - {rest}");
        let column = content.len() - trimmed.len();
        let Some((key, entry)) = lists.iter().find_map(|(key, entries)| {
            entries.iter().find(|e| e.contains(&joined) && !e.starts_with(rest)).map(|e| (*key, e))
        }) else {
            entry_column = Some(column);
            continue;
        };
        let at = start + column;
        let location = Location::from_offset(&file.path, &file.text, at, trimmed.len());
        let previous = entry_column.unwrap_or(column.saturating_sub(1)) + 1;
        out.push(
            Diagnostic::warning(t!("check-report-item-joined", key = key, entry = entry.as_str()))
                .code(Code::ReportItemJoined)
                .at(location)
                .help(t!("check-report-item-joined-help", column = previous)),
        );
    }
}
