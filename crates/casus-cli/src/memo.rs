//! Text renderings that read like a short legal memo.

use std::fmt::Write;

use casus_core::casebook::{CaseResult, Summary};
use casus_core::eval::{Decision, Finding, ObligationFinding};
use casus_core::model::{Dataset, ReasonCode, Treaty};
use jiff::civil::Date;

/// Writes `text` wrapped at 96 columns: the first line after `indent`, the rest aligned
/// under it (a quote marker `> ` is repeated, a bullet is not).
pub(crate) fn wrap(out: &mut String, indent: &str, text: &str) {
    let rest = if indent.trim_start().starts_with('>') {
        indent.to_owned()
    } else {
        " ".repeat(indent.chars().count())
    };
    let mut line = String::new();
    let mut first = true;
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + word.len() + 1 > 96 - indent.len() {
            let _ = writeln!(out, "{}{line}", if first { indent } else { &rest });
            first = false;
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{}{line}", if first { indent } else { &rest });
    }
}

fn contested(out: &mut String, f: &Finding) {
    for r in &f.contested {
        let side = if r.covered { "covered" } else { "not covered" };
        wrap(out, "  ~ contested: ", &format!("{side} on one reading: {} [{}]", r.text, r.source));
    }
}

fn heading(f: &Finding) -> String {
    let mut h = format!("{} ({})", f.title, f.treaty);
    if let Some(v) = &f.variant {
        let _ = write!(h, ", variant `{}`: {}", v.id, v.form);
    }
    if f.hypothetical {
        h.push_str(" [HYPOTHETICAL]");
    }
    h
}

fn obligation(out: &mut String, o: &ObligationFinding, with_quote: bool) {
    let states: Vec<&str> = o.obligated.iter().map(|s| s.code.as_ref()).collect();
    let _ = writeln!(
        out,
        "  {} ({}, {}): {}",
        o.article_title(),
        o.kind,
        o.strength,
        if states.is_empty() { "-".to_owned() } else { states.join(", ") }
    );
    if with_quote && !o.operative_text().is_empty() {
        wrap(out, "    > ", &format!("\"{}\" [{}]", o.operative_text(), o.text_quality()));
    }
    for r in &o.reasons {
        wrap(out, "    - ", &r.text.to_string());
    }
    for c in &o.caveats {
        wrap(out, "    ! ", &c.to_string());
    }
}

/// The memo for a decision.
pub(crate) fn decision(d: &Decision) -> String {
    let mut out = String::new();
    let e = d.event();
    let place = match (&e.place_label, &e.place) {
        (Some(l), _) => l.to_string(),
        (None, casus_core::eval::PlaceInput::Region { code }) => code.clone(),
        (None, casus_core::eval::PlaceInput::Point { lat, lon }) => format!("{lat}, {lon}"),
        (None, casus_core::eval::PlaceInput::Unspecified) => {
            "the victim's metropolitan territory (assumed)".to_owned()
        }
    };
    let _ = writeln!(
        out,
        "Armed attack by {} ({}) on {} ({}), {} on {}, at {place}",
        e.aggressor.name, e.aggressor.code, e.victim.name, e.victim.code, e.target, e.date
    );
    if d.is_hypothetical() {
        let _ = writeln!(out, "HYPOTHETICAL: assumes in force {}", e.assume_in_force.join(", "));
    }
    for n in d.notes() {
        wrap(&mut out, "note: ", n);
    }
    let _ = writeln!(out, "\nTRIGGERED ({})", d.triggered().len());
    for f in d.triggered() {
        let _ = writeln!(out, "\n{}", heading(f));
        for r in &f.reasons {
            wrap(&mut out, "  - ", &r.text.to_string());
        }
        contested(&mut out, f);
        for o in &f.obligations {
            obligation(&mut out, o, true);
        }
    }
    if !d.indeterminate().is_empty() {
        let _ = writeln!(out, "\nUNDECIDED FOR LACK OF FACTS ({})", d.indeterminate().len());
        for f in d.indeterminate() {
            let _ = writeln!(out, "\n{}", heading(f));
            for o in &f.obligations {
                obligation(&mut out, o, true);
            }
        }
    }
    if !d.other_duties().is_empty() {
        let _ = writeln!(out, "\nOTHER DUTIES ({})", d.other_duties().len());
        for duty in d.other_duties() {
            let v = duty.variant.as_ref().map_or_else(String::new, |v| format!(", variant `{v}`"));
            let h = if duty.hypothetical { " [HYPOTHETICAL]" } else { "" };
            let _ = writeln!(out, "\n{}{v}{h}", duty.treaty);
            obligation(&mut out, &duty.finding, false);
        }
    }
    if !d.breaches().is_empty() {
        let _ = writeln!(out, "\nUNDERTAKINGS BROKEN BY THE AGGRESSOR ({})", d.breaches().len());
        for b in d.breaches() {
            let _ = writeln!(
                out,
                "  {} {}: {}",
                b.treaty,
                b.finding.article_title(),
                b.finding.reasons.iter().map(|r| r.text.to_string()).collect::<Vec<_>>().join("; ")
            );
        }
    }
    let _ = writeln!(out, "\nNOT TRIGGERED ({})", d.not_triggered().len());
    for f in d.not_triggered() {
        let mut why: Vec<String> = f
            .reasons
            .iter()
            .filter(|r| !matches!(r.code, ReasonCode::InForce | ReasonCode::AssumedInForce))
            .map(|r| r.text.to_string())
            .collect();
        for o in &f.obligations {
            why.extend(
                o.reasons
                    .iter()
                    .filter(|r| r.is_failure())
                    .map(|r| format!("{}: {}", o.article_title(), r.text)),
            );
        }
        wrap(&mut out, "  ", &format!("{}: {}", heading(f), why.join("; ")));
        contested(&mut out, f);
    }
    if !d.unconcerned().is_empty() {
        // Hundreds of instruments: the count here, the list in the JSON (`unconcerned`).
        let _ = writeln!(
            out,
            "\nNOT CONCERNED: {} instruments the victim is neither party to nor owed by\n  \
             (--format json lists them)",
            d.unconcerned().iter().count()
        );
    }
    out
}

/// The text view of a treaty.
pub(crate) fn treaty(ds: &Dataset, t: &Treaty, date: Date) -> String {
    let mut out = String::new();
    let reg = ds.registry();
    let _ = writeln!(out, "{} ({})", t.title(), t.id());
    let _ = writeln!(
        out,
        "kind: {}{}",
        t.kind(),
        t.atopid().map_or_else(String::new, |a| format!("; ATOP {a}"))
    );
    if let Some(s) = t.summary() {
        wrap(&mut out, "", s);
    }
    let _ = writeln!(out, "\nstatus:");
    for s in t.statuses() {
        let u = s.sourcing().uncertain().map_or_else(String::new, |u| format!(" (uncertain: {u})"));
        let _ = writeln!(out, "  {} {}{u}", s.date(), s.status());
    }
    let parties = t.parties_on(date);
    let codes: Vec<&str> = parties.iter().map(|p| reg.code(*p)).collect();
    let _ = writeln!(out, "\nparties on {date} ({}): {}", parties.len(), codes.join(", "));
    let _ = writeln!(out, "\nmemberships:");
    for m in t.parties() {
        let _ = writeln!(out, "  {:<4} {}", m.code(), m.interval());
    }
    let _ = writeln!(out, "\narticles:");
    for a in t.articles() {
        let _ = writeln!(out, "  {} [{}]", a.title(), a.quality());
        wrap(&mut out, "    ", a.text());
    }
    let _ = writeln!(out, "\nobligations:");
    for o in t.obligations() {
        let art = t.article_of(o).map_or_else(String::new, |a| a.title());
        let _ = writeln!(out, "  {} ({art}): {}, {}", o.id(), o.kind(), o.strength());
    }
    let _ = writeln!(out, "\nscopes:");
    if t.scopes().is_empty() {
        let _ = writeln!(out, "  none: no geographic limit");
    }
    for sc in t.scopes() {
        let when = sc.interval().map_or_else(String::new, |i| format!(" ({i})"));
        let art = sc.article().map_or_else(String::new, |a| format!(", Art {a}"));
        let _ = writeln!(out, "  {}{art}{when}", sc.id());
        for c in sc.clauses() {
            wrap(&mut out, "    - ", c.label().unwrap_or("clause"));
        }
        if let Some(r) = sc.reading() {
            wrap(&mut out, "    reading: ", r);
        }
    }
    let areas: Vec<_> = ds.regions().areas().of_treaty(t.id().as_str()).collect();
    if !areas.is_empty() {
        let _ = writeln!(out, "\nareas:");
        for a in areas {
            let _ = writeln!(out, "  {} ({}; {:?}, {:?} edges)", a.name, a.id, a.quality, a.edges);
        }
    }
    if !t.variants().is_empty() {
        let _ = writeln!(out, "\nvariants:");
        for v in t.variants() {
            let _ = writeln!(out, "  {}: {}", v.id(), v.form());
        }
    }
    let _ = writeln!(out, "\nsources:");
    for s in t.sources() {
        let _ = writeln!(
            out,
            "  [{}] {}{}",
            s.id,
            s.citation,
            s.url.as_ref().map_or_else(String::new, |u| format!(" <{u}>"))
        );
    }
    out
}

/// The casebook report.
pub(crate) fn cases(results: &[CaseResult], summary: &Summary) -> String {
    let mut out = String::new();
    for r in results {
        let conf = format!("{:?}", r.confidence).to_lowercase();
        let _ = writeln!(out, "{} {} ({conf})", if r.passed { "PASS" } else { "FAIL" }, r.id);
        for f in &r.failures {
            wrap(&mut out, "    - ", f);
        }
        if conf == "contested" {
            for reading in &r.readings {
                wrap(&mut out, "    ~ ", reading);
            }
        }
    }
    let _ = writeln!(out, "\nsummary:");
    for (name, t) in [
        ("settled", &summary.settled),
        ("mainstream", &summary.mainstream),
        ("contested", &summary.contested),
    ] {
        let _ = writeln!(out, "  {name:<10} {} passed, {} failed", t.passed, t.failed);
    }
    out
}

/// Which statements to list: by speaker (a part of the name, any case) and by date.
#[derive(Debug, Default)]
pub(crate) struct StatementFilter {
    pub(crate) speaker: Option<String>,
    pub(crate) from: Option<jiff::civil::Date>,
    pub(crate) until: Option<jiff::civil::Date>,
}

impl StatementFilter {
    pub(crate) fn keeps(&self, s: &casus_core::model::Statement) -> bool {
        let who = self
            .speaker
            .as_ref()
            .is_none_or(|w| s.speaker.to_lowercase().contains(&w.to_lowercase()));
        who && self.from.is_none_or(|d| s.date >= d) && self.until.is_none_or(|d| s.date <= d)
    }
}

/// The statements about an instrument (those chosen).
pub(crate) fn statements(t: &Treaty, chosen: &[&casus_core::model::Statement]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}): {} of {} statement(s)",
        t.title(),
        t.id(),
        chosen.len(),
        t.statements().len()
    );
    for s in chosen {
        let who = match (&s.role, &s.state) {
            (Some(r), Some(st)) => format!("{}, {r} ({st})", s.speaker),
            (Some(r), None) => format!("{}, {r}", s.speaker),
            (None, Some(st)) => format!("{} ({st})", s.speaker),
            (None, None) => s.speaker.clone(),
        };
        let _ = writeln!(out, "\n{} {who}: {}", s.date, s.stance);
        wrap(&mut out, "  > ", &format!("\"{}\" [{}]", s.text, s.quality));
        if let Some(a) = &s.about {
            let _ = writeln!(out, "  about: {a}");
        }
        for src in &s.sources {
            wrap(
                &mut out,
                "  source: ",
                &format!(
                    "{}{}",
                    src.citation,
                    src.url.as_ref().map_or_else(String::new, |u| format!(" <{u}>"))
                ),
            );
        }
        if let Some(n) = &s.note {
            wrap(&mut out, "  note: ", n);
        }
        if let Some(u) = &s.uncertain {
            wrap(&mut out, "  uncertain: ", u);
        }
    }
    out
}
