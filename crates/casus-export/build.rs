//! See ../casus-core/build.rs: the reference data for the reference test suite.
include!("../casus-core/build.rs");
