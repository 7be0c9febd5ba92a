//! How the CLI reports problems: the engine's diagnostics, rendered as miette reports, as
//! plain `file:line:col` lines, or as JSON in the one error shape of casus,
//! `{"errors": [...]}` (the server's too), always on standard error.

use std::io::Write as _;

use casus_core::diag::{Code, Diagnostic, Diagnostics, ErrorBody};

use crate::args::ErrorFormat;

/// A command refused its input: the diagnostics say why, the summary (human and plain
/// formats only) says what it means for the command.
#[derive(Debug)]
pub(crate) struct Rejected {
    pub(crate) diags: Diagnostics,
    pub(crate) summary: Option<String>,
}

impl Rejected {
    /// Diagnostics, and a summary line.
    pub(crate) fn new(diags: Diagnostics, summary: impl Into<Option<String>>) -> Self {
        Self { diags: diags.sorted(), summary: summary.into() }
    }

    /// One problem.
    pub(crate) fn one(d: Diagnostic) -> Self {
        let mut diags = Diagnostics::default();
        diags.push(d);
        Self::new(diags, None)
    }
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.summary, self.diags.iter().next()) {
            (Some(s), _) => f.write_str(s),
            (None, Some(d)) => f.write_str(d.message()),
            (None, None) => f.write_str("invalid input"),
        }
    }
}

impl std::error::Error for Rejected {}

/// An error that refuses input, as an `anyhow` error.
pub(crate) fn reject(d: Diagnostic) -> anyhow::Error {
    anyhow::Error::new(Rejected::one(d))
}

/// Prints diagnostics in the format asked for.
pub(crate) fn print_diagnostics(diags: &Diagnostics, format: ErrorFormat) {
    let mut err = std::io::stderr().lock();
    match format {
        ErrorFormat::Human => {
            for d in diags.iter() {
                // A problem in a file is shown with its source; one in a flag or a field by
                // name, on one line.
                if d.primary().is_some() {
                    let _ = writeln!(err, "{:?}", miette::Report::new(d.clone()));
                } else {
                    let _ = writeln!(err, "{}", d.render_plain());
                }
            }
        }
        ErrorFormat::Plain => {
            for d in diags.iter() {
                let _ = writeln!(err, "{}", d.render_plain());
            }
        }
        ErrorFormat::Json => {
            let body = ErrorBody::new(diags.iter());
            let _ = writeln!(err, "{}", serde_json::to_string_pretty(&body).unwrap_or_default());
        }
    }
}

/// Reports a command's error: its diagnostics if it refused input, else the error as one
/// diagnostic (a file that cannot be read, an argument out of range).
pub(crate) fn report_error(err: &anyhow::Error, format: ErrorFormat) {
    if let Some(r) = err.downcast_ref::<Rejected>() {
        print_diagnostics(&r.diags, format);
        if let (Some(s), ErrorFormat::Human | ErrorFormat::Plain) = (&r.summary, format) {
            crate::output::eprintln(&format!("error: {s}"));
        }
        return;
    }
    match format {
        // `{:#}` prints the chain on one line and never a backtrace: a user error is not a
        // crash.
        ErrorFormat::Human | ErrorFormat::Plain => {
            crate::output::eprintln(&format!("error: {err:#}"))
        }
        ErrorFormat::Json => {
            let code = if err.chain().any(|e| e.is::<std::io::Error>()) {
                Code::Io
            } else {
                Code::InvalidArgument
            };
            let mut diags = Diagnostics::default();
            diags.push(Diagnostic::error(code, format!("{err:#}")));
            print_diagnostics(&diags, format);
        }
    }
}
