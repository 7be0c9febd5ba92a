//! The deterministic cascade: every bound state honours its obligation. The trace says, round
//! by round, who joined, when, under which treaty and article, and who stayed out and why.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde::Serialize;

use super::graph::{Binding, Graph, GraphEvent};
use super::run::{walk, Buffers, Observer, Side};
use crate::eval::{StateRef, Text};
use crate::model::{Dataset, StateId, Strength};

/// The basis of an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Basis {
    /// Treaty id.
    pub treaty: Arc<str>,
    /// The article of the treaty the duty is in, as the treaty numbers it.
    pub article: Arc<str>,
    /// How strong the duty is, from `automatic_all_forces` to `consult_only` (docs/format.md).
    pub strength: Strength,
    /// Rests on an instrument assumed in force.
    pub hypothetical: bool,
    /// Variant, for proposals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Qualifications: facts assumed (the CSTO's "at request"), reservations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub caveats: Vec<crate::eval::Text>,
}

/// A state that entered the war in an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The state: display code, name on the date, COW code.
    pub state: StateRef,
    /// On which side.
    pub side: Side,
    /// Why: the obligations it honours (empty for the attacker and the attacked).
    pub basis: Vec<Basis>,
}

/// A state that stayed out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StayedOut {
    /// The state: display code, name on the date, COW code.
    pub state: StateRef,
    /// The treaty it stayed out of.
    pub treaty: Arc<str>,
    /// Why, in a sentence with its source.
    pub reason: String,
}

/// One event of the trace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventTrace {
    /// The day, as a calendar date (YYYY-MM-DD).
    pub date: Date,
    /// The attacking state.
    pub aggressor: StateRef,
    /// The state attacked.
    pub victim: StateRef,
    /// Given events carry a label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Derived from an entry (a strike on the attacker's territory).
    pub derived: bool,
    /// Citation for given events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The states at war from this event: the attacker and attacked if new, then entrants.
    pub entered: Vec<Entry>,
    /// States bound to the victim by this event that were already at war on its side.
    pub also_bound: Vec<Entry>,
    /// Parties of the treaties concerned that stayed out, with the reason.
    pub stayed_out: Vec<StayedOut>,
    /// Treaties undecided for lack of a fact, with what would decide them.
    pub undecided: Vec<String>,
}

/// One round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundTrace {
    /// 0 for the given events.
    pub round: u32,
    /// Its events.
    pub events: Vec<EventTrace>,
}

/// The whole cascade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CascadeTrace {
    /// Scenario id.
    pub scenario: String,
    /// The scenario's title: what it plays out.
    pub title: String,
    /// Rounds, in order.
    pub rounds: Vec<RoundTrace>,
    /// The aggressor's side at the end, by code.
    pub aggressor_side: Vec<StateRef>,
    /// The victim's side at the end, by code.
    pub victim_side: Vec<StateRef>,
    /// Did the cascade stop by itself (a fixed point) rather than at the round limit?
    pub fixed_point: bool,
    /// Does any entry rest on an instrument assumed in force?
    pub hypothetical: bool,
}

struct Recorder<'a> {
    ds: &'a Dataset,
    rounds: Vec<RoundTrace>,
    /// (round, event) -> position in `rounds[round].events`
    at: BTreeMap<(u32, usize), usize>,
}

impl Recorder<'_> {
    fn slot(&mut self, round: u32, event: usize) -> Option<&mut EventTrace> {
        let pos = *self.at.get(&(round, event))?;
        self.rounds.iter_mut().find(|r| r.round == round)?.events.get_mut(pos)
    }
}

impl Recorder<'_> {
    /// Every obligation of the event that binds `state`: a state can enter under several.
    fn bases(e: &GraphEvent, state: StateId) -> Vec<Basis> {
        e.bindings
            .iter()
            .filter(|b| b.state == state)
            .map(|b| Basis {
                treaty: Arc::clone(&b.treaty),
                article: Arc::clone(&b.article),
                strength: b.strength,
                hypothetical: b.hypothetical,
                variant: b.variant.clone(),
                caveats: b.caveats.clone(),
            })
            .collect()
    }
}

impl Observer for Recorder<'_> {
    fn round(&mut self, round: u32) {
        self.rounds.push(RoundTrace { round, events: Vec::new() });
    }
    fn event(&mut self, round: u32, event: usize, e: &GraphEvent, sides: &[u8]) {
        let decision = crate::eval::evaluate(self.ds, &e.event);
        let reg = self.ds.registry();
        let aggressor = match &e.aggressor {
            crate::eval::Aggressor::State(s) => StateRef::of(self.ds, *s, e.date),
            crate::eval::Aggressor::NonState(_) => decision.event().aggressor.clone(),
        };
        let mut trace = EventTrace {
            date: e.date,
            aggressor,
            victim: StateRef::of(self.ds, e.victim, e.date),
            label: e.label.clone(),
            derived: e.derived,
            source: e.source.clone(),
            entered: Vec::new(),
            also_bound: Vec::new(),
            stayed_out: Vec::new(),
            undecided: Vec::new(),
        };
        // Who stayed out: the other parties of treaties the event concerns but does not trigger.
        for f in decision.not_triggered() {
            let Some(t) = self.ds.treaty(&f.treaty) else { continue };
            // Only instruments that could bind on the day: a lapsed alliance keeps no one out.
            if !t.obligations().iter().any(|o| o.kind().is_assistance())
                || !(f.hypothetical || t.in_force_on(e.date))
            {
                continue;
            }
            // Only where the victim is owed the obligation and something else failed: "the
            // obligation is owed only to Belgium" keeps no one out of anything.
            let covered: Vec<&crate::eval::ObligationFinding> = f
                .obligations
                .iter()
                .filter(|o| {
                    o.reasons.iter().any(|r| r.code == crate::model::ReasonCode::VictimCovered)
                })
                .collect();
            if covered.is_empty() {
                continue;
            }
            let reason = covered
                .iter()
                .flat_map(|o| o.reasons.iter())
                .filter(|r| r.is_failure())
                .map(|r| r.text.to_string())
                .collect::<Vec<_>>()
                .join("; ");
            for p in t.parties_on(e.date) {
                // A state already at war is not staying out of anything.
                if sides.get(p.index()).is_some_and(|s| *s != 0) {
                    continue;
                }
                if p == e.victim
                    || Some(p)
                        == match &e.aggressor {
                            crate::eval::Aggressor::State(s) => Some(*s),
                            crate::eval::Aggressor::NonState(_) => None,
                        }
                {
                    continue;
                }
                trace.stayed_out.push(StayedOut {
                    state: StateRef::of(self.ds, p, e.date),
                    treaty: Arc::clone(&f.treaty),
                    reason: reason.clone(),
                });
            }
        }
        for f in decision.indeterminate() {
            let missing: Vec<String> =
                f.obligations.iter().flat_map(|o| o.missing.iter().map(Text::to_string)).collect();
            trace.undecided.push(format!("{}: {}", f.treaty, missing.join("; ")));
        }
        let _ = reg;
        if let Some(r) = self.rounds.iter_mut().find(|r| r.round == round) {
            self.at.insert((round, event), r.events.len());
            r.events.push(trace);
        }
    }
    fn assigned(&mut self, state: StateId, side: Side, round: u32, event: usize) {
        let ds = self.ds;
        if let Some(slot) = self.slot(round, event) {
            let entry =
                Entry { state: StateRef::of(ds, state, slot.date), side, basis: Vec::new() };
            slot.entered.push(entry);
        }
    }
    fn joined(&mut self, e: &GraphEvent, b: &Binding, side: Side, round: u32, event: usize) {
        let basis = Self::bases(e, b.state);
        let state = StateRef::of(self.ds, b.state, e.date);
        if let Some(slot) = self.slot(round, event) {
            slot.entered.push(Entry { state, side, basis });
        }
    }
    fn same_side(&mut self, e: &GraphEvent, b: &Binding, side: Side, round: u32, event: usize) {
        let basis = Self::bases(e, b.state);
        let state = StateRef::of(self.ds, b.state, e.date);
        if let Some(slot) = self.slot(round, event) {
            let already = slot.entered.iter().chain(&slot.also_bound).any(|x| x.state == state);
            if !already {
                slot.also_bound.push(Entry { state, side, basis });
            }
        }
    }
    fn other_side(&mut self, e: &GraphEvent, b: &Binding, round: u32, event: usize) {
        let state = StateRef::of(self.ds, b.state, e.date);
        let treaty = Arc::clone(&b.treaty);
        let victim = self.ds.registry().code(e.victim).to_owned();
        if let Some(slot) = self.slot(round, event) {
            if !slot.stayed_out.iter().any(|s| s.state == state && s.treaty == treaty) {
                slot.stayed_out.push(StayedOut {
                    state,
                    treaty,
                    reason: format!("bound to {victim}, but already at war on the other side"),
                });
            }
        }
    }
}

/// Runs the deterministic cascade over a built graph (a copy of it grows with the derived
/// events the run reaches).
pub fn cascade(ds: &Dataset, graph: &Graph, scenario: &super::CheckedScenario) -> CascadeTrace {
    let mut graph = graph.clone();
    let mut rec = Recorder { ds, rounds: Vec::new(), at: BTreeMap::new() };
    let mut buf = Buffers::new(ds.registry().len(), graph.events.len());
    let (_, fixed_point) = walk(ds, &mut graph, &mut buf, |_, _, _| true, &mut rec);
    let mut aggressor_side = Vec::new();
    let mut victim_side = Vec::new();
    // The sides at the end are named as on the last day the cascade reaches.
    let last = graph.events.iter().map(|e| e.date).max().unwrap_or(jiff::civil::Date::MIN);
    for (id, _) in ds.registry().states() {
        match buf.side_of(id) {
            Some(Side::Aggressor) => aggressor_side.push(StateRef::of(ds, id, last)),
            Some(Side::Victim) => victim_side.push(StateRef::of(ds, id, last)),
            None => {}
        }
    }
    aggressor_side.sort();
    victim_side.sort();
    let hypothetical = rec
        .rounds
        .iter()
        .flat_map(|r| &r.events)
        .flat_map(|e| &e.entered)
        .flat_map(|x| &x.basis)
        .any(|b| b.hypothetical);
    CascadeTrace {
        scenario: scenario.id.clone(),
        title: scenario.title.clone(),
        rounds: rec.rounds,
        aggressor_side,
        victim_side,
        fixed_point,
        hypothetical,
    }
}
