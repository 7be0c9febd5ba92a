//! `GET /v1/treaties` and `GET /v1/treaties/{id}`: the instruments, and one of them on a date
//! with its parties, articles, statements and sources (`casus treaty`, `casus statements`).

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use casus_core::diag::{suggestion, Code};
use casus_core::input::echo;
use casus_core::model::{
    Dataset, InstrumentKind, ObligationKind, Source, Statement, StatusKind, Strength, TextQuality,
    Treaty,
};
use jiff::civil::Date;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::{json_response, schema, StateBrief};
use crate::error::{problem, ApiError};
use crate::extract::{parse_date, Params};
use crate::AppState;

/// The query of the treaty routes.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code, reason = "parameters are read by `Params`; this documents them")]
pub(crate) struct DateParams {
    /// The date, `YYYY-MM-DD` (default: today, UTC).
    #[param(example = "1955-05-06")]
    date: Option<String>,
}

/// Who an instrument is: the fields every treaty answer starts with.
#[derive(Serialize, ToSchema)]
pub(crate) struct TreatyIdentity {
    /// Id (the file name).
    id: String,
    /// Its title as the instrument gives it.
    title: String,
    /// Short title.
    short_title: Option<String>,
    /// What the instrument is: treaty, declaration, statute, guarantee or proposal.
    #[schema(value_type = schema::vocab::InstrumentKind)]
    kind: InstrumentKind,
    /// ATOP alliance id.
    atopid: Option<u32>,
}

impl TreatyIdentity {
    fn of(t: &Treaty) -> Self {
        Self {
            id: t.id().as_str().to_owned(),
            title: t.title().to_owned(),
            short_title: t.short_title().map(str::to_owned),
            kind: t.kind(),
            atopid: t.atopid(),
        }
    }
}

/// One instrument, briefly.
#[derive(Serialize, ToSchema)]
pub(crate) struct TreatySummary {
    #[serde(flatten)]
    identity: TreatyIdentity,
    /// Status on the date; null before the first status.
    #[schema(value_type = Option<schema::vocab::StatusKind>)]
    status: Option<StatusKind>,
    /// In force on the date.
    in_force: bool,
    /// How many parties on the date.
    parties: usize,
    /// Variant ids (proposals).
    variants: Vec<String>,
    /// How many statements are recorded about it.
    statements: usize,
}

/// The instruments on a date.
#[derive(Serialize, ToSchema)]
pub(crate) struct TreatyList {
    /// The date.
    #[schema(value_type = String, format = Date)]
    date: Date,
    /// Every instrument, ordered by id.
    treaties: Vec<TreatySummary>,
}

/// A status entry.
#[derive(Serialize, ToSchema)]
pub(crate) struct StatusOut {
    /// The status from this date.
    #[schema(value_type = schema::vocab::StatusKind)]
    status: StatusKind,
    /// The date.
    #[schema(value_type = String, format = Date)]
    date: Date,
    /// Why the fact is not confirmed, if it is not.
    uncertain: Option<String>,
    /// A note.
    note: Option<String>,
}

/// Which state held a membership's code over which days.
#[derive(Serialize, ToSchema)]
pub(crate) struct Holder {
    /// The state.
    state: StateBrief,
    /// First day.
    #[schema(value_type = String, format = Date)]
    from: Date,
    /// First day no longer (open if null).
    #[schema(value_type = Option<String>, format = Date)]
    until: Option<Date>,
}

/// A membership: a code over an interval, and the states that held the code in it.
#[derive(Serialize, ToSchema)]
pub(crate) struct MembershipOut {
    /// The code as written in the treaty file.
    code: String,
    /// The day it joined.
    #[schema(value_type = String, format = Date)]
    joined: Date,
    /// The first day it was no longer a party (open if null).
    #[schema(value_type = Option<String>, format = Date)]
    left: Option<Date>,
    /// Role (guarantor, guaranteed, ...).
    role: Option<String>,
    /// Why the fact is not confirmed, if it is not.
    uncertain: Option<String>,
    /// The states holding the code over the membership (the FRG, then Germany).
    holders: Vec<Holder>,
}

/// An article.
#[derive(Serialize, ToSchema)]
pub(crate) struct ArticleOut {
    /// Its stable id within the treaty file (obligations, articles, variants are named by it).
    id: String,
    /// Its title as the instrument gives it.
    title: String,
    /// The text.
    text: String,
    /// The operative sentence the memo quotes.
    operative: String,
    /// How faithful the text is.
    #[schema(value_type = schema::vocab::TextQuality)]
    quality: TextQuality,
}

/// An obligation, briefly.
#[derive(Serialize, ToSchema)]
pub(crate) struct ObligationOut {
    /// Its stable id within the treaty file (obligations, articles, variants are named by it).
    id: String,
    /// The article id.
    article: Option<String>,
    /// What the duty is: defense, offense, neutrality, non-aggression or consultation.
    #[schema(value_type = schema::vocab::ObligationKind)]
    kind: ObligationKind,
    /// How strong the duty is, from `automatic_all_forces` to `consult_only` (docs/format.md).
    #[schema(value_type = schema::vocab::Strength)]
    strength: Strength,
}

/// A variant of a proposal.
#[derive(Serialize, ToSchema)]
pub(crate) struct VariantOut {
    /// Its stable id within the treaty file (obligations, articles, variants are named by it).
    id: String,
    /// Its title as the text gives it, if it has one.
    title: Option<String>,
    /// The form of protection.
    form: String,
}

/// One instrument on a date.
#[derive(Serialize, ToSchema)]
pub(crate) struct TreatyDetail {
    #[serde(flatten)]
    identity: TreatyIdentity,
    /// A summary of the instrument: its dates, parties and operative clause.
    summary: Option<String>,
    /// The date asked about.
    #[schema(value_type = String, format = Date)]
    date: Date,
    /// In force on the date.
    in_force: bool,
    /// The status timeline.
    status: Vec<StatusOut>,
    /// The parties on the date, by code.
    parties_on_date: Vec<StateBrief>,
    /// Every membership, as written.
    memberships: Vec<MembershipOut>,
    /// The articles.
    articles: Vec<ArticleOut>,
    /// The obligations.
    obligations: Vec<ObligationOut>,
    /// Variants (proposals).
    variants: Vec<VariantOut>,
    /// Where an attack must happen: the scopes, with how casus reads them.
    scopes: Vec<super::areas::ScopeOut>,
    /// The treaty areas its scopes name or its text defines, to draw.
    areas: Vec<super::areas::AreaOut>,
    /// What was said about it, in date order.
    #[schema(value_type = Vec<schema::Statement>)]
    statements: Vec<Statement>,
    /// Its sources.
    #[schema(value_type = Vec<schema::Source>)]
    sources: Vec<Source>,
}

/// List the instruments.
///
/// Every instrument of the dataset, ordered by id, with its status and number of parties on
/// the date.
#[utoipa::path(
    get,
    path = "/v1/treaties",
    tag = "treaties",
    params(DateParams),
    responses(
        (status = 200, description = "The instruments", body = TreatyList),
        (status = 422, description = "An impossible date or an unknown parameter", body = schema::ErrorBody),
    )
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let date = date_param(raw.as_deref())?;
    let ds = state.dataset();
    let treaties = ds
        .treaties()
        .iter()
        .map(|t| TreatySummary {
            identity: TreatyIdentity::of(t),
            status: t.status_on(date).map(|s| s.status()),
            in_force: t.in_force_on(date),
            parties: t.parties_on(date).len(),
            variants: t.variants().iter().map(|v| v.id().to_owned()).collect(),
            statements: t.statements().len(),
        })
        .collect();
    json_response(&TreatyList { date, treaties })
}

/// Show an instrument.
///
/// Its status timeline, its parties on the date, every membership with the states that held
/// its code, its articles, obligations, variants, statements and sources.
#[utoipa::path(
    get,
    path = "/v1/treaties/{id}",
    tag = "treaties",
    params(("id" = String, Path, description = "Treaty id", example = "north-atlantic-treaty"), DateParams),
    responses(
        (status = 200, description = "The instrument", body = TreatyDetail),
        (status = 404, description = "No treaty has this id", body = schema::ErrorBody),
        (status = 422, description = "An impossible date or an unknown parameter", body = schema::ErrorBody),
    )
)]
pub(crate) async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let date = date_param(raw.as_deref())?;
    let ds = state.dataset();
    let Some(t) = ds.treaty(&id) else {
        let help = suggestion(&id, ds.treaty_ids());
        return Err(ApiError::NotFound(Box::new(problem(
            Code::UnknownTreaty,
            Some("id"),
            format!("unknown treaty `{}`", echo(&id)),
            help.or_else(|| Some("GET /v1/treaties lists them".to_owned())),
        ))));
    };
    json_response(&detail(ds, t, date))
}

fn date_param(raw: Option<&str>) -> Result<Date, ApiError> {
    let params = Params::parse(raw, &["date"])?;
    parse_date(params.get("date"), "date").map_err(|d| ApiError::Invalid(vec![*d]))
}

fn detail(ds: &Dataset, t: &Treaty, date: Date) -> TreatyDetail {
    TreatyDetail {
        identity: TreatyIdentity::of(t),
        summary: t.summary().map(str::to_owned),
        date,
        in_force: t.in_force_on(date),
        status: t
            .statuses()
            .iter()
            .map(|s| StatusOut {
                status: s.status(),
                date: s.date(),
                uncertain: s.sourcing().uncertain().map(str::to_owned),
                note: s.sourcing().note().map(str::to_owned),
            })
            .collect(),
        parties_on_date: t
            .parties_on(date)
            .into_iter()
            .map(|id| StateBrief::of(ds, id, date))
            .collect(),
        memberships: t
            .parties()
            .iter()
            .map(|m| MembershipOut {
                code: m.code().to_owned(),
                joined: m.interval().from(),
                left: m.interval().until(),
                role: m.role().map(str::to_owned),
                uncertain: m.sourcing().uncertain().map(str::to_owned),
                holders: m
                    .segments()
                    .iter()
                    .map(|(id, i)| Holder {
                        state: StateBrief::of(ds, *id, i.from()),
                        from: i.from(),
                        until: i.until(),
                    })
                    .collect(),
            })
            .collect(),
        articles: t
            .articles()
            .iter()
            .map(|a| ArticleOut {
                id: a.id().to_owned(),
                title: a.title(),
                text: a.text().to_owned(),
                operative: a.operative().to_owned(),
                quality: a.quality(),
            })
            .collect(),
        obligations: t
            .obligations()
            .iter()
            .map(|o| ObligationOut {
                id: o.id().to_owned(),
                article: t.article_of(o).map(|a| a.id().to_owned()),
                kind: o.kind(),
                strength: o.strength(),
            })
            .collect(),
        scopes: t.scopes().iter().map(|sc| super::areas::ScopeOut::of(sc, date)).collect(),
        areas: super::areas::areas_of(ds, t),
        variants: t
            .variants()
            .iter()
            .map(|v| VariantOut {
                id: v.id().to_owned(),
                title: v.title().map(str::to_owned),
                form: v.form().to_owned(),
            })
            .collect(),
        statements: t.statements().to_vec(),
        sources: t.sources().to_vec(),
    }
}
