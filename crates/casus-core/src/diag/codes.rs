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
    /// An article or a variant names a `[[version]]` the file lacks.
    UnknownVersion = "unknown-version",
    /// An obligation names a scope the file does not define.
    UnknownScope = "unknown-scope",
    /// A fact cites a source id the file does not define.
    UnknownSource = "unknown-source",
    /// A status, party, article or obligation gives no source. Every treaty fact needs one.
    MissingSource = "missing-source",
    /// A scope names a region that `regions.toml` does not define.
    UnknownRegion = "unknown-region",
    /// A scope names a treaty area that `geo/areas.toml` does not define.
    UnknownArea = "unknown-area",
    /// A variant overrides an obligation the proposal does not define.
    UnknownObligation = "unknown-obligation",
    /// An `[[atop-difference]]` names by `explained-by` an `[[explanation]]` the file does not
    /// define, or gives both or neither of `why` and `explained-by`.
    ///
    /// A reason shared by several differences (ATOP codes accession at signature, this file at
    /// deposit) is written once as `[[explanation]] id, text` and named by each difference.
    UnknownExplanation = "unknown-explanation",
    /// A proposal has no variant, or a treaty that is not a proposal has variants.
    VariantMisuse = "variant-misuse",
    /// Two states of the registry answer to the same code on the same day.
    RegistryCodeClash = "registry-code-clash",
    /// A state code in an event or a case that resolves to no state.
    UnknownState = "unknown-state",
    /// Coordinates outside -90..=90 latitude or -180..=180 longitude.
    InvalidCoordinates = "invalid-coordinates",
    /// A file or directory could not be read or written.
    Io = "io",

    // ---- input that is not a data file: events, command-line arguments, requests

    /// An instrument id (in `assume-in-force`, a credibility key, a case, a command) that no
    /// treaty file has. The help suggests the closest id.
    UnknownTreaty = "unknown-treaty",
    /// A proposal has no variant of that name (`ID:VARIANT`). The help lists its variants.
    UnknownVariant = "unknown-variant",
    /// No scenario has this id.
    UnknownScenario = "unknown-scenario",
    /// Two values that exclude each other are both given (a region and a point; two
    /// credibility values for one key; a key given twice in a JSON object).
    ConflictingValues = "conflicting-values",
    /// A list or a string is longer than casus accepts (an id of 60,000 characters, more
    /// events than a request may hold). Limits keep every answer bounded.
    TooManyValues = "too-many-values",
    /// A number outside the range the input takes (a year before 1816 or after this year, a
    /// probability above 1, a weight that is not finite, zero samples).
    OutOfRange = "out-of-range",
    /// A command-line argument or a request parameter that does not fit the command (two
    /// flags that exclude each other, a missing one).
    InvalidArgument = "invalid-argument",

    // ---- the HTTP API (`casus serve`): every error answer is `{"errors": [...]}`

    /// The body is not JSON (400), or a JSON object has a key twice.
    MalformedJson = "malformed-json",
    /// The JSON does not have the shape the route takes (422): a field of the wrong type, a
    /// required field missing.
    InvalidRequest = "invalid-request",
    /// The body is not sent as JSON (415): `Content-Type` must be `application/json` (UTF-8)
    /// and the body must not be compressed.
    UnsupportedMediaType = "unsupported-media-type",
    /// The body is larger than the limit, 64 KiB (413).
    BodyTooLarge = "body-too-large",
    /// The request line or the headers are too large (414, 431), or malformed (400).
    BadHttp = "bad-http",
    /// No route answers to this path (404), or the path names nothing (an unknown treaty id).
    NotFound = "not-found",
    /// The route does not answer to this method (405).
    MethodNotAllowed = "method-not-allowed",
    /// The request took longer than the time limit (408); its work is cancelled.
    Timeout = "timeout",
    /// Too many expensive requests are running or waiting (503): try again after the number
    /// of seconds in `Retry-After`.
    Busy = "busy",
    /// A bug in casus (500): logged for the operator, answered without details.
    Internal = "internal",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
