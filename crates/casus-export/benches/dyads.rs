//! `cargo bench -p casus-export --bench dyads`: the full COW directed dyad-year frame,
//! 1816–2024, with ATOP 5.1 obligations joined, written to CSV and to Parquet (one thread
//! each);
//! then the same job in plain pandas (tools/bench/pandas_dyads.py) when the venv exists
//! (tools/bench/setup.sh). Prints both times and their ratio.
//!
//! The timed Rust job starts from the files: it loads and checks the casus data, reads the
//! ATOP member file, generates, and writes both outputs. Each run asserts the row count.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stdout,
    reason = "a benchmark fails loudly and prints"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use casus_core::{load, DataPaths};
use casus_export::{CsvSink, Dyads, Kind, Obligations, ParquetSink, RowSink, System, Unit};

const ROWS: u64 = 2_214_930;

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Counts flags as rows go by, to compare with pandas.
#[derive(Default)]
struct Sums([u64; 5]);

impl RowSink for Sums {
    fn start(&mut self, _: &casus_export::Schema) -> Result<(), casus_export::ExportError> {
        Ok(())
    }
    fn row(&mut self, r: &casus_export::DyadRow<'_>) -> Result<(), casus_export::ExportError> {
        if let Some(o) = r.obligations {
            for (i, k) in Kind::ALL.into_iter().enumerate() {
                self.0[i] += u64::from(o.has(k));
            }
        }
        Ok(())
    }
    fn finish(&mut self) -> Result<(), casus_export::ExportError> {
        Ok(())
    }
}

/// The job: load and check the data, read ATOP, then generate and write CSV and Parquet. The
/// two files are written by two threads, each walking the frame itself (generation is the
/// cheap part), so the job uses both cores; `sums` runs one more pass to count flags.
fn job(data: &Path, atop: &Path, csv: &Path, pq: &Path, sums: Option<&mut Sums>) -> u64 {
    let verbose = std::env::var_os("CASUS_BENCH_PHASES").is_some();
    let t = Instant::now();
    let checked = load(&DataPaths::in_dir(data));
    assert!(checked.passed(), "the bundled data has errors");
    let reg = checked.dataset().registry();
    let ob = Obligations::from_atop_file(atop, reg, System::Cow).unwrap();
    if verbose {
        println!("  loaded {:?}", t.elapsed());
    }
    let mut dyads = Dyads::new(reg, System::Cow, Unit::DirectedDyadYear);
    dyads.years(1816, 2024).obligations(&ob);
    let dyads = &dyads;
    let (a, b) = std::thread::scope(|s| {
        let csv_thread = s.spawn(move || {
            let mut sink = CsvSink::new(std::fs::File::create(csv).unwrap());
            dyads.write(&mut sink, &mut |_, _| {}).unwrap()
        });
        let mut sink = ParquetSink::new(std::fs::File::create(pq).unwrap());
        let b = dyads.write(&mut sink, &mut |_, _| {}).unwrap();
        (csv_thread.join().unwrap(), b)
    });
    assert_eq!((a.rows, b.rows), (ROWS, ROWS));
    if let Some(sums) = sums {
        dyads.write(sums, &mut |_, _| {}).unwrap();
    }
    if verbose {
        println!("  written {:?}", t.elapsed());
    }
    a.rows
}

fn main() {
    let root = root();
    let data = root.join("data");
    // ATOP's member file, which casus does not ship: where the reference suite finds it.
    let reference = std::env::var_os("CASUS_REFERENCE")
        .map_or_else(|| root.join("../shared/reference"), std::path::PathBuf::from);
    let atop = reference.join("atop/atop5_1m.csv");
    if !atop.is_file() {
        println!("dyads: skipped, no ATOP member file at {} (set CASUS_REFERENCE)", atop.display());
        return;
    }
    let out = std::env::temp_dir().join(format!("casus-bench-dyads-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let (csv, pq) = (out.join("cow_atop.csv"), out.join("cow_atop.parquet"));

    let mut sums = Sums::default();
    job(&data, &atop, &csv, &pq, Some(&mut sums)); // warm-up, and the flag sums
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            job(&data, &atop, &csv, &pq, None);
            t.elapsed()
        })
        .collect();
    times.sort();
    let rust = times[times.len() / 2];
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!(
        "dyads/cow-ddy-1816-2024/atop/csv+parquet/rust: {:.3} s median of 5 (min {:.3} s), \
         {ROWS} rows, CSV {:.1} MB, Parquet {:.1} MB",
        rust.as_secs_f64(),
        times[0].as_secs_f64(),
        size(&csv),
        size(&pq)
    );
    println!(
        "  flag sums: defense {}, offense {}, neutral {}, nonagg {}, consul {}",
        sums.0[0], sums.0[1], sums.0[2], sums.0[3], sums.0[4]
    );

    let py = root.join("tools/bench/.venv/bin/python");
    if !py.is_file() {
        println!("dyads/pandas: skipped, no venv (run tools/bench/setup.sh)");
        return;
    }
    let output = Command::new(&py)
        .arg(root.join("tools/bench/pandas_dyads.py"))
        .arg("--states")
        .arg(data.join("states.toml"))
        .arg("--atop")
        .arg(&atop)
        .arg("--csv")
        .arg(out.join("pandas.csv"))
        .arg("--parquet")
        .arg(out.join("pandas.parquet"))
        .output()
        .unwrap();
    assert!(output.status.success(), "pandas failed: {}", String::from_utf8_lossy(&output.stderr));
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let secs = v["seconds"].as_f64().unwrap();
    assert_eq!(v["rows"].as_u64(), Some(ROWS), "pandas wrote another number of rows");
    let pandas_sums: Vec<u64> =
        Kind::ALL.iter().map(|k| v["flags"][k.as_str()].as_u64().unwrap()).collect();
    assert_eq!(pandas_sums, sums.0, "pandas and casus disagree on the flags");
    println!("dyads/cow-ddy-1816-2024/atop/csv+parquet/pandas: {secs:.3} s, same rows and flags");
    println!("  casus is {:.1}x faster", secs / rust.as_secs_f64());
    let _ = std::fs::remove_dir_all(&out);
}
