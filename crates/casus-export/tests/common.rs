use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use casus_core::{load, DataPaths, Dataset};
use casus_export::{DyadRow, Dyads, ExportError, Kind, RowSink, Schema, System, Unit, When};

pub(crate) fn data_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"))
}

/// A file of the reference data (the reference suite only: its tests are ignored unless
/// build.rs found the data and set `CASUS_REFERENCE_DIR`).
pub(crate) fn reference(rel: &str) -> PathBuf {
    let dir = option_env!("CASUS_REFERENCE_DIR").unwrap_or("reference data not found");
    PathBuf::from(dir).join(rel)
}

/// The bundled data, loaded once; it must have no errors.
pub(crate) fn dataset() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| {
        let checked = load(&DataPaths::in_dir(data_dir()));
        let msgs: Vec<String> = checked.diagnostics().iter().map(|d| d.render_plain()).collect();
        assert!(checked.passed(), "bundled data has errors:\n{}", msgs.join("\n"));
        checked.into_parts().0
    })
}

/// A text file, gunzipped if its name ends in `.gz`.
pub(crate) fn read_text(path: &Path) -> String {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut s).unwrap();
        s
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

/// One row, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) code1: u16,
    pub(crate) code2: u16,
    pub(crate) when: When,
    /// `None`: null flags.
    pub(crate) flags: Option<u8>,
    pub(crate) ids: [String; 5],
    pub(crate) obvary: bool,
    pub(crate) strength: Option<String>,
}

impl Row {
    pub(crate) fn year(&self) -> i16 {
        match self.when {
            When::Year(y) => y,
            When::Day(d) => d.year(),
        }
    }
    pub(crate) fn has(&self, k: Kind) -> bool {
        self.flags.is_some_and(|f| f & k.bit() != 0)
    }
}

/// Collects every row.
#[derive(Debug, Default)]
pub(crate) struct Collect {
    pub(crate) schema: Option<Schema>,
    pub(crate) rows: Vec<Row>,
}

impl RowSink for Collect {
    fn start(&mut self, schema: &Schema) -> Result<(), ExportError> {
        self.schema = Some(schema.clone());
        Ok(())
    }
    fn row(&mut self, r: &DyadRow<'_>) -> Result<(), ExportError> {
        let o = r.obligations.as_ref();
        self.rows.push(Row {
            code1: r.code1,
            code2: r.code2,
            when: r.when,
            flags: o.map(|o| o.flags),
            ids: o.map_or_else(Default::default, |o| o.ids.map(str::to_owned)),
            obvary: o.is_some_and(|o| o.obvary),
            strength: o.and_then(|o| o.strength).map(|s| s.as_str().to_owned()),
        });
        Ok(())
    }
    fn finish(&mut self) -> Result<(), ExportError> {
        Ok(())
    }
}

/// `(code1, code2, year)`.
pub(crate) type Key = (u16, u16, i16);

/// `ccode1,ccode2,year,...` CSV into its header and key -> the remaining fields.
pub(crate) fn keyed_csv(text: &str) -> (Vec<String>, BTreeMap<Key, Vec<String>>) {
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(str::to_owned).collect();
    let mut out = BTreeMap::new();
    for l in lines.filter(|l| !l.is_empty()) {
        let f: Vec<&str> = l.trim_end_matches('\r').split(',').collect();
        let key = (f[0].parse().unwrap(), f[1].parse().unwrap(), f[2].parse().unwrap());
        let prev = out.insert(key, f[3..].iter().map(|s| (*s).to_owned()).collect());
        assert!(prev.is_none(), "duplicate key {key:?}");
    }
    (header, out)
}

/// The `(code1, code2, year)` keys of a year frame, as written.
pub(crate) fn year_keys(system: System, unit: Unit, from: i16, to: i16) -> Vec<Key> {
    let mut sink = Collect::default();
    Dyads::new(dataset().registry(), system, unit)
        .years(from, to)
        .write(&mut sink, &mut |_, _| {})
        .unwrap();
    sink.rows
        .iter()
        .map(|r| match r.when {
            When::Year(y) => (r.code1, r.code2, y),
            When::Day(_) => panic!("a year unit wrote a day"),
        })
        .collect()
}
