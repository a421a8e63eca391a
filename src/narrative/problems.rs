//! The narrative's problems as diagnostics for people: a fact that cannot be printed (with the
//! closest names for a misspelt one), a footnote without a note or never referenced, input
//! beyond a limit — each at its place in the section file.

use super::parse::{FootnoteProblem, FootnoteProblemKind, LimitExceeded, LimitKind};
use crate::diagnostics::Code;
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location, closest};
use crate::document::SourceMap;
use crate::facts::Facts;
use crate::limits::{MAX_ELEMENTS, MAX_FOOTNOTES, MAX_NESTING, MAX_PARAGRAPH_BYTES};

/// A footnote problem as a diagnostic (with its `check` code); `at` turns a section index and a
/// byte offset in that section's rendered Markdown into a place in the section file.
pub(crate) fn footnote_diagnostic(problem: &FootnoteProblem, at: &dyn Fn(usize, usize) -> Location) -> Diagnostic {
    let label = &problem.label;
    let here = widen(at(problem.section, problem.offset), label.chars().count() + 3);
    match problem.kind {
        FootnoteProblemKind::Undefined => {
            Diagnostic::error(format!("footnote `[^{label}]` is referenced but never defined"))
                .code(Code::FootnoteUndefined)
                .at(here)
                .help(format!("add the note's text on its own line: `[^{label}]: …`, or remove the reference"))
        }
        FootnoteProblemKind::Duplicate => {
            let mut d = Diagnostic::error(format!("footnote `[^{label}]` is defined twice"))
                .code(Code::FootnoteDuplicate)
                .at(here);
            if let Some((section, offset)) = problem.first {
                d = d.note("first defined here", at(section, offset));
            }
            d.help("give one of the notes another label, or merge them")
        }
        FootnoteProblemKind::Unreferenced => {
            Diagnostic::warning(format!("footnote `[^{label}]` is defined but never referenced"))
                .code(Code::FootnoteUnreferenced)
                .at(here)
                .help(format!("reference it in the text with `[^{label}]`, or delete the definition"))
        }
    }
}

/// Input beyond a limit, as an error at its place.
pub(crate) fn limit_diagnostic(exceeded: &LimitExceeded, sections: &[SourceMap]) -> Diagnostic {
    let here = sections[exceeded.section].location(exceeded.offset..exceeded.offset);
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

/// A tera error as a diagnostic in the section file, with "did you mean" for unknown facts.
/// `base` is the byte offset in the section of the template tera was given (0 for the whole
/// section; the start of the `{{ … }}` when `check` renders one expression at a time).
pub(crate) fn tera_diagnostic(e: &tera::Error, section: &SourceFile, base: usize, facts: &Facts) -> Diagnostic {
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
    // a text through a number filter: the mistake is in the facts file, where the value is written
    if !syntax
        && message.contains("cannot format the text")
        && let Some(d) = crate::facts::written::not_a_number(section, start..end, location.clone(), facts)
    {
        return d;
    }
    let kind = if syntax { "template syntax error" } else { "cannot print" };
    let help = if message.contains("cannot format the text") {
        "the fact's value is text: print it without a number filter (`{{ namespace.name }}`), or write a number as its value"
    } else {
        "facts are printed as `{{ namespace.name | num }}` or `| pct`; see docs/content-format.md"
    };
    Diagnostic::error(format!("{kind}: {}", first_line(message)))
        .code(if syntax { Code::FactSyntax } else { Code::FactFormat })
        .at(location)
        .help(help)
}

/// "undefined fact `wanted`" at byte `start` of the section, with the closest existing names.
pub(crate) fn undefined_fact(section: &SourceFile, start: usize, wanted: &str, facts: &Facts) -> Diagnostic {
    let location = Location::from_offset(&section.path, &section.text, start, wanted.len());
    let candidates = closest(wanted, facts.by_key.keys().map(String::as_str), 3);
    let d = Diagnostic::error(format!("undefined fact `{wanted}`")).code(Code::FactUndefined).at(location);
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
        let (line, column) =
            l.trim().strip_prefix("--> ")?.rsplit_once(':').map(|(rest, c)| (rest.rsplit_once(':'), c))?;
        Some((line?.1.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    match (message, place) {
        (Some(message), Some((line, column))) => Diagnostic::error(format!("template error: {message}"))
            .at(Location::from_line_col(&section.path, &section.text, line, column, 1))
            .help(format!("the filters available in sections are {}", super::guard::FILTERS.join(", "))),
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
