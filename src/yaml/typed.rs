//! The errors of reading YAML into baocao's own shapes (report.yaml, a fact), taken apart so
//! that each can be said in people's words: an unknown key, a value not among the allowed ones,
//! a value of another kind (a list for a text, a text for `true`/`false`), a missing key.

use crate::t;

/// A typed-read error: where in the file's structure (`signer`, `recipients[1]`; empty at the
/// top) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypedError {
    /// The path of the value: `signer`, `recipients[1]`, `replaces.date`.
    pub path: String,
    /// What is wrong.
    pub kind: TypedKind,
}

/// What a typed-read error says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TypedKind {
    /// A key that is not one of `expected`.
    UnknownField { field: String, expected: Vec<String> },
    /// A value that is not one of `expected` (`status: Draft`).
    UnknownVariant { value: String, expected: Vec<String> },
    /// A value of another kind: `found` and `expected` as the reader says them
    /// (`string "có"`, `a boolean`).
    InvalidType { found: String, expected: String },
    /// A key that must be there.
    Missing { field: String },
    /// Anything else (a message of baocao's own, such as a date that does not exist).
    Other(String),
}

impl TypedError {
    /// The last key of the path, without a list index: `recipients` for `recipients[1]`.
    pub fn field(&self) -> &str {
        let last = self.path.rsplit('.').next().unwrap_or("");
        last.split('[').next().unwrap_or(last)
    }

    /// The list index of the path's end, counted from 1 (`recipients[1]` → 2).
    pub fn item(&self) -> Option<usize> {
        let (_, index) = self.path.rsplit_once('[')?;
        index.trim_end_matches(']').parse::<usize>().ok().map(|i| i + 1)
    }
}

/// Takes a typed-read error message apart (without its ` at line L column C`).
pub(crate) fn parse(message: &str) -> TypedError {
    let message = message.find(" at line ").map_or(message, |i| &message[..i]);
    let kinds = ["unknown field", "unknown variant", "invalid type", "invalid value", "missing field"];
    let (path, rest) = match message.split_once(": ") {
        Some((path, rest))
            if !path.contains(' ') && (kinds.iter().any(|k| rest.starts_with(k)) || rest.starts_with('`')) =>
        {
            (path.to_string(), rest)
        }
        _ => (String::new(), message),
    };
    let ticked = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_string).collect() };
    let kind = if let Some(r) = rest.strip_prefix("unknown field ") {
        let (field, expected) = r.split_once(", expected").unwrap_or((r, ""));
        TypedKind::UnknownField { field: field.trim_matches('`').to_string(), expected: ticked(expected) }
    } else if let Some(r) = rest.strip_prefix("unknown variant ") {
        let (value, expected) = r.split_once(", expected").unwrap_or((r, ""));
        TypedKind::UnknownVariant { value: value.trim_matches('`').to_string(), expected: ticked(expected) }
    } else if let Some(r) = rest.strip_prefix("invalid type: ").or_else(|| rest.strip_prefix("invalid value: ")) {
        let (found, expected) = r.rsplit_once(", expected ").unwrap_or((r, ""));
        TypedKind::InvalidType { found: found.to_string(), expected: expected.to_string() }
    } else if let Some(r) = rest.strip_prefix("missing field ") {
        TypedKind::Missing { field: r.trim_matches('`').to_string() }
    } else {
        TypedKind::Other(rest.to_string())
    };
    TypedError { path, kind }
}

/// What the reader found, in words: `the text "có"`, `a list`, `the number 5`.
pub(crate) fn found_words(found: &str) -> String {
    let quoted = |s: &str| s.trim_matches(['"', '`']).to_string();
    if let Some(s) = found.strip_prefix("string ") {
        t!("yaml-found-text", text = quoted(s))
    } else if found.starts_with("map") {
        t!("yaml-found-block")
    } else if found.starts_with("sequence") {
        t!("yaml-found-list")
    } else if let Some(n) = found.strip_prefix("integer ").or_else(|| found.strip_prefix("floating point ")) {
        t!("yaml-found-number", number = quoted(n))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        t!("yaml-found-text", text = quoted(b))
    } else if found.starts_with("unit") {
        t!("yaml-found-nothing")
    } else {
        found.to_string()
    }
}

/// What the reader expected, in words: `a text`, `a list`, `true or false`, `a whole number`.
pub(crate) fn expected_words(expected: &str) -> String {
    if expected.contains("bool") {
        t!("yaml-expect-bool")
    } else if expected.contains("string") {
        t!("yaml-expect-text")
    } else if expected.contains("sequence") {
        t!("yaml-expect-list")
    } else if expected.contains("struct") || expected.contains("map") {
        t!("yaml-expect-block")
    } else if expected.contains("usize") || expected.contains("integer") || expected.contains("u32") {
        t!("yaml-expect-whole")
    } else if expected.contains("f64") || expected.contains("float") || expected.contains("number") {
        t!("yaml-expect-number")
    } else {
        t!("yaml-expect-other")
    }
}

/// The `true`/`false` a Vietnamese or English yes/no means (`có`, `không`, `yes`…).
pub(crate) fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "có" | "co" | "đúng" | "yes" | "y" | "bật" | "true" | "x" => Some(true),
        "không" | "khong" | "sai" | "no" | "n" | "tắt" | "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typed_errors_of_the_reader_are_taken_apart() {
        let e = parse("signer: unknown field `nam`, expected `titles` or `name` at line 11 column 3");
        assert_eq!(e.path, "signer");
        assert_eq!(
            e.kind,
            TypedKind::UnknownField { field: "nam".into(), expected: vec!["titles".into(), "name".into()] }
        );
        let e = parse("recipients[1]: invalid type: map, expected a string");
        assert_eq!((e.field(), e.item()), ("recipients", Some(2)));
        assert_eq!(e.kind, TypedKind::InvalidType { found: "map".into(), expected: "a string".into() });
        let e = parse("status: unknown variant `Draft`, expected `final` or `draft`");
        assert_eq!(
            e.kind,
            TypedKind::UnknownVariant { value: "Draft".into(), expected: vec!["final".into(), "draft".into()] }
        );
        let e = parse("missing field `unit`");
        assert_eq!((e.path.as_str(), e.kind), ("", TypedKind::Missing { field: "unit".into() }));
        let e = parse("watermark: invalid type: string \"có\", expected a boolean");
        assert_eq!(e.kind, TypedKind::InvalidType { found: "string \"có\"".into(), expected: "a boolean".into() });
        let e = parse("date: `2023-02-30` is not a valid date (input is out of range)");
        assert_eq!((e.path.as_str(), e.field()), ("date", "date"));
    }
}
