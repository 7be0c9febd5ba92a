//! What the `casus` command and the Python package share, written once: the attack as the
//! `check` flags (or Python keywords) give it, a treaty on a date and the states existing on a
//! date as JSON, and the years a dyad frame may span.

use casus_core::input::{AtInput, DateInput, FactValue, Given, RawEvent, RawFact};
use casus_core::model::{Dataset, Treaty};
use jiff::civil::Date;

/// An attack as `casus check`'s flags give it, each value as typed: the command line and the
/// Python package's `casus.check` build the same [`RawEvent`] from it, so that both go through
/// the one validation with the same field names in their messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckQuery {
    /// `--aggressor`.
    pub aggressor: Option<String>,
    /// `--victim`.
    pub victim: Option<String>,
    /// `--date`, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `--region`.
    pub region: Option<String>,
    /// `--at`, `LAT,LON`.
    pub at: Option<String>,
    /// `--target` (`territory` unless given).
    pub target: String,
    /// `--fact NAME=BOOL`, each as typed.
    pub facts: Vec<String>,
    /// `--assume-in-force ID[:VARIANT]`.
    pub assume: Vec<String>,
}

impl CheckQuery {
    /// The event as given, each value naming its field as the JSON API names it (`victim`,
    /// `facts[0]`, `assume_in_force[1]`), for [`casus_core::input::check_event`].
    pub fn raw_event(&self) -> RawEvent {
        let field = |v: &String, name: &str| Given::field(v.clone(), name);
        let facts = self
            .facts
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let (name, value) = f.split_once('=').unwrap_or((f.as_str(), ""));
                let at = format!("facts[{i}]");
                RawFact {
                    name: Given::field(name.trim().to_owned(), at.clone()),
                    value: Given::field(FactValue::Text(value.trim().to_owned()), at),
                }
            })
            .collect();
        RawEvent {
            aggressor: self.aggressor.as_ref().map(|v| field(v, "aggressor")),
            victim: self.victim.as_ref().map(|v| field(v, "victim")),
            date: self.date.as_ref().map(|d| Given::field(DateInput::Text(d.clone()), "date")),
            region: self.region.as_ref().map(|r| field(r, "region")),
            at: self.at.as_ref().map(|p| Given::field(AtInput::Text(p.clone()), "at")),
            place_label: None,
            target: Some(field(&self.target, "target")),
            facts,
            assume: self
                .assume
                .iter()
                .enumerate()
                .map(|(i, x)| Given::field(x.clone(), format!("assume_in_force[{i}]")))
                .collect(),
        }
    }
}

/// A treaty on a date, as `casus treaty --format json` prints it: identity, status, parties
/// on the date, memberships, articles, obligations, variants, scopes, areas, sources.
pub fn treaty_on(ds: &Dataset, t: &Treaty, date: Date) -> serde_json::Value {
    let reg = ds.registry();
    serde_json::json!({
        "id": t.id(),
        "title": t.title(),
        "kind": t.kind(),
        "atopid": t.atopid(),
        "date": date,
        "in_force": t.in_force_on(date),
        "status": t.statuses().iter().map(|s| serde_json::json!({"status": s.status(), "date": s.date(), "uncertain": s.sourcing().uncertain()})).collect::<Vec<_>>(),
        "parties_on_date": t.parties_on(date).iter().map(|p| reg.code(*p)).collect::<Vec<_>>(),
        "memberships": t.parties().iter().map(|m| serde_json::json!({"state": m.code(), "joined": m.interval().from(), "left": m.interval().until(), "uncertain": m.sourcing().uncertain()})).collect::<Vec<_>>(),
        "articles": t.articles().iter().map(|a| serde_json::json!({"id": a.id(), "title": a.title(), "text": a.text(), "quality": a.quality()})).collect::<Vec<_>>(),
        "obligations": t.obligations().iter().map(|o| serde_json::json!({"id": o.id(), "kind": o.kind(), "strength": o.strength()})).collect::<Vec<_>>(),
        "variants": t.variants().iter().map(|v| serde_json::json!({"id": v.id(), "title": v.title(), "form": v.form()})).collect::<Vec<_>>(),
        "scopes": t.scopes().iter().map(|sc| serde_json::json!({"id": sc.id(), "article": sc.article(), "from": sc.interval().map(|i| i.from()), "until": sc.interval().and_then(|i| i.until()), "clauses": sc.clauses().iter().map(|c| c.label()).collect::<Vec<_>>(), "reading": sc.reading()})).collect::<Vec<_>>(),
        "areas": ds.regions().areas().of_treaty(t.id().as_str()).map(|a| &a.id).collect::<Vec<_>>(),
        "sources": t.sources(),
    })
}

/// The states existing on a date with their codes, as `casus states --format json` prints
/// them: `{"date", "states": [{code, name, iso3, iso2, cow, cow_abb, gw}]}`.
pub fn states_on(ds: &Dataset, date: Date) -> serde_json::Value {
    let reg = ds.registry();
    let rows: Vec<serde_json::Value> = reg
        .on(date)
        .into_iter()
        .filter_map(|id| reg.get(id))
        .map(|s| {
            serde_json::json!({
                "code": s.code(), "name": s.name_on(date), "iso3": s.iso3(), "iso2": s.iso2(),
                "cow": s.cow(), "cow_abb": s.cow_abb(), "gw": s.gw_on(date),
            })
        })
        .collect();
    serde_json::json!({ "date": date, "states": rows })
}

/// The first year of the state systems: COW and G–W begin in 1816 and run to the present.
pub const FIRST_YEAR: i16 = 1816;

/// Rejects a year range the data cannot fill, naming the range it can; `names` are what the
/// caller calls the two bounds (`--from`/`--to` on the command line).
///
/// # Errors
/// Every problem, joined with `; `: a bound outside 1816 to `this_year`, or `from` after `to`.
pub fn check_years(from: i16, to: i16, this_year: i16, names: [&str; 2]) -> Result<(), String> {
    let mut problems = Vec::new();
    for (flag, y) in names.iter().zip([from, to]) {
        if !(FIRST_YEAR..=this_year).contains(&y) {
            problems.push(format!(
                "{flag} {y} is outside the years the data covers, {FIRST_YEAR} to {this_year}"
            ));
        }
    }
    if from > to {
        let [f, t] = names;
        problems.push(format!("{f} {from} is after {t} {to}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}
