//! Checks on `no-commitments.toml`: each entry names a state that exists today (its last
//! existence open), once.
//!
//! ## Why it matters
//! `casus coverage` tells a state with no commitment in the sources (documented here) from one
//! the data has not yet been searched for; a misspelled code would hide a gap.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{NoCommitment, Registry};
use crate::raw::gaps::RawNoCommitment;
use crate::source::{Loc, SourceFile};

/// Checks the entries and builds them, in file order.
pub fn check_no_commitments(
    file: &Arc<SourceFile>,
    raw: &[RawNoCommitment],
    registry: &Registry,
    diags: &mut Diagnostics,
) -> Vec<NoCommitment> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for e in raw {
        let (Some(state), Some(why)) = (&e.state, &e.why) else { continue };
        let loc = Loc::new(file, state.span.clone());
        let today = registry.holders(&state.value).iter().copied().find(|id| {
            registry
                .get(*id)
                .is_some_and(|s| s.exists().last().is_some_and(|i| i.until().is_none()))
        });
        let Some(id) = today else {
            diags.push(
                Diagnostic::error(
                    Code::UnknownState,
                    format!("`{}` is no state existing today", state.value),
                )
                .at(loc)
                .maybe_help(registry.suggest(&state.value).map(|s| format!("did you mean `{s}`?"))),
            );
            continue;
        };
        if !seen.insert(id) {
            diags.push(
                Diagnostic::error(Code::DuplicateId, format!("`{}` is listed twice", state.value))
                    .at(loc),
            );
            continue;
        }
        out.push(NoCommitment {
            state: id,
            why: why.value.trim().to_owned(),
            sources: e.sources.iter().map(|s| s.value.clone()).collect(),
        });
    }
    out
}
