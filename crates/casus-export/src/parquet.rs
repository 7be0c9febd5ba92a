//! Parquet through Arrow record batches: rows are buffered into column builders and written a
//! batch at a time, so memory stays bounded whatever the frame's size.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, Date32Array, Int16Array, Int8Array, RecordBatch, StringArray};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field as ArrowField, Schema as ArrowSchema};
use jiff::civil::Date;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, Encoding};
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;

use crate::error::ExportError;
use crate::generate::RowSink;
use crate::rows::{ColumnType, DyadRow, Field, Schema, When, SCHEMA_VERSION};

/// Rows per record batch.
const BATCH: usize = 1 << 16;

/// A text column that is mostly null: only its values are kept, with their rows.
#[derive(Default)]
struct SparseText {
    rows: Vec<u32>,
    text: String,
    ends: Vec<usize>,
}

impl SparseText {
    fn push(&mut self, row: usize, s: &str) {
        self.rows.push(row as u32);
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    /// The column of `len` rows; clears.
    fn finish(&mut self, len: usize) -> StringArray {
        let mut b = StringBuilder::with_capacity(len, self.text.len());
        let mut next = 0usize;
        let mut start = 0usize;
        for (row, end) in self.rows.iter().zip(&self.ends) {
            let row = *row as usize;
            b.append_nulls(row.saturating_sub(next));
            b.append_value(self.text.get(start..*end).unwrap_or_default());
            start = *end;
            next = row + 1;
        }
        b.append_nulls(len.saturating_sub(next));
        self.rows.clear();
        self.text.clear();
        self.ends.clear();
        b.finish()
    }
}

/// The rows of one record batch, column by column.
#[derive(Default)]
struct Batch {
    code1: Vec<i16>,
    code2: Vec<i16>,
    /// The year, or the day as Date32.
    time: Vec<i32>,
    /// Inside the source's coverage (flags not null)?
    covered: Vec<bool>,
    flags: Vec<u8>,
    obvary: Vec<u8>,
    ids: [SparseText; 5],
    strength: SparseText,
}

/// Writes rows as Parquet (Snappy-compressed, one row group per million rows) into any
/// writer. The file's key-value metadata holds `casus.version` and `casus.schema_version`.
pub struct ParquetSink<W: Write + Send> {
    out: Option<W>,
    writer: Option<ArrowWriter<W>>,
    schema: Option<Arc<ArrowSchema>>,
    fields: Vec<Field>,
    batch: Batch,
    has_date: bool,
}

impl<W: Write + Send> std::fmt::Debug for ParquetSink<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetSink")
            .field("pending", &self.batch.code1.len())
            .finish_non_exhaustive()
    }
}

impl<W: Write + Send> ParquetSink<W> {
    /// A sink writing into `w`.
    pub fn new(w: W) -> Self {
        ParquetSink {
            out: Some(w),
            writer: None,
            schema: None,
            fields: Vec::new(),
            batch: Batch::default(),
            has_date: false,
        }
    }

    fn flush_batch(&mut self) -> Result<(), ExportError> {
        let b = &mut self.batch;
        let len = b.code1.len();
        if len == 0 {
            return Ok(());
        }
        let (Some(schema), Some(writer)) = (&self.schema, &mut self.writer) else {
            return Ok(());
        };
        let nulls = (!b.covered.iter().all(|c| *c)).then(|| NullBuffer::from(b.covered.clone()));
        let bits = |v: &[u8], bit: u8| -> ArrayRef {
            let values: Vec<i8> = v.iter().map(|f| i8::from(f & bit != 0)).collect();
            Arc::new(Int8Array::new(values.into(), nulls.clone()))
        };
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(self.fields.len());
        for f in &self.fields {
            arrays.push(match f {
                Field::Code1 => Arc::new(Int16Array::from(std::mem::take(&mut b.code1))),
                Field::Code2 => Arc::new(Int16Array::from(std::mem::take(&mut b.code2))),
                Field::Year => Arc::new(b.time.iter().map(|y| *y as i16).collect::<Int16Array>()),
                Field::Date => Arc::new(Date32Array::from(b.time.clone())),
                Field::Flag(k) => bits(&b.flags, k.bit()),
                Field::Obvary => bits(&b.obvary, 1),
                Field::Ids(k) => match b.ids.get_mut(*k as usize) {
                    Some(t) => Arc::new(t.finish(len)),
                    None => Arc::new(StringArray::new_null(len)),
                },
                Field::Strength => Arc::new(b.strength.finish(len)),
            });
        }
        b.code1.clear();
        b.code2.clear();
        b.time.clear();
        b.covered.clear();
        b.flags.clear();
        b.obvary.clear();
        let batch = RecordBatch::try_new(Arc::clone(schema), arrays)?;
        writer.write(&batch)?;
        Ok(())
    }
}

/// Days since 1970-01-01 (Arrow's Date32), by the civil-from-days inverse (H. Hinnant).
fn date32(d: Date) -> i32 {
    let y = i32::from(d.year()) - i32::from(d.month() <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i32::from(d.month());
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i32::from(d.day()) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl<W: Write + Send> RowSink for ParquetSink<W> {
    fn start(&mut self, schema: &Schema) -> Result<(), ExportError> {
        let fields: Vec<ArrowField> = schema
            .columns()
            .iter()
            .map(|c| {
                let ty = match c.ty {
                    ColumnType::Int16 => DataType::Int16,
                    ColumnType::Int8 => DataType::Int8,
                    ColumnType::Text => DataType::Utf8,
                    ColumnType::Date => DataType::Date32,
                };
                ArrowField::new(c.name.clone(), ty, c.nullable)
            })
            .collect();
        let meta = [
            ("casus.version".to_owned(), env!("CARGO_PKG_VERSION").to_owned()),
            ("casus.schema_version".to_owned(), SCHEMA_VERSION.to_string()),
        ];
        let arrow = Arc::new(
            ArrowSchema::new(fields)
                .with_metadata(meta.into_iter().collect::<std::collections::HashMap<_, _>>()),
        );
        self.fields = schema.columns().iter().map(|c| c.field).collect();
        self.has_date = self.fields.contains(&Field::Date);
        // Codes and years are sorted runs: delta encoding packs them to a few bits and skips
        // hashing every value into a dictionary (the largest cost when profiled). Flags are
        // written plain and left to Snappy, which folds their long runs of zeros.
        let mut props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(1 << 20))
            .set_statistics_enabled(EnabledStatistics::Chunk);
        for c in schema.columns().iter().filter(|c| c.ty != ColumnType::Text) {
            let path = ColumnPath::from(c.name.as_str());
            let encoding = if c.ty == ColumnType::Int8 {
                Encoding::PLAIN
            } else {
                Encoding::DELTA_BINARY_PACKED
            };
            props = props
                .set_column_dictionary_enabled(path.clone(), false)
                .set_column_encoding(path, encoding);
        }
        let out = self.out.take().ok_or_else(|| {
            ExportError::Write(std::io::Error::other("the Parquet sink was started twice"))
        })?;
        self.writer = Some(ArrowWriter::try_new(out, Arc::clone(&arrow), Some(props.build()))?);
        self.schema = Some(arrow);
        Ok(())
    }

    fn row(&mut self, row: &DyadRow<'_>) -> Result<(), ExportError> {
        let b = &mut self.batch;
        let n = b.code1.len();
        b.code1.push(row.code1 as i16);
        b.code2.push(row.code2 as i16);
        b.time.push(match row.when {
            When::Year(y) => i32::from(y),
            When::Day(d) if self.has_date => date32(d),
            When::Day(d) => i32::from(d.year()),
        });
        match &row.obligations {
            Some(o) => {
                b.covered.push(true);
                b.flags.push(o.flags);
                b.obvary.push(u8::from(o.obvary));
                if o.flags != 0 {
                    for (s, t) in o.ids.iter().zip(b.ids.iter_mut()) {
                        if !s.is_empty() {
                            t.push(n, s);
                        }
                    }
                }
                if let Some(s) = o.strength {
                    b.strength.push(n, s.as_str());
                }
            }
            None => {
                b.covered.push(false);
                b.flags.push(0);
                b.obvary.push(0);
            }
        }
        if n + 1 >= BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ExportError> {
        self.flush_batch()?;
        if let Some(w) = self.writer.take() {
            let mut out = w.into_inner()?;
            out.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn date32_counts_days_from_the_epoch() {
        assert_eq!(date32(date(1970, 1, 1)), 0);
        assert_eq!(date32(date(1969, 12, 31)), -1);
        assert_eq!(date32(date(2000, 3, 1)), 11_017);
        assert_eq!(date32(date(1816, 1, 1)), -56_248);
    }
}
