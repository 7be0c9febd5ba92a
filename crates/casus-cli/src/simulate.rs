//! `casus simulate`: Monte Carlo runs of a scenario, one per alternative world (variant of a
//! proposal), side by side with 95% intervals, the rule and the defaults they ran with.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use casus_core::cascade::{
    parse_weights, read_weights_csv, simulate_worlds, Credibility, Decide, Setting,
    SimulationOptions, SimulationReport, WorldResult,
};
use casus_core::diag::Diagnostics;
use casus_core::input::Origin;
use casus_core::model::{Dataset, StateId};
use casus_core::source::SourceFile;

use crate::args::Format;
use crate::cascade::scenario;
use crate::output;
use crate::report::Rejected;

#[derive(Debug, clap::Args)]
pub(crate) struct SimulateArgs {
    #[command(flatten)]
    pub(crate) atop: crate::args::AtopArg,
    /// A scenario file (TOML).
    scenario: PathBuf,
    /// Number of samples per world, 1 to 100,000,000.
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    samples: u64,
    /// Seed: the same seed gives the same result, whatever the number of threads.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Credibility overrides: STATE=P, TREATY=P, STATE@TREATY=P, TREATY:VARIANT=P or
    /// STATE@TREATY:VARIANT=P.
    #[arg(long = "credibility", value_name = "KEY=P")]
    credibility: Vec<String>,
    /// How often a bound state decides: once per victim (at the credibility of its strongest
    /// commitment to it), once for the whole war, or once per commitment (independent draws,
    /// the rule before casus 0.2).
    #[arg(long, value_enum, default_value = "per-victim")]
    decide: DecideArg,
    /// A CSV of weights per state (`code,weight`, e.g. capabilities or GDP) for the balance.
    #[arg(long)]
    weights: Option<PathBuf>,
    /// Worker threads, 1 to 256 (default: the machine's cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
    /// Output format: a report, or JSON (one result per variant: entry probabilities with 95%
    /// intervals, coalition sizes, balance, credibility used; `POST /v1/simulate`).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// [`Decide`] as a flag value.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
#[allow(clippy::enum_variant_names, reason = "the flag's values are per-victim, per-war, ...")]
enum DecideArg {
    PerVictim,
    PerWar,
    PerCommitment,
}

impl From<DecideArg> for Decide {
    fn from(d: DecideArg) -> Self {
        match d {
            DecideArg::PerVictim => Decide::PerVictim,
            DecideArg::PerWar => Decide::PerWar,
            DecideArg::PerCommitment => Decide::PerCommitment,
        }
    }
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
        decide: a.decide.into(),
        weights,
        progress: Some(&progress),
        cancel: None,
    };
    let report = simulate_worlds(ds, &sc, &opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    if a.format == Format::Json {
        output::json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    output::print(&render(&sc.title, &sc.id, &report))?;
    Ok(ExitCode::SUCCESS)
}

/// One probability with its 95% interval: `0.2210 [0.2127-0.2295]`.
fn with_interval(p: f64, ci: [f64; 2]) -> String {
    format!("{p:.4} [{:.4}-{:.4}]", ci[0], ci[1])
}

/// The column heading of a world: its variant ids (the proposal is named once above).
fn heading(w: &WorldResult) -> String {
    if w.pinned.is_empty() {
        return "p(enter)".to_owned();
    }
    w.pinned.iter().map(|p| p.variant.as_str()).collect::<Vec<_>>().join("+")
}

/// The text report: the rule and defaults, entry probabilities side by side (one column per
/// world), then each world's coalition sizes, balance and credibility used.
fn render(title: &str, id: &str, report: &SimulationReport) -> String {
    let mut out = String::new();
    let _ =
        writeln!(out, "{title} ({id}): {} samples per world, seed {}", report.samples, report.seed);
    if report.hypothetical {
        let _ = writeln!(out, "HYPOTHETICAL: rests on instruments assumed in force");
    }
    let _ = writeln!(out, "rule ({}): {}", serde_plain(&report.decide), report.rule);
    let _ = writeln!(out, "default credibility (probability a bound state honours):");
    for d in &report.defaults {
        let _ = writeln!(
            out,
            "  {:<15} {:.2} before 1945, {:.2} from 1945 ({})",
            d.kind.as_str(),
            d.before_1945,
            d.from_1945,
            d.source
        );
    }
    let worlds = &report.variants;
    if worlds.len() > 1 {
        let proposals: std::collections::BTreeSet<&str> =
            worlds.iter().flat_map(|w| w.pinned.iter().map(|p| p.treaty.as_str())).collect();
        let names: Vec<&str> = proposals.into_iter().collect();
        let _ = writeln!(
            out,
            "\n{} alternative worlds, one per variant of {}: each simulated on its own",
            worlds.len(),
            names.join(", ")
        );
    }
    let _ = writeln!(out, "\nprobability of entering the war, 95% interval:");
    let mut states: Vec<(&str, usize)> = Vec::new();
    for w in worlds {
        for e in &w.result.states {
            if !states.iter().any(|(c, _)| *c == &*e.state.code) {
                states.push((&e.state.code, states.len()));
            }
        }
    }
    let width = 26;
    let mut head = format!("  {:<5}", "state");
    for w in worlds {
        let _ = write!(head, " {:>width$}", heading(w));
    }
    let _ = writeln!(out, "{}", head.trim_end());
    for (code, _) in &states {
        let mut line = format!("  {code:<5}");
        for w in worlds {
            let cell = w.result.states.iter().find(|e| &*e.state.code == *code).map_or_else(
                || "0".to_owned(),
                |e| with_interval(e.p_enter, [e.ci_low, e.ci_high]),
            );
            let _ = write!(line, " {cell:>width$}");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    for w in worlds {
        world_details(&mut out, w, report.samples, worlds.len() > 1);
    }
    out
}

/// A serde enum's JSON string, for the text report.
fn serde_plain(d: &Decide) -> String {
    serde_json::to_value(d).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// One world's sides, coalition sizes, balance and credibility used.
fn world_details(out: &mut String, w: &WorldResult, samples: u64, label: bool) {
    let r = &w.result;
    if label {
        let _ = writeln!(out, "\n== {}", w.variant.as_deref().unwrap_or("(no variant)"));
    }
    let _ = writeln!(out, "\nby side:");
    let _ = writeln!(out, "  {:<5} {:>26} {:>26}", "state", "victim side", "aggressor side");
    for e in &r.states {
        let _ = writeln!(
            out,
            "  {:<5} {:>26} {:>26}",
            e.state.code,
            with_interval(e.victim_side, e.victim_side_ci),
            with_interval(e.aggressor_side, e.aggressor_side_ci)
        );
    }
    let _ = writeln!(
        out,
        "\nvictim's coalition size (states at war on its side, the victim included):"
    );
    // One histogram row: the label, the share of samples, a bar of up to 50 marks.
    let bar = |out: &mut String, label: &str, n: u64| {
        let share = n as f64 / samples.max(1) as f64;
        let marks = "#".repeat((share * 50.0).round() as usize);
        let _ = writeln!(out, "  {label}: {share:>7.4} {marks}");
    };
    for s in &r.victim_coalition {
        bar(out, &format!("{:>3}", s.size), s.samples);
    }
    if let Some(b) = &r.balance {
        let _ =
            writeln!(out, "\nvictim side's share of the weight: mean {:.3}", b.mean_victim_share);
        for bin in &b.histogram {
            bar(out, &format!("{:.1}-{:.1}", bin.from, bin.to), bin.samples);
        }
    }
    let _ = writeln!(out, "\ncredibility used (probability a bound state honours the obligation):");
    for c in &r.credibility {
        let treaty = match &c.variant {
            Some(v) => format!("{}:{v}", c.treaty),
            None => c.treaty.clone(),
        };
        let _ = writeln!(
            out,
            "  {:<5} {:<50} {:.2} ({})",
            c.state.code,
            treaty,
            c.probability,
            c.from.as_str()
        );
    }
}
