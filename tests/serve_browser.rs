//! The workspace driven in a real browser: headless Chromium through chromedriver (WebDriver,
//! fantoccini), on a copy of the real report. A clerk's and an auditor's session: open, see the
//! pages, click a figure, edit it and see the page change, click the text to open its section,
//! make a slip and see the finding, compare with the last commit.
//!
//! Needs Debian's `chromium` and `chromium-driver` (installed by `.ci/run`; `$CHROMIUM` and
//! `$CHROMEDRIVER` name others). Without them the test says why it skips, and fails under
//! `CI=true`. With `BAOCAO_SCREENSHOTS=1` it writes the screenshots of docs/img/ (serve-*.png).

mod common;

use std::io::Write as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::serve::{Server, git_commit_all};
use fantoccini::actions::{InputSource as _, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::{Client, ClientBuilder, Locator};

/// chromedriver in a process group of its own (the browser joins it): the whole group is killed
/// when the test ends, even after a panic — what this test started, and nothing else.
struct Driver {
    child: Child,
    /// chromedriver's TMPDIR (its browser profiles), removed after the group is killed.
    _tmp: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = self.child.id() as libc::pid_t;
        if group > 1 {
            // SAFETY: killpg on the group this test created with process_group(0).
            unsafe { libc::killpg(group, libc::SIGKILL) };
        }
        let _ = self.child.wait();
    }
}

fn program(var: &str, default: &str) -> Option<PathBuf> {
    let name = std::env::var(var).unwrap_or_else(|_| default.to_string());
    let path = PathBuf::from(&name);
    if path.is_absolute() {
        return path.is_file().then_some(path);
    }
    std::env::var_os("PATH").and_then(|p| std::env::split_paths(&p).map(|d| d.join(&name)).find(|c| c.is_file()))
}

/// The browser and its driver, or why not (then the test skips, or fails under CI=true).
fn browser() -> Option<(PathBuf, PathBuf)> {
    let found = (program("CHROMIUM", "chromium"), program("CHROMEDRIVER", "chromedriver"));
    match found {
        (Some(c), Some(d)) => Some((c, d)),
        _ => {
            let why = "chromium and chromedriver are needed (apt-get install chromium chromium-driver)";
            assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true: {why}");
            // straight to stderr, past the test harness's capture, so that a passing run shows it
            let _ = writeln!(std::io::stderr(), "serve_browser: skipped, {why}");
            None
        }
    }
}

async fn connect(chromium: &Path, chromedriver: &Path) -> (Driver, Client) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let tmp = tempfile::tempdir().unwrap();
    let child = Command::new(chromedriver)
        .args([format!("--port={port}"), "--silent".into()])
        .env("TMPDIR", tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("chromedriver starts");
    let profile = tmp.path().join("profile");
    let driver = Driver { child, _tmp: tmp };
    let caps = serde_json::json!({ "goog:chromeOptions": {
        "binary": chromium,
        // new headless: the viewport is 143 px shorter than the window, so 1366×768 inside
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,911",
            format!("--user-data-dir={}", profile.display())] } });
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    builder.capabilities(caps.as_object().unwrap().clone());
    let started = Instant::now();
    let client = loop {
        match builder.connect(&format!("http://127.0.0.1:{port}")).await {
            Ok(c) => break c,
            Err(e) => {
                assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not answer: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    (driver, client)
}

/// The real report in a temporary git repository (one commit: the version to compare with).
fn real_report() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "templates", "fonts"] {
        common::copy_dir(&common::repo().join(part), &dir.path().join(part));
    }
    git_commit_all(dir.path(), "bản đầu");
    dir
}

async fn wait_js(c: &Client, condition: &str, what: &str) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let v = c.execute(&format!("return {condition};"), vec![]).await.unwrap();
        if !v.is_null() && v != serde_json::Value::Bool(false) {
            return v;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let errors = c.execute("return document.getElementById('errors').textContent", vec![]).await.unwrap();
            screenshot(c, "failed.png").await;
            panic!("waited 60 s for {what}; the page says: {errors}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits for an element; on a timeout, fails with what the page shows in its error area.
async fn wait_for(c: &Client, locator: Locator<'_>, seconds: u64) -> fantoccini::elements::Element {
    match c.wait().at_most(Duration::from_secs(seconds)).for_element(locator).await {
        Ok(e) => e,
        Err(e) => {
            let errors = c.execute("return document.getElementById('errors').textContent", vec![]).await.unwrap();
            screenshot(c, "failed.png").await;
            panic!("waited {seconds} s for {locator:?}: {e}; the page says: {errors}");
        }
    }
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let dir = if std::env::var_os("BAOCAO_SCREENSHOTS").is_some() {
        common::repo().join("docs/img")
    } else {
        common::repo().join("target/serve-screenshots")
    };
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn a_clerk_edits_a_figure_follows_a_finding_and_an_auditor_compares() {
    let Some((chromium, chromedriver)) = browser() else { return };
    let project = real_report();
    // the workspace in Vietnamese, as a clerk runs it: its words come from serve.ftl through the page
    let server = Server::start_in(project.path(), "vi");
    let status = server.wait_build(0);
    let pages = status["pages"].as_array().unwrap().len();
    // every figure printed can be clicked: 627 `{{ … }}`, each with a box (two of them, `3-5` at
    // a line's end, have glyphs typst gives no source span: placed by their markers)
    let mut boxed: Vec<u64> = status["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["facts"].as_array().unwrap().iter().map(|f| f["id"].as_u64().unwrap()))
        .collect();
    boxed.sort_unstable();
    boxed.dedup();
    assert_eq!(boxed.len() as u64, status["uses"].as_u64().unwrap());
    let (_driver, c) = connect(&chromium, &chromedriver).await;

    // open: the address printed, every page shown, page 1 drawn
    c.goto(&server.url).await.unwrap();
    assert!(!c.current_url().await.unwrap().as_str().contains("token="), "the token leaves the address bar");
    let shown = wait_js(&c, &format!("document.querySelectorAll('.page').length === {pages} && document.querySelector('.page img').naturalWidth > 0"), "the pages").await;
    assert_eq!(shown, true);
    let title = c.title().await.unwrap();
    assert!(title.contains("Báo cáo") || title.contains("BÁO CÁO") || title.contains("baocao"), "{title}");
    screenshot(&c, "serve-bao-cao.png").await;

    // a click on a printed figure: its fact, where defined, every place printed
    let key = "labour.poverty_rate_2022";
    let figure = c.find(Locator::Css(&format!(".page .fact[title='{key}']"))).await.unwrap();
    c.execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&figure).unwrap()])
        .await
        .unwrap();
    figure.click().await.unwrap();
    let card = wait_for(&c, Locator::Css("#fact-detail .card"), 10).await;
    let text = card.text().await.unwrap();
    assert!(text.contains(key) && text.contains("1.69 %") && text.contains("content/facts/labour.yaml"), "{text}");
    assert!(text.contains("Tỷ lệ hộ nghèo năm 2022") && text.contains("trang"), "{text}");
    screenshot(&c, "serve-so-lieu-tren-trang.png").await;

    // edit it: the YAML line changes in place, the page is drawn anew with the new figure
    let before_digest = wait_js(&c, &format!("(() => {{ const b = document.querySelector(\".page .fact[title='{key}']\"); return b && b.parentElement.dataset.digest; }})()"), "the digest").await;
    c.find(Locator::XPath("//div[@id='fact-detail']//button[.='Sửa số liệu này']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let value = wait_for(&c, Locator::Id("edit-value"), 10).await;
    value.clear().await.unwrap();
    value.send_keys("1,71 %").await.unwrap();
    c.find(Locator::Id("edit-save")).await.unwrap().click().await.unwrap();
    let refused = wait_for(&c, Locator::Css("tr.editing .message.error"), 20).await;
    assert!(refused.text().await.unwrap().contains("không phải một số"));
    value.clear().await.unwrap();
    value.send_keys("1.71").await.unwrap();
    let scrolled = c.execute("return document.getElementById('pages').scrollTop", vec![]).await.unwrap();
    c.find(Locator::Id("edit-save")).await.unwrap().click().await.unwrap();
    wait_for(&c, Locator::XPath("//tr[@class='editing']//div[contains(@class,'ok') and starts-with(., 'Đã lưu')]"), 30)
        .await;
    let yaml = std::fs::read_to_string(project.path().join("content/facts/labour.yaml")).unwrap();
    assert!(yaml.contains("poverty_rate_2022:\n  value: 1.71\n  unit: \"%\"\n"), "{yaml}");
    wait_js(&c, &format!("(() => {{ const b = document.querySelector(\".page .fact[title='{key}']\"); return b && b.getAttribute('aria-label').includes('1,71%') && b.parentElement.dataset.digest !== {before_digest}; }})()"), "the page with 1,71%").await;
    let after = c.execute("return document.getElementById('pages').scrollTop", vec![]).await.unwrap();
    assert!(
        scrolled.as_f64().unwrap() > 0.0 && after == scrolled,
        "the reader stays where they were: {scrolled} → {after}"
    );
    screenshot(&c, "serve-so-lieu.png").await;

    // a click on the words before a figure opens its section at that line
    // (viewport coordinates: 30 px left of the figure, on its line)
    let at = wait_js(&c, &format!("(() => {{ const b = document.querySelector(\".page .fact[title='{key}']\"); b.scrollIntoView({{block: 'center'}}); const f = b.getBoundingClientRect(); return [Math.round(f.left - 30), Math.round(f.top + f.height / 2)]; }})()"), "a place to click").await;
    let click = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo { duration: None, x: at[0].as_f64().unwrap(), y: at[1].as_f64().unwrap() })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    c.perform_actions(click).await.unwrap();
    let opened = wait_js(&c, "document.getElementById('file-text').dataset.opened", "the editor at the line").await;
    let (section, line) = opened.as_str().unwrap().rsplit_once(':').unwrap();
    let (section, line): (String, usize) = (section.to_string(), line.parse().unwrap());
    let caret = c.execute("return document.getElementById('caret-info').textContent", vec![]).await.unwrap();
    assert!(caret.as_str().unwrap().starts_with(&format!("Dòng {line},")), "{caret}");
    let source = std::fs::read_to_string(project.path().join(&section)).unwrap();
    let at_line = source.lines().nth(line - 1).unwrap_or_else(|| panic!("{section}:{line} ({caret})"));
    assert!(at_line.contains("labour.poverty_rate_2022"), "{section}:{line}");

    // a slip typed in the editor, saved with Ctrl+S: the finding appears, and leads to the page
    let editor = c.find(Locator::Id("file-text")).await.unwrap();
    c.execute("const t = document.getElementById('file-text'); const i = t.value.indexOf('\\n', t.selectionStart); t.setSelectionRange(i, i);", vec![]).await.unwrap();
    editor.send_keys(" Tỉnh tiếp tục tục đẩy mạnh giảm nghèo.").await.unwrap();
    editor.send_keys(&format!("{}s", fantoccini::key::Key::Control)).await.unwrap();
    wait_for(&c, Locator::XPath("//p[@id='file-status' and contains(., 'đã lưu')]"), 20).await;
    assert!(std::fs::read_to_string(project.path().join(&section)).unwrap().contains("tiếp tục tục đẩy mạnh"));
    screenshot(&c, "serve-noi-dung.png").await;
    c.find(Locator::Id("tab-findings")).await.unwrap().click().await.unwrap();
    let finding = wait_for(&c, Locator::XPath("//ol[@id='finding-list']/li[contains(., 'tục tục')]"), 60).await;
    let finding_text = finding.text().await.unwrap();
    assert!(finding_text.contains(&section), "{finding_text}");
    screenshot(&c, "serve-kiem-tra.png").await;
    finding.find(Locator::XPath(".//button[starts-with(., 'Xem trên trang')]")).await.unwrap().click().await.unwrap();
    wait_for(&c, Locator::Css(".page .flash"), 5).await;

    // an auditor compares the last commit with the project now
    c.find(Locator::Id("tab-compare")).await.unwrap().click().await.unwrap();
    wait_js(&c, "document.querySelectorAll('#version-list option').length > 1", "the versions suggested").await;
    let old = c.find(Locator::Id("compare-old")).await.unwrap();
    old.clear().await.unwrap();
    old.send_keys("HEAD").await.unwrap();
    c.find(Locator::Id("compare-go")).await.unwrap().click().await.unwrap();
    let facts = wait_for(&c, Locator::Id("compare-facts"), 120).await;
    let facts_text = facts.text().await.unwrap();
    assert!(facts_text.contains(key) && facts_text.contains("1.69 %") && facts_text.contains("1.71 %"), "{facts_text}");
    let inserted = c.find(Locator::XPath("//div[@id='compare-result']//ins[contains(., 'tục tục')]")).await.unwrap();
    assert!(inserted.text().await.unwrap().contains("tiếp tục tục"));
    let redline = c.find(Locator::Id("compare-redline")).await.unwrap().attr("href").await.unwrap().unwrap();
    assert!(redline.starts_with("/api/compare/redline?old=HEAD&new=."), "{redline}");
    screenshot(&c, "serve-so-sanh.png").await;

    // … and the issued PDF, sent from this computer, with the project now
    let issued = common::repo().join("tests/fixtures/pdf/word.pdf");
    c.find(Locator::Id("compare-upload")).await.unwrap().send_keys(issued.to_str().unwrap()).await.unwrap();
    wait_js(&c, "document.getElementById('compare-old').value === 'build-output/so-sanh/word.pdf'", "the PDF sent")
        .await;
    c.find(Locator::Id("compare-go")).await.unwrap().click().await.unwrap();
    let read = wait_for(
        &c,
        Locator::XPath("//div[@id='compare-result']/p[contains(., 'so sánh theo chữ in trên trang')]"),
        120,
    )
    .await;
    assert!(read.text().await.unwrap().contains("không có tệp nguồn đính kèm"));
    let pdf = server.get("/api/compare/redline?old=HEAD&new=.");
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with(b"%PDF"));
    c.close().await.unwrap();
}
