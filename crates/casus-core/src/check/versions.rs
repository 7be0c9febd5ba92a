//! The versions of a proposal and what names them: a dated draft or declaration, the texts
//! that belong to it, the variants it puts on the table.
//!
//! ## What it checks
//! - `variant-misuse`: versions outside proposals; two versions on one date; a variant
//!   without a version in a file that has versions; a variant resting on a text of a later
//!   version than its own (a check dated before that text would quote it).
//! - `unknown-version`: an article or a variant naming a version the file lacks.
//! - `unknown-article`: a variant override naming an article the file lacks.

use std::collections::BTreeMap;

use super::lower::{unique_ids, Cx};
use crate::diag::{did_you_mean, Code, Diagnostic};
use crate::model::{Article, InstrumentKind, Obligation, Variant, Version};
use crate::raw::Sp;

impl Cx<'_> {
    /// The versions, by date.
    pub(super) fn versions(&mut self, kind: Option<InstrumentKind>) -> Vec<Version> {
        let raw = self.raw;
        if let Some(v) = raw.versions.first().filter(|_| kind != Some(InstrumentKind::Proposal)) {
            let d = Diagnostic::error(Code::VariantMisuse, "only a proposal can have versions")
                .at(self.loc(v.span.clone()))
                .help("set `kind = \"proposal\"` or remove the [[version]] tables");
            self.diags.push(d);
        }
        unique_ids(self, "version", raw.versions.iter().filter_map(|v| v.id.as_ref()));
        let mut by_date: BTreeMap<jiff::civil::Date, &Sp<String>> = BTreeMap::new();
        let mut out = Vec::new();
        for v in &raw.versions {
            let sourcing = self.sourcing(&v.sourcing, v.span.clone(), "version");
            let (Some(id), Some(date), Some(title)) = (&v.id, &v.date, &v.title) else {
                continue;
            };
            if let Some(other) = by_date.insert(date.value, id) {
                let msg = format!(
                    "versions `{}` and `{}` share the date {}: one would hide the other",
                    other.value, id.value, date.value
                );
                let d = Diagnostic::error(Code::VariantMisuse, msg)
                    .at(self.loc(date.span.clone()))
                    .help("give each version the first day it was the state of the proposal");
                self.diags.push(d);
            }
            out.push(Version {
                id: id.value.clone(),
                date: date.value,
                title: title.value.clone(),
                summary: v.summary.as_ref().map(|s| s.value.clone()),
                sourcing,
            });
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// The index of the version `name` names, or a diagnostic.
    pub(super) fn version_ref(
        &mut self,
        name: Option<&Sp<String>>,
        versions: &[Version],
    ) -> Option<usize> {
        let name = name?;
        if let Some(i) = versions.iter().position(|v| v.id == name.value) {
            return Some(i);
        }
        let help = did_you_mean(&name.value, versions.iter().map(|v| v.id.as_str()))
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some("declare it in a [[version]] table (id, date, title)".to_owned()));
        let d =
            Diagnostic::error(Code::UnknownVersion, format!("unknown version `{}`", name.value))
                .at(self.loc(name.span.clone()))
                .maybe_help(help);
        self.diags.push(d);
        None
    }

    /// Links the variants to their versions and their own articles: every variant of a file
    /// with versions names one, and none rests on a text of a later version.
    pub(super) fn link_variants(
        &mut self,
        variants: &mut [Variant],
        versions: &[Version],
        articles: &[Article],
        obligations: &[Obligation],
    ) {
        let raw = self.raw;
        for (v, rv) in variants
            .iter_mut()
            .zip(raw.variants.iter().filter(|r| r.id.is_some() && r.form.is_some()))
        {
            v.version = self.version_ref(rv.version.as_ref(), versions);
            v.duration = rv.duration.as_ref().map(|d| d.value.clone());
            if rv.version.is_none() && !versions.is_empty() {
                let d = Diagnostic::error(
                    Code::VariantMisuse,
                    format!("variant `{}` names no version", v.id),
                )
                .at(self.loc(rv.span.clone()))
                .help("add `version = \"<id>\"`: the file's options belong to dated versions");
                self.diags.push(d);
            }
            for (o, ro) in
                v.overrides.iter_mut().zip(rv.overrides.iter().filter(|r| r.obligation.is_some()))
            {
                let Some(name) = &ro.article else { continue };
                match articles.iter().position(|a| a.id == name.value) {
                    Some(i) => o.article = Some(i),
                    None => {
                        let help =
                            did_you_mean(&name.value, articles.iter().map(|a| a.id.as_str()))
                                .map(|s| format!("did you mean `{s}`?"));
                        let d = Diagnostic::error(
                            Code::UnknownArticle,
                            format!("unknown article `{}`", name.value),
                        )
                        .at(self.loc(name.span.clone()))
                        .maybe_help(help);
                        self.diags.push(d);
                    }
                }
            }
            self.no_later_text(v, rv.span.clone(), versions, articles, obligations);
        }
    }

    /// A variant quotes, for each obligation it changes, its own article or the obligation's;
    /// that text must not belong to a version later than the variant's.
    fn no_later_text(
        &mut self,
        v: &Variant,
        span: std::ops::Range<usize>,
        versions: &[Version],
        articles: &[Article],
        obligations: &[Obligation],
    ) {
        let Some(own) = v.version.and_then(|i| versions.get(i)) else { return };
        for o in &v.overrides {
            let article = o.article.or_else(|| obligations.get(o.obligation).map(|x| x.article));
            let Some(a) = article.and_then(|i| articles.get(i)) else { continue };
            let Some(later) = a.version.and_then(|i| versions.get(i)).filter(|x| x.date > own.date)
            else {
                continue;
            };
            let msg = format!(
                "variant `{}` of version `{}` ({}) rests on article `{}` of version `{}` ({})",
                v.id, own.id, own.date, a.id, later.id, later.date
            );
            let d = Diagnostic::error(Code::VariantMisuse, msg)
                .at(self.loc(span.clone()))
                .help("give the override the `article` of its own version");
            self.diags.push(d);
        }
    }
}
