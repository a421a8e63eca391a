//! `baocao check`: finds the mistakes a reader would otherwise have to find, before the report
//! goes out.
//!
//! Takes a loaded [`Project`] and hands on a [`CheckReport`]: findings (errors and warnings,
//! each a [`Diagnostic`] with a stable [`Code`]) and the findings silenced by
//! `<!-- baocao-allow: … -->` comments. The checks, one module each:
//!
//! - the narrative's own findings: facts that cannot be printed, references without a note,
//!   notes defined twice or never referenced (found once, while the model is built);
//! - [`facts`]: undefined and unused facts (duplicate keys in a facts file are found when the
//!   project is loaded);
//! - [`headings`]: heading and item numbers that skip or do not follow (`1.3.` → `1.5.`);
//! - [`typography`]: Vietnamese typography (spaces around punctuation, doubled words, dates…);
//! - [`glyphs`]: characters the report's fonts cannot show;
//! - [`relations`]: every `check:` declared on a fact holds (derived facts are computed when the
//!   project is loaded);
//! - [`figures`]: figures that contradict themselves without a declaration ("a/b" with a > b, a
//!   share above 100 %, a growth rate beside two yearly values that gives another rate);
//! - [`shape`]: Markdown that prints otherwise than meant (a list marker joined to the line
//!   above, a paragraph indented into a code block);
//! - [`files`]: files of content/sections/ and content/facts/ that are not read, and report.yaml
//!   list entries that YAML joined into one.
//!
//! Every check reads the one document model ([`crate::document`]) the build typesets; `build`
//! runs them beside typesetting: errors stop it, warnings are printed.
//! [`JsonReport`] is the versioned machine-readable form (`check --format json`, docs/check-json.md).

mod allow;
pub mod baseline;
pub mod facts;
mod figures;
mod files;
pub mod glyphs;
pub mod headings;
pub mod relations;
mod shape;
pub mod typography;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic, Failure, Location, Severity};
use crate::document::{Document, TextBlock};
use crate::narrative::Narrative;
use crate::project::Project;

/// A finding silenced by a `baocao-allow` comment.
#[derive(Debug, Clone)]
pub struct Silenced {
    /// The finding.
    pub finding: Diagnostic,
    /// The comment that silenced it.
    pub by: Location,
}

/// The outcome of `check`.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Errors and warnings, by file, line and column.
    pub findings: Vec<Diagnostic>,
    /// Warnings silenced by `baocao-allow` comments.
    pub silenced: Vec<Silenced>,
    /// Warnings recorded in the project's baseline ([`baseline`]): known, not reported again.
    pub baselined: Vec<Diagnostic>,
}

impl CheckReport {
    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|d| d.severity == severity).count()
    }

    /// True when some finding is an error.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// The process exit code: 1 with errors (or with warnings when they are denied), else 0.
    pub fn exit_code(&self, deny_warnings: bool) -> i32 {
        let failing = self.has_errors() || (deny_warnings && !self.findings.is_empty());
        i32::from(failing)
    }

    /// The report of a project that could not be loaded: the loader's findings, each with a code
    /// (`project-load` unless the loader gave a more precise one).
    pub fn from_load_failure(failure: &Failure) -> CheckReport {
        let findings = failure
            .diagnostics
            .iter()
            .cloned()
            .map(|mut d| {
                d.code.get_or_insert(Code::ProjectLoad);
                d
            })
            .collect();
        CheckReport { findings, ..Default::default() }
    }

    /// A one-line summary: `3 errors, 12 warnings (2 silenced)`.
    pub fn summary(&self) -> String {
        summary_line(
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.silenced.len(),
            self.baselined.len(),
        )
    }
}

/// `3 errors, 12 warnings (2 silenced); 69 known findings in baseline (…)`: how `check`, and
/// `build` after its warnings, sum up what was found.
pub fn summary_line(errors: usize, warnings: usize, silenced: usize, baselined: usize) -> String {
    let mut s = crate::t!("check-summary", errors = errors, warnings = warnings);
    if silenced > 0 {
        s.push_str(&crate::t!("check-summary-silenced", n = silenced));
    }
    if let Some(known) = baseline::known_line(baselined) {
        s.push_str("; ");
        s.push_str(&known);
    }
    s
}

/// Everything the checks read: the project, the document model, and the visible text of every
/// block.
pub(crate) struct Input<'p> {
    /// The loaded project.
    pub project: &'p Project,
    /// The model.
    pub document: &'p Document,
    /// Visible text, block by block: sections in order, then notes.
    pub blocks: Vec<TextBlock>,
}

/// Runs every check on a loaded project and its narrative.
pub fn run(project: &Project, narrative: &Narrative) -> CheckReport {
    let document = &narrative.document;
    let input = Input { project, document, blocks: document.text_blocks() };
    let mut findings = narrative.diagnostics.clone();
    facts::check(&input, &mut findings);
    headings::check(&input, &mut findings);
    typography::check(&input, &mut findings);
    glyphs::check(&input, &mut findings);
    relations::check(&input, &mut findings);
    figures::check(&input, &mut findings);
    shape::check(&input, &mut findings);
    files::check(&input, &mut findings);
    let mut report = allow::apply(project, document, findings);
    baseline::apply(&project.baseline, &mut report);
    report.findings.sort_by(|a, b| location_key(a).cmp(&location_key(b)));
    report.silenced.sort_by(|a, b| location_key(&a.finding).cmp(&location_key(&b.finding)));
    report.baselined.sort_by(|a, b| location_key(a).cmp(&location_key(b)));
    report
}

/// Checks a loaded project, rendering its narrative first (input beyond a limit is then the
/// one finding).
pub fn run_project(project: &Project) -> CheckReport {
    match crate::narrative::render(project) {
        Ok(narrative) => run(project, &narrative),
        Err(failure) => CheckReport::from_load_failure(&failure),
    }
}

/// The name of the JSON format, in every report's `format` field.
pub const JSON_FORMAT: &str = "baocao-check";
/// The version of the JSON format. It changes only when a field is removed or changes meaning;
/// new fields may appear within a version.
pub const JSON_VERSION: u32 = 1;

/// `check --format json`: the whole report (schema in docs/check-json.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonReport {
    /// Always [`JSON_FORMAT`].
    pub format: String,
    /// [`JSON_VERSION`].
    pub version: u32,
    /// Counts.
    pub summary: JsonSummary,
    /// Errors and warnings, by file, line and column.
    pub findings: Vec<JsonFinding>,
    /// Findings silenced by `baocao-allow` comments.
    pub silenced: Vec<JsonSilenced>,
    /// Warnings recorded in the project's baseline (known, not reported again).
    #[serde(default)]
    pub baselined: Vec<JsonFinding>,
}

/// Counts of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonSummary {
    /// Findings that are errors.
    pub errors: usize,
    /// Findings that are warnings.
    pub warnings: usize,
    /// Silenced findings.
    pub silenced: usize,
    /// Findings recorded in the baseline.
    #[serde(default)]
    pub baselined: usize,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonFinding {
    /// The stable code (see [`Code`]).
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    /// One line saying what is wrong.
    pub message: String,
    /// Where, when the finding belongs to a place in a file.
    pub location: Option<JsonLocation>,
    /// Further places.
    pub notes: Vec<JsonNote>,
    /// What to do, when known.
    pub help: Option<String>,
}

/// A place in a file of the project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonLocation {
    /// Path relative to the project root, with `/` separators.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (Unicode scalar values).
    pub column: usize,
    /// How many characters the finding covers (at least 1).
    pub width: usize,
    /// The whole line, for showing a snippet.
    pub line_text: String,
}

/// A further place of a finding, with what it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonNote {
    /// What the place is (`first defined here`).
    pub label: String,
    /// The place.
    pub location: JsonLocation,
}

/// A silenced finding and the comment that silenced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonSilenced {
    /// The finding.
    #[serde(flatten)]
    pub finding: JsonFinding,
    /// Where the `baocao-allow` comment is.
    pub allowed_by: JsonLocation,
}

impl From<&Location> for JsonLocation {
    fn from(l: &Location) -> JsonLocation {
        let path = l.path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        JsonLocation { path, line: l.line, column: l.column, width: l.width.max(1), line_text: l.line_text.clone() }
    }
}

impl From<&Diagnostic> for JsonFinding {
    fn from(d: &Diagnostic) -> JsonFinding {
        JsonFinding {
            code: d.code.unwrap_or(Code::ProjectLoad).as_str().to_string(),
            severity: d.severity.as_str().to_string(),
            message: d.message.clone(),
            location: d.location.as_ref().map(JsonLocation::from),
            notes: d.notes.iter().map(|(label, l)| JsonNote { label: label.clone(), location: l.into() }).collect(),
            help: d.help.clone(),
        }
    }
}

impl CheckReport {
    /// The JSON form of the report.
    pub fn to_json(&self) -> JsonReport {
        JsonReport {
            format: JSON_FORMAT.to_string(),
            version: JSON_VERSION,
            summary: JsonSummary {
                errors: self.count(Severity::Error),
                warnings: self.count(Severity::Warning),
                silenced: self.silenced.len(),
                baselined: self.baselined.len(),
            },
            findings: self.findings.iter().map(JsonFinding::from).collect(),
            silenced: self
                .silenced
                .iter()
                .map(|s| JsonSilenced { finding: (&s.finding).into(), allowed_by: (&s.by).into() })
                .collect(),
            baselined: self.baselined.iter().map(JsonFinding::from).collect(),
        }
    }
}

fn location_key(d: &Diagnostic) -> (Option<(std::path::PathBuf, usize, usize)>, &'static str, String) {
    (
        d.location.as_ref().map(|l| (l.path.clone(), l.line, l.column)),
        d.code.map_or("", Code::as_str),
        d.message.clone(),
    )
}
