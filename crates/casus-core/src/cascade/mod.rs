//! What happens next: cascades (who is drawn in, round by round) and Monte Carlo runs with the
//! guarantors' credibility. Built on evaluation; never reads raw data.

mod credibility;
mod graph;
mod montecarlo;
mod overrides;
mod run;
mod scenario;
mod trace;
mod worlds;

pub use crate::check::check_scenario;
pub use crate::raw::scenario::{read_scenario, read_scenarios, Scenario, ScenarioEvent};
pub use credibility::{CredibilityFrom, DefaultCredibility, DEFAULTS};
pub use graph::{build_graph, Binding, CascadeError, Graph, GraphEvent};
pub use montecarlo::{
    simulate, wilson_interval, Decide, EntryProbability, SimulationOptions, SimulationResult,
};
pub use overrides::{
    parse_weights, read_weights_csv, Credibility, Setting, SettingValue, MAX_OVERRIDES, MAX_WEIGHT,
};
pub use run::Side;
pub use scenario::{CheckedScenario, Escalation, GivenEvent};
pub use trace::{cascade, Basis, CascadeTrace, Entry, EventTrace, RoundTrace, StayedOut};
pub use worlds::{
    simulate_worlds, worlds, Pinned, SimulationReport, World, WorldResult, MAX_WORLDS,
};
