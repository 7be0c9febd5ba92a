# Type stubs of the casus package (the functions are in __init__.py, the extension in _casus).
import datetime
import os
from typing import Any, Dict, List, Literal, Mapping, NamedTuple, Optional, Sequence, Tuple, Union, overload

import pyarrow

from ._decision import Decision as Decision, Finding as Finding, ObligationFinding as ObligationFinding
from ._errors import (
    CasusError as CasusError,
    InvalidData as InvalidData,
    InvalidInput as InvalidInput,
    InvalidRowsWarning as InvalidRowsWarning,
)

__version__: str
__all__: List[str]

PathLike = Union[str, os.PathLike[str]]
DateLike = Union[str, datetime.date]

def check(
    aggressor: Optional[str] = None,
    victim: Optional[str] = None,
    date: Optional[DateLike] = None,
    *,
    at: Union[None, str, Tuple[float, float]] = None,
    region: Optional[str] = None,
    target: str = "territory",
    facts: Union[None, Mapping[str, bool], Sequence[str]] = None,
    assume_in_force: Union[None, str, Sequence[str]] = None,
    data: Optional[PathLike] = None,
    atop: Optional[PathLike] = None,
) -> Decision: ...
def treaty(id: str, date: Optional[DateLike] = None, *, data: Optional[PathLike] = None) -> Dict[str, Any]: ...
def states(date: Optional[DateLike] = None, *, data: Optional[PathLike] = None) -> Dict[str, Any]: ...

class Events(NamedTuple):
    obligations: pyarrow.Table
    summary: pyarrow.Table
    invalid: List[Dict[str, Any]]
    counts: Dict[str, int]

@overload
def events(
    table: Any,
    *,
    summary: Literal[False] = False,
    keep_invalid: bool = False,
    on_invalid: Literal["warn", "raise", "ignore"] = "warn",
    threads: Optional[int] = None,
    chunk: int = 8192,
    data: Optional[PathLike] = None,
) -> pyarrow.Table: ...
@overload
def events(
    table: Any,
    *,
    summary: Literal[True],
    keep_invalid: bool = False,
    on_invalid: Literal["warn", "raise", "ignore"] = "warn",
    threads: Optional[int] = None,
    chunk: int = 8192,
    data: Optional[PathLike] = None,
) -> Events: ...
def dyads(
    *,
    system: Literal["cow", "gw"] = "cow",
    unit: Literal["directed-dyad-year", "dyad-year", "directed-dyad-day"] = "directed-dyad-year",
    from_: int = 1816,
    to: Optional[int] = None,
    treaties: bool = False,
    atop: Optional[PathLike] = None,
    allied: bool = False,
    collapse: Literal["last", "any"] = "last",
    data: Optional[PathLike] = None,
) -> pyarrow.Table: ...
def cascade(scenario: PathLike, *, data: Optional[PathLike] = None, atop: Optional[PathLike] = None) -> Dict[str, Any]: ...
def simulate(
    scenario: PathLike,
    *,
    samples: int = 100_000,
    seed: int = 1,
    credibility: Union[None, Mapping[str, float], Sequence[str]] = None,
    decide: Literal["per-victim", "per-war", "per-commitment"] = "per-victim",
    weights: Union[None, PathLike, Mapping[str, float]] = None,
    threads: Optional[int] = None,
    data: Optional[PathLike] = None,
    atop: Optional[PathLike] = None,
) -> Dict[str, Any]: ...
def clear_cache() -> None: ...
