//! Edge cases: the Tropic of Cancer at sea, the Strait of Gibraltar, mid-ocean, the
//! antimeridian, the poles, and coordinates off the globe.

use casus_geo::{GeoError, Surface};

use super::{at_sea, classifier, classify, regions, TODAY};

/// The Tropic of Cancer, 23°26′ N: 23.4367 (23°26′12″, its position today; it drifts south
/// by about half a second of arc a year). "North of the Tropic of Cancer" is the scope clause's
/// `north-of`, applied to the latitude classify reports; the sea is the same on both sides.
#[test]
fn either_side_of_the_tropic_of_cancer() {
    const TROPIC: f64 = 23.4367;
    const { assert!(TROPIC - (23.0 + 26.0 / 60.0) < 1.0 / 60.0) };
    for lat in
        [TROPIC + 0.01, TROPIC - 0.01, TROPIC + 1e-6, TROPIC - 1e-6, TROPIC, 23.0 + 26.0 / 60.0]
    {
        for lon in [-40.0, -20.0, -70.0] {
            let f = at_sea(lat, lon);
            assert_eq!(f.lat, Some((lat, lat)), "{lat},{lon}");
            assert_eq!(f.sea.as_deref(), Some(&["north-atlantic".to_owned()][..]), "{lat},{lon}");
            assert_eq!(classifier().surface(lat, lon).unwrap(), Surface::Sea);
        }
    }
    // just north and just south stay distinguishable to the last digit
    let n = at_sea(23.4368, -40.0).lat.unwrap().0;
    let s = at_sea(23.4366, -40.0).lat.unwrap().0;
    assert!(n > TROPIC && s < TROPIC);
}

#[test]
fn strait_of_gibraltar() {
    // mid-strait, between Tarifa and Punta Cires: at sea, in the Mediterranean (IHO S-23), and
    // within 12 nautical miles of both shores (the strait is 14 km wide there): the
    // territorial sea of Spain or Morocco, as the boundary data divides it
    for (lat, lon) in [(35.95, -5.60), (35.97, -5.45), (36.00, -5.80)] {
        let f = at_sea(lat, lon);
        assert!(f.territorial_sea, "{lat},{lon}");
        assert!(["ES", "MA", "GI", "ES-CE"].contains(&f.regions[0].as_str()), "{:?}", f.regions);
        assert_eq!(f.sea.unwrap(), ["mediterranean"], "{lat},{lon}");
    }
    // west of Cape Trafalgar - Cape Spartel: the Atlantic
    assert_eq!(at_sea(35.95, -6.20).sea.unwrap(), ["north-atlantic"]);
    // the shores: Tarifa (Europe), Gibraltar (Europe), Ceuta (Africa), Tangier (Africa)
    for (lat, lon, first, continent) in [
        (36.013, -5.604, "ES", "europe"),
        (36.14, -5.35, "GI", "europe"),
        (35.89, -5.32, "ES-CE", "africa"),
        (35.77, -5.80, "MA", "africa"),
    ] {
        let f = classify(lat, lon).unwrap_or_else(|| panic!("{lat},{lon}"));
        assert!(!f.at_sea, "{lat},{lon}");
        assert_eq!(f.regions.first().map(String::as_str), Some(first), "{lat},{lon}");
        assert_eq!(f.continent.unwrap(), [continent], "{lat},{lon}");
    }
}

#[test]
fn mid_ocean() {
    for (lat, lon, sea) in [
        (40.0, -40.0, &["north-atlantic"][..]),
        (-30.0, -20.0, &["south-atlantic"]),
        (10.0, -140.0, &["pacific"]),
        (-30.0, 80.0, &["indian-ocean"]),
        (-45.0, -120.0, &["pacific"]),
    ] {
        assert_eq!(classifier().surface(lat, lon).unwrap(), Surface::Sea, "{lat},{lon}");
        assert!(classifier().boundary_ids(lat, lon).unwrap().is_empty(), "{lat},{lon}");
        let f = at_sea(lat, lon);
        assert_eq!(f.sea.clone().unwrap_or_default(), sea, "{lat},{lon}");
        assert!(f.notes.is_empty() && f.readings.is_empty(), "{lat},{lon}: {f:?}");
    }
}

#[test]
fn antimeridian() {
    // open sea on both sides and on the line itself
    for lon in [180.0, -180.0, 179.999, -179.999] {
        assert_eq!(classifier().surface(0.0, lon).unwrap(), Surface::Sea, "{lon}");
        assert_eq!(at_sea(0.0, lon).sea.unwrap(), ["pacific"], "{lon}");
    }
    // land cut by the antimeridian: Taveuni (Fiji) and Wrangel Island (Russia, Asia), on both
    // sides and on the line
    for lon in [179.99, 180.0, -179.99, -180.0] {
        let f = classify(-16.80, lon).unwrap_or_else(|| panic!("Taveuni {lon}"));
        assert_eq!(f.regions, ["FJ"], "{lon}");
        let f = classify(71.20, lon).unwrap_or_else(|| panic!("Wrangel {lon}"));
        assert_eq!(f.regions, ["XX-RU-ASIA", "RU"], "{lon}");
        assert_eq!(f.continent.unwrap(), ["asia"], "{lon}");
    }
    // Attu, west of 180 but Alaska (North America)
    let f = classify(52.90, 173.00).unwrap();
    assert_eq!(f.regions, ["US"]);
    assert_eq!(f.continent.unwrap(), ["north-america"]);
}

#[test]
fn poles() {
    assert_eq!(at_sea(90.0, 0.0).sea.unwrap(), ["arctic"]);
    assert_eq!(at_sea(90.0, -180.0).sea.unwrap(), ["arctic"]);
    for lon in [0.0, 180.0, -180.0] {
        assert_eq!(classify(-90.0, lon).unwrap().regions, ["AQ"], "{lon}");
    }
}

#[test]
fn coordinates_off_the_globe_are_clear_errors() {
    let c = classifier();
    for (lat, lon) in [
        (91.0, 0.0),
        (-90.5, 0.0),
        (0.0, 180.5),
        (0.0, -181.0),
        (f64::NAN, 0.0),
        (0.0, f64::NAN),
        (f64::INFINITY, 0.0),
        (0.0, f64::NEG_INFINITY),
    ] {
        let want = |r: Result<(), GeoError>| {
            let e = r.unwrap_err();
            assert!(matches!(e, GeoError::Coordinates { .. }), "{lat},{lon}: {e:?}");
            let msg = e.to_string();
            assert!(
                msg.starts_with("invalid coordinates `")
                    && msg.contains(
                        "latitude must be within -90..=90 and longitude within -180..=180"
                    ),
                "{msg}"
            );
        };
        want(c.classify(lat, lon, TODAY, regions()).map(drop));
        want(c.surface(lat, lon).map(drop));
        want(c.ids(lat, lon).map(drop));
        want(c.boundary_ids(lat, lon).map(drop));
        assert!(c.seas_at(lat, lon).is_empty());
    }
    assert_eq!(
        c.surface(0.0, 200.0).unwrap_err().to_string(),
        "invalid coordinates `0,200`: latitude must be within -90..=90 and longitude within -180..=180"
    );
}
