//! Monte Carlo: each bound state decides whether to honour its commitments, with a probability,
//! its credibility (defaults and overrides: `credibility`).
//!
//! # What is drawn
//!
//! A state decides once per victim per sample ([`Decide::PerVictim`], the default), however many
//! treaties bind it to that victim and however many events invoke them: one uniform draw, the
//! first time an event binds it to the victim. In each event it enters if the draw falls under
//! the credibility of its strongest commitment there (the strongest by
//! [`Strength::rank`](crate::model::Strength::rank); on a
//! tie, the one with the most specific credibility, then the first treaty by id): being bound
//! twice does not give two chances. [`Decide::PerWar`] draws once per state for the whole war
//! (a state that abandons Estonia abandons Poland: full correlation across victims);
//! [`Decide::PerCommitment`] is the rule of casus before 0.2, one independent draw per (state,
//! treaty, variant), kept for comparison: it lets a state bound twice enter more often.
//!
//! Variants of a proposal are alternative worlds, never drawn together: see `worlds`.
//!
//! # Determinism
//!
//! Sample `i` draws from a generator seeded by `(seed, i)` alone, in the fixed order of the
//! run, and counts are sums: the same seed gives the same result whatever the number of
//! threads.

use std::collections::BTreeMap;

use serde::Serialize;

use super::credibility::CredibilityFrom;
use super::graph::{Binding, Graph};
use super::run::{walk, Buffers, Quiet};
use crate::eval::StateRef;
use crate::model::{Dataset, StateId};

use super::overrides::Credibility;

/// How often a state decides whether to honour its commitments, in one sample.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decide {
    /// Once per victim, at the credibility of its strongest commitment to that victim.
    #[default]
    PerVictim,
    /// Once for the whole war (full correlation across victims).
    PerWar,
    /// Once per commitment (state, treaty, variant), independently: a state bound twice gets
    /// two chances. For comparison with earlier results only.
    PerCommitment,
}

impl Decide {
    /// Every rule, as spelled on the command line and in JSON.
    pub const ALL: [(Decide, &'static str); 3] = [
        (Decide::PerVictim, "per-victim"),
        (Decide::PerWar, "per-war"),
        (Decide::PerCommitment, "per-commitment"),
    ];

    /// Parses `per-victim`, `per-war` or `per-commitment`.
    pub fn parse(s: &str) -> Option<Decide> {
        Self::ALL.iter().find(|(_, n)| *n == s).map(|(d, _)| *d)
    }

    /// The rule in one sentence, printed with every result.
    pub fn describe(self) -> &'static str {
        match self {
            Decide::PerVictim => {
                "each bound state decides once per victim per sample, at the credibility of its \
                 strongest commitment to that victim (strength first, then the most specific \
                 credibility): being bound twice gives no second chance"
            }
            Decide::PerWar => {
                "each bound state decides once per sample for the whole war, at the credibility \
                 of its strongest commitment in each event (full correlation across victims)"
            }
            Decide::PerCommitment => {
                "each commitment (state, treaty, variant) is drawn independently: a state bound \
                 twice gets two chances (the rule before casus 0.2, for comparison)"
            }
        }
    }
}

/// How to run a simulation.
pub struct SimulationOptions<'a> {
    /// Number of samples.
    pub samples: u64,
    /// The seed of the random draws: the same seed and inputs give the same result.
    pub seed: u64,
    /// Worker threads (at least 1). The result does not depend on it.
    pub threads: usize,
    /// The credibility of each guarantor's commitment, as set by default and by overrides.
    pub credibility: Credibility,
    /// How often a state decides (default: once per victim).
    pub decide: Decide,
    /// Weights per state (capabilities, GDP) for the balance between sides.
    pub weights: Option<BTreeMap<StateId, f64>>,
    /// Called with the number of samples done, now and then (progress bars).
    pub progress: Option<&'a (dyn Fn(u64) + Sync)>,
    /// Set by the caller to stop early (a request that timed out, a client that left); the
    /// result of a cancelled run is partial and meant to be thrown away.
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

impl std::fmt::Debug for SimulationOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimulationOptions")
            .field("samples", &self.samples)
            .field("seed", &self.seed)
            .finish()
    }
}

/// One state's chance of entering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryProbability {
    /// The state: display code, name on the date, COW code.
    pub state: StateRef,
    /// Probability of being at war, on either side (1 for the first aggressor and victim).
    pub p_enter: f64,
    /// Lower bound of the 95% interval of `p_enter` (Wilson score interval).
    pub ci_low: f64,
    /// Upper bound of the 95% interval of `p_enter`.
    pub ci_high: f64,
    /// Probability of being at war on the victim's side.
    pub victim_side: f64,
    /// The 95% interval of `victim_side`, low and high.
    pub victim_side_ci: [f64; 2],
    /// Probability of being at war on the aggressor's side.
    pub aggressor_side: f64,
    /// The 95% interval of `aggressor_side`, low and high.
    pub aggressor_side_ci: [f64; 2],
}

/// The 95% Wilson score interval of a share of `hits` in `n` samples: it stays inside 0..=1
/// and is not empty at 0 or 1 (a normal interval would be, and would claim certainty).
pub fn wilson_interval(hits: u64, n: u64) -> [f64; 2] {
    if n == 0 {
        return [0.0, 1.0];
    }
    const Z: f64 = 1.959_963_984_540_054;
    let n = n as f64;
    let p = hits as f64 / n;
    let z2 = Z * Z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    // At 0 or n hits the bound is exact: rounding would put it a hair inside.
    let low = if hits == 0 { 0.0 } else { (centre - half).max(0.0) };
    let high = if hits as f64 >= n { 1.0 } else { (centre + half).min(1.0) };
    [low, high]
}

/// A count of samples.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SizeCount {
    /// Coalition size (states at war on the side, the principal included).
    pub size: usize,
    /// How many samples were drawn.
    pub samples: u64,
}

/// A histogram bin of the victim side's share of weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BalanceBin {
    /// Lower bound (inclusive).
    pub from: f64,
    /// Upper bound (exclusive; the last bin includes 1).
    pub to: f64,
    /// How many samples were drawn.
    pub samples: u64,
}

/// The balance between the sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Balance {
    /// Mean share of total weight on the victim's side.
    pub mean_victim_share: f64,
    /// Distribution of that share, ten bins.
    pub histogram: Vec<BalanceBin>,
}

/// A credibility used, per commitment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CredibilityUsed {
    /// The state.
    pub state: StateRef,
    /// The treaty.
    pub treaty: String,
    /// The variant of the proposal, if the commitment is under one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The probability used, between 0 and 1.
    pub probability: f64,
    /// Where it comes from: the default, or the override that set it.
    pub from: CredibilityFrom,
}

/// What a simulation found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationResult {
    /// Samples run.
    pub samples: u64,
    /// The seed of the random draws: the same seed and inputs give the same result.
    pub seed: u64,
    /// Each state ever at war in some sample, by descending probability then code.
    pub states: Vec<EntryProbability>,
    /// Distribution of the victim side's size.
    pub victim_coalition: Vec<SizeCount>,
    /// Distribution of the aggressor side's size.
    pub aggressor_coalition: Vec<SizeCount>,
    /// The balance by weight, if weights were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance: Option<Balance>,
    /// The credibility of every binding the scenario can reach.
    pub credibility: Vec<CredibilityUsed>,
    /// Does any binding rest on an instrument assumed in force?
    pub hypothetical: bool,
}

/// SplitMix64: seeds per sample, so samples are independent of each other and of threads.
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

struct Tally {
    victim: Vec<u64>,
    aggressor: Vec<u64>,
    victim_sizes: Vec<u64>,
    aggressor_sizes: Vec<u64>,
    share_sum: f64,
    share_bins: [u64; 10],
    done: u64,
}

impl Tally {
    fn new(states: usize) -> Self {
        Self {
            victim: vec![0; states],
            aggressor: vec![0; states],
            victim_sizes: vec![0; states + 1],
            aggressor_sizes: vec![0; states + 1],
            share_sum: 0.0,
            share_bins: [0; 10],
            done: 0,
        }
    }
    fn merge(&mut self, o: Tally) {
        for (a, b) in self.victim.iter_mut().zip(o.victim) {
            *a += b;
        }
        for (a, b) in self.aggressor.iter_mut().zip(o.aggressor) {
            *a += b;
        }
        for (a, b) in self.victim_sizes.iter_mut().zip(o.victim_sizes) {
            *a += b;
        }
        for (a, b) in self.aggressor_sizes.iter_mut().zip(o.aggressor_sizes) {
            *a += b;
        }
        self.share_sum += o.share_sum;
        for (a, b) in self.share_bins.iter_mut().zip(o.share_bins) {
            *a += b;
        }
        self.done += o.done;
    }
}

/// The threshold a draw must fall under for a commitment to be honoured.
fn threshold(p: f64) -> u64 {
    if p >= 1.0 {
        u64::MAX
    } else {
        (p * (u64::MAX as f64)) as u64
    }
}

/// The thresholds a run compares its draws with, extended as the graph grows (each a function
/// of the graph and the options alone, so every thread computes the same values).
#[derive(Default)]
struct Plan {
    /// Per commitment slot: the threshold of its own credibility.
    by_slot: Vec<u64>,
    /// Per event, per binding: the threshold of the state's strongest commitment in the event.
    by_binding: Vec<Vec<u64>>,
}

impl Plan {
    fn extend(&mut self, g: &Graph, opts: &SimulationOptions<'_>) {
        for (b, date) in g.slots.get(self.by_slot.len()..).unwrap_or_default() {
            self.by_slot.push(threshold(opts.credibility.for_binding(b, *date).0));
        }
        for e in g.events.get(self.by_binding.len()..).unwrap_or_default() {
            let strongest = strongest_per_state(&e.bindings, e.date, &opts.credibility);
            self.by_binding.push(strongest.into_iter().map(threshold).collect());
        }
    }

    /// The decision key and threshold of binding `k` of event `ei` under the rule.
    fn decision(&self, g: &Graph, ei: usize, k: usize, decide: Decide) -> Option<(usize, u64)> {
        let c = g.events.get(ei)?.compact.get(k)?;
        let slot = c.slot as usize;
        match decide {
            Decide::PerCommitment => Some((slot, *self.by_slot.get(slot)?)),
            Decide::PerVictim => Some((c.pair as usize, *self.by_binding.get(ei)?.get(k)?)),
            Decide::PerWar => Some((usize::from(c.state), *self.by_binding.get(ei)?.get(k)?)),
        }
    }
}

/// For each binding of an event (sorted by state), the credibility of its state's strongest
/// commitment in the event: the strongest by rank, then the most specific credibility, then
/// the first (treaty order).
fn strongest_per_state(
    bindings: &[Binding],
    date: jiff::civil::Date,
    credibility: &Credibility,
) -> Vec<f64> {
    let mut out = vec![0.0; bindings.len()];
    let mut start = 0;
    while start < bindings.len() {
        let state = bindings.get(start).map(|b| b.state);
        let end = bindings
            .iter()
            .skip(start)
            .position(|b| Some(b.state) != state)
            .map_or(bindings.len(), |n| start + n);
        let group = bindings.get(start..end).unwrap_or_default();
        let best = group
            .iter()
            .map(|b| {
                let (p, from) = credibility.for_binding(b, date);
                (b.strength.rank(), std::cmp::Reverse(from), p)
            })
            .min_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)))
            .map_or(0.0, |x| x.2);
        for slot in out.get_mut(start..end).unwrap_or_default() {
            *slot = best;
        }
        start = end;
    }
    out
}

/// Runs a range of samples on this thread's own copy of the graph (it grows with the derived
/// events the samples reach). Returns the tally and the graph as grown.
//
// Long (about 100 lines) because it is the sampling loop: draw who honours, run the cascade,
// tally; the hot path, kept in one piece so that the buffers it reuses stay in one place.
fn run_range(
    ds: &Dataset,
    graph: &Graph,
    opts: &SimulationOptions<'_>,
    weights: Option<&[f64]>,
    range: std::ops::Range<u64>,
) -> (Tally, Graph) {
    let (progress, cancel, seed) = (opts.progress, opts.cancel, opts.seed);
    let states = ds.registry().len();
    let mut graph = graph.clone();
    let mut tally = Tally::new(states);
    let mut buf = Buffers::new(states, graph.events.len());
    let mut plan = Plan::default();
    // A sample's draws by decision key (pair, state or commitment, per the rule), each made
    // the first time the sample needs it; `touched` lists the keys to reset.
    let mut draws: Vec<Option<u64>> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    for i in range {
        for s in touched.drain(..) {
            if let Some(d) = draws.get_mut(s) {
                *d = None;
            }
        }
        let mut rng = splitmix(seed ^ splitmix(i));
        let honour = |g: &Graph, ei: usize, k: usize| {
            plan.extend(g, opts);
            let Some((key, t)) = plan.decision(g, ei, k, opts.decide) else { return false };
            if key >= draws.len() {
                draws.resize(key + 1, None);
            }
            let draw = match draws.get(key).copied().flatten() {
                Some(d) => d,
                None => {
                    // xorshift64*: a few instructions a draw.
                    rng ^= rng >> 12;
                    rng ^= rng << 25;
                    rng ^= rng >> 27;
                    let d = rng.wrapping_mul(0x2545_F491_4F6C_DD1D);
                    if let Some(slot) = draws.get_mut(key) {
                        *slot = Some(d);
                        touched.push(key);
                    }
                    d
                }
            };
            draw < t || t == u64::MAX
        };
        walk(ds, &mut graph, &mut buf, honour, &mut Quiet);
        let (mut nv, mut na, mut wv, mut wa) = (0usize, 0usize, 0.0f64, 0.0f64);
        for &k in &buf.touched {
            let k = usize::from(k);
            match buf.side.get(k).copied().unwrap_or(0) {
                1 => {
                    na += 1;
                    if let Some(c) = tally.aggressor.get_mut(k) {
                        *c += 1;
                    }
                    wa += weights.and_then(|w| w.get(k)).copied().unwrap_or(0.0);
                }
                2 => {
                    nv += 1;
                    if let Some(c) = tally.victim.get_mut(k) {
                        *c += 1;
                    }
                    wv += weights.and_then(|w| w.get(k)).copied().unwrap_or(0.0);
                }
                _ => {}
            }
        }
        if let Some(c) = tally.victim_sizes.get_mut(nv) {
            *c += 1;
        }
        if let Some(c) = tally.aggressor_sizes.get_mut(na) {
            *c += 1;
        }
        if weights.is_some() && wv + wa > 0.0 {
            let share = wv / (wv + wa);
            tally.share_sum += share;
            let bin = ((share * 10.0) as usize).min(9);
            if let Some(c) = tally.share_bins.get_mut(bin) {
                *c += 1;
            }
        }
        tally.done += 1;
        if tally.done.is_multiple_of(1024)
            && cancel.is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
        {
            break;
        }
        if tally.done.is_multiple_of(65_536) {
            if let Some(p) = progress {
                p(65_536);
            }
        }
    }
    if let Some(p) = progress {
        p(tally.done % 65_536);
    }
    (tally, graph)
}

/// Each state ever at war in some sample, with its probabilities and their 95% intervals,
/// by descending probability then code; named as on `last`.
fn entries(ds: &Dataset, total: &Tally, last: jiff::civil::Date) -> Vec<EntryProbability> {
    let done = total.done;
    let n = done.max(1) as f64;
    let mut entry: Vec<EntryProbability> = ds
        .registry()
        .states()
        .filter_map(|(id, _)| {
            let v = total.victim.get(id.index()).copied().unwrap_or(0);
            let a = total.aggressor.get(id.index()).copied().unwrap_or(0);
            let ci = wilson_interval(v + a, done);
            (v + a > 0).then(|| EntryProbability {
                state: StateRef::of(ds, id, last),
                p_enter: (v + a) as f64 / n,
                ci_low: ci[0],
                ci_high: ci[1],
                victim_side: v as f64 / n,
                victim_side_ci: wilson_interval(v, done),
                aggressor_side: a as f64 / n,
                aggressor_side_ci: wilson_interval(a, done),
            })
        })
        .collect();
    entry.sort_by(|x, y| {
        y.p_enter.total_cmp(&x.p_enter).then_with(|| x.state.code.cmp(&y.state.code))
    });
    entry
}

/// Runs `samples` sampled cascades over the graph.
pub fn simulate(ds: &Dataset, graph: &Graph, opts: &SimulationOptions<'_>) -> SimulationResult {
    let states = ds.registry().len();
    let mut used = Vec::new();
    let mut hypothetical = false;
    let weights: Option<Vec<f64>> = opts.weights.as_ref().map(|w| {
        let mut v = vec![0.0; states];
        for (s, x) in w {
            if let Some(slot) = v.get_mut(s.index()) {
                *slot = *x;
            }
        }
        v
    });
    let threads = opts.threads.max(1) as u64;
    let chunk = opts.samples.div_ceil(threads);
    let mut total = Tally::new(states);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let start = (t * chunk).min(opts.samples);
                let end = ((t + 1) * chunk).min(opts.samples);
                let weights = weights.as_deref();
                scope.spawn(move || run_range(ds, graph, opts, weights, start..end))
            })
            .collect();
        for h in handles {
            // A worker that panicked would lose its samples; report what the others did.
            if let Ok((t, grown)) = h.join() {
                total.merge(t);
                // The commitments some sample reached, with the credibility they were drawn
                // with: a union over the threads, whatever the split.
                for (b, date) in &grown.slots {
                    let (p, from) = opts.credibility.for_binding(b, *date);
                    hypothetical |= b.hypothetical;
                    used.push(CredibilityUsed {
                        state: StateRef::of(ds, b.state, *date),
                        treaty: b.treaty.to_string(),
                        variant: b.variant.clone(),
                        probability: p,
                        from,
                    });
                }
            }
        }
    });
    let n = total.done.max(1) as f64;
    // Named as on the last day of the scenario's events.
    let last = graph.events.iter().map(|e| e.date).max().unwrap_or(jiff::civil::Date::MIN);
    let entry = entries(ds, &total, last);
    let sizes = |v: &[u64]| -> Vec<SizeCount> {
        v.iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(size, c)| SizeCount { size, samples: *c })
            .collect()
    };
    let balance = weights.as_ref().map(|_| Balance {
        mean_victim_share: total.share_sum / n,
        histogram: total
            .share_bins
            .iter()
            .enumerate()
            .map(|(i, c)| BalanceBin {
                from: i as f64 / 10.0,
                to: (i + 1) as f64 / 10.0,
                samples: *c,
            })
            .collect(),
    });
    used.sort_by(|a, b| {
        (&a.state.code, &a.treaty, &a.variant).cmp(&(&b.state.code, &b.treaty, &b.variant))
    });
    used.dedup();
    SimulationResult {
        samples: total.done,
        seed: opts.seed,
        states: entry,
        victim_coalition: sizes(&total.victim_sizes),
        aggressor_coalition: sizes(&total.aggressor_sizes),
        balance,
        credibility: used,
        hypothetical,
    }
}
