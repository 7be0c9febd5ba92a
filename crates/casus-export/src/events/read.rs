//! Reading a table of attacks: CSV (with a header) or Parquet, in chunks, each row as a
//! [`RawEvent`] whose values name their column (so that every message says which cell is
//! wrong) and a key that identifies the attack whatever the row.

use std::fs::File;
use std::path::Path;

use arrow_array::types::{
    ArrowDictionaryKeyType, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Date64Array, DictionaryArray, Float32Array,
    Float64Array, Int16Array, Int32Array, Int64Array, Int8Array, LargeStringArray, RecordBatch,
    StringArray, StringViewArray, UInt16Array, UInt32Array, UInt64Array, UInt8Array,
};
use arrow_buffer::ArrowNativeType as _;
use casus_core::input::{AtInput, DateInput, FactValue, Given, RawEvent, RawFact};

use super::InputRow;
use crate::ExportError;

/// The columns a table of events may have; others are ignored (and listed in the sidecar).
pub const EVENT_COLUMNS: [(&str, &str); 10] = [
    ("id", "the event's id, kept in the output (default: the row number)"),
    ("date", "YYYY-MM-DD (required unless every row is today)"),
    ("aggressor", "a state code, or NSA:<name> (required)"),
    ("victim", "a state code; empty: the sovereign of the place on the date"),
    ("lat", "latitude in degrees (with lon: a point, classified)"),
    ("lon", "longitude in degrees"),
    ("region", "a region code of data/regions.toml (instead of a point)"),
    ("target", "territory, forces, vessel or aircraft (default territory)"),
    ("facts", "stated facts, `name=true;name=false`"),
    ("assume", "instruments assumed in force, `ID` or `ID:VARIANT`, `;`-separated"),
];

/// The input's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet.
    Parquet,
}

impl EventFormat {
    /// The format a file's extension says (`.parquet`/`.pq` or anything else as CSV).
    pub fn of(path: &Path) -> EventFormat {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("parquet" | "pq") => EventFormat::Parquet,
            _ => EventFormat::Csv,
        }
    }
}

/// Which known columns a table has (their positions), and the columns it ignores.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventColumns {
    idx: [Option<usize>; 10],
    /// Columns that are none of [`EVENT_COLUMNS`].
    pub ignored: Vec<String>,
}

impl EventColumns {
    pub(super) fn of(names: &[String], path: &Path) -> Result<Self, ExportError> {
        let mut c = EventColumns::default();
        for (i, n) in names.iter().enumerate() {
            let n = n.trim();
            match EVENT_COLUMNS.iter().position(|(k, _)| *k == n) {
                Some(k) => {
                    if let Some(slot) = c.idx.get_mut(k) {
                        *slot = Some(i);
                    }
                }
                None => c.ignored.push(n.to_owned()),
            }
        }
        if c.get(2).is_none() {
            let near = c
                .ignored
                .iter()
                .find(|n| n.to_ascii_lowercase().contains("aggress") || n.contains("side_a"));
            let hint = near.map_or_else(String::new, |n| format!(" (is `{n}` it? rename it)"));
            return Err(ExportError::Events {
                path: path.to_owned(),
                row: None,
                message: format!(
                    "no `aggressor` column{hint}; the columns casus reads: {}",
                    names_of()
                ),
            });
        }
        if c.get(4).is_some() != c.get(5).is_some() {
            return Err(ExportError::Events {
                path: path.to_owned(),
                row: None,
                message: "a point needs both `lat` and `lon` columns".to_owned(),
            });
        }
        Ok(c)
    }

    pub(super) fn get(&self, k: usize) -> Option<usize> {
        self.idx.get(k).copied().flatten()
    }
}

fn names_of() -> String {
    EVENT_COLUMNS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
}

/// One row's cells as text, by known column (empty cells are absent).
pub(super) type Cells = [Option<String>; 10];

/// Builds a row from its cells. The attack as the engine takes it ([`InputRow::event`]) is
/// built only for the rows evaluated: most rows share an evaluation.
pub(super) fn row_of(row: u64, cells: Cells) -> InputRow {
    let [id, date, aggressor, victim, lat, lon, region, target, facts, assume] = cells;
    // Without the date: the batch keys an attack by the span of days its date falls in.
    let mut key = String::new();
    for c in [&aggressor, &victim, &lat, &lon, &region, &target, &facts, &assume] {
        key.push_str(c.as_deref().unwrap_or(""));
        key.push('\u{1f}');
    }
    let fields = Fields { date, aggressor, victim, lat, lon, region, target, facts, assume };
    InputRow { row, id: id.unwrap_or_else(|| row.to_string()), fields, key }
}

/// A row's cells but its id.
#[derive(Debug, Clone, Default)]
pub(super) struct Fields {
    pub(super) date: Option<String>,
    aggressor: Option<String>,
    pub(super) victim: Option<String>,
    lat: Option<String>,
    lon: Option<String>,
    region: Option<String>,
    target: Option<String>,
    facts: Option<String>,
    pub(super) assume: Option<String>,
}

impl Fields {
    /// The attack as given, each value with the column it came from.
    pub(super) fn event(&self) -> RawEvent {
        let field = |v: &Option<String>, name: &'static str| {
            v.as_ref().map(|v| Given::field(v.clone(), name))
        };
        let mut event = RawEvent {
            aggressor: field(&self.aggressor, "aggressor"),
            victim: field(&self.victim, "victim"),
            date: self.date.as_ref().map(|d| Given::field(DateInput::Text(d.clone()), "date")),
            region: field(&self.region, "region"),
            target: field(&self.target, "target"),
            ..RawEvent::default()
        };
        if let (Some(lat), Some(lon)) = (&self.lat, &self.lon) {
            event.at = Some(Given::field(AtInput::Text(format!("{lat},{lon}")), "lat,lon"));
        }
        for part in self.facts.iter().flat_map(|f| f.split(';')).filter(|p| !p.trim().is_empty()) {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            event.facts.push(RawFact {
                name: Given::field(name.trim().to_owned(), "facts"),
                value: Given::field(FactValue::Text(value.trim().to_owned()), "facts"),
            });
        }
        for a in self.assume.iter().flat_map(|a| a.split(';')).filter(|p| !p.trim().is_empty()) {
            event.assume.push(Given::field(a.trim().to_owned(), "assume"));
        }
        event
    }
}

/// Reads the table in chunks of `chunk` rows, calling `each` with every chunk, in order, on
/// the calling thread; returns the columns it read. The file is read and parsed on a thread
/// of its own, at most two chunks ahead: reading overlaps evaluating and writing. A chunk
/// goes back to the reader when `each` is done with it, to be emptied and filled again there:
/// the rows' memory is freed by the thread that allocated it, and reused.
///
/// # Errors
/// The file cannot be read, is not a table of this format, lacks an `aggressor` column, or
/// `each` failed (then reading stops).
pub fn read_events(
    path: &Path,
    format: EventFormat,
    chunk: usize,
    mut each: impl FnMut(&[InputRow]) -> Result<(), ExportError>,
) -> Result<EventColumns, ExportError> {
    let chunk = chunk.max(1);
    let file =
        File::open(path).map_err(|source| ExportError::Read { path: path.to_owned(), source })?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<InputRow>>(2);
    let (back_tx, back_rx) = std::sync::mpsc::channel::<Vec<InputRow>>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            // A send fails only when `each` has failed and the receiver is gone: that error
            // is the one reported.
            let mut send = |rows: Vec<InputRow>| {
                tx.send(rows).map_err(|_| ExportError::Write(std::io::Error::other("stopped")))
            };
            let mut fresh = || match back_rx.try_recv() {
                Ok(mut rows) => {
                    rows.clear();
                    rows
                }
                Err(_) => Vec::with_capacity(chunk),
            };
            match format {
                EventFormat::Csv => read_csv(path, file, chunk, &mut send, &mut fresh),
                EventFormat::Parquet => read_parquet(path, file, chunk, &mut send),
            }
        });
        let mut failed = None;
        for rows in &rx {
            if let Err(e) = each(&rows) {
                failed = Some(e);
                break;
            }
            // The reader may be done: then the chunk is freed here.
            let _ = back_tx.send(rows);
        }
        drop(rx);
        let read = reader.join().unwrap_or_else(|_| {
            Err(ExportError::Events {
                path: path.to_owned(),
                row: None,
                message: "the reader stopped unexpectedly".to_owned(),
            })
        });
        match failed {
            Some(e) => Err(e),
            None => read,
        }
    })
}

fn read_csv(
    path: &Path,
    file: File,
    chunk: usize,
    each: &mut dyn FnMut(Vec<InputRow>) -> Result<(), ExportError>,
    fresh: &mut dyn FnMut() -> Vec<InputRow>,
) -> Result<EventColumns, ExportError> {
    let bad = |row: Option<u64>, e: &dyn std::fmt::Display| ExportError::Events {
        path: path.to_owned(),
        row,
        message: e.to_string(),
    };
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(file);
    let header: Vec<String> =
        reader.headers().map_err(|e| bad(None, &e))?.iter().map(str::to_owned).collect();
    let cols = EventColumns::of(&header, path)?;
    let mut rows = fresh();
    let mut record = csv::StringRecord::new();
    let mut n = 0u64;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(bad(Some(n + 1), &e)),
        }
        n += 1;
        let cells: Cells = std::array::from_fn(|k| {
            cols.get(k)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        });
        rows.push(row_of(n, cells));
        if rows.len() == chunk {
            each(std::mem::replace(&mut rows, fresh()))?;
        }
    }
    if !rows.is_empty() {
        each(rows)?;
    }
    Ok(cols)
}

fn read_parquet(
    path: &Path,
    file: File,
    chunk: usize,
    each: &mut dyn FnMut(Vec<InputRow>) -> Result<(), ExportError>,
) -> Result<EventColumns, ExportError> {
    let bad = |row: Option<u64>, message: String| ExportError::Events {
        path: path.to_owned(),
        row,
        message,
    };
    let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|e| bad(None, e.to_string()))?;
    let schema = std::sync::Arc::clone(builder.schema());
    let reader = builder.with_batch_size(chunk).build().map_err(|e| bad(None, e.to_string()))?;
    super::arrow_in::read_arrow_owned(path, &schema, reader, each)
}

/// A Parquet cell as text: strings as they are, dates as YYYY-MM-DD, numbers and booleans
/// printed; null as absent.
pub(super) fn text_at(batch: &RecordBatch, col: usize, i: usize) -> Result<Option<String>, String> {
    let name = || batch.schema().field(col).name().clone();
    cell_text(batch.column(col), i)
        .map_err(|t| format!("column `{}` is of type {t}, not text, a date or a number", name()))
}

/// Cell `i` of an array as text: strings (as polars writes them too: string views), dates,
/// numbers and booleans, and dictionary-encoded columns (pandas' categoricals) through their
/// values; null or empty as absent. The error is the type it cannot read.
fn cell_text(a: &ArrayRef, i: usize) -> Result<Option<String>, String> {
    if a.is_null(i) {
        return Ok(None);
    }
    let any = a.as_any();
    macro_rules! printed {
        ($($t:ty),*) => {
            $(if let Some(x) = any.downcast_ref::<$t>() {
                return Ok(Some(x.value(i).to_string()));
            })*
        };
    }
    macro_rules! through_dictionary {
        ($($k:ty),*) => {
            $(if let Some(d) = any.downcast_ref::<DictionaryArray<$k>>() {
                return dictionary_text(d, i);
            })*
        };
    }
    let text = if let Some(s) = any.downcast_ref::<StringArray>() {
        s.value(i).trim().to_owned()
    } else if let Some(s) = any.downcast_ref::<LargeStringArray>() {
        s.value(i).trim().to_owned()
    } else if let Some(s) = any.downcast_ref::<StringViewArray>() {
        s.value(i).trim().to_owned()
    } else if let Some(d) = any.downcast_ref::<Date32Array>() {
        day_text(i64::from(d.value(i)))?
    } else if let Some(d) = any.downcast_ref::<Date64Array>() {
        // Milliseconds since 1970-01-01; the day they fall on.
        day_text(d.value(i).div_euclid(86_400_000))?
    } else {
        printed!(
            Float64Array,
            Float32Array,
            Int64Array,
            Int32Array,
            Int16Array,
            Int8Array,
            UInt64Array,
            UInt32Array,
            UInt16Array,
            UInt8Array,
            BooleanArray
        );
        through_dictionary!(
            Int32Type, Int8Type, Int16Type, Int64Type, UInt8Type, UInt16Type, UInt32Type,
            UInt64Type
        );
        return Err(a.data_type().to_string());
    };
    Ok((!text.is_empty()).then_some(text))
}

/// A dictionary-encoded cell: its key's value.
fn dictionary_text<K: ArrowDictionaryKeyType>(
    d: &DictionaryArray<K>,
    i: usize,
) -> Result<Option<String>, String> {
    let key = d.keys().values().get(i).and_then(|k| k.to_usize());
    match key {
        Some(k) if k < d.values().len() => cell_text(d.values(), k),
        _ => Err(format!("{} (a key out of range)", d.data_type())),
    }
}

/// The days since 1970-01-01 as a date.
fn day_text(days: i64) -> Result<String, String> {
    jiff::civil::Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .map(|d| d.to_string())
        .map_err(|e| format!("a date out of range ({e})"))
}
