//! Word's list numbering (numbering.xml): the marker a numbered or bulleted paragraph shows,
//! counted as Word counts it (`-`/`+` for bullets, `1.`, `a)`, `II.` for numbers).

use std::collections::HashMap;

use roxmltree::Document;

use super::walk::{child, is, w};

/// The lists of a document and their counters.
#[derive(Default)]
pub(super) struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → (format, text, start).
    levels: HashMap<(String, usize), (String, String, usize)>,
    counters: HashMap<String, Vec<usize>>,
}

impl Numbering {
    pub(super) fn read(&mut self, xml: &Document) {
        for a in xml.descendants().filter(|n| is(*n, "abstractNum")) {
            let Some(aid) = w(a, "abstractNumId") else { continue };
            for lvl in a.children().filter(|n| is(*n, "lvl")) {
                let Some(level) = w(lvl, "ilvl").and_then(|v| v.parse::<usize>().ok()) else { continue };
                let format = child(lvl, "numFmt").and_then(|n| w(n, "val")).unwrap_or("decimal").to_string();
                let text = child(lvl, "lvlText").and_then(|n| w(n, "val")).unwrap_or("").to_string();
                let start = child(lvl, "start").and_then(|n| w(n, "val")).and_then(|v| v.parse().ok()).unwrap_or(1);
                self.levels.insert((aid.to_string(), level), (format, text, start));
            }
        }
        for n in xml.descendants().filter(|n| is(*n, "num")) {
            if let (Some(id), Some(a)) = (w(n, "numId"), child(n, "abstractNumId").and_then(|a| w(a, "val"))) {
                self.nums.insert(id.to_string(), a.to_string());
            }
        }
    }

    /// The marker Word shows for list `num` at `level`, counting the item.
    pub(super) fn marker(&mut self, num: &str, level: usize) -> Option<String> {
        let level = level.min(8);
        let abstract_id = self.nums.get(num)?.clone();
        let (format, text, _) = self.levels.get(&(abstract_id.clone(), level))?.clone();
        let counters = self.counters.entry(num.to_string()).or_default();
        counters.resize(level + 1, 0);
        counters[level] += 1;
        let counters = counters.clone();
        if format == "bullet" {
            return Some(if text.trim() == "+" { "+".into() } else { "-".into() });
        }
        if format == "none" {
            return None;
        }
        let mut out = text;
        for (i, count) in counters.iter().enumerate() {
            let start = self.levels.get(&(abstract_id.clone(), i)).map_or(1, |l| l.2);
            let fmt = self.levels.get(&(abstract_id.clone(), i)).map_or("decimal", |l| l.0.as_str());
            let value = count + start - 1;
            out = out.replace(&format!("%{}", i + 1), &format_number(value, fmt));
        }
        Some(out.trim().to_string()).filter(|s| !s.is_empty())
    }
}

/// A list counter as Word shows it in `format`.
fn format_number(n: usize, format: &str) -> String {
    let letter = |n: usize, base: u8| {
        let n = n.max(1) - 1;
        let c = (base + (n % 26) as u8) as char;
        c.to_string().repeat(n / 26 + 1)
    };
    match format {
        "lowerLetter" => letter(n, b'a'),
        "upperLetter" => letter(n, b'A'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// `n` in Roman numerals (1 → I).
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(format_number(2, "lowerLetter"), "b");
    }
}
