//! Three-valued evaluation of scope clauses against what is known of a place.

use super::event::Event;
use crate::model::{Clause, Dataset, Scope, StateId, StateSelector, Treaty};

/// Yes, no, or not known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tri {
    Yes(String),
    No(String),
    Unknown(String),
}

fn fmt_list(v: &[String]) -> String {
    v.join(", ")
}

fn state_matches(
    ds: &Dataset,
    at_sea: bool,
    treaty: &Treaty,
    ev: &Event,
    place_state: Option<&Result<StateId, String>>,
    sel: &StateSelector,
    what: &str,
) -> Tri {
    let Some(resolved) = place_state else {
        if at_sea {
            return Tri::No("the place is at sea, not land territory".to_owned());
        }
        return Tri::Unknown(format!("{what} of the place is not known"));
    };
    let holder: Option<StateId> = resolved.as_ref().ok().copied();
    let name = match resolved {
        Ok(h) => ds.registry().code(*h).to_owned(),
        Err(code) => code.clone(),
    };
    let ok = match (sel, holder) {
        (StateSelector::Victim, Some(h)) => h == ev.victim,
        (StateSelector::Party, Some(h)) => treaty.is_party_on(h, ev.date),
        (StateSelector::States(set), Some(h)) => set.contains(&h),
        (_, None) => false,
    };
    let want = match sel {
        StateSelector::Victim => "the victim".to_owned(),
        StateSelector::Party => "a party".to_owned(),
        StateSelector::States(set) => {
            set.iter().map(|s| ds.registry().code(*s)).collect::<Vec<_>>().join(" or ")
        }
    };
    if ok {
        Tri::Yes(format!("{what} {name} is {want}"))
    } else {
        Tri::No(format!("{what} is {name}, not {want}"))
    }
}

fn any_of(have: &[String], want: &[String], what: &str) -> Tri {
    let hits = have.iter().filter(|h| want.contains(h)).count();
    if hits == have.len() && hits > 0 {
        Tri::Yes(format!("{what} {}", fmt_list(have)))
    } else if hits == 0 {
        Tri::No(format!(
            "{what} is {}, not {}",
            if have.is_empty() { "none".to_owned() } else { fmt_list(have) },
            fmt_list(want)
        ))
    } else {
        Tri::Unknown(format!("the place spans {what} {}; give a point to decide", fmt_list(have)))
    }
}

/// Evaluates one clause: every key must hold.
pub(crate) fn clause(ds: &Dataset, treaty: &Treaty, ev: &Event, c: &Clause) -> Tri {
    let f = &ev.place_facts;
    let mut parts: Vec<Tri> = Vec::new();
    if let Some(i) = c.interval {
        if !i.contains(ev.date) {
            return Tri::No(format!("applies only {i}"));
        }
    }
    if let Some(t) = &c.targets {
        parts.push(if t.contains(&ev.target) {
            Tri::Yes(format!("target {}", ev.target))
        } else {
            Tri::No(format!(
                "target is {}, the clause covers {}",
                ev.target,
                t.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
            ))
        });
    }
    if let Some(sel) = &c.held_by {
        parts.push(state_matches(
            ds,
            f.at_sea,
            treaty,
            ev,
            ev.place_sovereign.as_ref(),
            sel,
            "sovereign",
        ));
    }
    if let Some(sel) = &c.administered_by {
        parts.push(state_matches(
            ds,
            f.at_sea,
            treaty,
            ev,
            ev.place_administrator.as_ref(),
            sel,
            "administering state",
        ));
    }
    if let Some(want) = &c.continent {
        parts.push(match &f.continent {
            Some(have) => any_of(have, want, "continent"),
            None if f.at_sea => Tri::No("the place is at sea, on no continent".to_owned()),
            None => Tri::Unknown("the continent of the place is not known".to_owned()),
        });
    }
    if let Some(want) = &c.region {
        parts.push(if f.regions.is_empty() && f.at_sea {
            Tri::No(format!("at sea, not in {}", fmt_list(want)))
        } else if f.regions.is_empty() {
            Tri::Unknown("the region of the place is not known".to_owned())
        } else if f.regions.iter().any(|r| want.contains(r)) {
            Tri::Yes(format!("in {}", fmt_list(want)))
        } else {
            Tri::No(format!("not in {}", fmt_list(want)))
        });
    }
    if let Some(not) = &c.not_region {
        parts.push(if f.regions.is_empty() && f.at_sea {
            Tri::Yes(format!("at sea, outside {}", fmt_list(not)))
        } else if f.regions.is_empty() {
            Tri::Unknown("the region of the place is not known".to_owned())
        } else if let Some(r) = f.regions.iter().find(|r| not.contains(r)) {
            Tri::No(format!("{r} is excluded"))
        } else {
            Tri::Yes(format!("outside {}", fmt_list(not)))
        });
    }
    if let Some(want) = c.island {
        parts.push(match f.island {
            Some(have) if have == want => {
                Tri::Yes(if have { "an island".into() } else { "mainland".into() })
            }
            Some(have) => Tri::No(if have {
                "an island, not mainland".into()
            } else {
                "not an island".into()
            }),
            None if f.at_sea => Tri::No("at sea, not an island".to_owned()),
            None => Tri::Unknown("whether the place is an island is not known".to_owned()),
        });
    }
    if let Some(want) = c.metropolitan {
        parts.push(match f.metropolitan {
            Some(have) if have == want => Tri::Yes(if have {
                "metropolitan territory".into()
            } else {
                "not metropolitan".into()
            }),
            Some(have) => Tri::No(if have {
                "metropolitan territory".into()
            } else {
                "not metropolitan territory".into()
            }),
            None if f.at_sea => Tri::No("at sea, not land territory".to_owned()),
            None => {
                Tri::Unknown("whether the place is metropolitan territory is not known".to_owned())
            }
        });
    }
    if let Some(want) = &c.sea {
        parts.push(match &f.sea {
            Some(have) if have.iter().any(|s| want.contains(s)) => {
                Tri::Yes(format!("in the {}", fmt_list(want)))
            }
            Some(have) => Tri::No(format!(
                "sea area is {}, not {}",
                if have.is_empty() { "none".to_owned() } else { fmt_list(have) },
                fmt_list(want)
            )),
            None => Tri::Unknown("the sea area of the place is not known".to_owned()),
        });
    }
    if let Some(p) = c.north_of {
        parts.push(match f.lat {
            Some((s, _)) if s > p => Tri::Yes(format!("north of {p}°")),
            Some((_, n)) if n <= p => Tri::No(format!("south of {p}° (latitude {n})")),
            Some(_) => Tri::Unknown(format!("the place straddles {p}°; give a point")),
            None => Tri::Unknown("the latitude of the place is not known".to_owned()),
        });
    }
    if let Some(p) = c.south_of {
        parts.push(match f.lat {
            Some((_, n)) if n < p => Tri::Yes(format!("south of {p}°")),
            Some((s, _)) if s >= p => Tri::No(format!("north of {p}° (latitude {s})")),
            Some(_) => Tri::Unknown(format!("the place straddles {p}°; give a point")),
            None => Tri::Unknown("the latitude of the place is not known".to_owned()),
        });
    }
    let label = c.label.clone().unwrap_or_else(|| "clause".to_owned());
    if let Some(Tri::No(why)) = parts.iter().find(|p| matches!(p, Tri::No(_))) {
        return Tri::No(format!("not {label}: {why}"));
    }
    let unknown: Vec<&str> = parts
        .iter()
        .filter_map(|p| if let Tri::Unknown(w) = p { Some(w.as_str()) } else { None })
        .collect();
    if !unknown.is_empty() {
        return Tri::Unknown(format!("{label}: {}", unknown.join("; ")));
    }
    let yes: Vec<&str> = parts
        .iter()
        .filter_map(|p| if let Tri::Yes(w) = p { Some(w.as_str()) } else { None })
        .collect();
    Tri::Yes(format!("{label} ({})", yes.join("; ")))
}

/// Evaluates the scopes of an obligation: the one(s) in effect on the date; met if any
/// clause is met.
pub(crate) fn scopes(ds: &Dataset, treaty: &Treaty, ev: &Event, scope_ids: &[usize]) -> Tri {
    if scope_ids.is_empty() {
        return Tri::Yes("no geographic limit".to_owned());
    }
    let in_effect: Vec<&Scope> = scope_ids
        .iter()
        .filter_map(|i| treaty.scopes.get(*i))
        .filter(|s| s.interval.is_none_or(|i| i.contains(ev.date)))
        .collect();
    if in_effect.is_empty() {
        return Tri::No("no scope clause is in effect on the date".to_owned());
    }
    let mut unknown = Vec::new();
    let mut no = Vec::new();
    for s in in_effect {
        let art = s.article.as_ref().map_or_else(String::new, |a| format!("Art {a}: "));
        for c in &s.clauses {
            match clause(ds, treaty, ev, c) {
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
