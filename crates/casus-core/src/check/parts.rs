//! The steps of lowering a treaty file, one part of the file each (see `lower_treaty`).

use std::collections::BTreeSet;

use super::lower::{unique_ids, Cx};
use crate::diag::{did_you_mean, suggestion, Code, Diagnostic};
use crate::model::{
    Article, AtopDifference, AtopField, InstrumentKind, Membership, Obligation, Override, Source,
    Stance, StateId, Statement, StatusEntry, StatusKind, Strength, Suspension, TextQuality,
    Variant, Version,
};
use crate::raw::{RawAtopDifference, Sp};

impl Cx<'_> {
    /// The file's `[[source]]` tables, indexed for the facts that cite them.
    pub(super) fn sources(&mut self) -> Vec<Source> {
        let raw = self.raw;
        unique_ids(self, "source", raw.sources.iter().filter_map(|s| s.id.as_ref()));
        let mut sources = Vec::new();
        for s in &raw.sources {
            if let (Some(id), Some(citation)) = (&s.id, &s.citation) {
                self.sources.entry(id.value.clone()).or_insert(sources.len());
                sources.push(Source {
                    id: id.value.clone(),
                    citation: citation.value.clone(),
                    url: s.url.as_ref().map(|u| u.value.clone()),
                });
            }
        }
        sources
    }

    /// The id must be the file's name: `casus treaty ID` finds the file by it. A generated
    /// treaty has no file of its own (its path names the file it came from).
    pub(super) fn file_name_matches(&mut self, id: &Sp<String>) {
        if self.raw.file.is_generated() {
            return;
        }
        let stem = std::path::Path::new(self.raw.file.path())
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        if !stem.is_empty() && stem != id.value {
            self.diags.push(
                Diagnostic::error(
                    Code::IdMismatch,
                    format!("treaty id `{}` differs from its file name `{stem}`", id.value),
                )
                .at(self.loc(id.span.clone()))
                .help(format!("rename the file to `{}.toml` or set `id = \"{stem}\"`", id.value)),
            );
        }
    }

    /// The status timeline, which must run forwards.
    pub(super) fn statuses(&mut self) -> Vec<StatusEntry> {
        let raw = self.raw;
        let mut statuses = Vec::new();
        let mut last: Option<&Sp<jiff::civil::Date>> = None;
        for s in &raw.statuses {
            let status = self.vocab(
                "status",
                s.status.as_ref(),
                StatusKind::parse,
                StatusKind::names().collect(),
                Code::InvalidValue,
            );
            let sourcing = self.sourcing(&s.sourcing, s.span.clone(), "status");
            if let (Some(d), Some(prev)) = (&s.date, last) {
                if d.value < prev.value {
                    let diag = Diagnostic::error(
                        Code::DatesOutOfOrder,
                        format!("status dated {} comes after one dated {}", d.value, prev.value),
                    )
                    .at(self.loc(d.span.clone()))
                    .related(self.loc(prev.span.clone()), "the later-dated status")
                    .help("list statuses in date order");
                    self.diags.push(diag);
                }
            }
            if let Some(d) = &s.date {
                last = Some(d);
            }
            if let (Some(status), Some(date)) = (status, &s.date) {
                statuses.push(StatusEntry { status, date: date.value, sourcing });
            }
        }
        statuses
    }

    /// The memberships, resolved to states by date, with no overlap for one state.
    pub(super) fn parties(&mut self) -> Vec<Membership> {
        let raw = self.raw;
        let mut parties = Vec::new();
        for p in &raw.parties {
            let sourcing = self.sourcing(&p.sourcing, p.span.clone(), "party");
            if let (Some(code), Some(joined)) = (&p.state, &p.joined) {
                if let Some(m) = self.membership(
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
        self.check_overlaps(&parties);
        parties
    }

    /// The suspensions of directed legs.
    pub(super) fn suspensions(&mut self) -> Vec<Suspension> {
        let raw = self.raw;
        let mut suspensions = Vec::new();
        for s in &raw.suspensions {
            let sourcing = self.sourcing(&s.sourcing, s.span.clone(), "suspension");
            let by = s.owed_by.as_ref().and_then(|c| self.states_of(c, "state"));
            let to = s.owed_to.as_ref().and_then(|c| self.states_of(c, "state"));
            let interval = self.interval(s.from.as_ref(), s.until.as_ref());
            if let (Some(owed_by), Some(owed_to), Some(interval)) = (by, to, interval) {
                suspensions.push(Suspension {
                    owed_by,
                    owed_to,
                    interval,
                    sourcing,
                    loc: self.loc(s.span.clone()),
                });
            }
        }
        suspensions
    }

    /// The articles, and their ids for the references to them.
    pub(super) fn articles(&mut self, versions: &[Version]) -> (Vec<Article>, Vec<String>) {
        let raw = self.raw;
        unique_ids(self, "article", raw.articles.iter().filter_map(|a| a.id.as_ref()));
        let mut articles = Vec::new();
        let mut ids = Vec::new();
        for a in &raw.articles {
            let sourcing = self.sourcing(&a.sourcing, a.span.clone(), "article");
            let quality = self.vocab(
                "text quality",
                a.quality.as_ref(),
                TextQuality::parse,
                TextQuality::names().collect(),
                Code::InvalidValue,
            );
            let version = self.version_ref(a.version.as_ref(), versions);
            if let (Some(id), Some(text), Some(quality)) = (&a.id, &a.text, quality) {
                ids.push(id.value.clone());
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
                    version,
                    sourcing,
                });
            }
        }
        (articles, ids)
    }

    /// The variants of a proposal (and only of a proposal), each overriding obligations of
    /// the file.
    pub(super) fn variants(
        &mut self,
        kind: Option<InstrumentKind>,
        obligations: &[Obligation],
        party_set: &BTreeSet<StateId>,
    ) -> Vec<Variant> {
        let raw = self.raw;
        let is_proposal = kind == Some(InstrumentKind::Proposal);
        if let Some(v) = raw.variants.first().filter(|_| !is_proposal) {
            let d = Diagnostic::error(Code::VariantMisuse, "only a proposal can have variants")
                .at(self.loc(v.span.clone()))
                .help("set `kind = \"proposal\"` or remove the [[variant]] tables");
            self.diags.push(d);
        }
        if is_proposal && raw.variants.is_empty() {
            let d = Diagnostic::warning(Code::VariantMisuse, "a proposal without variants")
                .at(self.loc(raw.kind.as_ref().map_or(0..0, |k| k.span.clone())))
                .help("add at least one [[variant]] naming the form of protection");
            self.diags.push(d);
        }
        unique_ids(self, "variant", raw.variants.iter().filter_map(|v| v.id.as_ref()));
        let mut variants = Vec::new();
        for v in &raw.variants {
            let sourcing = self.sourcing(&v.sourcing, v.span.clone(), "variant");
            let overrides = v
                .overrides
                .iter()
                .filter_map(|o| self.override_of(o, obligations, party_set))
                .collect();
            if let (Some(id), Some(form)) = (&v.id, &v.form) {
                variants.push(Variant {
                    id: id.value.clone(),
                    title: v.title.as_ref().map(|t| t.value.clone()),
                    form: form.value.clone(),
                    version: None,
                    duration: None,
                    overrides,
                    sourcing,
                });
            }
        }
        variants
    }

    /// One override of a variant: the obligation it changes must exist.
    fn override_of(
        &mut self,
        o: &crate::raw::RawOverride,
        obligations: &[Obligation],
        party_set: &BTreeSet<StateId>,
    ) -> Option<Override> {
        let name = o.obligation.as_ref()?;
        let Some(index) = obligations.iter().position(|x| x.id == name.value) else {
            let help = did_you_mean(&name.value, obligations.iter().map(|x| x.id.as_str()))
                .map(|s| format!("did you mean `{s}`?"));
            let d = Diagnostic::error(
                Code::UnknownObligation,
                format!("unknown obligation `{}`", name.value),
            )
            .at(self.loc(name.span.clone()))
            .maybe_help(help);
            self.diags.push(d);
            return None;
        };
        let owed_by = o.owed_by.as_ref().and_then(|s| self.obligors(s, party_set));
        let strength = o.strength.as_ref().and_then(|s| {
            self.vocab(
                "strength",
                Some(s),
                Strength::parse,
                Strength::names().collect(),
                Code::UnknownStrength,
            )
        });
        let conditions = self.conditions(&o.conditions);
        Some(Override {
            obligation: index,
            article: None,
            labels: None,
            owed_by,
            strength,
            note: o.note.as_ref().map(|n| n.value.clone()),
            conditions,
        })
    }

    /// What was said about the instrument, in date order.
    pub(super) fn statements(&mut self, sources: &[Source]) -> Vec<Statement> {
        let raw = self.raw;
        let mut statements = Vec::new();
        for st in &raw.statements {
            let sourcing = self.sourcing(&st.sourcing, st.span.clone(), "statement");
            let stance = self.vocab(
                "stance",
                st.stance.as_ref(),
                Stance::parse,
                Stance::names().collect(),
                Code::InvalidValue,
            );
            let quality = self.vocab(
                "text quality",
                st.quality.as_ref(),
                TextQuality::parse,
                TextQuality::names().collect(),
                Code::InvalidValue,
            );
            let state = st.state.as_ref().and_then(|c| {
                self.states_of(c, "state")?;
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
                    sources: sourcing
                        .sources
                        .iter()
                        .filter_map(|i| sources.get(*i).cloned())
                        .collect(),
                    uncertain: sourcing.uncertain.as_deref().map(str::to_owned),
                    note: sourcing.note.as_deref().map(str::to_owned),
                });
            }
        }
        statements.sort_by(|a, b| (a.date, &a.speaker).cmp(&(b.date, &b.speaker)));
        statements
    }

    /// The documented differences from ATOP, each with its reason: its own `why`, or the
    /// text of the `[[explanation]]` it names.
    pub(super) fn atop_differences(&mut self) -> Vec<AtopDifference> {
        let raw = self.raw;
        unique_ids(self, "explanation", raw.explanations.iter().filter_map(|e| e.id.as_ref()));
        let mut out = Vec::new();
        for a in &raw.atop_differences {
            let why = self.why(a);
            let field = self.vocab(
                "ATOP field",
                a.field.as_ref(),
                AtopField::parse,
                AtopField::names().collect(),
                Code::InvalidValue,
            );
            let states = a.state.as_ref().and_then(|c| self.states_of(c, "state"));
            if let (Some(field), Some(states), Some(why)) = (field, states, why) {
                out.push(AtopDifference {
                    states,
                    field,
                    ours: a.ours.as_ref().map(|x| x.value.clone()),
                    atop: a.atop.as_ref().map(|x| x.value.clone()),
                    why,
                });
            }
        }
        out
    }

    /// A difference's reason: exactly one of `why` and `explained-by` (an `[[explanation]]`
    /// of the file).
    fn why(&mut self, a: &RawAtopDifference) -> Option<String> {
        let explanations = &self.raw.explanations;
        match (&a.why, &a.explained_by) {
            (Some(why), None) => Some(why.value.clone()),
            (None, Some(by)) => {
                let found = explanations
                    .iter()
                    .find(|e| e.id.as_ref().is_some_and(|i| i.value == by.value))
                    .and_then(|e| e.text.as_ref().map(|t| t.value.trim().to_owned()));
                if found.is_none() {
                    let ids =
                        explanations.iter().filter_map(|e| e.id.as_ref()).map(|i| i.value.as_str());
                    let d = Diagnostic::error(
                        Code::UnknownExplanation,
                        format!("unknown explanation `{}`", by.value),
                    )
                    .at(self.loc(by.span.clone()))
                    .help(suggestion(&by.value, ids).unwrap_or_else(|| {
                        "add an [[explanation]] with this id and its text".to_owned()
                    }));
                    self.diags.push(d);
                }
                found
            }
            (both, _) => {
                let what = if both.is_some() {
                    "both `why` and `explained-by`"
                } else {
                    "neither `why` nor `explained-by`"
                };
                let d = Diagnostic::error(
                    Code::UnknownExplanation,
                    format!("an atop-difference gives {what}"),
                )
                .at(self.loc(a.span.clone()))
                .help(
                    "give its reason in `why`, or name a shared [[explanation]] in `explained-by`",
                );
                self.diags.push(d);
                None
            }
        }
    }
}
