//! The `baocao` command: parses the arguments and dispatches to [`baocao::cli`].

use std::process::ExitCode;

use baocao::cli::{self, Cli, Command};
use baocao::console::Console;
use clap::Parser;

fn main() -> ExitCode {
    // A panic inside typst is caught and reported as an error with advice; print the panic
    // itself as one line, not as a crash with a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("internal error: {message}{location}");
    }));
    let cli = Cli::parse();
    let console = Console::new(cli.quiet, cli.color);
    match &cli.command {
        Command::Build(args) => cli::build::run(args, &console),
        Command::Watch(args) => cli::build::watch(args, &console),
        Command::Init(args) => cli::build::init(args, &console),
        Command::Check(args) => cli::check::run(args, &console),
        Command::Diff(args) => cli::diff::run(args, &console),
        Command::Verify(args) => cli::verify::run(args, &console),
        Command::Facts(args) => cli::facts::run(args, &console),
        Command::Serve(args) => cli::serve::run(args, &console),
    }
}
