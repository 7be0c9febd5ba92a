//! casus-py: the extension module `casus._casus` of the Python package `casus`; it owns the
//! binding of the engine and the exports to Python (arguments in, JSON and Arrow tables out,
//! diagnostics as exceptions), and nothing the CLI does not also do.
//!
//! The Python side (`python/casus/`) turns keywords into these functions' arguments, parses
//! the JSON, wraps the Arrow tables in pyarrow and raises the exceptions; see docs/python.md.
//! Built by maturin (`pip install crates/casus-py`); `cargo build` builds it too, with no
//! Python needed: the stable ABI (abi3) and the `extension-module` feature leave libpython
//! unlinked, to be found at import.

mod answers;
mod arrow;
mod data;
mod error;
mod scenario;
mod tables;

use pyo3::prelude::*;

/// Forgets the data sets read so far (a data directory or ATOP file changed on disk).
#[pyfunction]
fn clear_cache() {
    data::clear();
}

/// The module: one function per command, the Arrow table type, and the version.
#[pymodule]
fn _casus(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<arrow::ArrowTable>()?;
    m.add_function(wrap_pyfunction!(answers::check, m)?)?;
    m.add_function(wrap_pyfunction!(answers::treaty, m)?)?;
    m.add_function(wrap_pyfunction!(answers::states, m)?)?;
    m.add_function(wrap_pyfunction!(tables::events, m)?)?;
    m.add_function(wrap_pyfunction!(tables::dyads, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::cascade, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::simulate, m)?)?;
    m.add_function(wrap_pyfunction!(clear_cache, m)?)?;
    Ok(())
}
