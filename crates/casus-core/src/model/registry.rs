//! The state registry: every state a treaty or an event can name, with day-precise existence
//! and date-aware code resolution.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::interval::Interval;
use crate::diag::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::source::Loc;

/// Index of a state in its registry. Cheap to copy and compare; only meaningful with the
/// registry that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct StateId(pub(crate) u16);

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

/// A name a state bore over a period (the Kingdom of Serbia until 1918, the Soviet Union from
/// 1922 to 1991).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePeriod {
    /// The name, interned.
    pub name: &'static str,
    /// When it was borne.
    pub interval: Interval,
}

/// One state of the registry.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub(crate) id: String,
    pub(crate) name: String,
    /// The display code and name, interned (see `intern`): decisions hold many of them.
    pub(crate) code_static: &'static str,
    pub(crate) name_static: &'static str,
    pub(crate) aliases: Vec<String>,
    pub(crate) iso3: Option<String>,
    pub(crate) iso2: Option<String>,
    pub(crate) codes: Vec<String>,
    pub(crate) cow: Option<u16>,
    pub(crate) cow_abb: Option<String>,
    pub(crate) home: Option<String>,
    /// Where no home region says it (states gone before the regions table begins).
    pub(crate) continent: Option<String>,
    /// Names by period; `name` outside them.
    pub(crate) names: Vec<NamePeriod>,
    pub(crate) american: bool,
    pub(crate) exists: Vec<Interval>,
    pub(crate) cow_system: Vec<Interval>,
    pub(crate) gw: Vec<GwPeriod>,
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
    /// The name the state bore on a day: its name for the period, else [`State::name`].
    pub fn name_on(&self, d: Date) -> &'static str {
        self.names.iter().find(|n| n.interval.contains(d)).map_or(self.name_static, |n| n.name)
    }
    /// Names by period.
    pub fn names(&self) -> &[NamePeriod] {
        &self.names
    }
    /// The continent the registry gives a state with no home region (Bavaria, Tibet).
    pub fn continent(&self) -> Option<&str> {
        self.continent.as_deref()
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
    /// The further codes it answers to (`codes` in states.toml: YEM for the Yemen Arab
    /// Republic).
    pub fn codes(&self) -> &[String] {
        &self.codes
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
pub(crate) fn intern(s: &str) -> &'static str {
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
    pub(crate) states: Vec<State>,
    /// Primary codes (ISO alpha-3, extra codes) and fallback codes (COW abbreviation, id),
    /// upper-cased, each to the states answering to it.
    pub(crate) primary: BTreeMap<String, Vec<StateId>>,
    pub(crate) fallback: BTreeMap<String, Vec<StateId>>,
    /// Each state's place in the output order of states (display code, then name, COW code
    /// and id: the order of `StateRef`), so that sorting ids needs no string comparison.
    pub(crate) rank: Vec<u16>,
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

    /// The name of a state on a day (see [`State::name_on`]).
    pub fn name_on(&self, id: StateId, d: Date) -> &'static str {
        self.get(id).map_or("?", |s| s.name_on(d))
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
        // A state can answer to a code in both indexes (Ukraine's ISO and COW codes are both
        // UKR): named once.
        let mut holders: Vec<StateId> = Vec::new();
        for id in self.primary.get(&c).into_iter().chain(self.fallback.get(&c)).flatten() {
            if !holders.contains(id) {
                holders.push(*id);
            }
        }
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

    pub(crate) fn rank_states(&mut self) {
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

impl Registry {
    /// Indexes every code a state answers to (primary: ISO and listed codes; fallback: COW
    /// abbreviations and ids), reporting two states that answer to one code on the same day.
    // INVARIANT (one holder per code per day): two states answering to the same code never
    // exist on the same day, so resolution is a function of (code, date).
    pub(crate) fn index_codes(
        &mut self,
        code_locs: &[(String, bool, StateId, Loc)],
        diags: &mut Diagnostics,
    ) {
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
