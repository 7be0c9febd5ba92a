//! Three-valued evaluation of scope clauses against what is known of a place.
//!
//! A scope is decided without words ([`decide`]); the words are written only when the
//! reason is read ([`ScopeText`]), from the same facts.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;

use super::event::Event;
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

/// Formats a message only when the caller wants an explanation: deciding a clause needs no
/// text, and most clauses tested are not the one that decides.
macro_rules! say {
    ($explain:expr, $($t:tt)*) => {
        if $explain { format!($($t)*) } else { String::new() }
    };
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

fn fmt_list(v: &[String]) -> String {
    v.join(", ")
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

fn any_of(explain: bool, have: &[String], want: &[String], what: &str) -> Tri {
    let hits = have.iter().filter(|h| want.contains(h)).count();
    if hits == have.len() && hits > 0 {
        Tri::Yes(say!(explain, "{what} {}", fmt_list(have)))
    } else if hits == 0 {
        Tri::No(say!(
            explain,
            "{what} is {}, not {}",
            if have.is_empty() { say!(explain, "none") } else { fmt_list(have) },
            fmt_list(want)
        ))
    } else {
        Tri::Unknown(say!(
            explain,
            "the place spans {what} {}; give a point to decide",
            fmt_list(have)
        ))
    }
}

/// "In or over" one of the sea areas: a point at sea (territorial sea included) in one of them,
/// or an island lying in one. A point on a mainland is in no sea, whatever its coast borders;
/// a point on the shore (within the land mask's tolerance of the coast) could be either, so
/// it is undecided, except for a vessel, which is on the water.
fn in_sea(explain: bool, env: &PlaceEnv, want: &[String]) -> Tri {
    let f = &env.facts;
    let Some(have) = &f.sea else {
        return Tri::Unknown(say!(explain, "the sea area of the place is not known"));
    };
    let hit = have.iter().any(|s| want.contains(s));
    let list = |v: &[String]| if v.is_empty() { "none".to_owned() } else { fmt_list(v) };
    // A vessel is on the water: near a coast that a land mask draws over it (a harbour, a
    // river mouth), it is in the sea beside.
    if env.target == Target::Vessel && !f.at_sea && !f.shore {
        if let Some(beside) = &f.beside {
            return if beside.iter().any(|s| want.contains(s)) {
                Tri::Yes(say!(explain, "a vessel at the coast, on the {}", fmt_list(want)))
            } else {
                Tri::No(say!(
                    explain,
                    "a vessel at the coast of {}, not the {}",
                    list(beside),
                    fmt_list(want)
                ))
            };
        }
    }
    if f.at_sea || (f.shore && env.target == Target::Vessel) {
        let waters = if f.territorial_sea { "in territorial waters " } else { "at sea " };
        return if hit {
            Tri::Yes(say!(explain, "{waters}in the {}", fmt_list(want)))
        } else {
            Tri::No(say!(explain, "{waters}in {}, not the {}", list(have), fmt_list(want)))
        };
    }
    // an island lies in its seas, its shore included
    match f.island {
        Some(true) if hit => {
            return Tri::Yes(say!(explain, "an island in the {}", fmt_list(want)));
        }
        Some(true) => {
            return Tri::No(say!(
                explain,
                "an island in {}, not the {}",
                list(have),
                fmt_list(want)
            ));
        }
        _ => {}
    }
    if f.shore {
        return if hit {
            Tri::Unknown(say!(
                explain,
                "within about 650 m of the coast on the {}: on land or on the water is not told apart at this resolution",
                fmt_list(want)
            ))
        } else {
            Tri::No(say!(explain, "on the coast of {}, not the {}", list(have), fmt_list(want)))
        };
    }
    match f.island {
        Some(false) => {
            let borders = f.coasts.as_ref().is_some_and(|c| c.iter().any(|s| want.contains(s)));
            Tri::No(if borders {
                say!(explain, "on land, not in or over the {} (its coast is on it)", fmt_list(want))
            } else {
                say!(explain, "on land, not in or over the {}", fmt_list(want))
            })
        }
        _ if hit => Tri::Yes(say!(explain, "in the {}", fmt_list(want))),
        _ => Tri::No(say!(explain, "sea area is {}, not {}", list(have), fmt_list(want))),
    }
}

/// On land whose coast is on one of the sea areas: a mainland region that borders it, an
/// island that lies in it.
fn on_coast(explain: bool, f: &PlaceFacts, want: &[String]) -> Tri {
    if f.at_sea {
        return Tri::No(say!(explain, "at sea, not on the coast"));
    }
    let borders = |v: &Option<Vec<String>>| v.as_ref().map(|c| c.iter().any(|s| want.contains(s)));
    let answer = match f.island {
        Some(true) => borders(&f.sea),
        Some(false) => borders(&f.coasts),
        None => borders(&f.coasts).or_else(|| borders(&f.sea)),
    };
    match answer {
        Some(true) => Tri::Yes(say!(explain, "on the coast of the {}", fmt_list(want))),
        Some(false) => Tri::No(say!(explain, "not on the coast of the {}", fmt_list(want))),
        None => Tri::Unknown(say!(explain, "the coasts of the place are not known")),
    }
}

/// In one of the treaty areas: a point is tested against the polygons; a place given as a
/// region by the areas' `inside` and `outside` lists.
fn in_area(explain: bool, env: &PlaceEnv, want: &[String]) -> Tri {
    let f = &env.facts;
    let areas: Vec<_> = want.iter().filter_map(|id| env.areas.get(id)).collect();
    let names = || areas.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    if let Some((lat, lon)) = f.point {
        return match areas.iter().find(|a| a.contains(lat, lon)) {
            Some(a) => Tri::Yes(say!(explain, "in {}", a.name)),
            None => Tri::No(say!(explain, "outside {}", fmt_list(&names()))),
        };
    }
    let verdicts: Vec<Option<bool>> = areas.iter().map(|a| a.contains_region(&f.regions)).collect();
    if let Some(i) = verdicts.iter().position(|v| *v == Some(true)) {
        let name = areas.get(i).map_or("", |a| a.name.as_str());
        return Tri::Yes(say!(explain, "in {name}"));
    }
    if !verdicts.is_empty() && verdicts.iter().all(|v| *v == Some(false)) {
        return Tri::No(say!(explain, "outside {}", fmt_list(&names())));
    }
    if f.regions.is_empty() {
        return Tri::Unknown(say!(explain, "the place is not known"));
    }
    Tri::Unknown(say!(
        explain,
        "{} is not listed as wholly inside or outside {}; give a point",
        f.regions.first().map_or("the place", String::as_str),
        fmt_list(&names())
    ))
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
        push_part!(if t.contains(&env.target) {
            Tri::Yes(say!(explain, "target {}", env.target))
        } else {
            Tri::No(say!(
                explain,
                "target is {}, the clause covers {}",
                env.target,
                t.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
            ))
        });
    }
    if let Some(sel) = &c.held_by {
        push_part!(state_matches(explain, env, env.sovereign.as_ref(), sel, "sovereign"));
    }
    if let Some(sel) = &c.administered_by {
        push_part!(state_matches(
            explain,
            env,
            env.administrator.as_ref(),
            sel,
            "administering state",
        ));
    }
    if let Some(want) = &c.continent {
        push_part!(match &f.continent {
            Some(have) => any_of(explain, have, want, "continent"),
            None if f.at_sea => Tri::No(say!(explain, "the place is at sea, on no continent")),
            None => Tri::Unknown(say!(explain, "the continent of the place is not known")),
        });
    }
    if let Some(want) = &c.region {
        push_part!(if f.regions.is_empty() && f.at_sea {
            Tri::No(say!(explain, "at sea, not in {}", fmt_list(want)))
        } else if f.regions.is_empty() {
            Tri::Unknown(say!(explain, "the region of the place is not known"))
        } else if f.regions.iter().any(|r| want.contains(r)) {
            Tri::Yes(say!(explain, "in {}", fmt_list(want)))
        } else {
            Tri::No(say!(explain, "not in {}", fmt_list(want)))
        });
    }
    if let Some(not) = &c.not_region {
        push_part!(if f.regions.is_empty() && f.at_sea {
            Tri::Yes(say!(explain, "at sea, outside {}", fmt_list(not)))
        } else if f.regions.is_empty() {
            Tri::Unknown(say!(explain, "the region of the place is not known"))
        } else if let Some(r) = f.regions.iter().find(|r| not.contains(r)) {
            Tri::No(say!(explain, "{r} is excluded"))
        } else {
            Tri::Yes(say!(explain, "outside {}", fmt_list(not)))
        });
    }
    if let Some(want) = c.island {
        push_part!(match f.island {
            Some(have) if have == want => {
                Tri::Yes(if have { say!(explain, "an island") } else { say!(explain, "mainland") })
            }
            Some(have) => Tri::No(if have {
                say!(explain, "an island, not mainland")
            } else {
                say!(explain, "not an island")
            }),
            None if f.at_sea => Tri::No(say!(explain, "at sea, not an island")),
            None => Tri::Unknown(say!(explain, "whether the place is an island is not known")),
        });
    }
    if let Some(want) = c.metropolitan {
        push_part!(match f.metropolitan {
            Some(have) if have == want => Tri::Yes(if have {
                say!(explain, "metropolitan territory")
            } else {
                say!(explain, "not metropolitan")
            }),
            Some(have) => Tri::No(if have {
                say!(explain, "metropolitan territory")
            } else {
                say!(explain, "not metropolitan territory")
            }),
            None if f.at_sea => Tri::No(say!(explain, "at sea, not land territory")),
            None => Tri::Unknown(say!(
                explain,
                "whether the place is metropolitan territory is not known"
            )),
        });
    }
    if let Some(want) = &c.sea {
        push_part!(in_sea(explain, env, want));
    }
    if let Some(want) = &c.coast {
        push_part!(on_coast(explain, f, want));
    }
    if let Some(want) = &c.area {
        push_part!(in_area(explain, env, want));
    }
    if let Some(not) = &c.not_area {
        push_part!(match in_area(explain, env, not) {
            Tri::Yes(w) => Tri::No(w),
            Tri::No(w) => Tri::Yes(w),
            u @ Tri::Unknown(_) => u,
        });
    }
    if let Some(p) = c.north_of {
        push_part!(match f.lat {
            Some((s, _)) if s > p => Tri::Yes(say!(explain, "north of {p}°")),
            Some((_, n)) if n <= p => Tri::No(say!(explain, "south of {p}° (latitude {n})")),
            Some(_) => Tri::Unknown(say!(explain, "the place straddles {p}°; give a point")),
            None => Tri::Unknown(say!(explain, "the latitude of the place is not known")),
        });
    }
    if let Some(p) = c.south_of {
        push_part!(match f.lat {
            Some((_, n)) if n < p => Tri::Yes(say!(explain, "south of {p}°")),
            Some((s, _)) if s >= p => Tri::No(say!(explain, "north of {p}° (latitude {s})")),
            Some(_) => Tri::Unknown(say!(explain, "the place straddles {p}°; give a point")),
            None => Tri::Unknown(say!(explain, "the latitude of the place is not known")),
        });
    }
    if !explain {
        return if undecided { Tri::Unknown(String::new()) } else { Tri::Yes(String::new()) };
    }
    let label = c.label.clone().unwrap_or_else(|| "clause".to_owned());
    if let Some(Tri::No(why)) = parts.iter().find(|p| matches!(p, Tri::No(_))) {
        return Tri::No(say!(explain, "not {label}: {why}"));
    }
    let unknown: Vec<&str> = parts
        .iter()
        .filter_map(|p| if let Tri::Unknown(w) = p { Some(w.as_str()) } else { None })
        .collect();
    if !unknown.is_empty() {
        return Tri::Unknown(say!(explain, "{label}: {}", unknown.join("; ")));
    }
    let yes: Vec<&str> = parts
        .iter()
        .filter_map(|p| if let Tri::Yes(w) = p { Some(w.as_str()) } else { None })
        .collect();
    Tri::Yes(say!(explain, "{label} ({})", yes.join("; ")))
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
