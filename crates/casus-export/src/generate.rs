//! The generator: walks the frame in order and hands each row, with its obligations, to a
//! sink.

use casus_core::model::Registry;
use jiff::civil::Date;

use crate::error::ExportError;
use crate::frame::{shared, window, years_of, Frame, Span};
use crate::obligations::{year_span, Acc, Leg, Obligations};
use crate::rows::{Collapse, DyadRow, RowObligations, Schema, System, Unit, When};

/// Receives rows in order. CSV and Parquet writers implement it; so can a test.
pub trait RowSink {
    /// Called once before the first row.
    ///
    /// # Errors
    /// When the sink cannot start (e.g. a header cannot be written).
    fn start(&mut self, schema: &Schema) -> Result<(), ExportError>;
    /// Called for each row, in order.
    ///
    /// # Errors
    /// When the row cannot be written.
    fn row(&mut self, row: &DyadRow<'_>) -> Result<(), ExportError>;
    /// Called once after the last row: flush, write footers.
    ///
    /// # Errors
    /// When the output cannot be completed.
    fn finish(&mut self) -> Result<(), ExportError>;
}

impl<S: RowSink + ?Sized> RowSink for &mut S {
    fn start(&mut self, schema: &Schema) -> Result<(), ExportError> {
        (**self).start(schema)
    }
    fn row(&mut self, row: &DyadRow<'_>) -> Result<(), ExportError> {
        (**self).row(row)
    }
    fn finish(&mut self) -> Result<(), ExportError> {
        (**self).finish()
    }
}

/// Two sinks fed the same rows (one pass, two formats).
#[derive(Debug)]
pub struct Tee<A, B>(pub A, pub B);

impl<A: RowSink, B: RowSink> RowSink for Tee<A, B> {
    fn start(&mut self, schema: &Schema) -> Result<(), ExportError> {
        self.0.start(schema)?;
        self.1.start(schema)
    }
    fn row(&mut self, row: &DyadRow<'_>) -> Result<(), ExportError> {
        self.0.row(row)?;
        self.1.row(row)
    }
    fn finish(&mut self) -> Result<(), ExportError> {
        self.0.finish()?;
        self.1.finish()
    }
}

/// What a run wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Summary {
    /// Rows written.
    pub rows: u64,
    /// Rows with at least one obligation flag set.
    pub rows_with_obligations: u64,
}

/// A dyad frame to generate: builder-style settings, then [`Dyads::write`].
///
/// ```
/// use casus_core::{load, DataPaths};
/// use casus_export::{Dyads, System, Unit};
/// let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
/// let checked = load(&DataPaths::in_dir(data));
/// let mut rows = Vec::new();
/// let mut sink = casus_export::CsvSink::new(&mut rows);
/// Dyads::new(checked.dataset().registry(), System::Cow, Unit::DyadYear)
///     .years(1816, 1816)
///     .write(&mut sink, &mut |_, _| {})?;
/// drop(sink);
/// let text = String::from_utf8(rows)?;
/// assert!(text.starts_with("ccode1,ccode2,year\n2,200,1816\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Dyads<'a> {
    registry: &'a Registry,
    system: System,
    unit: Unit,
    from: i16,
    to: i16,
    obligations: Option<&'a Obligations>,
    collapse: Collapse,
    allied_only: bool,
}

impl<'a> Dyads<'a> {
    /// A frame of `system` by `unit`, 1816 to 2024 until [`Dyads::years`] says otherwise.
    pub fn new(registry: &'a Registry, system: System, unit: Unit) -> Self {
        Dyads {
            registry,
            system,
            unit,
            from: 1816,
            to: 2024,
            obligations: None,
            collapse: Collapse::Last,
            allied_only: false,
        }
    }
    /// The first and last year, both included.
    pub fn years(&mut self, from: i16, to: i16) -> &mut Self {
        self.from = from;
        self.to = to;
        self
    }
    /// Join these obligations.
    pub fn obligations(&mut self, o: &'a Obligations) -> &mut Self {
        self.obligations = Some(o);
        self
    }
    /// How days collapse into years.
    pub fn collapse(&mut self, c: Collapse) -> &mut Self {
        self.collapse = c;
        self
    }
    /// Only the dyads the obligations' instruments make (ATOP's own directed dyad-year file),
    /// not the whole state system.
    pub fn allied_only(&mut self, yes: bool) -> &mut Self {
        self.allied_only = yes;
        self
    }
    /// The columns this run writes.
    pub fn schema(&self) -> Schema {
        Schema::new(self.system, self.unit, self.obligations.map(Obligations::kind))
    }

    /// Generates every row in order into `sink`. `progress(done, total)` is called as the
    /// first code advances.
    ///
    /// # Errors
    /// [`ExportError::Years`] for bad years, [`ExportError::SystemMismatch`] if the
    /// obligations use the other system's codes, and whatever the sink returns.
    pub fn write(
        &self,
        sink: &mut dyn RowSink,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Summary, ExportError> {
        let win = window(self.from, self.to)
            .ok_or(ExportError::Years { from: self.from, to: self.to })?;
        if let Some(o) = self.obligations {
            if o.system() != self.system {
                return Err(ExportError::SystemMismatch {
                    obligations: o.system().as_str(),
                    frame: self.system.as_str(),
                });
            }
        }
        let members: Vec<(u16, Vec<Span>)> = match (self.allied_only, self.obligations) {
            (true, Some(o)) => allied_members(o),
            _ => Frame::new(self.registry, self.system).members,
        };
        sink.start(&self.schema())?;
        let mut w = Writer {
            sink,
            obligations: self.obligations,
            collapse: self.collapse,
            acc: Acc::default(),
            ids: Default::default(),
            summary: Summary::default(),
        };
        let mut spans = Vec::new();
        let mut years = Vec::new();
        let total = members.len();
        for (i, (a, sa)) in members.iter().enumerate() {
            progress(i, total);
            for (b, sb) in &members {
                if a == b || (!self.unit.is_directed() && a > b) {
                    continue;
                }
                let legs = self.pair_legs(*a, *b);
                if self.allied_only {
                    spans.clear();
                    spans.extend(legs.0.iter().chain(legs.1).filter_map(|l| l.span.intersect(win)));
                    spans.sort();
                } else {
                    shared(sa, sb, win, &mut spans);
                }
                if spans.is_empty() {
                    continue;
                }
                match self.unit {
                    Unit::DirectedDyadDay => {
                        let mut last_done: Option<Date> = None;
                        for s in &spans {
                            let mut d = match last_done {
                                Some(l) if l >= s.first => match l.tomorrow() {
                                    Ok(t) => t,
                                    Err(_) => continue,
                                },
                                _ => s.first,
                            };
                            while d <= s.last {
                                w.row(*a, *b, When::Day(d), Span { first: d, last: d }, legs)?;
                                last_done = Some(d);
                                match d.tomorrow() {
                                    Ok(t) => d = t,
                                    Err(_) => break,
                                }
                            }
                        }
                    }
                    _ => {
                        years_of(&spans, &mut years);
                        for y in &years {
                            w.row(*a, *b, When::Year(*y), year_span(*y), legs)?;
                        }
                    }
                }
            }
        }
        progress(total, total);
        let summary = w.summary;
        sink.finish()?;
        Ok(summary)
    }

    /// The legs A → B, and for undirected units B → A too.
    fn pair_legs(&self, a: u16, b: u16) -> (&'a [Leg], &'a [Leg]) {
        match self.obligations {
            None => (&[], &[]),
            Some(o) if self.unit.is_directed() => (o.legs(a, b), &[]),
            Some(o) => (o.legs(a, b), o.legs(b, a)),
        }
    }
}

/// Every code that has a leg, each with every day (the allied frame takes its spans from the
/// legs themselves, per pair).
fn allied_members(o: &Obligations) -> Vec<(u16, Vec<Span>)> {
    let mut codes: Vec<u16> = o.pairs.keys().flat_map(|(a, b)| [*a, *b]).collect();
    codes.sort_unstable();
    codes.dedup();
    codes.into_iter().map(|c| (c, Vec::new())).collect()
}

struct Writer<'s, 'o> {
    sink: &'s mut dyn RowSink,
    obligations: Option<&'o Obligations>,
    collapse: Collapse,
    acc: Acc,
    ids: [String; 5],
    summary: Summary,
}

impl Writer<'_, '_> {
    fn row(
        &mut self,
        a: u16,
        b: u16,
        when: When,
        unit: Span,
        legs: (&[Leg], &[Leg]),
    ) -> Result<(), ExportError> {
        let obligations = match self.obligations {
            // Most rows of a state-system frame have no leg at all.
            Some(o) if legs.0.is_empty() && legs.1.is_empty() && o.covers(unit) => {
                Some(RowObligations { flags: 0, ids: [""; 5], obvary: false, strength: None })
            }
            Some(o) if o.covers(unit) => {
                self.acc.clear();
                self.acc.collect(legs.0, unit, self.collapse);
                self.acc.collect(legs.1, unit, self.collapse);
                if self.acc.flags != 0 {
                    self.acc.ids(&o.names, &mut self.ids);
                    self.summary.rows_with_obligations += 1;
                } else {
                    self.ids.iter_mut().for_each(String::clear);
                }
                let [d, f, n, g, c] = &self.ids;
                Some(RowObligations {
                    flags: self.acc.flags,
                    ids: [d.as_str(), f.as_str(), n.as_str(), g.as_str(), c.as_str()],
                    obvary: self.acc.obvary,
                    strength: self.acc.strength,
                })
            }
            _ => None,
        };
        self.summary.rows += 1;
        self.sink.row(&DyadRow { code1: a, code2: b, when, obligations })
    }
}
