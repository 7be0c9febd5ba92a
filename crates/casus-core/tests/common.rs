use std::path::PathBuf;
use std::sync::OnceLock;

use casus_core::{load, DataPaths, Dataset};

pub(crate) fn data_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"))
}

/// `../shared` beside the repository (CI lays it there).
pub(crate) fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// The bundled data, loaded once; it must have no errors.
pub(crate) fn dataset() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| {
        let checked = load(&DataPaths::in_dir(data_dir()));
        let msgs: Vec<String> = checked.diagnostics().iter().map(|d| d.render_plain()).collect();
        assert!(checked.passed(), "bundled data has errors:\n{}", msgs.join("\n"));
        checked.into_parts().0
    })
}

pub(crate) fn date(s: &str) -> jiff::civil::Date {
    s.parse().unwrap()
}

pub(crate) fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
