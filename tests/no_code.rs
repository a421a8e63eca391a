//! No code from content: typst code written in Markdown, in facts or in report.yaml prints
//! literally in the laid-out document and reads no file; tera in a section sees the facts and
//! nothing else; and typst itself reads files only inside the project root.

// the confinement tests make symlinks
#![cfg(unix)]

mod common;

use std::path::Path;

use baocao::build::typeset;
use baocao::typeset::BaocaoWorld;
use baocao::typeset::text::document_text;
use common::{fonts, load, mini_project, printed_characters};
use typst_layout::PagedDocument;

/// Written into every test project; no document may ever show it.
const CANARY: &str = "CANARY-7F3A-SECRET";

/// Files a successful injection would read: a text file and a typst module, in the project root.
fn plant_secrets(root: &Path) {
    std::fs::write(root.join("secret.txt"), CANARY).unwrap();
    std::fs::write(root.join("secret.typ"), format!("#let s = \"{CANARY}\"\n{CANARY}\n")).unwrap();
}

/// typst code, in the forms an injection would take: calls, imports, includes, eval, file
/// attachments, code and content blocks, closing brackets and strings of the generated source.
const TYPST_CODE: &[&str] = &[
    "#read(\"secret.txt\")",
    "#import \"secret.typ\": s",
    "#include \"secret.typ\"",
    "#eval(\"read(\\\"secret.txt\\\")\")",
    "#pdf.attach(\"secret.txt\")",
    "#let x = read(\"secret.txt\")",
    "#{read(\"secret.txt\")}",
    "#[#read(\"secret.txt\")]",
    "]#read(\"secret.txt\")[",
    "\"); read(\"secret.txt\"); (\"",
    "#set text(size: 1pt)",
    "#show: it => read(\"secret.txt\")",
    "<label> @label @fn-1 <fn-1>",
    "$ read(\"secret.txt\") $",
    "= heading - item + item / term: x",
    "// comment /* block */ http://example.org",
];

fn typeset_project(root: &Path) -> PagedDocument {
    let project = load(root);
    typeset(&project, Path::new("report.typ"), |_| Ok(())).unwrap_or_else(|f| panic!("{}", f.render())).laid.document
}

fn assert_prints_literally(doc: &PagedDocument, expected: &[String]) {
    let text = document_text(doc);
    assert!(!text.contains(CANARY), "a file was read into the document:\n{text}");
    let printed = printed_characters(&text);
    for e in expected {
        assert!(printed.contains(&printed_characters(e)), "`{e}` is not printed literally in:\n{text}");
    }
}

#[test]
fn typst_code_in_markdown_prints_literally() {
    let dir = mini_project();
    plant_secrets(dir.path());
    // as text (Markdown escapes for the characters Markdown itself would read), as inline code,
    // as a fenced code block, and inside a footnote
    let mut md = String::new();
    let mut expected = Vec::new();
    for code in TYPST_CODE {
        md.push_str(&escape_markdown(code));
        md.push_str("\n\n");
        expected.push(code.to_string());
    }
    md.push_str(
        "Mã `#read(\"secret.txt\")` trong dòng.\n\n```typst\n#import \"secret.typ\": s\n#read(\"secret.txt\")\n```\n\n",
    );
    md.push_str("Ghi chú[^x].\n\n[^x]: \\#eval(\"read('secret.txt')\") \\<fn-1\\> @fn-1\n");
    expected.extend(
        ["Mã#read(\"secret.txt\")trongdòng.", "#import\"secret.typ\":s#read(\"secret.txt\")"].map(String::from),
    );
    expected.push("#eval(\"read('secret.txt')\")<fn-1>@fn-1".to_string());
    std::fs::write(dir.path().join("content/sections/03-code.md"), md).unwrap();
    assert_prints_literally(&typeset_project(dir.path()), &expected);
}

/// A backslash before every character Markdown could read as structure.
fn escape_markdown(text: &str) -> String {
    text.chars().flat_map(|c| if c.is_ascii_punctuation() { vec!['\\', c] } else { vec![c] }).collect()
}

#[test]
fn typst_code_in_fact_values_prints_literally() {
    let dir = mini_project();
    plant_secrets(dir.path());
    let mut yaml = String::new();
    let mut md = String::new();
    for (i, code) in TYPST_CODE.iter().chain(&["{{ economy.grdp_growth_2021 }}", "{% include \"x\" %}"]).enumerate() {
        yaml.push_str(&format!(
            "code_{i}:\n  value: {}\n  unit: \"{}\"\n",
            yaml_string(code),
            "#read(\\\"secret.txt\\\")"
        ));
        md.push_str(&format!("Giá trị {{{{ hostile.code_{i} }}}}.\n\n"));
    }
    std::fs::write(dir.path().join("content/facts/hostile.yaml"), yaml).unwrap();
    std::fs::write(dir.path().join("content/sections/03-facts.md"), md).unwrap();
    let expected: Vec<String> = TYPST_CODE.iter().map(|c| format!("Giá trị {c}.")).collect();
    assert_prints_literally(&typeset_project(dir.path()), &expected);
}

fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn typst_code_in_report_yaml_prints_literally() {
    let dir = mini_project();
    plant_secrets(dir.path());
    let code = |i: usize| TYPST_CODE[i % TYPST_CODE.len()];
    let report = format!(
        "parent_authority: [{}]\nauthority: [{}, {}]\nnational_title: {}\nmotto: {}\nnumber: {}\nsymbol: {}\n\
         place: {}\ndate: 2023-12-05\ndocument_type: {}\nsummary: [{}]\nsigner:\n  titles: [{}]\n  name: {}\n\
         recipients: [{}, {}, {}]\n",
        // the number line shares its row with the place and date: the shortest code there, so
        // that it stays on one line and the extracted text keeps it whole
        yaml_string(code(5)),
        yaml_string(code(1)),
        yaml_string(code(2)),
        yaml_string(code(3)),
        yaml_string(code(4)),
        yaml_string(code(0)),
        yaml_string(code(6)),
        yaml_string(code(7)),
        yaml_string(code(8)),
        yaml_string(code(9)),
        yaml_string(code(10)),
        yaml_string(code(11)),
        yaml_string(code(12)),
        yaml_string(code(13)),
        yaml_string(code(14)),
    );
    std::fs::write(dir.path().join("content/report.yaml"), report).unwrap();
    let expected: Vec<String> = (0..15).map(|i| code(i).to_string()).collect();
    assert_prints_literally(&typeset_project(dir.path()), &expected);
}

fn build_error(dir: &Path) -> String {
    let out = common::baocao(&["build", "--project", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn tera_in_a_section_cannot_include_extend_or_import() {
    for (tag, line) in [
        ("{% include \"templates/report.typ.tera\" %}", "{% include"),
        ("{%- extends \"../templates/report.typ.tera\" %}", "{%- extends"),
        ("{% import \"macros.md\" as m %}", "{% import"),
    ] {
        let dir = mini_project();
        std::fs::write(dir.path().join("content/sections/03-tera.md"), format!("Dòng một.\n\n{tag}\n")).unwrap();
        let stderr = build_error(dir.path());
        let word = tag.split_whitespace().nth(1).unwrap();
        assert!(stderr.contains(&format!("`{{% {word} %}}` is not available in sections")), "{stderr}");
        assert!(stderr.contains("content/sections/03-tera.md:3:"), "{stderr}");
        assert!(stderr.contains(line), "the snippet shows the tag:\n{stderr}");
    }
}

#[test]
fn tera_in_a_section_prints_facts_and_does_nothing_else() {
    // each of these reaches outside, or takes memory or time without bound: `{% set %}` doubling
    // 30 times is 10 GB, nested loops over range(end=100000) run for hours
    for (line, at, says) in [
        ("A {{ get_env(name=\"HOME\") }}", "1:6", "`get_env(…)`: functions are not available in sections"),
        ("A {{ load_data(path=\"/etc/passwd\") }}", "1:6", "`load_data(…)`: functions are not available"),
        ("A {{ range(end=1000000000) | length }}", "1:6", "`range(…)`: functions are not available"),
        ("{% set a = \"0123456789\" %}{% set a = a ~ a %}", "1:4", "`{% set %}` is not available in sections"),
        ("{% for i in range(end=100000) %}x{% endfor %}", "1:4", "`{% for %}` is not available in sections"),
        ("{% raw %}{{ x }}{% endraw %}", "1:4", "`{% raw %}` is not available in sections"),
        (
            "A {{ economy.grdp_growth_2021 | replace(from=\"8\", to=\"88888888\") }}",
            "1:33",
            "the filter `replace` is not available",
        ),
        ("A {{ economy.grdp_growth_2021 | safe }}", "1:33", "the filter `safe` is not available"),
        ("A {{ economy.grdp_growth_2021 | pctt }}", "1:33", "did you mean `pct`?"),
    ] {
        let dir = mini_project();
        std::fs::write(dir.path().join("content/sections/03-tera.md"), format!("{line}\n")).unwrap();
        let stderr = build_error(dir.path());
        assert!(stderr.contains(says), "{line}: {stderr}");
        assert!(stderr.contains(&format!("content/sections/03-tera.md:{at}")), "{line}: {stderr}");
    }
}

/// A project root with a file inside, and outside it a secret, a symlink to it and a symlinked
/// folder; returns (temporary folder, root).
fn confined_root() -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("project");
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::fs::write(root.join("data/inside.txt"), "INSIDE-OK").unwrap();
    std::fs::write(outer.path().join("secret.txt"), CANARY).unwrap();
    std::os::unix::fs::symlink(outer.path().join("secret.txt"), root.join("link.txt")).unwrap();
    std::os::unix::fs::symlink("../secret.txt", root.join("relative-link.txt")).unwrap();
    std::os::unix::fs::symlink(outer.path(), root.join("outside-dir")).unwrap();
    std::os::unix::fs::symlink(root.join("data/inside.txt"), root.join("inner-link.txt")).unwrap();
    (outer, root)
}

/// Compiles `main` in a world rooted at `root`: the laid-out text, or typst's errors.
fn compile_in(root: &Path, main: &str) -> Result<String, String> {
    let source = format!("{}{main}", common::PREAMBLE);
    let world = BaocaoWorld::new(root, source, &fonts(), typst::foundations::Datetime::from_ymd(2023, 1, 1).unwrap());
    match typst::compile::<PagedDocument>(&world).output {
        Ok(doc) => Ok(document_text(&doc)),
        Err(errors) => Err(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")),
    }
}

#[test]
fn typst_reads_files_inside_the_project_root() {
    let (_outer, root) = confined_root();
    for path in ["data/inside.txt", "/data/inside.txt", "data/../data/inside.txt", "inner-link.txt"] {
        let text = compile_in(&root, &format!("#read(\"{path}\")")).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(text.contains("INSIDE-OK"), "{path}: {text}");
    }
}

#[test]
fn typst_refuses_paths_and_symlinks_that_leave_the_project_root() {
    let (_outer, root) = confined_root();
    for path in [
        "../secret.txt",
        "/../secret.txt",
        "data/../../secret.txt",
        "link.txt",
        "relative-link.txt",
        "outside-dir/secret.txt",
        "/etc/passwd",
        "../../../../../../../../etc/passwd",
    ] {
        for call in [format!("#read(\"{path}\")"), format!("#include \"{path}\""), format!("#image(\"{path}\")")] {
            match compile_in(&root, &call) {
                Ok(text) => panic!("`{call}` compiled: {text}"),
                Err(e) => assert!(!e.contains(CANARY) && !e.contains("root:x:0"), "{call}: {e}"),
            }
        }
    }
    let e = compile_in(&root, "#read(\"link.txt\")").unwrap_err();
    assert!(e.contains("denied"), "a symlink out of the root is refused as access denied: {e}");
}

#[test]
fn typst_has_no_packages() {
    let (_outer, root) = confined_root();
    let e = compile_in(&root, "#import \"@preview/example:0.1.0\": *").unwrap_err();
    assert!(e.contains("packages are not available"), "{e}");
}

#[test]
fn a_template_that_reads_outside_the_root_fails_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    common::copy_dir(&common::repo().join("tests/fixtures/mini/content"), &root.join("content"));
    common::copy_dir(&common::repo().join("fonts"), &root.join("fonts"));
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(dir.path().join("secret.txt"), CANARY).unwrap();
    std::fs::write(root.join("templates/report.typ.tera"), "= {{ report.document_type }}\n#read(\"../secret.txt\")\n")
        .unwrap();
    let stderr = build_error(&root);
    assert!(stderr.contains("report.typ:2:"), "{stderr}");
    assert!(!stderr.contains(CANARY), "{stderr}");
}
