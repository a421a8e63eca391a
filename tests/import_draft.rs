//! A draft sent out as .docx and returned: the real report's Word file edited in LibreOffice
//! Writer itself (tests/fixtures/docx/edit_with_libreoffice.py, through LibreOffice's Python
//! bridge: a figure, a sentence and the signer's name changed, a paragraph added and one
//! deleted, a footnote lengthened and one added, a tracked insertion and deletion by a named
//! reviewer) and brought back with `baocao import FILE.docx --into DIR`: `--dry-run` writes
//! nothing; applying changes the fact's `value:` line and the one paragraph, leaves every other
//! file byte for byte, lists the tracked changes with author and date and applies them only with
//! `--accept-changes`; the result builds.
//!
//! Needs soffice and LibreOffice's Python bridge (Debian: libreoffice-writer-nogui,
//! python3-uno); without them the test says why it skips, except under `CI=true`.

mod common;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::build::{BuildOptions, Formats, build};
use common::{copy_dir, repo};

fn uno_available() -> bool {
    let ok = Command::new("/usr/bin/python3").args(["-c", "import uno"]).output().is_ok_and(|o| o.status.success())
        && Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("soffice and python3-uno are needed (see .ci/run)");
        }
        let _ = writeln!(std::io::stderr(), "import_draft: skipped, LibreOffice or python3-uno is not installed");
    }
    ok
}

/// Every file of a project folder's content, by path.
fn contents(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root.join("content")).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            out.insert(entry.path().strip_prefix(root).unwrap().to_path_buf(), std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn project_copy(dir: &Path, name: &str) -> PathBuf {
    let root = dir.join(name);
    for sub in ["content", "templates", "fonts"] {
        copy_dir(&repo().join(sub), &root.join(sub));
    }
    root
}

fn import_into(docx: &Path, project: &Path, extra: &[&str]) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("import")
        .arg(docx)
        .arg("--into")
        .arg(project)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

#[test]
fn a_draft_edited_in_libreoffice_comes_back_as_a_fact_change_and_a_paragraph_edit() {
    if !uno_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let project = project_copy(dir.path(), "p");
    let sent = dir.path().join("du-thao.docx");
    let options = BuildOptions {
        output: Some(sent.clone()),
        formats: Formats { pdf: false, docx: true },
        ..BuildOptions::default()
    };
    build(&project, &options).unwrap_or_else(|f| panic!("{}", f.render()));
    let returned = dir.path().join("du-thao-gop-y.docx");
    let script = repo().join("tests/fixtures/docx/edit_with_libreoffice.py");
    let out = Command::new("/usr/bin/python3")
        .arg(&script)
        .arg(&sent)
        .arg(&returned)
        .arg(dir.path().join("profile"))
        .output()
        .unwrap();
    assert!(out.status.success() && returned.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    let before = contents(&project);

    // diff accepts the .docx as a side: the project with the draft applied, in memory
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("diff")
        .arg(&project)
        .arg(&returned)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("facts      1 changed") && shown.contains("[-51.997 tỷ đồng-] → {+52.100 tỷ đồng+}"),
        "{shown}"
    );

    // --dry-run: the result shown, nothing written
    let (stdout, stderr, ok) = import_into(&returned, &project, &["--dry-run"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("changed  budget.domestic_revenue_2021_2023: [-51.997 tỷ đồng-] → {+52.100 tỷ đồng+}"),
        "{stdout}"
    );
    assert!(stdout.contains("inserted by Nguyễn Thị Góp Ý on 20"), "{stdout}");
    assert!(stdout.contains("deleted by Nguyễn Thị Góp Ý on 20"), "{stdout}");
    assert!(stderr.contains("nothing written"), "{stderr}");
    assert!(
        stdout.contains("not applied: `signer.name` reads \"Nguyễn Văn Bình\" in the Word file, \"Triệu Thế Hùng\" in content/report.yaml"),
        "an edit of the signature block is said, not applied: {stdout}"
    );
    assert_eq!(contents(&project), before, "--dry-run wrote something");

    // applied: the fact's value line and the paragraph, nothing else
    let (stdout, stderr, ok) = import_into(&returned, &project, &[]);
    assert!(ok, "{stderr}");
    let after = contents(&project);
    let changed: Vec<&PathBuf> = after.keys().filter(|p| after[*p] != before[*p]).collect();
    assert_eq!(
        changed,
        [
            Path::new("content/facts/budget.yaml"),
            Path::new("content/sections/01-khai-quat.md"),
            Path::new("content/sections/02-to-chuc-bo-may.md"),
            Path::new("content/sections/03-chi-dao-dieu-hanh.md"),
            Path::new("content/sections/07-danh-gia-chung.md"),
        ],
        "{stdout}"
    );
    let read = |p: &str| String::from_utf8_lossy(&after[Path::new(p)]).into_owned();
    let added = read("content/sections/02-to-chuc-bo-may.md");
    assert!(added.contains("\n\nĐoạn mới do người góp ý thêm.\n\n"), "{added}");
    assert!(!read("content/sections/07-danh-gia-chung.md").contains("2.1. Trong giai đoạn dịch Covid-19 bùng phát"));
    let note = read("content/sections/03-chi-dao-dieu-hanh.md");
    // LibreOffice added the words at the end of note 1, whose last paragraph is `    17\. Năm 2025, …`
    let old_note = String::from_utf8_lossy(&before[Path::new("content/sections/03-chi-dao-dieu-hanh.md")]).into_owned();
    let lines: Vec<(&str, &str)> = old_note.lines().zip(note.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].1.starts_with("    17\\.") && lines[0].1.ends_with("đạt yêu cầu; {{ targets.enterprises_eia_approved_2025 | pct }} các doanh nghiệp thuộc đối tượng được phê duyệt báo cáo đánh giá tác động môi trường và xác nhận kế hoạch bảo vệ môi trường. Số liệu đã được cập nhật."), "{lines:?}");
    let yaml_before = String::from_utf8_lossy(&before[Path::new("content/facts/budget.yaml")]).into_owned();
    let yaml_after = String::from_utf8_lossy(&after[Path::new("content/facts/budget.yaml")]).into_owned();
    let lines: Vec<(&str, &str)> = yaml_before.lines().zip(yaml_after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(lines, [("  value: 51997", "  value: 52100")]);
    assert_eq!(yaml_before.lines().count(), yaml_after.lines().count());
    let section = String::from_utf8_lossy(&after[Path::new("content/sections/01-khai-quat.md")]).into_owned();
    assert!(
        section.contains("Cơ cấu kinh tế tiếp tục chuyển dịch mạnh theo hướng công nghiệp, dịch vụ.[^68]"),
        "{section}"
    );
    assert!(
        section.ends_with("\n\n[^68]: Chú thích mới do người góp ý thêm.\n"),
        "a new note, the next label: {section}"
    );
    assert!(section.contains("{{ labour.poverty_rate_2021 | pct }}"), "the paragraph's figures keep their expressions");
    assert!(
        section.contains("cơ bản giữ được") && !section.contains("Cần bổ sung số liệu"),
        "tracked changes not applied"
    );
    let old = String::from_utf8_lossy(&before[Path::new("content/sections/01-khai-quat.md")]).into_owned();
    let differing = old.lines().zip(section.lines()).filter(|(a, b)| a != b).count();
    assert_eq!(
        (differing, old.lines().count() + 2),
        (1, section.lines().count()),
        "one line changes, and the new note's two"
    );

    // a fresh copy with --accept-changes: the reviewer's insertion and deletion applied
    let accepted = project_copy(dir.path(), "q");
    let (_, stderr, ok) = import_into(&returned, &accepted, &["--accept-changes"]);
    assert!(ok, "{stderr}");
    let section = std::fs::read_to_string(accepted.join("content/sections/01-khai-quat.md")).unwrap();
    assert!(section.contains("phát huy. Cần bổ sung số liệu năm 2023."), "{section}");
    assert!(section.contains("của tỉnh giữ được sự ổn định"), "{section}");

    // the result builds, with the new figure printed
    let pdf = dir.path().join("p.pdf");
    let options = BuildOptions {
        output: Some(pdf.clone()),
        formats: Formats { pdf: true, docx: false },
        ..BuildOptions::default()
    };
    build(&project, &options).unwrap_or_else(|f| panic!("{}", f.render()));
    let text = baocao::pdf_text::raw_text(&std::fs::read(&pdf).unwrap()).unwrap();
    assert!(text.contains("52.100") && !text.contains("51.997"));
    let notes = baocao::narrative::render(&baocao::project::Project::load(&project).unwrap()).unwrap().document.notes;
    assert_eq!(notes.iter().filter(|n| n.number.is_some()).count(), 68);

    // the same file again: nothing left to apply
    let (_, stderr, ok) = import_into(&returned, &project, &["--dry-run"]);
    assert!(ok && stderr.contains("0 files"), "{stderr}");
}
