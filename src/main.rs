//! The `demarche` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    demarche::cli::run(demarche::cli::Cli::parse())
}
