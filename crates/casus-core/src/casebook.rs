//! The casebook runner: reads `cases.toml` (casebook/README.md in the repository) and checks each
//! case's expected outcome against the evaluator's decision.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jiff::civil::Date;

use crate::diag::Diagnostics;
use crate::eval::{evaluate, Decision, EventBuilder, Text};
use crate::model::{Dataset, PlaceFacts, StateId, Strength, Target};
use crate::raw::reader::{parse_document, TableReader};
use crate::source::SourceFile;

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

/// An expected triggered treaty.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectTriggered {
    /// Treaty id.
    pub treaty: String,
    /// Article (informative).
    pub article: Option<String>,
    /// Codes and tokens.
    pub obligated: Vec<String>,
    /// Strength.
    pub strength: Option<String>,
}

/// An expected non-trigger.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectNotTriggered {
    /// Treaty id.
    pub treaty: String,
    /// Why (informative).
    pub why: Option<String>,
}

/// One case.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Date of the attack.
    pub date: Date,
    /// Aggressor code or `NSA:<name>`.
    pub aggressor: String,
    /// Victim code.
    pub victim: String,
    /// Latitude, longitude and label.
    pub place: Option<(f64, f64, Option<String>)>,
    /// Target.
    pub target: Target,
    /// Proposals assumed in force, `id` or `id:variant`.
    pub assume_in_force: Vec<String>,
    /// Expected triggered treaties.
    pub expect_triggered: Vec<ExpectTriggered>,
    /// Expected non-triggers.
    pub expect_not_triggered: Vec<ExpectNotTriggered>,
    /// Confidence.
    pub confidence: Confidence,
}

/// A parsed casebook.
#[derive(Debug, Clone, Default)]
pub struct Casebook {
    /// Tokens: name to treaty id.
    pub tokens: BTreeMap<String, String>,
    /// Cases in file order.
    pub cases: Vec<Case>,
}

/// Reads a casebook. Problems become diagnostics; broken cases are skipped.
pub fn read_casebook(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Casebook {
    let doc = parse_document(file, diags);
    let top =
        TableReader::new(file, doc.get_ref(), doc.span(), "casebook", &["tokens", "case"], diags);
    let mut book = Casebook::default();
    for (tbl, span) in top.tables("tokens", diags) {
        for (key, value) in tbl.iter() {
            if let toml::de::DeValue::Table(t) = value.get_ref() {
                let r = TableReader::new(file, t, span.clone(), "token", &["parties_of"], diags);
                if let Some(p) = r.req_str("parties_of", diags) {
                    book.tokens.insert(key.get_ref().to_string(), p.value);
                }
            }
        }
    }
    for (tbl, span) in top.tables("case", diags) {
        let r = TableReader::new(
            file,
            tbl,
            span.clone(),
            "case",
            &[
                "id",
                "title",
                "date",
                "aggressor",
                "victim",
                "place",
                "target",
                "assume_in_force",
                "expect_triggered",
                "expect_not_triggered",
                "expect_obligated",
                "historical_outcome",
                "confidence",
                "sources",
            ],
            diags,
        );
        let place = r.tables("place", diags).into_iter().next().and_then(|(t, s)| {
            let pr = TableReader::new(file, t, s, "place", &["lat", "lon", "label"], diags);
            Some((
                pr.number("lat", diags)?.value,
                pr.number("lon", diags)?.value,
                pr.str("label", diags).map(|l| l.value),
            ))
        });
        let mut expect_triggered = Vec::new();
        for (t, s) in r.tables("expect_triggered", diags) {
            let er = TableReader::new(
                file,
                t,
                s,
                "expectation",
                &["treaty", "article", "obligated", "strength"],
                diags,
            );
            if let Some(treaty) = er.req_str("treaty", diags) {
                expect_triggered.push(ExpectTriggered {
                    treaty: treaty.value,
                    article: er.str("article", diags).map(|a| a.value),
                    obligated: er
                        .str_list("obligated", diags)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|x| x.value)
                        .collect(),
                    strength: er.str("strength", diags).map(|x| x.value),
                });
            }
        }
        let mut expect_not_triggered = Vec::new();
        for (t, s) in r.tables("expect_not_triggered", diags) {
            let er = TableReader::new(file, t, s, "expectation", &["treaty", "why"], diags);
            if let Some(treaty) = er.req_str("treaty", diags) {
                expect_not_triggered.push(ExpectNotTriggered {
                    treaty: treaty.value,
                    why: er.str("why", diags).map(|w| w.value),
                });
            }
        }
        let confidence = match r.str("confidence", diags).map(|c| c.value).as_deref() {
            Some("settled") => Confidence::Settled,
            Some("contested") => Confidence::Contested,
            _ => Confidence::Mainstream,
        };
        let (Some(id), Some(date), Some(aggressor), Some(victim)) = (
            r.req_str("id", diags),
            r.req_date("date", diags),
            r.req_str("aggressor", diags),
            r.req_str("victim", diags),
        ) else {
            continue;
        };
        book.cases.push(Case {
            id: id.value,
            title: r.str("title", diags).map(|t| t.value).unwrap_or_default(),
            date: date.value,
            aggressor: aggressor.value,
            victim: victim.value,
            place,
            target: r
                .str("target", diags)
                .and_then(|t| Target::parse(&t.value))
                .unwrap_or(Target::Territory),
            assume_in_force: r
                .str_list("assume_in_force", diags)
                .unwrap_or_default()
                .into_iter()
                .map(|x| x.value)
                .collect(),
            expect_triggered,
            expect_not_triggered,
            confidence,
        });
    }
    book
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

/// Classifies a point into place facts (the geography crate provides one).
pub type Classifier<'a> = &'a dyn Fn(f64, f64) -> Option<PlaceFacts>;

fn expand(
    ds: &Dataset,
    book: &Casebook,
    name: &str,
    date: Date,
    exclude: &[StateId],
) -> Result<BTreeSet<StateId>, String> {
    if let Some(treaty) = book.tokens.get(name) {
        let t = ds.treaty(treaty).ok_or_else(|| {
            format!("token `{name}` names treaty `{treaty}`, which is not in the data")
        })?;
        return Ok(t.parties_on(date).into_iter().filter(|s| !exclude.contains(s)).collect());
    }
    ds.registry().resolve(name, date).map(|s| BTreeSet::from([s])).map_err(|e| e.to_string())
}

/// Runs one case.
pub fn run_case(
    ds: &Dataset,
    book: &Casebook,
    case: &Case,
    classify: Option<Classifier<'_>>,
) -> (CaseResult, Option<Decision>) {
    let mut failures = Vec::new();
    let mut b = EventBuilder::new(&case.aggressor, &case.victim, case.date);
    b.target(case.target);
    if let Some((lat, lon, label)) = &case.place {
        b.point(*lat, *lon, classify.and_then(|c| c(*lat, *lon)));
        if let Some(l) = label {
            b.place_label(l);
        }
    }
    for a in &case.assume_in_force {
        let (t, v) = a.split_once(':').map_or((a.as_str(), None), |(t, v)| (t, Some(v)));
        b.assume_in_force(t, v);
    }
    let result = |failures: Vec<String>, readings| CaseResult {
        id: case.id.clone(),
        confidence: case.confidence,
        passed: failures.is_empty(),
        failures,
        readings,
    };
    let event = match b.build(ds) {
        Ok(e) => e,
        Err(e) => return (result(vec![format!("event: {e}")], Vec::new()), None),
    };
    let d = evaluate(ds, &event);
    let mut exclude = vec![event.victim()];
    if let crate::eval::Aggressor::State(a) = event.aggressor() {
        exclude.push(*a);
    }
    let mut readings = Vec::new();
    for e in &case.expect_triggered {
        if ds.treaty(&e.treaty).is_none() {
            failures.push(format!("`{}`: treaty not in the data", e.treaty));
            continue;
        }
        let Some(f) = d.triggered().iter().find(|f| *f.treaty == *e.treaty) else {
            let why = d
                .not_triggered()
                .iter()
                .chain(d.indeterminate())
                .find(|f| *f.treaty == *e.treaty)
                .map(|f| {
                    f.reasons
                        .iter()
                        .chain(f.obligations.iter().flat_map(|o| o.reasons.iter()))
                        .filter(|r| {
                            !matches!(
                                r.code,
                                "in-force"
                                    | "victim-covered"
                                    | "attacker-covered"
                                    | "place-in-scope"
                                    | "condition-met"
                            )
                        })
                        .map(|r| r.text.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default();
            failures.push(format!("`{}`: expected triggered, it is not ({why})", e.treaty));
            continue;
        };
        let mut want = BTreeSet::new();
        for name in &e.obligated {
            match expand(ds, book, name, case.date, &exclude) {
                Ok(s) => want.extend(s),
                Err(err) => failures.push(format!("`{}`: {err}", e.treaty)),
            }
        }
        let got: BTreeSet<StateId> = f.obligated().into_iter().filter_map(|s| s.id()).collect();
        if got != want {
            let reg = ds.registry();
            let missing: Vec<&str> = want.difference(&got).map(|s| reg.code(*s)).collect();
            let extra: Vec<&str> = got.difference(&want).map(|s| reg.code(*s)).collect();
            failures.push(format!(
                "`{}`: obligated states differ (missing: [{}], unexpected: [{}])",
                e.treaty,
                missing.join(", "),
                extra.join(", ")
            ));
        }
        if let Some(s) = &e.strength {
            match Strength::parse(s) {
                Some(want) => {
                    let got: BTreeSet<Strength> =
                        f.obligations.iter().map(|o| o.strength).collect();
                    if got != BTreeSet::from([want]) {
                        let got: Vec<&str> = got.iter().map(|s| s.as_str()).collect();
                        failures.push(format!(
                            "`{}`: strength {} expected, got {}",
                            e.treaty,
                            want,
                            got.join(", ")
                        ));
                    }
                }
                None => {
                    failures.push(format!("`{}`: unknown strength `{s}` in the case", e.treaty))
                }
            }
        }
        readings.extend(
            f.obligations
                .iter()
                .flat_map(|o| o.caveats.iter().map(|c| format!("{}: {c}", e.treaty))),
        );
    }
    for e in &case.expect_not_triggered {
        if ds.treaty(&e.treaty).is_none() {
            failures.push(format!("`{}`: treaty not in the data", e.treaty));
            continue;
        }
        if let Some(f) = d.triggered().iter().find(|f| *f.treaty == *e.treaty) {
            let who: Vec<&str> = f.obligated().iter().map(|s| &*s.code).collect();
            failures.push(format!(
                "`{}`: expected not triggered, but it binds {}",
                e.treaty,
                who.join(", ")
            ));
        } else if let Some(f) = d.indeterminate().iter().find(|f| *f.treaty == *e.treaty) {
            let missing: Vec<String> =
                f.obligations.iter().flat_map(|o| o.missing.iter().map(Text::to_string)).collect();
            failures.push(format!(
                "`{}`: expected not triggered, but undecided ({})",
                e.treaty,
                missing.join("; ")
            ));
        }
    }
    // The competing readings the decision gives for every treaty the case names.
    let named: BTreeSet<&str> = case
        .expect_triggered
        .iter()
        .map(|e| e.treaty.as_str())
        .chain(case.expect_not_triggered.iter().map(|e| e.treaty.as_str()))
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
    (result(failures, readings), Some(d))
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
