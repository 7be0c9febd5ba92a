//! A small typed reader over toml's spanned document tree.
//!
//! serde's `deny_unknown_fields` stops at the first problem; casus reports every problem at
//! once, so raw types are filled by hand from `toml::de::DeTable`, which keeps a span on every
//! key and value. Each accessor records a diagnostic and returns `None` on a bad value, so one
//! mistake never hides the next.

#[cfg(test)]
use std::cell::Cell;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::schema::Table;
use crate::diag::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::source::{Loc, SourceFile};

/// A value with the byte span it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Where it stands in its file.
    pub span: Range<usize>,
}

impl<T> Sp<T> {
    pub(crate) fn new(value: T, span: Range<usize>) -> Self {
        Self { value, span }
    }
}

/// Reads one TOML table, checking its keys against its declaration ([`super::schema`]).
pub(crate) struct TableReader<'a, 'i> {
    file: &'a Arc<SourceFile>,
    table: &'a DeTable<'i>,
    span: Range<usize>,
    what: &'static str,
    /// The declaration the table is read by.
    #[cfg(test)]
    decl: &'static Table,
    /// What was asked of the table, kept only in casus-core's own tests (the schema's tests
    /// check that every declared key is read, and no other).
    #[cfg(test)]
    asked: Asked,
}

/// The keys a reader asked for.
#[cfg(test)]
#[derive(Default)]
struct Asked {
    /// The declared keys, as bits over their positions in the declaration.
    declared: Cell<u64>,
    /// Whether the keys not read here are read by another reader.
    elsewhere: Cell<bool>,
    /// Keys the declaration lacks.
    undeclared: std::cell::RefCell<Vec<String>>,
}

impl<'a, 'i> TableReader<'a, 'i> {
    /// Starts reading `table` by its declaration `decl`; reports unknown keys at once.
    pub(crate) fn new(
        file: &'a Arc<SourceFile>,
        table: &'a DeTable<'i>,
        span: Range<usize>,
        decl: &'static Table,
        diags: &mut Diagnostics,
    ) -> Self {
        let what = decl.what;
        for (key, _) in table.iter() {
            let name: &str = key.get_ref();
            if !decl.has(name) {
                let allowed = decl.keys().map(|k| k.name);
                let help = did_you_mean(name, allowed.clone())
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        format!("a {what} takes: {}", allowed.collect::<Vec<_>>().join(", "))
                    });
                diags.push(
                    Diagnostic::error(Code::UnknownKey, format!("unknown key `{name}` in {what}"))
                        .at(Loc::new(file, key.span()))
                        .help(help),
                );
            }
        }
        Self {
            file,
            table,
            span,
            what,
            #[cfg(test)]
            decl,
            #[cfg(test)]
            asked: Asked::default(),
        }
    }

    /// Notes that a key was asked for (in casus-core's tests; nothing otherwise).
    #[cfg(not(test))]
    fn ask(&self, _key: &str) {}

    #[cfg(test)]
    fn ask(&self, key: &str) {
        match self.decl.position(key) {
            Some(k) => {
                let bit = 1u64.checked_shl(k as u32).unwrap_or(0);
                self.asked.declared.set(self.asked.declared.get() | bit);
            }
            None => self.asked.undeclared.borrow_mut().push(key.to_owned()),
        }
    }

    /// Says that the keys not read here are read by another reader (casus-geo reads the seas
    /// file's geometry): only their names are checked here.
    pub(crate) fn read_elsewhere(&self) {
        #[cfg(test)]
        self.asked.elsewhere.set(true);
    }

    /// A key's value as written, for a reader of its own (polygons, boxes).
    pub(crate) fn value(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.get(key)
    }

    pub(crate) fn loc(&self, span: Range<usize>) -> Loc {
        Loc::new(self.file, span)
    }

    /// The file being read.
    pub(crate) fn file(&self) -> &'a Arc<SourceFile> {
        self.file
    }

    /// An optional boolean, with the span of its key.
    pub(crate) fn bool_with_key(
        &self,
        key: &str,
        diags: &mut Diagnostics,
    ) -> Option<(Range<usize>, Sp<bool>)> {
        self.ask(key);
        let key_span = self.table.get_key_value(key).map(|(k, _)| k.span())?;
        self.bool(key, diags).map(|v| (key_span, v))
    }

    fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.ask(key);
        self.table.get(key)
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn wrong_type(&self, key: &str, v: &Spanned<DeValue<'_>>, want: &str, diags: &mut Diagnostics) {
        diags.push(
            Diagnostic::error(
                Code::WrongType,
                format!(
                    "`{key}` in {} must be {want}, found {}",
                    self.what,
                    v.get_ref().type_str()
                ),
            )
            .at(self.loc(v.span())),
        );
    }

    pub(crate) fn missing(&self, key: &str, diags: &mut Diagnostics) {
        diags.push(
            Diagnostic::error(Code::MissingKey, format!("{} is missing `{key}`", self.what))
                .at(self.loc(self.span.clone())),
        );
    }

    /// An optional string.
    pub(crate) fn str(&self, key: &str, diags: &mut Diagnostics) -> Option<Sp<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Sp::new(s.to_string(), v.span())),
            _ => {
                self.wrong_type(key, v, "a string", diags);
                None
            }
        }
    }

    /// A required string.
    pub(crate) fn req_str(&self, key: &str, diags: &mut Diagnostics) -> Option<Sp<String>> {
        if !self.has(key) {
            self.missing(key, diags);
        }
        self.str(key, diags)
    }

    /// An optional boolean.
    pub(crate) fn bool(&self, key: &str, diags: &mut Diagnostics) -> Option<Sp<bool>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Sp::new(*b, v.span())),
            _ => {
                self.wrong_type(key, v, "a boolean", diags);
                None
            }
        }
    }

    /// An optional integer.
    pub(crate) fn int(&self, key: &str, diags: &mut Diagnostics) -> Option<Sp<i64>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => Some(Sp::new(n, v.span())),
                    Err(_) => {
                        self.wrong_type(key, v, "an integer that fits 64 bits", diags);
                        None
                    }
                }
            }
            _ => {
                self.wrong_type(key, v, "an integer", diags);
                None
            }
        }
    }

    /// An optional number (integer or float).
    pub(crate) fn number(&self, key: &str, diags: &mut Diagnostics) -> Option<Sp<f64>> {
        let v = self.get(key)?;
        number_of(v).map(|n| Sp::new(n, v.span())).or_else(|| {
            self.wrong_type(key, v, "a number", diags);
            None
        })
    }

    /// An optional list of numbers.
    pub(crate) fn numbers(&self, key: &str, diags: &mut Diagnostics) -> Option<Sp<Vec<f64>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, v, "a list of numbers", diags);
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match number_of(item) {
                Some(n) => out.push(n),
                None => {
                    self.wrong_type(key, item, "a number", diags);
                    return None;
                }
            }
        }
        Some(Sp::new(out, v.span()))
    }

    /// An optional plain calendar date.
    pub(crate) fn date(&self, key: &str, diags: &mut Diagnostics) -> Option<Sp<Date>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    match Date::new(
                        i16::try_from(d.year).unwrap_or(i16::MAX),
                        d.month as i8,
                        d.day as i8,
                    ) {
                        Ok(date) => Some(Sp::new(date, v.span())),
                        Err(e) => {
                            diags.push(
                                Diagnostic::error(
                                    Code::InvalidDate,
                                    format!("`{key}` is not a real day: {e}"),
                                )
                                .at(self.loc(v.span())),
                            );
                            None
                        }
                    }
                }
                _ => {
                    diags.push(
                        Diagnostic::error(
                            Code::InvalidDate,
                            format!("`{key}` must be a plain date"),
                        )
                        .at(self.loc(v.span()))
                        .help("write a calendar date without time or offset, e.g. `1949-08-24`"),
                    );
                    None
                }
            },
            DeValue::String(s) if s.len() == 10 => {
                diags.push(
                    Diagnostic::error(
                        Code::WrongType,
                        format!("`{key}` is a quoted string, not a date"),
                    )
                    .at(self.loc(v.span()))
                    .help(format!("remove the quotes: {key} = {s}")),
                );
                None
            }
            _ => {
                self.wrong_type(key, v, "a date", diags);
                None
            }
        }
    }

    /// A required date.
    pub(crate) fn req_date(&self, key: &str, diags: &mut Diagnostics) -> Option<Sp<Date>> {
        if !self.has(key) {
            self.missing(key, diags);
        }
        self.date(key, diags)
    }

    /// An optional list of strings.
    pub(crate) fn str_list(&self, key: &str, diags: &mut Diagnostics) -> Option<Vec<Sp<String>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, v, "a list of strings", diags);
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Sp::new(s.to_string(), item.span())),
                _ => self.wrong_type(key, item, "a string", diags),
            }
        }
        Some(out)
    }

    /// A string or a list of strings (`owed-by = "parties"` or `owed-by = ["USA"]`).
    pub(crate) fn str_or_list(&self, key: &str, diags: &mut Diagnostics) -> Option<Sp<StrOrList>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Sp::new(StrOrList::One(s.to_string()), v.span())),
            DeValue::Array(_) => {
                self.str_list(key, diags).map(|l| Sp::new(StrOrList::Many(l), v.span()))
            }
            _ => {
                self.wrong_type(key, v, "a string or a list of strings", diags);
                None
            }
        }
    }

    /// The ids of the `[[source]]` tables of a registry, regions or seas file (`id`,
    /// `citation`, optional `url` and `note`), each checked for its keys.
    pub(crate) fn source_ids(&self, diags: &mut Diagnostics) -> Vec<Sp<String>> {
        let mut ids = Vec::new();
        for (tbl, span) in self.tables("source", diags) {
            let r = TableReader::new(self.file(), tbl, span, &super::schema::NOTED_SOURCE, diags);
            ids.extend(r.req_str("id", diags));
            let _ = r.req_str("citation", diags);
            let _ = r.str("url", diags);
            let _ = r.str("note", diags);
        }
        ids
    }

    /// An array of tables (`[[party]]` or a list of inline tables): each table with its span.
    pub(crate) fn tables(
        &self,
        key: &str,
        diags: &mut Diagnostics,
    ) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
        let Some(v) = self.get(key) else { return Vec::new() };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some((t, item.span())),
                    _ => {
                        self.wrong_type(key, item, "a table", diags);
                        None
                    }
                })
                .collect(),
            DeValue::Table(t) => vec![(t, v.span())],
            _ => {
                self.wrong_type(key, v, "a list of tables", diags);
                Vec::new()
            }
        }
    }
}

/// What each reader asked for, recorded when it is dropped, for the schema's tests.
#[cfg(test)]
pub(crate) mod record {
    use std::cell::RefCell;

    use super::super::schema::Table;

    /// One table read: its declaration, the declared keys asked for (bits over their
    /// positions), whether the rest is read elsewhere, and the undeclared keys asked for.
    pub(crate) struct Read {
        pub(crate) decl: &'static Table,
        pub(crate) asked: u64,
        pub(crate) elsewhere: bool,
        pub(crate) undeclared: Vec<String>,
    }

    thread_local! {
        pub(crate) static READS: RefCell<Vec<Read>> = const { RefCell::new(Vec::new()) };
    }

    /// Takes what was recorded on this thread so far.
    pub(crate) fn take() -> Vec<Read> {
        READS.with(|r| std::mem::take(&mut *r.borrow_mut()))
    }
}

#[cfg(test)]
impl Drop for TableReader<'_, '_> {
    fn drop(&mut self) {
        let read = record::Read {
            decl: self.decl,
            asked: self.asked.declared.get(),
            elsewhere: self.asked.elsewhere.get(),
            undeclared: std::mem::take(&mut *self.asked.undeclared.borrow_mut()),
        };
        record::READS.with(|r| r.borrow_mut().push(read));
    }
}

fn number_of(v: &Spanned<DeValue<'_>>) -> Option<f64> {
    match v.get_ref() {
        DeValue::Float(f) => {
            f.as_str().replace('_', "").parse::<f64>().ok().filter(|x| x.is_finite())
        }
        DeValue::Integer(i) => {
            i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok().map(|n| n as f64)
        }
        _ => None,
    }
}

/// A string or a list of strings.
#[derive(Debug, Clone, PartialEq)]
pub enum StrOrList {
    /// A keyword such as `parties`.
    One(String),
    /// Explicit codes.
    Many(Vec<Sp<String>>),
}

/// Parses a whole file into its top-level table, reporting syntax errors (all of them the
/// parser can recover from).
pub(crate) fn parse_document<'f>(
    file: &'f Arc<SourceFile>,
    diags: &mut Diagnostics,
) -> Spanned<DeTable<'f>> {
    let (table, errors) = DeTable::parse_recoverable(file.text());
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        diags.push(
            Diagnostic::error(Code::TomlSyntax, e.message().trim().to_lowercase())
                .at(Loc::new(file, span)),
        );
    }
    table
}
