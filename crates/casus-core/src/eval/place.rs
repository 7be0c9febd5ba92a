//! The tests of a scope clause's keys against what is known of a place, each three-valued
//! (see `scope.rs`, which combines them): where the place is, not who holds it.

use super::scope::Tri;
use crate::model::{Areas, PlaceFacts, Target};
use std::collections::BTreeSet;

pub(super) fn fmt_list(v: &[String]) -> String {
    v.join(", ")
}

/// All of the place's values among the wanted ones: yes; none: no; some: undecided (a place
/// given as a region that spans two continents).
pub(super) fn any_of(explain: bool, have: &[String], want: &[String], what: &str) -> Tri {
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

/// The event's target is one of those the clause covers.
pub(super) fn target(explain: bool, target: Target, covered: &BTreeSet<Target>) -> Tri {
    if covered.contains(&target) {
        Tri::Yes(say!(explain, "target {target}"))
    } else {
        Tri::No(say!(
            explain,
            "target is {target}, the clause covers {}",
            covered.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
        ))
    }
}

pub(super) fn continent(explain: bool, f: &PlaceFacts, want: &[String]) -> Tri {
    match &f.continent {
        Some(have) => any_of(explain, have, want, "continent"),
        None if f.at_sea => Tri::No(say!(explain, "the place is at sea, on no continent")),
        None => Tri::Unknown(say!(explain, "the continent of the place is not known")),
    }
}

pub(super) fn region(explain: bool, f: &PlaceFacts, want: &[String]) -> Tri {
    if f.regions.is_empty() && f.at_sea {
        Tri::No(say!(explain, "at sea, not in {}", fmt_list(want)))
    } else if f.regions.is_empty() {
        Tri::Unknown(say!(explain, "the region of the place is not known"))
    } else if f.regions.iter().any(|r| want.contains(r)) {
        Tri::Yes(say!(explain, "in {}", fmt_list(want)))
    } else {
        Tri::No(say!(explain, "not in {}", fmt_list(want)))
    }
}

pub(super) fn not_region(explain: bool, f: &PlaceFacts, not: &[String]) -> Tri {
    if f.regions.is_empty() && f.at_sea {
        Tri::Yes(say!(explain, "at sea, outside {}", fmt_list(not)))
    } else if f.regions.is_empty() {
        Tri::Unknown(say!(explain, "the region of the place is not known"))
    } else if let Some(r) = f.regions.iter().find(|r| not.contains(r)) {
        Tri::No(say!(explain, "{r} is excluded"))
    } else {
        Tri::Yes(say!(explain, "outside {}", fmt_list(not)))
    }
}

pub(super) fn island(explain: bool, f: &PlaceFacts, want: bool) -> Tri {
    match f.island {
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
    }
}

pub(super) fn metropolitan(explain: bool, f: &PlaceFacts, want: bool) -> Tri {
    match f.metropolitan {
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
        None => {
            Tri::Unknown(say!(explain, "whether the place is metropolitan territory is not known"))
        }
    }
}

pub(super) fn north_of(explain: bool, f: &PlaceFacts, p: f64) -> Tri {
    match f.lat {
        Some((s, _)) if s > p => Tri::Yes(say!(explain, "north of {p}°")),
        Some((_, n)) if n <= p => Tri::No(say!(explain, "south of {p}° (latitude {n})")),
        Some(_) => Tri::Unknown(say!(explain, "the place straddles {p}°; give a point")),
        None => Tri::Unknown(say!(explain, "the latitude of the place is not known")),
    }
}

pub(super) fn south_of(explain: bool, f: &PlaceFacts, p: f64) -> Tri {
    match f.lat {
        Some((_, n)) if n < p => Tri::Yes(say!(explain, "south of {p}°")),
        Some((s, _)) if s >= p => Tri::No(say!(explain, "north of {p}° (latitude {s})")),
        Some(_) => Tri::Unknown(say!(explain, "the place straddles {p}°; give a point")),
        None => Tri::Unknown(say!(explain, "the latitude of the place is not known")),
    }
}

/// "In or over" one of the sea areas: a point at sea (territorial sea included) in one of them,
/// or an island lying in one. A point on a mainland is in no sea, whatever its coast borders;
/// a point on the shore (within the land mask's tolerance of the coast) could be either, so
/// it is undecided, except for a vessel, which is on the water.
pub(super) fn in_sea(explain: bool, f: &PlaceFacts, target: Target, want: &[String]) -> Tri {
    let Some(have) = &f.sea else {
        return Tri::Unknown(say!(explain, "the sea area of the place is not known"));
    };
    let hit = have.iter().any(|s| want.contains(s));
    let list = |v: &[String]| if v.is_empty() { "none".to_owned() } else { fmt_list(v) };
    // A vessel is on the water: near a coast that a land mask draws over it (a harbour, a
    // river mouth), it is in the sea beside.
    if target == Target::Vessel && !f.at_sea && !f.shore {
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
    if f.at_sea || (f.shore && target == Target::Vessel) {
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
pub(super) fn on_coast(explain: bool, f: &PlaceFacts, want: &[String]) -> Tri {
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
pub(super) fn in_area(explain: bool, f: &PlaceFacts, all: &Areas, want: &[String]) -> Tri {
    let areas: Vec<_> = want.iter().filter_map(|id| all.get(id)).collect();
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
