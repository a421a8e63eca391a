//! Mistakes a clerk makes that used to change the report's shape silently (issue 21, points 2
//! and 6): each as a broken copy of the small fixture project, run through the binary in English
//! and in Vietnamese, asserting the exit code, the file:line and the words of the finding.

mod common;

use std::path::Path;
use std::process::Output;

use common::mini_project;

/// Runs baocao in `dir` with `--lang lang` and `args`: (exit code, stdout + stderr).
fn run_in(dir: &Path, lang: &str, args: &[&str]) -> (i32, String) {
    let out: Output = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .current_dir(dir)
        .arg("--lang")
        .arg(lang)
        .args(args)
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap(), text)
}

/// `baocao check` of the project in `dir`, in `lang`.
fn check(dir: &Path, lang: &str) -> (i32, String) {
    run_in(dir, lang, &["check", "--project", dir.to_str().unwrap()])
}

fn append(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    let mut old = std::fs::read_to_string(&path).unwrap();
    old.push_str(text);
    std::fs::write(path, old).unwrap();
}

fn assert_has(out: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(out.contains(w), "`{w}` is not in:\n{out}");
    }
}

#[test]
fn an_indented_bullet_swallowed_by_the_paragraph_above_is_a_warning_at_its_line() {
    let dir = mini_project();
    // 02-ket-thuc.md has one line; the bullets are lines 4 and 5
    append(
        dir.path(),
        "content/sections/02-ket-thuc.md",
        "\nCác đơn vị được giao:\n    - Sở Tài chính;\n    - Sở Nội vụ.\n",
    );
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 0, "{en}");
    assert_has(
        &en,
        &[
            "warning[list-marker-joined]: this line starts with `-` but is printed as part of the paragraph above",
            "content/sections/02-ket-thuc.md:4:5",
            "content/sections/02-ket-thuc.md:5:5",
            "start the line at the left margin",
        ],
    );
    let (code, vi) = check(dir.path(), "vi");
    assert_eq!(code, 0, "{vi}");
    assert_has(
        &vi,
        &[
            "cảnh báo[list-marker-joined]: dòng này bắt đầu bằng `-` nhưng bị in nối vào đoạn phía trên",
            "content/sections/02-ket-thuc.md:4:5",
            "cho dòng bắt đầu sát lề trái",
        ],
    );
}

#[test]
fn a_sub_item_indented_too_far_is_joined_to_its_item() {
    let dir = mini_project();
    append(dir.path(), "content/sections/02-ket-thuc.md", "\n1. Sở A;\n         2. Sở B;\n");
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 0, "{en}");
    assert_has(&en, &["warning[list-marker-joined]: this line starts with `2.`", "02-ket-thuc.md:4:10"]);
    let (_, vi) = check(dir.path(), "vi");
    assert_has(&vi, &["dòng này bắt đầu bằng `2.`", "02-ket-thuc.md:4:10"]);
}

#[test]
fn a_paragraph_started_with_a_tab_is_a_code_block_warning() {
    let dir = mini_project();
    append(dir.path(), "content/sections/02-ket-thuc.md", "\n\tĐoạn văn bắt đầu bằng Tab.\n");
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 0, "{en}");
    assert_has(
        &en,
        &[
            "warning[code-block]: this paragraph starts with a Tab (a Word habit): it is printed as small unindented text",
            "content/sections/02-ket-thuc.md:3:2",
            "remove the indentation at the start of the line(s)",
        ],
    );
    let (_, vi) = check(dir.path(), "vi");
    assert_has(
        &vi,
        &[
            "cảnh báo[code-block]: đoạn này bắt đầu bằng phím Tab",
            "content/sections/02-ket-thuc.md:3:2",
            "xóa phần thụt ở đầu dòng",
        ],
    );
}

#[test]
fn a_paragraph_indented_by_four_spaces_and_a_fenced_block_are_code_block_warnings() {
    let dir = mini_project();
    append(dir.path(), "content/sections/02-ket-thuc.md", "\n    Bốn dấu cách.\n\n```\nx\n```\n");
    let (_, en) = check(dir.path(), "en");
    assert_has(
        &en,
        &[
            "this paragraph is indented by 4 spaces",
            "02-ket-thuc.md:3:5",
            "text between ``` lines is printed as a block of small unindented text",
            "02-ket-thuc.md:5:1",
            "remove the ``` lines",
        ],
    );
    let (_, vi) = check(dir.path(), "vi");
    assert_has(&vi, &["đoạn này thụt vào 4 dấu cách", "phần nằm giữa hai dòng ```", "xóa các dòng ```"]);
}

#[test]
fn one_space_too_many_before_a_recipient_is_a_warning_at_its_report_yaml_line() {
    let dir = mini_project();
    let path = dir.path().join("content/report.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let line = yaml.lines().position(|l| l == "  - Đại biểu HĐND tỉnh;").expect("the fixture lists the recipient") + 1;
    std::fs::write(&path, yaml.replace("\n  - Đại biểu HĐND tỉnh;", "\n   - Đại biểu HĐND tỉnh;")).unwrap();
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 0, "{en}");
    assert_has(
        &en,
        &[
            "warning[report-item-joined]: this line was joined to the entry above: `recipients` holds one entry \
             \"Chủ tịch, các Phó Chủ tịch UBND tỉnh; - Đại biểu HĐND tỉnh;\"",
            &format!("content/report.yaml:{line}:4"),
            "put this `- ` in the same column as the entries above (column 3)",
        ],
    );
    let (_, vi) = check(dir.path(), "vi");
    assert_has(
        &vi,
        &[
            "cảnh báo[report-item-joined]: dòng này bị nối vào phần tử phía trên",
            &format!("content/report.yaml:{line}:4"),
            "thẳng cột với các dòng phía trên (cột 3)",
        ],
    );
}

#[test]
fn files_that_are_not_read_are_named_with_what_to_do_and_backups_are_not() {
    let dir = mini_project();
    let sections = dir.path().join("content/sections");
    std::fs::write(sections.join("04a-chuyen-doi-so.md.txt"), "Chuyển đổi số.\n").unwrap();
    std::fs::write(sections.join("ban-goc.docx"), b"PK\x03\x04").unwrap();
    std::fs::write(sections.join("01-mo-dau.md~"), "x").unwrap();
    std::fs::write(sections.join("01-mo-dau.md.bak"), "x").unwrap();
    std::fs::write(sections.join(".02-ket-thuc.md.swp"), "x").unwrap();
    std::fs::write(dir.path().join("content/facts/labour.txt"), "x: 1\n").unwrap();
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 0, "{en}");
    assert_has(
        &en,
        &[
            "warning[file-left-out]: `content/sections/04a-chuyen-doi-so.md.txt` is not a section file (*.md): it is \
             left out of the report",
            "rename `04a-chuyen-doi-so.md.txt` to `04a-chuyen-doi-so.md`",
            "`content/sections/ban-goc.docx` is not a section file",
            "`baocao import ban-goc.docx`",
            "`content/facts/labour.txt` is not a facts file (*.yaml): its facts are not read",
            "rename `labour.txt` to `labour.yaml`",
        ],
    );
    assert!(
        !en.contains("md~") && !en.contains(".bak") && !en.contains(".swp"),
        "backups are left out silently:\n{en}"
    );
    assert_eq!(en.matches("warning[file-left-out]").count(), 3, "{en}");
    let (_, vi) = check(dir.path(), "vi");
    assert_has(
        &vi,
        &[
            "cảnh báo[file-left-out]: `content/sections/04a-chuyen-doi-so.md.txt` không phải tệp mục (*.md): tệp này \
             bị bỏ ra khỏi báo cáo",
            "đổi tên `04a-chuyen-doi-so.md.txt` thành `04a-chuyen-doi-so.md`",
            "`content/facts/labour.txt` không phải tệp số liệu",
        ],
    );
}

#[test]
fn a_utf16_file_is_named_without_printing_its_bytes_and_the_help_says_notepad() {
    let dir = mini_project();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("Xin chào\n".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.path().join("content/sections/03-them.md"), bytes).unwrap();
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 1, "{en}");
    assert_has(
        &en,
        &[
            "`content/sections/03-them.md` is saved as UTF-16",
            "open it in Notepad, choose File → Save As, set Encoding to UTF-8",
        ],
    );
    assert!(!en.contains('\0'), "no NUL byte is printed:\n{en:?}");
    assert!(!en.contains("in Word: Save As"), "{en}");
    let (code, vi) = check(dir.path(), "vi");
    assert_eq!(code, 1, "{vi}");
    assert_has(&vi, &["được lưu theo bảng mã UTF-16", "mở tệp bằng Notepad, chọn File → Save As"]);
    assert!(!vi.contains('\0'));
}

#[test]
fn a_file_in_an_old_code_page_points_at_the_first_bad_byte_and_says_notepad() {
    let dir = mini_project();
    std::fs::write(dir.path().join("content/sections/03-them.md"), b"Xin ch\xe0o\n").unwrap();
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 1, "{en}");
    assert_has(&en, &["`content/sections/03-them.md` is not valid UTF-8 text", "03-them.md:1:7", "open it in Notepad"]);
    let (_, vi) = check(dir.path(), "vi");
    assert_has(&vi, &["không được lưu theo bảng mã UTF-8", "03-them.md:1:7", "mở tệp bằng Notepad"]);
}

#[test]
fn build_inside_content_says_to_go_up_one_folder() {
    let dir = mini_project();
    let content = dir.path().join("content");
    let (code, en) = run_in(&content, "en", &["build"]);
    assert_eq!(code, 2, "{en}");
    assert_has(
        &en,
        &["is the project's content folder, not the project", "go up one folder (`cd ..`) or use `--project ..`"],
    );
    let (code, vi) = run_in(&content, "vi", &["build"]);
    assert_eq!(code, 2, "{vi}");
    assert_has(&vi, &["lùi ra một thư mục (`cd ..`) hoặc ghi `--project ..`"]);
    let (code, en) = run_in(&content.join("sections"), "en", &["build"]);
    assert_eq!(code, 2, "{en}");
    assert_has(&en, &["go up two folders (`cd ../..`) or use `--project ../..`"]);
}

#[test]
fn a_facts_file_named_with_dashes_is_refused_with_the_name_it_should_have() {
    let dir = mini_project();
    let facts = dir.path().join("content/facts");
    std::fs::copy(facts.join("economy.yaml"), facts.join("chuyen-doi-so.yaml")).unwrap();
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 1, "{en}");
    assert_has(
        &en,
        &[
            "`chuyen-doi-so` cannot be a facts namespace",
            "content/facts/chuyen-doi-so.yaml:1:1",
            "rename `chuyen-doi-so.yaml` to `chuyen_doi_so.yaml`",
        ],
    );
    assert_eq!(en.matches("cannot be a facts namespace").count(), 1, "said once:\n{en}");
    let (_, vi) = check(dir.path(), "vi");
    assert_has(&vi, &["không dùng được `chuyen-doi-so` làm tên nhóm số liệu", "thành `chuyen_doi_so.yaml`"]);
}

#[test]
fn the_fixture_itself_gives_none_of_these_findings() {
    let dir = mini_project();
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 0, "{en}");
    for c in ["list-marker-joined", "code-block", "report-item-joined", "file-left-out"] {
        assert!(!en.contains(c), "{c} in:\n{en}");
    }
}

#[test]
fn a_utf16_file_without_a_byte_order_mark_is_named_too() {
    let dir = mini_project();
    let bytes: Vec<u8> = "Xin chào, tỉnh Hải Dương\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("content/sections/03-them.md"), bytes).unwrap();
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 1, "{en}");
    assert_has(&en, &["`content/sections/03-them.md` is saved as UTF-16"]);
    assert!(!en.contains('\0'), "no NUL byte is printed:\n{en:?}");
}

#[test]
fn a_tab_indented_paragraph_after_a_footnote_definition_is_a_warning_not_a_silent_note() {
    let dir = mini_project();
    append(
        dir.path(),
        "content/sections/02-ket-thuc.md",
        "\nKết thúc[^kt].\n\n[^kt]: Nội dung chú thích.\n\n\tĐoạn văn thêm vào cuối mục, bắt đầu bằng Tab.\n",
    );
    let text = std::fs::read_to_string(dir.path().join("content/sections/02-ket-thuc.md")).unwrap();
    let line = text.lines().position(|l| l.starts_with('\t')).unwrap() + 1;
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 0, "{en}");
    assert_has(
        &en,
        &[
            "warning[tab-absorbed]: this paragraph starts with a Tab after the definition of footnote `[^kt]`",
            &format!("content/sections/02-ket-thuc.md:{line}:2"),
            "remove the Tab at the start of the line",
        ],
    );
    let (_, vi) = check(dir.path(), "vi");
    assert_has(
        &vi,
        &[
            "cảnh báo[tab-absorbed]: đoạn này bắt đầu bằng phím Tab, nằm sau nội dung chú thích `[^kt]`",
            &format!("content/sections/02-ket-thuc.md:{line}:2"),
            "xóa phím Tab ở đầu dòng",
        ],
    );
    // four spaces are Markdown's own way to give a note a second paragraph: no finding
    let dir = mini_project();
    append(
        dir.path(),
        "content/sections/02-ket-thuc.md",
        "\nKết thúc[^kt].\n\n[^kt]: Nội dung chú thích.\n\n    Đoạn thứ hai của chú thích.\n",
    );
    let (_, en) = check(dir.path(), "en");
    assert!(!en.contains("tab-absorbed"), "{en}");
}

#[test]
fn a_tab_indented_paragraph_after_a_list_item_is_a_warning_not_part_of_the_item_in_silence() {
    let dir = mini_project();
    append(
        dir.path(),
        "content/sections/02-ket-thuc.md",
        "\n- Một gạch đầu dòng.\n\n\tĐoạn văn sau gạch đầu dòng, bắt đầu bằng Tab.\n",
    );
    let text = std::fs::read_to_string(dir.path().join("content/sections/02-ket-thuc.md")).unwrap();
    let line = text.lines().position(|l| l.starts_with('\t')).unwrap() + 1;
    let (code, en) = check(dir.path(), "en");
    assert_eq!(code, 0, "{en}");
    assert_has(
        &en,
        &[
            "warning[tab-absorbed]: this paragraph starts with a Tab after a list item",
            &format!("content/sections/02-ket-thuc.md:{line}:2"),
        ],
    );
    let (_, vi) = check(dir.path(), "vi");
    assert_has(&vi, &["cảnh báo[tab-absorbed]: đoạn này bắt đầu bằng phím Tab, nằm sau một gạch đầu dòng"]);
    // four spaces continue the item on purpose, as the real report's list of targets does
    let dir = mini_project();
    append(
        dir.path(),
        "content/sections/02-ket-thuc.md",
        "\n- Một gạch đầu dòng.\n\n    Đoạn thứ hai của gạch đầu dòng.\n",
    );
    let (_, en) = check(dir.path(), "en");
    assert!(!en.contains("tab-absorbed"), "{en}");
}
