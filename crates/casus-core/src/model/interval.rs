//! Half-open date intervals: the one rule for every membership, status and scope date.

use jiff::civil::Date;

/// `[from, until)`: applies on day `d` exactly when `from <= d < until`; no `until` means open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    from: Date,
    until: Option<Date>,
}

impl Interval {
    /// An interval. The caller checks order; an empty interval applies on no day.
    pub fn new(from: Date, until: Option<Date>) -> Self {
        Self { from, until }
    }

    /// Does it apply on `d`?
    ///
    /// ```
    /// use casus_core::model::Interval;
    /// use jiff::civil::date;
    /// let i = Interval::new(date(2004, 3, 29), None);
    /// assert!(!i.contains(date(2004, 3, 28)));
    /// assert!(i.contains(date(2004, 3, 29)));
    /// ```
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && self.until.is_none_or(|u| d < u)
    }

    /// First day.
    pub fn from(&self) -> Date {
        self.from
    }

    /// First day it no longer applies, if it ends.
    pub fn until(&self) -> Option<Date> {
        self.until
    }

    /// Do two intervals share a day?
    pub fn overlaps(&self, other: &Interval) -> bool {
        let a_before_b_ends = other.until.is_none_or(|u| self.from < u);
        let b_before_a_ends = self.until.is_none_or(|u| other.from < u);
        a_before_b_ends && b_before_a_ends
    }
}

/// The days of `intervals` as the fewest intervals: sorted, and those that overlap or touch
/// joined (`[a, b)` and `[b, c)` are `[a, c)`).
///
/// ```
/// use casus_core::model::{merged, Interval};
/// use jiff::civil::date;
/// let a = Interval::new(date(1815, 1, 1), Some(date(1816, 1, 1)));
/// let b = Interval::new(date(1816, 1, 1), None);
/// assert_eq!(merged(vec![b, a]), vec![Interval::new(date(1815, 1, 1), None)]);
/// ```
pub fn merged(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(intervals.len());
    for i in intervals {
        match out.last_mut() {
            // The last one reaches `i`'s first day (or is open): `i` extends it.
            Some(last) if last.until.is_none_or(|u| i.from <= u) => {
                last.until = match (last.until, i.until) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            _ => out.push(i),
        }
    }
    out
}

/// Does one of `intervals` (merged) hold every day of `inner`?
pub fn covered(intervals: &[Interval], inner: &Interval) -> bool {
    intervals.iter().any(|e| {
        e.from <= inner.from
            && match (e.until, inner.until) {
                (None, _) => true,
                (Some(eu), Some(iu)) => iu <= eu,
                (Some(_), None) => false,
            }
    })
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.until {
            Some(u) if self.from == Date::MIN => write!(f, "until {u}"),
            Some(u) => write!(f, "from {} until {}", self.from, u),
            None => write!(f, "since {}", self.from),
        }
    }
}
