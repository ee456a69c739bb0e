//! The `demarche` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: the stages allocate many small, short-lived
/// strings on several threads, and glibc's malloc and free took about a quarter of the
/// daemon's CPU time in the loopback benchmark (perf; see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    demarche::cli::run(demarche::cli::Cli::parse())
}
