//! The cell cache gives the answers of the sources it stands for: the same facts, ids, boundary
//! ids and surface with it as without, on and off the edges of its cells.

use super::{classifier, regions, TODAY};

/// Checks a point: with the cell cache and without.
fn agree(lat: f64, lon: f64) {
    let c = classifier();
    assert_eq!(
        c.classify(lat, lon, TODAY, regions()),
        c.classify_uncached(lat, lon, TODAY, regions()),
        "classify at {lat},{lon}"
    );
    assert_eq!(c.ids(lat, lon), c.ids_uncached(lat, lon), "ids at {lat},{lon}");
    assert_eq!(
        c.boundary_ids(lat, lon),
        c.boundary_ids_uncached(lat, lon),
        "boundary ids at {lat},{lon}"
    );
}

/// Every half degree of latitude by every four degrees and a half of longitude (whole and half
/// degrees in turn; not more, as surveying a cell is slow in a debug build), and the
/// antimeridian: the corners and edges of the cells (those of the
/// boundary data and the sea areas, and the land mask's half-degree cells), the poles included;
/// and points just inside and outside a degree's edges.
#[test]
fn cached_and_uncached_agree_on_cell_edges() {
    let lons = (-40..=40).map(|l| f64::from(l) * 4.5).chain([-179.5, 179.5]);
    for lon in lons {
        for lat in (-180..=180).map(|l| f64::from(l) / 2.0) {
            agree(lat, lon);
        }
    }
    for lat in (-89..=89).step_by(7).map(f64::from) {
        for lon in (-179..=179).step_by(3).map(f64::from) {
            for (dy, dx) in [(1e-9, 1e-9), (-1e-9, -1e-9), (1e-9, -1e-9), (0.25, 0.25)] {
                agree(lat + dy, lon + dx);
            }
        }
    }
    // The coarse mask's answer, against its slowest baseline, and the fine coast's index
    // against its own (a few points: the bench checks many more).
    let c = classifier();
    for lat in (-89..=89).step_by(13).map(f64::from) {
        for lon in (-179..=179).step_by(11).map(f64::from) {
            for (lat, lon) in [(lat, lon), (lat + 1e-9, lon - 1e-9), (lat + 0.5, lon + 0.5)] {
                assert_eq!(
                    c.coarse_surface(lat, lon),
                    c.surface_bbox(lat, lon),
                    "surface at {lat},{lon}"
                );
                let (fine, fine_bbox) = c.fine_surface(lat, lon).unwrap();
                assert_eq!(fine, fine_bbox, "fine coast at {lat},{lon}");
            }
        }
    }
}

/// Pseudo-random points (a fixed linear congruential generator), as the bench draws them.
#[test]
fn cached_and_uncached_agree_on_random_points() {
    let mut state: u64 = 0x5EED_CA5E;
    let mut unit = move || {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..20_000 {
        agree(unit() * 180.0 - 90.0, unit() * 360.0 - 180.0);
    }
}
