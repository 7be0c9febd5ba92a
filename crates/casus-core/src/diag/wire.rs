//! The serializable form of a diagnostic: what `--error-format json` prints and what the HTTP
//! API will send (after Cedar's `DetailedError`).

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
    /// Where the problem is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Position>,
    /// Related places.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<DetailedLabel>,
}

/// A related place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DetailedLabel {
    /// What this place is.
    pub message: String,
    /// Where.
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
