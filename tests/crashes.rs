//! Inputs that once crashed a command (exit 101), each run through the binary: the command now
//! finishes with its documented exit code and no internal error.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{baocao_within, mini_project};

const LIMIT: Duration = Duration::from_secs(120);

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = baocao_within(args, LIMIT);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("internal error") && !stderr.contains("panicked"), "`baocao {}` crashed:\n{stderr}", args.join(" "));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

fn section(root: &Path, name: &str, text: &str) {
    std::fs::write(root.join("content/sections").join(name), text).unwrap();
}

/// CommonMark 0.31.2 example 626: `<!-->` and `<!--->` are whole comments. `check` looked for
/// the comment's `-->` from its `<!--`, found the `<!-->` itself, and sliced backwards
/// (`begin > end`, src/check/allow.rs).
#[test]
fn an_empty_html_comment_neither_crashes_check_nor_hides_a_directive() {
    let dir = mini_project();
    let root = dir.path().to_str().unwrap();
    section(dir.path(), "03-comment.md", "foo <!--> foo -->\n\nfoo <!---> foo -->\n");
    let (code, _, stderr) = run(&["check", "--project", root]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = run(&["build", "--project", root]);
    assert_eq!(code, Some(0), "{stderr}");

    // After `<!-->` the text is printed, not a comment: `baocao-allow:` there is no directive
    // (a directive naming an unknown code would be an `allow-invalid` warning).
    section(dir.path(), "03-comment.md", "foo <!--> baocao-allow: no-such-code -->\n\nfoo <!---> baocao-allow: no-such-code -->\n");
    let (code, _, stderr) = run(&["check", "--project", root]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("allow-invalid"), "{stderr}");
    // the same directive in a real comment is read (and refused)
    section(dir.path(), "03-comment.md", "foo <!-- baocao-allow: no-such-code -->\n");
    let (_, _, stderr) = run(&["check", "--project", root]);
    assert!(stderr.contains("allow-invalid") && stderr.contains("03-comment.md:1:"), "{stderr}");
}
