//! `casus where`: what casus knows of a point.

use std::fmt::Write;
use std::process::ExitCode;

use anyhow::Result;
use casus_core::diag::{Code, Diagnostic, Diagnostics};
use casus_core::input::echo;
use casus_core::model::Dataset;
use casus_core::source::{Loc, SourceFile};
use jiff::civil::Date;

use crate::args::Format;
use crate::output;
use crate::report::reject;

/// Parallels treaties name, with what they are called.
const PARALLELS: &[(f64, &str)] = &[
    (23.4367, "the Tropic of Cancer (NATO Art 6)"),
    (21.5, "21°30′N (SEATO Art VIII)"),
    (0.0, "the Equator"),
];

/// Parses `LAT,LON` in degrees, on the globe.
pub(crate) fn parse_point(s: &str) -> Result<(f64, f64)> {
    match casus_core::input::parse_point(s) {
        Some((lat, lon)) if casus_core::input::on_globe(lat, lon) => Ok((lat, lon)),
        _ => Err(reject(
            Diagnostic::error(Code::InvalidCoordinates, format!("invalid point `{}`", echo(s)))
                .help("write LAT,LON in degrees, latitude within -90..=90 and longitude within -180..=180, e.g. 21.31,-157.86")
                .on("point"),
        )),
    }
}

/// The geography files of a data directory (seas, parts), checked as the classifier reads
/// them, the parts' region codes against the regions table; each problem at its file and line.
pub(crate) fn check_geo_files(dir: &std::path::Path, ds: &Dataset) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let known = |code: &str| ds.regions().contains(code);
    let errors =
        casus_geo::check_files(dir).into_iter().chain(casus_geo::check_part_regions(dir, &known));
    for e in errors {
        let d = match &e {
            casus_geo::GeoError::Seas { file, line: Some(line), message } => {
                let text = std::fs::read_to_string(file).unwrap_or_default();
                let start: usize =
                    text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
                let len = text.get(start..).and_then(|t| t.lines().next()).map_or(0, str::len);
                let f = SourceFile::new(file.clone(), text);
                Diagnostic::error(Code::InvalidValue, message.clone())
                    .at(Loc::new(&f, start..start + len))
            }
            other => Diagnostic::error(Code::InvalidValue, other.to_string()),
        };
        diags.push(d);
    }
    diags
}

// Long (about 105 lines): `casus where` prints each fact of a point in the order of the format
// (surface, holder, continent, seas, coasts, territorial sea, areas, readings).
pub(crate) fn where_cmd(ds: &Dataset, point: &str, date: Date, format: Format) -> Result<ExitCode> {
    let (lat, lon) = parse_point(point)?;
    let classifier = casus_geo::Classifier::new().map_err(|e| anyhow::anyhow!(e))?;
    let facts =
        classifier.classify(lat, lon, date, ds.regions()).map_err(|e| anyhow::anyhow!(e))?;
    let parallels: Vec<String> = PARALLELS
        .iter()
        .map(|(p, name)| {
            format!(
                "{} {name}",
                if lat > *p {
                    "north of"
                } else if lat < *p {
                    "south of"
                } else {
                    "on"
                }
            )
        })
        .collect();
    let areas: Vec<&casus_core::model::Area> =
        ds.regions().areas().iter().filter(|a| a.contains(lat, lon)).collect();
    if format == Format::Json {
        let area_ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
        output::json(&serde_json::json!({
            "lat": lat, "lon": lon, "date": date, "facts": facts, "parallels": parallels,
            "areas": area_ids,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    match &facts {
        None => {
            let _ = writeln!(
                out,
                "{lat}, {lon}: not classified (no land region or sea area known here)"
            );
        }
        Some(f) => {
            let reg = ds.registry();
            let holder = f.sovereign.as_deref().map(|c| match reg.resolve(c, date) {
                Ok(id) => format!("{} ({})", reg.name_on(id, date), reg.code(id)),
                Err(_) => c.to_owned(),
            });
            let mut parts = Vec::new();
            let name = f.name.clone().unwrap_or_else(|| "(unnamed)".to_owned());
            parts.push(match (&holder, f.regions.first()) {
                (Some(h), Some(r)) => format!("{name}, {h} [{r}]"),
                (Some(h), None) => format!("{name}, {h}"),
                (None, _) => name,
            });
            if f.administered_by.is_some() && f.administered_by != f.sovereign {
                let since = f.administered_since.map(|d| format!(" since {d}")).unwrap_or_default();
                parts.push(format!(
                    "administered by {}{since}",
                    f.administered_by.as_deref().unwrap_or("?")
                ));
            }
            if let Some(c) = &f.continent {
                parts.push(c.join(" and "));
            }
            match f.island {
                Some(true) => parts.push("island".to_owned()),
                Some(false) => parts.push("mainland".to_owned()),
                None => {}
            }
            if let Some(eu) = &f.eu {
                parts.push(format!("EU: {eu}"));
            }
            let _ = writeln!(out, "{}", parts.join("; "));
            let surface = if f.territorial_sea {
                "at sea, in territorial waters (within 12 nautical miles of the coast; approximate)"
            } else if f.at_sea {
                "at sea"
            } else if f.shore {
                "on the shore (within about 650 m of the coast: land or water not told apart)"
            } else {
                "on land"
            };
            let _ = writeln!(out, "  surface: {surface}");
            let list = |v: &Option<Vec<String>>| {
                v.as_ref().filter(|v| !v.is_empty()).map(|v| v.join(", "))
            };
            if let Some(s) = list(&f.sea) {
                let _ = writeln!(out, "  in or over: {s}");
            }
            if let Some(c) = list(&f.coasts) {
                let _ = writeln!(out, "  coasts: {c}");
            }
            if let Some(b) = list(&f.beside).filter(|_| !f.at_sea) {
                let _ = writeln!(out, "  water beside (for a vessel): {b}");
            }
            for n in &f.notes {
                let _ = writeln!(out, "  note: {n}");
            }
        }
    }
    for a in &areas {
        let _ = writeln!(out, "  treaty area: {} ({})", a.name, a.id);
    }
    let _ = writeln!(out, "  {}", parallels.join("; "));
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
