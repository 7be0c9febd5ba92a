//! Every bundled treaty that carries an `atopid` against ATOP 5.1's member-level file
//! (reference/atop/atop5_1m.csv). Any difference must be explained by an
//! `[[atop-difference]]` entry in the treaty file, and every entry must explain a difference.
//!
//! All phases of an atopid are read together. A state's ATOP rows are merged into spells
//! (a phase that starts on or before the previous one's exit continues it), and our segments
//! for the same ccode likewise. For each COW ccode:
//!
//! * `member`: ATOP codes it (Annam, 8152, is not a COW state and is skipped) / one of our
//!   memberships resolves to a state with that ccode at some time. A state that joined after
//!   2018, the end of ATOP's coverage (MKD, FIN, SWE in NATO), is not a difference.
//! * `entry`: each spell's start, at ATOP's precision (a blank or zero day or month compares
//!   only what is given). ATOP codes the date of *signature*, never of ratification (codebook
//!   §2.32, YRENT), while `joined` is the day a state became bound. So ATOP's first entry is
//!   also accepted when it is the treaty's `signed` status date and no later than ours: the
//!   founders' signature, a convention, not a difference. A later joiner's signature of an
//!   accession protocol is not in our files, so it needs an explanation.
//! * `exit`: each spell's end. ATOP's exit day is the day the alliance ends for the state
//!   (codebook §2.32, YREXIT). For a succession or a new phase that is the first day out (the
//!   FRG exits and Germany enters NATO on 1990-10-03; phase 2 starts on phase 1's exit day),
//!   our exclusive `left`; for a treaty that ends "on" a day (the WEU on 30 June 2011) it is
//!   the last day in force. ATOP's day is accepted under either reading, so a one-day
//!   difference is below what ATOP can settle. `yrexit = 0` means in force on 2018-12-31, the
//!   end of coverage: ours must be open or end after that day. When one side has more spells
//!   than the other (ATOP takes Egypt out of 3205 for 1979-1989), the difference is an
//!   `exit` showing every spell.
//! * `defense` .. `consultation`: ATOP's member flag (the maximum over phases) against whether
//!   one of our obligations of that kind is owed by the state (`owed-by = "parties"` covers
//!   every party; `owed-by-except` removes states), for states that are members on both
//!   sides. A kind the treaty file has no obligation of at all is not modelled: choosing to
//!   model one is a change to what casus decides, not a coding error, so it is listed in the
//!   summary line ("not modelled: non-aggression (30)"), not failed. Where the file models a
//!   kind, every state's flag must agree.
//!
//! An `[[atop-difference]]` explains a difference when it names a holder of the ccode and the
//! field; its `ours` and `atop`, when given, must be the values this test prints.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use casus_core::model::{
    AtopField, Interval, ObligationKind, Obligors, Registry, StateId, StatusKind, Treaty,
};
use jiff::civil::Date;

use crate::common::{dataset, read, reference};

/// ATOP's member code for Annam (atopid 1320), not a COW state.
const ANNAM: u16 = 8152;

/// The last day ATOP 5.1 covers.
const END_OF_COVERAGE: Date = Date::constant(2018, 12, 31);

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

/// A spell of membership as ATOP gives it; `exit` `None`: in force at the end of coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct AtopSpell {
    entry: AtopDate,
    exit: Option<AtopDate>,
}

/// One member of one atopid, all its rows (phases, spells) folded together.
#[derive(Debug, Default)]
struct AtopMember {
    /// In date order, consecutive phases merged.
    spells: Vec<AtopSpell>,
    flags: [bool; 5],
}

/// atopid -> ccode -> member.
fn atop_members() -> BTreeMap<u32, BTreeMap<u16, AtopMember>> {
    let csv = read(&reference("atop/atop5_1m.csv"));
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
        let m = out.entry(f[atopid].parse().unwrap()).or_default().entry(ccode).or_default();
        m.spells.push(AtopSpell { entry, exit });
        for (have, c) in m.flags.iter_mut().zip(flag_cols) {
            *have |= f[c].trim() == "1";
        }
    }
    assert_eq!(rows, 2510, "atop5_1m.csv should have 2,510 member-phase rows");
    for m in out.values_mut().flat_map(|a| a.values_mut()) {
        m.spells.sort();
        let mut merged: Vec<AtopSpell> = Vec::new();
        for sp in &m.spells {
            match merged.last_mut() {
                // A phase that starts on or before the previous one's exit continues it.
                Some(last) if last.exit.is_none_or(|x| sp.entry <= x) => {
                    last.exit = match (last.exit, sp.exit) {
                        (Some(x), Some(y)) => Some(x.max(y)),
                        _ => None,
                    };
                }
                _ => merged.push(*sp),
            }
        }
        m.spells = merged;
    }
    out
}

/// Our side for one ccode.
#[derive(Debug, Default)]
struct OurMember {
    states: BTreeSet<StateId>,
    /// Segments merged where they touch, in date order.
    spells: Vec<Interval>,
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
        let o = out.entry(ccode).or_default();
        o.states.insert(s);
        o.spells.push(i);
    }
    for o in out.values_mut() {
        o.spells.sort();
        let mut merged: Vec<Interval> = Vec::new();
        for i in &o.spells {
            match merged.last_mut() {
                Some(last) if last.until().is_none_or(|u| i.from() <= u) => {
                    let until = match (last.until(), i.until()) {
                        (Some(x), Some(y)) => Some(x.max(y)),
                        _ => None,
                    };
                    *last = Interval::new(last.from(), until);
                }
                _ => merged.push(*i),
            }
        }
        o.spells = merged;
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

/// Does our exclusive end agree with ATOP's exit? ATOP's exit day is the day of the ending
/// event: mostly the first day out (our `until`), but for a treaty that ends "on" a day
/// (the WEU on 30 June 2011, SEATO on 30 June 1977) the last day in force, so both readings
/// are accepted. In force at the end of 2018 means open, or ending after 2018.
fn exit_matches(until: Option<Date>, exit: Option<AtopDate>) -> bool {
    match (until, exit) {
        (None, None) => true,
        (Some(u), None) => u > END_OF_COVERAGE,
        (None, Some(_)) => false,
        (Some(u), Some(x)) => x.matches(u) || u.yesterday().is_ok_and(|d| x.matches(d)),
    }
}

fn show_until(u: Option<Date>) -> String {
    u.map_or_else(|| "open".to_owned(), |u| u.to_string())
}

fn show_exit(x: Option<AtopDate>) -> String {
    x.map_or_else(|| "in force 2018-12-31".to_owned(), |x| x.to_string())
}

fn show_ours(spells: &[Interval]) -> String {
    let v: Vec<String> =
        spells.iter().map(|i| format!("{}..{}", i.from(), show_until(i.until()))).collect();
    v.join(", ")
}

fn show_atop(spells: &[AtopSpell]) -> String {
    let v: Vec<String> =
        spells.iter().map(|sp| format!("{}..{}", sp.entry, show_exit(sp.exit))).collect();
    v.join(", ")
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

/// Every difference of one treaty from ATOP's members of its atopid, and the kinds the file
/// does not model at all (field -> how many members ATOP gives the flag).
fn differences(
    t: &Treaty,
    reg: &Registry,
    atop: &BTreeMap<u16, AtopMember>,
) -> (Vec<Difference>, BTreeMap<String, usize>) {
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
    let modelled = KINDS.map(|(_, _, kind)| t.obligations().iter().any(|o| o.kind() == kind));
    let mut gaps = BTreeMap::new();
    let ccodes: BTreeSet<u16> = ours.keys().chain(atop.keys()).copied().collect();
    for ccode in ccodes {
        let (o, a) = match (ours.get(&ccode), atop.get(&ccode)) {
            (Some(o), Some(a)) => (o, a),
            // ATOP ends with 2018: a state that joined later cannot be in it.
            (Some(o), None) if o.spells.first().is_some_and(|i| i.from() > END_OF_COVERAGE) => {
                continue
            }
            (o, a) => {
                diff(ccode, AtopField::Member, yes_no(o.is_some()), yes_no(a.is_some()));
                continue;
            }
        };
        let (ours_n, atop_n) = (o.spells.len(), a.spells.len());
        if ours_n != atop_n {
            // An interruption on one side only: an exit (and a return) the other lacks.
            diff(ccode, AtopField::Exit, show_ours(&o.spells), show_atop(&a.spells));
        } else {
            let entries_ok = o.spells.iter().zip(&a.spells).enumerate().all(|(k, (i, sp))| {
                let signature =
                    k == 0 && signed.iter().any(|d| sp.entry.matches(*d) && *d <= i.from());
                sp.entry.matches(i.from()) || signature
            });
            if !entries_ok {
                let ours: Vec<String> = o.spells.iter().map(|i| i.from().to_string()).collect();
                let atop: Vec<String> = a.spells.iter().map(|sp| sp.entry.to_string()).collect();
                diff(ccode, AtopField::Entry, ours.join(", "), atop.join(", "));
            }
            let exits_ok =
                o.spells.iter().zip(&a.spells).all(|(i, sp)| exit_matches(i.until(), sp.exit));
            if !exits_ok {
                let ours: Vec<String> = o.spells.iter().map(|i| show_until(i.until())).collect();
                let atop: Vec<String> = a.spells.iter().map(|sp| show_exit(sp.exit)).collect();
                diff(ccode, AtopField::Exit, ours.join(", "), atop.join(", "));
            }
        }
        for (i, (_, field, kind)) in KINDS.iter().enumerate() {
            if !modelled[i] {
                if a.flags[i] {
                    *gaps.entry(field.to_string()).or_insert(0) += 1;
                }
                continue;
            }
            let we = owes(t, *kind, &o.states);
            if we != a.flags[i] {
                diff(ccode, *field, yes_no(we), yes_no(a.flags[i]));
            }
        }
    }
    (out, gaps)
}

/// One row of the failure table: treaty, state, field, ours, ATOP.
type Row = [String; 5];

/// Matches one treaty's differences with its explanations: the failures, and how many
/// differences were explained.
fn judge(t: &Treaty, reg: &Registry, diffs: &[Difference]) -> (Vec<Row>, usize) {
    let explanations = t.atop_differences();
    let mut used = vec![false; explanations.len()];
    let mut failures = Vec::new();
    let mut explained = 0;
    for d in diffs {
        let row = |field: String| -> Row {
            [t.id().to_string(), d.label.clone(), field, d.ours.clone(), d.atop.clone()]
        };
        let hit = explanations.iter().position(|e| e.explains(d.field, &d.holders));
        let Some(k) = hit else {
            failures.push(row(d.field.to_string()));
            continue;
        };
        used[k] = true;
        let e = &explanations[k];
        let differs =
            |given: &Option<String>, now: &str| given.as_deref().is_some_and(|g| g != now);
        if differs(&e.ours, &d.ours) || differs(&e.atop, &d.atop) {
            let said = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            failures.push(row(format!(
                "{} (explanation says ours {}, ATOP {})",
                d.field,
                said(&e.ours),
                said(&e.atop)
            )));
        } else {
            explained += 1;
        }
    }
    // `attack-by` explains a difference in who is bound (the ATOP layer's differential test in
    // casus-export), which this comparison of members and flags never finds.
    for (e, _) in
        explanations.iter().zip(&used).filter(|(e, u)| !**u && e.field != AtopField::AttackBy)
    {
        let codes: Vec<&str> = e.states.iter().map(|s| reg.code(*s)).collect();
        failures.push([
            t.id().to_string(),
            codes.join("|"),
            format!("{} (stale explanation: no such difference)", e.field),
            e.ours.clone().unwrap_or_else(|| "-".into()),
            e.atop.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    (failures, explained)
}

fn table(rows: &[Row]) -> String {
    let head: Row = ["treaty", "state", "field", "ours", "ATOP"].map(str::to_owned);
    let mut widths = head.clone().map(|c| c.len());
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.len());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&head).chain(rows) {
        let cells: Vec<String> = row.iter().zip(widths).map(|(c, w)| format!("{c:w$}")).collect();
        writeln!(out, "{}", cells.join("  ").trim_end()).unwrap();
    }
    out
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn bundled_treaties_match_atop_or_explain_why() {
    let ds = dataset();
    let reg = ds.registry();
    let atop = atop_members();
    let mut failures: Vec<Row> = Vec::new();
    let mut summary = String::new();
    for t in ds.treaties() {
        let Some(atopid) = t.atopid() else { continue };
        let Some(members) = atop.get(&atopid) else {
            let row = ["-", "atopid", &atopid.to_string(), "not in ATOP 5.1"].map(str::to_owned);
            failures.push([
                t.id().to_string(),
                row[0].clone(),
                row[1].clone(),
                row[2].clone(),
                row[3].clone(),
            ]);
            continue;
        };
        let (diffs, gaps) = differences(t, reg, members);
        let (mut rows, explained) = judge(t, reg, &diffs);
        let gaps: Vec<String> = gaps.iter().map(|(f, n)| format!("{f} ({n})")).collect();
        let gaps = if gaps.is_empty() {
            String::new()
        } else {
            format!("; not modelled: {}", gaps.join(", "))
        };
        writeln!(
            summary,
            "{} (atopid {atopid}): {} ATOP members, {} ours; {} differences, {explained} explained, {} failures{gaps}",
            t.id(),
            members.len(),
            our_members(t, reg).0.len(),
            diffs.len(),
            rows.len(),
        )
        .unwrap();
        failures.append(&mut rows);
    }
    println!("{summary}");
    assert!(!summary.is_empty(), "no bundled treaty carries an atopid");
    assert!(
        failures.is_empty(),
        "{} differences from ATOP 5.1 without an [[atop-difference]] entry, or stale entries:\n{}",
        failures.len(),
        table(&failures)
    );
}

/// The judge itself: an unexplained difference, an explanation with the wrong values and a
/// stale explanation each fail; a matching explanation passes.
#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn the_comparison_reports_missing_wrong_and_stale_explanations() {
    let dir = crate::common::data_dir();
    let treaty = r#"
id = "fake-us-japan"
title = "A US-Japan treaty mislabelled with the US-ROK atopid"
kind = "treaty"
atopid = 3240

[[source]]
id = "s"
citation = "test"

[[status]]
status = "signed"
date = 1953-10-01
source = "s"

[[status]]
status = "in-force"
date = 1954-11-18
source = "s"

[[party]]
state = "USA"
joined = 1954-11-18
source = "s"

[[party]]
state = "JPN"
joined = 1954-11-18
source = "s"

[[article]]
id = "III"
text = "act to meet the common danger"
quality = "paraphrase"
source = "s"

[[obligation]]
id = "art-iii"
article = "III"
kind = "defense"
strength = "common_danger"
owed-by = "parties"
owed-to = "parties"
attack-by = "anyone"
source = "s"

[[obligation]]
id = "consult"
article = "III"
kind = "consultation"
strength = "consult_only"
owed-by = ["JPN"]
owed-to = "parties"
attack-by = "anyone"
source = "s"

[[atop-difference]]
state = "KOR"
field = "member"
ours = "no"
atop = "yes"
why = "explained"

[[atop-difference]]
state = "JPN"
field = "member"
atop = "maybe"
why = "wrong value"

[[atop-difference]]
state = "USA"
field = "exit"
why = "stale"
"#;
    let checked = casus_core::load_from_texts(
        &read(&dir.join("states.toml")),
        &read(&dir.join("regions.toml")),
        &[("fake-us-japan.toml".to_owned(), treaty.to_owned())],
    );
    let msgs: Vec<String> = checked.diagnostics().iter().map(|d| d.render_plain()).collect();
    assert!(checked.passed(), "{}", msgs.join("\n"));
    let ds = checked.dataset();
    let t = ds.treaty("fake-us-japan").unwrap();
    let atop = atop_members();
    let (diffs, gaps) = differences(t, ds.registry(), &atop[&3240]);
    let (rows, explained) = judge(t, ds.registry(), &diffs);
    assert_eq!(explained, 1, "{diffs:?}");
    let got: Vec<(&str, &str)> = rows.iter().map(|r| (r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(
        got,
        [
            ("USA/2", "consultation"),
            ("JPN/740", "member (explanation says ours -, ATOP maybe)"),
            ("USA", "exit (stale explanation: no such difference)"),
        ],
        "{}",
        table(&rows)
    );
    assert_eq!(gaps.keys().map(String::as_str).collect::<Vec<_>>(), ["non-aggression"]);
}
