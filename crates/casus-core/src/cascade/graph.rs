//! The event graph of a scenario: the events a cascade reaches, each evaluated once.
//!
//! A derived event "S strikes X" exists when S enters a war against X. The graph starts with
//! the given events and grows as runs reach derived events: the first run to let S enter
//! against X evaluates "S strikes X", later runs only walk it. That is what lets a Monte Carlo
//! sample cost a few hundred nanoseconds instead of a full evaluation per event, without
//! evaluating the whole closure of possible strikes up front (with the world's alliances, tens
//! of thousands of events, most of which no run reaches).

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use super::scenario::{CheckedScenario, Escalation};
use crate::eval::{evaluate, Aggressor, Decision, EventBuilder};
use crate::model::{Dataset, ObligationKind, StateId, Strength};

/// One obligation an event binds a state to.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The state bound.
    pub state: StateId,
    /// Treaty id.
    pub treaty: Arc<str>,
    /// Article id.
    pub article: Arc<str>,
    /// How strong the duty is, from `automatic_all_forces` to `consult_only` (docs/format.md).
    pub strength: Strength,
    /// Kind of obligation.
    pub kind: ObligationKind,
    /// Evaluated as if in force.
    pub hypothetical: bool,
    /// Variant, for proposals.
    pub variant: Option<String>,
    /// Qualifications the decision gives (assumed facts, reservations, suspensions).
    pub caveats: Vec<crate::eval::Text>,
    /// The derived event this state's entry causes (its strike on the aggressor), once a run
    /// has reached it.
    pub(crate) derived: Option<usize>,
    /// INVARIANT (binding slots): the commitment's number, 0..Graph::slots, the same for every
    /// event invoking the same (state, treaty, variant), so that per-commitment tables
    /// (credibility thresholds, a sample's decisions) are dense vectors.
    pub(crate) slot: usize,
}

/// An event of the graph.
#[derive(Debug, Clone)]
pub struct GraphEvent {
    /// The attacker.
    pub aggressor: Aggressor,
    /// The state attacked.
    pub victim: StateId,
    /// The day, as a calendar date (YYYY-MM-DD).
    pub date: Date,
    /// Given (with its label) or derived.
    pub label: Option<String>,
    /// Index of the given event it descends from.
    pub origin: usize,
    /// Derived from a state's entry.
    pub derived: bool,
    /// Citation, for given events.
    pub source: Option<String>,
    /// The event; the trace evaluates it again for the events a run reaches (a graph can hold
    /// tens of thousands of events, a decision each would be hundreds of megabytes).
    pub event: crate::eval::Event,
    /// Assistance obligations it triggers, sorted by state then treaty.
    pub bindings: Vec<Binding>,
    /// INVARIANT (compact mirror): `compact[k]` mirrors `bindings[k]` in the few integers a
    /// run reads, so that sampling walks small arrays (set once `build_graph` is done).
    pub(crate) compact: Vec<Compact>,
}

/// The part of a binding a run reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Compact {
    pub(crate) state: u16,
    /// The (state, treaty, variant) commitment this binding is an instance of.
    pub(crate) slot: u32,
    /// The (state, victim) pair: a sample decides once per state and victim, however many
    /// treaties bind the state to that victim and however many events invoke them.
    pub(crate) pair: u32,
    /// The derived event, [`NO_EVENT`] when the entry causes none, [`NOT_YET`] before a run
    /// has reached it.
    pub(crate) derived: u32,
}

/// A binding whose entry causes no derived event.
pub(crate) const NO_EVENT: u32 = u32::MAX;
/// A binding whose derived event has not been evaluated yet.
pub(crate) const NOT_YET: u32 = u32::MAX - 1;

/// The events of a scenario reached so far, and what it takes to reach more.
#[derive(Debug, Clone)]
pub struct Graph {
    pub(crate) events: Vec<GraphEvent>,
    pub(crate) given: usize,
    pub(crate) escalation: Escalation,
    pub(crate) max_rounds: u32,
    /// Facts and assumptions of every derived event.
    derived_facts: BTreeMap<crate::model::Fact, bool>,
    assume: Vec<(String, Option<String>)>,
    /// (striker, struck, given event it descends from) -> derived event.
    index: BTreeMap<(StateId, StateId, usize), usize>,
    /// INVARIANT (binding slots): one slot per commitment (state, treaty, variant), shared by
    /// every event that invokes it.
    slot_of: BTreeMap<(StateId, Arc<str>, Option<String>), usize>,
    /// Each slot's first binding and the date of its event (what its credibility reads).
    pub(crate) slots: Vec<(Binding, Date)>,
    /// One number per (state, victim) pair some event binds, dense from 0.
    pair_of: BTreeMap<(StateId, StateId), usize>,
}

impl Graph {
    /// The escalation rule it was built with.
    pub fn escalation(&self) -> Escalation {
        self.escalation
    }
    /// Events: the given ones first, in date order, then derived ones in discovery order.
    pub fn events(&self) -> &[GraphEvent] {
        &self.events
    }
}

/// Why a scenario could not run (its events were checked before: see
/// [`super::check_scenario`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CascadeError {
    /// The graph grew past its safety limit.
    #[error("the scenario reaches more than {0} events; check its escalation rules")]
    TooLarge(usize),
    /// The variants of its proposals combine into too many alternative worlds.
    #[error(
        "the scenario's proposals combine into {0} alternative worlds, more than {1}; name a          variant (`ID:VARIANT`) for some of them"
    )]
    TooManyWorlds(usize, usize),
}

impl miette::Diagnostic for CascadeError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(crate::diag::Code::TooManyValues))
    }
}

const MAX_EVENTS: usize = 65536;

fn bindings(d: &Decision) -> Vec<Binding> {
    let mut out: Vec<Binding> = d
        .triggered()
        .iter()
        .flat_map(|f| {
            // Only duties to fight bring a state into the war: consultation, assurances and
            // support short of combat do not.
            let fights =
                |o: &&crate::eval::ObligationFinding| o.kind.is_assistance() && o.strength.fights();
            f.obligations.iter().filter(fights).flat_map(move |o| {
                o.obligated.iter().filter_map(move |s| {
                    Some(Binding {
                        state: s.id()?,
                        treaty: Arc::clone(&f.treaty),
                        article: o.article_shared(),
                        strength: o.strength,
                        kind: o.kind,
                        hypothetical: f.hypothetical,
                        variant: f.variant.as_ref().map(|v| v.id.clone()),
                        caveats: o.caveats.clone(),
                        derived: None,
                        slot: 0,
                    })
                })
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.state, &a.treaty, &a.article, &a.variant)
            .cmp(&(b.state, &b.treaty, &b.article, &b.variant))
    });
    out.dedup_by(|a, b| a.state == b.state && a.treaty == b.treaty && a.variant == b.variant);
    out
}

/// Builds the graph of a scenario: its given events, evaluated. Derived events are added as
/// runs reach them (`Graph::derived`).
///
/// # Errors
/// None today: the result keeps its shape for a graph that refuses a scenario.
pub fn build_graph(ds: &Dataset, sc: &CheckedScenario) -> Result<Graph, CascadeError> {
    let mut graph = Graph {
        events: Vec::new(),
        given: sc.events.len(),
        escalation: sc.escalation,
        max_rounds: sc.max_rounds,
        derived_facts: sc.derived_facts.clone(),
        assume: sc.assume_in_force.clone(),
        index: BTreeMap::new(),
        slot_of: BTreeMap::new(),
        slots: Vec::new(),
        pair_of: BTreeMap::new(),
    };
    for (i, e) in sc.events.iter().enumerate() {
        graph.push(ds, e.event.clone(), e.label.clone(), i, false, e.source.clone());
    }
    Ok(graph)
}

impl Graph {
    /// Evaluates an event and adds it, with its bindings' slots and compact mirror.
    fn push(
        &mut self,
        ds: &Dataset,
        event: crate::eval::Event,
        label: Option<String>,
        origin: usize,
        derived: bool,
        source: Option<String>,
    ) -> usize {
        let decision = evaluate(ds, &event);
        let mut bindings = bindings(&decision);
        for b in &mut bindings {
            let n = self.slot_of.len();
            let key = (b.state, Arc::clone(&b.treaty), b.variant.clone());
            b.slot = *self.slot_of.entry(key).or_insert(n);
            if b.slot == self.slots.len() {
                self.slots.push((b.clone(), event.date()));
            }
        }
        let strikes = self.escalation == Escalation::StrikeAggressorTerritory
            && matches!(event.aggressor(), Aggressor::State(_));
        // INVARIANT (compact mirror): `compact[k]` mirrors `bindings[k]`.
        let victim = event.victim();
        let compact = bindings
            .iter()
            .map(|b| {
                let n = self.pair_of.len();
                let pair = *self.pair_of.entry((b.state, victim)).or_insert(n);
                Compact {
                    state: u16::try_from(b.state.index()).unwrap_or(u16::MAX),
                    slot: u32::try_from(b.slot).unwrap_or(u32::MAX),
                    pair: u32::try_from(pair).unwrap_or(u32::MAX),
                    derived: if strikes { NOT_YET } else { NO_EVENT },
                }
            })
            .collect();
        let aggressor = event.aggressor().clone();
        let date = event.date();
        self.events.push(GraphEvent {
            event,
            aggressor,
            victim,
            date,
            label,
            origin,
            derived,
            source,
            bindings,
            compact,
        });
        self.events.len() - 1
    }

    /// The event binding `k` of event `ei` causes when its state enters: the state's strike on
    /// that event's aggressor, evaluated the first time a run needs it. `None` when the entry
    /// causes none (the escalation keeps to the victim's soil, a non-state aggressor, a state
    /// bound against itself), or when the graph reached its safety limit.
    pub(crate) fn derived(&mut self, ds: &Dataset, ei: usize, k: usize) -> Option<usize> {
        let c = self.events.get(ei)?.compact.get(k).copied()?;
        match c.derived {
            NO_EVENT => return None,
            NOT_YET => {}
            d => return Some(d as usize),
        }
        let e = self.events.get(ei)?;
        let (Aggressor::State(x), Some(b)) = (e.aggressor.clone(), e.bindings.get(k)) else {
            return None;
        };
        let (s, date, origin) = (b.state, e.date, e.origin);
        let target = if s == x {
            None
        } else if let Some(t) = self.index.get(&(s, x, origin)) {
            Some(*t)
        } else if self.events.len() >= MAX_EVENTS {
            None
        } else {
            let reg = ds.registry();
            let mut builder = EventBuilder::new(reg.code(s), reg.code(x), date);
            for (f, v) in &self.derived_facts {
                builder.fact(*f, *v);
            }
            for (t, v) in &self.assume {
                builder.assume_in_force(t, v.as_deref());
            }
            // Both codes resolved on this date when the event was built; if this somehow
            // failed, the strike is simply not modelled.
            let event = builder.build(ds).ok()?;
            let t = self.push(ds, event, None, origin, true, None);
            self.index.insert((s, x, origin), t);
            Some(t)
        };
        let code = target.and_then(|t| u32::try_from(t).ok()).unwrap_or(NO_EVENT);
        if let Some(e) = self.events.get_mut(ei) {
            if let Some(c) = e.compact.get_mut(k) {
                c.derived = code;
            }
            if let Some(b) = e.bindings.get_mut(k) {
                b.derived = target;
            }
        }
        target
    }
}
