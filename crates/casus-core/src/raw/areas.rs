//! `geo/areas.toml` as written: every treaty area with its spans, before any checking (that is
//! `check::areas`).

use std::ops::Range;
use std::sync::Arc;

use toml::de::DeValue;
use toml::Spanned;

use super::reader::{parse_document, Sp, TableReader};
use super::schema;
use crate::diag::Diagnostics;
use crate::source::SourceFile;

/// The areas file.
#[derive(Debug, Clone)]
pub struct RawAreas {
    /// The file, for locations.
    pub file: Arc<SourceFile>,
    /// Its `[[source]]` tables.
    pub sources: Vec<RawAreaSource>,
    /// Its areas, in file order.
    pub areas: Vec<RawArea>,
}

/// One `[[source]]` of the areas file.
#[derive(Debug, Clone)]
#[allow(missing_docs, reason = "the keys are documented in docs/format.md, section 2a")]
pub struct RawAreaSource {
    pub id: Sp<String>,
    pub citation: Sp<String>,
    pub url: Option<Sp<String>>,
}

/// Rings of `[lat, lon]` vertices, as written.
pub type Rings = Vec<Vec<(f64, f64)>>;

/// One `[[area]]`.
#[derive(Debug, Clone)]
#[allow(missing_docs, reason = "the keys are documented in docs/format.md, section 2a")]
pub struct RawArea {
    pub span: Range<usize>,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub treaty: Option<Sp<String>>,
    pub article: Option<Sp<String>>,
    pub edges: Option<Sp<String>>,
    pub quality: Option<Sp<String>>,
    pub text: Option<Sp<String>>,
    /// `None` when absent (reported); `Err` with the first problem and its span.
    pub polygons: Option<Result<Rings, (Range<usize>, String)>>,
    pub inside: Vec<Sp<String>>,
    pub outside: Vec<Sp<String>>,
    /// `source` and `sources` together.
    pub sources: Vec<Sp<String>>,
    pub note: Option<Sp<String>>,
}

/// Reads an areas file: syntax, key names and value types here, the rest in `check::areas`.
pub fn read_areas(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> RawAreas {
    let doc = parse_document(file, diags);
    let top = TableReader::new(file, doc.get_ref(), doc.span(), &schema::AREAS, diags);
    let mut sources = Vec::new();
    for (tbl, span) in top.tables("source", diags) {
        let r = TableReader::new(file, tbl, span, &schema::SOURCE, diags);
        let (id, citation, url) =
            (r.req_str("id", diags), r.req_str("citation", diags), r.str("url", diags));
        if let (Some(id), Some(citation)) = (id, citation) {
            sources.push(RawAreaSource { id, citation, url });
        }
    }
    let areas = top
        .tables("area", diags)
        .into_iter()
        .map(|(tbl, span)| {
            let r = TableReader::new(file, tbl, span.clone(), &schema::AREA, diags);
            let polygons = r.value("polygons").map(read_rings);
            if polygons.is_none() {
                r.missing("polygons", diags);
            }
            let mut sources: Vec<Sp<String>> = r.str("source", diags).into_iter().collect();
            sources.extend(r.str_list("sources", diags).unwrap_or_default());
            if sources.is_empty() {
                r.missing("source", diags);
            }
            RawArea {
                span,
                id: r.req_str("id", diags),
                name: r.req_str("name", diags),
                treaty: r.str("treaty", diags),
                article: r.str("article", diags),
                edges: r.req_str("edges", diags),
                quality: r.req_str("quality", diags),
                text: r.str("text", diags),
                polygons,
                inside: r.str_list("inside", diags).unwrap_or_default(),
                outside: r.str_list("outside", diags).unwrap_or_default(),
                sources,
                note: r.str("note", diags),
            }
        })
        .collect();
    RawAreas { file: Arc::clone(file), sources, areas }
}

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
