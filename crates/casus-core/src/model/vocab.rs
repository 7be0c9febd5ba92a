//! Closed vocabularies of the treaty format: each enum parses from its kebab-case or
//! snake_case spelling and prints the same way.

use std::fmt;

macro_rules! vocab {
    ($(#[doc = $doc:literal])* $name:ident { $( $(#[doc = $vdoc:literal])* $variant:ident = $text:literal, )* }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        pub enum $name {
            $( $(#[doc = $vdoc])* #[serde(rename = $text)] $variant, )*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];
            /// The spelling in data files and output.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )* }
            }
            /// Parses the spelling used in data files.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $( $text => Some($name::$variant), )* _ => None }
            }
            /// Every spelling, for "did you mean".
            pub fn names() -> impl Iterator<Item = &'static str> + Clone {
                Self::ALL.iter().map(|v| v.as_str())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocab! {
    /// What kind of instrument a file holds.
    InstrumentKind {
        /// A treaty in the sense of the Vienna Convention.
        Treaty = "treaty",
        /// An agreement (often an executive agreement).
        Agreement = "agreement",
        /// A declaration.
        Declaration = "declaration",
        /// A memorandum (Budapest 1994).
        Memorandum = "memorandum",
        /// An exchange of letters (Grey–Cambon 1912).
        ExchangeOfLetters = "exchange-of-letters",
        /// A domestic statute (Taiwan Relations Act).
        DomesticLaw = "domestic-law",
        /// A proposal, never in force unless assumed.
        Proposal = "proposal",
    }
}

vocab! {
    /// A step in an instrument's life.
    StatusKind {
        /// Proposed, not concluded.
        Proposed = "proposed",
        /// Signed, not (yet) in force.
        Signed = "signed",
        /// In force.
        InForce = "in-force",
        /// Suspended as a whole.
        Suspended = "suspended",
        /// Ended.
        Terminated = "terminated",
    }
}

vocab! {
    /// The kind of an obligation: ATOP's five plus non-binding assurance.
    ObligationKind {
        /// Assist a party attacked.
        Defense = "defense",
        /// Join in offensive action.
        Offense = "offense",
        /// Stay out of a conflict involving a party.
        Neutrality = "neutrality",
        /// Not attack a party.
        NonAggression = "non-aggression",
        /// Consult.
        Consultation = "consultation",
        /// A political assurance, not a legal duty.
        Assurance = "assurance",
    }
}

impl ObligationKind {
    /// A duty to come to the victim's aid: the kinds that make a treaty "triggered".
    pub fn is_assistance(self) -> bool {
        matches!(self, ObligationKind::Defense | ObligationKind::Offense)
    }
}

vocab! {
    /// How strongly an obligor is bound (casebook/README.md, plus non-binding).
    Strength {
        /// Bound to assist with all forces or means in its power.
        AutomaticAllForces = "automatic_all_forces",
        /// Bound to assist; the means, armed force included, are its own choice.
        AsDeemsNecessary = "as_deems_necessary",
        /// Will act to meet the common danger per constitutional processes.
        CommonDanger = "common_danger",
        /// Aid and assistance by all the means in its power, not necessarily military.
        AllMeansInPower = "all_means_in_power",
        /// Undertakes to assist; no armed force without its consent.
        AssistNoCompulsoryForce = "assist_no_compulsory_force",
        /// Necessary help at the attacked member's request.
        AssistOnRequest = "assist_on_request",
        /// A guarantee whose individual binding force is disputed.
        GuaranteeContested = "guarantee_contested",
        /// A duty to consult, no duty to assist.
        ConsultOnly = "consult_only",
        /// A political assurance without legal force.
        NonBindingAssurance = "non_binding_assurance",
    }
}

vocab! {
    /// What was attacked.
    Target {
        /// Territory.
        Territory = "territory",
        /// Armed forces.
        Forces = "forces",
        /// Public vessels.
        Vessel = "vessel",
        /// Aircraft.
        Aircraft = "aircraft",
    }
}

vocab! {
    /// Facts about an attack that conditions read. Unstated facts are unknown, never false.
    Fact {
        /// The victim provoked the attack.
        Provoked = "provoked",
        /// The victim asked for help.
        Requested = "requested",
        /// A ceasefire or peace agreement was in force.
        CeasefireInForce = "ceasefire-in-force",
        /// The attack put the victim in a state of war.
        StateOfWar = "state-of-war",
        /// Nuclear weapons were used.
        NuclearWeaponsUsed = "nuclear-weapons-used",
        /// The attack was directed from abroad (NAC, 12 Sep 2001).
        DirectedFromAbroad = "directed-from-abroad",
        /// A "significant, deliberate, and sustained" armed attack (US draft, Nov 2025).
        SignificantSustainedAttack = "significant-sustained-attack",
    }
}

vocab! {
    /// How a condition reads an unknown fact.
    IfUnknown {
        /// The outcome is undecided; the decision says what would decide it.
        Indeterminate = "indeterminate",
        /// Read as met; the decision records the assumption.
        AssumeMet = "assume-met",
        /// Read as not met; the decision records the assumption.
        AssumeUnmet = "assume-unmet",
    }
}

vocab! {
    /// How faithfully an article's text is reproduced.
    TextQuality {
        /// Checked against a public copy.
        Verbatim = "verbatim",
        /// Verbatim as recalled, not re-checked.
        Recalled = "recalled",
        /// A paraphrase.
        Paraphrase = "paraphrase",
    }
}

vocab! {
    /// Where a statement stands on a commitment.
    Stance {
        /// Says the commitment exists or applies.
        Asserts = "asserts",
        /// Backs it.
        Supports = "supports",
        /// Doubts it will be honoured or applies.
        Doubts = "doubts",
        /// Denies it.
        Denies = "denies",
    }
}

vocab! {
    /// A field of ATOP 5.1's member-level coding that casus compares.
    AtopField {
        /// Whether the state is a member at all.
        Member = "member",
        /// The entry date.
        Entry = "entry",
        /// The exit date.
        Exit = "exit",
        /// The defense flag.
        Defense = "defense",
        /// The offense flag.
        Offense = "offense",
        /// The neutrality flag.
        Neutrality = "neutrality",
        /// The non-aggression flag.
        NonAggression = "non-aggression",
        /// The consultation flag.
        Consultation = "consultation",
    }
}
