//! The ATOP layer (#15) against ATOP 5.1's member-level file (reference/atop/atop5_1m.csv).
//!
//! * Every alliance of the file lowers through `check` with no error.
//! * Every one of ATOP's 280 defence alliances (DEFENSE = 1 for some member, 1815-2018) is
//!   evaluable: a curated file or an `atop-<atopid>` instrument, and for a member victim on a
//!   day inside its membership an attack by a non-member gives a decision that names the
//!   instrument (triggered, undecided, or not triggered with a stated reason).
//! * The differential test: for every defence alliance with a curated file, the curated file
//!   and the layer's instrument built for the same atopid agree on who is bound to the victim
//!   (each member victim at the middle of each of its spells, attacked by a non-member), or the
//!   file explains the difference with an `[[atop-difference]]` (the matching of the ATOP
//!   comparison test, `AtopDifference::explains`). Agreement allows for what is undecided: a
//!   state bound on one side and undecided on the other agrees; bound on one side and not on
//!   the other does not.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use casus_core::model::{AtopField, Dataset, Interval, Registry, StateId, Treaty};
use casus_core::{evaluate, load_with, Checked, DataPaths, Decision, EventBuilder};
use casus_export::AtopLayer;
use jiff::civil::Date;

use crate::common::{data_dir, reference};

/// The last day ATOP 5.1 covers.
const END_OF_COVERAGE: Date = Date::constant(2018, 12, 31);

fn layer() -> AtopLayer {
    AtopLayer::from_file(&reference("atop/atop5_1m.csv")).unwrap()
}

fn checked(layer: &AtopLayer) -> Checked {
    let checked = load_with(&DataPaths::in_dir(data_dir()), layer);
    let msgs: Vec<String> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render_plain())
        .take(20)
        .collect();
    assert!(checked.passed(), "the ATOP layer does not lower cleanly:\n{}", msgs.join("\n"));
    checked
}

/// The bundled data with the layer (alliances without a file).
fn with_layer() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| checked(&layer()).into_parts().0)
}

/// The middle day of a membership segment, within ATOP's coverage.
fn middle(i: Interval) -> Date {
    let until = i.until().map_or(END_OF_COVERAGE, |u| u.min(END_OF_COVERAGE));
    let days = i.from().until(until).map_or(0, |s| s.get_days());
    i.from().checked_add(jiff::Span::new().days(i64::from(days / 2))).unwrap_or(i.from())
}

/// A state existing on `d` that is a party of none of `treaties` on `d`: the aggressor.
fn outsider(reg: &Registry, treaties: &[&Treaty], d: Date) -> Option<StateId> {
    let inside: BTreeSet<StateId> = treaties
        .iter()
        .flat_map(|t| t.parties().iter().filter_map(move |m| m.state_on(d)))
        .collect();
    reg.on(d).into_iter().find(|s| !inside.contains(s))
}

fn decide(ds: &Dataset, aggressor: StateId, victim: StateId, d: Date) -> Option<Decision> {
    let reg = ds.registry();
    let event = EventBuilder::new(reg.code(aggressor), reg.code(victim), d).build(ds).ok()?;
    Some(evaluate(ds, &event))
}

/// What a decision says of one treaty: the states bound to assist, and those that may be
/// (undecided).
fn bound(decision: &Decision, treaty: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let states = |fs: &[casus_core::eval::Finding]| -> BTreeSet<String> {
        fs.iter()
            .filter(|f| &*f.treaty == treaty)
            .flat_map(|f| f.obligations.iter())
            .filter(|o| o.strength.is_assistance())
            .flat_map(|o| o.obligated.iter().map(|s| s.code.to_string()))
            .collect()
    };
    (states(decision.triggered()), states(decision.indeterminate()))
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn every_atop_alliance_lowers_through_check() {
    let layer = layer();
    let ds = with_layer();
    let generated = ds.treaties().iter().filter(|t| t.id().as_str().starts_with("atop-")).count();
    let carried: BTreeSet<u32> = ds
        .treaties()
        .iter()
        .filter(|t| !t.id().as_str().starts_with("atop-"))
        .filter_map(Treaty::atopid)
        .collect();
    let all = layer.atopids().count();
    println!(
        "ATOP layer: {all} alliances in the file, {} with a curated file, {generated} atop-<id> instruments, {} left out (fewer than two registry states)",
        carried.len(),
        all - carried.iter().filter(|a| layer.atopids().any(|b| b == **a)).count() - generated
    );
    assert!(generated > 400, "{generated}");
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn every_atop_defence_alliance_is_evaluable() {
    let defence = layer().defence_atopids();
    assert_eq!(defence.len(), 280, "ATOP 5.1 has 280 defence alliances");
    let ds = with_layer();
    let reg = ds.registry();
    // The registry begins before ATOP's first alliance (January 1815): for the states of the
    // alliances of 1815 it starts on 1815-01-01, a year before COW (data/states.toml).
    let first_day =
        reg.states().flat_map(|(_, s)| s.exists().iter().map(|i| i.from())).min().unwrap();
    assert!(first_day <= jiff::civil::date(1815, 1, 3), "the registry starts on {first_day}");
    let mut by_atopid: BTreeMap<u32, &Treaty> = BTreeMap::new();
    for t in ds.treaties() {
        if let Some(a) = t.atopid() {
            // A curated file wins over the layer (which leaves such alliances out anyway).
            let curated = !t.id().as_str().starts_with("atop-");
            if curated || !by_atopid.contains_key(&a) {
                by_atopid.insert(a, t);
            }
        }
    }
    let (mut curated, mut layered, mut triggered, mut undecided, mut not) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for a in &defence {
        let Some(t) = by_atopid.get(a) else {
            failures.push(format!("{a}: neither a curated file nor an atop-{a} instrument"));
            continue;
        };
        if t.id().as_str().starts_with("atop-") {
            layered += 1;
        } else {
            curated += 1;
        }
        // The first member victim and day for which an event can be built.
        let named =
            t.parties().iter().flat_map(|m| m.segments().iter().copied()).find_map(|(s, i)| {
                let d = middle(i);
                let agg = outsider(reg, &[t], d)?;
                decide(ds, agg, s, d).map(|dec| (dec, s, d))
            });
        let Some((dec, victim, d)) = named else {
            failures.push(format!("{} ({a}): no member victim gives an event", t.id()));
            continue;
        };
        let id = t.id().as_str();
        let is = |fs: &[casus_core::eval::Finding]| fs.iter().any(|f| &*f.treaty == id);
        if is(dec.triggered()) {
            triggered += 1;
        } else if is(dec.indeterminate()) {
            undecided += 1;
        } else if dec.not_triggered().iter().any(|f| &*f.treaty == id && !f.reasons.is_empty()) {
            not += 1;
        } else {
            failures.push(format!(
                "{id} ({a}): the decision on an attack on {} on {d} does not name it",
                reg.code(victim)
            ));
        }
    }
    println!(
        "ATOP defence alliances: {} evaluable of 280 ({curated} curated, {layered} ATOP layer; the registry starts on {first_day}); an attack on a member: {triggered} triggered, {undecided} undecided, {not} not triggered with a reason",
        280 - failures.len(),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The holders of a state's COW code (an explanation names one of them).
fn holders(reg: &Registry, s: StateId) -> BTreeSet<StateId> {
    match reg.get(s).and_then(|st| st.cow()) {
        Some(c) => reg.states().filter(|(_, st)| st.cow() == Some(c)).map(|(id, _)| id).collect(),
        None => BTreeSet::from([s]),
    }
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn curated_files_and_the_atop_layer_agree_on_who_is_bound() {
    let file = layer();
    let defence = file.defence_atopids();
    let curated_ids: BTreeSet<u32> = crate::common::dataset()
        .treaties()
        .iter()
        .filter_map(Treaty::atopid)
        .filter(|a| defence.contains(a))
        .collect();
    let built = file.with_carried(true).only(curated_ids.iter().copied());
    let ds = checked(&built).into_parts().0;
    let reg = ds.registry();
    let (mut events, mut agree, mut explained, mut obvary, mut unmodelled) = (0, 0, 0, 0, 0);
    let mut unbuildable = Vec::new();
    let mut failures = Vec::new();
    let mut alliances = 0;
    for t in ds.treaties().iter().filter(|t| !t.id().as_str().starts_with("atop-")) {
        let Some(a) = t.atopid().filter(|a| curated_ids.contains(a)) else { continue };
        let Some(l) = ds.treaty(&AtopLayer::instrument_id(a)) else {
            // Fewer than two of its members are states of the registry (France-Annam, 1320).
            unbuildable.push(format!("{} ({a})", t.id()));
            continue;
        };
        // As the ATOP comparison test: a kind the file models no obligation of at all is not
        // a coding error but a choice of what casus decides; listed, not failed.
        let models_assistance = t.obligations().iter().any(|o| o.strength().is_assistance());
        alliances += 1;
        for (victim, i) in t.parties().iter().flat_map(|m| m.segments().iter().copied()) {
            if i.from() > END_OF_COVERAGE {
                continue;
            }
            let d = middle(i);
            let Some(agg) = outsider(reg, &[t, l], d) else { continue };
            let Some(dec) = decide(&ds, agg, victim, d) else { continue };
            events += 1;
            let (cb, cm) = bound(&dec, t.id().as_str());
            let (lb, lm) = bound(&dec, l.id().as_str());
            // Bound on one side and neither bound nor undecided on the other.
            let differ: BTreeSet<&String> = cb
                .iter()
                .filter(|s| !lb.contains(*s) && !lm.contains(*s))
                .chain(lb.iter().filter(|s| !cb.contains(*s) && !cm.contains(*s)))
                .collect();
            if differ.is_empty() {
                agree += 1;
                continue;
            }
            if !models_assistance {
                unmodelled += 1;
                continue;
            }
            let ccode = |code: &str| reg.resolve(code, d).ok().and_then(|s| reg.get(s)?.cow());
            let victim_cow = reg.get(victim).and_then(|s| s.cow());
            // ATOP's own coding explains it: an OBVARY member owes different obligations to
            // different members, and the member file cannot say which.
            let by_obvary = differ.iter().all(|c| {
                [ccode(c), victim_cow].into_iter().flatten().any(|cc| built.obvary(a, cc))
            });
            if by_obvary {
                obvary += 1;
                continue;
            }
            let fields = [
                AtopField::Member,
                AtopField::Entry,
                AtopField::Exit,
                AtopField::Defense,
                AtopField::Offense,
                AtopField::AttackBy,
            ];
            let unexplained: Vec<&String> = differ
                .iter()
                .copied()
                .filter(|code| {
                    let states: BTreeSet<StateId> = reg
                        .resolve(code, d)
                        .ok()
                        .into_iter()
                        .chain([victim])
                        .flat_map(|s| holders(reg, s))
                        .collect();
                    !t.atop_differences()
                        .iter()
                        .any(|e| fields.iter().any(|f| e.explains(*f, &states)))
                })
                .collect();
            if unexplained.is_empty() {
                explained += 1;
            } else {
                let show = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(" ");
                failures.push(format!(
                    "{} vs atop-{a}: {} attacks {} on {d}: file binds [{}] (undecided [{}]), ATOP layer binds [{}] (undecided [{}]); unexplained: {}",
                    t.id(),
                    reg.code(agg),
                    reg.code(victim),
                    show(&cb),
                    show(&cm),
                    show(&lb),
                    show(&lm),
                    unexplained.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
                ));
            }
        }
    }
    println!(
        "differential: {alliances} curated ATOP defence alliances ({} the layer cannot build: {}), {events} events; {agree} agree, {explained} differ with an [[atop-difference]], {obvary} differ on OBVARY members, {unmodelled} where the file models no duty to assist, {} unexplained",
        unbuildable.len(),
        unbuildable.join(", "),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} unexplained differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
