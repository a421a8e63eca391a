//! Facts: every figure of the report, once, with its unit and meaning.
//!
//! Each `content/facts/<namespace>.yaml` maps fact names to facts; sections print them as
//! `{{ namespace.name | num }}`. This module parses and validates the files and builds the
//! tera context (namespace → name → value).
//!
//! A fact's value is written (`value:`), read from a spreadsheet cell (`source:`, [`cells`])
//! or computed from other facts (`derived:`, [`relations`]); it may carry checks (`check:`)
//! that its value must agree with. Relations are written in a small arithmetic of baocao's
//! own ([`expr`]). Loading reads the cells, then computes the derived values (in dependency
//! order), so tera's context holds every value as the report prints it; the checks are
//! evaluated by `check` ([`crate::check::relations`]).

pub mod cells;
pub mod expr;
pub mod number;
mod parse;
pub mod relations;
pub mod written;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location};

pub use cells::CellSource;
pub use relations::{Relation, RelationKind};

/// A fact's value: a number (integer or decimal) or, rarely, a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FactValue {
    /// A whole number.
    Integer(i64),
    /// A decimal number.
    Float(f64),
    /// A text value (printed as is).
    Text(String),
}

impl FactValue {
    /// The value as a figure, when it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            FactValue::Integer(i) => Some(*i as f64),
            FactValue::Float(x) => Some(*x),
            FactValue::Text(_) => None,
        }
    }

    /// A figure as a value: whole numbers (within ±2⁵³) as integers.
    pub fn from_f64(x: f64) -> FactValue {
        if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
            FactValue::Integer(x as i64)
        } else {
            FactValue::Float(x)
        }
    }
}

impl std::fmt::Display for FactValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FactValue::Integer(i) => write!(f, "{i}"),
            FactValue::Float(x) => write!(f, "{x}"),
            FactValue::Text(t) => f.write_str(t),
        }
    }
}

/// One fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// Full name, `namespace.name`.
    pub key: String,
    /// The value.
    pub value: FactValue,
    /// Unit as the text uses it: `%`, `tỷ đồng`, `ha`, `doanh nghiệp`…
    pub unit: String,
    /// What the figure is.
    pub meaning: Option<String>,
    /// The year or period it is for.
    pub period: Option<String>,
    /// The text calls it an estimate ("ước").
    pub estimate: bool,
    /// It is a target or plan figure.
    pub target: bool,
    /// The decimals the report gives the figure to (`decimals:`), when stated: a derived value
    /// is rounded to them, and a check compares to them.
    pub decimals: Option<usize>,
    /// How it is derived (`derived:`) and what it must agree with (`check:`).
    pub relations: Vec<Relation>,
    /// The spreadsheet cell its value was read from (`source:`).
    pub source: Option<CellSource>,
    /// The YAML file and line that define it.
    #[serde(skip)]
    pub location: Location,
    /// Where its `value:` is written, when it is.
    #[serde(skip)]
    pub value_location: Option<Location>,
}

/// All facts of a project, by full key (`namespace.name`), sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Facts by key.
    pub by_key: BTreeMap<String, Fact>,
    /// Warnings found while reading the files (a number a Vietnamese reader reads otherwise,
    /// [`written`]); `check` and `build` report them.
    pub warnings: Vec<Diagnostic>,
}

/// A namespace or fact name: lowercase ASCII letters, digits and `_`, starting with a letter
/// (so tera can read it as an identifier).
pub fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Facts {
    /// Parses every facts file, with no spreadsheet to read from (a fact with a `source:`
    /// cell is then an error); returns all problems found.
    pub fn parse(files: &[SourceFile]) -> Result<Facts, Vec<Diagnostic>> {
        Facts::load(files, &mut |path| {
            Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                crate::t!("facts-file-not-available", file = path.display().to_string()),
            ))
        })
    }

    /// Parses every facts file, reads the spreadsheet cells facts take their values from
    /// (`read` gives a spreadsheet's bytes, by path relative to the project), computes the
    /// derived facts, and checks that every relation names facts that exist; returns all
    /// problems found.
    pub fn load(files: &[SourceFile], read: &mut cells::ReadFile<'_>) -> Result<Facts, Vec<Diagnostic>> {
        let mut facts = Facts::default();
        let mut pending = Vec::new();
        let mut errors = Vec::new();
        for file in files {
            parse::file(&mut facts, &mut pending, file, &mut errors);
        }
        cells::resolve(&mut facts, &pending, read, &mut errors);
        relations::resolve(&mut facts, &mut errors);
        if errors.is_empty() { Ok(facts) } else { Err(errors) }
    }

    /// Number of facts.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// True when there are no facts.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The tera context value: `{ namespace: { name: value } }`.
    pub fn context(&self) -> tera::Context {
        let mut tree: BTreeMap<&str, BTreeMap<&str, &FactValue>> = BTreeMap::new();
        for fact in self.by_key.values() {
            let (ns, name) = fact.key.split_once('.').expect("keys are namespace.name");
            tree.entry(ns).or_default().insert(name, &fact.value);
        }
        let mut ctx = tera::Context::new();
        for (ns, names) in tree {
            ctx.insert(ns.to_string(), &names);
        }
        ctx
    }

    /// Namespaces, sorted.
    pub fn namespaces(&self) -> Vec<&str> {
        let mut ns: Vec<&str> = self.by_key.keys().filter_map(|k| k.split_once('.').map(|(n, _)| n)).collect();
        ns.dedup();
        ns
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile { path: format!("content/facts/{name}").into(), text: text.into() }
    }

    #[test]
    fn facts_are_namespaced_by_file_and_located_by_line() {
        let f = Facts::parse(&[file("economy.yaml", "# c\ngrdp_2021:\n  value: 8.58\n  unit: \"%\"\n")]).unwrap();
        let fact = &f.by_key["economy.grdp_2021"];
        assert_eq!(fact.value, FactValue::Float(8.58));
        assert_eq!(fact.location.line, 2);
    }

    #[test]
    fn duplicate_keys_are_an_error_at_their_line_even_when_nested() {
        let e =
            Facts::parse(&[file("a.yaml", "x:\n  value: 1\n  unit: ha\nx:\n  value: 2\n  unit: ha\n")]).unwrap_err();
        assert!(e[0].message.contains("duplicate"), "{}", e[0].message);
        assert_eq!(e[0].code, Some(Code::FactDuplicateKey));
        assert_eq!(e[0].location.as_ref().unwrap().line, 4);
        let e = Facts::parse(&[file("a.yaml", "x:\n  value: 1\n  unit: ha\n  value: 2\ny:\n  value: 3\n  unit: ha\n")])
            .unwrap_err();
        assert!(e[0].message.contains("duplicate key `value`"), "{}", e[0].message);
        assert_eq!(e[0].code, Some(Code::FactDuplicateKey));
        assert_eq!(e[0].location.as_ref().unwrap().line, 4);
    }

    #[test]
    fn unknown_fact_field_is_an_error_naming_the_fact() {
        let e = Facts::parse(&[file("a.yaml", "x:\n  value: 1\n  unit: ha\n  nam: 2023\n")]).unwrap_err();
        assert!(
            e[0].message.contains("a.x") && e[0].message.contains("`nam` is not a field of a fact"),
            "{}",
            e[0].message
        );
        assert_eq!(e[0].location.as_ref().unwrap().line, 4, "at the field's own line");
    }

    #[test]
    fn names_must_be_identifiers() {
        assert!(is_valid_name("grdp_2021"));
        assert!(!is_valid_name("2021_grdp"));
        assert!(!is_valid_name("grdp-2021"));
        assert!(Facts::parse(&[file("Kinh-te.yaml", "")]).is_err());
    }
}
