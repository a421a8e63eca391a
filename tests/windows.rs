//! Files as Windows has them, tried on Linux: a PDF that cannot be replaced, file names that
//! differ only in case, device names (`CON`, `NUL`…) as files or as `-o`, a folder with
//! Vietnamese letters and spaces, sections saved by Notepad (CRLF, byte-order mark), and
//! `--version`. The same binary built for Windows is tried under Wine by scripts/wine-check.sh.

mod common;

use std::path::Path;

use common::{baocao, copy_dir, mini_project, repo};

fn build(project: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--project", project.to_str().unwrap()];
    args.extend(extra);
    baocao(&args)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_folder_in_place_of_the_pdf_fails_the_build_naming_it() {
    let dir = mini_project();
    let pdf = dir.path().join("build-output/report.pdf");
    std::fs::create_dir_all(&pdf).unwrap();
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("cannot write `{}`: a folder of that name is in the way", pdf.display())), "{err}");
    assert!(
        err.contains("rename or remove the folder `report.pdf`, or write the PDF elsewhere with `-o FILE`"),
        "{err}"
    );
    assert!(pdf.is_dir());
}

#[test]
fn two_sections_differing_only_in_case_are_refused_naming_both() {
    let dir = mini_project();
    let sections = dir.path().join("content/sections");
    std::fs::copy(sections.join("01-mo-dau.md"), sections.join("01-Mo-Dau.md")).unwrap();
    for command in ["build", "check"] {
        let out = baocao(&[command, "--project", dir.path().to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{command}: {err}");
        assert!(
            err.contains(
                "`content/sections/01-Mo-Dau.md` and `content/sections/01-mo-dau.md` differ only in capital letters: \
                 Windows and macOS take them for one file"
            ),
            "{command}: {err}"
        );
        assert!(err.contains("merge the two into one file, or rename one of them (e.g. `01-mo-dau-1.md`)"), "{err}");
    }
    assert!(!dir.path().join("build-output/report.pdf").exists());
}

#[test]
fn a_section_or_facts_file_named_after_a_windows_device_is_refused_with_a_new_name() {
    let dir = mini_project();
    std::fs::write(dir.path().join("content/sections/con.md"), "Đoạn thêm.\n").unwrap();
    std::fs::copy(dir.path().join("content/facts/economy.yaml"), dir.path().join("content/facts/aux.yaml")).unwrap();
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "`content/sections/con.md`: `con.md` cannot be a file name on Windows, where `CON` is the name of a device"
        ),
        "{err}"
    );
    assert!(err.contains("rename `con.md` to `con-1.md`"), "{err}");
    assert!(err.contains("rename `aux.yaml` to `aux_1.yaml`"), "{err}");
}

#[test]
fn an_output_named_after_a_windows_device_is_a_usage_error() {
    let dir = mini_project();
    let out_path = dir.path().join("Nul.pdf");
    let out = build(dir.path(), &["-o", out_path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "cannot write `{}`: `NUL` is the name of a device on Windows, not a file name",
            out_path.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("choose another name, e.g. `-o {}`", dir.path().join("Nul-1.pdf").display())),
        "{err}"
    );
    assert!(!out_path.exists());
}

#[test]
fn a_redline_named_after_a_windows_device_is_refused_before_comparing() {
    let dir = mini_project();
    let p = dir.path().to_str().unwrap();
    let out = baocao(&["diff", p, p, "--redline", "com1.pdf"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write `com1.pdf`: `COM1` is the name of a device on Windows"), "{err}");
    assert!(err.contains("e.g. `--redline com1-1.pdf`"), "{err}");
}

/// `C:\Báo cáo 2025\` on Windows; here the same letters and spaces in a Linux path.
#[test]
fn a_project_in_a_folder_with_vietnamese_letters_and_spaces_builds_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("Báo cáo 2025");
    copy_dir(&repo().join("tests/fixtures/mini/content"), &project.join("content"));
    copy_dir(&repo().join("templates"), &project.join("templates"));
    copy_dir(&repo().join("fonts"), &project.join("fonts"));
    let pdf = project.join("bản in/báo cáo.pdf");
    let out = build(&project, &["-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("built {}", pdf.display())), "{}", stderr(&out));
    let out = baocao(&["verify", pdf.to_str().unwrap(), "--project", project.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Notepad saves UTF-8 with a byte-order mark and CRLF line ends. The text is read the same
/// (`project::normalise_text`), so the PDF prints the same words; but the PDF carries its
/// sources as read and its document id comes from their hashes, so its bytes differ: a CRLF
/// copy is a different source, and `verify` tells it apart.
#[test]
fn sections_saved_by_notepad_print_the_same_text_in_a_different_pdf() {
    let unix = mini_project();
    let notepad = mini_project();
    for dir in ["content", "content/facts", "content/sections"] {
        for entry in std::fs::read_dir(notepad.path().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
            }
        }
    }
    let mut pdfs = Vec::new();
    for dir in [&unix, &notepad] {
        let out = build(dir.path(), &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        pdfs.push(std::fs::read(dir.path().join("build-output/report.pdf")).unwrap());
    }
    let text = |pdf: &[u8]| baocao::pdf_text::raw_text(pdf).unwrap();
    assert!(text(&pdfs[0]).contains("8,58%"), "{}", text(&pdfs[0]));
    assert_eq!(text(&pdfs[0]), text(&pdfs[1]), "the printed text is the same");
    assert_ne!(pdfs[0], pdfs[1], "the attached sources are the bytes as read");
}

#[test]
fn version_names_the_release_the_commit_and_typst() {
    let out = baocao(&["--version"]);
    assert!(out.status.success());
    let line = String::from_utf8(out.stdout).unwrap();
    let expected_start = format!("baocao {} (commit ", env!("CARGO_PKG_VERSION"));
    assert!(line.starts_with(&expected_start), "{line}");
    assert!(line.ends_with(&format!(", typst {})\n", typst::utils::version().raw())), "{line}");
    let commit = line[expected_start.len()..].split(',').next().unwrap();
    assert!(commit == "unknown" || (commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit())), "{line}");
}

/// The "next:" line is pasted into cmd.exe as it is: a folder with spaces must be one argument.
#[test]
fn init_quotes_a_folder_with_spaces_in_the_command_it_suggests() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("Báo cáo 2025");
    let out = baocao(&["init", project.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let quoted = format!("\"{}\"", project.display());
    assert!(
        err.contains(&format!("next: cd {quoted} && baocao build   (or: baocao build --project {quoted})")),
        "{err}"
    );
}
