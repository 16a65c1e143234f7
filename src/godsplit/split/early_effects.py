"""Kept statements that only act on imported objects, run before the new modules.

matplotlib's `contour.py` registers a docstring fragment on an imported object, then
decorates a class with that object, which reads the fragment as the class is created:

    _docstring.interpd.register(contour_set_attributes=...)

    @_docstring.interpd
    class ContourSet(...): ...

The registration binds nothing and names no definition, so it stays in the old module;
the facade imports the new modules first, and the class's decorator found no fragment
(KeyError, rolled back after a clean plan). Such a statement now runs before the new
modules when it reads, as the module loads, only names the source's first imports bind
(and builtins), a moved definition further down reads one of them as its module loads,
and none above it does (for those, running it early would change what they saw).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE, Finding
from .nodes import find_all

if TYPE_CHECKING:
    from collections.abc import Collection

    from .analyze import Analysis, Unit
    from .assign import Assignment


def early_effects(analysis: Analysis, assignment: Assignment, first_def: int,
                  main: Collection[Unit]) -> set[int]:
    """The kept effect units to run before the re-exports (see the module's docstring)."""
    moved = [(u, {r.name for r in u.reads if r.import_time}) for u in analysis.units
             if assignment.module_of.get(u.id, FACADE) != FACADE]
    out: set[int] = set()
    for unit in analysis.units:
        if unit.kind != "effect" or assignment.module_of.get(unit.id) != FACADE or (
                unit in main or unit.first < first_def):
            continue
        names = {r.name for r in unit.reads if r.import_time}
        if not names or not all(_imported_early(analysis, n, first_def) for n in names):
            continue
        if any(u.stmts[-1] > unit.first and reads & names for u, reads in moved) and not any(
                reads & names and _read_above(analysis, u, unit.first, names)
                for u, reads in moved):
            out.add(unit.id)
    return out


def _read_above(analysis: Analysis, unit: Unit, index: int, names: set[str]) -> bool:
    """Whether `unit`'s statements above statement `index` may read `names` as the module
    loads: a function definition only in its decorators, defaults and annotations.
    autopep8 reloads pycodestyle, then registers two of its functions with it: each
    registration moves with its function, defined above the reload, and runs after it."""
    for stmt in (analysis.module.body[i] for i in unit.stmts if i < index):
        parts: list[cst.CSTNode | None] = [stmt]
        if isinstance(stmt, cst.FunctionDef):
            parts = [*stmt.decorators, stmt.params, stmt.returns]
        if any(isinstance(n, cst.Name) and n.value in names
               for part in parts if part is not None for n in find_all(part, cst.Name)):
            return True
    return False


def _imported_early(analysis: Analysis, name: str, first_def: int) -> bool:
    """Whether only imports above the first definition bind `name` (or nothing: a builtin)."""
    return all(analysis.units[p].kind in ("import", "future") and analysis.units[p].first < first_def
               for p in analysis.binders.get(name, ()))


def runs_early(findings: list[Finding], analysis: Analysis, early: Collection[int]) -> list[Finding]:
    """`findings` with GS204 ("it now runs after the new modules are imported") saying
    where an early effect runs instead."""
    lines = {analysis.units[uid].line for uid in early if analysis.units[uid].kind == "effect"}
    return [replace(f, message="module-level statement that defines nothing stays in the facade; "
                    "it runs before the new modules are imported (it acts on imported objects "
                    "that code further down reads as its module loads)")
            if f.code == "GS204" and f.line in lines else f for f in findings]
