//! casus-geo: where an attack lands. Classifies a point (latitude, longitude) into the
//! [`PlaceFacts`] that treaty scope clauses read: the ISO 3166-1/3166-2 areas containing it
//! (from OpenStreetMap-derived boundaries in the `country-boundaries` crate, offline), and
//! through the regions table its sovereign, continent, island status and seas.
//!
//! Points at sea are not classified yet (no sea-area polygons): their facts stay unknown,
//! so a decision that depends on them says it is undecided rather than guessing.
#![deny(missing_docs)]

use casus_core::model::{PlaceFacts, Regions};
use country_boundaries::{CountryBoundaries, LatLon, BOUNDARIES_ODBL_360X180};
use jiff::civil::Date;

/// Why a point could not be classified.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum GeoError {
    /// Latitude or longitude out of range, or not a number.
    #[error("invalid coordinates `{lat},{lon}`: latitude must be within -90..=90 and longitude within -180..=180")]
    Coordinates {
        /// Latitude.
        lat: f64,
        /// Longitude.
        lon: f64,
    },
    /// The boundary data could not be read (a build problem, not a user one).
    #[error("boundary data unreadable: {0}")]
    Data(String),
}

/// A point classifier. Build once and share: loading the boundary data takes milliseconds.
pub struct Classifier {
    boundaries: CountryBoundaries,
}

impl std::fmt::Debug for Classifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Classifier")
    }
}

impl Classifier {
    /// Loads the bundled boundary data (ODbL, © OpenStreetMap contributors).
    ///
    /// # Errors
    /// [`GeoError::Data`] if the bundled data cannot be decoded.
    pub fn new() -> Result<Self, GeoError> {
        let boundaries = CountryBoundaries::from_reader(BOUNDARIES_ODBL_360X180)
            .map_err(|e| GeoError::Data(e.to_string()))?;
        Ok(Self { boundaries })
    }

    /// The ISO 3166 ids of the areas containing a point, most specific first
    /// (`["US-HI", "US"]`); empty at sea.
    ///
    /// # Errors
    /// [`GeoError::Coordinates`] for a point off the globe.
    pub fn ids(&self, lat: f64, lon: f64) -> Result<Vec<String>, GeoError> {
        let p = LatLon::new(lat, lon).map_err(|_| GeoError::Coordinates { lat, lon })?;
        Ok(self.boundaries.ids(p).into_iter().map(str::to_owned).collect())
    }

    /// The facts of a point on a date: those of the most specific region of the regions table that
    /// contains it, with the point's own latitude. `None` if no known region contains it
    /// (at sea, or an area the table lacks).
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
        let mut ids = self.ids(lat, lon)?;
        // casus regions the boundary data lacks (bases, disputed islets) are marked by
        // boxes in the regions table; inside one, it is the most specific area.
        let boxed: Vec<String> = regions.boxed_at(lat, lon).map(|r| r.code().to_owned()).collect();
        ids.splice(0..0, boxed);
        let Some(mut facts) = ids.iter().find_map(|id| regions.facts_on(id, date)) else {
            return Ok(None);
        };
        facts.lat = Some((lat, lat));
        Ok(Some(facts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_known_points() {
        let c = Classifier::new().unwrap();
        for (lat, lon) in [
            (21.31, -157.86),
            (61.22, -149.90),
            (64.18, -51.72),
            (38.76, -27.09),
            (-51.69, -57.86),
            (5.16, -52.65),
            (35.89, -5.32),
            (36.14, -5.35),
            (36.75, 3.06),
            (25.74, 123.47),
            (15.15, 117.76),
            (34.59, 32.99),
            (60.17, 24.94),
            (28.1, -15.4),
            (41.0, 29.0),
            (41.0, 28.9),
        ] {
            println!("{lat},{lon}: {:?}", c.ids(lat, lon).unwrap());
        }
    }
}
