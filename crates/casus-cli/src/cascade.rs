//! `casus cascade` and `casus simulate`.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

use casus_core::cascade::{
    build_graph, check_scenario, parse_weights, read_scenario, read_weights_csv, CheckedScenario,
    Credibility, Setting, SimulationOptions,
};
use casus_core::diag::Diagnostics;
use casus_core::input::Origin;
use casus_core::model::{Dataset, StateId};
use casus_core::source::SourceFile;

use crate::args::Format;
use crate::output;
use crate::report::Rejected;

#[derive(Debug, clap::Args)]
pub(crate) struct CascadeArgs {
    /// A scenario file (TOML), e.g. data/scenarios/july-1914.toml.
    scenario: PathBuf,
    /// Output format: a memo by round, or JSON (the trace: rounds, events, who entered on
    /// which side under which obligation, who stayed out and why; `POST /v1/cascade`).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub(crate) struct SimulateArgs {
    /// A scenario file (TOML).
    scenario: PathBuf,
    /// Number of samples, 1 to 100,000,000.
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    samples: u64,
    /// Seed: the same seed gives the same result, whatever the number of threads.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Credibility overrides: STATE=P, TREATY=P or STATE@TREATY=P.
    #[arg(long = "credibility", value_name = "KEY=P")]
    credibility: Vec<String>,
    /// A CSV of weights per state (`code,weight`, e.g. capabilities or GDP) for the balance.
    #[arg(long)]
    weights: Option<PathBuf>,
    /// Worker threads, 1 to 256 (default: the machine's cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
    /// Output format: a report, or JSON (entry probabilities, coalition sizes, balance,
    /// credibility used; `POST /v1/simulate`).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Reads a scenario file and checks it against the data: every problem at once.
fn scenario(ds: &Dataset, path: &Path) -> Result<CheckedScenario> {
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
fn graph(ds: &Dataset, sc: &CheckedScenario) -> Result<casus_core::cascade::Graph> {
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

/// Reads a weights file (`code,weight` per line) and checks it: every problem at once.
fn weights(ds: &Dataset, path: &Path, date: jiff::civil::Date) -> Result<BTreeMap<StateId, f64>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let mut diags = Diagnostics::default();
    let settings = read_weights_csv(&file, &mut diags);
    let summary = format!("`{}` is not a valid weights file", path.display());
    if diags.has_errors() {
        return Err(Rejected::new(diags, summary).into());
    }
    parse_weights(ds, date, &settings).map_err(|d| Rejected::new(d, summary).into())
}

pub(crate) fn simulate(ds: &Dataset, a: &SimulateArgs) -> Result<ExitCode> {
    let sc = scenario(ds, &a.scenario)?;
    let graph = graph(ds, &sc)?;
    let date = sc.first_date().context("the scenario has no event")?;
    let settings: Vec<Setting> = a
        .credibility
        .iter()
        .enumerate()
        .map(|(i, c)| Setting::assignment(c, Origin::field(format!("credibility[{i}]"))))
        .collect();
    let credibility = Credibility::parse(ds, date, &settings)
        .map_err(|d| Rejected::new(d, "invalid credibility".to_owned()))?;
    let weights = a.weights.as_ref().map(|p| weights(ds, p, date)).transpose()?;
    let threads = a
        .threads
        .map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let bar = indicatif::ProgressBar::new(a.samples);
    if a.samples < 2_000_000 || a.format == Format::Json {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let progress = |n: u64| bar.inc(n);
    let opts = SimulationOptions {
        samples: a.samples,
        seed: a.seed,
        threads,
        credibility,
        weights,
        progress: Some(&progress),
        cancel: None,
    };
    let result = casus_core::cascade::simulate(ds, &graph, &opts);
    bar.finish_and_clear();
    if a.format == Format::Json {
        output::json(&result)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ =
        writeln!(out, "{} ({}): {} samples, seed {}", sc.title, sc.id, result.samples, result.seed);
    if result.hypothetical {
        let _ = writeln!(out, "HYPOTHETICAL: rests on instruments assumed in force");
    }
    let _ = writeln!(out, "\nprobability of entering the war:");
    let _ = writeln!(out, "  {:<5} {:>12} {:>14}", "state", "victim side", "aggressor side");
    for e in &result.entry {
        let _ = writeln!(
            out,
            "  {:<5} {:>12.4} {:>14.4}",
            e.state.code, e.victim_side, e.aggressor_side
        );
    }
    let _ = writeln!(
        out,
        "\nvictim's coalition size (states at war on its side, the victim included):"
    );
    // One histogram row: the label, the share of samples, a bar of up to 50 marks.
    let bar = |out: &mut String, label: &str, samples: u64| {
        let share = samples as f64 / result.samples.max(1) as f64;
        let marks = "#".repeat((share * 50.0).round() as usize);
        let _ = writeln!(out, "  {label}: {share:>7.4} {marks}");
    };
    for s in &result.victim_coalition {
        bar(&mut out, &format!("{:>3}", s.size), s.samples);
    }
    if let Some(b) = &result.balance {
        let _ =
            writeln!(out, "\nvictim side's share of the weight: mean {:.3}", b.mean_victim_share);
        for bin in &b.histogram {
            bar(&mut out, &format!("{:.1}-{:.1}", bin.from, bin.to), bin.samples);
        }
    }
    let _ = writeln!(out, "\ncredibility used (probability a bound state honours the obligation):");
    for c in &result.credibility {
        let _ = writeln!(
            out,
            "  {:<5} {:<40} {:.2} ({})",
            c.state.code, c.treaty, c.probability, c.from
        );
    }
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
