//! `--help` and the command line's errors in the language of the run.
//!
//! The clap [`Command`] is the one derived from [`Cli`], with every text a user reads taken
//! from the catalogue (src/i18n/*/cli.ftl): each command's description (`cli-build-about`,
//! `cli-build-long-about`), each argument's help (`cli-arg-build-output`, or `cli-arg-project`
//! for one shared by several commands), the headings (`Cách dùng:`, `Lệnh:`, `Tùy chọn:`), the
//! `-h`/`--help` and `-V`/`--version` lines and the `help` command. clap's own errors (an
//! unknown argument, a missing value, a value not allowed) are written in Vietnamese from their
//! parts under `--lang vi`; in English clap's wording is kept. `--version` prints as it always
//! did.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::diagnostics::Diagnostic;
use crate::i18n::{self, Lang};
use crate::t;

/// The name of the `help` command (`baocao help build`).
const HELP: &str = "help";

/// Parses the command line in the language of the run. `Err` carries the exit code when the
/// run ends here: 0 after `--help` or `--version`, 2 after a usage error (printed).
pub fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    let mut command = command();
    let matches = match command.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) => return Err(report(&e, &args)),
    };
    if let Some((HELP, sub)) = matches.subcommand() {
        return Err(print_help(&mut command, sub));
    }
    Cli::from_arg_matches(&matches).map_err(|e| report(&e, &args))
}

/// The command line with its texts in the current language.
pub fn command() -> Command {
    let command = Cli::command()
        .about(t!("cli-about"))
        .long_about(None)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).global(true).help(t!("cli-arg-help")))
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(t!("cli-arg-version")))
        .subcommand(
            Command::new(HELP)
                .about(t!("cli-help-about"))
                .arg(Arg::new("command").value_name(leak(t!("cli-value-command"))).help(t!("cli-arg-help-command"))),
        );
    let command = localise(command, None);
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
    let command = names.iter().fold(command, |command, name| command.mut_subcommand(name, |c| localise(c, Some(name))));
    if i18n::current() == Lang::En {
        return command;
    }
    // the usage lines as clap writes them, with `[OPTIONS]` in the language of the run
    let mut built = command.clone();
    built.build();
    let usage = |c: &mut Command| {
        let text = c.render_usage().to_string();
        let text = text.split_once(": ").map_or(text.as_str(), |(_, u)| u).trim().to_string();
        text.replace("[OPTIONS]", &format!("[{}]", t!("cli-value-options")))
    };
    let root = usage(&mut built);
    let command = command.override_usage(root);
    names.iter().fold(command, |command, name| match built.find_subcommand_mut(name) {
        Some(sub) => {
            let text = usage(sub);
            command.mut_subcommand(name, |c| c.override_usage(text))
        }
        None => command,
    })
}

/// One command's texts: description, arguments, headings and usage line.
fn localise(mut command: Command, sub: Option<&str>) -> Command {
    if let Some(sub) = sub.filter(|s| *s != HELP) {
        let long = format!("cli-{sub}-long-about");
        command = command.about(i18n::text(&format!("cli-{sub}-about"), &[]));
        command = if i18n::has(&long) {
            command.long_about(i18n::text(&long, &[]))
        } else {
            command.long_about(None::<&'static str>)
        };
    }
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let sub = sub.map(str::to_string);
        command = command.mut_arg(&id, |arg| localise_arg(arg, sub.as_deref()));
    }
    let usage = t!("cli-heading-usage");
    command
        .subcommand_help_heading(leak(t!("cli-heading-commands")))
        .subcommand_value_name(leak(t!("cli-value-command")))
        .help_template(format!(
            "{{about-with-newline}}\n{{before-help}}{usage}: {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
}

/// One argument's help, under the heading of its kind; in Vietnamese also its allowed values
/// and its default, which clap would write in English.
fn localise_arg(arg: Arg, sub: Option<&str>) -> Arg {
    let id = arg.get_id().as_str().replace('_', "-");
    let own = sub.map(|s| format!("cli-arg-{s}-{id}"));
    let shared = format!("cli-arg-{id}");
    let key = own.filter(|k| i18n::has(k)).unwrap_or(shared);
    let mut help =
        if i18n::has(&key) { i18n::text(&key, &[]) } else { arg.get_help().map(|h| h.to_string()).unwrap_or_default() };
    let heading = if arg.is_positional() { t!("cli-heading-arguments") } else { t!("cli-heading-options") };
    let mut arg = arg.help_heading(leak(heading)).long_help(None::<&'static str>);
    if i18n::current() == Lang::Vi {
        let values: Vec<String> =
            arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
        let takes_value = arg.get_action().takes_values();
        if takes_value && !values.is_empty() && !arg.is_hide_possible_values_set() {
            help.push_str(&format!(" [{}: {}]", t!("cli-possible-values"), values.join(", ")));
        }
        let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if takes_value && !defaults.is_empty() && !arg.is_hide_default_value_set() {
            help.push_str(&format!(" [{}: {}]", t!("cli-default-value"), defaults.join(",")));
        }
        if takes_value {
            arg = arg.hide_possible_values(true).hide_default_value(true);
        }
    }
    arg.help(help)
}

/// A text clap keeps for the whole run (clap takes only `&'static str` for headings and value
/// names); the command line is parsed once per run.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// `baocao help [COMMAND]`: the help of the command named, or of baocao.
fn print_help(command: &mut Command, matches: &ArgMatches) -> ExitCode {
    let name = matches.get_one::<String>("command");
    let target = match name {
        Some(name) => match command.find_subcommand_mut(name) {
            Some(sub) => sub,
            None => {
                eprintln!(
                    "{}",
                    Diagnostic::error(t!("cli-error-unknown-command", command = name.as_str()))
                        .help(t!("cli-error-see-help", help = "baocao --help"))
                        .render()
                );
                return ExitCode::from(2);
            }
        },
        None => command,
    };
    let _ = target.print_long_help();
    ExitCode::SUCCESS
}

/// Prints a clap error (or the help and version clap stops at) and gives the exit code.
fn report(e: &clap::Error, args: &[OsString]) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    if i18n::current() == Lang::En {
        let _ = e.print();
        return ExitCode::from(2);
    }
    eprintln!("{}", usage_diagnostic(e, args).render());
    ExitCode::from(2)
}

/// A clap error as a finding in the current language, keeping the argument and value in it.
pub fn usage_diagnostic(e: &clap::Error, args: &[OsString]) -> Diagnostic {
    let get = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let (arg, value) = (get(ContextKind::InvalidArg), get(ContextKind::InvalidValue));
    let message = match e.kind() {
        ErrorKind::UnknownArgument => t!("cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!("cli-error-unknown-command", command = get(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue if value.is_empty() => t!("cli-error-missing-value", arg = arg),
        ErrorKind::InvalidValue => {
            t!("cli-error-invalid-value", arg = arg, value = value, allowed = get(ContextKind::ValidValue))
        }
        ErrorKind::ValueValidation => t!("cli-error-bad-value", arg = arg, value = value),
        ErrorKind::NoEquals => t!("cli-error-missing-value", arg = arg),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!("cli-error-number-of-values", arg = arg)
        }
        ErrorKind::ArgumentConflict => t!("cli-error-conflict", arg = arg, other = get(ContextKind::PriorArg)),
        ErrorKind::MissingRequiredArgument => t!("cli-error-missing-argument", arg = arg),
        ErrorKind::MissingSubcommand => t!("cli-error-missing-command"),
        ErrorKind::InvalidUtf8 => t!("cli-error-invalid-utf8"),
        _ => t!("cli-error-other"),
    };
    let suggestion = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
        .into_iter()
        .map(get)
        .find(|s| !s.is_empty());
    // the command the user ran, for "see `baocao build --help`"
    let names: Vec<String> = Cli::command().get_subcommands().map(|s| s.get_name().to_string()).collect();
    let sub = args.iter().skip(1).filter_map(|a| a.to_str()).find(|a| names.iter().any(|n| n == a));
    let help = match sub {
        Some(sub) => format!("baocao {sub} --help"),
        None => "baocao --help".to_string(),
    };
    let see = t!("cli-error-see-help", help = help);
    let help = match suggestion {
        Some(s) => format!("{} {see}", t!("cli-error-did-you-mean", suggestion = s)),
        None => see,
    };
    Diagnostic::error(message).help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and every argument has its text in the catalogue, in both languages.
    #[test]
    fn every_command_and_argument_has_a_catalogue_text() {
        let command = Cli::command();
        let mut missing = Vec::new();
        for sub in command.get_subcommands() {
            let name = sub.get_name();
            if !i18n::has(&format!("cli-{name}-about")) {
                missing.push(format!("cli-{name}-about"));
            }
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str().replace('_', "-");
                if !i18n::has(&format!("cli-arg-{name}-{id}")) && !i18n::has(&format!("cli-arg-{id}")) {
                    missing.push(format!("cli-arg-{name}-{id}"));
                }
            }
        }
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str().replace('_', "-");
            if !i18n::has(&format!("cli-arg-{id}")) {
                missing.push(format!("cli-arg-{id}"));
            }
        }
        assert!(missing.is_empty(), "missing from cli.ftl: {missing:?}");
        command.debug_assert();
    }

    #[test]
    fn the_localised_command_is_consistent_in_both_languages() {
        for lang in [Lang::En, Lang::Vi] {
            i18n::with_lang(lang, || command().debug_assert());
        }
    }

    #[test]
    fn vietnamese_help_has_vietnamese_headings_and_descriptions() {
        let help = i18n::with_lang(Lang::Vi, || command().render_long_help().to_string());
        assert!(help.contains("Cách dùng:") && help.contains("Lệnh:") && help.contains("Tùy chọn:"), "{help}");
        let build = i18n::with_lang(Lang::Vi, || {
            let mut c = command();
            c.build();
            c.find_subcommand_mut("build").unwrap().render_long_help().to_string()
        });
        assert!(build.contains("Tạo tệp PDF"), "{build}");
        assert!(!build.contains("Options:") && !build.contains("Print help"), "{build}");
    }
}
