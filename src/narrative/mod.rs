//! The narrative stage: the sections become the [`Document`] model, once per build.
//!
//! 1. **tera** prints the facts into each section, one `{{ … }}` at a time ([`render`]):
//!    `{{ economy.grdp_2021 | pct }}` → `8,58%`, escaped for Markdown so a fact is always text.
//!    A section prints facts and does nothing else ([`guard`]).
//! 2. **Markdown → model** ([`parse`]): every section parsed once by pulldown-cmark, in one
//!    event loop, footnotes numbered once across sections.
//!
//! Every problem — a fact that cannot be printed, a footnote without a note — is collected as a
//! diagnostic at its place in the section file, so that one run finds them all; only input
//! beyond a limit stops the stage at once.

pub mod escape;
pub mod filters;
pub mod guard;
mod notes;
pub mod parse;
mod problems;
pub mod render;
mod tags;

use crate::diagnostics::{Diagnostic, Failure, Severity};
use crate::document::{Document, SourceMap};
use crate::project::Project;
use crate::timings::{Stage, Timings};

pub(crate) use problems::{footnote_diagnostic, limit_diagnostic, tera_diagnostic, undefined_fact};

/// The narrative: the model and what was found wrong on the way.
#[derive(Debug, Clone)]
pub struct Narrative {
    /// The document model.
    pub document: Document,
    /// Errors (facts that cannot be printed, undefined or duplicate notes) and warnings (notes
    /// never referenced), at their places. A build with errors writes no PDF.
    pub diagnostics: Vec<Diagnostic>,
}

impl Narrative {
    /// The errors among the diagnostics.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect()
    }

    /// The narrative if it has no error, else a failure with its errors.
    pub fn or_fail(self) -> Result<Narrative, Failure> {
        let errors = self.errors();
        if errors.is_empty() { Ok(self) } else { Err(Failure::content(errors)) }
    }
}

/// Renders every section of the project into the model.
pub fn render(project: &Project) -> Result<Narrative, Failure> {
    render_timed(project, &mut Timings::new())
}

/// A tera instance set up as for sections: the Vietnamese filters, and every printed value
/// Markdown-escaped.
pub(crate) fn section_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    filters::register(&mut tera);
    tera.set_escape_fn(|input: &str, out: &mut dyn std::io::Write| out.write_all(escape::markdown(input).as_bytes()));
    tera
}

/// [`render`], recording the time of each step: the facts' tera context ([`Stage::Facts`]),
/// tera ([`Stage::Tera`]) and Markdown → model ([`Stage::Markdown`]). Fails only on input
/// beyond a limit of [`crate::limits`].
pub fn render_timed(project: &Project, timings: &mut Timings) -> Result<Narrative, Failure> {
    let context = timings.time(Stage::Facts, || project.facts.context());
    let (maps, facts, mut diagnostics) = timings.time(Stage::Tera, || {
        let tera = section_tera();
        let mut next_id = 0;
        let (mut maps, mut facts, mut diagnostics) = (Vec::new(), Vec::new(), Vec::new());
        for (index, file) in project.sections.iter().enumerate() {
            let rendered = render::section(file, index, &project.facts, &tera, &context, &mut next_id);
            maps.push(rendered.map);
            facts.extend(rendered.uses);
            diagnostics.extend(rendered.problems);
        }
        problems::merge_printing_places(&mut diagnostics);
        (maps, facts, diagnostics)
    });
    let parsed = timings.time(Stage::Markdown, || parse::parse(&maps));
    let parsed = parsed.map_err(|e| Failure::content(vec![limit_diagnostic(&e, &maps)]))?;
    let at = |section: usize, offset: usize| maps[section].location(offset..offset);
    diagnostics.extend(parsed.problems.iter().map(|p| footnote_diagnostic(p, &at)));
    let document = parsed.into_document(maps, facts);
    Ok(Narrative { document, diagnostics })
}

/// Markdown sections (no tera) → the model, as a build parses the narrative: for tests and
/// fuzzing of the parser and the writers. Footnote problems are returned beside it; input
/// beyond a limit gives the limit.
pub fn parse_markdown(sections: &[&str]) -> Result<(Document, Vec<parse::FootnoteProblem>), parse::LimitExceeded> {
    let maps: Vec<SourceMap> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| SourceMap::identity(format!("section-{i}.md").into(), s.to_string()))
        .collect();
    let parsed = parse::parse(&maps)?;
    let problems = parsed.problems.clone();
    Ok((parsed.into_document(maps, Vec::new()), problems))
}
