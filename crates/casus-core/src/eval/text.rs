//! The words of a reason, rendered when read.
//!
//! Deciding an event needs the reasons' codes and facts, not their sentences; most sentences
//! are never read (a cascade evaluates thousands of events, a server answers from a memo).
//! So a reason keeps what its sentence says (dates, codes, the clause that decided) and
//! writes the sentence on `Display` or serialization. The sentence is a pure function of
//! what is kept: rendering twice gives the same words.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use super::scope::ScopeText;
use crate::model::{Fact, Interval, StatusKind};

/// The sentence of a [`Reason`](super::Reason): displays (and serializes) as a string.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Owned(Box<str>),
    /// "`code` is a party on `date` (since `since`)".
    PartyOn {
        code: &'static str,
        date: Date,
        since: Option<Date>,
    },
    /// "`code` was not a party on `date` (party `history`)", or "`code` is not a party".
    NotParty {
        code: &'static str,
        date: Date,
        history: Box<[Interval]>,
    },
    /// "in force since `date`".
    InForceSince(Date),
    /// "`what` `date`", e.g. "terminated on 1990-10-03".
    Dated {
        what: &'static str,
        date: Date,
    },
    /// A condition tested: "`text`: `verdict` (`fact` = `value`)".
    Condition {
        text: Option<Arc<str>>,
        fact: Fact,
        must_be: bool,
        value: bool,
    },
    /// A condition not stated: "bound if `fact` is `must_be` (`text`)".
    BoundIf {
        text: Option<Arc<str>>,
        fact: Fact,
        must_be: bool,
    },
    /// A fixed lead and a shared text: "uncertain: ...".
    Lead(&'static str, Arc<str>),
    /// "`text`: assumed met, `fact` not stated" (a reason), or, as a caveat, "assumed met:
    /// `text` (`fact` not stated): `why`".
    Assumed {
        text: Option<Arc<str>>,
        fact: Fact,
        must_be: bool,
        why: Option<Arc<str>>,
        caveat: bool,
    },
    /// A reservation that qualifies some obligors: "`codes`: \"`text`\": `effect`".
    Reservation {
        codes: Box<[&'static str]>,
        text: Arc<str>,
        effect: Option<Arc<str>>,
    },
    /// "not yet concluded on `on`: `status` on `first`".
    NotYet {
        on: Date,
        status: StatusKind,
        first: Date,
    },
    /// Where the place stands under the obligation's scopes.
    Scope(Box<ScopeText>),
}

impl Text {
    pub(crate) fn party_on(code: &'static str, date: Date, since: Option<Date>) -> Self {
        Self(Repr::PartyOn { code, date, since })
    }
    pub(crate) fn not_party(code: &'static str, date: Date, history: Vec<Interval>) -> Self {
        Self(Repr::NotParty { code, date, history: history.into_boxed_slice() })
    }
    pub(crate) fn in_force_since(date: Date) -> Self {
        Self(Repr::InForceSince(date))
    }
    pub(crate) fn dated(what: &'static str, date: Date) -> Self {
        Self(Repr::Dated { what, date })
    }
    pub(crate) fn condition(
        text: Option<Arc<str>>,
        fact: Fact,
        must_be: bool,
        value: bool,
    ) -> Self {
        Self(Repr::Condition { text, fact, must_be, value })
    }
    pub(crate) fn bound_if(text: Option<Arc<str>>, fact: Fact, must_be: bool) -> Self {
        Self(Repr::BoundIf { text, fact, must_be })
    }
    pub(crate) fn lead(lead: &'static str, text: Arc<str>) -> Self {
        Self(Repr::Lead(lead, text))
    }
    pub(crate) fn assumed(
        text: Option<Arc<str>>,
        fact: Fact,
        must_be: bool,
        why: Option<Arc<str>>,
        caveat: bool,
    ) -> Self {
        Self(Repr::Assumed { text, fact, must_be, why, caveat })
    }
    pub(crate) fn reservation(
        codes: Vec<&'static str>,
        text: Arc<str>,
        effect: Option<Arc<str>>,
    ) -> Self {
        Self(Repr::Reservation { codes: codes.into_boxed_slice(), text, effect })
    }
    pub(crate) fn not_yet(on: Date, status: StatusKind, first: Date) -> Self {
        Self(Repr::NotYet { on, status, first })
    }
    pub(crate) fn scope(s: ScopeText) -> Self {
        Self(Repr::Scope(Box::new(s)))
    }

    /// Is the sentence empty?
    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Static(s) => s.is_empty(),
            Repr::Owned(s) => s.is_empty(),
            _ => self.to_string().is_empty(),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Static(s) => f.write_str(s),
            Repr::Owned(s) => f.write_str(s),
            Repr::PartyOn { code, date, since: Some(since) } => {
                write!(f, "{code} is a party on {date} (since {since})")
            }
            Repr::PartyOn { code, date, since: None } => write!(f, "{code} is a party on {date}"),
            Repr::NotParty { code, history, .. } if history.is_empty() => {
                write!(f, "{code} is not a party")
            }
            Repr::NotParty { code, date, history } => {
                write!(f, "{code} was not a party on {date} (party ")?;
                for (i, spell) in history.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{spell}")?;
                }
                f.write_str(")")
            }
            Repr::InForceSince(d) => write!(f, "in force since {d}"),
            Repr::Dated { what, date } => write!(f, "{what} {date}"),
            Repr::Condition { text, fact, must_be, value } => {
                let show = |f: &mut fmt::Formatter<'_>| match text {
                    Some(t) => f.write_str(t),
                    None => write!(f, "{fact} = {must_be}"),
                };
                show(f)?;
                if value == must_be {
                    write!(f, " ({fact} = {value})")
                } else {
                    write!(f, ": not met ({fact} = {value})")
                }
            }
            Repr::BoundIf { text: Some(t), fact, must_be } => {
                write!(f, "bound if {fact} is {must_be} ({t})")
            }
            Repr::BoundIf { text: None, fact, must_be } => {
                write!(f, "bound if {fact} is {must_be} ({fact} = {must_be})")
            }
            Repr::Lead(lead, text) => write!(f, "{lead}{text}"),
            Repr::Assumed { text, fact, must_be, why, caveat } => {
                let label = |f: &mut fmt::Formatter<'_>| match text {
                    Some(t) => f.write_str(t),
                    None => write!(f, "{fact} = {must_be}"),
                };
                if *caveat {
                    f.write_str("assumed met: ")?;
                    label(f)?;
                    write!(f, " ({fact} not stated): {}", why.as_deref().unwrap_or(""))
                } else {
                    label(f)?;
                    write!(f, ": assumed met, {fact} not stated")
                }
            }
            Repr::NotYet { on, status, first } => {
                write!(f, "not yet concluded on {on}: {status} on {first}")
            }
            Repr::Reservation { codes, text, effect } => {
                for (i, c) in codes.iter().enumerate() {
                    f.write_str(if i == 0 { "" } else { ", " })?;
                    f.write_str(c)?;
                }
                write!(f, ": \"{text}\"")?;
                match effect {
                    Some(e) => write!(f, ": {e}"),
                    None => Ok(()),
                }
            }
            Repr::Scope(s) => s.render(f),
        }
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

/// Two sentences are equal when they read the same.
impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Eq for Text {}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Self {
        Self(Repr::Static(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self(Repr::Owned(s.into_boxed_str()))
    }
}

impl Text {
    /// Does the sentence contain `needle`?
    pub fn contains(&self, needle: &str) -> bool {
        self.to_string().contains(needle)
    }
    /// Does the sentence start with `prefix`?
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.to_string().starts_with(prefix)
    }
}
