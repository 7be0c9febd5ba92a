"""The exceptions casus raises, each carrying the engine's diagnostics.

Every diagnostic is a dict in the shape of the JSON API's errors (``casus --error-format json``):
``code`` (stable, kebab-case), ``severity``, ``message``, and where known ``help`` (often
"did you mean `EST`?"), ``location`` (``{file, line, column}`` in a data file), ``field`` (the
argument the problem is in: ``victim``, ``facts[0]``) and ``related`` places.
"""

from __future__ import annotations

from typing import Any, Dict, List, Sequence
import json


class CasusError(Exception):
    """A question casus refused, or data it could not use.

    ``str(error)`` is the summary followed by each diagnostic as ``casus --error-format plain``
    prints it (with its help line); ``error.diagnostics`` holds them as dicts.
    """

    message: str
    diagnostics: List[Dict[str, Any]]

    def __init__(
        self,
        message: str,
        diagnostics: Sequence[Dict[str, Any]] = (),
        rendered: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = list(diagnostics)
        self._rendered = list(rendered)

    @property
    def codes(self) -> List[str]:
        """The diagnostics' codes, in order (``['unknown-state']``)."""
        return [d.get("code", "") for d in self.diagnostics]

    def __str__(self) -> str:
        lines = self._rendered or [
            f"{d.get('severity', 'error')}[{d.get('code', '')}]: {d.get('message', '')}"
            + (f"\n  help: {d['help']}" if d.get("help") else "")
            for d in self.diagnostics
        ]
        if not lines:
            return self.message
        if len(lines) == 1 and self.message in lines[0]:
            return lines[0]
        return "\n".join([self.message, *lines])


class InvalidInput(CasusError, ValueError):
    """The question is wrong: an unknown state or treaty, a bad date, a fact that is not
    true or false, a scenario that does not check. Also a ``ValueError``."""


class InvalidData(CasusError):
    """The data casus was given cannot be used: a data directory with errors, an ATOP file
    or a table of attacks it cannot read."""


class InvalidRowsWarning(UserWarning):
    """Some rows of a table of attacks could not be evaluated; ``rows`` lists them
    (``{row, id, problems}``, at most 1000), as ``casus events`` reports them."""

    rows: List[Dict[str, Any]]

    def __init__(self, message: str, rows: Sequence[Dict[str, Any]] = ()) -> None:
        super().__init__(message)
        self.rows = list(rows)


_CLASSES = {"CasusError": CasusError, "InvalidInput": InvalidInput, "InvalidData": InvalidData}


def _from_rust(kind: str, summary: str, diagnostics: str, rendered: List[str]) -> CasusError:
    """Called by the extension to build the exception it raises."""
    return _CLASSES.get(kind, CasusError)(summary, json.loads(diagnostics), rendered)
