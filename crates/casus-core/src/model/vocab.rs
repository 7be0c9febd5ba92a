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
            /// The value's documentation (its doc comment), for generated documents.
            pub fn doc(self) -> &'static str {
                match self { $( $name::$variant => concat!($($vdoc, "\n",)*), )* }
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
        /// Ended: terminated, denounced or superseded (no longer in force).
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
        /// A duty to consult, without a duty to assist.
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
        /// Protects the victim's airspace (air policing, air defence); no ground combat.
        AirPolicing = "air_policing",
        /// Intelligence, logistics and materiel; no combat by its own forces.
        SupportNonCombat = "support_non_combat",
        /// Forces deployed in the victim's territory that fight if they are attacked
        /// themselves (a reassurance or tripwire force); no duty to defend the state as such.
        ReassuranceForce = "reassurance_force",
        /// A guarantee whose individual binding force is disputed.
        GuaranteeContested = "guarantee_contested",
        /// A duty to consult, no duty to assist.
        ConsultOnly = "consult_only",
        /// A political assurance without legal force.
        NonBindingAssurance = "non_binding_assurance",
        /// Bound to stay out, not to assist: not to attack a party (non-aggression), or not to
        /// help its attacker (neutrality). The strength of every neutrality and
        /// non-aggression obligation, and of no other.
        Abstain = "abstain",
    }
}

impl Strength {
    /// Its place from strongest (0) to weakest: the order a state's commitments are ranked in
    /// when one of them must stand for all (a simulation draws a state's decision at the
    /// credibility of its strongest commitment). Armed assistance comes before assistance
    /// short of combat, duties to assist before contested guarantees, consultation and
    /// assurances; `abstain` is last.
    pub fn rank(self) -> u8 {
        match self {
            Strength::AutomaticAllForces => 0,
            Strength::AllMeansInPower => 1,
            Strength::AsDeemsNecessary => 2,
            Strength::CommonDanger => 3,
            Strength::AssistNoCompulsoryForce => 4,
            Strength::AssistOnRequest => 5,
            Strength::AirPolicing => 6,
            Strength::ReassuranceForce => 7,
            Strength::SupportNonCombat => 8,
            Strength::GuaranteeContested => 9,
            Strength::ConsultOnly => 10,
            Strength::NonBindingAssurance => 11,
            Strength::Abstain => 12,
        }
    }

    /// Does honouring it make the state a belligerent? Every duty to assist but support short
    /// of combat (intelligence, logistics, materiel): a cascade draws a state into the war
    /// only under these.
    pub fn fights(self) -> bool {
        self.is_assistance() && self != Strength::SupportNonCombat
    }

    /// Is it a duty to assist (or a contested one)? Not for neutrality and non-aggression
    /// (`abstain`), a duty to consult or a non-binding assurance.
    pub fn is_assistance(self) -> bool {
        !matches!(self, Strength::Abstain | Strength::ConsultOnly | Strength::NonBindingAssurance)
    }
}

vocab! {
    /// What was attacked.
    Target {
        /// The state's territory: land, territorial sea and airspace.
        Territory = "territory",
        /// Armed forces.
        Forces = "forces",
        /// Public vessels.
        Vessel = "vessel",
        /// A military aircraft of the state, wherever it flies.
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
        /// The event is an armed attack. Unstated, every event is taken as one (`casus check`
        /// decides an armed attack); stated false (a clash the victim itself did not treat as
        /// one, a coast guard's water cannon), no duty to assist arises.
        ArmedAttack = "armed-attack",
        /// Another state has joined the attacker in hostilities against the victim (the first
        /// Anglo-Japanese Alliance, Art III: assistance only when "any other Power or Powers
        /// should join in hostilities"; with one enemy, neutrality only).
        JoinedByAnotherPower = "joined-by-another-power",
        /// Forces of the guarantors stationed in the victim's territory came under attack (a
        /// reassurance force fights if attacked itself).
        OwnForcesAttacked = "own-forces-attacked",
        /// The guarantors' legislatures approved the instrument (the US Congress, December
        /// 2025 talks on the guarantee for Ukraine).
        LegislativeApproval = "legislative-approval",
        /// The attacker is the adversary, or of the kind of adversary, that the instrument's
        /// obligation is limited to, as ATOP codes it (`DEFCOADV`, `OFFCOADV`, `NEUCOADV`,
        /// `CONCOADV`) without saying which: the ATOP layer's condition, stated by whoever has
        /// read the agreement.
        AtopAdversary = "atop-adversary",
        /// The attack is in the location the obligation is limited to, as ATOP codes it
        /// (`DEFCOLOC`, ...; "home territory only", "the Eastern front").
        AtopLocation = "atop-location",
        /// The attack belongs to the ongoing conflict the obligation is limited to, as ATOP
        /// codes it (`DEFCOCON`, ...).
        AtopConflict = "atop-conflict",
        /// The number of adversaries is the one the obligation requires, as ATOP codes it
        /// (`DEFCONUM`, ...; "only in case of bilateral war", "only against more than one state").
        AtopEnemies = "atop-enemies",
        /// The ally or the adversary met the demands the agreement details, as ATOP codes the
        /// condition (`DEFCODEM`, ...).
        AtopDemands = "atop-demands",
        /// The condition ATOP codes as "not covered by the above codes" (`OLIMOB`) is met.
        AtopOther = "atop-other",
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
        /// The adversaries an obligation covers: ATOP's member file codes whether an obligation
        /// is limited to a particular adversary (DEFCOADV), not which, nor a limit it does not
        /// code. Read by the differential test of the ATOP layer only.
        AttackBy = "attack-by",
    }
}

vocab! {
    /// Why an obligation binds or does not: the stable code of every reason a decision gives.
    ReasonCode {
        /// The instrument is in force on the date.
        InForce = "in-force",
        /// The instrument (a proposal) is evaluated as if in force: the finding is hypothetical.
        AssumedInForce = "assumed-in-force",
        /// The instrument is not in force on the date (not yet, no longer, suspended, a
        /// proposal).
        NotInForce = "not-in-force",
        /// The obligation applies only at other dates (a clause added or ended by a later
        /// text).
        NotInEffect = "not-in-effect",
        /// The victim is owed the obligation (a party on the date, a named beneficiary).
        VictimCovered = "victim-covered",
        /// The victim is not owed the obligation.
        VictimNotCovered = "victim-not-covered",
        /// The attacker is one the obligation covers (a named adversary; a non-state actor
        /// where any attacker counts).
        AttackerCovered = "attacker-covered",
        /// The attacker is not one the obligation covers.
        AttackerNotCovered = "attacker-not-covered",
        /// What was attacked (forces, a vessel, an aircraft) is not what the obligation covers.
        TargetNotCovered = "target-not-covered",
        /// The place is inside the treaty area.
        PlaceInScope = "place-in-scope",
        /// The place is outside the treaty area.
        PlaceOutOfScope = "place-out-of-scope",
        /// Whether the place is inside the treaty area depends on a fact of the place casus
        /// does not know.
        PlaceUndecided = "place-undecided",
        /// The event is stated to fall below the threshold of an armed attack
        /// (`armed-attack = false`): no duty to assist arises.
        BelowArmedAttack = "below-armed-attack",
        /// A condition of the obligation is met by a stated fact.
        ConditionMet = "condition-met",
        /// A condition of the obligation is not met.
        ConditionFailed = "condition-failed",
        /// A condition turns on a fact the event does not state: the obligation is undecided.
        ConditionUnknown = "condition-unknown",
        /// A condition on an unstated fact is read as met, for the reason the treaty file
        /// gives (shown as a caveat).
        ConditionAssumed = "condition-assumed",
        /// Every state that would owe the obligation is the victim, the attacker, excepted or
        /// suspended.
        NoObligor = "no-obligor",
        /// The instrument holds no duty to assist (consultation, neutrality, assurances only).
        NoDutyToAssist = "no-duty-to-assist",
        /// A duty to consult arises (listed with the other duties), not a duty to assist.
        OnlyConsultation = "only-consultation",
        /// The attack breaks the aggressor's own undertaking not to use force.
        Breach = "breach",
    }
}

impl ReasonCode {
    /// Is this the reason something does not bind? The reasons a finding is not triggered
    /// (the page shows them as decisive).
    pub fn fails(self) -> bool {
        matches!(
            self,
            ReasonCode::NotInForce
                | ReasonCode::NotInEffect
                | ReasonCode::VictimNotCovered
                | ReasonCode::AttackerNotCovered
                | ReasonCode::TargetNotCovered
                | ReasonCode::PlaceOutOfScope
                | ReasonCode::BelowArmedAttack
                | ReasonCode::ConditionFailed
                | ReasonCode::NoObligor
                | ReasonCode::NoDutyToAssist
        )
    }
}
