//! The casebook runner: reads `cases.toml` (casebook/README.md in the repository), checks it
//! against the data, and compares each case's expected outcome with the evaluator's decision.
//!
//! As every input: raw (the file as written, with spans: [`read_casebook`]), checked
//! ([`check_casebook`]: every case's event through [`crate::input::check_event`], every treaty,
//! token, state and strength known, ids unique; every problem at once), then run
//! ([`run_case`]), which can only fail on the outcome, never on the input.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diag::{suggestion, suggestion_or_list, Code, Diagnostic, Diagnostics};
use crate::eval::{evaluate, Decision, Event, Text};
use crate::input::{check_event, echo, Given, PointClassifier, RawEvent};
use crate::model::{Dataset, ReasonCode, StateId, Strength};
use crate::raw::reader::{parse_document, TableReader};
use crate::raw::EVENT_KEYS;
use crate::source::{Loc, SourceFile};

/// How settled the expected outcome is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Settled law.
    Settled,
    /// The mainstream reading.
    Mainstream,
    /// Contested: reported, fails the run only with `--strict`.
    Contested,
}

/// An expected triggered treaty, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectTriggered {
    /// Treaty id.
    pub treaty: Given<String>,
    /// Article (informative).
    pub article: Option<String>,
    /// Codes and tokens.
    pub obligated: Vec<Given<String>>,
    /// Strength.
    pub strength: Option<Given<String>>,
}

/// One case, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Unique id.
    pub id: Given<String>,
    /// Title.
    pub title: String,
    /// The attack.
    pub event: RawEvent,
    /// Expected triggered treaties.
    pub expect_triggered: Vec<ExpectTriggered>,
    /// Treaties expected not to be triggered (the why is informative).
    pub expect_not_triggered: Vec<Given<String>>,
    /// Confidence.
    pub confidence: Confidence,
}

/// A casebook as read.
#[derive(Debug, Clone)]
pub struct Casebook {
    /// Tokens: name to the treaty id whose parties it stands for.
    pub tokens: BTreeMap<String, Given<String>>,
    /// Cases in file order.
    pub cases: Vec<Case>,
    /// The whole file, for problems of the whole (no case at all).
    file: Loc,
}

const CASE_KEYS: [&str; 9] = [
    "id",
    "title",
    "assume_in_force",
    "expect_triggered",
    "expect_not_triggered",
    "expect_obligated",
    "historical_outcome",
    "confidence",
    "sources",
];

/// Reads a casebook as written. Problems of form become diagnostics; what the cases name is
/// checked by [`check_casebook`].
pub fn read_casebook(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Casebook {
    let doc = parse_document(file, diags);
    let top =
        TableReader::new(file, doc.get_ref(), doc.span(), "casebook", &["tokens", "case"], diags);
    let mut book =
        Casebook { tokens: BTreeMap::new(), cases: Vec::new(), file: Loc::new(file, doc.span()) };
    for (tbl, span) in top.tables("tokens", diags) {
        for (key, value) in tbl.iter() {
            if let toml::de::DeValue::Table(t) = value.get_ref() {
                let r = TableReader::new(file, t, span.clone(), "token", &["parties_of"], diags);
                if let Some(p) = r.given_str("parties_of", diags) {
                    book.tokens.insert(key.get_ref().to_string(), p);
                } else if !r.has("parties_of") {
                    r.missing("parties_of", diags);
                }
            }
        }
    }
    let allowed: Vec<&str> = CASE_KEYS.iter().chain(EVENT_KEYS.iter()).copied().collect();
    for (tbl, span) in top.tables("case", diags) {
        let r = TableReader::new(file, tbl, span.clone(), "case", &allowed, diags);
        let mut event = r.event(false, diags);
        event.assume = r.given_list("assume_in_force", diags);
        let mut expect_triggered = Vec::new();
        for (t, s) in r.tables("expect_triggered", diags) {
            let keys = ["treaty", "article", "obligated", "strength"];
            let er = TableReader::new(file, t, s, "expectation", &keys, diags);
            if let Some(treaty) = er.req_str("treaty", diags) {
                expect_triggered.push(ExpectTriggered {
                    treaty: er.given(treaty),
                    article: er.str("article", diags).map(|a| a.value),
                    obligated: er.given_list("obligated", diags),
                    strength: er.given_str("strength", diags),
                });
            }
        }
        let mut expect_not_triggered = Vec::new();
        for (t, s) in r.tables("expect_not_triggered", diags) {
            let er = TableReader::new(file, t, s, "expectation", &["treaty", "why"], diags);
            let _ = er.str("why", diags);
            if let Some(treaty) = er.req_str("treaty", diags) {
                expect_not_triggered.push(er.given(treaty));
            }
        }
        let _ = (r.str("historical_outcome", diags), r.str_list("sources", diags));
        let _ = r.str_list("expect_obligated", diags);
        let confidence = match r.str("confidence", diags) {
            None => Confidence::Mainstream,
            Some(c) => match c.value.as_str() {
                "settled" => Confidence::Settled,
                "mainstream" => Confidence::Mainstream,
                "contested" => Confidence::Contested,
                other => {
                    let names = ["settled", "mainstream", "contested"];
                    diags.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            format!("unknown confidence `{}`", echo(other)),
                        )
                        .help(suggestion_or_list(other, names))
                        .at(r.loc(c.span)),
                    );
                    Confidence::Mainstream
                }
            },
        };
        let Some(id) = r.req_str("id", diags) else { continue };
        book.cases.push(Case {
            id: r.given(id),
            title: r.str("title", diags).map(|t| t.value).unwrap_or_default(),
            event,
            expect_triggered,
            expect_not_triggered,
            confidence,
        });
    }
    book
}

/// A case checked against the data: its event resolved, its expectations in states.
#[derive(Debug, Clone)]
pub struct CheckedCase {
    /// Case id.
    pub id: String,
    /// Confidence.
    pub confidence: Confidence,
    /// The attack.
    pub event: Event,
    /// Treaty id, the states expected bound (tokens expanded on the case's date, the victim
    /// and the aggressor left out), the strength expected.
    expect_triggered: Vec<(String, BTreeSet<StateId>, Option<Strength>)>,
    expect_not_triggered: Vec<String>,
}

/// Checks a casebook against the data: every problem at once.
///
/// # Errors
/// The problems: a case whose event is invalid (an unknown state, a date that is no day), a
/// treaty or a token that names nothing, an unknown strength, two cases with one id, no case.
//
// Long (about 100 lines): a loop over cases checking each expectation in the order a case is
// written (event, tokens, expectations, confidence), collecting every problem at once.
pub fn check_casebook(
    ds: &Dataset,
    book: &Casebook,
    classify: Option<PointClassifier<'_>>,
) -> Result<Vec<CheckedCase>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let unknown_treaty = |t: &Given<String>| {
        Diagnostic::error(Code::UnknownTreaty, format!("unknown treaty `{}`", echo(&t.value)))
            .maybe_help(suggestion(&t.value, ds.treaty_ids()))
            .at_origin(&t.origin)
    };
    for t in book.tokens.values() {
        if ds.treaty(&t.value).is_none() {
            diags.push(unknown_treaty(t));
        }
    }
    if book.cases.is_empty() {
        diags.push(
            Diagnostic::error(Code::MissingKey, "the casebook has no [[case]]")
                .at(book.file.clone()),
        );
    }
    let mut seen: BTreeMap<&str, &Given<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for case in &book.cases {
        if let Some(first) = seen.insert(&case.id.value, &case.id) {
            let mut d = Diagnostic::error(
                Code::DuplicateId,
                format!("two cases have the id `{}`", echo(&case.id.value)),
            )
            .at_origin(&case.id.origin);
            if let crate::input::Origin::Span(loc) = &first.origin {
                d = d.related(loc.clone(), "first used here");
            }
            diags.push(d);
        }
        // The day a case is about is its own: `today` is never used (the date is required).
        let today = jiff::civil::Date::constant(2000, 1, 1);
        let event = match check_event(ds, &case.event, today, classify) {
            Ok(e) => e,
            Err(d) => {
                diags.extend(d);
                continue;
            }
        };
        let mut exclude = vec![event.victim()];
        if let crate::eval::Aggressor::State(a) = event.aggressor() {
            exclude.push(*a);
        }
        let mut expect_triggered = Vec::new();
        for e in &case.expect_triggered {
            if ds.treaty(&e.treaty.value).is_none() {
                diags.push(unknown_treaty(&e.treaty));
                continue;
            }
            let mut want = BTreeSet::new();
            for name in &e.obligated {
                match expand(ds, book, &name.value, event.date(), &exclude) {
                    Ok(states) => want.extend(states),
                    Err(msg) => diags
                        .push(Diagnostic::error(Code::UnknownState, msg).at_origin(&name.origin)),
                }
            }
            let strength = e.strength.as_ref().and_then(|s| {
                let parsed = Strength::parse(&s.value);
                if parsed.is_none() {
                    diags.push(
                        Diagnostic::error(
                            Code::UnknownStrength,
                            format!("unknown strength `{}`", echo(&s.value)),
                        )
                        .help(suggestion_or_list(&s.value, Strength::names()))
                        .at_origin(&s.origin),
                    );
                }
                parsed
            });
            expect_triggered.push((e.treaty.value.clone(), want, strength));
        }
        for t in &case.expect_not_triggered {
            if ds.treaty(&t.value).is_none() {
                diags.push(unknown_treaty(t));
            }
        }
        out.push(CheckedCase {
            id: case.id.value.clone(),
            confidence: case.confidence,
            event,
            expect_triggered,
            expect_not_triggered: case
                .expect_not_triggered
                .iter()
                .map(|t| t.value.clone())
                .collect(),
        });
    }
    if diags.has_errors() {
        Err(diags.sorted())
    } else {
        Ok(out)
    }
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CaseResult {
    /// Case id.
    pub id: String,
    /// Confidence.
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

/// A token's states, or a code's state, on the case's date.
fn expand(
    ds: &Dataset,
    book: &Casebook,
    name: &str,
    date: jiff::civil::Date,
    exclude: &[StateId],
) -> Result<BTreeSet<StateId>, String> {
    if let Some(treaty) = book.tokens.get(name) {
        // An unknown treaty is reported once, at the token.
        let parties = ds.treaty(&treaty.value).map(|t| t.parties_on(date)).unwrap_or_default();
        return Ok(parties.into_iter().filter(|s| !exclude.contains(s)).collect());
    }
    ds.registry().resolve(name, date).map(|s| BTreeSet::from([s])).map_err(|e| {
        let mut msg = e.to_string();
        if let Some(h) = miette::Diagnostic::help(&e) {
            msg.push_str(&format!(" ({h})"));
        }
        msg
    })
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
