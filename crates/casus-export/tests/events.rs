//! Batch evaluation: tables of attacks read as CSV and Parquet, evaluated in chunks on worker
//! threads, written as CSV and Parquet; invalid rows reported, never dropped.

use std::path::Path;
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StringArray};
use casus_export::events::{
    read_events, Batch, BatchOptions, ChunkResult, EventFormat, EventFormatOut, EventsSink,
    ObligationRow, SummaryRow,
};

use crate::common::dataset;

const TABLE: &str = "\
id,date,aggressor,victim,target,facts,assume,source_id
a,2026-01-01,RUS,EST,territory,,,x
b,2026-01-01,RUS,EST,,,,y
c,2026-13-01,RUS,EST,,,,z
d,1939-09-01,RUS,UKR,,,,w
e,2027-01-01,RUS,UKR,,ceasefire-in-force=true,ukraine-guarantee-proposal-2025:paris-2026-01-coalition-commitment,v
f,2026-01-01,RUS,EST,,provokd=true,,u
g,2026-01-01,RUS,EST,territory,,,t
";

fn opts(threads: usize) -> BatchOptions<'static> {
    BatchOptions {
        threads,
        classify: None,
        today: jiff::civil::date(2026, 1, 1),
        keep_invalid: true,
    }
}

/// Every chunk's results, concatenated.
#[derive(Default)]
struct All {
    obligations: Vec<ObligationRow>,
    summaries: Vec<SummaryRow>,
    invalid: Vec<casus_export::events::InvalidRow>,
    /// The long table as the CSV sink writes it.
    csv: Vec<u8>,
}

fn run(path: &Path, format: EventFormat, chunk: usize, threads: usize) -> (All, u64) {
    let mut batch = Batch::new(dataset(), opts(threads));
    let mut all = All::default();
    let mut sink = EventsSink::new(Vec::new(), EventFormatOut::Csv).unwrap();
    read_events(path, format, chunk, |rows| {
        let r: ChunkResult = batch.run(rows);
        sink.write_chunk(&r)?;
        all.obligations.extend(r.obligations());
        all.summaries.extend(r.summaries());
        all.invalid.extend(r.invalid);
        Ok(())
    })
    .unwrap();
    all.csv = sink.finish().unwrap();
    (all, batch.counts().distinct)
}

fn bound(rows: &[ObligationRow], id: &str, treaty: &str) -> Vec<String> {
    let mut v: Vec<String> = rows
        .iter()
        .filter(|r| r.event_id == id && &*r.treaty == treaty && r.status == "triggered")
        .map(|r| r.state.to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn a_csv_table_of_attacks_comes_out_as_obligations_and_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.csv");
    std::fs::write(&path, TABLE).unwrap();
    let (r, distinct) = run(&path, EventFormat::Csv, 3, 2);
    // Estonia in 2026: NATO's Art 5 binds the Allies, the EU's 42(7) the member states.
    let nato = bound(&r.obligations, "a", "north-atlantic-treaty");
    assert!(nato.contains(&"USA".to_owned()) && nato.contains(&"POL".to_owned()), "{nato:?}");
    assert!(!nato.contains(&"EST".to_owned()), "the victim is not bound to itself");
    // Rows b and g are the same attack as a (target territory is the default): one
    // evaluation, the same rows under each id.
    assert_eq!(bound(&r.obligations, "b", "north-atlantic-treaty"), nato);
    assert_eq!(bound(&r.obligations, "g", "north-atlantic-treaty"), nato);
    // a (= g), b, c, d, e, f: six distinct attacks (b differs from a by its empty target).
    assert_eq!(distinct, 6);
    // The proposal assumed in force, in its Paris coalition variant.
    let e: Vec<&ObligationRow> = r.obligations.iter().filter(|o| o.event_id == "e").collect();
    assert!(
        e.iter().any(|o| &*o.state == "DEU"
            && o.hypothetical
            && o.variant.as_deref() == Some("paris-2026-01-coalition-commitment")),
        "{e:?}"
    );
    // Invalid rows: each reported with its row number and what is wrong, kept in the summary
    // as invalid, never in the obligations.
    let rows: Vec<(u64, &str)> = r.invalid.iter().map(|i| (i.row, i.id.as_str())).collect();
    assert_eq!(rows, [(3, "c"), (4, "d"), (6, "f")]);
    let c = &r.invalid[0];
    assert!(c.problems[0].starts_with("invalid-date"), "{:?}", c.problems);
    assert!(r.invalid[2].problems[0].contains("did you mean `provoked`"), "{:?}", r.invalid[2]);
    let marked: Vec<&SummaryRow> = r.summaries.iter().filter(|s| s.status == "invalid").collect();
    assert_eq!(marked.len(), 3);
    assert!(r.obligations.iter().all(|o| !["c", "d", "f"].contains(&o.event_id.as_str())));
    // One summary per row, in input order.
    let ids: Vec<&str> = r.summaries.iter().map(|s| s.event_id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e", "f", "g"]);
    let a = &r.summaries[0];
    assert!(a.triggered.contains("north-atlantic-treaty") && a.n_bound as usize >= nato.len());
}

#[test]
fn the_output_does_not_depend_on_chunks_or_threads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.csv");
    let mut text = String::from("id,date,aggressor,victim\n");
    let pairs = [("RUS", "EST"), ("CHN", "JPN"), ("PRK", "KOR"), ("RUS", "FIN"), ("IRN", "ISR")];
    let dates = ["1995-01-01", "2010-06-01", "2024-03-01", "2026-01-01"];
    for i in 0..600 {
        let (a, v) = pairs[i % pairs.len()];
        let d = dates[(i / 5) % dates.len()];
        text.push_str(&format!("r{i},{d},{a},{v}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let (base, _) = run(&path, EventFormat::Csv, 600, 1);
    assert!(!base.obligations.is_empty());
    for (chunk, threads) in [(1, 2), (7, 3), (64, 2), (599, 4)] {
        let (other, _) = run(&path, EventFormat::Csv, chunk, threads);
        assert_eq!(other.obligations, base.obligations, "chunk {chunk}, threads {threads}");
        assert_eq!(other.summaries, base.summaries, "chunk {chunk}, threads {threads}");
        assert_eq!(other.csv, base.csv, "chunk {chunk}, threads {threads}");
    }
    // The CSV written from shared rows is the CSV of the rows spelled out.
    let mut spelled = EventsSink::new(Vec::new(), EventFormatOut::Csv).unwrap();
    spelled.write(&base.obligations).unwrap();
    assert_eq!(
        String::from_utf8(spelled.finish().unwrap()).unwrap(),
        String::from_utf8(base.csv).unwrap()
    );
}

#[test]
fn attacks_on_days_of_one_span_share_an_evaluation_and_match_one_row_at_a_time() {
    // Rows on many days, across boundaries of the data (Ukraine's independence, German
    // unification, Estonia's and Poland's NATO accessions), some invalid on their day (a
    // state that does not exist yet: the problem quotes the date): the batch, which evaluates
    // an attack once per span of days, writes what one evaluation per row writes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.csv");
    let pairs = [("RUS", "UKR"), ("DEU", "POL"), ("RUS", "EST"), ("CHN", "JPN"), ("SUN", "POL")];
    let mut text = String::from("id,date,aggressor,victim\n");
    let mut attacks = std::collections::BTreeSet::new();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let first = jiff::civil::date(1989, 1, 1);
    for i in 0..900 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let (a, v) = pairs[(seed % pairs.len() as u64) as usize];
        let d = first.checked_add(jiff::Span::new().days((seed >> 8) as i64 % 2_000)).unwrap();
        text.push_str(&format!("r{i},{d},{a},{v}\n"));
        attacks.insert((a, v, d));
    }
    std::fs::write(&path, text).unwrap();
    let (batch, evaluations) = run(&path, EventFormat::Csv, 300, 2);
    // Fewer evaluations than attacks on distinct days: days of one span shared one.
    assert!(evaluations < attacks.len() as u64 * 2 / 3, "{evaluations} for {}", attacks.len());
    assert!(!batch.invalid.is_empty() && !batch.obligations.is_empty());
    // One row at a time, each with a batch of its own: nothing shared.
    let mut single = All::default();
    read_events(&path, EventFormat::Csv, 1, |rows| {
        let r = Batch::new(dataset(), opts(1)).run(rows);
        single.obligations.extend(r.obligations());
        single.summaries.extend(r.summaries());
        single.invalid.extend(r.invalid);
        Ok(())
    })
    .unwrap();
    assert_eq!(batch.obligations, single.obligations);
    assert_eq!(batch.summaries, single.summaries);
    assert_eq!(batch.invalid, single.invalid);
}

#[test]
fn parquet_as_polars_and_pandas_write_it_is_read() {
    // Regression: polars writes strings as string views and pandas categoricals as
    // dictionaries; ids are often small integers and dates Date32 or Date64. They were refused
    // ("not text, a date or a number").
    use arrow_array::types::Int32Type;
    use arrow_array::{Date32Array, Date64Array, DictionaryArray, Int16Array, StringViewArray};
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("events.csv");
    std::fs::write(
        &csv_path,
        "id,date,aggressor,victim\n1,2026-01-01,RUS,EST\n2,1999-03-12,RUS,POL\n3,2026-01-01,CHN,JPN\n",
    )
    .unwrap();
    let days = |y, m, d| {
        jiff::civil::date(y, m, d).since(jiff::civil::date(1970, 1, 1)).unwrap().get_days()
    };
    let victims: DictionaryArray<Int32Type> = vec!["EST", "POL", "JPN"].into_iter().collect();
    let batch = RecordBatch::try_from_iter([
        ("id", Arc::new(Int16Array::from(vec![1, 2, 3])) as ArrayRef),
        (
            "date",
            Arc::new(Date32Array::from(vec![days(2026, 1, 1), days(1999, 3, 12), days(2026, 1, 1)]))
                as ArrayRef,
        ),
        ("aggressor", Arc::new(StringViewArray::from(vec!["RUS", "RUS", "CHN"])) as ArrayRef),
        ("victim", Arc::new(victims) as ArrayRef),
    ])
    .unwrap();
    let pq_path = dir.path().join("events.parquet");
    let mut w = parquet::arrow::ArrowWriter::try_new(
        std::fs::File::create(&pq_path).unwrap(),
        batch.schema(),
        None,
    )
    .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let (from_csv, _) = run(&csv_path, EventFormat::Csv, 8, 1);
    let (from_parquet, _) = run(&pq_path, EventFormat::Parquet, 8, 1);
    assert!(from_parquet.invalid.is_empty(), "{:?}", from_parquet.invalid);
    assert!(!from_csv.obligations.is_empty());
    assert_eq!(from_parquet.obligations, from_csv.obligations);
    // A Date64 day (milliseconds) reads as its day.
    let ms = Date64Array::from(vec![days(1999, 3, 12) as i64 * 86_400_000]);
    let b = RecordBatch::try_from_iter([
        ("date", Arc::new(ms) as ArrayRef),
        ("aggressor", Arc::new(StringArray::from(vec!["RUS"])) as ArrayRef),
        ("victim", Arc::new(StringArray::from(vec!["POL"])) as ArrayRef),
    ])
    .unwrap();
    let mut got = Vec::new();
    casus_export::events::read_arrow(
        std::path::Path::new("t"),
        &b.schema(),
        [Ok(b.clone())],
        |rows| {
            got.extend(rows.iter().map(|r| r.event().date.map(|d| format!("{:?}", d.value))));
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(got, [Some("Text(\"1999-03-12\")".to_owned())]);
}

#[test]
fn parquet_in_and_out() {
    let dir = tempfile::tempdir().unwrap();
    // The CSV table as Parquet, every column text.
    let csv_path = dir.path().join("events.csv");
    std::fs::write(&csv_path, TABLE).unwrap();
    let lines: Vec<Vec<&str>> = TABLE.lines().map(|l| l.split(',').collect()).collect();
    let header = &lines[0];
    let columns: Vec<(String, ArrayRef)> = header
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let values: Vec<Option<&str>> =
                lines[1..].iter().map(|l| Some(l[k]).filter(|v| !v.is_empty())).collect();
            ((*name).to_owned(), Arc::new(StringArray::from(values)) as ArrayRef)
        })
        .collect();
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let pq_path = dir.path().join("events.parquet");
    let file = std::fs::File::create(&pq_path).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let (from_csv, _) = run(&csv_path, EventFormat::Csv, 4, 1);
    let (from_parquet, _) = run(&pq_path, EventFormat::of(&pq_path), 4, 1);
    assert_eq!(from_parquet.obligations, from_csv.obligations);
    assert_eq!(from_parquet.invalid, from_csv.invalid);

    // Written as Parquet, read back: the same number of rows and the same states.
    let out = dir.path().join("out.parquet");
    let mut sink =
        EventsSink::new(std::fs::File::create(&out).unwrap(), EventFormatOut::Parquet).unwrap();
    sink.write(&from_csv.obligations).unwrap();
    sink.finish().unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
        std::fs::File::open(&out).unwrap(),
    )
    .unwrap()
    .build()
    .unwrap();
    let mut n = 0;
    let mut states = Vec::new();
    for b in reader {
        let b = b.unwrap();
        n += b.num_rows();
        let col = b.column_by_name("state").unwrap();
        let s = col.as_any().downcast_ref::<StringArray>().unwrap();
        states.extend(s.iter().map(|x| x.unwrap().to_owned()));
    }
    assert_eq!(n, from_csv.obligations.len());
    let expected: Vec<String> = from_csv.obligations.iter().map(|o| o.state.to_string()).collect();
    assert_eq!(states, expected);
}

#[test]
fn a_table_without_an_aggressor_column_is_refused_with_the_columns_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ged.csv");
    std::fs::write(&path, "id,date_start,side_a,side_b\n1,2020-01-01,RUS,UKR\n").unwrap();
    let err = read_events(&path, EventFormat::Csv, 10, |_| Ok(())).unwrap_err().to_string();
    assert!(err.contains("no `aggressor` column") && err.contains("side_a"), "{err}");
    // A CSV row with a wrong number of fields is an error at its row.
    std::fs::write(&path, "aggressor,victim,date\nRUS,EST,2026-01-01\nRUS,EST\n").unwrap();
    let err = read_events(&path, EventFormat::Csv, 10, |_| Ok(())).unwrap_err().to_string();
    assert!(err.contains("row 2"), "{err}");
}
