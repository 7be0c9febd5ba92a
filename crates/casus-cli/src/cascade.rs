//! `casus cascade` and `casus simulate`.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use casus_core::cascade::{build_graph, read_scenario, Credibility, SimulationOptions};
use casus_core::diag::Diagnostics;
use casus_core::model::Dataset;
use casus_core::source::SourceFile;

use crate::args::Format;

#[derive(Debug, clap::Args)]
pub(crate) struct CascadeArgs {
    /// A scenario file (TOML), e.g. data/scenarios/july-1914.toml.
    scenario: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub(crate) struct SimulateArgs {
    /// A scenario file (TOML).
    scenario: PathBuf,
    /// Number of samples.
    #[arg(long, default_value_t = 100_000)]
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
    /// Worker threads (default: the machine's cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

fn scenario(path: &PathBuf) -> Result<casus_core::cascade::Scenario> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let mut diags = Diagnostics::default();
    match read_scenario(&file, &mut diags) {
        Some(s) => Ok(s),
        None => {
            for d in diags.iter() {
                eprintln!("{}", d.render_plain());
            }
            anyhow::bail!("`{}` is not a valid scenario", path.display())
        }
    }
}

/// The scenario's graph, with points classified by casus-geo.
fn graph(ds: &Dataset, sc: &casus_core::cascade::Scenario) -> Result<casus_core::cascade::Graph> {
    let classifier = casus_geo::Classifier::new().map_err(|e| anyhow::anyhow!(e))?;
    let date = sc.events.first().map(|e| e.date).context("the scenario has no event")?;
    let classify =
        |lat: f64, lon: f64| classifier.classify(lat, lon, date, ds.regions()).ok().flatten();
    build_graph(ds, sc, Some(&classify)).map_err(|e| anyhow::anyhow!("{e}"))
}

pub(crate) fn cascade(ds: &Dataset, a: &CascadeArgs) -> Result<ExitCode> {
    let sc = scenario(&a.scenario)?;
    let graph = graph(ds, &sc)?;
    let trace = casus_core::cascade::cascade(ds, &graph, &sc);
    if a.format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&trace)?);
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
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn weights(
    ds: &Dataset,
    path: &PathBuf,
    date: jiff::civil::Date,
) -> Result<std::collections::BTreeMap<casus_core::model::StateId, f64>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let mut out = std::collections::BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty()
            || line.starts_with('#')
            || (n == 0 && line.to_ascii_lowercase().starts_with("code"))
        {
            continue;
        }
        let (code, w) = line
            .split_once(',')
            .with_context(|| format!("{}:{}: expected `code,weight`", path.display(), n + 1))?;
        let w: f64 = w.trim().parse().with_context(|| {
            format!("{}:{}: weight `{}` is not a number", path.display(), n + 1, w.trim())
        })?;
        let id = ds
            .registry()
            .resolve(code.trim(), date)
            .map_err(|e| anyhow::anyhow!("{}:{}: {e}", path.display(), n + 1))?;
        out.insert(id, w);
    }
    Ok(out)
}

pub(crate) fn simulate(ds: &Dataset, a: &SimulateArgs) -> Result<ExitCode> {
    let sc = scenario(&a.scenario)?;
    let graph = graph(ds, &sc)?;
    let date = sc.events.first().map(|e| e.date).context("the scenario has no event")?;
    let credibility =
        Credibility::parse(ds, date, &a.credibility).map_err(
            |e| match miette::Diagnostic::help(&e) {
                Some(h) => anyhow::anyhow!("{e}\n  help: {h}"),
                None => anyhow::anyhow!("{e}"),
            },
        )?;
    let weights = a.weights.as_ref().map(|p| weights(ds, p, date)).transpose()?;
    let threads =
        a.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
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
    };
    let result = casus_core::cascade::simulate(ds, &graph, &opts);
    bar.finish_and_clear();
    if a.format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&result)?);
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
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
