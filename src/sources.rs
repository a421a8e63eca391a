//! The sources a PDF built by baocao carries, read back as a project — in memory, as the
//! project loader reads a folder — and rebuilt to see whether they are really that PDF's.
//!
//! Takes a manifest and the files attached beside it (as `verify` read and checked them); hands
//! on the project they make ([`project_of`]), loaded in memory through the one project loader.
//! The fonts are not attached: they are taken by SHA-256 from the folders given and, failing
//! those, from the fonts built into baocao (the ones `init` writes), so a PDF can be rebuilt
//! anywhere. [`rebuild`] makes the PDF again from the project, in memory, and says whether the
//! bytes are the same. `verify` and `diff` (a PDF side) both rebuild this way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::build::{self, BuildOptions, Compiler, Produced};
use crate::diagnostics::{Diagnostic, Failure, slash_path};
use crate::pdf_read::AttachedFile;
use crate::project::{Project, Source};
use crate::provenance::{MANIFEST_NAME, Manifest, sha256_hex};
use crate::timings::Timings;

/// Why a manifest's sources make no project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoProject {
    /// Fonts (or inputs) that are nowhere to be found here: nothing can be told.
    Missing(Vec<String>),
    /// The sources are there but do not load (bad YAML, text that is not UTF-8…).
    DoNotLoad(String),
}

impl NoProject {
    /// One line each, for people.
    pub fn lines(self) -> Vec<String> {
        match self {
            NoProject::Missing(lines) => lines,
            NoProject::DoNotLoad(line) => vec![line],
        }
    }
}

/// The project a manifest's attached inputs make, with its fonts (by SHA-256: from
/// `font_dirs`, else built into baocao), loaded in memory. The attachments are taken as
/// `verify` checked them; what cannot be found or loaded is said.
pub fn project_of(
    manifest: &Manifest,
    attachments: &[AttachedFile],
    font_dirs: &[PathBuf],
) -> Result<Project, NoProject> {
    let mut problems = Vec::new();
    let mut files = BTreeMap::new();
    for input in &manifest.inputs {
        let name = slash_path(&input.path);
        match attachments.iter().find(|a| a.name == name) {
            Some(a) => {
                files.insert(input.path.clone(), a.bytes.clone());
            }
            None => problems.push(crate::t!("verify-not-attached", name = &name, manifest = MANIFEST_NAME)),
        }
    }
    let available = fonts_available(font_dirs);
    let mut missing = Vec::new();
    for font in &manifest.fonts {
        match available.iter().find(|(sha, _)| *sha == font.sha256) {
            Some((_, data)) => {
                files.insert(font.path.clone(), data.clone());
            }
            None => missing.push(format!(
                "      {} ({}, SHA-256 {})",
                font.names.join(", "),
                slash_path(&font.path),
                font.sha256
            )),
        }
    }
    if !missing.is_empty() {
        problems.push(crate::t!(
            "verify-fonts-missing",
            n = missing.len(),
            dirs = font_dirs.iter().map(|d| format!("`{}`", d.display())).collect::<Vec<_>>().join(", "),
            fonts = missing.join("\n")
        ));
    }
    if !problems.is_empty() {
        return Err(NoProject::Missing(problems));
    }
    Project::load_from(&Attached { files })
        .map_err(|failure| NoProject::DoNotLoad(crate::t!("verify-sources-do-not-build", errors = failure.render())))
}

/// Builds the project of a PDF's sources again, with the options its manifest records,
/// in memory; `Ok((produced, same))` tells whether the bytes are the PDF's.
pub fn rebuild(project: &Project, manifest: &Manifest, pdf: &[u8]) -> Result<(Produced, bool), Failure> {
    let options = BuildOptions {
        output: None,
        pdf_standard: Some(manifest.options.pdf_standard),
        no_sources: !manifest.options.sources_attached,
        source_date_epoch: manifest.options.source_date_epoch,
        ..BuildOptions::default()
    };
    let produced = build::produce(project, &options, &mut Compiler::new(), &mut Timings::new(), |_| Ok(()))?;
    let same = produced.bytes == pdf;
    Ok((produced, same))
}

/// Every font file in `dirs` and every font built into baocao, by SHA-256.
fn fonts_available(dirs: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> =
        crate::init::fonts().map(|(_, bytes)| (sha256_hex(bytes), bytes.to_vec())).collect();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()) {
            if let Ok(bytes) = crate::project::read_limited(&path, crate::limits::MAX_FONT_BYTES) {
                out.push((sha256_hex(&bytes), bytes));
            }
        }
    }
    out
}

/// The files of a PDF's sources, served to the project loader as a folder would be.
struct Attached {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Source for Attached {
    fn root(&self) -> &Path {
        // not a folder on disk: typst reads no file from it (the sources print facts only)
        Path::new("attached")
    }

    fn describe(&self) -> String {
        crate::t!("verify-attached-sources")
    }

    fn is_dir(&self, rel: &Path) -> bool {
        self.files.keys().any(|p| p.starts_with(rel) && p != rel)
    }

    fn files_under(&self, rel: &Path, _: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
        self.files.keys().filter(|p| p.starts_with(rel)).cloned().collect()
    }

    fn read(&self, rel: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
        let bytes = self.files.get(rel).ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
        if bytes.len() as u64 > limit {
            return Err(std::io::Error::new(std::io::ErrorKind::FileTooLarge, "larger than baocao reads"));
        }
        Ok(bytes.clone())
    }
}
