//! The messages of `diff`, `verify` and `serve` in the language of the run: `--lang vi` gives
//! Vietnamese, `--lang en` English, on the same inputs (a fixture pair of versions, a damaged
//! PDF, a PDF without sources, a save refused by the workspace).

mod common;

use common::serve::Server;
use common::{baocao, diff_pair, mini_project};

fn text(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// `baocao --lang LANG diff old new` on a fixture pair: its human report.
fn diff_in(lang: &str, case: &str) -> String {
    let dir = diff_pair(case);
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    let out = baocao(&["--lang", lang, "diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn diff_speaks_vietnamese_with_lang_vi_and_english_with_lang_en() {
    let vi = diff_in("vi", "fact_value");
    assert!(vi.contains("\nTóm tắt\n"), "{vi}");
    assert!(vi.contains("  số liệu    sửa 1\n"), "{vi}");
    assert!(vi.contains("  chú thích  không thay đổi\n"), "{vi}");
    assert!(vi.contains("\nSố liệu\n  sửa      economy.grdp_growth_2021: [-8,58%-] → {+8,6%+}"), "{vi}");
    assert!(vi.contains("in tại content/sections/01-kinh-te.md:"), "{vi}");
    assert!(!vi.contains("Summary") && !vi.contains("printed at"), "{vi}");

    let en = diff_in("en", "fact_value");
    assert!(en.contains("\nSummary\n"), "{en}");
    assert!(en.contains("  facts      1 changed\n"), "{en}");
    assert!(en.contains("  footnotes  no changes\n"), "{en}");
    assert!(en.contains("\nFacts\n  changed  economy.grdp_growth_2021: [-8,58%-] → {+8,6%+}"), "{en}");
    assert!(en.contains("printed at content/sections/01-kinh-te.md:"), "{en}");
}

#[test]
fn diff_counts_take_the_singular_in_english_and_one_form_in_vietnamese() {
    let en = diff_in("en", "word_edit");
    assert!(en.contains("  text       1 edit\n"), "{en}");
    let vi = diff_in("vi", "word_edit");
    assert!(vi.contains("  nội dung   1 chỗ sửa\n"), "{vi}");
    assert!(vi.contains("\nNội dung\n"), "{vi}");
}

#[test]
fn a_diff_of_a_missing_pdf_is_refused_in_the_language_of_the_run() {
    let dir = mini_project();
    let missing = dir.path().join("khong-co.pdf");
    let (p, m) = (dir.path().to_str().unwrap(), missing.to_str().unwrap());
    let vi = text(&baocao(&["--lang", "vi", "diff", m, p]));
    assert!(vi.contains("không tồn tại hoặc không phải là tệp"), "{vi}");
    assert!(vi.contains("ghi đường dẫn của tệp PDF"), "{vi}");
    let en = text(&baocao(&["--lang", "en", "diff", m, p]));
    assert!(en.contains("does not exist or is not a file"), "{en}");
}

/// The mini project built: (its folder, the PDF), with or without its sources attached.
fn built(sources: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = mini_project();
    let mut args = vec!["build", "--project", dir.path().to_str().unwrap(), "-q"];
    if !sources {
        args.push("--no-sources");
    }
    let out = baocao(&args);
    assert!(out.status.success(), "{}", text(&out));
    let pdf = dir.path().join("build-output/report.pdf");
    (dir, pdf)
}

#[test]
fn verify_of_a_damaged_pdf_says_so_in_vietnamese_and_in_english() {
    let (dir, pdf) = built(true);
    let bytes = std::fs::read(&pdf).unwrap();
    let cut = dir.path().join("bi-cat.pdf");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let c = cut.to_str().unwrap();

    let out = baocao(&["--lang", "vi", "verify", c]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let vi = text(&out);
    assert!(vi.contains(&format!("`{c}`: không đọc được tệp PDF")), "{vi}");
    assert!(vi.contains("tệp bị hỏng hoặc không phải PDF; xin lại tệp PDF"), "{vi}");

    let en = text(&baocao(&["--lang", "en", "verify", c]));
    assert!(en.contains(&format!("`{c}`: not a readable PDF")), "{en}");
    assert!(en.contains("the file is damaged or not a PDF"), "{en}");
}

#[test]
fn verify_verdicts_are_in_the_language_of_the_run() {
    let (_dir, pdf) = built(true);
    let p = pdf.to_str().unwrap();
    let out = baocao(&["--lang", "vi", "verify", p]);
    let vi = text(&out);
    assert_eq!(out.status.code(), Some(0), "{vi}");
    assert!(vi.contains("tệp nguồn đính kèm: cả "), "{vi}");
    assert!(vi.contains(&format!("đã xác minh: `{p}` đúng là bản dựng từ các tệp nguồn đính kèm")), "{vi}");
    let en = text(&baocao(&["--lang", "en", "verify", p]));
    assert!(en.contains(&format!("verified: `{p}` is exactly what its sources produce")), "{en}");

    let (_dir, bare) = built(false);
    let b = bare.to_str().unwrap();
    let vi = text(&baocao(&["--lang", "vi", "verify", b]));
    assert!(vi.contains("lỗi: PDF không có manifest.json"), "{vi}");
    assert!(vi.contains(&format!("không kết luận được: máy này không dựng lại được `{b}`")), "{vi}");
    let en = text(&baocao(&["--lang", "en", "verify", b]));
    assert!(en.contains("problem: the PDF carries no manifest.json"), "{en}");
    assert!(en.contains(&format!("cannot tell: `{b}` could not be rebuilt")), "{en}");
}

#[test]
fn the_workspace_page_and_its_errors_follow_the_language_of_the_run() {
    // the page, as a browser gets it: the token traded for a cookie
    let page_of = |s: &Server| {
        let enter = s.raw("GET", &format!("/?token={}", s.token), &[], b"");
        let cookie = enter.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
        s.raw("GET", "/", &[("Cookie", &cookie)], b"").text()
    };
    let dir = mini_project();
    let s = Server::start_in(dir.path(), "vi");
    s.wait_build(0);
    let page = page_of(&s);
    assert!(page.contains("<html lang=\"vi\">") && page.contains(">So sánh hai phiên bản</h2>"), "{page}");
    let json = page.split("id=\"ui-text\">").nth(1).unwrap_or("").split("</script>").next().unwrap_or("");
    assert!(json.contains("\"ui-js-pages\":\"{$n} trang\""), "the scripts' words are in the page: {json}");
    let missing = s.get("/api/khong-co");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"], "không có trang này");
    drop(s);

    let s = Server::start_in(dir.path(), "en");
    s.wait_build(0);
    let page = page_of(&s);
    assert!(page.contains("<html lang=\"en\">") && page.contains(">Compare two versions</h2>"), "{page}");
    assert_eq!(s.get("/api/khong-co").json()["error"], "no such page");
}
