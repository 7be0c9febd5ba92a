//! Lowering one raw treaty into the model, collecting every problem.
//!
//! ## What it checks
//! - `missing-key`, `id-mismatch`, `duplicate-id`: identity of the file and of its parts.
//! - `invalid-value`: instrument kind, status, obligation kind, text quality, `if-unknown`.
//! - `unknown-strength`, `unknown-fact`, `unknown-article`, `unknown-scope`,
//!   `unknown-obligation`: references inside the file.
//! - `missing-source`, `unknown-source`: every fact cites a source of the file.
//! - `dates-out-of-order`: a status timeline that runs backwards.
//! - `obligation-non-party`: an obligor or beneficiary who is never a party.
//! - `variant-misuse`: variants outside proposals, proposals without variants (versions:
//!   `check/versions.rs`).
//!
//! ## Why it matters
//! Evaluation trusts the model completely: every reference it follows was checked here.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diag::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::model::{
    AttackerSelector, Beneficiaries, Condition, Fact, IfUnknown, InstrumentKind, Obligation,
    ObligationKind, Obligors, Regions, Registry, Reservation, Sourcing, StateId, Strength, Target,
    Treaty, TreatyId,
};
use crate::raw::{RawObligation, RawSourcing, RawTreaty, Sp, StrOrList};
use crate::source::Loc;

/// Lowering context for one file.
pub(super) struct Cx<'a> {
    pub(super) registry: &'a Registry,
    pub(super) regions: &'a Regions,
    pub(super) raw: &'a RawTreaty,
    pub(super) diags: &'a mut Diagnostics,
    pub(super) sources: BTreeMap<String, usize>,
}

impl Cx<'_> {
    pub(super) fn loc(&self, span: std::ops::Range<usize>) -> Loc {
        Loc::new(&self.raw.file, span)
    }

    pub(super) fn sourcing(
        &mut self,
        s: &RawSourcing,
        span: std::ops::Range<usize>,
        what: &str,
    ) -> Sourcing {
        if s.sources.is_empty() {
            self.diags.push(
                Diagnostic::error(Code::MissingSource, format!("{what} has no source"))
                    .at(self.loc(span))
                    .help("add `source = \"<id>\"` naming a [[source]] of this file"),
            );
        }
        let mut out = Vec::new();
        for src in &s.sources {
            match self.sources.get(&src.value) {
                Some(i) => out.push(*i),
                None => self.diags.push(super::unknown_source(
                    self.loc(src.span.clone()),
                    &src.value,
                    self.sources.keys().map(String::as_str),
                )),
            }
        }
        Sourcing {
            sources: out,
            uncertain: s.uncertain.as_ref().map(|u| u.value.as_str().into()),
            note: s.note.as_ref().map(|n| n.value.as_str().into()),
        }
    }

    pub(super) fn article_ref(&mut self, a: &Sp<String>, ids: &[String]) -> Option<usize> {
        let pos = ids.iter().position(|i| *i == a.value);
        if pos.is_none() {
            let help = did_you_mean(&a.value, ids.iter().map(String::as_str))
                .map(|s| format!("did you mean `{s}`?"));
            self.diags.push(
                Diagnostic::error(Code::UnknownArticle, format!("unknown article `{}`", a.value))
                    .at(self.loc(a.span.clone()))
                    .maybe_help(
                        help.or_else(|| Some("define it in an [[article]] table".to_owned())),
                    ),
            );
        }
        pos
    }

    pub(super) fn vocab<T>(
        &mut self,
        what: &str,
        v: Option<&Sp<String>>,
        parse: fn(&str) -> Option<T>,
        names: Vec<&'static str>,
        code: Code,
    ) -> Option<T> {
        let v = v?;
        let parsed = parse(&v.value);
        if parsed.is_none() {
            let help = did_you_mean(&v.value, names.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| format!("one of: {}", names.join(", ")));
            self.diags.push(
                Diagnostic::error(code, format!("unknown {what} `{}`", v.value))
                    .at(self.loc(v.span.clone()))
                    .help(help),
            );
        }
        parsed
    }

    fn code_set(&mut self, codes: &[Sp<String>], what: &str) -> BTreeSet<StateId> {
        let mut set = BTreeSet::new();
        for c in codes {
            if let Some(s) = self.states_of(c, what) {
                set.extend(s);
            }
        }
        set
    }

    /// Named obligors must be parties at some time.
    fn require_parties(&mut self, codes: &[Sp<String>], parties: &BTreeSet<StateId>, role: &str) {
        for c in codes {
            let holders: BTreeSet<StateId> =
                self.registry.holders(&c.value).iter().copied().collect();
            if !holders.is_empty() && holders.is_disjoint(parties) {
                self.diags.push(
                    Diagnostic::error(
                        Code::ObligationNonParty,
                        format!("{role} `{}` is not a party", c.value),
                    )
                    .at(self.loc(c.span.clone()))
                    .help(format!("add a [[party]] entry for `{}` or remove it here", c.value)),
                );
            }
        }
    }

    pub(super) fn obligors(
        &mut self,
        sel: &Sp<StrOrList>,
        parties: &BTreeSet<StateId>,
    ) -> Option<Obligors> {
        match &sel.value {
            StrOrList::One(s) if s == "parties" => Some(Obligors::Parties),
            StrOrList::One(s) => {
                self.invalid(
                    "obligor selector",
                    &Sp::new(s.clone(), sel.span.clone()),
                    ["parties"].into_iter(),
                );
                None
            }
            StrOrList::Many(codes) => {
                self.require_parties(codes, parties, "obligor");
                Some(Obligors::States(self.code_set(codes, "obligor")))
            }
        }
    }

    pub(super) fn conditions(&mut self, raw: &[crate::raw::RawCondition]) -> Vec<Condition> {
        let mut conditions = Vec::new();
        for c in raw {
            let fact = self.vocab(
                "fact",
                c.fact.as_ref(),
                Fact::parse,
                Fact::names().collect(),
                Code::UnknownFact,
            );
            let if_unknown = match &c.if_unknown {
                Some(v) => self.vocab(
                    "if-unknown policy",
                    Some(v),
                    IfUnknown::parse,
                    IfUnknown::names().collect(),
                    Code::InvalidValue,
                ),
                None => Some(IfUnknown::Indeterminate),
            };
            if if_unknown.is_some_and(|p| p != IfUnknown::Indeterminate) && c.why.is_none() {
                self.diags.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        "condition that assumes an unknown fact is missing `why`",
                    )
                    .at(self.loc(c.span.clone()))
                    .help("say why an unstated fact may be read this way"),
                );
            }
            if let (Some(fact), Some(must_be), Some(if_unknown)) =
                (fact, c.must_be.as_ref(), if_unknown)
            {
                conditions.push(Condition {
                    fact,
                    must_be: must_be.value,
                    if_unknown,
                    text: c.text.as_ref().map(|t| t.value.as_str().into()),
                    why: c.why.as_ref().map(|t| t.value.as_str().into()),
                });
            }
        }
        conditions
    }

    /// A duty to stay out (neutrality, non-aggression) is `abstain` (or a non-binding
    /// assurance to abstain), and only such a duty is: `consult_only` on a non-aggression pact
    /// would read as a duty to consult.
    fn strength_fits_kind(
        &mut self,
        kind: ObligationKind,
        strength: Strength,
        span: std::ops::Range<usize>,
    ) {
        let stays_out = matches!(kind, ObligationKind::Neutrality | ObligationKind::NonAggression);
        let fits = match strength {
            Strength::Abstain => stays_out,
            Strength::NonBindingAssurance => true,
            _ => !stays_out,
        };
        if fits {
            return;
        }
        let (msg, help) = if stays_out {
            (
                format!("a {kind} obligation has strength `{strength}`"),
                "write `abstain`: the duty is to stay out, not to assist or consult",
            )
        } else {
            (
                format!("a {kind} obligation has strength `abstain`"),
                "`abstain` is the strength of neutrality and non-aggression only",
            )
        };
        self.diags.push(Diagnostic::error(Code::InvalidValue, msg).at(self.loc(span)).help(help));
    }

    /// Whom an obligation is owed to: the parties, the American States, or named states.
    fn beneficiaries(&mut self, o: &RawObligation) -> Option<Beneficiaries> {
        match o.owed_to.as_ref().map(|s| &s.value) {
            Some(StrOrList::One(s)) if s == "parties" => Some(Beneficiaries::Parties),
            Some(StrOrList::One(s)) if s == "american-states" => {
                Some(Beneficiaries::AmericanStates)
            }
            Some(StrOrList::One(s)) => {
                let span = o.owed_to.as_ref().map_or(0..0, |x| x.span.clone());
                self.invalid(
                    "beneficiary selector",
                    &Sp::new(s.clone(), span),
                    ["parties", "american-states"].into_iter(),
                );
                None
            }
            // A beneficiary need not be a party: a guarantee can be owed to a state outside
            // the instrument (the FRG under the 1952 EDC protocol, Taiwan under the TRA).
            Some(StrOrList::Many(codes)) => {
                Some(Beneficiaries::States(self.code_set(codes, "beneficiary")))
            }
            None => None,
        }
    }

    /// Whose attack triggers an obligation: anyone (the default), any state, named states.
    fn attackers(&mut self, o: &RawObligation) -> AttackerSelector {
        match o.attack_by.as_ref().map(|s| &s.value) {
            None => AttackerSelector::Anyone,
            Some(StrOrList::One(s)) if s == "anyone" => AttackerSelector::Anyone,
            Some(StrOrList::One(s)) if s == "any-state" => AttackerSelector::AnyState,
            Some(StrOrList::One(s)) => {
                let span = o.attack_by.as_ref().map_or(0..0, |x| x.span.clone());
                self.invalid(
                    "attacker selector",
                    &Sp::new(s.clone(), span),
                    ["anyone", "any-state"].into_iter(),
                );
                AttackerSelector::Anyone
            }
            Some(StrOrList::Many(codes)) => {
                AttackerSelector::States(self.code_set(codes, "adversary"))
            }
        }
    }

    /// The scopes an obligation names, by their position in the file.
    fn scope_refs(&mut self, o: &RawObligation, scope_ids: &[String]) -> Vec<usize> {
        let mut scopes = Vec::new();
        if let Some(sc) = &o.scope {
            let names: Vec<Sp<String>> = match &sc.value {
                StrOrList::One(s) => vec![Sp::new(s.clone(), sc.span.clone())],
                StrOrList::Many(v) => v.clone(),
            };
            for n in names {
                match scope_ids.iter().position(|s| *s == n.value) {
                    Some(i) => scopes.push(i),
                    None => {
                        let help = did_you_mean(&n.value, scope_ids.iter().map(String::as_str))
                            .map(|s| format!("did you mean `{s}`?"));
                        self.diags.push(
                            Diagnostic::error(
                                Code::UnknownScope,
                                format!("unknown scope `{}`", n.value),
                            )
                            .at(self.loc(n.span.clone()))
                            .maybe_help(help),
                        );
                    }
                }
            }
        }
        scopes
    }

    fn obligation(
        &mut self,
        o: &RawObligation,
        article_ids: &[String],
        scope_ids: &[String],
        parties: &BTreeSet<StateId>,
    ) -> Option<Obligation> {
        let id = o.id.as_ref()?.value.clone();
        let article = o.article.as_ref().and_then(|a| self.article_ref(a, article_ids));
        let kind = self.vocab(
            "obligation kind",
            o.kind.as_ref(),
            ObligationKind::parse,
            ObligationKind::names().collect(),
            Code::InvalidValue,
        );
        let strength = self.vocab(
            "strength",
            o.strength.as_ref(),
            Strength::parse,
            Strength::names().collect(),
            Code::UnknownStrength,
        );
        if let (Some(k), Some(st), Some(sp)) = (kind, strength, o.strength.as_ref()) {
            self.strength_fits_kind(k, st, sp.span.clone());
        }
        let owed_by = o.owed_by.as_ref().and_then(|s| self.obligors(s, parties));
        let owed_by_except =
            o.owed_by_except.as_ref().map(|c| self.code_set(c, "state")).unwrap_or_default();
        let owed_to = self.beneficiaries(o);
        let attack_by = self.attackers(o);
        let targets = o
            .targets
            .as_ref()
            .map_or_else(|| Target::ALL.iter().copied().collect(), |t| self.targets(t));
        let scopes = self.scope_refs(o, scope_ids);
        let conditions = self.conditions(&o.conditions);
        let reservations = o
            .reservations
            .iter()
            .map(|r| Reservation {
                states: r.states.as_ref().map(|s| self.code_set(s, "state")).unwrap_or_default(),
                text: r.text.as_ref().map_or_else(|| "".into(), |t| t.value.as_str().into()),
                effect: r.effect.as_ref().map(|e| e.value.as_str().into()),
                interval: self.interval(r.from.as_ref(), r.until.as_ref()),
            })
            .collect::<Vec<_>>();
        let sourcing = self.sourcing(&o.sourcing, o.span.clone(), "obligation");
        let interval = self.interval(o.from.as_ref(), o.until.as_ref());
        Some(Obligation {
            id,
            article: article?,
            kind: kind?,
            strength: strength?,
            owed_by: owed_by?,
            owed_by_except,
            owed_to: owed_to?,
            attack_by,
            attack_by_label: o.attack_by_label.as_ref().map(|l| l.value.clone()),
            targets,
            scopes: scopes.into(),
            interval,
            conditions,
            reservations,
            sourcing,
            labels: std::sync::Arc::default(),
        })
    }
}

pub(super) fn unique_ids<'s>(
    cx: &mut Cx<'_>,
    what: &str,
    ids: impl Iterator<Item = &'s Sp<String>>,
) {
    let mut seen: BTreeMap<&str, std::ops::Range<usize>> = BTreeMap::new();
    for id in ids {
        if let Some(prev) = seen.get(id.value.as_str()) {
            let d =
                Diagnostic::error(Code::DuplicateId, format!("duplicate {what} id `{}`", id.value))
                    .at(cx.loc(id.span.clone()))
                    .related(cx.loc(prev.clone()), "first defined here");
            cx.diags.push(d);
        } else {
            seen.insert(&id.value, id.span.clone());
        }
    }
}

/// Lowers one treaty file. Returns `None` if it lacks the identity to be a treaty at all.
/// Each part is lowered by its own step (`check/parts.rs`), every problem reported; the
/// treaty is built complete, its indexes included.
pub(super) fn lower_treaty(
    registry: &Registry,
    regions: &Regions,
    raw: &RawTreaty,
    diags: &mut Diagnostics,
) -> Option<Treaty> {
    let mut cx = Cx { registry, regions, raw, diags, sources: BTreeMap::new() };
    let sources = cx.sources();
    let id = raw.id.as_ref()?;
    cx.file_name_matches(id);
    let kind = cx.vocab(
        "instrument kind",
        raw.kind.as_ref(),
        InstrumentKind::parse,
        InstrumentKind::names().collect(),
        Code::InvalidValue,
    );
    let statuses = cx.statuses();
    let parties = cx.parties();
    let party_set: BTreeSet<StateId> =
        parties.iter().flat_map(|m| m.segments.iter().map(|(s, _)| *s)).collect();
    let suspensions = cx.suspensions();
    let versions = cx.versions(kind);
    let (articles, article_ids) = cx.articles(&versions);
    unique_ids(&mut cx, "scope", raw.scopes.iter().filter_map(|s| s.id.as_ref()));
    let scopes: Vec<_> = raw.scopes.iter().filter_map(|s| cx.scope(s, &article_ids)).collect();
    let scope_ids: Vec<String> = scopes.iter().map(|s| s.id.clone()).collect();
    unique_ids(&mut cx, "obligation", raw.obligations.iter().filter_map(|o| o.id.as_ref()));
    let obligations: Vec<Obligation> = raw
        .obligations
        .iter()
        .filter_map(|o| cx.obligation(o, &article_ids, &scope_ids, &party_set))
        .collect();
    let mut variants = cx.variants(kind, &obligations, &party_set);
    cx.link_variants(&mut variants, &versions, &articles, &obligations);
    let statements = cx.statements(&sources);
    let atop_differences = cx.atop_differences();
    let title = raw.title.as_ref().map(|t| t.value.clone()).unwrap_or_default();
    Some(Treaty::build(
        Treaty {
            id: TreatyId(id.value.clone()),
            id_arc: id.value.as_str().into(),
            title_arc: title.as_str().into(),
            title,
            short_title: raw.short_title.as_ref().map(|t| t.value.clone()),
            kind: kind?,
            atopid: raw.atopid.as_ref().and_then(|a| u32::try_from(a.value).ok()),
            summary: raw.summary.as_ref().map(|t| t.value.clone()),
            sources: sources.into(),
            statuses,
            parties,
            suspensions,
            articles,
            scopes: scopes.into(),
            obligations,
            variants,
            versions,
            statements,
            atop_differences,
            file: Arc::clone(&raw.file),
            epochs: Vec::new(),
            members: Vec::new(),
            no_assist: "".into(),
        },
        registry,
    ))
}
