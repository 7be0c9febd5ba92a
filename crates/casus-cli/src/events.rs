//! `casus events`: a table of attacks in (CSV or Parquet), a long table of the obligations
//! each triggers out, with a summary table and a sidecar (`<output>.meta.json`). The columns
//! are documented in casus-export's `events` module.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use casus_core::Dataset;
use casus_export::events::{
    read_events, Batch, BatchOptions, EventFormat, EventFormatOut, EventsCounts, EventsSink,
    InvalidRow, SummarySink, EVENT_COLUMNS,
};
use casus_export::{content_hash, Sidecar};

use crate::output::{self, AtomicFile};

#[derive(Debug, clap::Args)]
pub(crate) struct EventsArgs {
    /// The table of attacks: CSV with a header, or Parquet (`.parquet`). Columns: id, date,
    /// aggressor, victim, lat, lon, region, target, facts (`name=true;...`), assume
    /// (`ID[:VARIANT];...`); others are ignored.
    input: PathBuf,
    /// The long table of obligations: one row per state bound under an obligation an attack
    /// triggers or leaves undecided. CSV, or Parquet for `.parquet`.
    #[arg(short, long)]
    output: PathBuf,
    /// Also write one row per attack: the instruments triggered and undecided, the states
    /// bound, counts (CSV, or Parquet for `.parquet`).
    #[arg(long, value_name = "PATH")]
    summary: Option<PathBuf>,
    /// Keep rows that cannot be evaluated in the summary, marked `invalid` with what is wrong
    /// (they are always reported on standard error and counted in the sidecar).
    #[arg(long)]
    keep_invalid: bool,
    /// Worker threads, 1 to 256 (default: the machine's cores). The output does not depend
    /// on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
    /// Rows read and evaluated at a time (memory grows with it: a few kilobytes a row).
    #[arg(long, default_value_t = 8_192, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    chunk: u64,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

fn format_out(p: &Path) -> EventFormatOut {
    match EventFormat::of(p) {
        EventFormat::Parquet => EventFormatOut::Parquet,
        EventFormat::Csv => EventFormatOut::Csv,
    }
}

/// The invalid rows shown on standard error; the rest are counted.
const SHOWN: usize = 20;

// Long (about 110 lines): the run in the order a reader checks it: arguments, the files
// opened under temporary names, the chunks read, evaluated and written, then the sidecar
// and the renames.
pub(crate) fn run(ds: &Dataset, data_dir: &Path, a: &EventsArgs) -> Result<ExitCode> {
    if a.output == a.input || a.summary.as_ref().is_some_and(|s| *s == a.input || *s == a.output) {
        bail!("the input, the output and the summary must be three different files");
    }
    if !a.input.is_file() {
        bail!("cannot read `{}`: no such file", a.input.display());
    }
    let classifier = crate::cmd::geo()?;
    let classify = |lat: f64, lon: f64, date: jiff::civil::Date| {
        classifier.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
    };
    let threads = a
        .threads
        .map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let mut batch = Batch::new(
        ds,
        BatchOptions {
            threads,
            classify: Some(&classify),
            today: jiff::Zoned::now().date(),
            keep_invalid: a.keep_invalid,
        },
    );
    // Written under temporary names, renamed when complete: a failed run leaves no half file.
    let out_file = AtomicFile::create(&a.output)?;
    let side_file = AtomicFile::create(&Sidecar::path_for(&a.output))?;
    let sum_file = a.summary.as_deref().map(AtomicFile::create).transpose()?;
    let mut sink =
        EventsSink::new(std::io::BufWriter::new(out_file.writer()?), format_out(&a.output))?;
    let mut summary = match (&sum_file, &a.summary) {
        (Some(f), Some(p)) => {
            Some(SummarySink::new(std::io::BufWriter::new(f.writer()?), format_out(p))?)
        }
        _ => None,
    };
    let bar = if a.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} rows {per_sec} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b
    };
    let mut invalid: Vec<InvalidRow> = Vec::new();
    let format = EventFormat::of(&a.input);
    let chunk = usize::try_from(a.chunk).unwrap_or(8_192);
    let columns = read_events(&a.input, format, chunk, |rows| {
        let done = batch.run(rows);
        sink.write_chunk(&done)?;
        if let Some(s) = &mut summary {
            s.write_chunk(&done)?;
        }
        if invalid.len() < 1000 {
            invalid.extend(done.invalid.into_iter().take(1000 - invalid.len()));
        }
        bar.inc(rows.len() as u64);
        Ok(())
    })?;
    bar.finish_and_clear();
    sink.finish()?.flush()?;
    if let Some(s) = summary {
        s.finish()?.flush()?;
    }
    let counts = batch.counts();
    let (hash, _) = content_hash(data_dir)
        .with_context(|| format!("cannot hash the data directory `{}`", data_dir.display()))?;
    let side = sidecar(a, &hash, counts, &columns.ignored, &invalid);
    side_file.writer()?.write_all(side.as_bytes())?;
    out_file.commit()?;
    side_file.commit()?;
    if let Some(f) = sum_file {
        f.commit()?;
    }
    report(a, counts, &invalid);
    Ok(ExitCode::SUCCESS)
}

/// The sidecar: what was read, how much, what could not be evaluated and why, the data.
fn sidecar(
    a: &EventsArgs,
    data_hash: &str,
    counts: EventsCounts,
    ignored: &[String],
    invalid: &[InvalidRow],
) -> String {
    let rows: Vec<serde_json::Value> = invalid
        .iter()
        .map(|r| serde_json::json!({ "row": r.row, "id": r.id, "problems": r.problems }))
        .collect();
    let value = serde_json::json!({
        "casus_version": env!("CARGO_PKG_VERSION"),
        "command": std::env::args().collect::<Vec<_>>().join(" "),
        "input": a.input.display().to_string(),
        "output": a.output.display().to_string(),
        "summary": a.summary.as_ref().map(|p| p.display().to_string()),
        "data_sha256": data_hash,
        "columns_read": EVENT_COLUMNS.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        "columns_ignored": ignored,
        "counts": counts,
        "invalid_rows": rows,
        "invalid_rows_listed": invalid.len(),
        "invalid_rows_kept_in_summary": a.keep_invalid,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// What happened, on standard error: the counts and the first invalid rows.
fn report(a: &EventsArgs, c: EventsCounts, invalid: &[InvalidRow]) {
    output::eprintln(&format!(
        "{} rows: {} evaluated ({} evaluations of the engine), {} invalid; {} obligation rows in {}; \
         sidecar {}",
        c.rows,
        c.evaluated,
        c.distinct,
        c.invalid,
        c.obligation_rows,
        a.output.display(),
        Sidecar::path_for(&a.output).display()
    ));
    for r in invalid.iter().take(SHOWN) {
        output::eprintln(&format!("row {} (id {}): {}", r.row, r.id, r.problems.join("; ")));
    }
    if c.invalid > SHOWN as u64 {
        output::eprintln(&format!(
            "... and {} more invalid rows (the sidecar lists up to 1000)",
            c.invalid - SHOWN as u64
        ));
    }
}
