//! What the commands print on the terminal, and how: `--quiet`, `--color never|auto|always`
//! (as cargo has them) and a progress line for long operations.
//!
//! Everything goes to stderr, as cargo and typst print: stdout stays free for what a command
//! produces. Findings always print (errors and warnings, like cargo's `-q`); `--quiet` hides
//! the status lines and the progress line. The progress line shows only on a terminal, only
//! when an operation lasts long enough to be worth it, and is erased when it ends.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Severity};
use crate::timings::Stage;

/// Windows' code page number for UTF-8.
#[cfg(windows)]
const CP_UTF8: u32 = 65001;

/// Makes the Windows console show the UTF-8 this program prints (Vietnamese letters, `→`, `…`);
/// elsewhere it does nothing. Called once, first thing in `main`.
///
/// Rust's standard library already writes to a console window as UTF-16 (`WriteConsoleW`), so
/// `baocao build` in cmd.exe shows Vietnamese whatever the code page. The code page matters
/// when the output goes through a pipe to another console program (`baocao check | more`,
/// `findstr`): those decode the bytes with the console's output code page, which is 437, 850 or
/// 1258 by default. It is set to UTF-8 (65001) and left so, as `chcp 65001` would: restoring it
/// at exit would turn `more`'s still unread pages back into question marks. It fails without
/// harm (returns 0) when there is no console (output to a file, a service).
pub fn use_utf8_console() {
    #[cfg(windows)]
    // SAFETY: SetConsoleOutputCP takes a number and reads no memory of this program.
    unsafe {
        windows_sys::Win32::System::Console::SetConsoleOutputCP(CP_UTF8);
    }
}

/// When to colour the output (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stderr is a terminal that supports it, unless `NO_COLOR` is set
    /// (`CLICOLOR_FORCE` forces it).
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The output settings of one run.
#[derive(Debug, Clone, Copy)]
pub struct Console {
    quiet: bool,
    color: bool,
    /// Colour on stdout (`diff`'s report): decided like `color`, for stdout.
    stdout_color: bool,
    interactive: bool,
}

impl Console {
    /// Settings from the global flags, resolved against the terminal and the environment.
    pub fn new(quiet: bool, color: ColorChoice) -> Console {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let terminal = std::io::stderr().is_terminal() && !dumb;
        let decide = |terminal: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                anstyle_query::clicolor_force()
                    || (terminal && !anstyle_query::no_color() && anstyle_query::term_supports_ansi_color())
            }
        };
        let stdout_color = decide(std::io::stdout().is_terminal() && !dumb);
        let color = decide(terminal);
        #[cfg(windows)]
        if color {
            let _ = anstyle_query::windows::enable_ansi_colors();
        }
        Console { quiet, color, stdout_color, interactive: terminal && !quiet }
    }

    /// Plain output: not quiet, no colour, no progress line (for tests and pipes).
    pub fn plain() -> Console {
        Console { quiet: false, color: false, stdout_color: false, interactive: false }
    }

    /// Whether `--quiet` was given.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Whether output on stderr is coloured.
    pub fn is_color(&self) -> bool {
        self.color
    }

    /// Whether a report printed on stdout (`diff`) is coloured.
    pub fn stdout_color(&self) -> bool {
        self.stdout_color
    }

    /// Prints findings, paths shown relative to where the command runs (`project` prefixed
    /// to project-relative paths).
    pub fn diagnostics(&self, diagnostics: &[Diagnostic], project: &Path) {
        let mut err = std::io::stderr().lock();
        for d in diagnostics {
            let _ = writeln!(err, "{}", with_project_paths(d.clone(), project).render_styled(self.color));
        }
    }

    /// Prints the findings of a failed build, errors last: next to the summary line that
    /// follows them (the real report carries dozens of warnings for slips kept from the
    /// original, and an error must not scroll away among them). Returns how many are errors.
    pub fn failure(&self, diagnostics: &[Diagnostic], project: &Path) -> usize {
        let mut ordered: Vec<Diagnostic> = diagnostics.to_vec();
        ordered.sort_by_key(|d| d.severity == Severity::Error);
        self.diagnostics(&ordered, project);
        ordered.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// A status line (`built …`, `watching …`), hidden by `--quiet`; `word` is highlighted
    /// (bold green) when colour is on, as cargo's `Finished`.
    pub fn status(&self, word: &str, rest: &str) {
        if !self.quiet {
            eprintln!("{} {rest}", self.paint("1;32", word));
        }
    }

    /// A closing error line (`error: build failed …`), printed even with `--quiet`.
    pub fn error(&self, message: &str) {
        eprintln!("{}: {message}", self.paint("1;31", &Severity::Error.label()));
    }

    /// `text` in the ANSI style `code` when colour is on.
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    /// Starts a progress line saying `label`; it appears after a short delay, only on a
    /// terminal and without `--quiet`, and is erased when the returned [`Progress`] is dropped.
    pub fn progress(&self, label: &str) -> Progress {
        if !self.interactive {
            return Progress { shared: None, thread: None };
        }
        let shared = Arc::new(Shared { state: Mutex::new((label.to_string(), false)), wake: Condvar::new() });
        let for_thread = shared.clone();
        let thread = std::thread::spawn(move || spin(&for_thread));
        Progress { shared: Some(shared), thread: Some(thread) }
    }
}

/// A finding with its paths as the user reaches them: findings name files relative to the
/// project, so `project` (a folder) is put in front of them; a `project` ending in `:` names a
/// git revision, and is written before the path as git does (`HEAD~1:content/…`).
pub fn with_project_paths(mut d: Diagnostic, project: &Path) -> Diagnostic {
    let revision = project.to_string_lossy().ends_with(':');
    let fix = |path: &mut PathBuf| {
        if path.is_relative() && project != Path::new(".") && !path.starts_with(project) {
            *path = if revision {
                PathBuf::from(format!("{}{}", project.display(), path.display()))
            } else {
                project.join(&*path)
            };
        }
    };
    if let Some(loc) = d.location.as_mut() {
        fix(&mut loc.path);
    }
    for (_, loc) in d.notes.iter_mut() {
        fix(&mut loc.path);
    }
    d
}

struct Shared {
    /// The label, and whether to stop.
    state: Mutex<(String, bool)>,
    wake: Condvar,
}

/// A progress line on stderr (see [`Console::progress`]); a no-op off a terminal.
pub struct Progress {
    shared: Option<Arc<Shared>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Changes what the line says.
    pub fn set(&self, label: &str) {
        if let Some(shared) = &self.shared {
            shared.state.lock().unwrap_or_else(|e| e.into_inner()).0 = label.to_string();
        }
    }

    /// A listener for [`crate::timings::Timings::with_listener`]: the line names each build
    /// stage as it starts.
    pub fn stage_listener(&self) -> impl FnMut(Stage) + Send + 'static {
        let shared = self.shared.clone();
        move |stage: Stage| {
            if let Some(shared) = &shared {
                shared.state.lock().unwrap_or_else(|e| e.into_inner()).0 = stage.description();
            }
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(shared) = &self.shared {
            shared.state.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
            shared.wake.notify_all();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Delay before the line appears: quick operations print nothing.
const SHOW_AFTER: Duration = Duration::from_millis(300);
const FRAMES: [char; 4] = ['-', '\\', '|', '/'];

fn spin(shared: &Shared) {
    let started = Instant::now();
    let mut frame = 0;
    let mut shown = false;
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let (next, _) = shared.wake.wait_timeout(state, Duration::from_millis(100)).unwrap_or_else(|e| e.into_inner());
        state = next;
        if state.1 {
            break;
        }
        if started.elapsed() >= SHOW_AFTER {
            let seconds = started.elapsed().as_secs_f64();
            eprint!("\r\x1b[2K{} {}… {seconds:.1} s", FRAMES[frame % FRAMES.len()], state.0);
            let _ = std::io::stderr().flush();
            frame += 1;
            shown = true;
        }
    }
    if shown {
        eprint!("\r\x1b[2K");
        let _ = std::io::stderr().flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_paths_are_prefixed_for_display() {
        let loc = crate::diagnostics::Location::from_line_col(Path::new("content/a.md"), "x", 1, 1, 1);
        let d = with_project_paths(Diagnostic::error("e").at(loc), Path::new("du-an"));
        assert_eq!(d.location.unwrap().path, Path::new("du-an/content/a.md"));
    }

    #[test]
    fn progress_off_a_terminal_does_nothing() {
        let p = Console::plain().progress("typesetting");
        assert!(p.shared.is_none() && p.thread.is_none());
        p.set("again");
    }
}
