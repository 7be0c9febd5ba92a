//! Tests of the sea areas (in their own file: `seas.rs` is long enough).

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
    // The seas the engine lets regions and clauses name are the file's, one for one.
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    let checked = casus_core::load(&casus_core::DataPaths::in_dir(data));
    let terms: BTreeSet<&str> =
        checked.dataset().regions().terms().seas.iter().map(String::as_str).collect();
    assert_eq!(ids, terms);
    assert_eq!(ids.len(), 15);
    assert_eq!(s.name("mediterranean"), Some("Mediterranean Sea"));
}

/// Past the limit a file is refused, not cut short. (Only the count is checked before the
/// refusal: the seas are not built.)
#[test]
fn a_file_with_more_seas_than_the_index_numbers_is_refused_not_cut_short() {
    let over: String = (0..=MAX_SEAS)
        .map(|i| format!("[[sea]]\nid=\"s{i}\"\nname=\"S\"\npolygons=[]\n"))
        .collect();
    let e = Seas::parse("seas.toml", &over).unwrap_err().to_string();
    assert!(e.contains("at most 65535"), "{e}");
    let line = 4 * MAX_SEAS + 1;
    assert!(e.starts_with(&format!("seas.toml:{line}:")), "at the first sea too many: {e}");
}

/// A file with more areas than a 64-bit word has bits: every area is found, the 65th and
/// later ones too, with the areas they are part of.
#[test]
fn a_file_with_more_than_64_seas_classifies_every_one() {
    const N: usize = 72;
    // Sea `i` is a square of 6 degrees (ids `s000`..), twelve to a band of latitude; `s070`
    // lies inside `s066` and is part of it. In the file the seas come in reverse, so that
    // file order and id order differ.
    let square = |lat: f64, lon: f64, size: f64| {
        format!(
            "polygons = [[[{lat}, {lon}], [{lat}, {}], [{}, {}], [{}, {lon}]]]\n",
            lon + size,
            lat + size,
            lon + size,
            lat + size
        )
    };
    let corner = |i: usize| (-60.0 + 10.0 * (i / 12) as f64, -175.0 + 30.0 * (i % 12) as f64);
    let mut text = String::new();
    for i in (0..N).rev() {
        text.push_str(&format!("[[sea]]\nid = \"s{i:03}\"\nname = \"S{i}\"\n"));
        if i == 70 {
            let (lat, lon) = corner(66);
            text.push_str("part-of = [\"s066\"]\n");
            text.push_str(&square(lat + 1.0, lon + 1.0, 2.0));
        } else {
            let (lat, lon) = corner(i);
            text.push_str(&square(lat, lon, 6.0));
        }
    }
    let s = Seas::parse("seas.toml", &text).unwrap();
    assert_eq!(s.ids().count(), N);
    for i in (0..N).filter(|i| *i != 70) {
        let (lat, lon) = corner(i);
        assert_eq!(s.at(lat + 5.0, lon + 5.0), [format!("s{i:03}")], "sea {i}");
        let facts = s.facts(lat + 5.5, lon + 5.5).unwrap();
        assert_eq!(facts.name.as_deref(), Some(format!("S{i} (at sea)").as_str()));
    }
    let (lat, lon) = corner(66);
    assert_eq!(s.at(lat + 2.0, lon + 2.0), ["s066", "s070"]);
    let facts = s.facts(lat + 2.0, lon + 2.0).unwrap();
    assert_eq!(facts.name.as_deref(), Some("S70 (at sea)"));
    assert_eq!(facts.sea, Some(vec!["s066".to_owned(), "s070".to_owned()]));
    assert_eq!(s.at(lat + 5.0, lon + 5.0), ["s066"]);
    // The index and the templates agree with testing every ring, over the whole globe (off
    // the squares' edges: there the full test's on-edge tolerance reaches past a ring's
    // bounding box, which the index's test checks first).
    for i in 0..257 {
        for j in 0..514 {
            agree(&s, -89.95 + 0.7 * f64::from(i), -179.95 + 0.7 * f64::from(j));
        }
    }
    // A cell inside sea 65 is given its template, and the template is that sea's.
    let (lat, lon) = corner(65);
    let (row, col) = crate::index::cell_of(lat + 3.5, lon + 3.5);
    let CellSeas::Template(k) = s.cell_seas(row, col) else { panic!("no template") };
    assert_eq!(s.template_facts(k, lat + 3.5), s.facts(lat + 3.5, lon + 3.5));
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

/// The facts as they were computed before the grid index and the templates: every ring
/// tested, the ids and names found by string.
fn facts_reference(s: &Seas, lat: f64, lon: f64) -> Option<PlaceFacts> {
    let hits: Vec<&SeaArea> =
        s.areas.iter().filter(|a| a.rings.iter().any(|r| r.contains(lat, lon))).collect();
    if hits.is_empty() {
        return None;
    }
    let sea = expand(hits.iter().copied());
    let names: Vec<&str> = hits
        .iter()
        .filter(|a| !hits.iter().any(|b| b.part_of.contains(&a.id)))
        .map(|a| a.name.as_str())
        .collect();
    let area = |id: &String| s.areas.iter().find(|a| a.id == *id);
    let notes = sea
        .iter()
        .filter_map(area)
        .filter_map(|a| a.caveat.as_ref().map(|c| format!("{}: {c}", a.id).into()))
        .collect();
    let readings = sea.iter().filter_map(area).flat_map(|a| a.readings.clone()).collect();
    Some(PlaceFacts {
        name: Some(format!("{} (at sea)", names.join(" / "))),
        sea: Some(sea),
        lat: Some((lat, lat)),
        at_sea: true,
        notes,
        readings,
        ..PlaceFacts::default()
    })
}

fn agree(s: &Seas, lat: f64, lon: f64) {
    assert_eq!(s.at(lat, lon), s.at_unfiltered(lat, lon), "{lat},{lon}");
    assert_eq!(s.facts(lat, lon), facts_reference(s, lat, lon), "{lat},{lon}");
    let land = s.land.iter().find(|l| l.rings.iter().any(|r| r.contains(lat, lon)));
    assert_eq!(s.land_at(lat, lon), land.map(|l| l.code.as_str()), "{lat},{lon}");
}

/// The grid index and the templates never change an answer: on a lattice off the cells'
/// edges, on the cells' edges and corners (whole degrees, where many vertices lie too), at
/// the poles and the antimeridian, and on pseudo-random points.
#[test]
fn index_agrees_with_full_test() {
    let s = Seas::bundled().unwrap();
    let mut lat = -90.0;
    while lat <= 90.0 {
        let mut lon = -180.0;
        while lon <= 180.0 {
            agree(&s, lat, lon);
            lon += 1.1;
        }
        lat += 1.1;
    }
    for lat in -90..=90 {
        for lon in (-180..=180).step_by(2) {
            agree(&s, f64::from(lat), f64::from(lon));
            agree(&s, f64::from(lat) + 0.5, f64::from(lon) + 0.5);
        }
    }
    let mut state: u64 = 0x5EA5;
    let mut next = || {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..20_000 {
        agree(&s, next() * 180.0 - 90.0, next() * 360.0 - 180.0);
    }
    // on every vertex, and on points of every edge (the rings contain their edges)
    let rings: Vec<Ring> = s.rings().map(|(_, r)| r.clone()).collect();
    for ring in &rings {
        for ((y1, x1), (y2, x2)) in ring.edges() {
            for t in [0.0, 0.25, 0.5, 0.999] {
                agree(&s, y1 + t * (y2 - y1), x1 + t * (x2 - x1));
            }
        }
    }
}

/// A small file: points on the edges and the vertices of a ring are in it, points in cells
/// that an edge only grazes are tested, and two areas overlap.
#[test]
fn index_on_edges_of_a_small_file() {
    let s = Seas::parse(
        "t.toml",
        "[[sea]]\nid = \"pacific\"\nname = \"P\"\npolygons = [[[0, 0], [0, 10], [10, 0]], [[20, 20], [20, 20.5], [20.5, 20.5]]]\n\
         [[sea]]\nid = \"south-china-sea\"\nname = \"S\"\npart-of = [\"pacific\"]\npolygons = [[[1, 1], [1, 3], [3, 1]]]\n",
    )
    .unwrap();
    for (lat, lon, want) in [
        (5.0, 5.0, &["pacific"][..]), // on the hypotenuse
        (0.0, 0.0, &["pacific"]),
        (0.0, 10.0, &["pacific"]),
        (0.0, 7.3, &["pacific"]),
        (5.0, 5.000_001, &[]),
        (-0.000_001, 5.0, &[]),
        (0.5, 0.5, &["pacific"]),
        (1.5, 1.5, &["pacific", "south-china-sea"]),
        (2.0, 1.0, &["pacific", "south-china-sea"]),
        (2.6, 1.5, &["pacific"]),
        (20.25, 20.4, &["pacific"]),
        (20.4, 20.25, &[]),
        (30.0, 30.0, &[]),
    ] {
        assert_eq!(s.at(lat, lon), want, "{lat},{lon}");
        agree(&s, lat, lon);
    }
    assert_eq!(s.facts(1.5, 1.5).unwrap().name.as_deref(), Some("S (at sea)"));
    assert_eq!(s.facts(0.5, 0.5).unwrap().name.as_deref(), Some("P (at sea)"));
    assert_eq!(s.facts(1.5, 1.5).unwrap().lat, Some((1.5, 1.5)));
    assert_eq!(s.facts(30.0, 30.0), None);
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
    // Any id is a sea (the file declares the vocabulary); `part-of` must name one of them.
    let e = parse_err(&format!(
        "[[sea]]\nid = \"atlantis\"\nname = \"A\"\npart-of = [\"atlantic\"]\n{TRIANGLE}\n"
    ));
    assert!(e.contains("t.toml:1: sea `atlantis`: unknown sea `atlantic` in `part-of`"), "{e}");
    let e =
        parse_err(&format!("[[sea]]\nid = \"pacific\"\nname = \"P\"\ncolour = 1\n{TRIANGLE}\n"));
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
    let sea = |poly: &str| format!("[[sea]]\nid = \"pacific\"\nname = \"P\"\npolygons = {poly}\n");
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
    assert!(Seas::parse("t", &sea("[[[-60, -180], [-60, 180], [-90, 180], [-90, -180]]]")).is_ok());
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
    let got: Vec<(bool, &str)> = f.readings.iter().map(|r| (r.covered, &*r.text)).collect();
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
        .filter(|r| &*r.treaty == "us-philippines-mdt-1951")
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
             [[sea]]\nid = \"north-atlantic\"\nname = \"N\"\npart-of = [\"arctic\"]\npolygons = [[[50, 50], [50, 60], [60, 50]]]\n\
             [[sea]]\nid = \"arctic\"\nname = \"A\"\npolygons = [[[80, 50], [80, 60], [85, 50]]]\n"
        ),
    )
    .unwrap();
    assert_eq!(s.at(1.0, 1.0), vec!["arctic", "caribbean", "north-atlantic"]);
}

/// casus-geo reads the seas file's tables with serde; casus-core checks their keys against
/// their declarations (`casus_core::raw::schema`). Every declared key is one serde accepts.
#[test]
fn every_declared_key_of_the_seas_file_is_read_here() {
    use casus_core::raw::schema;
    fn value(key: &str) -> String {
        match key {
            "id" | "code" | "treaty" => "\"x\"".to_owned(),
            "name" | "note" | "caveat" | "citation" | "url" | "text" => "\"text\"".to_owned(),
            "source" => "\"s\"".to_owned(),
            "covered" => "true".to_owned(),
            "part-of" => "[]".to_owned(),
            "polygons" => "[[[0, 0], [0, 10], [10, 0]]]".to_owned(),
            "reading" => {
                let keys: Vec<String> = schema::READING
                    .keys()
                    .map(|k| format!("{} = {}", k.name, value(k.name)))
                    .collect();
                format!("[{{ {} }}]", keys.join(", "))
            }
            other => panic!("no value for the declared key `{other}`: add one"),
        }
    }
    let table = |header: &str, t: &schema::Table| {
        let keys: String = t.keys().map(|k| format!("{} = {}\n", k.name, value(k.name))).collect();
        format!("{header}\n{keys}")
    };
    let mut text = table("[[source]]", &schema::NOTED_SOURCE).replace("\"x\"", "\"s\"");
    text.push_str(&table("[[sea]]", &schema::SEA));
    text.push_str(&table("[[land]]", &schema::LAND));
    Seas::parse("seas.toml", &text).unwrap();
}
