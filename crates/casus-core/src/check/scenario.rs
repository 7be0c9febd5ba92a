//! Checks a scenario against the data: every event through the one event check
//! (`input::check_event`), with the scenario's proposals assumed.

use crate::cascade::{CheckedScenario, GivenEvent};
use crate::diag::Diagnostics;
use crate::input::{check_event, PointClassifier};
use crate::model::Dataset;
use crate::raw::scenario::Scenario;

/// Checks a scenario's events against the data (each through
/// [`crate::input::check_event`], with the scenario's proposals assumed): every problem at
/// once.
///
/// # Errors
/// The problems of every event.
pub fn check_scenario(
    ds: &Dataset,
    sc: &Scenario,
    classify: Option<PointClassifier<'_>>,
) -> Result<CheckedScenario, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut events = Vec::new();
    for e in &sc.events {
        let mut raw = e.event.clone();
        raw.assume.extend(sc.assume_in_force.iter().cloned());
        // A scenario's events carry their dates; `today` is never used.
        let today = jiff::civil::Date::constant(2000, 1, 1);
        match check_event(ds, &raw, today, classify) {
            Ok(event) => events.push(GivenEvent {
                event,
                label: e.label.clone(),
                source: e.source.clone(),
                time: e.time,
                order: e.order,
            }),
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        return Err(diags.sorted());
    }
    let reg = ds.registry();
    let key = |e: &GivenEvent| {
        let aggressor = match e.event.aggressor() {
            crate::eval::Aggressor::State(s) => reg.code(*s).to_owned(),
            crate::eval::Aggressor::NonState(n) => format!("NSA:{n}"),
        };
        // Same-day events run in time order, then in the order given, then by code: a
        // declaration of war at 19:00 comes before a border clash the next morning's
        // sources date to the same day.
        (
            e.event.date(),
            (e.time.is_none(), e.time),
            (e.order.is_none(), e.order),
            aggressor,
            reg.code(e.event.victim()).to_owned(),
            e.label.clone(),
        )
    };
    events.sort_by_cached_key(key);
    let assume_in_force = sc
        .assume_in_force
        .iter()
        .map(|a| {
            let (id, v) = crate::input::split_variant(&a.value);
            (id.to_owned(), v.map(str::to_owned))
        })
        .collect();
    Ok(CheckedScenario {
        id: sc.id.clone(),
        title: sc.title.clone(),
        escalation: sc.escalation,
        derived_facts: sc.derived_facts.clone(),
        assume_in_force,
        max_rounds: sc.max_rounds,
        events,
    })
}
