"""Names the module binds only after the code that would read them at import time has run."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .analyze import Unit


def bound_after(units: list[Unit]) -> Callable[[str, set[int]], bool]:
    """Whether the module binds a name only after all the given runners' statements: code
    they run cannot read it then (the unsplit module would fail with a NameError), so its
    reads there run later (werkzeug's `from . import http` at the end, read by a property
    getter that `_set_property(...)` in a class body makes). Not for builtins, nor a name
    a function binds (`global`), nor without runners (unknown)."""
    first: dict[str, int] = {}
    rebound: set[str] = set()
    for unit in units:
        rebound |= unit.rebinds
        for name in unit.binds:
            first[name] = min(first.get(name, unit.stmts[0]), unit.stmts[0])

    def later(name: str, runners: set[int]) -> bool:
        return bool(runners) and name in first and name not in rebound and not hasattr(
            builtins, name) and first[name] > max(units[u].stmts[-1] for u in runners)
    return later
