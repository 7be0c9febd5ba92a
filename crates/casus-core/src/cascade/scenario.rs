//! Scenarios checked against the data: what a cascade and a simulation run on. The file format
//! and its reader are `raw::scenario`; the check is `check::scenario`.

use std::collections::BTreeMap;

use crate::eval::Event;
use crate::model::Fact;
pub use crate::raw::scenario::Escalation;

/// A given event, checked.
#[derive(Debug, Clone)]
pub struct GivenEvent {
    /// The attack, resolved.
    pub event: Event,
    /// What happened.
    pub label: Option<String>,
    /// Citation text, if any.
    pub source: Option<String>,
    /// The time of day, if the scenario gives it.
    pub time: Option<jiff::civil::Time>,
    /// Its place among the day's events, if the scenario gives it.
    pub order: Option<i64>,
}

/// A scenario checked against the data: what a cascade and a simulation run on.
#[derive(Debug, Clone)]
pub struct CheckedScenario {
    /// The scenario's stable id, as its file writes it.
    pub id: String,
    /// The scenario's title: what it plays out.
    pub title: String,
    /// Escalation rule.
    pub escalation: Escalation,
    /// Facts every derived event states.
    pub derived_facts: BTreeMap<Fact, bool>,
    /// Proposals assumed in force for every event, `(id, variant)`.
    pub assume_in_force: Vec<(String, Option<String>)>,
    /// Round limit.
    pub max_rounds: u32,
    /// Given events, by date, then time of day (timed events first), then `order` (ordered
    /// events first), then aggressor, victim and label: the order they are written in never
    /// matters.
    pub events: Vec<GivenEvent>,
}

impl CheckedScenario {
    /// The date of the first event.
    pub fn first_date(&self) -> Option<jiff::civil::Date> {
        self.events.first().map(|e| e.event.date())
    }
}
