"""Aliases the facade binds after its re-exports, in the order the source bound them.

rdflib 7.6's `graph.py` defines `class Graph` (with doctests) and, lines later,
`_ContextType = Graph`. Split, the alias and the class went to two new modules, and the
facade's sorted re-exports bound `_ContextType` first. `doctest.DocTestFinder` (pytest's
`--doctest-modules`) names a class's or function's tests by the first name it meets in the
module's namespace: the five `rdflib.graph.Graph...` doctests became
`rdflib.graph._ContextType...` (trial36). A moved `A = B`, where B is a moved class or
function bound before it, is not re-exported: the facade writes `A = B` after its
re-exports, so B is bound first, as in the source. The import check compares the first
name of each class and function bound under several names (`alias_order.py`, GS425).
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from ..types import FACADE
from .analyze import Analysis
from .assign import Assignment


def later_aliases(analysis: Analysis, assignment: Assignment,
                  served: Collection[str] = ()) -> dict[str, str]:
    """Moved `A = B` or `A = C = B` (one statement, each name bound once) -> B, where B is
    a moved `class` or `def` bound once, above it: the names the facade binds by assignment
    after its re-exports (`A = B`, `C = B`, in that order)."""
    body = analysis.module.body
    skip = set(served) | analysis.conditional_names | analysis.live_names | analysis.deleted_names
    out: dict[str, str] = {}
    for unit in analysis.units:
        if assignment.module_of.get(unit.id, FACADE) == FACADE or len(unit.stmts) != 1:
            continue
        stmt = body[unit.first]
        line = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and len(
            stmt.body) == 1 else None
        if not (isinstance(line, cst.Assign) and isinstance(line.value, cst.Name) and all(
                isinstance(t.target, cst.Name) for t in line.targets)):
            continue  # `A = B`, `A = C = B` (bound left to right)
        aliases = [t.target.value for t in line.targets if isinstance(t.target, cst.Name)]
        target = line.value.value
        binders = analysis.binders.get(target, ())
        if target in skip or len(binders) != 1 or binders[0] >= unit.id or any(
                a in skip or analysis.binders.get(a) != (unit.id,) for a in aliases):
            continue
        definition = analysis.units[binders[0]]
        if assignment.module_of.get(definition.id, FACADE) != FACADE and isinstance(
                body[definition.first], (cst.ClassDef, cst.FunctionDef)):
            out.update(dict.fromkeys(aliases, target))
    return out


def alias_lines(aliases: dict[str, str]) -> str:
    """The assignments, after the re-exports ("" for none)."""
    return "\n" + "".join(f"{a} = {t}\n" for a, t in aliases.items()) if aliases else ""
