//! Command-line arguments, as close to what the user typed as possible. `cmd` turns them into
//! engine values.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// casus: if this state is attacked, here, on this day, who is bound to defend it, how
/// strongly, under which article, and what happens next?
///
/// Exit codes: 0 success; 1 a run that found failures (failing casebook cases, files that
/// `fmt --check` would change); 2 invalid data or input.
#[derive(Debug, Parser)]
#[command(name = "casus", version, about, long_about)]
pub(crate) struct Cli {
    /// The data directory (states.toml, regions.toml, treaties/). Default: $CASUS_DATA, else
    /// ./data, else the data bundled with this build.
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) data: Option<PathBuf>,
    /// How to print errors and diagnostics.
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub(crate) error_format: ErrorFormat,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Error renderers.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ErrorFormat {
    /// miette reports with source snippets.
    Human,
    /// One line per problem: `file:line:col: error[code]: message`.
    Plain,
    /// JSON.
    Json,
}

/// Output formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Format {
    /// Text for reading (a memo, a table, a report).
    Text,
    /// JSON (each command's shape is in its `--format` help).
    Json,
}

/// Output formats of the commands that answer a question (`check`, `compare`).
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum BriefFormat {
    /// Text for reading (a memo).
    Text,
    /// JSON (each command's shape is in its `--format` help).
    Json,
    /// A Markdown brief an analyst can paste: the question, the answer in a sentence, tables,
    /// and numbered citations with the sources' addresses.
    Markdown,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check the data directory (or another one) and report every problem.
    Validate {
        /// A data directory, or a directory of treaty files checked against the default
        /// registry and regions.
        dir: Option<PathBuf>,
    },
    /// Decide an attack: which treaties are triggered, who is bound, how strongly and why.
    Check(CheckArgs),
    /// Compare instruments side by side, with counterexamples: attacks on which one binds a
    /// state and another does not.
    Compare(crate::compare::CompareArgs),
    /// Show a treaty: status, parties on a date, articles, obligations, sources.
    Treaty {
        /// Treaty id, e.g. `north-atlantic-treaty`.
        id: String,
        /// The date for the party list (default: today).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        /// Output format: a memo, or JSON (the treaty on the date: identity, status, parties on the
        /// date, articles, obligations, sources; `GET /v1/treaties/{id}` answers the same).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List what was said about an instrument: who, when, where they stand, with sources.
    Statements {
        /// Treaty id, e.g. `ukraine-guarantee-proposal-2025`.
        id: String,
        /// Only statements by speakers whose name contains this (any case), e.g. `Trump`.
        #[arg(long)]
        speaker: Option<String>,
        /// Only statements made on or after this date (YYYY-MM-DD).
        #[arg(long, allow_hyphen_values = true)]
        from: Option<String>,
        /// Only statements made on or before this date (YYYY-MM-DD).
        #[arg(long, allow_hyphen_values = true)]
        until: Option<String>,
        /// Output format: a list, or JSON (`{"treaty", "statements": [{date, speaker, role,
        /// state, stance, text, quality, about, sources, uncertain, note}]}`).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List the states existing on a date, with their codes.
    States {
        /// The date (default: today).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        /// Output format: a table, or JSON (`{"date", "states": [{code, name, iso3, iso2, cow,
        /// cow_abb, gw}]}`).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Run casebook files (casebook/README.md) and report each case.
    Cases {
        /// Casebook files (default: the repository's casebook, every file of `casebook/`
        /// beside the data directory).
        files: Vec<PathBuf>,
        /// Output format: a report, or JSON (`{"cases": [{id, confidence, passed, failures,
        /// readings}], "summary": {settled, mainstream, contested}}`).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Fail on contested cases too.
        #[arg(long)]
        strict: bool,
    },
    /// Explain a point: sovereign, region, continent, island, seas, parallels.
    Where {
        /// `LAT,LON` in degrees.
        #[arg(allow_hyphen_values = true)]
        point: String,
        /// The date (for who held the place then; default: today).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        /// Output format: a line, or JSON (`{"lat", "lon", "date", "facts", "parallels"}`, `facts`
        /// null where nothing is known).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// What the data holds, by region and era, and what it is missing.
    Coverage {
        /// The date for "in force" (default: today).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        /// Compare with ATOP: its member-level file (atop5_1m.csv), which you download from
        /// atopdata.org; casus ships no ATOP data.
        #[arg(long, env = "CASUS_ATOP")]
        atop: Option<std::path::PathBuf>,
        /// Output format: a report, or JSON (the same figures).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Run a scenario's cascade: who is drawn in, round by round, and who stays out and why.
    Cascade(crate::cascade::CascadeArgs),
    /// Monte Carlo over a scenario: each bound state honours with a probability.
    Simulate(crate::simulate::SimulateArgs),
    /// Research datasets: directed dyad-years (or dyad-years, dyad-days) of the COW or G–W
    /// system, with obligations joined from the bundled treaties or an ATOP member file, as
    /// CSV or Parquet with a citation sidecar.
    Dyads(crate::dyads::DyadsArgs),
    /// Evaluate a table of attacks (CSV or Parquet: UCDP GED, ACLED, a grid of strikes):
    /// a long table of the obligations each triggers, a summary per attack, a sidecar.
    Events(crate::events::EventsArgs),
    /// Rewrite treaty files in the canonical layout: scope clauses as `[[scope.clauses]]`
    /// tables, texts longer than a line wrapped at 100 columns; comments, key order and values
    /// kept. Prints each file it changes.
    Fmt {
        /// Files, or folders of `.toml` files (subfolders included). Default: the data
        /// directory's `treaties/`.
        paths: Vec<PathBuf>,
        /// Rewrite nothing: print the files that would change, and exit with 1 if any would.
        #[arg(long)]
        check: bool,
    },
    /// Print the documentation of every diagnostic code (Markdown).
    Diagnostics,
    /// Print the reference of every data file's tables and keys (Markdown, `docs/keys.md`).
    Keys,
    /// Serve the web page (a map) and the JSON API under /v1, by default at
    /// http://127.0.0.1:8080.
    Serve {
        /// The address to listen on, `HOST:PORT`; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        atop: AtopArg,
    },
}

/// `--atop PATH`: the ATOP layer (#15).
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct AtopArg {
    /// ATOP's member-level file (atop5_1m.csv, from atopdata.org; casus ships no ATOP data):
    /// every ATOP alliance no treaty file carries joins the data as `atop-<atopid>`, coded
    /// from ATOP, no text.
    #[arg(long = "atop", env = "CASUS_ATOP", value_name = "PATH")]
    pub(crate) path: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) atop: AtopArg,
    /// The attacker: a state code (ISO alpha-3, COW abbreviation) or `NSA:<name>`. Required.
    #[arg(long)]
    pub(crate) aggressor: Option<String>,
    /// The state attacked. Required unless --at or --region is given: then the sovereign of
    /// the place on the date (the decision says so).
    #[arg(long)]
    pub(crate) victim: Option<String>,
    /// The day of the attack (default: today).
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) date: Option<String>,
    /// Where: an ISO 3166-1 or 3166-2 region code (`US-HI`, `ES-CN`).
    #[arg(long, conflicts_with = "at")]
    pub(crate) region: Option<String>,
    /// Where: a point, `LAT,LON` in degrees.
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) at: Option<String>,
    /// What was attacked: territory, forces, vessel, aircraft.
    #[arg(long, default_value = "territory")]
    pub(crate) target: String,
    /// A fact about the attack, `NAME=true|false` (provoked, requested, ceasefire-in-force,
    /// state-of-war, nuclear-weapons-used, directed-from-abroad, significant-sustained-attack).
    #[arg(long = "fact", value_name = "NAME=BOOL")]
    pub(crate) facts: Vec<String>,
    /// Evaluate a proposal as if in force: `ID` (every variant) or `ID:VARIANT`.
    #[arg(long = "assume-in-force", value_name = "ID[:VARIANT]")]
    pub(crate) assume: Vec<String>,
    /// Output format: a memo, JSON (the decision: documented in casus-core `eval::decision`
    /// and in `/v1/openapi.json`), or a Markdown brief with citations.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: BriefFormat,
}
