//! What each compared item says, read on a date: who is bound and to whom, the trigger, the
//! strength, the scope, the duration, the version in effect, the text and the sources.

use std::collections::BTreeSet;

use jiff::civil::Date;
use serde::Serialize;

use super::Item;
use crate::eval::{effective, not_on_the_table, VariantRef, VersionRef};
use crate::model::{
    AttackerSelector, Beneficiaries, Dataset, Fact, IfUnknown, InstrumentKind, ObligationKind,
    Obligors, Source, StateId, Strength, Target, TextQuality, Treaty, Variant,
};

/// One compared item, side by side with the others.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// `treaty` or `treaty:variant`.
    pub key: String,
    /// The treaty id.
    pub treaty: String,
    /// Its title.
    pub title: String,
    /// Its short title, if it has one ("NATO").
    pub short_title: Option<String>,
    /// What kind of instrument it is.
    pub instrument: InstrumentKind,
    /// A proposal, compared as if in force.
    pub hypothetical: bool,
    /// The variant, for a proposal's option.
    pub variant: Option<VariantRef>,
    /// The version of the proposal in effect on the date, if the file has versions.
    pub version_in_effect: Option<VersionRef>,
    /// Why the variant is not on the table on the date (its version is later, or replaced),
    /// if it is not: then it binds no one on that date.
    pub on_the_table: Option<String>,
    /// The status on the date, in words ("in-force since 1949-08-24").
    pub status: String,
    /// How long it lasts: the variant's duration as the sources give it, or the treaty's
    /// status dates.
    pub duration: String,
    /// Its obligations, as the variant leaves them.
    pub obligations: Vec<ObligationProfile>,
    /// The sources its status, obligations, articles, variant and version cite, in file order
    /// (primary first, as the file orders them).
    pub sources: Vec<Source>,
}

/// Which states a list names: a rule, and the states it comes to on the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatesRule {
    /// `parties`, `american-states` or `states` (named).
    pub rule: &'static str,
    /// The states on the date, by display code, sorted.
    pub states: Vec<String>,
}

/// Who can trigger an obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttackByProfile {
    /// `anyone`, `any-state` or `states`.
    pub rule: &'static str,
    /// The named adversaries, by display code.
    pub states: Vec<String>,
    /// How the text names them ("communist states").
    pub label: Option<String>,
}

/// A condition of an obligation on a fact of the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionProfile {
    /// The fact.
    pub fact: Fact,
    /// The value that meets it.
    pub must_be: bool,
    /// How an unstated fact is read.
    pub if_unknown: IfUnknown,
    /// The words of the text it encodes.
    pub text: Option<String>,
}

/// The text an obligation rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleProfile {
    /// The article id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The sentence quoted.
    pub quote: String,
    /// How faithful the text is.
    pub quality: TextQuality,
}

/// One obligation of a compared item.
#[derive(Debug, Clone, Serialize)]
pub struct ObligationProfile {
    /// The obligation id.
    pub obligation: String,
    /// What the duty is.
    pub kind: ObligationKind,
    /// How strong it is (as the variant leaves it).
    pub strength: Strength,
    /// Is it a duty to assist (what makes an instrument triggered)?
    pub assistance: bool,
    /// Who owes it on the date.
    pub obligors: StatesRule,
    /// Who it is owed to on the date.
    pub beneficiaries: StatesRule,
    /// Who can trigger it.
    pub attack_by: AttackByProfile,
    /// What must be attacked.
    pub targets: Vec<Target>,
    /// The conditions on facts of the event (the variant's added).
    pub conditions: Vec<ConditionProfile>,
    /// The labels of the scope clauses in effect on the date (empty: no geographic limit).
    pub scope: Vec<String>,
    /// The first day it applies, if it applies over part of the treaty's life only.
    pub from: Option<Date>,
    /// The first day it no longer applies.
    pub until: Option<Date>,
    /// The text it rests on.
    pub article: Option<ArticleProfile>,
}

/// The display codes of some states, sorted.
fn codes(ds: &Dataset, ids: impl IntoIterator<Item = StateId>) -> Vec<String> {
    let set: BTreeSet<String> = ids.into_iter().map(|s| ds.registry().code(s).to_owned()).collect();
    set.into_iter().collect()
}

/// The item's profile on `date`; `None` if the treaty or variant is not in the dataset.
pub(crate) fn profile(ds: &Dataset, item: &Item, date: Date) -> Option<Profile> {
    let t = ds.treaty(&item.treaty)?;
    let variant = match &item.variant {
        Some(v) => Some(t.variants().iter().find(|x| x.id() == v)?),
        None => None,
    };
    let mut cited: BTreeSet<usize> = BTreeSet::new();
    for s in t.statuses() {
        cited.extend(&s.sourcing.sources);
    }
    let mut obligations = Vec::new();
    for o in t.obligations() {
        let e = effective(t, variant, o);
        cited.extend(&o.sourcing.sources);
        let article = t.articles().iter().find(|a| a.id() == &*e.labels.article);
        if let Some(a) = article {
            cited.extend(&a.sourcing.sources);
        }
        obligations.push(ObligationProfile {
            obligation: o.id().to_owned(),
            kind: o.kind(),
            strength: e.strength,
            assistance: o.kind().is_assistance() && e.strength.is_assistance(),
            obligors: obligors(ds, t, e.owed_by, &o.owed_by_except, date),
            beneficiaries: beneficiaries(ds, t, &o.owed_to, date),
            attack_by: match &o.attack_by {
                AttackerSelector::Anyone => {
                    AttackByProfile { rule: "anyone", states: Vec::new(), label: None }
                }
                AttackerSelector::AnyState => {
                    AttackByProfile { rule: "any-state", states: Vec::new(), label: None }
                }
                AttackerSelector::States(s) => AttackByProfile {
                    rule: "states",
                    states: codes(ds, s.iter().copied()),
                    label: o.attack_by_label.clone(),
                },
            },
            targets: o.targets.iter().copied().collect(),
            conditions: o
                .conditions
                .iter()
                .chain(e.extra_conditions)
                .map(|c| ConditionProfile {
                    fact: c.fact,
                    must_be: c.must_be,
                    if_unknown: c.if_unknown,
                    text: c.text.as_deref().map(str::to_owned),
                })
                .collect(),
            scope: scope_labels(t, &o.scopes, date),
            from: o.interval.map(|i| i.from()),
            until: o.interval.and_then(|i| i.until()),
            article: article.map(|a| ArticleProfile {
                id: a.id().to_owned(),
                title: a.title(),
                quote: a.operative().to_owned(),
                quality: a.quality(),
            }),
        });
    }
    if let Some(v) = variant {
        cited.extend(&v.sourcing.sources);
        if let Some(x) = t.version_of(v) {
            cited.extend(&x.sourcing.sources);
        }
    }
    let hypothetical = t.is_proposal();
    Some(Profile {
        key: item.key(),
        treaty: t.id().as_str().to_owned(),
        title: t.title().to_owned(),
        short_title: t.short_title().map(str::to_owned),
        instrument: t.kind(),
        hypothetical,
        variant: variant.map(|v| VariantRef::of(t, v)),
        version_in_effect: t.version_on(date).map(VersionRef::of),
        on_the_table: if hypothetical { not_on_the_table(t, variant, date) } else { None },
        status: status(t, date),
        duration: duration(t, variant),
        obligations,
        sources: cited.into_iter().filter_map(|i| t.source(i).cloned()).collect(),
    })
}

/// The obligors on the date: the parties (less the exceptions), or the named states among
/// them, as the evaluator binds them.
fn obligors(
    ds: &Dataset,
    t: &Treaty,
    owed_by: &Obligors,
    except: &BTreeSet<StateId>,
    date: Date,
) -> StatesRule {
    let parties = t.parties_on(date);
    let (rule, ids): (&'static str, Vec<StateId>) = match owed_by {
        Obligors::Parties => ("parties", parties),
        Obligors::States(named) => {
            ("states", parties.into_iter().filter(|s| named.contains(s)).collect())
        }
    };
    StatesRule { rule, states: codes(ds, ids.into_iter().filter(|s| !except.contains(s))) }
}

/// The beneficiaries on the date.
fn beneficiaries(ds: &Dataset, t: &Treaty, owed_to: &Beneficiaries, date: Date) -> StatesRule {
    match owed_to {
        Beneficiaries::Parties => {
            StatesRule { rule: "parties", states: codes(ds, t.parties_on(date)) }
        }
        Beneficiaries::AmericanStates => {
            let reg = ds.registry();
            let american = reg
                .on(date)
                .into_iter()
                .filter(|s| reg.get(*s).is_some_and(crate::model::State::is_american));
            StatesRule { rule: "american-states", states: codes(ds, american) }
        }
        Beneficiaries::States(s) => {
            StatesRule { rule: "states", states: codes(ds, s.iter().copied()) }
        }
    }
}

/// The labels of the clauses of the scopes in effect on the date.
fn scope_labels(t: &Treaty, scopes: &[usize], date: Date) -> Vec<String> {
    scopes
        .iter()
        .filter_map(|i| t.scopes().get(*i))
        .filter(|sc| sc.interval().is_none_or(|i| i.contains(date)))
        .flat_map(|sc| sc.clauses())
        .filter(|c| c.interval.is_none_or(|i| i.contains(date)))
        .map(|c| c.label().unwrap_or("a clause without a label").to_owned())
        .collect()
}

/// The status on the date, in words.
fn status(t: &Treaty, date: Date) -> String {
    if t.is_proposal() {
        let since =
            t.statuses().first().map_or_else(String::new, |s| format!(" since {}", s.date()));
        return format!(
            "a proposal{since}, never in force: compared as if in force (hypothetical)"
        );
    }
    match t.status_on(date) {
        Some(s) => format!("{} since {}", s.status(), s.date()),
        None => match t.statuses().first() {
            Some(s) => format!("not yet on {date} (first: {} on {})", s.status(), s.date()),
            None => "no status recorded".to_owned(),
        },
    }
}

/// How long it lasts: the variant's duration, or the status dates.
fn duration(t: &Treaty, variant: Option<&Variant>) -> String {
    if let Some(d) = variant.and_then(Variant::duration) {
        return d.to_owned();
    }
    if t.is_proposal() {
        return "not stated".to_owned();
    }
    let steps: Vec<String> =
        t.statuses().iter().map(|s| format!("{} {}", s.status(), s.date())).collect();
    let open = t.statuses().last().is_some_and(|s| s.status() == crate::model::StatusKind::InForce);
    let end = if open { "; no end recorded" } else { "" };
    format!("{}{end}", steps.join("; "))
}
