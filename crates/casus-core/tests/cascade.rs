//! Cascades and Monte Carlo over the bundled scenarios (data/scenarios).

use casus_core::cascade::{
    build_graph, cascade, check_scenario, read_scenario, simulate, simulate_worlds,
    wilson_interval, CheckedScenario, Credibility, Decide, Setting, Side, SimulationOptions,
    SimulationReport,
};
use casus_core::diag::Diagnostics;
use casus_core::input::Origin;
use casus_core::source::SourceFile;
use proptest::prelude::*;

use crate::common::{data_dir, dataset, read};

fn scenario(name: &str) -> CheckedScenario {
    let path = data_dir().join(format!("scenarios/{name}.toml"));
    scenario_text(&path.display().to_string(), &read(&path))
}

fn scenario_text(path: &str, text: &str) -> CheckedScenario {
    let mut diags = Diagnostics::default();
    let s = read_scenario(&SourceFile::new(path, text), &mut diags);
    assert!(diags.is_empty(), "{:?}", diags.iter().map(|d| d.render_plain()).collect::<Vec<_>>());
    check_scenario(dataset(), &s.unwrap(), Some(&classify)).unwrap()
}

/// A stand-in for casus-geo's classifier (the engine's tests do not depend on it): the points
/// of the bundled scenarios whose region a scope turns on, by their region code; other points
/// are unknown places.
fn classify(
    lat: f64,
    lon: f64,
    date: jiff::civil::Date,
) -> Result<Option<casus_core::model::PlaceFacts>, String> {
    const KNOWN: &[(f64, f64, &str)] = &[(50.74, 5.99, "BE")]; // Gemmenich, 4 August 1914
    Ok(KNOWN
        .iter()
        .find(|(a, b, _)| (a - lat).abs() < 1e-9 && (b - lon).abs() < 1e-9)
        .and_then(|(_, _, code)| dataset().regions().facts_on(code, date))
        .map(|mut f| {
            f.lat = Some((lat, lat));
            f.point = Some((lat, lon));
            f
        }))
}

/// Credibility overrides written as flags.
fn credibility(ds: &casus_core::Dataset, date: jiff::civil::Date, items: &[&str]) -> Credibility {
    let settings: Vec<Setting> =
        items.iter().map(|s| Setting::assignment(s, Origin::field("credibility"))).collect();
    Credibility::parse(ds, date, &settings).unwrap()
}

fn codes(v: &[casus_core::eval::StateRef]) -> Vec<&str> {
    v.iter().map(|s| &*s.code).collect()
}

#[test]
fn july_1914() {
    let ds = dataset();
    let sc = scenario("july-1914");
    let t = cascade(ds, &build_graph(ds, &sc).unwrap(), &sc);
    assert!(t.fixed_point);
    let events: Vec<_> = t.rounds.iter().flat_map(|r| &r.events).collect();
    // Germany declared war on Russia on 1 August (19:00 St Petersburg time), before any clash
    // with France: Russia enters as a principal, attacked itself (regression: with every
    // attack dated 2 August and ordered by code, Russia "joined to defend France").
    let declaration =
        events.iter().find(|e| &*e.aggressor.code == "DEU" && &*e.victim.code == "RUS").unwrap();
    assert_eq!(declaration.date, "1914-08-01".parse().unwrap());
    let rus = events
        .iter()
        .find_map(|e| e.entered.iter().find(|x| &*x.state.code == "RUS"))
        .expect("Russia at war");
    assert!(rus.basis.is_empty(), "Russia enters as a principal: {:?}", rus.basis);
    // France is bound to Russia when Germany attacks it.
    let fra = declaration
        .entered
        .iter()
        .chain(&declaration.also_bound)
        .find(|x| &*x.state.code == "FRA")
        .expect("France bound to Russia on Germany's attack");
    assert_eq!(fra.side, Side::Victim);
    assert_eq!(&*fra.basis[0].treaty, "franco-russian-alliance-1894");
    // Germany enters as an attacker.
    let deu = events
        .iter()
        .find_map(|e| {
            e.entered
                .iter()
                .find(|x| &*x.state.code == "DEU")
                .map(|x| (e.date, x.side, x.basis.is_empty()))
        })
        .unwrap();
    assert_eq!(deu, ("1914-08-01".parse().unwrap(), Side::Aggressor, true));
    // Britain's contested Belgian guarantee.
    let belgium = events.iter().find(|e| &*e.victim.code == "BEL").unwrap();
    let gbr = belgium.entered.iter().find(|x| &*x.state.code == "GBR").unwrap();
    assert_eq!(&*gbr.basis[0].treaty, "treaty-of-london-1839");
    assert_eq!(gbr.basis[0].strength.as_str(), "guarantee_contested");
    // Austria-Hungary was a guarantor too, but at war on the other side.
    assert!(belgium
        .stayed_out
        .iter()
        .any(|s| &*s.state.code == "AUH" && s.reason.contains("other side")));
    // Italy and Romania are not bound: their allies were the aggressors.
    let stayed: Vec<(&str, &str, &str)> = events
        .iter()
        .flat_map(|e| e.stayed_out.iter().map(|s| (&*s.state.code, &*s.treaty, s.reason.as_str())))
        .collect();
    assert!(
        stayed.iter().any(|(s, t, r)| *s == "ITA"
            && *t == "triple-alliance-1882"
            && r.contains("provocation")),
        "{stayed:?}"
    );
    assert!(
        stayed.iter().any(|(s, t, r)| *s == "ROU"
            && *t == "austro-romanian-alliance-1883"
            && r.contains("provocation")),
        "{stayed:?}"
    );
    assert!(
        !codes(&t.aggressor_side).contains(&"ITA") && !codes(&t.aggressor_side).contains(&"ROU")
    );
    // The Ottoman Empire was bound by its secret alliance with Germany of 2 August: Art 2
    // makes Russia's intervention (its offensive into East Prussia, 17 August), which gives
    // Germany its casus foederis towards Austria-Hungary, a casus foederis for Turkey too. It entered the war only on 29 October;
    // the cascade says who was bound, not when each honoured.
    assert_eq!(codes(&t.aggressor_side), vec!["AUH", "DEU", "TUR"]);
    let tur = events.iter().flat_map(|e| &e.entered).find(|x| &*x.state.code == "TUR").unwrap();
    assert_eq!(&*tur.basis[0].treaty, "german-ottoman-alliance-1914");
    assert_eq!(codes(&t.victim_side), vec!["BEL", "FRA", "GBR", "RUS", "SRB"]);
}

#[test]
fn estonia_2026() {
    let ds = dataset();
    let sc = scenario("estonia-2026");
    let t = cascade(ds, &build_graph(ds, &sc).unwrap(), &sc);
    assert!(t.fixed_point);
    let r0 = &t.rounds[0].events[0];
    let nato: Vec<&str> = r0
        .entered
        .iter()
        .filter(|x| x.basis.iter().any(|b| &*b.treaty == "north-atlantic-treaty"))
        .map(|x| &*x.state.code)
        .collect();
    assert_eq!(nato.len(), 31);
    assert!(r0.entered.iter().any(|x| x.basis.iter().any(|b| &*b.treaty == "teu-42-7")));
    // Round two (index 1): the states bound to Russia, with their reasons.
    let r1: Vec<_> = t.rounds[1].events.iter().flat_map(|e| &e.entered).collect();
    let basis_of = |code: &str| {
        r1.iter().find(|x| &*x.state.code == code).map(|x| x.basis.clone()).unwrap_or_default()
    };
    let blr = basis_of("BLR");
    assert!(blr.iter().any(|b| &*b.treaty == "collective-security-treaty-1992"
        && b.strength.as_str() == "assist_on_request"));
    assert!(blr.iter().any(|b| &*b.treaty == "russia-belarus-security-guarantees-2024"));
    assert!(
        blr.iter().flat_map(|b| &b.caveats).any(|c| c.contains("request")),
        "the CSTO's request condition is shown"
    );
    let prk = basis_of("PRK");
    assert!(prk.iter().any(|b| &*b.treaty == "russia-dprk-2024" && &*b.article == "4"));
    for x in &r1 {
        assert_eq!(x.side, Side::Aggressor, "{} joins Russia", x.state.code);
    }
}

/// Simulates every world of a bundled scenario with 20,000 samples.
fn simulate_scenario(name: &str, cred: &[&str], decide: Decide) -> SimulationReport {
    simulate_checked(&scenario(name), cred, decide)
}

/// Simulates every world of a checked scenario with 20,000 samples.
fn simulate_checked(sc: &CheckedScenario, cred: &[&str], decide: Decide) -> SimulationReport {
    let ds = dataset();
    let credibility = credibility(ds, sc.first_date().unwrap(), cred);
    let opts = SimulationOptions {
        samples: 20_000,
        seed: 7,
        threads: 2,
        credibility,
        decide,
        weights: None,
        progress: None,
        cancel: None,
    };
    simulate_worlds(ds, sc, &opts).unwrap()
}

/// A state's chance of entering on the victim's side in one world, with its interval.
fn victim_side(r: &casus_core::cascade::SimulationResult, code: &str) -> (f64, [f64; 2]) {
    r.states
        .iter()
        .find(|e| &*e.state.code == code)
        .map_or((0.0, [0.0, 0.0]), |e| (e.victim_side, e.victim_side_ci))
}

#[test]
fn the_guarantee_variants_are_alternative_worlds() {
    let ds = dataset();
    let proposal = ds.treaty("ukraine-guarantee-proposal-2025").unwrap();
    let report = simulate_scenario("ukraine-guarantee-2027", &[], Decide::PerVictim);
    assert!(report.hypothetical);
    // One world per variant, in the file's order, each named.
    let names: Vec<&str> = report.variants.iter().map(|w| w.pinned[0].variant.as_str()).collect();
    // The options of the version in effect when the scenario starts, not older ones.
    let start = scenario("ukraine-guarantee-2027").first_date().unwrap();
    let expected: Vec<&str> = proposal.variants_on(start).iter().map(|v| v.id()).collect();
    assert_eq!(names, expected);
    assert!(expected.len() > 1 && expected.len() < proposal.variants().len());
    for w in &report.variants {
        // In each world a guarantor enters at the default for a defence duty after 1945
        // (0.22), inside the 95% interval: the variants do not add up (1 - 0.78^3 = 0.52).
        for e in w.result.states.iter().filter(|e| !["RUS", "UKR"].contains(&&*e.state.code)) {
            assert!(
                e.ci_low <= 0.22 && 0.22 <= e.ci_high,
                "{} in {:?}: {} [{}, {}]",
                e.state.code,
                w.variant,
                e.p_enter,
                e.ci_low,
                e.ci_high
            );
        }
    }
    // The defaults and their source are part of the result.
    assert!(report.defaults.iter().any(|d| d.from_1945 == 0.22 && d.source.contains("Berkemeier")));
}

#[test]
fn credibility_can_be_set_per_variant() {
    let ds = dataset();
    let key = "USA@ukraine-guarantee-proposal-2025:paris-2026-01-us-guarantee=0.9";
    let report = simulate_scenario("ukraine-guarantee-2027", &[key], Decide::PerVictim);
    let usa = |variant: &str| {
        let w = report.variants.iter().find(|w| w.pinned[0].variant == variant).unwrap();
        victim_side(&w.result, "USA")
    };
    let (p, ci) = usa("paris-2026-01-us-guarantee");
    assert!(ci[0] <= 0.9 && 0.9 <= ci[1], "the override applies to its variant: {p}");
    // The US backstop is a political signal: no duty to fight, so the US does not enter.
    assert_eq!(usa("paris-2026-01-us-backstop").0, 0.0);
    // A variant the proposal lacks is refused with its variants listed.
    let sc = scenario("ukraine-guarantee-2027");
    let bad = [Setting::assignment(
        "ukraine-guarantee-proposal-2025:paris-2026-01-us-backstp=0.1",
        Origin::field("credibility[0]"),
    )];
    let err = Credibility::parse(ds, sc.first_date().unwrap(), &bad).unwrap_err();
    let text: Vec<String> = err.iter().map(|d| d.render_plain()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("unknown-variant") && t.contains("paris-2026-01-us-backstop")),
        "{text:?}"
    );
}

#[test]
fn a_state_bound_twice_to_a_victim_decides_once() {
    // France is bound to Estonia by NATO Art 5 and TEU 42(7): one decision, at the
    // credibility of its strongest commitment (0.22), not two chances (1 - 0.78^2 = 0.39).
    // The war stays on Estonian soil, so Estonia is the only victim.
    let sc = scenario_text(
        "estonia-only.toml",
        "id = \"estonia-only\"\ntitle = \"t\"\n[rules]\nescalation = \"stay-on-victim-soil\"\n\
         [[event]]\ndate = 2026-01-01\naggressor = \"RUS\"\nvictim = \"EST\"\nregion = \"EE\"\n",
    );
    let once = simulate_checked(&sc, &[], Decide::PerVictim);
    let (p, ci) = victim_side(&once.variants[0].result, "FRA");
    assert!(ci[0] <= 0.22 && 0.22 <= ci[1], "FRA {p} {ci:?}");
    let twice = simulate_checked(&sc, &[], Decide::PerCommitment);
    let (q, _) = victim_side(&twice.variants[0].result, "FRA");
    assert!(q > 0.35, "independent draws give France two chances: {q}");
    // With the war spreading to more victims, once per war stays at one draw.
    let war = simulate_scenario("estonia-2026", &[], Decide::PerWar);
    let (w, ci) = victim_side(&war.variants[0].result, "FRA");
    assert!(ci[0] <= 0.22 && 0.22 <= ci[1], "FRA per war {w} {ci:?}");
    // The strongest commitment's credibility decides, not the higher of the two.
    let weak_eu = simulate_checked(&sc, &["FRA@teu-42-7=1"], Decide::PerVictim);
    let (r, _) = victim_side(&weak_eu.variants[0].result, "FRA");
    let nato = casus_core::model::Strength::AsDeemsNecessary.rank();
    let eu = dataset()
        .treaty("teu-42-7")
        .and_then(|t| t.obligations().first().map(|o| o.strength().rank()))
        .unwrap();
    if nato < eu {
        assert!(r < 0.3, "NATO's Art 5 is the stronger commitment: {r}");
    } else {
        assert!(r > 0.99, "TEU 42(7) is the stronger commitment: {r}");
    }
}

#[test]
fn wilson_intervals_hold_their_estimate_and_stay_in_bounds() {
    for (hits, n) in [(0, 100), (100, 100), (22, 100), (2200, 10_000), (1, 1)] {
        let [lo, hi] = wilson_interval(hits, n);
        let p = hits as f64 / n as f64;
        assert!((0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi));
        assert!(lo <= p && p <= hi, "{hits}/{n}: [{lo}, {hi}]");
        assert!(hi > lo, "never a point: {hits}/{n}");
    }
    // 22 of 100: the Wilson interval, 0.1500 to 0.3107.
    let [lo, hi] = wilson_interval(22, 100);
    assert!((lo - 0.1500).abs() < 5e-4 && (hi - 0.3107).abs() < 5e-4, "[{lo}, {hi}]");
}

#[test]
fn a_seed_fixes_the_result_whatever_the_threads() {
    let ds = dataset();
    let sc = scenario("estonia-2026");
    let graph = build_graph(ds, &sc).unwrap();
    let run = |seed: u64, threads: usize| {
        let o = SimulationOptions {
            samples: 5_000,
            seed,
            threads,
            credibility: Credibility::default(),
            decide: Decide::default(),
            weights: None,
            progress: None,
            cancel: None,
        };
        serde_json::to_string(&simulate(ds, &graph, &o)).unwrap()
    };
    assert_eq!(run(3, 1), run(3, 2));
    assert_eq!(run(3, 2), run(3, 7));
    assert_ne!(run(3, 2), run(4, 2));
}

#[test]
fn credibility_errors_are_clear_and_all_reported() {
    let ds = dataset();
    let d = "2026-01-01".parse().unwrap();
    let parse = |items: &[&str]| {
        let settings: Vec<Setting> = items
            .iter()
            .enumerate()
            .map(|(i, s)| Setting::assignment(s, Origin::field(format!("credibility[{i}]"))))
            .collect();
        Credibility::parse(ds, d, &settings)
    };
    let e = parse(&["north-atlantic-treat=0.5"]).unwrap_err();
    let first = e.iter().next().unwrap();
    assert_eq!(first.help_text(), Some("did you mean `north-atlantic-treaty`?"));
    // Every problem at once: out of range, not a number, no value, and a key given twice with
    // two values.
    let e = parse(&["USA=1.5", "FRA=x", "GBR", "DEU=0.5", "DEU=0.9", "POL=0.4", "POL=0.4"])
        .unwrap_err();
    let codes: Vec<&str> = e.iter().map(|d| d.code().name()).collect();
    assert_eq!(
        codes,
        ["out-of-range", "out-of-range", "out-of-range", "conflicting-values"],
        "{:?}",
        e.iter().map(|d| d.render_plain()).collect::<Vec<_>>()
    );
    assert!(parse(&["USA=NaN"]).is_err() && parse(&["USA=inf"]).is_err());
}

fn shuffled(text: &str, seed: u64) -> String {
    let (head, rest) = text.split_at(text.find("[[event]]").unwrap());
    let mut events: Vec<String> = rest
        .split("[[event]]")
        .filter(|s| !s.trim().is_empty())
        .map(|s| format!("[[event]]{s}"))
        .collect();
    let mut s = seed;
    for i in (1..events.len()).rev() {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        events.swap(i, (s >> 33) as usize % (i + 1));
    }
    format!("{head}{}", events.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn cascades_are_monotone_reach_a_fixed_point_and_ignore_event_order(seed in any::<u64>()) {
        let ds = dataset();
        let path = data_dir().join("scenarios/july-1914.toml");
        let text = read(&path);
        let base = scenario_text("july-1914.toml", &text);
        let want = cascade(ds, &build_graph(ds, &base).unwrap(), &base);
        prop_assert!(want.fixed_point);
        // Monotone: a state enters once and never changes side.
        let mut seen = std::collections::BTreeMap::new();
        for e in want.rounds.iter().flat_map(|r| &r.events) {
            for x in &e.entered {
                prop_assert!(seen.insert(x.state.code.clone(), x.side).is_none(), "{} entered twice", x.state.code);
            }
        }
        let other = scenario_text("july-1914.toml", &shuffled(&text, seed));
        let got = cascade(ds, &build_graph(ds, &other).unwrap(), &other);
        prop_assert_eq!(serde_json::to_string(&got).unwrap(), serde_json::to_string(&want).unwrap());
    }
}

#[test]
fn weights_give_the_balance_between_sides() {
    let ds = dataset();
    let sc = scenario("estonia-2026");
    let graph = build_graph(ds, &sc).unwrap();
    let d = sc.first_date().unwrap();
    let reg = ds.registry();
    // Russia alone weighs as much as everyone else together: with every ally honouring, the
    // victim's share is exactly one half; with no one honouring, Estonia's 1 against 10.
    let mut weights = std::collections::BTreeMap::new();
    weights.insert(reg.resolve("RUS", d).unwrap(), 10.0);
    weights.insert(reg.resolve("EST", d).unwrap(), 1.0);
    let all = ["north-atlantic-treaty=1", "teu-42-7=1"];
    let none = ["north-atlantic-treaty=0", "teu-42-7=0"];
    let run = |cred: &[&str]| {
        let credibility = credibility(ds, d, cred);
        simulate(
            ds,
            &graph,
            &SimulationOptions {
                samples: 2_000,
                seed: 1,
                threads: 2,
                credibility,
                decide: Decide::default(),
                weights: Some(weights.clone()),
                progress: None,
                cancel: None,
            },
        )
    };
    let lonely = run(&none).balance.unwrap();
    assert!((lonely.mean_victim_share - 1.0 / 11.0).abs() < 1e-9, "{}", lonely.mean_victim_share);
    assert_eq!(lonely.histogram.iter().map(|b| b.samples).sum::<u64>(), 2_000);
    assert_eq!(lonely.histogram[0].samples, 2_000);
    let r = run(&all);
    assert_eq!(r.victim_coalition.iter().map(|c| c.samples).sum::<u64>(), 2_000);
    assert!(r.states.iter().any(|e| &*e.state.code == "USA" && e.victim_side == 1.0));
}

#[test]
fn events_of_one_day_run_in_time_order_then_in_the_order_given() {
    // Two attacks on one day: without times, by code (DEU strikes FRA before RUS); with
    // times, in time order; `order` sorts those without a time, after the timed ones.
    let text = |times: [&str; 2]| {
        format!(
            "id = \"t\"\ntitle = \"t\"\n[rules]\nescalation = \"stay-on-victim-soil\"\n\
             [[event]]\ndate = 1914-08-02\naggressor = \"DEU\"\nvictim = \"FRA\"\n{}\n\
             [[event]]\ndate = 1914-08-02\naggressor = \"DEU\"\nvictim = \"RUS\"\n{}\n",
            times[0], times[1]
        )
    };
    let victims = |t: &str| -> Vec<String> {
        let sc = scenario_text("t.toml", t);
        let reg = dataset().registry();
        sc.events.iter().map(|e| reg.code(e.event.victim()).to_owned()).collect()
    };
    assert_eq!(victims(&text(["", ""])), ["FRA", "RUS"]);
    assert_eq!(victims(&text(["time = \"10:00\"", "time = \"06:30\""])), ["RUS", "FRA"]);
    assert_eq!(victims(&text(["order = 2", "order = 1"])), ["RUS", "FRA"]);
    assert_eq!(victims(&text(["order = 1", "time = \"23:59\""])), ["RUS", "FRA"]);
    // A time that is not HH:MM is an error at its place.
    let mut diags = Diagnostics::default();
    let bad = text(["time = \"25:00\"", ""]);
    let _ = read_scenario(&SourceFile::new("t.toml", bad), &mut diags);
    let shown: Vec<String> = diags.iter().map(|d| d.render_plain()).collect();
    assert!(
        shown.iter().any(|d| d.contains("t.toml:9:8") && d.contains("not a time of day")),
        "{shown:?}"
    );
}
