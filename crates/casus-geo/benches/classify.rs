//! `cargo bench -p casus-geo --bench classify`: point classification over the bundled data.
//!
//! Points come from a fixed linear congruential generator, uniform in latitude and longitude;
//! from them, by the brute-force land test, a land-heavy sample (points on land), a sea-heavy
//! sample (points at sea) and a coastal sample (within the coast tolerance) are drawn. Printed,
//! in points per second and nanoseconds per point:
//! - the coarse land mask with its grid index (`coarse_surface`), on each sample, against two
//!   baselines in the same process: a bounding-box prefilter per ring (`surface_bbox`) and the
//!   naive test of every edge of every ring (`surface_unfiltered`), with the ratios; and the
//!   refined answer (`surface`: the fine 1:10m coast near a coast), whose index is checked
//!   against its own bounding-box baseline on the coastal sample;
//! - the sea-area lookup with its grid index (`seas_at`) and its naive baseline (every ring of
//!   every sea);
//! - the full `classify` (boundary data, land mask, parts, regions table, seas) on each sample.
//!
//! Every answer of the index is first checked against the bounding-box baseline on all uniform
//! points, and against the naive one on a subset; the sea lookups likewise; and the boundary
//! data's answers, the ids and the full `classify` with and without the cell cache (which
//! keeps what the sources say of whole one-degree cells). `--quick` shortens the timing runs.
//!
//! The bench allocates with mimalloc, as the `casus` binary does (it also serves the API):
//! `classify` returns owned facts (a dozen small strings per point), so the allocator is part
//! of what a caller pays.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark that checks its results fails loudly"
)]

// The allocator the `casus` binary uses.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use casus_core::diag::Diagnostics;
use casus_core::model::Regions;
use casus_core::source::SourceFile;
use casus_geo::{Classifier, Surface};
use jiff::civil::date;

const POINTS: usize = 100_000;
/// Points per land-heavy, sea-heavy and coastal sample.
const SAMPLE: usize = 20_000;
/// Points the naive land test is checked and timed on (it is slow).
const NAIVE: usize = 1_000;

/// A 64-bit linear congruential generator (Knuth's MMIX constants); the top 53 bits make a
/// float in [0, 1).
struct Lcg(u64);

impl Lcg {
    fn next_unit(&mut self) -> f64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn point(&mut self) -> (f64, f64) {
        (self.next_unit() * 180.0 - 90.0, self.next_unit() * 360.0 - 180.0)
    }
}

/// The generator's seed: fixed, so every run classifies the same points.
const SEED: u64 = 0xCA5E_5EED;

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
    println!("  {label:<58} {:>12.0} points/s  {:>10.1} ns/point", 1.0 / secs, secs * 1e9);
}

fn surface(c: &Classifier, lat: f64, lon: f64) -> Surface {
    c.coarse_surface(lat, lon).expect("valid point")
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
    let quick = std::env::args().any(|a| a == "--quick");
    let min = Duration::from_millis(if quick { 300 } else { 2000 });

    let mut rng = Lcg(SEED);
    let uniform: Vec<(f64, f64)> = (0..POINTS).map(|_| rng.point()).collect();

    // Check first: the index and the baselines agree on every point, and so do the sea lookups.
    let (mut on_land, mut coastal, mut offshore) = (0usize, 0usize, 0usize);
    for &(lat, lon) in &uniform {
        let fast = surface(&classifier, lat, lon);
        let bbox = classifier.surface_bbox(lat, lon).expect("valid point");
        assert_eq!(fast, bbox, "land index and bounding-box baseline disagree at {lat},{lon}");
        match fast {
            Surface::Land => on_land += 1,
            Surface::Coast => coastal += 1,
            Surface::Sea => offshore += 1,
        }
        let fast = classifier.seas_at(lat, lon);
        let naive = seas.at_unfiltered(lat, lon);
        assert_eq!(fast, naive, "indexed and naive sea lookups disagree at {lat},{lon}");
        assert_eq!(
            classifier.boundary_ids(lat, lon).expect("valid point"),
            classifier.boundary_ids_uncached(lat, lon).expect("valid point"),
            "cached and uncached boundary lookups disagree at {lat},{lon}"
        );
        assert_eq!(
            classifier.ids(lat, lon).expect("valid point"),
            classifier.ids_uncached(lat, lon).expect("valid point"),
            "ids with and without the cell cache disagree at {lat},{lon}"
        );
        assert_eq!(
            classifier.classify(lat, lon, day, &regions),
            classifier.classify_uncached(lat, lon, day, &regions),
            "classify with and without the cell cache disagrees at {lat},{lon}"
        );
    }
    for &(lat, lon) in uniform.iter().take(NAIVE) {
        let naive = classifier.surface_unfiltered(lat, lon).expect("valid point");
        assert_eq!(
            surface(&classifier, lat, lon),
            naive,
            "land index and naive test disagree at {lat},{lon}"
        );
    }

    // The samples, drawn with the bounding-box baseline (the index's own answer is not used to
    // choose its test points).
    let mut draw = |want: Surface| -> Vec<(f64, f64)> {
        let mut out = Vec::with_capacity(SAMPLE);
        while out.len() < SAMPLE {
            let (lat, lon) = rng.point();
            if classifier.surface_bbox(lat, lon).expect("valid point") == want {
                out.push((lat, lon));
            }
        }
        out
    };
    let land = draw(Surface::Land);
    let sea = draw(Surface::Sea);
    let coast = draw(Surface::Coast);
    for &(lat, lon) in &coast {
        let (fine, bbox) = classifier.fine_surface(lat, lon).expect("valid point");
        assert_eq!(fine, bbox, "fine coast index and its baseline disagree at {lat},{lon}");
    }

    let mut at_sea = 0usize;
    let mut known = 0usize;
    for &(lat, lon) in &uniform {
        let f = classifier.classify(lat, lon, day, &regions).expect("valid point");
        known += usize::from(f.is_some());
        at_sea += usize::from(f.is_some_and(|f| f.at_sea));
    }
    println!(
        "classify/bundled: {POINTS} pseudo-random points: {} on land, {} coastal, {} at sea by the \
         land mask; classify: {known} classified, {at_sea} of them at sea; Classifier::new: {:.1} ms",
        on_land,
        coastal,
        offshore,
        load.as_secs_f64() * 1e3
    );
    println!("  land mask: {}", classifier.land_mask_stats());

    let mut hits = 0usize;
    let mut count = |s: Surface| hits += s as usize;
    println!("land mask:");
    let mut results = Vec::new();
    for (name, pts) in
        [("land-heavy", &land), ("sea-heavy", &sea), ("coastal", &coast), ("uniform", &uniform)]
    {
        let fast = time(pts, min, |lat, lon| count(surface(&classifier, lat, lon)));
        report(&format!("coarse mask, grid index ({name})"), fast);
        let refined = time(pts, min, |lat, lon| {
            count(classifier.surface(lat, lon).expect("valid point"));
        });
        report(&format!("surface: cell cache, coarse mask, fine coast ({name})"), refined);
        results.push((name, pts, fast));
    }
    for (name, pts, fast) in &results {
        let bbox = time(pts, min, |lat, lon| {
            count(classifier.surface_bbox(lat, lon).expect("valid point"));
        });
        let few = pts.get(..NAIVE).unwrap_or(pts);
        let naive = time(few, min, |lat, lon| {
            count(classifier.surface_unfiltered(lat, lon).expect("valid point"));
        });
        report(&format!("  baseline: bounding box per ring ({name})"), bbox);
        report(&format!("  naive baseline: every edge ({name}, {} points)", few.len()), naive);
        println!(
            "  ratio ({name}): naive / grid {:.0}x, bounding box / grid {:.1}x",
            naive / fast,
            bbox / fast
        );
    }

    println!("sea areas:");
    let mut sea_hits = 0usize;
    let fast = time(&uniform, min, |lat, lon| sea_hits += classifier.seas_at(lat, lon).len());
    let naive = time(&uniform, min, |lat, lon| sea_hits += seas.at_unfiltered(lat, lon).len());
    report("seas_at (grid index)", fast);
    report("naive baseline (every ring, no prefilter)", naive);
    println!("  ratio (naive baseline / indexed seas_at): {:.2}", naive / fast);

    println!("full classify (boundary data, land mask, parts, regions, seas):");
    for (name, pts) in
        [("land-heavy", &land), ("sea-heavy", &sea), ("coastal", &coast), ("uniform", &uniform)]
    {
        let full = time(pts, min, |lat, lon| {
            sea_hits +=
                usize::from(classifier.classify(lat, lon, day, &regions).ok().flatten().is_some());
        });
        report(&format!("classify ({name})"), full);
    }
    // What of it is casus-geo's: the lookup without the regions table (boundary data, land
    // mask, parts); and the regions table's box scan (casus-core), which classify calls first.
    let lookup = time(&uniform, min, |lat, lon| {
        sea_hits += classifier.ids(lat, lon).map_or(0, |v| v.len());
    });
    let boxes = time(&uniform, min, |lat, lon| sea_hits += regions.boxed_at(lat, lon).count());
    let cached = time(&uniform, min, |lat, lon| {
        sea_hits += classifier.boundary_ids(lat, lon).map_or(0, |v| v.len());
    });
    let uncached = time(&uniform, min, |lat, lon| {
        sea_hits += classifier.boundary_ids_uncached(lat, lon).map_or(0, |v| v.len());
    });
    report("  of which: ids (boundary data, land mask, parts; uniform)", lookup);
    report("  of which: Regions::boxed_at (casus-core; uniform)", boxes);
    report("  boundary_ids, with the cell cache (uniform)", cached);
    report("  boundary_ids_uncached (the boundary data alone; uniform)", uncached);
    black_box((hits, sea_hits));
}
