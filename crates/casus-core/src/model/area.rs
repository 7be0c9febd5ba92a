//! Treaty areas drawn from their texts (`data/geo/areas.toml`): the Rio Treaty's Art 4 region,
//! SEATO's treaty area, the Pacific Area of ANZUS. A scope clause names them (`area = [...]`);
//! a point is tested against the polygons, a place given as a region against the area's
//! `inside` and `outside` lists.
//!
//! Vertices are joined as the text joins them: by rhumb lines (the Rio text says so), which are
//! straight lines on a Mercator projection, so the point-in-polygon test runs on Mercator
//! coordinates; by great circles (geodesic), which are cut into short pieces first; or straight
//! in latitude and longitude (plain).

use std::collections::BTreeMap;

use crate::diag::did_you_mean;

/// How consecutive vertices of an area are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Edges {
    /// Loxodromes: a constant bearing, straight on a Mercator map.
    Rhumb,
    /// Great circles: the shortest way.
    Geodesic,
    /// Straight in latitude and longitude (a parallel, a meridian, or a box).
    Plain,
}

impl Edges {
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "rhumb" => Some(Self::Rhumb),
            "geodesic" => Some(Self::Geodesic),
            "plain" => Some(Self::Plain),
            _ => None,
        }
    }
}

/// How far an area's vertices are the text's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    /// The vertices are those the text gives.
    Verbatim,
    /// Drawn for casus from a text that names an area without drawing it ("the general area of
    /// South-East Asia"); the note says how.
    Approximate,
}

/// The nearest latitude a Mercator coordinate is taken at: the poles are at infinity.
const MERCATOR_LIMIT: f64 = 89.999;
/// Geodesic edges are cut into pieces of at most this many degrees of arc.
const GEODESIC_STEP: f64 = 0.5;

/// One ring, in the coordinates its edges are straight in: `(x, y)` = (longitude, latitude
/// or Mercator y).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ring {
    points: Vec<(f64, f64)>,
    /// `[x_min, y_min, x_max, y_max]`.
    bbox: [f64; 4],
}

/// A treaty area.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Area {
    /// Its id (`rio-art-4`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The treaty whose text defines it.
    pub treaty: Option<String>,
    /// The article.
    pub article: Option<String>,
    /// How the vertices are joined.
    pub edges: Edges,
    /// Whether the vertices are the text's.
    pub quality: Quality,
    /// The words that define it.
    pub text: Option<String>,
    /// The rings as written, `[lat, lon]`.
    pub polygons: Vec<Vec<(f64, f64)>>,
    /// Regions wholly inside, for places given as a region.
    pub inside: Vec<String>,
    /// Regions wholly outside.
    pub outside: Vec<String>,
    /// Its source: a citation (from the file's `[[source]]` table).
    pub source: Option<String>,
    /// How it was drawn, what is uncertain.
    pub note: Option<String>,
    #[serde(skip)]
    pub(crate) rings: Vec<Ring>,
    /// Where `treaty` is written, for the check that the treaty exists.
    #[serde(skip)]
    pub(crate) treaty_loc: Option<crate::source::Loc>,
}

fn mercator(lat: f64) -> f64 {
    let phi = lat.clamp(-MERCATOR_LIMIT, MERCATOR_LIMIT).to_radians();
    (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan().ln()
}

fn inverse_mercator(y: f64) -> f64 {
    (2.0 * y.exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees()
}

/// The points of a great circle from `a` to `b` (`[lat, lon]`), `a` included, `b` not, at most
/// [`GEODESIC_STEP`] degrees apart.
fn geodesic_piece(a: (f64, f64), b: (f64, f64), out: &mut Vec<(f64, f64)>) {
    let unit = |(lat, lon): (f64, f64)| {
        let (p, l) = (lat.to_radians(), lon.to_radians());
        [p.cos() * l.cos(), p.cos() * l.sin(), p.sin()]
    };
    let ([ux, uy, uz], [vx, vy, vz]) = (unit(a), unit(b));
    let dot = (ux * vx + uy * vy + uz * vz).clamp(-1.0, 1.0);
    let arc = dot.acos();
    let steps = ((arc.to_degrees() / GEODESIC_STEP).ceil() as usize).max(1);
    out.push(a);
    if arc < 1e-12 || (std::f64::consts::PI - arc).abs() < 1e-9 {
        return; // the same point, or antipodes (no unique great circle): a plain edge
    }
    for k in 1..steps {
        let t = k as f64 / steps as f64;
        let (sa, sb) = (((1.0 - t) * arc).sin(), (t * arc).sin());
        let s = arc.sin();
        let (x, y, z) = ((sa * ux + sb * vx) / s, (sa * uy + sb * vy) / s, (sa * uz + sb * vz) / s);
        out.push((z.atan2(x.hypot(y)).to_degrees(), y.atan2(x).to_degrees()));
    }
}

impl Area {
    pub(crate) fn build_rings(&mut self) {
        self.rings = self
            .polygons
            .iter()
            .map(|ring| {
                let pts: Vec<(f64, f64)> = match self.edges {
                    Edges::Rhumb => ring.iter().map(|&(lat, lon)| (lon, mercator(lat))).collect(),
                    Edges::Plain => ring.iter().map(|&(lat, lon)| (lon, lat)).collect(),
                    Edges::Geodesic => {
                        let mut dense = Vec::new();
                        for (i, &a) in ring.iter().enumerate() {
                            let b = ring.get(i + 1).or(ring.first()).copied().unwrap_or(a);
                            geodesic_piece(a, b, &mut dense);
                        }
                        dense.into_iter().map(|(lat, lon)| (lon, lat)).collect()
                    }
                };
                let mut bbox = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
                for &(x, y) in &pts {
                    bbox = [bbox[0].min(x), bbox[1].min(y), bbox[2].max(x), bbox[3].max(y)];
                }
                Ring { points: pts, bbox }
            })
            .collect();
    }

    /// Is the point inside the area? Even-odd over all its rings (a ring inside another is a
    /// hole), half-open in the projected latitude, so a point on a shared edge of two rings is
    /// in exactly one.
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        let y = match self.edges {
            Edges::Rhumb => mercator(lat),
            Edges::Plain | Edges::Geodesic => lat,
        };
        let x = lon;
        let mut inside = false;
        for r in &self.rings {
            let [x0, y0, x1, y1] = r.bbox;
            if x < x0 || x > x1 || y < y0 || y > y1 {
                continue;
            }
            let n = r.points.len();
            for i in 0..n {
                let (Some(&(xa, ya)), Some(&(xb, yb))) =
                    (r.points.get(i), r.points.get((i + 1) % n))
                else {
                    continue;
                };
                if (ya > y) != (yb > y) {
                    let xc = xa + (y - ya) * (xb - xa) / (yb - ya);
                    if x < xc {
                        inside = !inside;
                    }
                }
            }
        }
        inside
    }

    /// For a place given as regions (most specific first): inside if the first of them that the
    /// area lists is in `inside`, outside if it is in `outside`, `None` if it lists none.
    pub fn contains_region(&self, regions: &[String]) -> Option<bool> {
        regions.iter().find_map(|r| {
            if self.inside.iter().any(|i| i.eq_ignore_ascii_case(r)) {
                Some(true)
            } else if self.outside.iter().any(|o| o.eq_ignore_ascii_case(r)) {
                Some(false)
            } else {
                None
            }
        })
    }

    /// The rings as lines to draw, `[lat, lon]`, with points added along each edge (at most
    /// `step` degrees apart) so that a map in any projection shows the edges as the text draws
    /// them.
    pub fn outline(&self, step: f64) -> Vec<Vec<(f64, f64)>> {
        let step = step.max(0.01);
        self.polygons
            .iter()
            .map(|ring| {
                let mut out = Vec::new();
                for (i, &a) in ring.iter().enumerate() {
                    let b = ring.get(i + 1).or(ring.first()).copied().unwrap_or(a);
                    match self.edges {
                        Edges::Geodesic => geodesic_piece(a, b, &mut out),
                        Edges::Rhumb | Edges::Plain => {
                            let n = (((b.0 - a.0).abs().max((b.1 - a.1).abs())) / step).ceil();
                            let n = (n as usize).max(1);
                            let (ya, yb) = match self.edges {
                                Edges::Rhumb => (mercator(a.0), mercator(b.0)),
                                _ => (a.0, b.0),
                            };
                            for k in 0..n {
                                let t = k as f64 / n as f64;
                                let y = ya + t * (yb - ya);
                                let lat = match self.edges {
                                    Edges::Rhumb => inverse_mercator(y),
                                    _ => y,
                                };
                                out.push((lat, a.1 + t * (b.1 - a.1)));
                            }
                        }
                    }
                }
                out
            })
            .collect()
    }
}

/// The treaty areas, by id.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    pub(crate) areas: BTreeMap<String, Area>,
}

impl Areas {
    /// An area by id.
    pub fn get(&self, id: &str) -> Option<&Area> {
        self.areas.get(id)
    }

    /// Every area, in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Area> {
        self.areas.values()
    }

    /// A close id, for "did you mean".
    pub fn suggest(&self, id: &str) -> Option<&str> {
        did_you_mean(id, self.areas.keys().map(String::as_str))
    }

    /// The areas a treaty's text defines.
    pub fn of_treaty<'a>(&'a self, treaty: &'a str) -> impl Iterator<Item = &'a Area> + 'a {
        self.areas.values().filter(move |a| a.treaty.as_deref() == Some(treaty))
    }

    /// The treaty ids the areas name, with where each is written, for the dataset check.
    pub(crate) fn treaty_refs(&self) -> impl Iterator<Item = (&str, &crate::source::Loc)> {
        self.areas.values().filter_map(|a| Some((a.treaty.as_deref()?, a.treaty_loc.as_ref()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::source::SourceFile;

    fn load(text: &str) -> (Areas, Diagnostics) {
        let mut diags = Diagnostics::default();
        let a = Areas::load(
            &SourceFile::new("areas.toml", text),
            &|c| c == "US" || c == "US-HI",
            &mut diags,
        );
        (a, diags)
    }

    const BOX: &str = r#"
[[source]]
id = "s"
citation = "a text"

[[area]]
id = "box"
name = "A box"
edges = "plain"
quality = "verbatim"
polygons = [[[0, 0], [0, 10], [10, 10], [10, 0]]]
inside = ["US"]
outside = ["US-HI"]
source = "s"
"#;

    #[test]
    fn plain_box() {
        let (a, d) = load(BOX);
        assert!(!d.has_errors(), "{d:?}");
        let b = a.get("box").unwrap();
        assert!(b.contains(5.0, 5.0));
        assert!(!b.contains(10.5, 5.0));
        assert!(!b.contains(5.0, -0.1));
        assert_eq!(b.contains_region(&["US-HI".into(), "US".into()]), Some(false));
        assert_eq!(b.contains_region(&["US".into()]), Some(true));
        assert_eq!(b.contains_region(&["FR".into()]), None);
    }

    /// A rhumb line is straight on a Mercator map, which stretches high latitudes: the
    /// loxodrome from 0N 0E to 60N 60E passes longitude 30E at about 35.2N, above the straight
    /// latitude/longitude line (30N). A point at 33N 30E is inside the triangle closed along
    /// the rhumb line and outside the plain one.
    #[test]
    fn rhumb_edges_follow_mercator() {
        let tri = |edges: &str| {
            let text = format!(
                "[[source]]\nid = \"s\"\ncitation = \"c\"\n[[area]]\nid = \"t\"\nname = \"T\"\nedges = \"{edges}\"\nquality = \"verbatim\"\nsource = \"s\"\npolygons = [[[0, 0], [60, 60], [0, 60]]]\n"
            );
            let (a, d) = load(&text);
            assert!(!d.has_errors(), "{d:?}");
            a.get("t").unwrap().clone()
        };
        let (plain, rhumb) = (tri("plain"), tri("rhumb"));
        let mid = inverse_mercator(mercator(60.0) / 2.0);
        assert!((mid - 35.2).abs() < 0.1, "{mid}");
        assert!(rhumb.contains(33.0, 30.0));
        assert!(!plain.contains(33.0, 30.0));
        assert!(plain.contains(29.0, 30.0) && rhumb.contains(29.0, 30.0));
        assert!(!rhumb.contains(mid + 0.2, 30.0));
        // the outline drawn for the page follows the same line
        let line = &rhumb.outline(1.0)[0];
        let at30 = line.iter().find(|(_, lon)| (*lon - 30.0).abs() < 1e-9).unwrap();
        assert!((at30.0 - mid).abs() < 1e-9);
    }

    /// A great circle from 40N 0E to 40N 100E rises far north of the parallel between them.
    #[test]
    fn geodesic_edges_are_great_circles() {
        let text = "[[source]]\nid = \"s\"\ncitation = \"c\"\n[[area]]\nid = \"g\"\nname = \"G\"\nedges = \"geodesic\"\nquality = \"verbatim\"\nsource = \"s\"\npolygons = [[[40, 0], [40, 100], [0, 100], [0, 0]]]\n";
        let (a, d) = load(text);
        assert!(!d.has_errors(), "{d:?}");
        let g = a.get("g").unwrap();
        assert!(g.contains(50.0, 50.0)); // north of 40N, under the great circle's vertex
        assert!(!g.contains(60.0, 50.0));
    }

    #[test]
    fn errors_are_all_reported() {
        let text = r#"
[[area]]
id = "x"
name = "X"
edges = "loxo"
quality = "rough"
source = "nope"
polygons = [[[0, 170], [5, -170], [10, -170]]]
inside = ["ZZ"]
"#;
        let (_, d) = load(text);
        let msgs: Vec<String> = d.iter().map(|x| x.message().to_owned()).collect();
        assert!(msgs.iter().any(|m| m.contains("unknown edges `loxo`")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("unknown quality `rough`")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("unknown source `nope`")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("antimeridian")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("unknown region `ZZ`")), "{msgs:?}");
    }
}
