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

/// Parses a YAML file into a value tree of at most `max_values` values
/// ([`crate::limits::MAX_YAML_VALUES`] for facts, [`crate::limits::MAX_REPORT_VALUES`] for
/// report.yaml); a YAML error, a tag, a duplicate key or
/// too many values become a diagnostic at the file, line and column.
pub(crate) fn parse(file: &SourceFile, max_values: usize) -> Result<Value, Diagnostic> {
    let count = Cell::new(0);
    let deserializer = serde_yaml::Deserializer::from_str(&file.text);
    Limited { count: &count, max: max_values, siblings: None }.deserialize(deserializer).map_err(|e| {
        let mut d = yaml_error(&file.path, &file.text, &e);
        if e.to_string().contains("repetition limit exceeded") {
            // serde_yaml's own guard against nested aliases: no place in its error; show the
            // first alias
            d.message = format!("{}: YAML aliases expand to {TOO_MANY}", file.path.display());
            if let Some(at) = first_alias(&file.text) {
                d = d.at(Location::from_offset(&file.path, &file.text, at, 1));
            }
        }
        if d.message.contains(TOO_MANY) {
            d.help(format!(
                "each alias (`*name`) repeats its anchored values where it is used; here that adds up to more than \
                 the {max_values} values a file may hold: write the values out, and keep only what the report needs"
            ))
        } else if e.to_string().contains(TAGGED) {
            d.help("remove the tag: facts and report.yaml use plain YAML values (numbers, text, lists, mappings)")
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

/// A YAML error as a diagnostic at its line and column (when the parser knows them).
pub(crate) fn yaml_error(path: &Path, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let message = e.to_string();
    // serde_yaml appends " at line L column C"; the location is shown separately.
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    // libyaml's reader errors ("control characters are not allowed at position 27") give a
    // byte offset, and no line
    if let Some((before, offset)) = message.rsplit_once(" at position ")
        && let Ok(offset) = offset.trim().parse::<usize>()
    {
        return Diagnostic::error(format!("{}: {before}", path.display()))
            .at(Location::from_offset(path, text, offset, 1))
            .help("remove the character, or write it as an escape in a double-quoted string (\"\\x07\")");
    }
    let mut d = Diagnostic::error(format!("{}: {message}", path.display()));
    if let Some(loc) = e.location() {
        let mut at = Location::from_line_col(path, text, loc.line(), loc.column(), 1);
        if let Some(second) = duplicate_key_line(&message, text, loc.line()) {
            at = Location::from_line_col(path, text, second, 1, 1);
            at.column = at.line_text.len() - at.line_text.trim_start().len() + 1;
        }
        d = d.at(at);
    }
    d
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
            return Err(E::custom(format!(
                "{TOO_MANY}: more than {} (aliases `*name` counted at every use)",
                self.max
            )));
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
