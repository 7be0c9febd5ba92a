//! The rows casus writes, and their columns: this documentation is the format specification.
//!
//! # Format
//!
//! Schema version [`SCHEMA_VERSION`] (1). One row per dyad and time unit, ordered by the
//! first code, then the second, then the year (or day): the order peacesciencer's
//! `create_dyadyears()` gives. CSV and Parquet hold the same columns in the same order; the
//! sidecar (`<output>.meta.json`, see [`crate::Sidecar`]) lists them again with the version.
//!
//! ## Keys
//!
//! | column | type (Parquet / CSV) | null | meaning |
//! |---|---|---|---|
//! | `ccode1` or `gwcode1` | Int16 / integer | never | the first state: its COW ccode (`--system cow`) or its Gleditsch–Ward code (`--system gw`); in directed units the state that owes |
//! | `ccode2` or `gwcode2` | Int16 / integer | never | the second state; in directed units the state owed |
//! | `year` | Int16 / integer | never | the year (units `directed-dyad-year`, `dyad-year`) |
//! | `date` | Date32 / `YYYY-MM-DD` | never | the day (unit `directed-dyad-day`), instead of `year` |
//!
//! In `dyad-year` (undirected) rows `ccode1 < ccode2`, and each flag is 1 when either state
//! owes the other that obligation (ATOP's dyad-year convention, codebook §2.6).
//!
//! ## Obligation columns
//!
//! Present only when obligations are joined. The prefix is `atop_` for obligations read from an
//! ATOP member-level file and `casus_` for the bundled treaties, so a file never passes one off
//! as the other. `K` is each of ATOP's five kinds, in ATOP's order: `defense`, `offense`,
//! `neutral`, `nonagg`, `consul`.
//!
//! | column | type (Parquet / CSV) | null | meaning |
//! |---|---|---|---|
//! | `{prefix}K` | Int8 / `0` or `1` | outside the source's coverage | 1 when state 1 owes state 2 an obligation of kind `K` in the time unit (see the collapse rule below) |
//! | `{prefix}K_ids` | Utf8 / text | when the flag is not 1 | the instruments behind the flag, sorted, joined by `;`: ATOP `atopid`s, or casus treaty ids |
//! | `atop_obvary` | Int8 / `0` or `1` | outside coverage | ATOP only: 1 when a flag of the row rests on a membership ATOP codes `OBVARY = 1` ("this member has different obligations to different members"). ATOP corrects such legs by hand in its directed data; the member file does not say toward whom, so these flags follow the member file and may be 1 where ATOP's directed file has 0 |
//! | `casus_strength` | Utf8 / text | when no duty to assist | bundled only: the strongest strength (`automatic_all_forces` first, as in `casus_core::model::Strength`) among the defense and offense obligations of the row |
//!
//! Coverage: an ATOP file covers 1 January of its first entry year to 31 December of its last
//! year (1815–2018 for ATOP 5.1); a row outside it has null flags, as peacesciencer leaves
//! `atop_*` missing after ATOP's last year. The bundled treaties have no coverage limit: their
//! flags are never null (a state system row with no treaty has 0).
//!
//! ## Collapse rule (days into a year)
//!
//! Obligations are day-precise; a year row needs a rule ([`Collapse`]):
//!
//! * `last` (default): for each instrument, the obligations in effect on the last day of the
//!   year on which the two states were both members of it. ATOP codes its directed dyad-years
//!   this way: a phase that begins during the year replaces the one that ended (ATOP 1155,
//!   1415, 1362, 4985), and a member that left before the others' new phase keeps the old
//!   phase's obligations.
//! * `any`: an obligation in effect on any day of the year.
//!
//! Obligations are collapsed on their own and joined to the state-system frame by
//! `(code1, code2, year)`, as peacesciencer's left join does: a row says what the instruments
//! said that year, whether or not both states were in the system on those days.
//!
//! ## Nulls in CSV
//!
//! An empty field. No field holds a comma, quote or line break except a treaty id that does;
//! such a field is quoted (RFC 4180).

use jiff::civil::Date;

use casus_core::model::{ObligationKind, Strength};

/// The version of the column layout documented here. It changes when a column is added,
/// removed, renamed or changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// ATOP's five obligation kinds, in ATOP's column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Defense: assist a partner attacked.
    Defense,
    /// Offense: join in offensive action.
    Offense,
    /// A duty to stay neutral toward the partner attacked.
    Neutral,
    /// Non-aggression.
    Nonagg,
    /// A duty to consult, without a duty to assist.
    Consul,
}

impl Kind {
    /// Every kind, in column order.
    pub const ALL: [Kind; 5] =
        [Kind::Defense, Kind::Offense, Kind::Neutral, Kind::Nonagg, Kind::Consul];

    /// The column suffix (ATOP's variable name).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Defense => "defense",
            Kind::Offense => "offense",
            Kind::Neutral => "neutral",
            Kind::Nonagg => "nonagg",
            Kind::Consul => "consul",
        }
    }

    /// The bit of this kind in a flag set.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The ATOP kind of a casus obligation kind; `None` for a non-binding assurance, which ATOP
    /// does not code.
    pub fn of(kind: ObligationKind) -> Option<Kind> {
        match kind {
            ObligationKind::Defense => Some(Kind::Defense),
            ObligationKind::Offense => Some(Kind::Offense),
            ObligationKind::Neutrality => Some(Kind::Neutral),
            ObligationKind::NonAggression => Some(Kind::Nonagg),
            ObligationKind::Consultation => Some(Kind::Consul),
            ObligationKind::Assurance => None,
        }
    }
}

/// Which state system codes the states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    /// The Correlates of War state system (COW ccodes, system membership v2016).
    Cow,
    /// Gleditsch and Ward's list of independent states (G–W codes, microstates included).
    Gw,
}

impl System {
    /// The code columns' prefix: `ccode` or `gwcode`.
    pub fn code_name(self) -> &'static str {
        match self {
            System::Cow => "ccode",
            System::Gw => "gwcode",
        }
    }
    /// The spelling on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            System::Cow => "cow",
            System::Gw => "gw",
        }
    }
}

/// The unit of observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Ordered pairs by year (both orders appear).
    DirectedDyadYear,
    /// Unordered pairs by year (`code1 < code2`).
    DyadYear,
    /// Ordered pairs by day.
    DirectedDyadDay,
}

impl Unit {
    /// The spelling on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::DirectedDyadYear => "directed-dyad-year",
            Unit::DyadYear => "dyad-year",
            Unit::DirectedDyadDay => "directed-dyad-day",
        }
    }
    /// Is the pair ordered?
    pub fn is_directed(self) -> bool {
        !matches!(self, Unit::DyadYear)
    }
}

/// How the days of a year collapse into a year row. See the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Collapse {
    /// Per instrument, the obligations on the last day of the year the pair shared it (ATOP's
    /// rule).
    #[default]
    Last,
    /// An obligation in effect on any day of the year.
    Any,
}

impl Collapse {
    /// The spelling on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Collapse::Last => "last",
            Collapse::Any => "any",
        }
    }
}

/// Where joined obligations come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// An ATOP member-level file (`atop5_1m.csv`).
    Atop,
    /// The bundled treaties.
    Bundled,
}

impl SourceKind {
    /// The column prefix: `atop_` or `casus_`.
    pub fn prefix(self) -> &'static str {
        match self {
            SourceKind::Atop => "atop_",
            SourceKind::Bundled => "casus_",
        }
    }
}

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    /// 16-bit integer (codes, years).
    Int16,
    /// 8-bit integer (0/1 flags).
    Int8,
    /// A calendar day.
    Date,
    /// UTF-8 text.
    Text,
}

/// What a column holds; writers switch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The first state's code.
    Code1,
    /// The second state's code.
    Code2,
    /// The year.
    Year,
    /// The day.
    Date,
    /// A kind's flag.
    Flag(Kind),
    /// The instruments behind a kind's flag.
    Ids(Kind),
    /// ATOP's OBVARY marker.
    Obvary,
    /// The strongest duty to assist.
    Strength,
}

/// One column of the output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: ColumnType,
    /// Can it be null?
    pub nullable: bool,
    /// What it holds.
    #[serde(skip)]
    pub field: Field,
}

/// The columns of one output, fixed by the system, unit and obligation source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    columns: Vec<Column>,
}

impl Schema {
    /// The schema for a system, a unit and an optional obligation source.
    ///
    /// ```
    /// use casus_export::{Schema, SourceKind, System, Unit};
    /// let s = Schema::new(System::Cow, Unit::DirectedDyadYear, Some(SourceKind::Atop));
    /// let names: Vec<&str> = s.columns().iter().map(|c| c.name.as_str()).collect();
    /// assert_eq!(&names[..4], ["ccode1", "ccode2", "year", "atop_defense"]);
    /// ```
    pub fn new(system: System, unit: Unit, source: Option<SourceKind>) -> Self {
        let code = system.code_name();
        let col = |name: String, ty, nullable, field| Column { name, ty, nullable, field };
        let mut columns = vec![
            col(format!("{code}1"), ColumnType::Int16, false, Field::Code1),
            col(format!("{code}2"), ColumnType::Int16, false, Field::Code2),
        ];
        columns.push(match unit {
            Unit::DirectedDyadDay => col("date".into(), ColumnType::Date, false, Field::Date),
            _ => col("year".into(), ColumnType::Int16, false, Field::Year),
        });
        if let Some(src) = source {
            let p = src.prefix();
            for k in Kind::ALL {
                columns.push(col(
                    format!("{p}{}", k.as_str()),
                    ColumnType::Int8,
                    true,
                    Field::Flag(k),
                ));
            }
            for k in Kind::ALL {
                columns.push(col(
                    format!("{p}{}_ids", k.as_str()),
                    ColumnType::Text,
                    true,
                    Field::Ids(k),
                ));
            }
            columns.push(match src {
                SourceKind::Atop => {
                    col("atop_obvary".into(), ColumnType::Int8, true, Field::Obvary)
                }
                SourceKind::Bundled => {
                    col("casus_strength".into(), ColumnType::Text, true, Field::Strength)
                }
            });
        }
        Self { columns }
    }

    /// The columns, in order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }
}

/// When a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    /// A year.
    Year(i16),
    /// A day.
    Day(Date),
}

/// The obligations of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowObligations<'a> {
    /// A bit per [`Kind`] ([`Kind::bit`]).
    pub flags: u8,
    /// The instruments behind each kind's flag, `;`-joined (empty when the flag is 0).
    pub ids: [&'a str; 5],
    /// ATOP only: a flag rests on an `OBVARY = 1` membership.
    pub obvary: bool,
    /// Bundled only: the strongest duty to assist.
    pub strength: Option<Strength>,
}

impl RowObligations<'_> {
    /// Is kind `k` owed?
    pub fn has(&self, k: Kind) -> bool {
        self.flags & k.bit() != 0
    }
}

/// One row, borrowed from the generator's buffers for the time of a [`crate::RowSink::row`]
/// call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DyadRow<'a> {
    /// The first state's code.
    pub code1: u16,
    /// The second state's code.
    pub code2: u16,
    /// The year or day.
    pub when: When,
    /// The obligations: `None` when none are joined, or outside the source's coverage (null
    /// flags).
    pub obligations: Option<RowObligations<'a>>,
}
