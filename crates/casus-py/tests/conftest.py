"""Shared fixtures: the repository root, and the `casus` binary the answers are compared with.

The binary is $CASUS_BIN, else target/release/casus or target/debug/casus of the repository
(CI builds the release one); tests that compare with it are skipped, saying so, without one.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
from typing import Any, List

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


def _binary() -> pathlib.Path | None:
    if os.environ.get("CASUS_BIN"):
        return pathlib.Path(os.environ["CASUS_BIN"]).resolve()
    for profile in ("release", "debug"):
        candidate = ROOT / "target" / profile / "casus"
        if candidate.is_file():
            return candidate
    return None


class Cli:
    """Runs the `casus` binary on the repository's data."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        # --data: the repository's data, which the package embeds; CASUS_ATOP and CASUS_DATA
        # are cleared so that the CLI answers from the same data as the package.
        env = {k: v for k, v in os.environ.items() if k not in ("CASUS_ATOP", "CASUS_DATA")}
        return subprocess.run(
            [str(self.path), "--data", str(ROOT / "data"), *args],
            capture_output=True,
            text=True,
            check=check,
            env=env,
            cwd=ROOT,
        )

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--format", "json").stdout)


@pytest.fixture(scope="session")
def cli() -> Cli:
    path = _binary()
    if path is None or not path.is_file():
        pytest.skip(
            "no casus binary to compare with: set CASUS_BIN or run "
            "`cargo build --release -p casus-cli`"
        )
    return Cli(path)


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    return ROOT


def rows(*lines: str) -> List[str]:
    return list(lines)
