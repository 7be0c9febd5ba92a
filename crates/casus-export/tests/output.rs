//! Files: CSV and Parquet written in one pass hold the same rows; the sidecar records the
//! version, the content hash and the citations; pandas and polars read them back (skipped,
//! with a notice, when Python or its packages are missing; .ci/run installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use casus_export::{
    content_hash, CsvSink, DataRecord, Dyads, Obligations, ParquetSink, RunSettings, Sidecar,
    System, Tee, Unit,
};

use crate::common::{data_dir, dataset};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("casus-export-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The Python with pandas, pyarrow and polars: `$CASUS_PYTHON`, the project venv
/// (tools/bench/setup.sh), or `python3`.
fn python() -> Option<PathBuf> {
    let venv =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/bench/.venv/bin/python"));
    let candidates = std::env::var_os("CASUS_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([venv, PathBuf::from("python3")]);
    candidates.into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import pandas, pyarrow, polars"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// A member-level file in ATOP's shape (the columns casus reads), made up for these tests so
/// that they run without the reference data: the Triple Alliance's three members with
/// defence obligations, 1882 to 1915, and a consultation pact of two states in 1916.
const MEMBER_FIXTURE: &str = "\
atopid,member,phase,yrent,moent,dayent,yrexit,moexit,dayexit,obvary,defense,offense,neutral,nonagg,consul
1350,255,1,1882,5,20,1915,5,4,0,1,0,1,0,1
1350,300,1,1882,5,20,1915,5,4,0,1,0,1,0,1
1350,325,1,1882,5,20,1915,5,4,1,1,1,1,0,1
9999,2,1,1916,1,1,1917,1,1,0,0,0,0,0,1
9999,200,1,1916,1,1,1917,1,1,0,0,0,0,0,1
";

/// Writes COW directed dyad-years 1914–1918 joined with the fixture, as CSV and Parquet.
fn write_both(csv: &Path, pq: &Path) -> casus_export::Summary {
    let ob = Obligations::from_atop_csv(
        MEMBER_FIXTURE,
        Path::new("fixture.csv"),
        dataset().registry(),
        System::Cow,
    )
    .unwrap();
    let mut sink = Tee(
        CsvSink::new(std::fs::File::create(csv).unwrap()),
        ParquetSink::new(std::fs::File::create(pq).unwrap()),
    );
    Dyads::new(dataset().registry(), System::Cow, Unit::DirectedDyadYear)
        .years(1914, 1918)
        .obligations(&ob)
        .write(&mut sink, &mut |_, _| {})
        .unwrap()
}

#[test]
fn sidecar_records_version_hash_and_citations() {
    let (hash, files) = content_hash(&data_dir()).unwrap();
    assert_eq!(hash.len(), 64);
    assert_eq!(content_hash(&data_dir()).unwrap().0, hash, "the hash is deterministic");
    let ob = Obligations::bundled(dataset(), System::Cow, &hash);
    let run = RunSettings {
        system: System::Cow,
        unit: Unit::DirectedDyadYear,
        from: 1816,
        to: 2024,
        allied_only: false,
        collapse: casus_export::Collapse::Last,
    };
    let data = DataRecord { dir: data_dir(), sha256: hash.clone(), files };
    let side = Sidecar::new(run, data, Some(&ob), Default::default(), None);
    let json: serde_json::Value = serde_json::from_str(&side.to_json()).unwrap();
    assert_eq!(json["casus_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["data"]["sha256"], hash.as_str());
    assert_eq!(json["columns"][3]["name"], "casus_defense");
    let cites: Vec<&str> = json["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["bibtex"].as_str().unwrap())
        .collect();
    assert!(cites[0].starts_with("@misc{cowstates2016"));
    assert!(cites.iter().any(|c| c.contains("miller2022peacesciencer")));
    assert!(cites.iter().any(|c| c.contains(&hash)));
    assert_eq!(Sidecar::path_for(Path::new("x/dyads.csv")), Path::new("x/dyads.csv.meta.json"));
}

#[test]
fn parquet_opens_in_pandas_and_polars() {
    let (csv, pq) = (temp("ddy.csv"), temp("ddy.parquet"));
    let summary = write_both(&csv, &pq);
    let Some(py) = python() else {
        println!(
            "NOTICE: skipped reading Parquet back: no Python with pandas, pyarrow and polars \
             (run tools/bench/setup.sh, or set CASUS_PYTHON)"
        );
        return;
    };
    let script = r#"
import json, sys
import pandas as pd, polars as pl, pyarrow.parquet as pq
csv, parquet = sys.argv[1], sys.argv[2]
t = pq.read_table(parquet)
p = pd.read_parquet(parquet)
l = pl.read_parquet(parquet)
c = pd.read_csv(csv, dtype={"atop_defense_ids": str, "atop_offense_ids": str, "atop_neutral_ids": str, "atop_nonagg_ids": str, "atop_consul_ids": str})
row = l.filter((pl.col("ccode1") == 255) & (pl.col("ccode2") == 300) & (pl.col("year") == 1914)).to_dicts()
def norm(s):
    if pd.api.types.is_numeric_dtype(s):
        return list(s.astype("float64").fillna(-1))
    return list(s.astype(object).where(s.notna(), ""))
same = list(c.columns) == list(p.columns) and all(norm(p[col]) == norm(c[col]) for col in c.columns)
print(json.dumps({
  "rows_pandas": len(p), "rows_polars": l.height, "rows_csv": len(c),
  "columns": list(p.columns),
  "arrow_types": [str(f.type) for f in t.schema],
  "polars_types": [str(d) for d in l.dtypes],
  "meta": {k.decode(): v.decode() for k, v in (t.schema.metadata or {}).items()},
  "row": row, "csv_equals_parquet": bool(same),
}))
"#;
    let out = Command::new(&py).args(["-c", script]).arg(&csv).arg(&pq).output().unwrap();
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    println!("{v}");
    let n = summary.rows;
    assert_eq!(v["rows_pandas"], n);
    assert_eq!(v["rows_polars"], n);
    assert_eq!(v["rows_csv"], n);
    assert_eq!(v["csv_equals_parquet"], true);
    assert_eq!(v["columns"][0], "ccode1");
    assert_eq!(v["columns"][13], "atop_obvary");
    assert_eq!(v["arrow_types"][0], "int16");
    assert_eq!(v["arrow_types"][3], "int8");
    assert_eq!(v["arrow_types"][8], "string");
    assert_eq!(v["polars_types"][2], "Int16");
    assert_eq!(v["meta"]["casus.schema_version"], "1");
    // Germany owed Austria-Hungary defence in 1914 under the fixture's Triple Alliance (1350).
    let row = &v["row"][0];
    assert_eq!(row["atop_defense"], 1);
    assert!(row["atop_defense_ids"].as_str().unwrap().contains("1350"), "{row}");
}

#[test]
fn csv_and_parquet_agree_on_rows() {
    let (csv, pq) = (temp("agree.csv"), temp("agree.parquet"));
    let summary = write_both(&csv, &pq);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count() as u64, summary.rows + 1);
    assert!(text.starts_with(
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,\
         atop_defense_ids,atop_offense_ids,atop_neutral_ids,atop_nonagg_ids,atop_consul_ids,\
         atop_obvary\n"
    ));
    // Parquet magic at both ends.
    let bytes = std::fs::read(&pq).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
}
