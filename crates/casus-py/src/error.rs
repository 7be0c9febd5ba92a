//! Errors as Python exceptions carrying the diagnostics: `casus.InvalidInput` (the question is
//! wrong: an unknown state, a bad date), `casus.InvalidData` (the data or the ATOP file is),
//! `casus.CasusError` for the rest. The classes live in `casus/_errors.py`; each gets
//! the summary, the diagnostics in the JSON API's shape (`{code, severity, message, help,
//! location, field, related}`) and each one rendered as `casus --error-format plain` prints it.

use casus_core::diag::{Code, Diagnostic, Diagnostics, ErrorBody};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// Which exception class.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    InvalidInput,
    InvalidData,
    Other,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::InvalidInput => "InvalidInput",
            Kind::InvalidData => "InvalidData",
            Kind::Other => "CasusError",
        }
    }
}

/// A refusal, computed without the GIL and raised with it ([`Failure::into_py`]).
#[derive(Debug)]
pub(crate) struct Failure {
    kind: Kind,
    summary: String,
    diags: Diagnostics,
}

impl Failure {
    /// The question is wrong; the diagnostics say how.
    pub(crate) fn invalid_input(summary: impl Into<String>, diags: Diagnostics) -> Self {
        Self { kind: Kind::InvalidInput, summary: summary.into(), diags: diags.sorted() }
    }

    /// The question is wrong in one way.
    pub(crate) fn input(d: Diagnostic) -> Self {
        let summary = d.message().to_owned();
        let mut diags = Diagnostics::default();
        diags.push(d);
        Self::invalid_input(summary, diags)
    }

    /// An argument that is not one casus takes (a range, a name), as one diagnostic.
    pub(crate) fn argument(message: impl Into<String>) -> Self {
        Self::input(Diagnostic::error(Code::InvalidArgument, message.into()))
    }

    /// The data has errors.
    pub(crate) fn invalid_data(summary: impl Into<String>, diags: Diagnostics) -> Self {
        Self { kind: Kind::InvalidData, summary: summary.into(), diags: diags.sorted() }
    }

    /// A data file (ATOP's, a table of events) cannot be used: the error and its causes.
    pub(crate) fn data(e: casus_export::ExportError) -> Self {
        let code = match e {
            casus_export::ExportError::Read { .. } | casus_export::ExportError::Write(_) => {
                Code::Io
            }
            _ => Code::InvalidArgument,
        };
        let message = chain(&e);
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(code, message.clone()));
        Self { kind: Kind::InvalidData, summary: message, diags }
    }

    /// Anything else, as one diagnostic.
    pub(crate) fn other(message: impl Into<String>) -> Self {
        let message = message.into();
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(Code::InvalidArgument, message.clone()));
        Self { kind: Kind::Other, summary: message, diags }
    }

    /// The Python exception: `casus._errors._from_rust(class, summary, diagnostics, rendered)`.
    pub(crate) fn into_py(self, py: Python<'_>) -> PyErr {
        let body = ErrorBody::new(self.diags.iter());
        let json = serde_json::to_string(&body.errors).unwrap_or_else(|_| "[]".to_owned());
        let rendered: Vec<String> = self.diags.iter().map(Diagnostic::render_plain).collect();
        let made = py.import("casus._errors").and_then(|m| {
            m.getattr("_from_rust")?.call1((self.kind.class(), &self.summary, json, rendered))
        });
        match made {
            Ok(exc) => PyErr::from_value(exc),
            // Only when the extension is used without its package (`casus._errors` missing).
            Err(_) => PyRuntimeError::new_err(self.summary),
        }
    }
}

/// An error and its sources on one line, as the CLI prints them (`{:#}`).
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

/// A value as the JSON the CLI's `--format json` prints (the Python side parses it).
pub(crate) fn json(value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure::other(e.to_string()))
}

/// Raises a failure computed without the GIL.
pub(crate) trait OrRaise<T> {
    /// The value, or the failure as a Python exception.
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, Failure> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|f| f.into_py(py))
    }
}
