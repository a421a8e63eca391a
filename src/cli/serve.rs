//! `baocao serve`: the workspace in the browser.

use std::net::IpAddr;
use std::process::ExitCode;
use std::time::Duration;

use super::{ProjectArg, refuse};
use crate::console::Console;
use crate::serve::{ServeOptions, serve};

/// `baocao serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    project: ProjectArg,
    /// The port to listen on [default: the first free one from 8640].
    #[arg(long, value_name = "N")]
    port: Option<u16>,
    /// Open the default browser at the workspace's address.
    #[arg(long)]
    open: bool,
    /// Listen on another address than 127.0.0.1 (this computer only). Anyone who can reach that
    /// address and learns the token can then read and edit the report: a warning is printed.
    /// 0.0.0.0 and :: (every address at once) are refused: name the one address.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    host: IpAddr,
}

/// Serves the workspace until Ctrl-C.
pub fn run(args: &ServeArgs, console: &Console) -> ExitCode {
    let options = ServeOptions {
        project: args.project.project.clone(),
        host: args.host,
        port: args.port,
        open: args.open,
        debounce: Duration::from_millis(30),
    };
    match serve(&options, console) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => refuse(console, failure, &args.project.project),
    }
}
