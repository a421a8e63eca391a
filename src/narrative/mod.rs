//! The narrative stage: sections → typst markup, in two steps.
//!
//! 1. **tera** renders each section with the facts in context (`{{ economy.grdp_2021 | pct }}`);
//!    printed values are Markdown-escaped, so a fact is always text. An undefined fact is an error
//!    at the section's file:line:col with the closest existing names. A section prints facts and
//!    does nothing else ([`guard`]: no statements, no functions, a short list of filters).
//! 2. **Markdown → typst** ([`markdown::convert`]) over all sections at once, since footnotes are
//!    document-wide.

pub mod escape;
pub mod fact_uses;
pub mod filters;
pub mod marks;
pub mod guard;
pub mod markdown;

use std::path::Path;

use crate::diagnostics::{Diagnostic, Failure, Location, closest};
use crate::facts::Facts;
use crate::limits::{MAX_ELEMENTS, MAX_FOOTNOTES, MAX_NESTING, MAX_PARAGRAPH_BYTES};
use crate::project::{Project, SourceFile};
use crate::timings::{Stage, Timings};

pub use fact_uses::FactUse;
pub use markdown::{FootnoteProblem, FootnoteProblemKind, LimitExceeded, LimitKind, MapEntry, TypstSection};

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
pub(crate) fn rendered_to_source(rendered: &str, source: &str, path: &Path, offset: usize) -> Location {
    if rendered == source {
        return Location::from_offset(path, source, offset, 1);
    }
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
    if let Some(exceeded) = converted.exceeded {
        return Err(Failure::content(vec![limit_diagnostic(&exceeded, project, &rendered)]));
    }
    let mut warnings = Vec::new();
    let at = |section: usize, offset: usize| {
        let file = &project.sections[section];
        rendered_to_source(&rendered[section], &file.text, &file.path, offset)
    };
    for problem in &converted.problems {
        let d = footnote_diagnostic(problem, &at);
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

/// A footnote problem as a diagnostic (with its `check` code); `at` turns a section index and a
/// byte offset in that section's rendered Markdown into a place in the section file.
pub(crate) fn footnote_diagnostic(problem: &FootnoteProblem, at: &dyn Fn(usize, usize) -> Location) -> Diagnostic {
    use crate::check::code;
    let label = &problem.label;
    let here = widen(at(problem.section, problem.offset), label.chars().count() + 3);
    match problem.kind {
        FootnoteProblemKind::Undefined => {
            Diagnostic::error(format!("footnote `[^{label}]` is referenced but never defined"))
                .code(code::FOOTNOTE_UNDEFINED)
                .at(here)
                .help(format!("add the note's text on its own line: `[^{label}]: …`, or remove the reference"))
        }
        FootnoteProblemKind::Duplicate => {
            let mut d = Diagnostic::error(format!("footnote `[^{label}]` is defined twice"))
                .code(code::FOOTNOTE_DUPLICATE)
                .at(here);
            if let Some((section, offset)) = problem.first {
                d = d.note("first defined here", at(section, offset));
            }
            d.help("give one of the notes another label, or merge them")
        }
        FootnoteProblemKind::Unreferenced => {
            Diagnostic::warning(format!("footnote `[^{label}]` is defined but never referenced"))
                .code(code::FOOTNOTE_UNREFERENCED)
                .at(here)
                .help(format!("reference it in the text with `[^{label}]`, or delete the definition"))
        }
    }
}

/// The first limit of [`crate::limits`] the rendered sections' Markdown goes beyond, as an
/// error at its place; `check` asks this before reading the text, so that hostile input stops
/// as fast there as in a build.
pub(crate) fn exceeded_limit(project: &Project, rendered: &[String]) -> Option<Diagnostic> {
    let inputs: Vec<&str> = rendered.iter().map(String::as_str).collect();
    let exceeded = markdown::convert(&inputs).exceeded?;
    Some(limit_diagnostic(&exceeded, project, rendered))
}

fn limit_diagnostic(exceeded: &LimitExceeded, project: &Project, rendered: &[String]) -> Diagnostic {
    let file = &project.sections[exceeded.section];
    let here = rendered_to_source(&rendered[exceeded.section], &file.text, &file.path, exceeded.offset);
    let (message, help) = match exceeded.kind {
        LimitKind::Nesting => (
            format!("the text is nested more than {MAX_NESTING} levels deep here"),
            "block quotes, list items, emphasis, links and notes inside notes each open a level; \
             flatten the structure (a report needs 2 or 3 levels)"
                .to_string(),
        ),
        LimitKind::Elements => (
            format!(
                "the narrative holds more than {MAX_ELEMENTS} Markdown elements (paragraphs, headings, list items, \
                 table cells, emphasis…); this is the first one over the limit"
            ),
            "a report this size would take minutes to lay out: split it into several reports, or look for text pasted \
             many times over"
                .to_string(),
        ),
        LimitKind::Paragraph => (
            format!(
                "this paragraph is longer than {} KB (a heading, list item, table cell or line of code counts as one)",
                MAX_PARAGRAPH_BYTES / 1024
            ),
            "typst's time grows with the square of a paragraph's length; break the text into paragraphs with a blank \
             line (a report's longest is a few KB)"
                .to_string(),
        ),
        LimitKind::FootnoteDefinitions => (
            format!("more than {MAX_FOOTNOTES} footnotes are defined; this is the first one over the limit"),
            "split the report, or move long lists of sources into an appendix".to_string(),
        ),
        LimitKind::FootnoteReferences => (
            format!("more than {MAX_FOOTNOTES} footnote references; this is the first one over the limit"),
            "split the report, or reference each source once".to_string(),
        ),
    };
    Diagnostic::error(message).at(here).help(help)
}

fn widen(mut loc: Location, width: usize) -> Location {
    loc.width = width;
    loc
}

/// Step 1 for one section: tera with the facts.
pub(crate) fn render_section(section: &SourceFile, facts: &Facts, context: &tera::Context) -> Result<String, Diagnostic> {
    // Fast path, as Zola does: no tera syntax, nothing to render.
    if !section.text.contains("{{") && !section.text.contains("{%") && !section.text.contains("{#") {
        return Ok(section.text.clone());
    }
    if let Some(d) = guard::check(section) {
        return Err(d);
    }
    let name = format!("{}.md", section.path.display());
    let mut tera = section_tera();
    tera.add_raw_template(&name, &section.text).map_err(|e| tera_diagnostic(&e, section, 0, facts))?;
    tera.render(&name, context).map_err(|e| tera_diagnostic(&e, section, 0, facts))
}

/// A tera instance set up as for sections: the Vietnamese filters, and every printed value
/// Markdown-escaped in templates named `*.md`.
pub(crate) fn section_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    filters::register(&mut tera);
    tera.set_escape_fn(|input: &str, out: &mut dyn std::io::Write| out.write_all(escape::markdown(input).as_bytes()));
    tera.autoescape_on([".md"]);
    tera
}

/// A tera error as a diagnostic in the section file, with "did you mean" for unknown facts.
/// `base` is the byte offset in the section of the template tera was given (0 for the whole
/// section; the start of the `{{ … }}` when `check` renders one expression at a time).
pub(crate) fn tera_diagnostic(e: &tera::Error, section: &SourceFile, base: usize, facts: &Facts) -> Diagnostic {
    use crate::check::code;
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        return reported_error(e, section);
    };
    let span = report.span();
    let start = (base + span.range.start).min(section.text.len());
    let end = (base + span.range.end).clamp(start, section.text.len());
    let location = Location::from_offset(&section.path, &section.text, start, end - start);
    let message = report.message();
    let syntax = matches!(e.kind(), tera::ErrorKind::SyntaxError(_));
    // a name is undefined when printing; a syntax error (`Closing comment tag `#}` not found`) is not about a name
    if !syntax && (message.contains("not defined") || message.contains("not found") || message.contains("undefined")) {
        // the fact name is the first word of the enclosing `{{ … }}`
        let open = section.text[..start].rfind("{{").map_or(start, |i| i + 2);
        let close = section.text[open..].find("}}").map_or(section.text.len(), |i| open + i);
        let expression = &section.text[open..close];
        let name_start = open + (expression.len() - expression.trim_start().len());
        let wanted: String = section.text[name_start..close]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .collect();
        return undefined_fact(section, name_start, &wanted, facts);
    }
    let kind = if syntax { "template syntax error" } else { "cannot print" };
    let help = if message.contains("cannot format the text") {
        "the fact's value is text: print it without a number filter (`{{ namespace.name }}`), or write a number as its value"
    } else {
        "facts are printed as `{{ namespace.name | num }}` or `| pct`; see docs/content-format.md"
    };
    Diagnostic::error(format!("{kind}: {}", first_line(message)))
        .code(if syntax { code::FACT_SYNTAX } else { code::FACT_FORMAT })
        .at(location)
        .help(help)
}

/// "undefined fact `wanted`" at byte `start` of the section, with the closest existing names.
pub(crate) fn undefined_fact(section: &SourceFile, start: usize, wanted: &str, facts: &Facts) -> Diagnostic {
    let location = Location::from_offset(&section.path, &section.text, start, wanted.len());
    let candidates = closest(wanted, facts.by_key.keys().map(String::as_str), 3);
    let d = Diagnostic::error(format!("undefined fact `{wanted}`")).code(crate::check::code::FACT_UNDEFINED).at(location);
    if candidates.is_empty() {
        d.help(format!(
            "define `{wanted}` in content/facts/{}.yaml, or correct the name",
            wanted.split('.').next().unwrap_or("")
        ))
    } else {
        let names: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
        d.help(format!("did you mean {}?", names.join(" or ")))
    }
}

/// A tera error without a typed span (an unknown function, filter or test is reported as a
/// ready-made text: `error: Unknown function \`x\`` and ` --> name:line:column`): read the message
/// and place back into a diagnostic.
fn reported_error(e: &tera::Error, section: &SourceFile) -> Diagnostic {
    let text = error_chain(e);
    let message = text.lines().find_map(|l| l.trim().strip_prefix("error: ")).map(str::to_string);
    let place = text.lines().find_map(|l| {
        let (line, column) = l.trim().strip_prefix("--> ")?.rsplit_once(':').map(|(rest, c)| (rest.rsplit_once(':'), c))?;
        Some((line?.1.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    match (message, place) {
        (Some(message), Some((line, column))) => {
            Diagnostic::error(format!("template error: {message}"))
                .at(Location::from_line_col(&section.path, &section.text, line, column, 1))
                .help(format!("the filters available in sections are {}", guard::FILTERS.join(", ")))
        }
        _ => Diagnostic::error(format!("{}: {}", section.path.display(), first_line(&text))),
    }
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
