//! The keys of every table of every input file, declared once.
//!
//! Each table of a data file (the treaty file's top level, `[[party]]`, `scope.clauses`,
//! `variant.override.condition`, a region, a casebook case, ...) is a [`Table`]: the name
//! messages give it, how a file writes it, and its keys, each with a one-line doc and the layout
//! `casus fmt` gives its strings. Key groups several tables share (the sourcing keys, an event's
//! keys, a source's) are declared once and included.
//!
//! Everything that needs a table's keys takes them from here: every reader
//! ([`super::reader::TableReader`] is built from a `&'static Table`, so an unknown key and its
//! "did you mean" come from the declaration), `casus fmt` (one-line and trimmed keys), and the
//! generated reference `docs/keys.md` (`casus keys`, [`markdown`]). A test reads a document
//! holding every declared table with each reader and checks that every key a reader asks for is
//! declared and every declared key is asked for.
//!
//! Adding a key: declare it here, add the raw struct's field, read it (and check it in `check`).

use crate::model::Fact;

/// How `casus fmt` writes a key's string when it is long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Wrapped at 100 columns into a multi-line string that does not end with a newline.
    Wrapped,
    /// Left on one line whatever its length: searched for and copied whole.
    OneLine,
    /// Wrapped, and read trimmed, so the closing `"""` follows a newline.
    Trimmed,
}

/// One key of a table.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The key as written (`owed-by`).
    pub name: &'static str,
    /// What its value is, in one line.
    pub doc: &'static str,
    /// How `casus fmt` writes a long string under it.
    pub layout: Layout,
    /// The table (or list of tables) the key holds, when it holds tables.
    pub table: Option<&'static Table>,
}

impl Key {
    const fn new(name: &'static str, doc: &'static str) -> Self {
        Self { name, doc, layout: Layout::Wrapped, table: None }
    }

    const fn one_line(name: &'static str, doc: &'static str) -> Self {
        Self { name, doc, layout: Layout::OneLine, table: None }
    }

    const fn trimmed(name: &'static str, doc: &'static str) -> Self {
        Self { name, doc, layout: Layout::Trimmed, table: None }
    }

    const fn tables(name: &'static str, doc: &'static str, table: &'static Table) -> Self {
        Self { name, doc, layout: Layout::Wrapped, table: Some(table) }
    }
}

/// Where a table's keys come from.
#[derive(Debug, Clone, Copy)]
enum Keys {
    /// These groups of keys, in order.
    Listed(&'static [&'static [Key]]),
    /// The event facts ([`Fact`]): a table of booleans.
    Facts,
    /// Any name, each holding a table of this declaration (a casebook's `tokens.NAME`).
    Named(&'static Table),
}

/// One table of a data file, with its keys.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// How messages name it (`unknown key `x` in scope clause`).
    pub what: &'static str,
    /// How a file writes it (`[[scope.clauses]]`, `facts = { ... }`).
    pub header: &'static str,
    /// What one such table is.
    pub doc: &'static str,
    keys: Keys,
}

impl Table {
    /// Its keys, in the order declared (groups where they are included).
    pub fn keys(&self) -> impl Iterator<Item = Key> + Clone + 'static {
        let (groups, facts): (&'static [&'static [Key]], &'static [Fact]) = match self.keys {
            Keys::Listed(groups) => (groups, &[]),
            Keys::Facts => (&[], Fact::ALL),
            Keys::Named(_) => (&[], &[]),
        };
        let listed = groups.iter().flat_map(|g| g.iter().copied());
        listed.chain(facts.iter().map(|f| Key::new(f.as_str(), f.doc())))
    }

    /// The key of this name, if declared.
    pub fn key(&self, name: &str) -> Option<Key> {
        self.keys().find(|k| k.name == name)
    }

    /// Is a key of this name declared? (Every table a file holds asks this of each of its
    /// keys: a plain scan of the groups, no chained iterator.)
    pub fn has(&self, name: &str) -> bool {
        match self.keys {
            Keys::Listed(groups) => groups.iter().any(|g| g.iter().any(|k| k.name == name)),
            Keys::Facts => Fact::parse(name).is_some(),
            Keys::Named(_) => false,
        }
    }

    /// The position of a declared key among [`Table::keys`].
    pub fn position(&self, name: &str) -> Option<usize> {
        self.keys().position(|k| k.name == name)
    }

    /// The table a file names by any key, each holding one of these (a casebook's tokens).
    pub fn named(&self) -> Option<&'static Table> {
        match self.keys {
            Keys::Named(t) => Some(t),
            _ => None,
        }
    }

    /// The tables directly under this one (through a key, or under any name), each once.
    pub fn children(&self) -> impl Iterator<Item = &'static Table> {
        self.keys().filter_map(|k| k.table).chain(self.named())
    }

    /// The table at a dotted path of keys below this one (`variant.override.condition`);
    /// this one for `""`.
    pub fn at(&'static self, path: &str) -> Option<&'static Table> {
        if path.is_empty() {
            return Some(self);
        }
        path.split('.').try_fold(self, |t, key| t.key(key)?.table)
    }

    /// The layout of a key of the table at a dotted path below this one; [`Layout::Wrapped`]
    /// where nothing is declared.
    pub fn layout(&'static self, path: &str, key: &str) -> Layout {
        self.at(path).and_then(|t| t.key(key)).map_or(Layout::Wrapped, |k| k.layout)
    }
}

/// One kind of input file.
#[derive(Debug, Clone, Copy)]
pub struct File {
    /// Where it is (`data/treaties/<id>.toml`).
    pub path: &'static str,
    /// What it holds.
    pub doc: &'static str,
    /// Its top-level table.
    pub top: &'static Table,
}

const fn table(
    what: &'static str,
    header: &'static str,
    doc: &'static str,
    keys: &'static [&'static [Key]],
) -> Table {
    Table { what, header, doc, keys: Keys::Listed(keys) }
}

// ---- shared groups --------------------------------------------------------------------------

/// The keys of a sourced fact: which sources it rests on, and how sure it is.
pub const SOURCING: &[Key] = &[
    Key::new("source", "the id of the `[[source]]` of this file the fact rests on"),
    Key::new("sources", "the ids of several sources it rests on, instead of `source`"),
    Key::new("uncertain", "why the fact is not confirmed, if it is not"),
    Key::new("note", "free text for readers of the file"),
];

/// The keys of a `[[source]]`.
const SOURCE_KEYS: &[Key] = &[
    Key::new("id", "the id facts name it by, unique in the file"),
    Key::one_line("citation", "the citation, as a reader would look it up"),
    Key::one_line("url", "where it was read, optional"),
];

/// The keys of an event stated in a file (a scenario's `[[event]]`, a casebook's `[[case]]`).
pub const EVENT: &[Key] = &[
    Key::new("date", "the day of the attack"),
    Key::new("aggressor", "the attacking state's code"),
    Key::new("victim", "the attacked state's code"),
    Key::new("target", "what was attacked: territory, forces, vessel or aircraft"),
    Key::new("region", "the region code of the place attacked"),
    Key::tables("place", "the point attacked, instead of `region`", &PLACE),
    Key::tables("facts", "facts of the attack that conditions read", &FACTS),
];

/// `[[source]]`: a citation the file's facts name.
pub static SOURCE: Table =
    table("source", "[[source]]", "a citation the file's facts name", &[SOURCE_KEYS]);

/// `[[source]]` of the registry, the regions and the seas files, which may carry a note.
pub static NOTED_SOURCE: Table = table(
    "source",
    "[[source]]",
    "a citation the file's facts name",
    &[SOURCE_KEYS, &[Key::new("note", "free text for readers of the file")]],
);

/// An event's point.
pub static PLACE: Table = table(
    "place",
    "place = { ... }",
    "a point on the globe",
    &[&[
        Key::new("lat", "latitude in degrees, north positive"),
        Key::new("lon", "longitude in degrees, east positive"),
        Key::one_line("label", "what the place is called in output"),
    ]],
);

/// An event's facts: each fact a boolean.
pub static FACTS: Table = Table {
    what: "facts",
    header: "facts = { ... }",
    doc: "event facts, each true or false; an unstated fact is unknown",
    keys: Keys::Facts,
};

mod cases;
mod data;
mod treaty;

pub use cases::*;
pub use data::*;
pub use treaty::*;

/// Every input file, with its top-level table.
pub static FILES: &[File] = &[
    File { path: "data/states.toml", doc: "the state registry", top: &STATES },
    File { path: "data/seas.toml", doc: "sea-area polygons", top: &SEAS },
    File { path: "data/regions.toml", doc: "facts about places", top: &REGIONS },
    File { path: "data/geo/areas.toml", doc: "treaty areas", top: &AREAS },
    File { path: "data/treaties/<id>.toml", doc: "one instrument per file", top: &TREATY },
    File {
        path: "data/no-commitments.toml",
        doc: "states without commitments",
        top: &NO_COMMITMENTS,
    },
    File { path: "scenarios (`casus cascade`)", doc: "a scenario", top: &SCENARIO },
    File { path: "casebooks (`casus cases`)", doc: "a casebook", top: &CASEBOOK },
];

/// Every table of a file, each once, depth first from its top (with its header).
pub fn tables_of(top: &'static Table) -> Vec<&'static Table> {
    let mut out: Vec<&'static Table> = Vec::new();
    let mut todo = vec![top];
    while let Some(t) = todo.pop() {
        if out.iter().any(|o| std::ptr::eq(*o, t)) {
            continue;
        }
        out.push(t);
        let mut children: Vec<&'static Table> = t.children().collect();
        children.reverse();
        todo.extend(children);
    }
    out
}

/// The reference of every file's tables and keys, as Markdown (`docs/keys.md`).
pub fn markdown() -> String {
    let mut out = String::from(
        "# casus data keys\n\nGenerated by `casus keys` from `casus_core::raw::schema`, where \
         every table's keys are declared once; do not edit. What the values mean in full is in \
         [format.md](format.md).\n\nLayout is what `casus fmt` does with a long string: \
         a key's `one line` string stays on one line, a `trimmed` one ends with a newline, any other is wrapped at 100 columns. A key that holds tables names them by their header.\n",
    );
    for file in FILES {
        out.push_str(&format!("\n## {}: {}\n", file.path, file.doc));
        for t in tables_of(file.top) {
            let mut doc = t.doc.chars();
            let doc: String =
                doc.next().map(|c| c.to_uppercase().chain(doc).collect()).unwrap_or_default();
            out.push_str(&format!("\n### `{}` ({})\n\n{doc}.\n", t.header, t.what));
            if let Some(named) = t.named() {
                out.push_str(&format!("\nEach key is a name, holding a `{}`.\n", named.header));
                continue;
            }
            out.push_str("\n| key | what it is | holds, or layout |\n|---|---|---|\n");
            for k in t.keys() {
                let doc = k.doc.split_whitespace().collect::<Vec<_>>().join(" ");
                let doc = doc.replace('|', "\\|");
                let layout = match (k.table, k.layout) {
                    (Some(sub), _) => format!("`{}`", sub.header),
                    (None, Layout::Wrapped) => String::new(),
                    (None, Layout::OneLine) => "one line".to_owned(),
                    (None, Layout::Trimmed) => "trimmed".to_owned(),
                };
                out.push_str(&format!("| `{}` | {doc} | {layout} |\n", k.name));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
