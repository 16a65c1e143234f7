"""GS124 between the statements of one definition: code of another unit between them.

A definition's unit can hold statements that are not consecutive in the source: twisted's
`conch/ssh/transport.py` binds `messages = {}`, fills it in a loop over `globals()` (which
stays in the old module), then checks it (`if "MSG_KEXDH_INIT" in messages: raise ...`),
and the check goes with `messages`. Moved, the check runs with `messages = {}`, before the
loop has filled it: the guard guards nothing, and nothing the import check compares
shows it. The same for `REG = {}`, a kept loop registering into it, then `REG.update(x)`:
of two entries under one key, another one wins.

When a later statement of a unit uses a name its unit binds, and code of another unit
between them in the source changes it at import time, the two must stay in one module: in
two, one runs wholly before the other. (Code between them that only reads it, changed by
the later statement, is GS121's.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis
from .import_order import changes
from .nodes import walk

if TYPE_CHECKING:
    from .assign import Assignment


def _uses(stmt: cst.CSTNode, name: str) -> bool:
    """Whether top-level `stmt` names `name` in code it runs when the module runs it."""
    return any(isinstance(n, cst.Name) and n.value == name
               for n in walk(stmt, into_scopes=False))


def straddle_findings(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    out = []
    owner = {i: u for u in analysis.units for i in u.stmts}
    body = analysis.module.body
    for unit in analysis.units:
        if unit.kind != "definition" or len(unit.stmts) < 2:
            continue
        home = assignment.module_of.get(unit.id, FACADE)
        for later in unit.stmts[1:]:
            found = next(((name, i) for name in sorted(unit.binds) if _uses(body[later], name)
                          for i in range(unit.stmts[0] + 1, later)
                          if (other := owner.get(i)) is not None and other.id != unit.id
                          and assignment.module_of.get(other.id, FACADE) != home
                          and changes(body[i], name, False)),
                         None)
            if found is None:
                continue
            name, index = found
            there = assignment.module_of.get(owner[index].id, FACADE)
            out.append(Finding(
                "GS124", "error", f"{name!r} is changed at import time by code between the "
                f"statements of its own definition (line {analysis.code_line(index)}, "
                f"{_label(there)}) and used again by its statement at line "
                f"{analysis.code_line(later)} ({_label(home)}): in two modules one would run "
                "wholly before the other, not in source order: map them to one module",
                str(analysis.path), analysis.code_line(later)))
    return out


def _label(module: str) -> str:
    return "the old module" if module == FACADE else module
