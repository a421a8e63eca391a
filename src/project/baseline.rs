//! `content/check-baseline.yaml`: the findings of `baocao check` acknowledged once (see
//! [`crate::check::baseline`] for what it means and how it is applied). Read with the project,
//! so that a broken baseline is reported like any other broken file.

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::diagnostics::SourceFile;

/// Where a project keeps its baseline, relative to the project root.
pub const PATH: &str = "content/check-baseline.yaml";

/// One acknowledged finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding's code (`typo-double-space`).
    pub code: String,
    /// The file it is in, relative to the project, with `/`.
    pub file: String,
    /// The text it points at, widened to whole words.
    pub text: String,
    /// Why it is kept (written by people; kept by `--write-baseline`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Entry {
    /// Whether two entries record the same finding (the reason aside).
    pub fn matches(&self, other: &Entry) -> bool {
        self.code == other.code && self.file == other.file && self.text == other.text
    }
}

/// A project's baseline, as read.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
    /// The 1-based line where each entry starts (for stale entries).
    pub lines: Vec<usize>,
    /// The file, when there is one.
    pub file: Option<SourceFile>,
}

impl Baseline {
    /// Reads the baseline file (`None`: the project has none).
    pub fn parse(file: Option<&SourceFile>) -> Result<Baseline, Diagnostic> {
        let Some(file) = file else { return Ok(Baseline::default()) };
        let value = crate::yaml::parse(file, crate::limits::MAX_YAML_VALUES)?;
        let entries: Vec<Entry> = if value.is_null() {
            Vec::new()
        } else {
            serde_yaml::from_value(value).map_err(|e| {
                crate::yaml::yaml_error(&file.path, &file.text, &e).help(crate::t!("project-baseline-help"))
            })?
        };
        let lines =
            file.text.split('\n').enumerate().filter(|(_, l)| l.starts_with("- ")).map(|(i, _)| i + 1).collect();
        Ok(Baseline { entries, lines, file: Some(file.clone()) })
    }
}
