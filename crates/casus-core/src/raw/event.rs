//! The keys an event has wherever a TOML file states one (a scenario's `[[event]]`, a
//! casebook's `[[case]]`): read into a [`RawEvent`] with a span on every value, checked later
//! by [`crate::input::check_event`] like every other event.

use crate::diag::Diagnostics;
use crate::input::{AtInput, DateInput, FactValue, Given, RawEvent, RawFact};
use crate::model::Fact;
use crate::raw::reader::{Sp, TableReader};
use crate::raw::schema;

impl TableReader<'_, '_> {
    /// A value with its span, as an input value from this file.
    pub(crate) fn given<T>(&self, sp: Sp<T>) -> Given<T> {
        Given::at(sp.value, self.loc(sp.span))
    }

    /// A string key as an input value.
    pub(crate) fn given_str(&self, key: &str, diags: &mut Diagnostics) -> Option<Given<String>> {
        self.str(key, diags).map(|s| self.given(s))
    }

    /// Reads the event keys of this table (the date and the aggressor are required; the
    /// victim is required unless `victim_optional`).
    pub(crate) fn event(&self, victim_optional: bool, diags: &mut Diagnostics) -> RawEvent {
        let date = self
            .req_date("date", diags)
            .map(|d| self.given(Sp::new(DateInput::Date(d.value), d.span)));
        let aggressor = self.req_str("aggressor", diags).map(|s| self.given(s));
        let victim = if victim_optional {
            self.given_str("victim", diags)
        } else {
            self.req_str("victim", diags).map(|s| self.given(s))
        };
        let mut at = None;
        let mut place_label = None;
        for (t, span) in self.tables("place", diags) {
            let pr = TableReader::new(self.file(), t, span.clone(), &schema::PLACE, diags);
            place_label = pr.given_str("label", diags);
            if let (Some(lat), Some(lon)) = (pr.number("lat", diags), pr.number("lon", diags)) {
                at = Some(Given::at(AtInput::Point(lat.value, lon.value), pr.loc(span)));
            } else {
                if !pr.has("lat") {
                    pr.missing("lat", diags);
                }
                if !pr.has("lon") {
                    pr.missing("lon", diags);
                }
            }
        }
        let mut facts = Vec::new();
        for (t, _) in self.tables("facts", diags) {
            let fr = TableReader::new(self.file(), t, 0..0, &schema::FACTS, diags);
            for f in Fact::ALL {
                if let Some(v) = fr.bool_with_key(f.as_str(), diags) {
                    let (key_span, value) = v;
                    facts.push(RawFact {
                        name: Given::at(f.as_str().to_owned(), fr.loc(key_span)),
                        value: fr.given(value.clone()).map_value(FactValue::Bool),
                    });
                }
            }
        }
        RawEvent {
            aggressor,
            victim,
            date,
            region: self.given_str("region", diags),
            at,
            place_label,
            target: self.given_str("target", diags),
            facts,
            assume: Vec::new(),
        }
    }

    /// A list of `ID` or `ID:VARIANT` strings, as input values.
    pub(crate) fn given_list(&self, key: &str, diags: &mut Diagnostics) -> Vec<Given<String>> {
        self.str_list(key, diags).unwrap_or_default().into_iter().map(|s| self.given(s)).collect()
    }
}

impl<T> Given<T> {
    /// The same origin, another value.
    pub(crate) fn map_value<U>(self, f: impl FnOnce(T) -> U) -> Given<U> {
        Given { value: f(self.value), origin: self.origin }
    }
}
