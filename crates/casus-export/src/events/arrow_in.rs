//! A table of attacks as Arrow record batches (a Parquet file's, or a table handed over from
//! Python): the same columns, the same cell rules and the same row numbers as a file.

use std::path::Path;

use arrow_array::RecordBatch;
use arrow_schema::{ArrowError, SchemaRef};

use super::read::{row_of, text_at, Cells, EventColumns};
use super::InputRow;
use crate::ExportError;

/// Reads a table of attacks given as record batches of one schema, calling `each` with the
/// rows of every batch in order (row 1 is the first row of the first batch); returns the
/// columns it read. `name` names the table in messages (a file's path, or `table`).
///
/// Cells are read as [`read_events`](super::read_events) reads a Parquet file's: strings as
/// they are, dates as `YYYY-MM-DD`, numbers and booleans printed, null as absent.
///
/// # Errors
/// The schema lacks an `aggressor` column (or has `lat` without `lon`), a cell is of a type
/// casus does not read, a batch could not be read, or `each` failed.
pub fn read_arrow(
    name: &Path,
    schema: &SchemaRef,
    batches: impl IntoIterator<Item = Result<RecordBatch, ArrowError>>,
    mut each: impl FnMut(&[InputRow]) -> Result<(), ExportError>,
) -> Result<EventColumns, ExportError> {
    read_arrow_owned(name, schema, batches, |rows| each(&rows))
}

/// [`read_arrow`], handing each batch's rows over (to a reader's channel).
pub(super) fn read_arrow_owned(
    name: &Path,
    schema: &SchemaRef,
    batches: impl IntoIterator<Item = Result<RecordBatch, ArrowError>>,
    mut each: impl FnMut(Vec<InputRow>) -> Result<(), ExportError>,
) -> Result<EventColumns, ExportError> {
    let bad = |row: Option<u64>, message: String| ExportError::Events {
        path: name.to_owned(),
        row,
        message,
    };
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let cols = EventColumns::of(&names, name)?;
    let mut n = 0u64;
    for batch in batches {
        let batch = batch.map_err(|e| bad(Some(n + 1), e.to_string()))?;
        let mut rows = Vec::with_capacity(batch.num_rows());
        for i in 0..batch.num_rows() {
            n += 1;
            let mut cells: Cells = Default::default();
            for (k, cell) in cells.iter_mut().enumerate() {
                if let Some(c) = cols.get(k) {
                    *cell = text_at(&batch, c, i).map_err(|m| bad(Some(n), m))?;
                }
            }
            rows.push(row_of(n, cells));
        }
        each(rows)?;
    }
    Ok(cols)
}
