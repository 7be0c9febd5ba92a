//! What every handler shares: the validated dataset, the point classifier,
//! built once and read-only afterwards.

use std::path::Path;
use std::sync::Arc;

use casus_core::cascade::{check_scenario, read_scenarios, CheckedScenario, Scenario};
use casus_core::diag::Diagnostics;
use casus_core::{load, DataPaths, Dataset};
use casus_geo::{Classifier, GeoError};

use crate::gate::Gate;
use crate::memo::{Memo, MEMO_BUDGET};

/// The state shared by the handlers. Cheap to clone (one `Arc`).
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    dataset: Dataset,
    classifier: Classifier,
    memo: Memo,
    /// The bundled scenarios (`data/scenarios/`), by file name: as written (a request may
    /// change their rules) and checked.
    scenarios: Vec<(Scenario, CheckedScenario)>,
    /// Admission to cascades and simulations.
    heavy: Gate,
}

/// Why the state could not be built.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The data directory has errors; the server, like `casus check`, refuses to answer from
    /// a dataset with a treaty silently missing.
    #[error("the data has {} error(s); run `casus validate` for details", .0.error_count())]
    Data(Diagnostics),
    /// The bundled boundary or sea data cannot be read (a build problem).
    #[error(transparent)]
    Geo(#[from] GeoError),
}

impl AppState {
    /// The state for a dataset and a classifier.
    pub fn new(dataset: Dataset, classifier: Classifier) -> Self {
        Self::with_scenarios(dataset, classifier, Vec::new())
    }

    /// The state for a dataset, a classifier and the scenarios offered by `/v1/scenarios`
    /// (checked: see [`AppState::read_scenarios`]).
    pub fn with_scenarios(
        dataset: Dataset,
        classifier: Classifier,
        scenarios: Vec<(Scenario, CheckedScenario)>,
    ) -> Self {
        let memo = Memo::new(MEMO_BUDGET);
        let heavy = Gate::for_machine();
        Self { inner: Arc::new(Inner { dataset, classifier, memo, scenarios, heavy }) }
    }

    /// Reads the scenarios of a data directory (`scenarios/*.toml`) and checks them against
    /// the dataset.
    ///
    /// # Errors
    /// [`StateError::Data`] with every diagnostic if a scenario has errors.
    pub fn read_scenarios(
        dir: &Path,
        dataset: &Dataset,
        classifier: &Classifier,
    ) -> Result<Vec<(Scenario, CheckedScenario)>, StateError> {
        let mut diags = Diagnostics::default();
        let classify = |lat: f64, lon: f64, date: jiff::civil::Date| {
            classifier.classify(lat, lon, date, dataset.regions()).map_err(|e| e.to_string())
        };
        let mut out = Vec::new();
        for sc in read_scenarios(&dir.join("scenarios"), &mut diags) {
            match check_scenario(dataset, &sc, Some(&classify)) {
                Ok(checked) => out.push((sc, checked)),
                Err(d) => diags.extend(d),
            }
        }
        if diags.error_count() > 0 {
            return Err(StateError::Data(diags));
        }
        Ok(out)
    }

    /// Loads and checks a data directory (`states.toml`, `regions.toml`, `treaties/`) and the
    /// bundled classifier.
    ///
    /// # Errors
    /// [`StateError::Data`] with every diagnostic if the data has errors;
    /// [`StateError::Geo`] if the bundled geography cannot be read.
    pub fn load(dir: &Path) -> Result<Self, StateError> {
        let checked = load(&DataPaths::in_dir(dir));
        if !checked.passed() {
            return Err(StateError::Data(checked.diagnostics().clone()));
        }
        let dataset = checked.into_parts().0;
        let classifier = Classifier::new()?;
        let scenarios = Self::read_scenarios(dir, &dataset, &classifier)?;
        Ok(Self::with_scenarios(dataset, classifier, scenarios))
    }

    /// The dataset.
    pub fn dataset(&self) -> &Dataset {
        &self.inner.dataset
    }

    pub(crate) fn classifier(&self) -> &Classifier {
        &self.inner.classifier
    }

    pub(crate) fn memo(&self) -> &Memo {
        &self.inner.memo
    }

    pub(crate) fn scenarios(&self) -> &[(Scenario, CheckedScenario)] {
        &self.inner.scenarios
    }

    pub(crate) fn heavy(&self) -> &Gate {
        &self.inner.heavy
    }
}
