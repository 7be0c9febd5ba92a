//! The casebook runner: reads `cases.toml` (casebook/README.md in the repository), checks it
//! against the data, and compares each case's expected outcome with the evaluator's decision.
//!
//! As every input: raw (the file as written, with spans: [`read_casebook`], in `raw::casebook`),
//! checked ([`check_casebook`], in `check::casebook`: every case's event through
//! [`crate::input::check_event`], every treaty, token, state and strength known, ids unique; every
//! problem at once), then run ([`run_case`]), which can only fail on the outcome, never on the
//! input.

use std::collections::BTreeSet;

pub use crate::check::check_casebook;
use crate::eval::{evaluate, Decision, Event, Text};
use crate::model::{Dataset, ReasonCode, StateId, Strength};
pub use crate::raw::casebook::{read_casebook, Case, Casebook, Confidence, ExpectTriggered};

/// A case checked against the data: its event resolved, its expectations in states.
#[derive(Debug, Clone)]
pub struct CheckedCase {
    /// Case id.
    pub id: String,
    /// How settled the expected outcome is: settled, mainstream or contested.
    pub confidence: Confidence,
    /// The attack.
    pub event: Event,
    /// Treaty id, the states expected bound (tokens expanded on the case's date, the victim
    /// and the aggressor left out), the strength expected.
    pub(crate) expect_triggered: Vec<(String, BTreeSet<StateId>, Option<Strength>)>,
    pub(crate) expect_not_triggered: Vec<String>,
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CaseResult {
    /// Case id.
    pub id: String,
    /// How settled the expected outcome is: settled, mainstream or contested.
    pub confidence: Confidence,
    /// Did every expectation hold?
    pub passed: bool,
    /// What did not hold.
    pub failures: Vec<String>,
    /// Competing readings and caveats the decision gives for the case's treaties
    /// (reported for contested cases).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<String>,
}

/// Runs one checked case: its expectations against the decision.
pub fn run_case(ds: &Dataset, case: &CheckedCase) -> (CaseResult, Decision) {
    let d = evaluate(ds, &case.event);
    let mut failures = Vec::new();
    let mut readings = Vec::new();
    for (treaty, want, strength) in &case.expect_triggered {
        match strength.filter(|s| !s.is_assistance()) {
            Some(duty) => failures.extend(expect_duty(ds, &d, treaty, want, duty)),
            None => expect_triggered(ds, &d, treaty, want, *strength, &mut failures, &mut readings),
        }
    }
    for treaty in &case.expect_not_triggered {
        failures.extend(expect_not_triggered(&d, treaty));
    }
    // The competing readings the decision gives for every treaty the case names.
    let named: BTreeSet<&str> = case
        .expect_triggered
        .iter()
        .map(|(t, _, _)| t.as_str())
        .chain(case.expect_not_triggered.iter().map(String::as_str))
        .collect();
    for f in d.triggered().iter().chain(d.not_triggered()).chain(d.indeterminate()) {
        if named.contains(&*f.treaty) {
            for r in &f.contested {
                let side = if r.covered { "covered" } else { "not covered" };
                readings.push(format!(
                    "{}: contested, one reading: {side}: {} ({})",
                    f.treaty, r.text, r.source
                ));
            }
        }
    }
    let result = CaseResult {
        id: case.id.clone(),
        confidence: case.confidence,
        passed: failures.is_empty(),
        failures,
        readings,
    };
    (result, d)
}

/// "Missing: [...], unexpected: [...]" between the states wanted and those got.
fn differ(ds: &Dataset, want: &BTreeSet<StateId>, got: &BTreeSet<StateId>) -> String {
    let reg = ds.registry();
    let missing: Vec<&str> = want.difference(got).map(|s| reg.code(*s)).collect();
    let extra: Vec<&str> = got.difference(want).map(|s| reg.code(*s)).collect();
    format!("missing: [{}], unexpected: [{}]", missing.join(", "), extra.join(", "))
}

/// A duty that is no duty to assist (neutrality, consultation, an assurance) is not a trigger
/// in a decision: it is among the other duties, where the case's strength asks for it; and no
/// duty to assist may arise beside it.
fn expect_duty(
    ds: &Dataset,
    d: &Decision,
    treaty: &str,
    want: &BTreeSet<StateId>,
    strength: Strength,
) -> Vec<String> {
    let duties: Vec<&crate::eval::Duty> = d
        .other_duties()
        .iter()
        .filter(|x| *x.treaty == *treaty && x.finding.strength == strength)
        .collect();
    if duties.is_empty() {
        return vec![format!("`{treaty}`: expected a duty of strength {strength}, none arises")];
    }
    let mut out = Vec::new();
    let got: BTreeSet<StateId> =
        duties.iter().flat_map(|x| x.finding.obligated.iter()).filter_map(|s| s.id()).collect();
    if got != *want {
        out.push(format!(
            "`{treaty}`: states owing {strength} differ ({})",
            differ(ds, want, &got)
        ));
    }
    if d.triggered().iter().any(|f| *f.treaty == *treaty) {
        out.push(format!("`{treaty}`: only {strength} expected, but a duty to assist arises"));
    }
    out
}

/// The treaty is triggered, binding exactly `want`, with `strength` if given; its caveats are
/// kept as readings.
fn expect_triggered(
    ds: &Dataset,
    d: &Decision,
    treaty: &str,
    want: &BTreeSet<StateId>,
    strength: Option<Strength>,
    failures: &mut Vec<String>,
    readings: &mut Vec<String>,
) {
    let Some(f) = d.triggered().iter().find(|f| *f.treaty == *treaty) else {
        let why = d
            .not_triggered()
            .iter()
            .chain(d.indeterminate())
            .find(|f| *f.treaty == *treaty)
            .map(|f| {
                f.reasons
                    .iter()
                    .chain(f.obligations.iter().flat_map(|o| o.reasons.iter()))
                    .filter(|r| {
                        !matches!(
                            r.code,
                            ReasonCode::InForce
                                | ReasonCode::VictimCovered
                                | ReasonCode::AttackerCovered
                                | ReasonCode::PlaceInScope
                                | ReasonCode::ConditionMet
                        )
                    })
                    .map(|r| r.text.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default();
        failures.push(format!("`{treaty}`: expected triggered, it is not ({why})"));
        return;
    };
    let got: BTreeSet<StateId> = f.obligated().into_iter().filter_map(|s| s.id()).collect();
    if got != *want {
        failures.push(format!("`{treaty}`: obligated states differ ({})", differ(ds, want, &got)));
    }
    if let Some(want) = strength {
        let got: BTreeSet<Strength> = f.obligations.iter().map(|o| o.strength).collect();
        if got != BTreeSet::from([want]) {
            let got: Vec<&str> = got.iter().map(|s| s.as_str()).collect();
            failures.push(format!("`{treaty}`: strength {want} expected, got {}", got.join(", ")));
        }
    }
    readings.extend(
        f.obligations.iter().flat_map(|o| o.caveats.iter().map(|c| format!("{treaty}: {c}"))),
    );
}

/// The treaty binds no one, and is not undecided either.
fn expect_not_triggered(d: &Decision, treaty: &str) -> Option<String> {
    if let Some(f) = d.triggered().iter().find(|f| *f.treaty == *treaty) {
        let who: Vec<&str> = f.obligated().iter().map(|s| &*s.code).collect();
        return Some(format!(
            "`{treaty}`: expected not triggered, but it binds {}",
            who.join(", ")
        ));
    }
    let f = d.indeterminate().iter().find(|f| *f.treaty == *treaty)?;
    let missing: Vec<String> =
        f.obligations.iter().flat_map(|o| o.missing.iter().map(Text::to_string)).collect();
    Some(format!("`{treaty}`: expected not triggered, but undecided ({})", missing.join("; ")))
}

/// Counts by confidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Cases passed.
    pub passed: usize,
    /// Cases failed.
    pub failed: usize,
}

/// The summary of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Settled cases.
    pub settled: Tally,
    /// Mainstream cases.
    pub mainstream: Tally,
    /// Contested cases.
    pub contested: Tally,
}

impl Summary {
    /// Adds a result.
    pub fn add(&mut self, r: &CaseResult) {
        let t = match r.confidence {
            Confidence::Settled => &mut self.settled,
            Confidence::Mainstream => &mut self.mainstream,
            Confidence::Contested => &mut self.contested,
        };
        if r.passed {
            t.passed += 1;
        } else {
            t.failed += 1;
        }
    }
    /// Did every settled and mainstream case pass (and contested ones too, if strict)?
    pub fn ok(&self, strict: bool) -> bool {
        self.settled.failed == 0
            && self.mainstream.failed == 0
            && (!strict || self.contested.failed == 0)
    }
}
