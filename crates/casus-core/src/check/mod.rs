//! Checking: raw files in, a validated [`Dataset`] and every diagnostic out.
//!
//! `check` never stops at the first problem. A treaty with errors is left out of the dataset
//! (and named in the diagnostics); the rest stay usable, as a Cedar policy that fails to
//! evaluate does not stop the others.

mod areas;
mod casebook;
mod gaps;
mod lower;
mod parties;
mod parts;
mod regions;
mod scenario;
mod scope;
mod states;
mod versions;

pub use areas::check_areas;
pub use casebook::check_casebook;
pub use gaps::check_no_commitments;
pub use regions::check_regions;
pub use scenario::check_scenario;
pub use states::{check_homes, check_states};

use crate::diag::{suggestion, Code, Diagnostic, Diagnostics};
use crate::model::{Dataset, Regions, Registry};
use crate::raw::RawTreaty;

/// The result of checking: the dataset built from every treaty without errors, and all
/// diagnostics in report order.
#[derive(Debug)]
pub struct Checked {
    dataset: Dataset,
    diagnostics: Diagnostics,
}

impl Checked {
    /// The dataset (treaties with errors left out).
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }
    /// Every diagnostic.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }
    /// Did checking find no errors?
    pub fn passed(&self) -> bool {
        !self.diagnostics.has_errors()
    }
    /// The states documented as having no commitment, checked against the registry.
    pub(crate) fn set_no_commitments(&mut self, gaps: Vec<crate::model::NoCommitment>) {
        self.dataset.set_no_commitments(gaps);
    }
    /// The files besides the treaties the data was read from.
    pub(crate) fn set_files(&mut self, files: Vec<std::sync::Arc<crate::source::SourceFile>>) {
        self.dataset.set_files(files);
    }
    /// Both parts.
    pub fn into_parts(self) -> (Dataset, Diagnostics) {
        (self.dataset, self.diagnostics)
    }
}

/// Checks raw treaties against a registry and a regions table.
pub fn check(
    registry: Registry,
    regions: Regions,
    raws: &[RawTreaty],
    mut diagnostics: Diagnostics,
) -> Checked {
    let mut treaties = Vec::new();
    let mut seen: std::collections::BTreeMap<String, crate::source::Loc> =
        std::collections::BTreeMap::new();
    for raw in raws {
        let mut local = Diagnostics::default();
        let treaty = lower::lower_treaty(&registry, &regions, raw, &mut local);
        if let Some(t) = treaty {
            if let Some(prev) = seen.get(t.id.as_str()) {
                local.push(
                    Diagnostic::error(Code::DuplicateId, format!("duplicate treaty id `{}`", t.id))
                        .at(crate::source::Loc::new(
                            &raw.file,
                            raw.id.as_ref().map_or(0..0, |i| i.span.clone()),
                        ))
                        .related(prev.clone(), "first defined here"),
                );
            } else {
                seen.insert(
                    t.id.0.clone(),
                    crate::source::Loc::new(
                        &raw.file,
                        raw.id.as_ref().map_or(0..0, |i| i.span.clone()),
                    ),
                );
            }
            if !local.has_errors() && raw.read_errors == 0 {
                treaties.push(t);
            }
        }
        diagnostics.extend(local);
    }
    // Readings of places and treaty areas name treaties. A treaty folder of one's own
    // (`--treaties`) need not hold them, so an id the data lacks is reported only when it looks
    // like a misspelling of one it holds (the bundled data's tests require every one to exist).
    let refs = regions
        .reading_refs()
        .iter()
        .map(|(t, loc)| (t.as_str(), loc, "reading"))
        .chain(regions.areas().treaty_refs().map(|(t, loc)| (t, loc, "area")));
    for (treaty, loc, what) in refs {
        if seen.contains_key(treaty) {
            continue;
        }
        if let Some(close) = crate::diag::did_you_mean(treaty, seen.keys().map(String::as_str)) {
            diagnostics.push(
                Diagnostic::warning(
                    Code::UnknownTreaty,
                    format!("the {what} names treaty `{treaty}`, which the data does not hold"),
                )
                .at(loc.clone())
                .help(format!("did you mean `{close}`?")),
            );
        }
    }
    Checked {
        dataset: Dataset::new(registry, regions, treaties),
        diagnostics: diagnostics.sorted(),
    }
}

/// `unknown-source`: a `source` naming no `[[source]]` of its file (treaties, regions, states).
pub(crate) fn unknown_source<'a>(
    loc: crate::source::Loc,
    id: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    Diagnostic::error(Code::UnknownSource, format!("unknown source `{id}`"))
        .at(loc)
        .help(suggestion(id, known).unwrap_or_else(|| "add a [[source]] with this id".to_owned()))
}
