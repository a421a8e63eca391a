//! Stage timings: how long each step of a build took, for `build --timings`, the watch line
//! and the benchmarks.
//!
//! The pipeline ([`crate::build`]) records every stage into a [`Timings`] it is handed; a
//! listener, when set, hears each stage as it starts (the terminal progress line uses it).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// A step of the build, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Reading the project: report.yaml, the section files, the template, the fonts.
    Load,
    /// Parsing and validating the facts, and building the tera context from them.
    Facts,
    /// `check`: the mistakes a reader would find (its errors stop the build). It runs beside
    /// typesetting; this is the time the build waited for it after its own work.
    Check,
    /// tera over each section (facts printed into the Markdown).
    Tera,
    /// Markdown → typst markup, all sections at once.
    Markdown,
    /// The layout template (tera) wrapping the narrative into `report.typ`.
    Template,
    /// typst: its world (standard library, fonts; kept across `watch` rebuilds), then parse,
    /// evaluate and lay out `report.typ`.
    Compile,
    /// typst's PDF export, and writing the Word file (`--format docx`).
    Export,
    /// Writing `report.typ`, the PDF and the .docx to disk (atomically).
    Write,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 9] = [
        Stage::Load,
        Stage::Facts,
        Stage::Check,
        Stage::Tera,
        Stage::Markdown,
        Stage::Template,
        Stage::Compile,
        Stage::Export,
        Stage::Write,
    ];

    /// The name printed in `--timings` (stable: scripts read it).
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Facts => "facts",
            Stage::Check => "check",
            Stage::Tera => "tera",
            Stage::Markdown => "markdown",
            Stage::Template => "template",
            Stage::Compile => "compile",
            Stage::Export => "export",
            Stage::Write => "write",
        }
    }

    /// What the stage does, for people reading `--timings` and the progress line.
    pub fn description(self) -> String {
        match self {
            Stage::Load => crate::t!("build-stage-load"),
            Stage::Facts => crate::t!("build-stage-facts"),
            Stage::Check => crate::t!("build-stage-check"),
            Stage::Tera => crate::t!("build-stage-tera"),
            Stage::Markdown => crate::t!("build-stage-markdown"),
            Stage::Template => crate::t!("build-stage-template"),
            Stage::Compile => crate::t!("build-stage-compile"),
            Stage::Export => crate::t!("build-stage-export"),
            Stage::Write => crate::t!("build-stage-write"),
        }
    }
}

/// The time spent in each stage of one build (a stage run twice adds up), and the wall-clock
/// time since the timings were created.
pub struct Timings {
    created: Instant,
    spent: Vec<(Stage, Duration)>,
    listener: Option<Box<dyn FnMut(Stage) + Send>>,
}

impl Default for Timings {
    fn default() -> Timings {
        Timings { created: Instant::now(), spent: Vec::new(), listener: None }
    }
}

impl std::fmt::Debug for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Timings").field("spent", &self.spent).finish_non_exhaustive()
    }
}

impl Timings {
    /// Empty timings, no listener.
    pub fn new() -> Timings {
        Timings::default()
    }

    /// Empty timings whose `listener` hears each stage as it starts.
    pub fn with_listener(listener: impl FnMut(Stage) + Send + 'static) -> Timings {
        Timings { listener: Some(Box::new(listener)), ..Timings::default() }
    }

    /// Runs `f` as `stage`, recording its duration.
    pub fn time<T>(&mut self, stage: Stage, f: impl FnOnce() -> T) -> T {
        self.started(stage);
        let start = Instant::now();
        let out = f();
        self.add(stage, start.elapsed());
        out
    }

    /// Tells the listener that `stage` starts (for stages timed by hand with [`Timings::add`]).
    pub fn started(&mut self, stage: Stage) {
        if let Some(listener) = self.listener.as_mut() {
            listener(stage);
        }
    }

    /// Records `duration` spent in `stage`.
    pub fn add(&mut self, stage: Stage, duration: Duration) {
        match self.spent.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, d)) => *d += duration,
            None => self.spent.push((stage, duration)),
        }
    }

    /// Time spent in `stage` (zero if it did not run).
    pub fn get(&self, stage: Stage) -> Duration {
        self.spent.iter().find(|(s, _)| *s == stage).map_or(Duration::ZERO, |(_, d)| *d)
    }

    /// Time spent in all stages.
    pub fn stages_total(&self) -> Duration {
        self.spent.iter().map(|(_, d)| *d).sum()
    }

    /// Wall-clock time since these timings were created (at least the stages' total).
    pub fn elapsed(&self) -> Duration {
        self.created.elapsed().max(self.stages_total())
    }

    /// The table printed by `build --timings`: one line per stage in pipeline order, the time
    /// outside every stage, then the wall-clock total and how it compares with typst's own
    /// work (compile + export): the overhead factor the benchmarks track.
    ///
    /// ```text
    /// load        2.1 ms  reading the project
    /// …
    /// total     612.4 ms  (typst compile + export 589.0 ms; overhead ×1.04)
    /// ```
    pub fn render(&self) -> String {
        self.render_with_total(self.elapsed())
    }

    fn render_with_total(&self, total: Duration) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut out = String::new();
        for stage in Stage::ALL {
            let _ = writeln!(out, "{:<9}{:>9.1} ms  {}", stage.name(), ms(self.get(stage)), stage.description());
        }
        let other = total.saturating_sub(self.stages_total());
        let _ = writeln!(out, "{:<9}{:>9.1} ms  {}", "other", ms(other), crate::t!("build-stage-other"));
        let typst = self.get(Stage::Compile) + self.get(Stage::Export);
        let overhead = if typst.is_zero() { f64::NAN } else { total.as_secs_f64() / typst.as_secs_f64() };
        let note =
            crate::t!("build-stage-total", typst = format!("{:.1}", ms(typst)), overhead = format!("{overhead:.2}"));
        let _ = writeln!(out, "{:<9}{:>9.1} ms  {note}", "total", ms(total));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_and_render_in_pipeline_order() {
        let mut t = Timings::new();
        t.add(Stage::Export, Duration::from_millis(10));
        t.add(Stage::Compile, Duration::from_millis(30));
        t.add(Stage::Load, Duration::from_millis(4));
        t.add(Stage::Load, Duration::from_millis(6));
        assert_eq!(t.get(Stage::Load), Duration::from_millis(10));
        assert_eq!(t.stages_total(), Duration::from_millis(50));
        let text = t.render_with_total(Duration::from_millis(60));
        let names: Vec<&str> = text.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
        assert_eq!(
            names,
            ["load", "facts", "check", "tera", "markdown", "template", "compile", "export", "write", "other", "total"]
        );
        assert!(text.contains("other         10.0 ms"), "{text}");
        assert!(text.contains("total         60.0 ms"), "{text}");
        assert!(text.contains("overhead ×1.50"), "{text}");
    }

    #[test]
    fn the_listener_hears_each_stage_as_it_starts() {
        let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let h = heard.clone();
        let mut t = Timings::with_listener(move |s| h.lock().unwrap().push(s));
        let v = t.time(Stage::Tera, || 7);
        t.time(Stage::Compile, || ());
        assert_eq!(v, 7);
        assert_eq!(*heard.lock().unwrap(), [Stage::Tera, Stage::Compile]);
    }
}
