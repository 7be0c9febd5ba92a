"""The R snippets of docs/python.md, run with Rscript on casus's own outputs: arrow's
read_parquet and read_csv_arrow where R's arrow package is installed, base R's read.csv where
R is. Skipped, with the reason, where they are not (Debian bookworm packages R, r-base-core,
but not R's arrow, and CRAN is not reachable from this project's machines)."""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess

import pytest

DOCS = pathlib.Path(__file__).resolve().parents[3] / "docs" / "python.md"


def snippet(name: str) -> str:
    """The R code block of docs/python.md that follows the comment `<!-- r: name -->`."""
    match = re.search(rf"<!-- r: {name} -->\s*```r\n(.*?)```", DOCS.read_text(), re.S)
    assert match, f"no R snippet {name} in {DOCS}"
    return match.group(1)


def rscript() -> str:
    path = shutil.which("Rscript")
    if path is None:
        pytest.skip("R is not installed (Debian: apt-get install r-base-core)")
    return path


def has_r_arrow(r: str) -> bool:
    run = subprocess.run([r, "-e", "library(arrow)"], capture_output=True, text=True)
    return run.returncode == 0


@pytest.fixture()
def outputs(cli, tmp_path: pathlib.Path) -> pathlib.Path:
    """`casus events` outputs, Parquet and CSV, as the snippets' comments make them."""
    attacks = tmp_path / "attacks.csv"
    attacks.write_text("id,date,aggressor,victim\na,2026-01-01,RUS,EST\nb,2004-03-28,RUS,EST\n")
    for ext in ("parquet", "csv"):
        cli.run("events", str(attacks), "-o", str(tmp_path / f"obligations.{ext}"),
                "--summary", str(tmp_path / f"per-attack.{ext}"), "--quiet")
    return tmp_path


def expected_line(outputs: pathlib.Path) -> str:
    import pyarrow.parquet as pq

    t = pq.read_table(outputs / "obligations.parquet").to_pandas()
    usa = t[(t.state == "USA") & (t.status == "triggered")]
    return f"{len(t)} obligation rows; {len(usa)} bind the USA; 2 attacks"


def test_r_reads_casus_parquet_and_csv_with_arrow(outputs):
    r = rscript()
    if not has_r_arrow(r):
        pytest.skip(
            "R's arrow package is not installed: Debian bookworm has no r-cran-arrow and "
            "CRAN is not reachable here (install.packages('arrow') elsewhere)"
        )
    run = subprocess.run([r, "-e", snippet("arrow")], capture_output=True, text=True, cwd=outputs)
    assert run.returncode == 0, run.stderr
    assert expected_line(outputs) in run.stdout


def test_base_r_reads_casus_csv(outputs):
    r = rscript()
    run = subprocess.run([r, "-e", snippet("base")], capture_output=True, text=True, cwd=outputs)
    assert run.returncode == 0, run.stderr
    assert expected_line(outputs) in run.stdout
