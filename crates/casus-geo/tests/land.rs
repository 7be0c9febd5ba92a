//! Land or sea (the land mask), the parts of transcontinental states, and contested readings.

use std::collections::BTreeSet;

use casus_geo::Surface;
use jiff::civil::date;

use super::{at_sea, classifier, classify, high_seas, regions, DATA, TODAY};

fn continent(lat: f64, lon: f64) -> Vec<String> {
    classify(lat, lon)
        .unwrap_or_else(|| panic!("{lat},{lon}: not classified"))
        .continent
        .unwrap_or_else(|| panic!("{lat},{lon}: no continent"))
}

fn regions_at(lat: f64, lon: f64) -> Vec<String> {
    classify(lat, lon).unwrap_or_else(|| panic!("{lat},{lon}: not classified")).regions
}

/// The boundary data gives these points a country, but they are far out at sea.
#[test]
fn offshore_points_are_at_sea_with_the_boundary_country_as_a_note() {
    for (lat, lon, boundary, sea, note) in [
        (57.5, 19.4, "SE", &["baltic", "north-atlantic"][..], "(SE)"),
        (-20.0, 60.0, "MU", &["indian-ocean"], "(MU)"),
        (20.0, -170.0, "US-HI", &["pacific"], "(US-HI)"),
        (0.0, -150.0, "KI", &["pacific"], "(KI)"),
    ] {
        assert_eq!(
            classifier().boundary_ids(lat, lon).unwrap().first().map(String::as_str),
            Some(boundary)
        );
        assert_eq!(classifier().surface(lat, lon).unwrap(), Surface::Sea, "{lat},{lon}");
        let f = high_seas(lat, lon);
        assert_eq!(f.sea.unwrap_or_default(), sea, "{lat},{lon}");
        assert_eq!((f.sovereign.as_deref(), f.continent.as_deref(), f.island), (None, None, None));
        let n = f
            .notes
            .iter()
            .find(|n| n.starts_with("territorial-sea: "))
            .expect("a territorial-sea note");
        assert!(n.contains(note) && n.contains("more than 12 nautical miles"), "{n}");
    }
    // no boundary country, no note
    let f = at_sea(35.0, 20.0);
    assert!(f.notes.iter().all(|n| !n.starts_with("territorial-sea")), "{:?}", f.notes);
    // 0N 0E is in the Gulf of Guinea: Natural Earth's made-up "Null Island" is no land.
    for (lat, lon) in [(0.0, 0.0), (0.005, 0.001), (-0.001, -0.009), (0.009, 0.0)] {
        assert_eq!(classifier().surface(lat, lon).unwrap(), Surface::Sea, "{lat},{lon}");
        assert!(at_sea(lat, lon).sea.unwrap_or_default().iter().any(|s| s.ends_with("atlantic")));
    }
}

/// Coastal places stay on land: inside the mask, or within the coast tolerance of it.
#[test]
fn coastal_places_stay_on_land() {
    for (lat, lon, first, what) in [
        (60.17, 24.94, "FI", "Helsinki"),
        (21.31, -157.86, "US-HI", "Honolulu"),
        (64.1814, -51.6942, "GL", "Nuuk (on the shore of the 1:10m coast)"),
        (-51.69, -57.86, "FK", "Stanley"),
        (38.76, -27.09, "PT-20", "Lajes Field, Terceira"),
        (25.74, 123.47, "XX-SENKAKU", "Uotsuri-jima (not in the mask: the regions table's box)"),
        (34.59, 32.99, "XX-SBA", "RAF Akrotiri (a part of GB)"),
        (36.14, -5.35, "GI", "Gibraltar"),
        (40.71, -74.01, "US-NY", "Lower Manhattan"),
        (54.41, 18.67, "PL", "Westerplatte"),
        (19.28, 166.65, "UM", "Wake Island (from the 1:10m islands)"),
        (8.72, 167.73, "MH", "Kwajalein (1:10m)"),
        (54.18, 7.89, "DE", "Heligoland (1:10m)"),
        (35.50, 12.60, "IT-82", "Lampedusa (1:10m)"),
    ] {
        let f = classify(lat, lon).unwrap_or_else(|| panic!("{what}: not classified"));
        assert!(!f.at_sea, "{what}: at sea");
        assert_eq!(f.regions.first().map(String::as_str), Some(first), "{what}");
        assert_eq!(f.lat, Some((lat, lat)));
    }
    assert_eq!(classifier().surface(60.17, 24.94).unwrap(), Surface::Land);
    assert_eq!(classifier().coarse_surface(64.18, -51.72).unwrap(), Surface::Coast);
    // the 1:10m coast puts the old town's shore here, and this point 1.3 km west in the fjord
    assert_eq!(classifier().surface(64.1814, -51.6942).unwrap(), Surface::Coast);
    assert_eq!(classifier().surface(64.18, -51.72).unwrap(), Surface::Sea);
    assert_eq!(classifier().coarse_surface(25.74, 123.47).unwrap(), Surface::Coast);
}

#[test]
fn boxes_take_precedence_over_land_and_sea() {
    // a point in the Senkaku box but off the islets is still the box's region
    assert_eq!(regions_at(25.9, 124.0).first().map(String::as_str), Some("XX-SENKAKU"));
    assert_eq!(classifier().surface(25.9, 124.0).unwrap(), Surface::Sea);
}

#[test]
fn sovereign_base_areas() {
    // RAF Akrotiri, Episkopi, Dhekelia, Ayios Nikolaos: the boundary data says GB, the part of
    // GB on Cyprus says XX-SBA (Asia, not Europe)
    for (lat, lon) in [(34.59, 32.99), (34.665, 32.88), (34.98, 33.74), (35.10, 33.88)] {
        let f = classify(lat, lon).unwrap();
        assert_eq!(f.regions, ["XX-SBA", "GB"], "{lat},{lon}");
        assert_eq!(f.continent.unwrap(), ["asia"]);
        assert_eq!(f.eu.as_deref(), Some("excluded"));
    }
    // Limassol and Larnaca, next to the bases, are the Republic's; London is GB alone
    assert_eq!(regions_at(34.68, 33.04), ["CY"]);
    assert_eq!(regions_at(34.92, 33.63), ["CY"]);
    assert_eq!(regions_at(51.5, -0.12), ["GB"]);
}

#[test]
fn bosporus_shores() {
    // Dolmabahce, Besiktas, on the European shore (Natural Earth's 1:10m coast puts the point
    // 250 m into the water; the coast tolerance keeps it Turkish, the midline European)
    let f = classify(41.04, 29.00).unwrap();
    assert_eq!(f.regions, ["XX-TR-THRACE", "TR"]);
    assert_eq!(f.continent.unwrap(), ["europe"]);
    assert_eq!(f.sovereign.as_deref(), Some("TUR"));
    // Uskudar, 1.5 km inland on the Asian shore
    let f = classify(41.02, 29.03).unwrap();
    assert_eq!(f.regions, ["XX-TR-ANATOLIA", "TR"]);
    assert_eq!(f.continent.unwrap(), ["asia"]);
    // Edirne, the Gallipoli peninsula and Gokceada are European; Canakkale, Ankara Asian
    for (lat, lon) in [(41.68, 26.56), (40.18, 26.36), (40.20, 25.90)] {
        assert_eq!(continent(lat, lon), ["europe"], "{lat},{lon}");
    }
    for (lat, lon) in [(40.15, 26.41), (39.93, 32.85), (37.00, 35.43)] {
        assert_eq!(continent(lat, lon), ["asia"], "{lat},{lon}");
    }
}

#[test]
fn russia_kazakhstan_egypt_cyprus() {
    for (lat, lon, want, what) in [
        (55.75, 37.62, "europe", "Moscow"),
        (54.71, 20.51, "europe", "Kaliningrad"),
        (51.19, 35.27, "europe", "Sudzha, Kursk oblast"),
        (43.35, 42.44, "europe", "Elbrus (north of the Caucasus crest)"),
        (58.01, 56.25, "europe", "Perm"),
        (55.03, 82.92, "asia", "Novosibirsk"),
        (56.84, 60.61, "asia", "Yekaterinburg"),
        (43.12, 131.89, "asia", "Vladivostok"),
        (51.23, 51.37, "europe", "Oral"),
        (51.17, 71.45, "asia", "Astana"),
        (43.65, 51.17, "asia", "Aktau"),
        (28.56, 33.95, "asia", "Saint Catherine, Sinai"),
        (31.13, 33.80, "asia", "El Arish"),
        (30.04, 31.24, "africa", "Cairo"),
        (30.60, 32.27, "africa", "Ismailia (west bank of the canal)"),
        (35.89, -5.32, "africa", "Ceuta"),
        (36.14, -5.35, "europe", "Gibraltar"),
    ] {
        assert_eq!(continent(lat, lon), [want], "{what}");
    }
    assert_eq!(regions_at(55.03, 82.92), ["XX-RU-ASIA", "RU"]);
    assert_eq!(regions_at(28.56, 33.95), ["XX-EG-SINAI", "EG"]);
    assert_eq!(regions_at(30.04, 31.24), ["XX-EG-AFRICA", "EG"]);
    assert_eq!(regions_at(35.89, -5.32), ["ES-CE", "ES"]);
    assert_eq!(regions_at(36.14, -5.35), ["GI", "GB"]);
    // Crimea: the boundary data puts it in RU too, but UA-43 comes first and keeps its facts
    let f = classify(44.95, 34.10).unwrap();
    assert_eq!(f.regions, ["UA-43", "UA"]);
    assert_eq!(f.sovereign.as_deref(), Some("UKR"));
    // the north of Cyprus: the Republic's territory, administered under Turkey's control since
    // 1974, with both readings of TEU 42(7)
    let f = classify(35.34, 33.32).unwrap(); // Kyrenia
    assert_eq!(f.regions, ["XX-CY-NORTH", "CY"]);
    assert_eq!((f.sovereign.as_deref(), f.administered_by.as_deref()), (Some("CYP"), Some("TUR")));
    assert_eq!(f.eu.as_deref(), Some("member"));
    let covered: BTreeSet<bool> =
        f.readings.iter().filter(|r| &*r.treaty == "teu-42-7").map(|r| r.covered).collect();
    assert_eq!(covered, BTreeSet::from([false, true]));
    let before = classifier().classify(35.34, 33.32, date(1970, 1, 1), regions()).unwrap().unwrap();
    assert_eq!(before.administered_by.as_deref(), Some("CYP"));
    // the south is the Republic's alone
    assert_eq!(regions_at(34.68, 33.04), ["CY"]); // Limassol
}

/// Each contested place carries both readings, for the treaty it is contested under.
#[test]
fn contested_readings() {
    for (lat, lon, treaty, what) in [
        (35.89, -5.32, "north-atlantic-treaty", "Ceuta"),
        (35.29, -2.94, "north-atlantic-treaty", "Melilla"),
        (64.1814, -51.6942, "teu-42-7", "Nuuk"),
        (35.19, 33.36, "teu-42-7", "North Nicosia"),
        (34.59, 32.99, "north-atlantic-treaty", "RAF Akrotiri"),
        (15.15, 117.76, "us-philippines-mdt-1951", "Scarborough Shoal (a reading of the sea)"),
        (9.73, 115.87, "us-philippines-mdt-1951", "Second Thomas Shoal"),
    ] {
        let f = classify(lat, lon).unwrap_or_else(|| panic!("{what}: not classified"));
        let sides: BTreeSet<bool> =
            f.readings.iter().filter(|r| &*r.treaty == treaty).map(|r| r.covered).collect();
        assert_eq!(sides, BTreeSet::from([false, true]), "{what}: {:?}", f.readings);
        assert!(f.readings.iter().all(|r| !r.text.is_empty() && !r.source.is_empty()), "{what}");
    }
    // uncontested places carry none
    for (lat, lon) in [(60.17, 24.94), (35.0, 20.0), (21.31, -157.86)] {
        assert!(classify(lat, lon).unwrap().readings.is_empty(), "{lat},{lon}");
    }
}

/// Every reading names a treaty that exists in the data.
#[test]
fn readings_name_known_treaties() {
    let files =
        casus_core::treaty_files(std::path::Path::new(&format!("{DATA}/treaties"))).unwrap();
    let known = |t: &str| files.iter().any(|p| p.file_stem().is_some_and(|s| s == t));
    let mut seen = 0;
    for r in regions().iter() {
        for reading in regions().facts(r.code()).unwrap().readings {
            assert!(known(&reading.treaty), "{}: unknown treaty `{}`", r.code(), reading.treaty);
            seen += 1;
        }
    }
    let seas: toml::Table =
        toml::from_str(&std::fs::read_to_string(format!("{DATA}/seas.toml")).unwrap()).unwrap();
    for sea in seas["sea"].as_array().unwrap() {
        for reading in sea.get("reading").and_then(|r| r.as_array()).into_iter().flatten() {
            let t = reading["treaty"].as_str().unwrap();
            assert!(known(t), "sea {:?}: unknown treaty `{t}`", sea["id"]);
            seen += 1;
        }
    }
    assert!(seen >= 10, "{seen} readings");
}

/// Every part is a region of the table, child of the region it refines, with one continent
/// where it splits a transcontinental state. An occupied or administered part (the Golan,
/// which the boundary data gives to Israel; South Ossetia, inside Shida Kartli) sits under
/// its sovereign's region instead, and says who administers it.
#[test]
fn parts_are_regions_under_their_parent() {
    let mut n = 0;
    for (code, parent) in classifier().parts() {
        let f =
            regions().facts(code).unwrap_or_else(|| panic!("part {code} is not in regions.toml"));
        if f.regions.get(1).map(String::as_str) != Some(parent) {
            assert_ne!(f.administered_by, f.sovereign, "{code}: not under {parent}");
            continue;
        }
        let whole = regions().facts(parent).unwrap().continent.unwrap_or_default();
        let own = f.continent.unwrap_or_default();
        if whole.len() > 1 {
            assert_eq!(own.len(), 1, "{code}: {own:?}");
            assert!(whole.contains(&own[0]), "{code}: {own:?} not among {whole:?}");
        }
        n += 1;
    }
    // the transcontinental and Cyprus parts, Okinawa, and the parts the boundary data gives
    // to their parent (the occupied bands of Ukraine, Karabakh, the Golan's buffer zone)
    assert_eq!(n, 21);
}

/// Okinawa (JP-47): the boundary data has no subdivisions of Japan there, so the prefecture is
/// a part of JP (data/geo/parts.toml); the Amami Islands, Yoron included, stay Kagoshima (JP).
#[test]
fn okinawa_is_jp_47() {
    for (lat, lon, what) in [
        (26.21, 127.68, "Naha"),
        (26.35, 127.77, "Kadena Air Base"),
        (24.34, 124.16, "Ishigaki (within the coast tolerance)"),
        (24.80, 125.28, "Miyako"),
        (24.35, 123.80, "Iriomote"),
        (24.44, 123.00, "Yonaguni"),
        (26.34, 126.75, "Kumejima"),
        (26.87, 128.26, "Hedo Point, the north tip of Okinawa Island"),
        (27.05, 127.96, "Iheya, level with Yoron"),
        (27.86, 128.235, "Iotorishima, west of the Amami Islands"),
        (25.85, 131.24, "Minami-Daito"),
        (25.935, 131.31, "Kita-Daito"),
    ] {
        assert_eq!(classifier().ids(lat, lon).unwrap(), ["JP-47", "JP"], "{what}");
        let f = classify(lat, lon).unwrap_or_else(|| panic!("{what}: not classified"));
        assert_eq!(f.regions, ["JP-47", "JP"], "{what}");
        assert!(!f.at_sea, "{what}");
        assert_eq!(f.name.as_deref(), Some("Okinawa"), "{what}");
        assert_eq!(f.island, Some(true), "{what}");
        assert_eq!(f.lat, Some((lat, lat)), "{what}");
        assert_eq!(
            (f.sovereign.as_deref(), f.administered_by.as_deref()),
            (Some("JPN"), Some("JPN")),
            "{what}"
        );
    }
    for (lat, lon, what) in [
        (27.04, 128.42, "Yoron (Kagoshima)"),
        (27.40, 128.62, "Okinoerabu (Kagoshima)"),
        (27.80, 128.95, "Tokunoshima (Kagoshima)"),
        (28.38, 129.49, "Amami Oshima (Kagoshima)"),
        (31.60, 130.56, "Kagoshima"),
        (35.68, 139.76, "Tokyo"),
    ] {
        assert_eq!(regions_at(lat, lon), ["JP"], "{what}");
    }
    // at sea off Naha the boundary data still says JP: at sea, with a note, no part
    assert_eq!(classifier().surface(26.0, 127.0).unwrap(), Surface::Sea);
    assert!(classifier().ids(26.0, 127.0).unwrap().is_empty());
    // the Senkakus' box still comes first, with Okinawa as its parent
    assert_eq!(regions_at(25.74, 123.47), ["XX-SENKAKU", "JP-47", "JP"]);
    assert_eq!(regions_at(25.9, 124.0), ["XX-SENKAKU", "JP-47", "JP"]);
}

/// Okinawa was under US administration from 1945-06-22 until the reversion of 1972-05-15
/// (JP-47's history in regions.toml); Japan stayed sovereign.
#[test]
fn okinawa_before_the_reversion_is_us_administered() {
    let on = |lat: f64, lon: f64, day| {
        let f = classifier().classify(lat, lon, day, regions()).unwrap().unwrap();
        (f.sovereign, f.administered_by)
    };
    let us = (Some("JPN".to_owned()), Some("USA".to_owned()));
    let japan = (Some("JPN".to_owned()), Some("JPN".to_owned()));
    for (lat, lon) in [(26.21, 127.68), (26.35, 127.77), (24.34, 124.16), (25.85, 131.24)] {
        assert_eq!(on(lat, lon, date(1970, 1, 1)), us, "{lat},{lon}");
        assert_eq!(on(lat, lon, date(1972, 5, 14)), us, "{lat},{lon}");
        assert_eq!(on(lat, lon, date(1972, 5, 15)), japan, "{lat},{lon}");
        assert_eq!(on(lat, lon, date(1945, 6, 21)), japan, "{lat},{lon}");
        assert_eq!(on(lat, lon, date(1945, 6, 22)), us, "{lat},{lon}");
    }
    // the Senkakus inherit it through JP-47; Yoron (Kagoshima, reverted in 1953) does not:
    // regions.toml gives JP no history
    assert_eq!(on(25.74, 123.47, date(1970, 1, 1)), us);
    assert_eq!(on(27.04, 128.42, date(1970, 1, 1)), japan);
}

/// The cache of the boundary data's whole-cell answers gives the data's own answer: on a
/// lattice through the raster's cell edges and corners (whole degrees, the poles, the
/// antimeridian), off them, and on pseudo-random points.
#[test]
fn boundary_cache_agrees_with_the_boundary_data() {
    let c = classifier();
    let check = |lat: f64, lon: f64| {
        assert_eq!(
            c.boundary_ids(lat, lon).unwrap(),
            c.boundary_ids_uncached(lat, lon).unwrap(),
            "{lat},{lon}"
        );
    };
    for lat in (-90..=90).step_by(3) {
        for lon in (-180..=180).step_by(3) {
            let (lat, lon) = (f64::from(lat), f64::from(lon));
            check(lat, lon);
            check((lat + 0.5).min(90.0), lon);
            check(lat, (lon - 1e-9).max(-180.0));
        }
    }
    let mut state: u64 = 0xB0D4;
    let mut next = || {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..20_000 {
        check(next() * 180.0 - 90.0, next() * 360.0 - 180.0);
    }
    // coasts and borders: Europe and East Asia
    for _ in 0..5_000 {
        check(35.0 + next() * 30.0, -10.0 + next() * 40.0);
        check(20.0 + next() * 25.0, 120.0 + next() * 25.0);
    }
}

/// The grid index gives the brute-force answer: on a lattice that hits cell corners and whole
/// hundredths of a degree (the vertices' grid) exactly, and on pseudo-random points, a quarter
/// of them on Europe's dense coasts and a third rounded to whole hundredths. (Kept small: the
/// references are slow in a debug build; the benchmark checks 100,000 points in release.)
#[test]
fn land_index_agrees_with_brute_force() {
    let c = classifier();
    let mut lat = -90.0;
    while lat <= 90.0 {
        let mut lon = -180.0;
        while lon <= 180.0 {
            assert_eq!(
                c.coarse_surface(lat, lon).unwrap(),
                c.surface_bbox(lat, lon).unwrap(),
                "{lat},{lon}"
            );
            lon += 4.5;
        }
        lat += 4.5;
    }
    let mut state: u64 = 0x5EED;
    let mut next = || {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for i in 0..1200 {
        let (lat, lon) = if i % 4 == 0 {
            (35.0 + next() * 30.0, -10.0 + next() * 40.0)
        } else {
            (next() * 180.0 - 90.0, next() * 360.0 - 180.0)
        };
        let (lat, lon) = if i % 3 == 0 {
            ((lat * 100.0).round() / 100.0, (lon * 100.0).round() / 100.0)
        } else {
            (lat, lon)
        };
        assert_eq!(
            c.coarse_surface(lat, lon).unwrap(),
            c.surface_bbox(lat, lon).unwrap(),
            "{lat},{lon}"
        );
        let (fine, fine_bbox) = c.fine_surface(lat, lon).unwrap();
        assert_eq!(fine, fine_bbox, "fine coast at {lat},{lon}");
        if i % 40 == 0 {
            assert_eq!(
                c.coarse_surface(lat, lon).unwrap(),
                c.surface_unfiltered(lat, lon).unwrap(),
                "{lat},{lon}"
            );
        }
    }
}

#[test]
fn unknown_land_stays_unknown() {
    // Bir Tawil: land that no state claims and the boundary data leaves out
    assert_eq!(classifier().surface(21.9, 33.7).unwrap(), Surface::Land);
    assert_eq!(classify(21.9, 33.7), None);
    // the Caspian: a hole in the land mask, but no casus sea area: inland water, in no sea
    assert_eq!(classifier().surface(42.0, 51.0).unwrap(), Surface::Sea);
    let f = classify(42.0, 51.0).unwrap();
    assert!(f.at_sea && !f.territorial_sea && f.regions.is_empty());
    assert_eq!(f.sea, Some(vec![]));
    // Antarctica: land south of 60 S that no boundary names is AQ, ice shelves included
    for (lat, lon) in [(-66.5, 100.0), (-80.0, 180.0), (-81.0, -170.0)] {
        assert_eq!(regions_at(lat, lon), ["AQ"], "{lat},{lon}");
    }
    let _ = TODAY;
}

/// At sea within 12 nautical miles of a coast is the coastal state's territorial sea (UNCLOS
/// Arts 2 and 3): its territory, with its facts, and at sea in its sea area; beyond, the high
/// seas. A warship 9 km off Point Loma is in US territory in North America; 30 km out it is in
/// no state's.
#[test]
fn territorial_sea_within_twelve_nautical_miles() {
    for (lat, lon, first, sea) in [
        (32.68, -117.32, "US-CA", "pacific"), // 7 km off Point Loma, San Diego
        (43.03, 5.93, "FR", "mediterranean"), // off Toulon, 10 km
        (33.30, 35.10, "LB", "mediterranean"), // 10 km off Tyre
        (21.20, -157.95, "US-HI", "pacific"), // off Honolulu
    ] {
        let f = at_sea(lat, lon);
        assert!(f.territorial_sea, "{lat},{lon}: {f:?}");
        assert_eq!(f.regions.first().map(String::as_str), Some(first), "{lat},{lon}");
        assert_eq!(f.sea.as_deref(), Some(&[sea.to_owned()][..]), "{lat},{lon}");
        assert!(f.sovereign.is_some() && f.continent.is_some(), "{lat},{lon}");
    }
    for (lat, lon) in [(32.68, -117.75), (42.70, 5.93), (33.30, 34.70)] {
        let f = high_seas(lat, lon);
        assert_eq!(f.sovereign, None, "{lat},{lon}");
    }
}

/// On the shore (outside the land polygons but within their tolerance) a point has its
/// region's facts, and the sea areas of the water beside it, marked as the shore.
#[test]
fn shore_points_have_the_water_beside_them() {
    let c = classifier();
    let (lat, lon) = (43.5081, 16.4402); // Split, the old town on the harbour
    assert_eq!(c.surface(lat, lon).unwrap(), Surface::Coast);
    let f = classify(lat, lon).unwrap();
    assert!(f.shore && !f.at_sea);
    assert_eq!(f.regions.first().map(String::as_str), Some("HR"));
    assert_eq!(f.sea.unwrap(), ["mediterranean"]);
    assert!(f.coasts.unwrap().contains(&"mediterranean".to_owned()));
}
