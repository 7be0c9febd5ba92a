"""casus over a partitioned Parquet dataset of attacks, one partition per task, with Dask.

    python dask_events.py attacks/ obligations/ [--workers 2]
    python dask_events.py --make 100000 --partitions 8 attacks/   # a synthetic dataset first

Dask reads the dataset (a folder of Parquet files, e.g. UCDP GED or ACLED reshaped to casus's
columns: id, date, aggressor, victim, lat, lon, region, target, facts, assume), hands each
partition to a worker process, which evaluates it with ``casus.events`` exactly as it would
on one machine, and writes the obligations as a partitioned Parquet dataset. Each worker reads
and checks the bundled data once. Give every row an ``id``: row numbers restart in each
partition.

One machine is enough for most datasets (casus evaluates tens of thousands of distinct
attacks a second on two cores, and repeated attacks cost a lookup): reach for this when the
attacks do not fit in one machine's memory, or are already on a cluster.
"""

from __future__ import annotations

import argparse
import pathlib
import random

import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
from distributed import Client, LocalCluster

import casus


def obligations(part: pd.DataFrame) -> pd.DataFrame:
    """One partition's obligations, with Arrow types kept (so that every partition has the
    same schema, nulls included). One thread per task: Dask runs the tasks side by side."""
    table = casus.events(part, threads=1, on_invalid="warn")
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def evaluate(attacks: str, out: str, workers: int = 2) -> None:
    """Evaluates the Parquet dataset `attacks` on a local cluster of `workers` processes and
    writes the obligations to the Parquet dataset `out`."""
    cluster = LocalCluster(
        n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None
    )
    with cluster, Client(cluster):
        frame = dd.read_parquet(attacks)
        # The output's columns and types, from casus itself on the empty partition.
        meta = obligations(frame._meta)
        frame.map_partitions(obligations, meta=meta).to_parquet(out, write_index=False)


STATES = ["RUS", "EST", "LVA", "POL", "DEU", "FRA", "GBR", "USA", "CHN", "JPN", "PRK", "KOR",
          "UKR", "TUR", "GRC", "IND", "PAK", "ISR", "EGY", "ARG"]
POINTS = [(59.44, 24.75), (21.31, -157.86), (28.1, -15.4), (50.45, 30.52), (52.23, 21.01)]


def make(rows: int, partitions: int, path: str, seed: int = 1) -> None:
    """A synthetic dataset of attacks, written as `partitions` Parquet files: random dyads and
    days since 1992, a fifth at a point (the victim: its sovereign), one in a hundred invalid
    (an unknown state, reported, not dropped)."""
    rng = random.Random(seed)
    records = []
    for i in range(rows):
        aggressor, victim = rng.sample(STATES, 2)
        lat = lon = None
        if rng.random() < 0.2:
            lat, lon = rng.choice(POINTS)
            victim = None
        if rng.random() < 0.01:
            aggressor = "XXX"
        day = pd.Timestamp("1992-01-01") + pd.Timedelta(days=rng.randrange(34 * 365))
        records.append({"id": f"e{i}", "date": day.date().isoformat(), "aggressor": aggressor,
                        "victim": victim, "lat": lat, "lon": lon})
    frame = pd.DataFrame.from_records(records)
    dd.from_pandas(frame, npartitions=partitions).to_parquet(path, write_index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("attacks", help="a folder of Parquet files (a partitioned dataset)")
    parser.add_argument("out", nargs="?", help="the folder to write the obligations to")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--make", type=int, metavar="ROWS", help="write a synthetic dataset")
    parser.add_argument("--partitions", type=int, default=4, help="its partitions (--make)")
    args = parser.parse_args()
    if args.make:
        make(args.make, args.partitions, args.attacks)
    if args.out:
        evaluate(args.attacks, args.out, args.workers)
        n = pa.dataset.dataset(args.out).count_rows()
        print(f"wrote {n} obligation rows to {args.out}")


if __name__ == "__main__":
    import pyarrow.dataset  # noqa: F401  (pa.dataset, for the row count)

    main()
