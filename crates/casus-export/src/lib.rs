#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod answers;
mod atop;
mod bundled;
mod coverage;
mod csv;
mod error;
pub mod events;
mod frame;
mod generate;
mod layer;
mod obligations;
mod parquet;
pub mod rows;
mod sidecar;

pub use crate::answers::{check_years, states_on, treaty_on, CheckQuery, FIRST_YEAR};
pub use crate::coverage::{AtopComparison, Coverage, ERAS};
pub use crate::csv::CsvSink;
pub use crate::error::ExportError;
pub use crate::generate::{Dyads, RowSink, Summary, Tee};
pub use crate::layer::AtopLayer;
pub use crate::obligations::{Obligations, Provenance};
pub use crate::parquet::ParquetSink;
pub use crate::rows::{
    Collapse, Column, ColumnType, DyadRow, Field, Kind, RowObligations, Schema, SourceKind, System,
    Unit, When, SCHEMA_VERSION,
};
pub use crate::sidecar::{
    citations, content_hash, Citation, CoverageRecord, DataRecord, ObligationsRecord, RunSettings,
    Sidecar,
};
