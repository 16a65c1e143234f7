"""GS214 (info) for a file that has Celery's `autodiscover_tasks()` load a split's old
`tasks` module by name: the facade imports every new module eagerly, so every task still
registers. (Moved out of `references.py`, which was at its 400-line limit, in round 29.)"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..types import Finding, Plan


def autodiscovery_findings(path: Path, data: bytes, plans: Sequence[Plan]
                           ) -> list[tuple[str, Finding]]:
    """(old module, GS214) for each split whose old module `path`'s text autodiscovers."""
    return [(plan.old_module, Finding(
        "GS214", "info", f"Celery autodiscovery loads {plan.old_module!r}: the facade "
        "imports every new module eagerly, so all its tasks still register", str(path), 1))
        for plan in plans
        if plan.old_module.endswith(".tasks") and b"autodiscover_tasks" in data]
