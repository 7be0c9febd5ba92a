//! What happens next: cascades (who is drawn in, round by round) and Monte Carlo runs with the
//! guarantors' credibility. Built on evaluation; never reads raw data.

mod graph;
mod montecarlo;
mod run;
mod scenario;
mod trace;

pub use graph::{build_graph, Binding, CascadeError, Graph, GraphEvent};
pub use montecarlo::{
    simulate, Credibility, CredibilityError, SimulationOptions, SimulationResult,
};
pub use run::Side;
pub use scenario::{read_scenario, read_scenarios, Escalation, Scenario, ScenarioEvent};
pub use trace::{cascade, Basis, CascadeTrace, Entry, EventTrace, RoundTrace, StayedOut};
