//! `baocao facts`: every fact and every place it is printed, traced against the laid-out
//! document of the real report.

mod common;

use baocao::build::typeset;
use baocao::typeset::text::page_lines;
use common::{baocao, load, mini_project, repo};
use serde_json::Value;

#[test]
fn facts_json_traces_every_printing_to_its_section_line_and_page() {
    let out = baocao(&["facts", "--project", repo().to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let index: Value = serde_json::from_slice(&out.stdout).unwrap();

    // the laid-out document, independently
    let project = load(&repo());
    let result =
        typeset(&project, std::path::Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render()));
    let pages: Vec<String> = page_lines(&result.document)
        .iter()
        .map(|p| p.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n"))
        .collect();
    assert_eq!(index["pages"], pages.len());

    let facts = index["facts"].as_array().unwrap();
    assert_eq!(facts.len(), project.facts.len(), "every fact is listed, printed or not");
    let mut printings = 0;
    for fact in facts {
        let key = fact["key"].as_str().unwrap();
        let yaml = &project.facts.by_key[key];
        assert_eq!(fact["unit"], yaml.unit.as_str());
        assert_eq!(fact["estimate"], yaml.estimate);
        assert_eq!(fact["target"], yaml.target);
        assert_eq!(fact["defined"]["line"], yaml.location.line);
        for p in fact["printed"].as_array().unwrap() {
            printings += 1;
            let page = p["page"].as_u64().unwrap_or_else(|| panic!("{key}: a printing without a page: {p}")) as usize;
            let text = p["text"].as_str().unwrap();
            assert!(!text.is_empty(), "{key}: {p}");
            assert!(
                pages[page - 1].contains(text),
                "{key} prints `{text}` at {}:{}, said to be on page {page}, which does not show it",
                p["path"],
                p["line"]
            );
            // the section line holds the expression
            let section = project.sections.iter().find(|s| s.path.to_str() == p["path"].as_str()).unwrap();
            let line = section.text.lines().nth(p["line"].as_u64().unwrap() as usize - 1).unwrap();
            assert!(line.contains(p["expression"].as_str().unwrap()), "{key}: {p}");
        }
    }
    assert_eq!(printings, result.narrative.document.facts.iter().map(|u| u.keys.len()).sum::<usize>());

    let poverty = facts.iter().find(|f| f["key"] == "labour.poverty_rate_2021").unwrap();
    assert_eq!(poverty["printed"][0]["path"], "content/sections/01-khai-quat.md");
    assert_eq!(poverty["printed"][0]["line"], 10);
    assert_eq!(poverty["printed"][0]["page"], 1);
}

#[test]
fn facts_for_people_show_value_unit_flags_and_places() {
    let dir = mini_project();
    let out = baocao(&["facts", "--project", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("economy.domestic_revenue_2023 = 51997 tỷ đồng  [2023]  estimate (ước)"), "{text}");
    assert!(text.contains("    defined  content/facts/economy.yaml:6"), "{text}");
    assert!(
        text.contains("    printed  content/sections/02-ket-thuc.md:1:17  page 1  \"51.997\"  {{ economy.domestic_revenue_2023 | num }}"),
        "{text}"
    );
    assert!(text.ends_with("2 facts, 2 printings on 1 page; 0 never printed\n"), "{text}");

    let out = baocao(&["facts", "--project", "/nonexistent/project"]);
    assert_eq!(out.status.code(), Some(2));
}
