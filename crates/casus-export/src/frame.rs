//! The state-system frame: which states are in the system on which days, and so which dyads
//! exist in which years or on which days.
//!
//! A pair of states is a dyad of a year when there is a day of that year on which both are
//! members. Two states that are both members at some time in a year but never on the same day
//! (Suriname, in from 25 November 1975, and the Republic of Vietnam, out on 30 April 1975) are
//! not a dyad of that year: peacesciencer's false-dyad rule.

use casus_core::model::{Interval, Registry, State};
use jiff::civil::Date;

use crate::rows::System;

/// Days `[first, last]`, both inclusive; an open interval ends on [`Date::MAX`].
///
/// INVARIANT (span order): `first <= last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Span {
    pub(crate) first: Date,
    pub(crate) last: Date,
}

impl Span {
    /// The span of a half-open interval, if it has a day.
    pub(crate) fn of(i: &Interval) -> Option<Span> {
        let last = match i.until() {
            None => Date::MAX,
            Some(u) => u.yesterday().ok()?,
        };
        // INVARIANT (span order)
        (i.from() <= last).then_some(Span { first: i.from(), last })
    }

    /// The days both spans share.
    pub(crate) fn intersect(self, other: Span) -> Option<Span> {
        let first = self.first.max(other.first);
        let last = self.last.min(other.last);
        // INVARIANT (span order)
        (first <= last).then_some(Span { first, last })
    }

    pub(crate) fn contains(self, d: Date) -> bool {
        self.first <= d && d <= self.last
    }
}

/// The whole of time.
pub(crate) const ALWAYS: Span = Span { first: Date::MIN, last: Date::MAX };

/// 1 January of `from` to 31 December of `to`.
pub(crate) fn window(from: i16, to: i16) -> Option<Span> {
    let first = Date::new(from, 1, 1).ok()?;
    let last = Date::new(to, 12, 31).ok()?;
    (first <= last).then_some(Span { first, last })
}

/// 31 December of a year (jiff's range covers every `i16` year casus accepts).
pub(crate) fn year_end(y: i16) -> Date {
    Date::new(y, 12, 31).unwrap_or(Date::MAX)
}

/// The codes a state answers to in a system, each over the days it does.
pub(crate) fn codes_of(state: &State, system: System) -> Vec<(u16, Span)> {
    match system {
        System::Cow => state.cow().map(|c| (c, ALWAYS)).into_iter().collect(),
        System::Gw => {
            state.gw().iter().filter_map(|p| Span::of(&p.interval).map(|s| (p.code, s))).collect()
        }
    }
}

/// Every system member's days: `(code, spans)` sorted by code, spans sorted and merged.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub(crate) members: Vec<(u16, Vec<Span>)>,
}

impl Frame {
    /// The COW system (`cow()` codes over `cow_system()` periods) or the G–W list (`gw()`
    /// periods with their codes).
    pub(crate) fn new(registry: &Registry, system: System) -> Frame {
        let mut all: Vec<(u16, Span)> = Vec::new();
        for (_, s) in registry.states() {
            match system {
                System::Cow => {
                    if let Some(c) = s.cow() {
                        all.extend(s.cow_system().iter().filter_map(Span::of).map(|sp| (c, sp)));
                    }
                }
                System::Gw => all.extend(codes_of(s, System::Gw)),
            }
        }
        all.sort();
        let mut members: Vec<(u16, Vec<Span>)> = Vec::new();
        for (code, sp) in all {
            match members.last_mut() {
                Some((c, spans)) if *c == code => push_merged(spans, sp),
                _ => members.push((code, vec![sp])),
            }
        }
        Frame { members }
    }
}

/// Appends a span to spans sorted by start, merging it with the last one when they touch.
pub(crate) fn push_merged(spans: &mut Vec<Span>, sp: Span) {
    if let Some(last) = spans.last_mut() {
        if sp.first <= last.last || last.last.tomorrow().is_ok_and(|t| t == sp.first) {
            last.last = last.last.max(sp.last);
            return;
        }
    }
    spans.push(sp);
}

/// The days two members share within `window`, sorted.
pub(crate) fn shared(a: &[Span], b: &[Span], window: Span, out: &mut Vec<Span>) {
    out.clear();
    for x in a {
        for y in b {
            if let Some(s) = x.intersect(*y).and_then(|s| s.intersect(window)) {
                out.push(s);
            }
        }
    }
    out.sort();
}

/// The years the spans touch, sorted, without duplicates.
pub(crate) fn years_of(spans: &[Span], out: &mut Vec<i16>) {
    out.clear();
    for s in spans {
        out.extend(s.first.year()..=s.last.year());
    }
    out.sort_unstable();
    out.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn sp(a: Date, b: Date) -> Span {
        Span { first: a, last: b }
    }

    #[test]
    fn same_year_but_never_the_same_day_is_no_dyad() {
        // RVN leaves 1975-04-30; Suriname enters 1975-11-25.
        let rvn = [sp(date(1954, 6, 4), date(1975, 4, 30))];
        let sur = [sp(date(1975, 11, 25), Date::MAX)];
        let mut out = Vec::new();
        shared(&rvn, &sur, ALWAYS, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn touching_spans_merge() {
        let mut v = vec![sp(date(1900, 1, 1), date(1900, 12, 31))];
        push_merged(&mut v, sp(date(1901, 1, 1), date(1902, 1, 1)));
        assert_eq!(v, [sp(date(1900, 1, 1), date(1902, 1, 1))]);
    }

    #[test]
    fn open_interval_ends_on_max() {
        let i = Interval::new(date(2000, 1, 1), None);
        assert_eq!(Span::of(&i), Some(sp(date(2000, 1, 1), Date::MAX)));
        let i = Interval::new(date(2000, 1, 1), Some(date(2000, 1, 1)));
        assert_eq!(Span::of(&i), None);
    }
}
