//! The tables of a treaty file.

use super::{table, Key, Table, SOURCE, SOURCING};

/// The top level of a treaty file.
pub static TREATY: Table = table(
    "treaty file",
    "(top level)",
    "one instrument: its identity, and the tables below",
    &[&[
        Key::new("id", "the treaty's id, equal to the file's stem"),
        Key::one_line("title", "the instrument's full title"),
        Key::new("short-title", "a short name (NATO), optional"),
        Key::new("kind", "treaty, agreement, declaration, memorandum, exchange-of-letters, domestic-law or proposal"),
        Key::new("atopid", "the ATOP alliance id, where ATOP codes it"),
        Key::new("summary", "one paragraph on the instrument, optional"),
        Key::tables("source", "the citations its facts name", &SOURCE),
        Key::tables("status", "the status timeline", &STATUS),
        Key::tables("party", "the parties, each membership an entry", &PARTY),
        Key::tables("suspension", "directed legs that stop applying for a time", &SUSPENSION),
        Key::tables("article", "the articles the memo quotes", &ARTICLE),
        Key::tables("scope", "where an attack must happen", &SCOPE),
        Key::tables("obligation", "who owes what to whom, when", &OBLIGATION),
        Key::tables("variant", "a proposal's forms of protection", &VARIANT),
        Key::tables("version", "a proposal's dated versions (drafts, declarations)", &VERSION),
        Key::tables("statement", "who said what about the instrument", &STATEMENT),
        Key::tables("atop-difference", "known, explained differences from ATOP's coding", &ATOP_DIFFERENCE),
        Key::tables("explanation", "reasons written once and named by `explained-by`", &EXPLANATION),
    ]],
);

/// `[[status]]`.
pub static STATUS: Table = table(
    "status",
    "[[status]]",
    "a dated status of the instrument",
    &[
        &[
            Key::new("status", "proposed, signed, in-force, suspended or terminated"),
            Key::new("date", "the day it took this status"),
        ],
        SOURCING,
    ],
);

/// `[[party]]`.
pub static PARTY: Table = table(
    "party",
    "[[party]]",
    "one membership: a code over an interval",
    &[
        &[
            Key::new("state", "a registry code, resolved on `joined`"),
            Key::new("joined", "the first day of membership"),
            Key::new("left", "the first day it is no longer a party, optional"),
            Key::new("role", "a free label (guarantor, guaranteed, member), optional"),
        ],
        SOURCING,
    ],
);

/// `[[suspension]]`.
pub static SUSPENSION: Table = table(
    "suspension",
    "[[suspension]]",
    "a directed leg of the treaty that stops applying",
    &[
        &[
            Key::new("owed-by", "the state that no longer owes"),
            Key::new("owed-to", "the state no longer owed"),
            Key::new("from", "the first day of the suspension"),
            Key::new("until", "the first day it no longer applies, optional"),
        ],
        SOURCING,
    ],
);

/// `[[article]]`.
pub static ARTICLE: Table = table(
    "article",
    "[[article]]",
    "an article's text, as the memo quotes it",
    &[
        &[
            Key::new("id", "the article's number or id, which obligations and scopes name"),
            Key::one_line("title", "its heading, optional"),
            Key::new("text", "its text"),
            Key::new("quality", "verbatim, recalled or paraphrase"),
            Key::new("operative", "the sentence the memo quotes, optional (defaults to `text`)"),
            Key::new("version", "the `[[version]]` of a proposal the text belongs to, optional"),
        ],
        SOURCING,
    ],
);

/// `[[scope]]`.
pub static SCOPE: Table = table(
    "scope",
    "[[scope]]",
    "where an attack must happen: met when any clause is met",
    &[&[
        Key::new("id", "the scope's id, which obligations name"),
        Key::new("article", "the article it reads, optional"),
        Key::new("from", "the first day it applies, optional"),
        Key::new("until", "the first day it no longer applies, optional"),
        Key::tables("clauses", "the clauses, any of which meets the scope", &CLAUSE),
        Key::new("note", "free text for readers of the file"),
        Key::new("reading", "how casus reads the text: which clause encodes which words"),
    ]],
);

/// `[[scope.clauses]]`.
pub static CLAUSE: Table = table(
    "scope clause",
    "[[scope.clauses]]",
    "one clause of a scope: met when all of its keys are met",
    &[&[
        Key::one_line("label", "what the memo calls the clause"),
        Key::new("targets", "the targets it covers: territory, forces, vessel, aircraft"),
        Key::new("held-by", "victim, party, or codes: who must hold the place"),
        Key::new("administered-by", "victim, party, or codes: who must administer the place"),
        Key::new("continent", "continent ids, one of which the place lies on"),
        Key::new("region", "region codes, one of which the place lies in"),
        Key::new("not-region", "region codes the place lies in none of"),
        Key::new("island", "the place is (or is not) an island"),
        Key::new("metropolitan", "the place is (or is not) metropolitan territory"),
        Key::new("sea", "sea areas the place is in or over"),
        Key::new("coast", "sea areas the place's coast is on"),
        Key::new("area", "treaty areas the place lies in"),
        Key::new("not-area", "treaty areas the place lies in none of"),
        Key::new("north-of", "a latitude the place lies wholly north of"),
        Key::new("south-of", "a latitude the place lies wholly south of"),
        Key::new("from", "the first day the clause applies, optional"),
        Key::new("until", "the first day it no longer applies, optional"),
    ]],
);

/// `[[obligation]]`.
pub static OBLIGATION: Table = table(
    "obligation",
    "[[obligation]]",
    "a directed duty: who owes what to whom, when",
    &[
        &[
            Key::new("id", "the obligation's id, unique in the file"),
            Key::new("article", "the `[[article]]` it rests on"),
            Key::new(
                "kind",
                "defense, offense, neutrality, non-aggression, consultation or assurance",
            ),
            Key::new("strength", "how strong the duty is (the strength vocabulary)"),
            Key::new("owed-by", "parties, or codes: who owes it"),
            Key::new("owed-by-except", "parties that do not owe this one, optional"),
            Key::new("owed-to", "parties, american-states, or codes: who is owed"),
            Key::new("attack-by", "anyone, any-state, or codes: whose attack triggers it"),
            Key::new("attack-by-label", "how the memo names a list of adversaries, optional"),
            Key::new("targets", "the targets it covers, optional (default all four)"),
            Key::new("scope", "scope ids; the one in effect on the date applies"),
            Key::new("from", "the first day it applies, optional"),
            Key::new("until", "the first day it no longer applies, optional"),
            Key::tables("condition", "conditions that must all hold", &CONDITION),
            Key::tables("reservation", "notes that qualify some obligors", &RESERVATION),
        ],
        SOURCING,
    ],
);

/// `[[obligation.condition]]` and `[[variant.override.condition]]`.
pub static CONDITION: Table = table(
    "condition",
    "[[obligation.condition]], [[variant.override.condition]]",
    "a condition on an event fact",
    &[&[
        Key::new("fact", "the event fact it reads"),
        Key::new("must-be", "the value that meets the condition"),
        Key::new("if-unknown", "indeterminate, assume-met or assume-unmet"),
        Key::new("text", "the treaty's words it encodes"),
        Key::new("why", "why an unknown fact is read this way"),
    ]],
);

/// `[[obligation.reservation]]`.
pub static RESERVATION: Table = table(
    "reservation",
    "[[obligation.reservation]]",
    "a note that qualifies some obligors without removing them",
    &[&[
        Key::new("states", "the obligors it qualifies"),
        Key::new("text", "its words"),
        Key::new("effect", "what it changes, in a few words"),
        Key::new("from", "the first day it applies, optional"),
        Key::new("until", "the first day it no longer applies, optional"),
    ]],
);

/// `[[variant]]`.
pub static VARIANT: Table = table(
    "variant",
    "[[variant]]",
    "one form of protection a proposal may take",
    &[
        &[
            Key::new("id", "the variant's id (`--assume-in-force ID:VARIANT`)"),
            Key::one_line("title", "what the variant is"),
            Key::new("form", "the form of protection, shown in every output"),
            Key::new("version", "the `[[version]]` it is an option of (required with versions)"),
            Key::new("duration", "how long it would last, as the sources give it, optional"),
            Key::tables("override", "what the variant changes in named obligations", &OVERRIDE),
        ],
        SOURCING,
    ],
);

/// `[[version]]`.
pub static VERSION: Table = table(
    "version",
    "[[version]]",
    "a dated state of a proposal, in effect until the next version's date",
    &[
        &[
            Key::new("id", "the version's id, unique in the file"),
            Key::new("date", "the first day it is the state of the proposal"),
            Key::one_line("title", "what it is (a draft, a declaration)"),
            Key::new("summary", "what it proposes, optional"),
        ],
        SOURCING,
    ],
);

/// `[[variant.override]]`.
pub static OVERRIDE: Table = table(
    "variant override",
    "[[variant.override]]",
    "a change a variant makes to one obligation",
    &[&[
        Key::new("obligation", "the obligation changed"),
        Key::new("article", "the `[[article]]` this option rests on, optional"),
        Key::new("owed-by", "its obligors under the variant"),
        Key::new("strength", "its strength under the variant"),
        Key::new("note", "free text for readers of the file"),
        Key::tables("condition", "conditions added under the variant", &CONDITION),
    ]],
);

/// `[[statement]]`.
pub static STATEMENT: Table = table(
    "statement",
    "[[statement]]",
    "who said what about the instrument",
    &[
        &[
            Key::new("date", "the day it was said"),
            Key::new("speaker", "who said it"),
            Key::new("role", "the speaker's office, optional"),
            Key::new("state", "the speaker's state code, optional"),
            Key::new("stance", "asserts, supports, doubts or denies"),
            Key::new("text", "what was said"),
            Key::new("quality", "verbatim, recalled or paraphrase"),
            Key::new("about", "an article or variant id, optional"),
        ],
        SOURCING,
    ],
);

/// `[[atop-difference]]`.
pub static ATOP_DIFFERENCE: Table = table(
    "atop-difference",
    "[[atop-difference]]",
    "a known, explained difference from ATOP 5.1's coding",
    &[&[
        Key::new("state", "the member it concerns"),
        Key::new("field", "member, entry, exit, or an obligation kind"),
        Key::new("ours", "casus's value"),
        Key::new("atop", "ATOP's value"),
        Key::new("why", "why they differ"),
        Key::new("explained-by", "an `[[explanation]]` id, instead of `why`"),
    ]],
);

/// `[[explanation]]`.
pub static EXPLANATION: Table = table(
    "explanation",
    "[[explanation]]",
    "a reason written once in the file",
    &[&[Key::new("id", "the id `explained-by` names"), Key::trimmed("text", "the reason")]],
);
