//! `casus cascade` and `casus simulate`.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use std::path::Path;

use casus_core::cascade::{build_graph, check_scenario, read_scenario, CheckedScenario};
use casus_core::diag::Diagnostics;
use casus_core::model::Dataset;
use casus_core::source::SourceFile;

use crate::args::Format;
use crate::output;
use crate::report::Rejected;

#[derive(Debug, clap::Args)]
pub(crate) struct CascadeArgs {
    #[command(flatten)]
    pub(crate) atop: crate::args::AtopArg,
    /// A scenario file (TOML), e.g. data/scenarios/july-1914.toml.
    scenario: PathBuf,
    /// Output format: a memo by round, or JSON (the trace: rounds, events, who entered on
    /// which side under which obligation, who stayed out and why; `POST /v1/cascade`).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Reads a scenario file and checks it against the data: every problem at once.
pub(crate) fn scenario(ds: &Dataset, path: &Path) -> Result<CheckedScenario> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let mut diags = Diagnostics::default();
    let summary = format!("`{}` is not a valid scenario", path.display());
    let Some(sc) = read_scenario(&file, &mut diags) else {
        return Err(Rejected::new(diags, summary).into());
    };
    let classifier = crate::cmd::geo()?;
    let classify = |lat: f64, lon: f64, date: jiff::civil::Date| {
        classifier.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
    };
    check_scenario(ds, &sc, Some(&classify)).map_err(|d| Rejected::new(d, summary).into())
}

/// The scenario's graph.
pub(crate) fn graph(ds: &Dataset, sc: &CheckedScenario) -> Result<casus_core::cascade::Graph> {
    build_graph(ds, sc).map_err(|e| anyhow::anyhow!("{e}"))
}

// Long (about 115 lines): the text rendering of a cascade, round by round, in the order a reader
// follows it (who entered, on which basis, who stayed out and why).
pub(crate) fn cascade(ds: &Dataset, a: &CascadeArgs) -> Result<ExitCode> {
    let sc = scenario(ds, &a.scenario)?;
    let graph = graph(ds, &sc)?;
    let trace = casus_core::cascade::cascade(ds, &graph, &sc);
    if a.format == Format::Json {
        output::json(&trace)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", trace.title, trace.scenario);
    if trace.hypothetical {
        let _ = writeln!(out, "HYPOTHETICAL: rests on instruments assumed in force");
    }
    for r in &trace.rounds {
        let _ = writeln!(out, "\nROUND {}", r.round);
        let mut quiet = Vec::new();
        for e in &r.events {
            if e.derived
                && e.entered.is_empty()
                && e.stayed_out.is_empty()
                && e.undecided.is_empty()
                && e.also_bound.is_empty()
            {
                quiet.push(format!("{}->{}", e.aggressor.code, e.victim.code));
                continue;
            }
            let what = e
                .label
                .clone()
                .unwrap_or_else(|| format!("{} strikes {}", e.aggressor.code, e.victim.code));
            let tag = if e.derived { " (derived)" } else { "" };
            let _ = writeln!(out, "\n  {} {}{tag}", e.date, what);
            for x in &e.entered {
                let side = match x.side {
                    casus_core::cascade::Side::Aggressor => "aggressor's side",
                    casus_core::cascade::Side::Victim => "victim's side",
                };
                if x.basis.is_empty() {
                    let _ = writeln!(out, "    at war: {} ({side})", x.state.code);
                } else {
                    let why: Vec<String> = x
                        .basis
                        .iter()
                        .map(|b| {
                            let v =
                                b.variant.as_ref().map_or_else(String::new, |v| format!(":{v}"));
                            let h = if b.hypothetical { ", hypothetical" } else { "" };
                            format!("{}{v} Art {} ({}{h})", b.treaty, b.article, b.strength)
                        })
                        .collect();
                    let _ = writeln!(
                        out,
                        "    joins: {} ({side}) under {}",
                        x.state.code,
                        why.join("; ")
                    );
                    let mut caveats: Vec<String> = x
                        .basis
                        .iter()
                        .flat_map(|b| b.caveats.iter().map(|c| c.to_string()))
                        .collect();
                    caveats.sort();
                    caveats.dedup();
                    for c in caveats {
                        let _ = writeln!(out, "      ! {c}");
                    }
                }
            }
            for x in &e.also_bound {
                let why: Vec<String> = x
                    .basis
                    .iter()
                    .map(|b| format!("{} Art {} ({})", b.treaty, b.article, b.strength))
                    .collect();
                let _ = writeln!(
                    out,
                    "    also bound (already at war on this side): {} under {}",
                    x.state.code,
                    why.join("; ")
                );
            }
            for s in &e.stayed_out {
                let _ =
                    writeln!(out, "    stays out: {} ({}): {}", s.state.code, s.treaty, s.reason);
            }
            for u in &e.undecided {
                let _ = writeln!(out, "    undecided: {u}");
            }
        }
        if !quiet.is_empty() {
            let _ = writeln!(
                out,
                "\n  {} further strikes bring no one new in: {}",
                quiet.len(),
                quiet.join(", ")
            );
        }
    }
    let codes = |v: &[casus_core::eval::StateRef]| {
        v.iter().map(|s| s.code.as_ref()).collect::<Vec<&str>>().join(", ")
    };
    let _ = writeln!(
        out,
        "\naggressor's side ({}): {}",
        trace.aggressor_side.len(),
        codes(&trace.aggressor_side)
    );
    let _ =
        writeln!(out, "victim's side ({}): {}", trace.victim_side.len(), codes(&trace.victim_side));
    let _ = writeln!(
        out,
        "{}",
        if trace.fixed_point { "fixed point reached" } else { "stopped at the round limit" }
    );
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
