//! Glyphs: every character the report prints must be in its text font.
//!
//! typst falls back silently to another font (here: to none, so a blank box) when the text
//! font has no glyph for a character; a missing Vietnamese glyph must never reach the PDF.
//! Takes the font files of `fonts/` (read with typst's own font loader), the text font family
//! the template sets (`#set text(font: "…")`; every font in `fonts/` when it sets none), and the
//! visible text of the sections, `content/report.yaml` and the template's own text. Hands on
//! `glyph-missing` errors at each place a character appears that some face of the family
//! (regular, bold, italic…) lacks.

use std::collections::BTreeSet;

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};

use super::Input;
use crate::diagnostics::Code;
use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location};
use crate::document::{Block, BlockKind, Document, Inline};
use crate::narrative::parse::walk_inlines;

/// The code of the model — code blocks and code spans, in sections and notes — with the
/// section and rendered range each is written in.
fn code_texts(document: &Document) -> Vec<(usize, String, std::ops::Range<usize>)> {
    fn walk(blocks: &[Block], section: usize, out: &mut Vec<(usize, String, std::ops::Range<usize>)>) {
        for block in blocks {
            match &block.kind {
                BlockKind::Code(text) => out.push((section, text.clone(), block.range.clone())),
                BlockKind::Item { blocks, .. } | BlockKind::Quote(blocks) => walk(blocks, section, out),
                _ => {}
            }
        }
    }
    fn spans(blocks: &[Block], section: usize, out: &mut Vec<(usize, String, std::ops::Range<usize>)>) {
        walk_inlines(blocks, &mut |inline| {
            if let Inline::Code(run) = inline {
                out.push((section, run.text.clone(), run.start()..run.start() + run.text.len() + 2));
            }
        });
    }
    let mut out = Vec::new();
    for (i, s) in document.sections.iter().enumerate() {
        walk(&s.blocks, i, &mut out);
        spans(&s.blocks, i, &mut out);
    }
    for note in &document.notes {
        walk(&note.blocks, note.section, &mut out);
        spans(&note.blocks, note.section, &mut out);
    }
    out
}

/// Adds the glyph findings of the project to `out`.
pub(crate) fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let project = input.project;
    let fonts: Vec<(String, FontInfo)> = project
        .fonts
        .iter()
        .flat_map(|f| {
            let name = f.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            Font::iter(Bytes::new(f.data.clone())).map(move |font| (name.clone(), font.info().clone()))
        })
        .collect();
    let families = text_families(&project.template.text);
    let mut faces: Vec<&(String, FontInfo)> =
        fonts.iter().filter(|(_, f)| families.iter().any(|name| f.family.eq_ignore_ascii_case(name))).collect();
    if faces.is_empty() {
        faces = fonts.iter().collect();
    }
    if faces.is_empty() {
        return; // loading the project already requires fonts
    }
    let family_names: BTreeSet<&str> = faces.iter().map(|(_, f)| f.family.as_str()).collect();
    let family = family_names.into_iter().collect::<Vec<_>>().join(", ");
    let missing = |c: char| -> Vec<String> {
        if c.is_whitespace() || c.is_control() {
            return Vec::new();
        }
        faces.iter().filter(|(_, f)| !f.coverage.contains(c as u32)).map(|(file, _)| file.clone()).collect()
    };
    let mut report = |c: char, location: Location, lacking: Vec<String>| {
        let all = lacking.len() == faces.len();
        let which = if all { String::new() } else { crate::t!("check-glyph-in-faces", faces = lacking.join(", ")) };
        out.push(
            Diagnostic::error(crate::t!(
                "check-glyph-missing",
                family = family.as_str(),
                char = c.to_string(),
                codepoint = format!("U+{:04X}", c as u32),
                faces = which
            ))
            .code(Code::GlyphMissing)
            .at(location)
            .help(crate::t!("check-glyph-missing-help", codepoint = format!("U+{:04X}", c as u32))),
        );
    };
    for block in &input.blocks {
        for (at, c) in block.text.char_indices() {
            if block.placeholders.binary_search(&at).is_ok() {
                continue;
            }
            let lacking = missing(c);
            if !lacking.is_empty() {
                report(c, block.location(input.document, at..at + c.len_utf8()), lacking);
            }
        }
    }
    // code spans and code blocks are printed too (in the text font), but are not in the blocks' text
    for (section, text, range) in code_texts(input.document) {
        let source = &input.document.sections[section].source;
        let written = source.rendered.get(range.clone()).unwrap_or("");
        let mut from = 0;
        for c in text.chars() {
            let lacking = missing(c);
            if lacking.is_empty() {
                continue;
            }
            let at = written[from..].find(c).map_or(range.start, |i| range.start + from + i);
            from = (at - range.start + c.len_utf8()).min(written.len());
            report(c, source.location(at..at + c.len_utf8()), lacking);
        }
    }
    for (file, comments) in [(&project.report_file, Comments::Yaml), (&project.template, Comments::Template)] {
        for (at, c) in visible_chars(file, comments) {
            let lacking = missing(c);
            if !lacking.is_empty() {
                report(c, Location::from_offset(&file.path, &file.text, at, c.len_utf8()), lacking);
            }
        }
    }
}

/// The family names of the template's `#set text(font: …)` (a name or an array of names).
fn text_families(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(i) = template[from..].find("set text(") {
        let start = from + i + "set text(".len();
        from = start;
        let args = &template[start..template[start..].find('\n').map_or(template.len(), |e| start + e)];
        let Some(f) = args.find("font:") else { continue };
        let value = args[f + 5..].trim_start();
        let list = if value.starts_with('(') { &value[..value.find(')').unwrap_or(value.len())] } else { value };
        let mut parts = list.split('"');
        parts.next();
        while let Some(name) = parts.next() {
            names.push(name.to_string());
            if !value.starts_with('(') {
                break;
            }
            parts.next();
        }
    }
    names
}

#[derive(Clone, Copy)]
enum Comments {
    /// `# …` to the end of the line.
    Yaml,
    /// `// …`, `/* … */` and tera's `{# … #}`.
    Template,
}

/// The characters of a file that may be printed: everything outside comments.
fn visible_chars(file: &SourceFile, comments: Comments) -> Vec<(usize, char)> {
    let text = &file.text;
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut prev = '\n';
    while let Some((at, c)) = chars.next() {
        let rest = &text[at..];
        let skip_to = match comments {
            Comments::Yaml if c == '#' && (prev.is_whitespace()) => {
                Some(rest.find('\n').map_or(text.len(), |e| at + e))
            }
            Comments::Template if rest.starts_with("//") && prev != ':' => {
                Some(rest.find('\n').map_or(text.len(), |e| at + e))
            }
            Comments::Template if rest.starts_with("/*") => Some(rest.find("*/").map_or(text.len(), |e| at + e + 2)),
            Comments::Template if rest.starts_with("{#") => Some(rest.find("#}").map_or(text.len(), |e| at + e + 2)),
            _ => None,
        };
        if let Some(end) = skip_to {
            while chars.peek().is_some_and(|(i, _)| *i < end) {
                chars.next();
            }
            prev = '\n';
            continue;
        }
        out.push((at, c));
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_family_is_read_from_the_template() {
        assert_eq!(text_families("#set text(font: \"Liberation Serif\", size: 14pt)"), ["Liberation Serif"]);
        assert_eq!(text_families("#set text(font: (\"A\", \"B\"), size: 1pt)"), ["A", "B"]);
        assert!(text_families("#set page(paper: \"a4\")").is_empty());
    }

    #[test]
    fn comments_are_not_printed() {
        let file = SourceFile { path: "t".into(), text: "a # b\n// c\nd // e\n{# f #}g /* h */i".into() };
        let yaml: String = visible_chars(&file, Comments::Yaml).into_iter().map(|(_, c)| c).collect();
        assert!(yaml.starts_with("a \n") && !yaml.contains('b'), "{yaml:?}");
        let typ: String = visible_chars(&file, Comments::Template).into_iter().map(|(_, c)| c).collect();
        assert!(!typ.contains('c') && !typ.contains('e') && !typ.contains('f') && !typ.contains('h'), "{typ:?}");
        assert!(typ.contains('g') && typ.contains('i') && typ.contains('d'), "{typ:?}");
    }
}
