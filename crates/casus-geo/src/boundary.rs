//! The boundary data (the `country-boundaries` crate, OpenStreetMap-derived, ODbL), with its ids
//! numbered and its raster cells surveyed for the cell cache ([`crate::cells`]).
//!
//! The data is a raster of 1-degree cells; each cell lists the areas that cover it wholly and
//! the polygons of those that cover it in part. A point in a cell that no polygon crosses gets
//! the cell's whole-cell areas, sorted by size, whatever the point: about six cells in seven
//! (the open ocean, the interior of countries). The cell cache keeps that answer, as positions
//! in the sorted list of every id of the data, so that later points in the cell get it without
//! the crate's allocation and sort (which looks the sizes up by hashing the ids). Points in the
//! other cells are passed to the crate.

use country_boundaries::{BoundingBox, CountryBoundaries, LatLon, BOUNDARIES_ODBL_360X180};

use crate::index::floor_index;
use crate::GeoError;

/// The raster's size, cells (the bundled `BOUNDARIES_ODBL_360X180`).
pub(crate) const WIDTH: usize = 360;
pub(crate) const HEIGHT: usize = 180;

/// The ids the boundary data gives a point, most specific first.
#[derive(Debug)]
pub(crate) enum BoundaryIds<'a> {
    /// From the cell cache: positions in [`Boundaries::names`].
    Cached { names: &'a [Box<str>], ids: [u16; 3], len: usize },
    /// From the crate.
    Computed(Vec<&'a str>),
}

impl<'a> BoundaryIds<'a> {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Self::Cached { len, .. } => *len == 0,
            Self::Computed(ids) => ids.is_empty(),
        }
    }

    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Self::Cached { names, ids, len } => {
                let k = ids.get(i).filter(|_| i < *len)?;
                names.get(usize::from(*k)).map(|s| &**s)
            }
            Self::Computed(ids) => ids.get(i).copied(),
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..).map_while(|i| self.get(i))
    }
}

/// The boundary data, with its ids numbered.
pub(crate) struct Boundaries {
    data: CountryBoundaries,
    /// Every id of the data, sorted: the cell cache keeps ids as positions in this list.
    names: Vec<Box<str>>,
}

impl Boundaries {
    /// The bundled boundary data.
    pub(crate) fn bundled() -> Result<Self, GeoError> {
        let data = CountryBoundaries::from_reader(BOUNDARIES_ODBL_360X180)
            .map_err(|e| GeoError::Data(e.to_string()))?;
        // Every cell's ids: a box over the whole raster (its east edge a little short of 180,
        // which the crate would take for -180, the first column again).
        let world = BoundingBox::new(-90.0, -180.0, 90.0, 179.999)
            .map_err(|e| GeoError::Data(e.to_string()))?;
        let mut names: Vec<Box<str>> =
            data.intersecting_ids(world).into_iter().map(Box::from).collect();
        names.sort_unstable();
        Ok(Self { data, names })
    }

    /// Every id of the data, sorted.
    pub(crate) fn names(&self) -> &[Box<str>] {
        &self.names
    }

    /// The position of an id in [`Boundaries::names`].
    fn position(&self, id: &str) -> Option<usize> {
        self.names.binary_search_by(|n| (**n).cmp(id)).ok()
    }

    /// The crate's answer for a point (valid coordinates): the ids of the areas containing it,
    /// most specific first.
    pub(crate) fn ids(&self, lat: f64, lon: f64) -> Option<Vec<&str>> {
        Some(self.data.ids(LatLon::new(lat, lon).ok()?))
    }

    /// Is the raster cell (column `x` from -180, row `y` from 90 N) crossed by a polygon? If
    /// not, its ids, most specific first, as positions in [`Boundaries::names`]; `None` if it
    /// is crossed (or its answer cannot be kept so). A box a little inside the cell meets only
    /// that cell; the areas that meet it are those that cover it wholly exactly when no polygon
    /// crosses it.
    pub(crate) fn survey(&self, x: usize, y: usize) -> Option<Vec<usize>> {
        const INSET: f64 = 1e-6;
        let north = 90.0 - y as f64;
        let west = -180.0 + x as f64;
        let (s, w, n, e) = (north - 1.0 + INSET, west + INSET, north - INSET, west + 1.0 - INSET);
        let bbox = BoundingBox::new(s, w, n, e).ok()?;
        let whole = self.data.containing_ids(bbox);
        let any = self.data.intersecting_ids(bbox);
        if whole.len() != any.len() {
            return None;
        }
        // Any point of the cell gives the answer; the centre is one.
        let ids = self.data.ids(LatLon::new(north - 0.5, west + 0.5).ok()?);
        if ids.len() != whole.len() || ids.iter().any(|id| !whole.contains(id)) {
            return None; // not as surveyed: leave it to the crate
        }
        ids.iter().map(|id| self.position(id)).collect()
    }
}

/// The raster cell of a point, `(column, row)`, computed as the crate computes it (longitude
/// 180 is -180; a latitude on a cell edge belongs to the cell north of it).
pub(crate) fn cell_of(lat: f64, lon: f64) -> (usize, usize) {
    let (w, h) = (WIDTH as f64, HEIGHT as f64);
    let lon = normalize(lon);
    let x = floor_index(w * (180.0 + lon) / 360.0).min(WIDTH - 1);
    let y = ceil_index(h * (90.0 - lat) / 180.0).saturating_sub(1);
    (x, y.min(HEIGHT - 1))
}

/// The ceiling of a value as an index, 0 for a value of 0 or less (or NaN): what `ceil` and a
/// saturating cast give, without the call into libm (see [`floor_index`]).
fn ceil_index(v: f64) -> usize {
    let t = floor_index(v);
    if (t as f64) < v {
        t.saturating_add(1)
    } else {
        t
    }
}

/// Longitude into -180..180, as the crate does.
fn normalize(lon: f64) -> f64 {
    if (-180.0..180.0).contains(&lon) {
        return lon; // what the remainder below gives, without its call
    }
    let v = lon % 360.0;
    if v < -180.0 {
        v + 360.0
    } else if v >= 180.0 {
        v - 360.0
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells are those the crate computes, with `floor` and `ceil`.
    #[test]
    fn cells_as_the_crate_computes_them() {
        let crate_cell = |lat: f64, lon: f64| {
            let (w, h) = (WIDTH as f64, HEIGHT as f64);
            let lon = normalize(lon);
            let x = ((w * (180.0 + lon) / 360.0).floor() as usize).min(WIDTH - 1);
            let y = ((h * (90.0 - lat) / 180.0).ceil() as usize).saturating_sub(1);
            (x, y.min(HEIGHT - 1))
        };
        let near = |v: f64| [v, v + 1e-9, v - 1e-9, v + 0.5, f64::from_bits(v.to_bits() + 1)];
        for lat in (-90..=90).flat_map(|l| near(f64::from(l))) {
            for lon in (-180..=180).step_by(7).flat_map(|l| near(f64::from(l))) {
                assert_eq!(cell_of(lat, lon), crate_cell(lat, lon), "{lat},{lon}");
            }
        }
        for v in [f64::NAN, -1.0, -0.5, -0.0, 0.0, 0.5, 1.0, 179.5, 180.0, f64::INFINITY] {
            assert_eq!(ceil_index(v), v.ceil() as usize, "{v}");
            assert_eq!(floor_index(v), v.floor() as usize, "{v}");
        }
    }
}
