//! `baocao import`: a .docx becomes a project that builds. baocao's own Word file of the real
//! report comes back with the same printed text (build → build --format docx → import →
//! build, the two PDFs compared word by word with `baocao::pdf_text`), its sections, notes and
//! fact keys; bad input gives a clear error, never a panic.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::build::{BuildOptions, Formats, build};
use common::repo;

fn baocao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
}

/// Builds `root` as `formats` into `out` (a file path), returning the path.
fn build_to(root: &Path, out: &Path, docx: bool) -> PathBuf {
    let options = BuildOptions {
        output: Some(out.to_path_buf()),
        formats: Formats { pdf: !docx, docx },
        ..BuildOptions::default()
    };
    build(root, &options).unwrap_or_else(|f| panic!("{}", f.render()));
    out.to_path_buf()
}

/// The printed words of a PDF, in order.
fn pdf_words(pdf: &Path) -> Vec<String> {
    let bytes = std::fs::read(pdf).unwrap();
    baocao::pdf_text::raw_text(&bytes).unwrap().split_whitespace().map(str::to_string).collect()
}

/// The real report's .docx imported into a new project: (temp dir, project path).
fn real_report_imported() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let docx = build_to(&repo(), &dir.path().join("report.docx"), true);
    let project = dir.path().join("imported");
    let out = baocao().arg("import").arg(&docx).arg(&project).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, project)
}

#[test]
fn baocao_s_own_docx_of_the_real_report_comes_back_with_the_same_printed_words() {
    let (dir, project) = real_report_imported();
    let original = pdf_words(&build_to(&repo(), &dir.path().join("original.pdf"), false));
    let again = pdf_words(&build_to(&project, &dir.path().join("again.pdf"), false));
    let (a, b): (Vec<&str>, Vec<&str>) =
        (original.iter().map(String::as_str).collect(), again.iter().map(String::as_str).collect());
    let diff = similar::TextDiff::from_slices(&a, &b);
    let changed: Vec<String> = diff
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| format!("{}{}", c.tag(), c.value()))
        .collect();
    eprintln!("round trip: {} words printed, {} differ", original.len(), changed.len());
    assert!(
        changed.is_empty(),
        "{} of {} words differ: {:?}",
        changed.len(),
        original.len(),
        &changed[..changed.len().min(40)]
    );
}

#[test]
fn baocao_s_own_docx_comes_back_with_its_section_files_notes_and_fact_keys() {
    let (_dir, project) = real_report_imported();
    let original = baocao::project::Project::load(&repo()).unwrap();
    let imported = baocao::project::Project::load(&project).unwrap_or_else(|f| panic!("{}", f.render()));
    let names = |p: &baocao::project::Project| p.sections.iter().map(|s| s.path.clone()).collect::<Vec<_>>();
    assert_eq!(names(&imported), names(&original));
    let same = original.sections.iter().zip(&imported.sections).filter(|(a, b)| a.text == b.text).count();
    eprintln!("{same} of {} section files byte for byte as they were", original.sections.len());
    assert!(same >= 5, "only {same} section files came back byte for byte");
    // every fact printed in the original is there under its key, with its value
    let printed = baocao::narrative::render(&original).unwrap().document;
    let mut checked = 0;
    for use_ in printed.facts.iter().filter(|u| u.keys.len() == 1) {
        let key = &use_.keys[0];
        let (a, b) =
            (&original.facts.by_key[key], imported.facts.by_key.get(key).unwrap_or_else(|| panic!("{key} lost")));
        assert_eq!(a.value.to_string().parse::<f64>().ok(), b.value.to_string().parse::<f64>().ok(), "{key}");
        checked += 1;
    }
    assert!(checked > 600, "{checked}");
    let notes = baocao::narrative::render(&imported).unwrap().document.notes;
    assert_eq!(notes.iter().filter(|n| n.number.is_some()).count(), 67);
    let report = std::fs::read_to_string(project.join("IMPORT.md")).unwrap();
    assert!(report.contains("67 footnotes") && report.contains("1 second references"), "{report}");
}
