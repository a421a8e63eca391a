//! The command line as a clerk meets it, in both languages: `--help` and the errors of a
//! mistyped command in Vietnamese (chosen by `--lang vi` or a Vietnamese locale) and English,
//! `init` suggesting another folder name when the one given is taken, the report.yaml `init`
//! writes (`language: vi`, `status` and `watermark` shown commented with their values), and
//! counts written with the right plural ("1 page", never "1 pages").

use std::path::Path;
use std::process::{Command, Output};

/// Runs baocao in `dir` with no locale set, and `env` added (`LANG=vi_VN.UTF-8`).
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_baocao"));
    command.args(args).current_dir(dir);
    for var in ["LANG", "LC_ALL", "LC_MESSAGES"] {
        command.env_remove(var);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

fn run(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), args, &[])
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn help_in_vietnamese_has_vietnamese_headings_and_command_descriptions() {
    let out = run(&["--lang", "vi", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for heading in ["Cách dùng: baocao [TÙY CHỌN] <LỆNH>", "Lệnh:", "Tùy chọn:"] {
        assert!(help.contains(heading), "`{heading}` missing:\n{help}");
    }
    assert!(help.contains("build   Tạo tệp PDF của báo cáo"), "{help}");
    assert!(help.contains("-h, --help          In phần hướng dẫn"), "{help}");
    for english in ["Usage:", "Commands:", "Options:", "Print help", "Print version", "[OPTIONS]", "[default:"] {
        assert!(!help.contains(english), "`{english}` left in English:\n{help}");
    }
}

#[test]
fn a_vietnamese_locale_gives_vietnamese_help_for_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["build", "--help"], &[("LANG", "vi_VN.UTF-8")]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(help.contains("Cách dùng: baocao build [TÙY CHỌN]"), "{help}");
    assert!(help.contains("Tùy chọn:") && help.contains("Tạo tệp PDF của báo cáo"), "{help}");
    // clap's own "[default: …]" and "[possible values: …]" in Vietnamese
    assert!(help.contains("[mặc định: auto]") && help.contains("[giá trị: auto, always, never]"), "{help}");
    assert!(!help.contains("Options:") && !help.contains("[default:"), "{help}");
    // `baocao help init` is the same help as `baocao init --help`
    let out = run_in(dir.path(), &["help", "init"], &[("LANG", "vi_VN.UTF-8")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("Tham số:") && stdout(&out).contains("Thư mục sẽ chứa báo cáo mới."),
        "{}",
        stdout(&out)
    );
}

#[test]
fn help_in_english_stays_english() {
    let out = run(&["--lang", "en", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(
        help.contains("Usage: baocao [OPTIONS] <COMMAND>") && help.contains("Commands:") && help.contains("Options:")
    );
    assert!(help.contains("build   Build the report PDF"), "{help}");
    assert!(help.contains("Print help") && !help.contains("Cách dùng"), "{help}");
    let out = run(&["check", "--help"]);
    assert!(stdout(&out).contains("Fail (exit 1) on warnings too"), "{}", stdout(&out));
}

#[test]
fn version_prints_as_before_in_both_languages() {
    for lang in ["vi", "en"] {
        let out = run(&["--lang", lang, "--version"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            stdout(&out).starts_with(&format!("baocao {} (commit ", env!("CARGO_PKG_VERSION"))),
            "{}",
            stdout(&out)
        );
    }
}

#[test]
fn a_mistyped_command_line_is_explained_in_vietnamese_with_exit_2() {
    let cases: [(&[&str], &str); 5] = [
        (&["--lang", "vi", "build", "--bogus"], "lỗi: lệnh này không có tùy chọn `--bogus`"),
        (&["--lang", "vi", "check", "--format", "xml"], "không nhận giá trị `xml`; các giá trị được phép: human, json"),
        (&["--lang", "vi", "build", "-o"], "lỗi: thiếu giá trị sau `--output <FILE>`"),
        (&["--lang", "vi", "bild"], "lỗi: không có lệnh `bild`"),
        (&["--lang", "vi", "init"], "lỗi: thiếu <DIR>"),
    ];
    for (args, expected) in cases {
        let out = run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: `{expected}` not in:\n{err}");
        assert!(err.contains("= gợi ý: "), "{args:?}: {err}");
        assert!(!err.contains("unexpected argument") && !err.contains("For more information"), "{err}");
    }
    let err = stderr(&run(&["--lang", "vi", "bild"]));
    assert!(err.contains("có phải ý bạn là `build`?"), "{err}");
    // and the same under a Vietnamese locale, without --lang
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["build", "--bogus"], &[("LANG", "vi_VN.UTF-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("lệnh này không có tùy chọn `--bogus`"), "{}", stderr(&out));
}

#[test]
fn a_mistyped_command_line_in_english_keeps_clap_wording_and_exit_2() {
    let out = run(&["--lang", "en", "build", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unexpected argument '--bogus' found"), "{}", stderr(&out));
}

#[test]
fn init_writes_a_vietnamese_report_yaml_with_status_and_watermark_commented_and_it_builds() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["init", "bao-cao"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let root = dir.path().join("bao-cao");
    let yaml = std::fs::read_to_string(root.join("content/report.yaml")).unwrap();
    assert!(yaml.lines().any(|l| l == "language: vi"), "{yaml}");
    let status = yaml.lines().find(|l| l.starts_with("# status: draft")).expect("status shown commented");
    assert!(status.contains("final") && status.contains("draft (dự thảo"), "{status}");
    let watermark = yaml.lines().find(|l| l.starts_with("# watermark: true")).expect("watermark shown commented");
    assert!(watermark.contains("chỉ với status: draft"), "{watermark}");

    // it builds, and speaks Vietnamese (the project's language), with one page in the singular
    let out = run_in(&root, &["build"], &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("đã tạo build-output/report.pdf (1 trang, "), "{err}");
    assert!(err.contains(" giây"), "{err}");
    let out = run_in(&root, &["--lang", "en", "build"], &[]);
    let err = stderr(&out);
    assert!(err.contains("built build-output/report.pdf (1 page, "), "{err}");
    assert!(!err.contains("1 pages"), "{err}");

    // the clerk's two lines uncommented as the comment says: still builds
    let uncommented =
        yaml.replace("# status: draft ", "status: draft ").replace("# watermark: true ", "watermark: true ");
    std::fs::write(root.join("content/report.yaml"), uncommented).unwrap();
    let out = run_in(&root, &["build"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn init_on_a_taken_folder_suggests_another_name_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["init", "bao-cao-2025"], &[]).status.success());
    let out = run_in(dir.path(), &["--lang", "en", "init", "bao-cao-2025"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("error: `bao-cao-2025` is not empty"), "{err}");
    assert!(err.contains("`baocao init bao-cao-2025-2`"), "a different name: {err}");
    assert!(!err.contains("`baocao init bao-cao-2025`"), "not the same name: {err}");

    // the next free name, in Vietnamese
    std::fs::create_dir(dir.path().join("bao-cao-2025-2")).unwrap();
    let out = run_in(dir.path(), &["--lang", "vi", "init", "bao-cao-2025"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("lỗi: thư mục `bao-cao-2025` đã có tệp"), "{err}");
    assert!(err.contains("gợi ý: chọn một tên thư mục khác (`baocao init bao-cao-2025-3`)"), "{err}");

    // a file in the way
    std::fs::write(dir.path().join("ghi-chu.txt"), "x").unwrap();
    let out = run_in(dir.path(), &["--lang", "vi", "init", "ghi-chu.txt"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`baocao init ghi-chu.txt-2`"), "{}", stderr(&out));
}

#[test]
fn counts_take_the_singular_for_one() {
    // a project of one page, one footnote-free section, check --write-baseline with one finding
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["init", "p"], &[]).status.success());
    let root = dir.path().join("p");
    let out = run_in(&root, &["--lang", "en", "build", "--format", "pdf,docx"], &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("(1 page, ") && !err.contains("1 pages"), "{err}");
    assert!(err.contains("2 footnotes"), "{err}");
    // one warning: a fact nobody prints
    let facts = root.join("content/facts/economy.yaml");
    let mut text = std::fs::read_to_string(&facts).unwrap();
    text.push_str("\nunused_one:\n  value: 5\n  unit: \"%\"\n  meaning: \"Một số liệu không in\"\n");
    std::fs::write(&facts, text).unwrap();
    let out = run_in(&root, &["--lang", "en", "check", "--write-baseline"], &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("(1 known finding)"), "{err}");
    let out = run_in(&root, &["--lang", "vi", "check", "--write-baseline"], &[]);
    assert!(stderr(&out).contains("(1 phát hiện đã biết)"), "{}", stderr(&out));
}

/// The markdown example of the guide's "Thêm một mục" section.
fn guide_section_example() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/huong-dan.md")).unwrap();
    let section = guide.split("## 7. Thêm một mục").nth(1).expect("the guide's section 7");
    let block = section.split("```markdown\n").nth(1).unwrap().split("```").next().unwrap();
    block.to_string()
}

fn check_warnings(root: &Path) -> (u64, u64) {
    let out = run_in(root, &["--lang", "en", "check", "--format", "json"], &[]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (json["summary"]["errors"].as_u64().unwrap(), json["summary"]["warnings"].as_u64().unwrap())
}

/// Followed literally, the guide's example adds a section without a warning, in the real report
/// (file `07a-…`, heading `V.` after `IV.`) and in the sample report of `init` (`01a-…`, `II.`).
#[test]
fn the_guides_add_a_section_example_makes_no_warning_in_the_real_report_nor_in_inits() {
    let example = guide_section_example();
    assert!(example.starts_with("## V. CHUYỂN ĐỔI SỐ\n"), "{example}");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("that");
    for part in ["content", "templates", "fonts"] {
        copy(&repo.join(part), &real.join(part));
    }
    let before = check_warnings(&real);
    std::fs::write(real.join("content/sections/07a-chuyen-doi-so.md"), &example).unwrap();
    assert_eq!(check_warnings(&real), before, "the real report");

    assert!(run_in(dir.path(), &["init", "mau"], &[]).status.success());
    let sample = dir.path().join("mau");
    std::fs::write(sample.join("content/sections/01a-chuyen-doi-so.md"), example.replace("## V.", "## II.")).unwrap();
    assert_eq!(check_warnings(&sample), (0, 0), "the sample report of init");
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
