//! Checks on the state registry, and its lowering into a [`Registry`].
//!
//! ## What it checks
//! - `duplicate-id`: two states with one id.
//! - `registry-code-clash`: two states answering to one code on the same days (resolution of a
//!   code on a date must name one state).
//! - `dates-out-of-order`: a period (existence, system membership, G-W code, name) that ends
//!   before it starts.
//! - `invalid-value`: a COW or G-W code out of range; a name period outside the state's
//!   existence; a continent the regions table does not define ([`check_homes`]).
//! - `invalid-value` too: existence beyond the state's COW and G-W periods in a period that
//!   names no source of its own.
//! - `unknown-source`: a state, an existence period or a name citing a `[[source]]` the file does not define.
//! - `unknown-region`: a home region the regions table lacks (once both are read:
//!   [`check_homes`]).
//!
//! ## Why it matters
//! Every treaty party, event and export row is resolved through this table: a code that two
//! states answer to on one day, or a name shown for the wrong years, is wrong everywhere.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diag::{suggestion_or_list, Code, Diagnostic, Diagnostics};
use crate::model::registry::{intern, GwPeriod, NamePeriod, State};
use crate::model::{covered, merged, Interval, Regions, Registry, StateId};
use crate::raw::states::{RawPeriod, RawState, RawStates};
use crate::raw::Sp;
use crate::source::{Loc, SourceFile};

/// Checks the raw registry and builds it. States without an id or a name are left out (their
/// problem is reported).
pub fn check_states(raw: &RawStates, diags: &mut Diagnostics) -> Registry {
    let cx =
        Cx { file: &raw.file, sources: raw.sources.iter().map(|s| s.value.as_str()).collect() };
    let mut reg = Registry::default();
    let mut seen: BTreeMap<String, Loc> = BTreeMap::new();
    let mut code_locs: Vec<(String, bool, StateId, Loc)> = Vec::new();
    for s in &raw.states {
        let (Some(id), Some(name)) = (&s.id, &s.name) else { continue };
        if let Some(prev) = seen.get(&id.value) {
            diags.push(
                Diagnostic::error(Code::DuplicateId, format!("duplicate state id `{}`", id.value))
                    .at(cx.loc(&id.span))
                    .related(prev.clone(), "first defined here"),
            );
            continue;
        }
        seen.insert(id.value.clone(), cx.loc(&id.span));
        let state_id = StateId(reg.states.len() as u16);
        code_locs.extend(codes(&cx, s, id, state_id));
        reg.states.push(cx.state(s, id, name, diags));
    }
    reg.index_codes(&code_locs, diags);
    reg.rank_states();
    reg
}

impl Registry {
    /// Reads and checks `states.toml` (see [`check_states`]).
    pub fn load(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Registry {
        check_states(&crate::raw::read_states(file, diags), diags)
    }
}

/// Every state's home region must be a region of the table, and a continent given instead one
/// of its continents.
pub fn check_homes(raw: &RawStates, regions: &Regions, diags: &mut Diagnostics) {
    let continents = &regions.terms().continents;
    for c in raw.states.iter().filter_map(|s| s.continent.as_ref()) {
        if !continents.contains(&c.value) {
            diags.push(
                Diagnostic::error(Code::InvalidValue, format!("unknown continent `{}`", c.value))
                    .at(Loc::new(&raw.file, c.span.clone()))
                    .help(suggestion_or_list(&c.value, continents.iter().map(String::as_str))),
            );
        }
    }
    for s in &raw.states {
        let Some(home) = &s.home else { continue };
        if !regions.contains(&home.value) {
            diags.push(
                Diagnostic::error(
                    Code::UnknownRegion,
                    format!("unknown home region `{}`", home.value),
                )
                .at(Loc::new(&raw.file, home.span.clone()))
                .help("a home is a region code of regions.toml"),
            );
        }
    }
}

/// The codes a state answers to, with whether each is primary (ISO and listed codes) or a
/// fallback (COW abbreviation, casus id).
fn codes(
    cx: &Cx<'_>,
    s: &RawState,
    id: &Sp<String>,
    state_id: StateId,
) -> Vec<(String, bool, StateId, Loc)> {
    let mut out = Vec::new();
    for c in s.iso3.iter().chain(s.codes.iter()) {
        out.push((c.value.to_ascii_uppercase(), true, state_id, cx.loc(&c.span)));
    }
    // A state with no ISO code and no extra code (Bavaria, Tuscany) is named by its casus id,
    // which is then its primary code: the code it is shown by is the code a treaty file must
    // use.
    let id_is_primary = s.iso3.is_none() && s.codes.is_empty();
    for c in s.cow_abb.iter() {
        out.push((c.value.to_ascii_uppercase(), false, state_id, cx.loc(&c.span)));
    }
    out.push((id.value.to_ascii_uppercase(), id_is_primary, state_id, cx.loc(&id.span)));
    out
}

struct Cx<'a> {
    file: &'a Arc<SourceFile>,
    sources: Vec<&'a str>,
}

impl Cx<'_> {
    fn loc(&self, span: &std::ops::Range<usize>) -> Loc {
        Loc::new(self.file, span.clone())
    }

    fn state(
        &self,
        s: &RawState,
        id: &Sp<String>,
        name: &Sp<String>,
        diags: &mut Diagnostics,
    ) -> State {
        let cow_system = self.intervals(&s.cow_system, diags);
        let gw: Vec<GwPeriod> =
            s.gw.iter()
                .filter_map(|p| {
                    let code = p.code.as_ref().and_then(|c| self.code16(c, "G-W", diags))?;
                    Some(GwPeriod { code, interval: self.interval(p, diags)? })
                })
                .collect();
        let listed =
            merged(cow_system.iter().copied().chain(gw.iter().map(|g| g.interval)).collect());
        let exists = merged(self.existence(s, &listed, diags));
        let names = self.names(s, &exists, diags);
        if let Some(src) = &s.source {
            self.source(src, diags);
        }
        let iso3 = s.iso3.as_ref().map(|c| c.value.clone());
        State {
            code_static: intern(iso3.as_deref().unwrap_or(&id.value)),
            name_static: intern(&name.value),
            id: id.value.clone(),
            name: name.value.clone(),
            names,
            aliases: s.aliases.iter().map(|a| a.value.clone()).collect(),
            iso3,
            iso2: s.iso2.as_ref().map(|c| c.value.clone()),
            codes: s.codes.iter().map(|c| c.value.clone()).collect(),
            cow: s.cow.as_ref().and_then(|c| self.code16(c, "COW", diags)),
            cow_abb: s.cow_abb.as_ref().map(|c| c.value.clone()),
            home: s.home.as_ref().map(|h| h.value.clone()),
            continent: s.continent.as_ref().map(|c| c.value.clone()),
            american: s.american.as_ref().is_some_and(|b| b.value),
            exists,
            cow_system,
            gw,
        }
    }

    /// The periods of `exists`. A state COW or G-W lists exists beyond their periods (`listed`)
    /// only in a period that names its own source (the registry before 1816): the state-level
    /// source is theirs.
    fn existence(
        &self,
        s: &RawState,
        listed: &[Interval],
        diags: &mut Diagnostics,
    ) -> Vec<Interval> {
        let mut out = Vec::with_capacity(s.exists.len());
        for p in &s.exists {
            let Some(interval) = self.interval(p, diags) else { continue };
            match &p.source {
                Some(src) => self.source(src, diags),
                None if !listed.is_empty() && !covered(listed, &interval) => diags.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!(
                            "existence {interval} goes beyond the state's COW and G-W periods without a source"
                        ),
                    )
                    .at(self.loc(&p.span))
                    .help("give the period beyond the lists its own `source`, e.g. `{ from = 1815-01-01, until = 1816-01-01, source = \"vienna-1815\" }`"),
                ),
                None => {}
            }
            out.push(interval);
        }
        out
    }

    /// A state's names by period: each inside its existence, each with a known source.
    fn names(&self, s: &RawState, exists: &[Interval], diags: &mut Diagnostics) -> Vec<NamePeriod> {
        let mut out = Vec::new();
        for p in &s.names {
            let (Some(name), Some(interval)) = (&p.name, self.interval(p, diags)) else { continue };
            if let Some(src) = &p.source {
                self.source(src, diags);
            }
            if !covered(exists, &interval) {
                diags.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("the name `{}` is dated outside the state's existence", name.value),
                    )
                    .at(self.loc(&p.span))
                    .help("a name period lies within one of the state's `exists` periods"),
                );
            }
            out.push(NamePeriod { name: intern(&name.value), interval });
        }
        out
    }

    fn source(&self, src: &Sp<String>, diags: &mut Diagnostics) {
        if !self.sources.contains(&src.value.as_str()) {
            diags.push(super::unknown_source(
                self.loc(&src.span),
                &src.value,
                self.sources.iter().copied(),
            ));
        }
    }

    fn code16(&self, c: &Sp<i64>, what: &str, diags: &mut Diagnostics) -> Option<u16> {
        let code = u16::try_from(c.value).ok();
        if code.is_none() {
            diags.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("{what} code {} is out of range", c.value),
                )
                .at(self.loc(&c.span)),
            );
        }
        code
    }

    fn intervals(&self, periods: &[RawPeriod], diags: &mut Diagnostics) -> Vec<Interval> {
        periods.iter().filter_map(|p| self.interval(p, diags)).collect()
    }

    /// `[from, until)`; `None` (reported) when it ends before it starts.
    fn interval(&self, p: &RawPeriod, diags: &mut Diagnostics) -> Option<Interval> {
        let from = p.from.as_ref()?;
        let until = p.until.as_ref();
        if until.is_some_and(|u| u.value <= from.value) {
            diags.push(
                Diagnostic::error(Code::DatesOutOfOrder, "period ends before it starts")
                    .at(self.loc(&p.span)),
            );
            return None;
        }
        Some(Interval::new(from.value, until.map(|u| u.value)))
    }
}
