//! `casus compare`: instruments side by side, and the attacks on which they differ.

use std::fmt::Write;
use std::process::ExitCode;

use anyhow::Result;
use casus_core::compare::{
    compare as run, resolve, Comparison, Counterexample, ObligationProfile, Options, Profile, Side,
};
use casus_core::model::Dataset;
use jiff::civil::Date;

use crate::args::BriefFormat;
use crate::cmd::{geo, parse_date};
use crate::memo::wrap;
use crate::output;
use crate::report::Rejected;

#[derive(Debug, clap::Args)]
pub(crate) struct CompareArgs {
    /// The instruments: `ID`, or `ID:VARIANT` for one variant of a proposal (a proposal named
    /// without a variant stands for every variant of the version in effect on the date).
    #[arg(required = true, value_name = "ID[:VARIANT]")]
    items: Vec<String>,
    /// The date the instruments are read on, and the first date searched (default: today).
    #[arg(long, allow_hyphen_values = true)]
    date: Option<String>,
    /// Counterexamples shown per pair of instruments.
    #[arg(long = "max", default_value_t = 5)]
    max: usize,
    /// Boundary dates (entry into force, accessions, versions) are searched this many years
    /// either side of the date.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(i16).range(0..=200))]
    window_years: i16,
    /// At most this many attacks are evaluated; the output says if the search was cut off.
    #[arg(long, default_value_t = 200_000)]
    max_attacks: usize,
    /// Output format: text, JSON (documented in casus-core `compare`: `{date, hypothetical,
    /// items: [Profile], pairs: [{a, b, found, counterexamples}], search}`), or a Markdown brief.
    #[arg(long, value_enum, default_value = "text")]
    format: BriefFormat,
}

/// Runs `casus compare`.
pub(crate) fn compare(ds: &Dataset, args: &CompareArgs) -> Result<ExitCode> {
    let date = parse_date(args.date.as_deref())?;
    let asked: Vec<(String, Option<String>)> = args
        .items
        .iter()
        .map(|i| match i.split_once(':') {
            Some((t, v)) => (t.trim().to_owned(), Some(v.trim().to_owned())),
            None => (i.trim().to_owned(), None),
        })
        .collect();
    let items =
        resolve(ds, &asked, date).map_err(|d| Rejected::new(d, "invalid comparison".to_owned()))?;
    let classifier = geo()?;
    let classify = |lat: f64, lon: f64, d: Date| {
        classifier.classify(lat, lon, d, ds.regions()).map_err(|e| e.to_string())
    };
    let mut options = Options::new(date);
    options.max_per_pair = args.max;
    options.window_years = args.window_years;
    options.max_attacks = args.max_attacks;
    options.classify = Some(&classify);
    let c = run(ds, &items, &options);
    match args.format {
        BriefFormat::Json => output::json(&c)?,
        BriefFormat::Text => output::print(&text(&c))?,
        BriefFormat::Markdown => output::print(&crate::brief::comparison(&c))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The states a side binds, in words.
pub(crate) fn binds(s: &Side) -> String {
    let mut out = if s.bound.is_empty() {
        "binds no one".to_owned()
    } else {
        format!("binds {}", s.bound.join(", "))
    };
    if !s.undecided.is_empty() {
        let _ = write!(out, " (undecided for lack of a fact: {})", s.undecided.join(", "));
    }
    if let (true, Some(why)) = (s.bound.is_empty(), &s.why) {
        let _ = write!(out, " ({}: {})", why.code, why.text);
    }
    out
}

/// A counterexample in one sentence.
pub(crate) fn sentence(c: &Counterexample, a: &str, b: &str) -> String {
    format!(
        "{} attacks {} at {} on {} ({}): {a} {}; {b} {}",
        c.aggressor.code,
        c.victim.code,
        c.place.label,
        c.date,
        c.target,
        binds(&c.a),
        binds(&c.b)
    )
}

/// Who an obligation binds, to whom, on what trigger, in words (shared by text and Markdown).
pub(crate) fn obligation_lines(o: &ObligationProfile) -> Vec<(&'static str, String)> {
    let list = |rule: &str, states: &[String]| match rule {
        "parties" => format!("the parties ({} on the date): {}", states.len(), states.join(", ")),
        "american-states" => format!("every American State ({})", states.len()),
        _ if states.is_empty() => "no one".to_owned(),
        _ => states.join(", "),
    };
    let attack = match o.attack_by.rule {
        "anyone" => "an armed attack by anyone (non-state attackers included)".to_owned(),
        "any-state" => "an armed attack by a state".to_owned(),
        _ => format!(
            "an armed attack by {}",
            o.attack_by.label.clone().unwrap_or_else(|| o.attack_by.states.join(", "))
        ),
    };
    let targets: Vec<&str> = o.targets.iter().map(|t| t.as_str()).collect();
    let conditions: Vec<String> = o
        .conditions
        .iter()
        .map(|c| {
            let words = c.text.as_deref().map_or_else(String::new, |t| format!(" (\"{t}\")"));
            format!("{} = {}, if unknown {}{words}", c.fact, c.must_be, c.if_unknown)
        })
        .collect();
    let mut out = vec![
        ("bound", list(o.obligors.rule, &o.obligors.states)),
        ("owed to", list(o.beneficiaries.rule, &o.beneficiaries.states)),
        ("trigger", format!("{attack}, on {}", targets.join(", "))),
        (
            "conditions",
            if conditions.is_empty() { "none".to_owned() } else { conditions.join("; ") },
        ),
        (
            "scope",
            if o.scope.is_empty() { "no geographic limit".to_owned() } else { o.scope.join("; ") },
        ),
    ];
    if o.from.is_some() || o.until.is_some() {
        let from = o.from.map_or_else(|| "the start".to_owned(), |d| d.to_string());
        let until = o.until.map_or_else(|| "open".to_owned(), |d| d.to_string());
        out.push(("applies", format!("from {from} until {until}")));
    }
    out
}

/// The heading of a profile.
pub(crate) fn title(p: &Profile) -> String {
    let short = p.short_title.as_deref().map_or_else(String::new, |s| format!(" ({s})"));
    let mut h = format!("{}{short}", p.title);
    if let Some(v) = &p.variant {
        let _ = write!(h, ", variant `{}`: {}", v.id, v.form);
    }
    h
}

/// The version lines of a proposal's profile.
pub(crate) fn version_line(p: &Profile) -> Option<String> {
    let own = p.variant.as_ref().and_then(|v| v.version.as_ref());
    let now = p.version_in_effect.as_ref();
    match (own, now) {
        (None, None) => None,
        (Some(o), Some(n)) if o.id == n.id => {
            Some(format!("`{}` of {} ({}), in effect on the date", o.id, o.date, o.title))
        }
        (Some(o), _) => Some(format!("`{}` of {} ({})", o.id, o.date, o.title)),
        (None, Some(n)) => {
            Some(format!("in effect on the date: `{}` of {} ({})", n.id, n.date, n.title))
        }
    }
}

/// The text view of a comparison.
pub(crate) fn text(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Comparison on {}", c.date);
    if c.hypothetical {
        let _ = writeln!(out, "HYPOTHETICAL: proposals are compared as if in force");
    }
    for (i, p) in c.items.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n[{}] {}{}",
            i + 1,
            p.key,
            if p.hypothetical { " [HYPOTHETICAL]" } else { "" }
        );
        wrap(&mut out, "  ", &title(p));
        wrap(&mut out, "  status: ", &p.status);
        if let Some(v) = version_line(p) {
            wrap(&mut out, "  version: ", &v);
        }
        if let Some(why) = &p.on_the_table {
            wrap(&mut out, "  not on the table on the date: ", why);
        }
        wrap(&mut out, "  duration: ", &p.duration);
        for o in &p.obligations {
            let _ = writeln!(out, "  {} ({}, {})", o.obligation, o.kind, o.strength);
            for (k, v) in obligation_lines(o) {
                wrap(&mut out, &format!("    {k}: "), &v);
            }
            if let Some(a) = &o.article {
                wrap(&mut out, "    > ", &format!("{}: \"{}\" [{}]", a.title, a.quote, a.quality));
            }
        }
        let _ = writeln!(out, "  sources:");
        for s in &p.sources {
            let url = s.url.as_ref().map_or_else(String::new, |u| format!(" <{u}>"));
            wrap(&mut out, "    - ", &format!("{}{url}", s.citation));
        }
    }
    let _ = writeln!(out, "\nCOUNTEREXAMPLES");
    for pair in &c.pairs {
        let _ = writeln!(
            out,
            "\n{} vs {}: {} found, {} shown",
            pair.a,
            pair.b,
            pair.found,
            pair.counterexamples.len()
        );
        if pair.found == 0 {
            let _ = writeln!(out, "  none: on every attack searched they bind the same states");
        }
        for (n, e) in pair.counterexamples.iter().enumerate() {
            wrap(&mut out, &format!("  {}. ", n + 1), &sentence(e, &pair.a, &pair.b));
        }
    }
    let _ = writeln!(out);
    wrap(&mut out, "search: ", &search_line(c));
    out
}

/// What the search covered, in a sentence.
pub(crate) fn search_line(c: &Comparison) -> String {
    let s = &c.search;
    let cut = if s.cut_off {
        format!("; CUT OFF after {} attacks (raise --max-attacks)", s.evaluated)
    } else {
        String::new()
    };
    let seas = if s.seas.is_empty() {
        String::new()
    } else {
        format!(", a point in each of {}", s.seas.join(", "))
    };
    format!(
        "{} of {} attacks evaluated: {} dates (boundary dates within {} years, each with the day \
         before), {} victims, aggressors {}, their metropolitan territory, overseas and occupied \
         regions{seas}, four targets{cut}",
        s.evaluated,
        s.attacks,
        s.dates.len(),
        s.window_years,
        s.victims.len(),
        s.aggressors.join(", "),
    )
}

#[cfg(test)]
mod tests {
    use casus_core::compare::SEA_POINTS;
    use casus_core::{load, DataPaths};

    /// Every sea point of the search lies in open water in its own sea, away from any coast:
    /// an attack there is an attack in that sea and nowhere else.
    #[test]
    fn every_sea_point_is_in_its_sea() {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
        let checked = load(&DataPaths::in_dir(data));
        let geo = casus_geo::Classifier::new().unwrap_or_else(|e| panic!("{e}"));
        let date = jiff::civil::date(2026, 1, 1);
        for (sea, lat, lon) in SEA_POINTS {
            let facts = geo
                .classify(*lat, *lon, date, checked.dataset().regions())
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|| panic!("{sea}: nothing known at {lat}, {lon}"));
            assert!(facts.at_sea && !facts.territorial_sea && !facts.shore, "{sea}: {facts:?}");
            let seas = facts.sea.clone().unwrap_or_default();
            assert!(seas.iter().any(|s| s == sea), "{sea}: in {seas:?}");
        }
    }
}
