//! The treaty areas and scopes of the bundled data: every edge of every area tested just inside
//! and just outside, and every scope carrying its reading.

use casus_core::model::Edges;

use crate::common::dataset;

fn mercator(lat: f64) -> f64 {
    let phi = lat.clamp(-89.999, 89.999).to_radians();
    (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan().ln()
}

fn inverse_mercator(y: f64) -> f64 {
    (2.0 * y.exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees()
}

/// For each edge of each ring, the points a hair's breadth to either side of its midpoint (in
/// the plane the edges are straight in): exactly one of them is in the area, so every edge is a
/// real boundary of it, drawn where the file says. Edges on the poles or the antimeridian (the
/// cuts of a ring that spans them), and edges shared by two rings (a cut drawn twice), are
/// skipped: one side is off the globe, or both sides are inside.
#[test]
fn every_edge_of_every_area_has_inside_and_outside() {
    let areas = dataset().regions().areas();
    let mut edges_tested = 0;
    for area in areas.iter() {
        let project = |(lat, lon): (f64, f64)| match area.edges {
            Edges::Rhumb => (lon, mercator(lat)),
            Edges::Plain | Edges::Geodesic => (lon, lat),
        };
        let unproject = |(x, y): (f64, f64)| match area.edges {
            Edges::Rhumb => (inverse_mercator(y), x),
            Edges::Plain | Edges::Geodesic => (y, x),
        };
        if area.edges == Edges::Geodesic {
            continue; // drawn as great circles: the chord's midpoint is not on the edge
        }
        let all: Vec<((f64, f64), (f64, f64))> = area
            .polygons
            .iter()
            .flat_map(|r| r.iter().zip(r.iter().cycle().skip(1)).map(|(a, b)| (*a, *b)))
            .collect();
        for &(a, b) in &all {
            let on_cut = |p: (f64, f64)| p.0.abs() >= 89.99 || p.1.abs() >= 179.999;
            if on_cut(a) && on_cut(b) && (a.0 == b.0 || a.1 == b.1) {
                continue;
            }
            let shared = all.iter().filter(|(c, d)| (*c == b && *d == a) || (*c == a && *d == b));
            if shared.count() > 1 {
                continue;
            }
            let (pa, pb) = (project(a), project(b));
            let (dx, dy) = (pb.0 - pa.0, pb.1 - pa.1);
            let len = dx.hypot(dy);
            if len < 1e-9 {
                continue;
            }
            let mid = ((pa.0 + pb.0) / 2.0, (pa.1 + pb.1) / 2.0);
            let eps = 1e-6;
            let (nx, ny) = (-dy / len * eps, dx / len * eps);
            let left = unproject((mid.0 + nx, mid.1 + ny));
            let right = unproject((mid.0 - nx, mid.1 - ny));
            let inside = [left, right].iter().filter(|p| area.contains(p.0, p.1)).count();
            assert_eq!(
                inside, 1,
                "area {}: the edge {a:?} -> {b:?} has {inside} of its two sides inside",
                area.id
            );
            edges_tested += 1;
        }
    }
    assert!(edges_tested > 200, "{edges_tested} edges tested");
}

/// Every area a scope names exists (the loader checks), and every area is used by a scope or
/// names the treaty whose text draws it.
#[test]
fn every_area_belongs_to_a_treaty() {
    let ds = dataset();
    for area in ds.regions().areas().iter() {
        let used = ds.treaties().iter().any(|t| {
            t.scopes().iter().any(|s| s.clauses().iter().any(|c| c.areas().contains(&area.id)))
        });
        if let Some(t) = area.treaty.as_deref() {
            assert!(
                ds.treaty(t).is_some(),
                "area {} names treaty `{t}`, which is not in the data",
                area.id
            );
        }
        assert!(
            used || area.treaty.is_some(),
            "area {} is used by no scope and names no treaty",
            area.id
        );
    }
}

/// The scope audit of 2026: every scope says how casus reads its text.
#[test]
fn every_scope_has_a_reading() {
    let ds = dataset();
    let missing: Vec<String> = ds
        .treaties()
        .iter()
        .flat_map(|t| {
            t.scopes()
                .iter()
                .filter(|s| s.reading().is_none_or(|r| r.trim().is_empty()))
                .map(move |s| format!("{}: {}", t.id().as_str(), s.id()))
        })
        .collect();
    assert!(missing.is_empty(), "scopes without a reading: {missing:?}");
}
