//! Source files and spans: where every diagnostic and every reason points.

use std::ops::Range;
use std::sync::Arc;

/// A data file as read: its display path and its text.
///
/// Spans are byte ranges into `text`; line and column are computed on demand, so that a
/// span costs two integers wherever it is stored.
#[derive(Debug, PartialEq, Eq)]
pub struct SourceFile {
    path: String,
    text: String,
    /// Written by casus from another file (an ATOP member-level file), not by a person: its
    /// path names the origin, so it is no file name a treaty id must match.
    generated: bool,
}

impl SourceFile {
    /// A file with the path to show in diagnostics and its full text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self { path: path.into(), text: text.into(), generated: false })
    }

    /// A file casus wrote from another one (the ATOP layer's treaties, generated from the
    /// user's member-level file): `path` names where it came from (`atop5_1m.csv, atopid
    /// 3180, lines 12-28`), and diagnostics point into `text`.
    pub fn generated(path: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self { path: path.into(), text: text.into(), generated: true })
    }

    /// Was it generated from another file ([`SourceFile::generated`])?
    pub fn is_generated(&self) -> bool {
        self.generated
    }

    /// A file from its bytes, which must be UTF-8: otherwise a diagnostic at the first bad
    /// byte (line and column counted in the valid text before it).
    ///
    /// # Errors
    /// An `invalid-value` diagnostic naming the file and the place.
    pub fn from_bytes(
        path: impl Into<String>,
        bytes: Vec<u8>,
    ) -> Result<Arc<Self>, Box<crate::diag::Diagnostic>> {
        let path = path.into();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self::new(path, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let valid =
                    String::from_utf8_lossy(bytes.get(..at).unwrap_or_default()).into_owned();
                let file = Self::new(path, valid);
                let loc = Loc::new(&file, at..at);
                Err(Box::new(
                    crate::diag::Diagnostic::error(
                        crate::diag::Code::InvalidValue,
                        format!("the file is not UTF-8 text (byte {at})"),
                    )
                    .at(loc)
                    .help("save it as UTF-8"),
                ))
            }
        }
    }

    /// The path as shown to users.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }
}

/// A place in a data file: the file and a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    file: Arc<SourceFile>,
    span: Range<usize>,
}

impl Loc {
    /// A span in `file`.
    pub fn new(file: &Arc<SourceFile>, span: Range<usize>) -> Self {
        Self { file: Arc::clone(file), span }
    }

    /// The file.
    pub fn file(&self) -> &Arc<SourceFile> {
        &self.file
    }

    /// The byte range.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// `path:line:column` of the start of the span.
    pub fn position(&self) -> Position {
        let (line, column) = self.file.line_col(self.span.start);
        let (end_line, end_column) = self.file.line_col(self.span.end);
        Position { path: self.file.path().to_owned(), line, column, end_line, end_column }
    }

    /// The text the span covers.
    pub fn snippet(&self) -> &str {
        self.file.text().get(self.span.clone()).unwrap_or("")
    }
}

/// A resolved position, one-based.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    /// The file's display path.
    pub path: String,
    /// Line of the start.
    pub line: usize,
    /// Column of the start, in characters.
    pub column: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Column of the end.
    pub end_column: usize,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let f = SourceFile::new("a.toml", "ab\ncdé\nf");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(8), (3, 1));
        assert_eq!(f.line_col(99), (3, 2));
    }
}
