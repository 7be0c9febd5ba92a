//! Obligations from the bundled treaties, day-precise.
//!
//! For every treaty in force on a day (proposals never are), state A owes state B an
//! obligation of a kind when A is one of the obligation's obligors that day (`owed-by`:
//! the parties, or the named states that are parties; less `owed-by-except`), B one of its
//! beneficiaries (`owed-to`: the parties, the named states existing that day, or every
//! American State existing that day for the Rio Treaty), A is not B, the obligation applies
//! that day (its own interval) and no `[[suspension]]` removes the leg A → B. Two parties with
//! no obligation to each other still share the treaty (an allied dyad with flags 0).
//!
//! Conditions, scopes and named adversaries do not remove a leg: like ATOP's flags, a leg says
//! the obligation exists, not that a given attack triggers it (`casus check` decides that).
//! A non-binding assurance is not one of ATOP's kinds and makes no flag.

use std::collections::{BTreeMap, BTreeSet};

use casus_core::model::{Beneficiaries, Obligors, Registry, StateId, Strength, Treaty};
use casus_core::Dataset;
use jiff::civil::Date;

use crate::frame::{codes_of, Span};
use crate::obligations::{push_leg, Leg, Obligations, Provenance};
use crate::rows::{Kind, SourceKind, System};

impl Obligations {
    /// The directed legs of the bundled treaties in `system`'s codes. `data_hash` is the data
    /// directory's content hash ([`crate::content_hash`]), recorded in the sidecar.
    pub fn bundled(dataset: &Dataset, system: System, data_hash: &str) -> Obligations {
        let reg = dataset.registry();
        let treaties: Vec<&Treaty> =
            dataset.treaties().iter().filter(|t| !t.is_proposal()).collect();
        let names: Vec<String> = treaties.iter().map(|t| t.id().as_str().to_owned()).collect();
        let codes: BTreeMap<StateId, Vec<(u16, Span)>> =
            reg.states().map(|(id, s)| (id, codes_of(s, system))).collect();
        let mut pairs = BTreeMap::new();
        for (inst, t) in treaties.iter().enumerate() {
            treaty_legs(t, inst as u32, reg, &codes, &mut pairs);
        }
        Obligations::new(
            SourceKind::Bundled,
            system,
            names,
            pairs,
            None,
            Provenance {
                path: None,
                sha256: data_hash.to_owned(),
                records: treaties.len(),
                dropped_codes: Vec::new(),
            },
        )
    }
}

/// The days on which anything about the treaty's legs can change, sorted.
fn boundaries(t: &Treaty, reg: &Registry, named: &BTreeSet<StateId>, american: bool) -> Vec<Date> {
    let mut b: Vec<Date> = t.statuses().iter().map(|s| s.date()).collect();
    let mut add = |i: casus_core::model::Interval| {
        b.push(i.from());
        b.extend(i.until());
    };
    for m in t.parties() {
        m.segments().iter().for_each(|(_, i)| add(*i));
    }
    for o in t.obligations() {
        o.interval().into_iter().for_each(&mut add);
    }
    for s in t.suspensions() {
        add(s.interval());
    }
    for (id, s) in reg.states() {
        if named.contains(&id) || (american && s.is_american()) {
            s.exists().iter().for_each(|i| add(*i));
        }
    }
    b.sort();
    b.dedup();
    b
}

fn treaty_legs(
    t: &Treaty,
    inst: u32,
    reg: &Registry,
    codes: &BTreeMap<StateId, Vec<(u16, Span)>>,
    pairs: &mut BTreeMap<(u16, u16), Vec<Leg>>,
) {
    let mut named: BTreeSet<StateId> = BTreeSet::new();
    let mut american = false;
    for o in t.obligations() {
        match o.owed_to() {
            Beneficiaries::States(s) => named.extend(s.iter().copied()),
            Beneficiaries::AmericanStates => american = true,
            Beneficiaries::Parties => {}
        }
    }
    let bounds = boundaries(t, reg, &named, american);
    // Each piece [bounds[i], bounds[i+1]) is constant: evaluate it on its first day.
    for (i, &day) in bounds.iter().enumerate() {
        if !t.in_force_on(day) {
            continue;
        }
        let last = match bounds.get(i + 1) {
            Some(next) => next.yesterday().unwrap_or(day),
            None => Date::MAX,
        };
        let piece = Span { first: day, last };
        let parties = t.parties_on(day);
        // (A, B) -> (flags, strongest duty to assist)
        let mut owed: BTreeMap<(StateId, StateId), (u8, Option<Strength>)> = BTreeMap::new();
        for a in &parties {
            for b in parties.iter().filter(|b| *b != a) {
                owed.insert((*a, *b), (0, None));
            }
        }
        for o in t.obligations() {
            let Some(kind) = Kind::of(o.kind()) else { continue };
            if o.interval().is_some_and(|i| !i.contains(day)) {
                continue;
            }
            let obligors: Vec<StateId> = match o.owed_by() {
                Obligors::Parties => parties.clone(),
                Obligors::States(s) => parties.iter().copied().filter(|p| s.contains(p)).collect(),
            };
            let beneficiaries: Vec<StateId> = match o.owed_to() {
                Beneficiaries::Parties => parties.clone(),
                Beneficiaries::States(s) => s
                    .iter()
                    .copied()
                    .filter(|id| reg.get(*id).is_some_and(|st| st.exists_on(day)))
                    .collect(),
                Beneficiaries::AmericanStates => reg
                    .states()
                    .filter(|(_, s)| s.is_american() && s.exists_on(day))
                    .map(|(id, _)| id)
                    .collect(),
            };
            for a in obligors.iter().filter(|a| !o.owed_by_except().contains(a)) {
                for b in beneficiaries.iter().filter(|b| *b != a) {
                    let suspended = t.suspensions().iter().any(|s| {
                        s.interval().contains(day)
                            && s.owed_by().contains(a)
                            && s.owed_to().contains(b)
                    });
                    if suspended {
                        continue;
                    }
                    let e = owed.entry((*a, *b)).or_insert((0, None));
                    e.0 |= kind.bit();
                    if o.kind().is_assistance() {
                        e.1 = Some(e.1.map_or(o.strength(), |s| s.min(o.strength())));
                    }
                }
            }
        }
        for ((a, b), (flags, strength)) in owed {
            let (Some(ca), Some(cb)) = (codes.get(&a), codes.get(&b)) else {
                continue;
            };
            for (code_a, span_a) in ca {
                for (code_b, span_b) in cb.iter().filter(|(c, _)| c != code_a) {
                    let span = piece.intersect(*span_a).and_then(|s| s.intersect(*span_b));
                    if let Some(span) = span {
                        let leg = Leg { span, inst, flags, obvary: false, strength };
                        push_leg(pairs, *code_a, *code_b, leg);
                    }
                }
            }
        }
    }
}
