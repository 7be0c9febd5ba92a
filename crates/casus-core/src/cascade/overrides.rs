//! What a user sets for a simulation: credibility overrides (`STATE=P`, `TREATY=P`,
//! `STATE@TREATY=P`, and per variant of a proposal `TREATY:VARIANT=P`,
//! `STATE@TREATY:VARIANT=P`) and weights per state. Both come as key-value pairs from a flag, a CSV
//! file or a JSON object, and are checked here once: keys known, values in range, no key
//! given twice with two values, every problem at once.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::diag::{suggestion, Code, Diagnostic, Diagnostics};
use crate::input::{echo, Given, Origin, MAX_CODE};
use crate::model::{Dataset, StateId};
use crate::source::SourceFile;

/// The most overrides or weights one run takes.
pub const MAX_OVERRIDES: usize = 512;
/// The largest weight: GDPs in dollars fit; the sum over every state stays finite.
pub const MAX_WEIGHT: f64 = 1e15;

/// Overrides of the default credibility.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Credibility {
    pub(crate) by_state: BTreeMap<StateId, f64>,
    pub(crate) by_treaty: BTreeMap<String, f64>,
    pub(crate) by_pair: BTreeMap<(StateId, String), f64>,
    /// `TREATY:VARIANT=P`.
    pub(crate) by_variant: BTreeMap<(String, String), f64>,
    /// `STATE@TREATY:VARIANT=P`.
    pub(crate) by_pair_variant: BTreeMap<(StateId, String, String), f64>,
}

/// A key and a value as given: a number, or text to read as one.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The key (`USA`, `north-atlantic-treaty`, `USA@north-atlantic-treaty`).
    pub key: Given<String>,
    /// The value.
    pub value: Given<SettingValue>,
}

/// A value as given.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingValue {
    /// A number.
    Number(f64),
    /// Text to read as a number.
    Text(String),
}

impl Setting {
    /// `KEY=VALUE` as one string (a flag); the whole string is the origin of both parts.
    pub fn assignment(text: &str, origin: Origin) -> Self {
        let (key, value) = text.split_once('=').unwrap_or((text, ""));
        Self {
            key: Given { value: key.trim().to_owned(), origin: origin.clone() },
            value: Given { value: SettingValue::Text(value.trim().to_owned()), origin },
        }
    }

    /// The value as a number within `range`, or a problem.
    fn number(
        &self,
        what: &str,
        range: std::ops::RangeInclusive<f64>,
        diags: &mut Diagnostics,
    ) -> Option<f64> {
        let n = match &self.value.value {
            SettingValue::Number(n) => Some(*n),
            SettingValue::Text(t) => t.parse::<f64>().ok(),
        };
        match n {
            Some(n) if n.is_finite() && range.contains(&n) => Some(n),
            _ => {
                let shown = match &self.value.value {
                    SettingValue::Number(n) => format!("{n}"),
                    SettingValue::Text(t) if t.is_empty() => "nothing".to_owned(),
                    SettingValue::Text(t) => format!("`{}`", echo(t)),
                };
                let msg = format!(
                    "the {what} of `{}` is {shown}, not a number from {} to {}",
                    echo(&self.key.value),
                    range.start(),
                    range.end()
                );
                diags.push(Diagnostic::error(Code::OutOfRange, msg).at_origin(&self.value.origin));
                None
            }
        }
    }
}

/// At most [`MAX_OVERRIDES`] settings, each key short enough to be one.
fn bounded<'a>(settings: &'a [Setting], what: &str, diags: &mut Diagnostics) -> Vec<&'a Setting> {
    if let Some(extra) = settings.get(MAX_OVERRIDES) {
        let msg = format!("at most {MAX_OVERRIDES} {what} may be given");
        diags.push(Diagnostic::error(Code::TooManyValues, msg).at_origin(&extra.key.origin));
    }
    settings
        .iter()
        .take(MAX_OVERRIDES)
        .filter(|s| {
            let ok = s.key.value.chars().count() <= 2 * MAX_CODE + 1;
            if !ok {
                let msg = format!(
                    "the key `{}` is too long to name a state or a treaty",
                    echo(&s.key.value)
                );
                diags.push(Diagnostic::error(Code::TooManyValues, msg).at_origin(&s.key.origin));
            }
            ok
        })
        .collect()
}

/// Inserts a value; the same key with another value is a conflict.
fn insert<K: Ord>(
    map: &mut BTreeMap<K, f64>,
    key: K,
    value: f64,
    s: &Setting,
    diags: &mut Diagnostics,
) {
    if let Some(before) = map.insert(key, value).filter(|b| *b != value) {
        let msg = format!("`{}` is given twice, as {before} and {value}", echo(&s.key.value));
        diags.push(Diagnostic::error(Code::ConflictingValues, msg).at_origin(&s.key.origin));
    }
}

impl Credibility {
    /// Reads overrides; states resolve on `date`.
    ///
    /// # Errors
    /// Every problem: a key that names neither a state nor a treaty, a probability that is not
    /// a number in 0..=1, a key given twice with two values, too many keys.
    pub fn parse(ds: &Dataset, date: Date, settings: &[Setting]) -> Result<Self, Diagnostics> {
        let mut c = Credibility::default();
        let mut diags = Diagnostics::default();
        for s in bounded(settings, "credibility overrides", &mut diags) {
            let p = s.number("credibility", 0.0..=1.0, &mut diags);
            let key = s.key.value.trim();
            let unknown = |k: &str, diags: &mut Diagnostics| {
                let msg = format!("unknown state or treaty `{}` in a credibility key", echo(k));
                let help = suggestion(k, ds.treaty_ids()).or_else(|| {
                    Some(
                        "write STATE=P, TREATY=P, STATE@TREATY=P, TREATY:VARIANT=P or \
                         STATE@TREATY:VARIANT=P with P in 0..=1"
                            .to_owned(),
                    )
                });
                diags.push(
                    Diagnostic::error(Code::UnknownState, msg)
                        .maybe_help(help)
                        .at_origin(&s.key.origin),
                );
            };
            // `STATE@TREATY[:VARIANT]` or `STATE` or `TREATY[:VARIANT]`.
            let (state_part, treaty_part) = match key.split_once('@') {
                Some((st, t)) => (Some(st.trim()), Some(t.trim())),
                None if ds.registry().resolve(key, date).is_ok() => (Some(key), None),
                None => (None, Some(key)),
            };
            let state = state_part.and_then(|st| ds.registry().resolve(st, date).ok());
            if let (Some(st), None) = (state_part, state) {
                unknown(st, &mut diags);
            }
            let treaty = treaty_part.map(|t| {
                let (id, variant) = crate::input::split_variant(t);
                (id, variant, c.known_variant(ds, id, variant, s, &mut diags))
            });
            if let Some((id, _, None)) = treaty {
                if ds.treaty(id).is_none() {
                    unknown(id, &mut diags);
                }
            }
            let Some(p) = p else { continue };
            match (state, state_part.is_some(), treaty) {
                (Some(st), true, None) => insert(&mut c.by_state, st, p, s, &mut diags),
                (Some(st), true, Some((id, None, Some(())))) => {
                    insert(&mut c.by_pair, (st, id.to_owned()), p, s, &mut diags);
                }
                (Some(st), true, Some((id, Some(v), Some(())))) => {
                    let key = (st, id.to_owned(), v.to_owned());
                    insert(&mut c.by_pair_variant, key, p, s, &mut diags);
                }
                (None, false, Some((id, None, Some(())))) => {
                    insert(&mut c.by_treaty, id.to_owned(), p, s, &mut diags);
                }
                (None, false, Some((id, Some(v), Some(())))) => {
                    insert(&mut c.by_variant, (id.to_owned(), v.to_owned()), p, s, &mut diags);
                }
                _ => {}
            }
        }
        if diags.is_empty() {
            Ok(c)
        } else {
            Err(diags.sorted())
        }
    }
}

impl Credibility {
    /// `Some(())` when `id` names a treaty and `variant`, if given, one of its variants; a
    /// variant it lacks is reported here (with its variants), an unknown treaty by the caller.
    fn known_variant(
        &self,
        ds: &Dataset,
        id: &str,
        variant: Option<&str>,
        s: &Setting,
        diags: &mut Diagnostics,
    ) -> Option<()> {
        let t = ds.treaty(id)?;
        let Some(v) = variant else { return Some(()) };
        if t.variants().iter().any(|x| x.id() == v) {
            return Some(());
        }
        let msg = format!("treaty `{id}` has no variant `{}` in a credibility key", echo(v));
        let help = Some(t.unknown_variant_help(v));
        diags.push(
            Diagnostic::error(Code::UnknownVariant, msg).maybe_help(help).at_origin(&s.key.origin),
        );
        None
    }
}

/// Weights per state (capabilities, GDP), for the balance between the sides.
///
/// # Errors
/// Every problem: an unknown state, a weight that is not a finite number in
/// 0..=[`MAX_WEIGHT`], a state given twice with two weights, too many.
pub fn parse_weights(
    ds: &Dataset,
    date: Date,
    settings: &[Setting],
) -> Result<BTreeMap<StateId, f64>, Diagnostics> {
    let mut out = BTreeMap::new();
    let mut diags = Diagnostics::default();
    for s in bounded(settings, "weights", &mut diags) {
        let w = s.number("weight", 0.0..=MAX_WEIGHT, &mut diags);
        match ds.registry().resolve(s.key.value.trim(), date) {
            Ok(state) => {
                if let Some(w) = w {
                    insert(&mut out, state, w, s, &mut diags);
                }
            }
            Err(e) => {
                let msg = format!("weights: {e}");
                let help = miette::Diagnostic::help(&e).map(|h| h.to_string());
                diags.push(
                    Diagnostic::error(Code::UnknownState, msg)
                        .maybe_help(help)
                        .at_origin(&s.key.origin),
                );
            }
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags.sorted())
    }
}

/// Reads a weights file, `code,weight` per line (a header line `code,...`, blank lines and
/// `#` comments allowed), into settings with their spans.
pub fn read_weights_csv(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Vec<Setting> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (n, line) in file.text().split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if trimmed.is_empty()
            || trimmed.starts_with('#')
            || (n == 0 && trimmed.to_ascii_lowercase().starts_with("code"))
        {
            continue;
        }
        let loc = crate::source::Loc::new(file, start..start + body.len());
        let Some((code, weight)) = body.split_once(',') else {
            diags.push(
                Diagnostic::error(Code::InvalidValue, "expected `code,weight`".to_owned()).at(loc),
            );
            continue;
        };
        let wstart = start + code.len() + 1;
        out.push(Setting {
            key: Given::at(
                code.trim().to_owned(),
                crate::source::Loc::new(file, start..start + code.len()),
            ),
            value: Given::at(
                SettingValue::Text(weight.trim().to_owned()),
                crate::source::Loc::new(file, wstart..start + body.len()),
            ),
        });
    }
    out
}
