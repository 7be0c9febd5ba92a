#!/usr/bin/env bash
# Creates tools/python/.venv with pytest, pyarrow, pandas, polars and dask[distributed] from
# PyPI, then installs the casus package into it as a user would on a fresh machine:
# `pip install crates/casus-py` (maturin from PyPI builds the Rust extension, release profile).
# Also R (Debian's r-base-core), whose snippets in docs/python.md the tests run when it is
# there; Debian has no R arrow package, so that test is skipped, saying so. Idempotent; CI
# runs it (.ci/run). PYTHON picks the interpreter (default python3).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v Rscript >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq r-base-core >/dev/null; } ||
        echo "R could not be installed: the R tests will be skipped, saying so"
fi
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check ../../crates/casus-py
.venv/bin/python -c "import casus; print('casus', casus.__version__, 'from', casus.__file__)"
