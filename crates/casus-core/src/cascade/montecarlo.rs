//! Monte Carlo: each bound state honours each obligation with a probability, its credibility.
//!
//! # Default credibility
//!
//! | obligation | before 1945 | from 1945 | source |
//! |---|---|---|---|
//! | defense | 0.66 | 0.22 | Berkemeier & Fuhrmann (2018), honoured share by era, 1816–2003 |
//! | offense | 0.74 | 0.74 | Berkemeier & Fuhrmann (2018), by kind |
//! | neutrality | 0.78 | 0.78 | Berkemeier & Fuhrmann (2018), by kind |
//! | non-aggression | 0.37 | 0.37 | Berkemeier & Fuhrmann (2018), by kind |
//!
//! Leeds, Long & Mitchell (2000) found 74.5% of commitments honoured in 1816–1944; B&F's
//! pre-1945 rate (0.66) is used for consistency with their post-1945 rate. Users override per
//! state (`USA=0.6`), per treaty (`north-atlantic-treaty=0.8`) or per state and treaty
//! (`USA@north-atlantic-treaty=0.9`); the most specific wins.
//!
//! # Determinism
//!
//! Sample `i` draws from a generator seeded by `(seed, i)` alone, in the fixed order of the
//! run, and counts are sums: the same seed gives the same result whatever the number of
//! threads.
//!
//! # What is drawn
//!
//! One draw per commitment (state, treaty, variant) per sample, the first time an event
//! invokes it: a state that does not honour NATO's Art 5 for Estonia does not honour it for
//! Poland an hour later either. A state bound by two treaties gets two chances.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::graph::{Binding, Graph};
use super::run::{walk, Buffers, Quiet};
use crate::eval::StateRef;
use crate::model::{Dataset, ObligationKind, StateId};

use super::overrides::Credibility;

impl Credibility {
    /// The default probability of honouring an obligation of `kind` on `date`.
    pub fn default_for(kind: ObligationKind, date: Date) -> f64 {
        match kind {
            ObligationKind::Defense if date < Date::constant(1945, 1, 1) => 0.66,
            ObligationKind::Defense => 0.22,
            ObligationKind::Offense => 0.74,
            ObligationKind::Neutrality => 0.78,
            ObligationKind::NonAggression => 0.37,
            ObligationKind::Consultation | ObligationKind::Assurance => 1.0,
        }
    }

    /// The probability for one binding, and where it comes from.
    pub fn for_binding(&self, b: &Binding, date: Date) -> (f64, &'static str) {
        if let Some(p) = self.by_pair.get(&(b.state, b.treaty.to_string())) {
            return (*p, "state and treaty");
        }
        if let Some(p) = self.by_state.get(&b.state) {
            return (*p, "state");
        }
        if let Some(p) = self.by_treaty.get(&*b.treaty) {
            return (*p, "treaty");
        }
        (Self::default_for(b.kind, date), "default")
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
    /// Probability of being at war on the victim's side.
    pub victim_side: f64,
    /// Probability of being at war on the aggressor's side.
    pub aggressor_side: f64,
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

/// A credibility used, per binding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CredibilityUsed {
    /// The state.
    pub state: StateRef,
    /// The treaty.
    pub treaty: String,
    /// The probability used, between 0 and 1.
    pub probability: f64,
    /// Default, state, treaty, or state and treaty.
    pub from: &'static str,
}

/// What a simulation found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationResult {
    /// Samples run.
    pub samples: u64,
    /// The seed of the random draws: the same seed and inputs give the same result.
    pub seed: u64,
    /// Each state ever at war in some sample, by descending probability then code.
    pub entry: Vec<EntryProbability>,
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
    // Thresholds by slot, extended as the graph grows (a slot's credibility is a function of
    // its commitment, so every thread computes the same value).
    let mut thresholds: Vec<u64> = Vec::new();
    // A sample decides each commitment once: 0 undecided, 1 honoured, 2 declined.
    let mut decided: Vec<u8> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    for i in range {
        for s in touched.drain(..) {
            if let Some(d) = decided.get_mut(s) {
                *d = 0;
            }
        }
        let mut rng = splitmix(seed ^ splitmix(i));
        let honour = |g: &Graph, slot: usize| {
            for (b, date) in g.slots.get(thresholds.len()..).unwrap_or_default() {
                thresholds.push(threshold(opts.credibility.for_binding(b, *date).0));
                decided.push(0);
            }
            match decided.get(slot).copied() {
                Some(1) => return true,
                Some(2) => return false,
                _ => {}
            }
            // xorshift64*: a few instructions a draw.
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            let draw = rng.wrapping_mul(0x2545_F491_4F6C_DD1D);
            let t = thresholds.get(slot).copied().unwrap_or(0);
            let yes = draw < t || t == u64::MAX;
            if let Some(d) = decided.get_mut(slot) {
                *d = if yes { 1 } else { 2 };
                touched.push(slot);
            }
            yes
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
    let mut entry: Vec<EntryProbability> = ds
        .registry()
        .states()
        .filter_map(|(id, _)| {
            let v = total.victim.get(id.index()).copied().unwrap_or(0);
            let a = total.aggressor.get(id.index()).copied().unwrap_or(0);
            (v + a > 0).then(|| EntryProbability {
                state: StateRef::of(ds, id, last),
                victim_side: v as f64 / n,
                aggressor_side: a as f64 / n,
            })
        })
        .collect();
    entry.sort_by(|x, y| {
        let px = x.victim_side + x.aggressor_side;
        let py = y.victim_side + y.aggressor_side;
        py.total_cmp(&px).then_with(|| x.state.code.cmp(&y.state.code))
    });
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
    used.sort_by(|a, b| (&a.state.code, &a.treaty).cmp(&(&b.state.code, &b.treaty)));
    used.dedup();
    SimulationResult {
        samples: total.done,
        seed: opts.seed,
        entry,
        victim_coalition: sizes(&total.victim_sizes),
        aggressor_coalition: sizes(&total.aggressor_sizes),
        balance,
        credibility: used,
        hypothetical,
    }
}
