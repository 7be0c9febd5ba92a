//! The tables of scenario and casebook files.

use super::{table, Key, Keys, Table, EVENT, FACTS, SOURCE};

// ---- scenarios ------------------------------------------------------------------------------

/// The top level of a scenario file.
pub static SCENARIO: Table = table(
    "scenario",
    "(top level)",
    "dated events and an escalation rule",
    &[&[
        Key::new("id", "the scenario's id"),
        Key::one_line("title", "what it plays out"),
        Key::tables("rules", "how the cascade runs", &RULES),
        Key::tables("source", "citations its events name", &SOURCE),
        Key::tables("event", "the given events", &SCENARIO_EVENT),
        Key::new("note", "free text for readers of the file"),
    ]],
);

/// `[rules]` of a scenario.
pub static RULES: Table = table(
    "rules",
    "[rules]",
    "how the cascade runs",
    &[&[
        Key::new("escalation", "strike-aggressor-territory or stay-on-victim-soil"),
        Key::tables("derived-facts", "facts every derived event states", &FACTS),
        Key::new("assume-in-force", "proposals assumed in force, ID or ID:VARIANT"),
        Key::new("max-rounds", "a round limit, 1 to 64"),
    ]],
);

/// `[[event]]` of a scenario.
pub static SCENARIO_EVENT: Table = table(
    "event",
    "[[event]]",
    "one given event",
    &[
        EVENT,
        &[
            Key::one_line("label", "what happened"),
            Key::new("source", "the id of the `[[source]]` it rests on"),
            Key::new("time", "the time of day, HH:MM: events of one day run in time order"),
            Key::new("order", "its place among the day's events, when the hours are unknown"),
        ],
    ],
);

// ---- casebooks ------------------------------------------------------------------------------

/// The top level of a casebook.
pub static CASEBOOK: Table = table(
    "casebook",
    "(top level)",
    "cases with their expected outcomes",
    &[&[
        Key::tables("tokens", "names standing for a treaty's parties", &TOKENS),
        Key::tables("case", "the cases", &CASE),
    ]],
);

/// `[tokens]` of a casebook: any name, each a token.
pub static TOKENS: Table = Table {
    what: "tokens",
    header: "[tokens]",
    doc: "names standing for a treaty's parties, each `NAME = { parties_of = ... }`",
    keys: Keys::Named(&TOKEN),
};

/// One token of a casebook.
pub static TOKEN: Table = table(
    "token",
    "tokens.NAME",
    "a name standing for a treaty's parties",
    &[&[Key::new("parties_of", "the treaty id whose parties it stands for")]],
);

/// `[[case]]` of a casebook.
pub static CASE: Table = table(
    "case",
    "[[case]]",
    "one case: an attack and what it is expected to trigger",
    &[
        &[
            Key::new("id", "unique id"),
            Key::one_line("title", "the attack in a few words"),
            Key::new("assume_in_force", "proposals assumed in force"),
            Key::tables("expect_triggered", "treaties expected triggered", &EXPECT_TRIGGERED),
            Key::tables(
                "expect_not_triggered",
                "treaties expected not triggered",
                &EXPECT_NOT_TRIGGERED,
            ),
            Key::new("expect_obligated", "states expected bound (informative)"),
            Key::new("historical_outcome", "what happened (informative)"),
            Key::new("confidence", "settled, mainstream or contested"),
            Key::new("sources", "citations"),
        ],
        EVENT,
    ],
);

/// `[[case.expect_triggered]]`.
pub static EXPECT_TRIGGERED: Table = table(
    "expectation",
    "[[case.expect_triggered]]",
    "a treaty expected triggered",
    &[&[
        Key::new("treaty", "the treaty id"),
        Key::new("article", "the article (informative)"),
        Key::new("obligated", "codes and tokens expected bound"),
        Key::new("strength", "the expected strength"),
    ]],
);

/// `[[case.expect_not_triggered]]`.
pub static EXPECT_NOT_TRIGGERED: Table = table(
    "expectation",
    "[[case.expect_not_triggered]]",
    "a treaty expected not triggered",
    &[&[Key::new("treaty", "the treaty id"), Key::new("why", "why not (informative)")]],
);
