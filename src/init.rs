//! `baocao init DIR`: a new report project, ready to build — the way an office starts next
//! term's report.
//!
//! Takes a folder (new or empty); hands on a project with `content/report.yaml` (every field
//! explained in Vietnamese comments), one facts file (with a figure read from a cell of
//! `content/data/thong-ke.csv` and one derived from others), two short sections with footnotes, the
//! layout template and the fonts. Everything is embedded in the binary (`include_str!`,
//! `include_bytes!`), so `init` works anywhere, offline, and the template and fonts are
//! exactly those of the repository the binary was built from.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Failure};
use crate::output;
use crate::t;

/// One file of the new project: path relative to the project and its bytes.
struct Skeleton {
    path: &'static str,
    bytes: &'static [u8],
}

macro_rules! text {
    ($path:literal, $source:literal) => {
        Skeleton { path: $path, bytes: include_str!($source).as_bytes() }
    };
}

macro_rules! binary {
    ($path:literal, $source:literal) => {
        Skeleton { path: $path, bytes: include_bytes!($source) }
    };
}

/// The files `init` writes, in the order listed to the user.
const FILES: &[Skeleton] = &[
    text!("README.md", "init/README.md"),
    text!(".gitignore", "init/gitignore"),
    text!("content/report.yaml", "init/content/report.yaml"),
    text!("content/facts/economy.yaml", "init/content/facts/economy.yaml"),
    text!("content/data/thong-ke.csv", "init/content/data/thong-ke.csv"),
    text!("content/sections/01-ket-qua.md", "init/content/sections/01-ket-qua.md"),
    text!("content/sections/02-nhiem-vu.md", "init/content/sections/02-nhiem-vu.md"),
    text!("templates/report.typ.tera", "../templates/report.typ.tera"),
    binary!("fonts/LiberationSerif-Regular.ttf", "../fonts/LiberationSerif-Regular.ttf"),
    binary!("fonts/LiberationSerif-Bold.ttf", "../fonts/LiberationSerif-Bold.ttf"),
    binary!("fonts/LiberationSerif-Italic.ttf", "../fonts/LiberationSerif-Italic.ttf"),
    binary!("fonts/LiberationSerif-BoldItalic.ttf", "../fonts/LiberationSerif-BoldItalic.ttf"),
    text!("fonts/LICENSE-OFL.txt", "../fonts/LICENSE-OFL.txt"),
    text!("fonts/README.md", "../fonts/README.md"),
];

/// The fonts built into baocao (the ones `init` writes): path in a project, and bytes. A PDF's
/// sources name their fonts by SHA-256; these let it be rebuilt anywhere.
pub fn fonts() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    FILES.iter().filter(|f| f.path.starts_with("fonts/") && f.path.ends_with(".ttf")).map(|f| (f.path, f.bytes))
}

/// Creates a new project in `dir` (created if missing) and returns the files written,
/// relative to `dir`. Refuses, as a usage error, a `dir` that is a file or a non-empty folder:
/// `init` never overwrites anything.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    prepare(dir, "init")?;
    let mut written = Vec::with_capacity(FILES.len());
    for file in FILES {
        output::write_atomic(&dir.join(file.path), file.bytes)?;
        written.push(PathBuf::from(file.path));
    }
    Ok(written)
}

/// The files of a new project besides its content (the README, .gitignore, the layout
/// template and the fonts): what `import` writes around the content it makes.
pub fn skeleton() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    FILES.iter().filter(|f| !f.path.starts_with("content/")).map(|f| (f.path, f.bytes))
}

/// Checks that `dir` may hold a new project (missing, or an empty folder) and creates it;
/// `command` names the command in the messages (`init`, `import`).
pub fn prepare(dir: &Path, command: &str) -> Result<(), Failure> {
    if dir.exists() {
        let new = quoted(&free_name(dir));
        let example =
            if command == "init" { format!("baocao init {new}") } else { format!("baocao import FILE.docx {new}") };
        if !dir.is_dir() {
            return Err(Failure::usage(
                Diagnostic::error(t!("cli-init-not-a-folder", path = dir.display().to_string()))
                    .help(t!("cli-init-not-a-folder-help", example = example)),
            ));
        }
        let mut entries = std::fs::read_dir(dir).map_err(|e| cannot_create(dir, e))?;
        if entries.next().is_some() {
            return Err(Failure::usage(
                Diagnostic::error(t!("cli-init-not-empty", path = dir.display().to_string(), command = command))
                    .help(t!("cli-init-not-empty-help", example = example)),
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| cannot_create(dir, e))
}

/// A folder beside `dir` that does not exist yet: `bao-cao-2025-2` (or `-3`, …) for
/// `bao-cao-2025`, to suggest when `dir` is taken.
pub fn free_name(dir: &Path) -> PathBuf {
    let name = dir.file_name().map_or_else(|| "bao-cao".to_string(), |n| n.to_string_lossy().into_owned());
    let name = if name == "." || name == ".." || name.is_empty() { "bao-cao".to_string() } else { name };
    let parent = if dir.file_name().is_some() { dir.parent().unwrap_or(Path::new("")) } else { dir };
    (2..1000)
        .map(|n| parent.join(format!("{name}-{n}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| parent.join(format!("{name}-moi")))
}

/// A path to paste into a command line: in double quotes when it holds a space.
fn quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if text.contains(char::is_whitespace) { format!("\"{text}\"") } else { text }
}

fn cannot_create(dir: &Path, e: std::io::Error) -> Failure {
    Failure::usage(
        Diagnostic::error(t!("cli-init-cannot-create", path = dir.display().to_string(), error = e.to_string()))
            .help(t!("cli-init-cannot-create-help")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_is_a_loadable_project() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("moi");
        let files = init(&root).unwrap();
        assert!(files.contains(&PathBuf::from("content/report.yaml")));
        let project = crate::project::Project::load(&root).unwrap_or_else(|f| panic!("{}", f.render()));
        assert_eq!(project.sections.len(), 2);
        assert_eq!(project.fonts.len(), 4);
        assert!(project.facts.by_key.contains_key("economy.grdp_growth_2024"));
        assert_eq!(
            project.facts.by_key["economy.domestic_revenue_growth_2024"].value,
            crate::facts::FactValue::Float(8.6),
            "derived from two cells of content/data/thong-ke.csv"
        );
    }

    #[test]
    fn init_refuses_a_non_empty_folder_and_touches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ghi-chu.txt"), "giữ nguyên").unwrap();
        let failure = init(dir.path()).unwrap_err();
        assert_eq!(failure.exit_code(), 2);
        assert!(failure.render().contains("is not empty"), "{}", failure.render());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn init_accepts_an_existing_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        assert!(dir.path().join("fonts/LiberationSerif-Regular.ttf").is_file());
    }
}
