//! Subcommands: each turns arguments into engine values, runs the engine, prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use casus_core::cascade::{check_scenario, read_scenarios};
use casus_core::casebook::{check_casebook, read_casebook, run_case, Summary};
use casus_core::diag::{suggestion, Code, Diagnostic, Diagnostics, CODES};
use casus_core::input::{check_date, check_event, echo, Given, RawEvent};
use casus_core::model::Dataset;
use casus_core::source::SourceFile;
use casus_core::{evaluate, load, Checked, DataPaths};
use jiff::civil::Date;

use crate::args::{BriefFormat, CheckArgs, Cli, Command, Format};
use crate::memo;
use crate::output;
use crate::report::{reject, Rejected};

/// The data directory: `--data`, `$CASUS_DATA`, `./data`, or the one this binary was built
/// beside (so `cargo run` works from anywhere in the checkout).
fn data_dir(cli: &Cli) -> PathBuf {
    if let Some(d) = &cli.data {
        return d.clone();
    }
    if let Some(d) = std::env::var_os("CASUS_DATA") {
        return PathBuf::from(d);
    }
    let local = PathBuf::from("data");
    if local.join("states.toml").is_file() {
        return local;
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"))
}

/// Today, read in the binary (the engine never reads the clock).
fn today() -> Date {
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()
}

/// A `--date` flag, today if absent.
pub(crate) fn parse_date(s: Option<&str>) -> Result<Date> {
    match s {
        None => Ok(today()),
        Some(s) => check_date(&Given::field(s.to_owned(), "date")).map_err(|d| reject(*d)),
    }
}

/// Loads the data and refuses to go on if it has errors.
fn dataset(cli: &Cli) -> Result<Dataset> {
    dataset_with(cli, None)
}

/// Loads the data with the ATOP layer of `atop` (ATOP's member-level file), if given, and
/// refuses to go on if it has errors.
fn dataset_with(cli: &Cli, atop: Option<&Path>) -> Result<Dataset> {
    let paths = DataPaths::in_dir(data_dir(cli));
    let checked = match atop {
        None => load(&paths),
        Some(path) => {
            let layer = casus_export::AtopLayer::from_file(path)
                .with_context(|| format!("cannot read the ATOP file `{}`", path.display()))?;
            casus_core::load_with(&paths, &layer)
        }
    };
    if !checked.passed() {
        let n = checked.diagnostics().error_count();
        let (_, diags) = checked.into_parts();
        let summary = format!("the data has {n} error(s); run `casus validate` for details");
        return Err(Rejected::new(diags, summary).into());
    }
    Ok(checked.into_parts().0)
}

pub(crate) fn run(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Validate { dir } => validate(cli, dir.as_deref()),
        Command::Check(args) => check(cli, args),
        Command::Compare(args) => crate::compare::compare(&dataset(cli)?, args),
        Command::Treaty { id, date, format } => treaty(cli, id, date.as_deref(), *format),
        Command::States { date, format } => states(cli, date.as_deref(), *format),
        Command::Statements { id, speaker, from, until, format } => {
            let filter = memo::StatementFilter {
                speaker: speaker.clone(),
                from: from.as_deref().map(|d| parse_date(Some(d))).transpose()?,
                until: until.as_deref().map(|d| parse_date(Some(d))).transpose()?,
            };
            statements(cli, id, &filter, *format)
        }
        Command::Where { point, date, format } => {
            crate::place::where_cmd(&dataset(cli)?, point, parse_date(date.as_deref())?, *format)
        }
        Command::Coverage { date, atop, format } => crate::coverage::coverage(
            &dataset(cli)?,
            parse_date(date.as_deref())?,
            atop.as_deref(),
            *format,
        ),
        Command::Cases { files, format, strict } => cases(cli, files, *format, *strict),
        Command::Cascade(args) => {
            crate::cascade::cascade(&dataset_with(cli, args.atop.path.as_deref())?, args)
        }
        Command::Simulate(args) => {
            crate::simulate::simulate(&dataset_with(cli, args.atop.path.as_deref())?, args)
        }
        Command::Dyads(args) => {
            crate::dyads::run(&dataset_with(cli, args.atop.as_deref())?, &data_dir(cli), args)
        }
        Command::Events(args) => crate::events::run(&dataset(cli)?, &data_dir(cli), args),
        Command::Serve { addr, atop } => {
            crate::serve::serve(dataset_with(cli, atop.path.as_deref())?, &data_dir(cli), addr)
        }
        Command::Fmt { paths, check } => crate::fmt::run(&data_dir(cli), paths, *check),
        Command::Diagnostics => {
            output::print(&diagnostics_doc())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Keys => {
            output::print(&casus_core::raw::schema::markdown())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `docs/diagnostics.md`, generated from the code docs.
pub(crate) fn diagnostics_doc() -> String {
    let mut out = String::from(
        "# casus diagnostics\n\nGenerated by `casus diagnostics` from the code documentation; do not edit.\n",
    );
    for c in CODES {
        out.push_str(&format!(
            "\n## `{}`\n\n{}",
            c.name(),
            c.doc().replace("\n ", "\n").trim_start()
        ));
    }
    out.push_str(
        "\n# Reason codes\n\nEvery reason a decision gives has one of these codes (`code`), and \
         `fails` says whether it is why something does not bind.\n\n| code | fails | meaning |\n|---|---|---|\n",
    );
    for r in casus_core::model::ReasonCode::ALL {
        let doc = r.doc().split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("| `{r}` | {} | {doc} |\n", if r.fails() { "yes" } else { "no" }));
    }
    out
}

fn validate(cli: &Cli, dir: Option<&Path>) -> Result<ExitCode> {
    let default = data_dir(cli);
    let data_root = match dir {
        None => Some(default.clone()),
        // A data directory (it has a treaties/ folder or a states.toml): every file it holds
        // is checked, and a missing states.toml or regions.toml is an error.
        Some(d) if d.join("treaties").is_dir() || d.join("states.toml").exists() => {
            Some(d.to_path_buf())
        }
        // A folder of treaty files, checked against the default registry and regions.
        Some(_) => None,
    };
    let paths = match (&data_root, dir) {
        (Some(root), _) => DataPaths::in_dir(root),
        (None, Some(d)) => DataPaths { treaties: d.to_path_buf(), ..DataPaths::in_dir(&default) },
        (None, None) => DataPaths::in_dir(&default),
    };
    let checked: Checked = load(&paths);
    let (ds, mut diags) = checked.into_parts();
    let mut scenarios = 0;
    if let Some(root) = &data_root {
        let classifier = geo()?;
        let classify = |lat: f64, lon: f64, date: Date| {
            classifier.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
        };
        for sc in read_scenarios(&root.join("scenarios"), &mut diags) {
            scenarios += 1;
            if let Err(d) = check_scenario(&ds, &sc, Some(&classify)) {
                diags.extend(d);
            }
        }
        diags.extend(crate::place::check_geo_files(root, &ds));
    }
    let diags = diags.sorted();
    let files = treaty_file_count(&paths.treaties);
    let broken = files_with_errors(&diags, &paths.treaties);
    if diags.has_errors() {
        let summary = format!(
            "{} error(s), {} warning(s); {} of {files} treaty files valid",
            diags.error_count(),
            diags.warning_count(),
            files.saturating_sub(broken)
        );
        return Err(Rejected::new(diags, summary).into());
    }
    crate::report::print_diagnostics(&diags, cli.error_format);
    output::println(&format!(
        "ok: {} treaties, {} states, {} regions, {scenarios} scenarios; {} warning(s)",
        ds.treaties().len(),
        ds.registry().states().count(),
        ds.regions().iter().count(),
        diags.warning_count()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// How many treaty files a folder holds, subfolders included.
fn treaty_file_count(dir: &Path) -> usize {
    casus_core::treaty_files(dir).map_or(0, |f| f.len())
}

/// How many treaty files have at least one error.
fn files_with_errors(diags: &Diagnostics, dir: &Path) -> usize {
    let dir = dir.display().to_string();
    let paths: std::collections::BTreeSet<&str> = diags
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.primary().map(|l| l.loc().file().path()))
        .filter(|p| p.starts_with(&dir))
        .collect();
    paths.len()
}

/// The event of `casus check`, as given: flags are named as the JSON API names its fields.
fn raw_event(a: &CheckArgs) -> RawEvent {
    casus_export::CheckQuery {
        aggressor: a.aggressor.clone(),
        victim: a.victim.clone(),
        date: a.date.clone(),
        region: a.region.clone(),
        at: a.at.clone(),
        target: a.target.clone(),
        facts: a.facts.clone(),
        assume: a.assume.clone(),
    }
    .raw_event()
}

fn check(cli: &Cli, a: &CheckArgs) -> Result<ExitCode> {
    let ds = dataset_with(cli, a.atop.path.as_deref())?;
    let classifier = geo()?;
    let classify = |lat: f64, lon: f64, date: Date| {
        classifier.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
    };
    let event = check_event(&ds, &raw_event(a), today(), Some(&classify))
        .map_err(|diags| Rejected::new(diags, "invalid event".to_owned()))?;
    let decision = evaluate(&ds, &event);
    match a.format {
        BriefFormat::Json => output::json(&decision)?,
        BriefFormat::Text => output::print(&memo::decision(&decision))?,
        BriefFormat::Markdown => output::print(&crate::brief::decision(&decision))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The point classifier (casus-geo's boundary data, built into the binary).
pub(crate) fn geo() -> Result<casus_geo::Classifier> {
    casus_geo::Classifier::new().map_err(|e| anyhow::anyhow!(e))
}

fn find_treaty<'d>(ds: &'d Dataset, id: &str) -> Result<&'d casus_core::model::Treaty> {
    ds.treaty(id).ok_or_else(|| {
        reject(
            Diagnostic::error(Code::UnknownTreaty, format!("unknown treaty `{}`", echo(id)))
                .maybe_help(suggestion(id, ds.treaty_ids()))
                .on("id"),
        )
    })
}

fn statements(
    cli: &Cli,
    id: &str,
    filter: &memo::StatementFilter,
    format: Format,
) -> Result<ExitCode> {
    let ds = dataset(cli)?;
    let t = find_treaty(&ds, id)?;
    let chosen: Vec<&casus_core::model::Statement> =
        t.statements().iter().filter(|s| filter.keeps(s)).collect();
    match format {
        Format::Json => {
            output::json(&serde_json::json!({ "treaty": t.id(), "statements": chosen }))?
        }
        Format::Text => output::print(&memo::statements(t, &chosen))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn treaty(cli: &Cli, id: &str, date: Option<&str>, format: Format) -> Result<ExitCode> {
    let ds = dataset(cli)?;
    let date = parse_date(date)?;
    let t = find_treaty(&ds, id)?;
    match format {
        Format::Json => output::json(&casus_export::treaty_on(&ds, t, date))?,
        Format::Text => output::print(&memo::treaty(&ds, t, date))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn states(cli: &Cli, date: Option<&str>, format: Format) -> Result<ExitCode> {
    let ds = dataset(cli)?;
    let date = parse_date(date)?;
    let answer = casus_export::states_on(&ds, date);
    let rows = answer.get("states").and_then(|s| s.as_array()).cloned().unwrap_or_default();
    match format {
        Format::Json => output::json(&answer)?,
        Format::Text => {
            output::println(&format!("{} states on {date}", rows.len()))?;
            output::println(&format!(
                "{:<5} {:<4} {:>4} {:<4} {:>4}  name",
                "code", "iso2", "cow", "abb", "gw"
            ))?;
            for r in &rows {
                let s = |k: &str| r.get(k).and_then(|v| v.as_str()).unwrap_or("-").to_owned();
                let n = |k: &str| {
                    r.get(k)
                        .and_then(serde_json::Value::as_u64)
                        .map_or_else(|| "-".to_owned(), |v| v.to_string())
                };
                output::println(&format!(
                    "{:<5} {:<4} {:>4} {:<4} {:>4}  {}",
                    s("code"),
                    s("iso2"),
                    n("cow"),
                    s("cow_abb"),
                    n("gw"),
                    s("name")
                ))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The repository's casebook: every `.toml` file of `casebook/` beside the data directory.
fn default_casebook(cli: &Cli) -> Result<Vec<PathBuf>> {
    let data = data_dir(cli);
    let dir = data.parent().unwrap_or(Path::new(".")).join("casebook");
    casus_core::treaty_files(&dir).with_context(|| format!("cannot read `{}`", dir.display()))
}

fn cases(cli: &Cli, files: &[PathBuf], format: Format, strict: bool) -> Result<ExitCode> {
    let ds = dataset(cli)?;
    let default = if files.is_empty() { default_casebook(cli)? } else { Vec::new() };
    let files = if files.is_empty() { &default[..] } else { files };
    let classifier = geo()?;
    let classify = |lat: f64, lon: f64, date: Date| {
        classifier.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
    };
    // Every file is read and checked before any case runs: a casebook that names something
    // the data does not have is invalid input (exit 2), not a failing case.
    let mut diags = Diagnostics::default();
    let mut checked = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        let file = SourceFile::new(path.display().to_string(), text);
        let book = read_casebook(&file, &mut diags);
        match check_casebook(&ds, &book, Some(&classify)) {
            Ok(cases) => checked.extend(cases),
            Err(d) => diags.extend(d),
        }
    }
    // A case id is unique across files too.
    let mut ids = std::collections::BTreeSet::new();
    for c in &checked {
        if !ids.insert(c.id.as_str()) {
            diags.push(Diagnostic::error(
                Code::DuplicateId,
                format!("two cases have the id `{}` (in two files)", echo(&c.id)),
            ));
        }
    }
    if diags.has_errors() {
        return Err(Rejected::new(diags, "the casebook is not valid".to_owned()).into());
    }
    let mut summary = Summary::default();
    let mut results = Vec::new();
    for case in &checked {
        let (r, _) = run_case(&ds, case);
        summary.add(&r);
        results.push(r);
    }
    match format {
        Format::Json => output::json(&serde_json::json!({ "cases": results, "summary": summary }))?,
        Format::Text => output::print(&memo::cases(&results, &summary))?,
    }
    Ok(if summary.ok(strict) { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
