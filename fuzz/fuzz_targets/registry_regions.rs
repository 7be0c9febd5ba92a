//! Arbitrary bytes as the registry (first byte even) or the regions file (odd), checked with
//! the bundled other one and a bundled treaty.
#![no_main]

include!("common.rs");

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((which, rest)) = data.split_first() else { return };
    let (states, regions) = if which % 2 == 0 {
        (rest.to_vec(), bundled("regions.toml"))
    } else {
        (bundled("states.toml"), rest.to_vec())
    };
    let nato = bundled("treaties/1946-1991/north-atlantic-treaty.toml");
    let checked = casus_core::load_from_bytes(
        states,
        regions,
        vec![("north-atlantic-treaty.toml".to_owned(), nato)],
    );
    render(checked.diagnostics());
});
