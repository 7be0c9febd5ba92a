//! The state registry: every state a treaty or an event can name, with day-precise existence
//! and date-aware code resolution.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jiff::civil::Date;

use super::interval::Interval;
use crate::diag::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::raw::reader::{parse_document, Sp, TableReader};
use crate::source::{Loc, SourceFile};

/// Index of a state in its registry. Cheap to copy and compare; only meaningful with the
/// registry that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct StateId(u16);

impl StateId {
    /// The position in the registry, for dense per-state tables.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A Gleditsch–Ward code over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GwPeriod {
    /// The G–W code.
    pub code: u16,
    /// When it applies.
    pub interval: Interval,
}

/// One state of the registry.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    id: String,
    name: String,
    /// The display code and name, interned (see `intern`): decisions hold many of them.
    code_static: &'static str,
    name_static: &'static str,
    aliases: Vec<String>,
    iso3: Option<String>,
    iso2: Option<String>,
    codes: Vec<String>,
    cow: Option<u16>,
    cow_abb: Option<String>,
    home: Option<String>,
    american: bool,
    exists: Vec<Interval>,
    cow_system: Vec<Interval>,
    gw: Vec<GwPeriod>,
}

impl State {
    /// The casus id (the COW abbreviation where COW lists the state).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// English name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Other names.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }
    /// ISO 3166-1 alpha-3.
    pub fn iso3(&self) -> Option<&str> {
        self.iso3.as_deref()
    }
    /// ISO 3166-1 alpha-2.
    pub fn iso2(&self) -> Option<&str> {
        self.iso2.as_deref()
    }
    /// Correlates of War ccode.
    pub fn cow(&self) -> Option<u16> {
        self.cow
    }
    /// COW abbreviation.
    pub fn cow_abb(&self) -> Option<&str> {
        self.cow_abb.as_deref()
    }
    /// Region code of the metropolitan territory.
    pub fn home(&self) -> Option<&str> {
        self.home.as_deref()
    }
    /// An American State in the Rio Treaty's sense.
    pub fn is_american(&self) -> bool {
        self.american
    }
    /// Day-precise existence.
    pub fn exists(&self) -> &[Interval] {
        &self.exists
    }
    /// COW system membership.
    pub fn cow_system(&self) -> &[Interval] {
        &self.cow_system
    }
    /// G–W codes over time.
    pub fn gw(&self) -> &[GwPeriod] {
        &self.gw
    }
    /// The G–W code on a day, if any.
    pub fn gw_on(&self, d: Date) -> Option<u16> {
        self.gw.iter().find(|p| p.interval.contains(d)).map(|p| p.code)
    }
    /// Does it exist on `d`?
    pub fn exists_on(&self, d: Date) -> bool {
        self.exists.iter().any(|i| i.contains(d))
    }
    /// The code to show: ISO alpha-3 where there is one, else the casus id.
    pub fn code(&self) -> &str {
        self.code_static
    }
    /// The display code, interned: decisions name states by it without counting references.
    pub fn code_static(&self) -> &'static str {
        self.code_static
    }
    /// The name, interned.
    pub fn name_static(&self) -> &'static str {
        self.name_static
    }
}

/// The one copy of a state's code or name, for the life of the process.
///
/// Why: a decision names dozens of states (NATO's 31 obligors), and shared strings cost two
/// atomic operations each (clone and drop), which came to a third of an evaluation. Interned
/// strings cost nothing to copy. Why it is bounded: only registry codes and names are
/// interned (never event input such as a non-state attacker's name), each distinct string
/// once, so reloading a registry adds nothing.
fn intern(s: &str) -> &'static str {
    static TABLE: std::sync::OnceLock<std::sync::Mutex<BTreeSet<&'static str>>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(Default::default);
    let mut set = table.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = set.get(s) {
        return known;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// Why a code did not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum ResolveError {
    /// No state ever answers to the code.
    #[error("unknown state `{code}`")]
    #[diagnostic(code(unknown_state))]
    Unknown {
        /// The code as given.
        code: String,
        /// A close code, if any.
        #[help]
        suggestion: Option<String>,
    },
    /// States answer to the code, but none existed on the date.
    #[error("no state held `{code}` on {date}")]
    #[diagnostic(code(party_not_in_existence))]
    NotOnDate {
        /// The code as given.
        code: String,
        /// The date asked about.
        date: Date,
        /// When the code's holders existed.
        #[help]
        holders: Option<String>,
    },
}

/// The registry: states and a code index.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    states: Vec<State>,
    /// Primary codes (ISO alpha-3, extra codes) and fallback codes (COW abbreviation, id),
    /// upper-cased, each to the states answering to it.
    primary: BTreeMap<String, Vec<StateId>>,
    fallback: BTreeMap<String, Vec<StateId>>,
    /// Each state's place in the output order of states (display code, then name, COW code
    /// and id: the order of `StateRef`), so that sorting ids needs no string comparison.
    rank: Vec<u16>,
}

impl Registry {
    /// How many states.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Is the registry empty?
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// Every state, in file order.
    pub fn states(&self) -> impl Iterator<Item = (StateId, &State)> {
        self.states.iter().enumerate().map(|(i, s)| (StateId(i as u16), s))
    }

    /// The state behind an id.
    pub fn get(&self, id: StateId) -> Option<&State> {
        self.states.get(usize::from(id.0))
    }

    /// The display code of a state (`?` for a foreign id).
    pub fn code(&self, id: StateId) -> &str {
        self.get(id).map_or("?", State::code)
    }

    /// The display code of a state, interned.
    pub fn code_static(&self, id: StateId) -> &'static str {
        self.get(id).map_or("?", State::code_static)
    }

    /// The name of a state.
    pub fn name(&self, id: StateId) -> &str {
        self.get(id).map_or("?", State::name)
    }

    /// Is the code known at all (on any date)?
    pub fn is_known(&self, code: &str) -> bool {
        let c = code.to_ascii_uppercase();
        self.primary.contains_key(&c) || self.fallback.contains_key(&c)
    }

    /// Every state that ever answers to a code: the primary holders if there are any, else the
    /// fallback ones (COW abbreviation, casus id).
    pub fn holders(&self, code: &str) -> &[StateId] {
        let c = code.trim().to_ascii_uppercase();
        self.primary.get(&c).or_else(|| self.fallback.get(&c)).map_or(&[], Vec::as_slice)
    }

    /// Is the code a primary code (ISO or extra code), as treaty files must use?
    pub fn is_primary(&self, code: &str) -> bool {
        self.primary.contains_key(&code.to_ascii_uppercase())
    }

    /// Does any state, at any time, answer to the code?
    pub fn knows(&self, code: &str) -> bool {
        let c = code.trim().to_ascii_uppercase();
        self.primary.contains_key(&c) || self.fallback.contains_key(&c)
    }

    /// A close code, for "did you mean".
    pub fn suggest(&self, code: &str) -> Option<&str> {
        did_you_mean(&code.trim().to_ascii_uppercase(), self.primary.keys().map(String::as_str))
    }

    /// Resolves the holder of a place (a sovereign or administrator code of the regions
    /// table): like [`Registry::resolve`], but a code that is some state's ISO or listed code
    /// never falls back to a COW abbreviation. `MNG` in 1896 is no state (Mongolia did not
    /// exist yet), not Montenegro, whose COW abbreviation it also is.
    ///
    /// # Errors
    /// As [`Registry::resolve`]; [`ResolveError::NotOnDate`] when the code's ISO holders did
    /// not exist on `date`.
    pub fn resolve_place_holder(&self, code: &str, date: Date) -> Result<StateId, ResolveError> {
        let c = code.trim().to_ascii_uppercase();
        let Some(ids) = self.primary.get(&c) else { return self.resolve(code, date) };
        ids.iter()
            .copied()
            .find(|id| self.get(*id).is_some_and(|s| s.exists_on(date)))
            .ok_or(ResolveError::NotOnDate { code: code.to_owned(), date, holders: None })
    }

    /// Resolves a code on a date: ISO alpha-3 and extra codes first, then COW abbreviations
    /// and casus ids (case-insensitive).
    ///
    /// # Errors
    /// [`ResolveError::Unknown`] if no state answers to the code, [`ResolveError::NotOnDate`]
    /// if none that does existed on `date`.
    pub fn resolve(&self, code: &str, date: Date) -> Result<StateId, ResolveError> {
        let c = code.trim().to_ascii_uppercase();
        for index in [&self.primary, &self.fallback] {
            if let Some(ids) = index.get(&c) {
                if let Some(id) =
                    ids.iter().copied().find(|id| self.get(*id).is_some_and(|s| s.exists_on(date)))
                {
                    return Ok(id);
                }
            }
        }
        let holders: Vec<StateId> = self
            .primary
            .get(&c)
            .into_iter()
            .chain(self.fallback.get(&c))
            .flatten()
            .copied()
            .collect();
        if holders.is_empty() {
            let suggestion = did_you_mean(&c, self.primary.keys().map(String::as_str))
                .map(|s| format!("did you mean `{s}`?"));
            return Err(ResolveError::Unknown { code: code.to_owned(), suggestion });
        }
        let text = holders
            .iter()
            .filter_map(|id| self.get(*id))
            .map(|s| {
                let spans: Vec<String> = s.exists.iter().map(ToString::to_string).collect();
                format!("{} ({}): {}", s.name, s.code(), spans.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ");
        Err(ResolveError::NotOnDate { code: code.to_owned(), date, holders: Some(text) })
    }

    /// States existing on a date, ordered by display code.
    pub fn on(&self, date: Date) -> Vec<StateId> {
        let mut v: Vec<StateId> =
            self.states().filter(|(_, s)| s.exists_on(date)).map(|(i, _)| i).collect();
        v.sort_by(|a, b| self.code(*a).cmp(self.code(*b)));
        v
    }

    /// Finds states by name or alias (case-insensitive substring).
    pub fn search(&self, text: &str) -> Vec<StateId> {
        let t = text.to_lowercase();
        self.states()
            .filter(|(_, s)| {
                s.name.to_lowercase().contains(&t)
                    || s.aliases.iter().any(|a| a.to_lowercase().contains(&t))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Reads `states.toml`. Problems become diagnostics; states with errors are skipped.
    pub fn load(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Registry {
        let doc = parse_document(file, diags);
        let top = TableReader::new(
            file,
            doc.get_ref(),
            doc.span(),
            "state registry",
            &["source", "state"],
            diags,
        );
        let mut reg = Registry::default();
        let mut seen: BTreeMap<String, Loc> = BTreeMap::new();
        let mut code_locs: Vec<(String, bool, StateId, Loc)> = Vec::new();
        for (tbl, span) in top.tables("source", diags) {
            TableReader::new(file, tbl, span, "source", &["id", "citation", "url"], diags);
        }
        for (tbl, span) in top.tables("state", diags) {
            let r = TableReader::new(
                file,
                tbl,
                span.clone(),
                "state",
                &[
                    "id",
                    "name",
                    "aliases",
                    "iso3",
                    "iso2",
                    "codes",
                    "cow",
                    "cow-abb",
                    "home",
                    "american",
                    "exists",
                    "cow-system",
                    "gw",
                    "source",
                    "note",
                ],
                diags,
            );
            let (Some(id), Some(name)) = (r.req_str("id", diags), r.req_str("name", diags)) else {
                continue;
            };
            if let Some(prev) = seen.get(&id.value) {
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        format!("duplicate state id `{}`", id.value),
                    )
                    .at(r.loc(id.span.clone()))
                    .related(prev.clone(), "first defined here"),
                );
                continue;
            }
            seen.insert(id.value.clone(), r.loc(id.span.clone()));
            let state_id = StateId(reg.states.len() as u16);
            reg.states.push(read_state(&r, id, name, state_id, &mut code_locs, diags));
        }
        reg.index_codes(&code_locs, diags);
        reg.rank_states();
        reg
    }

    fn rank_states(&mut self) {
        let mut order: Vec<usize> = (0..self.states.len()).collect();
        order.sort_by(|a, b| {
            let (Some(x), Some(y)) = (self.states.get(*a), self.states.get(*b)) else {
                return a.cmp(b);
            };
            (x.code(), x.name(), x.cow(), a).cmp(&(y.code(), y.name(), y.cow(), b))
        });
        self.rank = vec![0; order.len()];
        for (r, i) in order.into_iter().enumerate() {
            if let Some(slot) = self.rank.get_mut(i) {
                *slot = u16::try_from(r).unwrap_or(u16::MAX);
            }
        }
    }

    /// The state's place in the output order (by display code, then name): sorting ids by
    /// rank sorts them as their `StateRef`s sort.
    pub fn rank(&self, id: StateId) -> u16 {
        self.rank.get(id.index()).copied().unwrap_or(u16::MAX)
    }
}

/// One `[[state]]` (its id and name read), with the codes it answers to added to `code_locs`.
fn read_state(
    r: &TableReader<'_, '_>,
    id: Sp<String>,
    name: Sp<String>,
    state_id: StateId,
    code_locs: &mut Vec<(String, bool, StateId, Loc)>,
    diags: &mut Diagnostics,
) -> State {
    let exists: Vec<Interval> = periods(r, "exists", diags).into_iter().map(|(_, i)| i).collect();
    let cow_system: Vec<Interval> =
        periods(r, "cow-system", diags).into_iter().map(|(_, i)| i).collect();
    let gw: Vec<GwPeriod> = periods(r, "gw", diags)
        .into_iter()
        .filter_map(|(c, i)| c.map(|code| GwPeriod { code, interval: i }))
        .collect();
    let iso3 = r.str("iso3", diags);
    let codes = r.str_list("codes", diags).unwrap_or_default();
    let cow_abb = r.str("cow-abb", diags);
    for c in iso3.iter().chain(codes.iter()) {
        code_locs.push((c.value.to_ascii_uppercase(), true, state_id, r.loc(c.span.clone())));
    }
    // A state with no ISO code and no extra code (Bavaria, Tuscany) is named by its
    // casus id, which is then its primary code: the code it is shown by is the code a
    // treaty file must use.
    let id_is_primary = iso3.is_none() && codes.is_empty();
    for c in cow_abb.iter() {
        code_locs.push((c.value.to_ascii_uppercase(), false, state_id, r.loc(c.span.clone())));
    }
    code_locs.push((
        id.value.to_ascii_uppercase(),
        id_is_primary,
        state_id,
        r.loc(id.span.clone()),
    ));
    let iso3 = iso3.map(|s| s.value);
    State {
        code_static: intern(iso3.as_deref().unwrap_or(&id.value)),
        name_static: intern(&name.value),
        id: id.value,
        name: name.value,
        aliases: r
            .str_list("aliases", diags)
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.value)
            .collect(),
        iso3,
        iso2: r.str("iso2", diags).map(|s| s.value),
        codes: codes.into_iter().map(|s| s.value).collect(),
        cow: r.int("cow", diags).and_then(|c| u16::try_from(c.value).ok()),
        cow_abb: cow_abb.map(|s| s.value),
        home: r.str("home", diags).map(|s| s.value),
        american: r.bool("american", diags).is_some_and(|b| b.value),
        exists,
        cow_system,
        gw,
    }
}

/// A state's periods under `key` (`exists`, `cow-system`, `gw`), each `[from, until)`, with
/// the G-W code for `gw`.
fn periods(
    r: &TableReader<'_, '_>,
    key: &str,
    diags: &mut Diagnostics,
) -> Vec<(Option<u16>, Interval)> {
    let mut out = Vec::new();
    for (t, tspan) in r.tables(key, diags) {
        let allowed: &[&str] =
            if key == "gw" { &["code", "from", "until"] } else { &["from", "until"] };
        let ir = TableReader::new(r.file(), t, tspan.clone(), "period", allowed, diags);
        let code = if key == "gw" {
            ir.int("code", diags).and_then(|c| u16::try_from(c.value).ok())
        } else {
            None
        };
        if let Some(from) = ir.req_date("from", diags) {
            let until = ir.date("until", diags);
            if until.as_ref().is_some_and(|u| u.value <= from.value) {
                diags.push(
                    Diagnostic::error(Code::DatesOutOfOrder, "period ends before it starts")
                        .at(Loc::new(r.file(), tspan)),
                );
                continue;
            }
            out.push((code, Interval::new(from.value, until.map(|u| u.value))));
        }
    }
    out
}

impl Registry {
    /// Indexes every code a state answers to (primary: ISO and listed codes; fallback: COW
    /// abbreviations and ids), reporting two states that answer to one code on the same day.
    // INVARIANT (one holder per code per day): two states answering to the same code never
    // exist on the same day, so resolution is a function of (code, date).
    fn index_codes(&mut self, code_locs: &[(String, bool, StateId, Loc)], diags: &mut Diagnostics) {
        for (code, is_primary, id, loc) in code_locs {
            let index = if *is_primary { &mut self.primary } else { &mut self.fallback };
            let holders = index.entry(code.clone()).or_default();
            if holders.contains(id) {
                continue;
            }
            for other in holders.iter() {
                let (Some(a), Some(b)) =
                    (self.states.get(usize::from(id.0)), self.states.get(usize::from(other.0)))
                else {
                    continue;
                };
                if a.exists.iter().any(|x| b.exists.iter().any(|y| x.overlaps(y))) {
                    diags.push(
                        Diagnostic::error(
                            Code::RegistryCodeClash,
                            format!(
                                "`{}` and `{}` both answer to `{code}` on the same days",
                                a.id, b.id
                            ),
                        )
                        .at(loc.clone()),
                    );
                }
            }
            holders.push(*id);
        }
    }
}
