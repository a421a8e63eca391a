//! The narrative stage: sections → typst markup, in two steps.
//!
//! 1. **tera** renders each section with the facts in context (`{{ economy.grdp_2021 | pct }}`);
//!    printed values are Markdown-escaped, so a fact is always text. An undefined fact is an error
//!    at the section's file:line:col with the closest existing names.
//! 2. **Markdown → typst** ([`markdown::convert`]) over all sections at once, since footnotes are
//!    document-wide.

pub mod escape;
pub mod fact_uses;
pub mod filters;
pub mod markdown;

use std::path::Path;

use crate::diagnostics::{Diagnostic, Failure, Location, closest};
use crate::facts::Facts;
use crate::project::{Project, SourceFile};
use crate::timings::{Stage, Timings};

pub use fact_uses::FactUse;
pub use markdown::{FootnoteProblem, FootnoteProblemKind, MapEntry, TypstSection};

/// A section after both steps.
#[derive(Debug, Clone)]
pub struct RenderedSection {
    /// The section file (relative path).
    pub path: std::path::PathBuf,
    /// Its Markdown after tera (facts filled in), as a person reads it.
    pub markdown: String,
    /// The same with fact tags (see [`fact_uses`]); source-map offsets refer to this text.
    pub(crate) tagged: String,
    /// Its typst markup and source map.
    pub typst: TypstSection,
}

/// The whole narrative, ready for the template.
#[derive(Debug, Clone)]
pub struct Narrative {
    /// Sections in order.
    pub sections: Vec<RenderedSection>,
    /// Warnings (e.g. a footnote never referenced).
    pub warnings: Vec<Diagnostic>,
    /// Every `{{ … }}` printing of facts, in document order (ids index this list).
    pub fact_uses: Vec<FactUse>,
}

impl Narrative {
    /// The file and line of the section Markdown that produced byte `offset` of section
    /// `index`'s typst output.
    pub fn source_location(&self, index: usize, offset: usize, project: &Project) -> Option<Location> {
        let section = self.sections.get(index)?;
        let map = &section.typst.map;
        let i = map.partition_point(|e| e.typst_offset <= offset).checked_sub(1)?;
        let entry = map[i];
        let from = self.sections.get(entry.section)?;
        let source = project.sections.get(entry.section)?;
        Some(rendered_to_source(&from.tagged, &source.text, &source.path, entry.md_offset))
    }
}

/// Maps a byte offset in tera's output back to the section source. tera keeps line breaks
/// outside `{% %}` blocks, so lines correspond when the line counts agree; otherwise the
/// rendered line number is used as the best guess.
fn rendered_to_source(rendered: &str, source: &str, path: &Path, offset: usize) -> Location {
    let rendered_loc = Location::from_offset(path, rendered, offset, 1);
    let line = rendered_loc.line.min(source.lines().count().max(1));
    let line_text = source.split('\n').nth(line - 1).unwrap_or("");
    // find the rendered line's first word in the source line for a useful column
    let column = line_text.find(rendered_loc.line_text.trim_start().split(' ').next().unwrap_or("")).map_or(1, |b| {
        line_text[..b].chars().count() + 1
    });
    Location::from_line_col(path, source, line, column, 1)
}

/// Renders every section of the project.
pub fn render(project: &Project) -> Result<Narrative, Failure> {
    render_timed(project, &mut Timings::new())
}

/// [`render`], recording the time of each step: the facts' tera context ([`Stage::Facts`]),
/// tera ([`Stage::Tera`]) and Markdown → typst ([`Stage::Markdown`]).
pub fn render_timed(project: &Project, timings: &mut Timings) -> Result<Narrative, Failure> {
    let context = timings.time(Stage::Facts, || project.facts.context());
    timings.started(Stage::Tera);
    let tera_started = std::time::Instant::now();
    let mut errors = Vec::new();
    let mut rendered = Vec::with_capacity(project.sections.len());
    let mut fact_uses = Vec::new();
    let mut next_id = 0;
    for (index, section) in project.sections.iter().enumerate() {
        let (tagged, mut uses) = fact_uses::tag(&section.text, index, &mut next_id);
        let tagged_file = SourceFile { path: section.path.clone(), text: tagged };
        match render_section(&tagged_file, &project.facts, &context) {
            Ok(md) => rendered.push(md),
            // locate errors in the untagged text a person edits
            Err(_) => errors.push(render_section(section, &project.facts, &context).err().unwrap_or_else(|| {
                Diagnostic::error(format!("{}: cannot render this section", section.path.display()))
            })),
        }
        fact_uses.append(&mut uses);
    }
    timings.add(Stage::Tera, tera_started.elapsed());
    if !errors.is_empty() {
        return Err(Failure::content(errors));
    }
    let inputs: Vec<&str> = rendered.iter().map(String::as_str).collect();
    let converted = timings.time(Stage::Markdown, || markdown::convert(&inputs));
    let mut warnings = Vec::new();
    for problem in &converted.problems {
        let d = footnote_diagnostic(problem, project, &rendered);
        match d.severity {
            crate::diagnostics::Severity::Error => errors.push(d),
            crate::diagnostics::Severity::Warning => warnings.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::content(errors));
    }
    let sections = project
        .sections
        .iter()
        .zip(rendered)
        .zip(converted.sections)
        .map(|((file, tagged), typst)| RenderedSection {
            path: file.path.clone(),
            markdown: fact_uses::strip(&tagged),
            tagged,
            typst,
        })
        .collect();
    Ok(Narrative { sections, warnings, fact_uses })
}

fn footnote_diagnostic(problem: &FootnoteProblem, project: &Project, rendered: &[String]) -> Diagnostic {
    let at = |section: usize, offset: usize| {
        let file = &project.sections[section];
        rendered_to_source(&rendered[section], &file.text, &file.path, offset)
    };
    let label = &problem.label;
    let here = widen(at(problem.section, problem.offset), label.chars().count() + 3);
    match problem.kind {
        FootnoteProblemKind::Undefined => {
            Diagnostic::error(format!("footnote `[^{label}]` is referenced but never defined"))
                .at(here)
                .help(format!("add the note's text on its own line: `[^{label}]: …`, or remove the reference"))
        }
        FootnoteProblemKind::Duplicate => {
            let mut d = Diagnostic::error(format!("footnote `[^{label}]` is defined twice")).at(here);
            if let Some((section, offset)) = problem.first {
                d = d.note("first defined here", at(section, offset));
            }
            d.help("give one of the notes another label, or merge them")
        }
        FootnoteProblemKind::Unreferenced => {
            Diagnostic::warning(format!("footnote `[^{label}]` is defined but never referenced"))
                .at(here)
                .help(format!("reference it in the text with `[^{label}]`, or delete the definition"))
        }
    }
}

fn widen(mut loc: Location, width: usize) -> Location {
    loc.width = width;
    loc
}

/// Step 1 for one section: tera with the facts.
fn render_section(section: &SourceFile, facts: &Facts, context: &tera::Context) -> Result<String, Diagnostic> {
    // Fast path, as Zola does: no tera syntax, nothing to render.
    if !section.text.contains("{{") && !section.text.contains("{%") && !section.text.contains("{#") {
        return Ok(section.text.clone());
    }
    let name = format!("{}.md", section.path.display());
    let mut tera = tera::Tera::new();
    filters::register(&mut tera);
    tera.set_escape_fn(|input: &str, out: &mut dyn std::io::Write| out.write_all(escape::markdown(input).as_bytes()));
    tera.autoescape_on([".md"]);
    tera.add_raw_template(&name, &section.text).map_err(|e| tera_diagnostic(&e, section, facts))?;
    tera.render(&name, context).map_err(|e| tera_diagnostic(&e, section, facts))
}

/// A tera error as a diagnostic in the section file, with "did you mean" for unknown facts.
fn tera_diagnostic(e: &tera::Error, section: &SourceFile, facts: &Facts) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        return Diagnostic::error(format!("{}: {}", section.path.display(), error_chain(e)));
    };
    let span = report.span();
    let start = span.range.start.min(section.text.len());
    let end = span.range.end.clamp(start, section.text.len());
    let location = Location::from_offset(&section.path, &section.text, start, end - start);
    let message = report.message();
    if message.contains("not defined") || message.contains("not found") || message.contains("undefined") {
        // the fact name is the first word of the enclosing `{{ … }}`
        let open = section.text[..start].rfind("{{").map_or(start, |i| i + 2);
        let close = section.text[open..].find("}}").map_or(section.text.len(), |i| open + i);
        let expression = &section.text[open..close];
        let name_start = open + (expression.len() - expression.trim_start().len());
        let wanted: String = section.text[name_start..close]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .collect();
        let location = Location::from_offset(&section.path, &section.text, name_start, wanted.len());
        let candidates = closest(&wanted, facts.by_key.keys().map(String::as_str), 3);
        let d = Diagnostic::error(format!("undefined fact `{wanted}`")).at(location);
        return if candidates.is_empty() {
            d.help(format!(
                "define `{wanted}` in content/facts/{}.yaml, or correct the name",
                wanted.split('.').next().unwrap_or("")
            ))
        } else {
            let names: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
            d.help(format!("did you mean {}?", names.join(" or ")))
        };
    }
    let kind = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) { "template syntax error" } else { "cannot print" };
    Diagnostic::error(format!("{kind}: {}", first_line(message)))
        .at(location)
        .help("facts are printed as `{{ namespace.name | num }}` or `| pct`; see docs/content-format.md")
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
