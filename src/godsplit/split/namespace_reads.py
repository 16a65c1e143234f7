"""Top-level code that reads the module's namespace while the module is imported.

scipy's `stats/_discrete_distns.py` ends with `pairs = list(globals().copy().items())`
and computes its `__all__` from it. In a new module that snapshot would list the new
module's names only (`import *` lost `binom`); it stays in the old module
(`module_identity.reads_namespace`), whose re-exports bind every moved name before its
own code runs. That is the same snapshot only when no moved name is bound below it in the
source (GS127 otherwise, naming them: keep them). In a package facade the new submodules
are names of the namespace too (GS225 says so).

A `for` loop over the namespace sees its names in the order they were bound, and its loop
variables stay module names holding the last one: twisted's `conch/ssh/transport.py`
builds `messages` with `for name, value in list(globals().items())`. In the old module the
moved names are bound first, by its re-exports, so the loop would meet them in another
order (a dict filled by it would have another order, and of two keys the same another
winner) and `value` would end as another object: names above such a loop that move are
GS127 too.
"""

from __future__ import annotations

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis, Unit
from .assign import Assignment
from .layout import Layout
from .nodes import walk


def namespace_findings(analysis: Analysis, assignment: Assignment,
                       layout: Layout) -> list[Finding]:
    path = str(analysis.path)
    out = []
    for index in sorted(analysis.snapshots):
        line = analysis.code_line(index)
        ordered = _in_order(analysis.module.body[index])
        below = [u for u in analysis.units if u.kind == "definition" and (
                     min(u.stmts) > index or (ordered and min(u.stmts) < index))
                 and assignment.module_of.get(u.id, FACADE) != FACADE]
        if below and ordered:
            out.append(Finding(
                "GS127", "error", "this loop runs over the module's namespace while the module "
                "is imported, meeting its names in the order they were bound (its loop "
                "variables keep the last one); it stays in the old module, which binds the "
                "moved names first, by its imports, beside names of its own, so it would meet "
                "other names, or in another order "
                f"(line{'s' * (len(below) > 1)} {_shown(below)}): keep them in the old module "
                "(`keep`), or loop over a list of the names", path, line,
                names=tuple(sorted(n for u in below for n in u.binds))))
        elif below:
            out.append(Finding(
                "GS127", "error", "this code reads the module's namespace while the module is "
                "imported (globals(), vars(), locals() or dir()), so it stays in the old module, "
                "which binds every moved name before its own code runs: it would see names "
                f"bound below it that move (line{'s' * (len(below) > 1)} {_shown(below)}); keep "
                "them in the old module (`keep`)", path, line,
                names=tuple(sorted(n for u in below for n in u.binds))))
        elif submodules := layout.facade_attributes(assignment.modules):
            out.append(Finding(
                "GS225", "warning", "this code reads the module's namespace while the module "
                "is imported; it stays in the old module, a package now, where the new "
                f"submodules are names too ({', '.join(submodules)})", path, line))
    return out


def _shown(units: list[Unit]) -> str:
    shown = ", ".join(f"{u.line} ({min(u.binds)})" for u in units[:10])
    return shown + (f" and {len(units) - 10} more" if len(units) > 10 else "")


def _in_order(stmt: cst.CSTNode) -> bool:
    """Whether top-level `stmt` is a `for` loop over the namespace (`globals()`, `vars()`,
    `locals()`, `dir()`, with no argument), whose loop variables are module names."""
    return isinstance(stmt, cst.For) and any(
        isinstance(node, cst.Call) and not node.args and isinstance(node.func, cst.Name)
        and node.func.value in ("globals", "locals", "vars", "dir")
        for node in walk(stmt.iter, into_scopes=False))
