//! casus-geo: where an attack lands. Classifies a point (latitude, longitude) into the
//! [`PlaceFacts`] that treaty scope clauses read: the ISO 3166-1/3166-2 areas containing it
//! (from OpenStreetMap-derived boundaries in the `country-boundaries` crate, offline), and
//! through the regions table its sovereign, continent, island status and seas.
//!
//! A point no country contains is at sea: it is classified by the sea-area polygons of
//! `data/seas.toml` (simplified IHO S-23 limits, embedded at build time), which give its sea
//! areas (`mediterranean`, `south-china-sea` and `pacific`, ...) and nothing else. A point in no
//! sea area either (the Caspian, a lake the boundary data leaves out) stays unknown, so a
//! decision that depends on it says it is undecided rather than guessing. The seas file also
//! marks land the boundary data lacks (Antarctica), which is classified as that region.
#![deny(missing_docs)]

mod ring;
mod seas;

pub use seas::Seas;

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
    /// A seas file is unreadable or malformed.
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

/// A point classifier. Build once and share: loading the boundary data and the sea areas takes
/// milliseconds.
pub struct Classifier {
    boundaries: CountryBoundaries,
    seas: Seas,
}

impl std::fmt::Debug for Classifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Classifier")
    }
}

impl Classifier {
    /// Loads the bundled boundary data (ODbL, © OpenStreetMap contributors) and the bundled sea
    /// areas (`data/seas.toml`, embedded: nothing is read at run time).
    ///
    /// # Errors
    /// [`GeoError::Data`] if the bundled boundary data cannot be decoded, [`GeoError::Seas`] if
    /// the bundled seas file is malformed.
    pub fn new() -> Result<Self, GeoError> {
        Self::with_seas(Seas::bundled()?)
    }

    /// Loads the bundled boundary data, with other sea areas (from [`Seas::load`] or
    /// [`Seas::parse`]).
    ///
    /// # Errors
    /// [`GeoError::Data`] if the bundled boundary data cannot be decoded.
    pub fn with_seas(seas: Seas) -> Result<Self, GeoError> {
        let boundaries = CountryBoundaries::from_reader(BOUNDARIES_ODBL_360X180)
            .map_err(|e| GeoError::Data(e.to_string()))?;
        Ok(Self { boundaries, seas })
    }

    /// The sea areas in use.
    pub fn seas(&self) -> &Seas {
        &self.seas
    }

    /// The ISO 3166 ids of the areas containing a point, most specific first
    /// (`["US-HI", "US"]`); for land the boundary data lacks, the code the seas file gives it
    /// (`["AQ"]`); empty at sea.
    ///
    /// # Errors
    /// [`GeoError::Coordinates`] for a point off the globe.
    pub fn ids(&self, lat: f64, lon: f64) -> Result<Vec<String>, GeoError> {
        // LatLon::new wraps longitudes beyond ±180 round the globe; casus refuses them.
        if !seas::valid(lat, lon) {
            return Err(GeoError::Coordinates { lat, lon });
        }
        let p = LatLon::new(lat, lon).map_err(|_| GeoError::Coordinates { lat, lon })?;
        let ids: Vec<String> = self.boundaries.ids(p).into_iter().map(str::to_owned).collect();
        if ids.is_empty() {
            if let Some(code) = self.seas.land_at(lat, lon) {
                return Ok(vec![code.to_owned()]);
            }
        }
        Ok(ids)
    }

    /// The sea areas whose polygons contain a point, with the areas they are part of, sorted
    /// (`["pacific", "south-china-sea"]`). This is the polygons' answer alone: near a coast or
    /// on land it may name a sea although [`Classifier::classify`] gives the country. Empty for
    /// a point in no sea area, or off the globe.
    pub fn seas_at(&self, lat: f64, lon: f64) -> Vec<String> {
        self.seas.at(lat, lon)
    }

    /// The facts of a point on a date: those of the most specific region of the regions table
    /// that contains it, with the point's own latitude. A point no region contains is at sea:
    /// its facts are its sea areas (with those they are part of), its latitude, a name and
    /// `at_sea`, everything else unknown. `None` if neither a known region nor a sea area
    /// contains it (an inland sea, or an area the regions table lacks).
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
        if ids.is_empty() && boxed.is_empty() {
            return Ok(self.seas.facts(lat, lon));
        }
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

    fn ids(c: &Classifier, lat: f64, lon: f64) -> Vec<String> {
        c.ids(lat, lon).unwrap()
    }

    #[test]
    fn ids_of_known_points() {
        let c = Classifier::new().unwrap();
        for (lat, lon, want) in [
            (21.31, -157.86, &["US-HI", "US"][..]), // Honolulu
            (61.22, -149.90, &["US-AK", "US"]),     // Anchorage
            (64.18, -51.72, &["GL", "DK"]),         // Nuuk
            (38.76, -27.09, &["PT-20", "PT"]),      // Azores
            (-51.69, -57.86, &["FK", "GB"]),        // Stanley
            (5.16, -52.65, &["GF", "FR"]),          // Kourou
            (35.89, -5.32, &["ES-CE", "EA", "ES"]), // Ceuta
            (36.14, -5.35, &["GI", "ES-AN", "GB"]), // Gibraltar
            (36.75, 3.06, &["DZ"]),                 // Algiers
            (34.59, 32.99, &["GB"]),                // Akrotiri (boundary data: GB)
            (60.17, 24.94, &["FI"]),                // Helsinki
            (28.1, -15.4, &["IC", "ES"]),           // Gran Canaria
            (41.0, 29.0, &["TR"]),                  // Istanbul
        ] {
            assert_eq!(ids(&c, lat, lon), want, "{lat},{lon}");
        }
    }

    #[test]
    fn ids_at_sea_are_empty() {
        let c = Classifier::new().unwrap();
        // Senkaku (only in the regions table's boxes), Scarborough Shoal, the Ionian Sea
        for (lat, lon) in [(25.74, 123.47), (15.15, 117.76), (35.0, 20.0), (30.0, -140.0)] {
            assert!(ids(&c, lat, lon).is_empty(), "{lat},{lon}");
        }
    }

    #[test]
    fn antarctica_is_land_from_the_seas_file() {
        let c = Classifier::new().unwrap();
        assert_eq!(ids(&c, -90.0, 0.0), ["AQ"]);
        assert_eq!(ids(&c, -80.0, 100.0), ["AQ"]);
        assert!(ids(&c, -65.0, 0.0).is_empty());
    }

    #[test]
    fn seas_error_names_the_file() {
        let e = GeoError::Seas { file: "x.toml".into(), line: Some(3), message: "bad".into() };
        assert_eq!(e.to_string(), "x.toml:3: bad");
        let e = GeoError::Seas { file: "x.toml".into(), line: None, message: "bad".into() };
        assert_eq!(e.to_string(), "x.toml: bad");
    }
}
