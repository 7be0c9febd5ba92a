//! Checks on the treaty areas file, and its lowering into [`Areas`].
//!
//! ## What it checks
//! - `invalid-value`: an unknown `edges` or `quality`; malformed rings (fewer than three
//!   distinct vertices, off the globe, an edge across the antimeridian).
//! - `unknown-source`: an area citing a `[[source]]` the file does not define.
//! - `unknown-region`: an `inside` or `outside` region the regions table lacks.
//! - `conflicting-values`: a region both inside and outside an area.
//! - `duplicate-id`: two areas with one id.
//!
//! An area's treaty is checked once the treaties are known (`check::check`).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diag::{suggestion_or_list, Code, Diagnostic, Diagnostics};
use crate::model::{Area, Areas, Edges, Quality, Regions};
use crate::raw::areas::{read_areas, RawArea, RawAreas};
use crate::raw::Sp;
use crate::source::{Loc, SourceFile};

impl Areas {
    /// Reads and checks an areas file (`data/geo/areas.toml`); region codes in `inside` and
    /// `outside` are checked against `known_region`.
    pub fn load(
        file: &Arc<SourceFile>,
        known_region: &dyn Fn(&str) -> bool,
        diags: &mut Diagnostics,
    ) -> Areas {
        check_areas(&read_areas(file, diags), known_region, diags)
    }
}

impl Regions {
    /// Reads and checks the treaty areas (`geo/areas.toml`) against this table's regions.
    pub fn load_areas(&mut self, file: &Arc<SourceFile>, diags: &mut Diagnostics) {
        let areas = Areas::load(file, &|code| self.contains(code), diags);
        self.set_areas(areas);
    }
}

/// Checks the raw areas and builds them; an area with errors is left out.
pub fn check_areas(
    raw: &RawAreas,
    known_region: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) -> Areas {
    let citations: BTreeMap<&str, String> = raw
        .sources
        .iter()
        .map(|s| {
            let url = s.url.as_ref().map(|u| format!(" <{}>", u.value)).unwrap_or_default();
            (s.id.value.as_str(), format!("{}{url}", s.citation.value))
        })
        .collect();
    let cx = Cx { file: &raw.file, citations, known_region };
    let mut areas: BTreeMap<String, Area> = BTreeMap::new();
    for a in &raw.areas {
        let Some(area) = cx.area(a, diags) else { continue };
        if areas.contains_key(&area.id) {
            let at = a.id.as_ref().map_or(a.span.clone(), |i| i.span.clone());
            diags.push(
                Diagnostic::error(Code::DuplicateId, format!("duplicate area `{}`", area.id))
                    .at(cx.loc(&at)),
            );
            continue;
        }
        areas.insert(area.id.clone(), area);
    }
    Areas { areas }
}

struct Cx<'a> {
    file: &'a Arc<SourceFile>,
    citations: BTreeMap<&'a str, String>,
    known_region: &'a dyn Fn(&str) -> bool,
}

impl Cx<'_> {
    fn loc(&self, span: &std::ops::Range<usize>) -> Loc {
        Loc::new(self.file, span.clone())
    }

    /// One area, checked key by key and built; `None` when it cannot be.
    fn area(&self, a: &RawArea, diags: &mut Diagnostics) -> Option<Area> {
        let (id, name) = (a.id.as_ref()?, a.name.as_ref()?);
        let edges = a.edges.as_ref().and_then(|e| {
            self.word(e, "edges", &["rhumb", "geodesic", "plain"], diags).and_then(Edges::parse)
        });
        let quality = a.quality.as_ref().and_then(|q| {
            self.word(q, "quality", &["verbatim", "approximate"], diags).map(|w| match w {
                "verbatim" => Quality::Verbatim,
                _ => Quality::Approximate,
            })
        });
        let source = self.sources(&a.sources, diags);
        let inside = self.regions(&a.inside, diags);
        let outside = self.regions(&a.outside, diags);
        if let Some(both) = inside.iter().find(|c| outside.contains(c)) {
            diags.push(
                Diagnostic::error(
                    Code::ConflictingValues,
                    format!("region `{both}` is listed both inside and outside the area"),
                )
                .at(self.loc(&id.span)),
            );
        }
        let polygons = match &a.polygons {
            Some(Ok(rings)) => rings.clone(),
            Some(Err((span, message))) => {
                diags.push(
                    Diagnostic::error(Code::InvalidValue, message.clone())
                        .at(self.loc(span))
                        .help("polygons = [[[lat, lon], [lat, lon], [lat, lon], ...], ...]: rings of at least 3 vertices, no edge across the antimeridian"),
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        let (edges, quality) = (edges?, quality?);
        let mut area = Area {
            id: id.value.clone(),
            name: name.value.clone(),
            treaty_loc: a.treaty.as_ref().map(|t| self.loc(&t.span)),
            treaty: a.treaty.as_ref().map(|t| t.value.clone()),
            article: a.article.as_ref().map(|x| x.value.clone()),
            edges,
            quality,
            text: a.text.as_ref().map(|t| t.value.clone()),
            polygons,
            inside,
            outside,
            source,
            note: a.note.as_ref().map(|n| n.value.clone()),
            rings: Vec::new(),
        };
        area.build_rings();
        Some(area)
    }

    /// A word of a closed vocabulary, or `None` (reported).
    fn word<'w>(
        &self,
        w: &'w Sp<String>,
        key: &str,
        names: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<&'w str> {
        if names.contains(&w.value.as_str()) {
            return Some(w.value.as_str());
        }
        diags.push(
            Diagnostic::error(Code::InvalidValue, format!("unknown {key} `{}`", w.value))
                .at(self.loc(&w.span))
                .help(suggestion_or_list(&w.value, names.iter().copied())),
        );
        None
    }

    /// An area's sources, as one citation.
    fn sources(&self, ids: &[Sp<String>], diags: &mut Diagnostics) -> Option<String> {
        let mut out = Vec::new();
        for s in ids {
            match self.citations.get(s.value.as_str()) {
                Some(c) => out.push(c.clone()),
                None => diags.push(super::unknown_source(
                    self.loc(&s.span),
                    &s.value,
                    self.citations.keys().copied(),
                )),
            }
        }
        (!out.is_empty()).then(|| out.join("; "))
    }

    /// `inside` or `outside`: region codes the regions table must know.
    fn regions(&self, items: &[Sp<String>], diags: &mut Diagnostics) -> Vec<String> {
        for i in items {
            if !(self.known_region)(&i.value) {
                diags.push(
                    Diagnostic::error(Code::UnknownRegion, format!("unknown region `{}`", i.value))
                        .at(self.loc(&i.span)),
                );
            }
        }
        items.iter().map(|i| i.value.to_ascii_uppercase()).collect()
    }
}
