use std::path::PathBuf;
use std::sync::OnceLock;

use casus_core::{load, DataPaths, Dataset};

/// The data directory under test: `CASUS_DATA` if set (a staging copy), else the bundled one.
pub(crate) fn data_dir() -> PathBuf {
    std::env::var_os("CASUS_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data")))
}

/// A file of the reference data (the reference suite only: its tests are ignored unless
/// build.rs found the data and set `CASUS_REFERENCE_DIR`).
pub(crate) fn reference(rel: &str) -> PathBuf {
    let dir = option_env!("CASUS_REFERENCE_DIR").unwrap_or("reference data not found");
    PathBuf::from(dir).join(rel)
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

/// The file of a bundled treaty, in whichever subfolder it is.
pub(crate) fn treaty_path(id: &str) -> PathBuf {
    let files = casus_core::treaty_files(&data_dir().join("treaties")).unwrap();
    let name = format!("{id}.toml");
    files.into_iter().find(|p| p.file_name().is_some_and(|n| n == name.as_str())).unwrap()
}
