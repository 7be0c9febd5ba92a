//! `regions.toml` as written: every region with its spans, before any checking (that is
//! `check::regions`).

use std::sync::Arc;

use jiff::civil::Date;
use toml::de::DeValue;

use super::reader::{parse_document, Sp, TableReader};
use super::schema;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// The regions file.
#[derive(Debug, Clone, Default)]
pub struct RawRegions {
    /// The file, for locations.
    pub file: Option<Arc<SourceFile>>,
    /// Its `[[source]]` ids.
    pub sources: Vec<Sp<String>>,
    /// Its `[[continent]]` ids: the continents regions and clauses may name.
    pub continents: Vec<Sp<String>>,
    /// Its regions, in file order.
    pub regions: Vec<RawRegion>,
}

/// One `[[region]]`.
#[derive(Debug, Clone)]
#[allow(missing_docs, reason = "the keys are documented in docs/format.md, section 2")]
pub struct RawRegion {
    pub span: std::ops::Range<usize>,
    pub code: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub parent: Option<Sp<String>>,
    pub sovereign: Option<Sp<String>>,
    pub administered_by: Option<Sp<String>>,
    pub claimed_by: Vec<Sp<String>>,
    pub continent: Option<Vec<Sp<String>>>,
    pub island: Option<Sp<bool>>,
    pub sea: Option<Vec<Sp<String>>>,
    pub coasts: Option<Vec<Sp<String>>>,
    pub lat: Option<Sp<Vec<f64>>>,
    pub metropolitan: Option<Sp<bool>>,
    pub eu: Option<Sp<String>>,
    pub source: Option<Sp<String>>,
    pub note: Option<Sp<String>>,
    pub aliases: Vec<Sp<String>>,
    /// `[south, west, north, east]` boxes; `Err(span)` for a malformed list.
    pub boxes: Result<Vec<[f64; 4]>, std::ops::Range<usize>>,
    pub history: Vec<RawHistory>,
    pub readings: Vec<RawRegionReading>,
    pub map: Option<RawMap>,
}

/// A region's `map`: the page's world-map features it is drawn as, and the states that held
/// it before its sovereign existed (for the picture only; the engine never reads them).
#[derive(Debug, Clone)]
#[allow(missing_docs, reason = "the keys are documented in docs/format.md, section 2")]
pub struct RawMap {
    pub span: std::ops::Range<usize>,
    pub features: Vec<Sp<String>>,
    pub earlier: Vec<Sp<String>>,
}

/// One entry of a region's `history`.
#[derive(Debug, Clone)]
#[allow(missing_docs, reason = "the keys are documented in docs/format.md, section 2")]
pub struct RawHistory {
    pub span: std::ops::Range<usize>,
    pub sovereign: Option<Sp<String>>,
    pub administered_by: Option<Sp<String>>,
    pub from: Option<Sp<Date>>,
    pub until: Option<Sp<Date>>,
}

/// One `[[region.reading]]`.
#[derive(Debug, Clone)]
#[allow(missing_docs, reason = "the keys are documented in docs/format.md, section 2")]
pub struct RawRegionReading {
    pub span: std::ops::Range<usize>,
    pub treaty: Sp<String>,
    pub covered: bool,
    pub text: String,
    pub source: String,
}

/// Reads `regions.toml` into raw regions: syntax, key names and value types are checked here,
/// everything else by `check::regions`.
pub fn read_regions(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> RawRegions {
    let doc = parse_document(file, diags);
    let top = TableReader::new(file, doc.get_ref(), doc.span(), &schema::REGIONS, diags);
    let mut out = RawRegions { file: Some(Arc::clone(file)), ..RawRegions::default() };
    out.sources = top.source_ids(diags);
    for (tbl, span) in top.tables("continent", diags) {
        let r = TableReader::new(file, tbl, span, &schema::CONTINENT, diags);
        let _ = r.req_str("name", diags);
        out.continents.extend(r.req_str("id", diags));
    }
    for (tbl, span) in top.tables("region", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::REGION, diags);
        let list = |key: &str, diags: &mut Diagnostics| r.str_list(key, diags).unwrap_or_default();
        out.regions.push(RawRegion {
            span,
            code: r.req_str("code", diags),
            name: r.req_str("name", diags),
            parent: r.str("parent", diags),
            sovereign: r.str("sovereign", diags),
            administered_by: r.str("administered-by", diags),
            claimed_by: list("claimed-by", diags),
            continent: r.str_list("continent", diags),
            island: r.bool("island", diags),
            sea: r.str_list("sea", diags),
            coasts: r.str_list("coasts", diags),
            lat: r.numbers("lat", diags),
            metropolitan: r.bool("metropolitan", diags),
            eu: r.str("eu", diags),
            source: r.str("source", diags),
            note: r.str("note", diags),
            aliases: list("aliases", diags),
            boxes: r.value("boxes").map_or(Ok(Vec::new()), |v| boxes(v.get_ref(), v.span())),
            history: history(&r, diags),
            readings: readings(&r, diags),
            map: map(&r, diags),
        });
    }
    out
}

/// `boxes = [[south, west, north, east], ...]`.
fn boxes(
    v: &DeValue<'_>,
    span: std::ops::Range<usize>,
) -> Result<Vec<[f64; 4]>, std::ops::Range<usize>> {
    let DeValue::Array(items) = v else { return Err(span) };
    let number = |x: &DeValue<'_>| match x {
        DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|n| n.is_finite()),
        DeValue::Integer(i) => i.as_str().parse::<i64>().ok().map(|n| n as f64),
        _ => None,
    };
    let mut out = Vec::new();
    for b in items.iter() {
        let nums: Option<Vec<f64>> = match b.get_ref() {
            DeValue::Array(xs) => xs.iter().map(|x| number(x.get_ref())).collect(),
            _ => None,
        };
        match nums.as_deref() {
            Some(&[s, w, n, e]) if s <= n && w <= e => out.push([s, w, n, e]),
            _ => return Err(b.span()),
        }
    }
    Ok(out)
}

fn history(r: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawHistory> {
    r.tables("history", diags)
        .into_iter()
        .map(|(h, span)| {
            let hr = TableReader::new(r.file(), h, span.clone(), &schema::HISTORY, diags);
            RawHistory {
                span,
                sovereign: hr.str("sovereign", diags),
                administered_by: hr.str("administered-by", diags),
                from: hr.date("from", diags),
                until: hr.date("until", diags),
            }
        })
        .collect()
}

fn map(r: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Option<RawMap> {
    let (t, span) = r.tables("map", diags).into_iter().next()?;
    let mr = TableReader::new(r.file(), t, span.clone(), &schema::MAP, diags);
    let features = mr.str_list("features", diags).unwrap_or_default();
    if features.is_empty() {
        mr.missing("features", diags);
    }
    Some(RawMap { span, features, earlier: mr.str_list("earlier", diags).unwrap_or_default() })
}

fn readings(r: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawRegionReading> {
    let mut out = Vec::new();
    for (h, span) in r.tables("reading", diags) {
        let hr = TableReader::new(r.file(), h, span.clone(), &schema::READING, diags);
        let covered = hr.bool("covered", diags);
        if covered.is_none() && !hr.has("covered") {
            hr.missing("covered", diags);
        }
        let (treaty, text, source) =
            (hr.req_str("treaty", diags), hr.req_str("text", diags), hr.req_str("source", diags));
        if let (Some(treaty), Some(covered), Some(text), Some(source)) =
            (treaty, covered, text, source)
        {
            out.push(RawRegionReading {
                span,
                treaty,
                covered: covered.value,
                text: text.value,
                source: source.value,
            });
        }
    }
    out
}

/// A diagnostic for a malformed `boxes` list (used by the check).
pub(crate) fn bad_boxes(file: &Arc<SourceFile>, span: std::ops::Range<usize>) -> Diagnostic {
    Diagnostic::error(Code::InvalidValue, "`boxes` must be a list of [south, west, north, east]")
        .at(crate::source::Loc::new(file, span))
}
