//! The boundary data (the `country-boundaries` crate, OpenStreetMap-derived, ODbL), with a
//! cache of its answers per raster cell.
//!
//! The data is a raster of 1-degree cells; each cell lists the areas that cover it wholly and
//! the polygons of those that cover it in part. A point in a cell that no polygon crosses gets
//! the cell's whole-cell areas, sorted by size, whatever the point: about six cells in seven
//! (the open ocean, the interior of countries). The first query in such a cell stores that
//! answer; later ones return it without the crate's allocation and sort (which looks the sizes
//! up by hashing the ids). Points in the other cells are passed to the crate.

use std::sync::OnceLock;

use country_boundaries::{BoundingBox, CountryBoundaries, LatLon, BOUNDARIES_ODBL_360X180};

use crate::GeoError;

/// The raster's size, cells (the bundled `BOUNDARIES_ODBL_360X180`).
const WIDTH: usize = 360;
const HEIGHT: usize = 180;

/// What the cache knows of a cell.
#[derive(Debug)]
enum CellIds {
    /// A polygon crosses the cell: the answer depends on the point.
    Mixed,
    /// Every point of the cell has these ids, most specific first.
    Uniform(Box<[Box<str>]>),
}

/// The ids the boundary data gives a point, most specific first.
#[derive(Debug)]
pub(crate) enum BoundaryIds<'a> {
    /// From the cache.
    Cached(&'a [Box<str>]),
    /// From the crate.
    Computed(Vec<&'a str>),
}

impl<'a> BoundaryIds<'a> {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Self::Cached(ids) => ids.is_empty(),
            Self::Computed(ids) => ids.is_empty(),
        }
    }

    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Self::Cached(ids) => ids.get(i).map(|s| &**s),
            Self::Computed(ids) => ids.get(i).copied(),
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..).map_while(|i| self.get(i))
    }
}

/// The boundary data with its cell cache.
pub(crate) struct Boundaries {
    data: CountryBoundaries,
    /// `HEIGHT * WIDTH` cells, row 0 the northernmost (the crate's order), filled on first use.
    cells: Vec<OnceLock<CellIds>>,
}

impl Boundaries {
    /// The bundled boundary data.
    pub(crate) fn bundled() -> Result<Self, GeoError> {
        let data = CountryBoundaries::from_reader(BOUNDARIES_ODBL_360X180)
            .map_err(|e| GeoError::Data(e.to_string()))?;
        let cells = std::iter::repeat_with(OnceLock::new).take(WIDTH * HEIGHT).collect();
        Ok(Self { data, cells })
    }

    /// The ids of the areas containing a point (valid coordinates), most specific first: the
    /// crate's answer.
    pub(crate) fn ids(&self, lat: f64, lon: f64) -> Option<BoundaryIds<'_>> {
        let p = LatLon::new(lat, lon).ok()?;
        let (x, y) = cell_of(lat, lon);
        let Some(slot) = self.cells.get(y * WIDTH + x) else {
            return Some(BoundaryIds::Computed(self.data.ids(p))); // unreachable: x, y clamped
        };
        match slot.get_or_init(|| self.survey(x, y)) {
            CellIds::Uniform(ids) => Some(BoundaryIds::Cached(ids)),
            CellIds::Mixed => Some(BoundaryIds::Computed(self.data.ids(p))),
        }
    }

    /// The crate's answer alone, without the cache (for tests and benchmarks).
    pub(crate) fn ids_uncached(&self, lat: f64, lon: f64) -> Option<Vec<&str>> {
        Some(self.data.ids(LatLon::new(lat, lon).ok()?))
    }

    /// Is the raster cell (column `x` from -180, row `y` from 90 N) crossed by a polygon, and if
    /// not, what are its ids? A box a little inside the cell meets only that cell; the areas
    /// that meet it are those that cover it wholly exactly when no polygon crosses it.
    fn survey(&self, x: usize, y: usize) -> CellIds {
        const INSET: f64 = 1e-6;
        let north = 90.0 - y as f64;
        let west = -180.0 + x as f64;
        let (s, w, n, e) = (north - 1.0 + INSET, west + INSET, north - INSET, west + 1.0 - INSET);
        let Ok(bbox) = BoundingBox::new(s, w, n, e) else { return CellIds::Mixed };
        let whole = self.data.containing_ids(bbox);
        let any = self.data.intersecting_ids(bbox);
        if whole.len() != any.len() {
            return CellIds::Mixed;
        }
        // Any point of the cell gives the answer; the centre is one.
        let Ok(centre) = LatLon::new(north - 0.5, west + 0.5) else { return CellIds::Mixed };
        let ids = self.data.ids(centre);
        if ids.len() != whole.len() || ids.iter().any(|id| !whole.contains(id)) {
            return CellIds::Mixed; // not as surveyed: leave it to the crate
        }
        CellIds::Uniform(ids.into_iter().map(Box::from).collect())
    }
}

/// The raster cell of a point, `(column, row)`, computed as the crate computes it (longitude
/// 180 is -180; a latitude on a cell edge belongs to the cell north of it).
fn cell_of(lat: f64, lon: f64) -> (usize, usize) {
    let (w, h) = (WIDTH as f64, HEIGHT as f64);
    let lon = normalize(lon);
    let x = ((w * (180.0 + lon) / 360.0).floor() as usize).min(WIDTH - 1);
    let y = ((h * (90.0 - lat) / 180.0).ceil() as usize).saturating_sub(1);
    (x, y.min(HEIGHT - 1))
}

/// Longitude into -180..180, as the crate does.
fn normalize(lon: f64) -> f64 {
    let v = lon % 360.0;
    if v < -180.0 {
        v + 360.0
    } else if v >= 180.0 {
        v - 360.0
    } else {
        v
    }
}
