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
use crate::t;

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
    fn word(self) -> String {
        match self {
            Change::Changed => t!("verify-change-changed"),
            Change::Added => t!("verify-change-added"),
            Change::Missing => t!("verify-change-missing"),
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
            out.push_str(&format!("  {}\n", t!("verify-problem", problem = p)));
        }
        if let Some(project) = project
            && !self.project_changes.is_empty()
        {
            out.push_str(&format!("  {}\n", t!("verify-project-differs", project = project.display().to_string())));
            for (path, change) in &self.project_changes {
                out.push_str(&format!("    {:<8} {}\n", change.word(), slash_path(path)));
            }
        }
        if self.verified() {
            let pdf = pdf.display().to_string();
            out.push_str(&match project {
                Some(project) => {
                    t!("verify-verdict-verified-project", pdf = pdf, project = project.display().to_string())
                }
                None => t!("verify-verdict-verified", pdf = pdf),
            });
        } else if self.identical == Some(true) && self.problems.is_empty() {
            out.push_str(&t!("verify-verdict-project-differs", pdf = pdf.display().to_string()));
        } else if self.outcome() == Outcome::CannotTell {
            out.push_str(&t!("verify-verdict-cannot-tell", pdf = pdf.display().to_string()));
        } else {
            out.push_str(&t!("verify-verdict-not-verified", pdf = pdf.display().to_string()));
        }
        out.push('\n');
        out
    }
}

/// Checks the PDF at `pdf`; `project` is a project directory to compare with and take fonts
/// from. Returns `Err` only when the PDF cannot be read at all (the message says why).
pub fn verify(pdf: &Path, project: Option<&Path>) -> Result<Verdict, Diagnostic> {
    let bytes = project::read_limited(pdf, MAX_PDF_BYTES).map_err(|e| {
        Diagnostic::error(t!("verify-cannot-read", path = pdf.display().to_string(), error = e.to_string()))
            .help(t!("verify-cannot-read-help"))
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
        verdict.problems.push(t!("verify-encrypted"));
    }
    let Some(manifest_file) = contents.attachments.iter().find(|a| a.name == MANIFEST_NAME) else {
        verdict.problems.push(t!("verify-no-manifest", manifest = MANIFEST_NAME));
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
        verdict.problems.push(t!(
            "verify-too-many-attachments",
            manifest = MANIFEST_NAME,
            inputs = manifest.inputs.len(),
            fonts = manifest.fonts.len(),
            max = MAX_PDF_ATTACHMENTS
        ));
        return Ok(verdict);
    }
    verdict.checks.push(t!(
        "verify-check-manifest",
        manifest = MANIFEST_NAME,
        baocao = shown(&manifest.baocao),
        typst = shown(&manifest.typst),
        standard = manifest.options.pdf_standard.label(),
        inputs = manifest.inputs.len(),
        fonts = manifest.fonts.len()
    ));
    let paths_ok = check_paths(&manifest, &mut verdict);
    let sources_ok = check_attachments(&manifest, &contents.attachments, &mut verdict);
    if let Some(project) = project {
        verdict.project_changes = compare_project(&manifest, project);
    }
    if !paths_ok {
        verdict.problems.push(t!("verify-not-rebuilt-paths"));
    } else if manifest.fonts.is_empty() {
        verdict.problems.push(t!("verify-not-rebuilt-no-fonts", manifest = MANIFEST_NAME));
    } else if sources_ok && rebuild == Rebuild::Yes {
        // fonts by SHA-256: the project's, ./fonts, or the ones built into baocao
        let mut font_dirs = vec![PathBuf::from("fonts")];
        font_dirs.extend(project.map(|p| p.join("fonts")));
        // a PDF that says it was made by this very baocao cannot excuse a different layout by
        // a manifest naming another version
        let ours = contents.creator.as_deref() == Some(crate::output::CREATOR);
        rebuild_and_compare(&manifest, &contents.attachments, &font_dirs, bytes, ours, &mut verdict);
    } else if sources_ok {
        verdict.checks.push(t!("verify-not-rebuilt-asked"));
    } else {
        verdict.problems.push(t!("verify-not-rebuilt-sources"));
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
            verdict.problems.push(t!(
                "verify-unsafe-path",
                path = shown(&path.to_string_lossy()),
                manifest = MANIFEST_NAME
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
            None => verdict.problems.push(t!("verify-not-attached", name = &name, manifest = MANIFEST_NAME)),
            Some(a) if sha256_hex(&a.bytes) != input.sha256 => {
                verdict.problems.push(t!("verify-hash-mismatch", name = &name, manifest = MANIFEST_NAME))
            }
            Some(_) => {}
        }
    }
    let listed: HashSet<String> = manifest.inputs.iter().map(|i| slash_path(&i.path)).collect();
    for a in attachments {
        if a.name != MANIFEST_NAME && !listed.contains(&a.name) {
            verdict.problems.push(t!("verify-not-listed", name = shown(&a.name), manifest = MANIFEST_NAME));
        }
    }
    let ok = verdict.problems.len() == before;
    if ok {
        verdict.checks.push(t!("verify-check-attached", n = manifest.inputs.len(), manifest = MANIFEST_NAME));
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
        verdict.checks.push(t!(
            "verify-other-versions",
            baocao = ours.0,
            typst = ours.1,
            pdf_baocao = shown(&manifest.baocao),
            pdf_typst = shown(&manifest.typst)
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
    verdict.checks.push(t!("verify-check-fonts", n = manifest.fonts.len()));
    match sources::rebuild(&project, manifest, pdf) {
        Err(failure) => {
            verdict.problems.push(t!("verify-sources-do-not-build", errors = failure.render()));
            verdict.cannot_tell = !same_versions;
        }
        Ok((_, true)) => {
            verdict.identical = Some(true);
            verdict.checks.push(t!("verify-check-identical", bytes = pdf.len()));
        }
        Ok((produced, false)) => {
            verdict.identical = Some(false);
            let again = &produced.bytes;
            let first = again.iter().zip(pdf).position(|(a, b)| a != b).unwrap_or(again.len().min(pdf.len()));
            verdict.problems.push(t!("verify-differs", rebuilt = again.len(), file = pdf.len(), first = first));
            // another baocao or typst may lay the same sources out otherwise: that tells nothing
            verdict.cannot_tell = !same_versions;
        }
    }
}
