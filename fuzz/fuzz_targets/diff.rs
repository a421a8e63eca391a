//! Fuzz target `diff`: two arbitrary section texts (`OLD\0NEW`), each the last section of the
//! mini project, compared through the diff library ([`baocao::diff::compare`]: NEW laid out
//! by typst), printed for people and as JSON, and typeset as a redline. Nothing may panic, and
//! when the comparison succeeds the redline must typeset too.

#![no_main]

#[path = "mem_project.rs"]
mod mem_project;

use baocao::diff::{self, Version, redline, render};
use libfuzzer_sys::fuzz_target;

fn version(section: &[u8], name: &str) -> Option<Version> {
    let project = mem_project::MemSource::new(&[], &[section]).load().ok()?;
    let narrative = baocao::narrative::render(&project).ok()?.or_fail().ok()?;
    Some(Version::of_project(name, project, narrative))
}

fuzz_target!(|data: &[u8]| {
    let (old, new) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    let (Some(old), Some(new)) = (version(old, "old"), version(new, "new")) else { return };
    let Ok(comparison) = diff::compare(&old, &new) else { return };
    let _ = render::human(&comparison.diff, render::Style::new(false));
    let _ = render::json(&comparison.diff);
    let Some(project) = new.project() else { return };
    if let Err(failure) = redline::typeset(&comparison, project) {
        panic!("the comparison succeeded, but the redline does not typeset:\n{}", failure.render());
    }
});
