//! `baocao facts`: every fact and every place it is printed.

use std::process::ExitCode;

use super::{Format, ProjectArg, report_failure, write_stdout};
use crate::console::Console;
use crate::project::Project;

/// `baocao facts`.
#[derive(clap::Args)]
pub struct FactsArgs {
    #[command(flatten)]
    project: ProjectArg,
    /// Output format (on stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Typesets the project and prints its facts index.
pub fn run(args: &FactsArgs, console: &Console) -> ExitCode {
    let project = &args.project.project;
    match Project::load(project).and_then(|p| crate::fact_index::index(&p)) {
        Ok(index) => {
            let text = match args.format {
                Format::Human => index.render_human(),
                Format::Json => index.to_json(),
            };
            write_stdout(&text, console)
        }
        Err(failure) => report_failure(console, failure, project, &crate::t!("cli-facts-failed"), ""),
    }
}
