//! Places: the regions table (`data/regions.toml`) and the facts scope clauses read.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diag::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::raw::reader::{parse_document, TableReader};
use crate::source::{Loc, SourceFile};

/// Continents, in the sense treaties use them.
pub const CONTINENTS: &[&str] =
    &["africa", "antarctica", "asia", "europe", "north-america", "oceania", "south-america"];

/// Sea areas scope clauses can name.
pub const SEAS: &[&str] = &[
    "north-atlantic",
    "south-atlantic",
    "mediterranean",
    "black-sea",
    "baltic",
    "north-sea",
    "caribbean",
    "pacific",
    "south-china-sea",
    "east-china-sea",
    "indian-ocean",
    "arctic",
    "southern-ocean",
    "persian-gulf",
    "red-sea",
];

/// One region as written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Region {
    code: String,
    name: String,
    parent: Option<String>,
    sovereign: Option<String>,
    administered_by: Option<String>,
    continent: Option<Vec<String>>,
    island: Option<bool>,
    sea: Option<Vec<String>>,
    lat: Option<(f64, f64)>,
    metropolitan: Option<bool>,
    eu: Option<String>,
    note: Option<String>,
    readings: Vec<Reading>,
    aliases: Vec<String>,
    boxes: Vec<[f64; 4]>,
    history: Vec<HistoryEntry>,
}

/// Who held or administered a region over a past period.
#[derive(Debug, Clone, PartialEq)]
struct HistoryEntry {
    sovereign: Option<String>,
    administered_by: Option<String>,
    interval: super::interval::Interval,
}

impl Region {
    /// The code.
    pub fn code(&self) -> &str {
        &self.code
    }
    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Other codes boundary data uses for it (`IC` for the Canary Islands).
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }
    /// Does one of its bounding boxes (`[south, west, north, east]`) contain the point? Boxes
    /// mark casus regions that boundary data lacks (the UK bases on Cyprus, the Senkakus).
    pub fn boxes_contain(&self, lat: f64, lon: f64) -> bool {
        self.boxes.iter().any(|[s, w, n, e]| (*s..=*n).contains(&lat) && (*w..=*e).contains(&lon))
    }
}

/// What is known about a place: every field may be unknown.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct PlaceFacts {
    /// The region codes the place lies in, most specific first (`ES-CN`, `ES`).
    pub regions: Vec<String>,
    /// A readable name.
    pub name: Option<String>,
    /// Code of the state holding sovereignty.
    pub sovereign: Option<String>,
    /// Code of the administering state.
    pub administered_by: Option<String>,
    /// Continents.
    pub continent: Option<Vec<String>>,
    /// Island or mainland.
    pub island: Option<bool>,
    /// Sea areas.
    pub sea: Option<Vec<String>>,
    /// Southern and northern latitude.
    pub lat: Option<(f64, f64)>,
    /// Metropolitan territory of its sovereign.
    pub metropolitan: Option<bool>,
    /// TFEU Art 355 status.
    pub eu: Option<String>,
    /// The place is at sea, outside any land region: then it is known to be no state's land
    /// territory, on no continent and no island (territorial waters are not distinguished yet).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub at_sea: bool,
    /// Competing readings of treaties for this place (Ceuta under NATO Art 6, Greenland under
    /// TEU 42(7)), from the regions table.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
    /// Notes carried from the table (contested status and the like).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Arc<str>>,
}

/// One reading of whether a treaty covers a place, with its source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reading {
    /// The treaty id it is about.
    pub treaty: String,
    /// Does this reading hold that the treaty covers the place?
    pub covered: bool,
    /// Who reads it so, and why.
    pub text: String,
    /// Where the reading is found.
    pub source: String,
}

/// The regions table.
#[derive(Debug, Clone, Default)]
pub struct Regions {
    by_code: BTreeMap<String, Region>,
    aliases: BTreeMap<String, String>,
    /// Codes of the regions that have boxes: classifying a point checks only these, not
    /// every region.
    boxed: Vec<String>,
    /// The facts of every region today, built once at load: classifying a point copies
    /// them rather than walking the parents and formatting notes each time.
    today: BTreeMap<String, PlaceFacts>,
}

impl Regions {
    /// Is a code (or alias) defined?
    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// A close code, for "did you mean".
    pub fn suggest(&self, code: &str) -> Option<&str> {
        did_you_mean(code, self.by_code.keys().map(String::as_str))
    }

    /// Every region.
    pub fn iter(&self) -> impl Iterator<Item = &Region> {
        self.by_code.values()
    }

    /// A region by its code or one of its aliases.
    pub fn get(&self, code: &str) -> Option<&Region> {
        // Codes are stored upper-cased; callers mostly pass them so (no allocation then).
        if let Some(r) = self.by_code.get(code) {
            return Some(r);
        }
        let c = code.to_ascii_uppercase();
        self.by_code.get(&c).or_else(|| self.aliases.get(&c).and_then(|k| self.by_code.get(k)))
    }

    /// Regions with bounding boxes that contain the point.
    pub fn boxed_at(&self, lat: f64, lon: f64) -> impl Iterator<Item = &Region> {
        self.boxed
            .iter()
            .filter_map(|c| self.by_code.get(c))
            .filter(move |r| r.boxes_contain(lat, lon))
    }

    /// The facts of a region on a date: its history says who held it then.
    pub fn facts_on(&self, code: &str, date: jiff::civil::Date) -> Option<PlaceFacts> {
        let mut f = self.facts(code)?;
        let mut cur = self.get(code);
        // A parent cycle is reported by `load`; the bound only keeps a bad table finite.
        let mut steps = 0;
        while let Some(r) = cur {
            steps += 1;
            if steps > 64 {
                break;
            }
            if let Some(h) = r.history.iter().find(|h| h.interval.contains(date)) {
                if let Some(s) = &h.sovereign {
                    f.sovereign = Some(s.clone());
                    f.administered_by = Some(s.clone());
                }
                if let Some(a) = &h.administered_by {
                    f.administered_by = Some(a.clone());
                }
                break;
            }
            cur = r.parent.as_ref().and_then(|p| self.by_code.get(p));
        }
        Some(f)
    }

    /// The facts of a region today, inherited along its parents. `None` if the code is unknown.
    pub fn facts(&self, code: &str) -> Option<PlaceFacts> {
        let r = self.get(code)?;
        match self.today.get(&r.code) {
            Some(f) => Some(f.clone()),
            None => self.build_facts(&r.code),
        }
    }

    /// The facts of a region today, walked along its parents (what [`Regions::facts`] keeps).
    fn build_facts(&self, code: &str) -> Option<PlaceFacts> {
        let mut cur = self.get(code)?;
        let mut f = PlaceFacts { name: Some(cur.name.clone()), ..PlaceFacts::default() };
        let mut visited = BTreeSet::new();
        loop {
            if !visited.insert(cur.code.clone()) {
                break; // a parent cycle: reported by `load`; stop here
            }
            f.regions.push(cur.code.clone());
            f.sovereign = f.sovereign.or_else(|| cur.sovereign.clone());
            f.administered_by = f.administered_by.or_else(|| cur.administered_by.clone());
            f.continent = f.continent.or_else(|| cur.continent.clone());
            f.island = f.island.or(cur.island);
            f.sea = f.sea.or_else(|| cur.sea.clone());
            f.lat = f.lat.or(cur.lat);
            f.metropolitan = f.metropolitan.or(cur.metropolitan);
            f.eu = f.eu.or_else(|| cur.eu.clone());
            f.readings.extend(cur.readings.iter().cloned());
            if let Some(n) = &cur.note {
                f.notes.push(format!("{}: {n}", cur.code).into());
            }
            match cur.parent.as_ref().and_then(|p| self.by_code.get(p)) {
                Some(p) => cur = p,
                None => break,
            }
        }
        if f.administered_by.is_none() {
            f.administered_by = f.sovereign.clone();
        }
        Some(f)
    }

    /// Reads `regions.toml`.
    pub fn load(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Regions {
        let doc = parse_document(file, diags);
        let top = TableReader::new(
            file,
            doc.get_ref(),
            doc.span(),
            "regions file",
            &["source", "region"],
            diags,
        );
        for (tbl, span) in top.tables("source", diags) {
            TableReader::new(file, tbl, span, "source", &["id", "citation", "url"], diags);
        }
        let mut regions = Regions::default();
        let mut parents: Vec<(String, Loc)> = Vec::new();
        for (tbl, span) in top.tables("region", diags) {
            let r = TableReader::new(
                file,
                tbl,
                span.clone(),
                "region",
                &[
                    "code",
                    "name",
                    "parent",
                    "sovereign",
                    "administered-by",
                    "continent",
                    "island",
                    "sea",
                    "lat",
                    "metropolitan",
                    "eu",
                    "source",
                    "note",
                    "claimed-by",
                    "aliases",
                    "boxes",
                    "history",
                    "reading",
                ],
                diags,
            );
            let (Some(code), Some(name)) = (r.req_str("code", diags), r.req_str("name", diags))
            else {
                continue;
            };
            let list =
                |key: &str, vocab: &[&str], diags: &mut Diagnostics| -> Option<Vec<String>> {
                    let items = r.str_list(key, diags)?;
                    for i in &items {
                        if !vocab.contains(&i.value.as_str()) {
                            diags.push(
                                Diagnostic::error(
                                    Code::InvalidValue,
                                    format!("unknown {key} `{}`", i.value),
                                )
                                .at(r.loc(i.span.clone()))
                                .maybe_help(
                                    did_you_mean(&i.value, vocab.iter().copied())
                                        .map(|s| format!("did you mean `{s}`?")),
                                ),
                            );
                        }
                    }
                    Some(items.into_iter().map(|i| i.value).collect())
                };
            let continent = list("continent", CONTINENTS, diags);
            let sea = list("sea", SEAS, diags);
            let _ = r.str_list("claimed-by", diags);
            let lat = r.numbers("lat", diags).and_then(|l| match l.value.as_slice() {
                [s, n] if s <= n => Some((*s, *n)),
                _ => {
                    diags.push(
                        Diagnostic::error(Code::InvalidValue, "`lat` must be [south, north]")
                            .at(r.loc(l.span)),
                    );
                    None
                }
            });
            let key = code.value.to_ascii_uppercase();
            if regions.by_code.contains_key(&key) {
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        format!("duplicate region `{}`", code.value),
                    )
                    .at(r.loc(code.span.clone())),
                );
                continue;
            }
            let parent = r.str("parent", diags);
            if let Some(p) = &parent {
                parents.push((p.value.to_ascii_uppercase(), r.loc(p.span.clone())));
            }
            let _ = r.str("source", diags);
            let aliases: Vec<String> = r
                .str_list("aliases", diags)
                .unwrap_or_default()
                .into_iter()
                .map(|a| a.value.to_ascii_uppercase())
                .collect();
            for a in &aliases {
                regions.aliases.insert(a.clone(), key.clone());
            }
            let mut boxes = Vec::new();
            if let Some(v) = tbl.get("boxes") {
                let ok = match v.get_ref() {
                    toml::de::DeValue::Array(items) => items.iter().all(|b| {
                        let nums: Option<Vec<f64>> = match b.get_ref() {
                            toml::de::DeValue::Array(xs) => xs
                                .iter()
                                .map(|x| match x.get_ref() {
                                    toml::de::DeValue::Float(f) => f.as_str().parse().ok(),
                                    toml::de::DeValue::Integer(i) => {
                                        i.as_str().parse::<i64>().ok().map(|n| n as f64)
                                    }
                                    _ => None,
                                })
                                .collect(),
                            _ => None,
                        };
                        match nums.as_deref() {
                            Some([s, w, n, e]) if s <= n && w <= e => {
                                boxes.push([*s, *w, *n, *e]);
                                true
                            }
                            _ => false,
                        }
                    }),
                    _ => false,
                };
                if !ok {
                    diags.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            "`boxes` must be a list of [south, west, north, east]",
                        )
                        .at(r.loc(v.span())),
                    );
                }
            }
            let mut readings = Vec::new();
            for (h, hspan) in r.tables("reading", diags) {
                let hr = TableReader::new(
                    file,
                    h,
                    hspan,
                    "reading",
                    &["treaty", "covered", "text", "source"],
                    diags,
                );
                let covered = hr.bool("covered", diags);
                if covered.is_none() {
                    hr.missing("covered", diags);
                }
                if let (Some(treaty), Some(covered), Some(text), Some(source)) = (
                    hr.req_str("treaty", diags),
                    covered,
                    hr.req_str("text", diags),
                    hr.req_str("source", diags),
                ) {
                    readings.push(Reading {
                        treaty: treaty.value,
                        covered: covered.value,
                        text: text.value,
                        source: source.value,
                    });
                }
            }
            let mut history = Vec::new();
            for (h, hspan) in r.tables("history", diags) {
                let hr = TableReader::new(
                    file,
                    h,
                    hspan,
                    "region history",
                    &["sovereign", "administered-by", "from", "until"],
                    diags,
                );
                let from = hr.date("from", diags).map_or(jiff::civil::Date::MIN, |d| d.value);
                let until = hr.date("until", diags).map(|d| d.value);
                history.push(HistoryEntry {
                    sovereign: hr.str("sovereign", diags).map(|s| s.value),
                    administered_by: hr.str("administered-by", diags).map(|s| s.value),
                    interval: super::interval::Interval::new(from, until),
                });
            }
            if !boxes.is_empty() {
                regions.boxed.push(key.clone());
            }
            regions.by_code.insert(
                key.clone(),
                Region {
                    code: key,
                    name: name.value,
                    parent: parent.map(|p| p.value.to_ascii_uppercase()),
                    sovereign: r.str("sovereign", diags).map(|s| s.value),
                    administered_by: r.str("administered-by", diags).map(|s| s.value),
                    continent,
                    island: r.bool("island", diags).map(|b| b.value),
                    sea,
                    lat,
                    metropolitan: r.bool("metropolitan", diags).map(|b| b.value),
                    eu: r.str("eu", diags).map(|s| s.value),
                    note: r.str("note", diags).map(|s| s.value),
                    readings,
                    aliases,
                    boxes,
                    history,
                },
            );
        }
        for (p, loc) in parents {
            if !regions.by_code.contains_key(&p) {
                diags.push(
                    Diagnostic::error(Code::UnknownRegion, format!("unknown parent region `{p}`"))
                        .at(loc)
                        .maybe_help(regions.suggest(&p).map(|s| format!("did you mean `{s}`?"))),
                );
            }
        }
        let today: BTreeMap<String, PlaceFacts> = regions
            .by_code
            .keys()
            .filter_map(|c| Some((c.clone(), regions.build_facts(c)?)))
            .collect();
        regions.today = today;
        regions
    }
}
