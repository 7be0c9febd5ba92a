//! `cascade` and `simulate`: a scenario (a file, or one of the bundled `data/scenarios/` by
//! name) run as `casus cascade` and `casus simulate` run it, answered as their JSON.

use std::path::{Path, PathBuf};

use casus_core::cascade::{
    build_graph, check_scenario, parse_weights, read_scenario, read_weights_csv, simulate_worlds,
    CheckedScenario, Credibility, Decide, Setting, SimulationOptions,
};
use casus_core::diag::{suggestion, Code, Diagnostic, Diagnostics};
use casus_core::input::{echo, Origin};
use casus_core::model::Dataset;
use casus_core::source::SourceFile;
use pyo3::prelude::*;

use crate::data::{dataset, geo, SCENARIOS};
use crate::error::{json, Failure, OrRaise};

/// A bundled scenario's name: its file name without `.toml` (`july-1914`).
fn bundled_name(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".toml").unwrap_or(file)
}

/// The scenario's file: a path that exists, else a bundled scenario by name.
fn scenario_file(scenario: &str) -> Result<std::sync::Arc<SourceFile>, Failure> {
    let path = Path::new(scenario);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::other(format!("cannot read `{}`: {e}", path.display())))?;
        return Ok(SourceFile::new(path.display().to_string(), text));
    }
    if let Some((p, text)) = SCENARIOS.iter().find(|(p, _)| bundled_name(p) == scenario) {
        return Ok(SourceFile::new(*p, *text));
    }
    let names = SCENARIOS.iter().map(|(p, _)| bundled_name(p));
    Err(Failure::input(
        Diagnostic::error(
            Code::InvalidArgument,
            format!("no scenario file `{}` and no bundled scenario of that name", echo(scenario)),
        )
        .maybe_help(suggestion(scenario, names.clone()).or_else(|| {
            Some(format!("the bundled scenarios: {}", names.collect::<Vec<_>>().join(", ")))
        }))
        .on("scenario"),
    ))
}

/// Reads a scenario and checks it against the data: every problem at once.
fn checked(ds: &Dataset, scenario: &str) -> Result<CheckedScenario, Failure> {
    let file = scenario_file(scenario)?;
    let mut diags = Diagnostics::default();
    let summary = format!("`{}` is not a valid scenario", file.path());
    let Some(sc) = read_scenario(&file, &mut diags) else {
        return Err(Failure::invalid_input(summary, diags));
    };
    let classifier = geo()?;
    let classify = |lat: f64, lon: f64, date: jiff::civil::Date| {
        classifier.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
    };
    check_scenario(ds, &sc, Some(&classify)).map_err(|d| Failure::invalid_input(summary, d))
}

/// Runs a scenario's cascade: the trace as `casus cascade --format json` prints it.
#[pyfunction]
#[pyo3(signature = (scenario, data, atop))]
pub(crate) fn cascade(
    py: Python<'_>,
    scenario: String,
    data: Option<PathBuf>,
    atop: Option<PathBuf>,
) -> PyResult<String> {
    py.detach(|| {
        let ds = dataset(data.as_deref(), atop.as_deref())?;
        let sc = checked(&ds, &scenario)?;
        let graph = build_graph(&ds, &sc).map_err(|e| Failure::other(e.to_string()))?;
        let trace = casus_core::cascade::cascade(&ds, &graph, &sc);
        json(&trace)
    })
    .or_raise(py)
}

/// Monte Carlo over a scenario: the report as `casus simulate --format json` prints it.
/// `weights` is the text of a weights file (`code,weight` lines) and `weights_name` what to
/// call it in messages.
#[pyfunction]
#[pyo3(signature = (scenario, samples, seed, credibility, decide, weights, weights_name, threads, data, atop))]
#[expect(clippy::too_many_arguments, reason = "the CLI's flags, one argument each")]
pub(crate) fn simulate(
    py: Python<'_>,
    scenario: String,
    samples: u64,
    seed: u64,
    credibility: Vec<String>,
    decide: String,
    weights: Option<String>,
    weights_name: String,
    threads: Option<usize>,
    data: Option<PathBuf>,
    atop: Option<PathBuf>,
) -> PyResult<String> {
    py.detach(|| {
        if !(1..=100_000_000).contains(&samples) {
            return Err(Failure::argument(format!(
                "samples {samples} is not within 1 to 100,000,000"
            )));
        }
        let decide = Decide::parse(&decide).ok_or_else(|| {
            Failure::argument(format!(
                "unknown decide `{decide}`: per-victim, per-war or per-commitment"
            ))
        })?;
        let ds = dataset(data.as_deref(), atop.as_deref())?;
        let sc = checked(&ds, &scenario)?;
        let date = sc.first_date().ok_or_else(|| Failure::argument("the scenario has no event"))?;
        let settings: Vec<Setting> = credibility
            .iter()
            .enumerate()
            .map(|(i, c)| Setting::assignment(c, Origin::field(format!("credibility[{i}]"))))
            .collect();
        let credibility = Credibility::parse(&ds, date, &settings)
            .map_err(|d| Failure::invalid_input("invalid credibility", d))?;
        let weights = weights
            .map(|text| {
                let file = SourceFile::new(weights_name.clone(), text);
                let mut diags = Diagnostics::default();
                let settings = read_weights_csv(&file, &mut diags);
                let summary = format!("`{weights_name}` is not a valid weights file");
                if diags.has_errors() {
                    return Err(Failure::invalid_input(summary, diags));
                }
                parse_weights(&ds, date, &settings).map_err(|d| Failure::invalid_input(summary, d))
            })
            .transpose()?;
        let threads = threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            .clamp(1, 256);
        let opts = SimulationOptions {
            samples,
            seed,
            threads,
            credibility,
            decide,
            weights,
            progress: None,
            cancel: None,
        };
        let report = simulate_worlds(&ds, &sc, &opts).map_err(|e| Failure::other(e.to_string()))?;
        json(&report)
    })
    .or_raise(py)
}
