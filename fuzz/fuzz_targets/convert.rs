//! Fuzz target `convert`: arbitrary text, cut into up to four sections at NUL bytes, through
//! the Markdown → model parser and the typst writer. It must not panic, and its output must hold no typst syntax
//! but the writer's own (the check the property tests use, tests/common/syntax.rs).
//! Fast (no typst compile): millions of inputs per hour.

#![no_main]

#[path = "../../tests/common/syntax.rs"]
mod syntax;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sections: Vec<&str> = text.splitn(4, '\0').collect();
    let Ok((document, _)) = baocao::narrative::parse_markdown(&sections) else { return };
    for section in &baocao::writer::typst::write(&document, None) {
        let violations = syntax::syntax_violations(&section.typst);
        assert!(violations.is_empty(), "content became typst syntax: {violations:?}\nin: {}", section.typst);
    }
});
