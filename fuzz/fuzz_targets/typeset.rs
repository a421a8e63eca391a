//! Fuzz target `typeset`: arbitrary text as one section, converted and compiled by typst with
//! the project's fonts. Neither may panic, and typst must accept the converter's output
//! (slower than `convert`: a typst compile per input).

#![no_main]

use std::sync::OnceLock;

use baocao::project::FontFile;
use baocao::typeset::BaocaoWorld;
use libfuzzer_sys::fuzz_target;

const PREAMBLE: &str = "#set page(height: auto)\n#set text(font: \"Liberation Serif\", size: 14pt, lang: \"vi\")\n\
#show raw: set text(font: \"Liberation Serif\")\n#let bc-item(marker, depth: 1, body) = par[#marker #body]\n";

fn fonts() -> &'static [FontFile] {
    static FONTS: OnceLock<Vec<FontFile>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fonts");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ttf"))
            .collect();
        paths.sort();
        paths.into_iter().map(|p| FontFile { data: std::fs::read(&p).unwrap(), path: p }).collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((document, _)) = baocao::narrative::parse_markdown(&[text]) else { return };
    let sections = baocao::writer::typst::write(&document, None);
    let source = format!("{PREAMBLE}{}", sections[0].typst);
    // an empty folder as the root: the output may read no file
    let root = std::env::temp_dir().join("baocao-fuzz-empty-root");
    std::fs::create_dir_all(&root).unwrap();
    let today = typst::foundations::Datetime::from_ymd(2023, 1, 1).unwrap();
    let world = BaocaoWorld::new(&root, source.clone(), fonts(), today);
    if let Err(errors) = typst::compile::<typst_layout::PagedDocument>(&world).output {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        panic!("typst rejected the writer's output: {messages:?}\n{source}");
    }
});
