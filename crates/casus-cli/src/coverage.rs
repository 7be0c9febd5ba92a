//! `casus coverage`: what the data holds, by region and era, and what it is missing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::process::ExitCode;

use anyhow::Result;
use casus_core::model::{Dataset, ObligationKind, StatusKind};
use jiff::civil::Date;

use crate::args::Format;
use crate::output;

const ERAS: &[(i16, i16, &str)] = &[
    (i16::MIN, 1815, "before 1815"),
    (1815, 1914, "1815-1913"),
    (1914, 1945, "1914-1944"),
    (1945, 1991, "1945-1990 (Cold War)"),
    (1991, i16::MAX, "since 1991"),
];

fn era(year: i16) -> &'static str {
    ERAS.iter().find(|(a, b, _)| (*a..*b).contains(&year)).map_or("?", |(_, _, n)| *n)
}

pub(crate) fn coverage(ds: &Dataset, date: Date, format: Format) -> Result<ExitCode> {
    let reg = ds.registry();
    let mut by_era: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut by_continent: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut in_force = Vec::new();
    let mut uncertain = 0usize;
    let mut covered_today: BTreeSet<String> = BTreeSet::new();
    for t in ds.treaties() {
        let start = t
            .statuses()
            .iter()
            .find(|s| s.status() == StatusKind::InForce)
            .or(t.statuses().first());
        let year = start.map_or(0, |s| s.date().year());
        by_era.entry(era(year)).or_default().push(t.id().as_str());
        let facts = t.parties().iter().filter(|m| m.sourcing().uncertain().is_some()).count()
            + t.statuses().iter().filter(|s| s.sourcing().uncertain().is_some()).count();
        uncertain += facts;
        for m in t.parties() {
            let Some(id) = m.state_on(m.interval().from()) else { continue };
            let continent = reg
                .get(id)
                .and_then(|s| s.home())
                .and_then(|h| ds.regions().facts(h))
                .and_then(|f| f.continent)
                .and_then(|c| c.first().cloned())
                .unwrap_or_else(|| "unknown".to_owned());
            by_continent.entry(continent).or_default().insert(t.id().as_str());
        }
        let assists = t.obligations().iter().any(|o| o.kind() == ObligationKind::Defense);
        if t.in_force_on(date) {
            in_force.push(t.id().as_str());
            if assists {
                for p in t.parties_on(date) {
                    covered_today.insert(reg.code(p).to_owned());
                }
            }
        }
    }
    let today: Vec<String> = reg.on(date).into_iter().map(|id| reg.code(id).to_owned()).collect();
    let without: Vec<&str> =
        today.iter().filter(|c| !covered_today.contains(*c)).map(String::as_str).collect();
    if format == Format::Json {
        output::json(&serde_json::json!({
            "date": date,
            "treaties": ds.treaties().len(),
            "by_era": by_era,
            "by_continent": by_continent,
            "in_force": in_force,
            "uncertain_facts": uncertain,
            "states_without_a_defence_commitment_in_the_data": without,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} instruments; {} in force on {date}; {uncertain} party or status facts marked uncertain",
        ds.treaties().len(),
        in_force.len()
    );
    let _ = writeln!(out, "\nby era of entry into force:");
    for (_, _, name) in ERAS {
        let list = by_era.get(name).map(Vec::len).unwrap_or(0);
        let _ = writeln!(out, "  {name:<22} {list:>3}");
    }
    let _ =
        writeln!(out, "\nby continent of the parties (an instrument counts once per continent):");
    for (c, set) in &by_continent {
        let _ = writeln!(out, "  {c:<14} {:>3}", set.len());
    }
    let _ = writeln!(out, "\nmissing: {} of {} states existing on {date} have no defence commitment in force in the data:", without.len(), today.len());
    let mut line = String::from("  ");
    for c in &without {
        if line.len() > 90 {
            let _ = writeln!(out, "{line}");
            line = String::from("  ");
        }
        line.push_str(c);
        line.push(' ');
    }
    let _ = writeln!(out, "{line}");
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
