//! Pieces of text → Markdown as `content/sections/` writes it: text escaped so that it prints
//! the same characters, bold and italic as `**…**` and `*…*`, figures as `{{ … }}`, footnote
//! references as `[^n]`; headings on the report's ladder (Phần, I., 1., 2.1., 2.2.1., a)).

use super::walk::Fmt;

/// A piece of a paragraph, ready for Markdown.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    /// Text as printed.
    Text(String, Fmt),
    /// A figure printed by a tera expression (`economy.grdp_2021 | pct`).
    Fact {
        /// The expression, without the braces.
        expr: String,
        /// Its formatting.
        fmt: Fmt,
    },
    /// A footnote reference by label.
    Note(String),
    /// A hard line break.
    Break,
}

/// The level on the report's ladder of a heading that starts with `text`: `Phần I` 1, `I.` 2,
/// `1.` 3, `2.1.` 4, `2.2.1.` 5, `a)` 6.
pub fn ladder_level(text: &str) -> Option<u8> {
    let t = text.trim_start();
    let first = t.split_whitespace().next()?;
    let lower = first.to_lowercase();
    if lower == "phần" || lower == "phan" {
        return Some(1);
    }
    if let Some(roman) = first.strip_suffix('.')
        && !roman.is_empty()
        && roman.chars().all(|c| "IVXL".contains(c))
    {
        return Some(2);
    }
    let numbered = first.strip_suffix('.').filter(|n| !n.is_empty());
    if let Some(n) = numbered
        && n.split('.').all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some(match n.split('.').count() {
            1 => 3,
            2 => 4,
            _ => 5,
        });
    }
    if let Some(letter) = first.strip_suffix(')')
        && letter.chars().count() == 1
        && letter.chars().all(|c| c.is_lowercase())
    {
        return Some(6);
    }
    None
}

/// The paragraph's segments as Markdown on one line (a hard break continues on the next line,
/// indented by `indent`). `line_start`: the text starts a line (a paragraph, not after a
/// heading's `#`).
pub fn inline(segs: &[Seg], heading: bool, indent: &str) -> String {
    let segs = trim(segs);
    // groups of one formatting (a break alone), each as plain Markdown
    let mut groups: Vec<(Option<Fmt>, String)> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let fmt = fmt_of(&segs[i]);
        let mut j = i;
        while j < segs.len() && fmt_of(&segs[j]) == fmt && !matches!(segs[j], Seg::Break) {
            j += 1;
        }
        if j == i {
            groups.push((None, if heading { " ".into() } else { format!("\\\n{indent}") }));
            i += 1;
            continue;
        }
        let line_start = groups.last().is_none_or(|g| g.0.is_none() && !heading);
        groups.push((fmt, plain(&segs[i..j], heading, line_start)));
        i = j;
    }
    let mut out = String::new();
    for (k, (fmt, body)) in groups.iter().enumerate() {
        match fmt {
            Some(_) if heading => out.push_str(body),
            Some(f) => {
                let next = groups.get(k + 1).and_then(|g| g.1.chars().next());
                let wrapped = wrap(body, *f, out.chars().next_back(), next);
                out.push_str(&wrapped);
            }
            None => out.push_str(body),
        }
    }
    out
}

fn fmt_of(seg: &Seg) -> Option<Fmt> {
    match seg {
        Seg::Text(_, f) | Seg::Fact { fmt: f, .. } => Some(*f),
        Seg::Note(_) => Some(Fmt::default()),
        Seg::Break => None,
    }
}

/// Leading and trailing white space of the paragraph left out (Markdown would drop it).
fn trim(segs: &[Seg]) -> Vec<Seg> {
    let mut segs: Vec<Seg> = segs.to_vec();
    while let Some(Seg::Text(t, f)) = segs.first() {
        let trimmed = t.trim_start_matches([' ', '\t']).to_string();
        if trimmed.is_empty() {
            segs.remove(0);
        } else {
            segs[0] = Seg::Text(trimmed, *f);
            break;
        }
    }
    while let Some(Seg::Text(t, f)) = segs.last() {
        let trimmed = t.trim_end_matches([' ', '\t']).to_string();
        let n = segs.len() - 1;
        if trimmed.is_empty() {
            segs.pop();
        } else {
            segs[n] = Seg::Text(trimmed, *f);
            break;
        }
    }
    while matches!(segs.last(), Some(Seg::Break)) {
        segs.pop();
    }
    segs
}

fn plain(segs: &[Seg], heading: bool, line_start: bool) -> String {
    let mut out = String::new();
    for seg in segs.iter() {
        match seg {
            Seg::Text(t, _) => out.push_str(&escape(t, line_start && out.is_empty(), heading)),
            Seg::Fact { expr, .. } => {
                out.push_str("{{ ");
                out.push_str(expr);
                out.push_str(" }}");
            }
            Seg::Note(label) => {
                out.push_str("[^");
                out.push_str(label);
                out.push(']');
            }
            Seg::Break => {}
        }
    }
    out
}

/// `body` in bold and/or italic markers, its outer white space outside them; plain when the
/// markers could not open or close there (CommonMark's flanking rules, with `before` and `after`
/// the characters around the group).
fn wrap(body: &str, fmt: Fmt, before: Option<char>, after: Option<char>) -> String {
    let marker = match (fmt.bold, fmt.italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => return body.to_string(),
    };
    let core = body.trim_matches([' ', '\t']);
    if core.is_empty() {
        return body.to_string();
    }
    let lead = &body[..body.len() - body.trim_start_matches([' ', '\t']).len()];
    let tail = &body[body.trim_end_matches([' ', '\t']).len()..];
    let prev = if lead.is_empty() { before } else { Some(' ') };
    let next = if tail.is_empty() { after } else { Some(' ') };
    let (first, last) = (core.chars().next(), core.chars().next_back());
    let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    // left-flanking: not followed by space; if followed by punctuation, preceded by space or punctuation
    let opens = !space(first) && (!punct(first) || space(prev) || punct(prev));
    // right-flanking: not preceded by space; if preceded by punctuation, followed by space or punctuation
    let closes = !space(last) && (!punct(last) || space(next) || punct(next));
    if !opens || !closes {
        return body.to_string();
    }
    format!("{lead}{marker}{core}{marker}{tail}")
}

/// Text escaped for Markdown and tera so that it prints as written.
pub fn escape(text: &str, line_start: bool, heading: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '{' if matches!(next, Some('{' | '%' | '#')) => out.push_str("\\{"),
            '#' if heading => out.push_str("\\#"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    if line_start && !heading {
        return escape_line_start(out);
    }
    out
}

/// A line that Markdown would read as a heading, list item, quote or rule, escaped.
fn escape_line_start(line: String) -> String {
    let mut chars = line.chars();
    let first = chars.next();
    let second = chars.next();
    match first {
        Some('#' | '>' | '=' | '|') => format!("\\{line}"),
        Some('-' | '+' | '*') if second.is_none_or(|c| c == ' ' || c == '\t' || c == first.unwrap_or(' ')) => {
            format!("\\{line}")
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let after = line[digits..].chars().next();
            let then = line[digits..].chars().nth(1);
            if digits <= 9 && matches!(after, Some('.' | ')')) && then.is_none_or(|c| c == ' ' || c == '\t') {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else {
                line
            }
        }
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Seg {
        Seg::Text(t.into(), Fmt::default())
    }

    #[test]
    fn the_ladder_is_read_from_the_heading_number() {
        assert_eq!(ladder_level("Phần II"), Some(1));
        assert_eq!(ladder_level("II. NHIỆM VỤ"), Some(2));
        assert_eq!(ladder_level("1. Thuận lợi"), Some(3));
        assert_eq!(ladder_level("2.1. Phát triển kinh tế:"), Some(4));
        assert_eq!(ladder_level("2.2.1. Sự nghiệp"), Some(5));
        assert_eq!(ladder_level("a) Sản xuất"), Some(6));
        assert_eq!(ladder_level("Năm 2023 tăng"), None);
        assert_eq!(ladder_level("2023. Năm"), None);
    }

    #[test]
    fn text_is_escaped_to_print_as_written() {
        assert_eq!(inline(&[text("1. Không phải mục")], false, ""), "1\\. Không phải mục");
        assert_eq!(inline(&[text("- gạch")], false, ""), "\\- gạch");
        assert_eq!(
            inline(&[text("a*b_c [x] {{ y }} <z> &amp;")], false, ""),
            "a\\*b\\_c \\[x\\] \\{{ y }} \\<z> \\&amp;"
        );
        assert_eq!(inline(&[text("Mục #1")], true, ""), "Mục \\#1");
    }

    #[test]
    fn emphasis_keeps_its_spaces_outside_and_notes_are_labels() {
        let bold = Fmt { bold: true, italic: false };
        let segs = [Seg::Text("2.2.2. Y tế: ".into(), bold), text("Triển khai"), Seg::Note("7".into())];
        assert_eq!(inline(&segs, false, ""), "**2.2.2. Y tế:** Triển khai[^7]");
        let segs = [text("tăng "), Seg::Fact { expr: "a.b | pct".into(), fmt: Fmt::default() }];
        assert_eq!(inline(&segs, false, ""), "tăng {{ a.b | pct }}");
    }
}
