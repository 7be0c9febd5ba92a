//! How likely a bound state is to honour a commitment: the defaults by kind and era, with their
//! source, and the user's overrides from the most specific down.
//!
//! | obligation | before 1945 | from 1945 | source |
//! |---|---|---|---|
//! | defense | 0.66 | 0.22 | Berkemeier & Fuhrmann (2018), honoured share by era, 1816–2003 |
//! | offense | 0.74 | 0.74 | Berkemeier & Fuhrmann (2018), by kind |
//! | neutrality | 0.78 | 0.78 | Berkemeier & Fuhrmann (2018), by kind |
//! | non-aggression | 0.37 | 0.37 | Berkemeier & Fuhrmann (2018), by kind |
//!
//! Leeds, Long & Mitchell (2000) found 74.5% of commitments honoured in 1816–1944; B&F's
//! pre-1945 rate (0.66) is used for consistency with their post-1945 rate. Consultation and
//! assurances bring no one into a war and are never drawn.

use jiff::civil::Date;
use serde::Serialize;

use super::graph::Binding;
use super::overrides::Credibility;
use crate::model::ObligationKind;

/// One row of the default credibility table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DefaultCredibility {
    /// The kind of obligation.
    pub kind: ObligationKind,
    /// The probability of honouring it before 1945.
    pub before_1945: f64,
    /// The probability of honouring it from 1945.
    pub from_1945: f64,
    /// Where the figure comes from.
    pub source: &'static str,
}

const BY_ERA: &str = "Berkemeier, M. and Fuhrmann, M. (2018), 'Reassessing the fulfillment of \
                      alliance commitments in war', Research & Politics 5(2): honoured share of \
                      defence commitments by era, 1816-2003";
const BY_KIND: &str = "Berkemeier, M. and Fuhrmann, M. (2018), 'Reassessing the fulfillment of \
                       alliance commitments in war', Research & Politics 5(2): honoured share by \
                       kind of commitment";

/// The defaults, printed with every simulation.
pub const DEFAULTS: [DefaultCredibility; 4] = [
    DefaultCredibility {
        kind: ObligationKind::Defense,
        before_1945: 0.66,
        from_1945: 0.22,
        source: BY_ERA,
    },
    DefaultCredibility {
        kind: ObligationKind::Offense,
        before_1945: 0.74,
        from_1945: 0.74,
        source: BY_KIND,
    },
    DefaultCredibility {
        kind: ObligationKind::Neutrality,
        before_1945: 0.78,
        from_1945: 0.78,
        source: BY_KIND,
    },
    DefaultCredibility {
        kind: ObligationKind::NonAggression,
        before_1945: 0.37,
        from_1945: 0.37,
        source: BY_KIND,
    },
];

/// Where a credibility comes from, from the least specific to the most: the order a state's
/// commitments are ranked in when their strength ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum CredibilityFrom {
    /// The default for the obligation's kind and era.
    #[serde(rename = "default")]
    Default,
    /// An override for the treaty (`TREATY=P`).
    #[serde(rename = "treaty")]
    Treaty,
    /// An override for a variant of the proposal (`TREATY:VARIANT=P`).
    #[serde(rename = "treaty and variant")]
    TreatyVariant,
    /// An override for the state (`STATE=P`).
    #[serde(rename = "state")]
    State,
    /// An override for the state under the treaty (`STATE@TREATY=P`).
    #[serde(rename = "state and treaty")]
    StateTreaty,
    /// An override for the state under a variant (`STATE@TREATY:VARIANT=P`).
    #[serde(rename = "state, treaty and variant")]
    StateTreatyVariant,
}

impl CredibilityFrom {
    /// The words of the JSON value.
    pub fn as_str(self) -> &'static str {
        match self {
            CredibilityFrom::Default => "default",
            CredibilityFrom::Treaty => "treaty",
            CredibilityFrom::TreatyVariant => "treaty and variant",
            CredibilityFrom::State => "state",
            CredibilityFrom::StateTreaty => "state and treaty",
            CredibilityFrom::StateTreatyVariant => "state, treaty and variant",
        }
    }
}

impl Credibility {
    /// The default probability of honouring an obligation of `kind` on `date`.
    pub fn default_for(kind: ObligationKind, date: Date) -> f64 {
        let before = date < Date::constant(1945, 1, 1);
        DEFAULTS.iter().find(|d| d.kind == kind).map_or(1.0, |d| {
            if before {
                d.before_1945
            } else {
                d.from_1945
            }
        })
    }

    /// The probability for one binding, and where it comes from: the most specific override
    /// that names it, else the default.
    pub fn for_binding(&self, b: &Binding, date: Date) -> (f64, CredibilityFrom) {
        let treaty = b.treaty.to_string();
        if let Some(v) = &b.variant {
            let key = (b.state, treaty.clone(), v.clone());
            if let Some(p) = self.by_pair_variant.get(&key) {
                return (*p, CredibilityFrom::StateTreatyVariant);
            }
        }
        if let Some(p) = self.by_pair.get(&(b.state, treaty.clone())) {
            return (*p, CredibilityFrom::StateTreaty);
        }
        if let Some(p) = self.by_state.get(&b.state) {
            return (*p, CredibilityFrom::State);
        }
        if let Some(v) = &b.variant {
            if let Some(p) = self.by_variant.get(&(treaty.clone(), v.clone())) {
                return (*p, CredibilityFrom::TreatyVariant);
            }
        }
        if let Some(p) = self.by_treaty.get(&treaty) {
            return (*p, CredibilityFrom::Treaty);
        }
        (Self::default_for(b.kind, date), CredibilityFrom::Default)
    }
}
