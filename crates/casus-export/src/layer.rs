//! The ATOP layer: every alliance of the user's ATOP member-level file (`atop5_1m.csv`) that no
//! treaty file carries (`atopid`) becomes an evaluable instrument `atop-<atopid>`.
//!
//! The layer writes each alliance as treaty TOML ([`SourceFile::generated`], named after the
//! ATOP file, the atopid and its lines) and hands it to the engine as a [`Supplement`]: the
//! engine reads and checks it with the same `read_treaty` and `check` as the treaty files, so
//! every instrument of the model came through one door, and a problem is a diagnostic that
//! names the ATOP file and the lines it came from. casus ships no ATOP data.
//!
//! # What is written
//!
//! * **Parties**: one `[[party]]` per member spell (phases that touch are one spell), the
//!   member's COW code resolved to the registry state that held it on the entry day. ATOP's
//!   entry is the day of signature; its exit the day the alliance ends for the member (the
//!   party's exclusive `left`). A blank or zero day (or month) is the first of the month (of
//!   the year), and the party says so (`uncertain`). `yrexit = 0`, in force at the end of
//!   ATOP's coverage, is an open membership. A member the registry lacks (Annam, 8152) is left
//!   out, and the file's summary says so.
//! * **Obligations** by ATOP's kinds, owed by the members ATOP flags and to every member:
//!   defence and offence `as_deems_necessary` (the member file codes no strength), neutrality
//!   and non-aggression `abstain`, consultation `consult_only`.
//! * **Conditions** as ATOP codes them at member level (codebook §2.33): non-provocation reads
//!   the `provoked` fact, consultation on request the `requested` fact; a particular
//!   adversary, location, ongoing conflict, number of adversaries, demands and OLIMOB's
//!   unnamed condition read the `atop-*` facts, undecided unless the event states them. Where
//!   ATOP names the threatening state (`STATTHR1`, `STATTHR2`) an adversary-limited obligation
//!   is also written for an attack by that state, without the condition: the event decides it.
//! * **Text**: none. Each article says "coded from ATOP 5.1, no text" (quality `paraphrase`)
//!   and cites Leeds et al. (2002) with the user's file.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use casus_core::model::{Registry, StateId};
use casus_core::source::SourceFile;
use casus_core::Supplement;
use jiff::civil::Date;

use crate::atop::split;
use crate::error::ExportError;

/// ATOP's obligation kinds: the member file's column, casus's kind, the strength, the
/// article's words.
const KINDS: [(&str, &str, &str, &str); 5] = [
    (
        "defense",
        "defense",
        "as_deems_necessary",
        "active military support if a partner is attacked",
    ),
    (
        "offense",
        "offense",
        "as_deems_necessary",
        "active military support not precipitated by an attack on a partner",
    ),
    (
        "neutral",
        "neutrality",
        "abstain",
        "not to join a conflict between a partner and a third party on the adversary's side",
    ),
    ("nonagg", "non-aggression", "abstain", "not to use force against a partner"),
    (
        "consul",
        "consultation",
        "consult_only",
        "to consult with partners in a crisis that may become militarized",
    ),
];

/// A condition ATOP codes on an obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cond {
    Adversary,
    Location,
    Conflict,
    Enemies,
    Demands,
    NonProvocation,
    Request,
    Other,
}

impl Cond {
    /// The fact that decides it, the value that meets it, and what the memo says.
    fn fact(self) -> (&'static str, bool, &'static str) {
        match self {
            Cond::Adversary => ("atop-adversary", true, "only against a particular adversary or kind of adversary"),
            Cond::Location => ("atop-location", true, "only for a conflict in a particular location"),
            Cond::Conflict => ("atop-conflict", true, "only in a particular ongoing conflict"),
            Cond::Enemies => ("atop-enemies", true, "only with a particular number of adversaries"),
            Cond::Demands => ("atop-demands", true, "only if the ally or the adversary meets demands the agreement details"),
            Cond::NonProvocation => ("provoked", false, "only if the ally did not provoke the adversary"),
            Cond::Request => ("requested", true, "on an ally's request"),
            Cond::Other => ("atop-other", true, "on a condition ATOP codes but does not name (OLIMOB), which may concern any obligation of the member"),
        }
    }
}

/// The conditional columns of each kind, in [`KINDS`] order. Neutrality's NEUCOATT (on the
/// ally being attacked) is not listed: every event casus decides is an attack on the ally.
const CONDITIONS: [&[(&str, Cond)]; 5] = [
    &[
        ("defcoadv", Cond::Adversary),
        ("defcoloc", Cond::Location),
        ("defcocon", Cond::Conflict),
        ("defconum", Cond::Enemies),
        ("defcodem", Cond::Demands),
        ("defconpr", Cond::NonProvocation),
    ],
    &[
        ("offcoadv", Cond::Adversary),
        ("offcoloc", Cond::Location),
        ("offcocon", Cond::Conflict),
        ("offconum", Cond::Enemies),
        ("offcodem", Cond::Demands),
    ],
    &[
        ("neucoadv", Cond::Adversary),
        ("neucoloc", Cond::Location),
        ("neucocon", Cond::Conflict),
        ("neuconum", Cond::Enemies),
        ("neucodem", Cond::Demands),
        ("neuconpr", Cond::NonProvocation),
    ],
    &[],
    &[
        ("concoadv", Cond::Adversary),
        ("concoloc", Cond::Location),
        ("concocon", Cond::Conflict),
        ("concoreq", Cond::Request),
    ],
];

/// The columns the layer reads besides the kinds and their conditions.
const BASE: [&str; 13] = [
    "atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
    "olimob", "obvary", "statthr1", "statthr2",
];

/// A date as ATOP gives it: year, month and day, 0 where missing.
type AtopDay = (i16, i8, i8);

/// One member row of the file.
#[derive(Debug, Clone)]
struct Row {
    line: usize,
    member: u16,
    phase: u16,
    entry: AtopDay,
    /// `None`: in force at the end of the file's coverage (`yrexit = 0`).
    exit: Option<AtopDay>,
    /// Per kind in [`KINDS`] order: `None` if not owed, else its conditions.
    kinds: [Option<BTreeSet<Cond>>; 5],
    obvary: bool,
    threats: Vec<u16>,
}

/// The alliances of an ATOP member-level file, read: the [`Supplement`] that adds them to a
/// dataset as `atop-<atopid>` instruments.
#[derive(Debug, Clone)]
pub struct AtopLayer {
    path: PathBuf,
    /// atopid -> its rows, in file order.
    alliances: BTreeMap<u32, Vec<Row>>,
    /// Write every alliance, even one a treaty file carries (the differential test).
    with_carried: bool,
    /// Write only these atopids (all if `None`).
    only: Option<BTreeSet<u32>>,
}

impl AtopLayer {
    /// Reads an ATOP member-level file.
    ///
    /// # Errors
    /// [`ExportError::Read`] if the file cannot be read, [`ExportError::Atop`] (file, line,
    /// column) if a column is missing or a value is not what ATOP writes.
    pub fn from_file(path: &Path) -> Result<AtopLayer, ExportError> {
        let bytes = std::fs::read(path)
            .map_err(|source| ExportError::Read { path: path.to_owned(), source })?;
        Self::from_csv(&String::from_utf8_lossy(&bytes), path)
    }

    /// Like [`AtopLayer::from_file`], from the file's text; `path` names it.
    ///
    /// # Errors
    /// [`ExportError::Atop`] if a column is missing or a value is not what ATOP writes.
    //
    // Long (about 120 lines) because it reads the member file column by column in the order
    // the codebook lists them, each with its own check and message; split, each part would
    // take the same header map, line and row.
    pub fn from_csv(text: &str, path: &Path) -> Result<AtopLayer, ExportError> {
        let err = |line: usize, message: String| ExportError::Atop {
            path: path.to_owned(),
            line,
            message,
        };
        let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
        let header = split(lines.next().unwrap_or_default());
        let wanted: Vec<&str> = BASE
            .iter()
            .copied()
            .chain(KINDS.iter().map(|k| k.0))
            .chain(CONDITIONS.iter().flat_map(|c| c.iter().map(|(n, _)| *n)))
            .collect();
        let missing: Vec<String> = wanted
            .iter()
            .filter(|n| !header.iter().any(|h| h.trim().eq_ignore_ascii_case(n)))
            .map(|n| format!("`{n}`"))
            .collect();
        if !missing.is_empty() {
            return Err(err(
                1,
                format!(
                    "not an ATOP member-level file: no {} column{}",
                    missing.join(", "),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        let index: BTreeMap<&str, usize> = wanted
            .iter()
            .filter_map(|n| {
                header.iter().position(|h| h.trim().eq_ignore_ascii_case(n)).map(|i| (*n, i))
            })
            .collect();
        let mut alliances: BTreeMap<u32, Vec<Row>> = BTreeMap::new();
        for (n, line) in lines.enumerate() {
            let line_no = n + 2;
            if line.trim().is_empty() {
                continue;
            }
            let fields = split(line);
            let num = |name: &str| -> Result<i64, ExportError> {
                let col = index.get(name).copied().unwrap_or(usize::MAX);
                let s = fields.get(col).map_or("", |s| s.trim());
                if s.is_empty() || s == "NA" || s == "." {
                    return Ok(0);
                }
                // Stata exports may write integers as `3.0`.
                s.parse::<i64>()
                    .ok()
                    .or_else(|| {
                        s.parse::<f64>()
                            .ok()
                            .filter(|f| f.fract() == 0.0 && f.abs() < 1e9)
                            .map(|f| f as i64)
                    })
                    .ok_or_else(|| {
                        err(
                            line_no,
                            format!("column {} (`{name}`): `{s}` is not a number", col + 1),
                        )
                    })
            };
            let small = |name: &str, max: i64| -> Result<i64, ExportError> {
                let v = num(name)?;
                if (0..=max).contains(&v) {
                    Ok(v)
                } else {
                    let col = index.get(name).map_or(0, |c| c + 1);
                    Err(err(
                        line_no,
                        format!("column {col} (`{name}`): `{v}` is out of range 0..={max}"),
                    ))
                }
            };
            let day = |y: &str, m: &str, d: &str| -> Result<AtopDay, ExportError> {
                Ok((small(y, 9999)? as i16, small(m, 12)? as i8, small(d, 31)? as i8))
            };
            let entry = day("yrent", "moent", "dayent")?;
            if entry.0 == 0 {
                return Err(err(line_no, "`yrent` is 0: an entry needs a year".into()));
            }
            let exit = day("yrexit", "moexit", "dayexit")?;
            let mut kinds: [Option<BTreeSet<Cond>>; 5] = Default::default();
            let other = num("olimob")? == 1;
            for ((slot, kind), conds) in kinds.iter_mut().zip(KINDS).zip(CONDITIONS) {
                if num(kind.0)? != 1 {
                    continue;
                }
                let mut set = BTreeSet::new();
                for (col, cond) in conds {
                    if num(col)? == 1 {
                        set.insert(*cond);
                    }
                }
                if other {
                    set.insert(Cond::Other);
                }
                *slot = Some(set);
            }
            let threats = [num("statthr1")?, num("statthr2")?]
                .into_iter()
                .filter_map(|c| u16::try_from(c).ok().filter(|c| *c > 0))
                .collect();
            let atopid = u32::try_from(small("atopid", 99_999)?).unwrap_or(0);
            alliances.entry(atopid).or_default().push(Row {
                line: line_no,
                member: u16::try_from(small("member", 9999)?).unwrap_or(0),
                phase: u16::try_from(small("phase", 99)?).unwrap_or(0),
                entry,
                exit: (exit.0 != 0).then_some(exit),
                kinds,
                obvary: num("obvary")? == 1,
                threats,
            });
        }
        if alliances.is_empty() {
            return Err(err(2, "no member rows".into()));
        }
        Ok(AtopLayer { path: path.to_owned(), alliances, with_carried: false, only: None })
    }

    /// Writes every alliance, even those a treaty file carries (to compare the two).
    #[must_use]
    pub fn with_carried(mut self, yes: bool) -> Self {
        self.with_carried = yes;
        self
    }

    /// Writes only these alliances.
    #[must_use]
    pub fn only(mut self, atopids: impl IntoIterator<Item = u32>) -> Self {
        self.only = Some(atopids.into_iter().collect());
        self
    }

    /// The file's atopids.
    pub fn atopids(&self) -> impl Iterator<Item = u32> + '_ {
        self.alliances.keys().copied()
    }

    /// The atopids with a defence obligation for some member.
    pub fn defence_atopids(&self) -> BTreeSet<u32> {
        self.alliances
            .iter()
            .filter(|(_, rows)| rows.iter().any(|r| r.kinds[0].is_some()))
            .map(|(a, _)| *a)
            .collect()
    }

    /// Does ATOP code the member `ccode` of an alliance `OBVARY = 1` (different obligations to
    /// different members, which the member file cannot say)?
    pub fn obvary(&self, atopid: u32, ccode: u16) -> bool {
        self.alliances
            .get(&atopid)
            .is_some_and(|rows| rows.iter().any(|r| r.member == ccode && r.obvary))
    }

    /// The id of the instrument the layer writes for an alliance.
    pub fn instrument_id(atopid: u32) -> String {
        format!("atop-{atopid}")
    }

    /// The treaty TOML of one alliance and the name it is shown by, or `None` if fewer than two
    /// of its members are states of the registry.
    pub fn treaty_text(&self, atopid: u32, registry: &Registry) -> Option<(String, String)> {
        let rows = self.alliances.get(&atopid)?;
        write_treaty(&self.path, atopid, rows, registry)
    }
}

impl Supplement for AtopLayer {
    fn treaties(&self, registry: &Registry, carried: &BTreeSet<u32>) -> Vec<Arc<SourceFile>> {
        self.alliances
            .keys()
            .filter(|a| self.with_carried || !carried.contains(a))
            .filter(|a| self.only.as_ref().is_none_or(|o| o.contains(a)))
            .filter_map(|a| self.treaty_text(*a, registry))
            .map(|(name, text)| SourceFile::generated(name, text))
            .collect()
    }
}

/// An ATOP day as a date: a missing month is January, a missing day the first; `end` takes the
/// first day after a missing month or day instead (the widest reading of an exit).
fn to_date((y, m, d): AtopDay, end: bool) -> Option<(Date, bool)> {
    let exact = m != 0 && d != 0;
    let month = Date::new(y, m.max(1), 1).ok()?;
    let date = match (m, d, end) {
        (0, _, true) => Date::new(y.checked_add(1)?, 1, 1).ok()?,
        (_, 0, true) => month.last_of_month().tomorrow().ok()?,
        (0, _, false) | (_, 0, false) => month,
        _ => month.with().day(d.min(month.days_in_month())).build().ok()?,
    };
    Some((date, !exact))
}

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A member spell: the state, its code, joined and left, whether a date is uncertain, lines.
struct Spell {
    state: StateId,
    code: String,
    member: u16,
    joined: Date,
    left: Option<Date>,
    uncertain: Vec<String>,
    lines: Vec<usize>,
}

/// The registry state holding a COW code on a day, or else the first to hold it within the
/// spell (then from its first day).
fn holder(
    registry: &Registry,
    ccode: u16,
    from: Date,
    until: Option<Date>,
) -> Option<(StateId, Date)> {
    let holders: Vec<(StateId, &casus_core::model::State)> =
        registry.states().filter(|(_, s)| s.cow() == Some(ccode)).collect();
    if let Some((id, _)) = holders.iter().find(|(_, s)| s.exists_on(from)) {
        return Some((*id, from));
    }
    holders
        .iter()
        .flat_map(|(id, s)| s.exists().iter().map(move |i| (*id, i.from())))
        .filter(|(_, start)| *start > from && until.is_none_or(|u| *start < u))
        .min_by_key(|(_, start)| *start)
}

/// The code a treaty file names a state by on a day: a primary code (ISO alpha-3, or one of
/// its listed codes) that resolves to it then, else its casus id (Bavaria's `BAV`).
fn party_code(registry: &Registry, state: StateId, on: Date) -> String {
    let Some(s) = registry.get(state) else { return registry.code(state).to_owned() };
    s.iso3()
        .into_iter()
        .chain(s.codes().iter().map(String::as_str))
        .find(|c| registry.is_primary(c) && registry.resolve(c, on).ok() == Some(state))
        .unwrap_or_else(|| s.id())
        .to_owned()
}

/// One row's spell: joined, left, what is uncertain, the line.
type RowSpell = (Date, Option<Date>, Vec<String>, usize);
/// Rows' spells merged: joined, left, what is uncertain, the lines.
type MergedSpell = (Date, Option<Date>, Vec<String>, Vec<usize>);

/// The member spells of an alliance: rows of one member whose dates touch are merged.
fn spells(rows: &[Row], registry: &Registry, left_out: &mut Vec<String>) -> Vec<Spell> {
    let mut by_member: BTreeMap<u16, Vec<RowSpell>> = BTreeMap::new();
    for r in rows {
        let Some((joined, e_unc)) = to_date(r.entry, false) else { continue };
        let exit = r.exit.and_then(|x| to_date(x, true));
        let mut uncertain = Vec::new();
        if e_unc {
            uncertain.push(format!(
                "ATOP gives no day{} of entry (line {}); the first of the {} is taken",
                if r.entry.1 == 0 { " or month" } else { "" },
                r.line,
                if r.entry.1 == 0 { "year" } else { "month" }
            ));
        }
        if exit.is_some_and(|(_, u)| u) {
            uncertain.push(format!(
                "ATOP gives no day of exit (line {}); the member is taken to leave at the end of the month",
                r.line
            ));
        }
        // A member that enters and leaves on one day is a member for that day.
        let left = exit.map(|(d, _)| if d <= joined { joined.tomorrow().unwrap_or(d) } else { d });
        by_member.entry(r.member).or_default().push((joined, left, uncertain, r.line));
    }
    let mut out = Vec::new();
    for (member, mut v) in by_member {
        v.sort_by_key(|x| x.0);
        let mut merged: Vec<MergedSpell> = Vec::new();
        for (joined, left, unc, line) in v {
            match merged.last_mut() {
                // A phase that starts on or before the previous one's exit continues it.
                Some(last) if last.1.is_none_or(|l| joined <= l) => {
                    last.1 = match (last.1, left) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        _ => None,
                    };
                    last.2.extend(unc);
                    last.3.push(line);
                }
                _ => merged.push((joined, left, unc, vec![line])),
            }
        }
        for (joined, left, mut uncertain, lines) in merged {
            let Some((state, from)) = holder(registry, member, joined, left) else {
                left_out.push(format!("{member} (line {})", lines.first().copied().unwrap_or(0)));
                continue;
            };
            if from != joined {
                uncertain.push(format!(
                    "ATOP enters COW {member} on {joined}; the registry's state holding that code exists from {from}"
                ));
            }
            let code = party_code(registry, state, from);
            out.push(Spell { state, code, member, joined: from, left, uncertain, lines });
        }
    }
    out.sort_by(|a, b| (a.joined, &a.code).cmp(&(b.joined, &b.code)));
    out
}

/// The treaty TOML of one alliance, and its display name.
fn write_treaty(
    path: &Path,
    atopid: u32,
    rows: &[Row],
    registry: &Registry,
) -> Option<(String, String)> {
    let mut left_out = Vec::new();
    let spells = spells(rows, registry, &mut left_out);
    let members: BTreeSet<StateId> = spells.iter().map(|s| s.state).collect();
    if members.len() < 2 {
        return None;
    }
    let lines: BTreeSet<usize> = rows.iter().map(|r| r.line).collect();
    let (first_line, last_line) = (lines.first().copied()?, lines.last().copied()?);
    let file = path.display().to_string();
    let name = format!("{file}, atopid {atopid}, lines {first_line}-{last_line}");
    let start = spells.iter().map(|s| s.joined).min()?;
    let open = spells.iter().any(|s| s.left.is_none());
    let end = spells.iter().filter_map(|s| s.left).max().filter(|_| !open);
    let codes: Vec<&str> = {
        let mut seen = BTreeSet::new();
        spells.iter().map(|s| s.code.as_str()).filter(|c| seen.insert(*c)).collect()
    };
    let mut t = String::new();
    let w = &mut t;
    let _ = writeln!(
        w,
        "# Written by casus from {file} (ATOP member-level file), lines {first_line}-{last_line}."
    );
    let _ = writeln!(w, "id = {}", q(&AtopLayer::instrument_id(atopid)));
    let _ = writeln!(
        w,
        "title = {}",
        q(&format!(
            "ATOP alliance {atopid} ({}, {}; coded from ATOP 5.1, no text)",
            start.year(),
            codes.join(", ")
        ))
    );
    let _ = writeln!(w, "short-title = {}", q(&format!("ATOP {atopid}")));
    let _ = writeln!(w, "kind = \"agreement\"\natopid = {atopid}");
    let mut summary = format!(
        "Coded from ATOP 5.1, no text: written by casus from the ATOP member-level file {file} \
         (atopid {atopid}, lines {first_line}-{last_line}). Members and dates as ATOP codes them \
         (entry: signature), obligations by ATOP's kinds, and the conditions ATOP codes, \
         undecided unless the event states them."
    );
    if !left_out.is_empty() {
        let _ = write!(
            summary,
            " Left out (no state of the registry holds the COW code): {}.",
            left_out.join(", ")
        );
    }
    if rows.iter().any(|r| r.obvary) {
        summary.push_str(
            " ATOP codes OBVARY for some member (different obligations to different members); \
             the member file does not say which, so its obligations are owed to every member.",
        );
    }
    let _ = writeln!(w, "summary = {}\n", q(&summary));
    let _ = writeln!(w, "[[source]]\nid = \"atop\"");
    let _ = writeln!(
        w,
        "citation = {}",
        q(&format!(
            "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. \
             2002. Alliance Treaty Obligations and Provisions, 1815-1944. International \
             Interactions 28: 237-260. ATOP v5.1 member-level file, atopid {atopid}, read from {file}"
        ))
    );
    let _ = writeln!(w, "url = \"http://www.atopdata.org/\"\n");
    let _ = writeln!(w, "[[status]]\nstatus = \"signed\"\ndate = {start}\nsource = \"atop\"\n");
    let _ = writeln!(
        w,
        "[[status]]\nstatus = \"in-force\"\ndate = {start}\nsource = \"atop\"\nuncertain = \"ATOP codes the date of signature; in force from it.\"\n"
    );
    if let Some(end) = end.filter(|e| *e > start) {
        let _ = writeln!(w, "[[status]]\nstatus = \"terminated\"\ndate = {end}\nsource = \"atop\"\nnote = \"The last member's exit as ATOP codes it.\"\n");
    }
    for s in &spells {
        let _ = writeln!(w, "[[party]]\nstate = {}\njoined = {}", q(&s.code), s.joined);
        if let Some(l) = s.left {
            let _ = writeln!(w, "left = {l}");
        }
        let lines: Vec<String> = s.lines.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            w,
            "source = \"atop\"\nnote = {}",
            q(&format!("COW {} (line {})", s.member, lines.join(", ")))
        );
        if !s.uncertain.is_empty() {
            let _ = writeln!(w, "uncertain = {}", q(&s.uncertain.join("; ")));
        }
        w.push('\n');
    }
    write_obligations(w, rows, &spells, registry, start);
    Some((name, t))
}

/// The articles and obligations: one per kind, phase and set of conditions.
//
// Long (about 130 lines) because it writes each obligation's TOML in the order of the treaty
// format (article, obligation, its conditions, the named-threat copy), which reads best as
// one template.
fn write_obligations(
    w: &mut String,
    rows: &[Row],
    spells: &[Spell],
    registry: &Registry,
    start: Date,
) {
    let code_of: BTreeMap<u16, BTreeSet<&str>> = spells.iter().fold(BTreeMap::new(), |mut m, s| {
        m.entry(s.member).or_default().insert(s.code.as_str());
        m
    });
    let phases: BTreeSet<u16> = rows.iter().map(|r| r.phase).collect();
    // A phase applies from its first entry until the next phase's.
    let phase_start: BTreeMap<u16, Date> = phases
        .iter()
        .filter_map(|p| {
            let d = rows
                .iter()
                .filter(|r| r.phase == *p)
                .filter_map(|r| to_date(r.entry, false))
                .map(|x| x.0)
                .min()?;
            Some((*p, d))
        })
        .collect();
    let mut articles = BTreeSet::new();
    let mut groups: BTreeMap<(usize, u16, BTreeSet<Cond>), BTreeSet<&str>> = BTreeMap::new();
    for r in rows {
        let Some(codes) = code_of.get(&r.member) else { continue };
        for (k, conds) in r.kinds.iter().enumerate() {
            if let Some(conds) = conds {
                articles.insert(k);
                groups
                    .entry((k, r.phase, conds.clone()))
                    .or_default()
                    .extend(codes.iter().copied());
            }
        }
    }
    for k in &articles {
        let Some((column, kind, _, words)) = KINDS.get(*k) else { continue };
        let flag = column.to_ascii_uppercase();
        let _ = writeln!(
            w,
            "[[article]]\nid = {}\ntitle = {}\ntext = {}\nquality = \"paraphrase\"\noperative = {}\nsource = \"atop\"\n",
            q(kind),
            q(&format!("ATOP {flag}")),
            q(&format!("Coded from ATOP 5.1, no text. ATOP codes the members' promise {words} ({flag} = 1).")),
            q(&format!("coded from ATOP 5.1, no text: {kind} ({words})")),
        );
    }
    let all: BTreeSet<&str> = spells.iter().map(|s| s.code.as_str()).collect();
    let threats: BTreeSet<u16> = rows.iter().flat_map(|r| r.threats.iter().copied()).collect();
    let threat_codes: Vec<String> = threats
        .iter()
        .filter_map(|c| holder(registry, *c, start, None).map(|(s, d)| party_code(registry, s, d)))
        .collect();
    let single_phase = phases.len() == 1;
    let mut n = 0;
    for ((k, phase, conds), owed_by) in &groups {
        let Some((_, kind, strength, _)) = KINDS.get(*k) else { continue };
        let from = phase_start.get(phase).copied().filter(|_| !single_phase);
        // The next phase to begin later ends this one (two may begin on one day: both apply).
        let until = from
            .and_then(|f| phase_start.range(phase + 1..).map(|(_, d)| *d).filter(|d| *d > f).min());
        let by = if single_phase && *owed_by == all {
            "\"parties\"".to_owned()
        } else {
            let v: Vec<String> = owed_by.iter().map(|c| q(c)).collect();
            format!("[{}]", v.join(", "))
        };
        let mut variants = vec![(conds.clone(), None)];
        // Where ATOP names the threat, an attack by it decides the adversary condition.
        if conds.contains(&Cond::Adversary) && !threat_codes.is_empty() {
            let mut rest = conds.clone();
            rest.remove(&Cond::Adversary);
            variants.push((rest, Some(&threat_codes)));
        }
        for (conds, attack_by) in variants {
            n += 1;
            let _ = writeln!(w, "[[obligation]]\nid = {}", q(&format!("{kind}-{n}")));
            let _ = writeln!(
                w,
                "article = {}\nkind = {}\nstrength = {}",
                q(kind),
                q(kind),
                q(strength)
            );
            let _ = writeln!(w, "owed-by = {by}\nowed-to = \"parties\"");
            match attack_by {
                Some(codes) => {
                    let v: Vec<String> = codes.iter().map(|c| q(c)).collect();
                    let _ = writeln!(w, "attack-by = [{}]", v.join(", "));
                    let _ = writeln!(
                        w,
                        "attack-by-label = {}",
                        q(&format!("the threat ATOP names ({})", codes.join(", ")))
                    );
                }
                None => {
                    let _ = writeln!(w, "attack-by = \"anyone\"");
                }
            }
            if let Some(f) = from {
                let _ = writeln!(w, "from = {f}");
            }
            if let Some(u) = until {
                let _ = writeln!(w, "until = {u}");
            }
            let _ = writeln!(w, "source = \"atop\"");
            if attack_by.is_some() {
                let _ = writeln!(
                    w,
                    "note = {}",
                    q("ATOP codes this obligation as limited to a particular adversary and names the threat (STATTHR): an attack by it meets the limit.")
                );
            }
            w.push('\n');
            for c in &conds {
                let (fact, must_be, text) = c.fact();
                let col = condition_column(*k, *c);
                let _ = writeln!(
                    w,
                    "[[obligation.condition]]\nfact = {}\nmust-be = {must_be}\nif-unknown = \"indeterminate\"\ntext = {}\n",
                    q(fact),
                    q(&format!("{text} (ATOP {col} = 1)")),
                );
            }
        }
    }
}

/// The ATOP column that codes a condition of a kind.
fn condition_column(k: usize, c: Cond) -> String {
    if c == Cond::Other {
        return "OLIMOB".into();
    }
    CONDITIONS
        .get(k)
        .and_then(|cs| cs.iter().find(|(_, x)| *x == c))
        .map_or_else(String::new, |(n, _)| n.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn missing_days_are_the_widest_reading() {
        assert_eq!(to_date((1900, 3, 0), false), Some((date(1900, 3, 1), true)));
        assert_eq!(to_date((1900, 3, 0), true), Some((date(1900, 4, 1), true)));
        assert_eq!(to_date((1900, 0, 0), true), Some((date(1901, 1, 1), true)));
        assert_eq!(to_date((1900, 2, 30), false), Some((date(1900, 2, 28), false)));
    }

    #[test]
    fn quoting_escapes() {
        assert_eq!(q(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }

    #[test]
    fn a_file_without_the_columns_names_them() {
        let e = AtopLayer::from_csv("atopid,member\n1,2\n", Path::new("x.csv")).unwrap_err();
        let s = e.to_string();
        assert!(s.contains("x.csv") && s.contains("line 1") && s.contains("`phase`"), "{s}");
    }
}
