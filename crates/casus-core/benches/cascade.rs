//! `cargo bench -p casus-core --bench cascade`: Monte Carlo samples per second for the
//! Estonia scenario, against a straightforward reference in the same process: a sampler that
//! evaluates every event of every sample with `evaluate` instead of walking the prebuilt
//! graph. Both are checked: every state either brings in is bound somewhere in the graph.

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a benchmark that checks its results fails loudly"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use casus_core::cascade::{
    build_graph, cascade, check_scenario, read_scenario, simulate, Credibility, SimulationOptions,
};
use casus_core::diag::Diagnostics;
use casus_core::eval::Aggressor;
use casus_core::model::StateId;
use casus_core::source::SourceFile;
use casus_core::{evaluate, load, DataPaths, EventBuilder};

fn main() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    let checked = load(&DataPaths::in_dir(data));
    assert!(checked.passed());
    let ds = checked.dataset();
    let path = format!("{data}/scenarios/estonia-2026.toml");
    let mut diags = Diagnostics::default();
    let sc = read_scenario(
        &SourceFile::new(path.clone(), std::fs::read_to_string(&path).unwrap()),
        &mut diags,
    )
    .unwrap();
    let sc = check_scenario(ds, &sc, None).unwrap();
    let quick = std::env::args().any(|a| a == "--quick");

    let t0 = Instant::now();
    let graph = build_graph(ds, &sc).unwrap();
    let build = t0.elapsed();
    let det = cascade(ds, &graph, &sc);
    assert!(det.fixed_point);
    // Every state a run can bring in is bound somewhere in the graph (or is a principal).
    let mut at_war: BTreeSet<String> =
        det.aggressor_side.iter().chain(&det.victim_side).map(|s| s.code.to_string()).collect();
    for e in graph.events() {
        at_war.extend(e.bindings.iter().map(|b| ds.registry().code(b.state).to_owned()));
        at_war.insert(ds.registry().code(e.victim).to_owned());
    }

    let samples: u64 = if quick { 200_000 } else { 4_000_000 };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let opts = SimulationOptions {
        samples,
        seed: 42,
        threads,
        credibility: Credibility::default(),
        decide: casus_core::cascade::Decide::default(),
        weights: None,
        progress: None,
        cancel: None,
    };
    let t1 = Instant::now();
    let result = simulate(ds, &graph, &opts);
    let mc = t1.elapsed().as_secs_f64();
    assert_eq!(result.samples, samples);
    for e in &result.states {
        assert!(
            at_war.contains(&*e.state.code),
            "{} enters in a sample but is bound nowhere in the graph",
            e.state.code
        );
    }

    // The reference: evaluate every event of every sample from scratch.
    let ref_samples: u64 = if quick { 20 } else { 200 };
    let t2 = Instant::now();
    let mut seen: BTreeSet<StateId> = BTreeSet::new();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..ref_samples {
        let mut side: BTreeMap<StateId, u8> = BTreeMap::new();
        let mut queue = vec![sc.events[0].event.clone()];
        let mut done: BTreeSet<(StateId, StateId)> = BTreeSet::new();
        while let Some(ev) = queue.pop() {
            let d = evaluate(ds, &ev);
            let victim_side = *side.entry(ev.victim()).or_insert(2);
            if let Aggressor::State(a) = ev.aggressor() {
                side.entry(*a).or_insert(3 - victim_side);
            }
            for f in d.triggered() {
                for o in &f.obligations {
                    for s in o.obligated.iter().filter_map(|s| s.id()) {
                        if side.contains_key(&s) {
                            continue;
                        }
                        rng ^= rng >> 12;
                        rng ^= rng << 25;
                        rng ^= rng >> 27;
                        if (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) as f64) < 0.22 * u64::MAX as f64
                        {
                            side.insert(s, victim_side);
                            seen.insert(s);
                            if let Aggressor::State(a) = ev.aggressor() {
                                if done.insert((s, *a)) {
                                    let reg = ds.registry();
                                    let mut b =
                                        EventBuilder::new(reg.code(s), reg.code(*a), ev.date());
                                    b.fact(casus_core::model::Fact::Provoked, true)
                                        .fact(casus_core::model::Fact::StateOfWar, true);
                                    queue.push(b.build(ds).unwrap());
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let reference = t2.elapsed().as_secs_f64();
    for s in &seen {
        assert!(
            at_war.contains(ds.registry().code(*s)),
            "reference brings in {}",
            ds.registry().code(*s)
        );
    }
    let per_mc = mc / samples as f64;
    let per_ref = reference / ref_samples as f64;
    println!(
        "cascade/montecarlo/estonia-2026: graph of {} events built in {:.1} ms",
        graph.events().len(),
        build.as_secs_f64() * 1e3
    );
    println!(
        "  graph sampler ({threads} threads):  {:>12.0} samples/s  {:>10.3} us/sample",
        1.0 / per_mc,
        per_mc * 1e6
    );
    println!(
        "  reference (evaluate per event): {:>12.0} samples/s  {:>10.3} us/sample",
        1.0 / per_ref,
        per_ref * 1e6
    );
    println!("  ratio: {:.0}x", per_ref / per_mc);
    println!(
        "  aim: at least 1,000,000 samples/s -> {}",
        if per_mc <= 1e-6 { "met" } else { "not met" }
    );
}
