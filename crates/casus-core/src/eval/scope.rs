//! Three-valued evaluation of scope clauses against what is known of a place.
//!
//! A scope is decided without words ([`decide`]); the words are written only when the
//! reason is read ([`ScopeText`]), from the same facts.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;

use super::event::Event;
use super::place;
use crate::model::{
    Areas, Clause, Dataset, PlaceFacts, Registry, Scope, StateId, StateSelector, Target, Treaty,
};

/// Yes, no, or not known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tri {
    Yes(String),
    No(String),
    Unknown(String),
}

impl Tri {
    /// "Not" of a key: yes and no swap, unknown stays.
    pub(crate) fn negate(self) -> Tri {
        match self {
            Tri::Yes(w) => Tri::No(w),
            Tri::No(w) => Tri::Yes(w),
            u @ Tri::Unknown(_) => u,
        }
    }
}

/// The holder (sovereign or administering state) of the place, as a clause sees it.
#[derive(Clone)]
struct Holder {
    /// The state, or the code that did not resolve.
    state: Result<StateId, String>,
    /// Is it a party of the treaty on the date?
    party: bool,
}

/// What a clause is tested against: the event's place, seen from one treaty. Owned (shared
/// pointers and copies), so that a reason can keep it and explain itself later.
#[derive(Clone)]
pub(crate) struct PlaceEnv {
    registry: Arc<Registry>,
    areas: Arc<Areas>,
    facts: Arc<PlaceFacts>,
    date: Date,
    target: Target,
    victim: StateId,
    sovereign: Option<Holder>,
    administrator: Option<Holder>,
}

impl PlaceEnv {
    fn new(ds: &Dataset, treaty: &Treaty, ev: &Event) -> Self {
        let holder = |h: &Option<Result<StateId, String>>| {
            h.as_ref().map(|r| Holder {
                state: r.clone(),
                party: r.as_ref().is_ok_and(|id| treaty.is_party_on(*id, ev.date)),
            })
        };
        Self {
            registry: Arc::clone(&ds.registry),
            areas: Arc::clone(ds.regions.areas()),
            facts: Arc::clone(&ev.place_facts),
            date: ev.date,
            target: ev.target,
            victim: ev.victim,
            sovereign: holder(&ev.place_sovereign),
            administrator: holder(&ev.place_administrator),
        }
    }
}

/// The sentence of a scope finding, written when read.
#[derive(Clone)]
pub(crate) struct ScopeText {
    env: PlaceEnv,
    scopes: Arc<[Scope]>,
    ids: Arc<[usize]>,
    prefix: &'static str,
}

impl ScopeText {
    /// The same words without the prefix given to [`decide`].
    pub(crate) fn without_prefix(mut self) -> Self {
        self.prefix = "";
        self
    }

    pub(crate) fn render(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (Tri::Yes(w) | Tri::No(w) | Tri::Unknown(w)) =
            explain(&self.env, &self.scopes, &self.ids);
        f.write_str(self.prefix)?;
        f.write_str(&w)
    }
}

/// Where the place stands, and the words for it (to be written when read).
pub(crate) struct ScopeVerdict {
    pub(crate) verdict: Verdict,
    pub(crate) text: ScopeText,
}

/// A scope decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Yes,
    No,
    Unknown,
}

fn state_matches(
    explain: bool,
    env: &PlaceEnv,
    place_state: Option<&Holder>,
    sel: &StateSelector,
    what: &str,
) -> Tri {
    let Some(resolved) = place_state else {
        if env.facts.at_sea {
            return Tri::No(say!(explain, "the place is at sea, not land territory"));
        }
        return Tri::Unknown(say!(explain, "{what} of the place is not known"));
    };
    let holder: Option<StateId> = resolved.state.as_ref().ok().copied();
    let ok = match (sel, holder) {
        (StateSelector::Victim, Some(h)) => h == env.victim,
        (StateSelector::Party, Some(_)) => resolved.party,
        (StateSelector::States(set), Some(h)) => set.contains(&h),
        (_, None) => false,
    };
    if !explain {
        return if ok { Tri::Yes(String::new()) } else { Tri::No(String::new()) };
    }
    let name = match &resolved.state {
        Ok(h) => env.registry.code(*h),
        Err(code) => code.as_str(),
    };
    let want = match sel {
        StateSelector::Victim => "the victim".to_owned(),
        StateSelector::Party => "a party".to_owned(),
        StateSelector::States(set) => {
            set.iter().map(|s| env.registry.code(*s)).collect::<Vec<_>>().join(" or ")
        }
    };
    if ok {
        Tri::Yes(say!(explain, "{what} {name} is {want}"))
    } else {
        Tri::No(say!(explain, "{what} is {name}, not {want}"))
    }
}

/// Evaluates one clause: every key must hold.
fn clause(env: &PlaceEnv, c: &Clause, explain: bool) -> Tri {
    let f = &env.facts;
    let mut parts: Vec<Tri> = Vec::new();
    let mut undecided = false;
    // Without an explanation wanted, a clause is decided by its first "no", and nothing is
    // stored: no allocation on the hot path.
    macro_rules! push_part {
        ($t:expr) => {{
            let t = $t;
            if explain {
                parts.push(t);
            } else {
                match t {
                    Tri::No(_) => return Tri::No(String::new()),
                    Tri::Unknown(_) => undecided = true,
                    Tri::Yes(_) => {}
                }
            }
        }};
    }
    if let Some(i) = c.interval {
        if !i.contains(env.date) {
            return Tri::No(say!(explain, "applies only {i}"));
        }
    }
    if let Some(t) = &c.targets {
        push_part!(place::target(explain, env.target, t));
    }
    if let Some(sel) = &c.held_by {
        push_part!(state_matches(explain, env, env.sovereign.as_ref(), sel, "sovereign"));
    }
    if let Some(sel) = &c.administered_by {
        let admin = env.administrator.as_ref();
        push_part!(state_matches(explain, env, admin, sel, "administering state"));
    }
    if let Some(want) = &c.continent {
        push_part!(place::continent(explain, f, want));
    }
    if let Some(want) = &c.region {
        push_part!(place::region(explain, f, want));
    }
    if let Some(not) = &c.not_region {
        push_part!(place::not_region(explain, f, not));
    }
    if let Some(want) = c.island {
        push_part!(place::island(explain, f, want));
    }
    if let Some(want) = c.metropolitan {
        push_part!(place::metropolitan(explain, f, want));
    }
    if let Some(want) = &c.sea {
        push_part!(place::in_sea(explain, f, env.target, want));
    }
    if let Some(want) = &c.coast {
        push_part!(place::on_coast(explain, f, want));
    }
    if let Some(want) = &c.area {
        push_part!(place::in_area(explain, f, &env.areas, want));
    }
    if let Some(not) = &c.not_area {
        push_part!(place::in_area(explain, f, &env.areas, not).negate());
    }
    if let Some(p) = c.north_of {
        push_part!(place::north_of(explain, f, p));
    }
    if let Some(p) = c.south_of {
        push_part!(place::south_of(explain, f, p));
    }
    if !explain {
        return if undecided { Tri::Unknown(String::new()) } else { Tri::Yes(String::new()) };
    }
    summarise(c.label.as_deref().unwrap_or("clause"), &parts)
}

/// A clause's verdict from its keys' (with words): the first "no", else every "unknown", else
/// every "yes".
fn summarise(label: &str, parts: &[Tri]) -> Tri {
    if let Some(Tri::No(why)) = parts.iter().find(|p| matches!(p, Tri::No(_))) {
        return Tri::No(format!("not {label}: {why}"));
    }
    let words = |unknown: bool| -> Vec<&str> {
        parts
            .iter()
            .filter_map(|p| match p {
                Tri::Unknown(w) if unknown => Some(w.as_str()),
                Tri::Yes(w) if !unknown => Some(w.as_str()),
                _ => None,
            })
            .collect()
    };
    let unknown = words(true);
    if !unknown.is_empty() {
        return Tri::Unknown(format!("{label}: {}", unknown.join("; ")));
    }
    Tri::Yes(format!("{label} ({})", words(false).join("; ")))
}

/// The scopes among `ids` in effect on the date.
fn in_effect<'a>(
    scopes: &'a [Scope],
    ids: &'a [usize],
    date: Date,
) -> impl Iterator<Item = &'a Scope> {
    ids.iter()
        .filter_map(|i| scopes.get(*i))
        .filter(move |s| s.interval.is_none_or(|i| i.contains(date)))
}

/// Decides the scopes of an obligation: the one(s) in effect on the date; met if any
/// clause is met, unknown if none is met and some is unknown. The words come later, from
/// the verdict's text.
pub(crate) fn decide(
    ds: &Dataset,
    treaty: &Treaty,
    ev: &Event,
    ids: &Arc<[usize]>,
    prefix: &'static str,
) -> ScopeVerdict {
    let env = PlaceEnv::new(ds, treaty, ev);
    let mut verdict = Verdict::No;
    'scopes: for s in in_effect(&treaty.scopes, ids, env.date) {
        for c in &s.clauses {
            match clause(&env, c, false) {
                Tri::Yes(_) => {
                    verdict = Verdict::Yes;
                    break 'scopes;
                }
                Tri::Unknown(_) => verdict = Verdict::Unknown,
                Tri::No(_) => {}
            }
        }
    }
    if ids.is_empty() {
        verdict = Verdict::Yes;
    }
    let text = ScopeText { env, scopes: Arc::clone(&treaty.scopes), ids: Arc::clone(ids), prefix };
    ScopeVerdict { verdict, text }
}

/// Explains the scopes: the clause that decides, or, when none does, every clause, since
/// each one's failure is part of the answer.
fn explain(env: &PlaceEnv, scopes: &[Scope], ids: &[usize]) -> Tri {
    if ids.is_empty() {
        return Tri::Yes("no geographic limit".to_owned());
    }
    let in_effect: Vec<&Scope> = in_effect(scopes, ids, env.date).collect();
    if in_effect.is_empty() {
        return Tri::No("no scope clause is in effect on the date".to_owned());
    }
    for s in &in_effect {
        for c in &s.clauses {
            if let Tri::Yes(_) = clause(env, c, false) {
                let art = s.article.as_ref().map_or_else(String::new, |a| format!("Art {a}: "));
                if let Tri::Yes(why) = clause(env, c, true) {
                    return Tri::Yes(format!("{art}{why}"));
                }
            }
        }
    }
    let mut unknown = Vec::new();
    let mut no = Vec::new();
    for s in in_effect {
        let art = s.article.as_ref().map_or_else(String::new, |a| format!("Art {a}: "));
        for c in &s.clauses {
            match clause(env, c, true) {
                Tri::Yes(why) => return Tri::Yes(format!("{art}{why}")),
                Tri::Unknown(why) => unknown.push(format!("{art}{why}")),
                Tri::No(why) => no.push(format!("{art}{why}")),
            }
        }
    }
    if unknown.is_empty() {
        Tri::No(no.join("; "))
    } else {
        Tri::Unknown(unknown.join("; "))
    }
}
