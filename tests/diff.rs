//! `baocao diff`: each kind of change in a fixture pair (tests/fixtures/diff), asserted on the
//! JSON report; identical versions; the human report; two git revisions; the redline's
//! laid-out document.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use common::{baocao, copy_dir, diff_pair, repo};

/// Runs `baocao diff old new --format json` on a fixture pair: exit code and report.
fn diff_json(case: &str) -> (i32, Value) {
    let dir = diff_pair(case);
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    let out = baocao(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "json"]);
    let code = out.status.code().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(report["schema"], "baocao-diff/1");
    (code, report)
}

/// The changes of one category.
fn changes<'a>(report: &'a Value, category: &str) -> Vec<&'a Value> {
    report["changes"].as_array().unwrap().iter().filter(|c| c["category"] == category).collect()
}

#[test]
fn identical_versions_exit_0_with_an_empty_report() {
    let (code, report) = diff_json("identical");
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["identical"], true);
    assert_eq!(report["changes"].as_array().unwrap().len(), 0, "{report:#}");
    assert_eq!(report["summary"]["facts"]["changed"], 0);

    let dir = diff_pair("identical");
    let out = baocao(&["diff", dir.path().join("old").to_str().unwrap(), dir.path().join("new").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout.is_empty(),
        "the human report of identical versions is empty: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_changed_fact_value_is_reported_old_to_new_with_unit_and_every_printing() {
    let (code, report) = diff_json("fact_value");
    assert_eq!(code, 1);
    let facts = changes(&report, "fact");
    assert_eq!(facts.len(), 1, "{report:#}");
    let f = facts[0];
    assert_eq!((f["kind"].as_str(), f["key"].as_str()), (Some("changed"), Some("economy.grdp_growth_2021")));
    assert_eq!((f["old"]["value"].as_f64(), f["new"]["value"].as_f64()), (Some(8.58), Some(8.6)));
    assert_eq!((f["old"]["unit"].as_str(), f["new"]["unit"].as_str()), (Some("%"), Some("%")));
    assert_eq!(f["fields"], serde_json::json!(["value"]));
    let printed = f["printed"].as_array().unwrap();
    assert_eq!(printed.len(), 1, "{f:#}");
    assert_eq!(printed[0]["path"], "content/sections/01-kinh-te.md");
    assert_eq!(
        (printed[0]["line"].as_u64(), printed[0]["column"].as_u64(), printed[0]["page"].as_u64()),
        (Some(7), Some(20), Some(1))
    );

    // the sentence shows the new figure, and the change is the fact's
    let text = changes(&report, "text");
    assert_eq!(text.len(), 1, "{report:#}");
    assert_eq!((text[0]["old"].as_str(), text[0]["new"].as_str()), (Some("8,58%,"), Some("8,6%,")));
    assert_eq!(text[0]["facts"], serde_json::json!(["economy.grdp_growth_2021"]));
    assert_eq!(text[0]["facts_only"], true);
}

#[test]
fn added_and_removed_facts_are_reported_with_their_printings() {
    let (_, report) = diff_json("facts_added_removed");
    let facts = changes(&report, "fact");
    let kinds: Vec<(&str, &str)> =
        facts.iter().map(|f| (f["kind"].as_str().unwrap(), f["key"].as_str().unwrap())).collect();
    assert_eq!(kinds, [("removed", "economy.export_2022"), ("added", "economy.import_2022")], "{report:#}");
    let added = facts.iter().find(|f| f["kind"] == "added").unwrap();
    assert_eq!(added["new"]["value"], 9100);
    assert_eq!(added["printed"][0]["line"], 11);
    assert_eq!(added["printed"][0]["page"], 1);
    let removed = facts.iter().find(|f| f["kind"] == "removed").unwrap();
    assert_eq!(removed["old"]["unit"], "triệu USD");
    assert_eq!(removed["printed"][0]["line"], 11, "where the removed fact was printed in OLD");
    let text = changes(&report, "text");
    assert!(
        text.iter().any(|t| t["old"] == "10.250" && t["new"] == "9.100" && t["facts"].as_array().unwrap().len() == 2),
        "{report:#}"
    );
}

#[test]
fn a_renamed_fact_is_one_rename_not_a_removal_and_an_addition() {
    let (code, report) = diff_json("fact_renamed");
    assert_eq!(code, 1, "a rename is a difference");
    let facts = changes(&report, "fact");
    assert_eq!(facts.len(), 1, "{report:#}");
    assert_eq!(facts[0]["kind"], "renamed");
    assert_eq!(
        (facts[0]["old_key"].as_str(), facts[0]["key"].as_str()),
        (Some("economy.export_2022"), Some("economy.export_value_2022"))
    );
    assert_eq!(facts[0]["printed"][0]["line"], 11);
    assert!(changes(&report, "text").is_empty(), "the printed text is the same: {report:#}");
}

#[test]
fn a_word_edit_is_reported_with_its_words_context_and_line() {
    let (code, report) = diff_json("word_edit");
    assert_eq!(code, 1);
    let text = changes(&report, "text");
    assert_eq!(text.len(), 1, "{report:#}");
    let t = text[0];
    assert_eq!((t["kind"].as_str(), t["scope"].as_str()), (Some("replaced"), Some("words")));
    assert_eq!((t["old"].as_str(), t["new"].as_str()), (Some("ổn định."), Some("mạnh.")));
    assert!(t["before"].as_str().unwrap().ends_with("tiếp tục phát triển"), "{t:#}");
    assert!(t["after"].as_str().unwrap().starts_with("Các khu công nghiệp"), "{t:#}");
    assert_eq!(t["location"]["new"]["path"], "content/sections/01-kinh-te.md");
    assert_eq!((t["location"]["old"]["line"].as_u64(), t["location"]["new"]["line"].as_u64()), (Some(7), Some(7)));
    assert_eq!(t["facts"], serde_json::json!([]));
}

#[test]
fn a_moved_sentence_is_one_move_from_its_old_line_to_its_new_line() {
    let (_, report) = diff_json("sentence_moved");
    let text = changes(&report, "text");
    assert_eq!(text.len(), 1, "{report:#}");
    let t = text[0];
    assert_eq!((t["kind"].as_str(), t["scope"].as_str()), (Some("moved"), Some("words")));
    assert_eq!(t["new"], "Các khu công nghiệp thu hút thêm nhiều dự án đầu tư mới.");
    assert_eq!(t["old"], t["new"]);
    assert_eq!((t["location"]["old"]["line"].as_u64(), t["location"]["new"]["line"].as_u64()), (Some(7), Some(11)));
    assert_eq!(report["summary"]["text"]["moved"], 1);
}

#[test]
fn swapped_paragraphs_are_a_move_and_their_notes_are_renumbered_not_changed() {
    let (_, report) = diff_json("paragraph_moved");
    let text = changes(&report, "text");
    assert_eq!(text.len(), 1, "{report:#}");
    assert_eq!((text[0]["kind"].as_str(), text[0]["scope"].as_str()), (Some("moved"), Some("block")));
    let notes = changes(&report, "footnote");
    let numbers: Vec<(u64, u64)> = notes
        .iter()
        .map(|n| {
            assert_eq!(n["kind"], "renumbered", "{n:#}");
            (n["old"]["number"].as_u64().unwrap(), n["new"]["number"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(numbers, [(5, 4), (4, 5)], "{report:#}");
}

#[test]
fn a_note_inserted_in_the_middle_is_one_addition_and_the_later_notes_renumbered() {
    let (_, report) = diff_json("footnote_inserted");
    let notes = changes(&report, "footnote");
    let added: Vec<&&Value> = notes.iter().filter(|n| n["kind"] == "added").collect();
    assert_eq!(added.len(), 1, "{report:#}");
    assert_eq!(added[0]["new"]["number"], 3);
    assert!(added[0]["new"]["text"].as_str().unwrap().starts_with("Trong đó thu từ khu vực doanh nghiệp"));
    let renumbered: Vec<(u64, u64)> = notes
        .iter()
        .filter(|n| n["kind"] == "renumbered")
        .map(|n| (n["old"]["number"].as_u64().unwrap(), n["new"]["number"].as_u64().unwrap()))
        .collect();
    assert_eq!(renumbered, [(3, 4), (4, 5), (5, 6)], "{report:#}");
    assert_eq!(report["summary"]["footnotes"]["changed"], 0, "relabelled notes are matched by content: {report:#}");
    // in the text, only the new reference appears; later references are the same notes
    let text = changes(&report, "text");
    assert_eq!(text.len(), 1, "{report:#}");
    assert!(text[0]["new"].as_str().unwrap().contains("[^3]"), "{report:#}");
}

#[test]
fn a_changed_note_text_is_diffed_word_by_word() {
    let (_, report) = diff_json("footnote_changed");
    let notes = changes(&report, "footnote");
    assert_eq!(notes.len(), 1, "{report:#}");
    let n = notes[0];
    assert_eq!(n["kind"], "changed");
    assert_eq!((n["old"]["number"].as_u64(), n["new"]["number"].as_u64()), (Some(2), Some(2)));
    let words = n["changes"].as_array().unwrap();
    assert_eq!(words.len(), 1, "{n:#}");
    assert_eq!((words[0]["old"].as_str(), words[0]["new"].as_str()), (Some("Cục Thuế tỉnh."), Some("Sở Tài chính.")));
    assert_eq!(words[0]["location"]["new"]["line"], 21);
    assert!(changes(&report, "text").is_empty(), "{report:#}");
}

#[test]
fn metadata_changes_are_reported_old_to_new() {
    let (code, report) = diff_json("metadata");
    assert_eq!(code, 1);
    let meta = changes(&report, "metadata");
    let fields: Vec<(&str, &Value, &Value)> =
        meta.iter().map(|m| (m["field"].as_str().unwrap(), &m["old"], &m["new"])).collect();
    assert_eq!(fields.len(), 3, "{report:#}");
    assert_eq!(fields[0], ("number", &Value::Null, &Value::from("197")));
    assert_eq!(fields[1], ("date", &Value::from("2023"), &Value::from("2023-11-24")));
    assert_eq!(fields[2], ("signer.name", &Value::from("Triệu Thế Hùng"), &Value::from("Lê Ngọc Châu")));
    assert_eq!(meta[0]["location"]["new"]["path"], "content/report.yaml");
}

#[test]
fn the_human_report_gives_counts_first_then_details_plain_when_piped() {
    let dir = diff_pair("word_edit");
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    let out = baocao(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let summary = text.find("Summary").expect("a summary");
    let details = text.find("\nText\n").expect("a text section");
    assert!(summary < details, "{text}");
    assert!(text.contains("text       1 edit\n"), "{text}");
    assert!(text.contains("[-ổn định.-]{+mạnh.+}"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not on a terminal: {text:?}");

    let coloured = baocao(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--color", "always"]);
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b[31;9mổn định.\x1b[0m"));
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn two_git_revisions_are_compared_from_the_object_store_without_touching_the_work_tree() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = repo().join("tests/fixtures/diff");
    let root = dir.path();
    copy_dir(&fixtures.join("base/content"), &root.join("content"));
    copy_dir(&repo().join("templates"), &root.join("templates"));
    copy_dir(&repo().join("fonts"), &root.join("fonts"));
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    copy_dir(&fixtures.join("fact_value/new/content"), &root.join("content"));
    git(root, &["commit", "-q", "-am", "GRDP 2021 corrected"]);
    // an uncommitted edit in the work tree must not leak into either revision
    let section = root.join("content/sections/01-kinh-te.md");
    let edited = std::fs::read_to_string(&section).unwrap().replace("ổn định", "vững chắc");
    std::fs::write(&section, &edited).unwrap();
    let status = git(root, &["status", "--porcelain"]);

    let project = root.to_str().unwrap();
    let out = baocao(&["diff", "HEAD~1", "HEAD", "--project", project, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((report["old"]["kind"].as_str(), report["new"]["source"].as_str()), (Some("git"), Some("HEAD")));
    assert_eq!(report["new"]["commit"].as_str().unwrap().len(), 40);
    let facts = changes(&report, "fact");
    assert_eq!(facts.len(), 1, "{report:#}");
    assert_eq!(facts[0]["key"], "economy.grdp_growth_2021");
    assert_eq!(changes(&report, "text").len(), 1, "only the fact's printing; not the work tree's edit: {report:#}");
    assert_eq!(git(root, &["status", "--porcelain"]), status, "the work tree and index are untouched");
    assert_eq!(std::fs::read_to_string(&section).unwrap(), edited);

    // a revision against the work tree (a folder) sees the uncommitted edit
    let out = baocao(&["diff", "HEAD", project, "--project", project, "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = changes(&report, "text");
    assert!(text.iter().any(|t| t["new"] == "vững chắc."), "{report:#}");

    let bad = baocao(&["diff", "no-such-revision", "HEAD", "--project", project]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is neither a PDF, a project folder nor a revision"));
}

/// Text items of a laid-out page with their fill colour (`#rrggbb`).
fn coloured_words(frame: &typst::layout::Frame, out: &mut Vec<(String, String)>) {
    for (_, item) in frame.items() {
        match item {
            typst::layout::FrameItem::Group(g) => coloured_words(&g.frame, out),
            typst::layout::FrameItem::Text(t) => {
                let colour = match &t.fill {
                    typst::visualize::Paint::Solid(c) => c.to_hex().to_string(),
                    _ => String::new(),
                };
                out.push((t.text.to_string(), colour));
            }
            _ => {}
        }
    }
}

/// Whether a page has a filled rectangle of this colour (a highlight).
fn has_fill(frame: &typst::layout::Frame, hex: &str) -> bool {
    frame.items().any(|(_, item)| match item {
        typst::layout::FrameItem::Group(g) => has_fill(&g.frame, hex),
        typst::layout::FrameItem::Shape(s, _) => {
            matches!(&s.fill, Some(typst::visualize::Paint::Solid(c)) if c.to_hex() == hex)
        }
        _ => false,
    })
}

#[test]
fn the_redline_strikes_deleted_text_underlines_inserted_text_and_summarises_the_facts() {
    use baocao::diff::{self, Version, redline};
    use baocao::typeset::text::page_lines;

    let dir = diff_pair("facts_added_removed");
    let old = Version::open(dir.path().join("old").to_str().unwrap(), dir.path(), &[])
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let new = Version::open(dir.path().join("new").to_str().unwrap(), dir.path(), &[])
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let comparison = diff::compare(&old, &new).unwrap_or_else(|f| panic!("{}", f.render()));
    let document = redline::typeset(&comparison, new.project().unwrap()).unwrap_or_else(|f| panic!("{}", f.render()));
    let pages = page_lines(&document);

    let first: Vec<&str> = pages[0].iter().map(|l| l.text.as_str()).collect();
    assert!(first.iter().any(|l| l.contains("BẢN SO SÁNH CÁC THAY ĐỔI")), "{first:?}");
    assert!(first.iter().any(|l| l == &"economy.import_2022"), "{first:?}");
    // the added fact, with its page in the NEW build and in the redline (whose report pages are
    // numbered as the report's); the removed one, with no page
    assert!(
        first.iter().any(|l| l.starts_with("thêm") && l.contains("9.100 triệu USD") && l.ends_with("1 1")),
        "{first:?}"
    );
    assert!(first.iter().any(|l| l.starts_with("bỏ") && l.ends_with("10.250 triệu USD")), "{first:?}");

    // the report follows, with the old word struck (red) before the new one (blue), in one line
    let report: Vec<&str> = pages[1].iter().map(|l| l.text.as_str()).collect();
    let line = report.iter().find(|l| l.contains("Kim ngạch")).unwrap_or_else(|| panic!("{report:?}"));
    let (old_at, new_at) =
        (line.find("xuất").expect("the deleted word is printed"), line.find("nhập").expect("the inserted word"));
    assert!(old_at < new_at, "{line}");
    assert!(line.contains("10.250") && line.contains("9.100"), "{line}");
    let mut words = Vec::new();
    coloured_words(&document.pages()[1].frame, &mut words);
    let colour_of = |w: &str| words.iter().find(|(t, _)| t.trim() == w).map(|(_, c)| c.as_str()).unwrap_or("");
    assert_eq!(colour_of("xuất"), "#c5221f", "deleted text is red: {words:?}");
    assert_eq!(colour_of("nhập"), "#0b57d0", "inserted text is blue");
    assert_eq!(colour_of("Kim ngạch"), "#000000", "unchanged text keeps its colour");
    assert!(has_fill(&document.pages()[1].frame, "#ffe680"), "the changed fact is highlighted");
    // footnotes are included
    assert!(report.iter().any(|l| l.contains("Theo số liệu của Cục Thuế tỉnh")), "{report:?}");
    // the report's own numbering restarts after the summary page: its first page has no number
    assert!(report[0].starts_with("ỦY BAN NHÂN DÂN"), "{report:?}");
}

#[test]
fn the_redline_highlights_changed_metadata_where_it_is_printed_and_viewers_number_pages_as_printed() {
    use baocao::diff::{self, Version, redline};
    let dir = diff_pair("facts_added_removed");
    let report = dir.path().join("new/content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    let name_line = text.lines().find(|l| l.trim_start().starts_with("name:")).unwrap().to_string();
    std::fs::write(&report, text.replace(&name_line, "  name: Nguyễn Văn Mới")).unwrap();
    let open = |side: &str| {
        Version::open(dir.path().join(side).to_str().unwrap(), dir.path(), &[])
            .unwrap_or_else(|f| panic!("{}", f.render()))
    };
    let (old, new) = (open("old"), open("new"));
    let comparison = diff::compare(&old, &new).unwrap_or_else(|f| panic!("{}", f.render()));
    let changed =
        comparison.diff.metadata.iter().find(|m| m.field == "signer.name").expect("the signer's name changed");
    let at = changed.location.as_ref().unwrap();
    assert!(at.line > 0 && text.lines().nth(at.line - 1).unwrap().trim_start().starts_with("name:"), "{at:?}");
    let document = redline::typeset(&comparison, new.project().unwrap()).unwrap_or_else(|f| panic!("{}", f.render()));
    let last = &document.pages().last().unwrap().frame;
    assert!(has_fill(last, "#ffe680"), "the changed signer is highlighted on the last page");
    // a report without the change has no highlight on its last page
    let plain = baocao::build::typeset(new.project().unwrap(), std::path::Path::new("r.typ"), |_| Ok(())).unwrap();
    assert!(!has_fill(&plain.document.pages().last().unwrap().frame, "#ffe680"));
    // the PDF's page labels: the summary pages i, ii…, the report's from 1
    let pdf = dir.path().join("redline.pdf");
    redline::write(&comparison, new.project().unwrap(), &pdf).unwrap();
    let doc = lopdf::Document::load(&pdf).unwrap();
    let labels = doc.catalog().unwrap().get(b"PageLabels").expect("the redline has page labels");
    let labels =
        doc.dereference(labels).unwrap().1.as_dict().unwrap().get(b"Nums").unwrap().as_array().unwrap().clone();
    let styles: Vec<String> = labels
        .chunks(2)
        .map(|pair| {
            let dict = doc.dereference(&pair[1]).unwrap().1.as_dict().unwrap().clone();
            let style = dict
                .get(b"S")
                .and_then(|s| s.as_name())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let start = dict.get(b"St").and_then(|s| s.as_i64()).unwrap_or(1);
            format!("{}:{style}{start}", pair[0].as_i64().unwrap())
        })
        .collect();
    assert_eq!(styles.first().map(String::as_str), Some("0:r1"), "{styles:?}");
    let first_report = styles.iter().find(|s| s.contains(":D")).expect("arabic labels");
    assert!(first_report.ends_with(":D1"), "the report's first page is labelled 1: {styles:?}");
}
