//! `casus`: ask who is bound to defend whom. A thin binary over `casus-core`.
//!
//! `main` parses arguments, installs the error renderer, dispatches, and returns an exit code:
//! 0 success; 1 a check that ran but failed (casebook cases failing, files `fmt --check` would
//! change); 2 invalid data or input.
//! A reader that goes away (`casus states | head -1`) ends the command quietly with 0.

mod args;
mod brief;
mod cascade;
mod cmd;
mod compare;
mod coverage;
mod dyads;
mod events;
mod fmt;
mod memo;
mod output;
mod place;
mod report;
mod serve;
mod simulate;

use std::process::ExitCode;

use clap::Parser;

// Evaluation allocates many small, short-lived values (findings, shared strings); mimalloc
// serves them faster than the system allocator (the eval bench measures with it too).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cmd::run(&cli) {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            report::report_error(&err, cli.error_format);
            ExitCode::from(2)
        }
    }
}
