//! The serializable form of a diagnostic: what `--error-format json` prints and what the HTTP
//! API sends, always as `{"errors": [...]}` (after Cedar's `DetailedError`).

use super::{Diagnostic, Severity};
use crate::source::Position;

/// A diagnostic flattened for JSON consumers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DetailedDiagnostic {
    /// Stable kebab-case code.
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The message.
    pub message: String,
    /// The help line, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Where the problem is, in a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Position>,
    /// The input field the problem is in, for input that is not a file (`victim`,
    /// `events[2].date`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Related places.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<DetailedLabel>,
}

/// A related place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DetailedLabel {
    /// What this place is.
    pub message: String,
    /// The file, line and column of the problem.
    pub location: Position,
}

impl From<&Diagnostic> for DetailedDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        Self {
            code: d.code().name(),
            severity: d.severity(),
            message: d.message().to_owned(),
            help: d.help_text().map(str::to_owned),
            location: d.primary().map(|l| l.loc().position()),
            field: d.field().map(str::to_owned),
            related: d
                .secondary()
                .iter()
                .map(|l| DetailedLabel {
                    message: l.message().unwrap_or("").to_owned(),
                    location: l.loc().position(),
                })
                .collect(),
        }
    }
}

/// The one error shape of casus in JSON, for the CLI (`--error-format json`) and the server:
/// `{"errors": [DetailedDiagnostic, ...]}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErrorBody {
    /// Every problem found.
    pub errors: Vec<DetailedDiagnostic>,
}

impl ErrorBody {
    /// The body for these diagnostics.
    pub fn new<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        Self { errors: diags.into_iter().map(DetailedDiagnostic::from).collect() }
    }
}
