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
//! - `variant-misuse`: variants outside proposals, proposals without variants.
//!
//! ## Why it matters
//! Evaluation trusts the model completely: every reference it follows was checked here.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diag::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::model::{
    Article, AtopDifference, AtopField, AttackerSelector, Beneficiaries, Condition, Fact,
    IfUnknown, InstrumentKind, Obligation, ObligationKind, Obligors, Override, Regions, Registry,
    Reservation, Source, Sourcing, Stance, StateId, Statement, StatusEntry, StatusKind, Strength,
    Suspension, Target, TextQuality, Treaty, TreatyId, Variant,
};
use crate::raw::{RawObligation, RawSourcing, RawTreaty, Sp, StrOrList};
use crate::source::Loc;

/// Lowering context for one file.
pub(super) struct Cx<'a> {
    pub(super) registry: &'a Registry,
    pub(super) regions: &'a Regions,
    pub(super) raw: &'a RawTreaty,
    pub(super) diags: &'a mut Diagnostics,
    sources: BTreeMap<String, usize>,
}

impl Cx<'_> {
    pub(super) fn loc(&self, span: std::ops::Range<usize>) -> Loc {
        Loc::new(&self.raw.file, span)
    }

    fn sourcing(&mut self, s: &RawSourcing, span: std::ops::Range<usize>, what: &str) -> Sourcing {
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
                None => {
                    let help = did_you_mean(&src.value, self.sources.keys().map(String::as_str))
                        .map(|x| format!("did you mean `{x}`?"));
                    self.diags.push(
                        Diagnostic::error(
                            Code::UnknownSource,
                            format!("unknown source `{}`", src.value),
                        )
                        .at(self.loc(src.span.clone()))
                        .maybe_help(help),
                    );
                }
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

    fn vocab<T>(
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

    fn obligors(&mut self, sel: &Sp<StrOrList>, parties: &BTreeSet<StateId>) -> Option<Obligors> {
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

    fn conditions(&mut self, raw: &[crate::raw::RawCondition]) -> Vec<Condition> {
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
        let owed_to = match o.owed_to.as_ref().map(|s| &s.value) {
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
        };
        let attack_by = match o.attack_by.as_ref().map(|s| &s.value) {
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
        };
        let targets = o
            .targets
            .as_ref()
            .map_or_else(|| Target::ALL.iter().copied().collect(), |t| self.targets(t));
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

fn unique_ids<'s>(cx: &mut Cx<'_>, what: &str, ids: impl Iterator<Item = &'s Sp<String>>) {
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
pub(super) fn lower_treaty(
    registry: &Registry,
    regions: &Regions,
    raw: &RawTreaty,
    diags: &mut Diagnostics,
) -> Option<Treaty> {
    let mut cx = Cx { registry, regions, raw, diags, sources: BTreeMap::new() };
    unique_ids(&mut cx, "source", raw.sources.iter().filter_map(|s| s.id.as_ref()));
    let mut sources = Vec::new();
    for s in &raw.sources {
        if let (Some(id), Some(citation)) = (&s.id, &s.citation) {
            cx.sources.entry(id.value.clone()).or_insert(sources.len());
            sources.push(Source {
                id: id.value.clone(),
                citation: citation.value.clone(),
                url: s.url.as_ref().map(|u| u.value.clone()),
            });
        }
    }
    let id = raw.id.as_ref()?;
    let stem =
        std::path::Path::new(raw.file.path()).file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if !stem.is_empty() && stem != id.value {
        cx.diags.push(
            Diagnostic::error(
                Code::IdMismatch,
                format!("treaty id `{}` differs from its file name `{stem}`", id.value),
            )
            .at(cx.loc(id.span.clone()))
            .help(format!("rename the file to `{}.toml` or set `id = \"{stem}\"`", id.value)),
        );
    }
    let kind = cx.vocab(
        "instrument kind",
        raw.kind.as_ref(),
        InstrumentKind::parse,
        InstrumentKind::names().collect(),
        Code::InvalidValue,
    );

    let mut statuses = Vec::new();
    let mut last: Option<&Sp<jiff::civil::Date>> = None;
    for s in &raw.statuses {
        let status = cx.vocab(
            "status",
            s.status.as_ref(),
            StatusKind::parse,
            StatusKind::names().collect(),
            Code::InvalidValue,
        );
        let sourcing = cx.sourcing(&s.sourcing, s.span.clone(), "status");
        if let (Some(d), Some(prev)) = (&s.date, last) {
            if d.value < prev.value {
                let diag = Diagnostic::error(
                    Code::DatesOutOfOrder,
                    format!("status dated {} comes after one dated {}", d.value, prev.value),
                )
                .at(cx.loc(d.span.clone()))
                .related(cx.loc(prev.span.clone()), "the later-dated status")
                .help("list statuses in date order");
                cx.diags.push(diag);
            }
        }
        if let Some(d) = &s.date {
            last = Some(d);
        }
        if let (Some(status), Some(date)) = (status, &s.date) {
            statuses.push(StatusEntry { status, date: date.value, sourcing });
        }
    }

    let mut parties = Vec::new();
    for p in &raw.parties {
        let sourcing = cx.sourcing(&p.sourcing, p.span.clone(), "party");
        if let (Some(code), Some(joined)) = (&p.state, &p.joined) {
            if let Some(m) = cx.membership(
                code,
                joined,
                p.left.as_ref(),
                p.role.as_ref().map(|r| r.value.clone()),
                sourcing,
                p.span.clone(),
            ) {
                parties.push(m);
            }
        }
    }
    cx.check_overlaps(&parties);
    let party_set: BTreeSet<StateId> =
        parties.iter().flat_map(|m| m.segments.iter().map(|(s, _)| *s)).collect();

    let mut suspensions = Vec::new();
    for s in &raw.suspensions {
        let sourcing = cx.sourcing(&s.sourcing, s.span.clone(), "suspension");
        let by = s.owed_by.as_ref().and_then(|c| cx.states_of(c, "state"));
        let to = s.owed_to.as_ref().and_then(|c| cx.states_of(c, "state"));
        let interval = cx.interval(s.from.as_ref(), s.until.as_ref());
        if let (Some(owed_by), Some(owed_to), Some(interval)) = (by, to, interval) {
            suspensions.push(Suspension {
                owed_by,
                owed_to,
                interval,
                sourcing,
                loc: cx.loc(s.span.clone()),
            });
        }
    }

    unique_ids(&mut cx, "article", raw.articles.iter().filter_map(|a| a.id.as_ref()));
    let mut articles = Vec::new();
    let mut article_ids = Vec::new();
    for a in &raw.articles {
        let sourcing = cx.sourcing(&a.sourcing, a.span.clone(), "article");
        let quality = cx.vocab(
            "text quality",
            a.quality.as_ref(),
            TextQuality::parse,
            TextQuality::names().collect(),
            Code::InvalidValue,
        );
        if let (Some(id), Some(text), Some(quality)) = (&a.id, &a.text, quality) {
            article_ids.push(id.value.clone());
            articles.push(Article {
                id: id.value.clone(),
                title: a.title.as_ref().map(|t| t.value.clone()),
                text: text.value.clone(),
                quality,
                quote: a
                    .operative
                    .as_ref()
                    .map_or_else(|| text.value.as_str().into(), |t| t.value.as_str().into()),
                operative: a.operative.as_ref().map(|t| t.value.clone()),
                sourcing,
            });
        }
    }

    unique_ids(&mut cx, "scope", raw.scopes.iter().filter_map(|s| s.id.as_ref()));
    let scopes: Vec<_> = raw.scopes.iter().filter_map(|s| cx.scope(s, &article_ids)).collect();
    let scope_ids: Vec<String> = scopes.iter().map(|s| s.id.clone()).collect();

    unique_ids(&mut cx, "obligation", raw.obligations.iter().filter_map(|o| o.id.as_ref()));
    let obligations: Vec<Obligation> = raw
        .obligations
        .iter()
        .filter_map(|o| cx.obligation(o, &article_ids, &scope_ids, &party_set))
        .collect();

    let mut variants = Vec::new();
    let is_proposal = kind == Some(InstrumentKind::Proposal);
    if !is_proposal && !raw.variants.is_empty() {
        if let Some(v) = raw.variants.first() {
            let d = Diagnostic::error(Code::VariantMisuse, "only a proposal can have variants")
                .at(cx.loc(v.span.clone()))
                .help("set `kind = \"proposal\"` or remove the [[variant]] tables");
            cx.diags.push(d);
        }
    }
    if is_proposal && raw.variants.is_empty() {
        let d = Diagnostic::warning(Code::VariantMisuse, "a proposal without variants")
            .at(cx.loc(raw.kind.as_ref().map_or(0..0, |k| k.span.clone())))
            .help("add at least one [[variant]] naming the form of protection");
        cx.diags.push(d);
    }
    unique_ids(&mut cx, "variant", raw.variants.iter().filter_map(|v| v.id.as_ref()));
    for v in &raw.variants {
        let sourcing = cx.sourcing(&v.sourcing, v.span.clone(), "variant");
        let mut overrides = Vec::new();
        for o in &v.overrides {
            let Some(name) = &o.obligation else { continue };
            let Some(index) = obligations.iter().position(|x| x.id == name.value) else {
                let help = did_you_mean(&name.value, obligations.iter().map(|x| x.id.as_str()))
                    .map(|s| format!("did you mean `{s}`?"));
                let d = Diagnostic::error(
                    Code::UnknownObligation,
                    format!("unknown obligation `{}`", name.value),
                )
                .at(cx.loc(name.span.clone()))
                .maybe_help(help);
                cx.diags.push(d);
                continue;
            };
            let owed_by = o.owed_by.as_ref().and_then(|s| cx.obligors(s, &party_set));
            let strength = o.strength.as_ref().and_then(|s| {
                cx.vocab(
                    "strength",
                    Some(s),
                    Strength::parse,
                    Strength::names().collect(),
                    Code::UnknownStrength,
                )
            });
            let conditions = cx.conditions(&o.conditions);
            overrides.push(Override {
                obligation: index,
                owed_by,
                strength,
                note: o.note.as_ref().map(|n| n.value.clone()),
                conditions,
            });
        }
        if let (Some(id), Some(form)) = (&v.id, &v.form) {
            variants.push(Variant {
                id: id.value.clone(),
                title: v.title.as_ref().map(|t| t.value.clone()),
                form: form.value.clone(),
                overrides,
                sourcing,
            });
        }
    }

    let mut statements = Vec::new();
    for st in &raw.statements {
        let sourcing = cx.sourcing(&st.sourcing, st.span.clone(), "statement");
        let stance = cx.vocab(
            "stance",
            st.stance.as_ref(),
            Stance::parse,
            Stance::names().collect(),
            Code::InvalidValue,
        );
        let quality = cx.vocab(
            "text quality",
            st.quality.as_ref(),
            TextQuality::parse,
            TextQuality::names().collect(),
            Code::InvalidValue,
        );
        let state = st.state.as_ref().and_then(|c| {
            cx.states_of(c, "state")?;
            Some(c.value.clone())
        });
        if let (Some(date), Some(speaker), Some(stance), Some(text), Some(quality)) =
            (&st.date, &st.speaker, stance, &st.text, quality)
        {
            statements.push(Statement {
                date: date.value,
                speaker: speaker.value.clone(),
                role: st.role.as_ref().map(|r| r.value.clone()),
                state,
                stance,
                text: text.value.clone(),
                quality,
                about: st.about.as_ref().map(|a| a.value.clone()),
                sources: sourcing.sources.iter().filter_map(|i| sources.get(*i).cloned()).collect(),
                uncertain: sourcing.uncertain.as_deref().map(str::to_owned),
            });
        }
    }
    statements.sort_by(|a, b| (a.date, &a.speaker).cmp(&(b.date, &b.speaker)));
    let mut atop_differences = Vec::new();
    for a in &raw.atop_differences {
        let field = cx.vocab(
            "ATOP field",
            a.field.as_ref(),
            AtopField::parse,
            AtopField::names().collect(),
            Code::InvalidValue,
        );
        let states = a.state.as_ref().and_then(|c| cx.states_of(c, "state"));
        if let (Some(field), Some(states), Some(why)) = (field, states, &a.why) {
            atop_differences.push(AtopDifference {
                states,
                field,
                ours: a.ours.as_ref().map(|x| x.value.clone()),
                atop: a.atop.as_ref().map(|x| x.value.clone()),
                why: why.value.clone(),
            });
        }
    }
    let atopid = raw.atopid.as_ref().and_then(|a| u32::try_from(a.value).ok());
    let title = raw.title.as_ref().map(|t| t.value.clone()).unwrap_or_default();
    Some(Treaty {
        id: TreatyId(id.value.clone()),
        id_arc: id.value.as_str().into(),
        title_arc: title.as_str().into(),
        title,
        short_title: raw.short_title.as_ref().map(|t| t.value.clone()),
        kind: kind?,
        atopid,
        summary: raw.summary.as_ref().map(|t| t.value.clone()),
        sources: sources.into(),
        statuses,
        parties,
        suspensions,
        articles,
        scopes: scopes.into(),
        obligations,
        variants,
        statements,
        atop_differences,
        file: Arc::clone(&raw.file),
        epochs: Vec::new(),
        members: Vec::new(),
        no_assist: "".into(),
    })
}
