//! Obligations from an ATOP member-level file (`atop5_1m.csv`), which the user downloads from
//! atopdata.org: casus ships no ATOP data.
//!
//! # The rule
//!
//! ATOP's codebook (§2.7) builds directed dyad-years from "all pairwise combinations of states
//! that are members of an alliance in a given year", eliminates "cases in which one state
//! joined the alliance after the other terminated its affiliation", and hand-corrects
//! alliances "in which the obligations of member states vary". casus reproduces the first two
//! steps exactly from the member file:
//!
//! 1. A member row is in the alliance from its entry day to its exit day, both inclusive
//!    (`yrexit = 0`: to 31 December of the file's last year). A blank or zero day is the first
//!    (entry) or last (exit) of the month; a blank or zero month, of the year.
//! 2. Two rows of the same alliance and phase make a leg when one entered before the other
//!    left: `max(entry) < min(exit)`. A state entering on the day another leaves shares no day
//!    with it (the FRG leaves NATO and Germany enters on 1990-10-03: no FRG–Germany dyad).
//! 3. The leg carries the obligations of state A's row (ATOP's directed flags: A owes B).
//! 4. Where a later phase of the alliance begins on a day the earlier one still covers, the
//!    earlier leg ends the day before: phase 2 replaces phase 1 on its first day.
//! 5. Members that are not states of the registry (Annam, 8152) are left out, as ATOP's
//!    dyadic files leave them out, and listed in the provenance.
//!
//! Years are then made by the collapse rule ([`crate::Collapse`]); `last` is ATOP's. ATOP's
//! third step, the hand corrections for members coded `OBVARY = 1`, cannot be read from the
//! member file: such legs carry the member's flags toward every partner and are marked in the
//! `atop_obvary` column. Against ATOP 5.1's directed dyad-year file this gives the same
//! 273,296 keys and the same flags except on 421 flag values, all in legs of OBVARY members
//! (the integration test lists them by alliance).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use casus_core::model::{Registry, StateId};
use jiff::civil::Date;

use crate::error::ExportError;
use crate::frame::{codes_of, Span};
use crate::obligations::{push_leg, Leg, Obligations, Provenance};
use crate::rows::{Kind, SourceKind, System};
use crate::sidecar::sha256_hex;

/// One member row, read.
#[derive(Debug, Clone, Copy)]
struct MemberRow {
    atopid: u32,
    member: u32,
    phase: u16,
    span: Span,
    flags: u8,
    obvary: bool,
}

/// The columns casus reads, by name.
const COLUMNS: [&str; 15] = [
    "atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
    "obvary", "defense", "offense", "neutral", "nonagg", "consul",
];

impl Obligations {
    /// Reads an ATOP member-level file and builds its directed legs in `system`'s codes.
    ///
    /// # Errors
    /// [`ExportError::Read`] if the file cannot be read, [`ExportError::Atop`] if a column is
    /// missing or a value is not a number.
    pub fn from_atop_file(
        path: &Path,
        registry: &Registry,
        system: System,
    ) -> Result<Obligations, ExportError> {
        let bytes = std::fs::read(path)
            .map_err(|source| ExportError::Read { path: path.to_owned(), source })?;
        let text = String::from_utf8_lossy(&bytes);
        let mut o = Self::from_atop_csv(&text, path, registry, system)?;
        o.provenance.sha256 = sha256_hex(&bytes);
        Ok(o)
    }

    /// Like [`Obligations::from_atop_file`], from the file's text; `path` names it in errors.
    ///
    /// # Errors
    /// [`ExportError::Atop`] if a column is missing or a value is not a number.
    pub fn from_atop_csv(
        text: &str,
        path: &Path,
        registry: &Registry,
        system: System,
    ) -> Result<Obligations, ExportError> {
        let err = |line: usize, message: String| ExportError::Atop {
            path: path.to_owned(),
            line,
            message,
        };
        let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
        let header: Vec<String> = split(lines.next().unwrap_or_default());
        let mut idx = [0usize; 15];
        for (slot, name) in idx.iter_mut().zip(COLUMNS) {
            *slot = header
                .iter()
                .position(|h| h.trim() == name)
                .ok_or_else(|| err(1, format!("no `{name}` column")))?;
        }
        let mut rows = Vec::new();
        let (mut first_year, mut last_year) = (i16::MAX, i16::MIN);
        let mut fields = Vec::new();
        for (n, line) in lines.enumerate() {
            let line_no = n + 2;
            if line.trim().is_empty() {
                continue;
            }
            fields.clear();
            fields.extend(split(line));
            let get = |i: usize| -> &str { fields.get(i).map_or("", |s| s.trim()) };
            let num = |col: usize| -> Result<i64, ExportError> {
                let name = COLUMNS.get(col).copied().unwrap_or("?");
                let s = get(idx.get(col).copied().unwrap_or(usize::MAX));
                if s.is_empty() || s == "NA" || s == "." {
                    return Ok(0);
                }
                // Stata exports may write integers as `3.0`.
                s.parse::<i64>()
                    .or_else(|_| {
                        s.parse::<f64>()
                            .ok()
                            .filter(|f| f.fract() == 0.0 && f.abs() < 1e9)
                            .map(|f| f as i64)
                            .ok_or(())
                    })
                    .map_err(|()| err(line_no, format!("`{name}` is `{s}`, not a number")))
            };
            let v: Vec<i64> = (0..COLUMNS.len()).map(num).collect::<Result<_, _>>()?;
            let at = |i: usize| v.get(i).copied().unwrap_or(0);
            let year = |i: usize| {
                i16::try_from(at(i)).map_err(|_| err(line_no, format!("year `{}`", at(i))))
            };
            let (yrent, yrexit) = (year(3)?, year(6)?);
            first_year = first_year.min(yrent);
            last_year = last_year.max(yrent).max(yrexit);
            let mut flags = 0u8;
            for (k, col) in Kind::ALL.iter().zip(10..15) {
                if at(col) == 1 {
                    flags |= k.bit();
                }
            }
            rows.push((
                MemberRow {
                    atopid: u32::try_from(at(0)).map_err(|_| err(line_no, "atopid".into()))?,
                    member: u32::try_from(at(1)).map_err(|_| err(line_no, "member".into()))?,
                    phase: u16::try_from(at(2)).map_err(|_| err(line_no, "phase".into()))?,
                    span: Span { first: Date::MIN, last: Date::MIN },
                    flags,
                    obvary: at(9) == 1,
                },
                (yrent, at(4), at(5)),
                (yrexit, at(7), at(8)),
                line_no,
            ));
        }
        if rows.is_empty() {
            return Err(err(2, "no member rows".into()));
        }
        let end_of_coverage = Date::new(last_year, 12, 31)
            .map_err(|e| err(1, format!("last year {last_year}: {e}")))?;
        let mut members = Vec::with_capacity(rows.len());
        for (mut r, ent, ext, line_no) in rows {
            let first = atop_date(ent, false).ok_or_else(|| err(line_no, "entry date".into()))?;
            let last = if ext.0 == 0 {
                end_of_coverage
            } else {
                atop_date(ext, true).ok_or_else(|| err(line_no, "exit date".into()))?
            };
            r.span = Span { first, last: last.max(first) };
            members.push(r);
        }
        let coverage =
            Date::new(first_year, 1, 1).ok().map(|first| Span { first, last: end_of_coverage });
        Ok(build(members, registry, system, coverage, path))
    }
}

/// ATOP's `(year, month, day)` as a day; blank or zero parts take the first (entry) or last
/// (exit) day they allow.
fn atop_date((y, m, d): (i16, i64, i64), end: bool) -> Option<Date> {
    let m = i8::try_from(m).ok().filter(|m| (1..=12).contains(m));
    let month = m.unwrap_or(if end { 12 } else { 1 });
    let first = Date::new(y, month, 1).ok()?;
    let d = i8::try_from(d).ok().filter(|d| *d >= 1 && *d <= first.days_in_month());
    Some(match d {
        Some(d) => first.with().day(d).build().ok()?,
        None if end => first.last_of_month(),
        None => first,
    })
}

/// Splits a CSV line, honouring double quotes (ATOP's files have none, but a re-saved copy
/// may).
pub(crate) fn split(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn build(
    mut rows: Vec<MemberRow>,
    registry: &Registry,
    system: System,
    coverage: Option<Span>,
    path: &Path,
) -> Obligations {
    let records = rows.len();
    let by_cow: BTreeMap<u32, StateId> =
        registry.states().filter_map(|(id, s)| s.cow().map(|c| (u32::from(c), id))).collect();
    let dropped: BTreeSet<u32> =
        rows.iter().filter(|r| !by_cow.contains_key(&r.member)).map(|r| r.member).collect();
    rows.retain(|r| by_cow.contains_key(&r.member));
    let atopids: BTreeSet<u32> = rows.iter().map(|r| r.atopid).collect();
    let names: Vec<String> = atopids.iter().map(u32::to_string).collect();
    let inst_of: BTreeMap<u32, u32> =
        atopids.iter().enumerate().map(|(i, a)| (*a, i as u32)).collect();

    // State-level legs per (atopid, A, B), with the phase for step 4.
    rows.sort_by_key(|r| (r.atopid, r.phase, r.member));
    let mut legs: BTreeMap<(u32, u32, u32), Vec<(u16, Leg)>> = BTreeMap::new();
    let mut rest = rows.as_slice();
    while let Some(head) = rest.first() {
        let n =
            rest.iter().take_while(|r| (r.atopid, r.phase) == (head.atopid, head.phase)).count();
        let (group, tail) = rest.split_at(n);
        rest = tail;
        let inst = inst_of.get(&head.atopid).copied().unwrap_or(0);
        for a in group {
            for b in group.iter().filter(|b| b.member != a.member) {
                let first = a.span.first.max(b.span.first);
                let last = a.span.last.min(b.span.last);
                // Step 2: one must enter before the other leaves.
                if first < last {
                    let leg = Leg {
                        span: Span { first, last },
                        inst,
                        flags: a.flags,
                        obvary: a.obvary,
                        strength: None,
                    };
                    legs.entry((head.atopid, a.member, b.member)).or_default().push((a.phase, leg));
                }
            }
        }
    }

    let mut pairs = BTreeMap::new();
    for ((_, a, b), mut v) in legs {
        v.sort_by_key(|(phase, l)| (l.span.first, *phase));
        // Step 4: a later phase replaces the earlier one on its first day.
        for i in 1..v.len() {
            let Some(&(phase, next)) = v.get(i) else { continue };
            if let Some((p, prev)) = v.get_mut(i - 1) {
                if phase > *p && next.span.first <= prev.span.last {
                    prev.span.last = next.span.first.yesterday().unwrap_or(next.span.first);
                }
            }
        }
        let (Some(sa), Some(sb)) = (by_cow.get(&a), by_cow.get(&b)) else { continue };
        let (Some(state_a), Some(state_b)) = (registry.get(*sa), registry.get(*sb)) else {
            continue;
        };
        let (ca, cb) = (codes_of(state_a, system), codes_of(state_b, system));
        for (_, leg) in v.into_iter().filter(|(_, l)| l.span.first <= l.span.last) {
            for (code_a, span_a) in &ca {
                for (code_b, span_b) in cb.iter().filter(|(c, _)| c != code_a) {
                    let span = leg.span.intersect(*span_a).and_then(|s| s.intersect(*span_b));
                    if let Some(span) = span {
                        push_leg(&mut pairs, *code_a, *code_b, Leg { span, ..leg });
                    }
                }
            }
        }
    }
    Obligations::new(
        SourceKind::Atop,
        system,
        names,
        pairs,
        coverage,
        Provenance {
            path: Some(path.to_owned()),
            sha256: String::new(),
            records,
            dropped_codes: dropped.into_iter().collect(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn blank_days_and_months_take_the_widest_reading() {
        assert_eq!(atop_date((1847, 8, 0), true), Some(date(1847, 8, 31)));
        assert_eq!(atop_date((1847, 8, 0), false), Some(date(1847, 8, 1)));
        assert_eq!(atop_date((1900, 0, 0), true), Some(date(1900, 12, 31)));
        assert_eq!(atop_date((1900, 2, 30), true), Some(date(1900, 2, 28)));
    }

    #[test]
    fn split_honours_quotes() {
        assert_eq!(split(r#"a,"b,c",""""#), ["a", "b,c", "\""]);
    }
}
