//! Relations between facts: how a fact is derived from others (`derived:`), and the checks its
//! stated value must pass (`check:`).
//!
//! When the project is loaded, [`resolve`] makes sure every expression names facts that exist
//! and computes every derived value in dependency order (a cycle is an error), rounded to the
//! fact's `decimals:` when it has them — so tera prints a derived fact like any other. The
//! checks are evaluated by `check` ([`crate::check::relations`]) with [`Relation::compare`]:
//! a stated value agrees with the computed one when both print the same once rounded to the
//! decimals the report gives the figure (8,58 % printed → the computed value must round to
//! 8,58), or, with a `tolerance:`, when they are at most that far apart.

use std::collections::BTreeMap;

use serde::Serialize;

use super::expr::{self, Expr, ExprError, show_rounded};
use super::{FactValue, Facts};
use crate::diagnostics::{Code, Diagnostic, Location};

/// What a relation says about its fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// The fact's value is computed by the expression.
    Derived,
    /// The fact's stated value must agree with the expression.
    Check,
}

/// A relation of a fact: its expression, parsed, and where it is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    /// `derived` or `check`.
    pub kind: RelationKind,
    /// The expression as written: `industry.a + industry.b`.
    pub expression: String,
    /// How far the stated value may be from the computed one (checks only); `None`: they must
    /// print the same.
    pub tolerance: Option<f64>,
    /// The expression, parsed.
    #[serde(skip)]
    pub parsed: Expr,
    /// Where the expression is written in the facts file.
    #[serde(serialize_with = "serialize_place")]
    pub location: Location,
}

fn serialize_place<S: serde::Serializer>(l: &Location, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct("Place", 3)?;
    st.serialize_field("path", &crate::diagnostics::slash_path(&l.path))?;
    st.serialize_field("line", &l.line)?;
    st.serialize_field("column", &l.column)?;
    st.end()
}

/// The outcome of comparing a stated value with a relation.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// They agree.
    pub agrees: bool,
    /// The arithmetic, with the figures: `33 + 25 = 58 ≠ 57` (or `= 58` when it agrees).
    pub arithmetic: String,
    /// The computed value, unrounded.
    pub computed: f64,
}

impl Relation {
    /// The relation's value, from the facts' values.
    pub fn evaluate(&self, facts: &Facts) -> Result<f64, ExprError> {
        self.parsed.eval(&|key| figure(facts, key))
    }

    /// Compares `stated`, printed with `decimals`, with the computed value.
    pub fn compare(&self, facts: &Facts, stated: f64, decimals: usize) -> Result<Comparison, ExprError> {
        let computed = self.evaluate(facts)?;
        let shown = self.parsed.show(&|key| facts.by_key.get(key).and_then(|f| f.value.as_f64()));
        let (agrees, arithmetic) = match self.tolerance {
            None => {
                let (c, s) = (show_rounded(computed, decimals), show_rounded(stated, decimals));
                (c == s, format!("{shown} = {c}{}", if c == s { String::new() } else { format!(" ≠ {s}") }))
            }
            Some(t) => {
                let off = (computed - stated).abs();
                let agrees = off <= t + 1e-9 * t.max(stated.abs()).max(1.0);
                let c = show_rounded(computed, decimals.max(expr::decimals_of(t)));
                let s = expr::show_number(stated);
                let sign = if agrees { "≈" } else { "≠" };
                let arithmetic = crate::t!(
                    "facts-arithmetic-tolerance",
                    shown = shown,
                    computed = c,
                    sign = sign,
                    stated = s,
                    tolerance = expr::show_number(t)
                );
                (agrees, arithmetic)
            }
        };
        Ok(Comparison { agrees, arithmetic, computed })
    }
}

/// The figure of fact `key`, or why there is none.
pub fn figure(facts: &Facts, key: &str) -> Result<f64, String> {
    match facts.by_key.get(key) {
        None => Err(crate::t!("facts-no-such-fact", key = key)),
        Some(f) => {
            f.value.as_f64().ok_or_else(|| crate::t!("facts-text-not-figure", key = key, value = f.value.to_string()))
        }
    }
}

/// Checks that every relation names facts that exist, then computes every derived fact's
/// value in dependency order. Problems go to `errors` (code `relation-error`).
pub(super) fn resolve(facts: &mut Facts, errors: &mut Vec<Diagnostic>) {
    let mut broken = false;
    for fact in facts.by_key.values() {
        for r in &fact.relations {
            for (key, span) in r.parsed.keys() {
                if !facts.by_key.contains_key(key) {
                    broken = true;
                    let names = facts.by_key.keys().map(String::as_str);
                    let closest = crate::diagnostics::closest(key, names, 3);
                    let message = if r.kind == RelationKind::Derived {
                        crate::t!(
                            "facts-derivation-names-no-fact",
                            fact = &fact.key,
                            expression = &r.expression,
                            key = key
                        )
                    } else {
                        crate::t!("facts-check-names-no-fact", fact = &fact.key, expression = &r.expression, key = key)
                    };
                    let mut d = Diagnostic::error(message).code(Code::RelationError).at(at_span(
                        &r.location,
                        &r.expression,
                        span,
                    ));
                    d = d.help(if closest.is_empty() {
                        crate::t!("facts-name-a-fact-help")
                    } else {
                        let names = closest.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
                        crate::t!("facts-did-you-mean-fact", names = names)
                    });
                    errors.push(d);
                }
            }
        }
    }
    if broken {
        return;
    }
    // derived facts in dependency order: depth-first, with the path kept to name a cycle
    let derived: Vec<String> = facts
        .by_key
        .values()
        .filter(|f| f.relations.iter().any(|r| r.kind == RelationKind::Derived))
        .map(|f| f.key.clone())
        .collect();
    let mut state: BTreeMap<String, State> = BTreeMap::new();
    for key in derived {
        let mut path = Vec::new();
        if visit(facts, &key, &mut state, &mut path, errors).is_err() {
            return;
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Visiting,
    Done,
}

/// Computes `key` (a derived fact) after the derived facts it names.
fn visit(
    facts: &mut Facts,
    key: &str,
    state: &mut BTreeMap<String, State>,
    path: &mut Vec<String>,
    errors: &mut Vec<Diagnostic>,
) -> Result<(), ()> {
    let Some(relation) =
        facts.by_key.get(key).and_then(|f| f.relations.iter().find(|r| r.kind == RelationKind::Derived))
    else {
        return Ok(());
    };
    let relation = relation.clone();
    match state.get(key) {
        Some(State::Done) => return Ok(()),
        Some(State::Visiting) => {
            let from = path.iter().position(|k| k == key).unwrap_or(0);
            let cycle: Vec<&str> = path[from..].iter().map(String::as_str).chain([key]).collect();
            errors.push(
                Diagnostic::error(crate::t!("facts-derived-from-itself", key = key, cycle = cycle.join(" → ")))
                    .code(Code::RelationError)
                    .at(relation.location.clone())
                    .help(crate::t!("facts-derived-from-itself-help")),
            );
            return Err(());
        }
        None => {}
    }
    state.insert(key.to_string(), State::Visiting);
    path.push(key.to_string());
    for (dependency, _) in relation.parsed.keys() {
        visit(facts, dependency, state, path, errors)?;
    }
    path.pop();
    state.insert(key.to_string(), State::Done);
    match relation.evaluate(facts) {
        Ok(x) => {
            let fact = facts.by_key.get_mut(key).expect("the fact exists");
            let x = match fact.decimals {
                Some(d) => expr::round_decimal(x, d),
                None => x,
            };
            fact.value = FactValue::from_f64(x);
        }
        Err(e) => {
            errors.push(
                Diagnostic::error(crate::t!(
                    "facts-cannot-derive",
                    key = key,
                    problem = &e.message,
                    expression = &relation.expression
                ))
                .code(Code::RelationError)
                .at(at_span(&relation.location, &relation.expression, e.span.clone()))
                .help(e.help.unwrap_or_else(|| crate::t!("facts-cannot-derive-help"))),
            );
        }
    }
    Ok(())
}

/// The location of `span` (bytes of the expression) when the expression starts at `start`.
/// (The expression's own location when it is not written as is on that line.)
pub fn at_span(start: &Location, expression: &str, span: std::ops::Range<usize>) -> Location {
    let chars: Vec<(usize, char)> = start.line_text.char_indices().collect();
    let begin_byte = chars.get(start.column - 1).map_or(start.line_text.len(), |c| c.0);
    let text = &start.line_text[begin_byte..];
    let first = expression.lines().next().unwrap_or("");
    if first.is_empty() || !text.starts_with(first) {
        return start.clone();
    }
    let column = start.column + text[..span.start.min(text.len())].chars().count();
    let width = text[span.start.min(text.len())..span.end.min(text.len())].chars().count();
    Location { column, width: width.max(1), ..start.clone() }
}
