//! Reading one facts file: YAML → facts, each with its relations parsed and located.
//!
//! A fact has exactly one of `value:` (written), `source:` (a spreadsheet cell, read by
//! [`super::cells`]) and `derived:` (computed by [`super::relations`]), and may have `check:`
//! (one expression, or a list; each a text or `{ expr: …, tolerance: … }`).

use std::path::Path;

use serde::Deserialize;

use super::cells::{CellSpec, Pending};
use super::expr::{self, ExprError};
use super::relations::{Relation, RelationKind};
use super::{Fact, FactValue, Facts, is_valid_name};
use crate::diagnostics::{Code, Diagnostic, Location, SourceFile};

/// The fields a fact may have in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactSpec {
    #[serde(default)]
    value: Option<FactValue>,
    unit: String,
    #[serde(default)]
    meaning: Option<String>,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    estimate: bool,
    #[serde(default)]
    target: bool,
    #[serde(default)]
    decimals: Option<usize>,
    #[serde(default)]
    derived: Option<String>,
    #[serde(default)]
    check: Option<Checks>,
    #[serde(default)]
    tolerance: Option<f64>,
    #[serde(default)]
    source: Option<CellSpec>,
}

/// `check:` as written: one check or a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Checks {
    One(CheckSpec),
    Many(Vec<CheckSpec>),
}

/// One check: an expression, or an expression with its own tolerance.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum CheckSpec {
    Plain(String),
    Full(FullCheck),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FullCheck {
    expr: String,
    #[serde(default)]
    tolerance: Option<f64>,
}

const FIELDS_HELP: &str = "a fact has `unit` and one of `value`, `source` (a spreadsheet cell) or `derived` (an \
                           expression), and may have `meaning`, `period`, `estimate: true`, `target: true`, \
                           `decimals`, `check` and `tolerance`";

/// Parses `file` into `facts`; facts read from a cell are listed in `pending` (their value is
/// set once the spreadsheets are read). Problems go to `errors`.
pub(super) fn file(facts: &mut Facts, pending: &mut Vec<Pending>, file: &SourceFile, errors: &mut Vec<Diagnostic>) {
    let namespace = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let whole_file = Location::from_line_col(&file.path, &file.text, 1, 1, 1);
    if !is_valid_name(&namespace) {
        errors.push(
            Diagnostic::error(format!("`{}`: `{namespace}` cannot be a facts namespace", file.path.display()))
                .at(whole_file)
                .help(
                    "name facts files with lowercase letters, digits and `_`, starting with a letter: `economy.yaml`",
                ),
        );
        return;
    }
    let root = match crate::yaml::parse(file, crate::limits::MAX_YAML_VALUES) {
        Ok(root) => root,
        // a key given twice in one mapping (YAML parsers often keep one silently)
        Err(d) if d.message.contains("duplicate key") => {
            errors.push(
                d.code(Code::FactDuplicateKey)
                    .help("a name may appear once in each mapping: delete one of the two, or rename it"),
            );
            return;
        }
        Err(d) => {
            errors.push(d);
            return;
        }
    };
    let mapping = match root {
        serde_yaml::Value::Null => return,
        serde_yaml::Value::Mapping(m) => m,
        _ => {
            errors.push(
                Diagnostic::error(format!("`{}` must be a mapping of fact names to facts", file.path.display()))
                    .at(whole_file)
                    .help("write `name:` at the start of a line, then `value:` and `unit:` indented below it"),
            );
            return;
        }
    };
    for (key, value) in mapping {
        let Some(name) = key.as_str() else {
            errors.push(
                Diagnostic::error(format!("`{}`: a fact name must be text, found {key:?}", file.path.display()))
                    .at(whole_file.clone()),
            );
            continue;
        };
        let (offset, location) = key_location(&file.path, &file.text, name);
        if !is_valid_name(name) {
            errors.push(
                Diagnostic::error(format!("`{name}` cannot be a fact name"))
                    .at(location)
                    .help("use lowercase ASCII letters, digits and `_`, starting with a letter: `grdp_growth_2021`"),
            );
            continue;
        }
        let key = format!("{namespace}.{name}");
        let spec: FactSpec = match serde_yaml::from_value(value) {
            Ok(s) => s,
            Err(e) => {
                errors.push(Diagnostic::error(format!("fact `{key}`: {e}")).at(location).help(FIELDS_HELP));
                continue;
            }
        };
        let block = Block { file, start: offset };
        if let Some(fact) = fact(key, spec, location, &block, pending, errors) {
            facts.by_key.insert(fact.key.clone(), fact);
        }
    }
}

/// Where a fact is written in its file: from its key line to the next top-level line.
struct Block<'a> {
    file: &'a SourceFile,
    start: usize,
}

impl Block<'_> {
    /// The byte offset in the file where `expression` is written within the fact, if it is
    /// written on one line as is (a quoted or plain YAML scalar).
    fn find(&self, expression: &str) -> Option<usize> {
        let text = &self.file.text;
        let first_line_end = text[self.start..].find('\n').map_or(text.len(), |i| self.start + i + 1);
        let end = text[first_line_end..]
            .split_inclusive('\n')
            .scan(first_line_end, |at, line| {
                let here = *at;
                *at += line.len();
                Some((here, line))
            })
            .find(|(_, line)| line.starts_with(|c: char| !c.is_whitespace() && c != '#'))
            .map_or(text.len(), |(at, _)| at);
        let first = expression.lines().next().unwrap_or(expression);
        text[self.start..end].find(first).map(|i| self.start + i).filter(|_| !first.is_empty())
    }

    /// The location of `span` (bytes of `expression`), or of the fact's key when the expression
    /// cannot be found as written.
    fn locate(&self, expression: &str, span: std::ops::Range<usize>, key: &Location) -> Location {
        match self.find(expression) {
            Some(at) if span.end <= expression.lines().next().unwrap_or("").len() => {
                Location::from_offset(&self.file.path, &self.file.text, at + span.start, span.len().max(1))
            }
            Some(at) => Location::from_offset(&self.file.path, &self.file.text, at, 1),
            None => key.clone(),
        }
    }
}

/// The fact described by `spec`, or `None` with its problems added to `errors`.
fn fact(
    key: String,
    spec: FactSpec,
    location: Location,
    block: &Block,
    pending: &mut Vec<Pending>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Fact> {
    let given = [spec.value.is_some(), spec.source.is_some(), spec.derived.is_some()];
    if given.iter().filter(|g| **g).count() != 1 {
        let what = if given.iter().any(|g| *g) {
            "has more than one of `value`, `source` and `derived`"
        } else {
            "has no `value`, `source` or `derived`"
        };
        errors.push(Diagnostic::error(format!("fact `{key}` {what}")).at(location).help(
            "give the figure one way: `value: 58` (written), `source: { file: …, sheet: …, cell: B7 }` (a spreadsheet \
             cell) or `derived: a.x + a.y` (computed); to compare a written figure with others, use `check:`",
        ));
        return None;
    }
    if let Some(FactValue::Float(x)) = spec.value
        && !x.is_finite()
    {
        errors.push(
            Diagnostic::error(format!("fact `{key}` has the value {x}, which is not a figure"))
                .at(location)
                .help("write the figure as a plain number: `value: 8.58`"),
        );
        return None;
    }
    if let Some(d) = spec.decimals
        && d > 12
    {
        errors.push(
            Diagnostic::error(format!("fact `{key}`: `decimals: {d}` must be between 0 and 12")).at(location.clone()),
        );
        return None;
    }
    for tolerance in spec.tolerance.into_iter().chain(spec.check.iter().flat_map(checks).filter_map(|c| c.1)) {
        if !(tolerance.is_finite() && tolerance >= 0.0) {
            errors.push(
                Diagnostic::error(format!("fact `{key}`: the tolerance {tolerance} must be a figure of 0 or more"))
                    .at(location.clone())
                    .help("write how far the stated value may be from the computed one: `tolerance: 0.05`"),
            );
            return None;
        }
    }
    let mut relations = Vec::new();
    let mut ok = true;
    let mut relation = |kind, text: &str, tolerance: Option<f64>| match expr::parse(text) {
        Ok(parsed) => {
            let at = block.locate(text, 0..text.lines().next().unwrap_or("").len(), &location);
            relations.push(Relation { kind, expression: text.to_string(), tolerance, parsed, location: at });
        }
        Err(e) => {
            errors.push(expression_error(&key, text, &e, block.locate(text, e.span.clone(), &location)));
            ok = false;
        }
    };
    if let Some(text) = &spec.derived {
        relation(RelationKind::Derived, text, None);
    }
    for (text, tolerance) in spec.check.iter().flat_map(checks) {
        relation(RelationKind::Check, text, tolerance.or(spec.tolerance));
    }
    if !ok {
        return None;
    }
    if let Some(cell) = spec.source {
        pending.push(Pending { key: key.clone(), spec: cell, location: location.clone() });
    }
    Some(Fact {
        key,
        // set from the cell (`source`) or the expression (`derived`) once the project is read
        value: spec.value.unwrap_or(FactValue::Integer(0)),
        unit: spec.unit,
        meaning: spec.meaning,
        period: spec.period,
        estimate: spec.estimate,
        target: spec.target,
        decimals: spec.decimals,
        relations,
        source: None,
        location,
    })
}

/// The checks of `check:`, each with its own tolerance.
fn checks(c: &Checks) -> Vec<(&str, Option<f64>)> {
    fn one(c: &CheckSpec) -> (&str, Option<f64>) {
        match c {
            CheckSpec::Plain(t) => (t.as_str(), None),
            CheckSpec::Full(f) => (f.expr.as_str(), f.tolerance),
        }
    }
    match c {
        Checks::One(c) => vec![one(c)],
        Checks::Many(cs) => cs.iter().map(one).collect(),
    }
}

/// An expression that cannot be read, at its place in the YAML line.
pub(super) fn expression_error(key: &str, text: &str, e: &ExprError, at: Location) -> Diagnostic {
    let mut d =
        Diagnostic::error(format!("fact `{key}`: {} (in `{text}`)", e.message)).code(Code::RelationError).at(at);
    if let Some(h) = &e.help {
        d = d.help(h.clone());
    }
    d
}

/// The offset and location of the line where a top-level `name:` key is written (the file
/// start if not found).
fn key_location(path: &Path, text: &str, name: &str) -> (usize, Location) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let rest = line
            .strip_prefix(name)
            .or_else(|| line.strip_prefix('"').and_then(|l| l.strip_prefix(name)).and_then(|l| l.strip_prefix('"')));
        if let Some(rest) = rest
            && rest.trim_start().starts_with(':')
        {
            return (offset, Location::from_offset(path, text, offset, name.len()));
        }
        offset += line.len();
    }
    (0, Location::from_line_col(path, text, 1, 1, 1))
}
