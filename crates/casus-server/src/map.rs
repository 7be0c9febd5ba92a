//! Which state holds each feature of the page's world map on a date.
//!
//! The map is world-atlas's `countries-110m.json` (Natural Earth), whose features are keyed by
//! ISO 3166-1 numeric id. Each region of `data/regions.toml` that the map draws says which
//! features it is (`map = { features = [...] }`); on a date a feature belongs to the state
//! that the region's sovereign code resolves to then (through the regions table's dated
//! history, so Algeria is French until 1962). When that code names no state on the date
//! (Estonia in 1960) the region's `earlier` codes are tried in order: the territories of former
//! unions and empires (the Soviet Union, Yugoslavia, Czechoslovakia, Austria-Hungary).
//! Otherwise the feature is held by no state in the registry and the page draws it grey.
//!
//! The boundaries are today's: on 1960-01-01 the German feature is the Federal Republic's,
//! East Germany included. The map is a picture of the answer, not a source for it; the
//! decision itself never reads the map features.

use std::collections::BTreeMap;

use casus_core::model::{Dataset, StateId};
use jiff::civil::Date;

/// For each state holding at least one map feature on `date`, the keys of its features.
pub(crate) fn holders_on(ds: &Dataset, date: Date) -> BTreeMap<StateId, Vec<&str>> {
    let reg = ds.registry();
    let mut out: BTreeMap<StateId, Vec<&str>> = BTreeMap::new();
    for (region, map) in ds.regions().map_features() {
        let sovereign = ds
            .regions()
            .facts_on(region, date)
            .and_then(|facts| facts.sovereign)
            .and_then(|code| reg.resolve(&code, date).ok());
        let holder = sovereign.or_else(|| {
            map.earlier
                .iter()
                .filter(|(_, when)| when.contains(date))
                .find_map(|(code, _)| reg.resolve(code, date).ok())
        });
        if let Some(id) = holder {
            out.entry(id).or_default().extend(map.features.iter().map(String::as_str));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regions_table_draws_the_whole_map() {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
        let checked = casus_core::load(&casus_core::DataPaths::in_dir(data));
        assert!(checked.passed(), "{:?}", checked.diagnostics());
        let ds = checked.dataset();
        let features: usize = ds.regions().map_features().map(|(_, m)| m.features.len()).sum();
        assert_eq!(features, 177);
        let md = ds.regions().map_features().find(|(r, _)| *r == "MD").unwrap().1;
        assert_eq!(md.earlier.len(), 2);
        assert_eq!(md.earlier[0].1.until(), Some(jiff::civil::date(1940, 6, 28)));
        // Estonia's feature is Estonia's in 2026, the Soviet Union's (RUS) in 1960, and the
        // German feature the Federal Republic's in 1960.
        let held = |d| {
            holders_on(ds, d)
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
}
