//! `baocao watch`: build, then rebuild on every change under `content/` (spreadsheets in
//! `content/data/` included), `templates/` and `fonts/`.
//!
//! Takes a project folder and build options; hands on, on every change, the same pipeline as
//! `build` ([`build::build_with`]) run with one [`Compiler`] kept for the whole session, so that
//! typst's incremental caches carry over: an edited word re-lays-out the report in
//! milliseconds. The project model itself is simply reloaded on each change (reading the
//! project takes a few milliseconds; see `--timings`). Like typst-cli's watch, the memoisation
//! cache is bounded after each rebuild (`comemo::evict(10)`).
//!
//! Changes arrive debounced (an editor's save is several file events); editors' temporary
//! files (`.swp`, `~`, `.#…`, `4913`, `~$…`) and our own outputs are ignored. Each rebuild prints
//! one line — clock time, duration, pages, warnings — and, when it fails, the errors in full;
//! a failed rebuild writes nothing, so the last good PDF stays in place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer};

use crate::build::{self, BuildOptions, Compiler};
use crate::check::baseline::entry_of;
use crate::console::Console;
use crate::diagnostics::{Diagnostic, Failure};
use crate::project::baseline::Entry;
use crate::t;
use crate::timings::Timings;

/// The folders of a project whose changes trigger a rebuild.
pub const WATCHED: [&str; 3] = ["content", "templates", "fonts"];

/// What `watch` was asked to do.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Where to write, as for `build`.
    pub build: BuildOptions,
    /// Quiet time after the last file event before rebuilding.
    pub debounce: Duration,
    /// Print the stage timings after each rebuild.
    pub timings: bool,
}

impl Default for WatchOptions {
    fn default() -> WatchOptions {
        WatchOptions { build: BuildOptions::default(), debounce: Duration::from_millis(100), timings: false }
    }
}

/// Watches the project at `root` until the process is stopped (Ctrl-C). Returns early only
/// when the folder is not a project or cannot be watched (a usage error).
pub fn watch(root: &Path, options: &WatchOptions, console: &Console) -> Result<(), Failure> {
    let pdf = options.build.output.clone().unwrap_or_else(|| build::default_output(root));
    let mut changes = Changes::new(root, &[pdf.clone(), pdf.with_extension("typ")], options.debounce)?;
    let mut session = Session { root, options, console, compiler: Compiler::new(), shown_warnings: Vec::new() };
    session.rebuild(&[]);
    console.status(&t!("build-word-watching"), &t!("build-watching", folders = watched_list(root)));
    while let Some(batch) = changes.wait() {
        for e in &batch.errors {
            console.diagnostics(&[Diagnostic::warning(t!("build-watch-error", error = e.as_str()))], Path::new("."));
        }
        if !batch.changed.is_empty() {
            session.rebuild(&batch.changed);
        }
    }
    Ok(())
}

/// The changes of a project's watched folders, debounced: what `watch` and `serve` rebuild on.
pub struct Changes {
    rx: mpsc::Receiver<DebounceEventResult>,
    debouncer: notify_debouncer_full::Debouncer<
        notify_debouncer_full::notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    root: PathBuf,
    outputs: Vec<PathBuf>,
    watched: BTreeSet<PathBuf>,
}

/// One batch of changes: the files that changed (those there now, or, when everything named
/// was deleted, the deleted ones), and the watcher's own errors.
#[derive(Debug, Default)]
pub struct Batch {
    /// Absolute paths, sorted.
    pub changed: Vec<PathBuf>,
    /// Errors of the file watcher, as text.
    pub errors: Vec<String>,
}

impl Changes {
    /// Starts watching the project at `root` (`content/`, `templates/`, `fonts/`, and the root
    /// itself to see them appear again), ignoring `outputs` (what the build writes).
    pub fn new(root: &Path, outputs: &[PathBuf], debounce: Duration) -> Result<Changes, Failure> {
        if !root.join("content").is_dir() {
            // the same message as `build` for a missing or wrong folder
            crate::project::Project::load(root)?;
        }
        let canonical_root = root.canonicalize().map_err(|e| cannot_watch(root, e))?;
        let (tx, rx) = mpsc::channel::<DebounceEventResult>();
        let mut debouncer = new_debouncer(debounce, None, tx).map_err(|e| cannot_watch(root, e))?;
        // The root itself (not recursively) to see the watched folders appear again after a
        // checkout or a copy replaces them; each folder recursively.
        debouncer.watch(&canonical_root, RecursiveMode::NonRecursive).map_err(|e| cannot_watch(root, e))?;
        let outputs = outputs.iter().map(|p| absolute(p)).collect();
        let mut changes = Changes { rx, debouncer, root: canonical_root, outputs, watched: BTreeSet::new() };
        changes.watch_folders();
        Ok(changes)
    }

    fn watch_folders(&mut self) {
        // a folder deleted and created again needs a new watch
        self.watched.retain(|d| d.is_dir());
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir()
                && !self.watched.contains(&dir)
                && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(dir);
            }
        }
    }

    /// Waits for the next batch (everything that arrived meanwhile is one batch); `None` when
    /// the watcher stopped.
    pub fn wait(&mut self) -> Option<Batch> {
        let first = self.rx.recv().ok()?;
        let mut changed = BTreeSet::new();
        let mut errors = Vec::new();
        for batch in std::iter::once(first).chain(self.rx.try_iter()) {
            match batch {
                Ok(events) => changed.extend(events.iter().flat_map(|e| relevant_paths(e, &self.root, &self.outputs))),
                Err(es) => errors.extend(es.into_iter().map(|e| e.to_string())),
            }
        }
        self.watch_folders();
        // name the files that are there now (not a save's temporary file renamed away),
        // or, when everything named was deleted, the deleted ones
        let (present, gone): (Vec<PathBuf>, Vec<PathBuf>) = changed.into_iter().partition(|p| p.exists());
        Some(Batch { changed: if present.is_empty() { gone } else { present }, errors })
    }
}

fn watched_list(root: &Path) -> String {
    let shown = |name: &str| {
        if root == Path::new(".") { format!("{name}/") } else { format!("{}/", root.join(name).display()) }
    };
    let names: Vec<String> = WATCHED.iter().map(|n| shown(n)).collect();
    t!("build-watched-list", a = &names[0], b = &names[1], c = &names[2])
}

fn cannot_watch(root: &Path, e: impl std::fmt::Display) -> Failure {
    Failure::usage(
        Diagnostic::error(t!("build-cannot-watch", path = root.display().to_string(), error = e.to_string()))
            .help(t!("build-cannot-watch-help")),
    )
}

/// `path` made absolute with its folder resolved (the file itself may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (path.parent().and_then(|p| p.canonicalize().ok()), path.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => path,
    }
}

/// The watch state across rebuilds.
struct Session<'a> {
    root: &'a Path,
    options: &'a WatchOptions,
    console: &'a Console,
    compiler: Compiler,
    /// The warnings of the last build (printed then): unchanged ones are only counted.
    shown_warnings: Vec<Entry>,
}

impl Session<'_> {
    /// One build, reported on one line (after the errors, or new warnings, in full).
    fn rebuild(&mut self, changed: &[PathBuf]) {
        let started = Instant::now();
        let progress = if changed.is_empty() { Some(self.console.progress(&t!("build-progress"))) } else { None };
        let mut timings = match &progress {
            Some(p) => Timings::with_listener(p.stage_listener()),
            None => Timings::new(),
        };
        let result = build::build_with(self.root, &self.options.build, &mut self.compiler, &mut timings);
        // bound typst's memo cache, as typst-cli's watch does
        typst::comemo::evict(10);
        let elapsed = started.elapsed();
        drop(progress);
        let clock = chrono::Local::now().format("%H:%M:%S");
        let what = if changed.is_empty() { t!("build-word-built") } else { t!("build-word-rebuilt") };
        let because = self.changed_note(changed);
        match result {
            Ok(report) => {
                // only the warnings this rebuild brought: known by code, file and the words
                // they point at, as the baseline knows them (a line number moves with edits above)
                let new: Vec<Diagnostic> =
                    report.warnings.iter().filter(|w| !self.shown_warnings.contains(&entry_of(w))).cloned().collect();
                self.console.diagnostics(&new, self.root);
                self.shown_warnings = report.warnings.iter().map(entry_of).collect();
                let warnings = report.warnings.len();
                let known = if report.baselined > 0 {
                    format!(" {}", t!("build-watch-known", n = report.baselined))
                } else {
                    String::new()
                };
                self.console.status(
                    &format!("[{clock}] {what}"),
                    &t!(
                        "build-rebuilt",
                        ms = elapsed.as_millis() as u64,
                        pages = report.pdf.as_ref().map_or(0, |p| p.pages),
                        warnings = warnings,
                        known = known,
                        pdf = report.pdf.as_ref().map_or_else(|| self.root.display(), |p| p.path.display()).to_string(),
                        because = because,
                    ),
                );
            }
            Err(failure) => {
                let errors = self.console.failure(&failure.diagnostics, self.root);
                self.shown_warnings.clear();
                self.console.error(&format!(
                    "[{clock}] {}",
                    t!("build-watch-failed", ms = elapsed.as_millis() as u64, errors = errors, because = because)
                ));
            }
        }
        if self.options.timings && !self.console.is_quiet() {
            eprint!("{}", timings.render());
        }
    }

    /// ` (content/sections/01-mo-dau.md)` or ` (content/a.md and 2 more)`.
    fn changed_note(&self, changed: &[PathBuf]) -> String {
        let Some(first) = changed.first() else { return String::new() };
        let root = self.root.canonicalize().unwrap_or_else(|_| self.root.to_path_buf());
        let shown = match first.strip_prefix(&root) {
            Ok(rel) if self.root == Path::new(".") => rel.to_path_buf(),
            Ok(rel) => self.root.join(rel),
            Err(_) => first.clone(),
        };
        match changed.len() {
            1 => format!(" ({})", shown.display()),
            n => format!(" {}", t!("build-changed-more", path = shown.display().to_string(), n = n - 1)),
        }
    }
}

/// The paths of `event` that call for a rebuild: inside a watched folder, not an editor's
/// temporary file, not one of our outputs, and a change (not a mere read).
fn relevant_paths(event: &DebouncedEvent, root: &Path, outputs: &[PathBuf]) -> Vec<PathBuf> {
    let is_change = match event.kind {
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
    };
    if !is_change {
        return Vec::new();
    }
    event
        .paths
        .iter()
        .filter(|p| {
            let Ok(rel) = p.strip_prefix(root) else { return false };
            let in_watched = rel.components().next().is_some_and(|c| WATCHED.iter().any(|w| c.as_os_str() == *w));
            in_watched && !outputs.contains(p) && !is_editor_temporary(p)
        })
        .cloned()
        .collect()
}

/// Whether `path` names a file editors and office programs write while saving, never content:
/// hidden files (vim's `.x.swp`, emacs' `.#x`, LibreOffice's `.~lock.x#`), backups (`x~`),
/// emacs' `#x#`, Word's `~$x`, vim's write probe `4913`, and `.swp`/`.tmp`-like suffixes.
pub fn is_editor_temporary(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return true };
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with("~$")
        || name == "4913"
        || [".swp", ".swo", ".swx", ".swpx", ".tmp", ".temp", ".bak", ".part", ".crdownload", ".kate-swp"]
            .iter()
            .any(|suffix| lower.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::Event;
    use notify_debouncer_full::notify::event::{CreateKind, ModifyKind};

    #[test]
    fn editors_temporary_files_are_ignored_and_content_is_not() {
        for name in [
            ".01-mo-dau.md.swp",
            "01-mo-dau.md~",
            ".#01-mo-dau.md",
            "#01-mo-dau.md#",
            "4913",
            "~$bao-cao.docx",
            ".~lock.x#",
            "x.tmp",
            "x.kate-swp",
        ] {
            assert!(is_editor_temporary(Path::new(name)), "{name} should be ignored");
        }
        for name in ["01-mo-dau.md", "economy.yaml", "report.typ.tera", "LiberationSerif-Regular.ttf", "4913.md"] {
            assert!(!is_editor_temporary(Path::new(name)), "{name} should trigger a rebuild");
        }
    }

    fn event(kind: EventKind, path: &Path) -> DebouncedEvent {
        DebouncedEvent::new(Event::new(kind).add_path(path.to_path_buf()), Instant::now())
    }

    #[test]
    fn only_changes_inside_the_watched_folders_count() {
        let root = Path::new("/p");
        let outputs = [root.join("content/out.pdf")];
        let write = EventKind::Modify(ModifyKind::Any);
        let section = root.join("content/sections/01.md");
        assert_eq!(relevant_paths(&event(write, &section), root, &outputs), std::slice::from_ref(&section));
        assert!(
            relevant_paths(&event(EventKind::Access(AccessKind::Open(AccessMode::Any)), &section), root, &outputs)
                .is_empty()
        );
        assert!(relevant_paths(&event(write, &root.join("build-output/report.pdf")), root, &outputs).is_empty());
        assert!(relevant_paths(&event(write, &outputs[0]), root, &outputs).is_empty());
        assert!(
            relevant_paths(
                &event(EventKind::Create(CreateKind::File), &root.join("content/sections/.01.md.swp")),
                root,
                &outputs
            )
            .is_empty()
        );
        assert_eq!(relevant_paths(&event(write, &root.join("fonts/a.ttf")), root, &outputs).len(), 1);
        // a spreadsheet facts read cells from is content: saving it rebuilds; the lock file
        // LibreOffice keeps beside it while it is open does not
        let sheet = root.join("content/data/thong-ke.xlsx");
        assert_eq!(relevant_paths(&event(write, &sheet), root, &outputs), std::slice::from_ref(&sheet));
        let lock = root.join("content/data/.~lock.thong-ke.xlsx#");
        assert!(relevant_paths(&event(EventKind::Create(CreateKind::File), &lock), root, &outputs).is_empty());
    }
}
