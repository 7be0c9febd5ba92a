"""casus: collective-defence treaties made executable.

Decide an attack (``check``), evaluate a table of attacks (``events``), build the state-system
dyad frames with obligations joined (``dyads``), run scenarios (``cascade``, ``simulate``), and
read treaties and states on a date (``treaty``, ``states``): the engine and the bundled data of
the ``casus`` command, with its flags as keywords and its JSON as the answers.

    >>> import casus
    >>> d = casus.check(aggressor="RUS", victim="EST", date="2026-01-01")
    >>> d.is_triggered("north-atlantic-treaty"), "USA" in d.bound
    (True, True)

Tables come back as ``pyarrow.Table`` (``.to_pandas()``, ``polars.from_arrow(t)``), handed
over from Rust through the Arrow C stream interface without a copy. Errors are ``CasusError``
subclasses carrying the engine's diagnostics. See docs/python.md in the repository.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
import warnings as _warnings
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

import pyarrow as _pa

from . import _casus
from ._decision import Decision, Finding, ObligationFinding
from ._errors import CasusError, InvalidData, InvalidInput, InvalidRowsWarning

__version__: str = _casus.__version__

__all__ = [
    "CasusError",
    "Decision",
    "Events",
    "Finding",
    "InvalidData",
    "InvalidInput",
    "InvalidRowsWarning",
    "ObligationFinding",
    "cascade",
    "check",
    "clear_cache",
    "dyads",
    "events",
    "simulate",
    "states",
    "treaty",
]

PathLike = Union[str, "_os.PathLike[str]"]
DateLike = Union[str, _dt.date]


def _date(value: Optional[DateLike]) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError(f"date must be a str (YYYY-MM-DD) or a datetime.date, not {type(value).__name__}")


def _path(value: Optional[PathLike]) -> Optional[str]:
    return None if value is None else _os.fspath(value)


def _strings(value: Union[None, str, Sequence[str]], what: str) -> List[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    out = list(value)
    if not all(isinstance(v, str) for v in out):
        raise TypeError(f"{what} must be strings")
    return out


def _assignments(value: Union[None, Mapping[str, Any], Sequence[str]], what: str) -> List[str]:
    """``{"provoked": False}`` or ``["provoked=false"]`` as the CLI's ``NAME=VALUE`` strings."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in value.items()]
    return _strings(value, what)


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
) -> Decision:
    """Decide an attack, as ``casus check`` does.

    aggressor: a state code (ISO alpha-3 or COW abbreviation) or ``NSA:<name>``; required.
    victim: the state attacked; without it, the sovereign of ``at``/``region`` on the date.
    date: ``YYYY-MM-DD`` or a ``datetime.date``; default today (UTC).
    at: a point, ``"LAT,LON"`` or ``(lat, lon)`` in degrees; region: an ISO 3166 code
    (``"US-HI"``); neither: the victim's metropolitan territory (the decision says so).
    target: ``territory``, ``forces``, ``vessel`` or ``aircraft``.
    facts: stated facts, ``{"provoked": False}`` or ``["provoked=false"]``; unstated facts are
    unknown, never false.
    assume_in_force: proposals to evaluate as if in force, ``ID`` or ``ID:VARIANT``.
    data: a data directory instead of the bundled data; atop: ATOP's member-level file
    (``atop5_1m.csv``), whose alliances join as ``atop-<atopid>``.

    Returns a ``Decision``; ``.to_dict()`` equals ``casus check --format json``.
    Raises ``InvalidInput`` (unknown state, bad date, ...) or ``InvalidData``.
    """
    if isinstance(at, tuple):
        at = f"{at[0]},{at[1]}"
    raw = _casus.check(
        aggressor,
        victim,
        _date(date),
        at,
        region,
        target,
        _assignments(facts, "facts"),
        _strings(assume_in_force, "assume_in_force"),
        _path(data),
        _path(atop),
    )
    return Decision(_json.loads(raw))


def treaty(id: str, date: Optional[DateLike] = None, *, data: Optional[PathLike] = None) -> Dict[str, Any]:
    """A treaty on a date (default today), as ``casus treaty ID --format json``: status,
    parties on the date, memberships, articles, obligations, variants, scopes, sources.
    Raises ``InvalidInput`` for an unknown id (with "did you mean")."""
    return _json.loads(_casus.treaty(id, _date(date), _path(data)))


def states(date: Optional[DateLike] = None, *, data: Optional[PathLike] = None) -> Dict[str, Any]:
    """The states existing on a date (default today), as ``casus states --format json``:
    ``{"date", "states": [{code, name, iso3, iso2, cow, cow_abb, gw}]}``."""
    return _json.loads(_casus.states(_date(date), _path(data)))


class Events(NamedTuple):
    """What ``events(..., summary=True)`` returns."""

    obligations: _pa.Table
    """One row per state bound under an obligation an attack triggers or leaves undecided."""
    summary: _pa.Table
    """One row per attack (and per invalid row, with ``keep_invalid=True``)."""
    invalid: List[Dict[str, Any]]
    """The rows that could not be evaluated: ``{row, id, problems}`` (at most 1000)."""
    counts: Dict[str, int]
    """``rows``, ``evaluated``, ``invalid``, ``distinct`` (evaluations of the engine: one per
    attack and span of days), ``obligation_rows``."""


def _to_arrow(table: Any) -> _pa.Table:
    """A pyarrow table from a pyarrow table or batch reader, a pandas or polars frame, or any
    object with ``__arrow_c_stream__``."""
    if isinstance(table, _pa.Table):
        return table
    if isinstance(table, _pa.RecordBatchReader):
        return table.read_all()
    if type(table).__module__.startswith("pandas"):
        return _pa.Table.from_pandas(table, preserve_index=False)
    if hasattr(table, "__arrow_c_stream__"):
        return _pa.RecordBatchReader.from_stream(table).read_all()
    if hasattr(table, "to_arrow"):
        return table.to_arrow()
    raise TypeError(
        "a table of attacks is a path (CSV or Parquet), a pyarrow, pandas or polars table, "
        f"or an object with __arrow_c_stream__; not {type(table).__name__}"
    )


def _readable(table: _pa.Table) -> _pa.Table:
    """The table with the column types casus reads as the CLI reads Parquet: string views
    (polars), dictionaries (pandas categoricals) and large strings as strings; timestamps
    (pandas datetimes) and date64 as dates (the engine takes days)."""
    types = _pa.types
    fields = []
    for field in table.schema:
        t = field.type
        if types.is_dictionary(t) or types.is_string_view(t) or types.is_large_string(t):
            t = _pa.string()
        elif types.is_timestamp(t) or types.is_date64(t):
            t = _pa.date32()
        fields.append(field.with_type(t))
    schema = _pa.schema(fields)
    return table if schema.equals(table.schema) else table.cast(schema)


def _ipc(table: _pa.Table) -> bytes:
    sink = _pa.BufferOutputStream()
    with _pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _table(t: Any) -> _pa.Table:
    return _pa.RecordBatchReader.from_stream(t).read_all()


def events(
    table: Any,
    *,
    summary: bool = False,
    keep_invalid: bool = False,
    on_invalid: str = "warn",
    threads: Optional[int] = None,
    chunk: int = 8192,
    data: Optional[PathLike] = None,
) -> Any:
    """Evaluate a table of attacks, as ``casus events`` does.

    table: a CSV or Parquet file's path, or a table (pyarrow, pandas, polars, anything with
    ``__arrow_c_stream__``) with the columns ``casus events`` reads: ``id``, ``date``,
    ``aggressor`` (required), ``victim``, ``lat`` and ``lon`` or ``region``, ``target``,
    ``facts`` (``provoked=true;requested=false``), ``assume`` (``ID[:VARIANT];...``); others
    are ignored. Cells may be text, dates or numbers.

    Returns the long table of obligations as a ``pyarrow.Table`` (the columns of
    ``casus events -o out.parquet``: event_id, treaty, variant, obligation, article, state,
    ccode, kind, strength, status, reasons, hypothetical), or with ``summary=True`` an
    ``Events`` tuple (obligations, summary, invalid, counts).

    Rows that cannot be evaluated are never dropped silently: ``on_invalid="warn"`` (default)
    warns with an ``InvalidRowsWarning`` listing them, ``"raise"`` raises ``InvalidInput``,
    ``"ignore"`` says nothing (``summary=True`` still lists them). ``keep_invalid`` keeps them
    in the summary, marked ``invalid``. ``threads`` (default: the machine's cores) and
    ``chunk`` change the speed, never the result.
    """
    if on_invalid not in ("warn", "raise", "ignore"):
        raise ValueError(f"on_invalid must be 'warn', 'raise' or 'ignore', not {on_invalid!r}")
    if isinstance(table, (str, _os.PathLike)):
        path, ipc = _os.fspath(table), None
    else:
        path, ipc = None, _ipc(_readable(_to_arrow(table)))
    obligations, summary_table, invalid_json, counts_json = _casus.events(
        path, ipc, summary, keep_invalid, threads, chunk, _path(data)
    )
    invalid = _json.loads(invalid_json)
    counts = _json.loads(counts_json)
    if invalid and on_invalid != "ignore":
        shown = "; ".join(f"row {r['row']} (id {r['id']}): {', '.join(r['problems'])}" for r in invalid[:5])
        more = f" ... and {counts['invalid'] - 5} more" if counts["invalid"] > 5 else ""
        message = f"{counts['invalid']} of {counts['rows']} rows could not be evaluated: {shown}{more}"
        if on_invalid == "raise":
            diagnostics = [
                {"code": "invalid-row", "severity": "error", "message": p, "field": f"row {r['row']}"}
                for r in invalid
                for p in r["problems"]
            ]
            raise InvalidInput(message, diagnostics)
        _warnings.warn(InvalidRowsWarning(message, invalid), stacklevel=2)
    out = _table(obligations)
    if not summary:
        return out
    return Events(out, _table(summary_table), invalid, counts)


def dyads(
    *,
    system: str = "cow",
    unit: str = "directed-dyad-year",
    from_: int = 1816,
    to: Optional[int] = None,
    treaties: bool = False,
    atop: Optional[PathLike] = None,
    allied: bool = False,
    collapse: str = "last",
    data: Optional[PathLike] = None,
) -> _pa.Table:
    """The state-system frame ``casus dyads`` writes, as a ``pyarrow.Table``.

    system: ``cow`` or ``gw``; unit: ``directed-dyad-year``, ``dyad-year`` or
    ``directed-dyad-day``; ``from_``/``to``: the years (1816 to this year; ``to`` default this
    year). Obligations: ``treaties=True`` joins the bundled treaties (columns ``casus_*``),
    ``atop=PATH`` an ATOP member-level file (``atop_*``); ``allied=True`` keeps only the
    allied dyads; ``collapse``: ``last`` (ATOP's rule) or ``any``. The columns are documented
    in casus-export's ``rows`` module.
    """
    return _table(
        _casus.dyads(system, unit, from_, to, treaties, _path(atop), allied, collapse, _path(data))
    )


def cascade(
    scenario: PathLike, *, data: Optional[PathLike] = None, atop: Optional[PathLike] = None
) -> Dict[str, Any]:
    """Run a scenario's cascade, as ``casus cascade --format json``: who is drawn in, round by
    round, on which side and under which obligation, who stays out and why.

    scenario: a scenario file (TOML), or the name of a bundled one (``"july-1914"``,
    ``"estonia-2026"``; the files of ``data/scenarios/``).
    """
    return _json.loads(_casus.cascade(_os.fspath(scenario), _path(data), _path(atop)))


def simulate(
    scenario: PathLike,
    *,
    samples: int = 100_000,
    seed: int = 1,
    credibility: Union[None, Mapping[str, float], Sequence[str]] = None,
    decide: str = "per-victim",
    weights: Union[None, PathLike, Mapping[str, float]] = None,
    threads: Optional[int] = None,
    data: Optional[PathLike] = None,
    atop: Optional[PathLike] = None,
) -> Dict[str, Any]:
    """Monte Carlo over a scenario, as ``casus simulate --format json``: each bound state
    honours its obligation with a probability; one result per alternative world (variant).

    credibility: overrides, ``{"USA": 0.5, "north-atlantic-treaty": 0.9}`` or
    ``["USA@north-atlantic-treaty=0.8"]``; decide: ``per-victim``, ``per-war`` or
    ``per-commitment``; weights: a CSV file (``code,weight``) or ``{"USA": 3.5, ...}``. The same
    seed gives the same result whatever ``threads``.
    """
    if weights is None:
        weights_text, weights_name = None, "weights"
    elif isinstance(weights, Mapping):
        weights_text = "".join(f"{k},{v}\n" for k, v in weights.items())
        weights_name = "weights"
    else:
        weights_name = _os.fspath(weights)
        with open(weights_name, encoding="utf-8") as f:
            weights_text = f.read()
    raw = _casus.simulate(
        _os.fspath(scenario),
        samples,
        seed,
        _assignments(credibility, "credibility"),
        decide,
        weights_text,
        weights_name,
        threads,
        _path(data),
        _path(atop),
    )
    return _json.loads(raw)


def clear_cache() -> None:
    """Forget the data sets read so far: each (data, atop) pair is read and checked once per
    process; call this after changing a data directory or an ATOP file on disk."""
    _casus.clear_cache()
