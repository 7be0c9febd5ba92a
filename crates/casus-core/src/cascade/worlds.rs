//! Variants of a proposal are alternatives: the world gets one of them. A scenario that assumes
//! a proposal in force without naming a variant is simulated once per variant (once per
//! combination when it assumes several), each world on its own, and the results are reported
//! side by side. Drawing the variants together would add them up: three variants at 0.22 each
//! would give a guarantor bound under all three a 0.52 chance to enter.

use serde::Serialize;

use super::credibility::{DefaultCredibility, DEFAULTS};
use super::graph::{build_graph, CascadeError};
use super::montecarlo::{simulate, Decide, SimulationOptions, SimulationResult};
use super::scenario::CheckedScenario;
use crate::model::Dataset;

/// The most worlds one scenario may expand to.
pub const MAX_WORLDS: usize = 64;

/// One assumption of a world: a proposal and the variant it takes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Pinned {
    /// The proposal's id.
    pub treaty: String,
    /// The variant's id.
    pub variant: String,
}

/// A scenario with each of its proposals pinned to one variant.
#[derive(Debug, Clone)]
pub struct World {
    /// The variants this world takes (empty when no assumed proposal has variants).
    pub pinned: Vec<Pinned>,
    /// The scenario as this world plays it.
    pub scenario: CheckedScenario,
}

impl World {
    /// `treaty:variant`, joined with ` + ` for several; `None` for the one world of a
    /// scenario without variants.
    pub fn label(&self) -> Option<String> {
        (!self.pinned.is_empty()).then(|| {
            self.pinned
                .iter()
                .map(|p| format!("{}:{}", p.treaty, p.variant))
                .collect::<Vec<_>>()
                .join(" + ")
        })
    }
}

/// The alternative worlds of a scenario: one per variant of each proposal it assumes in force
/// without a variant (the variants of the version in effect on the scenario's first day;
/// their combinations, in the order of the assumptions then of the variants in the file); the
/// scenario itself when there are none.
///
/// # Errors
/// More than [`MAX_WORLDS`] combinations.
pub fn worlds(ds: &Dataset, sc: &CheckedScenario) -> Result<Vec<World>, CascadeError> {
    let mut out = vec![World { pinned: Vec::new(), scenario: sc.clone() }];
    let Some(date) = sc.first_date() else { return Ok(out) };
    for (treaty, variant) in &sc.assume_in_force {
        let Some(t) = ds.treaty(treaty) else { continue };
        // The options on the table when the scenario starts (the version in effect).
        let options = t.variants_on(date);
        if variant.is_some() || options.is_empty() {
            continue;
        }
        let count = out.len().saturating_mul(options.len());
        if count > MAX_WORLDS {
            return Err(CascadeError::TooManyWorlds(count, MAX_WORLDS));
        }
        out = out
            .into_iter()
            .flat_map(|w| {
                options.iter().map(move |v| {
                    let mut w = w.clone();
                    w.pin(treaty, v.id());
                    w
                })
            })
            .collect();
    }
    Ok(out)
}

impl World {
    fn pin(&mut self, treaty: &str, variant: &str) {
        self.pinned.push(Pinned { treaty: treaty.to_owned(), variant: variant.to_owned() });
        for a in &mut self.scenario.assume_in_force {
            if a.0 == treaty && a.1.is_none() {
                a.1 = Some(variant.to_owned());
            }
        }
        for e in &mut self.scenario.events {
            e.event.pin_variant(treaty, variant);
        }
    }
}

/// One world's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorldResult {
    /// `treaty:variant` (several joined with ` + `), or null without variants.
    pub variant: Option<String>,
    /// The variants the world takes.
    pub pinned: Vec<Pinned>,
    /// What the simulation of this world found.
    #[serde(flatten)]
    pub result: SimulationResult,
}

/// What a simulation of a scenario found: one result per alternative world, side by side,
/// with the rule and the defaults it ran with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationReport {
    /// Samples run per world.
    pub samples: u64,
    /// The seed of the random draws: the same seed and inputs give the same result.
    pub seed: u64,
    /// How often a state decides.
    pub decide: Decide,
    /// The rule, in a sentence.
    pub rule: &'static str,
    /// The default credibility by kind and era, with its source.
    pub defaults: Vec<DefaultCredibility>,
    /// Does any world rest on an instrument assumed in force?
    pub hypothetical: bool,
    /// One result per world.
    pub variants: Vec<WorldResult>,
}

/// Simulates every world of a scenario with the same options (and seed).
///
/// # Errors
/// Too many worlds, or a world's graph that cannot be built.
pub fn simulate_worlds(
    ds: &Dataset,
    sc: &CheckedScenario,
    opts: &SimulationOptions<'_>,
) -> Result<SimulationReport, CascadeError> {
    let mut variants = Vec::new();
    for w in worlds(ds, sc)? {
        let graph = build_graph(ds, &w.scenario)?;
        let result = simulate(ds, &graph, opts);
        variants.push(WorldResult { variant: w.label(), pinned: w.pinned, result });
    }
    Ok(SimulationReport {
        samples: variants.first().map_or(0, |v| v.result.samples),
        seed: opts.seed,
        decide: opts.decide,
        rule: opts.decide.describe(),
        defaults: DEFAULTS.to_vec(),
        hypothetical: variants.iter().any(|v| v.result.hypothetical),
        variants,
    })
}
