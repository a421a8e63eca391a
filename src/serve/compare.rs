//! Comparing two versions from the workspace: what `diff` takes (git revisions, folders, PDFs),
//! confined to the project — a folder or a PDF is named by its path inside the project folder
//! (`.` is the project as it is now), a revision is one of the project's git repository.
//! The comparison is `diff`'s own ([`crate::diff::compare`]); the browser gets its JSON report
//! (docs/diff-json.md), and may download it and the redline PDF. The last comparison is kept,
//! so that the downloads after a look do not compare again.

use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::diagnostics::Failure;
use crate::diff::{self, Comparison, Version, redline, render};

/// A version the workspace suggests.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// What to pass back (`.`, `HEAD~1`, `ban-cu/197.pdf`).
    pub value: String,
    /// What to show.
    pub label: String,
}

/// The project as it is, its recent git revisions, the PDFs and project folders inside it.
pub fn suggestions(root: &Path) -> Vec<Suggestion> {
    let mut out = vec![Suggestion { value: ".".into(), label: crate::t!("serve-version-current") }];
    let log = std::process::Command::new("git")
        .args(["log", "-n", "12", "--date=short", "--format=%h%x09%ad%x09%s", "--", "."])
        .current_dir(root)
        .stderr(std::process::Stdio::null())
        .output();
    if let Ok(log) = log
        && log.status.success()
    {
        for line in String::from_utf8_lossy(&log.stdout).lines() {
            let mut parts = line.splitn(3, '\t');
            let (Some(hash), Some(date), Some(subject)) = (parts.next(), parts.next(), parts.next()) else { continue };
            out.push(Suggestion { value: hash.into(), label: format!("git {hash} ({date}): {subject}") });
        }
    }
    let walker = walkdir::WalkDir::new(root).max_depth(3).sort_by_file_name().into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        !(name.starts_with('.') || name == "target" || name == "node_modules" || name == "content" || name == "fonts")
    });
    for entry in walker.flatten().take(2000) {
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if rel.as_os_str().is_empty() {
            continue;
        }
        let shown = crate::diagnostics::slash_path(rel);
        if entry.file_type().is_file() && shown.to_ascii_lowercase().ends_with(".pdf") {
            out.push(Suggestion { label: format!("PDF: {shown}"), value: shown });
        } else if entry.file_type().is_dir() && entry.path().join("content").is_dir() {
            out.push(Suggestion { label: crate::t!("serve-version-folder", path = &shown), value: shown });
        }
    }
    out
}

/// Why a version cannot be compared, for people.
pub type Refused = String;

/// `arg` as `diff` takes it, confined to the project at `root`: a path inside the project (made
/// absolute), or a git revision.
pub fn resolve(root: &Path, arg: &str) -> Result<String, Refused> {
    let arg = arg.trim();
    if arg.is_empty() {
        return Err(crate::t!("serve-no-version"));
    }
    if arg == "." {
        return Ok(root.to_string_lossy().into_owned());
    }
    let path = Path::new(arg);
    let looks_like_path = arg.contains('/') || arg.contains('\\') || arg.to_ascii_lowercase().ends_with(".pdf");
    if path.is_absolute() || path.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        return Err(crate::t!("serve-compare-outside", arg = arg));
    }
    let full = root.join(path);
    if full.exists() {
        let real_root = root.canonicalize().map_err(|e| e.to_string())?;
        let real = full.canonicalize().map_err(|e| e.to_string())?;
        if !real.starts_with(&real_root) {
            return Err(crate::t!("serve-compare-outside", arg = arg));
        }
        return Ok(real.to_string_lossy().into_owned());
    }
    if looks_like_path || arg.starts_with('-') {
        return Err(crate::t!("serve-compare-not-found", arg = arg));
    }
    // a revision, read by `diff` from the project's repository
    Ok(arg.to_string())
}

/// A comparison made, with what its downloads need.
pub struct Compared {
    /// The two versions as asked (`.`, `HEAD~1`) and the project generation compared.
    pub key: (String, String, u64),
    /// The report (docs/diff-json.md), with the lines saying how each PDF was read.
    pub json: serde_json::Value,
    comparison: Comparison,
    new: Version,
}

/// The last comparison, kept for its downloads.
#[derive(Default)]
pub struct Kept(Mutex<Option<Arc<Compared>>>);

impl Kept {
    /// The comparison of `old` and `new` at `generation` (made now unless it is the kept one).
    pub fn get(&self, root: &Path, old: &str, new: &str, generation: u64) -> Result<Arc<Compared>, Failure> {
        let key = (old.to_string(), new.to_string(), generation);
        if let Some(kept) = self.0.lock().unwrap_or_else(|p| p.into_inner()).as_ref()
            && kept.key == key
        {
            return Ok(kept.clone());
        }
        let compared = Arc::new(compare(root, old, new, key)?);
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(compared.clone());
        Ok(compared)
    }
}

fn compare(root: &Path, old: &str, new: &str, key: (String, String, u64)) -> Result<Compared, Failure> {
    let usage =
        |m: String| Failure::usage(crate::diagnostics::Diagnostic::error(m).help(crate::t!("serve-compare-help")));
    let old_arg = resolve(root, old).map_err(usage)?;
    let new_arg = resolve(root, new).map_err(usage)?;
    let font_dirs = [root.join("fonts")];
    let mut old_version = Version::open(&old_arg, root, &font_dirs)?;
    let mut new_version = Version::open(&new_arg, root, &font_dirs)?;
    // shown as chosen, not as the absolute paths diff was given
    old_version.info.source = old.to_string();
    new_version.info.source = new.to_string();
    let comparison = diff::compare(&old_version, &new_version)?;
    let mut json = render::json(&comparison.diff);
    let lines: Vec<String> =
        [&comparison.diff.old, &comparison.diff.new].into_iter().filter_map(|v| v.sources_line()).collect();
    json["sources_lines"] = serde_json::json!(lines);
    Ok(Compared { key, json, comparison, new: new_version })
}

impl Compared {
    /// The redline PDF (NEW with the changes marked); `None` when NEW has no sources.
    pub fn redline(&self) -> Option<Result<Vec<u8>, Failure>> {
        let project = self.new.project()?;
        Some(redline::pdf(&self.comparison, project).map(|(bytes, _)| bytes))
    }
}

/// The name an uploaded PDF is kept under: its own name with only letters, digits, `-`, `_`
/// and `.` (others become `_`), at most 80 characters, ending in `.pdf`, never hidden.
pub fn upload_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut safe: String = base
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .take(80)
        .collect();
    safe = safe.trim_start_matches('.').to_string();
    if !safe.to_ascii_lowercase().ends_with(".pdf") {
        safe.push_str(".pdf");
    }
    if safe == ".pdf" { "ban-cu.pdf".to_string() } else { safe }
}

/// A file name for a download: `so-sanh-HEAD~1-.pdf` with only safe characters.
pub fn file_name(old: &str, new: &str, extension: &str) -> String {
    let safe = |s: &str| -> String {
        let name: String = s
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
            .take(40)
            .collect();
        if name.trim_matches('_').is_empty() { "ban-hien-tai".into() } else { name }
    };
    format!("so-sanh_{}_{}.{extension}", safe(old), safe(new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_confined_to_the_project() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("ban-cu/content")).unwrap();
        std::fs::write(dir.path().join("a.pdf"), b"%PDF").unwrap();
        assert!(resolve(dir.path(), "ban-cu").is_ok());
        assert!(resolve(dir.path(), "a.pdf").is_ok());
        assert_eq!(resolve(dir.path(), "HEAD~1").unwrap(), "HEAD~1");
        for bad in ["../x", "/etc", "ban-cu/../../x", "khong-co.pdf", "x/y", "--output=x", ""] {
            assert!(resolve(dir.path(), bad).is_err(), "{bad}");
        }
        assert_eq!(file_name("HEAD~1", ".", "pdf"), "so-sanh_HEAD_1_ban-hien-tai.pdf");
        assert_eq!(upload_name("197-BC-UBND.pdf"), "197-BC-UBND.pdf");
        assert_eq!(upload_name("../../Báo cáo.PDF"), "B_o_c_o.PDF");
        assert_eq!(upload_name("..pdf"), "pdf.pdf");
        assert_eq!(upload_name("C:\\x\\.bashrc"), "bashrc.pdf");
    }
}
