//! Arbitrary bytes as a casebook: read, checked against the bundled data, every case run.
#![no_main]

include!("common.rs");

use casus_core::casebook::{check_casebook, read_casebook, run_case};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = casus_core::source::SourceFile::from_bytes("cases.toml", data.to_vec()) else {
        return;
    };
    let mut diags = casus_core::Diagnostics::default();
    let book = read_casebook(&file, &mut diags);
    render(&diags);
    let ds = dataset();
    match check_casebook(ds, &book, None) {
        Ok(cases) => {
            for c in &cases {
                let _ = run_case(ds, c);
            }
        }
        Err(d) => render(&d),
    }
});
