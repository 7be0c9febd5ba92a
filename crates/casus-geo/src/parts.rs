//! Parts of countries that treaties tell apart but the boundary data does not: the European and
//! Asian parts of the transcontinental states, the north of Cyprus, the UK bases on Cyprus,
//! Okinawa (the boundary data has no subdivisions of Japan). From `data/geo/parts.toml`,
//! embedded at build time.
//!
//! A part is a casus region (`XX-...`, or an ISO 3166-2 code the boundary data lacks, `JP-47`;
//! with its facts in regions.toml) inside a parent region the boundary data gives (`TR`). Its outline is a polygon that only has to be right where the
//! parent is: across foreign land and open sea it may run anywhere. One part of a parent may be
//! the `rest`: every point of the parent that no other part contains.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Deserialize;

use crate::boundary::BoundaryIds;
use crate::ids::Ids;
use crate::index::AreaGrid;
use crate::ring::Ring;
use crate::seas::{rings, Reporter};
use crate::GeoError;

/// The parts file bundled with casus.
const BUNDLED: &str = include_str!("../../../data/geo/parts.toml");
/// The name the bundled file is reported under.
const BUNDLED_NAME: &str = "data/geo/parts.toml";

/// The parts of a parts file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parts {
    parts: Vec<Part>,
    /// The parents of parts, sorted, each with its rest part (a position in `parts`), if any:
    /// most ids are no part's parent, and are dismissed at once.
    parents: Vec<(String, Option<usize>)>,
    /// The index over the parts' rings.
    grid: AreaGrid,
}

#[derive(Debug, Clone)]
struct Part {
    code: String,
    parent: String,
    /// Empty for the rest part.
    rings: Vec<Ring>,
}

/// `[[source]]` tables read the same way as in seas.toml.
use crate::seas::RawSource;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    source: Vec<toml::Spanned<RawSource>>,
    #[serde(default)]
    part: Vec<toml::Spanned<RawPart>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    code: String,
    parent: String,
    #[serde(rename = "name")]
    _name: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
    #[serde(default)]
    rest: bool,
    #[serde(default)]
    polygons: Option<Vec<Vec<Vec<f64>>>>,
}

impl Parts {
    /// The parts bundled with casus.
    pub(crate) fn bundled() -> Result<Self, GeoError> {
        Self::parse(BUNDLED_NAME, BUNDLED)
    }

    /// Parses a parts file; `file` names it in errors ([`GeoError::Seas`], whose rings and
    /// messages it shares).
    pub(crate) fn parse(file: &str, text: &str) -> Result<Self, GeoError> {
        let rep = Reporter { file, text };
        let raw: RawFile =
            toml::from_str(text).map_err(|e| rep.error(e.span(), e.message().trim().to_owned()))?;
        let mut sources = BTreeSet::new();
        for s in &raw.source {
            if !sources.insert(s.get_ref().id.clone()) {
                return Err(
                    rep.error(Some(s.span()), format!("duplicate source `{}`", s.get_ref().id))
                );
            }
        }
        let mut parts: Vec<Part> = Vec::with_capacity(raw.part.len());
        let mut rests: BTreeSet<String> = BTreeSet::new();
        for spanned in raw.part {
            let span: Range<usize> = spanned.span();
            let p = spanned.into_inner();
            let code = p.code.trim().to_ascii_uppercase();
            let parent = p.parent.trim().to_ascii_uppercase();
            let what = format!("part `{code}`");
            let fail = |msg: String| Err(rep.error(Some(span.clone()), format!("{what}: {msg}")));
            if code.is_empty() || parent.is_empty() {
                return fail("`code` and `parent` must not be empty".to_owned());
            }
            if code == parent {
                return fail("a part cannot be its own parent".to_owned());
            }
            if parts.iter().any(|q| q.code == code) {
                return fail("duplicate code".to_owned());
            }
            if let Some(s) = &p.source {
                if !sources.contains(s) {
                    return fail(format!(
                        "unknown source `{s}` (not a [[source]] id in this file)"
                    ));
                }
            }
            let rings = match (p.rest, p.polygons) {
                (true, None) => {
                    if !rests.insert(parent.clone()) {
                        return fail(format!("`{parent}` already has a rest part"));
                    }
                    Vec::new()
                }
                (false, Some(polys)) => rings(&rep, &span, &what, polys)?,
                (true, Some(_)) => {
                    return fail("give either `polygons` or `rest = true`, not both".to_owned())
                }
                (false, None) => return fail("give `polygons`, or `rest = true`".to_owned()),
            };
            parts.push(Part { code, parent, rings });
        }
        let grid = AreaGrid::build(parts.iter().map(|p| p.rings.as_slice()));
        let mut parents: Vec<(String, Option<usize>)> = Vec::new();
        for p in &parts {
            if !parents.iter().any(|(q, _)| *q == p.parent) {
                let rest = parts.iter().position(|q| q.rings.is_empty() && q.parent == p.parent);
                parents.push((p.parent.clone(), rest));
            }
        }
        parents.sort();
        Ok(Self { parts, parents, grid })
    }

    /// `(code, parent)` of every part, in file order.
    pub(crate) fn codes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.parts.iter().map(|p| (p.code.as_str(), p.parent.as_str()))
    }

    /// The part of `parent` containing the point: the first drawn part that contains it, else
    /// the parent's rest part. `None` if the parent has no parts, or the point is in none.
    pub(crate) fn part_of(&self, parent: &str, lat: f64, lon: f64) -> Option<&str> {
        let i = self.parents.binary_search_by(|(p, _)| p.as_str().cmp(parent)).ok()?;
        let rest = self.parents.get(i).and_then(|(_, rest)| *rest);
        let contains = |a: usize, r: usize| {
            let ring = self.parts.get(a).and_then(|p| p.rings.get(r));
            ring.is_some_and(|r| r.contains(lat, lon))
        };
        let mut drawn = self.grid.hits(lat, lon, contains).filter_map(|a| self.parts.get(a));
        drawn
            .find(|p| p.parent == parent)
            .or_else(|| rest.and_then(|r| self.parts.get(r)))
            .map(|p| p.code.as_str())
    }

    /// Is a region the parent of a part?
    pub(crate) fn is_parent(&self, id: &str) -> bool {
        self.parents.iter().any(|(p, _)| p == id)
    }

    /// The ids of a point's land areas: the boundary data's, each preceded by the part of it
    /// containing the point, unless that part is among them already (`["UA-43", "RU"]` stays as
    /// it is only if no part of `RU` contains the point; else it becomes
    /// `["UA-43", "XX-RU-EUROPE", "RU"]`).
    pub(crate) fn refine<'a>(
        &'a self,
        boundary: &BoundaryIds<'a>,
        lat: f64,
        lon: f64,
        out: &mut Ids<'a>,
    ) {
        for (i, id) in boundary.iter().enumerate() {
            if let Some(part) = self.part_of(id, lat, lon) {
                if !out.contains(part) && !boundary.iter().skip(i).any(|x| x == part) {
                    out.push(part);
                }
            }
            out.push(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[source]]
id = "s"
citation = "test"

[[part]]
code = "xx-a-west"
parent = "A"
name = "West"
source = "s"
polygons = [[[0, 0], [0, 10], [10, 10], [10, 0]]]

[[part]]
code = "XX-A-EAST"
parent = "A"
name = "East"
rest = true
"#;

    #[test]
    fn parts_and_rest() {
        let p = Parts::parse("t.toml", FILE).unwrap();
        assert_eq!(p.part_of("A", 5.0, 5.0), Some("XX-A-WEST"));
        assert_eq!(p.part_of("A", 5.0, 15.0), Some("XX-A-EAST"));
        assert_eq!(p.part_of("B", 5.0, 5.0), None);
        let refine = |ids: Vec<&str>, lat: f64, lon: f64| {
            let mut out = Ids::default();
            p.refine(&BoundaryIds::Computed(ids), lat, lon, &mut out);
            out.to_vec()
        };
        assert_eq!(refine(vec!["A-1", "A"], 5.0, 5.0), ["A-1", "XX-A-WEST", "A"]);
        assert_eq!(refine(vec!["A-1", "A"], 5.0, 15.0), ["A-1", "XX-A-EAST", "A"]);
        assert_eq!(refine(vec!["B"], 5.0, 5.0), ["B"]);
        // a part the boundary data already gives is not repeated, before or after its parent
        assert_eq!(refine(vec!["XX-A-WEST", "A"], 5.0, 5.0), ["XX-A-WEST", "A"]);
        assert_eq!(refine(vec!["A", "XX-A-WEST"], 5.0, 5.0), ["A", "XX-A-WEST"]);
        // ids past the inline capacity are kept, in order
        let many = vec!["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];
        assert_eq!(
            refine(many, 5.0, 5.0),
            ["XX-A-WEST", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]
        );
    }

    /// The bundled parts parse, and their rings are simple (a self-crossing ring would leave
    /// holes under the even-odd rule).
    #[test]
    fn bundled_parts_are_simple() {
        let p = Parts::bundled().unwrap();
        assert!(p.codes().count() >= 10);
        for part in &p.parts {
            for ring in &part.rings {
                let edges: Vec<_> = ring.edges().collect();
                for (i, a) in edges.iter().enumerate() {
                    for b in edges.iter().skip(i + 2) {
                        assert!(
                            !crate::ring::segments_cross(*a, *b),
                            "{}: edges {a:?} and {b:?} cross",
                            part.code
                        );
                    }
                }
            }
        }
    }

    /// The grid index gives the answer of every ring tested: on a lattice through the cells'
    /// edges, and on and near every vertex of the bundled parts.
    #[test]
    fn index_agrees_with_every_ring() {
        let p = Parts::bundled().unwrap();
        let brute = |parent: &str, lat: f64, lon: f64| {
            let of = || p.parts.iter().filter(|q| q.parent == parent);
            of().find(|q| q.rings.iter().any(|r| r.contains(lat, lon)))
                .or_else(|| of().find(|q| q.rings.is_empty()))
                .map(|q| q.code.as_str())
        };
        let parents: BTreeSet<&str> = p.parts.iter().map(|q| q.parent.as_str()).collect();
        let check = |lat: f64, lon: f64| {
            for parent in &parents {
                assert_eq!(
                    p.part_of(parent, lat, lon),
                    brute(parent, lat, lon),
                    "{parent} {lat},{lon}"
                );
            }
        };
        for lat in (-180..=180).map(|l| f64::from(l) / 2.0) {
            for lon in (-360..=360).step_by(3).map(|l| f64::from(l) / 2.0) {
                check(lat, lon);
            }
        }
        for part in &p.parts {
            for ring in &part.rings {
                for ((y1, x1), (y2, x2)) in ring.edges() {
                    check(y1, x1);
                    check((y1 + y2) / 2.0, (x1 + x2) / 2.0);
                    check(y1 + 1e-7, x1 - 1e-7);
                }
            }
        }
    }

    #[test]
    fn bad_files() {
        let e = |t: &str| Parts::parse("t.toml", t).unwrap_err().to_string();
        let part =
            |body: &str| format!("[[part]]\ncode = \"X\"\nparent = \"A\"\nname = \"n\"\n{body}\n");
        assert!(e(&part("")).contains("t.toml:1: part `X`: give `polygons`, or `rest = true`"));
        assert!(e(&part("rest = true\npolygons = [[[0, 0], [0, 1], [1, 0]]]")).contains("not both"));
        assert!(e(&part("source = \"nope\"\nrest = true")).contains("unknown source `nope`"));
        assert!(e(&format!("{}{}", part("rest = true"), part("rest = true")))
            .contains("duplicate code"));
        assert!(e(&part("polygons = [[[0, 0], [0, 1]]]")).contains("3"));
        assert!(e("[[part]]\ncode = \"A\"\nparent = \"a\"\nname = \"n\"\nrest = true\n")
            .contains("own parent"));
        assert!(e("[[part]]\ncode = \"A\"\n").starts_with("t.toml:"));
    }
}
