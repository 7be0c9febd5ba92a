//! Every bundled treaty that carries an `atopid` against ATOP 5.1's member-level file
//! (../shared/reference/atop/atop5_1m.csv). Any difference must be explained by an
//! `[[atop-difference]]` entry in the treaty file, and every entry must explain a difference.
//!
//! All phases of an atopid are read together. For each COW ccode:
//!
//! * `member`: ATOP codes it (Annam, 8152, is not a COW state and is skipped) / one of our
//!   memberships resolves to a state with that ccode at some time.
//! * `entry`: ATOP's earliest entry against the start of our first segment, at ATOP's precision
//!   (a blank or zero day or month compares only what is given). ATOP codes the date of
//!   *signature*, never of ratification (codebook §2.32, YRENT), while `joined` is the day a
//!   state became bound. So ATOP's date is also accepted when it is the treaty's `signed`
//!   status date and no later than ours: the founders' signature, a convention, not a
//!   difference. A later joiner's signature of an accession protocol is not in our files, so
//!   it needs an explanation.
//! * `exit`: ATOP's latest exit against the end of our last segment. ATOP's exit day is the
//!   day the alliance ends for the state (codebook §2.32, YREXIT), and ATOP gives it to the next
//!   phase or the successor as its entry (NATO: the FRG exits and Germany enters on
//!   1990-10-03; phase 2 starts on phase 1's exit day): the first day it no longer applies,
//!   which is our exclusive `left`/`until`. They are compared as they are, with no
//!   one-day slack. `yrexit = 0` means in force on 2018-12-31, the end of coverage: ours must
//!   be open or end after that day.
//! * `defense` .. `consultation`: ATOP's member flag (the maximum over phases) against whether
//!   one of our obligations of that kind is owed by the state (`owed-by = "parties"` covers
//!   every party; `owed-by-except` removes states). Compared only for states that are members
//!   on both sides.
//!
//! An `[[atop-difference]]` explains a difference when it names a holder of the ccode and the
//! field; its `ours` and `atop`, when given, must be the values this test prints.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use casus_core::model::{
    AtopField, ObligationKind, Obligors, Registry, StateId, StatusKind, Treaty,
};
use jiff::civil::Date;

use crate::common::{dataset, read, shared};

/// ATOP's member code for Annam (atopid 1320), not a COW state.
const ANNAM: u16 = 8152;

/// The ATOP obligation flags in the file's column order, with our field and kind.
const KINDS: [(&str, AtopField, ObligationKind); 5] = [
    ("defense", AtopField::Defense, ObligationKind::Defense),
    ("offense", AtopField::Offense, ObligationKind::Offense),
    ("neutral", AtopField::Neutrality, ObligationKind::Neutrality),
    ("nonagg", AtopField::NonAggression, ObligationKind::NonAggression),
    ("consul", AtopField::Consultation, ObligationKind::Consultation),
];

/// A date as ATOP gives it: the month and day may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct AtopDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

impl AtopDate {
    fn parse(y: &str, m: &str, d: &str) -> AtopDate {
        let num = |s: &str| -> Option<i8> { s.trim().parse::<i8>().ok().filter(|n| *n != 0) };
        let month = num(m);
        AtopDate { year: y.trim().parse().unwrap(), month, day: month.and(num(d)) }
    }

    /// Does `d` fall on this date, at the precision ATOP gives?
    fn matches(self, d: Date) -> bool {
        d.year() == self.year
            && self.month.is_none_or(|m| d.month() == m)
            && self.day.is_none_or(|x| d.day() == x)
    }
}

impl std::fmt::Display for AtopDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// One member of one atopid, all its rows (phases, spells) folded together.
#[derive(Debug)]
struct AtopMember {
    entry: AtopDate,
    /// `None`: in force at the end of coverage.
    exit: Option<AtopDate>,
    flags: [bool; 5],
}

/// atopid -> ccode -> member.
fn atop_members() -> BTreeMap<u32, BTreeMap<u16, AtopMember>> {
    let csv = read(&shared().join("reference/atop/atop5_1m.csv"));
    let mut lines = csv.lines().map(|l| l.trim_end_matches('\r'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let [atopid, member, yrent, moent, dayent, yrexit, moexit, dayexit] =
        ["atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit"].map(col);
    let flag_cols = KINDS.map(|(name, _, _)| col(name));
    let mut out: BTreeMap<u32, BTreeMap<u16, AtopMember>> = BTreeMap::new();
    let mut rows = 0;
    for line in lines.filter(|l| !l.is_empty()) {
        // The file has no quoted fields (checked: no `"` anywhere), so a plain split is exact.
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), header.len(), "ragged row: {line}");
        rows += 1;
        let ccode: u16 = f[member].parse().unwrap();
        if ccode == ANNAM {
            continue;
        }
        let entry = AtopDate::parse(f[yrent], f[moent], f[dayent]);
        let exit =
            (f[yrexit].trim() != "0").then(|| AtopDate::parse(f[yrexit], f[moexit], f[dayexit]));
        let flags = flag_cols.map(|c| f[c].trim() == "1");
        let m = out.entry(f[atopid].parse().unwrap()).or_default();
        match m.get_mut(&ccode) {
            None => {
                m.insert(ccode, AtopMember { entry, exit, flags });
            }
            Some(a) => {
                a.entry = a.entry.min(entry);
                a.exit = match (a.exit, exit) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    _ => None,
                };
                for (have, new) in a.flags.iter_mut().zip(flags) {
                    *have |= new;
                }
            }
        }
    }
    assert_eq!(rows, 2510, "atop5_1m.csv should have 2,510 member-phase rows");
    out
}

/// Our side for one ccode.
#[derive(Debug)]
struct OurMember {
    states: BTreeSet<StateId>,
    entry: Date,
    /// `None`: open.
    exit: Option<Date>,
}

/// ccode -> our membership, and the parties that have no COW code.
fn our_members(t: &Treaty, reg: &Registry) -> (BTreeMap<u16, OurMember>, BTreeSet<StateId>) {
    let mut out: BTreeMap<u16, OurMember> = BTreeMap::new();
    let mut uncoded = BTreeSet::new();
    for (s, i) in t.parties().iter().flat_map(|m| m.segments().iter().copied()) {
        let Some(ccode) = reg.get(s).and_then(|st| st.cow()) else {
            uncoded.insert(s);
            continue;
        };
        let o = out.entry(ccode).or_insert_with(|| OurMember {
            states: BTreeSet::new(),
            entry: i.from(),
            exit: i.until(),
        });
        o.states.insert(s);
        o.entry = o.entry.min(i.from());
        o.exit = match (o.exit, i.until()) {
            (Some(x), Some(y)) => Some(x.max(y)),
            _ => None,
        };
    }
    (out, uncoded)
}

/// Does one of the treaty's obligations of `kind` bind one of `states`?
fn owes(t: &Treaty, kind: ObligationKind, states: &BTreeSet<StateId>) -> bool {
    t.obligations().iter().filter(|o| o.kind() == kind).any(|o| {
        states.iter().any(|s| {
            let named = match o.owed_by() {
                Obligors::Parties => true,
                Obligors::States(set) => set.contains(s),
            };
            named && !o.owed_by_except().contains(s)
        })
    })
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

/// One difference between our coding and ATOP's.
#[derive(Debug)]
struct Difference {
    /// What the table shows for the state: `CODE/ccode`.
    label: String,
    /// The registry states that hold the ccode (an explanation must name one).
    holders: BTreeSet<StateId>,
    field: AtopField,
    ours: String,
    atop: String,
}

/// Every difference of one treaty from ATOP's members of its atopid.
fn differences(t: &Treaty, reg: &Registry, atop: &BTreeMap<u16, AtopMember>) -> Vec<Difference> {
    let (ours, uncoded) = our_members(t, reg);
    let holders = |ccode: u16| -> BTreeSet<StateId> {
        reg.states().filter(|(_, s)| s.cow() == Some(ccode)).map(|(id, _)| id).collect()
    };
    let label = |ccode: u16| -> String {
        let h = holders(ccode);
        let code = h.first().map_or("?", |s| reg.code(*s));
        format!("{code}/{ccode}")
    };
    let signed: Vec<Date> = t
        .statuses()
        .iter()
        .filter(|s| s.status() == StatusKind::Signed)
        .map(|s| s.date())
        .collect();
    let mut out: Vec<Difference> = uncoded
        .iter()
        .map(|s| Difference {
            // A party with no COW code cannot be in ATOP.
            label: format!("{}/-", reg.code(*s)),
            holders: BTreeSet::from([*s]),
            field: AtopField::Member,
            ours: yes_no(true),
            atop: yes_no(false),
        })
        .collect();
    let mut diff = |ccode: u16, field: AtopField, ours: String, atop: String| {
        out.push(Difference { label: label(ccode), holders: holders(ccode), field, ours, atop });
    };
    let ccodes: BTreeSet<u16> = ours.keys().chain(atop.keys()).copied().collect();
    for ccode in ccodes {
        let (o, a) = match (ours.get(&ccode), atop.get(&ccode)) {
            (Some(o), Some(a)) => (o, a),
            (o, a) => {
                diff(ccode, AtopField::Member, yes_no(o.is_some()), yes_no(a.is_some()));
                continue;
            }
        };
        let signature = signed.iter().any(|d| a.entry.matches(*d) && *d <= o.entry);
        if !a.entry.matches(o.entry) && !signature {
            diff(ccode, AtopField::Entry, o.entry.to_string(), a.entry.to_string());
        }
        let exit_ok = match (o.exit, a.exit) {
            (None, None) => true,
            (Some(u), None) => u > Date::constant(2018, 12, 31),
            (None, Some(_)) => false,
            (Some(u), Some(x)) => x.matches(u),
        };
        if !exit_ok {
            let ours = o.exit.map_or_else(|| "open".to_owned(), |u| u.to_string());
            let atop = a.exit.map_or_else(|| "in force 2018-12-31".to_owned(), |x| x.to_string());
            diff(ccode, AtopField::Exit, ours, atop);
        }
        for (i, (_, field, kind)) in KINDS.iter().enumerate() {
            let we = owes(t, *kind, &o.states);
            if we != a.flags[i] {
                diff(ccode, *field, yes_no(we), yes_no(a.flags[i]));
            }
        }
    }
    out
}

#[test]
fn bundled_treaties_match_atop_or_explain_why() {
    let ds = dataset();
    let reg = ds.registry();
    let atop = atop_members();
    let mut failures = Vec::new();
    let mut summary = String::new();
    let mut compared = 0;
    for t in ds.treaties() {
        let Some(atopid) = t.atopid() else { continue };
        compared += 1;
        let Some(members) = atop.get(&atopid) else {
            failures.push([
                t.id().to_string(),
                "-".into(),
                "atopid".into(),
                atopid.to_string(),
                "not in ATOP 5.1".into(),
            ]);
            continue;
        };
        let diffs = differences(t, reg, members);
        let explanations = t.atop_differences();
        let mut used = vec![false; explanations.len()];
        let mut unexplained = 0;
        for d in &diffs {
            let hit = explanations
                .iter()
                .position(|e| e.field == d.field && e.states.iter().any(|s| d.holders.contains(s)));
            let Some(k) = hit else {
                unexplained += 1;
                failures.push([
                    t.id().to_string(),
                    d.label.clone(),
                    d.field.to_string(),
                    d.ours.clone(),
                    d.atop.clone(),
                ]);
                continue;
            };
            used[k] = true;
            let e = &explanations[k];
            let stale =
                |given: &Option<String>, now: &str| given.as_deref().is_some_and(|g| g != now);
            if stale(&e.ours, &d.ours) || stale(&e.atop, &d.atop) {
                unexplained += 1;
                failures.push([
                    t.id().to_string(),
                    d.label.clone(),
                    format!(
                        "{} (explanation says ours {:?}, atop {:?})",
                        d.field,
                        e.ours.as_deref().unwrap_or("-"),
                        e.atop.as_deref().unwrap_or("-")
                    ),
                    d.ours.clone(),
                    d.atop.clone(),
                ]);
            }
        }
        let mut stale = 0;
        for (e, _) in explanations.iter().zip(&used).filter(|(_, u)| !**u) {
            stale += 1;
            let codes: Vec<&str> = e.states.iter().map(|s| reg.code(*s)).collect();
            failures.push([
                t.id().to_string(),
                codes.join("|"),
                format!("{} (stale explanation: no such difference)", e.field),
                e.ours.clone().unwrap_or_else(|| "-".into()),
                e.atop.clone().unwrap_or_else(|| "-".into()),
            ]);
        }
        let ours = our_members(t, reg).0.len();
        writeln!(
            summary,
            "{} (atopid {atopid}): {} ATOP members, {ours} ours; {} differences, {} explained, {unexplained} unexplained, {stale} stale explanations",
            t.id(),
            members.len(),
            diffs.len(),
            diffs.len() - unexplained.min(diffs.len()),
        )
        .unwrap();
    }
    println!("{summary}");
    assert!(compared > 0, "no bundled treaty carries an atopid");
    if !failures.is_empty() {
        let head = ["treaty", "state", "field", "ours", "ATOP"];
        let mut widths = head.map(str::len);
        for row in &failures {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.len());
            }
        }
        let mut table = String::new();
        for row in std::iter::once(&head.map(str::to_owned)).chain(&failures) {
            let cells: Vec<String> =
                row.iter().zip(widths).map(|(c, w)| format!("{c:w$}")).collect();
            writeln!(table, "{}", cells.join("  ").trim_end()).unwrap();
        }
        panic!(
            "{} differences from ATOP 5.1 are not explained by an [[atop-difference]] entry, or explanations are stale:\n{table}",
            failures.len()
        );
    }
}
