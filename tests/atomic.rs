//! Atomic outputs: a build killed midway leaves the last good PDF byte for byte, a complete
//! report.typ, and no temporary file once the next build has run.

// a killed writer's temp file is recognised through /proc
#![cfg(target_os = "linux")]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{baocao_within, mini_project};

/// A section long enough that typst needs a few seconds for it (≈1.5 MB, ≈400 pages).
fn big_section() -> String {
    let paragraph = "Tiếp tục đẩy mạnh cải cách hành chính, nâng cao hiệu lực, hiệu quả quản lý nhà nước; \
                     phát triển kinh tế nhanh và bền vững gắn với bảo vệ môi trường. "
        .repeat(8);
    let mut md = String::new();
    while md.len() < 1_500_000 {
        md.push_str(&paragraph);
        md.push_str("\n\n");
    }
    md
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_build_killed_during_typesetting_leaves_the_old_pdf_intact() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap().to_string();
    let section = dir.path().join("content/sections/03-dai.md");
    std::fs::write(&section, big_section()).unwrap();
    let first = baocao_within(&["build", "--project", &root], Duration::from_secs(120));
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let out = dir.path().join("build-output");
    let good_pdf = std::fs::read(out.join("report.pdf")).unwrap();
    let old_typ = std::fs::read_to_string(out.join("report.typ")).unwrap();

    // change the text, start a build, and kill it once it has written report.typ (just before
    // typst starts): typst is then laying out 400 pages
    std::fs::write(&section, format!("Đoạn mới ở đầu.\n\n{}", big_section())).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["build", "--project", &root])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let typ = std::fs::read_to_string(out.join("report.typ")).unwrap_or_default();
        if typ != old_typ {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "the build ended before it wrote report.typ");
        assert!(started.elapsed() < Duration::from_secs(60), "report.typ was never rewritten");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(child.try_wait().unwrap().is_none(), "the build finished before it could be killed");
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(std::fs::read(out.join("report.pdf")).unwrap(), good_pdf, "the last good PDF must survive");
    let typ = std::fs::read_to_string(out.join("report.typ")).unwrap();
    assert!(typ.contains("Đoạn mới ở đầu") && typ.contains("Triệu Thế Hùng"), "report.typ is complete, never cut");

    // the next build completes and leaves no temporary file
    let next = baocao_within(&["build", "--project", &root], Duration::from_secs(120));
    assert!(next.status.success(), "{}", String::from_utf8_lossy(&next.stderr));
    assert_ne!(std::fs::read(out.join("report.pdf")).unwrap(), good_pdf);
    assert_eq!(temp_files(&out), Vec::<String>::new());
}

#[test]
fn a_temp_file_of_a_writer_killed_while_writing_is_cleared_by_the_next_build() {
    let dir = mini_project();
    let out = dir.path().join("build-output");
    std::fs::create_dir_all(&out).unwrap();
    // what `kill -9` during the PDF write leaves: a half-written temp file of a dead process
    // (4194304 is above Linux's largest process id)
    std::fs::write(out.join(".report.pdf.4194304.tmp"), b"%PDF-1.7 half").unwrap();
    std::fs::write(out.join(".report.typ.4194304.tmp"), b"// half").unwrap();
    let built = baocao_within(&["build", "--project", dir.path().to_str().unwrap()], Duration::from_secs(60));
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert_eq!(temp_files(&out), Vec::<String>::new());
}
