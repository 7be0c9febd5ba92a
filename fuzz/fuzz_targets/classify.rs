//! Arbitrary coordinates and dates (any f64 bits: NaN, infinities, the poles, the
//! antimeridian) through the point classifier: an error or an answer, never a panic.
#![no_main]

include!("common.rs");

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(bytes) = data.get(..18) else { return };
    let num = |b: &[u8]| f64::from_le_bytes(b.try_into().unwrap_or_default());
    let (lat, lon) = (num(&bytes[..8]), num(&bytes[8..16]));
    let year = 1816 + i16::from_le_bytes([bytes[16], bytes[17]]).rem_euclid(220);
    let date = jiff::civil::Date::new(year, 6, 1).unwrap_or_default();
    let ds = dataset();
    let _ = classifier().classify(lat, lon, date, ds.regions());
    // Ordinary coordinates made from the same bits, cell edges among them.
    let (la, lo) = (lat.fract() * 90.0, lon.fract() * 180.0);
    let _ = classifier().classify(la, lo, date, ds.regions());
});
