//! `baocao import FILE.docx --into DIR`: a returned draft applied to its project. Prints the
//! tracked changes and comments (author, date), then the result as `baocao diff` shows it (the
//! project now against the project as it would be), then writes the changed files — or nothing,
//! with `--dry-run`. Exit 0 when applied (or nothing to apply), 1 when the result would not
//! build, 2 on a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{refuse, report_failure, write_stdout};
use crate::console::Console;
use crate::diagnostics::Failure;
use crate::diff::{self, SourceKind, Version, render};
use crate::import::{draft, package, summary, walk};
use crate::project::{MemorySource, Project};
use crate::t;

/// Applies the draft.
pub fn run(file: &Path, dir: &Path, accept: bool, dry_run: bool, console: &Console) -> ExitCode {
    let project = match Project::load(dir) {
        Ok(p) => p,
        Err(f) => return refuse(console, f, dir),
    };
    let result = (|| -> Result<(walk::WordDoc, draft::Plan, Version, Version), Failure> {
        let narrative = crate::narrative::render(&project)?.or_fail()?;
        let package = package::read_file(file)?;
        let doc = walk::walk(&package, accept).map_err(|d| Failure::content(vec![d]))?;
        let plan = draft::plan(&project, &narrative.document, &doc);
        let files = plan.files.iter().map(|(p, t)| (p.clone(), t.as_bytes().to_vec()));
        let after = Project::load_from(&MemorySource::new(dir, Some(dir), files))?;
        let name = format!("{} + {}", dir.display(), file.display());
        let new = Version::from_project(&name, SourceKind::Docx, after)?;
        let old = Version::from_project(&dir.display().to_string(), SourceKind::Directory, project.clone())?;
        Ok((doc, plan, old, new))
    })();
    let (doc, plan, old, new) = match result {
        Ok(r) => r,
        Err(failure) => {
            return report_failure(console, failure, dir, &t!("cli-draft-failed"), &t!("cli-draft-nothing-written"));
        }
    };
    let mut out = String::new();
    if !doc.changes.is_empty() {
        let how = if accept { t!("cli-draft-changes-accepted") } else { t!("cli-draft-changes-not-applied") };
        out.push_str(&t!("cli-draft-changes", how = how));
        out.push('\n');
        for c in &doc.changes {
            let line = t!(
                "cli-draft-change",
                kind = crate::import::summary::change_kind(c.kind),
                author = or_unknown(&c.author),
                date = or_unknown(&c.date),
                text = summary::shorten(&c.text, 120).to_string()
            );
            out.push_str(&format!("  {line}\n"));
        }
    }
    if !doc.comments.is_empty() {
        out.push_str(&t!("cli-draft-comments"));
        out.push('\n');
        for c in &doc.comments {
            let line = t!(
                "cli-draft-comment",
                author = or_unknown(&c.author),
                date = or_unknown(&c.date),
                anchor = summary::shorten(&c.anchor, 60).to_string(),
                text = summary::shorten(&c.text, 200).to_string()
            );
            out.push_str(&format!("  {line}\n"));
        }
    }
    for n in &plan.not_applied {
        out.push_str(&format!("{}\n", t!("cli-draft-not-applied", what = n.to_string())));
    }
    let comparison = match diff::compare(&old, &new) {
        Ok(c) => c,
        Err(failure) => {
            return report_failure(
                console,
                failure,
                dir,
                &t!("cli-draft-cannot-compare"),
                &t!("cli-draft-nothing-written"),
            );
        }
    };
    out.push_str(&render::human(&comparison.diff, render::Style::new(console.stdout_color())));
    if write_stdout(&out, console) != ExitCode::SUCCESS {
        return ExitCode::from(2);
    }
    let summary = t!(
        "cli-draft-summary",
        facts = plan.facts.len(),
        rewritten = plan.blocks.0,
        added = plan.blocks.1,
        removed = plan.blocks.2,
        notes_changed = plan.notes.0,
        notes_added = plan.notes.1,
        files = plan.files.len()
    );
    if dry_run {
        console.status(&t!("cli-word-dry-run"), &t!("cli-draft-dry-run", summary = summary.as_str()));
        return ExitCode::SUCCESS;
    }
    for (path, text) in &plan.files {
        if let Err(failure) = crate::output::write_atomic(&dir.join(path), text.as_bytes()) {
            return report_failure(console, failure, dir, &t!("cli-draft-partly"), "");
        }
    }
    let written: Vec<PathBuf> = plan.files.keys().cloned().collect();
    let nothing = if written.is_empty() { format!(" {}", t!("cli-draft-nothing-to-change")) } else { String::new() };
    console.status(
        &t!("cli-word-applied"),
        &t!(
            "cli-draft-applied",
            file = file.display().to_string(),
            dir = dir.display().to_string(),
            summary = summary.as_str(),
            nothing = nothing
        ),
    );
    ExitCode::SUCCESS
}

fn or_unknown(s: &str) -> String {
    if s.is_empty() { t!("cli-draft-unknown") } else { s.to_string() }
}
