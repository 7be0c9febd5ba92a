//! What a decision says of an obligation, written once per dataset: its id, article, quote
//! and the lists its reasons name (beneficiaries, adversaries, targets).
//!
//! Why: a decision names each obligation it tested; with the words in one shared value, a
//! finding takes one shared pointer (one atomic count) rather than one per string, and the
//! reasons that list codes ("owed only to JPN", "only an attack by DEU") are not formatted
//! per event.

use std::sync::Arc;

use super::{AttackerSelector, Beneficiaries, Obligation, Registry, StateId, TextQuality};

/// The fixed words of one obligation in decisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObligationLabels {
    pub(crate) obligation: Box<str>,
    /// Shared: cascades keep it per entrant.
    pub(crate) article: Arc<str>,
    pub(crate) article_title: Box<str>,
    pub(crate) operative_text: Arc<str>,
    pub(crate) text_quality: TextQuality,
    /// The named beneficiaries' codes, sorted ("JPN"); empty unless owed to named states.
    pub(crate) owed_to: Arc<str>,
    /// The adversaries as the treaty names them, or their codes; empty unless named.
    pub(crate) attack_by: Arc<str>,
    /// The targets covered ("territory, forces").
    pub(crate) targets: Arc<str>,
}

impl ObligationLabels {
    pub(crate) fn new(o: &Obligation, article: Option<&super::Article>, reg: &Registry) -> Self {
        let targets: Vec<&str> = o.targets.iter().map(|x| x.as_str()).collect();
        Self {
            obligation: o.id.as_str().into(),
            article: article.map_or("", |a| a.id.as_str()).into(),
            article_title: article.map_or_else(String::new, super::Article::title).into(),
            operative_text: article.map_or_else(|| "".into(), |a| Arc::clone(&a.quote)),
            text_quality: article.map_or(TextQuality::Paraphrase, |a| a.quality),
            owed_to: match &o.owed_to {
                Beneficiaries::States(s) => codes(reg, s).into(),
                _ => "".into(),
            },
            attack_by: match &o.attack_by {
                AttackerSelector::States(s) => {
                    o.attack_by_label.clone().unwrap_or_else(|| codes(reg, s)).into()
                }
                _ => "".into(),
            },
            targets: targets.join(", ").into(),
        }
    }
}

/// Empty words: what an obligation holds until its treaty is indexed.
impl Default for ObligationLabels {
    fn default() -> Self {
        Self {
            obligation: "".into(),
            article: "".into(),
            article_title: "".into(),
            operative_text: "".into(),
            text_quality: TextQuality::Paraphrase,
            owed_to: "".into(),
            attack_by: "".into(),
            targets: "".into(),
        }
    }
}

/// The display codes of some states, sorted, without duplicates, comma-separated.
fn codes<'a>(reg: &Registry, set: impl IntoIterator<Item = &'a StateId>) -> String {
    let mut v: Vec<&str> = set.into_iter().map(|s| reg.code(*s)).collect();
    v.sort_unstable();
    v.dedup();
    v.join(", ")
}
