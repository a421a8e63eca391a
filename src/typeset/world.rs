//! The typst [`World`]: where the compiler gets its sources, files and fonts. Small and honest:
//!
//! - the main source is the generated `report.typ`, held in memory;
//! - other files come only from the project root: paths escaping it (`..`, absolute paths,
//!   symlinks pointing outside) are refused; no packages, no network;
//! - fonts are only those of the project's `fonts/` folder, in file-name order; never system fonts;
//! - files under the reserved folder [`RESERVED_DIR`] are served from memory only (the sources a
//!   build attaches to the PDF): typst reads them as data, they never become typst source text;
//! - "today" is fixed (the report's date, or `SOURCE_DATE_EPOCH`), so the output does not depend
//!   on the clock.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::files::{FileLoader, FileStore, FsRoot};
use typst_kit::fonts::FontStore;

use crate::project::FontFile;

/// The virtual path of the generated main file.
pub const MAIN_PATH: &str = "/report.typ";

/// The reserved folder of in-memory files (never read from disk).
pub const RESERVED_DIR: &str = "/.baocao/";

/// Serves the in-memory main file and confined project files.
struct Loader {
    root: FsRoot,
    canonical_root: PathBuf,
    main: FileId,
    main_text: String,
    virtual_files: HashMap<String, Bytes>,
}

impl FileLoader for Loader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main {
            return Ok(Bytes::from_string(self.main_text.clone()));
        }
        match id.root() {
            VirtualRoot::Project if id.vpath().get_with_slash().starts_with(RESERVED_DIR) => {
                let path = id.vpath().get_with_slash();
                self.virtual_files
                    .get(path)
                    .cloned()
                    .ok_or_else(|| FileError::NotFound(path.trim_start_matches('/').into()))
            }
            VirtualRoot::Project => {
                // `resolve` refuses `..` escapes; canonicalising also catches symlinks.
                let path = self.root.resolve(id.vpath())?;
                let real = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
                if !real.starts_with(&self.canonical_root) {
                    return Err(FileError::AccessDenied);
                }
                self.root.load(id.vpath())
            }
            VirtualRoot::Package(_) => Err(FileError::Other(Some(crate::t!("typeset-no-packages").into()))),
        }
    }
}

/// The compiler's view of one build.
pub struct BaocaoWorld {
    library: LazyHash<Library>,
    fonts: FontStore,
    files: FileStore<Loader>,
    main: FileId,
    today: Datetime,
}

impl BaocaoWorld {
    /// A world for the main source `main_text`, confined to `root`, with `fonts` only.
    pub fn new(root: &Path, main_text: String, fonts: &[FontFile], today: Datetime) -> BaocaoWorld {
        let main = RootedPath::new(VirtualRoot::Project, VirtualPath::new(MAIN_PATH).expect("valid path")).intern();
        let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut store = FontStore::new();
        for file in fonts {
            for font in Font::iter(Bytes::new(file.data.clone())) {
                let info = font.info().clone();
                store.push((font, info));
            }
        }
        BaocaoWorld {
            library: LazyHash::new(Library::builder().build()),
            fonts: store,
            files: FileStore::new(Loader {
                root: FsRoot::new(root.to_path_buf()),
                canonical_root,
                main,
                main_text,
                virtual_files: HashMap::new(),
            }),
            main,
            today,
        }
    }

    /// Serves `bytes` at `path` (which must start with [`RESERVED_DIR`]) from memory.
    pub fn add_virtual_file(&mut self, path: &str, bytes: Vec<u8>) {
        assert!(path.starts_with(RESERVED_DIR), "virtual files live under {RESERVED_DIR}");
        self.files.loader_mut().virtual_files.insert(path.to_string(), Bytes::new(bytes));
        self.files.reset();
    }

    /// Forgets every file served from memory (a rebuild serves its own).
    pub fn clear_virtual_files(&mut self) {
        self.files.loader_mut().virtual_files.clear();
        self.files.reset();
    }

    /// The id of the main file.
    pub fn main_id(&self) -> FileId {
        self.main
    }

    /// How many font faces were loaded.
    pub fn font_count(&self) -> usize {
        self.fonts.book().families().map(|(_, infos)| infos.count()).sum()
    }

    /// Replaces the main source (a rebuild) and forgets cached files. typst re-reads what it
    /// needs and re-parses only the edited parts, so its caches keep working across rebuilds.
    pub fn set_main(&mut self, text: String) {
        self.files.loader_mut().main_text = text;
        self.files.reset();
    }

    /// Changes the fixed "today" (the report's date was edited).
    pub fn set_today(&mut self, today: Datetime) {
        self.today = today;
    }
}

impl World for BaocaoWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
