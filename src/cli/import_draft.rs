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
            return report_failure(console, failure, dir, "the draft cannot be applied", "; nothing was written");
        }
    };
    let mut out = String::new();
    if !doc.changes.is_empty() {
        out.push_str(&format!(
            "Tracked changes ({}):\n",
            if accept { "applied as accepted" } else { "not applied; `--accept-changes` accepts them" }
        ));
        for c in &doc.changes {
            out.push_str(&format!(
                "  {} by {} on {}: \"{}\"\n",
                c.kind,
                or_unknown(&c.author),
                or_unknown(&c.date),
                summary::shorten(&c.text, 120)
            ));
        }
    }
    if !doc.comments.is_empty() {
        out.push_str("Comments (not applied; act on them in the sources):\n");
        for c in &doc.comments {
            out.push_str(&format!(
                "  {} on {}, on \"{}\": {}\n",
                or_unknown(&c.author),
                or_unknown(&c.date),
                summary::shorten(&c.anchor, 60),
                summary::shorten(&c.text, 200)
            ));
        }
    }
    for n in &plan.not_applied {
        out.push_str(&format!("not applied: {n}\n"));
    }
    let comparison = match diff::compare(&old, &new) {
        Ok(c) => c,
        Err(failure) => {
            return report_failure(console, failure, dir, "the result cannot be compared", "; nothing was written");
        }
    };
    out.push_str(&render::human(&comparison.diff, render::Style::new(console.stdout_color())));
    if write_stdout(&out, console) != ExitCode::SUCCESS {
        return ExitCode::from(2);
    }
    let summary = format!(
        "{} facts, {} blocks rewritten, {} added, {} removed, {} notes changed, {} added; {} files",
        plan.facts.len(),
        plan.blocks.0,
        plan.blocks.1,
        plan.blocks.2,
        plan.notes.0,
        plan.notes.1,
        plan.files.len()
    );
    if dry_run {
        console.status("dry run:", &format!("would change {summary}; nothing written"));
        return ExitCode::SUCCESS;
    }
    for (path, text) in &plan.files {
        if let Err(failure) = crate::output::write_atomic(&dir.join(path), text.as_bytes()) {
            return report_failure(console, failure, dir, "the draft was applied only in part", "");
        }
    }
    let written: Vec<PathBuf> = plan.files.keys().cloned().collect();
    console.status(
        "applied",
        &format!(
            "{} to {}: {summary}{}",
            file.display(),
            dir.display(),
            if written.is_empty() { " (nothing to change)" } else { "" }
        ),
    );
    ExitCode::SUCCESS
}

fn or_unknown(s: &str) -> &str {
    if s.is_empty() { "(unknown)" } else { s }
}
