//! `no-commitments.toml` as written: the states whose commitments were searched for and none
//! found, each with what the sources say (checked by `check::gaps`).

use std::ops::Range;
use std::sync::Arc;

use super::reader::{parse_document, Sp, TableReader};
use super::schema;
use crate::diag::Diagnostics;
use crate::source::SourceFile;

/// One `[[no-commitment]]`.
#[derive(Debug, Clone)]
#[allow(missing_docs, reason = "the keys are documented in docs/format.md, section 5")]
pub struct RawNoCommitment {
    pub span: Range<usize>,
    pub state: Option<Sp<String>>,
    pub why: Option<Sp<String>>,
    pub sources: Vec<Sp<String>>,
}

/// Reads the file: syntax, keys and types here; the states are checked against the registry
/// by `check::gaps`.
pub fn read_no_commitments(
    file: &Arc<SourceFile>,
    diags: &mut Diagnostics,
) -> Vec<RawNoCommitment> {
    let doc = parse_document(file, diags);
    let top = TableReader::new(file, doc.get_ref(), doc.span(), &schema::NO_COMMITMENTS, diags);
    top.tables("no-commitment", diags)
        .into_iter()
        .map(|(tbl, span)| {
            let r = TableReader::new(file, tbl, span.clone(), &schema::NO_COMMITMENT, diags);
            let sources = r.str_list("sources", diags).unwrap_or_default();
            if sources.is_empty() {
                r.missing("sources", diags);
            }
            RawNoCommitment {
                span,
                state: r.req_str("state", diags),
                why: r.req_str("why", diags),
                sources,
            }
        })
        .collect()
}
