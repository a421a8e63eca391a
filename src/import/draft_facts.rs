//! A returned draft's changed figures written into the facts files: the new value at the
//! fact's `value:` line, the rest of the file (comments, key order, other facts) untouched.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::draft::Plan;
use super::figures::read_printed;
use crate::project::Project;

/// Reads each fact edit's value from its new printing and edits the facts files of `plan`.
pub fn apply(project: &Project, plan: &mut Plan) {
    let mut values: BTreeMap<String, (String, String, String)> = BTreeMap::new(); // key → (value, old, new)
    let mut conflicts: Vec<String> = Vec::new();
    for edit in &mut plan.facts {
        let Some(printed) = read_printed(&edit.new) else {
            plan.not_applied.push(crate::t!(
                "import-draft-not-a-number",
                old = &edit.old,
                new = &edit.new,
                key = &edit.key
            ));
            continue;
        };
        edit.value = printed.value.clone();
        match values.get(&edit.key) {
            Some((v, _, _)) if *v != printed.value => conflicts.push(edit.key.clone()),
            Some(_) => {}
            None => {
                values.insert(edit.key.clone(), (printed.value, edit.old.clone(), edit.new.clone()));
            }
        }
    }
    for key in conflicts {
        values.remove(&key);
        plan.not_applied.push(crate::t!("import-draft-conflict", key = &key));
    }
    plan.facts.retain(|e| values.get(&e.key).is_some_and(|(v, _, _)| *v == e.value));
    plan.facts.dedup_by(|a, b| a.key == b.key);
    for (key, (value, _, _)) in values {
        let Some(fact) = project.facts.by_key.get(&key) else { continue };
        let path = fact.location.path.clone();
        let text = match plan.files.get(&path) {
            Some(t) => t.clone(),
            None => match project.fact_files.iter().find(|f| f.path == path) {
                Some(f) => f.text.clone(),
                None => continue,
            },
        };
        match set_value(&text, fact.location.line, &value) {
            Some(new) => {
                plan.files.insert(PathBuf::from(&path), new);
            }
            None => plan.not_applied.push(crate::t!(
                "import-draft-no-value-line",
                key = &key,
                path = path.display().to_string()
            )),
        }
    }
}

/// `text` with the `value:` of the fact whose name is on line `line` (1-based) set to `value`,
/// keeping the indentation and a trailing comment.
pub fn set_value(text: &str, line: usize, value: &str) -> Option<String> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').enumerate();
    for (i, l) in lines.by_ref() {
        if i + 1 == line {
            offset += l.len();
            break;
        }
        offset += l.len();
    }
    for (_, l) in lines {
        let trimmed = l.trim_start();
        let indented = l.len() > trimmed.len();
        if !indented && !trimmed.is_empty() && !trimmed.starts_with('#') {
            return None;
        }
        if indented && let Some(rest) = trimmed.strip_prefix("value:") {
            let start = offset + (l.len() - trimmed.len()) + "value:".len();
            let body = rest.trim_end_matches(['\n', '\r']);
            // the value runs to a comment (` #`) or the line end
            let value_len = body.find(" #").unwrap_or(body.len());
            let lead = body.len() - body.trim_start().len();
            let old = body[lead..value_len].trim_end();
            let mut out = text.to_string();
            out.replace_range(start + lead..start + lead + old.len(), value);
            return Some(out);
        }
        offset += l.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_set_in_place_with_comments_and_order_kept() {
        let text =
            "# chú thích\nx:\n  value: 51997   # tỷ đồng\n  unit: \"tỷ đồng\"\ny:\n  value: 8.58\n  unit: \"%\"\n";
        assert_eq!(
            set_value(text, 2, "52100").unwrap(),
            "# chú thích\nx:\n  value: 52100   # tỷ đồng\n  unit: \"tỷ đồng\"\ny:\n  value: 8.58\n  unit: \"%\"\n"
        );
        assert_eq!(set_value(text, 5, "9.1").unwrap().lines().nth(5), Some("  value: 9.1"));
        assert_eq!(set_value("x:\n  unit: ha\ny:\n  value: 1\n", 1, "2"), None);
    }
}
