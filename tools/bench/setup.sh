#!/usr/bin/env bash
# Creates tools/bench/.venv with pandas, pyarrow and polars from PyPI: the pandas side of
# `cargo bench -p casus-export --bench dyads`, and the Python readers the casus-export tests
# open Parquet with. Idempotent; CI runs it (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/python -c "import pandas, pyarrow, polars; print('pandas', pandas.__version__, 'pyarrow', pyarrow.__version__, 'polars', polars.__version__)"
