//! Places: the regions table (`data/regions.toml`) and the facts scope clauses read.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;

use crate::diag::{did_you_mean, Diagnostics};
use crate::source::{Loc, SourceFile};

/// The words of place a scope clause may use, as the data defines them: the continents of
/// `regions.toml` (`[[continent]]`) and the sea areas of `seas.toml` (`[[sea]]`), each sorted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlaceTerms {
    /// Continent ids (`europe`, `north-america`).
    pub continents: Vec<String>,
    /// Sea area ids (`mediterranean`, `north-atlantic`).
    pub seas: Vec<String>,
}

impl PlaceTerms {
    /// Is `id` a continent of the data?
    pub fn is_continent(&self, id: &str) -> bool {
        self.continents.binary_search_by(|c| c.as_str().cmp(id)).is_ok()
    }
    /// Is `id` a sea area of the data?
    pub fn is_sea(&self, id: &str) -> bool {
        self.seas.binary_search_by(|c| c.as_str().cmp(id)).is_ok()
    }
}

/// One region as written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Region {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) parent: Option<String>,
    pub(crate) sovereign: Option<String>,
    pub(crate) administered_by: Option<String>,
    pub(crate) continent: Option<Vec<String>>,
    pub(crate) island: Option<bool>,
    pub(crate) sea: Option<Vec<String>>,
    pub(crate) coasts: Option<Vec<String>>,
    pub(crate) lat: Option<(f64, f64)>,
    pub(crate) metropolitan: Option<bool>,
    pub(crate) eu: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) readings: Vec<Reading>,
    pub(crate) aliases: Vec<String>,
    pub(crate) boxes: Vec<[f64; 4]>,
    pub(crate) history: Vec<HistoryEntry>,
    pub(crate) map: Option<MapFeatures>,
}

/// How the page's world map draws a region: its features (world-atlas ids, or names for the
/// few without one) and the states that held it before its sovereign existed (Estonia in 1960:
/// the Soviet Union), each over its dates. A picture of the answer only: evaluation never reads
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MapFeatures {
    /// The map features.
    pub features: Vec<String>,
    /// Earlier holders, tried in order: a state code and when it applies.
    pub earlier: Vec<(String, super::Interval)>,
}

/// Who held or administered a region over a past period.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HistoryEntry {
    pub(crate) sovereign: Option<String>,
    pub(crate) administered_by: Option<String>,
    pub(crate) interval: super::interval::Interval,
}

impl Region {
    /// The code.
    pub fn code(&self) -> &str {
        &self.code
    }
    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Other codes boundary data uses for it (`IC` for the Canary Islands).
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }
    /// Does one of its bounding boxes (`[south, west, north, east]`) contain the point? Boxes
    /// mark casus regions that boundary data lacks (the UK bases on Cyprus, the Senkakus).
    pub fn boxes_contain(&self, lat: f64, lon: f64) -> bool {
        self.boxes.iter().any(|[s, w, n, e]| (*s..=*n).contains(&lat) && (*w..=*e).contains(&lon))
    }
}

/// What is known about a place: every field may be unknown.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct PlaceFacts {
    /// The region codes the place lies in, most specific first (`ES-CN`, `ES`).
    pub regions: Vec<String>,
    /// A readable name.
    pub name: Option<String>,
    /// Code of the state holding sovereignty.
    pub sovereign: Option<String>,
    /// Code of the administering state.
    pub administered_by: Option<String>,
    /// The continents the place is on (ids of regions.toml's `[[continent]]` tables).
    pub continent: Option<Vec<String>>,
    /// Island or mainland.
    pub island: Option<bool>,
    /// The sea areas the place is in or over: for a point at sea, the areas it lies in; for an
    /// island, the areas it lies in; for a point on a mainland, none (`Some([])`): its coasts
    /// are a separate fact.
    pub sea: Option<Vec<String>>,
    /// The sea areas a mainland place's coast is on (Ukraine: the Black Sea): where it borders,
    /// not where it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coasts: Option<Vec<String>>,
    /// Southern and northern latitude.
    pub lat: Option<(f64, f64)>,
    /// The point, `(lat, lon)`, when the place was given as one: clauses that name a treaty
    /// area test it against the area's polygons.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<(f64, f64)>,
    /// Metropolitan territory of its sovereign.
    pub metropolitan: Option<bool>,
    /// TFEU Art 355 status.
    pub eu: Option<String>,
    /// The place is at sea, outside any land region: then it is known to be no state's land
    /// territory, on no continent and no island (territorial waters are not distinguished yet).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub at_sea: bool,
    /// The point is at sea within 12 nautical miles of a state's coast (as the land mask draws
    /// it): the state's territorial sea (UNCLOS Art 2), so it has that state's facts as well as
    /// its sea areas. Approximate: measured from the coast, not from the baselines.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub territorial_sea: bool,
    /// The point is within the fine coast's tolerance (about 650 m of a 1:10m coast, either
    /// side): on land or on the water cannot be told apart at this resolution, so it has the
    /// coastal region's facts and the sea areas of the water beside it, and a clause about
    /// being in or over a sea is undecided (for a vessel, which is on the water, it is met).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub shore: bool,
    /// For a place within about 5 km of a coast (the coarse land mask's tolerance): the sea
    /// areas of the water beside it. A vessel there is on that water, whatever the land masks
    /// draw (a harbour basin, a river mouth, a coast generalised outwards).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beside: Option<Vec<String>>,
    /// Since when the administering state has administered the place, when the regions table's
    /// history says (the occupied parts of Ukraine: 2014 or 2022).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub administered_since: Option<jiff::civil::Date>,
    /// Competing readings of treaties for this place (Ceuta under NATO Art 6, Greenland under
    /// TEU 42(7)), from the regions table.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
    /// Notes carried from the table (contested status and the like).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Arc<str>>,
}

/// One reading of whether a treaty covers a place, with its source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reading {
    /// The treaty id it is about.
    pub treaty: Arc<str>,
    /// Does this reading hold that the treaty covers the place?
    pub covered: bool,
    /// Who reads it so, and why.
    pub text: Arc<str>,
    /// Where the reading is found.
    pub source: Arc<str>,
}

/// The regions table.
///
/// Regions are kept in a vector in code order, found by code or alias through hash maps, with
/// their parents as positions: classifying a point looks regions up many times, and string
/// comparisons down a tree of codes were a good part of its cost.
#[derive(Debug, Clone, Default)]
pub struct Regions {
    /// Every region, in code order (the order [`Regions::iter`] gives).
    regions: Vec<Region>,
    /// Positions in `regions` by code and by alias (upper case): one map, so that a code is
    /// hashed once whichever it is (or neither: the boundary data has codes the table lacks).
    index: HashMap<Box<str>, Named, BuildCodeHasher>,
    /// Each region's parent, as a position (`None` for a top region or an unknown parent).
    parent: Vec<Option<usize>>,
    /// Positions of the regions that have boxes, in file order: classifying a point checks
    /// only these, not every region.
    boxed: Vec<usize>,
    /// The facts of every region today, by position, built once at load: classifying a point
    /// copies them rather than walking the parents and formatting notes each time.
    today: Vec<PlaceFacts>,
    /// By position: does the region or one of its parents have a history? Only then can the
    /// facts on some date differ from today's.
    dated: Vec<bool>,
    /// The treaty areas (`data/geo/areas.toml`), shared with the decisions that test them.
    areas: Arc<super::Areas>,
    /// The treaty ids named by readings, with where, checked once the treaties are known.
    reading_refs: Vec<(String, Loc)>,
    /// The continents and seas clauses may name.
    terms: PlaceTerms,
}

/// What a name in [`Regions`]'s index names: the region with that code, and the region with
/// that alias (a code wins over an alias).
#[derive(Debug, Clone, Copy, Default)]
struct Named {
    code: Option<usize>,
    alias: Option<usize>,
}

/// Hashes region codes (short ASCII strings) with FNV-1a: far cheaper than the default
/// SipHash for keys of a few bytes, and the table is built from the data files, not from
/// requests, so hash flooding is no concern.
#[derive(Debug, Clone, Copy, Default)]
struct BuildCodeHasher;

/// The FNV-1a state.
struct CodeHasher(u64);

impl BuildHasher for BuildCodeHasher {
    type Hasher = CodeHasher;
    fn build_hasher(&self) -> CodeHasher {
        CodeHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for CodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl Regions {
    /// Indexes the regions read by [`Regions::load`]: `aliases` maps aliases to codes, `boxed`
    /// lists the codes of the regions with boxes, in file order.
    pub(crate) fn index(
        by_code: BTreeMap<String, Region>,
        aliases: &BTreeMap<String, String>,
        boxed: &[String],
    ) -> Self {
        let regions: Vec<Region> = by_code.into_values().collect();
        let mut index: HashMap<Box<str>, Named, BuildCodeHasher> = HashMap::default();
        for (i, r) in regions.iter().enumerate() {
            index.entry(Box::from(r.code.as_str())).or_default().code = Some(i);
        }
        for (a, code) in aliases {
            if let Some(i) = index.get(code.as_str()).and_then(|n| n.code) {
                index.entry(Box::from(a.as_str())).or_default().alias = Some(i);
            }
        }
        let code = |c: &str| index.get(c).and_then(|n| n.code);
        let parent = regions.iter().map(|r| r.parent.as_deref().and_then(code)).collect();
        let boxed = boxed.iter().filter_map(|c| code(c)).collect();
        let mut out = Self {
            regions,
            index,
            parent,
            boxed,
            today: Vec::new(),
            dated: Vec::new(),
            areas: Arc::default(),
            reading_refs: Vec::new(),
            terms: PlaceTerms::default(),
        };
        out.today = (0..out.regions.len()).map(|i| out.build_facts(i)).collect();
        out.dated = (0..out.regions.len())
            .map(|i| out.ancestry(i).any(|r| !r.history.is_empty()))
            .collect();
        out
    }

    /// The treaty areas.
    pub fn areas(&self) -> &Arc<super::Areas> {
        &self.areas
    }

    /// Reads an areas file into the table: its `inside` and `outside` lists are checked
    /// against the regions.
    pub(crate) fn set_areas(&mut self, areas: super::Areas) {
        self.areas = Arc::new(areas);
    }

    /// Is a code (or alias) defined?
    pub fn contains(&self, code: &str) -> bool {
        self.position(code).is_some()
    }

    /// A close code, for "did you mean".
    pub fn suggest(&self, code: &str) -> Option<&str> {
        did_you_mean(code, self.regions.iter().map(|r| r.code.as_str()))
    }

    /// Every region, in code order.
    pub fn iter(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter()
    }

    /// A region by its code or one of its aliases.
    pub fn get(&self, code: &str) -> Option<&Region> {
        self.regions.get(self.position(code)?)
    }

    /// The position of a region by its code or one of its aliases, in any case: the region
    /// with that code, else the one with that alias.
    fn position(&self, code: &str) -> Option<usize> {
        // Codes and aliases are stored upper-cased; callers mostly pass them so (no
        // allocation then).
        let named = if code.bytes().any(|b| b.is_ascii_lowercase()) {
            self.index.get(code.to_ascii_uppercase().as_str())
        } else {
            self.index.get(code)
        };
        named.and_then(|n| n.code.or(n.alias))
    }

    /// A region and its parents, from it up. A parent cycle is reported by `load`; the bound
    /// only keeps a bad table finite.
    fn ancestry(&self, i: usize) -> impl Iterator<Item = &Region> {
        std::iter::successors(Some(i), |&k| self.parent.get(k).copied().flatten())
            .take(64)
            .filter_map(|k| self.regions.get(k))
    }

    /// Regions with bounding boxes that contain the point.
    pub fn boxed_at(&self, lat: f64, lon: f64) -> impl Iterator<Item = &Region> {
        self.boxed
            .iter()
            .filter_map(|&i| self.regions.get(i))
            .filter(move |r| r.boxes_contain(lat, lon))
    }

    /// The facts of a region on a date: its history says who held it then.
    pub fn facts_on(&self, code: &str, date: jiff::civil::Date) -> Option<PlaceFacts> {
        let i = self.position(code)?;
        let mut f = self.today.get(i)?.clone();
        if !self.dated.get(i).copied().unwrap_or(true) {
            return Some(f); // no history up the chain: today's facts hold on every date
        }
        let held =
            self.ancestry(i).find_map(|r| r.history.iter().find(|h| h.interval.contains(date)));
        if let Some(h) = held {
            if let Some(s) = &h.sovereign {
                f.sovereign = Some(s.clone());
                f.administered_by = Some(s.clone());
            }
            if let Some(a) = &h.administered_by {
                f.administered_by = Some(a.clone());
            }
            f.administered_since = Some(h.interval.from()).filter(|d| *d != jiff::civil::Date::MIN);
        } else {
            f.administered_since =
                self.administered_since(i, f.administered_by.as_deref(), Some(date));
        }
        Some(f)
    }

    /// The facts of a region today, inherited along its parents. `None` if the code is unknown.
    pub fn facts(&self, code: &str) -> Option<PlaceFacts> {
        self.facts_today(code).cloned()
    }

    /// [`Regions::facts`], borrowed from the table: for a caller that reads a field or two.
    pub fn facts_today(&self, code: &str) -> Option<&PlaceFacts> {
        self.today.get(self.position(code)?)
    }

    /// The facts of a region today, walked along its parents (what [`Regions::facts`] keeps).
    fn build_facts(&self, i: usize) -> PlaceFacts {
        let mut f = PlaceFacts::default();
        let mut visited = BTreeSet::new();
        let mut cur = Some(i);
        while let Some(k) = cur {
            let Some(r) = self.regions.get(k) else { break };
            if !visited.insert(k) {
                break; // a parent cycle: reported by `load`; stop here
            }
            f.name = f.name.or_else(|| Some(r.name.clone()));
            f.regions.push(r.code.clone());
            f.sovereign = f.sovereign.or_else(|| r.sovereign.clone());
            f.administered_by = f.administered_by.or_else(|| r.administered_by.clone());
            f.continent = f.continent.or_else(|| r.continent.clone());
            f.island = f.island.or(r.island);
            f.sea = f.sea.or_else(|| r.sea.clone());
            f.coasts = f.coasts.or_else(|| r.coasts.clone());
            f.lat = f.lat.or(r.lat);
            f.metropolitan = f.metropolitan.or(r.metropolitan);
            f.eu = f.eu.or_else(|| r.eu.clone());
            f.readings.extend(r.readings.iter().cloned());
            if let Some(n) = &r.note {
                f.notes.push(format!("{}: {n}", r.code).into());
            }
            cur = self.parent.get(k).copied().flatten();
        }
        if f.administered_by.is_none() {
            f.administered_by = f.sovereign.clone();
        }
        match f.island {
            Some(false) if f.sea.is_none() => f.sea = Some(Vec::new()), // mainland: in no sea
            Some(true) => f.coasts = None, // an island lies in its seas; a parent's coasts are not its
            _ => {}
        }
        f.administered_since = self.administered_since(i, f.administered_by.as_deref(), None);
        f
    }

    /// Since when `admin` has administered region `i`: the latest end of a history entry up its
    /// chain (before `date`, if given) under another administrator. `None` when the history
    /// records no change.
    fn administered_since(
        &self,
        i: usize,
        admin: Option<&str>,
        date: Option<jiff::civil::Date>,
    ) -> Option<jiff::civil::Date> {
        self.ancestry(i)
            .flat_map(|r| r.history.iter())
            .filter(|h| {
                let other = h.administered_by.as_deref().or(h.sovereign.as_deref());
                other.is_some() && other != admin
            })
            .filter_map(|h| h.interval.until())
            .filter(|u| date.is_none_or(|d| *u <= d))
            .max()
    }

    /// Reads and checks `regions.toml` on its own (state codes taken as written; `load`
    /// checks them against the registry), with the sea areas of the bundled `seas.toml`.
    pub fn load(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Regions {
        let raw = crate::raw::read_regions(file, diags);
        let seas = crate::raw::read_sea_ids(&crate::load::bundled_seas(), diags);
        crate::check::check_regions(&raw, None, &seas, diags)
    }

    /// Every region the page's map draws, with its features, in code order.
    pub fn map_features(&self) -> impl Iterator<Item = (&str, &MapFeatures)> {
        self.regions.iter().filter_map(|r| Some((r.code.as_str(), r.map.as_ref()?)))
    }

    /// The continents and seas clauses may name.
    pub fn terms(&self) -> &PlaceTerms {
        &self.terms
    }

    pub(crate) fn set_terms(&mut self, terms: PlaceTerms) {
        self.terms = terms;
    }

    /// The codes of regions that are their own ancestors (a cycle of parents).
    pub(crate) fn in_cycles(&self) -> Vec<&str> {
        (0..self.regions.len())
            .filter(|&i| {
                std::iter::successors(self.parent.get(i).copied().flatten(), |&k| {
                    self.parent.get(k).copied().flatten()
                })
                .take(self.regions.len() + 1)
                .any(|k| k == i)
            })
            .filter_map(|i| self.regions.get(i).map(|r| r.code.as_str()))
            .collect()
    }

    /// Keeps the treaty ids the readings name, with where, for the dataset check.
    pub(crate) fn set_reading_refs(&mut self, refs: Vec<(String, Loc)>) {
        self.reading_refs = refs;
    }

    /// The treaty ids the readings name, with where each is written.
    pub(crate) fn reading_refs(&self) -> &[(String, Loc)] {
        &self.reading_refs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, Date};

    fn load(text: &str) -> Regions {
        let mut diags = Diagnostics::default();
        let r = Regions::load(&SourceFile::new("regions.toml", text), &mut diags);
        assert!(!diags.has_errors(), "{diags:?}");
        r
    }

    /// The facts on a date by the slow path: today's facts, then every region up the chain
    /// (parents found by code, not position) tested for a history entry holding on the date.
    fn facts_on_walked(t: &Regions, code: &str, on: Date) -> Option<PlaceFacts> {
        let mut f = t.facts(code)?;
        let mut cur = t.get(code);
        let mut steps = 0;
        while let Some(r) = cur {
            steps += 1;
            if steps > 64 {
                break;
            }
            if let Some(h) = r.history.iter().find(|h| h.interval.contains(on)) {
                if let Some(s) = &h.sovereign {
                    f.sovereign = Some(s.clone());
                    f.administered_by = Some(s.clone());
                }
                if let Some(a) = &h.administered_by {
                    f.administered_by = Some(a.clone());
                }
                break;
            }
            cur = r.parent.as_deref().and_then(|p| t.iter().find(|q| q.code == p));
        }
        Some(f)
    }

    /// Regions without history up their chain take today's facts on any date: the same as the
    /// walk, for every region of the bundled table, on dates around each change it records.
    #[test]
    fn facts_on_agrees_with_the_walk() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/regions.toml");
        let t = load(&std::fs::read_to_string(path).unwrap());
        let dates = [
            date(1900, 1, 1),
            date(1962, 7, 4),
            date(1962, 7, 5),
            date(1970, 1, 1),
            date(1972, 5, 14),
            date(1972, 5, 15),
            date(1974, 8, 15),
            date(1974, 8, 16),
            date(2026, 1, 1),
        ];
        let mut differ = 0;
        for r in t.iter() {
            for d in dates {
                // (since when is tested on its own below)
                let fast =
                    t.facts_on(r.code(), d).map(|f| PlaceFacts { administered_since: None, ..f });
                let walked = facts_on_walked(&t, r.code(), d)
                    .map(|f| PlaceFacts { administered_since: None, ..f });
                assert_eq!(fast, walked, "{} on {d}", r.code());
                let today = t.facts(r.code()).map(|f| PlaceFacts { administered_since: None, ..f });
                differ += usize::from(fast != today);
            }
        }
        assert!(differ > 0, "no region's facts change with the date: the test tests nothing");
    }

    const TABLE: &str = r#"
[[region]]
code = "aa"
name = "A"
sovereign = "AAA"
aliases = ["a1"]
history = [{ sovereign = "BBB", until = 1950-01-01 }]

[[region]]
code = "AA-X"
name = "A-X"
parent = "AA"
note = "part of A"

[[region]]
code = "CC"
name = "C"
sovereign = "CCC"
boxes = [[0, 0, 1, 1]]
"#;

    #[test]
    fn lookups_and_inherited_history() {
        let t = load(TABLE);
        assert_eq!(t.iter().map(Region::code).collect::<Vec<_>>(), ["AA", "AA-X", "CC"]);
        for code in ["AA", "aa", "A1", "a1"] {
            assert_eq!(t.get(code).map(Region::code), Some("AA"), "{code}");
        }
        assert!(t.contains("aa-x"));
        assert!(!t.contains("BB"));
        assert_eq!(t.suggest("AA-Y"), Some("AA-X"));
        let today = t.facts("AA-X").unwrap();
        assert_eq!(today.regions, ["AA-X", "AA"]);
        assert_eq!(today.sovereign.as_deref(), Some("AAA"));
        assert_eq!(today.notes, [Arc::from("AA-X: part of A")]);
        // the child has no history of its own: its parent's holds for it
        let before = t.facts_on("aa-x", date(1940, 1, 1)).unwrap();
        assert_eq!(before.sovereign.as_deref(), Some("BBB"));
        assert_eq!(before.administered_by.as_deref(), Some("BBB"));
        assert_eq!(t.facts_on("AA-X", date(1960, 1, 1)), Some(today));
        assert_eq!(t.facts_on("CC", date(1940, 1, 1)), t.facts("CC"));
        assert_eq!(t.facts_on("BB", date(1940, 1, 1)), None);
        // since when: the end of the last entry under another holder, on dates after it
        assert_eq!(t.facts("AA-X").unwrap().administered_since, Some(date(1950, 1, 1)));
        assert_eq!(
            t.facts_on("AA-X", date(1960, 1, 1)).unwrap().administered_since,
            Some(date(1950, 1, 1))
        );
        assert_eq!(before.administered_since, None);
        let boxed: Vec<&str> = t.boxed_at(0.5, 0.5).map(Region::code).collect();
        assert_eq!(boxed, ["CC"]);
        assert_eq!(t.boxed_at(2.0, 0.5).count(), 0);
    }
}
