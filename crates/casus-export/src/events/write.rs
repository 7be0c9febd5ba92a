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

use super::{ChunkResult, Evaluated, EventFormatOut, ObligationRow, SummaryRow};
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
    /// CSV: written as is, fields quoted by [`csv_field`].
    csv: Option<W>,
    line: Vec<u8>,
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
            line: Vec::new(),
        };
        match format {
            EventFormatOut::Csv => {
                let mut out = out;
                let header = columns.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(",");
                out.write_all(header.as_bytes())?;
                out.write_all(b"\n")?;
                t.csv = Some(out);
            }
            EventFormatOut::Parquet => {
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_statistics_enabled(parquet::file::properties::EnabledStatistics::Chunk)
                    .build();
                t.parquet = Some(ArrowWriter::try_new(out, schema, Some(props))?);
            }
        }
        Ok(t)
    }

    fn push(&mut self, cells: &[Cell<'_>]) -> Result<(), ExportError> {
        if let Some(w) = &mut self.csv {
            self.line.clear();
            for (k, c) in cells.iter().enumerate() {
                if k > 0 {
                    self.line.push(b',');
                }
                match c {
                    Cell::Text(s) => csv_field(&mut self.line, s),
                    Cell::Int(Some(i)) => self.line.extend_from_slice(i.to_string().as_bytes()),
                    Cell::Int(None) => {}
                    Cell::Bool(b) => {
                        self.line.extend_from_slice(if *b { b"true" } else { b"false" })
                    }
                }
            }
            self.line.push(b'\n');
            return Ok(w.write_all(&self.line)?);
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
        if let Some(mut w) = self.csv.take() {
            w.flush()?;
            return Ok(w);
        }
        match self.parquet.take() {
            Some(w) => Ok(w.into_inner()?),
            None => Err(ExportError::Write(std::io::Error::other("no writer"))),
        }
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

/// An obligation row as CSV after its first field: `,treaty,...,hypothetical\n`.
pub(crate) fn csv_tail(r: &ObligationRow) -> Box<[u8]> {
    let cow = r.cow.map(|c| c.to_string()).unwrap_or_default();
    let fields: [&str; 11] = [
        &r.treaty,
        r.variant.as_deref().unwrap_or(""),
        &r.obligation,
        &r.article,
        &r.state,
        &cow,
        r.kind,
        r.strength,
        r.status,
        &r.reasons,
        if r.hypothetical { "true" } else { "false" },
    ];
    let mut out = Vec::with_capacity(96);
    for f in fields {
        out.push(b',');
        csv_field(&mut out, f);
    }
    out.push(b'\n');
    out.into_boxed_slice()
}

/// A CSV field as written: quoted when it holds a comma, a quote or a line break.
fn csv_field(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in s.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

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
            self.push(&r.event_id, r)?;
        }
        Ok(())
    }

    /// One row: `r` with the event id `id`.
    fn push(&mut self, id: &str, r: &ObligationRow) -> Result<(), ExportError> {
        self.0.push(&[
            Cell::Text(id),
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
        ])
    }

    /// Writes a chunk's obligation rows. As CSV each row is its id and the attack's rows
    /// encoded once: a copy per row; as Parquet the attack's rows are read where they are, not
    /// spelled out first.
    ///
    /// # Errors
    /// The writer failed.
    pub fn write_chunk(&mut self, chunk: &ChunkResult) -> Result<(), ExportError> {
        let Some(out) = &mut self.0.csv else {
            for d in &chunk.rows {
                let Evaluated::Ok { obligations, .. } = &*d.result else { continue };
                for r in obligations {
                    self.push(&d.id, r)?;
                }
            }
            return Ok(());
        };
        let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
        for d in &chunk.rows {
            let Evaluated::Ok { csv_tails, .. } = &*d.result else { continue };
            let mut id = Vec::with_capacity(d.id.len() + 2);
            csv_field(&mut id, &d.id);
            for tail in csv_tails {
                buf.extend_from_slice(&id);
                buf.extend_from_slice(tail);
            }
            if buf.len() >= 1 << 16 {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
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

    /// Writes a chunk's summaries (invalid rows when the batch keeps them).
    ///
    /// # Errors
    /// The writer failed.
    pub fn write_chunk(&mut self, chunk: &ChunkResult) -> Result<(), ExportError> {
        self.write(&chunk.summaries())
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
