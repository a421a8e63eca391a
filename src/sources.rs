//! The sources a PDF built by baocao carries, read back as a project — in memory, as the
//! project loader reads a folder — and rebuilt to see whether they are really that PDF's.
//!
//! Takes the PDF's bytes; hands on what it carries ([`Sources`]): nothing (made by another tool,
//! or built with `--no-sources`), sources that cannot be used (and why), or the project they
//! make with the manifest that lists them. The fonts are not attached: they are taken by
//! SHA-256 from the folders given and, failing those, from the fonts built into baocao (the
//! ones `init` writes), so a PDF can be rebuilt anywhere. [`rebuild`] makes the PDF again from
//! the project and says whether the bytes are the same.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::build::{self, BuildOptions, Compiler, Produced};
use crate::diagnostics::{Diagnostic, Failure, slash_path};
use crate::pdf_read;
use crate::project::{Project, Source};
use crate::provenance::{MANIFEST_NAME, Manifest, is_safe_relative, sha256_hex};
use crate::timings::Timings;

/// What a PDF carries.
pub enum Sources {
    /// No sources: not built by baocao, or built with `--no-sources`.
    None,
    /// Sources that cannot be used, and why (one line each).
    Unusable(Vec<String>),
    /// The project the sources make, and the manifest that lists them.
    Project(Box<Project>, Manifest),
}

/// Reads the sources attached to the PDF `bytes`; fonts are looked up by SHA-256 in
/// `font_dirs`, then among the fonts built into baocao.
pub fn read(bytes: &[u8], font_dirs: &[PathBuf]) -> Sources {
    let contents = match pdf_read::read(bytes) {
        Ok(c) => c,
        Err(e) => return Sources::Unusable(vec![e]),
    };
    let Some(manifest_file) = contents.attachments.iter().find(|a| a.name == MANIFEST_NAME) else {
        return Sources::None;
    };
    let manifest = match Manifest::from_json(&manifest_file.bytes) {
        Ok(m) => m,
        Err(e) => return Sources::Unusable(vec![e]),
    };
    let mut problems = Vec::new();
    let mut files = BTreeMap::new();
    for input in &manifest.inputs {
        let name = slash_path(&input.path);
        if !is_safe_relative(&name) {
            problems.push(format!("`{name}` is not a path inside a project; the PDF is not a baocao build"));
            continue;
        }
        match contents.attachments.iter().find(|a| a.name == name) {
            None => problems.push(format!("`{name}` is listed in {MANIFEST_NAME} but not attached")),
            Some(a) if sha256_hex(&a.bytes) != input.sha256 => problems.push(format!(
                "`{name}`: the attached file does not match its SHA-256 in {MANIFEST_NAME} (the PDF was altered after it was built)"
            )),
            Some(a) => {
                files.insert(input.path.clone(), a.bytes.clone());
            }
        }
    }
    for a in &contents.attachments {
        if a.name != MANIFEST_NAME && !manifest.inputs.iter().any(|i| slash_path(&i.path) == a.name) {
            problems.push(format!("`{}` is attached but not listed in {MANIFEST_NAME}", a.name));
        }
    }
    let available = fonts_available(font_dirs);
    for font in &manifest.fonts {
        let name = slash_path(&font.path);
        match available.iter().find(|(sha, _)| *sha == font.sha256) {
            Some((_, data)) if is_safe_relative(&name) => {
                files.insert(font.path.clone(), data.clone());
            }
            Some(_) => problems.push(format!("`{name}` is not a path inside a project")),
            None => problems.push(format!(
                "the font {} ({name}, SHA-256 {}) is neither built into baocao nor in {}",
                font.names.join(", "),
                font.sha256,
                font_dirs.iter().map(|d| format!("`{}`", d.display())).collect::<Vec<_>>().join(", ")
            )),
        }
    }
    if !problems.is_empty() {
        return Sources::Unusable(problems);
    }
    match Project::load_from(&Attached { files }) {
        Ok(project) => Sources::Project(Box::new(project), manifest),
        Err(failure) => Sources::Unusable(vec![format!("the attached sources do not load:\n{}", failure.render())]),
    }
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
        "the sources attached to the PDF".to_string()
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
