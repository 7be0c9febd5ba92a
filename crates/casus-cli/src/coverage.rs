//! `casus coverage`: what the data holds, by era and continent, what it is missing, and (with
//! ATOP's member file) how it compares with ATOP.

use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use casus_core::model::Dataset;
use casus_export::{AtopComparison, Coverage, Obligations, System, ERAS};
use jiff::civil::Date;

use crate::args::Format;
use crate::output;

/// Runs `casus coverage`; `atop` is ATOP's member-level file, if the user has one.
pub(crate) fn coverage(
    ds: &Dataset,
    date: Date,
    atop: Option<&Path>,
    format: Format,
) -> Result<ExitCode> {
    let c = Coverage::of(ds, date);
    let compared = match atop {
        Some(path) => {
            let atop = Obligations::from_atop_file(path, ds.registry(), System::Cow)?;
            let bundled = Obligations::bundled(ds, System::Cow, "");
            Some(c.compare_with_atop(ds, &atop, &bundled))
        }
        None => None,
    };
    if format == Format::Json {
        output::json(&serde_json::json!({ "coverage": c, "atop": compared }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = report(&c);
    match &compared {
        Some(a) => atop_report(&mut out, a),
        None => out.push_str(
            "\nATOP: not compared (give `--atop PATH` or CASUS_ATOP: ATOP's member-level file, \
             atop5_1m.csv, from atopdata.org)\n",
        ),
    }
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn report(c: &Coverage) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} instruments; {} in force on {}; {} party or status facts marked uncertain",
        c.treaties,
        c.in_force.len(),
        c.date,
        c.uncertain_facts
    );
    let _ = writeln!(out, "\nby era of conclusion (instruments that entered into force):");
    for (_, _, name) in ERAS {
        let n = c.by_era.get(name).map_or(0, Vec::len);
        let _ = writeln!(out, "  {name:<22} {n:>3}");
    }
    let _ = writeln!(out, "  never in force          {:>3}", c.never_in_force.len());
    let _ =
        writeln!(out, "\nby continent of the parties (an instrument counts once per continent):");
    for (k, set) in &c.by_continent {
        let _ = writeln!(out, "  {k:<14} {:>3}", set.len());
    }
    if !c.continent_unknown.is_empty() {
        let list: Vec<&str> = c.continent_unknown.iter().map(String::as_str).collect();
        let _ = writeln!(out, "  parties of no known continent: {}", list.join(" "));
    }
    let _ = writeln!(
        out,
        "\nno defence commitment in force on {}: {} states",
        c.date,
        c.without_defence.len()
    );
    wrap(&mut out, &c.without_defence);
    if !c.with_other_commitment_only.is_empty() {
        let _ = writeln!(out, "  of which with a consultation or other commitment only:");
        wrap(&mut out, &c.with_other_commitment_only);
    }
    if !c.none_in_sources.is_empty() {
        let codes: Vec<String> = c.none_in_sources.keys().cloned().collect();
        let _ = writeln!(
            out,
            "  of which with none in the sources (no-commitments.toml; `--format json` says why):"
        );
        wrap(&mut out, &codes);
    }
    if !c.not_yet_searched.is_empty() {
        let _ = writeln!(out, "  of which not yet searched:");
        wrap(&mut out, &c.not_yet_searched);
    }
    out
}

fn atop_report(out: &mut String, a: &AtopComparison) {
    let _ = writeln!(
        out,
        "\nATOP (member file), on {}: {} defence pacts in force; {} carried by a treaty file, {} not",
        a.day,
        a.atop_defence_pacts.len(),
        a.curated.len(),
        a.missing.len()
    );
    if !a.missing.is_empty() {
        let ids: Vec<String> = a.missing.iter().map(u32::to_string).collect();
        let _ = writeln!(out, "  missing atopids:");
        wrap(out, &ids);
    }
    let _ = writeln!(
        out,
        "  states with a defence commitment in ATOP but not in the data: {}",
        a.states_atop_only.len()
    );
    wrap(out, &a.states_atop_only);
    let _ = writeln!(
        out,
        "  states with a defence commitment in the data but not in ATOP: {}",
        a.states_casus_only.len()
    );
    wrap(out, &a.states_casus_only);
}

/// A list of codes, indented, about 90 characters a line.
fn wrap(out: &mut String, items: &[String]) {
    let mut line = String::from("   ");
    for c in items {
        if line.len() > 90 {
            let _ = writeln!(out, "{line}");
            line = String::from("   ");
        }
        line.push(' ');
        line.push_str(c);
    }
    if !line.trim().is_empty() {
        let _ = writeln!(out, "{line}");
    }
}
