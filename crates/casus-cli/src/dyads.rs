//! `casus dyads`: research datasets, the state-system frame with obligations joined, as CSV or
//! Parquet, with a sidecar (`<output>.meta.json`) recording the version, the data's content
//! hash and what to cite. The columns are documented in casus-export's `rows` module.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use casus_core::Dataset;
use casus_export::{
    content_hash, Collapse, Coverage, CsvSink, DataRecord, Dyads, Obligations, ParquetSink,
    RowSink, RunSettings, Sidecar, SourceKind, System, Unit,
};
use clap::ValueEnum;

use crate::output::{self, AtomicFile};

/// State systems.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum SystemArg {
    /// Correlates of War system membership (ccodes).
    Cow,
    /// Gleditsch–Ward independent states (G–W codes, microstates included).
    Gw,
}

/// Units of observation.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum UnitArg {
    /// Ordered pairs by year.
    DirectedDyadYear,
    /// Unordered pairs by year.
    DyadYear,
    /// Ordered pairs by day.
    DirectedDyadDay,
}

/// Collapse rules.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum CollapseArg {
    /// Per instrument, the obligations on the last day of the year the pair shared it (ATOP).
    Last,
    /// An obligation in effect on any day of the year.
    Any,
}

/// File formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum FileFormat {
    /// Comma-separated values.
    Csv,
    /// Apache Parquet.
    Parquet,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DyadsArgs {
    /// The state system.
    #[arg(long, value_enum, default_value = "cow")]
    pub(crate) system: SystemArg,
    /// The unit of observation.
    #[arg(long, value_enum, default_value = "directed-dyad-year")]
    pub(crate) unit: UnitArg,
    /// The first year (1816 or later).
    #[arg(long, default_value_t = 1816, allow_negative_numbers = true)]
    pub(crate) from: i16,
    /// The last year (default: this year).
    #[arg(long, allow_negative_numbers = true)]
    pub(crate) to: Option<i16>,
    /// Join obligations from an ATOP member-level file you downloaded (atop5_1m.csv); casus
    /// ships no ATOP data.
    #[arg(long, value_name = "PATH", conflicts_with = "treaties")]
    pub(crate) atop: Option<PathBuf>,
    /// Join obligations from the bundled treaties, day-precise.
    #[arg(long)]
    pub(crate) treaties: bool,
    /// Only the dyads allied under the obligation source (ATOP's own directed dyad-year
    /// file), not the whole state system.
    #[arg(long)]
    pub(crate) allied: bool,
    /// How the days of a year collapse into a year row.
    #[arg(long, value_enum, default_value = "last")]
    pub(crate) collapse: CollapseArg,
    /// The output file (default: CSV on standard output). A sidecar `<output>.meta.json`
    /// is written beside it.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub(crate) output: Option<PathBuf>,
    /// The file format (default: from the extension, `.parquet`/`.pq` or else CSV).
    #[arg(long, value_enum)]
    pub(crate) format: Option<FileFormat>,
    /// No progress bar.
    #[arg(long)]
    pub(crate) quiet: bool,
}

fn format_of(args: &DyadsArgs) -> FileFormat {
    args.format.unwrap_or_else(|| {
        let ext = args.output.as_deref().and_then(Path::extension).and_then(|e| e.to_str());
        match ext {
            Some("parquet" | "pq") => FileFormat::Parquet,
            _ => FileFormat::Csv,
        }
    })
}

/// Runs `casus dyads`.
// Long (about 120 lines): every argument is checked before any file is touched, then the frame,
// the obligations, the sinks, the atomic writes and the sidecar follow in the order the output
// needs them.
pub(crate) fn run(ds: &Dataset, data_dir: &Path, args: &DyadsArgs) -> Result<ExitCode> {
    let system = match args.system {
        SystemArg::Cow => System::Cow,
        SystemArg::Gw => System::Gw,
    };
    let unit = match args.unit {
        UnitArg::DirectedDyadYear => Unit::DirectedDyadYear,
        UnitArg::DyadYear => Unit::DyadYear,
        UnitArg::DirectedDyadDay => Unit::DirectedDyadDay,
    };
    let collapse = match args.collapse {
        CollapseArg::Last => Collapse::Last,
        CollapseArg::Any => Collapse::Any,
    };
    let this_year = jiff::Zoned::now().year();
    let to = args.to.unwrap_or(this_year);
    // Every argument is checked before anything is read or written: a mistake never costs
    // an existing file.
    casus_export::check_years(args.from, to, this_year, ["--from", "--to"])
        .map_err(anyhow::Error::msg)?;
    if args.allied && args.atop.is_none() && !args.treaties {
        bail!("`--allied` needs an obligation source: `--atop PATH` or `--treaties`");
    }
    let (hash, data_files) = content_hash(data_dir)
        .with_context(|| format!("cannot hash the data directory `{}`", data_dir.display()))?;
    let obligations = match (&args.atop, args.treaties) {
        (Some(path), _) => Some(Obligations::from_atop_file(path, ds.registry(), system)?),
        (None, true) => Some(Obligations::bundled(ds, system, &hash)),
        (None, false) => None,
    };
    if let Some(o) = &obligations {
        let dropped = &o.provenance().dropped_codes;
        if !dropped.is_empty() {
            let codes: Vec<String> = dropped.iter().map(u32::to_string).collect();
            output::eprintln(&format!(
                "note: left out members that are no state of the registry: {}",
                codes.join(", ")
            ));
        }
    }
    let mut dyads = Dyads::new(ds.registry(), system, unit);
    dyads.years(args.from, to).collapse(collapse).allied_only(args.allied);
    if let Some(o) = &obligations {
        dyads.obligations(o);
    }

    let bar = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} states {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    };
    let mut progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let format = format_of(args);
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    // The file and its sidecar are written under temporary names and renamed when complete.
    let files = output
        .map(|p| {
            Ok::<_, anyhow::Error>((
                AtomicFile::create(p)?,
                AtomicFile::create(&Sidecar::path_for(p))?,
            ))
        })
        .transpose()?;
    let summary = match &files {
        Some((file, _)) => {
            let file = file.writer()?;
            let mut sink: Box<dyn RowSink> = match format {
                FileFormat::Csv => Box::new(CsvSink::new(file)),
                FileFormat::Parquet => Box::new(ParquetSink::new(file)),
            };
            dyads.write(&mut *sink, &mut progress)?
        }
        None => {
            let stdout = std::io::stdout();
            let mut sink: Box<dyn RowSink> = match format {
                FileFormat::Csv => Box::new(CsvSink::new(stdout)),
                FileFormat::Parquet => Box::new(ParquetSink::new(stdout)),
            };
            dyads.write(&mut *sink, &mut progress)?
        }
    };
    bar.finish_and_clear();
    if let (Some(path), Some((file, side_file))) = (output, files) {
        let run =
            RunSettings { system, unit, from: args.from, to, allied_only: args.allied, collapse };
        let data = DataRecord { dir: data_dir.to_owned(), sha256: hash, files: data_files };
        let command = std::env::args().collect::<Vec<_>>().join(" ");
        // What the data misses goes with the dataset: the coverage on the run's last day
        // (today for this year), compared with ATOP when ATOP was read.
        let last = jiff::civil::date(to, 12, 31).min(jiff::Zoned::now().date());
        let coverage = Coverage::of(ds, last);
        let atop = match &obligations {
            Some(o) if o.kind() == SourceKind::Atop && system == System::Cow => {
                Some(coverage.compare_with_atop(ds, o, &Obligations::bundled(ds, system, "")))
            }
            _ => None,
        };
        let side = Sidecar::new(run, data, obligations.as_ref(), summary, Some(command))
            .with_coverage(&coverage, atop);
        side_file.writer()?.write_all(side.to_json().as_bytes())?;
        file.commit()?;
        side_file.commit()?;
        output::eprintln(&format!(
            "wrote {} rows ({} with an obligation) to {}; sidecar {}",
            summary.rows,
            summary.rows_with_obligations,
            path.display(),
            Sidecar::path_for(path).display()
        ));
    }
    Ok(ExitCode::SUCCESS)
}
