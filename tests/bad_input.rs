//! The bad-input corpus (tests/fixtures/bad/, and generated here where big): every case gives
//! a clear error naming the file (and line), or builds cleanly, and never panics, hangs or
//! leaves partial output. Each runs the real binary in a subprocess with a time limit, so a
//! hang fails the test instead of stalling CI.

// symlinks, named pipes, permissions and non-UTF-8 file names are Unix things
#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{baocao_within, mini_project, repo};

/// Generous for the dev profile on a loaded 2-core machine; every case takes well under 10 s.
const LIMIT: Duration = Duration::from_secs(60);

fn put(root: &Path, fixture: &str, dest: &str) {
    let dest = root.join(dest);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::copy(repo().join("tests/fixtures/bad").join(fixture), dest).unwrap();
}

fn build(root: &Path) -> (Option<i32>, String) {
    let out = baocao_within(&["build", "--project", root.to_str().unwrap()], LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{stderr}");
    (out.status.code(), stderr)
}

/// The build fails with exit code 1, names `at` (file:line…) and says `says`, and writes nothing.
fn assert_fails(root: &Path, at: &str, says: &str) {
    let (code, stderr) = build(root);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(at), "expected `{at}` in:\n{stderr}");
    assert!(stderr.contains(says), "expected `{says}` in:\n{stderr}");
    assert!(!root.join("build-output/report.pdf").exists(), "no PDF from a failed build");
    assert_no_temp_files(root);
}

fn assert_builds(root: &Path) -> String {
    let (code, stderr) = build(root);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(std::fs::read(root.join("build-output/report.pdf")).unwrap().starts_with(b"%PDF-"));
    assert_no_temp_files(root);
    std::fs::read_to_string(root.join("build-output/report.typ")).unwrap()
}

fn assert_no_temp_files(root: &Path) {
    if let Ok(entries) = std::fs::read_dir(root.join("build-output")) {
        for e in entries {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".tmp"), "temporary file left behind: {name}");
        }
    }
}

// ---- encodings and line ends ----

#[test]
fn invalid_utf8_in_a_section_is_reported_at_its_line() {
    let dir = mini_project();
    put(dir.path(), "invalid-utf8.md", "content/sections/03-bad.md");
    assert_fails(dir.path(), "content/sections/03-bad.md:5:", "is not valid UTF-8");
}

#[test]
fn invalid_utf8_in_facts_is_reported_at_its_line() {
    let dir = mini_project();
    put(dir.path(), "invalid-utf8.yaml", "content/facts/land.yaml");
    assert_fails(dir.path(), "content/facts/land.yaml:4:", "is not valid UTF-8");
}

#[test]
fn a_byte_order_mark_is_read_past() {
    let dir = mini_project();
    put(dir.path(), "bom.md", "content/sections/03-bom.md");
    put(dir.path(), "bom.yaml", "content/facts/land.yaml");
    let typ = assert_builds(dir.path());
    assert!(!typ.contains('\u{feff}') && typ.contains("Văn bản có BOM"), "{typ}");
}

#[test]
fn crlf_and_cr_line_ends_build_and_errors_keep_their_line() {
    for (good, bad) in [("crlf.md", "crlf-error.md"), ("cr.md", "cr-error.md")] {
        let dir = mini_project();
        put(dir.path(), good, "content/sections/03-x.md");
        let typ = assert_builds(dir.path());
        assert!(typ.contains("8\\,58\\%") && typ.contains("#bc-item(\"-\""), "{good}: {typ}");
        let dir = mini_project();
        put(dir.path(), bad, "content/sections/03-x.md");
        assert_fails(dir.path(), "content/sections/03-x.md:3:", "did you mean `economy.grdp_growth_2021`");
    }
}

#[test]
fn nul_and_control_characters_in_a_section_build() {
    let dir = mini_project();
    put(dir.path(), "nul.md", "content/sections/03-nul.md");
    assert_builds(dir.path());
}

#[test]
fn a_control_character_in_yaml_is_reported_at_its_line() {
    let dir = mini_project();
    put(dir.path(), "control-char.yaml", "content/facts/land.yaml");
    assert_fails(dir.path(), "content/facts/land.yaml:3:", "control characters are not allowed");
}

// ---- empty things ----

#[test]
fn empty_section_and_facts_files_build() {
    let dir = mini_project();
    put(dir.path(), "empty.md", "content/sections/03-empty.md");
    put(dir.path(), "empty.yaml", "content/facts/land.yaml");
    assert_builds(dir.path());
}

#[test]
fn an_empty_report_yaml_says_so() {
    let dir = mini_project();
    put(dir.path(), "empty.yaml", "content/report.yaml");
    assert_fails(dir.path(), "content/report.yaml:1:", "is empty");
}

#[test]
fn an_empty_content_folder_lists_what_is_missing() {
    let dir = mini_project();
    std::fs::remove_dir_all(dir.path().join("content")).unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let (code, stderr) = build(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    for missing in ["content/report.yaml", "content/facts/", "content/sections/"] {
        assert!(stderr.contains(missing), "{missing} in:\n{stderr}");
    }
}

#[test]
fn a_project_without_sections_says_so() {
    let dir = mini_project();
    for e in std::fs::read_dir(dir.path().join("content/sections")).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    assert_fails(dir.path(), "content/sections/", "has no sections");
}

// ---- YAML ----

#[test]
fn a_billion_laughs_stops_at_the_alias_limit() {
    let dir = mini_project();
    put(dir.path(), "billion-laughs.yaml", "content/facts/lol.yaml");
    let started = Instant::now();
    assert_fails(dir.path(), "content/facts/lol.yaml:3:", "YAML aliases expand to too many values");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn a_quadratic_alias_bomb_stops_at_the_alias_limit() {
    // 150 KB: 30 000 values and 30 000 aliases to them, 9 × 10⁸ values expanded (serde_yaml's
    // own guard lets this through: minutes and gigabytes)
    let dir = mini_project();
    let n = 30_000;
    let yaml = format!("a: &a [{}]\nb: [{}]\n", vec!["1"; n].join(","), vec!["*a"; n].join(","));
    std::fs::write(dir.path().join("content/facts/bomb.yaml"), yaml).unwrap();
    let started = Instant::now();
    assert_fails(dir.path(), "content/facts/bomb.yaml:", "too many values: more than 1000000");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn a_report_yaml_of_400_000_recipients_stops_at_its_value_limit() {
    let dir = mini_project();
    let path = dir.path().join("content/report.yaml");
    let report = std::fs::read_to_string(&path).unwrap() + &"  - a\n".repeat(400_000);
    std::fs::write(&path, report).unwrap();
    assert_fails(dir.path(), "content/report.yaml:", "too many values: more than 1000");
}

#[test]
fn a_yaml_tag_is_refused_at_its_line() {
    let dir = mini_project();
    put(dir.path(), "tags.yaml", "content/facts/land.yaml");
    assert_fails(dir.path(), "content/facts/land.yaml:4:", "YAML tag `!fact`");
}

#[test]
fn core_tags_and_sensible_anchors_build() {
    let dir = mini_project();
    put(dir.path(), "core-tags.yaml", "content/facts/people.yaml");
    put(dir.path(), "anchors.yaml", "content/facts/land.yaml");
    std::fs::write(
        dir.path().join("content/sections/03-x.md"),
        "{{ people.households }} {{ land.base | num }} {{ land.copy | num }} ha\n",
    )
    .unwrap();
    let typ = assert_builds(dir.path());
    assert!(common::without_fact_markers(&typ).contains("123 10 10 ha"), "{typ}");
}

#[test]
fn non_string_keys_are_reported_at_the_file() {
    for fixture in ["non-string-keys.yaml", "int-key.yaml"] {
        let dir = mini_project();
        put(dir.path(), fixture, "content/facts/land.yaml");
        assert_fails(dir.path(), "content/facts/land.yaml:", "a fact name must be text");
    }
}

#[test]
fn a_duplicate_key_is_reported_at_its_second_line() {
    let dir = mini_project();
    put(dir.path(), "duplicate-keys.yaml", "content/facts/land.yaml");
    assert_fails(dir.path(), "content/facts/land.yaml:7:", "duplicate key `land`");
    let dir = mini_project();
    put(dir.path(), "duplicate-field.yaml", "content/facts/land.yaml");
    assert_fails(dir.path(), "content/facts/land.yaml:4:", "duplicate key `value`");
    let dir = mini_project();
    let report = std::fs::read_to_string(dir.path().join("content/report.yaml")).unwrap() + "place: Hà Nội\n";
    let line = report.lines().count();
    std::fs::write(dir.path().join("content/report.yaml"), report).unwrap();
    assert_fails(dir.path(), &format!("content/report.yaml:{line}:"), "duplicate key `place`");
}

#[test]
fn a_report_yaml_of_the_wrong_shape_is_reported_at_its_line() {
    let dir = mini_project();
    put(dir.path(), "report-list.yaml", "content/report.yaml");
    assert_fails(dir.path(), "content/report.yaml:1:", "must be a list of `key: value` lines");
    let dir = mini_project();
    put(dir.path(), "report-scalar.yaml", "content/report.yaml");
    assert_fails(dir.path(), "content/report.yaml:1:", "must be a list of `key: value` lines");
    for (from, to, line, says) in [
        (
            "authority:\n  - ỦY BAN NHÂN DÂN\n  - TỈNH HẢI DƯƠNG\n",
            "authority: ỦY BAN NHÂN DÂN\n",
            5,
            "`authority` is a list, one item per printed line",
        ),
        ("date: 2023\n", "date: 2023-02-30\n", 16, "is not a valid date"),
        ("  name: Triệu Thế Hùng\n", "  name: [Triệu, Thế, Hùng]\n", 26, "`name` must be a text, not a list"),
    ] {
        let dir = mini_project();
        let path = dir.path().join("content/report.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
        assert_fails(dir.path(), &format!("content/report.yaml:{line}:"), says);
    }
}

// ---- fonts, output, file names ----

#[test]
fn missing_empty_or_broken_fonts_are_reported() {
    let dir = mini_project();
    std::fs::remove_dir_all(dir.path().join("fonts")).unwrap();
    assert_fails(dir.path(), "fonts/", "is missing");
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    assert_fails(dir.path(), "fonts/", "holds no font files");
    std::fs::write(dir.path().join("fonts/Broken.ttf"), b"not a font at all").unwrap();
    assert_fails(dir.path(), "fonts/Broken.ttf", "is not a font file");
}

#[test]
fn an_unwritable_output_is_reported_and_nothing_is_left_behind() {
    // a file where the output folder should be (root may write anywhere, so permissions alone
    // cannot make the folder unwritable for this test when it runs as root)
    let dir = mini_project();
    std::fs::write(dir.path().join("build-output"), b"a file, not a folder").unwrap();
    let (code, stderr) = build(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("cannot write") && stderr.contains("build-output"), "{stderr}");
    // a read-only folder: an error for a normal user; root writes anyway, and must succeed
    let dir = mini_project();
    let out = dir.path().join("build-output");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::os::unix::fs::PermissionsExt::from_mode(0o555)).unwrap();
    let writable = std::fs::write(out.join("probe"), b"").is_ok();
    let (code, stderr) = build(dir.path());
    std::fs::set_permissions(&out, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    if writable {
        assert_eq!(code, Some(0), "{stderr}");
    } else {
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains("cannot write") && stderr.contains("Permission denied"), "{stderr}");
        assert!(!out.join("report.pdf").exists());
    }
    assert_no_temp_files(dir.path());
}

#[test]
fn a_section_file_name_that_is_not_utf8_is_reported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = mini_project();
    let name = std::ffi::OsStr::from_bytes(b"03-b\xe1o-c\xe1o.md");
    std::fs::write(dir.path().join("content/sections").join(name), "Nội dung.\n").unwrap();
    assert_fails(dir.path(), "content/sections/03-b", "is not valid UTF-8");
}

// ---- big inputs: limits ----

#[test]
fn a_50_mb_section_is_refused_before_it_is_read() {
    let dir = mini_project();
    let file = std::fs::File::create(dir.path().join("content/sections/03-big.md")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let started = Instant::now();
    assert_fails(dir.path(), "content/sections/03-big.md", "the limit is 4.0 MB");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn a_project_over_the_total_text_limit_is_refused() {
    let dir = mini_project();
    for i in 0..3 {
        let file = std::fs::File::create(dir.path().join(format!("content/sections/1{i}-part.md"))).unwrap();
        file.set_len(3_900_000).unwrap();
    }
    assert_fails(dir.path(), "the project's text files hold", "the limit is 8.0 MB");
}

#[test]
fn a_million_tiny_elements_stop_at_the_element_limit() {
    // under 4 MB each, but typst took over two minutes and 6–15 GB for any of these
    for (what, unit) in [("headings", "# a\n"), ("paragraphs", "a\n\n"), ("list items", "- a\n"), ("emphasis", "*a* ")]
    {
        let dir = mini_project();
        std::fs::write(dir.path().join("content/sections/03-many.md"), unit.repeat(3_900_000 / unit.len())).unwrap();
        let started = Instant::now();
        assert_fails(dir.path(), "content/sections/03-many.md:", "more than 20000 Markdown elements");
        assert!(started.elapsed() < Duration::from_secs(20), "{what}: {:?}", started.elapsed());
    }
}

#[test]
fn ten_thousand_deep_nesting_stops_at_the_nesting_limit() {
    let deep = 10_000;
    let cases = [
        ("quotes", "> ".repeat(deep) + "sâu\n"),
        ("lists", "- ".repeat(deep) + "sâu\n"),
        ("numbered lists", "1. ".repeat(deep) + "sâu\n"),
        ("emphasis", "*a ".repeat(deep) + "x" + &"*".repeat(deep) + "\n"),
        ("quotes and lists", "> - ".repeat(deep / 2) + "*x*\n"),
    ];
    for (what, md) in cases {
        let dir = mini_project();
        std::fs::write(dir.path().join("content/sections/03-deep.md"), format!("Mở đầu.\n\n{md}")).unwrap();
        let started = Instant::now();
        assert_fails(dir.path(), "content/sections/03-deep.md:3:", "nested more than 12 levels deep");
        assert!(started.elapsed() < Duration::from_secs(20), "{what}: {:?}", started.elapsed());
    }
}

fn note_chain(n: usize) -> String {
    let mut md = String::from("Bắt đầu[^c1].\n\n");
    for i in 1..n {
        md.push_str(&format!("[^c{i}]: Ghi chú {i}[^c{}].\n\n", i + 1));
    }
    md.push_str(&format!("[^c{n}]: Hết.\n"));
    md
}

#[test]
fn a_chain_of_notes_inside_notes_stops_at_a_limit() {
    // the converter writes a note's body where it is referenced, by recursion: a chain of
    // 10 000 overflowed its stack (abort) before the limits
    let dir = mini_project();
    std::fs::write(dir.path().join("content/sections/03-notes.md"), note_chain(4_000)).unwrap();
    // each note opens a level: the reference in note 12 (line 25) would open the 13th
    assert_fails(dir.path(), "content/sections/03-notes.md:25:19", "nested more than 12 levels deep");
    let dir = mini_project();
    std::fs::write(dir.path().join("content/sections/03-notes.md"), note_chain(10_000)).unwrap();
    assert_fails(dir.path(), "content/sections/03-notes.md:", "more than 5000 footnote references");
}

#[test]
fn a_hundred_thousand_footnotes_stop_at_the_footnote_limit() {
    let n = 100_000;
    let mut md = String::new();
    for i in 0..n {
        md.push_str(&format!("a[^n{i}] "));
    }
    md.push_str("\n\n");
    for i in 0..n {
        md.push_str(&format!("[^n{i}]: b\n"));
    }
    let dir = mini_project();
    std::fs::write(dir.path().join("content/sections/03-notes.md"), md).unwrap();
    let started = Instant::now();
    assert_fails(dir.path(), "content/sections/03-notes.md:1:", "more than 5000 footnote references");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    // the same number of definitions, none referenced (a quadratic lookup took 28 s for 10 000)
    let mut md = String::from("Văn bản.\n\n");
    for i in 0..n {
        md.push_str(&format!("[^n{i}]: b\n"));
    }
    let dir = mini_project();
    std::fs::write(dir.path().join("content/sections/03-notes.md"), md).unwrap();
    // the mini project defines 3 notes: the 4 998th here (line 5 000) is the 5 001st
    assert_fails(dir.path(), "content/sections/03-notes.md:5000:1", "more than 5000 footnotes are defined");
}

#[test]
fn a_paragraph_over_the_paragraph_limit_is_refused_at_its_line() {
    // typst's time grows with the square of a paragraph's length: a 3.9 MB line took over two
    // minutes; within it, emphasis or notes must not reset the count
    let sentence = "Nội dung báo cáo về tình hình phát triển kinh tế xã hội. ";
    let plain = sentence.repeat(3_800_000 / sentence.len());
    let emphasised = format!("*{}* ", sentence.trim()).repeat(3_800_000 / (sentence.len() + 3));
    let mut with_notes = String::new();
    for i in 0..60 {
        with_notes.push_str(&sentence.repeat(60_000 / sentence.len()));
        with_notes.push_str(&format!("[^p{i}] "));
    }
    with_notes.push_str("\n\n");
    for i in 0..60 {
        with_notes.push_str(&format!("[^p{i}]: Ghi chú.\n"));
    }
    for (what, md) in [("plain", plain), ("emphasis", emphasised), ("notes", with_notes)] {
        let dir = mini_project();
        std::fs::write(dir.path().join("content/sections/03-long.md"), format!("Mở đầu.\n\n{md}\n")).unwrap();
        let started = Instant::now();
        assert_fails(dir.path(), "content/sections/03-long.md:3:1", "this paragraph is longer than 64 KB");
        assert!(started.elapsed() < Duration::from_secs(20), "{what}: {:?}", started.elapsed());
    }
    let single_word = "x".repeat(70_000);
    let dir = mini_project();
    std::fs::write(dir.path().join("content/sections/03-long.md"), format!("```\n{single_word}\n```\n")).unwrap();
    assert_fails(dir.path(), "content/sections/03-long.md:1:1", "this paragraph is longer than 64 KB");
}

#[test]
fn a_report_yaml_value_over_the_paragraph_limit_is_refused_at_its_key() {
    let dir = mini_project();
    let path = dir.path().join("content/report.yaml");
    let long = "Kết quả thực hiện nhiệm vụ ".repeat(100_000);
    let report = std::fs::read_to_string(&path).unwrap().replace("  - Kết quả thực hiện", &format!("  - {long}"));
    std::fs::write(&path, report).unwrap();
    assert_fails(dir.path(), "content/report.yaml:19:1", "`summary` in content/report.yaml is longer than 64 KB");
}

#[test]
fn many_paragraphs_just_under_the_paragraph_limit_build() {
    let sentence = "Nội dung báo cáo về tình hình phát triển kinh tế xã hội. ";
    let paragraph = sentence.repeat(60_000 / sentence.len());
    let dir = mini_project();
    std::fs::write(dir.path().join("content/sections/03-long.md"), format!("{paragraph}\n\n").repeat(8)).unwrap();
    assert_builds(dir.path());
}

#[test]
fn special_files_among_the_sections_are_never_read_forever() {
    // a named pipe and a link to /dev/zero would block or never end if read: they are not
    // regular files, so they are skipped; a folder link back up is a loop, reported
    let dir = mini_project();
    let sections = dir.path().join("content/sections");
    assert!(std::process::Command::new("mkfifo").arg(sections.join("03-pipe.md")).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", sections.join("04-zero.md")).unwrap();
    assert_builds(dir.path());
    let dir = mini_project();
    std::os::unix::fs::symlink("..", dir.path().join("content/sections/loop")).unwrap();
    assert_fails(dir.path(), "content/sections/", "File system loop found");
}
