//! A whole data directory from arbitrary bytes: the input, cut at every 0xFF byte, gives up to
//! six treaty files (ids may refer across files), with the bundled registry and regions, or,
//! when the first piece starts with `[[state]]`, a registry of its own.
#![no_main]

include!("common.rs");

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut pieces = data.split(|b| *b == 0xFF).take(6);
    let first = pieces.next().unwrap_or_default();
    let (registry, rest): (_, Vec<&[u8]>) = if first.starts_with(b"[[state]]") {
        let mut d = casus_core::Diagnostics::default();
        let text = String::from_utf8_lossy(first).into_owned();
        let file = casus_core::source::SourceFile::new("states.toml", text);
        let reg = casus_core::model::Registry::load(&file, &mut d);
        render(&d);
        (reg, pieces.collect())
    } else {
        (base().0.clone(), std::iter::once(first).chain(pieces).collect())
    };
    let treaties = rest
        .into_iter()
        .enumerate()
        .map(|(i, b)| (format!("treaties/t{i}.toml"), b.to_vec()))
        .collect();
    let checked = check_treaties(registry, treaties);
    render(checked.diagnostics());
    // What passed is evaluable: a check on it must not panic.
    let ds = checked.dataset();
    let raw = casus_core::input::RawEvent::fields("RUS", "EST", "2026-01-01");
    let today = jiff::civil::Date::constant(2026, 1, 1);
    if let Ok(e) = casus_core::input::check_event(ds, &raw, today, None) {
        let _ = casus_core::evaluate(ds, &e);
    }
});
