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
use std::sync::Arc;

use toml::de::DeValue;
use toml::Spanned;

use crate::diag::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::raw::reader::{parse_document, TableReader};
use crate::source::SourceFile;

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
    const NAMES: [&'static str; 3] = ["rhumb", "geodesic", "plain"];

    fn parse(s: &str) -> Option<Self> {
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
struct Ring {
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
    rings: Vec<Ring>,
    /// Where `treaty` is written, for the check that the treaty exists.
    #[serde(skip)]
    treaty_loc: Option<crate::source::Loc>,
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
    fn build_rings(&mut self) {
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
    areas: BTreeMap<String, Area>,
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

    /// Reads an areas file (`data/geo/areas.toml`); region codes in `inside` and `outside` are
    /// checked against `known_region` (a closure, so that the regions table need not be built
    /// first).
    pub fn load(
        file: &Arc<SourceFile>,
        known_region: &dyn Fn(&str) -> bool,
        diags: &mut Diagnostics,
    ) -> Areas {
        let doc = parse_document(file, diags);
        let top = TableReader::new(
            file,
            doc.get_ref(),
            doc.span(),
            "areas file",
            &["source", "area"],
            diags,
        );
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        for (tbl, span) in top.tables("source", diags) {
            let r = TableReader::new(file, tbl, span, "source", &["id", "citation", "url"], diags);
            if let (Some(id), Some(c)) = (r.req_str("id", diags), r.req_str("citation", diags)) {
                let url =
                    r.str("url", diags).map(|u| format!(" <{}>", u.value)).unwrap_or_default();
                sources.insert(id.value, format!("{}{url}", c.value));
            }
        }
        let mut areas = BTreeMap::new();
        for (tbl, span) in top.tables("area", diags) {
            let taken = |id: &str| areas.contains_key(id);
            if let Some(area) = read_area(file, tbl, span, &sources, known_region, &taken, diags) {
                areas.insert(area.id.clone(), area);
            }
        }
        Areas { areas }
    }

    /// The treaty ids the areas name, with where each is written, for the dataset check.
    pub(crate) fn treaty_refs(&self) -> impl Iterator<Item = (&str, &crate::source::Loc)> {
        self.areas.values().filter_map(|a| Some((a.treaty.as_deref()?, a.treaty_loc.as_ref()?)))
    }
}

/// One `[[area]]`: read, checked and built. `None` when it cannot be (the diagnostics say why).
fn read_area(
    file: &Arc<SourceFile>,
    tbl: &toml::de::DeTable<'_>,
    span: std::ops::Range<usize>,
    sources: &BTreeMap<String, String>,
    known_region: &dyn Fn(&str) -> bool,
    taken: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) -> Option<Area> {
    let r = TableReader::new(
        file,
        tbl,
        span,
        "area",
        &[
            "id", "name", "treaty", "article", "edges", "quality", "text", "polygons", "inside",
            "outside", "source", "sources", "note",
        ],
        diags,
    );
    let (Some(id), Some(name)) = (r.req_str("id", diags), r.req_str("name", diags)) else {
        return None;
    };
    let edges = r.req_str("edges", diags).and_then(|e| {
        let parsed = Edges::parse(&e.value);
        if parsed.is_none() {
            diags.push(vocab_error(&r, "edges", &e.value, &Edges::NAMES, e.span.clone()));
        }
        parsed
    });
    let quality = r.req_str("quality", diags).and_then(|q| match q.value.as_str() {
        "verbatim" => Some(Quality::Verbatim),
        "approximate" => Some(Quality::Approximate),
        other => {
            let names = ["verbatim", "approximate"];
            diags.push(vocab_error(&r, "quality", other, &names, q.span.clone()));
            None
        }
    });
    let source = citations(&r, sources, diags);
    let inside = region_list(&r, "inside", known_region, diags);
    let outside = region_list(&r, "outside", known_region, diags);
    if let Some(both) = inside.iter().find(|c| outside.contains(c)) {
        diags.push(
            Diagnostic::error(
                Code::ConflictingValues,
                format!("region `{both}` is listed both inside and outside the area"),
            )
            .at(r.loc(id.span.clone())),
        );
    }
    let polygons = match tbl.get("polygons") {
        Some(v) => read_rings(v).unwrap_or_else(|(span, message)| {
            diags.push(
                Diagnostic::error(Code::InvalidValue, message)
                    .at(r.loc(span))
                    .help("polygons = [[[lat, lon], [lat, lon], [lat, lon], ...], ...]: rings of at least 3 vertices, no edge across the antimeridian"),
            );
            Vec::new()
        }),
        None => {
            r.missing("polygons", diags);
            Vec::new()
        }
    };
    if taken(&id.value) {
        diags.push(
            Diagnostic::error(Code::DuplicateId, format!("duplicate area `{}`", id.value))
                .at(r.loc(id.span.clone())),
        );
        return None;
    }
    let (Some(edges), Some(quality)) = (edges, quality) else { return None };
    let treaty = r.str("treaty", diags);
    let mut area = Area {
        id: id.value.clone(),
        name: name.value,
        treaty_loc: treaty.as_ref().map(|t| r.loc(t.span.clone())),
        treaty: treaty.map(|t| t.value),
        article: r.str("article", diags).map(|a| a.value),
        edges,
        quality,
        text: r.str("text", diags).map(|t| t.value),
        polygons,
        inside,
        outside,
        source,
        note: r.str("note", diags).map(|n| n.value),
        rings: Vec::new(),
    };
    area.build_rings();
    Some(area)
}

/// An area's `source` or `sources`, as citations from the file's `[[source]]` tables.
fn citations(
    r: &TableReader<'_, '_>,
    sources: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let mut ids: Vec<crate::raw::Sp<String>> = r.str("source", diags).into_iter().collect();
    ids.extend(r.str_list("sources", diags).unwrap_or_default());
    if ids.is_empty() {
        r.missing("source", diags);
    }
    let mut citations = Vec::new();
    for s in &ids {
        match sources.get(&s.value) {
            Some(c) => citations.push(c.clone()),
            None => {
                let help = did_you_mean(&s.value, sources.keys().map(String::as_str))
                    .map(|x| format!("did you mean `{x}`?"))
                    .unwrap_or_else(|| "add a [[source]] with this id".to_owned());
                diags.push(
                    Diagnostic::error(Code::UnknownSource, format!("unknown source `{}`", s.value))
                        .at(r.loc(s.span.clone()))
                        .help(help),
                );
            }
        }
    }
    (!citations.is_empty()).then(|| citations.join("; "))
}

/// `inside` or `outside`: region codes the regions table must know.
fn region_list(
    r: &TableReader<'_, '_>,
    key: &str,
    known_region: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let items = r.str_list(key, diags).unwrap_or_default();
    for i in &items {
        if !known_region(&i.value) {
            diags.push(
                Diagnostic::error(Code::UnknownRegion, format!("unknown region `{}`", i.value))
                    .at(r.loc(i.span.clone())),
            );
        }
    }
    items.into_iter().map(|i| i.value.to_ascii_uppercase()).collect()
}

fn vocab_error(
    r: &TableReader<'_, '_>,
    key: &str,
    value: &str,
    names: &[&str],
    span: std::ops::Range<usize>,
) -> Diagnostic {
    let help = did_you_mean(value, names.iter().copied())
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| format!("one of: {}", names.join(", ")));
    Diagnostic::error(Code::InvalidValue, format!("unknown {key} `{value}`"))
        .at(r.loc(span))
        .help(help)
}

type Rings = Vec<Vec<(f64, f64)>>;

/// Reads `[[[lat, lon], ...], ...]`: the first problem, with its span.
fn read_rings(v: &Spanned<DeValue<'_>>) -> Result<Rings, (std::ops::Range<usize>, String)> {
    let num = |x: &Spanned<DeValue<'_>>| match x.get_ref() {
        DeValue::Float(f) => {
            f.as_str().replace('_', "").parse::<f64>().ok().filter(|n| n.is_finite())
        }
        DeValue::Integer(i) => i.as_str().replace('_', "").parse::<i64>().ok().map(|n| n as f64),
        _ => None,
    };
    let DeValue::Array(rings) = v.get_ref() else {
        return Err((v.span(), "`polygons` must be a list of rings".to_owned()));
    };
    if rings.is_empty() {
        return Err((v.span(), "`polygons` has no ring".to_owned()));
    }
    let mut out = Vec::new();
    for ring in rings.iter() {
        let DeValue::Array(vertices) = ring.get_ref() else {
            return Err((ring.span(), "a ring must be a list of [lat, lon] vertices".to_owned()));
        };
        let mut pts: Vec<(f64, f64)> = Vec::new();
        for vx in vertices.iter() {
            let pair = match vx.get_ref() {
                DeValue::Array(xs) if xs.len() == 2 => {
                    xs.iter().map(num).collect::<Option<Vec<f64>>>()
                }
                _ => None,
            };
            let Some([lat, lon]) = pair.as_deref().map(|p| [p.first().copied(), p.get(1).copied()])
            else {
                return Err((vx.span(), "a vertex must be [lat, lon] (two numbers)".to_owned()));
            };
            let (Some(lat), Some(lon)) = (lat, lon) else {
                return Err((vx.span(), "a vertex must be [lat, lon] (two numbers)".to_owned()));
            };
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err((vx.span(), format!("vertex [{lat}, {lon}] is off the globe")));
            }
            if let Some(&(plat, plon)) = pts.last() {
                if (lon - plon).abs() > 180.0 && (lat - plat).abs() > 0.0 {
                    return Err((
                        vx.span(),
                        format!("the edge from [{plat}, {plon}] to [{lat}, {lon}] crosses the antimeridian; cut the ring there"),
                    ));
                }
            }
            pts.push((lat, lon));
        }
        let mut distinct: Vec<(u64, u64)> =
            pts.iter().map(|(a, b)| (a.to_bits(), b.to_bits())).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 3 {
            return Err((
                ring.span(),
                format!("a ring needs 3 distinct vertices, this one has {}", distinct.len()),
            ));
        }
        out.push(pts);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
