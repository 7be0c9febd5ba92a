//! Sea areas: the polygons of `data/seas.toml` and the queries on them.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use casus_core::model::{PlaceFacts, Reading, SEAS};
use serde::Deserialize;

use crate::ring::Ring;
use crate::GeoError;

/// The sea-area file bundled with casus, embedded at build time.
const BUNDLED: &str = include_str!("../../../data/seas.toml");
/// The name the bundled file is reported under.
const BUNDLED_NAME: &str = "data/seas.toml";

/// The sea areas (and the few land areas the boundary data lacks) of a seas file.
#[derive(Debug, Clone)]
pub struct Seas {
    areas: Vec<SeaArea>,
    land: Vec<LandArea>,
}

#[derive(Debug, Clone)]
struct SeaArea {
    id: String,
    name: String,
    /// Every area this one is part of, transitively; never itself.
    part_of: Vec<String>,
    caveat: Option<String>,
    /// Competing readings of treaties for points in this area, carried into their facts.
    readings: Vec<Reading>,
    rings: Vec<Ring>,
}

impl SeaArea {
    fn contains(&self, lat: f64, lon: f64) -> bool {
        self.rings.iter().any(|r| r.contains(lat, lon))
    }
}

#[derive(Debug, Clone)]
struct LandArea {
    code: String,
    rings: Vec<Ring>,
}

// ---- the file as written ------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    source: Vec<toml::Spanned<RawSource>>,
    #[serde(default)]
    sea: Vec<toml::Spanned<RawSea>>,
    #[serde(default)]
    land: Vec<toml::Spanned<RawLand>>,
}

/// A `[[source]]` table of a geography data file (seas.toml, parts.toml).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub(crate) id: String,
    #[serde(rename = "citation")]
    _citation: String,
    #[serde(default, rename = "url")]
    _url: Option<String>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSea {
    id: String,
    name: String,
    #[serde(default, rename = "part-of")]
    part_of: Vec<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
    #[serde(default)]
    caveat: Option<String>,
    polygons: Vec<Vec<Vec<f64>>>,
    #[serde(default)]
    reading: Vec<RawReading>,
}

/// `[[sea.reading]]`: the keys of `[[region.reading]]` in regions.toml.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReading {
    treaty: String,
    covered: bool,
    text: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLand {
    code: String,
    #[serde(rename = "name")]
    _name: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default, rename = "note")]
    _note: Option<String>,
    polygons: Vec<Vec<Vec<f64>>>,
}

/// Builds [`GeoError::Seas`] errors for one file.
pub(crate) struct Reporter<'a> {
    pub(crate) file: &'a str,
    pub(crate) text: &'a str,
}

impl Reporter<'_> {
    fn line_of(&self, span: Option<Range<usize>>) -> Option<usize> {
        let start = span?.start;
        Some(self.text.get(..start)?.matches('\n').count() + 1)
    }

    pub(crate) fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> GeoError {
        GeoError::Seas {
            file: self.file.to_owned(),
            line: self.line_of(span),
            message: message.into(),
        }
    }
}

/// Checks and converts the rings of one area; `what` names it in messages.
pub(crate) fn rings(
    rep: &Reporter<'_>,
    span: &Range<usize>,
    what: &str,
    polygons: Vec<Vec<Vec<f64>>>,
) -> Result<Vec<Ring>, GeoError> {
    let err = |msg: String| rep.error(Some(span.clone()), format!("{what}: {msg}"));
    if polygons.is_empty() {
        return Err(err("`polygons` is empty".to_owned()));
    }
    let mut out = Vec::with_capacity(polygons.len());
    for (ri, raw) in polygons.into_iter().enumerate() {
        let ring_no = ri + 1;
        let mut vertices = Vec::with_capacity(raw.len());
        for (vi, v) in raw.into_iter().enumerate() {
            let vertex_no = vi + 1;
            let &[lat, lon] = v.as_slice() else {
                return Err(err(format!(
                    "ring {ring_no}, vertex {vertex_no}: a vertex is [lat, lon], found {} numbers",
                    v.len()
                )));
            };
            if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
                return Err(err(format!(
                    "ring {ring_no}, vertex {vertex_no}: latitude {lat} is outside -90..=90"
                )));
            }
            if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
                return Err(err(format!(
                    "ring {ring_no}, vertex {vertex_no}: longitude {lon} is outside -180..=180"
                )));
            }
            vertices.push((lat, lon));
        }
        if vertices.len() > 1 && vertices.first() == vertices.last() {
            vertices.pop(); // closed explicitly: the closing edge is implicit anyway
        }
        let distinct: BTreeSet<(u64, u64)> =
            vertices.iter().map(|(a, b)| (a.to_bits(), b.to_bits())).collect();
        if distinct.len() < 3 {
            return Err(err(format!(
                "ring {ring_no} has {} distinct vertices; a ring needs at least 3",
                distinct.len()
            )));
        }
        let ring = Ring::new(vertices);
        // An edge spanning more than half the globe's longitudes is taken for one meant to cross
        // the antimeridian, unless it runs along a parallel (a polar cap's or a band's edge).
        let long = |((la, lo1), (lb, lo2)): &((f64, f64), (f64, f64))| {
            (lo1 - lo2).abs() > 180.0 && la != lb
        };
        if let Some(((la, lo1), (lb, lo2))) = ring.edges().find(long) {
            return Err(err(format!(
                "ring {ring_no}: the edge from [{la}, {lo1}] to [{lb}, {lo2}] spans more than 180 \
                 degrees of longitude; split a ring that crosses the antimeridian into one ending \
                 at 180 and one starting at -180"
            )));
        }
        out.push(ring);
    }
    Ok(out)
}

impl Seas {
    /// The sea areas bundled with casus (`data/seas.toml`, embedded at build time).
    ///
    /// # Errors
    /// [`GeoError::Seas`] if the bundled file is malformed (a build problem).
    pub fn bundled() -> Result<Self, GeoError> {
        Self::parse(BUNDLED_NAME, BUNDLED)
    }

    /// Reads a seas file.
    ///
    /// # Errors
    /// [`GeoError::Seas`] if it cannot be read or is malformed.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, GeoError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| GeoError::Seas {
            file: name.clone(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        Self::parse(&name, &text)
    }

    /// Parses the text of a seas file; `file` names it in errors.
    ///
    /// # Errors
    /// [`GeoError::Seas`] naming the file (and the line, where known) for malformed TOML,
    /// unknown keys, unknown sea ids or sources, duplicate ids, `part-of` cycles, and bad rings
    /// (fewer than three vertices, coordinates off the globe, edges across the antimeridian).
    pub fn parse(file: &str, text: &str) -> Result<Self, GeoError> {
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
        let check_source = |src: &Option<String>, span: &Range<usize>, what: &str| match src {
            Some(s) if !sources.contains(s) => Err(rep.error(
                Some(span.clone()),
                format!("{what}: unknown source `{s}` (not a [[source]] id in this file)"),
            )),
            _ => Ok(()),
        };

        // Every sea, its direct part-of list, and its span (for messages).
        let mut areas: Vec<(SeaArea, Range<usize>)> = Vec::with_capacity(raw.sea.len());
        for spanned in raw.sea {
            let span = spanned.span();
            let s = spanned.into_inner();
            let what = format!("sea `{}`", s.id);
            if !SEAS.contains(&s.id.as_str()) {
                return Err(rep.error(
                    Some(span),
                    format!("unknown sea id `{}`; one of: {}", s.id, SEAS.join(", ")),
                ));
            }
            if areas.iter().any(|(a, _)| a.id == s.id) {
                return Err(rep.error(Some(span), format!("duplicate sea `{}`", s.id)));
            }
            if s.name.trim().is_empty() {
                return Err(rep.error(Some(span), format!("{what}: `name` is empty")));
            }
            for p in &s.part_of {
                if !SEAS.contains(&p.as_str()) {
                    return Err(
                        rep.error(Some(span), format!("{what}: unknown sea `{p}` in `part-of`"))
                    );
                }
                if *p == s.id {
                    return Err(rep.error(Some(span), format!("{what} is `part-of` itself")));
                }
            }
            check_source(&s.source, &span, &what)?;
            let rings = rings(&rep, &span, &what, s.polygons)?;
            let mut readings = Vec::with_capacity(s.reading.len());
            for r in s.reading {
                for (key, value) in
                    [("treaty", &r.treaty), ("text", &r.text), ("source", &r.source)]
                {
                    if value.trim().is_empty() {
                        return Err(
                            rep.error(Some(span), format!("{what}: a reading's `{key}` is empty"))
                        );
                    }
                }
                readings.push(Reading {
                    treaty: r.treaty,
                    covered: r.covered,
                    text: r.text,
                    source: r.source,
                });
            }
            let area = SeaArea {
                id: s.id,
                name: s.name,
                part_of: s.part_of,
                caveat: s.caveat.filter(|c| !c.trim().is_empty()),
                readings,
                rings,
            };
            areas.push((area, span));
        }

        // part-of is transitive: close it, refusing cycles.
        let direct: Vec<(String, Vec<String>)> =
            areas.iter().map(|(a, _)| (a.id.clone(), a.part_of.clone())).collect();
        for (area, span) in &mut areas {
            let mut closure: BTreeSet<String> = BTreeSet::new();
            let mut todo = area.part_of.clone();
            while let Some(p) = todo.pop() {
                if p == area.id {
                    return Err(rep.error(
                        Some(span.clone()),
                        format!("sea `{}`: `part-of` leads back to itself", area.id),
                    ));
                }
                if closure.insert(p.clone()) {
                    if let Some((_, more)) = direct.iter().find(|(id, _)| *id == p) {
                        todo.extend(more.iter().cloned());
                    }
                }
            }
            area.part_of = closure.into_iter().collect();
        }

        let mut land = Vec::with_capacity(raw.land.len());
        for spanned in raw.land {
            let span = spanned.span();
            let l = spanned.into_inner();
            let what = format!("land `{}`", l.code);
            if l.code.trim().is_empty() {
                return Err(rep.error(Some(span), "land: `code` is empty"));
            }
            check_source(&l.source, &span, &what)?;
            let rings = rings(&rep, &span, &what, l.polygons)?;
            land.push(LandArea { code: l.code.to_ascii_uppercase(), rings });
        }

        Ok(Self { areas: areas.into_iter().map(|(a, _)| a).collect(), land })
    }

    /// The ids of the sea areas defined, in file order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.areas.iter().map(|a| a.id.as_str())
    }

    /// The name of a sea area (`"Mediterranean Sea"`).
    pub fn name(&self, id: &str) -> Option<&str> {
        self.areas.iter().find(|a| a.id == id).map(|a| a.name.as_str())
    }

    /// The sea areas containing a point: the ids of every area whose polygons contain it, with
    /// the areas they are part of, deduplicated and sorted (`["pacific", "south-china-sea"]`).
    /// Empty if none does, or for coordinates off the globe. Land is not excluded: this is the
    /// polygons' answer alone.
    pub fn at(&self, lat: f64, lon: f64) -> Vec<String> {
        if !valid(lat, lon) {
            return Vec::new();
        }
        expand(self.areas.iter().filter(|a| a.contains(lat, lon)))
    }

    /// [`Seas::at`] testing every ring in full, without the bounding-box prefilter: the same
    /// answer, slower. For benchmarks and tests.
    #[doc(hidden)]
    pub fn at_unfiltered(&self, lat: f64, lon: f64) -> Vec<String> {
        if !valid(lat, lon) {
            return Vec::new();
        }
        expand(
            self.areas.iter().filter(|a| a.rings.iter().any(|r| r.contains_unfiltered(lat, lon))),
        )
    }

    /// The code of the land area (`[[land]]`) containing a point, if any.
    pub fn land_at(&self, lat: f64, lon: f64) -> Option<&str> {
        if !valid(lat, lon) {
            return None;
        }
        self.land
            .iter()
            .find(|l| l.rings.iter().any(|r| r.contains(lat, lon)))
            .map(|l| l.code.as_str())
    }

    /// The facts of a point at sea: its sea areas, its latitude, a name from the most specific
    /// areas containing it, and `at_sea` (known to be no land territory). `None` if no area
    /// contains it.
    pub(crate) fn facts(&self, lat: f64, lon: f64) -> Option<PlaceFacts> {
        if !valid(lat, lon) {
            return None;
        }
        let hits: Vec<&SeaArea> = self.areas.iter().filter(|a| a.contains(lat, lon)).collect();
        if hits.is_empty() {
            return None;
        }
        let sea = expand(hits.iter().copied());
        // The most specific: hits that no other hit is part of (south-china-sea, not pacific).
        let names: Vec<&str> = hits
            .iter()
            .filter(|a| !hits.iter().any(|b| b.part_of.contains(&a.id)))
            .map(|a| a.name.as_str())
            .collect();
        let notes = sea
            .iter()
            .filter_map(|id| self.areas.iter().find(|a| a.id == *id))
            .filter_map(|a| a.caveat.as_ref().map(|c| format!("{}: {c}", a.id)))
            .collect();
        // The readings of every area the point is in, the areas it is part of included.
        let readings = sea
            .iter()
            .filter_map(|id| self.areas.iter().find(|a| a.id == *id))
            .flat_map(|a| a.readings.iter().cloned())
            .collect();
        Some(PlaceFacts {
            regions: Vec::new(),
            name: Some(format!("{} (high seas or territorial sea)", names.join(" / "))),
            sovereign: None,
            continent: None,
            island: None,
            sea: Some(sea),
            lat: Some((lat, lat)),
            at_sea: true,
            notes,
            readings,
            ..PlaceFacts::default()
        })
    }

    /// Every ring with the id of its area (land areas under their code), for checks.
    #[cfg(test)]
    pub(crate) fn rings(&self) -> impl Iterator<Item = (&str, &Ring)> {
        let seas = self.areas.iter().flat_map(|a| a.rings.iter().map(move |r| (a.id.as_str(), r)));
        let land = self.land.iter().flat_map(|l| l.rings.iter().map(move |r| (l.code.as_str(), r)));
        seas.chain(land)
    }
}

/// Latitude within -90..=90 and longitude within -180..=180 (which rejects NaN).
pub(crate) fn valid(lat: f64, lon: f64) -> bool {
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

/// The ids of the areas and of everything they are part of, sorted and deduplicated.
fn expand<'a>(areas: impl Iterator<Item = &'a SeaArea>) -> Vec<String> {
    let mut ids: Vec<&str> = Vec::new();
    for a in areas {
        ids.push(a.id.as_str());
        ids.extend(a.part_of.iter().map(String::as_str));
    }
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ring::segments_cross;

    fn parse_err(text: &str) -> String {
        match Seas::parse("t.toml", text) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("parsed: {text}"),
        }
    }

    const TRIANGLE: &str = "polygons = [[[0, 0], [0, 10], [10, 0]]]";

    #[test]
    fn bundled_parses() {
        let s = Seas::bundled().unwrap();
        let ids: BTreeSet<&str> = s.ids().collect();
        // every casus sea area has polygons
        assert_eq!(ids, SEAS.iter().copied().collect());
        assert_eq!(s.name("mediterranean"), Some("Mediterranean Sea"));
    }

    /// Rings must be simple (no edge crosses another of the same ring): a self-crossing ring
    /// under the even-odd rule silently leaves holes.
    #[test]
    fn bundled_rings_are_simple() {
        let s = Seas::bundled().unwrap();
        for (id, ring) in s.rings() {
            let edges: Vec<_> = ring.edges().collect();
            for (i, a) in edges.iter().enumerate() {
                for b in edges.iter().skip(i + 2) {
                    assert!(
                        !segments_cross(*a, *b),
                        "{id}: edges {a:?} and {b:?} cross ({} vertices)",
                        ring.vertices().len()
                    );
                }
            }
        }
    }

    /// The bounding-box prefilter never changes an answer.
    #[test]
    fn prefilter_agrees_with_full_test() {
        let s = Seas::bundled().unwrap();
        let mut lat = -90.0;
        while lat <= 90.0 {
            let mut lon = -180.0;
            while lon <= 180.0 {
                assert_eq!(s.at(lat, lon), s.at_unfiltered(lat, lon), "{lat},{lon}");
                lon += 1.1;
            }
            lat += 1.1;
        }
    }

    #[test]
    fn integer_vertices_and_closed_rings_are_accepted() {
        let s = Seas::parse(
            "t.toml",
            "[[sea]]\nid = \"pacific\"\nname = \"P\"\npolygons = [[[0, 0], [0, 10], [10, 0], [0, 0]]]\n",
        )
        .unwrap();
        assert_eq!(s.at(1.0, 1.0), vec!["pacific"]);
        assert!(s.at(9.0, 9.0).is_empty());
    }

    #[test]
    fn malformed_files_are_errors_naming_file_and_line() {
        let e = parse_err("[[sea]\n");
        assert!(e.starts_with("t.toml:1: "), "{e}");
        let e = parse_err(&format!("[[sea]]\nid = \"atlantis\"\nname = \"A\"\n{TRIANGLE}\n"));
        assert!(e.contains("t.toml:1: unknown sea id `atlantis`"), "{e}");
        let e = parse_err(&format!(
            "[[sea]]\nid = \"pacific\"\nname = \"P\"\ncolour = 1\n{TRIANGLE}\n"
        ));
        assert!(e.contains("t.toml:") && e.contains("colour"), "{e}");
        let e = parse_err(&format!(
            "[[sea]]\nid = \"pacific\"\nname = \"P\"\n{TRIANGLE}\n\n[[sea]]\nid = \"pacific\"\nname = \"Q\"\n{TRIANGLE}\n"
        ));
        assert!(e.contains("t.toml:6: duplicate sea `pacific`"), "{e}");
        let e = parse_err(&format!(
            "[[sea]]\nid = \"pacific\"\nname = \"P\"\nsource = \"nowhere\"\n{TRIANGLE}\n"
        ));
        assert!(e.contains("unknown source `nowhere`"), "{e}");
        let e = parse_err(&format!(
            "[[sea]]\nid = \"pacific\"\nname = \"P\"\npart-of = [\"oceanus\"]\n{TRIANGLE}\n"
        ));
        assert!(e.contains("unknown sea `oceanus` in `part-of`"), "{e}");
        let e = parse_err(&format!(
            "[[sea]]\nid = \"pacific\"\nname = \"P\"\npart-of = [\"arctic\"]\n{TRIANGLE}\n\
             [[sea]]\nid = \"arctic\"\nname = \"A\"\npart-of = [\"pacific\"]\n{TRIANGLE}\n"
        ));
        assert!(e.contains("leads back to itself"), "{e}");
    }

    #[test]
    fn bad_rings_are_errors() {
        let sea =
            |poly: &str| format!("[[sea]]\nid = \"pacific\"\nname = \"P\"\npolygons = {poly}\n");
        let e = parse_err(&sea("[[[0, 0], [0, 10]]]"));
        assert!(e.contains("ring 1 has 2 distinct vertices"), "{e}");
        let e = parse_err(&sea("[[[0, 0], [0, 10], [95, 0]]]"));
        assert!(e.contains("ring 1, vertex 3: latitude 95 is outside"), "{e}");
        let e = parse_err(&sea("[[[0, 0], [0, 10], [5, 181]]]"));
        assert!(e.contains("longitude 181 is outside"), "{e}");
        let e = parse_err(&sea("[[[0, 0], [0, 10, 3], [5, 1]]]"));
        assert!(e.contains("vertex 2: a vertex is [lat, lon], found 3 numbers"), "{e}");
        let e = parse_err(&sea("[[[0, 170], [10, 170], [5, -170]]]"));
        assert!(e.contains("antimeridian"), "{e}");
        // along a parallel it is a band's edge, not a crossing
        assert!(
            Seas::parse("t", &sea("[[[-60, -180], [-60, 180], [-90, 180], [-90, -180]]]")).is_ok()
        );
        let e = parse_err(&sea("[]"));
        assert!(e.contains("`polygons` is empty"), "{e}");
        let e = parse_err(&sea("[[[0, 0], [0, 10], [\"x\", 0]]]"));
        assert!(e.starts_with("t.toml:4: "), "{e}");
    }

    #[test]
    fn readings_are_carried_into_the_facts() {
        let text = format!(
            "[[sea]]\nid = \"pacific\"\nname = \"P\"\n{TRIANGLE}\n\
             [[sea.reading]]\ntreaty = \"t\"\ncovered = true\ntext = \"yes\"\nsource = \"s\"\n\
             [[sea.reading]]\ntreaty = \"t\"\ncovered = false\ntext = \"no\"\nsource = \"s\"\n"
        );
        let s = Seas::parse("t.toml", &text).unwrap();
        let f = s.facts(1.0, 1.0).unwrap();
        let got: Vec<(bool, &str)> =
            f.readings.iter().map(|r| (r.covered, r.text.as_str())).collect();
        assert_eq!(got, [(true, "yes"), (false, "no")]);
        let e = parse_err(&text.replace("text = \"no\"", "text = \" \""));
        assert!(e.contains("a reading's `text` is empty"), "{e}");
        let e = parse_err(&text.replace("covered = false\n", ""));
        assert!(e.contains("covered"), "{e}");
        // the bundled South China Sea carries both readings of the US-Philippines treaty
        let f = Seas::bundled().unwrap().facts(15.15, 117.76).unwrap();
        let sides: BTreeSet<bool> = f
            .readings
            .iter()
            .filter(|r| r.treaty == "us-philippines-mdt-1951")
            .map(|r| r.covered)
            .collect();
        assert_eq!(sides, BTreeSet::from([false, true]));
    }

    #[test]
    fn part_of_is_transitive() {
        let s = Seas::parse(
            "t.toml",
            &format!(
                "[[sea]]\nid = \"caribbean\"\nname = \"C\"\npart-of = [\"north-atlantic\"]\n{TRIANGLE}\n\
                 [[sea]]\nid = \"north-atlantic\"\nname = \"N\"\npart-of = [\"arctic\"]\npolygons = [[[50, 50], [50, 60], [60, 50]]]\n"
            ),
        )
        .unwrap();
        assert_eq!(s.at(1.0, 1.0), vec!["arctic", "caribbean", "north-atlantic"]);
    }
}
