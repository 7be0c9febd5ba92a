// Finds the reference data (ATOP, COW, peacesciencer: data casus must not ship) for the
// reference test suite. With it, the tests of the suite run; without it, they are compiled
// as ignored, with the reason, so that a fresh clone passes `cargo test` and says what it
// skipped. The place is `$CASUS_REFERENCE`, else `../shared/reference` beside the repository.
// casus-export's build script includes this file.

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(casus_reference)");
    println!("cargo::rerun-if-env-changed=CASUS_REFERENCE");
    println!("cargo::rerun-if-changed=build.rs");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = match std::env::var_os("CASUS_REFERENCE") {
        Some(d) => PathBuf::from(d),
        None => manifest.join("../../../shared/reference"),
    };
    // A path that does not exist would rerun this script on every build, and watching an
    // ancestor would scan whatever lies beside the repository: reference data put in place
    // later is noticed through CASUS_REFERENCE, or `cargo clean -p casus-core`.
    if dir.is_dir() {
        println!("cargo::rerun-if-changed={}", dir.display());
    }
    let present = ["atop/atop5_1m.csv", "cow/states2016.csv", "peacesciencer/cow_ddy.csv.gz"]
        .iter()
        .all(|f| dir.join(f).is_file());
    if present {
        println!("cargo::rustc-cfg=casus_reference");
        let dir = dir.canonicalize().unwrap_or(dir);
        println!("cargo::rustc-env=CASUS_REFERENCE_DIR={}", dir.display());
    }
}
