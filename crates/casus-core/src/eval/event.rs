//! Events: an attack, as the evaluator sees it. Built and resolved against a dataset by
//! [`EventBuilder`]; the evaluator never sees an unresolved code.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::diag::{did_you_mean, Code};
use crate::model::{Dataset, Fact, PlaceFacts, ResolveError, StateId, Target};

/// Who attacked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aggressor {
    /// A state.
    State(StateId),
    /// A non-state actor, by name (`NSA:al-Qaeda`).
    NonState(String),
}

/// Where the attack happened, as given.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PlaceInput {
    /// Not given: the victim's metropolitan territory is assumed.
    Unspecified,
    /// An ISO 3166 region code.
    Region {
        /// The code.
        code: String,
    },
    /// A point.
    Point {
        /// Latitude in degrees, north positive (-90 to 90).
        lat: f64,
        /// Longitude in degrees, east positive (-180 to 180).
        lon: f64,
    },
}

/// A proposal (or any instrument) to evaluate as if in force.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assumption {
    pub(crate) treaty: String,
    pub(crate) variant: Option<String>,
}

/// A resolved event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub(crate) aggressor: Aggressor,
    pub(crate) victim: StateId,
    pub(crate) date: Date,
    pub(crate) target: Target,
    pub(crate) place: PlaceInput,
    pub(crate) place_label: Option<std::sync::Arc<str>>,
    /// What is known of the place; `place_assumed` says whether it was taken from the
    /// victim's home territory because no place was given.
    pub(crate) place_facts: std::sync::Arc<PlaceFacts>,
    pub(crate) place_assumed: Option<std::sync::Arc<str>>,
    /// Set when the victim was taken from the place: how.
    pub(crate) victim_inferred: Option<std::sync::Arc<str>>,
    /// The place's sovereign and administering state resolved on the date, once, so that
    /// scope clauses compare ids. `Err` keeps the code that did not resolve.
    pub(crate) place_sovereign: Option<Result<StateId, String>>,
    pub(crate) place_administrator: Option<Result<StateId, String>>,
    pub(crate) facts: BTreeMap<Fact, bool>,
    pub(crate) assume: Vec<Assumption>,
}

impl Event {
    /// The same event with a proposal assumed in force under one variant only, where it was
    /// assumed with all of them: one of the alternative worlds a simulation runs.
    pub(crate) fn pin_variant(&mut self, treaty: &str, variant: &str) {
        for a in &mut self.assume {
            if a.treaty == treaty && a.variant.is_none() {
                a.variant = Some(variant.to_owned());
            }
        }
        self.assume.sort();
        self.assume.dedup();
    }
}

impl Event {
    /// The date.
    pub fn date(&self) -> Date {
        self.date
    }
    /// The victim.
    pub fn victim(&self) -> StateId {
        self.victim
    }
    /// The aggressor.
    pub fn aggressor(&self) -> &Aggressor {
        &self.aggressor
    }
    /// The target.
    pub fn target(&self) -> Target {
        self.target
    }
}

/// Why an event could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EventError {
    /// The aggressor code does not resolve.
    #[error("aggressor: {0}")]
    Aggressor(#[source] ResolveError),
    /// The victim code does not resolve.
    #[error("victim: {0}")]
    Victim(#[source] ResolveError),
    /// The aggressor and the victim are the same state.
    #[error("the aggressor and the victim are the same state `{0}`")]
    SameState(String),
    /// A region code not in the regions table.
    #[error("unknown region `{code}`")]
    Region {
        /// The code.
        code: String,
        /// A suggestion.
        help: Option<String>,
    },
    /// Coordinates out of range.
    #[error("invalid coordinates `{lat},{lon}`: latitude must be within -90..=90 and longitude within -180..=180")]
    Coordinates {
        /// Latitude in degrees, north positive (-90 to 90).
        lat: f64,
        /// Longitude in degrees, east positive (-180 to 180).
        lon: f64,
    },
    /// `--assume-in-force` names no treaty.
    #[error("unknown treaty `{id}`")]
    Treaty {
        /// The id.
        id: String,
        /// A suggestion.
        help: Option<String>,
    },
    /// No victim was given and the place names none.
    #[error("no victim given, and {why}")]
    NoVictim {
        /// Why the place names no victim.
        why: String,
    },
    /// A variant the proposal does not have.
    #[error("treaty `{treaty}` has no variant `{variant}`")]
    Variant {
        /// Treaty id.
        treaty: String,
        /// Variant asked for.
        variant: String,
        /// The variants it has.
        help: Option<String>,
    },
}

impl EventError {
    /// The stable diagnostic code.
    pub fn code(&self) -> Code {
        match self {
            EventError::Aggressor(_) | EventError::Victim(_) => Code::UnknownState,
            EventError::SameState(_) | EventError::NoVictim { .. } => Code::InvalidValue,
            EventError::Region { .. } => Code::UnknownRegion,
            EventError::Coordinates { .. } => Code::InvalidCoordinates,
            EventError::Treaty { .. } => Code::UnknownTreaty,
            EventError::Variant { .. } => Code::UnknownVariant,
        }
    }

    /// The help line, digging into a resolution error ("did you mean `EST`?").
    pub fn hint(&self) -> Option<String> {
        match self {
            EventError::Aggressor(e) | EventError::Victim(e) => match e {
                ResolveError::Unknown { suggestion, .. } => suggestion.clone(),
                ResolveError::NotOnDate { holders, .. } => holders.clone(),
            },
            EventError::Region { help, .. }
            | EventError::Treaty { help, .. }
            | EventError::Variant { help, .. } => help.clone(),
            EventError::NoVictim { .. } => Some("give the victim".to_owned()),
            EventError::SameState(_) | EventError::Coordinates { .. } => None,
        }
    }
}

impl miette::Diagnostic for EventError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(EventError::code(self)))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.hint().map(|h| Box::new(h) as Box<dyn std::fmt::Display + 'a>)
    }
}

/// Builds an [`Event`] from codes, resolving them on the event's date. For programs that
/// build events they trust (tests, derived events of a cascade); input from users goes
/// through [`crate::input::check_event`], which reports every problem at once.
#[derive(Debug, Clone)]
pub struct EventBuilder {
    aggressor: String,
    victim: String,
    date: Date,
    target: Target,
    place: PlaceInput,
    place_label: Option<String>,
    point_facts: Option<PlaceFacts>,
    facts: BTreeMap<Fact, bool>,
    assume: Vec<(String, Option<String>)>,
    /// Take the victim from the place (its sovereign on the date).
    victim_from_place: bool,
}

impl EventBuilder {
    /// An attack by `aggressor` (a state code or `NSA:<name>`) on `victim` on `date`, on
    /// territory, place unspecified.
    pub fn new(aggressor: &str, victim: &str, date: Date) -> Self {
        Self {
            aggressor: aggressor.to_owned(),
            victim: victim.to_owned(),
            date,
            target: Target::Territory,
            place: PlaceInput::Unspecified,
            place_label: None,
            point_facts: None,
            facts: BTreeMap::new(),
            assume: Vec::new(),
            victim_from_place: false,
        }
    }
    /// No victim given: it is the sovereign of the place (a point or a region) on the date,
    /// and the decision says so. A place at sea, or given by no point or region, names none.
    pub fn victim_from_place(&mut self) -> &mut Self {
        self.victim_from_place = true;
        self
    }
    /// The target.
    pub fn target(&mut self, t: Target) -> &mut Self {
        self.target = t;
        self
    }
    /// The place as an ISO 3166 region code.
    pub fn region(&mut self, code: &str) -> &mut Self {
        self.place = PlaceInput::Region { code: code.to_owned() };
        self
    }
    /// The place as a point, with the facts a classifier found for it (`None`: unclassified).
    pub fn point(&mut self, lat: f64, lon: f64, facts: Option<PlaceFacts>) -> &mut Self {
        self.place = PlaceInput::Point { lat, lon };
        self.point_facts = facts;
        self
    }
    /// A label for the place ("Honolulu").
    pub fn place_label(&mut self, label: &str) -> &mut Self {
        self.place_label = Some(label.to_owned());
        self
    }
    /// States a fact.
    pub fn fact(&mut self, fact: Fact, value: bool) -> &mut Self {
        self.facts.insert(fact, value);
        self
    }
    /// Evaluates `treaty` (optionally one variant) as if in force.
    pub fn assume_in_force(&mut self, treaty: &str, variant: Option<&str>) -> &mut Self {
        self.assume.push((treaty.to_owned(), variant.map(str::to_owned)));
        self
    }

    /// The victim the place names: its sovereign on the date, with a note saying so.
    fn infer_victim(&self, ds: &Dataset) -> Result<(StateId, Arc<str>), EventError> {
        let reg = ds.registry();
        let facts = match &self.place {
            PlaceInput::Unspecified => {
                return Err(EventError::NoVictim {
                    why: "no place is given to take it from".to_owned(),
                })
            }
            PlaceInput::Region { code } => {
                ds.regions().facts_on(code, self.date).ok_or_else(|| EventError::Region {
                    code: code.clone(),
                    help: ds.regions().suggest(code).map(|s| format!("did you mean `{s}`?")),
                })?
            }
            PlaceInput::Point { .. } => self.point_facts.clone().unwrap_or_default(),
        };
        let name = facts.name.clone().or_else(|| facts.regions.first().cloned());
        let name = name.unwrap_or_else(|| "the place".to_owned());
        let Some(code) = facts.sovereign.as_deref() else {
            let why = if facts.at_sea {
                format!("{name} is at sea, where no state is sovereign")
            } else {
                format!("casus knows no sovereign of {name}")
            };
            return Err(EventError::NoVictim { why });
        };
        let id = reg.resolve(code, self.date).map_err(|_| EventError::NoVictim {
            why: format!("the sovereign of {name}, `{code}`, is no state on {}", self.date),
        })?;
        let mut note = format!(
            "no victim given: taken as the sovereign of {name} on {}, {} ({})",
            self.date,
            reg.name_on(id, self.date),
            reg.code(id)
        );
        if let Some(admin) = facts.administered_by.as_deref().filter(|a| *a != code) {
            note.push_str(&format!("; the place is administered by {admin}"));
        }
        Ok((id, note.into()))
    }

    /// Resolves codes and place against the dataset.
    ///
    /// # Errors
    /// An [`EventError`] for an unknown code, region, treaty or variant, or bad coordinates.
    //
    // Long (about 110 lines) because it resolves each part of the event in turn (aggressor,
    // victim, place, its facts and holders, the assumed proposals), each a few lines that read
    // best in the order an event is read; split, the parts would pass the same half-built
    // state from function to function.
    pub fn build(&self, ds: &Dataset) -> Result<Event, EventError> {
        let reg = ds.registry();
        let aggressor = match self
            .aggressor
            .strip_prefix("NSA:")
            .or_else(|| self.aggressor.strip_prefix("nsa:"))
        {
            Some(name) => Aggressor::NonState(name.trim().to_owned()),
            None => Aggressor::State(
                reg.resolve(&self.aggressor, self.date).map_err(EventError::Aggressor)?,
            ),
        };
        let (victim, inferred) = if self.victim_from_place {
            let (id, note) = self.infer_victim(ds)?;
            (id, Some(note))
        } else {
            (reg.resolve(&self.victim, self.date).map_err(EventError::Victim)?, None)
        };
        if aggressor == Aggressor::State(victim) {
            return Err(EventError::SameState(reg.code(victim).to_owned()));
        }
        let victim_code = reg.code(victim).to_owned();
        let (place_facts, place_assumed) = match &self.place {
            PlaceInput::Unspecified => {
                let home = reg
                    .get(victim)
                    .and_then(|s| s.home())
                    .and_then(|h| ds.regions().facts_on(h, self.date));
                let mut f = home.unwrap_or_default();
                // The assumption is "the victim's own metropolitan territory", whatever the
                // regions table says of the home region's sovereign today.
                f.sovereign = Some(victim_code.clone());
                f.administered_by = Some(victim_code.clone());
                f.metropolitan = Some(true);
                let why = format!(
                    "no place given: taken as the metropolitan territory of {} ({})",
                    reg.name_on(victim, self.date),
                    victim_code
                );
                (f, Some(why.into()))
            }
            PlaceInput::Region { code } => match ds.regions().facts_on(code, self.date) {
                Some(f) => (f, None),
                None => {
                    return Err(EventError::Region {
                        code: code.clone(),
                        help: ds.regions().suggest(code).map(|s| format!("did you mean `{s}`?")),
                    })
                }
            },
            PlaceInput::Point { lat, lon } => {
                if !(-90.0..=90.0).contains(lat)
                    || !(-180.0..=180.0).contains(lon)
                    || lat.is_nan()
                    || lon.is_nan()
                {
                    return Err(EventError::Coordinates { lat: *lat, lon: *lon });
                }
                let mut f = self.point_facts.clone().unwrap_or_default();
                f.lat = Some((*lat, *lat));
                (f, None)
            }
        };
        let mut assume = Vec::new();
        for (t, v) in &self.assume {
            let Some(treaty) = ds.treaty(t) else {
                return Err(EventError::Treaty {
                    id: t.clone(),
                    help: did_you_mean(t, ds.treaty_ids()).map(|s| format!("did you mean `{s}`?")),
                });
            };
            if let Some(v) = v {
                if !treaty.variants().iter().any(|x| x.id() == v) {
                    return Err(EventError::Variant {
                        treaty: t.clone(),
                        variant: v.clone(),
                        help: Some(treaty.unknown_variant_help(v)),
                    });
                }
            }
            assume.push(Assumption { treaty: t.clone(), variant: v.clone() });
        }
        assume.sort();
        assume.dedup();
        // The regions table writes holders as ISO codes: MNG in 1896 is no state (Mongolia
        // did not exist), not Montenegro, whose COW abbreviation it also is.
        let resolve = |code: &Option<String>| {
            code.as_ref().map(|c| reg.resolve_place_holder(c, self.date).map_err(|_| c.clone()))
        };
        let place_sovereign = resolve(&place_facts.sovereign);
        let place_administrator = resolve(&place_facts.administered_by);
        Ok(Event {
            place_sovereign,
            place_administrator,
            aggressor,
            victim,
            date: self.date,
            target: self.target,
            place: self.place.clone(),
            place_label: self.place_label.as_deref().map(Into::into),
            place_facts: place_facts.into(),
            place_assumed,
            victim_inferred: inferred,
            facts: self.facts.clone(),
            assume,
        })
    }
}
