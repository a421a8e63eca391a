//! The report comes out the same: every page of the real report's PDF draws exactly what the
//! pinned reference draws (each page's content stream, decoded, byte for byte), and the
//! sections' typst markup is the pinned one. The PDF file as a whole differs whenever an input
//! does (the sources are attached, and the document id is derived from them), so the pages are
//! what is compared.
//!
//! The reference (tests/fixtures/same-output/) was made from the build of the commit before the
//! document model (5fe610e). A change that is meant to change the output updates it, knowingly:
//! `BAOCAO_UPDATE_PINS=1 cargo test --test same_output`.

mod common;

use std::path::{Path, PathBuf};

use baocao::build::{BuildOptions, build, typeset};
use common::{load, repo};
use sha2::{Digest, Sha256};

fn pins() -> PathBuf {
    repo().join("tests/fixtures/same-output")
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of each page's decoded content stream, in page order.
fn page_hashes(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.get_pages().values().map(|id| hex(&doc.get_page_content(*id))).collect()
}

fn compare_or_update(name: &str, got: &str) {
    let path = pins().join(name);
    if std::env::var_os("BAOCAO_UPDATE_PINS").is_some() {
        std::fs::create_dir_all(pins()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(want == got, "{name} differs from the pinned reference:\n--- pinned\n{want}\n--- now\n{got}");
}

#[test]
fn every_page_of_the_real_report_draws_what_the_reference_draws() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("report.pdf");
    build(&repo(), &BuildOptions { output: Some(output.clone()), ..BuildOptions::default() })
        .unwrap_or_else(|f| panic!("{}", f.render()));
    compare_or_update("pages.sha256", &(page_hashes(&output).join("\n") + "\n"));
}

#[test]
fn the_sections_typst_markup_is_the_reference() {
    let result =
        typeset(&load(&repo()), Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render()));
    let markup: String = result.sections.iter().map(|s| s.typst.as_str()).collect::<Vec<_>>().join("\n");
    compare_or_update("sections.sha256", &(hex(markup.as_bytes()) + "\n"));
}
