//! Reading YAML safely, for `report.yaml` and the facts files: one reader, one error mapper.
//!
//! serde_yaml expands aliases (`*name`) by replaying the anchored values at every use. Its own
//! guard (100 alias uses per YAML event) stops the exponential "billion laughs" but not a
//! quadratic bomb: a 150 KB file holding a list of 30 000 values and a list of 30 000 aliases to
//! it expands to 9 × 10⁸ values (minutes and gigabytes). [`parse`] therefore builds the value
//! tree itself, counting every value as serde_yaml hands it over, and stops at a limit
//! ([`crate::limits::MAX_YAML_VALUES`]). It also refuses YAML tags (`!fact`, which baocao would otherwise
//! silently drop) and reports a duplicate key at the line of its second occurrence.

use std::cell::Cell;
use std::fmt;
use std::path::Path;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Value};

use crate::diagnostics::SourceFile;
use crate::diagnostics::{Diagnostic, Location};
use crate::t;

pub(crate) mod typed;

/// Parses a YAML file into a value tree of at most `max_values` values
/// ([`crate::limits::MAX_YAML_VALUES`] for facts, [`crate::limits::MAX_REPORT_VALUES`] for
/// report.yaml); a YAML error, a tag, a duplicate key or
/// too many values become a diagnostic at the file, line and column.
pub(crate) fn parse(file: &SourceFile, max_values: usize) -> Result<Value, Diagnostic> {
    let count = Cell::new(0);
    let deserializer = serde_yaml::Deserializer::from_str(&file.text);
    Limited { count: &count, max: max_values, siblings: None }.deserialize(deserializer).map_err(|e| {
        let mut d = yaml_error(&file.path, &file.text, &e);
        let repeated = e.to_string().contains("repetition limit exceeded");
        if repeated {
            // serde_yaml's own guard against nested aliases: no place in its error; show the
            // first alias
            d.message = t!("yaml-aliases-too-many", file = file.path.display().to_string());
            if let Some(at) = first_alias(&file.text) {
                d = d.at(Location::from_offset(&file.path, &file.text, at, 1));
            }
        }
        if repeated || e.to_string().contains(TOO_MANY) {
            d.help(t!("yaml-aliases-too-many-help", max = max_values))
        } else if e.to_string().contains(TAGGED) {
            d.help(t!("yaml-tag-help"))
        } else {
            d
        }
    })
}

const TOO_MANY: &str = "too many values";

/// The byte offset of the first alias (`*name` after a space, `[`, `,` or `:`), if any.
fn first_alias(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (1..bytes.len()).find(|&i| {
        bytes[i] == b'*'
            && matches!(bytes[i - 1], b' ' | b'[' | b',' | b':' | b'\t')
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    })
}
const TAGGED: &str = "YAML tag";

/// A YAML error as a diagnostic at its line and column (when the parser knows them), said in
/// people's words: the line of the mistake (the parser often stops a line later), what is wrong
/// and how to write it.
pub(crate) fn yaml_error(path: &Path, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml appends " at line L column C" and libyaml ", while parsing … at line L column C"
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let context = full.split_once(", while ").and_then(|(_, c)| line_column(c));
    // libyaml's reader errors ("control characters are not allowed at position 27") give a
    // byte offset, and no line
    if let Some((_, offset)) = message.rsplit_once(" at position ")
        && let Ok(offset) = offset.trim().parse::<usize>()
    {
        return Diagnostic::error(t!("yaml-control-character", file = path.display().to_string()))
            .at(Location::from_offset(path, text, offset, 1))
            .help(t!("yaml-control-character-help"));
    }
    let Some(loc) = e.location() else {
        return Diagnostic::error(format!("{}: {}", path.display(), own_message(&message)));
    };
    let (line, column) = (loc.line(), loc.column());
    let at = |line: usize, column: usize| Location::from_line_col(path, text, line, column, 1);
    let line_text = |n: usize| text.split('\n').nth(n.saturating_sub(1)).unwrap_or("").trim_end_matches('\r');
    let file = path.display().to_string();
    let indent_of = |s: &str| s.len() - s.trim_start_matches([' ', '\t']).len();
    let syntax = full.contains(", while ")
        || message.starts_with("found ")
        || message.contains("not allowed")
        || message.contains("did not find")
        || message.contains("could not find");
    if syntax
        && let Some(tab_line) = [line, context.map_or(line, |c| c.0)]
            .into_iter()
            .chain(line.checked_sub(1))
            .find(|&n| line_text(n)[..indent_of(line_text(n))].contains('\t'))
    {
        return Diagnostic::error(t!("yaml-tab", file = file.as_str(), line = tab_line))
            .at(at(tab_line, 1))
            .help(t!("yaml-tab-help"));
    }
    if message.contains("mapping values are not allowed") {
        let this = line_text(line);
        let before = (1..line).rev().map(line_text).find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        // `  value: 1` then `    unit: ha`: the deeper line continues the value above
        if let Some(before) = before
            && indent_of(this) > indent_of(before)
            && before.trim_end().split_once(": ").is_some_and(|(_, v)| !v.trim().is_empty())
        {
            return Diagnostic::error(t!("yaml-indented-too-far", file = file.as_str()))
                .at(Location::from_line_col(path, text, line, indent_of(this) + 1, 1))
                .help(t!("yaml-indented-too-far-help", spaces = indent_of(before)));
        }
        return Diagnostic::error(t!("yaml-colon-in-text", file = file.as_str()))
            .at(at(line, column))
            .help(t!("yaml-colon-in-text-help", fixed = quoted_line(this)));
    }
    if message.contains("could not find expected ':'") {
        let key_line = context.map_or(line.saturating_sub(1).max(1), |c| c.0);
        return Diagnostic::error(t!("yaml-missing-colon", file = file.as_str(), line = key_line))
            .at(at(key_line, context.map_or(1, |c| c.1)))
            .help(t!("yaml-missing-colon-help"));
    }
    if message.contains("did not find expected key") || message.contains("did not find expected '-' indicator") {
        let list = message.contains("'-'");
        let mut d = Diagnostic::error(if list {
            t!("yaml-list-not-lined-up", file = file.as_str())
        } else {
            t!("yaml-not-lined-up", file = file.as_str())
        })
        .at(at(line, column));
        // `   value: 1` (3 spaces) then `  unit: ha` (2, as everywhere else): the mistake is the line above
        let usual = usual_indent(text);
        let above =
            (1..line).rev().find(|&n| !line_text(n).trim().is_empty() && !line_text(n).trim_start().starts_with('#'));
        if let Some(above) = above
            && !list
            && indent_of(line_text(line)) == usual
            && indent_of(line_text(above)) > usual
        {
            let spaces = indent_of(line_text(above));
            return Diagnostic::error(t!(
                "yaml-indent-differs",
                file = file.as_str(),
                line = above,
                spaces = spaces,
                usual = usual
            ))
            .at(at(above, spaces + 1))
            .help(t!("yaml-not-lined-up-help"));
        }
        if let Some((start, start_column)) = context
            && start != line
        {
            d = d.note(t!("yaml-block-starts-here", spaces = start_column - 1), at(start, start_column));
        }
        return d.help(t!("yaml-not-lined-up-help"));
    }
    if message.contains("end of stream") && message.contains("quoted")
        || full.contains("while scanning a quoted scalar")
    {
        let open = context.unwrap_or((line, column));
        return Diagnostic::error(t!("yaml-unclosed-quote", file = file.as_str(), line = open.0))
            .at(at(open.0, open.1))
            .help(t!("yaml-unclosed-quote-help"));
    }
    if message.contains("cannot start any token") {
        let c = line_text(line).chars().nth(column.saturating_sub(1)).unwrap_or(' ');
        return Diagnostic::error(t!("yaml-bad-start", file = file.as_str(), character = c.to_string()))
            .at(at(line, column))
            .help(t!("yaml-colon-in-text-help", fixed = quoted_line(line_text(line))));
    }
    let mut at_line = at(line, column);
    if let Some(second) = duplicate_key_line(&message, text, line) {
        at_line = at(second, 1);
        at_line.column = at_line.line_text.len() - at_line.line_text.trim_start().len() + 1;
    }
    Diagnostic::error(format!("{file}: {}", own_message(&message))).at(at_line)
}

/// Whether `d` is the reader's error for a key given twice in one mapping.
pub(crate) fn is_duplicate_key(d: &Diagnostic) -> bool {
    const SENTINEL: &str = "\u{E000}key\u{E000}";
    let probe = t!("yaml-duplicate-key", key = SENTINEL);
    let (before, after) = probe.split_once(SENTINEL).unwrap_or((&probe, ""));
    d.message.contains(before) && d.message.ends_with(after)
}

/// The most common indentation of the indented `key:` lines of a file (2 when there are none).
fn usual_indent(text: &str) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for line in text.lines() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent > 0 && !trimmed.starts_with(['-', '#']) && trimmed.contains(':') {
            *counts.entry(indent).or_insert(0usize) += 1;
        }
    }
    counts.into_iter().max_by_key(|(indent, n)| (*n, usize::MAX - indent)).map_or(2, |(indent, _)| indent)
}

/// The `(line, column)` of a libyaml context (`scanning a simple key at line 6 column 1`).
fn line_column(context: &str) -> Option<(usize, usize)> {
    let (_, rest) = context.rsplit_once(" at line ")?;
    let (line, column) = rest.split_once(" column ")?;
    Some((line.trim().parse().ok()?, column.trim().trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()?))
}

/// baocao's own reader messages (a duplicate key, too many values, a tag) in the run's language;
/// a parser's message that has no words of ours is kept, after a sentence that says what to do.
fn own_message(message: &str) -> String {
    // a nested value's error starts with its path: `x: duplicate key `value``
    let message = ["duplicate key ", TOO_MANY, TAGGED]
        .iter()
        .find_map(|own| message.find(own).map(|i| &message[i..]))
        .unwrap_or(message);
    if let Some(key) = message.strip_prefix("duplicate key ") {
        return t!("yaml-duplicate-key", key = key.trim_matches('`'));
    }
    if let Some(rest) = message.strip_prefix(&format!("{TOO_MANY}: more than ")) {
        return t!("yaml-too-many", max = rest.split(' ').next().unwrap_or(rest));
    }
    if let Some(rest) = message.strip_prefix(&format!("{TAGGED} `!")) {
        return t!("yaml-tag", tag = rest.split('`').next().unwrap_or(rest));
    }
    if message.contains("duplicate field") {
        return t!("yaml-duplicate-key", key = message.split('`').nth(1).unwrap_or(""));
    }
    t!("yaml-unreadable", detail = message)
}

/// The line with its text in double quotes after the key or list marker:
/// `  - Lưu: VT, TH. VĐC.` → `  - "Lưu: VT, TH. VĐC."`, `summary: Kết quả: năm 2023` →
/// `summary: "Kết quả: năm 2023"`.
pub(crate) fn quoted_line(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let (head, body) = if let Some(item) = trimmed.strip_prefix("- ") {
        (format!("{indent}- "), item)
    } else {
        match trimmed.split_once(": ") {
            Some((key, value)) if !key.contains(' ') => (format!("{indent}{key}: "), value),
            _ => (indent.to_string(), trimmed),
        }
    };
    let body = body.trim().replace('\\', "\\\\").replace('"', "\\\"");
    format!("{head}\"{body}\"")
}

/// For serde's "duplicate field `k`", the line of the second `k:` after the mapping starts
/// (serde reports the mapping's start, where the first one is).
fn duplicate_key_line(message: &str, text: &str, from_line: usize) -> Option<usize> {
    let key = message.split("duplicate field `").nth(1)?.split('`').next()?;
    let mut seen = 0;
    for (i, line) in text.split('\n').enumerate().skip(from_line.saturating_sub(1)) {
        let trimmed = line.trim_start().trim_start_matches("- ");
        let written = trimmed.strip_prefix(key).or_else(|| trimmed.strip_prefix(&format!("\"{key}\"")));
        if written.is_some_and(|rest| rest.trim_start().starts_with(':')) {
            seen += 1;
            if seen == 2 {
                return Some(i + 1);
            }
        }
    }
    None
}

/// Deserializes one YAML value, counting it (and, through nested seeds, every value inside).
/// `siblings` is the mapping a key is being read for, to refuse a duplicate key where it is.
struct Limited<'a> {
    count: &'a Cell<usize>,
    max: usize,
    siblings: Option<&'a Mapping>,
}

impl Limited<'_> {
    fn counted<E: de::Error>(&self, value: Value) -> Result<Value, E> {
        self.count.set(self.count.get() + 1);
        if self.count.get() > self.max {
            return Err(E::custom(format!("{TOO_MANY}: more than {}", self.max)));
        }
        if let Some(map) = self.siblings
            && map.contains_key(&value)
        {
            let shown = match &value {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
            };
            return Err(E::custom(format!("duplicate key `{shown}`")));
        }
        Ok(value)
    }
}

impl<'de> DeserializeSeed<'de> for Limited<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Limited<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.counted(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.counted(Value::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.counted(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.counted(Value::Number(v.into()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.counted(Value::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.counted(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.counted(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.counted(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Limited { count: self.count, max: self.max, siblings: None })? {
            items.push(item);
        }
        self.counted(Value::Sequence(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        loop {
            let key = map.next_key_seed(Limited { count: self.count, max: self.max, siblings: Some(&mapping) })?;
            let Some(key) = key else { break };
            let value = map.next_value_seed(Limited { count: self.count, max: self.max, siblings: None })?;
            mapping.insert(key, value);
        }
        self.counted(Value::Mapping(mapping))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // serde_yaml hands a value with a tag (`!name value`) over as an enum
        let (tag, _) = data.variant::<String>()?;
        Err(de::Error::custom(format!("{TAGGED} `!{tag}` is not used by baocao")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::MAX_YAML_VALUES;

    fn parse_facts(file: &SourceFile) -> Result<Value, Diagnostic> {
        parse(file, MAX_YAML_VALUES)
    }

    fn file(text: &str) -> SourceFile {
        SourceFile { path: "content/facts/a.yaml".into(), text: text.into() }
    }

    #[test]
    fn plain_yaml_reads_as_serde_yaml_reads_it() {
        let text = "a:\n  value: 8.58\n  unit: \"%\"\nb: [1, -2, x, ~, true]\nc: &c {k: v}\nd: *c\n";
        assert_eq!(parse_facts(&file(text)).unwrap(), serde_yaml::from_str::<Value>(text).unwrap());
    }

    #[test]
    fn a_quadratic_alias_bomb_stops_at_the_limit() {
        let n = 2_000;
        let text = format!("a: &a [{}]\nb: [{}]\n", vec!["1"; n].join(","), vec!["*a"; n].join(","));
        let started = std::time::Instant::now();
        let d = parse_facts(&file(&text)).unwrap_err();
        assert!(d.message.contains("too many values"), "{}", d.message);
        assert!(d.help.as_deref().unwrap_or("").contains("alias (`*name`)"), "{d:?}");
        assert!(started.elapsed().as_secs() < 10);
    }

    #[test]
    fn a_tag_is_refused_at_its_line() {
        let d = parse_facts(&file("a:\n  value: 1\nb: !fact\n  value: 2\n")).unwrap_err();
        assert!(d.message.contains("YAML tag `!fact`"), "{}", d.message);
        assert_eq!(d.location.unwrap().line, 3);
    }

    #[test]
    fn a_duplicate_key_is_reported_at_its_second_occurrence() {
        let d = parse_facts(&file("x:\n  value: 1\n  unit: ha\n  value: 2\n")).unwrap_err();
        assert!(d.message.contains("duplicate key `value`"), "{}", d.message);
        assert_eq!(d.location.unwrap().line, 4);
    }
}
