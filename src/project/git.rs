//! A project as it is in a git revision of the repository, read from git's object store with
//! plumbing commands (`git rev-parse`, `git ls-tree`, `git cat-file --batch`): the work tree,
//! the index and the checked-out branch are never touched.
//!
//! The project is the same folder of the repository as the directory given (`--project`, the
//! current folder by default): in a repository whose root is the project, `content/` of the
//! revision; in a repository holding the project in `reports/2023/`, `reports/2023/content/`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

use super::source::Source;
use crate::diagnostics::Diagnostic;

/// A file of the revision: its object id and size.
struct Entry {
    oid: String,
    size: u64,
}

/// A running `git cat-file --batch`, answering one object at a time.
struct Batch {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

/// The project's files in one commit, read through git.
pub struct GitSource {
    /// The project folder in the work tree (shown in messages; typst's root).
    root: PathBuf,
    /// The repository's top folder (where git runs).
    top: PathBuf,
    /// The revision as the user wrote it.
    revision: String,
    /// The full commit id it resolved to.
    commit: String,
    /// Files of the project folder in that commit, by path relative to the project.
    files: BTreeMap<PathBuf, Entry>,
    /// Started on the first read.
    batch: Mutex<Option<Batch>>,
}

impl GitSource {
    /// The project folder `dir` as it is in `revision` of the repository holding `dir`.
    /// `Ok(None)` when `revision` names no commit there (or `dir` is in no repository).
    pub fn open(dir: &Path, revision: &str) -> Result<Option<GitSource>, Diagnostic> {
        if revision.starts_with('-') || revision.is_empty() {
            return Ok(None);
        }
        let Some(commit) = resolve(dir, revision)? else { return Ok(None) };
        let top = text(&git(dir, &["rev-parse", "--show-toplevel"])?);
        let prefix = text(&git(dir, &["rev-parse", "--show-prefix"])?);
        let top = PathBuf::from(top);
        let mut args = vec!["ls-tree", "-r", "-l", "-z", "--full-tree", commit.as_str()];
        if !prefix.is_empty() {
            args.extend(["--", prefix.as_str()]);
        }
        let listing = git(&top, &args)?;
        let mut files = BTreeMap::new();
        for record in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
            // "<mode> SP <type> SP <object> SP+ <size> TAB <path>"
            let Some(tab) = record.iter().position(|b| *b == b'\t') else { continue };
            let meta = String::from_utf8_lossy(&record[..tab]);
            let fields: Vec<&str> = meta.split_whitespace().collect();
            let [mode, kind, oid, size] = fields[..] else { continue };
            // regular files only: no submodules (commit), no symbolic links (120000)
            if kind != "blob" || mode == "120000" {
                continue;
            }
            let full = path_from_bytes(&record[tab + 1..]);
            let rel = full.strip_prefix(&prefix).unwrap_or(&full).to_path_buf();
            files.insert(rel, Entry { oid: oid.to_string(), size: size.parse().unwrap_or(0) });
        }
        Ok(Some(GitSource {
            root: top.join(&prefix),
            top,
            revision: revision.to_string(),
            commit,
            files,
            batch: Mutex::new(None),
        }))
    }

    /// The full id of the commit read.
    pub fn commit(&self) -> &str {
        &self.commit
    }

    fn cat(&self, entry: &Entry) -> std::io::Result<Vec<u8>> {
        let mut guard = self.batch.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            let mut child = Command::new("git")
                .arg("-C")
                .arg(&self.top)
                .args(["cat-file", "--batch"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()?;
            let stdin = child.stdin.take().ok_or_else(|| std::io::Error::other("no stdin"))?;
            let stdout = BufReader::new(child.stdout.take().ok_or_else(|| std::io::Error::other("no stdout"))?);
            *guard = Some(Batch { child, stdin, stdout });
        }
        let batch = guard.as_mut().expect("started above");
        writeln!(batch.stdin, "{}", entry.oid)?;
        batch.stdin.flush()?;
        let mut header = Vec::new();
        batch.stdout.read_until(b'\n', &mut header)?;
        let header = String::from_utf8_lossy(&header);
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("git cat-file: {}", header.trim())))?;
        let mut data = vec![0; size + 1];
        batch.stdout.read_exact(&mut data)?;
        data.truncate(size);
        Ok(data)
    }
}

impl Drop for GitSource {
    fn drop(&mut self) {
        if let Some(mut batch) = self.batch.get_mut().ok().and_then(Option::take) {
            drop(batch.stdin);
            let _ = batch.child.wait();
        }
    }
}

impl Source for GitSource {
    fn root(&self) -> &Path {
        &self.root
    }

    fn describe(&self) -> String {
        crate::t!("project-revision", revision = &self.revision, commit = &self.commit[..self.commit.len().min(12)])
    }

    fn is_dir(&self, rel: &Path) -> bool {
        self.files.keys().any(|p| p.starts_with(rel) && p != rel)
    }

    fn files_under(&self, rel: &Path, _errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
        self.files.keys().filter(|p| p.starts_with(rel) && *p != rel).cloned().collect()
    }

    fn read(&self, rel: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
        let entry = self.files.get(rel).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                crate::t!("project-not-in-revision", revision = &self.revision),
            )
        })?;
        if entry.size > limit {
            return Err(super::too_large(entry.size, limit));
        }
        self.cat(entry)
    }
}

/// The full commit id `revision` names in the repository holding `dir`, if any.
pub fn resolve(dir: &Path, revision: &str) -> Result<Option<String>, Diagnostic> {
    let spec = format!("{revision}^{{commit}}");
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options", &spec])
        .stderr(Stdio::null())
        .output()
        .map_err(cannot_run)?;
    Ok(out.status.success().then(|| text(&out.stdout)).filter(|s| !s.is_empty()))
}

/// Runs `git -C dir args…` and returns its output; a failure is a diagnostic with git's words.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Diagnostic> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().map_err(cannot_run)?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    Err(Diagnostic::error(crate::t!(
        "project-git-failed",
        command = args.first().copied().unwrap_or(""),
        dir = dir.display().to_string(),
        reason = String::from_utf8_lossy(&out.stderr).trim()
    ))
    .help(crate::t!("project-git-failed-help")))
}

fn cannot_run(e: std::io::Error) -> Diagnostic {
    Diagnostic::error(crate::t!("project-git-cannot-run", reason = e.to_string()))
        .help(crate::t!("project-git-cannot-run-help"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim_end_matches(['\n', '\r']).to_string()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}
