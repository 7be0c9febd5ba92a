// Shared by the fuzz targets (each includes it): the bundled data, loaded once.

use std::sync::OnceLock;

/// The bundled data directory.
pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data");

/// The bundled dataset, checked once.
pub fn dataset() -> &'static casus_core::Dataset {
    static DS: OnceLock<casus_core::Dataset> = OnceLock::new();
    DS.get_or_init(|| casus_core::load(&casus_core::DataPaths::in_dir(DATA)).into_parts().0)
}

/// The bundled classifier.
pub fn classifier() -> &'static casus_geo::Classifier {
    static C: OnceLock<casus_geo::Classifier> = OnceLock::new();
    C.get_or_init(|| casus_geo::Classifier::new().expect("the bundled geography"))
}

/// A file of the bundled data, as bytes.
pub fn bundled(rel: &str) -> Vec<u8> {
    std::fs::read(format!("{DATA}/{rel}")).expect("a bundled file")
}

/// Renders every diagnostic the way the CLI does: rendering must not panic either.
pub fn render(diags: &casus_core::Diagnostics) {
    for d in diags.iter() {
        let _ = d.render_plain();
        let _ = casus_core::diag::DetailedDiagnostic::from(d);
    }
}

/// The bundled registry and regions, parsed once (a run clones them: parsing them again each
/// run would leave the fuzzer a few runs a second).
pub fn base() -> &'static (casus_core::model::Registry, casus_core::model::Regions) {
    static BASE: OnceLock<(casus_core::model::Registry, casus_core::model::Regions)> =
        OnceLock::new();
    BASE.get_or_init(|| {
        let mut d = casus_core::Diagnostics::default();
        let file = |p: &str| casus_core::source::SourceFile::new(p, String::from_utf8(bundled(p)).expect("UTF-8"));
        let reg = casus_core::model::Registry::load(&file("states.toml"), &mut d);
        let regions = casus_core::model::Regions::load(&file("regions.toml"), &mut d);
        (reg, regions)
    })
}

/// Treaty files from bytes, checked against a registry and the bundled regions, as
/// `casus_core::load` does with files.
pub fn check_treaties(
    registry: casus_core::model::Registry,
    files: Vec<(String, Vec<u8>)>,
) -> casus_core::Checked {
    let mut diags = casus_core::Diagnostics::default();
    let mut raws = Vec::new();
    for (path, bytes) in files {
        match casus_core::source::SourceFile::from_bytes(path, bytes) {
            Ok(f) => raws.push(casus_core::raw::read_treaty(&f, &mut diags)),
            Err(d) => diags.push(*d),
        }
    }
    casus_core::check(registry, base().1.clone(), &raws, diags)
}
