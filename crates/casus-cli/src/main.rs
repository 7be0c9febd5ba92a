//! `casus`: ask who is bound to defend whom. A thin binary over `casus-core`.
//!
//! `main` parses arguments, installs the error renderer, dispatches, and returns an exit code:
//! 0 success; 1 a check that ran but failed (casebook cases failing); 2 invalid data or input.

mod args;
mod cascade;
mod cmd;
mod coverage;
mod dyads;
mod memo;
mod place;
mod serve;

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
        Err(err) => {
            // Errors from the engine are miette diagnostics; render them the way asked.
            match cli.error_format {
                // `{:#}` prints the chain on one line and never a backtrace: a user error is
                // not a crash.
                args::ErrorFormat::Human | args::ErrorFormat::Plain => eprintln!("error: {err:#}"),
                args::ErrorFormat::Json => {
                    let body = serde_json::json!({ "error": format!("{err:#}") });
                    eprintln!("{body}");
                }
            }
            ExitCode::from(2)
        }
    }
}
