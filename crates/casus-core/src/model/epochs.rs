//! The days on which something in the data can change a decision, and the spans between
//! them: two attacks that differ only in their date, on days of the same span, have the same
//! decision but for the dates its texts quote.
//!
//! Why it holds: the engine never computes a date (no durations are added, the clock is not
//! read); every date it compares an event's date with comes from a data file. Each such date
//! `x` and the day after it are boundaries, so every comparison of the event's date with `x`
//! (`<`, `<=`, `==`, `>`, `>=`) has one answer across a span. The boundaries are read from the
//! files' text: every `YYYY-MM-DD` in them, values, strings and comments alike. A superset is
//! harmless (more, shorter spans); a date the engine compares with and the files do not spell
//! out is impossible by the first rule, which a test keeps (`eval_is_constant_within_epochs`).

use std::sync::Arc;

use jiff::civil::Date;

use crate::source::SourceFile;

/// The boundaries of the data's spans of days, sorted: span `i` is `[starts[i-1], starts[i])`
/// (span 0 before the first boundary, the last one open).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateEpochs {
    starts: Vec<Date>,
}

impl DateEpochs {
    /// The boundaries of the dates spelled in `files`.
    pub fn from_files<'a>(files: impl IntoIterator<Item = &'a Arc<SourceFile>>) -> Self {
        Self { starts: dates_in(files) }
    }

    /// The boundaries `dates` give, in any order.
    pub(crate) fn from_dates(mut starts: Vec<Date>) -> Self {
        starts.sort_unstable();
        starts.dedup();
        Self { starts }
    }

    /// The span that holds `d`: days with the same number decide alike.
    ///
    /// ```
    /// use casus_core::model::DateEpochs;
    /// use casus_core::source::SourceFile;
    /// use jiff::civil::date;
    /// let f = SourceFile::new("t.toml", "joined = 2004-03-29\n");
    /// let e = DateEpochs::from_files([&f]);
    /// assert_eq!(e.epoch(date(2004, 3, 28)), 0);
    /// assert_eq!(e.epoch(date(2004, 3, 29)), 1); // the day itself
    /// assert_eq!(e.epoch(date(2004, 3, 30)), 2); // and every day after
    /// assert_eq!(e.epoch(date(2026, 1, 1)), 2);
    /// ```
    pub fn epoch(&self, d: Date) -> u32 {
        u32::try_from(self.starts.partition_point(|b| *b <= d)).unwrap_or(u32::MAX)
    }

    /// The span that holds `d`: its first day (`None` before the first boundary) and the
    /// first day after it (`None` for the last, open span).
    pub fn span(&self, d: Date) -> (Option<Date>, Option<Date>) {
        let i = self.starts.partition_point(|b| *b <= d);
        (i.checked_sub(1).and_then(|j| self.starts.get(j)).copied(), self.starts.get(i).copied())
    }

    /// How many boundaries there are.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// No boundaries: every day decides alike.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// The boundaries the dates spelled in `files` give, sorted, each once.
pub(crate) fn dates_in<'a>(files: impl IntoIterator<Item = &'a Arc<SourceFile>>) -> Vec<Date> {
    let mut out = Vec::new();
    for f in files {
        scan_dates(f.text(), &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every `YYYY-MM-DD` in `text` that is a calendar date, and the day after it, into `out`.
fn scan_dates(text: &str, out: &mut Vec<Date>) {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let num = |from: usize, len: usize| {
        b.get(from..from + len)
            .and_then(|s| std::str::from_utf8(s).ok())
            .and_then(|s| s.parse::<i16>().ok())
    };
    let mut i = 0;
    while i + 10 <= b.len() {
        // A date starts at a digit not preceded by one: `12024-01-01` is not a date.
        let starts = digit(i) && (i == 0 || !digit(i - 1));
        let shaped = starts
            && (1..4).all(|k| digit(i + k))
            && b.get(i + 4) == Some(&b'-')
            && digit(i + 5)
            && digit(i + 6)
            && b.get(i + 7) == Some(&b'-')
            && digit(i + 8)
            && digit(i + 9)
            && !digit(i + 10);
        if shaped {
            let parts = (num(i, 4), num(i + 5, 2).and_then(|m| i8::try_from(m).ok()));
            if let ((Some(y), Some(m)), Some(d)) =
                (parts, num(i + 8, 2).and_then(|d| i8::try_from(d).ok()))
            {
                if let Ok(date) = Date::new(y, m, d) {
                    out.push(date);
                    out.extend(date.tomorrow().ok());
                }
            }
            i += 10;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_are_read_wherever_they_are_spelled() {
        let mut out = Vec::new();
        scan_dates(
            "a = 1815-01-03\nnote = \"until 1822-12-01 (ATOP)\" # 1990-10-03\n\
             x = 12024-01-01 y = 2024-13-01 z = 2024-02-30 w = 2024-02-29T10:00:00",
            &mut out,
        );
        assert_eq!(
            out,
            [
                date(1815, 1, 3),
                date(1815, 1, 4),
                date(1822, 12, 1),
                date(1822, 12, 2),
                date(1990, 10, 3),
                date(1990, 10, 4),
                date(2024, 2, 29),
                date(2024, 3, 1),
            ]
        );
    }
}
