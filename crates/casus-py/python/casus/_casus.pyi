# Type stubs of the Rust extension (crates/casus-py/src); call it through the casus package.
from typing import Any, List, Optional, Tuple

__version__: str

class ArrowTable:
    @property
    def num_rows(self) -> int: ...
    def __arrow_c_stream__(self, requested_schema: Optional[Any] = None) -> Any: ...

def check(
    aggressor: Optional[str],
    victim: Optional[str],
    date: Optional[str],
    at: Optional[str],
    region: Optional[str],
    target: str,
    facts: List[str],
    assume_in_force: List[str],
    data: Optional[str],
    atop: Optional[str],
) -> str: ...
def treaty(id: str, date: Optional[str], data: Optional[str]) -> str: ...
def states(date: Optional[str], data: Optional[str]) -> str: ...
def events(
    path: Optional[str],
    ipc: Optional[bytes],
    summary: bool,
    keep_invalid: bool,
    threads: Optional[int],
    chunk: int,
    data: Optional[str],
) -> Tuple[ArrowTable, Optional[ArrowTable], str, str]: ...
def dyads(
    system: str,
    unit: str,
    from_: int,
    to: Optional[int],
    treaties: bool,
    atop: Optional[str],
    allied: bool,
    collapse: str,
    data: Optional[str],
) -> ArrowTable: ...
def cascade(scenario: str, data: Optional[str], atop: Optional[str]) -> str: ...
def simulate(
    scenario: str,
    samples: int,
    seed: int,
    credibility: List[str],
    decide: str,
    weights: Optional[str],
    weights_name: str,
    threads: Optional[int],
    data: Optional[str],
    atop: Optional[str],
) -> str: ...
def clear_cache() -> None: ...
