//! `baocao verify`: is a PDF exactly what its own sources produce?
//!
//! Takes a PDF (and optionally a project directory) and hands on a [`Verdict`]:
//!
//! 1. read the attached files back; `manifest.json` must be there, and every attached input
//!    must match its SHA-256 in the manifest;
//! 2. find the fonts the manifest names, by SHA-256, in the project's `fonts/` (or `./fonts`);
//! 3. rebuild from the attached files in a temporary folder, with the options the manifest
//!    records, and compare the bytes;
//! 4. with a project, list which of its inputs differ from the ones in the PDF.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, slash_path};
use crate::limits::{MAX_FONT_BYTES, MAX_PDF_ATTACHMENTS, MAX_PDF_BYTES};
use crate::pdf_read::{self, AttachedFile};
use crate::project;
use crate::provenance::{self, MANIFEST_NAME, Manifest, sha256_hex};
use crate::sources;

/// How an input in a project differs from the one recorded in a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Both have the file, with different bytes.
    Changed,
    /// The project has a file the PDF's build did not.
    Added,
    /// The PDF's build had a file the project lacks.
    Missing,
}

impl Change {
    fn word(self) -> &'static str {
        match self {
            Change::Changed => "changed",
            Change::Added => "added",
            Change::Missing => "missing",
        }
    }
}

/// The outcome of checking a PDF.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// The manifest read from the PDF.
    pub manifest: Option<Manifest>,
    /// What was checked and found in order (one line each).
    pub checks: Vec<String>,
    /// Why the PDF is not verified (empty when it is).
    pub problems: Vec<String>,
    /// Whether the rebuild gave the same bytes (`None`: no rebuild was possible).
    pub identical: Option<bool>,
    /// With a project: its inputs that differ from the PDF's, by path.
    pub project_changes: Vec<(PathBuf, Change)>,
    /// Nothing says the PDF was altered, but it could not be rebuilt to tell (no sources, a
    /// font that is nowhere, sources that do not build, another version of baocao or typst).
    pub cannot_tell: bool,
}

/// What `verify` concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exactly what its sources produce (and, with a project, what the project holds): exit 0.
    Verified,
    /// Not what its sources produce, or altered after it was built: exit 1.
    NotVerified,
    /// It could not be told either way (see [`Verdict::cannot_tell`]): exit 3.
    CannotTell,
}

impl Verdict {
    /// Verified: the rebuild gave the same bytes, nothing is wrong, and the project (if given)
    /// holds exactly the PDF's inputs.
    pub fn verified(&self) -> bool {
        self.identical == Some(true) && self.problems.is_empty() && self.project_changes.is_empty()
    }

    /// The conclusion: verified, not verified, or cannot tell.
    pub fn outcome(&self) -> Outcome {
        if self.verified() {
            Outcome::Verified
        } else if self.cannot_tell && self.project_changes.is_empty() {
            Outcome::CannotTell
        } else {
            Outcome::NotVerified
        }
    }

    /// The report for people.
    pub fn render(&self, pdf: &Path, project: Option<&Path>) -> String {
        let mut out = String::new();
        for c in &self.checks {
            out.push_str(&format!("  {c}\n"));
        }
        for p in &self.problems {
            out.push_str(&format!("  problem: {p}\n"));
        }
        if let Some(project) = project
            && !self.project_changes.is_empty()
        {
            out.push_str(&format!("  the project `{}` differs from the sources in the PDF:\n", project.display()));
            for (path, change) in &self.project_changes {
                out.push_str(&format!("    {:<8} {}\n", change.word(), slash_path(path)));
            }
        }
        if self.verified() {
            out.push_str(&format!("verified: `{}` is exactly what its sources produce", pdf.display()));
            if let Some(project) = project {
                out.push_str(&format!(", and they are the inputs in `{}`", project.display()));
            }
        } else if self.identical == Some(true) && self.problems.is_empty() {
            out.push_str(&format!(
                "not verified: `{}` is what its own sources produce, but the project differs from them",
                pdf.display()
            ));
        } else if self.outcome() == Outcome::CannotTell {
            out.push_str(&format!(
                "cannot tell: `{}` could not be rebuilt from its sources here, so whether it is what they produce is not known",
                pdf.display()
            ));
        } else {
            out.push_str(&format!("not verified: `{}`", pdf.display()));
        }
        out.push('\n');
        out
    }
}

/// Checks the PDF at `pdf`; `project` is a project directory to compare with and take fonts
/// from. Returns `Err` only when the PDF cannot be read at all (the message says why).
pub fn verify(pdf: &Path, project: Option<&Path>) -> Result<Verdict, Diagnostic> {
    let bytes = project::read_limited(pdf, MAX_PDF_BYTES).map_err(|e| {
        Diagnostic::error(format!("cannot read `{}`: {e}", pdf.display()))
            .help("check that the file exists, is readable, and is a PDF of reasonable size")
    })?;
    verify_bytes(&bytes, project, Rebuild::Yes)
        .map_err(|d| Diagnostic { message: format!("`{}`: {}", pdf.display(), d.message), ..d })
}

/// Whether [`verify_bytes`] rebuilds from the attached sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuild {
    /// Rebuild and compare the bytes (`baocao verify`).
    Yes,
    /// Stop before the rebuild: everything read from the PDF is checked (the fuzz target `pdf`).
    No,
}

/// [`verify`] for the bytes of a PDF: `Err` when they cannot be read as a PDF at all.
pub fn verify_bytes(bytes: &[u8], project: Option<&Path>, rebuild: Rebuild) -> Result<Verdict, Diagnostic> {
    let contents = pdf_read::read(bytes)?;
    let mut verdict = Verdict::default();
    if contents.encrypted {
        verdict.problems.push(
            "the PDF is encrypted: baocao never encrypts its PDFs, so this one was rewritten after it was built (its \
             bytes cannot be the build's)"
                .into(),
        );
    }
    let Some(manifest_file) = contents.attachments.iter().find(|a| a.name == MANIFEST_NAME) else {
        verdict.problems.push(format!(
            "the PDF carries no {MANIFEST_NAME}: it was built with `--no-sources` or not by baocao, so it cannot be \
             rebuilt from its sources"
        ));
        verdict.cannot_tell = !contents.encrypted;
        return Ok(verdict);
    };
    let manifest = match Manifest::from_json(&manifest_file.bytes) {
        Ok(m) => m,
        Err(e) => {
            verdict.problems.push(e.message);
            return Ok(verdict);
        }
    };
    if manifest.inputs.len() + manifest.fonts.len() > MAX_PDF_ATTACHMENTS {
        verdict.problems.push(format!(
            "{MANIFEST_NAME} lists {} inputs and {} fonts, more than the {MAX_PDF_ATTACHMENTS} a PDF may carry (see the \
             README, \"Limits\"): it is not a baocao build's",
            manifest.inputs.len(),
            manifest.fonts.len()
        ));
        return Ok(verdict);
    }
    verdict.checks.push(format!(
        "{MANIFEST_NAME}: built by baocao {} with typst {}, {}, {} inputs, {} fonts",
        shown(&manifest.baocao),
        shown(&manifest.typst),
        manifest.options.pdf_standard.label(),
        manifest.inputs.len(),
        manifest.fonts.len()
    ));
    let paths_ok = check_paths(&manifest, &mut verdict);
    let sources_ok = check_attachments(&manifest, &contents.attachments, &mut verdict);
    if let Some(project) = project {
        verdict.project_changes = compare_project(&manifest, project);
    }
    if !paths_ok {
        verdict.problems.push("the PDF was not rebuilt: its manifest names files outside a project".into());
    } else if manifest.fonts.is_empty() {
        verdict.problems.push(format!(
            "the PDF was not rebuilt: {MANIFEST_NAME} lists no fonts, and a baocao build always has some"
        ));
    } else if sources_ok && rebuild == Rebuild::Yes {
        // fonts by SHA-256: the project's, ./fonts, or the ones built into baocao
        let mut font_dirs = vec![PathBuf::from("fonts")];
        font_dirs.extend(project.map(|p| p.join("fonts")));
        // a PDF that says it was made by this very baocao cannot excuse a different layout by
        // a manifest naming another version
        let ours = contents.creator.as_deref() == Some(crate::output::CREATOR);
        rebuild_and_compare(&manifest, &contents.attachments, &font_dirs, bytes, ours, &mut verdict);
    } else if sources_ok {
        verdict.checks.push("not rebuilt (asked not to)".into());
    } else {
        verdict
            .problems
            .push("the PDF was not rebuilt: its attached sources are not the ones its manifest lists".into());
    }
    verdict.manifest = Some(manifest);
    Ok(verdict)
}

/// A text from the manifest as shown: at most 60 characters.
fn shown(text: &str) -> String {
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text.to_string()
    }
}

/// Whether a path from the manifest stays inside the project: the rebuild writes the inputs and
/// fonts there, and `--project` reads them from there.
fn is_safe(path: &Path) -> bool {
    path.to_str().is_some_and(|p| provenance::is_safe_relative(p) && slash_path(path) == p)
}

/// Every path the manifest names (inputs and fonts) is a relative path inside the project.
fn check_paths(manifest: &Manifest, verdict: &mut Verdict) -> bool {
    let before = verdict.problems.len();
    for path in manifest.inputs.iter().map(|i| &i.path).chain(manifest.fonts.iter().map(|f| &f.path)) {
        if !is_safe(path) {
            verdict.problems.push(format!(
                "`{}` in {MANIFEST_NAME} is not a path inside a project; the PDF is not a baocao build",
                shown(&path.to_string_lossy())
            ));
        }
    }
    verdict.problems.len() == before
}

/// Every input of the manifest is attached with its hash, and nothing else is attached.
fn check_attachments(manifest: &Manifest, attachments: &[AttachedFile], verdict: &mut Verdict) -> bool {
    let before = verdict.problems.len();
    let attached: HashMap<&str, &AttachedFile> = attachments.iter().rev().map(|a| (a.name.as_str(), a)).collect();
    for input in manifest.inputs.iter().filter(|i| is_safe(&i.path)) {
        let name = slash_path(&input.path);
        match attached.get(name.as_str()) {
            None => verdict.problems.push(format!("`{name}` is listed in {MANIFEST_NAME} but not attached")),
            Some(a) if sha256_hex(&a.bytes) != input.sha256 => verdict.problems.push(format!(
                "`{name}`: the attached file does not match its SHA-256 in {MANIFEST_NAME} (the PDF was altered after it was built)"
            )),
            Some(_) => {}
        }
    }
    let listed: HashSet<String> = manifest.inputs.iter().map(|i| slash_path(&i.path)).collect();
    for a in attachments {
        if a.name != MANIFEST_NAME && !listed.contains(&a.name) {
            verdict.problems.push(format!("`{}` is attached but not listed in {MANIFEST_NAME}", shown(&a.name)));
        }
    }
    let ok = verdict.problems.len() == before;
    if ok {
        verdict
            .checks
            .push(format!("attached sources: all {} match their SHA-256 in {MANIFEST_NAME}", manifest.inputs.len()));
    }
    ok
}

/// The project's inputs against the manifest's, by SHA-256.
fn compare_project(manifest: &Manifest, root: &Path) -> Vec<(PathBuf, Change)> {
    // paths outside a project are a problem of their own (check_paths), never read
    let recorded: Vec<(&PathBuf, &String)> = manifest
        .inputs
        .iter()
        .map(|i| (&i.path, &i.sha256))
        .chain(manifest.fonts.iter().map(|f| (&f.path, &f.sha256)))
        .filter(|(p, _)| is_safe(p))
        .collect();
    let present = project::input_paths(root);
    let present_set: HashSet<&PathBuf> = present.iter().collect();
    let recorded_set: HashSet<&PathBuf> = recorded.iter().map(|(p, _)| *p).collect();
    let mut changes = Vec::new();
    for (path, sha) in &recorded {
        if !present_set.contains(path) {
            changes.push(((*path).clone(), Change::Missing));
        } else if project::read_limited(&root.join(path), MAX_FONT_BYTES).map(|b| sha256_hex(&b)).ok().as_ref()
            != Some(*sha)
        {
            changes.push(((*path).clone(), Change::Changed));
        }
    }
    for path in &present {
        if !recorded_set.contains(path) {
            changes.push((path.clone(), Change::Added));
        }
    }
    changes
}

/// Rebuilds from the attached sources, in memory (see [`crate::sources`]), and compares.
fn rebuild_and_compare(
    manifest: &Manifest,
    attachments: &[AttachedFile],
    font_dirs: &[PathBuf],
    pdf: &[u8],
    made_by_us: bool,
    verdict: &mut Verdict,
) {
    let ours = (env!("CARGO_PKG_VERSION"), typst::utils::version().raw());
    let same_versions = made_by_us || (manifest.baocao.as_str(), manifest.typst.as_str()) == ours;
    if !same_versions {
        verdict.checks.push(format!(
            "note: this is baocao {} with typst {}; the PDF was built by baocao {} with typst {}, which may lay out differently",
            ours.0,
            ours.1,
            shown(&manifest.baocao),
            shown(&manifest.typst)
        ));
    }
    let project = match sources::project_of(manifest, attachments, font_dirs) {
        Ok(p) => p,
        Err(sources::NoProject::Missing(problems)) => {
            verdict.problems.extend(problems);
            verdict.cannot_tell = true;
            return;
        }
        Err(sources::NoProject::DoNotLoad(problem)) => {
            verdict.problems.push(problem);
            // this baocao would have built them: they cannot be the ones the PDF was built from
            verdict.cannot_tell = !same_versions;
            return;
        }
    };
    verdict.checks.push(format!("fonts: all {} found by SHA-256", manifest.fonts.len()));
    match sources::rebuild(&project, manifest, pdf) {
        Err(failure) => {
            verdict.problems.push(format!("the attached sources do not build:\n{}", failure.render()));
            verdict.cannot_tell = !same_versions;
        }
        Ok((_, true)) => {
            verdict.identical = Some(true);
            verdict.checks.push(format!("rebuilt from the attached sources: identical, {} bytes", pdf.len()));
        }
        Ok((produced, false)) => {
            verdict.identical = Some(false);
            let again = &produced.bytes;
            let first = again.iter().zip(pdf).position(|(a, b)| a != b).unwrap_or(again.len().min(pdf.len()));
            verdict.problems.push(format!(
                "rebuilt from the attached sources, the PDF differs: {} bytes rebuilt against {} in the file, first \
                 difference at byte {first}",
                again.len(),
                pdf.len()
            ));
            // another baocao or typst may lay the same sources out otherwise: that tells nothing
            verdict.cannot_tell = !same_versions;
        }
    }
}
