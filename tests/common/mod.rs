//! Shared helpers for the integration tests: fixture projects in temporary folders, and
//! compiling converter output with typst to read what is really on the page.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use baocao::narrative::markdown;
use baocao::project::{FontFile, Project};
use baocao::typeset::BaocaoWorld;
use typst_layout::PagedDocument;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary project: `content` from `content_dir`, the repository's templates and fonts.
pub fn temp_project(content_dir: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(content_dir, &dir.path().join("content"));
    copy_dir(&repo().join("templates"), &dir.path().join("templates"));
    copy_dir(&repo().join("fonts"), &dir.path().join("fonts"));
    dir
}

/// The small fixture project (`tests/fixtures/mini`) in a temporary folder.
pub fn mini_project() -> tempfile::TempDir {
    temp_project(&repo().join("tests/fixtures/mini/content"))
}

/// The mini project with a `check` fixture (`tests/fixtures/check/NAME`) laid over it.
pub fn check_fixture(name: &str) -> tempfile::TempDir {
    let dir = mini_project();
    copy_dir(&repo().join("tests/fixtures/check").join(name), dir.path());
    dir
}

/// The repository's fonts.
pub fn fonts() -> Vec<FontFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join("fonts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttf"))
        .collect();
    paths.sort();
    paths.into_iter().map(|p| FontFile { data: std::fs::read(&p).unwrap(), path: p }).collect()
}

/// The minimal preamble the converter's output needs (what the real template defines).
pub const PREAMBLE: &str = "#set text(font: \"Liberation Serif\", size: 14pt, lang: \"vi\")\n\
#let bc-item(marker, depth: 1, body) = par[#marker #body]\n";

/// Converts Markdown sections and compiles them with typst.
pub fn compile_markdown(sections: &[&str]) -> Result<PagedDocument, String> {
    let converted = markdown::convert(sections);
    let body: String = converted.sections.iter().map(|s| s.typst.as_str()).collect::<Vec<_>>().join("\n");
    compile_typst(&format!("{PREAMBLE}{body}"))
}

/// Compiles a typst source with the project's fonts, in an empty root.
pub fn compile_typst(source: &str) -> Result<PagedDocument, String> {
    let root = tempfile::tempdir().unwrap();
    let world = BaocaoWorld::new(root.path(), source.to_string(), &fonts(), typst::foundations::Datetime::from_ymd(2023, 1, 1).unwrap());
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ") + "\n" + source)
}

/// All text of a laid-out document, whitespace removed (for comparing character sequences).
pub fn visible_text(doc: &PagedDocument) -> String {
    baocao::typeset::text::page_runs(doc).into_iter().flatten().map(|r| r.text).collect::<String>().split_whitespace().collect()
}

/// Loads a project or panics with the rendered diagnostics.
pub fn load(root: &Path) -> Project {
    Project::load(root).unwrap_or_else(|f| panic!("{}", f.render()))
}

/// Runs the baocao binary.
pub fn baocao(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).output().unwrap()
}

/// A diff fixture pair in a temporary folder: `old/` is the base project
/// (`tests/fixtures/diff/base`), `new/` the base with the case's files laid over it
/// (`tests/fixtures/diff/<case>/new`); both with the repository's templates and fonts.
pub fn diff_pair(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = repo().join("tests/fixtures/diff");
    for side in ["old", "new"] {
        let root = dir.path().join(side);
        copy_dir(&fixtures.join("base/content"), &root.join("content"));
        let overlay = fixtures.join(case).join(side).join("content");
        if overlay.is_dir() {
            copy_dir(&overlay, &root.join("content"));
        }
        copy_dir(&repo().join("templates"), &root.join("templates"));
        copy_dir(&repo().join("fonts"), &root.join("fonts"));
    }
    dir
}
