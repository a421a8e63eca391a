//! baocao builds official Vietnamese government reports (Decree 30/2020 layout) from source:
//! YAML facts, Markdown narrative that prints the facts through tera, and a typst template,
//! typeset in-process by typst into a PDF.
//!
//! The modules follow the data:
//!
//! - [`project`]: load a project once into a [`project::Project`];
//! - [`facts`]: the figures, namespaced by file;
//! - [`narrative`]: tera (facts) → Markdown → the [`document`] model, parsed once;
//! - [`document`]: the model every command reads (sections, blocks, inlines, notes, facts
//!   printed, each with its place in the files);
//! - [`writer`]: the model in an output format (typst markup, every text run escaped);
//! - [`typeset`]: the layout template, the typst [`typeset::BaocaoWorld`] and compilation;
//! - [`output`]: PDF export (reproducible, PDF/A) and atomic writes;
//! - [`portable`]: file names that work on every system (case, Windows device names);
//! - [`provenance`]: the manifest and the sources a PDF carries as attachments;
//! - [`sources`]: a PDF's attached sources read back as a project, and rebuilt;
//! - [`check`]: the mistakes a reader would otherwise find (facts, footnotes, heading numbers,
//!   Vietnamese typography, glyphs), run by `baocao check` and by every build;
//! - [`limits`]: how much input is accepted (file sizes, nesting, footnotes, YAML aliases);
//! - [`build`]: the pipeline end to end;
//! - [`diff`]: two versions compared (facts, text as printed, footnotes), and the redline;
//! - [`lcs`]: the sequence comparison `diff` and `import` share (Myers' algorithm);
//! - [`verify`] and [`pdf_read`]: rebuild a PDF from its attachments and compare;
//! - [`pdf_text`]: the printed text of any PDF, line by line, and rebuilt as headings, paragraphs
//!   and footnotes with each word's page and line;
//! - [`fact_index`]: every fact and every place it is printed;
//! - [`diagnostics`]: findings for people (file:line:col, snippet, what to do);
//! - [`i18n`]: every message in Vietnamese and English (one Fluent catalogue, `t!`);
//! - [`timings`]: how long each stage took (`build --timings`, `watch`);
//! - [`watch`]: rebuild on every change, with typst's caches kept;
//! - [`serve`]: the workspace in the browser (pages, facts, sections, findings, comparisons);
//! - [`init`]: a new project from the embedded skeleton;
//! - [`cli`]: the command line (arguments, one module per command; `main` dispatches);
//! - [`console`]: what goes on the terminal (`--quiet`, `--color`, progress);
//! - [`yaml`]: reading YAML safely (report.yaml, facts, the baseline).

#![deny(missing_docs)]
// A `Diagnostic` (message, place, snippet line, help) is what every error carries to people; it
// is returned on the way out of a failing stage, never in a loop, so its size costs nothing.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod cli;
pub mod console;
pub mod diagnostics;
pub mod diff;
pub mod document;
pub mod fact_index;
pub mod facts;
pub mod i18n;
pub mod import;
pub mod init;
pub mod lcs;
pub mod limits;
pub mod narrative;
pub mod output;
pub mod pdf_read;
pub mod pdf_text;
pub mod portable;
pub mod project;
pub mod provenance;
pub mod serve;
pub mod sources;
pub mod timings;
pub mod typeset;
pub mod verify;
pub mod watch;
pub mod writer;
pub mod yaml;
