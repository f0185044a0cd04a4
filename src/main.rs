//! The `crux` command: the review TUI by default, and subcommands for
//! scripts and CI. Exit codes: 0 fine, 1 problems found, 2 usage errors.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::run(args)
}
