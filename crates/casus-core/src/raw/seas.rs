//! The sea areas' ids of `seas.toml`: the words `sea` and `coasts` may use in regions and
//! clauses. The geometry is read by casus-geo; the keys are checked here, with spans, so that a
//! misspelled key is reported where every other data file's is.

use std::sync::Arc;

use super::reader::{parse_document, Sp, TableReader};
use crate::diag::Diagnostics;
use crate::source::SourceFile;

const SEA_KEYS: &[&str] =
    &["id", "name", "part-of", "source", "note", "caveat", "polygons", "reading"];
const LAND_KEYS: &[&str] = &["code", "name", "source", "note", "polygons"];

/// The `[[sea]]` ids of a seas file, in file order.
pub fn read_sea_ids(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Vec<Sp<String>> {
    let doc = parse_document(file, diags);
    let top = TableReader::new(
        file,
        doc.get_ref(),
        doc.span(),
        "seas file",
        &["source", "sea", "land"],
        diags,
    );
    let _ = top.source_ids(diags);
    for (tbl, span) in top.tables("land", diags) {
        let _ = TableReader::new(file, tbl, span, "land", LAND_KEYS, diags);
    }
    top.tables("sea", diags)
        .into_iter()
        .filter_map(|(tbl, span)| {
            let r = TableReader::new(file, tbl, span, "sea", SEA_KEYS, diags);
            let _ = r.req_str("name", diags);
            r.req_str("id", diags)
        })
        .collect()
}
