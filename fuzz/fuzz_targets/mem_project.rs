//! A report project held in memory for the fuzz targets: the mini project's report.yaml and
//! facts (tests/fixtures/mini), the repository's template and fonts, and the sections and facts
//! the fuzzer writes. Loaded through the one project loader ([`Project::load_from`]), so the
//! checks and messages are those of a project on disk, without touching the disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use baocao::diagnostics::Diagnostic;
use baocao::project::{Project, Source};

const REPORT: &[u8] = include_bytes!("../../tests/fixtures/mini/content/report.yaml");
/// The mini project's facts: used when the input gives no facts file.
pub const FACTS: &[u8] = include_bytes!("../../tests/fixtures/mini/content/facts/economy.yaml");
const SECTION_1: &[u8] = include_bytes!("../../tests/fixtures/mini/content/sections/01-mo-dau.md");
const TEMPLATE: &[u8] = include_bytes!("../../templates/report.typ.tera");
const FONTS: [(&str, &[u8]); 4] = [
    ("fonts/LiberationSerif-Bold.ttf", include_bytes!("../../fonts/LiberationSerif-Bold.ttf")),
    ("fonts/LiberationSerif-BoldItalic.ttf", include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf")),
    ("fonts/LiberationSerif-Italic.ttf", include_bytes!("../../fonts/LiberationSerif-Italic.ttf")),
    ("fonts/LiberationSerif-Regular.ttf", include_bytes!("../../fonts/LiberationSerif-Regular.ttf")),
];

/// The files of a project, by path relative to its root.
pub struct MemSource {
    root: PathBuf,
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl MemSource {
    /// The mini project with `facts` as content/facts/economy.yaml (the mini project's when
    /// empty) and `sections` after its first section, as content/sections/03-N.md.
    pub fn new(facts: &[u8], sections: &[&[u8]]) -> MemSource {
        // an empty folder as the root: typst may read no file
        let root = std::env::temp_dir().join("baocao-fuzz-empty-root");
        std::fs::create_dir_all(&root).unwrap();
        let mut files = BTreeMap::new();
        files.insert(PathBuf::from("content/report.yaml"), REPORT.to_vec());
        files.insert(PathBuf::from("content/facts/economy.yaml"), if facts.is_empty() { FACTS } else { facts }.to_vec());
        files.insert(PathBuf::from("content/sections/01-mo-dau.md"), SECTION_1.to_vec());
        for (i, s) in sections.iter().enumerate() {
            files.insert(PathBuf::from(format!("content/sections/03-{i}.md")), s.to_vec());
        }
        files.insert(PathBuf::from("templates/report.typ.tera"), TEMPLATE.to_vec());
        for (path, bytes) in FONTS {
            files.insert(PathBuf::from(path), bytes.to_vec());
        }
        MemSource { root, files }
    }

    /// Loads it as a project.
    pub fn load(&self) -> Result<Project, baocao::diagnostics::Failure> {
        Project::load_from(self)
    }
}

impl Source for MemSource {
    fn root(&self) -> &Path {
        &self.root
    }

    fn describe(&self) -> String {
        "the fuzz project".to_string()
    }

    fn is_dir(&self, rel: &Path) -> bool {
        self.files.keys().any(|p| p.starts_with(rel) && p != rel)
    }

    fn files_under(&self, rel: &Path, _errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
        self.files.keys().filter(|p| p.starts_with(rel) && *p != rel).cloned().collect()
    }

    fn read(&self, rel: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
        match self.files.get(rel) {
            Some(bytes) if bytes.len() as u64 > limit => {
                Err(std::io::Error::new(std::io::ErrorKind::FileTooLarge, "larger than the limit"))
            }
            Some(bytes) => Ok(bytes.clone()),
            None => Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no such file")),
        }
    }
}
