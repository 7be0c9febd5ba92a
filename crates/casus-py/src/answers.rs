//! `check`, `treaty` and `states`: each answers as the CLI's `--format json` does, as a JSON
//! string the Python side parses (so that the two can be compared byte for byte).

use std::path::PathBuf;

use casus_core::diag::{suggestion, Code, Diagnostic};
use casus_core::evaluate;
use casus_core::input::{check_date, check_event, echo, Given};
use casus_export::CheckQuery;
use jiff::civil::Date;
use pyo3::prelude::*;

use crate::data::{dataset, geo, today};
use crate::error::{json, Failure, OrRaise};

/// A date as given (`YYYY-MM-DD`), today if absent.
pub(crate) fn date_or_today(date: Option<&str>) -> Result<Date, Failure> {
    match date {
        None => Ok(today()),
        Some(d) => check_date(&Given::field(d.to_owned(), "date")).map_err(|d| Failure::input(*d)),
    }
}

/// Decides an attack: the decision as `casus check --format json` prints it.
#[pyfunction]
#[pyo3(signature = (aggressor, victim, date, at, region, target, facts, assume_in_force, data, atop))]
#[expect(clippy::too_many_arguments, reason = "the CLI's flags, one argument each")]
pub(crate) fn check(
    py: Python<'_>,
    aggressor: Option<String>,
    victim: Option<String>,
    date: Option<String>,
    at: Option<String>,
    region: Option<String>,
    target: String,
    facts: Vec<String>,
    assume_in_force: Vec<String>,
    data: Option<PathBuf>,
    atop: Option<PathBuf>,
) -> PyResult<String> {
    let query =
        CheckQuery { aggressor, victim, date, region, at, target, facts, assume: assume_in_force };
    py.detach(|| {
        let ds = dataset(data.as_deref(), atop.as_deref())?;
        let classifier = geo()?;
        let classify = |lat: f64, lon: f64, date: Date| {
            classifier.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
        };
        let event = check_event(&ds, &query.raw_event(), today(), Some(&classify))
            .map_err(|diags| Failure::invalid_input("invalid event", diags))?;
        let decision = evaluate(&ds, &event);
        json(&decision)
    })
    .or_raise(py)
}

/// A treaty on a date, as `casus treaty ID --format json` prints it.
#[pyfunction]
#[pyo3(signature = (id, date, data))]
pub(crate) fn treaty(
    py: Python<'_>,
    id: String,
    date: Option<String>,
    data: Option<PathBuf>,
) -> PyResult<String> {
    py.detach(|| {
        let ds = dataset(data.as_deref(), None)?;
        let date = date_or_today(date.as_deref())?;
        let t = ds.treaty(&id).ok_or_else(|| {
            Failure::input(
                Diagnostic::error(Code::UnknownTreaty, format!("unknown treaty `{}`", echo(&id)))
                    .maybe_help(suggestion(&id, ds.treaty_ids()))
                    .on("id"),
            )
        })?;
        json(&casus_export::treaty_on(&ds, t, date))
    })
    .or_raise(py)
}

/// The states existing on a date, as `casus states --format json` prints them.
#[pyfunction]
#[pyo3(signature = (date, data))]
pub(crate) fn states(
    py: Python<'_>,
    date: Option<String>,
    data: Option<PathBuf>,
) -> PyResult<String> {
    py.detach(|| {
        let ds = dataset(data.as_deref(), None)?;
        let date = date_or_today(date.as_deref())?;
        json(&casus_export::states_on(&ds, date))
    })
    .or_raise(py)
}
