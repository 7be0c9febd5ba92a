//! Sea areas: the polygons of `data/seas.toml` and the queries on them.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use casus_core::model::{PlaceFacts, Reading};
use serde::Deserialize;

use crate::index::AreaGrid;
use crate::ring::Ring;
use crate::GeoError;

/// How many sea areas one file may define: the index numbers areas with 16 bits (a file with
/// more is refused when read, never cut short). The bundled file defines 15.
pub(crate) const MAX_SEAS: usize = u16::MAX as usize;

/// How many areas containing one point [`Hits`] holds without allocating: points of the bundled
/// file are in at most three.
const INLINE_HITS: usize = 16;

/// The areas containing a point, as positions in `areas` in increasing order: on the stack for
/// up to [`INLINE_HITS`] areas, on the heap past that.
struct Hits {
    len: usize,
    inline: [u16; INLINE_HITS],
    /// Every hit, once there are more than the inline array holds (empty until then).
    spilled: Vec<u16>,
}

impl Hits {
    fn new() -> Self {
        Self { len: 0, inline: [0; INLINE_HITS], spilled: Vec::new() }
    }

    fn push(&mut self, area: u16) {
        if self.spilled.is_empty() {
            if let Some(slot) = self.inline.get_mut(self.len) {
                *slot = area;
                self.len += 1;
                return;
            }
            self.spilled.extend_from_slice(&self.inline);
        }
        self.spilled.push(area);
    }

    fn as_slice(&self) -> &[u16] {
        if self.spilled.is_empty() {
            self.inline.get(..self.len).unwrap_or_default()
        } else {
            &self.spilled
        }
    }
}

/// The sea areas of every point of an index cell (see [`Seas::cell_seas`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellSeas {
    /// No sea area contains any point of the cell.
    None,
    /// Every point of the cell is in the areas of this template (a position in `templates`).
    Template(usize),
    /// Points of the cell must be tested.
    Test,
}

/// The sea-area file bundled with casus, embedded at build time.
const BUNDLED: &str = include_str!("../../../data/seas.toml");
/// The name the bundled file is reported under.
const BUNDLED_NAME: &str = "data/seas.toml";

/// The sea areas (and the few land areas the boundary data lacks) of a seas file.
#[derive(Debug, Clone)]
pub struct Seas {
    areas: Vec<SeaArea>,
    land: Vec<LandArea>,
    /// The index over `areas`, and over `land`.
    grid: AreaGrid,
    land_grid: AreaGrid,
    /// Positions in `areas`, in the order of their ids (the order of every list of sea ids
    /// given out): an area's rank is its place here.
    sorted: Vec<usize>,
    /// The facts of a point at sea, but for its latitude, for every set of areas that can
    /// contain a point (positions in `areas`, increasing), sorted by set: the distinct sets the
    /// index's cells hold, interned once; a cell of the cell cache names one by its place here.
    templates: Vec<(Box<[u16]>, PlaceFacts)>,
}

#[derive(Debug, Clone)]
struct SeaArea {
    id: String,
    name: String,
    /// Every area this one is part of, transitively; never itself.
    part_of: Vec<String>,
    caveat: Option<String>,
    /// Competing readings of treaties for points in this area, carried into their facts.
    readings: Vec<Reading>,
    rings: Vec<Ring>,
    /// Its rank (its place in `sorted`, the order of the ids).
    rank: u16,
    /// The ranks of itself and of every area it is part of, increasing.
    closure: Box<[u16]>,
    /// The caveat as a note of the facts (`id: caveat`).
    note: Option<String>,
}

#[derive(Debug, Clone)]
struct LandArea {
    code: String,
    rings: Vec<Ring>,
}

// ---- the file as written ------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    source: Vec<toml::Spanned<RawSource>>,
    #[serde(default)]
    sea: Vec<toml::Spanned<RawSea>>,
    #[serde(default)]
    land: Vec<toml::Spanned<RawLand>>,
}

/// A `[[source]]` table of a geography data file (seas.toml, parts.toml).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub(crate) id: String,
    #[serde(rename = "citation")]
    _citation: String,
    #[serde(default, rename = "url")]
    _url: Option<String>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSea {
    id: String,
    name: String,
    #[serde(default, rename = "part-of")]
    part_of: Vec<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
    #[serde(default)]
    caveat: Option<String>,
    polygons: Vec<Vec<Vec<f64>>>,
    #[serde(default)]
    reading: Vec<RawReading>,
}

/// `[[sea.reading]]`: the keys of `[[region.reading]]` in regions.toml.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReading {
    treaty: String,
    covered: bool,
    text: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLand {
    code: String,
    #[serde(rename = "name")]
    _name: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
    polygons: Vec<Vec<Vec<f64>>>,
}

/// Builds [`GeoError::Seas`] errors for one file.
pub(crate) struct Reporter<'a> {
    pub(crate) file: &'a str,
    pub(crate) text: &'a str,
}

impl Reporter<'_> {
    fn line_of(&self, span: Option<Range<usize>>) -> Option<usize> {
        let start = span?.start;
        Some(self.text.get(..start)?.matches('\n').count() + 1)
    }

    pub(crate) fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> GeoError {
        GeoError::Seas {
            file: self.file.to_owned(),
            line: self.line_of(span),
            message: message.into(),
        }
    }
}

/// Checks and converts the rings of one area; `what` names it in messages.
pub(crate) fn rings(
    rep: &Reporter<'_>,
    span: &Range<usize>,
    what: &str,
    polygons: Vec<Vec<Vec<f64>>>,
) -> Result<Vec<Ring>, GeoError> {
    let err = |msg: String| rep.error(Some(span.clone()), format!("{what}: {msg}"));
    if polygons.is_empty() {
        return Err(err("`polygons` is empty".to_owned()));
    }
    let mut out = Vec::with_capacity(polygons.len());
    for (ri, raw) in polygons.into_iter().enumerate() {
        let ring_no = ri + 1;
        let mut vertices = Vec::with_capacity(raw.len());
        for (vi, v) in raw.into_iter().enumerate() {
            let vertex_no = vi + 1;
            let &[lat, lon] = v.as_slice() else {
                return Err(err(format!(
                    "ring {ring_no}, vertex {vertex_no}: a vertex is [lat, lon], found {} numbers",
                    v.len()
                )));
            };
            if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
                return Err(err(format!(
                    "ring {ring_no}, vertex {vertex_no}: latitude {lat} is outside -90..=90"
                )));
            }
            if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
                return Err(err(format!(
                    "ring {ring_no}, vertex {vertex_no}: longitude {lon} is outside -180..=180"
                )));
            }
            vertices.push((lat, lon));
        }
        if vertices.len() > 1 && vertices.first() == vertices.last() {
            vertices.pop(); // closed explicitly: the closing edge is implicit anyway
        }
        let distinct: BTreeSet<(u64, u64)> =
            vertices.iter().map(|(a, b)| (a.to_bits(), b.to_bits())).collect();
        if distinct.len() < 3 {
            return Err(err(format!(
                "ring {ring_no} has {} distinct vertices; a ring needs at least 3",
                distinct.len()
            )));
        }
        let ring = Ring::new(vertices);
        // An edge spanning more than half the globe's longitudes is taken for one meant to cross
        // the antimeridian, unless it runs along a parallel (a polar cap's or a band's edge).
        let long = |((la, lo1), (lb, lo2)): &((f64, f64), (f64, f64))| {
            (lo1 - lo2).abs() > 180.0 && la != lb
        };
        if let Some(((la, lo1), (lb, lo2))) = ring.edges().find(long) {
            return Err(err(format!(
                "ring {ring_no}: the edge from [{la}, {lo1}] to [{lb}, {lo2}] spans more than 180 \
                 degrees of longitude; split a ring that crosses the antimeridian into one ending \
                 at 180 and one starting at -180"
            )));
        }
        out.push(ring);
    }
    Ok(out)
}

impl Seas {
    /// The sea areas bundled with casus (`data/seas.toml`, embedded at build time).
    ///
    /// # Errors
    /// [`GeoError::Seas`] if the bundled file is malformed (a build problem).
    pub fn bundled() -> Result<Self, GeoError> {
        Self::parse(BUNDLED_NAME, BUNDLED)
    }

    /// Reads a seas file.
    ///
    /// # Errors
    /// [`GeoError::Seas`] if it cannot be read or is malformed.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, GeoError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| GeoError::Seas {
            file: name.clone(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        Self::parse(&name, &text)
    }

    /// Parses the text of a seas file; `file` names it in errors.
    ///
    /// # Errors
    /// [`GeoError::Seas`] naming the file (and the line, where known) for malformed TOML,
    /// unknown keys, unknown sea ids or sources, duplicate ids, `part-of` cycles, and bad rings
    /// (fewer than three vertices, coordinates off the globe, edges across the antimeridian).
    // Long (about 165 lines): it checks a whole seas file in the order of its tables (sources, seas
    // with their part-of closure, land areas) and then builds the index and the templates of the
    // sets a point can be in; each step reads what the one before it checked.
    pub fn parse(file: &str, text: &str) -> Result<Self, GeoError> {
        let rep = Reporter { file, text };
        let raw: RawFile =
            toml::from_str(text).map_err(|e| rep.error(e.span(), e.message().trim().to_owned()))?;

        let mut sources = BTreeSet::new();
        for s in &raw.source {
            if !sources.insert(s.get_ref().id.clone()) {
                return Err(
                    rep.error(Some(s.span()), format!("duplicate source `{}`", s.get_ref().id))
                );
            }
        }
        let check_source = |src: &Option<String>, span: &Range<usize>, what: &str| match src {
            Some(s) if !sources.contains(s) => Err(rep.error(
                Some(span.clone()),
                format!("{what}: unknown source `{s}` (not a [[source]] id in this file)"),
            )),
            _ => Ok(()),
        };

        if let Some(over) = raw.sea.get(MAX_SEAS) {
            return Err(rep.error(
                Some(over.span()),
                format!("more than {MAX_SEAS} sea areas: a file may define at most {MAX_SEAS}"),
            ));
        }
        // Every sea, its direct part-of list, and its span (for messages). The ids the file
        // declares are the seas there are: `part-of` names one of them. An id's rank is its
        // place in id order (a BTreeMap iterates in order); the first sea with an id gives
        // its position (a second is refused below).
        let mut declared: BTreeMap<String, usize> = BTreeMap::new();
        for (i, s) in raw.sea.iter().enumerate() {
            declared.entry(s.get_ref().id.clone()).or_insert(i);
        }
        let sorted: Vec<usize> = declared.values().copied().collect();
        let ranks: BTreeMap<&str, u16> = declared
            .keys()
            .enumerate()
            .map(|(k, id)| (id.as_str(), u16::try_from(k).unwrap_or(u16::MAX)))
            .collect();
        let rank = |id: &str| ranks.get(id).copied().unwrap_or(u16::MAX);
        let mut seen = BTreeSet::new();
        let mut areas: Vec<(SeaArea, Range<usize>)> = Vec::with_capacity(raw.sea.len());
        for spanned in raw.sea {
            let span = spanned.span();
            let s = spanned.into_inner();
            let what = format!("sea `{}`", s.id);
            if s.id.trim().is_empty() {
                return Err(rep.error(Some(span), "sea: `id` is empty"));
            }
            if !seen.insert(s.id.clone()) {
                return Err(rep.error(Some(span), format!("duplicate sea `{}`", s.id)));
            }
            if s.name.trim().is_empty() {
                return Err(rep.error(Some(span), format!("{what}: `name` is empty")));
            }
            for p in &s.part_of {
                if !declared.contains_key(p.as_str()) {
                    return Err(
                        rep.error(Some(span), format!("{what}: unknown sea `{p}` in `part-of`"))
                    );
                }
                if *p == s.id {
                    return Err(rep.error(Some(span), format!("{what} is `part-of` itself")));
                }
            }
            check_source(&s.source, &span, &what)?;
            let rings = rings(&rep, &span, &what, s.polygons)?;
            let mut readings = Vec::with_capacity(s.reading.len());
            for r in s.reading {
                for (key, value) in
                    [("treaty", &r.treaty), ("text", &r.text), ("source", &r.source)]
                {
                    if value.trim().is_empty() {
                        return Err(
                            rep.error(Some(span), format!("{what}: a reading's `{key}` is empty"))
                        );
                    }
                }
                readings.push(Reading {
                    treaty: r.treaty.into(),
                    covered: r.covered,
                    text: r.text.into(),
                    source: r.source.into(),
                });
            }
            let area = SeaArea {
                id: s.id,
                name: s.name,
                part_of: s.part_of,
                caveat: s.caveat.filter(|c| !c.trim().is_empty()),
                readings,
                rings,
                rank: 0,
                closure: Box::default(),
                note: None,
            };
            areas.push((area, span));
        }

        // part-of is transitive: close it, refusing cycles.
        let direct: BTreeMap<String, Vec<String>> =
            areas.iter().map(|(a, _)| (a.id.clone(), a.part_of.clone())).collect();
        for (area, span) in &mut areas {
            let mut closure: BTreeSet<String> = BTreeSet::new();
            let mut todo = area.part_of.clone();
            while let Some(p) = todo.pop() {
                if p == area.id {
                    return Err(rep.error(
                        Some(span.clone()),
                        format!("sea `{}`: `part-of` leads back to itself", area.id),
                    ));
                }
                if closure.insert(p.clone()) {
                    if let Some(more) = direct.get(&p) {
                        todo.extend(more.iter().cloned());
                    }
                }
            }
            area.part_of = closure.into_iter().collect();
            area.rank = rank(&area.id);
            let mut ranks: Vec<u16> =
                area.part_of.iter().map(|p| rank(p)).chain([area.rank]).collect();
            ranks.sort_unstable();
            area.closure = ranks.into();
            area.note = area.caveat.as_ref().map(|c| format!("{}: {c}", area.id));
        }

        let mut land = Vec::with_capacity(raw.land.len());
        for spanned in raw.land {
            let span = spanned.span();
            let l = spanned.into_inner();
            let what = format!("land `{}`", l.code);
            if l.code.trim().is_empty() {
                return Err(rep.error(Some(span), "land: `code` is empty"));
            }
            check_source(&l.source, &span, &what)?;
            let rings = rings(&rep, &span, &what, l.polygons)?;
            land.push(LandArea { code: l.code.to_ascii_uppercase(), rings });
        }

        let areas: Vec<SeaArea> = areas.into_iter().map(|(a, _)| a).collect();
        let mut seas = Self {
            grid: AreaGrid::build(areas.iter().map(|a| a.rings.as_slice())),
            land_grid: AreaGrid::build(land.iter().map(|l| l.rings.as_slice())),
            areas,
            land,
            sorted,
            templates: Vec::new(),
        };
        // The sets a point can be in: in each cell, the areas containing it whole and any of
        // those to test there (a cell rarely has more than three).
        let mut sets: BTreeSet<Box<[u16]>> = BTreeSet::new();
        seas.grid.for_each_cell_sets(|whole, test| {
            if test.len() > 8 {
                return; // such a cell's points are tested
            }
            for sub in 0..1u32 << test.len() {
                let mut set = whole.to_vec();
                let chosen = test.iter().enumerate().filter(|(i, _)| sub & (1 << i) != 0);
                set.extend(chosen.map(|(_, a)| *a));
                set.sort_unstable();
                if !set.is_empty() {
                    sets.insert(set.into());
                }
            }
        });
        seas.templates = sets
            .into_iter()
            .map(|set| {
                let facts = seas.facts_of(&set);
                (set, facts)
            })
            .collect();
        Ok(seas)
    }

    /// The areas containing a point (valid coordinates), as positions in `areas`, increasing.
    fn hits(&self, lat: f64, lon: f64) -> Hits {
        let contains = move |a: usize, r: usize| {
            let ring = self.areas.get(a).and_then(|a| a.rings.get(r));
            ring.is_some_and(|r| r.contains(lat, lon))
        };
        let mut hits = Hits::new();
        for a in self.grid.hits(lat, lon, contains) {
            // INVARIANT: fewer than u16::MAX areas (MAX_SEAS), so every position fits.
            hits.push(u16::try_from(a).unwrap_or(u16::MAX));
        }
        hits
    }

    /// The areas at positions in `areas` (increasing), in file order.
    fn areas_in<'s>(&'s self, hits: &'s [u16]) -> impl Iterator<Item = &'s SeaArea> + 's {
        hits.iter().filter_map(|&a| self.areas.get(usize::from(a)))
    }

    /// The areas at positions in `areas` and every area they are part of, each once, in the
    /// order of their ids: a merge of the hits' closures (a few short sorted lists), so
    /// nothing is allocated.
    fn closure_of<'s>(&'s self, hits: &'s [u16]) -> impl Iterator<Item = &'s SeaArea> + 's {
        // Most points are in one area: its closure is the answer, with nothing to merge.
        let single: &[u16] = match hits {
            [a] => self.areas.get(usize::from(*a)).map_or(&[], |a| &a.closure),
            _ => &[],
        };
        let many = if single.is_empty() { hits } else { &[] };
        let mut last: Option<u16> = None;
        let merged = std::iter::from_fn(move || {
            let next = self
                .areas_in(many)
                .filter_map(|a| {
                    let from = a.closure.partition_point(|&r| last.is_some_and(|l| r <= l));
                    a.closure.get(from).copied()
                })
                .min()?;
            last = Some(next);
            Some(next)
        });
        let ranks = single.iter().copied().chain(merged);
        ranks.filter_map(|r| self.sorted.get(usize::from(r)).and_then(|&a| self.areas.get(a)))
    }

    /// The ids of the sea areas defined, in file order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.areas.iter().map(|a| a.id.as_str())
    }

    /// The name of a sea area (`"Mediterranean Sea"`).
    pub fn name(&self, id: &str) -> Option<&str> {
        self.areas.iter().find(|a| a.id == id).map(|a| a.name.as_str())
    }

    /// The sea areas containing a point: the ids of every area whose polygons contain it, with
    /// the areas they are part of, deduplicated and sorted (`["pacific", "south-china-sea"]`).
    /// Empty if none does, or for coordinates off the globe. Land is not excluded: this is the
    /// polygons' answer alone.
    pub fn at(&self, lat: f64, lon: f64) -> Vec<String> {
        if !valid(lat, lon) {
            return Vec::new();
        }
        let hits = self.hits(lat, lon);
        self.closure_of(hits.as_slice()).map(|a| a.id.clone()).collect()
    }

    /// [`Seas::at`] testing every ring in full, without the grid index or the bounding-box
    /// prefilter: the same answer, slower. For benchmarks and tests.
    #[doc(hidden)]
    pub fn at_unfiltered(&self, lat: f64, lon: f64) -> Vec<String> {
        if !valid(lat, lon) {
            return Vec::new();
        }
        expand(
            self.areas.iter().filter(|a| a.rings.iter().any(|r| r.contains_unfiltered(lat, lon))),
        )
    }

    /// The code of the land area (`[[land]]`) containing a point, if any.
    pub fn land_at(&self, lat: f64, lon: f64) -> Option<&str> {
        if !valid(lat, lon) {
            return None;
        }
        let contains = |a: usize, r: usize| {
            let ring = self.land.get(a).and_then(|l| l.rings.get(r));
            ring.is_some_and(|r| r.contains(lat, lon))
        };
        let first = self.land_grid.hits(lat, lon, contains).next();
        first.and_then(|a| self.land.get(a)).map(|l| l.code.as_str())
    }

    /// The sea areas of every point of a cell of the index (one degree, `row` from 90 S, `col`
    /// from 180 W): [`Seas::facts`] gives a point of a cell with a template that template's
    /// facts, and a point of a cell with none `None`.
    pub(crate) fn cell_seas(&self, row: usize, col: usize) -> CellSeas {
        let Some(whole) = self.grid.whole_areas(row, col) else {
            return CellSeas::Test;
        };
        if whole.clone().next().is_none() {
            return CellSeas::None;
        }
        let found = self
            .templates
            .binary_search_by(|(set, _)| set.iter().map(|&a| usize::from(a)).cmp(whole.clone()));
        match found {
            Ok(k) => CellSeas::Template(k),
            Err(_) => CellSeas::Test,
        }
    }

    /// Does a land area come near a cell of the index (as in [`Seas::cell_seas`])? If not,
    /// [`Seas::land_at`] is `None` for every point of it.
    pub(crate) fn land_near(&self, row: usize, col: usize) -> bool {
        self.land_grid.any_in(row, col)
    }

    /// The facts of a point at sea (valid coordinates) in the areas of a template (see
    /// [`Seas::cell_seas`]).
    pub(crate) fn template_facts(&self, k: usize, lat: f64) -> Option<PlaceFacts> {
        let mut facts = self.templates.get(k).map(|(_, f)| f.clone())?;
        facts.lat = Some((lat, lat));
        Some(facts)
    }

    /// The facts of a point at sea: its sea areas, its latitude, a name from the most specific
    /// areas containing it, and `at_sea` (known to be no land territory). `None` if no area
    /// contains it.
    pub(crate) fn facts(&self, lat: f64, lon: f64) -> Option<PlaceFacts> {
        if !valid(lat, lon) {
            return None;
        }
        let hits = self.hits(lat, lon);
        let hits = hits.as_slice();
        if hits.is_empty() {
            return None;
        }
        let mut facts = match self.templates.binary_search_by(|(set, _)| (**set).cmp(hits)) {
            Ok(i) => self.templates.get(i).map(|(_, f)| f.clone()),
            Err(_) => None,
        }
        .unwrap_or_else(|| self.facts_of(hits));
        facts.lat = Some((lat, lat));
        Some(facts)
    }

    /// The facts of a point in a set of areas (positions in `areas`, increasing), but for its
    /// latitude.
    fn facts_of(&self, hits: &[u16]) -> PlaceFacts {
        let sea: Vec<String> = self.closure_of(hits).map(|a| a.id.clone()).collect();
        // The most specific: hits that no other hit is part of (south-china-sea, not pacific),
        // in file order.
        let part_of_a_hit = |a: &SeaArea| {
            self.areas_in(hits)
                .any(|b| b.rank != a.rank && b.closure.binary_search(&a.rank).is_ok())
        };
        let names: Vec<&str> =
            self.areas_in(hits).filter(|a| !part_of_a_hit(a)).map(|a| a.name.as_str()).collect();
        let notes =
            self.closure_of(hits).filter_map(|a| a.note.as_deref().map(Into::into)).collect();
        // The readings of every area the point is in, the areas it is part of included.
        let readings = self.closure_of(hits).flat_map(|a| a.readings.iter().cloned()).collect();
        PlaceFacts {
            regions: Vec::new(),
            name: Some(format!("{} (at sea)", names.join(" / "))),
            sovereign: None,
            continent: None,
            island: None,
            sea: Some(sea),
            lat: None,
            at_sea: true,
            notes,
            readings,
            ..PlaceFacts::default()
        }
    }

    /// Every ring with the id of its area (land areas under their code), for checks.
    #[cfg(test)]
    pub(crate) fn rings(&self) -> impl Iterator<Item = (&str, &Ring)> {
        let seas = self.areas.iter().flat_map(|a| a.rings.iter().map(move |r| (a.id.as_str(), r)));
        let land = self.land.iter().flat_map(|l| l.rings.iter().map(move |r| (l.code.as_str(), r)));
        seas.chain(land)
    }
}

/// Latitude within -90..=90 and longitude within -180..=180 (which rejects NaN).
pub(crate) fn valid(lat: f64, lon: f64) -> bool {
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

/// The ids of the areas and of everything they are part of, sorted and deduplicated.
fn expand<'a>(areas: impl Iterator<Item = &'a SeaArea>) -> Vec<String> {
    let mut ids: Vec<&str> = Vec::new();
    for a in areas {
        ids.push(a.id.as_str());
        ids.extend(a.part_of.iter().map(String::as_str));
    }
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests;
