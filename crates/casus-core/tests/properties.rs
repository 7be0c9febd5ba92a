//! Invariants, as property tests: the order of files and parties does not change a decision;
//! a decision is byte-identical across runs; a membership applies exactly when
//! joined <= date < left; the loader never panics.

use casus_core::model::Interval;
use casus_core::{evaluate, load_from_texts, load_from_texts_with_areas, EventBuilder};
use jiff::civil::Date;
use proptest::prelude::*;

use crate::common::{data_dir, read};

struct Texts {
    states: String,
    regions: String,
    areas: String,
    treaties: Vec<(String, String)>,
}

fn texts() -> Texts {
    let dir = data_dir();
    let mut treaties: Vec<(String, String)> = casus_core::treaty_files(&dir.join("treaties"))
        .unwrap()
        .into_iter()
        .map(|p| (p.display().to_string(), read(&p)))
        .collect();
    treaties.sort();
    Texts {
        states: read(&dir.join("states.toml")),
        regions: read(&dir.join("regions.toml")),
        areas: read(&dir.join("geo").join("areas.toml")),
        treaties,
    }
}

/// Splits a treaty file into its header and its `[[party]]` blocks, shuffles the blocks with
/// `seed`, and joins it again. Parties are the last-but-some blocks; the rest stay in order.
fn shuffle_parties(text: &str, seed: u64) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.starts_with("[[") || blocks.is_empty() {
            blocks.push(String::new());
        }
        let b = blocks.last_mut().unwrap();
        b.push_str(line);
        b.push('\n');
    }
    let (mut parties, others): (Vec<String>, Vec<String>) =
        blocks.into_iter().partition(|b| b.starts_with("[[party]]"));
    let mut s = seed;
    for i in (1..parties.len()).rev() {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        parties.swap(i, (s >> 33) as usize % (i + 1));
    }
    // Put the shuffled parties back where the first party block was.
    let mut out = String::new();
    let mut placed = false;
    for b in others {
        if !placed
            && (b.starts_with("[[article]]")
                || b.starts_with("[[scope]]")
                || b.starts_with("[[obligation]]")
                || b.starts_with("[[suspension]]"))
        {
            out.extend(parties.drain(..));
            placed = true;
        }
        out.push_str(&b);
    }
    out.extend(parties);
    out
}

const EVENTS: &[(&str, &str, &str)] = &[
    ("RUS", "EST", "2026-01-01"),
    ("RUS", "EST", "2004-03-28"),
    ("CHN", "JPN", "2025-06-01"),
    ("USA", "DNK", "2026-02-01"),
    ("DEU", "BEL", "1914-08-04"),
    ("DEU", "POL", "1939-09-01"),
    ("AZE", "ARM", "2022-09-13"),
    ("NSA:ISIL", "FRA", "2015-11-13"),
    ("ARG", "GBR", "1982-04-02"),
    ("RUS", "UKR", "2027-01-01"),
];

fn decisions(t: &Texts) -> Vec<String> {
    let checked = load_from_texts_with_areas(&t.states, &t.regions, Some(&t.areas), &t.treaties);
    assert!(checked.passed());
    let ds = checked.dataset();
    EVENTS
        .iter()
        .map(|(a, v, d)| {
            let mut b = EventBuilder::new(a, v, d.parse().unwrap());
            b.assume_in_force("ukraine-guarantee-proposal-2025", None);
            serde_json::to_string(&evaluate(ds, &b.build(ds).unwrap())).unwrap()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn file_and_party_order_do_not_change_decisions(seed in any::<u64>()) {
        let base = texts();
        let want = decisions(&base);
        let mut shuffled = texts();
        // Reverse-rotate the file list and shuffle the parties inside every file.
        let k = (seed % shuffled.treaties.len() as u64) as usize;
        shuffled.treaties.rotate_left(k);
        shuffled.treaties.reverse();
        for (_, text) in &mut shuffled.treaties {
            *text = shuffle_parties(text, seed);
        }
        prop_assert_eq!(decisions(&shuffled), want);
    }

    #[test]
    fn treaty_membership_applies_exactly_when_joined_le_date_lt_left(days in 0i64..40000, pick in 0usize..1000) {
        // The memberships as written, read through an independent path (the `toml` crate),
        // against what the engine says on a random day.
        let ds = crate::common::dataset();
        let files = ["north-atlantic-treaty", "teu-42-7", "rio-treaty", "collective-security-treaty-1992"];
        let id = files[pick % files.len()];
        let text = read(&crate::common::treaty_path(id));
        let doc: toml::Table = toml::from_str(&text).unwrap();
        let parties = doc["party"].as_array().unwrap();
        let p = &parties[pick % parties.len()];
        let code = p["state"].as_str().unwrap();
        let joined: Date = p["joined"].as_datetime().unwrap().to_string().parse().unwrap();
        let left: Option<Date> = p.get("left").map(|l| l.as_datetime().unwrap().to_string().parse().unwrap());
        let d = Date::constant(1940, 1, 1).checked_add(jiff::Span::new().days(days)).unwrap();
        let t = ds.treaty(id).unwrap();
        if let Ok(state) = ds.registry().resolve(code, d) {
            // Any other entry for the same state (a return after leaving) also counts.
            let written = parties.iter().filter(|q| ds.registry().resolve(q["state"].as_str().unwrap(), d).ok() == Some(state)).any(|q| {
                let j: Date = q["joined"].as_datetime().unwrap().to_string().parse().unwrap();
                let l: Option<Date> = q.get("left").map(|l| l.as_datetime().unwrap().to_string().parse().unwrap());
                j <= d && l.is_none_or(|l| d < l)
            });
            prop_assert_eq!(t.is_party_on(state, d), written, "{} {} on {} (joined {}, left {:?})", id, code, d, joined, left);
        }
    }

    #[test]
    fn membership_applies_exactly_when_joined_le_date_lt_left(
        joined in -20000i32..20000, len in proptest::option::of(1i32..20000), probe in -25000i32..25000,
    ) {
        let base: Date = "2000-01-01".parse().unwrap();
        let day = |n: i32| base.checked_add(jiff::Span::new().days(i64::from(n))).unwrap();
        let from = day(joined);
        let until = len.map(|l| day(joined + l));
        let d = day(probe);
        let i = Interval::new(from, until);
        prop_assert_eq!(i.contains(d), from <= d && until.is_none_or(|u| d < u));
    }

    #[test]
    fn loader_never_panics_on_mangled_treaty_files(cut in 0usize..4000, insert in "[\\[\\]=\"a-z0-9 \n.,{}#-]{0,12}", which in 0usize..40) {
        let t = texts();
        let (path, text) = t.treaties[which % t.treaties.len()].clone();
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) { cut -= 1; }
        let mangled = format!("{}{insert}{}", &text[..cut], &text[cut..]);
        let checked = load_from_texts(&t.states, &t.regions, &[(path.clone(), mangled.clone())]);
        // Whatever the damage: every diagnostic has a message and points into the mangled
        // file (a span inside it, on a character boundary); the treaty is in the dataset
        // exactly when no error was reported; the errors name the file.
        let diags = checked.diagnostics();
        for d in diags.iter() {
            prop_assert!(!d.message().is_empty());
            if let Some(l) = d.primary() {
                prop_assert_eq!(l.loc().file().path(), path.as_str());
                let span = l.loc().span();
                prop_assert!(span.start <= span.end && span.end <= mangled.len(), "{:?}", span);
                prop_assert!(mangled.is_char_boundary(span.start) && mangled.is_char_boundary(span.end));
            }
        }
        prop_assert_eq!(
            checked.dataset().treaties().len() == 1,
            !diags.has_errors(),
            "{:?}",
            diags.iter().map(|d| (d.code(), d.message())).collect::<Vec<_>>()
        );
    }
}

#[test]
fn decisions_are_byte_identical_across_runs() {
    let t = texts();
    assert_eq!(decisions(&t), decisions(&t));
}

#[test]
fn membership_follows_the_code_across_succession() {
    // DEU joined NATO in 1955 as the FRG; on 1990-10-03 unified Germany holds the code.
    let ds = crate::common::dataset();
    let nato = ds.treaty("north-atlantic-treaty").unwrap();
    let reg = ds.registry();
    let cow = |d: &str| {
        nato.parties_on(d.parse().unwrap())
            .into_iter()
            .filter_map(|s| reg.get(s))
            .filter(|s| s.iso3() == Some("DEU"))
            .map(|s| s.cow().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(cow("1955-05-05"), Vec::<u16>::new());
    assert_eq!(cow("1955-05-06"), vec![260]);
    assert_eq!(cow("1990-10-02"), vec![260]);
    assert_eq!(cow("1990-10-03"), vec![255]);
}

/// States that are parties, adversaries or beneficiaries across the data's two centuries.
const EPOCH_STATES: [&str; 24] = [
    "RUS", "EST", "POL", "DEU", "FRA", "GBR", "USA", "UKR", "AUH", "ITA", "TUR", "JPN", "CHN",
    "KOR", "PRK", "TWN", "EGY", "ISR", "SYR", "IND", "PAK", "BAV", "SAX", "HND",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn eval_is_constant_within_epochs(
        a in 0usize..EPOCH_STATES.len(), v in 0usize..EPOCH_STATES.len(),
        day in 0i64..80_000, other in any::<u64>(), assume in any::<bool>(),
    ) {
        // Two days of one span of `victim_epochs` (and so of `date_epochs`, whose spans are
        // shorter) decide alike: the decisions' JSON is the same once the event's own date,
        // which texts quote ("a party on ..."), is blanked.
        let ds = crate::common::dataset();
        let start = Date::constant(1815, 1, 1);
        let d1 = start.checked_add(jiff::Span::new().days(day)).unwrap();
        let assumed: &[&str] = if assume { &["ukraine-guarantee-proposal-2025"] } else { &[] };
        let epochs = match ds.registry().resolve(EPOCH_STATES[v], d1) {
            Ok(victim) => ds.victim_epochs(victim, assumed.iter().copied()),
            Err(_) => ds.date_epochs(),
        };
        let (from, until) = epochs.span(d1);
        let from = from.unwrap_or(start);
        let until = until.unwrap_or(Date::constant(2100, 1, 1));
        let len = until.since(from).unwrap().get_days().max(1);
        let d2 = from.checked_add(jiff::Span::new().days((other % len as u64) as i64)).unwrap();
        prop_assert_eq!(epochs.epoch(d1), epochs.epoch(d2));
        let json = |d: Date| {
            let mut b = EventBuilder::new(EPOCH_STATES[a], EPOCH_STATES[v], d);
            if assume {
                b.assume_in_force("ukraine-guarantee-proposal-2025", None);
            }
            b.build(ds).ok().map(|e| serde_json::to_string(&evaluate(ds, &e)).unwrap().replace(&d.to_string(), "<date>"))
        };
        prop_assert_eq!(json(d1), json(d2), "{} -> {} on {} and {}", EPOCH_STATES[a], EPOCH_STATES[v], d1, d2);
    }
}
