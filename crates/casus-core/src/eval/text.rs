//! The words of a reason, rendered when read.
//!
//! Deciding an event needs the reasons' codes and facts, not their sentences; most sentences
//! are never read (a cascade evaluates thousands of events, a server answers from a memo).
//! So a reason keeps what its sentence says (dates, codes, the clause that decided) and
//! writes the sentence on `Display` or serialization. The sentence is a pure function of
//! what is kept: rendering twice gives the same words.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use super::scope::ScopeText;
use crate::model::{Fact, Interval, StatusKind, Target};

/// The sentence of a [`Reason`](super::Reason): displays (and serializes) as a string.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Owned(Box<str>),
    Shared(Arc<str>),
    /// "`code` is an American State", or "`code` is not an American State; ...".
    AmericanState {
        code: &'static str,
        covered: bool,
    },
    /// "the obligation is owed to `code`".
    OwedTo(&'static str),
    /// "the attacker `attacker` is a named adversary (`label`)", or "only an attack by
    /// `label` is covered, not by `attacker`".
    Adversary {
        attacker: Cow<'static, str>,
        label: Arc<str>,
        covered: bool,
    },
    /// "covers attacks on `list`, not on `target`".
    NotOn {
        list: Arc<str>,
        target: Target,
    },
    /// "the aggressor `code` is itself a party; it is not counted among those bound".
    AggressorParty(&'static str),
    /// "signed on `signed` but not in force until `until`", or, with no entry into force
    /// recorded, "signed on `signed` and not in force on `on`: the data records no entry into
    /// force (`note`)".
    Signed {
        signed: Date,
        until: Option<Date>,
        on: Date,
        note: Option<Arc<str>>,
    },
    /// "`status` on `date`" ("withdrawn on 2025-01-29").
    StatusOn {
        status: StatusKind,
        date: Date,
    },
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
    pub(crate) fn shared(text: Arc<str>) -> Self {
        Self(Repr::Shared(text))
    }
    pub(crate) fn american_state(code: &'static str, covered: bool) -> Self {
        Self(Repr::AmericanState { code, covered })
    }
    pub(crate) fn owed_to(code: &'static str) -> Self {
        Self(Repr::OwedTo(code))
    }
    pub(crate) fn adversary(attacker: Cow<'static, str>, label: Arc<str>, covered: bool) -> Self {
        Self(Repr::Adversary { attacker, label, covered })
    }
    pub(crate) fn not_on(list: Arc<str>, target: Target) -> Self {
        Self(Repr::NotOn { list, target })
    }
    pub(crate) fn aggressor_party(code: &'static str) -> Self {
        Self(Repr::AggressorParty(code))
    }
    pub(crate) fn signed(
        signed: Date,
        until: Option<Date>,
        on: Date,
        note: Option<Arc<str>>,
    ) -> Self {
        Self(Repr::Signed { signed, until, on, note })
    }
    pub(crate) fn status_on(status: StatusKind, date: Date) -> Self {
        Self(Repr::StatusOn { status, date })
    }
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
            Repr::Shared(s) => s.is_empty(),
            _ => self.to_string().is_empty(),
        }
    }
}

impl fmt::Display for Text {
    // Long (about 110 lines) because it is one match with an arm per sentence casus writes
    // lazily; each arm is the sentence, kept beside the others so that their words stay alike.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Static(s) => f.write_str(s),
            Repr::Owned(s) => f.write_str(s),
            Repr::Shared(s) => f.write_str(s),
            Repr::AmericanState { code, covered: true } => {
                write!(f, "{code} is an American State")
            }
            Repr::AmericanState { code, covered: false } => write!(
                f,
                "{code} is not an American State; the obligation protects American States only"
            ),
            Repr::OwedTo(code) => write!(f, "the obligation is owed to {code}"),
            Repr::Adversary { attacker, label, covered: true } => {
                write!(f, "the attacker {attacker} is a named adversary ({label})")
            }
            Repr::Adversary { attacker, label, covered: false } => {
                write!(f, "only an attack by {label} is covered, not by {attacker}")
            }
            Repr::NotOn { list, target } => write!(f, "covers attacks on {list}, not on {target}"),
            Repr::AggressorParty(code) => write!(
                f,
                "the aggressor {code} is itself a party; it is not counted among those bound"
            ),
            Repr::Signed { signed, until: Some(until), .. } => {
                write!(f, "signed on {signed} but not in force until {until}")
            }
            Repr::Signed { signed, until: None, on, note } => {
                write!(
                    f,
                    "signed on {signed} and not in force on {on}: the data records no entry into \
                     force"
                )?;
                match note {
                    Some(n) => write!(f, " ({n})"),
                    None => Ok(()),
                }
            }
            Repr::StatusOn { status, date } => write!(f, "{status} on {date}"),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences written when read are the ones the evaluator used to format eagerly.
    #[test]
    fn lazy_sentences_read_as_written() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let cases: Vec<(Text, &str)> = vec![
            (Text::american_state("BRA", true), "BRA is an American State"),
            (
                Text::american_state("FRA", false),
                "FRA is not an American State; the obligation protects American States only",
            ),
            (Text::owed_to("JPN"), "the obligation is owed to JPN"),
            (
                Text::lead("the obligation is owed only to ", "JPN".into()),
                "the obligation is owed only to JPN",
            ),
            (
                Text::adversary("DEU".into(), "Germany".into(), true),
                "the attacker DEU is a named adversary (Germany)",
            ),
            (
                Text::adversary("NSA:x".into(), "Germany".into(), false),
                "only an attack by Germany is covered, not by NSA:x",
            ),
            (
                Text::not_on("territory, forces".into(), Target::Vessel),
                "covers attacks on territory, forces, not on vessel",
            ),
            (
                Text::aggressor_party("TUR"),
                "the aggressor TUR is itself a party; it is not counted among those bound",
            ),
            (
                Text::signed(d("1952-05-27"), None, d("1957-06-01"), Some("rejected".into())),
                "signed on 1952-05-27 and not in force on 1957-06-01: the data records no entry \
                 into force (rejected)",
            ),
            (
                Text::signed(d("1952-05-27"), None, d("1957-06-01"), None),
                "signed on 1952-05-27 and not in force on 1957-06-01: the data records no entry \
                 into force",
            ),
            (
                Text::signed(d("1949-04-04"), Some(d("1949-08-24")), d("1949-05-01"), None),
                "signed on 1949-04-04 but not in force until 1949-08-24",
            ),
            (Text::status_on(StatusKind::Signed, d("1949-04-04")), "signed on 1949-04-04"),
            (Text::shared("no duty to assist".into()), "no duty to assist"),
        ];
        for (text, want) in cases {
            assert_eq!(text.to_string(), want);
            assert_eq!(serde_json::to_string(&text).unwrap(), format!("\"{want}\""));
        }
    }
}
