//! Checks on state codes and memberships.
//!
//! ## What it checks
//! - `unknown-party`: a party code no state answers to, or a COW abbreviation where treaty
//!   files use ISO 3166-1 alpha-3 (`FRN` → `FRA`).
//! - `party-not-in-existence`: the code is known, but no state held it on the date it joined.
//! - `membership-overlap`: the same state listed twice over overlapping dates.
//! - `dates-out-of-order`: a membership that leaves before it joins.
//!
//! ## Why it matters
//! Membership on the day of the attack decides who is bound: a wrong code or date silently
//! drops or adds an ally.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::lower::Cx;
use crate::diag::{Code, Diagnostic};
use crate::model::{Interval, Membership, StateId};
use crate::raw::Sp;

impl Cx<'_> {
    /// Every state a code names over time, or a diagnostic. Treaty files must use primary
    /// codes (ISO alpha-3 or a registry `codes` entry).
    pub(super) fn states_of(&mut self, code: &Sp<String>, what: &str) -> Option<BTreeSet<StateId>> {
        let reg = self.registry;
        if reg.is_primary(&code.value) {
            return Some(reg.holders(&code.value).iter().copied().collect());
        }
        let loc = self.loc(code.span.clone());
        if reg.is_known(&code.value) {
            // A COW abbreviation or casus id: name the primary code to use instead.
            let holder = reg.holders(&code.value).first().and_then(|id| reg.get(*id));
            let help = holder.map(|s| {
                format!("`{}` is the COW abbreviation of {}; treaty files use ISO 3166-1 alpha-3: did you mean `{}`?", code.value, s.name(), s.code())
            });
            self.diags.push(
                Diagnostic::error(Code::UnknownParty, format!("unknown {what} `{}`", code.value))
                    .at(loc)
                    .maybe_help(help),
            );
            return None;
        }
        let help =
            crate::diag::did_you_mean(&code.value, reg.states().filter_map(|(_, s)| s.iso3()))
                .map(|s| format!("did you mean `{s}`?"));
        self.diags.push(
            Diagnostic::error(Code::UnknownParty, format!("unknown {what} `{}`", code.value))
                .at(loc)
                .maybe_help(help),
        );
        None
    }

    /// Resolves a membership into segments: who held the code while it applied.
    pub(super) fn membership(
        &mut self,
        code: &Sp<String>,
        joined: &Sp<Date>,
        left: Option<&Sp<Date>>,
        role: Option<String>,
        sourcing: crate::model::Sourcing,
        span: std::ops::Range<usize>,
    ) -> Option<Membership> {
        let holders = self.states_of(code, "party")?;
        if let Some(l) = left {
            if l.value <= joined.value {
                self.diags.push(
                    Diagnostic::error(
                        Code::DatesOutOfOrder,
                        format!(
                            "party `{}` leaves on {} but joins on {}",
                            code.value, l.value, joined.value
                        ),
                    )
                    .at(self.loc(l.span.clone()))
                    .related(self.loc(joined.span.clone()), "joined here"),
                );
                return None;
            }
        }
        let interval = Interval::new(joined.value, left.map(|l| l.value));
        if let Err(e) = self.registry.resolve(&code.value, joined.value) {
            let help = match &e {
                crate::model::ResolveError::NotOnDate { holders, .. } => holders.clone(),
                crate::model::ResolveError::Unknown { suggestion, .. } => suggestion.clone(),
            };
            self.diags.push(
                Diagnostic::error(
                    Code::PartyNotInExistence,
                    format!(
                        "party `{}` does not exist on {}, the day it joins",
                        code.value, joined.value
                    ),
                )
                .at(self.loc(code.span.clone()))
                .maybe_help(help.map(|h| format!("states answering to `{}`: {h}", code.value))),
            );
            return None;
        }
        let mut segments = Vec::new();
        for id in holders {
            let Some(state) = self.registry.get(id) else { continue };
            for e in state.exists() {
                let from = e.from().max(interval.from());
                let until = match (e.until(), interval.until()) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                if until.is_none_or(|u| from < u) {
                    segments.push((id, Interval::new(from, until)));
                }
            }
        }
        segments.sort_by_key(|(_, i)| *i);
        Some(Membership {
            code: code.value.clone(),
            interval,
            role,
            segments,
            sourcing,
            loc: self.loc(span),
        })
    }

    /// Reports memberships of the same state that overlap.
    pub(super) fn check_overlaps(&mut self, members: &[Membership]) {
        for (i, a) in members.iter().enumerate() {
            for b in members.iter().skip(i + 1) {
                let clash = a.segments.iter().find_map(|(sa, ia)| {
                    b.segments.iter().find(|(sb, ib)| sa == sb && ia.overlaps(ib)).map(|_| *sa)
                });
                if let Some(s) = clash {
                    self.diags.push(
                        Diagnostic::error(
                            Code::MembershipOverlap,
                            format!(
                                "`{}` is a party twice over overlapping dates ({} and {})",
                                self.registry.code(s),
                                a.interval,
                                b.interval
                            ),
                        )
                        .at(b.loc.clone())
                        .related(a.loc.clone(), "the other membership")
                        .help("a party that leaves and returns needs `left` on the first entry"),
                    );
                }
            }
        }
    }
}
