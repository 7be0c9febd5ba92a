// Embeds the repository's data (`data/`: the registry, regions, areas, seas, treaties and
// scenarios) in the extension module, so that an installed wheel answers with no checkout
// beside it, as the server and the CLI answer from the same files. Writes `bundled.rs` into
// OUT_DIR: one `include_str!` per file, treaties in path order.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}

/// `("data/…", include_str!("/abs/…"))`.
fn entry(data: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(data).unwrap_or(path).to_string_lossy().replace('\\', "/");
    format!("(\"data/{rel}\", include_str!({:?}))", path.display().to_string())
}

fn optional(data: &Path, name: &str) -> String {
    let path = data.join(name);
    if path.is_file() {
        format!("Some({})", entry(data, &path))
    } else {
        "None".to_owned()
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest.join("../../data");
    let data = data.canonicalize().unwrap_or(data);
    println!("cargo::rerun-if-changed={}", data.display());
    println!("cargo::rerun-if-changed=build.rs");
    let mut treaties = Vec::new();
    toml_files(&data.join("treaties"), &mut treaties);
    treaties.sort();
    let mut scenarios = Vec::new();
    toml_files(&data.join("scenarios"), &mut scenarios);
    scenarios.sort();
    let mut out = String::new();
    let _ = writeln!(out, "/// The repository's data files, embedded at build time.");
    let _ = writeln!(
        out,
        "pub(crate) const DATA: casus_core::DataTexts<'static> = casus_core::DataTexts {{"
    );
    let _ = writeln!(out, "    states: {},", entry(&data, &data.join("states.toml")));
    let _ = writeln!(out, "    regions: {},", entry(&data, &data.join("regions.toml")));
    let _ = writeln!(out, "    areas: {},", optional(&data, "geo/areas.toml"));
    let _ = writeln!(out, "    seas: {},", optional(&data, "seas.toml"));
    let _ = writeln!(out, "    no_commitments: {},", optional(&data, "no-commitments.toml"));
    let _ = writeln!(out, "    treaties: &[");
    for t in &treaties {
        let _ = writeln!(out, "        {},", entry(&data, t));
    }
    let _ = writeln!(out, "    ],\n}};");
    let _ = writeln!(out, "/// The scenarios of `data/scenarios/`, as (path, text).");
    let _ = writeln!(out, "pub(crate) const SCENARIOS: &[(&str, &str)] = &[");
    for s in &scenarios {
        let _ = writeln!(out, "    {},", entry(&data, s));
    }
    let _ = writeln!(out, "];");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("bundled.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo::error=cannot write {}: {e}", dest.display());
    }
}
