//! Arbitrary bytes as a treaty file, read and checked against the bundled registry and
//! regions: the loader and checker must never panic, whatever the input.
//!
//! Run from this directory (cargo-fuzz wants nightly flags; RUSTC_BOOTSTRAP allows them on
//! the stable toolchain):
//! `cargo install cargo-fuzz; RUSTC_BOOTSTRAP=1 cargo fuzz run load -- -max_total_time=60`
#![no_main]

use std::sync::OnceLock;

use casus_core::diag::Diagnostics;
use casus_core::model::{Registry, Regions};
use casus_core::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fn base() -> &'static (Registry, Regions) {
    static BASE: OnceLock<(Registry, Regions)> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut d = Diagnostics::default();
        let reg = Registry::load(&SourceFile::new("states.toml", include_str!("../../data/states.toml")), &mut d);
        let regions = Regions::load(&SourceFile::new("regions.toml", include_str!("../../data/regions.toml")), &mut d);
        (reg, regions)
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (reg, regions) = base();
        let mut diags = Diagnostics::default();
        let raw = casus_core::raw::read_treaty(&SourceFile::new("fuzz.toml", text), &mut diags);
        let checked = casus_core::check(reg.clone(), regions.clone(), &[raw], diags);
        for d in checked.diagnostics().iter() {
            let _ = d.render_plain();
        }
    }
});
