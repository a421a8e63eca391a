//! The workspace's state: the current build, rebuilt on every save.
//!
//! One thread builds. It is woken by a save made through the workspace (at once) or by the
//! file watcher of `watch` ([`crate::watch::Changes`], for saves from another editor), loads the
//! project, and — unless its inputs are byte for byte those of the last build — runs the build
//! pipeline ([`crate::build::produce`]) with one [`Compiler`] kept for the whole session, as
//! `watch` does, then writes the PDF and the typst source as `build` does. The result
//! ([`Build`]: the model, the laid-out pages and their boxes, check's findings, the facts
//! index) replaces the last one; a failed build keeps the last good pages and records its
//! errors. Every change bumps a generation number that the browser follows.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use super::pages::{self, PageMap};
use crate::build::{self, BuildOptions, Compiler};
use crate::check::CheckReport;
use crate::diagnostics::Diagnostic;
use crate::fact_index::{self, FactIndex};
use crate::narrative::Narrative;
use crate::output;
use crate::project::Project;
use crate::timings::Timings;

/// A finished build, as the workspace shows it.
pub struct Build {
    /// The project it was made from.
    pub project: Project,
    /// The model.
    pub narrative: Narrative,
    /// The laid-out pages.
    pub document: PagedDocument,
    /// Per page: size, digest, boxes.
    pub pages: Vec<PageMap>,
    /// Every fact with every place it is printed.
    pub index: FactIndex,
    /// Check's findings: new, silenced, known.
    pub check: CheckReport,
    /// The PDF.
    pub pdf: Vec<u8>,
}

/// What the browser is told.
#[derive(Default)]
pub struct State {
    /// Bumped on every finished build, good or failed.
    pub generation: u64,
    /// The last good build.
    pub build: Option<Arc<Build>>,
    /// The errors of the last build when it failed (the pages shown are then older).
    pub errors: Vec<Diagnostic>,
    /// How long the last build took, in milliseconds.
    pub millis: u128,
    /// What the last build was woken by (files, relative to the project).
    pub cause: Vec<String>,
    /// A fingerprint of the inputs of the last build (good or failed).
    fingerprint: Option<u64>,
}

/// Why a build is asked for.
pub enum Trigger {
    /// Files changed on disk (absolute paths).
    Files(Vec<PathBuf>),
    /// The workspace saved a file (path relative to the project).
    Saved(String),
    /// Stop the builder.
    Stop,
}

/// The state shared by the server's threads.
pub struct Workspace {
    /// The project folder.
    pub root: PathBuf,
    state: Mutex<State>,
    changed: Condvar,
    trigger: Mutex<mpsc::Sender<Trigger>>,
    /// SVG of pages already drawn, by digest.
    svgs: Mutex<HashMap<u128, Arc<String>>>,
    /// Held while a file is checked and written, so two saves never interleave.
    pub saving: Mutex<()>,
}

impl Workspace {
    /// A workspace for the project at `root`, and the receiving end of its build triggers.
    pub fn new(root: &Path) -> (Arc<Workspace>, mpsc::Receiver<Trigger>) {
        let (tx, rx) = mpsc::channel();
        let workspace = Workspace {
            root: root.to_path_buf(),
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            trigger: Mutex::new(tx),
            svgs: Mutex::new(HashMap::new()),
            saving: Mutex::new(()),
        };
        (Arc::new(workspace), rx)
    }

    /// The state (a poisoned lock is still read: a panicking request must not stop the others).
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The last good build.
    pub fn build(&self) -> Option<Arc<Build>> {
        self.state().build.clone()
    }

    /// Asks for a build.
    pub fn trigger(&self, why: Trigger) {
        let _ = self.trigger.lock().unwrap_or_else(|p| p.into_inner()).send(why);
    }

    /// Waits until the generation is past `seen`, or `timeout`; returns the generation then.
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let state = self.state();
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| s.generation <= seen)
            .unwrap_or_else(|p| p.into_inner());
        state.generation
    }

    /// The SVG of page `index` (0-based) of `build`, drawn once per digest.
    pub fn svg(&self, build: &Build, index: usize) -> Option<Arc<String>> {
        let digest = build.pages.get(index)?.digest;
        if let Some(svg) = self.svgs.lock().unwrap_or_else(|p| p.into_inner()).get(&digest) {
            return Some(svg.clone());
        }
        let svg = Arc::new(pages::svg(build.document.pages().get(index)?));
        self.svgs.lock().unwrap_or_else(|p| p.into_inner()).insert(digest, svg.clone());
        Some(svg)
    }

    /// Records a build's outcome and wakes the browsers.
    fn publish(&self, outcome: Result<Build, Vec<Diagnostic>>, millis: u128, cause: Vec<String>, fingerprint: u64) {
        let mut state = self.state();
        match outcome {
            Ok(build) => {
                // forget drawings no page has any more
                let kept: std::collections::HashSet<u128> = build.pages.iter().map(|p| p.digest).collect();
                self.svgs.lock().unwrap_or_else(|p| p.into_inner()).retain(|d, _| kept.contains(d));
                state.build = Some(Arc::new(build));
                state.errors.clear();
            }
            Err(errors) => state.errors = errors,
        }
        state.generation += 1;
        state.millis = millis;
        state.cause = cause;
        state.fingerprint = Some(fingerprint);
        drop(state);
        self.changed.notify_all();
    }
}

/// Builds on every trigger until [`Trigger::Stop`]; the first build at once.
pub fn builder(workspace: Arc<Workspace>, triggers: mpsc::Receiver<Trigger>, on_build: impl Fn(&State)) {
    let mut compiler = Compiler::new();
    let mut first = true;
    loop {
        let mut cause = Vec::new();
        if !first {
            let Ok(t) = triggers.recv() else { return };
            for t in std::iter::once(t).chain(triggers.try_iter()) {
                match t {
                    Trigger::Stop => return,
                    Trigger::Files(paths) => cause.extend(paths.iter().map(|p| relative(&workspace.root, p))),
                    Trigger::Saved(path) => cause.push(path),
                }
            }
        }
        first = false;
        let started = Instant::now();
        let project = match Project::load(&workspace.root) {
            Ok(p) => p,
            Err(failure) => {
                let fingerprint = failure.diagnostics.iter().map(|d| d.message.len()).sum::<usize>() as u64;
                workspace.publish(Err(failure.diagnostics), started.elapsed().as_millis(), cause, fingerprint);
                on_build(&workspace.state());
                continue;
            }
        };
        let fingerprint = fingerprint(&project);
        if workspace.state().fingerprint == Some(fingerprint) {
            // the same bytes as last time (our own save, seen again by the watcher)
            continue;
        }
        let outcome = make(&project, &mut compiler);
        // bound typst's memo cache, as watch does
        typst::comemo::evict(10);
        workspace.publish(outcome, started.elapsed().as_millis(), cause, fingerprint);
        on_build(&workspace.state());
    }
}

/// One build of `project`: produced, read into pages, written to build-output/.
fn make(project: &Project, compiler: &mut Compiler) -> Result<Build, Vec<Diagnostic>> {
    let options = BuildOptions::default();
    let (pdf_path, _) = build::output_paths(&project.root, None);
    let typ_path = pdf_path.with_extension("typ");
    let produced = build::produce(project, &options, compiler, &mut Timings::new(), |s| {
        output::write_atomic(&typ_path, s.as_bytes())
    })
    .map_err(|f| f.diagnostics)?;
    let world = compiler.kept_world().ok_or_else(|| vec![Diagnostic::error("typst kept no world after a build")])?;
    let laid = &produced.laid;
    let mut pages = pages::read(&laid.document, world, &laid.assembled, &laid.sections, &produced.narrative.document);
    pages::place_unread_facts(&mut pages, &laid.document, &produced.narrative.document);
    output::write_atomic(&pdf_path, &produced.bytes).map_err(|f| f.diagnostics)?;
    let index =
        fact_index::from_layout(project, &produced.narrative.document, &laid.fact_pages, laid.document.pages().len());
    Ok(Build {
        project: project.clone(),
        narrative: produced.narrative,
        document: produced.laid.document,
        pages,
        index,
        check: produced.check,
        pdf: produced.bytes,
    })
}

/// The inputs' bytes, hashed: equal fingerprints, equal builds.
fn fingerprint(project: &Project) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    for input in &project.inputs {
        input.path.hash(&mut h);
        input.bytes.hash(&mut h);
    }
    if let Some(baseline) = &project.baseline.file {
        baseline.text.hash(&mut h);
    }
    for font in &project.fonts {
        font.path.hash(&mut h);
        font.data.len().hash(&mut h);
    }
    h.finish()
}

/// `path` relative to the project, with `/`.
pub fn relative(root: &Path, path: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    crate::diagnostics::slash_path(path.strip_prefix(&root).unwrap_or(path))
}
