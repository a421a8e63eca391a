//! The CommonMark spec examples (and pulldown-cmark's footnote, table, strikethrough and
//! regression examples: tests/fixtures/commonmark/README.md) through the converter: none may
//! panic, every output holds only the converter's own typst syntax, typst compiles it, and the
//! laid-out text is the text pulldown-cmark reads.

mod common;

use common::syntax::syntax_violations;
use common::{PREAMBLE, compile_typst, expected_visible, repo, visible_text};

#[derive(serde::Deserialize)]
struct Example {
    name: String,
    markdown: String,
}

fn examples() -> Vec<Example> {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/commonmark/examples.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_commonmark_example_converts_compiles_and_prints_what_pulldown_cmark_reads() {
    let examples = examples();
    assert!(examples.len() > 900, "only {} examples", examples.len());
    let mut failures = Vec::new();
    for example in &examples {
        let md = example.markdown.as_str();
        let converted = std::panic::catch_unwind(|| common::convert(&[md]));
        let Ok(converted) = converted else {
            failures.push(format!("{}: the converter panicked on {md:?}", example.name));
            continue;
        };
        if let Some(exceeded) = converted.exceeded {
            failures.push(format!("{}: beyond a limit ({exceeded:?}) for {md:?}", example.name));
            continue;
        }
        let body = &converted.sections[0].typst;
        let violations = syntax_violations(body);
        if !violations.is_empty() {
            failures.push(format!("{}: content became typst syntax {violations:?} in {body:?}", example.name));
            continue;
        }
        match compile_typst(&format!("{PREAMBLE}{body}")) {
            Err(e) => {
                failures.push(format!("{}: typst rejected {body:?}: {}", example.name, e.lines().next().unwrap_or("")))
            }
            Ok(doc) => {
                let (visible, expected) = (visible_text(&doc), expected_visible(md));
                if visible != expected {
                    failures
                        .push(format!("{}: {md:?}\n    printed  {visible:?}\n    expected {expected:?}", example.name));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} examples failed:\n{}", failures.len(), examples.len(), failures.join("\n"));
}
