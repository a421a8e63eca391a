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

use crate::build::{self, BuildOptions};
use crate::pdf_read::{self, AttachedFile};
use crate::project::{self, Project};
use crate::diagnostics::slash_path;
use crate::provenance::{self, MANIFEST_NAME, Manifest, sha256_hex};
use crate::limits::{MAX_FONT_BYTES, MAX_PDF_ATTACHMENTS, MAX_PDF_BYTES};

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
}

impl Verdict {
    /// Verified: the rebuild gave the same bytes, nothing is wrong, and the project (if given)
    /// holds exactly the PDF's inputs.
    pub fn verified(&self) -> bool {
        self.identical == Some(true) && self.problems.is_empty() && self.project_changes.is_empty()
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
        } else {
            out.push_str(&format!("not verified: `{}`", pdf.display()));
        }
        out.push('\n');
        out
    }
}

/// Checks the PDF at `pdf`; `project` is a project directory to compare with and take fonts
/// from. Returns `Err` only when the PDF cannot be read at all (the message says why).
pub fn verify(pdf: &Path, project: Option<&Path>) -> Result<Verdict, String> {
    let bytes = project::read_limited(pdf, MAX_PDF_BYTES).map_err(|e| format!("cannot read `{}`: {e}", pdf.display()))?;
    verify_bytes(&bytes, project, Rebuild::Yes).map_err(|e| format!("`{}`: {e}", pdf.display()))
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
pub fn verify_bytes(bytes: &[u8], project: Option<&Path>, rebuild: Rebuild) -> Result<Verdict, String> {
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
        return Ok(verdict);
    };
    let manifest = match Manifest::from_json(&manifest_file.bytes) {
        Ok(m) => m,
        Err(e) => {
            verdict.problems.push(e);
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
        let fonts_dir = project.map_or_else(|| PathBuf::from("./fonts"), |p| p.join("fonts"));
        rebuild_and_compare(&manifest, &contents.attachments, &fonts_dir, bytes, &mut verdict);
    } else if sources_ok {
        verdict.checks.push("not rebuilt (asked not to)".into());
    } else {
        verdict.problems.push("the PDF was not rebuilt: its attached sources are not the ones its manifest lists".into());
    }
    verdict.manifest = Some(manifest);
    Ok(verdict)
}

/// A text from the manifest as shown: at most 60 characters.
fn shown(text: &str) -> String {
    if text.chars().count() > 60 { format!("{}…", text.chars().take(60).collect::<String>()) } else { text.to_string() }
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
        verdict.checks.push(format!("attached sources: all {} match their SHA-256 in {MANIFEST_NAME}", manifest.inputs.len()));
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
        } else if project::read_limited(&root.join(path), MAX_FONT_BYTES).map(|b| sha256_hex(&b)).ok().as_ref() != Some(*sha) {
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

/// A temporary folder removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("baocao-verify-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rebuild_and_compare(manifest: &Manifest, attachments: &[AttachedFile], fonts_dir: &Path, pdf: &[u8], verdict: &mut Verdict) {
    let ours = (env!("CARGO_PKG_VERSION"), typst::utils::version().raw());
    if (manifest.baocao.as_str(), manifest.typst.as_str()) != ours {
        verdict.checks.push(format!(
            "note: this is baocao {} with typst {}; the PDF was built by baocao {} with typst {}, which may lay out differently",
            ours.0,
            ours.1,
            shown(&manifest.baocao),
            shown(&manifest.typst)
        ));
    }
    let temp = match TempDir::new() {
        Ok(t) => t,
        Err(e) => {
            verdict.problems.push(format!("cannot create a temporary folder to rebuild in: {e}"));
            return;
        }
    };
    let root = &temp.0;
    let write = |path: &Path, bytes: &[u8]| -> Result<(), String> {
        let target = root.join(path);
        std::fs::create_dir_all(target.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
        std::fs::write(&target, bytes).map_err(|e| format!("cannot write `{}`: {e}", target.display()))
    };
    for input in &manifest.inputs {
        let name = slash_path(&input.path);
        let Some(a) = attachments.iter().find(|a| a.name == name) else { return };
        if let Err(e) = write(&input.path, &a.bytes) {
            verdict.problems.push(e);
            return;
        }
    }
    // Fonts: by SHA-256 among the files of the fonts folder.
    let available: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(fonts_dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter_map(|p| project::read_limited(&p, MAX_FONT_BYTES).ok().map(|b| (p, b)))
                .collect()
        })
        .unwrap_or_default();
    let mut missing = Vec::new();
    for font in &manifest.fonts {
        match available.iter().find(|(_, b)| sha256_hex(b) == font.sha256) {
            Some((_, bytes)) => {
                if let Err(e) = write(&font.path, bytes) {
                    verdict.problems.push(e);
                    return;
                }
            }
            None => missing.push(format!("      {} ({}, SHA-256 {})\n", font.names.join(", "), slash_path(&font.path), font.sha256)),
        }
    }
    if !missing.is_empty() {
        verdict.problems.push(format!(
            "cannot rebuild: {} of the fonts the PDF was built with {} not in `{}` (looked up by SHA-256):\n{}    \
             run in the report's project folder, or pass `--project DIR` with the report's fonts/",
            missing.len(),
            if missing.len() == 1 { "is" } else { "are" },
            fonts_dir.display(),
            missing.concat()
        ));
        return;
    }
    verdict.checks.push(format!("fonts: all {} found in `{}` by SHA-256", manifest.fonts.len(), fonts_dir.display()));
    let output = root.join("rebuilt/report.pdf");
    let options = BuildOptions {
        output: Some(output.clone()),
        formats: build::Formats::default(),
        pdf_standard: Some(manifest.options.pdf_standard),
        no_sources: !manifest.options.sources_attached,
        source_date_epoch: manifest.options.source_date_epoch,
    };
    let rebuilt = Project::load(root).and_then(|p| build::build_project(&p, &options));
    if let Err(failure) = rebuilt {
        verdict.problems.push(format!("the attached sources do not build:\n{}", failure.render()));
        return;
    }
    let again = std::fs::read(&output).unwrap_or_default();
    if again == pdf {
        verdict.identical = Some(true);
        verdict.checks.push(format!("rebuilt from the attached sources: identical, {} bytes", pdf.len()));
    } else {
        verdict.identical = Some(false);
        let first = again.iter().zip(pdf).position(|(a, b)| a != b).unwrap_or(again.len().min(pdf.len()));
        verdict.problems.push(format!(
            "rebuilt from the attached sources, the PDF differs: {} bytes rebuilt against {} in the file, first difference at byte {first}",
            again.len(),
            pdf.len()
        ));
    }
}
