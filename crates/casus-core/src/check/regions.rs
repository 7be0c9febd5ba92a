//! Checks on the regions table, and its lowering into [`Regions`].
//!
//! ## What it checks
//! - `duplicate-id`: two regions with one code.
//! - `unknown-region`: a parent that no region has; a region that is its own ancestor.
//! - `invalid-value`: an unknown continent, sea area or EU status; `sea` on a mainland region;
//!   a latitude extent that is not `[south, north]` on the globe; a malformed box.
//! - `unknown-source`: a region citing a `[[source]]` the file does not define.
//! - `unknown-state`: a sovereign, administering or claiming state, in the region or its
//!   history, that no state of the registry answers to (with a "did you mean").
//! - `dates-out-of-order`: a history entry that ends before it starts.
//!
//! A reading's treaty is checked once the treaties are known (`check::check`).
//!
//! ## Why it matters
//! A region's facts decide every scope clause for a place there; a misspelled sovereign used to
//! fail only when an event happened to land on it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diag::{suggestion_or_list, Code, Diagnostic, Diagnostics};
use crate::model::{Interval, MapFeatures, PlaceTerms, Reading, Region, Regions, Registry};
use crate::raw::regions::{bad_boxes, RawMap, RawRegion, RawRegions};
use crate::raw::Sp;
use crate::source::{Loc, SourceFile};

/// The EU statuses of TFEU Art 355 that `eu` takes.
const EU_STATUS: &[&str] = &["member", "outermost", "oct", "excluded"];

/// Checks raw regions and builds the table. With a registry, every state code is checked
/// against it; without one (a regions file checked on its own), codes are taken as written.
///
/// The continents are the file's `[[continent]]` ids; `seas` are the ids of the seas file's
/// `[[sea]]` areas: together the words of place every region and clause may use.
pub fn check_regions(
    raw: &RawRegions,
    registry: Option<&Registry>,
    seas: &[Sp<String>],
    diags: &mut Diagnostics,
) -> Regions {
    let Some(file) = raw.file.as_ref() else { return Regions::default() };
    let terms = PlaceTerms { continents: sorted_ids(&raw.continents), seas: sorted_ids(seas) };
    let cx = Cx {
        file,
        registry,
        sources: raw.sources.iter().map(|s| s.value.as_str()).collect(),
        terms: &terms,
    };
    let mut by_code: BTreeMap<String, Region> = BTreeMap::new();
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    let mut boxed: Vec<String> = Vec::new();
    let mut parents: Vec<(String, Loc)> = Vec::new();
    let mut reading_refs: Vec<(String, Loc)> = Vec::new();
    for r in &raw.regions {
        let (Some(code), Some(name)) = (&r.code, &r.name) else { continue };
        let key = code.value.to_ascii_uppercase();
        if by_code.contains_key(&key) {
            diags.push(
                Diagnostic::error(Code::DuplicateId, format!("duplicate region `{}`", code.value))
                    .at(cx.loc(&code.span)),
            );
            continue;
        }
        if let Some(p) = &r.parent {
            parents.push((p.value.to_ascii_uppercase(), cx.loc(&p.span)));
        }
        for a in &r.aliases {
            aliases.insert(a.value.to_ascii_uppercase(), key.clone());
        }
        reading_refs
            .extend(r.readings.iter().map(|x| (x.treaty.value.clone(), cx.loc(&x.treaty.span))));
        let region = cx.region(r, key.clone(), name.value.clone(), diags);
        if !region.boxes.is_empty() {
            boxed.push(key.clone());
        }
        by_code.insert(key, region);
    }
    let mut regions = Regions::index(by_code, &aliases, &boxed);
    for (p, loc) in parents {
        if !regions.contains(&p) {
            diags.push(
                Diagnostic::error(Code::UnknownRegion, format!("unknown parent region `{p}`"))
                    .at(loc)
                    .maybe_help(regions.suggest(&p).map(|s| format!("did you mean `{s}`?"))),
            );
        }
    }
    for code in regions.in_cycles() {
        diags.push(Diagnostic::error(
            Code::UnknownRegion,
            format!("region `{code}` is its own ancestor (a cycle of parents)"),
        ));
    }
    // A map feature is drawn as one region.
    let mut features: BTreeMap<&str, Loc> = BTreeMap::new();
    for f in raw.regions.iter().filter_map(|r| r.map.as_ref()).flat_map(|m| &m.features) {
        if let Some(first) = features.get(f.value.as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    format!("map feature `{}` is drawn twice", f.value),
                )
                .at(cx.loc(&f.span))
                .related(first.clone(), "first here"),
            );
        } else {
            features.insert(&f.value, cx.loc(&f.span));
        }
    }
    regions.set_reading_refs(reading_refs);
    regions.set_terms(terms);
    regions
}

/// Ids sorted and deduplicated (a duplicate id is its file's problem, reported there).
fn sorted_ids(ids: &[Sp<String>]) -> Vec<String> {
    let mut out: Vec<String> = ids.iter().map(|i| i.value.clone()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What the checks share.
struct Cx<'a> {
    file: &'a Arc<SourceFile>,
    registry: Option<&'a Registry>,
    sources: BTreeSet<&'a str>,
    terms: &'a PlaceTerms,
}

impl Cx<'_> {
    fn loc(&self, span: &std::ops::Range<usize>) -> Loc {
        Loc::new(self.file, span.clone())
    }

    fn vocab(
        &self,
        what: &str,
        items: &[Sp<String>],
        vocab: &[impl AsRef<str>],
        diags: &mut Diagnostics,
    ) -> Vec<String> {
        for i in items {
            if !vocab.iter().any(|v| v.as_ref() == i.value) {
                let help = suggestion_or_list(&i.value, vocab.iter().map(AsRef::as_ref));
                diags.push(
                    Diagnostic::error(Code::InvalidValue, format!("unknown {what} `{}`", i.value))
                        .at(self.loc(&i.span))
                        .help(help),
                );
            }
        }
        items.iter().map(|i| i.value.clone()).collect()
    }

    /// A state code of the regions table: some state of the registry must answer to it.
    fn state(&self, code: &Sp<String>, diags: &mut Diagnostics) -> String {
        if let Some(reg) = self.registry {
            if !reg.knows(&code.value) {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownState,
                        format!("unknown state `{}`", code.value),
                    )
                    .at(self.loc(&code.span))
                    .maybe_help(reg.suggest(&code.value).map(|s| format!("did you mean `{s}`?"))),
                );
            }
        }
        code.value.clone()
    }

    /// One region, checked key by key and built.
    //
    // Long (about 105 lines) because it checks each key of a region in the order of the format
    // (docs/format.md section 2) and fills the model's fields as it goes; each check is a few
    // lines on its own.
    fn region(&self, r: &RawRegion, code: String, name: String, diags: &mut Diagnostics) -> Region {
        let (continents, seas) = (&self.terms.continents, &self.terms.seas);
        let continent = r.continent.as_ref().map(|l| self.vocab("continent", l, continents, diags));
        let sea = r.sea.as_ref().map(|l| self.vocab("sea", l, seas, diags));
        let coasts = r.coasts.as_ref().map(|l| self.vocab("sea", l, seas, diags));
        // `sea` says where an island lies; a mainland's seas are its coasts. Reading the one
        // for the other put French troops on land in Lebanon "in the Mediterranean".
        if let (Some(island), Some(s)) = (&r.island, &r.sea) {
            if !island.value {
                let at = s.first().map_or(r.span.clone(), |x| x.span.clone());
                diags.push(
                    Diagnostic::error(Code::InvalidValue, format!("`sea` on a mainland region (`{code}`)"))
                        .at(self.loc(&at))
                        .help("`sea` lists the sea areas an island lies in; for the seas a mainland borders use `coasts`"),
                );
            }
        }
        let lat = r.lat.as_ref().and_then(|l| match l.value.as_slice() {
            [s, n] if s <= n && (-90.0..=90.0).contains(s) && (-90.0..=90.0).contains(n) => {
                Some((*s, *n))
            }
            _ => {
                diags.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        "`lat` must be [south, north], in degrees",
                    )
                    .at(self.loc(&l.span)),
                );
                None
            }
        });
        if let Some(eu) = &r.eu {
            self.vocab("EU status", std::slice::from_ref(eu), EU_STATUS, diags);
        }
        if let Some(s) = &r.source {
            if !self.sources.contains(s.value.as_str()) {
                diags.push(super::unknown_source(
                    self.loc(&s.span),
                    &s.value,
                    self.sources.iter().copied(),
                ));
            }
        }
        for c in &r.claimed_by {
            self.state(c, diags);
        }
        let boxes = r.boxes.clone().unwrap_or_else(|span| {
            diags.push(bad_boxes(self.file, span));
            Vec::new()
        });
        let history = r
            .history
            .iter()
            .map(|h| {
                if let (Some(f), Some(u)) = (&h.from, &h.until) {
                    if u.value <= f.value {
                        diags.push(
                            Diagnostic::error(
                                Code::DatesOutOfOrder,
                                format!("`until` ({}) is not after `from` ({})", u.value, f.value),
                            )
                            .at(self.loc(&u.span)),
                        );
                    }
                }
                crate::model::region::HistoryEntry {
                    sovereign: h.sovereign.as_ref().map(|s| self.state(s, diags)),
                    administered_by: h.administered_by.as_ref().map(|s| self.state(s, diags)),
                    interval: Interval::new(
                        h.from.as_ref().map_or(jiff::civil::Date::MIN, |d| d.value),
                        h.until.as_ref().map(|d| d.value),
                    ),
                }
            })
            .collect();
        Region {
            code,
            name,
            parent: r.parent.as_ref().map(|p| p.value.to_ascii_uppercase()),
            sovereign: r.sovereign.as_ref().map(|s| self.state(s, diags)),
            administered_by: r.administered_by.as_ref().map(|s| self.state(s, diags)),
            continent,
            island: r.island.as_ref().map(|b| b.value),
            sea,
            coasts,
            lat,
            metropolitan: r.metropolitan.as_ref().map(|b| b.value),
            eu: r.eu.as_ref().map(|e| e.value.clone()),
            note: r.note.as_ref().map(|n| n.value.clone()),
            readings: r
                .readings
                .iter()
                .map(|x| Reading {
                    treaty: x.treaty.value.as_str().into(),
                    covered: x.covered,
                    text: x.text.as_str().into(),
                    source: x.source.as_str().into(),
                })
                .collect(),
            aliases: r.aliases.iter().map(|a| a.value.to_ascii_uppercase()).collect(),
            boxes,
            history,
            map: r.map.as_ref().map(|m| self.map(m, diags)),
        }
    }

    /// A region's map features, with its earlier holders (`CODE` or `CODE@FROM[/UNTIL]`,
    /// half-open) checked: dates that are days, codes some state answers to.
    fn map(&self, m: &RawMap, diags: &mut Diagnostics) -> MapFeatures {
        let mut earlier = Vec::new();
        for e in &m.earlier {
            let Some((code, interval)) = parse_earlier(&e.value) else {
                diags.push(
                    Diagnostic::error(Code::InvalidValue, format!("cannot read `{}`", e.value))
                        .at(self.loc(&e.span))
                        .help("write CODE or CODE@FROM or CODE@FROM/UNTIL (dates YYYY-MM-DD)"),
                );
                continue;
            };
            let code = self.state(&Sp::new(code.to_owned(), e.span.clone()), diags);
            earlier.push((code, interval));
        }
        MapFeatures { features: m.features.iter().map(|f| f.value.clone()).collect(), earlier }
    }
}

/// `CODE`, `CODE@FROM` or `CODE@FROM/UNTIL`.
fn parse_earlier(item: &str) -> Option<(&str, Interval)> {
    let (code, dates) = match item.split_once('@') {
        Some((c, d)) => (c, Some(d)),
        None => (item, None),
    };
    if code.is_empty() {
        return None;
    }
    let (from, until) = match dates {
        None => (jiff::civil::Date::MIN, None),
        Some(d) => match d.split_once('/') {
            Some((f, u)) => (f.parse().ok()?, Some(u.parse().ok()?)),
            None => (d.parse().ok()?, None),
        },
    };
    (until.is_none_or(|u| from < u)).then(|| (code, Interval::new(from, until)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATES: &str = r#"
[[source]]
id = "s"
citation = "c"

[[state]]
id = "AAA"
name = "A"
iso3 = "AAA"
exists = [{ from = 1900-01-01 }]
source = "s"
"#;

    /// Every problem of a regions file at once, each at its place, with "did you mean".
    #[test]
    fn every_problem_at_once() {
        let mut diags = Diagnostics::default();
        let registry = Registry::load(&SourceFile::new("states.toml", STATES), &mut diags);
        assert!(!diags.has_errors(), "{diags:?}");
        let text = r#"
[[source]]
id = "iso"
citation = "c"

[[region]]
code = "AA"
name = "A"
sovereign = "AAB"
source = "isoo"
eu = "membr"
continent = ["eurpe"]
island = false
sea = ["pacific"]
lat = [10, 5]
history = [{ sovereign = "ZZZ", from = 1950-01-01, until = 1940-01-01 }]

[[region]]
code = "AA"
name = "again"

[[region]]
code = "B1"
name = "B1"
parent = "B2"
map = { features = ["1"], earlier = ["AAA@19x"] }

[[region]]
code = "B2"
name = "B2"
parent = "B1"
claimed-by = ["QQQ"]
boxes = [[1, 2, 0, 3]]
map = { features = ["1"], earlier = ["QQX@1900-01-01/1950-01-01"] }
"#;
        let file = SourceFile::new("regions.toml", text);
        let raw = crate::raw::read_regions(&file, &mut diags);
        let seas = crate::raw::read_sea_ids(&crate::load::bundled_seas(), &mut diags);
        let _ = check_regions(&raw, Some(&registry), &seas, &mut diags);
        let got: Vec<(&str, String)> =
            diags.iter().map(|d| (d.code().name(), d.message().to_owned())).collect();
        let has = |code: &str, words: &str| {
            assert!(
                got.iter().any(|(c, m)| *c == code && m.contains(words)),
                "no {code} saying `{words}` in {got:#?}"
            );
        };
        has("unknown-state", "`AAB`");
        has("unknown-state", "`ZZZ`");
        has("unknown-state", "`QQQ`");
        has("unknown-source", "`isoo`");
        has("invalid-value", "EU status `membr`");
        has("invalid-value", "continent `eurpe`");
        has("invalid-value", "`sea` on a mainland region");
        has("invalid-value", "`lat` must be");
        has("invalid-value", "`boxes`");
        has("dates-out-of-order", "1940-01-01");
        has("duplicate-id", "`AA`");
        has("unknown-region", "its own ancestor");
        has("invalid-value", "cannot read `AAA@19x`");
        has("unknown-state", "`QQX`");
        has("duplicate-id", "map feature `1` is drawn twice");
        // each at its place, with a suggestion where one exists
        let sovereign = diags.iter().find(|d| d.message().contains("`AAB`")).unwrap();
        assert!(
            sovereign.render_plain().contains("regions.toml:9:"),
            "{}",
            sovereign.render_plain()
        );
        assert!(sovereign.render_plain().contains("did you mean `AAA`?"));
    }
}
