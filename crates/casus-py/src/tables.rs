//! `events` and `dyads`: the tables `casus events` and `casus dyads` write, as Arrow tables.
//! Each is written by the CLI's own Parquet sink into memory and decoded
//! ([`ArrowTable::from_parquet`]), so that the columns, types and metadata are the CLI's by
//! construction; the cost (encoding and decoding) is small beside the evaluation.

use std::path::{Path, PathBuf};

use casus_export::events::{
    read_arrow, read_events, Batch, BatchOptions, EventFormat, EventFormatOut, EventsCounts,
    EventsSink, InvalidRow, SummarySink,
};
use casus_export::{Collapse, Dyads, Obligations, ParquetSink, System, Unit};
use pyo3::prelude::*;

use crate::arrow::ArrowTable;
use crate::data::{dataset, geo};
use crate::error::{json, Failure, OrRaise};

/// Where a table of attacks comes from.
enum Attacks {
    /// A CSV or Parquet file.
    File(PathBuf),
    /// An Arrow IPC stream (a pyarrow, polars or pandas table, serialized by the Python side).
    Ipc(Vec<u8>),
}

/// What `events` gives back: the obligations, the summary if asked for, the rows that could
/// not be evaluated (JSON: `[{row, id, problems}]`) and the counts (JSON).
type EventsResult = (ArrowTable, Option<ArrowTable>, String, String);

/// Evaluates a table of attacks (a file, or Arrow IPC bytes) as `casus events` does.
#[pyfunction]
#[pyo3(signature = (path, ipc, summary, keep_invalid, threads, chunk, data))]
#[expect(clippy::too_many_arguments, reason = "the CLI's flags, one argument each")]
pub(crate) fn events(
    py: Python<'_>,
    path: Option<PathBuf>,
    ipc: Option<Bound<'_, pyo3::types::PyBytes>>,
    summary: bool,
    keep_invalid: bool,
    threads: Option<usize>,
    chunk: usize,
    data: Option<PathBuf>,
) -> PyResult<EventsResult> {
    let input = match (path, ipc) {
        (Some(p), _) => Attacks::File(p),
        // Copied out of the bytes object so that the evaluation runs without the GIL.
        (None, Some(b)) => Attacks::Ipc(b.as_bytes().to_vec()),
        (None, None) => {
            return Err(Failure::argument("no table of attacks given").into_py(py));
        }
    };
    py.detach(|| run_events(&input, summary, keep_invalid, threads, chunk, data.as_deref()))
        .or_raise(py)
}

/// Invalid rows listed at most (the CLI's sidecar lists as many).
const INVALID_LISTED: usize = 1000;

fn run_events(
    input: &Attacks,
    with_summary: bool,
    keep_invalid: bool,
    threads: Option<usize>,
    chunk: usize,
    data: Option<&Path>,
) -> Result<EventsResult, Failure> {
    let ds = dataset(data, None)?;
    let classifier = geo()?;
    let classify = |lat: f64, lon: f64, date: jiff::civil::Date| {
        classifier.classify(lat, lon, date, ds.regions()).map_err(|e| e.to_string())
    };
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .clamp(1, 256);
    let mut batch = Batch::new(
        &ds,
        BatchOptions {
            threads,
            classify: Some(&classify),
            today: jiff::Zoned::now().date(),
            keep_invalid,
        },
    );
    let mut sink = EventsSink::new(Vec::new(), EventFormatOut::Parquet).map_err(Failure::data)?;
    let mut summary = with_summary
        .then(|| SummarySink::new(Vec::new(), EventFormatOut::Parquet))
        .transpose()
        .map_err(Failure::data)?;
    let mut invalid: Vec<InvalidRow> = Vec::new();
    let each = |rows: &[casus_export::events::InputRow]| {
        let done = batch.run(rows);
        sink.write_chunk(&done)?;
        if let Some(s) = &mut summary {
            s.write_chunk(&done)?;
        }
        let room = INVALID_LISTED.saturating_sub(invalid.len());
        invalid.extend(done.invalid.into_iter().take(room));
        Ok(())
    };
    match input {
        Attacks::File(path) => read_events(path, EventFormat::of(path), chunk.max(1), each),
        Attacks::Ipc(bytes) => {
            let reader =
                arrow_ipc::reader::StreamReader::try_new(std::io::Cursor::new(bytes), None)
                    .map_err(|e| Failure::argument(format!("cannot read the table: {e}")))?;
            let schema = reader.schema();
            read_arrow(Path::new("table"), &schema, reader, each)
        }
    }
    .map_err(Failure::data)?;
    let out = sink.finish().map_err(Failure::data)?;
    let sum_out = summary.map(SummarySink::finish).transpose().map_err(Failure::data)?;
    let counts: EventsCounts = batch.counts();
    let invalid_json: Vec<serde_json::Value> = invalid
        .iter()
        .map(|r| serde_json::json!({ "row": r.row, "id": r.id, "problems": r.problems }))
        .collect();
    Ok((
        ArrowTable::from_parquet(out)?,
        sum_out.map(ArrowTable::from_parquet).transpose()?,
        json(&invalid_json)?,
        json(&counts)?,
    ))
}

/// The directed dyad-year (dyad-year, dyad-day) frame as `casus dyads` writes it.
#[pyfunction]
#[pyo3(signature = (system, unit, from_, to, treaties, atop, allied, collapse, data))]
#[expect(clippy::too_many_arguments, reason = "the CLI's flags, one argument each")]
pub(crate) fn dyads(
    py: Python<'_>,
    system: String,
    unit: String,
    from_: i16,
    to: Option<i16>,
    treaties: bool,
    atop: Option<PathBuf>,
    allied: bool,
    collapse: String,
    data: Option<PathBuf>,
) -> PyResult<ArrowTable> {
    py.detach(|| {
        let system = match system.as_str() {
            "cow" => System::Cow,
            "gw" => System::Gw,
            s => return Err(Failure::argument(format!("unknown system `{s}`: cow or gw"))),
        };
        let unit = match unit.as_str() {
            "directed-dyad-year" => Unit::DirectedDyadYear,
            "dyad-year" => Unit::DyadYear,
            "directed-dyad-day" => Unit::DirectedDyadDay,
            u => {
                return Err(Failure::argument(format!(
                    "unknown unit `{u}`: directed-dyad-year, dyad-year or directed-dyad-day"
                )))
            }
        };
        let collapse = match collapse.as_str() {
            "last" => Collapse::Last,
            "any" => Collapse::Any,
            c => return Err(Failure::argument(format!("unknown collapse `{c}`: last or any"))),
        };
        let this_year = jiff::Zoned::now().year();
        let to = to.unwrap_or(this_year);
        casus_export::check_years(from_, to, this_year, ["from_", "to"])
            .map_err(Failure::argument)?;
        if allied && atop.is_none() && !treaties {
            return Err(Failure::argument(
                "`allied=True` needs an obligation source: `atop=PATH` or `treaties=True`",
            ));
        }
        let ds = dataset(data.as_deref(), atop.as_deref())?;
        let obligations = match (&atop, treaties) {
            (Some(path), _) => Some(
                Obligations::from_atop_file(path, ds.registry(), system).map_err(Failure::data)?,
            ),
            // The sidecar's data hash is the CLI's; a table in memory has no sidecar.
            (None, true) => Some(Obligations::bundled(&ds, system, "")),
            (None, false) => None,
        };
        let mut frame = Dyads::new(ds.registry(), system, unit);
        frame.years(from_, to).collapse(collapse).allied_only(allied);
        if let Some(o) = &obligations {
            frame.obligations(o);
        }
        let mut out = Vec::new();
        let mut sink = ParquetSink::new(&mut out);
        frame.write(&mut sink, &mut |_, _| {}).map_err(Failure::data)?;
        drop(sink);
        ArrowTable::from_parquet(out)
    })
    .or_raise(py)
}
