//! The stable diagnostic codes. Each entry's text is its user documentation:
//! `casus diagnostics` prints it and `docs/diagnostics.md` is generated from it.

use std::fmt;

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, )*) => {
        /// A stable, kebab-case diagnostic code. Codes name the flagged pattern.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// The kebab-case name, e.g. `unknown-party`.
            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// The documentation of the code (what it checks, why, an example).
            pub fn doc(self) -> &'static str {
                match self { $( Code::$variant => concat!($($doc, "\n",)*), )* }
            }
        }

        /// Every code, in documentation order.
        pub const CODES: &[Code] = &[ $( Code::$variant, )* ];
    };
}

codes! {
    /// A file is not valid TOML.
    ///
    /// Fix the syntax at the position shown; the rest of the file is still checked where the
    /// parser could recover.
    TomlSyntax = "toml-syntax",
    /// A key that the format does not know, usually a typo (`strenght` for `strength`).
    ///
    /// Unknown keys are errors rather than being ignored, so that a misspelled condition can
    /// never silently widen an obligation.
    UnknownKey = "unknown-key",
    /// A key the format requires is absent (a party without `joined`, a treaty without `id`).
    MissingKey = "missing-key",
    /// A value has the wrong TOML type (a quoted date, a number where a list is expected).
    WrongType = "wrong-type",
    /// A value is outside the closed vocabulary for its key (an unknown obligation kind,
    /// instrument kind, status, target or `if-unknown` policy).
    InvalidValue = "invalid-value",
    /// A date is not a plain calendar date (`1949-08-24`), or is not a real day.
    InvalidDate = "invalid-date",
    /// Two things that must have distinct ids share one (two treaties, two sources in a file,
    /// two articles, two obligations, two states).
    DuplicateId = "duplicate-id",
    /// A treaty's `id` differs from its file name; ids are looked up by file name.
    IdMismatch = "id-mismatch",
    /// A party code that no state in the registry answers to on any date
    /// (`FRN` is COW's abbreviation; treaty files use ISO 3166-1 alpha-3: `FRA`).
    UnknownParty = "unknown-party",
    /// A party code that is known, but no state held it on the date it is used
    /// (`DEU` on 1947-06-01: no German state existed).
    PartyNotInExistence = "party-not-in-existence",
    /// The same state is listed twice as a party with overlapping dates.
    MembershipOverlap = "membership-overlap",
    /// An interval ends before it starts, or the status timeline runs backwards.
    DatesOutOfOrder = "dates-out-of-order",
    /// An obligation names as obligor or beneficiary a state that is not a party.
    ObligationNonParty = "obligation-non-party",
    /// A strength outside the vocabulary (`as_deems_necessary`, `common_danger`, ...).
    UnknownStrength = "unknown-strength",
    /// A condition reads an event fact casus does not know.
    UnknownFact = "unknown-fact",
    /// An obligation or scope cites an article the file does not define.
    UnknownArticle = "unknown-article",
    /// An obligation names a scope the file does not define.
    UnknownScope = "unknown-scope",
    /// A fact cites a source id the file does not define.
    UnknownSource = "unknown-source",
    /// A status, party, article or obligation gives no source. Every treaty fact needs one.
    MissingSource = "missing-source",
    /// A scope names a region that `regions.toml` does not define.
    UnknownRegion = "unknown-region",
    /// A variant overrides an obligation the proposal does not define.
    UnknownObligation = "unknown-obligation",
    /// A proposal has no variant, or a treaty that is not a proposal has variants.
    VariantMisuse = "variant-misuse",
    /// Two states of the registry answer to the same code on the same day.
    RegistryCodeClash = "registry-code-clash",
    /// A state code in an event or a case that resolves to no state.
    UnknownState = "unknown-state",
    /// Coordinates outside -90..=90 latitude or -180..=180 longitude.
    InvalidCoordinates = "invalid-coordinates",
    /// A file or directory could not be read.
    Io = "io",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
