//! Walking the graph: one run of the cascade, deterministic or sampled.
//!
//! Sides are fixed by first appearance: the first event's aggressor is side A, its victim
//! side B; a state entering to honour an obligation takes its beneficiary's side. A state
//! already at war stays where it is (bound to the victim but fighting the other way: it stays
//! out of that obligation, as Italy and Romania did in 1914).

use serde::Serialize;

use super::graph::{Binding, Graph, GraphEvent};
use crate::eval::Aggressor;
use crate::model::{Dataset, StateId};

/// A side of the war.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The side of the first aggressor.
    Aggressor,
    /// The side of the first victim.
    Victim,
}

impl Side {
    fn other(self) -> Side {
        match self {
            Side::Aggressor => Side::Victim,
            Side::Victim => Side::Aggressor,
        }
    }
    fn code(self) -> u8 {
        match self {
            Side::Aggressor => 1,
            Side::Victim => 2,
        }
    }
    fn from_code(c: u8) -> Option<Side> {
        match c {
            1 => Some(Side::Aggressor),
            2 => Some(Side::Victim),
            _ => None,
        }
    }
}

/// What a run reports as it goes (the deterministic trace listens; sampling does not).
pub(crate) trait Observer {
    /// Does it record anything? Sampling observers do not, and the walk skips the calls.
    const RECORDS: bool = true;
    fn round(&mut self, _round: u32) {}
    /// `sides`: one entry per registry state (0 none, 1 aggressor, 2 victim) before the
    /// event's own states are placed.
    fn event(&mut self, _round: u32, _event: usize, _e: &GraphEvent, _sides: &[u8]) {}
    fn assigned(&mut self, _state: StateId, _side: Side, _round: u32, _event: usize) {}
    fn joined(&mut self, _e: &GraphEvent, _b: &Binding, _side: Side, _round: u32, _event: usize) {}
    fn same_side(
        &mut self,
        _e: &GraphEvent,
        _b: &Binding,
        _side: Side,
        _round: u32,
        _event: usize,
    ) {
    }
    fn other_side(&mut self, _e: &GraphEvent, _b: &Binding, _round: u32, _event: usize) {}
    fn declined(&mut self, _e: &GraphEvent, _b: &Binding, _round: u32, _event: usize) {}
}

/// An observer that records nothing.
pub(crate) struct Quiet;
impl Observer for Quiet {
    const RECORDS: bool = false;
}

/// Reusable buffers for runs: sides per state, queued events.
pub(crate) struct Buffers {
    /// INVARIANT (dense sides): one entry per registry state, 0 none, 1 aggressor, 2 victim.
    pub(crate) side: Vec<u8>,
    queued: Vec<bool>,
    current: Vec<usize>,
    next: Vec<usize>,
    /// States given a side this run, so that a reset touches only them.
    pub(crate) touched: Vec<u16>,
    /// Events queued this run.
    queued_list: Vec<usize>,
}

impl Buffers {
    pub(crate) fn new(states: usize, events: usize) -> Self {
        Self {
            side: vec![0; states],
            queued: vec![false; events],
            current: Vec::new(),
            next: Vec::new(),
            touched: Vec::new(),
            queued_list: Vec::new(),
        }
    }
    fn reset(&mut self) {
        for s in self.touched.drain(..) {
            if let Some(x) = self.side.get_mut(usize::from(s)) {
                *x = 0;
            }
        }
        for e in self.queued_list.drain(..) {
            if let Some(q) = self.queued.get_mut(e) {
                *q = false;
            }
        }
        self.current.clear();
        self.next.clear();
    }
    fn queue(&mut self, e: usize) {
        if e >= self.queued.len() {
            // The graph grew since these buffers were made.
            self.queued.resize(e + 1, false);
        }
        if let Some(q) = self.queued.get_mut(e) {
            if !*q {
                *q = true;
                self.queued_list.push(e);
                self.next.push(e);
            }
        }
    }
    pub(crate) fn side_of(&self, s: StateId) -> Option<Side> {
        self.side.get(s.index()).copied().and_then(Side::from_code)
    }
    fn set(&mut self, s: StateId, side: Side) {
        self.set_index(s.index(), side);
    }
    fn set_index(&mut self, i: usize, side: Side) {
        if let Some(slot) = self.side.get_mut(i) {
            if *slot == 0 {
                self.touched.push(u16::try_from(i).unwrap_or(u16::MAX));
            }
            *slot = side.code();
        }
    }
}

/// Runs the cascade once. `honour(graph, event, binding)` decides whether a bound state enters
/// under one binding of one event; it is called in a fixed order, so a seeded sampler gives the same run every
/// time. Derived events are evaluated into the graph the first time a run reaches them.
/// Returns the number of rounds run and whether the run reached a fixed point.
pub(crate) fn walk<O: Observer>(
    ds: &Dataset,
    graph: &mut Graph,
    buf: &mut Buffers,
    mut honour: impl FnMut(&Graph, usize, usize) -> bool,
    obs: &mut O,
) -> (u32, bool) {
    buf.reset();
    for i in 0..graph.given {
        buf.queue(i);
    }
    // Swap the two queues rather than taking them, so their allocations are reused from
    // round to round and sample to sample.
    std::mem::swap(&mut buf.current, &mut buf.next);
    let mut round = 0;
    while !buf.current.is_empty() {
        if round >= graph.max_rounds {
            return (round, false);
        }
        obs.round(round);
        let current = std::mem::take(&mut buf.current);
        for &ei in &current {
            let Some(e) = graph.events.get(ei) else { continue };
            let x = match e.aggressor {
                Aggressor::State(x) => Some(x),
                Aggressor::NonState(_) => None,
            };
            let victim = e.victim;
            let sx = x.and_then(|x| buf.side_of(x));
            let sv = buf.side_of(victim);
            let (sx, sv) = match (sx, sv) {
                (None, None) => (Side::Aggressor, Side::Victim),
                (Some(a), None) => (a, a.other()),
                (None, Some(v)) => (v.other(), v),
                (Some(a), Some(v)) => (a, v),
            };
            obs.event(round, ei, e, &buf.side);
            if let Some(x) = x {
                if buf.side_of(x).is_none() {
                    buf.set(x, sx);
                    obs.assigned(x, sx, round, ei);
                }
            }
            if buf.side_of(victim).is_none() {
                buf.set(victim, sv);
                obs.assigned(victim, sv, round, ei);
            }
            // An attack inside one side (an ally striking an ally) brings no one in.
            if x.is_some() && sx == sv {
                continue;
            }
            let count = e.compact.len();
            for k in 0..count {
                let Some(c) = graph.events.get(ei).and_then(|e| e.compact.get(k)).copied() else {
                    continue;
                };
                let state = usize::from(c.state);
                let current = buf.side.get(state).copied().unwrap_or(0);
                if current != 0 {
                    if O::RECORDS {
                        if let Some((e, b)) = binding_of(graph, ei, k) {
                            if current == sv.code() {
                                obs.same_side(e, b, sv, round, ei);
                            } else {
                                obs.other_side(e, b, round, ei);
                            }
                        }
                    }
                    continue;
                }
                if honour(graph, ei, k) {
                    buf.set_index(state, sv);
                    if O::RECORDS {
                        if let Some((e, b)) = binding_of(graph, ei, k) {
                            obs.joined(e, b, sv, round, ei);
                        }
                    }
                    if let Some(d) = graph.derived(ds, ei, k) {
                        buf.queue(d);
                    }
                } else if O::RECORDS {
                    if let Some((e, b)) = binding_of(graph, ei, k) {
                        obs.declined(e, b, round, ei);
                    }
                }
            }
        }
        let mut done = current;
        done.clear();
        buf.current = std::mem::replace(&mut buf.next, done);
        round += 1;
    }
    (round, true)
}

/// An event and one of its bindings.
fn binding_of(graph: &Graph, ei: usize, k: usize) -> Option<(&GraphEvent, &Binding)> {
    let e = graph.events.get(ei)?;
    Some((e, e.bindings.get(k)?))
}
