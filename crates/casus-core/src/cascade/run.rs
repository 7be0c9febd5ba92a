//! Walking the graph: one run of the cascade, deterministic or sampled.
//!
//! Sides are fixed by first appearance: the first event's aggressor is side A, its victim
//! side B; a state entering to honour an obligation takes its beneficiary's side. A state
//! already at war stays where it is (bound to the victim but fighting the other way: it stays
//! out of that obligation, as Italy and Romania did in 1914).

use serde::Serialize;

use super::graph::{Binding, Graph};
use crate::eval::Aggressor;
use crate::model::StateId;

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
    fn event(&mut self, _round: u32, _event: usize, _sides: &[u8]) {}
    fn assigned(&mut self, _state: StateId, _side: Side, _round: u32, _event: usize) {}
    fn joined(&mut self, _binding: &Binding, _side: Side, _round: u32, _event: usize) {}
    fn same_side(&mut self, _binding: &Binding, _side: Side, _round: u32, _event: usize) {}
    fn other_side(&mut self, _binding: &Binding, _round: u32, _event: usize) {}
    fn declined(&mut self, _binding: &Binding, _round: u32, _event: usize) {}
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

/// Runs the cascade once. `honour` decides, binding by binding, whether a bound state
/// enters; it is called in a fixed order, so a seeded sampler gives the same run every time.
/// Returns the number of rounds run and whether the run reached a fixed point.
pub(crate) fn walk<O: Observer>(
    graph: &Graph,
    buf: &mut Buffers,
    mut honour: impl FnMut(usize) -> bool,
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
            let sx = x.and_then(|x| buf.side_of(x));
            let sv = buf.side_of(e.victim);
            let (sx, sv) = match (sx, sv) {
                (None, None) => (Side::Aggressor, Side::Victim),
                (Some(a), None) => (a, a.other()),
                (None, Some(v)) => (v.other(), v),
                (Some(a), Some(v)) => (a, v),
            };
            obs.event(round, ei, &buf.side);
            if let Some(x) = x {
                if buf.side_of(x).is_none() {
                    buf.set(x, sx);
                    obs.assigned(x, sx, round, ei);
                }
            }
            if buf.side_of(e.victim).is_none() {
                buf.set(e.victim, sv);
                obs.assigned(e.victim, sv, round, ei);
            }
            // An attack inside one side (an ally striking an ally) brings no one in.
            if x.is_some() && sx == sv {
                continue;
            }
            for (k, c) in e.compact.iter().enumerate() {
                let state = usize::from(c.state);
                let current = buf.side.get(state).copied().unwrap_or(0);
                if current != 0 {
                    if O::RECORDS {
                        if let Some(b) = e.bindings.get(k) {
                            if current == sv.code() {
                                obs.same_side(b, sv, round, ei);
                            } else {
                                obs.other_side(b, round, ei);
                            }
                        }
                    }
                    continue;
                }
                if honour(c.slot as usize) {
                    buf.set_index(state, sv);
                    if O::RECORDS {
                        if let Some(b) = e.bindings.get(k) {
                            obs.joined(b, sv, round, ei);
                        }
                    }
                    if c.derived != u32::MAX {
                        buf.queue(c.derived as usize);
                    }
                } else if O::RECORDS {
                    if let Some(b) = e.bindings.get(k) {
                        obs.declined(b, round, ei);
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
