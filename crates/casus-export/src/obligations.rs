//! Directed obligation legs, day-precise, and the rules that collapse them into a time unit.
//!
//! A *leg* says: over these days, under this instrument, state 1 and state 2 were both members,
//! and state 1 owed state 2 these kinds of obligation (possibly none: co-members with no
//! obligation to each other still make an allied dyad, ATOP's `SHAREOB`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use casus_core::model::Strength;
use jiff::civil::Date;

use crate::frame::{year_end, Span};
use crate::rows::{Collapse, Kind, SourceKind, System};

/// One leg, in the frame's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Leg {
    pub(crate) span: Span,
    /// Index into [`Obligations::names`]; the order of indexes is the order of ids.
    pub(crate) inst: u32,
    /// [`Kind::bit`]s owed.
    pub(crate) flags: u8,
    /// ATOP: the obligor's membership row has `OBVARY = 1`.
    pub(crate) obvary: bool,
    /// Bundled: the strongest duty to assist among the flags.
    pub(crate) strength: Option<Strength>,
}

/// Where the obligations were read from, for the sidecar.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Provenance {
    /// The file or directory read.
    pub path: Option<PathBuf>,
    /// SHA-256 of its content (a directory: of its files in sorted order).
    pub sha256: String,
    /// Rows or files read.
    pub records: usize,
    /// Member codes left out because the registry has no state with that code (ATOP's Annam,
    /// 8152), sorted.
    pub dropped_codes: Vec<u32>,
}

/// Obligations ready to join onto a frame: every directed leg, by pair.
///
/// Build one with [`Obligations::from_atop_file`] or [`Obligations::bundled`].
#[derive(Debug, Clone)]
pub struct Obligations {
    pub(crate) kind: SourceKind,
    pub(crate) system: System,
    /// Instrument ids in sorted order (ATOP: numerically).
    pub(crate) names: Vec<String>,
    /// INVARIANT (legs by instrument): each pair's legs are sorted by `(inst, span)`.
    pub(crate) pairs: BTreeMap<(u16, u16), Vec<Leg>>,
    /// The days the source speaks about; outside them flags are null.
    pub(crate) coverage: Option<Span>,
    pub(crate) provenance: Provenance,
}

impl Obligations {
    /// ATOP or bundled.
    pub fn kind(&self) -> SourceKind {
        self.kind
    }
    /// The system whose codes the legs use.
    pub fn system(&self) -> System {
        self.system
    }
    /// The first and last day covered, if the source is limited (ATOP: 1815-01-01 to
    /// 2018-12-31 for 5.1).
    pub fn coverage(&self) -> Option<(Date, Date)> {
        self.coverage.map(|s| (s.first, s.last))
    }
    /// What was read.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }
    /// How many directed pairs have at least one leg.
    pub fn pair_count(&self) -> usize {
        self.pairs.len()
    }

    pub(crate) fn new(
        kind: SourceKind,
        system: System,
        names: Vec<String>,
        mut pairs: BTreeMap<(u16, u16), Vec<Leg>>,
        coverage: Option<Span>,
        provenance: Provenance,
    ) -> Self {
        for legs in pairs.values_mut() {
            // INVARIANT (legs by instrument)
            legs.sort_by_key(|l| (l.inst, l.span));
        }
        Obligations { kind, system, names, pairs, coverage, provenance }
    }

    pub(crate) fn legs(&self, a: u16, b: u16) -> &[Leg] {
        self.pairs.get(&(a, b)).map_or(&[], Vec::as_slice)
    }

    /// Is the year (or day) inside the coverage?
    pub(crate) fn covers(&self, span: Span) -> bool {
        self.coverage.is_none_or(|c| c.first <= span.last && span.first <= c.last)
    }
}

/// What the legs of one row add up to.
#[derive(Debug, Default)]
pub(crate) struct Acc {
    pub(crate) flags: u8,
    /// Instrument indexes behind each kind, unsorted, maybe repeated.
    pub(crate) insts: [Vec<u32>; 5],
    pub(crate) obvary: bool,
    pub(crate) strength: Option<Strength>,
}

impl Acc {
    pub(crate) fn clear(&mut self) {
        self.flags = 0;
        self.insts.iter_mut().for_each(Vec::clear);
        self.obvary = false;
        self.strength = None;
    }

    fn add(&mut self, leg: &Leg) {
        if leg.flags == 0 {
            return;
        }
        self.flags |= leg.flags;
        for (k, v) in Kind::ALL.iter().zip(self.insts.iter_mut()) {
            if leg.flags & k.bit() != 0 {
                v.push(leg.inst);
            }
        }
        self.obvary |= leg.obvary;
        // Strength's order puts the strongest first.
        self.strength = match (self.strength, leg.strength) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// Adds the legs that apply to `unit` (a year or a day) under `rule`. A day unit has
    /// `first == last`, where both rules agree.
    pub(crate) fn collect(&mut self, legs: &[Leg], unit: Span, rule: Collapse) {
        match rule {
            Collapse::Any => {
                for l in legs.iter().filter(|l| l.span.intersect(unit).is_some()) {
                    self.add(l);
                }
            }
            Collapse::Last => {
                // Per instrument (legs are grouped by it), the last shared day in the unit,
                // then every leg of that instrument in effect on that day.
                let mut rest = legs;
                while let Some(first) = rest.first() {
                    let n = rest.iter().take_while(|l| l.inst == first.inst).count();
                    let (group, tail) = rest.split_at(n);
                    rest = tail;
                    let last_day =
                        group.iter().filter_map(|l| l.span.intersect(unit)).map(|s| s.last).max();
                    if let Some(d) = last_day {
                        for l in group.iter().filter(|l| l.span.contains(d)) {
                            self.add(l);
                        }
                    }
                }
            }
        }
    }

    /// Writes each kind's sorted ids into `out`, `;`-joined.
    pub(crate) fn ids(&mut self, names: &[String], out: &mut [String; 5]) {
        for (v, s) in self.insts.iter_mut().zip(out.iter_mut()) {
            s.clear();
            v.sort_unstable();
            v.dedup();
            for (i, inst) in v.iter().enumerate() {
                if i > 0 {
                    s.push(';');
                }
                s.push_str(names.get(*inst as usize).map_or("?", String::as_str));
            }
        }
    }
}

/// The span of a year.
pub(crate) fn year_span(y: i16) -> Span {
    Span { first: Date::new(y, 1, 1).unwrap_or(Date::MIN), last: year_end(y) }
}

/// Adds a leg to `pairs`, merging it into the previous leg of the same pair and instrument
/// when it continues it with the same content (the bundled loader cuts time into many small
/// pieces).
pub(crate) fn push_leg(pairs: &mut BTreeMap<(u16, u16), Vec<Leg>>, a: u16, b: u16, leg: Leg) {
    let legs = pairs.entry((a, b)).or_default();
    if let Some(prev) = legs.iter_mut().rev().find(|l| l.inst == leg.inst) {
        let same =
            prev.flags == leg.flags && prev.obvary == leg.obvary && prev.strength == leg.strength;
        if same && prev.span.last.tomorrow().is_ok_and(|t| t == leg.span.first) {
            prev.span.last = leg.span.last;
            return;
        }
    }
    legs.push(leg);
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn leg(inst: u32, a: Date, b: Date, flags: u8) -> Leg {
        Leg { span: Span { first: a, last: b }, inst, flags, obvary: false, strength: None }
    }

    #[test]
    fn last_rule_takes_the_phase_in_effect_at_the_last_shared_day() {
        // ATOP 1155: phase 1 (defense) to 1857-09-03, phase 2 (consultation only) from then.
        let d = Kind::Defense.bit();
        let c = Kind::Consul.bit();
        let legs = [
            leg(0, date(1851, 10, 12), date(1857, 9, 2), d | c),
            leg(0, date(1857, 9, 3), date(1859, 1, 2), c),
        ];
        let mut acc = Acc::default();
        acc.collect(&legs, year_span(1857), Collapse::Last);
        assert_eq!(acc.flags, c);
        acc.clear();
        acc.collect(&legs, year_span(1857), Collapse::Any);
        assert_eq!(acc.flags, d | c);
    }

    #[test]
    fn last_rule_is_per_instrument() {
        // Instrument 0 ends mid-year with a defense pact; instrument 1 runs all year.
        let legs = [
            leg(0, date(1900, 1, 1), date(1901, 6, 30), Kind::Defense.bit()),
            leg(1, date(1900, 1, 1), date(1910, 1, 1), Kind::Consul.bit()),
        ];
        let mut acc = Acc::default();
        acc.collect(&legs, year_span(1901), Collapse::Last);
        assert_eq!(acc.flags, Kind::Defense.bit() | Kind::Consul.bit());
        let mut ids = Default::default();
        acc.ids(&["a".into(), "b".into()], &mut ids);
        assert_eq!(ids[0], "a");
        assert_eq!(ids[4], "b");
    }
}
