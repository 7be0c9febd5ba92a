//! The data the functions answer from: the repository's `data/`, embedded at build time (see
//! build.rs), or a data directory and an ATOP file the caller names; each data set is read and
//! checked once per process, as the server reads it once at start.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use casus_core::model::Dataset;
use casus_core::{Checked, DataPaths};
use jiff::civil::Date;

use crate::error::Failure;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The data sets read so far, by (data directory, ATOP file); `(None, None)` is the bundled one.
type Cache = BTreeMap<(Option<PathBuf>, Option<PathBuf>), Arc<Dataset>>;

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(Cache::new()))
}

/// Forgets the data sets read so far: the next call reads its files again.
pub(crate) fn clear() {
    cache().lock().unwrap_or_else(PoisonError::into_inner).clear();
}

/// The data set of `data` (a directory; the bundled data if `None`) with the ATOP layer of
/// `atop` (ATOP's member-level file) if given, refused if it has errors.
pub(crate) fn dataset(data: Option<&Path>, atop: Option<&Path>) -> Result<Arc<Dataset>, Failure> {
    let key = (data.map(Path::to_path_buf), atop.map(Path::to_path_buf));
    // Held while reading: a second caller waits for the first read instead of repeating it.
    let mut cached = cache().lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(ds) = cached.get(&key) {
        return Ok(Arc::clone(ds));
    }
    let layer = atop
        .map(|path| casus_export::AtopLayer::from_file(path).map_err(Failure::data))
        .transpose()?;
    let supplement = layer.as_ref().map(|l| l as &dyn casus_core::Supplement);
    let checked: Checked = match (data, supplement) {
        (None, s) => casus_core::load_texts(&DATA, s),
        (Some(dir), None) => casus_core::load(&DataPaths::in_dir(dir)),
        (Some(dir), Some(s)) => casus_core::load_with(&DataPaths::in_dir(dir), s),
    };
    if !checked.passed() {
        let n = checked.diagnostics().error_count();
        let (_, diags) = checked.into_parts();
        let summary = format!("the data has {n} error(s); run `casus validate` for details");
        return Err(Failure::invalid_data(summary, diags));
    }
    let ds = Arc::new(checked.into_parts().0);
    cached.insert(key, Arc::clone(&ds));
    Ok(ds)
}

/// The point classifier (casus-geo's boundaries, built in), made once.
pub(crate) fn geo() -> Result<&'static casus_geo::Classifier, Failure> {
    static GEO: OnceLock<Result<casus_geo::Classifier, String>> = OnceLock::new();
    GEO.get_or_init(|| casus_geo::Classifier::new().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Failure::other(format!("cannot load the point classifier: {e}")))
}

/// Today in UTC, for a question without a date (the CLI's `check` reads the clock the same way;
/// the engine never does).
pub(crate) fn today() -> Date {
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()
}
