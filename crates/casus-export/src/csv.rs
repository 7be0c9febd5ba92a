//! Streaming CSV: a header, then one line per row, written as they come.

use std::io::Write;

use crate::error::ExportError;
use crate::generate::RowSink;
use crate::rows::{DyadRow, Field, Schema, When};

/// Writes rows as CSV (RFC 4180, `\n` line ends, empty field for null) into any writer,
/// through its own 1 MiB buffer.
pub struct CsvSink<W: Write> {
    out: W,
    fields: Vec<Field>,
    buf: Vec<u8>,
    /// `code1,code2,` of the last pair written: consecutive rows share it.
    prefix: Vec<u8>,
    pair: Option<(u16, u16)>,
    /// The text after the time column of a row with no obligation (`,0,0,...`) and of a row
    /// outside coverage (`,,,...`); empty when no obligations are joined.
    zero_tail: Vec<u8>,
    null_tail: Vec<u8>,
}

impl<W: Write> std::fmt::Debug for CsvSink<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvSink").field("fields", &self.fields).finish_non_exhaustive()
    }
}

const BUF: usize = 1 << 20;

impl<W: Write> CsvSink<W> {
    /// A sink writing into `w`.
    pub fn new(w: W) -> Self {
        CsvSink {
            out: w,
            fields: Vec::new(),
            buf: Vec::with_capacity(BUF + 4096),
            prefix: Vec::new(),
            pair: None,
            zero_tail: Vec::new(),
            null_tail: Vec::new(),
        }
    }

    fn flush_buf(&mut self) -> Result<(), ExportError> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }
}

/// Appends a four-digit year quickly, any other integer through [`push_int`].
fn push_year(buf: &mut Vec<u8>, y: i16) {
    if (1000..=9999).contains(&y) {
        let y = y as u16;
        buf.extend_from_slice(&[
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
        ]);
    } else {
        push_int(buf, i64::from(y));
    }
}

/// Appends a non-negative or negative integer in decimal.
fn push_int(buf: &mut Vec<u8>, v: i64) {
    let mut tmp = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = tmp.len();
    loop {
        i -= 1;
        if let Some(slot) = tmp.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    if v < 0 {
        buf.push(b'-');
    }
    buf.extend_from_slice(tmp.get(i..).unwrap_or_default());
}

/// Appends text, quoted when it holds a comma, quote or line break.
fn push_text(buf: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        buf.push(b'"');
        buf.extend_from_slice(s.replace('"', "\"\"").as_bytes());
        buf.push(b'"');
    } else {
        buf.extend_from_slice(s.as_bytes());
    }
}

impl<W: Write> RowSink for CsvSink<W> {
    fn start(&mut self, schema: &Schema) -> Result<(), ExportError> {
        self.fields = schema.columns().iter().map(|c| c.field).collect();
        let names: Vec<&str> = schema.columns().iter().map(|c| c.name.as_str()).collect();
        self.buf.extend_from_slice(names.join(",").as_bytes());
        self.buf.push(b'\n');
        for f in self.fields.iter().skip(3) {
            self.null_tail.push(b',');
            self.zero_tail.push(b',');
            if matches!(f, Field::Flag(_) | Field::Obvary) {
                self.zero_tail.push(b'0');
            }
        }
        Ok(())
    }

    fn row(&mut self, row: &DyadRow<'_>) -> Result<(), ExportError> {
        if self.pair != Some((row.code1, row.code2)) {
            self.pair = Some((row.code1, row.code2));
            self.prefix.clear();
            push_int(&mut self.prefix, i64::from(row.code1));
            self.prefix.push(b',');
            push_int(&mut self.prefix, i64::from(row.code2));
            self.prefix.push(b',');
        }
        let buf = &mut self.buf;
        buf.extend_from_slice(&self.prefix);
        // INVARIANT: every schema starts with the two codes and the time (`Schema::new`).
        match row.when {
            When::Year(y) => push_year(buf, y),
            When::Day(d) => {
                if self.fields.get(2) == Some(&Field::Year) {
                    push_year(buf, d.year());
                } else {
                    push_year(buf, d.year());
                    for part in [d.month(), d.day()] {
                        buf.push(b'-');
                        buf.push(b'0' + (part / 10) as u8);
                        buf.push(b'0' + (part % 10) as u8);
                    }
                }
            }
        }
        match &row.obligations {
            None => buf.extend_from_slice(&self.null_tail),
            Some(o) if o.flags == 0 && !o.obvary && o.strength.is_none() => {
                buf.extend_from_slice(&self.zero_tail);
            }
            Some(o) => {
                for f in self.fields.iter().skip(3) {
                    buf.push(b',');
                    match f {
                        Field::Flag(k) => buf.push(if o.has(*k) { b'1' } else { b'0' }),
                        Field::Ids(k) => push_text(buf, o.ids.get(*k as usize).unwrap_or(&"")),
                        Field::Obvary => buf.push(if o.obvary { b'1' } else { b'0' }),
                        Field::Strength => {
                            if let Some(s) = o.strength {
                                buf.extend_from_slice(s.as_str().as_bytes());
                            }
                        }
                        Field::Code1 | Field::Code2 | Field::Year | Field::Date => {}
                    }
                }
            }
        }
        buf.push(b'\n');
        if buf.len() >= BUF {
            self.flush_buf()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ExportError> {
        self.flush_buf()?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_text() {
        let mut b = Vec::new();
        for v in [0, 7, 10, 2024, -5, i64::from(u16::MAX)] {
            push_int(&mut b, v);
            b.push(b' ');
        }
        push_text(&mut b, "a,b\"c");
        assert_eq!(String::from_utf8(b).unwrap(), "0 7 10 2024 -5 65535 \"a,b\"\"c\"");
    }
}
