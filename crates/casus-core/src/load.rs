//! Reading a data directory: the only file I/O in the engine, in sorted path order.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::{
    check, check_homes, check_no_commitments, check_regions, check_states, Checked,
};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::Registry;
use crate::raw::{read_no_commitments, read_regions, read_sea_ids, read_states, read_treaty};
use crate::source::SourceFile;

/// Where the three kinds of data files are.
#[derive(Debug, Clone)]
pub struct DataPaths {
    /// `states.toml`.
    pub states: PathBuf,
    /// `regions.toml`.
    pub regions: PathBuf,
    /// The directory of treaty files.
    pub treaties: PathBuf,
    /// `geo/areas.toml`: treaty areas drawn from their texts. Optional: without it no clause
    /// may name an area.
    pub areas: PathBuf,
    /// `seas.toml`: the sea areas (their ids are the seas regions and clauses may name).
    /// Optional: without it, the bundled file's.
    pub seas: PathBuf,
    /// `no-commitments.toml`: states searched for and found without commitment. Optional.
    pub no_commitments: PathBuf,
}

impl DataPaths {
    /// The standard layout under one directory: `DIR/states.toml`, `DIR/regions.toml`,
    /// `DIR/treaties/`, `DIR/geo/areas.toml`.
    pub fn in_dir(dir: impl AsRef<Path>) -> Self {
        let d = dir.as_ref();
        Self {
            states: d.join("states.toml"),
            regions: d.join("regions.toml"),
            treaties: d.join("treaties"),
            areas: d.join("geo").join("areas.toml"),
            seas: d.join("seas.toml"),
            no_commitments: d.join("no-commitments.toml"),
        }
    }
}

fn read(path: &Path, diags: &mut Diagnostics) -> Option<std::sync::Arc<SourceFile>> {
    match std::fs::read(path) {
        Ok(bytes) => SourceFile::from_bytes(path.display().to_string(), bytes)
            .map_err(|d| diags.push(*d))
            .ok(),
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::Io,
                format!("cannot read `{}`: {e}", path.display()),
            ));
            None
        }
    }
}

/// The treaty files of a directory and its subfolders (`treaties/history/1914/...`), sorted
/// by path so that reading order never depends on the file system. Hidden entries (`.git`,
/// an editor's `.swp`) are passed over.
///
/// # Errors
/// A folder that cannot be read.
pub fn treaty_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|x| x == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn treaty_files_or_report(dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    treaty_files(dir).unwrap_or_else(|e| {
        diags.push(Diagnostic::error(
            Code::Io,
            format!("cannot read directory `{}`: {e}", dir.display()),
        ));
        Vec::new()
    })
}

/// The sea areas bundled with casus (`data/seas.toml`, embedded at build time, as casus-geo
/// embeds it): the seas a data directory without its own `seas.toml` may name.
pub(crate) fn bundled_seas() -> Arc<SourceFile> {
    SourceFile::new("data/seas.toml", include_str!("../../../data/seas.toml"))
}

/// The files of a data set, read: what [`check_files`] lowers, whatever they were read from.
struct Files {
    states: Option<Arc<SourceFile>>,
    /// `None`: the bundled seas file.
    seas: Option<Arc<SourceFile>>,
    regions: Option<Arc<SourceFile>>,
    areas: Option<Arc<SourceFile>>,
    /// Sorted by path.
    treaties: Vec<Arc<SourceFile>>,
    no_commitments: Option<Arc<SourceFile>>,
}

/// Treaties casus writes from another source than the treaty files (the ATOP layer writes one
/// per alliance of the user's ATOP file), read and checked with the files, through the same
/// `read_treaty` and `check`: every instrument of the model came through one door.
pub trait Supplement {
    /// The generated treaty files ([`SourceFile::generated`]), given the registry and the
    /// atopids the treaty files carry (an alliance with a file of its own is left to it).
    fn treaties(&self, registry: &Registry, carried: &BTreeSet<u32>) -> Vec<Arc<SourceFile>>;
}

/// Every input of a data set through raw -> check -> model, in dependency order: states, then
/// regions (their state codes checked against the registry) and the states' home regions,
/// then areas, then treaties (against all of them), then the supplement's treaties.
fn check_files(
    files: Files,
    mut diags: Diagnostics,
    supplement: Option<&dyn Supplement>,
) -> Checked {
    let seas_file = files.seas.unwrap_or_else(bundled_seas);
    let others: Vec<Arc<SourceFile>> = [
        &files.states,
        &Some(Arc::clone(&seas_file)),
        &files.regions,
        &files.areas,
        &files.no_commitments,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    let states = files.states.map(|f| read_states(&f, &mut diags));
    let registry = states.as_ref().map(|s| check_states(s, &mut diags)).unwrap_or_default();
    let seas = read_sea_ids(&seas_file, &mut diags);
    let mut regions = files
        .regions
        .map(|f| check_regions(&read_regions(&f, &mut diags), Some(&registry), &seas, &mut diags))
        .unwrap_or_default();
    if let Some(s) = &states {
        check_homes(s, &regions, &mut diags);
    }
    if let Some(f) = files.areas {
        regions.load_areas(&f, &mut diags);
    }
    let mut raws: Vec<_> = files.treaties.iter().map(|f| read_treaty(f, &mut diags)).collect();
    if let Some(supplement) = supplement {
        let carried: BTreeSet<u32> = raws
            .iter()
            .filter_map(|r| r.atopid.as_ref().and_then(|a| u32::try_from(a.value).ok()))
            .collect();
        for file in supplement.treaties(&registry, &carried) {
            raws.push(read_treaty(&file, &mut diags));
        }
    }
    let gaps = files.no_commitments.map(|f| {
        let raw = read_no_commitments(&f, &mut diags);
        check_no_commitments(&f, &raw, &registry, &mut diags)
    });
    let mut checked = check(registry, regions, &raws, diags);
    checked.set_no_commitments(gaps.unwrap_or_default());
    checked.set_files(others);
    checked
}

/// Reads and checks a whole data set.
pub fn load(paths: &DataPaths) -> Checked {
    load_inner(paths, None)
}

/// Reads and checks a whole data set with a supplement's treaties (the ATOP layer).
pub fn load_with(paths: &DataPaths, supplement: &dyn Supplement) -> Checked {
    load_inner(paths, Some(supplement))
}

fn load_inner(paths: &DataPaths, supplement: Option<&dyn Supplement>) -> Checked {
    let mut diags = Diagnostics::default();
    let states = read(&paths.states, &mut diags);
    let regions = read(&paths.regions, &mut diags);
    let areas = if paths.areas.exists() { read(&paths.areas, &mut diags) } else { None };
    let seas = if paths.seas.exists() { read(&paths.seas, &mut diags) } else { None };
    let no_commitments =
        if paths.no_commitments.exists() { read(&paths.no_commitments, &mut diags) } else { None };
    let treaties = treaty_files_or_report(&paths.treaties, &mut diags)
        .into_iter()
        .filter_map(|path| read(&path, &mut diags))
        .collect();
    check_files(Files { states, seas, regions, areas, treaties, no_commitments }, diags, supplement)
}

/// A whole data set's files as text, each with the path diagnostics name it by: what a build
/// that embeds the repository's `data/` holds (the Python package does). Treaty files are
/// read in path order, as [`load`] reads a directory.
#[derive(Debug, Clone, Copy)]
pub struct DataTexts<'a> {
    /// `states.toml`.
    pub states: (&'a str, &'a str),
    /// `regions.toml`.
    pub regions: (&'a str, &'a str),
    /// `geo/areas.toml`, if any.
    pub areas: Option<(&'a str, &'a str)>,
    /// `seas.toml`; without it, the bundled file's.
    pub seas: Option<(&'a str, &'a str)>,
    /// `no-commitments.toml`, if any.
    pub no_commitments: Option<(&'a str, &'a str)>,
    /// The treaty files.
    pub treaties: &'a [(&'a str, &'a str)],
}

/// Checks a data set held in memory ([`DataTexts`]), with a supplement's treaties (the ATOP
/// layer) if given: the same checks as [`load`] and [`load_with`], no file system involved.
pub fn load_texts(texts: &DataTexts<'_>, supplement: Option<&dyn Supplement>) -> Checked {
    let file = |(path, text): (&str, &str)| SourceFile::new(path, text);
    let mut sorted: Vec<&(&str, &str)> = texts.treaties.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let files = Files {
        states: Some(file(texts.states)),
        seas: texts.seas.map(file),
        regions: Some(file(texts.regions)),
        areas: texts.areas.map(file),
        treaties: sorted.into_iter().map(|t| file(*t)).collect(),
        no_commitments: texts.no_commitments.map(file),
    };
    check_files(files, Diagnostics::default(), supplement)
}

/// Checks data given as bytes, as files hold them: `(path, bytes)` treaty files plus the
/// registry and regions files. The fuzz targets feed it; no file system involved.
pub fn load_from_bytes(
    states: Vec<u8>,
    regions: Vec<u8>,
    treaties: Vec<(String, Vec<u8>)>,
) -> Checked {
    load_from_bytes_with_areas(states, regions, None, treaties)
}

/// [`load_from_bytes`] with an areas file's bytes (`geo/areas.toml`).
pub fn load_from_bytes_with_areas(
    states: Vec<u8>,
    regions: Vec<u8>,
    areas: Option<Vec<u8>>,
    treaties: Vec<(String, Vec<u8>)>,
) -> Checked {
    let mut diags = Diagnostics::default();
    let mut file = |path: &str, bytes: Vec<u8>| {
        SourceFile::from_bytes(path, bytes).map_err(|d| diags.push(*d)).ok()
    };
    let states = file("states.toml", states);
    let regions = file("regions.toml", regions);
    let areas = areas.and_then(|a| file("geo/areas.toml", a));
    let mut sorted = treaties;
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let treaties = sorted.into_iter().filter_map(|(p, b)| file(&p, b)).collect();
    let files = Files { states, seas: None, regions, areas, treaties, no_commitments: None };
    check_files(files, diags, None)
}

/// Checks data given as text: `(path, text)` treaty files plus registry and regions texts.
/// Used by tests and the server; no file system involved.
pub fn load_from_texts(states: &str, regions: &str, treaties: &[(String, String)]) -> Checked {
    load_from_texts_with_areas(states, regions, None, treaties)
}

/// [`load_from_texts`] with an areas file's text (`geo/areas.toml`).
pub fn load_from_texts_with_areas(
    states: &str,
    regions: &str,
    areas: Option<&str>,
    treaties: &[(String, String)],
) -> Checked {
    let mut sorted: Vec<&(String, String)> = treaties.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let files = Files {
        states: Some(SourceFile::new("states.toml", states)),
        seas: None,
        regions: Some(SourceFile::new("regions.toml", regions)),
        areas: areas.map(|t| SourceFile::new("geo/areas.toml", t)),
        treaties: sorted.into_iter().map(|(p, t)| SourceFile::new(p.clone(), t.clone())).collect(),
        no_commitments: None,
    };
    check_files(files, Diagnostics::default(), None)
}
