//! Where a project's files are read from. [`super::Project::load_from`] reads every file through
//! a [`Source`], so a project directory on disk ([`DirSource`]) and a git revision
//! ([`super::git::GitSource`]) are loaded by the same code, with the same checks and messages.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// A read-only view of a project's files, by path relative to the project root.
pub trait Source {
    /// The project root: where typst may read further files, and the base of relative paths
    /// in messages.
    fn root(&self) -> &Path;
    /// The source as named in messages: "`./v2`", "revision `HEAD~1`".
    fn describe(&self) -> String;
    /// Whether `rel` is a directory of the project.
    fn is_dir(&self, rel: &Path) -> bool;
    /// Every file directly or deeper under the directory `rel`, as paths relative to the
    /// root, in any order; problems met on the way are recorded in `errors`.
    fn files_under(&self, rel: &Path, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf>;
    /// The bytes of the file `rel`, refusing (before reading) a file over `limit` bytes
    /// ([`crate::limits::MAX_FILE_BYTES`] for text, [`crate::limits::MAX_FONT_BYTES`] for a font).
    fn read(&self, rel: &Path, limit: u64) -> std::io::Result<Vec<u8>>;
}

/// A project directory on disk.
pub struct DirSource {
    root: PathBuf,
}

impl DirSource {
    /// The project in directory `root`.
    pub fn new(root: &Path) -> DirSource {
        DirSource { root: root.to_path_buf() }
    }
}

impl Source for DirSource {
    fn root(&self) -> &Path {
        &self.root
    }

    fn describe(&self) -> String {
        format!("`{}`", self.root.display())
    }

    fn is_dir(&self, rel: &Path) -> bool {
        self.root.join(rel).is_dir()
    }

    fn files_under(&self, rel: &Path, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(self.root.join(rel)).follow_links(true) {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    found.push(e.path().strip_prefix(&self.root).unwrap_or(e.path()).to_path_buf())
                }
                Ok(_) => {}
                Err(e) => errors.push(Diagnostic::error(crate::t!(
                    "project-cannot-read-folder",
                    dir = rel.display().to_string(),
                    reason = e.to_string()
                ))),
            }
        }
        found
    }

    fn read(&self, rel: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
        super::read_limited(&self.root.join(rel), limit)
    }
}

/// A project in memory: files by path relative to the root, over an optional folder on disk
/// (files given here replace the folder's). `import` uses it for a project made of a .docx
/// and for a project as it would be after applying a returned draft, without writing anything.
pub struct MemorySource {
    root: PathBuf,
    base: Option<DirSource>,
    files: std::collections::BTreeMap<PathBuf, Vec<u8>>,
}

impl MemorySource {
    /// `files` over the folder `base` (or alone), named by `root` in messages.
    pub fn new(root: &Path, base: Option<&Path>, files: impl IntoIterator<Item = (PathBuf, Vec<u8>)>) -> MemorySource {
        MemorySource { root: root.to_path_buf(), base: base.map(DirSource::new), files: files.into_iter().collect() }
    }
}

impl Source for MemorySource {
    fn root(&self) -> &Path {
        &self.root
    }

    fn describe(&self) -> String {
        format!("`{}`", self.root.display())
    }

    fn is_dir(&self, rel: &Path) -> bool {
        self.files.keys().any(|p| p.starts_with(rel) && p != rel) || self.base.as_ref().is_some_and(|b| b.is_dir(rel))
    }

    fn files_under(&self, rel: &Path, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = match &self.base {
            Some(b) if b.is_dir(rel) => b.files_under(rel, errors),
            _ => Vec::new(),
        };
        for p in self.files.keys().filter(|p| p.starts_with(rel)) {
            if !found.contains(p) {
                found.push(p.clone());
            }
        }
        found
    }

    fn read(&self, rel: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
        match self.files.get(rel) {
            Some(bytes) if bytes.len() as u64 > limit => Err(super::too_large(bytes.len() as u64, limit)),
            Some(bytes) => Ok(bytes.clone()),
            None => match &self.base {
                Some(b) => b.read(rel, limit),
                None => Err(std::io::Error::new(std::io::ErrorKind::NotFound, "not in the project")),
            },
        }
    }
}
