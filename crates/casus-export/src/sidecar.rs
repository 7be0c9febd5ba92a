//! The sidecar: what produced a file, from which data, and what to cite (peacesciencer's
//! `ps_cite()`, written down beside the data).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::coverage::{AtopComparison, Coverage};
use crate::error::ExportError;
use crate::generate::Summary;
use crate::obligations::{Obligations, Provenance};
use crate::rows::{Collapse, Column, Schema, SourceKind, System, Unit, SCHEMA_VERSION};

/// SHA-256 of bytes, lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The content hash of a data directory: SHA-256 over every file below it in sorted
/// relative-path order, each as its `/`-separated path, a NUL byte, its length as 8
/// little-endian bytes, and its bytes. Returns the hash and the number of files.
///
/// # Errors
/// [`ExportError::Read`] if a file or directory cannot be read.
pub fn content_hash(dir: &Path) -> Result<(String, usize), ExportError> {
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort();
    let mut h = Sha256::new();
    for rel in &files {
        let path = dir.join(rel);
        let bytes = std::fs::read(&path)
            .map_err(|source| ExportError::Read { path: path.clone(), source })?;
        h.update(rel.as_bytes());
        h.update([0u8]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok((hex(&h.finalize()), files.len()))
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), ExportError> {
    let rd = std::fs::read_dir(dir)
        .map_err(|source| ExportError::Read { path: dir.to_owned(), source })?;
    for e in rd {
        let e = e.map_err(|source| ExportError::Read { path: dir.to_owned(), source })?;
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            let parts: Vec<String> =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

/// A work to cite.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    /// Why it is cited.
    #[serde(rename = "for")]
    pub for_: &'static str,
    /// The reference, in prose.
    pub text: String,
    /// The reference, as BibTeX.
    pub bibtex: String,
}

/// The data the frame and the obligations came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DataRecord {
    /// The casus data directory.
    pub dir: PathBuf,
    /// Its content hash ([`content_hash`]).
    pub sha256: String,
    /// How many files it holds.
    pub files: usize,
}

/// Everything the sidecar records. Written as JSON beside the output (`<output>.meta.json`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sidecar {
    /// The casus version.
    pub casus_version: &'static str,
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The command line that made the file, if given.
    pub command: Option<String>,
    /// `cow` or `gw`.
    pub system: &'static str,
    /// The unit.
    pub unit: &'static str,
    /// First year.
    pub from: i16,
    /// Last year.
    pub to: i16,
    /// Only allied dyads?
    pub allied_only: bool,
    /// The collapse rule.
    pub collapse: &'static str,
    /// The state registry and treaties.
    pub data: DataRecord,
    /// Where the obligations came from.
    pub obligations: Option<ObligationsRecord>,
    /// What was written.
    pub summary: Summary,
    /// What the data holds and misses, as `casus coverage` says it (bundled data only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<CoverageRecord>,
    /// The columns.
    pub columns: Vec<Column>,
    /// What to cite.
    pub citations: Vec<Citation>,
}

/// The obligation source of a run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ObligationsRecord {
    /// `atop` or `bundled`.
    pub source: &'static str,
    /// Days covered, if limited.
    pub coverage: Option<(String, String)>,
    /// What was read.
    pub provenance: Provenance,
}

/// The settings of a run, for [`Sidecar::new`].
#[derive(Debug, Clone, Copy)]
pub struct RunSettings {
    /// The system.
    pub system: System,
    /// The unit.
    pub unit: Unit,
    /// First year.
    pub from: i16,
    /// Last year.
    pub to: i16,
    /// Only allied dyads.
    pub allied_only: bool,
    /// The collapse rule.
    pub collapse: Collapse,
}

/// What the data holds and misses: the figures of `casus coverage`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CoverageRecord {
    /// The day "in force" refers to (the last day of the run's last year, or today).
    pub date: jiff::civil::Date,
    /// Instruments in the data.
    pub treaties: usize,
    /// Party and status facts marked uncertain.
    pub uncertain_facts: usize,
    /// ATOP ids a treaty file carries.
    pub atop_ids_carried: usize,
    /// States existing on `date` with no defence commitment in force in the data.
    pub states_without_defence: Vec<String>,
    /// Of those, the states with no commitment at all that no one has documented as having
    /// none in the sources: where the data may be missing something.
    pub states_not_yet_searched: Vec<String>,
    /// The comparison with ATOP's member file, when the run read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub atop: Option<AtopComparison>,
}

impl Sidecar {
    /// The record of a run.
    pub fn new(
        run: RunSettings,
        data: DataRecord,
        obligations: Option<&Obligations>,
        summary: Summary,
        command: Option<String>,
    ) -> Sidecar {
        let schema = Schema::new(run.system, run.unit, obligations.map(Obligations::kind));
        Sidecar {
            casus_version: env!("CARGO_PKG_VERSION"),
            schema_version: SCHEMA_VERSION,
            command,
            system: run.system.as_str(),
            unit: run.unit.as_str(),
            from: run.from,
            to: run.to,
            allied_only: run.allied_only,
            collapse: run.collapse.as_str(),
            citations: citations(run.system, obligations.map(Obligations::kind), &data.sha256),
            data,
            obligations: obligations.map(|o| ObligationsRecord {
                source: match o.kind() {
                    SourceKind::Atop => "atop",
                    SourceKind::Bundled => "bundled",
                },
                coverage: o.coverage().map(|(a, b)| (a.to_string(), b.to_string())),
                provenance: o.provenance().clone(),
            }),
            summary,
            coverage: None,
            columns: schema.columns().to_vec(),
        }
    }

    /// Adds the data's coverage figures (and the ATOP comparison, when ATOP was read).
    pub fn with_coverage(mut self, c: &Coverage, atop: Option<AtopComparison>) -> Sidecar {
        self.coverage = Some(CoverageRecord {
            date: c.date,
            treaties: c.treaties,
            uncertain_facts: c.uncertain_facts,
            atop_ids_carried: c.atop_ids.len(),
            states_without_defence: c.without_defence.clone(),
            states_not_yet_searched: c.not_yet_searched.clone(),
            atop,
        });
        self
    }

    /// The sidecar as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Writes the sidecar to `path`.
    ///
    /// # Errors
    /// [`ExportError::Write`] if the file cannot be written.
    pub fn write(&self, path: &Path) -> Result<(), ExportError> {
        std::fs::write(path, self.to_json() + "\n")?;
        Ok(())
    }

    /// The sidecar path for an output: `<output>.meta.json`.
    pub fn path_for(output: &Path) -> PathBuf {
        let mut s = output.as_os_str().to_owned();
        s.push(".meta.json");
        PathBuf::from(s)
    }
}

/// What to cite for a run: the state system, the obligation source, peacesciencer (whose
/// conventions the files follow) and casus.
pub fn citations(system: System, source: Option<SourceKind>, data_hash: &str) -> Vec<Citation> {
    let mut v = Vec::new();
    match system {
        System::Cow => v.push(Citation {
            for_: "state system",
            text: "Correlates of War Project. 2017. \"State System Membership List, v2016.\" \
                   Online, https://correlatesofwar.org."
                .into(),
            bibtex: "@misc{cowstates2016,\n  author = {{Correlates of War Project}},\n  \
                     title = {State System Membership List, v2016},\n  year = {2017},\n  \
                     url = {https://correlatesofwar.org}\n}"
                .into(),
        }),
        System::Gw => v.push(Citation {
            for_: "state system",
            text: "Gleditsch, Kristian S. and Michael D. Ward. 1999. \"A Revised List of \
                   Independent States since the Congress of Vienna.\" International \
                   Interactions 25(4): 393-413."
                .into(),
            bibtex: "@article{gleditschward1999rlis,\n  author = {Gleditsch, Kristian S. and \
                     Ward, Michael D.},\n  title = {A Revised List of Independent States since \
                     the Congress of Vienna},\n  journal = {International Interactions},\n  \
                     volume = {25},\n  number = {4},\n  pages = {393--413},\n  year = {1999}\n}"
                .into(),
        }),
    }
    if source == Some(SourceKind::Atop) {
        v.push(Citation {
            for_: "alliance obligations",
            text: "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and \
                   Andrew G. Long. 2002. \"Alliance Treaty Obligations and Provisions, \
                   1815-1944.\" International Interactions 28: 237-60."
                .into(),
            bibtex: "@article{leedsetal2002atop,\n  author = {Leeds, Brett Ashley and Ritter, \
                     Jeffrey M. and Mitchell, Sara McLaughlin and Long, Andrew G.},\n  \
                     title = {Alliance Treaty Obligations and Provisions, 1815-1944},\n  \
                     journal = {International Interactions},\n  volume = {28},\n  \
                     pages = {237--260},\n  year = {2002}\n}"
                .into(),
        });
    }
    v.push(Citation {
        for_: "dyad-year conventions",
        text: "Miller, Steven V. 2022. \"{peacesciencer}: An R Package for Quantitative Peace \
               Science Research.\" Conflict Management and Peace Science 39(6): 755-779."
            .into(),
        bibtex: "@article{miller2022peacesciencer,\n  author = {Miller, Steven V.},\n  \
                 title = {{peacesciencer}: An R Package for Quantitative Peace Science \
                 Research},\n  journal = {Conflict Management and Peace Science},\n  \
                 volume = {39},\n  number = {6},\n  pages = {755--779},\n  year = {2022},\n  \
                 doi = {10.1177/07388942221077926}\n}"
            .into(),
    });
    let version = env!("CARGO_PKG_VERSION");
    let what = if source == Some(SourceKind::Bundled) {
        "treaty data and obligations (every treaty file cites its own sources)"
    } else {
        "state registry"
    };
    v.push(Citation {
        for_: "casus",
        text: format!("casus {version}, {what}; data content hash sha256:{data_hash}."),
        bibtex: format!(
            "@software{{casus,\n  title = {{casus}},\n  version = {{{version}}},\n  \
             note = {{data sha256:{data_hash}}}\n}}"
        ),
    });
    v
}
