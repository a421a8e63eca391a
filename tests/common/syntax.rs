//! "No code from content", checked on the syntax tree: the converter's typst output may hold
//! only the code the converter itself writes (calls of a fixed set of functions, with literal
//! arguments and content blocks) and, in markup, only text, spaces, escapes and note labels.
//! Any other syntax (a heading `=`, a reference `@x`, a label `<x>`, math `$…$`, a raw block,
//! a shorthand `--`, a smart quote, a call to `read`, `eval`, `import`…) means content became
//! code. Shared by the property tests and the fuzz target (fuzz/), so it depends on typst only.

use typst::syntax::{SyntaxKind, SyntaxNode};

/// The functions the converter calls (`#name(…)[…]`).
const CALLS: &[&str] = &[
    "heading",
    "quote",
    "raw",
    "bc-item",
    "table",
    "table.header",
    "emph",
    "strong",
    "strike",
    "link",
    "footnote",
    "linebreak",
    "line",
    "metadata",
    "pad",
    "par",
    "box",
];

/// Everything in `typst` (converter output) that the converter does not write itself.
pub fn syntax_violations(typst: &str) -> Vec<String> {
    let root = typst::syntax::parse(typst);
    let mut found: Vec<String> =
        root.errors_and_warnings().0.iter().map(|e| format!("syntax error: {}", e.message)).collect();
    markup(&root, &mut found);
    found
}

fn shown(node: &SyntaxNode) -> String {
    let text = node.full_text();
    let short: String = text.chars().take(60).collect();
    format!("{:?} `{short}`", node.kind())
}

fn markup(node: &SyntaxNode, found: &mut Vec<String>) {
    for child in node.children() {
        match child.kind() {
            SyntaxKind::Text | SyntaxKind::Space | SyntaxKind::Parbreak | SyntaxKind::Escape | SyntaxKind::Hash => {}
            SyntaxKind::FuncCall => call(child, found),
            SyntaxKind::Label if is_note_label(&child.full_text()) || child.full_text() == "<bc-fact>" => {}
            // a run of spaces kept as written (`#"  "`)
            SyntaxKind::Str if is_spaces(&child.full_text()) => {}
            _ => found.push(shown(child)),
        }
    }
}

fn is_spaces(text: &str) -> bool {
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .is_some_and(|t| !t.is_empty() && t.chars().all(|c| c == ' '))
}

fn is_note_label(text: &str) -> bool {
    text.strip_prefix("<fn-")
        .and_then(|t| t.strip_suffix('>'))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn call(node: &SyntaxNode, found: &mut Vec<String>) {
    let mut children = node.children();
    let callee = children.next().map(|c| c.full_text().to_string());
    if !callee.as_deref().is_some_and(|name| CALLS.contains(&name)) {
        found.push(format!("call of {}", shown(node)));
        return;
    }
    for args in children {
        if args.kind() != SyntaxKind::Args {
            found.push(shown(args));
            continue;
        }
        for arg in args.children() {
            match arg.kind() {
                SyntaxKind::LeftParen | SyntaxKind::RightParen | SyntaxKind::Comma | SyntaxKind::Space => {}
                kind if literal(kind) => {}
                SyntaxKind::Label if is_note_label(&arg.full_text()) => {}
                SyntaxKind::Named => {
                    for part in arg.children() {
                        let kind = part.kind();
                        if !(matches!(kind, SyntaxKind::Ident | SyntaxKind::Colon | SyntaxKind::Space) || literal(kind))
                        {
                            found.push(format!("in a named argument: {}", shown(part)));
                        }
                    }
                }
                SyntaxKind::ContentBlock => {
                    for part in arg.children() {
                        match part.kind() {
                            SyntaxKind::LeftBracket | SyntaxKind::RightBracket => {}
                            SyntaxKind::Markup => markup(part, found),
                            _ => found.push(shown(part)),
                        }
                    }
                }
                SyntaxKind::FuncCall => call(arg, found),
                _ => found.push(format!("argument {}", shown(arg))),
            }
        }
    }
}

fn literal(kind: SyntaxKind) -> bool {
    matches!(kind, SyntaxKind::Str | SyntaxKind::Int | SyntaxKind::Bool | SyntaxKind::Numeric)
}
