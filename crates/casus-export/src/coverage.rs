//! What the data covers, and what it misses against ATOP: the figures `casus coverage` prints
//! and the dyads sidecar carries, so that a dataset says what it is missing.

use std::collections::{BTreeMap, BTreeSet};

use casus_core::model::{Dataset, ObligationKind, StatusKind, Treaty};
use jiff::civil::Date;
use serde::Serialize;

use crate::obligations::Obligations;
use crate::rows::Kind;

/// Eras of conclusion: `[from, until)` years and a label.
pub const ERAS: &[(i16, i16, &str)] = &[
    (i16::MIN, 1815, "before 1815"),
    (1815, 1914, "1815-1913"),
    (1914, 1945, "1914-1944"),
    (1945, 1991, "1945-1990 (Cold War)"),
    (1991, i16::MAX, "since 1991"),
];

/// The figures of the data on its own.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// The day "in force" refers to.
    pub date: Date,
    /// Instruments in the data (proposals included).
    pub treaties: usize,
    /// Instruments by era of conclusion (the first status: signature or entry into force);
    /// only instruments that entered into force at some time.
    pub by_era: BTreeMap<&'static str, Vec<String>>,
    /// Instruments that never entered into force (signed only, proposals), by id.
    pub never_in_force: Vec<String>,
    /// Instruments by continent of the parties (one per continent it touches).
    pub by_continent: BTreeMap<String, BTreeSet<String>>,
    /// Parties whose continent is unknown (no home region and no continent in the registry).
    pub continent_unknown: BTreeSet<String>,
    /// In force on `date`.
    pub in_force: Vec<String>,
    /// Party and status facts marked uncertain.
    pub uncertain_facts: usize,
    /// States existing on `date` with no defence commitment in force.
    pub without_defence: Vec<String>,
    /// Of those, the states with a consultation or other commitment in force (no defence).
    pub with_other_commitment_only: Vec<String>,
    /// Of those with none at all, the states documented as having none in the sources
    /// (`no-commitments.toml`), with what the sources say.
    pub none_in_sources: BTreeMap<String, String>,
    /// The states with no commitment in the data and none documented: not yet searched.
    pub not_yet_searched: Vec<String>,
    /// Treaty ids carrying an ATOP id, by ATOP id.
    pub atop_ids: BTreeMap<u32, Vec<String>>,
}

/// The data against ATOP's member file on one day (ATOP's last, or the date if earlier).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AtopComparison {
    /// The day compared.
    pub day: Date,
    /// ATOP's defence pacts in force on `day` (by ATOP id).
    pub atop_defence_pacts: Vec<u32>,
    /// Of those, the ones a treaty file carries.
    pub curated: Vec<u32>,
    /// Of those, the ones no treaty file carries.
    pub missing: Vec<u32>,
    /// States ATOP gives a defence commitment on `day` that the data does not (COW codes
    /// mapped to display codes).
    pub states_atop_only: Vec<String>,
    /// States the data gives a defence commitment on `day` that ATOP does not.
    pub states_casus_only: Vec<String>,
}

/// The era label of a year.
fn era(year: i16) -> &'static str {
    ERAS.iter().find(|(a, b, _)| (*a..*b).contains(&year)).map_or("?", |(_, _, n)| *n)
}

/// Was the treaty in force on any day?
fn ever_in_force(t: &Treaty) -> bool {
    t.statuses().iter().any(|s| s.status() == StatusKind::InForce)
}

impl Coverage {
    /// The figures of `ds` on `date`.
    pub fn of(ds: &Dataset, date: Date) -> Coverage {
        let reg = ds.registry();
        let mut c = Coverage {
            date,
            treaties: ds.treaties().len(),
            by_era: BTreeMap::new(),
            never_in_force: Vec::new(),
            by_continent: BTreeMap::new(),
            continent_unknown: BTreeSet::new(),
            in_force: Vec::new(),
            uncertain_facts: 0,
            without_defence: Vec::new(),
            with_other_commitment_only: Vec::new(),
            none_in_sources: BTreeMap::new(),
            not_yet_searched: Vec::new(),
            atop_ids: BTreeMap::new(),
        };
        let mut defended: BTreeSet<String> = BTreeSet::new();
        let mut committed: BTreeSet<String> = BTreeSet::new();
        for t in ds.treaties() {
            let id = t.id().as_str().to_owned();
            if let Some(a) = t.atopid() {
                c.atop_ids.entry(a).or_default().push(id.clone());
            }
            match t.statuses().first() {
                Some(first) if ever_in_force(t) => {
                    c.by_era.entry(era(first.date().year())).or_default().push(id.clone());
                }
                _ => c.never_in_force.push(id.clone()),
            }
            c.uncertain_facts +=
                t.parties().iter().filter(|m| m.sourcing().uncertain().is_some()).count()
                    + t.statuses().iter().filter(|s| s.sourcing().uncertain().is_some()).count();
            for m in t.parties() {
                let Some(sid) = m.state_on(m.interval().from()) else { continue };
                let Some(state) = reg.get(sid) else { continue };
                let continent = state
                    .home()
                    .and_then(|h| ds.regions().facts(h))
                    .and_then(|f| f.continent)
                    .and_then(|c| c.first().cloned())
                    .or_else(|| state.continent().map(str::to_owned));
                match continent {
                    Some(k) => {
                        c.by_continent.entry(k).or_default().insert(id.clone());
                    }
                    None => {
                        c.continent_unknown.insert(state.code().to_owned());
                    }
                }
            }
            if t.in_force_on(date) {
                c.in_force.push(id.clone());
                let defence = t.obligations().iter().any(|o| o.kind() == ObligationKind::Defense);
                for p in t.parties_on(date) {
                    let code = reg.code(p).to_owned();
                    if defence {
                        defended.insert(code.clone());
                    }
                    committed.insert(code);
                }
            }
        }
        let documented: BTreeMap<&str, &str> =
            ds.no_commitments().iter().map(|n| (reg.code(n.state), n.why.as_str())).collect();
        for id in reg.on(date) {
            let code = reg.code(id);
            if defended.contains(code) {
                continue;
            }
            c.without_defence.push(code.to_owned());
            if committed.contains(code) {
                c.with_other_commitment_only.push(code.to_owned());
            } else if let Some(why) = documented.get(code) {
                c.none_in_sources.insert(code.to_owned(), (*why).to_owned());
            } else {
                c.not_yet_searched.push(code.to_owned());
            }
        }
        c
    }

    /// Compares with ATOP's obligations (from its member file) and the data's own, both in COW
    /// codes, on ATOP's last day or `self.date` if earlier.
    pub fn compare_with_atop(
        &self,
        ds: &Dataset,
        atop: &Obligations,
        bundled: &Obligations,
    ) -> AtopComparison {
        let day = atop.coverage().map_or(self.date, |(_, last)| last.min(self.date));
        let (pacts, atop_states) = defence_on(atop, day);
        let (_, casus_states) = defence_on(bundled, day);
        let pacts: Vec<u32> = pacts.iter().filter_map(|p| p.parse().ok()).collect();
        let (curated, missing): (Vec<u32>, Vec<u32>) =
            pacts.iter().partition(|p| self.atop_ids.contains_key(p));
        let reg = ds.registry();
        let code = |cow: u16| {
            reg.states()
                .find(|(_, s)| s.cow() == Some(cow) && s.exists_on(day))
                .map_or_else(|| format!("COW {cow}"), |(_, s)| s.code().to_owned())
        };
        AtopComparison {
            day,
            atop_defence_pacts: pacts.clone(),
            curated,
            missing,
            states_atop_only: atop_states.difference(&casus_states).map(|c| code(*c)).collect(),
            states_casus_only: casus_states.difference(&atop_states).map(|c| code(*c)).collect(),
        }
    }
}

/// The instruments with a defence leg on `day` and the states in those legs (either end).
fn defence_on(o: &Obligations, day: Date) -> (BTreeSet<String>, BTreeSet<u16>) {
    let mut insts = BTreeSet::new();
    let mut states = BTreeSet::new();
    for ((a, b), legs) in &o.pairs {
        for l in legs {
            if l.flags & Kind::Defense.bit() != 0 && l.span.first <= day && day <= l.span.last {
                if let Some(n) = o.names.get(l.inst as usize) {
                    insts.insert(n.clone());
                }
                states.insert(*a);
                states.insert(*b);
            }
        }
    }
    (insts, states)
}
