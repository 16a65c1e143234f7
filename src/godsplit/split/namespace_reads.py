"""Top-level code that reads the module's namespace while the module is imported.

scipy's `stats/_discrete_distns.py` ends with `pairs = list(globals().copy().items())`
and computes its `__all__` from it. In a new module that snapshot would list the new
module's names only (`import *` lost `binom`); it stays in the old module
(`module_identity.reads_namespace`), whose re-exports bind every moved name before its
own code runs. That is the same snapshot only when no moved name is bound below it in the
source (GS127 otherwise, naming them: keep them). In a package facade the new submodules
are names of the namespace too (GS225 says so).
"""

from __future__ import annotations

from ..types import FACADE, Finding
from .analyze import Analysis
from .assign import Assignment
from .layout import Layout


def namespace_findings(analysis: Analysis, assignment: Assignment,
                       layout: Layout) -> list[Finding]:
    path = str(analysis.path)
    out = []
    for index in sorted(analysis.snapshots):
        line = analysis.code_line(index)
        below = [u for u in analysis.units if u.kind == "definition" and min(u.stmts) > index
                 and assignment.module_of.get(u.id, FACADE) != FACADE]
        if below:
            shown = ", ".join(f"{u.line} ({min(u.binds)})" for u in below[:10])
            more = f" and {len(below) - 10} more" if len(below) > 10 else ""
            out.append(Finding(
                "GS127", "error", "this code reads the module's namespace while the module is "
                "imported (globals(), vars(), locals() or dir()), so it stays in the old module, "
                "which binds every moved name before its own code runs: it would see names "
                f"bound below it that move (line{'s' * (len(below) > 1)} {shown}{more}); keep "
                "them in the old module (`keep`)", path, line,
                names=tuple(sorted(n for u in below for n in u.binds))))
        elif submodules := layout.facade_attributes(assignment.modules):
            out.append(Finding(
                "GS225", "warning", "this code reads the module's namespace while the module "
                "is imported; it stays in the old module, a package now, where the new "
                f"submodules are names too ({', '.join(submodules)})", path, line))
    return out
