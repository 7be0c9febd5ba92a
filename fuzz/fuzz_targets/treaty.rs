//! Arbitrary bytes as one treaty file, checked against the bundled registry and regions.
#![no_main]

include!("common.rs");

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checked = check_treaties(base().0.clone(), vec![("fuzz.toml".to_owned(), data.to_vec())]);
    render(checked.diagnostics());
});
