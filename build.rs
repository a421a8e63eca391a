//! Build script: records the git commit the binary is built from, for `baocao --version`.
//!
//! `BAOCAO_COMMIT` set in the environment wins (a build from a source archive, or a packager
//! who wants a fixed string); otherwise `git rev-parse --short=10 HEAD`; otherwise "unknown"
//! (no git, or not a git checkout). It never fails the build, and it only changes the version
//! text: the PDF's creator string and manifest name the crate version alone, so the same
//! sources still give the same PDF whichever commit built the tool.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=BAOCAO_COMMIT");
    let commit = std::env::var("BAOCAO_COMMIT").ok().filter(|c| !c.trim().is_empty()).or_else(git_commit);
    println!("cargo:rustc-env=BAOCAO_COMMIT={}", commit.as_deref().unwrap_or("unknown").trim());
}

/// The short commit of HEAD, and the files to watch so that a new commit re-runs this script.
fn git_commit() -> Option<String> {
    let commit = git(&["rev-parse", "--short=10", "HEAD"])?;
    // HEAD names the branch; the branch's ref file (or packed-refs) moves on each commit.
    // `--git-path` finds them in a worktree's common folder too.
    for path in ["HEAD", "packed-refs"] {
        if let Some(p) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={}", PathBuf::from(p).display());
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(p) = git(&["rev-parse", "--git-path", &branch])
    {
        println!("cargo:rerun-if-changed={}", PathBuf::from(p).display());
    }
    Some(commit)
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}
