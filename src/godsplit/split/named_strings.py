"""What `apply --rewrite-references` says of a string in the project naming the old module
or one of its members: a setting that loads the module by name (GS214), a dotted path, a
route or a beat entry (GS215). Logger names (`getLogger("old")`, a `LOGGING` dict's keys)
are not module loads: moved code keeps logging under the old module's name."""

from __future__ import annotations

import ast
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from ..types import Finding, Plan
from .celery_names import task_names

# Calls whose string arguments are logger names, not modules: moved code keeps logging
# under the old module's name (`getLogger(__name__)` keeps its value), so they still match.
LOGGER_CALLS = frozenset({"getLogger", "get_logger", "get_task_logger", "assertLogs",
                          "assertNoLogs", "set_level", "at_level"})


def string_finding(value: str, plan: Plan, tasks: Collection[str], members: Collection[str],
                   path: Path, line: int) -> Finding | None:
    """GS214 for `value` naming the old module, GS215 for a member of it, else None.
    `tasks`: the names of the moved Celery tasks the plan pins or renames. Celery finds a
    task by its name (a route's glob or regex, an annotation, a beat entry), not by
    importing a path: a string that is a moved task's name says whether the name stays."""
    old = plan.old_module
    if value == old:
        return Finding("GS214", "info", (
            f"{old!r} is loaded by name here (imports/include/autodiscovery settings): the "
            "facade imports every new module eagerly, so all its tasks still register"
        ) if tasks else (
            f"{old!r} is named here: the old module still imports under this name and "
            "gives every name it had (the facade)"
        ), str(path), line)
    member = value[len(old) + 1:] if value.startswith(old + ".") else ""
    if member not in members:
        return None
    home = next((m for m in plan.modules if member in m.names), None)
    given = _given_name(plan, home.path, member) if home is not None else None
    if given == value or value in task_names(replace(plan, findings=tuple(
            f for f in plan.findings if f.code == "GS200"))):
        how = f"`name=` on its decorator in {home.dotted}" if given == value and home else (
            "pinned by godsplit")
        return Finding("GS215", "info", f"{value!r} names a moved Celery task; Celery matches "
                       "routes, annotations and beat entries by task name, and the task keeps "
                       f"this name ({how}), so it still matches", str(path), line)
    if value in tasks and home is not None:  # renamed (GS205): a route names no task now
        return Finding("GS215", "warning", f"{value!r} was the name of a moved Celery task, "
                       f"now named '{home.dotted}.{member}' (pin-task-names is off): Celery "
                       "matches routes, annotations and beat entries by task name, so this no "
                       "longer matches it; rename it here", str(path), line)
    return Finding("GS215", "info", f"{value!r} names a member of the split module; the old "
                   "module still gives it, so importing it by this dotted path keeps working",
                   str(path), line)


def _given_name(plan: Plan, module: Path, function: str) -> str | None:
    """The string `name=` on a decorator of `function` gives it in its new module (a Celery
    task's name, pinned by godsplit or the source's own)."""
    data = next((c.data for c in plan.changes if c.path == module), None)
    try:
        tree = ast.parse(data) if data is not None else None
    except (SyntaxError, ValueError):
        return None
    for node in tree.body if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            return next((k.value.value for d in node.decorator_list if isinstance(d, ast.Call)
                         for k in d.keywords if k.arg == "name" and isinstance(
                             k.value, ast.Constant) and isinstance(k.value.value, str)), None)
    return None
