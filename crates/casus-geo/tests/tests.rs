//! casus-geo against the bundled data: points at sea, on land, and off the globe.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly on purpose"
)]

use std::sync::OnceLock;

use casus_core::diag::Diagnostics;
use casus_core::model::{PlaceFacts, Regions};
use casus_core::source::SourceFile;
use casus_geo::{Classifier, GeoError, Seas};
use jiff::civil::{date, Date};

mod cache;
mod edges;
mod land;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");

fn classifier() -> &'static Classifier {
    static C: OnceLock<Classifier> = OnceLock::new();
    C.get_or_init(|| Classifier::new().unwrap())
}

fn regions() -> &'static Regions {
    static R: OnceLock<Regions> = OnceLock::new();
    R.get_or_init(|| {
        let path = format!("{DATA}/regions.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut diags = Diagnostics::default();
        let regions = Regions::load(&SourceFile::new(path, text), &mut diags);
        assert!(!diags.has_errors(), "regions.toml has errors");
        regions
    })
}

const TODAY: Date = date(2026, 1, 1);

fn classify(lat: f64, lon: f64) -> Option<PlaceFacts> {
    classifier().classify(lat, lon, TODAY, regions()).unwrap()
}

/// Classifies a point that must be at sea (the high seas, or a state's territorial sea, which
/// has that state's regions); returns its facts.
fn at_sea(lat: f64, lon: f64) -> PlaceFacts {
    let f = classify(lat, lon).unwrap_or_else(|| panic!("{lat},{lon}: not classified"));
    assert!(f.at_sea, "{lat},{lon}: not marked at sea");
    assert_eq!(
        f.regions.is_empty(),
        !f.territorial_sea,
        "{lat},{lon}: regions {:?} in territorial sea {}",
        f.regions,
        f.territorial_sea
    );
    f
}

/// Classifies a point that must be on the high seas: no state's.
fn high_seas(lat: f64, lon: f64) -> PlaceFacts {
    let f = at_sea(lat, lon);
    assert!(!f.territorial_sea, "{lat},{lon}: in the territorial sea of {:?}", f.regions);
    f
}

fn seas(lat: f64, lon: f64) -> Vec<String> {
    at_sea(lat, lon).sea.unwrap()
}

fn seas_at(lat: f64, lon: f64) -> Vec<String> {
    classifier().seas_at(lat, lon)
}

#[test]
fn ionian_sea_is_mediterranean() {
    let f = at_sea(35.0, 20.0);
    assert_eq!(
        f,
        PlaceFacts {
            sea: Some(vec!["mediterranean".into()]),
            lat: Some((35.0, 35.0)),
            point: Some((35.0, 20.0)),
            name: Some("Mediterranean Sea (at sea)".into()),
            at_sea: true,
            ..PlaceFacts::default()
        }
    );
}

#[test]
fn south_china_sea_shoals() {
    // Scarborough Shoal and Second Thomas Shoal: in the South China Sea, hence in the Pacific
    for (lat, lon) in [(15.15, 117.76), (9.73, 115.87)] {
        let f = at_sea(lat, lon);
        assert_eq!(f.sea.unwrap(), ["pacific", "south-china-sea"], "{lat},{lon}");
        assert_eq!(f.name.unwrap(), "South China Sea (at sea)");
        assert_eq!(f.island, None);
        assert_eq!(f.continent, None);
        assert_eq!(f.sovereign, None);
    }
    // east of Luzon: the Philippine Sea, Pacific only
    assert_eq!(seas_at(15.0, 125.0), ["pacific"]);
}

#[test]
fn belgrano_sinking_is_south_atlantic() {
    assert_eq!(seas(-55.40, -61.53), ["south-atlantic"]);
}

#[test]
fn tropic_of_cancer_is_not_a_sea_limit() {
    for lat in [23.6, 23.3] {
        let f = at_sea(lat, -40.0);
        assert_eq!(f.sea.unwrap(), ["north-atlantic"], "{lat}");
        assert_eq!(f.lat, Some((lat, lat)));
    }
}

#[test]
fn equator_divides_the_atlantic() {
    assert_eq!(seas_at(0.1, -25.0), ["north-atlantic"]);
    assert_eq!(seas_at(-0.1, -25.0), ["south-atlantic"]);
    // on the limit itself a point is in both
    assert_eq!(seas_at(0.0, -25.0), ["north-atlantic", "south-atlantic"]);
}

#[test]
fn strait_of_gibraltar() {
    // IHO S-23 puts the whole strait in the Mediterranean: its western limit is the line
    // Cape Trafalgar (36.18 N, 6.03 W) - Cape Spartel (35.79 N, 5.92 W), about 5.95 W at 35.9 N.
    assert_eq!(seas_at(36.0, -6.2), ["north-atlantic"]);
    assert_eq!(seas_at(35.9, -6.0), ["north-atlantic"]);
    assert_eq!(seas_at(35.9, -5.9), ["mediterranean"]);
    assert_eq!(seas_at(36.0, -5.8), ["mediterranean"]);
    assert_eq!(seas_at(36.0, -5.2), ["mediterranean"]);
    // the boundary data puts points in the strait in Spanish or Moroccan waters, and the
    // strait is narrower than two territorial seas: at sea, in Spain's territorial sea here
    let f = at_sea(36.0, -5.8);
    assert_eq!(f.sea.unwrap(), ["mediterranean"]);
    assert!(f.territorial_sea);
    assert_eq!(f.regions, ["ES"]);
}

#[test]
fn dardanelles_marmara_bosporus() {
    assert_eq!(seas_at(39.9, 25.9), ["mediterranean"]); // Aegean, off Bozcaada
    assert_eq!(seas_at(40.2, 26.4), ["mediterranean"]); // the Dardanelles
    assert_eq!(seas_at(40.7, 28.0), ["mediterranean"]); // the Sea of Marmara (as in regions.toml)
    assert_eq!(seas_at(41.1, 29.05), ["mediterranean"]); // the Bosporus
    assert_eq!(seas_at(41.3, 29.2), ["black-sea"]); // off its northern entrance
    let f = at_sea(43.0, 34.0);
    assert_eq!(f.sea.unwrap(), ["black-sea"]);
    assert!(f.notes.iter().any(|n| n.starts_with("black-sea: ")), "{:?}", f.notes);
    assert_eq!(seas_at(46.0, 36.5), ["black-sea"]); // the Sea of Azov
}

#[test]
fn antimeridian() {
    for lon in [179.9, -179.9, 180.0, -180.0] {
        assert_eq!(seas_at(0.0, lon), ["pacific"], "{lon}");
    }
    assert_eq!(seas(0.0, 179.9), ["pacific"]);
    assert_eq!(seas(0.0, -179.9), ["pacific"]);
    // the Arctic is split there too
    assert_eq!(seas_at(75.0, 179.9), ["arctic"]);
    assert_eq!(seas_at(75.0, -179.9), ["arctic"]);
}

#[test]
fn open_oceans() {
    assert_eq!(seas(30.0, -140.0), ["pacific"]);
    assert_eq!(seas(-20.0, 80.0), ["indian-ocean"]);
    assert_eq!(seas(40.0, -40.0), ["north-atlantic"]);
    assert_eq!(seas(-30.0, -20.0), ["south-atlantic"]);
    assert_eq!(seas(-20.0, -100.0), ["pacific"]);
}

#[test]
fn marginal_seas() {
    assert_eq!(seas_at(15.0, -75.0), ["caribbean", "north-atlantic"]);
    assert_eq!(seas_at(25.0, -90.0), ["north-atlantic"]); // Gulf of Mexico
    assert_eq!(seas_at(13.1, -59.0), ["north-atlantic"]); // off Barbados, outside the Antilles
    assert_eq!(seas_at(56.0, 3.0), ["north-atlantic", "north-sea"]);
    assert_eq!(seas_at(58.0, 9.5), ["north-atlantic", "north-sea"]); // Skagerrak
    assert_eq!(seas_at(57.0, 11.5), ["baltic", "north-atlantic"]); // Kattegat
    assert_eq!(seas_at(58.0, 20.0), ["baltic", "north-atlantic"]);
    assert_eq!(seas_at(60.0, 25.0), ["baltic", "north-atlantic"]); // Gulf of Finland
    assert_eq!(seas_at(50.0, -3.0), ["north-atlantic"]); // English Channel
    assert_eq!(seas_at(68.0, 0.0), ["north-atlantic"]); // Norwegian Sea
    assert_eq!(seas_at(73.0, -65.0), ["north-atlantic"]); // Baffin Bay
    assert_eq!(seas_at(20.0, 38.5), ["indian-ocean", "red-sea"]);
    assert_eq!(seas_at(13.2, 43.0), ["indian-ocean", "red-sea"]); // north of Bab-el-Mandeb
    assert_eq!(seas_at(12.2, 44.0), ["indian-ocean"]); // Gulf of Aden
    assert_eq!(seas_at(27.0, 51.0), ["indian-ocean", "persian-gulf"]);
    assert_eq!(seas_at(26.5, 56.3), ["indian-ocean", "persian-gulf"]); // Strait of Hormuz
    assert_eq!(seas_at(25.0, 58.0), ["indian-ocean"]); // Gulf of Oman
    assert_eq!(seas_at(25.74, 123.47), ["east-china-sea", "pacific"]); // Senkaku
    assert_eq!(seas_at(36.0, 123.0), ["pacific"]); // Yellow Sea
    assert_eq!(seas_at(24.0, 119.5), ["pacific", "south-china-sea"]); // Taiwan Strait
    assert_eq!(seas_at(10.0, 101.5), ["pacific", "south-china-sea"]); // Gulf of Thailand
    assert_eq!(seas_at(4.0, 99.0), ["indian-ocean"]); // Strait of Malacca
    assert_eq!(seas_at(-6.0, 125.0), ["pacific"]); // Banda Sea
    assert_eq!(seas_at(-12.0, 125.0), ["indian-ocean"]); // Timor Sea
    assert_eq!(seas_at(-40.0, 146.0), ["pacific"]); // Bass Strait
}

#[test]
fn polar_waters() {
    let f = at_sea(90.0, 0.0);
    assert_eq!(f.sea.unwrap(), ["arctic"]);
    assert!(f.notes.iter().any(|n| n.starts_with("arctic: ")), "{:?}", f.notes);
    assert_eq!(seas_at(73.0, 40.0), ["arctic"]); // Barents Sea
    assert_eq!(seas_at(72.0, -140.0), ["arctic"]); // Beaufort Sea
    assert_eq!(seas_at(70.0, -170.0), ["arctic"]); // Chukchi Sea
    assert_eq!(seas_at(60.0, -175.0), ["pacific"]); // Bering Sea
    assert_eq!(seas_at(60.0, -85.0), ["arctic"]); // Hudson Bay
                                                  // south of 60 S: both the 1953 ocean and the Southern Ocean
    let f = at_sea(-65.0, 0.0);
    assert_eq!(f.sea.unwrap(), ["south-atlantic", "southern-ocean"]);
    assert_eq!(f.name.unwrap(), "South Atlantic Ocean / Southern Ocean (at sea)");
    assert!(f.notes.iter().any(|n| n.starts_with("southern-ocean: ")), "{:?}", f.notes);
    assert_eq!(seas(-62.0, 150.0), ["pacific", "southern-ocean"]);
    assert_eq!(seas(-62.0, 90.0), ["indian-ocean", "southern-ocean"]);
}

#[test]
fn antarctica_is_land() {
    for (lat, lon) in [(-80.0, 0.0), (-90.0, 0.0), (-85.0, -150.0), (-75.0, 120.0)] {
        let f = classify(lat, lon).unwrap();
        assert_eq!(f.regions, ["AQ"], "{lat},{lon}");
        assert_eq!(f.name.as_deref(), Some("Antarctica"));
        assert_eq!(f.lat, Some((lat, lat)));
    }
}

#[test]
fn land_is_classified_by_country_first() {
    let f = classify(60.17, 24.94).unwrap(); // Helsinki
    assert_eq!(f.regions, ["FI"]);
    assert!(!f.at_sea);
    assert_eq!(f.lat, Some((60.17, 60.17)));
    let f = classify(21.31, -157.86).unwrap(); // Honolulu
    assert_eq!(f.regions, ["US-HI", "US"]);
    // the regions table's boxes come before seas: the Senkakus
    let f = classify(25.74, 123.47).unwrap();
    assert_eq!(f.regions.first().map(String::as_str), Some("XX-SENKAKU"));
}

#[test]
fn neither_land_nor_sea_is_unknown() {
    assert_eq!(classify(21.9, 33.7), None); // Bir Tawil, claimed by no state
                                            // the Caspian is water in no sea area: known to be in none of them (a clause about the
                                            // Mediterranean is not met over it), not unknown
    assert_eq!(classify(42.0, 51.0).and_then(|f| f.sea), Some(vec![]));
}

#[test]
fn invalid_coordinates() {
    let c = classifier();
    for (lat, lon) in [(91.0, 0.0), (0.0, 181.0), (-90.5, 0.0), (f64::NAN, 0.0), (0.0, f64::NAN)] {
        let r = c.classify(lat, lon, TODAY, regions());
        assert!(matches!(r, Err(GeoError::Coordinates { .. })), "{lat},{lon}: {r:?}");
        assert!(c.seas_at(lat, lon).is_empty());
    }
    assert_eq!(
        c.classify(91.0, 0.0, TODAY, regions()),
        Err(GeoError::Coordinates { lat: 91.0, lon: 0.0 })
    );
}

#[test]
fn seas_file_from_disk_matches_the_bundled_one() {
    let disk = Seas::load(format!("{DATA}/seas.toml")).unwrap();
    let bundled = Seas::bundled().unwrap();
    for (lat, lon) in [(35.0, 20.0), (15.15, 117.76), (0.0, -179.9), (-65.0, 0.0), (58.0, 20.0)] {
        assert_eq!(disk.at(lat, lon), bundled.at(lat, lon));
    }
    let e = Seas::load("no/such/seas.toml").unwrap_err();
    assert!(e.to_string().starts_with("no/such/seas.toml: cannot read"), "{e}");
}

#[test]
fn classifier_with_other_seas() {
    let seas = Seas::parse(
        "mine.toml",
        "[[sea]]\nid = \"pacific\"\nname = \"Everywhere\"\npolygons = [[[-90, -180], [-90, 180], [90, 180], [90, -180]]]\n",
    )
    .unwrap();
    let c = Classifier::with_seas(seas).unwrap();
    let f = c.classify(35.0, 20.0, TODAY, regions()).unwrap().unwrap();
    assert_eq!(f.sea.unwrap(), ["pacific"]);
    assert_eq!(f.name.unwrap(), "Everywhere (at sea)");
    let e = Seas::parse("mine.toml", "[[sea]]\nid = \"pacific\"\n").unwrap_err();
    assert!(matches!(&e, GeoError::Seas { file, .. } if file == "mine.toml"), "{e}");
}
