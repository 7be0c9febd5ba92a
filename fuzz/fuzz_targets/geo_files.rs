//! Arbitrary bytes as the seas file (first byte even) or the parts file (odd), parsed as the
//! classifier and `casus validate` parse them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let errors = if which % 2 == 0 {
        casus_geo::check_texts(Some(("seas.toml", &text)), None)
    } else {
        casus_geo::check_texts(None, Some(("parts.toml", &text)))
    };
    for e in errors {
        let _ = e.to_string();
    }
});
