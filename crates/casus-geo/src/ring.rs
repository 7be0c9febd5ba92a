//! Polygon rings in latitude/longitude degrees, treated as a plane (no ring crosses the
//! antimeridian; rings of areas that span it are split there).

/// Distance (degrees) within which a point counts as lying on an edge.
const EDGE_EPS: f64 = 1e-9;

/// A closed ring of `(lat, lon)` vertices with its bounding box.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ring {
    /// Vertices, `(lat, lon)`; the closing edge from the last to the first is implicit.
    vertices: Vec<(f64, f64)>,
    south: f64,
    west: f64,
    north: f64,
    east: f64,
}

impl Ring {
    /// A ring from at least three vertices (not checked here: the loader does).
    pub(crate) fn new(vertices: Vec<(f64, f64)>) -> Self {
        let (mut south, mut west, mut north, mut east) =
            (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &(lat, lon) in &vertices {
            south = south.min(lat);
            north = north.max(lat);
            west = west.min(lon);
            east = east.max(lon);
        }
        Self { vertices, south, west, north, east }
    }

    /// The vertices, `(lat, lon)`.
    #[cfg(test)]
    pub(crate) fn vertices(&self) -> &[(f64, f64)] {
        &self.vertices
    }

    /// Is the point inside the bounding box (edges included)?
    pub(crate) fn bbox_contains(&self, lat: f64, lon: f64) -> bool {
        lat >= self.south && lat <= self.north && lon >= self.west && lon <= self.east
    }

    /// Is the point inside the ring or on its edge? Even-odd rule, with a bounding-box test first.
    pub(crate) fn contains(&self, lat: f64, lon: f64) -> bool {
        self.bbox_contains(lat, lon) && self.contains_unfiltered(lat, lon)
    }

    /// [`Ring::contains`] without the bounding-box test (the benchmark's baseline).
    pub(crate) fn contains_unfiltered(&self, lat: f64, lon: f64) -> bool {
        let (y, x) = (lat, lon);
        let Some(&last) = self.vertices.last() else {
            return false;
        };
        let mut inside = false;
        let mut prev = last;
        for &cur in &self.vertices {
            let ((y1, x1), (y2, x2)) = (prev, cur);
            prev = cur;
            if on_segment(y, x, y1, x1, y2, x2) {
                return true;
            }
            // Half-open in y, so a vertex exactly at the ray's height is counted once.
            if (y1 > y) != (y2 > y) {
                let x_cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1);
                if x < x_cross {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// The edges, each as `((lat1, lon1), (lat2, lon2))`, closing edge included.
    pub(crate) fn edges(&self) -> impl Iterator<Item = ((f64, f64), (f64, f64))> + '_ {
        let first = self.vertices.first().copied();
        self.vertices.iter().copied().zip(self.vertices.iter().copied().skip(1).chain(first))
    }
}

/// Does `(y, x)` lie on the segment `(y1, x1)`-`(y2, x2)`, within [`EDGE_EPS`]?
fn on_segment(y: f64, x: f64, y1: f64, x1: f64, y2: f64, x2: f64) -> bool {
    if x < x1.min(x2) - EDGE_EPS
        || x > x1.max(x2) + EDGE_EPS
        || y < y1.min(y2) - EDGE_EPS
        || y > y1.max(y2) + EDGE_EPS
    {
        return false;
    }
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len = dx.hypot(dy);
    if len == 0.0 {
        return true; // a degenerate edge: the box test above already put the point on it
    }
    let cross = dx * (y - y1) - dy * (x - x1);
    cross.abs() <= EDGE_EPS * len
}

/// Do two segments intersect other than at a shared endpoint? (For checking rings are simple.)
#[cfg(test)]
pub(crate) fn segments_cross(a: ((f64, f64), (f64, f64)), b: ((f64, f64), (f64, f64))) -> bool {
    let ((ay1, ax1), (ay2, ax2)) = a;
    let ((by1, bx1), (by2, bx2)) = b;
    let orient = |py: f64, px: f64, qy: f64, qx: f64, ry: f64, rx: f64| {
        ((qx - px) * (ry - py) - (qy - py) * (rx - px)).signum()
    };
    let shares_end = [(ay1, ax1), (ay2, ax2)].iter().any(|p| *p == (by1, bx1) || *p == (by2, bx2));
    if shares_end {
        return false;
    }
    let d1 = orient(by1, bx1, by2, bx2, ay1, ax1);
    let d2 = orient(by1, bx1, by2, bx2, ay2, ax2);
    let d3 = orient(ay1, ax1, ay2, ax2, by1, bx1);
    let d4 = orient(ay1, ax1, ay2, ax2, by2, bx2);
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Ring {
        Ring::new(vec![(0.0, 0.0), (0.0, 10.0), (10.0, 10.0), (10.0, 0.0)])
    }

    #[test]
    fn inside_outside_and_edges() {
        let r = square();
        assert!(r.contains(5.0, 5.0));
        assert!(!r.contains(5.0, 10.5));
        assert!(!r.contains(-0.1, 5.0));
        // edges and vertices count as inside
        assert!(r.contains(0.0, 5.0));
        assert!(r.contains(10.0, 10.0));
        assert!(r.contains(5.0, 0.0));
        assert!(r.contains(5.0, 10.0));
    }

    #[test]
    fn concave_ring() {
        // a U: the notch (5..10 lat, 3..7 lon) is outside
        let r = Ring::new(vec![
            (0.0, 0.0),
            (0.0, 10.0),
            (10.0, 10.0),
            (10.0, 7.0),
            (5.0, 7.0),
            (5.0, 3.0),
            (10.0, 3.0),
            (10.0, 0.0),
        ]);
        assert!(r.contains(2.0, 5.0));
        assert!(!r.contains(8.0, 5.0));
        assert!(r.contains(8.0, 1.0));
        assert!(r.contains(8.0, 9.0));
        // the ray from (5, 1) runs along the notch's bottom edge
        assert!(r.contains(5.0, 1.0));
        assert_eq!(r.contains(8.0, 5.0), r.contains_unfiltered(8.0, 5.0));
    }

    #[test]
    fn crossing_segments() {
        let a = ((0.0, 0.0), (10.0, 10.0));
        let b = ((0.0, 10.0), (10.0, 0.0));
        assert!(segments_cross(a, b));
        assert!(!segments_cross(a, ((10.0, 10.0), (20.0, 0.0))));
        assert!(!segments_cross(a, ((0.0, 5.0), (0.0, 10.0))));
    }
}
