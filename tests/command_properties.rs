//! Property tests of the commands that read content, through the binary: for arbitrary sections
//! (allow comments anywhere, Vietnamese typography, headings and numbering, characters the fonts
//! lack, fact expressions, notes, Markdown) and arbitrary facts YAML,
//!
//! - `check` (human, JSON, `--deny-warnings`) and `build`,
//! - `facts` (human and JSON),
//! - `diff` of two versions made by random edits of the mini project's sections and facts,
//! - `init`, then `build` of the new project and of random edits of it,
//!
//! never crash (exit 101, a signal, an internal error) or hang: they exit 0, or 1 with a
//! diagnostic naming a file of the project (`diff`: 0 identical, 1 different, 2 an error naming a
//! file; 2 is also every command's usage error). The outcomes agree with each other: `check`'s
//! exit code is its JSON's, the human output names every file the JSON has an error in, `build`
//! succeeds exactly when `check` finds no error, `diff` is symmetric, a version is identical to
//! itself.
//!
//! Each property runs a modest number of cases from a fixed seed (the whole file takes about
//! 30 s in the dev profile); explore further with `PROPTEST_CASES=500 PROPTEST_RNG_SEED=<n> cargo
//! test --test command_properties`. A failure prints the smallest input that shows it.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::{baocao_timed, copy_dir, repo};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngSeed;

/// Generous for the dev profile on a loaded 2-core machine; a case takes well under a second.
const LIMIT: Duration = Duration::from_secs(60);

fn config(cases: u32) -> ProptestConfig {
    // PROPTEST_CASES and PROPTEST_RNG_SEED, when set, override the count and the seed
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let cases = env("PROPTEST_CASES").map_or(cases, |c| c as u32);
    let seed = env("PROPTEST_RNG_SEED").unwrap_or(0x0BA0_CA02);
    ProptestConfig { cases, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..ProptestConfig::default() }
}

// ---- content ----

/// Typography the checks look at: punctuation and spaces, doubled and glued words, dates, years,
/// ranges, numbers glued to units, tone-mark variants, quotes and brackets.
const TYPOGRAPHY: &[&str] = &[
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    " ",
    "  ",
    "   ",
    "\t",
    "(",
    ")",
    "[",
    "]",
    "“",
    "”",
    "\"",
    "'",
    "…",
    "–",
    "—",
    "-",
    "./.",
    "phát triển.Khẩn",
    "đẩy mạnh đẩy mạnh",
    "làcác",
    "năm 202",
    "năm 20233",
    "năm 2023",
    "31/4/2023",
    "29/2/2023",
    "30/11/2023",
    "ngày 32 tháng 13 năm 2023",
    "2021 – 2026",
    "2021-2026",
    "2021 - 2026",
    "12ha",
    "12 ha",
    "hoá",
    "hóa",
    "Nguyên nhận",
    "nguyên nhân",
    "thuỷ",
    "thủy",
    "1.234,5",
    "8,58%",
    "(a",
    "b)",
    "“x",
    "y”",
    " .",
    " ,",
    " )",
];

/// Headings and item numbers, in order, out of order, repeated, skipping.
const HEADINGS: &[&str] = &[
    "\n# ",
    "\n# Phần I\n",
    "\n## I. ",
    "\n## III. ",
    "\n### 1. ",
    "\n### 3. ",
    "\n#### 1.1. ",
    "\n#### 1.5. ",
    "\n#### 2.1. ",
    "\n##### 1.1.1. ",
    "\n###### a) ",
    "\n###### c) ",
    "\n1.2. ",
    "\n1.4. ",
    "\nII. ",
    "\na) ",
    "\nb) ",
    "\n**1.1. Nông nghiệp:** ",
    "\n- ",
    "\n+ ",
    "\n* ",
    "\n1. ",
    "\n2) ",
    "\n####### ",
    "\n#",
    "\n===\n",
    "\n---\n",
];

/// Characters the fonts lack or that break naive text handling.
const GLYPHS: &[&str] = &[
    "漢",
    "👍",
    "👨\u{200d}👩\u{200d}👧",
    "🇻🇳",
    "\u{e000}",
    "\u{10ffff}",
    "\u{fffd}",
    "\u{301}",
    "ệ\u{301}",
    "\u{0}",
    "\u{1}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
    "ﷺ",
    "𝔸",
    "ȸ",
    "שלום",
    "मराठी",
    "\r",
    "\r\n",
    "\u{a0}",
    "\u{3000}",
];

/// Fact expressions: the mini project's facts with every filter, undefined names, arithmetic at
/// the edges of i64 and f64, statements and filters a section may not use, unclosed delimiters.
const EXPRESSIONS: &[&str] = &[
    "{{ economy.grdp_growth_2021 | pct }}",
    "{{ economy.domestic_revenue_2023 | num }}",
    "{{ economy.domestic_revenue_2023 | num(decimals=2, pad=9) }}",
    "{{ economy.grdp_growth_2021 | num(decimals=13) }}",
    "{{ economy.grdp_growth_2021 | vn_date }}",
    "{{ economy.period_2021 | vn_date_long }}",
    "{{ economy.nope | num }}",
    "{{ nope.x }}",
    "{{ economy }}",
    "{{ economy.grdp_growth_2021.value }}",
    "{{ (economy.grdp_growth_2021 / 0) | num }}",
    "{{ economy.domestic_revenue_2023 * 9223372036854775807 | num }}",
    "{{ 9223372036854775807 + 1 }}",
    "{{ -9223372036854775808 / -1 }}",
    "{{ 1e308 * 10 | num }}",
    "{{ economy.grdp_growth_2021 | round(precision=400) }}",
    "{{ '2023-02-29' | vn_date }}",
    "{{ 'x' | upper }}",
    "{% for x in [1] %}{{ x }}{% endfor %}",
    "{% include 'x' %}",
    "{{ range(end=999999999) }}",
    "{{ 'x' | truncate(length=1) }}",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ }}",
    "{{ | }}",
    "{{ economy.grdp_growth_2021 | pct(decimals=-1) }}",
    "{{ economy.domestic_revenue_2023 | num(pad=21) }}",
];

/// Notes and Markdown structure.
const MARKDOWN: &[&str] = &[
    "\n",
    "\n\n",
    "> ",
    "    ",
    "[^1]",
    "[^x]",
    "[^A]",
    "\n\n[^1]: Ghi chú ",
    "\n\n[^x]: ghi chú[^x] ",
    "\n\n[^9]: ",
    "*",
    "_",
    "**",
    "~~",
    "`",
    "```\n",
    "\n```\n",
    "[x](http://y)",
    "[x][r]",
    "\n[r]: /u\n",
    "![a](b.png)",
    "<http://a.b>",
    "<b>",
    "</b>",
    "<div>\n",
    "|a|b|\n|-|-|\n|c|d|\n",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "\\",
    "\\\n",
    "#",
    "$",
    "@",
    "<x>",
];

/// A `baocao-allow` comment, well or badly formed, naming any code, an unknown one or none.
fn allow_comment() -> impl Strategy<Value = String> {
    let mut codes: Vec<&'static str> = baocao::diagnostics::Code::ALL.iter().map(|c| c.as_str()).collect();
    codes.extend(["no-such-code", "", "TYPO-DOUBLE-SPACE"]);
    (
        prop::collection::vec(select(codes), 0..3),
        select(
            &[
                "<!-- baocao-allow: ",
                "<!--baocao-allow:",
                "<!-- baocao-allow:",
                "<!--> baocao-allow: ",
                "<!--- baocao-allow: ",
                "<!-- x baocao-allow: ",
            ][..],
        ),
        select(&[", ", ",", " ", " ,"][..]),
        select(&[" -->", "-->", "", " --->", "\n-->", " -- >", " -->\n\n", " -->\n"][..]),
    )
        .prop_map(|(codes, open, sep, close)| format!("{open}{}{close}", codes.join(sep)))
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => "[a-zA-Z0-9àáạảãăắằẳẵặâấầẩẫậđèéẹẻẽêềếểễệìíịỉĩòóọỏõôốồổỗộơớờởỡợùúụủũưứừửữự]{1,8}",
        2 => Just(" ".to_string()),
        4 => select(TYPOGRAPHY).prop_map(str::to_string),
        2 => select(HEADINGS).prop_map(str::to_string),
        2 => select(GLYPHS).prop_map(str::to_string),
        2 => select(EXPRESSIONS).prop_map(str::to_string),
        3 => select(MARKDOWN).prop_map(str::to_string),
        2 => allow_comment(),
        1 => Just("<!--".to_string()),
        1 => Just("-->".to_string()),
        1 => Just("<!-->".to_string()),
    ]
}

/// A section: up to 50 pieces.
fn section() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..50).prop_map(|pieces| pieces.concat())
}

/// A YAML value, plain or at an edge.
const VALUES: &[&str] = &[
    "8.58",
    "51997",
    "0",
    "-0",
    "-12.5",
    "1e308",
    "1e-320",
    "5e-324",
    "\"1e-5\"",
    "\"8,58\"",
    "\" 12.50 \"",
    "\"text\"",
    "~",
    "",
    "true",
    "[1, 2]",
    "{a: 1}",
    ".nan",
    ".inf",
    "-.inf",
    "18446744073709551616",
    "-9223372036854775809",
    "9223372036854775807",
    "0x1F",
    "0o17",
    "1_000",
    "2023-02-29",
    "\"2023-02-30\"",
    "2023-11-30",
    "&a 5",
    "*a",
    "!!str 5",
    "!tag 5",
    "\"\\u0000\"",
    "'it''s'",
    "|\n    khối\n    văn bản",
    ">-\n    gấp",
    "\"漢\"",
    "\"\u{202e}\"",
];

const KEYS: &[&str] = &[
    "grdp_growth_2021",
    "domestic_revenue_2023",
    "period_2021",
    "x",
    "a_1",
    "Bad-Key",
    "a.b",
    "1abc",
    "ắ",
    "\"\"",
    "'q'",
    "value",
    "? k",
    "<<",
    "[k]",
    "k k",
];

const FIELDS: &[&str] = &["value", "unit", "meaning", "period", "estimate", "target", "note", "value", "value"];

/// A facts file: entries of a key and some fields with values (the mini project's facts among
/// them), junk lines, `baocao-allow` comments, anchors, aliases and tags.
fn facts_yaml() -> impl Strategy<Value = String> {
    let field = (select(FIELDS), select(VALUES)).prop_map(|(f, v)| format!("  {f}: {v}\n"));
    let entry =
        (select(KEYS), prop::collection::vec(field, 0..5)).prop_map(|(k, fields)| format!("{k}:\n{}", fields.concat()));
    let junk = select(
        &[
            "# baocao-allow: fact-unused\n",
            "#baocao-allow: fact-unused, no-such-code\n",
            "# baocao-allow:\n",
            "\n",
            "\t\n",
            "- a\n",
            "k: [\n",
            "<<: *a\n",
            "---\n",
            "...\n",
            "%YAML 1.2\n",
            "k: &a\n  value: 1\n",
            "j: *a\n",
            "  value: 3\n",
            "\u{feff}",
            "k: \"unterminated\n",
        ][..],
    )
    .prop_map(str::to_string);
    let mini = std::fs::read_to_string(repo().join("tests/fixtures/mini/content/facts/economy.yaml")).unwrap();
    prop_oneof![
        1 => Just(mini.clone()),
        3 => prop::collection::vec(prop_oneof![3 => entry, 1 => junk], 0..8).prop_map(move |parts| {
            // mostly keep the mini project's facts, so its sections print through the filters
            format!("{mini}{}", parts.concat())
        }),
        1 => prop::collection::vec(select(VALUES), 0..4).prop_map(|v| v.join("\n")),
    ]
}

// ---- running the binary ----

/// Runs `baocao ARGS`: no crash, no hang.
fn run(args: &[&str]) -> Result<Output, TestCaseError> {
    // in English, whatever a project made by `init` declares (`language: vi`): the words below are
    let args: Vec<&str> = ["--lang", "en"].iter().chain(args).copied().collect();
    let args = &args[..];
    let Some(out) = baocao_timed(args, LIMIT) else {
        return Err(TestCaseError::fail(format!("`baocao {}` did not finish within {LIMIT:?}", args.join(" "))));
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    prop_assert!(out.status.code().is_some(), "`baocao {}` was killed: {:?}\n{stderr}", args.join(" "), out.status);
    // a panic inside typst is caught and reported as an error (TYPST_PANIC); any other is a crash
    let uncaught = (stderr.contains("internal error") && !stderr.contains(TYPST_PANIC)) || stderr.contains("panicked");
    prop_assert!(out.status.code() != Some(101) && !uncaught, "`baocao {}` crashed:\n{stderr}", args.join(" "));
    Ok(out)
}

/// How a build reports a panic caught inside typst: Hebrew text, for one, makes krilla 0.8.2
/// (typst's PDF writer) panic with the template's `kerning: false` (tests/crashes.rs).
const TYPST_PANIC: &str = "typst stopped with an internal error";

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An error's diagnostic names a file of the project: `--> …content/…:LINE:COL`, or
/// `error: …content/facts/x.yaml: …` for a file as a whole.
fn names_a_project_file(stderr: &str) -> bool {
    stderr.lines().any(|l| {
        let l = l.trim_start();
        (l.starts_with("-->") || l.starts_with("error"))
            && ["content/", "templates/", "fonts/"].iter().any(|d| l.contains(d))
    })
}

/// A project folder kept across the cases of one property: its templates and fonts are copied
/// once, its content is written anew for each case.
struct Workspace(tempfile::TempDir);

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("templates"), &dir.path().join("templates"));
        copy_dir(&repo().join("fonts"), &dir.path().join("fonts"));
        Workspace(dir)
    }

    fn root(&self) -> &str {
        self.0.path().to_str().unwrap()
    }

    /// Replaces `content/` with `files` (paths relative to the project).
    fn write(&self, files: &BTreeMap<String, String>) {
        let _ = std::fs::remove_dir_all(self.0.path().join("content"));
        let _ = std::fs::remove_dir_all(self.0.path().join("build-output"));
        for (path, text) in files {
            let path = self.0.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}

/// The mini project's content files, by path.
fn mini_files() -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let content = repo().join("tests/fixtures/mini");
    for entry in walkdir(&content.join("content")) {
        let rel = entry.strip_prefix(&content).unwrap().to_str().unwrap().to_string();
        files.insert(rel, std::fs::read_to_string(&entry).unwrap());
    }
    files
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walkdir(&p)) } else { out.push(p) }
    }
    out
}

/// `check` in JSON and in human form, with and without `--deny-warnings`, agreeing with each
/// other; returns whether it found an error.
fn check_agrees(root: &str) -> Result<bool, TestCaseError> {
    let json_out = run(&["check", "--project", root, "--format", "json"])?;
    let json: serde_json::Value = serde_json::from_slice(&json_out.stdout)
        .map_err(|e| TestCaseError::fail(format!("check --format json is not JSON: {e}\n{}", stderr(&json_out))))?;
    let errors = json["summary"]["errors"].as_u64().unwrap();
    let warnings = json["summary"]["warnings"].as_u64().unwrap();
    prop_assert_eq!(json_out.status.code(), Some(if errors > 0 { 1 } else { 0 }));
    let human = run(&["check", "--project", root])?;
    prop_assert_eq!(human.status.code(), json_out.status.code(), "{}", stderr(&human));
    let human_err = stderr(&human);
    for finding in json["findings"].as_array().unwrap() {
        if finding["severity"] == "error" {
            // the place, or for a file as a whole (YAML with two documents) its name in the message
            let at = match finding["location"]["path"].as_str() {
                Some(path) => format!("{path}:{}:", finding["location"]["line"]),
                None => {
                    let message = finding["message"].as_str().unwrap_or("");
                    prop_assert!(message.contains("content/"), "an error naming no file: {}", finding);
                    message.to_string()
                }
            };
            prop_assert!(human_err.contains(&at), "`{}` not in the human output:\n{}", at, human_err);
        }
    }
    let deny = run(&["check", "--project", root, "--deny-warnings"])?;
    prop_assert_eq!(deny.status.code(), Some(if errors + warnings > 0 { 1 } else { 0 }), "{}", stderr(&deny));
    Ok(errors > 0)
}

/// `build` succeeds exactly when `check` finds no error; a failure names a file.
fn build_agrees(root: &str, check_errors: bool) -> Result<Option<i32>, TestCaseError> {
    let out = run(&["build", "--project", root])?;
    let err = stderr(&out);
    // typst's own bugs are not check's to find; the error names the section all the same
    let typst_bug = out.status.code() == Some(1) && err.contains(TYPST_PANIC);
    if !typst_bug {
        prop_assert_eq!(out.status.code(), Some(if check_errors { 1 } else { 0 }), "build against check:\n{}", err);
    }
    if check_errors || typst_bug {
        prop_assert!(names_a_project_file(&err), "the build failed without naming a file:\n{}", err);
    } else {
        let pdf = Path::new(root).join("build-output/report.pdf");
        prop_assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF-"));
    }
    Ok(out.status.code())
}

// ---- edits, for diff and init ----

/// One random edit of a project's content files.
#[derive(Debug, Clone)]
enum Edit {
    /// Inserts `text` into file number `file` at the char at fraction `at` of its length.
    Insert { file: usize, at: f64, text: String },
    /// Deletes `len` chars from fraction `at` of file `file`.
    Delete { file: usize, at: f64, len: usize },
    /// Duplicates a line (fraction `at` of the lines).
    DuplicateLine { file: usize, at: f64 },
    /// Replaces the value of the fact at fraction `at` of the facts file with `value`.
    FactValue { at: f64, value: String },
    /// Renames the key at fraction `at` of the facts file's top-level keys.
    RenameFact { at: f64, to: String },
    /// Adds a section.
    AddSection { name: String, text: String },
    /// Removes file number `file` (when it is a section).
    RemoveSection { file: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0..8usize, 0.0..1.0f64, prop_oneof![piece(), facts_yaml().prop_map(|y| y.chars().take(80).collect())])
            .prop_map(|(file, at, text)| Edit::Insert { file, at, text }),
        2 => (0..8usize, 0.0..1.0f64, 1..30usize).prop_map(|(file, at, len)| Edit::Delete { file, at, len }),
        1 => (0..8usize, 0.0..1.0f64).prop_map(|(file, at)| Edit::DuplicateLine { file, at }),
        3 => (0.0..1.0f64, select(VALUES)).prop_map(|(at, v)| Edit::FactValue { at, value: v.to_string() }),
        1 => (0.0..1.0f64, select(KEYS)).prop_map(|(at, to)| Edit::RenameFact { at, to: to.to_string() }),
        2 => (select(&["00-dau.md", "03-them.md", "02-ket-thuc.md", "99.md", "a b.md", "ắ.md"][..]), section())
            .prop_map(|(name, text)| Edit::AddSection { name: name.to_string(), text }),
        1 => (0..8usize).prop_map(|file| Edit::RemoveSection { file }),
    ]
}

fn char_index(text: &str, at: f64) -> usize {
    let n = text.chars().count();
    let i = ((n as f64) * at) as usize;
    text.char_indices().nth(i.min(n)).map_or(text.len(), |(b, _)| b)
}

/// `files` with `edits` applied, in order. Only content/sections/ and content/facts/ are edited.
fn apply(files: &BTreeMap<String, String>, edits: &[Edit]) -> BTreeMap<String, String> {
    let mut files = files.clone();
    let facts_file = |files: &BTreeMap<String, String>| files.keys().find(|k| k.starts_with("content/facts/")).cloned();
    for e in edits {
        let editable: Vec<String> = files
            .keys()
            .filter(|k| k.starts_with("content/sections/") || k.starts_with("content/facts/"))
            .cloned()
            .collect();
        let pick = |i: usize| editable.get(i % editable.len().max(1)).cloned();
        match e {
            Edit::Insert { file, at, text } => {
                if let Some(p) = pick(*file) {
                    let t = files.get_mut(&p).unwrap();
                    let i = char_index(t, *at);
                    t.insert_str(i, text);
                }
            }
            Edit::Delete { file, at, len } => {
                if let Some(p) = pick(*file) {
                    let t = files.get_mut(&p).unwrap();
                    let i = char_index(t, *at);
                    let j = t[i..].char_indices().nth(*len).map_or(t.len(), |(b, _)| i + b);
                    t.replace_range(i..j, "");
                }
            }
            Edit::DuplicateLine { file, at } => {
                if let Some(p) = pick(*file) {
                    let t = files.get_mut(&p).unwrap();
                    let mut lines: Vec<String> = t.split('\n').map(String::from).collect();
                    let i = ((lines.len() as f64) * at) as usize % lines.len();
                    lines.insert(i, lines[i].clone());
                    *t = lines.join("\n");
                }
            }
            Edit::FactValue { at, value } => {
                if let Some(p) = facts_file(&files) {
                    let t = files.get_mut(&p).unwrap();
                    let spots: Vec<usize> = t.match_indices("value:").map(|(i, _)| i).collect();
                    if !spots.is_empty() {
                        let start = spots[((spots.len() as f64) * at) as usize % spots.len()] + "value:".len();
                        let end = t[start..].find('\n').map_or(t.len(), |n| start + n);
                        t.replace_range(start..end, &format!(" {value}"));
                    }
                }
            }
            Edit::RenameFact { at, to } => {
                if let Some(p) = facts_file(&files) {
                    let t = files.get_mut(&p).unwrap();
                    let keys: Vec<(usize, usize)> = t
                        .split_inclusive('\n')
                        .scan(0, |pos, line| {
                            let start = *pos;
                            *pos += line.len();
                            Some((start, line))
                        })
                        .filter(|(_, l)| !l.starts_with([' ', '#', '\n', '-']) && l.contains(':'))
                        .map(|(s, l)| (s, s + l.find(':').unwrap()))
                        .collect();
                    if !keys.is_empty() {
                        let (s, e) = keys[((keys.len() as f64) * at) as usize % keys.len()];
                        t.replace_range(s..e, to);
                    }
                }
            }
            Edit::AddSection { name, text } => {
                files.insert(format!("content/sections/{name}"), text.clone());
            }
            Edit::RemoveSection { file } => {
                if let Some(p) = pick(*file).filter(|p| p.starts_with("content/sections/")) {
                    files.remove(&p);
                }
            }
        }
    }
    files
}

// ---- the properties ----

proptest! {
    #![proptest_config(config(48))]

    /// check and build on arbitrary sections beside the mini project's, and an arbitrary facts file.
    #[test]
    fn check_and_build_agree_and_never_crash(
        sections in prop::collection::vec(section(), 1..4),
        facts in facts_yaml(),
        keep_mini_sections in any::<bool>(),
    ) {
        thread_local! { static WS: Workspace = Workspace::new(); }
        WS.with(|ws| {
            let mut files = mini_files();
            if !keep_mini_sections {
                files.retain(|k, _| !k.starts_with("content/sections/"));
            }
            files.insert("content/facts/economy.yaml".into(), facts.clone());
            for (i, s) in sections.iter().enumerate() {
                files.insert(format!("content/sections/03-{i}.md"), s.clone());
            }
            ws.write(&files);
            let errors = check_agrees(ws.root())?;
            build_agrees(ws.root(), errors)?;
            Ok::<(), TestCaseError>(())
        })?;
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// facts lists every fact, or says which file is wrong.
    #[test]
    fn facts_lists_or_names_the_file_and_never_crashes(
        sections in prop::collection::vec(section(), 0..3),
        facts in facts_yaml(),
        second_facts in prop::option::of(facts_yaml()),
    ) {
        thread_local! { static WS: Workspace = Workspace::new(); }
        WS.with(|ws| {
            let mut files = mini_files();
            files.insert("content/facts/economy.yaml".into(), facts.clone());
            if let Some(second) = &second_facts {
                files.insert("content/facts/land.yaml".into(), second.clone());
            }
            for (i, s) in sections.iter().enumerate() {
                files.insert(format!("content/sections/03-{i}.md"), s.clone());
            }
            ws.write(&files);
            let human = run(&["facts", "--project", ws.root()])?;
            let json = run(&["facts", "--project", ws.root(), "--format", "json"])?;
            prop_assert_eq!(human.status.code(), json.status.code());
            match json.status.code() {
                Some(0) => {
                    let value: Result<serde_json::Value, _> = serde_json::from_slice(&json.stdout);
                    prop_assert!(value.is_ok(), "facts --format json is not JSON: {:?}", value.err());
                }
                Some(1) => {
                    prop_assert!(names_a_project_file(&stderr(&human)), "{}", stderr(&human));
                    prop_assert!(names_a_project_file(&stderr(&json)), "{}", stderr(&json));
                }
                code => prop_assert!(false, "facts: exit {:?}\n{}", code, stderr(&json)),
            }
            Ok::<(), TestCaseError>(())
        })?;
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// diff of two versions, each the mini project with random edits.
    #[test]
    fn diff_of_two_arbitrary_versions_is_symmetric_and_never_crashes(
        old_edits in prop::collection::vec(edit(), 0..4),
        new_edits in prop::collection::vec(edit(), 0..6),
    ) {
        thread_local! { static WS: (Workspace, Workspace) = (Workspace::new(), Workspace::new()); }
        WS.with(|(old, new)| {
            let old_files = apply(&mini_files(), &old_edits);
            let new_files = apply(&old_files, &new_edits);
            old.write(&old_files);
            new.write(&new_files);
            let forward = run(&["diff", old.root(), new.root()])?;
            let code = forward.status.code();
            prop_assert!(matches!(code, Some(0..=2)), "diff: exit {:?}\n{}", code, stderr(&forward));
            if code == Some(2) {
                prop_assert!(names_a_project_file(&stderr(&forward)), "diff failed without naming a file:\n{}", stderr(&forward));
            }
            let json = run(&["diff", old.root(), new.root(), "--format", "json"])?;
            prop_assert_eq!(json.status.code(), code, "{}", stderr(&json));
            if code != Some(2) {
                let value: Result<serde_json::Value, _> = serde_json::from_slice(&json.stdout);
                prop_assert!(value.is_ok(), "diff --format json is not JSON: {:?}", value.err());
            }
            let backward = run(&["diff", new.root(), old.root()])?;
            prop_assert_eq!(backward.status.code(), code, "diff is not symmetric:\n{}", stderr(&backward));
            let same = run(&["diff", new.root(), new.root()])?;
            prop_assert!(matches!(same.status.code(), Some(0) | Some(2)), "a version differs from itself:\n{}",
                String::from_utf8_lossy(&same.stdout));
            if new_files == old_files {
                prop_assert!(matches!(code, Some(0) | Some(2)), "identical files, and diff says different");
            }
            Ok::<(), TestCaseError>(())
        })?;
    }
}

proptest! {
    #![proptest_config(config(12))]

    /// init into a new folder (any name), build it as it is, then build random edits of it.
    #[test]
    fn init_then_build_of_its_project_and_of_edits_never_crashes(
        name in prop_oneof![
            "[a-z0-9-]{1,12}",
            select(&["bao cao 2025", "báo-cáo", "漢", "a.b", ".hidden", "x\u{202e}y", "--", "-x", "con/chau"][..]).prop_map(str::to_string),
        ],
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join(&name);
        let dir_arg = dir.to_str().unwrap();
        let out = run(&["init", dir_arg])?;
        prop_assert_eq!(out.status.code(), Some(0), "init {:?}:\n{}", name, stderr(&out));
        // init again: refused (usage), nothing touched
        let again = run(&["init", dir_arg])?;
        prop_assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
        let out = run(&["build", "--project", dir_arg])?;
        prop_assert_eq!(out.status.code(), Some(0), "the new project does not build:\n{}", stderr(&out));
        // edit its content as an office would (badly), then check and build
        let mut files = BTreeMap::new();
        for path in walkdir(&dir.join("content")) {
            let rel = path.strip_prefix(&dir).unwrap().to_str().unwrap().to_string();
            files.insert(rel, std::fs::read_to_string(&path).unwrap());
        }
        let edited = apply(&files, &edits);
        std::fs::remove_dir_all(dir.join("content")).unwrap();
        for (path, text) in &edited {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let errors = check_agrees(dir_arg)?;
        build_agrees(dir_arg, errors)?;
    }
}
