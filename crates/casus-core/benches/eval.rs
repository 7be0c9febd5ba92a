//! `cargo bench -p casus-core --bench eval`: evaluation over the bundled data.
//!
//! Prints events per second and microseconds per event for the engine's `evaluate` (the full
//! decision: every treaty, every reason; a reason's sentence is written when it is read),
//! the same with the decision written out as JSON (every sentence rendered), and, in the
//! same process, a straightforward
//! reference for the membership step alone (resolving every party code through the registry
//! on the event date, as a naive evaluator would), with the ratio. Every iteration checks its
//! result: the reference's party sets must equal the engine's.

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark that checks its results fails loudly"
)]

// The allocator the `casus` binary uses.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use casus_core::eval::Event;
use casus_core::{evaluate, load, DataPaths, Dataset, EventBuilder};
use jiff::civil::Date;

const STATES: &[&str] = &[
    "RUS", "EST", "USA", "CHN", "JPN", "PHL", "KOR", "PRK", "DEU", "FRA", "GBR", "POL", "UKR",
    "TUR", "ARG", "BRA", "ARM", "AZE", "IND", "PAK", "AUS", "ESP", "GRC", "ITA",
];
const DATES: &[&str] =
    &["1914-08-02", "1939-09-01", "1957-06-01", "1982-04-02", "2001-09-11", "2026-01-01"];

fn events(ds: &Dataset) -> Vec<Event> {
    let mut out = Vec::new();
    for d in DATES {
        let date: Date = d.parse().expect("date");
        for a in STATES {
            for v in STATES {
                if a != v {
                    if let Ok(e) = EventBuilder::new(a, v, date).build(ds) {
                        out.push(e);
                    }
                }
            }
        }
    }
    out
}

/// Runs `f` over all events repeatedly for at least `min`, in seven rounds; returns the
/// median round's seconds per event. The median, because these machines are shared virtual
/// ones: a round that another tenant slows down says nothing about the code.
fn time(events: &[Event], min: Duration, mut f: impl FnMut(&Event)) -> f64 {
    const ROUNDS: usize = 7;
    let mut rounds: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            let mut n = 0u64;
            while start.elapsed() < min / ROUNDS as u32 {
                for e in events {
                    f(e);
                }
                n += events.len() as u64;
            }
            start.elapsed().as_secs_f64() / n as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[ROUNDS / 2]
}

/// The naive membership step: every party code of every treaty resolved on the date.
fn reference_parties(ds: &Dataset, e: &Event) -> usize {
    let reg = ds.registry();
    let mut total = 0;
    for t in ds.treaties() {
        let mut ids: Vec<_> = t
            .parties()
            .iter()
            .filter(|m| m.interval().contains(e.date()))
            .filter_map(|m| reg.resolve(m.code(), e.date()).ok())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(
            ids,
            t.parties_on(e.date()),
            "reference and engine disagree on {} parties",
            t.id()
        );
        total += ids.len();
    }
    total
}

fn main() {
    // CASUS_DATA points the benchmark at another data directory (a fixed snapshot, so that
    // runs compare while the bundled data grows).
    let data = std::env::var("CASUS_DATA")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../data").to_owned());
    let checked = load(&DataPaths::in_dir(&data));
    assert!(checked.passed(), "bundled data invalid");
    let ds = checked.dataset();
    let events = events(ds);
    let min =
        Duration::from_millis(if std::env::args().any(|a| a == "--quick") { 200 } else { 2000 });
    println!(
        "eval/single_event/bundled: {} events over {} treaties",
        events.len(),
        ds.treaties().len()
    );

    let mut triggered = 0usize;
    let engine = time(&events, min, |e| {
        let d = evaluate(ds, black_box(e));
        triggered += d.triggered().len();
    });
    assert!(triggered > 0, "no event triggered anything");
    if std::env::args().any(|a| a == "--engine-only") {
        println!("  engine evaluate (full decision): {:.2} us/event", engine * 1e6);
        return;
    }
    let mut json = Vec::with_capacity(1 << 16);
    let rendered = time(&events, min, |e| {
        json.clear();
        serde_json::to_writer(&mut json, &evaluate(ds, black_box(e))).expect("json");
        black_box(&json);
    });
    let reference = time(&events, min, |e| {
        black_box(reference_parties(ds, black_box(e)));
    });
    println!(
        "  engine evaluate (full decision):   {:>10.0} events/s  {:>8.2} us/event",
        1.0 / engine,
        engine * 1e6
    );
    println!(
        "  evaluate + JSON (every sentence):  {:>10.0} events/s  {:>8.2} us/event",
        1.0 / rendered,
        rendered * 1e6
    );
    println!(
        "  reference membership step only:    {:>10.0} events/s  {:>8.2} us/event",
        1.0 / reference,
        reference * 1e6
    );
    println!(
        "  ratio (reference membership step / full engine decision): {:.2}",
        reference / engine
    );
    println!(
        "  aim: under 5 us an event -> {}",
        if engine * 1e6 < 5.0 { "met" } else { "not met" }
    );
}
