"""Class-based Celery tasks: `cleanup = app.register_task(Cleanup())`.

Celery names a task instance whose class sets no `name` from the class's `__name__` and
`__module__`, which change when the class moves. A moved class registered in the file
gets `name = "<old module>.<Class>"` as the first statement of its body (GS200). A
subclass would inherit that name, so a registered class that another class of the file
subclasses is left where it is named and the plan says why (GS125).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

import libcst as cst

from ..types import Finding
from .analyze import Analysis
from .literals import constant_literal
from .nodes import walk


@lru_cache(maxsize=1)  # asked once for each module of a plan, of the same source
def _registered(module: cst.Module) -> frozenset[str]:
    """Classes an instance of which the file registers: `X.register_task(C())` and the
    old `X.tasks.register(C())`. The calls in no particular order: `walk` reads the
    nodes' fields, in a third of the time of LibCST's visit (no call is in a constant
    literal: those are not entered)."""
    out = set()
    for call in walk(module, enter=lambda node: not constant_literal(node)):
        if not isinstance(call, cst.Call):
            continue
        func = call.func
        if not (isinstance(func, cst.Attribute) and call.args):
            continue
        old_api = func.attr.value == "register" and isinstance(func.value, cst.Attribute) and (
            func.value.attr.value == "tasks")
        made = call.args[0].value
        if (func.attr.value == "register_task" or old_api) and isinstance(made, cst.Call) and (
                isinstance(made.func, cst.Name)):
            out.add(made.func.value)
    return frozenset(out)


def _sets_name(node: cst.ClassDef) -> bool:
    for stmt in node.body.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else (
                    [small.target] if isinstance(small, cst.AnnAssign) else [])
                if any(isinstance(t, cst.Name) and t.value == "name" for t in targets):
                    return True
    return False


def pin_finding(task_name: str, pinned: bool, path: str, line: int) -> Finding:
    """GS200 (the task's name is pinned) or GS205 (pin-task-names is off: renamed)."""
    if pinned:
        return Finding("GS200", "info", f"Celery task name pinned to {task_name!r}", path, line)
    return Finding("GS205", "warning", f"Celery task will be renamed from {task_name!r} "
                   "(pin-task-names is off)", path, line)


def plan_task_classes(
    analysis: Analysis, stmts: Collection[int], old_module: str, pin_tasks: bool,
) -> tuple[list[tuple[int, int, str]], list[Finding]]:
    """(statement index, ClassDef node id, old task name) of each moved registered task
    class to pin, and the findings saying so."""
    registered = _registered(analysis.module)
    if not registered:
        return [], []
    classes = [(i, n) for i, n in enumerate(analysis.module.body) if isinstance(n, cst.ClassDef)]
    subclassed = {base.value.value for _, n in classes for base in n.bases
                  if isinstance(base.value, cst.Name)}
    pins: list[tuple[int, int, str]] = []
    findings: list[Finding] = []
    path = str(analysis.path)
    for index, node in classes:
        name = node.name.value
        if index not in stmts or name not in registered or _sets_name(node):
            continue
        task_name = f"{old_module}.{name}"
        line = analysis.code_line(index)
        if not pin_tasks:
            findings.append(pin_finding(task_name, False, path, line))
        elif name in subclassed or not isinstance(node.body, cst.IndentedBlock):
            findings.append(Finding(
                "GS125", "error", f"Celery task class {name} is registered by its class's "
                f"module and name ({task_name!r}), which change when it moves, and a "
                "`name` set on it would be inherited by its subclasses here: keep it in "
                "the old module, or give it `name = ...` yourself", path, line))
        else:
            pins.append((index, id(node), task_name))
            findings.append(pin_finding(task_name, True, path, line))
    return pins, findings


def pinned_class(node: cst.ClassDef, task_name: str, quote: str = '"') -> cst.ClassDef:
    """The class with `name = "<task_name>"` (in `quote`) first in its body, after its
    docstring."""
    body = node.body
    assert isinstance(body, cst.IndentedBlock)
    statements = list(body.body)
    first = statements[0] if statements else None
    docstring = isinstance(first, cst.SimpleStatementLine) and isinstance(
        first.body[0], cst.Expr) and isinstance(first.body[0].value, cst.BaseString)
    line = cst.SimpleStatementLine([cst.Assign(
        [cst.AssignTarget(cst.Name("name"))], cst.SimpleString(f"{quote}{task_name}{quote}"))])
    at = 1 if docstring else 0
    statements.insert(at, line)
    after = statements[at + 1] if len(statements) > at + 1 else None
    if isinstance(after, (cst.FunctionDef, cst.ClassDef)) and not after.leading_lines:
        statements[at + 1] = after.with_changes(leading_lines=[cst.EmptyLine(indent=False)])  # E301
    return node.with_changes(body=body.with_changes(body=statements))
