//! Which state holds each feature of the page's world map on a date.
//!
//! The map is world-atlas's `countries-110m.json` (Natural Earth), whose features are keyed by
//! ISO 3166-1 numeric id. `ui/map-regions.tsv` maps each feature to a casus region (ISO
//! alpha-2, `data/regions.toml`); on a date a feature belongs to the state that the region's
//! sovereign code resolves to then (through the regions table's dated history, so Algeria is
//! French until 1962). When that code names no state on the date (Estonia in 1960) the
//! table's `earlier` codes are tried in order: the territories of former unions and empires
//! (the Soviet Union, Yugoslavia, Czechoslovakia, Austria-Hungary). Otherwise the feature is
//! held by no state in the registry and the page draws it grey.
//!
//! The boundaries are today's: on 1960-01-01 the German feature is the Federal Republic's,
//! East Germany included. The map is a picture of the answer, not a source for it; the
//! decision itself never reads this table.

use std::collections::BTreeMap;

use casus_core::model::{Dataset, StateId};
use jiff::civil::Date;

/// The table, embedded.
const TABLE: &str = include_str!("../ui/map-regions.tsv");

/// One code of the `earlier` column, with the dates it applies (half-open).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Earlier {
    code: String,
    from: Option<Date>,
    until: Option<Date>,
}

/// One map feature.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Feature {
    /// The world-atlas id (ISO numeric), or the name for the three features without one.
    key: String,
    /// The casus region code.
    region: String,
    earlier: Vec<Earlier>,
}

/// The map table, parsed.
#[derive(Debug, Clone, Default)]
pub(crate) struct MapRegions {
    features: Vec<Feature>,
}

/// A line of the table that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ui/map-regions.tsv:{line}: {message}")]
pub(crate) struct MapTableError {
    line: usize,
    message: String,
}

impl MapRegions {
    /// The embedded table. Lines that cannot be read are skipped and returned; a test keeps
    /// the list empty.
    pub(crate) fn bundled() -> (Self, Vec<MapTableError>) {
        Self::parse(TABLE)
    }

    fn parse(text: &str) -> (Self, Vec<MapTableError>) {
        let mut features = Vec::new();
        let mut errors = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(key), Some(region)) = (cols.first(), cols.get(1)) else {
                errors.push(MapTableError {
                    line: i + 1,
                    message: "expected feature and region".into(),
                });
                continue;
            };
            let mut earlier = Vec::new();
            for item in cols.get(3).copied().unwrap_or("").split_whitespace() {
                match parse_earlier(item) {
                    Some(e) => earlier.push(e),
                    None => errors.push(MapTableError {
                        line: i + 1,
                        message: format!("cannot read `{item}`: write CODE or CODE@FROM[/UNTIL]"),
                    }),
                }
            }
            features.push(Feature {
                key: (*key).to_owned(),
                region: (*region).to_owned(),
                earlier,
            });
        }
        (Self { features }, errors)
    }

    /// Every feature's key with its region code, in table order.
    #[cfg(test)]
    pub(crate) fn regions(&self) -> impl Iterator<Item = (&str, &str)> {
        self.features.iter().map(|f| (f.key.as_str(), f.region.as_str()))
    }

    /// For each state holding at least one feature on `date`, the keys of its features.
    pub(crate) fn holders_on(&self, ds: &Dataset, date: Date) -> BTreeMap<StateId, Vec<&str>> {
        let reg = ds.registry();
        let mut out: BTreeMap<StateId, Vec<&str>> = BTreeMap::new();
        for f in &self.features {
            let sovereign = ds
                .regions()
                .facts_on(&f.region, date)
                .and_then(|facts| facts.sovereign)
                .and_then(|code| reg.resolve(&code, date).ok());
            let holder = sovereign.or_else(|| {
                f.earlier
                    .iter()
                    .filter(|e| {
                        e.from.is_none_or(|d| d <= date) && e.until.is_none_or(|d| date < d)
                    })
                    .find_map(|e| reg.resolve(&e.code, date).ok())
            });
            if let Some(id) = holder {
                out.entry(id).or_default().push(f.key.as_str());
            }
        }
        out
    }
}

fn parse_earlier(item: &str) -> Option<Earlier> {
    let (code, dates) = match item.split_once('@') {
        Some((c, d)) => (c, Some(d)),
        None => (item, None),
    };
    if code.is_empty() {
        return None;
    }
    let (from, until) = match dates {
        None => (None, None),
        Some(d) => match d.split_once('/') {
            Some((f, u)) => (Some(f.parse().ok()?), Some(u.parse().ok()?)),
            None => (Some(d.parse().ok()?), None),
        },
    };
    Some(Earlier { code: code.to_owned(), from, until })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_reads_whole() {
        let (m, errors) = MapRegions::bundled();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(m.features.len(), 177);
        let md = m.features.iter().find(|f| f.region == "MD").unwrap();
        assert_eq!(md.earlier.len(), 2);
        assert_eq!(md.earlier[0].until, Some(jiff::civil::date(1940, 6, 28)));
    }

    #[test]
    fn every_region_of_the_table_is_in_the_regions_table() {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
        let checked = casus_core::load(&casus_core::DataPaths::in_dir(data));
        let (m, _) = MapRegions::bundled();
        for (key, region) in m.regions() {
            assert!(checked.dataset().regions().contains(region), "{key}: {region}");
        }
        // Estonia's feature is Estonia's in 2026, the Soviet Union's (RUS) in 1960, and the
        // German feature the Federal Republic's in 1960.
        let ds = checked.dataset();
        let held = |d| {
            m.holders_on(ds, d)
                .into_iter()
                .flat_map(|(id, keys)| {
                    keys.into_iter().map(move |k| (k.to_owned(), ds.registry().code(id).to_owned()))
                })
                .collect::<BTreeMap<String, String>>()
        };
        let now = held(jiff::civil::date(2026, 1, 1));
        assert_eq!(now["233"], "EST");
        let then = held(jiff::civil::date(1960, 1, 1));
        assert_eq!(then["233"], "RUS");
        assert_eq!(
            ds.registry()
                .get(ds.registry().resolve(&then["276"], jiff::civil::date(1960, 1, 1)).unwrap())
                .unwrap()
                .name(),
            "German Federal Republic"
        );
        assert_eq!(then["012"], "FRA"); // Algeria, French until 1962
        assert_eq!(then["703"], "CSK"); // Slovakia: Czechoslovakia
        assert_eq!(then["203"], "CSK"); // Czechia too
        assert!(!then.contains_key("010")); // Antarctica: nobody's
        assert!(now.len() > 165, "{}", now.len());
    }

    #[test]
    fn bad_lines_are_reported_not_fatal() {
        let (m, errors) = MapRegions::parse("# c\n233\tEE\tEstonia\tRUS@19x\nnoregion\n");
        assert_eq!(m.features.len(), 1);
        assert_eq!(errors.len(), 2);
        assert_eq!(
            errors[0].to_string(),
            "ui/map-regions.tsv:2: cannot read `RUS@19x`: write CODE or CODE@FROM[/UNTIL]"
        );
    }
}
