//! The raw mirror of a treaty file (`data/treaties/<id>.toml`), as written, with spans.
//! Nothing here is checked beyond TOML types and known keys; `check` does the rest.
#![allow(missing_docs, reason = "the fields mirror the keys documented in docs/format.md")]

use std::sync::Arc;

use jiff::civil::Date;

use super::reader::{parse_document, Sp, StrOrList, TableReader};
use super::schema;
use crate::diag::Diagnostics;
use crate::source::SourceFile;

/// Facts every sourced item may carry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawSourcing {
    /// Source ids cited (`source = "a"` or `sources = ["a", "b"]`).
    pub sources: Vec<Sp<String>>,
    /// Why the fact is not confirmed.
    pub uncertain: Option<Sp<String>>,
    /// A free note.
    pub note: Option<Sp<String>>,
}

/// A treaty file.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTreaty {
    /// The file read.
    pub file: Arc<SourceFile>,
    /// Span of the whole document.
    pub span: std::ops::Range<usize>,
    /// Errors found while reading (syntax, unknown keys, wrong types): a file with any is
    /// left out of the dataset, whatever the parser recovered.
    pub read_errors: usize,
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub short_title: Option<Sp<String>>,
    pub kind: Option<Sp<String>>,
    pub atopid: Option<Sp<i64>>,
    pub summary: Option<Sp<String>>,
    pub sources: Vec<RawSource>,
    pub statuses: Vec<RawStatus>,
    pub parties: Vec<RawParty>,
    pub suspensions: Vec<RawSuspension>,
    pub articles: Vec<RawArticle>,
    pub scopes: Vec<RawScope>,
    pub obligations: Vec<RawObligation>,
    pub variants: Vec<RawVariant>,
    pub versions: Vec<RawVersion>,
    pub statements: Vec<RawStatement>,
    pub atop_differences: Vec<RawAtopDifference>,
    pub explanations: Vec<RawExplanation>,
}

/// `[[version]]`: a dated state of a proposal (a draft, a declaration), from its date until
/// the next version.
#[derive(Debug, Clone, PartialEq)]
pub struct RawVersion {
    pub span: std::ops::Range<usize>,
    pub id: Option<Sp<String>>,
    pub date: Option<Sp<Date>>,
    pub title: Option<Sp<String>>,
    pub summary: Option<Sp<String>>,
    pub sourcing: RawSourcing,
}

/// `[[statement]]`: who said what about the instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct RawStatement {
    pub span: std::ops::Range<usize>,
    pub date: Option<Sp<Date>>,
    pub speaker: Option<Sp<String>>,
    pub role: Option<Sp<String>>,
    pub state: Option<Sp<String>>,
    pub stance: Option<Sp<String>>,
    pub text: Option<Sp<String>>,
    pub quality: Option<Sp<String>>,
    pub about: Option<Sp<String>>,
    pub sourcing: RawSourcing,
}

/// `[[atop-difference]]`: a known, explained difference from ATOP 5.1's coding.
#[derive(Debug, Clone, PartialEq)]
pub struct RawAtopDifference {
    pub span: std::ops::Range<usize>,
    pub state: Option<Sp<String>>,
    pub field: Option<Sp<String>>,
    pub ours: Option<Sp<String>>,
    pub atop: Option<Sp<String>>,
    pub why: Option<Sp<String>>,
    pub explained_by: Option<Sp<String>>,
}

/// `[[explanation]]`: a reason written once in a file and named by `explained-by`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawExplanation {
    pub span: std::ops::Range<usize>,
    pub id: Option<Sp<String>>,
    pub text: Option<Sp<String>>,
}

/// `[[source]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSource {
    pub span: std::ops::Range<usize>,
    pub id: Option<Sp<String>>,
    pub citation: Option<Sp<String>>,
    pub url: Option<Sp<String>>,
}

/// `[[status]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawStatus {
    pub span: std::ops::Range<usize>,
    pub status: Option<Sp<String>>,
    pub date: Option<Sp<Date>>,
    pub sourcing: RawSourcing,
}

/// `[[party]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawParty {
    pub span: std::ops::Range<usize>,
    pub state: Option<Sp<String>>,
    pub joined: Option<Sp<Date>>,
    pub left: Option<Sp<Date>>,
    pub role: Option<Sp<String>>,
    pub sourcing: RawSourcing,
}

/// `[[suspension]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSuspension {
    pub span: std::ops::Range<usize>,
    pub owed_by: Option<Sp<String>>,
    pub owed_to: Option<Sp<String>>,
    pub from: Option<Sp<Date>>,
    pub until: Option<Sp<Date>>,
    pub sourcing: RawSourcing,
}

/// `[[article]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawArticle {
    pub span: std::ops::Range<usize>,
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub text: Option<Sp<String>>,
    pub quality: Option<Sp<String>>,
    pub operative: Option<Sp<String>>,
    pub version: Option<Sp<String>>,
    pub sourcing: RawSourcing,
}

/// `[[scope]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawScope {
    pub span: std::ops::Range<usize>,
    pub id: Option<Sp<String>>,
    pub article: Option<Sp<String>>,
    pub from: Option<Sp<Date>>,
    pub until: Option<Sp<Date>>,
    pub clauses: Vec<RawClause>,
    pub note: Option<Sp<String>>,
    /// How casus reads the scope's text (audited): which clause encodes which words.
    pub reading: Option<Sp<String>>,
}

/// One clause of a scope.
#[derive(Debug, Clone, PartialEq)]
pub struct RawClause {
    pub span: std::ops::Range<usize>,
    pub label: Option<Sp<String>>,
    pub targets: Option<Vec<Sp<String>>>,
    pub held_by: Option<Sp<StrOrList>>,
    pub administered_by: Option<Sp<StrOrList>>,
    pub continent: Option<Vec<Sp<String>>>,
    pub region: Option<Vec<Sp<String>>>,
    pub not_region: Option<Vec<Sp<String>>>,
    pub island: Option<Sp<bool>>,
    pub metropolitan: Option<Sp<bool>>,
    pub sea: Option<Vec<Sp<String>>>,
    pub coast: Option<Vec<Sp<String>>>,
    pub area: Option<Vec<Sp<String>>>,
    pub not_area: Option<Vec<Sp<String>>>,
    pub north_of: Option<Sp<f64>>,
    pub south_of: Option<Sp<f64>>,
    pub from: Option<Sp<Date>>,
    pub until: Option<Sp<Date>>,
}

/// `[[obligation]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawObligation {
    pub span: std::ops::Range<usize>,
    pub id: Option<Sp<String>>,
    pub article: Option<Sp<String>>,
    pub kind: Option<Sp<String>>,
    pub strength: Option<Sp<String>>,
    pub owed_by: Option<Sp<StrOrList>>,
    pub owed_by_except: Option<Vec<Sp<String>>>,
    pub owed_to: Option<Sp<StrOrList>>,
    pub attack_by: Option<Sp<StrOrList>>,
    pub attack_by_label: Option<Sp<String>>,
    pub targets: Option<Vec<Sp<String>>>,
    pub scope: Option<Sp<StrOrList>>,
    pub from: Option<Sp<Date>>,
    pub until: Option<Sp<Date>>,
    pub conditions: Vec<RawCondition>,
    pub reservations: Vec<RawReservation>,
    pub sourcing: RawSourcing,
}

/// `[[obligation.condition]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCondition {
    pub span: std::ops::Range<usize>,
    pub fact: Option<Sp<String>>,
    pub must_be: Option<Sp<bool>>,
    pub if_unknown: Option<Sp<String>>,
    pub text: Option<Sp<String>>,
    pub why: Option<Sp<String>>,
}

/// `[[obligation.reservation]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawReservation {
    pub span: std::ops::Range<usize>,
    pub states: Option<Vec<Sp<String>>>,
    pub text: Option<Sp<String>>,
    pub effect: Option<Sp<String>>,
    pub from: Option<Sp<jiff::civil::Date>>,
    pub until: Option<Sp<jiff::civil::Date>>,
}

/// `[[variant]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawVariant {
    pub span: std::ops::Range<usize>,
    pub id: Option<Sp<String>>,
    pub title: Option<Sp<String>>,
    pub form: Option<Sp<String>>,
    pub version: Option<Sp<String>>,
    pub duration: Option<Sp<String>>,
    pub overrides: Vec<RawOverride>,
    pub sourcing: RawSourcing,
}

/// `[[variant.override]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawOverride {
    pub span: std::ops::Range<usize>,
    pub obligation: Option<Sp<String>>,
    pub article: Option<Sp<String>>,
    pub owed_by: Option<Sp<StrOrList>>,
    pub strength: Option<Sp<String>>,
    pub note: Option<Sp<String>>,
    pub conditions: Vec<RawCondition>,
}

fn sourcing(r: &TableReader<'_, '_>, diags: &mut Diagnostics) -> RawSourcing {
    let mut sources = Vec::new();
    if let Some(s) = r.str("source", diags) {
        sources.push(s);
    }
    if let Some(list) = r.str_list("sources", diags) {
        sources.extend(list);
    }
    RawSourcing { sources, uncertain: r.str("uncertain", diags), note: r.str("note", diags) }
}

/// Reads a treaty file. Never fails: problems become diagnostics.
pub fn read_treaty(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> RawTreaty {
    let errors_before = diags.error_count();
    let doc = parse_document(file, diags);
    let top = TableReader::new(file, doc.get_ref(), doc.span(), &schema::TREATY, diags);
    let mut raw = RawTreaty {
        file: Arc::clone(file),
        span: doc.span(),
        read_errors: 0,
        id: top.req_str("id", diags),
        title: top.req_str("title", diags),
        short_title: top.str("short-title", diags),
        kind: top.req_str("kind", diags),
        atopid: top.int("atopid", diags),
        summary: top.str("summary", diags),
        sources: read_sources(&top, diags),
        statuses: read_statuses(&top, diags),
        parties: read_parties(&top, diags),
        suspensions: read_suspensions(&top, diags),
        articles: read_articles(&top, diags),
        scopes: read_scopes(&top, diags),
        obligations: read_obligations(&top, diags),
        variants: read_variants(&top, diags),
        versions: read_versions(&top, diags),
        statements: read_statements(&top, diags),
        atop_differences: read_atop_differences(&top, diags),
        explanations: read_explanations(&top, diags),
    };
    raw.read_errors = diags.error_count() - errors_before;
    raw
}

/// The `[[source]]` tables.
fn read_sources(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawSource> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("source", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::SOURCE, diags);
        out.push(RawSource {
            span,
            id: r.req_str("id", diags),
            citation: r.req_str("citation", diags),
            url: r.str("url", diags),
        });
    }
    out
}

/// The `[[status]]` tables.
fn read_statuses(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawStatus> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("status", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::STATUS, diags);
        out.push(RawStatus {
            span,
            status: r.req_str("status", diags),
            date: r.req_date("date", diags),
            sourcing: sourcing(&r, diags),
        });
    }
    out
}

/// The `[[party]]` tables.
fn read_parties(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawParty> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("party", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::PARTY, diags);
        out.push(RawParty {
            span,
            state: r.req_str("state", diags),
            joined: r.req_date("joined", diags),
            left: r.date("left", diags),
            role: r.str("role", diags),
            sourcing: sourcing(&r, diags),
        });
    }
    out
}

/// The `[[suspension]]` tables.
fn read_suspensions(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawSuspension> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("suspension", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::SUSPENSION, diags);
        out.push(RawSuspension {
            span,
            owed_by: r.req_str("owed-by", diags),
            owed_to: r.req_str("owed-to", diags),
            from: r.req_date("from", diags),
            until: r.date("until", diags),
            sourcing: sourcing(&r, diags),
        });
    }
    out
}

/// The `[[article]]` tables.
fn read_articles(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawArticle> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("article", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::ARTICLE, diags);
        out.push(RawArticle {
            span,
            id: r.req_str("id", diags),
            title: r.str("title", diags),
            text: r.req_str("text", diags),
            quality: r.req_str("quality", diags),
            operative: r.str("operative", diags),
            version: r.str("version", diags),
            sourcing: sourcing(&r, diags),
        });
    }
    out
}

/// The `[[scope]]` tables.
fn read_scopes(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawScope> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("scope", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::SCOPE, diags);
        let clauses = r
            .tables("clauses", diags)
            .into_iter()
            .map(|(c, cspan)| read_clause(file, c, cspan, diags))
            .collect();
        out.push(RawScope {
            span,
            id: r.req_str("id", diags),
            article: r.str("article", diags),
            from: r.date("from", diags),
            until: r.date("until", diags),
            clauses,
            note: r.str("note", diags),
            reading: r.str("reading", diags),
        });
    }
    out
}

/// The `[[statement]]` tables.
fn read_statements(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawStatement> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("statement", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::STATEMENT, diags);
        out.push(RawStatement {
            span,
            date: r.req_date("date", diags),
            speaker: r.req_str("speaker", diags),
            role: r.str("role", diags),
            state: r.str("state", diags),
            stance: r.req_str("stance", diags),
            text: r.req_str("text", diags),
            quality: r.req_str("quality", diags),
            about: r.str("about", diags),
            sourcing: sourcing(&r, diags),
        });
    }
    out
}

/// The `[[atop-difference]]` tables.
fn read_atop_differences(
    top: &TableReader<'_, '_>,
    diags: &mut Diagnostics,
) -> Vec<RawAtopDifference> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("atop-difference", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::ATOP_DIFFERENCE, diags);
        out.push(RawAtopDifference {
            span,
            state: r.req_str("state", diags),
            field: r.req_str("field", diags),
            ours: r.str("ours", diags),
            atop: r.str("atop", diags),
            why: r.str("why", diags),
            explained_by: r.str("explained-by", diags),
        });
    }
    out
}

/// The `[[explanation]]` tables.
fn read_explanations(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawExplanation> {
    top.tables("explanation", diags)
        .into_iter()
        .map(|(tbl, span)| {
            let r = TableReader::new(top.file(), tbl, span.clone(), &schema::EXPLANATION, diags);
            RawExplanation { span, id: r.req_str("id", diags), text: r.req_str("text", diags) }
        })
        .collect()
}

/// The `[[obligation]]` tables.
fn read_obligations(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawObligation> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("obligation", diags) {
        out.push(read_obligation(file, tbl, span, diags));
    }
    out
}

/// The `[[version]]` tables.
fn read_versions(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawVersion> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("version", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::VERSION, diags);
        out.push(RawVersion {
            span,
            id: r.req_str("id", diags),
            date: r.req_date("date", diags),
            title: r.req_str("title", diags),
            summary: r.str("summary", diags),
            sourcing: sourcing(&r, diags),
        });
    }
    out
}

/// The `[[variant]]` tables.
fn read_variants(top: &TableReader<'_, '_>, diags: &mut Diagnostics) -> Vec<RawVariant> {
    let file = top.file();
    let mut out = Vec::new();
    for (tbl, span) in top.tables("variant", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::VARIANT, diags);
        let mut overrides = Vec::new();
        for (o, ospan) in r.tables("override", diags) {
            let or = TableReader::new(file, o, ospan.clone(), &schema::OVERRIDE, diags);
            overrides.push(RawOverride {
                span: ospan,
                obligation: or.req_str("obligation", diags),
                article: or.str("article", diags),
                owed_by: or.str_or_list("owed-by", diags),
                strength: or.str("strength", diags),
                note: or.str("note", diags),
                conditions: read_conditions(file, &or, diags),
            });
        }
        out.push(RawVariant {
            span,
            id: r.req_str("id", diags),
            title: r.str("title", diags),
            form: r.req_str("form", diags),
            version: r.str("version", diags),
            duration: r.str("duration", diags),
            overrides,
            sourcing: sourcing(&r, diags),
        });
    }
    out
}

fn read_clause(
    file: &Arc<SourceFile>,
    tbl: &toml::de::DeTable<'_>,
    span: std::ops::Range<usize>,
    diags: &mut Diagnostics,
) -> RawClause {
    let r = TableReader::new(file, tbl, span.clone(), &schema::CLAUSE, diags);
    RawClause {
        span,
        label: r.str("label", diags),
        targets: r.str_list("targets", diags),
        held_by: r.str_or_list("held-by", diags),
        administered_by: r.str_or_list("administered-by", diags),
        continent: r.str_list("continent", diags),
        region: r.str_list("region", diags),
        not_region: r.str_list("not-region", diags),
        island: r.bool("island", diags),
        metropolitan: r.bool("metropolitan", diags),
        sea: r.str_list("sea", diags),
        coast: r.str_list("coast", diags),
        area: r.str_list("area", diags),
        not_area: r.str_list("not-area", diags),
        north_of: r.number("north-of", diags),
        south_of: r.number("south-of", diags),
        from: r.date("from", diags),
        until: r.date("until", diags),
    }
}

fn read_obligation(
    file: &Arc<SourceFile>,
    tbl: &toml::de::DeTable<'_>,
    span: std::ops::Range<usize>,
    diags: &mut Diagnostics,
) -> RawObligation {
    let r = TableReader::new(file, tbl, span.clone(), &schema::OBLIGATION, diags);
    let conditions = read_conditions(file, &r, diags);
    let mut reservations = Vec::new();
    for (c, cspan) in r.tables("reservation", diags) {
        let cr = TableReader::new(file, c, cspan.clone(), &schema::RESERVATION, diags);
        reservations.push(RawReservation {
            span: cspan,
            states: cr.str_list("states", diags),
            text: cr.req_str("text", diags),
            effect: cr.str("effect", diags),
            from: cr.date("from", diags),
            until: cr.date("until", diags),
        });
    }
    RawObligation {
        span,
        id: r.req_str("id", diags),
        article: r.req_str("article", diags),
        kind: r.req_str("kind", diags),
        strength: r.req_str("strength", diags),
        owed_by: {
            if !r.has("owed-by") {
                r.missing("owed-by", diags);
            }
            r.str_or_list("owed-by", diags)
        },
        owed_by_except: r.str_list("owed-by-except", diags),
        owed_to: {
            if !r.has("owed-to") {
                r.missing("owed-to", diags);
            }
            r.str_or_list("owed-to", diags)
        },
        attack_by: r.str_or_list("attack-by", diags),
        attack_by_label: r.str("attack-by-label", diags),
        targets: r.str_list("targets", diags),
        scope: r.str_or_list("scope", diags),
        from: r.date("from", diags),
        until: r.date("until", diags),
        conditions,
        reservations,
        sourcing: sourcing(&r, diags),
    }
}

fn read_conditions(
    file: &Arc<SourceFile>,
    r: &TableReader<'_, '_>,
    diags: &mut Diagnostics,
) -> Vec<RawCondition> {
    let mut conditions = Vec::new();
    for (c, cspan) in r.tables("condition", diags) {
        let cr = TableReader::new(file, c, cspan.clone(), &schema::CONDITION, diags);
        conditions.push(RawCondition {
            span: cspan,
            fact: cr.req_str("fact", diags),
            must_be: {
                if !cr.has("must-be") {
                    cr.missing("must-be", diags);
                }
                cr.bool("must-be", diags)
            },
            if_unknown: cr.str("if-unknown", diags),
            text: cr.str("text", diags),
            why: cr.str("why", diags),
        });
    }
    conditions
}
