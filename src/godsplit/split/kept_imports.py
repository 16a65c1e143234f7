"""Stage 3a, needs: the imports of names that stay in the old module (GS112).

A new module imports the names it reads that stay in the old module (kept there) from it:
at its top when the old module is its package (always imported first) and binds them
before it imports the new modules; otherwise at its end, the late ones handed over by the
old module when it finishes. A read at import time of a name not bound yet is GS112.
Moved out of `needs` (round 31: that module was at the 400-line limit).
"""

from __future__ import annotations

from collections.abc import Collection

from ..types import FACADE, Edge, Finding
from .analyze import Analysis
from .assign import Assignment
from .layout import Layout
from .needs import MAIN, Needs


def kept_edges(
    analysis: Analysis, assignment: Assignment, needs: dict[str, Needs], layout: Layout,
    late: set[str], blocks: Collection[int] = (),
) -> tuple[list[Edge], list[Finding]]:
    """Imports of names kept in the old module. The old module imports every new module
    first; names it binds before that (`early`, the others are `late`) can be imported
    at the top of a new module when the old module is always imported first (its package);
    otherwise at the end of the new module, and late names are handed over by the old
    module when it finishes. A read at import time of a name not yet bound is an error."""
    edges, findings = [], []
    for module, need in needs.items():
        if not need.kept:
            continue
        names = tuple(sorted(need.kept))
        first = module == MAIN or (
            layout.facade_is_package and layout.dotted(module).startswith(layout.old_module + ".")
        )
        for name in names:
            why = ""
            if name in analysis.declared:
                pass  # bound at run time by code the analysis cannot follow (globals())
            elif need.kept[name] and name in late and module != MAIN:
                why = "before the old module binds it (" + ("it imports a module that imports "
                      "the old module back" if set(analysis.binders.get(name, ())) & set(blocks)
                      else "it needs names that moved") + ")"  # late_blocks
            elif need.kept[name] and not first:
                why = ("and the old module is not its package: importing the new module "
                       "first would import the old one half-done")
            if why:
                unit = analysis.unit_of(name)
                fix = f"map {name} to a module"
                if unit is not None and (unit.kind == "import" or unit.id in blocks):
                    readers = _import_time_readers(analysis, assignment, module, name)
                    fix = (f"{'an import' if unit.kind == 'import' else 'its block'} cannot "
                           f"move: keep {', '.join(readers) or 'its readers'} "
                           "in the old module with it (`keep`)")
                elif unit is not None and set(unit.stmts) & analysis.namespace_stmts:
                    fix = (f"it must stay (code binds it through globals()): keep what {module} "
                           "runs at import time with it (`keep`)")
                findings.append(Finding(
                    "GS112", "error", f"{name!r} stays in the old module but {module} reads it "
                    f"at import time, {why}; {fix}", str(analysis.path),
                    unit.line if unit else 1,
                ))
        early = tuple(n for n in names if n not in late)  # read at import time: at the top,
        parts = [early, tuple(n for n in names if n in late)] if first and module != MAIN and any(
            need.kept[n] for n in early) else [names]  # the late ones handed over (trio24)
        for part in (p for p in parts if p):
            backpatch = module != MAIN and any(n in late for n in part)
            edges.append(Edge(module, FACADE, part, any(need.kept[n] for n in part),
                              not first or backpatch, False, backpatch=backpatch))
    return edges, findings


def _import_time_readers(
    analysis: Analysis, assignment: Assignment, module: str, name: str,
) -> list[str]:
    """The names `module` binds with code that reads `name` at import time."""
    readers: set[str] = set()
    for unit in analysis.units:
        if assignment.module_of.get(unit.id) != module:
            continue
        if any(read.name == name and read.import_time for read in unit.reads):
            readers |= unit.binds
    return sorted(readers)
