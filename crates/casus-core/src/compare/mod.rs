//! Comparison of instruments side by side, with counterexamples (issue #16).
//!
//! [`compare`] takes instruments (or variants of a proposal) and a date, and gives each one's
//! [`Profile`] (who is bound and to whom, trigger, strength, scope, duration, the version in
//! effect, the text quoted, the sources) and, for each pair, [`Counterexample`]s: concrete
//! attacks on which one of the two binds a state and the other does not. The idea is Cedar's
//! policy analysis (are two policies equivalent, and if not, on which request do they differ),
//! done by enumeration over what the data knows rather than by a solver: the victims are the
//! states the compared instruments bind or protect, the aggressors their named adversaries
//! plus one unnamed state, the places the victims' metropolitan territory, their overseas and
//! occupied regions and one point per sea a scope names, the four targets, and the dates the
//! date asked about and the instruments' boundary dates (see [`search`]). Each attack is
//! decided by [`crate::evaluate`], with the compared proposals assumed in force.
//!
//! # JSON format
//!
//! ```text
//! {
//!   "date": "2027-01-01",
//!   "hypothetical": bool,            // true if any item is a proposal (assumed in force)
//!   "items": [Profile],
//!   "pairs": [Pair],                 // every pair of items, in item order
//!   "search": Search
//! }
//! Profile = { "key": "treaty" | "treaty:variant", "treaty", "title", "short_title"|null,
//!             "instrument", "hypothetical", "variant": VariantRef|null,
//!             "version_in_effect": {id, date, title}|null, "on_the_table": string|null,
//!             "status": string, "duration": string, "obligations": [ObligationProfile],
//!             "sources": [{id, citation, url?}] }
//! ObligationProfile = { "obligation", "kind", "strength", "assistance": bool,
//!             "obligors": {"rule": "parties"|"states", "states": [code]},
//!             "beneficiaries": {"rule": "parties"|"american-states"|"states", "states": [code]},
//!             "attack_by": {"rule": "anyone"|"any-state"|"states", "states": [code], "label"|null},
//!             "targets": [target], "conditions": [{fact, must_be, if_unknown, text|null}],
//!             "scope": [label], "from"|null, "until"|null,
//!             "article": {id, title, quote, quality}|null }
//! Pair = { "a": key, "b": key, "found": int, "counterexamples": [Counterexample] }
//! Counterexample = { "aggressor": {code, name}, "victim": {code, name}, "date",
//!             "target", "place": {kind: "region"|"point"|"unspecified", code?, lat?, lon?, label},
//!             "a": Side, "b": Side, "only_a": [code], "only_b": [code] }
//! Side = { "outcome": "triggered"|"indeterminate"|"not-triggered"|"unconcerned",
//!          "bound": [code], "undecided": [code], "why": {code, fails, text}|null }
//! Search = { "attacks": int, "evaluated": int, "cut_off": bool, "window_years": int,
//!            "dates": [date], "victims": [code], "aggressors": [code], "seas": [id] }
//! ```
//!
//! `only_a` are the states item `a` binds and item `b` neither binds nor may bind (undecided
//! states count as neither side of a difference); `found` counts the distinct counterexamples
//! of the pair (distinct by victim and the two sets), `counterexamples` shows up to the maximum
//! asked, taken in turn from each kind of difference (which side binds, and why the other does
//! not): the first of each kind, then the second, in search order (the date asked first,
//! territory before forces, metropolitan before other places).

mod profile;
pub mod search;

use jiff::civil::Date;
use serde::Serialize;

use crate::diag::{suggestion, Code, Diagnostic, Diagnostics};
use crate::input::PointClassifier;
use crate::model::Dataset;

pub use profile::{
    ArticleProfile, AttackByProfile, ConditionProfile, ObligationProfile, Profile, StatesRule,
};
pub use search::{Counterexample, Pair, PlaceRef, Search, Side, StateLabel, SEA_POINTS};

/// One thing compared: an instrument, or one variant of a proposal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Item {
    pub(crate) treaty: String,
    pub(crate) variant: Option<String>,
}

impl Item {
    /// The treaty id.
    pub fn treaty(&self) -> &str {
        &self.treaty
    }
    /// The variant id, for a proposal's variant.
    pub fn variant(&self) -> Option<&str> {
        self.variant.as_deref()
    }
    /// `treaty` or `treaty:variant`, as the command line names it.
    pub fn key(&self) -> String {
        match &self.variant {
            Some(v) => format!("{}:{v}", self.treaty),
            None => self.treaty.clone(),
        }
    }
}

/// How to search for counterexamples.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// The date asked about: profiles are read on it, and it is the first date searched.
    pub date: Date,
    /// How many counterexamples to show per pair.
    pub max_per_pair: usize,
    /// Boundary dates are searched from this many years before the date to as many after.
    pub window_years: i16,
    /// At most this many attacks are evaluated; the search says when it was cut off.
    pub max_attacks: usize,
    /// Classifies the sea points (`None`: no points at sea are searched).
    pub classify: Option<PointClassifier<'a>>,
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("date", &self.date)
            .field("max_per_pair", &self.max_per_pair)
            .field("window_years", &self.window_years)
            .field("max_attacks", &self.max_attacks)
            .field("classify", &self.classify.is_some())
            .finish()
    }
}

impl Options<'_> {
    /// The defaults: 5 counterexamples a pair, boundary dates within 10 years, at most
    /// 200,000 attacks, no sea points.
    pub fn new(date: Date) -> Self {
        Options { date, max_per_pair: 5, window_years: 10, max_attacks: 200_000, classify: None }
    }
}

/// The comparison: each item's profile, and the counterexamples of each pair.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The date asked about.
    pub date: Date,
    /// Does any item rest on a proposal assumed in force?
    pub hypothetical: bool,
    /// The items, in the order asked (a proposal without a variant: each variant of the
    /// version in effect on the date).
    pub items: Vec<Profile>,
    /// Every pair of items, in item order, with its counterexamples.
    pub pairs: Vec<Pair>,
    /// What was searched.
    pub search: Search,
}

/// Resolves what was asked (`(treaty, variant)`) into items on `date`: a proposal named
/// without a variant stands for every variant of the version in effect on the date (or the
/// proposal as a whole, if it has no variants then).
///
/// # Errors
/// Every unknown treaty and variant, each with a "did you mean", and fewer than two items.
pub fn resolve(
    ds: &Dataset,
    asked: &[(String, Option<String>)],
    date: Date,
) -> Result<Vec<Item>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut items = Vec::new();
    for (i, (id, variant)) in asked.iter().enumerate() {
        let at = format!("items[{i}]");
        let Some(t) = ds.treaty(id) else {
            diags.push(
                Diagnostic::error(Code::UnknownTreaty, format!("unknown treaty `{id}`"))
                    .maybe_help(suggestion(id, ds.treaty_ids()))
                    .on(at),
            );
            continue;
        };
        match variant {
            Some(v) if t.variants().iter().any(|x| x.id() == v) => {
                items.push(Item { treaty: id.clone(), variant: Some(v.clone()) });
            }
            Some(v) => {
                let help = Some(t.unknown_variant_help(v));
                diags.push(
                    Diagnostic::error(
                        Code::UnknownVariant,
                        format!("treaty `{id}` has no variant `{v}`"),
                    )
                    .maybe_help(help)
                    .on(at),
                );
            }
            None if t.is_proposal() && !t.variants_on(date).is_empty() => {
                items.extend(
                    t.variants_on(date)
                        .into_iter()
                        .map(|v| Item { treaty: id.clone(), variant: Some(v.id().to_owned()) }),
                );
            }
            None => items.push(Item { treaty: id.clone(), variant: None }),
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    items.retain(|i| seen.insert(i.clone()));
    if diags.is_empty() && items.len() < 2 {
        diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("a comparison needs two items or more, and {} were given", items.len()),
            )
            .help("name two instruments, or a proposal with several variants on the date")
            .on("items"),
        );
    }
    if diags.is_empty() {
        Ok(items)
    } else {
        Err(diags)
    }
}

/// Compares the items: their profiles on the date, and the counterexamples of every pair.
pub fn compare(ds: &Dataset, items: &[Item], options: &Options<'_>) -> Comparison {
    let profiles: Vec<Profile> =
        items.iter().filter_map(|i| profile::profile(ds, i, options.date)).collect();
    let (pairs, search) = search::search(ds, items, options);
    Comparison {
        date: options.date,
        hypothetical: profiles.iter().any(|p| p.hypothetical),
        items: profiles,
        pairs,
        search,
    }
}
