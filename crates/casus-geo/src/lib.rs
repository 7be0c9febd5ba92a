//! casus-geo: where an attack lands. Classifies a point (latitude, longitude) into the
//! [`PlaceFacts`] that treaty scope clauses read: the ISO 3166-1/3166-2 areas containing it
//! (from OpenStreetMap-derived boundaries in the `country-boundaries` crate, offline), and
//! through the regions table its sovereign, continent, island status and seas.
//!
//! Land or sea is decided first, by a land mask: Natural Earth's land polygons
//! (`data/geo/land.txt`, public domain, embedded at build time). The boundary data alone cannot
//! say: it extends countries over their nearby waters, and further (a point 33 km off Gotland is
//! "SE" to it). On land (inside the mask, or within 0.05 degree of a coast, see
//! [`Surface::Coast`]) the point gets the boundary data's areas, refined by casus parts
//! (`data/geo/parts.toml`: the European and Asian parts of Turkey, Russia, Kazakhstan and
//! Egypt, the north of Cyprus, the UK bases on Cyprus, Okinawa), which come first. Boxes in the regions
//! table (the Senkakus, islets no land data has) come before everything, at sea too.
//!
//! A point outside the mask is at sea: it is classified by the sea-area polygons of
//! `data/seas.toml` (simplified IHO S-23 limits), which give its sea areas (`mediterranean`,
//! `south-china-sea` and `pacific`, ...) and any competing readings attached to them. Where the
//! boundary data names a state and the land mask has land within 12 nautical miles, the point
//! is in that state's territorial sea (UNCLOS Arts 2 and 3; approximate, measured from the
//! coast as the mask draws it, not from the baselines): it has the state's facts as well. A
//! point on the shore (outside the mask, within its tolerance) has its region's facts, marked
//! as the shore, with the sea areas of the water beside it. Water that no sea area names (the
//! Caspian, a lake) is inland water: at sea in none of the sea areas, and within 12 nautical
//! miles of a shore the boundary data gives a state, that state's waters. A point on land that
//! no area names (Bir Tawil) stays unknown, so a decision that depends on it says it is
//! undecided rather than guessing. The seas file also marks land the mask and the boundary
//! data lack (the Antarctic ice shelves), which is classified as that region, and land south of
//! 60 S that no boundary names is Antarctica (`AQ`).
#![deny(missing_docs)]

mod boundary;
mod cells;
mod ids;
mod index;
mod land;
mod parts;
mod ring;
mod seas;

pub use land::Surface;
pub use seas::Seas;

use casus_core::model::{PlaceFacts, Region, Regions};
use jiff::civil::Date;

use boundary::{Boundaries, BoundaryIds};
use cells::{Cell, Cells};
use ids::Ids;
use land::LandMask;
use parts::Parts;

/// South of this latitude, land that no boundary names is Antarctica: ISO 3166-1 `AQ` is the
/// territory south of 60 S, which is also the Antarctic Treaty area (Art VI).
const ANTARCTIC_LIMIT: f64 = -60.0;

/// Why a point could not be classified.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum GeoError {
    /// Latitude or longitude out of range, or not a number.
    #[error("invalid coordinates `{lat},{lon}`: latitude must be within -90..=90 and longitude within -180..=180")]
    Coordinates {
        /// Latitude in degrees, north positive (-90 to 90).
        lat: f64,
        /// Longitude in degrees, east positive (-180 to 180).
        lon: f64,
    },
    /// The boundary data could not be read (a build problem, not a user one).
    #[error("boundary data unreadable: {0}")]
    Data(String),
    /// A seas file or the parts file is unreadable or malformed.
    #[error("{}: {message}", location(file, *line))]
    Seas {
        /// The file, as given.
        file: String,
        /// The line (1-based) where the problem is, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

fn location(file: &str, line: Option<usize>) -> String {
    match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_owned(),
    }
}

/// Checks the geography files of a data directory as the classifier reads them:
/// `DIR/seas.toml` and `DIR/geo/parts.toml`, where present. (The classifier embeds the bundled
/// copies at build time; this is how `casus validate DIR` checks a directory's own.)
pub fn check_files(dir: &std::path::Path) -> Vec<GeoError> {
    let mut out = Vec::new();
    let seas = dir.join("seas.toml");
    if seas.exists() {
        if let Err(e) = Seas::load(&seas) {
            out.push(e);
        }
    }
    let parts = dir.join("geo").join("parts.toml");
    if parts.exists() {
        let name = parts.display().to_string();
        match std::fs::read_to_string(&parts) {
            Ok(text) => out.extend(check_texts(None, Some((&name, &text)))),
            Err(e) => out.push(GeoError::Seas {
                file: name,
                line: None,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    out
}

/// The parts of a data directory's parts file (`DIR/geo/parts.toml`) whose code `known_region`
/// does not know: each a [`GeoError::Seas`] at its file and line. (A part's code is the region a
/// point in it is classified as; one the regions table lacks would classify points into
/// nowhere. A parent is an id of the boundary data, not necessarily a region of the table.)
pub fn check_part_regions(
    dir: &std::path::Path,
    known_region: &dyn Fn(&str) -> bool,
) -> Vec<GeoError> {
    let path = dir.join("geo").join("parts.toml");
    let Ok(text) = std::fs::read_to_string(&path) else { return Vec::new() };
    let file = path.display().to_string();
    let Ok(parts) = Parts::parse(&file, &text) else { return Vec::new() };
    let line_of = |key: &str, code: &str| {
        let needle = format!("{key} = \"{code}\"");
        text.lines().position(|l| l.trim() == needle).map(|i| i + 1)
    };
    let mut out = Vec::new();
    for (code, _) in parts.codes() {
        if !known_region(code) {
            out.push(GeoError::Seas {
                file: file.clone(),
                line: line_of("code", code),
                message: format!("part `{code}` is no region of regions.toml"),
            });
        }
    }
    out
}

/// Parses a seas file's and a parts file's texts (`(name, text)`) as the classifier would,
/// without building a classifier: what `casus validate` and the fuzz targets check.
#[doc(hidden)]
pub fn check_texts(seas: Option<(&str, &str)>, parts: Option<(&str, &str)>) -> Vec<GeoError> {
    let mut out = Vec::new();
    if let Some((name, text)) = seas {
        out.extend(Seas::parse(name, text).err());
    }
    if let Some((name, text)) = parts {
        out.extend(Parts::parse(name, text).err());
    }
    out
}

/// A point classifier. Build once and share: loading the boundary data, the land mask (and
/// building its index) and the sea areas takes some tens of milliseconds. What the sources say
/// of whole one-degree cells is kept in a cell cache, the boundary data's part filled as points
/// are classified (so the first point in each cell costs a few microseconds more); the
/// classifier is `Send` and `Sync`.
pub struct Classifier {
    boundaries: Boundaries,
    land: LandMask,
    /// The 1:10m coast, read within the coarse mask's tolerance of a coast.
    fine: std::sync::OnceLock<Result<LandMask, GeoError>>,
    parts: Parts,
    seas: Seas,
    cells: Cells,
}

/// What the land mask and the boundary data say of a point, before the regions table.
struct Lookup<'a> {
    surface: Surface,
    /// Within the coarse mask's tolerance of a coast (0.05 degree), either side: then within
    /// 12 nautical miles of one too, and the water beside it is worth naming.
    near_coast: bool,
    /// The boundary data's ids, as given.
    boundary: BoundaryIds<'a>,
    /// The ids of the land areas containing the point, most specific first; empty at sea.
    land: Ids<'a>,
    /// The point's cell in the cell cache, unless the lookup was made without it.
    cell: Option<Cell>,
}

impl std::fmt::Debug for Classifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Classifier")
    }
}

impl Classifier {
    /// Loads the bundled boundary data (ODbL, © OpenStreetMap contributors), land mask (Natural
    /// Earth, public domain), parts and sea areas (`data/geo/land.txt`, `data/geo/parts.toml`,
    /// `data/seas.toml`, embedded: nothing is read at run time).
    ///
    /// # Errors
    /// [`GeoError::Data`] if the bundled boundary data or land mask cannot be decoded,
    /// [`GeoError::Seas`] if the bundled seas or parts file is malformed.
    pub fn new() -> Result<Self, GeoError> {
        Self::with_seas(Seas::bundled()?)
    }

    /// Loads the bundled boundary data, land mask and parts, with other sea areas (from
    /// [`Seas::load`] or [`Seas::parse`]).
    ///
    /// # Errors
    /// [`GeoError::Data`] if the bundled boundary data or land mask cannot be decoded,
    /// [`GeoError::Seas`] if the bundled parts file is malformed.
    pub fn with_seas(seas: Seas) -> Result<Self, GeoError> {
        let boundaries = Boundaries::bundled()?;
        let land = LandMask::bundled()?;
        let fine = std::sync::OnceLock::new();
        let parts = Parts::bundled()?;
        let cells = Cells::build(&land, &seas, &boundaries, |id| parts.is_parent(id));
        Ok(Self { boundaries, land, fine, parts, seas, cells })
    }

    /// The sea areas in use.
    pub fn seas(&self) -> &Seas {
        &self.seas
    }

    /// Land, coast or sea: the coarse mask (with its grid index, and the cell cache where no
    /// coast comes near), and within its tolerance of a coast the fine coast, which draws it
    /// to a few hundred metres. [`Surface::Coast`] is then the shore: within about 650 m of a
    /// 1:10m coast.
    ///
    /// # Errors
    /// [`GeoError::Coordinates`] for a point off the globe.
    pub fn surface(&self, lat: f64, lon: f64) -> Result<Surface, GeoError> {
        check(lat, lon)?;
        let cell = self.cells.peek(lat, lon);
        Ok(cell.surface().unwrap_or_else(|| self.refine(self.land.locate(lat, lon), lat, lon)))
    }

    /// The coarse mask's answer refined by the fine coast near a coast. The fine coast's band
    /// is two-sided: within its tolerance of a 1:10m coast, inside the polygons or out, land and
    /// water are not told apart (the shore), since its generalisation moves the line both ways.
    fn refine(&self, coarse: Surface, lat: f64, lon: f64) -> Surface {
        self.refine_near(coarse, lat, lon).0
    }

    /// [`Classifier::refine`], and whether the point is near a coast (see [`Lookup`]).
    fn refine_near(&self, coarse: Surface, lat: f64, lon: f64) -> (Surface, bool) {
        let Some(fine_mask) = self.fine() else { return (coarse, coarse == Surface::Coast) };
        let fine = || match fine_mask.locate(lat, lon) {
            Surface::Land if fine_mask.near_coast(lat, lon) => Surface::Coast,
            other => other,
        };
        match coarse {
            Surface::Coast => (fine(), true),
            Surface::Land if self.land.near_coast(lat, lon) => (fine(), true),
            other => (other, false),
        }
    }

    /// The fine coast, parsed on first use (a coastal point): most points never need it, and
    /// it is the larger part of building a classifier. `None` if the bundled file is broken
    /// (a build problem the tests catch); the coarse mask answers alone then.
    fn fine(&self) -> Option<&LandMask> {
        self.fine.get_or_init(LandMask::bundled_fine).as_ref().ok()
    }

    /// The coarse mask's own answer (1:50m, tolerance 0.05 degree), with its grid index. For
    /// benchmarks and tests.
    #[doc(hidden)]
    pub fn coarse_surface(&self, lat: f64, lon: f64) -> Result<Surface, GeoError> {
        check(lat, lon)?;
        Ok(self.land.locate(lat, lon))
    }

    /// The fine coast's own answer (1:10m, tolerance 0.006 degree), with its grid index, and
    /// with only a bounding-box prefilter per ring (the same answer, slower). For tests.
    #[doc(hidden)]
    pub fn fine_surface(&self, lat: f64, lon: f64) -> Result<(Surface, Surface), GeoError> {
        check(lat, lon)?;
        let fine =
            self.fine().ok_or_else(|| GeoError::Data("the fine coast is unreadable".into()))?;
        Ok((fine.locate(lat, lon), fine.locate_bbox(lat, lon)))
    }

    /// [`Classifier::coarse_surface`] with only a bounding-box prefilter per ring: the same
    /// answer, slower. For benchmarks and tests.
    #[doc(hidden)]
    pub fn surface_bbox(&self, lat: f64, lon: f64) -> Result<Surface, GeoError> {
        check(lat, lon)?;
        Ok(self.land.locate_bbox(lat, lon))
    }

    /// [`Classifier::coarse_surface`] by brute force over every edge of the mask: the same
    /// answer, much slower. For benchmarks and tests.
    #[doc(hidden)]
    pub fn surface_unfiltered(&self, lat: f64, lon: f64) -> Result<Surface, GeoError> {
        check(lat, lon)?;
        Ok(self.land.locate_unfiltered(lat, lon))
    }

    /// The land mask's size and index, for benchmarks.
    #[doc(hidden)]
    pub fn land_mask_stats(&self) -> String {
        self.land.describe()
    }

    /// The casus parts (`data/geo/parts.toml`) as `(code, parent)`, in file order
    /// (`("XX-TR-THRACE", "TR")`, ...).
    pub fn parts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.parts.codes()
    }

    /// The ids of the land areas containing a point, most specific first: a casus part where
    /// one applies, then the boundary data's ISO 3166 ids (`["XX-TR-THRACE", "TR"]`,
    /// `["US-HI", "US"]`); for land the boundary data lacks, the code the seas file gives it
    /// (`["AQ"]`), or `AQ` south of 60 S. Empty at sea (outside the land mask, whatever the
    /// boundary data says), and on land that no area names. The regions table's boxes are not
    /// consulted (see [`Classifier::classify`]).
    ///
    /// # Errors
    /// [`GeoError::Coordinates`] for a point off the globe.
    pub fn ids(&self, lat: f64, lon: f64) -> Result<Vec<String>, GeoError> {
        Ok(self.lookup(lat, lon, true)?.land.to_vec())
    }

    /// [`Classifier::ids`] without the cell cache: the same answer, slower. For benchmarks and
    /// tests.
    #[doc(hidden)]
    pub fn ids_uncached(&self, lat: f64, lon: f64) -> Result<Vec<String>, GeoError> {
        Ok(self.lookup(lat, lon, false)?.land.to_vec())
    }

    /// The boundary data's own answer for a point, as given (`["SE"]` for a point in the Baltic
    /// 10 km off Gotland): no land mask, no parts.
    ///
    /// # Errors
    /// [`GeoError::Coordinates`] for a point off the globe.
    pub fn boundary_ids(&self, lat: f64, lon: f64) -> Result<Vec<String>, GeoError> {
        check(lat, lon)?;
        let cell = self.cells.get(&self.boundaries, lat, lon);
        Ok(self.boundary(lat, lon, Some(cell))?.iter().map(str::to_owned).collect())
    }

    /// [`Classifier::boundary_ids`] without the cell cache: the same answer, slower. For
    /// benchmarks and tests.
    #[doc(hidden)]
    pub fn boundary_ids_uncached(&self, lat: f64, lon: f64) -> Result<Vec<String>, GeoError> {
        check(lat, lon)?;
        Ok(self.boundary(lat, lon, None)?.iter().map(str::to_owned).collect())
    }

    /// The boundary data's ids for a point (valid coordinates): the cell cache's, when it has
    /// them for the point's cell, else the crate's.
    fn boundary(
        &self,
        lat: f64,
        lon: f64,
        cell: Option<Cell>,
    ) -> Result<BoundaryIds<'_>, GeoError> {
        if let Some((ids, len)) = cell.and_then(|c| c.boundary()) {
            return Ok(BoundaryIds::Cached { names: self.boundaries.names(), ids, len });
        }
        // LatLon wraps longitudes beyond ±180 round the globe; `check` refuses them first.
        let ids = self.boundaries.ids(lat, lon).ok_or(GeoError::Coordinates { lat, lon })?;
        Ok(BoundaryIds::Computed(ids))
    }

    /// What the sources say of a point, with the cell cache (`cached`) or without.
    fn lookup(&self, lat: f64, lon: f64, cached: bool) -> Result<Lookup<'_>, GeoError> {
        check(lat, lon)?;
        let cell = cached.then(|| self.cells.get(&self.boundaries, lat, lon));
        // The land mask before the boundary data: its reads do not wait on the crate's.
        let (surface, near_coast) = match cell.and_then(|c| c.surface()) {
            Some(s) => (s, false),
            None => self.refine_near(self.land.locate(lat, lon), lat, lon),
        };
        let boundary = self.boundary(lat, lon, cell)?;
        let mut land = Ids::default();
        if boundary.is_empty() {
            // Land the boundary data lacks: the seas file's land areas (which include the
            // Antarctic ice shelves, outside the mask), else the Antarctic rule.
            let area = if cell.is_some_and(|c| c.no_land_area()) {
                None
            } else {
                self.seas.land_at(lat, lon)
            };
            match area {
                Some(code) => land.push(code),
                None if surface == Surface::Land && lat <= ANTARCTIC_LIMIT => land.push("AQ"),
                None => {}
            }
        } else if surface != Surface::Sea {
            if cell.is_none_or(|c| c.parts()) {
                self.parts.refine(&boundary, lat, lon, &mut land);
            } else {
                // no id is a part's parent: refining would change nothing
                boundary.iter().for_each(|id| land.push(id));
            }
        }
        Ok(Lookup { surface, near_coast, boundary, land, cell })
    }

    /// The sea areas whose polygons contain a point, with the areas they are part of, sorted
    /// (`["pacific", "south-china-sea"]`). This is the polygons' answer alone: near a coast or
    /// on land it may name a sea although [`Classifier::classify`] gives the country. Empty for
    /// a point in no sea area, or off the globe.
    pub fn seas_at(&self, lat: f64, lon: f64) -> Vec<String> {
        self.seas.at(lat, lon)
    }

    /// The facts of a point on a date.
    ///
    /// - Inside a box of the regions table (the Senkakus), or on land (see
    ///   [`Classifier::ids`]): the facts of the most specific region that the table knows, with
    ///   the point's own latitude.
    /// - At sea (outside the land mask, or a coastal point the boundary data puts in no
    ///   country): its sea areas (with those they are part of), its latitude, a name, the
    ///   readings attached to its seas and `at_sea`, everything else unknown. Territorial
    ///   waters are not distinguished; where the boundary data puts the point in a country,
    ///   that country and its sovereign are given in a note (`territorial-sea: ...`) only.
    ///
    /// `None` if no region or sea area can be named: a point in no sea area (the Caspian), land
    /// that no area names (Bir Tawil), or an area the regions table lacks.
    ///
    /// # Errors
    /// [`GeoError::Coordinates`] for a point off the globe.
    pub fn classify(
        &self,
        lat: f64,
        lon: f64,
        date: Date,
        regions: &Regions,
    ) -> Result<Option<PlaceFacts>, GeoError> {
        self.classify_with(lat, lon, date, regions, true)
    }

    /// [`Classifier::classify`] without the cell cache: the same answer, slower. For benchmarks
    /// and tests.
    ///
    /// # Errors
    /// [`GeoError::Coordinates`] for a point off the globe.
    #[doc(hidden)]
    pub fn classify_uncached(
        &self,
        lat: f64,
        lon: f64,
        date: Date,
        regions: &Regions,
    ) -> Result<Option<PlaceFacts>, GeoError> {
        self.classify_with(lat, lon, date, regions, false)
    }

    fn classify_with(
        &self,
        lat: f64,
        lon: f64,
        date: Date,
        regions: &Regions,
        cached: bool,
    ) -> Result<Option<PlaceFacts>, GeoError> {
        let Lookup { surface, near_coast, boundary, land, cell } = self.lookup(lat, lon, cached)?;
        // casus regions the boundary data lacks (bases, disputed islets) are marked by
        // boxes in the regions table; inside one, it is the most specific area, land or sea.
        let mut ids = regions.boxed_at(lat, lon).map(Region::code).chain(land.iter()).peekable();
        if ids.peek().is_some() {
            let Some(mut facts) = ids.find_map(|id| regions.facts_on(id, date)) else {
                return Ok(None);
            };
            facts.lat = Some((lat, lat));
            facts.point = Some((lat, lon));
            let shore = surface == Surface::Coast;
            if shore || near_coast {
                // Within about 5 km of a coast: the sea areas of the water beside it, for a
                // vessel there (which is on the water, whatever the masks draw).
                let beside = self.seas.at(lat, lon);
                if !beside.is_empty() {
                    facts.beside = Some(beside);
                }
            }
            if shore {
                // Within the fine coast's tolerance: a harbour, a waterfront, or the water
                // beside it. The seas there are those of the water.
                facts.shore = true;
                let beside = facts.beside.clone().unwrap_or_default();
                if facts.island == Some(true) {
                    // an island lies in its own seas, whichever the water beside this point is
                    let mut all = facts.sea.take().unwrap_or_default();
                    all.extend(beside);
                    all.sort();
                    all.dedup();
                    facts.sea = Some(all);
                } else if !beside.is_empty() {
                    facts.sea = Some(beside);
                }
            }
            return Ok(Some(facts));
        }
        if surface == Surface::Land {
            return Ok(None); // land, but no area names it
        }
        let facts = match cell.and_then(|c| c.seas()) {
            Some(Some(template)) => self.seas.template_facts(template, lat),
            Some(None) => None,
            None => self.seas.facts(lat, lon),
        };
        let mut facts = match facts {
            Some(f) => f,
            // Water the land mask holds as a hole and no sea area names (the Caspian, Lake
            // Ladoga): on the water, in none of the sea areas. A coastal point the boundary
            // data names no country for, outside every sea area, stays unknown.
            None if surface == Surface::Sea => PlaceFacts {
                name: Some("inland water (in no sea area)".to_owned()),
                sea: Some(Vec::new()),
                lat: Some((lat, lat)),
                at_sea: true,
                notes: vec![
                    "inland-water: the land mask has water here and no casus sea area names it \
                     (the Caspian, a lake): in or over none of the sea areas"
                        .into(),
                ],
                ..PlaceFacts::default()
            },
            None => return Ok(None),
        };
        facts.point = Some((lat, lon));
        // The boundary data extends states over nearby waters, and further: it names the
        // coastal state, the land mask says whether the point is within 12 nautical miles.
        let mut coastal = Ids::default();
        self.parts.refine(&boundary, lat, lon, &mut coastal);
        let known = coastal.iter().find_map(|id| regions.facts_on(id, date).map(|f| (id, f)));
        if let Some((code, f)) = known {
            // within 0.05 degree of the coarse coast is within 12 nautical miles of land
            if near_coast || self.land.land_within(lat, lon, TERRITORIAL_SEA) {
                territorial_sea(&mut facts, f);
            } else {
                let name = f.name.as_deref().unwrap_or(code);
                facts.notes.push(
                    format!(
                        "territorial-sea: the boundary data puts this point in {name} ({code}), \
                         but it is more than 12 nautical miles from the coast: the high seas"
                    )
                    .into(),
                );
            }
        }
        Ok(Some(facts))
    }
}

/// 12 nautical miles (UNCLOS Art 3) in degrees of latitude: 22.224 km over 111.195 km.
const TERRITORIAL_SEA: f64 = 0.1999;

/// A point at sea in a state's territorial sea: the state's territory (UNCLOS Art 2), so it
/// takes the coastal region's facts, and keeps its own sea areas.
fn territorial_sea(facts: &mut PlaceFacts, coast: PlaceFacts) {
    let seas = facts.sea.take();
    let lat = facts.lat;
    let point = facts.point;
    let sea_readings = std::mem::take(&mut facts.readings);
    let sea_notes = std::mem::take(&mut facts.notes);
    let name = coast.name.clone();
    *facts = coast;
    facts.sea = seas;
    facts.lat = lat;
    facts.point = point;
    facts.at_sea = true;
    facts.territorial_sea = true;
    facts.name = name.map(|n| format!("territorial sea of {n}"));
    facts.readings.extend(sea_readings);
    facts.notes.extend(sea_notes);
    static NOTE: std::sync::LazyLock<std::sync::Arc<str>> = std::sync::LazyLock::new(|| {
        "territorial-sea: within 12 nautical miles of the coast as the land mask draws it \
         (approximate: measured from the coast, not from the baselines)"
            .into()
    });
    facts.notes.push(std::sync::Arc::clone(&NOTE));
}

/// Refuses coordinates off the globe (and NaN).
fn check(lat: f64, lon: f64) -> Result<(), GeoError> {
    if seas::valid(lat, lon) {
        Ok(())
    } else {
        Err(GeoError::Coordinates { lat, lon })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(c: &Classifier, lat: f64, lon: f64) -> Vec<String> {
        c.ids(lat, lon).unwrap()
    }

    #[test]
    fn ids_of_known_points() {
        let c = Classifier::new().unwrap();
        for (lat, lon, want) in [
            (21.31, -157.86, &["US-HI", "US"][..]),            // Honolulu
            (61.22, -149.90, &["US-AK", "US"]),                // Anchorage
            (64.1814, -51.6942, &["GL", "DK"]),                // Nuuk
            (38.76, -27.09, &["PT-20", "PT"]),                 // Azores
            (-51.69, -57.86, &["FK", "GB"]),                   // Stanley
            (5.16, -52.65, &["GF", "FR"]),                     // Kourou
            (35.89, -5.32, &["ES-CE", "EA", "ES"]),            // Ceuta
            (36.14, -5.35, &["GI", "ES-AN", "GB"]),            // Gibraltar
            (36.75, 3.06, &["DZ"]),                            // Algiers
            (34.59, 32.99, &["XX-SBA", "GB"]), // Akrotiri (boundary data: GB; a part of GB on Cyprus)
            (60.17, 24.94, &["FI"]),           // Helsinki
            (27.95, -15.6, &["IC", "ES"]),     // Gran Canaria, inland
            (41.04, 29.00, &["XX-TR-THRACE", "TR"]), // Istanbul, Besiktas (European shore)
            (41.02, 29.03, &["XX-TR-ANATOLIA", "TR"]), // Istanbul, Uskudar (Asian shore)
            (55.75, 37.62, &["XX-RU-EUROPE", "RU"]), // Moscow
            (54.71, 20.51, &["RU-KGD", "XX-RU-EUROPE", "RU"]), // Kaliningrad
        ] {
            assert_eq!(ids(&c, lat, lon), want, "{lat},{lon}");
        }
    }

    #[test]
    fn ids_at_sea_are_empty() {
        let c = Classifier::new().unwrap();
        // Senkaku (only in the regions table's boxes), Scarborough Shoal, the Ionian Sea; and
        // points the boundary data gives a country although they are far out at sea
        for (lat, lon) in [
            (25.74, 123.47),
            (15.15, 117.76),
            (35.0, 20.0),
            (30.0, -140.0),
            (57.5, 19.0),
            (-20.0, 60.0),
            (20.0, -170.0),
        ] {
            assert!(ids(&c, lat, lon).is_empty(), "{lat},{lon}");
        }
        assert_eq!(c.boundary_ids(57.5, 19.0).unwrap(), ["SE"]);
        assert_eq!(c.boundary_ids(20.0, -170.0).unwrap(), ["US-HI", "US"]);
    }

    #[test]
    fn antarctica_is_land_from_the_seas_file() {
        let c = Classifier::new().unwrap();
        assert_eq!(ids(&c, -90.0, 0.0), ["AQ"]);
        assert_eq!(ids(&c, -80.0, 100.0), ["AQ"]);
        assert!(ids(&c, -65.0, 0.0).is_empty());
    }

    /// The classifier is shared between threads (the server's state), cell cache included.
    #[test]
    fn classifier_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<Classifier>();
        shared::<Seas>();
    }

    #[test]
    fn seas_error_names_the_file() {
        let e = GeoError::Seas { file: "x.toml".into(), line: Some(3), message: "bad".into() };
        assert_eq!(e.to_string(), "x.toml:3: bad");
        let e = GeoError::Seas { file: "x.toml".into(), line: None, message: "bad".into() };
        assert_eq!(e.to_string(), "x.toml: bad");
    }
}
