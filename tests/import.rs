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
    assert_eq!(imported.report, original.report, "report.yaml: every field, the replaced report's number and date too");
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
    assert!(report.contains("67 footnotes") && report.contains("1 second reference (NOTEREF)"), "{report}");
}

#[test]
fn diff_takes_a_docx_as_either_side_and_baocao_s_own_is_identical_to_its_project() {
    let dir = tempfile::tempdir().unwrap();
    let docx = build_to(&repo(), &dir.path().join("report.docx"), true);
    for args in [[docx.as_os_str(), repo().as_os_str()], [repo().as_os_str(), docx.as_os_str()]] {
        let out = baocao().arg("diff").args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A .docx zip holding `document` as word/document.xml (deflated, so a long repetitive part
/// packs small).
fn zip_docx(path: &Path, document: &[u8]) {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document).unwrap();
    zip.finish().unwrap();
}

/// Runs `baocao import FILE DIR`: (exit code, stderr); DIR must stay absent.
fn import_fails(file: &Path) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    let out = baocao().arg("import").arg(file).arg(&project).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{stderr}");
    assert!(!project.exists(), "nothing is written for a file that cannot be imported");
    (out.status.code(), stderr)
}

#[test]
fn bad_input_gives_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = repo().join("tests/fixtures/docx");
    let text = dir.path().join("ghi-chu.docx");
    std::fs::write(&text, "chỉ là văn bản").unwrap();
    let (code, err) = import_fails(&text);
    assert_eq!(code, Some(1));
    assert!(err.contains("is not a Word document") && err.contains("help:"), "{err}");
    let (code, err) = import_fails(&fixtures.join("tiny.doc"));
    assert_eq!(code, Some(1));
    assert!(err.contains("Word 97–2003 document (.doc)") && err.contains("--convert-to docx"), "{err}");
    let (code, err) = import_fails(&fixtures.join("protected.docx"));
    assert_eq!(code, Some(1));
    assert!(err.contains("protected by a password"), "{err}");
    let (code, err) = import_fails(&dir.path().join("khong-co.docx"));
    assert_eq!(code, Some(2), "{err}");
    // a zip bomb: 200 MB of XML packed into a few hundred KB
    let bomb = dir.path().join("bomb.docx");
    let mut xml =
        b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>".to_vec();
    xml.resize(200 << 20, b' ');
    zip_docx(&bomb, &xml);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);
    let (code, err) = import_fails(&bomb);
    assert_eq!(code, Some(1));
    assert!(err.contains("unpacks to more than 48 MB"), "{err}");
    // a 10 000-page document: 300 000 paragraphs
    let long = dir.path().join("10000-trang.docx");
    let mut xml =
        String::from("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
    for i in 0..300_000 {
        xml.push_str(&format!("<w:p><w:r><w:t>Đoạn văn số {i} của một tài liệu rất dài.</w:t></w:r></w:p>"));
    }
    xml.push_str("</w:body></w:document>");
    zip_docx(&long, xml.as_bytes());
    let started = std::time::Instant::now();
    let (code, err) = import_fails(&long);
    assert_eq!(code, Some(1));
    assert!(err.contains("a report holds at most 20000") || err.contains("a project holds at most"), "{err}");
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn import_dry_run_prints_the_report_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    let out = baocao()
        .arg("import")
        .arg(repo().join("tests/fixtures/docx/tiny-libreoffice.docx"))
        .arg(&project)
        .arg("--dry-run")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("## Not converted\n\n- 1 image (pictures"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing written"));
    assert!(!project.exists());
}

#[test]
fn import_refuses_a_folder_that_is_not_empty_as_init_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("giu-nguyen.txt"), "x").unwrap();
    let out = baocao()
        .arg("import")
        .arg(repo().join("tests/fixtures/docx/tiny-libreoffice.docx"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not empty"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// The parts of a .docx, by name.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (e.name().to_string(), bytes)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn damaged_word_files_never_panic_the_import_nor_a_returned_draft() {
    // a fixed-seed generator: the same 600 damaged files on every run
    let mut seed: u64 = 0x005e_edba_0ca0;
    let mut next = move |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let dir = tempfile::tempdir().unwrap();
    let own = build_to(&repo(), &dir.path().join("own.docx"), true);
    let fixtures = [
        own,
        repo().join("tests/fixtures/docx/tiny-libreoffice.docx"),
        repo().join("tests/fixtures/docx/report-pandoc.docx"),
    ];
    let project = baocao::project::Project::load(&repo()).unwrap();
    let model = baocao::narrative::render(&project).unwrap().document;
    let (mut imported, mut refused) = (0, 0);
    for docx in &fixtures {
        let bytes = std::fs::read(docx).unwrap();
        let parts = unzip(docx);
        for case in 0..200 {
            let damaged = match case % 4 {
                // the zip cut short
                0 => bytes[..next(bytes.len())].to_vec(),
                // bytes of the zip changed
                1 => {
                    let mut b = bytes.clone();
                    for _ in 0..1 + next(8) {
                        let i = next(b.len());
                        b[i] = next(256) as u8;
                    }
                    b
                }
                // an XML part cut short, or with a run of it repeated or removed
                _ => {
                    let mut p = parts.clone();
                    let k = next(p.len());
                    let xml = &mut p[k].1;
                    let (a, b) = (next(xml.len()), next(xml.len()));
                    let (a, b) = (a.min(b), a.max(b));
                    if case % 4 == 2 {
                        xml.truncate(b);
                        xml.extend_from_within(a..b);
                    } else {
                        xml.drain(a..b);
                    }
                    rezip(&p)
                }
            };
            let result = std::panic::catch_unwind(|| {
                // also as a returned draft of the real report
                if docx == &fixtures[0]
                    && case % 4 >= 2
                    && let Ok(package) = baocao::import::package::read(&damaged)
                    && let Ok(doc) = baocao::import::walk::walk(&package, case % 3 == 0)
                {
                    let _ = baocao::import::draft::plan(&project, &model, &doc);
                }
                baocao::import::import_bytes(&damaged, "damaged.docx", case % 3 == 0).is_ok()
            });
            match result {
                Ok(true) => imported += 1,
                Ok(false) => refused += 1,
                Err(_) => panic!("import panicked on damaged case {case} of {}", docx.display()),
            }
        }
    }
    eprintln!("damaged files: {imported} imported, {refused} refused with a message, none panicked");
    assert!(refused > 0);
}

#[test]
fn a_returned_draft_with_a_heading_and_an_item_reworded_rewrites_just_those_lines() {
    // the Word file's XML edited directly (this checks the mapping of headings and items back
    // to their Markdown; tests/import_draft.rs edits a draft in LibreOffice itself)
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    for sub in ["content", "templates", "fonts"] {
        common::copy_dir(&repo().join(sub), &project.join(sub));
    }
    let docx = build_to(&project, &dir.path().join("sent.docx"), true);
    let mut parts = unzip(&docx);
    let document = parts.iter_mut().find(|(n, _)| n == "word/document.xml").unwrap();
    let xml = String::from_utf8(document.1.clone()).unwrap();
    assert_eq!(xml.matches(">2. Khó khăn<").count(), 1);
    let xml = xml.replace(">2. Khó khăn<", ">2. Khó khăn, thách thức<").replacen(
        ">Số lượng: Bầu đủ <",
        ">Nay số lượng: Bầu đủ <",
        1,
    );
    document.1 = xml.into_bytes();
    let returned = dir.path().join("returned.docx");
    std::fs::write(&returned, rezip(&parts)).unwrap();
    let before: Vec<(PathBuf, String)> = ["01-khai-quat.md", "02-to-chuc-bo-may.md"]
        .iter()
        .map(|f| project.join("content/sections").join(f))
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect();
    let out = baocao().arg("import").arg(&returned).arg("--into").arg(&project).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let changed: Vec<(String, String)> = before
        .iter()
        .flat_map(|(p, old)| {
            let new = std::fs::read_to_string(p).unwrap();
            assert_eq!(old.lines().count(), new.lines().count(), "{}", p.display());
            old.lines()
                .zip(new.lines())
                .filter(|(a, b)| a != b)
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(changed[0], ("### 2. Khó khăn".to_string(), "### 2. Khó khăn, thách thức".to_string()));
    assert!(changed[1].1.starts_with("- Nay số lượng: Bầu đủ {{ government.committee_members | num }}"), "{changed:?}");
}
