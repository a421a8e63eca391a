//! Daily use: `watch` rebuilds on a change and keeps the last good PDF on an error, `init`
//! makes a buildable project, `build --timings` names every stage, `--quiet` and `--color`
//! behave as cargo's.

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use baocao::build::typeset;
use baocao::typeset::text::page_lines;
use common::{baocao, load, mini_project};

/// A running `baocao watch`, killed when dropped so that a failing test never leaves it behind.
struct Watch {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(project: &Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args(["watch", "--color", "never", "--project", project.to_str().unwrap()])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch { child, lines, seen: Vec::new() }
    }

    /// Reads lines until one satisfies `wanted`; panics with everything read after `timeout`.
    fn until(&mut self, timeout: Duration, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if wanted(&line) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!("timed out; watch printed:\n{}", self.seen.join("\n")),
                Err(RecvTimeoutError::Disconnected) => panic!("watch exited; it printed:\n{}", self.seen.join("\n")),
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `[12:03:04] rebuilt in 84 ms: 2 pages, 0 warnings → …/report.pdf (content/…)` → (ms, pages, warnings).
fn parse_report_line(line: &str) -> (u64, usize, usize) {
    let after = |key: &str| line.split(key).nth(1).unwrap_or_else(|| panic!("no `{key}` in {line:?}"));
    let ms = after(" in ").split(' ').next().unwrap().parse().unwrap();
    let pages = after(": ").split(' ').next().unwrap().parse().unwrap();
    // `1 page, ` or `2 pages, `
    let warnings = after(" page").split_once(", ").unwrap().1.split(' ').next().unwrap().parse().unwrap();
    (ms, pages, warnings)
}

const LONG: Duration = Duration::from_secs(120);

#[test]
fn watch_rebuilds_on_an_edit_ignores_editor_files_and_keeps_the_last_good_pdf_on_error() {
    let dir = mini_project();
    let root = dir.path();
    let section = root.join("content/sections/02-ket-thuc.md");
    let pdf_path = root.join("build-output/report.pdf");
    let mut watch = Watch::start(root);

    let first = watch.until(LONG, |l| l.contains("] built in "));
    assert!(first.starts_with('['), "{first}");
    let (_, pages, warnings) = parse_report_line(&first);
    assert!(pages >= 1 && warnings == 0, "{first}");
    watch.until(LONG, |l| l.starts_with("watching "));
    let pdf_before = std::fs::read(&pdf_path).unwrap();

    // An editor's swap file is not a change; the edit saved after it is.
    std::fs::write(root.join("content/sections/.02-ket-thuc.md.swp"), "swap").unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let text = std::fs::read_to_string(&section).unwrap();
    std::fs::write(&section, text.replace("trân trọng báo cáo", "kính trình báo cáo")).unwrap();
    let rebuilt = watch.until(LONG, |l| l.contains("] rebuilt in ") || l.contains("build failed"));
    assert!(rebuilt.ends_with("content/sections/02-ket-thuc.md)"), "one line naming the edited file: {rebuilt}");
    assert!(!rebuilt.contains(".swp"), "{rebuilt}");
    assert_eq!(parse_report_line(&rebuilt).1, pages, "{rebuilt}");
    let pdf_after = std::fs::read(&pdf_path).unwrap();
    assert_ne!(pdf_before, pdf_after, "the PDF was rewritten with the edit");
    let typ = std::fs::read_to_string(root.join("build-output/report.typ")).unwrap();
    assert!(typ.contains("kính trình báo") && !typ.contains("trân trọng báo"), "{typ}");

    // An error: printed in full, one failure line, the last good PDF untouched.
    std::fs::write(&section, "Thu nội địa đạt {{ economy.domestic_revenu_2023 | num }} tỷ đồng.\n").unwrap();
    let failed = watch.until(LONG, |l| l.contains("build failed"));
    assert!(failed.contains("the last good PDF is kept"), "{failed}");
    let output = watch.seen.join("\n");
    assert!(output.contains("error[fact-undefined]: undefined fact `economy.domestic_revenu_2023`"), "{output}");
    assert!(output.contains("02-ket-thuc.md:1:"), "{output}");
    assert!(output.contains("did you mean `economy.domestic_revenue_2023`?"), "{output}");
    assert_eq!(std::fs::read(&pdf_path).unwrap(), pdf_after, "a failed rebuild leaves the PDF as it was");

    // Fixed again: the next rebuild succeeds.
    std::fs::write(&section, text).unwrap();
    let again = watch.until(LONG, |l| l.contains("] rebuilt in ") || l.contains("build failed"));
    assert!(again.contains("] rebuilt in "), "{again}");
    assert_eq!(std::fs::read(&pdf_path).unwrap(), pdf_before, "the same sources give the same PDF again");
}

#[test]
fn watch_prints_a_warning_once_not_again_on_each_rebuild() {
    let dir = mini_project();
    let section = dir.path().join("content/sections/02-ket-thuc.md");
    let text = std::fs::read_to_string(&section).unwrap();
    let mut watch = Watch::start(dir.path());
    watch.until(LONG, |l| l.starts_with("watching "));
    // a slip: printed in full on the rebuild that brings it
    std::fs::write(&section, format!("Câu một tốt.Hai.\n\n{text}")).unwrap();
    let line = watch.until(LONG, |l| l.contains("] rebuilt in "));
    assert_eq!(parse_report_line(&line).2, 1, "{line}");
    let printed = |seen: &[String]| seen.iter().filter(|l| l.contains("warning[typo-no-space-after]")).count();
    assert_eq!(printed(&watch.seen), 1, "{}", watch.seen.join("\n"));
    // an edit elsewhere (the slip moves down a line): counted, not printed again
    std::fs::write(&section, format!("Đoạn mới.\n\nCâu một tốt.Hai.\n\n{text}")).unwrap();
    let line = watch.until(LONG, |l| l.contains("] rebuilt in "));
    assert_eq!(parse_report_line(&line).2, 1, "{line}");
    assert_eq!(printed(&watch.seen), 1, "{}", watch.seen.join("\n"));
}

#[test]
fn watch_refuses_a_folder_that_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let out = baocao(&["watch", "--project", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a baocao project"), "{stderr}");
}

#[test]
fn init_creates_a_project_that_builds_into_a_decree_30_report() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bao-cao-2025");
    let out = baocao(&["init", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = std::fs::read_to_string(root.join("content/report.yaml")).unwrap();
    assert!(report.contains("# Cơ quan ban hành") && report.contains("# Số văn bản"), "fields explained in Vietnamese");

    // the project declares `language: vi`; the English words are asserted here
    let out = baocao(&["--lang", "en", "build", "--project", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "a new project builds without a warning: {stderr}");
    assert!(std::fs::read(root.join("build-output/report.pdf")).unwrap().starts_with(b"%PDF-"));

    let project = load(&root);
    let result = typeset(&project, Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render()));
    assert!(result.warnings.is_empty(), "{:?}", result.warnings);
    let lines: Vec<String> = page_lines(&result.document).into_iter().flatten().map(|l| l.text).collect();
    let has = |needle: &str| lines.iter().any(|l| l.contains(needle));
    for needle in [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "Phần I",
        "Phần II",
        "Nguyễn Văn A",
        "Nơi nhận:",
    ] {
        assert!(has(needle), "`{needle}` is not on the page: {lines:#?}");
    }
    // facts printed with Vietnamese number formatting
    assert!(has("8,5%") && has("21.500 tỷ đồng") && has("1.650 doanh nghiệp"), "{lines:#?}");
    // one figure read from a cell of content/data/thong-ke.csv, one derived from two of them
    let revenue = &project.facts.by_key["economy.domestic_revenue_2024"];
    assert_eq!(revenue.source.as_ref().map(|c| c.cell.as_str()), Some("C2"));
    assert!(has("tăng 8,6% so với") && has("(19.800 tỷ đồng)"), "{lines:#?}");
    // two footnotes, numbered 1 and 2, their texts at the foot of the page
    assert!(lines.iter().any(|l| l.starts_with("1Số liệu mẫu") || l.starts_with("1 Số liệu mẫu")), "{lines:#?}");
    assert!(lines.iter().any(|l| l.starts_with("2Chi tiết") || l.starts_with("2 Chi tiết")), "{lines:#?}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = mini_project();
    let before = std::fs::read(dir.path().join("content/report.yaml")).unwrap();
    let out = baocao(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not empty"));
    assert_eq!(std::fs::read(dir.path().join("content/report.yaml")).unwrap(), before);
}

#[test]
fn build_timings_lists_every_stage_and_the_overhead() {
    let dir = mini_project();
    let out = baocao(&["build", "--timings", "--project", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rows: Vec<(&str, f64)> = stderr
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let name = words.next()?;
            let ms = words.next()?.parse().ok()?;
            (words.next()? == "ms").then_some((name, ms))
        })
        .collect();
    let names: Vec<&str> = rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        ["load", "facts", "check", "tera", "markdown", "template", "compile", "export", "write", "other", "total"],
        "{stderr}"
    );
    let get = |n: &str| rows.iter().find(|(name, _)| *name == n).unwrap().1;
    assert!(get("compile") > 0.0 && get("export") > 0.0, "{stderr}");
    let sum: f64 = rows.iter().filter(|(n, _)| *n != "total").map(|(_, ms)| ms).sum();
    assert!((sum - get("total")).abs() < 0.5, "the stages and `other` add up to the total: {stderr}");
    assert!(stderr.contains("overhead ×"), "{stderr}");
}

#[test]
fn quiet_prints_nothing_on_success_but_still_prints_errors() {
    let dir = mini_project();
    let project = dir.path().to_str().unwrap();
    let out = baocao(&["--quiet", "build", "--project", project]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty() && out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("build-output/report.pdf").is_file());

    std::fs::write(dir.path().join("content/sections/02-ket-thuc.md"), "{{ economy.nothing }}\n").unwrap();
    let out = baocao(&["build", "-q", "--project", project]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[fact-undefined]: undefined fact `economy.nothing`"), "{stderr}");
}

#[test]
fn color_always_paints_the_severity_and_the_caret_and_never_does_not() {
    let dir = mini_project();
    std::fs::write(dir.path().join("content/sections/02-ket-thuc.md"), "{{ economy.nothing }}\n").unwrap();
    let project = dir.path().to_str().unwrap();
    let out = baocao(&["build", "--color", "always", "--project", project]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\x1b[1;31merror\x1b[0m[fact-undefined]: undefined fact"), "{stderr:?}");
    assert!(stderr.contains(&format!("\x1b[1;31m{}\x1b[0m", "^".repeat("economy.nothing".len()))), "{stderr:?}");
    for args in [vec!["build", "--color", "never", "--project", project], vec!["build", "--project", project]] {
        let out = baocao(&args);
        assert!(!out.stderr.contains(&0x1b), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
