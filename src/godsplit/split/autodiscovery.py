"""GS214 (info) for a file that has Celery's `autodiscover_tasks()` load a split's old
`tasks` module by name: the facade imports every new module eagerly, so every task still
registers. (Moved out of `references.py`, which was at its 400-line limit, in round 29.)

`autodiscover_tasks(packages=None, related_name="tasks")` imports `{package}.{related_name}`
for each package given, or for each installed Django app when none is given. Round 29
(celery30): Onyx has nine Celery apps, each calling `autodiscover_tasks([...])` with its
own list of packages; plan said on every one of them "Celery autodiscovery loads" the split
`user_file_processing.tasks`, which two of them list. A call whose packages are string
literals now counts only when one of them is the old module's package; a call without
packages, or with packages made at run time (`lambda: settings.INSTALLED_APPS`, a
variable), still counts: it may load any `tasks` module."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path

from ..types import Finding, Plan

_NEEDLE = b"autodiscover_tasks"


def autodiscovers(data: bytes, old_module: str) -> bool:
    """Whether a file's text has `autodiscover_tasks()` load `old_module` (GS214's judgement;
    `retire` asks it too, round 30, to keep the registration imports of such a package)."""
    return _NEEDLE in data and _loads(_calls(data), old_module)


def autodiscovery_findings(path: Path, data: bytes, plans: Sequence[Plan]
                           ) -> list[tuple[str, Finding]]:
    """(old module, GS214) for each split whose old module `path`'s text autodiscovers."""
    if _NEEDLE not in data:
        return []
    calls = _calls(data)
    return [(plan.old_module, Finding(
        "GS214", "info", f"Celery autodiscovery loads {plan.old_module!r}: the facade "
        "imports every new module eagerly, so all its tasks still register", str(path), 1))
        for plan in plans if _loads(calls, plan.old_module)]


def _calls(data: bytes) -> list[ast.Call] | None:
    """Every `autodiscover_tasks(...)` call of the file; None when it does not parse (then
    each mention of the name counts, as a call that may load any module)."""
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return None
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and (
        getattr(node.func, "attr", None) == "autodiscover_tasks"
        or getattr(node.func, "id", None) == "autodiscover_tasks")]


def _argument(call: ast.Call, index: int, keyword: str) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _loads(calls: list[ast.Call] | None, old_module: str) -> bool:
    """Whether one of `calls` may import `old_module`."""
    if calls is None:
        return old_module.endswith(".tasks")
    for call in calls:
        if any(k.arg is None for k in call.keywords) or any(
                isinstance(a, ast.Starred) for a in call.args):
            return True  # `**options`, `*args`: anything
        related = _argument(call, 1, "related_name")
        if related is None:
            suffix: str | None = "tasks"
        elif isinstance(related, ast.Constant) and isinstance(related.value, str):
            suffix = related.value
        else:
            suffix = None  # made at run time: any module
        if suffix is not None and not old_module.endswith("." + suffix):
            continue
        package = old_module[:-len(suffix) - 1] if suffix is not None else None
        packages = _argument(call, 0, "packages")
        if packages is None or (isinstance(packages, ast.Constant) and packages.value is None):
            return True  # the installed Django apps
        strings = [n.value for n in ast.walk(packages)
                   if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        if not strings or package is None or package in strings:
            return True
    return False
