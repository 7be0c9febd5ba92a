//! Checks a casebook against the data: every case's event through the one event check
//! (`input::check_event`), every treaty, token, state and strength known, ids unique; every
//! problem at once.

use std::collections::{BTreeMap, BTreeSet};

use crate::casebook::CheckedCase;
use crate::diag::{suggestion, suggestion_or_list, Code, Diagnostic, Diagnostics};
use crate::input::{check_event, echo, Given, PointClassifier};
use crate::model::{Dataset, StateId, Strength};
use crate::raw::casebook::Casebook;

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
