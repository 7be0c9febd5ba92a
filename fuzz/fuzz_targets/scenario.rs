//! Arbitrary bytes as a scenario file: read, checked against the bundled data, run as a cascade
//! and as a short simulation.
#![no_main]

include!("common.rs");

use casus_core::cascade::{build_graph, cascade, check_scenario, read_scenario, simulate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = casus_core::source::SourceFile::from_bytes("fuzz.toml", data.to_vec()) else {
        return;
    };
    let mut diags = casus_core::Diagnostics::default();
    let sc = read_scenario(&file, &mut diags);
    render(&diags);
    let Some(sc) = sc else { return };
    let ds = dataset();
    let c = classifier();
    let classify = |lat: f64, lon: f64, date: jiff::civil::Date| {
        c.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
    };
    let checked = match check_scenario(ds, &sc, Some(&classify)) {
        Ok(s) => s,
        Err(d) => return render(&d),
    };
    let Ok(graph) = build_graph(ds, &checked) else { return };
    let _ = cascade(ds, &graph, &checked);
    let opts = casus_core::cascade::SimulationOptions {
        samples: 50,
        seed: 1,
        threads: 1,
        credibility: Default::default(),
        decide: Default::default(),
        weights: None,
        progress: None,
        cancel: None,
    };
    let _ = simulate(ds, &graph, &opts);
    // Every alternative world of the scenario, as `casus simulate` runs them.
    let _ = casus_core::cascade::simulate_worlds(ds, &checked, &opts);
});
