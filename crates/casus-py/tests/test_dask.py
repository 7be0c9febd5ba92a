"""The Dask example (examples/dask_events.py) on a small partitioned dataset: a LocalCluster of
two worker processes gives what one machine's casus.events gives on the same rows."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import casus

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "examples" / "dask_events.py"


def sorted_rows(table: pa.Table) -> pa.Table:
    return table.sort_by([(c, "ascending") for c in table.column_names])


def test_dask_partitions_give_what_one_machine_gives(tmp_path):
    attacks, out = tmp_path / "attacks", tmp_path / "obligations"
    run = subprocess.run(
        [sys.executable, str(EXAMPLE), "--make", "1200", "--partitions", "3", "--workers", "2",
         str(attacks), str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert len(list(attacks.glob("*.parquet"))) == 3
    assert len(list(out.glob("*.parquet"))) == 3
    # The invalid rows were reported by the workers, not dropped silently.
    assert "InvalidRowsWarning" in run.stderr

    distributed = pq.read_table(out)
    with pytest.warns(casus.InvalidRowsWarning):
        one_machine = casus.events(pq.read_table(attacks))
    assert distributed.num_rows == one_machine.num_rows > 0
    got = sorted_rows(distributed.select(one_machine.column_names)).cast(one_machine.schema)
    assert got.equals(sorted_rows(one_machine))
    assert f"wrote {one_machine.num_rows} obligation rows" in run.stdout
