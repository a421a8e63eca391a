//! Reading one facts file: YAML → facts, each with its relations parsed and located.
//!
//! A fact has exactly one of `value:` (written), `source:` (a spreadsheet cell, read by
//! [`super::cells`]) and `derived:` (computed by [`super::relations`]), and may have `check:`
//! (one expression, or a list; each a text or `{ expr: …, tolerance: … }`).

use std::path::Path;

use serde::Deserialize;

use super::cells::{CellSpec, Pending};
use super::expr::{self, ExprError};
use super::number::parse_vietnamese;
use super::relations::{Relation, RelationKind};
use super::written;
use super::{Fact, FactValue, Facts, is_valid_name};
use crate::diagnostics::{Code, Diagnostic, Location, SourceFile};
use crate::t;
use crate::yaml::typed::{self, TypedKind};

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

/// Parses `file` into `facts`; facts read from a cell are listed in `pending` (their value is
/// set once the spreadsheets are read). Problems go to `errors`.
pub(super) fn file(facts: &mut Facts, pending: &mut Vec<Pending>, file: &SourceFile, errors: &mut Vec<Diagnostic>) {
    let namespace = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let whole_file = Location::from_line_col(&file.path, &file.text, 1, 1, 1);
    if !is_valid_name(&namespace) {
        let suggestion = namespace.to_lowercase().replace(['-', ' ', '.'], "_");
        let help = if is_valid_name(&suggestion) {
            t!("facts-namespace-rename", name = format!("{suggestion}.yaml"))
        } else {
            t!("facts-namespace-help")
        };
        errors.push(
            Diagnostic::error(t!(
                "facts-bad-namespace",
                file = file.path.display().to_string(),
                namespace = namespace.as_str()
            ))
            .at(whole_file)
            .help(help),
        );
        return;
    }
    let root = match crate::yaml::parse(file, crate::limits::MAX_YAML_VALUES) {
        Ok(root) => root,
        // a key given twice in one mapping (YAML parsers often keep one silently)
        Err(d) if crate::yaml::is_duplicate_key(&d) => {
            errors.push(d.code(Code::FactDuplicateKey).help(t!("facts-duplicate-key-help")));
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
                Diagnostic::error(t!("facts-not-a-mapping", file = file.path.display().to_string()))
                    .at(whole_file)
                    .help(t!("facts-not-a-mapping-help")),
            );
            return;
        }
    };
    for (key, value) in mapping {
        let Some(name) = key.as_str() else {
            let found = serde_yaml::to_string(&key).unwrap_or_default().trim().to_string();
            errors.push(
                Diagnostic::error(t!("facts-name-not-text", file = file.path.display().to_string(), found = found))
                    .at(whole_file.clone())
                    .help(t!("facts-name-help")),
            );
            continue;
        };
        let (offset, location) = key_location(&file.path, &file.text, name);
        if !is_valid_name(name) {
            errors.push(Diagnostic::error(t!("facts-bad-name", name = name)).at(location).help(t!("facts-name-help")));
            continue;
        }
        let key = format!("{namespace}.{name}");
        let block = Block { file, start: offset };
        let spec: FactSpec = match serde_yaml::from_value(value) {
            Ok(s) => s,
            Err(e) => {
                errors.push(spec_error(&key, &e.to_string(), &block, location));
                continue;
            }
        };
        if let Some(fact) = fact(key, spec, location, &block, pending, errors) {
            if let Some(at) = &fact.value_location
                && let Some(warning) = super::written::ambiguous(&fact, at.clone())
            {
                facts.warnings.push(warning);
            }
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
        let end = self.end();
        let first = expression.lines().next().unwrap_or(expression);
        text[self.start..end].find(first).map(|i| self.start + i).filter(|_| !first.is_empty())
    }

    /// The byte offset where the fact's lines end: the next top-level line, or the file's end.
    fn end(&self) -> usize {
        let text = &self.file.text;
        let first_line_end = text[self.start..].find('\n').map_or(text.len(), |i| self.start + i + 1);
        text[first_line_end..]
            .split_inclusive('\n')
            .scan(first_line_end, |at, line| {
                let here = *at;
                *at += line.len();
                Some((here, line))
            })
            .find(|(_, line)| line.starts_with(|c: char| !c.is_whitespace() && c != '#'))
            .map_or(text.len(), |(at, _)| at)
    }

    /// The location of the line where `field:` is written in the fact (its key's when none).
    fn field(&self, field: &str, key: &Location) -> Location {
        let text = &self.file.text;
        let mut at = self.start;
        for line in text[self.start..self.end()].split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.strip_prefix(field).is_some_and(|rest| rest.trim_start().starts_with(':')) {
                let offset = at + line.len() - trimmed.len();
                return Location::from_offset(&self.file.path, text, offset, field.chars().count());
            }
            at += line.len();
        }
        key.clone()
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
        let message = if given.iter().any(|g| *g) {
            t!("facts-more-than-one-way", key = key.as_str())
        } else {
            t!("facts-no-value", key = key.as_str())
        };
        errors.push(Diagnostic::error(message).at(location).help(t!("facts-one-way-help")));
        return None;
    }
    if let Some(FactValue::Float(x)) = spec.value
        && !x.is_finite()
    {
        errors.push(
            Diagnostic::error(t!("facts-value-not-a-figure", key = key.as_str(), value = x.to_string()))
                .at(location)
                .help(t!("facts-value-not-a-figure-help")),
        );
        return None;
    }
    if let Some(d) = spec.decimals
        && d > 12
    {
        errors.push(
            Diagnostic::error(t!("facts-decimals-range", key = key.as_str(), decimals = d))
                .at(block.field("decimals", &location)),
        );
        return None;
    }
    for tolerance in spec.tolerance.into_iter().chain(spec.check.iter().flat_map(checks).filter_map(|c| c.1)) {
        if !(tolerance.is_finite() && tolerance >= 0.0) {
            errors.push(
                Diagnostic::error(t!("facts-tolerance", key = key.as_str(), tolerance = tolerance.to_string()))
                    .at(location.clone())
                    .help(t!("facts-tolerance-help")),
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
    let value_location = spec.value.as_ref().and_then(|_| written::value_written(block.file, block.start, block.end()));
    // a figure written the Vietnamese way (`"51.997"`, `"1,47"`) is the number a Vietnamese reads
    let (value, written_decimals) = match &spec.value {
        Some(FactValue::Text(text)) => match parse_vietnamese(text) {
            Some((value, decimals)) => (Some(value), decimals),
            None => (spec.value.clone(), None),
        },
        _ => (spec.value.clone(), None),
    };
    Some(Fact {
        key,
        // set from the cell (`source`) or the expression (`derived`) once the project is read
        value: value.unwrap_or(FactValue::Integer(0)),
        unit: spec.unit,
        meaning: spec.meaning,
        period: spec.period,
        estimate: spec.estimate,
        target: spec.target,
        decimals: spec.decimals.or(written_decimals),
        relations,
        source: None,
        location,
        value_location: value_location.map(|(at, _)| at),
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
        Diagnostic::error(t!("facts-expression-error", key = key, problem = e.message.as_str(), expression = text))
            .code(Code::RelationError)
            .at(at);
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

/// The fields of a fact, for "did you mean" and help.
const FIELDS: &[&str] = &[
    "value",
    "unit",
    "meaning",
    "period",
    "estimate",
    "target",
    "decimals",
    "derived",
    "check",
    "tolerance",
    "source",
];

/// What an office may write for a field in Vietnamese, and the field it means.
const VIETNAMESE_FIELDS: &[(&str, &str)] = &[
    ("gia_tri", "value"),
    ("giá trị", "value"),
    ("so_lieu", "value"),
    ("don_vi", "unit"),
    ("đơn vị", "unit"),
    ("nam", "period"),
    ("năm", "period"),
    ("ky", "period"),
    ("kỳ", "period"),
    ("y_nghia", "meaning"),
    ("ý nghĩa", "meaning"),
    ("mo_ta", "meaning"),
    ("nguon", "source"),
    ("uoc", "estimate"),
    ("ke_hoach", "target"),
];

/// A fact that cannot be read into its fields, in people's words, at the line of the field.
fn spec_error(key: &str, message: &str, block: &Block, location: Location) -> Diagnostic {
    let error = typed::parse(message);
    match &error.kind {
        TypedKind::UnknownField { field, .. } => {
            let guess = VIETNAMESE_FIELDS
                .iter()
                .find(|(v, _)| v == field)
                .map(|(_, f)| *f)
                .or_else(|| crate::diagnostics::closest(field, FIELDS.iter().copied(), 1).first().copied());
            let help = match guess {
                Some(f) => t!("facts-did-you-mean", field = f),
                None => t!("facts-fields-help"),
            };
            Diagnostic::error(t!("facts-unknown-field", key = key, field = field.as_str()))
                .at(block.field(field, &location))
                .help(help)
        }
        TypedKind::Missing { field } => Diagnostic::error(t!("facts-missing-field", key = key, field = field.as_str()))
            .at(location)
            .help(if field == "unit" { t!("facts-missing-unit-help") } else { t!("facts-fields-help") }),
        TypedKind::InvalidType { expected, .. } if expected.contains("struct") => {
            Diagnostic::error(t!("facts-not-a-block", key = key)).at(location).help(t!("facts-not-a-block-help"))
        }
        TypedKind::InvalidType { found, expected } if expected.contains("bool") => {
            let written = found.strip_prefix("string ").unwrap_or(found).trim_matches(['"', '`']).to_string();
            let field = ["estimate", "target"]
                .into_iter()
                .find(|f| block.field(f, &location) != location && typed::yes_no(&written).is_some())
                .unwrap_or("estimate");
            let help = match typed::yes_no(&written) {
                Some(b) => t!("facts-write-instead", line = format!("{field}: {b}")),
                None => t!("facts-yes-no-help"),
            };
            Diagnostic::error(t!("facts-yes-no", key = key, value = written.as_str()))
                .at(block.field(field, &location))
                .help(help)
        }
        TypedKind::InvalidType { found, expected } => Diagnostic::error(t!(
            "facts-wrong-kind",
            key = key,
            found = typed::found_words(found),
            expected = typed::expected_words(expected)
        ))
        .at(location)
        .help(t!("facts-fields-help")),
        // an untagged value that is neither a number nor a text (a list, a block)
        TypedKind::Other(m) if m.contains("FactValue") => Diagnostic::error(t!("facts-value-kind", key = key))
            .at(block.field("value", &location))
            .help(t!("facts-value-kind-help")),
        TypedKind::Other(m) if m.contains("Checks") || m.contains("CheckSpec") => {
            Diagnostic::error(t!("facts-check-kind", key = key))
                .at(block.field("check", &location))
                .help(t!("facts-check-kind-help"))
        }
        TypedKind::Other(_) | TypedKind::UnknownVariant { .. } => {
            Diagnostic::error(t!("facts-unreadable", key = key)).at(location).help(t!("facts-fields-help"))
        }
    }
}
