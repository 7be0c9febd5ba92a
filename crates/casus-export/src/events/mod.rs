//! Batch evaluation: a table of attacks in, a long table of obligations out (one row per
//! state bound under an obligation a row's attack triggers or leaves undecided), and one
//! summary row per attack.
//!
//! Every row goes through the one event validation (`casus_core::input::check_event`) and
//! the one evaluator. Rows that are the same attack (same aggressor, victim, date, place,
//! target, facts and assumptions) are evaluated once: event datasets repeat a dyad on a day
//! many times, and the answer depends on nothing else. A row that cannot be evaluated is
//! reported with its row number and what is wrong, never dropped silently.

mod arrow_in;
mod read;
mod write;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use casus_core::eval::{evaluate, Decision};
use casus_core::input::{check_event, parse_date, PointClassifier, RawEvent};
use casus_core::model::{DateEpochs, StateId};
use casus_core::Dataset;
use jiff::civil::Date;

pub use arrow_in::read_arrow;
pub use read::{read_events, EventColumns, EventFormat, EVENT_COLUMNS};
pub use write::{EventsSink, SummarySink};

/// The output's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormatOut {
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet (Snappy).
    Parquet,
}

/// One attack as read from the input table.
#[derive(Debug, Clone)]
pub struct InputRow {
    /// The row's number in the file (1 for the first data row).
    pub row: u64,
    /// The id column's value, or the row number when the table has no id column.
    pub id: String,
    /// The cells of the attack.
    fields: read::Fields,
    /// What identifies the attack whatever the row and the date: its other fields,
    /// normalized (the batch adds the date's span, or the date itself).
    pub(crate) key: String,
}

impl InputRow {
    /// The attack as given, each value with the column it came from (for
    /// `casus_core::input::check_event`).
    pub fn event(&self) -> RawEvent {
        self.fields.event()
    }
}

/// One state bound under one obligation by one attack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObligationRow {
    /// The attack's id.
    pub event_id: String,
    /// The instrument's id.
    pub treaty: Arc<str>,
    /// The variant of a proposal assumed in force, if any.
    pub variant: Option<String>,
    /// The obligation's id within the instrument.
    pub obligation: String,
    /// The article it rests on.
    pub article: String,
    /// The state bound (display code).
    pub state: Arc<str>,
    /// Its COW code, where it has one.
    pub cow: Option<u16>,
    /// The kind of obligation (defense, offense, ...).
    pub kind: &'static str,
    /// How strong the duty is.
    pub strength: &'static str,
    /// `triggered`, or `undecided` when a fact the row does not state would decide it.
    pub status: &'static str,
    /// The reason codes of the finding, in the order checked, joined with `;`.
    pub reasons: String,
    /// Evaluated as if in force (a proposal assumed by the row).
    pub hypothetical: bool,
}

/// What one attack came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// The attack's id.
    pub event_id: String,
    /// The row's number in the input.
    pub row: u64,
    /// `evaluated`, or `invalid` for a row that could not be (kept by `--keep-invalid`).
    pub status: &'static str,
    /// Instruments triggered, `;`-joined (variants as `id:variant`).
    pub triggered: String,
    /// Instruments whose outcome turns on a fact the row does not state.
    pub undecided: String,
    /// States bound by a triggered instrument, `;`-joined, sorted.
    pub bound: String,
    /// How many instruments are triggered.
    pub n_triggered: u32,
    /// How many states are bound.
    pub n_bound: u32,
    /// How many instruments are undecided.
    pub n_undecided: u32,
    /// For an invalid row, what is wrong.
    pub error: String,
}

/// A row that could not be evaluated: its number, id and every problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRow {
    /// The row's number in the input.
    pub row: u64,
    /// Its id.
    pub id: String,
    /// Each problem as `code: message (help)`.
    pub problems: Vec<String>,
}

/// What one attack evaluates to, shared by every row that is the same attack.
#[derive(Debug)]
pub(crate) enum Evaluated {
    Ok {
        obligations: Vec<ObligationRow>,
        summary: SummaryRow,
        /// Each obligation row as CSV after its first field (`,treaty,...,hypothetical\n`),
        /// encoded once on the worker threads: a row of the input then costs a copy.
        csv_tails: Vec<Box<[u8]>>,
    },
    Invalid(Vec<String>),
}

impl Evaluated {
    /// The obligation rows it holds.
    fn rows(&self) -> usize {
        match self {
            Evaluated::Ok { obligations, .. } => obligations.len(),
            Evaluated::Invalid(_) => 0,
        }
    }
}

/// One input row and what its attack evaluated to.
#[derive(Debug, Clone)]
pub(crate) struct Done {
    pub(crate) row: u64,
    pub(crate) id: Arc<str>,
    pub(crate) result: Arc<Evaluated>,
}

/// The result of one chunk of rows, in input order. The rows of one attack are shared by
/// every input row that is that attack; [`ChunkResult::obligations`] and
/// [`ChunkResult::summaries`] spell them out, the sinks write them without doing so.
#[derive(Debug, Default)]
pub struct ChunkResult {
    pub(crate) rows: Vec<Done>,
    pub(crate) keep_invalid: bool,
    /// The rows that could not be evaluated.
    pub invalid: Vec<InvalidRow>,
}

impl ChunkResult {
    /// The obligation rows, each with its input row's id.
    pub fn obligations(&self) -> Vec<ObligationRow> {
        let mut out = Vec::new();
        for d in &self.rows {
            if let Evaluated::Ok { obligations, .. } = &*d.result {
                out.extend(
                    obligations
                        .iter()
                        .map(|o| ObligationRow { event_id: d.id.to_string(), ..o.clone() }),
                );
            }
        }
        out
    }

    /// One summary per row (invalid rows only when kept, marked `invalid`).
    pub fn summaries(&self) -> Vec<SummaryRow> {
        self.rows.iter().filter_map(|d| d.summary(self.keep_invalid)).collect()
    }
}

impl Done {
    /// The row's summary; `None` for an invalid row not kept.
    pub(crate) fn summary(&self, keep_invalid: bool) -> Option<SummaryRow> {
        match &*self.result {
            Evaluated::Ok { summary, .. } => {
                Some(SummaryRow { event_id: self.id.to_string(), row: self.row, ..summary.clone() })
            }
            Evaluated::Invalid(problems) if keep_invalid => Some(SummaryRow {
                event_id: self.id.to_string(),
                row: self.row,
                status: "invalid",
                triggered: String::new(),
                undecided: String::new(),
                bound: String::new(),
                n_triggered: 0,
                n_bound: 0,
                n_undecided: 0,
                error: problems.join("; "),
            }),
            Evaluated::Invalid(_) => None,
        }
    }
}

/// Counts over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct EventsCounts {
    /// Rows read.
    pub rows: u64,
    /// Rows evaluated.
    pub evaluated: u64,
    /// Rows that could not be.
    pub invalid: u64,
    /// Evaluations made: one per attack and span of days in which nothing it reads changes
    /// (rows on other days of the span, or repeating the attack, share it), one per day for
    /// rows that cannot be evaluated.
    pub distinct: u64,
    /// Obligation rows written.
    pub obligation_rows: u64,
}

/// How a batch runs.
pub struct BatchOptions<'a> {
    /// Worker threads (at least 1). The output does not depend on it.
    pub threads: usize,
    /// Classifies points; without it a point is taken with no facts known.
    pub classify: Option<PointClassifier<'a>>,
    /// The date of a row without one (the caller reads the clock).
    pub today: Date,
    /// Keep invalid rows in the summary, marked, rather than only report them.
    pub keep_invalid: bool,
}

/// The evaluator of a run: the dataset, the options, and the attacks already evaluated.
pub struct Batch<'a> {
    ds: &'a Dataset,
    opts: BatchOptions<'a>,
    /// The spans of days within which a decision does not change (`Dataset::date_epochs`),
    /// for rows without a victim: an attack is evaluated once per span, not once per day.
    epochs: DateEpochs,
    /// The longer spans of the attacks on one victim with some proposals assumed
    /// (`Dataset::victim_epochs`), by victim and the row's `assume` cell.
    victim_epochs: HashMap<(StateId, String), DateEpochs, BuildHasherDefault<KeyHasher>>,
    /// By [`Batch::key`]: an attack on a span of days, or on one day for a row whose date
    /// does not read or that cannot be evaluated (its problems quote the date).
    cache: HashMap<String, Arc<Evaluated>, BuildHasherDefault<KeyHasher>>,
    /// The obligation rows the cache holds.
    cached_rows: usize,
    counts: EventsCounts,
}

/// The hash of the cache's keys (rustc's FxHash): every row is looked up, and the keys are
/// the user's own table's, so a keyed hash that resists crafted collisions buys nothing and
/// costs several times more on keys this short.
#[derive(Debug, Default, Clone, Copy)]
struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for part in bytes.chunks(8) {
            let mut word = [0u8; 8];
            if let Some(w) = word.get_mut(..part.len()) {
                w.copy_from_slice(part);
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The most attacks kept between chunks, and the most obligation rows they may hold (a row
/// takes about 250 bytes with its encoded CSV: about 250 MB in all); beyond either, the
/// memory is cleared. Results do not change, only the time repeated attacks take. An event
/// dataset's places times the spans of days its years cross stay well within them.
const MAX_CACHED: usize = 1 << 18;
const MAX_CACHED_ROWS: usize = 1 << 20;

impl<'a> Batch<'a> {
    /// A batch over `ds`.
    pub fn new(ds: &'a Dataset, opts: BatchOptions<'a>) -> Self {
        Self {
            ds,
            opts,
            epochs: ds.date_epochs(),
            victim_epochs: HashMap::default(),
            cache: HashMap::default(),
            cached_rows: 0,
            counts: EventsCounts::default(),
        }
    }

    /// What a row is cached by: the victim it names on its date and the span of days of the
    /// attacks on it (`V`), or, without a victim, the data's span (`E`); the date as written
    /// when it does not read (`D`); then the other fields.
    fn key(&mut self, r: &InputRow) -> String {
        let date = match &r.fields.date {
            None => Ok(self.opts.today),
            Some(t) => parse_date(t),
        };
        let Ok(d) = date else { return Self::day_key(r) };
        let victim = r.fields.victim.as_ref().and_then(|v| self.ds.registry().resolve(v, d).ok());
        let Some(victim) = victim else {
            return format!("E{}\u{1f}{}", self.epochs.epoch(d), r.key);
        };
        let assumed = r.fields.assume.clone().unwrap_or_default();
        let ds = self.ds;
        let epochs = self.victim_epochs.entry((victim, assumed)).or_insert_with_key(|(v, a)| {
            // `ID[:VARIANT]`: the instrument's id.
            ds.victim_epochs(*v, a.split(';').map(|x| x.split(':').next().unwrap_or(x).trim()))
        });
        format!("V{}:{}\u{1f}{}", victim.index(), epochs.epoch(d), r.key)
    }

    /// The key of a row on its own day, for a row whose attack cannot be evaluated: its
    /// problems quote the date, so it is shared only by rows of that day.
    fn day_key(r: &InputRow) -> String {
        format!("D{}\u{1f}{}", r.fields.date.as_deref().unwrap_or(""), r.key)
    }

    /// The counts so far.
    pub fn counts(&self) -> EventsCounts {
        self.counts
    }

    /// Evaluates a chunk of rows: each distinct attack not seen before once, on the worker
    /// threads, then every row in input order.
    pub fn run(&mut self, rows: &[InputRow]) -> ChunkResult {
        let keys: Vec<String> = rows.iter().map(|r| self.key(r)).collect();
        let mut todo: Vec<(&str, &InputRow)> = Vec::new();
        let mut queued: std::collections::HashSet<&str, BuildHasherDefault<KeyHasher>> =
            std::collections::HashSet::default();
        for (k, r) in keys.iter().zip(rows) {
            if !self.cache.contains_key(k) && queued.insert(k) {
                todo.push((k, r));
            }
        }
        if self.cache.len() + todo.len() > MAX_CACHED || self.cached_rows > MAX_CACHED_ROWS {
            self.cache.clear();
            self.cached_rows = 0;
        }
        for (key, value) in self.evaluate_all(&todo) {
            self.counts.distinct += 1;
            self.cached_rows += value.rows();
            self.cache.insert(key, Arc::new(value));
        }
        let mut out = ChunkResult {
            rows: Vec::with_capacity(rows.len()),
            keep_invalid: self.opts.keep_invalid,
            invalid: Vec::new(),
        };
        for (k, r) in keys.iter().zip(rows) {
            self.counts.rows += 1;
            let done = match self.cache.get(k) {
                Some(d) => Arc::clone(d),
                // An attack of this span that cannot be evaluated on another day of it: its
                // own, since the problems quote the date (rare: rows that fail).
                None => {
                    let day = Self::day_key(r);
                    if let Some(d) = self.cache.get(&day) {
                        Arc::clone(d)
                    } else {
                        self.counts.distinct += 1;
                        let d = Arc::new(self.evaluate(r));
                        self.cache.insert(day, Arc::clone(&d));
                        d
                    }
                }
            };
            match &*done {
                Evaluated::Ok { obligations, .. } => {
                    self.counts.evaluated += 1;
                    self.counts.obligation_rows += obligations.len() as u64;
                }
                Evaluated::Invalid(problems) => {
                    self.counts.invalid += 1;
                    out.invalid.push(InvalidRow {
                        row: r.row,
                        id: r.id.clone(),
                        problems: problems.clone(),
                    });
                }
            }
            out.rows.push(Done { row: r.row, id: Arc::from(r.id.as_str()), result: done });
        }
        out
    }

    /// Evaluates attacks on the worker threads, each thread a contiguous share, the results
    /// in the order given.
    /// An attack that cannot be evaluated is filed under its day's key, not its span's: its
    /// problems quote the date.
    fn evaluate_all(&self, todo: &[(&str, &InputRow)]) -> Vec<(String, Evaluated)> {
        let one = |(k, r): &(&str, &InputRow)| {
            let e = self.evaluate(r);
            let key = match e {
                Evaluated::Invalid(_) => Self::day_key(r),
                Evaluated::Ok { .. } => (*k).to_owned(),
            };
            (key, e)
        };
        let threads = self.opts.threads.max(1);
        if threads == 1 || todo.len() < 256 {
            return todo.iter().map(one).collect();
        }
        let share = todo.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = todo
                .chunks(share)
                .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    // A worker that panicked would lose its share: report each of its rows
                    // rather than drop them.
                    h.join().unwrap_or_default()
                })
                .collect()
        })
    }

    /// One attack, checked and evaluated.
    fn evaluate(&self, r: &InputRow) -> Evaluated {
        match check_event(self.ds, &r.event(), self.opts.today, self.opts.classify) {
            Err(diags) => Evaluated::Invalid(
                diags
                    .iter()
                    .map(|d| match d.help_text() {
                        Some(h) => format!("{}: {} ({h})", d.code(), d.message()),
                        None => format!("{}: {}", d.code(), d.message()),
                    })
                    .collect(),
            ),
            Ok(event) => {
                let d = evaluate(self.ds, &event);
                let (obligations, summary) = flatten(&d);
                let csv_tails = obligations.iter().map(write::csv_tail).collect();
                Evaluated::Ok { obligations, summary, csv_tails }
            }
        }
    }
}

/// A decision as rows: every state bound under a triggered or undecided obligation, and the
/// attack's summary (without its id and row, which the caller sets per row).
fn flatten(d: &Decision) -> (Vec<ObligationRow>, SummaryRow) {
    let mut rows = Vec::new();
    let mut bound: Vec<&str> = Vec::new();
    let name = |f: &casus_core::eval::Finding| match &f.variant {
        Some(v) => format!("{}:{}", f.treaty, v.id),
        None => f.treaty.to_string(),
    };
    for (status, list) in [("triggered", d.triggered()), ("undecided", d.indeterminate())] {
        for f in list {
            for o in &f.obligations {
                let reasons: Vec<&str> = o.reasons.iter().map(|r| r.code.as_str()).collect();
                for s in &o.obligated {
                    if status == "triggered" {
                        bound.push(&s.code);
                    }
                    rows.push(ObligationRow {
                        event_id: String::new(),
                        treaty: Arc::clone(&f.treaty),
                        variant: f.variant.as_ref().map(|v| v.id.clone()),
                        obligation: o.obligation().to_owned(),
                        article: o.article().to_owned(),
                        state: Arc::from(&*s.code),
                        cow: s.cow,
                        kind: o.kind.as_str(),
                        strength: o.strength.as_str(),
                        status,
                        reasons: reasons.join(";"),
                        hypothetical: f.hypothetical,
                    });
                }
            }
        }
    }
    bound.sort_unstable();
    bound.dedup();
    let join = |fs: &[casus_core::eval::Finding]| fs.iter().map(name).collect::<Vec<_>>().join(";");
    let summary = SummaryRow {
        event_id: String::new(),
        row: 0,
        status: "evaluated",
        triggered: join(d.triggered()),
        undecided: join(d.indeterminate()),
        bound: bound.join(";"),
        n_triggered: u32::try_from(d.triggered().len()).unwrap_or(u32::MAX),
        n_bound: u32::try_from(bound.len()).unwrap_or(u32::MAX),
        n_undecided: u32::try_from(d.indeterminate().len()).unwrap_or(u32::MAX),
        error: String::new(),
    };
    (rows, summary)
}
