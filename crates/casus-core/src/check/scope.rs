//! Checks on scopes and their clauses.
//!
//! ## What it checks
//! - `unknown-region`: a clause names a region `regions.toml` does not define.
//! - `unknown-area`: a clause names an area `geo/areas.toml` does not define.
//! - `invalid-value`: an unknown continent, sea or target.
//! - `dates-out-of-order`: a clause or scope that ends before it starts.
//!
//! ## Why it matters
//! Scope decides whether an attack on Hawaii or the Canaries is covered: a misspelled region
//! would make a clause never match.

use std::collections::BTreeSet;

use super::lower::Cx;
use crate::diag::{did_you_mean, Code, Diagnostic};
use crate::model::{Clause, Interval, Scope, StateSelector, Target};
use crate::raw::{RawClause, RawScope, Sp, StrOrList};

impl Cx<'_> {
    pub(super) fn interval(
        &mut self,
        from: Option<&Sp<jiff::civil::Date>>,
        until: Option<&Sp<jiff::civil::Date>>,
    ) -> Option<Interval> {
        match (from, until) {
            (None, None) => None,
            (f, u) => {
                let start = f.map_or(jiff::civil::Date::MIN, |f| f.value);
                if let (Some(f), Some(u)) = (f, u) {
                    if u.value <= f.value {
                        self.diags.push(
                            Diagnostic::error(
                                Code::DatesOutOfOrder,
                                format!("`until` ({}) is not after `from` ({})", u.value, f.value),
                            )
                            .at(self.loc(u.span.clone())),
                        );
                    }
                }
                Some(Interval::new(start, u.map(|u| u.value)))
            }
        }
    }

    pub(super) fn targets(&mut self, list: &[Sp<String>]) -> BTreeSet<Target> {
        let mut out = BTreeSet::new();
        for t in list {
            match Target::parse(&t.value) {
                Some(x) => {
                    out.insert(x);
                }
                None => self.invalid("target", t, Target::names()),
            }
        }
        out
    }

    pub(super) fn invalid<'v>(
        &mut self,
        what: &str,
        value: &Sp<String>,
        names: impl Iterator<Item = &'v str>,
    ) {
        let names: Vec<&str> = names.collect();
        let help = did_you_mean(&value.value, names.iter().copied())
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| format!("one of: {}", names.join(", ")));
        self.diags.push(
            Diagnostic::error(Code::InvalidValue, format!("unknown {what} `{}`", value.value))
                .at(self.loc(value.span.clone()))
                .help(help),
        );
    }

    fn selector(&mut self, sel: &Sp<StrOrList>) -> Option<StateSelector> {
        match &sel.value {
            StrOrList::One(s) if s == "victim" => Some(StateSelector::Victim),
            StrOrList::One(s) if s == "party" => Some(StateSelector::Party),
            StrOrList::One(s) => {
                let sp = Sp::new(s.clone(), sel.span.clone());
                self.invalid("state selector", &sp, ["victim", "party"].into_iter());
                None
            }
            StrOrList::Many(codes) => {
                let mut set = BTreeSet::new();
                for c in codes {
                    set.extend(self.states_of(c, "state")?);
                }
                Some(StateSelector::States(set))
            }
        }
    }

    fn vocab_list(&mut self, what: &str, list: &[Sp<String>], vocab: &[String]) -> Vec<String> {
        for v in list {
            if !vocab.contains(&v.value) {
                self.invalid(what, v, vocab.iter().map(String::as_str));
            }
        }
        list.iter().map(|v| v.value.clone()).collect()
    }

    fn regions_list(&mut self, list: &[Sp<String>]) -> Vec<String> {
        for r in list {
            if !self.regions.contains(&r.value) {
                let help = self.regions.suggest(&r.value).map(|s| format!("did you mean `{s}`?"));
                self.diags.push(
                    Diagnostic::error(Code::UnknownRegion, format!("unknown region `{}`", r.value))
                        .at(self.loc(r.span.clone()))
                        .maybe_help(help),
                );
            }
        }
        list.iter().map(|r| r.value.to_ascii_uppercase()).collect()
    }

    fn areas_list(&mut self, list: &[Sp<String>]) -> Vec<String> {
        for a in list {
            let areas = self.regions.areas();
            if areas.get(&a.value).is_none() {
                let help = areas
                    .suggest(&a.value)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "areas are defined in geo/areas.toml".to_owned());
                self.diags.push(
                    Diagnostic::error(Code::UnknownArea, format!("unknown area `{}`", a.value))
                        .at(self.loc(a.span.clone()))
                        .help(help),
                );
            }
        }
        list.iter().map(|a| a.value.clone()).collect()
    }

    fn clause(&mut self, c: &RawClause) -> Clause {
        let terms = self.regions.terms();
        Clause {
            label: c.label.as_ref().map(|l| l.value.clone()),
            targets: c.targets.as_ref().map(|t| self.targets(t)),
            held_by: c.held_by.as_ref().and_then(|s| self.selector(s)),
            administered_by: c.administered_by.as_ref().and_then(|s| self.selector(s)),
            continent: c
                .continent
                .as_ref()
                .map(|l| self.vocab_list("continent", l, &terms.continents)),
            region: c.region.as_ref().map(|l| self.regions_list(l)),
            not_region: c.not_region.as_ref().map(|l| self.regions_list(l)),
            island: c.island.as_ref().map(|b| b.value),
            metropolitan: c.metropolitan.as_ref().map(|b| b.value),
            sea: c.sea.as_ref().map(|l| self.vocab_list("sea", l, &terms.seas)),
            coast: c.coast.as_ref().map(|l| self.vocab_list("sea", l, &terms.seas)),
            area: c.area.as_ref().map(|l| self.areas_list(l)),
            not_area: c.not_area.as_ref().map(|l| self.areas_list(l)),
            north_of: c.north_of.as_ref().map(|n| n.value),
            south_of: c.south_of.as_ref().map(|n| n.value),
            interval: self.interval(c.from.as_ref(), c.until.as_ref()),
        }
    }

    pub(super) fn scope(&mut self, s: &RawScope, article_ids: &[String]) -> Option<Scope> {
        let id = s.id.as_ref()?;
        if let Some(a) = &s.article {
            self.article_ref(a, article_ids);
        }
        let clauses = s.clauses.iter().map(|c| self.clause(c)).collect();
        Some(Scope {
            id: id.value.clone(),
            article: s.article.as_ref().map(|a| a.value.clone()),
            interval: self.interval(s.from.as_ref(), s.until.as_ref()),
            clauses,
            reading: s.reading.as_ref().map(|r| r.value.clone()),
        })
    }
}
