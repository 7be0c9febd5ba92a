//! `cargo bench -p casus-cli --bench events`: `casus events` against calling the evaluator
//! row by row from Python through the CLI (`subprocess.run(["casus", "check", ...])` per row,
//! the way a researcher would without a batch command). Prints events a second for each and
//! their ratio, measured in the same process, on tables read from CSV and written to CSV:
//!
//! - dyad-days: 1,000,000 attacks without points drawn from 40 dyads over 400 days (event
//!   datasets repeat a dyad on a day: UCDP GED has ~300,000 events on ~25,000 dyad-days);
//! - every row its own day: 200,000 attacks without points, no two alike;
//! - points: 500,000 attacks at 4,000 places, each place with its dyad (GED's events cluster
//!   at the places it geocodes, where its conflicts are fought), each point classified by
//!   casus-geo;
//! - points, any dyad anywhere: 200,000 attacks, place, dyad and day drawn independently (the
//!   worst case for points: no aim).
//!
//! An attack is evaluated once per span of days in which the data does not change
//! (`Dataset::date_epochs`); the line says how many evaluations a table took and how many
//! obligation rows it wrote. Each table is timed three times: the long table encoded as CSV
//! and discarded (casus's own work, which the aims are for), written as CSV to a file on this
//! disk (which adds the disk's cost: a million attacks on these dyads write about 1.3 GB), and
//! written as Parquet (smaller, but encoded a row at a time).
//!
//! The aims (issue #17): at least 1,000,000 events a second on 2 cores without points, and
//! 500,000 with points. `--quick` runs a tenth of each table; `--casus-only` skips the Python
//! baseline (for profiling).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::indexing_slicing,
    reason = "a benchmark fails loudly and prints"
)]

// The allocator the `casus` binary uses.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use casus_core::{load, DataPaths};
use casus_export::events::{
    read_events, Batch, BatchOptions, EventFormat, EventFormatOut, EventsSink,
};

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// A small deterministic generator (xorshift64*), so every run times the same table.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const DYADS: [(&str, &str); 40] = [
    ("RUS", "UKR"),
    ("RUS", "EST"),
    ("RUS", "LVA"),
    ("RUS", "LTU"),
    ("RUS", "POL"),
    ("RUS", "FIN"),
    ("RUS", "GEO"),
    ("RUS", "MDA"),
    ("CHN", "TWN"),
    ("CHN", "PHL"),
    ("CHN", "JPN"),
    ("CHN", "IND"),
    ("CHN", "VNM"),
    ("PRK", "KOR"),
    ("PRK", "JPN"),
    ("IRN", "ISR"),
    ("ISR", "IRN"),
    ("ISR", "LBN"),
    ("ISR", "SYR"),
    ("SAU", "YEM"),
    ("TUR", "SYR"),
    ("TUR", "IRQ"),
    ("IND", "PAK"),
    ("PAK", "IND"),
    ("AZE", "ARM"),
    ("ARM", "AZE"),
    ("ETH", "ERI"),
    ("SDN", "SSD"),
    ("COD", "RWA"),
    ("RWA", "COD"),
    ("VEN", "GUY"),
    ("SRB", "KOS"),
    ("MAR", "DZA"),
    ("EGY", "ETH"),
    ("THA", "KHM"),
    ("AFG", "PAK"),
    ("UKR", "RUS"),
    ("BLR", "POL"),
    ("USA", "IRN"),
    ("IRN", "USA"),
];

/// How the rows of a table are drawn.
#[derive(Clone, Copy)]
enum Shape {
    /// A dyad and a day from pools: event datasets repeat a dyad on a day.
    DyadDays { days: usize },
    /// Each row a dyad on a day of its own: no two rows alike.
    Distinct,
    /// A place and a day from pools, each place with its dyad (an event dataset's places are
    /// where its conflicts are fought).
    Places { days: usize, places: usize },
    /// A place, a dyad and a day, each drawn on its own: the worst case for points.
    PlacesAnyDyad { days: usize, places: usize },
}

/// A CSV table of `n` attacks drawn as `shape` says.
fn table(path: &Path, n: usize, shape: Shape, seed: u64) {
    let mut rng = Rng(seed);
    let start = jiff::civil::date(2023, 1, 1);
    let day = |d: usize| start.checked_add(jiff::Span::new().days(d as i64)).unwrap();
    let places = match shape {
        Shape::Places { places, .. } | Shape::PlacesAnyDyad { places, .. } => places,
        _ => 0,
    };
    let mut out = String::with_capacity(n * 40);
    out.push_str(if places > 0 {
        "id,date,aggressor,victim,lat,lon\n"
    } else {
        "id,date,aggressor,victim\n"
    });
    // Places on land and at sea alike, over the inhabited latitudes, each with a dyad.
    let pool: Vec<(f64, f64, usize)> = (0..places)
        .map(|_| {
            let lat = rng.below(12_000) as f64 / 100.0 - 50.0;
            let lon = rng.below(36_000) as f64 / 100.0 - 180.0;
            (lat, lon, rng.below(DYADS.len()))
        })
        .collect();
    for i in 0..n {
        match shape {
            Shape::Distinct => {
                let (a, v) = DYADS[i % DYADS.len()];
                let _ = writeln!(out, "e{i},{},{a},{v}", day(i / DYADS.len()));
            }
            Shape::DyadDays { days } => {
                let (a, v) = DYADS[rng.below(DYADS.len())];
                let _ = writeln!(out, "e{i},{},{a},{v}", day(rng.below(days)));
            }
            Shape::Places { days, .. } | Shape::PlacesAnyDyad { days, .. } => {
                let (lat, lon, own) = pool[rng.below(places)];
                let dyad = match shape {
                    Shape::Places { .. } => own,
                    _ => rng.below(DYADS.len()),
                };
                let (a, v) = DYADS[dyad];
                let _ = writeln!(out, "e{i},{},{a},{v},{lat},{lon}", day(rng.below(days)));
            }
        }
    }
    std::fs::write(path, out).unwrap();
}

/// Runs the batch over a table on 2 threads, writing the long table as CSV to `out` (a file,
/// or nowhere: the output encoded and discarded): events a second, the evaluations made and
/// the obligation rows written.
fn batch_rate<W: std::io::Write + Send>(
    ds: &casus_core::Dataset,
    classifier: &casus_geo::Classifier,
    input: &Path,
    out: W,
    format: EventFormatOut,
    rows: usize,
) -> (f64, u64, u64) {
    let classify = |lat: f64, lon: f64, date: jiff::civil::Date| {
        classifier.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
    };
    let t = Instant::now();
    let opts = BatchOptions {
        threads: 2,
        classify: Some(&classify),
        today: jiff::civil::date(2026, 1, 1),
        keep_invalid: false,
    };
    let mut batch = Batch::new(ds, opts);
    let mut sink = EventsSink::new(std::io::BufWriter::new(out), format).unwrap();
    read_events(input, EventFormat::Csv, 8_192, |chunk| {
        let r = batch.run(chunk);
        sink.write_chunk(&r)
    })
    .unwrap();
    sink.finish().unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(batch.counts().rows, rows as u64);
    (rows as f64 / secs, batch.counts().distinct, batch.counts().obligation_rows)
}

/// The same attacks through the CLI, one `casus check` per row from Python (20 rows).
fn python_rate(input: &Path) -> Option<f64> {
    let bin = env!("CARGO_BIN_EXE_casus");
    let script = r#"
import csv, subprocess, sys, time
rows = list(csv.DictReader(open(sys.argv[1])))[:20]
t = time.perf_counter()
for r in rows:
    args = [sys.argv[2], "check", "--format", "json", "--aggressor", r["aggressor"], "--date", r["date"]]
    if r.get("victim"): args += ["--victim", r["victim"]]
    if r.get("lat"): args += ["--at", r["lat"] + "," + r["lon"]]
    subprocess.run(args, capture_output=True)
print(len(rows) / (time.perf_counter() - t))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(input)
        .arg(bin)
        .current_dir(root())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // Only casus, not the Python baseline (for profiling).
    let only = std::env::args().any(|a| a == "--casus-only");
    let ds = load(&DataPaths::in_dir(root().join("data"))).into_parts().0;
    let classifier = casus_geo::Classifier::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let scale = if quick { 10 } else { 1 };
    // (name, rows, shape, the aim in events a second; none for a worst case)
    let cases = [
        ("dyad-days, no points", 1_000_000 / scale, Shape::DyadDays { days: 400 }, Some(1e6)),
        ("every row its own day", 200_000 / scale, Shape::Distinct, Some(1e6)),
        (
            "points (4,000 places)",
            500_000 / scale,
            Shape::Places { days: 400, places: 4_000 },
            Some(5e5),
        ),
        (
            "points, any dyad anywhere",
            200_000 / scale,
            Shape::PlacesAnyDyad { days: 400, places: 4_000 },
            None,
        ),
    ];
    println!(
        "casus events, 2 threads, CSV in and out (events a second; ratio against one \
         `casus check` per row from Python)"
    );
    for (name, rows, shape, aim) in cases {
        let input = dir.path().join("in.csv");
        table(&input, rows, shape, 42);
        let file = || std::fs::File::create(dir.path().join("out.csv")).unwrap();
        // One run to warm the page cache and the allocator, then the timed ones: the output
        // encoded and discarded (what casus does), then written to a file on this disk.
        let csv = EventFormatOut::Csv;
        let _ = batch_rate(&ds, &classifier, &input, std::io::sink(), csv, rows);
        let (rate, evaluations, written) =
            batch_rate(&ds, &classifier, &input, std::io::sink(), csv, rows);
        let (to_file, _, _) = batch_rate(&ds, &classifier, &input, file(), csv, rows);
        let parquet = EventFormatOut::Parquet;
        let (to_parquet, _, _) = batch_rate(&ds, &classifier, &input, file(), parquet, rows);
        let python = if only { None } else { python_rate(&input) };
        let ratio = match python {
            Some(p) => format!("; vs Python: {:.0}x ({p:.1} events/s)", rate / p),
            None if only => String::new(),
            None => "; vs Python: python3 not found".to_owned(),
        };
        let verdict = match aim {
            Some(aim) if rate >= aim => "meets the aim",
            Some(_) => "BELOW the aim",
            None => "worst case, no aim",
        };
        println!(
            "  {name:<26} {rows:>9} rows, {evaluations:>6} evaluated, {written:>9} rows out: \
             {rate:>9.0} events/s ({verdict}); to a file {to_file:>9.0}/s, as Parquet \
             {to_parquet:>8.0}/s{ratio}"
        );
    }
    println!(
        "  (the aim is for casus's work, output encoded and discarded; the file rate adds this \
         disk's cost of writing the long table, 15-70 bytes a row)"
    );
}
