//! Fuzz target `check`: arbitrary bytes as a facts file and up to three sections (cut at NUL
//! bytes: `FACTS\0SECTION\0SECTION…`; no facts: the mini project's) of an in-memory project,
//! loaded and checked as `baocao check` does. Nothing may panic; and a project `check` finds no
//! error in must render (tera and Markdown), as the build needs.

#![no_main]

#[path = "mem_project.rs"]
mod mem_project;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(4, |b| *b == 0);
    let facts = parts.next().unwrap_or_default();
    let sections: Vec<&[u8]> = parts.collect();
    let source = mem_project::MemSource::new(facts, &sections);
    match source.load() {
        Ok(project) => {
            let report = baocao::check::run_project(&project);
            let _ = report.to_json();
            if !report.has_errors()
                && let Err(failure) = baocao::narrative::render(&project).and_then(|n| n.or_fail())
            {
                panic!("check found no error, but the narrative does not render:\n{}", failure.render());
            }
        }
        Err(failure) => {
            let _ = baocao::check::CheckReport::from_load_failure(&failure).to_json();
        }
    }
});
