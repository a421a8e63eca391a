//! Facts: every figure of the report, once, with its unit and meaning.
//!
//! Each `content/facts/<namespace>.yaml` maps fact names to facts; sections print them as
//! `{{ namespace.name | num }}`. This module parses and validates the files and builds the
//! tera context (namespace → name → value).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::SourceFile;
use crate::diagnostics::{Code, Diagnostic, Location};

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

impl std::fmt::Display for FactValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FactValue::Integer(i) => write!(f, "{i}"),
            FactValue::Float(x) => write!(f, "{x}"),
            FactValue::Text(t) => f.write_str(t),
        }
    }
}

/// The fields a fact may have in YAML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactSpec {
    value: FactValue,
    unit: String,
    #[serde(default)]
    meaning: Option<String>,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    estimate: bool,
    #[serde(default)]
    target: bool,
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
    /// The YAML file and line that define it.
    #[serde(skip)]
    pub location: Location,
}

/// All facts of a project, by full key (`namespace.name`), sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Facts by key.
    pub by_key: BTreeMap<String, Fact>,
}

/// A namespace or fact name: lowercase ASCII letters, digits and `_`, starting with a letter
/// (so tera can read it as an identifier).
pub fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Facts {
    /// Parses every facts file; returns all problems found.
    pub fn parse(files: &[SourceFile]) -> Result<Facts, Vec<Diagnostic>> {
        let mut facts = Facts::default();
        let mut errors = Vec::new();
        for file in files {
            if let Err(mut e) = facts.parse_file(file) {
                errors.append(&mut e);
            }
        }
        if errors.is_empty() { Ok(facts) } else { Err(errors) }
    }

    fn parse_file(&mut self, file: &SourceFile) -> Result<(), Vec<Diagnostic>> {
        let namespace = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        let whole_file = Location::from_line_col(&file.path, &file.text, 1, 1, 1);
        if !is_valid_name(&namespace) {
            return Err(vec![Diagnostic::error(format!(
                "`{}`: `{namespace}` cannot be a facts namespace",
                file.path.display()
            ))
            .at(whole_file)
            .help("name facts files with lowercase letters, digits and `_`, starting with a letter: `economy.yaml`")]);
        }
        let root = crate::yaml::parse(file, crate::limits::MAX_YAML_VALUES).map_err(|d| {
            // a key given twice in one mapping (YAML parsers often keep one silently)
            if d.message.contains("duplicate key") {
                vec![
                    d.code(Code::FactDuplicateKey)
                        .help("a name may appear once in each mapping: delete one of the two, or rename it"),
                ]
            } else {
                vec![d]
            }
        })?;
        let mapping = match root {
            serde_yaml::Value::Null => return Ok(()),
            serde_yaml::Value::Mapping(m) => m,
            _ => {
                return Err(vec![
                    Diagnostic::error(format!("`{}` must be a mapping of fact names to facts", file.path.display()))
                        .at(whole_file)
                        .help("write `name:` at the start of a line, then `value:` and `unit:` indented below it"),
                ]);
            }
        };
        let mut errors = Vec::new();
        for (key, value) in mapping {
            let Some(name) = key.as_str() else {
                errors.push(
                    Diagnostic::error(format!("`{}`: a fact name must be text, found {key:?}", file.path.display()))
                        .at(whole_file.clone()),
                );
                continue;
            };
            let location = key_location(&file.path, &file.text, name);
            if !is_valid_name(name) {
                errors.push(
                    Diagnostic::error(format!("`{name}` cannot be a fact name")).at(location).help(
                        "use lowercase ASCII letters, digits and `_`, starting with a letter: `grdp_growth_2021`",
                    ),
                );
                continue;
            }
            let spec: FactSpec = match serde_yaml::from_value(value) {
                Ok(s) => s,
                Err(e) => {
                    errors.push(
                        Diagnostic::error(format!("fact `{namespace}.{name}`: {e}")).at(location).help(
                            "a fact has `value` and `unit`, and may have `meaning`, `period`, `estimate: true`, `target: true`",
                        ),
                    );
                    continue;
                }
            };
            if let FactValue::Float(x) = spec.value
                && !x.is_finite()
            {
                errors.push(
                    Diagnostic::error(format!("fact `{namespace}.{name}` has the value {x}, which is not a figure"))
                        .at(location)
                        .help("write the figure as a plain number: `value: 8.58`"),
                );
                continue;
            }
            let key = format!("{namespace}.{name}");
            let fact = Fact {
                key: key.clone(),
                value: spec.value,
                unit: spec.unit,
                meaning: spec.meaning,
                period: spec.period,
                estimate: spec.estimate,
                target: spec.target,
                location,
            };
            self.by_key.insert(key, fact);
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
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

/// The line where a top-level `name:` key is written (the file start if not found).
fn key_location(path: &Path, text: &str, name: &str) -> Location {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let rest = line
            .strip_prefix(name)
            .or_else(|| line.strip_prefix('"').and_then(|l| l.strip_prefix(name)).and_then(|l| l.strip_prefix('"')));
        if let Some(rest) = rest
            && rest.trim_start().starts_with(':')
        {
            return Location::from_offset(path, text, offset, name.len());
        }
        offset += line.len();
    }
    Location::from_line_col(path, text, 1, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(e[0].message.contains("a.x") && e[0].message.contains("unknown field `nam`"), "{}", e[0].message);
        assert_eq!(e[0].location.as_ref().unwrap().line, 1);
    }

    #[test]
    fn names_must_be_identifiers() {
        assert!(is_valid_name("grdp_2021"));
        assert!(!is_valid_name("2021_grdp"));
        assert!(!is_valid_name("grdp-2021"));
        assert!(Facts::parse(&[file("Kinh-te.yaml", "")]).is_err());
    }
}
