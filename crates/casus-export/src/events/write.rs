//! Writing the results of a batch: the long table of obligations and the summary table, as
//! CSV or Parquet, a record batch at a time.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{EventFormatOut, ObligationRow, SummaryRow};
use crate::ExportError;

/// Rows per record batch.
const BATCH: usize = 1 << 16;

/// A column's type.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Int,
    Bool,
}

/// One cell.
enum Cell<'a> {
    Text(&'a str),
    Int(Option<i64>),
    Bool(bool),
}

/// A table written as CSV or Parquet.
struct Table<W: Write + Send> {
    columns: &'static [(&'static str, Kind)],
    csv: Option<csv::Writer<W>>,
    parquet: Option<ArrowWriter<W>>,
    schema: Arc<Schema>,
    text: Vec<StringBuilder>,
    ints: Vec<Int64Builder>,
    bools: Vec<BooleanBuilder>,
    pending: usize,
}

impl<W: Write + Send> Table<W> {
    fn new(
        out: W,
        format: EventFormatOut,
        columns: &'static [(&'static str, Kind)],
    ) -> Result<Self, ExportError> {
        let fields: Vec<Field> = columns
            .iter()
            .map(|(n, k)| match k {
                Kind::Text => Field::new(*n, DataType::Utf8, false),
                Kind::Int => Field::new(*n, DataType::Int64, true),
                Kind::Bool => Field::new(*n, DataType::Boolean, false),
            })
            .collect();
        let mut meta = std::collections::HashMap::new();
        meta.insert("casus.version".to_owned(), env!("CARGO_PKG_VERSION").to_owned());
        let schema = Arc::new(Schema::new(fields).with_metadata(meta));
        let count = |k: fn(&Kind) -> bool| columns.iter().filter(|(_, c)| k(c)).count();
        let mut t = Table {
            columns,
            csv: None,
            parquet: None,
            schema: Arc::clone(&schema),
            text: (0..count(|k| matches!(k, Kind::Text))).map(|_| StringBuilder::new()).collect(),
            ints: (0..count(|k| matches!(k, Kind::Int))).map(|_| Int64Builder::new()).collect(),
            bools: (0..count(|k| matches!(k, Kind::Bool))).map(|_| BooleanBuilder::new()).collect(),
            pending: 0,
        };
        match format {
            EventFormatOut::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(columns.iter().map(|(n, _)| *n)).map_err(csv_error)?;
                t.csv = Some(w);
            }
            EventFormatOut::Parquet => {
                let props =
                    WriterProperties::builder().set_compression(Compression::SNAPPY).build();
                t.parquet = Some(ArrowWriter::try_new(out, schema, Some(props))?);
            }
        }
        Ok(t)
    }

    fn push(&mut self, cells: &[Cell<'_>]) -> Result<(), ExportError> {
        if let Some(w) = &mut self.csv {
            let mut record = csv::ByteRecord::new();
            let mut buf = itoa_buffer();
            for c in cells {
                match c {
                    Cell::Text(s) => record.push_field(s.as_bytes()),
                    Cell::Int(Some(i)) => record.push_field(buf.format(*i).as_bytes()),
                    Cell::Int(None) => record.push_field(b""),
                    Cell::Bool(b) => record.push_field(if *b { b"true" } else { b"false" }),
                }
            }
            return w.write_byte_record(&record).map_err(csv_error);
        }
        let (mut t, mut i, mut b) = (0, 0, 0);
        for c in cells {
            match c {
                Cell::Text(s) => {
                    if let Some(x) = self.text.get_mut(t) {
                        x.append_value(s);
                    }
                    t += 1;
                }
                Cell::Int(v) => {
                    if let Some(x) = self.ints.get_mut(i) {
                        x.append_option(*v);
                    }
                    i += 1;
                }
                Cell::Bool(v) => {
                    if let Some(x) = self.bools.get_mut(b) {
                        x.append_value(*v);
                    }
                    b += 1;
                }
            }
        }
        self.pending += 1;
        if self.pending >= BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), ExportError> {
        let Some(w) = &mut self.parquet else { return Ok(()) };
        if self.pending == 0 {
            return Ok(());
        }
        let (mut t, mut i, mut b) = (0, 0, 0);
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(self.columns.len());
        for (_, k) in self.columns {
            let a: Option<ArrayRef> = match k {
                Kind::Text => {
                    t += 1;
                    self.text.get_mut(t - 1).map(|x| Arc::new(x.finish()) as ArrayRef)
                }
                Kind::Int => {
                    i += 1;
                    self.ints.get_mut(i - 1).map(|x| Arc::new(x.finish()) as ArrayRef)
                }
                Kind::Bool => {
                    b += 1;
                    self.bools.get_mut(b - 1).map(|x| Arc::new(x.finish()) as ArrayRef)
                }
            };
            arrays.extend(a);
        }
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays)?;
        w.write(&batch)?;
        self.pending = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<W, ExportError> {
        self.flush_batch()?;
        if let Some(w) = self.csv.take() {
            return w.into_inner().map_err(|e| ExportError::Write(e.into_error()));
        }
        match self.parquet.take() {
            Some(w) => Ok(w.into_inner()?),
            None => Err(ExportError::Write(std::io::Error::other("no writer"))),
        }
    }
}

fn csv_error(e: csv::Error) -> ExportError {
    ExportError::Write(std::io::Error::other(e))
}

/// A small integer formatter without allocation per cell.
fn itoa_buffer() -> IntText {
    IntText(String::with_capacity(20))
}

struct IntText(String);

impl IntText {
    fn format(&mut self, i: i64) -> &str {
        use std::fmt::Write as _;
        self.0.clear();
        let _ = write!(self.0, "{i}");
        &self.0
    }
}

/// The long table's columns.
const OBLIGATION_COLUMNS: &[(&str, Kind)] = &[
    ("event_id", Kind::Text),
    ("treaty", Kind::Text),
    ("variant", Kind::Text),
    ("obligation", Kind::Text),
    ("article", Kind::Text),
    ("state", Kind::Text),
    ("ccode", Kind::Int),
    ("kind", Kind::Text),
    ("strength", Kind::Text),
    ("status", Kind::Text),
    ("reasons", Kind::Text),
    ("hypothetical", Kind::Bool),
];

/// The summary's columns.
const SUMMARY_COLUMNS: &[(&str, Kind)] = &[
    ("event_id", Kind::Text),
    ("row", Kind::Int),
    ("status", Kind::Text),
    ("triggered", Kind::Text),
    ("undecided", Kind::Text),
    ("bound", Kind::Text),
    ("n_triggered", Kind::Int),
    ("n_bound", Kind::Int),
    ("n_undecided", Kind::Int),
    ("error", Kind::Text),
];

/// Writes obligation rows.
pub struct EventsSink<W: Write + Send>(Table<W>);

impl<W: Write + Send> EventsSink<W> {
    /// A sink writing `format` into `out` (the header or schema first).
    ///
    /// # Errors
    /// The header cannot be written.
    pub fn new(out: W, format: EventFormatOut) -> Result<Self, ExportError> {
        Ok(Self(Table::new(out, format, OBLIGATION_COLUMNS)?))
    }

    /// Writes rows.
    ///
    /// # Errors
    /// The writer failed.
    pub fn write(&mut self, rows: &[ObligationRow]) -> Result<(), ExportError> {
        for r in rows {
            self.0.push(&[
                Cell::Text(&r.event_id),
                Cell::Text(&r.treaty),
                Cell::Text(r.variant.as_deref().unwrap_or("")),
                Cell::Text(&r.obligation),
                Cell::Text(&r.article),
                Cell::Text(&r.state),
                Cell::Int(r.cow.map(i64::from)),
                Cell::Text(r.kind),
                Cell::Text(r.strength),
                Cell::Text(r.status),
                Cell::Text(&r.reasons),
                Cell::Bool(r.hypothetical),
            ])?;
        }
        Ok(())
    }

    /// Finishes the file and gives the writer back.
    ///
    /// # Errors
    /// The writer failed.
    pub fn finish(self) -> Result<W, ExportError> {
        self.0.finish()
    }
}

/// Writes summary rows.
pub struct SummarySink<W: Write + Send>(Table<W>);

impl<W: Write + Send> SummarySink<W> {
    /// A sink writing `format` into `out` (the header or schema first).
    ///
    /// # Errors
    /// The header cannot be written.
    pub fn new(out: W, format: EventFormatOut) -> Result<Self, ExportError> {
        Ok(Self(Table::new(out, format, SUMMARY_COLUMNS)?))
    }

    /// Writes rows.
    ///
    /// # Errors
    /// The writer failed.
    pub fn write(&mut self, rows: &[SummaryRow]) -> Result<(), ExportError> {
        for r in rows {
            self.0.push(&[
                Cell::Text(&r.event_id),
                Cell::Int(i64::try_from(r.row).ok()),
                Cell::Text(r.status),
                Cell::Text(&r.triggered),
                Cell::Text(&r.undecided),
                Cell::Text(&r.bound),
                Cell::Int(Some(i64::from(r.n_triggered))),
                Cell::Int(Some(i64::from(r.n_bound))),
                Cell::Int(Some(i64::from(r.n_undecided))),
                Cell::Text(&r.error),
            ])?;
        }
        Ok(())
    }

    /// Finishes the file and gives the writer back.
    ///
    /// # Errors
    /// The writer failed.
    pub fn finish(self) -> Result<W, ExportError> {
        self.0.finish()
    }
}
