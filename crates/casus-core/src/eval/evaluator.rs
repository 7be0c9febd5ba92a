//! The evaluator: for each treaty (in id order), does the event trigger it, who is bound,
//! and why; or why not; or what is missing to decide.

use jiff::civil::Date;
use std::sync::Arc;

use super::decision::{
    Cited, Decision, Duty, EventSummary, Finding, ObligationFinding, Reason, StateRef, TreatyIds,
    VariantRef,
};
use super::event::{Aggressor, Event};
use super::scope::{decide, Verdict};
use super::text::Text;
use crate::model::{
    bits, complement, set_bit, AttackerSelector, Beneficiaries, Condition, Dataset, IfUnknown,
    Obligation, ObligationKind, Obligors, ReasonCode, StateId, StatusKind, Strength, Treaty,
    Variant,
};

/// An obligation with a variant's overrides applied (also what `compare` profiles).
pub(crate) struct Effective<'a> {
    pub(crate) o: &'a Obligation,
    /// The obligation's words, with the variant's own article if it has one.
    pub(crate) labels: &'a Arc<crate::model::ObligationLabels>,
    pub(crate) strength: Strength,
    pub(crate) owed_by: &'a Obligors,
    pub(crate) extra_conditions: &'a [Condition],
    pub(crate) note: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Arises,
    Fails,
    Undecided,
}

fn state_ref(ds: &Dataset, id: StateId, date: Date) -> StateRef {
    StateRef::of(ds, id, date)
}

fn aggressor_ref(ds: &Dataset, a: &Aggressor, date: Date) -> StateRef {
    match a {
        Aggressor::State(id) => state_ref(ds, *id, date),
        Aggressor::NonState(name) => StateRef {
            code: format!("NSA:{name}").into(),
            name: name.clone().into(),
            cow: None,
            id: None,
        },
    }
}

/// One obligation on one event. The tests run in order, each adding its reason; the first
/// that fails ends it (testing the rest would cost time on every treaty that does not concern
/// the event, and the first failure is the reason given).
fn eval_obligation(
    ds: &Dataset,
    t: &Treaty,
    ev: &Event,
    aggressor: &Aggressor,
    e: &Effective<'_>,
) -> (Outcome, ObligationFinding) {
    let o = e.o;
    let mut f = ObligationFinding {
        labels: Arc::clone(e.labels),
        kind: o.kind,
        strength: e.strength,
        obligated: Vec::new(),
        // Room for the usual reasons (victim, attacker, place, a condition or two, ...).
        reasons: Vec::with_capacity(6),
        missing: Vec::new(),
        caveats: Vec::new(),
    };
    let tests = in_effect(o, ev, &mut f)
        .and_then(|()| victim_covered(ds, t, o, ev, &mut f))
        .and_then(|()| attacker_covered(ds, o, aggressor, &mut f))
        .and_then(|()| target_covered(o, ev, &mut f))
        .and_then(|()| armed_attack(o, ev, &mut f))
        .and_then(|()| place_in_scope(ds, t, o, ev, &mut f))
        .and_then(|()| conditions(o, e.extra_conditions, ev, &mut f));
    if tests.is_err() {
        return (Outcome::Fails, f);
    }
    let obligated = bound(ds, t, e, ev, aggressor, &mut f);
    if obligated.is_empty() {
        f.reasons.push(Reason::new(
            ReasonCode::NoObligor,
            "no state owes this obligation on these facts",
        ));
        return (Outcome::Fails, f);
    }
    caveats(ds, o, e, ev.date, &obligated, &mut f);
    f.obligated = obligated;
    let outcome = if f.missing.is_empty() { Outcome::Arises } else { Outcome::Undecided };
    (outcome, f)
}

/// A test that failed; its reason is in the finding.
struct Fails;

/// The obligation applies on the date (a clause may start or end with a later text).
fn in_effect(o: &Obligation, ev: &Event, f: &mut ObligationFinding) -> Result<(), Fails> {
    match o.interval {
        Some(i) if !i.contains(ev.date) => {
            let art =
                if f.article().is_empty() { String::new() } else { format!("Art {}", f.article()) };
            f.reasons.push(Reason::new(ReasonCode::NotInEffect, format!("{art} applies only {i}")));
            Err(Fails)
        }
        _ => Ok(()),
    }
}

/// The victim is owed the obligation.
fn victim_covered(
    ds: &Dataset,
    t: &Treaty,
    o: &Obligation,
    ev: &Event,
    f: &mut ObligationFinding,
) -> Result<(), Fails> {
    let reg = ds.registry();
    let victim = ev.victim;
    let vcode = reg.code_static(victim);
    let covered = match &o.owed_to {
        Beneficiaries::Parties => t.is_party_on(victim, ev.date),
        Beneficiaries::AmericanStates => reg.get(victim).is_some_and(|s| s.is_american()),
        Beneficiaries::States(s) => s.contains(&victim),
    };
    if covered {
        let text = match &o.owed_to {
            Beneficiaries::Parties => {
                let since = t
                    .memberships_of(victim)
                    .filter(|m| m.interval().contains(ev.date))
                    .map(|m| m.interval().from())
                    .next();
                Text::party_on(vcode, ev.date, since)
            }
            Beneficiaries::AmericanStates => Text::american_state(vcode, true),
            Beneficiaries::States(_) => Text::owed_to(vcode),
        };
        f.reasons.push(Reason::new(ReasonCode::VictimCovered, text));
        return Ok(());
    }
    let text = match &o.owed_to {
        Beneficiaries::Parties => Text::not_party(
            vcode,
            ev.date,
            t.memberships_of(victim).map(|m| m.interval()).collect(),
        ),
        Beneficiaries::AmericanStates => Text::american_state(vcode, false),
        Beneficiaries::States(_) => {
            Text::lead("the obligation is owed only to ", Arc::clone(&o.labels.owed_to))
        }
    };
    f.reasons.push(Reason::new(ReasonCode::VictimNotCovered, text));
    Err(Fails)
}

/// The attacker is one the obligation covers.
fn attacker_covered(
    ds: &Dataset,
    o: &Obligation,
    aggressor: &Aggressor,
    f: &mut ObligationFinding,
) -> Result<(), Fails> {
    match (&o.attack_by, aggressor) {
        (AttackerSelector::Anyone, Aggressor::NonState(n)) => {
            f.reasons.push(Reason::new(
                ReasonCode::AttackerCovered,
                format!("an armed attack by anyone, a non-state attacker ({n}) included"),
            ));
            Ok(())
        }
        (AttackerSelector::Anyone | AttackerSelector::AnyState, Aggressor::State(_)) => Ok(()),
        (AttackerSelector::AnyState, Aggressor::NonState(n)) => {
            f.reasons.push(Reason::new(
                ReasonCode::AttackerNotCovered,
                format!("only an attack by a state is covered, not by {n}"),
            ));
            Err(Fails)
        }
        (AttackerSelector::States(set), a) => {
            let label = Arc::clone(&o.labels.attack_by);
            // Only the code is read, which does not change with the date.
            let attacker = aggressor_ref(ds, a, Date::MIN).code;
            let covered = matches!(a, Aggressor::State(s) if set.contains(s));
            let code =
                if covered { ReasonCode::AttackerCovered } else { ReasonCode::AttackerNotCovered };
            f.reasons.push(Reason::new(code, Text::adversary(attacker, label, covered)));
            if covered {
                Ok(())
            } else {
                Err(Fails)
            }
        }
    }
}

/// What was attacked is what the obligation covers.
fn target_covered(o: &Obligation, ev: &Event, f: &mut ObligationFinding) -> Result<(), Fails> {
    if o.targets.contains(&ev.target) {
        return Ok(());
    }
    f.reasons.push(Reason::new(
        ReasonCode::TargetNotCovered,
        Text::not_on(Arc::clone(&o.labels.targets), ev.target),
    ));
    Err(Fails)
}

/// A duty to assist answers an armed attack: an event stated to fall below that threshold
/// (`armed-attack = false`: a clash the victim itself did not treat as one) engages none.
fn armed_attack(o: &Obligation, ev: &Event, f: &mut ObligationFinding) -> Result<(), Fails> {
    if !o.kind.is_assistance() || ev.facts.get(&crate::model::Fact::ArmedAttack) != Some(&false) {
        return Ok(());
    }
    f.reasons.push(Reason::new(
        ReasonCode::BelowArmedAttack,
        "the event is stated to fall below the threshold of an armed attack (armed-attack = false)",
    ));
    Err(Fails)
}

/// The place is inside the treaty area (when the obligation has one).
fn place_in_scope(
    ds: &Dataset,
    t: &Treaty,
    o: &Obligation,
    ev: &Event,
    f: &mut ObligationFinding,
) -> Result<(), Fails> {
    if o.scopes.is_empty() {
        return Ok(());
    }
    let place = decide(ds, t, ev, &o.scopes, "outside the treaty area: ");
    match place.verdict {
        Verdict::Yes => {
            let text = Text::scope(place.text.without_prefix());
            f.reasons.push(Reason::new(ReasonCode::PlaceInScope, text));
            Ok(())
        }
        Verdict::No => {
            f.reasons.push(Reason::new(ReasonCode::PlaceOutOfScope, Text::scope(place.text)));
            Err(Fails)
        }
        Verdict::Unknown => {
            let w = Text::scope(place.text.without_prefix());
            f.reasons.push(Reason::new(ReasonCode::PlaceUndecided, w.clone()));
            f.missing.push(w);
            Ok(())
        }
    }
}

/// Every condition: met, failed, unknown (the obligation is undecided), or assumed met for the
/// reason the file gives.
fn conditions(
    o: &Obligation,
    extra: &[Condition],
    ev: &Event,
    f: &mut ObligationFinding,
) -> Result<(), Fails> {
    let mut failed = false;
    for c in o.conditions.iter().chain(extra) {
        let said = |v: bool| Text::condition(c.text.clone(), c.fact, c.must_be, v);
        match ev.facts.get(&c.fact) {
            Some(v) if *v == c.must_be => {
                f.reasons.push(Reason::new(ReasonCode::ConditionMet, said(*v)));
            }
            Some(v) => {
                failed = true;
                f.reasons.push(Reason::new(ReasonCode::ConditionFailed, said(*v)));
            }
            None => match c.if_unknown {
                IfUnknown::Indeterminate => {
                    let want = Text::bound_if(c.text.clone(), c.fact, c.must_be);
                    f.reasons.push(Reason::new(ReasonCode::ConditionUnknown, want.clone()));
                    f.missing.push(want);
                }
                IfUnknown::AssumeMet => {
                    let said = |caveat| {
                        Text::assumed(c.text.clone(), c.fact, c.must_be, c.why.clone(), caveat)
                    };
                    f.caveats.push(said(true));
                    f.reasons.push(Reason::new(ReasonCode::ConditionAssumed, said(false)));
                }
                IfUnknown::AssumeUnmet => {
                    failed = true;
                    let text = c
                        .text
                        .as_deref()
                        .map_or_else(|| format!("{} = {}", c.fact, c.must_be), str::to_owned);
                    f.reasons.push(Reason::new(
                        ReasonCode::ConditionFailed,
                        format!("{text}: {} not stated, read as not met", c.fact),
                    ));
                }
            },
        }
    }
    if failed {
        Err(Fails)
    } else {
        Ok(())
    }
}

/// Who is bound: the named obligors among the parties, less the victim, the exceptions and the
/// attacker; a suspended leg is left out with a caveat saying so. In output order from the
/// start (the epochs keep it): no sorting.
fn bound(
    ds: &Dataset,
    t: &Treaty,
    e: &Effective<'_>,
    ev: &Event,
    aggressor: &Aggressor,
    f: &mut ObligationFinding,
) -> Vec<StateRef> {
    let reg = ds.registry();
    let victim = ev.victim;
    let parties = t.parties_in_output_order(ev.date);
    let named = match e.owed_by {
        Obligors::Parties => None,
        Obligors::States(set) => Some(set),
    };
    let attacker = match aggressor {
        Aggressor::State(a) => Some(*a),
        Aggressor::NonState(_) => None,
    };
    let mut obligated: Vec<StateRef> = Vec::with_capacity(parties.len());
    for &s in parties {
        if s == victim
            || Some(s) == attacker
            || named.is_some_and(|set| !set.contains(&s))
            || e.o.owed_by_except.contains(&s)
        {
            continue;
        }
        if !t.suspensions.is_empty() {
            if let Some(sus) = t.is_suspended(s, victim, ev.date) {
                f.caveats.push(
                    format!(
                        "{} does not owe {}: leg suspended {}{}",
                        reg.code(s),
                        reg.code(victim),
                        sus.interval,
                        sus.sourcing.note().map_or_else(String::new, |n| format!(" ({n})"))
                    )
                    .into(),
                );
                continue;
            }
        }
        obligated.push(state_ref(ds, s, ev.date));
    }
    if let Some(a) = attacker {
        if named.is_none() && t.is_party_on(a, ev.date) {
            f.caveats.push(Text::aggressor_party(reg.code_static(a)));
        }
    }
    obligated
}

/// What qualifies the bound: reservations that concern them on the date, an uncertain
/// obligation, a variant's note.
fn caveats(
    ds: &Dataset,
    o: &Obligation,
    e: &Effective<'_>,
    date: jiff::civil::Date,
    obligated: &[StateRef],
    f: &mut ObligationFinding,
) {
    let reg = ds.registry();
    for r in o.reservations.iter().filter(|r| r.interval.is_none_or(|i| i.contains(date))) {
        let hit: Vec<&'static str> = obligated
            .iter()
            .filter_map(|s| s.id)
            .filter(|id| r.states.contains(id))
            .map(|id| reg.code_static(id))
            .collect();
        if !hit.is_empty() {
            f.caveats.push(Text::reservation(hit, Arc::clone(&r.text), r.effect.clone()));
        }
    }
    if let Some(u) = &o.sourcing.uncertain {
        f.caveats.push(Text::lead("uncertain: ", Arc::clone(u)));
    }
    if let Some(n) = e.note {
        f.caveats.push(n.to_owned().into());
    }
}

fn status_reason(t: &Treaty, ev: &Event) -> (&'static str, Option<Reason>) {
    let status = t.status_on(ev.date);
    let name = status.map_or("none", |s| s.status().as_str());
    if t.in_force_on(ev.date) {
        let since = status.map(|s| s.date());
        return (name, since.map(|d| Reason::new(ReasonCode::InForce, Text::in_force_since(d))));
    }
    let text: Text = match status {
        _ if t.is_proposal() => {
            "a proposal, not in force: it binds no one unless assumed in force".into()
        }
        None => match t.statuses().first() {
            Some(first) => Text::not_yet(ev.date, first.status(), first.date()),
            None => "no status recorded".into(),
        },
        Some(s) => match s.status() {
            StatusKind::Signed => {
                let later = t
                    .statuses()
                    .iter()
                    .find(|x| x.date() > ev.date && x.status() == StatusKind::InForce);
                Text::signed(s.date(), later.map(|l| l.date()), ev.date, s.sourcing.note.clone())
            }
            StatusKind::Terminated => Text::dated("terminated on", s.date()),
            StatusKind::Suspended => Text::dated("suspended since", s.date()),
            other => Text::status_on(other, s.date()),
        },
    };
    (name, Some(Reason::new(ReasonCode::NotInForce, text)))
}

fn evaluate_treaty(
    ds: &Dataset,
    t: &Treaty,
    ev: &Event,
    variant: Option<&Variant>,
    hypothetical: bool,
    out: &mut Decision,
) {
    let (mut finding, status_reason) = new_finding(t, ev, variant, hypothetical);
    if !hypothetical && !t.in_force_on(ev.date) {
        finding.reasons.extend(status_reason);
        out.not_triggered.push(finding);
        return;
    }
    if hypothetical {
        if let Some(why) = not_on_the_table(t, variant, ev.date) {
            finding.reasons.push(Reason::new(ReasonCode::NotInEffect, why));
            out.not_triggered.push(finding);
            return;
        }
        let what =
            variant.map_or_else(String::new, |v| format!(", variant `{}` ({})", v.id(), v.form()));
        let version = variant.and_then(|v| t.version_of(v)).map_or_else(String::new, |x| {
            format!(", version `{}` of {} ({})", x.id(), x.date(), x.title())
        });
        finding.reasons.push(Reason::new(
            ReasonCode::AssumedInForce,
            format!("HYPOTHETICAL: assumed in force for this evaluation{what}{version}"),
        ));
        out.hypothetical = true;
    } else {
        finding.reasons.extend(status_reason);
    }
    let duty = |f: ObligationFinding| Duty {
        treaty: Arc::clone(&t.id_arc),
        hypothetical,
        variant: variant.map(|v| v.id().to_owned()),
        finding: f,
    };
    let mut lists = Lists::default();
    for o in t.obligations() {
        let e = effective(t, variant, o);
        if o.kind == ObligationKind::NonAggression {
            out.breaches.extend(breach(ds, t, ev, &e).map(duty));
            continue;
        }
        let (outcome, f) = eval_obligation(ds, t, ev, &ev.aggressor, &e);
        // A variant may leave a defence obligation as a consultation or a political
        // assurance: then it is no duty to assist.
        if o.kind.is_assistance() && e.strength.is_assistance() {
            lists.add(t, o, outcome, f);
        } else if outcome != Outcome::Fails {
            out.other_duties.push(duty(f));
        }
    }
    lists.file(t, finding, variant, out);
}

/// Why a proposal's variant cannot be evaluated on `date`, if it cannot: no version existed
/// yet, the variant belongs to a version dated later (its text did not exist), or to one that
/// a later version had replaced by then (the option was no longer on the table). A check uses
/// the version in effect on its date.
pub(crate) fn not_on_the_table(
    t: &Treaty,
    variant: Option<&Variant>,
    date: Date,
) -> Option<String> {
    let first = t.versions().first()?;
    if date < first.date() {
        return Some(format!(
            "no version of the proposal existed on {date}: the first, `{}`, is of {}",
            first.id(),
            first.date()
        ));
    }
    let v = variant?;
    let own = t.version_of(v)?;
    if own.date() > date {
        return Some(format!(
            "variant `{}` belongs to version `{}` of {}, after {date}: its text did not exist yet",
            v.id(),
            own.id(),
            own.date()
        ));
    }
    let now = t.version_on(date).filter(|n| n.id() != own.id())?;
    Some(format!(
        "variant `{}` belongs to version `{}` of {}, replaced on {date} by version `{}` of {} \
         ({}): no longer on the table",
        v.id(),
        own.id(),
        own.date(),
        now.id(),
        now.date(),
        now.title()
    ))
}

/// A treaty's finding before its obligations are weighed: its identity, status, the readings
/// of the place about it, and what it cites whatever the outcome (the status in effect, the
/// victim's memberships, the variant).
fn new_finding(
    t: &Treaty,
    ev: &Event,
    variant: Option<&Variant>,
    hypothetical: bool,
) -> (Finding, Option<Reason>) {
    let (status, status_reason) = status_reason(t, ev);
    let mut sources = Cited::none(&t.sources);
    if let Some(s) = t.status_on(ev.date).or_else(|| t.statuses().first()) {
        sources.add(s.sourcing());
    }
    for m in t.memberships_of(ev.victim) {
        sources.add(m.sourcing());
    }
    if let Some(v) = variant {
        sources.add(&v.sourcing);
        if let Some(x) = t.version_of(v) {
            sources.add(x.sourcing());
        }
    }
    let finding = Finding {
        treaty: Arc::clone(&t.id_arc),
        title: Arc::clone(&t.title_arc),
        instrument: t.kind(),
        hypothetical,
        variant: variant.map(|v| Box::new(VariantRef::of(t, v))),
        status,
        obligations: Vec::new(),
        // Room for the status and a reason or two more.
        reasons: Vec::with_capacity(3),
        contested: if ev.place_facts.readings.is_empty() {
            Vec::new()
        } else {
            let here = ev.place_facts.readings.iter().filter(|r| *r.treaty == *t.id().as_str());
            here.cloned().collect()
        },
        sources,
    };
    (finding, status_reason)
}

/// An obligation as a variant leaves it.
pub(crate) fn effective<'t>(
    t: &'t Treaty,
    variant: Option<&'t Variant>,
    o: &'t Obligation,
) -> Effective<'t> {
    let ov = variant.and_then(|v| {
        v.overrides.iter().find(|x| t.obligations.get(x.obligation).is_some_and(|y| y.id == o.id))
    });
    Effective {
        o,
        labels: ov.and_then(|x| x.labels.as_ref()).unwrap_or(&o.labels),
        strength: ov.and_then(|x| x.strength).unwrap_or(o.strength),
        owed_by: ov.and_then(|x| x.owed_by.as_ref()).unwrap_or(&o.owed_by),
        extra_conditions: ov.map_or(&[], |x| x.conditions.as_slice()),
        note: ov.and_then(|x| x.note.as_deref()),
    }
}

/// A non-aggression undertaking the aggressor broke by this attack, if it gave one to the
/// victim. Its scope and conditions are tested as for an attack by anyone: the breach is the
/// aggressor's own attack.
fn breach(ds: &Dataset, t: &Treaty, ev: &Event, e: &Effective<'_>) -> Option<ObligationFinding> {
    let Aggressor::State(a) = ev.aggressor else { return None };
    let bound = match e.owed_by {
        Obligors::Parties => t.is_party_on(a, ev.date),
        Obligors::States(s) => s.contains(&a) && t.is_party_on(a, ev.date),
    };
    let owed = match &e.o.owed_to {
        Beneficiaries::Parties => t.is_party_on(ev.victim, ev.date),
        Beneficiaries::AmericanStates => false,
        Beneficiaries::States(s) => s.contains(&ev.victim),
    };
    if !(bound && owed) {
        return None;
    }
    let (_, mut f) = eval_obligation(ds, t, ev, &Aggressor::NonState(String::new()), e);
    f.obligated = vec![state_ref(ds, a, ev.date)];
    f.reasons = vec![Reason::new(
        ReasonCode::Breach,
        format!(
            "{} undertook not to use force against {}",
            ds.registry().code(a),
            ds.registry().code(ev.victim)
        ),
    )];
    Some(f)
}

/// A treaty's duties to assist by outcome, with what each list cites.
#[derive(Default)]
struct Lists {
    arising: Vec<ObligationFinding>,
    undecided: Vec<ObligationFinding>,
    failing: Vec<ObligationFinding>,
    /// By outcome (arising, undecided, failing): the sources the obligations cite.
    cites: [u64; 3],
    any: bool,
}

impl Lists {
    fn add(&mut self, t: &Treaty, o: &Obligation, outcome: Outcome, f: ObligationFinding) {
        self.any = true;
        let (list, slot) = match outcome {
            Outcome::Arises => (&mut self.arising, 0),
            Outcome::Undecided => (&mut self.undecided, 1),
            Outcome::Fails => (&mut self.failing, 2),
        };
        list.push(f);
        if let Some(c) = self.cites.get_mut(slot) {
            *c |= Cited::mask(&o.sourcing);
            if let Some(a) = t.article_of(o) {
                *c |= Cited::mask(&a.sourcing);
            }
        }
    }

    /// Files the finding: triggered if a duty to assist arises, else undecided if one may,
    /// else not triggered (saying why when the treaty holds no such duty, or only a duty to
    /// consult arose).
    fn file(self, t: &Treaty, mut finding: Finding, variant: Option<&Variant>, out: &mut Decision) {
        let [cited_arising, cited_undecided, cited_failing] = self.cites;
        if !self.arising.is_empty() {
            finding.obligations = self.arising;
            finding.sources.add_mask(cited_arising);
            out.triggered.push(finding);
            return;
        }
        if !self.undecided.is_empty() {
            finding.obligations = self.undecided;
            finding.sources.add_mask(cited_undecided);
            out.indeterminate.push(finding);
            return;
        }
        if !self.any {
            let why = Text::shared(Arc::clone(&t.no_assist));
            finding.reasons.push(Reason::new(ReasonCode::NoDutyToAssist, why));
        }
        let consults = out.other_duties.iter().any(|d| {
            *d.treaty == *finding.treaty
                && d.finding.kind == ObligationKind::Consultation
                && d.variant.as_deref() == variant.map(|v| v.id())
        });
        if consults {
            finding.reasons.push(Reason::new(
                ReasonCode::OnlyConsultation,
                "a duty to consult arises (see other duties), not a duty to assist",
            ));
        }
        finding.obligations = self.failing;
        finding.sources.add_mask(cited_failing);
        out.not_triggered.push(finding);
    }
}

/// Evaluates an event against every treaty of the dataset.
///
/// Proposals are evaluated only when the event assumes them in force: then once per variant
/// (or for the variant named), each finding labelled hypothetical.
pub fn evaluate(ds: &Dataset, ev: &Event) -> Decision {
    // The treaties to evaluate: those that concern the victim and those assumed in force;
    // the rest are listed by id only.
    let mut todo = ds.concerning(ev.victim);
    for a in &ev.assume {
        if let Some(i) = ds.treaty_index(&a.treaty) {
            set_bit(&mut todo, i);
        }
    }
    // Room for every finding, so that no findings are moved as the lists grow.
    let concerned = todo.iter().map(|w| w.count_ones() as usize).sum::<usize>();
    let mut d = Decision {
        event: EventSummary {
            aggressor: aggressor_ref(ds, &ev.aggressor, ev.date),
            victim: state_ref(ds, ev.victim, ev.date),
            date: ev.date,
            target: ev.target,
            place: ev.place.clone(),
            place_label: ev.place_label.clone(),
            place_facts: Arc::clone(&ev.place_facts),
            place_assumed: ev.place_assumed.clone(),
            facts: ev.facts.iter().map(|(k, v)| (k.as_str().to_owned(), *v)).collect(),
            assume_in_force: ev
                .assume
                .iter()
                .map(|a| match &a.variant {
                    Some(v) => format!("{}:{v}", a.treaty),
                    None => a.treaty.clone(),
                })
                .collect(),
        },
        hypothetical: false,
        triggered: Vec::new(),
        indeterminate: Vec::new(),
        not_triggered: Vec::with_capacity(concerned),
        other_duties: Vec::new(),
        breaches: Vec::new(),
        unconcerned: TreatyIds::from_bits(&ds.treaty_id_list, Vec::new()),
        notes: Vec::new(),
    };
    if let Some(n) = &ev.victim_inferred {
        d.notes.push(Arc::clone(n));
    }
    if let Some(a) = &ev.place_assumed {
        d.notes.push(Arc::clone(a));
    }
    for index in bits(&todo) {
        let Some(t) = ds.treaties().get(index) else { continue };
        let mut assumed = ev.assume.iter().filter(|a| a.treaty == t.id().as_str()).peekable();
        if assumed.peek().is_none() {
            evaluate_treaty(ds, t, ev, None, false, &mut d);
            continue;
        }
        if t.variants().is_empty() {
            evaluate_treaty(ds, t, ev, None, true, &mut d);
            continue;
        }
        let mut variants: Vec<&Variant> = Vec::new();
        for a in assumed {
            match &a.variant {
                Some(v) => variants.extend(t.variants().iter().filter(|x| x.id() == v)),
                None => variants.extend(t.variants_on(ev.date)),
            }
        }
        variants.dedup_by(|a, b| a.id() == b.id());
        if variants.is_empty() {
            // Before its first version: the proposal did not exist yet.
            evaluate_treaty(ds, t, ev, None, true, &mut d);
        }
        for v in variants {
            evaluate_treaty(ds, t, ev, Some(v), true, &mut d);
        }
    }
    // The rest are unconcerned: the complement of `todo` over the treaties.
    complement(&mut todo, ds.treaties().len());
    d.unconcerned = TreatyIds::from_bits(&ds.treaty_id_list, todo);
    d
}
