"""casus.events and casus.dyads: the CLI's tables, as pyarrow tables, from files or frames."""

from __future__ import annotations

import pathlib
import warnings

import pyarrow as pa
import pyarrow.csv
import pyarrow.parquet as pq
import pytest

import casus

ATTACKS_CSV = """id,date,aggressor,victim,lat,lon,region,target,facts,assume,note
a1,2026-01-01,RUS,EST,,,,,,,Tallinn
a2,2004-03-28,RUS,EST,,,,,,,a day before
a3,2026-01-01,CHN,,21.31,-157.86,,,,,Honolulu
a4,2026-01-01,CHN,USA,,,US-HI,forces,,,
a5,2026-01-01,USA,PRK,,,,,state-of-war=true,,
a6,2027-01-01,RUS,UKR,,,,,,ukraine-guarantee-proposal-2025,
a7,2026-01-01,RUS,ESTT,,,,,,,a typo
a8,2026-01-01,RUS,EST,,,,,,,the same attack as a1
"""


@pytest.fixture()
def attacks(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "attacks.csv"
    path.write_text(ATTACKS_CSV)
    return path


def cli_events(cli, attacks: pathlib.Path, tmp_path: pathlib.Path, *flags: str):
    out = tmp_path / "cli-obligations.parquet"
    summary = tmp_path / "cli-summary.parquet"
    cli.run("events", str(attacks), "-o", str(out), "--summary", str(summary), "--quiet", *flags)
    return pq.read_table(out), pq.read_table(summary)


def test_events_equal_the_cli_output(cli, attacks, tmp_path):
    expected, expected_summary = cli_events(cli, attacks, tmp_path, "--keep-invalid")
    with pytest.warns(casus.InvalidRowsWarning):
        got = casus.events(attacks, summary=True, keep_invalid=True)
    assert got.obligations.equals(expected, check_metadata=True)
    assert got.summary.equals(expected_summary, check_metadata=True)
    assert got.counts == {"rows": 8, "evaluated": 7, "invalid": 1, "distinct": 7,
                          "obligation_rows": got.obligations.num_rows}


def test_a_frame_gives_what_its_file_gives(attacks):
    from_file = casus.events(attacks, on_invalid="ignore")
    frame = pa.csv.read_csv(attacks, convert_options=pa.csv.ConvertOptions(strings_can_be_null=True))
    assert casus.events(frame, on_invalid="ignore").equals(from_file)
    pandas = pytest.importorskip("pandas")
    polars = pytest.importorskip("polars")
    df = pandas.read_csv(attacks, dtype=str, keep_default_na=False)
    assert casus.events(df, on_invalid="ignore").equals(from_file)
    pl = polars.read_csv(attacks, infer_schema_length=0)
    assert casus.events(pl, on_invalid="ignore").equals(from_file)


def test_typed_columns_are_read_as_the_cli_reads_parquet(tmp_path):
    import datetime

    table = pa.table({
        "id": pa.array([1, 2], pa.int64()),
        "date": pa.array([datetime.date(2026, 1, 1), datetime.date(2004, 3, 28)], pa.date32()),
        "aggressor": ["RUS", "RUS"],
        "victim": ["EST", "EST"],
    })
    out = casus.events(table)
    assert set(out.column("event_id").to_pylist()) == {"1"}
    assert "USA" in out.column("state").to_pylist()
    pandas = pytest.importorskip("pandas")
    frame = table.to_pandas()
    frame["date"] = pandas.to_datetime(frame["date"])  # datetime64: read as days
    frame["aggressor"] = frame["aggressor"].astype("category")
    assert casus.events(frame).equals(out)


def test_invalid_rows_warn_raise_or_are_ignored(attacks):
    with pytest.warns(casus.InvalidRowsWarning) as w:
        casus.events(attacks)
    assert w[0].message.rows[0]["id"] == "a7"
    assert "unknown-state" in w[0].message.rows[0]["problems"][0]
    with pytest.raises(casus.InvalidInput, match="row 7"):
        casus.events(attacks, on_invalid="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = casus.events(attacks, on_invalid="ignore", summary=True)
    assert [r["row"] for r in result.invalid] == [7]


def test_rows_that_are_the_same_attack_give_the_same_rows(attacks):
    out = casus.events(attacks, on_invalid="ignore").to_pandas()
    first = out[out.event_id == "a1"].drop(columns="event_id").reset_index(drop=True)
    same = out[out.event_id == "a8"].drop(columns="event_id").reset_index(drop=True)
    assert len(first) > 0 and first.equals(same)
    assert out[out.event_id == "a2"].empty


def test_threads_and_chunks_do_not_change_the_result(attacks):
    one = casus.events(attacks, threads=1, chunk=1, on_invalid="ignore")
    many = casus.events(attacks, threads=4, chunk=3, on_invalid="ignore")
    assert one.equals(many)


def test_a_table_without_an_aggressor_column_raises():
    with pytest.raises(casus.InvalidData, match="no `aggressor` column"):
        casus.events(pa.table({"attacker": ["RUS"], "victim": ["EST"]}))


def test_tables_go_to_pandas_and_polars_without_a_copy_of_their_meaning(attacks):
    out = casus.events(attacks, on_invalid="ignore")
    pandas = pytest.importorskip("pandas")
    polars = pytest.importorskip("polars")
    df = out.to_pandas()
    assert list(df.columns) == out.column_names and len(df) == out.num_rows
    pl = polars.from_arrow(out)
    assert pl.columns == out.column_names and pl.height == out.num_rows
    assert pl.filter(polars.col("event_id") == "a1")["state"].to_list() == (
        df[df.event_id == "a1"]["state"].tolist()
    )


def test_the_extension_hands_tables_over_by_the_c_stream_interface():
    from casus import _casus

    raw = _casus.dyads("cow", "dyad-year", 1816, 1816, False, None, False, "last", None)
    assert raw.num_rows > 0
    capsule = raw.__arrow_c_stream__()
    assert type(capsule).__name__ == "PyCapsule"
    # Read twice: the table is not consumed.
    assert pa.RecordBatchReader.from_stream(raw).read_all().num_rows == raw.num_rows
    assert pa.RecordBatchReader.from_stream(raw).read_all().num_rows == raw.num_rows


def test_dyads_equal_the_cli_output(cli, tmp_path):
    out = tmp_path / "nato55.parquet"
    cli.run("dyads", "--treaties", "--from", "1955", "--to", "1956", "--quiet", "-o", str(out))
    got = casus.dyads(treaties=True, from_=1955, to=1956)
    assert got.equals(pq.read_table(out), check_metadata=True)
    day = tmp_path / "gw.parquet"
    cli.run("dyads", "--system", "gw", "--unit", "directed-dyad-day", "--from", "1990",
            "--to", "1990", "--quiet", "-o", str(day))
    assert casus.dyads(system="gw", unit="directed-dyad-day", from_=1990, to=1990).equals(
        pq.read_table(day), check_metadata=True
    )


def test_dyads_columns_and_a_known_dyad():
    t = casus.dyads(treaties=True, from_=1955, to=1955).to_pandas()
    assert {"ccode1", "ccode2", "year", "casus_defense"} <= set(t.columns)
    usa_deu = t[(t.ccode1 == 2) & (t.ccode2 == 260)]
    assert usa_deu["casus_defense"].tolist() == [1]


def test_dyads_refuse_years_outside_the_data():
    with pytest.raises(casus.InvalidInput, match="from_ 1700 is outside"):
        casus.dyads(from_=1700, to=1800)
