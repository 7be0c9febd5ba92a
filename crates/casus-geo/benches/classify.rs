//! `cargo bench -p casus-geo --bench classify`: point classification over the bundled data.
//!
//! Classifies 100,000 pseudo-random points (a fixed linear congruential generator, uniform in
//! latitude and longitude) and prints points per second and nanoseconds per point for:
//! the sea-area lookup with its per-ring bounding-box prefilter (`seas_at`); in the same process,
//! a naive baseline that runs the full even-odd test on every ring of every sea; and the full
//! `classify` (country boundaries, the regions table, then seas). Every point's answer from the
//! baseline must equal the prefiltered one. `--quick` shortens the timing runs.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark that checks its results fails loudly"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use casus_core::diag::Diagnostics;
use casus_core::model::Regions;
use casus_core::source::SourceFile;
use casus_geo::Classifier;
use jiff::civil::date;

const POINTS: usize = 100_000;

/// A 64-bit linear congruential generator (Knuth's MMIX constants); the top 53 bits make a
/// float in [0, 1).
struct Lcg(u64);

impl Lcg {
    fn next_unit(&mut self) -> f64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The generator's seed: fixed, so every run classifies the same points.
const SEED: u64 = 0xCA5E_5EED;

fn points() -> Vec<(f64, f64)> {
    let mut rng = Lcg(SEED);
    (0..POINTS).map(|_| (rng.next_unit() * 180.0 - 90.0, rng.next_unit() * 360.0 - 180.0)).collect()
}

/// Runs `f` over all points repeatedly for at least `min`; returns seconds per point.
fn time(points: &[(f64, f64)], min: Duration, mut f: impl FnMut(f64, f64)) -> f64 {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < min || n == 0 {
        for &(lat, lon) in points {
            f(black_box(lat), black_box(lon));
        }
        n += points.len() as u64;
    }
    start.elapsed().as_secs_f64() / n as f64
}

fn report(label: &str, secs: f64) {
    println!("  {label:<46} {:>12.0} points/s  {:>9.1} ns/point", 1.0 / secs, secs * 1e9);
}

fn main() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/regions.toml");
    let text = std::fs::read_to_string(data).expect("read data/regions.toml");
    let mut diags = Diagnostics::default();
    let regions = Regions::load(&SourceFile::new(data, text), &mut diags);
    assert!(!diags.has_errors(), "regions.toml invalid");
    let start = Instant::now();
    let classifier = Classifier::new().expect("bundled data");
    let load = start.elapsed();
    let seas = classifier.seas();
    let day = date(2026, 1, 1);
    let points = points();
    let min =
        Duration::from_millis(if std::env::args().any(|a| a == "--quick") { 300 } else { 2000 });

    // Check first: the baseline and the prefiltered lookup agree on every point.
    let mut in_a_sea = 0usize;
    for &(lat, lon) in &points {
        let fast = classifier.seas_at(lat, lon);
        let naive = seas.at_unfiltered(lat, lon);
        assert_eq!(fast, naive, "prefiltered and naive lookups disagree at {lat},{lon}");
        in_a_sea += usize::from(!fast.is_empty());
    }
    let mut at_sea = 0usize;
    let mut known = 0usize;
    for &(lat, lon) in &points {
        let f = classifier.classify(lat, lon, day, &regions).expect("valid point");
        known += usize::from(f.is_some());
        at_sea += usize::from(f.is_some_and(|f| f.regions.is_empty()));
    }
    println!(
        "classify/bundled: {POINTS} pseudo-random points; {in_a_sea} in a sea polygon; \
         classify: {known} classified, {at_sea} of them at sea; Classifier::new: {:.1} ms",
        load.as_secs_f64() * 1e3
    );

    let mut hits = 0usize;
    let fast = time(&points, min, |lat, lon| hits += classifier.seas_at(lat, lon).len());
    let naive = time(&points, min, |lat, lon| hits += seas.at_unfiltered(lat, lon).len());
    let full = time(&points, min, |lat, lon| {
        hits += usize::from(classifier.classify(lat, lon, day, &regions).ok().flatten().is_some());
    });
    black_box(hits);
    report("seas_at (bounding-box prefilter per ring)", fast);
    report("naive baseline (every ring, no prefilter)", naive);
    report("full classify (countries, regions, seas)", full);
    println!("  ratio (naive baseline / prefiltered seas_at): {:.2}", naive / fast);
}
