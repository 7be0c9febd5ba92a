//! Arbitrary bytes as a weights file and, line by line, as credibility flags.
#![no_main]

include!("common.rs");

use casus_core::cascade::{parse_weights, read_weights_csv, Credibility, Setting};
use casus_core::input::Origin;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ds = dataset();
    let date = jiff::civil::Date::constant(2026, 1, 1);
    let text = String::from_utf8_lossy(data);
    let settings: Vec<Setting> =
        text.lines().map(|l| Setting::assignment(l, Origin::field("credibility"))).collect();
    if let Err(d) = Credibility::parse(ds, date, &settings) {
        render(&d);
    }
    let Ok(file) = casus_core::source::SourceFile::from_bytes("w.csv", data.to_vec()) else {
        return;
    };
    let mut diags = casus_core::Diagnostics::default();
    let settings = read_weights_csv(&file, &mut diags);
    render(&diags);
    if let Err(d) = parse_weights(ds, date, &settings) {
        render(&d);
    }
});
