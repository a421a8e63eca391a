//! Footnotes: the converter's own document-wide account ([`markdown::convert`]) of references
//! without a note (`footnote-undefined`, which pulldown-cmark would print as the text `[^x]`),
//! labels defined twice (`footnote-duplicate`) and notes nothing references
//! (`footnote-unreferenced`), located exactly in the section files.
//!
//! [`markdown::convert`]: crate::narrative::markdown::convert

use super::Input;
use crate::diagnostics::Diagnostic;
use crate::narrative::{footnote_diagnostic, markdown};

/// Adds the footnote findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let markdown: Vec<&str> = input.sections.iter().map(|s| s.markdown.as_str()).collect();
    let converted = markdown::convert(&markdown);
    let at = |section: usize, offset: usize| input.sections[section].location(offset..offset);
    out.extend(converted.problems.iter().map(|p| footnote_diagnostic(p, &at)));
}
