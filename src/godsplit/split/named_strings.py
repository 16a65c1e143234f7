"""What `apply --rewrite-references` says of a string in the project naming the old module
or one of its members: a setting that loads the module by name (GS214), a dotted path, a
route or a beat entry (GS215). Logger names (`getLogger("old")`, a `LOGGING` dict's keys)
are not module loads: moved code keeps logging under the old module's name."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from ..types import Finding, Plan

# Calls whose string arguments are logger names, not modules: moved code keeps logging
# under the old module's name (`getLogger(__name__)` keeps its value), so they still match.
LOGGER_CALLS = frozenset({"getLogger", "get_logger", "get_task_logger", "assertLogs",
                          "assertNoLogs", "set_level", "at_level"})


def string_finding(value: str, plan: Plan, tasks: Collection[str], members: Collection[str],
                   path: Path, line: int) -> Finding | None:
    """GS214 for `value` naming the old module, GS215 for a member of it, else None.
    `tasks`: the names of the moved Celery tasks."""
    old = plan.old_module
    if value == old:
        return Finding("GS214", "info", (
            f"{old!r} is loaded by name here (imports/include/autodiscovery settings): the "
            "facade imports every new module eagerly, so all its tasks still register"
        ) if tasks else (
            f"{old!r} is named here: the old module still imports under this name and "
            "gives every name it had (the facade)"
        ), str(path), line)
    if value.startswith(old + ".") and value[len(old) + 1:] in members:
        return Finding("GS215", "info", (
            f"{value!r} names a moved Celery task (a route, beat entry or annotation?); its "
            "name is pinned (pin-task-names), so it still matches"
        ) if value in tasks else (
            f"{value!r} names a member of the split module; the old module still gives it, "
            "so finding it by this dotted path keeps working"
        ), str(path), line)
    return None
