//! `baocao facts`: the auditor's index from a figure in the PDF to its YAML key.
//!
//! Takes a loaded [`Project`], typesets it (the same pipeline as `build`, without writing), and
//! hands on every fact with its value, unit, period and flags, where it is defined, and every
//! place it is printed: section file:line:column, the page of the laid-out document, the
//! expression and the text it printed — read from the document model's fact uses.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build;
use crate::diagnostics::Failure;
use crate::diagnostics::slash_path;
use crate::facts::Fact;
use crate::project::Project;

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Path relative to the project root, with `/`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
}

/// One printing of a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Printing {
    /// The section file, relative to the project root, with `/`.
    pub path: String,
    /// 1-based line of the `{{ … }}` expression.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// The page (1-based) of the laid-out document it is printed on.
    pub page: Option<usize>,
    /// The expression, without braces: `economy.grdp_growth_2021 | pct`.
    pub expression: String,
    /// What it printed: `8,58%`.
    pub text: String,
}

/// A fact and every place it is printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexedFact {
    /// The fact as its facts file defines it (key, value, unit, meaning, period, flags, decimals,
    /// relations, and the spreadsheet cell it was read from).
    #[serde(flatten)]
    pub fact: Fact,
    /// Where it is defined.
    pub defined: Place,
    /// Every printing, in document order.
    pub printed: Vec<Printing>,
}

/// The index of a project's facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactIndex {
    /// Number of pages of the laid-out document.
    pub pages: usize,
    /// Every fact, sorted by key.
    pub facts: Vec<IndexedFact>,
}

/// Typesets the project and indexes its facts.
pub fn index(project: &Project) -> Result<FactIndex, Failure> {
    let typeset = build::typeset(project, Path::new("report.typ"), |_| Ok(()))?;
    Ok(from_layout(project, &typeset.narrative.document, &typeset.fact_pages, typeset.document.pages().len()))
}

/// The index of a project already typeset: its model, the page of each fact use (by use id) and
/// the number of pages (`serve` indexes every build it makes).
pub fn from_layout(
    project: &Project,
    document: &crate::document::Document,
    fact_pages: &std::collections::HashMap<usize, usize>,
    pages: usize,
) -> FactIndex {
    let mut facts: Vec<IndexedFact> = project
        .facts
        .by_key
        .values()
        .map(|f| IndexedFact {
            fact: f.clone(),
            defined: Place { path: slash_path(&f.location.path), line: f.location.line },
            printed: Vec::new(),
        })
        .collect();
    for u in &document.facts {
        let path: PathBuf = project.sections.get(u.section).map(|s| s.path.clone()).unwrap_or_default();
        let text = u.printed.clone().unwrap_or_default();
        let printing = Printing {
            path: slash_path(&path),
            line: u.line,
            column: u.column,
            page: fact_pages.get(&u.id).copied(),
            expression: u.expression.clone(),
            text,
        };
        for key in &u.keys {
            if let Some(f) = facts.iter_mut().find(|f| &f.fact.key == key) {
                f.printed.push(printing.clone());
            }
        }
    }
    facts.sort_by(|a, b| a.fact.key.cmp(&b.fact.key));
    FactIndex { pages, facts }
}

impl FactIndex {
    /// The index as JSON (pretty, with a final newline).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("the index serialises");
        text.push('\n');
        text
    }

    /// The index for people: one block per fact.
    pub fn render_human(&self) -> String {
        // the label of a line, in a column 8 wide
        let label = |id: &str| format!("{:<8}", crate::i18n::text(id, &[]));
        let mut out = String::new();
        for IndexedFact { fact: f, defined, printed } in &self.facts {
            let unit = if f.unit.is_empty() { String::new() } else { format!(" {}", f.unit) };
            out.push_str(&format!("{} = {}{unit}", f.key, f.value));
            if let Some(p) = &f.period {
                out.push_str(&format!("  [{p}]"));
            }
            if f.estimate {
                out.push_str(&format!("  {}", crate::t!("index-estimate")));
            }
            if f.target {
                out.push_str(&format!("  {}", crate::t!("index-target")));
            }
            out.push('\n');
            if let Some(m) = &f.meaning {
                out.push_str(&format!("    {m}\n"));
            }
            out.push_str(&format!("    {} {}:{}\n", label("index-defined"), defined.path, defined.line));
            if let Some(cell) = &f.source {
                out.push_str(&format!("    {} {cell}\n", label("index-from")));
            }
            for r in &f.relations {
                let tolerance = r
                    .tolerance
                    .map(|t| format!("  ({})", crate::t!("index-tolerance", tolerance = t.to_string())))
                    .unwrap_or_default();
                let kind = match r.kind {
                    crate::facts::RelationKind::Derived => label("index-derived"),
                    crate::facts::RelationKind::Check => label("index-check"),
                };
                out.push_str(&format!(
                    "    {kind} {}{tolerance}  ({}:{})\n",
                    r.expression, defined.path, r.location.line
                ));
            }
            if printed.is_empty() {
                out.push_str(&format!("    {} {}\n", label("index-printed"), crate::t!("index-nowhere")));
            }
            for p in printed {
                let page = p.page.map_or(crate::t!("index-page-unknown"), |n| crate::t!("index-page", page = n));
                out.push_str(&format!(
                    "    {} {}:{}:{}  {page}  \"{}\"  {{{{ {} }}}}\n",
                    label("index-printed"),
                    p.path,
                    p.line,
                    p.column,
                    p.text,
                    p.expression
                ));
            }
        }
        let printings: usize = self.facts.iter().map(|f| f.printed.len()).sum();
        let unused = self.facts.iter().filter(|f| f.printed.is_empty()).count();
        out.push_str(&crate::t!(
            "index-summary",
            facts = self.facts.len(),
            printings = printings,
            pages = self.pages,
            unused = unused
        ));
        out.push('\n');
        out
    }
}
