//! The sea areas' ids of `seas.toml`: the words `sea` and `coasts` may use in regions and
//! clauses. The geometry is read by casus-geo; the keys are checked here, with spans, so that a
//! misspelled key is reported where every other data file's is.

use std::sync::Arc;

use super::reader::{parse_document, Sp, TableReader};
use super::schema;
use crate::diag::Diagnostics;
use crate::source::SourceFile;

/// The `[[sea]]` ids of a seas file, in file order.
pub fn read_sea_ids(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Vec<Sp<String>> {
    let doc = parse_document(file, diags);
    let top = TableReader::new(file, doc.get_ref(), doc.span(), &schema::SEAS, diags);
    let _ = top.source_ids(diags);
    for (tbl, span) in top.tables("land", diags) {
        TableReader::new(file, tbl, span, &schema::LAND, diags).read_elsewhere();
    }
    top.tables("sea", diags)
        .into_iter()
        .filter_map(|(tbl, span)| {
            let r = TableReader::new(file, tbl, span, &schema::SEA, diags);
            r.read_elsewhere(); // the geometry, the part-of links and the readings
            let _ = r.req_str("name", diags);
            r.req_str("id", diags)
        })
        .collect()
}
