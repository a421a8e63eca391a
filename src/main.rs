//! The `baocao` command: parses the arguments and dispatches to [`baocao::cli`].

use std::process::ExitCode;

use baocao::cli::{self, Command};
use baocao::console::Console;

/// Every panic so far (message and place). A panic inside typst is caught and reported as an
/// error with advice (or dropped, when check's errors stop the build anyway); these are printed
/// only when a panic ends the program.
static PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn main() -> ExitCode {
    baocao::console::use_utf8_console();
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut panics) = PANICS.lock() {
            panics.push(format!("{message}{location}"));
        }
    }));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(_) => {
            // one line each, not a crash report with a backtrace
            for panic in PANICS.lock().map(|p| p.clone()).unwrap_or_default() {
                eprintln!("{}", baocao::t!("cli-internal-error", panic = panic));
            }
            ExitCode::from(101)
        }
    }
}

fn run() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    baocao::i18n::set(baocao::i18n::for_command_line(&args));
    let cli = match cli::help::parse(args) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let console = Console::new(cli.quiet, cli.color);
    match &cli.command {
        Command::Build(args) => cli::build::run(args, &console),
        Command::Watch(args) => cli::build::watch(args, &console),
        Command::Init(args) => cli::build::init(args, &console),
        Command::Check(args) => cli::check::run(args, &console),
        Command::Diff(args) => cli::diff::run(args, &console),
        Command::Verify(args) => cli::verify::run(args, &console),
        Command::Facts(args) => cli::facts::run(args, &console),
        Command::Import(args) => cli::import::run(args, &console),
        Command::Serve(args) => cli::serve::run(args, &console),
    }
}
