//! baocao builds official Vietnamese government reports (Decree 30/2020 layout) from source:
//! YAML facts, Markdown narrative that prints the facts through tera, and a typst template,
//! typeset in-process by typst into a PDF.
//!
//! The modules follow the data:
//!
//! - [`project`]: load a project once into a [`project::Project`];
//! - [`facts`]: the figures, namespaced by file;
//! - [`narrative`]: tera (facts) → Markdown → typst markup, every text run escaped;
//! - [`typeset`]: the layout template, the typst [`typeset::BaocaoWorld`] and compilation;
//! - [`output`]: PDF export and atomic writes;
//! - [`build`]: the pipeline end to end;
//! - [`diagnostics`]: findings for people (file:line:col, snippet, what to do);
//! - [`timings`]: how long each stage took (`build --timings`, `watch`);
//! - [`watch`]: rebuild on every change, with typst's caches kept;
//! - [`init`]: a new project from the embedded skeleton;
//! - [`console`]: what goes on the terminal (`--quiet`, `--color`, progress).

#![deny(missing_docs)]

pub mod build;
pub mod console;
pub mod diagnostics;
pub mod facts;
pub mod init;
pub mod narrative;
pub mod output;
pub mod project;
pub mod timings;
pub mod typeset;
pub mod watch;
