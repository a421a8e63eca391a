//! The catalogue is whole: every file parses, both languages hold the same messages with the
//! same variables, every message the code asks for exists, and the finding codes stay stable.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;
use crate::diagnostics::Code;

/// Message id → the `$variables` its value uses (selectors and placeables, in variants too).
fn messages(source: &str, file: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(_, errors)| panic!("{file}: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            assert!(out.insert(m.id.name.to_string(), vars).is_none(), "{file}: `{}` defined twice", m.id.name);
        }
    }
    out
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

#[test]
fn both_languages_hold_the_same_messages_with_the_same_variables() {
    let mut all = BTreeSet::new();
    for (name, en, vi) in FILES {
        let (en, vi) = (messages(en, &format!("en/{name}.ftl")), messages(vi, &format!("vi/{name}.ftl")));
        let (en_ids, vi_ids): (BTreeSet<_>, BTreeSet<_>) = (en.keys().collect(), vi.keys().collect());
        assert_eq!(en_ids.difference(&vi_ids).collect::<Vec<_>>(), Vec::<&&String>::new(), "{name}: only in English");
        assert_eq!(
            vi_ids.difference(&en_ids).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "{name}: only in Vietnamese"
        );
        for (id, vars) in &en {
            assert_eq!(vars, &vi[id], "{name}.ftl `{id}`: the two languages use other variables");
            assert!(all.insert(id.clone()), "`{id}` is defined in two files");
        }
    }
}

/// Every `t!("id"` in the sources names a message of the catalogue.
#[test]
fn every_message_the_code_asks_for_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut asked = 0;
    for entry in walkdir::WalkDir::new(&root).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (at, _) in text.match_indices("t!(\"") {
            let before = text[..at].chars().next_back();
            let line = text[..at].rsplit('\n').next().unwrap_or("");
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || line.trim_start().starts_with("//") {
                continue; // `print!(`, or documentation
            }
            let rest = &text[at + 4..];
            let id = &rest[..rest.find('"').unwrap()];
            asked += 1;
            assert!(has(id), "{}: `{id}` is not in the catalogue (src/i18n/*/*.ftl)", entry.path().display());
        }
    }
    assert!(asked > 0);
}

#[test]
fn every_finding_code_has_a_summary_in_both_languages() {
    for code in Code::ALL {
        for lang in [Lang::En, Lang::Vi] {
            let summary = with_lang(lang, || code.summary());
            assert!(!summary.starts_with("code-"), "{code}: no summary in {lang:?}");
        }
    }
    assert_ne!(with_lang(Lang::En, || Code::FactUnused.summary()), with_lang(Lang::Vi, || Code::FactUnused.summary()));
}

/// The codes are the names of JSON output, `baocao-allow` comments and baselines: a new code may
/// come, none may be renamed or go.
#[test]
fn the_finding_codes_stay_stable() {
    let names: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for name in [
        "fact-undefined",
        "fact-unused",
        "fact-format",
        "fact-syntax",
        "fact-duplicate-key",
        "relation-error",
        "relation-mismatch",
        "source-cell",
        "figure-fraction",
        "figure-share",
        "figure-growth",
        "footnote-undefined",
        "footnote-duplicate",
        "footnote-unreferenced",
        "heading-skip",
        "heading-number",
        "typo-no-space-after",
        "typo-space-before",
        "typo-double-space",
        "typo-unbalanced",
        "typo-doubled-word",
        "typo-glued-number",
        "typo-glued-words",
        "typo-tone-variant",
        "typo-tone-placement",
        "typo-date",
        "typo-year",
        "typo-range-dash",
        "glyph-missing",
        "allow-invalid",
        "allow-unused",
        "project-load",
        "baseline-stale",
    ] {
        assert!(names.contains(name), "the finding code `{name}` was renamed or removed");
    }
}

#[test]
fn messages_take_their_arguments_and_plurals() {
    let en = with_lang(Lang::En, || crate::t!("severity-error"));
    let vi = with_lang(Lang::Vi, || crate::t!("severity-error"));
    assert_eq!((en.as_str(), vi.as_str()), ("error", "lỗi"));
    assert_eq!(with_lang(Lang::En, || text("no-such-message", &[])), "no-such-message");
    assert_eq!(with_lang(Lang::En, || crate::t!("count-pages", n = 1usize)), "1 page");
    assert_eq!(with_lang(Lang::En, || crate::t!("count-pages", n = 33usize)), "33 pages");
    assert_eq!(with_lang(Lang::Vi, || crate::t!("count-pages", n = 1usize)), "1 trang");
}

#[test]
fn the_language_is_the_flag_then_a_vietnamese_locale_then_the_project() {
    assert_eq!(choose(Some(Lang::En), Some("vi_VN.UTF-8"), Some(Lang::Vi)), Lang::En);
    assert_eq!(choose(None, Some("vi_VN.UTF-8"), Some(Lang::En)), Lang::Vi);
    assert_eq!(choose(None, Some("en_US.UTF-8"), Some(Lang::Vi)), Lang::Vi);
    assert_eq!(choose(None, Some("C"), None), Lang::En);
    assert_eq!(declared_language("authority:\n  - X\nlanguage: vi  # tiếng Việt\n"), Some(Lang::Vi));
    assert_eq!(declared_language("  language: vi\n"), None, "only the top-level key");
}
