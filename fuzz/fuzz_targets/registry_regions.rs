//! Arbitrary bytes as the registry (first byte 0 mod 3), the regions file (1) or the areas
//! file (2), checked with the bundled other ones and a bundled treaty.
#![no_main]

include!("common.rs");

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((which, rest)) = data.split_first() else { return };
    let (states, regions, areas) = match which % 3 {
        0 => (rest.to_vec(), bundled("regions.toml"), bundled("geo/areas.toml")),
        1 => (bundled("states.toml"), rest.to_vec(), bundled("geo/areas.toml")),
        _ => (bundled("states.toml"), bundled("regions.toml"), rest.to_vec()),
    };
    let nato = bundled("treaties/1946-1991/north-atlantic-treaty.toml");
    let checked = casus_core::load_from_bytes_with_areas(
        states,
        regions,
        Some(areas),
        vec![("north-atlantic-treaty.toml".to_owned(), nato)],
    );
    render(checked.diagnostics());
});
