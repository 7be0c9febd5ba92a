//! `states.toml` as written: every state with its spans, before any checking (that is
//! `check::states`).

use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use super::reader::{parse_document, Sp, TableReader};
use super::schema;
use crate::diag::Diagnostics;
use crate::source::SourceFile;

/// The state registry file.
#[derive(Debug, Clone)]
pub struct RawStates {
    /// The file, for locations.
    pub file: Arc<SourceFile>,
    /// Its `[[source]]` ids.
    pub sources: Vec<Sp<String>>,
    /// Its states, in file order.
    pub states: Vec<RawState>,
}

/// One `[[state]]`.
#[derive(Debug, Clone)]
#[allow(missing_docs, reason = "the keys are documented in docs/format.md, section 1")]
pub struct RawState {
    pub span: Range<usize>,
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub names: Vec<RawPeriod>,
    pub aliases: Vec<Sp<String>>,
    pub iso3: Option<Sp<String>>,
    pub iso2: Option<Sp<String>>,
    pub codes: Vec<Sp<String>>,
    pub cow: Option<Sp<i64>>,
    pub cow_abb: Option<Sp<String>>,
    pub home: Option<Sp<String>>,
    pub continent: Option<Sp<String>>,
    pub american: Option<Sp<bool>>,
    pub exists: Vec<RawPeriod>,
    pub cow_system: Vec<RawPeriod>,
    pub gw: Vec<RawPeriod>,
    pub source: Option<Sp<String>>,
}

/// One period of `exists`, `cow-system`, `gw` (with its `code`) or `names` (with its `name`
/// and optional `source`): `[from, until)`.
#[derive(Debug, Clone)]
#[allow(missing_docs, reason = "the keys are documented in docs/format.md, section 1")]
pub struct RawPeriod {
    pub span: Range<usize>,
    pub code: Option<Sp<i64>>,
    pub name: Option<Sp<String>>,
    pub source: Option<Sp<String>>,
    pub from: Option<Sp<Date>>,
    pub until: Option<Sp<Date>>,
}

/// Reads `states.toml` into raw states: syntax, key names and value types are checked here,
/// everything else by `check::states`.
pub fn read_states(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> RawStates {
    let doc = parse_document(file, diags);
    let top = TableReader::new(file, doc.get_ref(), doc.span(), &schema::STATES, diags);
    let mut out = RawStates { file: Arc::clone(file), sources: Vec::new(), states: Vec::new() };
    out.sources = top.source_ids(diags);
    for (tbl, span) in top.tables("state", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::STATE, diags);
        let list = |key: &str, diags: &mut Diagnostics| r.str_list(key, diags).unwrap_or_default();
        out.states.push(RawState {
            span,
            id: r.req_str("id", diags),
            name: r.req_str("name", diags),
            names: periods(&r, "names", &schema::NAME_PERIOD, diags),
            aliases: list("aliases", diags),
            iso3: r.str("iso3", diags),
            iso2: r.str("iso2", diags),
            codes: list("codes", diags),
            cow: r.int("cow", diags),
            cow_abb: r.str("cow-abb", diags),
            home: r.str("home", diags),
            continent: r.str("continent", diags),
            american: r.bool("american", diags),
            exists: periods(&r, "exists", &schema::EXISTS_PERIOD, diags),
            cow_system: periods(&r, "cow-system", &schema::PERIOD, diags),
            gw: periods(&r, "gw", &schema::GW_PERIOD, diags),
            source: r.str("source", diags),
        });
        let _ = r.str("note", diags);
    }
    out
}

/// The periods under `key`, each read with its allowed keys.
fn periods(
    r: &TableReader<'_, '_>,
    key: &str,
    decl: &'static schema::Table,
    diags: &mut Diagnostics,
) -> Vec<RawPeriod> {
    r.tables(key, diags)
        .into_iter()
        .map(|(t, span)| {
            let pr = TableReader::new(r.file(), t, span.clone(), decl, diags);
            let has = |k: &str| decl.has(k);
            RawPeriod {
                code: if has("code") { pr.int("code", diags) } else { None },
                name: if has("name") { pr.req_str("name", diags) } else { None },
                source: if has("source") { pr.str("source", diags) } else { None },
                from: pr.req_date("from", diags),
                until: pr.date("until", diags),
                span,
            }
        })
        .collect()
}
