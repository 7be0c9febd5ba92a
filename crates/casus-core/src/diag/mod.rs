//! One diagnostic model for every problem casus reports, with many renderers.
//!
//! A [`Diagnostic`] has a stable kebab-case [`Code`], a severity, a terse lowercase message, an
//! optional help line and labelled spans. The CLI renders it with miette, as plain
//! `file:line:col` lines or as JSON ([`DetailedDiagnostic`]), the form the server and the CLI's `--error-format json` send.

mod codes;
mod suggest;
mod wire;

use std::fmt;
use std::sync::Arc;

pub use codes::{Code, CODES};
pub use suggest::{did_you_mean, suggestion, suggestion_or_list};
pub use wire::{DetailedDiagnostic, DetailedLabel, ErrorBody};

use crate::source::{Loc, SourceFile};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data cannot be used.
    Error,
    /// The data can be used, but something looks wrong.
    Warning,
}

/// A span with an optional message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    loc: Loc,
    message: Option<String>,
}

impl Label {
    /// The location.
    pub fn loc(&self) -> &Loc {
        &self.loc
    }
    /// The label's text.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

/// One problem found in data or input.
///
/// A problem in a file points at a span (`primary`); a problem in input that is not a file
/// (a command-line flag, a field of a JSON request) names the field instead (`events[2].date`),
/// with the same code and message whichever way the input came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    code: Code,
    severity: Severity,
    message: String,
    help: Option<String>,
    primary: Option<Label>,
    field: Option<Arc<str>>,
    secondary: Vec<Label>,
}

impl Diagnostic {
    /// An error with a code and a message.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            primary: None,
            field: None,
            secondary: Vec::new(),
        }
    }

    /// A warning with a code and a message.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(code, message) }
    }

    /// Points the diagnostic at a span.
    #[must_use]
    pub fn at(mut self, loc: Loc) -> Self {
        self.primary = Some(Label { loc, message: None });
        self
    }

    /// Points the diagnostic at a span, with a label.
    #[must_use]
    pub fn at_labelled(mut self, loc: Loc, label: impl Into<String>) -> Self {
        self.primary = Some(Label { loc, message: Some(label.into()) });
        self
    }

    /// Names the input field the problem is in (`victim`, `events[2].date`, `row 7: date`).
    #[must_use]
    pub fn on(mut self, field: impl Into<Arc<str>>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Points at where a given value came from: a span in a file, or a field.
    #[must_use]
    pub fn at_origin(self, origin: &crate::input::Origin) -> Self {
        match origin {
            crate::input::Origin::Span(loc) => self.at(loc.clone()),
            crate::input::Origin::Field(f) => self.on(Arc::clone(f)),
        }
    }

    /// Adds a related place, such as the other half of an overlap.
    #[must_use]
    pub fn related(mut self, loc: Loc, label: impl Into<String>) -> Self {
        self.secondary.push(Label { loc, message: Some(label.into()) });
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the help line if there is one.
    #[must_use]
    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// The stable code.
    pub fn code(&self) -> Code {
        self.code
    }
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }
    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The help line.
    pub fn help_text(&self) -> Option<&str> {
        self.help.as_deref()
    }
    /// The main place.
    pub fn primary(&self) -> Option<&Label> {
        self.primary.as_ref()
    }
    /// The input field, for problems in input that is not a file.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }
    /// Related places.
    pub fn secondary(&self) -> &[Label] {
        &self.secondary
    }
    /// Is it an error?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: file, position, field, code. Diagnostics are reported in this order.
    fn sort_key(&self) -> (String, usize, String, &'static str, String) {
        let field = self.field.as_deref().unwrap_or("").to_owned();
        match &self.primary {
            Some(l) => (
                l.loc.file().path().to_owned(),
                l.loc.span().start,
                field,
                self.code.name(),
                self.message.clone(),
            ),
            None => (String::new(), 0, field, self.code.name(), self.message.clone()),
        }
    }

    /// One line: `path:line:col: error[code]: message`, then `  help: ...` if any.
    pub fn render_plain(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = match (&self.primary, &self.field) {
            (Some(l), _) => format!("{}: {sev}[{}]: {}", l.loc.position(), self.code, self.message),
            (None, Some(f)) => format!("{f}: {sev}[{}]: {}", self.code, self.message),
            (None, None) => format!("{sev}[{}]: {}", self.code, self.message),
        };
        for l in &self.secondary {
            out.push_str(&format!(
                "\n  note: {}: {}",
                l.loc.position(),
                l.message.as_deref().unwrap_or("")
            ));
        }
        if let Some(h) = &self.help {
            out.push_str("\n  help: ");
            out.push_str(h);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.primary.as_ref().map(|l| l.loc.file().as_ref() as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let primary = self.primary.as_ref()?;
        let file = primary.loc.file();
        let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
            primary.message.clone(),
            primary.loc.span(),
        )];
        // miette shows one source per diagnostic: related places in other files are only
        // listed in the plain and JSON renderings.
        for l in self.secondary.iter().filter(|l| Arc::ptr_eq(l.loc.file(), file)) {
            labels.push(miette::LabeledSpan::new_with_span(l.message.clone(), l.loc.span()));
        }
        Some(Box::new(labels.into_iter()))
    }
}

impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text().read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.path().to_owned(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// Every diagnostic of a run, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    /// Adds many.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    /// Are there any errors (not only warnings)?
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }
    /// How many warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
    /// None at all?
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// How many.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// In report order: by file, position, code.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by_key(Diagnostic::sort_key);
        self.items.dedup();
        self
    }
    /// Iterates in the current order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}
