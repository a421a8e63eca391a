//! `baocao serve` over HTTP: the security points (token, Host, Origin, paths, sizes, stale saves)
//! and the API a browser uses (pages, a click on a figure, editing a fact in place, events).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::serve::Server;

fn started() -> (tempfile::TempDir, Server) {
    let dir = common::mini_project();
    let server = Server::start(dir.path());
    server.wait_build(0);
    (dir, server)
}

#[test]
fn every_request_needs_the_token_and_the_first_visit_trades_it_for_a_cookie() {
    let (_dir, s) = started();
    for target in ["/", "/api/status", "/api/facts", "/api/page?n=1", "/app.js", "/api/events", "/report.pdf"] {
        assert_eq!(s.raw("GET", target, &[], b"").status, 403, "{target} without token");
        assert_eq!(
            s.raw("GET", &format!("{target}?token=0{}", &s.token[1..]), &[], b"").status,
            403,
            "{target}, wrong token"
        );
    }
    let post = s.raw("POST", "/api/file", &[("Content-Type", "application/json")], b"{}");
    assert_eq!(post.status, 403);
    // the address printed: the token goes into a cookie, and the address bar loses it
    let enter = s.raw("GET", &format!("/?token={}", s.token), &[], b"");
    assert_eq!(enter.status, 303);
    assert_eq!(enter.header("location"), Some("/"));
    let cookie = enter.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let pair = cookie.split(';').next().unwrap();
    let page = s.raw("GET", "/", &[("Cookie", pair)], b"");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<html lang=\"en\">"));
    assert!(page.header("content-security-policy").unwrap().contains("script-src 'self'"));
    assert_eq!(s.raw("GET", "/api/status", &[("Cookie", pair)], b"").status, 200);
}

#[test]
fn a_foreign_host_or_origin_is_refused_even_with_the_token() {
    let (_dir, s) = started();
    let target = format!("/api/status?token={}", s.token);
    let port = s.port;
    // DNS rebinding: the attacker's name resolving to 127.0.0.1
    for host in [format!("attacker.example:{port}"), format!("127.0.0.1:{}", port + 1), "127.0.0.1".to_string()] {
        assert_eq!(s.raw("GET", &target, &[("Host", &host)], b"").status, 403, "{host}");
    }
    assert_eq!(s.raw("GET", &target, &[("Host", &format!("localhost:{port}"))], b"").status, 200);
    // another site's page, with the token somehow known
    for origin in ["http://attacker.example", "null", &format!("http://127.0.0.1:{}", port + 1)] {
        let r = s.raw("POST", &format!("/api/file?token={}", s.token), &[("Origin", origin)], b"{}");
        assert_eq!(r.status, 403, "{origin}");
    }
    let own = format!("http://127.0.0.1:{port}");
    assert_eq!(s.raw("GET", &target, &[("Origin", &own)], b"").status, 200);
    let cross = s.raw("GET", &target, &[("Sec-Fetch-Site", "cross-site")], b"");
    assert_eq!(cross.status, 403);
}

#[test]
fn paths_outside_the_project_are_not_found() {
    let (dir, s) = started();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "bí mật").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.path().join("content/sections/03-link.md"))
        .unwrap();
    for path in [
        "content/sections/../../../etc/passwd",
        "../secret.md",
        "/etc/passwd",
        "content/sections/03-link.md",
        "templates/report.typ.tera",
        "content/sections/khong-co.md",
    ] {
        let r = s.get(&format!("/api/file?path={}", path.replace('/', "%2F")));
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        assert!(!r.text().contains("bí mật"));
    }
    for target in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/api/..%2Fapi/status", "/app.js/.."] {
        assert_eq!(s.raw("GET", &format!("{target}?token={}", s.token), &[], b"").status, 404, "{target}");
    }
    let ok = s.get("/api/file?path=content%2Fsections%2F01-mo-dau.md");
    assert_eq!(ok.status, 200);
}

#[test]
fn a_body_over_the_limit_is_refused_before_it_is_read() {
    let (_dir, s) = started();
    let too_big = (baocao::limits::MAX_REQUEST_BYTES + 1).to_string();
    let r = s.raw(
        "POST",
        &format!("/api/file?token={}", s.token),
        &[("Content-Type", "application/json"), ("Content-Length", &too_big)],
        b"",
    );
    assert_eq!(r.status, 413);
    let long = format!("/api/status?token={}&x={}", s.token, "a".repeat(baocao::limits::MAX_URL_BYTES));
    assert_eq!(s.raw("GET", &long, &[], b"").status, 414);
}

#[test]
fn a_save_over_a_file_changed_on_disk_meanwhile_is_refused_with_409() {
    let (dir, s) = started();
    let path = "content/sections/02-ket-thuc.md";
    let loaded = s.get(&format!("/api/file?path={path}")).json();
    let version = loaded["version"].as_str().unwrap().to_string();
    // another editor saves first
    let on_disk = dir.path().join(path);
    std::fs::write(&on_disk, "# Sửa bằng trình soạn thảo khác\n").unwrap();
    let r = s.post("/api/file", &serde_json::json!({ "path": path, "text": "bản của tôi\n", "version": version }));
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.json()["error"].as_str().unwrap().contains("NOT saved"));
    assert_eq!(std::fs::read_to_string(&on_disk).unwrap(), "# Sửa bằng trình soạn thảo khác\n");
    // with the version now on disk, it saves
    let fresh = s.get(&format!("/api/file?path={path}")).json();
    let r =
        s.post("/api/file", &serde_json::json!({ "path": path, "text": "bản của tôi\n", "version": fresh["version"] }));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(std::fs::read_to_string(&on_disk).unwrap(), "bản của tôi\n");
}

#[test]
fn a_fact_edited_in_the_browser_changes_its_line_only_and_the_page_that_prints_it() {
    let (dir, s) = started();
    let status = s.wait_build(0);
    let facts = s.get("/api/facts").json();
    let fact = facts["facts"].as_array().unwrap().iter().find(|f| f["key"] == "economy.grdp_growth_2021").unwrap();
    let page = fact["printed"][0]["page"].as_u64().unwrap() as usize;
    let digest = status["pages"][page - 1]["digest"].clone();
    let file = dir.path().join("content/facts/economy.yaml");
    let before = std::fs::read_to_string(&file).unwrap();
    let version = facts["versions"]["content/facts/economy.yaml"].clone();

    // refused: not a number, and a stale version; the file untouched
    let bad = s.post(
        "/api/fact",
        &serde_json::json!({ "key": "economy.grdp_growth_2021", "field": "value", "value": "8,6 %", "version": version }),
    );
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert!(bad.json()["details"][0].as_str().unwrap().contains("is not a number"));
    let stale = s.post(
        "/api/fact",
        &serde_json::json!({ "key": "economy.grdp_growth_2021", "field": "value", "value": "8.6", "version": "0" }),
    );
    assert_eq!(stale.status, 409);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);

    let generation = s.get("/api/status").json()["generation"].as_u64().unwrap();
    let ok = s.post(
        "/api/fact",
        &serde_json::json!({ "key": "economy.grdp_growth_2021", "field": "value", "value": "8.6", "version": version }),
    );
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before.replace("value: 8.58", "value: 8.6"));
    let meaning = s.post("/api/fact", &serde_json::json!({ "key": "economy.grdp_growth_2021", "field": "meaning", "value": "Tốc độ \"tăng\" GRDP", "version": ok.json()["version"] }));
    assert_eq!(meaning.status, 200, "{}", meaning.text());
    assert!(std::fs::read_to_string(&file).unwrap().contains("  meaning: \"Tốc độ \\\"tăng\\\" GRDP\"\n"));

    let after = s.wait_build(generation);
    let status = if after["pages"][page - 1]["digest"] == digest { s.wait_build(generation + 1) } else { after };
    assert_ne!(status["pages"][page - 1]["digest"], digest, "the page printing the fact is drawn anew");
    let printed = status["pages"][page - 1]["facts"].as_array().unwrap();
    assert!(printed.iter().any(|f| f["key"] == "economy.grdp_growth_2021" && f["text"] == "8,6%"), "{printed:?}");
    let svg = s.get(&format!("/api/page?n={page}"));
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert!(svg.text().starts_with("<svg"));
}

#[test]
fn a_click_on_a_figure_finds_its_fact_and_a_click_on_text_its_line() {
    let (_dir, s) = started();
    let status = s.wait_build(0);
    let (n, fact) = status["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|p| p["facts"].as_array().unwrap().first().map(|f| (p["n"].as_u64().unwrap(), f.clone())))
        .unwrap();
    let r = &fact["rect"];
    let (x, y) = (
        (r[0].as_f64().unwrap() + r[2].as_f64().unwrap()) / 2.0,
        (r[1].as_f64().unwrap() + r[3].as_f64().unwrap()) / 2.0,
    );
    let hit = s.get(&format!("/api/hit?page={n}&x={x}&y={y}")).json();
    assert_eq!(hit["kind"], "fact");
    assert_eq!(hit["facts"][0]["key"], fact["key"]);
    assert_eq!(hit["facts"][0]["defined"]["path"], "content/facts/economy.yaml");
    assert!(hit["facts"][0]["printed"].as_array().unwrap().iter().any(|p| p["page"] == n));
    // the words just before the figure: its section, the line of `{{ … }}`
    let text = s.get(&format!("/api/hit?page={n}&x={}&y={y}", r[0].as_f64().unwrap() - 20.0)).json();
    assert_eq!(text["kind"], "text", "{text}");
    assert_eq!(text["path"], hit["use"]["path"]);
    assert_eq!(text["line"], hit["use"]["line"]);
}

#[test]
fn browsers_are_told_of_every_build_as_it_happens() {
    let (dir, s) = started();
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(stream, "GET /api/events?token={} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", s.token, s.port).unwrap();
    let mut reader = BufReader::new(stream);
    let mut events = Vec::new();
    let mut line = String::new();
    while events.is_empty() {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0);
        if let Some(data) = line.strip_prefix("data: ") {
            events.push(data.trim().parse::<u64>().unwrap());
        }
    }
    // a save from another editor
    let section = dir.path().join("content/sections/02-ket-thuc.md");
    let text = std::fs::read_to_string(&section).unwrap();
    std::fs::write(&section, text + "\nMột câu thêm.\n").unwrap();
    while events.len() < 2 {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the stream closed");
        if let Some(data) = line.strip_prefix("data: ") {
            events.push(data.trim().parse::<u64>().unwrap());
        }
    }
    assert!(events[1] > events[0], "{events:?}");
    let status = s.get("/api/status").json();
    assert_eq!(status["cause"][0], "content/sections/02-ket-thuc.md");
}

#[test]
fn open_starts_the_default_browser_at_the_address_with_its_token() {
    let dir = common::mini_project();
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened");
    let script = bin.path().join("xdg-open");
    std::fs::write(&script, format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["serve", "--open", "--port", "0", "--project"])
        .arg(dir.path())
        .env("PATH", path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut url).unwrap();
    let started = std::time::Instant::now();
    while !opened.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(std::fs::read_to_string(&opened).unwrap().trim(), url.trim());
    assert!(url.contains("/?token="));
}

#[test]
fn a_folder_that_is_no_project_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let out = common::baocao_within(
        &["serve", "--port", "0", "--project", empty.path().to_str().unwrap()],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a baocao project"), "{out:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn every_address_at_once_is_refused_for_the_host_header_could_not_be_checked() {
    let dir = common::mini_project();
    let out = common::baocao_within(
        &["serve", "--host", "0.0.0.0", "--port", "0", "--project", dir.path().to_str().unwrap()],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("every address of this computer"), "{out:?}");
    assert!(out.stdout.is_empty(), "nothing served");
}

#[test]
fn a_report_that_does_not_build_shows_its_errors_and_can_be_fixed_from_the_workspace() {
    let dir = common::mini_project();
    let section = dir.path().join("content/sections/02-ket-thuc.md");
    let good = std::fs::read_to_string(&section).unwrap();
    let broken = format!("{good}\nSố sai {{{{ economy.khong_co | num }}}}.\n");
    std::fs::write(&section, &broken).unwrap();
    let s = Server::start(dir.path());
    let status = s.wait_build(0);
    assert_eq!(status["ok"], false);
    let errors = status["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["message"].as_str().unwrap().contains("economy.khong_co")), "{errors:?}");
    assert!(status["pages"].as_array().unwrap().is_empty(), "no good build yet");
    // the files are still listed and served, and the fix saved builds the report
    let files = s.get("/api/files").json();
    assert!(files["sections"].as_array().unwrap().iter().any(|f| f["path"] == "content/sections/02-ket-thuc.md"));
    let file = s.get("/api/file?path=content/sections/02-ket-thuc.md").json();
    let fixed = s.post(
        "/api/file",
        &serde_json::json!({ "path": "content/sections/02-ket-thuc.md", "text": good, "version": file["version"] }),
    );
    assert_eq!(fixed.status, 200, "{}", fixed.text());
    let status = s.wait_build(status["generation"].as_u64().unwrap());
    assert_eq!(status["ok"], true, "{status}");
    let pages = status["pages"].clone();
    assert!(!pages.as_array().unwrap().is_empty());

    // broken again by another editor: the errors shown, the last good pages kept, and an error
    // elsewhere does not stop a fact's edit
    std::fs::write(&section, &broken).unwrap();
    let status = s.wait_build(status["generation"].as_u64().unwrap());
    assert_eq!(status["ok"], false);
    assert_eq!(status["pages"], pages);
    let facts = s.get("/api/facts").json();
    let version = facts["versions"]["content/facts/economy.yaml"].clone();
    let edit = s.post(
        "/api/fact",
        &serde_json::json!({ "key": "economy.grdp_growth_2021", "field": "value", "value": "8.7", "version": version }),
    );
    assert_eq!(edit.status, 200, "{}", edit.text());
    assert!(std::fs::read_to_string(dir.path().join("content/facts/economy.yaml")).unwrap().contains("value: 8.7\n"));
}

#[test]
fn every_printed_figure_can_be_clicked_even_two_joined_by_a_hyphen() {
    let dir = common::mini_project();
    let section = dir.path().join("content/sections/02-ket-thuc.md");
    let text = std::fs::read_to_string(&section).unwrap();
    std::fs::write(
        &section,
        format!("{text}\nMục tiêu từ {{{{ economy.grdp_growth_2021 | num }}}}-{{{{ economy.domestic_revenue_2023 | num }}}} khu.\n"),
    )
    .unwrap();
    let s = Server::start(dir.path());
    let status = s.wait_build(0);
    assert_eq!(status["ok"], true, "{status}");
    let facts = s.get("/api/facts").json();
    let printings: usize =
        facts["facts"].as_array().unwrap().iter().map(|f| f["printed"].as_array().unwrap().len()).sum();
    let mut boxed: Vec<u64> = status["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["facts"].as_array().unwrap().iter().map(|f| f["id"].as_u64().unwrap()))
        .collect();
    boxed.sort();
    boxed.dedup();
    assert_eq!(boxed.len(), printings, "{boxed:?}");
}

#[test]
fn a_pdf_sent_from_the_browser_is_kept_in_the_project_and_compared() {
    let (dir, s) = started();
    let pdf = std::fs::read(common::repo().join("tests/fixtures/pdf/word.pdf")).unwrap();
    let upload = |name: &str, body: &[u8], token: bool| {
        let target = if token {
            format!("/api/upload?name={name}&token={}", s.token)
        } else {
            format!("/api/upload?name={name}")
        };
        s.raw("POST", &target, &[("Content-Type", "application/pdf")], body)
    };
    assert_eq!(upload("a.pdf", &pdf, false).status, 403);
    assert_eq!(upload("a.txt", b"not a pdf", true).status, 422);
    let r = upload("..%2F..%2F197-BC-UBND.pdf", &pdf, true);
    assert_eq!(r.status, 200, "{}", r.text());
    let value = r.json()["value"].as_str().unwrap().to_string();
    assert_eq!(value, "build-output/so-sanh/197-BC-UBND.pdf", "only the name is kept");
    assert_eq!(std::fs::read(dir.path().join(&value)).unwrap(), pdf);
    let compared = s.get(&format!("/api/compare?old={}&new=.", value.replace('/', "%2F")));
    assert_eq!(compared.status, 200, "{}", compared.text());
    let json = compared.json();
    assert_eq!(json["schema"], "baocao-diff/1");
    assert_eq!(json["old"]["kind"], "pdf");
    assert_eq!(json["old"]["source"], value);
    assert!(json["changes"].as_array().unwrap().iter().any(|c| c["category"] == "text"));
}
