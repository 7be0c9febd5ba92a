//! ATOP directed dyad-years generated from ATOP 5.1's member-level file
//! (reference/atop/atop5_1m.csv) against ATOP's own directed dyad-year file as
//! peacesciencer ships it (reference/peacesciencer/atop_alliance.csv).
//!
//! The generator's rule (`casus_export` `atop` module docs: day-precise shared membership
//! within a phase, the obligations of state A's row, the phase in effect on the last shared
//! day of the year) gives the same 273,296 keys, Annam (8152) left out, and the same flags
//! except where ATOP hand-corrects members whose obligations vary by partner (`OBVARY = 1`,
//! codebook §2.7). The member file does not say toward whom those obligations run, so the
//! test holds that as data: [`OWED_ONLY_TO`], one entry per alliance, kind and group of
//! obligors, with the treaty reason. A differing flag is accounted for when every alliance
//! behind it has an entry saying the leg is not owed; the test lists every row it cannot
//! account for, and every entry must account for at least one.

use std::collections::BTreeMap;

use casus_export::{Collapse, Dyads, Kind, Obligations, System, Unit};

use crate::common::{dataset, keyed_csv, read_text, reference, Collect, Row};

/// ATOP's directed legs for OBVARY members: in `atopid`, for `kind`, the states `by` owe it
/// only to the states `to` (a leg to any other member is not owed).
struct OwedOnlyTo {
    atopid: u32,
    kind: Kind,
    by: &'static [u16],
    to: &'static [u16],
    why: &'static str,
}

const OWED_ONLY_TO: &[OwedOnlyTo] = &[
    OwedOnlyTo {
        atopid: 1100,
        kind: Kind::Defense,
        by: &[200, 230, 235],
        to: &[230, 235],
        why: "Quadruple Alliance of 1834: aid is for the Spanish and Portuguese crowns \
              against the pretenders, so defence is owed to Spain and Portugal, not to \
              Britain or France",
    },
    OwedOnlyTo {
        atopid: 1110,
        kind: Kind::Defense,
        by: &[200, 255, 300, 365],
        to: &[640],
        why: "Convention of London 1840: the four powers defend the Ottoman Empire against \
              Mehmet Ali; they owe each other nothing under it",
    },
    OwedOnlyTo {
        atopid: 1110,
        kind: Kind::Offense,
        by: &[200, 300, 640],
        to: &[200, 300, 640],
        why: "Convention of London 1840: Britain, Austria and the Porte act together; \
              Prussia and Russia take no offensive part",
    },
    OwedOnlyTo {
        atopid: 1120,
        kind: Kind::Defense,
        by: &[200, 220, 230],
        to: &[235],
        why: "1847 intervention in Portugal: Britain, France and Spain defend Portugal's \
              crown, the one member owing no defence",
    },
    OwedOnlyTo {
        atopid: 1160,
        kind: Kind::Defense,
        by: &[200, 220, 325],
        to: &[640],
        why: "Crimean War alliance (1854, Sardinia from 1855): the allies defend the \
              Ottoman Empire, the one member owing no defence",
    },
    OwedOnlyTo {
        atopid: 1205,
        kind: Kind::Defense,
        by: &[140, 160],
        to: &[165],
        why: "Brazil and Argentina guarantee Uruguay, the one member owing no defence",
    },
    OwedOnlyTo {
        atopid: 1227,
        kind: Kind::Neutral,
        by: &[240, 245, 269, 271, 275],
        to: &[300],
        why: "the German states' neutrality is owed to Austria, the one member owing none",
    },
    OwedOnlyTo {
        atopid: 1350,
        kind: Kind::Offense,
        by: &[255],
        to: &[325],
        why: "Triple Alliance from its 1887 renewal: Germany's offensive commitment (the \
              separate German-Italian treaty) is owed to Italy, not Austria-Hungary",
    },
    OwedOnlyTo {
        atopid: 1355,
        kind: Kind::Defense,
        by: &[360],
        to: &[255, 300],
        why: "Austro-Romanian alliance of 1883 (Germany 1883, Italy 1888): Romania's \
              defence is owed to Austria-Hungary and Germany, not to Italy",
    },
    OwedOnlyTo {
        atopid: 2130,
        kind: Kind::Defense,
        by: &[200, 325],
        to: &[211, 220, 255],
        why: "Locarno 1925: Britain and Italy guarantee the Belgian-German and \
              Franco-German frontiers; they owe each other nothing",
    },
    OwedOnlyTo {
        atopid: 2130,
        kind: Kind::Defense,
        by: &[211],
        to: &[220, 255],
        why: "Locarno 1925: Belgium assists the victim of a violation of the frontiers, \
              France or Germany, not the guarantors",
    },
    OwedOnlyTo {
        atopid: 2130,
        kind: Kind::Defense,
        by: &[220],
        to: &[211, 255],
        why: "Locarno 1925: France assists the victim of a violation of the frontiers, \
              Belgium or Germany, not the guarantors",
    },
    OwedOnlyTo {
        atopid: 2130,
        kind: Kind::Defense,
        by: &[255],
        to: &[],
        why: "Locarno 1925: any violation is by or against Germany, so Germany is never \
              the one called to assist",
    },
    OwedOnlyTo {
        atopid: 2130,
        kind: Kind::Nonagg,
        by: &[211, 220, 255],
        to: &[211, 220, 255],
        why: "Locarno 1925: non-aggression binds the frontier states, not the guarantors",
    },
    OwedOnlyTo {
        atopid: 3322,
        kind: Kind::Neutral,
        by: &[200],
        to: &[666],
        why: "Sevres 1956: Britain's neutrality is owed to Israel, not to France",
    },
];

/// Is the leg `a -> b` of `kind` under `atopid` one ATOP does not code?
fn not_owed(atopid: u32, kind: Kind, a: u16, b: u16, used: &mut [usize]) -> bool {
    let mut hit = false;
    for (e, n) in OWED_ONLY_TO.iter().zip(used.iter_mut()) {
        if e.atopid == atopid && e.kind == kind && e.by.contains(&a) && !e.to.contains(&b) {
            *n += 1;
            hit = true;
        }
    }
    hit
}

/// ATOP's flags by key.
fn atop_flags() -> BTreeMap<(u16, u16, i16), u8> {
    let text = read_text(&reference("peacesciencer/atop_alliance.csv"));
    let (header, rows) = keyed_csv(&text);
    let kinds: Vec<String> = Kind::ALL.iter().map(|k| format!("atop_{}", k.as_str())).collect();
    assert_eq!(header[3..], kinds[..]);
    rows.into_iter()
        .map(|(k, f)| {
            let bits = Kind::ALL
                .iter()
                .zip(&f)
                .filter(|(_, v)| *v == "1")
                .fold(0u8, |acc, (k, _)| acc | k.bit());
            (k, bits)
        })
        .collect()
}

fn obligations(system: System) -> Obligations {
    Obligations::from_atop_file(&reference("atop/atop5_1m.csv"), dataset().registry(), system)
        .unwrap()
}

/// The flags of a row once [`OWED_ONLY_TO`] is applied to the alliances behind them.
fn corrected(r: &Row, used: &mut [usize]) -> u8 {
    let mut bits = 0;
    for (i, k) in Kind::ALL.into_iter().enumerate() {
        let kept = r.ids[i]
            .split(';')
            .filter(|s| !s.is_empty())
            .filter(|id| !not_owed(id.parse().unwrap(), k, r.code1, r.code2, used))
            .count();
        if kept > 0 {
            bits |= k.bit();
        }
    }
    bits
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn atop_directed_dyad_years_match_atop() {
    let ob = obligations(System::Cow);
    assert_eq!(ob.provenance().dropped_codes, [8152], "Annam is left out");
    assert_eq!(ob.provenance().records, 2510);
    let mut sink = Collect::default();
    Dyads::new(dataset().registry(), System::Cow, Unit::DirectedDyadYear)
        .years(1815, 2018)
        .obligations(&ob)
        .allied_only(true)
        .write(&mut sink, &mut |_, _| {})
        .unwrap();
    let atop = atop_flags();
    assert_eq!(atop.len(), 273_296);

    // The keys.
    let ours: BTreeMap<(u16, u16, i16), &Row> =
        sink.rows.iter().map(|r| ((r.code1, r.code2, r.year()), r)).collect();
    assert_eq!(ours.len(), sink.rows.len(), "duplicate keys");
    let only_ours: Vec<_> = ours.keys().filter(|k| !atop.contains_key(k)).take(20).collect();
    let only_atop: Vec<_> = atop.keys().filter(|k| !ours.contains_key(k)).take(20).collect();
    assert!(
        only_ours.is_empty() && only_atop.is_empty(),
        "keys differ: only ours {only_ours:?}, only ATOP's {only_atop:?}"
    );

    // The flags: raw differences, then what the OBVARY table accounts for.
    let mut used = vec![0usize; OWED_ONLY_TO.len()];
    let mut raw = [0usize; 5];
    let mut unexplained = Vec::new();
    for (key, r) in &ours {
        let theirs = atop[key];
        let mine = r.flags.expect("inside ATOP's coverage");
        for (i, k) in Kind::ALL.into_iter().enumerate() {
            if (mine ^ theirs) & k.bit() != 0 {
                raw[i] += 1;
                assert!(mine & k.bit() != 0, "{key:?} {}: ATOP has 1, we have 0", k.as_str());
                assert!(r.obvary, "{key:?} {}: differs without an OBVARY membership", k.as_str());
            }
        }
        let fixed = corrected(r, &mut used);
        if fixed != theirs {
            unexplained.push(format!(
                "{key:?}: ours {mine:05b}, with the table {fixed:05b}, ATOP {theirs:05b}, ids {:?}",
                r.ids
            ));
        }
    }
    println!(
        "ATOP 5.1: {} keys; flags differing before the OBVARY table: defense {}, offense {}, \
         neutral {}, nonagg {}, consul {}; unexplained after it: {}",
        ours.len(),
        raw[0],
        raw[1],
        raw[2],
        raw[3],
        raw[4],
        unexplained.len()
    );
    for (e, n) in OWED_ONLY_TO.iter().zip(&used) {
        println!(
            "  {} {:<7} by {:?} only to {:?}: {n} leg-year(s); {}",
            e.atopid,
            e.kind.as_str(),
            e.by,
            e.to,
            e.why
        );
    }
    assert_eq!(raw, [213, 33, 101, 74, 0]);
    assert!(unexplained.is_empty(), "rows no rule accounts for:\n{}", unexplained.join("\n"));
    let unused: Vec<String> = OWED_ONLY_TO
        .iter()
        .zip(&used)
        .filter(|(_, n)| **n == 0)
        .map(|(e, _)| format!("{} {}", e.atopid, e.kind.as_str()))
        .collect();
    assert!(unused.is_empty(), "table entries that account for nothing: {unused:?}");
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn any_day_rule_only_adds_flags() {
    // `any` counts a phase that ended during the year too: it never removes a flag `last` sets.
    let ob = obligations(System::Cow);
    let run = |c: Collapse| {
        let mut sink = Collect::default();
        Dyads::new(dataset().registry(), System::Cow, Unit::DirectedDyadYear)
            .years(1850, 1900)
            .obligations(&ob)
            .collapse(c)
            .allied_only(true)
            .write(&mut sink, &mut |_, _| {})
            .unwrap();
        sink.rows
    };
    let (last, any) = (run(Collapse::Last), run(Collapse::Any));
    assert_eq!(last.len(), any.len());
    let more = last.iter().zip(&any).filter(|(l, a)| l.flags != a.flags).count();
    for (l, a) in last.iter().zip(&any) {
        assert_eq!(l.flags.unwrap() & !a.flags.unwrap(), 0, "{l:?} vs {a:?}");
    }
    // ATOP 1362 (1888) and 1155 (1857) change phase in these years.
    assert!(more > 0);
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn cow_frame_with_atop_joined_is_peacesciencers_left_join() {
    // The benchmark's job: every COW directed dyad-year with ATOP's flags, 0 where the pair
    // had no alliance, null after 2018.
    let ob = obligations(System::Cow);
    let mut sink = Collect::default();
    Dyads::new(dataset().registry(), System::Cow, Unit::DirectedDyadYear)
        .years(1816, 2024)
        .obligations(&ob)
        .write(&mut sink, &mut |_, _| {})
        .unwrap();
    assert_eq!(sink.rows.len(), 2_214_930);
    let atop = atop_flags();
    let mut used = vec![0usize; OWED_ONLY_TO.len()];
    let mut in_atop = 0;
    let mut bad = Vec::new();
    for r in &sink.rows {
        let key = (r.code1, r.code2, r.year());
        if key.2 > 2018 {
            assert_eq!(r.flags, None, "{key:?} is after ATOP's coverage");
            continue;
        }
        let want = atop.get(&key).copied().unwrap_or(0);
        in_atop += usize::from(atop.contains_key(&key));
        if corrected(r, &mut used) != want && bad.len() < 20 {
            bad.push(format!("{key:?}: {r:?}, ATOP {want:05b}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // reference/README.md: 5,894 of ATOP's rows are not COW dyad-years.
    assert_eq!(in_atop, 273_296 - 5_894);
}

#[test]
#[cfg_attr(
    not(casus_reference),
    ignore = "reference data not found: set CASUS_REFERENCE (README: Reference tests)"
)]
fn gw_frame_translates_atop_codes() {
    // Germany: COW 255/260, G-W 260 throughout. In the G-W frame the FRG's NATO legs and
    // united Germany's both appear under 260.
    let ob = obligations(System::Gw);
    let mut sink = Collect::default();
    Dyads::new(dataset().registry(), System::Gw, Unit::DirectedDyadYear)
        .years(1989, 1992)
        .obligations(&ob)
        .write(&mut sink, &mut |_, _| {})
        .unwrap();
    let usa_deu: Vec<&Row> = sink.rows.iter().filter(|r| r.code1 == 2 && r.code2 == 260).collect();
    assert_eq!(usa_deu.len(), 4);
    assert!(usa_deu.iter().all(|r| r.has(Kind::Defense) && r.ids[0].contains("3180")));
}
