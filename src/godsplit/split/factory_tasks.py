"""Celery tasks made by a decorator factory that cannot pass `name=` on.

`def fixed(queue): return app.task(queue=queue)`, then `@fixed("a") def one(): ...`: the
task is named after the module `one` is defined in (`proj.tasks.one`), and routes, beat
entries and queued messages are keyed by that name. godsplit pins a moved task's name by
adding `name=` to its decorator; `fixed` takes no such keyword (a factory passing its
`**options` on is a task decorator: `celery_names.factory_call`), so moved, the task
would be renamed. Before, the plan said nothing and the import check caught the rename
(GS414): a rollback after a plan with no errors. Now such a move is a GS135 error at the
task's line (a warning with `pin-task-names = false`, where renames are accepted), and
`suggest` keeps the task in the old module (`keeping.keep_more` keeps what an error points
at)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from ..types import FACADE, Finding, SplitConfig
from .analyze import Analysis
from .assign import Assignment
from .celery_names import celery_roots, returned_call, root_name


def fixed_factories(module: cst.Module, path: Path, decorators: tuple[str, ...]
                    ) -> frozenset[str]:
    """The module's functions returning a call of a Celery task decorator (`app.task(...)`,
    `shared_task(...)`: its root is Celery's, `celery_roots`) that passes neither `name=`
    nor `**options` on."""
    out: set[str] = set()
    roots: frozenset[str] | None = None
    for stmt in module.body:
        if not isinstance(stmt, cst.FunctionDef) or (call := returned_call(stmt)) is None:
            continue
        func = call.func
        tail = func.attr.value if isinstance(func, cst.Attribute) else (
            func.value if isinstance(func, cst.Name) else None)
        if tail not in decorators:
            continue
        roots = celery_roots(module, path) if roots is None else roots
        if root_name(call) in roots and not any(
                a.star == "**" or (a.keyword is not None and a.keyword.value == "name")
                for a in call.args):
            out.add(stmt.name.value)
    return frozenset(out)


def factory_task_findings(analysis: Analysis, assignment: Assignment,
                          split: SplitConfig) -> list[Finding]:
    """GS135 for each moved function decorated with `@F(...)` for such a factory `F`."""
    factories = fixed_factories(analysis.module, analysis.path, split.task_decorators)
    if not factories:
        return []
    out = []
    for unit in analysis.units:
        module = assignment.module_of.get(unit.id, FACADE)
        if module == FACADE:
            continue
        for index in unit.stmts:
            stmt = analysis.module.body[index]
            if not isinstance(stmt, cst.FunctionDef):
                continue
            for decorator in stmt.decorators:
                d = decorator.decorator
                if isinstance(d, cst.Call) and isinstance(d.func, cst.Name) \
                        and d.func.value in factories:
                    out.append(_finding(analysis, stmt.name.value, d.func.value, module,
                                        split.pin_task_names, analysis.code_line(index)))
    return out


def _finding(analysis: Analysis, task: str, factory: str, module: str, pinned: bool,
             line: int) -> Finding:
    what = (f"Celery task {task!r} is made by `{factory}(...)`, which calls a task decorator "
            f"without passing `name=` on: moved to {module}, Celery would name it after "
            "its new module, and routes, beat entries and queued messages use the old name")
    if not pinned:
        return Finding("GS135", "warning", what + " (pin-task-names is off)",
                       str(analysis.path), line)
    return Finding("GS135", "error", what + f"; keep {task} in the old module (`keep`), or "
                   f"let `{factory}` take `**options` and pass them on (godsplit then pins "
                   "`name=`)", str(analysis.path), line)
