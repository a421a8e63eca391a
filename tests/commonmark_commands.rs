//! The 652 examples of the CommonMark 0.31.2 spec (`spec::…` in tests/fixtures/commonmark/
//! examples.json, the same Markdown as the spec's own `spec.json`: see the fixture's README), each
//! as its own section file of one project, through every command that reads content: `check`
//! (human and JSON), `build`, `facts` (human and JSON), `diff` against the project without them
//! (both ways, JSON, redline) and `verify` of the built PDF. No command may crash (exit 101, a
//! signal, an internal error) or hang; an error is exit 1 (2 for `diff`, as documented) with a
//! diagnostic naming the section file. The only error the spec's examples may raise is
//! `glyph-missing` (characters Liberation Serif lacks); the project without those sections builds.
//!
//! The pulldown-cmark examples (footnotes, tables, strikethrough, regressions) go the same way in
//! a second project; their footnote labels meet across sections (one narrative), so duplicate and
//! undefined notes are errors there too.
//!
//! One project for all examples, so each command runs once. When a command crashes or hangs, the
//! test bisects the sections (fresh projects with halves of them) to name every example that does.

#![cfg(unix)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::{baocao_timed, mini_project};

/// Generous for the dev profile on a loaded 2-core machine (each command takes well under 2 s).
const LIMIT: Duration = Duration::from_secs(120);

#[derive(serde::Deserialize)]
struct Example {
    name: String,
    markdown: String,
}

/// The examples whose name passes `filter`, as (section file name, Markdown).
fn sections(filter: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(common::repo().join("tests/fixtures/commonmark/examples.json")).unwrap();
    let examples: Vec<Example> = serde_json::from_str(&text).unwrap();
    examples
        .into_iter()
        .enumerate()
        .filter(|(_, e)| filter(&e.name))
        .map(|(i, e)| (format!("03-{i:03}-{}.md", e.name.replace("::", "-")), e.markdown))
        .collect()
}

/// The mini project with `sections` added.
fn project(sections: &[(String, String)]) -> tempfile::TempDir {
    let dir = mini_project();
    for (name, text) in sections {
        std::fs::write(dir.path().join("content/sections").join(name), text).unwrap();
    }
    dir
}

/// How a command ended, when it crashed: `None` if it finished with an exit code of its own.
fn crash(out: Option<&Output>) -> Option<String> {
    let Some(out) = out else { return Some(format!("no exit within {LIMIT:?} (hangs)")) };
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        None => Some(format!("killed by a signal ({:?})", out.status)),
        Some(101) => Some(format!("exit 101: {}", stderr.lines().find(|l| l.contains("internal error")).unwrap_or(""))),
        _ if stderr.contains("internal error") || stderr.contains("panicked") => {
            Some(format!("a panic inside: {}", stderr.lines().find(|l| l.contains("internal error")).unwrap_or("")))
        }
        _ => None,
    }
}

/// Runs `baocao ARGS` (`args` given the project's root) on the project holding `sections`. If it
/// crashes, finds every section that makes it crash on its own (bisecting fresh projects) and
/// fails the test naming them.
fn run(sections: &[(String, String)], root: &Path, args: &dyn Fn(&str) -> Vec<String>) -> Output {
    let argv = args(root.to_str().unwrap());
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let out = baocao_timed(&argv, LIMIT);
    if let Some(why) = crash(out.as_ref()) {
        let mut culprits = Vec::new();
        bisect(sections, args, &mut culprits);
        panic!(
            "`baocao {}` with all {} sections: {why}\nthe sections that crash it alone or together:\n{}",
            argv.join(" "),
            sections.len(),
            culprits.join("\n")
        );
    }
    out.unwrap()
}

fn bisect(sections: &[(String, String)], args: &dyn Fn(&str) -> Vec<String>, culprits: &mut Vec<String>) {
    let dir = project(sections);
    let argv = args(dir.path().to_str().unwrap());
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let Some(why) = crash(baocao_timed(&argv, LIMIT).as_ref()) else { return };
    if sections.len() == 1 {
        culprits.push(format!("  {} ({why}): {:?}", sections[0].0, sections[0].1));
        return;
    }
    let (a, b) = sections.split_at(sections.len() / 2);
    let before = culprits.len();
    bisect(a, args, culprits);
    bisect(b, args, culprits);
    if culprits.len() == before {
        culprits.push(format!("  only together: {} … {} ({why})", sections[0].0, sections[sections.len() - 1].0));
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// `check --format json`: the files with errors. Every error has one of `allowed` codes and a
/// place in a section file; the human output names the same files, with the same exit code.
fn check(sections: &[(String, String)], root: &Path, allowed: &[&str]) -> BTreeSet<String> {
    let out = run(sections, root, &|r| s(&["check", "--project", r, "--format", "json"]));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("check JSON: {e}\n{}", stderr(&out)));
    let mut with_errors = BTreeSet::new();
    for finding in json["findings"].as_array().unwrap() {
        let path =
            finding["location"]["path"].as_str().unwrap_or_else(|| panic!("a finding without a file: {finding}"));
        assert!(path.starts_with("content/sections/03-"), "a finding outside the examples: {finding}");
        if finding["severity"] == "error" {
            let code = finding["code"].as_str().unwrap();
            assert!(allowed.contains(&code), "an error other than {allowed:?}: {finding}");
            with_errors.insert(path.to_string());
        }
    }
    assert_eq!(out.status.code(), Some(if with_errors.is_empty() { 0 } else { 1 }), "{}", stderr(&out));
    let human = run(sections, root, &|r| s(&["check", "--project", r]));
    assert_eq!(human.status.code(), out.status.code());
    for path in &with_errors {
        assert!(stderr(&human).contains(&format!("{path}:")), "`{path}` not named in:\n{}", stderr(&human));
    }
    with_errors
}

/// Every command on the project of `sections`; `allowed`: the error codes they may raise.
fn through_every_command(sections: &[(String, String)], allowed: &[&str]) {
    let dir = project(sections);
    let root = dir.path();
    let base = mini_project();
    let base = base.path().to_str().unwrap().to_string();
    let with_errors = check(sections, root, allowed);

    // build: the errors of check, named, and no PDF
    let out = run(sections, root, &|r| s(&["build", "--project", r]));
    let err = stderr(&out);
    if with_errors.is_empty() {
        assert_eq!(out.status.code(), Some(0), "{err}");
    } else {
        assert_eq!(out.status.code(), Some(1), "{err}");
        for path in &with_errors {
            assert!(err.contains(&format!("{path}:")), "`{path}` not named in:\n{err}");
        }
        assert!(!root.join("build-output/report.pdf").exists());
    }

    // facts: every fact, or errors naming the section files
    for format in ["human", "json"] {
        let out = run(sections, root, &|r| s(&["facts", "--project", r, "--format", format]));
        match out.status.code() {
            Some(0) if format == "json" => {
                serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
            }
            Some(0) => assert!(String::from_utf8_lossy(&out.stdout).contains("economy.grdp_growth_2021")),
            Some(1) => assert!(stderr(&out).contains("content/sections/03-"), "{}", stderr(&out)),
            code => panic!("facts --format {format}: exit {code:?}\n{}", stderr(&out)),
        }
    }

    // diff against the project without the examples, both ways: different (1), or an error (2)
    // naming a section file
    let redline = root.join("redline.pdf");
    let redline = redline.to_str().unwrap().to_string();
    for args in [
        vec!["diff".to_string(), base.clone(), "NEW".into()],
        vec!["diff".to_string(), "NEW".into(), base.clone()],
        vec!["diff".to_string(), base.clone(), "NEW".into(), "--format".into(), "json".into()],
        vec!["diff".to_string(), base.clone(), "NEW".into(), "--redline".into(), redline.clone()],
    ] {
        let out =
            run(sections, root, &|r| args.iter().map(|a| if a == "NEW" { r.to_string() } else { a.clone() }).collect());
        match out.status.code() {
            Some(1) => {}
            Some(2) => assert!(stderr(&out).contains("content/sections/03-"), "{args:?}:\n{}", stderr(&out)),
            code => panic!("{args:?}: exit {code:?}\n{}", stderr(&out)),
        }
        if out.status.code() == Some(1) && args.contains(&"json".to_string()) {
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
        }
        if out.status.code() == Some(1) && args.contains(&redline) {
            assert!(std::fs::read(&redline).unwrap().starts_with(b"%PDF-"));
        }
    }

    // without the sections that have errors (and those whose notes they hold), the rest builds
    // and verifies
    let mut kept: Vec<(String, String)> = sections.to_vec();
    let mut dropped = with_errors;
    let dir = loop {
        kept.retain(|(name, _)| !dropped.contains(&format!("content/sections/{name}")));
        let dir = project(&kept);
        let again = check(&kept, dir.path(), allowed);
        if again.is_empty() {
            break dir;
        }
        dropped = again;
    };
    let root = dir.path().to_str().unwrap();
    let out = run(&kept, dir.path(), &|r| s(&["build", "--project", r]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = dir.path().join("build-output/report.pdf");
    let out = run(&kept, dir.path(), &|r| s(&["verify", &format!("{r}/build-output/report.pdf"), "--project", r]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "verify {}:\n{}{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
    assert!(kept.len() * 10 >= sections.len() * 9, "only {} of {} sections built ({root})", kept.len(), sections.len());
}

#[test]
fn the_652_commonmark_spec_examples_go_through_every_command_without_a_crash() {
    let spec = sections(|name| name.starts_with("spec::"));
    assert_eq!(spec.len(), 652);
    through_every_command(&spec, &["glyph-missing"]);
}

#[test]
fn the_pulldown_cmark_examples_go_through_every_command_without_a_crash() {
    let others = sections(|name| !name.starts_with("spec::"));
    assert_eq!(others.len(), 293);
    through_every_command(&others, &["glyph-missing", "footnote-duplicate", "footnote-undefined"]);
}
