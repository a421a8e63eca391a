//! `baocao check`: each check on a fixture that breaks it and on one that must pass, the real
//! report's findings pinned per code, exit codes, the JSON output against its documented
//! schema, and `build` stopping on the check's errors.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use baocao::check::{self, CheckReport, JsonReport};
use baocao::diagnostics::Severity;
use common::{baocao, check_fixture, load, mini_project, repo};

fn run(dir: &Path) -> CheckReport {
    check::run_project(&load(dir))
}

/// `check` as if the project had no baseline: every finding reported.
fn run_without_baseline(dir: &Path) -> CheckReport {
    let mut project = load(dir);
    project.baseline = Default::default();
    check::run_project(&project)
}

/// (code, file name, line, text under the caret) of every finding.
fn found(report: &CheckReport) -> Vec<(&'static str, String, usize, String)> {
    report
        .findings
        .iter()
        .map(|d| {
            let loc = d.location.as_ref().expect("every finding here has a place");
            let name = loc.path.file_name().unwrap().to_string_lossy().into_owned();
            let under: String = loc.line_text.chars().skip(loc.column - 1).take(loc.width).collect();
            (d.code.expect("check findings have a code").as_str(), name, loc.line, under)
        })
        .collect()
}

fn codes(report: &CheckReport) -> Vec<&'static str> {
    report.findings.iter().map(|d| d.code.unwrap().as_str()).collect()
}

/// Runs `baocao check --format json` (plus `extra`) on a project: exit code, parsed report,
/// raw JSON.
fn check_json(dir: &Path, extra: &[&str]) -> (i32, JsonReport, serde_json::Value) {
    let mut args = vec!["check", "--project", dir.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = baocao(&args);
    let raw: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    let report: JsonReport = serde_json::from_value(raw.clone()).unwrap();
    (out.status.code().unwrap(), report, raw)
}

#[test]
fn the_real_report_has_exactly_the_pinned_findings_per_code() {
    let report = run_without_baseline(&repo());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in codes(&report) {
        *counts.entry(c).or_default() += 1;
    }
    // The original's slips, kept on purpose (content/ is the document of record). A new slip,
    // or one fixed, changes these counts: look at `cargo run -- check` and update them knowingly.
    let pinned = BTreeMap::from([
        ("heading-number", 1),
        ("heading-skip", 1),
        // the original's own arithmetic, against the relations content/facts declares (the
        // baseline says why each is kept)
        ("relation-mismatch", 7),
        ("typo-double-space", 15),
        ("typo-doubled-word", 7),
        ("typo-glued-number", 7),
        ("typo-glued-words", 2),
        ("typo-no-space-after", 9),
        ("typo-range-dash", 4),
        ("typo-space-before", 3),
        ("typo-tone-placement", 6),
        ("typo-tone-variant", 1),
        ("typo-unbalanced", 5),
        ("typo-year", 1),
    ]);
    assert_eq!(counts, pinned, "findings per code on content/");
    assert_eq!(report.count(Severity::Error), 0, "the real report builds");
    assert!(report.silenced.is_empty());
}

#[test]
fn the_slips_known_in_the_original_are_found_where_they_are() {
    let report = run_without_baseline(&repo());
    let found = found(&report);
    let expect = [
        ("typo-no-space-after", "08-phan-ii-nhiem-vu.md", "phát triển.Khẩn trương"),
        ("typo-glued-words", "08-phan-ii-nhiem-vu.md", "làcác"),
        ("typo-doubled-word", "06-cai-cach-hanh-chinh.md", "đẩy mạnh đẩy mạnh"),
        ("typo-no-space-after", "05-van-hoa-xa-hoi.md", "2.2.3.Văn hoá"),
        ("heading-skip", "04-phat-trien-kinh-te.md", "#### 1.5. Tài chính"),
        ("heading-number", "04-phat-trien-kinh-te.md", "#### 1.2. Sản xuất công nghiệp"),
        ("typo-tone-variant", "07-danh-gia-chung.md", "3. Nguyên nhận hạn chế"),
        ("typo-year", "06-cai-cach-hanh-chinh.md", "tháng 7 năm 202 thành lập"),
        ("typo-double-space", "00-mo-dau.md", "Kế  hoạch"),
    ];
    for (code, file, text) in expect {
        let hit = report.findings.iter().any(|d| {
            let loc = d.location.as_ref().unwrap();
            let column_byte = loc.line_text.char_indices().nth(loc.column - 1).map_or(0, |(b, _)| b);
            let at = loc.line_text.find(text);
            d.code.map(|c| c.as_str()) == Some(code)
                && loc.path.ends_with(file)
                && at.is_some_and(|a| a <= column_byte && column_byte < a + text.len())
        });
        assert!(hit, "`{text}` ({code}) in {file} not found among:\n{found:#?}");
    }
}

#[test]
fn the_real_report_ships_a_baseline_of_its_69_slips_so_check_and_build_print_no_warning() {
    let report = run(&repo());
    assert!(report.findings.is_empty(), "findings not in the baseline: {:#?}", found(&report));
    assert_eq!(report.baselined.len(), 69);
    let dir = common::temp_project(&repo().join("content"));
    let out = baocao(&["build", "--project", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(stderr.contains("69 known findings in baseline (content/check-baseline.yaml)"), "{stderr}");
}

#[test]
fn write_baseline_records_the_warnings_later_checks_report_only_new_ones_and_stale_entries() {
    let dir = mini_project();
    let section = dir.path().join("content/sections/01-mo-dau.md");
    let text = std::fs::read_to_string(&section).unwrap();
    std::fs::write(&section, format!("{text}\nMột câu tốt.Hai câu.\n")).unwrap();
    let project = dir.path().to_str().unwrap();
    let out = baocao(&["check", "--project", project, "--write-baseline"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join("content/check-baseline.yaml")).unwrap();
    assert!(written.contains("code: typo-no-space-after") && written.contains("text: tốt.Hai"), "{written}");
    assert!(!written.contains("line:"), "entries name the text, not a line: {written}");

    // lines added above the slip do not invalidate the entry; a new slip is reported alone
    let edited = std::fs::read_to_string(&section).unwrap().replacen('\n', "\n\nĐoạn mới đã.Sai.\n\n", 1);
    std::fs::write(&section, edited).unwrap();
    let (code, report, _) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(report.findings.len(), 1, "{messages:?}");
    assert!(report.findings[0].location.as_ref().unwrap().line_text.contains("đã.Sai"));
    assert_eq!((report.summary.baselined, report.baselined.len()), (1, 1));

    // the recorded slip corrected: its entry is stale, at its line of the baseline
    let fixed = std::fs::read_to_string(&section).unwrap().replace("tốt.Hai", "tốt. Hai");
    std::fs::write(&section, fixed).unwrap();
    let (_, report, _) = check_json(dir.path(), &[]);
    let stale: Vec<_> = report.findings.iter().filter(|f| f.code == "baseline-stale").collect();
    assert_eq!(stale.len(), 1, "{:#?}", report.findings);
    let at = stale[0].location.as_ref().unwrap();
    assert_eq!(
        (at.path.as_str(), at.line_text.as_str()),
        ("content/check-baseline.yaml", "- code: typo-no-space-after")
    );
}

#[test]
fn the_mini_project_is_clean_and_check_exits_zero() {
    let dir = mini_project();
    assert!(run(dir.path()).findings.is_empty());
    let out = baocao(&["check", "--project", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("check: 0 errors, 0 warnings"));
}

#[test]
fn facts_undefined_unprintable_and_unused_are_found_with_the_closest_names() {
    let dir = check_fixture("facts-bad");
    let report = run(dir.path());
    let f = found(&report);
    assert_eq!(
        f,
        [
            ("fact-unused", "economy.yaml".into(), 10, "export_2022".into()),
            // a text through `num`: at the value in the facts file, printed in 02-ket-thuc.md:3
            ("fact-format", "economy.yaml".into(), 14, "\"thứ b".into()),
            ("fact-undefined", "02-ket-thuc.md".into(), 1, "economy.grdp_growth_2022".into()),
            ("fact-undefined", "02-ket-thuc.md".into(), 3, "budget.total".into()),
        ]
    );
    assert_eq!(report.findings[1].notes[0].1.line, 3, "{:?}", report.findings[1]);
    let undefined = &report.findings[2];
    assert_eq!(undefined.severity, Severity::Error);
    assert!(undefined.help.as_deref().unwrap().contains("did you mean `economy.grdp_growth_2021`"), "{undefined:?}");
    assert!(report.findings[1].message.contains("cannot format the text `thứ ba`"), "{:?}", report.findings[1]);
    assert_eq!(report.findings[0].severity, Severity::Warning);

    let good = check_fixture("facts-good");
    assert!(run(good.path()).findings.is_empty(), "{:#?}", found(&run(good.path())));
}

#[test]
fn a_key_given_twice_in_a_nested_mapping_is_an_error_at_the_second_key() {
    let dir = check_fixture("duplicate-key");
    let (code, report, _) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(report.findings.len(), 1, "{report:#?}");
    let f = &report.findings[0];
    assert_eq!((f.code.as_str(), f.severity.as_str()), ("fact-duplicate-key", "error"));
    let loc = f.location.as_ref().unwrap();
    assert_eq!((loc.path.as_str(), loc.line, loc.column), ("content/facts/economy.yaml", 4, 3));
    assert_eq!(loc.line_text, "  value: 8.6");
}

#[test]
fn footnotes_undefined_duplicate_and_unreferenced_are_found() {
    let dir = check_fixture("footnotes-bad");
    let report = run(dir.path());
    assert_eq!(
        found(&report),
        [
            ("footnote-undefined", "02-ket-thuc.md".into(), 1, "[^9]".into()),
            ("footnote-duplicate", "02-ket-thuc.md".into(), 3, "[^2]".into()),
            ("footnote-unreferenced", "02-ket-thuc.md".into(), 5, "[^4]".into()),
        ]
    );
    let first = &report.findings[1].notes[0];
    assert_eq!(
        (first.0.as_str(), first.1.path.file_name().unwrap().to_str(), first.1.line),
        ("first defined here", Some("01-mo-dau.md"), 17)
    );
    let good = check_fixture("footnotes-good");
    assert!(run(good.path()).findings.is_empty(), "{:#?}", found(&run(good.path())));
}

#[test]
fn heading_numbers_that_skip_or_do_not_follow_are_found_with_the_expected_number() {
    let dir = check_fixture("headings-bad");
    let report = run(dir.path());
    assert_eq!(
        found(&report),
        [
            ("heading-skip", "02-ket-thuc.md".into(), 7, "c)".into()),
            ("heading-number", "02-ket-thuc.md".into(), 9, "1.2.".into()),
            ("heading-skip", "02-ket-thuc.md".into(), 13, "1.5.".into()),
            ("heading-skip", "02-ket-thuc.md".into(), 15, "III.".into()),
            ("heading-skip", "02-ket-thuc.md".into(), 23, "1.4.".into()),
        ]
    );
    let messages: Vec<&str> = report.findings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`c)` skips `b)`",
            "`1.2.` does not follow `2.1.`: expected `2.2.`",
            "`1.5.` skips `1.4.`",
            "`III.` skips `II.`",
            "`1.4.` skips `1.3.`",
        ]
    );
    let good = check_fixture("headings-good");
    assert!(run(good.path()).findings.is_empty(), "{:#?}", found(&run(good.path())));
}

#[test]
fn vietnamese_typography_slips_are_found_and_correct_text_passes() {
    let dir = check_fixture("typography-bad");
    let report = run(dir.path());
    let f: Vec<(&str, usize, String)> = found(&report).into_iter().map(|(c, _, l, t)| (c, l, t)).collect();
    assert_eq!(
        f,
        [
            ("typo-no-space-after", 1, ".".into()),
            ("typo-double-space", 1, "  ".into()),
            ("typo-date", 1, "31/4/2023".into()),
            ("typo-space-before", 1, " .".into()),
            ("typo-doubled-word", 3, "đẩy mạnh".into()),
            ("typo-glued-words", 3, "làcác".into()),
            ("typo-unbalanced", 3, "(".into()),
            ("typo-unbalanced", 3, "\"".into()),
            ("typo-range-dash", 3, "–".into()),
            ("typo-glued-number", 5, "{{ economy.domestic_revenue_2023 | num }}ha".into()),
            ("typo-year", 5, "202".into()),
            ("typo-tone-placement", 5, "hoá".into()),
            ("typo-tone-variant", 7, "Nguyên nhận".into()),
        ]
    );
    assert!(report.findings.iter().all(|d| d.severity == Severity::Warning));
    let glued = report.findings.iter().find(|d| d.code.map(|c| c.as_str()) == Some("typo-glued-words")).unwrap();
    assert_eq!(glued.help.as_deref(), Some("write `là các`"));
    let good = check_fixture("typography-good");
    assert!(run(good.path()).findings.is_empty(), "{:#?}", found(&run(good.path())));
}

#[test]
fn a_character_the_font_lacks_is_an_error_at_its_place_and_vietnamese_passes() {
    let dir = check_fixture("glyphs-bad");
    let report = run(dir.path());
    assert_eq!(found(&report), [("glyph-missing", "02-ket-thuc.md".into(), 1, "漢".into())]);
    let d = &report.findings[0];
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("Liberation Serif") && d.message.contains("U+6F22"), "{}", d.message);
    assert_eq!(d.location.as_ref().unwrap().column, 72);

    let yaml = mini_project();
    let path = yaml.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace("name: Triệu Thế Hùng", "name: Triệu Thế Hùng ☃");
    std::fs::write(&path, text).unwrap();
    let report = run(yaml.path());
    assert_eq!(found(&report).len(), 1, "{:#?}", found(&report));
    assert_eq!(found(&report)[0].1, "report.yaml");
    assert_eq!(found(&report)[0].3, "☃");

    let good = check_fixture("glyphs-good");
    assert!(run(good.path()).findings.is_empty(), "{:#?}", found(&run(good.path())));
}

#[test]
fn allow_comments_silence_one_block_and_are_listed_in_the_json() {
    let dir = check_fixture("allow");
    let (code, report, _) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "warnings only");
    let kept: Vec<(&str, usize, &str)> = report
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.location.as_ref().unwrap().line, f.message.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            ("typo-no-space-after", 4, "no space after `.`"),
            ("allow-invalid", 6, "`no-such-code` is not a check code"),
            ("allow-invalid", 6, "`fact-undefined` is an error and cannot be silenced"),
            ("allow-unused", 10, "`baocao-allow: heading-skip` silences nothing"),
        ]
    );
    let silenced: Vec<(&str, &str, usize, usize)> = report
        .silenced
        .iter()
        .map(|s| {
            let loc = s.finding.location.as_ref().unwrap();
            (s.finding.code.as_str(), loc.path.as_str(), loc.line, s.allowed_by.line)
        })
        .collect();
    assert_eq!(
        silenced,
        [
            ("fact-unused", "content/facts/economy.yaml", 9, 8),
            ("typo-no-space-after", "content/sections/02-ket-thuc.md", 2, 1),
            ("typo-double-space", "content/sections/02-ket-thuc.md", 8, 6),
        ]
    );
    assert_eq!(report.summary.silenced, 3);
}

#[test]
fn exit_codes_are_zero_clean_one_on_errors_or_denied_warnings_two_on_usage() {
    let warnings = check_fixture("typography-bad");
    let project = warnings.path().to_str().unwrap();
    assert_eq!(baocao(&["check", "--project", project]).status.code(), Some(0));
    let denied = baocao(&["check", "--project", project, "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&denied.stderr).contains("warning[typo-doubled-word]"));

    let errors = check_fixture("footnotes-bad");
    let out = baocao(&["check", "--project", errors.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[footnote-undefined]") && stderr.contains("02-ket-thuc.md:1:84"), "{stderr}");
    assert!(stderr.contains(" | ") && stderr.contains('^'), "a snippet with a caret:\n{stderr}");

    assert_eq!(baocao(&["check", "--project", "/nonexistent/baocao-project"]).status.code(), Some(2));
    assert_eq!(baocao(&["check", "--format", "xml"]).status.code(), Some(2));
    let help = baocao(&["check", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--deny-warnings"));
}

/// The JSON Schema in docs/check-json.md (the first ```json block).
fn documented_schema() -> serde_json::Value {
    let doc = std::fs::read_to_string(repo().join("docs/check-json.md")).unwrap();
    let start = doc.find("```json\n").expect("a ```json block in docs/check-json.md") + 8;
    let end = start + doc[start..].find("```").unwrap();
    serde_json::from_str(&doc[start..end]).expect("the documented schema is JSON")
}

#[test]
fn the_json_output_follows_the_documented_schema() {
    let schema = documented_schema();
    let id = schema["$id"].as_str().unwrap().to_string();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(&id, schema).unwrap();
    let index = compiler.compile(&id, &mut schemas).unwrap_or_else(|e| panic!("{e:#}"));

    let real = repo();
    let (footnotes, allow, duplicate) =
        (check_fixture("footnotes-bad"), check_fixture("allow"), check_fixture("duplicate-key"));
    let projects = [real.as_path(), footnotes.path(), allow.path(), duplicate.path()];
    let mut seen_notes = false;
    for project in projects {
        let (_, report, raw) = check_json(project, &[]);
        if let Err(e) = schemas.validate(&raw, index) {
            panic!("{} does not follow the schema: {e:#}", project.display());
        }
        assert_eq!(report.format, "baocao-check");
        assert_eq!(report.version, check::JSON_VERSION);
        let count = |s: &str| report.findings.iter().filter(|f| f.severity == s).count();
        assert_eq!((report.summary.errors, report.summary.warnings), (count("error"), count("warning")));
        assert_eq!(report.summary.silenced, report.silenced.len());
        seen_notes |= report.findings.iter().any(|f| !f.notes.is_empty());
    }
    assert!(seen_notes, "a finding with notes was validated");

    // and the schema can fail: a report missing a field or with a bad severity is refused
    let (_, _, mut raw) = check_json(footnotes.path(), &[]);
    raw["findings"][0]["severity"] = "fatal".into();
    assert!(schemas.validate(&raw, index).is_err());
    raw.as_object_mut().unwrap().remove("silenced");
    assert!(schemas.validate(&raw, index).is_err());
}

#[test]
fn build_stops_on_check_errors_and_prints_its_warnings() {
    let bad = check_fixture("glyphs-bad");
    let out = baocao(&["build", "--project", bad.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[glyph-missing]"));
    assert!(!bad.path().join("build-output/report.pdf").exists(), "nothing is written when check fails");

    let warned = check_fixture("typography-bad");
    let out = baocao(&["build", "--project", warned.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("warning[typo-doubled-word]: `đẩy mạnh` is written twice"), "{stderr}");
    assert!(warned.path().join("build-output/report.pdf").exists());

    let unreferenced = check_fixture("footnotes-bad");
    let path = unreferenced.path().join("content/sections/02-ket-thuc.md");
    std::fs::write(&path, "Kết thúc[^1].\n\n[^4]: Ghi chú không được dẫn đến.\n").unwrap();
    let out = baocao(&["build", "--project", unreferenced.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("never referenced").count(), 1, "reported once, by check:\n{stderr}");
}
