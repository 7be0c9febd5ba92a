//! The search for counterexamples: concrete attacks on which one compared item binds a state
//! and another does not, by enumeration over what the data knows.
//!
//! - **Victims**: every state that is an obligor or a beneficiary of a compared item (its
//!   parties over the window, the states it names), sorted by code.
//! - **Aggressors**: the adversaries the compared obligations name, then one state they do
//!   not name (the first by code that exists on the date and is no victim), then a non-state
//!   attacker when one item covers attacks by anyone and another only attacks by states.
//! - **Places**: the victim's metropolitan territory (its home region); the regions of
//!   `regions.toml` it is sovereign of that are not metropolitan or that another state
//!   administers (overseas territories, occupied regions), on the date asked; and one point
//!   per sea area a compared scope names (`sea = [...]`), from [`SEA_POINTS`], classified.
//! - **Targets**: territory, forces, vessel, aircraft.
//! - **Dates**: the date asked, then every boundary date of the compared items within the
//!   window (status dates, accessions and departures, versions, obligations' and scopes'
//!   dates), each with the day before it, in date order.
//!
//! Attacks are tried in that order of simplicity: the date asked first, then territory before
//! forces, metropolitan places before other regions before the sea, victims by code,
//! aggressors as listed. The enumeration is sorted and so deterministic, and bounded by
//! [`super::Options::max_attacks`]: the result says when it was cut off.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use super::{Item, Options};
use crate::eval::{evaluate, Decision, EventBuilder, Finding, Reason};
use crate::model::{
    AttackerSelector, Beneficiaries, Dataset, Obligors, PlaceFacts, ReasonCode, StateId, Target,
    Treaty,
};

/// One point in open water per sea area, `(sea, lat, lon)`: where a search puts an attack "in"
/// a sea that a scope names. Each lies far from any coast, so that its facts are the sea's
/// alone (a test classifies each into its sea).
pub const SEA_POINTS: &[(&str, f64, f64)] = &[
    ("arctic", 85.0, 90.0),
    ("baltic", 56.0, 19.0),
    ("black-sea", 43.3, 34.0),
    ("caribbean", 15.0, -75.0),
    ("east-china-sea", 29.0, 125.0),
    ("indian-ocean", -10.0, 80.0),
    ("mediterranean", 35.0, 18.0),
    ("north-atlantic", 45.0, -30.0),
    ("north-sea", 56.0, 3.0),
    ("pacific", 30.0, -150.0),
    ("persian-gulf", 27.0, 51.5),
    ("red-sea", 20.0, 38.5),
    ("south-atlantic", -20.0, -15.0),
    ("south-china-sea", 13.0, 114.0),
    ("southern-ocean", -65.0, -100.0),
];

/// A state (or a non-state attacker) in a counterexample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateLabel {
    /// Display code (`NSA:<name>` for a non-state attacker).
    pub code: String,
    /// Name on the date.
    pub name: String,
}

/// Where a counterexample's attack happens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRef {
    /// `region`, `point` or `unspecified` (the victim's metropolitan territory, assumed).
    pub kind: &'static str,
    /// The region code, for a region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Latitude, for a point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, for a point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// In words ("Autonomous Republic of Crimea (UA-43)").
    pub label: String,
}

/// What one item comes to on one attack.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// `triggered`, `indeterminate`, `not-triggered`, or `unconcerned` (the victim is neither
    /// party to it nor owed by it).
    pub outcome: &'static str,
    /// The states bound to assist.
    pub bound: Vec<String>,
    /// The states that would be bound, but for a missing fact.
    pub undecided: Vec<String>,
    /// Why it binds no one, when it does not: its first failing reason.
    pub why: Option<Reason>,
}

/// An attack on which two items differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counterexample {
    /// Who attacks.
    pub aggressor: StateLabel,
    /// Who is attacked.
    pub victim: StateLabel,
    /// When.
    pub date: Date,
    /// What is attacked.
    pub target: Target,
    /// Where.
    pub place: PlaceRef,
    /// What item `a` comes to.
    pub a: Side,
    /// What item `b` comes to.
    pub b: Side,
    /// States `a` binds and `b` does not (nor may).
    pub only_a: Vec<String>,
    /// States `b` binds and `a` does not (nor may).
    pub only_b: Vec<String>,
}

/// The counterexamples of one pair of items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// The first item's key.
    pub a: String,
    /// The second item's key.
    pub b: String,
    /// How many distinct counterexamples the search found (by victim and the two sets).
    pub found: usize,
    /// Those shown, in search order.
    pub counterexamples: Vec<Counterexample>,
}

/// What the search covered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Search {
    /// Attacks enumerated.
    pub attacks: usize,
    /// Attacks evaluated (fewer when cut off; an attack that cannot be built, a victim that
    /// did not exist on a date, is counted but not evaluated).
    pub evaluated: usize,
    /// Was the search stopped at the maximum before every attack was tried?
    pub cut_off: bool,
    /// The window of boundary dates, in years either side of the date.
    pub window_years: i16,
    /// The dates searched, the date asked first.
    pub dates: Vec<Date>,
    /// The victims, by code.
    pub victims: Vec<String>,
    /// The aggressors, in search order.
    pub aggressors: Vec<String>,
    /// The sea areas a point was searched in.
    pub seas: Vec<String>,
}

/// A place to attack, prepared once.
#[derive(Debug, Clone)]
struct Place {
    /// 0 metropolitan, 1 another region, 2 at sea.
    tier: u8,
    input: PlaceInput,
    label: String,
}

#[derive(Debug, Clone)]
enum PlaceInput {
    Home,
    Region(String),
    Point(f64, f64, Option<Box<PlaceFacts>>),
}

/// What makes two counterexamples of a pair the same: the victim, and the states each item
/// alone binds.
type Signature = (String, Vec<String>, Vec<String>);

/// A counterexample found, with its place in the search and its kind of difference.
struct Found {
    order: usize,
    shape: (bool, bool, Option<ReasonCode>, Option<ReasonCode>),
    example: Counterexample,
}

/// Searches every pair of `items` for counterexamples.
pub(crate) fn search(ds: &Dataset, items: &[Item], o: &Options<'_>) -> (Vec<Pair>, Search) {
    let treaties: Vec<&Treaty> = {
        let ids: BTreeSet<&str> = items.iter().map(|i| i.treaty.as_str()).collect();
        ids.into_iter().filter_map(|id| ds.treaty(id)).collect()
    };
    let dates = dates(&treaties, o.date, o.window_years);
    let victims = victims(ds, items, &treaties, o.date, &dates);
    let aggressors = aggressors(ds, &treaties, &victims, o.date);
    let (places, seas) = places(ds, &victims, &treaties, o);
    let reg = ds.registry();
    let per_date: usize = places.values().map(Vec::len).sum::<usize>() * aggressors.len() * 4;
    let attacks = per_date * dates.len();
    let npairs = items.len() * items.len().saturating_sub(1) / 2;
    let mut found: Vec<Vec<Found>> = (0..npairs).map(|_| Vec::new()).collect();
    let mut seen: Vec<BTreeSet<Signature>> = (0..npairs).map(|_| BTreeSet::new()).collect();
    let mut tried = 0usize;
    let mut evaluated = 0usize;
    let mut cut_off = false;
    'search: for &date in &dates {
        for &target in Target::ALL {
            for tier in 0..3u8 {
                for v in &victims {
                    let vcode = reg.code(*v);
                    let here = places.get(v).into_iter().flatten().filter(|p| p.tier == tier);
                    for place in here {
                        for a in &aggressors {
                            if evaluated >= o.max_attacks {
                                cut_off = true;
                                break 'search;
                            }
                            tried += 1;
                            let Some(d) = decide(ds, items, a, vcode, date, target, place) else {
                                continue;
                            };
                            evaluated += 1;
                            let sides: Vec<Side> = items.iter().map(|i| side(&d, i)).collect();
                            let mut k = 0;
                            for (i, si) in sides.iter().enumerate() {
                                for sj in sides.iter().skip(i + 1) {
                                    if let (Some(list), Some(seen)) =
                                        (found.get_mut(k), seen.get_mut(k))
                                    {
                                        record(list, seen, tried, &d, place, si, sj);
                                    }
                                    k += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let mut pairs = Vec::with_capacity(npairs);
    let mut lists = found.into_iter();
    for (i, a) in items.iter().enumerate() {
        for b in items.iter().skip(i + 1) {
            let list = lists.next().unwrap_or_default();
            pairs.push(Pair {
                a: a.key(),
                b: b.key(),
                found: list.len(),
                counterexamples: pick(list, o.max_per_pair),
            });
        }
    }
    let search = Search {
        attacks: attacks.max(tried),
        evaluated,
        cut_off,
        window_years: o.window_years,
        dates,
        victims: victims.iter().map(|v| reg.code(*v).to_owned()).collect(),
        aggressors,
        seas,
    };
    (pairs, search)
}

/// Evaluates one attack with the compared proposals assumed in force; `None` when the attack
/// cannot be built on that date (the victim did not exist, or is the aggressor).
fn decide(
    ds: &Dataset,
    items: &[Item],
    aggressor: &str,
    victim: &str,
    date: Date,
    target: Target,
    place: &Place,
) -> Option<Decision> {
    let mut b = EventBuilder::new(aggressor, victim, date);
    b.target(target);
    match &place.input {
        PlaceInput::Home => {}
        PlaceInput::Region(code) => {
            b.region(code);
        }
        PlaceInput::Point(lat, lon, facts) => {
            b.point(*lat, *lon, facts.as_deref().cloned());
        }
    }
    for i in items {
        if ds.treaty(&i.treaty).is_some_and(Treaty::is_proposal) {
            b.assume_in_force(&i.treaty, i.variant.as_deref());
        }
    }
    b.build(ds).ok().map(|ev| evaluate(ds, &ev))
}

/// Records a counterexample of a pair if the two sides differ in a way not seen before.
fn record(
    list: &mut Vec<Found>,
    seen: &mut BTreeSet<Signature>,
    order: usize,
    d: &Decision,
    place: &Place,
    a: &Side,
    b: &Side,
) {
    let only = |x: &Side, y: &Side| -> Vec<String> {
        x.bound
            .iter()
            .filter(|s| !y.bound.contains(s) && !y.undecided.contains(s))
            .cloned()
            .collect()
    };
    let (only_a, only_b) = (only(a, b), only(b, a));
    if only_a.is_empty() && only_b.is_empty() {
        return;
    }
    let e = d.event();
    if !seen.insert((e.victim.code.to_string(), only_a.clone(), only_b.clone())) {
        return;
    }
    let why = |s: &Side| s.why.as_ref().map(|r| r.code);
    let shape = (
        !only_a.is_empty(),
        !only_b.is_empty(),
        if only_b.is_empty() { None } else { why(a) },
        if only_a.is_empty() { None } else { why(b) },
    );
    let label = |s: &crate::eval::StateRef| StateLabel {
        code: s.code.to_string(),
        name: s.name.to_string(),
    };
    let place = match &place.input {
        PlaceInput::Home if e.place_assumed.is_some() => PlaceRef {
            kind: "unspecified",
            code: None,
            lat: None,
            lon: None,
            label: place.label.clone(),
        },
        PlaceInput::Home | PlaceInput::Region(_) => PlaceRef {
            kind: "region",
            code: match &e.place {
                crate::eval::PlaceInput::Region { code } => Some(code.clone()),
                _ => None,
            },
            lat: None,
            lon: None,
            label: place.label.clone(),
        },
        PlaceInput::Point(lat, lon, _) => PlaceRef {
            kind: "point",
            code: None,
            lat: Some(*lat),
            lon: Some(*lon),
            label: place.label.clone(),
        },
    };
    list.push(Found {
        order,
        shape,
        example: Counterexample {
            aggressor: label(&e.aggressor),
            victim: label(&e.victim),
            date: e.date,
            target: e.target,
            place,
            a: a.clone(),
            b: b.clone(),
            only_a,
            only_b,
        },
    });
}

/// Up to `max` counterexamples, taken in turn from each kind of difference (the first of each
/// kind, then the second of each, ...), each kind's in search order; shown in search order.
fn pick(list: Vec<Found>, max: usize) -> Vec<Counterexample> {
    type Shape = (bool, bool, Option<ReasonCode>, Option<ReasonCode>);
    let mut kinds: Vec<(Shape, Vec<usize>)> = Vec::new();
    for (i, f) in list.iter().enumerate() {
        match kinds.iter_mut().find(|(s, _)| *s == f.shape) {
            Some((_, v)) => v.push(i),
            None => kinds.push((f.shape, vec![i])),
        }
    }
    let mut chosen: BTreeSet<usize> = BTreeSet::new();
    let mut round = 0;
    while chosen.len() < max && chosen.len() < list.len() {
        for (_, v) in &kinds {
            if let Some(i) = v.get(round) {
                if chosen.len() < max {
                    chosen.insert(*i);
                }
            }
        }
        round += 1;
    }
    let mut out: Vec<(usize, Counterexample)> = list
        .into_iter()
        .enumerate()
        .filter(|(i, _)| chosen.contains(i))
        .map(|(_, f)| (f.order, f.example))
        .collect();
    out.sort_by_key(|(o, _)| *o);
    out.into_iter().map(|(_, e)| e).collect()
}

/// What an item comes to in a decision.
fn side(d: &Decision, item: &Item) -> Side {
    let is = |f: &&Finding| {
        *f.treaty == *item.treaty
            && f.variant.as_ref().map(|v| v.id.as_str()) == item.variant.as_deref()
    };
    let codes = |f: &Finding| f.obligated().iter().map(|s| s.code.to_string()).collect();
    if let Some(f) = d.triggered().iter().find(is) {
        return Side { outcome: "triggered", bound: codes(f), undecided: Vec::new(), why: None };
    }
    if let Some(f) = d.indeterminate().iter().find(is) {
        let why =
            f.obligations.iter().flat_map(|o| &o.reasons).find(|r| {
                matches!(r.code, ReasonCode::ConditionUnknown | ReasonCode::PlaceUndecided)
            });
        return Side {
            outcome: "indeterminate",
            bound: Vec::new(),
            undecided: codes(f),
            why: why.cloned(),
        };
    }
    if let Some(f) = d.not_triggered().iter().find(is) {
        let why = f
            .reasons
            .iter()
            .chain(f.obligations.iter().flat_map(|o| &o.reasons))
            .find(|r| r.is_failure())
            .or_else(|| f.reasons.last());
        return Side {
            outcome: "not-triggered",
            bound: Vec::new(),
            undecided: Vec::new(),
            why: why.cloned(),
        };
    }
    let victim = &d.event().victim.code;
    Side {
        outcome: "unconcerned",
        bound: Vec::new(),
        undecided: Vec::new(),
        why: Some(Reason::new(
            ReasonCode::VictimNotCovered,
            format!("{victim} is neither a party to it nor owed by it"),
        )),
    }
}

/// The date asked, then the boundary dates within the window and the day before each.
fn dates(treaties: &[&Treaty], date: Date, window: i16) -> Vec<Date> {
    let span = jiff::Span::new().years(window);
    let low = date.checked_sub(span).unwrap_or(Date::MIN);
    let high = date.checked_add(span).unwrap_or(Date::MAX);
    let mut edges: BTreeSet<Date> = BTreeSet::new();
    for t in treaties {
        edges.extend(t.statuses().iter().map(|s| s.date()));
        edges.extend(t.versions().iter().map(|v| v.date()));
        for m in t.parties() {
            for (_, i) in m.segments() {
                edges.insert(i.from());
                edges.extend(i.until());
            }
        }
        for o in t.obligations() {
            edges
                .extend(o.interval.iter().flat_map(|i| std::iter::once(i.from()).chain(i.until())));
        }
        for sc in t.scopes() {
            let intervals =
                sc.interval.iter().chain(sc.clauses.iter().filter_map(|c| c.interval.as_ref()));
            edges.extend(intervals.flat_map(|i| std::iter::once(i.from()).chain(i.until())));
        }
    }
    let mut out: BTreeSet<Date> = BTreeSet::new();
    for d in edges.into_iter().filter(|d| *d >= low && *d <= high) {
        out.insert(d);
        if let Ok(y) = d.yesterday() {
            out.insert(y);
        }
    }
    out.remove(&date);
    std::iter::once(date).chain(out).collect()
}

/// Every obligor and beneficiary of the compared items over the window, sorted by code.
fn victims(
    ds: &Dataset,
    items: &[Item],
    treaties: &[&Treaty],
    date: Date,
    dates: &[Date],
) -> Vec<StateId> {
    let reg = ds.registry();
    let (low, high) =
        (dates.iter().min().copied().unwrap_or(date), dates.iter().max().copied().unwrap_or(date));
    let mut set: BTreeSet<StateId> = BTreeSet::new();
    for t in treaties {
        for m in t.parties() {
            for (s, i) in m.segments() {
                if i.from() <= high && i.until().is_none_or(|u| u > low) {
                    set.insert(*s);
                }
            }
        }
        for o in t.obligations() {
            match &o.owed_to {
                Beneficiaries::States(s) => set.extend(s),
                Beneficiaries::AmericanStates => set.extend(
                    reg.on(date)
                        .into_iter()
                        .filter(|s| reg.get(*s).is_some_and(|x| x.is_american())),
                ),
                Beneficiaries::Parties => {}
            }
            if let Obligors::States(s) = &o.owed_by {
                set.extend(s);
            }
        }
    }
    for i in items {
        let Some(t) = ds.treaty(&i.treaty) else { continue };
        for v in t.variants().iter().filter(|v| Some(v.id()) == i.variant.as_deref()) {
            for ov in &v.overrides {
                if let Some(Obligors::States(s)) = &ov.owed_by {
                    set.extend(s);
                }
            }
        }
    }
    let mut v: Vec<StateId> = set.into_iter().collect();
    v.sort_by(|a, b| reg.code(*a).cmp(reg.code(*b)));
    v.dedup_by(|a, b| reg.code(*a) == reg.code(*b));
    v
}

/// The named adversaries, one state no item names, and a non-state attacker when the items
/// differ on attacks by anyone and by states only.
fn aggressors(ds: &Dataset, treaties: &[&Treaty], victims: &[StateId], date: Date) -> Vec<String> {
    let reg = ds.registry();
    let mut named: BTreeSet<String> = BTreeSet::new();
    let (mut anyone, mut any_state) = (false, false);
    for o in treaties.iter().flat_map(|t| t.obligations()) {
        match &o.attack_by {
            AttackerSelector::States(s) => named.extend(s.iter().map(|x| reg.code(*x).to_owned())),
            AttackerSelector::Anyone => anyone = true,
            AttackerSelector::AnyState => any_state = true,
        }
    }
    let taken: BTreeSet<&str> = victims.iter().map(|v| reg.code(*v)).collect();
    let mut others: Vec<&str> = reg
        .on(date)
        .into_iter()
        .filter(|s| reg.get(*s).is_some_and(|x| x.cow().is_some()))
        .map(|s| reg.code(s))
        .filter(|c| !taken.contains(c) && !named.contains(*c))
        .collect();
    others.sort_unstable();
    let mut out: Vec<String> = named.into_iter().collect();
    out.extend(others.first().map(|c| (*c).to_owned()));
    if anyone && any_state {
        out.push("NSA:an armed group".to_owned());
    }
    out
}

/// Each victim's places, and the seas searched.
fn places(
    ds: &Dataset,
    victims: &[StateId],
    treaties: &[&Treaty],
    o: &Options<'_>,
) -> (BTreeMap<StateId, Vec<Place>>, Vec<String>) {
    let reg = ds.registry();
    let regions = ds.regions();
    let mut by_sovereign: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in regions.iter() {
        let Some(f) = regions.facts_on(r.code(), o.date) else { continue };
        let Some(sov) = f.sovereign.clone() else { continue };
        let occupied = f.administered_by.as_ref().is_some_and(|a| *a != sov);
        if f.metropolitan == Some(false) || occupied {
            by_sovereign.entry(sov).or_default().push((r.code().to_owned(), r.name().to_owned()));
        }
    }
    let mut seas: BTreeSet<&str> = BTreeSet::new();
    for t in treaties {
        for sc in t.scopes() {
            for c in sc.clauses() {
                seas.extend(c.sea.iter().flatten().map(String::as_str));
            }
        }
    }
    let mut points = Vec::new();
    let mut searched = Vec::new();
    if let Some(classify) = o.classify {
        for (sea, lat, lon) in SEA_POINTS.iter().filter(|(s, _, _)| seas.contains(s)) {
            if let Ok(facts) = classify(*lat, *lon, o.date) {
                searched.push((*sea).to_owned());
                points.push(Place {
                    tier: 2,
                    input: PlaceInput::Point(*lat, *lon, facts.map(Box::new)),
                    label: format!("a point in the {sea} ({lat}, {lon})"),
                });
            }
        }
    }
    let mut out = BTreeMap::new();
    for v in victims {
        let code = reg.code(*v);
        let home = reg.get(*v).and_then(|s| s.home());
        let mut list = vec![match home.and_then(|h| regions.get(h)) {
            Some(r) => Place {
                tier: 0,
                input: PlaceInput::Region(r.code().to_owned()),
                label: format!("{} ({})", r.name(), r.code()),
            },
            None => Place {
                tier: 0,
                input: PlaceInput::Home,
                label: "its metropolitan territory".to_owned(),
            },
        }];
        for (rc, name) in by_sovereign.get(code).into_iter().flatten() {
            if Some(rc.as_str()) != home {
                list.push(Place {
                    tier: 1,
                    input: PlaceInput::Region(rc.clone()),
                    label: format!("{name} ({rc})"),
                });
            }
        }
        list.extend(points.iter().cloned());
        out.insert(*v, list);
    }
    (out, searched)
}
