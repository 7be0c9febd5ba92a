//! Scenario files as written (checked by `check::scenario`; run by `cascade`).
//!
//! ```toml
//! id = "estonia-2026"
//! title = "Russia attacks Estonia; allies strike Russian territory"
//!
//! [rules]
//! escalation = "strike-aggressor-territory"   # or "stay-on-victim-soil"
//! derived-facts = { provoked = true, state-of-war = true }
//! assume-in-force = []
//! max-rounds = 8
//!
//! [[source]]
//! id = "s"
//! citation = "..."
//!
//! [[event]]
//! date = 2026-01-01
//! aggressor = "RUS"
//! victim = "EST"
//! target = "territory"            # optional
//! region = "EE"                   # optional; or place = { lat = 59.4, lon = 24.7 }
//! facts = { requested = true }    # optional
//! label = "Russian forces cross into Ida-Viru county"
//! source = "s"                    # optional for hypothetical events
//! time = "19:00"                  # optional: events of one day run in time order
//! order = 1                       # optional: the day's sequence where hours are unknown
//! ```
//!
//! Events of one day run in time order (timed events first), then by `order`, then by codes:
//! the order they are written in never matters.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::reader::{parse_document, TableReader};
use super::schema;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::input::{echo, Given, RawEvent};
use crate::model::Fact;
use crate::source::SourceFile;

/// What states that come to a victim's aid do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Escalation {
    /// They strike the attacker's territory, which may bring in the attacker's allies.
    StrikeAggressorTerritory,
    /// They fight on the victim's soil only: no new events.
    StayOnVictimSoil,
}

/// One given event of a scenario, as written (checked by [`crate::check::check_scenario`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioEvent {
    /// The attack.
    pub event: RawEvent,
    /// What happened.
    pub label: Option<String>,
    /// Citation text, if any.
    pub source: Option<String>,
    /// The time of day, where the sources give it: events of one day run in this order.
    pub time: Option<jiff::civil::Time>,
    /// Its place among the events of its day, where the sources give the sequence but not
    /// the hours (after the timed ones).
    pub order: Option<i64>,
}

/// A scenario as written: its events are raw until [`crate::check::check_scenario`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The scenario's stable id, as its file writes it.
    pub id: String,
    /// The scenario's title: what it plays out.
    pub title: String,
    /// Escalation rule.
    pub escalation: Escalation,
    /// Facts every derived event states (a derived strike answers the struck state's own
    /// belligerence, so by default `provoked = true` and `state-of-war = true`).
    pub derived_facts: BTreeMap<Fact, bool>,
    /// Proposals assumed in force for every event, `id` or `id:variant`.
    pub assume_in_force: Vec<Given<String>>,
    /// Round limit (a safety net; cascades reach a fixed point on their own).
    pub max_rounds: u32,
    /// Given events, in the order written.
    pub events: Vec<ScenarioEvent>,
}

fn facts_table(
    r: &TableReader<'_, '_>,
    key: &str,
    file: &Arc<SourceFile>,
    diags: &mut Diagnostics,
) -> BTreeMap<Fact, bool> {
    let mut out = BTreeMap::new();
    for (t, span) in r.tables(key, diags) {
        let fr = TableReader::new(file, t, span, &schema::FACTS, diags);
        for f in Fact::ALL {
            if let Some(v) = fr.bool(f.as_str(), diags) {
                out.insert(*f, v.value);
            }
        }
    }
    out
}

/// Reads every `*.toml` scenario in `dir`, in file-name order. Problems (an unreadable file, a
/// bad scenario, two scenarios with one id) become diagnostics; a directory that does not
/// exist holds no scenarios.
pub fn read_scenarios(dir: &std::path::Path, diags: &mut Diagnostics) -> Vec<Scenario> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut out: Vec<Scenario> = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let file = SourceFile::new(name.clone(), text);
                if let Some(s) = read_scenario(&file, diags) {
                    if out.iter().any(|o| o.id == s.id) {
                        diags.push(Diagnostic::error(
                            Code::DuplicateId,
                            format!("duplicate scenario id `{}` in {name}", s.id),
                        ));
                    } else {
                        out.push(s);
                    }
                }
            }
            Err(e) => diags.push(Diagnostic::error(Code::Io, format!("cannot read {name}: {e}"))),
        }
    }
    out
}

/// Reads a scenario file. Problems become diagnostics (added to `diags`); `None` if the file
/// has any, whatever `diags` held before.
pub fn read_scenario(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Option<Scenario> {
    let mut own = Diagnostics::default();
    let scenario = read_scenario_into(file, &mut own);
    let failed = own.has_errors();
    diags.extend(own);
    scenario.filter(|_| !failed)
}

fn read_scenario_into(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Option<Scenario> {
    let doc = parse_document(file, diags);
    let top = TableReader::new(file, doc.get_ref(), doc.span(), &schema::SCENARIO, diags);
    let id = top.req_str("id", diags);
    let title = top.str("title", diags);
    let _ = top.str("note", diags);
    let mut sources = BTreeMap::new();
    for (t, span) in top.tables("source", diags) {
        let r = TableReader::new(file, t, span, &schema::SOURCE, diags);
        let (id, citation, url) =
            (r.req_str("id", diags), r.req_str("citation", diags), r.str("url", diags));
        if let (Some(i), Some(c)) = (id, citation) {
            let url = url.map_or_else(String::new, |u| format!(" <{}>", u.value));
            sources.insert(i.value, format!("{}{url}", c.value));
        }
    }
    let mut scenario = Scenario {
        id: id.map(|i| i.value).unwrap_or_default(),
        title: title.map(|t| t.value).unwrap_or_default(),
        escalation: Escalation::StrikeAggressorTerritory,
        derived_facts: BTreeMap::from([(Fact::Provoked, true), (Fact::StateOfWar, true)]),
        assume_in_force: Vec::new(),
        max_rounds: 16,
        events: Vec::new(),
    };
    for (t, span) in top.tables("rules", diags) {
        let r = TableReader::new(file, t, span, &schema::RULES, diags);
        if let Some(e) = r.str("escalation", diags) {
            scenario.escalation = match e.value.as_str() {
                "strike-aggressor-territory" => Escalation::StrikeAggressorTerritory,
                "stay-on-victim-soil" => Escalation::StayOnVictimSoil,
                other => {
                    diags.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            format!("unknown escalation `{other}`"),
                        )
                        .at(r.loc(e.span))
                        .help("one of: strike-aggressor-territory, stay-on-victim-soil"),
                    );
                    Escalation::StrikeAggressorTerritory
                }
            };
        }
        if r.has("derived-facts") {
            scenario.derived_facts = facts_table(&r, "derived-facts", file, diags);
        }
        scenario.assume_in_force = r.given_list("assume-in-force", diags);
        if let Some(m) = r.int("max-rounds", diags) {
            scenario.max_rounds = u32::try_from(m.value).unwrap_or(16).clamp(1, 64);
        }
    }
    for (t, span) in top.tables("event", diags) {
        let r = TableReader::new(file, t, span.clone(), &schema::SCENARIO_EVENT, diags);
        let source = r.str("source", diags).and_then(|s| match sources.get(&s.value) {
            Some(c) => Some(c.clone()),
            None => {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownSource,
                        format!("unknown source `{}`", echo(&s.value)),
                    )
                    .at(r.loc(s.span)),
                );
                None
            }
        });
        let event = r.event(false, diags);
        let label = r.str("label", diags).map(|x| x.value);
        let time = r.str("time", diags).and_then(|t| match t.value.parse::<jiff::civil::Time>() {
            Ok(time) if t.value.len() == 5 => Some(time),
            _ => {
                let msg = format!("`{}` is not a time of day", echo(&t.value));
                diags.push(
                    Diagnostic::error(Code::InvalidValue, msg)
                        .at(r.loc(t.span))
                        .help("write HH:MM, 24-hour (`time = \"19:00\"`)"),
                );
                None
            }
        });
        let order = r.int("order", diags).map(|o| o.value);
        scenario.events.push(ScenarioEvent { event, label, source, time, order });
    }
    if scenario.events.is_empty() {
        diags.push(
            Diagnostic::error(Code::MissingKey, "a scenario needs at least one [[event]]")
                .at(crate::source::Loc::new(file, doc.span())),
        );
    }
    Some(scenario)
}
