//! Arrow tables handed to Python through the Arrow C stream interface (the PyCapsule protocol,
//! `__arrow_c_stream__`): pyarrow, polars and pandas take the columns without a copy. Tables
//! come in as Arrow IPC bytes (pyarrow writes them): importing a C stream from Python would
//! take unsafe code, which this workspace forbids, while exporting one is safe.

use std::sync::Arc;

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::SchemaRef;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::error::Failure;

/// Rows per batch when decoding: large enough that a batch's overhead is nothing.
const BATCH_ROWS: usize = 1 << 16;

/// A table of record batches that Python reads through `__arrow_c_stream__`
/// (`pyarrow.table(t)`, `polars.DataFrame(t)`); reading it does not consume it.
#[pyclass(module = "casus._casus", name = "ArrowTable", frozen)]
pub(crate) struct ArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

impl ArrowTable {
    /// The batches of a Parquet file held in memory (what the CLI would write to disk), so
    /// that Python gets exactly the CLI's columns, types and metadata.
    pub(crate) fn from_parquet(bytes: Vec<u8>) -> Result<Self, Failure> {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let bad = |e: &dyn std::fmt::Display| Failure::other(format!("cannot decode a table: {e}"));
        let builder = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes))
            .map_err(|e| bad(&e))?;
        let schema = Arc::clone(builder.schema());
        let reader = builder.with_batch_size(BATCH_ROWS).build().map_err(|e| bad(&e))?;
        let batches = reader.collect::<Result<Vec<_>, _>>().map_err(|e| bad(&e))?;
        Ok(Self { schema, batches })
    }
}

#[pymethods]
impl ArrowTable {
    /// The Arrow C stream of the table, in a capsule named `arrow_array_stream`.
    /// `requested_schema` is ignored (the protocol allows it): the columns are casus's.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            Arc::clone(&self.schema),
        );
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> = self.schema.fields().iter().map(|f| f.name().as_str()).collect();
        format!("ArrowTable({} rows: {})", self.num_rows(), names.join(", "))
    }
}
