"""Typed views of a decision: attribute access over the JSON `casus check --format json`
prints, with ``to_dict()`` giving that JSON back unchanged."""

from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional


class ObligationFinding:
    """One obligation of a treaty an attack triggers (or leaves undecided): which article,
    what kind, how strong, the states it binds and why."""

    def __init__(self, raw: Dict[str, Any]) -> None:
        self._raw = raw
        self.obligation: str = raw.get("obligation", "")
        self.article: str = raw.get("article", "")
        self.article_title: Optional[str] = raw.get("article_title")
        self.kind: str = raw.get("kind", "")
        self.strength: str = raw.get("strength", "")
        self.operative_text: Optional[str] = raw.get("operative_text")
        self.obligated: List[Dict[str, Any]] = raw.get("obligated", [])
        self.reasons: List[Dict[str, Any]] = raw.get("reasons", [])

    @property
    def states(self) -> List[str]:
        """The codes of the states bound (``['ALB', 'BEL', ...]``)."""
        return [s["code"] for s in self.obligated]

    def to_dict(self) -> Dict[str, Any]:
        """The obligation as the CLI's JSON has it."""
        return copy.deepcopy(self._raw)

    def __repr__(self) -> str:
        return f"<ObligationFinding {self.obligation} art {self.article} {self.strength}: {len(self.obligated)} states>"


class Finding:
    """What one instrument (or variant of a proposal) comes to for the attack."""

    def __init__(self, raw: Dict[str, Any]) -> None:
        self._raw = raw
        self.treaty: str = raw.get("treaty", "")
        self.title: str = raw.get("title", "")
        self.instrument: str = raw.get("instrument", "")
        self.hypothetical: bool = bool(raw.get("hypothetical", False))
        self.variant: Optional[Dict[str, Any]] = raw.get("variant")
        self.status: str = raw.get("status", "")
        self.obligations: List[ObligationFinding] = [
            ObligationFinding(o) for o in raw.get("obligations", [])
        ]
        self.reasons: List[Dict[str, Any]] = raw.get("reasons", [])
        self.sources: List[Dict[str, Any]] = raw.get("sources", [])

    @property
    def name(self) -> str:
        """``treaty`` or ``treaty:variant``."""
        return f"{self.treaty}:{self.variant['id']}" if self.variant else self.treaty

    def to_dict(self) -> Dict[str, Any]:
        """The finding as the CLI's JSON has it."""
        return copy.deepcopy(self._raw)

    def __repr__(self) -> str:
        return f"<Finding {self.name} ({self.status}): {len(self.obligations)} obligations>"


class Decision:
    """The answer to an attack: which treaties are triggered and who they bind, which are
    not and why, what could not be decided for lack of a fact.

    The attributes follow the JSON of ``casus check --format json`` (documented in casus-core
    ``eval::decision``); ``to_dict()`` returns that JSON as a dict, equal to
    ``json.loads`` of the CLI's output.
    """

    def __init__(self, raw: Dict[str, Any]) -> None:
        self._raw = raw
        self.event: Dict[str, Any] = raw.get("event", {})
        self.hypothetical: bool = bool(raw.get("hypothetical", False))
        self.triggered: List[Finding] = [Finding(f) for f in raw.get("triggered", [])]
        self.indeterminate: List[Finding] = [Finding(f) for f in raw.get("indeterminate", [])]
        self.not_triggered: List[Finding] = [Finding(f) for f in raw.get("not_triggered", [])]
        self.other_duties: List[Dict[str, Any]] = raw.get("other_duties", [])
        self.breaches: List[Dict[str, Any]] = raw.get("breaches", [])
        self.unconcerned: List[Dict[str, Any]] = raw.get("unconcerned", [])
        self.notes: List[Any] = raw.get("notes", [])

    @property
    def bound(self) -> List[str]:
        """The codes of every state bound by a triggered instrument, sorted, each once."""
        return sorted({s for f in self.triggered for o in f.obligations for s in o.states})

    def is_triggered(self, treaty: str) -> bool:
        """Whether the instrument (``north-atlantic-treaty``) is triggered."""
        return any(f.treaty == treaty for f in self.triggered)

    def to_dict(self) -> Dict[str, Any]:
        """The decision as ``casus check --format json`` prints it."""
        return copy.deepcopy(self._raw)

    def __repr__(self) -> str:
        e = self.event
        who = f"{e.get('aggressor', {}).get('code')} attacks {e.get('victim', {}).get('code')}"
        names = ", ".join(f.name for f in self.triggered) or "nothing"
        return f"<Decision {who} on {e.get('date')}: triggers {names}; {len(self.bound)} states bound>"
