//! One validation of an event, whichever way it came in.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use super::{echo, on_globe, parse_point, split_variant, Given, Origin};
use super::{MAX_ASSUMED, MAX_CODE, MAX_FACTS, MAX_LABEL};
use crate::diag::{suggestion, suggestion_or_list, Code, Diagnostic, Diagnostics};
use crate::eval::{Event, EventBuilder, EventError};
use crate::model::{Dataset, Fact, PlaceFacts, ResolveError, Target};

/// Classifies a point on a date: the facts casus knows of the place (`None`: nothing known),
/// or why it could not be classified. The engine has no geography of its own; the CLI and the
/// server pass casus-geo's classifier.
pub type PointClassifier<'a> =
    &'a (dyn Fn(f64, f64, Date) -> Result<Option<PlaceFacts>, String> + Sync);

/// A place given as a point: as text (`LAT,LON`, from a flag or a CSV cell) or as numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum AtInput {
    /// `LAT,LON` in degrees.
    Text(String),
    /// Latitude and longitude in degrees.
    Point(f64, f64),
}

/// A date as given: text to parse (flags, JSON) or a date a TOML reader already parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum DateInput {
    /// `YYYY-MM-DD`.
    Text(String),
    /// A date.
    Date(Date),
}

/// A fact's value as given: a boolean, or text to read as one (`true`, `false`).
#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    /// A boolean.
    Bool(bool),
    /// `LAT,LON` as written (a flag, a CSV cell), parsed by the one point parser.
    Text(String),
}

/// One stated fact.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFact {
    /// The fact's name (`provoked`).
    pub name: Given<String>,
    /// Its value.
    pub value: Given<FactValue>,
}

/// An event as given, before any check.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawEvent {
    /// The attacker: a state code or `NSA:<name>`. Required.
    pub aggressor: Option<Given<String>>,
    /// The state attacked; absent, the sovereign of the place on the date.
    pub victim: Option<Given<String>>,
    /// The day; absent, `today` as the caller reads the clock.
    pub date: Option<Given<DateInput>>,
    /// The place as a region code.
    pub region: Option<Given<String>>,
    /// The place as a point.
    pub at: Option<Given<AtInput>>,
    /// A label for the place.
    pub place_label: Option<Given<String>>,
    /// What was attacked (`territory` when absent).
    pub target: Option<Given<String>>,
    /// Stated facts.
    pub facts: Vec<RawFact>,
    /// Instruments to evaluate as if in force, `ID` or `ID:VARIANT`.
    pub assume: Vec<Given<String>>,
}

impl RawEvent {
    /// An event with the aggressor, victim and date given as fields of these names.
    pub fn fields(aggressor: &str, victim: &str, date: &str) -> Self {
        Self {
            aggressor: Some(Given::field(aggressor.to_owned(), "aggressor")),
            victim: Some(Given::field(victim.to_owned(), "victim")),
            date: Some(Given::field(DateInput::Text(date.to_owned()), "date")),
            ..Self::default()
        }
    }
}

/// Collects problems, each at its value's origin.
struct Problems {
    diags: Diagnostics,
}

impl Problems {
    fn push(&mut self, origin: &Origin, code: Code, message: String, help: Option<String>) {
        self.diags.push(Diagnostic::error(code, message).maybe_help(help).at_origin(origin));
    }

    /// A code or text longer than `max` characters: reported, and `false` so that the value
    /// is not looked at further (a 60,000-character id is not searched for a suggestion).
    fn bounded(&mut self, what: &str, v: &Given<String>, max: usize) -> bool {
        if v.value.chars().count() <= max {
            return true;
        }
        self.push(
            &v.origin,
            Code::TooManyValues,
            format!("the {what} is longer than {max} characters (`{}`)", echo(&v.value)),
            None,
        );
        false
    }

    /// Free text with control characters (a NUL, an escape sequence) cannot be shown safely.
    fn printable(&mut self, what: &str, v: &Given<String>) -> bool {
        if !v.value.chars().any(char::is_control) {
            return true;
        }
        self.push(
            &v.origin,
            Code::InvalidValue,
            format!("the {what} `{}` contains control characters", echo(&v.value)),
            None,
        );
        false
    }
}

/// Reads a date as the CLI, the API and the batch input take it (`YYYY-MM-DD`); the error says
/// what is wrong with it.
///
/// # Errors
/// Why the text is no date.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let t = text.trim();
    // jiff reads signed six-digit years; casus dates are four-digit years of the common era.
    let shape = t.len() == 10
        && t.bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shape {
        return Err("write the date as YYYY-MM-DD, e.g. 2026-01-31".to_owned());
    }
    t.parse::<Date>().map_err(|e| e.to_string())
}

/// Checks an event as given and resolves it against the dataset: every problem at once, each
/// with a stable code, the value's origin and, where one exists, a "did you mean".
///
/// `today` stands for an absent date (the caller reads the clock; the engine never does).
/// `classify` classifies a point; without it a point is taken with no facts known.
///
/// # Errors
/// The problems found, when there is one at least.
pub fn check_event(
    ds: &Dataset,
    raw: &RawEvent,
    today: Date,
    classify: Option<super::PointClassifier<'_>>,
) -> Result<Event, Diagnostics> {
    let mut p = Problems { diags: Diagnostics::default() };
    let date = date_of(raw, today, &mut p);
    let target = target_of(raw, &mut p);
    let facts = facts(raw, &mut p);
    let point = point(raw, &mut p);
    if let (Some(r), Some(a)) = (&raw.region, &raw.at) {
        let msg = "a place is given both as a region and as a point".to_owned();
        let help = Some("give the place as a region code or as a point, not both".to_owned());
        p.push(&a.origin, Code::ConflictingValues, msg, help);
        let _ = r;
    }
    if raw.assume.len() > MAX_ASSUMED {
        let origin = raw.assume.get(MAX_ASSUMED).map(|g| g.origin.clone());
        if let Some(o) = origin {
            let msg = format!("at most {MAX_ASSUMED} instruments may be assumed in force");
            p.push(&o, Code::TooManyValues, msg, None);
        }
    }
    let assume = assumptions(ds, raw, &mut p);
    if let Some(l) = &raw.place_label {
        if p.bounded("place label", l, MAX_LABEL) {
            p.printable("place label", l);
        }
    }
    let aggressor = raw.aggressor.as_ref().filter(|a| aggressor_ok(a, &mut p));
    if raw.aggressor.is_none() {
        let msg = "the aggressor is missing".to_owned();
        let help = Some("give the attacker: a state code, or NSA:<name>".to_owned());
        p.push(&Origin::field("aggressor"), Code::MissingKey, msg, help);
    }
    let victim = raw.victim.as_ref().filter(|v| p.bounded("victim", v, MAX_CODE));
    if raw.victim.is_none() && raw.region.is_none() && raw.at.is_none() {
        let msg = "the victim is missing".to_owned();
        let help = Some("give the victim, or a place (a point or a region) to take it from".into());
        p.push(&Origin::field("victim"), Code::MissingKey, msg, help);
    }
    let region = raw.region.as_ref().filter(|r| p.bounded("region code", r, MAX_CODE));
    resolve_codes(ds, date, aggressor, victim, region, &mut p);
    let parts = Parts { date, target, aggressor, victim, region, point, facts, assume };
    build(ds, raw, parts, classify, p)
}

/// The event's date: given as text or a date, or today's when absent.
fn date_of(raw: &RawEvent, today: Date, p: &mut Problems) -> Option<Date> {
    match &raw.date {
        None => Some(today),
        Some(Given { value: DateInput::Date(d), .. }) => Some(*d),
        Some(Given { value: DateInput::Text(t), origin }) => match parse_date(t) {
            Ok(d) => Some(d),
            Err(why) => {
                let shown = echo(t);
                p.push(origin, Code::InvalidDate, format!("invalid date `{shown}`"), Some(why));
                None
            }
        },
    }
}

/// The target: territory when absent.
fn target_of(raw: &RawEvent, p: &mut Problems) -> Option<Target> {
    match &raw.target {
        None => Some(Target::Territory),
        Some(t) => Target::parse(t.value.trim()).or_else(|| {
            let help = suggestion_or_list(&t.value, Target::names());
            let msg = format!("unknown target `{}`", echo(&t.value));
            p.push(&t.origin, Code::InvalidValue, msg, Some(help));
            None
        }),
    }
}

/// The codes resolved: on the date, or, without one, a code that no state ever had.
fn resolve_codes(
    ds: &Dataset,
    date: Option<Date>,
    aggressor: Option<&Given<String>>,
    victim: Option<&Given<String>>,
    region: Option<&Given<String>>,
    p: &mut Problems,
) {
    let reg = ds.registry();
    let Some(date) = date else {
        // Without a date no code can be resolved; a code no state ever had is still wrong.
        let codes = [(aggressor.filter(|a| !is_nsa(&a.value)), "aggressor"), (victim, "victim")];
        for (code, role) in codes {
            let Some(c) = code.filter(|c| !reg.is_known(&c.value)) else { continue };
            let far = jiff::civil::Date::constant(9999, 12, 31);
            if let Err(e) = reg.resolve(&c.value, far) {
                p.diags.push(resolve_problem(&e, &c.origin, role));
            }
        }
        return;
    };
    if let Some(a) = aggressor.filter(|a| !is_nsa(&a.value)) {
        if let Err(e) = reg.resolve(&a.value, date) {
            p.diags.push(resolve_problem(&e, &a.origin, "aggressor"));
        }
    }
    if let Some(v) = victim {
        if let Err(e) = reg.resolve(&v.value, date) {
            p.diags.push(resolve_problem(&e, &v.origin, "victim"));
        }
    }
    if let Some(r) = region {
        if ds.regions().facts_on(r.value.trim(), date).is_none() {
            let help = ds.regions().suggest(&r.value).map(|s| format!("did you mean `{s}`?"));
            let msg = format!("unknown region `{}`", echo(&r.value));
            p.push(&r.origin, Code::UnknownRegion, msg, help);
        }
    }
}

/// What the checks found valid, for the builder.
struct Parts<'r> {
    date: Option<Date>,
    target: Option<Target>,
    aggressor: Option<&'r Given<String>>,
    victim: Option<&'r Given<String>>,
    region: Option<&'r Given<String>>,
    point: Option<(f64, f64)>,
    facts: std::collections::BTreeMap<Fact, bool>,
    assume: Vec<(String, Option<String>)>,
}

/// Builds the event from checked parts, when no problem was found; the point is classified
/// here (an error of the classifier is a problem of the input).
fn build(
    ds: &Dataset,
    raw: &RawEvent,
    parts: Parts<'_>,
    classify: Option<super::PointClassifier<'_>>,
    mut p: Problems,
) -> Result<Event, Diagnostics> {
    let Parts { date, target, aggressor, victim, region, point, facts, assume } = parts;
    let (Some(date), Some(target), Some(aggressor), true) =
        (date, target, aggressor, p.diags.is_empty())
    else {
        return Err(p.diags);
    };
    let mut b = EventBuilder::new(&aggressor.value, victim.map_or("", |v| v.value.as_str()), date);
    if raw.victim.is_none() {
        b.victim_from_place();
    }
    b.target(target);
    for (f, v) in facts {
        b.fact(f, v);
    }
    if let Some(r) = region {
        b.region(r.value.trim());
    }
    if let (Some((lat, lon)), Some(at)) = (point, &raw.at) {
        let facts = match classify.map(|c| c(lat, lon, date)) {
            None => None,
            Some(Ok(f)) => f,
            Some(Err(why)) => {
                let msg = format!("the point {lat},{lon} cannot be classified: {why}");
                p.push(&at.origin, Code::InvalidCoordinates, msg, None);
                return Err(p.diags);
            }
        };
        b.point(lat, lon, facts);
    }
    if let Some(l) = &raw.place_label {
        b.place_label(&l.value);
    }
    for (t, v) in &assume {
        b.assume_in_force(t, v.as_deref());
    }
    b.build(ds).map_err(|e| {
        p.diags.push(event_problem(&e, raw));
        p.diags
    })
}

fn is_nsa(code: &str) -> bool {
    code.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("NSA:"))
}

/// The aggressor's form: a code of bounded length, or `NSA:` and a printable, non-empty name.
fn aggressor_ok(a: &Given<String>, p: &mut Problems) -> bool {
    if !is_nsa(&a.value) {
        return p.bounded("aggressor", a, MAX_CODE);
    }
    let name =
        Given { value: a.value.get(4..).unwrap_or("").trim().to_owned(), origin: a.origin.clone() };
    if name.value.is_empty() {
        let msg = "the non-state actor has no name".to_owned();
        let help = Some("write NSA:<name>, e.g. NSA:al-Qaeda".to_owned());
        p.push(&a.origin, Code::InvalidValue, msg, help);
        return false;
    }
    p.bounded("non-state actor's name", &name, MAX_LABEL)
        && p.printable("non-state actor's name", &name)
}

/// The facts, by name, each once.
fn facts(raw: &RawEvent, p: &mut Problems) -> BTreeMap<Fact, bool> {
    let mut out: BTreeMap<Fact, bool> = BTreeMap::new();
    if raw.facts.len() > MAX_FACTS {
        if let Some(f) = raw.facts.get(MAX_FACTS) {
            let msg = format!("at most {MAX_FACTS} facts may be stated");
            p.push(&f.name.origin, Code::TooManyValues, msg, None);
        }
        return out;
    }
    for f in &raw.facts {
        if !p.bounded("fact name", &f.name, MAX_CODE) {
            continue;
        }
        let Some(fact) = Fact::parse(f.name.value.trim()) else {
            let help = suggestion_or_list(&f.name.value, Fact::names());
            let msg = format!("unknown fact `{}`", echo(&f.name.value));
            p.push(&f.name.origin, Code::UnknownFact, msg, Some(help));
            continue;
        };
        let value = match &f.value.value {
            FactValue::Bool(b) => *b,
            FactValue::Text(t) => match t.trim() {
                "true" => true,
                "false" => false,
                other => {
                    let msg = format!(
                        "fact `{}` must be true or false, not `{}`",
                        fact.as_str(),
                        echo(other)
                    );
                    p.push(&f.value.origin, Code::InvalidValue, msg, None);
                    continue;
                }
            },
        };
        if let Some(before) = out.insert(fact, value).filter(|b| *b != value) {
            let msg = format!("fact `{}` is stated both {before} and {value}", fact.as_str());
            p.push(&f.value.origin, Code::ConflictingValues, msg, None);
        }
    }
    out
}

/// The point, read and on the globe.
fn point(raw: &RawEvent, p: &mut Problems) -> Option<(f64, f64)> {
    let at = raw.at.as_ref()?;
    let (lat, lon) = match &at.value {
        AtInput::Point(lat, lon) => (*lat, *lon),
        AtInput::Text(t) => match parse_point(t) {
            Some(pt) => pt,
            None => {
                let msg = format!("invalid point `{}`", echo(t));
                let help = Some("write LAT,LON in degrees, e.g. 21.31,-157.86".to_owned());
                p.push(&at.origin, Code::InvalidCoordinates, msg, help);
                return None;
            }
        },
    };
    if on_globe(lat, lon) {
        return Some((lat, lon));
    }
    let msg = format!("invalid coordinates `{}`", echo(&format!("{lat},{lon}")));
    let help = Some("latitude must be within -90..=90 and longitude within -180..=180".into());
    p.push(&at.origin, Code::InvalidCoordinates, msg, help);
    None
}

/// The instruments assumed in force, each known, with a variant it has.
fn assumptions(ds: &Dataset, raw: &RawEvent, p: &mut Problems) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for a in raw.assume.iter().take(MAX_ASSUMED) {
        if !p.bounded("instrument", a, MAX_CODE) {
            continue;
        }
        let (id, variant) = split_variant(&a.value);
        let Some(treaty) = ds.treaty(id) else {
            let msg = format!("unknown treaty `{}`", echo(id));
            p.push(&a.origin, Code::UnknownTreaty, msg, suggestion(id, ds.treaty_ids()));
            continue;
        };
        if let Some(v) = variant {
            if !treaty.variants().iter().any(|x| x.id() == v) {
                let help = treaty.unknown_variant_help(v);
                let msg = format!("treaty `{id}` has no variant `{}`", echo(v));
                p.push(&a.origin, Code::UnknownVariant, msg, Some(help));
                continue;
            }
        }
        out.push((id.to_owned(), variant.map(str::to_owned)));
    }
    out
}

/// A code that does not resolve, in the words every way in uses (the origin names the role:
/// the `aggressor` or `victim` field, or the value's place in a file).
fn resolve_problem(e: &ResolveError, origin: &Origin, _role: &str) -> Diagnostic {
    let (message, help) = match e {
        ResolveError::Unknown { code, suggestion } => {
            (format!("unknown state `{}`", echo(code)), suggestion.clone())
        }
        ResolveError::NotOnDate { code, date, holders } => {
            (format!("no state held `{}` on {date}", echo(code)), holders.clone())
        }
    };
    Diagnostic::error(Code::UnknownState, message).maybe_help(help).at_origin(origin)
}

/// What the builder found that the checks above could not (the victim taken from a place at
/// sea, an aggressor that is its own victim), at the value it concerns.
fn event_problem(e: &EventError, raw: &RawEvent) -> Diagnostic {
    let origin_of = |g: Option<&Given<String>>, field: &str| {
        g.map_or_else(|| Origin::field(Arc::<str>::from(field)), |g| g.origin.clone())
    };
    let origin = match e {
        EventError::Aggressor(_) => origin_of(raw.aggressor.as_ref(), "aggressor"),
        EventError::Region { .. } => origin_of(raw.region.as_ref(), "region"),
        EventError::Coordinates { .. } => {
            raw.at.as_ref().map_or_else(|| Origin::field("at"), |a| a.origin.clone())
        }
        EventError::Treaty { .. } | EventError::Variant { .. } => {
            origin_of(raw.assume.first(), "assume_in_force")
        }
        EventError::Victim(_) | EventError::SameState(_) | EventError::NoVictim { .. } => {
            origin_of(raw.victim.as_ref(), "victim")
        }
    };
    Diagnostic::error(e.code(), e.to_string()).maybe_help(e.hint()).at_origin(&origin)
}

/// A date given as text, checked: the diagnostic every way in reports for a bad one.
///
/// # Errors
/// An `invalid-date` diagnostic at the value's origin.
pub fn check_date(given: &Given<String>) -> Result<Date, Box<Diagnostic>> {
    parse_date(&given.value).map_err(|why| {
        Box::new(
            Diagnostic::error(Code::InvalidDate, format!("invalid date `{}`", echo(&given.value)))
                .help(why)
                .at_origin(&given.origin),
        )
    })
}

/// Stated facts on their own (a scenario's facts for derived strikes): each known, a boolean,
/// stated once.
///
/// # Errors
/// Every problem.
pub fn check_facts(facts: &[RawFact]) -> Result<BTreeMap<Fact, bool>, Diagnostics> {
    let raw = RawEvent { facts: facts.to_vec(), ..RawEvent::default() };
    let mut p = Problems { diags: Diagnostics::default() };
    let out = self::facts(&raw, &mut p);
    if p.diags.is_empty() {
        Ok(out)
    } else {
        Err(p.diags)
    }
}
