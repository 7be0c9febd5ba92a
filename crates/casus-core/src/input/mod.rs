//! Input that is not a data file: events (CLI flags, API bodies, scenario entries, casebook
//! cases, rows of a batch), and the limits and words every way in shares.
//!
//! Each way in turns what it read into the same raw form ([`RawEvent`]), noting where every
//! value came from ([`Origin`]: a span in a file, or a field name), and [`check_event`] checks
//! it into an [`Event`](crate::eval::Event): one validation, one set of limits, one set of
//! messages, every problem at once. The evaluator never sees raw input.

mod event;

use std::sync::Arc;

pub use event::{
    check_date, check_event, check_facts, parse_date, AtInput, DateInput, FactValue,
    PointClassifier, RawEvent, RawFact,
};

use crate::source::Loc;

/// The longest state, region or treaty code accepted: longer input cannot be a code, and a
/// bound keeps every message and every "did you mean" cheap.
pub const MAX_CODE: usize = 80;
/// The longest free text accepted in an event (a place label, a non-state actor's name).
pub const MAX_LABEL: usize = 200;
/// The most instruments one event may assume in force.
pub const MAX_ASSUMED: usize = 16;
/// The most facts one event may state (there are fewer fact names than this).
pub const MAX_FACTS: usize = 32;
/// How much of a rejected value a message repeats.
pub const ECHO: usize = 40;

/// Where a value came from: a span in a file, or the name of a field of input that is not a
/// file (`victim`, `events[2].date`, `facts.provoked`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A span in a file (a scenario, a casebook, a batch file).
    Span(Loc),
    /// A field.
    Field(Arc<str>),
}

impl Origin {
    /// A field origin.
    pub fn field(name: impl Into<Arc<str>>) -> Self {
        Origin::Field(name.into())
    }
}

/// A value as given, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Given<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub origin: Origin,
}

impl<T> Given<T> {
    /// A value from a field.
    pub fn field(value: T, name: impl Into<Arc<str>>) -> Self {
        Self { value, origin: Origin::field(name) }
    }
    /// A value from a span in a file.
    pub fn at(value: T, loc: Loc) -> Self {
        Self { value, origin: Origin::Span(loc) }
    }
}

/// A rejected value as a message repeats it: at most [`ECHO`] characters, control characters
/// shown escaped, so that a message stays short and prints safely whatever was sent.
pub fn echo(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == ECHO {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits `ID:VARIANT` (an instrument and one of its variants) into its parts. The one
/// parser of this syntax, for events, credibility keys and comparisons.
pub fn split_variant(text: &str) -> (&str, Option<&str>) {
    match text.split_once(':') {
        Some((id, variant)) => (id.trim(), Some(variant.trim())),
        None => (text.trim(), None),
    }
}

/// Parses a point written `LAT,LON` in degrees (`21.31,-157.86`). The range is checked by
/// [`check_event`]; this only reads two numbers.
pub fn parse_point(text: &str) -> Option<(f64, f64)> {
    let (lat, lon) = text.split_once(',')?;
    Some((lat.trim().parse().ok()?, lon.trim().parse().ok()?))
}

/// Are these coordinates on the globe?
pub fn on_globe(lat: f64, lon: f64) -> bool {
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_is_short_and_printable() {
        assert_eq!(echo("EST"), "EST");
        let long = "x".repeat(60_000);
        assert_eq!(echo(&long).chars().count(), ECHO + 1);
        assert_eq!(echo("a\u{1b}[31mb\0"), "a\\u{1b}[31mb\\u{0}");
    }

    #[test]
    fn variants_and_points() {
        assert_eq!(split_variant("p:air"), ("p", Some("air")));
        assert_eq!(split_variant("nato"), ("nato", None));
        assert_eq!(parse_point("21.31, -157.86"), Some((21.31, -157.86)));
        assert_eq!(parse_point("21.31"), None);
        assert!(on_globe(0.0, 0.0) && !on_globe(91.0, 0.0) && !on_globe(f64::NAN, 0.0));
    }
}
