//! Errors of the export crate.

use std::path::PathBuf;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A file or directory could not be read.
    #[error("cannot read `{}`", path.display())]
    Read {
        /// What was read.
        path: PathBuf,
        /// Why not.
        #[source]
        source: std::io::Error,
    },
    /// The ATOP member-level file is not what casus expects.
    #[error("`{}` line {line}: {message}", path.display())]
    Atop {
        /// The file.
        path: PathBuf,
        /// The 1-based line (1 is the header).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The table of events is not one casus can read (no aggressor column, a cell that is
    /// not text, a CSV syntax error).
    #[error("`{}`{}: {message}", path.display(), row.map_or_else(String::new, |r| format!(" row {r}")))]
    Events {
        /// The file.
        path: PathBuf,
        /// The data row (1 is the first after the header), if the problem is in one.
        row: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// Writing the output failed.
    #[error("cannot write the output")]
    Write(#[source] std::io::Error),
    /// The Parquet encoder failed.
    #[error("cannot write Parquet")]
    Parquet(#[source] parquet::errors::ParquetError),
    /// Building an Arrow batch failed.
    #[error("cannot build an Arrow batch")]
    Arrow(#[source] arrow_schema::ArrowError),
    /// The years asked for are out of order or out of range.
    #[error("invalid years {from}..{to}: `--from` must not be after `--to`")]
    Years {
        /// First year.
        from: i16,
        /// Last year.
        to: i16,
    },
    /// The obligations were built for the other state system.
    #[error("obligations use {obligations} codes but the frame is {frame}")]
    SystemMismatch {
        /// The obligations' system.
        obligations: &'static str,
        /// The frame's system.
        frame: &'static str,
    },
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Write(e)
    }
}

impl From<parquet::errors::ParquetError> for ExportError {
    fn from(e: parquet::errors::ParquetError) -> Self {
        ExportError::Parquet(e)
    }
}

impl From<arrow_schema::ArrowError> for ExportError {
    fn from(e: arrow_schema::ArrowError) -> Self {
        ExportError::Arrow(e)
    }
}
