//! The tables of the data files but the treaty files: the state registry, the regions, the
//! treaty areas, the seas and the states without commitments.

use super::{table, Key, Table, NOTED_SOURCE, SOURCE};

// ---- the state registry ---------------------------------------------------------------------

/// The top level of `states.toml`.
pub static STATES: Table = table(
    "state registry",
    "(top level)",
    "every state a treaty or an event can name",
    &[&[
        Key::tables("source", "the citations the registry's facts name", &NOTED_SOURCE),
        Key::tables("state", "the states", &STATE),
    ]],
);

/// `[[state]]`.
pub static STATE: Table = table(
    "state",
    "[[state]]",
    "one state, with its codes and its periods",
    &[&[
        Key::new("id", "casus id, unique: the COW abbreviation where COW lists the state"),
        Key::new("name", "the name used in output"),
        Key::tables("names", "names by period (within `exists`)", &NAME_PERIOD),
        Key::new("aliases", "other names, searchable"),
        Key::new("iso3", "ISO 3166-1 alpha-3 code, where one exists"),
        Key::new("iso2", "ISO 3166-1 alpha-2 code"),
        Key::new("codes", "further codes the state answers to"),
        Key::new("cow", "COW ccode, if COW lists it"),
        Key::new("cow-abb", "COW abbreviation"),
        Key::new("home", "region code of its metropolitan territory"),
        Key::new("continent", "a continent id, for a state with no home region"),
        Key::new("american", "an American State in the Rio Treaty's sense"),
        Key::tables("exists", "day-precise existence", &EXISTS_PERIOD),
        Key::tables("cow-system", "COW system membership", &PERIOD),
        Key::tables("gw", "Gleditsch-Ward codes by period", &GW_PERIOD),
        Key::new("source", "the id of the `[[source]]` its facts rest on"),
        Key::new("note", "free text for readers of the file"),
    ]],
);

/// A period of a state's COW system membership.
pub static PERIOD: Table = table(
    "period",
    "[[state.cow-system]]",
    "an interval",
    &[&[
        Key::new("from", "the first day"),
        Key::new("until", "the first day after, optional (open)"),
    ]],
);

/// A period of a state's existence; one that neither COW nor G-W lists (the registry before
/// 1816) names the source it rests on.
pub static EXISTS_PERIOD: Table = table(
    "period",
    "[[state.exists]]",
    "an interval of existence",
    &[&[
        Key::new("from", "the first day"),
        Key::new("until", "the first day after, optional (open)"),
        Key::new(
            "source",
            "the id of the `[[source]]` it rests on, where COW and G-W do not list it",
        ),
    ]],
);

/// A state's name over a period.
pub static NAME_PERIOD: Table = table(
    "period",
    "[[state.names]]",
    "a name over an interval",
    &[&[
        Key::new("name", "the name in this period"),
        Key::new("from", "the first day"),
        Key::new("until", "the first day after, optional (open)"),
        Key::new("source", "the id of the `[[source]]` it rests on"),
    ]],
);

/// A state's Gleditsch-Ward code over a period.
pub static GW_PERIOD: Table = table(
    "period",
    "[[state.gw]]",
    "a Gleditsch-Ward code over an interval",
    &[&[
        Key::new("code", "the Gleditsch-Ward code"),
        Key::new("from", "the first day"),
        Key::new("until", "the first day after, optional (open)"),
    ]],
);

// ---- regions --------------------------------------------------------------------------------

/// The top level of `regions.toml`.
pub static REGIONS: Table = table(
    "regions file",
    "(top level)",
    "facts about places",
    &[&[
        Key::tables("source", "the citations the file's facts name", &NOTED_SOURCE),
        Key::tables("continent", "the continents place words may name", &CONTINENT),
        Key::tables("region", "the regions", &REGION),
    ]],
);

/// `[[continent]]`.
pub static CONTINENT: Table = table(
    "continent",
    "[[continent]]",
    "a continent",
    &[&[Key::new("id", "the id regions and clauses name"), Key::new("name", "its name")]],
);

/// `[[region]]`.
pub static REGION: Table = table(
    "region",
    "[[region]]",
    "one region (ISO 3166-1 or 3166-2) and its facts",
    &[&[
        Key::new("code", "ISO 3166-1 alpha-2 or 3166-2 code, or a casus code (XX-...)"),
        Key::new("name", "its name"),
        Key::new("parent", "the region it is part of, whose facts it inherits"),
        Key::new("sovereign", "the state code holding sovereignty today"),
        Key::new("administered-by", "the administering state, where not the sovereign"),
        Key::new("continent", "continent ids"),
        Key::new("island", "an island or archipelago"),
        Key::new("sea", "islands only: the sea areas it lies in"),
        Key::new("coasts", "mainland regions only: the sea areas its coast is on"),
        Key::new("lat", "southern and northern latitude extent"),
        Key::new("metropolitan", "part of the sovereign's metropolitan territory"),
        Key::new("eu", "TFEU Art 355 status: member, outermost, oct or excluded"),
        Key::new("source", "the id of the `[[source]]` its facts rest on"),
        Key::new("note", "free text for readers of the file"),
        Key::new("claimed-by", "states that claim it"),
        Key::new("aliases", "other names, searchable"),
        Key::new("boxes", "[south, west, north, east] boxes a point must be in"),
        Key::tables("history", "who held or administered it before", &HISTORY),
        Key::tables("reading", "competing readings of whether a treaty covers it", &READING),
        Key::tables("map", "how the page's map draws it", &MAP),
    ]],
);

/// `history = [{ ... }]` of a region.
pub static HISTORY: Table = table(
    "region history",
    "[[region.history]]",
    "who held or administered the region over an interval",
    &[&[
        Key::new("sovereign", "the sovereign then"),
        Key::new("administered-by", "the administering state then"),
        Key::new("from", "the first day, optional"),
        Key::new("until", "the first day after, optional"),
    ]],
);

/// `[[region.reading]]` (and `[[sea.reading]]`).
pub static READING: Table = table(
    "reading",
    "[[region.reading]], [[sea.reading]]",
    "a competing reading of whether a treaty covers the place",
    &[&[
        Key::new("treaty", "the treaty read"),
        Key::new("covered", "whether this reading has it covered"),
        Key::new("text", "the reading"),
        Key::new("source", "who reads it so"),
    ]],
);

/// `map = { ... }` of a region.
pub static MAP: Table = table(
    "map",
    "[region.map]",
    "the page's map only; evaluation never reads it",
    &[&[
        Key::new("features", "the world-atlas features drawn as the region"),
        Key::new("earlier", "states that held it before its sovereign existed"),
    ]],
);

// ---- treaty areas ---------------------------------------------------------------------------

/// The top level of `geo/areas.toml`.
pub static AREAS: Table = table(
    "areas file",
    "(top level)",
    "treaty areas drawn from their texts",
    &[&[
        Key::tables("source", "the citations the areas name", &SOURCE),
        Key::tables("area", "the areas", &AREA),
    ]],
);

/// `[[area]]`.
pub static AREA: Table = table(
    "area",
    "[[area]]",
    "an area a treaty's text draws or names",
    &[&[
        Key::new("id", "kebab-case, unique; scope clauses name it"),
        Key::new("name", "its name"),
        Key::new("treaty", "the treaty whose text defines it"),
        Key::new("article", "the article that does"),
        Key::new("edges", "how vertices are joined: rhumb, geodesic or plain"),
        Key::new("quality", "verbatim (the text's vertices) or approximate"),
        Key::new("text", "the words that define it"),
        Key::new("polygons", "rings of [lat, lon], even-odd"),
        Key::new("inside", "regions wholly inside"),
        Key::new("outside", "regions wholly outside"),
        Key::new("source", "the id of the `[[source]]` it rests on"),
        Key::new("sources", "the ids of several sources, instead of `source`"),
        Key::new("note", "how it was drawn"),
    ]],
);

// ---- seas -----------------------------------------------------------------------------------

/// The top level of `seas.toml`.
pub static SEAS: Table = table(
    "seas file",
    "(top level)",
    "sea areas, and land the boundary data lacks",
    &[&[
        Key::tables("source", "the citations the file names", &NOTED_SOURCE),
        Key::tables("sea", "the sea areas", &SEA),
        Key::tables("land", "land the boundary data lacks", &LAND),
    ]],
);

/// `[[sea]]`.
pub static SEA: Table = table(
    "sea",
    "[[sea]]",
    "a sea area (its geometry is read by casus-geo)",
    &[&[
        Key::new("id", "the id `sea` and `coasts` name"),
        Key::new("name", "its name"),
        Key::new("part-of", "the sea areas it is part of"),
        Key::new("source", "the id of the `[[source]]` it rests on"),
        Key::new("note", "free text for readers of the file"),
        Key::new("caveat", "a note carried into the facts of its points"),
        Key::new("polygons", "rings of [lat, lon]"),
        Key::tables("reading", "competing readings for points in it", &READING),
    ]],
);

/// `[[land]]` of the seas file.
pub static LAND: Table = table(
    "land",
    "[[land]]",
    "land the boundary data lacks (its geometry is read by casus-geo)",
    &[&[
        Key::new("code", "the region code it is"),
        Key::new("name", "its name"),
        Key::new("source", "the id of the `[[source]]` it rests on"),
        Key::new("note", "free text for readers of the file"),
        Key::new("polygons", "rings of [lat, lon]"),
    ]],
);

// ---- states without commitments -------------------------------------------------------------

/// The top level of `no-commitments.toml`.
pub static NO_COMMITMENTS: Table = table(
    "no-commitments file",
    "(top level)",
    "states searched for commitments and found to have none",
    &[&[Key::tables("no-commitment", "the states", &NO_COMMITMENT)]],
);

/// `[[no-commitment]]`.
pub static NO_COMMITMENT: Table = table(
    "no-commitment",
    "[[no-commitment]]",
    "a state with no commitment in the sources",
    &[&[
        Key::new("state", "a state existing today"),
        Key::new("why", "what the sources say"),
        Key::new("sources", "citations, with their addresses where seen"),
    ]],
);
