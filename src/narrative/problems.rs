//! The narrative's problems as diagnostics for people: a fact that cannot be printed (with the
//! closest names for a misspelt one), a footnote without a note or never referenced, input
//! beyond a limit — each at its place in the section file.

use super::parse::{FootnoteProblem, FootnoteProblemKind, LimitExceeded, LimitKind};
use crate::diagnostics::Code;
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location, closest};
use crate::document::SourceMap;
use crate::facts::number::parse_vietnamese;
use crate::facts::{FactValue, Facts};
use crate::limits::{MAX_ELEMENTS, MAX_FOOTNOTES, MAX_NESTING, MAX_PARAGRAPH_BYTES};
use crate::t;

/// A footnote problem as a diagnostic (with its `check` code); `at` turns a section index and a
/// byte offset in that section's rendered Markdown into a place in the section file.
pub(crate) fn footnote_diagnostic(problem: &FootnoteProblem, at: &dyn Fn(usize, usize) -> Location) -> Diagnostic {
    let label = &problem.label;
    let here = widen(at(problem.section, problem.offset), label.chars().count() + 3);
    match problem.kind {
        FootnoteProblemKind::Undefined => Diagnostic::error(crate::t!("narrative-footnote-undefined", label = label))
            .code(Code::FootnoteUndefined)
            .at(here)
            .help(crate::t!("narrative-footnote-undefined-help", label = label)),
        FootnoteProblemKind::Duplicate => {
            let mut d = Diagnostic::error(crate::t!("narrative-footnote-duplicate", label = label))
                .code(Code::FootnoteDuplicate)
                .at(here);
            if let Some((section, offset)) = problem.first {
                d = d.note(crate::t!("narrative-footnote-first-defined"), at(section, offset));
            }
            d.help(crate::t!("narrative-footnote-duplicate-help"))
        }
        FootnoteProblemKind::Unreferenced => {
            Diagnostic::warning(crate::t!("narrative-footnote-unreferenced", label = label))
                .code(Code::FootnoteUnreferenced)
                .at(here)
                .help(crate::t!("narrative-footnote-unreferenced-help", label = label))
        }
    }
}

/// Input beyond a limit, as an error at its place.
pub(crate) fn limit_diagnostic(exceeded: &LimitExceeded, sections: &[SourceMap]) -> Diagnostic {
    let here = sections[exceeded.section].location(exceeded.offset..exceeded.offset);
    let (message, help) = match exceeded.kind {
        LimitKind::Nesting => {
            (crate::t!("narrative-limit-nesting", n = MAX_NESTING), crate::t!("narrative-limit-nesting-help"))
        }
        LimitKind::Elements => {
            (crate::t!("narrative-limit-elements", n = MAX_ELEMENTS), crate::t!("narrative-limit-elements-help"))
        }
        LimitKind::Paragraph => (
            crate::t!("narrative-limit-paragraph", kb = MAX_PARAGRAPH_BYTES / 1024),
            crate::t!("narrative-limit-paragraph-help"),
        ),
        LimitKind::FootnoteDefinitions => {
            (crate::t!("narrative-limit-footnotes", n = MAX_FOOTNOTES), crate::t!("narrative-limit-footnotes-help"))
        }
        LimitKind::FootnoteReferences => {
            (crate::t!("narrative-limit-references", n = MAX_FOOTNOTES), crate::t!("narrative-limit-references-help"))
        }
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
        && super::filters::is_text_error(message)
        && let Some(d) = not_a_number(section, start..end, location.clone(), facts)
    {
        return d;
    }
    let kind = if syntax { crate::t!("narrative-syntax-error") } else { crate::t!("narrative-cannot-print") };
    let help = if super::filters::is_text_error(message) {
        crate::t!("narrative-text-through-number-help")
    } else {
        crate::t!("narrative-print-facts-help")
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
    let d =
        Diagnostic::error(crate::t!("narrative-undefined-fact", key = wanted)).code(Code::FactUndefined).at(location);
    if candidates.is_empty() {
        d.help(crate::t!(
            "narrative-undefined-fact-help",
            key = wanted,
            namespace = wanted.split('.').next().unwrap_or("")
        ))
    } else {
        let names: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
        d.help(crate::t!("narrative-did-you-mean", names = names.join(&crate::t!("narrative-or"))))
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
        (Some(message), Some((line, column))) => {
            Diagnostic::error(crate::t!("narrative-template-error", reason = message))
                .at(Location::from_line_col(&section.path, &section.text, line, column, 1))
                .help(crate::t!("narrative-filters-available", filters = super::guard::FILTERS.join(", ")))
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

/// The error for the `{{ … }}` around `span` of `section` (printed at `printed`) that passes a
/// fact whose value is a text through a number filter: at the fact's `value:` line, with the
/// printing place as a note and the way to write the value. `None` when no fact of the
/// expression is such a text.
pub(crate) fn not_a_number(
    section: &SourceFile,
    span: std::ops::Range<usize>,
    printed: Location,
    facts: &Facts,
) -> Option<Diagnostic> {
    let text = &section.text;
    let open = text.get(..(span.start + 2).min(text.len())).and_then(|t| t.rfind("{{")).unwrap_or(span.start);
    let close = text.get(open..).and_then(|t| t.find("}}")).map_or(span.end, |i| open + i + 2).max(span.end);
    let expression = text.get(open..close).unwrap_or("");
    let fact = super::render::keys_in(expression)
        .iter()
        .filter_map(|k| facts.by_key.get(k))
        .find(|f| matches!(&f.value, FactValue::Text(s) if parse_vietnamese(s).is_none()))?;
    let FactValue::Text(value) = &fact.value else { return None };
    Some(
        Diagnostic::error(t!("facts-not-a-number", key = fact.key.as_str(), value = value.as_str()))
            .code(Code::FactFormat)
            .at(fact.value_location.clone().unwrap_or_else(|| fact.location.clone()))
            .note(t!("facts-printed-here"), printed)
            .help(t!("facts-not-a-number-help", example = figure_in(value), key = fact.key.as_str())),
    )
}

/// The figure inside a text (`1,47` in `1,47 %`, `50` in `khoảng 50`), to show how to write it;
/// `58` when there is none.
fn figure_in(text: &str) -> String {
    let start = text.find(|c: char| c.is_ascii_digit());
    let figure: String = start.map_or(String::new(), |s| {
        let rest = &text[s..];
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(rest.len());
        rest[..end].trim_end_matches(['.', ',']).to_string()
    });
    if parse_vietnamese(&figure).is_some() { figure } else { "58".to_string() }
}

/// Folds the errors [`not_a_number`] gives for one fact printed in several places into one,
/// with every place as a note.
pub(crate) fn merge_printing_places(diagnostics: &mut Vec<Diagnostic>) {
    let mut merged: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for d in diagnostics.drain(..) {
        let same = |m: &&mut Diagnostic| {
            m.code == Some(Code::FactFormat)
                && d.code == Some(Code::FactFormat)
                && m.message == d.message
                && m.location == d.location
                && !d.notes.is_empty()
        };
        match merged.iter_mut().find(|m| same(m)) {
            Some(first) => first.notes.extend(d.notes),
            None => merged.push(d),
        }
    }
    *diagnostics = merged;
}
